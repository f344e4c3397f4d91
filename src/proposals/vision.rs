//! Vision revisions. A revision is kept as plain text per section — the text it was written
//! against and the proposed text — rather than as Yjs update bytes: update bytes are opaque and
//! only mean something against the exact document state they were made on, while two texts give
//! a readable line diff per section, can be quoted by comments, and can be checked at adoption
//! (a section edited since the proposal was staged is refused rather than overwritten). The cost:
//! a revised section is written back as plain paragraphs, so its rich formatting (headings,
//! lists, marks) is not kept; untouched sections keep theirs.

use super::{SectionRevision, SectionText};
use crate::docs::{self, VISION, VISION_SECTIONS};
use crate::error::{Error, Result};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use yrs::{Doc, ReadTxn, Transact, XmlElementPrelim, XmlFragment, XmlTextPrelim};

/// The vision's sections as plain text, as stored now.
pub(crate) fn current_sections(conn: &Connection) -> Result<Vec<(&'static str, String)>> {
    let (doc, _) = docs::load_into(conn, VISION, Doc::new())?;
    Ok(docs::vision_text(&doc))
}

fn current<'a>(sections: &'a [(&'static str, String)], name: &str) -> Result<&'a str> {
    sections.iter().find(|(s, _)| *s == name).map(|(_, t)| t.as_str()).ok_or_else(|| {
        Error::invalid(format!("{name:?} is not a vision section (one of: {})", VISION_SECTIONS.join(", ")))
    })
}

fn normalize(text: &str) -> String {
    text.lines().map(str::trim_end).collect::<Vec<_>>().join("\n").trim_end().to_owned()
}

/// Stages new section texts against the current vision.
pub(super) fn stage(now: &[(&'static str, String)], texts: Vec<SectionText>) -> Result<Vec<SectionRevision>> {
    if texts.is_empty() {
        return Err(Error::invalid("a vision revision needs at least one section"));
    }
    let mut out: Vec<SectionRevision> = Vec::new();
    for t in texts {
        let base = current(now, &t.section)?.to_owned();
        if out.iter().any(|r| r.section == t.section) {
            return Err(Error::invalid(format!("the section {:?} is revised twice", t.section)));
        }
        let proposed = normalize(&t.text);
        if proposed.chars().count() > super::MAX_TEXT {
            return Err(Error::invalid(format!(
                "the section {:?} is longer than {} characters",
                t.section,
                super::MAX_TEXT
            )));
        }
        out.push(SectionRevision { section: t.section, base, proposed });
    }
    if out.iter().all(|r| r.base == r.proposed) {
        return Err(Error::invalid("the revision changes nothing: every section is as it is now"));
    }
    Ok(out)
}

/// Refuses when a revised section changed since the revision was staged.
pub(super) fn check_base(now: &[(&'static str, String)], sections: &[SectionRevision]) -> Result<()> {
    for s in sections {
        if current(now, &s.section)? != s.base {
            return Err(Error::invalid(format!(
                "the vision section {:?} changed since this revision was written; amend the proposal against the current text",
                s.section
            )));
        }
    }
    Ok(())
}

/// Writes the revision into the stored vision: returns the one Yjs update that does it. Refuses
/// when a section changed since the revision was staged.
pub(super) fn revise(conn: &Connection, sections: &[SectionRevision], client_id: u64) -> Result<Vec<u8>> {
    let (doc, _) = docs::load_into(conn, VISION, Doc::with_client_id(client_id))?;
    check_base(&docs::vision_text(&doc), sections)?;
    let before = doc.transact().state_vector();
    let fragments: Vec<_> =
        sections.iter().map(|s| doc.get_or_insert_xml_fragment(s.section.as_str())).collect();
    {
        let mut txn = doc.transact_mut();
        for (s, fragment) in sections.iter().zip(fragments) {
            let len = fragment.len(&txn);
            fragment.remove_range(&mut txn, 0, len);
            if s.proposed.is_empty() {
                continue;
            }
            for line in s.proposed.lines() {
                let paragraph = fragment.push_back(&mut txn, XmlElementPrelim::empty("paragraph"));
                if !line.is_empty() {
                    paragraph.push_back(&mut txn, XmlTextPrelim::new(line));
                }
            }
        }
    }
    let update = doc.transact().encode_state_as_update_v1(&before);
    Ok(update)
}

/// One line of a diff.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", content = "line", rename_all = "snake_case")]
pub enum DiffLine {
    Same(String),
    Removed(String),
    Added(String),
}

/// The line diff of one revised section.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionDiff {
    pub section: String,
    pub lines: Vec<DiffLine>,
}

pub fn diff(s: &SectionRevision) -> SectionDiff {
    SectionDiff { section: s.section.clone(), lines: diff_lines(&s.base, &s.proposed) }
}

/// A line diff by longest common subsequence: sections are short (paragraphs), so the quadratic
/// table is small.
pub fn diff_lines(before: &str, after: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = if before.is_empty() { Vec::new() } else { before.lines().collect() };
    let b: Vec<&str> = if after.is_empty() { Vec::new() } else { after.lines().collect() };
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push(DiffLine::Same(a[i].to_owned()));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push(DiffLine::Removed(a[i].to_owned()));
            i += 1;
        } else {
            out.push(DiffLine::Added(b[j].to_owned()));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diff_keeps_common_lines_and_marks_the_rest() {
        let d = diff_lines("We care.\nWe decide fast.\nWe learn.", "We care.\nTeams decide.\nWe learn.");
        assert_eq!(
            d,
            vec![
                DiffLine::Same("We care.".into()),
                DiffLine::Removed("We decide fast.".into()),
                DiffLine::Added("Teams decide.".into()),
                DiffLine::Same("We learn.".into()),
            ]
        );
        assert_eq!(diff_lines("", "New"), vec![DiffLine::Added("New".into())]);
        assert_eq!(diff_lines("Old", ""), vec![DiffLine::Removed("Old".into())]);
    }
}

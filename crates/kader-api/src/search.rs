//! Search over people, roles and teams by name (and by HR employee id), accent- and
//! case-insensitive: "francoise" finds "Françoise", "JANSSENS" finds "Janssens".
//!
//! The index is one string holding every entry's folded text (NFD, combining marks removed,
//! lowercased), one entry per line, so a query is one SIMD substring scan of a few megabytes even
//! at 100,000 people; labels and details are read from the organization for the returned hits
//! only. The index belongs to one state of the organization (its seq) and is rebuilt lazily on the
//! first search after a change.

use crate::details::main_role;
use kader::id::{RoleId, TeamId};
use kader::model::{Node, NodeRef};
use kader::Org;
use memchr::memmem;
use serde::Serialize;
use ts_rs::TS;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use uuid::Uuid;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Person,
    Role,
    Team,
}

/// One search result.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct SearchHit {
    pub kind: HitKind,
    /// The person's, role's or team's id.
    pub id: Uuid,
    /// The name or title, as written.
    pub label: String,
    /// Context to tell namesakes apart: a person's role and team, a role's people and team, a
    /// team's parent team. Names only, no words to translate; may be empty.
    pub detail: String,
    /// The chart node to reveal: the role itself, a person's main role (largest share), a team's
    /// lead role; `None` when there is none.
    pub role: Option<RoleId>,
}

/// Appends `s` folded for search: decomposed (NFD), without combining marks, lowercased, with
/// control characters (such as the line separator of the index) turned into spaces.
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        // The common case, without the cost of normalization.
        out.extend(
            s.bytes().map(|b| if b.is_ascii_control() { ' ' } else { b.to_ascii_lowercase() as char }),
        );
        return;
    }
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_control() {
            out.push(' ');
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

pub(crate) struct SearchIndex {
    /// The organization state this index was built from.
    pub(crate) seq: i64,
    /// Every entry's folded text followed by `\n`.
    text: String,
    /// Where each entry's text starts in `text`, plus the end.
    starts: Vec<u32>,
    nodes: Vec<NodeRef>,
}

/// How well an entry matches: lower is better.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    /// The name starts with the query.
    Start,
    /// Every word of the query starts a word of the entry.
    WordPrefix,
    /// Every word of the query occurs somewhere.
    Inside,
}

impl SearchIndex {
    pub(crate) fn build(org: &Org, seq: i64) -> SearchIndex {
        let n = org.graph().node_count();
        let mut index = SearchIndex {
            seq,
            text: String::with_capacity(n * 24),
            starts: Vec::with_capacity(n + 1),
            nodes: Vec::with_capacity(n),
        };
        for node in org.nodes() {
            index.starts.push(index.text.len() as u32);
            index.nodes.push(node.node_ref());
            fold_into(node.name(), &mut index.text);
            let external = match node {
                Node::Person(p) => p.external_id.as_deref(),
                Node::Role(r) => r.external_id.as_deref(),
                Node::Team(_) => None,
            };
            if let Some(x) = external {
                index.text.push(' ');
                fold_into(x, &mut index.text);
            }
            index.text.push('\n');
        }
        index.starts.push(index.text.len() as u32);
        index.sorted()
    }

    /// The same entries in the order of the ranking within a tier (shorter, then alphabetical),
    /// so a search can stop as soon as it has enough names that start with the query.
    fn sorted(self) -> SearchIndex {
        let mut order: Vec<u32> = (0..self.nodes.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| {
            let (a, b) = (self.entry(a as usize), self.entry(b as usize));
            (a.len(), a).cmp(&(b.len(), b))
        });
        let mut sorted = SearchIndex {
            seq: self.seq,
            text: String::with_capacity(self.text.len()),
            starts: Vec::with_capacity(self.starts.len()),
            nodes: Vec::with_capacity(self.nodes.len()),
        };
        for i in order {
            sorted.starts.push(sorted.text.len() as u32);
            sorted
                .text
                .push_str(&self.text[self.starts[i as usize] as usize..self.starts[i as usize + 1] as usize]);
            sorted.nodes.push(self.nodes[i as usize]);
        }
        sorted.starts.push(sorted.text.len() as u32);
        sorted
    }

    /// The entry's folded text, without its line end.
    fn entry(&self, i: usize) -> &str {
        &self.text[self.starts[i] as usize..self.starts[i + 1] as usize - 1]
    }

    /// The best `limit` matches: names starting with the query first, then matches at the start
    /// of words, then anywhere; within a tier, shorter names first, then alphabetically.
    pub(crate) fn search(&self, org: &Org, query: &str, limit: usize) -> Vec<SearchHit> {
        let query = fold(query);
        let words: Vec<&str> = query.split_whitespace().collect();
        let Some(longest) = words.iter().copied().max_by_key(|w| w.len()) else { return Vec::new() };
        if limit == 0 {
            return Vec::new();
        }
        let whole = words.join(" ");
        let finder = memmem::Finder::new(longest.as_bytes());
        let bytes = self.text.as_bytes();
        // Packed (tier, text length, entry): a query of one letter matches nearly everything, and
        // integers are selected far faster than texts are compared.
        let pack = |tier: Tier, len: usize, i: usize| ((tier as u64) << 62) | ((len as u64) << 32) | i as u64;
        let mut found: Vec<u64> = Vec::new();
        let finders: Vec<memmem::Finder> = words.iter().map(|w| memmem::Finder::new(w.as_bytes())).collect();
        let (mut from, mut i, mut starting) = (0, 0, 0);
        while let Some(offset) = finder.find(&bytes[from..]) {
            let at = (from + offset) as u32;
            // Matches come in order: walk to the entry holding this one.
            while self.starts[i + 1] <= at {
                i += 1;
            }
            let text = self.entry(i);
            if let Some(tier) = rank(text, &whole, &finders) {
                found.push(pack(tier, text.len(), i));
                if tier == Tier::Start {
                    starting += 1;
                    // Entries are in ranking order: every later one ranks below these.
                    if starting == limit {
                        break;
                    }
                }
            }
            // Each entry once: go on after its line.
            from = self.starts[i + 1] as usize;
        }
        // Entries are indexed in ranking order within a tier and length, so the packed integers
        // order exactly as the ranking does.
        if found.len() > limit {
            found.select_nth_unstable(limit - 1);
            found.truncate(limit);
        }
        found.sort_unstable();
        found.iter().filter_map(|&k| hit(org, self.nodes[(k & 0xFFFF_FFFF) as usize])).collect()
    }
}

fn is_word_start(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

/// How `text` (one folded entry) matches the folded query (`whole`, and a finder per word), if
/// it contains every word.
fn rank(text: &str, whole: &str, words: &[memmem::Finder]) -> Option<Tier> {
    if text.starts_with(whole) {
        return Some(Tier::Start);
    }
    let mut tier = Tier::WordPrefix;
    for w in words {
        let mut positions = w.find_iter(text.as_bytes()).peekable();
        positions.peek()?;
        if !positions.any(|at| is_word_start(text, at)) {
            tier = Tier::Inside;
        }
    }
    Some(tier)
}

fn team_of(org: &Org, role: RoleId) -> Option<TeamId> {
    org.teams_of(role).min()
}

fn with_team(mut detail: String, org: &Org, role: RoleId) -> String {
    if let Some(team) = team_of(org, role).and_then(|t| org.team(t)) {
        if !detail.is_empty() {
            detail.push_str(" · ");
        }
        detail.push_str(&team.name);
    }
    detail
}

fn hit(org: &Org, node: NodeRef) -> Option<SearchHit> {
    Some(match org.node(node)? {
        Node::Person(p) => {
            let role = main_role(org, p.id);
            let detail = role
                .and_then(|r| org.role(r))
                .map(|r| with_team(r.title.clone(), org, r.id))
                .unwrap_or_default();
            SearchHit { kind: HitKind::Person, id: p.id.0, label: p.name.clone(), detail, role }
        }
        Node::Role(r) => {
            let mut people: Vec<&str> =
                org.fillers(r.id).filter_map(|(p, _)| org.person(p)).map(|p| p.name.as_str()).collect();
            people.sort_unstable();
            SearchHit {
                kind: HitKind::Role,
                id: r.id.0,
                label: r.title.clone(),
                detail: with_team(people.join(", "), org, r.id),
                role: Some(r.id),
            }
        }
        Node::Team(t) => {
            // Where the chart goes when the team is chosen: its lead, else any of its roles.
            let lead = crate::details::lead_of(org, t.id).map(|(r, _)| r).or_else(|| {
                org.relations_of(NodeRef::Team(t.id), false)
                    .filter_map(|rel| match *rel {
                        kader::model::Relation::MemberOf { role, .. } => Some(role),
                        _ => None,
                    })
                    .min()
            });
            let parent = org.parent_team(t.id).and_then(|p| org.team(p)).map(|p| p.name.clone());
            SearchHit {
                kind: HitKind::Team,
                id: t.id.0,
                label: t.name.clone(),
                detail: parent.unwrap_or_default(),
                role: lead,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folding_removes_accents_and_case() {
        for (input, folded) in [
            ("Françoise", "francoise"),
            ("ÉLODIE Dupré", "elodie dupre"),
            ("Noémie Müller-Lüdenscheidt", "noemie muller-ludenscheidt"),
            ("Zoë\nline", "zoe line"),
            ("plain ascii", "plain ascii"),
        ] {
            assert_eq!(fold(input), folded, "fold({input:?})");
        }
    }
}

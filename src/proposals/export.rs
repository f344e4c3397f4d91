//! Export of a proposal with its discussion, and of the decision log, as Markdown and as HTML.
//! Both are rendered from one list of [`Block`]s, so they say the same; every text a user wrote
//! is escaped (Markdown's markup characters with a backslash, HTML's with entities), so a title
//! like `<script>` or `# heading` is shown as written and never interpreted.
//!
//! What an export shows is what a participant may see at `now`: no author of an anonymous
//! answer or comment (the engine does not have one), no figures of a secret round that is still
//! open, hidden comments as "hidden" without their text, deleted ones as a tombstone.

use super::{
    comments, decisions, get, objections, outcome, preview, Anchor, Comment, Decision, DiffLine, Preview,
    Proposal, Proposed, State, Tally, Viewer,
};
use crate::date::Timestamp;
use crate::error::Result;
use crate::id::ProposalId;
use crate::model::NodeRef;
use crate::workspace::Workspace;

/// A piece of a document. Texts are plain: the renderers escape them.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Block {
    Heading(u8, String),
    Para(String),
    /// (label, value): "Rationale: …"
    Field(&'static str, String),
    List(Vec<String>),
    /// A comment at a depth in its thread.
    Comment {
        depth: usize,
        head: String,
        body: String,
    },
    Code(Vec<String>),
}

fn tally_text(t: &Tally) -> String {
    format!(
        "{} consent, {} concern, {} objection, {} stand aside",
        t.consent, t.concern, t.objection, t.stand_aside
    )
}

fn state_text(p: &Proposal, now: Timestamp) -> String {
    match p.state {
        State::Draft => "draft".into(),
        _ => p.state.describe(now),
    }
}

fn proposal_blocks(ws: &Workspace, id: ProposalId, now: Timestamp) -> Result<Vec<Block>> {
    let p = get(ws, id)?;
    let mut out = vec![
        Block::Heading(1, p.title.clone()),
        Block::Field("Kind", p.proposed.kind().as_str().into()),
        Block::Field("State", state_text(&p, now)),
        Block::Field("Author", p.author.name.clone()),
        Block::Field("Created", p.created.to_string()),
        Block::Field(
            "Answers and comments",
            if p.privacy.anonymous { "anonymous".into() } else { "named".into() },
        ),
        Block::Heading(2, "Why".into()),
        Block::Para(p.rationale.clone()),
    ];
    if !p.goals.is_empty() {
        out.push(Block::Heading(2, "Vision goals served".into()));
        out.push(Block::List(p.goals.clone()));
    }
    out.push(Block::Heading(2, "Proposed change".into()));
    match (&p.proposed, preview(ws, id)) {
        (Proposed::Vision { .. }, Ok(Preview::Vision { sections })) => {
            for s in sections {
                out.push(Block::Heading(3, format!("Section {}", s.section)));
                out.push(Block::Code(
                    s.lines
                        .iter()
                        .map(|l| match l {
                            DiffLine::Same(t) => format!("  {t}"),
                            DiffLine::Removed(t) => format!("- {t}"),
                            DiffLine::Added(t) => format!("+ {t}"),
                        })
                        .collect(),
                ));
            }
        }
        (proposed, _) => out.push(Block::List(proposed.summary())),
    }
    if !p.rounds.is_empty() {
        out.push(Block::Heading(2, "Consent rounds".into()));
        let mut rounds = Vec::new();
        for r in &p.rounds {
            let mut line = format!("Round {}: opened {}, until {}", r.number, r.opened, r.until);
            if let Some(closed) = r.closed {
                line.push_str(&format!(", closed {closed}"));
            }
            if let Some(n) = r.respondents {
                line.push_str(&format!(", {n} respondents"));
            }
            if let Some(a) = &r.amendment {
                line.push_str(&format!("; amendment: {a}"));
            }
            rounds.push(line);
        }
        out.push(Block::List(rounds));
        if let Some(o) = outcome(ws, id, now)? {
            out.push(Block::Field(
                "Result of the last round",
                match o.tally {
                    Some(t) => tally_text(&t),
                    None => format!("hidden until the round closes ({} answered so far)", o.respondents),
                },
            ));
        }
        let objections = objections(ws, id, now)?;
        if !objections.is_empty() {
            out.push(Block::Heading(3, "Objections".into()));
            out.push(Block::List(objections.iter().map(objection_text).collect()));
        }
    }
    let thread = comments(ws, id, &Viewer::default())?;
    out.push(Block::Heading(2, format!("Discussion ({} comments)", thread.len())));
    // Nodes are named as in the preview: as they are now, or as the proposal would add them.
    let after = p.proposed.ops().and_then(|ops| super::dry_run(ws.org(), ops).ok());
    let name = |node: NodeRef| {
        let found = ws.org().node(node).or_else(|| after.as_ref().and_then(|a| a.node(node)));
        found.map(|n| n.name().to_owned()).unwrap_or_else(|| "a removed node".into())
    };
    push_thread(&mut out, &thread, None, 0, &name);
    Ok(out)
}

fn objection_text(o: &super::Objection) -> String {
    let by = o.by.as_ref().map(|b| format!(" by {b}")).unwrap_or_default();
    let integration = match &o.integration {
        Some(n) => format!(" — integrated: {n}"),
        None => " — open".into(),
    };
    format!("Round {}{by}: {}{integration}", o.round, o.reason)
}

fn push_thread(
    out: &mut Vec<Block>,
    all: &[Comment],
    parent: Option<crate::id::CommentId>,
    depth: usize,
    name: &dyn Fn(NodeRef) -> String,
) {
    for c in all.iter().filter(|c| c.parent == parent) {
        let who = c.author.clone().unwrap_or_else(|| "anonymous".into());
        let on = match &c.anchor {
            Anchor::Proposal => String::new(),
            Anchor::Node { node } => format!(" on {}", name(*node)),
            Anchor::Passage { section, quote } => format!(" on \"{quote}\" in {section}"),
        };
        let edited = if c.edited.is_some() && !c.deleted { " (edited)" } else { "" };
        let (head, body) = if c.deleted {
            (format!("{}{on}", c.created), "(deleted by its author)".to_owned())
        } else if let Some(h) = &c.hidden {
            (format!("{}{on}", c.created), format!("(hidden: {h})"))
        } else {
            let reactions =
                c.reactions.iter().map(|(k, n, _)| format!("{k} {n}")).collect::<Vec<_>>().join(", ");
            let reactions = if reactions.is_empty() { String::new() } else { format!(" [{reactions}]") };
            (format!("{who}, {}{on}{edited}{reactions}", c.created), c.body.clone().unwrap_or_default())
        };
        out.push(Block::Comment { depth, head, body });
        push_thread(out, all, Some(c.id), depth + 1, name);
    }
}

fn decision_blocks(log: &[Decision]) -> Vec<Block> {
    let mut out = vec![Block::Heading(1, "Decision log".into())];
    if log.is_empty() {
        out.push(Block::Para("No decisions yet.".into()));
    }
    for d in log {
        let undone = if d.undone { " (its change was undone since)" } else { "" };
        out.push(Block::Heading(2, format!("{} — {}{undone}", d.title, d.outcome)));
        out.push(Block::Field("When", d.at.to_string()));
        out.push(Block::Field("Decided by", d.decided_by.clone()));
        out.push(Block::Field("Kind", d.kind.as_str().into()));
        out.push(Block::Field("Why", d.rationale.clone()));
        if let Some(r) = &d.reason {
            out.push(Block::Field("Reason for rejection", r.clone()));
        }
        if !d.goals.is_empty() {
            out.push(Block::Field("Vision goals served", d.goals.join("; ")));
        }
        out.push(Block::Field("What was decided", String::new()));
        out.push(Block::List(d.what.clone()));
        out.push(Block::Field("Final round", tally_text(&d.tally)));
        out.push(Block::Field("Answers", if d.anonymous { "anonymous".into() } else { "named".into() }));
        out.push(Block::List(
            d.rounds
                .iter()
                .map(|r| {
                    let amendment =
                        r.amendment.as_ref().map(|a| format!("; amendment: {a}")).unwrap_or_default();
                    format!(
                        "Round {}: {} to {}, {} respondents, {}{amendment}",
                        r.number,
                        r.opened,
                        r.closed,
                        r.respondents,
                        tally_text(&r.tally)
                    )
                })
                .collect(),
        ));
        if !d.objections.is_empty() {
            out.push(Block::Field("Objections", String::new()));
            out.push(Block::List(d.objections.iter().map(objection_text).collect()));
        }
        if let Some(seq) = d.change {
            out.push(Block::Field("Change", format!("#{seq} in the history")));
        }
    }
    out
}

// ----- rendering -----------------------------------------------------------------------------

/// Escapes text for Markdown: markup characters get a backslash, and a line cannot start a block.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push_str("  \n");
        }
        // A line that would start a list item or a setext heading.
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        let starts_block = matches!(line.chars().next(), Some('-' | '+' | '=' | '>'))
            || (digits > 0 && matches!(line[digits..].chars().next(), Some('.' | ')')));
        for (j, c) in line.chars().enumerate() {
            let at_start = starts_block && j == if digits > 0 { digits } else { 0 };
            if at_start || "\\`*_[]<>#|~&!".contains(c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Escapes text for HTML content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Heading(level, t) => {
                out.push_str(&format!("{} {}\n\n", "#".repeat(*level as usize), escape_markdown(t)))
            }
            Block::Para(t) => out.push_str(&format!("{}\n\n", escape_markdown(t))),
            Block::Field(label, t) => out.push_str(&format!("**{label}:** {}\n\n", escape_markdown(t))),
            Block::List(items) => {
                for i in items {
                    out.push_str(&format!("- {}\n", escape_markdown(i)));
                }
                out.push('\n');
            }
            Block::Comment { depth, head, body } => {
                let quote = "> ".repeat(depth + 1);
                out.push_str(&format!("{quote}**{}**  \n", escape_markdown(head)));
                for line in body.split('\n') {
                    out.push_str(&format!("{quote}{}\n", escape_markdown(line)));
                }
                out.push('\n');
            }
            Block::Code(lines) => {
                // A fence longer than any run of backticks in the text: the text cannot close it.
                let longest = lines.iter().map(|l| longest_run(l, '`')).max().unwrap_or(0);
                let fence = "`".repeat(longest.max(2) + 1);
                out.push_str(&format!("{fence}diff\n"));
                for l in lines {
                    out.push_str(l);
                    out.push('\n');
                }
                out.push_str(&format!("{fence}\n\n"));
            }
        }
    }
    out
}

fn longest_run(s: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for x in s.chars() {
        run = if x == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

fn html(title: &str, blocks: &[Block]) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>\n",
        escape_html(title)
    );
    let text = |t: &str| escape_html(t).replace('\n', "<br>\n");
    for b in blocks {
        match b {
            Block::Heading(level, t) => out.push_str(&format!("<h{level}>{}</h{level}>\n", text(t))),
            Block::Para(t) => out.push_str(&format!("<p>{}</p>\n", text(t))),
            Block::Field(label, t) => {
                out.push_str(&format!("<p><strong>{label}:</strong> {}</p>\n", text(t)))
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for i in items {
                    out.push_str(&format!("<li>{}</li>\n", text(i)));
                }
                out.push_str("</ul>\n");
            }
            Block::Comment { depth, head, body } => out.push_str(&format!(
                "<blockquote class=\"comment depth-{}\"><p><strong>{}</strong></p><p>{}</p></blockquote>\n",
                depth.min(&8),
                text(head),
                text(body)
            )),
            Block::Code(lines) => {
                out.push_str("<pre>");
                for l in lines {
                    out.push_str(&escape_html(l));
                    out.push('\n');
                }
                out.push_str("</pre>\n");
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// A proposal with its discussion, as Markdown, as a participant may see it at `now`.
pub fn proposal_markdown(ws: &Workspace, id: ProposalId, now: Timestamp) -> Result<String> {
    Ok(markdown(&proposal_blocks(ws, id, now)?))
}

/// A proposal with its discussion, as a standalone HTML page; every user text is escaped.
pub fn proposal_html(ws: &Workspace, id: ProposalId, now: Timestamp) -> Result<String> {
    let title = get(ws, id)?.title;
    Ok(html(&title, &proposal_blocks(ws, id, now)?))
}

/// The decision log as Markdown.
pub fn decision_log_markdown(ws: &Workspace) -> Result<String> {
    Ok(markdown(&decision_blocks(&decisions(ws)?)))
}

/// The decision log as a standalone HTML page; every user text is escaped.
pub fn decision_log_html(ws: &Workspace) -> Result<String> {
    Ok(html("Decision log", &decision_blocks(&decisions(ws)?)))
}

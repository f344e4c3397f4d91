//! The JSON interchange format: a complete, lossless picture of a workspace's organization.
//! `kader export FILE --format json` writes it; `kader import FILE WORKSPACE.json` restores it
//! exactly (same ids, same everything). Documented in `docs/interchange.md`.
//!
//! Output is canonical: entities sorted by id, relations by (kind, source, target), so exporting
//! the same organization twice gives byte-identical files.

use crate::error::{Error, Result};
use crate::op::Op;
use crate::org::{Org, Snapshot};
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "kader-workspace";
pub const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    format: String,
    version: u32,
    #[serde(flatten)]
    org: Snapshot,
}

/// Serializes the organization as pretty-printed JSON (with a trailing newline).
pub fn export(org: &Org) -> String {
    let doc = Document { format: FORMAT.into(), version: VERSION, org: org.snapshot() };
    let mut s = serde_json::to_string_pretty(&doc).expect("the organization serializes");
    s.push('\n');
    s
}

/// Parses an interchange document. Errors name the line and column.
pub fn parse(text: &str) -> Result<Snapshot> {
    #[derive(Deserialize)]
    struct Header {
        format: Option<String>,
        version: Option<u32>,
    }
    let h: Header = serde_json::from_str(text).map_err(|e| Error::Interchange(e.to_string()))?;
    if h.format.as_deref() != Some(FORMAT) {
        return Err(Error::Interchange(format!("\"format\" must be {FORMAT:?}; this is not a Kader workspace export")));
    }
    match h.version {
        Some(v) if v <= VERSION => {}
        Some(v) => {
            return Err(Error::Interchange(format!(
                "it is version {v} of the format, written by a newer Kader; this version reads up to {VERSION}"
            )))
        }
        None => return Err(Error::Interchange("\"version\" is missing".into())),
    }
    let doc: Document = serde_json::from_str(text).map_err(|e| Error::Interchange(e.to_string()))?;
    Ok(doc.org)
}

/// The operation that makes `org` equal to `target`: everything currently there is removed and
/// everything in `target` is added, as one change (one undo restores the previous state).
pub fn replace_op(org: &Org, target: Snapshot) -> Op {
    let mut ops = Vec::new();
    for d in org.domains() {
        ops.push(Op::RemoveDomain { id: d.id });
    }
    for n in org.nodes() {
        ops.push(match n {
            crate::model::Node::Person(p) => Op::RemovePerson { id: p.id },
            crate::model::Node::Role(r) => Op::RemoveRole { id: r.id },
            crate::model::Node::Team(t) => Op::RemoveTeam { id: t.id },
        });
    }
    ops.extend(target.teams.into_iter().map(|team| Op::AddTeam { team }));
    ops.extend(target.persons.into_iter().map(|person| Op::AddPerson { person }));
    // Roles first without accountabilities, whose `towards` may point at roles added later.
    let mut later = Vec::new();
    for mut role in target.roles {
        if role.accountabilities.iter().any(|a| a.towards.is_some()) {
            later.push(role.clone());
            role.accountabilities.clear();
        }
        ops.push(Op::AddRole { role });
    }
    ops.extend(later.into_iter().map(|role| Op::UpdateRole { role }));
    ops.extend(target.relations.into_iter().map(|relation| Op::Connect { relation }));
    ops.extend(target.domains.into_iter().map(|domain| Op::AddDomain { domain }));
    Op::batch("restore workspace from JSON", ops)
}

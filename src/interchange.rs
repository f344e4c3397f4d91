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
    persons: Vec<crate::model::Person>,
    roles: Vec<crate::model::Role>,
    teams: Vec<crate::model::Team>,
    relations: Vec<crate::model::Relation>,
    domains: Vec<crate::model::DecisionDomain>,
}

/// Serializes the organization as pretty-printed JSON (with a trailing newline).
pub fn export(org: &Org) -> String {
    let s = org.snapshot();
    let doc = Document {
        format: FORMAT.into(),
        version: VERSION,
        persons: s.persons,
        roles: s.roles,
        teams: s.teams,
        relations: s.relations,
        domains: s.domains,
    };
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
        return Err(Error::Interchange(format!(
            "\"format\" must be {FORMAT:?}; this is not a Kader workspace export"
        )));
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
    let d: Document = serde_json::from_str(text).map_err(|e| Error::Interchange(e.to_string()))?;
    Ok(Snapshot {
        persons: d.persons,
        roles: d.roles,
        teams: d.teams,
        relations: d.relations,
        domains: d.domains,
    })
}

/// The operation that makes `org` equal to `target`: everything currently there is removed and
/// everything in `target` is loaded, as one change (one undo restores the previous state).
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
    if ops.is_empty() {
        return Op::Load { org: target };
    }
    ops.push(Op::Load { org: target });
    Op::batch("restore workspace from JSON", ops)
}

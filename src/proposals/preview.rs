//! The preview of a proposal: for operations, the organization's figures before and after
//! (layers, spans, the lens's classes, autonomy) and what changes (nodes, lines, domains); for a
//! vision revision, a line diff per section.

use super::{dry_run, get, vision, Proposed, SectionDiff};
use crate::analyze::{structure_of, Structure};
use crate::error::Result;
use crate::id::ProposalId;
use crate::lens::{Lens, LensFigures};
use crate::model::{NodeRef, Relation};
use crate::org::Org;
use crate::workspace::Workspace;
use serde::Serialize;

/// The figures of one side of a preview.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figures {
    #[serde(flatten)]
    pub structure: Structure,
    #[serde(flatten)]
    pub lens: LensFigures,
}

/// What a node does in a structural preview.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeChangeKind {
    Added,
    Removed,
    Changed,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NodeChange {
    pub node: NodeRef,
    pub name: String,
    pub change: NodeChangeKind,
}

/// What a proposal would do: for operations, the figures before and after and what changes; for
/// a vision revision, a diff per section.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Preview {
    Organization {
        before: Box<Figures>,
        after: Box<Figures>,
        nodes: Vec<NodeChange>,
        relations_added: Vec<Relation>,
        relations_removed: Vec<Relation>,
        /// Decision domains added, removed or changed (levels, guardrails), by name.
        domains_changed: Vec<String>,
    },
    Vision {
        sections: Vec<SectionDiff>,
    },
}

fn figures(org: &Org) -> Figures {
    Figures { structure: structure_of(org), lens: Lens::build(org).figures(org) }
}

/// The preview of a proposal against the live organization (or vision).
pub fn preview(ws: &Workspace, id: ProposalId) -> Result<Preview> {
    let p = get(ws, id)?;
    match &p.proposed {
        Proposed::Vision { sections } => {
            Ok(Preview::Vision { sections: sections.iter().map(vision::diff).collect() })
        }
        Proposed::Structure { ops } | Proposed::Framework { ops } => {
            let before = ws.org();
            let after = dry_run(before, ops)?;
            let mut nodes = Vec::new();
            for n in before.nodes() {
                match after.node(n.node_ref()) {
                    None => nodes.push(NodeChange {
                        node: n.node_ref(),
                        name: n.name().into(),
                        change: NodeChangeKind::Removed,
                    }),
                    Some(m) if m != n => nodes.push(NodeChange {
                        node: n.node_ref(),
                        name: m.name().into(),
                        change: NodeChangeKind::Changed,
                    }),
                    Some(_) => {}
                }
            }
            for n in after.nodes().filter(|n| !before.contains(n.node_ref())) {
                nodes.push(NodeChange {
                    node: n.node_ref(),
                    name: n.name().into(),
                    change: NodeChangeKind::Added,
                });
            }
            let key = |r: &Relation| (r.kind(), r.endpoints());
            let has = |org: &Org, r: &Relation| {
                let (a, b) = r.endpoints();
                org.relation(r.kind(), a, b) == Some(r)
            };
            let mut relations_added: Vec<Relation> =
                after.relations().filter(|r| !has(before, r)).copied().collect();
            let mut relations_removed: Vec<Relation> =
                before.relations().filter(|r| !has(&after, r)).copied().collect();
            relations_added.sort_by_key(key);
            relations_removed.sort_by_key(key);
            let mut domains_changed: Vec<String> = before
                .domains()
                .filter(|d| after.domain(d.id) != Some(*d))
                .map(|d| d.name.clone())
                .chain(after.domains().filter(|d| before.domain(d.id).is_none()).map(|d| d.name.clone()))
                .collect();
            domains_changed.sort();
            nodes.sort_by_key(|n| n.node);
            Ok(Preview::Organization {
                before: Box::new(figures(before)),
                after: Box::new(figures(&after)),
                nodes,
                relations_added,
                relations_removed,
                domains_changed,
            })
        }
    }
}

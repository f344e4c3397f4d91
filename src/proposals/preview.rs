//! The preview of a proposal: for operations, the organization's figures before and after
//! (layers, spans, the lens's classes, autonomy) and what changes (nodes, lines, and per decision
//! domain its guardrails and the board's cells); for a vision revision, a line diff per section.

use super::{dry_run, get, vision, Proposed, SectionDiff};
use crate::analyze::{structure_of, Structure};
use crate::error::Result;
use crate::id::{DomainId, ProposalId};
use crate::lens::{Lens, LensFigures};
use crate::model::{DecisionDomain, Level, NodeRef, Relation, Unit};
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

/// One cell of the decision board (a domain's levels for one team or role) that a proposal
/// changes: the agreed (`current`) and `desired` levels before and after. A cell that does not
/// exist on one side has no levels there.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CellChange {
    pub subject: Unit,
    /// The team's or role's name (after the change, or before it when it is removed).
    pub name: String,
    pub current_before: Option<Level>,
    pub current_after: Option<Level>,
    pub desired_before: Option<Level>,
    pub desired_after: Option<Level>,
}

/// A decision domain a proposal adds, removes or changes: its guardrails on both sides and the
/// cells of the board that change.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DomainChange {
    pub domain: DomainId,
    pub name: String,
    pub change: NodeChangeKind,
    pub guardrails_before: Vec<String>,
    pub guardrails_after: Vec<String>,
    /// The domain's name before, when it was renamed.
    pub renamed_from: Option<String>,
    pub cells: Vec<CellChange>,
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
        domains: Vec<DomainChange>,
    },
    Vision {
        sections: Vec<SectionDiff>,
    },
}

fn figures(org: &Org) -> Figures {
    Figures { structure: structure_of(org), lens: Lens::build(org).figures(org) }
}

fn unit_name(org: &Org, u: Unit) -> Option<String> {
    org.node(NodeRef::from(u)).map(|n| n.name().to_owned())
}

/// The board's cells that differ between `before` and `after`, for one domain (either side may
/// be missing: an added or removed domain).
fn cells(
    before: Option<&DecisionDomain>,
    after: Option<&DecisionDomain>,
    org_before: &Org,
    org_after: &Org,
) -> Vec<CellChange> {
    let levels = |d: Option<&DecisionDomain>, u: Unit| {
        d.and_then(|d| d.delegations.iter().find(|e| e.subject == u)).map(|e| (e.current, e.desired))
    };
    let mut subjects: Vec<Unit> = Vec::new();
    for d in before.into_iter().chain(after) {
        for e in &d.delegations {
            if !subjects.contains(&e.subject) {
                subjects.push(e.subject);
            }
        }
    }
    let mut out: Vec<CellChange> = subjects
        .into_iter()
        .filter_map(|u| {
            let (b, a) = (levels(before, u), levels(after, u));
            if b == a {
                return None;
            }
            let (cb, db) = b.unwrap_or((None, None));
            let (ca, da) = a.unwrap_or((None, None));
            let name = unit_name(org_after, u).or_else(|| unit_name(org_before, u)).unwrap_or_default();
            Some(CellChange {
                subject: u,
                name,
                current_before: cb,
                current_after: ca,
                desired_before: db,
                desired_after: da,
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name).then(a.subject.cmp(&b.subject)));
    out
}

/// The decision domains that differ between two organizations, by name.
fn domain_changes(before: &Org, after: &Org) -> Vec<DomainChange> {
    let mut out = Vec::new();
    for b in before.domains() {
        let a = after.domain(b.id);
        if a == Some(b) {
            continue;
        }
        let change = if a.is_some() { NodeChangeKind::Changed } else { NodeChangeKind::Removed };
        let name = a.map_or(&b.name, |a| &a.name).clone();
        out.push(DomainChange {
            domain: b.id,
            renamed_from: a.filter(|a| a.name != b.name).map(|_| b.name.clone()),
            name,
            change,
            guardrails_before: b.guardrails.clone(),
            guardrails_after: a.map(|a| a.guardrails.clone()).unwrap_or_default(),
            cells: cells(Some(b), a, before, after),
        });
    }
    for a in after.domains().filter(|d| before.domain(d.id).is_none()) {
        out.push(DomainChange {
            domain: a.id,
            name: a.name.clone(),
            change: NodeChangeKind::Added,
            guardrails_before: Vec::new(),
            guardrails_after: a.guardrails.clone(),
            renamed_from: None,
            cells: cells(None, Some(a), before, after),
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name).then(a.domain.cmp(&b.domain)));
    out
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
            let domains = domain_changes(before, &after);
            nodes.sort_by_key(|n| n.node);
            Ok(Preview::Organization {
                before: Box::new(figures(before)),
                after: Box::new(figures(&after)),
                nodes,
                relations_added,
                relations_removed,
                domains,
            })
        }
    }
}

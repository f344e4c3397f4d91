//! The org chart: everything the UI needs to draw it, compact, built in one pass over the graph's
//! nodes and one over its edges (no per-role lookups), so 100,000 roles take milliseconds.

use kader::id::{PersonId, RoleId, TeamId};
use kader::model::{Fte, Node, Relation};
use kader::Org;
use petgraph::visit::NodeIndexable;
use serde::Serialize;
use ts_rs::TS;

/// The whole organization as the chart draws it.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Chart {
    /// The change this chart reflects: apply events with a higher seq, or reload.
    pub seq: i64,
    pub roles: Vec<ChartRole>,
    pub teams: Vec<ChartTeam>,
    /// People in the organization who fill no role (after their role was removed, say), sorted
    /// by name: they count among the people and are listed as unplaced, to be placed again.
    pub unplaced: Vec<UnplacedPerson>,
}

/// A person without a role.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct UnplacedPerson {
    pub id: PersonId,
    pub name: String,
}

/// One role: a box in the chart.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ChartRole {
    pub id: RoleId,
    pub title: String,
    /// The solid reporting line; `None` at the top.
    pub manager: Option<RoleId>,
    /// Secondary (dotted) lines, sorted by id.
    pub dotted: Vec<RoleId>,
    /// The team the role is a member of (of several, the one with the smallest id).
    pub team: Option<TeamId>,
    /// Who fills the role, sorted by name; empty for a vacancy.
    pub people: Vec<ChartPerson>,
    /// The HR system's employee id the role was imported from.
    pub external_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ChartPerson {
    pub id: PersonId,
    pub name: String,
    pub fte: Fte,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ChartTeam {
    pub id: TeamId,
    pub name: String,
    pub parent: Option<TeamId>,
    /// The role that leads the team (of several, the one with the smallest id).
    pub lead: Option<RoleId>,
}

const NONE: u32 = u32::MAX;

/// Keeps the smallest of the values seen: the choice does not depend on the graph's order.
pub(crate) fn keep_min<T: Ord + Copy>(cur: &mut Option<T>, new: T) {
    if cur.is_none_or(|c| new < c) {
        *cur = Some(new);
    }
}

/// Builds the chart. Roles and teams come in the graph's order.
pub(crate) fn build(org: &Org, seq: i64) -> Chart {
    let graph = org.graph();
    // Node index → position in `roles` or `teams`.
    let mut slot = vec![NONE; graph.node_bound()];
    let (_, role_count, team_count) = org.counts();
    let mut roles = Vec::with_capacity(role_count);
    let mut teams = Vec::with_capacity(team_count);
    // Whether each person node fills a role, by node index.
    let mut placed = vec![false; graph.node_bound()];
    for ix in graph.node_indices() {
        match &graph[ix] {
            Node::Role(r) => {
                slot[ix.index()] = roles.len() as u32;
                roles.push(ChartRole {
                    id: r.id,
                    title: r.title.clone(),
                    manager: None,
                    dotted: Vec::new(),
                    team: None,
                    people: Vec::new(),
                    external_id: r.external_id.clone(),
                });
            }
            Node::Team(t) => {
                slot[ix.index()] = teams.len() as u32;
                teams.push(ChartTeam { id: t.id, name: t.name.clone(), parent: None, lead: None });
            }
            Node::Person(_) => {}
        }
    }
    for e in graph.edge_indices() {
        let Some((from, to)) = graph.edge_endpoints(e) else { continue };
        match graph[e] {
            Relation::ReportsTo { manager, .. } => roles[slot[from.index()] as usize].manager = Some(manager),
            Relation::DottedLine { manager, .. } => roles[slot[from.index()] as usize].dotted.push(manager),
            Relation::MemberOf { team, .. } => keep_min(&mut roles[slot[from.index()] as usize].team, team),
            Relation::Leads { role, .. } => keep_min(&mut teams[slot[to.index()] as usize].lead, role),
            Relation::PartOf { parent, .. } => teams[slot[from.index()] as usize].parent = Some(parent),
            Relation::Fills { person, fte, .. } => {
                placed[from.index()] = true;
                let name = match &graph[from] {
                    Node::Person(p) => p.name.clone(),
                    _ => continue,
                };
                roles[slot[to.index()] as usize].people.push(ChartPerson { id: person, name, fte });
            }
            Relation::Supports { .. } | Relation::Coordinates { .. } => {}
        }
    }
    for r in &mut roles {
        if r.dotted.len() > 1 {
            r.dotted.sort_unstable();
        }
        if r.people.len() > 1 {
            r.people.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        }
    }
    let mut unplaced: Vec<UnplacedPerson> = graph
        .node_indices()
        .filter(|ix| !placed[ix.index()])
        .filter_map(|ix| match &graph[ix] {
            Node::Person(p) => Some(UnplacedPerson { id: p.id, name: p.name.clone() }),
            _ => None,
        })
        .collect();
    unplaced.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    Chart { seq, roles, teams, unplaced }
}

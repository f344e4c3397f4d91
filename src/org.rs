//! The organization as a graph: people, roles and teams are petgraph nodes, relations are edges.
//! `StableDiGraph` keeps node and edge indices valid across removals, and an id → index map
//! gives every entity a stable UUID that survives removals and files.
//!
//! Invariants, which hold after every [`Org::apply`] (successful or not):
//! - ids are unique across all nodes; names and titles are non-empty after trimming;
//! - a role has at most one `reports_to`, a team at most one `part_of`, and neither forms a cycle;
//! - there is at most one relation of a kind between two nodes, never one from a node to itself;
//! - every relation, delegation subject, domain owner and accountability target exists.
//!
//! Only this module mutates the graph, and only through [`Org::apply`], which the workspace calls.

use crate::error::{Error, Result};
use crate::id::{DomainId, IdMap, PersonId, RoleId, TeamId};
use crate::model::*;
use crate::op::Op;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Direction::{Incoming, Outgoing};
use rustc_hash::FxHashSet as HashSet;
use std::collections::BTreeMap;
use uuid::Uuid;

/// The in-memory organization. Cheap to read; mutated only through [`Org::apply`].
#[derive(Clone, Default)]
pub struct Org {
    graph: StableDiGraph<Node, Relation>,
    /// Id → node index and node kind (0 person, 1 role, 2 team): lookups need not touch the graph.
    index: IdMap<(NodeIndex, u8)>,
    domains: BTreeMap<DomainId, DecisionDomain>,
    /// How many accountabilities point `towards` something; lets removals skip a full scan.
    towards_count: usize,
}

fn uuid_of(n: NodeRef) -> Uuid {
    match n {
        NodeRef::Person(PersonId(u)) | NodeRef::Role(RoleId(u)) | NodeRef::Team(TeamId(u)) => u,
    }
}

fn kind_code(n: NodeRef) -> u8 {
    match n {
        NodeRef::Person(_) => 0,
        NodeRef::Role(_) => 1,
        NodeRef::Team(_) => 2,
    }
}

fn node_kind_name(n: NodeRef) -> &'static str {
    match n {
        NodeRef::Person(_) => "person",
        NodeRef::Role(_) => "role",
        NodeRef::Team(_) => "team",
    }
}

fn non_empty(what: &str, s: &str) -> Result<()> {
    if s.trim().is_empty() {
        Err(Error::invalid(format!("{what} must not be empty")))
    } else {
        Ok(())
    }
}

impl Org {
    pub fn new() -> Org {
        Org::default()
    }

    // ----- reading -------------------------------------------------------------------------

    /// The underlying graph, for analyses that walk it by index. Read-only.
    pub fn graph(&self) -> &StableDiGraph<Node, Relation> {
        &self.graph
    }

    pub fn node(&self, n: NodeRef) -> Option<&Node> {
        let ix = self.ix(n)?;
        Some(&self.graph[ix])
    }

    /// The graph index of a node, for analyses that walk the graph.
    pub fn index_of(&self, n: NodeRef) -> Option<NodeIndex> {
        self.ix(n)
    }

    fn ix(&self, n: NodeRef) -> Option<NodeIndex> {
        let &(ix, kind) = self.index.get(&uuid_of(n).as_u128())?;
        (kind == kind_code(n)).then_some(ix)
    }

    /// [`Org::ix`] with a memory of the last two nodes found.
    fn ix_recent(&self, n: NodeRef, recent: &mut [Option<(NodeRef, NodeIndex)>; 2]) -> Option<NodeIndex> {
        for (m, ix) in recent.iter().flatten() {
            if *m == n {
                return Some(*ix);
            }
        }
        let ix = self.ix(n)?;
        recent[1] = recent[0];
        recent[0] = Some((n, ix));
        Some(ix)
    }

    pub fn contains(&self, n: NodeRef) -> bool {
        self.ix(n).is_some()
    }

    pub fn person(&self, id: PersonId) -> Option<&Person> {
        match self.node(NodeRef::Person(id))? {
            Node::Person(p) => Some(p),
            _ => None,
        }
    }
    pub fn role(&self, id: RoleId) -> Option<&Role> {
        match self.node(NodeRef::Role(id))? {
            Node::Role(r) => Some(r),
            _ => None,
        }
    }
    pub fn team(&self, id: TeamId) -> Option<&Team> {
        match self.node(NodeRef::Team(id))? {
            Node::Team(t) => Some(t),
            _ => None,
        }
    }
    pub fn domain(&self, id: DomainId) -> Option<&DecisionDomain> {
        self.domains.get(&id)
    }

    pub fn nodes(&self) -> impl Iterator<Item = &Node> + '_ {
        self.graph.node_weights()
    }
    pub fn persons(&self) -> impl Iterator<Item = &Person> + '_ {
        self.nodes().filter_map(|n| match n {
            Node::Person(p) => Some(p),
            _ => None,
        })
    }
    pub fn roles(&self) -> impl Iterator<Item = &Role> + '_ {
        self.nodes().filter_map(|n| match n {
            Node::Role(r) => Some(r),
            _ => None,
        })
    }
    pub fn teams(&self) -> impl Iterator<Item = &Team> + '_ {
        self.nodes().filter_map(|n| match n {
            Node::Team(t) => Some(t),
            _ => None,
        })
    }
    pub fn domains(&self) -> impl Iterator<Item = &DecisionDomain> + '_ {
        self.domains.values()
    }
    pub fn relations(&self) -> impl Iterator<Item = &Relation> + '_ {
        self.graph.edge_weights()
    }

    /// (people, roles, teams)
    pub fn counts(&self) -> (usize, usize, usize) {
        let (mut p, mut r, mut t) = (0, 0, 0);
        for n in self.graph.node_weights() {
            match n {
                Node::Person(_) => p += 1,
                Node::Role(_) => r += 1,
                Node::Team(_) => t += 1,
            }
        }
        (p, r, t)
    }

    pub fn is_empty(&self) -> bool {
        self.graph.node_count() == 0 && self.domains.is_empty()
    }

    /// The relations leaving a node (`out`) or arriving at it.
    pub fn relations_of(&self, n: NodeRef, out: bool) -> impl Iterator<Item = &Relation> + '_ {
        let dir = if out { Outgoing } else { Incoming };
        self.ix(n).into_iter().flat_map(move |ix| self.graph.edges_directed(ix, dir).map(|e| e.weight()))
    }

    pub fn manager_of(&self, role: RoleId) -> Option<RoleId> {
        self.relations_of(NodeRef::Role(role), true).find_map(|r| match *r {
            Relation::ReportsTo { manager, .. } => Some(manager),
            _ => None,
        })
    }

    pub fn direct_reports(&self, role: RoleId) -> impl Iterator<Item = RoleId> + '_ {
        self.relations_of(NodeRef::Role(role), false).filter_map(|r| match *r {
            Relation::ReportsTo { role, .. } => Some(role),
            _ => None,
        })
    }

    pub fn parent_team(&self, team: TeamId) -> Option<TeamId> {
        self.relations_of(NodeRef::Team(team), true).find_map(|r| match *r {
            Relation::PartOf { parent, .. } => Some(parent),
            _ => None,
        })
    }

    /// The teams a role is a member of.
    pub fn teams_of(&self, role: RoleId) -> impl Iterator<Item = TeamId> + '_ {
        self.relations_of(NodeRef::Role(role), true).filter_map(|r| match *r {
            Relation::MemberOf { team, .. } => Some(team),
            _ => None,
        })
    }

    /// The people filling a role, with their FTE share.
    pub fn fillers(&self, role: RoleId) -> impl Iterator<Item = (PersonId, Fte)> + '_ {
        self.relations_of(NodeRef::Role(role), false).filter_map(|r| match *r {
            Relation::Fills { person, fte, .. } => Some((person, fte)),
            _ => None,
        })
    }

    /// The roles a person fills, with the FTE share.
    pub fn roles_of(&self, person: PersonId) -> impl Iterator<Item = (RoleId, Fte)> + '_ {
        self.relations_of(NodeRef::Person(person), true).filter_map(|r| match *r {
            Relation::Fills { role, fte, .. } => Some((role, fte)),
            _ => None,
        })
    }

    fn find_edge(&self, kind: RelationKind, from: NodeRef, to: NodeRef) -> Option<EdgeIndex> {
        let (a, b) = (self.ix(from)?, self.ix(to)?);
        self.graph
            .edges_directed(a, Outgoing)
            .find(|e| e.target() == b && e.weight().kind() == kind)
            .map(|e| e.id())
    }

    /// The stored relation of `kind` between two nodes, if any.
    pub fn relation(&self, kind: RelationKind, from: NodeRef, to: NodeRef) -> Option<&Relation> {
        self.find_edge(kind, from, to).map(|e| &self.graph[e])
    }

    /// True when following `next` upward from `start` reaches `target` (or `start == target`).
    fn chain_reaches<T: PartialEq + Copy>(start: T, target: T, next: impl Fn(T) -> Option<T>) -> bool {
        let mut cur = Some(start);
        while let Some(c) = cur {
            if c == target {
                return true;
            }
            cur = next(c);
        }
        false
    }

    // ----- applying operations -------------------------------------------------------------

    /// Like [`Org::apply`], but consumes the operation, which saves copying a bulk load.
    pub(crate) fn apply_owned(&mut self, op: Op) -> Result<Op> {
        match op {
            Op::Load { org } => self.load_more(org),
            op => self.apply(&op),
        }
    }

    /// Validates and applies one operation. On success returns its exact inverse; on failure the
    /// organization is exactly as it was. Crate-private: the workspace is the only caller, so that
    /// every change is also persisted, logged and broadcast.
    pub(crate) fn apply(&mut self, op: &Op) -> Result<Op> {
        match op {
            Op::AddPerson { person } => {
                non_empty("a person's name", &person.name)?;
                self.add_node(Node::Person(person.clone()))?;
                Ok(Op::RemovePerson { id: person.id })
            }
            Op::AddRole { role } => {
                self.check_role(role)?;
                self.add_node(Node::Role(role.clone()))?;
                Ok(Op::RemoveRole { id: role.id })
            }
            Op::AddTeam { team } => {
                non_empty("a team's name", &team.name)?;
                self.add_node(Node::Team(team.clone()))?;
                Ok(Op::RemoveTeam { id: team.id })
            }
            Op::UpdatePerson { person } => {
                non_empty("a person's name", &person.name)?;
                let old = self.replace_node(Node::Person(person.clone()))?;
                let Node::Person(person) = old else { unreachable!("kind checked by replace_node") };
                Ok(Op::UpdatePerson { person })
            }
            Op::UpdateRole { role } => {
                self.check_role(role)?;
                let old = self.replace_node(Node::Role(role.clone()))?;
                let Node::Role(role) = old else { unreachable!("kind checked by replace_node") };
                Ok(Op::UpdateRole { role })
            }
            Op::UpdateTeam { team } => {
                non_empty("a team's name", &team.name)?;
                let old = self.replace_node(Node::Team(team.clone()))?;
                let Node::Team(team) = old else { unreachable!("kind checked by replace_node") };
                Ok(Op::UpdateTeam { team })
            }
            Op::RemovePerson { id } => self.remove_node(NodeRef::Person(*id)),
            Op::RemoveRole { id } => self.remove_node(NodeRef::Role(*id)),
            Op::RemoveTeam { id } => self.remove_node(NodeRef::Team(*id)),
            Op::Connect { relation } => {
                self.connect(*relation)?;
                Ok(Op::Disconnect { relation: *relation })
            }
            Op::Disconnect { relation } => {
                let stored = self.disconnect(*relation)?;
                Ok(Op::Connect { relation: stored })
            }
            Op::MoveRole { role, manager } => {
                let role = *role;
                if !self.contains(NodeRef::Role(role)) {
                    return Err(Error::not_found("role", role));
                }
                let old = self.manager_of(role);
                if old == *manager {
                    return Ok(Op::MoveRole { role, manager: old });
                }
                if let Some(m) = manager {
                    // Check before touching anything, so a refused move changes nothing.
                    self.check_reports_to(role, *m)?;
                }
                if let Some(o) = old {
                    self.disconnect(Relation::ReportsTo { role, manager: o })?;
                }
                if let Some(m) = manager {
                    self.connect(Relation::ReportsTo { role, manager: *m })?;
                }
                Ok(Op::MoveRole { role, manager: old })
            }
            Op::AddDomain { domain } => {
                if self.domains.contains_key(&domain.id) {
                    return Err(Error::DuplicateId(domain.id.to_string()));
                }
                self.check_domain(domain)?;
                self.domains.insert(domain.id, domain.clone());
                Ok(Op::RemoveDomain { id: domain.id })
            }
            Op::UpdateDomain { domain } => {
                self.check_domain(domain)?;
                let slot = self
                    .domains
                    .get_mut(&domain.id)
                    .ok_or_else(|| Error::not_found("decision domain", domain.id))?;
                let old = std::mem::replace(slot, domain.clone());
                Ok(Op::UpdateDomain { domain: old })
            }
            Op::RemoveDomain { id } => {
                let old = self.domains.remove(id).ok_or_else(|| Error::not_found("decision domain", id))?;
                Ok(Op::AddDomain { domain: old })
            }
            Op::SetDelegation { domain, subject, current, desired, note } => {
                self.check_unit(*subject)?;
                let d = self
                    .domains
                    .get_mut(domain)
                    .ok_or_else(|| Error::not_found("decision domain", domain))?;
                // The inverse restores the whole domain: entry order and empty entries included.
                let old = d.clone();
                let pos = d.delegations.iter().position(|x| x.subject == *subject);
                // Clearing both levels removes the entry, unless the change is noted: then the entry
                // stays, empty, to keep its history.
                match (pos, current.is_none() && desired.is_none() && note.is_none()) {
                    (Some(i), true) => {
                        d.delegations.remove(i);
                    }
                    (Some(i), false) => {
                        d.delegations[i].current = *current;
                        d.delegations[i].desired = *desired;
                    }
                    (None, true) => {}
                    (None, false) => d.delegations.push(Delegation {
                        subject: *subject,
                        current: *current,
                        desired: *desired,
                        history: Vec::new(),
                    }),
                }
                if let (Some(n), Some(x)) = (note, d.delegations.iter_mut().find(|x| x.subject == *subject)) {
                    x.history.push(LevelChange {
                        current: *current,
                        desired: *desired,
                        by: n.by.clone(),
                        at: n.at,
                        why: n.why.clone(),
                    });
                }
                Ok(Op::UpdateDomain { domain: old })
            }
            Op::Load { org } => self.load_more(org.clone()),
            Op::Unload { persons, roles, teams, relations, domains } => {
                let mut ops = Vec::with_capacity(
                    persons.len() + roles.len() + teams.len() + relations.len() + domains.len(),
                );
                ops.extend(relations.iter().map(|&relation| Op::Disconnect { relation }));
                ops.extend(domains.iter().map(|&id| Op::RemoveDomain { id }));
                ops.extend(persons.iter().map(|&id| Op::RemovePerson { id }));
                ops.extend(roles.iter().map(|&id| Op::RemoveRole { id }));
                ops.extend(teams.iter().map(|&id| Op::RemoveTeam { id }));
                self.apply(&Op::batch("remove", ops))
            }
            Op::Batch { label, ops } => {
                let mut inverses = Vec::with_capacity(ops.len());
                for (i, op) in ops.iter().enumerate() {
                    match self.apply(op) {
                        Ok(inv) => inverses.push(inv),
                        Err(e) => {
                            // Roll back what this batch already did, newest first. Inverses are
                            // exact, so this cannot fail on a consistent graph.
                            for inv in inverses.iter().rev() {
                                self.apply(inv).expect("the inverse of an applied operation applies");
                            }
                            return Err(match e {
                                Error::Invalid(m) if ops.len() > 1 => {
                                    Error::Invalid(format!("change {} of {}: {m}", i + 1, ops.len()))
                                }
                                e => e,
                            });
                        }
                    }
                }
                inverses.reverse();
                Ok(Op::Batch { label: format!("undo {label}"), ops: inverses })
            }
        }
    }

    fn check_role(&self, role: &Role) -> Result<()> {
        non_empty("a role's title", &role.title)?;
        let mut seen = HashSet::default();
        for a in &role.accountabilities {
            non_empty("an accountability", &a.text)?;
            if !seen.insert(a.id) {
                return Err(Error::DuplicateId(a.id.to_string()));
            }
            if let Some(t) = a.towards {
                if !self.contains(t) && t != NodeRef::Role(role.id) {
                    return Err(Error::not_found(node_kind_name(t), uuid_of(t)));
                }
            }
        }
        Ok(())
    }

    fn check_unit(&self, u: Unit) -> Result<()> {
        let n = NodeRef::from(u);
        if self.contains(n) {
            Ok(())
        } else {
            Err(Error::not_found(node_kind_name(n), uuid_of(n)))
        }
    }

    fn check_domain(&self, d: &DecisionDomain) -> Result<()> {
        non_empty("a decision domain's name", &d.name)?;
        if let Some(t) = d.owner_team {
            self.check_unit(Unit::Team(t))?;
        }
        let mut seen = HashSet::default();
        for x in &d.delegations {
            self.check_unit(x.subject)?;
            if !seen.insert(x.subject) {
                return Err(Error::invalid(format!(
                    "decision domain {:?} lists the same team or role twice",
                    d.name
                )));
            }
        }
        for g in &d.guardrails {
            non_empty("a guardrail", g)?;
        }
        Ok(())
    }

    fn count_towards(node: &Node) -> usize {
        match node {
            Node::Role(r) => r.accountabilities.iter().filter(|a| a.towards.is_some()).count(),
            _ => 0,
        }
    }

    fn add_node(&mut self, node: Node) -> Result<()> {
        let n = node.node_ref();
        let u = uuid_of(n);
        if self.index.contains_key(&u.as_u128()) {
            return Err(Error::DuplicateId(u.to_string()));
        }
        self.towards_count += Self::count_towards(&node);
        let k = kind_code(n);
        let ix = self.graph.add_node(node);
        self.index.insert(u.as_u128(), (ix, k));
        Ok(())
    }

    fn replace_node(&mut self, node: Node) -> Result<Node> {
        let n = node.node_ref();
        let ix = self.ix(n).ok_or_else(|| Error::not_found(node_kind_name(n), uuid_of(n)))?;
        self.towards_count += Self::count_towards(&node);
        let old = std::mem::replace(&mut self.graph[ix], node);
        self.towards_count -= Self::count_towards(&old);
        Ok(old)
    }

    /// Removes a node with its relations, and clears references to it held by decision domains
    /// and accountabilities. The inverse restores all of it.
    fn remove_node(&mut self, n: NodeRef) -> Result<Op> {
        let ix = self.ix(n).ok_or_else(|| Error::not_found(node_kind_name(n), uuid_of(n)))?;
        let mut restore = Vec::new();
        // References from domains (owner team, delegation subjects).
        let unit = match n {
            NodeRef::Role(r) => Some(Unit::Role(r)),
            NodeRef::Team(t) => Some(Unit::Team(t)),
            NodeRef::Person(_) => None,
        };
        if let Some(unit) = unit {
            for d in self.domains.values_mut() {
                let owner_hit = matches!(unit, Unit::Team(t) if d.owner_team == Some(t));
                let deleg_hit = d.delegations.iter().any(|x| x.subject == unit);
                if owner_hit || deleg_hit {
                    restore.push(Op::UpdateDomain { domain: d.clone() });
                    if owner_hit {
                        d.owner_team = None;
                    }
                    d.delegations.retain(|x| x.subject != unit);
                }
            }
        }
        // References from accountabilities of other roles.
        if self.towards_count > 0 {
            let hits: Vec<NodeIndex> = self
                .graph
                .node_indices()
                .filter(|&i| i != ix && matches!(&self.graph[i], Node::Role(r) if r.accountabilities.iter().any(|a| a.towards == Some(n))))
                .collect();
            for i in hits {
                if let Node::Role(r) = &mut self.graph[i] {
                    restore.push(Op::UpdateRole { role: r.clone() });
                    for a in r.accountabilities.iter_mut().filter(|a| a.towards == Some(n)) {
                        a.towards = None;
                        self.towards_count -= 1;
                    }
                }
            }
        }
        let mut relations = Vec::new();
        for dir in [Outgoing, Incoming] {
            for e in self.graph.edges_directed(ix, dir) {
                relations.push(*e.weight());
            }
        }
        let node = self.graph.remove_node(ix).expect("index checked above");
        self.towards_count -= Self::count_towards(&node);
        self.index.remove(&uuid_of(n).as_u128());

        let mut inverse = Vec::with_capacity(1 + relations.len() + restore.len());
        inverse.push(match node {
            Node::Person(person) => Op::AddPerson { person },
            Node::Role(role) => Op::AddRole { role },
            Node::Team(team) => Op::AddTeam { team },
        });
        inverse.extend(relations.into_iter().map(|relation| Op::Connect { relation }));
        inverse.extend(restore);
        Ok(Op::Batch { label: "restore".into(), ops: inverse })
    }

    /// A role as a person reads it in a message: the people in it and its title (`Cis Maes
    /// (Analyst)`), since five roles may share a title; a role without a person is `"Analyst"
    /// (vacant)`.
    fn role_label(&self, role: RoleId) -> String {
        let title = self.role(role).map(|r| r.title.as_str()).unwrap_or_default();
        let mut names: Vec<&str> =
            self.fillers(role).filter_map(|(p, _)| self.person(p)).map(|p| p.name.as_str()).collect();
        names.sort_unstable();
        if names.is_empty() {
            format!("{title:?} (vacant)")
        } else {
            format!("{} ({title})", names.join(", "))
        }
    }

    fn check_reports_to(&self, role: RoleId, manager: RoleId) -> Result<()> {
        if !self.contains(NodeRef::Role(manager)) {
            return Err(Error::not_found("role", manager));
        }
        if Self::chain_reaches(manager, role, |r| self.manager_of(r)) {
            let (a, b) = (self.role_label(role), self.role_label(manager));
            return Err(Error::Cycle(format!(
                "{a} cannot report to {b}: {b} already reports to {a}, directly or through others, so this would create a cycle"
            )));
        }
        Ok(())
    }

    fn connect(&mut self, rel: Relation) -> Result<()> {
        let (from, to) = rel.endpoints();
        let (a, b) = match (self.ix(from), self.ix(to)) {
            (Some(a), Some(b)) => (a, b),
            (None, _) => return Err(Error::not_found(node_kind_name(from), uuid_of(from))),
            (_, None) => return Err(Error::not_found(node_kind_name(to), uuid_of(to))),
        };
        if a == b {
            return Err(Error::invalid(format!(
                "a {} relation cannot connect {:?} to itself",
                rel.kind().as_str(),
                self.graph[a].name()
            )));
        }
        if self.find_edge(rel.kind(), from, to).is_some() {
            return Err(Error::invalid(format!(
                "{:?} and {:?} already have a {} relation",
                self.graph[a].name(),
                self.graph[b].name(),
                rel.kind().as_str()
            )));
        }
        match rel {
            Relation::ReportsTo { role, manager } => {
                if let Some(m) = self.manager_of(role) {
                    let t = |r: RoleId| self.role(r).map(|x| x.title.clone()).unwrap_or_default();
                    return Err(Error::invalid(format!(
                        "{:?} already reports to {:?}; a role has one solid reporting line (move it instead)",
                        t(role),
                        t(m)
                    )));
                }
                self.check_reports_to(role, manager)?;
            }
            Relation::PartOf { team, parent } => {
                if let Some(p) = self.parent_team(team) {
                    let t = |x: TeamId| self.team(x).map(|x| x.name.clone()).unwrap_or_default();
                    return Err(Error::invalid(format!("team {:?} is already part of {:?}", t(team), t(p))));
                }
                if Self::chain_reaches(parent, team, |t| self.parent_team(t)) {
                    let t = |x: TeamId| self.team(x).map(|x| x.name.clone()).unwrap_or_default();
                    return Err(Error::Cycle(format!(
                        "team {:?} cannot be part of {:?}: that would make the team nesting a cycle",
                        t(team),
                        t(parent)
                    )));
                }
            }
            _ => {}
        }
        self.graph.add_edge(a, b, rel);
        Ok(())
    }

    /// Removes the relation of the same kind between the same endpoints; returns it as stored
    /// (with its FTE, which the caller may not know).
    fn disconnect(&mut self, rel: Relation) -> Result<Relation> {
        let (from, to) = rel.endpoints();
        let e = self.find_edge(rel.kind(), from, to).ok_or_else(|| {
            Error::invalid(format!(
                "there is no {} relation between {} and {}",
                rel.kind().as_str(),
                uuid_of(from),
                uuid_of(to)
            ))
        })?;
        let stored = self.graph.remove_edge(e).expect("edge found above");
        Ok(stored)
    }

    /// Checks every invariant from scratch. For tests and `kader check`; O(n).
    pub fn check_invariants(&self) -> std::result::Result<(), String> {
        for (&u, &(ix, kind)) in &self.index {
            let u = Uuid::from_u128(u);
            let n = self.graph.node_weight(ix).ok_or("index points at a removed node")?;
            if uuid_of(n.node_ref()) != u || kind_code(n.node_ref()) != kind {
                return Err(format!("index entry {u} points at another node"));
            }
            if n.name().trim().is_empty() {
                return Err(format!("node {u} has an empty name"));
            }
        }
        if self.index.len() != self.graph.node_count() {
            return Err("index and graph disagree on the node count".into());
        }
        let mut seen = HashSet::default();
        for e in self.graph.edge_references() {
            let r = e.weight();
            let (a, b) = r.endpoints();
            if self.ix(a) != Some(e.source()) || self.ix(b) != Some(e.target()) {
                return Err(format!("relation {r:?} is stored between other nodes"));
            }
            if a == b || !seen.insert((r.kind(), a, b)) {
                return Err(format!("relation {r:?} is a self-loop or a duplicate"));
            }
        }
        for r in self.roles() {
            let n = self
                .relations_of(NodeRef::Role(r.id), true)
                .filter(|x| x.kind() == RelationKind::ReportsTo)
                .count();
            if n > 1 {
                return Err(format!("role {} has {n} solid reporting lines", r.id));
            }
            let mut steps = 0usize;
            let mut cur = self.manager_of(r.id);
            while let Some(m) = cur {
                steps += 1;
                if m == r.id || steps > self.graph.node_count() {
                    return Err(format!("role {} is in a reporting cycle", r.id));
                }
                cur = self.manager_of(m);
            }
            for a in &r.accountabilities {
                if let Some(t) = a.towards {
                    if !self.contains(t) {
                        return Err(format!("accountability {} points at a missing node", a.id));
                    }
                }
            }
        }
        for t in self.teams() {
            let mut steps = 0usize;
            let mut cur = self.parent_team(t.id);
            while let Some(p) = cur {
                steps += 1;
                if p == t.id || steps > self.graph.node_count() {
                    return Err(format!("team {} is in a nesting cycle", t.id));
                }
                cur = self.parent_team(p);
            }
        }
        for d in self.domains.values() {
            if d.name.trim().is_empty() {
                return Err(format!("domain {} has an empty name", d.id));
            }
            if let Some(t) = d.owner_team {
                if self.team(t).is_none() {
                    return Err(format!("domain {} is owned by a missing team", d.id));
                }
            }
            for x in &d.delegations {
                if !self.contains(x.subject.into()) {
                    return Err(format!("domain {} delegates to a missing unit", d.id));
                }
            }
        }
        let towards: usize = self.graph.node_weights().map(Self::count_towards).sum();
        if towards != self.towards_count {
            return Err("accountability target count is stale".into());
        }
        Ok(())
    }

    /// Everything in the organization, in a canonical order (by id), for comparison and export.
    pub fn snapshot(&self) -> Snapshot {
        let mut s = Snapshot {
            persons: self.persons().cloned().collect(),
            roles: self.roles().cloned().collect(),
            teams: self.teams().cloned().collect(),
            relations: self.relations().copied().collect(),
            domains: self.domains.values().cloned().collect(),
        };
        s.persons.sort_by_key(|p| p.id);
        s.roles.sort_by_key(|r| r.id);
        s.teams.sort_by_key(|t| t.id);
        s.relations.sort_by(|x, y| {
            let (a, b) = x.endpoints();
            let (c, d) = y.endpoints();
            (x.kind(), a, b).cmp(&(y.kind(), c, d))
        });
        s
    }

    /// Builds an organization from a snapshot, validating it like any other change.
    pub fn from_snapshot(snapshot: Snapshot) -> Result<Org> {
        let nodes = snapshot.persons.len() + snapshot.roles.len() + snapshot.teams.len();
        let mut org =
            Org { graph: StableDiGraph::with_capacity(nodes, snapshot.relations.len()), ..Org::default() };
        org.load_more(snapshot)?;
        Ok(org)
    }

    /// Adds everything in `s` at once. Checks the same invariants as the single operations, in
    /// one linear pass; on failure, everything added is taken out again.
    fn load_more(&mut self, s: Snapshot) -> Result<Op> {
        if self.graph.node_count() == 0 && self.graph.capacity().0 == 0 {
            // Into an empty organization: allocate once instead of growing step by step.
            let nodes = s.persons.len() + s.roles.len() + s.teams.len();
            self.graph = StableDiGraph::with_capacity(nodes, s.relations.len());
        }
        let mut added = Added::default();
        let ids = (
            s.persons.iter().map(|p| p.id).collect(),
            s.roles.iter().map(|r| r.id).collect(),
            s.teams.iter().map(|t| t.id).collect(),
            s.domains.iter().map(|d| d.id).collect(),
        );
        match self.load_checked(s, &mut added) {
            Ok(()) => {
                // Relations between loaded nodes go with the nodes; only those joining two nodes
                // that were there before must be listed to be undone.
                let mut loaded = vec![false; petgraph::visit::NodeIndexable::node_bound(&self.graph)];
                for ix in &added.nodes {
                    loaded[ix.index()] = true;
                }
                let relations = added
                    .edges
                    .iter()
                    .filter_map(|&e| {
                        let (a, b) = self.graph.edge_endpoints(e)?;
                        (!loaded[a.index()] && !loaded[b.index()]).then(|| self.graph[e])
                    })
                    .collect();
                let (persons, roles, teams, domains) = ids;
                Ok(Op::Unload { persons, roles, teams, relations, domains })
            }
            Err(e) => {
                for d in added.domains {
                    self.domains.remove(&d);
                }
                for e in added.edges.into_iter().rev() {
                    self.graph.remove_edge(e);
                }
                for ix in added.nodes.into_iter().rev() {
                    if let Some(node) = self.graph.remove_node(ix) {
                        self.towards_count -= Self::count_towards(&node);
                        self.index.remove(&uuid_of(node.node_ref()).as_u128());
                    }
                }
                Err(e)
            }
        }
    }

    fn load_checked(&mut self, s: Snapshot, added: &mut Added) -> Result<()> {
        self.index.reserve(s.persons.len() + s.roles.len() + s.teams.len());
        for p in &s.persons {
            non_empty("a person's name", &p.name)?;
        }
        for r in &s.roles {
            non_empty("a role's title", &r.title)?;
        }
        for t in &s.teams {
            non_empty("a team's name", &t.name)?;
        }
        // Roles with accountabilities are checked once every node exists (they may point at any).
        let role_ids: Vec<RoleId> =
            s.roles.iter().filter(|r| !r.accountabilities.is_empty()).map(|r| r.id).collect();
        let nodes = s.persons.into_iter().map(Node::Person);
        let nodes =
            nodes.chain(s.roles.into_iter().map(Node::Role)).chain(s.teams.into_iter().map(Node::Team));
        for node in nodes {
            let n = node.node_ref();
            let u = uuid_of(n);
            if self.index.contains_key(&u.as_u128()) {
                return Err(Error::DuplicateId(u.to_string()));
            }
            self.towards_count += Self::count_towards(&node);
            let ix = self.graph.add_node(node);
            self.index.insert(u.as_u128(), (ix, kind_code(n)));
            added.nodes.push(ix);
        }
        for id in role_ids {
            if let Some(r) = self.role(id) {
                self.check_role(&r.clone())?;
            }
        }
        let mut hierarchy_changed = false;
        // Consecutive relations often share an end (a role's team, manager and person come
        // together): remembering the last two ends found saves a third of the index lookups.
        let mut recent: [Option<(NodeRef, NodeIndex)>; 2] = [None, None];
        for &rel in &s.relations {
            let (from, to) = rel.endpoints();
            let (a, b) = match (self.ix_recent(from, &mut recent), self.ix_recent(to, &mut recent)) {
                (Some(a), Some(b)) => (a, b),
                (None, _) => return Err(Error::not_found(node_kind_name(from), uuid_of(from))),
                (_, None) => return Err(Error::not_found(node_kind_name(to), uuid_of(to))),
            };
            if a == b {
                return Err(Error::invalid(format!(
                    "a {} relation cannot connect {:?} to itself",
                    rel.kind().as_str(),
                    self.graph[a].name()
                )));
            }
            let kind = rel.kind();
            let single = matches!(kind, RelationKind::ReportsTo | RelationKind::PartOf);
            for e in self.graph.edges_directed(a, Outgoing) {
                let k = e.weight().kind();
                if k == kind && (single || e.target() == b) {
                    let msg = if e.target() == b {
                        format!(
                            "{:?} and {:?} have the {} relation twice",
                            self.graph[a].name(),
                            self.graph[b].name(),
                            kind.as_str()
                        )
                    } else {
                        format!("{:?} has more than one {} relation", self.graph[a].name(), kind.as_str())
                    };
                    return Err(Error::invalid(msg));
                }
            }
            hierarchy_changed |= single;
            added.edges.push(self.graph.add_edge(a, b, rel));
        }
        if hierarchy_changed {
            self.check_acyclic()?;
        }
        for d in s.domains {
            if self.domains.contains_key(&d.id) {
                return Err(Error::DuplicateId(d.id.to_string()));
            }
            self.check_domain(&d)?;
            added.domains.push(d.id);
            self.domains.insert(d.id, d);
        }
        Ok(())
    }

    /// Checks that neither `reports_to` nor `part_of` forms a cycle, in linear time.
    fn check_acyclic(&self) -> Result<()> {
        let n = petgraph::visit::NodeIndexable::node_bound(&self.graph);
        // 0 unknown, 1 on the current path, 2 known to reach a top.
        let mut state = vec![0u8; n];
        let mut path: Vec<NodeIndex> = Vec::new();
        for start in self.graph.node_indices() {
            let mut cur = Some(start);
            while let Some(c) = cur {
                match state[c.index()] {
                    2 => break,
                    1 => {
                        let from = path.iter().position(|&x| x == c).unwrap_or(0);
                        let names: Vec<&str> = path[from..].iter().map(|&x| self.graph[x].name()).collect();
                        return Err(Error::Cycle(format!("these form a cycle: {}", names.join(" → "))));
                    }
                    _ => {}
                }
                state[c.index()] = 1;
                path.push(c);
                cur = self
                    .graph
                    .edges_directed(c, Outgoing)
                    .find(|e| matches!(e.weight().kind(), RelationKind::ReportsTo | RelationKind::PartOf))
                    .map(|e| e.target());
            }
            for x in path.drain(..) {
                state[x.index()] = 2;
            }
        }
        Ok(())
    }
}

#[derive(Default)]
struct Added {
    nodes: Vec<NodeIndex>,
    edges: Vec<EdgeIndex>,
    domains: Vec<DomainId>,
}

/// Every entity and relation of an organization in canonical order. Two organizations are equal
/// exactly when their snapshots are.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Snapshot {
    pub persons: Vec<Person>,
    pub roles: Vec<Role>,
    pub teams: Vec<Team>,
    pub relations: Vec<Relation>,
    pub domains: Vec<DecisionDomain>,
}

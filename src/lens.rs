//! The hierarchy lens (BRIEF, "The hierarchy lens"): for every reporting line from a role R up to
//! its manager M, whether the hierarchy acts as support, coordination or control, and the signals
//! that say so. Never a score without reasons; never a guess: a line without signals is
//! `unclassified` and says what data is missing.
//!
//! # Signals of a line R → M
//! - **Decisions held above**: every delegation entry with a current level whose work lies with R
//!   — the entry is for R itself, or for a team R is a member of but does not lead. A nested team
//!   inherits the level of the nearest team above it that has one for a domain, unless it has its
//!   own; an entry for R itself overrides its teams' for the same domain. Levels 1–3 vote
//!   *control*, 4 *coordination*, 5–7 *support*. R leads a team when it has a `leads` relation
//!   to it, or when one of its direct reports is a member of it: the team's decisions at levels
//!   1–3 are then taken *by* R, not above it.
//! - **Accountabilities**: M's accountabilities directed at R, at a team R is a member of, or at
//!   no one in particular (a manager's accountability is towards its reports unless it names
//!   someone else), tagged support, coordination or control, vote for that class (delivery does
//!   not vote).
//! - **Pass-through layer**: M has exactly one direct report: a vote for *control*.
//! - **Long decision distance**: one of R's decisions at levels 1–4 is taken 3 or more reporting
//!   hops away from R: a vote for *control*.
//! - **Wide span**: M has more than 15 direct reports. It does not vote; it caps the line: such a
//!   span leaves no room for support, so a line that would be *support* is *coordination*.
//!
//! # The rule
//! The class with the most votes wins. A tie goes to the more controlling class (control over
//! coordination over support): a line is as free as its tightest constraint. Then the wide-span
//! cap applies. No votes: `unclassified`, with the missing data as reasons.
//!
//! # Decisions, deciders and distance
//! For R and one entry at level L: at 5–7 R decides (distance 0). At 1–4 the decider is the lead
//! of the domain's owner team when it has one (other than R), otherwise R's manager; the distance
//! is the number of reporting hops between R and the decider (up to their common manager and
//! down), left out when they are in separate trees. A decision at 1–3 counts towards its
//! decider's load: the bottlenecks are the roles with the highest load.
//!
//! # Updating
//! [`Lens::build`] computes everything in one pass, linear in the size of the organization.
//! [`Lens::update`] takes an applied operation and recomputes only the roles it can affect,
//! keeping the organization-wide figures by subtracting a role's old contribution and adding its
//! new one; operations that touch much of the organization (a load, a removal) rebuild. A property
//! test holds the two equal after any sequence of operations.

use crate::id::{AccountabilityId, DomainId, IdMap, RoleId, TeamId};
use crate::model::{AccountabilityKind, Level, Node, NodeRef, Relation, RelationKind, Unit};
use crate::op::Op;
use crate::org::Org;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Direction::{Incoming, Outgoing};
use serde::Serialize;
use std::collections::HashSet;

/// Delegation entries by subject, hashed like ids.
type BySubject = std::collections::HashMap<
    Unit,
    Vec<(DomainId, Level)>,
    std::hash::BuildHasherDefault<crate::id::IdHasher>,
>;

/// More direct reports than this is a wide span.
pub const WIDE_SPAN: u32 = 15;
/// A decision this many hops away from the role doing the work, or more, is distant.
pub const LONG_DISTANCE: u32 = 3;
/// How many bottleneck roles the figures list.
pub const BOTTLENECKS: usize = 10;

/// What the hierarchy does on one reporting line.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineClass {
    Support,
    Coordination,
    Control,
    Unclassified,
}

impl LineClass {
    pub const ALL: [LineClass; 4] =
        [LineClass::Support, LineClass::Coordination, LineClass::Control, LineClass::Unclassified];
    pub fn as_str(self) -> &'static str {
        match self {
            LineClass::Support => "support",
            LineClass::Coordination => "coordination",
            LineClass::Control => "control",
            LineClass::Unclassified => "unclassified",
        }
    }
    /// The class a delegation level votes for.
    pub fn of_level(level: Level) -> LineClass {
        match level.get() {
            1..=3 => LineClass::Control,
            4 => LineClass::Coordination,
            _ => LineClass::Support,
        }
    }
    fn of_accountability(kind: AccountabilityKind) -> Option<LineClass> {
        match kind {
            AccountabilityKind::Delivery => None,
            AccountabilityKind::Support => Some(LineClass::Support),
            AccountabilityKind::Coordination => Some(LineClass::Coordination),
            AccountabilityKind::Control => Some(LineClass::Control),
        }
    }
}

/// How the class of a line was decided.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// No signal: the line is unclassified.
    NoSignal,
    /// Every vote is for one class.
    Agreement,
    /// Signals disagree; one class has the most votes.
    Majority,
    /// Signals disagree and the top classes tie: the more controlling one wins.
    TieTowardsControl,
    /// The votes say support, but the manager's span is too wide to support: coordination.
    WideSpanCap,
}

/// One signal of a line, by ids (names are read when the line is reported).
#[derive(Clone, Debug, PartialEq)]
enum Signal {
    Decision { domain: DomainId, subject: Unit, level: Level },
    Accountability { id: AccountabilityId, kind: AccountabilityKind },
    PassThrough,
    WideSpan { reports: u32 },
    Distance { domain: DomainId, hops: u32, decider: RoleId },
}

impl Signal {
    fn vote(&self) -> Option<LineClass> {
        match self {
            Signal::Decision { level, .. } => Some(LineClass::of_level(*level)),
            Signal::Accountability { kind, .. } => LineClass::of_accountability(*kind),
            Signal::PassThrough | Signal::Distance { .. } => Some(LineClass::Control),
            Signal::WideSpan { .. } => None,
        }
    }
}

/// One decision of a role: who decides it, how far away.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Pair {
    level: Level,
    decider: Option<RoleId>,
    hops: Option<u32>,
}

#[derive(Clone, Debug, PartialEq)]
struct Line {
    manager: RoleId,
    class: LineClass,
    rule: Rule,
    signals: Vec<Signal>,
}

/// Everything the lens knows about one role: its line up (if it has a manager) and its decisions.
#[derive(Clone, Debug, Default, PartialEq)]
struct RoleState {
    line: Option<Line>,
    pairs: Vec<Pair>,
}

/// The organization-wide sums the figures are read from.
#[derive(Clone, Debug, Default, PartialEq)]
struct Totals {
    classes: [u64; 4],
    /// Decisions at levels 1–3 per deciding role.
    load: IdMap<u32>,
    hops_sum: u64,
    hops_n: u64,
    /// How many decisions are at each distance (for the maximum under removals).
    hops: Vec<u64>,
    /// Pass-through managers, keyed by manager, with their one report.
    pass_through: IdMap<RoleId>,
}

/// Counts of delegation entries of one domain, for autonomy.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct DomainCount {
    entries: u32,
    autonomous: u32,
}

/// The hierarchy lens of an organization, kept up to date change by change.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lens {
    roles: IdMap<RoleState>,
    /// The delegation entries with a current level, by subject: (domain, level).
    by_subject: BySubject,
    /// The subjects and owner team of every domain, to find what a changed domain touched.
    domains: IdMap<(Option<TeamId>, Vec<Unit>, DomainCount)>,
    totals: Totals,
}

fn key(r: RoleId) -> u128 {
    r.0.as_u128()
}

/// What the lens computes for one role from the organization, walking the graph by index (no id
/// lookups on the hot path); reused across many roles in a build, where spans are counted once.
struct Ctx<'a> {
    org: &'a Org,
    lens_by_subject: &'a BySubject,
    /// Direct reports per node index, when counted for the whole graph (a build).
    spans: Option<Vec<u32>>,
    /// Spans counted on demand (an update).
    counted: std::collections::HashMap<NodeIndex, u32>,
}

impl<'a> Ctx<'a> {
    fn new(org: &'a Org, lens_by_subject: &'a BySubject, whole: bool) -> Ctx<'a> {
        let spans = whole.then(|| {
            let g = org.graph();
            let mut spans = vec![0u32; petgraph::visit::NodeIndexable::node_bound(g)];
            for e in g.edge_references() {
                if let Relation::ReportsTo { .. } = e.weight() {
                    spans[e.target().index()] += 1;
                }
            }
            spans
        });
        Ctx { org, lens_by_subject, spans, counted: Default::default() }
    }

    fn span(&mut self, m: NodeIndex) -> u32 {
        if let Some(spans) = &self.spans {
            return spans[m.index()];
        }
        let g = self.org.graph();
        *self.counted.entry(m).or_insert_with(|| {
            g.edges_directed(m, Incoming).filter(|e| matches!(e.weight(), Relation::ReportsTo { .. })).count()
                as u32
        })
    }

    /// The teams of the role at `ix` it is a member of (with their graph index), with whether it
    /// leads each, and the teams it leads explicitly.
    #[allow(clippy::type_complexity)]
    fn teams(&self, ix: NodeIndex) -> (Vec<(TeamId, NodeIndex, bool)>, Vec<TeamId>) {
        let g = self.org.graph();
        let mut out: Vec<(TeamId, NodeIndex, bool)> = Vec::new();
        let mut leads: Vec<TeamId> = Vec::new();
        for e in g.edges_directed(ix, Outgoing) {
            match *e.weight() {
                Relation::MemberOf { team, .. } => out.push((team, e.target(), false)),
                Relation::Leads { team, .. } => leads.push(team),
                _ => {}
            }
        }
        if out.is_empty() {
            return (out, leads);
        }
        for x in out.iter_mut() {
            x.2 = leads.contains(&x.0);
        }
        if out.iter().any(|x| !x.2) {
            for e in g.edges_directed(ix, Incoming) {
                if let Relation::ReportsTo { .. } = e.weight() {
                    for f in g.edges_directed(e.source(), Outgoing) {
                        if let Relation::MemberOf { team, .. } = *f.weight() {
                            if let Some(x) = out.iter_mut().find(|x| x.0 == team) {
                                x.2 = true;
                            }
                        }
                    }
                }
            }
        }
        (out, leads)
    }

    /// The decisions whose work lies with R: entries for R itself, then for each of its teams the
    /// entry of the nearest team up the nesting (the team, its parent…) that has one for a
    /// domain — a nested team inherits its parent's levels unless it has its own — skipping the
    /// entries of a team R leads (those decisions are R's to take, not held above it).
    fn decisions(
        &self,
        r: RoleId,
        teams: &[(TeamId, NodeIndex, bool)],
        leads: &[TeamId],
    ) -> Vec<(DomainId, Unit, Level)> {
        let mut out: Vec<(DomainId, Unit, Level)> = Vec::new();
        if self.lens_by_subject.is_empty() {
            return out;
        }
        if let Some(entries) = self.lens_by_subject.get(&Unit::Role(r)) {
            out.extend(entries.iter().map(|&(d, l)| (d, Unit::Role(r), l)));
        }
        let own = out.len();
        let g = self.org.graph();
        let mut seen: Vec<DomainId> = Vec::new();
        for &(team, team_ix, leads_team) in teams {
            seen.clear();
            seen.extend(out[..own].iter().map(|x| x.0));
            let (mut cur, mut cur_ix, mut led) = (team, team_ix, leads_team);
            let mut depth = 0;
            loop {
                if let Some(entries) = self.lens_by_subject.get(&Unit::Team(cur)) {
                    for &(d, l) in entries {
                        if !seen.contains(&d) {
                            seen.push(d);
                            if !led {
                                out.push((d, Unit::Team(cur), l));
                            }
                        }
                    }
                }
                let parent = g.edges_directed(cur_ix, Outgoing).find_map(|e| match *e.weight() {
                    Relation::PartOf { parent, .. } => Some((parent, e.target())),
                    _ => None,
                });
                depth += 1;
                match parent {
                    // Nesting never cycles (an invariant); the depth bound only guards the loop.
                    Some((p, p_ix)) if depth < 10_000 => {
                        cur = p;
                        cur_ix = p_ix;
                        led = leads.contains(&p);
                    }
                    _ => break,
                }
            }
        }
        out.sort_by_key(|&(d, s, _)| (d, s));
        out.dedup_by_key(|x| (x.0, x.1));
        out
    }

    /// The role that decides a domain owned by `owner` for R at levels 1–4: the owner team's
    /// lead, or else R's manager.
    fn decider(&self, r: RoleId, owner: Option<TeamId>, manager: Option<RoleId>) -> Option<RoleId> {
        owner.and_then(|t| team_lead(self.org, t)).filter(|&l| l != r).or(manager)
    }

    fn compute(&mut self, ix: NodeIndex) -> RoleState {
        let org = self.org;
        let g = org.graph();
        let Node::Role(role) = &g[ix] else { return RoleState::default() };
        let r = role.id;
        let m_ix = g.edges_directed(ix, Outgoing).find_map(|e| match e.weight() {
            Relation::ReportsTo { .. } => Some(e.target()),
            _ => None,
        });
        let mrole = m_ix.and_then(|m| match &g[m] {
            Node::Role(mr) => Some(mr),
            _ => None,
        });
        let manager = mrole.map(|m| m.id);
        let (teams, leads) = self.teams(ix);
        let decisions = self.decisions(r, &teams, &leads);
        let mut pairs = Vec::with_capacity(decisions.len());
        let mut farthest: Option<(DomainId, u32, RoleId)> = None;
        for &(d, _, level) in &decisions {
            let pair = if level.get() >= 5 {
                Pair { level, decider: Some(r), hops: Some(0) }
            } else {
                let owner = org.domain(d).and_then(|x| x.owner_team);
                let decider = self.decider(r, owner, manager);
                let hops =
                    decider.and_then(|x| if Some(x) == manager { Some(1) } else { distance(org, r, x) });
                if let (Some(x), Some(h)) = (decider, hops) {
                    if h >= LONG_DISTANCE && farthest.is_none_or(|f| h > f.1) {
                        farthest = Some((d, h, x));
                    }
                }
                Pair { level, decider, hops }
            };
            pairs.push(pair);
        }
        let line = match (m_ix, mrole) {
            (Some(m_ix), Some(mrole)) => {
                let m = mrole.id;
                let mut signals: Vec<Signal> = decisions
                    .iter()
                    .map(|&(domain, subject, level)| Signal::Decision { domain, subject, level })
                    .collect();
                for a in &mrole.accountabilities {
                    let towards_r = match a.towards {
                        Some(NodeRef::Role(x)) => x == r,
                        Some(NodeRef::Team(t)) => teams.iter().any(|x| x.0 == t),
                        Some(NodeRef::Person(_)) => false,
                        // A manager's accountability that names no one is towards its reports.
                        None => true,
                    };
                    if towards_r && LineClass::of_accountability(a.kind).is_some() {
                        signals.push(Signal::Accountability { id: a.id, kind: a.kind });
                    }
                }
                let span = self.span(m_ix);
                if span == 1 {
                    signals.push(Signal::PassThrough);
                }
                if let Some((domain, hops, decider)) = farthest {
                    signals.push(Signal::Distance { domain, hops, decider });
                }
                if span > WIDE_SPAN {
                    signals.push(Signal::WideSpan { reports: span });
                }
                let (class, rule) = classify(&signals);
                Some(Line { manager: m, class, rule, signals })
            }
            _ => None,
        };
        RoleState { line, pairs }
    }
}

/// The class of a line from its signals, by the rule of the module documentation.
fn classify(signals: &[Signal]) -> (LineClass, Rule) {
    let mut votes = [0u32; 3];
    for s in signals {
        if let Some(c) = s.vote() {
            votes[c as usize] += 1;
        }
    }
    let total: u32 = votes.iter().sum();
    if total == 0 {
        return (LineClass::Unclassified, Rule::NoSignal);
    }
    let top = *votes.iter().max().unwrap_or(&0);
    // Control first: on a tie the more controlling class wins.
    let class = [LineClass::Control, LineClass::Coordination, LineClass::Support]
        .into_iter()
        .find(|&c| votes[c as usize] == top)
        .unwrap_or(LineClass::Control);
    let leaders = votes.iter().filter(|&&v| v == top).count();
    let mut rule = if top == total {
        Rule::Agreement
    } else if leaders > 1 {
        Rule::TieTowardsControl
    } else {
        Rule::Majority
    };
    let mut class = class;
    if class == LineClass::Support && signals.iter().any(|s| matches!(s, Signal::WideSpan { .. })) {
        class = LineClass::Coordination;
        rule = Rule::WideSpanCap;
    }
    (class, rule)
}

/// The lead of a team: of the roles with a `leads` relation to it, the one with the smallest id.
fn team_lead(org: &Org, t: TeamId) -> Option<RoleId> {
    org.relations_of(NodeRef::Team(t), false)
        .filter_map(|rel| match *rel {
            Relation::Leads { role, .. } => Some(role),
            _ => None,
        })
        .min()
}

/// The roles of a team and of every team nested in it (they inherit its levels): members and
/// leads.
fn team_roles(org: &Org, t: TeamId) -> Vec<RoleId> {
    let mut out = Vec::new();
    let mut stack = vec![t];
    let mut seen = HashSet::new();
    while let Some(t) = stack.pop() {
        if !seen.insert(t) {
            continue;
        }
        for rel in org.relations_of(NodeRef::Team(t), false) {
            match *rel {
                Relation::MemberOf { role, .. } | Relation::Leads { role, .. } => out.push(role),
                Relation::PartOf { team, .. } => stack.push(team),
                _ => {}
            }
        }
    }
    out
}

/// Reporting hops between two roles through their lowest common manager; `None` when they are in
/// separate trees.
fn distance(org: &Org, a: RoleId, b: RoleId) -> Option<u32> {
    let mut up: IdMap<u32> = IdMap::default();
    let mut cur = Some(a);
    let mut d = 0u32;
    while let Some(x) = cur {
        if up.insert(key(x), d).is_some() {
            break;
        }
        cur = org.manager_of(x);
        d += 1;
    }
    let mut cur = Some(b);
    let mut d = 0u32;
    let mut seen = HashSet::new();
    while let Some(x) = cur {
        if let Some(&da) = up.get(&key(x)) {
            return Some(da + d);
        }
        if !seen.insert(x) {
            return None;
        }
        cur = org.manager_of(x);
        d += 1;
    }
    None
}

impl Totals {
    fn add(&mut self, r: RoleId, s: &RoleState, sign: i64) {
        if let Some(line) = &s.line {
            let c = &mut self.classes[line.class as usize];
            *c = (*c as i64 + sign) as u64;
            if line.signals.contains(&Signal::PassThrough) {
                if sign > 0 {
                    self.pass_through.insert(key(line.manager), r);
                } else if self.pass_through.get(&key(line.manager)) == Some(&r) {
                    // Only this line's own entry: within one update another report may already
                    // have become the manager's only one.
                    self.pass_through.remove(&key(line.manager));
                }
            }
        }
        for p in &s.pairs {
            if let (true, Some(d)) = (p.level.get() <= 3, p.decider) {
                let n = self.load.entry(key(d)).or_insert(0);
                *n = (*n as i64 + sign) as u32;
                if *n == 0 {
                    self.load.remove(&key(d));
                }
            }
            if let Some(h) = p.hops {
                self.hops_sum = (self.hops_sum as i64 + sign * h as i64) as u64;
                self.hops_n = (self.hops_n as i64 + sign) as u64;
                if self.hops.len() <= h as usize {
                    self.hops.resize(h as usize + 1, 0);
                }
                let n = &mut self.hops[h as usize];
                *n = (*n as i64 + sign) as u64;
                while self.hops.last() == Some(&0) {
                    self.hops.pop();
                }
            }
        }
    }
}

fn domain_count(d: &crate::model::DecisionDomain) -> DomainCount {
    let mut c = DomainCount::default();
    for x in &d.delegations {
        if let Some(l) = x.current {
            c.entries += 1;
            c.autonomous += u32::from(l.get() >= 5);
        }
    }
    c
}

impl Lens {
    /// The lens of `org`, computed in full.
    pub fn build(org: &Org) -> Lens {
        let mut lens = Lens::default();
        for d in org.domains() {
            lens.index_domain(d);
        }
        let mut ctx = Ctx::new(org, &lens.by_subject, true);
        let mut roles = IdMap::default();
        roles.reserve(org.counts().1);
        let mut totals = Totals::default();
        let g = org.graph();
        for ix in g.node_indices() {
            if let Node::Role(role) = &g[ix] {
                let s = ctx.compute(ix);
                totals.add(role.id, &s, 1);
                roles.insert(key(role.id), s);
            }
        }
        lens.roles = roles;
        lens.totals = totals;
        lens
    }

    fn index_domain(&mut self, d: &crate::model::DecisionDomain) {
        let mut subjects = Vec::with_capacity(d.delegations.len());
        for x in &d.delegations {
            subjects.push(x.subject);
            if let Some(l) = x.current {
                self.by_subject.entry(x.subject).or_default().push((d.id, l));
            }
        }
        self.domains.insert(d.id.0.as_u128(), (d.owner_team, subjects, domain_count(d)));
    }

    fn unindex_domain(&mut self, id: DomainId) -> Option<(Option<TeamId>, Vec<Unit>, DomainCount)> {
        let old = self.domains.remove(&id.0.as_u128())?;
        for s in &old.1 {
            if let Some(v) = self.by_subject.get_mut(s) {
                v.retain(|&(d, _)| d != id);
                if v.is_empty() {
                    self.by_subject.remove(s);
                }
            }
        }
        Some(old)
    }

    /// Brings the lens up to date after `op` was applied to `org` (for an undo, pass the inverse
    /// that was applied). Recomputes only the roles `op` can affect.
    pub fn update(&mut self, org: &Org, op: &Op) {
        let mut dirty: Vec<RoleId> = Vec::new();
        if !self.collect(org, op, &mut dirty) {
            *self = Lens::build(org);
            return;
        }
        dirty.sort_unstable();
        dirty.dedup();
        let mut ctx = Ctx::new(org, &self.by_subject, false);
        for r in dirty {
            if let Some(old) = self.roles.get(&key(r)) {
                self.totals.add(r, old, -1);
            }
            if let Some(ix) = org.index_of(NodeRef::Role(r)) {
                let s = ctx.compute(ix);
                self.totals.add(r, &s, 1);
                self.roles.insert(key(r), s);
            } else {
                self.roles.remove(&key(r));
            }
        }
    }

    /// Adds the roles `op` can affect to `dirty` and updates the domain index; false when the lens
    /// must be rebuilt instead.
    fn collect(&mut self, org: &Org, op: &Op, dirty: &mut Vec<RoleId>) -> bool {
        let old_manager =
            |lens: &Lens, r: RoleId| lens.roles.get(&key(r)).and_then(|s| s.line.as_ref()).map(|l| l.manager);
        match op {
            Op::AddPerson { .. } | Op::UpdatePerson { .. } | Op::RemovePerson { .. } => {}
            Op::AddTeam { .. } | Op::UpdateTeam { .. } => {}
            Op::AddRole { role } => dirty.push(role.id),
            // Accountabilities of the role: the lines of its reports.
            Op::UpdateRole { role } => dirty.extend(org.direct_reports(role.id)),
            // The domain as it is now in `org` (within a batch, a later operation may have
            // changed it again): the roles it concerned before and concerns now.
            Op::AddDomain { domain: crate::model::DecisionDomain { id, .. } }
            | Op::UpdateDomain { domain: crate::model::DecisionDomain { id, .. } }
            | Op::RemoveDomain { id }
            | Op::SetDelegation { domain: id, .. } => self.touch_changed_domain(org, *id, dirty),
            Op::MoveRole { role, manager } => {
                self.touch_move(org, *role, old_manager(self, *role), *manager, dirty);
            }
            Op::Connect { relation } | Op::Disconnect { relation } => match *relation {
                Relation::ReportsTo { role, manager } => {
                    let now = org.manager_of(role);
                    let before = old_manager(self, role);
                    self.touch_move(org, role, before.or(Some(manager)), now.or(Some(manager)), dirty);
                }
                Relation::MemberOf { role, team } => {
                    dirty.push(role);
                    dirty.extend(org.manager_of(role));
                    self.touch_owned(org, team, dirty);
                }
                Relation::Leads { role, team } => {
                    dirty.push(role);
                    self.touch_owned(org, team, dirty);
                }
                // The nested team (and its own nested teams) inherit other levels now.
                Relation::PartOf { team, .. } => dirty.extend(team_roles(org, team)),
                Relation::DottedLine { .. }
                | Relation::Fills { .. }
                | Relation::Supports { .. }
                | Relation::Coordinates { .. } => {}
            },
            Op::Batch { ops, .. } => {
                for op in ops {
                    if !self.collect(org, op, dirty) {
                        return false;
                    }
                }
            }
            Op::RemoveRole { .. } | Op::RemoveTeam { .. } | Op::Load { .. } | Op::Unload { .. } => {
                return false
            }
        }
        true
    }

    /// Re-indexes a domain from `org` and marks the roles whose decisions changed: those of the
    /// entries whose current level changed, or of every entry when the owner team changed (the
    /// decider may have), or the domain came or went.
    fn touch_changed_domain(&mut self, org: &Org, id: DomainId, dirty: &mut Vec<RoleId>) {
        let level_of = |lens: &Lens, s: &Unit| {
            lens.by_subject.get(s).and_then(|v| v.iter().find(|x| x.0 == id)).map(|x| x.1)
        };
        let old = self.domains.get(&id.0.as_u128()).map(|(owner, subjects, _)| {
            let levels: Vec<(Unit, Option<Level>)> =
                subjects.iter().map(|s| (*s, level_of(self, s))).collect();
            (*owner, levels)
        });
        self.unindex_domain(id);
        let now = org.domain(id);
        if let Some(d) = now {
            self.index_domain(d);
        }
        let touch = |u: Unit, dirty: &mut Vec<RoleId>| match u {
            Unit::Role(r) => dirty.push(r),
            Unit::Team(t) => dirty.extend(team_roles(org, t)),
        };
        match (old, now) {
            (Some((owner, levels)), Some(d)) if owner == d.owner_team => {
                for (s, before) in &levels {
                    if *before != level_of(self, s) {
                        touch(*s, dirty);
                    }
                }
                for x in &d.delegations {
                    if !levels.iter().any(|(s, _)| *s == x.subject) && x.current.is_some() {
                        touch(x.subject, dirty);
                    }
                }
            }
            (old, now) => {
                for (s, _) in old.iter().flat_map(|(_, levels)| levels.iter()) {
                    touch(*s, dirty);
                }
                for x in now.iter().flat_map(|d| d.delegations.iter()) {
                    touch(x.subject, dirty);
                }
            }
        }
    }

    /// The roles whose decisions a domain concerns (in the index as it is now).
    fn touch_domain(&self, org: &Org, id: DomainId, dirty: &mut Vec<RoleId>) {
        if let Some((_, subjects, _)) = self.domains.get(&id.0.as_u128()) {
            for s in subjects {
                match *s {
                    Unit::Role(r) => dirty.push(r),
                    Unit::Team(t) => dirty.extend(team_roles(org, t)),
                }
            }
        }
    }

    /// The roles deciding with domains owned by `team` (its lead may have changed).
    fn touch_owned(&self, org: &Org, team: TeamId, dirty: &mut Vec<RoleId>) {
        let owned: Vec<DomainId> = self
            .domains
            .iter()
            .filter(|(_, (owner, _, _))| *owner == Some(team))
            .map(|(&k, _)| DomainId(uuid::Uuid::from_u128(k)))
            .collect();
        for d in owned {
            self.touch_domain(org, d, dirty);
        }
    }

    /// A role changed manager: its line, the lines of both managers' reports (their spans
    /// changed), the distances of its whole subtree, and the decisions owned by teams it leads.
    fn touch_move(
        &self,
        org: &Org,
        role: RoleId,
        before: Option<RoleId>,
        after: Option<RoleId>,
        dirty: &mut Vec<RoleId>,
    ) {
        for m in [before, after].into_iter().flatten() {
            dirty.push(m);
            dirty.extend(org.direct_reports(m));
        }
        let mut stack = vec![role];
        while let Some(x) = stack.pop() {
            dirty.push(x);
            stack.extend(org.direct_reports(x));
            for rel in org.relations_of(NodeRef::Role(x), true) {
                if let Relation::Leads { team, .. } = *rel {
                    self.touch_owned(org, team, dirty);
                }
            }
        }
    }
}

// ----- reading the lens ------------------------------------------------------------------------

/// A role as the lens reports it: its id, the HR export's employee id (for imported roles) and
/// its title.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoleRef {
    pub id: RoleId,
    pub external_id: Option<String>,
    pub name: String,
}

/// A domain or a team by id and name.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Named {
    pub id: uuid::Uuid,
    pub name: String,
}

/// Whom a delegation entry is for: a team or a role, by name.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Subject {
    /// `team` or `role`.
    pub kind: String,
    pub id: uuid::Uuid,
    pub name: String,
}

/// One reason of a line's class: the signal, the class it votes for (none for a caveat or
/// missing data), its source, and a sentence in English for reports (the app words it in the
/// user's language from the fields).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "signal", rename_all = "snake_case")]
pub enum Reason {
    /// A decision whose work lies with the report, and its delegation level.
    Decision { class: LineClass, domain: Named, subject: Subject, level: u8, text: String },
    /// One of the manager's accountabilities towards the report (or the report's team).
    Accountability {
        class: LineClass,
        id: AccountabilityId,
        accountability: String,
        kind: AccountabilityKind,
        text: String,
    },
    /// The manager has exactly one direct report.
    PassThrough { class: LineClass, text: String },
    /// A decision of the report is taken far up or across the hierarchy.
    DecisionDistance { class: LineClass, domain: Named, hops: u32, decider: RoleRef, text: String },
    /// The manager's span is too wide to support (a cap, not a vote).
    WideSpan { reports: u32, text: String },
    /// No decision data concerns the report: no domain has an entry for these teams of its (or a
    /// team above them). Empty `teams`: the report is in no team.
    MissingDecisions { teams: Vec<Named>, text: String },
    /// The decisions mapped for these teams are the report's own, as their lead: they say nothing
    /// about the line above it (a level for the report itself would).
    LedDecisions { teams: Vec<Named>, text: String },
    /// These teams of the report have decision domains mapped, but none with a current level yet
    /// (only a desired one): the current level would classify the line.
    NoCurrentLevel { teams: Vec<Named>, text: String },
    /// The manager has no tagged accountability towards the report.
    MissingAccountabilities { text: String },
}

/// One reporting line through the lens.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineReport {
    pub report: RoleRef,
    pub manager: RoleRef,
    pub class: LineClass,
    pub rule: Rule,
    pub reasons: Vec<Reason>,
}

/// Reporting lines per class.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ClassCounts {
    pub support: u64,
    pub coordination: u64,
    pub control: u64,
    pub unclassified: u64,
}

/// Hops from the role that does the work to the role that decides, over every decision with a
/// known distance; `None` without decision data.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct DecisionDistance {
    pub mean: Option<f64>,
    pub max: Option<u32>,
}

/// A role where decisions at levels 1–3 converge, and how many.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bottleneck {
    pub role: RoleRef,
    pub decisions: u32,
}

/// The organization-wide figures of the lens.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LensFigures {
    /// Roles with exactly one direct report, by title.
    pub pass_through_managers: Vec<RoleRef>,
    /// Reporting lines per class; they sum to the number of reporting lines.
    pub hierarchy: ClassCounts,
    /// Share (0–1) of the domain entries with a current level that are at 5–7; `None` without
    /// decision data.
    pub autonomy: Option<f64>,
    pub decision_distance: DecisionDistance,
    /// The roles with the most decisions at levels 1–3, most first (at most 10).
    pub bottlenecks: Vec<Bottleneck>,
}

/// What a delegation level means, in a few words.
pub fn level_meaning(level: Level) -> &'static str {
    match level.get() {
        1 => "the manager decides and announces",
        2 => "the manager decides and explains",
        3 => "the manager asks input, then decides",
        4 => "the manager and the team decide together",
        5 => "the team decides after the manager's advice",
        6 => "the team decides and informs the manager afterwards",
        _ => "the team decides",
    }
}

fn role_ref(org: &Org, id: RoleId) -> RoleRef {
    let r = org.role(id);
    RoleRef {
        id,
        external_id: r.and_then(|r| r.external_id.clone()),
        name: r.map(|r| r.title.clone()).unwrap_or_default(),
    }
}

fn team_named(org: &Org, t: TeamId) -> Named {
    Named { id: t.0, name: org.team(t).map(|t| t.name.clone()).unwrap_or_default() }
}

fn domain_named(org: &Org, d: DomainId) -> Named {
    Named { id: d.0, name: org.domain(d).map(|d| d.name.clone()).unwrap_or_default() }
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

impl Lens {
    /// The class of the line from `role` up to its manager; `None` for a top role.
    pub fn class(&self, role: RoleId) -> Option<LineClass> {
        self.roles.get(&key(role))?.line.as_ref().map(|l| l.class)
    }

    /// Every reporting line's class, by report.
    pub fn classes(&self) -> impl Iterator<Item = (RoleId, LineClass)> + '_ {
        self.roles
            .iter()
            .filter_map(|(&k, s)| Some((RoleId(uuid::Uuid::from_u128(k)), s.line.as_ref()?.class)))
    }

    /// Reporting lines per class.
    pub fn counts(&self) -> ClassCounts {
        let c = &self.totals.classes;
        ClassCounts { support: c[0], coordination: c[1], control: c[2], unclassified: c[3] }
    }

    /// The organization-wide figures. Names are read from `org`, which must be the organization
    /// the lens is up to date with.
    pub fn figures(&self, org: &Org) -> LensFigures {
        let t = &self.totals;
        let mut pass_through: Vec<RoleRef> =
            t.pass_through.keys().map(|&k| role_ref(org, RoleId(uuid::Uuid::from_u128(k)))).collect();
        pass_through.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        let (entries, autonomous) = self
            .domains
            .values()
            .fold((0u64, 0u64), |(e, a), (_, _, c)| (e + c.entries as u64, a + c.autonomous as u64));
        let mut load: Vec<(u128, u32)> = t.load.iter().map(|(&k, &n)| (k, n)).collect();
        load.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        LensFigures {
            pass_through_managers: pass_through,
            hierarchy: self.counts(),
            autonomy: (entries > 0).then(|| round(autonomous as f64 / entries as f64, 4)),
            decision_distance: DecisionDistance {
                mean: (t.hops_n > 0).then(|| round(t.hops_sum as f64 / t.hops_n as f64, 2)),
                max: t.hops.len().checked_sub(1).map(|h| h as u32),
            },
            bottlenecks: load
                .into_iter()
                .take(BOTTLENECKS)
                .map(|(k, n)| Bottleneck {
                    role: role_ref(org, RoleId(uuid::Uuid::from_u128(k))),
                    decisions: n,
                })
                .collect(),
        }
    }

    /// The line from `role` up to its manager with its reasons; `None` for a top role or an
    /// unknown one.
    pub fn line(&self, org: &Org, role: RoleId) -> Option<LineReport> {
        let line = self.roles.get(&key(role))?.line.as_ref()?;
        Some(report_line(org, role, line, &Mapped::of(org)))
    }

    /// Every reporting line with its reasons, in the order of the reports' ids (the same for
    /// the same organization, however it was built).
    pub fn lines(&self, org: &Org) -> Vec<LineReport> {
        let g = org.graph();
        let mut found: Vec<(u128, RoleId, &Line)> = Vec::with_capacity(self.roles.len());
        for ix in g.node_indices() {
            if let Node::Role(role) = &g[ix] {
                if let Some(line) = self.roles.get(&key(role.id)).and_then(|s| s.line.as_ref()) {
                    found.push((key(role.id), role.id, line));
                }
            }
        }
        found.sort_unstable_by_key(|x| x.0);
        let mapped = Mapped::of(org);
        found.into_iter().map(|(_, r, line)| report_line(org, r, line, &mapped)).collect()
    }
}

/// What the decision data holds per team, for the reasons of an unclassified line: whether any
/// domain has an entry for the team, and whether one of them has a current level.
struct Mapped(std::collections::HashMap<TeamId, bool>);

impl Mapped {
    fn of(org: &Org) -> Mapped {
        let mut map = std::collections::HashMap::new();
        for d in org.domains() {
            for e in &d.delegations {
                if let Unit::Team(t) = e.subject {
                    *map.entry(t).or_insert(false) |= e.current.is_some();
                }
            }
        }
        Mapped(map)
    }

    /// For a team and the teams above it (whose levels it inherits): `None` when no domain has an
    /// entry for any of them, else whether one has a current level.
    fn of_team(&self, org: &Org, team: TeamId) -> Option<bool> {
        let mut found = None;
        let mut cur = Some(team);
        // Nesting never cycles (an invariant); the bound only guards the loop.
        for _ in 0..10_000 {
            let Some(t) = cur else { break };
            if let Some(&current) = self.0.get(&t) {
                found = Some(found.unwrap_or(false) || current);
            }
            cur = org.parent_team(t);
        }
        found
    }
}

/// Whether `role` leads `team` as the lens reads it: a `leads` line, or one of its direct reports
/// is a member of the team.
fn leads_team(org: &Org, role: RoleId, team: TeamId) -> bool {
    org.relation(RelationKind::Leads, NodeRef::Role(role), NodeRef::Team(team)).is_some()
        || org.direct_reports(role).any(|x| org.teams_of(x).any(|t| t == team))
}

fn report_line(org: &Org, r: RoleId, line: &Line, mapped: &Mapped) -> LineReport {
    let report = role_ref(org, r);
    let manager = role_ref(org, line.manager);
    let mut reasons = Vec::with_capacity(line.signals.len() + 2);
    for s in &line.signals {
        reasons.push(match *s {
            Signal::Decision { domain, subject, level } => {
                let domain = domain_named(org, domain);
                let subject = match subject {
                    Unit::Team(t) => Subject { kind: "team".into(), id: t.0, name: team_named(org, t).name },
                    Unit::Role(x) => Subject { kind: "role".into(), id: x.0, name: role_ref(org, x).name },
                };
                let text = format!(
                    "{:?} for {} {}: level {} ({}), {}",
                    domain.name,
                    subject.kind,
                    subject.name,
                    level.get(),
                    level.name(),
                    level_meaning(level)
                );
                Reason::Decision {
                    class: LineClass::of_level(level),
                    domain,
                    subject,
                    level: level.get(),
                    text,
                }
            }
            Signal::Accountability { id, kind } => {
                let text = org
                    .role(line.manager)
                    .and_then(|m| m.accountabilities.iter().find(|a| a.id == id))
                    .map(|a| a.text.clone())
                    .unwrap_or_default();
                let kind_name = serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_owned));
                Reason::Accountability {
                    class: LineClass::of_accountability(kind).unwrap_or(LineClass::Unclassified),
                    id,
                    text: format!(
                        "{} is accountable for {:?} ({})",
                        manager.name,
                        text,
                        kind_name.unwrap_or_default()
                    ),
                    accountability: text,
                    kind,
                }
            }
            Signal::PassThrough => Reason::PassThrough {
                class: LineClass::Control,
                text: format!(
                    "{} has exactly one direct report: a layer of control without coordination",
                    manager.name
                ),
            },
            Signal::Distance { domain, hops, decider } => {
                let domain = domain_named(org, domain);
                let decider = role_ref(org, decider);
                let text = format!(
                    "{:?} is decided by {}, {} reporting hops away: slow, distant decisions",
                    domain.name, decider.name, hops
                );
                Reason::DecisionDistance { class: LineClass::Control, domain, hops, decider, text }
            }
            Signal::WideSpan { reports } => Reason::WideSpan {
                reports,
                text: format!(
                    "{} has {} direct reports (more than {}): no room to support each one",
                    manager.name, reports, WIDE_SPAN
                ),
            },
        });
    }
    if line.class == LineClass::Unclassified {
        // What is true of each of the report's teams, and what data would classify the line.
        let (mut missing, mut led, mut no_current) = (Vec::new(), Vec::new(), Vec::new());
        let mut teams: Vec<TeamId> = org.teams_of(r).collect();
        teams.sort_by(|a, b| team_named(org, *a).name.cmp(&team_named(org, *b).name));
        for t in &teams {
            match mapped.of_team(org, *t) {
                None => missing.push(team_named(org, *t)),
                Some(_) if leads_team(org, r, *t) => led.push(team_named(org, *t)),
                // Entries without a current level, or overridden by the role's own entry without one.
                Some(_) => no_current.push(team_named(org, *t)),
            }
        }
        let names = |teams: &[Named]| teams.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(", ");
        if teams.is_empty() {
            let text = "no decision domains mapped for this role yet, and it is in no team".to_owned();
            reasons.push(Reason::MissingDecisions { teams: Vec::new(), text });
        }
        if !missing.is_empty() {
            let text = format!("no decision domains mapped for {} yet", names(&missing));
            reasons.push(Reason::MissingDecisions { teams: missing, text });
        }
        if !led.is_empty() {
            let text = format!(
                "the decisions mapped for {} are this role's own, as their lead: they say nothing about the line above; a level for this role itself would classify it",
                names(&led)
            );
            reasons.push(Reason::LedDecisions { teams: led, text });
        }
        if !no_current.is_empty() {
            let text = format!(
                "the decision domains of {} have no current level yet: a current level would classify the line",
                names(&no_current)
            );
            reasons.push(Reason::NoCurrentLevel { teams: no_current, text });
        }
        reasons.push(Reason::MissingAccountabilities {
            text: format!(
                "{} has no accountabilities tagged support, coordination or control towards this role",
                manager.name
            ),
        });
    }
    LineReport { report, manager, class: line.class, rule: line.rule, reasons }
}

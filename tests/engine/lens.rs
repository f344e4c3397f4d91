//! The hierarchy lens: the rule table (each signal alone, signals in conflict, missing data), the
//! organization-wide figures, and a property: the lens kept up to date change by change always
//! equals the lens computed afresh, and its classes count every reporting line once.

use super::*;
use kader::lens::{Lens, LineClass, Reason, Rule};
use kader::model::{Accountability, Relation};
use kader::Org;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

/// A small company: a director over a manager who leads team "Logistiek" with three members,
/// and a second manager with one report (a pass-through layer) in team "Sales".
struct Fx {
    dir: TempDir,
    ws: Workspace,
    ids: kader::id::SeqIds,
    director: RoleId,
    manager: RoleId,
    members: Vec<RoleId>,
    solo_manager: RoleId,
    solo: RoleId,
    logistiek: TeamId,
    sales: TeamId,
}

fn fx() -> Fx {
    let (dir, mut ws) = ws();
    let mut ids = kader::id::SeqIds::new(100);
    let director = role(&mut ids, "Director");
    let manager = role(&mut ids, "Logistics manager");
    let members: Vec<Role> = (1..=3).map(|i| role(&mut ids, &format!("Planner {i}"))).collect();
    let solo_manager = role(&mut ids, "Sales manager");
    let solo = role(&mut ids, "Account manager");
    let logistiek = team(&mut ids, "Logistiek");
    let sales = team(&mut ids, "Sales");
    let mut ops = vec![Op::AddTeam { team: logistiek.clone() }, Op::AddTeam { team: sales.clone() }];
    for r in [&director, &manager, &solo_manager, &solo].into_iter().chain(&members) {
        ops.push(Op::AddRole { role: r.clone() });
    }
    let mut rel = |relation| ops.push(Op::Connect { relation });
    rel(Relation::ReportsTo { role: manager.id, manager: director.id });
    rel(Relation::ReportsTo { role: solo_manager.id, manager: director.id });
    rel(Relation::ReportsTo { role: solo.id, manager: solo_manager.id });
    rel(Relation::MemberOf { role: manager.id, team: logistiek.id });
    rel(Relation::MemberOf { role: solo.id, team: sales.id });
    for m in &members {
        rel(Relation::ReportsTo { role: m.id, manager: manager.id });
        rel(Relation::MemberOf { role: m.id, team: logistiek.id });
    }
    ws.apply(Op::batch("company", ops), &ctx()).expect("the company applies");
    Fx {
        dir,
        ws,
        ids,
        director: director.id,
        manager: manager.id,
        members: members.iter().map(|r| r.id).collect(),
        solo_manager: solo_manager.id,
        solo: solo.id,
        logistiek: logistiek.id,
        sales: sales.id,
    }
}

impl Fx {
    fn apply(&mut self, op: Op) {
        let summary = op.summary();
        self.ws.apply(op, &ctx()).unwrap_or_else(|e| panic!("{summary}: {e}"));
    }
    /// A domain with one entry for `subject` at `current`.
    fn decide(&mut self, name: &str, subject: Unit, current: u8) -> DomainId {
        let mut d = domain(&mut self.ids, name);
        d.delegations.push(delegation(subject, current, 7));
        let id = d.id;
        self.apply(Op::AddDomain { domain: d });
        id
    }
    fn accountable(&mut self, manager: RoleId, text: &str, kind: AccountabilityKind, towards: NodeRef) {
        let mut r = self.ws.org().role(manager).expect("the manager exists").clone();
        r.accountabilities.push(accountability(&mut self.ids, text, kind, Some(towards)));
        self.apply(Op::UpdateRole { role: r });
    }
    fn lens(&self) -> Lens {
        Lens::build(self.ws.org())
    }
    fn class(&self, r: RoleId) -> LineClass {
        self.lens().class(r).expect("the role has a manager")
    }
    fn line(&self, r: RoleId) -> kader::lens::LineReport {
        self.lens().line(self.ws.org(), r).expect("the role has a manager")
    }
}

fn signals(line: &kader::lens::LineReport) -> Vec<&'static str> {
    line.reasons
        .iter()
        .map(|r| match r {
            Reason::Decision { .. } => "decision",
            Reason::Accountability { .. } => "accountability",
            Reason::PassThrough { .. } => "pass_through",
            Reason::DecisionDistance { .. } => "decision_distance",
            Reason::WideSpan { .. } => "wide_span",
            Reason::MissingDecisions { .. } => "missing_decisions",
            Reason::LedDecisions { .. } => "led_decisions",
            Reason::NoCurrentLevel { .. } => "no_current_level",
            Reason::MissingAccountabilities { .. } => "missing_accountabilities",
        })
        .collect()
}

#[test]
fn without_any_data_only_the_pass_through_layer_is_classified() {
    let f = fx();
    let lens = f.lens();
    for &m in &f.members {
        assert_eq!(lens.class(m), Some(LineClass::Unclassified));
        let line = f.line(m);
        assert_eq!(line.rule, Rule::NoSignal);
        assert_eq!(signals(&line), ["missing_decisions", "missing_accountabilities"]);
        match &line.reasons[0] {
            Reason::MissingDecisions { teams, text } => {
                assert_eq!(teams.len(), 1);
                assert_eq!(teams[0].name, "Logistiek");
                assert!(text.contains("no decision domains mapped for Logistiek"), "{text}");
            }
            other => panic!("{other:?}"),
        }
    }
    let line = f.line(f.solo);
    assert_eq!(line.class, LineClass::Control);
    assert_eq!(signals(&line), ["pass_through"]);
    assert!(
        matches!(&line.reasons[0], Reason::PassThrough { text, .. } if text.contains("Sales manager has exactly one"))
    );
    let fig = lens.figures(f.ws.org());
    assert_eq!(
        fig.pass_through_managers.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["Sales manager"]
    );
    assert_eq!(
        (
            fig.hierarchy.support,
            fig.hierarchy.coordination,
            fig.hierarchy.control,
            fig.hierarchy.unclassified
        ),
        (0, 0, 1, 5)
    );
    assert_eq!(fig.autonomy, None);
    assert_eq!((fig.decision_distance.mean, fig.decision_distance.max), (None, None));
    assert!(fig.bottlenecks.is_empty());
}

#[test]
fn a_decision_alone_classifies_by_its_level() {
    for (level, class) in [
        (1, LineClass::Control),
        (2, LineClass::Control),
        (3, LineClass::Control),
        (4, LineClass::Coordination),
        (5, LineClass::Support),
        (6, LineClass::Support),
        (7, LineClass::Support),
    ] {
        let mut f = fx();
        let team = Unit::Team(f.logistiek);
        f.decide("Shift schedules", team, level);
        for &m in &f.members {
            let line = f.line(m);
            assert_eq!(line.class, class, "level {level}");
            assert_eq!(line.rule, Rule::Agreement);
            match &line.reasons[..] {
                [Reason::Decision { domain, subject, level: l, text, .. }] => {
                    assert_eq!(
                        (domain.name.as_str(), subject.name.as_str(), *l),
                        ("Shift schedules", "Logistiek", level)
                    );
                    assert!(text.contains(&format!("level {level}")), "{text}");
                }
                other => panic!("level {level}: {other:?}"),
            }
        }
        // The manager leads the team (its reports are members): the team's decisions are taken by
        // it, not above it. Its own line has no signal.
        assert_eq!(f.class(f.manager), LineClass::Unclassified, "level {level}: the lead's line");
    }
}

#[test]
fn an_unclassified_line_says_what_is_true_of_its_teams_decisions() {
    let mut f = fx();
    // Logistiek has a domain now, but its decisions are the manager's own, as its lead: the
    // manager's line must not claim that nothing is mapped for Logistiek.
    f.decide("Shift schedules", Unit::Team(f.logistiek), 3);
    let line = f.line(f.manager);
    assert_eq!(line.class, LineClass::Unclassified);
    assert_eq!(signals(&line), ["led_decisions", "missing_accountabilities"]);
    match &line.reasons[0] {
        Reason::LedDecisions { teams, text } => {
            assert_eq!(teams.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["Logistiek"]);
            assert!(text.contains("are this role's own, as their lead"), "{text}");
            assert!(!text.contains("no decision domains mapped"), "{text}");
        }
        other => panic!("{other:?}"),
    }

    // A domain with only a desired level for Sales: mapped, but nothing current to classify by.
    let mut f = fx();
    let mut d = domain(&mut f.ids, "Discounts");
    d.delegations.push(kader::model::Delegation {
        subject: Unit::Team(f.logistiek),
        current: None,
        desired: Some(level(6)),
        history: vec![],
    });
    f.apply(Op::AddDomain { domain: d });
    let line = f.line(f.members[0]);
    assert_eq!(line.class, LineClass::Unclassified);
    assert_eq!(signals(&line), ["no_current_level", "missing_accountabilities"]);
    assert!(
        matches!(&line.reasons[0], Reason::NoCurrentLevel { text, .. } if text.contains("Logistiek have no current level yet")),
        "{:?}",
        line.reasons[0]
    );
}

#[test]
fn a_nested_team_inherits_its_parents_levels_unless_it_has_its_own() {
    let mut f = fx();
    // Logistiek becomes part of "Operations"; a domain delegated to Operations reaches the planners.
    let ops = team(&mut f.ids, "Operations");
    let (ops_id, logistiek) = (ops.id, f.logistiek);
    f.apply(Op::AddTeam { team: ops });
    f.apply(Op::Connect { relation: Relation::PartOf { team: logistiek, parent: ops_id } });
    let d = f.decide("Overtime", Unit::Team(ops_id), 2);
    let line = f.line(f.members[0]);
    assert_eq!(line.class, LineClass::Control);
    assert!(
        matches!(&line.reasons[0], Reason::Decision { subject, .. } if subject.name == "Operations"),
        "the reason names the team the level is set for: {:?}",
        line.reasons
    );
    // The logistics manager leads Logistiek, not Operations: the level is held above it too.
    assert_eq!(f.class(f.manager), LineClass::Control);
    // Logistiek's own level for the same domain wins for its members.
    f.apply(Op::SetDelegation {
        domain: d,
        subject: Unit::Team(logistiek),
        current: Some(level(6)),
        desired: None,
        note: None,
    });
    assert_eq!(f.class(f.members[0]), LineClass::Support);
    // Logistiek's own level governs the domain for all of Logistiek: for its lead, nothing of it
    // is held above any more.
    assert_eq!(f.class(f.manager), LineClass::Unclassified);
}

#[test]
fn a_decision_assigned_to_a_role_concerns_only_that_role() {
    let mut f = fx();
    let planner = f.members[0];
    f.decide("Route planning", Unit::Role(planner), 6);
    assert_eq!(f.class(planner), LineClass::Support);
    assert_eq!(f.class(f.members[1]), LineClass::Unclassified);
}

#[test]
fn an_accountability_alone_classifies_by_its_tag_and_delivery_does_not_vote() {
    for (kind, class) in [
        (AccountabilityKind::Support, LineClass::Support),
        (AccountabilityKind::Coordination, LineClass::Coordination),
        (AccountabilityKind::Control, LineClass::Control),
        (AccountabilityKind::Delivery, LineClass::Unclassified),
    ] {
        let mut f = fx();
        let (manager, planner) = (f.manager, f.members[0]);
        f.accountable(manager, "Approve the weekly plan", kind, NodeRef::Role(planner));
        let line = f.line(planner);
        assert_eq!(line.class, class, "{kind:?}");
        if class != LineClass::Unclassified {
            assert!(
                matches!(&line.reasons[0], Reason::Accountability { accountability, .. } if accountability == "Approve the weekly plan")
            );
        }
        // Towards one planner: the others have no signal.
        assert_eq!(f.class(f.members[1]), LineClass::Unclassified);
    }
}

#[test]
fn an_accountability_towards_the_team_counts_for_every_member() {
    let mut f = fx();
    let (manager, team) = (f.manager, f.logistiek);
    f.accountable(manager, "Coach the planners", AccountabilityKind::Support, NodeRef::Team(team));
    for &m in &f.members {
        assert_eq!(f.class(m), LineClass::Support);
    }
}

#[test]
fn an_accountability_that_names_no_one_is_towards_every_report() {
    let mut f = fx();
    let manager = f.manager;
    let mut r = f.ws.org().role(manager).expect("the manager").clone();
    r.accountabilities.push(accountability(
        &mut f.ids,
        "Unblock the planners",
        AccountabilityKind::Support,
        None,
    ));
    f.apply(Op::UpdateRole { role: r });
    for &m in &f.members {
        assert_eq!(f.class(m), LineClass::Support);
    }
    // Towards someone else: not towards the planners.
    let solo = f.solo;
    f.accountable(manager, "Check the sales figures", AccountabilityKind::Control, NodeRef::Role(solo));
    assert_eq!(f.class(f.members[0]), LineClass::Support);
}

#[test]
fn conflicting_signals_go_to_the_majority_and_a_tie_to_the_more_controlling_class() {
    let mut f = fx();
    let (manager, planner, team) = (f.manager, f.members[0], Unit::Team(f.logistiek));
    f.decide("Tool choice", team, 6);
    f.accountable(manager, "Approve overtime", AccountabilityKind::Control, NodeRef::Role(planner));
    let line = f.line(planner);
    assert_eq!((line.class, line.rule), (LineClass::Control, Rule::TieTowardsControl));
    assert_eq!(signals(&line), ["decision", "accountability"], "every signal is listed");
    f.decide("Training budget", team, 7);
    let line = f.line(planner);
    assert_eq!((line.class, line.rule), (LineClass::Support, Rule::Majority));
    assert_eq!(signals(&line), ["decision", "decision", "accountability"]);
}

#[test]
fn a_pass_through_layer_disagrees_with_autonomous_decisions() {
    let mut f = fx();
    let (solo, sales) = (f.solo, Unit::Team(f.sales));
    f.decide("Discounts", sales, 6);
    // One support vote (the decision), one control vote (the pass-through layer): a tie.
    let line = f.line(solo);
    assert_eq!((line.class, line.rule), (LineClass::Control, Rule::TieTowardsControl));
    f.decide("Customer refunds", sales, 7);
    assert_eq!(f.class(solo), LineClass::Support);
}

#[test]
fn a_wide_span_caps_support_at_coordination_and_alone_classifies_nothing() {
    let mut f = fx();
    let (manager, team) = (f.manager, f.logistiek);
    let mut ops = Vec::new();
    for i in 0..14 {
        let r = role(&mut f.ids, &format!("Driver {i}"));
        let id = r.id;
        ops.push(Op::AddRole { role: r });
        ops.push(Op::Connect { relation: Relation::ReportsTo { role: id, manager } });
        ops.push(Op::Connect { relation: Relation::MemberOf { role: id, team } });
    }
    f.apply(Op::batch("drivers", ops));
    let planner = f.members[0];
    let line = f.line(planner);
    assert_eq!(line.class, LineClass::Unclassified, "a wide span alone says nothing");
    assert!(matches!(&line.reasons[0], Reason::WideSpan { reports: 17, .. }), "{:?}", line.reasons);
    f.decide("Shift swaps", Unit::Team(team), 7);
    let line = f.line(planner);
    assert_eq!((line.class, line.rule), (LineClass::Coordination, Rule::WideSpanCap));
}

#[test]
fn a_decision_owned_far_away_is_a_long_distance_and_the_decider_a_bottleneck() {
    let mut f = fx();
    // "Purchasing" is owned by team Sales, led by the account manager: from a planner that is up
    // to the logistics manager, the director, the sales manager and down: 4 hops.
    let (solo, sales, logistiek) = (f.solo, f.sales, f.logistiek);
    f.apply(Op::Connect { relation: Relation::Leads { role: solo, team: sales } });
    let mut d = domain(&mut f.ids, "Purchasing");
    d.owner_team = Some(sales);
    d.delegations.push(delegation(Unit::Team(logistiek), 2, 5));
    f.apply(Op::AddDomain { domain: d });
    let line = f.line(f.members[0]);
    assert_eq!(line.class, LineClass::Control);
    match &line.reasons[..] {
        [Reason::Decision { .. }, Reason::DecisionDistance { hops, decider, .. }] => {
            assert_eq!((*hops, decider.name.as_str()), (4, "Account manager"));
        }
        other => panic!("{other:?}"),
    }
    let fig = f.lens().figures(f.ws.org());
    assert_eq!(fig.decision_distance.max, Some(4));
    assert_eq!(fig.decision_distance.mean, Some(4.0));
    assert_eq!(fig.bottlenecks.len(), 1);
    assert_eq!((fig.bottlenecks[0].role.name.as_str(), fig.bottlenecks[0].decisions), ("Account manager", 3));
    assert_eq!(fig.autonomy, Some(0.0));
}

#[test]
fn autonomy_is_the_share_of_entries_at_levels_five_to_seven() {
    let mut f = fx();
    let (team, sales) = (Unit::Team(f.logistiek), Unit::Team(f.sales));
    f.decide("A", team, 6);
    f.decide("B", team, 2);
    f.decide("C", sales, 5);
    f.decide("D", sales, 4);
    let fig = f.lens().figures(f.ws.org());
    assert_eq!(fig.autonomy, Some(0.5));
    // The manager decides B for three planners; distance 1 each, 0 for the 5–7 ones.
    assert_eq!(fig.bottlenecks[0].role.name, "Logistics manager");
    assert_eq!(fig.bottlenecks[0].decisions, 3);
    assert_eq!(fig.decision_distance.max, Some(1));
}

#[test]
fn a_level_change_is_recorded_with_who_when_and_why() {
    let mut f = fx();
    let id = f.decide("Hiring", Unit::Team(f.logistiek), 3);
    let note = kader::model::LevelNote { by: "Ann".into(), at: T0, why: "agreed in the workshop".into() };
    f.apply(Op::SetDelegation {
        domain: id,
        subject: Unit::Team(f.logistiek),
        current: Some(level(5)),
        desired: Some(level(6)),
        note: Some(note),
    });
    let d = f.ws.org().domain(id).expect("the domain");
    let h = &d.delegations[0].history;
    assert_eq!(h.len(), 1);
    assert_eq!(
        (h[0].current, h[0].by.as_str(), h[0].why.as_str()),
        (Some(level(5)), "Ann", "agreed in the workshop")
    );
    assert_eq!(f.class(f.members[0]), LineClass::Support);
    // Clearing the levels with a note keeps the entry for its history; it no longer votes.
    f.apply(Op::SetDelegation {
        domain: id,
        subject: Unit::Team(f.logistiek),
        current: None,
        desired: None,
        note: Some(kader::model::LevelNote { by: "Ann".into(), at: T0, why: "not ours".into() }),
    });
    assert_eq!(f.ws.org().domain(id).expect("the domain").delegations[0].history.len(), 2);
    assert_eq!(f.class(f.members[0]), LineClass::Unclassified);
    let _ = (&f.dir, f.director, f.solo_manager);
}

// ----- the lens kept up to date equals the lens computed afresh --------------------------------

/// An operation on the fixture, by indexes into its roles and teams (so that most apply).
#[derive(Clone, Debug)]
enum Step {
    Move(usize, Option<usize>),
    Member(usize, usize, bool),
    Lead(usize, usize, bool),
    Accountable(usize, usize, bool, u8),
    Level(usize, usize, Option<u8>),
    Own(usize, Option<usize>),
    Nest(usize, usize, bool),
    Undo,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..10usize, proptest::option::of(0..10usize)).prop_map(|(r, m)| Step::Move(r, m)),
        2 => (0..10usize, 0..4usize, any::<bool>()).prop_map(|(r, t, on)| Step::Member(r, t, on)),
        1 => (0..10usize, 0..4usize, any::<bool>()).prop_map(|(r, t, on)| Step::Lead(r, t, on)),
        2 => (0..10usize, 0..14usize, any::<bool>(), 0..4u8).prop_map(|(m, x, team, k)| Step::Accountable(m, x, team, k)),
        3 => (0..3usize, 0..14usize, proptest::option::of(1..=7u8)).prop_map(|(d, s, l)| Step::Level(d, s, l)),
        1 => (0..3usize, proptest::option::of(0..4usize)).prop_map(|(d, t)| Step::Own(d, t)),
        2 => (0..4usize, 0..4usize, any::<bool>()).prop_map(|(t, p, on)| Step::Nest(t, p, on)),
        1 => Just(Step::Undo),
    ]
}

fn to_op(
    org: &Org,
    roles: &[RoleId],
    teams: &[TeamId],
    domains: &[DomainId],
    ids: &mut kader::id::SeqIds,
    s: &Step,
) -> Option<Op> {
    let unit = |x: usize| if x < 10 { Unit::Role(roles[x]) } else { Unit::Team(teams[x - 10]) };
    Some(match *s {
        Step::Move(r, m) => Op::MoveRole { role: roles[r], manager: m.map(|m| roles[m]) },
        Step::Member(r, t, on) => {
            let relation = Relation::MemberOf { role: roles[r], team: teams[t] };
            if on {
                Op::Connect { relation }
            } else {
                Op::Disconnect { relation }
            }
        }
        Step::Lead(r, t, on) => {
            let relation = Relation::Leads { role: roles[r], team: teams[t] };
            if on {
                Op::Connect { relation }
            } else {
                Op::Disconnect { relation }
            }
        }
        Step::Accountable(m, x, clear, k) => {
            let mut role = org.role(roles[m])?.clone();
            if clear {
                role.accountabilities.clear();
            } else {
                let kind = [
                    AccountabilityKind::Delivery,
                    AccountabilityKind::Support,
                    AccountabilityKind::Coordination,
                    AccountabilityKind::Control,
                ][k as usize];
                let towards = match unit(x) {
                    Unit::Role(r) => NodeRef::Role(r),
                    Unit::Team(t) => NodeRef::Team(t),
                };
                role.accountabilities.push(Accountability {
                    id: AccountabilityId::new(ids),
                    text: "x".into(),
                    kind,
                    towards: Some(towards),
                });
            }
            Op::UpdateRole { role }
        }
        Step::Level(d, x, l) => Op::SetDelegation {
            domain: domains[d],
            subject: unit(x),
            current: l.map(level),
            desired: None,
            note: None,
        },
        Step::Own(d, t) => {
            let mut domain = org.domain(domains[d])?.clone();
            domain.owner_team = t.map(|t| teams[t]);
            Op::UpdateDomain { domain }
        }
        Step::Nest(t, p, on) => {
            let relation = Relation::PartOf { team: teams[t], parent: teams[p] };
            if on {
                Op::Connect { relation }
            } else {
                Op::Disconnect { relation }
            }
        }
        Step::Undo => return None,
    })
}

fn play_lens(steps: Vec<Step>, batch: bool) -> Result<(), TestCaseError> {
    let (_dir, mut ws) = ws();
    let mut ids = kader::id::SeqIds::new(500);
    let roles: Vec<Role> = (0..10).map(|i| role(&mut ids, &format!("R{i}"))).collect();
    let teams: Vec<Team> = (0..4).map(|i| team(&mut ids, &format!("T{i}"))).collect();
    let domains: Vec<DecisionDomain> = (0..3).map(|i| domain(&mut ids, &format!("D{i}"))).collect();
    let mut ops: Vec<Op> = roles.iter().map(|r| Op::AddRole { role: r.clone() }).collect();
    ops.extend(teams.iter().map(|t| Op::AddTeam { team: t.clone() }));
    ops.extend(domains.iter().map(|d| Op::AddDomain { domain: d.clone() }));
    // A tree: role i reports to (i - 1) / 2.
    for i in 1..10 {
        ops.push(Op::Connect {
            relation: Relation::ReportsTo { role: roles[i].id, manager: roles[(i - 1) / 2].id },
        });
    }
    ws.apply(Op::batch("base", ops), &ctx()).expect("the base applies");
    let (roles, teams, domains): (Vec<RoleId>, Vec<TeamId>, Vec<DomainId>) = (
        roles.iter().map(|r| r.id).collect(),
        teams.iter().map(|t| t.id).collect(),
        domains.iter().map(|d| d.id).collect(),
    );
    let mut lens = Lens::build(ws.org());
    let mut pending = Vec::new();
    for (i, s) in steps.iter().enumerate() {
        let change = match to_op(ws.org(), &roles, &teams, &domains, &mut ids, s) {
            None => match ws.undo(&ctx()) {
                Ok(Some(c)) => c,
                _ => continue,
            },
            Some(op) if batch => {
                pending.push(op);
                if pending.len() < 3 {
                    continue;
                }
                match ws.apply(Op::batch("three", std::mem::take(&mut pending)), &ctx()) {
                    Ok(c) => c,
                    Err(_) => continue,
                }
            }
            Some(op) => match ws.apply(op, &ctx()) {
                Ok(c) => c,
                Err(_) => continue,
            },
        };
        match applied(&change) {
            Some(op) => lens.update(ws.org(), op),
            None => lens = Lens::build(ws.org()),
        }
        let fresh = Lens::build(ws.org());
        let org = ws.org();
        prop_assert_eq!(lens.lines(org), fresh.lines(org), "step {} {:?}: lines", i, s);
        prop_assert_eq!(lens.figures(org), fresh.figures(org), "step {} {:?}: figures", i, s);
        let c = lens.counts();
        let lines = org.roles().filter(|r| org.manager_of(r.id).is_some()).count() as u64;
        prop_assert_eq!(c.support + c.coordination + c.control + c.unclassified, lines, "step {}: counts", i);
    }
    Ok(())
}

proptest! {
    #![proptest_config(Config {
        cases: 200,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(0x4C45_4E53),
        ..Config::default()
    })]

    #[test]
    fn the_lens_kept_up_to_date_equals_a_fresh_one(steps in vec(step(), 1..40)) {
        play_lens(steps, false)?;
    }

    #[test]
    fn the_lens_follows_batches_too(steps in vec(step(), 1..40)) {
        play_lens(steps, true)?;
    }
}

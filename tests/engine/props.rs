//! Properties over random sequences of operations. The ids come from a small pool, and the pools
//! of people, roles and teams overlap, so operations often collide or refer to what is missing:
//! the refusals are exercised as much as the successes.
//!
//! For every sequence: every invariant holds after every step; a refused operation leaves the
//! organization as it was; undoing the successful operations one by one walks back through every
//! earlier state exactly; redoing them all brings the final state back; and the file always
//! reopens to the state in memory; the hierarchy lens kept up to date change by change equals the
//! lens computed afresh, and its classes count every reporting line once.

use super::*;
use kader::lens::Lens;
use kader::model::{AccountabilityKind, Relation};
use kader::{Change, Error, Op, Org};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, RngSeed};
use uuid::Uuid;

// Node ids are numbers in one space: people 1–4, roles 4–9, teams 9–12. Person 4 and role 4 (and
// role 9 and team 9) share an id, so at most one of each pair can exist.
fn person_id() -> impl Strategy<Value = PersonId> {
    (1u64..=4).prop_map(|n| PersonId(Uuid::from_u64_pair(0, n)))
}
fn role_id() -> impl Strategy<Value = RoleId> {
    (4u64..=9).prop_map(|n| RoleId(Uuid::from_u64_pair(0, n)))
}
fn team_id() -> impl Strategy<Value = TeamId> {
    (9u64..=12).prop_map(|n| TeamId(Uuid::from_u64_pair(0, n)))
}
fn domain_id() -> impl Strategy<Value = DomainId> {
    (1u64..=3).prop_map(|n| DomainId(Uuid::from_u64_pair(1, n)))
}
fn node() -> impl Strategy<Value = NodeRef> {
    prop_oneof![
        person_id().prop_map(NodeRef::Person),
        role_id().prop_map(NodeRef::Role),
        team_id().prop_map(NodeRef::Team)
    ]
}
fn unit() -> impl Strategy<Value = Unit> {
    prop_oneof![role_id().prop_map(Unit::Role), team_id().prop_map(Unit::Team)]
}
/// Mostly a real name, sometimes empty or blank.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        1 => Just("  ".to_string()),
        10 => select(vec!["Ann", "Bob", "Zoë", "Head of Sales", "Ops", "Klantendienst"]).prop_map(String::from),
    ]
}
fn some_level() -> impl Strategy<Value = Option<Level>> {
    option::of((1u8..=7).prop_map(level))
}
fn some_date() -> impl Strategy<Value = Option<Date>> {
    option::of(select(vec![date(2011, 8, 21), date(2024, 2, 29), date(1999, 12, 31)]))
}

fn person_s() -> impl Strategy<Value = Person> {
    (person_id(), name(), option::of(select(vec!["Gent", "Liège"])), some_date()).prop_map(
        |(id, name, location, hire_date)| Person {
            id,
            external_id: None,
            name,
            location: location.map(String::from),
            hire_date,
        },
    )
}

fn accountability_s() -> impl Strategy<Value = Accountability> {
    let kind = select(vec![
        AccountabilityKind::Delivery,
        AccountabilityKind::Support,
        AccountabilityKind::Coordination,
        AccountabilityKind::Control,
    ]);
    (1u64..=3, name(), kind, option::of(node())).prop_map(|(n, text, kind, towards)| Accountability {
        id: AccountabilityId(Uuid::from_u64_pair(2, n)),
        text,
        kind,
        towards,
    })
}

fn role_s() -> impl Strategy<Value = Role> {
    (role_id(), name(), vec(accountability_s(), 0..3)).prop_map(|(id, title, accountabilities)| Role {
        id,
        external_id: None,
        title,
        purpose: String::new(),
        accountabilities,
    })
}

fn team_s() -> impl Strategy<Value = Team> {
    (team_id(), name()).prop_map(|(id, name)| Team { id, name, purpose: String::new() })
}

fn domain_s() -> impl Strategy<Value = DecisionDomain> {
    let delegations = vec((unit(), some_level(), some_level()), 0..3).prop_map(|v| {
        v.into_iter()
            .map(|(subject, current, desired)| kader::model::Delegation {
                subject,
                current,
                desired,
                history: Vec::new(),
            })
            .collect()
    });
    let guardrails = vec(select(vec!["", "under €5,000", "within the plan"]).prop_map(String::from), 0..2);
    (domain_id(), name(), option::of(team_id()), delegations, guardrails).prop_map(
        |(id, name, owner_team, delegations, guardrails)| DecisionDomain {
            id,
            name,
            owner_team,
            driver: String::new(),
            guardrails,
            review_date: None,
            delegations,
        },
    )
}

fn relation_s() -> impl Strategy<Value = Relation> {
    let share = select(vec![0.25, 0.5, 1.0]).prop_map(fte);
    prop_oneof![
        3 => (role_id(), role_id()).prop_map(|(role, manager)| Relation::ReportsTo { role, manager }),
        1 => (role_id(), role_id()).prop_map(|(role, manager)| Relation::DottedLine { role, manager }),
        1 => (role_id(), team_id()).prop_map(|(role, team)| Relation::MemberOf { role, team }),
        1 => (role_id(), team_id()).prop_map(|(role, team)| Relation::Leads { role, team }),
        3 => (team_id(), team_id()).prop_map(|(team, parent)| Relation::PartOf { team, parent }),
        1 => (person_id(), role_id(), share).prop_map(|(person, role, fte)| Relation::Fills { person, role, fte }),
        1 => (unit(), unit()).prop_map(|(from, to)| Relation::Supports { from, to }),
        1 => (role_id(), team_id()).prop_map(|(role, team)| Relation::Coordinates { role, team }),
    ]
}

fn leaf_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => person_s().prop_map(|person| Op::AddPerson { person }),
        1 => person_s().prop_map(|person| Op::UpdatePerson { person }),
        1 => person_id().prop_map(|id| Op::RemovePerson { id }),
        4 => role_s().prop_map(|role| Op::AddRole { role }),
        1 => role_s().prop_map(|role| Op::UpdateRole { role }),
        1 => role_id().prop_map(|id| Op::RemoveRole { id }),
        3 => team_s().prop_map(|team| Op::AddTeam { team }),
        1 => team_s().prop_map(|team| Op::UpdateTeam { team }),
        1 => team_id().prop_map(|id| Op::RemoveTeam { id }),
        8 => relation_s().prop_map(|relation| Op::Connect { relation }),
        3 => relation_s().prop_map(|relation| Op::Disconnect { relation }),
        2 => (role_id(), option::of(role_id())).prop_map(|(role, manager)| Op::MoveRole { role, manager }),
        3 => domain_s().prop_map(|domain| Op::AddDomain { domain }),
        1 => domain_s().prop_map(|domain| Op::UpdateDomain { domain }),
        1 => domain_id().prop_map(|id| Op::RemoveDomain { id }),
        5 => (domain_id(), unit(), some_level(), some_level())
            .prop_map(|(domain, subject, current, desired)| Op::SetDelegation { domain, subject, current, desired, note: None }),
    ]
}

/// A bulk load of a few entities and relations from the pool, often clashing with what exists.
fn load_s() -> impl Strategy<Value = Op> {
    (
        vec(person_s(), 0..3),
        vec(role_s(), 0..3),
        vec(team_s(), 0..3),
        vec(relation_s(), 0..5),
        vec(domain_s(), 0..2),
    )
        .prop_map(|(persons, roles, teams, relations, domains)| Op::Load {
            org: Snapshot { persons, roles, teams, relations, domains },
        })
}

fn unload_s() -> impl Strategy<Value = Op> {
    (
        vec(person_id(), 0..2),
        vec(role_id(), 0..2),
        vec(team_id(), 0..2),
        vec(relation_s(), 0..3),
        vec(domain_id(), 0..2),
    )
        .prop_map(|(persons, roles, teams, relations, domains)| Op::Unload {
            persons,
            roles,
            teams,
            relations,
            domains,
        })
}

fn any_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        20 => leaf_op(),
        2 => vec(leaf_op(), 0..5).prop_map(|ops| Op::batch("random batch", ops)),
        1 => load_s(),
        1 => unload_s(),
    ]
}

/// Brings `lens` up to date with a change, as the API does.
fn follow(lens: &mut Lens, org: &Org, change: &Change) {
    match applied(change) {
        Some(op) => lens.update(org, op),
        None => *lens = Lens::build(org),
    }
}

/// The incrementally kept lens equals a fresh one, and every reporting line has one class.
fn check_lens(lens: &Lens, org: &Org, when: &str) -> Result<(), TestCaseError> {
    let fresh = Lens::build(org);
    prop_assert_eq!(lens.lines(org), fresh.lines(org), "{}: the lines differ from a fresh lens", when);
    prop_assert_eq!(lens.figures(org), fresh.figures(org), "{}: the figures differ from a fresh lens", when);
    let c = lens.counts();
    let lines = org.roles().filter(|r| org.manager_of(r.id).is_some()).count() as u64;
    prop_assert_eq!(c.support + c.coordination + c.control + c.unclassified, lines, "{}: class counts", when);
    Ok(())
}

/// Plays the operations through a workspace file and checks every property.
fn play(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let dir = tempdir();
    let path = file_in(&dir);
    let mut ws = Workspace::create(&path, T0).expect("the workspace can be created");
    // states[i] is the state after the i-th successful operation; states[0] is empty.
    let mut states = vec![ws.org().snapshot()];
    let mut lens = Lens::build(ws.org());

    for (step, op) in ops.into_iter().enumerate() {
        let before = states.last().cloned().expect("there is always a state");
        let summary = op.summary();
        match ws.apply(op, &ctx_at("prop", step as i64)) {
            Ok(change) => {
                states.push(ws.org().snapshot());
                follow(&mut lens, ws.org(), &change);
                check_lens(&lens, ws.org(), &format!("step {step} ({summary})"))?;
            }
            Err(e) => {
                prop_assert!(
                    matches!(
                        e,
                        Error::NotFound { .. } | Error::DuplicateId(_) | Error::Invalid(_) | Error::Cycle(_)
                    ),
                    "step {step} ({summary}): refused with a validation error, not {e:?}"
                );
                prop_assert_eq!(
                    &ws.org().snapshot(),
                    &before,
                    "step {} ({}): a refused operation changed the organization",
                    step,
                    summary
                );
            }
        }
        if let Err(e) = ws.org().check_invariants() {
            return Err(TestCaseError::fail(format!("step {step} ({summary}): an invariant broke: {e}")));
        }
    }
    let last = states.last().cloned().expect("there is always a state");
    prop_assert_eq!(&on_disk(&path), &last, "the file holds the final state");

    // Undo every successful operation, newest first, through every earlier state.
    for i in (0..states.len() - 1).rev() {
        let undone = ws
            .undo(&ctx())
            .map_err(|e| TestCaseError::fail(format!("undo towards state {i} failed: {e}")))?;
        prop_assert!(undone.is_some(), "undo towards state {} had nothing to undo", i);
        if let Some(change) = &undone {
            follow(&mut lens, ws.org(), change);
            check_lens(&lens, ws.org(), &format!("undo towards state {i}"))?;
        }
        prop_assert_eq!(
            &ws.org().snapshot(),
            &states[i],
            "undo towards state {} did not restore it exactly",
            i
        );
        if let Err(e) = ws.org().check_invariants() {
            return Err(TestCaseError::fail(format!("undo towards state {i}: an invariant broke: {e}")));
        }
    }
    prop_assert!(
        ws.undo(&ctx()).expect("undo does not fail").is_none(),
        "nothing is left to undo at the start"
    );
    prop_assert_eq!(&on_disk(&path), &states[0], "the file holds the state after undoing everything");

    // Redo them all, oldest first.
    for (i, state) in states.iter().enumerate().skip(1) {
        let redone = ws
            .redo(&ctx())
            .map_err(|e| TestCaseError::fail(format!("redo towards state {i} failed: {e}")))?;
        prop_assert!(redone.is_some(), "redo towards state {} had nothing to redo", i);
        if let Some(change) = &redone {
            follow(&mut lens, ws.org(), change);
            check_lens(&lens, ws.org(), &format!("redo towards state {i}"))?;
        }
        prop_assert_eq!(&ws.org().snapshot(), state, "redo towards state {} did not restore it exactly", i);
    }
    prop_assert!(
        ws.redo(&ctx()).expect("redo does not fail").is_none(),
        "nothing is left to redo at the end"
    );
    drop(ws);

    let reopened = Workspace::open(&path).expect("the workspace opens again");
    prop_assert_eq!(&reopened.org().snapshot(), &last, "reopening gives the final state");
    Ok(())
}

proptest! {
    #![proptest_config(Config {
        cases: 64,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(0x4B41_4452),
        ..Config::default()
    })]

    #[test]
    fn random_operations_keep_invariants_and_undo_exactly(ops in vec(any_op(), 1..60)) {
        play(ops)?;
    }
}

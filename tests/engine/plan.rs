//! Removing a role as one planned change: the reports go to the manager above, the person stays
//! in the organization without a role (or leaves), and one undo brings everything back.

use super::*;
use kader::id::SeqIds;
use kader::model::Relation;
use kader::plan::{remove_role, PersonFate, Reports};

struct Fixture {
    ws: Workspace,
    _dir: TempDir,
    ceo: RoleId,
    cfo: RoleId,
    analyst: RoleId,
    controller: RoleId,
    bart: PersonId,
    eva: PersonId,
}

/// CEO (Ann) ← CFO (Bart, and Eva half-time, who also fills Controller) ← Analyst (Cis),
/// Controller (Eva).
fn fixture() -> Fixture {
    let (dir, mut ws) = super::ws();
    let mut ids = SeqIds::new(1);
    let (ceo, cfo, analyst, controller) = (
        role(&mut ids, "CEO"),
        role(&mut ids, "CFO"),
        role(&mut ids, "Analyst"),
        role(&mut ids, "Controller"),
    );
    let (ann, bart, cis, eva) =
        (person(&mut ids, "Ann"), person(&mut ids, "Bart"), person(&mut ids, "Cis"), person(&mut ids, "Eva"));
    let fills = |p: &Person, r: &Role, f: f64| Op::Connect {
        relation: Relation::Fills { person: p.id, role: r.id, fte: fte(f) },
    };
    let mut ops = vec![];
    for r in [&ceo, &cfo, &analyst, &controller] {
        ops.push(Op::AddRole { role: r.clone() });
    }
    for p in [&ann, &bart, &cis, &eva] {
        ops.push(Op::AddPerson { person: p.clone() });
    }
    ops.extend([
        Op::MoveRole { role: cfo.id, manager: Some(ceo.id) },
        Op::MoveRole { role: analyst.id, manager: Some(cfo.id) },
        Op::MoveRole { role: controller.id, manager: Some(cfo.id) },
        fills(&ann, &ceo, 1.0),
        fills(&bart, &cfo, 1.0),
        fills(&eva, &cfo, 0.5),
        fills(&cis, &analyst, 1.0),
        fills(&eva, &controller, 0.5),
    ]);
    apply_all(&mut ws, ops);
    Fixture {
        ws,
        _dir: dir,
        ceo: ceo.id,
        cfo: cfo.id,
        analyst: analyst.id,
        controller: controller.id,
        bart: bart.id,
        eva: eva.id,
    }
}

#[test]
fn removing_a_manager_role_moves_its_reports_up_and_keeps_its_person_unplaced() {
    let mut f = fixture();
    let before = f.ws.org().snapshot();
    let plan = remove_role(f.ws.org(), f.cfo, Reports::default(), PersonFate::default()).unwrap();
    assert_eq!(plan.manager, Some(f.ceo));
    assert_eq!(plan.reports, vec![f.analyst, f.controller], "sorted by title");
    assert_eq!(plan.unplaced, vec![f.bart]);
    assert_eq!(plan.staying, vec![f.eva], "Eva keeps her other role");
    assert!(plan.leaving.is_empty());
    assert!(matches!(plan.op, Op::Batch { .. }));
    f.ws.apply(plan.op, &ctx()).unwrap();
    let org = f.ws.org();
    org.check_invariants().unwrap();
    assert!(org.role(f.cfo).is_none());
    assert_eq!(org.manager_of(f.analyst), Some(f.ceo));
    assert_eq!(org.manager_of(f.controller), Some(f.ceo));
    assert!(org.person(f.bart).is_some(), "Bart stays in the organization");
    assert_eq!(org.roles_of(f.bart).count(), 0, "without a role");
    assert_eq!(org.roles_of(f.eva).map(|(r, _)| r).collect::<Vec<_>>(), vec![f.controller]);
    assert_eq!(org.counts().0, 4, "nobody left");
    // One change, one undo.
    f.ws.undo(&ctx()).unwrap().expect("something to undo");
    assert_eq!(f.ws.org().snapshot(), before);
}

#[test]
fn a_person_who_leaves_is_removed_with_the_role() {
    let mut f = fixture();
    let before = f.ws.org().snapshot();
    let plan = remove_role(f.ws.org(), f.cfo, Reports::ToManagerAbove, PersonFate::Leaves).unwrap();
    assert_eq!(plan.leaving, vec![f.bart]);
    assert!(plan.unplaced.is_empty());
    assert_eq!(plan.staying, vec![f.eva], "a person with another role never leaves with this one");
    f.ws.apply(plan.op, &ctx()).unwrap();
    assert!(f.ws.org().person(f.bart).is_none());
    assert!(f.ws.org().person(f.eva).is_some());
    assert_eq!(f.ws.org().counts().0, 3);
    assert_eq!(f.ws.org().manager_of(f.analyst), Some(f.ceo));
    f.ws.undo(&ctx()).unwrap().expect("something to undo");
    assert_eq!(f.ws.org().snapshot(), before);
}

#[test]
fn the_reports_of_a_top_role_become_top_level_and_the_plan_says_so() {
    let mut f = fixture();
    let plan = remove_role(f.ws.org(), f.ceo, Reports::ToManagerAbove, PersonFate::Unplaced).unwrap();
    assert_eq!(plan.manager, None);
    assert_eq!(plan.reports, vec![f.cfo]);
    f.ws.apply(plan.op, &ctx()).unwrap();
    assert_eq!(f.ws.org().manager_of(f.cfo), None);
    // Top-level on request, even with a manager above.
    let plan = remove_role(f.ws.org(), f.cfo, Reports::TopLevel, PersonFate::Unplaced).unwrap();
    assert_eq!(plan.manager, None);
    f.ws.apply(plan.op, &ctx()).unwrap();
    assert_eq!(f.ws.org().manager_of(f.analyst), None);
    f.ws.org().check_invariants().unwrap();
}

#[test]
fn planning_an_unknown_role_is_refused_naming_it() {
    let f = fixture();
    let mut ids = SeqIds::new(9);
    let ghost = RoleId::new(&mut ids);
    let e = remove_role(f.ws.org(), ghost, Reports::default(), PersonFate::default()).unwrap_err();
    assert!(e.to_string().contains(&ghost.to_string()), "{e}");
}

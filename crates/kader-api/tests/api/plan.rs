//! `plan_remove_role`: a role's removal as one planned change. Its reports go to the manager
//! above, its person stays in the organization without a role (listed in the chart as unplaced)
//! or leaves, the people figure says the same thing everywhere, and one undo restores it all.

use super::*;
use kader::plan::{PersonFate, Reports};
use kader_api::RemoveRoleRequest;

/// The small organization with Jan filling only the CFO role (not the Accountant's too).
fn jan_only_cfo() -> (TempDir, PathBuf, Api, Ids) {
    let (dir, path, api, i) = small_org();
    let half = Fte::new(0.5).expect("a share");
    api.apply(
        Op::Disconnect { relation: Relation::Fills { person: i.jan, role: i.accountant, fte: half } },
        "t",
    )
    .expect("Jan leaves the Accountant role");
    (dir, path, api, i)
}

fn people(api: &Api) -> usize {
    api.workspace_info().expect("info").people
}

#[test]
fn removing_a_manager_role_moves_its_reports_up_and_keeps_its_person_unplaced() {
    let (_dir, _path, api, i) = jan_only_cfo();
    let before = api.chart().expect("chart");
    assert!(before.unplaced.is_empty(), "everyone has a role");
    let request =
        RemoveRoleRequest { role: i.cfo, reports: Reports::default(), person: PersonFate::default() };
    let plan = api.plan_remove_role(&request).expect("a plan");
    assert_eq!(plan.role.name, "CFO");
    assert_eq!(plan.manager.as_ref().map(|m| m.name.as_str()), Some("CEO"));
    assert_eq!(plan.reports.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["Accountant"]);
    assert_eq!(plan.unplaced.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Jan Peeters"]);
    assert!(plan.leaving.is_empty() && plan.staying.is_empty());
    assert_eq!((plan.people_before, plan.people_after), (3, 3));
    assert_eq!(api.chart().expect("chart"), before, "a plan changes nothing");

    let seq = api.apply(plan.op, "ann").expect("the plan applies");
    let chart = api.chart().expect("chart");
    assert!(chart.roles.iter().all(|r| r.id != i.cfo), "the role is gone");
    let accountant = chart.roles.iter().find(|r| r.id == i.accountant).expect("the accountant stays");
    assert_eq!(accountant.manager, Some(i.ceo), "under the manager above, not a tree of its own");
    assert_eq!(chart.roles.iter().filter(|r| r.manager.is_none()).count(), 1, "one top");
    assert_eq!(
        chart.unplaced.iter().map(|p| (p.id, p.name.as_str())).collect::<Vec<_>>(),
        [(i.jan, "Jan Peeters")]
    );
    assert_eq!(people(&api), 3, "nobody left the organization");
    assert_eq!(api.person(i.jan).expect("Jan is still there").roles.len(), 0);

    assert_eq!(api.undo("ann").expect("undo"), Some(seq + 1), "one undo");
    let mut undone = api.chart().expect("chart");
    undone.seq = before.seq;
    assert_eq!(undone, before, "the role, its person and its reports are back");
}

#[test]
fn a_person_who_leaves_lowers_the_people_figure_by_one() {
    let (_dir, _path, api, i) = jan_only_cfo();
    let request =
        RemoveRoleRequest { role: i.cfo, reports: Reports::ToManagerAbove, person: PersonFate::Leaves };
    let plan = api.plan_remove_role(&request).expect("a plan");
    assert_eq!(plan.leaving.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Jan Peeters"]);
    assert_eq!((plan.people_before, plan.people_after), (3, 2));
    api.apply(plan.op, "ann").expect("the plan applies");
    assert_eq!(people(&api), 2);
    assert!(api.chart().expect("chart").unplaced.is_empty());
    api.undo("ann").expect("undo");
    assert_eq!(people(&api), 3);
    assert_eq!(
        api.chart().expect("chart").roles.iter().find(|r| r.id == i.accountant).unwrap().manager,
        Some(i.cfo)
    );
}

#[test]
fn someone_with_another_role_keeps_it_and_a_top_role_leaves_top_level_reports() {
    let (_dir, _path, api, i) = small_org();
    // Jan fills the CFO role and half the Accountant's: he keeps the Accountant role, and counts.
    let request = RemoveRoleRequest { role: i.cfo, reports: Reports::default(), person: PersonFate::Leaves };
    let plan = api.plan_remove_role(&request).expect("a plan");
    assert!(plan.leaving.is_empty());
    assert_eq!(plan.staying.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Jan Peeters"]);
    assert_eq!(plan.people_after, 3);
    // The CEO has no manager: its reports become top-level, and the plan says so.
    let request =
        RemoveRoleRequest { role: i.ceo, reports: Reports::default(), person: PersonFate::default() };
    let plan = api.plan_remove_role(&request).expect("a plan");
    assert!(plan.manager.is_none() && !plan.had_manager);
    api.apply(plan.op, "ann").expect("the plan applies");
    let chart = api.chart().expect("chart");
    assert_eq!(chart.unplaced.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Françoise Dupré"]);
    assert_eq!(people(&api), 3);
}

#[test]
fn planning_the_removal_of_an_unknown_role_is_not_found() {
    let (_dir, _path, api, _i) = small_org();
    let ghost = RoleId::new(&mut SeqIds::new(0xDEAD));
    let e = api
        .plan_remove_role(&RemoveRoleRequest {
            role: ghost,
            reports: Reports::default(),
            person: PersonFate::default(),
        })
        .expect_err("refused");
    assert_eq!(e.code, kader_api::Code::NotFound);
    assert!(e.message.contains(&ghost.to_string()), "{}", e.message);
}

//! `POST /api/plan/remove-role`: the plan of a role's removal, which changes nothing until its
//! `op` is posted to `/api/ops`; then the person is in the chart's unplaced list and still counts.

use super::*;
use serde_json::json;

#[tokio::test]
async fn a_planned_role_removal_keeps_the_person_unplaced_and_undoes_in_one_step() {
    let s = start().await;
    let i = &s.ids;
    let plan = expect_json(
        s.post("/api/plan/remove-role").json(&json!({"role": i.cfo.to_string()})),
        StatusCode::OK,
        "the plan",
    )
    .await;
    assert_eq!(plan["manager"], json!({"id": i.ceo.to_string(), "name": "CEO"}), "{plan}");
    assert_eq!(plan["unplaced"], json!([{"id": i.ann.to_string(), "name": "Anaïs Dubois"}]), "{plan}");
    assert_eq!((plan["people_before"].clone(), plan["people_after"].clone()), (json!(1), json!(1)));
    assert_eq!(plan["op"]["op"], "batch", "one change");
    let chart = expect_json(s.get("/api/chart"), StatusCode::OK, "chart").await;
    assert_eq!(chart["unplaced"], json!([]), "planning changes nothing");

    let applied = expect_json(s.post("/api/ops").json(&plan["op"]), StatusCode::OK, "apply").await;
    let chart = expect_json(s.get("/api/chart"), StatusCode::OK, "chart").await;
    assert_eq!(chart["unplaced"], json!([{"id": i.ann.to_string(), "name": "Anaïs Dubois"}]), "{chart}");
    let info = expect_json(s.get("/api/workspace"), StatusCode::OK, "info").await;
    assert_eq!(info["people"], 1, "she still counts");
    let undone = expect_json(s.post("/api/undo"), StatusCode::OK, "undo").await;
    assert_eq!(undone["seq"], applied["seq"].as_i64().unwrap() + 1);
    let chart = expect_json(s.get("/api/chart"), StatusCode::OK, "chart").await;
    assert_eq!(chart["unplaced"], json!([]));
    assert_eq!(chart["roles"].as_array().unwrap().len(), 2);

    let leaves = expect_json(
        s.post("/api/plan/remove-role").json(&json!({"role": i.cfo.to_string(), "person": "leaves"})),
        StatusCode::OK,
        "leaves",
    )
    .await;
    assert_eq!((leaves["people_before"].clone(), leaves["people_after"].clone()), (json!(1), json!(0)));
}

#[tokio::test]
async fn a_bad_plan_request_names_what_is_wrong() {
    let s = start().await;
    let m = expect_error(
        s.post("/api/plan/remove-role").json(&json!({"role": s.ids.cfo.to_string(), "person": "vanishes"})),
        StatusCode::BAD_REQUEST,
        "invalid",
        "an unknown choice",
    )
    .await;
    assert!(m.contains("vanishes"), "{m}");
    let ghost = RoleId::new(&mut SeqIds::new(0xDEAD));
    expect_error(
        s.post("/api/plan/remove-role").json(&json!({"role": ghost.to_string()})),
        StatusCode::NOT_FOUND,
        "not_found",
        "an unknown role",
    )
    .await;
}

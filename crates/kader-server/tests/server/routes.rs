//! Every route of docs/api.md: the happy path and the error statuses.

use super::*;
use serde_json::json;

#[tokio::test]
async fn read_routes_answer_the_api_types() {
    let s = start().await;
    let i = &s.ids;
    let info = expect_json(s.get("/api/workspace"), StatusCode::OK, "workspace").await;
    assert_eq!(
        (info["people"].clone(), info["roles"].clone(), info["seq"].clone()),
        (json!(1), json!(2), json!(1)),
        "{info}"
    );
    assert_eq!(info["team_word"], json!({"singular": "team", "plural": "teams"}), "the team word");

    let chart = expect_json(s.get("/api/chart"), StatusCode::OK, "chart").await;
    let cfo = chart["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .find(|r| r["title"] == "CFO")
        .expect("the CFO")
        .clone();
    assert_eq!(
        cfo,
        json!({
            "id": i.cfo.to_string(), "title": "CFO", "manager": i.ceo.to_string(), "dotted": [],
            "team": i.finance.to_string(), "external_id": null,
            "people": [{"id": i.ann.to_string(), "name": "Anaïs Dubois", "fte": 1.0}],
        }),
        "a chart role"
    );

    let role = expect_json(s.get(&format!("/api/roles/{}", i.cfo)), StatusCode::OK, "role").await;
    assert_eq!(role["manager"], json!({"id": i.ceo.to_string(), "name": "CEO"}), "role details");
    let person = expect_json(s.get(&format!("/api/persons/{}", i.ann)), StatusCode::OK, "person").await;
    assert_eq!(
        person["roles"],
        json!([{"id": i.cfo.to_string(), "name": "CFO", "fte": 1.0}]),
        "person details"
    );
    let team = expect_json(s.get(&format!("/api/teams/{}", i.finance)), StatusCode::OK, "team").await;
    let cfo = json!({"id": i.cfo.to_string(), "title": "CFO", "people": ["Anaïs Dubois"]});
    assert_eq!(team["members"], json!([cfo]), "team details: roles with their people");
    assert_eq!(
        (&team["lead"], &team["lead_implied"]),
        (&cfo, &json!(true)),
        "the lead the reporting lines imply"
    );

    let hits = expect_json(s.get("/api/search?q=ANAIS&limit=5"), StatusCode::OK, "search").await;
    assert_eq!(
        hits,
        json!([{"kind": "person", "id": i.ann.to_string(), "label": "Anaïs Dubois", "detail": "CFO · Finance", "role": i.cfo.to_string()}]),
        "accent- and case-insensitive search"
    );
    let none = expect_json(s.get("/api/search?q=c&limit=0"), StatusCode::OK, "limit 0").await;
    assert_eq!(none, json!([]), "limit 0 finds nothing");

    let board = expect_json(s.get("/api/board"), StatusCode::OK, "board").await;
    assert_eq!(board["domains"], json!([]), "no domains yet");
    assert_eq!(board["teams"][0]["name"], json!("Finance"), "{board}");
    let lens = expect_json(s.get("/api/lens"), StatusCode::OK, "lens").await;
    let cfo_class = &lens["classes"][i.cfo.to_string()];
    // The CEO has one report: a pass-through layer.
    assert_eq!(cfo_class, &json!("control"), "{lens}");
    assert_eq!(lens["figures"]["hierarchy"]["control"], json!(1), "{lens}");
    let line = expect_json(s.get(&format!("/api/lens/lines/{}", i.cfo)), StatusCode::OK, "line").await;
    assert_eq!(line["class"], json!("control"));
    assert_eq!(line["reasons"][0]["signal"], json!("pass_through"), "{line}");
    expect_error(
        s.get(&format!("/api/lens/lines/{}", i.ceo)),
        StatusCode::NOT_FOUND,
        "not_found",
        "top role",
    )
    .await;
    for path in ["/api/board", "/api/lens", "/api/lens/lines/x"] {
        let message =
            expect_error(s.http.get(s.url(path)), StatusCode::UNAUTHORIZED, "unauthorized", path).await;
        assert!(!message.is_empty());
    }
}

#[tokio::test]
async fn read_routes_refuse_unknown_and_malformed_ids() {
    let s = start().await;
    let unknown = "00000000-0000-0000-0000-000000000042";
    for route in ["roles", "persons", "teams"] {
        let message = expect_error(
            s.get(&format!("/api/{route}/{unknown}")),
            StatusCode::NOT_FOUND,
            "not_found",
            route,
        )
        .await;
        assert!(message.contains(unknown), "{route}: names the id: {message}");
        let message = expect_error(
            s.get(&format!("/api/{route}/not-a-uuid")),
            StatusCode::BAD_REQUEST,
            "invalid",
            route,
        )
        .await;
        assert!(message.contains("not-a-uuid"), "{route}: names the text: {message}");
    }
    expect_error(s.get("/api/search?q=a&limit=many"), StatusCode::BAD_REQUEST, "invalid", "a bad limit")
        .await;
    expect_error(s.get("/api/nothing/here"), StatusCode::NOT_FOUND, "not_found", "an unknown API route")
        .await;
}

#[tokio::test]
async fn operations_undo_and_redo_answer_the_new_seq() {
    let s = start().await;
    let op = json!({"op": "update_team", "team": {"id": s.ids.finance.to_string(), "name": "Financiën"}});
    let applied = expect_json(s.post("/api/ops").json(&op), StatusCode::OK, "an operation").await;
    assert_eq!(applied, json!({"seq": 2}), "the new change's seq");
    let team = expect_json(s.get(&format!("/api/teams/{}", s.ids.finance)), StatusCode::OK, "team").await;
    assert_eq!(team["team"]["name"], "Financiën", "applied");

    assert_eq!(expect_json(s.post("/api/undo"), StatusCode::OK, "undo").await, json!({"seq": 3}), "undo");
    assert_eq!(expect_json(s.post("/api/redo"), StatusCode::OK, "redo").await, json!({"seq": 4}), "redo");
    assert_eq!(
        expect_json(s.post("/api/redo"), StatusCode::OK, "redo").await,
        json!({"seq": null}),
        "nothing to redo"
    );
}

#[tokio::test]
async fn refused_operations_answer_their_code() {
    let s = start().await;
    let cycle = json!({"op": "move_role", "role": s.ids.ceo.to_string(), "manager": s.ids.cfo.to_string()});
    let message =
        expect_error(s.post("/api/ops").json(&cycle), StatusCode::BAD_REQUEST, "cycle", "a cycle").await;
    assert!(message.contains("CEO") && message.contains("CFO"), "names the roles: {message}");
    let unknown = json!({"op": "remove_role", "id": "00000000-0000-0000-0000-000000000042"});
    expect_error(s.post("/api/ops").json(&unknown), StatusCode::NOT_FOUND, "not_found", "an unknown role")
        .await;
    let message = expect_error(
        s.post("/api/ops").body("{\"op\": \"fly\"}"),
        StatusCode::BAD_REQUEST,
        "invalid",
        "an unknown operation",
    )
    .await;
    assert!(message.contains("fly"), "serde's reason: {message}");
    expect_error(s.post("/api/ops").body("not json"), StatusCode::BAD_REQUEST, "invalid", "not JSON").await;
    let huge = vec![b' '; kader_server::MAX_OP_BYTES + 1];
    expect_error(s.post("/api/ops").body(huge), StatusCode::PAYLOAD_TOO_LARGE, "invalid", "too large").await;
    let info = expect_json(s.get("/api/workspace"), StatusCode::OK, "info").await;
    assert_eq!(info["seq"], 1, "nothing was written");
}

#[tokio::test]
async fn settings_change_the_team_word() {
    let s = start().await;
    let body = json!({"team_word": {"singular": "cirkel", "plural": "cirkels"}});
    let info = expect_json(s.put("/api/settings").json(&body), StatusCode::OK, "settings").await;
    assert_eq!(info["team_word"]["plural"], "cirkels", "the updated info");
    let blank = json!({"team_word": {"singular": "", "plural": "x"}});
    expect_error(s.put("/api/settings").json(&blank), StatusCode::BAD_REQUEST, "invalid", "an empty word")
        .await;
    expect_error(s.put("/api/settings").json(&json!({})), StatusCode::BAD_REQUEST, "invalid", "no word")
        .await;
}

#[tokio::test]
async fn an_hr_export_imports_and_a_bad_one_names_its_line() {
    let s = start().await;
    let csv =
        "Pers. nr.,Name,Job Title,Department,Manager ID\n1,Ada Root,CEO,Board,\n2,Bea Two,CFO,Finance,1\n";
    let report = expect_json(
        s.post("/api/import?map=employee_id%3DPers.%20nr.").body(csv),
        StatusCode::OK,
        "an import",
    )
    .await;
    assert_eq!(report["added_count"], 2, "the report: {report}");
    assert_eq!(report["added"][0], json!({"employee_id": "1", "name": "Ada Root"}), "who was added");

    let bad =
        "Employee ID,Name,Job Title,Department,Manager ID\n1,Ada Root,CEO,Board,\n2,Bea Two,CFO,Finance,7\n";
    let message =
        expect_error(s.post("/api/import").body(bad), StatusCode::BAD_REQUEST, "invalid", "bad CSV").await;
    assert!(
        message.contains("line 3") && message.contains('7'),
        "names the line and the manager id: {message}"
    );
    let roots = expect_json(
        s.post("/api/import?external_managers_as_roots=true").body(bad),
        StatusCode::OK,
        "as roots",
    )
    .await;
    assert_eq!(roots["external_managers"], json!(["2"]), "made top-level on request");
    expect_error(
        s.post("/api/import?map=salary%3DX").body(bad),
        StatusCode::BAD_REQUEST,
        "invalid",
        "unknown field",
    )
    .await;
}

#[tokio::test]
async fn a_read_only_workspace_refuses_changes_with_403() {
    let s = start_with(|path| {
        let conn = rusqlite::Connection::open(path).expect("SQLite opens it");
        conn.pragma_update(None, "user_version", 99).expect("a newer version");
    })
    .await;
    let info = expect_json(s.get("/api/workspace"), StatusCode::OK, "info").await;
    assert!(info["read_only"].as_str().is_some_and(|r| r.contains("newer")), "says why: {info}");
    expect_json(s.get("/api/chart"), StatusCode::OK, "reading works").await;
    let op = json!({"op": "remove_role", "id": s.ids.ceo.to_string()});
    expect_error(s.post("/api/ops").json(&op), StatusCode::FORBIDDEN, "read_only", "an operation").await;
    expect_error(s.post("/api/undo"), StatusCode::FORBIDDEN, "read_only", "undo").await;
    let body = json!({"team_word": {"singular": "a", "plural": "b"}});
    expect_error(s.put("/api/settings").json(&body), StatusCode::FORBIDDEN, "read_only", "settings").await;
    let _ = &s.path;
}

#[tokio::test]
async fn a_decision_matrix_imports_changes_the_lens_and_exports_in_dutch() {
    let s = start().await;
    let i = &s.ids;
    let bad = "Domein;Team;Niveau\nAanwerving;Finance;heel veel\n";
    let message = expect_error(
        s.post("/api/decisions/import?name=m.csv").body(bad),
        StatusCode::BAD_REQUEST,
        "invalid",
        "a bad level",
    )
    .await;
    assert!(message.contains("line 2") && message.contains("heel veel"), "{message}");
    let matrix = "Domein;Team;Niveau;Gewenst niveau\nAanwerving;Finance;informeren;delegeren\n";
    let report = expect_json(
        s.post("/api/decisions/import?name=beslissingen.csv").body(matrix),
        StatusCode::OK,
        "import",
    )
    .await;
    assert_eq!(report["entries_set"], 1, "{report}");
    let board = expect_json(s.get("/api/board"), StatusCode::OK, "board").await;
    assert_eq!(board["domains"][0]["delegations"][0]["history"][0]["why"], "imported from beslissingen.csv");
    let line = expect_json(s.get(&format!("/api/lens/lines/{}", i.cfo)), StatusCode::OK, "line").await;
    assert_eq!(line["reasons"][0]["signal"], "decision", "{line}");
    let res = send(s.get("/api/decisions/export?lang=nl")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-disposition"].to_str().expect("ascii").contains("beslissingen.csv"));
    let csv = res.text().await.expect("text");
    assert!(csv.contains("Aanwerving;Finance;informeren;delegeren"), "{csv}");
    expect_error(
        s.http.get(s.url("/api/decisions/export")),
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "no token",
    )
    .await;
}

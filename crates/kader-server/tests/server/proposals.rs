//! Proposals over real sockets: a facilitator drafts a structural change, participants of a
//! session comment on the changed role and object, the facilitator amends, all consent, adoption
//! changes the live chart in one undoable change and the decision log says why. Also what a
//! participant may not do, and an anonymous round that names nobody in any answer.

use super::*;
use kader::id::{RoleId, SeqIds, TeamId};
use kader::model::{Relation, Role};
use serde_json::{json, Value};

struct Person {
    id: String,
    token: String,
}

async fn session_with(s: &Server, names: &[&str]) -> Vec<Person> {
    let view =
        expect_json(s.post("/api/session").json(&json!({"lan": false})), StatusCode::OK, "start").await;
    let code = view["code"].as_str().expect("a code").to_owned();
    let mut people = Vec::new();
    for name in names {
        let joined = expect_json(
            s.http.post(s.url("/session/join")).json(&json!({"code": code, "name": name})),
            StatusCode::OK,
            "join",
        )
        .await;
        people.push(Person {
            id: joined["participant"]["id"].as_str().expect("an id").to_owned(),
            token: joined["token"].as_str().expect("a token").to_owned(),
        });
    }
    people
}

fn as_person(s: &Server, p: &Person, method: reqwest::Method, path: &str) -> RequestBuilder {
    s.http.request(method, s.url(path)).bearer_auth(&p.token)
}

/// A controller below the CFO: two operations staged, never applied before adoption.
fn controller(s: &Server) -> (RoleId, Value) {
    let id = RoleId::new(&mut SeqIds::new(0xC0));
    let role = Role {
        id,
        external_id: None,
        title: "Controller".into(),
        purpose: "Keeps the numbers honest".into(),
        accountabilities: Vec::new(),
    };
    let ops = vec![
        Op::AddRole { role },
        Op::Connect { relation: Relation::ReportsTo { role: id, manager: s.ids.cfo } },
    ];
    (id, serde_json::to_value(ops).expect("ops serialize"))
}

fn later(ms: i64) -> i64 {
    Timestamp::now().0 + ms
}

async fn step(s: &Server, id: &str, step: Value) -> Value {
    expect_json(s.post(&format!("/api/proposals/{id}/step")).json(&step), StatusCode::OK, "a step").await
}

fn chart_titles(chart: &Value) -> Vec<String> {
    chart["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .map(|r| r["title"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn a_structural_proposal_from_draft_to_adoption_with_an_objection_integrated() {
    let s = start().await;
    let people = session_with(&s, &["Bea", "Cas", "Dirk"]).await;
    let (role, ops) = controller(&s);
    let created = expect_json(
        s.post("/api/proposals").json(&json!({
            "title": "A controller for Finance",
            "rationale": "Month-end closing takes the CFO two weeks; a controller frees them to support the teams.",
            "goals": ["Decisions close to the work"],
            "revision": {"kind": "structure", "ops": ops},
        })),
        StatusCode::OK,
        "a draft",
    )
    .await;
    let id = created["proposal"]["id"].as_str().expect("an id").to_owned();
    assert_eq!(created["proposal"]["state"]["state"], "draft");
    // A participant sees no draft, and cannot draft or step.
    let list = expect_json(
        as_person(&s, &people[0], reqwest::Method::GET, "/api/proposals"),
        StatusCode::OK,
        "list",
    )
    .await;
    assert_eq!(list.as_array().expect("a list").len(), 0, "drafts are the facilitator's");
    expect_error(
        as_person(&s, &people[0], reqwest::Method::GET, &format!("/api/proposals/{id}")),
        StatusCode::NOT_FOUND,
        "not_found",
        "a draft",
    )
    .await;
    expect_error(
        as_person(&s, &people[0], reqwest::Method::POST, &format!("/api/proposals/{id}/step"))
            .json(&json!({"step": "adopt"})),
        StatusCode::FORBIDDEN,
        "forbidden",
        "a participant's step",
    )
    .await;
    // Answering a draft is refused, naming the state.
    let refused = expect_error(
        s.post(&format!("/api/proposals/{id}/answer")).json(&json!({"answer": "consent"})),
        StatusCode::BAD_REQUEST,
        "invalid",
        "an answer on a draft",
    )
    .await;
    assert!(refused.contains("draft"), "{refused}");
    // The chart does not have the controller yet: staged, not applied.
    let chart = expect_json(s.get("/api/chart"), StatusCode::OK, "chart").await;
    assert!(!chart_titles(&chart).contains(&"Controller".to_owned()));
    // The preview shows the role added and the figures before and after.
    let preview =
        expect_json(s.get(&format!("/api/proposals/{id}/preview")), StatusCode::OK, "preview").await;
    assert_eq!(preview["kind"], "organization");
    assert_eq!(preview["before"]["roles"], 2);
    assert_eq!(preview["after"]["roles"], 3);
    assert!(preview["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .any(|n| n["name"] == "Controller" && n["change"] == "added"));

    step(&s, &id, json!({"step": "open", "until": later(60_000)})).await;
    // Bea comments on the new role; Cas replies.
    let node = json!({"on": "node", "node": {"kind": "role", "id": role.to_string()}});
    let posted = expect_json(
        as_person(&s, &people[0], reqwest::Method::POST, &format!("/api/proposals/{id}/comments"))
            .json(&json!({"body": "Who does the controller report to on weekends?", "anchor": node})),
        StatusCode::OK,
        "a comment on a node",
    )
    .await;
    let first = posted["id"].as_str().expect("an id").to_owned();
    assert!(posted["edit_key"].is_null(), "a named comment needs no key");
    expect_json(
        as_person(&s, &people[1], reqwest::Method::POST, &format!("/api/proposals/{id}/comments"))
            .json(&json!({"body": "To the CFO, like on weekdays.", "parent": first})),
        StatusCode::OK,
        "a reply",
    )
    .await;
    // Cas may not edit Bea's comment.
    expect_error(
        as_person(&s, &people[1], reqwest::Method::PUT, &format!("/api/comments/{first}"))
            .json(&json!({"body": "changed"})),
        StatusCode::FORBIDDEN,
        "forbidden",
        "someone else's comment",
    )
    .await;
    let thread = expect_json(
        as_person(&s, &people[2], reqwest::Method::GET, &format!("/api/proposals/{id}/comments")),
        StatusCode::OK,
        "comments",
    )
    .await;
    let thread = thread.as_array().expect("comments");
    assert_eq!(thread.len(), 2);
    assert_eq!(thread[0]["author"], "Bea");
    assert_eq!(thread[1]["parent"], first.as_str());

    step(&s, &id, json!({"step": "consent", "until": later(60_000)})).await;
    // An objection without a reason is refused; with one it is taken, once.
    expect_error(
        as_person(&s, &people[2], reqwest::Method::POST, &format!("/api/proposals/{id}/answer"))
            .json(&json!({"answer": "objection", "reason": "  "})),
        StatusCode::BAD_REQUEST,
        "invalid",
        "an objection without a reason",
    )
    .await;
    let objection =
        json!({"answer": "objection", "reason": "The controller needs a deputy during holidays."});
    let answered = expect_json(
        as_person(&s, &people[2], reqwest::Method::POST, &format!("/api/proposals/{id}/answer"))
            .json(&objection),
        StatusCode::OK,
        "an objection",
    )
    .await;
    assert_eq!(answered["answered"], true);
    expect_error(
        as_person(&s, &people[2], reqwest::Method::POST, &format!("/api/proposals/{id}/answer"))
            .json(&json!({"answer": "consent"})),
        StatusCode::BAD_REQUEST,
        "invalid",
        "a second answer",
    )
    .await;
    for p in &people[..2] {
        expect_json(
            as_person(&s, p, reqwest::Method::POST, &format!("/api/proposals/{id}/answer"))
                .json(&json!({"answer": "consent"})),
            StatusCode::OK,
            "consent",
        )
        .await;
    }
    step(&s, &id, json!({"step": "close"})).await;
    let refused = expect_error(
        s.post(&format!("/api/proposals/{id}/step")).json(&json!({"step": "adopt"})),
        StatusCode::BAD_REQUEST,
        "invalid",
        "adoption with an open objection",
    )
    .await;
    assert!(refused.contains("objection"), "{refused}");
    // The facilitator amends, integrating the objection; a new round; everyone consents.
    let view = expect_json(s.get(&format!("/api/proposals/{id}")), StatusCode::OK, "the proposal").await;
    let objection_id = view["objections"][0]["id"].as_str().expect("the objection").to_owned();
    let amended = step(
        &s,
        &id,
        json!({"step": "amend", "note": "The CFO deputises for the controller.", "until": later(60_000),
               "integrations": [{"objection": objection_id, "note": "The CFO is the controller's deputy during holidays."}]}),
    )
    .await;
    assert_eq!(amended["proposal"]["state"]["round"], 2);
    for p in &people {
        expect_json(
            as_person(&s, p, reqwest::Method::POST, &format!("/api/proposals/{id}/answer"))
                .json(&json!({"answer": "consent"})),
            StatusCode::OK,
            "consent",
        )
        .await;
    }
    step(&s, &id, json!({"step": "close"})).await;
    let adopted = step(&s, &id, json!({"step": "adopt"})).await;
    assert_eq!(adopted["proposal"]["state"]["state"], "adopted");
    // The live chart has the controller below the CFO.
    let chart = expect_json(s.get("/api/chart"), StatusCode::OK, "chart").await;
    assert!(chart_titles(&chart).contains(&"Controller".to_owned()));
    // The decision log says what, why, and how the objection was integrated.
    let log = expect_json(s.get("/api/decision-log"), StatusCode::OK, "the decision log").await;
    let decision = &log[0];
    assert_eq!(decision["outcome"], "adopted");
    assert!(decision["rationale"].as_str().expect("why").contains("Month-end closing"));
    assert_eq!(
        decision["objections"][0]["integration"],
        "The CFO is the controller's deputy during holidays."
    );
    assert_eq!(decision["tally"]["consent"], 3);
    let md = send(s.get("/api/decision-log/export?format=markdown")).await;
    assert_eq!(md.status(), StatusCode::OK);
    assert!(md.headers()["content-type"].to_str().expect("text").starts_with("text/markdown"));
    assert!(md.text().await.expect("text").contains("A controller for Finance"));
    // One undo takes the whole adoption back.
    expect_json(s.post("/api/undo"), StatusCode::OK, "undo").await;
    let chart = expect_json(s.get("/api/chart"), StatusCode::OK, "chart").await;
    assert!(!chart_titles(&chart).contains(&"Controller".to_owned()), "undone as one change");
}

#[tokio::test]
async fn an_anonymous_round_names_nobody_and_hides_results_until_it_closes() {
    let s = start().await;
    let people = session_with(&s, &["Ella", "Fien", "Gust"]).await;
    let (_, ops) = controller(&s);
    let created = expect_json(
        s.post("/api/proposals").json(&json!({
            "title": "A controller", "rationale": "Relief for the CFO.",
            "revision": {"kind": "structure", "ops": ops},
            "privacy": {"anonymous": true, "hidden_results": true},
        })),
        StatusCode::OK,
        "a draft",
    )
    .await;
    let id = created["proposal"]["id"].as_str().expect("an id").to_owned();
    step(&s, &id, json!({"step": "open", "until": later(60_000)})).await;
    let posted = expect_json(
        as_person(&s, &people[0], reqwest::Method::POST, &format!("/api/proposals/{id}/comments"))
            .json(&json!({"body": "I worry about the workload."})),
        StatusCode::OK,
        "an anonymous comment",
    )
    .await;
    let comment = posted["id"].as_str().expect("an id").to_owned();
    let key = posted["edit_key"].as_str().expect("an anonymous author gets a key").to_owned();
    // Without the key even its author cannot edit it (nothing links it to them); with it they can.
    expect_error(
        as_person(&s, &people[0], reqwest::Method::PUT, &format!("/api/comments/{comment}"))
            .json(&json!({"body": "edited"})),
        StatusCode::FORBIDDEN,
        "forbidden",
        "no key",
    )
    .await;
    expect_json(
        as_person(&s, &people[0], reqwest::Method::PUT, &format!("/api/comments/{comment}"))
            .json(&json!({"body": "I worry about the workload in March.", "key": key})),
        StatusCode::OK,
        "edit with the key",
    )
    .await;
    step(&s, &id, json!({"step": "consent", "until": later(60_000)})).await;
    for (p, answer) in people.iter().zip([
        json!({"answer": "consent"}),
        json!({"answer": "concern", "note": "Busy in March"}),
        json!({"answer": "stand_aside"}),
    ]) {
        expect_json(
            as_person(&s, p, reqwest::Method::POST, &format!("/api/proposals/{id}/answer")).json(&answer),
            StatusCode::OK,
            "an answer",
        )
        .await;
    }
    let open = expect_json(s.get(&format!("/api/proposals/{id}")), StatusCode::OK, "while open").await;
    assert!(open["outcome"]["tally"].is_null(), "hidden until the round closes: {}", open["outcome"]);
    assert_eq!(open["outcome"]["respondents"], 3);
    step(&s, &id, json!({"step": "close"})).await;
    let closed = expect_json(s.get(&format!("/api/proposals/{id}")), StatusCode::OK, "closed").await;
    assert_eq!(closed["outcome"]["tally"]["concern"], 1);
    // Nothing any answer of the API gives links a person to what they wrote.
    let mut everything = String::new();
    for path in [
        format!("/api/proposals/{id}"),
        format!("/api/proposals/{id}/comments"),
        format!("/api/proposals/{id}/export?format=markdown"),
        format!("/api/proposals/{id}/export?format=html"),
        "/api/news?since=0".to_owned(),
    ] {
        everything.push_str(&send(s.get(&path)).await.text().await.expect("text"));
    }
    step(&s, &id, json!({"step": "adopt"})).await;
    for path in [
        "/api/decision-log",
        "/api/decision-log/export?format=markdown",
        "/api/decision-log/export?format=html",
    ] {
        everything.push_str(&send(s.get(path)).await.text().await.expect("text"));
    }
    assert!(everything.contains("workload in March"), "the words are there");
    for (p, name) in people.iter().zip(["Ella", "Fien", "Gust"]) {
        assert!(!everything.contains(name), "{name} is named somewhere");
        assert!(!everything.contains(&p.id), "{name}'s participant id is somewhere");
    }
}

#[tokio::test]
async fn participants_say_their_team_and_a_round_shows_it_from_five_respondents() {
    let s = start().await;
    let names = ["Ann", "Bo", "Cas", "Dee", "Eli"];
    let people = session_with(&s, &names).await;
    let finance = s.ids.finance.to_string();
    // A team that does not exist, or an id that is none, is refused and names the value.
    let refused = expect_error(
        as_person(&s, &people[0], reqwest::Method::PUT, "/api/session/me").json(&json!({"team": "nope"})),
        StatusCode::BAD_REQUEST,
        "invalid",
        "not a team id",
    )
    .await;
    assert!(refused.contains("nope"), "{refused}");
    let unknown = TeamId::new(&mut SeqIds::new(0xEE)).to_string();
    expect_error(
        as_person(&s, &people[0], reqwest::Method::PUT, "/api/session/me").json(&json!({"team": unknown})),
        StatusCode::NOT_FOUND,
        "not_found",
        "an unknown team",
    )
    .await;
    let view =
        expect_json(as_person(&s, &people[0], reqwest::Method::GET, "/api/session"), StatusCode::OK, "view")
            .await;
    assert!(view["me"]["team"].is_null(), "a refused team is not kept: {}", view["me"]);
    for p in &people {
        let me = expect_json(
            as_person(&s, p, reqwest::Method::PUT, "/api/session/me").json(&json!({"team": finance})),
            StatusCode::OK,
            "says the team",
        )
        .await;
        assert_eq!(me["me"]["team"], finance.as_str());
    }
    // Kept with the session: the participant's own view says it.
    let view =
        expect_json(as_person(&s, &people[0], reqwest::Method::GET, "/api/session"), StatusCode::OK, "view")
            .await;
    assert_eq!(view["me"]["team"], finance.as_str());
    // The facilitator has no team here.
    expect_error(
        s.put("/api/session/me").json(&json!({"team": finance})),
        StatusCode::BAD_REQUEST,
        "invalid",
        "facilitator",
    )
    .await;

    let (_, ops) = controller(&s);
    let created = expect_json(
        s.post("/api/proposals").json(&json!({
            "title": "A controller", "rationale": "Relief for the CFO.",
            "revision": {"kind": "structure", "ops": ops},
        })),
        StatusCode::OK,
        "a draft",
    )
    .await;
    let id = created["proposal"]["id"].as_str().expect("an id").to_owned();
    step(&s, &id, json!({"step": "open", "until": later(60_000)})).await;
    step(&s, &id, json!({"step": "consent", "until": later(60_000)})).await;
    for (i, p) in people.iter().enumerate() {
        let answer = if i == 0 { json!({"answer": "stand_aside"}) } else { json!({"answer": "consent"}) };
        expect_json(
            as_person(&s, p, reqwest::Method::POST, &format!("/api/proposals/{id}/answer")).json(&answer),
            StatusCode::OK,
            "answers",
        )
        .await;
    }
    let v = expect_json(s.get(&format!("/api/proposals/{id}")), StatusCode::OK, "the proposal").await;
    let teams = v["outcome"]["teams"].as_array().expect("teams");
    assert_eq!(teams.len(), 1, "five respondents of Finance: {}", v["outcome"]);
    assert_eq!(teams[0]["team"], finance.as_str());
    assert_eq!(
        (teams[0]["tally"]["consent"].as_u64(), teams[0]["tally"]["stand_aside"].as_u64()),
        (Some(4), Some(1))
    );

    // "Rather not say" takes the team back.
    let me = expect_json(
        as_person(&s, &people[0], reqwest::Method::PUT, "/api/session/me").json(&json!({"team": null})),
        StatusCode::OK,
        "takes it back",
    )
    .await;
    assert!(me["me"]["team"].is_null());

    // Everyone can be brought to this one proposal; a place that is none is refused.
    let view = expect_json(
        s.put("/api/session").json(&json!({"view": format!("proposals/{id}")})),
        StatusCode::OK,
        "bring",
    )
    .await;
    assert_eq!(view["view"], format!("proposals/{id}"));
    expect_error(
        s.put("/api/session").json(&json!({"view": "proposals/x"})),
        StatusCode::BAD_REQUEST,
        "invalid",
        "a bad place",
    )
    .await;
}

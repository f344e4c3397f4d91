//! A workshop session over real sockets: joining with the code (and being locked out for
//! guessing), what a participant and an observer may do, a delegation poker round from secret
//! cards to the recorded level, and ending the session revoking every participant.

use super::*;
use futures_util::StreamExt;
use serde_json::json;
use std::time::Duration;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;

struct Participant {
    id: String,
    token: String,
}

impl Server {
    fn as_participant(&self, p: &Participant, method: reqwest::Method, path: &str) -> RequestBuilder {
        self.http.request(method, self.url(path)).bearer_auth(&p.token)
    }
}

async fn join(s: &Server, code: &str, name: &str) -> Participant {
    let response = send(s.http.post(s.url("/session/join")).json(&json!({"code": code, "name": name}))).await;
    assert_eq!(response.status(), StatusCode::OK, "{name} joins");
    let cookie = response.headers().get("set-cookie").expect("a cookie").to_str().expect("text").to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let body: serde_json::Value = response.json().await.expect("JSON");
    let token = body["token"].as_str().expect("a token").to_owned();
    assert_eq!(token.len(), 32, "128 bits as hex");
    assert!(cookie.contains(&token));
    Participant { id: body["participant"]["id"].as_str().expect("an id").to_owned(), token }
}

async fn start_session(s: &Server) -> String {
    let view =
        expect_json(s.post("/api/session").json(&json!({"lan": false})), StatusCode::OK, "start").await;
    assert!(view["join_url"].as_str().expect("a join URL").ends_with("/join"));
    assert!(
        !view["join_url"].as_str().unwrap_or_default().contains(TOKEN),
        "no facilitator secret in the link"
    );
    view["code"].as_str().expect("a code").to_owned()
}

#[tokio::test]
async fn participants_join_with_the_code_and_may_read_but_not_restructure() {
    let s = start().await;
    expect_error(
        s.http.post(s.url("/session/join")).json(&json!({"code": "ABCDEF", "name": "Ann"})),
        StatusCode::NOT_FOUND,
        "not_found",
        "no session yet",
    )
    .await;
    let code = start_session(&s).await;
    assert_eq!(code.len(), 6);
    // Lowercase with a space works: people type codes as they read them.
    let ann = join(&s, &format!("{} {}", &code[..3].to_lowercase(), &code[3..]), "Ann").await;
    expect_error(
        s.http.post(s.url("/session/join")).json(&json!({"code": code, "name": "   "})),
        StatusCode::BAD_REQUEST,
        "invalid",
        "an empty name",
    )
    .await;

    // Reading works.
    expect_json(s.as_participant(&ann, reqwest::Method::GET, "/api/chart"), StatusCode::OK, "the chart")
        .await;
    let me = expect_json(
        s.as_participant(&ann, reqwest::Method::GET, "/api/session"),
        StatusCode::OK,
        "the session",
    )
    .await;
    assert_eq!(me["me"]["name"], "Ann");
    assert_eq!(me["me"]["role"], "participant");
    // A structural change is refused with a reason, until the facilitator allows it.
    let op = json!({"op": "update_role", "role": {"id": s.ids.ceo.to_string(), "title": "Chief"}});
    let message = expect_error(
        s.as_participant(&ann, reqwest::Method::POST, "/api/ops").json(&op),
        StatusCode::FORBIDDEN,
        "forbidden",
        "a participant's structural change",
    )
    .await;
    assert!(message.contains("facilitator"), "{message}");
    // Planning a role's removal is structural too.
    let plan = json!({"role": s.ids.cfo.to_string()});
    expect_error(
        s.as_participant(&ann, reqwest::Method::POST, "/api/plan/remove-role").json(&plan),
        StatusCode::FORBIDDEN,
        "forbidden",
        "a participant's removal plan",
    )
    .await;
    expect_error(
        s.as_participant(&ann, reqwest::Method::PUT, "/api/session").json(&json!({"locked": true})),
        StatusCode::FORBIDDEN,
        "forbidden",
        "a participant's session control",
    )
    .await;
    expect_error(
        s.as_participant(&ann, reqwest::Method::POST, "/api/undo"),
        StatusCode::FORBIDDEN,
        "forbidden",
        "a participant's undo",
    )
    .await;
    expect_json(s.put("/api/session").json(&json!({"structure_allowed": true})), StatusCode::OK, "allow")
        .await;
    expect_json(
        s.as_participant(&ann, reqwest::Method::POST, "/api/ops").json(&op),
        StatusCode::OK,
        "now allowed",
    )
    .await;
    expect_json(
        s.as_participant(&ann, reqwest::Method::POST, "/api/plan/remove-role").json(&plan),
        StatusCode::OK,
        "a removal plan, now allowed",
    )
    .await;
    let history =
        Workspace::open_read_only(&s.path).expect("opens beside the server").history(1).expect("the history");
    assert_eq!(history[0].actor, "Ann (participant)", "the history names her");

    // An observer may not change anything.
    expect_json(
        s.put(&format!("/api/session/participants/{}", ann.id)).json(&json!({"role": "observer"})),
        StatusCode::OK,
        "observer",
    )
    .await;
    expect_error(
        s.as_participant(&ann, reqwest::Method::POST, "/api/ops").json(&op),
        StatusCode::FORBIDDEN,
        "forbidden",
        "an observer's change",
    )
    .await;
}

#[tokio::test]
async fn bulk_operations_stay_the_facilitators_even_when_changes_are_allowed() {
    let s = start().await;
    let code = start_session(&s).await;
    let ann = join(&s, &code, "Ann").await;
    expect_json(s.put("/api/session").json(&json!({"structure_allowed": true})), StatusCode::OK, "allow")
        .await;
    let before = expect_json(s.get("/api/chart"), StatusCode::OK, "the chart before").await;
    let unload = json!({"op": "unload", "persons": [s.ids.ann.to_string()],
        "roles": [s.ids.ceo.to_string(), s.ids.cfo.to_string()], "teams": [s.ids.finance.to_string()],
        "relations": [], "domains": []});
    let load = json!({"op": "load", "org": {"persons": [], "teams": [], "relations": [], "domains": [],
        "roles": [{"id": "0190a000-0000-7000-8000-0000000000aa", "title": "Intruder"}]}});
    // A restore is a batch: everything out, a file in. A batch hiding a bulk operation deeper down
    // is refused too.
    let restore = json!({"op": "batch", "label": "restore", "ops": [unload, load]});
    let nested = json!({"op": "batch", "label": "tidy", "ops": [
        {"op": "update_role", "role": {"id": s.ids.ceo.to_string(), "title": "Chief"}},
        {"op": "batch", "label": "inner", "ops": [unload]}]});
    for (op, what) in
        [(&unload, "unload"), (&load, "load"), (&restore, "a restore"), (&nested, "a nested unload")]
    {
        let message = expect_error(
            s.as_participant(&ann, reqwest::Method::POST, "/api/ops").json(op),
            StatusCode::FORBIDDEN,
            "forbidden",
            what,
        )
        .await;
        assert!(message.contains("facilitator only"), "{what}: {message}");
        let dutch = expect_error(
            s.as_participant(&ann, reqwest::Method::POST, "/api/ops")
                .header("accept-language", "nl-BE,nl;q=0.9,en;q=0.8")
                .json(op),
            StatusCode::FORBIDDEN,
            "forbidden",
            what,
        )
        .await;
        assert!(dutch.contains("kan alleen de facilitator"), "{what} in Dutch: {dutch}");
    }
    let after = expect_json(s.get("/api/chart"), StatusCode::OK, "the chart after").await;
    assert_eq!(before, after, "the organization is as it was");
    // A single structural change still goes through, and the facilitator may do the bulk ones.
    let rename = json!({"op": "update_role", "role": {"id": s.ids.cfo.to_string(), "title": "Treasurer"}});
    expect_json(
        s.as_participant(&ann, reqwest::Method::POST, "/api/ops").json(&rename),
        StatusCode::OK,
        "a rename",
    )
    .await;
    expect_json(s.post("/api/ops").json(&load), StatusCode::OK, "the facilitator loads").await;
}

#[tokio::test]
async fn guessing_the_code_locks_the_device_out() {
    let s = start().await;
    let code = start_session(&s).await;
    let wrong = if code == "AAAAAA" { "BBBBBB" } else { "AAAAAA" };
    for left in (1..=4).rev() {
        let message = expect_error(
            s.http.post(s.url("/session/join")).json(&json!({"code": wrong, "name": "Mallory"})),
            StatusCode::FORBIDDEN,
            "forbidden",
            "a wrong code",
        )
        .await;
        assert!(message.contains(&format!("{left} tries left")), "{message}");
    }
    let response =
        send(s.http.post(s.url("/session/join")).json(&json!({"code": wrong, "name": "Mallory"}))).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS, "the fifth wrong code locks out");
    let retry_after = |response: &reqwest::Response| -> u64 {
        let value = response.headers().get("retry-after").expect("Retry-After");
        value.to_str().expect("text").parse().expect("seconds")
    };
    let first = retry_after(&response);
    assert!((290..=300).contains(&first), "the whole five minutes: {first}");
    // Even the right code waits now, for what is left of the lockout.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let response =
        send(s.http.post(s.url("/session/join")).json(&json!({"code": code, "name": "Mallory"}))).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS, "locked out");
    let second = retry_after(&response);
    assert!(second < first && second >= 1, "the rest of the lockout: {second} after {first}");
}

#[tokio::test]
async fn a_poker_round_goes_from_secret_cards_to_the_recorded_level() {
    let s = start().await;
    let code = start_session(&s).await;
    let (ann, bob) = (join(&s, &code, "Ann").await, join(&s, &code, "Bob").await);
    let domain = "0190a000-0000-7000-8000-00000000d001";
    let add = json!({"op": "add_domain", "domain": {"id": domain, "name": "Hiring"}});
    expect_json(s.post("/api/ops").json(&add), StatusCode::OK, "a domain").await;
    let round = json!({"domain": domain, "team": s.ids.finance.to_string()});
    expect_json(s.post("/api/session/poker").json(&round), StatusCode::OK, "a round").await;
    let mine = expect_json(
        s.as_participant(&ann, reqwest::Method::POST, "/api/session/poker/card").json(&json!({"level": 3})),
        StatusCode::OK,
        "Ann picks",
    )
    .await;
    assert_eq!(mine["poker"]["mine"], 3);
    expect_json(
        s.as_participant(&bob, reqwest::Method::POST, "/api/session/poker/card").json(&json!({"level": 5})),
        StatusCode::OK,
        "Bob picks",
    )
    .await;
    // Before the reveal: who picked, not what — not even for the facilitator.
    let before = expect_json(s.get("/api/session"), StatusCode::OK, "the view").await;
    assert_eq!(before["poker"]["picked"], json!([ann.id, bob.id]));
    assert_eq!(before["poker"]["cards"], json!([]), "secret: {before}");
    let bobs = expect_json(
        s.as_participant(&bob, reqwest::Method::GET, "/api/session"),
        StatusCode::OK,
        "Bob's view",
    )
    .await;
    assert_eq!(bobs["poker"]["cards"].as_array().map(Vec::len), Some(1), "only his own card");
    expect_error(
        s.post("/api/session/poker/record").json(&json!({"level": 4})),
        StatusCode::BAD_REQUEST,
        "invalid",
        "record before reveal",
    )
    .await;
    expect_error(
        s.as_participant(&ann, reqwest::Method::POST, "/api/session/poker/reveal"),
        StatusCode::FORBIDDEN,
        "forbidden",
        "a participant reveals",
    )
    .await;
    let revealed = expect_json(s.post("/api/session/poker/reveal"), StatusCode::OK, "reveal").await;
    assert_eq!(revealed["poker"]["spread"], json!({"min": 3, "max": 5}));
    assert_eq!(revealed["poker"]["cards"].as_array().map(Vec::len), Some(2));
    let recorded =
        expect_json(s.post("/api/session/poker/record").json(&json!({"level": 4})), StatusCode::OK, "record")
            .await;
    // Recording ends the round: every participant's poker panel closes.
    assert_eq!(recorded["poker"], json!(null), "{recorded}");
    let anns = expect_json(
        s.as_participant(&ann, reqwest::Method::GET, "/api/session"),
        StatusCode::OK,
        "Ann's view",
    )
    .await;
    assert_eq!(anns["poker"], json!(null), "the round is over for everyone");
    // The cards ask who should decide: by default the agreement is the desired level, and the
    // team's current level is left alone.
    let board = expect_json(s.get("/api/board"), StatusCode::OK, "the board").await;
    let entry = &board["domains"][0]["delegations"][0];
    assert_eq!((&entry["current"], &entry["desired"]), (&json!(null), &json!(4)), "{board}");
    let why = entry["history"][0]["why"].as_str().unwrap_or_default();
    assert!(
        why.contains(&format!("Delegation poker in session {code}: cards 3, 5. Agreed as the desired level")),
        "{why}"
    );
}

/// Plays a round on `domain` × Finance: the facilitator starts it and the given cards are picked.
async fn round_with(s: &Server, domain: &str, cards: &[(Option<&Participant>, u8)]) {
    let round = json!({"domain": domain, "team": s.ids.finance.to_string()});
    expect_json(s.post("/api/session/poker").json(&round), StatusCode::OK, "a round").await;
    for (who, level) in cards {
        let card = json!({ "level": level });
        let request = match who {
            Some(p) => s.as_participant(p, reqwest::Method::POST, "/api/session/poker/card"),
            None => s.post("/api/session/poker/card"),
        };
        expect_json(request.json(&card), StatusCode::OK, "a card").await;
    }
}

async fn add_domain(s: &Server, id: &str) {
    let add = json!({"op": "add_domain", "domain": {"id": id, "name": "Hiring"}});
    expect_json(s.post("/api/ops").json(&add), StatusCode::OK, "a domain").await;
}

#[tokio::test]
async fn an_agreement_that_takes_effect_now_is_the_current_level() {
    let s = start().await;
    let code = start_session(&s).await;
    let ann = join(&s, &code, "Ann").await;
    let domain = "0190a000-0000-7000-8000-00000000d002";
    add_domain(&s, domain).await;
    // The team is at 2 and wants 6; the group agrees on 3 from today.
    let set = json!({"op": "set_delegation", "domain": domain,
        "subject": {"kind": "team", "id": s.ids.finance.to_string()}, "current": 2, "desired": 6});
    expect_json(s.post("/api/ops").json(&set), StatusCode::OK, "levels").await;
    round_with(&s, domain, &[(Some(&ann), 3)]).await;
    expect_json(s.post("/api/session/poker/reveal"), StatusCode::OK, "reveal").await;
    expect_error(
        s.post("/api/session/poker/record").json(&json!({"level": 3, "applies": "later"})),
        StatusCode::BAD_REQUEST,
        "invalid",
        "an unknown choice",
    )
    .await;
    let recorded = expect_json(
        s.post("/api/session/poker/record")
            .header("accept-language", "nl-BE")
            .json(&json!({"level": 3, "applies": "now"})),
        StatusCode::OK,
        "record now",
    )
    .await;
    assert_eq!(recorded["poker"], json!(null));
    let board = expect_json(s.get("/api/board"), StatusCode::OK, "the board").await;
    let entry = &board["domains"][0]["delegations"][0];
    assert_eq!((&entry["current"], &entry["desired"]), (&json!(3), &json!(6)), "{board}");
    let history = entry["history"].as_array().expect("a history");
    let why = history.last().and_then(|h| h["why"].as_str()).unwrap_or_default();
    assert_eq!(
        why,
        format!(
            "Delegatiepoker in sessie {code}: kaarten 3. Afgesproken dat het nu ingaat (het huidige niveau)."
        ),
        "noted in the facilitator's language"
    );
}

#[tokio::test]
async fn the_facilitator_plays_too_and_outliers_get_a_second_round() {
    let s = start().await;
    let code = start_session(&s).await;
    let (ann, bob) = (join(&s, &code, "Ann").await, join(&s, &code, "Bob").await);
    let domain = "0190a000-0000-7000-8000-00000000d003";
    add_domain(&s, domain).await;
    round_with(&s, domain, &[(Some(&ann), 2), (Some(&bob), 6), (None, 4)]).await;
    // The facilitator's card is as secret as anyone's until the reveal.
    let anns =
        expect_json(s.as_participant(&ann, reqwest::Method::GET, "/api/session"), StatusCode::OK, "Ann")
            .await;
    assert_eq!(anns["poker"]["picked"], json!([ann.id, bob.id, "facilitator"]));
    assert_eq!(anns["poker"]["cards"].as_array().map(Vec::len), Some(1), "{anns}");
    assert_eq!(anns["poker"]["round"], 1);
    expect_error(
        s.post("/api/session/poker/again"),
        StatusCode::BAD_REQUEST,
        "invalid",
        "again before the reveal",
    )
    .await;
    let revealed = expect_json(s.post("/api/session/poker/reveal"), StatusCode::OK, "reveal").await;
    assert_eq!(revealed["poker"]["spread"], json!({"min": 2, "max": 6}), "the facilitator's card counts");
    let who: Vec<&str> = revealed["poker"]["cards"]
        .as_array()
        .expect("cards")
        .iter()
        .filter_map(|c| c["who"].as_str())
        .collect();
    assert!(who.contains(&"facilitator"), "{revealed}");
    // The revealed cards stay for the discussion …
    let anns =
        expect_json(s.as_participant(&ann, reqwest::Method::GET, "/api/session"), StatusCode::OK, "Ann")
            .await;
    assert_eq!(anns["poker"]["cards"].as_array().map(Vec::len), Some(3), "{anns}");
    expect_error(
        s.as_participant(&ann, reqwest::Method::POST, "/api/session/poker/again"),
        StatusCode::FORBIDDEN,
        "forbidden",
        "a participant starts another round",
    )
    .await;
    // … until the facilitator starts round 2 on the same cell: cleared, secret again, numbered.
    let again = expect_json(s.post("/api/session/poker/again"), StatusCode::OK, "round 2").await;
    assert_eq!(again["poker"]["round"], 2);
    assert_eq!(again["poker"]["domain"], domain);
    assert_eq!(
        (&again["poker"]["revealed"], &again["poker"]["picked"], &again["poker"]["cards"]),
        (&json!(false), &json!([]), &json!([]))
    );
    let anns =
        expect_json(s.as_participant(&ann, reqwest::Method::GET, "/api/session"), StatusCode::OK, "Ann")
            .await;
    assert_eq!((&anns["poker"]["round"], &anns["poker"]["mine"]), (&json!(2), &json!(null)), "{anns}");
    expect_error(
        s.post("/api/session/poker/record").json(&json!({"level": 4})),
        StatusCode::BAD_REQUEST,
        "invalid",
        "record round 2 before its reveal",
    )
    .await;
    for (who, level) in [(Some(&ann), 4), (Some(&bob), 5), (None, 4)] {
        let request = match who {
            Some(p) => s.as_participant(p, reqwest::Method::POST, "/api/session/poker/card"),
            None => s.post("/api/session/poker/card"),
        };
        expect_json(request.json(&json!({ "level": level })), StatusCode::OK, "a card in round 2").await;
    }
    expect_json(s.post("/api/session/poker/reveal"), StatusCode::OK, "reveal round 2").await;
    let recorded =
        expect_json(s.post("/api/session/poker/record").json(&json!({"level": 4})), StatusCode::OK, "record")
            .await;
    assert_eq!(recorded["poker"], json!(null));
    let board = expect_json(s.get("/api/board"), StatusCode::OK, "the board").await;
    let why = board["domains"][0]["delegations"][0]["history"][0]["why"].as_str().unwrap_or_default();
    assert_eq!(
        why,
        format!("Delegation poker in session {code}, round 2: cards 4, 4, 5. Agreed as the desired level."),
        "the second round's cards, the facilitator's included"
    );
}

#[tokio::test]
async fn ending_the_session_revokes_every_participant() {
    let s = start().await;
    let code = start_session(&s).await;
    let ann = join(&s, &code, "Ann").await;
    let url = s.url("/api/session/events").replacen("http://", "ws://", 1);
    let mut request = url.into_client_request().expect("a request");
    request
        .headers_mut()
        .insert("authorization", HeaderValue::from_str(&format!("Bearer {}", ann.token)).expect("a header"));
    let (mut events, _) = tokio_tungstenite::connect_async(request).await.expect("the session socket opens");
    let first = tokio::time::timeout(Duration::from_secs(10), events.next())
        .await
        .expect("a view")
        .expect("open")
        .expect("a message");
    let Message::Text(text) = first else { panic!("a JSON view") };
    assert!(text.contains("\"Ann\""));
    // The facilitator sees her online.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let view = expect_json(s.get("/api/session"), StatusCode::OK, "the view").await;
    assert_eq!(view["participants"][0]["online"], true);

    expect_json(s.http.delete(s.url("/api/session")).bearer_auth(TOKEN), StatusCode::OK, "end").await;
    let closed = loop {
        match tokio::time::timeout(Duration::from_secs(10), events.next()).await.expect("an answer") {
            Some(Ok(Message::Close(frame))) => break frame,
            Some(Ok(_)) => continue,
            other => panic!("closed with a frame, got {other:?}"),
        }
    };
    assert_eq!(closed.map(|f| u16::from(f.code)), Some(4401));
    expect_error(
        s.as_participant(&ann, reqwest::Method::GET, "/api/chart"),
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "after the end",
    )
    .await;
    let none = expect_json(s.get("/api/session"), StatusCode::OK, "no session any more").await;
    assert!(none.is_null(), "no session is answered as null, not as a 404: {none}");
}

/// The participant's `/api/session/events` socket, and its first view.
async fn session_events(
    s: &Server,
    p: &Participant,
) -> tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>> {
    let url = s.url("/api/session/events").replacen("http://", "ws://", 1);
    let mut request = url.into_client_request().expect("a request");
    request
        .headers_mut()
        .insert("authorization", HeaderValue::from_str(&format!("Bearer {}", p.token)).expect("a header"));
    let (mut events, _) = tokio_tungstenite::connect_async(request).await.expect("the session socket opens");
    let first = tokio::time::timeout(Duration::from_secs(10), events.next()).await.expect("a view");
    assert!(matches!(first, Some(Ok(Message::Text(_)))), "{first:?}");
    events
}

#[tokio::test]
async fn a_removed_participant_is_told_so_while_the_others_go_on() {
    let s = start().await;
    let code = start_session(&s).await;
    let ann = join(&s, &code, "Ann").await;
    let bob = join(&s, &code, "Bob").await;
    let mut ann_events = session_events(&s, &ann).await;
    let mut bob_events = session_events(&s, &bob).await;
    expect_json(
        s.http.delete(s.url(&format!("/api/session/participants/{}", ann.id))).bearer_auth(TOKEN),
        StatusCode::OK,
        "remove",
    )
    .await;
    let closed = loop {
        match tokio::time::timeout(Duration::from_secs(10), ann_events.next()).await.expect("an answer") {
            Some(Ok(Message::Close(frame))) => break frame.expect("a close frame"),
            Some(Ok(_)) => continue,
            other => panic!("closed with a frame, got {other:?}"),
        }
    };
    assert_eq!(u16::from(closed.code), 4403, "removed, not ended: {closed:?}");
    assert!(closed.reason.contains("removed"), "{closed:?}");
    // Bob's stream goes on and shows Ann gone.
    let next = tokio::time::timeout(Duration::from_secs(10), bob_events.next()).await.expect("an update");
    let Some(Ok(Message::Text(text))) = next else { panic!("a view, got {next:?}") };
    assert!(!text.contains("\"Ann\""), "{text}");
}

#[tokio::test]
async fn a_request_naming_another_host_is_refused() {
    let s = start().await;
    let response = send(s.get("/api/workspace").header("host", "evil.example")).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "DNS rebinding is refused");
    // Not only the API: the pages, the personal link, the join form and the WebSockets too.
    for path in ["/", "/join", "/index.html", &format!("/?token={TOKEN}"), "/api/events", "/yjs/vision"] {
        let response = send(s.get(path).header("host", "evil.example")).await;
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "{path} answers only to this server's addresses"
        );
    }
    let response = send(
        s.http
            .post(s.url("/session/join"))
            .header("host", "evil.example")
            .json(&serde_json::json!({"code": "x", "name": "Eve"})),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "the join form too");
    let response = send(
        s.get("/api/workspace")
            .header("host", s.base.trim_start_matches("http://").replace("127.0.0.1", "localhost")),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK, "localhost with the port is this server");
}

#[tokio::test]
async fn a_participants_personal_link_brings_them_back_as_themselves() {
    let s = start().await;
    let code = start_session(&s).await;
    let ann = join(&s, &code, "Ann").await;
    // On another device: the personal link trades the token for a lasting cookie.
    let response = send(s.http.get(s.url(&format!("/?token={}", ann.token)))).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let cookie = response.headers().get("set-cookie").expect("a cookie").to_str().expect("text").to_owned();
    assert!(
        cookie.contains(&ann.token) && cookie.contains("Max-Age=2592000") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().expect("name=value").to_owned();
    let view = expect_json(
        s.http.get(s.url("/api/session")).header("cookie", pair),
        StatusCode::OK,
        "the session as Ann",
    )
    .await;
    assert_eq!(view["me"]["name"], "Ann");
    // A made-up token is no link.
    let response = send(s.http.get(s.url("/?token=0123456789abcdef0123456789abcdef"))).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

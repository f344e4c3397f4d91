//! Events over the WebSocket, and its guards.

use super::*;
use futures_util::StreamExt;
use serde_json::json;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::{Error, Message};

fn ws_request(
    s: &Server,
    token: Option<&str>,
    origin: Option<&str>,
) -> tokio_tungstenite::tungstenite::handshake::client::Request {
    let url = s.base.replacen("http://", "ws://", 1) + "/api/events";
    let mut request = url.into_client_request().expect("a WebSocket request");
    if let Some(token) = token {
        let value = HeaderValue::from_str(&format!("Bearer {token}")).expect("a header");
        request.headers_mut().insert("authorization", value);
    }
    if let Some(origin) = origin {
        request.headers_mut().insert("origin", HeaderValue::from_str(origin).expect("a header"));
    }
    request
}

async fn refused_with(s: &Server, token: Option<&str>, origin: Option<&str>, status: u16, what: &str) {
    match tokio_tungstenite::connect_async(ws_request(s, token, origin)).await {
        Err(Error::Http(response)) => assert_eq!(response.status().as_u16(), status, "{what}"),
        Err(e) => panic!("{what}: refused with HTTP {status}, got {e}"),
        Ok(_) => panic!("{what}: must be refused"),
    }
}

#[tokio::test]
async fn the_event_socket_needs_the_token_and_the_own_origin() {
    let s = start().await;
    refused_with(&s, None, None, 401, "no token").await;
    refused_with(&s, Some("wrong"), None, 401, "a wrong token").await;
    refused_with(&s, Some(TOKEN), Some("http://evil.example"), 403, "a foreign origin").await;
}

#[tokio::test]
async fn a_socket_hears_a_change_made_by_another_client() {
    let s = start().await;
    let own = s.base.clone();
    let (mut socket, _) = tokio_tungstenite::connect_async(ws_request(&s, Some(TOKEN), Some(&own)))
        .await
        .expect("the socket opens");
    let op = json!({"op": "update_role", "role": {"id": s.ids.ceo.to_string(), "title": "Chief"}});
    expect_json(s.post("/api/ops").json(&op), StatusCode::OK, "another client's change").await;
    let message = tokio::time::timeout(std::time::Duration::from_secs(10), socket.next())
        .await
        .expect("an event within 10 s")
        .expect("the socket is open")
        .expect("a message");
    let Message::Text(text) = message else { panic!("a text message, got {message:?}") };
    let event: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(
        event,
        json!({
            "seq": 2, "actor": "Facilitator", "kind": "do",
            "op": {"op": "update_role", "role": {"id": s.ids.ceo.to_string(), "external_id": null,
                   "title": "Chief", "purpose": "", "accountabilities": []}},
            "summary": "update role \"Chief\"",
            "proposal": null,
        }),
        "the event"
    );
    expect_json(s.post("/api/undo"), StatusCode::OK, "undo").await;
    let message = socket.next().await.expect("open").expect("a message");
    let event: serde_json::Value = serde_json::from_str(message.to_text().expect("text")).expect("JSON");
    assert_eq!((event["seq"].clone(), event["kind"].clone()), (json!(3), json!("undo")), "the undo: {event}");
}

#[tokio::test]
async fn the_server_stops_while_a_socket_is_open() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("w.kader");
    Workspace::create(&path, Timestamp(0)).expect("a workspace");
    let api = Arc::new(Api::open(&path).expect("opens"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let addr = listener.local_addr().expect("an address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let config = Config::new(Token::new(TOKEN).expect("a token"));
    let server = tokio::spawn(kader_server::serve(listener, api.clone(), config, async {
        let _ = stopped.await;
    }));
    let mut request = format!("ws://{addr}/api/events").into_client_request().expect("a request");
    request
        .headers_mut()
        .insert("authorization", HeaderValue::from_str(&format!("Bearer {TOKEN}")).expect("a header"));
    let (_socket, _) = tokio_tungstenite::connect_async(request).await.expect("the socket opens");
    stop.send(()).expect("the server listens for the stop");
    let done = tokio::time::timeout(std::time::Duration::from_secs(10), server).await;
    let served = done.expect("the server stops within 10 s despite the open socket").expect("no panic");
    served.expect("serving ended without an error");
    let api = Arc::try_unwrap(api).unwrap_or_else(|_| panic!("nothing holds the workspace after the stop"));
    api.close().expect("the workspace closes");
}

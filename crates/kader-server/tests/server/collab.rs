//! `/yjs/<document>` over a real socket: the token and origin guards before the upgrade, the
//! protocol's greeting, an edit relayed between two clients, and a malformed message closing only
//! its own connection.

use super::*;
use futures_util::{SinkExt, StreamExt};
use std::time::Duration;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::{Error, Message};

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

fn request(
    s: &Server,
    query: &str,
    origin: Option<&str>,
) -> tokio_tungstenite::tungstenite::handshake::client::Request {
    let url = format!("{}/yjs/vision{query}", s.base.replacen("http://", "ws://", 1));
    let mut request = url.into_client_request().expect("a WebSocket request");
    if let Some(origin) = origin {
        request.headers_mut().insert("origin", HeaderValue::from_str(origin).expect("a header"));
    }
    request
}

async fn refused(s: &Server, query: &str, origin: Option<&str>, status: u16, what: &str) {
    match tokio_tungstenite::connect_async(request(s, query, origin)).await {
        Err(Error::Http(response)) => assert_eq!(response.status().as_u16(), status, "{what}"),
        Err(e) => panic!("{what}: refused with HTTP {status}, got {e}"),
        Ok(_) => panic!("{what}: must be refused"),
    }
}

async fn open(s: &Server) -> Socket {
    let (socket, _) = tokio_tungstenite::connect_async(request(s, &format!("?token={TOKEN}"), None))
        .await
        .expect("the document opens");
    socket
}

async fn next_binary(socket: &mut Socket) -> Vec<u8> {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(10), socket.next())
            .await
            .expect("a message within 10 s")
            .expect("the socket is open")
            .expect("a message");
        match message {
            Message::Binary(bytes) => return bytes.to_vec(),
            Message::Ping(_) | Message::Pong(_) => {}
            other => panic!("a binary message, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_document_needs_the_token_and_the_own_origin() {
    let s = start().await;
    refused(&s, "", None, 401, "no token").await;
    refused(&s, "?token=wrong", None, 401, "a wrong token").await;
    refused(&s, &format!("?token={TOKEN}"), Some("http://evil.example"), 403, "a foreign origin").await;
    // The browser's cookie is enough.
    let mut with_cookie = request(&s, "", Some(&s.base));
    with_cookie
        .headers_mut()
        .insert("cookie", HeaderValue::from_str(&format!("kader_token={TOKEN}")).expect("a header"));
    tokio_tungstenite::connect_async(with_cookie).await.expect("the cookie admits");
}

#[tokio::test]
async fn two_clients_edit_through_the_server_and_a_rogue_one_is_closed_alone() {
    let s = start().await;
    let (mut a, mut b, mut rogue) = (open(&s).await, open(&s).await, open(&s).await);
    for socket in [&mut a, &mut b, &mut rogue] {
        let greeting = next_binary(socket).await;
        assert_eq!(&greeting[..2], &[0, 0], "the server asks for what the client has (sync step 1)");
    }
    rogue.send(Message::Binary(vec![0, 2, 3, 0xFF, 0xFF, 0xFF].into())).await.expect("sent");
    let closed = tokio::time::timeout(Duration::from_secs(10), rogue.next()).await.expect("an answer");
    match closed {
        Some(Ok(Message::Close(Some(frame)))) => assert_eq!(u16::from(frame.code), 1008),
        other => panic!("the rogue connection is closed with a reason, got {other:?}"),
    }
    // A Yjs update from a: "Why" inserted into the text `purpose`.
    let doc = yrs::Doc::new();
    let update = {
        use yrs::{Text, Transact};
        let text = doc.get_or_insert_text("purpose");
        let mut txn = doc.transact_mut();
        text.insert(&mut txn, 0, "Why");
        txn.encode_update_v1()
    };
    let mut frame = vec![0u8, 2];
    frame.push(update.len() as u8);
    frame.extend_from_slice(&update);
    a.send(Message::Binary(frame.clone().into())).await.expect("sent");
    assert_eq!(next_binary(&mut b).await, frame, "b receives a's edit as it was sent");
    let (stored, _) = kader::docs::DocStore::open(&s.path).expect("opens").load("vision").expect("loads");
    use yrs::{GetString, Transact};
    assert_eq!(
        stored.get_or_insert_text("purpose").get_string(&stored.transact()),
        "Why",
        "stored when relayed"
    );
}

#[tokio::test]
async fn a_text_message_or_a_bad_name_is_refused() {
    let s = start().await;
    let mut a = open(&s).await;
    next_binary(&mut a).await;
    a.send(Message::Text("hello".into())).await.expect("sent");
    match tokio::time::timeout(Duration::from_secs(10), a.next()).await.expect("an answer") {
        Some(Ok(Message::Close(Some(frame)))) => assert_eq!(u16::from(frame.code), 1003),
        other => panic!("closed, got {other:?}"),
    }
    let url = format!("{}/yjs/Not%20a%20name?token={TOKEN}", s.base.replacen("http://", "ws://", 1));
    match tokio_tungstenite::connect_async(url).await {
        Err(Error::Http(response)) => assert_eq!(response.status().as_u16(), 400),
        other => panic!("a bad name is refused, got {:?}", other.map(|_| ())),
    }
}

//! `/yjs/<document>`: the co-edited documents over the y-websocket protocol. The WebSocket
//! carries binary frames between the client and its [`Peer`] in the document's room
//! (`kader_api::collab`); everything about the protocol is there.
//!
//! Who may connect is checked before the upgrade: a page of another origin is refused (403), and
//! the token — the `token` query parameter a stock `WebsocketProvider` sends with `params`, or the
//! browser's cookie — must be valid (401). A frame larger than [`MAX_FRAME_BYTES`] closes the
//! connection.

use crate::{auth, AppState};
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use bytes::Bytes;
use futures_util::SinkExt;
use kader_api::collab::{Outbound, Peer};
use std::time::Duration;

/// The largest frame a client may send: the largest update and some framing.
pub const MAX_FRAME_BYTES: usize = kader::docs::MAX_UPDATE_BYTES + 1024;
/// How often an idle socket is pinged, so proxies and phones keep it open.
const PING_EVERY: Duration = Duration::from_secs(30);
/// Close codes: the message was malformed or too large (1007/1009 are the WebSocket's own), the
/// room closed the connection for a reason it gives.
const CLOSE_POLICY: u16 = 1008;
const CLOSE_TRY_AGAIN: u16 = 1013;
/// Most queued messages written to a socket before it is flushed.
const WRITE_BATCH: usize = 256;

pub(crate) async fn document(
    State(state): State<AppState>,
    Path(name): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    let (access, tag) = match auth::admit(&state, &headers, uri.query()) {
        Ok(admitted) => admitted,
        Err(refusal) => return crate::error_response(refusal),
    };
    let peer = match state.hub.join(&name, access, tag.as_deref()) {
        Ok(peer) => peer,
        Err(e) => return crate::error_response(e),
    };
    upgrade
        .max_message_size(MAX_FRAME_BYTES)
        .max_frame_size(MAX_FRAME_BYTES)
        .on_upgrade(move |socket| relay(socket, peer))
}

async fn relay(mut socket: WebSocket, mut peer: Peer) {
    let mut ping = tokio::time::interval(PING_EVERY);
    ping.tick().await;
    loop {
        tokio::select! {
            out = peer.outbox.recv() => match out {
                Some(Outbound::Message(bytes)) => {
                    // Write everything already waiting, then flush once: one system call for a
                    // burst of edits and cursors rather than one per message.
                    let mut closing = None;
                    let mut next = Some(bytes);
                    let mut written = 0;
                    while let Some(bytes) = next.take() {
                        if socket.feed(Message::Binary(Bytes::from_owner(bytes))).await.is_err() {
                            return;
                        }
                        written += 1;
                        if written < WRITE_BATCH {
                            match peer.outbox.try_recv() {
                                Ok(Outbound::Message(bytes)) => next = Some(bytes),
                                Ok(Outbound::Close(reason)) => closing = Some(reason),
                                Err(_) => {}
                            }
                        }
                    }
                    if socket.flush().await.is_err() {
                        return;
                    }
                    if let Some(reason) = closing {
                        close(&mut socket, &reason).await;
                        return;
                    }
                }
                Some(Outbound::Close(reason)) => {
                    close(&mut socket, &reason).await;
                    return;
                }
                // The room dropped this peer (too slow) or closed: the client reconnects and resyncs.
                None => {
                    let frame = CloseFrame { code: CLOSE_TRY_AGAIN, reason: "reconnect to catch up".into() };
                    let _ = socket.send(Message::Close(Some(frame))).await;
                    return;
                }
            },
            message = socket.recv() => match message {
                Some(Ok(Message::Binary(bytes))) => {
                    if !peer.send(bytes.to_vec()) {
                        return;
                    }
                }
                Some(Ok(Message::Text(_))) => {
                    let frame = CloseFrame { code: 1003, reason: "this endpoint speaks the binary Yjs protocol".into() };
                    let _ = socket.send(Message::Close(Some(frame))).await;
                    return;
                }
                // Too large, cut off, or closed.
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return,
                Some(Ok(_)) => {}
            },
            _ = ping.tick() => {
                if socket.send(Message::Ping(Default::default())).await.is_err() {
                    return;
                }
            }
        }
    }
}

/// Closes the connection for the reason the room gives (cut to fit a close frame).
async fn close(socket: &mut WebSocket, reason: &str) {
    let reason: String = reason.chars().take(120).collect();
    let frame = CloseFrame { code: CLOSE_POLICY, reason: reason.into() };
    let _ = socket.send(Message::Close(Some(frame))).await;
}

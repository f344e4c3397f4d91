//! The HTTP and WebSocket routes of `docs/api.md`, each a thin wrapper over one `kader_api::Api`
//! function. API calls block (they hold the workspace and may take a while on a large
//! organization), so they run on tokio's blocking pool, never on the async workers.

use crate::auth::Who;
use crate::{error_response, AppState};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use kader::op::Op;
use kader_api::json::{Applied, ColumnMap, HistoryStep, ImportOptions, Settings};
use kader_api::{Api, ApiError, Event};
use serde::Serialize;
use std::sync::Arc;
use tokio::sync::broadcast;

/// Runs `f` on the blocking pool and answers its result as JSON (serialized there too: a large
/// chart is megabytes).
pub(crate) async fn call<T, F>(state: &AppState, f: F) -> Response
where
    T: Serialize,
    F: FnOnce(&Api) -> Result<T, ApiError> + Send + 'static,
{
    let api = state.api.clone();
    let work = tokio::task::spawn_blocking(move || {
        f(&api).map(|value| serde_json::to_vec(&value).expect("API answers serialize"))
    });
    match work.await {
        Ok(Ok(json)) => {
            let mut response = json.into_response();
            response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            response
        }
        Ok(Err(e)) => error_response(e),
        // The call panicked: a bug. The Api re-reads the workspace from its file on the next call.
        Err(_) => error_response(ApiError::internal(
            "the server failed while answering (a bug); nothing was half-saved, try again",
        )),
    }
}

pub(crate) fn parse_id<T: std::str::FromStr>(what: &str, id: &str) -> Result<T, ApiError> {
    id.parse().map_err(|_| ApiError::invalid(format!("{id:?} is not a {what} id (a UUID)")))
}

/// A body that could not be read: too large (413) or cut off.
pub(crate) struct Unreadable(StatusCode, ApiError);

impl IntoResponse for Unreadable {
    fn into_response(self) -> Response {
        let mut response = error_response(self.1);
        *response.status_mut() = self.0;
        response
    }
}

/// The body, or why it could not be read.
pub(crate) fn body(body: Result<Bytes, BytesRejection>) -> Result<Bytes, Unreadable> {
    body.map_err(|rejection| {
        let status = rejection.status();
        let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
            "the request is too large (operations up to 32 MB, HR exports up to 64 MB)".to_owned()
        } else {
            format!("the request body could not be read: {rejection}")
        };
        Unreadable(status, ApiError::invalid(message))
    })
}

pub(crate) fn json_body<T: serde::de::DeserializeOwned>(what: &str, bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes)
        .map_err(|e| ApiError::invalid(format!("the body is not a valid {what}: {e}")))
}

pub(crate) async fn workspace(State(state): State<AppState>) -> Response {
    call(&state, |api| api.workspace_info()).await
}

pub(crate) async fn chart(State(state): State<AppState>) -> Response {
    call(&state, |api| api.chart()).await
}

pub(crate) async fn role(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match parse_id("role", &id) {
        Ok(id) => call(&state, move |api| api.role(id)).await,
        Err(e) => error_response(e),
    }
}

pub(crate) async fn person(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match parse_id("person", &id) {
        Ok(id) => call(&state, move |api| api.person(id)).await,
        Err(e) => error_response(e),
    }
}

pub(crate) async fn team(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match parse_id("team", &id) {
        Ok(id) => call(&state, move |api| api.team(id)).await,
        Err(e) => error_response(e),
    }
}

pub(crate) async fn board(State(state): State<AppState>) -> Response {
    call(&state, |api| api.board()).await
}

pub(crate) async fn lens(State(state): State<AppState>) -> Response {
    call(&state, |api| api.lens()).await
}

pub(crate) async fn line(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match parse_id("role", &id) {
        Ok(id) => call(&state, move |api| api.line(id)).await,
        Err(e) => error_response(e),
    }
}

/// `?q=…&limit=20`
pub(crate) async fn search(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let (mut q, mut limit) = (String::new(), 20);
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match &*key {
            "q" => q = value.into_owned(),
            "limit" => match value.parse() {
                Ok(n) => limit = n,
                Err(_) => {
                    return error_response(ApiError::invalid(format!(
                        "limit must be a whole number, not {value:?}"
                    )))
                }
            },
            _ => {}
        }
    }
    call(&state, move |api| api.search(&q, limit)).await
}

pub(crate) async fn ops(
    State(state): State<AppState>,
    Extension(who): Extension<Who>,
    headers: HeaderMap,
    bytes: Result<Bytes, BytesRejection>,
) -> Response {
    let bytes = match body(bytes) {
        Ok(b) => b,
        Err(unreadable) => return unreadable.into_response(),
    };
    // A participant allowed to change the structure is named in the history by their name.
    let actor: Arc<str> = match &who {
        Who::Facilitator => state.actor.clone(),
        Who::Participant { id, .. } => state
            .api
            .sessions()
            .name_of(id)
            .map_or_else(|| state.actor.clone(), |name| format!("{name} (participant)").into()),
    };
    let participant = matches!(who, Who::Participant { .. });
    let lang = crate::lang_of(&headers);
    call(&state, move |api| {
        let op: Op = json_body("operation", &bytes)?;
        // What a participant may apply is decided on the operation itself, not on the route: a
        // bulk operation (an import, a restore) stays the facilitator's, even inside a batch.
        if participant {
            api.sessions().participant_may_apply(&op, lang)?;
        }
        api.apply(op, &actor).map(|seq| Applied { seq })
    })
    .await
}

/// The body is a `RemoveRoleRequest` (`{"role", "reports"?, "person"?}`); answers the plan,
/// changing nothing (the client sends its `op` to `/api/ops`).
pub(crate) async fn plan_remove_role(
    State(state): State<AppState>,
    bytes: Result<Bytes, BytesRejection>,
) -> Response {
    let bytes = match body(bytes) {
        Ok(b) => b,
        Err(unreadable) => return unreadable.into_response(),
    };
    call(&state, move |api| {
        let request: kader_api::RemoveRoleRequest =
            json_body("role removal ({\"role\", \"reports\", \"person\"})", &bytes)?;
        api.plan_remove_role(&request)
    })
    .await
}

pub(crate) async fn undo(State(state): State<AppState>) -> Response {
    let actor = state.actor.clone();
    call(&state, move |api| api.undo(&actor).map(|seq| HistoryStep { seq })).await
}

pub(crate) async fn redo(State(state): State<AppState>) -> Response {
    let actor = state.actor.clone();
    call(&state, move |api| api.redo(&actor).map(|seq| HistoryStep { seq })).await
}

pub(crate) async fn settings(
    State(state): State<AppState>,
    bytes: Result<Bytes, BytesRejection>,
) -> Response {
    let bytes = match body(bytes) {
        Ok(b) => b,
        Err(unreadable) => return unreadable.into_response(),
    };
    call(&state, move |api| {
        let settings: Settings =
            json_body("settings object ({\"team_word\": {\"singular\", \"plural\"}})", &bytes)?;
        api.set_team_word(settings.team_word)
    })
    .await
}

/// The body is the CSV file as it is; options in the query, as on the command line:
/// `?map=employee_id=Pers. nr.&external_managers_as_roots=true`.
pub(crate) async fn import(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    bytes: Result<Bytes, BytesRejection>,
) -> Response {
    let bytes = match body(bytes) {
        Ok(b) => b,
        Err(unreadable) => return unreadable.into_response(),
    };
    let mut options = ImportOptions::default();
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match &*key {
            "map" => match value.split_once('=') {
                Some((field, header)) => {
                    options.map.push(ColumnMap { field: field.into(), header: header.into() })
                }
                None => {
                    return error_response(ApiError::invalid(format!(
                        "map must be FIELD=HEADER, not {value:?}"
                    )))
                }
            },
            "external_managers_as_roots" => {
                options.external_managers_as_roots = matches!(&*value, "true" | "1" | "")
            }
            _ => {}
        }
    }
    let actor = state.actor.clone();
    call(&state, move |api| api.import_csv(&bytes, &options.to_hris()?, &actor)).await
}

/// The body is the decision matrix as it is; `?name=` is its file name (for the level history).
pub(crate) async fn import_decisions(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    bytes: Result<Bytes, BytesRejection>,
) -> Response {
    let bytes = match body(bytes) {
        Ok(b) => b,
        Err(unreadable) => return unreadable.into_response(),
    };
    let name = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "name")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| "a decision matrix".to_owned());
    let actor = state.actor.clone();
    call(&state, move |api| api.import_decisions(&bytes, &name, &actor)).await
}

/// `?lang=nl` for Dutch headers, level names and `;`; a CSV file to download.
pub(crate) async fn export_decisions(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let dutch =
        form_urlencoded::parse(query.unwrap_or_default().as_bytes()).any(|(k, v)| k == "lang" && v == "nl");
    let api = state.api.clone();
    match tokio::task::spawn_blocking(move || api.export_decisions(dutch)).await {
        Ok(Ok(csv)) => {
            let name = if dutch { "beslissingen.csv" } else { "decisions.csv" };
            let mut response = csv.into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
            if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
                headers.insert(header::CONTENT_DISPOSITION, v);
            }
            response
        }
        Ok(Err(e)) => error_response(e),
        Err(_) => error_response(ApiError::internal("the server failed while exporting (a bug); try again")),
    }
}

/// Unknown `/api` paths answer in the API's error shape.
pub(crate) async fn api_not_found() -> Response {
    error_response(ApiError::not_found("there is no such API route; see docs/api.md"))
}

/// The event stream. The subscription starts before the upgrade is answered, so a client that
/// has its socket open sees every change made after that.
pub(crate) async fn events(
    State(state): State<AppState>,
    Extension(who): Extension<Who>,
    upgrade: WebSocketUpgrade,
) -> Response {
    let events = state.api.subscribe();
    // A participant's stream ends when their token is revoked.
    let revoked = match who {
        Who::Facilitator => None,
        Who::Participant { id, .. } => Some((state.api.sessions(), id)),
    };
    upgrade.on_upgrade(move |socket| stream(socket, events, revoked))
}

/// How often an idle socket is pinged, so proxies and phones keep it open.
const PING_EVERY: std::time::Duration = std::time::Duration::from_secs(30);
/// The close code telling the client it fell behind: reload the chart and reconnect.
const LAGGED: u16 = 4000;

async fn stream(
    mut socket: WebSocket,
    mut events: broadcast::Receiver<Arc<Event>>,
    revoked: Option<(Arc<kader_api::session::Sessions>, String)>,
) {
    let mut ping = tokio::time::interval(PING_EVERY);
    ping.tick().await;
    let mut session = revoked.as_ref().map(|(sessions, _)| sessions.watch());
    loop {
        tokio::select! {
            _ = async { session.as_mut().expect("a participant's stream").changed().await }, if session.is_some() => {
                let (sessions, id) = revoked.as_ref().expect("a participant's stream");
                if sessions.name_of(id).is_none() {
                    let frame = CloseFrame { code: crate::session::REVOKED, reason: "the session has ended".into() };
                    let _ = socket.send(Message::Close(Some(frame))).await;
                    return;
                }
            }
            event = events.recv() => match event {
                Ok(event) => {
                    let json = serde_json::to_string(&*event).expect("events serialize");
                    if socket.send(Message::Text(json.into())).await.is_err() {
                        return;
                    }
                }
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    let frame = CloseFrame { code: LAGGED, reason: "missed events: reload the chart".into() };
                    let _ = socket.send(Message::Close(Some(frame))).await;
                    return;
                }
                // The workspace was closed: the server is stopping.
                Err(broadcast::error::RecvError::Closed) => {
                    let _ = socket.send(Message::Close(None)).await;
                    return;
                }
            },
            message = socket.recv() => match message {
                // Clients send nothing but control frames; pings are answered by axum.
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return,
                Some(Ok(_)) => {}
            },
            _ = ping.tick() => {
                if socket.send(Message::Ping(Bytes::new())).await.is_err() {
                    return;
                }
            }
        }
    }
}

//! The workshop session's routes (`docs/sessions.md`): joining with the code, the facilitator's
//! controls, delegation poker, and the session's event socket. Thin: the rules are in
//! `kader_api::session`; this module turns their effects into closed connections.

use crate::auth::{self, Who};
use crate::routes::{body, json_body};
use crate::{error_response, AppState};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use kader::i18n::Msg;
use kader_api::session::{Applies, Effects, Principal, SessionPatch, SessionView};
use kader_api::{ApiError, Code};
use serde::Deserialize;
use std::net::SocketAddr;

/// The close code telling a participant its token is no longer valid.
pub(crate) const REVOKED: u16 = 4401;
/// The close code of a participant removed from a session that goes on.
pub(crate) const REMOVED: u16 = 4403;

fn now(state: &AppState) -> i64 {
    state.api.now().0
}

fn json<T: serde::Serialize>(value: &T) -> Response {
    let mut response = serde_json::to_vec(value).expect("session views serialize").into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

fn answer<T: serde::Serialize>(result: Result<T, ApiError>) -> Response {
    match result {
        Ok(value) => json(&value),
        Err(e) => error_response(e),
    }
}

/// Closes the connections of participants whose tokens were revoked or whose access changed.
fn enforce(state: &AppState, effects: &Effects) {
    for id in &effects.disconnect {
        let reason =
            if effects.ended { "the session has ended" } else { "your access changed: reconnecting" };
        state.hub.close(Some(id), reason);
    }
    if effects.ended {
        state.hub.set_locked(false);
    }
}

fn read<T: serde::de::DeserializeOwned>(
    what: &str,
    bytes: Result<Bytes, BytesRejection>,
) -> Result<T, Box<Response>> {
    let bytes = body(bytes).map_err(|e| Box::new(e.into_response()))?;
    json_body(what, &bytes).map_err(|e| Box::new(error_response(e)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JoinBody {
    code: String,
    name: String,
}

/// `POST /session/join`: public; the code is the secret, rate-limited per address.
pub(crate) async fn join(State(state): State<AppState>, request: Request) -> Response {
    if let Some(refusal) = auth::refuse_foreign(&state, request.headers()) {
        return error_response(refusal);
    }
    let from = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |ConnectInfo(addr)| addr.ip().to_string());
    let bytes = axum::body::to_bytes(request.into_body(), 4096).await.map_err(|_| ());
    let Ok(bytes) = bytes else {
        return error_response(ApiError::invalid("the join request is too large"));
    };
    let JoinBody { code, name } = match json_body("join request ({\"code\", \"name\"})", &bytes) {
        Ok(b) => b,
        Err(e) => return error_response(e),
    };
    match state.api.sessions().join(&code, &name, &from, now(&state)) {
        Ok((token, participant)) => {
            let mut response = json(&serde_json::json!({ "token": token, "participant": participant }));
            let cookie = format!(
                "{}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}",
                auth::COOKIE,
                auth::PARTICIPANT_COOKIE_SECONDS
            );
            if let Ok(cookie) = HeaderValue::from_str(&cookie) {
                response.headers_mut().insert(header::SET_COOKIE, cookie);
            }
            response
        }
        Err(e) => {
            let wait = e.code == Code::TooMany;
            let mut response = error_response(e);
            if wait {
                // Whole seconds until the lockout ends, rounded up.
                let ms = state.api.sessions().locked_out_for(&from, now(&state));
                let seconds = ((ms + 999) / 1000).max(1);
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds as u64));
            }
            response
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct StartBody {
    #[serde(default)]
    lan: bool,
}

/// `POST /api/session`: starts the session (or answers the running one).
pub(crate) async fn start(
    State(state): State<AppState>,
    headers: HeaderMap,
    bytes: Result<Bytes, BytesRejection>,
) -> Response {
    let StartBody { lan } = match bytes.as_ref().map(|b| b.is_empty()) {
        Ok(true) => StartBody::default(),
        _ => match read("session start ({\"lan\": false})", bytes) {
            Ok(b) => b,
            Err(response) => return *response,
        },
    };
    let join_url = match state.network.join_url(&headers, lan).await {
        Ok(url) => url,
        Err(e) => return error_response(e),
    };
    answer(state.api.sessions().start(join_url, lan))
}

/// The session as the caller sees it; for the facilitator `null` when none runs (no session is an
/// ordinary state of a workspace, not a missing resource: a page load does not log an error).
pub(crate) async fn view(State(state): State<AppState>, Extension(who): Extension<Who>) -> Response {
    match state.api.sessions().view(&who.principal(), now(&state)) {
        Err(e) if e.code == Code::NotFound && matches!(who, Who::Facilitator) => json(&None::<SessionView>),
        result => answer(result),
    }
}

pub(crate) async fn update(
    State(state): State<AppState>,
    headers: HeaderMap,
    bytes: Result<Bytes, BytesRejection>,
) -> Response {
    let patch: SessionPatch = match read("session change", bytes) {
        Ok(p) => p,
        Err(response) => return *response,
    };
    let sessions = state.api.sessions();
    if let Some(lan) = patch.lan {
        match state.network.join_url(&headers, lan).await {
            Ok(url) => sessions.set_join_url(url, lan),
            Err(e) => return error_response(e),
        }
    }
    let locked = patch.locked;
    match sessions.update(patch, now(&state)) {
        Ok((view, effects)) => {
            if let Some(locked) = locked {
                state.hub.set_locked(locked);
            }
            enforce(&state, &effects);
            json(&view)
        }
        Err(e) => error_response(e),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleBody {
    role: kader_api::session::SessionRole,
}

pub(crate) async fn set_role(
    State(state): State<AppState>,
    Path(id): Path<String>,
    bytes: Result<Bytes, BytesRejection>,
) -> Response {
    let RoleBody { role } = match read("role change ({\"role\": \"observer\"})", bytes) {
        Ok(b) => b,
        Err(response) => return *response,
    };
    match state.api.sessions().set_role(&id, role, now(&state)) {
        Ok((view, effects)) => {
            enforce(&state, &effects);
            json(&view)
        }
        Err(e) => error_response(e),
    }
}

pub(crate) async fn remove(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match state.api.sessions().remove(&id, now(&state)) {
        Ok((view, effects)) => {
            state.hub.close(Some(&id), "you were removed from the session");
            enforce(&state, &Effects { ended: false, ..effects });
            json(&view)
        }
        Err(e) => error_response(e),
    }
}

pub(crate) async fn end(State(state): State<AppState>) -> Response {
    match state.api.sessions().end() {
        Ok(effects) => {
            enforce(&state, &effects);
            json(&serde_json::json!({ "ended": true }))
        }
        Err(e) => error_response(e),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PokerBody {
    domain: String,
    team: String,
}

pub(crate) async fn poker(State(state): State<AppState>, bytes: Result<Bytes, BytesRejection>) -> Response {
    let PokerBody { domain, team } = match read("poker round ({\"domain\", \"team\"})", bytes) {
        Ok(b) => b,
        Err(response) => return *response,
    };
    let (domain, team) = match (domain.parse::<kader::id::DomainId>(), team.parse::<kader::id::TeamId>()) {
        (Ok(d), Ok(t)) => (d, t),
        _ => return error_response(ApiError::invalid("domain and team are ids (UUIDs)")),
    };
    let board = match state.api.board() {
        Ok(b) => b,
        Err(e) => return error_response(e),
    };
    if !board.domains.iter().any(|d| d.id == domain) {
        return error_response(ApiError::not_found(format!("decision domain {domain} does not exist")));
    }
    if !board.teams.iter().any(|t| t.id.to_string() == team.to_string()) {
        return error_response(ApiError::not_found(format!("team {team} does not exist")));
    }
    answer(state.api.sessions().start_poker(domain, team, now(&state)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CardBody {
    level: u8,
}

pub(crate) async fn card(
    State(state): State<AppState>,
    Extension(who): Extension<Who>,
    bytes: Result<Bytes, BytesRejection>,
) -> Response {
    let CardBody { level } = match read("card ({\"level\": 1..7})", bytes) {
        Ok(b) => b,
        Err(response) => return *response,
    };
    answer(state.api.sessions().pick(&who.principal(), level, now(&state)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeBody {
    team: Option<String>,
}

/// `PUT /api/session/me`: a participant says which team they belong to (`null`: rather not say).
pub(crate) async fn me(
    State(state): State<AppState>,
    Extension(who): Extension<Who>,
    bytes: Result<Bytes, BytesRejection>,
) -> Response {
    let MeBody { team } = match read("your team ({\"team\": a team id or null})", bytes) {
        Ok(b) => b,
        Err(response) => return *response,
    };
    let Who::Participant { id, .. } = who else {
        return error_response(ApiError::invalid("the facilitator has no team in the session"));
    };
    let team = match team {
        None => None,
        Some(t) => match t.parse::<kader::id::TeamId>() {
            Err(_) => return error_response(ApiError::invalid(format!("team {t:?} is not a team id"))),
            // The team itself, not the whole board: a consultation calls this once per person.
            Ok(team) => match state.api.team(team) {
                Err(e) => return error_response(e),
                Ok(_) => Some(team),
            },
        },
    };
    answer(state.api.sessions().set_team(&id, team, now(&state)))
}

pub(crate) async fn reveal(State(state): State<AppState>) -> Response {
    answer(state.api.sessions().reveal(now(&state)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordBody {
    level: u8,
    #[serde(default)]
    applies: Applies,
}

/// `POST /api/session/poker/again`: another round on the same cell, after the reveal.
pub(crate) async fn again(State(state): State<AppState>) -> Response {
    answer(state.api.sessions().again(now(&state)))
}

/// `POST /api/session/poker/record`: writes the agreed level (the desired one unless it applies
/// now), noted in the facilitator's language, and ends the round.
pub(crate) async fn record(
    State(state): State<AppState>,
    headers: HeaderMap,
    bytes: Result<Bytes, BytesRejection>,
) -> Response {
    let RecordBody { level, applies } =
        match read("agreed level ({\"level\": 1..7, \"applies\": \"desired\" or \"now\"})", bytes) {
            Ok(b) => b,
            Err(response) => return *response,
        };
    let Some(agreed) = kader::model::Level::new(level) else {
        return error_response(ApiError::invalid(format!("a level is 1 to 7, got {level}")));
    };
    let sessions = state.api.sessions();
    let round = match sessions.to_record() {
        Ok(r) => r,
        Err(e) => return error_response(e),
    };
    let (code, number, cards) = (round.code.clone(), round.round, round.cards.clone());
    let note = match applies {
        Applies::Desired => Msg::PokerAgreedDesired { code, round: number, cards },
        Applies::Now => Msg::PokerAgreedNow { code, round: number, cards },
    };
    let why = note.say(crate::lang_of(&headers));
    let api = state.api.clone();
    let actor = state.actor.to_string();
    let (domain, team) = (round.domain, round.team);
    let written =
        tokio::task::spawn_blocking(move || api.record_level(domain, team, agreed, applies, &actor, why))
            .await;
    match written {
        Ok(Ok(_)) => answer(sessions.recorded(&round, now(&state))),
        Ok(Err(e)) => error_response(e),
        Err(_) => error_response(ApiError::internal("the level could not be recorded (a bug); try again")),
    }
}

/// `GET /api/session/events`: the session as this principal sees it, now and after each change.
pub(crate) async fn events(
    State(state): State<AppState>,
    Extension(who): Extension<Who>,
    upgrade: WebSocketUpgrade,
) -> Response {
    upgrade.on_upgrade(move |socket| stream(socket, state, who))
}

async fn stream(mut socket: WebSocket, state: AppState, who: Who) {
    let sessions = state.api.sessions();
    let mut changes = sessions.watch();
    let principal = who.principal();
    if let Principal::Participant(id) = &principal {
        sessions.connected(id, true, now(&state));
    }
    let mut last: Option<SessionView> = None;
    loop {
        let view = sessions.view(&principal, now(&state));
        match view {
            Ok(view) => {
                if last.as_ref() != Some(&view) {
                    let text = serde_json::to_string(&view).expect("session views serialize");
                    if socket.send(Message::Text(text.into())).await.is_err() {
                        break;
                    }
                    last = Some(view);
                }
            }
            Err(e) if e.code == Code::Unauthorized || matches!(principal, Principal::Participant(_)) => {
                let running = sessions.view(&Principal::Facilitator, now(&state)).is_ok();
                let frame = if running {
                    CloseFrame { code: REMOVED, reason: "you were removed from the session".into() }
                } else {
                    CloseFrame { code: REVOKED, reason: "the session has ended".into() }
                };
                let _ = socket.send(Message::Close(Some(frame))).await;
                break;
            }
            // The facilitator's socket stays open between sessions.
            Err(_) => {
                if last.take().is_some() && socket.send(Message::Text("null".into())).await.is_err() {
                    break;
                }
            }
        }
        tokio::select! {
            changed = changes.changed() => if changed.is_err() { break },
            message = socket.recv() => match message {
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                Some(Ok(_)) => {}
            },
        }
    }
    if let Principal::Participant(id) = &principal {
        sessions.connected(id, false, now(&state));
    }
}

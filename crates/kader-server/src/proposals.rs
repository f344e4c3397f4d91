//! `/api/proposals`, `/api/comments`, `/api/decision-log`, `/api/news`: proposals, comments and
//! consent (contract: `docs/proposals.md`). Each handler turns the request's principal into a
//! [`Caller`] and calls the one `kader-api` function; who may do what is decided there.

use crate::auth::Who;
use crate::routes::{body, call, json_body, parse_id};
use crate::{error_response, AppState};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use kader::date::Timestamp;
use kader::id::{CommentId, ProposalId};
use kader_api::proposals::{Caller, CommentChange, ExportFormat};
use kader_api::session::SessionRole;
use kader_api::ApiError;
use serde::Deserialize;

fn caller(state: &AppState, who: &Who) -> Caller {
    match who {
        Who::Facilitator => Caller::Facilitator { name: state.actor.to_string() },
        Who::Participant { id, role } => Caller::Participant {
            id: id.clone(),
            name: state.api.sessions().name_of(id).unwrap_or_else(|| "participant".into()),
            team: state.api.sessions().team_of(id),
            may_write: *role != SessionRole::Observer,
        },
    }
}

/// The body as JSON of type `T`, or the response that says why not.
fn read<T: serde::de::DeserializeOwned>(
    what: &str,
    bytes: Result<Bytes, BytesRejection>,
) -> Result<T, Box<Response>> {
    let bytes = body(bytes).map_err(|e| Box::new(e.into_response()))?;
    json_body(what, &bytes).map_err(|e| Box::new(error_response(e)))
}

fn proposal_id(id: &str) -> Result<ProposalId, Box<Response>> {
    parse_id("proposal", id).map_err(|e| Box::new(error_response(e)))
}

fn comment_id(id: &str) -> Result<CommentId, Box<Response>> {
    parse_id("comment", id).map_err(|e| Box::new(error_response(e)))
}

macro_rules! or_answer {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(response) => return *response,
        }
    };
}

#[derive(serde::Serialize)]
struct Done {}

pub(crate) async fn list(State(state): State<AppState>, Extension(who): Extension<Who>) -> Response {
    let caller = caller(&state, &who);
    call(&state, move |api| api.proposals(&caller)).await
}

pub(crate) async fn create(
    State(state): State<AppState>,
    Extension(who): Extension<Who>,
    bytes: Result<Bytes, BytesRejection>,
) -> Response {
    let draft = or_answer!(read("proposal ({\"title\", \"rationale\", \"revision\", …})", bytes));
    let caller = caller(&state, &who);
    call(&state, move |api| api.create_proposal(draft, &caller)).await
}

pub(crate) async fn get(
    State(state): State<AppState>,
    Extension(who): Extension<Who>,
    Path(id): Path<String>,
) -> Response {
    let id = or_answer!(proposal_id(&id));
    let caller = caller(&state, &who);
    call(&state, move |api| api.proposal(id, &caller)).await
}

pub(crate) async fn edit(
    State(state): State<AppState>,
    Extension(who): Extension<Who>,
    Path(id): Path<String>,
    bytes: Result<Bytes, BytesRejection>,
) -> Response {
    let id = or_answer!(proposal_id(&id));
    let edit = or_answer!(read("change of a draft", bytes));
    let caller = caller(&state, &who);
    call(&state, move |api| api.edit_proposal(id, edit, &caller)).await
}

pub(crate) async fn step(
    State(state): State<AppState>,
    Extension(who): Extension<Who>,
    Path(id): Path<String>,
    bytes: Result<Bytes, BytesRejection>,
) -> Response {
    let id = or_answer!(proposal_id(&id));
    let step = or_answer!(read("step ({\"step\": \"open\" | \"consent\" | \"close\" | \"amend\" | \"adopt\" | \"reject\" | \"withdraw\", …})", bytes));
    let caller = caller(&state, &who);
    call(&state, move |api| api.proposal_step(id, step, &caller)).await
}

pub(crate) async fn preview(
    State(state): State<AppState>,
    Extension(who): Extension<Who>,
    Path(id): Path<String>,
) -> Response {
    let id = or_answer!(proposal_id(&id));
    let caller = caller(&state, &who);
    call(&state, move |api| api.proposal_preview(id, &caller)).await
}

pub(crate) async fn answer(
    State(state): State<AppState>,
    Extension(who): Extension<Who>,
    Path(id): Path<String>,
    bytes: Result<Bytes, BytesRejection>,
) -> Response {
    let id = or_answer!(proposal_id(&id));
    let answer = or_answer!(read(
        "answer ({\"answer\": \"consent\" | \"concern\" | \"objection\" | \"stand_aside\", …})",
        bytes
    ));
    let caller = caller(&state, &who);
    call(&state, move |api| api.answer_proposal(id, answer, &caller)).await
}

pub(crate) async fn comments(
    State(state): State<AppState>,
    Extension(who): Extension<Who>,
    Path(id): Path<String>,
) -> Response {
    let id = or_answer!(proposal_id(&id));
    let caller = caller(&state, &who);
    call(&state, move |api| api.proposal_comments(id, &caller)).await
}

pub(crate) async fn post_comment(
    State(state): State<AppState>,
    Extension(who): Extension<Who>,
    Path(id): Path<String>,
    bytes: Result<Bytes, BytesRejection>,
) -> Response {
    let id = or_answer!(proposal_id(&id));
    let draft = or_answer!(read("comment ({\"body\", \"parent\"?, \"anchor\"?})", bytes));
    let caller = caller(&state, &who);
    call(&state, move |api| api.post_comment(id, draft, &caller)).await
}

pub(crate) async fn edit_comment(
    State(state): State<AppState>,
    Extension(who): Extension<Who>,
    Path(id): Path<String>,
    bytes: Result<Bytes, BytesRejection>,
) -> Response {
    let id = or_answer!(comment_id(&id));
    let change: CommentChange = or_answer!(read("comment edit ({\"body\", \"key\"?})", bytes));
    let caller = caller(&state, &who);
    call(&state, move |api| api.change_comment(id, change, false, &caller).map(|()| Done {})).await
}

pub(crate) async fn delete_comment(
    State(state): State<AppState>,
    Extension(who): Extension<Who>,
    Path(id): Path<String>,
    bytes: Result<Bytes, BytesRejection>,
) -> Response {
    let id = or_answer!(comment_id(&id));
    let change: CommentChange = or_answer!(read("comment deletion ({\"key\"?})", bytes));
    let caller = caller(&state, &who);
    call(&state, move |api| api.change_comment(id, change, true, &caller).map(|()| Done {})).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Hide {
    reason: String,
}

pub(crate) async fn hide_comment(
    State(state): State<AppState>,
    Extension(who): Extension<Who>,
    Path(id): Path<String>,
    bytes: Result<Bytes, BytesRejection>,
) -> Response {
    let id = or_answer!(comment_id(&id));
    let Hide { reason } = or_answer!(read("hide request ({\"reason\"})", bytes));
    let caller = caller(&state, &who);
    call(&state, move |api| api.hide_comment(id, &reason, &caller).map(|()| Done {})).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct React {
    key: String,
    on: bool,
}

pub(crate) async fn react(
    State(state): State<AppState>,
    Extension(who): Extension<Who>,
    Path(id): Path<String>,
    bytes: Result<Bytes, BytesRejection>,
) -> Response {
    let id = or_answer!(comment_id(&id));
    let React { key, on } = or_answer!(read("reaction ({\"key\", \"on\"})", bytes));
    let caller = caller(&state, &who);
    call(&state, move |api| api.react(id, &key, on, &caller).map(|()| Done {})).await
}

pub(crate) async fn decision_log(State(state): State<AppState>) -> Response {
    call(&state, |api| api.decisions()).await
}

fn query_value(query: &Option<String>, key: &str) -> Option<String> {
    form_urlencoded::parse(query.as_deref().unwrap_or_default().as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

pub(crate) async fn news(
    State(state): State<AppState>,
    Extension(who): Extension<Who>,
    RawQuery(query): RawQuery,
) -> Response {
    let since = match query_value(&query, "since").map(|s| s.parse::<i64>()) {
        Some(Ok(ms)) => Timestamp(ms),
        None => Timestamp(0),
        Some(Err(_)) => {
            return error_response(ApiError::invalid("since is a time in milliseconds since 1970"))
        }
    };
    let caller = caller(&state, &who);
    call(&state, move |api| api.news(since, &caller)).await
}

fn format_of(query: &Option<String>) -> Result<ExportFormat, Box<Response>> {
    match query_value(query, "format").as_deref() {
        None | Some("markdown") | Some("md") => Ok(ExportFormat::Markdown),
        Some("html") => Ok(ExportFormat::Html),
        Some(other) => Err(Box::new(error_response(ApiError::invalid(format!(
            "{other:?} is not an export format (markdown or html)"
        ))))),
    }
}

/// A download: the text with its type and file name.
fn download(text: String, format: ExportFormat, name: &str) -> Response {
    let (kind, ext) = match format {
        ExportFormat::Markdown => ("text/markdown; charset=utf-8", "md"),
        ExportFormat::Html => ("text/html; charset=utf-8", "html"),
    };
    let mut response = text.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}.{ext}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

async fn export_with(
    state: &AppState,
    format: ExportFormat,
    name: String,
    f: impl FnOnce(&kader_api::Api) -> Result<String, ApiError> + Send + 'static,
) -> Response {
    let api = state.api.clone();
    match tokio::task::spawn_blocking(move || f(&api)).await {
        Ok(Ok(text)) => download(text, format, &name),
        Ok(Err(e)) => error_response(e),
        Err(_) => error_response(ApiError::internal("the server failed while exporting (a bug); try again")),
    }
}

pub(crate) async fn export(
    State(state): State<AppState>,
    Extension(who): Extension<Who>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let id = or_answer!(proposal_id(&id));
    let format = or_answer!(format_of(&query));
    let caller = caller(&state, &who);
    export_with(&state, format, format!("proposal-{id}"), move |api| api.export_proposal(id, format, &caller))
        .await
}

pub(crate) async fn export_log(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let format = or_answer!(format_of(&query));
    export_with(&state, format, "decision-log".into(), move |api| api.export_decisions_log(format)).await
}

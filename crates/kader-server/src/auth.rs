//! Who may talk to the server: every `/api` request needs the facilitator's token (cookie
//! `kader_token`, `Authorization: Bearer …` or `?token=…`), compared in constant time, and a
//! request from a page of another origin is refused whatever it carries. Opening the facilitator
//! link `/?token=…` trades the token in the address for an HttpOnly, SameSite=Strict cookie.

use crate::{error_response, AppState};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kader_api::collab::Access;
use kader_api::{ApiError, Code};
use std::fmt;
use subtle::ConstantTimeEq;

pub(crate) const COOKIE: &str = "kader_token";

/// A secret that grants access. Its `Debug` does not show it.
#[derive(Clone)]
pub struct Token(String);

impl Token {
    /// 32 random bytes from the operating system, as 64 hex digits.
    pub fn random() -> std::io::Result<Token> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)
            .map_err(|e| std::io::Error::other(format!("no randomness for a token: {e}")))?;
        Ok(Token(bytes.iter().map(|b| format!("{b:02x}")).collect()))
    }

    /// A given token (for tests, or a token kept by the caller). It must be URL- and cookie-safe:
    /// letters, digits, `-` and `_` only.
    pub fn new(token: impl Into<String>) -> Option<Token> {
        let token = token.into();
        let safe =
            !token.is_empty() && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        safe.then_some(Token(token))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn matches(&self, candidate: &str) -> bool {
        bool::from(self.0.as_bytes().ct_eq(candidate.as_bytes()))
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(…)")
    }
}

fn query_token(query: Option<&str>) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes()).find(|(k, _)| k == "token").map(|(_, v)| v.into_owned())
}

fn cookie_tokens(headers: &HeaderMap) -> impl Iterator<Item = &str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value)
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(token.trim())
}

/// Whether the request carries the token in any of the three places.
fn authorized(token: &Token, headers: &HeaderMap, query: Option<&str>) -> bool {
    bearer(headers).is_some_and(|t| token.matches(t))
        || cookie_tokens(headers).any(|t| token.matches(t))
        || query_token(query).is_some_and(|t| token.matches(&t))
}

/// `None` when the request has no `Origin` or comes from this server's own origin (or an allowed
/// one); otherwise the foreign origin.
fn foreign_origin<'a>(headers: &'a HeaderMap, allowed: &[String]) -> Option<&'a str> {
    let origin = headers.get(header::ORIGIN)?;
    let Ok(origin) = origin.to_str() else { return Some("(unreadable)") };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let own = host.is_some_and(|host| {
        origin.strip_prefix("http://").is_some_and(|rest| rest.eq_ignore_ascii_case(host))
    });
    let listed = allowed.iter().any(|a| a.trim_end_matches('/').eq_ignore_ascii_case(origin));
    (!own && !listed).then_some(origin)
}

/// Guards `/api`: the origin first (a foreign page is refused even with a token), then the token.
pub(crate) async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path != "/api" && !path.starts_with("/api/") {
        return next.run(request).await;
    }
    if let Some(origin) = foreign_origin(request.headers(), &state.allowed_origins) {
        return error_response(ApiError::new(
            Code::Forbidden,
            format!("requests from pages of {origin} are refused: open Kader from the facilitator's link"),
        ));
    }
    if !authorized(&state.token, request.headers(), request.uri().query()) {
        return error_response(ApiError::new(
            Code::Unauthorized,
            "this needs the session's token: open the facilitator's link (it ends in ?token=…) once",
        ));
    }
    next.run(request).await
}

/// Who a co-editing connection is: the origin is checked first, then the token. The refusal is
/// answered instead of upgrading.
pub(crate) fn admit(state: &AppState, headers: &HeaderMap, query: Option<&str>) -> Result<Access, ApiError> {
    if let Some(origin) = foreign_origin(headers, &state.allowed_origins) {
        return Err(ApiError::new(
            Code::Forbidden,
            format!("connections from pages of {origin} are refused: open Kader from the facilitator's link"),
        ));
    }
    if authorized(&state.token, headers, query) {
        return Ok(Access::Owner);
    }
    Err(ApiError::new(Code::Unauthorized, "this document needs a valid token"))
}

/// Outside `/api`, a `?token=` in the address is the facilitator link: a valid token becomes a
/// cookie and the browser goes to `/`, so the token leaves the address bar and the history.
pub(crate) async fn link(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    // The API and the co-edited documents check their tokens themselves.
    if path == "/api" || path.starts_with("/api/") || path.starts_with("/yjs/") {
        return next.run(request).await;
    }
    let Some(candidate) = query_token(request.uri().query()) else {
        return next.run(request).await;
    };
    if !state.token.matches(&candidate) {
        let page = "<!doctype html><title>Kader</title><p>This link is not valid (any more): ask the facilitator for the current one.</p>";
        let mut response = (StatusCode::UNAUTHORIZED, page).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
        return response;
    }
    let cookie = format!("{COOKIE}={}; Path=/; HttpOnly; SameSite=Strict", state.token.as_str());
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    headers.insert(header::LOCATION, HeaderValue::from_static("/"));
    if let Ok(cookie) = HeaderValue::from_str(&cookie) {
        headers.insert(header::SET_COOKIE, cookie);
    }
    response
}

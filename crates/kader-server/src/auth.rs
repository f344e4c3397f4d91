//! Who may talk to the server: every `/api` request needs the facilitator's token (cookie
//! `kader_token`, `Authorization: Bearer …` or `?token=…`), compared in constant time, and a
//! request from a page of another origin is refused whatever it carries. Opening the facilitator
//! link `/?token=…` trades the token in the address for an HttpOnly, SameSite=Strict cookie.

use crate::{error_response, AppState};
use axum::extract::{Request, State};
use axum::http::Method;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kader_api::collab::Access;
use kader_api::session::{Principal, SessionRole};
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

/// Who a request is, from the tokens it carries in any of the three places: the facilitator's
/// token first, then a participant's. `None`: no valid token.
pub(crate) fn identify(state: &AppState, headers: &HeaderMap, query: Option<&str>) -> Option<Who> {
    let query = query_token(query);
    let candidates: Vec<&str> =
        bearer(headers).into_iter().chain(cookie_tokens(headers)).chain(query.as_deref()).collect();
    if candidates.iter().any(|t| state.token.matches(t)) {
        return Some(Who::Facilitator);
    }
    let sessions = state.api.sessions();
    let found = candidates.iter().find_map(|t| sessions.identify(t));
    found.map(|(id, role)| Who::Participant { id, role })
}

/// The principal of a request, put into its extensions by [`guard`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Who {
    Facilitator,
    Participant { id: String, role: SessionRole },
}

impl Who {
    pub(crate) fn principal(&self) -> Principal {
        match self {
            Who::Facilitator => Principal::Facilitator,
            Who::Participant { id, .. } => Principal::Participant(id.clone()),
        }
    }
}

/// What a participant may ask of `/api`: reading, picking a poker card, and structural changes
/// only when the facilitator allows them. `Err` says why not.
fn participant_may(state: &AppState, role: SessionRole, method: &Method, path: &str) -> Result<(), ApiError> {
    let refuse = |what: &str| Err(ApiError::new(Code::Forbidden, what.to_owned()));
    if method == Method::GET {
        return Ok(());
    }
    if role == SessionRole::Observer {
        return refuse("observers follow the session; they cannot change anything");
    }
    match (method.as_str(), path) {
        ("POST", "/api/session/poker/card") | ("PUT", "/api/session/me") => Ok(()),
        // Answering, commenting, reacting, and changing one's own comments (the API checks whose).
        ("POST", p) if p.starts_with("/api/proposals/") && (p.ends_with("/answer") || p.ends_with("/comments")) => Ok(()),
        ("POST", p) if p.starts_with("/api/comments/") && (p.ends_with("/delete") || p.ends_with("/react")) => Ok(()),
        ("PUT", p) if p.starts_with("/api/comments/") && p.matches('/').count() == 3 => Ok(()),
        ("POST", "/api/ops" | "/api/plan/remove-role") if state.api.sessions().structure_allowed() => Ok(()),
        ("POST", "/api/ops" | "/api/plan/remove-role") => {
            refuse("structural changes are the facilitator's in this session: propose it in the room, or ask the facilitator to allow changes")
        }
        _ => refuse("only the facilitator can do this"),
    }
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

/// A refusal when the request comes from a page of another origin or names a host this server is
/// not.
pub(crate) fn refuse_foreign(state: &AppState, headers: &HeaderMap) -> Option<ApiError> {
    if !state.network.host_allowed(headers) {
        return Some(ApiError::new(Code::Forbidden, "this server answers only to its own addresses"));
    }
    foreign_origin(headers, &state.allowed_origins).map(|origin| {
        ApiError::new(
            Code::Forbidden,
            format!("requests from pages of {origin} are refused: open Kader from the facilitator's link"),
        )
    })
}

/// Lets the pages of the allowed origins (the desktop window, a UI development server) call the
/// API across origins: answers their preflight and marks their answers readable. Other origins
/// get no CORS headers (and [`guard`] refuses them).
pub(crate) async fn cors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let origin = request.headers().get(header::ORIGIN).cloned();
    let allowed = origin.as_ref().and_then(|o| o.to_str().ok()).is_some_and(|o| {
        state.allowed_origins.iter().any(|a| a.trim_end_matches('/').eq_ignore_ascii_case(o))
    });
    let Some(origin) = origin.filter(|_| allowed) else { return next.run(request).await };
    let mut response = if request.method() == Method::OPTIONS {
        let mut r = StatusCode::NO_CONTENT.into_response();
        let h = r.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST, PUT, DELETE"));
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("authorization, content-type"),
        );
        h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
        r
    } else {
        next.run(request).await
    };
    let h = response.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
    response
}

/// Refuses every request whose `Host` does not name this server — pages, the participant's
/// `/?token=` link, the join form and the WebSockets as well as `/api` — so that no page of another
/// site reaches any of it through a DNS name that resolves here (DNS rebinding).
pub(crate) async fn host(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !state.network.host_allowed(request.headers()) {
        return error_response(ApiError::new(
            Code::Forbidden,
            "this server answers only to its own addresses",
        ));
    }
    next.run(request).await
}

/// Guards `/api`: the origin first (a foreign page is refused even with a token), then the token.
pub(crate) async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path != "/api" && !path.starts_with("/api/") {
        return next.run(request).await;
    }
    if let Some(refusal) = refuse_foreign(&state, request.headers()) {
        return error_response(refusal);
    }
    let Some(who) = identify(&state, request.headers(), request.uri().query()) else {
        return error_response(ApiError::new(
            Code::Unauthorized,
            "this needs a valid token: open the facilitator's link (it ends in ?token=…) once, or join the session with its code",
        ));
    };
    if let Who::Participant { role, .. } = &who {
        if let Err(e) = participant_may(&state, *role, request.method(), request.uri().path()) {
            return error_response(e);
        }
    }
    let mut request = request;
    request.extensions_mut().insert(who);
    next.run(request).await
}

/// Who a co-editing connection is, and what it may do: the origin is checked first, then the
/// token. The refusal is answered instead of upgrading. The tag names a participant (so that
/// removing them closes their connections).
pub(crate) fn admit(
    state: &AppState,
    headers: &HeaderMap,
    query: Option<&str>,
) -> Result<(Access, Option<String>), ApiError> {
    if let Some(refusal) = refuse_foreign(state, headers) {
        return Err(refusal);
    }
    match identify(state, headers, query) {
        Some(Who::Facilitator) => Ok((Access::Owner, None)),
        Some(Who::Participant { id, role: SessionRole::Observer }) => Ok((Access::Read, Some(id))),
        Some(Who::Participant { id, .. }) => Ok((Access::Edit, Some(id))),
        None => Err(ApiError::new(Code::Unauthorized, "this document needs a valid token")),
    }
}

/// Outside `/api`, a `?token=` in the address is the facilitator link: a valid token becomes a
/// cookie and the browser goes to `/`, so the token leaves the address bar and the history.
/// How long a participant's cookie lasts: a consultation runs for days or weeks, and people come
/// back from the same phone.
pub(crate) const PARTICIPANT_COOKIE_SECONDS: u32 = 30 * 24 * 60 * 60;

pub(crate) async fn link(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    // The API and the co-edited documents check their tokens themselves.
    if path == "/api" || path.starts_with("/api/") || path.starts_with("/yjs/") {
        return next.run(request).await;
    }
    let Some(candidate) = query_token(request.uri().query()) else {
        return next.run(request).await;
    };
    // A participant's personal link (`/?token=…`, shown after joining) brings them back as
    // themselves on any device, for as long as the consultation runs.
    let participant = !state.token.matches(&candidate) && state.api.sessions().identify(&candidate).is_some();
    if !state.token.matches(&candidate) && !participant {
        let page = "<!doctype html><title>Kader</title><p>This link is not valid (any more): ask the facilitator for the current one.</p>";
        let mut response = (StatusCode::UNAUTHORIZED, page).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
        return response;
    }
    let cookie = if participant {
        format!(
            "{COOKIE}={candidate}; Path=/; HttpOnly; SameSite=Strict; Max-Age={PARTICIPANT_COOKIE_SECONDS}"
        )
    } else {
        format!("{COOKIE}={}; Path=/; HttpOnly; SameSite=Strict", state.token.as_str())
    };
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    headers.insert(header::LOCATION, HeaderValue::from_static("/"));
    if let Ok(cookie) = HeaderValue::from_str(&cookie) {
        headers.insert(header::SET_COOKIE, cookie);
    }
    response
}

//! `kader serve`: the Kader API (`kader-api`) over HTTP and a WebSocket, and the UI embedded in the
//! binary, for browsers on the facilitator's network. A thin adapter: every route converts the
//! request, calls one `Api` function and converts the answer; all logic is in `kader-api` and the
//! engine.
//!
//! Security, in the order a request meets it: security headers on every answer (a strict CSP
//! without inline scripts, `nosniff`, no referrer, no framing); for `/api`, a request from a page
//! of another origin is refused (403), then the facilitator's token is required (401); bodies are
//! size-limited; a panic in a handler answers 500 and the server goes on.

mod assets;
mod auth;
mod collab;
mod network;
mod proposals;
mod routes;
mod session;

pub use auth::Token;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post, put};
use axum::Router;
use kader_api::{Api, ApiError, Code};
use std::future::Future;
use std::sync::Arc;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;

/// Largest operation body: a restore of a large organization is one batch.
pub const MAX_OP_BYTES: usize = 32 << 20;
/// Largest HR export.
pub const MAX_IMPORT_BYTES: usize = 64 << 20;
/// Largest other body (settings).
pub const MAX_BODY_BYTES: usize = 64 << 10;

/// The Content-Security-Policy of every answer: everything from this server only, no inline
/// scripts or styles (the UI sets styles through the DOM, which CSP allows), the event WebSocket.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; \
base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// How the server answers.
#[derive(Clone, Debug)]
pub struct Config {
    /// The facilitator's token: required on every `/api` request.
    pub token: Token,
    /// Who the history names for changes made through this server.
    pub actor: String,
    /// Origins other than the server's own whose pages may call the API (for example the UI's
    /// development server, `http://localhost:5173`).
    pub allowed_origins: Vec<String>,
}

/// The name the facilitator goes by in the history, comments and answers when `kader serve` runs
/// (a name, so capitalized like one; the desktop window uses the computer's user instead).
pub const FACILITATOR: &str = "Facilitator";

impl Config {
    pub fn new(token: Token) -> Config {
        Config { token, actor: FACILITATOR.into(), allowed_origins: Vec::new() }
    }
}

#[derive(Clone)]
pub(crate) struct AppState {
    api: Arc<Api>,
    hub: Arc<kader_api::collab::Hub>,
    network: Arc<network::Network>,
    token: Token,
    actor: Arc<str>,
    allowed_origins: Arc<[String]>,
}

/// Whether the real UI (`ui/dist`) is embedded, rather than the page saying how to build it.
pub fn ui_built() -> bool {
    assets::UI_BUILT
}

/// How often a read-only workspace reads the changes of the Kader that edits it.
pub const FOLLOW_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// The status for each error code; the body is the error itself, `{ "code", "message" }`.
pub(crate) fn error_response(e: ApiError) -> Response {
    let status = match e.code {
        Code::NotFound => StatusCode::NOT_FOUND,
        Code::Invalid | Code::Cycle => StatusCode::BAD_REQUEST,
        Code::Unauthorized => StatusCode::UNAUTHORIZED,
        Code::Forbidden | Code::ReadOnly => StatusCode::FORBIDDEN,
        Code::Locked => StatusCode::CONFLICT,
        Code::TooMany => StatusCode::TOO_MANY_REQUESTS,
        Code::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    };
    let json = serde_json::to_vec(&e).expect("an error serializes");
    let mut response = (status, json).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// The language a request asks for (its `Accept-Language`), English when it names none Kader
/// speaks: refusals are worded in it.
pub(crate) fn lang_of(headers: &axum::http::HeaderMap) -> kader::i18n::Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(kader::i18n::Lang::from_accept_language)
        .unwrap_or_default()
}

/// Security headers on every answer; API answers are never cached.
async fn headers(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if api {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    error_response(ApiError::internal("the server failed while answering (a bug); try again"))
}

/// The whole application: routes, guards and headers.
pub fn router(api: Arc<Api>, config: Config) -> Router {
    router_with(api, config).0
}

fn router_with(api: Arc<Api>, config: Config) -> (Router, Arc<network::Network>) {
    let state = AppState {
        hub: api.hub(),
        network: Arc::default(),
        api,
        token: config.token,
        actor: config.actor.into(),
        allowed_origins: config.allowed_origins.into(),
    };
    let compressed = Router::new()
        .route("/api/workspace", get(routes::workspace))
        .route("/api/chart", get(routes::chart))
        .route("/api/roles/{id}", get(routes::role))
        .route("/api/persons/{id}", get(routes::person))
        .route("/api/teams/{id}", get(routes::team))
        .route("/api/search", get(routes::search))
        .route("/api/board", get(routes::board))
        .route("/api/lens", get(routes::lens))
        .route("/api/lens/lines/{id}", get(routes::line))
        .route(
            "/api/decisions/import",
            post(routes::import_decisions).layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES)),
        )
        .route("/api/decisions/export", get(routes::export_decisions))
        .route("/api/plan/remove-role", post(routes::plan_remove_role))
        .route("/api/ops", post(routes::ops).layer(DefaultBodyLimit::max(MAX_OP_BYTES)))
        .route("/api/undo", post(routes::undo))
        .route("/api/redo", post(routes::redo))
        .route("/api/settings", put(routes::settings))
        .route("/api/import", post(routes::import).layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES)))
        .route(
            "/api/session",
            get(session::view).post(session::start).put(session::update).delete(session::end),
        )
        .route("/api/session/me", put(session::me))
        .route("/api/session/participants/{id}", put(session::set_role).delete(session::remove))
        .route("/api/session/poker", post(session::poker))
        .route("/api/session/poker/card", post(session::card))
        .route("/api/session/poker/reveal", post(session::reveal))
        .route("/api/session/poker/record", post(session::record))
        .route("/api/session/poker/again", post(session::again))
        .route("/api/proposals", get(proposals::list).post(proposals::create))
        .route("/api/proposals/{id}", get(proposals::get).put(proposals::edit))
        .route("/api/proposals/{id}/step", post(proposals::step))
        .route("/api/proposals/{id}/preview", get(proposals::preview))
        .route("/api/proposals/{id}/answer", post(proposals::answer))
        .route("/api/proposals/{id}/comments", get(proposals::comments).post(proposals::post_comment))
        .route("/api/proposals/{id}/export", get(proposals::export))
        .route("/api/comments/{id}", put(proposals::edit_comment))
        .route("/api/comments/{id}/delete", post(proposals::delete_comment))
        .route("/api/comments/{id}/hide", post(proposals::hide_comment))
        .route("/api/comments/{id}/react", post(proposals::react))
        .route("/api/decision-log", get(proposals::decision_log))
        .route("/api/decision-log/export", get(proposals::export_log))
        .route("/api/news", get(proposals::news))
        .route("/session/join", post(session::join))
        .route("/api", any(routes::api_not_found))
        .route("/api/{*rest}", any(routes::api_not_found))
        .fallback(assets::serve)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(CompressionLayer::new());
    // The WebSocket's handshake must not pass through compression.
    let app = Router::new()
        .route("/api/events", get(routes::events))
        .route("/api/session/events", get(session::events))
        .route("/yjs/{doc}", get(collab::document))
        .merge(compressed)
        .layer(middleware::from_fn_with_state(state.clone(), auth::link))
        .layer(middleware::from_fn_with_state(state.clone(), auth::guard))
        .layer(middleware::from_fn_with_state(state.clone(), auth::cors))
        .layer(middleware::from_fn_with_state(state.clone(), auth::host))
        .layer(CatchPanicLayer::custom(panicked))
        .layer(middleware::from_fn(headers))
        .with_state(state.clone());
    (app, state.network)
}

/// Serves on `listener` until `shutdown` completes, then lets open requests finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    api: Arc<Api>,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // A workspace open read-only beside its writer follows the writer's changes.
    Api::follow(&api, FOLLOW_EVERY);
    let (app, network) = router_with(api, config);
    network.started(listener.local_addr()?, app.clone());
    let service = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    let served = axum::serve(no_delay(listener), service).with_graceful_shutdown(shutdown).await;
    network.stopped();
    served
}

/// Accepted connections send small messages (a keystroke, a cursor) at once rather than waiting
/// for more to fill a packet.
pub(crate) fn no_delay(
    listener: tokio::net::TcpListener,
) -> axum::serve::TapIo<tokio::net::TcpListener, fn(&mut tokio::net::TcpStream)> {
    use axum::serve::ListenerExt;
    fn tap(stream: &mut tokio::net::TcpStream) {
        let _ = stream.set_nodelay(true);
    }
    listener.tap_io(tap as fn(&mut tokio::net::TcpStream))
}

/// Completes on Ctrl+C or, on Unix, SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        // If the handler cannot be installed, only SIGTERM stops the server.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}

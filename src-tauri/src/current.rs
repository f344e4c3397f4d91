//! The workspace open in the window. Opening another one swaps the [`Api`] behind a lock; the
//! commands take a clone of the `Arc` and never hold the lock while they work, so a slow call
//! (a large chart) never blocks the menu.
//!
//! Each opened workspace gets a thread that forwards the API's events to the window as
//! `kader://change`. It ends when its workspace is replaced (the API's sender is dropped), and a
//! generation number keeps a replaced workspace's late events from reaching the window.

use kader_api::{Api, ApiError, Event};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tauri::{AppHandle, Emitter, Runtime};
use tokio::sync::broadcast::error::RecvError;

/// The event the UI listens to; its payload is the API's [`Event`] JSON.
pub const CHANGE_EVENT: &str = "kader://change";

#[derive(Default)]
pub struct Current {
    open: Mutex<Option<Open>>,
    generation: Arc<AtomicU64>,
}

struct Open {
    api: Arc<Api>,
    path: PathBuf,
    server: Option<Embedded>,
}

/// The workspace's own server on loopback: what the vision editor connects to and what
/// participants of a session join (the facilitator may open it to the network). Its token is
/// random per opening and known only to this window.
struct Embedded {
    base: String,
    token: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for Embedded {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Where the window reaches its workspace's server, and the token for it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Endpoint {
    pub base: String,
    pub token: String,
}

/// The origins of the desktop window's pages (Linux and macOS, Windows).
const WINDOW_ORIGINS: [&str; 2] = ["tauri://localhost", "http://tauri.localhost"];

fn start_server(api: &Arc<Api>) -> Result<Embedded, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let token = kader_server::Token::random().map_err(|e| e.to_string())?;
    let mut config = kader_server::Config::new(token.clone());
    config.actor = crate::commands::actor();
    config.allowed_origins = WINDOW_ORIGINS.iter().map(|o| (*o).to_owned()).collect();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let api = api.clone();
    tauri::async_runtime::spawn(async move {
        let listener = match tokio::net::TcpListener::from_std(listener) {
            Ok(l) => l,
            Err(e) => return eprintln!("kader: the workspace server could not start: {e}"),
        };
        let shutdown = async {
            let _ = stopped.await;
        };
        if let Err(e) = kader_server::serve(listener, api, config, shutdown).await {
            eprintln!("kader: the workspace server stopped: {e}");
        }
    });
    Ok(Embedded { base: format!("http://{addr}"), token: token.as_str().to_owned(), stop: Some(stop) })
}

impl Current {
    /// The open workspace's API, or an error that tells the user what to do.
    pub fn api(&self) -> Result<Arc<Api>, ApiError> {
        self.lock()
            .as_ref()
            .map(|o| o.api.clone())
            .ok_or_else(|| ApiError::not_found("No workspace is open: choose File ▸ Open or File ▸ New."))
    }

    /// The open workspace's server (for the vision and sessions).
    pub fn endpoint(&self) -> Result<Endpoint, ApiError> {
        let guard = self.lock();
        let open = guard
            .as_ref()
            .ok_or_else(|| ApiError::not_found("No workspace is open: choose File ▸ Open or File ▸ New."))?;
        let server = open.server.as_ref().ok_or_else(|| {
            ApiError::internal(
                "the workspace's server could not start, so co-editing and sessions are unavailable",
            )
        })?;
        Ok(Endpoint { base: server.base.clone(), token: server.token.clone() })
    }

    pub fn path(&self) -> Option<PathBuf> {
        self.lock().as_ref().map(|o| o.path.clone())
    }

    /// Opens the workspace at `path` and makes it the current one, forwarding its events to the
    /// window. The previous workspace is closed once no call is using it any more.
    /// A workspace that another Kader edits (another window, `kader serve`) opens read-only: the
    /// window shows who has it open and follows that Kader's changes.
    pub fn open<R: Runtime>(&self, app: &AppHandle<R>, path: &Path) -> Result<(), ApiError> {
        if self.path().is_some_and(|open| same_file(&open, path)) {
            // Already open here: opening it again would find its lock held by this very window.
            return Ok(());
        }
        let api = match Api::open_as(path, kader::store::lock::APP_DESKTOP) {
            Ok(api) => api,
            Err(e) if e.code == kader_api::Code::Locked => Api::open_read_only(path)?,
            Err(e) => return Err(e),
        };
        let api = Arc::new(api);
        Api::follow(&api, FOLLOW_EVERY);
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        forward_events(app.clone(), &api, generation, self.generation.clone());
        let server = start_server(&api)
            .map_err(|e| eprintln!("kader: the workspace server could not start: {e}"))
            .ok();
        // Replacing the previous workspace drops its server, which stops it.
        *self.lock() = Some(Open { api, path: path.to_owned(), server });
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Open>> {
        // The guarded value is a pair of handles, always consistent: a poisoned lock is usable.
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// How often a read-only window reads the changes of the Kader that edits its workspace.
const FOLLOW_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// A thread that sends every event of `api` to the window while `generation` is current.
fn forward_events<R: Runtime>(app: AppHandle<R>, api: &Arc<Api>, generation: u64, current: Arc<AtomicU64>) {
    let mut rx = api.subscribe();
    // Weak: the thread must not keep a replaced workspace open.
    let weak = Arc::downgrade(api);
    let spawned =
        std::thread::Builder::new().name(format!("kader-events-{generation}")).spawn(move || loop {
            let event = match rx.blocking_recv() {
                Ok(event) => event,
                // Events were dropped: tell the window to re-read everything, as after an import.
                Err(RecvError::Lagged(_)) => Arc::new(Event {
                    seq: weak.upgrade().and_then(|api| api.workspace_info().ok()).map_or(0, |i| i.seq),
                    actor: String::new(),
                    kind: kader::store::ChangeKind::Do,
                    op: None,
                    summary: "reload".into(),
                    proposal: None,
                }),
                Err(RecvError::Closed) => return,
            };
            if current.load(Ordering::SeqCst) != generation {
                return;
            }
            if let Err(e) = app.emit(CHANGE_EVENT, &*event) {
                eprintln!("kader: could not send a change to the window: {e}");
            }
        });
    if let Err(e) = spawned {
        eprintln!("kader: could not start the event thread, the window will not see live changes: {e}");
    }
}

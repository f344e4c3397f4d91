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
}

impl Current {
    /// The open workspace's API, or an error that tells the user what to do.
    pub fn api(&self) -> Result<Arc<Api>, ApiError> {
        self.lock()
            .as_ref()
            .map(|o| o.api.clone())
            .ok_or_else(|| ApiError::not_found("No workspace is open: choose File ▸ Open or File ▸ New."))
    }

    pub fn path(&self) -> Option<PathBuf> {
        self.lock().as_ref().map(|o| o.path.clone())
    }

    /// Opens the workspace at `path` and makes it the current one, forwarding its events to the
    /// window. The previous workspace is closed once no call is using it any more.
    pub fn open<R: Runtime>(&self, app: &AppHandle<R>, path: &Path) -> Result<(), ApiError> {
        let api = Arc::new(Api::open(path)?);
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        forward_events(app.clone(), &api, generation, self.generation.clone());
        *self.lock() = Some(Open { api, path: path.to_owned() });
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Open>> {
        // The guarded value is a pair of handles, always consistent: a poisoned lock is usable.
        self.open.lock().unwrap_or_else(|p| p.into_inner())
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

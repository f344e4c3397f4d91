//! The API surface of Kader for the desktop window (Tauri commands) and the browser (`kader serve`):
//! every function is written once here as plain Rust over an open workspace, and wrapped in a few
//! lines by each adapter. This crate knows nothing of HTTP, WebSockets or Tauri; `docs/api.md` is
//! its contract.
//!
//! [`Api`] owns the open [`Workspace`] behind a mutex: calls from many threads are serialized, and
//! every change goes through [`Workspace::apply`]. After each change, an [`Event`] is sent to every
//! subscriber. Time is read here, at the boundary (see [`Api::with_clock`]), never in the engine.

pub mod chart;
pub mod collab;
pub mod details;
pub mod error;
pub mod event;
pub mod info;
pub mod json;
pub mod lens;
pub mod plan;
pub mod proposals;
pub mod search;
pub mod session;
pub mod ts;

pub use chart::{Chart, ChartPerson, ChartRole, ChartTeam, UnplacedPerson};
pub use details::{Brief, Filler, Member, PersonDetails, RoleDetails, TeamDetails};
pub use error::{ApiError, Code};
pub use event::Event;
pub use info::{TeamWord, WorkspaceInfo};
pub use lens::{Board, LensView};
pub use plan::{RemovalPlan, RemoveRoleRequest};
pub use search::{HitKind, SearchHit};

use kader::date::Timestamp;
use kader::id::{PersonId, RoleId, TeamId, V7Ids};
use kader::import::decisions::{self, DecisionsReport};
use kader::import::hris::{self, HrisOptions};
use kader::import::sync::{self, ImportReport};
use kader::lens::{Lens, LineReport};
use kader::model::LevelNote;
use kader::op::Op;
use kader::{Change, Ctx, Effect, Workspace};
use search::SearchIndex;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::broadcast;

/// Where the team word is kept in the workspace's `meta` table (as JSON).
const TEAM_WORD_KEY: &str = "team_word";
/// Events a subscriber may fall behind by before it is told it lagged (and must reload).
const EVENT_BUFFER: usize = 1024;
/// Most search hits returned, whatever the caller asks.
pub const MAX_SEARCH_LIMIT: usize = 200;

/// An open workspace and the functions the UI calls on it. Share it as `Arc<Api>`.
pub struct Api {
    state: Mutex<State>,
    /// The co-edited documents of this workspace.
    hub: Arc<collab::Hub>,
    /// The workshop session, when one runs.
    sessions: Arc<session::Sessions>,
    events: broadcast::Sender<Arc<Event>>,
    clock: fn() -> Timestamp,
}

struct State {
    ws: Workspace,
    /// The newest change in the file.
    seq: i64,
    /// Built on the first search after a change.
    search: Option<SearchIndex>,
    /// The hierarchy lens, built on first use and then kept up to date change by change.
    lens: Option<Lens>,
    /// A call panicked while holding the workspace: re-read it from the file before the next call.
    suspect: bool,
}

impl Api {
    /// Opens the workspace file at `path` for writing. Another Kader holding it is refused with
    /// [`Code::Locked`]; see [`Api::open_read_only`].
    pub fn open(path: impl AsRef<Path>) -> Result<Api, ApiError> {
        Api::new(Workspace::open(path)?)
    }

    /// [`Api::open`], recording `app` ("kader serve", "Kader desktop") as the holder of the
    /// workspace's lock, since now.
    pub fn open_as(path: impl AsRef<Path>, app: &str) -> Result<Api, ApiError> {
        let holder = kader::store::lock::Holder::this_process(app, Timestamp::now());
        Api::new(Workspace::open_as(path, &holder)?)
    }

    /// Opens the workspace read-only, beside the Kader that edits it: every change is refused
    /// with [`Code::ReadOnly`]; [`Api::refresh`] follows the writer's changes and announces them
    /// as events like any other.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Api, ApiError> {
        Api::new(Workspace::open_read_only(path)?)
    }

    /// Takes over an open workspace.
    pub fn new(ws: Workspace) -> Result<Api, ApiError> {
        let seq = newest_seq(&ws)?;
        let (events, _) = broadcast::channel(EVENT_BUFFER);
        let writable = ws.read_only().is_none();
        let hub =
            Arc::new(if writable { collab::Hub::new(ws.path()) } else { collab::Hub::read_only(ws.path()) });
        Ok(Api {
            hub,
            // A read-only workspace keeps its session in memory only: the file is the writer's.
            sessions: Arc::new(if writable {
                session::Sessions::persistent(ws.path()).unwrap_or_default()
            } else {
                session::Sessions::default()
            }),
            state: Mutex::new(State { ws, seq, search: None, lens: None, suspect: false }),
            events,
            clock: Timestamp::now,
        })
    }

    /// The co-edited documents (the vision) of this workspace.
    pub fn hub(&self) -> Arc<collab::Hub> {
        self.hub.clone()
    }

    /// The workshop session of this workspace.
    pub fn sessions(&self) -> Arc<session::Sessions> {
        self.sessions.clone()
    }

    /// The time as this API reads it (milliseconds since the epoch).
    pub fn now(&self) -> Timestamp {
        (self.clock)()
    }

    /// Records the level agreed in delegation poker for `team` and `domain`, noted with `why`: as
    /// its desired level (keeping the current one), or, when it `applies` now, as its current
    /// level (keeping the desired one).
    pub fn record_level(
        &self,
        domain: kader::id::DomainId,
        team: TeamId,
        level: kader::model::Level,
        applies: session::Applies,
        actor: &str,
        why: String,
    ) -> Result<i64, ApiError> {
        let (current, desired) = {
            let state = self.lock()?;
            let org = state.ws.org();
            let d = org
                .domain(domain)
                .ok_or_else(|| ApiError::not_found(format!("decision domain {domain} does not exist")))?;
            if org.team(team).is_none() {
                return Err(ApiError::not_found(format!("team {team} does not exist")));
            }
            let entry = d.delegations.iter().find(|e| e.subject == kader::model::Unit::Team(team));
            let (current, desired) = entry.map_or((None, None), |e| (e.current, e.desired));
            match applies {
                session::Applies::Desired => (current, Some(level)),
                session::Applies::Now => (Some(level), desired),
            }
        };
        let note = LevelNote { by: actor.to_owned(), at: self.now(), why };
        let op = Op::SetDelegation {
            domain,
            subject: kader::model::Unit::Team(team),
            current,
            desired,
            note: Some(note),
        };
        self.apply(op, actor)
    }

    /// Uses `clock` for the time of changes instead of the system clock (for tests).
    pub fn with_clock(mut self, clock: fn() -> Timestamp) -> Api {
        self.clock = clock;
        self
    }

    /// Closes the workspace file. Subscribers' receivers end once the last clone of the sender is
    /// gone, which is now.
    pub fn close(self) -> Result<(), ApiError> {
        let state = self.state.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
        state.ws.close()?;
        Ok(())
    }

    /// The workspace, re-read from its file if a call panicked while holding it: the file is the
    /// truth, and the in-memory state may be half-changed.
    fn lock(&self) -> Result<MutexGuard<'_, State>, ApiError> {
        let mut state = self.state.lock().unwrap_or_else(|poisoned| {
            self.state.clear_poison();
            let mut state = poisoned.into_inner();
            state.suspect = true;
            state
        });
        if state.suspect {
            // In place: the workspace keeps its lock (a second open would find it held).
            state.ws.reload().map_err(|e| {
                ApiError::internal(format!("the workspace could not be re-read after an internal error: {e}"))
            })?;
            state.seq = newest_seq(&state.ws)?;
            state.search = None;
            state.lens = None;
            state.suspect = false;
        }
        Ok(state)
    }

    fn ctx(&self, actor: &str) -> Ctx {
        Ctx::new(actor, (self.clock)())
    }

    pub fn workspace_info(&self) -> Result<WorkspaceInfo, ApiError> {
        info(&*self.lock()?)
    }

    pub fn chart(&self) -> Result<Chart, ApiError> {
        let state = self.lock()?;
        Ok(chart::build(state.ws.org(), state.seq))
    }

    pub fn role(&self, id: RoleId) -> Result<RoleDetails, ApiError> {
        details::role(self.lock()?.ws.org(), id)
    }

    pub fn person(&self, id: PersonId) -> Result<PersonDetails, ApiError> {
        details::person(self.lock()?.ws.org(), id)
    }

    pub fn team(&self, id: TeamId) -> Result<TeamDetails, ApiError> {
        details::team(self.lock()?.ws.org(), id)
    }

    /// People, roles and teams whose name (or employee id) contains every word of `query`,
    /// ignoring accents and case; at most `limit` (capped at [`MAX_SEARCH_LIMIT`]).
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, ApiError> {
        let mut state = self.lock()?;
        let state = &mut *state;
        if state.search.as_ref().is_none_or(|s| s.seq != state.seq) {
            state.search = Some(SearchIndex::build(state.ws.org(), state.seq));
        }
        let index = state.search.as_ref().expect("the index was just built");
        Ok(index.search(state.ws.org(), query, limit.min(MAX_SEARCH_LIMIT)))
    }

    /// Plans the removal of a role (see [`kader::plan`]): where its reports go, who stays without
    /// a role, who leaves, and the one operation that does it. Changes nothing: send the plan's
    /// `op` to [`Api::apply`].
    pub fn plan_remove_role(&self, request: &RemoveRoleRequest) -> Result<RemovalPlan, ApiError> {
        plan::remove_role(self.lock()?.ws.org(), request)
    }

    /// Validates, applies, writes and announces `op`; returns the seq of the new change. Every
    /// delegation level set through the API is recorded with the actor and the time, whatever a
    /// client put in the note; the client's `why` is kept.
    pub fn apply(&self, op: Op, actor: &str) -> Result<i64, ApiError> {
        let ctx = self.ctx(actor);
        let op = noted(op, &ctx);
        let mut state = self.lock()?;
        let change = state.ws.apply(op, &ctx)?;
        Ok(self.announce(&mut state, &change))
    }

    /// The delegation board: every domain with its entries and level history, every team.
    pub fn board(&self) -> Result<Board, ApiError> {
        let state = self.lock()?;
        Ok(lens::board(state.ws.org(), state.seq))
    }

    /// The hierarchy lens: every line's class and the organization-wide figures.
    pub fn lens(&self) -> Result<LensView, ApiError> {
        let mut state = self.lock()?;
        let state = &mut *state;
        let org = state.ws.org();
        let lens = state.lens.get_or_insert_with(|| Lens::build(org));
        let (layers, span_of_control) = kader::analyze::layers_and_span(org);
        Ok(LensView {
            seq: state.seq,
            layers,
            span_of_control,
            figures: lens.figures(org),
            classes: lens.classes().collect(),
        })
    }

    /// The reporting line from `role` up to its manager, with its reasons.
    pub fn line(&self, role: RoleId) -> Result<LineReport, ApiError> {
        let mut state = self.lock()?;
        let state = &mut *state;
        let org = state.ws.org();
        if org.role(role).is_none() {
            return Err(ApiError::not_found(format!(
                "there is no role with id {role}; it may have been removed: reload the chart"
            )));
        }
        let lens = state.lens.get_or_insert_with(|| Lens::build(org));
        lens.line(org, role).ok_or_else(|| {
            ApiError::not_found(format!("role {role} is at the top: it has no reporting line"))
        })
    }

    /// Reverts the newest change that is not undone; `None` when there is nothing to undo.
    pub fn undo(&self, actor: &str) -> Result<Option<i64>, ApiError> {
        let mut state = self.lock()?;
        let change = state.ws.undo(&self.ctx(actor))?;
        Ok(change.map(|c| self.announce(&mut state, &c)))
    }

    /// Re-applies the most recently undone change; `None` when there is nothing to redo.
    pub fn redo(&self, actor: &str) -> Result<Option<i64>, ApiError> {
        let mut state = self.lock()?;
        let change = state.ws.redo(&self.ctx(actor))?;
        Ok(change.map(|c| self.announce(&mut state, &c)))
    }

    /// Whether this API only follows a workspace that another process edits (see
    /// [`Api::open_read_only`]); the adapters then call [`Api::refresh`] periodically.
    pub fn is_follower(&self) -> Result<bool, ApiError> {
        let state = self.lock()?;
        Ok(!state.ws.is_writer() && state.ws.read_only().is_some())
    }

    /// Follows the writer: reads the changes another process wrote to the file since the last
    /// refresh and announces each as an [`Event`], in order (the lens and search follow too).
    /// Returns how many there were; always 0 for the writer itself.
    pub fn refresh(&self) -> Result<usize, ApiError> {
        let mut state = self.lock()?;
        if state.ws.is_writer() {
            return Ok(0);
        }
        let changes = state.ws.refresh()?;
        for change in &changes {
            self.announce(&mut state, change);
        }
        Ok(changes.len())
    }

    /// For a follower ([`Api::is_follower`]): a thread that calls [`Api::refresh`] every
    /// `every`, so the chart of a read-only window follows the writer; it ends when the API is
    /// dropped. Nothing for a writer.
    pub fn follow(api: &Arc<Api>, every: std::time::Duration) {
        if !api.is_follower().unwrap_or(false) {
            return;
        }
        let weak = Arc::downgrade(api);
        let spawned = std::thread::Builder::new().name("kader-follow".into()).spawn(move || loop {
            std::thread::sleep(every);
            let Some(api) = weak.upgrade() else { return };
            if let Err(e) = api.refresh() {
                eprintln!("kader: could not read the changes of the Kader that edits the workspace: {e}");
            }
        });
        if let Err(e) = spawned {
            eprintln!("kader: could not start following the workspace's changes: {e}");
        }
    }

    /// Records the change and tells every subscriber, still under the lock, so events go out in
    /// the order of their seq.
    fn announce(&self, state: &mut State, change: &Change) -> i64 {
        state.seq = change.seq;
        if let Some(lens) = state.lens.as_mut() {
            match &change.effect {
                Effect::Op(op) => lens.update(state.ws.org(), op),
                Effect::Replaced => *lens = Lens::build(state.ws.org()),
            }
        }
        // No subscriber is not an error.
        let _ = self.events.send(Arc::new(Event::from(change)));
        change.seq
    }

    /// Sets the workspace's word for a team; returns the updated workspace info.
    pub fn set_team_word(&self, word: TeamWord) -> Result<WorkspaceInfo, ApiError> {
        let word = word.validated()?;
        let mut state = self.lock()?;
        let json = serde_json::to_string(&word).expect("a team word serializes");
        state.ws.set_meta(TEAM_WORD_KEY, &json)?;
        info(&state)
    }

    /// Imports an HR export (CSV bytes in any of the dialects `kader import` reads): builds the
    /// organization, or updates it by employee id. One change, one undo. A refused export names
    /// every problem with its line and leaves the workspace as it was.
    pub fn import_csv(
        &self,
        bytes: &[u8],
        options: &HrisOptions,
        actor: &str,
    ) -> Result<ImportReport, ApiError> {
        let table = hris::parse(bytes, options).map_err(|e| ApiError::invalid(e.to_string()))?;
        let mut state = self.lock()?;
        if let Some(reason) = state.ws.read_only() {
            // Refuse before planning, which takes a while on a large export.
            let path = state.ws.path().display().to_string();
            return Err(kader::Error::ReadOnly { path, reason: reason.to_owned() }.into());
        }
        let (op, report) = sync::plan(state.ws.org(), table, &mut V7Ids::new());
        if !report.is_noop() {
            let change = state.ws.apply(op, &self.ctx(actor))?;
            self.announce(&mut state, &change);
        }
        Ok(report)
    }

    /// Imports a decision matrix (CSV bytes in English or Dutch, as `kader decisions import`
    /// reads them; `name` is the file's name, recorded as why the levels changed): one change,
    /// one undo. A refused matrix names every problem with its line and changes nothing.
    pub fn import_decisions(
        &self,
        bytes: &[u8],
        name: &str,
        actor: &str,
    ) -> Result<DecisionsReport, ApiError> {
        let ctx = self.ctx(actor);
        let mut state = self.lock()?;
        if let Some(reason) = state.ws.read_only() {
            let path = state.ws.path().display().to_string();
            return Err(kader::Error::ReadOnly { path, reason: reason.to_owned() }.into());
        }
        let note = LevelNote { by: ctx.actor.clone(), at: ctx.at, why: format!("imported from {name}") };
        let (op, report) = decisions::import(state.ws.org(), bytes, &mut V7Ids::new(), note, name)
            .map_err(|e| ApiError::invalid(e.to_string()))?;
        if report.entries_set > 0 || !report.domains_created.is_empty() || !report.domains_updated.is_empty()
        {
            let change = state.ws.apply(op, &ctx)?;
            self.announce(&mut state, &change);
        }
        Ok(report)
    }

    /// The decision matrix as CSV: English (`,`) or Dutch (`;`, for Excel in Flanders).
    pub fn export_decisions(&self, dutch: bool) -> Result<String, ApiError> {
        let lang = if dutch { decisions::Lang::Nl } else { decisions::Lang::En };
        Ok(decisions::export(self.lock()?.ws.org(), lang))
    }

    /// Receives an [`Event`] after every change from now on. A receiver that falls more than 1024
    /// events behind gets `RecvError::Lagged`: it should reload the chart.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Event>> {
        self.events.subscribe()
    }
}

/// `op` with every delegation level change noted as made by the context's actor, now.
fn noted(op: Op, ctx: &Ctx) -> Op {
    match op {
        Op::SetDelegation { domain, subject, current, desired, note } => Op::SetDelegation {
            domain,
            subject,
            current,
            desired,
            note: Some(LevelNote {
                by: ctx.actor.clone(),
                at: ctx.at,
                why: note.map(|n| n.why.trim().to_owned()).unwrap_or_default(),
            }),
        },
        Op::Batch { label, ops } => {
            Op::Batch { label, ops: ops.into_iter().map(|op| noted(op, ctx)).collect() }
        }
        op => op,
    }
}

fn newest_seq(ws: &Workspace) -> Result<i64, ApiError> {
    Ok(ws.history(1)?.first().map_or(0, |e| e.seq))
}

fn info(state: &State) -> Result<WorkspaceInfo, ApiError> {
    let ws = &state.ws;
    let team_word = ws
        .meta(TEAM_WORD_KEY)?
        .and_then(|json| serde_json::from_str::<TeamWord>(&json).ok())
        .unwrap_or_default();
    let (people, roles, teams) = ws.org().counts();
    Ok(WorkspaceInfo {
        path: ws.path().display().to_string(),
        name: ws.path().file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
        read_only: ws.read_only().map(str::to_owned),
        locked_by: ws.writer().cloned(),
        team_word,
        seq: state.seq,
        people,
        roles,
        teams,
    })
}

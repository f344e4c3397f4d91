//! A workspace: one organization held in memory and in its `*.kader` file. [`Workspace::apply`] is
//! the one place where a change is validated, applied, written with its change-log entry in one
//! SQLite transaction, and broadcast to subscribers.

use crate::date::Timestamp;
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::op::Op;
use crate::org::Org;
use crate::store::lock::{self, Holder, LockFailure, WriterLock};
use crate::store::{self, codec, ChangeKind, LogEntry, NewEntry, Payload};
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;

/// Who makes a change and when; passed in so the engine never reads the clock.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub actor: String,
    pub at: Timestamp,
}

impl Ctx {
    pub fn new(actor: impl Into<String>, at: Timestamp) -> Ctx {
        Ctx { actor: actor.into(), at }
    }
}

/// What a change did to the organization.
#[derive(Clone, Debug)]
pub enum Effect {
    /// This operation was applied (for an undo: the inverse of the undone change).
    Op(Op),
    /// A bulk change (an import, a restore, or the undo or redo of one) replaced much or all of
    /// the organization: read it again rather than patching.
    Replaced,
}

/// An acknowledged change: it is in the workspace file.
#[derive(Clone, Debug)]
pub struct Change {
    pub seq: i64,
    pub at: Timestamp,
    pub actor: String,
    pub kind: ChangeKind,
    pub effect: Effect,
    pub summary: String,
}

/// Changes with more leaf operations than this are stored as before/after snapshots.
const BULK: usize = 2_000;
/// A snapshot is written after this many changes, so opening replays at most this many.
const SNAPSHOT_EVERY: usize = 500;

pub struct Workspace {
    path: PathBuf,
    conn: Connection,
    org: Org,
    read_only: Option<String>,
    /// The exclusive lock of a workspace open for writing (see [`store::lock`]).
    lock: Option<WriterLock>,
    /// For a workspace opened read-only beside its writer: who that is, as last read.
    writer: Option<Holder>,
    subscribers: Vec<Sender<Arc<Change>>>,
    last_seq: i64,
    /// The newest snapshot and the seq it represents.
    snapshot: Option<(i64, i64)>,
    changes_since_snapshot: usize,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

impl Workspace {
    /// Creates a new, empty workspace file. Refuses to overwrite an existing file.
    pub fn create(path: impl AsRef<Path>, created: Timestamp) -> Result<Workspace> {
        Self::create_as(path, &Holder::this_process(lock::APP_DEFAULT, created))
    }

    /// [`Workspace::create`], recording `holder` as the workspace's writer.
    pub fn create_as(path: impl AsRef<Path>, holder: &Holder) -> Result<Workspace> {
        let path = path.as_ref();
        if path.exists() {
            return Err(Error::AlreadyExists { path: path.display().to_string() });
        }
        let (mut writer_lock, created_lock) = Self::lock(path)?;
        match Self::create_locked(path, holder.since) {
            Ok(mut ws) => {
                writer_lock.record(holder)?;
                ws.lock = Some(writer_lock);
                Ok(ws)
            }
            Err(e) => {
                Self::unlock_failed(path, writer_lock, created_lock);
                Err(e)
            }
        }
    }

    fn create_locked(path: &Path, created: Timestamp) -> Result<Workspace> {
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )?;
        // Before anything is written: snapshots of large organizations are megabytes, and fewer,
        // larger pages make writing and reading them markedly faster.
        conn.pragma_update(None, "page_size", 65536)?;
        store::configure(&conn)?;
        store::initialize(&mut conn, created)?;
        // Move the header (application id, schema version) from the WAL into the main file, so
        // that `open` recognizes the file by its first bytes even after a crash.
        store::checkpoint(&conn)?;
        Ok(Workspace {
            path: path.to_owned(),
            conn,
            org: Org::new(),
            read_only: None,
            lock: None,
            writer: None,
            subscribers: Vec::new(),
            last_seq: 0,
            snapshot: None,
            changes_since_snapshot: 0,
        })
    }

    /// Takes the workspace's exclusive lock, or says who holds it.
    fn lock(path: &Path) -> Result<(WriterLock, bool)> {
        match lock::acquire(path) {
            Ok(taken) => Ok(taken),
            Err(LockFailure::Held) => Err(Self::locked(path)),
            Err(LockFailure::Io(e)) => Err(Error::Io(std::io::Error::new(
                e.kind(),
                format!("could not lock {} for writing: {e}", lock::lock_path(path).display()),
            ))),
        }
    }

    /// Releases the lock of an open that failed, removing the lock file if this open created it,
    /// so that a file that is not a workspace gets no side file.
    fn unlock_failed(path: &Path, writer_lock: WriterLock, created: bool) {
        drop(writer_lock);
        if created {
            let _ = std::fs::remove_file(lock::lock_path(path));
        }
    }

    /// The refusal of a second writer, naming the recorded holder.
    fn locked(path: &Path) -> Error {
        Error::Locked { path: path.display().to_string(), holder: lock::holder(path) }
    }

    /// Opens an existing workspace for writing, taking its lock (recorded as held by
    /// [`lock::APP_DEFAULT`] since now). Files from an older Kader are migrated forward; files
    /// from a newer Kader open read-only; anything that is not a Kader workspace is refused
    /// unmodified; a workspace that another process holds open for writing is refused with
    /// [`Error::Locked`] (open it with [`Workspace::open_read_only`] instead).
    pub fn open(path: impl AsRef<Path>) -> Result<Workspace> {
        // The time the lock is taken is the one clock reading of the engine: it is a fact about
        // this process, never part of the organization or its history.
        Self::open_as(path, &Holder::this_process(lock::APP_DEFAULT, Timestamp::now()))
    }

    /// [`Workspace::open`], recording `holder` as the workspace's writer.
    pub fn open_as(path: impl AsRef<Path>, holder: &Holder) -> Result<Workspace> {
        let path = path.as_ref();
        let version = Self::check_header(path)?;
        if version > store::SCHEMA_VERSION {
            // Never written by this Kader: no lock needed.
            return Self::open_checked(path, version, false);
        }
        let (mut writer_lock, created) = Self::lock(path)?;
        match Self::open_checked(path, version, true) {
            Ok(mut ws) => {
                if ws.read_only.is_none() {
                    writer_lock.record(holder)?;
                    ws.lock = Some(writer_lock);
                }
                Ok(ws)
            }
            Err(e) => {
                Self::unlock_failed(path, writer_lock, created);
                Err(e)
            }
        }
    }

    /// Opens a workspace without its lock, read-only, beside the process that may be writing it
    /// (or none). Every change is refused with [`Error::ReadOnly`]; [`Workspace::refresh`] follows
    /// the writer's changes.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Workspace> {
        let path = path.as_ref();
        let shown = path.display().to_string();
        let version = Self::check_header(path)?;
        let damaged = |e: Error| Error::NotAWorkspace {
            path: shown.clone(),
            reason: format!("the file is damaged: {e}"),
        };
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        conn.busy_timeout(store::BUSY_TIMEOUT)?;
        let current = store::schema_version(&conn).map_err(damaged)?.max(version);
        let writer = lock::holder(path);
        let reason = if current > store::SCHEMA_VERSION {
            Self::newer(current)
        } else {
            Msg::ReadOnlyBesideWriter { holder: writer.as_ref().map(|h| Box::new(h.msg())) }.to_string()
        };
        let mut ws = Workspace {
            path: path.to_owned(),
            conn,
            org: Org::new(),
            read_only: Some(reason),
            lock: None,
            writer,
            subscribers: Vec::new(),
            last_seq: 0,
            snapshot: None,
            changes_since_snapshot: 0,
        };
        ws.load().map_err(damaged)?;
        Ok(ws)
    }

    fn newer(version: i32) -> String {
        format!(
            "it was written by a newer version of Kader (workspace format {version}; this version knows up to {}). Update Kader to edit it",
            store::SCHEMA_VERSION
        )
    }

    /// Opens a file whose header said `version`; `locked` is false for a file of a newer Kader
    /// (read-only), true when the caller holds the lock.
    fn open_checked(path: &Path, version: i32, locked: bool) -> Result<Workspace> {
        let shown = path.display().to_string();
        let damaged = |e: Error| Error::NotAWorkspace {
            path: shown.clone(),
            reason: format!("the file is damaged: {e}"),
        };

        let newer = Self::newer;
        let mut read_only = (!locked).then(|| newer(version));
        let conn = if read_only.is_some() {
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?
        } else {
            let mut conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
            store::configure(&conn).map_err(damaged)?;
            let current = store::schema_version(&conn).map_err(damaged)?;
            if current > store::SCHEMA_VERSION {
                // The header in the main file lagged behind the WAL: still a newer file.
                read_only = Some(newer(current));
                drop(conn);
                Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?
            } else {
                if current < store::SCHEMA_VERSION {
                    let tx = conn.transaction()?;
                    store::migrate_tx(&tx, current).map_err(damaged)?;
                    tx.commit()?;
                    store::checkpoint(&conn)?;
                }
                conn
            }
        };
        let mut ws = Workspace {
            path: path.to_owned(),
            conn,
            org: Org::new(),
            read_only,
            lock: None,
            writer: None,
            subscribers: Vec::new(),
            last_seq: 0,
            snapshot: None,
            changes_since_snapshot: 0,
        };
        ws.load().map_err(damaged)?;
        if ws.read_only.is_none() && ws.changes_since_snapshot >= SNAPSHOT_EVERY {
            ws.write_snapshot()?;
        }
        Ok(ws)
    }

    /// Checks, from its first bytes and without SQLite, that `path` is a Kader workspace; returns
    /// the schema version in its header. A foreign file is never modified.
    fn check_header(path: &Path) -> Result<i32> {
        let not_ws = |reason: String| Error::NotAWorkspace { path: path.display().to_string(), reason };
        // Inspect the header before SQLite touches the file, so a foreign file is never modified.
        let mut header = [0u8; 100];
        let mut f = std::fs::File::open(path)?;
        let mut read = 0;
        while read < header.len() {
            match f.read(&mut header[read..])? {
                0 => break,
                n => read += n,
            }
        }
        if read < 100 || &header[..16] != SQLITE_MAGIC {
            return Err(not_ws("it is not a SQLite database".into()));
        }
        let app_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
        if app_id != store::APPLICATION_ID {
            return Err(not_ws("it is a SQLite database, but not one written by Kader".into()));
        }
        Ok(i32::from_be_bytes([header[60], header[61], header[62], header[63]]))
    }

    /// The newest snapshot of a workspace file, when it is the file's current state (no change
    /// after it). Read-only; for fast whole-file reads such as analysis.
    pub fn current_snapshot(path: impl AsRef<Path>) -> Result<Option<Vec<u8>>> {
        let path = path.as_ref();
        Self::check_header(path)?;
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        if store::schema_version(&conn)? > store::SCHEMA_VERSION {
            return Ok(None);
        }
        let last = store::last_seq(&conn)?;
        Ok(match store::latest_snapshot(&conn)? {
            Some((_, seq, data)) if seq == last => Some(data),
            _ => None,
        })
    }

    /// Reads the newest snapshot and replays the changes after it.
    fn load(&mut self) -> Result<()> {
        let (mut org, from) = match store::latest_snapshot(&self.conn)? {
            Some((id, seq, data)) => {
                self.snapshot = Some((id, seq));
                (self.decode(&data)?, seq)
            }
            None => (Org::new(), 0),
        };
        let entries = store::applied_since(&self.conn, from)?;
        for (seq, payload) in &entries {
            match payload {
                Some(Payload::Op(json)) => {
                    let op: Op = serde_json::from_str(json)
                        .map_err(|e| Error::invalid(format!("change {seq} is unreadable: {e}")))?;
                    org.apply(&op)
                        .map_err(|e| Error::invalid(format!("change {seq} does not apply: {e}")))?;
                }
                Some(Payload::Snapshot(id)) => org = self.decode(&store::snapshot_data(&self.conn, *id)?)?,
                None => return Err(Error::invalid(format!("change {seq} records nothing"))),
            }
        }
        self.org = org;
        self.last_seq = store::last_seq(&self.conn)?;
        self.changes_since_snapshot = entries.len();
        Ok(())
    }

    fn decode(&self, data: &[u8]) -> Result<Org> {
        let snapshot = codec::decode(data).map_err(Error::Invalid)?;
        Org::from_snapshot(snapshot)
    }

    /// Writes a snapshot of the current state, so opening need not replay the log.
    fn write_snapshot(&mut self) -> Result<()> {
        let data = codec::encode(&self.org);
        let tx = self.conn.transaction()?;
        let id = store::insert_snapshot(&tx, self.last_seq, &data)?;
        store::prune_snapshots(&tx)?;
        tx.commit()?;
        self.snapshot = Some((id, self.last_seq));
        self.changes_since_snapshot = 0;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn org(&self) -> &Org {
        &self.org
    }

    /// `Some(reason)` when the workspace cannot be changed.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// For a workspace opened read-only: who holds it open for writing, as recorded in the file
    /// when it was last opened or refreshed (`None`: nobody recorded, or this workspace is the
    /// writer).
    pub fn writer(&self) -> Option<&Holder> {
        self.writer.as_ref()
    }

    /// Whether this workspace holds the file's lock (it is the one writer).
    pub fn is_writer(&self) -> bool {
        self.lock.is_some()
    }

    /// Re-reads the organization from the file (after an internal error left the one in memory
    /// in doubt), keeping the lock.
    pub fn reload(&mut self) -> Result<()> {
        self.load()
    }

    /// Follows the writer: reads the changes written to the file since this workspace last saw
    /// it (by another process), applies them in memory and announces them to subscribers, in
    /// order; returns them. Nothing new (and always, for the writer itself): an empty list. A
    /// log that does not continue what this workspace holds (the file was replaced) is read
    /// again whole and announced as one [`Effect::Replaced`].
    pub fn refresh(&mut self) -> Result<Vec<Arc<Change>>> {
        if self.lock.is_none() {
            self.writer = lock::holder(&self.path);
        }
        let newest = store::last_seq(&self.conn)?;
        if newest == self.last_seq {
            return Ok(Vec::new());
        }
        let mut diverged = newest < self.last_seq;
        let entries = if diverged { Vec::new() } else { store::changes_since(&self.conn, self.last_seq)? };
        let mut changes = Vec::with_capacity(entries.len());
        for e in entries {
            let effect = match e.payload {
                Some(Payload::Op(json)) => match serde_json::from_str::<Op>(&json) {
                    Ok(op) => match self.org.apply(&op) {
                        Ok(_) => Some(Effect::Op(op)),
                        Err(_) => None,
                    },
                    Err(_) => None,
                },
                Some(Payload::Snapshot(id)) => {
                    match store::snapshot_data(&self.conn, id).and_then(|data| self.decode(&data)) {
                        Ok(org) => {
                            self.org = org;
                            Some(Effect::Replaced)
                        }
                        Err(_) => None,
                    }
                }
                None => None,
            };
            let Some(effect) = effect else {
                // Not a continuation of what is in memory: read everything again.
                diverged = true;
                break;
            };
            self.last_seq = e.seq;
            self.changes_since_snapshot += 1;
            let change =
                Change { seq: e.seq, at: e.at, actor: e.actor, kind: e.kind, effect, summary: e.summary };
            changes.push(self.broadcast(change));
        }
        if diverged {
            let last = store::history(&self.conn, 1)?.into_iter().next();
            self.load()?;
            let (at, actor, kind) =
                last.map_or((Timestamp(0), String::new(), ChangeKind::Do), |l| (l.at, l.actor, l.kind));
            let change = Change {
                seq: self.last_seq,
                at,
                actor,
                kind,
                effect: Effect::Replaced,
                summary: "reload".into(),
            };
            changes.push(self.broadcast(change));
        }
        Ok(changes)
    }

    /// Receives every acknowledged change from now on.
    pub fn subscribe(&mut self) -> Receiver<Arc<Change>> {
        let (tx, rx) = channel();
        self.subscribers.push(tx);
        rx
    }

    fn writable(&self) -> Result<()> {
        match &self.read_only {
            Some(reason) => {
                Err(Error::ReadOnly { path: self.path.display().to_string(), reason: reason.clone() })
            }
            None => Ok(()),
        }
    }

    /// Validates, applies, persists and broadcasts one operation. When this returns `Ok`, the
    /// change is in the file; when it returns `Err`, neither the file nor the organization changed.
    pub fn apply(&mut self, op: Op, ctx: &Ctx) -> Result<Arc<Change>> {
        self.apply_with(op, ctx, |_, _| Ok(())).map(|(change, ())| change)
    }

    /// [`Workspace::apply`], with `also` writing records that belong to the change (a proposal's
    /// adoption and its decision-log entry) in the same transaction as its change-log entry, given
    /// the change's seq. If `also` fails, nothing is written and the organization is as before.
    pub(crate) fn apply_with<T>(
        &mut self,
        op: Op,
        ctx: &Ctx,
        also: impl FnOnce(&rusqlite::Transaction, i64) -> Result<T>,
    ) -> Result<(Arc<Change>, T)> {
        self.writable()?;
        let bulk = op.len() > BULK;
        // A bulk change is undone by restoring the state before it, which must be a snapshot.
        let before = match self.snapshot {
            Some((id, seq)) if bulk && seq == self.last_seq => Some(Ok(id)),
            _ if bulk => Some(Err(codec::encode(&self.org))),
            _ => None,
        };
        let summary = op.summary();
        let size = op.len();
        // A bulk operation is consumed rather than copied; subscribers are told to re-read.
        let (inverse, effect) = if bulk {
            (self.org.apply_owned(op)?, Effect::Replaced)
        } else {
            (self.org.apply(&op)?, Effect::Op(op))
        };
        let seq = self.last_seq + 1;
        let written = (|| {
            let tx = self.conn.transaction()?;
            let (payload, inverse_payload, after) = match before {
                Some(before) => {
                    let before_id = match before {
                        Ok(id) => id,
                        Err(data) => store::insert_snapshot(&tx, self.last_seq, &data)?,
                    };
                    let after_id = store::insert_snapshot(&tx, seq, &codec::encode(&self.org))?;
                    (Payload::Snapshot(after_id), Payload::Snapshot(before_id), Some(after_id))
                }
                None => {
                    let Effect::Op(op) = &effect else { unreachable!("small changes keep their operation") };
                    (
                        Payload::Op(serde_json::to_string(op).expect("operations serialize")),
                        Payload::Op(serde_json::to_string(&inverse).expect("operations serialize")),
                        None,
                    )
                }
            };
            let entry = NewEntry {
                seq,
                at: ctx.at,
                actor: &ctx.actor,
                kind: ChangeKind::Do,
                target: None,
                summary: &summary,
                size,
                op: payload,
                inverse: Some(inverse_payload),
            };
            store::append(&tx, &entry)?;
            let extra = also(&tx, seq)?;
            tx.commit()?;
            Ok((after, extra))
        })();
        let extra = match written {
            Ok((after, extra)) => {
                self.committed(seq, after);
                extra
            }
            Err(e) => {
                self.org.apply(&inverse).expect("the inverse of an applied operation applies");
                return Err(e);
            }
        };
        let change = self.broadcast(Change {
            seq,
            at: ctx.at,
            actor: ctx.actor.clone(),
            kind: ChangeKind::Do,
            effect,
            summary,
        });
        Ok((change, extra))
    }

    /// The workspace's connection, for reading records kept beside the organization
    /// (proposals, comments, the decision log).
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Writes records kept beside the organization in one transaction: all or nothing. They are
    /// not changes of the organization: not in its history, not undoable, not broadcast.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction) -> Result<T>) -> Result<T> {
        self.writable()?;
        let tx = self.conn.transaction()?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Bookkeeping after a change is committed; takes a snapshot now and then.
    fn committed(&mut self, seq: i64, snapshot: Option<i64>) {
        self.last_seq = seq;
        match snapshot {
            Some(id) => {
                self.snapshot = Some((id, seq));
                self.changes_since_snapshot = 0;
            }
            None => self.changes_since_snapshot += 1,
        }
        if self.changes_since_snapshot >= SNAPSHOT_EVERY {
            // Only an optimization of opening: if it fails, the log still holds everything.
            let _ = self.write_snapshot();
        }
    }

    fn broadcast(&mut self, change: Change) -> Arc<Change> {
        let change = Arc::new(change);
        self.subscribers.retain(|s| s.send(change.clone()).is_ok());
        change
    }

    /// Reverts the newest change that is not undone. `Ok(None)` when there is nothing to undo.
    pub fn undo(&mut self, ctx: &Ctx) -> Result<Option<Arc<Change>>> {
        self.writable()?;
        let Some((target, payload)) = store::last_active(&self.conn)? else {
            return Ok(None);
        };
        self.replay(payload, ctx, ChangeKind::Undo, target).map(Some)
    }

    /// Re-applies the most recently undone change. `Ok(None)` when there is nothing to redo.
    pub fn redo(&mut self, ctx: &Ctx) -> Result<Option<Arc<Change>>> {
        self.writable()?;
        let Some((target, payload)) = store::first_undone(&self.conn)? else {
            return Ok(None);
        };
        self.replay(payload, ctx, ChangeKind::Redo, target).map(Some)
    }

    fn replay(
        &mut self,
        payload: Option<Payload>,
        ctx: &Ctx,
        kind: ChangeKind,
        target: i64,
    ) -> Result<Arc<Change>> {
        let (verb, state) = if kind == ChangeKind::Undo { ("undo", "undone") } else { ("redo", "active") };
        let summary = format!("{verb} change {target}");
        let seq = self.last_seq + 1;
        // Apply in memory, remembering how to go back if writing fails.
        enum Back {
            Op(Op),
            Org(Box<Org>),
        }
        let (payload, effect, back, size) = match payload {
            Some(Payload::Op(json)) => {
                let op: Op = serde_json::from_str(&json)
                    .map_err(|e| Error::invalid(format!("change {target} cannot be {state}: {e}")))?;
                let inverse = self.org.apply(&op)?;
                let size = op.len();
                (Payload::Op(json), Effect::Op(op), Back::Op(inverse), size)
            }
            Some(Payload::Snapshot(id)) => {
                let org = self.decode(&store::snapshot_data(&self.conn, id)?)?;
                let old = std::mem::replace(&mut self.org, org);
                let size = self.org.graph().node_count() + self.org.graph().edge_count();
                (Payload::Snapshot(id), Effect::Replaced, Back::Org(Box::new(old)), size)
            }
            None => {
                return Err(Error::invalid(format!(
                    "change {target} cannot be {state}: the log records nothing to apply"
                )))
            }
        };
        let written = (|| {
            let tx = self.conn.transaction()?;
            store::set_state(&tx, target, state)?;
            let entry = NewEntry {
                seq,
                at: ctx.at,
                actor: &ctx.actor,
                kind,
                target: Some(target),
                summary: &summary,
                size,
                op: payload,
                inverse: None,
            };
            store::append(&tx, &entry)?;
            tx.commit()?;
            Ok(())
        })();
        if let Err(e) = written {
            match back {
                Back::Op(inverse) => {
                    self.org.apply(&inverse).expect("the inverse of an applied operation applies");
                }
                Back::Org(old) => self.org = *old,
            }
            return Err(e);
        }
        self.committed(seq, None);
        Ok(self.broadcast(Change { seq, at: ctx.at, actor: ctx.actor.clone(), kind, effect, summary }))
    }

    /// Closes the file (checkpointing its log into the main file) and hands back the
    /// organization.
    pub fn close(self) -> Result<Org> {
        let Workspace { conn, org, lock, .. } = self;
        conn.close().map_err(|(_, e)| Error::Storage(e))?;
        // The record is emptied and the lock released after the file is closed and its log
        // checkpointed.
        if let Some(mut lock) = lock {
            lock.clear();
        }
        Ok(org)
    }

    /// The newest `limit` history entries, newest first.
    pub fn history(&self, limit: usize) -> Result<Vec<LogEntry>> {
        store::history(&self.conn, limit)
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        store::meta_get(&self.conn, key)
    }

    /// Sets a workspace setting (a key of the `meta` table), durably. Settings are not changes of
    /// the organization: they are not in the history, not undoable and not broadcast.
    pub fn set_meta(&mut self, key: &str, value: &str) -> Result<()> {
        self.writable()?;
        let tx = self.conn.transaction()?;
        store::meta_set(&tx, key, value)?;
        tx.commit()?;
        Ok(())
    }
}

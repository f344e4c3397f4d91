//! The workspace file: one SQLite database per organization. This module owns the schema, its
//! forward migrations and every SQL statement; nothing else touches the database.
//!
//! Storage model: the organization is stored as **snapshots** (the compact encoding of
//! [`codec`]) plus the **change log**. Every acknowledged change appends one row to `change` in
//! its own transaction; the state of the organization is the newest snapshot with the changes
//! after it replayed. Small changes store their operation and its inverse as JSON; bulk changes
//! (a first import, a restore) store a snapshot of the state before and after instead, which is
//! smaller and much faster to write and to undo. Snapshots are taken from time to time so that
//! opening replays only a few changes.
//!
//! Invariant: replaying the log from the newest snapshot gives exactly the in-memory organization
//! after the last committed change.

pub mod codec;
pub mod lock;

use crate::date::Timestamp;
use crate::error::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// `KADR` in the SQLite header's application id field: how a Kader file is recognized.
pub const APPLICATION_ID: i32 = 0x4B41_4452;
/// The schema version this build writes. Older files are migrated forward when opened.
pub const SCHEMA_VERSION: i32 = 3;
/// The first schema version with co-edited documents (`doc_update`, see [`crate::docs`]).
pub const DOCS_SINCE: i32 = 2;
/// The first schema version with proposals, comments, consent rounds and the decision log (see
/// [`crate::proposals`]).
pub const PROPOSALS_SINCE: i32 = 3;

/// Forward migrations: `MIGRATIONS[i]` takes a file from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 0 → 1: the first schema.
    "
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    -- The organization as it was right after change `seq` (0: before any change).
    CREATE TABLE snapshot (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, data BLOB NOT NULL);
    CREATE INDEX snapshot_seq ON snapshot (seq);
    -- The append-only change log. kind: do | undo | redo. `op` (JSON) or `op_snapshot` is what
    -- was applied; for `do` entries, `inverse` or `inverse_snapshot` is what undoes it, and
    -- state is active | undone | dead (undone, then superseded by a new change, so no longer
    -- redoable). `target` is the `do` entry an undo or redo acted on.
    CREATE TABLE change (
        seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL,
        target INTEGER, state TEXT, summary TEXT NOT NULL, size INTEGER NOT NULL,
        op TEXT, op_snapshot INTEGER, inverse TEXT, inverse_snapshot INTEGER
    );
    CREATE INDEX change_state ON change (state) WHERE state IS NOT NULL;
    ",
    // 1 → 2: co-edited documents (the vision), each stored as its Yjs updates in order.
    "
    CREATE TABLE doc_update (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, data BLOB NOT NULL);
    CREATE INDEX doc_update_doc ON doc_update (doc, id);
    ",
    // 2 → 3: proposals, their consent rounds, comments and the decision log. Which tables may
    // hold a person and which never do is part of the schema: see `crate::proposals`.
    "
    -- A proposal. `proposed` is JSON (operations, or section texts); `salt` is the random key of
    -- the salted hashes that stand for participants (register, reactions): erased when the
    -- proposal closes, after which those hashes can no longer be recomputed.
    CREATE TABLE proposal (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, rationale TEXT NOT NULL,
        author_name TEXT NOT NULL, author_participant TEXT, goals TEXT NOT NULL,
        proposed TEXT NOT NULL, state TEXT NOT NULL, comments_until INTEGER,
        anonymous INTEGER NOT NULL, hidden_results INTEGER NOT NULL, salt BLOB,
        created INTEGER NOT NULL, updated INTEGER NOT NULL, closed INTEGER
    ) WITHOUT ROWID;
    -- Consent rounds, numbered from 1. `respondents` is filled in when the round closes.
    CREATE TABLE proposal_round (
        proposal TEXT NOT NULL, round INTEGER NOT NULL, opened INTEGER NOT NULL,
        until INTEGER NOT NULL, closed INTEGER, respondents INTEGER, amendment TEXT,
        PRIMARY KEY (proposal, round)
    ) WITHOUT ROWID;
    -- Lifecycle events (state changes), for what is new since a participant's last visit. Never
    -- an answer or a comment.
    CREATE TABLE proposal_event (
        id INTEGER PRIMARY KEY, proposal TEXT NOT NULL, at INTEGER NOT NULL, actor TEXT NOT NULL,
        kind TEXT NOT NULL, round INTEGER, note TEXT
    );
    CREATE INDEX proposal_event_at ON proposal_event (at);
    -- Who has answered a round: a salted hash per participant, no time, ordered by the hash.
    -- Deleted when the round closes (its count stays in proposal_round).
    CREATE TABLE respondent (
        proposal TEXT NOT NULL, round INTEGER NOT NULL, who BLOB NOT NULL,
        PRIMARY KEY (proposal, round, who)
    ) WITHOUT ROWID;
    -- The answers: random ids, no rowid, no time, no author. `team` only for teams of 5 and more.
    CREATE TABLE answer (
        id BLOB PRIMARY KEY, proposal TEXT NOT NULL, round INTEGER NOT NULL, kind TEXT NOT NULL,
        note TEXT, team TEXT, integration TEXT
    ) WITHOUT ROWID;
    -- Who gave an answer, for named proposals only: never written for an anonymous one.
    CREATE TABLE answer_author (
        answer BLOB PRIMARY KEY, participant TEXT NOT NULL, name TEXT NOT NULL, at INTEGER NOT NULL
    ) WITHOUT ROWID;
    -- Comments: random ids, no author column. `edit_key` is the hash of an anonymous author's
    -- random key; anonymous comments' times are kept to the minute.
    CREATE TABLE comment (
        id BLOB PRIMARY KEY, proposal TEXT NOT NULL, ordinal INTEGER NOT NULL, parent BLOB,
        anchor TEXT, body TEXT NOT NULL, created INTEGER NOT NULL, edited INTEGER,
        deleted INTEGER NOT NULL DEFAULT 0, hidden TEXT, edit_key BLOB
    ) WITHOUT ROWID;
    CREATE INDEX comment_proposal ON comment (proposal, ordinal);
    -- Who wrote a comment, for named proposals only.
    CREATE TABLE comment_author (
        comment BLOB PRIMARY KEY, participant TEXT NOT NULL, name TEXT NOT NULL
    ) WITHOUT ROWID;
    -- One reaction per participant (a salted hash) and key per comment.
    CREATE TABLE reaction (
        comment BLOB NOT NULL, key TEXT NOT NULL, who BLOB NOT NULL, PRIMARY KEY (comment, key, who)
    ) WITHOUT ROWID;
    -- The decision log: append-only.
    CREATE TABLE decision (
        id INTEGER PRIMARY KEY, proposal TEXT NOT NULL, at INTEGER NOT NULL, record TEXT NOT NULL
    );
    CREATE TRIGGER decision_append_only_update BEFORE UPDATE ON decision
        BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
    CREATE TRIGGER decision_append_only_delete BEFORE DELETE ON decision
        BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
    ",
];

/// How long a connection waits for another one's write before giving up.
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Sets connection pragmas for a writable workspace.
pub fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // NORMAL in WAL mode is durable against application crashes: a committed change survives.
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // Large pages (set at creation, 64 KiB) hold a bulk snapshot in few pages; checkpoint the log
    // into the main file every 256 pages (16 MiB) so it never grows large.
    conn.pragma_update(None, "wal_autocheckpoint", 256)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.set_prepared_statement_cache_capacity(32);
    Ok(())
}

/// Copies the WAL into the main file, so the file's header is current.
pub fn checkpoint(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

/// Creates the schema in an empty database.
pub fn initialize(conn: &mut Connection, created: Timestamp) -> Result<()> {
    let tx = conn.transaction()?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    migrate_tx(&tx, 0)?;
    tx.execute("INSERT INTO meta (key, value) VALUES ('created', ?1)", [created.to_string()])?;
    tx.commit()?;
    Ok(())
}

/// Runs the migrations from `from` up to [`SCHEMA_VERSION`] inside the transaction.
pub fn migrate_tx(tx: &Transaction, from: i32) -> Result<()> {
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i32 + 1)?;
    }
    Ok(())
}

pub fn schema_version(conn: &Connection) -> Result<i32> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// The newest snapshot: (id, seq, data).
pub fn latest_snapshot(conn: &Connection) -> Result<Option<(i64, i64, Vec<u8>)>> {
    Ok(conn
        .query_row("SELECT id, seq, data FROM snapshot ORDER BY seq DESC, id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?)
}

pub fn snapshot_data(conn: &Connection, id: i64) -> Result<Vec<u8>> {
    conn.query_row("SELECT data FROM snapshot WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::invalid(format!("snapshot {id} is missing from the workspace file")))
}

pub fn insert_snapshot(tx: &Transaction, seq: i64, data: &[u8]) -> Result<i64> {
    // Reserve the blob, then write it in place: binding it as a parameter would copy megabytes.
    tx.prepare_cached("INSERT INTO snapshot (seq, data) VALUES (?1, zeroblob(?2))")?
        .execute(params![seq, data.len() as i64])?;
    let id = tx.last_insert_rowid();
    let mut blob = tx.blob_open(rusqlite::DatabaseName::Main, "snapshot", "data", id, false)?;
    blob.write_at(data, 0)?;
    Ok(id)
}

/// Deletes snapshots that no change refers to, except the newest: they can never be read again.
pub fn prune_snapshots(tx: &Transaction) -> Result<()> {
    tx.execute(
        "DELETE FROM snapshot WHERE id NOT IN (SELECT op_snapshot FROM change WHERE op_snapshot IS NOT NULL)
           AND id NOT IN (SELECT inverse_snapshot FROM change WHERE inverse_snapshot IS NOT NULL)
           AND id <> (SELECT id FROM snapshot ORDER BY seq DESC, id DESC LIMIT 1)",
        [],
    )?;
    Ok(())
}

/// What a log entry applied, or what undoes it.
#[derive(Debug, Clone)]
pub enum Payload {
    /// An operation, as JSON.
    Op(String),
    /// The whole organization as stored in this snapshot.
    Snapshot(i64),
}

impl Payload {
    fn columns(p: Option<&Payload>) -> (Option<&str>, Option<i64>) {
        match p {
            Some(Payload::Op(j)) => (Some(j.as_str()), None),
            Some(Payload::Snapshot(id)) => (None, Some(*id)),
            None => (None, None),
        }
    }
    fn from_columns(json: Option<String>, snap: Option<i64>) -> Option<Payload> {
        match (json, snap) {
            (Some(j), _) => Some(Payload::Op(j)),
            (None, Some(id)) => Some(Payload::Snapshot(id)),
            (None, None) => None,
        }
    }
}

/// The kind of a change-log entry.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Do,
    Undo,
    Redo,
}

impl ChangeKind {
    fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Do => "do",
            ChangeKind::Undo => "undo",
            ChangeKind::Redo => "redo",
        }
    }
    fn parse(s: &str) -> Option<ChangeKind> {
        match s {
            "do" => Some(ChangeKind::Do),
            "undo" => Some(ChangeKind::Undo),
            "redo" => Some(ChangeKind::Redo),
            _ => None,
        }
    }
}

/// One line of history.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct LogEntry {
    pub seq: i64,
    pub at: Timestamp,
    pub actor: String,
    pub kind: ChangeKind,
    /// For undo and redo: the entry acted on.
    pub target: Option<i64>,
    pub summary: String,
    /// Leaf operations in the change.
    pub size: i64,
    /// For `do` entries: whether the change is currently undone.
    pub undone: bool,
}

pub struct NewEntry<'a> {
    pub seq: i64,
    pub at: Timestamp,
    pub actor: &'a str,
    pub kind: ChangeKind,
    pub target: Option<i64>,
    pub summary: &'a str,
    pub size: usize,
    pub op: Payload,
    pub inverse: Option<Payload>,
}

pub fn append(tx: &Transaction, e: &NewEntry) -> Result<i64> {
    if e.kind == ChangeKind::Do {
        // A new change makes undone changes unredoable.
        tx.prepare_cached("UPDATE change SET state = 'dead' WHERE state = 'undone'")?.execute([])?;
    }
    let state = (e.kind == ChangeKind::Do).then_some("active");
    let (op, op_snapshot) = Payload::columns(Some(&e.op));
    let (inverse, inverse_snapshot) = Payload::columns(e.inverse.as_ref());
    tx.prepare_cached(
        "INSERT INTO change (seq, at, actor, kind, target, state, summary, size, op, op_snapshot, inverse, inverse_snapshot)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        e.seq,
        e.at.0,
        e.actor,
        e.kind.as_str(),
        e.target,
        state,
        e.summary,
        e.size as i64,
        op,
        op_snapshot,
        inverse,
        inverse_snapshot
    ])?;
    Ok(tx.last_insert_rowid())
}

pub fn set_state(tx: &Transaction, seq: i64, state: &str) -> Result<()> {
    tx.prepare_cached("UPDATE change SET state = ?2 WHERE seq = ?1")?.execute(params![seq, state])?;
    Ok(())
}

/// The newest active change (what undo reverts): its seq and inverse.
pub fn last_active(conn: &Connection) -> Result<Option<(i64, Option<Payload>)>> {
    Ok(conn
        .query_row(
            "SELECT seq, inverse, inverse_snapshot FROM change WHERE state = 'active' ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, Payload::from_columns(r.get(1)?, r.get(2)?))),
        )
        .optional()?)
}

/// The oldest undone change (what redo re-applies): its seq and operation.
pub fn first_undone(conn: &Connection) -> Result<Option<(i64, Option<Payload>)>> {
    Ok(conn
        .query_row(
            "SELECT seq, op, op_snapshot FROM change WHERE state = 'undone' ORDER BY seq ASC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, Payload::from_columns(r.get(1)?, r.get(2)?))),
        )
        .optional()?)
}

/// What every change after `seq` applied, oldest first, for replay.
pub fn applied_since(conn: &Connection, seq: i64) -> Result<Vec<(i64, Option<Payload>)>> {
    let mut stmt = conn.prepare("SELECT seq, op, op_snapshot FROM change WHERE seq > ?1 ORDER BY seq")?;
    let rows = stmt.query_map([seq], |r| Ok((r.get(0)?, Payload::from_columns(r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn last_seq(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(max(seq), 0) FROM change", [], |r| r.get(0))?)
}

/// The newest `limit` entries, newest first.
pub fn history(conn: &Connection, limit: usize) -> Result<Vec<LogEntry>> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, kind, target, state, summary, size FROM change ORDER BY seq DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit as i64], |r| {
        let kind: String = r.get(3)?;
        let state: Option<String> = r.get(5)?;
        Ok(LogEntry {
            seq: r.get(0)?,
            at: Timestamp(r.get(1)?),
            actor: r.get(2)?,
            kind: ChangeKind::parse(&kind).unwrap_or(ChangeKind::Do),
            target: r.get(4)?,
            summary: r.get(6)?,
            size: r.get(7)?,
            undone: matches!(state.as_deref(), Some("undone" | "dead")),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn meta_get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

pub fn meta_set(tx: &Transaction, key: &str, value: &str) -> Result<()> {
    tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", [key, value])?;
    Ok(())
}

/// One change of the log, with what it applied: for following a writer.
pub struct Applied {
    pub seq: i64,
    pub at: Timestamp,
    pub actor: String,
    pub kind: ChangeKind,
    pub summary: String,
    pub payload: Option<Payload>,
}

/// Every change after `seq`, oldest first, with what it applied.
pub fn changes_since(conn: &Connection, seq: i64) -> Result<Vec<Applied>> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, kind, summary, op, op_snapshot FROM change WHERE seq > ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([seq], |r| {
        let kind: String = r.get(3)?;
        Ok(Applied {
            seq: r.get(0)?,
            at: Timestamp(r.get(1)?),
            actor: r.get(2)?,
            kind: ChangeKind::parse(&kind).unwrap_or(ChangeKind::Do),
            summary: r.get(4)?,
            payload: Payload::from_columns(r.get(5)?, r.get(6)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

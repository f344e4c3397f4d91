//! Specification of the Kader engine, seen from outside the crate: an organization changed only
//! through `Workspace::apply`, kept in one SQLite file with a change log, undo and redo.
//!
//! - `ops`: every operation applies, and every invalid one is refused with the right error,
//!   leaving the organization and the file as they were;
//! - `history`: undo, redo, the change log and change notifications;
//! - `file`: the workspace file refuses what is not a Kader workspace and survives reopening;
//! - `analysis`: figures of known shapes, from memory and from the file alike;
//! - `lens`: the hierarchy lens: its rule table and its incremental updates;
//! - `props`: random sequences of operations keep every invariant and undo exactly;
//! - `proposals`: proposals, comments and consent: the lifecycle, adoption, anonymity.
//!
//! Everything is deterministic: ids come from `SeqIds`, times are fixed `Timestamp`s and files
//! live in a fresh temporary directory per test.

mod analysis;
mod docs;
mod file;
mod history;
mod lens;
mod ops;
mod plan;
mod proposals;
mod props;

use kader::date::{Date, Timestamp};
use kader::id::{AccountabilityId, DomainId, IdSource, PersonId, RoleId, TeamId};
use kader::model::{
    Accountability, AccountabilityKind, DecisionDomain, Delegation, Fte, Level, NodeRef, Person, Role, Team,
    Unit,
};
use kader::{Change, Ctx, Effect, Op, Snapshot, Workspace};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// 2026-11-28T09:30:00Z, the moment every test change is made at (plus a few milliseconds).
pub const T0: Timestamp = Timestamp(1_795_858_200_000);

/// The author and time of a change.
pub fn ctx() -> Ctx {
    Ctx::new("facilitator", T0)
}

/// A change made `ms` milliseconds after [`T0`] by `actor`.
pub fn ctx_at(actor: &str, ms: i64) -> Ctx {
    Ctx::new(actor, Timestamp(T0.0 + ms))
}

/// A fresh temporary directory, in memory (`/dev/shm`) where the system has one: these tests
/// open and close hundreds of workspace files, and on a disk the fsync of each SQLite checkpoint
/// would make them ten times slower. Durability against power loss is not what they check.
pub fn tempdir() -> TempDir {
    let shm = Path::new("/dev/shm");
    let in_memory = if shm.is_dir() { TempDir::new_in(shm).ok() } else { None };
    in_memory.unwrap_or_else(|| TempDir::new().expect("a temporary directory can be created"))
}

/// The path of the workspace file inside a test directory.
pub fn file_in(dir: &TempDir) -> PathBuf {
    dir.path().join("org.kader")
}

/// A new, empty workspace in a fresh temporary directory (kept alive by the returned `TempDir`).
pub fn ws() -> (TempDir, Workspace) {
    let dir = tempdir();
    let ws =
        Workspace::create(file_in(&dir), T0).expect("a new workspace can be created in an empty directory");
    (dir, ws)
}

/// Opens the file again with a second, independent workspace (while the first may still be
/// open) and returns what it holds: the state that is on disk, not in memory.
pub fn on_disk(path: &Path) -> Snapshot {
    Workspace::open(path).expect("the workspace file opens again").org().snapshot()
}

/// Applies operations that must all succeed.
pub fn apply_all(ws: &mut Workspace, ops: impl IntoIterator<Item = Op>) {
    for op in ops {
        let summary = op.summary();
        ws.apply(op, &ctx()).unwrap_or_else(|e| panic!("{summary:?} must apply, but: {e}"));
    }
}

pub fn person(ids: &mut dyn IdSource, name: &str) -> Person {
    Person { id: PersonId::new(ids), external_id: None, name: name.into(), location: None, hire_date: None }
}

pub fn role(ids: &mut dyn IdSource, title: &str) -> Role {
    Role {
        id: RoleId::new(ids),
        external_id: None,
        title: title.into(),
        purpose: String::new(),
        accountabilities: Vec::new(),
    }
}

pub fn team(ids: &mut dyn IdSource, name: &str) -> Team {
    Team { id: TeamId::new(ids), name: name.into(), purpose: String::new() }
}

pub fn domain(ids: &mut dyn IdSource, name: &str) -> DecisionDomain {
    DecisionDomain {
        id: DomainId::new(ids),
        name: name.into(),
        owner_team: None,
        driver: String::new(),
        guardrails: Vec::new(),
        review_date: None,
        delegations: Vec::new(),
    }
}

pub fn accountability(
    ids: &mut dyn IdSource,
    text: &str,
    kind: AccountabilityKind,
    towards: Option<NodeRef>,
) -> Accountability {
    Accountability { id: AccountabilityId::new(ids), text: text.into(), kind, towards }
}

pub fn delegation(subject: Unit, current: u8, desired: u8) -> Delegation {
    Delegation { subject, current: Some(level(current)), desired: Some(level(desired)), history: vec![] }
}

pub fn level(n: u8) -> Level {
    Level::new(n).expect("a delegation level is 1 to 7")
}

pub fn fte(v: f64) -> Fte {
    Fte::new(v).expect("an FTE share is above 0 and at most 1")
}

pub fn date(y: i32, m: u32, d: u32) -> Date {
    Date::new(y, m, d).expect("a real calendar date")
}

/// The operation a change applied; `None` when it replaced the whole organization.
pub fn applied(change: &Change) -> Option<&Op> {
    match &change.effect {
        Effect::Op(op) => Some(op),
        Effect::Replaced => None,
    }
}

//! The API as the desktop window and the server call it: every function, its refusals, search,
//! events, and the generated TypeScript being current. One test binary; the fixture is a small
//! organization whose chart can be checked by hand.

mod collab;
mod functions;
mod lens;
mod plan;
mod proposals;
mod refusals;
mod search;
mod session;
mod ts;

use kader::date::Timestamp;
use kader::id::{IdSource, PersonId, RoleId, SeqIds, TeamId};
use kader::model::{Fte, Person, Relation, Role, Team};
use kader::org::Snapshot;
use kader::{Op, Workspace};
use kader_api::Api;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// 2026-11-28T09:30:00Z: every change in these tests happens then.
pub const NOW: Timestamp = Timestamp(1_795_858_200_000);

pub fn hris(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/hris").join(name)
}

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{} can be read: {e}", path.display()))
}

/// An empty workspace `client.kader` in a temporary folder, open in an [`Api`] with a fixed clock.
pub fn empty() -> (TempDir, PathBuf, Api) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("client.kader");
    Workspace::create(&path, NOW).expect("a new workspace");
    let api = Api::open(&path).expect("the new workspace opens").with_clock(|| NOW);
    (dir, path, api)
}

/// The ids of the small organization of [`small_org`].
pub struct Ids {
    pub board: TeamId,
    pub finance: TeamId,
    pub ops: TeamId,
    pub ceo: RoleId,
    pub cfo: RoleId,
    pub accountant: RoleId,
    pub coo: RoleId,
    pub analyst: RoleId,
    pub francoise: PersonId,
    pub jan: PersonId,
    pub elodie: PersonId,
}

/// ```text
/// Board:   CEO (Françoise Dupré, leads Board)
/// Finance: ├─ CFO (Jan Peeters ½, leads Finance)        Finance is part of Board
///          │  └─ Accountant (Jan Peeters ½, Élodie Martin ½) ┄┄ dotted line to COO
/// Ops:     └─ COO (nobody)                                 Ops is part of Board
///             └─ Analyst (vacancy)
/// ```
pub fn small_org() -> (TempDir, PathBuf, Api, Ids) {
    let (dir, path, api) = empty();
    let mut ids = SeqIds::new(0xA11);
    let mut team = |name: &str| Team { id: TeamId::new(&mut ids), name: name.into(), purpose: String::new() };
    let (board, finance, ops) = (team("Board"), team("Finance"), team("Ops"));
    let mut role = |title: &str, ext: Option<&str>| Role {
        id: RoleId::new(&mut ids),
        external_id: ext.map(str::to_owned),
        title: title.into(),
        purpose: String::new(),
        accountabilities: Vec::new(),
    };
    let (ceo, cfo, accountant, coo, analyst) = (
        role("CEO", Some("E001")),
        role("CFO", Some("E002")),
        role("Accountant", Some("E003")),
        role("COO", None),
        role("Analyst", None),
    );
    let mut person = |name: &str, ext: &str| Person {
        id: PersonId::new(&mut ids),
        external_id: Some(ext.into()),
        name: name.into(),
        location: None,
        hire_date: None,
    };
    let (francoise, jan, elodie) =
        (person("Françoise Dupré", "E001"), person("Jan Peeters", "E002"), person("Élodie Martin", "E003"));
    let half = Fte::new(0.5).expect("½ is a share");
    let ids = Ids {
        board: board.id,
        finance: finance.id,
        ops: ops.id,
        ceo: ceo.id,
        cfo: cfo.id,
        accountant: accountant.id,
        coo: coo.id,
        analyst: analyst.id,
        francoise: francoise.id,
        jan: jan.id,
        elodie: elodie.id,
    };
    let i = &ids;
    let relations = vec![
        Relation::PartOf { team: i.finance, parent: i.board },
        Relation::PartOf { team: i.ops, parent: i.board },
        Relation::ReportsTo { role: i.cfo, manager: i.ceo },
        Relation::ReportsTo { role: i.accountant, manager: i.cfo },
        Relation::ReportsTo { role: i.coo, manager: i.ceo },
        Relation::ReportsTo { role: i.analyst, manager: i.coo },
        Relation::DottedLine { role: i.accountant, manager: i.coo },
        Relation::MemberOf { role: i.ceo, team: i.board },
        Relation::MemberOf { role: i.cfo, team: i.finance },
        Relation::MemberOf { role: i.accountant, team: i.finance },
        Relation::MemberOf { role: i.coo, team: i.ops },
        Relation::MemberOf { role: i.analyst, team: i.ops },
        Relation::Leads { role: i.ceo, team: i.board },
        Relation::Leads { role: i.cfo, team: i.finance },
        Relation::Fills { person: i.francoise, role: i.ceo, fte: Fte::FULL },
        Relation::Fills { person: i.jan, role: i.cfo, fte: half },
        Relation::Fills { person: i.jan, role: i.accountant, fte: half },
        Relation::Fills { person: i.elodie, role: i.accountant, fte: half },
    ];
    let org = Snapshot {
        persons: vec![francoise, jan, elodie],
        roles: vec![ceo, cfo, accountant, coo, analyst],
        teams: vec![board, finance, ops],
        relations,
        domains: Vec::new(),
    };
    api.apply(Op::Load { org }, "test").expect("the small organization loads");
    (dir, path, api, ids)
}

/// A role for an `add_role` operation.
pub fn new_role(ids: &mut dyn IdSource, title: &str) -> Role {
    Role {
        id: RoleId::new(ids),
        external_id: None,
        title: title.into(),
        purpose: String::new(),
        accountabilities: Vec::new(),
    }
}

/// Makes the workspace file look written by a newer Kader, so that it opens read-only.
pub fn make_newer(path: &Path) {
    let conn = rusqlite::Connection::open(path).expect("the workspace opens as a SQLite database");
    conn.pragma_update(None, "user_version", 99).expect("the schema version can be bumped");
}

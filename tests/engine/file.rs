//! The workspace file: created only where nothing exists, refused unmodified when it is not a
//! Kader workspace or is damaged, opened read-only when a newer Kader wrote it, and reopened to
//! exactly the organization that was saved.

use super::*;
use kader::id::SeqIds;
use kader::model::{AccountabilityKind as Acc, Relation};
use kader::{Error, Op};
use std::fs;

fn bytes(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap_or_else(|e| panic!("{} can be read: {e}", path.display()))
}

/// The names in a directory, sorted: shows whether opening a file left side files behind.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("the directory can be listed")
        .map(|e| e.expect("a directory entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Deterministic noise (xorshift), for a file of random bytes.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

/// Builds an organization with every kind of relation, accountabilities pointing at each kind
/// of node, domains with delegations and guardrails, hire dates and part-time shares.
fn build_rich_org(ws: &mut Workspace) {
    let mut ids = SeqIds::new(0x51C4);
    let ids = &mut ids;
    let company = Team { purpose: "Make Belgium run on time".into(), ..team(ids, "Company") };
    let (sales, support) = (team(ids, "Sales"), team(ids, "Klantendienst — Zoë's squad"));
    let (ceo, head, rep, coach) =
        (role(ids, "CEO"), role(ids, "Head of Sales"), role(ids, "Rep"), role(ids, "Agile coach"));
    let ann = Person {
        external_id: Some("E-001".into()),
        location: Some("Gent".into()),
        hire_date: Some(date(2011, 8, 21)),
        ..person(ids, "Ann Peeters")
    };
    let bob = Person { hire_date: Some(date(2024, 2, 29)), ..person(ids, "Bob Janssens") };
    let zoe = Person { location: Some("Liège".into()), ..person(ids, "Zoë Dubois") };
    let ceo = Role {
        external_id: Some("E-001".into()),
        purpose: "Hold the vision".into(),
        accountabilities: vec![
            accountability(ids, "Approve the sales plan", Acc::Control, Some(NodeRef::Role(head.id))),
            accountability(ids, "Align Sales and Support", Acc::Coordination, Some(NodeRef::Team(sales.id))),
            accountability(ids, "Mentor Zoë", Acc::Support, Some(NodeRef::Person(zoe.id))),
            accountability(ids, "Tell the story", Acc::Delivery, None),
        ],
        ..ceo
    };
    let mut hiring = domain(ids, "Hiring in the team");
    hiring.owner_team = Some(sales.id);
    hiring.driver = "Teams know best whom they need".into();
    hiring.guardrails = vec!["within the headcount plan".into(), "one interview with HR".into()];
    hiring.review_date = Some(date(2027, 1, 15));
    hiring.delegations = vec![
        delegation(Unit::Team(sales.id), 3, 6),
        kader::model::Delegation {
            subject: Unit::Role(head.id),
            current: Some(level(1)),
            desired: None,
            history: vec![],
        },
        kader::model::Delegation {
            subject: Unit::Team(support.id),
            current: None,
            desired: Some(level(7)),
            history: vec![],
        },
    ];
    let tools = domain(ids, "Tool choice");
    let r = |relation: Relation| Op::Connect { relation };
    let ops = vec![
        Op::AddTeam { team: company.clone() },
        Op::AddTeam { team: sales.clone() },
        Op::AddTeam { team: support.clone() },
        Op::AddPerson { person: ann.clone() },
        Op::AddPerson { person: bob.clone() },
        Op::AddPerson { person: zoe.clone() },
        Op::AddRole { role: head.clone() },
        Op::AddRole { role: rep.clone() },
        Op::AddRole { role: coach.clone() },
        Op::AddRole { role: ceo.clone() },
        r(Relation::PartOf { team: sales.id, parent: company.id }),
        r(Relation::PartOf { team: support.id, parent: company.id }),
        r(Relation::ReportsTo { role: head.id, manager: ceo.id }),
        r(Relation::ReportsTo { role: rep.id, manager: head.id }),
        r(Relation::DottedLine { role: coach.id, manager: head.id }),
        r(Relation::MemberOf { role: rep.id, team: sales.id }),
        r(Relation::MemberOf { role: coach.id, team: support.id }),
        r(Relation::Leads { role: head.id, team: sales.id }),
        r(Relation::Coordinates { role: ceo.id, team: company.id }),
        r(Relation::Supports { from: Unit::Role(coach.id), to: Unit::Team(sales.id) }),
        r(Relation::Supports { from: Unit::Team(support.id), to: Unit::Role(rep.id) }),
        r(Relation::Fills { person: ann.id, role: ceo.id, fte: Fte::FULL }),
        r(Relation::Fills { person: bob.id, role: rep.id, fte: fte(0.5) }),
        r(Relation::Fills { person: bob.id, role: coach.id, fte: fte(0.3) }),
        r(Relation::Fills { person: zoe.id, role: head.id, fte: fte(0.8) }),
        Op::AddDomain { domain: hiring },
        Op::AddDomain { domain: tools },
    ];
    apply_all(ws, ops);
    ws.org().check_invariants().expect("the rich organization keeps every invariant");
}

/// A saved workspace with a rich organization: (directory, path, its snapshot, its bytes).
fn saved_rich_workspace() -> (TempDir, PathBuf, Snapshot, Vec<u8>) {
    let dir = tempdir();
    let path = file_in(&dir);
    let snapshot = {
        let mut ws = Workspace::create(&path, T0).expect("the workspace can be created");
        build_rich_org(&mut ws);
        ws.org().snapshot()
    };
    let saved = bytes(&path);
    (dir, path, snapshot, saved)
}

#[test]
fn create_refuses_an_existing_path() {
    let (dir, ws) = ws();
    let path = ws.path().to_owned();
    drop(ws);
    let before = bytes(&path);
    let err = Workspace::create(&path, T0).err().expect("creating over an existing workspace is refused");
    assert!(matches!(err, Error::AlreadyExists { .. }), "refused as already existing, got {err:?}");
    assert_eq!(bytes(&path), before, "the existing file is untouched");

    let other = dir.path().join("notes.txt");
    fs::write(&other, "my notes").expect("a file can be written");
    let err = Workspace::create(&other, T0).err().expect("creating over any existing file is refused");
    assert!(matches!(err, Error::AlreadyExists { .. }), "refused as already existing, got {err:?}");
    assert_eq!(bytes(&other), b"my notes", "the existing file is untouched");
}

#[test]
fn open_refuses_what_is_not_a_kader_workspace_without_touching_it() {
    struct Foreign {
        name: &'static str,
        write: fn(&Path),
    }
    let cases = [
        Foreign {
            name: "a text file",
            write: |p| fs::write(p, "name,title\nAnn,CEO\n".repeat(40)).expect("written"),
        },
        Foreign { name: "an empty file", write: |p| fs::write(p, b"").expect("written") },
        Foreign {
            name: "random bytes",
            write: |p| fs::write(p, noise(8192, 0x9E37_79B9_7F4A_7C15)).expect("written"),
        },
        Foreign {
            name: "a SQLite header alone",
            write: |p| fs::write(p, b"SQLite format 3\0").expect("written"),
        },
        Foreign {
            name: "a SQLite header followed by noise",
            write: |p| {
                let mut b = b"SQLite format 3\0".to_vec();
                b.extend(noise(4080, 7));
                fs::write(p, b).expect("written")
            },
        },
        Foreign {
            name: "another application's SQLite database",
            write: |p| {
                let conn = rusqlite::Connection::open(p).expect("a SQLite database can be created");
                conn.execute_batch("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO person (name) VALUES ('Ann');")
                    .expect("the foreign database is filled");
            },
        },
        Foreign {
            name: "another application's SQLite database in WAL mode",
            write: |p| {
                let conn = rusqlite::Connection::open(p).expect("a SQLite database can be created");
                conn.pragma_update(None, "journal_mode", "WAL").expect("WAL mode");
                conn.pragma_update(None, "user_version", 1).expect("a user version");
                conn.execute_batch("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);").expect("a table");
            },
        },
    ];
    for case in &cases {
        let dir = tempdir();
        let path = dir.path().join("client.kader");
        (case.write)(&path);
        let (before, files) = (bytes(&path), listing(dir.path()));
        let err = Workspace::open(&path).err().unwrap_or_else(|| panic!("{}: must be refused", case.name));
        match &err {
            Error::NotAWorkspace { path: shown, reason } => {
                assert!(
                    shown.contains("client.kader"),
                    "{}: the error names the file, got {shown:?}",
                    case.name
                );
                assert!(!reason.is_empty(), "{}: the error says why", case.name);
            }
            other => panic!("{}: must be refused as not a workspace, got {other:?}", case.name),
        }
        assert!(err.to_string().contains("not modified"), "{}: the message reassures, got {err}", case.name);
        assert_eq!(bytes(&path), before, "{}: the file's bytes are unchanged", case.name);
        assert_eq!(listing(dir.path()), files, "{}: no side file (journal, WAL) was left behind", case.name);
    }
}

#[test]
fn open_of_a_missing_file_fails_and_creates_nothing() {
    let dir = tempdir();
    let path = dir.path().join("missing.kader");
    let err = Workspace::open(&path).err().expect("a missing file cannot be opened");
    assert!(matches!(err, Error::Io(_)), "a missing file is an I/O error, got {err:?}");
    assert!(listing(dir.path()).is_empty(), "opening did not create the file");
}

#[test]
fn a_file_from_a_newer_kader_opens_read_only_and_stays_untouched() {
    let (_dir, path, snapshot, _) = saved_rich_workspace();
    {
        let conn = rusqlite::Connection::open(&path).expect("the workspace opens as a SQLite database");
        conn.pragma_update(None, "user_version", 99).expect("the schema version can be bumped");
    }
    let before = bytes(&path);

    let mut ws = Workspace::open(&path).expect("a newer workspace opens, read-only");
    let reason = ws.read_only().expect("the workspace is read-only").to_owned();
    assert!(reason.contains("newer"), "the reason says a newer version wrote it, got {reason:?}");
    assert!(reason.contains("99"), "the reason names the file's format version, got {reason:?}");
    assert_eq!(ws.org().snapshot(), snapshot, "the organization can still be read");
    assert!(!ws.history(10).expect("the history can be read").is_empty(), "the history can still be read");

    let mut ids = SeqIds::new(0xEAD);
    let refused = ws.apply(Op::AddTeam { team: team(&mut ids, "Ops") }, &ctx());
    assert!(
        matches!(refused, Err(Error::ReadOnly { .. })),
        "a change is refused as read-only, got {refused:?}"
    );
    if let Err(e) = refused {
        assert!(e.to_string().contains("newer"), "the error carries the reason, got {e}");
    }
    assert!(matches!(ws.undo(&ctx()), Err(Error::ReadOnly { .. })), "undo is refused as read-only");
    assert!(matches!(ws.redo(&ctx()), Err(Error::ReadOnly { .. })), "redo is refused as read-only");
    assert_eq!(ws.org().snapshot(), snapshot, "nothing changed in memory");
    drop(ws);
    assert_eq!(bytes(&path), before, "the newer file's bytes are unchanged");
}

#[test]
fn a_damaged_file_is_refused_clearly_and_left_as_it_is() {
    struct Damage {
        name: &'static str,
        damage: fn(&mut Vec<u8>),
    }
    let cases = [
        Damage { name: "truncated in the middle", damage: |b| b.truncate(b.len() / 2) },
        Damage { name: "truncated after the first page", damage: |b| b.truncate(4096 + 100) },
        Damage {
            name: "pages overwritten with noise",
            damage: |b| {
                let len = b.len();
                b[4096..len].copy_from_slice(&noise(len - 4096, 11));
            },
        },
    ];
    for case in &cases {
        let (dir, path, _, mut saved) = saved_rich_workspace();
        assert!(saved.len() >= 4 * 4096, "the rich workspace spans several pages ({} bytes)", saved.len());
        (case.damage)(&mut saved);
        fs::write(&path, &saved).expect("the damaged file is written");
        let files = listing(dir.path());

        let err = Workspace::open(&path)
            .err()
            .unwrap_or_else(|| panic!("{}: a damaged file must be refused", case.name));
        match &err {
            Error::NotAWorkspace { reason, .. } => {
                assert!(
                    reason.contains("damaged"),
                    "{}: the reason says the file is damaged, got {reason:?}",
                    case.name
                )
            }
            other => panic!("{}: must be refused as a damaged workspace, got {other:?}: {other}", case.name),
        }
        assert_eq!(bytes(&path), saved, "{}: the damaged file's bytes are unchanged", case.name);
        assert_eq!(listing(dir.path()), files, "{}: no side file was left behind", case.name);
    }
}

#[test]
fn reopening_reproduces_a_rich_organization_exactly() {
    let (_dir, path, snapshot, _) = saved_rich_workspace();
    for kind in kader::model::RelationKind::ALL {
        assert!(
            snapshot.relations.iter().any(|r| r.kind() == kind),
            "the rich org has a {} relation",
            kind.as_str()
        );
    }
    let ws = Workspace::open(&path).expect("the workspace opens again");
    assert_eq!(ws.org().snapshot(), snapshot, "reopening gives exactly the saved organization");
    ws.org().check_invariants().expect("the reopened organization keeps every invariant");
    assert_eq!(ws.read_only(), None, "it opens writable");
    let fills: Vec<f64> = ws.org().roles_of(snapshot.persons[1].id).map(|(_, f)| f.get()).collect();
    assert!(!fills.is_empty(), "part-time shares are read back");
    assert_eq!(
        ws.history(100).expect("the history can be read").len(),
        27,
        "every change was logged and kept"
    );
}

#[test]
fn changes_after_reopening_are_saved_too() {
    let (_dir, path, _, _) = saved_rich_workspace();
    let mut ws = Workspace::open(&path).expect("the workspace opens again");
    let mut ids = SeqIds::new(0xAF7);
    let ops = team(&mut ids, "Ops");
    let change = ws.apply(Op::AddTeam { team: ops }, &ctx()).expect("a change applies after reopening");
    assert_eq!(change.seq, 28, "the change log continues where it was");
    let after = ws.org().snapshot();
    drop(ws);
    assert_eq!(on_disk(&path), after, "the change after reopening is in the file");
}

#[test]
fn opening_after_many_changes_gives_the_same_state_and_undo_reaches_back() {
    // Enough changes that the workspace takes snapshots of the organization on the way; opening
    // and undoing must not depend on where those snapshots are.
    let dir = tempdir();
    let path = file_in(&dir);
    let mut ws = Workspace::create(&path, T0).expect("the workspace can be created");
    let mut ids = SeqIds::new(0x3A7);
    let mut states = vec![ws.org().snapshot()];
    let mut teams: Vec<Team> = Vec::new();
    for i in 0..1_100 {
        let op = match i % 3 {
            0 | 1 => {
                let t = team(&mut ids, &format!("Team {i}"));
                teams.push(t.clone());
                Op::AddTeam { team: t }
            }
            _ => {
                let t = &teams[teams.len() - 2];
                Op::UpdateTeam { team: Team { purpose: format!("purpose {i}"), ..t.clone() } }
            }
        };
        ws.apply(op, &ctx_at("bulk", i)).unwrap_or_else(|e| panic!("change {i} applies: {e}"));
        states.push(ws.org().snapshot());
    }
    drop(ws);

    let mut ws = Workspace::open(&path).expect("the workspace opens after many changes");
    assert_eq!(ws.org().snapshot(), states[1_100], "reopening gives the state after the last change");
    for back in 1..=620 {
        ws.undo(&ctx()).expect("undo works").unwrap_or_else(|| panic!("undo {back} has something to undo"));
        assert_eq!(
            ws.org().snapshot(),
            states[1_100 - back],
            "undo {back} restores the state before that change"
        );
        if back % 100 == 0 {
            assert_eq!(on_disk(&path), states[1_100 - back], "the file follows undo {back}");
        }
    }
    drop(ws);
    let mut ws = Workspace::open(&path).expect("the workspace opens after many undos");
    assert_eq!(ws.org().snapshot(), states[480], "reopening after undoing gives the undone state");
    for forward in 1..=20 {
        ws.redo(&ctx())
            .expect("redo works")
            .unwrap_or_else(|| panic!("redo {forward} has something to redo"));
    }
    assert_eq!(ws.org().snapshot(), states[500], "redo after reopening goes forward");
    drop(ws);
    assert_eq!(on_disk(&path), states[500], "the file holds the redone state");
}

/// Runs SQL on a closed workspace file, as a damaged disk or a careless tool would.
fn tamper(path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).expect("the workspace opens as a SQLite database");
    conn.execute_batch(sql).unwrap_or_else(|e| panic!("{sql:?} runs: {e}"));
}

#[test]
fn a_workspace_whose_contents_do_not_hold_together_is_refused() {
    struct Tampered {
        name: &'static str,
        sql: &'static str,
    }
    let cases = [
        Tampered { name: "a logged change that no longer applies", sql: "UPDATE change SET op = '{\"op\":\"remove_team\",\"id\":\"00000000-0000-0000-0000-000000000099\"}' WHERE seq = 3" },
        Tampered { name: "a logged change that is not JSON", sql: "UPDATE change SET op = 'not json' WHERE seq = 5" },
        Tampered { name: "a logged change that records nothing", sql: "UPDATE change SET op = NULL WHERE seq = 2" },
        Tampered { name: "a missing table", sql: "DROP TABLE change" },
    ];
    for case in &cases {
        let (_dir, path, _, _) = saved_rich_workspace();
        tamper(&path, case.sql);
        let before = bytes(&path);
        let err = Workspace::open(&path).err().unwrap_or_else(|| panic!("{}: must be refused", case.name));
        match &err {
            Error::NotAWorkspace { reason, .. } => {
                assert!(
                    reason.contains("damaged"),
                    "{}: the reason says the file is damaged, got {reason:?}",
                    case.name
                )
            }
            other => panic!("{}: must be refused as a damaged workspace, got {other:?}: {other}", case.name),
        }
        assert_eq!(bytes(&path), before, "{}: the file's bytes are unchanged", case.name);
    }
}

#[test]
fn a_workspace_reopens_after_a_crash() {
    // While a workspace is open, SQLite keeps the newest changes in a write-ahead log beside the
    // file (`org.kader-wal`). If Kader crashes, the file and its log are what is left, and they
    // must open to every acknowledged change.
    let (dir, mut ws) = ws();
    build_rich_org(&mut ws);
    let acknowledged = ws.org().snapshot();
    let crashed = tempdir();
    let mut copied = Vec::new();
    for name in listing(dir.path()).into_iter().filter(|n| !n.ends_with("-shm")) {
        fs::copy(dir.path().join(&name), crashed.path().join(&name))
            .expect("the files left by a crash can be copied");
        copied.push(name);
    }
    assert!(
        copied.contains(&"org.kader-wal".to_string()),
        "the open workspace keeps a write-ahead log, got {copied:?}"
    );
    drop(ws);

    let reopened = Workspace::open(file_in(&crashed))
        .unwrap_or_else(|e| panic!("a workspace must open after a crash, but: {e}"));
    assert_eq!(reopened.org().snapshot(), acknowledged, "every acknowledged change survives the crash");
}

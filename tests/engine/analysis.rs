//! Organization figures: the known answers for small shapes, and `analyze_file` and the fast
//! `structure_file` (which reads the snapshot's reporting structure) agreeing with the
//! organization in memory in every state a file can be in.

use super::*;
use kader::analyze::{analyze, analyze_file, structure_file, structure_of};
use kader::import::hris::{self, HrisOptions};
use kader::import::sync;
use kader::model::Relation;

/// Builds roles with the given managers (`None` at the top), as one batch.
fn hierarchy(managers: &[Option<usize>]) -> (TempDir, Workspace) {
    let (dir, mut ws) = ws();
    let mut ids = kader::id::SeqIds::new(1);
    let roles: Vec<RoleId> = managers.iter().map(|_| RoleId::new(&mut ids)).collect();
    let mut ops: Vec<Op> = roles
        .iter()
        .enumerate()
        .map(|(i, &id)| Op::AddRole {
            role: Role {
                id,
                external_id: None,
                title: format!("role {i}"),
                purpose: String::new(),
                accountabilities: vec![],
            },
        })
        .collect();
    for (i, m) in managers.iter().enumerate() {
        if let Some(m) = m {
            ops.push(Op::Connect { relation: Relation::ReportsTo { role: roles[i], manager: roles[*m] } });
        }
    }
    ws.apply(Op::batch("hierarchy", ops), &ctx()).expect("the hierarchy applies");
    (dir, ws)
}

/// (managers of each role, layers, managers, mean, median, max)
type Shape = (&'static [Option<usize>], usize, usize, f64, f64, usize);

const SHAPES: &[Shape] = &[
    (&[], 0, 0, 0.0, 0.0, 0),
    (&[None], 1, 0, 0.0, 0.0, 0),
    (&[None, Some(0), Some(0), Some(0)], 2, 1, 3.0, 3.0, 3),
    // A chain of four: every manager has one report (pass-through layers).
    (&[None, Some(0), Some(1), Some(2)], 4, 3, 1.0, 1.0, 1),
    // Two trees: 0 → {1, 2}, 1 → {3}; 4 alone. Spans 2 and 1: median of an even count.
    (&[None, Some(0), Some(0), Some(1), None], 3, 2, 1.5, 1.5, 2),
    // Spans 1, 2, 4 (mean 2.33).
    (&[None, Some(0), Some(1), Some(1), Some(2), Some(2), Some(2), Some(2)], 4, 3, 2.33, 2.0, 4),
];

#[test]
fn known_shapes_give_known_figures() {
    for (i, (managers, layers, count, mean, median, max)) in SHAPES.iter().enumerate() {
        let (_dir, ws) = hierarchy(managers);
        let a = analyze(ws.org());
        assert_eq!(a.structure.roles, managers.len(), "shape {i}: roles");
        assert_eq!(a.structure.layers, *layers, "shape {i}: layers");
        let s = &a.structure.span_of_control;
        assert_eq!((s.managers, s.mean, s.median, s.max), (*count, *mean, *median, *max), "shape {i}: span");
        assert_eq!(
            s.histogram.values().sum::<usize>(),
            *count,
            "shape {i}: the histogram counts every manager"
        );
        assert_eq!(analyze_file(ws.path()).expect("analyze the file"), a, "shape {i}: the file agrees");
    }
}

#[test]
fn the_file_agrees_with_the_open_workspace_in_every_state() {
    // 1,000 people: more changes than the bulk threshold, so the import is stored as a snapshot.
    let mut csv = String::from("Employee ID,Name,Job Title,Department,Manager ID\n");
    for i in 0..1000 {
        let manager = if i == 0 { String::new() } else { ((i - 1) / 6).to_string() };
        csv.push_str(&format!("{i},Person {i},Title {},Dept {},{manager}\n", i % 7, i / 50));
    }
    let csv = csv.into_bytes();
    let table = hris::parse(&csv, &HrisOptions::default()).expect("the fixture parses");
    let (_dir, mut ws) = ws();
    let check = |ws: &Workspace, state: &str| {
        let from_file = analyze_file(ws.path()).expect("analyze the file");
        let reopened =
            Workspace::open_read_only(ws.path()).expect("reopen, read-only beside the open workspace");
        assert_eq!(from_file, analyze(reopened.org()), "{state}: file and reopened workspace agree");
        assert_eq!(from_file, analyze(ws.org()), "{state}: file and memory agree");
        // The structure figures, read from the snapshot's reporting structure when it is current.
        assert_eq!(
            structure_file(ws.path()).expect("structure"),
            structure_of(ws.org()),
            "{state}: structure"
        );
    };
    check(&ws, "empty");
    // A bulk import of more people than the bulk threshold is stored as a snapshot.
    let (op, _) = sync::plan(ws.org(), table, &mut kader::id::SeqIds::new(9));
    ws.apply(op, &ctx()).expect("the import applies");
    assert!(
        Workspace::current_snapshot(ws.path()).expect("read the file").is_some(),
        "a bulk import leaves the file's state in a snapshot"
    );
    check(&ws, "after the import");
    // A small change after the snapshot: the file must show it too.
    let some_role =
        ws.org().roles().map(|r| r.id).find(|&r| ws.org().manager_of(r).is_some()).expect("a report");
    ws.apply(Op::MoveRole { role: some_role, manager: None }, &ctx()).expect("move");
    check(&ws, "after a move");
    ws.undo(&ctx()).expect("undo");
    check(&ws, "after undoing the move");
    ws.undo(&ctx()).expect("undo");
    check(&ws, "after undoing the import");
}

#[test]
fn a_damaged_snapshot_with_a_reporting_cycle_is_refused_not_looped_on() {
    // Two roles that report to each other: the codec never writes this, a damaged file can hold it.
    let mut bytes = b"KSNP\x01".to_vec();
    bytes.push(0); // no persons
    bytes.push(2); // two roles: id, no external id, title, purpose, no accountabilities
    for i in 1..=2u8 {
        bytes.extend_from_slice(&[i; 16]);
        bytes.extend_from_slice(&[0, 1, b'R', 0, 0]);
    }
    bytes.push(0); // no teams
    bytes.extend_from_slice(&[2, 0, 0, 1, 0, 1, 0]); // two reports_to lines: 0 → 1 and 1 → 0
    bytes.push(0); // no domains
    let (_dir, ws) = ws();
    let path = ws.path().to_owned();
    drop(ws);
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.execute("INSERT INTO snapshot (seq, data) VALUES (0, ?1)", [&bytes]).expect("plant the snapshot");
    drop(conn);
    let err = structure_file(&path).expect_err("a cycle is an error");
    assert!(err.to_string().contains("cycle"), "the fast path says what is wrong: {err}");
    let err = analyze_file(&path).expect_err("a cycle is an error");
    assert!(err.to_string().contains("damaged"), "the error says what is wrong: {err}");
    let err = Workspace::open(&path).err().expect("opening refuses it too");
    assert!(err.to_string().contains("damaged"), "{err}");
}

//! History: undo and redo walk the change log; a new change ends what could be redone; the log
//! and its undo state survive reopening the file; subscribers hear every acknowledged change.

use super::*;
use kader::id::SeqIds;
use kader::model::Relation;
use kader::store::ChangeKind;
use kader::{Change, Error, Op};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::Arc;

/// The four changes every test plays: A adds a team, B a role, C a person, D another team.
struct Changes {
    a: Op,
    b: Op,
    c: Op,
    d: Op,
}

fn changes() -> Changes {
    let mut ids = SeqIds::new(0x415);
    Changes {
        a: Op::AddTeam { team: team(&mut ids, "Sales") },
        b: Op::AddRole { role: role(&mut ids, "Rep") },
        c: Op::AddPerson { person: person(&mut ids, "Ann") },
        d: Op::AddTeam { team: team(&mut ids, "Ops") },
    }
}

/// Applies `op`, which must succeed, and returns the state after it.
fn apply(ws: &mut Workspace, op: &Op, actor: &str, ms: i64) -> Snapshot {
    ws.apply(op.clone(), &ctx_at(actor, ms))
        .unwrap_or_else(|e| panic!("{:?} must apply, but: {e}", op.summary()));
    ws.org().snapshot()
}

fn undo(ws: &mut Workspace) -> Option<Arc<Change>> {
    ws.undo(&ctx()).expect("undo does not fail")
}

fn redo(ws: &mut Workspace) -> Option<Arc<Change>> {
    ws.redo(&ctx()).expect("redo does not fail")
}

/// (kind, target, undone, summary) of each history entry, newest first.
fn history(ws: &Workspace) -> Vec<(ChangeKind, Option<i64>, bool, String)> {
    ws.history(100)
        .expect("the history can be read")
        .into_iter()
        .map(|e| (e.kind, e.target, e.undone, e.summary))
        .collect()
}

#[test]
fn undo_and_redo_walk_back_and_forth() {
    let (_dir, mut ws) = ws();
    let ch = changes();
    let s0 = ws.org().snapshot();
    let s1 = apply(&mut ws, &ch.a, "ann", 1);
    let s2 = apply(&mut ws, &ch.b, "ann", 2);
    let s3 = apply(&mut ws, &ch.c, "ann", 3);
    assert_ne!(s2, s3, "every change changes the state");

    undo(&mut ws).expect("C can be undone");
    undo(&mut ws).expect("B can be undone");
    assert_eq!(ws.org().snapshot(), s1, "two undos go back to the state after A");
    redo(&mut ws).expect("B can be redone");
    assert_eq!(ws.org().snapshot(), s2, "redo goes forward to the state after B");

    let s2d = apply(&mut ws, &ch.d, "ann", 4);
    assert!(redo(&mut ws).is_none(), "a new change ends what could be redone: C cannot come back");
    assert_eq!(ws.org().snapshot(), s2d, "a redo that has nothing to redo changes nothing");

    undo(&mut ws).expect("D can be undone");
    assert_eq!(ws.org().snapshot(), s2, "undo reverts D");
    undo(&mut ws).expect("B can be undone again");
    undo(&mut ws).expect("A can be undone");
    assert_eq!(ws.org().snapshot(), s0, "undoing everything gives the empty organization");
    assert!(undo(&mut ws).is_none(), "undo past the start has nothing to undo");
    assert_eq!(ws.org().snapshot(), s0, "an undo with nothing to undo changes nothing");

    redo(&mut ws).expect("A can be redone");
    assert_eq!(ws.org().snapshot(), s1, "redo re-applies the most recently undone change first");
    assert_eq!(on_disk(ws.path()), s1, "the file follows undo and redo");
}

#[test]
fn history_lists_entries_newest_first() {
    let (_dir, mut ws) = ws();
    let ch = changes();
    apply(&mut ws, &ch.a, "ann", 1);
    apply(&mut ws, &ch.b, "bram", 2);
    apply(&mut ws, &ch.c, "ann", 3);
    undo(&mut ws).expect("C can be undone");
    undo(&mut ws).expect("B can be undone");
    redo(&mut ws).expect("B can be redone");
    apply(&mut ws, &ch.d, "ann", 7);

    let s = |x: &str| x.to_string();
    let expected = vec![
        (ChangeKind::Do, None, false, s("add team \"Ops\"")),
        (ChangeKind::Redo, Some(2), false, s("redo change 2")),
        (ChangeKind::Undo, Some(2), false, s("undo change 2")),
        (ChangeKind::Undo, Some(3), false, s("undo change 3")),
        (ChangeKind::Do, None, true, s("add person \"Ann\"")),
        (ChangeKind::Do, None, false, s("add role \"Rep\"")),
        (ChangeKind::Do, None, false, s("add team \"Sales\"")),
    ];
    assert_eq!(history(&ws), expected, "the history lists every change, newest first, with its undo state");

    let entries = ws.history(100).expect("the history can be read");
    let seqs: Vec<i64> = entries.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, vec![7, 6, 5, 4, 3, 2, 1], "sequence numbers count up from 1");
    assert_eq!(
        (entries[5].actor.as_str(), entries[5].at),
        ("bram", Timestamp(T0.0 + 2)),
        "an entry keeps who and when"
    );
    assert!(entries.iter().all(|e| e.size == 1), "each change here is one operation");
    assert_eq!(
        ws.history(2).expect("the history can be read").len(),
        2,
        "the limit caps the number of entries"
    );
}

#[test]
fn a_batch_is_one_entry_and_one_undo() {
    let (_dir, mut ws) = ws();
    let mut ids = SeqIds::new(0xBA7);
    let (sales, rep) = (team(&mut ids, "Sales"), role(&mut ids, "Rep"));
    let op = Op::batch(
        "set up sales",
        vec![
            Op::AddTeam { team: sales.clone() },
            Op::AddRole { role: rep.clone() },
            Op::Connect { relation: Relation::MemberOf { role: rep.id, team: sales.id } },
        ],
    );
    ws.apply(op, &ctx()).expect("the batch applies");
    let entries = ws.history(10).expect("the history can be read");
    assert_eq!(entries.len(), 1, "a batch is one history entry");
    assert_eq!(
        (entries[0].summary.as_str(), entries[0].size),
        ("set up sales (3 changes)", 3),
        "it counts its changes"
    );
    undo(&mut ws).expect("the batch can be undone");
    assert!(ws.org().is_empty(), "one undo reverts the whole batch");
    redo(&mut ws).expect("the batch can be redone");
    assert_eq!(ws.org().counts(), (0, 1, 1), "one redo re-applies the whole batch");
}

#[test]
fn history_and_undo_survive_reopening_the_file() {
    let dir = tempdir();
    let path = file_in(&dir);
    let ch = changes();
    let (s1, s2, s3, log) = {
        let mut ws = Workspace::create(&path, T0).expect("the workspace can be created");
        let s1 = apply(&mut ws, &ch.a, "ann", 1);
        let s2 = apply(&mut ws, &ch.b, "ann", 2);
        let s3 = apply(&mut ws, &ch.c, "ann", 3);
        undo(&mut ws).expect("C can be undone");
        (s1, s2, s3, history(&ws))
    };

    let mut ws = Workspace::open(&path).expect("the workspace opens again");
    assert_eq!(ws.org().snapshot(), s2, "reopening gives the state at closing");
    assert_eq!(history(&ws), log, "reopening gives the same history");
    assert_eq!(ws.read_only(), None, "a workspace of this version opens writable");

    undo(&mut ws).expect("B can be undone after reopening");
    assert_eq!(ws.org().snapshot(), s1, "undo after reopening reverts B");
    redo(&mut ws).expect("B can be redone");
    redo(&mut ws).expect("C, undone before closing, can be redone after reopening");
    assert_eq!(ws.org().snapshot(), s3, "redo after reopening re-applies B then C");
    assert!(redo(&mut ws).is_none(), "nothing more to redo");
    drop(ws);

    let ws = Workspace::open(&path).expect("the workspace opens a third time");
    assert_eq!(ws.org().snapshot(), s3, "undo and redo after reopening were saved");
    assert_eq!(
        ws.history(100).expect("the history can be read").len(),
        7,
        "3 do + 1 undo before closing, 1 undo + 2 redo after"
    );
    assert_eq!(
        ws.meta("created").expect("meta can be read").as_deref(),
        Some("2026-11-28T09:30:00Z"),
        "creation time kept"
    );
}

/// Everything the receiver got so far.
fn received(rx: &Receiver<Arc<Change>>) -> Vec<Arc<Change>> {
    let mut got = Vec::new();
    loop {
        match rx.try_recv() {
            Ok(c) => got.push(c),
            Err(TryRecvError::Empty) => return got,
            Err(TryRecvError::Disconnected) => {
                panic!("the workspace is alive, so the channel must be open")
            }
        }
    }
}

#[test]
fn subscribers_hear_every_acknowledged_change_and_nothing_else() {
    let (_dir, mut ws) = ws();
    let ch = changes();
    let rx = ws.subscribe();
    let also = ws.subscribe();
    let dropped = ws.subscribe();
    drop(dropped);

    let done = ws.apply(ch.a.clone(), &ctx_at("ann", 1)).expect("A applies");
    let refused = ws.apply(ch.a.clone(), &ctx_at("ann", 2));
    assert!(matches!(refused, Err(Error::DuplicateId(_))), "adding A twice is refused, got {refused:?}");
    let undone = undo(&mut ws).expect("A can be undone");
    let redone = redo(&mut ws).expect("A can be redone");
    assert!(redo(&mut ws).is_none(), "nothing more to redo");

    let got = received(&rx);
    let summary: Vec<(ChangeKind, Option<&Op>)> = got.iter().map(|c| (c.kind, applied(c))).collect();
    let Op::AddTeam { team: a_team } = &ch.a else { unreachable!("A adds a team") };
    let inverse = Op::RemoveTeam { id: a_team.id };
    assert_eq!(
        summary,
        vec![
            (ChangeKind::Do, Some(&ch.a)),
            (ChangeKind::Undo, Some(&inverse)),
            (ChangeKind::Redo, Some(&ch.a))
        ],
        "a subscriber hears the do, the undo (with the inverse applied) and the redo; not the refused op"
    );
    let seqs: Vec<i64> = got.iter().map(|c| c.seq).collect();
    assert_eq!(seqs, vec![done.seq, undone.seq, redone.seq], "what is heard is what the caller was told");
    assert_eq!(
        (got[0].actor.as_str(), got[0].at),
        ("ann", Timestamp(T0.0 + 1)),
        "a change says who made it and when"
    );
    assert_eq!(received(&also).len(), 3, "every subscriber hears every change");

    let refused_only = ws.apply(Op::RemoveTeam { id: TeamId(uuid::Uuid::from_u64_pair(9, 9)) }, &ctx());
    assert!(refused_only.is_err(), "removing an unknown team is refused");
    assert!(received(&rx).is_empty(), "a refused operation is not broadcast");
}

#[test]
fn a_refused_undo_or_redo_target_is_not_lost() {
    // Undo and redo after a refused operation still act on the last acknowledged change.
    let (_dir, mut ws) = ws();
    let ch = changes();
    let s1 = apply(&mut ws, &ch.a, "ann", 1);
    ws.apply(ch.a.clone(), &ctx()).expect_err("adding A twice is refused");
    undo(&mut ws).expect("A can be undone");
    assert!(ws.org().is_empty(), "the undo reverted A, not the refused operation");
    ws.apply(Op::RemoveTeam { id: TeamId(uuid::Uuid::from_u64_pair(9, 9)) }, &ctx()).expect_err("refused");
    redo(&mut ws).expect("A can still be redone after a refused operation");
    assert_eq!(ws.org().snapshot(), s1, "the redo re-applied A");
}

/// An organization of `n` people each filling their own role, the roles forming a tree: a bulk
/// load of `4n - 1` items.
pub(crate) fn big_org(ids: &mut SeqIds, n: usize) -> Snapshot {
    let persons: Vec<Person> = (0..n).map(|i| person(ids, &format!("Person {i}"))).collect();
    let roles: Vec<Role> = (0..n).map(|i| role(ids, &format!("Role {i}"))).collect();
    let mut relations: Vec<Relation> = persons
        .iter()
        .zip(&roles)
        .map(|(p, r)| Relation::Fills { person: p.id, role: r.id, fte: Fte::FULL })
        .collect();
    relations
        .extend((1..n).map(|i| Relation::ReportsTo { role: roles[i].id, manager: roles[(i - 1) / 2].id }));
    let teams = (0..n).map(|i| team(ids, &format!("Team {i}"))).collect();
    Snapshot { persons, roles, teams, relations, domains: Vec::new() }
}

#[test]
fn a_bulk_change_undoes_and_redoes_in_one_step() {
    let dir = tempdir();
    let path = file_in(&dir);
    let mut ws = Workspace::create(&path, T0).expect("the workspace can be created");
    let ch = changes();
    let s1 = apply(&mut ws, &ch.a, "ann", 1);
    let rx = ws.subscribe();

    let load = Op::Load { org: big_org(&mut SeqIds::new(0xB16), 700) };
    assert!(load.len() > 2_000, "the load is a bulk change ({} items)", load.len());
    let done = ws.apply(load.clone(), &ctx_at("ann", 2)).expect("the bulk load applies");
    assert!(
        applied(&done).is_none_or(|op| op == &load),
        "the acknowledged bulk change carries its operation or says that the organization was replaced"
    );
    let s2 = ws.org().snapshot();
    assert_eq!(ws.org().counts(), (700, 700, 701), "everything was loaded");
    assert_eq!(on_disk(&path), s2, "the file holds the bulk change");
    let entry = ws.history(1).expect("the history can be read").remove(0);
    assert_eq!(entry.size as usize, load.len(), "the history counts the items of the bulk change");

    let undone = undo(&mut ws).expect("the bulk change can be undone");
    assert!(applied(&undone).is_none(), "undoing a bulk change replaces the whole organization");
    assert_eq!(ws.org().snapshot(), s1, "one undo reverts the whole bulk change");
    assert_eq!(on_disk(&path), s1, "the file holds the state before the bulk change");
    let redone = redo(&mut ws).expect("the bulk change can be redone");
    assert!(applied(&redone).is_none(), "redoing a bulk change replaces the whole organization");
    assert_eq!(ws.org().snapshot(), s2, "one redo re-applies the whole bulk change");
    assert_eq!(on_disk(&path), s2, "the file holds the redone bulk change");
    let kinds: Vec<ChangeKind> = received(&rx).iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        vec![ChangeKind::Do, ChangeKind::Undo, ChangeKind::Redo],
        "subscribers hear bulk changes too"
    );

    let s3 = apply(&mut ws, &ch.d, "ann", 3);
    drop(ws);
    let mut ws = Workspace::open(&path).expect("the workspace opens again");
    assert_eq!(ws.org().snapshot(), s3, "reopening after a bulk change gives the state at closing");
    undo(&mut ws).expect("D can be undone after reopening");
    undo(&mut ws).expect("the bulk change can be undone after reopening");
    assert_eq!(ws.org().snapshot(), s1, "undo after reopening reverts the bulk change");
    undo(&mut ws).expect("A can be undone");
    assert!(ws.org().is_empty(), "everything is undone");
    drop(ws);
    assert!(on_disk(&path).persons.is_empty(), "the file holds the empty organization");
}

#[test]
fn a_refused_bulk_change_leaves_everything_as_it_was() {
    let dir = tempdir();
    let path = file_in(&dir);
    let mut ws = Workspace::create(&path, T0).expect("the workspace can be created");
    let ch = changes();
    let s1 = apply(&mut ws, &ch.a, "ann", 1);
    let mut big = big_org(&mut SeqIds::new(0xB17), 700);
    let (first, last) = (big.roles[0].id, big.roles[699].id);
    big.relations.push(Relation::ReportsTo { role: first, manager: last });
    let err =
        ws.apply(Op::Load { org: big }, &ctx()).expect_err("a bulk load with a reporting cycle is refused");
    assert!(matches!(err, Error::Cycle(_)), "refused as a cycle, got {err:?}");
    assert_eq!(ws.org().snapshot(), s1, "nothing of the bulk load was applied");
    assert_eq!(ws.history(10).expect("the history can be read").len(), 1, "nothing was logged");
    drop(ws);
    assert_eq!(on_disk(&path), s1, "the file is as it was");
}

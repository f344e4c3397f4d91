//! One writer per workspace file: a second open for writing is refused naming who holds it; a
//! workspace opened read-only beside the writer refuses every change and follows the writer's
//! changes; the lock of a writer that is gone is taken over, its stale record overwritten.
//! (The lock is per open file, so two workspaces in one test process behave as two processes;
//! `crates/kader-cli/tests/cli/lock.rs` checks real processes and `kill -9`.)

use super::history::big_org;
use super::*;
use kader::i18n::Lang;
use kader::id::SeqIds;
use kader::store::lock::{self, Holder};
use kader::Error;

fn serve_holder() -> Holder {
    Holder {
        app: lock::APP_SERVE.into(),
        user: "ann".into(),
        host: "laptop-7".into(),
        pid: 4242,
        since: Timestamp(1_796_652_300_000), // 2026-12-07 14:05 UTC
    }
}

/// A workspace file with one team, open for writing as `kader serve` of ann.
fn served() -> (TempDir, PathBuf, Workspace) {
    let (dir, mut ws) = ws();
    apply_all(&mut ws, [Op::AddTeam { team: team(&mut SeqIds::new(0x10C), "Board") }]);
    let path = ws.path().to_owned();
    drop(ws);
    let ws = Workspace::open_as(&path, &serve_holder()).expect("the workspace opens for writing");
    (dir, path, ws)
}

#[test]
fn a_second_writer_is_told_in_words_who_holds_the_file() {
    let (_dir, path, writer) = served();
    assert!(writer.is_writer());
    let err = Workspace::open(&path).err().expect("a second open for writing is refused");
    let Error::Locked { path: shown, holder } = &err else { panic!("refused as locked, got {err:?}") };
    assert!(shown.ends_with("org.kader"), "the error names the file: {shown}");
    assert_eq!(holder.as_ref(), Some(&serve_holder()), "the error carries the recorded holder");

    let en = err.to_string();
    let nl = lock::Locked { path: shown.clone(), holder: holder.clone() }.say(Lang::Nl);
    for part in ["kader serve", "ann", "laptop-7", "4242", "2026-12-07 14:05 UTC", "org.kader"] {
        assert!(en.contains(part), "{part:?} in the English message: {en}");
        assert!(nl.contains(part), "{part:?} in the Dutch message: {nl}");
    }
    assert!(en.contains("read-only"), "English says it can be opened read-only: {en}");
    assert!(nl.contains("alleen-lezen"), "Dutch says it can be opened read-only: {nl}");

    // Creating over it is refused as before; the holder is untouched by the refusals.
    assert!(matches!(Workspace::create(&path, T0), Err(Error::AlreadyExists { .. })));
    let ro = Workspace::open_read_only(&path).expect("it opens read-only beside the writer");
    assert_eq!(ro.writer(), Some(&serve_holder()));
}

#[test]
fn a_read_only_workspace_refuses_every_change_and_says_why() {
    let (_dir, path, writer) = served();
    let mut ro = Workspace::open_read_only(&path).expect("it opens read-only");
    assert!(!ro.is_writer());
    let reason = ro.read_only().expect("it is read-only").to_owned();
    assert!(
        reason.contains("kader serve") && reason.contains("ann"),
        "the reason names the writer: {reason}"
    );
    let before = ro.org().snapshot();
    let refused = ro.apply(Op::AddTeam { team: team(&mut SeqIds::new(0xBAD), "Ops") }, &ctx());
    match refused {
        Err(e @ Error::ReadOnly { .. }) => {
            assert!(e.to_string().contains("kader serve"), "the refusal names the writer: {e}")
        }
        other => panic!("a change is refused as read-only, got {other:?}"),
    }
    assert!(matches!(ro.undo(&ctx()), Err(Error::ReadOnly { .. })), "undo is refused");
    assert!(matches!(ro.redo(&ctx()), Err(Error::ReadOnly { .. })), "redo is refused");
    assert!(matches!(ro.set_meta("team_word", "{}"), Err(Error::ReadOnly { .. })), "settings are refused");
    assert_eq!(ro.org().snapshot(), before, "nothing changed in memory");
    assert_eq!(on_disk(&path), writer.org().snapshot(), "nothing changed in the file");
}

#[test]
fn a_read_only_workspace_follows_the_writer_change_by_change() {
    let (_dir, path, mut writer) = served();
    let mut ro = Workspace::open_read_only(&path).expect("it opens read-only");
    let rx = ro.subscribe();
    assert!(ro.refresh().expect("refresh").is_empty(), "nothing new yet");

    let mut ids = SeqIds::new(0xF011);
    let ops = team(&mut ids, "Ops");
    let c1 = writer.apply(Op::AddTeam { team: ops.clone() }, &ctx_at("bea", 1)).expect("the writer changes");
    let c2 = writer
        .apply(Op::UpdateTeam { team: Team { name: "Operations".into(), ..ops.clone() } }, &ctx_at("bea", 2))
        .expect("the writer changes again");
    let seen = ro.refresh().expect("the reader refreshes");
    assert_eq!(
        seen.iter().map(|c| c.seq).collect::<Vec<_>>(),
        vec![c1.seq, c2.seq],
        "both changes, in order"
    );
    assert_eq!(seen[0].actor, "bea");
    assert_eq!(applied(&seen[0]), applied(&c1), "the reader announces the writer's operation");
    assert_eq!(ro.org().snapshot(), writer.org().snapshot(), "the reader holds the writer's organization");
    let announced: Vec<i64> = rx.try_iter().map(|c| c.seq).collect();
    assert_eq!(announced, vec![c1.seq, c2.seq], "subscribers of the reader hear of them");

    // Undo and redo, and a bulk change (stored as snapshots) are followed too.
    writer.undo(&ctx_at("bea", 3)).expect("undo").expect("something to undo");
    assert_eq!(ro.refresh().expect("refresh").len(), 1);
    assert_eq!(ro.org().snapshot(), writer.org().snapshot(), "the undo is followed");
    writer.redo(&ctx_at("bea", 4)).expect("redo").expect("something to redo");
    let bulk =
        writer.apply(Op::Load { org: big_org(&mut ids, 800) }, &ctx_at("bea", 5)).expect("a bulk load");
    let seen = ro.refresh().expect("refresh");
    assert_eq!(seen.len(), 2, "the redo and the load");
    assert!(matches!(seen[1].effect, Effect::Replaced), "a bulk change is announced as replaced");
    assert_eq!(seen[1].seq, bulk.seq);
    assert_eq!(ro.org().snapshot(), writer.org().snapshot(), "the bulk change is followed");
    writer.undo(&ctx_at("bea", 6)).expect("undo").expect("the load is undone");
    ro.refresh().expect("refresh");
    assert_eq!(ro.org().snapshot(), writer.org().snapshot(), "the bulk undo is followed");

    // Past the writer's periodic snapshot (every 500 changes) the log is still followed.
    for i in 0..520 {
        writer
            .apply(
                Op::UpdateTeam { team: Team { name: format!("Ops {i}"), ..ops.clone() } },
                &ctx_at("bea", 10 + i),
            )
            .expect("the writer renames");
    }
    assert_eq!(ro.refresh().expect("refresh").len(), 520);
    assert_eq!(ro.org().snapshot(), writer.org().snapshot(), "hundreds of changes are followed");
    assert_eq!(ro.history(1).expect("history")[0].seq, writer.history(1).expect("history")[0].seq);
}

#[test]
fn a_reader_whose_log_no_longer_continues_reads_the_file_again_whole() {
    let (_dir, path, mut writer) = served();
    let mut ids = SeqIds::new(0x0E);
    apply_all(&mut writer, (0..3).map(|i| Op::AddTeam { team: team(&mut ids, &format!("T{i}")) }));
    let mut ro = Workspace::open_read_only(&path).expect("it opens read-only");
    drop(writer);
    // The log is cut back behind what the reader holds (a file restored from a backup, say).
    let conn = rusqlite::Connection::open(&path).expect("the file opens as SQLite");
    conn.execute("DELETE FROM change WHERE seq > 2", []).expect("the log is cut");
    conn.execute("DELETE FROM snapshot WHERE seq > 2", []).expect("and its snapshots");
    drop(conn);
    let seen = ro.refresh().expect("refresh");
    assert_eq!(seen.len(), 1, "one announcement");
    assert!(matches!(seen[0].effect, Effect::Replaced), "announced as replaced");
    assert_eq!(ro.org().snapshot(), on_disk(&path), "the reader holds what is in the file");
    assert_eq!(ro.org().counts(), (0, 0, 2), "the board and one team");
}

#[test]
fn closing_releases_the_lock_and_its_record() {
    let (_dir, path, writer) = served();
    writer.close().expect("the writer closes");
    let ro = Workspace::open_read_only(&path).expect("it opens read-only");
    assert_eq!(ro.writer(), None, "a closed writer leaves no record");
    let next = Workspace::open(&path).expect("the next writer takes the lock");
    assert!(next.is_writer());
    let holder = Workspace::open_read_only(&path).expect("read-only").writer().cloned().expect("a record");
    assert_eq!(holder.app, lock::APP_DEFAULT);
    assert_eq!(holder.pid, std::process::id(), "the record names this process");
}

#[test]
fn the_lock_of_a_writer_that_is_gone_is_taken_over() {
    // A writer that died without closing leaves its record; the operating system released its
    // lock (here: the workspace is dropped without `close`, as a crash would).
    let (_dir, path, writer) = served();
    let acknowledged = writer.org().snapshot();
    drop(writer);
    assert_eq!(
        Workspace::open_read_only(&path).expect("read-only").writer(),
        Some(&serve_holder()),
        "the stale record is still there"
    );
    let desktop = Holder::this_process(lock::APP_DESKTOP, Timestamp(T0.0 + 60_000));
    let ws = Workspace::open_as(&path, &desktop).expect("the stale lock is taken over");
    assert_eq!(ws.org().snapshot(), acknowledged, "with every acknowledged change");
    match Workspace::open(&path) {
        Err(Error::Locked { holder, .. }) => assert_eq!(holder, Some(desktop), "the record is overwritten"),
        other => panic!("the new writer holds the lock, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn a_workspace_reloaded_in_place_keeps_its_lock() {
    let (_dir, path, mut writer) = served();
    writer.reload().expect("reloads");
    assert!(writer.is_writer());
    assert!(matches!(Workspace::open(&path), Err(Error::Locked { .. })), "the lock is still held");
}

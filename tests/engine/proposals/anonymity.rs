//! After an anonymous round in which several participants answered, commented, replied, reacted,
//! edited and deleted, nothing in the workspace file — its raw bytes, any table, the change log —
//! nor in the exports links an answer or a comment to a participant. Each participant still
//! answered at most once.

use super::*;
use kader::proposals::{export, Anchor, EditKey, NewComment, Proof, Viewer};
use rusqlite::types::ValueRef;
use std::path::Path;

const PARTICIPANTS: usize = 7;

/// Every row of every table, as text (blobs in hex), with its table's name.
fn every_row(path: &Path) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(path).expect("the file opens");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables are listed");
    let mut rows = Vec::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).expect("a table can be read");
        let n = stmt.column_count();
        let mut q = stmt.query([]).expect("a table can be read");
        while let Some(r) = q.next().expect("rows") {
            let cells: Vec<String> = (0..n)
                .map(|i| match r.get_ref(i).expect("a cell") {
                    ValueRef::Null => "NULL".into(),
                    ValueRef::Integer(v) => v.to_string(),
                    ValueRef::Real(v) => v.to_string(),
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    ValueRef::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
                })
                .collect();
            rows.push((table.clone(), cells.join(" | ")));
        }
    }
    rows
}

fn columns(path: &Path, table: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).expect("opens");
    let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}')")).expect("columns");
    stmt.query_map([], |r| r.get(0)).expect("columns").collect::<rusqlite::Result<_>>().expect("columns")
}

/// The identifying strings of a participant: their id and their name.
fn identities(who: &[Participant]) -> Vec<String> {
    who.iter().flat_map(|p| [p.id.clone(), p.name.clone()]).collect()
}

/// The bytes of the workspace file and of its write-ahead log, if any.
fn raw_bytes(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).expect("the file can be read");
    let wal = path.with_extension("kader-wal");
    if let Ok(more) = std::fs::read(&wal) {
        bytes.extend(more);
    }
    bytes
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn an_anonymous_round_leaves_no_link_from_answers_or_comments_to_people() {
    let mut f = fixture(PARTICIPANTS);
    let who: Vec<Participant> = (0..PARTICIPANTS).map(|i| member(&f, i)).collect();
    // A person alone in a team: their team must not be recorded with their answer.
    let solo =
        Participant { id: "participant-solo-4d2a".into(), name: "Solo Name".into(), team: Some(f.solo) };
    let p = f.in_consent(Privacy { anonymous: true, hidden_results: true });
    let nurse = f.nurses[0];

    let mut keys: Vec<(kader::id::CommentId, EditKey)> = Vec::new();
    let mut answered_in_order: Vec<Vec<u8>> = Vec::new();
    for (i, person) in who.iter().enumerate() {
        let answer = match i % 3 {
            0 => consent(),
            1 => Answer::Concern { note: Some(format!("concern text {i}")) },
            _ => objection(&format!("objection reason {i}")),
        };
        let id = f.answer(&p, person, answer, 4 * DAY + i as i64 * 7_013).expect("an answer is taken");
        answered_in_order.push(id.0.as_bytes().to_vec());
        let anchor = if i % 2 == 0 { Anchor::Proposal } else { Anchor::Node { node: NodeRef::Role(nurse) } };
        let parent = keys.last().map(|(id, _)| *id).filter(|_| i % 3 == 2);
        let new = NewComment { parent, anchor, body: format!("comment body {i}") };
        let posted =
            pr::comment(&mut f.ws, p.id, person, new, &mut f.entropy, at(4 * DAY + i as i64 * 7_013 + 1))
                .expect("a comment is posted");
        let key = posted.edit_key.expect("an anonymous author gets an edit key");
        keys.push((posted.id, key));
    }
    f.answer(&p, &solo, consent(), 4 * DAY + 99).expect("the solo person answers");
    // Each participant answers at most once, anonymous or not.
    for person in &who {
        assert_refused(
            f.answer(&p, person, consent(), 5 * DAY),
            "already answered",
            "a second anonymous answer",
        );
    }
    // Authors edit and delete their own comments with their key; nobody else can.
    let (first, first_key) = keys[0].clone();
    pr::edit_comment(&mut f.ws, first, &Proof::Key(first_key.clone()), "comment body 0, edited", at(5 * DAY))
        .expect("edits");
    let e = pr::edit_comment(&mut f.ws, first, &Proof::Key(keys[1].1.clone()), "forged", at(5 * DAY))
        .expect_err("another key");
    assert!(e.to_string().contains("only its author"), "{e}");
    let e = pr::edit_comment(&mut f.ws, first, &Proof::Participant(who[0].id.clone()), "forged", at(5 * DAY))
        .expect_err("an anonymous comment knows no participant");
    assert!(e.to_string().contains("only its author"), "{e}");
    pr::delete_comment(&mut f.ws, keys[1].0, &Proof::Key(keys[1].1.clone()), at(5 * DAY)).expect("deletes");
    for person in &who[..3] {
        pr::react(&mut f.ws, keys[2].0, &person.id, "+1", true, at(5 * DAY)).expect("reacts");
    }

    let path = f.ws.path().to_owned();
    let mut secrets = identities(&who);
    secrets.extend(identities(std::slice::from_ref(&solo)));

    // While the round is open: results hidden, and no identity anywhere in the file.
    let o = pr::outcome(&f.ws, p.id, at(5 * DAY)).expect("reads").expect("a round");
    assert_eq!(
        (o.respondents, o.tally),
        (PARTICIPANTS as u32 + 1, None),
        "only participation shows while secret"
    );
    assert!(
        pr::objections(&f.ws, p.id, at(5 * DAY)).expect("reads").is_empty(),
        "objections hidden while secret"
    );
    check_file(&path, &secrets, "while the round is open");

    pr::close_round(&mut f.ws, p.id, &fac(6 * DAY)).expect("closes");
    check_file(&path, &secrets, "after the round closed");
    let register: i64 = rusqlite::Connection::open(&path)
        .expect("opens")
        .query_row("SELECT count(*) FROM respondent", [], |r| r.get(0))
        .expect("counts");
    assert_eq!(register, 0, "the register of who answered is gone once the round is closed");

    // The answer table cannot hold an author, and keeps no time and no order of answering.
    assert_eq!(
        columns(&path, "answer"),
        ["id", "proposal", "round", "kind", "note", "team", "integration"],
        "no author or time column on answers"
    );
    assert_eq!(
        columns(&path, "comment"),
        [
            "id", "proposal", "ordinal", "parent", "anchor", "body", "created", "edited", "deleted",
            "hidden", "edit_key"
        ],
        "no author column on comments"
    );
    let conn = rusqlite::Connection::open(&path).expect("opens");
    for table in ["answer_author", "comment_author"] {
        let n: i64 =
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).expect("counts");
        assert_eq!(n, 0, "{table} is never written for an anonymous proposal");
    }
    let without_rowid: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID%'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables");
    for table in ["answer", "respondent", "comment", "reaction"] {
        assert!(without_rowid.iter().any(|t| t == table), "{table} has no rowid to order it by");
    }
    let stored: Vec<Vec<u8>> = conn
        .prepare("SELECT id FROM answer")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("answers");
    let stored: Vec<Vec<u8>> = stored.into_iter().filter(|id| answered_in_order.contains(id)).collect();
    assert_eq!(stored.len(), PARTICIPANTS, "every answer is stored");
    assert_ne!(stored, answered_in_order, "the stored order is not the order of answering");
    let solo_team: i64 = conn
        .query_row("SELECT count(*) FROM answer WHERE team = ?1", [f.solo.to_string()], |r| r.get(0))
        .expect("counts");
    assert_eq!(solo_team, 0, "a team of one is never recorded with an answer");
    let care_team: i64 = conn
        .query_row("SELECT count(*) FROM answer WHERE team = ?1", [f.care.to_string()], |r| r.get(0))
        .expect("counts");
    assert_eq!(care_team, PARTICIPANTS as i64, "a team of seven is");
    // Anonymous comments keep their time to the minute only.
    let times: Vec<i64> = conn
        .prepare("SELECT created FROM comment")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("times");
    assert!(times.iter().all(|t| t % 60_000 == 0), "comment times are whole minutes: {times:?}");
    drop(conn);

    // The results, now visible, and per team only from five respondents.
    let o = pr::outcome(&f.ws, p.id, at(6 * DAY)).expect("reads").expect("a round");
    let tally = o.tally.expect("visible after the round closed");
    assert_eq!((tally.consent, tally.concern, tally.objection), (4, 2, 2), "counts per kind");
    assert_eq!(o.teams.len(), 1, "only the care team has five respondents");
    assert_eq!(o.teams[0].tally.total(), PARTICIPANTS as u32);
    let objections = pr::objections(&f.ws, p.id, at(6 * DAY)).expect("reads");
    assert_eq!(objections.len(), 2);
    assert!(objections.iter().all(|o| o.by.is_none()), "no objector's name");

    // The comments as read by a participant, and the exports.
    let thread =
        pr::comments(&f.ws, p.id, &Viewer { participant: Some(who[0].id.clone()), moderator: false })
            .expect("reads");
    assert!(thread.iter().all(|c| c.author.is_none()), "no author on anonymous comments");
    assert!(thread[1].deleted && thread[1].body.is_none(), "a deleted comment is a tombstone");
    assert_eq!(
        thread[2].reactions,
        vec![("+1".to_owned(), 3, true)],
        "reactions count, and the viewer's own shows"
    );
    let markdown = export::proposal_markdown(&f.ws, p.id, at(6 * DAY)).expect("exports");
    let html = export::proposal_html(&f.ws, p.id, at(6 * DAY)).expect("exports");
    for secret in &secrets {
        assert!(!markdown.contains(secret.as_str()), "the Markdown export names {secret}");
        assert!(!html.contains(secret.as_str()), "the HTML export names {secret}");
    }
    assert!(markdown.contains("comment body 0, edited"), "the export holds the discussion:\n{markdown}");

    // Adoption is blocked by the objections; rejecting it logs a decision without names.
    pr::reject(&mut f.ws, p.id, "Objections weigh too much.", &fac(7 * DAY)).expect("rejects");
    let log = export::decision_log_markdown(&f.ws).expect("exports");
    let log_html = export::decision_log_html(&f.ws).expect("exports");
    for secret in &secrets {
        assert!(
            !log.contains(secret.as_str()) && !log_html.contains(secret.as_str()),
            "the decision log names {secret}"
        );
    }
    assert!(log.contains("objection reason 2"), "the log keeps the objections:\n{log}");
    check_file(&path, &secrets, "after the proposal was rejected");
    let salt: Option<Vec<u8>> = rusqlite::Connection::open(&path)
        .expect("opens")
        .query_row("SELECT salt FROM proposal", [], |r| r.get(0))
        .expect("reads");
    assert_eq!(salt, None, "the salt of the pseudonyms is erased when the proposal closes");

    // Nothing of the round reached the change log of the organization.
    let history = f.ws.history(1000).expect("reads");
    assert!(
        history.iter().all(|e| !e.summary.contains("answer") && !e.summary.contains("comment")),
        "{history:?}"
    );
    drop(f.ws);
    check_file(&path, &secrets, "after closing the workspace");
}

/// No identity in the raw bytes of the file and its log, nor in any row of any table; the
/// write-ahead log is empty after anonymous writes.
fn check_file(path: &Path, secrets: &[String], when: &str) {
    let bytes = raw_bytes(path);
    for secret in secrets {
        assert!(!contains(&bytes, secret), "{when}: the file's bytes contain {secret:?}");
    }
    for (table, row) in every_row(path) {
        for secret in secrets {
            assert!(!row.contains(secret.as_str()), "{when}: table {table} names {secret:?}: {row}");
        }
    }
    let wal = path.with_extension("kader-wal");
    let wal_len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    assert_eq!(
        wal_len, 0,
        "{when}: the write-ahead log keeps no frames (and so no order) of anonymous writes"
    );
}

#[test]
fn a_named_round_does_record_who_answered_and_wrote() {
    // The control of the test above: it can fail, because a named round stores names.
    let mut f = fixture(2);
    let ann = member(&f, 0);
    let p = f.in_consent(Privacy::default());
    f.answer(&p, &ann, objection("A reason"), 4 * DAY).expect("answers");
    let new = NewComment { parent: None, anchor: Anchor::Proposal, body: "Named comment".into() };
    let posted = pr::comment(&mut f.ws, p.id, &ann, new, &mut f.entropy, at(4 * DAY)).expect("posts");
    assert!(posted.edit_key.is_none(), "a named author proves themselves by their participant id");
    let rows = every_row(f.ws.path());
    assert!(rows.iter().any(|(t, r)| t == "answer_author" && r.contains(&ann.name)), "the answer is named");
    assert!(rows.iter().any(|(t, r)| t == "comment_author" && r.contains(&ann.id)), "the comment is named");
    pr::edit_comment(&mut f.ws, posted.id, &Proof::Participant(ann.id.clone()), "Edited", at(4 * DAY + 1))
        .expect("own");
    let other = member(&f, 1);
    let e = pr::delete_comment(&mut f.ws, posted.id, &Proof::Participant(other.id), at(4 * DAY + 2))
        .expect_err("not own");
    assert!(e.to_string().contains("only its author"), "{e}");
}

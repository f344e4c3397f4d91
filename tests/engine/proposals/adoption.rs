//! Adoption applies the staged operations as one change: atomic (a failing operation leaves the
//! organization, the file and the proposal as they were), undoable in one step, and recorded in
//! an append-only decision log.

use super::*;
use kader::proposals::{export, Amendment, Integration};

#[test]
fn staging_never_touches_the_live_organization() {
    let mut f = fixture(2);
    let before = f.ws.org().snapshot();
    let history = f.ws.history(100).expect("reads").len();
    let p = f.in_consent(Privacy::default());
    pr::close_round(&mut f.ws, p.id, &fac(4 * DAY)).expect("closes");
    assert_eq!(f.ws.org().snapshot(), before, "a staged proposal is not applied");
    assert_eq!(f.ws.history(100).expect("reads").len(), history, "nor in the change log");
}

#[test]
fn adoption_is_one_change_and_undo_restores_the_organization_exactly() {
    let mut f = fixture(2);
    let p = f.in_consent(Privacy::default());
    let before = f.ws.org().snapshot();
    let expected =
        pr::dry_run(f.ws.org(), p.proposed.ops().expect("operations")).expect("applies").snapshot();
    let history = f.ws.history(100).expect("reads").len();
    f.answer(&p, &member(&f, 0), consent(), 4 * DAY).expect("answers");
    pr::close_round(&mut f.ws, p.id, &fac(5 * DAY)).expect("closes");
    let adoption = pr::adopt(&mut f.ws, p.id, &fac(5 * DAY + 1)).expect("adopts");

    assert_eq!(f.ws.org().snapshot(), expected, "every operation is applied");
    assert_eq!(f.ws.history(100).expect("reads").len(), history + 1, "as one change");
    let change = adoption.change.expect("a change of the organization");
    assert!(change.summary.starts_with("adopt proposal \"A coach for the care team\""), "{}", change.summary);
    assert_eq!(adoption.decision.change, Some(change.seq), "the decision names its change");
    assert_eq!(on_disk(f.ws.path()), expected, "the file holds the adopted organization");

    assert!(!pr::decisions(&f.ws).expect("reads")[0].undone);
    f.ws.undo(&fac(6 * DAY)).expect("undo works").expect("there is a change to undo");
    assert_eq!(f.ws.org().snapshot(), before, "one undo restores the organization exactly");
    assert!(pr::decisions(&f.ws).expect("reads")[0].undone, "the log says its change was undone");
    assert!(
        export::decision_log_markdown(&f.ws).expect("exports").contains("its change was undone since"),
        "and so does its export"
    );
    f.ws.redo(&fac(6 * DAY)).expect("redo works").expect("there is a change to redo");
    assert_eq!(f.ws.org().snapshot(), expected, "redo applies it again");
    assert!(!pr::decisions(&f.ws).expect("reads")[0].undone, "redone: in effect again");
    assert!(
        matches!(state_of(&f, &p), State::Adopted { .. }),
        "the proposal stays adopted: the decision was taken"
    );
    assert_eq!(pr::decisions(&f.ws).expect("reads").len(), 1, "and logged once");
}

#[test]
fn a_failing_operation_changes_nothing_and_the_proposal_stays_in_its_round() {
    let mut f = fixture(2);
    let p = f.in_consent(Privacy::default());
    f.answer(&p, &member(&f, 0), consent(), 4 * DAY).expect("answers");
    // After staging, the live organization changes: the director the coach would report to goes.
    let director = f.director;
    apply_all(&mut f.ws, [Op::RemoveRole { id: director }]);
    let before = f.ws.org().snapshot();
    let proposal_before = pr::get(&f.ws, p.id).expect("exists");
    let history = f.ws.history(100).expect("reads");

    let e = pr::adopt(&mut f.ws, p.id, &fac(11 * DAY)).expect_err("an operation fails");
    assert!(matches!(e, Error::NotFound { .. }), "the failing operation's error: {e:?}");
    assert_eq!(f.ws.org().snapshot(), before, "the organization is unchanged");
    assert_eq!(on_disk(f.ws.path()), before, "and so is the file");
    assert_eq!(f.ws.history(100).expect("reads"), history, "nothing in the change log");
    assert_eq!(
        pr::get(&f.ws, p.id).expect("exists"),
        proposal_before,
        "the proposal is unchanged, still in its round"
    );
    assert!(pr::decisions(&f.ws).expect("reads").is_empty(), "no decision was logged");
    assert_eq!(
        pr::outcome(&f.ws, p.id, at(11 * DAY)).expect("reads").expect("a round").respondents,
        1,
        "the round's register is intact"
    );
}

#[test]
fn the_decision_log_records_why_how_and_the_objections_and_cannot_be_rewritten() {
    let mut f = fixture(3);
    let p = f.in_consent(Privacy::default());
    let (ann, bob) = (member(&f, 0), member(&f, 1));
    let o = f.answer(&p, &ann, objection("Who coaches the coach?"), 4 * DAY).expect("answers");
    f.answer(&p, &bob, Answer::Concern { note: Some("Budget?".into()) }, 4 * DAY).expect("answers");
    let amendment = Amendment {
        revision: None,
        note: "Peer coaching added.".into(),
        integrations: vec![Integration {
            objection: o,
            note: "Coaches meet monthly for peer coaching.".into(),
        }],
    };
    pr::amend(&mut f.ws, p.id, amendment, at(8 * DAY), &fac(5 * DAY)).expect("amends");
    f.answer(&p, &ann, consent(), 6 * DAY).expect("answers");
    f.answer(&p, &bob, Answer::StandAside, 6 * DAY).expect("answers");
    pr::close_round(&mut f.ws, p.id, &fac(7 * DAY)).expect("closes");
    pr::adopt(&mut f.ws, p.id, &fac(7 * DAY + 5)).expect("adopts");

    let log = pr::decisions(&f.ws).expect("reads");
    assert_eq!(log.len(), 1);
    let d = &log[0];
    assert_eq!((d.outcome.as_str(), d.title.as_str()), ("adopted", "A coach for the care team"));
    assert_eq!(d.rationale, "Nurses ask for support, not more control.", "why");
    assert_eq!(d.what.len(), 2, "what: one line per operation");
    assert_eq!(
        (d.tally.consent, d.tally.stand_aside, d.tally.objection),
        (1, 1, 0),
        "the final round's outcome"
    );
    assert_eq!(
        d.rounds.iter().map(|r| (r.number, r.respondents)).collect::<Vec<_>>(),
        vec![(1, 2), (2, 2)],
        "rounds held"
    );
    assert_eq!(d.rounds[1].amendment.as_deref(), Some("Peer coaching added."));
    assert_eq!(d.objections.len(), 1);
    assert_eq!(d.objections[0].reason, "Who coaches the coach?");
    assert_eq!(d.objections[0].by.as_deref(), Some("Employee Name00"), "named: the objector");
    assert_eq!(d.objections[0].integration.as_deref(), Some("Coaches meet monthly for peer coaching."));
    assert_eq!(d.at, at(7 * DAY + 5), "when");

    let conn = rusqlite::Connection::open(f.ws.path()).expect("opens");
    for sql in ["UPDATE decision SET record = '{}'", "DELETE FROM decision"] {
        let e = conn.execute(sql, []).expect_err("append-only");
        assert!(e.to_string().contains("append-only"), "{sql}: {e}");
    }
}

#[test]
fn a_rejection_is_a_decision_and_a_withdrawal_is_not() {
    let mut f = fixture(1);
    let p = f.in_consent(Privacy::default());
    let e = pr::reject(&mut f.ws, p.id, " ", &fac(4 * DAY)).expect_err("a reason is required");
    assert!(matches!(e, Error::Invalid(_)), "{e}");
    pr::reject(&mut f.ws, p.id, "The budget is spent.", &fac(4 * DAY)).expect("rejects");
    let q = f.draft(Privacy::default());
    pr::withdraw(&mut f.ws, q.id, &fac(4 * DAY)).expect("withdraws");
    let log = pr::decisions(&f.ws).expect("reads");
    assert_eq!(log.len(), 1, "only the rejection");
    assert_eq!(
        (log[0].outcome.as_str(), log[0].reason.as_deref()),
        ("rejected", Some("The budget is spent."))
    );
    assert_eq!(log[0].change, None, "nothing was applied");
}

#[test]
fn a_framework_change_adopts_new_levels_as_one_undoable_change() {
    let mut f = fixture(1);
    let scheduling = domain(&mut f.ids, "Work schedules");
    apply_all(&mut f.ws, [Op::AddDomain { domain: scheduling.clone() }]);
    let before = f.ws.org().snapshot();
    let mut guarded = scheduling.clone();
    guarded.guardrails = vec!["Two nurses on every shift".into()];
    let ops = vec![
        Op::UpdateDomain { domain: guarded },
        Op::SetDelegation {
            domain: scheduling.id,
            subject: kader::model::Unit::Team(f.care),
            current: Some(level(6)),
            desired: Some(level(7)),
            note: None,
        },
    ];
    let p = f.draft_with(Revision::Framework { ops }, Privacy::default());
    pr::open_for_comments(&mut f.ws, p.id, at(DAY), &fac(1)).expect("opens");
    pr::start_consent(&mut f.ws, p.id, at(2 * DAY), &fac(DAY)).expect("starts");
    let adoption = pr::adopt(&mut f.ws, p.id, &fac(2 * DAY)).expect("adopts after the deadline");
    assert!(adoption.change.is_some());
    let d = f.ws.org().domain(scheduling.id).expect("exists");
    assert_eq!(d.guardrails, vec!["Two nurses on every shift".to_owned()]);
    assert_eq!(d.delegations[0].current, Some(level(6)));
    let noted = d.delegations[0].history.last().expect("the level's history");
    assert_eq!((noted.by.as_str(), noted.at), ("Fien Facilitator", at(2 * DAY)), "who adopted it, and when");
    assert!(noted.why.contains("Adopted proposal") && noted.why.contains(&p.title), "{}", noted.why);
    f.ws.undo(&fac(3 * DAY)).expect("undoes").expect("something");
    assert_eq!(f.ws.org().snapshot(), before, "one undo");
}

#[test]
fn a_file_from_before_proposals_is_migrated_when_opened() {
    let mut f = fixture(1);
    let path = f.ws.path().to_owned();
    drop(f.ws);
    {
        let conn = rusqlite::Connection::open(&path).expect("opens");
        conn.execute_batch(&format!("{DROP_FORMAT_3} PRAGMA user_version = 2;")).expect("downgraded");
    }
    f.ws = Workspace::open(&path).expect("the workspace opens and migrates");
    let p = f.draft(Privacy::default());
    assert_eq!(pr::list(&f.ws).expect("lists"), vec![p], "proposals work in the migrated file");
}

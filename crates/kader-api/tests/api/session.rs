//! Session rules with time passed in: the timer, the lockout ending, the code retired after too
//! many wrong tries, roles, and what a participant sees of a poker round.

use kader_api::session::{
    normalize_code, Principal, SessionPatch, SessionRole, Sessions, TimerAction, LOCKOUT_MS, TRIES_PER_CODE,
};
use kader_api::Code;

const T: i64 = 1_795_858_200_000;

fn started() -> (Sessions, String) {
    let sessions = Sessions::default();
    let view = sessions.start("http://127.0.0.1:7878/join".into(), false).expect("starts");
    (sessions, view.code)
}

#[test]
fn the_timer_counts_down_pauses_and_resets() {
    let (sessions, _) = started();
    let agenda = vec![kader_api::session::AgendaItem { title: "Vision".into(), minutes: 10 }];
    let patch = SessionPatch { agenda: Some(agenda), current: Some(Some(0)), ..SessionPatch::default() };
    sessions.update(patch, T).expect("an agenda");
    let start = SessionPatch { timer: Some(TimerAction::Start), ..SessionPatch::default() };
    let (view, _) = sessions.update(start, T).expect("started");
    assert_eq!(view.timer.as_ref().and_then(|t| t.ends_at), Some(T + 600_000));
    let later = sessions.view(&Principal::Facilitator, T + 60_000).expect("a view");
    assert_eq!(later.timer.as_ref().map(|t| t.remaining_ms), Some(540_000));
    let pause = SessionPatch { timer: Some(TimerAction::Pause), ..SessionPatch::default() };
    let (paused, _) = sessions.update(pause, T + 120_000).expect("paused");
    let timer = paused.timer.expect("a timer");
    assert_eq!((timer.running, timer.remaining_ms, timer.ends_at), (false, 480_000, None));
    // Paused, time does not run.
    assert_eq!(
        sessions.view(&Principal::Facilitator, T + 900_000).expect("view").timer.map(|t| t.remaining_ms),
        Some(480_000)
    );
    let reset = SessionPatch { timer: Some(TimerAction::Reset), ..SessionPatch::default() };
    assert_eq!(sessions.update(reset, T).expect("reset").0.timer.map(|t| t.remaining_ms), Some(600_000));
    // Past zero it shows zero, not a negative time.
    let start = SessionPatch { timer: Some(TimerAction::Start), ..SessionPatch::default() };
    sessions.update(start, T).expect("started");
    assert_eq!(
        sessions.view(&Principal::Facilitator, T + 700_000).expect("view").timer.map(|t| t.remaining_ms),
        Some(0)
    );
    // Bad values name themselves.
    let bad = SessionPatch { current: Some(Some(3)), ..SessionPatch::default() };
    let e = sessions.update(bad, T).expect_err("no item 4");
    assert!(e.message.contains("agenda item 4"), "{}", e.message);
    let bad = SessionPatch { view: Some(Some("admin".into())), ..SessionPatch::default() };
    assert!(sessions.update(bad, T).expect_err("no such view").message.contains("\"admin\""));
}

#[test]
fn a_lockout_ends_after_five_minutes_and_guessing_retires_the_code() {
    let (sessions, code) = started();
    let wrong = if code == "AAAAAA" { "BBBBBB" } else { "AAAAAA" };
    for _ in 0..5 {
        sessions.join(wrong, "Mallory", "10.0.0.9", T).expect_err("wrong");
    }
    let e = sessions.join(&code, "Mallory", "10.0.0.9", T + 1000).expect_err("locked out");
    assert_eq!(e.code, Code::TooMany);
    // Another device is not locked out; after five minutes this one is not either.
    sessions.join(&code, "Ann", "10.0.0.10", T + 1000).expect("another device joins");
    sessions
        .join(&normalize_code(&code.to_lowercase()), "Mallory", "10.0.0.9", T + LOCKOUT_MS + 1)
        .expect("later");

    // Guessing from many addresses retires the code.
    for i in 0..TRIES_PER_CODE {
        let _ = sessions.join(wrong, "Bot", &format!("10.1.{}.{}", i / 200, i % 200), T);
    }
    let e = sessions.join(&code, "Late", "10.0.0.11", T).expect_err("the old code is retired");
    assert_eq!(e.code, Code::Forbidden);
    let new = sessions.view(&Principal::Facilitator, T).expect("view").code;
    assert_ne!(new, code, "the facilitator sees a new code");
    sessions.join(&new, "Late", "10.0.0.11", T).expect("the new code works");
}

#[test]
fn roles_and_poker_as_a_participant_sees_them() {
    let (sessions, code) = started();
    let (token, ann) = sessions.join(&code, "Ann", "a", T).expect("joins");
    let (_, bob) = sessions.join(&code, "Bob", "b", T).expect("joins");
    assert_eq!(sessions.identify(&token), Some((ann.id.clone(), SessionRole::Participant)));
    assert_eq!(sessions.identify("0".repeat(32).as_str()), None);
    let domain = "0190a000-0000-7000-8000-00000000d001".parse().expect("an id");
    let team = "0190a000-0000-7000-8000-00000000e001".parse().expect("an id");
    sessions.start_poker(domain, team, T).expect("a round");
    let (ann_p, bob_p) = (Principal::Participant(ann.id.clone()), Principal::Participant(bob.id.clone()));
    sessions.pick(&ann_p, 2, T).expect("picks");
    assert_eq!(sessions.pick(&ann_p, 8, T).expect_err("no card 8").code, Code::Invalid);
    sessions.pick(&bob_p, 6, T).expect("picks");
    let seen = sessions.view(&bob_p, T).expect("view").poker.expect("a round");
    assert_eq!((seen.mine, seen.cards.len(), seen.picked.len()), (Some(6), 1, 2), "his own card only");
    // An observer watches.
    sessions.set_role(&bob.id, SessionRole::Observer, T).expect("observer");
    assert_eq!(sessions.pick(&bob_p, 5, T).expect_err("observers do not pick").code, Code::Forbidden);
    // The facilitator plays too, and their card counts.
    sessions.pick(&Principal::Facilitator, 4, T).expect("the facilitator picks");
    let seen = sessions.view(&ann_p, T).expect("view").poker.expect("a round");
    assert_eq!((seen.cards.len(), seen.picked.len()), (1, 3), "the facilitator's card is secret too");
    assert_eq!(sessions.again(T).expect_err("not before the reveal").code, Code::Invalid);
    sessions.reveal(T).expect("revealed");
    assert_eq!(sessions.to_record().expect("ready").cards, "2, 4, 6");
    let seen = sessions.view(&ann_p, T).expect("view").poker.expect("a round");
    assert_eq!(seen.spread.map(|s| (s.min, s.max)), Some((2, 6)));
    assert_eq!((seen.round, seen.cards.len()), (1, 3), "everyone sees the revealed cards");
    // A second round for the outliers: cleared and secret again, numbered.
    sessions.again(T).expect("round 2");
    let seen = sessions.view(&ann_p, T).expect("view").poker.expect("a round");
    assert_eq!((seen.round, seen.revealed, seen.cards.len(), seen.picked.len()), (2, false, 0, 0));
    assert_eq!(seen.mine, None);
    assert_eq!(sessions.to_record().expect_err("not revealed").code, Code::Invalid);
    sessions.pick(&ann_p, 4, T).expect("picks again");
    sessions.pick(&Principal::Facilitator, 4, T).expect("picks again");
    sessions.reveal(T).expect("revealed");
    let round = sessions.to_record().expect("ready");
    assert_eq!((round.cards.as_str(), round.round, round.domain, round.team), ("4, 4", 2, domain, team));
    // Recording ends the round: everyone's poker panel closes.
    sessions.recorded(&round, T).expect("recorded");
    assert_eq!(sessions.view(&ann_p, T).expect("view").poker, None);
    // Ending revokes everyone.
    let effects = sessions.end().expect("ends");
    assert!(effects.ended && effects.disconnect.len() == 2);
    assert_eq!(sessions.identify(&token), None);
}

#[test]
fn a_consultation_outlives_the_server_and_tells_a_participant_when_they_were_last_here() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("c.kader");
    kader::Workspace::create(&path, kader::date::Timestamp(0)).expect("a workspace");
    let (token, ann, code) = {
        let api = kader_api::Api::open(&path).expect("opens");
        let sessions = api.sessions();
        let view = sessions.start("http://127.0.0.1:7420/join".into(), false).expect("starts");
        let (token, ann) = sessions.join(&view.code, "Ann", "10.0.0.2", 1_000).expect("joins");
        // A first visit, from 1 000 to 5 000.
        sessions.connected(&ann.id, true, 1_000);
        sessions.connected(&ann.id, false, 5_000);
        api.close().expect("closes");
        (token, ann, view.code)
    };
    // The token is not in the file, only its hash.
    let bytes = std::fs::read(&path).expect("the file");
    assert!(!bytes.windows(token.len()).any(|w| w == token.as_bytes()), "the token is not stored");

    // The server starts again: the same code, and Ann's token is still Ann.
    let api = kader_api::Api::open(&path).expect("opens again");
    let sessions = api.sessions();
    let (id, role) = sessions.identify(&token).expect("the same identity after a restart");
    assert_eq!((id.as_str(), role), (ann.id.as_str(), SessionRole::Participant));
    assert_eq!(sessions.view(&Principal::Facilitator, 9_000).expect("running").code, code);
    // Her second visit knows when the first one ended.
    sessions.connected(&ann.id, true, 90_000);
    let me = sessions.view(&Principal::Participant(ann.id.clone()), 90_000).expect("her view").me;
    assert_eq!(me.previous_visit, Some(5_000));
    assert!(sessions.identify("0123456789abcdef0123456789abcdef").is_none(), "another token is nobody");
    // Ending the session forgets it for good.
    sessions.end().expect("ends");
    api.close().expect("closes");
    let api = kader_api::Api::open(&path).expect("opens a third time");
    assert!(!api.sessions().running(), "an ended session does not come back");
    assert!(api.sessions().identify(&token).is_none());
}

#[test]
fn a_participant_may_not_replace_or_empty_the_organization() {
    use kader::i18n::Lang;
    use kader::op::Op;
    use kader_api::session::is_bulk;
    let (sessions, _) = started();
    let unload = Op::Unload {
        persons: Vec::new(),
        roles: vec!["0190a000-0000-7000-8000-0000000000aa".parse().expect("an id")],
        teams: Vec::new(),
        relations: Vec::new(),
        domains: Vec::new(),
    };
    let load = Op::Load { org: kader::Snapshot::default() };
    let rename = Op::RemoveRole { id: "0190a000-0000-7000-8000-0000000000ab".parse().expect("an id") };
    let nested = Op::batch("outer", vec![rename.clone(), Op::batch("inner", vec![load.clone()])]);
    assert!(is_bulk(&unload) && is_bulk(&load) && is_bulk(&nested));
    assert!(!is_bulk(&rename) && !is_bulk(&Op::batch("two", vec![rename.clone(), rename.clone()])));
    // Not allowed at all until the facilitator allows structural changes.
    assert_eq!(
        sessions.participant_may_apply(&rename, Lang::En).expect_err("not allowed").code,
        Code::Forbidden
    );
    let allow = SessionPatch { structure_allowed: Some(true), ..SessionPatch::default() };
    sessions.update(allow, T).expect("allowed");
    sessions.participant_may_apply(&rename, Lang::En).expect("a single change is fine");
    for op in [&unload, &load, &nested] {
        let en = sessions.participant_may_apply(op, Lang::En).expect_err("bulk");
        let nl = sessions.participant_may_apply(op, Lang::Nl).expect_err("bulk");
        assert_eq!((en.code, nl.code), (Code::Forbidden, Code::Forbidden));
        assert!(en.message.contains("facilitator only"), "{}", en.message);
        assert!(nl.message.contains("alleen de facilitator"), "{}", nl.message);
    }
}

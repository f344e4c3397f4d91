//! The lifecycle as a table: every action in every state is either allowed (and does what it
//! says) or refused with an `Error::State` that names the state. Then the rules inside a round:
//! one answer per participant, a reason for every objection, deadlines, amendments.

use super::*;
use kader::proposals::{Amendment, DraftEdit, Integration, NewComment};

#[derive(Clone, Copy, Debug, PartialEq)]
enum S {
    Draft,
    Comments,
    Open,
    Closed,
    PastDeadline,
    Adopted,
    Rejected,
    Withdrawn,
}

const STATES: [S; 8] =
    [S::Draft, S::Comments, S::Open, S::Closed, S::PastDeadline, S::Adopted, S::Rejected, S::Withdrawn];

/// The time each state is observed at: after the round's deadline for `PastDeadline`.
fn now(s: S) -> i64 {
    if s == S::PastDeadline {
        11 * DAY
    } else {
        5 * DAY
    }
}

/// Words the refusal must contain for each state.
fn named(s: S) -> &'static str {
    match s {
        S::Draft => "in draft",
        S::Comments => "open for comments",
        S::Open => "consent round 1, open until",
        S::Closed => "consent round 1, closed at",
        S::PastDeadline => "consent round 1, which closed at its deadline",
        S::Adopted => "adopted",
        S::Rejected => "rejected",
        S::Withdrawn => "withdrawn",
    }
}

fn in_state(f: &mut Fixture, s: S) -> Proposal {
    let p = match s {
        S::Draft => return f.draft(Privacy::default()),
        S::Comments => {
            let p = f.draft(Privacy::default());
            return pr::open_for_comments(&mut f.ws, p.id, at(3 * DAY), &fac(1)).expect("opens");
        }
        _ => f.in_consent(Privacy::default()),
    };
    match s {
        S::Open | S::PastDeadline => {}
        S::Closed => {
            pr::close_round(&mut f.ws, p.id, &fac(4 * DAY)).expect("closes");
        }
        S::Adopted => {
            pr::close_round(&mut f.ws, p.id, &fac(4 * DAY)).expect("closes");
            pr::adopt(&mut f.ws, p.id, &fac(4 * DAY + 1)).expect("adopts");
        }
        S::Rejected => {
            pr::reject(&mut f.ws, p.id, "Not now.", &fac(4 * DAY)).expect("rejects");
        }
        S::Withdrawn => {
            pr::withdraw(&mut f.ws, p.id, &fac(4 * DAY)).expect("withdraws");
        }
        _ => unreachable!(),
    }
    pr::get(&f.ws, p.id).expect("exists")
}

#[derive(Clone, Copy, Debug)]
enum A {
    Edit,
    OpenForComments,
    StartConsent,
    Answer,
    CloseRound,
    Amend,
    Adopt,
    Reject,
    Withdraw,
    Comment,
}

const ACTIONS: [A; 10] = [
    A::Edit,
    A::OpenForComments,
    A::StartConsent,
    A::Answer,
    A::CloseRound,
    A::Amend,
    A::Adopt,
    A::Reject,
    A::Withdraw,
    A::Comment,
];

/// Performs an action; `Ok(())` or the error.
fn act(f: &mut Fixture, p: &Proposal, a: A, ms: i64) -> Result<(), Error> {
    let who = member(f, 0);
    match a {
        A::Edit => pr::edit(
            &mut f.ws,
            p.id,
            DraftEdit { title: Some("Renamed".into()), ..Default::default() },
            &fac(ms),
        )
        .map(drop),
        A::OpenForComments => pr::open_for_comments(&mut f.ws, p.id, at(ms + DAY), &fac(ms)).map(drop),
        A::StartConsent => pr::start_consent(&mut f.ws, p.id, at(ms + DAY), &fac(ms)).map(drop),
        A::Answer => f.answer(p, &who, consent(), ms).map(drop),
        A::CloseRound => pr::close_round(&mut f.ws, p.id, &fac(ms)).map(drop),
        A::Amend => {
            let amendment = Amendment {
                revision: None,
                note: "Clarified the coach's role.".into(),
                integrations: vec![],
            };
            pr::amend(&mut f.ws, p.id, amendment, at(ms + DAY), &fac(ms)).map(drop)
        }
        A::Adopt => pr::adopt(&mut f.ws, p.id, &fac(ms)).map(drop),
        A::Reject => pr::reject(&mut f.ws, p.id, "Not now.", &fac(ms)).map(drop),
        A::Withdraw => pr::withdraw(&mut f.ws, p.id, &fac(ms)).map(drop),
        A::Comment => {
            let new = NewComment { parent: None, anchor: pr::Anchor::Proposal, body: "Good idea.".into() };
            pr::comment(&mut f.ws, p.id, &who, new, &mut f.entropy, at(ms)).map(drop)
        }
    }
}

/// Whether an action is allowed in a state, and the state it leads to.
fn rule(s: S, a: A) -> Option<&'static str> {
    use A::*;
    use S::*;
    Some(match (a, s) {
        (Edit, Draft) => "draft",
        (OpenForComments, Draft) => "comments",
        (StartConsent, Comments) => "consent",
        (Answer, Open) => "consent",
        (CloseRound, Open | PastDeadline) => "consent",
        (Amend, Open | Closed | PastDeadline) => "consent",
        (Adopt, Closed | PastDeadline) => "adopted",
        (Reject, Comments | Open | Closed | PastDeadline) => "rejected",
        (Withdraw, Draft | Comments | Open | Closed | PastDeadline) => "withdrawn",
        (Comment, Comments | Open | Closed | PastDeadline) => s_name(s),
        _ => return None,
    })
}

fn s_name(s: S) -> &'static str {
    match s {
        S::Draft => "draft",
        S::Comments => "comments",
        S::Adopted => "adopted",
        S::Rejected => "rejected",
        S::Withdrawn => "withdrawn",
        _ => "consent",
    }
}

#[test]
fn every_action_in_every_state_is_allowed_or_refused_by_name() {
    let mut checked = 0;
    for s in STATES {
        for a in ACTIONS {
            let mut f = fixture(3);
            let p = in_state(&mut f, s);
            let before = pr::get(&f.ws, p.id).expect("exists");
            let org_before = f.ws.org().snapshot();
            let result = act(&mut f, &p, a, now(s));
            let what = format!("{a:?} in {s:?}");
            match rule(s, a) {
                Some(next) => {
                    result.unwrap_or_else(|e| panic!("{what} must be allowed, but: {e}"));
                    assert_eq!(state_of(&f, &p).name(), next, "{what} leads to {next}");
                }
                None => {
                    assert_refused(result, named(s), &what);
                    assert_eq!(
                        pr::get(&f.ws, p.id).expect("exists"),
                        before,
                        "{what}: a refusal changes nothing"
                    );
                    assert_eq!(
                        f.ws.org().snapshot(),
                        org_before,
                        "{what}: a refusal leaves the organization"
                    );
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 80, "8 states × 10 actions");
}

#[test]
fn each_participant_answers_once_per_round_and_an_objection_needs_a_reason() {
    let mut f = fixture(3);
    let p = f.in_consent(Privacy::default());
    let ann = member(&f, 0);
    f.answer(&p, &ann, consent(), 4 * DAY).expect("a first answer is taken");
    assert!(pr::has_answered(&f.ws, p.id, &ann.id, at(4 * DAY)).expect("reads"), "Ann has answered");
    assert!(!pr::has_answered(&f.ws, p.id, &member(&f, 2).id, at(4 * DAY)).expect("reads"), "Cas has not");
    assert_refused(
        f.answer(&p, &ann, objection("Changed my mind"), 4 * DAY + 1),
        "already answered consent round 1",
        "a second answer",
    );
    let bob = member(&f, 1);
    for blank in ["", "   "] {
        let e = f.answer(&p, &bob, objection(blank), 4 * DAY).expect_err("an objection without a reason");
        assert!(matches!(&e, Error::Invalid(m) if m.contains("reason")), "names the missing reason: {e}");
    }
    f.answer(&p, &bob, Answer::Concern { note: None }, 4 * DAY).expect("a concern needs no note");
    let cas = member(&f, 2);
    assert_refused(
        f.answer(&p, &cas, consent(), 10 * DAY),
        "closed at its deadline",
        "an answer at the deadline",
    );
    let o = pr::outcome(&f.ws, p.id, at(4 * DAY)).expect("reads").expect("has a round");
    assert_eq!(
        (o.respondents, o.tally.map(|t| (t.consent, t.concern))),
        (2, Some((1, 1))),
        "two answers counted"
    );
}

#[test]
fn an_objection_blocks_adoption_until_an_amendment_integrates_it() {
    let mut f = fixture(3);
    let p = f.in_consent(Privacy::default());
    let (ann, bob) = (member(&f, 0), member(&f, 1));
    let objection_id =
        f.answer(&p, &ann, objection("The coach must not evaluate us."), 4 * DAY).expect("taken");
    f.answer(&p, &bob, consent(), 4 * DAY).expect("taken");
    pr::close_round(&mut f.ws, p.id, &fac(5 * DAY)).expect("closes");
    assert_refused(
        pr::adopt(&mut f.ws, p.id, &fac(5 * DAY)),
        "1 objection(s) of round 1 are open",
        "adoption with an objection",
    );

    let no_note = Amendment { revision: None, note: "Coach only supports.".into(), integrations: vec![] };
    let e = pr::amend(&mut f.ws, p.id, no_note, at(8 * DAY), &fac(5 * DAY))
        .expect_err("every objection needs a note");
    assert!(e.to_string().contains(&objection_id.to_string()), "names the objection without a note: {e}");

    let ops = f.coach_ops();
    let amendment = Amendment {
        revision: Some(Revision::Structure { ops }),
        note: "The coach supports; evaluation stays with the director.".into(),
        integrations: vec![Integration {
            objection: objection_id,
            note: "Evaluation removed from the coach's role.".into(),
        }],
    };
    let p2 = pr::amend(&mut f.ws, p.id, amendment, at(8 * DAY), &fac(5 * DAY)).expect("amends");
    assert_eq!(p2.state, State::Consent { round: 2, until: at(8 * DAY), closed: None }, "round 2 is open");
    assert_eq!(p2.rounds.len(), 2, "two rounds");
    assert_eq!(p2.rounds[0].closed, Some(at(5 * DAY)), "round 1 keeps its close time");
    let objections = pr::objections(&f.ws, p.id, at(5 * DAY)).expect("reads");
    assert_eq!(objections.len(), 1);
    assert_eq!(
        objections[0].integration.as_deref(),
        Some("Evaluation removed from the coach's role."),
        "integrated with its note"
    );

    // The new round takes a new answer from everyone, Ann included.
    f.answer(&p, &ann, consent(), 6 * DAY).expect("Ann answers round 2");
    f.answer(&p, &bob, consent(), 6 * DAY).expect("Bob answers round 2");
    assert_refused(
        pr::adopt(&mut f.ws, p.id, &fac(6 * DAY)),
        "consent round 2, open until",
        "adoption of an open round",
    );
    let adopted = pr::adopt(&mut f.ws, p.id, &fac(8 * DAY)).expect("adopts once the deadline has passed");
    assert_eq!(adopted.decision.rounds.len(), 2, "the decision records both rounds");
    assert_eq!(adopted.decision.tally.consent, 2, "the final round's outcome");
}

#[test]
fn deadlines_must_lie_ahead_and_an_amendment_keeps_the_kind() {
    let mut f = fixture(1);
    let p = f.draft(Privacy::default());
    let e = pr::open_for_comments(&mut f.ws, p.id, at(0), &fac(10)).expect_err("a past deadline");
    assert!(matches!(e, Error::Invalid(ref m) if m.contains("must be after now")), "{e}");
    pr::open_for_comments(&mut f.ws, p.id, at(DAY), &fac(10)).expect("opens");
    let e = pr::start_consent(&mut f.ws, p.id, at(DAY), &fac(DAY)).expect_err("a deadline equal to now");
    assert!(matches!(e, Error::Invalid(_)), "{e}");
    pr::start_consent(&mut f.ws, p.id, at(3 * DAY), &fac(DAY)).expect("starts");
    let vision = Amendment {
        revision: Some(Revision::Vision {
            sections: vec![pr::SectionText { section: "purpose".into(), text: "x".into() }],
        }),
        note: "switch".into(),
        integrations: vec![],
    };
    let e = pr::amend(&mut f.ws, p.id, vision, at(4 * DAY), &fac(2 * DAY)).expect_err("another kind");
    assert!(e.to_string().contains("keeps the kind"), "{e}");
}

#[test]
fn a_proposal_needs_a_title_a_rationale_and_a_change_that_applies() {
    let mut f = fixture(1);
    let base = || NewProposal {
        title: "Title".into(),
        rationale: "Why".into(),
        author: Author { name: "Fien".into(), participant: Some("p-1".into()) },
        goals: vec![],
        revision: Revision::Structure {
            ops: vec![Op::RemoveRole { id: RoleId(uuid::Uuid::from_u64_pair(7, 7)) }],
        },
        privacy: Privacy::default(),
    };
    let cases: Vec<(NewProposal, &str)> = vec![
        (NewProposal { rationale: "  ".into(), ..base() }, "rationale"),
        (NewProposal { title: "".into(), ..base() }, "title"),
        (base(), "does not apply"),
        (NewProposal { revision: Revision::Structure { ops: vec![] }, ..base() }, "at least one operation"),
        (
            NewProposal { revision: Revision::Framework { ops: f.coach_ops() }, ..base() },
            "decision domains and delegation levels only",
        ),
        (
            NewProposal {
                revision: Revision::Vision {
                    sections: vec![pr::SectionText { section: "mission".into(), text: "x".into() }],
                },
                ..base()
            },
            "not a vision section",
        ),
    ];
    for (new, expected) in cases {
        let e = pr::create(&mut f.ws, new, &mut f.ids, &mut f.entropy, &fac(0)).expect_err(expected);
        assert!(e.to_string().contains(expected), "refused naming {expected:?}: {e}");
    }
    assert!(pr::list(&f.ws).expect("lists").is_empty(), "nothing was created");
}

#[test]
fn a_secret_round_is_amended_only_once_closed() {
    let mut f = fixture(2);
    let p = f.in_consent(Privacy { anonymous: false, hidden_results: true });
    let o = f.answer(&p, &member(&f, 0), objection("Too fast."), 4 * DAY).expect("answers");
    let amendment = Amendment {
        revision: None,
        note: "Slower.".into(),
        integrations: vec![Integration { objection: o, note: "Phased over a year.".into() }],
    };
    assert_refused(
        pr::amend(&mut f.ws, p.id, amendment.clone(), at(9 * DAY), &fac(5 * DAY)),
        "results are secret until the round closes",
        "amending a secret open round",
    );
    pr::close_round(&mut f.ws, p.id, &fac(5 * DAY)).expect("closes");
    pr::amend(&mut f.ws, p.id, amendment, at(9 * DAY), &fac(5 * DAY)).expect("amends once closed");
}

//! Random sequences of lifecycle calls, at random moments, against a small reference model of the
//! lifecycle: the engine allows exactly what the model allows, ends in the model's state, and
//! never reaches an inconsistent one — adopted with an open objection, two answers by one
//! participant in one round, a register that disagrees with the answers, or an organization
//! changed by anything but an adoption.

use super::*;
use kader::proposals::{Amendment, Integration};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use std::collections::BTreeSet;

#[derive(Clone, Debug)]
enum Call {
    Open(i64),
    Start(i64),
    Answer(usize, u8),
    Close,
    /// An amendment with a deadline, integrating every objection (`true`) or none.
    Amend(i64, bool),
    Adopt,
    Reject,
    Withdraw,
    /// Time passes.
    Wait(i64),
}

fn call() -> impl Strategy<Value = Call> {
    let span = prop_oneof![1 => Just(0i64), 8 => 1i64..4 * DAY];
    prop_oneof![
        3 => span.clone().prop_map(Call::Open),
        3 => span.clone().prop_map(Call::Start),
        10 => (0usize..4, 0u8..4).prop_map(|(who, kind)| Call::Answer(who, kind)),
        3 => Just(Call::Close),
        2 => (span, any::<bool>()).prop_map(|(d, all)| Call::Amend(d, all)),
        4 => Just(Call::Adopt),
        1 => Just(Call::Reject),
        1 => Just(Call::Withdraw),
        3 => (0i64..3 * DAY).prop_map(Call::Wait),
    ]
}

#[derive(Clone, Debug, PartialEq)]
enum M {
    Draft,
    Comments,
    Consent { round: u32, until: i64, closed: bool },
    Adopted,
    Rejected,
    Withdrawn,
}

struct Model {
    state: M,
    /// Who answered the current round, and how many objections it has.
    answered: BTreeSet<usize>,
    objections: u32,
}

impl Model {
    fn name(&self) -> &'static str {
        match self.state {
            M::Draft => "draft",
            M::Comments => "comments",
            M::Consent { .. } => "consent",
            M::Adopted => "adopted",
            M::Rejected => "rejected",
            M::Withdrawn => "withdrawn",
        }
    }
    fn open(&self, now: i64) -> bool {
        matches!(self.state, M::Consent { until, closed: false, .. } if now < until)
    }
    fn new_round(&mut self, round: u32, until: i64) {
        self.state = M::Consent { round, until, closed: false };
        self.answered.clear();
        self.objections = 0;
    }

    /// Whether the call is allowed, and then the model's next state.
    fn step(&mut self, call: &Call, now: i64) -> bool {
        match (call, self.state.clone()) {
            (Call::Open(d), M::Draft) if *d > 0 => self.state = M::Comments,
            (Call::Start(d), M::Comments) if *d > 0 => self.new_round(1, now + d),
            (Call::Answer(who, _), M::Consent { .. }) if self.open(now) && !self.answered.contains(who) => {
                self.answered.insert(*who);
            }
            (Call::Close, M::Consent { round, until, closed: false }) => {
                self.state = M::Consent { round, until, closed: true }
            }
            (Call::Amend(d, all), M::Consent { round, .. }) if *d > 0 && (*all || self.objections == 0) => {
                self.new_round(round + 1, now + d)
            }
            (Call::Adopt, M::Consent { until, closed, .. })
                if (closed || now >= until) && self.objections == 0 =>
            {
                self.state = M::Adopted
            }
            (Call::Reject, M::Comments | M::Consent { .. }) => self.state = M::Rejected,
            (Call::Withdraw, M::Draft | M::Comments | M::Consent { .. }) => self.state = M::Withdrawn,
            (Call::Wait(_), _) => {}
            _ => return false,
        }
        true
    }
}

fn answer_of(kind: u8) -> Answer {
    match kind {
        0 => Answer::Consent,
        1 => Answer::Concern { note: None },
        2 => Answer::Objection { reason: "A reason".into() },
        _ => Answer::StandAside,
    }
}

fn play(calls: Vec<Call>, anonymous: bool) -> Result<(), TestCaseError> {
    let mut f = fixture(4);
    let p = f.draft(Privacy { anonymous, hidden_results: false });
    let initial = f.ws.org().snapshot();
    let adopted_org = pr::dry_run(f.ws.org(), p.proposed.ops().expect("ops")).expect("applies").snapshot();
    let mut model = Model { state: M::Draft, answered: BTreeSet::new(), objections: 0 };
    let mut now = 10;

    for (step, call) in calls.iter().enumerate() {
        now += 1;
        let result: Result<(), Error> = match call {
            Call::Open(d) => pr::open_for_comments(&mut f.ws, p.id, at(now + d), &fac(now)).map(drop),
            Call::Start(d) => pr::start_consent(&mut f.ws, p.id, at(now + d), &fac(now)).map(drop),
            Call::Answer(who, kind) => {
                let person = member(&f, *who);
                f.answer(&p, &person, answer_of(*kind), now).map(drop)
            }
            Call::Close => pr::close_round(&mut f.ws, p.id, &fac(now)).map(drop),
            Call::Amend(d, all) => {
                let state = state_of(&f, &p);
                let round = match state {
                    State::Consent { round, .. } => round,
                    _ => 0,
                };
                let integrations = if *all {
                    pr::objections(&f.ws, p.id, at(now))
                        .expect("objections can be read")
                        .into_iter()
                        .filter(|o| o.round == round)
                        .map(|o| Integration { objection: o.id, note: "Integrated.".into() })
                        .collect()
                } else {
                    Vec::new()
                };
                let amendment = Amendment { revision: None, note: "Amended.".into(), integrations };
                pr::amend(&mut f.ws, p.id, amendment, at(now + d), &fac(now)).map(drop)
            }
            Call::Adopt => pr::adopt(&mut f.ws, p.id, &fac(now)).map(drop),
            Call::Reject => pr::reject(&mut f.ws, p.id, "No.", &fac(now)).map(drop),
            Call::Withdraw => pr::withdraw(&mut f.ws, p.id, &fac(now)).map(drop),
            Call::Wait(ms) => {
                now += ms;
                Ok(())
            }
        };
        let allowed = model.step(call, now);
        if let (Call::Answer(_, 2), true, Ok(())) = (call, allowed, &result) {
            model.objections += 1;
        }
        prop_assert_eq!(result.is_ok(), allowed, "step {} {:?}: the engine said {:?}", step, call, result);
        if let Err(e) = &result {
            prop_assert!(
                matches!(e, Error::State(_) | Error::Invalid(_)),
                "step {} {:?}: a refusal, not {:?}",
                step,
                call,
                e
            );
        }

        // The engine's state is the model's.
        let proposal = pr::get(&f.ws, p.id).expect("the proposal can be read");
        prop_assert_eq!(proposal.state.name(), model.name(), "step {} {:?}", step, call);
        if let (State::Consent { round, closed, until }, M::Consent { round: r, closed: c, until: u }) =
            (proposal.state, &model.state)
        {
            prop_assert_eq!(
                (round, closed.is_some(), until.0),
                (*r, *c, T0.0 + u),
                "step {} {:?}: the round",
                step,
                call
            );
        }
        // At most one answer per participant and round; every answer counted once.
        let conn = rusqlite::Connection::open(f.ws.path()).expect("the file opens");
        let doubles: i64 = conn
            .query_row(
                "SELECT count(*) FROM (SELECT a.round, w.participant FROM answer a JOIN answer_author w ON w.answer = a.id
                 GROUP BY a.round, w.participant HAVING count(*) > 1)",
                [],
                |r| r.get(0),
            )
            .expect("counts");
        prop_assert_eq!(doubles, 0, "step {}: two answers by one participant in one round", step);
        if let (Some(last), M::Consent { .. }) = (proposal.rounds.last(), &model.state) {
            let answers: i64 = conn
                .query_row(
                    "SELECT count(*) FROM answer WHERE proposal = ?1 AND round = ?2",
                    rusqlite::params![p.id.to_string(), last.number],
                    |r| r.get(0),
                )
                .expect("counts");
            prop_assert_eq!(
                answers as usize,
                model.answered.len(),
                "step {}: answers in round {}",
                step,
                last.number
            );
            let o = pr::outcome(&f.ws, p.id, at(now)).expect("reads").expect("a round");
            prop_assert_eq!(o.respondents as usize, model.answered.len(), "step {}: respondents", step);
            let anonymous_authors: i64 =
                conn.query_row("SELECT count(*) FROM answer_author", [], |r| r.get(0)).expect("counts");
            prop_assert!(
                !anonymous || anonymous_authors == 0,
                "step {}: an anonymous answer got an author",
                step
            );
        }
        // Adopted only without an open objection; the organization changes only by adoption.
        if model.state == M::Adopted {
            let open = pr::objections(&f.ws, p.id, at(now))
                .expect("reads")
                .into_iter()
                .filter(|o| {
                    o.integration.is_none() && Some(o.round) == proposal.rounds.last().map(|r| r.number)
                })
                .count();
            prop_assert_eq!(open, 0, "step {}: adopted with an open objection", step);
            prop_assert_eq!(
                &f.ws.org().snapshot(),
                &adopted_org,
                "step {}: adoption applied the change",
                step
            );
        } else {
            prop_assert_eq!(
                &f.ws.org().snapshot(),
                &initial,
                "step {}: the organization changed without adoption",
                step
            );
        }
        if let Err(e) = f.ws.org().check_invariants() {
            return Err(TestCaseError::fail(format!("step {step}: an invariant broke: {e}")));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(Config {
        cases: 64,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(0x4B41_4452),
        ..Config::default()
    })]

    #[test]
    fn random_lifecycle_calls_follow_the_model_and_stay_consistent(
        calls in proptest::collection::vec(call(), 1..60),
        anonymous in any::<bool>(),
    ) {
        play(calls, anonymous)?;
    }
}

//! Proposals, comments and consent: the lifecycle and its refusals (`lifecycle`), adoption as one
//! atomic, undoable change with its decision-log entry (`adoption`), comments and reactions
//! (`comments`), what an anonymous round leaves in the file (`anonymity`), results, news, exports
//! and vision revisions (`results`), and random sequences of lifecycle calls (`props`).

mod adoption;
mod anonymity;
mod comments;
mod lifecycle;
mod limits;
mod props;
mod results;

use super::*;
use kader::id::{SeededEntropy, SeqIds};
use kader::model::Relation;
use kader::proposals::{
    self as pr, Answer, Author, NewProposal, Participant, Privacy, Proposal, Revision, State,
};
use kader::Error;

/// SQL that takes a workspace file back to format 2: without the tables of proposals.
pub const DROP_FORMAT_3: &str = "DROP TABLE proposal; DROP TABLE proposal_round; DROP TABLE proposal_event;
    DROP TABLE respondent; DROP TABLE answer; DROP TABLE answer_author; DROP TABLE comment;
    DROP TABLE comment_author; DROP TABLE reaction; DROP TABLE decision;";

/// One day in milliseconds.
pub const DAY: i64 = 86_400_000;

/// A time `ms` after [`T0`].
pub fn at(ms: i64) -> Timestamp {
    Timestamp(T0.0 + ms)
}

/// The facilitator acting at `ms` after [`T0`].
pub fn fac(ms: i64) -> Ctx {
    ctx_at("Fien Facilitator", ms)
}

/// An organization: a director, a team "Care" of `care` people (each filling a nurse role that
/// reports to the director) and a team "Solo" of one person.
pub struct Fixture {
    /// Keeps the workspace's directory alive.
    pub _dir: TempDir,
    pub ws: Workspace,
    pub ids: SeqIds,
    pub entropy: SeededEntropy,
    pub director: RoleId,
    pub care: TeamId,
    pub solo: TeamId,
    pub nurses: Vec<RoleId>,
    pub people: Vec<PersonId>,
}

pub fn fixture(care: usize) -> Fixture {
    let (dir, mut ws) = ws();
    let mut ids = SeqIds::new(0x9A);
    let director = role(&mut ids, "Director");
    let care_team = team(&mut ids, "Care");
    let solo_team = team(&mut ids, "Solo");
    let mut ops = vec![
        Op::AddRole { role: director.clone() },
        Op::AddTeam { team: care_team.clone() },
        Op::AddTeam { team: solo_team.clone() },
    ];
    let (mut nurses, mut people) = (Vec::new(), Vec::new());
    for i in 0..care {
        let r = role(&mut ids, &format!("Nurse {i}"));
        let p = person(&mut ids, &format!("Nurse person {i}"));
        ops.push(Op::AddRole { role: r.clone() });
        ops.push(Op::AddPerson { person: p.clone() });
        ops.push(Op::Connect { relation: Relation::ReportsTo { role: r.id, manager: director.id } });
        ops.push(Op::Connect { relation: Relation::MemberOf { role: r.id, team: care_team.id } });
        ops.push(Op::Connect { relation: Relation::Fills { person: p.id, role: r.id, fte: fte(1.0) } });
        nurses.push(r.id);
        people.push(p.id);
    }
    let solo_role = role(&mut ids, "Solo role");
    let solo_person = person(&mut ids, "Solo person");
    ops.push(Op::AddRole { role: solo_role.clone() });
    ops.push(Op::AddPerson { person: solo_person.clone() });
    ops.push(Op::Connect { relation: Relation::MemberOf { role: solo_role.id, team: solo_team.id } });
    ops.push(Op::Connect {
        relation: Relation::Fills { person: solo_person.id, role: solo_role.id, fte: fte(1.0) },
    });
    apply_all(&mut ws, [Op::batch("fixture", ops)]);
    Fixture {
        _dir: dir,
        ws,
        ids,
        entropy: SeededEntropy::new(0x5EED),
        director: director.id,
        care: care_team.id,
        solo: solo_team.id,
        nurses,
        people,
    }
}

impl Fixture {
    /// A new role "Team coach" reporting to the director: the structural change most tests propose.
    pub fn coach_ops(&mut self) -> Vec<Op> {
        let coach = role(&mut self.ids, "Team coach");
        vec![
            Op::AddRole { role: coach.clone() },
            Op::Connect { relation: Relation::ReportsTo { role: coach.id, manager: self.director } },
        ]
    }

    pub fn draft(&mut self, privacy: Privacy) -> Proposal {
        let ops = self.coach_ops();
        self.draft_with(Revision::Structure { ops }, privacy)
    }

    pub fn draft_with(&mut self, revision: Revision, privacy: Privacy) -> Proposal {
        let new = NewProposal {
            title: "A coach for the care team".into(),
            rationale: "Nurses ask for support, not more control.".into(),
            author: Author { name: "Fien Facilitator".into(), participant: None },
            goals: vec!["Care that is simple".into()],
            revision,
            privacy,
        };
        pr::create(&mut self.ws, new, &mut self.ids, &mut self.entropy, &fac(0))
            .expect("a valid draft is created")
    }

    /// A proposal in consent round 1, open until day 10 (comments from day 0 to day 3).
    pub fn in_consent(&mut self, privacy: Privacy) -> Proposal {
        let p = self.draft(privacy);
        pr::open_for_comments(&mut self.ws, p.id, at(3 * DAY), &fac(1)).expect("a draft opens for comments");
        pr::start_consent(&mut self.ws, p.id, at(10 * DAY), &fac(3 * DAY)).expect("a consent round starts")
    }

    pub fn answer(
        &mut self,
        p: &Proposal,
        who: &Participant,
        answer: Answer,
        ms: i64,
    ) -> Result<kader::id::AnswerId, Error> {
        pr::answer(&mut self.ws, p.id, who, answer, &mut self.entropy, at(ms))
    }
}

/// Participant `i` of the Care team (a person of the fixture), with a distinctive id and name.
pub fn member(f: &Fixture, i: usize) -> Participant {
    Participant {
        id: format!("participant-{i:02}-{}", f.people[i].0.simple()),
        name: format!("Employee Name{i:02}"),
        team: Some(f.care),
    }
}

pub fn consent() -> Answer {
    Answer::Consent
}

pub fn objection(reason: &str) -> Answer {
    Answer::Objection { reason: reason.into() }
}

/// The error must be a refusal for the proposal's state, naming it.
#[track_caller]
pub fn assert_refused<T: std::fmt::Debug>(result: Result<T, Error>, state_words: &str, what: &str) {
    match result {
        Err(Error::State(message)) => {
            assert!(
                message.contains(state_words),
                "{what}: the refusal {message:?} must name the state {state_words:?}"
            )
        }
        other => panic!("{what}: must be refused for its state ({state_words}), but got {other:?}"),
    }
}

pub fn state_of(f: &Fixture, p: &Proposal) -> State {
    pr::get(&f.ws, p.id).expect("the proposal exists").state
}

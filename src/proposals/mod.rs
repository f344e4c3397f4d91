//! Proposals: a suggested change of the structure, the vision or the decision framework, with its
//! rationale, discussed in comments, consented to in numbered rounds, and then adopted — which
//! applies it — or rejected or withdrawn.
//!
//! **The lifecycle** is an explicit state machine ([`State`]):
//!
//! ```text
//! draft ──open_for_comments──► comments ──start_consent──► consent round 1 ──amend──► round 2 …
//!   │                             │                          │  close_round / deadline
//!   └──────── withdraw ◄──────────┴──────── reject ◄─────────┤
//!                                                            └──adopt (round closed, no objection)
//! ```
//!
//! Every step is a function that refuses what its state does not allow with [`Error::State`],
//! whose message names the state. The proposed change is edited only in a draft or by an
//! amendment; answers are taken only while a round is open (not closed, before its deadline); a
//! proposal is adopted only when its last round is closed without an objection. The engine never
//! reads the clock: the time of every step is passed in, and a round whose deadline has passed
//! counts as closed.
//!
//! **Adoption** of a structural or framework proposal is one `Op::batch` through
//! [`Workspace::apply`]: one undoable change; its decision-log entry and the proposal's new state
//! are written in the same transaction, so either all of it happened or none. A vision revision
//! writes one Yjs update of the vision document in one transaction with the same records.
//!
//! **Anonymity.** What may hold a person is fixed by the schema: answers (`answer`) and comments
//! (`comment`) have no author column; who gave an answer or wrote a comment of a *named*
//! proposal sits in `answer_author` / `comment_author`, which are never written for an anonymous
//! one. The register of who answered a round holds salted hashes, no time, ordered by the hash,
//! and is deleted (to a count) when the round closes; the salt is erased when the proposal
//! closes. Answer and comment ids are random (from [`Entropy`]), the tables have no rowid, and
//! anonymous comments keep their time to the minute. A team is recorded with an anonymous answer
//! only for teams of at least [`MIN_GROUP`] people, and figures per team are shown only from
//! [`MIN_GROUP`] respondents. Writes of an anonymous proposal run with `secure_delete` and end
//! with a checkpoint that empties the write-ahead log, so neither freed pages nor the log's
//! frames keep an order of events. See ARCHITECTURE.md for what remains.
//!
//! Authorization (who is the facilitator) is the adapters' job; the engine checks what only it
//! can: that a comment is edited by its author.

mod comments;
mod db;
pub mod export;
mod lifecycle;
mod preview;
pub mod vision;

use crate::date::Timestamp;
use crate::error::{Error, Result};
use crate::id::{AnswerId, Entropy, IdSource, ProposalId, TeamId};
use crate::model::{NodeRef, Relation};
use crate::op::Op;
use crate::org::Org;
use crate::workspace::{Change, Ctx, Workspace};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::sync::Arc;

pub use comments::{
    comment, comment_proposal, comments, delete_comment, edit_comment, hide_comment, news, react, Anchor,
    Comment, EditKey, NewComment, News, Posted, Proof, Viewer,
};
pub use lifecycle::{
    adopt, amend, answer, close_round, create, decisions, edit, get, has_answered, list, objections,
    open_for_comments, outcome, reject, start_consent, withdraw,
};
pub use preview::{preview, CellChange, DomainChange, Figures, NodeChange, NodeChangeKind, Preview};
pub use vision::{DiffLine, SectionDiff};

/// Figures per team are shown, and a team is recorded with an anonymous answer, only from this
/// many people up.
pub const MIN_GROUP: usize = 5;
/// The longest title, in characters.
pub const MAX_TITLE: usize = 200;
/// The longest text (rationale, comment, note, reason), in characters.
pub const MAX_TEXT: usize = 20_000;

// ----- the data ------------------------------------------------------------------------------

/// What a proposal changes.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Structure,
    Vision,
    Framework,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Structure => "structure",
            Kind::Vision => "vision",
            Kind::Framework => "framework",
        }
    }
}

/// The proposed change as submitted: operations, or the new text of vision sections.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Revision {
    /// Operations on the structure, staged: never applied before adoption.
    Structure { ops: Vec<Op> },
    /// The new plain text of some vision sections, one paragraph per line.
    Vision { sections: Vec<SectionText> },
    /// New delegation levels and guardrails: only decision-domain operations.
    Framework { ops: Vec<Op> },
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionText {
    pub section: String,
    pub text: String,
}

/// The proposed change as staged. A vision revision keeps, per section, the text it was written
/// against (`base`) beside the proposed text: a readable diff needs both, and adoption refuses a
/// section that changed since (see [`vision`]).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Proposed {
    Structure { ops: Vec<Op> },
    Vision { sections: Vec<SectionRevision> },
    Framework { ops: Vec<Op> },
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionRevision {
    pub section: String,
    pub base: String,
    pub proposed: String,
}

impl Proposed {
    pub fn kind(&self) -> Kind {
        match self {
            Proposed::Structure { .. } => Kind::Structure,
            Proposed::Vision { .. } => Kind::Vision,
            Proposed::Framework { .. } => Kind::Framework,
        }
    }
    /// The operations of a structural or framework proposal.
    pub fn ops(&self) -> Option<&[Op]> {
        match self {
            Proposed::Structure { ops } | Proposed::Framework { ops } => Some(ops),
            Proposed::Vision { .. } => None,
        }
    }
    /// One line per operation or revised section: what adopting it decides.
    pub fn summary(&self) -> Vec<String> {
        match self {
            Proposed::Structure { ops } | Proposed::Framework { ops } => {
                ops.iter().map(Op::summary).collect()
            }
            Proposed::Vision { sections } => {
                sections.iter().map(|s| format!("revise the vision section {:?}", s.section)).collect()
            }
        }
    }
}

/// Who wrote a proposal: a display name, and the participant when it came through a session.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub name: String,
    pub participant: Option<String>,
}

/// Set by the facilitator while the proposal is a draft.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Privacy {
    /// Nothing links an answer or a comment to a person.
    pub anonymous: bool,
    /// The round's figures and objections stay hidden until the round closes.
    pub hidden_results: bool,
}

/// Where a proposal is in its lifecycle.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum State {
    Draft,
    Comments {
        until: Timestamp,
    },
    /// Consent round `round` (from 1), open until `until` unless closed earlier.
    Consent {
        round: u32,
        until: Timestamp,
        closed: Option<Timestamp>,
    },
    Adopted {
        at: Timestamp,
    },
    Rejected {
        at: Timestamp,
    },
    Withdrawn {
        at: Timestamp,
    },
}

impl State {
    pub fn name(&self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Comments { .. } => "comments",
            State::Consent { .. } => "consent",
            State::Adopted { .. } => "adopted",
            State::Rejected { .. } => "rejected",
            State::Withdrawn { .. } => "withdrawn",
        }
    }

    /// Whether the state is final.
    pub fn is_closed(&self) -> bool {
        matches!(self, State::Adopted { .. } | State::Rejected { .. } | State::Withdrawn { .. })
    }

    /// The open round at `now`: its number, when it is neither closed nor past its deadline.
    pub fn open_round(&self, now: Timestamp) -> Option<u32> {
        match *self {
            State::Consent { round, until, closed: None } if now < until => Some(round),
            _ => None,
        }
    }

    /// The state in words, for refusals: "in draft", "in consent round 2, closed at …".
    pub fn describe(&self, now: Timestamp) -> String {
        match *self {
            State::Draft => "in draft".into(),
            State::Comments { until } => format!("open for comments until {until}"),
            State::Consent { round, closed: Some(at), .. } => {
                format!("in consent round {round}, closed at {at}")
            }
            State::Consent { round, until, .. } if now >= until => {
                format!("in consent round {round}, which closed at its deadline {until}")
            }
            State::Consent { round, until, .. } => format!("in consent round {round}, open until {until}"),
            State::Adopted { at } => format!("adopted (at {at})"),
            State::Rejected { at } => format!("rejected (at {at})"),
            State::Withdrawn { at } => format!("withdrawn (at {at})"),
        }
    }
}

/// A consent round.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub number: u32,
    pub opened: Timestamp,
    pub until: Timestamp,
    /// When it was closed, by the facilitator or a later step; a round past its deadline is
    /// closed too, even before this is set.
    pub closed: Option<Timestamp>,
    /// How many answered; set when the round closes (until then, see [`outcome`]).
    pub respondents: Option<u32>,
    /// The amendment that started this round (none for round 1).
    pub amendment: Option<String>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: ProposalId,
    pub title: String,
    /// The why: required.
    pub rationale: String,
    pub author: Author,
    /// The vision goals the proposal serves.
    pub goals: Vec<String>,
    pub proposed: Proposed,
    pub state: State,
    pub privacy: Privacy,
    pub rounds: Vec<Round>,
    pub created: Timestamp,
    pub updated: Timestamp,
}

/// What a new proposal is made of.
#[derive(Clone, Debug, PartialEq)]
pub struct NewProposal {
    pub title: String,
    pub rationale: String,
    pub author: Author,
    pub goals: Vec<String>,
    pub revision: Revision,
    pub privacy: Privacy,
}

/// A change of a draft: each field given replaces the old one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DraftEdit {
    pub title: Option<String>,
    pub rationale: Option<String>,
    pub goals: Option<Vec<String>>,
    pub revision: Option<Revision>,
    pub privacy: Option<Privacy>,
}

/// An answer in a consent round.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "answer", rename_all = "snake_case")]
pub enum Answer {
    Consent,
    Concern {
        note: Option<String>,
    },
    /// The reason is required.
    Objection {
        reason: String,
    },
    StandAside,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    Consent,
    Concern,
    Objection,
    StandAside,
}

impl AnswerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AnswerKind::Consent => "consent",
            AnswerKind::Concern => "concern",
            AnswerKind::Objection => "objection",
            AnswerKind::StandAside => "stand_aside",
        }
    }
    pub fn parse(s: &str) -> Option<AnswerKind> {
        Some(match s {
            "consent" => AnswerKind::Consent,
            "concern" => AnswerKind::Concern,
            "objection" => AnswerKind::Objection,
            "stand_aside" => AnswerKind::StandAside,
            _ => return None,
        })
    }
}

impl Answer {
    pub fn kind(&self) -> AnswerKind {
        match self {
            Answer::Consent => AnswerKind::Consent,
            Answer::Concern { .. } => AnswerKind::Concern,
            Answer::Objection { .. } => AnswerKind::Objection,
            Answer::StandAside => AnswerKind::StandAside,
        }
    }
    fn note(&self) -> Option<&str> {
        match self {
            Answer::Concern { note } => note.as_deref(),
            Answer::Objection { reason } => Some(reason),
            _ => None,
        }
    }
}

/// Someone taking part: an opaque participant id (a session's), their display name and, when
/// known, their team.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    pub id: String,
    pub name: String,
    pub team: Option<TeamId>,
}

/// Answers per kind.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub consent: u32,
    pub concern: u32,
    pub objection: u32,
    pub stand_aside: u32,
}

impl Tally {
    fn add(&mut self, kind: AnswerKind) {
        match kind {
            AnswerKind::Consent => self.consent += 1,
            AnswerKind::Concern => self.concern += 1,
            AnswerKind::Objection => self.objection += 1,
            AnswerKind::StandAside => self.stand_aside += 1,
        }
    }
    pub fn total(&self) -> u32 {
        self.consent + self.concern + self.objection + self.stand_aside
    }
}

/// The figures of a team with at least [`MIN_GROUP`] respondents.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamTally {
    pub team: TeamId,
    pub tally: Tally,
}

/// The result of the current (or last) round.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub round: u32,
    pub open: bool,
    pub respondents: u32,
    /// `None` while the results are hidden (secret and the round still open).
    pub tally: Option<Tally>,
    /// Teams with at least [`MIN_GROUP`] respondents; the others are only in the total.
    pub teams: Vec<TeamTally>,
}

/// An objection and how it was integrated.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objection {
    pub id: AnswerId,
    pub round: u32,
    /// The objector's name, for named proposals only.
    pub by: Option<String>,
    pub reason: String,
    /// How an amendment integrated it; `None` while it is open.
    pub integration: Option<String>,
}

/// How an amendment integrates one objection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Integration {
    pub objection: AnswerId,
    pub note: String,
}

/// An amendment by the facilitator: optionally a new proposed change, what changed, and how each
/// objection of the round was integrated.
#[derive(Clone, Debug, PartialEq)]
pub struct Amendment {
    pub revision: Option<Revision>,
    pub note: String,
    pub integrations: Vec<Integration>,
}

/// A lifecycle event, for what is new since a visit.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ProposalEvent"))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub proposal: ProposalId,
    pub at: Timestamp,
    pub actor: String,
    pub kind: String,
    pub round: Option<u32>,
    pub note: Option<String>,
}

/// One entry of the decision log: what was decided, why, and how.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub proposal: ProposalId,
    pub at: Timestamp,
    pub decided_by: String,
    /// "adopted" or "rejected".
    pub outcome: String,
    pub kind: Kind,
    pub title: String,
    pub rationale: String,
    pub goals: Vec<String>,
    /// What adopting it changed (or would have changed), one line each.
    pub what: Vec<String>,
    /// Why a proposal was rejected.
    pub reason: Option<String>,
    /// The final round's answers.
    pub tally: Tally,
    pub rounds: Vec<RoundRecord>,
    pub objections: Vec<Objection>,
    /// The change-log entry of the adoption (structure and framework).
    pub change: Option<i64>,
    pub anonymous: bool,
    /// The adoption's change was undone since (Ctrl+Z): the decision stands in the log, but the
    /// organization no longer shows it. Read from the history, never stored with the entry.
    #[serde(default, skip_deserializing)]
    pub undone: bool,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundRecord {
    pub number: u32,
    pub opened: Timestamp,
    pub closed: Timestamp,
    pub respondents: u32,
    pub tally: Tally,
    pub amendment: Option<String>,
}

/// What adoption did.
#[derive(Clone, Debug)]
pub struct Adoption {
    pub decision: Decision,
    /// The change of the organization (structure and framework): undo reverts it.
    pub change: Option<Arc<Change>>,
    /// The Yjs update written to the vision (vision revisions): for the co-editing hub to apply
    /// and relay.
    pub vision_update: Option<Vec<u8>>,
}

// ----- validation ------------------------------------------------------------------------------

fn refused(p: &Proposal, now: Timestamp, what: &str) -> Error {
    Error::State(format!("proposal {:?} is {}: {what}", p.title, p.state.describe(now)))
}

fn text(what: &str, s: &str, required: bool) -> Result<String> {
    let s = s.trim();
    if required && s.is_empty() {
        return Err(Error::invalid(format!("{what} is required and must not be empty")));
    }
    if s.chars().count() > MAX_TEXT {
        return Err(Error::invalid(format!("{what} is longer than {MAX_TEXT} characters")));
    }
    Ok(s.to_owned())
}

fn title(s: &str) -> Result<String> {
    let s = text("the title", s, true)?;
    crate::limits::check(crate::limits::Field::ProposalTitle, &s)?;
    Ok(s)
}

/// [`text`] with the limit of [`crate::limits`] for `field` (comments and rationales).
fn limited(what: &str, field: crate::limits::Field, s: &str) -> Result<String> {
    let s = text(what, s, true)?;
    crate::limits::check(field, &s)?;
    Ok(s)
}

fn goals(goals: &[String]) -> Result<Vec<String>> {
    goals.iter().map(|g| text("a linked goal", g, true)).collect()
}

fn is_framework_op(op: &Op) -> bool {
    match op {
        Op::AddDomain { .. }
        | Op::UpdateDomain { .. }
        | Op::RemoveDomain { .. }
        | Op::SetDelegation { .. } => true,
        Op::Batch { ops, .. } => ops.iter().all(is_framework_op),
        _ => false,
    }
}

/// Applies the operations to a copy of the organization: the state it would be in after
/// adoption, or the error that adoption would meet.
pub fn dry_run(org: &Org, ops: &[Op]) -> Result<Org> {
    let mut copy = org.clone();
    copy.apply(&Op::batch("dry run", ops.to_vec()))?;
    Ok(copy)
}

/// Checks a revision against the workspace and stages it: operations must apply cleanly to the
/// live organization (on a copy), sections must exist and change something.
fn stage(ws: &Workspace, revision: Revision) -> Result<Proposed> {
    match revision {
        Revision::Structure { ops } | Revision::Framework { ops } if ops.is_empty() => {
            Err(Error::invalid("a proposal needs at least one operation"))
        }
        Revision::Structure { ops } => {
            dry_run(ws.org(), &ops)
                .map_err(|e| Error::invalid(format!("the proposed change does not apply: {e}")))?;
            Ok(Proposed::Structure { ops })
        }
        Revision::Framework { ops } => {
            if let Some(op) = ops.iter().find(|op| !is_framework_op(op)) {
                return Err(Error::invalid(format!(
                    "a decision-framework proposal changes decision domains and delegation levels only, not: {}",
                    op.summary()
                )));
            }
            dry_run(ws.org(), &ops)
                .map_err(|e| Error::invalid(format!("the proposed change does not apply: {e}")))?;
            Ok(Proposed::Framework { ops })
        }
        Revision::Vision { sections } => {
            let current = vision::current_sections(ws.conn())?;
            Ok(Proposed::Vision { sections: vision::stage(&current, sections)? })
        }
    }
}

/// A salted hash that stands for a participant within one proposal.
fn pseudonym(salt: &[u8], participant: &str) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(salt);
    h.update(participant.as_bytes());
    h.finalize().to_vec()
}

fn key_hash(key: &str) -> Vec<u8> {
    Sha256::digest(key.as_bytes()).to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Rounds a time up to the next whole minute: anonymous records keep no finer time, and never one
/// before the event (so "new since" never misses one).
fn to_minute(at: Timestamp) -> Timestamp {
    Timestamp((at.0 + 59_999).div_euclid(60_000) * 60_000)
}

/// How many people fill a role in the team (directly a member of it).
fn team_size(org: &Org, team: TeamId) -> usize {
    let mut people = std::collections::BTreeSet::new();
    for relation in org.relations_of(NodeRef::Team(team), false) {
        if let Relation::MemberOf { role, .. } = *relation {
            people.extend(org.fillers(role).map(|(p, _)| p));
        }
    }
    people.len()
}

/// Runs a write of a proposal's records; for an anonymous proposal, with `secure_delete` on (so
/// deleted rows leave no bytes behind) and followed by a checkpoint that empties the write-ahead
/// log (whose frames would keep the order of events).
fn write<T>(
    ws: &mut Workspace,
    anonymous: bool,
    f: impl FnOnce(&rusqlite::Transaction) -> Result<T>,
) -> Result<T> {
    private(ws, anonymous, |ws| ws.write(f))
}

fn private<T>(ws: &mut Workspace, anonymous: bool, f: impl FnOnce(&mut Workspace) -> Result<T>) -> Result<T> {
    if !anonymous {
        return f(ws);
    }
    ws.conn().pragma_update(None, "secure_delete", true)?;
    let result = f(ws);
    // Best effort, waiting at most a moment for other connections (the documents' store): a
    // reader holding an old snapshot keeps the log until the next checkpoint.
    ws.conn().busy_timeout(std::time::Duration::from_millis(100))?;
    let _ = ws.conn().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    ws.conn().busy_timeout(crate::store::BUSY_TIMEOUT)?;
    ws.conn().pragma_update(None, "secure_delete", false)?;
    result
}

fn ensure_schema(ws: &Workspace) -> Result<()> {
    let version = crate::store::schema_version(ws.conn())?;
    if version < crate::store::PROPOSALS_SINCE {
        return Err(Error::ReadOnly {
            path: ws.path().display().to_string(),
            reason: format!("it is from a Kader without proposals (workspace format {version})"),
        });
    }
    Ok(())
}

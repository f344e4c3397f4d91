//! Proposals, comments and consent over the API (contract: `docs/proposals.md`): the engine's
//! `kader::proposals` behind the workspace lock, with who may do what decided here from the
//! [`Caller`], and every change announced to subscribers as an [`Event`] so open pages refresh.
//!
//! The facilitator drafts, opens, amends, closes, adopts, rejects, withdraws and hides; everyone
//! else reads what is no longer a draft, comments, reacts and answers. A participant's identity is
//! an opaque id (a session's participant id) and a display name; for an anonymous proposal the
//! engine keeps neither with anything they wrote.

use crate::{Api, ApiError, Code, Event};
use kader::date::Timestamp;
use kader::id::{AnswerId, CommentId, OsEntropy, ProposalId, TeamId, V7Ids};
use kader::proposals::{
    self as engine, Amendment, Answer, Comment, Decision, DraftEdit, EditKey, Integration, NewComment,
    NewProposal, News, Objection, Outcome, Preview, Privacy, Proof, Proposal, Revision, Viewer,
};
use kader::store::ChangeKind;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use ts_rs::TS;

/// Who calls.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Caller {
    /// The facilitator (the owner of the workspace): everything.
    Facilitator { name: String },
    /// A participant: an opaque id and a display name. `may_write`: not an observer.
    Participant { id: String, name: String, team: Option<TeamId>, may_write: bool },
}

/// The participant id the facilitator answers and comments under.
pub const FACILITATOR_ID: &str = "facilitator";

impl Caller {
    fn is_facilitator(&self) -> bool {
        matches!(self, Caller::Facilitator { .. })
    }
    fn participant(&self) -> engine::Participant {
        match self {
            Caller::Facilitator { name } => {
                engine::Participant { id: FACILITATOR_ID.into(), name: name.clone(), team: None }
            }
            Caller::Participant { id, name, team, .. } => {
                engine::Participant { id: id.clone(), name: name.clone(), team: *team }
            }
        }
    }
    fn id(&self) -> &str {
        match self {
            Caller::Facilitator { .. } => FACILITATOR_ID,
            Caller::Participant { id, .. } => id,
        }
    }
    fn name(&self) -> &str {
        match self {
            Caller::Facilitator { name } | Caller::Participant { name, .. } => name,
        }
    }
    fn facilitator_only(&self, what: &str) -> Result<(), ApiError> {
        if self.is_facilitator() {
            Ok(())
        } else {
            Err(ApiError::new(Code::Forbidden, format!("only the facilitator can {what}")))
        }
    }
    fn may_write(&self) -> Result<(), ApiError> {
        match self {
            Caller::Participant { may_write: false, .. } => {
                Err(ApiError::new(Code::Forbidden, "observers read along; they cannot answer or comment"))
            }
            _ => Ok(()),
        }
    }
}

/// A proposal as the caller sees it: the proposal, the current round's outcome (hidden figures
/// stay hidden), its objections (when visible), whether the caller has answered the open round,
/// and how many comments it has.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ProposalView {
    pub proposal: Proposal,
    pub outcome: Option<Outcome>,
    pub objections: Vec<Objection>,
    pub answered: bool,
    pub comments: usize,
    /// The server's time when this view was made (deadlines are compared with it).
    pub now: Timestamp,
}

/// A new proposal (the facilitator's).
#[derive(Clone, Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ProposalDraft {
    pub title: String,
    pub rationale: String,
    #[serde(default)]
    #[ts(optional)]
    pub goals: Option<Vec<String>>,
    pub revision: Revision,
    #[serde(default)]
    #[ts(optional)]
    pub privacy: Option<Privacy>,
}

/// A change of a draft: each field given replaces the old one.
#[derive(Clone, Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ProposalEdit {
    #[ts(optional)]
    pub title: Option<String>,
    #[ts(optional)]
    pub rationale: Option<String>,
    #[ts(optional)]
    pub goals: Option<Vec<String>>,
    #[ts(optional)]
    pub revision: Option<Revision>,
    #[ts(optional)]
    pub privacy: Option<Privacy>,
}

/// A step of the lifecycle, taken by the facilitator.
#[derive(Clone, Debug, Deserialize, TS)]
#[serde(tag = "step", rename_all = "snake_case", deny_unknown_fields)]
pub enum Step {
    /// Open for comments until `until`.
    Open {
        until: Timestamp,
    },
    /// Start the consent round, open until `until`.
    Consent {
        until: Timestamp,
    },
    /// Close the open round now.
    Close,
    /// Amend: optionally a new revision, what changed, how each objection was integrated; a new
    /// round opens until `until`.
    Amend {
        #[serde(default)]
        #[ts(optional)]
        revision: Option<Revision>,
        note: String,
        integrations: Vec<IntegrationNote>,
        until: Timestamp,
    },
    Adopt,
    Reject {
        reason: String,
    },
    Withdraw,
}

#[derive(Clone, Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct IntegrationNote {
    pub objection: AnswerId,
    pub note: String,
}

/// A new comment.
#[derive(Clone, Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CommentDraft {
    #[serde(default)]
    #[ts(optional)]
    pub parent: Option<CommentId>,
    #[serde(default = "on_proposal")]
    #[ts(optional)]
    pub anchor: Option<engine::Anchor>,
    pub body: String,
}

fn on_proposal() -> Option<engine::Anchor> {
    None
}

/// A posted comment: its id and, on an anonymous proposal, the key its author keeps to edit or
/// delete it (the server keeps only its hash).
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct PostedComment {
    pub id: CommentId,
    pub edit_key: Option<String>,
}

/// An edit or delete of one's own comment: the edit key for an anonymous one.
#[derive(Clone, Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CommentChange {
    #[serde(default)]
    #[ts(optional)]
    pub body: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub key: Option<String>,
}

/// An export of a proposal or the decision log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Markdown,
    Html,
}

fn hidden_draft(id: ProposalId) -> ApiError {
    ApiError::not_found(format!("there is no proposal {id}"))
}

impl Api {
    /// Tells subscribers that proposal `id` changed (no change of the organization: `op` is
    /// `None` and `seq` is the newest change's, so pages refresh the proposal only).
    fn proposal_changed(&self, seq: i64, id: ProposalId, actor: &str, summary: String) {
        let _ = self.events.send(Arc::new(Event {
            seq,
            actor: actor.to_owned(),
            kind: ChangeKind::Do,
            op: None,
            summary,
            proposal: Some(id),
        }));
    }

    fn view_of(&self, ws: &kader::Workspace, p: Proposal, caller: &Caller) -> Result<ProposalView, ApiError> {
        let now = self.now();
        let id = p.id;
        let outcome = engine::outcome(ws, id, now)?;
        let objections = if outcome.as_ref().is_some_and(|o| o.tally.is_none()) {
            Vec::new()
        } else {
            engine::objections(ws, id, now)?
        };
        let answered = engine::has_answered(ws, id, caller.id(), now)?;
        let viewer = Viewer { participant: Some(caller.id().to_owned()), moderator: caller.is_facilitator() };
        let comments = engine::comments(ws, id, &viewer)?.len();
        Ok(ProposalView { proposal: p, outcome, objections, answered, comments, now })
    }

    fn visible(&self, ws: &kader::Workspace, id: ProposalId, caller: &Caller) -> Result<Proposal, ApiError> {
        let p = engine::get(ws, id)?;
        if p.state == engine::State::Draft && !caller.is_facilitator() {
            return Err(hidden_draft(id));
        }
        Ok(p)
    }

    /// Every proposal the caller may see (participants: none in draft), newest first.
    pub fn proposals(&self, caller: &Caller) -> Result<Vec<ProposalView>, ApiError> {
        let state = self.lock()?;
        let mut all = engine::list(&state.ws)?;
        all.retain(|p| caller.is_facilitator() || p.state != engine::State::Draft);
        all.sort_by_key(|p| std::cmp::Reverse(p.created));
        all.into_iter().map(|p| self.view_of(&state.ws, p, caller)).collect()
    }

    pub fn proposal(&self, id: ProposalId, caller: &Caller) -> Result<ProposalView, ApiError> {
        let state = self.lock()?;
        let p = self.visible(&state.ws, id, caller)?;
        self.view_of(&state.ws, p, caller)
    }

    /// Drafts a proposal (the facilitator).
    pub fn create_proposal(&self, draft: ProposalDraft, caller: &Caller) -> Result<ProposalView, ApiError> {
        caller.facilitator_only("draft a proposal")?;
        let ctx = self.ctx(caller.name());
        let mut state = self.lock()?;
        let new = NewProposal {
            title: draft.title,
            rationale: draft.rationale,
            author: engine::Author { name: caller.name().to_owned(), participant: None },
            goals: draft.goals.unwrap_or_default(),
            revision: draft.revision,
            privacy: draft.privacy.unwrap_or_default(),
        };
        let p = engine::create(&mut state.ws, new, &mut V7Ids::new(), &mut OsEntropy, &ctx)?;
        self.proposal_changed(state.seq, p.id, caller.name(), format!("drafted {:?}", p.title));
        self.view_of(&state.ws, p, caller)
    }

    /// Changes a draft (the facilitator).
    pub fn edit_proposal(
        &self,
        id: ProposalId,
        edit: ProposalEdit,
        caller: &Caller,
    ) -> Result<ProposalView, ApiError> {
        caller.facilitator_only("edit a proposal")?;
        let ctx = self.ctx(caller.name());
        let mut state = self.lock()?;
        let edit = DraftEdit {
            title: edit.title,
            rationale: edit.rationale,
            goals: edit.goals,
            revision: edit.revision,
            privacy: edit.privacy,
        };
        let p = engine::edit(&mut state.ws, id, edit, &ctx)?;
        self.proposal_changed(state.seq, id, caller.name(), "edited the draft".into());
        self.view_of(&state.ws, p, caller)
    }

    /// Takes a lifecycle step (the facilitator). Adoption applies the change as one undoable
    /// change of the organization, announced like any other.
    pub fn proposal_step(
        &self,
        id: ProposalId,
        step: Step,
        caller: &Caller,
    ) -> Result<ProposalView, ApiError> {
        caller.facilitator_only("move a proposal through its lifecycle")?;
        let ctx = self.ctx(caller.name());
        let mut state = self.lock()?;
        let ws = &mut state.ws;
        let (p, said, vision) = match step {
            Step::Open { until } => {
                (engine::open_for_comments(ws, id, until, &ctx)?, "opened for comments", None)
            }
            Step::Consent { until } => {
                (engine::start_consent(ws, id, until, &ctx)?, "started the consent round", None)
            }
            Step::Close => (engine::close_round(ws, id, &ctx)?, "closed the round", None),
            Step::Amend { revision, note, integrations, until } => {
                let amendment = Amendment {
                    revision,
                    note,
                    integrations: integrations
                        .into_iter()
                        .map(|i| Integration { objection: i.objection, note: i.note })
                        .collect(),
                };
                (engine::amend(ws, id, amendment, until, &ctx)?, "amended it; a new round is open", None)
            }
            Step::Adopt => {
                let adoption = engine::adopt(ws, id, &ctx)?;
                if let Some(change) = &adoption.change {
                    self.announce(&mut state, change);
                }
                (engine::get(&state.ws, id)?, "adopted it", adoption.vision_update)
            }
            Step::Reject { reason } => (engine::reject(ws, id, &reason, &ctx)?, "rejected it", None),
            Step::Withdraw => (engine::withdraw(ws, id, &ctx)?, "withdrew it", None),
        };
        if let Some(update) = vision {
            // The vision's room, if open, takes the adopted text in and relays it.
            self.hub.inject(kader::docs::VISION, update);
        }
        self.proposal_changed(state.seq, id, caller.name(), format!("{said}: {:?}", p.title));
        self.view_of(&state.ws, p, caller)
    }

    /// What adopting the proposal would do: the figures before and after and what changes, or
    /// the diff of the revised vision sections.
    pub fn proposal_preview(&self, id: ProposalId, caller: &Caller) -> Result<Preview, ApiError> {
        let state = self.lock()?;
        self.visible(&state.ws, id, caller)?;
        Ok(engine::preview(&state.ws, id)?)
    }

    /// Answers the open consent round (once per participant and round).
    pub fn answer_proposal(
        &self,
        id: ProposalId,
        answer: Answer,
        caller: &Caller,
    ) -> Result<ProposalView, ApiError> {
        caller.may_write()?;
        let now = self.now();
        let mut state = self.lock()?;
        self.visible(&state.ws, id, caller)?;
        engine::answer(&mut state.ws, id, &caller.participant(), answer, &mut OsEntropy, now)?;
        // Anonymous or not, the announcement names nobody.
        self.proposal_changed(state.seq, id, "someone", "answered the consent round".into());
        let p = engine::get(&state.ws, id)?;
        self.view_of(&state.ws, p, caller)
    }

    pub fn proposal_comments(&self, id: ProposalId, caller: &Caller) -> Result<Vec<Comment>, ApiError> {
        let state = self.lock()?;
        self.visible(&state.ws, id, caller)?;
        let viewer = Viewer { participant: Some(caller.id().to_owned()), moderator: caller.is_facilitator() };
        Ok(engine::comments(&state.ws, id, &viewer)?)
    }

    pub fn post_comment(
        &self,
        id: ProposalId,
        draft: CommentDraft,
        caller: &Caller,
    ) -> Result<PostedComment, ApiError> {
        caller.may_write()?;
        let now = self.now();
        let mut state = self.lock()?;
        self.visible(&state.ws, id, caller)?;
        let new = NewComment {
            parent: draft.parent,
            anchor: draft.anchor.unwrap_or(engine::Anchor::Proposal),
            body: draft.body,
        };
        let posted = engine::comment(&mut state.ws, id, &caller.participant(), new, &mut OsEntropy, now)?;
        self.proposal_changed(state.seq, id, "someone", "commented".into());
        Ok(PostedComment { id: posted.id, edit_key: posted.edit_key.map(|k| k.0) })
    }

    fn proof(caller: &Caller, key: Option<String>) -> Proof {
        match key {
            Some(key) => Proof::Key(EditKey(key)),
            None => Proof::Participant(caller.id().to_owned()),
        }
    }

    fn comment_proposal(&self, ws: &kader::Workspace, comment: CommentId) -> Result<ProposalId, ApiError> {
        Ok(engine::comment_proposal(ws, comment)?)
    }

    /// Edits (with a body) or deletes (without) one's own comment.
    pub fn change_comment(
        &self,
        comment: CommentId,
        change: CommentChange,
        delete: bool,
        caller: &Caller,
    ) -> Result<(), ApiError> {
        caller.may_write()?;
        let now = self.now();
        let mut state = self.lock()?;
        let id = self.comment_proposal(&state.ws, comment)?;
        self.visible(&state.ws, id, caller)?;
        let proof = Self::proof(caller, change.key);
        if delete {
            engine::delete_comment(&mut state.ws, comment, &proof, now)?;
        } else {
            let body =
                change.body.ok_or_else(|| ApiError::invalid("an edit needs the new text (\"body\")"))?;
            engine::edit_comment(&mut state.ws, comment, &proof, &body, now)?;
        }
        self.proposal_changed(
            state.seq,
            id,
            "someone",
            if delete { "deleted a comment" } else { "edited a comment" }.into(),
        );
        Ok(())
    }

    /// Hides a comment (the facilitator); it stays in the log as hidden.
    pub fn hide_comment(&self, comment: CommentId, reason: &str, caller: &Caller) -> Result<(), ApiError> {
        caller.facilitator_only("hide a comment")?;
        let ctx = self.ctx(caller.name());
        let mut state = self.lock()?;
        let id = self.comment_proposal(&state.ws, comment)?;
        engine::hide_comment(&mut state.ws, comment, reason, &ctx)?;
        self.proposal_changed(state.seq, id, caller.name(), "hid a comment".into());
        Ok(())
    }

    /// Adds (`on`) or takes back a reaction.
    pub fn react(&self, comment: CommentId, key: &str, on: bool, caller: &Caller) -> Result<(), ApiError> {
        caller.may_write()?;
        let now = self.now();
        let mut state = self.lock()?;
        let id = self.comment_proposal(&state.ws, comment)?;
        self.visible(&state.ws, id, caller)?;
        engine::react(&mut state.ws, comment, caller.id(), key, on, now)?;
        self.proposal_changed(state.seq, id, "someone", "reacted".into());
        Ok(())
    }

    /// The decision log, oldest first.
    pub fn decisions(&self) -> Result<Vec<Decision>, ApiError> {
        let state = self.lock()?;
        Ok(engine::decisions(&state.ws)?)
    }

    /// What is new for the caller since `since`.
    pub fn news(&self, since: Timestamp, caller: &Caller) -> Result<News, ApiError> {
        let state = self.lock()?;
        Ok(engine::news(&state.ws, caller.id(), since)?)
    }

    /// A proposal with its discussion, as Markdown or HTML (every user text escaped).
    pub fn export_proposal(
        &self,
        id: ProposalId,
        format: ExportFormat,
        caller: &Caller,
    ) -> Result<String, ApiError> {
        let state = self.lock()?;
        self.visible(&state.ws, id, caller)?;
        let now = self.now();
        Ok(match format {
            ExportFormat::Markdown => engine::export::proposal_markdown(&state.ws, id, now)?,
            ExportFormat::Html => engine::export::proposal_html(&state.ws, id, now)?,
        })
    }

    /// The decision log as Markdown or HTML.
    pub fn export_decisions_log(&self, format: ExportFormat) -> Result<String, ApiError> {
        let state = self.lock()?;
        Ok(match format {
            ExportFormat::Markdown => engine::export::decision_log_markdown(&state.ws)?,
            ExportFormat::Html => engine::export::decision_log_html(&state.ws)?,
        })
    }
}

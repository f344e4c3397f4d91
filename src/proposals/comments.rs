//! Comments on a proposal: threaded, anchored to the proposal, a node of its preview or a passage
//! of a revised text; reactions; editing and deleting one's own (a tombstone stays); hiding by
//! the facilitator. On an anonymous proposal no author is stored: the author holds a random edit
//! key, of which only the hash is kept. Also what is new since a participant's last visit.

use super::{
    db, dry_run, ensure_schema, get, hex, key_hash, list, pseudonym, refused, text, to_minute, write,
};
use super::{Event, Participant, Proposal, Proposed, State};
use crate::date::Timestamp;
use crate::error::{Error, Result};
use crate::id::{CommentId, Entropy, ProposalId};
use crate::model::NodeRef;
use crate::workspace::{Ctx, Workspace};
use serde::{Deserialize, Serialize};

/// Where a comment is attached.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "on", rename_all = "snake_case")]
pub enum Anchor {
    Proposal,
    /// A role, team or person of the proposal's preview (before or after the change).
    Node {
        node: NodeRef,
    },
    /// A passage of a revised vision section.
    Passage {
        section: String,
        quote: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewComment {
    pub parent: Option<CommentId>,
    pub anchor: Anchor,
    pub body: String,
}

/// The key an anonymous author keeps to edit or delete their comment; only its hash is stored.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EditKey(pub String);

/// Who asks to change a comment: the participant of a named comment, or the key of an anonymous
/// one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Proof {
    Participant(String),
    Key(EditKey),
}

/// A posted comment: its id and, when anonymous, the edit key to hand to its author.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Posted {
    pub id: CommentId,
    pub edit_key: Option<EditKey>,
}

/// A comment as shown.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: CommentId,
    pub parent: Option<CommentId>,
    pub anchor: Anchor,
    /// `None` when deleted or hidden (the facilitator reads a hidden text with `moderator`).
    pub body: Option<String>,
    /// The author's name; `None` when anonymous or deleted.
    pub author: Option<String>,
    pub created: Timestamp,
    pub edited: Option<Timestamp>,
    pub deleted: bool,
    /// Why and by whom it was hidden.
    pub hidden: Option<String>,
    /// (key, count, whether the viewer reacted so)
    pub reactions: Vec<(String, u32, bool)>,
    /// Whether the viewer wrote it: known for named comments only (an anonymous comment's author
    /// proves it with the comment's edit key, which only they hold).
    pub mine: bool,
}

/// Who reads comments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Viewer {
    pub participant: Option<String>,
    /// A facilitator sees the text of hidden comments.
    pub moderator: bool,
}

fn open_for_discussion(p: &Proposal, now: Timestamp) -> Result<()> {
    match p.state {
        State::Comments { .. } | State::Consent { .. } => Ok(()),
        State::Draft => Err(refused(p, now, "open it for comments first")),
        _ => Err(refused(p, now, "its discussion is closed")),
    }
}

fn check_anchor(ws: &Workspace, p: &Proposal, anchor: &Anchor) -> Result<()> {
    match (anchor, &p.proposed) {
        (Anchor::Proposal, _) => Ok(()),
        (Anchor::Node { node }, Proposed::Structure { ops } | Proposed::Framework { ops }) => {
            let in_preview =
                ws.org().contains(*node) || dry_run(ws.org(), ops).is_ok_and(|after| after.contains(*node));
            if in_preview {
                Ok(())
            } else {
                Err(Error::invalid(format!("{node:?} is not in this proposal's preview")))
            }
        }
        (Anchor::Passage { section, quote }, Proposed::Vision { sections }) => {
            let quote = quote.trim();
            let found = sections.iter().find(|s| &s.section == section);
            match found {
                None => {
                    Err(Error::invalid(format!("the section {section:?} is not revised by this proposal")))
                }
                Some(_) if quote.is_empty() => Err(Error::invalid("a passage needs the quoted text")),
                Some(s) if s.proposed.contains(quote) || s.base.contains(quote) => Ok(()),
                Some(_) => {
                    Err(Error::invalid(format!("{quote:?} is not a passage of the section {section:?}")))
                }
            }
        }
        (Anchor::Node { .. }, _) => Err(Error::invalid("a vision revision has no nodes to comment on")),
        (Anchor::Passage { .. }, _) => {
            Err(Error::invalid("only a vision revision has passages to comment on"))
        }
    }
}

/// Posts a comment (a reply when `parent` is given). On an anonymous proposal nothing about the
/// author is stored; they get an [`EditKey`] instead.
pub fn comment(
    ws: &mut Workspace,
    id: ProposalId,
    author: &Participant,
    new: NewComment,
    entropy: &mut dyn Entropy,
    at: Timestamp,
) -> Result<Posted> {
    let p = get(ws, id)?;
    open_for_discussion(&p, at)?;
    let body = super::limited("a comment", crate::limits::Field::Comment, &new.body)?;
    if let Some(parent) = new.parent {
        let parent = db::comment(ws.conn(), parent)?;
        if parent.proposal != id {
            return Err(Error::invalid("a reply must be on the same proposal as its comment"));
        }
    }
    check_anchor(ws, &p, &new.anchor)?;
    let anonymous = p.privacy.anonymous;
    let comment_id = CommentId(entropy.uuid());
    let key = anonymous.then(|| {
        let mut k = [0u8; 32];
        entropy.fill(&mut k);
        EditKey(hex(&k))
    });
    let hash = key.as_ref().map(|k| key_hash(&k.0));
    let anchor = serde_json::to_string(&new.anchor).expect("anchors serialize");
    let row = db::NewCommentRow {
        id: comment_id,
        proposal: id,
        parent: new.parent,
        anchor: &anchor,
        body: &body,
        created: if anonymous { to_minute(at) } else { at },
        edit_key: hash.as_deref(),
    };
    write(ws, anonymous, |tx| {
        db::insert_comment(tx, &row)?;
        if !anonymous {
            db::insert_comment_author(tx, comment_id, &author.id, &author.name)?;
        }
        Ok(())
    })?;
    Ok(Posted { id: comment_id, edit_key: key })
}

/// The comment, its proposal, once its author is proven and the discussion is open.
fn own_comment(
    ws: &Workspace,
    comment: CommentId,
    proof: &Proof,
    at: Timestamp,
) -> Result<(db::StoredComment, Proposal)> {
    let c = db::comment(ws.conn(), comment)?;
    let p = get(ws, c.proposal)?;
    open_for_discussion(&p, at)?;
    if c.deleted {
        return Err(Error::State("this comment was deleted".into()));
    }
    if c.hidden.is_some() {
        return Err(Error::State("this comment was hidden by the facilitator".into()));
    }
    let owns = match (proof, &c.author, &c.edit_key) {
        (Proof::Participant(who), Some((author, _)), _) => who == author,
        (Proof::Key(key), None, Some(hash)) => &key_hash(&key.0) == hash,
        _ => false,
    };
    if !owns {
        return Err(Error::Forbidden("only its author can change a comment".into()));
    }
    Ok((c, p))
}

/// Replaces the text of one's own comment.
pub fn edit_comment(
    ws: &mut Workspace,
    comment: CommentId,
    proof: &Proof,
    body: &str,
    at: Timestamp,
) -> Result<()> {
    let (_, p) = own_comment(ws, comment, proof, at)?;
    let body = super::limited("a comment", crate::limits::Field::Comment, body)?;
    let anonymous = p.privacy.anonymous;
    let at = if anonymous { to_minute(at) } else { at };
    write(ws, anonymous, |tx| db::edit_comment(tx, comment, &body, at))
}

/// Deletes one's own comment: a tombstone stays in the thread.
pub fn delete_comment(ws: &mut Workspace, comment: CommentId, proof: &Proof, at: Timestamp) -> Result<()> {
    let (_, p) = own_comment(ws, comment, proof, at)?;
    let anonymous = p.privacy.anonymous;
    let at = if anonymous { to_minute(at) } else { at };
    write(ws, anonymous, |tx| db::delete_comment(tx, comment, at))
}

/// The facilitator hides a comment: kept, marked hidden with who did it and why.
pub fn hide_comment(ws: &mut Workspace, comment: CommentId, reason: &str, ctx: &Ctx) -> Result<()> {
    let c = db::comment(ws.conn(), comment)?;
    let p = get(ws, c.proposal)?;
    if c.hidden.is_some() {
        return Err(Error::State("this comment is already hidden".into()));
    }
    let reason = text("the reason for hiding a comment", reason, true)?;
    let note = format!("hidden by {} at {}: {reason}", ctx.actor, ctx.at);
    write(ws, p.privacy.anonymous, |tx| db::hide_comment(tx, comment, &note))
}

/// Adds (`on`) or removes a participant's reaction `key` (a short code such as `+1` or `heart`)
/// on a comment: at most one per participant and key.
pub fn react(
    ws: &mut Workspace,
    comment: CommentId,
    participant: &str,
    key: &str,
    on: bool,
    at: Timestamp,
) -> Result<()> {
    let ok = !key.is_empty()
        && key.chars().count() <= 32
        && key.chars().all(|c| !c.is_whitespace() && !c.is_control() && !"<>&\"'`".contains(c));
    if !ok {
        return Err(Error::invalid(format!(
            "{key:?} is not a reaction (1 to 32 characters, no spaces or markup)"
        )));
    }
    let c = db::comment(ws.conn(), comment)?;
    let p = get(ws, c.proposal)?;
    open_for_discussion(&p, at)?;
    if c.deleted {
        return Err(Error::State("this comment was deleted".into()));
    }
    let salt = db::salt(ws.conn(), p.id)?.ok_or_else(|| refused(&p, at, "it takes no more reactions"))?;
    let who = pseudonym(&salt, participant);
    write(ws, p.privacy.anonymous, |tx| db::react(tx, comment, key, &who, on))
}

/// The thread of a proposal in posting order (replies name their parent).
pub fn comments(ws: &Workspace, id: ProposalId, viewer: &Viewer) -> Result<Vec<Comment>> {
    let p = get(ws, id)?;
    let salt = db::salt(ws.conn(), id)?;
    let me = match (&salt, &viewer.participant) {
        (Some(salt), Some(who)) => Some(pseudonym(salt, who)),
        _ => None,
    };
    db::comments(ws.conn(), p.id)?.into_iter().map(|c| shown(ws, c, me.as_deref(), viewer)).collect()
}

fn shown(ws: &Workspace, c: db::StoredComment, me: Option<&[u8]>, viewer: &Viewer) -> Result<Comment> {
    let anchor = serde_json::from_str(&c.anchor)
        .map_err(|e| Error::invalid(format!("the anchor of comment {} is damaged: {e}", c.id)))?;
    let visible = !c.deleted && (c.hidden.is_none() || viewer.moderator);
    let mine = matches!((&c.author, &viewer.participant), (Some((by, _)), Some(who)) if by == who);
    Ok(Comment {
        id: c.id,
        parent: c.parent,
        anchor,
        body: visible.then_some(c.body),
        author: c.author.map(|(_, name)| name),
        created: c.created,
        edited: c.edited,
        deleted: c.deleted,
        hidden: c.hidden,
        reactions: db::reactions(ws.conn(), c.id, me)?,
        mine,
    })
}

/// The proposal a comment belongs to.
pub fn comment_proposal(ws: &Workspace, comment: CommentId) -> Result<ProposalId> {
    Ok(db::comment(ws.conn(), comment)?.proposal)
}

// ----- what is new -------------------------------------------------------------------------------

/// What happened since a participant's last visit.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct News {
    /// Proposals opened for comments since then.
    pub opened: Vec<ProposalId>,
    /// State changes (rounds started and closed, amendments, adoptions…), oldest first.
    pub events: Vec<Event>,
    /// Comments posted since then by others (anonymous ones included: their author is unknown),
    /// as (proposal, comment).
    pub comments: Vec<(ProposalId, CommentId)>,
}

/// What is new since `since` for `participant`: proposals opened, state changes and comments,
/// never anything of a draft. Anonymous comments are stamped to the minute, rounded up, so one
/// may be reported twice but never missed.
pub fn news(ws: &Workspace, participant: &str, since: Timestamp) -> Result<News> {
    ensure_schema(ws)?;
    let drafts: std::collections::BTreeSet<ProposalId> =
        list(ws)?.into_iter().filter(|p| p.state == State::Draft).map(|p| p.id).collect();
    let visible = |kind: &str| !matches!(kind, "created" | "edited");
    let events: Vec<Event> = db::events(ws.conn(), since)?
        .into_iter()
        .filter(|e| !drafts.contains(&e.proposal) && visible(&e.kind))
        .collect();
    let opened = events.iter().filter(|e| e.kind == "opened").map(|e| e.proposal).collect();
    let comments = db::comments_since(ws.conn(), since)?
        .into_iter()
        .filter(|c| c.author.as_ref().is_none_or(|(who, _)| who != participant))
        .map(|c| (c.proposal, c.id))
        .collect();
    Ok(News { opened, events, comments })
}

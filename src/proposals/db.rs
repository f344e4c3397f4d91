//! The SQL of proposals: every statement on the tables of schema format 3. Reading takes a
//! `&Connection`, writing a `&Transaction` of the caller, so that a lifecycle step (or an
//! adoption with its change of the organization) is one transaction.

use super::{Answer, AnswerKind, Author, Decision, Event, Privacy, Proposal, Proposed, Round, State, Tally};
use crate::date::Timestamp;
use crate::error::{Error, Result};
use crate::id::{AnswerId, CommentId, ProposalId, TeamId};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use uuid::Uuid;

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("proposal records serialize")
}

fn parse<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T> {
    serde_json::from_str(text)
        .map_err(|e| Error::invalid(format!("{what} in the workspace file is damaged: {e}")))
}

fn uuid_col(text: String) -> rusqlite::Result<Uuid> {
    Uuid::parse_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

fn blob_uuid(bytes: Vec<u8>) -> rusqlite::Result<Uuid> {
    Uuid::from_slice(&bytes)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Blob, Box::new(e)))
}

pub(super) fn insert(tx: &Transaction, p: &Proposal, salt: &[u8]) -> Result<()> {
    tx.execute(
        "INSERT INTO proposal (id, kind, title, rationale, author_name, author_participant, goals, proposed,
            state, comments_until, anonymous, hidden_results, salt, created, updated)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'draft', NULL, ?9, ?10, ?11, ?12, ?12)",
        params![
            p.id.to_string(),
            p.proposed.kind().as_str(),
            p.title,
            p.rationale,
            p.author.name,
            p.author.participant,
            json(&p.goals),
            json(&p.proposed),
            p.privacy.anonymous,
            p.privacy.hidden_results,
            salt,
            p.created.0,
        ],
    )?;
    Ok(())
}

/// Writes the fields a draft edit or an amendment may change.
pub(super) fn update_content(tx: &Transaction, p: &Proposal) -> Result<()> {
    tx.execute(
        "UPDATE proposal SET title = ?2, rationale = ?3, goals = ?4, proposed = ?5, anonymous = ?6,
            hidden_results = ?7, updated = ?8 WHERE id = ?1",
        params![
            p.id.to_string(),
            p.title,
            p.rationale,
            json(&p.goals),
            json(&p.proposed),
            p.privacy.anonymous,
            p.privacy.hidden_results,
            p.updated.0
        ],
    )?;
    Ok(())
}

/// Writes the lifecycle state (not the rounds: see [`open_round`] and [`close_round`]).
pub(super) fn set_state(tx: &Transaction, id: ProposalId, state: &State, at: Timestamp) -> Result<()> {
    let (comments_until, closed) = match state {
        State::Comments { until } => (Some(until.0), None),
        State::Adopted { at } | State::Rejected { at } | State::Withdrawn { at } => (None, Some(at.0)),
        _ => (None, None),
    };
    tx.execute(
        "UPDATE proposal SET state = ?2, comments_until = ?3, closed = ?4, updated = ?5 WHERE id = ?1",
        params![id.to_string(), state.name(), comments_until, closed, at.0],
    )?;
    if closed.is_some() {
        // Without the salt, the hashes that stand for participants can no longer be recomputed.
        tx.execute("UPDATE proposal SET salt = NULL WHERE id = ?1", [id.to_string()])?;
    }
    Ok(())
}

pub(super) fn salt(conn: &Connection, id: ProposalId) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .query_row("SELECT salt FROM proposal WHERE id = ?1", [id.to_string()], |r| r.get(0))
        .optional()?
        .flatten())
}

pub(super) fn open_round(tx: &Transaction, id: ProposalId, round: &Round) -> Result<()> {
    tx.execute(
        "INSERT INTO proposal_round (proposal, round, opened, until, amendment) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id.to_string(), round.number, round.opened.0, round.until.0, round.amendment],
    )?;
    Ok(())
}

/// Closes a round: its register of who answered becomes a count.
pub(super) fn close_round(tx: &Transaction, id: ProposalId, round: u32, at: Timestamp) -> Result<u32> {
    let respondents: u32 = tx.query_row(
        "SELECT count(*) FROM respondent WHERE proposal = ?1 AND round = ?2",
        params![id.to_string(), round],
        |r| r.get(0),
    )?;
    tx.execute("DELETE FROM respondent WHERE proposal = ?1 AND round = ?2", params![id.to_string(), round])?;
    tx.execute(
        "UPDATE proposal_round SET closed = ?3, respondents = ?4 WHERE proposal = ?1 AND round = ?2",
        params![id.to_string(), round, at.0, respondents],
    )?;
    Ok(respondents)
}

pub(super) fn load(conn: &Connection, id: ProposalId) -> Result<Proposal> {
    let row = conn
        .query_row(
            "SELECT kind, title, rationale, author_name, author_participant, goals, proposed, state,
                comments_until, anonymous, hidden_results, created, updated, closed
             FROM proposal WHERE id = ?1",
            [id.to_string()],
            |r| {
                Ok((
                    (r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?),
                    (r.get::<_, String>(3)?, r.get::<_, Option<String>>(4)?),
                    (r.get::<_, String>(5)?, r.get::<_, String>(6)?, r.get::<_, String>(7)?),
                    (r.get::<_, Option<i64>>(8)?, r.get::<_, bool>(9)?, r.get::<_, bool>(10)?),
                    (r.get::<_, i64>(11)?, r.get::<_, i64>(12)?, r.get::<_, Option<i64>>(13)?),
                ))
            },
        )
        .optional()?
        .ok_or_else(|| Error::not_found("proposal", id))?;
    let ((_kind, title, rationale), (author_name, author_participant), (goals, proposed, state)) =
        (row.0, row.1, row.2);
    let (comments_until, anonymous, hidden_results) = row.3;
    let (created, updated, closed) = row.4;
    let rounds = rounds(conn, id)?;
    let at = Timestamp(closed.unwrap_or(updated));
    let state = match state.as_str() {
        "draft" => State::Draft,
        "comments" => State::Comments { until: Timestamp(comments_until.unwrap_or(updated)) },
        "consent" => {
            let last = rounds
                .last()
                .ok_or_else(|| Error::invalid(format!("proposal {id} is in consent without a round")))?;
            State::Consent { round: last.number, until: last.until, closed: last.closed }
        }
        "adopted" => State::Adopted { at },
        "rejected" => State::Rejected { at },
        "withdrawn" => State::Withdrawn { at },
        other => return Err(Error::invalid(format!("proposal {id} has an unknown state {other:?}"))),
    };
    Ok(Proposal {
        id,
        title,
        rationale,
        author: Author { name: author_name, participant: author_participant },
        goals: parse("the goals of a proposal", &goals)?,
        proposed: parse::<Proposed>("the proposed change of a proposal", &proposed)?,
        state,
        privacy: Privacy { anonymous, hidden_results },
        rounds,
        created: Timestamp(created),
        updated: Timestamp(updated),
    })
}

pub(super) fn ids(conn: &Connection) -> Result<Vec<ProposalId>> {
    let mut stmt = conn.prepare("SELECT id FROM proposal ORDER BY created, id")?;
    let ids = stmt.query_map([], |r| uuid_col(r.get(0)?).map(ProposalId))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

fn rounds(conn: &Connection, id: ProposalId) -> Result<Vec<Round>> {
    let mut stmt = conn.prepare_cached(
        "SELECT round, opened, until, closed, respondents, amendment FROM proposal_round
         WHERE proposal = ?1 ORDER BY round",
    )?;
    let rows = stmt.query_map([id.to_string()], |r| {
        Ok(Round {
            number: r.get(0)?,
            opened: Timestamp(r.get(1)?),
            until: Timestamp(r.get(2)?),
            closed: r.get::<_, Option<i64>>(3)?.map(Timestamp),
            respondents: r.get(4)?,
            amendment: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn event(
    tx: &Transaction,
    id: ProposalId,
    at: Timestamp,
    actor: &str,
    kind: &str,
    round: Option<u32>,
    note: Option<&str>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO proposal_event (proposal, at, actor, kind, round, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![id.to_string(), at.0, actor, kind, round, note])?;
    Ok(())
}

pub(super) fn events(conn: &Connection, since: Timestamp) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare(
        "SELECT proposal, at, actor, kind, round, note FROM proposal_event WHERE at > ?1 ORDER BY at, id",
    )?;
    let rows = stmt.query_map([since.0], |r| {
        Ok(Event {
            proposal: ProposalId(uuid_col(r.get(0)?)?),
            at: Timestamp(r.get(1)?),
            actor: r.get(2)?,
            kind: r.get(3)?,
            round: r.get(4)?,
            note: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds a participant to the register of a round; `false` when they are in it already.
pub(super) fn register(tx: &Transaction, id: ProposalId, round: u32, who: &[u8]) -> Result<bool> {
    let added = tx
        .prepare_cached("INSERT OR IGNORE INTO respondent (proposal, round, who) VALUES (?1, ?2, ?3)")?
        .execute(params![id.to_string(), round, who])?;
    Ok(added == 1)
}

pub(super) fn respondents(conn: &Connection, id: ProposalId, round: u32) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM respondent WHERE proposal = ?1 AND round = ?2",
        params![id.to_string(), round],
        |r| r.get(0),
    )?)
}

pub(super) fn insert_answer(
    tx: &Transaction,
    id: ProposalId,
    answer_id: AnswerId,
    round: u32,
    answer: &Answer,
    team: Option<TeamId>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO answer (id, proposal, round, kind, note, team) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        answer_id.0.as_bytes().as_slice(),
        id.to_string(),
        round,
        answer.kind().as_str(),
        answer.note(),
        team.map(|t| t.to_string())
    ])?;
    Ok(())
}

pub(super) fn insert_answer_author(
    tx: &Transaction,
    answer: AnswerId,
    participant: &str,
    name: &str,
    at: Timestamp,
) -> Result<()> {
    tx.prepare_cached("INSERT INTO answer_author (answer, participant, name, at) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![answer.0.as_bytes().as_slice(), participant, name, at.0])?;
    Ok(())
}

/// One stored answer: what was answered, its team (if recorded) and, for named proposals, by whom.
pub(super) struct StoredAnswer {
    pub id: AnswerId,
    pub round: u32,
    pub kind: AnswerKind,
    pub note: Option<String>,
    pub team: Option<TeamId>,
    pub integration: Option<String>,
    pub by: Option<String>,
}

pub(super) fn answers(conn: &Connection, id: ProposalId) -> Result<Vec<StoredAnswer>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.round, a.kind, a.note, a.team, a.integration, w.name
         FROM answer a LEFT JOIN answer_author w ON w.answer = a.id
         WHERE a.proposal = ?1 ORDER BY a.round, a.id",
    )?;
    let rows = stmt.query_map([id.to_string()], |r| {
        let kind: String = r.get(2)?;
        let team: Option<String> = r.get(4)?;
        Ok(StoredAnswer {
            id: AnswerId(blob_uuid(r.get(0)?)?),
            round: r.get(1)?,
            kind: AnswerKind::parse(&kind).unwrap_or(AnswerKind::Concern),
            note: r.get(3)?,
            team: team.map(uuid_col).transpose()?.map(TeamId),
            integration: r.get(5)?,
            by: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn set_integration(tx: &Transaction, answer: AnswerId, note: &str) -> Result<()> {
    tx.execute(
        "UPDATE answer SET integration = ?2 WHERE id = ?1",
        params![answer.0.as_bytes().as_slice(), note],
    )?;
    Ok(())
}

pub(super) fn tally_of(answers: &[StoredAnswer], round: u32) -> Tally {
    let mut t = Tally::default();
    for a in answers.iter().filter(|a| a.round == round) {
        t.add(a.kind);
    }
    t
}

// ----- comments ------------------------------------------------------------------------------

pub(super) struct NewCommentRow<'a> {
    pub id: CommentId,
    pub proposal: ProposalId,
    pub parent: Option<CommentId>,
    pub anchor: &'a str,
    pub body: &'a str,
    pub created: Timestamp,
    pub edit_key: Option<&'a [u8]>,
}

pub(super) fn insert_comment(tx: &Transaction, c: &NewCommentRow) -> Result<()> {
    let ordinal: i64 = tx.query_row(
        "SELECT coalesce(max(ordinal), 0) + 1 FROM comment WHERE proposal = ?1",
        [c.proposal.to_string()],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO comment (id, proposal, ordinal, parent, anchor, body, created, edit_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            c.id.0.as_bytes().as_slice(),
            c.proposal.to_string(),
            ordinal,
            c.parent.map(|p| p.0.as_bytes().to_vec()),
            c.anchor,
            c.body,
            c.created.0,
            c.edit_key
        ],
    )?;
    Ok(())
}

pub(super) fn insert_comment_author(
    tx: &Transaction,
    comment: CommentId,
    participant: &str,
    name: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO comment_author (comment, participant, name) VALUES (?1, ?2, ?3)",
        params![comment.0.as_bytes().as_slice(), participant, name],
    )?;
    Ok(())
}

/// A comment as stored.
pub(super) struct StoredComment {
    pub id: CommentId,
    pub proposal: ProposalId,
    pub parent: Option<CommentId>,
    pub anchor: String,
    pub body: String,
    pub created: Timestamp,
    pub edited: Option<Timestamp>,
    pub deleted: bool,
    pub hidden: Option<String>,
    pub edit_key: Option<Vec<u8>>,
    pub author: Option<(String, String)>,
}

const COMMENT_COLUMNS: &str =
    "SELECT c.id, c.proposal, c.parent, c.anchor, c.body, c.created, c.edited, c.deleted,
        c.hidden, c.edit_key, w.participant, w.name
     FROM comment c LEFT JOIN comment_author w ON w.comment = c.id";

fn comment_row(r: &rusqlite::Row) -> rusqlite::Result<StoredComment> {
    let author = match (r.get::<_, Option<String>>(10)?, r.get::<_, Option<String>>(11)?) {
        (Some(p), Some(n)) => Some((p, n)),
        _ => None,
    };
    Ok(StoredComment {
        id: CommentId(blob_uuid(r.get(0)?)?),
        proposal: ProposalId(uuid_col(r.get(1)?)?),
        parent: r.get::<_, Option<Vec<u8>>>(2)?.map(blob_uuid).transpose()?.map(CommentId),
        anchor: r.get(3)?,
        body: r.get(4)?,
        created: Timestamp(r.get(5)?),
        edited: r.get::<_, Option<i64>>(6)?.map(Timestamp),
        deleted: r.get(7)?,
        hidden: r.get(8)?,
        edit_key: r.get(9)?,
        author,
    })
}

pub(super) fn comment(conn: &Connection, id: CommentId) -> Result<StoredComment> {
    conn.query_row(&format!("{COMMENT_COLUMNS} WHERE c.id = ?1"), [id.0.as_bytes().as_slice()], comment_row)
        .optional()?
        .ok_or_else(|| Error::not_found("comment", id))
}

pub(super) fn comments(conn: &Connection, proposal: ProposalId) -> Result<Vec<StoredComment>> {
    let mut stmt =
        conn.prepare_cached(&format!("{COMMENT_COLUMNS} WHERE c.proposal = ?1 ORDER BY c.ordinal"))?;
    let rows = stmt.query_map([proposal.to_string()], comment_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn comments_since(conn: &Connection, since: Timestamp) -> Result<Vec<StoredComment>> {
    let mut stmt =
        conn.prepare(&format!("{COMMENT_COLUMNS} WHERE c.created > ?1 ORDER BY c.created, c.ordinal"))?;
    let rows = stmt.query_map([since.0], comment_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn edit_comment(tx: &Transaction, id: CommentId, body: &str, at: Timestamp) -> Result<()> {
    tx.execute(
        "UPDATE comment SET body = ?2, edited = ?3 WHERE id = ?1",
        params![id.0.as_bytes().as_slice(), body, at.0],
    )?;
    Ok(())
}

/// Leaves a tombstone: the text, the key, the author and the reactions are gone; the place in the
/// thread stays, so replies keep their parent.
pub(super) fn delete_comment(tx: &Transaction, id: CommentId, at: Timestamp) -> Result<()> {
    let key = id.0.as_bytes().to_vec();
    tx.execute(
        "UPDATE comment SET body = '', deleted = 1, edited = ?2, edit_key = NULL WHERE id = ?1",
        params![key, at.0],
    )?;
    tx.execute("DELETE FROM comment_author WHERE comment = ?1", [&key])?;
    tx.execute("DELETE FROM reaction WHERE comment = ?1", [&key])?;
    Ok(())
}

pub(super) fn hide_comment(tx: &Transaction, id: CommentId, note: &str) -> Result<()> {
    tx.execute("UPDATE comment SET hidden = ?2 WHERE id = ?1", params![id.0.as_bytes().as_slice(), note])?;
    Ok(())
}

pub(super) fn react(tx: &Transaction, comment: CommentId, key: &str, who: &[u8], on: bool) -> Result<()> {
    let c = comment.0.as_bytes().as_slice();
    if on {
        tx.execute(
            "INSERT OR IGNORE INTO reaction (comment, key, who) VALUES (?1, ?2, ?3)",
            params![c, key, who],
        )?;
    } else {
        tx.execute(
            "DELETE FROM reaction WHERE comment = ?1 AND key = ?2 AND who = ?3",
            params![c, key, who],
        )?;
    }
    Ok(())
}

/// Reactions of a comment: key, count, and whether `who` is among them.
pub(super) fn reactions(
    conn: &Connection,
    comment: CommentId,
    who: Option<&[u8]>,
) -> Result<Vec<(String, u32, bool)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, count(*), max(who = ?2) FROM reaction WHERE comment = ?1 GROUP BY key ORDER BY key",
    )?;
    let rows = stmt.query_map(params![comment.0.as_bytes().as_slice(), who], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get::<_, Option<bool>>(2)?.unwrap_or(false)))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ----- the decision log ----------------------------------------------------------------------

pub(super) fn append_decision(tx: &Transaction, d: &Decision) -> Result<()> {
    tx.execute(
        "INSERT INTO decision (proposal, at, record) VALUES (?1, ?2, ?3)",
        params![d.proposal.to_string(), d.at.0, json(d)],
    )?;
    Ok(())
}

pub(super) fn decisions(conn: &Connection) -> Result<Vec<Decision>> {
    let mut stmt = conn.prepare("SELECT record FROM decision ORDER BY id")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut state = conn.prepare("SELECT state FROM change WHERE seq = ?1")?;
    rows.map(|r| {
        let mut d: Decision = parse("a decision-log entry", &r?)?;
        if let Some(seq) = d.change {
            let now: Option<String> = state.query_row([seq], |r| r.get(0)).optional()?;
            d.undone = now.is_some_and(|s| s != "active");
        }
        Ok(d)
    })
    .collect()
}

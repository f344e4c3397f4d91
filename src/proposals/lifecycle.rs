//! The lifecycle's steps, each refusing what its state does not allow, and the results of a
//! round. See the module documentation of [`crate::proposals`] for the state machine.

use super::db;
use super::*;
use crate::docs;

/// Creates a draft. The revision is validated against the live organization (or vision).
pub fn create(
    ws: &mut Workspace,
    new: NewProposal,
    ids: &mut dyn IdSource,
    entropy: &mut dyn Entropy,
    ctx: &Ctx,
) -> Result<Proposal> {
    ensure_schema(ws)?;
    let author = Author {
        name: text("the author's name", &new.author.name, true)?,
        participant: new.author.participant,
    };
    let p = Proposal {
        id: ProposalId::new(ids),
        title: title(&new.title)?,
        rationale: limited("the rationale (the why)", crate::limits::Field::Rationale, &new.rationale)?,
        author,
        goals: goals(&new.goals)?,
        proposed: stage(ws, new.revision)?,
        state: State::Draft,
        privacy: new.privacy,
        rounds: Vec::new(),
        created: ctx.at,
        updated: ctx.at,
    };
    let mut salt = [0u8; 32];
    entropy.fill(&mut salt);
    ws.write(|tx| {
        db::insert(tx, &p, &salt)?;
        db::event(tx, p.id, ctx.at, &ctx.actor, "created", None, None)
    })?;
    Ok(p)
}

pub fn get(ws: &Workspace, id: ProposalId) -> Result<Proposal> {
    ensure_schema(ws)?;
    db::load(ws.conn(), id)
}

/// Every proposal, oldest first.
pub fn list(ws: &Workspace) -> Result<Vec<Proposal>> {
    ensure_schema(ws)?;
    db::ids(ws.conn())?.into_iter().map(|id| db::load(ws.conn(), id)).collect()
}

/// Changes a draft. Outside a draft the proposed change is changed only by [`amend`].
pub fn edit(ws: &mut Workspace, id: ProposalId, edit: DraftEdit, ctx: &Ctx) -> Result<Proposal> {
    let mut p = get(ws, id)?;
    if p.state != State::Draft {
        return Err(refused(&p, ctx.at, "only a draft can be edited; amend it in a consent round"));
    }
    if let Some(t) = &edit.title {
        p.title = title(t)?;
    }
    if let Some(r) = &edit.rationale {
        p.rationale = limited("the rationale (the why)", crate::limits::Field::Rationale, r)?;
    }
    if let Some(g) = &edit.goals {
        p.goals = goals(g)?;
    }
    if let Some(revision) = edit.revision {
        p.proposed = stage(ws, revision)?;
    }
    if let Some(privacy) = edit.privacy {
        p.privacy = privacy;
    }
    p.updated = ctx.at;
    ws.write(|tx| {
        db::update_content(tx, &p)?;
        db::event(tx, p.id, ctx.at, &ctx.actor, "edited", None, None)
    })?;
    Ok(p)
}

/// Draft → open for comments until `until`. The proposed change must still apply.
pub fn open_for_comments(
    ws: &mut Workspace,
    id: ProposalId,
    until: Timestamp,
    ctx: &Ctx,
) -> Result<Proposal> {
    let mut p = get(ws, id)?;
    if p.state != State::Draft {
        return Err(refused(&p, ctx.at, "only a draft can be opened for comments"));
    }
    future_deadline(until, ctx.at, "the comment period")?;
    revalidate(ws, &p)?;
    p.state = State::Comments { until };
    p.updated = ctx.at;
    ws.write(|tx| {
        db::set_state(tx, id, &p.state, ctx.at)?;
        db::event(tx, id, ctx.at, &ctx.actor, "opened", None, None)
    })?;
    Ok(p)
}

fn future_deadline(until: Timestamp, now: Timestamp, what: &str) -> Result<()> {
    if until <= now {
        return Err(Error::invalid(format!("the deadline of {what} ({until}) must be after now ({now})")));
    }
    Ok(())
}

/// Checks that a staged change still applies to the live organization (or vision).
fn revalidate(ws: &Workspace, p: &Proposal) -> Result<()> {
    match &p.proposed {
        Proposed::Structure { ops } | Proposed::Framework { ops } => dry_run(ws.org(), ops)
            .map(|_| ())
            .map_err(|e| Error::invalid(format!("the proposed change no longer applies: {e}"))),
        Proposed::Vision { sections } => vision::check_base(&vision::current_sections(ws.conn())?, sections),
    }
}

/// Open for comments → consent round 1, open until `until`.
pub fn start_consent(ws: &mut Workspace, id: ProposalId, until: Timestamp, ctx: &Ctx) -> Result<Proposal> {
    let p = get(ws, id)?;
    if !matches!(p.state, State::Comments { .. }) {
        return Err(refused(&p, ctx.at, "a consent round starts only after the comment period"));
    }
    future_deadline(until, ctx.at, "the consent round")?;
    revalidate(ws, &p)?;
    let round = Round { number: 1, opened: ctx.at, until, closed: None, respondents: None, amendment: None };
    write(ws, p.privacy.anonymous, |tx| {
        db::open_round(tx, id, &round)?;
        db::set_state(tx, id, &State::Consent { round: 1, until, closed: None }, ctx.at)?;
        db::event(tx, id, ctx.at, &ctx.actor, "consent_started", Some(1), None)
    })?;
    get(ws, id)
}

/// Records a participant's answer in the open round. Each participant answers at most once per
/// round; an objection needs a reason.
pub fn answer(
    ws: &mut Workspace,
    id: ProposalId,
    participant: &Participant,
    answer: Answer,
    entropy: &mut dyn Entropy,
    at: Timestamp,
) -> Result<AnswerId> {
    let p = get(ws, id)?;
    let Some(round) = p.state.open_round(at) else {
        return Err(refused(&p, at, "answers are taken only while a consent round is open"));
    };
    let answer = match answer {
        Answer::Objection { reason } => {
            Answer::Objection { reason: text("the reason of an objection", &reason, true)? }
        }
        Answer::Concern { note } => {
            let note = note.map(|n| text("the note of a concern", &n, false)).transpose()?;
            Answer::Concern { note: note.filter(|n| !n.is_empty()) }
        }
        other => other,
    };
    if participant.id.trim().is_empty() {
        return Err(Error::invalid("an answer needs a participant id"));
    }
    let salt = db::salt(ws.conn(), id)?.ok_or_else(|| refused(&p, at, "it takes no more answers"))?;
    let who = pseudonym(&salt, &participant.id);
    // A team is recorded only where it cannot single anyone out.
    let team = participant.team.filter(|&t| !p.privacy.anonymous || team_size(ws.org(), t) >= MIN_GROUP);
    let answer_id = AnswerId(entropy.uuid());
    let anonymous = p.privacy.anonymous;
    write(ws, anonymous, |tx| {
        if !db::register(tx, id, round, &who)? {
            return Err(Error::State(format!(
                "{} has already answered consent round {round} of proposal {:?}",
                if anonymous { "this participant".to_owned() } else { format!("{:?}", participant.name) },
                p.title
            )));
        }
        db::insert_answer(tx, id, answer_id, round, &answer, team)?;
        if !anonymous {
            db::insert_answer_author(tx, answer_id, &participant.id, &participant.name, at)?;
        }
        Ok(())
    })?;
    Ok(answer_id)
}

/// Whether a participant has answered the open round (the register exists only while it is open).
pub fn has_answered(ws: &Workspace, id: ProposalId, participant: &str, at: Timestamp) -> Result<bool> {
    let p = get(ws, id)?;
    let (Some(round), Some(salt)) = (p.state.open_round(at), db::salt(ws.conn(), id)?) else {
        return Ok(false);
    };
    let who = pseudonym(&salt, participant);
    Ok(ws.conn().query_row(
        "SELECT count(*) FROM respondent WHERE proposal = ?1 AND round = ?2 AND who = ?3",
        rusqlite::params![id.to_string(), round, who],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

/// Closes the current round now (or records the close of a round past its deadline).
pub fn close_round(ws: &mut Workspace, id: ProposalId, ctx: &Ctx) -> Result<Proposal> {
    let p = get(ws, id)?;
    let State::Consent { round, until, closed: None } = p.state else {
        return Err(refused(&p, ctx.at, "there is no round to close"));
    };
    write(ws, p.privacy.anonymous, |tx| {
        let at = ctx.at.min(until);
        db::close_round(tx, id, round, at)?;
        db::event(tx, id, at, &ctx.actor, "round_closed", Some(round), None)
    })?;
    get(ws, id)
}

/// Closes the round of a proposal in consent inside a transaction, if not yet closed.
fn close_current(tx: &rusqlite::Transaction, p: &Proposal, ctx: &Ctx) -> Result<()> {
    if let State::Consent { round, until, closed: None } = p.state {
        let at = ctx.at.min(until);
        db::close_round(tx, p.id, round, at)?;
        db::event(tx, p.id, at, &ctx.actor, "round_closed", Some(round), None)?;
    }
    Ok(())
}

/// The facilitator amends a proposal in consent: closes the round, records how each of its
/// objections was integrated (every one needs a note), optionally replaces the proposed change,
/// and starts round n + 1 until `until`.
pub fn amend(
    ws: &mut Workspace,
    id: ProposalId,
    amendment: Amendment,
    until: Timestamp,
    ctx: &Ctx,
) -> Result<Proposal> {
    let mut p = get(ws, id)?;
    let State::Consent { round, .. } = p.state else {
        return Err(refused(&p, ctx.at, "only a proposal in a consent round can be amended"));
    };
    if p.privacy.hidden_results && p.state.open_round(ctx.at).is_some() {
        // Amending needs the round's objections, which are secret until it closes.
        return Err(refused(
            &p,
            ctx.at,
            "its results are secret until the round closes: close it, then amend",
        ));
    }
    let note = text("the note of an amendment", &amendment.note, true)?;
    future_deadline(until, ctx.at, "the next consent round")?;
    let objections: Vec<AnswerId> = db::answers(ws.conn(), id)?
        .into_iter()
        .filter(|a| a.round == round && a.kind == AnswerKind::Objection)
        .map(|a| a.id)
        .collect();
    let mut notes = Vec::new();
    for i in &amendment.integrations {
        if !objections.contains(&i.objection) {
            return Err(Error::invalid(format!(
                "{} is not an objection of consent round {round}",
                i.objection
            )));
        }
        notes.push((i.objection, text("how an objection was integrated", &i.note, true)?));
    }
    let missing: Vec<String> =
        objections.iter().filter(|o| !notes.iter().any(|(n, _)| n == *o)).map(|o| o.to_string()).collect();
    if !missing.is_empty() {
        return Err(Error::invalid(format!(
            "say how every objection of round {round} was integrated; missing: {}",
            missing.join(", ")
        )));
    }
    if let Some(revision) = amendment.revision {
        if revision_kind(&revision) != p.proposed.kind() {
            return Err(Error::invalid(format!(
                "an amendment keeps the kind of the proposal ({})",
                p.proposed.kind().as_str()
            )));
        }
        p.proposed = stage(ws, revision)?;
    } else {
        revalidate(ws, &p)?;
    }
    p.updated = ctx.at;
    let next = Round {
        number: round + 1,
        opened: ctx.at,
        until,
        closed: None,
        respondents: None,
        amendment: Some(note.clone()),
    };
    write(ws, p.privacy.anonymous, |tx| {
        close_current(tx, &p, ctx)?;
        for (objection, note) in &notes {
            db::set_integration(tx, *objection, note)?;
        }
        db::update_content(tx, &p)?;
        db::open_round(tx, id, &next)?;
        db::set_state(tx, id, &State::Consent { round: next.number, until, closed: None }, ctx.at)?;
        db::event(tx, id, ctx.at, &ctx.actor, "amended", Some(next.number), Some(&note))
    })?;
    get(ws, id)
}

fn revision_kind(r: &Revision) -> Kind {
    match r {
        Revision::Structure { .. } => Kind::Structure,
        Revision::Vision { .. } => Kind::Vision,
        Revision::Framework { .. } => Kind::Framework,
    }
}

/// The decision-log entry of a proposal being closed now with `outcome`.
fn decision_of(
    ws: &Workspace,
    p: &Proposal,
    outcome: &str,
    reason: Option<String>,
    ctx: &Ctx,
) -> Result<Decision> {
    let answers = db::answers(ws.conn(), p.id)?;
    let registered = match p.state {
        State::Consent { round, closed: None, .. } => Some((round, db::respondents(ws.conn(), p.id, round)?)),
        _ => None,
    };
    let rounds = p
        .rounds
        .iter()
        .map(|r| RoundRecord {
            number: r.number,
            opened: r.opened,
            closed: r.closed.unwrap_or(ctx.at.min(r.until)),
            respondents: r
                .respondents
                .or(registered.filter(|(n, _)| *n == r.number).map(|(_, c)| c))
                .unwrap_or(0),
            tally: db::tally_of(&answers, r.number),
            amendment: r.amendment.clone(),
        })
        .collect::<Vec<_>>();
    Ok(Decision {
        proposal: p.id,
        at: ctx.at,
        decided_by: ctx.actor.clone(),
        outcome: outcome.into(),
        kind: p.proposed.kind(),
        title: p.title.clone(),
        rationale: p.rationale.clone(),
        goals: p.goals.clone(),
        what: p.proposed.summary(),
        reason,
        tally: rounds.last().map(|r| r.tally).unwrap_or_default(),
        rounds,
        objections: objections_of(&answers),
        change: None,
        anonymous: p.privacy.anonymous,
        undone: false,
    })
}

fn objections_of(answers: &[db::StoredAnswer]) -> Vec<Objection> {
    answers
        .iter()
        .filter(|a| a.kind == AnswerKind::Objection)
        .map(|a| Objection {
            id: a.id,
            round: a.round,
            by: a.by.clone(),
            reason: a.note.clone().unwrap_or_default(),
            integration: a.integration.clone(),
        })
        .collect()
}

/// Adopts a proposal whose last round is closed (by the facilitator or its deadline) without an
/// objection. Structural and framework changes are applied as one undoable change; if any
/// operation fails, nothing changes and the proposal stays in its round.
/// The operations of an adoption, each new level noted with who adopted it, when and which
/// proposal, so the board's history says where a level came from. A note the proposal carries
/// is kept.
fn noted(ops: &[Op], title: &str, ctx: &Ctx) -> Vec<Op> {
    ops.iter()
        .map(|op| match op {
            Op::SetDelegation { domain, subject, current, desired, note: None } => Op::SetDelegation {
                domain: *domain,
                subject: *subject,
                current: *current,
                desired: *desired,
                note: Some(crate::model::LevelNote {
                    by: ctx.actor.clone(),
                    at: ctx.at,
                    why: format!("Adopted proposal {title:?}"),
                }),
            },
            Op::Batch { label, ops } => Op::batch(label.clone(), noted(ops, title, ctx)),
            other => other.clone(),
        })
        .collect()
}

pub fn adopt(ws: &mut Workspace, id: ProposalId, ctx: &Ctx) -> Result<Adoption> {
    let p = get(ws, id)?;
    let State::Consent { round, .. } = p.state else {
        return Err(refused(&p, ctx.at, "only a proposal in a consent round can be adopted"));
    };
    if p.state.open_round(ctx.at).is_some() {
        return Err(refused(&p, ctx.at, "close the round before adopting"));
    }
    let open = db::answers(ws.conn(), id)?
        .iter()
        .filter(|a| a.round == round && a.kind == AnswerKind::Objection && a.integration.is_none())
        .count();
    if open > 0 {
        return Err(refused(
            &p,
            ctx.at,
            &format!("{open} objection(s) of round {round} are open; amend the proposal to integrate them, or reject it"),
        ));
    }
    let mut decision = decision_of(ws, &p, "adopted", None, ctx)?;
    let adopted = State::Adopted { at: ctx.at };
    let anonymous = p.privacy.anonymous;
    let records = |tx: &rusqlite::Transaction, decision: &Decision| -> Result<()> {
        close_current(tx, &p, ctx)?;
        db::set_state(tx, id, &adopted, ctx.at)?;
        db::append_decision(tx, decision)?;
        db::event(tx, id, ctx.at, &ctx.actor, "adopted", Some(round), None)
    };
    match &p.proposed {
        Proposed::Structure { ops } | Proposed::Framework { ops } => {
            let batch = Op::batch(format!("adopt proposal {:?}", p.title), noted(ops, &p.title, ctx));
            let (change, decision) = private(ws, anonymous, |ws| {
                ws.apply_with(batch, ctx, |tx, seq| {
                    decision.change = Some(seq);
                    records(tx, &decision)?;
                    Ok(decision)
                })
            })?;
            Ok(Adoption { decision, change: Some(change), vision_update: None })
        }
        Proposed::Vision { sections } => {
            let update = vision::revise(ws.conn(), sections, vision_client_id(&p))?;
            write(ws, anonymous, |tx| {
                docs::append_tx(tx, docs::VISION, &update)?;
                records(tx, &decision)
            })?;
            Ok(Adoption { decision, change: None, vision_update: Some(update) })
        }
    }
}

/// A Yjs client id for the adoption's update, derived from the proposal's id: unique per
/// proposal, and adoption happens once.
fn vision_client_id(p: &Proposal) -> u64 {
    let (_, low) = p.id.0.as_u64_pair();
    (low & ((1 << 53) - 1)).max(1)
}

/// Rejects a proposal open for comments or in consent, with the reason; logged as a decision.
pub fn reject(ws: &mut Workspace, id: ProposalId, reason: &str, ctx: &Ctx) -> Result<Proposal> {
    let p = get(ws, id)?;
    if !matches!(p.state, State::Comments { .. } | State::Consent { .. }) {
        return Err(refused(&p, ctx.at, "only a proposal open for comments or in consent can be rejected"));
    }
    let reason = text("the reason of a rejection", reason, true)?;
    let decision = decision_of(ws, &p, "rejected", Some(reason.clone()), ctx)?;
    write(ws, p.privacy.anonymous, |tx| {
        close_current(tx, &p, ctx)?;
        db::set_state(tx, id, &State::Rejected { at: ctx.at }, ctx.at)?;
        db::append_decision(tx, &decision)?;
        db::event(tx, id, ctx.at, &ctx.actor, "rejected", None, Some(&reason))
    })?;
    get(ws, id)
}

/// Withdraws a proposal that is not closed yet. Not a decision: the log holds it as an event.
pub fn withdraw(ws: &mut Workspace, id: ProposalId, ctx: &Ctx) -> Result<Proposal> {
    let p = get(ws, id)?;
    if p.state.is_closed() {
        return Err(refused(&p, ctx.at, "it can no longer be withdrawn"));
    }
    write(ws, p.privacy.anonymous, |tx| {
        close_current(tx, &p, ctx)?;
        db::set_state(tx, id, &State::Withdrawn { at: ctx.at }, ctx.at)?;
        db::event(tx, id, ctx.at, &ctx.actor, "withdrawn", None, None)
    })?;
    get(ws, id)
}

// ----- results ---------------------------------------------------------------------------------

/// The result of the current (or last) round at `now`: counts per answer kind, per team for
/// teams with at least [`MIN_GROUP`] respondents, hidden while secret and open.
pub fn outcome(ws: &Workspace, id: ProposalId, now: Timestamp) -> Result<Option<Outcome>> {
    let p = get(ws, id)?;
    let Some(last) = p.rounds.last() else { return Ok(None) };
    let open = p.state.open_round(now).is_some();
    let respondents = match last.respondents {
        Some(n) => n,
        None => db::respondents(ws.conn(), id, last.number)?,
    };
    if open && p.privacy.hidden_results {
        return Ok(Some(Outcome { round: last.number, open, respondents, tally: None, teams: Vec::new() }));
    }
    let answers = db::answers(ws.conn(), id)?;
    let mut per_team: std::collections::BTreeMap<TeamId, Tally> = Default::default();
    for a in answers.iter().filter(|a| a.round == last.number) {
        if let Some(team) = a.team {
            per_team.entry(team).or_default().add(a.kind);
        }
    }
    let teams = per_team
        .into_iter()
        .filter(|(_, t)| t.total() as usize >= MIN_GROUP)
        .map(|(team, tally)| TeamTally { team, tally })
        .collect();
    Ok(Some(Outcome {
        round: last.number,
        open,
        respondents,
        tally: Some(db::tally_of(&answers, last.number)),
        teams,
    }))
}

/// Every objection of every round with how it was integrated; those of an open round stay
/// hidden while the results are secret.
pub fn objections(ws: &Workspace, id: ProposalId, now: Timestamp) -> Result<Vec<Objection>> {
    let p = get(ws, id)?;
    let hidden = p.privacy.hidden_results.then(|| p.state.open_round(now)).flatten();
    let answers = db::answers(ws.conn(), id)?;
    Ok(objections_of(&answers).into_iter().filter(|o| Some(o.round) != hidden).collect())
}

/// The decision log, oldest first.
pub fn decisions(ws: &Workspace) -> Result<Vec<Decision>> {
    ensure_schema(ws)?;
    db::decisions(ws.conn())
}

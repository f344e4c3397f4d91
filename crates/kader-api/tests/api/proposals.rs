//! Proposals through the API: who may do what, events that name the proposal and nobody, and an
//! adopted vision revision reaching an open editor live.

use super::*;
use kader::proposals::{Revision, SectionText};
use kader_api::collab::{Access, Outbound};
use kader_api::proposals::{Caller, ProposalDraft, Step};
use std::time::{Duration, Instant};

fn purpose(doc: &yrs::Doc) -> String {
    kader::docs::vision_text(doc)
        .into_iter()
        .find(|(s, _)| *s == "purpose")
        .map(|(_, t)| t)
        .unwrap_or_default()
}

fn facilitator() -> Caller {
    Caller::Facilitator { name: "Fien".into() }
}

fn participant(id: &str, may_write: bool) -> Caller {
    Caller::Participant { id: id.into(), name: id.to_uppercase(), team: None, may_write }
}

fn vision_draft(text: &str) -> ProposalDraft {
    ProposalDraft {
        title: "Our purpose, said plainly".into(),
        rationale: "People could not say why we exist.".into(),
        goals: None,
        revision: Revision::Vision {
            sections: vec![SectionText { section: "purpose".into(), text: text.into() }],
        },
        privacy: None,
    }
}

#[test]
fn only_the_facilitator_drafts_and_steps_and_an_observer_only_reads() {
    let (_dir, _path, api) = empty();
    let refused = api.create_proposal(vision_draft("x"), &participant("ann", true)).expect_err("not theirs");
    assert_eq!(refused.code, kader_api::Code::Forbidden);
    let view = api.create_proposal(vision_draft("We care."), &facilitator()).expect("a draft");
    let id = view.proposal.id;
    assert!(api.proposals(&participant("ann", true)).expect("a list").is_empty(), "drafts are hidden");
    assert_eq!(
        api.proposal(id, &participant("ann", true)).expect_err("hidden").code,
        kader_api::Code::NotFound
    );
    api.proposal_step(id, Step::Open { until: Timestamp(NOW.0 + 60_000) }, &facilitator()).expect("opens");
    assert_eq!(api.proposals(&participant("ann", true)).expect("a list").len(), 1);
    let step = api.proposal_step(id, Step::Close, &participant("ann", true)).expect_err("not theirs");
    assert_eq!(step.code, kader_api::Code::Forbidden);
    let draft = kader_api::proposals::CommentDraft { parent: None, anchor: None, body: "Hm.".into() };
    let observer = api.post_comment(id, draft, &participant("obs", false)).expect_err("observers read");
    assert_eq!(observer.code, kader_api::Code::Forbidden);
}

#[test]
fn an_adopted_vision_revision_reaches_an_open_editor_and_the_events_name_nobody() {
    let (_dir, path, api) = empty();
    let mut events = api.subscribe();
    let hub = api.hub();
    let mut editor = hub.join(kader::docs::VISION, Access::Edit, None).expect("joins");
    let view = api
        .create_proposal(vision_draft("We exist so that care is close to home."), &facilitator())
        .expect("a draft");
    let id = view.proposal.id;
    for step in
        [Step::Open { until: Timestamp(NOW.0 + 60_000) }, Step::Consent { until: Timestamp(NOW.0 + 120_000) }]
    {
        api.proposal_step(id, step, &facilitator()).expect("a step");
    }
    api.answer_proposal(id, kader::proposals::Answer::Consent, &participant("ann", true)).expect("answers");
    api.proposal_step(id, Step::Close, &facilitator()).expect("closes");
    let adopted = api.proposal_step(id, Step::Adopt, &facilitator()).expect("adopts");
    assert_eq!(adopted.proposal.state.name(), "adopted");

    // The open editor receives the new text as a Yjs update.
    let doc = yrs::Doc::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        assert!(Instant::now() < deadline, "the adopted text did not reach the editor");
        match editor.outbox.try_recv() {
            Ok(Outbound::Message(bytes)) if bytes.len() > 3 && bytes[0] == 0 && bytes[1] == 2 => {
                let mut decoder =
                    yrs::updates::decoder::DecoderV1::new(yrs::encoding::read::Cursor::new(&bytes));
                for message in yrs::sync::MessageReader::new(&mut decoder) {
                    if let Ok(yrs::sync::Message::Sync(yrs::sync::SyncMessage::Update(update))) = message {
                        kader::docs::apply_update(&doc, &update).expect("applies");
                    }
                }
                if purpose(&doc).contains("close to home") {
                    break;
                }
            }
            Ok(_) => {}
            Err(_) => std::thread::sleep(Duration::from_millis(5)),
        }
    }
    // And the file has it for everyone who opens the vision later.
    let stored = kader_api::collab::snapshot(&path, kader::docs::VISION).expect("the stored vision");
    assert!(purpose(&stored).contains("close to home"));

    // Every announcement names the proposal; the answer's names nobody.
    let mut seen = Vec::new();
    while let Ok(event) = events.try_recv() {
        seen.push(event);
    }
    assert!(seen.iter().all(|e| e.proposal == Some(id) && e.op.is_none()), "{seen:?}");
    let answer = seen.iter().find(|e| e.summary.contains("answered")).expect("the answer was announced");
    assert_eq!(answer.actor, "someone");
    assert!(!seen.iter().any(|e| e.actor.contains("ANN") || e.summary.contains("ANN")));
}

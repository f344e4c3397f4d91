//! The limits of src/limits.rs on what participants and facilitators write into proposals:
//! titles (200), rationales and comments (10,000). A text over its limit is refused naming the
//! field, the limit and its length, and changes nothing.

use super::*;
use kader::proposals::{Anchor, DraftEdit, NewComment, Proof, Viewer};

#[track_caller]
fn assert_too_long<T: std::fmt::Debug>(result: Result<T, Error>, field: &str, limit: &str, length: &str) {
    let e = result.expect_err("a text over its limit is refused");
    assert!(matches!(e, Error::TooLong(_)), "a limit refusal, not {e:?}");
    let words = e.to_string();
    for part in [field, limit, length] {
        assert!(words.contains(part), "{words:?} must name {part:?}");
    }
}

#[test]
fn a_comment_over_ten_thousand_characters_is_refused_and_not_kept() {
    let mut f = fixture(2);
    let who = member(&f, 0);
    let p = f.draft(Privacy::default());
    pr::open_for_comments(&mut f.ws, p.id, at(5 * DAY), &fac(1)).expect("opens");
    let post = |f: &mut Fixture, body: String| {
        let new = NewComment { parent: None, anchor: Anchor::Proposal, body };
        pr::comment(&mut f.ws, p.id, &who, new, &mut f.entropy, at(2 * DAY))
    };
    // Characters, not bytes: 10,000 accented letters are 20,000 bytes and still fit.
    let kept = post(&mut f, "é".repeat(10_000)).expect("exactly the limit is accepted");
    assert_too_long(post(&mut f, "x".repeat(10_001)), "comment", "10,000", "10,001");
    let viewer = Viewer { participant: Some(who.id.clone()), moderator: false };
    let thread = pr::comments(&f.ws, p.id, &viewer).expect("reads");
    assert_eq!(thread.len(), 1, "the refused comment is not kept");

    // Editing one's own comment is held to the same limit, and leaves the comment as it was.
    assert_too_long(
        pr::edit_comment(
            &mut f.ws,
            kept.id,
            &Proof::Participant(who.id.clone()),
            &"y".repeat(12_345),
            at(2 * DAY),
        ),
        "comment",
        "10,000",
        "12,345",
    );
    let thread = pr::comments(&f.ws, p.id, &viewer).expect("reads");
    assert_eq!(
        thread[0].body.as_deref().map(|b| b.chars().count()),
        Some(10_000),
        "the comment is unchanged"
    );
}

#[test]
fn a_proposal_title_and_rationale_over_their_limits_are_refused() {
    let mut f = fixture(1);
    let ops = f.coach_ops();
    let new = |title: String, rationale: String| NewProposal {
        title,
        rationale,
        author: Author { name: "Fien Facilitator".into(), participant: None },
        goals: vec![],
        revision: Revision::Structure { ops: ops.clone() },
        privacy: Privacy::default(),
    };
    let before = pr::list(&f.ws).expect("lists").len();
    assert_too_long(
        pr::create(&mut f.ws, new("t".repeat(201), "Why".into()), &mut f.ids, &mut f.entropy, &fac(0)),
        "title",
        "200",
        "201",
    );
    assert_too_long(
        pr::create(&mut f.ws, new("A title".into(), "r".repeat(10_001)), &mut f.ids, &mut f.entropy, &fac(0)),
        "rationale",
        "10,000",
        "10,001",
    );
    assert_eq!(pr::list(&f.ws).expect("lists").len(), before, "no refused draft is kept");

    // A draft's edit too; the draft keeps its words.
    let p = f.draft(Privacy::default());
    let edit = DraftEdit { title: Some("t".repeat(250)), ..DraftEdit::default() };
    assert_too_long(pr::edit(&mut f.ws, p.id, edit, &fac(1)), "title", "200", "250");
    let edit = DraftEdit { rationale: Some("r".repeat(10_500)), ..DraftEdit::default() };
    assert_too_long(pr::edit(&mut f.ws, p.id, edit, &fac(1)), "rationale", "10,000", "10,500");
    let kept = pr::get(&f.ws, p.id).expect("reads");
    assert_eq!((kept.title.as_str(), kept.rationale.as_str()), (p.title.as_str(), p.rationale.as_str()));
}

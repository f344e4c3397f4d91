//! Comments: threads, anchors on the preview's nodes and on passages of a revised text,
//! reactions (one per person and key), editing and deleting one's own, hiding by the facilitator.

use super::*;
use kader::proposals::{Anchor, NewComment, Proof, SectionText, Viewer};

fn post(
    f: &mut Fixture,
    p: &Proposal,
    who: &Participant,
    parent: Option<kader::id::CommentId>,
    anchor: Anchor,
    body: &str,
) -> Result<kader::proposals::Posted, Error> {
    let new = NewComment { parent, anchor, body: body.into() };
    pr::comment(&mut f.ws, p.id, who, new, &mut f.entropy, at(2 * DAY))
}

#[test]
fn a_thread_with_replies_anchors_reactions_and_moderation() {
    let mut f = fixture(3);
    let (ann, bob) = (member(&f, 0), member(&f, 1));
    let p = f.draft(Privacy::default());
    pr::open_for_comments(&mut f.ws, p.id, at(5 * DAY), &fac(1)).expect("opens");
    // The coach is a node of the preview only: it exists after the change.
    let coach = match &p.proposed.ops().expect("ops")[0] {
        Op::AddRole { role } => role.id,
        other => panic!("the first operation adds the coach, not {other:?}"),
    };
    let root =
        post(&mut f, &p, &ann, None, Anchor::Node { node: NodeRef::Role(coach) }, "Who will the coach be?")
            .expect("on a new role");
    let reply =
        post(&mut f, &p, &bob, Some(root.id), Anchor::Proposal, "Someone from outside.").expect("a reply");
    let nobody = NodeRef::Role(RoleId(uuid::Uuid::from_u64_pair(9, 9)));
    let e = post(&mut f, &p, &bob, None, Anchor::Node { node: nobody }, "?").expect_err("not in the preview");
    assert!(e.to_string().contains("not in this proposal's preview"), "{e}");
    let e =
        post(&mut f, &p, &bob, None, Anchor::Passage { section: "purpose".into(), quote: "x".into() }, "?")
            .expect_err("a structural proposal has no passages");
    assert!(e.to_string().contains("only a vision revision"), "{e}");
    let e = post(&mut f, &p, &bob, None, Anchor::Proposal, "  ").expect_err("empty");
    assert!(matches!(e, Error::Invalid(_)), "{e}");

    for (who, key, on) in [
        (&ann, "+1", true),
        (&bob, "+1", true),
        (&ann, "+1", true),
        (&ann, "heart", true),
        (&ann, "heart", false),
    ] {
        pr::react(&mut f.ws, reply.id, &who.id, key, on, at(2 * DAY)).expect("reacts");
    }
    let e =
        pr::react(&mut f.ws, reply.id, &ann.id, "<b>", true, at(2 * DAY)).expect_err("markup is no reaction");
    assert!(matches!(e, Error::Invalid(_)), "{e}");
    let viewer = Viewer { participant: Some(bob.id.clone()), moderator: false };
    let thread = pr::comments(&f.ws, p.id, &viewer).expect("reads");
    assert_eq!(thread.len(), 2);
    assert_eq!(thread[1].parent, Some(root.id), "the reply names its parent");
    assert_eq!(thread[1].reactions, vec![("+1".to_owned(), 2, true)], "one +1 per person; heart withdrawn");
    assert_eq!(thread[0].author.as_deref(), Some("Employee Name00"), "named comments show their author");
    let by = |c: &pr::Comment| if c.id == root.id { "ann" } else { "bob" };
    assert_eq!(
        thread.iter().map(|c| (by(c), c.mine)).collect::<Vec<_>>(),
        vec![("ann", false), ("bob", true)],
        "Bob's own reply is his, Ann's comment is not"
    );

    // Edit and delete one's own; a delete leaves a tombstone the reply still hangs from.
    let e = pr::edit_comment(&mut f.ws, root.id, &Proof::Participant(bob.id.clone()), "Hijack", at(2 * DAY))
        .expect_err("not Bob's");
    assert!(e.to_string().contains("only its author"), "{e}");
    pr::edit_comment(
        &mut f.ws,
        root.id,
        &Proof::Participant(ann.id.clone()),
        "Who coaches?",
        at(2 * DAY + 5),
    )
    .expect("own");
    pr::delete_comment(&mut f.ws, root.id, &Proof::Participant(ann.id.clone()), at(2 * DAY + 6))
        .expect("own");
    let e =
        pr::edit_comment(&mut f.ws, root.id, &Proof::Participant(ann.id.clone()), "Back", at(2 * DAY + 7))
            .expect_err("deleted");
    assert!(matches!(e, Error::State(_)), "{e}");

    // The facilitator hides the reply: kept, marked, its text only for a moderator.
    pr::hide_comment(&mut f.ws, reply.id, "Names a colleague.", &fac(2 * DAY + 8)).expect("hides");
    assert_refused(
        pr::hide_comment(&mut f.ws, reply.id, "again", &fac(2 * DAY + 9)),
        "already hidden",
        "hiding twice",
    );
    let thread = pr::comments(&f.ws, p.id, &viewer).expect("reads");
    assert!(
        thread[0].deleted && thread[0].body.is_none() && thread[0].author.is_none(),
        "a tombstone: {:?}",
        thread[0]
    );
    assert_eq!(thread[1].body, None, "a hidden text is not shown to participants");
    assert!(thread[1]
        .hidden
        .as_deref()
        .is_some_and(|h| h.contains("Names a colleague.") && h.contains("Fien Facilitator")));
    let moderator = pr::comments(&f.ws, p.id, &Viewer { participant: None, moderator: true }).expect("reads");
    assert_eq!(moderator[1].body.as_deref(), Some("Someone from outside."), "the facilitator still reads it");
    let markdown = pr::export::proposal_markdown(&f.ws, p.id, at(3 * DAY)).expect("exports");
    assert!(
        markdown.contains("(hidden: hidden by Fien Facilitator")
            && !markdown.contains("Someone from outside"),
        "{markdown}"
    );
    assert!(markdown.contains("(deleted by its author)"), "{markdown}");
    assert!(markdown.contains("on Team coach**"), "a node is named as in the preview:\n{markdown}");
}

#[test]
fn a_passage_of_a_revised_vision_can_be_commented_on() {
    let mut f = fixture(1);
    let revision = Revision::Vision {
        sections: vec![SectionText {
            section: "purpose".into(),
            text: "We make care simple.\nFor everyone.".into(),
        }],
    };
    let p = f.draft_with(revision, Privacy::default());
    pr::open_for_comments(&mut f.ws, p.id, at(5 * DAY), &fac(1)).expect("opens");
    let ann = member(&f, 0);
    let passage =
        |quote: &str, section: &str| Anchor::Passage { section: section.into(), quote: quote.into() };
    post(&mut f, &p, &ann, None, passage("care simple", "purpose"), "Nice.").expect("a quoted passage");
    let e = post(&mut f, &p, &ann, None, passage("not there", "purpose"), "?").expect_err("no such passage");
    assert!(e.to_string().contains("is not a passage"), "{e}");
    let e = post(&mut f, &p, &ann, None, passage("care", "values"), "?").expect_err("not revised");
    assert!(e.to_string().contains("not revised by this proposal"), "{e}");
    let director = NodeRef::Role(f.director);
    let e = post(&mut f, &p, &ann, None, Anchor::Node { node: director }, "?").expect_err("no nodes");
    assert!(e.to_string().contains("no nodes"), "{e}");
}

//! Results per kind and per team (from five respondents), hidden while secret; what is new since
//! a visit; the exports with every user text escaped; vision revisions with their diff and
//! adoption into the vision document; the preview's figures.

use super::*;
use kader::docs::{self, DocStore};
use kader::proposals::{export, Anchor, DiffLine, NewComment, Preview, SectionText};

#[test]
fn figures_per_team_only_from_five_respondents_and_hidden_while_secret() {
    for (respondents, hidden) in [(4, false), (5, false), (6, true)] {
        let mut f = fixture(6);
        let p = f.in_consent(Privacy { anonymous: false, hidden_results: hidden });
        for i in 0..respondents {
            let who = member(&f, i);
            f.answer(&p, &who, if i == 0 { objection("no") } else { consent() }, 4 * DAY).expect("answers");
        }
        let open = pr::outcome(&f.ws, p.id, at(4 * DAY)).expect("reads").expect("a round");
        assert_eq!(open.respondents, respondents as u32, "{respondents}: participation shows");
        assert_eq!(open.tally.is_none(), hidden, "{respondents}: hidden only while secret and open");
        pr::close_round(&mut f.ws, p.id, &fac(5 * DAY)).expect("closes");
        let closed = pr::outcome(&f.ws, p.id, at(5 * DAY)).expect("reads").expect("a round");
        let tally = closed.tally.expect("visible once closed");
        assert_eq!((tally.objection, tally.consent), (1, respondents as u32 - 1), "{respondents}: counts");
        assert_eq!(
            closed.teams.len(),
            usize::from(respondents >= 5),
            "{respondents}: a team shows from five respondents"
        );
    }
}

#[test]
fn what_is_new_since_a_visit() {
    let mut f = fixture(2);
    let (ann, bob) = (member(&f, 0), member(&f, 1));
    let p = f.draft(Privacy::default());
    let hidden_draft = f.draft(Privacy::default());
    pr::open_for_comments(&mut f.ws, p.id, at(3 * DAY), &fac(DAY)).expect("opens");
    let visit = at(DAY + 10);
    let c = |f: &mut Fixture, who: &Participant, ms| {
        let new = NewComment { parent: None, anchor: Anchor::Proposal, body: "Hm.".into() };
        pr::comment(&mut f.ws, p.id, who, new, &mut f.entropy, at(ms)).expect("posts").id
    };
    let _before = c(&mut f, &bob, DAY + 5);
    let mine = c(&mut f, &ann, DAY + 20);
    let theirs = c(&mut f, &bob, DAY + 30);
    pr::start_consent(&mut f.ws, p.id, at(9 * DAY), &fac(2 * DAY)).expect("starts");
    let news = pr::news(&f.ws, &ann.id, visit).expect("reads");
    assert_eq!(
        news.comments,
        vec![(p.id, theirs)],
        "others' comments since the visit, not one's own ({mine})"
    );
    assert_eq!(news.events.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(), vec!["consent_started"]);
    assert!(news.opened.is_empty(), "opened before the visit");
    let since_start = pr::news(&f.ws, &ann.id, at(0)).expect("reads");
    assert_eq!(since_start.opened, vec![p.id], "opened since the start; drafts never show");
    assert!(since_start.events.iter().all(|e| e.proposal != hidden_draft.id), "no event of a draft");
}

#[test]
fn exports_escape_every_user_text() {
    let mut f = fixture(1);
    let ann = Participant { id: "p1".into(), name: "<img src=x onerror=alert(1)>".into(), team: None };
    let mut p = f.draft(Privacy::default());
    p = pr::edit(
        &mut f.ws,
        p.id,
        pr::DraftEdit { title: Some("<script>alert(1)</script> # *bold*".into()), ..Default::default() },
        &fac(1),
    )
    .expect("edits");
    pr::open_for_comments(&mut f.ws, p.id, at(DAY), &fac(2)).expect("opens");
    let new =
        NewComment { parent: None, anchor: Anchor::Proposal, body: "a & b <i>x</i>\n# not a heading".into() };
    pr::comment(&mut f.ws, p.id, &ann, new, &mut f.entropy, at(3)).expect("posts");
    let html = export::proposal_html(&f.ws, p.id, at(4)).expect("exports");
    for raw in ["<script>", "<img", "<i>"] {
        assert!(!html.contains(raw), "HTML holds {raw:?} unescaped:\n{html}");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
    assert!(html.contains("a &amp; b &lt;i&gt;x&lt;/i&gt;"), "{html}");
    let md = export::proposal_markdown(&f.ws, p.id, at(4)).expect("exports");
    assert!(md.starts_with("# \\<script\\>alert(1)\\</script\\> \\# \\*bold\\*\n"), "{md}");
    assert!(md.contains("\\# not a heading"), "a user's line cannot start a heading:\n{md}");
    let unescaped = md.char_indices().filter(|&(i, c)| c == '<' && !md[..i].ends_with('\\')).count();
    assert_eq!(unescaped, 0, "every '<' of a user's text is escaped in Markdown:\n{md}");
}

/// Appends paragraphs to the vision's purpose as a co-editor with its own Yjs client id.
fn write_vision(path: &std::path::Path, client: u64, text: &str) {
    let doc = yrs::Doc::with_client_id(client);
    let purpose = doc.get_or_insert_xml_fragment("purpose");
    let update = {
        use yrs::{Transact, XmlFragment};
        let mut txn = doc.transact_mut();
        for line in text.lines() {
            let p = purpose.push_back(&mut txn, yrs::XmlElementPrelim::empty("paragraph"));
            p.push_back(&mut txn, yrs::XmlTextPrelim::new(line));
        }
        txn.encode_update_v1()
    };
    DocStore::open(path).expect("documents open").append(docs::VISION, [update.as_slice()]).expect("stored");
}

#[test]
fn a_vision_revision_diffs_per_section_and_adoption_writes_the_vision() {
    let mut f = fixture(1);
    let path = f.ws.path().to_owned();
    write_vision(&path, 77, "We care.\nWe decide fast.");
    let revision = Revision::Vision {
        sections: vec![SectionText { section: "purpose".into(), text: "We care.\nTeams decide.  \n".into() }],
    };
    let p = f.draft_with(revision, Privacy::default());
    let Preview::Vision { sections } = pr::preview(&f.ws, p.id).expect("previews") else {
        panic!("a vision preview")
    };
    assert_eq!(
        sections[0].lines,
        vec![
            DiffLine::Same("We care.".into()),
            DiffLine::Removed("We decide fast.".into()),
            DiffLine::Added("Teams decide.".into())
        ],
        "a readable diff"
    );
    let md = export::proposal_markdown(&f.ws, p.id, at(1)).expect("exports");
    assert!(md.contains("- We decide fast.\n+ Teams decide.\n"), "{md}");
    pr::open_for_comments(&mut f.ws, p.id, at(DAY), &fac(1)).expect("opens");
    pr::start_consent(&mut f.ws, p.id, at(2 * DAY), &fac(DAY)).expect("starts");
    let adoption = pr::adopt(&mut f.ws, p.id, &fac(2 * DAY)).expect("adopts");
    assert!(
        adoption.change.is_none() && adoption.vision_update.is_some(),
        "a vision update, no organization change"
    );
    let (doc, _) = DocStore::open(&path).expect("opens").load(docs::VISION).expect("loads");
    assert_eq!(
        docs::vision_text(&doc)[0],
        ("purpose", "We care.\nTeams decide.".to_owned()),
        "the vision is revised"
    );

    // A revision whose section changed since it was written is refused at adoption.
    let revision =
        Revision::Vision { sections: vec![SectionText { section: "purpose".into(), text: "Other.".into() }] };
    let q = f.draft_with(revision, Privacy::default());
    pr::open_for_comments(&mut f.ws, q.id, at(3 * DAY), &fac(2 * DAY)).expect("opens");
    pr::start_consent(&mut f.ws, q.id, at(4 * DAY), &fac(3 * DAY)).expect("starts");
    write_vision(&path, 78, "Edited meanwhile.");
    let e = pr::adopt(&mut f.ws, q.id, &fac(4 * DAY)).expect_err("the base changed");
    assert!(e.to_string().contains("changed since this revision was written"), "{e}");
    assert!(matches!(state_of(&f, &q), State::Consent { .. }), "the proposal stays in its round");
}

#[test]
fn the_preview_shows_what_changes_and_the_figures_before_and_after() {
    let mut f = fixture(2);
    let nurse = f.nurses[0];
    let director = f.director;
    let mut ops = f.coach_ops();
    let coach = match &ops[0] {
        Op::AddRole { role } => role.id,
        _ => unreachable!(),
    };
    ops.push(Op::MoveRole { role: nurse, manager: Some(coach) });
    let p = f.draft_with(Revision::Structure { ops }, Privacy::default());
    let Preview::Organization { before, after, nodes, relations_added, relations_removed, .. } =
        pr::preview(&f.ws, p.id).expect("previews")
    else {
        panic!("an organization preview")
    };
    assert_eq!((before.structure.layers, after.structure.layers), (2, 3), "a layer is added");
    assert_eq!(nodes.len(), 1, "one node added: {nodes:?}");
    assert!(relations_added.contains(&Relation::ReportsTo { role: nurse, manager: coach }), "the moved line");
    assert!(
        relations_removed.contains(&Relation::ReportsTo { role: nurse, manager: director }),
        "the old line"
    );
}

#[test]
fn an_anonymous_comment_is_never_missed_by_what_is_new() {
    let mut f = fixture(1);
    let ann = member(&f, 0);
    let p = f.draft(Privacy { anonymous: true, hidden_results: false });
    pr::open_for_comments(&mut f.ws, p.id, at(DAY), &fac(1)).expect("opens");
    let new = NewComment { parent: None, anchor: Anchor::Proposal, body: "Anonymous.".into() };
    // Written 30 s after T0, stamped with the whole minute after it.
    let posted = pr::comment(&mut f.ws, p.id, &ann, new, &mut f.entropy, at(30_000)).expect("posts");
    let thread = pr::comments(&f.ws, p.id, &pr::Viewer::default()).expect("reads");
    assert_eq!(thread[0].created, at(60_000), "kept to the minute, rounded up");
    for visit in [20_000, 40_000] {
        let news = pr::news(&f.ws, "someone", at(visit)).expect("reads");
        assert_eq!(news.comments, vec![(p.id, posted.id)], "a visit at {visit} ms sees it as new");
    }
    assert!(
        pr::news(&f.ws, "someone", at(60_000)).expect("reads").comments.is_empty(),
        "and not after its minute"
    );
    pr::withdraw(&mut f.ws, p.id, &fac(2 * DAY)).expect("withdraws");
    let e = pr::react(&mut f.ws, posted.id, &ann.id, "+1", true, at(2 * DAY)).expect_err("closed");
    assert!(matches!(e, Error::State(ref m) if m.contains("withdrawn")), "{e}");
}

#[test]
fn a_framework_preview_shows_the_changed_cells_and_guardrails_of_the_board() {
    use kader::model::Unit;
    use kader::proposals::NodeChangeKind;
    let mut f = fixture(1);
    let mut scheduling = domain(&mut f.ids, "Work schedules");
    scheduling.guardrails = vec!["Within the budget".into(), "Two nurses on every shift".into()];
    let untouched = domain(&mut f.ids, "Holidays");
    let set = |d, subject, current, desired| Op::SetDelegation {
        domain: d,
        subject,
        current: Some(level(current)),
        desired: Some(level(desired)),
        note: None,
    };
    apply_all(
        &mut f.ws,
        [
            Op::AddDomain { domain: scheduling.clone() },
            Op::AddDomain { domain: untouched.clone() },
            set(scheduling.id, Unit::Team(f.care), 2, 5),
            set(scheduling.id, Unit::Team(f.solo), 3, 3),
            set(untouched.id, Unit::Team(f.care), 4, 4),
        ],
    );
    let mut guarded = f.ws.org().domain(scheduling.id).expect("exists").clone();
    guarded.guardrails = vec!["Within the budget".into(), "Swaps agreed in the team".into()];
    let ops = vec![Op::UpdateDomain { domain: guarded }, set(scheduling.id, Unit::Team(f.care), 5, 6)];
    let p = f.draft_with(Revision::Framework { ops }, Privacy::default());
    let Preview::Organization { domains, nodes, .. } = pr::preview(&f.ws, p.id).expect("previews") else {
        panic!("an organization preview")
    };
    assert!(nodes.is_empty(), "no role or team changes: {nodes:?}");
    assert_eq!(domains.len(), 1, "only the changed domain: {domains:?}");
    let d = &domains[0];
    assert_eq!(
        (d.name.as_str(), d.change, d.renamed_from.as_deref()),
        ("Work schedules", NodeChangeKind::Changed, None)
    );
    assert_eq!(d.guardrails_before, vec!["Within the budget", "Two nurses on every shift"]);
    assert_eq!(d.guardrails_after, vec!["Within the budget", "Swaps agreed in the team"]);
    assert_eq!(d.cells.len(), 1, "only the changed cell, not Solo's: {:?}", d.cells);
    let c = &d.cells[0];
    assert_eq!((c.subject, c.name.as_str()), (Unit::Team(f.care), "Care"));
    assert_eq!((c.current_before, c.current_after), (Some(level(2)), Some(level(5))));
    assert_eq!((c.desired_before, c.desired_after), (Some(level(5)), Some(level(6))));

    // A removed domain shows every cell it had, going to nothing.
    let q = f.draft_with(
        Revision::Framework { ops: vec![Op::RemoveDomain { id: untouched.id }] },
        Privacy::default(),
    );
    let Preview::Organization { domains, .. } = pr::preview(&f.ws, q.id).expect("previews") else {
        panic!("an organization preview")
    };
    assert_eq!(domains[0].change, NodeChangeKind::Removed);
    assert_eq!(
        (domains[0].cells[0].current_before, domains[0].cells[0].current_after),
        (Some(level(4)), None)
    );
}

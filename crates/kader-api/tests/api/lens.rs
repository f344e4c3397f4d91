//! The delegation board and the hierarchy lens through the API: what the board lists, level
//! changes noted with the actor and the API's clock, and the lens following every change (a
//! level, an accountability, a manager) and every undo.

use super::*;
use kader::id::{AccountabilityId, DomainId};
use kader::lens::{LineClass, Reason};
use kader::model::{Accountability, AccountabilityKind, DecisionDomain, Level, LevelNote, Unit};

fn level(n: u8) -> Option<Level> {
    Level::new(n)
}

fn add_domain(api: &Api, ids: &mut SeqIds, name: &str, team: TeamId, current: u8) -> DomainId {
    let id = DomainId::new(ids);
    let domain = DecisionDomain {
        id,
        name: name.into(),
        owner_team: None,
        driver: "Teams know best".into(),
        guardrails: vec!["Within budget".into()],
        review_date: None,
        delegations: Vec::new(),
    };
    api.apply(Op::AddDomain { domain }, "ann").expect("the domain is added");
    let set = Op::SetDelegation {
        domain: id,
        subject: Unit::Team(team),
        current: level(current),
        desired: level(6),
        note: Some(LevelNote {
            by: "forged".into(),
            at: Timestamp(0),
            why: "  mapped in the workshop ".into(),
        }),
    };
    api.apply(set, "ann").expect("the level is set");
    id
}

#[test]
fn the_board_lists_domains_teams_and_the_noted_level_history() {
    let (_dir, _path, api, ids) = small_org();
    let mut seq = SeqIds::new(0xB0A);
    let board = api.board().expect("the board");
    assert!(board.domains.is_empty());
    assert_eq!(board.teams.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["Board", "Finance", "Ops"]);
    let d = add_domain(&api, &mut seq, "Spending under €5,000", ids.finance, 3);
    let board = api.board().expect("the board");
    assert_eq!(board.domains.len(), 1);
    let entry = &board.domains[0].delegations[0];
    assert_eq!((entry.current, entry.desired), (level(3), level(6)));
    // Who and when come from the API, whatever the client sent; the why is kept, trimmed.
    assert_eq!(entry.history.len(), 1);
    let h = &entry.history[0];
    assert_eq!((h.by.as_str(), h.at, h.why.as_str()), ("ann", NOW, "mapped in the workshop"));
    assert_eq!(board.domains[0].id, d);
    assert!(board.seq > 0);
}

#[test]
fn the_lens_follows_levels_accountabilities_managers_and_undo() {
    let (_dir, path, api, ids) = small_org();
    let mut seq = SeqIds::new(0xB0B);
    // Without decision data: the COO has one report (a pass-through layer); the CFO too.
    let view = api.lens().expect("the lens");
    assert_eq!(view.classes.get(&ids.analyst), Some(&LineClass::Control));
    assert_eq!(view.classes.get(&ids.accountant), Some(&LineClass::Control));
    assert_eq!(view.classes.get(&ids.cfo), Some(&LineClass::Unclassified));
    assert_eq!(view.classes.len(), 4, "one class per reporting line");
    assert_eq!(view.layers, 3);
    assert_eq!(view.figures.hierarchy.control, 2);
    assert_eq!(view.figures.pass_through_managers.len(), 2);

    // A level for Ops at 6 (support) against the pass-through (control): a tie, control.
    let d = add_domain(&api, &mut seq, "Tool choice", ids.ops, 6);
    let line = api.line(ids.analyst).expect("the analyst's line");
    assert_eq!(line.class, LineClass::Control);
    assert!(line.reasons.iter().any(|r| matches!(r, Reason::Decision { level: 6, .. })));
    // A second domain at 7: support wins.
    add_domain(&api, &mut seq, "Training budget", ids.ops, 7);
    assert_eq!(api.lens().expect("lens").classes[&ids.analyst], LineClass::Support);
    // Lowering one to 2: a tie again → control.
    let set = Op::SetDelegation {
        domain: d,
        subject: Unit::Team(ids.ops),
        current: level(2),
        desired: None,
        note: None,
    };
    api.apply(set, "ann").expect("set");
    assert_eq!(api.lens().expect("lens").classes[&ids.analyst], LineClass::Control);
    // An accountability of the CEO towards the CFO, tagged support.
    let mut ceo = api.role(ids.ceo).expect("ceo").role;
    ceo.accountabilities.push(Accountability {
        id: AccountabilityId::new(&mut seq),
        text: "Coach the CFO".into(),
        kind: AccountabilityKind::Support,
        towards: Some(kader::model::NodeRef::Role(ids.cfo)),
    });
    api.apply(Op::UpdateRole { role: ceo }, "ann").expect("update");
    assert_eq!(api.lens().expect("lens").classes[&ids.cfo], LineClass::Support);
    // A new manager: the analyst moves under the CFO; the COO has no report left.
    api.apply(Op::MoveRole { role: ids.analyst, manager: Some(ids.cfo) }, "ann").expect("move");
    let view = api.lens().expect("lens");
    assert_eq!(view.classes[&ids.accountant], LineClass::Unclassified, "the CFO is no pass-through now");
    // The analyst left Ops' manager but is still in team Ops: its decisions travel with it.
    assert_eq!(view.classes[&ids.analyst], LineClass::Control);
    // Undo the move: back to how it was.
    api.undo("ann").expect("undo");
    let view = api.lens().expect("lens");
    assert_eq!(view.classes[&ids.accountant], LineClass::Control);
    // The lens the API kept equals the analysis of the file.
    let fresh = kader::analyze::analyze_file(&path).expect("analyze");
    assert_eq!(view.figures, fresh.lens);
    assert_eq!(view.layers, fresh.structure.layers);
    // The top role has no line.
    assert_eq!(api.line(ids.ceo).expect_err("no line").code, kader_api::Code::NotFound);
}

#[test]
fn an_agreed_poker_level_is_the_desired_one_unless_it_takes_effect_now() {
    use kader_api::session::Applies;
    let (_dir, _path, api, ids) = small_org();
    let mut seq = SeqIds::new(0xB0B);
    // Current 3, desired 6 to begin with.
    let d = add_domain(&api, &mut seq, "Hiring", ids.finance, 3);
    let entry = |api: &Api| api.board().expect("the board").domains[0].delegations[0].clone();
    let why = "Delegation poker in session K7M2QX: cards 4, 5".to_owned();
    api.record_level(d, ids.finance, Level::new(5).expect("5"), Applies::Desired, "facilitator", why.clone())
        .expect("recorded as desired");
    let e = entry(&api);
    assert_eq!((e.current, e.desired), (level(3), level(5)), "the team still decides at 3 today");
    let last = e.history.last().expect("noted");
    assert_eq!((last.by.as_str(), last.why.as_str()), ("facilitator", why.as_str()));
    api.record_level(d, ids.finance, Level::new(4).expect("4"), Applies::Now, "facilitator", why)
        .expect("recorded as now");
    let e = entry(&api);
    assert_eq!((e.current, e.desired), (level(4), level(5)), "it takes effect now; the desired level stays");
    assert_eq!(e.history.len(), 3);
    // A team without an entry yet gets one with only the agreed desired level.
    api.record_level(d, ids.ops, Level::new(6).expect("6"), Applies::Desired, "facilitator", "poker".into())
        .expect("a new entry");
    let board = api.board().expect("the board");
    let ops =
        board.domains[0].delegations.iter().find(|e| e.subject == Unit::Team(ids.ops)).expect("an entry");
    assert_eq!((ops.current, ops.desired), (None, level(6)));
}

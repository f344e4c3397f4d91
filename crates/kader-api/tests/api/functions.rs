//! Every function of the API on its happy path.

use super::*;
use kader::import::hris::HrisOptions;
use kader::store::ChangeKind;
use kader_api::{ChartPerson, ChartRole, ChartTeam, TeamWord};
use uuid::Uuid;

#[test]
fn workspace_info_counts_the_organization_and_defaults_the_team_word() {
    let (_dir, path, api, _) = small_org();
    let info = api.workspace_info().expect("info");
    assert_eq!(info.path, path.display().to_string(), "the path as opened");
    assert_eq!(info.name, "client", "the name is the file name without extension");
    assert_eq!((info.people, info.roles, info.teams), (3, 5, 3), "people, roles, teams");
    assert_eq!(info.seq, 1, "one change: the load");
    assert_eq!(info.read_only, None, "a fresh workspace is writable");
    assert_eq!(info.team_word, TeamWord { singular: "team".into(), plural: "teams".into() }, "default word");
}

#[test]
fn the_chart_shows_every_line_team_and_person_of_a_small_org() {
    let (_dir, _path, api, i) = small_org();
    let chart = api.chart().expect("chart");
    assert_eq!(chart.seq, 1, "the chart says which change it reflects");

    let person = |id: PersonId, name: &str, fte: f64| ChartPerson {
        id,
        name: name.into(),
        fte: Fte::new(fte).expect("a share"),
    };
    let role = |id, title: &str, manager, dotted: Vec<RoleId>, team, people, ext: Option<&str>| ChartRole {
        id,
        title: title.into(),
        manager,
        dotted,
        team: Some(team),
        people,
        external_id: ext.map(str::to_owned),
    };
    let mut expected = vec![
        role(
            i.ceo,
            "CEO",
            None,
            vec![],
            i.board,
            vec![person(i.francoise, "Françoise Dupré", 1.0)],
            Some("E001"),
        ),
        role(
            i.cfo,
            "CFO",
            Some(i.ceo),
            vec![],
            i.finance,
            vec![person(i.jan, "Jan Peeters", 0.5)],
            Some("E002"),
        ),
        role(
            i.accountant,
            "Accountant",
            Some(i.cfo),
            vec![i.coo],
            i.finance,
            // Sorted by name: "Jan" before "Élodie" (byte order puts the accented É last).
            vec![person(i.jan, "Jan Peeters", 0.5), person(i.elodie, "Élodie Martin", 0.5)],
            Some("E003"),
        ),
        role(i.coo, "COO", Some(i.ceo), vec![], i.ops, vec![], None),
        role(i.analyst, "Analyst", Some(i.coo), vec![], i.ops, vec![], None),
    ];
    let mut roles = chart.roles.clone();
    roles.sort_by_key(|r| r.id);
    expected.sort_by_key(|r| r.id);
    assert_eq!(roles, expected, "every role with its lines, team and people");

    let mut teams = chart.teams.clone();
    teams.sort_by_key(|t| t.id);
    let team = |id, name: &str, parent, lead| ChartTeam { id, name: name.into(), parent, lead };
    assert_eq!(
        teams,
        vec![
            team(i.board, "Board", None, Some(i.ceo)),
            team(i.finance, "Finance", Some(i.board), Some(i.cfo)),
            team(i.ops, "Ops", Some(i.board), None),
        ],
        "every team with its parent and lead"
    );

    let json = serde_json::to_value(&chart).expect("the chart serializes");
    let accountant = json["roles"].as_array().expect("roles").iter().find(|r| r["title"] == "Accountant");
    let accountant = accountant.expect("the accountant is in the JSON");
    assert_eq!(accountant["manager"], i.cfo.to_string(), "ids are UUID strings");
    assert_eq!(accountant["people"][0]["fte"], 0.5, "an FTE share is a number");
}

#[test]
fn role_person_and_team_details_name_their_neighbours() {
    let (_dir, _path, api, i) = small_org();
    let brief = |id: Uuid, name: &str| kader_api::Brief { id, name: name.into() };

    let ceo = api.role(i.ceo).expect("the CEO's details");
    assert_eq!(ceo.role.title, "CEO", "the role itself");
    assert_eq!(ceo.manager, None, "the CEO reports to nobody");
    assert_eq!(ceo.reports, vec![brief(i.cfo.0, "CFO"), brief(i.coo.0, "COO")], "direct reports by title");
    assert_eq!(ceo.teams, vec![brief(i.board.0, "Board")], "teams");
    let acc = api.role(i.accountant).expect("the accountant's details");
    assert_eq!(acc.manager, Some(brief(i.cfo.0, "CFO")), "the manager by title");
    let names: Vec<(&str, f64)> = acc.people.iter().map(|f| (f.name.as_str(), f.fte.get())).collect();
    assert_eq!(names, vec![("Jan Peeters", 0.5), ("Élodie Martin", 0.5)], "people with their share");

    let jan = api.person(i.jan).expect("Jan's details");
    assert_eq!(jan.person.name, "Jan Peeters", "the person itself");
    let roles: Vec<(Uuid, &str)> = jan.roles.iter().map(|f| (f.id, f.name.as_str())).collect();
    assert_eq!(roles, vec![(i.accountant.0, "Accountant"), (i.cfo.0, "CFO")], "roles by title");

    let finance = api.team(i.finance).expect("Finance's details");
    assert_eq!(finance.parent, Some(brief(i.board.0, "Board")), "parent team");
    let member = |id: Uuid, title: &str, people: &[&str]| kader_api::Member {
        id,
        title: title.into(),
        people: people.iter().map(|p| (*p).to_owned()).collect(),
    };
    assert_eq!(
        finance.members,
        vec![
            member(i.accountant.0, "Accountant", &["Jan Peeters", "Élodie Martin"]),
            member(i.cfo.0, "CFO", &["Jan Peeters"])
        ],
        "members with the people in them: roles may share a title"
    );
    assert_eq!(finance.lead, Some(member(i.cfo.0, "CFO", &["Jan Peeters"])), "the lead, by its leads line");
    assert!(!finance.lead_implied, "named by a leads line");
    // Ops has no leads line: as after an HR import, its lead is read from the reporting lines.
    let ops = api.team(i.ops).expect("Ops's details");
    assert_eq!(ops.lead, Some(member(i.coo.0, "COO", &[])), "the one member whose manager is outside Ops");
    assert!(ops.lead_implied, "and it says so");
    let board = api.team(i.board).expect("Board's details");
    assert_eq!(board.children, vec![brief(i.finance.0, "Finance"), brief(i.ops.0, "Ops")], "nested teams");
}

#[test]
fn apply_undo_and_redo_return_the_new_seq_and_change_the_chart() {
    let (_dir, _path, api, i) = small_org();
    let mut ids = SeqIds::new(0xB22);
    let coach = new_role(&mut ids, "Coach");
    let seq = api.apply(Op::AddRole { role: coach.clone() }, "ann").expect("a role is added");
    assert_eq!(seq, 2, "the second change");
    let seq = api
        .apply(Op::MoveRole { role: coach.id, manager: Some(i.coo) }, "ann")
        .expect("the role is moved under the COO");
    assert_eq!(seq, 3, "the third change");
    let manager =
        |api: &Api| api.chart().expect("chart").roles.iter().find(|r| r.id == coach.id).map(|r| r.manager);
    assert_eq!(manager(&api), Some(Some(i.coo)), "the chart shows the move");

    assert_eq!(api.undo("ann").expect("undo"), Some(4), "an undo is a change of its own");
    assert_eq!(manager(&api), Some(None), "the move is undone");
    assert_eq!(api.redo("ann").expect("redo"), Some(5), "so is a redo");
    assert_eq!(manager(&api), Some(Some(i.coo)), "the move is redone");
    assert_eq!(api.redo("ann").expect("redo"), None, "nothing left to redo");
    assert_eq!(api.workspace_info().expect("info").seq, 5, "the info follows");

    for _ in 0..3 {
        api.undo("ann").expect("undo");
    }
    assert_eq!(api.undo("ann").expect("undo"), None, "nothing left to undo");
    assert_eq!(api.workspace_info().expect("info").roles, 0, "everything is undone, the load too");
}

#[test]
fn time_is_read_at_the_api_boundary_through_its_clock() {
    let (_dir, path, api, _) = small_org();
    api.undo("ann").expect("undo");
    api.close().expect("the workspace closes");
    let ws = Workspace::open(&path).expect("the file opens");
    let history = ws.history(10).expect("history");
    assert_eq!(history.len(), 2, "the load and its undo");
    for entry in &history {
        assert_eq!(entry.at, NOW, "change {} has the API clock's time", entry.seq);
    }
    assert_eq!(history[0].actor, "ann", "the actor is the caller's");
}

#[test]
fn the_team_word_is_kept_in_the_workspace_file() {
    let (_dir, path, api, _) = small_org();
    let circle = TeamWord { singular: " cirkel ".into(), plural: "cirkels".into() };
    let info = api.set_team_word(circle).expect("a team word is set");
    assert_eq!(info.team_word.singular, "cirkel", "surrounding spaces are trimmed");
    assert_eq!(info.seq, 1, "a setting is not a change of the organization");
    api.close().expect("the workspace closes");
    let api = Api::open(&path).expect("the workspace reopens");
    let word = api.workspace_info().expect("info").team_word;
    assert_eq!(word, TeamWord { singular: "cirkel".into(), plural: "cirkels".into() }, "after reopening");
}

#[test]
fn an_hr_export_imports_as_one_undoable_change() {
    let (_dir, _path, api) = empty();
    let report =
        api.import_csv(&read(&hris("en-bom-crlf.csv")), &HrisOptions::default(), "ann").expect("import");
    assert!(report.rows > 0 && report.added_count == report.rows, "everyone is added: {report:?}");
    let info = api.workspace_info().expect("info");
    assert_eq!((info.people, info.seq), (report.rows, 1), "people and one change");
    let chart = api.chart().expect("chart");
    assert_eq!(chart.roles.len(), report.rows, "one role per row");
    assert!(
        chart.roles.iter().any(|r| r.external_id.as_deref() == Some("E002") && r.manager.is_some()),
        "reporting lines come from the manager ids"
    );

    let again =
        api.import_csv(&read(&hris("en-bom-crlf.csv")), &HrisOptions::default(), "ann").expect("again");
    assert!(again.is_noop(), "the same export again changes nothing: {again:?}");
    assert_eq!(api.workspace_info().expect("info").seq, 1, "and writes no change");

    assert_eq!(api.undo("ann").expect("undo"), Some(2), "the import is undone in one step");
    assert_eq!(api.workspace_info().expect("info").people, 0, "the workspace is empty again");
}

#[test]
fn import_options_map_columns_like_the_cli() {
    let (_dir, _path, api) = empty();
    let csv =
        "Pers. nr.,Name,Job Title,Department,Manager ID\n1,Ada Root,CEO,Board,\n2,Bea Two,CFO,Finance,1\n";
    let options = kader_api::json::ImportOptions {
        map: vec![kader_api::json::ColumnMap { field: "employee_id".into(), header: "Pers. nr.".into() }],
        external_managers_as_roots: false,
    };
    let report = api
        .import_csv(csv.as_bytes(), &options.to_hris().expect("known field"), "ann")
        .expect("the mapped export imports");
    assert_eq!(report.added_count, 2, "both rows");
}

#[test]
fn every_subscriber_hears_every_change_in_order() {
    let (_dir, _path, api, i) = small_org();
    let (mut a, mut b) = (api.subscribe(), api.subscribe());
    let mut ids = SeqIds::new(0xC33);
    let coach = new_role(&mut ids, "Coach");
    api.apply(Op::AddRole { role: coach.clone() }, "ann").expect("add");
    api.undo("bert").expect("undo");
    api.import_csv(&read(&hris("tab-iso-dates.csv")), &HrisOptions::default(), "cas").expect("import");
    api.apply(Op::RemoveRole { id: i.analyst }, "ann").expect("remove");

    for rx in [&mut a, &mut b] {
        let events: Vec<_> = std::iter::from_fn(|| rx.try_recv().ok()).collect();
        let seen: Vec<(i64, &str, ChangeKind, bool)> =
            events.iter().map(|e| (e.seq, e.actor.as_str(), e.kind, e.op.is_some())).collect();
        assert_eq!(
            seen,
            vec![
                (2, "ann", ChangeKind::Do, true),
                (3, "bert", ChangeKind::Undo, true),
                (4, "cas", ChangeKind::Do, true),
                (5, "ann", ChangeKind::Do, true),
            ],
            "seq, actor, kind and whether the operation is included"
        );
        assert_eq!(events[0].op, Some(Op::AddRole { role: coach.clone() }), "the operation itself");
        assert_eq!(events[1].op, Some(Op::RemoveRole { id: coach.id }), "an undo carries the inverse");
        assert!(events[2].summary.contains("import"), "a summary for people: {:?}", events[2].summary);
    }
}

#[test]
fn a_bulk_change_tells_subscribers_to_reload() {
    let (_dir, _path, api) = empty();
    let mut rx = api.subscribe();
    // More than 2,000 leaf operations is a bulk change, stored and announced as a replacement.
    let rows: String =
        (1..=800).map(|n| format!("{n},Person {n},Clerk,Ops,{}\n", if n == 1 { 0 } else { 1 })).collect();
    let csv =
        format!("Employee ID,Name,Job Title,Department,Manager ID\n{}", rows.replacen(",0\n", ",\n", 1));
    api.import_csv(csv.as_bytes(), &HrisOptions::default(), "ann").expect("a large import");
    let event = rx.try_recv().expect("an event");
    assert_eq!(event.op, None, "no operation: reload the chart");
    api.undo("ann").expect("undo");
    assert_eq!(rx.try_recv().expect("an event").op, None, "its undo replaces the organization too");
}

#[test]
fn events_serialize_as_the_contract_says() {
    let (_dir, _path, api, i) = small_org();
    let mut rx = api.subscribe();
    api.apply(Op::RemoveRole { id: i.analyst }, "ann").expect("remove");
    let event = rx.try_recv().expect("an event");
    let json = serde_json::to_value(&*event).expect("an event serializes");
    assert_eq!(
        json,
        serde_json::json!({
            "seq": 2,
            "actor": "ann",
            "kind": "do",
            "op": { "op": "remove_role", "id": i.analyst.to_string() },
            "summary": format!("remove role {}", i.analyst),
            "proposal": null,
        }),
        "the event's JSON"
    );
}

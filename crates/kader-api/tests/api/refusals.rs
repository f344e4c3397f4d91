//! What the API refuses, with which code and message, and that a refusal changes nothing.

use super::*;
use kader::import::hris::HrisOptions;
use kader_api::json::{ColumnMap, ImportOptions};
use kader_api::{ApiError, Code, TeamWord};

#[track_caller]
fn refused<T: std::fmt::Debug>(result: Result<T, ApiError>, code: Code, what: &str) -> String {
    match result {
        Err(e) => {
            assert_eq!(e.code, code, "{what}: code (message {:?})", e.message);
            assert!(!e.message.trim().is_empty(), "{what}: the message says something");
            e.message
        }
        Ok(v) => panic!("{what}: must be refused with {code:?}, got {v:?}"),
    }
}

#[test]
fn unknown_ids_are_not_found() {
    let (_dir, _path, api, _) = small_org();
    let mut ids = SeqIds::new(0xDEAD);
    let (role, person, team) = (RoleId::new(&mut ids), PersonId::new(&mut ids), TeamId::new(&mut ids));
    let message = refused(api.role(role), Code::NotFound, "an unknown role");
    assert!(message.contains(&role.to_string()), "the message names the id: {message}");
    refused(api.person(person), Code::NotFound, "an unknown person");
    refused(api.team(team), Code::NotFound, "an unknown team");
    // Ids of the wrong kind are unknown too.
    let (_d, _p, api2, i) = small_org();
    refused(api2.team(TeamId(i.ceo.0)), Code::NotFound, "a role's id as a team's");
    refused(api.apply(Op::RemoveRole { id: role }, "ann"), Code::NotFound, "removing an unknown role");
    assert_eq!(api.workspace_info().expect("info").seq, 1, "a refused operation writes nothing");
}

#[test]
fn a_reporting_cycle_is_refused_with_the_titles_involved() {
    let (_dir, _path, api, i) = small_org();
    let before = api.chart().expect("chart");
    let message = refused(
        api.apply(Op::MoveRole { role: i.ceo, manager: Some(i.accountant) }, "ann"),
        Code::Cycle,
        "a cycle",
    );
    assert!(
        message.contains("CEO") && message.contains("Accountant") && message.contains("cycle"),
        "the message names both roles and the cycle: {message}"
    );
    let message = refused(
        api.apply(Op::Connect { relation: Relation::PartOf { team: i.board, parent: i.finance } }, "ann"),
        Code::Cycle,
        "a team nesting cycle",
    );
    assert!(message.contains("Board") && message.contains("cycle"), "names the team: {message}");
    assert_eq!(api.chart().expect("chart"), before, "refusals leave the organization as it was");
}

#[test]
fn invalid_operations_and_settings_are_invalid() {
    let (_dir, _path, api, i) = small_org();
    let mut ids = SeqIds::new(0xE44);
    let mut nameless = new_role(&mut ids, "  ");
    refused(api.apply(Op::AddRole { role: nameless.clone() }, "ann"), Code::Invalid, "an empty title");
    nameless.id = i.ceo;
    nameless.title = "Again".into();
    refused(api.apply(Op::AddRole { role: nameless }, "ann"), Code::Invalid, "a duplicate id");
    let blank = TeamWord { singular: " ".into(), plural: "teams".into() };
    refused(api.set_team_word(blank), Code::Invalid, "an empty team word");
    let long = TeamWord { singular: "x".repeat(41), plural: "teams".into() };
    refused(api.set_team_word(long), Code::Invalid, "a 41-character team word");
    let options = ImportOptions {
        map: vec![ColumnMap { field: "salary".into(), header: "Salary".into() }],
        external_managers_as_roots: false,
    };
    let message = refused(options.to_hris(), Code::Invalid, "an unknown import field");
    assert!(
        message.contains("salary") && message.contains("employee_id"),
        "names it and the fields: {message}"
    );
}

#[test]
fn a_bad_export_is_invalid_names_the_line_and_changes_nothing() {
    let (_dir, _path, api, _) = small_org();
    let before = api.chart().expect("chart");
    let bytes = read(&hris("defect-unknown-manager.csv"));
    let message =
        refused(api.import_csv(&bytes, &HrisOptions::default(), "ann"), Code::Invalid, "unknown manager");
    assert!(
        message.contains("line 14") && message.contains("99999"),
        "the message names the line and the unknown manager id: {message}"
    );
    let message =
        refused(api.import_csv(b"", &HrisOptions::default(), "ann"), Code::Invalid, "an empty file");
    assert!(message.contains("empty"), "says the file is empty: {message}");
    assert_eq!(api.chart().expect("chart"), before, "the workspace is as it was");
}

#[test]
fn a_read_only_workspace_can_be_read_but_not_changed() {
    let (_dir, path, api, i) = small_org();
    api.close().expect("closes");
    make_newer(&path);
    let api = Api::open(&path).expect("a newer workspace opens read-only");
    let info = api.workspace_info().expect("info can be read");
    let reason = info.read_only.expect("the info says why it is read-only");
    assert!(reason.contains("newer"), "the reason: {reason}");
    api.chart().expect("the chart can be read");
    api.role(i.ceo).expect("details can be read");
    api.search("jan", 5).expect("search works");

    let mut ids = SeqIds::new(0xF55);
    refused(api.apply(Op::AddRole { role: new_role(&mut ids, "Coach") }, "ann"), Code::ReadOnly, "apply");
    refused(api.undo("ann"), Code::ReadOnly, "undo");
    refused(api.redo("ann"), Code::ReadOnly, "redo");
    refused(api.set_team_word(TeamWord::default()), Code::ReadOnly, "set_team_word");
    let csv = read(&hris("en-bom-crlf.csv"));
    let message = refused(api.import_csv(&csv, &HrisOptions::default(), "ann"), Code::ReadOnly, "import_csv");
    assert!(message.contains("read-only"), "says so: {message}");
}

#[test]
fn errors_serialize_as_code_and_message() {
    let e = ApiError::new(Code::ReadOnly, "x.kader is open read-only");
    assert_eq!(
        serde_json::to_value(&e).expect("serializes"),
        serde_json::json!({ "code": "read_only", "message": "x.kader is open read-only" }),
        "the JSON every adapter sends"
    );
    let all = [
        (Code::NotFound, "not_found"),
        (Code::Invalid, "invalid"),
        (Code::Cycle, "cycle"),
        (Code::ReadOnly, "read_only"),
        (Code::Locked, "locked"),
        (Code::Unauthorized, "unauthorized"),
        (Code::Forbidden, "forbidden"),
        (Code::Internal, "internal"),
    ];
    for (code, json) in all {
        assert_eq!(serde_json::to_value(code).expect("serializes"), json, "{code:?}");
    }
}

#[test]
fn a_second_writer_is_refused_as_locked_naming_the_holder() {
    let (_dir, path, writer, _) = small_org();
    let err = Api::open_as(&path, kader::store::lock::APP_DESKTOP).err().expect("a second writer is refused");
    assert_eq!(err.code, Code::Locked, "the code the UI branches on: {}", err.message);
    assert!(err.message.contains("client.kader"), "names the file: {}", err.message);
    assert!(
        err.message.contains(&std::process::id().to_string()),
        "names the holding process: {}",
        err.message
    );
    assert!(err.message.contains("read-only"), "says it can be opened read-only: {}", err.message);
    assert_eq!(serde_json::to_value(&err).expect("serializes")["code"], "locked", "the wire code");
    writer.close().expect("the writer closes");
    Api::open_as(&path, kader::store::lock::APP_DESKTOP).expect("once closed, the next writer opens it");
}

#[test]
fn a_read_only_api_beside_the_writer_follows_its_changes_as_events() {
    let (_dir, path, writer, i) = small_org();
    let reader = Api::open_read_only(&path).expect("it opens read-only beside the writer");
    assert!(reader.is_follower().expect("state"));
    assert!(!writer.is_follower().expect("state"));
    let info = reader.workspace_info().expect("info");
    assert!(info.read_only.is_some(), "read-only");
    let holder = info.locked_by.expect("the info names the writer");
    assert_eq!(holder.pid, std::process::id());
    let mut events = reader.subscribe();
    let before = reader.lens().expect("the lens is built before the change").figures;

    let mut ids = SeqIds::new(0xF011);
    let coach = new_role(&mut ids, "Coach");
    let seq = writer.apply(Op::AddRole { role: coach.clone() }, "bea").expect("the writer changes");
    writer
        .apply(
            Op::Connect { relation: kader::model::Relation::ReportsTo { role: coach.id, manager: i.ceo } },
            "bea",
        )
        .expect("and connects it");
    assert_eq!(reader.refresh().expect("the reader refreshes"), 2, "two changes");
    let first = events.try_recv().expect("an event for the first change");
    assert_eq!((first.seq, first.actor.as_str()), (seq, "bea"));
    assert!(matches!(first.op, Some(Op::AddRole { .. })), "the writer's operation: {first:?}");
    assert!(events.try_recv().is_ok(), "and one for the second");
    assert_eq!(reader.chart().expect("chart"), writer.chart().expect("chart"), "the same chart, same seq");
    assert!(reader.role(coach.id).is_ok(), "details of the new role");
    assert_eq!(reader.search("coach", 5).expect("search").len(), 1, "search follows");
    assert_ne!(reader.lens().expect("lens").figures, before, "the lens follows");
    assert_eq!(reader.lens().expect("lens").figures, writer.lens().expect("lens").figures);
    assert_eq!(reader.refresh().expect("refresh"), 0, "nothing new");
    refused(reader.apply(Op::RemoveRole { id: coach.id }, "ann"), Code::ReadOnly, "apply");
    refused(reader.undo("ann"), Code::ReadOnly, "undo");
}

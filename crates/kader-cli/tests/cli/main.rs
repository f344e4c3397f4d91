//! The `kader` command line as a consultant uses it: real files, the real binary, exit codes and
//! messages. Each defect case checks that the workspace is exactly as it was before.

mod decisions;
mod lens;
mod lock;
mod serve;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const KADER: &str = env!("CARGO_BIN_EXE_kader");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/hris").join(name)
}

fn kader(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    Command::new(KADER)
        .args(args.iter().map(|a| a.as_ref()))
        .env_remove("KADER_TIMINGS")
        .output()
        .expect("kader runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[track_caller]
fn ok(o: Output) -> String {
    assert!(o.status.success(), "kader failed ({:?}):\n{}{}", o.status.code(), stdout(&o), stderr(&o));
    stdout(&o)
}

/// A fresh workspace in a temporary folder.
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("client.kader");
    ok(kader(&[&"new", &file]));
    (dir, file)
}

fn analyze(file: &Path) -> serde_json::Value {
    serde_json::from_str(&ok(kader(&[&"analyze", &file, &"--json"]))).expect("analyze prints JSON")
}

fn export(file: &Path) -> String {
    ok(kader(&[&"export", &file, &"--format", &"json"]))
}

#[test]
fn a_dutch_windows_export_with_semicolons_imports_to_the_right_figures() {
    let (_dir, file) = workspace();
    let out = ok(kader(&[&"import", &file, &fixture("nl-semicolon-cp1252.csv")]));
    assert!(
        out.contains("Windows-1252") && out.contains("semicolon"),
        "the report names the detected dialect:\n{out}"
    );
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("nl-semicolon-cp1252.expected.json")).expect("expected figures"),
    )
    .expect("expected JSON");
    let got = analyze(&file);
    for key in ["people", "roles", "teams", "layers"] {
        assert_eq!(got[key], expected[key], "{key}");
    }
    for key in ["managers", "mean", "median", "max"] {
        assert_eq!(got["span_of_control"][key], expected["span_of_control"][key], "span_of_control.{key}");
    }
    let json = export(&file);
    assert!(
        json.contains("Noémie") && json.contains("Financiën & HR"),
        "accents survive Windows-1252 decoding"
    );
}

#[test]
fn every_well_formed_fixture_imports() {
    for name in ["en-bom-crlf.csv", "tab-iso-dates.csv", "nl-semicolon-cp1252.csv"] {
        let (_dir, file) = workspace();
        ok(kader(&[&"import", &file, &fixture(name)]));
        let a = analyze(&file);
        assert!(a["people"].as_u64().unwrap_or(0) > 0, "{name} imports people: {a}");
        assert_eq!(a["people"], a["roles"], "{name}: every person fills one role");
    }
}

/// (fixture, fragments the error message must contain)
const DEFECTS: &[(&str, &[&str])] = &[
    ("defect-cycle.csv", &["cycle", "line"]),
    ("defect-duplicate-id.csv", &["duplicate", "line"]),
    ("defect-unknown-manager.csv", &["--external-managers-as-roots", "line"]),
    ("defect-missing-column.csv", &["job title"]),
    ("defect-bad-fte-date.csv", &["1,5", "abc", "31/02/2020"]),
    ("defect-many.csv", &["line"]),
];

#[test]
fn defective_exports_are_refused_with_lines_and_ids_and_change_nothing() {
    for (name, fragments) in DEFECTS {
        let (_dir, file) = workspace();
        ok(kader(&[&"import", &file, &fixture("nl-semicolon-cp1252.csv")]));
        let before = export(&file);
        let history_before = ok(kader(&[&"history", &file]));
        let o = kader(&[&"import", &file, &fixture(name)]);
        assert_eq!(o.status.code(), Some(1), "{name} exits 1:\n{}", stderr(&o));
        let msg = stderr(&o).to_lowercase();
        for f in *fragments {
            assert!(msg.contains(&f.to_lowercase()), "{name}: the message names {f:?}:\n{msg}");
        }
        assert_eq!(export(&file), before, "{name}: the workspace is exactly as it was");
        assert_eq!(ok(kader(&[&"history", &file])), history_before, "{name}: nothing was logged");
    }
}

#[test]
fn the_cycle_message_lists_the_ids_in_the_cycle() {
    let (_dir, file) = workspace();
    let o = kader(&[&"import", &file, &fixture("defect-cycle.csv")]);
    let msg = stderr(&o);
    let csv = std::fs::read_to_string(fixture("defect-cycle.csv")).expect("fixture");
    // The fixture's cycle: rows whose manager chain loops. Every id in it must be named.
    let rows: Vec<Vec<&str>> = csv.lines().skip(1).map(|l| l.split(',').collect()).collect();
    let manager = |id: &str| rows.iter().find(|r| r[0] == id).map(|r| r[4]);
    let mut in_cycle = Vec::new();
    for r in &rows {
        let mut cur = r[0];
        for _ in 0..rows.len() {
            match manager(cur) {
                Some(m) if !m.is_empty() => cur = m,
                _ => break,
            }
        }
        if !in_cycle.contains(&cur) && manager(cur).is_some_and(|m| !m.is_empty()) {
            in_cycle.push(cur);
        }
    }
    assert!(!in_cycle.is_empty(), "the fixture has a cycle");
    for id in in_cycle {
        assert!(msg.contains(id), "the message names {id}:\n{msg}");
    }
}

#[test]
fn unknown_managers_become_top_level_on_request() {
    let (_dir, file) = workspace();
    let o = ok(kader(&[
        &"import",
        &file,
        &fixture("defect-unknown-manager.csv"),
        &"--external-managers-as-roots",
    ]));
    assert!(o.contains("top-level"), "the report says who was made top-level:\n{o}");
}

#[test]
fn export_then_import_into_a_new_workspace_is_identical() {
    let (dir, file) = workspace();
    ok(kader(&[&"import", &file, &fixture("nl-semicolon-cp1252.csv")]));
    let json = dir.path().join("client.json");
    ok(kader(&[&"export", &file, &"--format", &"json", &"-o", &json]));
    let copy = dir.path().join("copy.kader");
    ok(kader(&[&"new", &copy]));
    ok(kader(&[&"import", &copy, &json]));
    assert_eq!(
        export(&copy),
        std::fs::read_to_string(&json).expect("export file"),
        "the restored workspace exports identically"
    );
    assert_eq!(analyze(&copy), analyze(&file), "and analyzes identically");
}

/// The indented lines listed under `label` in an import report.
fn section<'a>(report: &'a str, label: &str) -> Vec<&'a str> {
    let mut lines = report.lines().skip_while(|l| l.split_whitespace().next() != Some(label));
    lines.next();
    lines.take_while(|l| l.starts_with("             ")).collect()
}

#[test]
fn a_newer_export_updates_the_workspace_by_employee_id() {
    let (dir, file) = workspace();
    let v1 = "Employee ID,Name,Job Title,Department,Manager ID,FTE\n\
              1,An Peeters,CEO,Directie,,1\n\
              2,Bart Claes,CFO,Financiën,1,1\n\
              3,Chris Maes,Boekhouder,Financiën,2,0.8\n\
              4,Dirk Wouters,Verkoper,Verkoop,1,1\n";
    // Chris moves to sales under Dirk, Dirk is promoted, Bart left, Eva is new.
    let v2 = "Employee ID,Name,Job Title,Department,Manager ID,FTE\n\
              4,Dirk Wouters,Verkoopdirecteur,Verkoop,1,1\n\
              1,An Peeters,CEO,Directie,,1\n\
              3,Chris Maes,Verkoper,Verkoop,4,0.8\n\
              5,Eva Jacobs,Boekhouder,Financiën,1,0.5\n";
    let (p1, p2) = (dir.path().join("v1.csv"), dir.path().join("v2.csv"));
    std::fs::write(&p1, v1).expect("write");
    std::fs::write(&p2, v2).expect("write");
    ok(kader(&[&"import", &file, &p1]));
    let report = ok(kader(&[&"import", &file, &p2]));
    for (label, who) in [
        ("added", "Eva Jacobs"),
        ("removed", "Bart Claes"),
        ("moved", "Chris Maes"),
        ("updated", "Dirk Wouters"),
    ] {
        assert!(
            section(&report, label).iter().any(|l| l.contains(who)),
            "{who} is reported under {label}:\n{report}"
        );
    }
    let a = analyze(&file);
    assert_eq!(a["people"], 4, "{a}");
    assert_eq!(a["layers"], 3, "An > Dirk > Chris: {a}");
    let again = ok(kader(&[&"import", &file, &p2]));
    assert!(
        again.contains("nothing changed"),
        "a second import of the same export changes nothing:\n{again}"
    );
    // One undo takes the whole update back.
    ok(kader(&[&"undo", &file]));
    assert_eq!(analyze(&file)["people"], 4, "v1 had four people too");
    let json = export(&file);
    assert!(json.contains("Bart Claes") && !json.contains("Eva Jacobs"), "undo restores v1");
}

#[test]
fn undo_and_redo_an_import_and_read_the_history() {
    let (_dir, file) = workspace();
    let empty = export(&file);
    ok(kader(&[&"import", &file, &fixture("tab-iso-dates.csv")]));
    let full = export(&file);
    assert!(ok(kader(&[&"undo", &file])).contains("Undid"), "undo reports what it undid");
    assert_eq!(export(&file), empty, "undo of the import empties the workspace");
    assert!(ok(kader(&[&"undo", &file])).contains("Nothing to undo"), "undo at the start says so");
    ok(kader(&[&"redo", &file]));
    assert_eq!(export(&file), full, "redo brings the import back exactly");
    let history = ok(kader(&[&"history", &file]));
    let lines: Vec<&str> = history.lines().collect();
    assert_eq!(lines.len(), 3, "import, undo, redo:\n{history}");
    assert!(lines[0].contains("redo") && lines[1].contains("undo"), "newest first:\n{history}");
}

#[test]
fn wrong_usage_exits_2_and_bad_input_exits_1() {
    assert_eq!(kader(&[&"frobnicate"]).status.code(), Some(2), "unknown command");
    assert_eq!(kader(&[&"import"]).status.code(), Some(2), "missing arguments");
    assert_eq!(kader(&[&"export", &"x.kader", &"--format", &"xml"]).status.code(), Some(2), "unknown format");
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing.kader");
    let o = kader(&[&"analyze", &missing]);
    assert_eq!(o.status.code(), Some(1), "a missing workspace is bad input");
    assert!(stderr(&o).contains("kader new"), "and the message says how to create one: {}", stderr(&o));
    let text = dir.path().join("notes.kader");
    std::fs::write(&text, "just some notes\n").expect("write");
    let o = kader(&[&"analyze", &text]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a Kader workspace"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&text).expect("read"),
        "just some notes\n",
        "a foreign file is never modified"
    );
    let (_d, file) = workspace();
    assert_eq!(kader(&[&"new", &file]).status.code(), Some(1), "new refuses to overwrite");
}

#[test]
fn a_file_from_a_newer_kader_is_read_but_never_written() {
    let (_dir, file) = workspace();
    ok(kader(&[&"import", &file, &fixture("tab-iso-dates.csv")]));
    {
        let conn = rusqlite::Connection::open(&file).expect("open");
        conn.pragma_update(None, "user_version", 99).expect("bump version");
    }
    let bytes = std::fs::read(&file).expect("read");
    assert!(analyze(&file)["people"].as_u64().unwrap_or(0) > 0, "a newer file can still be read");
    let o = kader(&[&"import", &file, &fixture("en-bom-crlf.csv")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("newer version of Kader"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&file).expect("read"), bytes, "the file is unchanged");
}

#[test]
fn the_readable_analysis_explains_its_figures() {
    let (_dir, file) = workspace();
    ok(kader(&[&"import", &file, &fixture("nl-semicolon-cp1252.csv")]));
    let text = ok(kader(&[&"analyze", &file]));
    for label in ["people", "layers", "Span of control", "median"] {
        assert!(text.contains(label), "the report shows {label}:\n{text}");
    }
}

#[test]
fn a_dry_run_reports_but_writes_nothing() {
    let (_dir, file) = workspace();
    let before = export(&file);
    let out = ok(kader(&[&"import", &file, &fixture("nl-semicolon-cp1252.csv"), &"--dry-run"]));
    assert!(out.contains("Would import"), "{out}");
    assert_eq!(export(&file), before, "nothing was written");
}

#[test]
fn map_assigns_an_unusual_header_to_a_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("odd.csv");
    std::fs::write(
        &csv,
        "Pers. nr.,Naam,Functie,Afdeling,Leidinggevende\n1,An,CEO,Directie,\n2,Bert,CFO,Financiën,1\n",
    )
    .expect("write");
    let file = dir.path().join("w.kader");
    ok(kader(&[&"new", &file]));
    let o = kader(&[&"import", &file, &csv]);
    assert_eq!(o.status.code(), Some(1), "without --map the employee id column is missing");
    assert!(stderr(&o).contains("--map"), "the message suggests --map: {}", stderr(&o));
    ok(kader(&[&"import", &file, &csv, &"--map", &"employee_id=Pers. nr."]));
    assert_eq!(analyze(&file)["layers"], 2);
}

#[test]
fn the_vision_prints_section_by_section() {
    use yrs::{Transact, XmlElementPrelim, XmlFragment, XmlTextPrelim};
    let (_dir, file) = workspace();
    let doc = yrs::Doc::new();
    let values = doc.get_or_insert_xml_fragment("values");
    let update = {
        let mut txn = doc.transact_mut();
        let p = values.push_back(&mut txn, XmlElementPrelim::empty("paragraph"));
        p.push_back(&mut txn, XmlTextPrelim::new("Vertrouwen boven controle"));
        txn.encode_update_v1()
    };
    let mut store = kader::docs::DocStore::open(&file).expect("the documents open");
    store.append(kader::docs::VISION, [update.as_slice()]).expect("stored");
    let json: serde_json::Value =
        serde_json::from_str(&ok(kader(&[&"vision", &file, &"--json"]))).expect("JSON");
    assert_eq!(json["values"], "Vertrouwen boven controle");
    assert_eq!(json["purpose"], "");
    let text = ok(kader(&[&"vision", &file]));
    assert!(text.contains("## values\nVertrouwen boven controle"), "{text}");
    assert!(text.contains("## purpose\n(empty)"), "{text}");
}

/// The export of issue 11: an unclosed quote used to import "2 rows", exit 0, and lose 3 and 4.
const UNCLOSED_EXPORT: &str = "Employee ID,Name,Job Title,Department,Manager ID,Location\n\
                               1,Ann Peeters,CEO,Board,,Gent\n\
                               2,Bart Claes,CFO,Finance,1,\"Gent\n\
                               3,Cis Maes,Analyst,Finance,2,Gent\n\
                               4,Dirk Jacobs,CTO,IT,1,Leuven\n";

#[test]
fn an_unclosed_quote_is_refused_naming_its_line_and_changes_nothing() {
    let (dir, file) = workspace();
    ok(kader(&[&"import", &file, &fixture("nl-semicolon-cp1252.csv")]));
    let before = export(&file);
    let history_before = ok(kader(&[&"history", &file]));
    let csv = dir.path().join("hr.csv");
    std::fs::write(&csv, UNCLOSED_EXPORT).expect("write the export");
    for extra in [&[][..], &[&"--dry-run" as &dyn AsRef<std::ffi::OsStr>][..]] {
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"import", &file, &csv];
        args.extend_from_slice(extra);
        let o = kader(&args);
        assert_eq!(o.status.code(), Some(1), "refused:\n{}{}", stdout(&o), stderr(&o));
        let msg = stderr(&o);
        assert!(msg.contains("line 3: a quote opens here and is never closed"), "{msg}");
        assert!(!stdout(&o).contains("rows"), "no report of rows read:\n{}", stdout(&o));
    }
    assert_eq!(export(&file), before, "the workspace is exactly as it was");
    assert_eq!(ok(kader(&[&"history", &file])), history_before, "nothing was logged");
}

#[test]
fn history_cuts_long_summaries_and_long_titles_are_refused() {
    let (dir, file) = workspace();
    let csv = dir.path().join("hr.csv");
    std::fs::write(&csv, "Employee ID,Name,Job Title,Department,Manager ID\n1,Ann,CEO,Board,\n")
        .expect("write the export");
    ok(kader(&[&"import", &file, &csv]));
    // The summary of a decision matrix import names its file.
    let matrix = dir.path().join(format!("{}.csv", "n".repeat(150)));
    std::fs::write(&matrix, "Domain,Team,Level\nHiring,Board,3\n").expect("write the matrix");
    ok(kader(&[&"decisions", &"import", &file, &matrix]));
    let history = ok(kader(&[&"history", &file]));
    let line = history.lines().find(|l| l.contains("nnnn")).expect("the import is in the history");
    let summary = &line[line.find("import decision matrix").expect("the summary")..];
    assert!(summary.ends_with('…') && summary.chars().count() == 80, "cut at 80 characters: {line}");

    // A 1 MB title is refused, naming the field and the limit, without repeating the title.
    let export =
        format!("Employee ID,Name,Job Title,Department,Manager ID\n1,Ann,{},Board,\n", "T".repeat(1 << 20));
    std::fs::write(&csv, export).expect("write the export");
    let o = kader(&[&"import", &file, &csv]);
    assert_eq!(o.status.code(), Some(1));
    let msg = stderr(&o);
    assert!(
        msg.contains(
            "line 2 (employee 1): A role's title is 1,048,576 characters long, more than the limit of 200"
        ),
        "{msg}"
    );
    assert!(msg.len() < 2_000, "the refusal does not repeat the title");
}

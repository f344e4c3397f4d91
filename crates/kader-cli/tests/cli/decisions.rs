//! `kader decisions import` and `kader decisions export`: a decision matrix as a Flemish client
//! sends it (Dutch, Windows-1252, semicolons) onto a workspace built from an HR export.

use super::{fixture, kader, ok, stderr, workspace};
use std::path::{Path, PathBuf};

/// Encodes text as Windows-1252, as Excel on Windows saves "CSV". Only the characters the tests
/// use beyond ASCII are mapped.
fn cp1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '€' => 0x80,
            'é' => 0xE9,
            'ë' => 0xEB,
            c if c.is_ascii() => c as u8,
            c => panic!("{c:?} is not mapped to Windows-1252 in this test"),
        })
        .collect()
}

/// The teams of the fixture are Directie, Verkoop, Productie and "Financiën & HR"; names are
/// matched ignoring case ("verkoop") and roles by their title.
const MATRIX_NL: &str = "Domein;Team;Rol;Niveau;Gewenst niveau;Kaders;Aanleiding\r\n\
    Aanwerving in het team;Financiën & HR;;verkopen;informeren;\"Binnen het goedgekeurde budget\r\nMet HR afgestemd\";Teams weten wie past\r\n\
    Aanwerving in het team;verkoop;;Raadplegen;adviseren;;\r\n\
    Ploegroosters;Productie;;2;5;Wettelijke rusttijden;Eerlijke roosters\r\n\
    Ploegroosters;;Productieverantwoordelijke;navragen;Delegeren;;Eerlijke roosters\r\n\
    Opleidingsbudget;;;;;Max € 2.500 per persoon;Groei\r\n";

const EXPECTED_EN: &str = "Domain,Team,Role,Level,Desired level,Guardrails,Driver\n\
    Aanwerving in het team,Financiën & HR,,sell,inquire,Binnen het goedgekeurde budget | Met HR afgestemd,Teams weten wie past\n\
    Aanwerving in het team,Verkoop,,consult,advise,Binnen het goedgekeurde budget | Met HR afgestemd,Teams weten wie past\n\
    Opleidingsbudget,,,,,Max € 2.500 per persoon,Groei\n\
    Ploegroosters,Productie,,sell,advise,Wettelijke rusttijden,Eerlijke roosters\n\
    Ploegroosters,,Productieverantwoordelijke,inquire,delegate,Wettelijke rusttijden,Eerlijke roosters\n";

/// A workspace holding the Dutch HR fixture, and the folder it is in.
fn hr_workspace() -> (tempfile::TempDir, PathBuf) {
    let (dir, file) = workspace();
    ok(kader(&[&"import", &file, &fixture("nl-semicolon-cp1252.csv")]));
    (dir, file)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write the matrix");
    path
}

fn decisions_export(file: &Path, extra: &[&dyn AsRef<std::ffi::OsStr>]) -> String {
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"decisions", &"export", &file];
    args.extend_from_slice(extra);
    ok(kader(&args))
}

#[test]
fn a_dutch_windows_matrix_with_semicolons_imports_and_exports() {
    let (dir, file) = hr_workspace();
    let matrix = write(dir.path(), "beslissingen.csv", &cp1252(MATRIX_NL));
    let out = ok(kader(&[&"decisions", &"import", &file, &matrix]));
    for fragment in ["Windows-1252", "semicolon", "5 rows", "domains created", "Ploegroosters", "levels set"]
    {
        assert!(out.contains(fragment), "the report names {fragment:?}:\n{out}");
    }
    assert_eq!(decisions_export(&file, &[]), EXPECTED_EN, "the English export shows the imported matrix");

    let nl = decisions_export(&file, &[&"--dutch"]);
    assert!(
        nl.starts_with("\u{FEFF}Domein;Team;Rol;Niveau;Gewenst niveau;Randvoorwaarden;Drijfveer\n"),
        "Dutch headers, semicolons and a byte order mark:\n{nl}"
    );
    assert!(nl.contains("Aanwerving in het team;Financiën & HR;;verkopen;informeren;"), "{nl}");
    assert!(nl.contains(";;Productieverantwoordelijke;informeren;delegeren;"), "{nl}");

    let history = ok(kader(&[&"history", &file]));
    assert!(
        history.lines().next().is_some_and(|l| l.contains("import decision matrix beslissingen.csv")),
        "the import is one change, named after the file:\n{history}"
    );
    let json = ok(kader(&[&"export", &file, &"--format", &"json"]));
    assert!(json.contains("imported from beslissingen.csv"), "each level change says where it came from");

    let again = ok(kader(&[&"decisions", &"import", &file, &matrix]));
    assert!(again.contains("nothing changed"), "a second import changes nothing:\n{again}");
    assert!(ok(kader(&[&"undo", &file])).contains("Undid"), "one undo takes the import back");
    assert_eq!(
        decisions_export(&file, &[]),
        "Domain,Team,Level,Desired level,Guardrails,Driver\n",
        "after the undo there are no domains"
    );
}

/// (what is wrong, the matrix, fragments the message must contain)
const BAD: &[(&str, &str, &[&str])] = &[
    (
        "unknown team",
        "Domein;Team;Niveau\r\nAanwerving;Verkoop;3\r\nAanwerving;Logistiek;verkopen\r\n",
        &["line 3", "\"Logistiek\"", "no team"],
    ),
    (
        "unknown level",
        "Domein;Team;Niveau;Gewenst niveau\r\nAanwerving;Financiën & HR;veel;5\r\nBudget;Productie;3;8\r\n",
        &["line 2", "\"veel\"", "line 3", "\"8\"", "1 to 7"],
    ),
    (
        "ambiguous role",
        "Domein;Rol;Niveau\r\nKlantkortingen;Accountmanager;akkoord\r\n",
        &["line 2", "roles in the workspace are called \"Accountmanager\""],
    ),
    ("missing column", "Domein;Ploeg;Opmerking\r\nA;Verkoop;x\r\n", &["no Level/Niveau column", "Opmerking"]),
];

#[test]
fn a_bad_matrix_exits_1_names_the_line_and_leaves_the_file_as_it_was() {
    let (dir, file) = hr_workspace();
    ok(kader(&[&"decisions", &"import", &file, &write(dir.path(), "good.csv", &cp1252(MATRIX_NL))]));
    let history = ok(kader(&[&"history", &file]));
    let bytes = std::fs::read(&file).expect("read the workspace");
    for (what, csv, fragments) in BAD {
        let matrix = write(dir.path(), "bad.csv", &cp1252(csv));
        let o = kader(&[&"decisions", &"import", &file, &matrix]);
        assert_eq!(o.status.code(), Some(1), "{what} exits 1:\n{}", stderr(&o));
        let msg = stderr(&o);
        for f in *fragments {
            assert!(msg.contains(f), "{what}: the message names {f:?}:\n{msg}");
        }
        assert_eq!(std::fs::read(&file).expect("read the workspace"), bytes, "{what}: the file is unchanged");
        assert_eq!(ok(kader(&[&"history", &file])), history, "{what}: nothing was logged");
    }
}

#[test]
fn export_then_import_into_a_fresh_workspace_gives_the_same_export() {
    let (dir, file) = hr_workspace();
    ok(kader(&[&"decisions", &"import", &file, &write(dir.path(), "m.csv", &cp1252(MATRIX_NL))]));
    for (name, dutch) in [("en.csv", false), ("nl.csv", true)] {
        let exported = dir.path().join(name);
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"-o", &exported];
        if dutch {
            args.push(&"--dutch");
        }
        assert_eq!(decisions_export(&file, &args), "", "-o writes to the file, not to standard output");
        let (_copy_dir, copy) = hr_workspace();
        ok(kader(&[&"decisions", &"import", &copy, &exported]));
        assert_eq!(decisions_export(&copy, &[]), EXPECTED_EN, "{name} imports back to the same matrix");
    }
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let (dir, file) = hr_workspace();
    let bytes = std::fs::read(&file).expect("read the workspace");
    let matrix = write(dir.path(), "m.csv", &cp1252(MATRIX_NL));
    let out = ok(kader(&[&"decisions", &"import", &file, &matrix, &"--dry-run"]));
    assert!(out.contains("Would import") && out.contains("domains created"), "{out}");
    assert_eq!(std::fs::read(&file).expect("read the workspace"), bytes, "nothing was written");
}

#[test]
fn wrong_usage_exits_2() {
    assert_eq!(kader(&[&"decisions"]).status.code(), Some(2), "no subcommand");
    assert_eq!(kader(&[&"decisions", &"import", &"x.kader"]).status.code(), Some(2), "no matrix");
    assert_eq!(kader(&[&"decisions", &"export"]).status.code(), Some(2), "no workspace");
    let dir = tempfile::tempdir().expect("temp dir");
    let o = kader(&[&"decisions", &"export", &dir.path().join("missing.kader")]);
    assert_eq!(o.status.code(), Some(1), "a missing workspace is bad input: {}", stderr(&o));
}

#[test]
fn a_matrix_with_an_unclosed_quote_is_refused_naming_its_line() {
    let (dir, file) = hr_workspace();
    let before = decisions_export(&file, &[]);
    let matrix = write(
        dir.path(),
        "m.csv",
        b"Domain,Team,Level,Desired level,Guardrails,Driver\n\
          Hiring in the team,Verkoop,consult,advise,Within the budget,\"Why we do it\n\
          Shift schedules,Productie,2,5,Legal rest times,Fair schedules\n",
    );
    let o = kader(&[&"decisions", &"import", &file, &matrix]);
    assert_eq!(o.status.code(), Some(1), "refused:\n{}", stderr(&o));
    assert!(stderr(&o).contains("line 2: a quote opens here and is never closed"), "{}", stderr(&o));
    assert_eq!(decisions_export(&file, &[]), before, "nothing changed");
}

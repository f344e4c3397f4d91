//! The hierarchy lens from the command line, on what a Flemish client sends: an HR export and a
//! decision matrix, both Dutch, semicolon-separated, Windows-1252. Lines of a team whose decisions
//! sit at levels 1–3 are control, at 4 coordination, at 5–7 support; without decision data only
//! the pass-through layer is classified and every other line says what is missing.

use super::{analyze, kader, ok, workspace};
use serde_json::Value;
use std::collections::BTreeMap;

fn cp1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'é' => 0xE9,
            'ë' => 0xEB,
            c if c.is_ascii() => c as u8,
            c => panic!("{c:?} is not mapped to Windows-1252 in this test"),
        })
        .collect()
}

/// The director has three reports; the operations director has one (a pass-through layer) over
/// the head of Logistiek; each head has three team members.
const HR: &str = "Personeelsnummer;Voornaam;Achternaam;Functie;Afdeling;Leidinggevende\r\n\
    1;An;Peeters;Algemeen directeur;Directie;\r\n\
    2;Bart;Claes;Directeur operaties;Directie;1\r\n\
    3;Chloé;Maes;Hoofd logistiek;Logistiek;2\r\n\
    4;Dirk;Wouters;Magazijnier;Logistiek;3\r\n\
    5;Els;Janssens;Magazijnier;Logistiek;3\r\n\
    6;Frank;Goossens;Planner;Logistiek;3\r\n\
    7;Greet;Mertens;Verkoopdirecteur;Verkoop;1\r\n\
    8;Hans;Willems;Accountmanager;Verkoop;7\r\n\
    9;Inge;Dubois;Accountmanager;Verkoop;7\r\n\
    10;Jan;Lambert;Binnendienst;Verkoop;7\r\n\
    11;Karel;Desmet;Hoofd productie;Productie;1\r\n\
    12;Lien;Hermans;Operator;Productie;11\r\n\
    13;Marc;Noël;Operator;Productie;11\r\n\
    14;Nele;Smet;Technicus;Productie;11\r\n";

const MATRIX: &str = "Domein;Team;Niveau;Gewenst niveau;Kaders;Aanleiding\r\n\
    Aanwerving in het team;Logistiek;verkopen;adviseren;Binnen het budget;Teams weten wie past\r\n\
    Werkroosters;Verkoop;Akkoord;informeren;Wettelijke rusttijden;Eerlijke roosters\r\n\
    Opleidingsbudget;Productie;INFORMEREN;delegeren;Max 2500 euro per persoon;Groei\r\n";

/// The class of every line by the report's employee id.
fn classes(a: &Value) -> BTreeMap<String, String> {
    a["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| {
            (
                l["report"]["external_id"].as_str().expect("an imported role").to_owned(),
                l["class"].as_str().expect("a class").to_owned(),
            )
        })
        .collect()
}

fn line<'a>(a: &'a Value, employee: &str) -> &'a Value {
    a["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["report"]["external_id"] == employee)
        .unwrap_or_else(|| panic!("a line for employee {employee}"))
}

#[test]
fn a_dutch_export_and_matrix_classify_every_line_by_its_team_and_explain_why() {
    let (dir, file) = workspace();
    let hr = dir.path().join("personeel.csv");
    std::fs::write(&hr, cp1252(HR)).expect("write");
    ok(kader(&[&"import", &file, &hr]));

    // Without decision data: only the pass-through layer.
    let a = analyze(&file);
    let c = classes(&a);
    assert_eq!(c.len(), 13, "one line per role with a manager");
    assert_eq!(c["3"], "control", "the head of Logistiek sits under a pass-through layer");
    for (id, class) in &c {
        if id != "3" {
            assert_eq!(class, "unclassified", "line of employee {id} has no signal");
            let reasons = &line(&a, id)["reasons"];
            assert_eq!(reasons[0]["signal"], "missing_decisions", "it says what is missing: {reasons}");
        }
    }
    assert_eq!(line(&a, "4")["reasons"][0]["text"], "no decision domains mapped for Logistiek yet");
    assert_eq!(
        a["hierarchy"],
        serde_json::json!({"support": 0, "coordination": 0, "control": 1, "unclassified": 12})
    );
    assert_eq!(a["pass_through_managers"][0]["external_id"], "2");
    assert_eq!(a["autonomy"], Value::Null);

    // The Dutch matrix: levels 2 (verkopen), 4 (akkoord) and 6 (informeren).
    let matrix = dir.path().join("beslissingen.csv");
    std::fs::write(&matrix, cp1252(MATRIX)).expect("write");
    ok(kader(&[&"decisions", &"import", &file, &matrix]));
    let a = analyze(&file);
    let c = classes(&a);
    for id in ["4", "5", "6"] {
        assert_eq!(c[id], "control", "Logistiek decides at level 2: employee {id}");
    }
    for id in ["8", "9", "10"] {
        assert_eq!(c[id], "coordination", "Verkoop decides at level 4: employee {id}");
    }
    for id in ["12", "13", "14"] {
        assert_eq!(c[id], "support", "Productie decides at level 6: employee {id}");
    }
    // The heads lead their teams: the team's decisions are theirs, not held above them.
    assert_eq!(c["7"], "unclassified");
    assert_eq!(c["11"], "unclassified");
    assert_eq!(c["3"], "control", "still the pass-through layer");
    let reason = &line(&a, "4")["reasons"][0];
    assert_eq!(reason["signal"], "decision");
    assert_eq!(reason["domain"]["name"], "Aanwerving in het team");
    assert_eq!(reason["subject"]["name"], "Logistiek");
    assert_eq!(reason["level"], 2);
    assert!(reason["text"].as_str().expect("text").contains("level 2 (sell)"), "{reason}");
    assert_eq!(line(&a, "4")["manager"]["external_id"], "3");
    assert_eq!(
        a["hierarchy"],
        serde_json::json!({"support": 3, "coordination": 3, "control": 4, "unclassified": 3})
    );
    assert_eq!(a["autonomy"], serde_json::json!(0.3333));
    assert_eq!(a["decision_distance"], serde_json::json!({"mean": 0.67, "max": 1}));
    assert_eq!(a["bottlenecks"][0]["role"]["external_id"], "3");
    assert_eq!(a["bottlenecks"][0]["decisions"], 3);

    // The readable report shows the same, with short explanations.
    let text = ok(kader(&[&"analyze", &file]));
    for fragment in [
        "Hierarchy lens",
        "support                   3",
        "coordination              3",
        "control                   4",
        "unclassified              3",
        "pass-through              1",
        "Directeur operaties",
        "autonomy              33.3%",
        "bottlenecks",
        "Hoofd logistiek",
    ] {
        assert!(text.contains(fragment), "the readable analysis shows {fragment:?}:\n{text}");
    }
}

//! Search: accents and case do not matter, names starting with the query come first, then
//! matches at the start of a word, then anywhere.

use super::*;
use kader_api::{HitKind, SearchHit};

/// Adds people (each filling a new role titled "Clerk") to the small organization.
fn with_people(names: &[&str]) -> (TempDir, Api, Ids) {
    let (dir, _path, api, i) = small_org();
    let mut ids = SeqIds::new(0x5EA);
    for name in names {
        let role = new_role(&mut ids, "Clerk");
        let person = Person {
            id: PersonId::new(&mut ids),
            external_id: None,
            name: (*name).into(),
            location: None,
            hire_date: None,
        };
        let ops = vec![
            Op::AddRole { role: role.clone() },
            Op::AddPerson { person: person.clone() },
            Op::Connect { relation: Relation::Fills { person: person.id, role: role.id, fte: Fte::FULL } },
        ];
        api.apply(Op::batch("add", ops), "test").expect("a person is added");
    }
    (dir, api, i)
}

fn labels(hits: &[SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.label.as_str()).collect()
}

#[test]
fn queries_find_names_regardless_of_accents_and_case() {
    let (_dir, api, _) = with_people(&[]);
    // Each case is a query and the labels it must find, best first.
    let cases: &[(&str, &[&str])] = &[
        ("francoise", &["Françoise Dupré"]),
        ("FRANÇOISE", &["Françoise Dupré"]),
        ("dupre", &["Françoise Dupré"]),
        ("elodie", &["Élodie Martin"]),
        ("Élodie", &["Élodie Martin"]),
        ("jan pee", &["Jan Peeters"]),
        ("peeters jan", &["Jan Peeters"]),
        ("E003", &["Accountant", "Élodie Martin"]),
        ("fin", &["Finance"]),
        ("nobody like this", &[]),
        ("   ", &[]),
    ];
    for (query, expected) in cases {
        let hits = api.search(query, 20).expect("search");
        assert_eq!(labels(&hits), *expected, "search {query:?}");
    }
}

#[test]
fn name_starts_rank_above_word_starts_above_substrings() {
    let (_dir, api, _) = with_people(&["Johan Smit", "Jan Anders", "Anna Smith", "Ann"]);
    let hits = api.search("an", 20).expect("search");
    // "Ann", "Analyst" and "Anna Smith" start with "an" (shorter first); a word of "Jan Anders"
    // starts with it; the others contain it (Finance, Johan, Accountant, Jan, Françoise).
    assert_eq!(
        labels(&hits),
        vec![
            "Ann",
            "Analyst",
            "Anna Smith",
            "Jan Anders",
            "Finance",
            "Johan Smit",
            "Accountant",
            "Jan Peeters",
            "Françoise Dupré"
        ],
        "tiers, then shorter first"
    );
    assert_eq!(
        labels(&api.search("an", 2).expect("search")),
        vec!["Ann", "Analyst"],
        "the limit keeps the best"
    );
    assert!(api.search("an", 0).expect("search").is_empty(), "limit 0");
}

#[test]
fn hits_say_what_they_are_and_which_chart_node_to_reveal() {
    let (_dir, api, i) = with_people(&[]);
    let hit =
        |q: &str| api.search(q, 1).expect("search").into_iter().next().unwrap_or_else(|| panic!("{q} finds"));
    let jan = hit("jan");
    assert_eq!(
        (jan.kind, jan.id, jan.role),
        (HitKind::Person, i.jan.0, Some(i.cfo)),
        "a person reveals the role with the largest share, then the smallest id (equal shares: CFO)"
    );
    let acc = hit("accountant");
    assert_eq!((acc.kind, acc.role), (HitKind::Role, Some(i.accountant)), "a role reveals itself");
    assert_eq!(acc.detail, "Jan Peeters, Élodie Martin · Finance", "a role's people and team");
    let coo = hit("coo");
    assert_eq!(coo.detail, "Ops", "a vacancy's detail is its team only");
    let ops = hit("ops");
    assert_eq!(
        (ops.kind, ops.role, ops.detail.as_str()),
        (HitKind::Team, Some(i.coo), "Board"),
        "a team without a leads line reveals the lead its reporting lines imply, so the chart goes there"
    );
    let finance = hit("finance");
    assert_eq!(finance.role, Some(i.cfo), "a team reveals its lead");
    let json = serde_json::to_value(&jan).expect("serializes");
    assert_eq!(json["kind"], "person", "the kind is a lowercase word");
    assert_eq!(json["role"], i.cfo.to_string(), "the role is a UUID string");
}

#[test]
fn the_index_follows_changes() {
    let (_dir, api, i) = with_people(&[]);
    assert_eq!(labels(&api.search("zoë", 5).expect("search")), Vec::<&str>::new(), "not there yet");
    let zoe = Person {
        id: PersonId::new(&mut SeqIds::new(0x20E)),
        external_id: None,
        name: "Zoë Laatste".into(),
        location: None,
        hire_date: None,
    };
    api.apply(Op::AddPerson { person: zoe }, "ann").expect("add");
    assert_eq!(labels(&api.search("zoe", 5).expect("search")), vec!["Zoë Laatste"], "found after the change");
    api.apply(Op::RemoveRole { id: i.analyst }, "ann").expect("remove");
    assert!(api.search("analyst", 5).expect("search").is_empty(), "gone after removal");
    api.undo("ann").expect("undo");
    assert_eq!(labels(&api.search("analyst", 5).expect("search")), vec!["Analyst"], "back after undo");
}

#[test]
fn a_smaller_limit_gives_the_first_hits_of_a_larger_one() {
    // Many ties: same tier and length, so order within them is alphabetical.
    let names: Vec<String> = (0..120)
        .map(|n| format!("Bob {}", ["Claes", "Aerts", "Maes"][n % 3]) + &format!(" {n:03}"))
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let (_dir, api, _) = with_people(&refs);
    for query in ["bob", "b", "o", "aes", "bob maes", "0", "1 bob"] {
        let all = api.search(query, 200).expect("search");
        for limit in [1, 5, 37] {
            let some = api.search(query, limit).expect("search");
            let expected: Vec<&str> = labels(&all).into_iter().take(limit).collect();
            assert_eq!(labels(&some), expected, "search {query:?} with limit {limit}");
        }
    }
    let first = labels(&api.search("bob", 3).expect("search")).join(" | ");
    assert_eq!(first, "Bob Maes 002 | Bob Maes 005 | Bob Maes 008", "shorter first, then alphabetical");
}

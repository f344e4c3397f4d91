//! How the API functions the UI calls most often scale: imports a generated HR export of N people
//! (default 100,000) into a temporary workspace, then times `chart`, the first `search` (which
//! builds the index), later searches, and a search after a change.
//!
//! `cargo run --release -p kader-api --example scale [N]`

use kader_api::Api;
use std::time::Instant;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let first = ["Françoise", "Jan", "Élodie", "Pieter", "Noémie", "Lars", "Anaïs", "Koen", "Zoë", "Bram"];
    let last = ["Dupré", "Peeters", "Janssens", "Maes", "De Smet", "Willems", "Müller", "Claes", "Goossens"];
    let mut csv = String::from("Employee ID,Name,Job Title,Department,Manager ID\n");
    for i in 0..n {
        let manager = if i == 0 { String::new() } else { format!("E{}", (i - 1) / 8) };
        let name = format!("{} {} {i}", first[i % first.len()], last[(i / 7) % last.len()]);
        csv.push_str(&format!("E{i},{name},Role {},Dept {},{manager}\n", i % 300, i / 500));
    }
    let dir = std::env::temp_dir().join(format!("kader-scale-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let path = dir.join("scale.kader");
    kader::Workspace::create(&path, kader::date::Timestamp::now()).expect("a workspace");
    let api = Api::open(&path).expect("opens");
    let t = Instant::now();
    api.import_csv(csv.as_bytes(), &Default::default(), "scale").expect("imports");
    println!("import {n:>7} people  {:>8.1} ms", ms(t));

    let t = Instant::now();
    let chart = api.chart().expect("chart");
    println!("chart ({} roles)      {:>8.1} ms", chart.roles.len(), ms(t));
    let t = Instant::now();
    let json = serde_json::to_vec(&chart).expect("serializes");
    println!("chart JSON ({:.1} MB)   {:>8.1} ms", json.len() as f64 / 1e6, ms(t));

    let t = Instant::now();
    api.search("fran", 20).expect("search");
    println!("first search (index)  {:>8.1} ms", ms(t));
    for q in ["francoise", "dupre", "e", "jan pee", "noemie maes 12", "zzz", "role 17"] {
        let t = Instant::now();
        let hits = api.search(q, 20).expect("search");
        println!(
            "search {q:<15} {:>8.2} ms  ({} hits, first {:?})",
            ms(t),
            hits.len(),
            hits.first().map(|h| &h.label)
        );
    }
    let roles = &chart.roles;
    let op = kader::Op::MoveRole { role: roles[roles.len() - 1].id, manager: Some(roles[1].id) };
    api.apply(op, "scale").expect("a change");
    let t = Instant::now();
    api.search("francoise", 20).expect("search");
    println!("search after a change {:>8.1} ms", ms(t));
    api.close().expect("closes");
    let _ = std::fs::remove_dir_all(&dir);
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

//! The hierarchy lens's speed on a real workspace file (run by `bench/lens.py`, not a test).
//!
//! usage: lens_bench FILE [--domains K] [--changes N] [--rounds R]
//!
//! 1. Opens FILE (an imported HR export) and, when `--domains K` > 0, adds decision data in
//!    memory (never written): K domains, each with an entry for every team at a level derived from
//!    the team's name — `(sum of the name's UTF-8 bytes + 3 × domain number) % 7 + 1` — the same
//!    formula the Python peer (bench/nx_lens.py) uses, so both classify the same data.
//! 2. Builds the full lens R times (median reported).
//! 3. Makes N single changes through the workspace — level changes, a role moved to another
//!    manager, an accountability added — timing only the lens update after each.
//! 4. Prints JSON: build times, update p50/p99/max, and the class counts (checked by the caller
//!    against the peer and against a fresh lens after the changes).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use kader::date::Timestamp;
use kader::id::{AccountabilityId, DomainId, SeqIds};
use kader::lens::Lens;
use kader::model::{Accountability, AccountabilityKind, DecisionDomain, Delegation, Level, Unit};
use kader::{Ctx, Effect, Op, Workspace};
use std::time::Instant;

fn level_for(name: &str, domain: usize) -> Level {
    let sum: usize = name.bytes().map(usize::from).sum();
    Level::new(((sum + 3 * domain) % 7 + 1) as u8).expect("1 to 7")
}

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(|v| v.parse().expect("a whole number"))
        .unwrap_or(default)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let file = args.get(1).expect("usage: lens_bench FILE [--domains K] [--changes N] [--rounds R]");
    let (k, n, rounds) =
        (arg(&args, "--domains", 4), arg(&args, "--changes", 200), arg(&args, "--rounds", 5));
    // Work on a copy: the changes of step 3 are written to the file.
    let dir = std::env::temp_dir().join(format!("kader-lens-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let copy = dir.join("bench.kader");
    std::fs::copy(file, &copy).expect("copy the workspace");
    let mut ws = Workspace::open(&copy).expect("the workspace opens");
    let ctx = Ctx::new("bench", Timestamp(0));
    let mut ids = SeqIds::new(0xBE9C);

    let teams: Vec<(kader::id::TeamId, String)> = ws.org().teams().map(|t| (t.id, t.name.clone())).collect();
    let mut domains = Vec::new();
    for d in 0..k {
        let domain = DecisionDomain {
            id: DomainId::new(&mut ids),
            name: format!("Domain {d}"),
            owner_team: None,
            driver: String::new(),
            guardrails: Vec::new(),
            review_date: None,
            delegations: teams
                .iter()
                .map(|(t, name)| Delegation {
                    subject: Unit::Team(*t),
                    current: Some(level_for(name, d)),
                    desired: None,
                    history: Vec::new(),
                })
                .collect(),
        };
        domains.push(domain.id);
        ws.apply(Op::AddDomain { domain }, &ctx).expect("the domain applies");
    }

    let mut builds = Vec::new();
    let mut lens = Lens::build(ws.org());
    for _ in 0..rounds {
        let t = Instant::now();
        lens = Lens::build(ws.org());
        builds.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    builds.sort_by(f64::total_cmp);
    let before = lens.counts();

    // Single changes, cycling through the kinds a facilitator makes in a workshop.
    let roles: Vec<kader::id::RoleId> = ws.org().roles().map(|r| r.id).collect();
    let managers: Vec<kader::id::RoleId> =
        roles.iter().copied().filter(|&r| ws.org().direct_reports(r).next().is_some()).collect();
    let mut updates = Vec::new();
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let mut next = |m: usize| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % m as u64) as usize
    };
    for i in 0..n {
        let op = match i % 3 {
            0 if !domains.is_empty() => {
                let (t, _) = &teams[next(teams.len())];
                Op::SetDelegation {
                    domain: domains[next(domains.len())],
                    subject: Unit::Team(*t),
                    current: Level::new(1 + next(7) as u8),
                    desired: None,
                    note: None,
                }
            }
            1 => {
                // A role without reports moves under another manager (never a cycle).
                let r = roles[next(roles.len())];
                if ws.org().direct_reports(r).next().is_some() {
                    continue;
                }
                Op::MoveRole { role: r, manager: Some(managers[next(managers.len())]) }
            }
            _ => {
                let m = managers[next(managers.len())];
                let mut role = ws.org().role(m).expect("a manager").clone();
                role.accountabilities.push(Accountability {
                    id: AccountabilityId::new(&mut ids),
                    text: "Coach the team".into(),
                    kind: AccountabilityKind::Support,
                    towards: None,
                });
                Op::UpdateRole { role }
            }
        };
        let change = ws.apply(op, &ctx).expect("the change applies");
        let t = Instant::now();
        match &change.effect {
            Effect::Op(op) => lens.update(ws.org(), op),
            Effect::Replaced => lens = Lens::build(ws.org()),
        }
        updates.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    updates.sort_by(f64::total_cmp);
    let fresh = Lens::build(ws.org());
    let agrees = fresh.counts() == lens.counts() && fresh.figures(ws.org()) == lens.figures(ws.org());
    let (people, role_count, team_count) = ws.org().counts();
    let json = serde_json::json!({
        "people": people,
        "roles": role_count,
        "teams": team_count,
        "domains": k,
        "build_ms": {"median": percentile(&builds, 0.5), "min": builds.first(), "max": builds.last()},
        "update_ms": {
            "changes": updates.len(),
            "p50": percentile(&updates, 0.5),
            "p99": percentile(&updates, 0.99),
            "max": updates.last(),
        },
        "hierarchy": before,
        "incremental_equals_fresh": agrees,
    });
    println!("{json}");
    drop(ws);
    let _ = std::fs::remove_dir_all(&dir);
    if !agrees {
        eprintln!("the lens kept up to date differs from a fresh one");
        std::process::exit(2);
    }
}

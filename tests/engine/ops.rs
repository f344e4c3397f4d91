//! Operations: every kind applies (and undoes exactly), every invalid one is refused with the
//! right error and leaves the organization, the file and the history as they were.

use super::*;
use kader::id::SeqIds;
use kader::model::{AccountabilityKind as Acc, Delegation, Relation, RelationKind};
use kader::{Error, Op};

/// The organization every case starts from:
///
/// ```text
/// teams:  Company ⊃ Sales ⊃ Emea        Ops (top-level)
/// roles:  CEO ← Head of Sales ← Rep      Coach (top-level)
///         Head of Sales leads Sales; Rep is a member of Sales
/// people: Ann fills CEO (1.0); Bob fills Rep (0.5)
/// domain: Hiring, owned by Sales; Sales at 3 → 5, Rep at 2 → 6
/// ```
///
/// `new_*` are ids minted for the cases but not used by the organization yet.
struct Fx {
    _dir: TempDir,
    ws: Workspace,
    ids: SeqIds,
    company: TeamId,
    sales: TeamId,
    emea: TeamId,
    ops: TeamId,
    ceo: RoleId,
    head: RoleId,
    rep: RoleId,
    coach: RoleId,
    ann: PersonId,
    bob: PersonId,
    hiring: DomainId,
    new_person: PersonId,
    new_role: RoleId,
    new_team: TeamId,
    new_domain: DomainId,
}

fn fixture() -> Fx {
    let (dir, mut ws) = ws();
    let mut ids = SeqIds::new(0x0B5);
    let [company, sales, emea, ops] = ["Company", "Sales", "Emea", "Ops"].map(|n| team(&mut ids, n));
    let [ceo, head, rep, coach] = ["CEO", "Head of Sales", "Rep", "Coach"].map(|t| role(&mut ids, t));
    let [ann, bob] = ["Ann", "Bob"].map(|n| person(&mut ids, n));
    let mut hiring = domain(&mut ids, "Hiring");
    hiring.owner_team = Some(sales.id);
    hiring.delegations = vec![delegation(Unit::Team(sales.id), 3, 5), delegation(Unit::Role(rep.id), 2, 6)];
    let fx_ids =
        (company.id, sales.id, emea.id, ops.id, ceo.id, head.id, rep.id, coach.id, ann.id, bob.id, hiring.id);
    apply_all(
        &mut ws,
        [
            Op::AddTeam { team: company },
            Op::AddTeam { team: sales },
            Op::AddTeam { team: emea },
            Op::AddTeam { team: ops },
            Op::AddRole { role: ceo },
            Op::AddRole { role: head },
            Op::AddRole { role: rep },
            Op::AddRole { role: coach },
            Op::AddPerson { person: ann },
            Op::AddPerson { person: bob },
        ],
    );
    let (company, sales, emea, ops, ceo, head, rep, coach, ann, bob, hiring_id) = fx_ids;
    apply_all(
        &mut ws,
        [
            Op::Connect { relation: Relation::PartOf { team: sales, parent: company } },
            Op::Connect { relation: Relation::PartOf { team: emea, parent: sales } },
            Op::Connect { relation: Relation::ReportsTo { role: head, manager: ceo } },
            Op::Connect { relation: Relation::ReportsTo { role: rep, manager: head } },
            Op::Connect { relation: Relation::Leads { role: head, team: sales } },
            Op::Connect { relation: Relation::MemberOf { role: rep, team: sales } },
            Op::Connect { relation: Relation::Fills { person: ann, role: ceo, fte: Fte::FULL } },
            Op::Connect { relation: Relation::Fills { person: bob, role: rep, fte: fte(0.5) } },
            Op::AddDomain { domain: hiring },
        ],
    );
    ws.org().check_invariants().expect("the fixture organization keeps every invariant");
    let (new_person, new_role, new_team, new_domain) =
        (PersonId::new(&mut ids), RoleId::new(&mut ids), TeamId::new(&mut ids), DomainId::new(&mut ids));
    Fx {
        _dir: dir,
        ws,
        ids,
        company,
        sales,
        emea,
        ops,
        ceo,
        head,
        rep,
        coach,
        ann,
        bob,
        hiring: hiring_id,
        new_person,
        new_role,
        new_team,
        new_domain,
    }
}

impl Fx {
    fn org(&self) -> &kader::Org {
        self.ws.org()
    }
    fn person(&self, id: PersonId) -> Person {
        self.org().person(id).cloned().expect("the person exists")
    }
    fn role(&self, id: RoleId) -> Role {
        self.org().role(id).cloned().expect("the role exists")
    }
    fn team(&self, id: TeamId) -> Team {
        self.org().team(id).cloned().expect("the team exists")
    }
    fn domain(&self, id: DomainId) -> DecisionDomain {
        self.org().domain(id).cloned().expect("the domain exists")
    }
    fn has(&self, relation: Relation) -> bool {
        let (a, b) = relation.endpoints();
        self.org().relation(relation.kind(), a, b) == Some(&relation)
    }
    fn history_len(&self) -> usize {
        self.ws.history(10_000).expect("the history can be read").len()
    }
}

// ----- operations that apply ---------------------------------------------------------------

/// An operation that must apply; `then` checks its effect.
struct Applies {
    name: &'static str,
    op: fn(&mut Fx) -> Op,
    then: fn(&Fx),
}

/// Applies the case's operation to a fresh fixture and checks that: it succeeds and the change
/// carries the operation; the effect is what `then` expects; every invariant holds; the file
/// holds the same state; undo restores the previous state exactly (in memory and in the file);
/// redo brings the change back.
fn assert_applies(case: &Applies) {
    let name = case.name;
    let mut fx = fixture();
    let op = (case.op)(&mut fx);
    let before = fx.org().snapshot();
    let change = fx.ws.apply(op.clone(), &ctx()).unwrap_or_else(|e| panic!("{name}: must apply, but: {e}"));
    assert_eq!(
        applied(&change),
        Some(&op),
        "{name}: the acknowledged change carries the operation that was applied"
    );
    (case.then)(&fx);
    fx.org().check_invariants().unwrap_or_else(|e| panic!("{name}: an invariant broke: {e}"));
    let after = fx.org().snapshot();
    assert_eq!(on_disk(fx.ws.path()), after, "{name}: the file holds the state in memory");

    fx.ws.undo(&ctx()).expect("undo works").unwrap_or_else(|| panic!("{name}: there is a change to undo"));
    assert_eq!(fx.org().snapshot(), before, "{name}: undo restores the state before, exactly");
    fx.org().check_invariants().unwrap_or_else(|e| panic!("{name}: an invariant broke after undo: {e}"));
    assert_eq!(on_disk(fx.ws.path()), before, "{name}: the file holds the state after undo");

    fx.ws.redo(&ctx()).expect("redo works").unwrap_or_else(|| panic!("{name}: there is a change to redo"));
    assert_eq!(fx.org().snapshot(), after, "{name}: redo brings the change back, exactly");
    assert_eq!(on_disk(fx.ws.path()), after, "{name}: the file holds the state after redo");
}

#[test]
fn every_entity_operation_applies_and_undoes_exactly() {
    let cases = [
        Applies {
            name: "add a person with all fields",
            op: |fx| Op::AddPerson {
                person: Person {
                    id: fx.new_person,
                    external_id: Some("E-107".into()),
                    name: "Cara Peeters".into(),
                    location: Some("Gent".into()),
                    hire_date: Some(date(2021, 3, 4)),
                },
            },
            then: |fx| {
                let p = fx.person(fx.new_person);
                assert_eq!(
                    (p.name.as_str(), p.hire_date),
                    ("Cara Peeters", Some(date(2021, 3, 4))),
                    "the person is stored as given"
                );
                assert_eq!(p.external_id.as_deref(), Some("E-107"), "the external id is kept");
            },
        },
        Applies {
            name: "update a person",
            op: |fx| {
                let mut bob = fx.person(fx.bob);
                bob.name = "Robert".into();
                bob.location = Some("Antwerpen".into());
                Op::UpdatePerson { person: bob }
            },
            then: |fx| {
                assert_eq!(fx.person(fx.bob).name, "Robert", "the name is replaced");
                assert_eq!(
                    fx.org().fillers(fx.rep).collect::<Vec<_>>(),
                    vec![(fx.bob, fte(0.5))],
                    "the person still fills the role"
                );
            },
        },
        Applies {
            name: "remove a person",
            op: |fx| Op::RemovePerson { id: fx.bob },
            then: |fx| {
                assert!(fx.org().person(fx.bob).is_none(), "the person is gone");
                assert_eq!(fx.org().fillers(fx.rep).count(), 0, "the role they filled is vacant");
            },
        },
        Applies {
            name: "add a role with accountabilities",
            op: |fx| {
                let mut r = role(&mut fx.ids, "Product owner");
                r.id = fx.new_role;
                r.purpose = "Maximise value".into();
                let own = NodeRef::Role(fx.new_role);
                r.accountabilities = vec![
                    accountability(&mut fx.ids, "Prioritise the backlog", Acc::Delivery, None),
                    accountability(
                        &mut fx.ids,
                        "Align with Sales",
                        Acc::Coordination,
                        Some(NodeRef::Team(fx.sales)),
                    ),
                    accountability(&mut fx.ids, "Review own priorities", Acc::Control, Some(own)),
                ];
                Op::AddRole { role: r }
            },
            then: |fx| {
                assert_eq!(
                    fx.role(fx.new_role).accountabilities.len(),
                    3,
                    "the role keeps its accountabilities"
                )
            },
        },
        Applies {
            name: "update a role",
            op: |fx| {
                let mut head = fx.role(fx.head);
                head.purpose = "Grow the region".into();
                let a =
                    accountability(&mut fx.ids, "Coach the reps", Acc::Support, Some(NodeRef::Role(fx.rep)));
                head.accountabilities.push(a);
                Op::UpdateRole { role: head }
            },
            then: |fx| {
                assert_eq!(fx.role(fx.head).purpose, "Grow the region", "the purpose is replaced");
                assert_eq!(fx.org().manager_of(fx.head), Some(fx.ceo), "the role keeps its relations");
            },
        },
        Applies {
            name: "remove a role",
            op: |fx| Op::RemoveRole { id: fx.coach },
            then: |fx| assert!(fx.org().role(fx.coach).is_none(), "the role is gone"),
        },
        Applies {
            name: "add a team",
            op: |fx| Op::AddTeam {
                team: Team { id: fx.new_team, name: "Support".into(), purpose: "Help customers".into() },
            },
            then: |fx| {
                assert_eq!(fx.team(fx.new_team).purpose, "Help customers", "the team is stored as given")
            },
        },
        Applies {
            name: "update a team",
            op: |fx| Op::UpdateTeam {
                team: Team { id: fx.sales, name: "Sales & Marketing".into(), purpose: String::new() },
            },
            then: |fx| {
                assert_eq!(fx.team(fx.sales).name, "Sales & Marketing", "the name is replaced");
                assert_eq!(fx.org().parent_team(fx.emea), Some(fx.sales), "nested teams stay nested");
            },
        },
        Applies {
            name: "remove a team",
            op: |fx| Op::RemoveTeam { id: fx.ops },
            then: |fx| assert!(fx.org().team(fx.ops).is_none(), "the team is gone"),
        },
    ];
    for case in &cases {
        assert_applies(case);
    }
}

#[test]
fn every_relation_kind_connects_and_disconnects() {
    let cases = [
        Applies {
            name: "connect reports_to",
            op: |fx| Op::Connect { relation: Relation::ReportsTo { role: fx.coach, manager: fx.head } },
            then: |fx| assert_eq!(fx.org().manager_of(fx.coach), Some(fx.head), "the role has a manager"),
        },
        Applies {
            name: "connect dotted_line",
            op: |fx| Op::Connect { relation: Relation::DottedLine { role: fx.rep, manager: fx.ceo } },
            then: |fx| {
                assert!(
                    fx.has(Relation::DottedLine { role: fx.rep, manager: fx.ceo }),
                    "the dotted line exists"
                );
                assert_eq!(fx.org().manager_of(fx.rep), Some(fx.head), "a dotted line is not the solid line");
            },
        },
        Applies {
            name: "connect member_of",
            op: |fx| Op::Connect { relation: Relation::MemberOf { role: fx.coach, team: fx.ops } },
            then: |fx| {
                assert_eq!(
                    fx.org().teams_of(fx.coach).collect::<Vec<_>>(),
                    vec![fx.ops],
                    "the role is a member"
                )
            },
        },
        Applies {
            name: "connect leads",
            op: |fx| Op::Connect { relation: Relation::Leads { role: fx.coach, team: fx.ops } },
            then: |fx| {
                assert!(fx.has(Relation::Leads { role: fx.coach, team: fx.ops }), "the role leads the team")
            },
        },
        Applies {
            name: "connect part_of",
            op: |fx| Op::Connect { relation: Relation::PartOf { team: fx.ops, parent: fx.company } },
            then: |fx| assert_eq!(fx.org().parent_team(fx.ops), Some(fx.company), "the team is nested"),
        },
        Applies {
            name: "connect fills with a part-time share",
            op: |fx| Op::Connect {
                relation: Relation::Fills { person: fx.ann, role: fx.coach, fte: fte(0.2) },
            },
            then: |fx| {
                assert_eq!(
                    fx.org().fillers(fx.coach).collect::<Vec<_>>(),
                    vec![(fx.ann, fte(0.2))],
                    "the share is kept"
                )
            },
        },
        Applies {
            name: "connect supports from a team to a role",
            op: |fx| Op::Connect {
                relation: Relation::Supports { from: Unit::Team(fx.sales), to: Unit::Role(fx.coach) },
            },
            then: |fx| {
                assert!(
                    fx.has(Relation::Supports { from: Unit::Team(fx.sales), to: Unit::Role(fx.coach) }),
                    "stored"
                )
            },
        },
        Applies {
            name: "connect supports from a role to a team",
            op: |fx| Op::Connect {
                relation: Relation::Supports { from: Unit::Role(fx.coach), to: Unit::Team(fx.emea) },
            },
            then: |fx| {
                assert!(
                    fx.has(Relation::Supports { from: Unit::Role(fx.coach), to: Unit::Team(fx.emea) }),
                    "stored"
                )
            },
        },
        Applies {
            name: "connect coordinates",
            op: |fx| Op::Connect { relation: Relation::Coordinates { role: fx.head, team: fx.emea } },
            then: |fx| assert!(fx.has(Relation::Coordinates { role: fx.head, team: fx.emea }), "stored"),
        },
        Applies {
            name: "disconnect reports_to",
            op: |fx| Op::Disconnect { relation: Relation::ReportsTo { role: fx.rep, manager: fx.head } },
            then: |fx| assert_eq!(fx.org().manager_of(fx.rep), None, "the role is top-level"),
        },
        Applies {
            name: "disconnect part_of",
            op: |fx| Op::Disconnect { relation: Relation::PartOf { team: fx.emea, parent: fx.sales } },
            then: |fx| assert_eq!(fx.org().parent_team(fx.emea), None, "the team is top-level"),
        },
        Applies {
            // The caller does not need to know the share; undo restores the stored 0.5.
            name: "disconnect fills given another share",
            op: |fx| Op::Disconnect {
                relation: Relation::Fills { person: fx.bob, role: fx.rep, fte: Fte::FULL },
            },
            then: |fx| assert_eq!(fx.org().fillers(fx.rep).count(), 0, "the role is vacant"),
        },
        Applies {
            name: "disconnect leads",
            op: |fx| Op::Disconnect { relation: Relation::Leads { role: fx.head, team: fx.sales } },
            then: |fx| {
                assert!(!fx.has(Relation::Leads { role: fx.head, team: fx.sales }), "the team has no leader")
            },
        },
        Applies {
            name: "disconnect member_of",
            op: |fx| Op::Disconnect { relation: Relation::MemberOf { role: fx.rep, team: fx.sales } },
            then: |fx| assert_eq!(fx.org().teams_of(fx.rep).count(), 0, "the role is in no team"),
        },
    ];
    for case in &cases {
        assert_applies(case);
    }
}

#[test]
fn moving_a_role_replaces_its_solid_line() {
    let cases = [
        Applies {
            name: "move a role under another manager",
            op: |fx| Op::MoveRole { role: fx.rep, manager: Some(fx.ceo) },
            then: |fx| {
                assert_eq!(fx.org().manager_of(fx.rep), Some(fx.ceo), "the role has its new manager");
                assert_eq!(fx.org().direct_reports(fx.head).count(), 0, "the old manager lost the report");
            },
        },
        Applies {
            name: "make a role top-level",
            op: |fx| Op::MoveRole { role: fx.head, manager: None },
            then: |fx| {
                assert_eq!(fx.org().manager_of(fx.head), None, "the role is top-level");
                assert_eq!(fx.org().manager_of(fx.rep), Some(fx.head), "its reports move with it");
            },
        },
        Applies {
            name: "move a top-level role under a manager",
            op: |fx| Op::MoveRole { role: fx.coach, manager: Some(fx.rep) },
            then: |fx| assert_eq!(fx.org().manager_of(fx.coach), Some(fx.rep), "the role has a manager"),
        },
        Applies {
            name: "move a role under the manager it already has",
            op: |fx| Op::MoveRole { role: fx.rep, manager: Some(fx.head) },
            then: |fx| assert_eq!(fx.org().manager_of(fx.rep), Some(fx.head), "nothing changes"),
        },
    ];
    for case in &cases {
        assert_applies(case);
    }
}

#[test]
fn decision_domains_and_delegations_apply() {
    let cases = [
        Applies {
            name: "add a domain with all fields",
            op: |fx| Op::AddDomain {
                domain: DecisionDomain {
                    id: fx.new_domain,
                    name: "Spending under €5,000".into(),
                    owner_team: Some(fx.emea),
                    driver: "Teams wait weeks for small purchases".into(),
                    guardrails: vec!["within the yearly budget".into(), "two quotes above €1,000".into()],
                    review_date: Some(date(2027, 6, 30)),
                    delegations: vec![
                        delegation(Unit::Team(fx.emea), 2, 6),
                        delegation(Unit::Role(fx.head), 5, 7),
                    ],
                },
            },
            then: |fx| {
                assert_eq!(fx.domain(fx.new_domain).delegations.len(), 2, "the domain is stored as given")
            },
        },
        Applies {
            name: "update a domain",
            op: |fx| {
                let mut d = fx.domain(fx.hiring);
                d.guardrails = vec!["follow the hiring policy".into()];
                d.owner_team = Some(fx.company);
                d.delegations.reverse();
                Op::UpdateDomain { domain: d }
            },
            then: |fx| {
                assert_eq!(fx.domain(fx.hiring).owner_team, Some(fx.company), "the domain is replaced")
            },
        },
        Applies {
            name: "remove a domain",
            op: |fx| Op::RemoveDomain { id: fx.hiring },
            then: |fx| assert!(fx.org().domain(fx.hiring).is_none(), "the domain is gone"),
        },
        Applies {
            name: "set a delegation for a new subject",
            op: |fx| Op::SetDelegation {
                domain: fx.hiring,
                subject: Unit::Role(fx.head),
                current: Some(level(4)),
                desired: None,
                note: None,
            },
            then: |fx| {
                let d = fx.domain(fx.hiring);
                assert_eq!(d.delegations.len(), 3, "an entry is added");
                assert_eq!(d.delegations[2].current, Some(level(4)), "with the given level");
            },
        },
        Applies {
            name: "change the levels of an existing subject",
            op: |fx| Op::SetDelegation {
                domain: fx.hiring,
                subject: Unit::Team(fx.sales),
                current: Some(level(5)),
                desired: Some(level(7)),
                note: None,
            },
            then: |fx| {
                assert_eq!(
                    fx.domain(fx.hiring).delegations[0],
                    delegation(Unit::Team(fx.sales), 5, 7),
                    "the entry changes in place"
                )
            },
        },
        Applies {
            name: "clear the last delegation entry",
            op: |fx| Op::SetDelegation {
                domain: fx.hiring,
                subject: Unit::Role(fx.rep),
                current: None,
                desired: None,
                note: None,
            },
            then: |fx| assert_eq!(fx.domain(fx.hiring).delegations.len(), 1, "the entry is removed"),
        },
        Applies {
            // Undo must put the entry back where it was, not at the end.
            name: "clear the first delegation entry",
            op: |fx| Op::SetDelegation {
                domain: fx.hiring,
                subject: Unit::Team(fx.sales),
                current: None,
                desired: None,
                note: None,
            },
            then: |fx| {
                let d = fx.domain(fx.hiring);
                assert_eq!(
                    d.delegations,
                    vec![delegation(Unit::Role(fx.rep), 2, 6)],
                    "only the other entry is left"
                );
            },
        },
        Applies {
            name: "a batch applies as one change",
            op: |fx| {
                let squad = Team { id: fx.new_team, name: "Squad".into(), purpose: String::new() };
                let mut lead = role(&mut fx.ids, "Squad lead");
                lead.id = fx.new_role;
                Op::batch(
                    "create the squad",
                    vec![
                        Op::AddTeam { team: squad },
                        Op::AddRole { role: lead },
                        Op::Connect { relation: Relation::Leads { role: fx.new_role, team: fx.new_team } },
                        Op::Connect { relation: Relation::PartOf { team: fx.new_team, parent: fx.emea } },
                        Op::SetDelegation {
                            domain: fx.hiring,
                            subject: Unit::Team(fx.new_team),
                            current: Some(level(6)),
                            desired: None,
                            note: None,
                        },
                    ],
                )
            },
            then: |fx| {
                assert_eq!(
                    fx.org().parent_team(fx.new_team),
                    Some(fx.emea),
                    "every change of the batch applied"
                );
                assert_eq!(fx.history_len(), 20, "the batch is one entry in the history");
            },
        },
    ];
    for case in &cases {
        assert_applies(case);
    }
}

#[test]
fn loading_and_unloading_in_bulk_apply() {
    let cases = [
        Applies {
            name: "load new people, roles, teams, relations and a domain, tied to what exists",
            op: |fx| Op::Load { org: squad_snapshot(fx) },
            then: |fx| {
                assert_eq!(
                    fx.org().counts(),
                    (3, 5, 5),
                    "the loaded entities are added to the existing ones"
                );
                assert_eq!(
                    fx.org().manager_of(fx.new_role),
                    Some(fx.head),
                    "a loaded role can report to an existing one"
                );
                assert_eq!(
                    fx.org().parent_team(fx.new_team),
                    Some(fx.sales),
                    "a loaded team can nest in an existing one"
                );
                assert!(fx.org().domain(fx.new_domain).is_some(), "the loaded domain exists");
            },
        },
        Applies {
            name: "load nothing",
            op: |_| Op::Load { org: Snapshot::default() },
            then: |fx| assert_eq!(fx.org().counts(), (2, 4, 4), "nothing is added"),
        },
        Applies {
            name: "unload entities and relations",
            op: |fx| Op::Unload {
                persons: vec![fx.bob],
                roles: vec![fx.rep],
                teams: vec![fx.emea],
                relations: vec![Relation::Leads { role: fx.head, team: fx.sales }],
                domains: vec![fx.hiring],
            },
            then: |fx| {
                assert_eq!(fx.org().counts(), (1, 3, 3), "the listed entities are gone");
                assert!(
                    !fx.has(Relation::Leads { role: fx.head, team: fx.sales }),
                    "the listed relation is gone"
                );
                assert!(fx.org().domain(fx.hiring).is_none(), "the listed domain is gone");
            },
        },
        Applies {
            name: "unload a relation and the node it touches",
            op: |fx| Op::Unload {
                persons: Vec::new(),
                roles: vec![fx.rep],
                teams: Vec::new(),
                relations: vec![Relation::ReportsTo { role: fx.rep, manager: fx.head }],
                domains: Vec::new(),
            },
            then: |fx| assert!(fx.org().role(fx.rep).is_none(), "the role is gone"),
        },
    ];
    for case in &cases {
        assert_applies(case);
    }
}

/// A squad to load into the fixture: Dirk fills a new Squad lead, who reports to Head of Sales
/// and leads a new Squad team inside Sales; a new domain delegates to the squad.
fn squad_snapshot(fx: &mut Fx) -> Snapshot {
    let dirk = Person { id: fx.new_person, ..person(&mut fx.ids, "Dirk") };
    let mut lead = Role { id: fx.new_role, ..role(&mut fx.ids, "Squad lead") };
    lead.accountabilities = vec![accountability(
        &mut fx.ids,
        "Unblock the squad",
        Acc::Support,
        Some(NodeRef::Team(fx.new_team)),
    )];
    let squad = Team { id: fx.new_team, ..team(&mut fx.ids, "Squad") };
    let mut tools = DecisionDomain { id: fx.new_domain, ..domain(&mut fx.ids, "Tool choice") };
    tools.owner_team = Some(fx.new_team);
    tools.delegations = vec![delegation(Unit::Team(fx.new_team), 6, 7), delegation(Unit::Role(fx.rep), 4, 5)];
    Snapshot {
        persons: vec![dirk],
        roles: vec![lead],
        teams: vec![squad],
        relations: vec![
            Relation::ReportsTo { role: fx.new_role, manager: fx.head },
            Relation::Leads { role: fx.new_role, team: fx.new_team },
            Relation::PartOf { team: fx.new_team, parent: fx.sales },
            Relation::Fills { person: fx.new_person, role: fx.new_role, fte: fte(0.6) },
            Relation::Supports { from: Unit::Team(fx.new_team), to: Unit::Role(fx.rep) },
        ],
        domains: vec![tools],
    }
}

#[test]
fn undoing_a_delegation_change_restores_an_entry_without_levels() {
    // SetDelegation with both levels empty removes an entry, but a domain can be given an entry
    // without levels directly. Changing such an entry and undoing must bring it back as it was.
    let mut fx = fixture();
    let mut hiring = fx.domain(fx.hiring);
    hiring.delegations.push(Delegation {
        subject: Unit::Team(fx.ops),
        current: None,
        desired: None,
        history: vec![],
    });
    match fx.ws.apply(Op::UpdateDomain { domain: hiring }, &ctx()) {
        Ok(_) => {}
        // Refusing an entry without levels would be a consistent rule as well.
        Err(Error::Invalid(_)) => return,
        Err(e) => panic!("an entry without levels is accepted or refused as invalid, not: {e:?}"),
    }
    let before = fx.org().snapshot();
    let set = Op::SetDelegation {
        domain: fx.hiring,
        subject: Unit::Team(fx.ops),
        current: Some(level(4)),
        desired: None,
        note: None,
    };
    fx.ws.apply(set, &ctx()).expect("the entry's level can be set");
    fx.ws.undo(&ctx()).expect("undo works").expect("there is a change to undo");
    assert_eq!(fx.org().snapshot(), before, "undo restores the entry without levels, exactly");
}

// ----- removal cascades --------------------------------------------------------------------

/// Removes `n` from the fixture after `prepare`, checks `cascaded`, and checks that undo restores
/// everything exactly, in memory and in the file, and that redo removes it again.
fn assert_removal_cascades(
    name: &str,
    prepare: fn(&mut Fx) -> Vec<Op>,
    remove: fn(&Fx) -> Op,
    cascaded: fn(&Fx),
) {
    let mut fx = fixture();
    let setup = prepare(&mut fx);
    apply_all(&mut fx.ws, setup);
    let before = fx.org().snapshot();
    fx.ws.apply(remove(&fx), &ctx()).unwrap_or_else(|e| panic!("{name}: the removal must apply, but: {e}"));
    fx.org().check_invariants().unwrap_or_else(|e| panic!("{name}: an invariant broke: {e}"));
    cascaded(&fx);
    let after = fx.org().snapshot();
    assert_eq!(on_disk(fx.ws.path()), after, "{name}: the file holds the cascaded removal");

    fx.ws.undo(&ctx()).expect("undo works").unwrap_or_else(|| panic!("{name}: the removal can be undone"));
    assert_eq!(
        fx.org().snapshot(),
        before,
        "{name}: undo restores the node, its relations and every reference to it"
    );
    assert_eq!(on_disk(fx.ws.path()), before, "{name}: the file holds the restored state");
    fx.org().check_invariants().unwrap_or_else(|e| panic!("{name}: an invariant broke after undo: {e}"));

    fx.ws.redo(&ctx()).expect("redo works").unwrap_or_else(|| panic!("{name}: the removal can be redone"));
    assert_eq!(fx.org().snapshot(), after, "{name}: redo removes it again, with the same cascade");
    assert_eq!(on_disk(fx.ws.path()), after, "{name}: the file holds the redone removal");
}

#[test]
fn removing_a_role_cascades_and_undo_restores_everything() {
    assert_removal_cascades(
        "remove Head of Sales",
        |fx| {
            let cara = Person {
                id: fx.new_person,
                external_id: None,
                name: "Cara".into(),
                location: None,
                hire_date: None,
            };
            let mut ceo = fx.role(fx.ceo);
            ceo.accountabilities = vec![
                accountability(
                    &mut fx.ids,
                    "Approve the sales plan",
                    Acc::Control,
                    Some(NodeRef::Role(fx.head)),
                ),
                accountability(&mut fx.ids, "Run the company", Acc::Delivery, None),
            ];
            vec![
                Op::AddPerson { person: cara },
                Op::Connect {
                    relation: Relation::Fills { person: fx.new_person, role: fx.head, fte: fte(0.8) },
                },
                Op::Connect { relation: Relation::MemberOf { role: fx.head, team: fx.sales } },
                Op::Connect { relation: Relation::DottedLine { role: fx.coach, manager: fx.head } },
                Op::Connect {
                    relation: Relation::Supports { from: Unit::Role(fx.head), to: Unit::Team(fx.emea) },
                },
                Op::SetDelegation {
                    domain: fx.hiring,
                    subject: Unit::Role(fx.head),
                    current: Some(level(2)),
                    desired: Some(level(4)),
                    note: None,
                },
                Op::SetDelegation {
                    domain: fx.hiring,
                    subject: Unit::Role(fx.coach),
                    current: Some(level(7)),
                    desired: None,
                    note: None,
                },
                Op::UpdateRole { role: ceo },
            ]
        },
        |fx| Op::RemoveRole { id: fx.head },
        |fx| {
            let head = NodeRef::Role(fx.head);
            assert!(fx.org().role(fx.head).is_none(), "the role is gone");
            assert_eq!(fx.org().manager_of(fx.rep), None, "its report became top-level");
            assert!(fx.org().person(fx.new_person).is_some(), "the person who filled it stays");
            assert_eq!(fx.org().roles_of(fx.new_person).count(), 0, "and fills nothing now");
            assert!(
                fx.org().relations().all(|r| r.endpoints().0 != head && r.endpoints().1 != head),
                "no relation mentions the removed role"
            );
            let d = fx.domain(fx.hiring);
            assert!(
                d.delegations.iter().all(|x| x.subject != Unit::Role(fx.head)),
                "its delegation entry is gone"
            );
            assert_eq!(d.delegations.len(), 3, "the other delegation entries stay");
            let ceo = fx.role(fx.ceo);
            assert_eq!(ceo.accountabilities.len(), 2, "accountabilities towards it stay");
            assert_eq!(ceo.accountabilities[0].towards, None, "but no longer point at it");
        },
    );
}

#[test]
fn removing_a_team_cascades_and_undo_restores_everything() {
    assert_removal_cascades(
        "remove Sales",
        |fx| {
            let mut coach = fx.role(fx.coach);
            coach.accountabilities =
                vec![accountability(&mut fx.ids, "Coach Sales", Acc::Support, Some(NodeRef::Team(fx.sales)))];
            vec![
                Op::UpdateRole { role: coach },
                Op::Connect { relation: Relation::Coordinates { role: fx.ceo, team: fx.sales } },
                Op::Connect {
                    relation: Relation::Supports { from: Unit::Team(fx.ops), to: Unit::Team(fx.sales) },
                },
            ]
        },
        |fx| Op::RemoveTeam { id: fx.sales },
        |fx| {
            assert_eq!(fx.org().parent_team(fx.emea), None, "its nested team became top-level");
            assert_eq!(fx.org().teams_of(fx.rep).count(), 0, "its members are in no team");
            let d = fx.domain(fx.hiring);
            assert_eq!(d.owner_team, None, "the domain it owned has no owner");
            assert_eq!(
                d.delegations,
                vec![delegation(Unit::Role(fx.rep), 2, 6)],
                "its delegation entry is gone"
            );
            assert_eq!(
                fx.role(fx.coach).accountabilities[0].towards,
                None,
                "accountabilities no longer point at it"
            );
        },
    );
}

#[test]
fn removing_a_person_cascades_and_undo_restores_everything() {
    assert_removal_cascades(
        "remove Bob",
        |fx| {
            let mut head = fx.role(fx.head);
            head.accountabilities =
                vec![accountability(&mut fx.ids, "Develop Bob", Acc::Support, Some(NodeRef::Person(fx.bob)))];
            vec![
                Op::UpdateRole { role: head },
                Op::Connect { relation: Relation::Fills { person: fx.bob, role: fx.coach, fte: fte(0.5) } },
            ]
        },
        |fx| Op::RemovePerson { id: fx.bob },
        |fx| {
            assert_eq!(
                fx.org().fillers(fx.rep).count() + fx.org().fillers(fx.coach).count(),
                0,
                "the roles are vacant"
            );
            assert_eq!(
                fx.role(fx.head).accountabilities[0].towards,
                None,
                "accountabilities no longer point at the person"
            );
        },
    );
}

// ----- refused operations ------------------------------------------------------------------

/// The error an invalid operation must be refused with.
#[derive(Debug, Clone, Copy)]
enum Refusal {
    NotFound,
    DuplicateId,
    Invalid,
    Cycle,
}

impl Refusal {
    fn matches(self, e: &Error) -> bool {
        matches!(
            (self, e),
            (Refusal::NotFound, Error::NotFound { .. })
                | (Refusal::DuplicateId, Error::DuplicateId(_))
                | (Refusal::Invalid, Error::Invalid(_))
                | (Refusal::Cycle, Error::Cycle(_))
        )
    }
}

struct Refused {
    name: &'static str,
    op: fn(&mut Fx) -> Op,
    error: Refusal,
}

/// Applies the case's operation to a fresh fixture and checks that it is refused with the right
/// error, and that the organization, the file and the history are exactly as they were.
fn assert_refused(case: &Refused) {
    let name = case.name;
    let mut fx = fixture();
    let op = (case.op)(&mut fx);
    let before = fx.org().snapshot();
    let logged = fx.history_len();
    let err = match fx.ws.apply(op, &ctx()) {
        Ok(change) => panic!("{name}: must be refused, but was applied as {:?}", change.summary),
        Err(e) => e,
    };
    assert!(case.error.matches(&err), "{name}: must be refused as {:?}, but got {err:?}", case.error);
    assert!(err.to_string().len() > 10, "{name}: the error explains itself, but says {:?}", err.to_string());
    assert_eq!(fx.org().snapshot(), before, "{name}: a refused operation leaves the organization as it was");
    fx.org().check_invariants().unwrap_or_else(|e| panic!("{name}: an invariant broke: {e}"));
    assert_eq!(fx.history_len(), logged, "{name}: a refused operation is not logged");
    assert_eq!(on_disk(fx.ws.path()), before, "{name}: a refused operation leaves the file as it was");
}

fn assert_all_refused(cases: &[Refused]) {
    for case in cases {
        assert_refused(case);
    }
}

#[test]
fn names_and_titles_must_not_be_empty() {
    assert_all_refused(&[
        Refused {
            name: "add a person without a name",
            op: |fx| Op::AddPerson { person: person(&mut fx.ids, "") },
            error: Refusal::Invalid,
        },
        Refused {
            name: "add a person named with spaces",
            op: |fx| Op::AddPerson { person: person(&mut fx.ids, " \t ") },
            error: Refusal::Invalid,
        },
        Refused {
            name: "add a role without a title",
            op: |fx| Op::AddRole { role: role(&mut fx.ids, "") },
            error: Refusal::Invalid,
        },
        Refused {
            name: "add a team without a name",
            op: |fx| Op::AddTeam { team: team(&mut fx.ids, "  ") },
            error: Refusal::Invalid,
        },
        Refused {
            name: "add a domain without a name",
            op: |fx| Op::AddDomain { domain: domain(&mut fx.ids, "") },
            error: Refusal::Invalid,
        },
        Refused {
            name: "rename a person to nothing",
            op: |fx| Op::UpdatePerson { person: Person { name: String::new(), ..fx.person(fx.ann) } },
            error: Refusal::Invalid,
        },
        Refused {
            name: "retitle a role to spaces",
            op: |fx| Op::UpdateRole { role: Role { title: "   ".into(), ..fx.role(fx.rep) } },
            error: Refusal::Invalid,
        },
        Refused {
            name: "rename a team to nothing",
            op: |fx| Op::UpdateTeam { team: Team { name: String::new(), ..fx.team(fx.sales) } },
            error: Refusal::Invalid,
        },
        Refused {
            name: "rename a domain to nothing",
            op: |fx| Op::UpdateDomain { domain: DecisionDomain { name: " ".into(), ..fx.domain(fx.hiring) } },
            error: Refusal::Invalid,
        },
        Refused {
            name: "an accountability without text",
            op: |fx| {
                let mut r = role(&mut fx.ids, "Analyst");
                r.accountabilities.push(accountability(&mut fx.ids, " ", Acc::Delivery, None));
                Op::AddRole { role: r }
            },
            error: Refusal::Invalid,
        },
        Refused {
            name: "an empty guardrail",
            op: |fx| Op::UpdateDomain {
                domain: DecisionDomain { guardrails: vec!["ok".into(), "".into()], ..fx.domain(fx.hiring) },
            },
            error: Refusal::Invalid,
        },
    ]);
}

#[test]
fn ids_must_be_unique() {
    assert_all_refused(&[
        Refused {
            name: "add a person with the id of a person",
            op: |fx| Op::AddPerson { person: Person { id: fx.ann, ..person(&mut fx.ids, "Another Ann") } },
            error: Refusal::DuplicateId,
        },
        Refused {
            name: "add a person with the id of a role",
            op: |fx| Op::AddPerson {
                person: Person { id: PersonId(fx.ceo.0), ..person(&mut fx.ids, "Eve") },
            },
            error: Refusal::DuplicateId,
        },
        Refused {
            name: "add a role with the id of a role",
            op: |fx| Op::AddRole { role: Role { id: fx.rep, ..role(&mut fx.ids, "Rep 2") } },
            error: Refusal::DuplicateId,
        },
        Refused {
            name: "add a team with the id of a team",
            op: |fx| Op::AddTeam { team: Team { id: fx.sales, ..team(&mut fx.ids, "Sales 2") } },
            error: Refusal::DuplicateId,
        },
        Refused {
            name: "add a team with the id of a person",
            op: |fx| Op::AddTeam { team: Team { id: TeamId(fx.bob.0), ..team(&mut fx.ids, "Bob's team") } },
            error: Refusal::DuplicateId,
        },
        Refused {
            name: "add a domain with the id of a domain",
            op: |fx| Op::AddDomain {
                domain: DecisionDomain { id: fx.hiring, ..domain(&mut fx.ids, "Hiring 2") },
            },
            error: Refusal::DuplicateId,
        },
        Refused {
            name: "two accountabilities with one id",
            op: |fx| {
                let mut r = role(&mut fx.ids, "Analyst");
                let a = accountability(&mut fx.ids, "Analyse", Acc::Delivery, None);
                r.accountabilities = vec![a.clone(), Accountability { text: "Report".into(), ..a }];
                Op::AddRole { role: r }
            },
            error: Refusal::DuplicateId,
        },
    ]);
}

#[test]
fn unknown_ids_are_refused() {
    assert_all_refused(&[
        Refused {
            name: "update an unknown person",
            op: |fx| Op::UpdatePerson { person: person(&mut fx.ids, "Nobody") },
            error: Refusal::NotFound,
        },
        Refused {
            name: "update an unknown role",
            op: |fx| Op::UpdateRole { role: role(&mut fx.ids, "Nobody") },
            error: Refusal::NotFound,
        },
        Refused {
            name: "update an unknown team",
            op: |fx| Op::UpdateTeam { team: team(&mut fx.ids, "Nobody") },
            error: Refusal::NotFound,
        },
        Refused {
            name: "update an unknown domain",
            op: |fx| Op::UpdateDomain { domain: domain(&mut fx.ids, "Nothing") },
            error: Refusal::NotFound,
        },
        Refused {
            name: "update a role through a person's id",
            op: |fx| Op::UpdateRole {
                role: Role { id: RoleId(fx.ann.0), ..role(&mut fx.ids, "Ann as a role") },
            },
            error: Refusal::NotFound,
        },
        Refused {
            name: "remove an unknown person",
            op: |fx| Op::RemovePerson { id: fx.new_person },
            error: Refusal::NotFound,
        },
        Refused {
            name: "remove an unknown role",
            op: |fx| Op::RemoveRole { id: fx.new_role },
            error: Refusal::NotFound,
        },
        Refused {
            name: "remove an unknown team",
            op: |fx| Op::RemoveTeam { id: fx.new_team },
            error: Refusal::NotFound,
        },
        Refused {
            name: "remove a team through a role's id",
            op: |fx| Op::RemoveTeam { id: TeamId(fx.ceo.0) },
            error: Refusal::NotFound,
        },
        Refused {
            name: "remove an unknown domain",
            op: |fx| Op::RemoveDomain { id: fx.new_domain },
            error: Refusal::NotFound,
        },
        Refused {
            name: "connect from an unknown role",
            op: |fx| Op::Connect { relation: Relation::ReportsTo { role: fx.new_role, manager: fx.ceo } },
            error: Refusal::NotFound,
        },
        Refused {
            name: "connect to an unknown team",
            op: |fx| Op::Connect { relation: Relation::MemberOf { role: fx.coach, team: fx.new_team } },
            error: Refusal::NotFound,
        },
        Refused {
            name: "an unknown person fills a role",
            op: |fx| Op::Connect {
                relation: Relation::Fills { person: fx.new_person, role: fx.coach, fte: Fte::FULL },
            },
            error: Refusal::NotFound,
        },
        Refused {
            name: "move an unknown role",
            op: |fx| Op::MoveRole { role: fx.new_role, manager: Some(fx.ceo) },
            error: Refusal::NotFound,
        },
        Refused {
            name: "move a role under an unknown manager",
            op: |fx| Op::MoveRole { role: fx.rep, manager: Some(fx.new_role) },
            error: Refusal::NotFound,
        },
        Refused {
            name: "an accountability towards an unknown node",
            op: |fx| {
                let mut ceo = fx.role(fx.ceo);
                ceo.accountabilities = vec![accountability(
                    &mut fx.ids,
                    "Coach",
                    Acc::Support,
                    Some(NodeRef::Team(fx.new_team)),
                )];
                Op::UpdateRole { role: ceo }
            },
            error: Refusal::NotFound,
        },
    ]);
}

#[test]
fn relations_keep_their_rules() {
    assert_all_refused(&[
        Refused {
            name: "a role reports to itself",
            op: |fx| Op::Connect { relation: Relation::ReportsTo { role: fx.coach, manager: fx.coach } },
            error: Refusal::Invalid,
        },
        Refused {
            name: "a dotted line to itself",
            op: |fx| Op::Connect { relation: Relation::DottedLine { role: fx.rep, manager: fx.rep } },
            error: Refusal::Invalid,
        },
        Refused {
            name: "a team part of itself",
            op: |fx| Op::Connect { relation: Relation::PartOf { team: fx.ops, parent: fx.ops } },
            error: Refusal::Invalid,
        },
        Refused {
            name: "a team supports itself",
            op: |fx| Op::Connect {
                relation: Relation::Supports { from: Unit::Team(fx.ops), to: Unit::Team(fx.ops) },
            },
            error: Refusal::Invalid,
        },
        Refused {
            name: "a second reports_to",
            op: |fx| Op::Connect { relation: Relation::ReportsTo { role: fx.rep, manager: fx.coach } },
            error: Refusal::Invalid,
        },
        Refused {
            name: "a direct reports_to cycle",
            op: |fx| Op::Connect { relation: Relation::ReportsTo { role: fx.ceo, manager: fx.head } },
            error: Refusal::Cycle,
        },
        Refused {
            name: "a reports_to cycle through 3 roles",
            op: |fx| Op::Connect { relation: Relation::ReportsTo { role: fx.ceo, manager: fx.rep } },
            error: Refusal::Cycle,
        },
        Refused {
            name: "a second part_of",
            op: |fx| Op::Connect { relation: Relation::PartOf { team: fx.emea, parent: fx.ops } },
            error: Refusal::Invalid,
        },
        Refused {
            name: "a direct part_of cycle",
            op: |fx| Op::Connect { relation: Relation::PartOf { team: fx.company, parent: fx.sales } },
            error: Refusal::Cycle,
        },
        Refused {
            name: "a part_of cycle through 3 teams",
            op: |fx| Op::Connect { relation: Relation::PartOf { team: fx.company, parent: fx.emea } },
            error: Refusal::Cycle,
        },
        Refused {
            name: "a duplicate member_of",
            op: |fx| Op::Connect { relation: Relation::MemberOf { role: fx.rep, team: fx.sales } },
            error: Refusal::Invalid,
        },
        Refused {
            name: "a duplicate fills with another share",
            op: |fx| Op::Connect {
                relation: Relation::Fills { person: fx.bob, role: fx.rep, fte: fte(0.3) },
            },
            error: Refusal::Invalid,
        },
        Refused {
            name: "a duplicate reports_to",
            op: |fx| Op::Connect { relation: Relation::ReportsTo { role: fx.rep, manager: fx.head } },
            error: Refusal::Invalid,
        },
        Refused {
            name: "disconnect a relation that does not exist",
            op: |fx| Op::Disconnect { relation: Relation::Coordinates { role: fx.ceo, team: fx.company } },
            error: Refusal::Invalid,
        },
        Refused {
            name: "disconnect a relation of another kind than the one stored",
            op: |fx| Op::Disconnect { relation: Relation::DottedLine { role: fx.rep, manager: fx.head } },
            error: Refusal::Invalid,
        },
    ]);
}

#[test]
fn moves_never_make_a_cycle() {
    assert_all_refused(&[
        Refused {
            name: "move a role under itself",
            op: |fx| Op::MoveRole { role: fx.head, manager: Some(fx.head) },
            error: Refusal::Cycle,
        },
        Refused {
            name: "move a role under its direct report",
            op: |fx| Op::MoveRole { role: fx.head, manager: Some(fx.rep) },
            error: Refusal::Cycle,
        },
        Refused {
            name: "move a role under its own descendant",
            op: |fx| Op::MoveRole { role: fx.ceo, manager: Some(fx.rep) },
            error: Refusal::Cycle,
        },
    ]);
}

#[test]
fn decision_domains_keep_their_rules() {
    assert_all_refused(&[
        Refused {
            name: "a delegation in a missing domain",
            op: |fx| Op::SetDelegation {
                domain: fx.new_domain,
                subject: Unit::Team(fx.sales),
                current: Some(level(3)),
                desired: None,
                note: None,
            },
            error: Refusal::NotFound,
        },
        Refused {
            name: "a delegation for a missing team",
            op: |fx| Op::SetDelegation {
                domain: fx.hiring,
                subject: Unit::Team(fx.new_team),
                current: Some(level(3)),
                desired: None,
                note: None,
            },
            error: Refusal::NotFound,
        },
        Refused {
            name: "a delegation for a missing role",
            op: |fx| Op::SetDelegation {
                domain: fx.hiring,
                subject: Unit::Role(fx.new_role),
                current: None,
                desired: Some(level(7)),
                note: None,
            },
            error: Refusal::NotFound,
        },
        Refused {
            name: "a new domain lists the same subject twice",
            op: |fx| {
                let mut d = domain(&mut fx.ids, "Tools");
                d.delegations =
                    vec![delegation(Unit::Team(fx.ops), 3, 5), delegation(Unit::Team(fx.ops), 4, 6)];
                Op::AddDomain { domain: d }
            },
            error: Refusal::Invalid,
        },
        Refused {
            name: "an updated domain lists the same subject twice",
            op: |fx| {
                let mut d = fx.domain(fx.hiring);
                d.delegations.push(delegation(Unit::Role(fx.rep), 7, 7));
                Op::UpdateDomain { domain: d }
            },
            error: Refusal::Invalid,
        },
        Refused {
            name: "a domain owned by a missing team",
            op: |fx| Op::AddDomain {
                domain: DecisionDomain { owner_team: Some(fx.new_team), ..domain(&mut fx.ids, "Tools") },
            },
            error: Refusal::NotFound,
        },
        Refused {
            name: "a domain delegating to a missing role",
            op: |fx| {
                let mut d = domain(&mut fx.ids, "Tools");
                d.delegations = vec![delegation(Unit::Role(fx.new_role), 3, 5)];
                Op::AddDomain { domain: d }
            },
            error: Refusal::NotFound,
        },
    ]);
}

#[test]
fn a_batch_is_all_or_nothing() {
    assert_all_refused(&[
        Refused {
            name: "a batch whose 3rd change is a cycle",
            op: |fx| {
                let t = Team { id: fx.new_team, name: "Squad".into(), purpose: String::new() };
                Op::batch(
                    "reorganise",
                    vec![
                        Op::AddTeam { team: t },
                        Op::RemoveRole { id: fx.head },
                        Op::Connect { relation: Relation::PartOf { team: fx.company, parent: fx.emea } },
                        Op::AddPerson { person: person(&mut fx.ids, "Dirk") },
                    ],
                )
            },
            error: Refusal::Cycle,
        },
        Refused {
            name: "a batch whose 3rd change has an empty name",
            op: |fx| {
                Op::batch(
                    "reorganise",
                    vec![
                        Op::MoveRole { role: fx.rep, manager: Some(fx.ceo) },
                        Op::RemoveTeam { id: fx.sales },
                        Op::AddPerson { person: person(&mut fx.ids, "") },
                        Op::RemoveDomain { id: fx.hiring },
                    ],
                )
            },
            error: Refusal::Invalid,
        },
        Refused {
            name: "a batch nested in a batch, failing at the end",
            op: |fx| {
                let inner = Op::batch(
                    "inner",
                    vec![
                        Op::SetDelegation {
                            domain: fx.hiring,
                            subject: Unit::Team(fx.sales),
                            current: None,
                            desired: None,
                            note: None,
                        },
                        Op::RemovePerson { id: fx.bob },
                    ],
                );
                Op::batch(
                    "outer",
                    vec![inner, Op::RemoveRole { id: fx.coach }, Op::RemoveRole { id: fx.coach }],
                )
            },
            error: Refusal::NotFound,
        },
    ]);
}

#[test]
fn a_load_is_validated_as_a_whole_and_all_or_nothing() {
    assert_all_refused(&[
        Refused {
            name: "load a person with an existing id",
            op: |fx| Op::Load {
                org: Snapshot {
                    persons: vec![Person { id: fx.ann, ..person(&mut fx.ids, "Ann 2") }],
                    ..squad_snapshot(fx)
                },
            },
            error: Refusal::DuplicateId,
        },
        Refused {
            name: "load the same role twice",
            op: |fx| {
                let mut s = squad_snapshot(fx);
                s.roles.push(s.roles[0].clone());
                Op::Load { org: s }
            },
            error: Refusal::DuplicateId,
        },
        Refused {
            name: "load a domain with an existing id",
            op: |fx| {
                let mut s = squad_snapshot(fx);
                s.domains[0].id = fx.hiring;
                Op::Load { org: s }
            },
            error: Refusal::DuplicateId,
        },
        Refused {
            name: "load a team without a name",
            op: |fx| {
                let mut s = squad_snapshot(fx);
                s.teams[0].name = " ".into();
                Op::Load { org: s }
            },
            error: Refusal::Invalid,
        },
        Refused {
            name: "load a relation to a missing node",
            op: |fx| {
                let mut s = squad_snapshot(fx);
                let ghost = RoleId::new(&mut fx.ids);
                s.relations.push(Relation::DottedLine { role: fx.new_role, manager: ghost });
                Op::Load { org: s }
            },
            error: Refusal::NotFound,
        },
        Refused {
            name: "load a second reports_to for an existing role",
            op: |fx| {
                let mut s = squad_snapshot(fx);
                s.relations.push(Relation::ReportsTo { role: fx.rep, manager: fx.new_role });
                Op::Load { org: s }
            },
            error: Refusal::Invalid,
        },
        Refused {
            name: "load a reports_to cycle among new roles",
            op: |fx| {
                let (a, b) = (role(&mut fx.ids, "A"), role(&mut fx.ids, "B"));
                let relations = vec![
                    Relation::ReportsTo { role: a.id, manager: b.id },
                    Relation::ReportsTo { role: b.id, manager: a.id },
                ];
                Op::Load { org: Snapshot { roles: vec![a, b], relations, ..Snapshot::default() } }
            },
            error: Refusal::Cycle,
        },
        Refused {
            name: "load a reports_to that closes a cycle through existing roles",
            op: |fx| {
                let mut s = squad_snapshot(fx);
                s.relations.push(Relation::ReportsTo { role: fx.ceo, manager: fx.new_role });
                Op::Load { org: s }
            },
            error: Refusal::Cycle,
        },
        Refused {
            name: "load a part_of that closes a cycle through existing teams",
            op: |fx| {
                let mut s = squad_snapshot(fx);
                s.relations.push(Relation::PartOf { team: fx.company, parent: fx.new_team });
                Op::Load { org: s }
            },
            error: Refusal::Cycle,
        },
        Refused {
            name: "load a relation that already exists",
            op: |fx| {
                let mut s = squad_snapshot(fx);
                s.relations.push(Relation::MemberOf { role: fx.rep, team: fx.sales });
                Op::Load { org: s }
            },
            error: Refusal::Invalid,
        },
        Refused {
            name: "load a self relation",
            op: |fx| {
                let mut s = squad_snapshot(fx);
                s.relations
                    .push(Relation::Supports { from: Unit::Role(fx.new_role), to: Unit::Role(fx.new_role) });
                Op::Load { org: s }
            },
            error: Refusal::Invalid,
        },
        Refused {
            name: "load a domain delegating to a missing team",
            op: |fx| {
                let mut s = squad_snapshot(fx);
                s.domains[0].delegations.push(delegation(Unit::Team(TeamId::new(&mut fx.ids)), 1, 2));
                Op::Load { org: s }
            },
            error: Refusal::NotFound,
        },
        Refused {
            name: "load an accountability towards a missing node",
            op: |fx| {
                let mut s = squad_snapshot(fx);
                let ghost = NodeRef::Person(PersonId::new(&mut fx.ids));
                s.roles[0].accountabilities.push(accountability(
                    &mut fx.ids,
                    "Mentor",
                    Acc::Support,
                    Some(ghost),
                ));
                Op::Load { org: s }
            },
            error: Refusal::NotFound,
        },
        Refused {
            name: "unload an unknown role",
            op: |fx| Op::Unload {
                persons: vec![fx.bob],
                roles: vec![fx.new_role],
                teams: Vec::new(),
                relations: Vec::new(),
                domains: Vec::new(),
            },
            error: Refusal::NotFound,
        },
        Refused {
            name: "unload a relation that does not exist",
            op: |fx| Op::Unload {
                persons: vec![fx.bob],
                roles: Vec::new(),
                teams: Vec::new(),
                relations: vec![Relation::Coordinates { role: fx.ceo, team: fx.ops }],
                domains: Vec::new(),
            },
            error: Refusal::Invalid,
        },
    ]);
}

#[test]
fn a_refused_batch_names_the_change_that_failed() {
    let mut fx = fixture();
    let op = Op::batch(
        "hire",
        vec![
            Op::AddPerson { person: person(&mut fx.ids, "Dirk") },
            Op::AddRole { role: role(&mut fx.ids, "Analyst") },
            Op::AddTeam { team: team(&mut fx.ids, "") },
            Op::AddPerson { person: person(&mut fx.ids, "Els") },
        ],
    );
    let err = fx.ws.apply(op, &ctx()).expect_err("a batch with an invalid change is refused");
    assert!(err.to_string().contains("change 3 of 4"), "the error names the failing change, but says {err}");
    assert_eq!(fx.org().counts(), (2, 4, 4), "nothing of the batch was applied");
}

#[test]
fn the_kinds_of_relation_are_all_covered() {
    // Guards the cases above: a new relation kind must get its own connect case.
    let covered = [
        RelationKind::ReportsTo,
        RelationKind::DottedLine,
        RelationKind::MemberOf,
        RelationKind::Leads,
        RelationKind::PartOf,
        RelationKind::Fills,
        RelationKind::Supports,
        RelationKind::Coordinates,
    ];
    assert_eq!(
        covered,
        RelationKind::ALL,
        "every relation kind has a connect case in every_relation_kind_connects_and_disconnects"
    );
}

#[test]
fn a_cycle_refusal_names_the_people_not_only_a_title_others_share() {
    let mut fx = fixture();
    // A second "Rep", vacant, beside Bob's: a title alone would not say which one is meant.
    let other = role(&mut fx.ids, "Rep");
    let other_id = other.id;
    apply_all(
        &mut fx.ws,
        [
            Op::AddRole { role: other },
            Op::Connect { relation: Relation::ReportsTo { role: other_id, manager: fx.head } },
        ],
    );
    let err =
        fx.ws.apply(Op::MoveRole { role: fx.head, manager: Some(fx.rep) }, &ctx()).expect_err("a cycle");
    let text = err.to_string();
    assert!(text.contains("Bob (Rep)"), "the person in the role is named: {text}");
    assert!(text.contains("\"Head of Sales\" (vacant)"), "a role without a person says so: {text}");
    let err =
        fx.ws.apply(Op::MoveRole { role: fx.ceo, manager: Some(other_id) }, &ctx()).expect_err("a cycle");
    let text = err.to_string();
    assert!(text.contains("Ann (CEO)") && text.contains("\"Rep\" (vacant)"), "{text}");
}

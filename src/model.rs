//! The domain model of the BRIEF's glossary: people, roles, teams, the relations between them,
//! accountabilities and decision domains. Plain data: no behaviour that mutates, no I/O.

use crate::date::{Date, Timestamp};
use crate::id::{AccountabilityId, DomainId, PersonId, RoleId, TeamId};
use serde::{Deserialize, Serialize};

/// An employee. Fills one or more roles through [`Relation::Fills`].
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    /// The HR system's employee id, when the person came from an HR export.
    #[serde(default)]
    pub external_id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub hire_date: Option<Date>,
}

/// A position with a purpose and accountabilities. Roles, not people, carry the structure; a role
/// without a person is a vacancy.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub id: RoleId,
    /// The employee id of the person who held this role in the HR export it came from.
    #[serde(default)]
    pub external_id: Option<String>,
    pub title: String,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub accountabilities: Vec<Accountability>,
}

/// An ongoing activity a role is expected to perform.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Accountability {
    pub id: AccountabilityId,
    pub text: String,
    pub kind: AccountabilityKind,
    /// Whom the activity is directed at, when it is directed (the hierarchy lens reads a manager's
    /// accountabilities towards a report).
    #[serde(default)]
    pub towards: Option<NodeRef>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountabilityKind {
    Delivery,
    Support,
    Coordination,
    Control,
}

/// A department, circle, squad or tribe. Teams nest through [`Relation::PartOf`].
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Team {
    pub id: TeamId,
    pub name: String,
    #[serde(default)]
    pub purpose: String,
}

/// A reference to any node of the organization graph.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum NodeRef {
    Person(PersonId),
    Role(RoleId),
    Team(TeamId),
}

/// The side of `supports` that can be a role or a team.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Unit {
    Role(RoleId),
    Team(TeamId),
}

impl From<Unit> for NodeRef {
    fn from(u: Unit) -> NodeRef {
        match u {
            Unit::Role(r) => NodeRef::Role(r),
            Unit::Team(t) => NodeRef::Team(t),
        }
    }
}

/// A full-time-equivalent share, greater than 0 and at most 1.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Fte(f64);

impl Fte {
    pub const FULL: Fte = Fte(1.0);
    pub fn new(v: f64) -> Option<Fte> {
        (v.is_finite() && v > 0.0 && v <= 1.0).then_some(Fte(v))
    }
    pub fn get(self) -> f64 {
        self.0
    }
}
impl TryFrom<f64> for Fte {
    type Error = String;
    fn try_from(v: f64) -> Result<Self, String> {
        Fte::new(v).ok_or_else(|| format!("an FTE share must be above 0 and at most 1, not {v}"))
    }
}
impl From<Fte> for f64 {
    fn from(f: Fte) -> f64 {
        f.0
    }
}

/// A relation between two nodes. The pair of endpoints and the kind identify it: there is at
/// most one relation of a kind between two nodes.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Relation {
    /// The solid line: at most one per role, never a cycle.
    ReportsTo {
        role: RoleId,
        manager: RoleId,
    },
    /// A secondary reporting line.
    DottedLine {
        role: RoleId,
        manager: RoleId,
    },
    MemberOf {
        role: RoleId,
        team: TeamId,
    },
    Leads {
        role: RoleId,
        team: TeamId,
    },
    /// Team nesting, never a cycle, at most one parent.
    PartOf {
        team: TeamId,
        parent: TeamId,
    },
    Fills {
        person: PersonId,
        role: RoleId,
        fte: Fte,
    },
    /// Coaching, a service, resources.
    Supports {
        from: Unit,
        to: Unit,
    },
    Coordinates {
        role: RoleId,
        team: TeamId,
    },
}

/// The kind of a relation, without its endpoints.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    ReportsTo,
    DottedLine,
    MemberOf,
    Leads,
    PartOf,
    Fills,
    Supports,
    Coordinates,
}

impl RelationKind {
    pub const ALL: [RelationKind; 8] = [
        RelationKind::ReportsTo,
        RelationKind::DottedLine,
        RelationKind::MemberOf,
        RelationKind::Leads,
        RelationKind::PartOf,
        RelationKind::Fills,
        RelationKind::Supports,
        RelationKind::Coordinates,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::ReportsTo => "reports_to",
            RelationKind::DottedLine => "dotted_line",
            RelationKind::MemberOf => "member_of",
            RelationKind::Leads => "leads",
            RelationKind::PartOf => "part_of",
            RelationKind::Fills => "fills",
            RelationKind::Supports => "supports",
            RelationKind::Coordinates => "coordinates",
        }
    }
    pub fn code(self) -> u8 {
        self as u8
    }
    pub fn from_code(c: u8) -> Option<RelationKind> {
        RelationKind::ALL.get(c as usize).copied()
    }
}

impl Relation {
    pub fn kind(&self) -> RelationKind {
        match self {
            Relation::ReportsTo { .. } => RelationKind::ReportsTo,
            Relation::DottedLine { .. } => RelationKind::DottedLine,
            Relation::MemberOf { .. } => RelationKind::MemberOf,
            Relation::Leads { .. } => RelationKind::Leads,
            Relation::PartOf { .. } => RelationKind::PartOf,
            Relation::Fills { .. } => RelationKind::Fills,
            Relation::Supports { .. } => RelationKind::Supports,
            Relation::Coordinates { .. } => RelationKind::Coordinates,
        }
    }

    /// The source and target nodes, in the direction the relation is read.
    pub fn endpoints(&self) -> (NodeRef, NodeRef) {
        match *self {
            Relation::ReportsTo { role, manager } | Relation::DottedLine { role, manager } => {
                (NodeRef::Role(role), NodeRef::Role(manager))
            }
            Relation::MemberOf { role, team }
            | Relation::Leads { role, team }
            | Relation::Coordinates { role, team } => (NodeRef::Role(role), NodeRef::Team(team)),
            Relation::PartOf { team, parent } => (NodeRef::Team(team), NodeRef::Team(parent)),
            Relation::Fills { person, role, .. } => (NodeRef::Person(person), NodeRef::Role(role)),
            Relation::Supports { from, to } => (from.into(), to.into()),
        }
    }

    /// Builds a relation of `kind` between two nodes, checking that the node kinds fit.
    pub fn between(kind: RelationKind, from: NodeRef, to: NodeRef, fte: Option<Fte>) -> Option<Relation> {
        use NodeRef as N;
        let unit = |n: NodeRef| match n {
            N::Role(r) => Some(Unit::Role(r)),
            N::Team(t) => Some(Unit::Team(t)),
            N::Person(_) => None,
        };
        Some(match (kind, from, to) {
            (RelationKind::ReportsTo, N::Role(role), N::Role(manager)) => {
                Relation::ReportsTo { role, manager }
            }
            (RelationKind::DottedLine, N::Role(role), N::Role(manager)) => {
                Relation::DottedLine { role, manager }
            }
            (RelationKind::MemberOf, N::Role(role), N::Team(team)) => Relation::MemberOf { role, team },
            (RelationKind::Leads, N::Role(role), N::Team(team)) => Relation::Leads { role, team },
            (RelationKind::Coordinates, N::Role(role), N::Team(team)) => Relation::Coordinates { role, team },
            (RelationKind::PartOf, N::Team(team), N::Team(parent)) => Relation::PartOf { team, parent },
            (RelationKind::Fills, N::Person(person), N::Role(role)) => {
                Relation::Fills { person, role, fte: fte.unwrap_or(Fte::FULL) }
            }
            (RelationKind::Supports, from, to) => Relation::Supports { from: unit(from)?, to: unit(to)? },
            _ => return None,
        })
    }
}

/// A level of the Management 3.0 delegation board, 1 (tell) to 7 (delegate).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Level(u8);

impl Level {
    pub fn new(n: u8) -> Option<Level> {
        (1..=7).contains(&n).then_some(Level(n))
    }
    pub fn get(self) -> u8 {
        self.0
    }
    /// The English name of the level: tell, sell, consult, agree, advise, inquire, delegate.
    pub fn name(self) -> &'static str {
        ["tell", "sell", "consult", "agree", "advise", "inquire", "delegate"][self.0 as usize - 1]
    }
    /// The Dutch name of the level, a verb like the English ones (docs/glossary.md): vertellen,
    /// verkopen, raadplegen, overeenkomen, adviseren, informeren, delegeren.
    pub fn name_nl(self) -> &'static str {
        ["vertellen", "verkopen", "raadplegen", "overeenkomen", "adviseren", "informeren", "delegeren"]
            [self.0 as usize - 1]
    }
    /// Reads a level from a number 1–7 or its name in English or Dutch (`navragen` and the
    /// earlier `akkoord` too),
    /// ignoring case and surrounding space.
    pub fn parse(s: &str) -> Option<Level> {
        let s = s.trim().to_lowercase();
        if let Ok(n) = s.parse::<u8>() {
            return Level::new(n);
        }
        let n = match s.as_str() {
            "tell" | "vertellen" => 1,
            "sell" | "verkopen" => 2,
            "consult" | "raadplegen" => 3,
            "agree" | "overeenkomen" | "akkoord" => 4,
            "advise" | "adviseren" => 5,
            "inquire" | "informeren" | "navragen" => 6,
            "delegate" | "delegeren" => 7,
            _ => return None,
        };
        Level::new(n)
    }
}
impl TryFrom<u8> for Level {
    type Error = String;
    fn try_from(n: u8) -> Result<Self, String> {
        Level::new(n).ok_or_else(|| format!("a delegation level is 1 to 7, not {n}"))
    }
}
impl From<Level> for u8 {
    fn from(l: Level) -> u8 {
        l.0
    }
}

/// An area of decisions with the boundaries agreed for it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionDomain {
    pub id: DomainId,
    pub name: String,
    #[serde(default)]
    pub owner_team: Option<TeamId>,
    /// Why the domain exists.
    #[serde(default)]
    pub driver: String,
    /// The jointly agreed boundaries; anything inside them is free by default.
    #[serde(default)]
    pub guardrails: Vec<String>,
    #[serde(default)]
    pub review_date: Option<Date>,
    /// Who decides, per team or role the domain concerns.
    #[serde(default)]
    pub delegations: Vec<Delegation>,
}

/// The current and desired delegation level of a domain for one team or role.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Delegation {
    pub subject: Unit,
    #[serde(default)]
    pub current: Option<Level>,
    #[serde(default)]
    pub desired: Option<Level>,
    /// Every change of the levels made with a note, oldest first: who, when and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<LevelChange>,
}

/// Who changes a delegation level, when, and why. Filled in by the adapter that knows the actor
/// and the clock (the API sets `by` and `at` itself, whatever a client sent).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelNote {
    pub by: String,
    pub at: Timestamp,
    #[serde(default)]
    pub why: String,
}

/// One recorded change of a delegation entry: the levels it was set to, and its note.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LevelChange {
    pub current: Option<Level>,
    pub desired: Option<Level>,
    pub by: String,
    pub at: Timestamp,
    #[serde(default)]
    pub why: String,
}

/// A node's data, as stored in the graph.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Person(Person),
    Role(Role),
    Team(Team),
}

impl Node {
    pub fn node_ref(&self) -> NodeRef {
        match self {
            Node::Person(p) => NodeRef::Person(p.id),
            Node::Role(r) => NodeRef::Role(r.id),
            Node::Team(t) => NodeRef::Team(t.id),
        }
    }
    /// The display name: a person's or team's name, a role's title.
    pub fn name(&self) -> &str {
        match self {
            Node::Person(p) => &p.name,
            Node::Role(r) => &r.title,
            Node::Team(t) => &t.name,
        }
    }
}

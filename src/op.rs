//! Typed operations: the only way a workspace changes. Each operation is data (it is written to
//! the change log as JSON), has an exact inverse computed when it is applied, and a one-line
//! summary for history.

use crate::id::{DomainId, PersonId, RoleId, TeamId};
use crate::model::{DecisionDomain, Level, LevelNote, Person, Relation, Role, Team, Unit};
use crate::org::Snapshot;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    AddPerson {
        person: Person,
    },
    /// Replaces the person's fields (its id stays).
    UpdatePerson {
        person: Person,
    },
    /// Removes the person and every relation they have.
    RemovePerson {
        id: PersonId,
    },
    AddRole {
        role: Role,
    },
    UpdateRole {
        role: Role,
    },
    /// Removes the role and its relations; the roles that reported to it become top-level.
    RemoveRole {
        id: RoleId,
    },
    AddTeam {
        team: Team,
    },
    UpdateTeam {
        team: Team,
    },
    /// Removes the team and its relations; nested teams become top-level.
    RemoveTeam {
        id: TeamId,
    },
    Connect {
        relation: Relation,
    },
    Disconnect {
        relation: Relation,
    },
    /// Puts a role under another manager (or makes it top-level with `None`).
    MoveRole {
        role: RoleId,
        manager: Option<RoleId>,
    },
    AddDomain {
        domain: DecisionDomain,
    },
    UpdateDomain {
        domain: DecisionDomain,
    },
    RemoveDomain {
        id: DomainId,
    },
    /// Sets the current and desired level of a domain for a team or role; both `None` removes
    /// the entry. With a `note`, the change is added to the entry's history.
    SetDelegation {
        domain: DomainId,
        subject: Unit,
        current: Option<Level>,
        desired: Option<Level>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<LevelNote>,
    },
    /// Adds many entities and relations at once (a first import, a restore), validated as a
    /// whole: the fast path for bulk changes.
    Load {
        org: Snapshot,
    },
    /// Removes the listed relations and entities (entities with all their relations).
    Unload {
        persons: Vec<PersonId>,
        roles: Vec<RoleId>,
        teams: Vec<TeamId>,
        relations: Vec<Relation>,
        domains: Vec<DomainId>,
    },
    /// Several operations applied as one: all or nothing, one entry in the history, one undo.
    Batch {
        label: String,
        ops: Vec<Op>,
    },
}

impl Op {
    pub fn batch(label: impl Into<String>, ops: Vec<Op>) -> Op {
        Op::Batch { label: label.into(), ops }
    }

    /// A short English description for history listings.
    pub fn summary(&self) -> String {
        match self {
            Op::AddPerson { person } => format!("add person {:?}", person.name),
            Op::UpdatePerson { person } => format!("update person {:?}", person.name),
            Op::RemovePerson { id } => format!("remove person {id}"),
            Op::AddRole { role } => format!("add role {:?}", role.title),
            Op::UpdateRole { role } => format!("update role {:?}", role.title),
            Op::RemoveRole { id } => format!("remove role {id}"),
            Op::AddTeam { team } => format!("add team {:?}", team.name),
            Op::UpdateTeam { team } => format!("update team {:?}", team.name),
            Op::RemoveTeam { id } => format!("remove team {id}"),
            Op::Connect { relation } => format!("connect {}", relation.kind().as_str()),
            Op::Disconnect { relation } => format!("disconnect {}", relation.kind().as_str()),
            Op::MoveRole { role, manager: Some(m) } => format!("move role {role} under {m}"),
            Op::MoveRole { role, manager: None } => format!("make role {role} top-level"),
            Op::AddDomain { domain } => format!("add decision domain {:?}", domain.name),
            Op::UpdateDomain { domain } => format!("update decision domain {:?}", domain.name),
            Op::RemoveDomain { id } => format!("remove decision domain {id}"),
            Op::SetDelegation { domain, .. } => format!("set delegation level in domain {domain}"),
            Op::Load { org } => format!(
                "add {} people, {} roles, {} teams, {} relations and {} decision domains",
                org.persons.len(),
                org.roles.len(),
                org.teams.len(),
                org.relations.len(),
                org.domains.len()
            ),
            Op::Unload { persons, roles, teams, relations, domains } => format!(
                "remove {} people, {} roles, {} teams, {} relations and {} decision domains",
                persons.len(),
                roles.len(),
                teams.len(),
                relations.len(),
                domains.len()
            ),
            Op::Batch { label, ops } => format!("{label} ({} changes)", ops.len()),
        }
    }

    /// The number of leaf operations (a batch counts its members).
    pub fn len(&self) -> usize {
        match self {
            Op::Batch { ops, .. } => ops.iter().map(Op::len).sum(),
            Op::Load { org } => {
                org.persons.len()
                    + org.roles.len()
                    + org.teams.len()
                    + org.relations.len()
                    + org.domains.len()
            }
            Op::Unload { persons, roles, teams, relations, domains } => {
                persons.len() + roles.len() + teams.len() + relations.len() + domains.len()
            }
            _ => 1,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

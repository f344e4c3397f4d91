//! The details panel of a role, a person or a team: the entity itself and its neighbours by name,
//! so the panel needs no second request.

use crate::error::ApiError;
use kader::id::{PersonId, RoleId, TeamId};
use kader::model::{Fte, NodeRef, Person, Relation, Role, Team};
use kader::Org;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

/// A neighbour by id and name (a role's title, a person's or a team's name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Brief {
    pub id: Uuid,
    pub name: String,
}

/// One end of a `fills`: in [`RoleDetails`] a person, in [`PersonDetails`] a role.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Filler {
    pub id: Uuid,
    pub name: String,
    pub fte: Fte,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct RoleDetails {
    pub role: Role,
    pub manager: Option<Brief>,
    /// Direct reports, sorted by title.
    pub reports: Vec<Brief>,
    /// The people filling the role, sorted by name.
    pub people: Vec<Filler>,
    /// The teams the role is a member of, sorted by name.
    pub teams: Vec<Brief>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct PersonDetails {
    pub person: Person,
    /// The roles the person fills, sorted by title.
    pub roles: Vec<Filler>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct TeamDetails {
    pub team: Team,
    pub parent: Option<Brief>,
    /// Nested teams, sorted by name.
    pub children: Vec<Brief>,
    /// Member roles, sorted by title.
    pub members: Vec<Brief>,
    /// The leading role (of several, the one with the smallest id).
    pub lead: Option<Brief>,
}

fn not_found(what: &str, id: impl std::fmt::Display) -> ApiError {
    ApiError::not_found(format!(
        "there is no {what} with id {id}; it may have been removed: reload the chart"
    ))
}

fn role_brief(org: &Org, id: RoleId) -> Option<Brief> {
    org.role(id).map(|r| Brief { id: id.0, name: r.title.clone() })
}
fn team_brief(org: &Org, id: TeamId) -> Option<Brief> {
    org.team(id).map(|t| Brief { id: id.0, name: t.name.clone() })
}

fn sorted(mut v: Vec<Brief>) -> Vec<Brief> {
    v.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    v
}
fn sorted_fillers(mut v: Vec<Filler>) -> Vec<Filler> {
    v.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    v
}

pub(crate) fn role(org: &Org, id: RoleId) -> Result<RoleDetails, ApiError> {
    let role = org.role(id).ok_or_else(|| not_found("role", id))?;
    Ok(RoleDetails {
        role: role.clone(),
        manager: org.manager_of(id).and_then(|m| role_brief(org, m)),
        reports: sorted(org.direct_reports(id).filter_map(|r| role_brief(org, r)).collect()),
        people: sorted_fillers(
            org.fillers(id)
                .filter_map(|(p, fte)| {
                    org.person(p).map(|p| Filler { id: p.id.0, name: p.name.clone(), fte })
                })
                .collect(),
        ),
        teams: sorted(org.teams_of(id).filter_map(|t| team_brief(org, t)).collect()),
    })
}

pub(crate) fn person(org: &Org, id: PersonId) -> Result<PersonDetails, ApiError> {
    let person = org.person(id).ok_or_else(|| not_found("person", id))?;
    Ok(PersonDetails {
        person: person.clone(),
        roles: sorted_fillers(
            org.roles_of(id)
                .filter_map(|(r, fte)| org.role(r).map(|r| Filler { id: r.id.0, name: r.title.clone(), fte }))
                .collect(),
        ),
    })
}

pub(crate) fn team(org: &Org, id: TeamId) -> Result<TeamDetails, ApiError> {
    let team = org.team(id).ok_or_else(|| not_found("team", id))?;
    let (mut children, mut members, mut lead) = (Vec::new(), Vec::new(), None::<RoleId>);
    for rel in org.relations_of(NodeRef::Team(id), false) {
        match *rel {
            Relation::PartOf { team, .. } => children.extend(team_brief(org, team)),
            Relation::MemberOf { role, .. } => members.extend(role_brief(org, role)),
            Relation::Leads { role, .. } => crate::chart::keep_min(&mut lead, role),
            _ => {}
        }
    }
    Ok(TeamDetails {
        team: team.clone(),
        parent: org.parent_team(id).and_then(|p| team_brief(org, p)),
        children: sorted(children),
        members: sorted(members),
        lead: lead.and_then(|l| role_brief(org, l)),
    })
}

/// The role a person is best found under in the chart: the one with the largest share, then the
/// smallest id.
pub(crate) fn main_role(org: &Org, id: PersonId) -> Option<RoleId> {
    org.roles_of(id).max_by(|(a, fa), (b, fb)| cmp_fte(*fa, *fb).then(b.cmp(a))).map(|(r, _)| r)
}

fn cmp_fte(a: Fte, b: Fte) -> std::cmp::Ordering {
    a.get().total_cmp(&b.get())
}

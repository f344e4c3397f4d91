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

/// A role with the people in it, as a team's member or lead: five roles may share a title.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Member {
    pub id: Uuid,
    pub title: String,
    /// The names of the people filling the role, sorted; empty for a vacancy.
    pub people: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct TeamDetails {
    pub team: Team,
    pub parent: Option<Brief>,
    /// Nested teams, sorted by name.
    pub children: Vec<Brief>,
    /// Member roles, sorted by title, then by the people in them.
    pub members: Vec<Member>,
    /// Who leads the team (see [`lead_of`]).
    pub lead: Option<Member>,
    /// Whether the lead is read from the reporting lines rather than from a `leads` line.
    pub lead_implied: bool,
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

fn member(org: &Org, id: RoleId) -> Option<Member> {
    let role = org.role(id)?;
    let mut people: Vec<String> =
        org.fillers(id).filter_map(|(p, _)| org.person(p)).map(|p| p.name.clone()).collect();
    people.sort_unstable();
    Some(Member { id: id.0, title: role.title.clone(), people })
}

/// Who leads a team, and whether that is implied: the role with a `leads` line to it (of several,
/// the smallest id); else, read from the reporting lines, the one member whose manager is not in
/// the team, or the one manager outside the team that all such members report to (an HR export
/// names departments, not who leads them). `None` when the lines name no one.
pub(crate) fn lead_of(org: &Org, team: TeamId) -> Option<(RoleId, bool)> {
    let (mut explicit, mut members) = (None, Vec::new());
    for rel in org.relations_of(NodeRef::Team(team), false) {
        match *rel {
            Relation::Leads { role, .. } => crate::chart::keep_min(&mut explicit, role),
            Relation::MemberOf { role, .. } => members.push(role),
            _ => {}
        }
    }
    if let Some(lead) = explicit {
        return Some((lead, false));
    }
    members.sort_unstable();
    let inside = |r: &RoleId| members.binary_search(r).is_ok();
    let tops: Vec<RoleId> =
        members.iter().copied().filter(|r| !org.manager_of(*r).is_some_and(|m| inside(&m))).collect();
    match tops.as_slice() {
        [] => None,
        [one] => Some((*one, true)),
        [first, rest @ ..] => {
            let manager = org.manager_of(*first)?;
            rest.iter().all(|r| org.manager_of(*r) == Some(manager)).then_some((manager, true))
        }
    }
}

pub(crate) fn team(org: &Org, id: TeamId) -> Result<TeamDetails, ApiError> {
    let team = org.team(id).ok_or_else(|| not_found("team", id))?;
    let (mut children, mut members) = (Vec::new(), Vec::new());
    for rel in org.relations_of(NodeRef::Team(id), false) {
        match *rel {
            Relation::PartOf { team, .. } => children.extend(team_brief(org, team)),
            Relation::MemberOf { role, .. } => members.extend(member(org, role)),
            _ => {}
        }
    }
    members.sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.people.cmp(&b.people)).then(a.id.cmp(&b.id)));
    let lead = lead_of(org, id);
    Ok(TeamDetails {
        team: team.clone(),
        parent: org.parent_team(id).and_then(|p| team_brief(org, p)),
        children: sorted(children),
        members,
        lead: lead.and_then(|(l, _)| member(org, l)),
        lead_implied: lead.is_some_and(|(_, implied)| implied),
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

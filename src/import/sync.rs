//! Turns a parsed HR export into one operation on a workspace. On an empty workspace it builds
//! the organization; on one that already holds an import of the same organization it updates it
//! by employee id: people who left are removed, movers move, new people are added, changed names,
//! titles, departments and FTEs are updated. The result is one `Batch`, so an import is a single
//! change in the history and a single undo.
//!
//! Each row becomes a Person filling a Role titled by the job title; the Role is a member of the
//! Team named by the department; the manager id becomes `reports_to` between the two roles.
//! Person and Role both keep the employee id as `external_id`.

use super::hris::{HrisRow, HrisTable};
use crate::id::{IdSource, PersonId, RoleId, TeamId};
use crate::model::{Fte, NodeRef, Person, Relation, RelationKind, Role, Team};
use crate::op::Op;
use crate::org::{Org, Snapshot};
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

/// A first import adds everyone: listing them all helps nobody, so the list stops here.
pub const MAX_LISTED_ADDED: usize = 1_000;

/// What an import changed, for the user.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, Serialize)]
pub struct ImportReport {
    pub rows: usize,
    /// How many people were added; `added` lists the first [`MAX_LISTED_ADDED`] of them.
    pub added_count: usize,
    pub added: Vec<Who>,
    pub removed: Vec<Who>,
    /// People whose manager changed.
    pub moved: Vec<Who>,
    /// People whose name, title, department, location, FTE or hire date changed.
    pub updated: Vec<Who>,
    pub teams_added: Vec<String>,
    pub unchanged: usize,
    /// Employee ids whose manager id matched nobody and who were made top-level on request.
    pub external_managers: Vec<String>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Who {
    pub employee_id: String,
    pub name: String,
}

impl ImportReport {
    pub fn is_noop(&self) -> bool {
        self.added_count == 0 && self.removed.is_empty() && self.moved.is_empty() && self.updated.is_empty()
    }
}

fn team_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Plans the change that makes the workspace match the export. Pure: reads `org`, mints ids.
pub fn plan(org: &Org, table: HrisTable, ids: &mut dyn IdSource) -> (Op, ImportReport) {
    let mut report = ImportReport {
        rows: table.rows.len(),
        external_managers: table.external_managers.iter().map(|(_, id, _)| id.clone()).collect(),
        ..Default::default()
    };

    // What is already there, by employee id and by team name.
    let mut person_by_ext: HashMap<&str, &Person> = HashMap::default();
    for p in org.persons() {
        if let Some(x) = p.external_id.as_deref() {
            person_by_ext.insert(x, p);
        }
    }
    let mut role_by_ext: HashMap<&str, &Role> = HashMap::default();
    for r in org.roles() {
        if let Some(x) = r.external_id.as_deref() {
            role_by_ext.insert(x, r);
        }
    }
    let mut team_by_name: HashMap<String, TeamId> = org.teams().map(|t| (team_key(&t.name), t.id)).collect();
    let mut new = Snapshot::default(); // new teams, people, roles and their relations, loaded at once
    new.persons.reserve(table.rows.len());
    new.roles.reserve(table.rows.len());
    new.relations.reserve(table.rows.len() * 3);

    let mut updates = Vec::new(); // changed fields of existing people and roles
    let mut detach = Vec::new(); // existing roles whose manager changes, detached first
    let mut removes = Vec::new(); // people who left, and their roles
    let mut attach = Vec::new(); // reporting lines, once every role exists and movers are detached

    // Roles of every row (existing or new), so managers can be resolved in any row order.
    let mut role_of_row: HashMap<&str, RoleId> =
        HashMap::with_capacity_and_hasher(table.rows.len(), Default::default());
    let mut role_ids = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let id = match role_by_ext.get(row.employee_id.as_str()) {
            Some(r) => r.id,
            None => RoleId::new(ids),
        };
        role_of_row.insert(&row.employee_id, id);
        role_ids.push(id);
    }
    let managers: Vec<Option<RoleId>> = table
        .rows
        .iter()
        .map(|row| row.manager_id.as_deref().and_then(|m| role_of_row.get(m).copied()))
        .collect();

    // People who left: imported before, absent from this export.
    let mut left: Vec<&str> = Vec::new();
    if !person_by_ext.is_empty() || !role_by_ext.is_empty() {
        left = person_by_ext
            .keys()
            .chain(role_by_ext.keys())
            .copied()
            .filter(|x| !role_of_row.contains_key(x))
            .collect();
        left.sort_unstable();
        left.dedup();
    }
    for x in left {
        let name = person_by_ext
            .get(x)
            .map(|p| p.name.clone())
            .or_else(|| role_by_ext.get(x).map(|r| r.title.clone()));
        if let Some(p) = person_by_ext.get(x) {
            removes.push(Op::RemovePerson { id: p.id });
        }
        if let Some(r) = role_by_ext.get(x) {
            removes.push(Op::RemoveRole { id: r.id });
        }
        report.removed.push(Who { employee_id: x.to_owned(), name: name.unwrap_or_default() });
    }
    drop(role_of_row);

    // The rows are consumed: their texts move into the new people and roles without copies.
    for ((row, role_id), manager) in table.rows.into_iter().zip(role_ids).zip(managers) {
        let team = row.department.as_deref().filter(|d| !d.trim().is_empty()).map(|d| {
            // Most rows name a department seen before: look it up without allocating first.
            if let Some(&t) = team_by_name.get(d) {
                return t;
            }
            let key = team_key(d);
            let id = *team_by_name.entry(key).or_insert_with(|| {
                let id = TeamId::new(ids);
                report.teams_added.push(d.trim().to_owned());
                new.teams.push(Team { id, name: d.trim().to_owned(), purpose: String::new() });
                id
            });
            team_by_name.insert(d.to_owned(), id);
            id
        });
        let fte = row.fte.unwrap_or(Fte::FULL);
        let old_person = person_by_ext.get(row.employee_id.as_str()).copied();
        let old_role = role_by_ext.get(row.employee_id.as_str()).copied();
        let who = |row: &HrisRow| Who { employee_id: row.employee_id.clone(), name: row.name.clone() };
        let listed = match (old_person, old_role) {
            (None, None) if report.added.len() >= MAX_LISTED_ADDED => None,
            _ => Some(who(&row)),
        };
        let mut changed = false;
        let mut moved = false;

        let HrisRow { employee_id, name, job_title, location, hire_date, .. } = row;
        let person_id = match old_person {
            Some(person) => {
                let new_person = Person {
                    id: person.id,
                    external_id: Some(employee_id.clone()),
                    name,
                    location,
                    hire_date,
                };
                if new_person != *person {
                    updates.push(Op::UpdatePerson { person: new_person });
                    changed = true;
                }
                person.id
            }
            None => {
                let id = PersonId::new(ids);
                new.persons.push(Person {
                    id,
                    external_id: Some(employee_id.clone()),
                    name,
                    location,
                    hire_date,
                });
                id
            }
        };
        match old_role {
            Some(role) => {
                if role.title != job_title {
                    let mut r = role.clone();
                    r.title = job_title;
                    updates.push(Op::UpdateRole { role: r });
                    changed = true;
                }
                let current: Vec<TeamId> = org.teams_of(role.id).collect();
                let in_team = match team {
                    Some(t) => current.contains(&t),
                    None => current.is_empty(),
                };
                if !in_team {
                    // The export is the authority on departments: the role leaves its other teams.
                    for t in current {
                        updates
                            .push(Op::Disconnect { relation: Relation::MemberOf { role: role.id, team: t } });
                    }
                    if let Some(t) = team {
                        updates.push(Op::Connect { relation: Relation::MemberOf { role: role.id, team: t } });
                    }
                    changed = true;
                }
                let old_manager = org.manager_of(role.id);
                if old_manager != manager {
                    if old_manager.is_some() {
                        detach.push(Op::MoveRole { role: role.id, manager: None });
                    }
                    if let Some(m) = manager {
                        attach.push(Op::MoveRole { role: role.id, manager: Some(m) });
                    }
                    moved = true;
                }
            }
            None => {
                new.roles.push(Role {
                    id: role_id,
                    external_id: Some(employee_id),
                    title: job_title,
                    purpose: String::new(),
                    accountabilities: Vec::new(),
                });
                if let Some(t) = team {
                    new.relations.push(Relation::MemberOf { role: role_id, team: t });
                }
                if let Some(m) = manager {
                    // A new role under a new or unchanged manager cannot close a cycle.
                    new.relations.push(Relation::ReportsTo { role: role_id, manager: m });
                }
            }
        }
        let fills = match (old_person, old_role) {
            (Some(_), Some(_)) => {
                org.relation(RelationKind::Fills, NodeRef::Person(person_id), NodeRef::Role(role_id)).copied()
            }
            _ => None,
        };
        match fills {
            Some(Relation::Fills { fte: old, .. }) if old == fte => {}
            Some(old) => {
                updates.push(Op::Disconnect { relation: old });
                updates.push(Op::Connect {
                    relation: Relation::Fills { person: person_id, role: role_id, fte },
                });
                changed = true;
            }
            None => {
                let relation = Relation::Fills { person: person_id, role: role_id, fte };
                if old_person.is_some() && old_role.is_some() {
                    updates.push(Op::Connect { relation });
                    changed = true;
                } else {
                    new.relations.push(relation);
                }
            }
        }
        if old_person.is_none() && old_role.is_none() {
            report.added_count += 1;
            report.added.extend(listed);
        } else {
            let who = listed.expect("people already there are always listed");
            if moved {
                report.moved.push(who.clone());
            }
            if changed {
                report.updated.push(who);
            } else if !moved {
                report.unchanged += 1;
            }
        }
    }

    // Order matters: new entities come first, in one bulk load; removals happen after movers are detached (so no line points at a removed
    // role that should move) and before reporting lines are attached; attaching only edges of the
    // export's (acyclic) hierarchy onto a forest of its edges can never form a cycle.
    let load = Op::Load { org: new };
    if updates.is_empty() && detach.is_empty() && removes.is_empty() && attach.is_empty() {
        return (load, report);
    }
    let mut ops = vec![load];
    ops.extend(updates);
    ops.extend(detach);
    ops.extend(removes);
    ops.extend(attach);
    (Op::batch("import HR export", ops), report)
}

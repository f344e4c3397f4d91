//! Plans: changes that take more than one operation to say what a user means, built as one
//! [`Op::batch`] (one change in the history, one undo) from the organization as it is.
//!
//! **Removing a role** (`remove_role`): a bare [`Op::RemoveRole`] leaves the role's reports as
//! separate top-level trees and its person in the organization without a role. The plan says what
//! happens to both: the direct reports move to the manager above ([`Reports::ToManagerAbove`], the
//! default; they become top-level only when the role had no manager, which the plan says with
//! `manager: None`), or become top-level ([`Reports::TopLevel`]); the people who fill only this
//! role stay in the organization without a role ([`PersonFate::Unplaced`], the default: they are
//! listed as unplaced and can be placed again) or leave it ([`PersonFate::Leaves`]). Someone who
//! also fills another role keeps that role whatever the choice (`staying`).

use crate::error::{Error, Result};
use crate::id::{PersonId, RoleId};
use crate::op::Op;
use crate::org::Org;
use serde::{Deserialize, Serialize};

/// Where a removed role's direct reports go.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reports {
    /// Under the removed role's own manager (top-level when it had none).
    #[default]
    ToManagerAbove,
    /// Each report becomes the top of a tree of its own.
    TopLevel,
}

/// What happens to the people who fill a removed role (and no other).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonFate {
    /// They stay in the organization without a role (unplaced), to be placed again.
    #[default]
    Unplaced,
    /// They leave the organization.
    Leaves,
}

/// A planned role removal: what it does, and the one operation that does it.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleRemoval {
    pub role: RoleId,
    /// Where the reports go: the manager above, or `None` for top-level.
    pub manager: Option<RoleId>,
    /// The direct reports that move, sorted by title.
    pub reports: Vec<RoleId>,
    /// People who fill only this role and stay in the organization without a role.
    pub unplaced: Vec<PersonId>,
    /// People who fill only this role and leave the organization.
    pub leaving: Vec<PersonId>,
    /// People who fill this role and another one: they keep the other.
    pub staying: Vec<PersonId>,
    /// One batch: the reports moved, the role removed, the leavers removed.
    pub op: Op,
}

/// Plans the removal of `role` (see the module documentation).
pub fn remove_role(org: &Org, role: RoleId, reports: Reports, person: PersonFate) -> Result<RoleRemoval> {
    let title = &org.role(role).ok_or_else(|| Error::not_found("role", role))?.title;
    let manager = match reports {
        Reports::ToManagerAbove => org.manager_of(role),
        Reports::TopLevel => None,
    };
    let by_title = |ids: &mut Vec<RoleId>| {
        ids.sort_by(|a, b| {
            let t = |id: &RoleId| org.role(*id).map(|r| r.title.as_str());
            t(a).cmp(&t(b)).then(a.cmp(b))
        })
    };
    let by_name = |ids: &mut Vec<PersonId>| {
        ids.sort_by(|a, b| {
            let n = |id: &PersonId| org.person(*id).map(|p| p.name.as_str());
            n(a).cmp(&n(b)).then(a.cmp(b))
        })
    };
    let mut moved: Vec<RoleId> = org.direct_reports(role).collect();
    by_title(&mut moved);
    let (mut only, mut staying): (Vec<PersonId>, Vec<PersonId>) =
        org.fillers(role).map(|(p, _)| p).partition(|&p| org.roles_of(p).all(|(r, _)| r == role));
    by_name(&mut only);
    by_name(&mut staying);
    let mut ops: Vec<Op> = moved.iter().map(|&r| Op::MoveRole { role: r, manager }).collect();
    ops.push(Op::RemoveRole { id: role });
    let (unplaced, leaving) = match person {
        PersonFate::Unplaced => (only, Vec::new()),
        PersonFate::Leaves => {
            ops.extend(only.iter().map(|&id| Op::RemovePerson { id }));
            (Vec::new(), only)
        }
    };
    Ok(RoleRemoval {
        role,
        manager,
        reports: moved,
        unplaced,
        leaving,
        staying,
        op: Op::batch(format!("remove role {title:?}"), ops),
    })
}

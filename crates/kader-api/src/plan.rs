//! Plans over the API: what a change that takes several operations would do, worded by name, and
//! the one operation (a batch) that does it. A plan changes nothing: the UI shows it, and sends
//! its `op` through `apply` like any other change (one change, one undo).

use crate::details::Brief;
use crate::error::ApiError;
use kader::id::RoleId;
use kader::op::Op;
use kader::plan::{PersonFate, Reports};
use kader::Org;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What to plan: the removal of `role`, its reports to the manager above and its person unplaced
/// unless asked otherwise.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize, TS)]
pub struct RemoveRoleRequest {
    pub role: RoleId,
    #[serde(default)]
    pub reports: Reports,
    #[serde(default)]
    pub person: PersonFate,
}

/// A planned role removal, by name: where the reports go, who stays without a role, who leaves,
/// the people figure before and after, and the operation.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct RemovalPlan {
    pub role: Brief,
    /// The manager the reports move to; `None`: they become top-level (the role had no manager,
    /// or that was asked).
    pub manager: Option<Brief>,
    /// Whether the role had a manager above (so `manager: None` with `true` means top-level on
    /// request).
    pub had_manager: bool,
    /// The direct reports that move, sorted by title.
    pub reports: Vec<Brief>,
    /// People who stay in the organization without a role, sorted by name.
    pub unplaced: Vec<Brief>,
    /// People who leave the organization, sorted by name.
    pub leaving: Vec<Brief>,
    /// People who also fill another role and keep it, sorted by name.
    pub staying: Vec<Brief>,
    /// The people in the organization before and after: what the header and a proposal's
    /// preview show.
    pub people_before: usize,
    pub people_after: usize,
    /// The one change that does all of this.
    pub op: Op,
}

pub(crate) fn remove_role(org: &Org, request: &RemoveRoleRequest) -> Result<RemovalPlan, ApiError> {
    let RemoveRoleRequest { role, reports, person } = *request;
    if org.role(role).is_none() {
        return Err(ApiError::not_found(format!(
            "there is no role with id {role}; it may have been removed: reload the chart"
        )));
    }
    let plan = kader::plan::remove_role(org, role, reports, person)?;
    let role_brief =
        |id: RoleId| Brief { id: id.0, name: org.role(id).map(|r| r.title.clone()).unwrap_or_default() };
    let people = |ids: &[kader::id::PersonId]| -> Vec<Brief> {
        ids.iter()
            .map(|&id| Brief { id: id.0, name: org.person(id).map(|p| p.name.clone()).unwrap_or_default() })
            .collect()
    };
    let people_before = org.counts().0;
    Ok(RemovalPlan {
        role: role_brief(role),
        manager: plan.manager.map(role_brief),
        had_manager: org.manager_of(role).is_some(),
        reports: plan.reports.iter().map(|&r| role_brief(r)).collect(),
        unplaced: people(&plan.unplaced),
        leaving: people(&plan.leaving),
        staying: people(&plan.staying),
        people_before,
        people_after: people_before - plan.leaving.len(),
        op: plan.op,
    })
}

//! The decision framework and the hierarchy lens as the app shows them: the delegation board
//! (every domain with its entries, and the names the board needs), and the lens (each reporting
//! line's class, the organization-wide figures, one line's reasons).

use crate::details::Brief;
use kader::analyze::Span;
use kader::id::RoleId;
use kader::lens::{LensFigures, LineClass};
use kader::model::{DecisionDomain, Unit};
use kader::Org;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use ts_rs::TS;

/// The delegation board: domains × teams (or roles).
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Board {
    /// The change the board reflects.
    pub seq: i64,
    /// Every decision domain, by name.
    pub domains: Vec<DecisionDomain>,
    /// Every team, by name: the board's possible columns.
    pub teams: Vec<Brief>,
    /// The roles that have delegation entries, by title.
    pub roles: Vec<Brief>,
}

/// The lens for the chart overlay and the lens panel.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct LensView {
    /// The change the lens reflects.
    pub seq: i64,
    /// Levels of the reporting hierarchy.
    pub layers: usize,
    pub span_of_control: Span,
    pub figures: LensFigures,
    /// The class of every reporting line, by report role id.
    pub classes: BTreeMap<RoleId, LineClass>,
}

pub(crate) fn board(org: &Org, seq: i64) -> Board {
    let mut domains: Vec<DecisionDomain> = org.domains().cloned().collect();
    domains.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.id.cmp(&b.id)));
    let mut teams: Vec<Brief> = org.teams().map(|t| Brief { id: t.id.0, name: t.name.clone() }).collect();
    teams.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.id.cmp(&b.id)));
    let mut seen = HashSet::new();
    let mut roles: Vec<Brief> = domains
        .iter()
        .flat_map(|d| d.delegations.iter())
        .filter_map(|x| match x.subject {
            Unit::Role(r) if seen.insert(r) => {
                org.role(r).map(|role| Brief { id: r.0, name: role.title.clone() })
            }
            _ => None,
        })
        .collect();
    roles.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.id.cmp(&b.id)));
    Board { seq, domains, teams, roles }
}

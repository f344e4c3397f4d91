//! Organization-wide figures: size, layers and span of control. Pure reads over an [`Org`],
//! linear in its size (500,000 roles analyse in well under a second in release).
//!
//! The JSON shape of [`Analysis`] is a public contract (`kader analyze --json`): later issues add
//! keys, they never rename or remove one.

use crate::model::{Node, Relation};
use crate::org::Org;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Analysis {
    pub people: usize,
    pub roles: usize,
    pub teams: usize,
    /// Levels in the `reports_to` hierarchy; a lone top role is 1, no roles is 0.
    pub layers: usize,
    pub span_of_control: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Span {
    /// Roles with at least one direct report.
    pub managers: usize,
    /// Mean direct reports per manager, rounded to two decimals.
    pub mean: f64,
    /// Median direct reports per manager (the mean of the two middle values for an even count).
    pub median: f64,
    pub max: usize,
    /// Number of managers per count of direct reports.
    pub histogram: BTreeMap<usize, usize>,
}

pub fn analyze(org: &Org) -> Analysis {
    let g = org.graph();
    let bound = g.node_indices().map(|i| i.index() + 1).max().unwrap_or(0);
    const NONE: u32 = u32::MAX;
    let mut manager = vec![NONE; bound];
    let mut reports = vec![0u32; bound];
    for e in g.edge_indices() {
        if let (Some(Relation::ReportsTo { .. }), Some((a, b))) = (g.edge_weight(e), g.edge_endpoints(e)) {
            manager[a.index()] = b.index() as u32;
            reports[b.index()] += 1;
        }
    }
    let (people, roles, teams) = org.counts();

    // Depth of every role, walking up to the first role whose depth is known. Iterative and
    // linear overall: every role's depth is computed once.
    let mut depth = vec![0u32; bound];
    let mut stack = Vec::new();
    let mut layers = 0u32;
    for i in g.node_indices() {
        if !matches!(g[i], Node::Role(_)) {
            continue;
        }
        let mut cur = i.index();
        while depth[cur] == 0 {
            stack.push(cur);
            match manager[cur] {
                NONE => break,
                m => cur = m as usize,
            }
        }
        let mut d = if depth[cur] == 0 { 0 } else { depth[cur] };
        while let Some(x) = stack.pop() {
            d += 1;
            depth[x] = d;
        }
        layers = layers.max(depth[i.index()]);
    }

    let mut spans: Vec<u32> = reports.into_iter().filter(|&n| n > 0).collect();
    spans.sort_unstable();
    let mut histogram = BTreeMap::new();
    for &s in &spans {
        *histogram.entry(s as usize).or_insert(0) += 1;
    }
    let managers = spans.len();
    let (mean, median, max) = if managers == 0 {
        (0.0, 0.0, 0)
    } else {
        let sum: u64 = spans.iter().map(|&s| s as u64).sum();
        let mean = (sum as f64 / managers as f64 * 100.0).round() / 100.0;
        let median = if managers % 2 == 1 {
            spans[managers / 2] as f64
        } else {
            (spans[managers / 2 - 1] as f64 + spans[managers / 2] as f64) / 2.0
        };
        (mean, median, *spans.last().unwrap_or(&0) as usize)
    };
    Analysis {
        people,
        roles,
        teams,
        layers: layers as usize,
        span_of_control: Span { managers, mean, median, max, histogram },
    }
}

impl fmt::Display for Analysis {
    /// The readable report of `kader analyze`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.span_of_control;
        writeln!(f, "Organization")?;
        writeln!(f, "  people            {:>9}", self.people)?;
        writeln!(f, "  roles             {:>9}   (a role without a person is a vacancy)", self.roles)?;
        writeln!(f, "  teams             {:>9}", self.teams)?;
        writeln!(
            f,
            "  layers            {:>9}   (levels of the reporting hierarchy; a lone top role is 1)",
            self.layers
        )?;
        writeln!(f)?;
        writeln!(f, "Span of control     (direct reports per manager)")?;
        writeln!(f, "  managers          {:>9}   (roles with at least one direct report)", s.managers)?;
        writeln!(f, "  mean              {:>9.2}", s.mean)?;
        writeln!(f, "  median            {:>9}", s.median)?;
        writeln!(f, "  max               {:>9}", s.max)?;
        if !s.histogram.is_empty() {
            writeln!(f)?;
            writeln!(f, "  reports  managers")?;
            let top = s.histogram.values().copied().max().unwrap_or(1).max(1);
            for (span, n) in &s.histogram {
                let bar = "#".repeat((n * 40).div_ceil(top));
                writeln!(f, "  {span:>7}  {n:>8}  {bar}")?;
            }
        }
        Ok(())
    }
}

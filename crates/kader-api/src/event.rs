//! What subscribers (the desktop window, every browser's WebSocket) are told after each change.

use kader::op::Op;
use kader::store::ChangeKind;
use kader::{Change, Effect};
use serde::Serialize;
use ts_rs::TS;

/// An acknowledged change: it is in the workspace file.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Event {
    pub seq: i64,
    pub actor: String,
    pub kind: ChangeKind,
    /// The operation that was applied (for an undo, the inverse of the undone change). `None` when
    /// a bulk change (an import, a restore, or its undo or redo) replaced the organization: reload
    /// the chart.
    pub op: Option<Op>,
    /// One line for people: "add role \"Coach\"", "undo change 12".
    pub summary: String,
    /// Set when a proposal changed (a step, an answer, a comment) and the organization did not:
    /// pages showing that proposal refresh it; `seq` is the newest change's and `op` is `None`.
    pub proposal: Option<kader::id::ProposalId>,
}

impl From<&Change> for Event {
    fn from(c: &Change) -> Event {
        Event {
            seq: c.seq,
            actor: c.actor.clone(),
            kind: c.kind,
            op: match &c.effect {
                Effect::Op(op) => Some(op.clone()),
                Effect::Replaced => None,
            },
            summary: c.summary.clone(),
            proposal: None,
        }
    }
}

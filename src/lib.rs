//! Kader's engine: the organization as a graph of people, roles and teams, changed only through
//! typed operations, stored in one SQLite workspace file. No UI, no network: the desktop shell,
//! the server and the CLI are adapters over this crate.

pub mod analyze;
pub mod date;
pub mod docs;
pub mod error;
pub mod i18n;
pub mod id;
pub mod import;
pub mod interchange;
pub mod lens;
pub mod model;
pub mod op;
pub mod org;
pub mod plan;
pub mod proposals;
pub mod store;
pub mod workspace;

pub use error::{Error, Result};
pub use op::Op;
pub use org::{Org, Snapshot};
pub use workspace::{Change, Ctx, Effect, Workspace};

//! The engine's typed errors. Messages name the thing that is wrong and say what to do.

use crate::import::hris::HrisError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{what} {id} does not exist")]
    NotFound { what: &'static str, id: String },
    #[error("an entity with id {0} already exists")]
    DuplicateId(String),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Cycle(String),
    /// Refused in the current state of a proposal (or its round); the message names the state.
    #[error("{0}")]
    State(String),
    /// Refused because it is someone else's (a comment of another author).
    #[error("{0}")]
    Forbidden(String),
    #[error("{path} is open read-only: {reason}")]
    ReadOnly { path: String, reason: String },
    /// Another Kader holds the workspace open for writing (see [`crate::store::lock`]). The
    /// message says who and since when, and that the file can be opened read-only.
    #[error("{}", crate::store::lock::Locked { path: path.clone(), holder: holder.clone() })]
    Locked { path: String, holder: Option<crate::store::lock::Holder> },
    #[error("{path} is not a Kader workspace ({reason}); it was not modified")]
    NotAWorkspace { path: String, reason: String },
    #[error("{path} already exists; choose another name or remove it first")]
    AlreadyExists { path: String },
    #[error("{0}")]
    Import(#[from] HrisError),
    /// A text over its limit (see [`crate::limits`]).
    #[error("{0}")]
    TooLong(#[from] crate::limits::TooLong),
    #[error("the interchange file is not valid: {0}")]
    Interchange(String),
    #[error("could not read or write the workspace file: {0}")]
    Storage(#[from] rusqlite::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn not_found(what: &'static str, id: impl ToString) -> Error {
        Error::NotFound { what, id: id.to_string() }
    }
    pub(crate) fn invalid(msg: impl Into<String>) -> Error {
        Error::Invalid(msg.into())
    }
}

//! The one error that crosses the boundary to the UI: `{ code, message }`. The UI branches on the
//! closed [`Code`]; the message is for people and says what they can do.

use serde::Serialize;
use std::fmt;
use ts_rs::TS;

/// What went wrong, for the UI to branch on. Add a variant only when a consumer needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// The id names nothing in the workspace (or nothing of that kind).
    NotFound,
    /// The request or the operation is not valid; the message names the field or the line.
    Invalid,
    /// The change would make a reporting line or team nesting go round in a circle.
    Cycle,
    /// The workspace cannot be changed (a file from a newer Kader, or one opened read-only beside
    /// the Kader that edits it).
    ReadOnly,
    /// Another Kader has the workspace open for editing; the message says who and since when,
    /// and that it can be opened read-only.
    Locked,
    /// No token, or a wrong one.
    Unauthorized,
    /// The caller may not do this: a page of another origin, a wrong join code, a participant's
    /// structural change, an observer's vote.
    Forbidden,
    /// Too many tries (wrong join codes): the message says how long to wait.
    TooMany,
    /// Something failed on our side (storage, a bug); the message says what.
    Internal,
}

/// The error of every API function.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ApiError {
    pub code: Code,
    pub message: String,
}

impl ApiError {
    pub fn new(code: Code, message: impl Into<String>) -> ApiError {
        ApiError { code, message: message.into() }
    }
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(Code::NotFound, message)
    }
    pub fn invalid(message: impl Into<String>) -> ApiError {
        ApiError::new(Code::Invalid, message)
    }
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(Code::Internal, message)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

impl From<kader::Error> for ApiError {
    fn from(e: kader::Error) -> ApiError {
        use kader::Error as E;
        let code = match &e {
            E::NotFound { .. } => Code::NotFound,
            E::Cycle(_) => Code::Cycle,
            E::ReadOnly { .. } => Code::ReadOnly,
            E::Locked { .. } => Code::Locked,
            E::Forbidden(_) => Code::Forbidden,
            E::Invalid(_)
            | E::State(_)
            | E::Import(_)
            | E::TooLong(_)
            | E::DuplicateId(_)
            | E::Interchange(_)
            | E::NotAWorkspace { .. }
            | E::AlreadyExists { .. } => Code::Invalid,
            E::Storage(_) | E::Io(_) => Code::Internal,
        };
        ApiError::new(code, e.to_string())
    }
}

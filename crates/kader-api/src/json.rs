//! Transport shapes that exist only at the boundary: request bodies and small answers of the
//! HTTP routes and Tauri commands. They are converted to engine types before the engine is called.

use crate::error::ApiError;
use crate::info::TeamWord;
use kader::import::hris::{Field, HrisOptions};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The answer to applying an operation: the seq of the new change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Applied {
    pub seq: i64,
}

/// The answer to undo and redo: the seq of the new change, `None` when there was nothing to undo
/// or redo.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HistoryStep {
    pub seq: Option<i64>,
}

/// The body of `PUT /api/settings`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settings {
    pub team_word: TeamWord,
}

/// How to read an HR export (the CLI's `--map` and `--external-managers-as-roots`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportOptions {
    /// Header names for fields whose column has a name the import does not know.
    #[serde(default)]
    pub map: Vec<ColumnMap>,
    /// Make people whose manager id matches nobody top-level instead of refusing the import.
    #[serde(default)]
    pub external_managers_as_roots: bool,
}

/// "This field is in the column with this header".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnMap {
    /// employee_id, first_name, last_name, name, job_title, department, manager_id, location, fte
    /// or hire_date.
    pub field: String,
    pub header: String,
}

impl ImportOptions {
    /// The engine's options, or an `invalid` error naming the unknown field.
    pub fn to_hris(&self) -> Result<HrisOptions, ApiError> {
        let map = self
            .map
            .iter()
            .map(|m| {
                let field = Field::parse(m.field.trim()).ok_or_else(|| {
                    ApiError::invalid(format!(
                        "unknown field {:?}; fields are employee_id, first_name, last_name, name, job_title, department, manager_id, location, fte, hire_date",
                        m.field
                    ))
                })?;
                Ok((field, m.header.trim().to_owned()))
            })
            .collect::<Result<_, ApiError>>()?;
        Ok(HrisOptions { map, external_managers_as_roots: self.external_managers_as_roots })
    }
}

//! What the UI shows about the workspace as a whole, and its per-workspace vocabulary.

use crate::error::ApiError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The workspace's word for a team ("circle", "squad", "afdeling"…), singular and plural.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TeamWord {
    pub singular: String,
    pub plural: String,
}

impl Default for TeamWord {
    /// "team" / "teams": the same in English and in Dutch.
    fn default() -> TeamWord {
        TeamWord { singular: "team".into(), plural: "teams".into() }
    }
}

/// Longest accepted team word, in characters: it is a label, not a description.
const MAX_WORD: usize = 40;

impl TeamWord {
    /// The word with surrounding whitespace removed, or why it cannot be used.
    pub(crate) fn validated(self) -> Result<TeamWord, ApiError> {
        let check = |what: &str, s: &str| {
            let s = s.trim();
            if s.is_empty() {
                return Err(ApiError::invalid(format!(
                    "the {what} team word is empty; type a word such as \"team\""
                )));
            }
            if s.chars().count() > MAX_WORD || s.chars().any(char::is_control) {
                return Err(ApiError::invalid(format!(
                    "the {what} team word must be one line of at most {MAX_WORD} characters"
                )));
            }
            Ok(s.to_owned())
        };
        Ok(TeamWord { singular: check("singular", &self.singular)?, plural: check("plural", &self.plural)? })
    }
}

/// The workspace as a whole: what the title bar and the start screen show.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct WorkspaceInfo {
    /// The file, as given when it was opened.
    pub path: String,
    /// The file name without its extension.
    pub name: String,
    /// Why the workspace cannot be changed, when it cannot.
    pub read_only: Option<String>,
    /// When the workspace is open read-only beside the Kader that edits it: who that is (the UI
    /// says "Read-only — … has this file open" and follows its changes).
    pub locked_by: Option<kader::store::lock::Holder>,
    pub team_word: TeamWord,
    /// The newest change; events with a higher seq are news.
    pub seq: i64,
    pub people: usize,
    pub roles: usize,
    pub teams: usize,
}

//! The Tauri commands: one per API function, each a few lines over [`kader_api::Api`], named as
//! the UI's Tauri backend invokes them. Errors cross as the API's `{code, message}`.
//!
//! All run on Tauri's thread pool (`async`), never on the main thread, so a large chart or an
//! import never freezes the window.

use crate::current::Current;
use kader::id::{PersonId, RoleId, TeamId};
use kader::import::decisions::DecisionsReport;
use kader::import::sync::ImportReport;
use kader::lens::LineReport;
use kader::Op;
use kader_api::json::{Applied, HistoryStep, ImportOptions};
use kader_api::{
    ApiError, Board, Chart, LensView, PersonDetails, RemovalPlan, RemoveRoleRequest, RoleDetails, SearchHit,
    TeamDetails, TeamWord, WorkspaceInfo,
};
use tauri::State;

type Answer<T> = Result<T, ApiError>;

/// Who makes changes from this window: the signed-in user of the computer.
pub fn actor() -> String {
    ["USER", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "desktop".into())
}

fn parse_id<T: std::str::FromStr>(what: &str, id: &str) -> Answer<T> {
    id.parse().map_err(|_| ApiError::invalid(format!("{id:?} is not a {what} id (a UUID)")))
}

#[tauri::command(async)]
pub fn workspace_info(current: State<'_, Current>) -> Answer<WorkspaceInfo> {
    current.api()?.workspace_info()
}

#[tauri::command(async)]
pub fn chart(current: State<'_, Current>) -> Answer<Chart> {
    current.api()?.chart()
}

#[tauri::command(async)]
pub fn role_details(current: State<'_, Current>, id: String) -> Answer<RoleDetails> {
    current.api()?.role(parse_id::<RoleId>("role", &id)?)
}

#[tauri::command(async)]
pub fn person_details(current: State<'_, Current>, id: String) -> Answer<PersonDetails> {
    current.api()?.person(parse_id::<PersonId>("person", &id)?)
}

#[tauri::command(async)]
pub fn team_details(current: State<'_, Current>, id: String) -> Answer<TeamDetails> {
    current.api()?.team(parse_id::<TeamId>("team", &id)?)
}

#[tauri::command(async)]
pub fn search(current: State<'_, Current>, q: String, limit: Option<usize>) -> Answer<Vec<SearchHit>> {
    current.api()?.search(&q, limit.unwrap_or(20))
}

#[tauri::command(async)]
pub fn board(current: State<'_, Current>) -> Answer<Board> {
    current.api()?.board()
}

#[tauri::command(async)]
pub fn lens(current: State<'_, Current>) -> Answer<LensView> {
    current.api()?.lens()
}

#[tauri::command(async)]
pub fn lens_line(current: State<'_, Current>, id: String) -> Answer<LineReport> {
    current.api()?.line(parse_id::<RoleId>("role", &id)?)
}

#[tauri::command(async)]
pub fn apply_op(current: State<'_, Current>, op: Op) -> Answer<Applied> {
    Ok(Applied { seq: current.api()?.apply(op, &actor())? })
}

/// Plans a role removal (`request`: `{role, reports?, person?}`); changes nothing.
#[tauri::command(async)]
pub fn plan_remove_role(current: State<'_, Current>, request: RemoveRoleRequest) -> Answer<RemovalPlan> {
    current.api()?.plan_remove_role(&request)
}

#[tauri::command(async)]
pub fn undo(current: State<'_, Current>) -> Answer<HistoryStep> {
    Ok(HistoryStep { seq: current.api()?.undo(&actor())? })
}

#[tauri::command(async)]
pub fn redo(current: State<'_, Current>) -> Answer<HistoryStep> {
    Ok(HistoryStep { seq: current.api()?.redo(&actor())? })
}

/// Takes the word as `teamWord` (Tauri's default for a Rust argument `team_word`).
#[tauri::command(async)]
pub fn set_team_word(current: State<'_, Current>, team_word: TeamWord) -> Answer<WorkspaceInfo> {
    current.api()?.set_team_word(team_word)
}

/// A decision matrix: `bytes` as for `import_csv`, `name` the file's name.
#[tauri::command(async)]
pub fn import_decisions(
    current: State<'_, Current>,
    bytes: Vec<u8>,
    name: String,
) -> Answer<DecisionsReport> {
    current.api()?.import_decisions(&bytes, &name, &actor())
}

/// The decision matrix as CSV text (`lang` "nl" for Dutch).
#[tauri::command(async)]
pub fn export_decisions(current: State<'_, Current>, lang: Option<String>) -> Answer<String> {
    current.api()?.export_decisions(lang.as_deref() == Some("nl"))
}

/// `bytes` is the CSV file as an array of numbers (`Array.from(uint8array)`).
#[tauri::command(async)]
pub fn import_csv(
    current: State<'_, Current>,
    bytes: Vec<u8>,
    options: Option<ImportOptions>,
) -> Answer<ImportReport> {
    let options = options.unwrap_or_default().to_hris()?;
    current.api()?.import_csv(&bytes, &options, &actor())
}

/// The workspace's own loopback server, for the session controls (`{ base, token }`).
#[tauri::command(async)]
pub fn server_endpoint(current: State<'_, Current>) -> Answer<crate::current::Endpoint> {
    current.endpoint()
}

/// Where the vision editor connects: `{ url: "ws://127.0.0.1:PORT/yjs", token }`.
#[tauri::command(async)]
pub fn collab_endpoint(current: State<'_, Current>) -> Answer<serde_json::Value> {
    let endpoint = current.endpoint()?;
    let url = format!("{}/yjs", endpoint.base.replacen("http://", "ws://", 1));
    Ok(serde_json::json!({ "url": url, "token": endpoint.token }))
}

/// Longest text `save_text` writes (an export of a proposal or the decision log, a CSV).
const MAX_SAVED_BYTES: usize = 64 * 1024 * 1024;

/// Saves `text` to a file the user chooses in the native save dialog, `name` proposed (its
/// extension is the dialog's filter), `title` the dialog's title in the UI's language. Answers
/// the path written, or `None` when the user cancelled. What a browser's download is for the
/// page served to participants: the window's webview has no downloads.
#[tauri::command(async)]
pub fn save_text(app: tauri::AppHandle, name: String, text: String, title: String) -> Answer<Option<String>> {
    use tauri_plugin_dialog::DialogExt;
    if text.len() > MAX_SAVED_BYTES {
        return Err(ApiError::invalid(format!("{name:?} is too large to save ({} bytes)", text.len())));
    }
    let file_name = std::path::Path::new(&name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| ApiError::invalid(format!("{name:?} is not a file name")))?;
    let mut dialog = app.dialog().file().set_title(title).set_file_name(&file_name);
    if let Some(ext) = std::path::Path::new(&file_name).extension().and_then(|e| e.to_str()) {
        dialog = dialog.add_filter(ext.to_uppercase(), &[ext]);
    }
    let Some(chosen) = dialog.blocking_save_file() else { return Ok(None) };
    let path =
        chosen.into_path().map_err(|e| ApiError::invalid(format!("that place cannot be written: {e}")))?;
    std::fs::write(&path, text)
        .map_err(|e| ApiError::internal(format!("{} could not be written: {e}", path.display())))?;
    Ok(Some(path.display().to_string()))
}

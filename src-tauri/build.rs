//! Runs tauri-build: resolves the capabilities against the app's commands (each command gets an
//! `allow-…` permission generated from the list below, so nothing the UI calls is allowed by
//! default) and embeds the configuration.

/// Every command the UI may invoke; keep in step with `main.rs`'s `generate_handler!`.
const COMMANDS: &[&str] = &[
    "workspace_info",
    "chart",
    "role_details",
    "person_details",
    "team_details",
    "search",
    "board",
    "lens",
    "lens_line",
    "apply_op",
    "plan_remove_role",
    "undo",
    "redo",
    "set_team_word",
    "import_csv",
    "import_decisions",
    "export_decisions",
    "server_endpoint",
    "collab_endpoint",
    "save_text",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build: check tauri.conf.json and capabilities/default.json");
}

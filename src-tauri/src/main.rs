//! `kader-desktop`: the Kader window. A thin Tauri 2 shell over `kader-api` — the commands in
//! [`commands`] wrap the API one to one, [`current`] holds the open workspace and forwards its
//! events to the window, [`files`] does File ▸ New / Open / Import / Export with native dialogs,
//! [`menu`] builds the native menu, [`settings`] remembers recent files and the window size, and
//! [`demo`] builds the demo organization a first run opens.
//!
//! Which workspace opens: the path given as the first argument (also how a double-clicked
//! `*.kader` file arrives on Linux and Windows), else the most recent one, else the demo.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod current;
mod demo;
mod files;
mod menu;
mod settings;

use current::Current;
use files::{message, SettingsFile};
use menu::{Action, Lang};
use std::path::PathBuf;
use tauri::{Emitter, Manager, RunEvent, WebviewUrl, WebviewWindowBuilder, WindowEvent};

/// The main window's label (capabilities/default.json grants it the UI's permissions).
const MAIN: &str = "main";
/// The event a Language menu choice sends to the UI, with "en" or "nl".
pub const LANGUAGE_EVENT: &str = "kader://language";
const DEFAULT_SIZE: (f64, f64) = (1280.0, 800.0);

fn main() {
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(Current::default())
        .invoke_handler(tauri::generate_handler![
            commands::workspace_info,
            commands::chart,
            commands::role_details,
            commands::person_details,
            commands::team_details,
            commands::search,
            commands::board,
            commands::lens,
            commands::lens_line,
            commands::apply_op,
            commands::plan_remove_role,
            commands::undo,
            commands::redo,
            commands::set_team_word,
            commands::import_csv,
            commands::import_decisions,
            commands::export_decisions,
            commands::server_endpoint,
            commands::collab_endpoint,
            commands::save_text,
        ])
        .setup(|app| {
            let handle = app.handle().clone();
            let settings = SettingsFile::load(&handle)?;
            let lang = settings.language();
            app.manage(settings);

            let start = files::start_path(&handle, first_argument());
            let window_size = handle.state::<SettingsFile>().get(|s| s.window);

            let (width, height) = window_size.map_or(DEFAULT_SIZE, |w| (w.width, w.height));
            let window = WebviewWindowBuilder::new(app, MAIN, WebviewUrl::default())
                .title("Kader")
                .inner_size(width, height)
                .min_inner_size(720.0, 480.0)
                .maximized(window_size.is_some_and(|w| w.maximized))
                // Lets the UI's own drop zones receive dropped files (HTML5 drag and drop).
                .disable_drag_drop_handler()
                .initialization_script(format!("window.__KADER_LANGUAGE__ = {:?};", lang.code()))
                .build()?;
            let _ = window.set_focus();
            // Opening after the window exists, so a failure can be shown over it.
            files::open_first(&handle, start);
            Ok(())
        })
        .on_menu_event(|app, event| match Action::parse(event.id().as_ref()) {
            Some(action) => files::on_action(app, action),
            None => eprintln!("kader: unknown menu item {:?}", event.id().as_ref()),
        })
        .on_window_event(|window, event| match event {
            WindowEvent::Resized(size) => {
                let maximized = window.is_maximized().unwrap_or(false);
                let scale = window.scale_factor().unwrap_or(1.0);
                let logical = size.to_logical::<f64>(scale);
                window.state::<SettingsFile>().update(|s| {
                    let previous = s.window;
                    s.window = Some(match (maximized, previous) {
                        // Keep the size to restore to when un-maximized.
                        (true, Some(p)) => settings::WindowSize { maximized: true, ..p },
                        _ => settings::WindowSize { width: logical.width, height: logical.height, maximized },
                    })
                    .filter(settings::WindowSize::is_sane)
                    .or(previous);
                });
            }
            WindowEvent::CloseRequested { .. } => window.state::<SettingsFile>().save(),
            _ => {}
        })
        .build(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("kader: the window could not start: {e}");
            std::process::exit(1);
        });

    app.run(|app, event| match event {
        RunEvent::Exit => app.state::<SettingsFile>().save(),
        // macOS and iOS hand a double-clicked file to the running app instead of an argument.
        #[cfg(any(target_os = "macos", target_os = "ios"))]
        RunEvent::Opened { urls } => {
            if let Some(path) = urls.into_iter().find_map(|u| u.to_file_path().ok()) {
                files::open_and_show(app, &path);
            }
        }
        _ => {}
    });
}

/// The workspace named on the command line: the first argument that is not an option.
fn first_argument() -> Option<PathBuf> {
    std::env::args_os().skip(1).map(PathBuf::from).find(|a| !a.to_string_lossy().starts_with('-'))
}

/// Tells the UI the menu language changed.
fn announce_language(app: &tauri::AppHandle, lang: Lang) {
    if let Err(e) = app.emit(LANGUAGE_EVENT, lang.code()) {
        message(app, "Kader", &format!("The language could not be changed: {e}"));
    }
}

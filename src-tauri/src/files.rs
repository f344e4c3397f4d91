//! Everything the File and Edit menus do, and which workspace opens at start: native dialogs,
//! the demo on a first run, recent files, and the settings file that remembers them.
//!
//! Work that may take a while (opening a large workspace, an import, an export) runs on its own
//! thread, never in a dialog callback on the main thread; failures are shown in a message box
//! whose text says what to do.

use crate::commands::actor;
use crate::current::Current;
use crate::menu::{self, Action, Lang};
use crate::settings::Settings;
use crate::{demo, MAIN};
use kader::date::Timestamp;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};

/// The desktop settings and the file they live in.
pub struct SettingsFile {
    path: PathBuf,
    value: Mutex<Settings>,
}

impl SettingsFile {
    pub fn load(app: &AppHandle) -> tauri::Result<SettingsFile> {
        let path = app.path().app_config_dir()?.join("settings.json");
        let mut value = Settings::load(&path);
        value.forget_missing();
        Ok(SettingsFile { path, value: Mutex::new(value) })
    }

    pub fn get<T>(&self, f: impl FnOnce(&Settings) -> T) -> T {
        f(&self.value.lock().unwrap_or_else(|p| p.into_inner()))
    }

    pub fn update(&self, f: impl FnOnce(&mut Settings)) {
        f(&mut self.value.lock().unwrap_or_else(|p| p.into_inner()));
    }

    pub fn save(&self) {
        if let Err(e) = self.get(|s| s.save(&self.path)) {
            eprintln!("kader: could not save the settings to {}: {e}", self.path.display());
        }
    }

    pub fn language(&self) -> Lang {
        self.get(|s| s.language.as_deref().and_then(Lang::parse)).unwrap_or_else(Lang::from_environment)
    }
}

/// Where to start, in order of preference.
pub enum Start {
    /// Named on the command line (or a double-clicked file).
    Given(PathBuf),
    /// The workspace open when Kader last closed.
    Recent(PathBuf),
    /// The demo organization, created on first use.
    Demo,
}

pub fn start_path(app: &AppHandle, argument: Option<PathBuf>) -> Start {
    match argument {
        Some(path) => Start::Given(path),
        None => {
            app.state::<SettingsFile>().get(|s| s.recent.first().cloned()).map_or(Start::Demo, Start::Recent)
        }
    }
}

/// Opens the workspace Kader starts with, falling back from a file that cannot be opened to the
/// recent one and then to the demo.
pub fn open_first(app: &AppHandle, start: Start) {
    let mut start = start;
    loop {
        let (path, next) = match start {
            Start::Given(path) => {
                let recent = app.state::<SettingsFile>().get(|s| s.recent.first().cloned());
                let next = recent.filter(|r| *r != path).map_or(Start::Demo, Start::Recent);
                (path, Some(next))
            }
            Start::Recent(path) => (path, Some(Start::Demo)),
            Start::Demo => match demo_path(app) {
                Ok(path) => (path, None),
                Err(e) => {
                    message(
                        app,
                        "Kader",
                        &format!("The demo workspace could not be created: {e}. Choose File ▸ New to start."),
                    );
                    return;
                }
            },
        };
        match app.state::<Current>().open(app, &path) {
            Ok(()) => {
                opened(app, &path);
                return;
            }
            Err(e) => {
                message(app, "Kader", &format!("{} could not be opened: {}", path.display(), e.message));
                match next {
                    Some(n) => start = n,
                    None => {
                        refresh_menu(app);
                        return;
                    }
                }
            }
        }
    }
}

/// The demo workspace in the app data directory, created if it is not there yet.
fn demo_path(app: &AppHandle) -> Result<PathBuf, String> {
    let dir = app.path().app_data_dir().map_err(|e| e.to_string())?;
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(demo::FILE_NAME);
    if !path.exists() {
        demo::create(&path, Timestamp::now()).map_err(|e| e.to_string())?;
    }
    Ok(path)
}

/// Opens `path` in place of the current workspace and reloads the window; a failure is shown and
/// leaves the current workspace open.
pub fn open_and_show(app: &AppHandle, path: &Path) {
    let app = app.clone();
    let path = path.to_owned();
    std::thread::spawn(move || match app.state::<Current>().open(&app, &path) {
        Ok(()) => {
            opened(&app, &path);
            if let Some(window) = app.get_webview_window(MAIN) {
                // The UI reads everything again: chart, details, workspace info.
                if let Err(e) = window.reload() {
                    eprintln!("kader: could not reload the window: {e}");
                }
            }
        }
        Err(e) => message(&app, "Kader", &format!("{} could not be opened: {}", path.display(), e.message)),
    });
}

/// After a workspace opened: the title, the recent list, the menu.
fn opened(app: &AppHandle, path: &Path) {
    let settings = app.state::<SettingsFile>();
    let before = settings.get(|s| s.recent.clone());
    settings.update(|s| s.remember(path));
    settings.save();
    // Rebuilding the menu only when its recent list changed keeps GTK from re-binding shortcuts.
    if settings.get(|s| s.recent != before) || app.menu().is_none() {
        refresh_menu(app);
    }
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.set_title(&title(app));
    }
}

fn title(app: &AppHandle) -> String {
    let current = app.state::<Current>();
    let Some(path) = current.path() else { return "Kader".into() };
    let name =
        path.file_stem().map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned());
    let read_only = current.api().ok().and_then(|a| a.workspace_info().ok()).and_then(|i| i.read_only);
    match read_only {
        Some(_) => format!("{name} (read-only) — Kader"),
        None => format!("{name} — Kader"),
    }
}

pub fn refresh_menu(app: &AppHandle) {
    let settings = app.state::<SettingsFile>();
    let (lang, recent) = (settings.language(), settings.get(|s| s.recent.clone()));
    match menu::build(app, lang, &recent) {
        Ok(m) => {
            if let Err(e) = app.set_menu(m) {
                eprintln!("kader: could not set the menu: {e}");
            }
        }
        Err(e) => eprintln!("kader: could not build the menu: {e}"),
    }
}

/// Shows a message box without waiting for it.
pub fn message(app: &AppHandle, title: &str, text: &str) {
    eprintln!("kader: {text}");
    app.dialog().message(text).title(title).kind(MessageDialogKind::Info).show(|_| {});
}

fn lang(app: &AppHandle) -> Lang {
    app.state::<SettingsFile>().language()
}

/// One of two texts, by the menu language.
fn tr(app: &AppHandle, en: &str, nl: &str) -> String {
    match lang(app) {
        Lang::En => en.into(),
        Lang::Nl => nl.into(),
    }
}

pub fn on_action(app: &AppHandle, action: Action) {
    match action {
        Action::New => new_workspace(app),
        Action::Open => {
            let app2 = app.clone();
            app.dialog()
                .file()
                .set_title(tr(app, "Open a Kader workspace", "Een Kader-werkruimte openen"))
                .add_filter(tr(app, "Kader workspace", "Kader-werkruimte"), &["kader"])
                .pick_file(move |file| {
                    if let Some(path) = file.and_then(|f| f.into_path().ok()) {
                        open_and_show(&app2, &path);
                    }
                });
        }
        Action::OpenRecent(i) => {
            if let Some(path) = app.state::<SettingsFile>().get(|s| s.recent.get(i).cloned()) {
                open_and_show(app, &path);
            }
        }
        Action::Import => import(app),
        Action::Export => export(app),
        Action::Undo | Action::Redo => {
            let app = app.clone();
            std::thread::spawn(move || {
                let done = app.state::<Current>().api().and_then(|api| match action {
                    Action::Undo => api.undo(&actor()),
                    _ => api.redo(&actor()),
                });
                if let Err(e) = done {
                    message(&app, "Kader", &e.message);
                }
            });
        }
        Action::Language(l) => {
            let settings = app.state::<SettingsFile>();
            settings.update(|s| s.language = Some(l.code().into()));
            settings.save();
            refresh_menu(app);
            crate::announce_language(app, l);
        }
        Action::Quit => {
            app.state::<SettingsFile>().save();
            app.exit(0);
        }
    }
}

fn new_workspace(app: &AppHandle) {
    let app2 = app.clone();
    app.dialog()
        .file()
        .set_title(tr(app, "Create a Kader workspace", "Een Kader-werkruimte maken"))
        .add_filter(tr(app, "Kader workspace", "Kader-werkruimte"), &["kader"])
        .set_file_name(tr(app, "New organization.kader", "Nieuwe organisatie.kader"))
        .save_file(move |file| {
            let Some(mut path) = file.and_then(|f| f.into_path().ok()) else { return };
            if path.extension().is_none_or(|e| e != "kader") {
                path.as_mut_os_string().push(".kader");
            }
            match kader::Workspace::create(&path, Timestamp::now()).and_then(|ws| ws.close().map(drop)) {
                Ok(()) => open_and_show(&app2, &path),
                Err(e) => message(&app2, "Kader", &e.to_string()),
            }
        });
}

fn import(app: &AppHandle) {
    let app2 = app.clone();
    app.dialog()
        .file()
        .set_title(tr(app, "Import an HR export", "Een HR-export importeren"))
        .add_filter(tr(app, "HR export (CSV)", "HR-export (CSV)"), &["csv", "txt", "tsv"])
        .pick_file(move |file| {
            let Some(path) = file.and_then(|f| f.into_path().ok()) else { return };
            std::thread::spawn(move || {
                let app = app2;
                let result = std::fs::read(&path)
                    .map_err(|e| format!("{} could not be read: {e}", path.display()))
                    .and_then(|bytes| {
                        let api = app.state::<Current>().api().map_err(|e| e.message)?;
                        api.import_csv(&bytes, &Default::default(), &actor()).map_err(|e| e.message)
                    });
                match result {
                    Ok(r) => message(
                        &app,
                        &tr(&app, "Import done", "Import klaar"),
                        &tr(
                            &app,
                            &format!(
                                "{} rows read: {} people added, {} updated, {} moved, {} removed, {} unchanged.",
                                r.rows, r.added_count, r.updated.len(), r.moved.len(), r.removed.len(), r.unchanged
                            ),
                            &format!(
                                "{} rijen gelezen: {} mensen toegevoegd, {} bijgewerkt, {} verplaatst, {} verwijderd, {} ongewijzigd.",
                                r.rows, r.added_count, r.updated.len(), r.moved.len(), r.removed.len(), r.unchanged
                            ),
                        ),
                    ),
                    Err(e) => message(&app, &tr(&app, "Import refused", "Import geweigerd"), &e),
                }
            });
        });
}

fn export(app: &AppHandle) {
    let Some(source) = app.state::<Current>().path() else {
        message(app, "Kader", &tr(app, "Open a workspace first.", "Open eerst een werkruimte."));
        return;
    };
    let stem = source.file_stem().map_or_else(|| "kader".into(), |s| s.to_string_lossy().into_owned());
    let app2 = app.clone();
    app.dialog()
        .file()
        .set_title(tr(app, "Export as JSON", "Exporteren als JSON"))
        .add_filter("JSON", &["json"])
        .set_file_name(format!("{stem}.json"))
        .save_file(move |file| {
            let Some(target) = file.and_then(|f| f.into_path().ok()) else { return };
            std::thread::spawn(move || {
                if let Err(e) = export_json(&source).and_then(|json| {
                    std::fs::write(&target, json).map_err(|e| format!("{}: {e}", target.display()))
                }) {
                    message(&app2, "Kader", &e);
                }
            });
        });
}

/// The workspace in the JSON interchange format (`docs/interchange.md`). Read from the file
/// through a second, read-only use of it: every acknowledged change is in the file, so this is
/// exactly what the window shows.
fn export_json(path: &Path) -> Result<String, String> {
    // Read-only: the window holds the workspace's lock.
    let ws = kader::Workspace::open_read_only(path).map_err(|e| e.to_string())?;
    Ok(kader::interchange::export(ws.org()))
}

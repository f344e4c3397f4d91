//! The native menu: File (New, Open, Open recent, Import HR export…, Export…), Edit (Undo, Redo,
//! and the text-editing items the webview needs), View ▸ Language. Labels follow the chosen
//! language; the menu is rebuilt when the language or the recent list changes.

use std::path::PathBuf;
use tauri::menu::{
    CheckMenuItemBuilder, Menu, MenuBuilder, MenuItemBuilder, PredefinedMenuItem, SubmenuBuilder,
};
use tauri::{AppHandle, Runtime};

/// The menu language; also what `kader://language` carries ("en" or "nl").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Nl,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
        }
    }
    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "nl" => Some(Lang::Nl),
            _ => None,
        }
    }
    /// The language of the system (LANG / LC_ALL / LC_MESSAGES), English unless it is Dutch.
    pub fn from_environment() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
            .filter(|v| v.starts_with("nl"))
            .map_or(Lang::En, |_| Lang::Nl)
    }
}

/// What a menu item does. Ids are stable strings, so tests and logs can name them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    New,
    Open,
    OpenRecent(usize),
    Import,
    Export,
    Undo,
    Redo,
    Language(Lang),
    Quit,
}

impl Action {
    pub fn id(&self) -> String {
        match self {
            Action::New => "new".into(),
            Action::Open => "open".into(),
            Action::OpenRecent(i) => format!("recent:{i}"),
            Action::Import => "import".into(),
            Action::Export => "export".into(),
            Action::Undo => "undo".into(),
            Action::Redo => "redo".into(),
            Action::Language(l) => format!("language:{}", l.code()),
            Action::Quit => "quit".into(),
        }
    }

    pub fn parse(id: &str) -> Option<Action> {
        Some(match id {
            "new" => Action::New,
            "open" => Action::Open,
            "import" => Action::Import,
            "export" => Action::Export,
            "undo" => Action::Undo,
            "redo" => Action::Redo,
            "quit" => Action::Quit,
            _ => {
                if let Some(i) = id.strip_prefix("recent:") {
                    Action::OpenRecent(i.parse().ok()?)
                } else {
                    Action::Language(Lang::parse(id.strip_prefix("language:")?)?)
                }
            }
        })
    }
}

/// The menu's words in both languages.
struct Words {
    file: &'static str,
    new: &'static str,
    open: &'static str,
    recent: &'static str,
    no_recent: &'static str,
    import: &'static str,
    export: &'static str,
    quit: &'static str,
    edit: &'static str,
    undo: &'static str,
    redo: &'static str,
    view: &'static str,
    language: &'static str,
}

const EN: Words = Words {
    file: "File",
    new: "New workspace…",
    open: "Open…",
    recent: "Open recent",
    no_recent: "No recent workspaces",
    import: "Import HR export…",
    export: "Export…",
    quit: "Quit",
    edit: "Edit",
    undo: "Undo change",
    redo: "Redo change",
    view: "View",
    language: "Language",
};

const NL: Words = Words {
    file: "Bestand",
    new: "Nieuwe werkruimte…",
    open: "Openen…",
    recent: "Recent geopend",
    no_recent: "Geen recente werkruimtes",
    import: "HR-export importeren…",
    export: "Exporteren…",
    quit: "Afsluiten",
    edit: "Bewerken",
    undo: "Wijziging ongedaan maken",
    redo: "Wijziging opnieuw doen",
    view: "Beeld",
    language: "Taal",
};

pub fn build<R: Runtime>(app: &AppHandle<R>, lang: Lang, recent: &[PathBuf]) -> tauri::Result<Menu<R>> {
    let w = match lang {
        Lang::En => &EN,
        Lang::Nl => &NL,
    };
    let item = |action: Action, text: &str, accelerator: Option<&str>| {
        let b = MenuItemBuilder::with_id(action.id(), text);
        match accelerator {
            Some(a) => b.accelerator(a),
            None => b,
        }
        .build(app)
    };

    let mut recent_menu = SubmenuBuilder::new(app, w.recent);
    if recent.is_empty() {
        recent_menu = recent_menu.item(&MenuItemBuilder::new(w.no_recent).enabled(false).build(app)?);
    }
    for (i, path) in recent.iter().enumerate() {
        let name =
            path.file_stem().map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into());
        let label =
            format!("{name}  —  {}", path.parent().map(|p| p.display().to_string()).unwrap_or_default());
        recent_menu = recent_menu.item(&item(Action::OpenRecent(i), &label, None)?);
    }

    let file = SubmenuBuilder::new(app, w.file)
        .item(&item(Action::New, w.new, Some("CmdOrCtrl+N"))?)
        .item(&item(Action::Open, w.open, Some("CmdOrCtrl+O"))?)
        .item(&recent_menu.build()?)
        .separator()
        .item(&item(Action::Import, w.import, None)?)
        .item(&item(Action::Export, w.export, None)?)
        .separator()
        .item(&item(Action::Quit, w.quit, Some("CmdOrCtrl+Q"))?)
        .build()?;

    // Undo and Redo carry no accelerator: Ctrl+Z belongs to the UI, which undoes text in a field
    // and the workspace elsewhere; a menu accelerator would take the key from text fields.
    let edit = SubmenuBuilder::new(app, w.edit)
        .item(&item(Action::Undo, w.undo, None)?)
        .item(&item(Action::Redo, w.redo, None)?)
        .separator()
        .item(&PredefinedMenuItem::cut(app, None)?)
        .item(&PredefinedMenuItem::copy(app, None)?)
        .item(&PredefinedMenuItem::paste(app, None)?)
        .item(&PredefinedMenuItem::select_all(app, None)?)
        .build()?;

    let language = SubmenuBuilder::new(app, w.language)
        .item(
            &CheckMenuItemBuilder::with_id(Action::Language(Lang::En).id(), "English")
                .checked(lang == Lang::En)
                .build(app)?,
        )
        .item(
            &CheckMenuItemBuilder::with_id(Action::Language(Lang::Nl).id(), "Nederlands")
                .checked(lang == Lang::Nl)
                .build(app)?,
        )
        .build()?;
    let view = SubmenuBuilder::new(app, w.view).item(&language).build()?;

    MenuBuilder::new(app).items(&[&file, &edit, &view]).build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_ids_round_trip() {
        for a in [
            Action::New,
            Action::Open,
            Action::OpenRecent(0),
            Action::OpenRecent(7),
            Action::Import,
            Action::Export,
            Action::Undo,
            Action::Redo,
            Action::Language(Lang::En),
            Action::Language(Lang::Nl),
            Action::Quit,
        ] {
            assert_eq!(Action::parse(&a.id()), Some(a.clone()), "id {:?}", a.id());
        }
        assert_eq!(Action::parse("language:fr"), None, "unknown languages are not actions");
        assert_eq!(Action::parse("recent:x"), None, "a recent index is a number");
    }
}

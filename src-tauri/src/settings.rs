//! The desktop's own settings — recent workspaces, the window's size, the menu language — kept as
//! JSON in the app config directory (`~/.config/be.kader.desktop/settings.json` on Linux). Never
//! workspace data: that lives in the workspace file.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How many recent workspaces File ▸ Open recent lists.
const MAX_RECENT: usize = 8;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Most recent first; the first one is reopened when Kader starts without an argument.
    pub recent: Vec<PathBuf>,
    pub window: Option<WindowSize>,
    /// "en" or "nl", as last chosen in the Language menu.
    pub language: Option<String>,
}

/// The window's inner size in logical pixels.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowSize {
    pub width: f64,
    pub height: f64,
    #[serde(default)]
    pub maximized: bool,
}

impl WindowSize {
    /// Sizes outside this range (a corrupt file, a monitor since unplugged) are not restored.
    pub fn is_sane(&self) -> bool {
        (400.0..=10_000.0).contains(&self.width) && (300.0..=10_000.0).contains(&self.height)
    }
}

impl Settings {
    /// Reads the settings; a missing or unreadable file gives the defaults (settings are a
    /// convenience, never a reason not to start).
    pub fn load(path: &Path) -> Settings {
        std::fs::read(path).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok()).unwrap_or_default()
    }

    /// Writes the settings atomically (a temporary file renamed over the old one).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("json.tmp");
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, json)?;
        std::fs::rename(&tmp, path)
    }

    /// Puts `path` first in the recent list, without duplicates, keeping at most [`MAX_RECENT`].
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// Drops recent entries whose file is gone.
    pub fn forget_missing(&mut self) {
        self.recent.retain(|p| p.is_file());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_most_recent_first_unique_and_bounded() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = |n: usize| {
            let p = dir.path().join(format!("w{n}.kader"));
            std::fs::write(&p, b"x").expect("a file");
            p
        };
        let mut s = Settings::default();
        for n in 0..10 {
            s.remember(&file(n));
        }
        s.remember(&file(3));
        assert_eq!(s.recent.len(), MAX_RECENT, "the list is bounded");
        assert!(s.recent[0].ends_with("w3.kader"), "the last opened comes first: {:?}", s.recent);
        assert_eq!(s.recent.iter().filter(|p| p.ends_with("w3.kader")).count(), 1, "no duplicates");
        std::fs::remove_file(dir.path().join("w9.kader")).expect("remove");
        s.forget_missing();
        assert!(!s.recent.iter().any(|p| p.ends_with("w9.kader")), "missing files are forgotten");
    }

    #[test]
    fn settings_round_trip_and_a_broken_file_gives_the_defaults() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("sub").join("settings.json");
        let s = Settings {
            recent: vec![PathBuf::from("/tmp/a.kader")],
            window: Some(WindowSize { width: 1440.0, height: 900.0, maximized: false }),
            language: Some("nl".into()),
        };
        s.save(&path).expect("save");
        assert_eq!(Settings::load(&path), s, "what is saved is read back");
        std::fs::write(&path, b"{ not json").expect("write");
        assert_eq!(Settings::load(&path), Settings::default(), "a broken file gives the defaults");
        assert_eq!(Settings::load(&dir.path().join("none.json")), Settings::default());
    }
}

//! One writer per workspace file.
//!
//! A workspace opened for writing holds an exclusive advisory lock (`flock` on Unix, `LockFileEx`
//! on Windows, through `std::fs::File::try_lock`) on a small file beside it, `NAME.kader.lock`.
//! The lock is the operating system's: it is released when the holding process ends, however it
//! ends (a `kill -9` or a power cut included), so a lock left by a dead process is simply free
//! and the next writer takes it. The lock file itself is left in place: deleting it could let two
//! processes lock two different files of the same name.
//!
//! Who holds the lock is recorded in the lock file itself (a [`Holder`] as JSON), written right
//! after the lock is taken and emptied when the workspace is closed, so that opening a workspace
//! never changes the workspace file (a refused import leaves it byte for byte as it was). A record
//! left by a process that died is stale but harmless: it is overwritten by the next writer. On
//! Windows a locked file cannot be read by other processes, so there the refusal says "another
//! Kader program" without naming it.

use crate::date::Timestamp;
use crate::i18n::{Lang, Msg};
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The names of the programs that open workspaces for writing, as [`Holder::app`] records them.
pub const APP_DESKTOP: &str = "Kader desktop";
pub const APP_SERVE: &str = "kader serve";
pub const APP_IMPORT: &str = "kader import";
pub const APP_CLI: &str = "kader";
/// What [`crate::Workspace::open`] records when no program is named.
pub const APP_DEFAULT: &str = "Kader";

/// Who holds a workspace open for writing: the program, the user, the computer, the process and
/// since when.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    /// "Kader desktop", "kader serve", "kader import", …
    pub app: String,
    /// The user's login name; empty when unknown.
    pub user: String,
    /// The computer's name; empty when unknown.
    pub host: String,
    pub pid: u32,
    /// When the lock was taken.
    pub since: Timestamp,
}

impl Holder {
    /// This process, as `app`, holding the lock since `since`. The user and the computer come
    /// from the environment (`USER`/`USERNAME`, the kernel's host name or `COMPUTERNAME`).
    pub fn this_process(app: &str, since: Timestamp) -> Holder {
        Holder { app: app.to_owned(), user: user_name(), host: host_name(), pid: std::process::id(), since }
    }

    /// The holder in words ("kader serve (ann on laptop-7, process 4242) since 2026-12-07 14:05
    /// UTC").
    pub fn msg(&self) -> Msg {
        Msg::LockHolder {
            app: self.app.clone(),
            user: (!self.user.is_empty()).then(|| self.user.clone()),
            host: (!self.host.is_empty()).then(|| self.host.clone()),
            pid: self.pid,
            since: minutes_utc(self.since),
        }
    }

    pub fn say(&self, lang: Lang) -> String {
        self.msg().say(lang)
    }
}

/// A time as "2026-12-07 14:05 UTC".
pub fn minutes_utc(at: Timestamp) -> String {
    let iso = at.to_string(); // 2026-12-07T14:05:09Z
    match (iso.get(..10), iso.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => iso,
    }
}

fn user_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()))
        .unwrap_or_default()
}

fn host_name() -> String {
    let from_file = ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()));
    from_file
        .or_else(|| {
            ["COMPUTERNAME", "HOSTNAME"]
                .iter()
                .find_map(|k| std::env::var(k).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()))
        })
        .unwrap_or_default()
}

/// The lock file of the workspace at `path`: `NAME.kader.lock` beside it.
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// The exclusive lock of a workspace file, held until dropped.
#[derive(Debug)]
pub struct WriterLock {
    file: File,
}

impl WriterLock {
    /// Records `holder` in the lock file.
    pub fn record(&mut self, holder: &Holder) -> std::io::Result<()> {
        let json = serde_json::to_string(holder).expect("a holder serializes");
        self.file.set_len(0)?;
        self.file.seek(SeekFrom::Start(0))?;
        self.file.write_all(json.as_bytes())?;
        self.file.flush()
    }

    /// Empties the record (the workspace is being closed).
    pub fn clear(&mut self) {
        // Only a record: if this fails, the next writer overwrites it.
        let _ = self.file.set_len(0);
    }
}

/// Who holds (or last held, if it died) the workspace at `path` open for writing, as recorded in
/// its lock file; `None` when nothing readable is recorded.
pub fn holder(path: &Path) -> Option<Holder> {
    let text = std::fs::read_to_string(lock_path(path)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Why the lock could not be taken.
#[derive(Debug)]
pub enum LockFailure {
    /// Another process (or another open workspace in this one) holds it.
    Held,
    /// The lock file could not be created or locked.
    Io(std::io::Error),
}

/// Takes the exclusive lock of the workspace at `path`, without waiting. The second value tells
/// whether this call created the lock file (so that a failed open can remove it again).
pub fn acquire(path: &Path) -> Result<(WriterLock, bool), LockFailure> {
    let lock = lock_path(path);
    let (file, created) = match OpenOptions::new().read(true).write(true).create_new(true).open(&lock) {
        Ok(f) => (f, true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            (OpenOptions::new().read(true).write(true).open(&lock).map_err(LockFailure::Io)?, false)
        }
        Err(e) => return Err(LockFailure::Io(e)),
    };
    match file.try_lock() {
        Ok(()) => Ok((WriterLock { file }, created)),
        Err(TryLockError::WouldBlock) => Err(LockFailure::Held),
        Err(TryLockError::Error(e)) => Err(LockFailure::Io(e)),
    }
}

/// A workspace that another process holds open for writing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Locked {
    /// The workspace file, as shown to the user.
    pub path: String,
    /// Who holds it, when its record could be read.
    pub holder: Option<Holder>,
}

impl Locked {
    pub fn msg(&self) -> Msg {
        Msg::WorkspaceLocked {
            path: self.path.clone(),
            holder: self.holder.as_ref().map(|h| Box::new(h.msg())),
        }
    }

    /// The refusal in `lang`: who holds the file, since when, and that it can be opened read-only.
    pub fn say(&self, lang: Lang) -> String {
        self.msg().say(lang)
    }
}

impl std::fmt::Display for Locked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_holder_is_worded_with_who_where_and_since_when() {
        let h = Holder {
            app: APP_SERVE.into(),
            user: "ann".into(),
            host: "laptop-7".into(),
            pid: 4242,
            since: Timestamp(1_796_652_300_000),
        };
        let en = h.say(Lang::En);
        let nl = h.say(Lang::Nl);
        for text in [&en, &nl] {
            for part in ["kader serve", "ann", "laptop-7", "4242", "2026-12-07 14:05 UTC"] {
                assert!(text.contains(part), "{part:?} missing in {text:?}");
            }
        }
        let anonymous = Holder { user: String::new(), host: String::new(), ..h };
        assert!(!anonymous.say(Lang::En).contains(" on "), "no empty host: {}", anonymous.say(Lang::En));
    }

    #[test]
    fn the_lock_is_exclusive_and_released_when_dropped() {
        let dir = std::env::temp_dir().join(format!("kader-lock-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let path = dir.join("org.kader");
        let (mut first, created) = acquire(&path).expect("the first lock is taken");
        assert!(created, "the lock file was created");
        let h = Holder::this_process(APP_CLI, Timestamp(0));
        first.record(&h).expect("recorded");
        assert_eq!(holder(&path), Some(h), "the record reads back");
        assert!(matches!(acquire(&path), Err(LockFailure::Held)), "a second lock is refused");
        drop(first);
        let (_again, created) = acquire(&path).expect("a released lock is taken again");
        assert!(!created, "the lock file is reused");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

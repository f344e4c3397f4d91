//! Co-edited documents — the vision — as Yjs documents (yrs, wire-compatible with the npm `yjs`),
//! stored in the workspace file as the updates that made them.
//!
//! A document is a list of binary Yjs updates in the table `doc_update`; loading applies them in
//! order. [`DocStore::append`] writes a batch of updates in one transaction: a caller acknowledges
//! an update (relays it, answers its sender) only after `append` returned, so an acknowledged edit
//! survives a crash of the process. [`DocStore::compact`] replaces a document's updates with one
//! update holding its whole state, in one transaction, so a long workshop does not make opening
//! slow. Presence (cursors, names) is never stored: it is not part of a document.
//!
//! The store has a SQLite connection of its own, so writing a document never waits for a large
//! change of the organization, and the organization never waits for a document (WAL mode lets one
//! write while the other reads; writes take turns within SQLite's busy timeout).
//!
//! Invariant: applying a document's stored updates in order gives the state that was last
//! acknowledged. Only updates that decoded and applied cleanly are stored.

use crate::error::{Error, Result};
use crate::store;
use rusqlite::{params, Connection, OpenFlags};
use std::path::{Path, PathBuf};
use yrs::types::text::YChange;
use yrs::updates::decoder::Decode;
use yrs::{Doc, Out, ReadTxn, StateVector, Text, Transact, Update, XmlFragment, XmlOut};

/// The vision document's name.
pub const VISION: &str = "vision";

/// The vision's sections, in order: each is a rich-text fragment (`Y.XmlFragment`) of the vision
/// document under this name. Their order follows the BRIEF: the why, the picture of the future,
/// values, goals with the why they serve, and what the vision means for culture, leaders and
/// structure.
pub const VISION_SECTIONS: [&str; 7] =
    ["purpose", "future", "values", "goals", "culture", "leaders", "structure"];

/// The largest single update accepted (an offline client's whole state arrives as one).
pub const MAX_UPDATE_BYTES: usize = 8 << 20;

/// After this many stored updates a document is due for compaction.
pub const COMPACT_AFTER: usize = 512;

/// Checks a document name: 1–64 of `a-z`, `0-9`, `-`, `_`, `.`, starting with a letter or digit.
pub fn check_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name.as_bytes()[0].is_ascii_alphanumeric()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "{name:?} is not a document name (1 to 64 lowercase letters, digits, '-', '_' or '.')"
        )))
    }
}

/// Decodes an update and applies it to `doc`; the error says what was wrong with it.
pub fn apply_update(doc: &Doc, update: &[u8]) -> Result<()> {
    if update.len() > MAX_UPDATE_BYTES {
        return Err(Error::invalid(format!(
            "a document update of {} bytes is larger than the {} MB allowed",
            update.len(),
            MAX_UPDATE_BYTES >> 20
        )));
    }
    let decoded =
        Update::decode_v1(update).map_err(|e| Error::invalid(format!("not a valid Yjs update: {e}")))?;
    doc.transact_mut()
        .apply_update(decoded)
        .map_err(|e| Error::invalid(format!("the Yjs update could not be applied: {e}")))
}

/// The whole state of `doc` as one update (including updates still waiting for their
/// predecessors).
pub fn state_as_update(doc: &Doc) -> Vec<u8> {
    doc.transact().encode_state_as_update_v1(&StateVector::default())
}

/// The documents of one workspace file.
pub struct DocStore {
    path: PathBuf,
    conn: Connection,
}

impl std::fmt::Debug for DocStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocStore").field("path", &self.path).finish()
    }
}

impl DocStore {
    /// Opens the documents of a workspace that [`crate::Workspace::open`] (or `create`) has
    /// already opened: that is what checks and migrates the file.
    pub fn open(path: impl AsRef<Path>) -> Result<DocStore> {
        let path = path.as_ref();
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        store::configure(&conn)?;
        let version = store::schema_version(&conn)?;
        if version < store::DOCS_SINCE {
            return Err(Error::invalid(format!(
                "{} has no documents yet (workspace format {version}): open it in Kader first",
                path.display()
            )));
        }
        if version > store::SCHEMA_VERSION {
            return Err(Error::ReadOnly {
                path: path.display().to_string(),
                reason: format!("it was written by a newer version of Kader (workspace format {version})"),
            });
        }
        Ok(DocStore { path: path.to_owned(), conn })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The document as stored, and how many updates it is stored as. A document never written
    /// is empty. A stored update that no longer applies is an error that names it.
    pub fn load(&self, name: &str) -> Result<(Doc, usize)> {
        load_into(&self.conn, name, Doc::new())
    }

    /// Stores updates of one document, all or none, in one transaction. When this returns, they
    /// survive a crash of the process.
    pub fn append<'a>(&mut self, name: &str, updates: impl IntoIterator<Item = &'a [u8]>) -> Result<usize> {
        check_name(name)?;
        let tx = self.conn.transaction()?;
        let mut n = 0;
        {
            let mut insert = tx.prepare_cached("INSERT INTO doc_update (doc, data) VALUES (?1, ?2)")?;
            for update in updates {
                insert.execute(params![name, update])?;
                n += 1;
            }
        }
        tx.commit()?;
        Ok(n)
    }

    /// Replaces a document's stored updates with one update holding the whole of `doc`, which
    /// must be the document as loaded plus everything appended since. One transaction: a crash
    /// leaves either the old updates or the compacted one.
    pub fn compact(&mut self, name: &str, doc: &Doc) -> Result<()> {
        check_name(name)?;
        let state = state_as_update(doc);
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM doc_update WHERE doc = ?1", [name])?;
        tx.execute("INSERT INTO doc_update (doc, data) VALUES (?1, ?2)", params![name, state])?;
        tx.commit()?;
        Ok(())
    }

    /// How many updates a document is stored as.
    pub fn count(&self, name: &str) -> Result<usize> {
        let n: i64 =
            self.conn.query_row("SELECT count(*) FROM doc_update WHERE doc = ?1", [name], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// The names of the documents with anything stored.
    pub fn names(&self) -> Result<Vec<String>> {
        let mut statement = self.conn.prepare("SELECT DISTINCT doc FROM doc_update ORDER BY doc")?;
        let names = statement.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(names)
    }
}

/// Loads a document's stored updates into `doc` through any connection to the workspace file
/// (the proposals read and revise the vision through the workspace's own).
pub(crate) fn load_into(conn: &Connection, name: &str, doc: Doc) -> Result<(Doc, usize)> {
    check_name(name)?;
    let mut statement = conn.prepare_cached("SELECT id, data FROM doc_update WHERE doc = ?1 ORDER BY id")?;
    let mut rows = statement.query([name])?;
    let mut count = 0;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let data: Vec<u8> = row.get(1)?;
        apply_update(&doc, &data).map_err(|e| {
            Error::invalid(format!(
                "update {id} of the document {name:?} in the workspace file is damaged: {e}"
            ))
        })?;
        count += 1;
    }
    Ok((doc, count))
}

/// Stores one update of a document inside a caller's transaction.
pub(crate) fn append_tx(tx: &rusqlite::Transaction, name: &str, update: &[u8]) -> Result<()> {
    check_name(name)?;
    tx.prepare_cached("INSERT INTO doc_update (doc, data) VALUES (?1, ?2)")?
        .execute(params![name, update])?;
    Ok(())
}

/// The plain text of each vision section, one line per paragraph, heading or list item: for
/// reports, search and tests.
pub fn vision_text(doc: &Doc) -> Vec<(&'static str, String)> {
    let txn = doc.transact();
    VISION_SECTIONS
        .iter()
        .map(|&section| {
            let mut text = String::new();
            if let Some(fragment) = txn.get_xml_fragment(section) {
                for child in fragment.children(&txn) {
                    plain_text(&txn, child, &mut text);
                }
            }
            (section, text.trim_end().to_owned())
        })
        .collect()
}

fn plain_text<T: ReadTxn>(txn: &T, node: XmlOut, out: &mut String) {
    match node {
        XmlOut::Text(text) => {
            for chunk in text.diff(txn, YChange::identity) {
                if let Out::Any(yrs::Any::String(s)) = chunk.insert {
                    out.push_str(&s);
                }
            }
        }
        XmlOut::Element(element) => {
            for child in element.children(txn) {
                plain_text(txn, child, out);
            }
            // Text blocks end their line; containers (lists, quotes) hold blocks that already do.
            if matches!(&**element.tag(), "paragraph" | "heading" | "codeBlock") {
                out.push('\n');
            }
        }
        XmlOut::Fragment(fragment) => {
            for child in fragment.children(txn) {
                plain_text(txn, child, out);
            }
        }
    }
}

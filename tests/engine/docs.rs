//! The co-edited documents in the workspace file: stored before acknowledged, loaded in order,
//! compacted to the same state, migrated into files written before documents existed, and bad
//! updates refused without a trace.

use super::*;
use kader::docs::{self, DocStore};
use yrs::{Doc, GetString, Text, Transact, XmlFragment, XmlTextPrelim};

fn typed(doc: &Doc, text: &str) -> Vec<u8> {
    let t = doc.get_or_insert_text("t");
    let mut txn = doc.transact_mut();
    let len = t.len(&txn);
    t.insert(&mut txn, len, text);
    txn.encode_update_v1()
}

/// A new workspace file, closed: the documents open it with a connection of their own.
fn new_workspace() -> (TempDir, PathBuf) {
    let (dir, ws) = ws();
    let path = ws.path().to_owned();
    ws.close().expect("closes");
    (dir, path)
}

fn text_of(doc: &Doc) -> String {
    let t = doc.get_or_insert_text("t");
    t.get_string(&doc.transact())
}

#[test]
fn updates_are_stored_in_order_and_compaction_keeps_the_state() {
    let (_dir, path) = new_workspace();
    let mut store = DocStore::open(&path).expect("the documents open");
    let author = Doc::new();
    for word in ["Freedom ", "within ", "a ", "framework"] {
        let update = typed(&author, word);
        store.append(docs::VISION, [update.as_slice()]).expect("stored");
    }
    let (doc, count) = store.load(docs::VISION).expect("loads");
    assert_eq!((text_of(&doc), count), ("Freedom within a framework".to_owned(), 4));
    store.compact(docs::VISION, &doc).expect("compacts");
    let (doc, count) = store.load(docs::VISION).expect("loads");
    assert_eq!((text_of(&doc), count), ("Freedom within a framework".to_owned(), 1));
    // Another document is separate; an unknown document is empty.
    assert_eq!(store.names().expect("names"), vec!["vision".to_owned()]);
    let (other, count) = store.load("notes").expect("loads");
    assert_eq!((text_of(&other), count), (String::new(), 0));
}

#[test]
fn a_bad_update_is_refused_and_nothing_is_stored() {
    let doc = Doc::new();
    let err = docs::apply_update(&doc, &[0xFF, 0xFF, 0xFF, 0x01]).expect_err("not an update");
    assert!(err.to_string().contains("not a valid Yjs update"), "{err}");
    let huge = vec![0u8; docs::MAX_UPDATE_BYTES + 1];
    let err = docs::apply_update(&doc, &huge).expect_err("too large");
    assert!(err.to_string().contains("MB allowed"), "{err}");
    let err = docs::check_name("../vision").expect_err("not a name");
    assert!(err.to_string().contains("\"../vision\""), "names the value: {err}");
}

#[test]
fn a_file_from_before_documents_is_migrated_when_opened() {
    let (_dir, path) = new_workspace();
    {
        // Make it a format-1 file: no document table, none of the later ones.
        let conn = rusqlite::Connection::open(&path).expect("opens");
        conn.execute_batch(&format!(
            "{} DROP TABLE doc_update; PRAGMA user_version = 1;",
            super::proposals::DROP_FORMAT_3
        ))
        .expect("downgraded");
    }
    let err = DocStore::open(&path).expect_err("not migrated yet");
    assert!(err.to_string().contains("open it in Kader first"), "{err}");
    Workspace::open(&path).expect("the workspace opens and migrates").close().expect("closes");
    let mut store = DocStore::open(&path).expect("the documents open now");
    let update = typed(&Doc::new(), "Why");
    store.append(docs::VISION, [update.as_slice()]).expect("stored");
}

#[test]
fn the_vision_sections_read_as_plain_text() {
    let doc = Doc::new();
    let purpose = doc.get_or_insert_xml_fragment("purpose");
    {
        let mut txn = doc.transact_mut();
        let p = purpose.push_back(&mut txn, yrs::XmlElementPrelim::empty("paragraph"));
        p.push_back(&mut txn, XmlTextPrelim::new("We make care simple."));
        let h = purpose.push_back(&mut txn, yrs::XmlElementPrelim::empty("paragraph"));
        h.push_back(&mut txn, XmlTextPrelim::new("For everyone."));
    }
    let sections = docs::vision_text(&doc);
    assert_eq!(sections.len(), docs::VISION_SECTIONS.len());
    assert_eq!(sections[0], ("purpose", "We make care simple.\nFor everyone.".to_owned()));
    assert!(sections[1..].iter().all(|(_, text)| text.is_empty()));
}

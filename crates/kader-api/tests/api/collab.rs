//! Co-editing through the hub: seeded randomized convergence (five peers editing with random
//! disconnects, messages lost with a dropped connection, and every delivery reordered), the
//! protocol's refusals, read-only peers, persistence before acknowledgement and compaction.
//!
//! A failing seed is printed; replay it with `KADER_SEED=<seed> cargo test -p kader-api --test api
//! collab`.

use kader::docs::{self, DocStore};
use kader::Workspace;
use kader_api::collab::{Access, Hub, Outbound, Peer};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};
use yrs::encoding::read::Cursor;
use yrs::sync::{Message, MessageReader, SyncMessage};
use yrs::updates::decoder::DecoderV1;
use yrs::updates::encoder::Encode;
use yrs::{Doc, GetString, ReadTxn, StateVector, Text, Transact};

/// xorshift64*: small, seeded, the same on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// A Yjs client as a browser runs one: its own document, a connection that may drop, and what is
/// in flight both ways (lost when the connection drops).
struct Client {
    doc: Doc,
    peer: Option<Peer>,
    sending: Vec<Vec<u8>>,
    receiving: Vec<Vec<u8>>,
}

fn message(m: Message) -> Vec<u8> {
    m.encode_v1()
}

impl Client {
    fn new() -> Client {
        Client { doc: Doc::new(), peer: None, sending: Vec::new(), receiving: Vec::new() }
    }

    fn connect(&mut self, hub: &Hub, access: Access) {
        self.peer = Some(hub.join(docs::VISION, access, None).expect("the document opens"));
        let sv = self.doc.transact().state_vector();
        self.sending.push(message(Message::Sync(SyncMessage::SyncStep1(sv))));
    }

    fn disconnect(&mut self) {
        self.peer = None;
        self.sending.clear();
        self.receiving.clear();
    }

    fn edit(&mut self, rng: &mut Rng, n: usize) {
        let text = self.doc.get_or_insert_text("purpose");
        let mut txn = self.doc.transact_mut();
        let len = text.len(&txn);
        if len > 4 && rng.below(4) == 0 {
            let at = rng.below(len as usize - 2) as u32;
            text.remove_range(&mut txn, at, 2);
        } else {
            let at = if len == 0 { 0 } else { rng.below(len as usize + 1) as u32 };
            text.insert(&mut txn, at, &format!("<{n}>"));
        }
        let update = txn.encode_update_v1();
        drop(txn);
        if self.peer.is_some() {
            self.sending.push(message(Message::Sync(SyncMessage::Update(update))));
        }
    }

    /// Sends what is waiting, in a random order.
    fn flush(&mut self, rng: &mut Rng) {
        let Some(peer) = &self.peer else { return };
        let mut out = std::mem::take(&mut self.sending);
        rng.shuffle(&mut out);
        for bytes in out {
            assert!(peer.send(bytes), "the room is open");
        }
    }

    /// Takes what arrived and handles it in a random order. Whether anything arrived.
    fn pump(&mut self, rng: &mut Rng) -> bool {
        let Some(peer) = &mut self.peer else { return false };
        while let Ok(out) = peer.outbox.try_recv() {
            match out {
                Outbound::Message(bytes) => self.receiving.push(bytes.to_vec()),
                Outbound::Close(reason) => panic!("the room closed the connection: {reason}"),
            }
        }
        let mut incoming = std::mem::take(&mut self.receiving);
        let any = !incoming.is_empty();
        rng.shuffle(&mut incoming);
        for bytes in incoming {
            let mut decoder = DecoderV1::new(Cursor::new(&bytes));
            for m in MessageReader::new(&mut decoder) {
                match m.expect("the room sends valid messages") {
                    Message::Sync(SyncMessage::SyncStep1(sv)) => {
                        let diff = self.doc.transact().encode_diff_v1(&sv);
                        self.sending.push(message(Message::Sync(SyncMessage::SyncStep2(diff))));
                    }
                    Message::Sync(SyncMessage::SyncStep2(u)) | Message::Sync(SyncMessage::Update(u)) => {
                        docs::apply_update(&self.doc, &u).expect("the room relays valid updates");
                    }
                    _ => {}
                }
            }
        }
        any
    }

    fn text(&self) -> String {
        let text = self.doc.get_or_insert_text("purpose");
        text.get_string(&self.doc.transact())
    }

    fn state(&self) -> StateVector {
        self.doc.transact().state_vector()
    }
}

fn workspace() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("client.kader");
    Workspace::create(&path, super::NOW).expect("a new workspace");
    (dir, path)
}

fn stored_text(path: &Path) -> String {
    let (doc, _) = DocStore::open(path).expect("the documents open").load(docs::VISION).expect("it loads");
    let text = doc.get_or_insert_text("purpose");
    let s = text.get_string(&doc.transact());
    s
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// One seeded run: five peers, `steps` random actions, then everyone reconnects and syncs.
fn converge(seed: u64, steps: usize) {
    let (_dir, path) = workspace();
    let hub = Hub::new(&path);
    let mut rng = Rng::new(seed);
    let mut clients: Vec<Client> = (0..5).map(|_| Client::new()).collect();
    for c in &mut clients {
        c.connect(&hub, Access::Edit);
    }
    for n in 0..steps {
        let i = rng.below(clients.len());
        let c = &mut clients[i];
        match rng.below(20) {
            0..=8 => c.edit(&mut rng, n),
            9..=12 => c.flush(&mut rng),
            13..=17 => {
                c.pump(&mut rng);
            }
            _ => {
                if c.peer.is_some() {
                    c.disconnect();
                } else {
                    c.connect(&hub, Access::Edit);
                }
            }
        }
    }
    for c in &mut clients {
        if c.peer.is_none() {
            c.connect(&hub, Access::Edit);
        }
    }
    wait_until("every peer has the same document", || {
        for c in &mut clients {
            c.flush(&mut rng);
        }
        std::thread::sleep(Duration::from_millis(2));
        for c in &mut clients {
            c.pump(&mut rng);
        }
        let first = (clients[0].state(), clients[0].text());
        clients.iter().all(|c| (c.state(), c.text()) == first)
    });
    let text = clients[0].text();
    // Everyone leaves: the room closes and compacts; the file holds what they agreed on.
    for c in &mut clients {
        c.disconnect();
    }
    wait_until("the room is torn down", || hub.stats().rooms == 0);
    assert_eq!(stored_text(&path), text, "the file holds the converged document");
    assert!(DocStore::open(&path).expect("opens").count(docs::VISION).expect("counts") <= 1, "compacted");
}

#[test]
fn five_peers_with_random_disconnects_and_reordering_converge() {
    let seeds: Vec<u64> = match std::env::var("KADER_SEED") {
        Ok(seed) => vec![seed.parse().expect("KADER_SEED is a number")],
        Err(_) => (1..=16).collect(),
    };
    for seed in seeds {
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| converge(seed, 400))) {
            let why = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("a panic");
            panic!("seed {seed} did not converge: {why}\nreplay: KADER_SEED={seed} cargo test -p kader-api --test api collab");
        }
    }
}

fn recv(peer: &mut Peer) -> Outbound {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(out) = peer.outbox.try_recv() {
            return out;
        }
        assert!(Instant::now() < deadline, "nothing arrived within 10 s");
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn update_of(text: &str) -> Vec<u8> {
    let doc = Doc::new();
    let t = doc.get_or_insert_text("purpose");
    let mut txn = doc.transact_mut();
    t.insert(&mut txn, 0, text);
    txn.encode_update_v1()
}

#[test]
fn the_room_asks_a_new_peer_for_what_it_has_and_stores_before_it_relays() {
    let (_dir, path) = workspace();
    let hub = Hub::new(&path);
    let mut a = hub.join(docs::VISION, Access::Edit, None).expect("joins");
    let mut b = hub.join(docs::VISION, Access::Edit, None).expect("joins");
    for peer in [&mut a, &mut b] {
        let Outbound::Message(first) = recv(peer) else { panic!("a greeting") };
        assert!(
            matches!(first.first(), Some(0)) && matches!(first.get(1), Some(0)),
            "the greeting is sync step 1"
        );
    }
    assert!(a.send(message(Message::Sync(SyncMessage::Update(update_of("Why we exist"))))));
    let Outbound::Message(relayed) = recv(&mut b) else { panic!("the edit is relayed") };
    // When b has it, the file has it.
    assert_eq!(stored_text(&path), "Why we exist");
    assert!(relayed.len() > 2);
}

#[test]
fn a_read_only_peers_edits_are_dropped_and_a_malformed_message_closes_only_its_connection() {
    let (_dir, path) = workspace();
    let hub = Hub::new(&path);
    let mut owner = hub.join(docs::VISION, Access::Owner, None).expect("joins");
    let mut reader = hub.join(docs::VISION, Access::Read, None).expect("joins");
    let mut rogue = hub.join(docs::VISION, Access::Edit, None).expect("joins");
    for peer in [&mut owner, &mut reader, &mut rogue] {
        recv(peer);
    }
    assert!(reader.send(message(Message::Sync(SyncMessage::Update(update_of("not allowed"))))));
    // A sync update whose payload is not a Yjs update.
    assert!(rogue.send(vec![0, 2, 3, 0xFF, 0xFF, 0xFF]));
    match recv(&mut rogue) {
        Outbound::Close(reason) => assert!(!reason.is_empty(), "says why"),
        other => panic!("the rogue connection is closed, got {other:?}"),
    }
    // The room goes on: the owner's edit reaches the reader.
    assert!(owner.send(message(Message::Sync(SyncMessage::Update(update_of("Allowed"))))));
    let Outbound::Message(_) = recv(&mut reader) else { panic!("relayed") };
    assert_eq!(stored_text(&path), "Allowed", "the read-only edit was never applied nor stored");

    // Locked editing drops a participant's edits, not the owner's.
    hub.set_locked(true);
    let mut participant = hub.join(docs::VISION, Access::Edit, None).expect("joins");
    recv(&mut participant);
    assert!(participant.send(message(Message::Sync(SyncMessage::Update(update_of("locked out "))))));
    assert!(owner.send(message(Message::Sync(SyncMessage::Update(update_of("Owner "))))));
    let Outbound::Message(_) = recv(&mut reader) else { panic!("relayed") };
    assert!(!stored_text(&path).contains("locked out"), "a locked participant's edit is dropped");
    assert!(stored_text(&path).contains("Owner"));
}

#[test]
fn a_document_name_is_checked() {
    let (_dir, path) = workspace();
    let hub = Hub::new(&path);
    for bad in ["", "../etc", "Vision", "a b", &"x".repeat(65)] {
        assert!(hub.join(bad, Access::Owner, None).is_err(), "{bad:?} is refused");
    }
}

#[test]
fn closing_by_tag_disconnects_one_participant_and_ending_disconnects_everyone() {
    let (_dir, path) = workspace();
    let hub = Hub::new(&path);
    let mut a = hub.join(docs::VISION, Access::Edit, Some("ann")).expect("joins");
    let mut b = hub.join(docs::VISION, Access::Edit, Some("bob")).expect("joins");
    let mut owner = hub.join(docs::VISION, Access::Owner, None).expect("joins");
    for peer in [&mut a, &mut b, &mut owner] {
        recv(peer);
    }
    // One participant removed: only their connection closes.
    hub.close(Some("ann"), "you were removed from the session");
    match recv(&mut a) {
        Outbound::Close(reason) => assert_eq!(&*reason, "you were removed from the session"),
        other => panic!("closed, got {other:?}"),
    }
    assert!(owner.send(message(Message::Sync(SyncMessage::Update(update_of("Still here"))))));
    let Outbound::Message(_) = recv(&mut b) else { panic!("bob still receives edits") };
    hub.close(None, "the session ended");
    for peer in [&mut b, &mut owner] {
        match recv(peer) {
            Outbound::Close(reason) => assert_eq!(&*reason, "the session ended"),
            other => panic!("closed, got {other:?}"),
        }
    }
}

/// Nothing more arrives for `peer` within a short while.
fn quiet(peer: &mut Peer, what: &str) {
    std::thread::sleep(Duration::from_millis(150));
    if let Ok(out) = peer.outbox.try_recv() {
        panic!("{what}, got {out:?}");
    }
}

fn presence(entries: &[(u64, u32, &str)]) -> Vec<u8> {
    let mut clients = std::collections::HashMap::new();
    for &(client, clock, json) in entries {
        clients.insert(
            yrs::block::ClientID::new(client),
            yrs::sync::awareness::AwarenessUpdateEntry { clock, json: json.into() },
        );
    }
    message(Message::Awareness(yrs::sync::AwarenessUpdate { clients }))
}

/// The presence entries of an awareness message: (client, clock, json).
fn presence_of(bytes: &[u8]) -> Vec<(u64, u32, String)> {
    let mut decoder = DecoderV1::new(Cursor::new(bytes));
    let mut out = Vec::new();
    for message in MessageReader::new(&mut decoder) {
        if let Ok(Message::Awareness(update)) = message {
            for (client, entry) in update.clients {
                out.push((client.get(), entry.clock, entry.json.to_string()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn hostile_frames_close_their_sender_without_reserving_memory_or_being_half_read() {
    let (_dir, path) = workspace();
    let hub = Hub::new(&path);
    let mut owner = hub.join(docs::VISION, Access::Owner, None).expect("joins");
    recv(&mut owner);
    let frames: &[&[u8]] = &[
        // Counts of 2^32 - 1 in a few bytes: an update, a state vector, presence.
        &[0x00, 0x02, 0x05, 0xff, 0xff, 0xff, 0xff, 0x0f],
        &[0x00, 0x00, 0x05, 0xff, 0xff, 0xff, 0xff, 0x0f],
        &[0x01, 0x05, 0xff, 0xff, 0xff, 0xff, 0x0f],
        // Cut off: a length, a buffer, a state vector, a presence text.
        &[0x00, 0x02, 0xff],
        &[0x00, 0x02, 0x0a, 0x01, 0x01],
        &[0x00, 0x00, 0x02, 0x05, 0x01],
        &[0x01, 0x05, 0x01, 0x01, 0x01, 0x0a, 0xff],
        // An unknown sync message type; an empty frame.
        &[0x00, 0x07, 0x00],
        &[],
    ];
    let started = Instant::now();
    for frame in frames {
        let mut rogue = hub.join(docs::VISION, Access::Edit, None).expect("joins");
        recv(&mut rogue);
        assert!(rogue.send(frame.to_vec()));
        match recv(&mut rogue) {
            Outbound::Close(reason) => assert!(reason.contains("malformed"), "{frame:02x?}: {reason}"),
            other => panic!("{frame:02x?} closes its sender, got {other:?}"),
        }
    }
    assert!(started.elapsed() < Duration::from_secs(5), "refused at once, not after reserving memory");
    // The room goes on.
    let mut other = hub.join(docs::VISION, Access::Edit, None).expect("joins");
    recv(&mut other);
    assert!(owner.send(message(Message::Sync(SyncMessage::Update(update_of("Still open"))))));
    let Outbound::Message(_) = recv(&mut other) else { panic!("relayed") };
    assert_eq!(stored_text(&path), "Still open");
}

#[test]
fn an_empty_update_is_neither_stored_nor_relayed() {
    let (_dir, path) = workspace();
    let hub = Hub::new(&path);
    let mut a = hub.join(docs::VISION, Access::Edit, None).expect("joins");
    let mut b = hub.join(docs::VISION, Access::Edit, None).expect("joins");
    recv(&mut a);
    recv(&mut b);
    let before = hub.stats().updates_stored;
    // What a client with nothing new answers to sync step 1.
    assert!(a.send(message(Message::Sync(SyncMessage::SyncStep2(vec![0, 0])))));
    quiet(&mut b, "an empty update is not relayed");
    assert_eq!(hub.stats().updates_stored, before, "nor stored");
}

#[test]
fn presence_is_relayed_once_and_leaving_removes_only_ones_own() {
    let (_dir, path) = workspace();
    let hub = Hub::new(&path);
    let mut ann = hub.join(docs::VISION, Access::Edit, None).expect("joins");
    let mut bob = hub.join(docs::VISION, Access::Edit, None).expect("joins");
    recv(&mut ann);
    recv(&mut bob);
    assert!(ann.send(presence(&[(11, 1, "{\"name\":\"Ann\"}")])));
    let Outbound::Message(seen) = recv(&mut bob) else { panic!("relayed") };
    assert_eq!(presence_of(&seen), [(11, 1, "{\"name\":\"Ann\"}".to_owned())]);
    let Outbound::Message(_) = recv(&mut ann) else { panic!("the sender gets the batch too") };
    // Bob's client echoes Ann's presence with his own (y-websocket does on a query): only his
    // own entry is new, so only it is relayed.
    assert!(bob.send(presence(&[(11, 1, "{\"name\":\"Ann\"}"), (22, 1, "{\"name\":\"Bob\"}")])));
    let Outbound::Message(seen) = recv(&mut ann) else { panic!("relayed") };
    assert_eq!(presence_of(&seen), [(22, 1, "{\"name\":\"Bob\"}".to_owned())], "the echo is not relayed");
    recv(&mut bob);
    // A pure echo produces nothing at all.
    assert!(bob.send(presence(&[(11, 1, "{\"name\":\"Ann\"}")])));
    quiet(&mut ann, "a pure echo is not relayed");
    quiet(&mut bob, "a pure echo is not relayed");
    // Bob leaves: his presence goes, Ann's stays.
    drop(bob);
    let Outbound::Message(seen) = recv(&mut ann) else { panic!("told Bob left") };
    let gone = presence_of(&seen);
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert_eq!((gone[0].0, gone[0].2.as_str()), (22, "null"), "only Bob's presence is removed");
    // A newcomer sees Ann.
    let mut cy = hub.join(docs::VISION, Access::Edit, None).expect("joins");
    recv(&mut cy);
    let Outbound::Message(seen) = recv(&mut cy) else { panic!("the room's presence") };
    let live: Vec<_> = presence_of(&seen).into_iter().filter(|(_, _, json)| json != "null").collect();
    assert_eq!(live, [(11, 1, "{\"name\":\"Ann\"}".to_owned())]);
}

#[test]
fn a_reconnected_client_keeps_its_presence_when_its_old_connection_goes() {
    let (_dir, path) = workspace();
    let hub = Hub::new(&path);
    let mut watcher = hub.join(docs::VISION, Access::Read, None).expect("joins");
    let mut old = hub.join(docs::VISION, Access::Edit, None).expect("joins");
    recv(&mut watcher);
    recv(&mut old);
    assert!(old.send(presence(&[(33, 1, "{\"name\":\"Dee\"}")])));
    recv(&mut watcher);
    // The same client on a new connection, with a newer clock, before the old one is noticed gone.
    let mut new = hub.join(docs::VISION, Access::Edit, None).expect("joins");
    recv(&mut new);
    recv(&mut new);
    assert!(new.send(presence(&[(33, 2, "{\"name\":\"Dee\"}")])));
    let Outbound::Message(seen) = recv(&mut watcher) else { panic!("relayed") };
    assert_eq!(presence_of(&seen), [(33, 2, "{\"name\":\"Dee\"}".to_owned())]);
    drop(old);
    quiet(&mut watcher, "the old connection leaving does not remove the client's presence");
    drop(new);
    let Outbound::Message(seen) = recv(&mut watcher) else { panic!("told Dee left") };
    assert_eq!(presence_of(&seen)[0].2, "null");
}

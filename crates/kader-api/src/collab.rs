//! Live co-editing: the hub of the co-edited documents (the vision), speaking the Yjs sync and
//! awareness protocol (`y-protocols`, what the npm `y-websocket` provider sends) over any
//! transport that carries binary messages. The server wraps a WebSocket around a [`Peer`]; this
//! module knows nothing of sockets.
//!
//! Each document that someone has open is a **room**: a thread of its own that owns the document
//! (yrs), the presence of the people in it (awareness) and a [`DocStore`] connection to the
//! workspace file. Peers send it their messages; it answers them and relays their edits to the
//! others. The room works in batches: it takes every message waiting, applies the edits in memory,
//! writes them to the file in one transaction, and only then sends anything — so nothing is
//! acknowledged (relayed, or answered in a sync reply) before it is stored. Presence is relayed,
//! coalesced per batch, and never stored.
//!
//! Isolation: a malformed or oversized message closes its sender's connection only; a panic while
//! decoding closes the sender's connection; a panic while applying an edit, or a failed write,
//! closes the room (its peers reconnect and resync from the file, re-sending what they have). A
//! slow peer whose queue fills is disconnected rather than slowing the room. A room is torn down
//! (and its document compacted) when its last peer leaves.
//!
//! Invariants: a room never sends a byte derived from an edit before the edit is in the file; a
//! read-only peer's edits are dropped, never applied.

use kader::docs::{self, DocStore};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc as tmpsc;
use yrs::block::ClientID;
use yrs::sync::awareness::AwarenessUpdateEntry;
use yrs::sync::{Awareness, AwarenessUpdate, Message, SyncMessage};
use yrs::updates::encoder::Encode;
use yrs::{ReadTxn, StateVector, Transact};

use crate::ApiError;

mod wire;
use wire::Wire;

/// Messages a peer may have waiting to be sent before it counts as too slow and is disconnected.
pub const PEER_QUEUE: usize = 4096;
/// Most messages a room takes in one batch.
const BATCH: usize = 512;

/// What a peer may do in a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Edits always, even when editing is locked (the facilitator).
    Owner,
    /// Edits unless editing is locked (a participant).
    Edit,
    /// Reads and shows presence; its edits are dropped (an observer).
    Read,
}

/// What a room sends a peer.
#[derive(Clone, Debug)]
pub enum Outbound {
    /// A protocol message to pass on as one binary frame.
    Message(Arc<[u8]>),
    /// The room closes this connection, for this reason (shown to people, in English).
    Close(Arc<str>),
}

enum Input {
    Join {
        peer: u64,
        access: Access,
        tag: Option<Arc<str>>,
        outbox: tmpsc::Sender<Outbound>,
    },
    Frame {
        peer: u64,
        bytes: Vec<u8>,
    },
    Leave {
        peer: u64,
    },
    /// An update already in the file (an adopted vision revision): apply it and relay it to
    /// everyone.
    Inject {
        update: Vec<u8>,
    },
    /// Disconnect the peers with this tag (everyone: `None`), for this reason.
    Close {
        tag: Option<Arc<str>>,
        reason: Arc<str>,
    },
}

/// A connection to one document. Send what the client sent with [`Peer::send`]; forward what
/// arrives on `outbox` to the client. Dropping the peer leaves the room.
pub struct Peer {
    id: u64,
    room: mpsc::Sender<Input>,
    pub outbox: tmpsc::Receiver<Outbound>,
}

impl Peer {
    /// Hands one binary message from the client to the room. `false` when the room is gone (the
    /// connection should close; the client reconnects).
    pub fn send(&self, bytes: Vec<u8>) -> bool {
        self.room.send(Input::Frame { peer: self.id, bytes }).is_ok()
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        let _ = self.room.send(Input::Leave { peer: self.id });
    }
}

/// Figures of a hub, for the session's status and the load benchmark.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct HubStats {
    pub rooms: usize,
    pub updates_stored: u64,
    pub batches: u64,
}

/// The rooms of one workspace file. Share it as `Arc<Hub>`.
pub struct Hub {
    path: PathBuf,
    rooms: Arc<Mutex<HashMap<String, mpsc::Sender<Input>>>>,
    next_peer: AtomicU64,
    /// Editing locked by the facilitator: `Edit` peers' edits are dropped.
    locked: Arc<AtomicBool>,
    updates_stored: Arc<AtomicU64>,
    batches: Arc<AtomicU64>,
    /// The workspace is open read-only (another process writes it): every peer reads, and no
    /// room writes the file (not even a compaction, which would replace the writer's updates).
    read_only: bool,
}

impl Hub {
    /// The hub of the workspace file at `path` (already opened, and so migrated, by the `Api`).
    pub fn new(path: impl AsRef<Path>) -> Hub {
        Hub {
            path: path.as_ref().to_owned(),
            rooms: Arc::default(),
            next_peer: AtomicU64::new(1),
            locked: Arc::default(),
            updates_stored: Arc::default(),
            batches: Arc::default(),
            read_only: false,
        }
    }

    /// The hub of a workspace open read-only: every peer joins as [`Access::Read`], and nothing
    /// is ever written to the file.
    pub fn read_only(path: impl AsRef<Path>) -> Hub {
        Hub { read_only: true, ..Hub::new(path) }
    }

    /// Joins the document `name`, opening its room if it is not open. The room greets the peer
    /// with the protocol's first sync step (asking for what the client has, so offline edits come
    /// in) and the presence of the others. `tag` names who the peer is (a participant's id), so
    /// that [`Hub::close`] can disconnect them.
    pub fn join(&self, name: &str, access: Access, tag: Option<&str>) -> Result<Peer, ApiError> {
        docs::check_name(name)?;
        let access = if self.read_only { Access::Read } else { access };
        let id = self.next_peer.fetch_add(1, Ordering::Relaxed);
        let (outbox_tx, outbox) = tmpsc::channel(PEER_QUEUE);
        let mut rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
        let room = match rooms.get(name) {
            Some(room) => room.clone(),
            None => {
                let room = self.open_room(name)?;
                rooms.insert(name.to_owned(), room.clone());
                room
            }
        };
        // Sent while holding the registry: a room that is closing checks for joins under it.
        room.send(Input::Join { peer: id, access, tag: tag.map(Arc::from), outbox: outbox_tx })
            .map_err(|_| ApiError::internal("the document closed while you joined; try again"))?;
        Ok(Peer { id, room, outbox })
    }

    fn open_room(&self, name: &str) -> Result<mpsc::Sender<Input>, ApiError> {
        let store = DocStore::open(&self.path)?;
        let (doc, stored) = store.load(name)?;
        let (tx, rx) = mpsc::channel();
        let room = Room {
            name: name.to_owned(),
            awareness: Awareness::new(doc),
            store,
            stored,
            peers: HashMap::new(),
            rx,
            rooms: self.rooms.clone(),
            locked: self.locked.clone(),
            updates_stored: self.updates_stored.clone(),
            batches: self.batches.clone(),
            read_only: self.read_only,
            gone: Presence::new(),
            owners: HashMap::new(),
        };
        std::thread::Builder::new()
            .name(format!("doc {name}"))
            .spawn(move || room.run())
            .map_err(|e| ApiError::internal(format!("the document could not be opened: {e}")))?;
        Ok(tx)
    }

    /// Locks or unlocks editing for participants (`Access::Edit`); the owner always edits.
    pub fn set_locked(&self, locked: bool) {
        self.locked.store(locked, Ordering::SeqCst);
    }

    pub fn locked(&self) -> bool {
        self.locked.load(Ordering::SeqCst)
    }

    /// Disconnects, in every room, the peers joined with `tag` (all peers: `None`), telling them
    /// `reason`: a participant removed, its role changed, the session ended.
    pub fn close(&self, tag: Option<&str>, reason: &str) {
        let rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
        for room in rooms.values() {
            let _ = room.send(Input::Close { tag: tag.map(Arc::from), reason: reason.into() });
        }
    }

    /// Hands an update that is already in the file (an adopted vision revision) to the document's
    /// room, if it is open, to apply and relay; a closed room reads it from the file when it opens.
    pub fn inject(&self, name: &str, update: Vec<u8>) {
        let rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(room) = rooms.get(name) {
            let _ = room.send(Input::Inject { update });
        }
    }

    pub fn stats(&self) -> HubStats {
        HubStats {
            rooms: self.rooms.lock().map(|r| r.len()).unwrap_or(0),
            updates_stored: self.updates_stored.load(Ordering::Relaxed),
            batches: self.batches.load(Ordering::Relaxed),
        }
    }
}

type Presence = HashMap<ClientID, AwarenessUpdateEntry>;

struct PeerState {
    access: Access,
    tag: Option<Arc<str>>,
    outbox: tmpsc::Sender<Outbound>,
}

struct Room {
    name: String,
    awareness: Awareness,
    store: DocStore,
    /// Updates stored for this document since it was last compacted.
    stored: usize,
    peers: HashMap<u64, PeerState>,
    /// Who announced each live presence: the peer whose connection carries that client. Only the
    /// newest announcement counts, so a peer that echoes someone else's presence owns nothing,
    /// and a client that reconnects is owned by its new connection.
    owners: HashMap<ClientID, u64>,
    rx: mpsc::Receiver<Input>,
    rooms: Arc<Mutex<HashMap<String, mpsc::Sender<Input>>>>,
    locked: Arc<AtomicBool>,
    updates_stored: Arc<AtomicU64>,
    batches: Arc<AtomicU64>,
    /// Presence of peers disconnected after the last batch was sent: announced with the next.
    gone: Presence,
    /// Never write the file (see [`Hub::read_only`]).
    read_only: bool,
}

/// What one batch produced, sent only once its edits are stored.
#[derive(Default)]
struct Batch {
    /// Edits applied, with the peer they came from.
    updates: Vec<(u64, Vec<u8>)>,
    /// Updates already in the file, to relay to everyone.
    injected: Vec<Vec<u8>>,
    /// Replies to one peer.
    replies: Vec<(u64, Arc<[u8]>)>,
    /// Presence changes, coalesced: the newest entry per client.
    presence: Presence,
    /// Peers to disconnect, and why.
    close: Vec<(u64, Arc<str>)>,
    /// The room must close (a failed write, a panic while applying an edit).
    fatal: Option<String>,
}

fn encode(message: &Message) -> Arc<[u8]> {
    message.encode_v1().into()
}

impl Room {
    fn run(mut self) {
        let mut waiting: Vec<Input> = Vec::new();
        loop {
            if waiting.is_empty() {
                match self.rx.recv() {
                    Ok(input) => waiting.push(input),
                    Err(_) => return,
                }
            }
            while waiting.len() < BATCH {
                match self.rx.try_recv() {
                    Ok(input) => waiting.push(input),
                    Err(_) => break,
                }
            }
            let batch = self.process(std::mem::take(&mut waiting));
            if let Some(reason) = self.finish(batch) {
                self.shut(&reason);
                return;
            }
            if self.peers.is_empty() {
                // Leave only if no one is joining: joins are sent under the registry's lock.
                let mut rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
                match self.rx.try_recv() {
                    Ok(input) => waiting.push(input),
                    Err(_) => {
                        rooms.remove(&self.name);
                        drop(rooms);
                        if self.stored > 1 && !self.read_only {
                            let _ = self.store.compact(&self.name, self.awareness.doc());
                        }
                        return;
                    }
                }
            }
        }
    }

    /// Forgets a peer and its presence; the others are told it left.
    fn drop_peer(&mut self, peer: u64, presence: &mut Presence) -> Option<PeerState> {
        let state = self.peers.remove(&peer)?;
        let owned: Vec<ClientID> =
            self.owners.iter().filter(|(_, owner)| **owner == peer).map(|(client, _)| *client).collect();
        for client in owned {
            self.owners.remove(&client);
            self.awareness.remove_state(client);
            if let Some((clock, _)) = self.awareness.meta(client) {
                presence.insert(client, AwarenessUpdateEntry { clock, json: "null".into() });
            }
        }
        Some(state)
    }

    fn process(&mut self, inputs: Vec<Input>) -> Batch {
        let mut batch = Batch { presence: std::mem::take(&mut self.gone), ..Batch::default() };
        for input in inputs {
            match input {
                Input::Join { peer, access, tag, outbox } => {
                    let sv = self.awareness.doc().transact().state_vector();
                    let _ = outbox
                        .try_send(Outbound::Message(encode(&Message::Sync(SyncMessage::SyncStep1(sv)))));
                    if let Ok(update) = self.awareness.update() {
                        if !update.clients.is_empty() {
                            let _ = outbox.try_send(Outbound::Message(encode(&Message::Awareness(update))));
                        }
                    }
                    self.peers.insert(peer, PeerState { access, tag, outbox });
                }
                Input::Leave { peer } => {
                    self.drop_peer(peer, &mut batch.presence);
                }
                Input::Inject { update } => {
                    let applied =
                        catch_unwind(AssertUnwindSafe(|| docs::apply_update(self.awareness.doc(), &update)));
                    if matches!(applied, Ok(Ok(()))) {
                        batch.injected.push(update);
                    } else {
                        batch.fatal = Some("the document could not take a change; reconnecting".into());
                        break;
                    }
                }
                Input::Close { tag, reason } => {
                    for (&peer, state) in &self.peers {
                        if tag.is_none() || state.tag == tag {
                            batch.close.push((peer, reason.clone()));
                        }
                    }
                }
                Input::Frame { peer, bytes } => {
                    if !self.peers.contains_key(&peer) {
                        continue;
                    }
                    let outcome = catch_unwind(AssertUnwindSafe(|| self.frame(peer, &bytes, &mut batch)));
                    if outcome.is_err() {
                        batch
                            .close
                            .push((peer, "the server could not read a message from this client".into()));
                    }
                    if batch.fatal.is_some() {
                        break;
                    }
                }
            }
        }
        batch
    }

    /// One binary frame: one or more protocol messages.
    fn frame(&mut self, peer: u64, bytes: &[u8], batch: &mut Batch) {
        let access = self.peers[&peer].access;
        let may_edit = match access {
            Access::Owner => true,
            Access::Edit => !self.locked.load(Ordering::SeqCst),
            Access::Read => false,
        };
        let messages = match wire::read(bytes) {
            Ok(messages) => messages,
            Err(e) => {
                batch.close.push((peer, format!("a malformed message: {e}").into()));
                return;
            }
        };
        for message in messages {
            match message {
                Wire::Step1(sv) => {
                    let diff = self.awareness.doc().transact().encode_diff_v1(&sv);
                    batch.replies.push((peer, encode(&Message::Sync(SyncMessage::SyncStep2(diff)))));
                }
                Wire::Update(update) => {
                    if !may_edit {
                        continue;
                    }
                    let applied =
                        catch_unwind(AssertUnwindSafe(|| docs::apply_update(self.awareness.doc(), &update)));
                    match applied {
                        Ok(Ok(())) => batch.updates.push((peer, update)),
                        Ok(Err(e)) => {
                            batch.close.push((peer, e.to_string().into()));
                            return;
                        }
                        Err(_) => {
                            batch.fatal = Some("the document hit an internal error; reconnecting".into());
                            return;
                        }
                    }
                }
                Wire::Awareness(update) => self.presence(peer, update, batch),
                Wire::Query => {
                    if let Ok(update) = self.awareness.update() {
                        batch.replies.push((peer, encode(&Message::Awareness(update))));
                    }
                }
                Wire::Nothing => {}
            }
        }
    }

    /// Presence from a peer: only what is newer than what the room has is applied, relayed and
    /// counted as this peer's (the Yjs rule: a higher clock, or a removal at the same clock). An
    /// echo of someone else's presence changes nothing.
    fn presence(&mut self, peer: u64, update: AwarenessUpdate, batch: &mut Batch) {
        let mut newer = HashMap::new();
        for (client, entry) in update.clients {
            let accept = match self.awareness.meta(client) {
                None => true,
                Some((clock, _)) => {
                    entry.clock > clock
                        || (entry.clock == clock
                            && &*entry.json == "null"
                            && self.owners.contains_key(&client))
                }
            };
            if accept {
                newer.insert(client, entry);
            }
        }
        if newer.is_empty() {
            return;
        }
        for (client, entry) in &newer {
            if &*entry.json == "null" {
                self.owners.remove(client);
            } else {
                self.owners.insert(*client, peer);
            }
        }
        let relayed = newer.clone();
        if self.awareness.apply_update(AwarenessUpdate { clients: newer }).is_ok() {
            batch.presence.extend(relayed);
        }
    }

    /// Stores the batch's edits, then sends everything it produced. `Some(reason)` when the room
    /// must close.
    fn finish(&mut self, mut batch: Batch) -> Option<String> {
        self.batches.fetch_add(1, Ordering::Relaxed);
        if let Some(reason) = batch.fatal {
            return Some(reason);
        }
        if !batch.updates.is_empty() {
            let stored = self.store.append(&self.name, batch.updates.iter().map(|(_, u)| u.as_slice()));
            match stored {
                Ok(n) => {
                    self.stored += n;
                    self.updates_stored.fetch_add(n as u64, Ordering::Relaxed);
                }
                Err(e) => return Some(format!("the edit could not be saved ({e}); reconnecting")),
            }
        }
        for (peer, reason) in batch.close {
            if let Some(state) = self.drop_peer(peer, &mut batch.presence) {
                let _ = state.outbox.try_send(Outbound::Close(reason));
            }
        }
        let mut slow = Vec::new();
        for (peer, message) in batch.replies {
            if let Some(state) = self.peers.get(&peer) {
                if state.outbox.try_send(Outbound::Message(message)).is_err() {
                    slow.push(peer);
                }
            }
        }
        for update in batch.injected {
            let message = encode(&Message::Sync(SyncMessage::Update(update)));
            for (&peer, state) in &self.peers {
                if state.outbox.try_send(Outbound::Message(message.clone())).is_err() {
                    slow.push(peer);
                }
            }
        }
        for (origin, update) in batch.updates {
            let message = encode(&Message::Sync(SyncMessage::Update(update)));
            for (&peer, state) in &self.peers {
                if peer != origin && state.outbox.try_send(Outbound::Message(message.clone())).is_err() {
                    slow.push(peer);
                }
            }
        }
        if !batch.presence.is_empty() {
            let message = encode(&Message::Awareness(AwarenessUpdate { clients: batch.presence }));
            for (&peer, state) in &self.peers {
                if state.outbox.try_send(Outbound::Message(message.clone())).is_err() {
                    slow.push(peer);
                }
            }
        }
        let mut gone = Presence::new();
        for peer in slow {
            // Its queue is full (or it is gone): it resyncs when it reconnects.
            self.drop_peer(peer, &mut gone);
        }
        self.gone = gone;
        if self.stored >= docs::COMPACT_AFTER && !self.read_only {
            match self.store.compact(&self.name, self.awareness.doc()) {
                Ok(()) => self.stored = 1,
                Err(e) => return Some(format!("the document could not be compacted ({e}); reconnecting")),
            }
        }
        None
    }

    /// Closes the room: every peer is disconnected and the room leaves the registry; the next
    /// join opens it again from the file.
    fn shut(self, reason: &str) {
        let mut rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
        rooms.remove(&self.name);
        drop(rooms);
        let reason: Arc<str> = reason.into();
        for state in self.peers.values() {
            let _ = state.outbox.try_send(Outbound::Close(reason.clone()));
        }
    }
}

/// The document as its room holds it, or as stored when no room is open: for reports and tests.
pub fn snapshot(path: &Path, name: &str) -> Result<yrs::Doc, ApiError> {
    let store = DocStore::open(path)?;
    Ok(store.load(name)?.0)
}

/// The state vector of an update's document — used by tests to compare peers.
pub fn state_vector(doc: &yrs::Doc) -> StateVector {
    doc.transact().state_vector()
}

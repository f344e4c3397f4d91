//! Reading a client's frame strictly, before yrs decodes any of it.
//!
//! A y-protocols frame is a sequence of messages: a sync message (step 1 with a state vector,
//! step 2 or update with an update), an awareness update, an auth message, an awareness query, or
//! a custom message. yrs's own reader stops quietly at a cut-off message and reserves memory for
//! whatever count a message declares; a client on the network must get neither. So this reader
//! walks the framing itself and refuses, naming what is wrong:
//!
//! - a message cut off anywhere (a length, a count, a string or a buffer running past the end);
//! - a count that cannot fit in the bytes that follow it (a state vector or an awareness update
//!   declaring more entries than it has bytes, an update declaring more clients than bytes), so no
//!   decoder ever reserves room for entries that are not there;
//! - bytes left over inside a state vector or an awareness update;
//! - a client id beyond the 53 bits Yjs uses, a clock beyond 32 bits, text that is not UTF-8.
//!
//! An empty update (`[0, 0]`: nothing inserted, nothing deleted — what a client sends in answer to
//! a sync step 1 when it has nothing new) is read as [`Wire::Nothing`], so it is neither stored
//! nor relayed.

use yrs::block::ClientID;
use yrs::sync::awareness::AwarenessUpdateEntry;
use yrs::sync::AwarenessUpdate;
use yrs::StateVector;

/// One message of a frame, checked.
#[derive(Debug)]
pub(crate) enum Wire {
    /// Sync step 1: what the client has; answered with what it lacks.
    Step1(StateVector),
    /// Sync step 2 or an update: an edit to apply (not empty).
    Update(Vec<u8>),
    /// Presence.
    Awareness(AwarenessUpdate),
    /// The client asks for everyone's presence.
    Query,
    /// Auth, custom messages and empty updates: nothing to do.
    Nothing,
}

/// The largest client id Yjs produces (53 bits, a JavaScript safe integer).
const MAX_CLIENT: u64 = (1 << 53) - 1;

/// Reads every message of a frame, or says what is wrong with it.
pub(crate) fn read(frame: &[u8]) -> Result<Vec<Wire>, String> {
    let mut reader = Reader::new(frame);
    let mut messages = Vec::with_capacity(1);
    while !reader.done() {
        messages.push(message(&mut reader)?);
    }
    if messages.is_empty() {
        return Err("an empty frame".into());
    }
    Ok(messages)
}

fn message(reader: &mut Reader) -> Result<Wire, String> {
    let kind = reader.var("the message type")?;
    match kind {
        0 => match reader.var("the sync message type")? {
            0 => state_vector(reader.buf("the state vector")?).map(Wire::Step1),
            1 | 2 => update(reader.buf("the update")?),
            other => Err(format!("an unknown sync message type {other}")),
        },
        1 => awareness(reader.buf("the awareness update")?).map(Wire::Awareness),
        2 => {
            // Auth: 0 = permission denied (with a reason), 1 = granted. Clients have no say here.
            if reader.var("the auth message type")? == 0 {
                reader.string("the auth reason")?;
            }
            Ok(Wire::Nothing)
        }
        3 => Ok(Wire::Query),
        tag if tag <= u64::from(u8::MAX) => {
            reader.buf("a custom message")?;
            Ok(Wire::Nothing)
        }
        other => Err(format!("an unknown message type {other}")),
    }
}

fn state_vector(bytes: &[u8]) -> Result<StateVector, String> {
    let mut reader = Reader::new(bytes);
    // Each entry takes at least two bytes: a client and a clock.
    let count = reader.count("the state vector", 2)?;
    let mut entries = Vec::with_capacity(count);
    for _ in 0..count {
        let client = reader.client("a state vector entry")?;
        let clock = reader.clock("a state vector entry")?;
        entries.push((client, clock));
    }
    reader.end("the state vector")?;
    Ok(StateVector::from_iter(entries))
}

fn update(bytes: &[u8]) -> Result<Wire, String> {
    if bytes == [0, 0] {
        return Ok(Wire::Nothing);
    }
    let mut reader = Reader::new(bytes);
    // Each client's blocks take at least three bytes (a block count, a client and a clock); yrs
    // itself checks everything after this count as it applies the update.
    reader.count("the update", 3)?;
    Ok(Wire::Update(bytes.to_vec()))
}

fn awareness(bytes: &[u8]) -> Result<AwarenessUpdate, String> {
    let mut reader = Reader::new(bytes);
    // Each entry takes at least three bytes: a client, a clock and a (possibly empty) text.
    let count = reader.count("the awareness update", 3)?;
    let mut clients = std::collections::HashMap::with_capacity(count);
    for _ in 0..count {
        let client = reader.client("an awareness entry")?;
        let clock = reader.clock("an awareness entry")?;
        let json = reader.string("an awareness entry's state")?;
        clients.insert(client, AwarenessUpdateEntry { clock, json: json.into() });
    }
    reader.end("the awareness update")?;
    Ok(AwarenessUpdate { clients })
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    fn done(&self) -> bool {
        self.at == self.bytes.len()
    }

    fn left(&self) -> usize {
        self.bytes.len() - self.at
    }

    /// A variable-length unsigned integer (7 bits per byte, low bits first), at most 64 bits.
    fn var(&mut self, what: &str) -> Result<u64, String> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let Some(&byte) = self.bytes.get(self.at) else {
                return Err(format!("{what} is cut off"));
            };
            self.at += 1;
            let bits = u64::from(byte & 0x7f);
            if shift == 63 && bits > 1 {
                return Err(format!("{what} is too large"));
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(format!("{what} is too large"))
    }

    /// A count of entries that take at least `each` bytes: it must fit in what is left.
    fn count(&mut self, what: &str, each: usize) -> Result<usize, String> {
        let count = self.var(&format!("the length of {what}"))?;
        let most = self.left() / each;
        if count > most as u64 {
            return Err(format!("{what} declares {count} entries but has room for at most {most}"));
        }
        Ok(count as usize)
    }

    fn client(&mut self, what: &str) -> Result<ClientID, String> {
        let client = self.var(what)?;
        if client > MAX_CLIENT {
            return Err(format!("{what} names client {client}, beyond the 53 bits Yjs uses"));
        }
        Ok(ClientID::new(client))
    }

    fn clock(&mut self, what: &str) -> Result<u32, String> {
        let clock = self.var(what)?;
        u32::try_from(clock).map_err(|_| format!("{what} has clock {clock}, beyond 32 bits"))
    }

    /// A length-prefixed byte string.
    fn buf(&mut self, what: &str) -> Result<&'a [u8], String> {
        let len = self.var(&format!("the length of {what}"))?;
        if len > self.left() as u64 {
            return Err(format!("{what} is cut off: {len} bytes declared, {} left", self.left()));
        }
        let start = self.at;
        self.at += len as usize;
        Ok(&self.bytes[start..self.at])
    }

    fn string(&mut self, what: &str) -> Result<&'a str, String> {
        let bytes = self.buf(what)?;
        std::str::from_utf8(bytes).map_err(|_| format!("{what} is not UTF-8 text"))
    }

    fn end(&self, what: &str) -> Result<(), String> {
        if self.done() {
            Ok(())
        } else {
            Err(format!("{what} has {} bytes left over", self.left()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::sync::{Message, SyncMessage};
    use yrs::updates::encoder::Encode;
    use yrs::{Doc, GetString, ReadTxn, Text, Transact};

    fn refused(frame: &[u8]) -> String {
        match read(frame) {
            Err(e) => e,
            Ok(messages) => panic!("{frame:02x?} was read as {messages:?}"),
        }
    }

    #[test]
    fn reads_what_a_yjs_client_sends() {
        let doc = Doc::new();
        let text = doc.get_or_insert_text("t");
        text.insert(&mut doc.transact_mut(), 0, "hallo");
        let sv = doc.transact().state_vector();
        let update = doc.transact().encode_diff_v1(&StateVector::default());
        let mut frame = Message::Sync(SyncMessage::SyncStep1(sv.clone())).encode_v1();
        frame.extend(Message::Sync(SyncMessage::Update(update.clone())).encode_v1());
        let mut clients = std::collections::HashMap::new();
        clients.insert(ClientID::new(7), AwarenessUpdateEntry { clock: 3, json: "{\"n\":\"Ann\"}".into() });
        frame.extend(Message::Awareness(AwarenessUpdate { clients }).encode_v1());
        frame.extend([3]);
        let messages = read(&frame).unwrap();
        assert!(matches!(&messages[0], Wire::Step1(read) if *read == sv));
        assert!(matches!(&messages[1], Wire::Update(read) if *read == update));
        let Wire::Awareness(presence) = &messages[2] else { panic!("{messages:?}") };
        assert_eq!(&*presence.clients[&ClientID::new(7)].json, "{\"n\":\"Ann\"}");
        assert!(matches!(messages[3], Wire::Query));
        let copy = Doc::new();
        kader::docs::apply_update(&copy, &update).unwrap();
        assert_eq!(copy.get_or_insert_text("t").get_string(&copy.transact()), "hallo");
    }

    #[test]
    fn an_empty_update_is_nothing() {
        assert!(matches!(read(&[0, 1, 2, 0, 0]).unwrap()[..], [Wire::Nothing]));
        assert!(matches!(read(&[0, 2, 2, 0, 0]).unwrap()[..], [Wire::Nothing]));
    }

    #[test]
    fn refuses_counts_that_do_not_fit() {
        // 2^32 - 1 entries declared in five bytes: an update, a state vector, presence.
        assert!(refused(&[0, 2, 5, 0xff, 0xff, 0xff, 0xff, 0x0f]).contains("declares 4294967295"));
        assert!(refused(&[0, 0, 5, 0xff, 0xff, 0xff, 0xff, 0x0f]).contains("declares"));
        assert!(refused(&[1, 5, 0xff, 0xff, 0xff, 0xff, 0x0f]).contains("declares"));
    }

    #[test]
    fn refuses_cut_off_messages() {
        for frame in [
            &[0x00, 0x02, 0xff][..],
            &[0x00, 0x02, 0x0a, 0x01, 0x01],
            &[0x00, 0x00, 0x02, 0x05, 0x01],
            &[0x01, 0x05, 0x01, 0x01, 0x01, 0x0a, 0xff],
            &[0x00],
            &[0x01],
            &[],
        ] {
            refused(frame);
        }
        assert!(refused(&[0x00, 0x02, 0x0a, 0x01, 0x01]).contains("cut off"));
    }

    #[test]
    fn refuses_left_over_bytes_and_bad_values() {
        // A state vector of one entry with a stray byte after it.
        assert!(refused(&[0, 0, 4, 1, 5, 1, 9]).contains("left over"));
        // A client id of 2^60.
        let mut frame = vec![1, 12, 1];
        frame.extend([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10]);
        frame.extend([1, 0]);
        assert!(refused(&frame).contains("53 bits"));
        // Presence text that is not UTF-8.
        assert!(refused(&[1, 5, 1, 1, 1, 1, 0xff]).contains("UTF-8"));
        // A varint longer than 64 bits.
        assert!(refused(&[0xff; 11]).contains("too large"));
    }
}

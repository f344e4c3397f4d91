//! Typed identifiers. Every entity has a UUID (v7 in production) that survives removals and
//! round trips through files; ids are minted by an [`IdSource`] that the caller passes in, so tests
//! are deterministic.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            pub fn new(ids: &mut dyn IdSource) -> Self {
                Self(ids.next_id())
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }
        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

typed_id!(
    /// An employee.
    PersonId
);
typed_id!(
    /// A role or position.
    RoleId
);
typed_id!(
    /// A team, department, circle…
    TeamId
);
typed_id!(
    /// A decision domain.
    DomainId
);
typed_id!(
    /// One accountability of a role.
    AccountabilityId
);

typed_id!(
    /// A proposal: a suggested change of the structure, the vision or the decision framework.
    ProposalId
);
typed_id!(
    /// A comment on a proposal. Minted from [`Entropy`], not from an [`IdSource`]: a time-ordered
    /// id would tell when an anonymous comment was written, and in which order.
    CommentId
);
typed_id!(
    /// An answer in a consent round. Random, like [`CommentId`]: its order says nothing.
    AnswerId
);

/// Random bytes, passed in like ids and time. Anonymous records take their ids and keys from
/// here, never from an [`IdSource`], whose v7 ids carry the time they were minted. In production
/// it must be unpredictable ([`OsEntropy`]): consecutive outputs of a seeded generator could be
/// linked to each other, and so an anonymous answer to the comment posted with it.
pub trait Entropy {
    fn fill(&mut self, buf: &mut [u8]);

    /// A random UUID (version 4 layout).
    fn uuid(&mut self) -> Uuid {
        let mut b = [0u8; 16];
        self.fill(&mut b);
        uuid::Builder::from_random_bytes(b).into_uuid()
    }
}

/// Randomness from the operating system, for production: each 16 bytes are a version-4 UUID's
/// (122 random bits; its version and variant bits are fixed).
#[derive(Debug, Default, Clone, Copy)]
pub struct OsEntropy;

impl Entropy for OsEntropy {
    fn fill(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(16) {
            let random = Uuid::new_v4().into_bytes();
            chunk.copy_from_slice(&random[..chunk.len()]);
        }
    }
}

/// Seeded pseudo-random bytes for tests (splitmix64): deterministic, yet in no particular order.
#[derive(Debug, Clone)]
pub struct SeededEntropy(u64);

impl SeededEntropy {
    pub fn new(seed: u64) -> SeededEntropy {
        SeededEntropy(seed)
    }
}

impl Entropy for SeededEntropy {
    fn fill(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            chunk.copy_from_slice(&z.to_le_bytes()[..chunk.len()]);
        }
    }
}

/// Where new ids come from. Production uses [`V7Ids`]; tests use [`SeqIds`].
pub trait IdSource {
    fn next_id(&mut self) -> Uuid;
}

/// Time-ordered UUID v7 ids from the system clock and randomness. The random bits come from a
/// generator seeded once from the operating system: a bulk import mints hundreds of thousands of
/// ids, and one system call per id would dominate its time.
#[derive(Debug)]
pub struct V7Ids {
    state: u64,
    millis: u64,
    minted: u32,
}

impl Default for V7Ids {
    fn default() -> Self {
        V7Ids::new()
    }
}

impl V7Ids {
    pub fn new() -> V7Ids {
        let seed = Uuid::now_v7().as_u64_pair();
        V7Ids { state: seed.0 ^ seed.1.rotate_left(17), millis: 0, minted: 0 }
    }

    // splitmix64: fast, well distributed; uniqueness does not rest on it alone, as the
    // millisecond timestamp is part of every id.
    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl IdSource for V7Ids {
    fn next_id(&mut self) -> Uuid {
        // Reading the clock for every id of a bulk import costs more than minting it; ids minted
        // within the same few hundred share a millisecond, as v7 allows.
        if self.minted.is_multiple_of(256) {
            self.millis = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as u64)
                .unwrap_or_default();
        }
        self.minted = self.minted.wrapping_add(1);
        let millis = self.millis;
        let mut random = [0u8; 10];
        random[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        random[8..].copy_from_slice(&self.next_u64().to_le_bytes()[..2]);
        uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid()
    }
}

/// Deterministic ids for tests: `prefix` in the high 64 bits and a counter in the low 64 bits.
#[derive(Debug, Clone)]
pub struct SeqIds {
    prefix: u64,
    next: u64,
}

impl SeqIds {
    pub fn new(prefix: u64) -> Self {
        Self { prefix, next: 1 }
    }
}

impl IdSource for SeqIds {
    fn next_id(&mut self) -> Uuid {
        let id = Uuid::from_u64_pair(self.prefix, self.next);
        self.next += 1;
        id
    }
}

/// A hasher for maps keyed by ids (as `u128`). UUID v7 ids end in 62 random bits and test ids in
/// a counter, so folding the two halves with one multiplication spreads them well; this is
/// several times faster than a general-purpose hasher on the hot path of loading large
/// organizations.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Not used by `u128` keys; kept correct for any other key.
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(b));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(29) ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u128(&mut self, v: u128) {
        let folded = (v as u64) ^ ((v >> 64) as u64).rotate_left(32);
        self.0 = (folded ^ (folded >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        self.0 ^= self.0 >> 32;
    }
}

/// A hash map keyed by ids as `u128`, with [`IdHasher`].
pub type IdMap<V> = std::collections::HashMap<u128, V, std::hash::BuildHasherDefault<IdHasher>>;

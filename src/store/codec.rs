//! The compact binary encoding of an organization snapshot, stored in the `snapshot` table.
//! Hand-written rather than a serde format because it is the hot path of opening and bulk
//! importing (100,000 people encode or decode in tens of milliseconds) and because the serde
//! representations of the model are tuned for JSON, not size.
//!
//! Layout (version 1), all integers little-endian, `varint` = LEB128:
//! `"KSNP" u8:version`, then five sections, each `varint:count` followed by its records:
//! - person: `id[16] opt_str:external_id str:name opt_str:location opt_date:hire_date`
//! - role: `id[16] opt_str:external_id str:title str:purpose str:accountabilities_json` ("" = none)
//! - team: `id[16] str:name str:purpose`
//! - relation: `u8:kind varint:source varint:target`, where a node is its position in the
//!   persons, then roles, then teams of this snapshot (so ids are stored once), then for `fills`
//!   `f64:fte`
//! - domain: `str:json`
//!
//! `str` is `varint:len` + UTF-8; `opt_*` is a `u8` flag (0 none, 1 some) + the value; a date is
//! a zigzag varint of days since 1970-01-01. Decoding never panics: malformed input is an error.

use crate::date::Date;
use crate::id::{PersonId, RoleId, TeamId};
use crate::model::*;
use crate::org::{Org, Snapshot};
use uuid::Uuid;

const MAGIC: &[u8; 4] = b"KSNP";
const VERSION: u8 = 1;

/// Encodes the organization (in graph order; decoding and loading do not depend on order).
pub fn encode(org: &Org) -> Vec<u8> {
    let (np, nr, nt) = org.counts();
    let ne = org.graph().edge_count();
    let mut w = Writer(Vec::with_capacity(64 + np * 64 + nr * 48 + ne * 16));
    w.0.extend_from_slice(MAGIC);
    w.0.push(VERSION);
    w.varint(np as u64);
    for p in org.persons() {
        w.id(p.id.0);
        w.opt_str(p.external_id.as_deref());
        w.str(&p.name);
        w.opt_str(p.location.as_deref());
        match p.hire_date {
            Some(d) => {
                w.0.push(1);
                w.varint(zigzag(d.to_days()));
            }
            None => w.0.push(0),
        }
    }
    w.varint(nr as u64);
    for r in org.roles() {
        w.id(r.id.0);
        w.opt_str(r.external_id.as_deref());
        w.str(&r.title);
        w.str(&r.purpose);
        if r.accountabilities.is_empty() {
            w.str("");
        } else {
            w.str(&serde_json::to_string(&r.accountabilities).expect("accountabilities serialize"));
        }
    }
    w.varint(nt as u64);
    for t in org.teams() {
        w.id(t.id.0);
        w.str(&t.name);
        w.str(&t.purpose);
    }
    // Positions of the nodes as written above: persons, then roles, then teams.
    let mut position = vec![u32::MAX; petgraph::visit::NodeIndexable::node_bound(org.graph())];
    let mut next = 0u32;
    for kind in 0..3 {
        for ix in org.graph().node_indices() {
            let k = match org.graph()[ix] {
                Node::Person(_) => 0,
                Node::Role(_) => 1,
                Node::Team(_) => 2,
            };
            if k == kind {
                position[ix.index()] = next;
                next += 1;
            }
        }
    }
    w.varint(ne as u64);
    for e in org.graph().edge_indices() {
        let (Some(rel), Some((a, b))) = (org.graph().edge_weight(e), org.graph().edge_endpoints(e)) else {
            continue;
        };
        w.0.push(rel.kind().code());
        w.varint(position[a.index()] as u64);
        w.varint(position[b.index()] as u64);
        if let Relation::Fills { fte, .. } = rel {
            w.0.extend_from_slice(&fte.get().to_le_bytes());
        }
    }
    w.varint(org.domains().count() as u64);
    for d in org.domains() {
        w.str(&serde_json::to_string(d).expect("domains serialize"));
    }
    w.0
}

pub fn decode(bytes: &[u8]) -> Result<Snapshot, String> {
    let mut r = Reader::new(bytes)?;
    let mut s = Snapshot::default();
    let n = r.count()?;
    s.persons.reserve(n);
    for _ in 0..n {
        let id = PersonId(r.id()?);
        let external_id = r.opt_str()?;
        let name = r.str()?;
        let location = r.opt_str()?;
        let hire_date = match r.u8()? {
            0 => None,
            1 => Some(Date::from_days(unzigzag(r.varint()?)).ok_or("bad date")?),
            f => return Err(format!("bad flag {f}")),
        };
        s.persons.push(Person { id, external_id, name, location, hire_date });
    }
    let n = r.count()?;
    s.roles.reserve(n);
    for _ in 0..n {
        let id = RoleId(r.id()?);
        let external_id = r.opt_str()?;
        let title = r.str()?;
        let purpose = r.str()?;
        let acc = r.str()?;
        let accountabilities = if acc.is_empty() {
            Vec::new()
        } else {
            serde_json::from_str(&acc).map_err(|e| e.to_string())?
        };
        s.roles.push(Role { id, external_id, title, purpose, accountabilities });
    }
    let n = r.count()?;
    for _ in 0..n {
        let id = TeamId(r.id()?);
        s.teams.push(Team { id, name: r.str()?, purpose: r.str()? });
    }
    let nodes: Vec<NodeRef> = (s.persons.iter().map(|p| NodeRef::Person(p.id)))
        .chain(s.roles.iter().map(|r| NodeRef::Role(r.id)))
        .chain(s.teams.iter().map(|t| NodeRef::Team(t.id)))
        .collect();
    let n = r.count()?;
    s.relations.reserve(n);
    for _ in 0..n {
        let code = r.u8()?;
        let kind = RelationKind::from_code(code).ok_or_else(|| format!("unknown relation kind {code}"))?;
        let mut node = || -> Result<NodeRef, String> {
            let i = r.varint()?;
            usize::try_from(i)
                .ok()
                .and_then(|i| nodes.get(i).copied())
                .ok_or_else(|| format!("node {i} does not exist"))
        };
        let (na, nb) = (node()?, node()?);
        let (a, b) = (node_uuid(na), node_uuid(nb));
        use RelationKind as K;
        let rel = match kind {
            K::ReportsTo => Relation::ReportsTo { role: RoleId(a), manager: RoleId(b) },
            K::DottedLine => Relation::DottedLine { role: RoleId(a), manager: RoleId(b) },
            K::MemberOf => Relation::MemberOf { role: RoleId(a), team: TeamId(b) },
            K::Leads => Relation::Leads { role: RoleId(a), team: TeamId(b) },
            K::Coordinates => Relation::Coordinates { role: RoleId(a), team: TeamId(b) },
            K::PartOf => Relation::PartOf { team: TeamId(a), parent: TeamId(b) },
            K::Fills => {
                let raw: [u8; 8] = r.take(8)?.try_into().map_err(|_| "truncated")?;
                let fte = Fte::new(f64::from_le_bytes(raw)).ok_or("bad FTE")?;
                Relation::Fills { person: PersonId(a), role: RoleId(b), fte }
            }
            K::Supports => Relation::between(kind, na, nb, None)
                .ok_or("a supports relation joins the wrong kinds of node")?,
        };
        if Relation::between(kind, na, nb, None).is_none() {
            return Err(format!("a {} relation joins the wrong kinds of node", kind.as_str()));
        }
        s.relations.push(rel);
    }
    let n = r.count()?;
    for _ in 0..n {
        s.domains.push(serde_json::from_str(&r.str()?).map_err(|e| e.to_string())?);
    }
    if r.pos != bytes.len() {
        return Err("trailing bytes after the snapshot".into());
    }
    Ok(s)
}

/// The reporting structure of a snapshot, read without materializing its texts.
pub struct Structure {
    pub people: usize,
    pub roles: usize,
    pub teams: usize,
    /// For every node position (persons, then roles, then teams): the position of its manager
    /// role, or `u32::MAX`.
    pub manager: Vec<u32>,
}

/// Reads counts and reporting lines of an encoded snapshot, skipping every text: what analysis
/// needs, at a fraction of the cost of [`decode`]. It checks what analysis relies on: positions
/// exist, a solid line joins two roles, and a role has at most one.
pub fn structure(bytes: &[u8]) -> Result<Structure, String> {
    let mut r = Reader::new(bytes)?;
    let people = r.count()?;
    for _ in 0..people {
        r.take(16)?;
        r.skip_opt_str()?;
        r.skip_str()?;
        r.skip_opt_str()?;
        if r.u8()? == 1 {
            r.varint()?;
        }
    }
    let roles = r.count()?;
    for _ in 0..roles {
        r.take(16)?;
        r.skip_opt_str()?;
        r.skip_str()?;
        r.skip_str()?;
        r.skip_str()?;
    }
    let teams = r.count()?;
    for _ in 0..teams {
        r.take(16)?;
        r.skip_str()?;
        r.skip_str()?;
    }
    let nodes = people + roles + teams;
    let is_role = |i: u64| (people as u64..(people + roles) as u64).contains(&i);
    let mut manager = vec![u32::MAX; nodes];
    let n = r.count()?;
    for _ in 0..n {
        let code = r.u8()?;
        let kind = RelationKind::from_code(code).ok_or_else(|| format!("unknown relation kind {code}"))?;
        let (a, b) = (r.varint()?, r.varint()?);
        if a >= nodes as u64 || b >= nodes as u64 {
            return Err("a relation points at a missing node".into());
        }
        match kind {
            RelationKind::Fills => {
                r.take(8)?;
            }
            RelationKind::ReportsTo => {
                if !is_role(a) || !is_role(b) {
                    return Err("a reporting line joins something other than two roles".into());
                }
                if manager[a as usize] != u32::MAX {
                    return Err("a role has two solid reporting lines".into());
                }
                manager[a as usize] = b as u32;
            }
            _ => {}
        }
    }
    Ok(Structure { people, roles, teams, manager })
}

fn node_uuid(n: NodeRef) -> Uuid {
    match n {
        NodeRef::Person(PersonId(u)) | NodeRef::Role(RoleId(u)) | NodeRef::Team(TeamId(u)) => u,
    }
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}
fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

struct Writer(Vec<u8>);

impl Writer {
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }
    fn id(&mut self, u: Uuid) {
        self.0.extend_from_slice(u.as_bytes());
    }
    fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.0.push(1);
                self.str(s);
            }
            None => self.0.push(0),
        }
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader positioned after the magic and a supported version.
    fn new(b: &'a [u8]) -> Result<Reader<'a>, String> {
        let mut r = Reader { b, pos: 0 };
        if r.take(4)? != MAGIC {
            return Err("not a Kader snapshot".into());
        }
        let v = r.u8()?;
        if v != VERSION {
            return Err(format!("snapshot version {v} is not supported"));
        }
        Ok(r)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end =
            self.pos.checked_add(n).filter(|&e| e <= self.b.len()).ok_or("the snapshot is truncated")?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("bad varint".into())
    }
    /// A count, bounded by the bytes left so a corrupt count cannot allocate unbounded memory.
    fn count(&mut self) -> Result<usize, String> {
        let n = self.varint()?;
        if n > (self.b.len() - self.pos) as u64 {
            return Err("a count exceeds the snapshot's size".into());
        }
        Ok(n as usize)
    }
    fn id(&mut self) -> Result<Uuid, String> {
        let raw: [u8; 16] = self.take(16)?.try_into().map_err(|_| "truncated id")?;
        Ok(Uuid::from_bytes(raw))
    }
    fn str(&mut self) -> Result<String, String> {
        let n = self.count()?;
        let raw = self.take(n)?;
        String::from_utf8(raw.to_vec()).map_err(|_| "a text is not UTF-8".into())
    }
    fn skip_str(&mut self) -> Result<(), String> {
        let n = self.count()?;
        self.take(n).map(|_| ())
    }
    fn skip_opt_str(&mut self) -> Result<(), String> {
        match self.u8()? {
            0 => Ok(()),
            1 => self.skip_str(),
            f => Err(format!("bad flag {f}")),
        }
    }
    fn opt_str(&mut self) -> Result<Option<String>, String> {
        match self.u8()? {
            0 => Ok(None),
            1 => Ok(Some(self.str()?)),
            f => Err(format!("bad flag {f}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_an_error_never_a_panic() {
        let mut seed = 7u64;
        for len in 0..400 {
            let bytes: Vec<u8> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    if i < 5 {
                        b"KSNP\x01"[i]
                    } else {
                        (seed >> 33) as u8
                    }
                })
                .collect();
            let _ = decode(&bytes);
        }
        assert!(decode(b"").is_err(), "an empty snapshot is refused");
        assert!(decode(b"KSNP\x01\xff\xff\xff\xff\x0f").is_err(), "a huge count is refused");
    }
}

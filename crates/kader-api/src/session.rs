//! Workshop sessions: who has joined, with which role, and what the facilitator runs — the
//! agenda and its timer, the view everyone is brought to, locked editing, delegation poker.
//! `docs/sessions.md` is the contract. A session lives in memory while the server runs; what it
//! decides is written to the workspace through the [`Api`](crate::Api) like any change.
//!
//! **Consultations over days.** Opened on a workspace file ([`Sessions::persistent`]), the
//! lasting part of a session — its code and link, who joined (name, role, the SHA-256 of their
//! token, when they were last here), the agenda and the switches — is written to the file's `meta`
//! table before any change is acknowledged, and read back when the server starts again: a
//! participant comes back days later, after restarts, with the same token and so the same
//! identity, and is told when their previous visit was (to show what is new since). The token
//! itself is never stored. Poker rounds, the timer and presence are not kept.
//!
//! Security: participant tokens are 128-bit random; the join code is checked with a per-address
//! limit (5 wrong codes → 5 minutes locked out) and a global one (50 wrong codes retire the code);
//! ending the session revokes every participant token at once.
//!
//! Time is passed in (milliseconds since the epoch), so the rules are tested without waiting.

use crate::{ApiError, Code};
use kader::i18n::{Lang, Msg};
use kader::id::{DomainId, TeamId};
use kader::op::Op;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use tokio::sync::watch;
use ts_rs::TS;

/// Characters of a join code: no 0/O, 1/I/L look-alikes.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
pub const CODE_LEN: usize = 6;
/// Wrong codes from one address before it is locked out, and for how long.
pub const TRIES_PER_ADDRESS: u32 = 5;
pub const LOCKOUT_MS: i64 = 5 * 60 * 1000;
/// Wrong codes in total before the code is retired.
pub const TRIES_PER_CODE: u32 = 50;
pub const MAX_NAME_CHARS: usize = 40;
pub const MAX_PARTICIPANTS: usize = 500;
pub const MAX_AGENDA_ITEMS: usize = 50;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SessionRole {
    Facilitator,
    Participant,
    Observer,
}

/// Who is calling: the facilitator (the server's token) or a participant (by id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Principal {
    Facilitator,
    Participant(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Participant {
    pub id: String,
    pub name: String,
    pub role: SessionRole,
    pub online: bool,
    #[ts(type = "number")]
    pub joined_at: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct AgendaItem {
    pub title: String,
    pub minutes: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Timer {
    pub running: bool,
    #[ts(type = "number")]
    pub remaining_ms: i64,
    /// When it reaches zero, if running (milliseconds since the epoch).
    #[ts(type = "number | null")]
    pub ends_at: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Card {
    pub who: String,
    pub name: String,
    pub level: u8,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Spread {
    pub min: u8,
    pub max: u8,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Poker {
    #[ts(type = "string")]
    pub domain: DomainId,
    #[ts(type = "string")]
    pub team: TeamId,
    /// 1 for the first round on this cell; 2, 3, … after the facilitator asked for another round
    /// (for the outliers to explain and everyone to pick again).
    pub round: u32,
    /// Who has picked (participant ids, or "facilitator").
    pub picked: Vec<String>,
    pub revealed: bool,
    /// Every card once revealed; before that only the caller's own.
    pub cards: Vec<Card>,
    pub mine: Option<u8>,
    pub spread: Option<Spread>,
}

/// What the level agreed in delegation poker becomes: the cards ask who *should* decide, so by
/// default the desired level; `Now` when the group agrees it takes effect at once (the current
/// level).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Applies {
    #[default]
    Desired,
    Now,
}

/// A revealed round, ready to be recorded: its cell, the cards as "3, 4, 4, 5", its number and
/// the session's code (for the note).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToRecord {
    pub domain: DomainId,
    pub team: TeamId,
    pub cards: String,
    pub round: u32,
    pub code: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Me {
    pub id: Option<String>,
    pub name: String,
    pub role: SessionRole,
    /// When this participant's previous visit ended (a consultation over days): show what is new
    /// since then. `None` on a first visit, and for the facilitator.
    pub previous_visit: Option<i64>,
    /// The team this participant said they belong to (for the figures per team of a consent
    /// round, shown only from five respondents up); `None`: not said, and for the facilitator.
    #[ts(type = "string | null")]
    pub team: Option<TeamId>,
}

/// The session as one principal may see it.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct SessionView {
    pub code: String,
    pub join_url: String,
    pub lan: bool,
    pub me: Me,
    pub participants: Vec<Participant>,
    pub agenda: Vec<AgendaItem>,
    pub current: Option<usize>,
    pub timer: Option<Timer>,
    pub view: Option<String>,
    /// How many times the facilitator has brought everyone to a view: a participant's screen
    /// follows each time this changes, even to the view it already showed.
    pub brought: u32,
    pub locked: bool,
    pub structure_allowed: bool,
    pub poker: Option<Poker>,
}

/// A change the facilitator makes (every field optional).
#[derive(Clone, Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SessionPatch {
    #[ts(optional)]
    pub lan: Option<bool>,
    #[ts(optional)]
    pub agenda: Option<Vec<AgendaItem>>,
    #[serde(default, deserialize_with = "some")]
    #[ts(optional, type = "number | null")]
    pub current: Option<Option<usize>>,
    #[ts(optional)]
    pub timer: Option<TimerAction>,
    #[serde(default, deserialize_with = "some")]
    #[ts(optional, type = "string | null")]
    pub view: Option<Option<String>>,
    #[ts(optional)]
    pub locked: Option<bool>,
    #[ts(optional)]
    pub structure_allowed: Option<bool>,
}

/// `Some(value)` for a field that is present, even `null`.
fn some<'de, T: Deserialize<'de>, D: serde::Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TimerAction {
    Start,
    Pause,
    Reset,
}

/// The views a facilitator may bring everyone to; besides these, `proposals/<id>` brings
/// everyone to one proposal.
pub const VIEWS: [&str; 4] = ["chart", "board", "vision", "proposals"];

/// Whether `view` is one everyone may be brought to.
fn is_view(view: &str) -> bool {
    VIEWS.contains(&view)
        || view.strip_prefix("proposals/").is_some_and(|id| id.parse::<kader::id::ProposalId>().is_ok())
}

#[derive(Clone, Serialize, Deserialize)]
struct Member {
    id: String,
    /// The SHA-256 of the participant's token, as hex: the token itself is never kept.
    token_sha256: String,
    name: String,
    role: SessionRole,
    joined_at: i64,
    /// When the participant was last connected (0: never).
    #[serde(default)]
    last_seen: i64,
    /// When the visit before this one ended: what is new is what came after.
    #[serde(default)]
    previous_visit: Option<i64>,
    /// The team the participant said they belong to.
    #[serde(default)]
    team: Option<TeamId>,
    /// Open event sockets.
    #[serde(skip)]
    connections: u32,
}

fn sha256_hex(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The lasting part of a session, as kept in the workspace's `meta` table.
#[derive(Serialize, Deserialize)]
struct Saved {
    code: String,
    join_url: String,
    lan: bool,
    members: Vec<Member>,
    agenda: Vec<AgendaItem>,
    current: Option<usize>,
    locked: bool,
    structure_allowed: bool,
}

/// The `meta` key of the lasting session.
const META_KEY: &str = "session";

struct Round {
    domain: DomainId,
    team: TeamId,
    /// 1, then one more for each round the facilitator starts again on the same cell.
    number: u32,
    /// (who, name, level) in the order picked.
    cards: Vec<(String, String, u8)>,
    revealed: bool,
}

struct Session {
    code: String,
    wrong_codes: u32,
    join_url: String,
    lan: bool,
    members: Vec<Member>,
    agenda: Vec<AgendaItem>,
    current: Option<usize>,
    timer: Option<Timer>,
    view: Option<String>,
    brought: u32,
    locked: bool,
    structure_allowed: bool,
    poker: Option<Round>,
    /// Wrong codes per address: (count, locked out until).
    attempts: HashMap<String, (u32, i64)>,
}

/// What happened to the session, for the adapters: they close the sockets of revoked tokens and
/// apply the editing lock to the documents.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Effects {
    /// Participants whose tokens were revoked or whose access changed: close their connections.
    pub disconnect: Vec<String>,
    /// The session ended: close every participant's connections.
    pub ended: bool,
}

/// The sessions of one server: at most one running.
pub struct Sessions {
    session: Mutex<Option<Session>>,
    /// Bumped on every change; event sockets wait on it.
    version: watch::Sender<u64>,
    /// The workspace file the lasting part is kept in (`None`: in memory only).
    file: Option<PathBuf>,
}

impl Default for Sessions {
    fn default() -> Self {
        Sessions { session: Mutex::new(None), version: watch::channel(0).0, file: None }
    }
}

/// 128 random bits as 32 hex digits.
pub fn random_token() -> Result<String, ApiError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| ApiError::internal(format!("no randomness: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn random_code() -> Result<String, ApiError> {
    let mut bytes = [0u8; CODE_LEN];
    getrandom::fill(&mut bytes).map_err(|e| ApiError::internal(format!("no randomness: {e}")))?;
    // 31 symbols: the modulo bias of a byte (256 = 8·31 + 8) is small and a code lives minutes.
    Ok(bytes.iter().map(|b| CODE_ALPHABET[*b as usize % CODE_ALPHABET.len()] as char).collect())
}

/// A code as people type it: case, spaces and dashes do not matter.
pub fn normalize_code(code: &str) -> String {
    code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

fn no_session() -> ApiError {
    ApiError::new(Code::NotFound, "no session is running: ask the facilitator to start one")
}

fn forbidden(message: impl Into<String>) -> ApiError {
    ApiError::new(Code::Forbidden, message)
}

impl Sessions {
    fn lock(&self) -> MutexGuard<'_, Option<Session>> {
        self.session.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The sessions of the workspace file at `path`: the session kept there, if any, runs again.
    pub fn persistent(path: impl Into<PathBuf>) -> Result<Sessions, ApiError> {
        let file = path.into();
        let conn = rusqlite::Connection::open(&file)
            .map_err(|e| ApiError::internal(format!("the session could not be read: {e}")))?;
        kader::store::configure(&conn)?;
        let saved = kader::store::meta_get(&conn, META_KEY)?;
        let session = match saved {
            None => None,
            Some(json) => {
                let saved: Saved = serde_json::from_str(&json).map_err(|e| {
                    ApiError::internal(format!("the session kept in the workspace could not be read: {e}"))
                })?;
                Some(Session {
                    code: saved.code,
                    wrong_codes: 0,
                    join_url: saved.join_url,
                    lan: saved.lan,
                    members: saved.members,
                    agenda: saved.agenda,
                    current: saved.current,
                    timer: None,
                    view: None,
                    brought: 0,
                    locked: saved.locked,
                    structure_allowed: saved.structure_allowed,
                    poker: None,
                    attempts: HashMap::new(),
                })
            }
        };
        Ok(Sessions { session: Mutex::new(session), version: watch::channel(0).0, file: Some(file) })
    }

    /// Writes the lasting part of the session (or its absence) to the workspace file.
    fn save(&self) -> Result<(), ApiError> {
        let Some(file) = &self.file else { return Ok(()) };
        let saved = self.lock().as_ref().map(|s| Saved {
            code: s.code.clone(),
            join_url: s.join_url.clone(),
            lan: s.lan,
            members: s.members.clone(),
            agenda: s.agenda.clone(),
            current: s.current,
            locked: s.locked,
            structure_allowed: s.structure_allowed,
        });
        let failed =
            |e: &dyn std::fmt::Display| ApiError::internal(format!("the session could not be saved: {e}"));
        let mut conn = rusqlite::Connection::open(file).map_err(|e| failed(&e))?;
        kader::store::configure(&conn)?;
        let tx = conn.transaction().map_err(|e| failed(&e))?;
        match saved {
            Some(saved) => {
                let json = serde_json::to_string(&saved).expect("a session serializes");
                kader::store::meta_set(&tx, META_KEY, &json)?;
            }
            None => {
                tx.execute("DELETE FROM meta WHERE key = ?1", [META_KEY]).map_err(|e| failed(&e))?;
            }
        }
        tx.commit().map_err(|e| failed(&e))
    }

    fn changed(&self) {
        if let Err(e) = self.save() {
            // The session goes on in memory; the next change tries again.
            eprintln!("kader: {e}");
        }
        self.version.send_modify(|v| *v += 1);
    }

    /// Waits for changes: the receiver sees a new version after each.
    pub fn watch(&self) -> watch::Receiver<u64> {
        self.version.subscribe()
    }

    pub fn running(&self) -> bool {
        self.lock().is_some()
    }

    /// Starts a session, or returns the running one. `join_url` is where participants join.
    pub fn start(&self, join_url: String, lan: bool) -> Result<SessionView, ApiError> {
        let mut guard = self.lock();
        if guard.is_none() {
            *guard = Some(Session {
                code: random_code()?,
                wrong_codes: 0,
                join_url,
                lan,
                members: Vec::new(),
                agenda: Vec::new(),
                current: None,
                timer: None,
                view: None,
                brought: 0,
                locked: false,
                structure_allowed: false,
                poker: None,
                attempts: HashMap::new(),
            });
        }
        let view = view_of(guard.as_ref().expect("just started"), &Principal::Facilitator, 0);
        drop(guard);
        self.changed();
        Ok(view)
    }

    /// Where participants join, when the server's address changes (opened to the network).
    pub fn set_join_url(&self, join_url: String, lan: bool) {
        if let Some(s) = self.lock().as_mut() {
            s.join_url = join_url;
            s.lan = lan;
        }
        self.changed();
    }

    /// Ends the session: every participant token is revoked.
    pub fn end(&self) -> Result<Effects, ApiError> {
        let ended = self.lock().take().ok_or_else(no_session)?;
        self.changed();
        Ok(Effects { disconnect: ended.members.into_iter().map(|m| m.id).collect(), ended: true })
    }

    /// How long the address `from` is still locked out of joining, in milliseconds (0: not).
    pub fn locked_out_for(&self, from: &str, now: i64) -> i64 {
        let guard = self.lock();
        let until = guard.as_ref().and_then(|s| s.attempts.get(from)).map_or(0, |&(_, until)| until);
        (until - now).max(0)
    }

    /// A participant joins with the code. `from` is the client's address (for the rate limit).
    pub fn join(
        &self,
        code: &str,
        name: &str,
        from: &str,
        now: i64,
    ) -> Result<(String, Participant), ApiError> {
        let mut guard = self.lock();
        let s = guard.as_mut().ok_or_else(no_session)?;
        let (count, until) = s.attempts.get(from).copied().unwrap_or((0, 0));
        if until > now {
            let minutes = ((until - now) + 59_999) / 60_000;
            return Err(ApiError::new(
                Code::TooMany,
                format!("too many wrong codes from this device: try again in {minutes} minute(s)"),
            ));
        }
        if s.wrong_codes >= TRIES_PER_CODE {
            return Err(forbidden(
                "this join code was retired after too many wrong tries: ask the facilitator for the new one",
            ));
        }
        if normalize_code(code) != s.code {
            s.wrong_codes += 1;
            let count = if until != 0 { 1 } else { count + 1 };
            let locked = if count >= TRIES_PER_ADDRESS { now + LOCKOUT_MS } else { 0 };
            s.attempts.insert(from.to_owned(), (if locked != 0 { 0 } else { count }, locked));
            if s.wrong_codes >= TRIES_PER_CODE {
                s.code = random_code()?;
                s.wrong_codes = 0;
                drop(guard);
                self.changed();
                return Err(forbidden("that code is not right, and the code was retired after too many wrong tries: ask the facilitator for the new one"));
            }
            return Err(if locked != 0 {
                ApiError::new(
                    Code::TooMany,
                    "that code is not right: too many wrong codes, try again in 5 minutes",
                )
            } else {
                forbidden(format!("that code is not right ({} tries left)", TRIES_PER_ADDRESS - count))
            });
        }
        s.attempts.remove(from);
        let name = name.trim();
        let chars = name.chars().count();
        if chars == 0 || chars > MAX_NAME_CHARS {
            return Err(ApiError::invalid(format!(
                "a display name is 1 to {MAX_NAME_CHARS} characters; got {chars}"
            )));
        }
        if name.chars().any(char::is_control) {
            return Err(ApiError::invalid("a display name cannot hold control characters"));
        }
        if s.members.len() >= MAX_PARTICIPANTS {
            return Err(forbidden(format!("the session is full ({MAX_PARTICIPANTS} people)")));
        }
        let token = random_token()?;
        let id = random_token()?[..12].to_owned();
        let member = Member {
            id: id.clone(),
            token_sha256: sha256_hex(&token),
            name: name.to_owned(),
            role: SessionRole::Participant,
            joined_at: now,
            last_seen: 0,
            previous_visit: None,
            team: None,
            connections: 0,
        };
        let participant = participant_of(&member);
        s.members.push(member);
        drop(guard);
        self.changed();
        Ok((token, participant))
    }

    /// The participant holding `token`, with its role (`None`: not a valid participant token).
    pub fn identify(&self, token: &str) -> Option<(String, SessionRole)> {
        use subtle::ConstantTimeEq;
        let hash = sha256_hex(token);
        let guard = self.lock();
        let s = guard.as_ref()?;
        s.members
            .iter()
            .find(|m| bool::from(m.token_sha256.as_bytes().ct_eq(hash.as_bytes())))
            .map(|m| (m.id.clone(), m.role))
    }

    /// The role of a principal (`None`: a participant no longer in the session).
    pub fn role(&self, who: &Principal) -> Option<SessionRole> {
        match who {
            Principal::Facilitator => Some(SessionRole::Facilitator),
            Principal::Participant(id) => {
                self.lock().as_ref()?.members.iter().find(|m| &m.id == id).map(|m| m.role)
            }
        }
    }

    /// A participant's display name, for the history of the changes they make.
    pub fn name_of(&self, id: &str) -> Option<String> {
        self.lock().as_ref()?.members.iter().find(|m| m.id == id).map(|m| m.name.clone())
    }

    /// The team a participant said they belong to.
    pub fn team_of(&self, id: &str) -> Option<TeamId> {
        self.lock().as_ref()?.members.iter().find(|m| m.id == id)?.team
    }

    /// A participant says which team they belong to (`None`: rather not say). The caller checked
    /// that the team exists.
    pub fn set_team(&self, id: &str, team: Option<TeamId>, now: i64) -> Result<SessionView, ApiError> {
        let mut guard = self.lock();
        let s = guard.as_mut().ok_or_else(no_session)?;
        let m = s
            .members
            .iter_mut()
            .find(|m| m.id == id)
            .ok_or_else(|| ApiError::new(Code::Unauthorized, "you are no longer in this session"))?;
        m.team = team;
        let view = view_of(s, &Principal::Participant(id.to_owned()), now);
        drop(guard);
        self.changed();
        Ok(view)
    }

    /// Whether participants may make structural changes now.
    pub fn structure_allowed(&self) -> bool {
        self.lock().as_ref().is_some_and(|s| s.structure_allowed)
    }

    /// Whether a participant may apply `op`: only when the facilitator allows structural changes,
    /// and never a bulk operation ([`is_bulk`]): replacing or emptying the organization stays the
    /// facilitator's. The refusal is worded in `lang`.
    pub fn participant_may_apply(&self, op: &Op, lang: Lang) -> Result<(), ApiError> {
        if !self.structure_allowed() {
            return Err(forbidden(
                "structural changes are the facilitator's in this session: propose it in the room, or ask the facilitator to allow changes",
            ));
        }
        if is_bulk(op) {
            return Err(forbidden(Msg::ParticipantBulkChange.say(lang)));
        }
        Ok(())
    }

    pub fn locked(&self) -> bool {
        self.lock().as_ref().is_some_and(|s| s.locked)
    }

    pub fn view(&self, who: &Principal, now: i64) -> Result<SessionView, ApiError> {
        let guard = self.lock();
        let s = guard.as_ref().ok_or_else(no_session)?;
        if let Principal::Participant(id) = who {
            if !s.members.iter().any(|m| &m.id == id) {
                return Err(ApiError::new(Code::Unauthorized, "you are no longer in this session"));
            }
        }
        Ok(view_of(s, who, now))
    }

    /// An event socket of a participant opened (`true`) or closed, at `now`. The first socket of
    /// a visit moves the last visit into `previous_visit`.
    pub fn connected(&self, id: &str, open: bool, now: i64) {
        if let Some(s) = self.lock().as_mut() {
            if let Some(m) = s.members.iter_mut().find(|m| m.id == id) {
                if open && m.connections == 0 && m.last_seen > 0 {
                    m.previous_visit = Some(m.last_seen);
                }
                m.connections = if open { m.connections + 1 } else { m.connections.saturating_sub(1) };
                m.last_seen = now;
            }
        }
        self.changed();
    }

    pub fn update(&self, patch: SessionPatch, now: i64) -> Result<(SessionView, Effects), ApiError> {
        let mut guard = self.lock();
        let s = guard.as_mut().ok_or_else(no_session)?;
        if let Some(agenda) = &patch.agenda {
            if agenda.len() > MAX_AGENDA_ITEMS {
                return Err(ApiError::invalid(format!("an agenda has at most {MAX_AGENDA_ITEMS} items")));
            }
            for (i, item) in agenda.iter().enumerate() {
                let title = item.title.trim();
                if title.is_empty() || title.chars().count() > 120 {
                    return Err(ApiError::invalid(format!(
                        "agenda item {}: a title is 1 to 120 characters",
                        i + 1
                    )));
                }
                if item.minutes == 0 || item.minutes > 600 {
                    return Err(ApiError::invalid(format!(
                        "agenda item {} ({title:?}): minutes must be 1 to 600, got {}",
                        i + 1,
                        item.minutes
                    )));
                }
            }
        }
        if let Some(Some(view)) = &patch.view {
            if !is_view(view) {
                return Err(ApiError::invalid(format!(
                    "{view:?} is not a view (chart, board, vision, proposals or proposals/<id>)"
                )));
            }
        }
        let agenda_len = patch.agenda.as_ref().map_or(s.agenda.len(), Vec::len);
        if let Some(Some(current)) = patch.current {
            if current >= agenda_len {
                return Err(ApiError::invalid(format!(
                    "agenda item {} does not exist (the agenda has {agenda_len})",
                    current + 1
                )));
            }
        }
        let mut effects = Effects::default();
        if let Some(agenda) = patch.agenda {
            s.agenda = agenda
                .into_iter()
                .map(|i| AgendaItem { title: i.title.trim().to_owned(), minutes: i.minutes })
                .collect();
            if s.current.is_some_and(|c| c >= s.agenda.len()) {
                s.current = None;
                s.timer = None;
            }
        }
        if let Some(current) = patch.current {
            if current != s.current {
                s.current = current;
                s.timer = current.map(|c| Timer {
                    running: false,
                    remaining_ms: i64::from(s.agenda[c].minutes) * 60_000,
                    ends_at: None,
                });
            }
        }
        if let Some(action) = patch.timer {
            let Some(c) = s.current else {
                return Err(ApiError::invalid("choose an agenda item before using the timer"));
            };
            let full = i64::from(s.agenda[c].minutes) * 60_000;
            let timer = s.timer.get_or_insert(Timer { running: false, remaining_ms: full, ends_at: None });
            match action {
                TimerAction::Start if !timer.running => {
                    timer.running = true;
                    timer.ends_at = Some(now + timer.remaining_ms);
                }
                TimerAction::Pause if timer.running => {
                    timer.running = false;
                    timer.remaining_ms = timer.ends_at.map_or(timer.remaining_ms, |end| (end - now).max(0));
                    timer.ends_at = None;
                }
                TimerAction::Reset => *timer = Timer { running: false, remaining_ms: full, ends_at: None },
                _ => {}
            }
        }
        if let Some(view) = patch.view {
            if view.is_some() {
                s.brought = s.brought.wrapping_add(1);
            }
            s.view = view;
        }
        if let Some(locked) = patch.locked {
            s.locked = locked;
        }
        if let Some(allowed) = patch.structure_allowed {
            s.structure_allowed = allowed;
        }
        if let Some(lan) = patch.lan {
            s.lan = lan;
        }
        let _ = &mut effects;
        let view = view_of(s, &Principal::Facilitator, now);
        drop(guard);
        self.changed();
        Ok((view, effects))
    }

    /// Changes a participant's role; its connections must reopen with the new access.
    pub fn set_role(
        &self,
        id: &str,
        role: SessionRole,
        now: i64,
    ) -> Result<(SessionView, Effects), ApiError> {
        if role == SessionRole::Facilitator {
            return Err(ApiError::invalid(
                "there is one facilitator; a participant can be a participant or an observer",
            ));
        }
        let mut guard = self.lock();
        let s = guard.as_mut().ok_or_else(no_session)?;
        let member = s
            .members
            .iter_mut()
            .find(|m| m.id == id)
            .ok_or_else(|| ApiError::not_found(format!("participant {id} is not in the session")))?;
        member.role = role;
        let view = view_of(s, &Principal::Facilitator, now);
        drop(guard);
        self.changed();
        Ok((view, Effects { disconnect: vec![id.to_owned()], ended: false }))
    }

    /// Removes a participant: its token is revoked.
    pub fn remove(&self, id: &str, now: i64) -> Result<(SessionView, Effects), ApiError> {
        let mut guard = self.lock();
        let s = guard.as_mut().ok_or_else(no_session)?;
        let before = s.members.len();
        s.members.retain(|m| m.id != id);
        if s.members.len() == before {
            return Err(ApiError::not_found(format!("participant {id} is not in the session")));
        }
        if let Some(round) = &mut s.poker {
            round.cards.retain(|(who, _, _)| who != id);
        }
        let view = view_of(s, &Principal::Facilitator, now);
        drop(guard);
        self.changed();
        Ok((view, Effects { disconnect: vec![id.to_owned()], ended: false }))
    }

    /// Starts a poker round on a domain's level for a team (the caller checked both exist).
    pub fn start_poker(&self, domain: DomainId, team: TeamId, now: i64) -> Result<SessionView, ApiError> {
        let mut guard = self.lock();
        let s = guard.as_mut().ok_or_else(no_session)?;
        s.poker = Some(Round { domain, team, number: 1, cards: Vec::new(), revealed: false });
        let view = view_of(s, &Principal::Facilitator, now);
        drop(guard);
        self.changed();
        Ok(view)
    }

    pub fn pick(&self, who: &Principal, level: u8, now: i64) -> Result<SessionView, ApiError> {
        if !(1..=7).contains(&level) {
            return Err(ApiError::invalid(format!("a card is 1 to 7, got {level}")));
        }
        let mut guard = self.lock();
        let s = guard.as_mut().ok_or_else(no_session)?;
        let (key, name) = match who {
            Principal::Facilitator => ("facilitator".to_owned(), "Facilitator".to_owned()),
            Principal::Participant(id) => {
                let m =
                    s.members.iter().find(|m| &m.id == id).ok_or_else(|| {
                        ApiError::new(Code::Unauthorized, "you are no longer in this session")
                    })?;
                if m.role == SessionRole::Observer {
                    return Err(forbidden("observers watch the round; they do not pick a card"));
                }
                (m.id.clone(), m.name.clone())
            }
        };
        let round = s.poker.as_mut().ok_or_else(|| ApiError::invalid("no poker round is open"))?;
        if round.revealed {
            return Err(ApiError::invalid("the cards were revealed: wait for the next round"));
        }
        match round.cards.iter_mut().find(|(w, _, _)| *w == key) {
            Some(card) => card.2 = level,
            None => round.cards.push((key, name, level)),
        }
        let view = view_of(s, who, now);
        drop(guard);
        self.changed();
        Ok(view)
    }

    pub fn reveal(&self, now: i64) -> Result<SessionView, ApiError> {
        let mut guard = self.lock();
        let s = guard.as_mut().ok_or_else(no_session)?;
        let round = s.poker.as_mut().ok_or_else(|| ApiError::invalid("no poker round is open"))?;
        if round.cards.is_empty() {
            return Err(ApiError::invalid("no one has picked a card yet"));
        }
        round.revealed = true;
        let view = view_of(s, &Principal::Facilitator, now);
        drop(guard);
        self.changed();
        Ok(view)
    }

    /// Another round on the same cell, after the reveal: the cards are cleared and secret again,
    /// the round's number goes up. Until then everyone still sees the revealed cards (to let the
    /// outliers explain).
    pub fn again(&self, now: i64) -> Result<SessionView, ApiError> {
        let mut guard = self.lock();
        let s = guard.as_mut().ok_or_else(no_session)?;
        let round = s.poker.as_mut().ok_or_else(|| ApiError::invalid("no poker round is open"))?;
        if !round.revealed {
            return Err(ApiError::invalid(
                "the cards of this round are not revealed yet: reveal them before starting another round",
            ));
        }
        round.number += 1;
        round.cards.clear();
        round.revealed = false;
        let view = view_of(s, &Principal::Facilitator, now);
        drop(guard);
        self.changed();
        Ok(view)
    }

    /// The round to record. The caller writes the level, then calls [`Sessions::recorded`].
    pub fn to_record(&self) -> Result<ToRecord, ApiError> {
        let guard = self.lock();
        let s = guard.as_ref().ok_or_else(no_session)?;
        let round = s.poker.as_ref().ok_or_else(|| ApiError::invalid("no poker round is open"))?;
        if !round.revealed {
            return Err(ApiError::invalid("reveal the cards before recording the agreed level"));
        }
        let mut levels: Vec<u8> = round.cards.iter().map(|c| c.2).collect();
        levels.sort_unstable();
        let cards = levels.iter().map(u8::to_string).collect::<Vec<_>>().join(", ");
        Ok(ToRecord {
            domain: round.domain,
            team: round.team,
            cards,
            round: round.number,
            code: s.code.clone(),
        })
    }

    /// The round `done` was recorded: it ends (everyone's poker panel closes). A round started
    /// meanwhile is left open.
    pub fn recorded(&self, done: &ToRecord, now: i64) -> Result<SessionView, ApiError> {
        let mut guard = self.lock();
        let s = guard.as_mut().ok_or_else(no_session)?;
        let same = |r: &Round| {
            r.domain == done.domain && r.team == done.team && r.number == done.round && r.revealed
        };
        if s.poker.as_ref().is_some_and(same) {
            s.poker = None;
        }
        let view = view_of(s, &Principal::Facilitator, now);
        drop(guard);
        self.changed();
        Ok(view)
    }
}

/// Whether `op` replaces or empties the organization in bulk: a `load` or an `unload`, or a batch
/// containing one at any depth (an import, a restore).
pub fn is_bulk(op: &Op) -> bool {
    match op {
        Op::Load { .. } | Op::Unload { .. } => true,
        Op::Batch { ops, .. } => ops.iter().any(is_bulk),
        _ => false,
    }
}

fn participant_of(m: &Member) -> Participant {
    Participant {
        id: m.id.clone(),
        name: m.name.clone(),
        role: m.role,
        online: m.connections > 0,
        joined_at: m.joined_at,
    }
}

fn view_of(s: &Session, who: &Principal, now: i64) -> SessionView {
    let me = match who {
        Principal::Facilitator => Me {
            id: None,
            name: "Facilitator".into(),
            role: SessionRole::Facilitator,
            previous_visit: None,
            team: None,
        },
        Principal::Participant(id) => s
            .members
            .iter()
            .find(|m| &m.id == id)
            .map(|m| Me {
                id: Some(m.id.clone()),
                name: m.name.clone(),
                role: m.role,
                previous_visit: m.previous_visit,
                team: m.team,
            })
            .unwrap_or(Me {
                id: Some(id.clone()),
                name: String::new(),
                role: SessionRole::Observer,
                previous_visit: None,
                team: None,
            }),
    };
    let own = match who {
        Principal::Facilitator => "facilitator",
        Principal::Participant(id) => id.as_str(),
    };
    let poker = s.poker.as_ref().map(|r| {
        let mine = r.cards.iter().find(|c| c.0 == own).map(|c| c.2);
        let cards = r
            .cards
            .iter()
            .filter(|c| r.revealed || c.0 == own)
            .map(|(w, n, l)| Card { who: w.clone(), name: n.clone(), level: *l })
            .collect();
        let spread = r.revealed.then(|| {
            let levels = r.cards.iter().map(|c| c.2);
            Spread { min: levels.clone().min().unwrap_or(0), max: levels.max().unwrap_or(0) }
        });
        Poker {
            domain: r.domain,
            team: r.team,
            round: r.number,
            picked: r.cards.iter().map(|c| c.0.clone()).collect(),
            revealed: r.revealed,
            cards,
            mine,
            spread,
        }
    });
    let timer = s.timer.as_ref().map(|t| Timer {
        running: t.running,
        remaining_ms: t.ends_at.map_or(t.remaining_ms, |end| (end - now).max(0)),
        ends_at: t.ends_at,
    });
    SessionView {
        code: s.code.clone(),
        join_url: s.join_url.clone(),
        lan: s.lan,
        me,
        participants: s.members.iter().map(participant_of).collect(),
        agenda: s.agenda.clone(),
        current: s.current,
        timer,
        view: s.view.clone(),
        brought: s.brought,
        locked: s.locked,
        structure_allowed: s.structure_allowed,
        poker,
    }
}

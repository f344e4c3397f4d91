//! The decision matrix as a spreadsheet: which team or role decides in which decision domain, at
//! which delegation level now and which is desired, with each domain's guardrails and driver. Bytes
//! in, one operation or the complete list of problems out; and the organization's matrix out as CSV
//! in the same format. No I/O. The format is documented in `docs/interchange.md`.
//!
//! The contract:
//! - **Encoding and dialect** as the HR import reads them ([`super::hris`]): UTF-8 with or without
//!   a byte order mark, Windows-1252, UTF-16 with a byte order mark; `,`, `;` or TAB, the most
//!   frequent in the header line; quoted cells may hold the delimiter and line breaks.
//! - **Columns**, by header in English or Dutch, ignoring case, spaces and punctuation (see
//!   [`Column::keys`]): `Domain`/`Domein`, `Team` (or `Role`/`Rol`), `Level`/`Niveau` required;
//!   `Desired level`/`Gewenst niveau`, `Guardrails`/`Randvoorwaarden`, `Driver`/`Drijfveer` optional
//!   (the earlier Dutch headers `Kaders` and `Aanleiding` are read too). Other columns are ignored.
//! - **Rows.** One row per domain and team (or role); a row with only a domain (and its driver or
//!   guardrails) names a domain without entries. A level is a number 1–7 or its name in English or
//!   Dutch ([`Level::parse`]); an empty level cell is no level, and a row naming a team or role needs
//!   at least one of the two levels. Guardrails in a cell are separated by line breaks or `|`. Rows
//!   of one domain (names compared ignoring case and accents) may repeat its driver and guardrails:
//!   the first non-empty value is taken, and a different non-empty value on a later row is refused.
//! - **Matching** ([`plan`]): teams by name and roles by title, ignoring case, accents and repeated
//!   spaces; a name that matches nothing, or more than one team or role, is refused. Domains are
//!   found in the workspace by name the same way, or created. Driver and guardrails given in the file
//!   replace the domain's; an empty cell leaves them as they are. Each entry is set with
//!   [`Op::SetDelegation`] and the caller's note, so the history of every level says who imported it,
//!   when and from which file; entries already at the file's levels are left alone, and entries the
//!   file does not name are kept. Everything is one [`Op::Batch`]: one change, one undo.
//! - **Problems** are all collected, never only the first, each naming its line (the header is line
//!   1 when it is the first line) and the value; nothing is changed unless there are none.
//! - Nothing here panics, whatever the bytes.

use super::bounded::{more_msg, Collector, More, ProblemClass, Ranked};
use super::hris::{
    clean, decode_text, detect_delimiter, find_damage, header_key, trim, CsvProblem, Tokenizer,
};
use crate::id::{DomainId, IdSource, RoleId, TeamId};
use crate::model::{DecisionDomain, Level, LevelNote, Unit};
use crate::op::Op;
use crate::org::Org;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::fmt;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// A column of the decision matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Domain,
    Team,
    Role,
    Level,
    DesiredLevel,
    Guardrails,
    Driver,
}

impl Column {
    pub const ALL: [Column; 7] = [
        Column::Domain,
        Column::Team,
        Column::Role,
        Column::Level,
        Column::DesiredLevel,
        Column::Guardrails,
        Column::Driver,
    ];

    /// The header the English export writes.
    pub fn header(self) -> &'static str {
        match self {
            Column::Domain => "Domain",
            Column::Team => "Team",
            Column::Role => "Role",
            Column::Level => "Level",
            Column::DesiredLevel => "Desired level",
            Column::Guardrails => "Guardrails",
            Column::Driver => "Driver",
        }
    }

    /// The header the Dutch export writes.
    pub fn header_nl(self) -> &'static str {
        match self {
            Column::Domain => "Domein",
            Column::Team => "Team",
            Column::Role => "Rol",
            Column::Level => "Niveau",
            Column::DesiredLevel => "Gewenst niveau",
            Column::Guardrails => "Randvoorwaarden",
            Column::Driver => "Drijfveer",
        }
    }

    /// The headers recognized for the column, as compared: lowercase letters and digits only.
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            Column::Domain => &["domain", "domein", "decisiondomain", "beslissingsdomein"],
            Column::Team => &["team", "ploeg"],
            Column::Role => &["role", "rol"],
            Column::Level => {
                &["level", "niveau", "currentlevel", "huidigniveau", "delegationlevel", "delegatieniveau"]
            }
            Column::DesiredLevel => &["desiredlevel", "gewenstniveau", "desired", "gewenst", "targetlevel"],
            Column::Guardrails => {
                &["guardrails", "guardrail", "randvoorwaarden", "randvoorwaarde", "kaders", "kader"]
            }
            Column::Driver => &["driver", "drijfveer", "aanleiding"],
        }
    }

    /// The column's English and Dutch header, for messages: `Level/Niveau`.
    fn names(self) -> String {
        if self.header() == self.header_nl() {
            self.header().to_owned()
        } else {
            format!("{}/{}", self.header(), self.header_nl())
        }
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.header())
    }
}

/// A parsed decision matrix: its domains in the order they first appear, each with its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct DecisionTable {
    /// As [`super::hris::HrisTable::encoding`].
    pub encoding: &'static str,
    pub delimiter: u8,
    /// The number of rows read (blank rows not counted).
    pub rows: usize,
    pub domains: Vec<DomainRows>,
}

/// One decision domain of the file, from all its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct DomainRows {
    /// The line of the domain's first row.
    pub line: u64,
    /// The name as written on the first row.
    pub name: String,
    /// The first non-empty driver, `None` when no row gives one.
    pub driver: Option<String>,
    /// The first non-empty guardrails, `None` when no row gives them.
    pub guardrails: Option<Vec<String>>,
    pub entries: Vec<EntryRow>,
}

/// One row naming a team or role of a domain.
#[derive(Clone, Debug, PartialEq)]
pub struct EntryRow {
    pub line: u64,
    pub subject: Subject,
    pub current: Option<Level>,
    pub desired: Option<Level>,
}

/// A team or role, by the name the file gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Team(String),
    Role(String),
}

impl Subject {
    fn name(&self) -> &str {
        match self {
            Subject::Team(n) | Subject::Role(n) => n,
        }
    }
    fn column(&self) -> Column {
        match self {
            Subject::Team(_) => Column::Team,
            Subject::Role(_) => Column::Role,
        }
    }
}

/// What an import changes, for the user.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, Serialize)]
pub struct DecisionsReport {
    pub encoding: &'static str,
    pub delimiter: char,
    pub rows: usize,
    /// Names of the domains the import creates.
    pub domains_created: Vec<String>,
    /// Names of existing domains whose driver, guardrails or entries change.
    pub domains_updated: Vec<String>,
    /// Entries whose levels are set (new or changed).
    pub entries_set: usize,
    /// Entries already at the file's levels.
    pub entries_unchanged: usize,
}

impl DecisionsReport {
    pub fn is_noop(&self) -> bool {
        self.domains_created.is_empty() && self.domains_updated.is_empty() && self.entries_set == 0
    }
}

/// The matrix was refused; `problems` lists everything wrong with it, sorted by line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionsError {
    /// The first [`KEPT`](super::bounded::KEPT) problems by line, in full.
    pub problems: Vec<Problem>,
    /// The problems beyond those, counted by kind (empty when all are in `problems`).
    pub more: More,
}

impl DecisionsError {
    fn new(problems: impl Into<Collector<Problem>>) -> DecisionsError {
        // Sorted by line, the problems of one line in the order they were found.
        let (problems, more) = problems.into().finish();
        DecisionsError { problems, more }
    }

    /// How many problems the matrix has, named or counted.
    pub fn total(&self) -> usize {
        self.problems.len() + self.more.iter().map(|(_, n)| n).sum::<usize>()
    }
}

impl Ranked for Problem {
    fn rank_line(&self) -> u64 {
        self.line.unwrap_or(0)
    }
    fn class(&self) -> ProblemClass {
        match &self.kind {
            ProblemKind::EmptyDomain => ProblemClass::EmptyDomain,
            ProblemKind::UnknownLevel { .. } => ProblemClass::UnknownLevel,
            ProblemKind::NoLevel { .. } => ProblemClass::NoLevel,
            ProblemKind::UnknownSubject { .. } => ProblemClass::UnknownSubject,
            ProblemKind::DuplicateEntry { .. } => ProblemClass::DuplicateEntry,
            ProblemKind::Csv(CsvProblem::TooManyValues { .. }) => ProblemClass::TooManyValues,
            ProblemKind::Csv(CsvProblem::RepeatedHeader) => ProblemClass::RepeatedHeader,
            _ => ProblemClass::Other,
        }
    }
}

/// One thing wrong with the matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The physical line, `None` for the file as a whole.
    pub line: Option<u64>,
    pub kind: ProblemKind,
}

/// What is wrong. The [`fmt::Display`] of each says what the user can do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// Nothing but whitespace and delimiters.
    EmptyFile,
    /// A required column is not in the header row. For [`Column::Team`]: neither a team nor a role
    /// column.
    MissingColumn { column: Column, found: Vec<String> },
    /// Two headers are the same column.
    DuplicateColumn { column: Column, first: String, second: String },
    /// A header row and no rows.
    NoRows,
    /// The row has values but no domain.
    EmptyDomain,
    /// A level cell is neither a number 1–7 nor a level's name.
    UnknownLevel { column: Column, value: String },
    /// The row names a team or role and neither level.
    NoLevel { subject: String },
    /// The row gives a level and names neither a team nor a role.
    LevelWithoutSubject,
    /// The row names both a team and a role.
    TeamAndRole { team: String, role: String },
    /// A later row of the domain gives another driver than the row on `first_line`.
    ConflictingDriver { domain: String, first_line: u64, first: String, second: String },
    /// A later row of the domain gives other guardrails than the row on `first_line`.
    ConflictingGuardrails { domain: String, first_line: u64, first: Vec<String>, second: Vec<String> },
    /// No team (or role, with [`Column::Role`]) in the workspace has this name.
    UnknownSubject { column: Column, name: String },
    /// Several teams (or roles) of the workspace have this name.
    AmbiguousSubject { column: Column, name: String, count: usize },
    /// Several domains of the workspace have this name.
    AmbiguousDomain { name: String, count: usize },
    /// The domain's team or role was already given on `first_line`.
    DuplicateEntry { domain: String, subject: String, first_line: u64 },
    /// The CSV itself is wrong in a way that would hide rows (see [`CsvProblem`]).
    Csv(CsvProblem),
    /// A text is longer than Kader takes (see [`crate::limits`]).
    TooLong(crate::limits::TooLong),
}

impl fmt::Display for DecisionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = crate::i18n::count_grouped(crate::i18n::Lang::En, self.total(), "problem", "problems");
        write!(f, "the decision matrix was not imported: {count}")?;
        for p in &self.problems {
            write!(f, "\n{p}")?;
        }
        if let Some(more) = more_msg(&self.more) {
            write!(f, "\n{more}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DecisionsError {}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.kind),
            None => write!(f, "{}", self.kind),
        }
    }
}

fn found_list(found: &[String]) -> String {
    if found.is_empty() {
        return "no columns".to_owned();
    }
    let shown: Vec<&str> = found.iter().map(|h| if h.is_empty() { "(empty)" } else { h.as_str() }).collect();
    shown.join(", ")
}

fn subject_word(column: Column) -> &'static str {
    if column == Column::Role {
        "role"
    } else {
        "team"
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::EmptyFile => write!(
                f,
                "the file is empty: it needs a header row (Domain, Team, Level, …) and one row per domain and team"
            ),
            ProblemKind::MissingColumn { column: Column::Team, found } => write!(
                f,
                "there is no Team or Role/Rol column; the header row has: {}",
                found_list(found)
            ),
            ProblemKind::MissingColumn { column, found } => write!(
                f,
                "there is no {} column; the header row has: {}",
                column.names(),
                found_list(found)
            ),
            ProblemKind::DuplicateColumn { column, first, second } => write!(
                f,
                "the columns {first:?} and {second:?} are both the {} column; remove or rename one",
                column.names()
            ),
            ProblemKind::NoRows => write!(f, "the file has a header row but no rows below it"),
            ProblemKind::EmptyDomain => {
                write!(f, "the Domain is empty; every row names the decision domain it is about")
            }
            ProblemKind::UnknownLevel { column, value } => write!(
                f,
                "{value:?} in {} is not a delegation level: write a number from 1 to 7 or a name \
                 (tell, sell, consult, agree, advise, inquire, delegate, or vertellen, verkopen, \
                 raadplegen, overeenkomen, adviseren, informeren, delegeren)",
                column.names()
            ),
            ProblemKind::NoLevel { subject } => write!(
                f,
                "{subject:?} has neither a Level nor a Desired level; give at least one, or leave the \
                 team out to list the domain alone"
            ),
            ProblemKind::LevelWithoutSubject => write!(
                f,
                "the row gives a level but no Team or Role; name the team or role the level is for"
            ),
            ProblemKind::TeamAndRole { team, role } => write!(
                f,
                "the row names both the team {team:?} and the role {role:?}; a row is for one of them: \
                 split it into two rows"
            ),
            ProblemKind::ConflictingDriver { domain, first_line, first, second } => write!(
                f,
                "the driver of {domain:?} is {second:?} here but {first:?} on line {first_line}; give it \
                 once, or the same on every row"
            ),
            ProblemKind::ConflictingGuardrails { domain, first_line, first, second } => write!(
                f,
                "the guardrails of {domain:?} are {:?} here but {:?} on line {first_line}; give them \
                 once, or the same on every row",
                second.join(" | "),
                first.join(" | ")
            ),
            ProblemKind::UnknownSubject { column, name } => write!(
                f,
                "no {} in the workspace is called {name:?} (case and accents do not matter); check the \
                 spelling, or import the HR export that has it first",
                subject_word(*column)
            ),
            ProblemKind::AmbiguousSubject { column, name, count } => {
                let word = subject_word(*column);
                write!(
                    f,
                    "{count} {word}s in the workspace are called {name:?}; rename them in the workspace \
                     so that each {word} has its own name"
                )
            }
            ProblemKind::AmbiguousDomain { name, count } => write!(
                f,
                "{count} decision domains in the workspace are called {name:?}; rename one in the \
                 workspace so the file says which one it means"
            ),
            ProblemKind::Csv(problem) => write!(f, "{problem}"),
            ProblemKind::TooLong(too_long) => write!(f, "{too_long}"),
            ProblemKind::DuplicateEntry { domain, subject, first_line } => write!(
                f,
                "{subject:?} is given for {domain:?} a second time (first on line {first_line}); keep one \
                 row per domain and team or role"
            ),
        }
    }
}

/// Names folded for matching: decomposed (NFD), without combining marks, lowercased, with runs of
/// white space as one space and none at the ends.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.nfd().filter(|c| !is_combining_mark(*c)) {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Splits a guardrails cell: line breaks and `|` separate guardrails; each is trimmed and empty ones
/// are dropped.
fn split_guardrails(cell: &str) -> Vec<String> {
    cell.split(['\r', '\n', '|']).map(str::trim).filter(|g| !g.is_empty()).map(str::to_owned).collect()
}

/// The column of each field, once the header is understood.
struct Layout {
    columns: [Option<usize>; 7],
    header_fields: usize,
}

impl Layout {
    fn column(&self, c: Column) -> Option<usize> {
        self.columns[c as usize]
    }

    /// Whether the record is the header row again: its domain, level and team or role cells are
    /// all names of columns.
    fn repeats_header(&self, record: &[std::borrow::Cow<'_, str>]) -> bool {
        let is_header = |c: Column| {
            self.column(c).and_then(|j| record.get(j)).is_some_and(|v| {
                let key = header_key(v);
                Column::ALL.iter().any(|c| c.keys().contains(&key.as_str()))
            })
        };
        is_header(Column::Domain)
            && is_header(Column::Level)
            && (is_header(Column::Team) || is_header(Column::Role))
    }

    fn from_header(header: &[String], line: u64) -> Result<Layout, Vec<Problem>> {
        let mut columns = [None; 7];
        let mut problems = Vec::new();
        let problem = |kind| Problem { line: Some(line), kind };
        for (j, h) in header.iter().enumerate() {
            let key = header_key(h);
            let Some(c) = Column::ALL.into_iter().find(|c| c.keys().contains(&key.as_str())) else {
                continue;
            };
            match columns[c as usize] {
                None => columns[c as usize] = Some(j),
                Some(first) => problems.push(problem(ProblemKind::DuplicateColumn {
                    column: c,
                    first: header[first].clone(),
                    second: h.clone(),
                })),
            }
        }
        let missing = |column| problem(ProblemKind::MissingColumn { column, found: header.to_vec() });
        if columns[Column::Domain as usize].is_none() {
            problems.push(missing(Column::Domain));
        }
        if columns[Column::Team as usize].is_none() && columns[Column::Role as usize].is_none() {
            problems.push(missing(Column::Team));
        }
        if columns[Column::Level as usize].is_none() {
            problems.push(missing(Column::Level));
        }
        if problems.is_empty() {
            Ok(Layout { columns, header_fields: header.len() })
        } else {
            Err(problems)
        }
    }
}

/// Parses and checks a decision matrix on its own, without a workspace: the table, or every problem.
pub fn parse(bytes: &[u8]) -> Result<DecisionTable, DecisionsError> {
    let (table, problems) = read(bytes)?;
    if problems.is_empty() {
        Ok(table)
    } else {
        Err(DecisionsError::new(problems))
    }
}

/// Plans the change that sets the workspace's matrix as the table says. Pure: reads `org`, mints
/// ids. `note` goes with every level set (who, when, why); `source` names the file in the change's
/// label.
pub fn plan(
    org: &Org,
    table: &DecisionTable,
    ids: &mut dyn IdSource,
    note: LevelNote,
    source: &str,
) -> Result<(Op, DecisionsReport), DecisionsError> {
    let mut problems = Collector::new();
    let planned = plan_into(org, table, ids, &note, source, &mut problems);
    if problems.is_empty() {
        Ok(planned)
    } else {
        Err(DecisionsError::new(problems))
    }
}

/// [`parse`] and [`plan`] in one, reporting the problems of both at once: a row with an unknown
/// level is still checked for an unknown team.
pub fn import(
    org: &Org,
    bytes: &[u8],
    ids: &mut dyn IdSource,
    note: LevelNote,
    source: &str,
) -> Result<(Op, DecisionsReport), DecisionsError> {
    let (table, mut problems) = read(bytes)?;
    let planned = plan_into(org, &table, ids, &note, source, &mut problems);
    if problems.is_empty() {
        Ok(planned)
    } else {
        Err(DecisionsError::new(problems))
    }
}

/// The file's table and the problems of its rows; `Err` when the file cannot be read as a matrix at
/// all (empty, missing columns). A row with a problem is kept as far as it could be read, so that
/// planning can still check its names.
fn read(bytes: &[u8]) -> Result<(DecisionTable, Collector<Problem>), DecisionsError> {
    let empty = || DecisionsError::new(vec![Problem { line: None, kind: ProblemKind::EmptyFile }]);
    let (text, encoding) = decode_text(bytes);
    let csv =
        |(line, problem): (u64, CsvProblem)| Problem { line: Some(line), kind: ProblemKind::Csv(problem) };
    if let Some(damage) = find_damage(&text) {
        return Err(DecisionsError::new(vec![csv(damage)]));
    }
    let delimiter = detect_delimiter(&text).ok_or_else(empty)?;
    let mut records = Tokenizer::new(&text, delimiter, 0, 1);
    let header_line = records.next_row(usize::MAX).ok_or_else(empty)?;
    if let Some(fault) = records.fault.take() {
        return Err(DecisionsError::new(vec![csv(fault)]));
    }
    let header: Vec<String> = records.fields.iter().map(|h| clean(h).into_owned()).collect();
    let layout = Layout::from_header(&header, header_line).map_err(DecisionsError::new)?;
    records.row_delimiters = layout.header_fields.saturating_sub(1).max(2);

    let mut problems = Collector::new();
    let mut table = DecisionTable { encoding, delimiter, rows: 0, domains: Vec::new() };
    let mut domain_of_key: HashMap<String, usize> = HashMap::default();
    // Where the kept driver and guardrails of each domain came from.
    let mut driver_line: Vec<u64> = Vec::new();
    let mut guardrails_line: Vec<u64> = Vec::new();
    while let Some(line) = records.next_row(usize::MAX) {
        if records.fault.is_some() {
            break;
        }
        let fields = &records.fields;
        let cell = |c: Column| layout.column(c).and_then(|j| fields.get(j)).map_or("", |f| f.as_ref());
        // A cell the export neutralized against formulas reads as the text it was.
        let text = |c: Column| match clean(cell(c)) {
            std::borrow::Cow::Borrowed(s) => std::borrow::Cow::Borrowed(restore(s)),
            std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(restore(&s).to_owned()),
        };
        let problem = |kind| Problem { line: Some(line), kind };
        // Values past the header's columns: empty ones are what spreadsheets write.
        if let Some(last) =
            fields.iter().rposition(|v| !trim(v).is_empty()).filter(|&k| k >= layout.header_fields)
        {
            let columns = layout.header_fields;
            problems.push(problem(ProblemKind::Csv(CsvProblem::TooManyValues { values: last + 1, columns })));
        }
        if layout.repeats_header(fields) {
            problems.push(problem(ProblemKind::Csv(CsvProblem::RepeatedHeader)));
            continue;
        }
        // A row with values only in columns the matrix does not read (notes) is skipped.
        if Column::ALL.into_iter().all(|c| trim(cell(c)).is_empty()) {
            continue;
        }
        table.rows += 1;
        let mut level = |c: Column| {
            let v = trim(cell(c));
            if v.is_empty() {
                return (None, false);
            }
            match Level::parse(v) {
                Some(l) => (Some(l), true),
                None => {
                    problems.push(problem(ProblemKind::UnknownLevel { column: c, value: v.to_owned() }));
                    (None, true)
                }
            }
        };
        let (current, has_current) = level(Column::Level);
        let (desired, has_desired) = level(Column::DesiredLevel);
        let team = text(Column::Team);
        let role = text(Column::Role);
        let subject = match (team.is_empty(), role.is_empty()) {
            (false, false) => {
                problems.push(problem(ProblemKind::TeamAndRole {
                    team: team.into_owned(),
                    role: role.into_owned(),
                }));
                None
            }
            (false, true) => Some(Subject::Team(team.into_owned())),
            (true, false) => Some(Subject::Role(role.into_owned())),
            (true, true) => {
                if has_current || has_desired {
                    problems.push(problem(ProblemKind::LevelWithoutSubject));
                }
                None
            }
        };
        if let Some(s) = &subject {
            if !has_current && !has_desired {
                problems.push(problem(ProblemKind::NoLevel { subject: s.name().to_owned() }));
            }
        }
        let name = text(Column::Domain);
        if name.is_empty() {
            problems.push(problem(ProblemKind::EmptyDomain));
            continue;
        }
        let driver = text(Column::Driver);
        let guardrails = split_guardrails(restore(trim(cell(Column::Guardrails))));
        {
            use crate::limits::{check, Field};
            let texts = [(Field::DomainName, &*name), (Field::Driver, &*driver)];
            let texts = texts.into_iter().chain(guardrails.iter().map(|g| (Field::Guardrail, g.as_str())));
            for too_long in texts.filter_map(|(field, t)| check(field, t).err()) {
                problems.push(problem(ProblemKind::TooLong(too_long)));
            }
        }

        let i = *domain_of_key.entry(fold(&name)).or_insert_with(|| {
            table.domains.push(DomainRows {
                line,
                name: name.clone().into_owned(),
                driver: None,
                guardrails: None,
                entries: Vec::new(),
            });
            driver_line.push(0);
            guardrails_line.push(0);
            table.domains.len() - 1
        });
        let d = &mut table.domains[i];
        if !driver.is_empty() {
            match &d.driver {
                None => {
                    d.driver = Some(driver.into_owned());
                    driver_line[i] = line;
                }
                Some(first) if *first != driver => problems.push(problem(ProblemKind::ConflictingDriver {
                    domain: d.name.clone(),
                    first_line: driver_line[i],
                    first: first.clone(),
                    second: driver.into_owned(),
                })),
                Some(_) => {}
            }
        }
        if !guardrails.is_empty() {
            match &d.guardrails {
                None => {
                    d.guardrails = Some(guardrails);
                    guardrails_line[i] = line;
                }
                Some(first) if *first != guardrails => {
                    problems.push(problem(ProblemKind::ConflictingGuardrails {
                        domain: d.name.clone(),
                        first_line: guardrails_line[i],
                        first: first.clone(),
                        second: guardrails,
                    }))
                }
                Some(_) => {}
            }
        }
        if let Some(subject) = subject {
            d.entries.push(EntryRow { line, subject, current, desired });
        }
    }
    if let Some(fault) = records.fault.take() {
        // The rows after a quoting mistake are not known: nothing is planned.
        problems.push(csv(fault));
        return Err(DecisionsError::new(problems));
    }
    if table.rows == 0 && problems.is_empty() {
        problems.push(Problem { line: Some(header_line), kind: ProblemKind::NoRows });
    }
    Ok((table, problems))
}

/// The ids of every team (or role) by folded name; more than one means the name is ambiguous.
fn by_name<'a, T: Copy>(names: impl Iterator<Item = (&'a str, T)>) -> HashMap<String, Vec<T>> {
    let mut map: HashMap<String, Vec<T>> = HashMap::default();
    for (name, id) in names {
        map.entry(fold(name)).or_default().push(id);
    }
    map
}

fn plan_into(
    org: &Org,
    table: &DecisionTable,
    ids: &mut dyn IdSource,
    note: &LevelNote,
    source: &str,
    problems: &mut Collector<Problem>,
) -> (Op, DecisionsReport) {
    let mut report = DecisionsReport {
        encoding: table.encoding,
        delimiter: char::from(table.delimiter),
        rows: table.rows,
        ..Default::default()
    };
    let teams: HashMap<String, Vec<TeamId>> = by_name(org.teams().map(|t| (t.name.as_str(), t.id)));
    let roles: HashMap<String, Vec<RoleId>> = by_name(org.roles().map(|r| (r.title.as_str(), r.id)));
    let domains: HashMap<String, Vec<&DecisionDomain>> = by_name(org.domains().map(|d| (d.name.as_str(), d)));

    let mut ops = Vec::new();
    for d in &table.domains {
        let existing = match domains.get(&fold(&d.name)).map(Vec::as_slice) {
            Some([one]) => Some(*one),
            Some(many) if many.len() > 1 => {
                problems.push(Problem {
                    line: Some(d.line),
                    kind: ProblemKind::AmbiguousDomain { name: d.name.clone(), count: many.len() },
                });
                None
            }
            _ => None,
        };

        // Resolve the entries first: a domain is only created or changed when they all resolve.
        let mut seen: HashMap<Unit, u64> = HashMap::default();
        let mut entries = Vec::with_capacity(d.entries.len());
        for e in &d.entries {
            let key = fold(e.subject.name());
            let found: Option<Vec<Unit>> = match &e.subject {
                Subject::Team(_) => teams.get(&key).map(|v| v.iter().map(|&t| Unit::Team(t)).collect()),
                Subject::Role(_) => roles.get(&key).map(|v| v.iter().map(|&r| Unit::Role(r)).collect()),
            };
            let problem = |kind| Problem { line: Some(e.line), kind };
            let (column, name) = (e.subject.column(), e.subject.name().to_owned());
            let unit = match found.as_deref() {
                Some([one]) => *one,
                Some(many) if many.len() > 1 => {
                    problems.push(problem(ProblemKind::AmbiguousSubject { column, name, count: many.len() }));
                    continue;
                }
                _ => {
                    problems.push(problem(ProblemKind::UnknownSubject { column, name }));
                    continue;
                }
            };
            if let Some(&first_line) = seen.get(&unit) {
                problems.push(problem(ProblemKind::DuplicateEntry {
                    domain: d.name.clone(),
                    subject: name,
                    first_line,
                }));
                continue;
            }
            seen.insert(unit, e.line);
            entries.push((unit, e));
        }
        if !problems.is_empty() {
            // The plan is thrown away: only the checks go on.
            continue;
        }

        let mut changed = false;
        let id = match existing {
            None => {
                let id = DomainId::new(ids);
                ops.push(Op::AddDomain {
                    domain: DecisionDomain {
                        id,
                        name: d.name.clone(),
                        owner_team: None,
                        driver: d.driver.clone().unwrap_or_default(),
                        guardrails: d.guardrails.clone().unwrap_or_default(),
                        review_date: None,
                        delegations: Vec::new(),
                    },
                });
                report.domains_created.push(d.name.clone());
                id
            }
            Some(old) => {
                let mut new = old.clone();
                if let Some(driver) = &d.driver {
                    new.driver.clone_from(driver);
                }
                if let Some(guardrails) = &d.guardrails {
                    new.guardrails.clone_from(guardrails);
                }
                if new != *old {
                    ops.push(Op::UpdateDomain { domain: new });
                    changed = true;
                }
                old.id
            }
        };
        for (unit, e) in entries {
            let now = existing.and_then(|old| old.delegations.iter().find(|x| x.subject == unit));
            if now.is_some_and(|x| x.current == e.current && x.desired == e.desired) {
                report.entries_unchanged += 1;
                continue;
            }
            ops.push(Op::SetDelegation {
                domain: id,
                subject: unit,
                current: e.current,
                desired: e.desired,
                note: Some(note.clone()),
            });
            report.entries_set += 1;
            changed = true;
        }
        if changed && existing.is_some() {
            report.domains_updated.push(d.name.clone());
        }
    }
    (Op::batch(format!("import decision matrix {source}"), ops), report)
}

/// The language of an export (its headers, level names, separator and byte order mark).
pub use crate::i18n::Lang;

/// The organization's decision matrix as CSV, in the format [`import`] reads: domains sorted by
/// name, one row per entry with a level (teams first, then roles, each by name), one row for a
/// domain without such entries. The driver and guardrails are repeated on every row of their
/// domain, so that sorting or filtering the sheet loses nothing. The Role column is written only
/// when some entry is for a role.
pub fn export(org: &Org, lang: Lang) -> String {
    let (delimiter, level_name): (char, fn(Level) -> &'static str) = match lang {
        Lang::En => (',', Level::name),
        Lang::Nl => (';', Level::name_nl),
    };
    let header = |c: Column| match lang {
        Lang::En => c.header(),
        Lang::Nl => c.header_nl(),
    };
    let mut domains: Vec<&DecisionDomain> = org.domains().collect();
    domains.sort_by_cached_key(|d| (fold(&d.name), d.name.clone(), d.id));
    let with_roles = domains.iter().flat_map(|d| &d.delegations).any(|x| matches!(x.subject, Unit::Role(_)));
    let columns: Vec<Column> = Column::ALL.into_iter().filter(|&c| c != Column::Role || with_roles).collect();

    let mut out = String::new();
    if lang == Lang::Nl {
        out.push('\u{FEFF}');
    }
    let write_row = |out: &mut String, cells: &dyn Fn(Column) -> String| {
        for (i, &c) in columns.iter().enumerate() {
            if i > 0 {
                out.push(delimiter);
            }
            push_cell(out, &cells(c), delimiter);
        }
        out.push('\n');
    };
    write_row(&mut out, &|c| header(c).to_owned());
    for d in domains {
        let guardrails = d.guardrails.join(" | ");
        let mut entries: Vec<(u8, String, Option<Level>, Option<Level>)> = d
            .delegations
            .iter()
            .filter(|x| x.current.is_some() || x.desired.is_some())
            .filter_map(|x| {
                let (kind, name) = match x.subject {
                    Unit::Team(t) => (0, org.team(t)?.name.clone()),
                    Unit::Role(r) => (1, org.role(r)?.title.clone()),
                };
                Some((kind, name, x.current, x.desired))
            })
            .collect();
        entries.sort_by_cached_key(|(kind, name, ..)| (*kind, fold(name), name.clone()));
        let base = |c: Column| match c {
            Column::Domain => d.name.clone(),
            Column::Guardrails => guardrails.clone(),
            Column::Driver => d.driver.clone(),
            _ => String::new(),
        };
        if entries.is_empty() {
            write_row(&mut out, &base);
        }
        for (kind, name, current, desired) in &entries {
            write_row(&mut out, &|c| match c {
                Column::Team if *kind == 0 => name.clone(),
                Column::Role if *kind == 1 => name.clone(),
                Column::Level => current.map(level_name).unwrap_or_default().to_owned(),
                Column::DesiredLevel => desired.map(level_name).unwrap_or_default().to_owned(),
                _ => base(c),
            });
        }
    }
    out
}

/// The characters a spreadsheet reads as the start of a formula (or, tab and CR, that some use to
/// hide one) when a cell begins with them.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `s` begins with `'` and then a formula start or another `'`: the cells
/// [`neutralize`] writes, which [`restore`] reads back.
fn escaped(s: &str) -> bool {
    s.strip_prefix('\'').is_some_and(|rest| rest.starts_with(FORMULA_STARTS) || rest.starts_with('\''))
}

/// A cell a spreadsheet will not evaluate: a text that begins with a formula start gets a `'`
/// before it (as Excel and LibreOffice mark text typed in a cell); so does one that already
/// begins with `'` and a formula start or a second `'`, so that [`restore`] gives back exactly
/// the text. Any other text, `'t Hof` too, is written as it is.
fn neutralize(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(FORMULA_STARTS) || escaped(s) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// The text of a cell [`neutralize`] wrote.
fn restore(s: &str) -> &str {
    if escaped(s) {
        &s[1..]
    } else {
        s
    }
}

/// Writes a cell, neutralized against formulas, quoted when it holds the delimiter, a quote or a
/// line break.
fn push_cell(out: &mut String, s: &str, delimiter: char) {
    let s = &*neutralize(s);
    if s.contains([delimiter, '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Timestamp;
    use crate::id::SeqIds;
    use crate::model::{Role, Team};
    use proptest::prelude::*;

    fn note() -> LevelNote {
        LevelNote { by: "tester".into(), at: Timestamp(1_700_000_000_000), why: "imported from m.csv".into() }
    }

    /// An organization with the teams and roles named, built as the engine builds any.
    fn org_with(teams: &[&str], roles: &[&str]) -> Org {
        let mut org = Org::new();
        let mut ids = SeqIds::new(7);
        for name in teams {
            let team = Team { id: TeamId::new(&mut ids), name: (*name).into(), purpose: String::new() };
            org.apply(&Op::AddTeam { team }).expect("team added");
        }
        for title in roles {
            let role = Role {
                id: RoleId::new(&mut ids),
                external_id: None,
                title: (*title).into(),
                purpose: String::new(),
                accountabilities: Vec::new(),
            };
            org.apply(&Op::AddRole { role }).expect("role added");
        }
        org
    }

    fn standard_org() -> Org {
        org_with(
            &["Logistiek", "Productie Gent", "Opleiding", "Applicaties", "Sécurité & Qualité"],
            &["Ploegleider", "Operator", "Operator"],
        )
    }

    /// Imports `csv` into `org`, applying the change; the report, or the problems as text.
    fn import_into(org: &mut Org, csv: &[u8]) -> Result<DecisionsReport, Vec<String>> {
        let (op, report) = import(org, csv, &mut SeqIds::new(99), note(), "m.csv")
            .map_err(|e| e.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>())?;
        org.apply(&op).expect("the planned change applies");
        org.check_invariants().expect("invariants hold");
        Ok(report)
    }

    #[track_caller]
    fn problems(org: &Org, csv: &str) -> Vec<String> {
        match import(org, csv.as_bytes(), &mut SeqIds::new(99), note(), "m.csv") {
            Ok((op, _)) => panic!("expected problems, got {op:?}"),
            Err(e) => e.problems.iter().map(|p| p.to_string()).collect(),
        }
    }

    /// (team or role name, current, desired) of every entry of the domain called `name`.
    fn entries(org: &Org, name: &str) -> Vec<(String, Option<u8>, Option<u8>)> {
        let d = org.domains().find(|d| d.name == name).unwrap_or_else(|| panic!("domain {name:?} exists"));
        d.delegations
            .iter()
            .map(|x| {
                let who = match x.subject {
                    Unit::Team(t) => org.team(t).map(|t| t.name.clone()),
                    Unit::Role(r) => org.role(r).map(|r| r.title.clone()),
                };
                (who.unwrap_or_default(), x.current.map(Level::get), x.desired.map(Level::get))
            })
            .collect()
    }

    const SAMPLE: &[u8] = include_bytes!("../../tests/fixtures/decisions/sample-en.csv");

    /// The matrix of issue 11: the driver `"Why we do it` swallowed the next row, and the
    /// import said 200.
    pub(crate) const UNCLOSED_MATRIX: &str = "Domain,Team,Level,Desired level,Guardrails,Driver\n\
                                              Hiring in the team,Logistiek,consult,advise,Within the headcount,\"Why we do it\n\
                                              Shift schedules,Productie Gent,2,5,Legal rest times,Fair schedules\n";

    fn csv_problems(csv: &str) -> Vec<Problem> {
        match import(&standard_org(), csv.as_bytes(), &mut SeqIds::new(99), note(), "m.csv") {
            Ok((op, _)) => panic!("expected problems, got {op:?}"),
            Err(e) => e.problems,
        }
    }

    fn csv_problem(line: u64, problem: CsvProblem) -> Problem {
        Problem { line: Some(line), kind: ProblemKind::Csv(problem) }
    }

    #[test]
    fn a_quote_never_closed_is_refused_naming_the_line_it_opens_on() {
        assert_eq!(csv_problems(UNCLOSED_MATRIX), [csv_problem(2, CsvProblem::UnclosedQuote)]);
        assert!(problems(&standard_org(), UNCLOSED_MATRIX)[0].starts_with("line 2: a quote opens here"));
        assert!(parse(UNCLOSED_MATRIX.as_bytes()).is_err());
        // Closed at the end of the next row: that row would be part of the driver.
        let closed = format!("{}\"\n", UNCLOSED_MATRIX.trim_end());
        assert_eq!(csv_problems(&closed), [csv_problem(2, CsvProblem::RowInQuote { row_line: 3 })]);
        // In the header.
        let header = "Domain,\"Team,Level\nHiring,Logistiek,3\n";
        assert_eq!(csv_problems(header), [csv_problem(1, CsvProblem::UnclosedQuote)]);
    }

    #[test]
    fn rows_are_never_hidden_by_the_csv_itself() {
        let sample = std::str::from_utf8(SAMPLE).expect("UTF-8");
        // More values than the header has columns.
        let extra = sample.replace("Speed of delivery", "Speed of delivery,extra");
        assert_eq!(
            csv_problems(&extra),
            [csv_problem(5, CsvProblem::TooManyValues { values: 7, columns: 6 })]
        );
        assert!(import_into(
            &mut standard_org(),
            sample.replace("Speed of delivery", "Speed of delivery,,").as_bytes()
        )
        .is_ok());
        // The header again, a NUL, a byte order mark in the middle.
        let header = sample.lines().next().expect("header");
        let twice = format!("{sample}{header}\n");
        assert_eq!(csv_problems(&twice), [csv_problem(6, CsvProblem::RepeatedHeader)]);
        let dutch_header = format!("{sample}Domein,Team,Niveau\n");
        assert_eq!(csv_problems(&dutch_header), [csv_problem(6, CsvProblem::RepeatedHeader)]);
        assert_eq!(
            csv_problems(&sample.replace("Opleiding", "Opl\0eiding")),
            [csv_problem(4, CsvProblem::Nul)]
        );
        let joined = format!("{sample}\u{FEFF}{sample}");
        assert_eq!(csv_problems(&joined), [csv_problem(6, CsvProblem::ByteOrderMark)]);
        // A guardrail over several lines is still one cell.
        let multi = sample
            .replace("Within the approved headcount", "\"Within the headcount\nAsk HR, then the lead\"");
        let mut org = standard_org();
        assert_eq!(import_into(&mut org, multi.as_bytes()).expect("imports").rows, 4);
    }

    #[test]
    fn a_refused_matrix_names_the_first_problems_and_counts_the_rest() {
        let mut csv = String::from("Domain,Team,Level\n");
        for i in 0..20_000 {
            csv.push_str(&format!("Domain {i},Nobody {i},3\n"));
        }
        let e = import(&standard_org(), csv.as_bytes(), &mut SeqIds::new(99), note(), "m.csv").unwrap_err();
        assert_eq!((e.total(), e.problems.len()), (20_000, 100));
        assert_eq!(e.problems.last().and_then(|p| p.line), Some(101));
        assert_eq!(e.more, [(ProblemClass::UnknownSubject, 19_900)]);
        let text = e.to_string();
        assert!(text.len() < 25_000, "{} bytes", text.len());
        assert!(text.starts_with("the decision matrix was not imported: 20,000 problems\nline 2: "));
        assert!(text.ends_with("\nand 19,900 more: 19,900 unknown teams or roles"), "{text}");
    }

    #[test]
    fn texts_over_their_limit_are_refused_naming_the_line() {
        let csv = format!("Domain,Team,Level,Guardrails\nHiring,Logistiek,3,ok | {}\n", "g".repeat(2_001));
        let too_long =
            crate::limits::TooLong { field: crate::limits::Field::Guardrail, limit: 2_000, length: 2_001 };
        assert_eq!(csv_problems(&csv), [Problem { line: Some(2), kind: ProblemKind::TooLong(too_long) }]);
    }

    #[test]
    fn the_english_sample_imports() {
        let mut org = standard_org();
        let r = import_into(&mut org, SAMPLE).expect("the sample imports");
        assert_eq!(r.rows, 4);
        assert_eq!(r.domains_created.len(), 4, "{r:?}");
        assert_eq!(r.entries_set, 4);
        assert_eq!(entries(&org, "Hiring in the team"), [("Logistiek".into(), Some(3), Some(5))]);
        assert_eq!(entries(&org, "Shift schedules"), [("Productie Gent".into(), Some(2), Some(5))]);
        assert_eq!(entries(&org, "Training budget"), [("Opleiding".into(), Some(6), Some(7))]);
        assert_eq!(entries(&org, "Tool choice"), [("Applicaties".into(), Some(4), Some(6))]);
        let d = org.domains().find(|d| d.name == "Training budget").expect("domain");
        assert_eq!(d.guardrails, ["Max EUR 2,500 per person per year"], "a quoted comma stays in the cell");
        assert_eq!(d.driver, "Growth of every employee");
        let d = org.domains().find(|d| d.name == "Shift schedules").expect("domain");
        assert_eq!(d.guardrails, ["Legal rest times; 48h notice"], "a semicolon does not split guardrails");
    }

    #[test]
    fn levels_are_read_as_numbers_and_english_or_dutch_names_in_any_case() {
        let cases: &[(&str, u8)] = &[
            ("1", 1),
            ("7", 7),
            (" 4 ", 4),
            ("tell", 1),
            ("Vertellen", 1),
            ("SELL", 2),
            ("verkopen", 2),
            ("consult", 3),
            ("raadplegen", 3),
            ("agree", 4),
            ("Overeenkomen", 4),
            ("Akkoord", 4),
            ("advise", 5),
            ("adviseren", 5),
            ("inquire", 6),
            ("Informeren", 6),
            ("navragen", 6),
            ("delegate", 7),
            ("DELEGEREN", 7),
        ];
        for (value, level) in cases {
            let csv = format!("Domain,Team,Level\nBudget,Logistiek,{value}\n");
            let t = parse(csv.as_bytes()).unwrap_or_else(|e| panic!("{value:?} is a level: {e}"));
            assert_eq!(t.domains[0].entries[0].current.map(Level::get), Some(*level), "{value:?}");
        }
    }

    #[test]
    fn an_unknown_level_names_the_line_the_column_and_the_value() {
        let org = standard_org();
        let p = problems(
            &org,
            "Domain,Team,Level,Desired level\nA,Logistiek,3,5\nB,Logistiek,8,\nC,Opleiding,2,veel\n",
        );
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(
            p[0].starts_with("line 3:") && p[0].contains("\"8\"") && p[0].contains("Level/Niveau"),
            "{p:?}"
        );
        assert!(
            p[1].starts_with("line 4:") && p[1].contains("\"veel\"") && p[1].contains("Desired level"),
            "{p:?}"
        );
        assert!(
            p[1].contains("1 to 7") && p[1].contains("informeren"),
            "the message says what a level is: {p:?}"
        );
    }

    #[test]
    fn an_unknown_or_ambiguous_team_or_role_names_the_line() {
        let org = standard_org();
        let p = problems(&org, "Domain,Team,Role,Level\nA,Logistics,,3\nB,,Operator,2\nC,,Directeur,2\n");
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(
            p[0].starts_with("line 2:") && p[0].contains("no team") && p[0].contains("\"Logistics\""),
            "{p:?}"
        );
        assert!(
            p[1].starts_with("line 3:") && p[1].contains("2 roles") && p[1].contains("\"Operator\""),
            "{p:?}"
        );
        assert!(
            p[2].starts_with("line 4:") && p[2].contains("no role") && p[2].contains("\"Directeur\""),
            "{p:?}"
        );
        let org = org_with(&["Verkoop", "verkoop"], &[]);
        let p = problems(&org, "Domain,Team,Level\nA,Verkoop,3\n");
        assert!(p.len() == 1 && p[0].contains("2 teams") && p[0].starts_with("line 2:"), "{p:?}");
    }

    #[test]
    fn names_match_ignoring_case_accents_and_spaces() {
        let mut org = standard_org();
        import_into(
            &mut org,
            "Domain,Team,Role,Level\nA,  securite &  QUALITE ,,3\nA,logistiek,,4\nB,,ploegleider,5\n"
                .as_bytes(),
        )
        .expect("imports");
        assert_eq!(
            entries(&org, "A"),
            [("Sécurité & Qualité".into(), Some(3), None), ("Logistiek".into(), Some(4), None)]
        );
        assert_eq!(entries(&org, "B"), [("Ploegleider".into(), Some(5), None)]);
        // A domain is found by name the same way, and not created twice.
        let r = import_into(&mut org, "Domein;Team;Niveau\na;Opleiding;2\n".as_bytes()).expect("imports");
        assert!(r.domains_created.is_empty() && r.domains_updated == ["a"], "{r:?}");
        assert_eq!(org.domains().count(), 2);
        assert_eq!(entries(&org, "A").len(), 3, "entries not in the file are kept");
    }

    #[test]
    fn duplicates_name_both_lines() {
        let org = standard_org();
        let p = problems(&org, "Domain,Team,Level\nA,Logistiek,3\nB,Logistiek,3\na,LOGISTIEK,4\n");
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].starts_with("line 4:") && p[0].contains("first on line 2"), "{p:?}");
        let p = problems(&org, "Domain,Team,Level,Level\nA,Logistiek,3,3\n");
        assert!(p.len() == 1 && p[0].contains("both the Level/Niveau column"), "{p:?}");
    }

    #[test]
    fn driver_and_guardrails_may_repeat_but_not_differ() {
        let mut org = standard_org();
        let csv = "Domain,Team,Level,Guardrails,Driver\n\
                   A,Logistiek,3,\"One\nTwo | Three\",Why\n\
                   A,Opleiding,4,One|Two|Three,\n\
                   A,Applicaties,5,,Why\n";
        import_into(&mut org, csv.as_bytes()).expect("the same values may repeat");
        let d = org.domains().find(|d| d.name == "A").expect("domain");
        assert_eq!(d.guardrails, ["One", "Two", "Three"]);
        assert_eq!(d.driver, "Why");
        let p = problems(
            &org,
            "Domain,Team,Level,Guardrails,Driver\nB,Logistiek,3,G,Why\nB,Opleiding,4,H,Because\n",
        );
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p.iter().all(|p| p.starts_with("line 3:") && p.contains("on line 2")), "{p:?}");
        assert!(p[0].contains("\"Why\"") && p[0].contains("\"Because\""), "{p:?}");
    }

    #[test]
    fn row_shapes() {
        let org = standard_org();
        let cases: &[(&str, &str)] = &[
            ("A,Logistiek,,", "neither a Level nor a Desired level"),
            ("A,,3,", "no Team or Role"),
            (",Logistiek,3,", "the Domain is empty"),
        ];
        for (row, fragment) in cases {
            let p = problems(&org, &format!("Domain,Team,Level,Desired level\n{row}\n"));
            assert!(p.len() == 1 && p[0].starts_with("line 2:") && p[0].contains(fragment), "{row}: {p:?}");
        }
        let p = problems(&org, "Domain,Team,Role,Level\nA,Logistiek,Operator,3\n");
        assert!(p.len() == 1 && p[0].contains("both the team"), "{p:?}");
        // Desired only, a domain alone, and a row of notes only are fine.
        let mut org = standard_org();
        let r = import_into(
            &mut org,
            b"Domain,Team,Level,Desired level,Notes\nA,Logistiek,,5\nB,,,,\n,,,,later\n",
        )
        .expect("imports");
        assert_eq!((r.rows, r.domains_created.len(), r.entries_set), (2, 2, 1), "{r:?}");
        assert_eq!(entries(&org, "A"), [("Logistiek".into(), None, Some(5))]);
        assert!(entries(&org, "B").is_empty());
    }

    #[test]
    fn missing_columns_are_named_with_the_headers_found() {
        let p = parse(b"Domein;Ploeg leider;Opmerking\nA;B;C\n").expect_err("refused");
        let text: Vec<String> = p.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(
            text[0].contains("no Team or Role/Rol column")
                && text[0].contains("Domein, Ploeg leider, Opmerking")
        );
        assert!(text[1].contains("no Level/Niveau column"), "{text:?}");
        assert_eq!(parse(b"").expect_err("empty").problems[0].kind, ProblemKind::EmptyFile);
        assert_eq!(parse(b" ;;\n\n").expect_err("blank").problems[0].kind, ProblemKind::EmptyFile);
        assert_eq!(parse(b"Domain,Team,Level\n").expect_err("no rows").problems[0].kind, ProblemKind::NoRows);
    }

    #[test]
    fn every_problem_is_reported_and_nothing_is_planned() {
        let org = standard_org();
        let csv = "Domain,Team,Level\nA,Logistiek,3\nB,Nergens,verkopen\nC,Opleiding,zeven\nD,Logistiek,2\nD,Logistiek,2\n";
        let p = problems(&org, csv);
        assert_eq!(p.len(), 3, "unknown team, unknown level and the duplicate: {p:?}");
        assert!(
            p[0].starts_with("line 3:") && p[1].starts_with("line 4:") && p[2].starts_with("line 6:"),
            "{p:?}"
        );
        // An unknown level and an unknown team on the same row are both reported.
        let p = problems(&org, "Domain,Team,Level\nA,Nergens,zeven\n");
        assert_eq!(p.len(), 2, "{p:?}");
    }

    #[test]
    fn an_existing_domain_is_updated_and_levels_are_noted() {
        let mut org = standard_org();
        import_into(
            &mut org,
            b"Domain,Team,Level,Desired level,Guardrails,Driver\nA,Logistiek,2,5,G1,D1\nA,Opleiding,3,,,\n",
        )
        .expect("first import");
        let r = import_into(
            &mut org,
            b"Domain,Team,Level,Desired level,Guardrails\nA,Logistiek,4,5,G2 | G3\nA,Opleiding,3,\n",
        )
        .expect("second import");
        assert_eq!((r.entries_set, r.entries_unchanged), (1, 1), "{r:?}");
        assert_eq!(r.domains_updated, ["A"]);
        let d = org.domains().find(|d| d.name == "A").expect("domain");
        assert_eq!(d.guardrails, ["G2", "G3"], "guardrails given are replaced");
        assert_eq!(d.driver, "D1", "an absent driver is kept");
        let logistiek = &d.delegations[0];
        assert_eq!(logistiek.history.len(), 2, "each level change is in the history");
        assert_eq!(logistiek.history[1].by, "tester");
        assert_eq!(logistiek.history[1].why, "imported from m.csv");
        assert_eq!(logistiek.history[1].current.map(Level::get), Some(4));
        assert_eq!(d.delegations[1].history.len(), 1, "an unchanged entry gets no new history");
        let again =
            import_into(&mut org, b"Domain,Team,Level,Desired level\nA,Logistiek,4,5\n").expect("again");
        assert!(again.is_noop(), "nothing changes: {again:?}");
    }

    #[test]
    fn the_import_is_one_labelled_batch() {
        let org = standard_org();
        let (op, _) = import(&org, SAMPLE, &mut SeqIds::new(1), note(), "sample.csv").expect("imports");
        match op {
            Op::Batch { label, ops } => {
                assert_eq!(label, "import decision matrix sample.csv");
                assert_eq!(ops.len(), 8, "four domains and four entries");
                assert!(ops.iter().all(|o| match o {
                    Op::SetDelegation { note: n, .. } => n.as_ref() == Some(&note()),
                    _ => true,
                }));
            }
            other => panic!("a batch, not {other:?}"),
        }
    }

    #[test]
    fn dutch_windows_1252_with_semicolons() {
        let text = "Domein;Team;Niveau;Gewenst niveau;Kaders;Aanleiding\r\n\
                    Aanwerving;Sécurité & Qualité;verkopen;informeren;\"Binnen budget\r\nMet HR\";Snelheid\r\n\
                    Aanwerving;Logistiek;Informeren;navragen;;\r\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let t = parse(&bytes).expect("parses");
        assert_eq!((t.encoding, t.delimiter), ("Windows-1252", b';'));
        assert_eq!(
            t.domains[0].guardrails.as_deref(),
            Some(&["Binnen budget".to_owned(), "Met HR".to_owned()][..])
        );
        let mut org = standard_org();
        import_into(&mut org, &bytes).expect("imports");
        assert_eq!(
            entries(&org, "Aanwerving"),
            [("Sécurité & Qualité".into(), Some(2), Some(6)), ("Logistiek".into(), Some(6), Some(6))]
        );
    }

    #[test]
    fn export_writes_what_import_reads() {
        let mut org = standard_org();
        let csv = "Domain,Team,Role,Level,Desired level,Guardrails,Driver\n\
                   Tool choice,Applicaties,,agree,6,\"Passes review | Has \"\"support\"\"\",\"Speed, safety\"\n\
                   Hiring,Logistiek,,3,,,\n\
                   Hiring,,Ploegleider,,delegate,,\n\
                   Hiring,Sécurité & Qualité,,1,2,,\n\
                   Budget,,,,,Max 5000,\n";
        import_into(&mut org, csv.as_bytes()).expect("imports");
        let en = export(&org, Lang::En);
        assert_eq!(
            en,
            "Domain,Team,Role,Level,Desired level,Guardrails,Driver\n\
             Budget,,,,,Max 5000,\n\
             Hiring,Logistiek,,consult,,,\n\
             Hiring,Sécurité & Qualité,,tell,sell,,\n\
             Hiring,,Ploegleider,,delegate,,\n\
             Tool choice,Applicaties,,agree,inquire,\"Passes review | Has \"\"support\"\"\",\"Speed, safety\"\n"
        );
        let nl = export(&org, Lang::Nl);
        assert!(
            nl.starts_with("\u{FEFF}Domein;Team;Rol;Niveau;Gewenst niveau;Randvoorwaarden;Drijfveer\n"),
            "{nl}"
        );
        assert!(nl.contains("Hiring;Sécurité & Qualité;;vertellen;verkopen;;\n"), "{nl}");
        assert!(nl.contains("Tool choice;Applicaties;;overeenkomen;informeren;"), "{nl}");
        // Both read back into a fresh organization give the same matrix.
        for text in [&en, &nl] {
            let mut copy = standard_org();
            import_into(&mut copy, text.as_bytes()).expect("the export imports");
            assert_eq!(export(&copy, Lang::En), en, "round trip of\n{text}");
        }
        // Without role entries there is no Role column.
        let org = standard_org();
        assert_eq!(export(&org, Lang::En), "Domain,Team,Level,Desired level,Guardrails,Driver\n");
    }

    /// An organization with one domain of these texts, decided by the team `team`.
    fn formula_org(team: &str, name: &str, driver: &str, guardrails: &[String]) -> Org {
        let mut org = org_with(&[team], &[]);
        let subject = Unit::Team(org.teams().next().expect("the team").id);
        let domain = DecisionDomain {
            id: DomainId::new(&mut SeqIds::new(3)),
            name: name.into(),
            owner_team: None,
            driver: driver.into(),
            guardrails: guardrails.to_vec(),
            review_date: None,
            delegations: Vec::new(),
        };
        let id = domain.id;
        org.apply(&Op::AddDomain { domain }).expect("domain added");
        let set =
            Op::SetDelegation { domain: id, subject, current: Level::new(3), desired: None, note: None };
        org.apply(&set).expect("level set");
        org
    }

    /// (name, driver, guardrails) of the only domain.
    fn the_domain(org: &Org) -> (String, String, Vec<String>) {
        let d = org.domains().next().expect("a domain");
        (d.name.clone(), d.driver.clone(), d.guardrails.clone())
    }

    #[test]
    fn formulas_are_neutralized_in_the_export_and_read_back_as_written() {
        let evil = "=HYPERLINK(\"http://evil.example\",\"click\")";
        let guardrails = ["-1 day notice".to_owned(), "@budget".to_owned()];
        let org = formula_org("+Ops", evil, "'=kept as typed", &guardrails);
        for lang in Lang::ALL {
            let csv = export(&org, lang);
            let sep = if lang == Lang::En { ',' } else { ';' };
            let row = csv.lines().nth(1).expect("a row");
            assert_eq!(
                row,
                [
                    "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"",
                    "'+Ops",
                    if lang == Lang::En { "consult" } else { "raadplegen" },
                    "",
                    "'-1 day notice | @budget",
                    "''=kept as typed",
                ]
                .join(&sep.to_string()),
                "{lang:?}: {csv}"
            );
            // No cell of the file begins with a formula start.
            for line in csv.lines().skip(1) {
                for cell in line.split(sep) {
                    assert!(!cell.trim_start_matches('"').starts_with(FORMULA_STARTS), "{cell:?} in {line}");
                }
            }
            let mut copy = org_with(&["+Ops"], &[]);
            import_into(&mut copy, csv.as_bytes()).expect("the export imports");
            assert_eq!(the_domain(&copy), the_domain(&org), "{lang:?}");
        }
        // A Flemish name with an apostrophe is written and read as it is.
        let org = formula_org("'t Hof", "'s Avonds", "x", &[]);
        let csv = export(&org, Lang::En);
        assert!(csv.contains("\n's Avonds,'t Hof,consult"), "{csv}");
        let mut copy = org_with(&["'t Hof"], &[]);
        import_into(&mut copy, csv.as_bytes()).expect("imports");
        assert_eq!(the_domain(&copy).0, "'s Avonds");
    }

    proptest! {
        /// Export then import gives back every text exactly, whatever it begins with.
        #[test]
        fn export_then_import_round_trips_formula_like_texts(
            team in "[=+@'-]{0,2}[A-Za-z][A-Za-z ]{0,6}[a-z]",
            name in "[=+@'\t-]{0,3}[A-Za-z]([A-Za-z =+'\"-]{0,8}[a-z])?",
            driver in "([=+@'\t-]{0,3}[A-Za-z][A-Za-z =+'-]{0,8})?",
            guardrails in proptest::collection::vec("[=+@'-]{0,3}[A-Za-z][A-Za-z =+'-]{0,6}[a-z]", 0..3),
        ) {
            let org = formula_org(&team, &name, driver.trim_end(), &guardrails);
            for lang in Lang::ALL {
                let csv = export(&org, lang);
                let mut copy = org_with(&[&team], &[]);
                import_into(&mut copy, csv.as_bytes()).expect("the export imports");
                prop_assert_eq!(the_domain(&copy), the_domain(&org), "{}", csv);
            }
        }

        #[test]
        fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let _ = import(&standard_org(), &bytes, &mut SeqIds::new(1), note(), "x");
        }

        #[test]
        fn never_panics_on_csv_like_text(s in "[,;\t\"\r\n|a-zA-Z0-9é ]{0,400}") {
            let org = standard_org();
            let _ = import(&org, s.as_bytes(), &mut SeqIds::new(1), note(), "x");
            let with_header = format!("Domain,Team,Role,Level,Desired level,Guardrails,Driver\n{s}");
            if let Ok((op, _)) = import(&org, with_header.as_bytes(), &mut SeqIds::new(1), note(), "x") {
                let mut org = org;
                prop_assert!(org.apply(&op).is_ok(), "a planned change always applies");
                let _ = export(&org, Lang::Nl);
            }
        }

        #[test]
        fn never_panics_on_a_damaged_sample(edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..12)) {
            let mut bytes = SAMPLE.to_vec();
            for (at, byte) in edits {
                let at = at % bytes.len();
                bytes[at] = byte;
            }
            let _ = import(&standard_org(), &bytes, &mut SeqIds::new(1), note(), "x");
        }
    }
}

//! Parsing and validation of a client's HR export (an HRIS CSV file): bytes in, validated rows or
//! the complete list of problems out. No I/O and no graph: the caller reads the file and turns the
//! rows into people, roles and teams.
//!
//! The contract:
//! - **Encoding.** UTF-8 with or without a byte order mark; anything that is not valid UTF-8 is read
//!   as Windows-1252 (what Excel on Windows writes for "CSV"). UTF-16 with a byte order mark (Excel's
//!   "Unicode Text") is read too. The whole input is decoded once.
//! - **Dialect.** The first non-blank row is the header. The delimiter is the most frequent of `,`,
//!   `;` and TAB in the header line outside quotes (a tie or none of them means `,`). Quoted fields
//!   may hold the delimiter and line breaks; CRLF, LF and bare CR line ends are accepted; blank rows
//!   (also rows of only delimiters) are skipped wherever they are. Values are trimmed, and a line
//!   break inside a value becomes one space.
//! - **Columns.** Recognized by header name, in English or Dutch, ignoring case, spaces and
//!   punctuation (see [`Field::headers`]); [`HrisOptions::map`] assigns any header to a field and
//!   overrides the defaults. Required: employee id, name (one name column, or first and last name),
//!   job title, department and manager id; location, FTE and hire date are optional; other columns
//!   are ignored. A missing required column stops the import before the rows are read, because
//!   every row would otherwise report it.
//! - **Rows.** All row problems are collected, never only the first: empty employee id, name or job
//!   title; a duplicate employee id; an FTE that is not a share in (0, 1] (`0,8`, `0.8`, `1`, `80%`);
//!   a hire date [`Date::parse_flexible`] refuses; a row too short to hold a required value; a
//!   manager id that matches no row (unless [`HrisOptions::external_managers_as_roots`]); a row that
//!   is its own manager; and reporting lines that form a cycle (one problem per cycle). An empty
//!   department, location, FTE or hire date is `None`; an empty manager id makes a top-level person.
//! - **Line numbers** are physical line numbers in the file, the header being line 1 when it is the
//!   first line, and stay right when a quoted value spans lines.
//! - `parse` never panics, whatever the bytes, and returns the rows in file order.

use super::bounded::{more_msg, Collector, More, ProblemClass, Ranked};
use crate::date::Date;
use crate::i18n::Msg;
use crate::model::Fte;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt;

/// A column of the HR export that the import understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    EmployeeId,
    FirstName,
    LastName,
    Name,
    JobTitle,
    Department,
    ManagerId,
    Location,
    Fte,
    HireDate,
}

impl Field {
    pub const ALL: [Field; 10] = [
        Field::EmployeeId,
        Field::FirstName,
        Field::LastName,
        Field::Name,
        Field::JobTitle,
        Field::Department,
        Field::ManagerId,
        Field::Location,
        Field::Fte,
        Field::HireDate,
    ];

    /// Parses the snake_case name of a field (`job_title`), also written with `-` or a space
    /// (`job-title`, `Job Title`), as used by `--map FIELD=HEADER`.
    pub fn parse(s: &str) -> Option<Field> {
        let key: String = s
            .trim()
            .chars()
            .map(|c| if c == '-' || c == ' ' { '_' } else { c.to_ascii_lowercase() })
            .collect();
        Field::ALL.into_iter().find(|f| f.as_str() == key)
    }

    /// The snake_case name, as accepted by [`Field::parse`].
    pub fn as_str(self) -> &'static str {
        match self {
            Field::EmployeeId => "employee_id",
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::Name => "name",
            Field::JobTitle => "job_title",
            Field::Department => "department",
            Field::ManagerId => "manager_id",
            Field::Location => "location",
            Field::Fte => "fte",
            Field::HireDate => "hire_date",
        }
    }

    /// The name used in messages to people.
    pub fn label(self) -> &'static str {
        match self {
            Field::EmployeeId => "employee id",
            Field::FirstName => "first name",
            Field::LastName => "last name",
            Field::Name => "name",
            Field::JobTitle => "job title",
            Field::Department => "department",
            Field::ManagerId => "manager id",
            Field::Location => "location",
            Field::Fte => "FTE",
            Field::HireDate => "hire date",
        }
    }

    /// The header names recognized for this field. They are compared ignoring case and everything
    /// but letters and digits, so `Employee ID`, `employee_id` and `EmployeeID` are one name. When
    /// several columns match, the one matching the earlier name wins: a file with both `Manager`
    /// (often the manager's name) and `Manager ID` uses `Manager ID`.
    pub fn headers(self) -> &'static [&'static str] {
        match self {
            Field::EmployeeId => &[
                "Employee ID",
                "Personeelsnummer",
                "Employee Number",
                "Emp ID",
                "Personeelsnr",
                "Werknemersnummer",
            ],
            Field::FirstName => &["First Name", "Voornaam", "Given Name"],
            Field::LastName => &["Last Name", "Achternaam", "Familienaam", "Surname"],
            Field::Name => &["Name", "Naam", "Full Name", "Volledige naam"],
            Field::JobTitle => &["Job Title", "Functie", "Title", "Functietitel"],
            Field::Department => &["Department", "Afdeling"],
            Field::ManagerId => {
                &["Manager ID", "Manager Employee ID", "Leidinggevende ID", "Leidinggevende", "Manager"]
            }
            Field::Location => &["Location", "Locatie", "Vestiging"],
            Field::Fte => &["FTE", "Tewerkstellingsbreuk"],
            Field::HireDate => &["Hire Date", "In dienst sinds", "Start Date", "Datum in dienst"],
        }
    }

    /// The priority of a header for this field (lower wins), or `None` when it is not one of
    /// [`Field::headers`]. `key` is already normalized by [`header_key`].
    fn match_priority(self, key: &str) -> Option<usize> {
        self.headers().iter().position(|h| header_key(h) == key)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How to read the export.
#[derive(Default, Clone, Debug)]
pub struct HrisOptions {
    /// Header names assigned to fields (`--map FIELD=HEADER`); they override the default names.
    pub map: Vec<(Field, String)>,
    /// Make people whose manager id matches no row top-level instead of refusing the import (for
    /// exports of one part of an organization, whose top reports to someone outside it).
    pub external_managers_as_roots: bool,
}

/// A validated export.
#[derive(Clone, Debug)]
pub struct HrisTable {
    /// `"UTF-8"`, `"UTF-8 with BOM"`, `"Windows-1252"`, or for Excel's "Unicode Text"
    /// `"UTF-16LE"` / `"UTF-16BE"`.
    pub encoding: &'static str,
    pub delimiter: u8,
    /// One row per employee, in file order.
    pub rows: Vec<HrisRow>,
    /// Rows whose manager id matched no row and were made top-level because of
    /// [`HrisOptions::external_managers_as_roots`]: (line, employee_id, manager_id), in file order.
    pub external_managers: Vec<(u64, String, String)>,
}

/// One employee of the export. Every string is trimmed and non-empty where it is not optional.
#[derive(Clone, Debug, PartialEq)]
pub struct HrisRow {
    /// The physical line the row starts on.
    pub line: u64,
    pub employee_id: String,
    pub name: String,
    pub job_title: String,
    pub department: Option<String>,
    /// The employee id of the manager, which is the id of another row; `None` at the top.
    pub manager_id: Option<String>,
    pub location: Option<String>,
    pub fte: Option<Fte>,
    pub hire_date: Option<Date>,
}

/// The export was refused; `problems` lists everything wrong with it, sorted by line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HrisError {
    /// The first [`KEPT`](super::bounded::KEPT) problems by line, in full.
    pub problems: Vec<Problem>,
    /// The problems beyond those, counted by kind (empty when all are in `problems`).
    pub more: More,
}

impl HrisError {
    fn new(problems: Collector<Problem>) -> HrisError {
        let (problems, more) = problems.finish();
        HrisError { problems, more }
    }

    /// How many problems the export has, named or counted.
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
            ProblemKind::TooFewFields { .. } => ProblemClass::TooFewFields,
            ProblemKind::EmptyValue { .. } => ProblemClass::EmptyValue,
            ProblemKind::DuplicateEmployeeId { .. } => ProblemClass::DuplicateEmployeeId,
            ProblemKind::InvalidFte { .. } => ProblemClass::InvalidFte,
            ProblemKind::InvalidHireDate { .. } => ProblemClass::InvalidHireDate,
            ProblemKind::UnknownManager { .. } => ProblemClass::UnknownManager,
            ProblemKind::OwnManager => ProblemClass::OwnManager,
            ProblemKind::ReportingCycle { .. } => ProblemClass::ReportingCycle,
            ProblemKind::Csv(CsvProblem::TooManyValues { .. }) => ProblemClass::TooManyValues,
            ProblemKind::Csv(CsvProblem::RepeatedHeader) => ProblemClass::RepeatedHeader,
            _ => ProblemClass::Other,
        }
    }
}

/// One thing wrong with the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The physical line the problem is on, `None` for the file as a whole.
    pub line: Option<u64>,
    /// The employee id of the row, when the row has one.
    pub employee_id: Option<String>,
    pub kind: ProblemKind,
}

/// What is wrong. The [`fmt::Display`] of each says what the user can do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// The file holds nothing but whitespace and delimiters.
    EmptyFile,
    /// The file could not be read as CSV. Not reported any more: the reader takes any decoded
    /// text (an unclosed quote runs to the end of the file, as in Excel). Kept for code that
    /// matches on it.
    Unreadable {
        message: String,
    },
    /// The first row matches none of the known column names: the file has no header row, or uses
    /// names the import does not know.
    NoHeaderRow {
        found: Vec<String>,
    },
    /// A required column is not in the header. For [`Field::Name`] neither a name column nor first
    /// and last name columns were found; [`Field::FirstName`] or [`Field::LastName`] mean only the
    /// other half of the split name was found.
    MissingColumn {
        field: Field,
        found: Vec<String>,
    },
    /// `--map FIELD=HEADER` names a header that is not in the file.
    UnknownMappedHeader {
        field: Field,
        header: String,
        found: Vec<String>,
    },
    /// A header row and no employee rows.
    NoEmployees,
    /// The row ends before the columns of these required fields.
    TooFewFields {
        fields: usize,
        header_fields: usize,
        missing: Vec<Field>,
    },
    /// A required value (employee id, name or job title) is empty.
    EmptyValue {
        field: Field,
    },
    /// The employee id was already used by the row on `first_line`.
    DuplicateEmployeeId {
        first_line: u64,
    },
    InvalidFte {
        value: String,
    },
    InvalidHireDate {
        value: String,
    },
    /// The manager id is the id of no row of the export.
    UnknownManager {
        manager_id: String,
        hint: Option<ManagerHint>,
    },
    /// The manager id is the row's own employee id.
    OwnManager,
    /// Reporting lines that go round in a circle: (line, employee_id) of each member, each
    /// reporting to the next and the last to the first, starting at the member on the first line.
    ReportingCycle {
        members: Vec<(u64, String)>,
    },
    /// The CSV itself is wrong in a way that would hide rows (see [`CsvProblem`]).
    Csv(CsvProblem),
    /// A value is longer than Kader takes (see [`crate::limits`]).
    TooLong(crate::limits::TooLong),
}

/// A mistake in the file's CSV itself that would make it hold more rows than are read, or hide
/// them inside a value: the import is refused, naming the line, rather than reading fewer rows.
/// Shared with the decision-matrix import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvProblem {
    /// A quote opens a value on this line and is never closed: the rest of the file would be one
    /// value (as the `csv` crate and Excel read it).
    UnclosedQuote,
    /// A quoted value opens on this line and runs on over `row_line`, a line with as many
    /// delimiters as a row of its own has.
    RowInQuote { row_line: u64 },
    /// A quoted value opens on this line and spans lines up to its closing quote on `close_line`,
    /// which text follows: that quote was meant to open a value, not to close this one.
    TextAfterQuote { close_line: u64 },
    /// The row has more values than the header has columns (empty values past the header are
    /// not counted: spreadsheets write them).
    TooManyValues { values: usize, columns: usize },
    /// The row is the header row again (two exports put together).
    RepeatedHeader,
    /// The line holds a NUL character: the file is damaged or not text.
    Nul,
    /// The line holds a byte order mark, which belongs at the start of a file only.
    ByteOrderMark,
}

impl CsvProblem {
    /// The message of the catalogue that words this problem.
    pub fn msg(&self) -> Msg {
        match *self {
            CsvProblem::UnclosedQuote => Msg::CsvUnclosedQuote,
            CsvProblem::RowInQuote { row_line } => Msg::CsvRowInQuote { row_line },
            CsvProblem::TextAfterQuote { close_line } => Msg::CsvTextAfterQuote { close_line },
            CsvProblem::TooManyValues { values, columns } => Msg::CsvTooManyValues { values, columns },
            CsvProblem::RepeatedHeader => Msg::CsvRepeatedHeader,
            CsvProblem::Nul => Msg::CsvNul,
            CsvProblem::ByteOrderMark => Msg::CsvByteOrderMark,
        }
    }
}

impl fmt::Display for CsvProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.msg())
    }
}

/// The first NUL character or byte order mark (U+FEFF) of the decoded text and its line: neither
/// belongs in a CSV file (a leading byte order mark is taken off when decoding). One vectorized
/// count finds that there is none, the usual case, without a search.
pub(crate) fn find_damage(text: &str) -> Option<(u64, CsvProblem)> {
    let bytes = text.as_bytes();
    // U+FEFF is EF BB BF in UTF-8.
    if count_bytes(bytes, 0, 0xEF) == (0, 0) {
        return None;
    }
    let at = bytes.iter().enumerate().find_map(|(i, &b)| match b {
        0 => Some((i, CsvProblem::Nul)),
        0xEF if bytes.get(i + 1..i + 3) == Some(b"\xBB\xBF") => Some((i, CsvProblem::ByteOrderMark)),
        _ => None,
    })?;
    Some((count_byte(&bytes[..at.0], b'\n') as u64 + 1, at.1))
}

/// A likely explanation for an unknown manager id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManagerHint {
    /// The id equals an employee id but for leading zeros, which spreadsheets drop from numbers.
    LeadingZeros { employee_id: String, line: u64 },
    /// The "id" is the name of an employee: the column holds names, not ids.
    NameNotId { employee_id: String, line: u64 },
}

impl fmt::Display for HrisError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.total();
        let count = crate::i18n::count_grouped(crate::i18n::Lang::En, n, "problem", "problems");
        write!(f, "the HR export was not imported: {count}")?;
        for p in &self.problems {
            write!(f, "\n{p}")?;
        }
        if let Some(more) = more_msg(&self.more) {
            write!(f, "\n{more}")?;
        }
        Ok(())
    }
}

impl std::error::Error for HrisError {}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, &self.employee_id) {
            (Some(line), Some(id)) => write!(f, "line {line} (employee {id}): {}", self.kind),
            (Some(line), None) => write!(f, "line {line}: {}", self.kind),
            (None, Some(id)) => write!(f, "employee {id}: {}", self.kind),
            (None, None) => write!(f, "{}", self.kind),
        }
    }
}

/// Joins names as `A, B, C`.
fn list(names: &[impl AsRef<str>]) -> String {
    let names: Vec<&str> = names.iter().map(|n| n.as_ref()).collect();
    names.join(", ")
}

/// The headers found, for messages: an empty header shows as `(empty)`.
fn found_list(found: &[String]) -> String {
    if found.is_empty() {
        return "no columns".to_owned();
    }
    let shown: Vec<&str> = found.iter().map(|h| if h.is_empty() { "(empty)" } else { h.as_str() }).collect();
    shown.join(", ")
}

const DATE_FORMATS: &str = "2021-03-04, 2021/03/04, or day first as 04/03/2021, 04-03-2021 or 04.03.2021 \
                            (with a four-digit year)";

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::EmptyFile => write!(
                f,
                "the file is empty: export the employee list from the HR system again, with a header row \
                 and one row per employee"
            ),
            ProblemKind::Unreadable { message } => {
                write!(f, "the file could not be read as CSV ({message}); save it as CSV from the HR system or Excel")
            }
            ProblemKind::NoHeaderRow { found } => write!(
                f,
                "the first row is not a header row: none of its columns ({}) has a known name; the first row \
                 must name the columns, such as Employee ID, Name, Job Title, Department and Manager ID \
                 (or name yours with --map FIELD=HEADER)",
                found_list(found)
            ),
            ProblemKind::MissingColumn { field, found } => {
                match field {
                    Field::Name => write!(
                        f,
                        "no name column: the header needs one of {}, or both {} and {}",
                        list(Field::Name.headers()),
                        list(Field::FirstName.headers()),
                        list(Field::LastName.headers())
                    )?,
                    Field::FirstName | Field::LastName => write!(
                        f,
                        "no {} column to go with the {} column: the header needs one of {} (or a single {} column)",
                        field.label(),
                        if *field == Field::FirstName { "last name" } else { "first name" },
                        list(field.headers()),
                        list(Field::Name.headers())
                    )?,
                    _ => write!(f, "no {} column: the header needs one of {}", field.label(), list(field.headers()))?,
                }
                write!(
                    f,
                    "; the file has {} (rename the column, or name it with --map {}=HEADER)",
                    found_list(found),
                    field.as_str()
                )
            }
            ProblemKind::UnknownMappedHeader { field, header, found } => write!(
                f,
                "--map {}={header} names a column that is not in the file; the file has {}",
                field.as_str(),
                found_list(found)
            ),
            ProblemKind::NoEmployees => {
                write!(f, "the file has a header row but no employee rows; export the employee list again")
            }
            ProblemKind::TooFewFields { fields, header_fields, missing } => {
                let labels: Vec<&str> = missing.iter().map(|m| m.label()).collect();
                write!(
                    f,
                    "the row has {fields} field{} but the header has {header_fields}, so its {} {} missing; \
                     check the row for a missing delimiter or an unclosed quote",
                    if *fields == 1 { "" } else { "s" },
                    list(&labels),
                    if missing.len() == 1 { "is" } else { "are" }
                )
            }
            ProblemKind::EmptyValue { field } => match field {
                Field::EmployeeId => write!(f, "the employee id is empty; every row needs a unique employee id"),
                Field::JobTitle => write!(f, "the job title is empty; fill it in for this employee"),
                _ => write!(f, "the {} is empty; fill it in for this employee", field.label()),
            },
            ProblemKind::DuplicateEmployeeId { first_line } => write!(
                f,
                "the employee id is also used on line {first_line}; employee ids must be unique, so correct \
                 one of the two rows or remove the duplicate"
            ),
            ProblemKind::InvalidFte { value } => write!(
                f,
                "FTE \"{value}\" is not a share above 0 and at most 1; write it as 0,8 or 0.8 or 80% \
                 (or leave it empty)"
            ),
            ProblemKind::InvalidHireDate { value } => write!(
                f,
                "hire date \"{value}\" is not a valid date; write it as {DATE_FORMATS} (or leave it empty)"
            ),
            ProblemKind::UnknownManager { manager_id, hint } => match hint {
                None => write!(
                    f,
                    "manager id {manager_id} matches no employee in the export (use \
                     --external-managers-as-roots to make such people top-level)"
                ),
                Some(ManagerHint::LeadingZeros { employee_id, line }) => write!(
                    f,
                    "manager id {manager_id} matches no employee in the export; did you mean employee \
                     {employee_id} (line {line})? A spreadsheet may have dropped the leading zeros: format \
                     the id columns as text and export again"
                ),
                Some(ManagerHint::NameNotId { employee_id, line }) => write!(
                    f,
                    "manager id {manager_id} matches no employee id in the export but is the name of employee \
                     {employee_id} (line {line}); the manager column must hold the manager's employee id \
                     (name another column with --map manager_id=HEADER)"
                ),
            },
            ProblemKind::OwnManager => write!(
                f,
                "the manager id is the employee's own id; leave it empty for someone at the top, or fill in \
                 the real manager's id"
            ),
            ProblemKind::Csv(problem) => write!(f, "{problem}"),
            ProblemKind::TooLong(too_long) => write!(f, "{too_long}"),
            ProblemKind::ReportingCycle { members } => {
                write!(f, "the reporting lines form a cycle: ")?;
                for (line, id) in members {
                    write!(f, "{id} (line {line}) reports to ")?;
                }
                let first = members.first().map_or("", |(_, id)| id.as_str());
                write!(
                    f,
                    "{first}; correct the manager id of one of them so that the chain ends at someone without \
                     a manager"
                )
            }
        }
    }
}

/// Parses and validates an HR export. See the module documentation for the contract.
///
/// On a machine with a second core, the rows of a large export are read by two threads, each
/// taking one half of the file; the result is exactly that of one thread reading them all.
pub fn parse(bytes: &[u8], opts: &HrisOptions) -> Result<HrisTable, HrisError> {
    // Asking for the number of cores costs a few system calls, so only a large input asks.
    let split_min = (bytes.len() >= SPLIT_MIN_BYTES
        && std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2))
    .then_some(SPLIT_MIN_BYTES);
    parse_with(bytes, opts, split_min)
}

/// Below this many bytes of rows one thread reads them all: starting a second one would cost more
/// than it saves.
const SPLIT_MIN_BYTES: usize = 1 << 20;

/// [`parse`], reading the rows in two halves at once when they take at least `split_min` bytes,
/// and never with `None`. Tests use it to force either path.
fn parse_with(bytes: &[u8], opts: &HrisOptions, split_min: Option<usize>) -> Result<HrisTable, HrisError> {
    let (text, encoding) = decode_text(bytes);
    if let Some((line, problem)) = find_damage(&text) {
        let damage = Problem { line: Some(line), employee_id: None, kind: ProblemKind::Csv(problem) };
        return Err(HrisError { problems: vec![damage], more: More::new() });
    }
    let Some(delimiter) = detect_delimiter(&text) else {
        let empty = Problem { line: None, employee_id: None, kind: ProblemKind::EmptyFile };
        return Err(HrisError { problems: vec![empty], more: More::new() });
    };
    match read_table(&text, delimiter, opts, split_min) {
        Ok((rows, external_managers)) => Ok(HrisTable { encoding, delimiter, rows, external_managers }),
        // Sorted by line, the problems of one line in the order the row was checked.
        Err(problems) => Err(HrisError::new(problems)),
    }
}

/// Decodes the whole input once, as [`decode`] does, ready for the [`Tokenizer`]: records end at
/// a bare CR, but lines are counted by LF only, so a file with classic Mac line ends gets LFs to
/// keep the line numbers right. Shared with the decision-matrix import.
pub(crate) fn decode_text(bytes: &[u8]) -> (Cow<'_, str>, &'static str) {
    let (text, encoding) = decode(bytes);
    // Looking for an LF first: it is near the start.
    let text =
        if !text.contains('\n') && text.contains('\r') { Cow::Owned(text.replace('\r', "\n")) } else { text };
    (text, encoding)
}

/// Decodes the whole input once, borrowing when it is already UTF-8.
fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        // A byte order mark says UTF-8; invalid bytes after it are damage, shown as U+FFFD.
        return (encoding_rs::UTF_8.decode_without_bom_handling(rest).0, "UTF-8 with BOM");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (encoding_rs::UTF_16LE.decode_without_bom_handling(rest).0, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (encoding_rs::UTF_16BE.decode_without_bom_handling(rest).0, "UTF-16BE");
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), "UTF-8"),
        // Windows-1252 maps every byte, so this never fails.
        Err(_) => (encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0, "Windows-1252"),
    }
}

/// Picks the most frequent of `,` `;` TAB in the header line, counted outside quotes. The header
/// line is the first line that is not blank; a tie or none of them gives `,`. `None` when every
/// line is blank: the file is empty.
pub(crate) fn detect_delimiter(text: &str) -> Option<u8> {
    let bytes = text.as_bytes();
    // Skip the blank lines before the header, as the reader does: empty lines, and lines of only
    // whitespace and delimiters (an empty spreadsheet row).
    let blank = |line: &[u8]| line.iter().all(|b| b.is_ascii_whitespace() || matches!(b, b',' | b';' | b'"'));
    let mut start = 0;
    loop {
        let end = bytes[start..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |len| start + len);
        if !blank(&bytes[start..end]) {
            break;
        }
        if end >= bytes.len() {
            return None;
        }
        start = end + 1;
    }
    let (mut comma, mut semicolon, mut tab) = (0usize, 0usize, 0usize);
    let mut quoted = false;
    for &b in &bytes[start..] {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => comma += 1,
            b';' if !quoted => semicolon += 1,
            b'\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    Some(if semicolon > comma && semicolon > tab {
        b';'
    } else if tab > comma && tab > semicolon {
        b'\t'
    } else {
        b','
    })
}

/// The normalized form of a header for matching: lowercase letters and digits only.
pub(crate) fn header_key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Trims a value; a line break inside it (a multi-line spreadsheet cell) becomes one space, since
/// names and titles are shown on one line.
pub(crate) fn clean(s: &str) -> Cow<'_, str> {
    let t = trim(s);
    // A byte scan: far cheaper than a char pattern on every cell of a large export.
    if !t.bytes().any(|b| b == b'\r' || b == b'\n') {
        return Cow::Borrowed(t);
    }
    let parts: Vec<&str> = t.split(['\r', '\n']).map(str::trim).filter(|p| !p.is_empty()).collect();
    Cow::Owned(parts.join(" "))
}

/// [`str::trim`], skipping its search for Unicode white space when both ends are visible ASCII
/// (all Unicode white space other than ASCII's is outside ASCII).
pub(crate) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// A hire date as [`Date::parse_flexible`] reads it. An ISO date, the most common form, goes to
/// [`Date::parse_iso`], which reads it the same way without allocating.
fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let iso = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    if iso {
        Date::parse_iso(s)
    } else {
        Date::parse_flexible(s)
    }
}

/// Reads an FTE: `0,8`, `0.8`, `1`, `80%`, `80 %`. `None` when it is not a number in (0, 1].
fn parse_fte(s: &str) -> Option<Fte> {
    let (number, percent) = match s.strip_suffix('%') {
        Some(n) => (n.trim_end(), true),
        None => (s, false),
    };
    // The number is copied with a decimal point into a stack buffer, so no allocation is needed
    // for the decimal comma; only digits and one separator are allowed, which keeps out `inf`,
    // `1e3` and signs that `f64::from_str` would take.
    let b = number.as_bytes();
    let mut buf = [0u8; 24];
    if b.is_empty() || b.len() > buf.len() {
        return None;
    }
    let (mut digits, mut separators, mut decimals, mut integer) = (0, 0, 0, 0u64);
    for (slot, &c) in buf.iter_mut().zip(b) {
        *slot = match c {
            b'0'..=b'9' => {
                digits += 1;
                decimals += separators;
                integer = integer.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
                c
            }
            b'.' | b',' => {
                separators += 1;
                b'.'
            }
            _ => return None,
        };
    }
    if digits == 0 || separators > 1 {
        return None;
    }
    // With at most 15 digits, the value is their integer (below 2^53) divided by a power of ten,
    // both exact as an `f64`, and a division rounds correctly: the value `f64::from_str` gives.
    const POW10: [f64; 16] =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
    let v: f64 = match POW10.get(decimals) {
        Some(power) if digits <= 15 => integer as f64 / power,
        _ => std::str::from_utf8(&buf[..b.len()]).ok()?.parse().ok()?,
    };
    Fte::new(if percent { v / 100.0 } else { v })
}

/// Counts the bytes equal to `needle`. Summing in `u8` over chunks of at most 255 bytes lets the
/// compiler compare a whole vector register of bytes at a time; a plain `filter().count()` widens
/// every byte to a `usize` lane and is about ten times slower on an 8 MB export.
fn count_byte(bytes: &[u8], needle: u8) -> usize {
    bytes.chunks(255).map(|chunk| chunk.iter().map(|&b| u8::from(b == needle)).sum::<u8>() as usize).sum()
}

/// Counts the bytes equal to `a` and those equal to `b`, in one pass, as [`count_byte`] does.
fn count_bytes(bytes: &[u8], a: u8, b: u8) -> (usize, usize) {
    bytes.chunks(255).fold((0, 0), |(total_a, total_b), chunk| {
        let (in_a, in_b) =
            chunk.iter().fold((0u8, 0u8), |(n, m), &c| (n + u8::from(c == a), m + u8::from(c == b)));
        (total_a + in_a as usize, total_b + in_b as usize)
    })
}

/// A close upper bound on the number of rows in `bytes`: the number of line breaks, capped by the
/// size so that a spreadsheet's thousands of empty trailing rows reserve little. Growing a vector
/// of 100,000 rows by doubling would copy it many times.
fn row_estimate(bytes: &[u8]) -> usize {
    count_byte(bytes, b'\n').min(bytes.len() / 16) + 1
}

/// Splits the decoded text into records of fields, as RFC 4180 and Excel read CSV: a field that
/// starts with a quote is quoted, `""` inside it stands for one quote, and whatever follows its
/// closing quote up to the delimiter is kept as it is; a quote inside an unquoted field is an
/// ordinary character. CR, LF and CRLF end a record, and the line breaks between records (blank
/// lines) are skipped. A field borrows from the text unless a `""` or the text after a closing
/// quote means it must be copied.
pub(crate) struct Tokenizer<'a> {
    text: &'a str,
    delimiter: u8,
    /// Where the next record, or the line breaks before it, begins.
    pos: usize,
    /// The line of `pos`: one more than the number of LFs before it.
    line: u64,
    /// Where the last record read ended (at its line break or at the end of the text), or the
    /// starting position before any record was read.
    end: usize,
    /// The fields of the last record read.
    pub(crate) fields: Vec<Cow<'a, str>>,
    /// Whether a quoted field of the last record read holds a line break (no other field can).
    line_breaks: bool,
    /// A line inside a quoted value holding this many delimiters or more looks like a row of its
    /// own, swallowed by a quote that was never meant to span lines; 0: not checked (the header).
    pub(crate) row_delimiters: usize,
    /// The first quoting mistake met, with the line where its quote opens. The records are still
    /// read as the `csv` crate reads them; the caller stops at the first record with a fault.
    pub(crate) fault: Option<(u64, CsvProblem)>,
}

/// Marks the first byte of `w` (eight bytes, little-endian) that is `delimiter`, CR or LF: the
/// lowest set bit of the result is bit `8k + 7` when that is byte `k`, and the result is zero
/// when there is none. (Bits above the lowest may be set wrongly.)
fn first_stop_byte(w: u64, delimiter: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // The top bit of the first zero byte of `x`: subtracting 1 from a zero byte borrows through
    // its top bit, and no byte below it borrows.
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    zero_byte(w ^ (ONES * u64::from(delimiter))) | zero_byte(w ^ (ONES * 0x0A)) | zero_byte(w ^ (ONES * 0x0D))
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer starting at `pos`, which must be at the start of a record or of the line breaks
    /// before one, on line `line`.
    pub(crate) fn new(text: &'a str, delimiter: u8, pos: usize, line: u64) -> Tokenizer<'a> {
        Tokenizer {
            text,
            delimiter,
            pos,
            line,
            end: pos,
            fields: Vec::with_capacity(16),
            line_breaks: false,
            row_delimiters: 0,
            fault: None,
        }
    }

    /// Reads the next record that is not blank (not only whitespace and empty fields) into
    /// `self.fields` and returns its line; `None` at the end of the text, or when the record would
    /// start at or after `limit`.
    pub(crate) fn next_row(&mut self, limit: usize) -> Option<u64> {
        loop {
            let line = self.next_record(limit)?;
            if self.fields.iter().any(|f| !trim(f).is_empty()) {
                return Some(line);
            }
        }
    }

    /// Reads the next record into `self.fields` and returns its line; `None` at the end of the
    /// text, or when the record would start at or after `limit` (the line breaks before it are
    /// passed over, and reading on with a higher limit reads it).
    fn next_record(&mut self, limit: usize) -> Option<u64> {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.pos) {
            match b {
                b'\n' => self.line += 1,
                b'\r' => {}
                _ => break,
            }
            self.pos += 1;
        }
        if self.pos >= bytes.len() || self.pos >= limit {
            return None;
        }
        let line = self.line;
        self.fields.clear();
        self.line_breaks = false;
        loop {
            let field = self.field();
            self.fields.push(field);
            match bytes.get(self.pos) {
                Some(&b) if b == self.delimiter => self.pos += 1,
                // A line break or the end of the text.
                _ => break,
            }
        }
        self.end = self.pos;
        Some(line)
    }

    /// Reads the field at `self.pos`, leaving `self.pos` at the delimiter or line break after it,
    /// or at the end of the text. Every position the text is cut at holds an ASCII byte (or is an
    /// end of the text), so the cuts fall on character boundaries.
    fn field(&mut self) -> Cow<'a, str> {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let start = self.pos;
        if bytes.get(start) != Some(&b'"') {
            self.pos = self.unquoted_end(start);
            return Cow::Borrowed(&text[start..self.pos]);
        }
        // The value so far when it had to be copied, and the start of the part not yet in it.
        let mut copied: Option<String> = None;
        let mut from = start + 1;
        let mut i = from;
        let open_line = self.line;
        // The delimiters on the value's current line, counted from its first line break on
        // (`None` before it: the opening line is the row's own).
        let mut delimiters: Option<usize> = None;
        loop {
            // The next quote; line breaks inside quotes are part of the value.
            while let Some(&b) = bytes.get(i) {
                match b {
                    b'"' => break,
                    b'\n' => {
                        self.check_line_in_quotes(open_line, delimiters);
                        self.line += 1;
                        self.line_breaks = true;
                        delimiters = Some(0);
                    }
                    b'\r' => self.line_breaks = true,
                    b if b == self.delimiter => {
                        if let Some(n) = delimiters.as_mut() {
                            *n += 1;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            if i >= bytes.len() {
                // The quote is never closed: the value runs to the end of the text, as the `csv`
                // crate and Excel read it, which would swallow every row after it.
                self.note_fault(open_line, CsvProblem::UnclosedQuote);
                self.pos = i;
                return match copied {
                    Some(mut value) => {
                        value.push_str(&text[from..]);
                        Cow::Owned(value)
                    }
                    None => Cow::Borrowed(&text[from..]),
                };
            }
            if bytes.get(i + 1) == Some(&b'"') {
                // `""`: one quote, kept with the text before it.
                copied.get_or_insert_with(String::new).push_str(&text[from..=i]);
                i += 2;
                from = i;
                continue;
            }
            // The closing quote; anything after it up to the delimiter belongs to the value. The
            // closing line of a value over several lines looks like a row of its own when its
            // delimiters inside the value and after it make a row's worth: a row cut in two by a
            // stray quote (a line whose delimiters are all after the quote adds values instead).
            let closing_line = delimiters.filter(|&n| n > 0).map(|n| {
                let rest = &bytes[i + 1..];
                let end = rest.iter().position(|&b| b == b'\n' || b == b'\r').unwrap_or(rest.len());
                n + count_byte(&rest[..end], self.delimiter)
            });
            self.check_line_in_quotes(open_line, closing_line);
            let rest_end = self.unquoted_end(i + 1);
            if delimiters.is_some() && !text[i + 1..rest_end].trim().is_empty() {
                // A value over several lines that a spreadsheet wrote ends at its closing quote;
                // text after it means this quote was meant to open a value, not close one.
                self.note_fault(open_line, CsvProblem::TextAfterQuote { close_line: self.line });
            }
            self.pos = rest_end;
            if copied.is_none() && rest_end == i + 1 {
                return Cow::Borrowed(&text[from..i]);
            }
            let mut value = copied.unwrap_or_default();
            value.push_str(&text[from..i]);
            value.push_str(&text[i + 1..rest_end]);
            return Cow::Owned(value);
        }
    }

    /// Notes the first fault of the text; later ones follow from it or wait for the next import.
    /// A quote never closed says more than the rows it runs over, so it replaces their fault.
    fn note_fault(&mut self, line: u64, problem: CsvProblem) {
        let replaces = |fault: &(u64, CsvProblem)| {
            fault.0 == line
                && matches!(fault.1, CsvProblem::RowInQuote { .. })
                && problem == CsvProblem::UnclosedQuote
        };
        if self.fault.as_ref().is_none_or(replaces) {
            self.fault = Some((line, problem));
        }
    }

    /// At the end of a line inside a quoted value that opened on `open_line`: with `delimiters`
    /// on it (`None` for the opening line), does the line look like a row of its own?
    fn check_line_in_quotes(&mut self, open_line: u64, delimiters: Option<usize>) {
        if self.row_delimiters > 0 && delimiters.is_some_and(|n| n >= self.row_delimiters) {
            let row_line = self.line;
            self.note_fault(open_line, CsvProblem::RowInQuote { row_line });
        }
    }

    /// The position of the first delimiter or line break at or after `from`, or the end of the
    /// text. Eight bytes at a time: most values are shorter than two words.
    fn unquoted_end(&self, from: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = from;
        while let Some(Ok(word)) = bytes.get(i..i + 8).map(<[u8; 8]>::try_from) {
            let stop = first_stop_byte(u64::from_le_bytes(word), self.delimiter);
            if stop != 0 {
                return i + (stop.trailing_zeros() / 8) as usize;
            }
            i += 8;
        }
        let delimiter = self.delimiter;
        let tail = bytes.get(i..).unwrap_or_default();
        tail.iter().position(|&b| b == delimiter || b == b'\n' || b == b'\r').map_or(bytes.len(), |n| i + n)
    }
}

/// How the name of a row is built.
#[derive(Clone, Copy)]
enum NameColumns {
    Single(usize),
    Split(usize, usize),
}

/// The column of each field in the file, once the header is understood.
struct Layout {
    columns: [Option<usize>; 10],
    name: NameColumns,
    /// The columns a row must reach, with their field.
    required: Vec<(Field, usize)>,
    header_fields: usize,
    /// The header's names as [`header_key`] compares them.
    header_keys: Vec<String>,
}

impl Layout {
    fn column(&self, field: Field) -> Option<usize> {
        self.columns[field as usize]
    }

    /// Whether the record is the header row again: every required value is the header's name of
    /// its column, or a name the import knows for some column. An employee id with a digit is
    /// never a header name, which keeps this off the path of ordinary rows.
    fn repeats_header(&self, record: &[Cow<'_, str>]) -> bool {
        let id_has_digit = |j: usize| record.get(j).is_some_and(|v| v.bytes().any(|b| b.is_ascii_digit()));
        if self.column(Field::EmployeeId).is_some_and(id_has_digit) {
            return false;
        }
        self.required.iter().all(|&(_, j)| {
            record.get(j).is_some_and(|v| {
                let key = header_key(v);
                !key.is_empty()
                    && (self.header_keys.get(j) == Some(&key)
                        || Field::ALL.iter().any(|f| f.match_priority(&key).is_some()))
            })
        })
    }

    /// Works out the columns from the header row, or says what is missing.
    fn from_header(header: &[String], opts: &HrisOptions, line: u64) -> Result<Layout, Vec<Problem>> {
        let keys: Vec<String> = header.iter().map(|h| header_key(h)).collect();
        let mut columns: [Option<usize>; 10] = [None; 10];
        for field in Field::ALL {
            let best =
                keys.iter().enumerate().filter_map(|(j, k)| field.match_priority(k).map(|p| (p, j))).min();
            columns[field as usize] = best.map(|(_, j)| j);
        }

        let problem = |kind| Problem { line: Some(line), employee_id: None, kind };
        let mut problems = Vec::new();
        let mut mapped = [false; 10];
        for (field, wanted) in &opts.map {
            let wanted_trimmed = wanted.trim();
            let wanted_key = header_key(wanted);
            let found = header
                .iter()
                .position(|h| h.to_lowercase() == wanted_trimmed.to_lowercase())
                .or_else(|| keys.iter().position(|k| !k.is_empty() && *k == wanted_key));
            match found {
                Some(j) => {
                    // The user said what this column is: it no longer counts for the field it
                    // matched by default.
                    for f in Field::ALL {
                        if !mapped[f as usize] && columns[f as usize] == Some(j) {
                            columns[f as usize] = None;
                        }
                    }
                    columns[*field as usize] = Some(j);
                    mapped[*field as usize] = true;
                }
                None => {
                    mapped[*field as usize] = true;
                    problems.push(problem(ProblemKind::UnknownMappedHeader {
                        field: *field,
                        header: wanted_trimmed.to_owned(),
                        found: header.to_vec(),
                    }));
                }
            }
        }
        if problems.is_empty() && columns.iter().all(Option::is_none) {
            return Err(vec![problem(ProblemKind::NoHeaderRow { found: header.to_vec() })]);
        }

        let missing = |field: Field| ProblemKind::MissingColumn { field, found: header.to_vec() };
        // A mapped first or last name means the user wants the split form, even when the file
        // also has a column that is called Name by default.
        let split_wanted = (mapped[Field::FirstName as usize] || mapped[Field::LastName as usize])
            && !mapped[Field::Name as usize];
        let col = |f: Field| columns[f as usize];
        let name = match (col(Field::Name), col(Field::FirstName), col(Field::LastName)) {
            (Some(n), _, _) if !split_wanted => Some(NameColumns::Single(n)),
            (_, Some(first), Some(last)) => Some(NameColumns::Split(first, last)),
            (_, Some(_), None) => {
                if !mapped[Field::LastName as usize] {
                    problems.push(problem(missing(Field::LastName)));
                }
                None
            }
            (_, None, Some(_)) => {
                if !mapped[Field::FirstName as usize] {
                    problems.push(problem(missing(Field::FirstName)));
                }
                None
            }
            _ => {
                if !mapped[Field::Name as usize] {
                    problems.push(problem(missing(Field::Name)));
                }
                None
            }
        };
        let mut required = Vec::new();
        match name {
            Some(NameColumns::Single(j)) => required.push((Field::Name, j)),
            Some(NameColumns::Split(first, last)) => {
                required.push((Field::FirstName, first));
                required.push((Field::LastName, last));
            }
            None => {}
        }
        for field in [Field::EmployeeId, Field::JobTitle, Field::Department, Field::ManagerId] {
            match col(field) {
                Some(j) => required.push((field, j)),
                // A failed --map has been reported already.
                None if !mapped[field as usize] => problems.push(problem(missing(field))),
                None => {}
            }
        }
        match name {
            Some(name) if problems.is_empty() => {
                // Problems name fields in the order of the header's columns.
                required.sort_by_key(|&(_, j)| j);
                Ok(Layout { columns, name, required, header_fields: header.len(), header_keys: keys })
            }
            _ => {
                problems.sort_by_key(|p| match &p.kind {
                    ProblemKind::MissingColumn { field, .. }
                    | ProblemKind::UnknownMappedHeader { field, .. } => *field as usize,
                    _ => 0,
                });
                Err(problems)
            }
        }
    }
}

/// The rows and [`HrisTable::external_managers`].
type Parsed = (Vec<HrisRow>, Vec<(u64, String, String)>);

/// Reads the header and every row, then checks the reporting lines. Returns the rows and the rows
/// made top-level, as for [`HrisTable`].
fn read_table(
    text: &str,
    delimiter: u8,
    opts: &HrisOptions,
    split_min: Option<usize>,
) -> Result<Parsed, Collector<Problem>> {
    let mut records = Tokenizer::new(text, delimiter, 0, 1);
    let Some(header_line) = records.next_row(usize::MAX) else {
        return Err(vec![Problem { line: None, employee_id: None, kind: ProblemKind::EmptyFile }].into());
    };
    if let Some((line, problem)) = records.fault.take() {
        // The header row itself runs on over the rows: nothing can be read.
        return Err(
            vec![Problem { line: Some(line), employee_id: None, kind: ProblemKind::Csv(problem) }].into()
        );
    }
    let header: Vec<String> = records.fields.iter().map(|h| clean(h).into_owned()).collect();
    let layout = Layout::from_header(&header, opts, header_line).map_err(Collector::from)?;

    let mut problems = Collector::new();
    let bytes = text.as_bytes();
    let split = split_min
        .filter(|&min| bytes.len() - records.pos >= min)
        .and_then(|_| choose_split(bytes, records.pos, records.line));
    let (mut rows, faulted) = match split {
        Some((split, split_line)) => read_rows_split(records, &layout, split, split_line, &mut problems),
        None => {
            let mut rows = Vec::with_capacity(row_estimate(&bytes[records.pos..]));
            let faulted = read_rows(&mut records, &layout, usize::MAX, &mut rows, &mut problems);
            (rows, faulted)
        }
    };
    if faulted {
        // The rows after a quoting mistake are not known: checking their managers would only
        // report what the mistake did to them.
        return Err(problems);
    }
    if rows.capacity() > 2 * rows.len() + 16 {
        rows.shrink_to_fit();
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(Problem { line: Some(header_line), employee_id: None, kind: ProblemKind::NoEmployees });
    }
    let external = check_managers(&mut rows, opts, &mut problems);
    if problems.is_empty() {
        Ok((rows, external))
    } else {
        Err(problems)
    }
}

/// Reads the rows that start before `limit`, adding their own problems. At a quoting mistake
/// ([`Tokenizer::fault`]) it adds that problem and stops, returning `true`: the rows after it
/// cannot be told apart.
fn read_rows(
    records: &mut Tokenizer<'_>,
    layout: &Layout,
    limit: usize,
    rows: &mut Vec<HrisRow>,
    problems: &mut Collector<Problem>,
) -> bool {
    records.row_delimiters = layout.header_fields.saturating_sub(1).max(2);
    while let Some(line) = records.next_row(limit) {
        if records.fault.is_some() {
            break;
        }
        if layout.repeats_header(&records.fields) {
            problems.push(Problem {
                line: Some(line),
                employee_id: None,
                kind: ProblemKind::Csv(CsvProblem::RepeatedHeader),
            });
            continue;
        }
        rows.push(read_row(records, layout, line, problems));
    }
    match &records.fault {
        Some((line, problem)) => {
            problems.push(Problem {
                line: Some(*line),
                employee_id: None,
                kind: ProblemKind::Csv(problem.clone()),
            });
            true
        }
        None => false,
    }
}

/// A place near the middle of the rows from `from` (a record boundary, on line `line`) on, to split
/// them for two threads, and its line: the start of a line that begins outside quotes, judged by
/// counting the quotes before it. That count is right when the quoting is well formed; when it is
/// not, [`read_rows_split`] notices and reads on alone. `None` when no line starts after the
/// middle.
fn choose_split(bytes: &[u8], from: usize, mut line: u64) -> Option<(usize, u64)> {
    let middle = from + (bytes.len() - from) / 2;
    let (quotes, line_breaks) = count_bytes(&bytes[from..middle], b'"', b'\n');
    let mut quoted = quotes % 2 == 1;
    line += line_breaks as u64;
    for (i, &b) in bytes[middle..].iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => return Some((middle + i + 1, line + 1)),
            b'\n' => line += 1,
            _ => {}
        }
    }
    None
}

/// Reads the rows from the position of `records` to the end, this thread those that start before
/// `split` and a second thread the others, from `split` (on line `split_line`) on; the two lists
/// are joined in file order. The second thread's reading is right only when `split` does not fall
/// inside a record, which this thread sees when it gets there: its last record must have ended at
/// or before `split` (the line breaks between are skipped by both). Otherwise, or when the second
/// thread cannot be had, this thread reads on to the end and the second thread's result is
/// dropped.
fn read_rows_split(
    mut records: Tokenizer<'_>,
    layout: &Layout,
    split: usize,
    split_line: u64,
    problems: &mut Collector<Problem>,
) -> (Vec<HrisRow>, bool) {
    let (text, delimiter) = (records.text, records.delimiter);
    // The rows of the first part are at most its line breaks; the second part, about as long, is
    // given a margin. (Counting its line breaks would hold up both threads; a wrong guess only
    // costs the vector growing.)
    let first_rows =
        (split_line.saturating_sub(records.line) as usize).min(split.saturating_sub(records.pos) / 16) + 1;
    let second_rows = first_rows + first_rows / 4 + 16;
    std::thread::scope(|scope| {
        let second = std::thread::Builder::new().spawn_scoped(scope, move || {
            let mut records = Tokenizer::new(text, delimiter, split, split_line);
            let mut rows = Vec::with_capacity(second_rows);
            let mut problems = Collector::new();
            let faulted = read_rows(&mut records, layout, usize::MAX, &mut rows, &mut problems);
            (rows, problems, faulted)
        });
        let mut rows = Vec::with_capacity(first_rows + second_rows);
        if read_rows(&mut records, layout, split, &mut rows, problems) {
            // Reading stops at the mistake; the second thread's rows come after it.
            return (rows, true);
        }
        let second = match second {
            Ok(handle) if records.end <= split => handle.join().ok(),
            _ => None,
        };
        match second {
            Some((mut second_rows, second_problems, faulted)) => {
                rows.append(&mut second_rows);
                problems.append(second_problems);
                (rows, faulted)
            }
            None => {
                let faulted = read_rows(&mut records, layout, usize::MAX, &mut rows, problems);
                (rows, faulted)
            }
        }
    })
}

/// Builds the row from a record, adding its own problems (those that need no other row).
fn read_row(
    records: &Tokenizer<'_>,
    layout: &Layout,
    line: u64,
    problems: &mut Collector<Problem>,
) -> HrisRow {
    let record = &records.fields;
    // `None`: the row is too short to have the column; `Some("")`: the value is empty. Without
    // line breaks, cleaning a value is trimming it.
    let get =
        |j: usize| record.get(j).map(|v| if records.line_breaks { clean(v) } else { Cow::Borrowed(trim(v)) });
    let value = |field: Field| layout.column(field).and_then(get);
    let employee_id = value(Field::EmployeeId).unwrap_or_default().into_owned();
    let problem = |kind| Problem {
        line: Some(line),
        employee_id: (!employee_id.is_empty()).then(|| employee_id.clone()),
        kind,
    };

    if record.len() > layout.header_fields {
        // Values past the header's columns: empty ones are what spreadsheets write.
        if let Some(last) =
            record.iter().rposition(|v| !trim(v).is_empty()).filter(|&k| k >= layout.header_fields)
        {
            problems.push(problem(ProblemKind::Csv(CsvProblem::TooManyValues {
                values: last + 1,
                columns: layout.header_fields,
            })));
        }
    }
    let mut missing: Vec<Field> = Vec::new();
    for &(field, j) in &layout.required {
        if j >= record.len() {
            missing.push(field);
        }
    }
    if !missing.is_empty() {
        problems.push(problem(ProblemKind::TooFewFields {
            fields: record.len(),
            header_fields: layout.header_fields,
            missing: missing.clone(),
        }));
    }
    let is_missing = |f: Field| missing.contains(&f);

    if employee_id.is_empty() && !is_missing(Field::EmployeeId) {
        problems.push(problem(ProblemKind::EmptyValue { field: Field::EmployeeId }));
    }
    let name = match layout.name {
        NameColumns::Single(j) => get(j).unwrap_or_default().into_owned(),
        NameColumns::Split(first, last) => {
            let first = get(first).unwrap_or_default();
            let last = get(last).unwrap_or_default();
            match (first.is_empty(), last.is_empty()) {
                (false, false) => {
                    let mut name = String::with_capacity(first.len() + 1 + last.len());
                    name.push_str(&first);
                    name.push(' ');
                    name.push_str(&last);
                    name
                }
                (false, true) => first.into_owned(),
                (true, _) => last.into_owned(),
            }
        }
    };
    let name_missing = is_missing(Field::Name) || is_missing(Field::FirstName) || is_missing(Field::LastName);
    if name.is_empty() && !name_missing {
        problems.push(problem(ProblemKind::EmptyValue { field: Field::Name }));
    }
    let job_title = value(Field::JobTitle).unwrap_or_default().into_owned();
    if job_title.is_empty() && !is_missing(Field::JobTitle) {
        problems.push(problem(ProblemKind::EmptyValue { field: Field::JobTitle }));
    }
    let optional = |field: Field| value(field).filter(|v| !v.is_empty());
    let fte = optional(Field::Fte).and_then(|v| {
        let fte = parse_fte(&v);
        if fte.is_none() {
            problems.push(problem(ProblemKind::InvalidFte { value: v.into_owned() }));
        }
        fte
    });
    let hire_date = optional(Field::HireDate).and_then(|v| {
        let date = parse_date(&v);
        if date.is_none() {
            problems.push(problem(ProblemKind::InvalidHireDate { value: v.into_owned() }));
        }
        date
    });
    {
        use crate::limits::{check, Field as Text};
        let mut limit = |field: Text, value: Option<&str>| {
            if let Some(Err(too_long)) = value.map(|v| check(field, v)) {
                problems.push(problem(ProblemKind::TooLong(too_long)));
            }
        };
        limit(Text::EmployeeId, Some(&employee_id));
        limit(Text::PersonName, Some(&name));
        limit(Text::RoleTitle, Some(&job_title));
        limit(Text::TeamName, value(Field::Department).as_deref());
        limit(Text::Location, value(Field::Location).as_deref());
    }
    HrisRow {
        line,
        name,
        job_title,
        department: optional(Field::Department).map(Cow::into_owned),
        manager_id: optional(Field::ManagerId).map(Cow::into_owned),
        location: optional(Field::Location).map(Cow::into_owned),
        fte,
        hire_date,
        employee_id,
    }
}

const NO_PARENT: usize = usize::MAX;

/// Checks what needs all rows: duplicate ids, manager ids, cycles. Makes rows with an unknown
/// manager top-level when the options say so, and returns them.
fn check_managers(
    rows: &mut [HrisRow],
    opts: &HrisOptions,
    problems: &mut Collector<Problem>,
) -> Vec<(u64, String, String)> {
    let mut to_root = Vec::new();
    {
        let rows: &[HrisRow] = rows;
        let problem = |row: &HrisRow, kind| Problem {
            line: Some(row.line),
            employee_id: (!row.employee_id.is_empty()).then(|| row.employee_id.clone()),
            kind,
        };
        let mut index: FxHashMap<&str, usize> =
            FxHashMap::with_capacity_and_hasher(rows.len(), FxBuildHasher);
        for (i, row) in rows.iter().enumerate() {
            if row.employee_id.is_empty() {
                continue;
            }
            match index.entry(row.employee_id.as_str()) {
                Entry::Occupied(first) => {
                    let first_line = rows[*first.get()].line;
                    problems.push(problem(row, ProblemKind::DuplicateEmployeeId { first_line }));
                }
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
            }
        }
        let mut parent = vec![NO_PARENT; rows.len()];
        let mut hints: Option<Hints> = None;
        for (i, row) in rows.iter().enumerate() {
            let Some(manager) = row.manager_id.as_deref() else {
                continue;
            };
            if manager == row.employee_id {
                problems.push(problem(row, ProblemKind::OwnManager));
                continue;
            }
            match index.get(manager) {
                Some(&j) => parent[i] = j,
                None if opts.external_managers_as_roots => to_root.push(i),
                None => {
                    let hint = hints.get_or_insert_with(|| Hints::new(rows)).explain(manager, rows);
                    problems.push(problem(
                        row,
                        ProblemKind::UnknownManager { manager_id: manager.to_owned(), hint },
                    ));
                }
            }
        }
        for cycle in find_cycles(&parent) {
            // Start at the member on the first line, so the report is the same however the
            // cycle was entered.
            let first = (0..cycle.len()).min_by_key(|&k| rows[cycle[k]].line).unwrap_or(0);
            let members: Vec<(u64, String)> = cycle[first..]
                .iter()
                .chain(&cycle[..first])
                .map(|&i| (rows[i].line, rows[i].employee_id.clone()))
                .collect();
            let start = &rows[cycle[first]];
            problems.push(problem(start, ProblemKind::ReportingCycle { members }));
        }
    }
    to_root
        .into_iter()
        .filter_map(|i| {
            let row = &mut rows[i];
            let manager = row.manager_id.take()?;
            Some((row.line, row.employee_id.clone(), manager))
        })
        .collect()
}

/// Every cycle of the manager links, each as row indices where each row reports to the next and
/// the last to the first. `parent[i]` is the manager's row or [`NO_PARENT`]. Each row has at most
/// one manager, so walking up from every row not yet seen finds each cycle exactly once, in time
/// linear in the number of rows and without recursion (chains can be thousands of levels deep).
fn find_cycles(parent: &[usize]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = 0;
    const DONE: usize = usize::MAX;
    // UNSEEN, DONE, or the number of the walk that is visiting the row (start + 1).
    let mut state = vec![UNSEEN; parent.len()];
    let mut path = Vec::new();
    let mut cycles = Vec::new();
    for start in 0..parent.len() {
        if state[start] != UNSEEN {
            continue;
        }
        let walk = start + 1;
        path.clear();
        let mut current = start;
        loop {
            state[current] = walk;
            path.push(current);
            let up = parent[current];
            if up == NO_PARENT || up >= parent.len() {
                break;
            }
            if state[up] == UNSEEN {
                current = up;
                continue;
            }
            if state[up] == walk {
                // The walk came back to a row of its own path: the path from there is a cycle.
                if let Some(at) = path.iter().rposition(|&i| i == up) {
                    cycles.push(path[at..].to_vec());
                }
            }
            break;
        }
        for &i in &path {
            state[i] = DONE;
        }
    }
    cycles
}

/// Lookups to explain unknown manager ids, built only when there is one.
struct Hints<'a> {
    /// All-digit employee ids without their leading zeros; `None` when two ids collide.
    by_digits: HashMap<&'a str, Option<usize>>,
    by_name: HashMap<&'a str, usize>,
}

impl<'a> Hints<'a> {
    fn new(rows: &'a [HrisRow]) -> Hints<'a> {
        let mut by_digits: HashMap<&str, Option<usize>> = HashMap::new();
        let mut by_name = HashMap::new();
        for (i, row) in rows.iter().enumerate() {
            if is_digits(&row.employee_id) {
                by_digits
                    .entry(row.employee_id.trim_start_matches('0'))
                    .and_modify(|e| *e = None)
                    .or_insert(Some(i));
            }
            if !row.name.is_empty() {
                by_name.entry(row.name.as_str()).or_insert(i);
            }
        }
        Hints { by_digits, by_name }
    }

    fn explain(&self, manager: &str, rows: &[HrisRow]) -> Option<ManagerHint> {
        if is_digits(manager) {
            if let Some(&Some(i)) = self.by_digits.get(manager.trim_start_matches('0')) {
                let row = &rows[i];
                return Some(ManagerHint::LeadingZeros {
                    employee_id: row.employee_id.clone(),
                    line: row.line,
                });
            }
        }
        self.by_name.get(manager).map(|&i| {
            let row = &rows[i];
            ManagerHint::NameNotId { employee_id: row.employee_id.clone(), line: row.line }
        })
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use proptest::prelude::*;

    fn ok(bytes: &[u8]) -> HrisTable {
        match parse(bytes, &HrisOptions::default()) {
            Ok(t) => t,
            Err(e) => panic!("expected the export to be accepted:\n{e}"),
        }
    }

    fn problems(bytes: &[u8]) -> Vec<Problem> {
        problems_with(bytes, &HrisOptions::default())
    }

    fn problems_with(bytes: &[u8], opts: &HrisOptions) -> Vec<Problem> {
        match parse(bytes, opts) {
            Ok(t) => panic!("expected problems, got {} rows", t.rows.len()),
            Err(e) => e.problems,
        }
    }

    fn at(line: u64, id: Option<&str>, kind: ProblemKind) -> Problem {
        Problem { line: Some(line), employee_id: id.map(str::to_owned), kind }
    }

    fn row<'a>(t: &'a HrisTable, id: &str) -> &'a HrisRow {
        t.rows.iter().find(|r| r.employee_id == id).unwrap()
    }

    fn fte(v: f64) -> Option<Fte> {
        Fte::new(v)
    }

    const HEADER: &str = "Employee ID,Name,Job Title,Department,Manager ID";

    // ---- fixtures -------------------------------------------------------------------------

    #[test]
    fn dutch_semicolon_windows_1252_export() {
        let t = ok(include_bytes!("../../tests/fixtures/hris/nl-semicolon-cp1252.csv"));
        assert_eq!(t.encoding, "Windows-1252");
        assert_eq!(t.delimiter, b';');
        assert_eq!(t.rows.len(), 25);
        // File order, with the header on line 1.
        assert_eq!(t.rows.first().unwrap().line, 2);
        assert_eq!(t.rows.last().unwrap().line, 26);
        assert_eq!(t.rows.last().unwrap().employee_id, "1001");
        assert!(t.rows.windows(2).all(|w| w[0].line < w[1].line));

        let ceo = row(&t, "1001");
        assert_eq!(ceo.name, "Françoise Dubois");
        assert_eq!(ceo.manager_id, None);
        assert_eq!(ceo.hire_date, Date::new(2010, 3, 1));
        assert_eq!(ceo.fte, Some(Fte::FULL));
        assert_eq!(row(&t, "1003").name, "Ingrid Vanhoëcke");
        assert_eq!(row(&t, "1003").hire_date, Date::new(2012, 5, 2));
        assert_eq!(row(&t, "1004").name, "René Claes");
        assert_eq!(row(&t, "1004").location.as_deref(), Some("Liège"));
        assert_eq!(row(&t, "1004").hire_date, Date::new(2011, 11, 20));
        let jose = row(&t, "1002");
        assert_eq!(jose.name, "José Martens");
        assert_eq!(jose.fte, fte(0.8));
        assert_eq!(jose.manager_id.as_deref(), Some("1001"));
        assert_eq!(jose.hire_date, Date::new(2015, 9, 15));
        // The quoted title holds the delimiter.
        let marie = row(&t, "1005");
        assert_eq!(marie.job_title, "Hoofd Financiën; HR");
        assert_eq!(marie.department.as_deref(), Some("Financiën & HR"));
        assert_eq!(row(&t, "1014").fte, None);
        assert_eq!(row(&t, "1012").hire_date, None);
    }

    /// The figures of the sibling `.expected.json`, computed from the parsed rows.
    #[test]
    fn dutch_fixture_matches_its_expected_figures() {
        let t = ok(include_bytes!("../../tests/fixtures/hris/nl-semicolon-cp1252.csv"));
        let expected = include_str!("../../tests/fixtures/hris/nl-semicolon-cp1252.expected.json");
        let departments: std::collections::BTreeSet<&str> =
            t.rows.iter().filter_map(|r| r.department.as_deref()).collect();
        let mut spans: HashMap<&str, usize> = HashMap::new();
        for r in &t.rows {
            if let Some(m) = &r.manager_id {
                *spans.entry(m.as_str()).or_default() += 1;
            }
        }
        let by_id: HashMap<&str, &HrisRow> = t.rows.iter().map(|r| (r.employee_id.as_str(), r)).collect();
        let layers = t
            .rows
            .iter()
            .map(|r| {
                let (mut depth, mut cur) = (1, r);
                while let Some(m) = &cur.manager_id {
                    cur = by_id[m.as_str()];
                    depth += 1;
                }
                depth
            })
            .max()
            .unwrap();
        let mut sv: Vec<usize> = spans.values().copied().collect();
        sv.sort_unstable();
        let mean = sv.iter().sum::<usize>() as f64 / sv.len() as f64;
        let median = (sv[(sv.len() - 1) / 2] + sv[sv.len() / 2]) as f64 / 2.0;
        let got = format!(
            "people {} roles {} teams {} layers {} managers {} mean {:.2} median {} max {}",
            t.rows.len(),
            t.rows.len(),
            departments.len(),
            layers,
            sv.len(),
            mean,
            median,
            sv.last().unwrap()
        );
        assert_eq!(got, "people 25 roles 25 teams 4 layers 3 managers 4 mean 6.00 median 5.5 max 9");
        let compact: String = expected.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(
            compact,
            concat!(
                r#"{"people":25,"roles":25,"teams":4,"layers":3,"#,
                r#""span_of_control":{"managers":4,"mean":6.0,"median":5.5,"max":9}}"#
            )
        );
    }

    #[test]
    fn english_utf8_bom_crlf_export() {
        let t = ok(include_bytes!("../../tests/fixtures/hris/en-bom-crlf.csv"));
        assert_eq!(t.encoding, "UTF-8 with BOM");
        assert_eq!(t.delimiter, b',');
        let ids: Vec<(&str, u64)> = t.rows.iter().map(|r| (r.employee_id.as_str(), r.line)).collect();
        // Line 4 is blank, the quoted title of E003 spans lines 5 and 6, line 7 holds only commas.
        assert_eq!(ids, [("E001", 2), ("E002", 3), ("E003", 5), ("E004", 8), ("E005", 9), ("E006", 10)]);
        assert_eq!(
            t.rows[0],
            HrisRow {
                line: 2,
                employee_id: "E001".into(),
                name: "Smith, Alice".into(),
                job_title: "Chief Executive Officer".into(),
                department: Some("Executive".into()),
                manager_id: None,
                location: Some("London, UK".into()),
                fte: Some(Fte::FULL),
                hire_date: Date::new(2015, 1, 5),
            }
        );
        assert_eq!(t.rows[1].job_title, "Director, Operations");
        assert_eq!(t.rows[2].job_title, "Head of Customer Success");
        assert_eq!(t.rows[2].fte, fte(0.8));
        assert_eq!(t.rows[2].hire_date, Date::new(2018, 6, 1));
        assert_eq!(t.rows[4].name, "Erin \"Red\" O'Neil");
        assert_eq!(t.rows[4].location, None);
        assert_eq!(t.rows[4].hire_date, None);
        assert_eq!(t.rows[5].name, "Frank Green");
        assert_eq!(t.rows[5].fte, None);
    }

    #[test]
    fn tab_delimited_export_with_iso_dates_and_percentages() {
        let t = ok(include_bytes!("../../tests/fixtures/hris/tab-iso-dates.csv"));
        assert_eq!(t.encoding, "UTF-8");
        assert_eq!(t.delimiter, b'\t');
        assert_eq!(t.rows.len(), 6);
        assert_eq!(row(&t, "100").fte, Some(Fte::FULL));
        assert_eq!(row(&t, "100").hire_date, Date::new(2014, 2, 3));
        assert_eq!(row(&t, "101").fte, fte(0.8));
        assert_eq!(row(&t, "101").name, "Ben de Vries");
        assert_eq!(row(&t, "101").job_title, "Engineering Manager");
        assert_eq!(row(&t, "101").manager_id.as_deref(), Some("100"));
        assert_eq!(row(&t, "102").fte, fte(0.5));
        // Either half of a split name may be empty.
        assert_eq!(row(&t, "102").name, "Cara");
        assert_eq!(row(&t, "103").name, "Dijkstra");
        // A row that stops before the optional columns is fine.
        let eva = row(&t, "104");
        assert_eq!((eva.fte, eva.hire_date, eva.location.as_deref()), (None, None, Some("Amsterdam")));
        assert_eq!(row(&t, "105").fte, fte(0.4));
        assert_eq!(row(&t, "105").line, 7);
        // Empty values past the header are what spreadsheets write; a value there is not.
        let text =
            std::str::from_utf8(include_bytes!("../../tests/fixtures/hris/tab-iso-dates.csv")).unwrap();
        assert_eq!(ok(text.replace("2024-09-01", "2024-09-01\t\t").as_bytes()).rows.len(), 6);
        let extra = text.replace("2024-09-01", "2024-09-01\t\tunexpected extra field");
        let too_many = CsvProblem::TooManyValues { values: 11, columns: 9 };
        assert_eq!(problems(extra.as_bytes()), [at(7, Some("105"), ProblemKind::Csv(too_many))]);
    }

    #[test]
    fn cycle_fixture_reports_the_cycle_once_in_order() {
        let p = problems(include_bytes!("../../tests/fixtures/hris/defect-cycle.csv"));
        let members = vec![(4, "10".to_owned()), (7, "12".to_owned()), (6, "11".to_owned())];
        assert_eq!(p, [at(4, Some("10"), ProblemKind::ReportingCycle { members })]);
        assert_eq!(
            p[0].to_string(),
            "line 4 (employee 10): the reporting lines form a cycle: 10 (line 4) reports to 12 (line 7) reports \
             to 11 (line 6) reports to 10; correct the manager id of one of them so that the chain ends at \
             someone without a manager"
        );
    }

    #[test]
    fn duplicate_id_fixture_names_both_lines() {
        let p = problems(include_bytes!("../../tests/fixtures/hris/defect-duplicate-id.csv"));
        assert_eq!(p, [at(5, Some("21"), ProblemKind::DuplicateEmployeeId { first_line: 3 })]);
        assert!(p[0]
            .to_string()
            .starts_with("line 5 (employee 21): the employee id is also used on line 3;"));
    }

    #[test]
    fn unknown_manager_fixture() {
        let bytes = include_bytes!("../../tests/fixtures/hris/defect-unknown-manager.csv");
        let err = parse(bytes, &HrisOptions::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the HR export was not imported: 1 problem\nline 14 (employee 10231): manager id 99999 matches no \
             employee in the export (use --external-managers-as-roots to make such people top-level)"
        );

        let opts = HrisOptions { external_managers_as_roots: true, ..HrisOptions::default() };
        let t = parse(bytes, &opts).unwrap();
        assert_eq!(t.rows.len(), 13);
        assert_eq!(t.external_managers, [(14, "10231".to_owned(), "99999".to_owned())]);
        assert_eq!(row(&t, "10231").manager_id, None);
        assert_eq!(row(&t, "10230").name, "Zoë Laatste");
        assert_eq!(row(&t, "10230").manager_id.as_deref(), Some("10000"));
    }

    #[test]
    fn missing_column_fixture_lists_expected_and_found_headers() {
        let p = problems(include_bytes!("../../tests/fixtures/hris/defect-missing-column.csv"));
        let found: Vec<String> =
            ["Employee ID", "Name", "Department", "Manager ID", "Location"].map(String::from).to_vec();
        assert_eq!(p, [at(1, None, ProblemKind::MissingColumn { field: Field::JobTitle, found })]);
        assert_eq!(
            p[0].to_string(),
            "line 1: no job title column: the header needs one of Job Title, Functie, Title, Functietitel; the \
             file has Employee ID, Name, Department, Manager ID, Location (rename the column, or name it with \
             --map job_title=HEADER)"
        );
    }

    #[test]
    fn bad_fte_and_date_fixture() {
        let p = problems(include_bytes!("../../tests/fixtures/hris/defect-bad-fte-date.csv"));
        assert_eq!(
            p,
            [
                at(3, Some("2"), ProblemKind::InvalidFte { value: "1,5".into() }),
                at(4, Some("3"), ProblemKind::InvalidFte { value: "abc".into() }),
                at(5, Some("4"), ProblemKind::InvalidHireDate { value: "31/02/2020".into() }),
            ]
        );
        let text = p[2].to_string();
        assert!(text.contains("\"31/02/2020\""), "{text}");
        assert!(text.contains("04/03/2021") && text.contains("2021-03-04"), "{text}");
        assert!(p[0].to_string().contains("\"1,5\""));
    }

    #[test]
    fn many_defects_are_all_reported() {
        let p = problems(include_bytes!("../../tests/fixtures/hris/defect-many.csv"));
        let cycle = vec![(12, "10".to_owned()), (13, "11".to_owned())];
        let expected = [
            at(3, None, ProblemKind::EmptyValue { field: Field::EmployeeId }),
            at(4, Some("3"), ProblemKind::EmptyValue { field: Field::Name }),
            at(5, Some("4"), ProblemKind::EmptyValue { field: Field::JobTitle }),
            at(7, Some("5"), ProblemKind::DuplicateEmployeeId { first_line: 6 }),
            at(8, Some("6"), ProblemKind::InvalidFte { value: "0".into() }),
            at(9, Some("7"), ProblemKind::InvalidHireDate { value: "2020-13-01".into() }),
            at(10, Some("8"), ProblemKind::UnknownManager { manager_id: "404".into(), hint: None }),
            at(11, Some("9"), ProblemKind::OwnManager),
            at(12, Some("10"), ProblemKind::ReportingCycle { members: cycle }),
            at(
                14,
                Some("12"),
                ProblemKind::TooFewFields {
                    fields: 4,
                    header_fields: 8,
                    missing: vec![Field::Department, Field::ManagerId],
                },
            ),
            at(17, Some("14"), ProblemKind::InvalidFte { value: "1,5".into() }),
        ];
        assert_eq!(p, expected);
        let err = HrisError { problems: p, more: More::new() };
        let text = err.to_string();
        assert!(
            text.starts_with("the HR export was not imported: 11 problems\nline 3: the employee id is empty")
        );
        assert_eq!(text.lines().count(), 12);
        assert!(text.contains(
            "line 14 (employee 12): the row has 4 fields but the header has 8, so its department, manager id \
             are missing"
        ));
    }

    // ---- encodings and dialects -------------------------------------------------------------

    #[test]
    fn encodings_are_detected() {
        let utf8 = format!("{HEADER}\n1,José,CEO,Board,\n");
        let t = ok(utf8.as_bytes());
        assert_eq!((t.encoding, t.rows[0].name.as_str()), ("UTF-8", "José"));

        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(utf8.as_bytes());
        let t = ok(&bom);
        assert_eq!((t.encoding, t.rows[0].name.as_str()), ("UTF-8 with BOM", "José"));

        let cp1252 = [HEADER.as_bytes(), b"\n1,Jos\xE9 \x80,CEO,Board,\n"].concat();
        let t = ok(&cp1252);
        assert_eq!((t.encoding, t.rows[0].name.as_str()), ("Windows-1252", "José €"));

        let mut utf16 = vec![0xFF, 0xFE];
        for unit in utf8.encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let t = ok(&utf16);
        assert_eq!((t.encoding, t.rows[0].name.as_str()), ("UTF-16LE", "José"));
    }

    #[test]
    fn delimiter_is_the_most_frequent_in_the_header_outside_quotes() {
        assert_eq!(detect_delimiter("a;b;c,d\n1,2,3,4,5"), Some(b';'));
        assert_eq!(detect_delimiter("a\tb\tc;d\n"), Some(b'\t'));
        assert_eq!(detect_delimiter("a,b;c\n"), Some(b','));
        assert_eq!(detect_delimiter("abc\n"), Some(b','));
        assert_eq!(detect_delimiter("\"a;b;c\",d,e\n"), Some(b','));
        assert_eq!(detect_delimiter("\r\n\r\n  a;b\n"), Some(b';'));
        // Blank rows of another delimiter before the header do not count; a header that starts
        // with an empty TAB-separated column keeps all its TABs.
        assert_eq!(detect_delimiter(",,,,,\n\t\t\n a;b;c\n"), Some(b';'));
        assert_eq!(detect_delimiter("\t\t\n\ta,b\tc\n"), Some(b'\t'));
        assert_eq!(detect_delimiter(""), None);
        assert_eq!(detect_delimiter(" \n;;\n\t,\"\""), None);
    }

    #[test]
    fn bare_cr_line_ends_and_blank_lines_keep_line_numbers() {
        let t = ok(format!("{HEADER}\r1,Ann,CEO,Board,\r\r2,Bob,CFO,Finance,1\r").as_bytes());
        assert_eq!(t.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4]);

        let t = ok(format!("\n\n{HEADER}\n\n  \n,,,,\n1,Ann,CEO,Board,\n\n\n").as_bytes());
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].line, 7);
    }

    #[test]
    fn values_are_trimmed_and_empty_optionals_are_none() {
        let t = ok(format!("{HEADER},Location\n  1 ,  Ann  , CEO ,  ,  ,  \n").as_bytes());
        let r = &t.rows[0];
        assert_eq!((r.employee_id.as_str(), r.name.as_str(), r.job_title.as_str()), ("1", "Ann", "CEO"));
        assert_eq!((&r.department, &r.manager_id, &r.location), (&None, &None, &None));
    }

    // ---- columns ----------------------------------------------------------------------------

    #[test]
    fn field_names_parse() {
        for f in Field::ALL {
            assert_eq!(Field::parse(f.as_str()), Some(f));
        }
        assert_eq!(Field::parse("job-title"), Some(Field::JobTitle));
        assert_eq!(Field::parse(" Manager ID "), Some(Field::ManagerId));
        assert_eq!(Field::parse("hire date"), Some(Field::HireDate));
        assert_eq!(Field::parse("title"), None);
    }

    #[test]
    fn header_aliases_are_recognized() {
        for (header, field) in [
            ("EmployeeID", Field::EmployeeId),
            ("employee_number", Field::EmployeeId),
            ("EMP ID", Field::EmployeeId),
            ("Personeelsnummer", Field::EmployeeId),
            ("Volledige naam", Field::Name),
            ("Full Name", Field::Name),
            ("Functietitel", Field::JobTitle),
            ("Afdeling", Field::Department),
            ("Leidinggevende ID", Field::ManagerId),
            ("Manager Employee ID", Field::ManagerId),
            ("Vestiging", Field::Location),
            ("Tewerkstellingsbreuk", Field::Fte),
            ("Datum in dienst", Field::HireDate),
            ("Start Date", Field::HireDate),
        ] {
            assert!(field.match_priority(&header_key(header)).is_some(), "{header}");
        }
        let t = ok("Emp ID;Volledige naam;Functietitel;Afdeling;Leidinggevende ID;Vestiging;\
                    Tewerkstellingsbreuk;Datum in dienst\n\
                    7;An Aerts;CEO;Directie;;Gent;80%;1.2.2020\n"
            .as_bytes());
        let r = &t.rows[0];
        assert_eq!((r.name.as_str(), r.location.as_deref(), r.fte), ("An Aerts", Some("Gent"), fte(0.8)));
        assert_eq!(r.hire_date, Date::new(2020, 2, 1));
    }

    #[test]
    fn the_more_specific_header_wins_and_extra_columns_are_ignored() {
        let t = ok("Manager,Employee ID,Name,Title,Job Title,Department,Manager ID,Salary\n\
                    Ann Boss,1,Ann Boss,Ms,CEO,Board,,100\n\
                    Ann Boss,2,Bob,Mr,CFO,Finance,1,90\n"
            .as_bytes());
        assert_eq!(t.rows[1].manager_id.as_deref(), Some("1"));
        assert_eq!(t.rows[1].job_title, "CFO");
    }

    #[test]
    fn a_name_column_wins_over_first_and_last_name() {
        let t = ok("Employee ID,First Name,Last Name,Name,Job Title,Department,Manager ID\n1,A,B,Full Name,CEO,Board,\n"
            .as_bytes());
        assert_eq!(t.rows[0].name, "Full Name");
    }

    #[test]
    fn map_assigns_headers_to_fields_and_overrides_defaults() {
        let csv = "Nr,Wie,Rol,Title,Team,Baas\n1,Ann,CEO,Dr,Board,\n2,Bob,CFO,Mr,Finance,1\n";
        let map = [
            (Field::EmployeeId, "nr"),
            (Field::Name, "Wie"),
            (Field::JobTitle, "ROL"),
            (Field::Department, "team"),
            (Field::ManagerId, "Baas"),
        ];
        let opts =
            HrisOptions { map: map.iter().map(|(f, h)| (*f, h.to_string())).collect(), ..Default::default() };
        let t = parse(csv.as_bytes(), &opts).unwrap();
        assert_eq!(t.rows[1].job_title, "CFO");
        assert_eq!(t.rows[1].manager_id.as_deref(), Some("1"));

        // A default column given to another field no longer counts for its default field.
        let csv = "Employee ID,Name,Job Title,Department,Manager ID,Location\n1,Ann,CEO,Board,,Gent\n";
        let opts = HrisOptions { map: vec![(Field::Department, "Location".into())], ..Default::default() };
        let t = parse(csv.as_bytes(), &opts).unwrap();
        assert_eq!((t.rows[0].department.as_deref(), t.rows[0].location.as_deref()), (Some("Gent"), None));

        // Mapping first and last name replaces a default Name column.
        let csv =
            "Employee ID,Name,Given,Family,Job Title,Department,Manager ID\n1,Nick,Ann,Aerts,CEO,Board,\n";
        let opts = HrisOptions {
            map: vec![(Field::FirstName, "Given".into()), (Field::LastName, "Family".into())],
            ..Default::default()
        };
        assert_eq!(parse(csv.as_bytes(), &opts).unwrap().rows[0].name, "Ann Aerts");

        let opts = HrisOptions { map: vec![(Field::JobTitle, "Rank".into())], ..Default::default() };
        let p = problems_with(format!("{HEADER}\n1,Ann,CEO,Board,\n").as_bytes(), &opts);
        assert_eq!(p.len(), 1);
        assert!(matches!(
            &p[0].kind,
            ProblemKind::UnknownMappedHeader { field: Field::JobTitle, header, .. } if header == "Rank"
        ));
        assert!(p[0].to_string().contains("--map job_title=Rank names a column that is not in the file"));
    }

    #[test]
    fn every_missing_required_column_is_reported() {
        let p = problems(b"Employee ID,Voornaam,Location\n1,Ann,Gent\n");
        let fields: Vec<Field> = p
            .iter()
            .map(|p| match p.kind {
                ProblemKind::MissingColumn { field, .. } => field,
                _ => panic!("{p}"),
            })
            .collect();
        assert_eq!(fields, [Field::LastName, Field::JobTitle, Field::Department, Field::ManagerId]);
        assert!(p[0].to_string().contains("no last name column to go with the first name column"));

        let p = problems(b"Employee ID,Job Title,Department,Manager ID\n1,CEO,Board,\n");
        assert!(matches!(p[0].kind, ProblemKind::MissingColumn { field: Field::Name, .. }));
        assert!(p[0].to_string().contains("or both First Name"), "{}", p[0]);
    }

    #[test]
    fn a_file_without_a_header_row_is_refused_once() {
        let p = problems(b"1,Ann,CEO,Board,\n2,Bob,CFO,Finance,1\n");
        assert_eq!(p.len(), 1);
        assert!(matches!(&p[0].kind, ProblemKind::NoHeaderRow { found } if found[1] == "Ann"));
        assert!(p[0].to_string().starts_with("line 1: the first row is not a header row"));
    }

    #[test]
    fn empty_input_and_header_only() {
        for bytes in [&b""[..], b"   \r\n\n", b"\xEF\xBB\xBF", b",,,\n,,\n", b"\t;;\n"] {
            let err = parse(bytes, &HrisOptions::default()).unwrap_err();
            assert_eq!(
                err.problems,
                [Problem { line: None, employee_id: None, kind: ProblemKind::EmptyFile }]
            );
            assert!(err.to_string().contains("the file is empty"), "{err}");
        }
        let p = problems(format!("{HEADER}\n\n").as_bytes());
        assert_eq!(p, [at(1, None, ProblemKind::NoEmployees)]);
    }

    // ---- rows --------------------------------------------------------------------------------

    #[test]
    fn fte_forms() {
        for (s, v) in
            [("0,8", 0.8), ("0.8", 0.8), ("1", 1.0), ("80%", 0.8), ("80 %", 0.8), ("100%", 1.0), (".5", 0.5)]
        {
            assert_eq!(parse_fte(s), fte(v), "{s}");
        }
        for s in
            ["1,5", "abc", "0", "0%", "120%", "-0.5", "1e-1", "inf", "NaN", "0,5,5", "%", ",", "80", "1.0.0"]
        {
            assert_eq!(parse_fte(s), None, "{s}");
        }
    }

    #[test]
    fn short_rows_are_tolerated_only_when_optional_values_are_missing() {
        let csv = "Employee ID,Name,Job Title,Department,Manager ID,Location,FTE\n\
                   1,Ann,CEO,Board,\n\
                   2,Bob,CFO,Finance\n";
        let p = problems(csv.as_bytes());
        assert_eq!(
            p,
            [at(
                3,
                Some("2"),
                ProblemKind::TooFewFields { fields: 4, header_fields: 7, missing: vec![Field::ManagerId] }
            )]
        );
        // A short row reports the missing fields once and not also as empty values.
        let p = problems(format!("{HEADER}\n1\n").as_bytes());
        assert_eq!(p.len(), 1);
        assert!(matches!(&p[0].kind, ProblemKind::TooFewFields { missing, .. } if missing.len() == 4));
    }

    #[test]
    fn own_manager_and_unknown_manager_hints() {
        let csv = format!(
            "{HEADER}\n0042,Ann Boss,CEO,Board,\n2,Bob,CFO,Finance,42\n3,Cy,CTO,Tech,Ann Boss\n4,Di,COO,Ops,4\n"
        );
        let p = problems(csv.as_bytes());
        let zeros = ManagerHint::LeadingZeros { employee_id: "0042".into(), line: 2 };
        let name = ManagerHint::NameNotId { employee_id: "0042".into(), line: 2 };
        assert_eq!(
            p,
            [
                at(3, Some("2"), ProblemKind::UnknownManager { manager_id: "42".into(), hint: Some(zeros) }),
                at(
                    4,
                    Some("3"),
                    ProblemKind::UnknownManager { manager_id: "Ann Boss".into(), hint: Some(name) }
                ),
                at(5, Some("4"), ProblemKind::OwnManager),
            ]
        );
        assert!(p[0].to_string().contains("did you mean employee 0042 (line 2)?"));
        assert!(p[1].to_string().contains("is the name of employee 0042 (line 2)"));
    }

    #[test]
    fn deep_chains_and_long_cycles_need_no_recursion() {
        let n = 20_000;
        let mut chain = format!("{HEADER}\n0,Top,CEO,Board,\n");
        for i in 1..n {
            chain.push_str(&format!("{i},P{i},Worker,Ops,{}\n", i - 1));
        }
        assert_eq!(ok(chain.as_bytes()).rows.len(), n);

        let mut cycle = format!("{HEADER}\n");
        for i in 0..n {
            cycle.push_str(&format!("{i},P{i},Worker,Ops,{}\n", (i + 1) % n));
        }
        let p = problems(cycle.as_bytes());
        assert_eq!(p.len(), 1);
        let ProblemKind::ReportingCycle { members } = &p[0].kind else { panic!("{}", p[0]) };
        assert_eq!(members.len(), n);
        assert_eq!(members[0], (2, "0".to_owned()));
        assert_eq!(members[1], (3, "1".to_owned()));
        assert_eq!(members[n - 1], (n as u64 + 1, (n - 1).to_string()));
    }

    #[test]
    fn several_cycles_are_each_reported_once() {
        assert_eq!(find_cycles(&[1, 0, 3, 4, 2, 2, NO_PARENT, 6]), [vec![0, 1], vec![2, 3, 4]]);
        assert!(find_cycles(&[NO_PARENT, 0, 1, 1]).is_empty());
    }

    /// 100,000 rows in a ten-wide tree, generated in memory: the count, the order and the line
    /// numbers must hold at scale (the timing is measured separately in release).
    #[test]
    fn one_hundred_thousand_rows() {
        let csv = big_export(100_000);
        let t = ok(csv.as_bytes());
        assert_eq!(t.rows.len(), 100_000);
        assert_eq!(t.rows[99_999].employee_id, "E099999");
        assert_eq!(t.rows[99_999].line, 100_001);
        assert_eq!(t.rows[99_999].manager_id.as_deref(), Some("E009999"));
        assert_eq!(t.rows[12_345].fte, fte(0.8));
    }

    /// A typical export of `n` rows, about 80 bytes each.
    pub(super) fn big_export(n: usize) -> String {
        let mut s = String::with_capacity(n * 96);
        s.push_str(
            "Employee ID;First Name;Last Name;Job Title;Department;Manager ID;Location;FTE;Hire Date\n",
        );
        for i in 0..n {
            let manager = if i == 0 { String::new() } else { format!("E{:06}", (i - 1) / 10) };
            let fte = if i.is_multiple_of(5) { "0,8" } else { "1" };
            s.push_str(&format!(
                "E{i:06};Voornaam{i};Achternaam{};Medewerker {};Afdeling {};{manager};Gent;{fte};{:02}/{:02}/20{:02}\n",
                i % 977,
                i % 40,
                i % 25,
                i % 28 + 1,
                i % 12 + 1,
                i % 25
            ));
        }
        s
    }

    // ---- reading in two halves --------------------------------------------------------------

    /// The records and their lines as the csv crate reads them, with the line counting of the
    /// csv-based reader that [`Tokenizer`] replaced: the reference the tokenizer must match.
    fn csv_crate_records(text: &str, delimiter: u8) -> Vec<(u64, Vec<String>)> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let bytes = text.as_bytes();
        let (mut pos, mut line) = (0, 1);
        let mut record = csv::StringRecord::new();
        let mut records = Vec::new();
        while reader.read_record(&mut record).unwrap() {
            let offset = record.position().map_or(0, |p| p.byte() as usize);
            let mut start = offset.clamp(pos, bytes.len());
            while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
                start += 1;
            }
            line += count_byte(&bytes[pos..start], b'\n') as u64;
            pos = start;
            records.push((line, record.iter().map(str::to_owned).collect()));
        }
        records
    }

    fn tokenized(text: &str, delimiter: u8) -> Vec<(u64, Vec<String>)> {
        let mut records = Tokenizer::new(text, delimiter, 0, 1);
        let mut all = Vec::new();
        while let Some(line) = records.next_record(usize::MAX) {
            all.push((line, records.fields.iter().map(|f| f.to_string()).collect()));
        }
        all
    }

    #[test]
    fn the_tokenizer_reads_as_the_csv_crate_does() {
        for text in [
            "",
            "a",
            "a,b,",
            ",\n,,\r\n\r\n\n",
            "a,\"b,\"\"c\"\"\nd\"\r\ne,f",
            "\"ab\"cd,\"x\"\"\",\"\"\"\",\"\"",
            "a\"b,c\"\nd,\"e\"\"",
            "\"unclosed,\nto the end",
            "\"a\"\"",
            "x\ry\r\n\rz\n\r",
            " \"a\" ,\"b\" ",
            "é,\"€\n€\",ü\"ö",
        ] {
            for delimiter in [b',', b';', b'\t'] {
                assert_eq!(tokenized(text, delimiter), csv_crate_records(text, delimiter), "{text:?}");
            }
        }
        for fixture in FIXTURES {
            let text = decode(fixture).0;
            let delimiter = detect_delimiter(&text).unwrap();
            assert_eq!(tokenized(&text, delimiter), csv_crate_records(&text, delimiter));
        }
    }

    type Outcome = Result<(&'static str, u8, Vec<HrisRow>, Vec<(u64, String, String)>), HrisError>;

    /// The FTE reading of `f64::from_str` that [`parse_fte`] shortcuts.
    fn parse_fte_by_from_str(s: &str) -> Option<Fte> {
        let (number, percent) = match s.strip_suffix('%') {
            Some(n) => (n.trim_end(), true),
            None => (s, false),
        };
        let valid = number.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
            && number.bytes().any(|b| b.is_ascii_digit())
            && number.bytes().filter(|&b| b == b'.' || b == b',').count() <= 1
            && number.len() <= 24;
        let v: f64 = number.replace(',', ".").parse().ok().filter(|_| valid)?;
        Fte::new(if percent { v / 100.0 } else { v })
    }

    /// `parse` with the rows read in two halves (whatever their size), and in one pass.
    fn both_ways(bytes: &[u8], opts: &HrisOptions) -> [Outcome; 2] {
        [Some(0), None].map(|split_min| {
            parse_with(bytes, opts, split_min).map(|t| (t.encoding, t.delimiter, t.rows, t.external_managers))
        })
    }

    fn assert_same_both_ways(bytes: &[u8]) {
        for roots in [false, true] {
            let opts = HrisOptions { external_managers_as_roots: roots, ..Default::default() };
            let [split, single] = both_ways(bytes, &opts);
            assert_eq!(split, single);
        }
    }

    /// The rows and their problems read with the second thread starting at `split`, or in one pass.
    fn rows_split_at(text: &str, split: Option<usize>) -> (Vec<HrisRow>, (Vec<Problem>, More)) {
        let delimiter = detect_delimiter(text).unwrap();
        let mut records = Tokenizer::new(text, delimiter, 0, 1);
        let header_line = records.next_row(usize::MAX).unwrap();
        let header: Vec<String> = records.fields.iter().map(|h| clean(h).into_owned()).collect();
        let layout = Layout::from_header(&header, &HrisOptions::default(), header_line).unwrap();
        let mut problems = Collector::new();
        let rows = match split {
            Some(split) => {
                let line = count_byte(&text.as_bytes()[..split], b'\n') as u64 + 1;
                read_rows_split(records, &layout, split, line, &mut problems).0
            }
            None => {
                let mut rows = Vec::new();
                read_rows(&mut records, &layout, usize::MAX, &mut rows, &mut problems);
                rows
            }
        };
        (rows, problems.finish())
    }

    /// Wherever the second thread starts, inside a record, a quoted value, a CRLF or a run of
    /// blank lines, the rows and problems are those of one pass. Every place in the small texts;
    /// in the fixtures, those next to a line break or a quote and every seventh.
    #[test]
    fn every_split_point_gives_the_rows_of_one_pass() {
        let texts = [
            format!("{HEADER}\r\n1,Ann,CEO,Board,\r\n\r\n2,\"Bob\r\nB\",\"CFO, \"\"money\"\"\",Fin,1\r\n,,,,\n3,Cy,,Fin,1\n4,Di"),
            // Quotes that do not pair up the way counting them suggests.
            format!("{HEADER}\n1,Ann 5'10\",CEO,Board,\n2,Bob,\"C\"FO\",Fin,1\n3,\"Cy\nX,CTO,Tech,1\n4,Di,COO,Ops,1\n"),
            format!("{HEADER}\n1,Ann,CEO,Board,\n2,\"Bob,CFO,Fin,1\n3,Cy,CTO,Tech,1\n"),
        ];
        let fixtures = [0, 1, 2, 3, 4, 5, 7, 8].map(|i| decode(FIXTURES[i]).0.into_owned());
        for (k, text) in texts.iter().chain(&fixtures).enumerate() {
            let single = rows_split_at(text, None);
            let bytes = text.as_bytes();
            let near_a_break = |i: usize| {
                bytes[i.saturating_sub(2)..(i + 2).min(bytes.len())].iter().any(|b| b"\r\n\"".contains(b))
            };
            let splits = (0..=text.len()).filter(|&i| {
                text.is_char_boundary(i) && (k < texts.len() || i.is_multiple_of(7) || near_a_break(i))
            });
            for split in splits {
                assert_eq!(rows_split_at(text, Some(split)), single, "split at {split} of {text:?}");
            }
        }
    }

    #[test]
    fn fixtures_parse_the_same_in_two_halves() {
        for fixture in FIXTURES {
            assert_same_both_ways(fixture);
        }
        for bytes in [&b""[..], b"\n\n", HEADER.as_bytes(), format!("{HEADER}\n1,Ann,CEO,Board,").as_bytes()]
        {
            assert_same_both_ways(bytes);
        }
    }

    /// A large export with everything that makes the split point hard to find, around the middle
    /// and elsewhere: quoted values over several lines (with `""`, delimiters and blank lines
    /// inside), blank rows and rows of delimiters, CRLF line ends, and problems that need rows of
    /// both halves (a duplicate id, an unknown manager, a cycle).
    fn awkward_export(n: usize, crlf: bool, defects: bool) -> String {
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut s = format!("Employee ID;Name;Job Title;Department;Manager ID;FTE;Hire Date;Notes{eol}");
        for i in 0..n {
            let manager = if i == 0 { String::new() } else { format!("E{:05}", (i - 1) / 7) };
            let title = match i % 97 {
                0 => format!("\"Head of{eol}{eol}  \"\"Things\"\"; and{eol}stuff\""),
                1 => "\"Manager; Ops\"".to_owned(),
                _ => format!("Worker {}", i % 13),
            };
            s.push_str(&format!("E{i:05};Name {i};{title};Dept {};{manager};0,8;01/02/2020{eol}", i % 9));
            if i.is_multiple_of(101) {
                s.push_str(eol);
                s.push_str(";;;;");
                s.push_str(eol);
            }
            if i == n / 2 {
                // A value running over the middle of the file (in a column that is not read: a
                // name or title that long is refused).
                let long = "x".repeat(s.len() / 10);
                s.push_str(&format!(
                    "M{i:05};\"Mid{eol}dle\";Title;Dept;E00000;;;\"Middle{eol}{long}{eol}\"{eol}"
                ));
            }
        }
        if defects {
            s.push_str(&format!("E00003;Dup;T;D;E00000;;{eol}"));
            s.push_str(&format!("C1;Cy;T;D;C2;;{eol}C2;Cy2;T;D;C1;;{eol}"));
            s.push_str(&format!("U1;Un;T;D;NOBODY;1,5;31/02/2020{eol}"));
            let at = s[200..].find('\n').unwrap() + 201;
            s.insert_str(at, &format!("D1;Dangling;T;D;C2;80%;{eol}X9;;;;{eol}"));
        }
        s
    }

    #[test]
    fn large_exports_parse_the_same_in_two_halves() {
        for (crlf, defects) in [(false, false), (true, false), (false, true), (true, true)] {
            let text = awkward_export(4_000, crlf, defects);
            // The split point is found, and the second thread's reading is used.
            let pos = text.find(['\r', '\n']).unwrap();
            let (split, line) = choose_split(text.as_bytes(), pos, 1).unwrap();
            assert_eq!(line, count_byte(&text.as_bytes()[..split], b'\n') as u64 + 1);
            let mut records = Tokenizer::new(&text, b';', pos, 1);
            while records.next_record(split).is_some() {}
            assert!(records.end <= split && split > text.len() / 3);
            assert_same_both_ways(text.as_bytes());
            let [result, _] = both_ways(text.as_bytes(), &HrisOptions::default());
            match result {
                Ok((_, _, rows, _)) => assert!(!defects && rows.len() > 4_000),
                Err(e) => assert!(defects && e.problems.len() == 7, "{e}"),
            }

            if !defects {
                continue;
            }
            let mut bom = b"\xEF\xBB\xBF".to_vec();
            bom.extend_from_slice(text.as_bytes());
            assert_same_both_ways(&bom);

            // Windows-1252: not UTF-8, so decoded into a new string.
            let cp1252 = text.replace("Name 1", "Ren\u{e9} 1").replace("Dept 3", "Caf\u{e9} \u{20ac}");
            let bytes = encoding_rs::WINDOWS_1252.encode(&cp1252).0;
            assert!(std::str::from_utf8(&bytes).is_err());
            assert_same_both_ways(&bytes);

            let mut utf16 = vec![0xFF, 0xFE];
            for unit in text.encode_utf16() {
                utf16.extend_from_slice(&unit.to_le_bytes());
            }
            assert_same_both_ways(&utf16);
        }
        assert_same_both_ways(big_export(10_000).as_bytes());
        // Classic Mac line ends.
        assert_same_both_ways(awkward_export(5_000, false, true).replace('\n', "\r").as_bytes());
    }

    const FIXTURES: [&[u8]; 9] = [
        include_bytes!("../../tests/fixtures/hris/nl-semicolon-cp1252.csv"),
        include_bytes!("../../tests/fixtures/hris/en-bom-crlf.csv"),
        include_bytes!("../../tests/fixtures/hris/tab-iso-dates.csv"),
        include_bytes!("../../tests/fixtures/hris/defect-cycle.csv"),
        include_bytes!("../../tests/fixtures/hris/defect-duplicate-id.csv"),
        include_bytes!("../../tests/fixtures/hris/defect-unknown-manager.csv"),
        include_bytes!("../../tests/fixtures/hris/defect-missing-column.csv"),
        include_bytes!("../../tests/fixtures/hris/defect-bad-fte-date.csv"),
        include_bytes!("../../tests/fixtures/hris/defect-many.csv"),
    ];

    proptest! {
        /// Real exports with a few bytes overwritten reach the row checks far more often than
        /// random bytes do.
        #[test]
        fn never_panics_on_damaged_fixtures(
            which in 0..FIXTURES.len(),
            edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..12),
        ) {
            let mut bytes = FIXTURES[which].to_vec();
            for (at, byte) in edits {
                let at = at % bytes.len();
                bytes[at] = byte;
            }
            let _ = parse(&bytes, &HrisOptions::default());
        }

        #[test]
        fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let _ = parse(&bytes, &HrisOptions::default());
        }

        #[test]
        fn the_tokenizer_reads_random_text_as_the_csv_crate_does(
            s in "[,;\t\"\r\n a-zé€]{0,300}",
            delimiter in prop::sample::select(vec![b',', b';', b'\t']),
        ) {
            prop_assert_eq!(tokenized(&s, delimiter), csv_crate_records(&s, delimiter));
        }

        #[test]
        fn random_text_parses_the_same_in_two_halves(s in "[,;\t\"\r\na-zA-Z0-9% ]{0,600}", roots in any::<bool>()) {
            let opts = HrisOptions { external_managers_as_roots: roots, ..Default::default() };
            let [split, single] = both_ways(s.as_bytes(), &opts);
            prop_assert_eq!(split, single);
            let with_header = format!("{HEADER},FTE,Hire Date\n{s}");
            let [split, single] = both_ways(with_header.as_bytes(), &opts);
            prop_assert_eq!(split, single);
        }

        #[test]
        fn the_first_stop_byte_is_found(word in any::<[u8; 8]>(), delimiter in prop::sample::select(vec![b',', b';', b'\t'])) {
            let first = word.iter().position(|&b| b == delimiter || b == b'\n' || b == b'\r');
            let stop = first_stop_byte(u64::from_le_bytes(word), delimiter);
            prop_assert_eq!((stop != 0).then(|| stop.trailing_zeros() as usize / 8), first);
            if let Some(k) = first {
                prop_assert_eq!(stop.trailing_zeros() as usize, 8 * k + 7);
            }
        }

        #[test]
        fn fte_shortcut_reads_as_from_str(
            s in "(0{0,3}[.,][0-9]{0,17}|[0-9]{1,3}([.,][0-9]{0,16})?)( ?%)?|[0-9]{0,17}[.,]?[0-9]{0,17}",
        ) {
            prop_assert_eq!(parse_fte(&s), parse_fte_by_from_str(&s));
        }

        #[test]
        fn dates_read_as_parse_flexible(s in "[0-9]{1,4}[-/.][0-9]{1,3}[-/.][0-9]{1,4}|[0-9 T:./-]{0,12}") {
            prop_assert_eq!(parse_date(&s), Date::parse_flexible(&s));
        }

        #[test]
        fn never_panics_on_csv_like_text(s in "[,;\t\"\r\na-zA-Z0-9% ]{0,600}", roots in any::<bool>()) {
            let opts = HrisOptions { external_managers_as_roots: roots, ..Default::default() };
            let _ = parse(s.as_bytes(), &opts);
            let _ = parse(format!("{HEADER},FTE,Hire Date\n{s}").as_bytes(), &opts);
        }
    }

    // ---- CSV that would hide rows ----------------------------------------------------------

    /// The export of issue 11, byte for byte: before, it imported "2 rows" and lost 3 and 4.
    const UNCLOSED_EXPORT: &str = "Employee ID,Name,Job Title,Department,Manager ID,Location\n\
                                   1,Ann Peeters,CEO,Board,,Gent\n\
                                   2,Bart Claes,CFO,Finance,1,\"Gent\n\
                                   3,Cis Maes,Analyst,Finance,2,Gent\n\
                                   4,Dirk Jacobs,CTO,IT,1,Leuven\n";

    fn csv_problem(line: u64, problem: CsvProblem) -> Problem {
        at(line, None, ProblemKind::Csv(problem))
    }

    #[test]
    fn a_quote_never_closed_is_refused_naming_the_line_it_opens_on() {
        let p = problems(UNCLOSED_EXPORT.as_bytes());
        assert_eq!(p, [csv_problem(3, CsvProblem::UnclosedQuote)]);
        assert!(p[0].to_string().starts_with("line 3: a quote opens here and is never closed"), "{}", p[0]);
        // The same in two halves, with CRLF, at the end of a file without a final line break,
        // and in the header row.
        for split in [Some(0), None] {
            let e = parse_with(UNCLOSED_EXPORT.as_bytes(), &HrisOptions::default(), split).unwrap_err();
            assert_eq!(e.problems, [csv_problem(3, CsvProblem::UnclosedQuote)]);
        }
        let crlf = UNCLOSED_EXPORT.replace('\n', "\r\n");
        assert_eq!(problems(crlf.as_bytes()), [csv_problem(3, CsvProblem::UnclosedQuote)]);
        let last = format!("{HEADER}\n1,Ann,CEO,Board,\n2,Bob,CFO,Fin,\"1");
        assert_eq!(problems(last.as_bytes()), [csv_problem(3, CsvProblem::UnclosedQuote)]);
        let header = "\n\nEmployee ID,\"Name,Job Title,Department,Manager ID\n1,Ann,CEO,Board,\n";
        assert_eq!(problems(header.as_bytes()), [csv_problem(3, CsvProblem::UnclosedQuote)]);
        // Problems of the rows before the quote are kept; those after it are not guessed at.
        let before = format!("{HEADER}\n1,,CEO,Board,\n2,Bob,CFO,Fin,\"1\n3,Cy,CTO,Tech,9\n");
        assert_eq!(
            problems(before.as_bytes()),
            [
                at(2, Some("1"), ProblemKind::EmptyValue { field: Field::Name }),
                csv_problem(3, CsvProblem::UnclosedQuote),
            ]
        );
    }

    #[test]
    fn a_quoted_value_that_swallows_rows_is_refused() {
        // Closed at the end of a later row: the rows in between would be one value.
        let swallowed = UNCLOSED_EXPORT.replace("Leuven", "Leuven\"");
        let p = problems(swallowed.as_bytes());
        assert_eq!(p, [csv_problem(3, CsvProblem::RowInQuote { row_line: 4 })]);
        assert!(p[0].to_string().contains("runs on over line 4"), "{}", p[0]);
        // Closed by the opening quote of a later value, which text follows.
        let text = format!("{HEADER}\n1,Ann,CEO,Board,\n2,Bob,CFO,\"Fin\n3,Cy\n4,\"Ops\",1\n");
        assert_eq!(problems(text.as_bytes()), [csv_problem(3, CsvProblem::TextAfterQuote { close_line: 5 })]);
        let text = format!("{HEADER}\n1,Ann,CEO,Board,\n2,Bob,CFO,\"Fin\n3,Cy\n4,Di,COO,\"Ops\",1\n");
        assert_eq!(problems(text.as_bytes()), [csv_problem(3, CsvProblem::RowInQuote { row_line: 5 })]);
        // A row cut in two by a stray quote, its values before and after the closing quote (found
        // by the property test): the row of Cy would be part of Bob's title.
        let text = format!("{HEADER}\n1,Ann,CEO,Board,\n2,Bob,\"Fin\n3,Cy,CTO,\",Ops,1\n");
        assert_eq!(problems(text.as_bytes()), [csv_problem(3, CsvProblem::RowInQuote { row_line: 4 })]);
        // A real value over several lines, with delimiters and text after a one-line quote, is
        // read as before.
        let fine = format!(
            "{HEADER}\n1,\"Ann, Gent\nPeeters\",\"CEO\" (interim),\"Board,\nof, the, board\",\n2,Bob,CFO,Fin,1\n"
        );
        let t = ok(fine.as_bytes());
        assert_eq!(
            (t.rows[0].name.as_str(), t.rows[0].job_title.as_str()),
            ("Ann, Gent Peeters", "CEO (interim)")
        );
        assert_eq!(t.rows[0].department.as_deref(), Some("Board, of, the, board"));
        assert_eq!(t.rows.len(), 2);
    }

    #[test]
    fn a_quote_inside_an_unquoted_value_is_an_ordinary_character() {
        let text = format!("{HEADER}\n1,Ann \"the boss\" Peeters,CEO,Board,\n2,Bob 5'11\",CFO \"Fin,Fin,1\n");
        let t = ok(text.as_bytes());
        assert_eq!(t.rows[0].name, "Ann \"the boss\" Peeters");
        assert_eq!((t.rows[1].name.as_str(), t.rows[1].job_title.as_str()), ("Bob 5'11\"", "CFO \"Fin"));
    }

    #[test]
    fn nul_characters_and_byte_order_marks_inside_the_file_are_refused() {
        let nul = format!("{HEADER}\n1,Ann,CEO,Board,\n2,Bob\0,CFO,Fin,1\n");
        let p = problems(nul.as_bytes());
        assert_eq!(p, [csv_problem(3, CsvProblem::Nul)]);
        assert!(p[0].to_string().contains("NUL character"));
        // UTF-16 without a byte order mark is full of NULs.
        let utf16: Vec<u8> =
            format!("{HEADER}\n1,Ann,CEO,Board,\n").encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(problems(&utf16), [csv_problem(1, CsvProblem::Nul)]);
        // Two exports put together: the second one's byte order mark and header.
        let one = format!("\u{FEFF}{HEADER}\n1,Ann,CEO,Board,\n");
        let two = format!("{one}{}", one.replace("1,Ann", "2,Bob"));
        assert_eq!(problems(two.as_bytes()), [csv_problem(3, CsvProblem::ByteOrderMark)]);
        // In Windows-1252, the same bytes are three letters, and no problem.
        let cp1252 =
            [&b"Employee ID,Name,Job Title,Department,Manager ID\n1,\xEF\xBB\xBF\xE9,CEO,Board,\n"[..]]
                .concat();
        assert_eq!(ok(&cp1252).rows[0].name, "ï»¿é");
    }

    #[test]
    fn a_repeated_header_row_is_refused_naming_its_line() {
        let text = format!("{HEADER}\n1,Ann,CEO,Board,\n\n{HEADER}\n2,Bob,CFO,Fin,1\n");
        let p = problems(text.as_bytes());
        assert_eq!(p, [csv_problem(4, CsvProblem::RepeatedHeader)]);
        assert!(p[0].to_string().contains("repeats the header row"));
        // Also in another order or with other known names, and with mapped names.
        let other =
            format!("{HEADER}\n1,Ann,CEO,Board,\nNaam,Personeelsnummer,Functie,Afdeling,Leidinggevende\n");
        assert_eq!(problems(other.as_bytes()), [csv_problem(3, CsvProblem::RepeatedHeader)]);
        let opts = HrisOptions { map: vec![(Field::EmployeeId, "Nr".into())], ..Default::default() };
        let mapped = "Nr,Name,Job Title,Department,Manager ID\n1,Ann,CEO,Board,\nNr,Name,Job Title,Department,Manager ID\n";
        assert_eq!(problems_with(mapped.as_bytes(), &opts), [csv_problem(3, CsvProblem::RepeatedHeader)]);
        // People whose title is a header's name are people.
        let t = ok(format!("{HEADER}\n1,Ann,Manager,Board,\nE2,Name,Title,Department,1\n").as_bytes());
        assert_eq!(t.rows.len(), 2);
    }

    #[test]
    fn a_row_with_more_values_than_the_header_is_refused_naming_its_line() {
        // "Claes, Bart" without quotes shifts every value after it.
        let text = format!("{HEADER}\n1,Ann,CEO,Board,\n2,Claes, Bart,CFO,Fin,1\n");
        let p = problems(text.as_bytes());
        // (The shifted values have problems of their own: manager id "Fin".)
        assert_eq!(
            p[0],
            at(3, Some("2"), ProblemKind::Csv(CsvProblem::TooManyValues { values: 6, columns: 5 }))
        );
        assert!(p[0].to_string().contains("the row has 6 values but the header has 5 columns"), "{}", p[0]);
        assert_eq!(
            CsvProblem::TooManyValues { values: 2, columns: 1 }.msg().say(crate::i18n::Lang::Nl),
            "de rij heeft 2 waarden maar de kopregel heeft er 1 kolom: een waarde bevat wellicht het \
             scheidingsteken zonder aanhalingstekens errond, of een aanhalingsteken staat verkeerd; zet \
             zo'n waarde tussen aanhalingstekens, of verwijder de extra waarden"
        );
        // Trailing empty values are fine.
        assert_eq!(ok(format!("{HEADER}\n1,Ann,CEO,Board,,, ,\n").as_bytes()).rows.len(), 1);
    }

    /// A value for the property test, written as a spreadsheet writes it.
    fn quoted(value: &str) -> String {
        if value.contains([',', '"', '\n', '\r']) || value.starts_with(' ') {
            format!("\"{}\"", value.replace('"', "\"\""))
        } else {
            value.to_owned()
        }
    }

    /// A mistake made to a well-formed export: a quote, a delimiter or a line break put in, or a
    /// character taken out, at a place in the file.
    #[derive(Clone, Debug)]
    enum Mistake {
        Insert(usize, char),
        Remove(usize),
    }

    fn mistake() -> impl Strategy<Value = Mistake> {
        prop_oneof![
            3 => (any::<usize>(), Just('"')).prop_map(|(at, c)| Mistake::Insert(at, c)),
            1 => (any::<usize>(), prop::sample::select(vec![',', '\n', '\r', ' '])).prop_map(|(at, c)| Mistake::Insert(at, c)),
            2 => any::<usize>().prop_map(Mistake::Remove),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// An export with quoting mistakes is refused naming a line, or every row of it is
        /// imported: exactly the rows the `csv` crate reads (blank ones skipped), with the same
        /// employee ids, and never fewer than the export had before the mistakes.
        #[test]
        fn quoting_mistakes_never_hide_rows(
            values in proptest::collection::vec(("[A-Za-z]{1,6}", "[A-Za-z ,\"\n]{1,10}", "[A-Za-z ,\"]{1,8}"), 1..12),
            blank_after in proptest::collection::vec(any::<bool>(), 12),
            mistakes in proptest::collection::vec(mistake(), 0..4),
        ) {
            let mut text = format!("{HEADER}\n");
            for (i, (name, title, department)) in values.iter().enumerate() {
                let manager = if i == 0 { String::new() } else { format!("E{}", i / 2) };
                let row = [format!("E{i}"), quoted(name), quoted(title), quoted(department), manager];
                text.push_str(&row.join(","));
                text.push('\n');
                if blank_after[i] {
                    text.push_str(if i % 2 == 0 { "\n" } else { ",,,,\n" });
                }
            }
            for m in &mistakes {
                match *m {
                    Mistake::Insert(at, c) => text.insert(at % (text.len() + 1), c),
                    Mistake::Remove(at) if !text.is_empty() => {
                        text.remove(at % text.len());
                    }
                    Mistake::Remove(_) => {}
                }
            }
            let records: Vec<Vec<String>> = csv_crate_records(&text, b',')
                .into_iter()
                .map(|(_, fields)| fields)
                .filter(|fields| fields.iter().any(|f| !f.trim().is_empty()))
                .collect();
            for split in [Some(0), None] {
                match parse_with(text.as_bytes(), &HrisOptions::default(), split) {
                    Err(e) => prop_assert!(
                        e.problems.iter().all(|p| p.line.is_some()),
                        "a problem without a line: {e}\n{text:?}"
                    ),
                    Ok(t) => {
                        // A mistake can make one row two well-formed ones (a value's line break
                        // no longer quoted), never fewer rows.
                        prop_assert!(t.rows.len() >= values.len(), "rows lost:\n{:?}", text);
                        let ids: Vec<String> = records[1..].iter().map(|r| clean(&r[0]).into_owned()).collect();
                        let got: Vec<String> = t.rows.iter().map(|r| r.employee_id.clone()).collect();
                        prop_assert_eq!(got, ids, "not the rows the csv crate reads:\n{:?}", text);
                    }
                }
            }
        }
    }

    // ---- A refused import's problems are bounded ------------------------------------------

    /// 200,000 rows repeating one employee id: 199,999 problems, of which the first 100 are
    /// named and the rest counted, in a message of a few kilobytes.
    #[test]
    fn a_refused_import_names_the_first_problems_and_counts_the_rest() {
        let mut text = format!("{HEADER}\n");
        for i in 0..200_000 {
            text.push_str(&format!("7,Person {i},Clerk,Ops,\n"));
        }
        for split in [Some(0), None] {
            let e = parse_with(text.as_bytes(), &HrisOptions::default(), split).unwrap_err();
            assert_eq!(e.total(), 199_999);
            assert_eq!(e.problems.len(), crate::import::bounded::KEPT);
            assert_eq!(e.more, [(ProblemClass::DuplicateEmployeeId, 199_899)]);
            // The first by line, the row on line 2 being the first with the id.
            let lines: Vec<u64> = e.problems.iter().map(|p| p.line.unwrap()).collect();
            assert_eq!(lines, (3..103).collect::<Vec<u64>>());
            let message = e.to_string();
            assert!(message.len() < 25_000, "{} bytes", message.len());
            assert!(message
                .starts_with("the HR export was not imported: 199,999 problems\nline 3 (employee 7): "));
            assert!(
                message.ends_with("\nand 199,899 more: 199,899 duplicate employee ids"),
                "{}",
                &message[message.len() - 200..]
            );
        }
        // Kinds are counted apart, the most frequent first, and in Dutch too.
        let mut text = format!("{HEADER},FTE\n");
        for i in 0..300 {
            text.push_str(&format!(
                "{},Person {i},Clerk,Ops,{},{}\n",
                i % 150,
                if i == 0 { "" } else { "X" },
                if i % 3 == 0 { "2" } else { "" }
            ));
        }
        let e = problems_and_more(text.as_bytes());
        assert_eq!(e.total(), 150 + 299 + 100);
        let kinds: Vec<ProblemClass> = e.more.iter().map(|(c, _)| *c).collect();
        assert_eq!(
            kinds,
            [ProblemClass::UnknownManager, ProblemClass::DuplicateEmployeeId, ProblemClass::InvalidFte]
        );
        let more = more_msg(&e.more).unwrap();
        assert!(
            more.say(crate::i18n::Lang::Nl).starts_with("en nog 449: "),
            "{}",
            more.say(crate::i18n::Lang::Nl)
        );
        assert!(more.say(crate::i18n::Lang::Nl).contains("onbekende leidinggevenden"));
    }

    fn problems_and_more(bytes: &[u8]) -> HrisError {
        parse(bytes, &HrisOptions::default()).unwrap_err()
    }

    #[test]
    fn values_over_their_limit_are_refused_naming_the_row() {
        use crate::limits::{Field as Text, TooLong};
        let title = "T".repeat(1 << 20);
        let text = format!("{HEADER}\n1,Ann,CEO,Board,\n2,Bob,{title},Fin,1\n");
        let too_long = TooLong { field: Text::RoleTitle, limit: 200, length: 1 << 20 };
        let p = problems(text.as_bytes());
        assert_eq!(p, [at(3, Some("2"), ProblemKind::TooLong(too_long))]);
        assert_eq!(
            p[0].to_string(),
            "line 3 (employee 2): A role's title is 1,048,576 characters long, more than the limit of 200; shorten it"
        );
        assert_eq!(ok(format!("{HEADER}\n1,Ann,{},Board,\n", "T".repeat(200)).as_bytes()).rows.len(), 1);
    }
}

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

use crate::date::Date;
use crate::model::Fte;
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
    pub problems: Vec<Problem>,
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
    /// The csv reader gave up (in practice unreachable with in-memory UTF-8 input, kept so that no
    /// failure goes unreported).
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
        let n = self.problems.len();
        write!(f, "the HR export was not imported: {n} problem{}", if n == 1 { "" } else { "s" })?;
        for p in &self.problems {
            write!(f, "\n{p}")?;
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
pub fn parse(bytes: &[u8], opts: &HrisOptions) -> Result<HrisTable, HrisError> {
    let (text, encoding) = decode(bytes);
    // The csv reader ends a record at a bare CR but counts lines by LF only, so a file with classic
    // Mac line ends gets LFs to keep the line numbers right.
    let text: Cow<str> =
        if text.contains('\r') && !text.contains('\n') { Cow::Owned(text.replace('\r', "\n")) } else { text };
    let Some(delimiter) = detect_delimiter(&text) else {
        let empty = Problem { line: None, employee_id: None, kind: ProblemKind::EmptyFile };
        return Err(HrisError { problems: vec![empty] });
    };
    let mut reader = Records::new(&text, delimiter);
    match reader.run(opts) {
        Ok((rows, external_managers)) => Ok(HrisTable { encoding, delimiter, rows, external_managers }),
        Err(mut problems) => {
            // A stable sort keeps the problems of one line in the order the row was checked.
            problems.sort_by_key(|p| p.line.unwrap_or(0));
            Err(HrisError { problems })
        }
    }
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
fn detect_delimiter(text: &str) -> Option<u8> {
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
fn header_key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Trims a value; a line break inside it (a multi-line spreadsheet cell) becomes one space, since
/// names and titles are shown on one line.
fn clean(s: &str) -> Cow<'_, str> {
    let t = s.trim();
    // A byte scan: far cheaper than a char pattern on every cell of a large export.
    if !t.bytes().any(|b| b == b'\r' || b == b'\n') {
        return Cow::Borrowed(t);
    }
    let parts: Vec<&str> = t.split(['\r', '\n']).map(str::trim).filter(|p| !p.is_empty()).collect();
    Cow::Owned(parts.join(" "))
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
    let (mut digits, mut separators) = (0, 0);
    for (slot, &c) in buf.iter_mut().zip(b) {
        *slot = match c {
            b'0'..=b'9' => {
                digits += 1;
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
    let v: f64 = std::str::from_utf8(&buf[..b.len()]).ok()?.parse().ok()?;
    Fte::new(if percent { v / 100.0 } else { v })
}

/// Turns the byte offsets of records into physical line numbers. Offsets only grow, so the
/// newlines are counted once over the whole input.
struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: u64,
}

impl LineCounter<'_> {
    /// The line of the record that the csv reader started reading at `offset`. The reader's own
    /// start position lies before any blank lines it skipped (and possibly before the LF of the
    /// previous record's CRLF), so line breaks at the offset are passed over first.
    fn line_at(&mut self, offset: usize) -> u64 {
        let mut start = offset.clamp(self.pos, self.bytes.len());
        while start < self.bytes.len() && matches!(self.bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        self.line += count_newlines(&self.bytes[self.pos..start]) as u64;
        self.pos = start;
        self.line
    }
}

/// Counts the LF bytes. Summing in `u8` over chunks of at most 255 bytes lets the compiler compare
/// a whole vector register of bytes at a time; a plain `filter().count()` widens every byte to a
/// `usize` lane and is about ten times slower on an 8 MB export.
fn count_newlines(bytes: &[u8]) -> usize {
    bytes.chunks(255).map(|chunk| chunk.iter().map(|&b| u8::from(b == b'\n')).sum::<u8>() as usize).sum()
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
}

impl Layout {
    fn column(&self, field: Field) -> Option<usize> {
        self.columns[field as usize]
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
                Ok(Layout { columns, name, required, header_fields: header.len() })
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

/// The record-by-record pass over the decoded text.
struct Records<'a> {
    reader: csv::Reader<&'a [u8]>,
    lines: LineCounter<'a>,
    record: csv::StringRecord,
}

impl<'a> Records<'a> {
    fn new(text: &'a str, delimiter: u8) -> Records<'a> {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        Records {
            reader,
            lines: LineCounter { bytes: text.as_bytes(), pos: 0, line: 1 },
            record: csv::StringRecord::new(),
        }
    }

    /// Reads the next record that is not blank into `self.record` and returns its line, `Ok(None)`
    /// at the end.
    fn next(&mut self) -> Result<Option<u64>, Problem> {
        loop {
            match self.reader.read_record(&mut self.record) {
                Ok(true) => {}
                Ok(false) => return Ok(None),
                Err(e) => {
                    let line = e.position().map(|p| self.lines.line_at(p.byte() as usize));
                    let kind = ProblemKind::Unreadable { message: e.to_string() };
                    return Err(Problem { line, employee_id: None, kind });
                }
            }
            let offset = self.record.position().map_or(0, |p| p.byte() as usize);
            let line = self.lines.line_at(offset);
            if self.record.iter().any(|f| !f.trim().is_empty()) {
                return Ok(Some(line));
            }
        }
    }

    /// Reads the header and every row, then checks the reporting lines. Returns the rows and
    /// the rows made top-level, as for [`HrisTable`].
    fn run(&mut self, opts: &HrisOptions) -> Result<Parsed, Vec<Problem>> {
        let Some(header_line) = self.next().map_err(|p| vec![p])? else {
            return Err(vec![Problem { line: None, employee_id: None, kind: ProblemKind::EmptyFile }]);
        };
        let header: Vec<String> = self.record.iter().map(|h| clean(h).into_owned()).collect();
        let layout = Layout::from_header(&header, opts, header_line)?;

        let mut problems = Vec::new();
        // Growing a vector of 100,000 rows by doubling copies it many times; the number of line
        // breaks left is a close upper bound on the number of rows. It is capped by the bytes
        // left, so that a spreadsheet's thousands of empty trailing rows reserve little.
        let rest = self.lines.bytes.get(self.reader.position().byte() as usize..).unwrap_or_default();
        let mut rows = Vec::with_capacity(count_newlines(rest).min(rest.len() / 16) + 1);
        loop {
            let line = match self.next() {
                Ok(Some(line)) => line,
                Ok(None) => break,
                Err(p) => {
                    problems.push(p);
                    break;
                }
            };
            rows.push(read_row(&self.record, &layout, line, &mut problems));
        }
        if rows.capacity() > 2 * rows.len() + 16 {
            rows.shrink_to_fit();
        }
        if rows.is_empty() && problems.is_empty() {
            problems.push(Problem {
                line: Some(header_line),
                employee_id: None,
                kind: ProblemKind::NoEmployees,
            });
        }
        let external = check_managers(&mut rows, opts, &mut problems);
        if problems.is_empty() {
            Ok((rows, external))
        } else {
            Err(problems)
        }
    }
}

/// Builds the row from a record, adding its own problems (those that need no other row).
fn read_row(record: &csv::StringRecord, layout: &Layout, line: u64, problems: &mut Vec<Problem>) -> HrisRow {
    // `None`: the row is too short to have the column; `Some("")`: the value is empty.
    let value = |field: Field| layout.column(field).and_then(|j| record.get(j)).map(clean);
    let employee_id = value(Field::EmployeeId).unwrap_or_default().into_owned();
    let problem = |kind| Problem {
        line: Some(line),
        employee_id: (!employee_id.is_empty()).then(|| employee_id.clone()),
        kind,
    };

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
        NameColumns::Single(j) => record.get(j).map(clean).unwrap_or_default().into_owned(),
        NameColumns::Split(first, last) => {
            let first = record.get(first).map(clean).unwrap_or_default();
            let last = record.get(last).map(clean).unwrap_or_default();
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
        let date = Date::parse_flexible(&v);
        if date.is_none() {
            problems.push(problem(ProblemKind::InvalidHireDate { value: v.into_owned() }));
        }
        date
    });
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
    problems: &mut Vec<Problem>,
) -> Vec<(u64, String, String)> {
    let mut to_root = Vec::new();
    {
        let rows: &[HrisRow] = rows;
        let problem = |row: &HrisRow, kind| Problem {
            line: Some(row.line),
            employee_id: (!row.employee_id.is_empty()).then(|| row.employee_id.clone()),
            kind,
        };
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(rows.len());
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
        // A row that stops before the optional columns is fine; one with an extra field too.
        let eva = row(&t, "104");
        assert_eq!((eva.fte, eva.hire_date, eva.location.as_deref()), (None, None, Some("Amsterdam")));
        assert_eq!(row(&t, "105").fte, fte(0.4));
        assert_eq!(row(&t, "105").line, 7);
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
        let err = HrisError { problems: p };
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
            let fte = if i % 5 == 0 { "0,8" } else { "1" };
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
        fn never_panics_on_csv_like_text(s in "[,;\t\"\r\na-zA-Z0-9% ]{0,600}", roots in any::<bool>()) {
            let opts = HrisOptions { external_managers_as_roots: roots, ..Default::default() };
            let _ = parse(s.as_bytes(), &opts);
            let _ = parse(format!("{HEADER},FTE,Hire Date\n{s}").as_bytes(), &opts);
        }
    }
}

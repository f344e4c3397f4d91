//! Every word Kader's engine, server and CLI say to a user, in English and Dutch (nl-BE), from
//! one catalogue.
//!
//! A message is a variant of [`Msg`], declared once in the [`catalogue!`] below with its English
//! and its Dutch text; a message without either does not compile. The arguments are typed fields
//! of the variant; [`Msg::say`] words the message in a [`Lang`], and `Display` is English (what
//! logs and `{err}` in tests show).
//!
//! ```text
//! /// Shown when … (who reads it, when).
//! RowsRead { n: usize, file: String }
//!     en: { format!("{} read from {file}", count(Lang::En, *n, "row", "rows")) }
//!     nl: { format!("{} gelezen uit {file}", count(Lang::Nl, *n, "rij", "rijen")) }
//! ```
//!
//! A text is either a format string literal, whose `{placeholders}` name the arguments, or a
//! block (an expression of type `String`) for anything more: plurals through [`count`] /
//! [`plural`] (the CLDR rules of each language, never `n == 1`), a nested message worded with
//! `inner.say(Lang::Nl)`. The test at the bottom words every message ([`Msg::samples`]) in both
//! languages and checks that neither text is empty, that the two differ, and that both use the
//! same placeholders and arguments.
//!
//! Vocabulary (see `docs/glossary.md`): decision domain = "beslissingsdomein", span of control =
//! "leidingsspanne", manager(s) = "leidinggevende(n)", role = "rol", team = "team", proposal =
//! "voorstel", facilitator = "facilitator", workspace = "werkruimte". Dutch is Flemish: "u" in
//! instructions, no Netherlands-only idiom.
//!
//! Adding messages: add them in the section of your area (keep a block of your own, so that
//! merges stay easy); a new section goes at the end.

use std::fmt;

/// A language Kader speaks. English is the default wherever no language is asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English. In exports: English headers and level names, `,`-separated, UTF-8.
    #[default]
    En,
    /// Dutch (Flemish). In exports: Dutch headers and level names, `;`-separated (what Excel in
    /// Flanders and the Netherlands opens directly), UTF-8 with a byte order mark (so that Excel
    /// reads the accents).
    Nl,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Nl];

    /// The language's code, as the UI, the API and `--lang` spell it: "en" or "nl".
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
        }
    }

    /// The language of a BCP 47 tag or a POSIX locale name: "nl", "nl-BE", "NL_be", "nl_BE.UTF-8",
    /// "en-GB", "en_US@euro". `None` for a language Kader does not speak (and for "C"/"POSIX").
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_', '.', '@']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("nl") {
            Some(Lang::Nl)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The preferred language of an HTTP `Accept-Language` header ("nl-BE,nl;q=0.9,en;q=0.8"):
    /// the supported language with the highest quality, the first listed among equals; a range
    /// with `q=0` is refused, `*` is ignored. `None` when the header names no language Kader
    /// speaks.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(Lang, u16)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::from_tag) else { continue };
            let mut q = 1000u16;
            for param in parts {
                let Some((k, v)) = param.split_once('=') else { continue };
                if k.trim().eq_ignore_ascii_case("q") {
                    q = parse_quality(v.trim()).unwrap_or(0);
                }
            }
            if q > 0 && best.is_none_or(|(_, b)| q > b) {
                best = Some((lang, q));
            }
        }
        best.map(|(lang, _)| lang)
    }

    /// The language of the process's locale: the first non-empty of `LC_ALL`, `LC_MESSAGES` and
    /// `LANG` (POSIX order), English when that is not a language Kader speaks.
    pub fn from_env() -> Lang {
        Lang::from_env_with(|k| std::env::var(k).ok())
    }

    /// [`Lang::from_env`] over any source of variables (for tests).
    pub fn from_env_with(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| var(k).filter(|v| !v.trim().is_empty()))
            .and_then(|v| Lang::from_tag(&v))
            .unwrap_or_default()
    }

    /// The CLDR plural category of a whole number `n` in this language. English and Dutch share
    /// the rule "one: i = 1 and v = 0", everything else "other" (0 is "other": "0 rows", "0 rijen").
    pub fn plural(self, n: impl Count) -> Plural {
        let n = n.count();
        match self {
            Lang::En | Lang::Nl => {
                if n.unsigned_abs() == 1 {
                    Plural::One
                } else {
                    Plural::Other
                }
            }
        }
    }
}

/// A quality value of `Accept-Language` ("1", "0.8", "0.125") in thousandths.
fn parse_quality(v: &str) -> Option<u16> {
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{frac:0<3}").parse::<u16>().ok()?;
    match int {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    /// "en", "nl", or any tag [`Lang::from_tag`] reads ("nl-BE").
    fn from_str(s: &str) -> Result<Lang, String> {
        Lang::from_tag(s).ok_or_else(|| format!("unknown language {s:?}: use en or nl"))
    }
}

/// A CLDR plural category. English and Dutch use only these two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    One,
    Other,
}

/// A whole number something can be counted with.
pub trait Count: Copy {
    fn count(self) -> i128;
}

macro_rules! counts {
    ($($t:ty),*) => {
        $(
            impl Count for $t {
                fn count(self) -> i128 {
                    self as i128
                }
            }
            impl Count for &$t {
                fn count(self) -> i128 {
                    *self as i128
                }
            }
        )*
    };
}
counts!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// The word of `n` things in `lang`: `one` or `other` by the language's plural rule.
pub fn plural<'a>(lang: Lang, n: impl Count, one: &'a str, other: &'a str) -> &'a str {
    match lang.plural(n) {
        Plural::One => one,
        Plural::Other => other,
    }
}

/// "1 row", "2 rows", "1 rij", "2 rijen": the number and its word.
pub fn count(lang: Lang, n: impl Count, one: &str, other: &str) -> String {
    format!("{} {}", n.count(), plural(lang, n, one, other))
}

/// A whole number with its thousands grouped as the language writes them: "1,599,900" in
/// English, "1.599.900" in Dutch.
pub fn number(lang: Lang, n: impl Count) -> String {
    let n = n.count();
    let digits = n.unsigned_abs().to_string();
    let separator = match lang {
        Lang::En => ',',
        Lang::Nl => '.',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// [`count`] with the number grouped by [`number`]: "1,599,900 rows", "1.599.900 rijen".
pub fn count_grouped(lang: Lang, n: impl Count, one: &str, other: &str) -> String {
    format!("{} {}", number(lang, n), plural(lang, n, one, other))
}

/// The text with its first letter in capitals.
pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A value a message's argument can take in [`Msg::samples`].
pub trait Sample {
    fn sample(name: &'static str, k: usize) -> Self;
}
impl Sample for String {
    fn sample(name: &'static str, _: usize) -> String {
        format!("‹{name}›")
    }
}
impl Sample for &'static str {
    fn sample(name: &'static str, _: usize) -> &'static str {
        name
    }
}
macro_rules! samples {
    ($($t:ty),*) => {
        $(impl Sample for $t {
            fn sample(_: &'static str, k: usize) -> $t {
                k as $t
            }
        })*
    };
}
samples!(u8, u16, u32, u64, usize, i32, i64);
impl Sample for Box<Msg> {
    fn sample(_: &'static str, k: usize) -> Box<Msg> {
        Box::new(Msg::Rows { n: k })
    }
}
impl<T: Sample> Sample for Option<T> {
    fn sample(name: &'static str, k: usize) -> Option<T> {
        Some(T::sample(name, k))
    }
}
impl<T: Sample> Sample for Vec<T> {
    fn sample(name: &'static str, k: usize) -> Vec<T> {
        (0..k.max(1)).map(|_| T::sample(name, k)).collect()
    }
}

/// One text of a message: a format string literal (its placeholders capture the arguments) or a
/// block evaluating to a `String`.
macro_rules! text {
    ($l:literal) => {
        format!($l)
    };
    ($b:block) => {
        $b
    };
}

/// The catalogue's syntax: `Name { arg: Type, … } en: TEXT nl: TEXT`, with doc comments.
macro_rules! catalogue {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident $({ $($arg:ident : $ty:ty),* $(,)? })?
            en: $en:tt
            nl: $nl:tt
    )*) => {
        /// A message of the catalogue (see the module documentation).
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum Msg {
            $( $(#[doc = $doc])* $name $({ $($arg: $ty),* })?, )*
        }

        impl Msg {
            /// The message in `lang`.
            #[allow(unused_variables)]
            pub fn say(&self, lang: Lang) -> String {
                match self {
                    $( Msg::$name $({ $($arg),* })? => match lang {
                        Lang::En => text!($en),
                        Lang::Nl => text!($nl),
                    }, )*
                }
            }

            /// The message's name in the catalogue ("Rows").
            pub fn key(&self) -> &'static str {
                match self {
                    $( Msg::$name { .. } => stringify!($name), )*
                }
            }

            /// One instance of every message, its numbers `k` (for tests: 0, 1 and 2 exercise the
            /// plural forms).
            pub fn samples(k: usize) -> Vec<Msg> {
                vec![$( Msg::$name $({ $($arg: Sample::sample(stringify!($arg), k)),* })?, )*]
            }

            /// The source of the message's texts and its argument names (for the catalogue's test).
            #[doc(hidden)]
            pub fn source(&self) -> (&'static str, &'static str, &'static [&'static str]) {
                match self {
                    $( Msg::$name { .. } => (
                        stringify!($en),
                        stringify!($nl),
                        &[$($(stringify!($arg)),*)?],
                    ), )*
                }
            }
        }
    };
}

impl fmt::Display for Msg {
    /// English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

catalogue! {
    // ---- Counts used across areas ----
    /// A number of rows of a file ("3 rows").
    Rows { n: usize }
        en: { count(Lang::En, *n, "row", "rows") }
        nl: { count(Lang::Nl, *n, "rij", "rijen") }
    /// A number of people ("3 people").
    People { n: usize }
        en: { count(Lang::En, *n, "person", "people") }
        nl: { count(Lang::Nl, *n, "persoon", "personen") }
    /// A number of roles.
    Roles { n: usize }
        en: { count(Lang::En, *n, "role", "roles") }
        nl: { count(Lang::Nl, *n, "rol", "rollen") }
    /// A number of teams.
    Teams { n: usize }
        en: { count(Lang::En, *n, "team", "teams") }
        nl: { count(Lang::Nl, *n, "team", "teams") }

    // ---- Imports: mistakes in the CSV itself (HR export and decision matrix) ----
    // Each follows "line N: " (the line where the mistake starts) in the list of problems.
    /// A quote opens a value and is never closed.
    CsvUnclosedQuote
        en: "a quote opens here and is never closed, so the rest of the file would be read as one value and the rows below it would be lost; close the quote or remove it, and import again"
        nl: "hier opent een aanhalingsteken dat nergens gesloten wordt, waardoor de rest van het bestand als één waarde gelezen zou worden en de rijen eronder verloren zouden gaan; sluit het aanhalingsteken of verwijder het, en importeer opnieuw"
    /// A quoted value runs on over a line that looks like a row of its own.
    CsvRowInQuote { row_line: u64 }
        en: "a value in quotes opens here and runs on over line {row_line}, which looks like a row of its own, so that row would be lost: a closing quote is probably missing; close the value's quote where the value ends"
        nl: "een waarde tussen aanhalingstekens opent hier en loopt door over regel {row_line}, die eruitziet als een eigen rij, zodat die rij verloren zou gaan: er ontbreekt wellicht een sluitend aanhalingsteken; sluit de waarde af waar ze eindigt"
    /// A quoted value over several lines is closed by a quote that text follows.
    CsvTextAfterQuote { close_line: u64 }
        en: "a value in quotes opens here and is only closed on line {close_line}, with more text after its closing quote: a quote is probably missing or misplaced, and the rows in between would be lost; check the quotes from this line on"
        nl: "een waarde tussen aanhalingstekens opent hier en wordt pas gesloten op regel {close_line}, met nog tekst na het sluitende aanhalingsteken: er ontbreekt wellicht een aanhalingsteken of het staat verkeerd, en de rijen ertussen zouden verloren gaan; controleer de aanhalingstekens vanaf deze regel"
    /// A row with more values than the header has columns.
    CsvTooManyValues { values: usize, columns: usize }
        en: { format!(
            "the row has {} but the header has {}: a value probably holds the delimiter without quotes around it, or a quote is misplaced; put quotes around such a value, or remove the extra values",
            count(Lang::En, *values, "value", "values"),
            count(Lang::En, *columns, "column", "columns")
        ) }
        nl: { format!(
            "de rij heeft {} maar de kopregel heeft er {}: een waarde bevat wellicht het scheidingsteken zonder aanhalingstekens errond, of een aanhalingsteken staat verkeerd; zet zo'n waarde tussen aanhalingstekens, of verwijder de extra waarden",
            count(Lang::Nl, *values, "waarde", "waarden"),
            count(Lang::Nl, *columns, "kolom", "kolommen")
        ) }
    /// A row that is the header row again.
    CsvRepeatedHeader
        en: "the row repeats the header row: the file is probably two exports put together; remove this row, and check that no rows appear twice"
        nl: "de rij herhaalt de kopregel: het bestand bestaat wellicht uit twee exports achter elkaar; verwijder deze rij en controleer dat er geen rijen dubbel in staan"
    /// A NUL character in the file.
    CsvNul
        en: "the line holds a NUL character (byte 0): the file is damaged or is not a text file (UTF-16 without a byte order mark?); save it again as CSV (UTF-8) and import that"
        nl: "de regel bevat een NUL-teken (byte 0): het bestand is beschadigd of is geen tekstbestand (UTF-16 zonder byte order mark?); sla het opnieuw op als CSV (UTF-8) en importeer dat"
    /// A byte order mark after the start of the file.
    CsvByteOrderMark
        en: "the line holds a byte order mark (U+FEFF), which belongs only at the very start of a file: the file is probably two files put together; remove it (and a second header row), or export again as one file"
        nl: "de regel bevat een byte order mark (U+FEFF), die alleen helemaal vooraan in een bestand hoort: het bestand bestaat wellicht uit twee bestanden achter elkaar; verwijder die (en een tweede kopregel), of exporteer opnieuw als één bestand"

    // ---- Imports: a refused import's problems beyond the first ones named ----
    /// After the problems named in full: how many more, by kind ("and 1,599,900 more: …").
    MoreProblems { n: usize, kinds: Vec<Box<Msg>> }
        en: { format!(
            "and {} more: {}",
            number(Lang::En, *n),
            kinds.iter().map(|k| k.say(Lang::En)).collect::<Vec<_>>().join(", ")
        ) }
        nl: { format!(
            "en nog {}: {}",
            number(Lang::Nl, *n),
            kinds.iter().map(|k| k.say(Lang::Nl)).collect::<Vec<_>>().join(", ")
        ) }
    /// A number of problems of one kind, in [`Msg::MoreProblems`].
    MoreDuplicateEmployeeIds { n: usize }
        en: { count_grouped(Lang::En, *n, "duplicate employee id", "duplicate employee ids") }
        nl: { count_grouped(Lang::Nl, *n, "dubbel personeelsnummer", "dubbele personeelsnummers") }
    /// A number of problems of one kind, in [`Msg::MoreProblems`].
    MoreUnknownManagers { n: usize }
        en: { count_grouped(Lang::En, *n, "unknown manager id", "unknown manager ids") }
        nl: { count_grouped(Lang::Nl, *n, "onbekende leidinggevende", "onbekende leidinggevenden") }
    /// A number of problems of one kind, in [`Msg::MoreProblems`].
    MoreEmptyValues { n: usize }
        en: { count_grouped(Lang::En, *n, "empty required value", "empty required values") }
        nl: { count_grouped(Lang::Nl, *n, "lege verplichte waarde", "lege verplichte waarden") }
    /// A number of problems of one kind, in [`Msg::MoreProblems`].
    MoreShortRows { n: usize }
        en: { count_grouped(Lang::En, *n, "row too short", "rows too short") }
        nl: { count_grouped(Lang::Nl, *n, "te korte rij", "te korte rijen") }
    /// A number of problems of one kind, in [`Msg::MoreProblems`].
    MoreLongRows { n: usize }
        en: { count_grouped(Lang::En, *n, "row with too many values", "rows with too many values") }
        nl: { count_grouped(Lang::Nl, *n, "rij met te veel waarden", "rijen met te veel waarden") }
    /// A number of problems of one kind, in [`Msg::MoreProblems`].
    MoreInvalidFtes { n: usize }
        en: { count_grouped(Lang::En, *n, "invalid FTE", "invalid FTEs") }
        nl: { count_grouped(Lang::Nl, *n, "ongeldige FTE", "ongeldige FTE's") }
    /// A number of problems of one kind, in [`Msg::MoreProblems`].
    MoreInvalidHireDates { n: usize }
        en: { count_grouped(Lang::En, *n, "invalid hire date", "invalid hire dates") }
        nl: { count_grouped(Lang::Nl, *n, "ongeldige datum van indiensttreding", "ongeldige datums van indiensttreding") }
    /// A number of problems of one kind, in [`Msg::MoreProblems`].
    MoreOwnManagers { n: usize }
        en: { count_grouped(Lang::En, *n, "employee reporting to themselves", "employees reporting to themselves") }
        nl: { count_grouped(Lang::Nl, *n, "persoon die aan zichzelf rapporteert", "personen die aan zichzelf rapporteren") }
    /// A number of problems of one kind, in [`Msg::MoreProblems`].
    MoreReportingCycles { n: usize }
        en: { count_grouped(Lang::En, *n, "cycle of reporting lines", "cycles of reporting lines") }
        nl: { count_grouped(Lang::Nl, *n, "kring van rapportagelijnen", "kringen van rapportagelijnen") }
    /// A number of problems of one kind, in [`Msg::MoreProblems`].
    MoreRepeatedHeaders { n: usize }
        en: { count_grouped(Lang::En, *n, "repeated header row", "repeated header rows") }
        nl: { count_grouped(Lang::Nl, *n, "herhaalde kopregel", "herhaalde kopregels") }
    /// A number of problems of one kind, in [`Msg::MoreProblems`].
    MoreUnknownLevels { n: usize }
        en: { count_grouped(Lang::En, *n, "unknown delegation level", "unknown delegation levels") }
        nl: { count_grouped(Lang::Nl, *n, "onbekend delegatieniveau", "onbekende delegatieniveaus") }
    /// A number of problems of one kind, in [`Msg::MoreProblems`].
    MoreUnknownSubjects { n: usize }
        en: { count_grouped(Lang::En, *n, "unknown team or role", "unknown teams or roles") }
        nl: { count_grouped(Lang::Nl, *n, "onbekend team of onbekende rol", "onbekende teams of rollen") }
    /// A number of problems of one kind, in [`Msg::MoreProblems`].
    MoreDuplicateEntries { n: usize }
        en: { count_grouped(Lang::En, *n, "repeated team or role of a domain", "repeated teams or roles of a domain") }
        nl: { count_grouped(Lang::Nl, *n, "herhaald team of herhaalde rol van een beslissingsdomein", "herhaalde teams of rollen van een beslissingsdomein") }
    /// A number of problems of one kind, in [`Msg::MoreProblems`].
    MoreRowsWithoutLevel { n: usize }
        en: { count_grouped(Lang::En, *n, "row without a level", "rows without a level") }
        nl: { count_grouped(Lang::Nl, *n, "rij zonder niveau", "rijen zonder niveau") }
    /// A number of problems of one kind, in [`Msg::MoreProblems`].
    MoreRowsWithoutDomain { n: usize }
        en: { count_grouped(Lang::En, *n, "row without a decision domain", "rows without a decision domain") }
        nl: { count_grouped(Lang::Nl, *n, "rij zonder beslissingsdomein", "rijen zonder beslissingsdomein") }
    /// A number of problems of one kind, in [`Msg::MoreProblems`].
    MoreOtherProblems { n: usize }
        en: { count_grouped(Lang::En, *n, "other problem", "other problems") }
        nl: { count_grouped(Lang::Nl, *n, "ander probleem", "andere problemen") }

    // ---- Limits on the length of texts (src/limits.rs) ----
    /// A text over its limit, naming the field, the limit and the length.
    TextTooLong { field: Box<Msg>, limit: usize, length: usize }
        en: { format!(
            "{} is {} long, more than the limit of {}; shorten it",
            capitalize(&field.say(Lang::En)),
            count_grouped(Lang::En, *length, "character", "characters"),
            number(Lang::En, *limit)
        ) }
        nl: { format!(
            "{} is {} lang, meer dan de limiet van {}; maak de tekst korter",
            capitalize(&field.say(Lang::Nl)),
            count_grouped(Lang::Nl, *length, "teken", "tekens"),
            number(Lang::Nl, *limit)
        ) }
    /// The name of a text with a limit, in [`Msg::TextTooLong`].
    FieldPersonName
        en: "a person's name"
        nl: "de naam van een persoon"
    /// The name of a text with a limit, in [`Msg::TextTooLong`].
    FieldLocation
        en: "a person's location"
        nl: "de locatie van een persoon"
    /// The name of a text with a limit, in [`Msg::TextTooLong`].
    FieldEmployeeId
        en: "an employee id"
        nl: "een personeelsnummer"
    /// The name of a text with a limit, in [`Msg::TextTooLong`].
    FieldRoleTitle
        en: "a role's title"
        nl: "de titel van een rol"
    /// The name of a text with a limit, in [`Msg::TextTooLong`].
    FieldRolePurpose
        en: "a role's purpose"
        nl: "het doel van een rol"
    /// The name of a text with a limit, in [`Msg::TextTooLong`].
    FieldAccountability
        en: "an accountability"
        nl: "een verantwoordelijkheid"
    /// The name of a text with a limit, in [`Msg::TextTooLong`].
    FieldTeamName
        en: "a team's name"
        nl: "de naam van een team"
    /// The name of a text with a limit, in [`Msg::TextTooLong`].
    FieldTeamPurpose
        en: "a team's purpose"
        nl: "het doel van een team"
    /// The name of a text with a limit, in [`Msg::TextTooLong`].
    FieldDomainName
        en: "a decision domain's name"
        nl: "de naam van een beslissingsdomein"
    /// The name of a text with a limit, in [`Msg::TextTooLong`].
    FieldDriver
        en: "a decision domain's driver"
        nl: "de drijfveer van een beslissingsdomein"
    /// The name of a text with a limit, in [`Msg::TextTooLong`].
    FieldGuardrail
        en: "a guardrail"
        nl: "een randvoorwaarde"
    /// The name of a text with a limit, in [`Msg::TextTooLong`].
    FieldLevelNote
        en: "the note with a delegation level"
        nl: "de notitie bij een delegatieniveau"
    /// The name of a text with a limit, in [`Msg::TextTooLong`].
    FieldComment
        en: "a comment"
        nl: "een reactie"
    /// The name of a text with a limit, in [`Msg::TextTooLong`].
    FieldProposalTitle
        en: "a proposal's title"
        nl: "de titel van een voorstel"
    /// The name of a text with a limit, in [`Msg::TextTooLong`].
    FieldRationale
        en: "a proposal's rationale"
        nl: "de motivering van een voorstel"

    // ---- Sessions: joining ----
    /// The join code a participant typed is not the session's (or no session runs).
    JoinCodeWrong
        en: "That code is not right. Check it with the facilitator and try again."
        nl: "Die code klopt niet. Vraag de facilitator om de juiste code en probeer opnieuw."

    // ---- The workspace file: one writer at a time (`store::lock`) ----
    /// Who holds a workspace open for writing: the program, user, computer, process, since when.
    LockHolder { app: String, user: Option<String>, host: Option<String>, pid: u32, since: String }
        en: {
            let who = match (user, host) {
                (Some(user), Some(host)) => format!("{user} on {host}, "),
                (Some(user), None) => format!("{user}, "),
                (None, Some(host)) => format!("on {host}, "),
                (None, None) => String::new(),
            };
            format!("{app} ({who}process {pid}) since {since}")
        }
        nl: {
            let who = match (user, host) {
                (Some(user), Some(host)) => format!("{user} op {host}, "),
                (Some(user), None) => format!("{user}, "),
                (None, Some(host)) => format!("op {host}, "),
                (None, None) => String::new(),
            };
            format!("{app} ({who}proces {pid}) sinds {since}")
        }
    /// A second Kader tried to open a workspace for writing while another one has it open.
    WorkspaceLocked { path: String, holder: Option<Box<Msg>> }
        en: {
            let by = match holder {
                Some(h) => h.say(Lang::En),
                None => "another Kader program".to_owned(),
            };
            format!("{path} is already open for editing in {by}. Only one Kader at a time can change a workspace: close it there, or open {path} read-only to follow its changes.")
        }
        nl: {
            let by = match holder {
                Some(h) => h.say(Lang::Nl),
                None => "een ander Kader-programma".to_owned(),
            };
            format!("{path} is al geopend om te bewerken in {by}. Er kan maar één Kader tegelijk een werkruimte wijzigen: sluit het daar, of open {path} alleen-lezen om de wijzigingen te volgen.")
        }
    /// `kader serve` on a workspace another Kader edits: it serves it read-only.
    ServingReadOnly { path: String, holder: Option<Box<Msg>> }
        en: {
            let by = holder.as_ref().map_or_else(|| "another Kader program".to_owned(), |h| h.say(Lang::En));
            format!("{path} is open for editing in {by}: serving it read-only, following its changes.")
        }
        nl: {
            let by = holder.as_ref().map_or_else(|| "een ander Kader-programma".to_owned(), |h| h.say(Lang::Nl));
            format!("{path} is geopend om te bewerken in {by}: het wordt alleen-lezen gedeeld en volgt de wijzigingen.")
        }
    /// Why a workspace opened beside its writer is read-only (completes "… is open read-only: ").
    ReadOnlyBesideWriter { holder: Option<Box<Msg>> }
        en: {
            match holder {
                Some(h) => format!("{} has it open for editing; this view follows its changes", h.say(Lang::En)),
                None => "it was opened read-only; this view follows the changes of the Kader that edits it".to_owned(),
            }
        }
        nl: {
            match holder {
                Some(h) => format!("{} heeft het open om te bewerken; deze weergave volgt de wijzigingen", h.say(Lang::Nl)),
                None => "het is alleen-lezen geopend; deze weergave volgt de wijzigingen van de Kader die het bewerkt".to_owned(),
            }
        }

    // ---- Sessions: what a participant may change, delegation poker ----
    /// A participant (structural changes allowed) sent a bulk operation (`load` / `unload`, or a
    /// batch containing one): replacing or emptying the organization is the facilitator's.
    ParticipantBulkChange
        en: "Replacing or emptying the organization (an import, a restore, adding or removing in bulk) is for the facilitator only. Ask the facilitator to do it."
        nl: "De organisatie vervangen of leegmaken (een import, een herstel, iets in bulk toevoegen of verwijderen) kan alleen de facilitator. Vraag het aan de facilitator."
    /// The note on a delegation entry when the level agreed in delegation poker is recorded as
    /// the desired level. `round` > 1 after a second round for outliers.
    PokerAgreedDesired { code: String, round: u32, cards: String }
        en: { format!("Delegation poker in session {code}{}: cards {cards}. Agreed as the desired level.", if *round > 1 { format!(", round {round}") } else { String::new() }) }
        nl: { format!("Delegatiepoker in sessie {code}{}: kaarten {cards}. Afgesproken als gewenst niveau.", if *round > 1 { format!(", ronde {round}") } else { String::new() }) }
    /// The note when the agreed level takes effect now (recorded as the current level).
    PokerAgreedNow { code: String, round: u32, cards: String }
        en: { format!("Delegation poker in session {code}{}: cards {cards}. Agreed to take effect now (the current level).", if *round > 1 { format!(", round {round}") } else { String::new() }) }
        nl: { format!("Delegatiepoker in sessie {code}{}: kaarten {cards}. Afgesproken dat het nu ingaat (het huidige niveau).", if *round > 1 { format!(", ronde {round}") } else { String::new() }) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The `{placeholders}` of a text's source (named ones; `{}` and `{:?}` are positional).
    fn placeholders(src: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = src;
        while let Some(i) = rest.find('{') {
            rest = &rest[i + 1..];
            if let Some(stripped) = rest.strip_prefix('{') {
                rest = stripped;
                continue;
            }
            let end = rest.find(['}', ':']).unwrap_or(rest.len());
            let name = &rest[..end];
            if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                out.insert(name.to_string());
            }
        }
        out
    }

    fn mentions(src: &str, arg: &str) -> bool {
        src.match_indices(arg).any(|(i, _)| {
            let before = src[..i].chars().next_back();
            let after = src[i + arg.len()..].chars().next();
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            !word(before) && !word(after)
        })
    }

    /// Messages whose English and Dutch are the same on purpose.
    const SAME_IN_BOTH: &[&str] = &["Teams"];

    #[test]
    fn every_message_is_worded_in_both_languages() {
        for k in [0, 1, 2] {
            for msg in Msg::samples(k) {
                let (en_src, nl_src, args) = msg.source();
                let en = msg.say(Lang::En);
                let nl = msg.say(Lang::Nl);
                let key = msg.key();
                assert!(!en.trim().is_empty(), "{key}: English is empty");
                assert!(!nl.trim().is_empty(), "{key}: Dutch is empty");
                assert_eq!(en, msg.to_string(), "{key}: Display is English");
                if !SAME_IN_BOTH.contains(&key) {
                    assert_ne!(en, nl, "{key}: English and Dutch are the same");
                }
                assert_eq!(placeholders(en_src), placeholders(nl_src), "{key}: placeholders differ");
                for arg in args {
                    assert!(mentions(en_src, arg), "{key}: English does not use {arg}");
                    assert!(mentions(nl_src, arg), "{key}: Dutch does not use {arg}");
                }
                for text in [&en, &nl] {
                    assert!(
                        !text.contains('{') && !text.contains('}'),
                        "{key}: a placeholder is left: {text}"
                    );
                    assert_eq!(text.trim(), text, "{key}: stray whitespace: {text:?}");
                }
            }
        }
    }

    #[test]
    fn dutch_uses_the_glossary() {
        for msg in Msg::samples(2) {
            let nl = msg.say(Lang::Nl).to_lowercase();
            for (wrong, right) in [
                ("beslisdomein", "beslissingsdomein"),
                ("span ", "leidingsspanne"),
                ("manager", "leidinggevende"),
            ] {
                assert!(
                    !nl.contains(wrong),
                    "{}: {wrong:?} in Dutch, the glossary says {right:?}: {nl}",
                    msg.key()
                );
            }
        }
    }

    #[test]
    fn numbers_are_grouped_by_language() {
        assert_eq!(number(Lang::En, 1_599_900usize), "1,599,900");
        assert_eq!(number(Lang::Nl, 1_599_900usize), "1.599.900");
        assert_eq!(number(Lang::En, 999usize), "999");
        assert_eq!(number(Lang::Nl, 1000usize), "1.000");
        assert_eq!(number(Lang::En, -12345i64), "-12,345");
        assert_eq!(Msg::MoreDuplicateEmployeeIds { n: 1 }.say(Lang::Nl), "1 dubbel personeelsnummer");
    }

    #[test]
    fn plurals_follow_cldr() {
        assert_eq!(Msg::Rows { n: 0 }.say(Lang::En), "0 rows");
        assert_eq!(Msg::Rows { n: 1 }.say(Lang::En), "1 row");
        assert_eq!(Msg::Rows { n: 2 }.say(Lang::En), "2 rows");
        assert_eq!(Msg::Rows { n: 0 }.say(Lang::Nl), "0 rijen");
        assert_eq!(Msg::Rows { n: 1 }.say(Lang::Nl), "1 rij");
        assert_eq!(Msg::Rows { n: 21 }.say(Lang::Nl), "21 rijen");
        assert_eq!(Lang::Nl.plural(-1i64), Plural::One);
    }

    #[test]
    fn languages_from_tags_headers_and_the_environment() {
        assert_eq!(Lang::from_tag("nl-BE"), Some(Lang::Nl));
        assert_eq!(Lang::from_tag("NL"), Some(Lang::Nl));
        assert_eq!(Lang::from_tag("nl_BE.UTF-8"), Some(Lang::Nl));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr-BE"), None);
        assert_eq!(Lang::from_tag("C"), None);
        assert_eq!(Lang::from_tag("nld"), None);

        assert_eq!(Lang::from_accept_language("nl-BE,nl;q=0.9,en;q=0.8"), Some(Lang::Nl));
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9,nl;q=0.8"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("fr-BE, nl;q=0.5, en;q=0.4"), Some(Lang::Nl));
        assert_eq!(Lang::from_accept_language("en;q=0.5, nl-BE;q=0.7"), Some(Lang::Nl));
        assert_eq!(Lang::from_accept_language("nl;q=0, en"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("nl;q=0"), None);
        assert_eq!(Lang::from_accept_language("*"), None);
        assert_eq!(Lang::from_accept_language(""), None);
        assert_eq!(Lang::from_accept_language("nl;q=abc, en;q=0.1"), Some(Lang::En));

        let env = |vars: &'static [(&'static str, &'static str)]| {
            Lang::from_env_with(move |k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string()))
        };
        assert_eq!(env(&[("LANG", "nl_BE.UTF-8")]), Lang::Nl);
        assert_eq!(env(&[("LANG", "nl_BE.UTF-8"), ("LC_ALL", "C")]), Lang::En);
        assert_eq!(env(&[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "nl_NL")]), Lang::Nl);
        assert_eq!(env(&[("LANG", "nl_BE.UTF-8"), ("LC_ALL", "")]), Lang::Nl);
        assert_eq!(env(&[("LANG", "fr_BE.UTF-8")]), Lang::En);
        assert_eq!(env(&[]), Lang::En);
        assert_eq!("nl".parse::<Lang>(), Ok(Lang::Nl));
        assert!("de".parse::<Lang>().is_err());
    }
}

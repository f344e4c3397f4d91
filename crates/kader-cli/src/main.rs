//! The `kader` command line: create, import, analyze, export and inspect workspace files.
//! A thin adapter: parsing arguments, reading files, printing; all logic is in the library.
//!
//! Exit codes: 0 success, 1 bad input (the message says what and where), 2 wrong usage.

mod serve;

use clap::{Parser, Subcommand, ValueEnum};

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use kader::date::Timestamp;
use kader::id::V7Ids;
use kader::import::decisions::{self, DecisionsReport, Lang};
use kader::import::hris::{self, Field, HrisOptions};
use kader::import::sync::{self, ImportReport, Who};
use kader::model::LevelNote;
use kader::{analyze, interchange, Ctx, Workspace};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "kader",
    version,
    about = "Design an organization's structure and vision together with its people."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new, empty workspace file (*.kader).
    New { file: PathBuf },
    /// Import an HR export (CSV) or a workspace export (JSON) into a workspace.
    ///
    /// A CSV creates the organization, or updates it by employee id when it was imported before:
    /// people who left are removed, movers move, new people are added. A JSON file written by
    /// `kader export --format json` replaces the workspace's organization exactly.
    Import {
        file: PathBuf,
        source: PathBuf,
        /// Map a field to a header of the export, e.g. --map employee_id="Pers. nr."
        /// Fields: employee_id, first_name, last_name, name, job_title, department, manager_id,
        /// location, fte, hire_date.
        #[arg(long = "map", value_name = "FIELD=HEADER", value_parser = parse_map)]
        map: Vec<(Field, String)>,
        /// Make people whose manager id matches nobody in the export top-level instead of
        /// refusing the import.
        #[arg(long)]
        external_managers_as_roots: bool,
        /// Check the export and show what would change, without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Import or export the decision matrix: who decides what, at which delegation level.
    Decisions {
        #[command(subcommand)]
        action: DecisionsCommand,
    },
    /// Print organization figures: size, layers, span of control, and the hierarchy lens.
    Analyze {
        file: PathBuf,
        /// Print JSON instead of a readable report (compact; every reporting line with its
        /// class and reasons under "lines").
        #[arg(long)]
        json: bool,
        /// Only size, layers and span of control: read from the file's reporting structure
        /// without building the lens (500,000 roles in a fraction of a second).
        #[arg(long)]
        structure: bool,
    },
    /// Print the vision, section by section, as the workshop wrote it (plain text, or JSON).
    Vision {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Export the workspace.
    Export {
        file: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// List the changes made to the workspace, newest first.
    History {
        file: PathBuf,
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Undo the newest change that is not undone.
    Undo { file: PathBuf },
    /// Redo the most recently undone change.
    Redo { file: PathBuf },
    /// Serve the workspace to browsers: the UI and its API, for a live session.
    ///
    /// Prints the facilitator link, which grants full access: share it only with the facilitator.
    /// Ctrl+C stops the server and closes the workspace.
    Serve {
        file: PathBuf,
        /// The address to listen on. 127.0.0.1 lets only this computer in; 0.0.0.0 lets the
        /// network in.
        #[arg(long, default_value = "127.0.0.1")]
        host: std::net::IpAddr,
        /// The port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = serve::DEFAULT_PORT)]
        port: u16,
        /// Once listening, write {"url", "token", "link"} as JSON to this file (for scripts).
        #[arg(long, value_name = "PATH")]
        ready_file: Option<PathBuf>,
        /// Let pages of this origin call the API too, e.g. http://localhost:5173 (the UI's
        /// development server). Repeatable.
        #[arg(long, value_name = "URL")]
        allow_origin: Vec<String>,
    },
}

#[derive(Subcommand)]
enum DecisionsCommand {
    /// Import a decision matrix (CSV): one row per decision domain and team or role, with columns
    /// Domain, Team (or Role), Level and optionally Desired level, Guardrails, Driver, in English or
    /// Dutch (Domein, Team, Rol, Niveau, Gewenst niveau, Randvoorwaarden, Drijfveer).
    ///
    /// Teams and roles must exist in the workspace; domains are created or updated by name. The
    /// whole file is one change, undone with one `kader undo`; nothing changes if any row is wrong.
    Import {
        file: PathBuf,
        source: PathBuf,
        /// Check the matrix and show what would change, without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export the decision matrix as CSV in the format `kader decisions import` reads.
    Export {
        file: PathBuf,
        /// Dutch headers and level names, semicolon-separated, UTF-8 with a byte order mark (for
        /// Excel in Flanders and the Netherlands).
        #[arg(long)]
        dutch: bool,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Json,
}

fn parse_map(s: &str) -> Result<(Field, String), String> {
    let (f, h) = s.split_once('=').ok_or_else(|| format!("expected FIELD=HEADER, got {s:?}"))?;
    let field = Field::parse(f.trim()).ok_or_else(|| {
        format!("unknown field {f:?}; fields are employee_id, first_name, last_name, name, job_title, department, manager_id, location, fte, hire_date")
    })?;
    Ok((field, h.trim().to_owned()))
}

/// With `KADER_TIMINGS=1`, phase durations go to stderr: for benchmarks and slow-import reports.
struct Timings(Option<std::time::Instant>);

impl Timings {
    fn new() -> Timings {
        Timings(std::env::var_os("KADER_TIMINGS").map(|_| std::time::Instant::now()))
    }
    fn mark(&mut self, phase: &str) {
        if let Some(t) = &mut self.0 {
            let _ = writeln!(
                std::io::stderr(),
                "timing {phase:<10} {:>8.1} ms",
                t.elapsed().as_secs_f64() * 1000.0
            );
            *t = std::time::Instant::now();
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            let _ = writeln!(std::io::stderr(), "kader: {msg}");
            ExitCode::from(1)
        }
    }
}

fn ctx() -> Ctx {
    let actor = std::env::var("USER").ok().filter(|u| !u.is_empty()).unwrap_or_else(|| "cli".into());
    Ctx::new(actor, Timestamp::now())
}

fn exists(file: &Path) -> Result<(), String> {
    if !file.exists() {
        return Err(format!(
            "{} does not exist; create it with `kader new {}`",
            file.display(),
            file.display()
        ));
    }
    Ok(())
}

/// Opens the workspace for writing as `app`, taking its lock. Another Kader holding it is
/// refused with the holder in words, in the language of the environment.
fn open_for(file: &Path, app: &str) -> Result<Workspace, String> {
    exists(file)?;
    let holder = kader::store::lock::Holder::this_process(app, Timestamp::now());
    Workspace::open_as(file, &holder).map_err(|e| match e {
        kader::Error::Locked { path, holder } => {
            kader::store::lock::Locked { path, holder }.say(kader::i18n::Lang::from_env())
        }
        e => e.to_string(),
    })
}

/// Opens the workspace read-only, without its lock: reading commands work beside a writer (the
/// desktop app, `kader serve`) and never change the file.
fn open(file: &Path) -> Result<Workspace, String> {
    exists(file)?;
    Workspace::open_read_only(file).map_err(|e| e.to_string())
}

fn run(cli: Cli) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    let w = |r: std::io::Result<()>| r.map_err(|e| e.to_string());
    match cli.command {
        Command::New { file } => {
            Workspace::create(&file, Timestamp::now()).map_err(|e| e.to_string())?;
            w(writeln!(out, "Created {}", file.display()))?;
        }
        Command::Import { file, source, map, external_managers_as_roots, dry_run } => {
            let mut timings = Timings::new();
            // A dry run only reads: it works beside a writer.
            let mut ws =
                if dry_run { open(&file)? } else { open_for(&file, kader::store::lock::APP_IMPORT)? };
            timings.mark("open");
            if let (false, Some(reason)) = (dry_run, ws.read_only()) {
                return Err(format!("{} is open read-only: {reason}", file.display()));
            }
            let bytes =
                std::fs::read(&source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
            let progress = Progress::new();
            if is_json(&source, &bytes) {
                let text = std::str::from_utf8(&bytes)
                    .map_err(|_| format!("{} is not UTF-8 JSON", source.display()))?;
                let snapshot = interchange::parse(text).map_err(|e| format!("{}: {e}", source.display()))?;
                let (p, r, t) = (snapshot.persons.len(), snapshot.roles.len(), snapshot.teams.len());
                if dry_run {
                    w(writeln!(
                        out,
                        "Would restore {p} people, {r} roles and {t} teams from {}",
                        source.display()
                    ))?;
                    return Ok(());
                }
                progress.phase("restoring");
                let op = interchange::replace_op(ws.org(), snapshot);
                ws.apply(op, &ctx()).map_err(|e| format!("{} was not imported: {e}", source.display()))?;
                progress.done();
                w(writeln!(out, "Restored {p} people, {r} roles and {t} teams from {}", source.display()))?;
            } else {
                progress.phase("reading the export");
                let opts = HrisOptions { map, external_managers_as_roots };
                let table = hris::parse(&bytes, &opts).map_err(|e| format!("{}: {e}", source.display()))?;
                // Free the file's bytes before the organization is built: on large imports the
                // memory is reused instead of newly faulted in.
                drop(bytes);
                timings.mark("parse");
                progress.phase("planning");
                let (encoding, delimiter) = (table.encoding, table.delimiter);
                let (op, report) = sync::plan(ws.org(), table, &mut V7Ids::new());
                timings.mark("plan");
                let delim = match delimiter {
                    b';' => "semicolon",
                    b'\t' => "tab",
                    _ => "comma",
                };
                if dry_run {
                    progress.done();
                    print_report(&mut out, &report, &source, encoding, delim, true)
                        .map_err(|e| e.to_string())?;
                    return Ok(());
                }
                if !report.is_noop() {
                    progress.phase("writing the workspace");
                    ws.apply(op, &ctx())
                        .map_err(|e| format!("{} was not imported: {e}", source.display()))?;
                    timings.mark("apply");
                }
                // The process ends right after this: close the file properly, but skip freeing the
                // organization's hundreds of thousands of allocations one by one.
                std::mem::forget(ws.close().map_err(|e| e.to_string())?);
                timings.mark("close");
                progress.done();
                print_report(&mut out, &report, &source, encoding, delim, false)
                    .map_err(|e| e.to_string())?;
            }
        }
        Command::Decisions { action: DecisionsCommand::Import { file, source, dry_run } } => {
            let mut ws =
                if dry_run { open(&file)? } else { open_for(&file, kader::store::lock::APP_IMPORT)? };
            if let (false, Some(reason)) = (dry_run, ws.read_only()) {
                return Err(format!("{} is open read-only: {reason}", file.display()));
            }
            let bytes =
                std::fs::read(&source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
            let name = source
                .file_name()
                .map_or_else(|| source.display().to_string(), |n| n.to_string_lossy().into_owned());
            let ctx = ctx();
            let note = LevelNote { by: ctx.actor.clone(), at: ctx.at, why: format!("imported from {name}") };
            let (op, report) = decisions::import(ws.org(), &bytes, &mut V7Ids::new(), note, &name)
                .map_err(|e| format!("{}: {e}", source.display()))?;
            if !dry_run && !report.is_noop() {
                ws.apply(op, &ctx).map_err(|e| format!("{} was not imported: {e}", source.display()))?;
            }
            print_decisions_report(&mut out, &report, &source, dry_run).map_err(|e| e.to_string())?;
        }
        Command::Decisions { action: DecisionsCommand::Export { file, dutch, output } } => {
            let ws = open(&file)?;
            let text = decisions::export(ws.org(), if dutch { Lang::Nl } else { Lang::En });
            match output {
                Some(p) => {
                    std::fs::write(&p, text).map_err(|e| format!("cannot write {}: {e}", p.display()))?
                }
                None => w(out.write_all(text.as_bytes()))?,
            }
        }
        Command::Vision { file, json } => {
            if !file.exists() {
                return Err(format!("{} does not exist", file.display()));
            }
            // Read-only, beside a writer if there is one; the vision is read beside it.
            open(&file)?;
            let store = kader::docs::DocStore::open(&file).map_err(|e| e.to_string())?;
            let (doc, _) = store.load(kader::docs::VISION).map_err(|e| e.to_string())?;
            let sections = kader::docs::vision_text(&doc);
            let mut out = std::io::stdout().lock();
            if json {
                let map: serde_json::Map<String, serde_json::Value> =
                    sections.into_iter().map(|(k, v)| (k.to_owned(), v.into())).collect();
                writeln!(out, "{}", serde_json::Value::Object(map)).map_err(|e| e.to_string())?;
            } else {
                for (section, text) in sections {
                    let shown = if text.is_empty() { "(empty)" } else { &text };
                    writeln!(out, "## {section}\n{shown}\n").map_err(|e| e.to_string())?;
                }
            }
        }
        Command::Analyze { file, json, structure } => {
            let mut timings = Timings::new();
            if !file.exists() {
                return Err(format!(
                    "{} does not exist; create it with `kader new {}`",
                    file.display(),
                    file.display()
                ));
            }
            if structure {
                let s = analyze::structure_file(&file).map_err(|e| e.to_string())?;
                timings.mark("structure");
                if json {
                    w(writeln!(out, "{}", serde_json::to_string_pretty(&s).expect("figures serialize")))?;
                } else {
                    w(write!(out, "{s}"))?;
                }
                return Ok(());
            }
            let ws = open(&file)?;
            timings.mark("open");
            let lens = kader::lens::Lens::build(ws.org());
            timings.mark("lens");
            let a = analyze::analyze_with(ws.org(), &lens, json);
            timings.mark("analyze");
            if json {
                // Streamed: the lines of a large organization are hundreds of megabytes.
                let mut buf = std::io::BufWriter::with_capacity(1 << 20, &mut out);
                serde_json::to_writer(&mut buf, &a).map_err(|e| format!("cannot write: {e}"))?;
                w(writeln!(buf))?;
                w(buf.flush())?;
            } else {
                w(write!(out, "{a}"))?;
            }
            timings.mark("write");
        }
        Command::Export { file, format: ExportFormat::Json, output } => {
            let ws = open(&file)?;
            let text = interchange::export(ws.org());
            match output {
                Some(p) => {
                    std::fs::write(&p, text).map_err(|e| format!("cannot write {}: {e}", p.display()))?
                }
                None => w(out.write_all(text.as_bytes()))?,
            }
        }
        Command::History { file, limit, json } => {
            let ws = open(&file)?;
            let entries = ws.history(limit).map_err(|e| e.to_string())?;
            if json {
                w(writeln!(out, "{}", serde_json::to_string_pretty(&entries).expect("history serializes")))?;
            } else if entries.is_empty() {
                w(writeln!(
                    out,
                    "No changes yet. Import an HR export with `kader import {} EXPORT.csv`.",
                    file.display()
                ))?;
            } else {
                for e in entries {
                    let mark = if e.undone { "  (undone)" } else { "" };
                    let (actor, summary) = (cut(&e.actor, 40), cut(&e.summary, HISTORY_WIDTH));
                    w(writeln!(out, "{:>6}  {}  {actor:<12}  {summary}{mark}", e.seq, e.at))?;
                }
            }
        }
        Command::Undo { file } => {
            let mut ws = open_for(&file, kader::store::lock::APP_CLI)?;
            match ws.undo(&ctx()).map_err(|e| e.to_string())? {
                Some(c) => w(writeln!(out, "Undid: {}", cut(&c.summary, HISTORY_WIDTH)))?,
                None => w(writeln!(out, "Nothing to undo."))?,
            }
        }
        Command::Serve { file, host, port, ready_file, allow_origin } => {
            if !file.exists() {
                return Err(format!(
                    "{} does not exist; create it with `kader new {}`",
                    file.display(),
                    file.display()
                ));
            }
            serve::run(&file, serve::Options { host, port, ready_file, allow_origin })?;
        }
        Command::Redo { file } => {
            let mut ws = open_for(&file, kader::store::lock::APP_CLI)?;
            match ws.redo(&ctx()).map_err(|e| e.to_string())? {
                Some(c) => w(writeln!(out, "Redid: {}", c.summary))?,
                None => w(writeln!(out, "Nothing to redo."))?,
            }
        }
    }
    Ok(())
}

fn is_json(path: &Path, bytes: &[u8]) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

fn print_report(
    out: &mut impl Write,
    r: &ImportReport,
    source: &Path,
    enc: &str,
    delim: &str,
    dry: bool,
) -> std::io::Result<()> {
    let verb = if dry { "Would import" } else { "Imported" };
    writeln!(out, "{verb} {} rows from {} ({enc}, {delim}-separated)", r.rows, source.display())?;
    if r.is_noop() {
        writeln!(out, "  The workspace already matches this export; nothing changed.")?;
        return Ok(());
    }
    let list = |out: &mut dyn Write, label: &str, v: &[Who]| -> std::io::Result<()> {
        if v.is_empty() {
            return Ok(());
        }
        writeln!(out, "  {label:<9}{:>7}", v.len())?;
        if v.len() < 2_000 || dry {
            for who in v.iter().take(10) {
                writeln!(out, "             {} {}", who.employee_id, who.name)?;
            }
            if v.len() > 10 {
                writeln!(out, "             … and {} more", v.len() - 10)?;
            }
        }
        Ok(())
    };
    if r.added_count > 0 {
        writeln!(out, "  {:<9}{:>7}", "added", r.added_count)?;
        if r.added_count < 2_000 || dry {
            for who in r.added.iter().take(10) {
                writeln!(out, "             {} {}", who.employee_id, who.name)?;
            }
            if r.added_count > 10 {
                writeln!(out, "             … and {} more", r.added_count - 10)?;
            }
        }
    }
    list(out, "removed", &r.removed)?;
    list(out, "moved", &r.moved)?;
    list(out, "updated", &r.updated)?;
    if r.unchanged > 0 {
        writeln!(out, "  unchanged{:>7}", r.unchanged)?;
    }
    if !r.teams_added.is_empty() {
        writeln!(out, "  new teams{:>7}", r.teams_added.len())?;
    }
    if !r.external_managers.is_empty() {
        writeln!(
            out,
            "  {} people made top-level because their manager is not in the export",
            r.external_managers.len()
        )?;
    }
    Ok(())
}

fn print_decisions_report(
    out: &mut impl Write,
    r: &DecisionsReport,
    source: &Path,
    dry: bool,
) -> std::io::Result<()> {
    let verb = if dry { "Would import" } else { "Imported" };
    let delim = match r.delimiter {
        ';' => "semicolon",
        '\t' => "tab",
        _ => "comma",
    };
    writeln!(
        out,
        "{verb} the decision matrix {} ({} rows, {}, {delim}-separated)",
        source.display(),
        r.rows,
        r.encoding
    )?;
    if r.is_noop() {
        writeln!(out, "  The workspace already matches this matrix; nothing changed.")?;
        return Ok(());
    }
    let list = |out: &mut dyn Write, label: &str, names: &[String]| -> std::io::Result<()> {
        if names.is_empty() {
            return Ok(());
        }
        writeln!(out, "  {label:<17}{:>5}", names.len())?;
        for name in names.iter().take(10) {
            writeln!(out, "      {name}")?;
        }
        if names.len() > 10 {
            writeln!(out, "      … and {} more", names.len() - 10)?;
        }
        Ok(())
    };
    list(out, "domains created", &r.domains_created)?;
    list(out, "domains updated", &r.domains_updated)?;
    writeln!(out, "  {:<17}{:>5}", "levels set", r.entries_set)?;
    if r.entries_unchanged > 0 {
        writeln!(out, "  {:<17}{:>5}", "levels unchanged", r.entries_unchanged)?;
    }
    Ok(())
}

/// Phase messages on stderr for long imports, only when stderr is a terminal.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new() -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        Progress(Some(bar))
    }
    fn phase(&self, msg: &'static str) {
        if let Some(b) = &self.0 {
            b.set_message(msg);
        }
    }
    fn done(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

/// How many characters of a change's summary `kader history` shows: a summary names what changed
/// (a title of up to 200 characters, a whole batch) and would otherwise fill the terminal.
const HISTORY_WIDTH: usize = 80;

/// The text cut to at most `max` characters, on one line, ending in "…" when it was cut.
fn cut(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let one_line = !text.contains(['\n', '\r']);
    if one_line && (text.len() <= max || text.chars().nth(max).is_none()) {
        return std::borrow::Cow::Borrowed(text);
    }
    let flat: String = text.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
    if flat.chars().nth(max).is_none() {
        return std::borrow::Cow::Owned(flat);
    }
    let mut shown: String = flat.chars().take(max.saturating_sub(1)).collect();
    shown.push('…');
    std::borrow::Cow::Owned(shown)
}

//! TypeScript declarations of every type that crosses the boundary, generated from the Rust types
//! (ts-rs) into one file, `ui/src/api/generated/index.ts`, which is committed. The UI never writes
//! these types by hand; a test fails when the committed file is stale.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use ts_rs::{Config, TypeVisitor, TS};

/// The command that regenerates the committed file.
pub const COMMAND: &str = "cargo run -p kader-api --bin gen-ts";
/// The generated file's name inside [`committed_dir`].
pub const FILE: &str = "index.ts";

/// Where the generated declarations are committed: `ui/src/api/generated/`.
pub fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/api/generated")
}

/// Collects the declaration of every exportable type reachable from the visited ones.
struct Collect<'a> {
    cfg: &'a Config,
    seen: HashSet<TypeId>,
    decls: BTreeMap<String, String>,
}

impl TypeVisitor for Collect<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Primitives and containers have no declaration of their own.
        if T::output_path().is_none() || !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        let mut decl = T::docs().unwrap_or_default();
        decl.push_str("export ");
        decl.push_str(&T::decl(self.cfg));
        let ident = T::ident(self.cfg);
        // Two Rust types of one name would overwrite each other: rename one with `ts(rename)`.
        assert!(!self.decls.contains_key(&ident), "two types are named {ident} in TypeScript");
        self.decls.insert(ident, decl);
        T::visit_dependencies(self);
    }
}

/// The whole generated file.
pub fn typescript() -> String {
    // i64 (seq, timestamps) is a JSON number; our values stay far below 2^53.
    let cfg = Config::new().with_large_int("number");
    let mut c = Collect { cfg: &cfg, seen: HashSet::new(), decls: BTreeMap::new() };
    // The roots: everything a function returns or takes; their dependencies follow.
    c.visit::<crate::WorkspaceInfo>();
    c.visit::<kader::store::lock::Holder>();
    c.visit::<crate::Chart>();
    c.visit::<crate::RoleDetails>();
    c.visit::<crate::PersonDetails>();
    c.visit::<crate::TeamDetails>();
    c.visit::<crate::SearchHit>();
    c.visit::<crate::Board>();
    c.visit::<crate::LensView>();
    c.visit::<crate::RemoveRoleRequest>();
    c.visit::<crate::RemovalPlan>();
    c.visit::<kader::lens::LineReport>();
    c.visit::<crate::Event>();
    c.visit::<crate::ApiError>();
    c.visit::<kader::op::Op>();
    c.visit::<kader::import::sync::ImportReport>();
    c.visit::<kader::import::decisions::DecisionsReport>();
    c.visit::<kader::store::LogEntry>();
    c.visit::<crate::json::Applied>();
    c.visit::<crate::json::HistoryStep>();
    c.visit::<crate::json::Settings>();
    c.visit::<crate::json::ImportOptions>();
    c.visit::<crate::session::SessionView>();
    c.visit::<crate::session::SessionPatch>();
    c.visit::<crate::session::Applies>();
    c.visit::<crate::proposals::ProposalView>();
    c.visit::<crate::proposals::ProposalDraft>();
    c.visit::<crate::proposals::ProposalEdit>();
    c.visit::<crate::proposals::Step>();
    c.visit::<crate::proposals::CommentDraft>();
    c.visit::<crate::proposals::PostedComment>();
    c.visit::<crate::proposals::CommentChange>();
    c.visit::<kader::proposals::Comment>();
    c.visit::<kader::proposals::Answer>();
    c.visit::<kader::proposals::Preview>();
    c.visit::<kader::proposals::Decision>();
    c.visit::<kader::proposals::News>();
    let mut out = format!(
        "// Generated from the Rust types by `{COMMAND}`. Do not edit: change the Rust types and\n// run the command again.\n"
    );
    for decl in c.decls.values() {
        out.push('\n');
        out.push_str(decl);
        out.push('\n');
    }
    out
}

/// Writes the generated file into `dir`, creating it; returns the file's path.
pub fn write(dir: &Path) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(FILE);
    std::fs::write(&path, typescript())?;
    Ok(path)
}

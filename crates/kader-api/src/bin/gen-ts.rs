//! Writes the TypeScript declarations of the API types to `ui/src/api/generated/index.ts`, or to
//! the folder given as the first argument.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = std::env::args_os().nth(1).map(PathBuf::from).unwrap_or_else(kader_api::ts::committed_dir);
    match kader_api::ts::write(&dir) {
        Ok(path) => {
            println!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-ts: cannot write into {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}

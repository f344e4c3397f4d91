//! Embeds the built UI (`ui/dist`) in the binary: writes `$OUT_DIR/assets.rs`, a sorted table of
//! paths and `include_bytes!` of each file. When the UI was not built, embeds one page saying how
//! to build it, so that building Rust never needs Node.

use std::path::{Path, PathBuf};

fn main() {
    let manifest =
        PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let ui = manifest.join("../../ui");
    let dist = ui.join("dist");
    println!("cargo:rerun-if-changed=build.rs");

    let mut files = Vec::new();
    let built = dist.join("index.html").is_file();
    if built {
        println!("cargo:rerun-if-changed={}", dist.display());
        walk(&dist, &dist, &mut files);
    } else {
        // Watch the UI folder so that the first `npm run build` is picked up; without a UI folder
        // there is nothing to watch for (a missing path would rebuild every time).
        if ui.is_dir() {
            println!("cargo:rerun-if-changed={}", ui.display());
        }
        let page = out.join("index.html");
        std::fs::write(&page, FALLBACK).expect("OUT_DIR is writable");
        files.push(("index.html".to_owned(), page));
    }
    files.sort();

    let mut code = String::from(
        "/// The embedded UI: (path, contents), sorted by path.\npub static ASSETS: &[(&str, &[u8])] = &[\n",
    );
    for (name, path) in &files {
        let path = path.canonicalize().unwrap_or_else(|_| path.clone());
        code.push_str(&format!("    ({name:?}, include_bytes!({:?})),\n", path.display().to_string()));
    }
    code.push_str("];\n");
    code.push_str(&format!("/// Whether `ui/dist` was embedded (`false`: only the page saying how to build it).\npub const UI_BUILT: bool = {built};\n"));
    std::fs::write(out.join("assets.rs"), code).expect("OUT_DIR is writable");
}

fn walk(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            walk(root, &path, files);
        } else if let Ok(rel) = path.strip_prefix(root) {
            let name: Vec<String> =
                rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            files.push((name.join("/"), path));
        }
    }
}

const FALLBACK: &str = r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Kader</title></head>
<body>
<h1>Kader</h1>
<p>The UI was not built: run <code>npm run build</code> in <code>ui/</code>, then build Kader again.</p>
<p>The API is served under <code>/api</code>.</p>
</body>
</html>
"#;

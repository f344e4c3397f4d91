//! The TypeScript types the UI imports are generated from the Rust types; this fails when the
//! committed ones are stale.

use kader_api::ts;

#[test]
fn the_committed_typescript_types_are_current() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let fresh = ts::write(dir.path()).expect("the types are generated");
    let committed_dir = ts::committed_dir();
    let mut files: Vec<String> = std::fs::read_dir(&committed_dir)
        .unwrap_or_else(|e| {
            panic!("{} cannot be read ({e}): run `{}` to generate it", committed_dir.display(), ts::COMMAND)
        })
        .map(|entry| entry.expect("a folder entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        vec![ts::FILE.to_owned()],
        "{} holds exactly the generated file: remove the others and run `{}`",
        committed_dir.display(),
        ts::COMMAND
    );
    let committed = std::fs::read_to_string(committed_dir.join(ts::FILE)).unwrap_or_default();
    let generated = std::fs::read_to_string(&fresh).expect("the generated file can be read");
    assert!(
        committed == generated,
        "the TypeScript types in {} are stale: the Rust types changed. Run `{}` and commit the result.",
        committed_dir.display(),
        ts::COMMAND
    );
}

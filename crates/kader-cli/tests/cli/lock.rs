//! One writer per workspace, between real processes: a second writer is told who holds the file
//! (and exits 1), reading commands work beside the writer, a second `kader serve` serves the file
//! read-only and follows the writer, and the lock of a writer killed with `kill -9` is taken over.

use super::serve::{get, start, wait_ready, Running};
use super::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// `kader ARGS` in a given language environment.
fn kader_in(lang: &str, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    Command::new(KADER)
        .args(args.iter().map(|a| a.as_ref()))
        .env_remove("KADER_TIMINGS")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .output()
        .expect("kader runs")
}

/// A workspace with an imported organization, served by `kader serve`.
fn served() -> (tempfile::TempDir, PathBuf, Running, serde_json::Value) {
    let (dir, file) = workspace();
    ok(kader(&[&"import", &file, &fixture("en-bom-crlf.csv")]));
    let ready = dir.path().join("ready.json");
    let mut server = start(&file, &ready);
    let ready = wait_ready(&mut server, &ready);
    (dir, file, server, ready)
}

/// A plain HTTP/1.1 POST with an empty JSON body; returns the status code and the body.
fn post(url: &str, path: &str, token: &str) -> (u16, String) {
    let host = url.strip_prefix("http://").expect("an http URL");
    let mut stream = TcpStream::connect(host).expect("the server accepts connections");
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}"
    )
    .expect("a request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("a response");
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    (status, body)
}

fn info(ready: &serde_json::Value) -> serde_json::Value {
    let (url, token) = (ready["url"].as_str().expect("url"), ready["token"].as_str().expect("token"));
    let (status, body) = get(url, "/api/workspace", Some(token));
    assert_eq!(status, 200, "workspace info: {body}");
    serde_json::from_str(&body).expect("workspace info JSON")
}

#[test]
fn a_second_writer_is_told_who_holds_the_file_and_readers_work_beside_it() {
    let (_dir, file, server, _ready) = served();
    let pid = server.0.id().to_string();
    let before = export(&file);

    let refused = kader_in("en_GB.UTF-8", &[&"import", &file, &fixture("en-bom-crlf.csv")]);
    assert_eq!(refused.status.code(), Some(1), "a second writer exits 1: {}", stderr(&refused));
    let message = stderr(&refused);
    for part in ["client.kader", "kader serve", &pid, "since", "UTC", "read-only"] {
        assert!(message.contains(part), "{part:?} in the refusal: {message}");
    }
    let dutch = stderr(&kader_in("nl_BE.UTF-8", &[&"undo", &file]));
    for part in ["kader serve", &pid, "sinds", "alleen-lezen"] {
        assert!(dutch.contains(part), "{part:?} in the Dutch refusal: {dutch}");
    }
    assert_eq!(
        kader_in("C", &[&"decisions", &"import", &file, &fixture("en-bom-crlf.csv")]).status.code(),
        Some(1)
    );

    // Reading commands work beside the writer, and nothing was written.
    let figures = analyze(&file);
    assert!(figures["people"].as_u64().unwrap_or(0) > 0, "analyze reads the organization: {figures}");
    ok(kader(&[&"analyze", &file]));
    assert!(!ok(kader(&[&"history", &file])).contains("No changes"), "history reads the log");
    ok(kader(&[&"decisions", &"export", &file]));
    ok(kader(&[&"vision", &file]));
    ok(kader(&[&"import", &file, &fixture("en-bom-crlf.csv"), &"--dry-run"]));
    assert_eq!(export(&file), before, "the workspace is as it was");
}

#[test]
fn a_second_server_serves_the_file_read_only_and_follows_the_writer() {
    let (dir, file, _writer, writer_ready) = served();
    let ready = dir.path().join("ready-2.json");
    let mut reader = start(&file, &ready);
    let reader_ready = wait_ready(&mut reader, &ready);

    let seen = info(&reader_ready);
    assert!(seen["read_only"].as_str().is_some_and(|r| r.contains("kader serve")), "read-only: {seen}");
    assert_eq!(seen["locked_by"]["app"], "kader serve", "it names the writer: {seen}");
    let (url, token) =
        (reader_ready["url"].as_str().expect("url"), reader_ready["token"].as_str().expect("token"));
    let (status, body) = post(url, "/api/undo", token);
    assert_eq!(status, 403, "the reader refuses changes: {body}");
    assert!(body.contains("read_only"), "as read-only: {body}");

    // The writer undoes the import; the reader follows within a few seconds.
    let seq = seen["seq"].as_i64().expect("a seq");
    let (w_url, w_token) =
        (writer_ready["url"].as_str().expect("url"), writer_ready["token"].as_str().expect("token"));
    let (status, body) = post(w_url, "/api/undo", w_token);
    assert_eq!(status, 200, "the writer undoes: {body}");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = info(&reader_ready);
        if now["seq"].as_i64() > Some(seq) {
            assert_eq!(now["people"], 0, "the reader shows the undone import: {now}");
            break;
        }
        assert!(Instant::now() < deadline, "the reader did not follow the writer within 10 s: {now}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_lock_of_a_killed_writer_is_taken_over() {
    let (_dir, file, mut server, _ready) = served();
    assert_eq!(kader_in("C", &[&"undo", &file]).status.code(), Some(1), "locked while it runs");
    server.0.kill().expect("kill -9 the server");
    server.0.wait().expect("the server is gone");

    let undone = ok(kader_in("C", &[&"undo", &file]));
    assert!(undone.contains("Undid"), "a new writer takes the lock over: {undone}");
    let history = ok(kader(&[&"history", &file]));
    assert!(history.contains("(undone)"), "and its change is in the file: {history}");
    // The new writer's record replaced the dead server's: a later refusal names the new holder.
    let ready = file.with_extension("ready");
    let mut again = start(&file, &ready);
    wait_ready(&mut again, &ready);
    let pid = again.0.id().to_string();
    let message = stderr(&kader_in("C", &[&"redo", &file]));
    assert!(message.contains(&pid), "the refusal names the live server {pid}: {message}");
}

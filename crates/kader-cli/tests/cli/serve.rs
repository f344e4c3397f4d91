//! `kader serve` as a script starts it: a free port, the ready file, the token, and a clean stop.

use super::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// Kills the server if the test fails before stopping it.
pub(super) struct Running(pub(super) Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub(super) fn start(file: &Path, ready: &Path) -> Running {
    let child = Command::new(KADER)
        .args([&"serve" as &dyn AsRef<std::ffi::OsStr>, &file, &"--port", &"0", &"--ready-file", &ready])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kader serve starts");
    Running(child)
}

/// The ready file's JSON, once the server is listening.
pub(super) fn wait_ready(server: &mut Running, ready: &Path) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(text) = std::fs::read_to_string(ready) {
            return serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("the ready file is JSON ({e}): {text}"));
        }
        if let Some(status) = server.0.try_wait().expect("the server's status") {
            let mut err = String::new();
            let _ = server.0.stderr.take().map(|mut s| s.read_to_string(&mut err));
            panic!("kader serve exited ({status}) before it was ready: {err}");
        }
        assert!(Instant::now() < deadline, "kader serve was not ready within 30 s");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A plain HTTP/1.1 GET; returns the status code and the body.
pub(super) fn get(url: &str, path: &str, token: Option<&str>) -> (u16, String) {
    let host = url.strip_prefix("http://").expect("an http URL");
    let mut stream = TcpStream::connect(host).expect("the server accepts connections");
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\n{auth}Connection: close\r\n\r\n")
        .expect("a request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("a response");
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    (status, body)
}

#[test]
fn serve_writes_the_ready_file_and_answers_only_with_the_token() {
    let (dir, file) = workspace();
    ok(kader(&[&"import", &file, &fixture("en-bom-crlf.csv")]));
    let ready = dir.path().join("ready.json");
    let mut server = start(&file, &ready);
    let ready = wait_ready(&mut server, &ready);

    let url = ready["url"].as_str().expect("a url").to_owned();
    let token = ready["token"].as_str().expect("a token").to_owned();
    assert!(
        url.starts_with("http://127.0.0.1:") && !url.ends_with(":0"),
        "bound to loopback on a real port: {url}"
    );
    assert_eq!(ready["link"], format!("{url}/?token={token}"), "the facilitator link");
    assert!(token.len() >= 32, "a long random token: {token}");

    let (status, body) = get(&url, "/api/workspace", Some(&token));
    assert_eq!(status, 200, "with the token: {body}");
    let info: serde_json::Value = serde_json::from_str(&body).expect("workspace info JSON");
    assert_eq!(info["name"], "client", "the served workspace: {info}");
    assert!(info["people"].as_u64().is_some_and(|n| n > 0), "the imported people: {info}");

    let (status, body) = get(&url, "/api/workspace", None);
    assert_eq!(status, 401, "without the token: {body}");
    let (status, _) = get(&url, "/api/workspace", Some("not-the-token"));
    assert_eq!(status, 401, "with a wrong token");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_and_closes_the_workspace() {
    let (dir, file) = workspace();
    let ready = dir.path().join("ready.json");
    let mut server = start(&file, &ready);
    let url = wait_ready(&mut server, &ready)["url"].as_str().expect("a url").to_owned();
    let interrupted =
        Command::new("kill").args(["-INT", &server.0.id().to_string()]).status().expect("kill runs");
    assert!(interrupted.success(), "the interrupt is sent");
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = server.0.try_wait().expect("the server's status") {
            break status;
        }
        assert!(Instant::now() < deadline, "kader serve did not stop within 30 s of Ctrl+C");
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut out = String::new();
    server.0.stdout.take().expect("stdout").read_to_string(&mut out).expect("output");
    assert!(status.success(), "a clean stop exits 0 ({status}):\n{out}");
    assert!(
        out.contains(&url) && out.contains("Stopped"),
        "it said where it served and that it stopped:\n{out}"
    );
    assert!(TcpStream::connect(url.trim_start_matches("http://")).is_err(), "nothing listens any more");
    ok(kader(&[&"history", &file]));
}

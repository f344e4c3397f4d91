//! The token, the facilitator link's cookie and the origin guard.

use super::*;
use reqwest::header;

#[tokio::test]
async fn the_api_needs_the_token() {
    let s = start().await;
    let no_token = s.http.get(s.url("/api/workspace"));
    let message = expect_error(no_token, StatusCode::UNAUTHORIZED, "unauthorized", "no token").await;
    assert!(message.contains("link"), "the message says how to get access: {message}");
    let wrong = [
        s.http.get(s.url("/api/workspace")).bearer_auth("wrong"),
        s.http.get(s.url("/api/workspace")).header(header::COOKIE, "kader_token=wrong"),
        s.http.get(s.url("/api/workspace?token=wrong")),
        s.http.get(s.url("/api/workspace")).bearer_auth(&TOKEN[1..]),
        s.http.post(s.url("/api/undo")),
        s.http.get(s.url("/api/no-such-route")),
    ];
    for (n, request) in wrong.into_iter().enumerate() {
        send_unauthorized(request, n).await;
    }
    let right = [
        s.http.get(s.url("/api/workspace")).bearer_auth(TOKEN),
        s.http
            .get(s.url("/api/workspace"))
            .header(header::COOKIE, format!("theme=dark; kader_token={TOKEN}")),
        s.http.get(s.url(&format!("/api/workspace?token={TOKEN}"))),
    ];
    for (n, request) in right.into_iter().enumerate() {
        assert_eq!(send(request).await.status(), StatusCode::OK, "the token in place {n} is accepted");
    }
}

async fn send_unauthorized(request: RequestBuilder, n: usize) {
    assert_eq!(send(request).await.status(), StatusCode::UNAUTHORIZED, "request {n} is refused");
}

#[tokio::test]
async fn the_facilitator_link_sets_a_strict_cookie_and_leaves_the_address() {
    let s = start().await;
    let response = send(s.http.get(s.url(&format!("/?token={TOKEN}")))).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "a redirect");
    assert_eq!(response.headers()[header::LOCATION], "/", "to the app, without the token");
    let cookie = response.headers()[header::SET_COOKIE].to_str().expect("a cookie").to_owned();
    for part in [&format!("kader_token={TOKEN}") as &str, "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(part), "the cookie has {part}: {cookie}");
    }
    let pair = cookie.split(';').next().expect("name=value").to_owned();
    let info = expect_json(
        s.http.get(s.url("/api/workspace")).header(header::COOKIE, pair),
        StatusCode::OK,
        "with the cookie",
    )
    .await;
    assert_eq!(info["name"], "client", "the cookie opens the API");

    let bad = send(s.http.get(s.url("/?token=stale"))).await;
    assert_eq!(bad.status(), StatusCode::UNAUTHORIZED, "a wrong link is refused");
    assert!(bad.headers().get(header::SET_COOKIE).is_none(), "and sets no cookie");
    assert!(bad.text().await.expect("a page").contains("facilitator"), "it says whom to ask");
}

#[tokio::test]
async fn pages_of_other_origins_are_refused_even_with_the_token() {
    let s = start().await;
    for origin in ["http://evil.example", "null", "https://127.0.0.1", "http://localhost:5173"] {
        for request in [s.get("/api/workspace"), s.post("/api/undo"), s.http.get(s.url("/api/chart"))] {
            let message = expect_error(
                request.header(header::ORIGIN, origin),
                StatusCode::FORBIDDEN,
                "forbidden",
                origin,
            )
            .await;
            assert!(message.contains(origin), "the message names the origin: {message}");
        }
    }
    let own = s.base.clone();
    let info =
        expect_json(s.get("/api/workspace").header(header::ORIGIN, own), StatusCode::OK, "own origin").await;
    assert_eq!(info["people"], 1, "the server's own pages are served");
}

#[tokio::test]
async fn an_allowed_origin_may_call_the_api() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("w.kader");
    Workspace::create(&path, Timestamp(0)).expect("a workspace");
    let api = Arc::new(Api::open(&path).expect("opens"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let mut config = Config::new(Token::new(TOKEN).expect("a token"));
    config.allowed_origins = vec!["http://localhost:5173/".into()];
    tokio::spawn(kader_server::serve(listener, api, config, std::future::pending()));
    let http = Client::new();
    let get = |origin: &str| {
        http.get(format!("{base}/api/workspace")).bearer_auth(TOKEN).header(header::ORIGIN, origin)
    };
    assert_eq!(send(get("http://localhost:5173")).await.status(), StatusCode::OK, "the listed origin");
    assert_eq!(send(get("http://localhost:5174")).await.status(), StatusCode::FORBIDDEN, "another one");
}

#[test]
fn tokens_are_random_and_safe_in_addresses() {
    let (a, b) = (Token::random().expect("a token"), Token::random().expect("a token"));
    assert_ne!(a.as_str(), b.as_str(), "two tokens differ");
    assert_eq!(a.as_str().len(), 64, "256 bits as hex");
    assert!(Token::new(a.as_str()).is_some(), "a random token is URL- and cookie-safe");
    assert!(Token::new("a;b").is_none() && Token::new("").is_none(), "unsafe tokens are refused");
    assert_eq!(format!("{a:?}"), "Token(…)", "Debug does not show the secret");
}

#[tokio::test]
async fn the_desktop_windows_origin_gets_cors_and_others_do_not() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("w.kader");
    kader::Workspace::create(&path, kader::date::Timestamp(0)).expect("a workspace");
    let api = std::sync::Arc::new(kader_api::Api::open(&path).expect("opens"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let mut config = kader_server::Config::new(kader_server::Token::new(TOKEN).expect("a token"));
    config.allowed_origins = vec!["tauri://localhost".into()];
    tokio::spawn(kader_server::serve(listener, api, config, std::future::pending()));
    let http = reqwest::Client::new();
    let preflight = http
        .request(reqwest::Method::OPTIONS, format!("{base}/api/session"))
        .header("origin", "tauri://localhost")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "authorization, content-type")
        .send()
        .await
        .expect("an answer");
    assert_eq!(preflight.status(), reqwest::StatusCode::NO_CONTENT);
    assert_eq!(preflight.headers()["access-control-allow-origin"], "tauri://localhost");
    let answer = http
        .get(format!("{base}/api/workspace"))
        .header("origin", "tauri://localhost")
        .bearer_auth(TOKEN)
        .send()
        .await
        .expect("an answer");
    assert_eq!(answer.status(), reqwest::StatusCode::OK);
    assert_eq!(answer.headers()["access-control-allow-origin"], "tauri://localhost");
    let foreign = http
        .get(format!("{base}/api/workspace"))
        .header("origin", "http://evil.example")
        .bearer_auth(TOKEN)
        .send()
        .await
        .expect("an answer");
    assert_eq!(foreign.status(), reqwest::StatusCode::FORBIDDEN);
    assert!(foreign.headers().get("access-control-allow-origin").is_none());
}

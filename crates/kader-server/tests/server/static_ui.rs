//! The embedded UI and the headers every answer carries.

use super::*;
use reqwest::header;

#[tokio::test]
async fn the_ui_is_served_with_spa_fallback_and_strict_headers() {
    let s = start().await;
    let index = send(s.http.get(s.url("/"))).await;
    assert_eq!(index.status(), StatusCode::OK, "the app needs no token");
    let headers = index.headers().clone();
    assert!(headers[header::CONTENT_TYPE].to_str().is_ok_and(|t| t.starts_with("text/html")), "HTML");
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().expect("a CSP").to_owned();
    assert!(csp.contains("default-src 'self'") && csp.contains("connect-src 'self' ws: wss:"), "CSP: {csp}");
    assert!(
        !csp.contains("unsafe-inline") && csp.contains("style-src 'self';"),
        "no inline scripts or styles: {csp}"
    );
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("script-src 'self' 'unsafe-inline'"),
        "no inline scripts: {csp}"
    );
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "nosniff");
    assert_eq!(headers[header::REFERRER_POLICY], "no-referrer", "no referrer");
    let page = index.text().await.expect("a page");
    assert!(page.contains("<html") || page.contains("<!doctype"), "a page: {page}");
    if !kader_server::ui_built() {
        assert!(page.contains("npm run build"), "without ui/dist, the page says how to build it: {page}");
    }

    let route = send(s.http.get(s.url("/people/some-route"))).await;
    assert_eq!(route.status(), StatusCode::OK, "a page route gets the app");
    assert_eq!(route.text().await.expect("a page"), page, "the same index.html");
    let missing = send(s.http.get(s.url("/assets/missing-file.js"))).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND, "a missing file is a 404, not the app");

    let api = send(s.get("/api/workspace")).await;
    for name in [header::CONTENT_SECURITY_POLICY, header::X_CONTENT_TYPE_OPTIONS, header::REFERRER_POLICY] {
        assert!(api.headers().contains_key(&name), "API answers carry {name}");
    }
    assert_eq!(api.headers()[header::CACHE_CONTROL], "no-store", "API answers are not cached");
    let refused = send(s.http.get(s.url("/api/workspace"))).await;
    assert!(refused.headers().contains_key(header::CONTENT_SECURITY_POLICY), "refusals carry them too");
}

#[tokio::test]
async fn large_answers_are_compressed_for_clients_that_accept_it() {
    let s = start().await;
    let chart = send(s.get("/api/chart").header(header::ACCEPT_ENCODING, "gzip")).await;
    assert_eq!(chart.status(), StatusCode::OK, "the chart");
    assert_eq!(
        chart.headers().get(header::CONTENT_ENCODING).map(|v| v.as_bytes()),
        Some(&b"gzip"[..]),
        "gzip"
    );
    let plain = send(s.get("/api/chart")).await;
    assert!(plain.headers().get(header::CONTENT_ENCODING).is_none(), "not compressed unless accepted");
}

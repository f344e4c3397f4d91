//! `kader serve` in-process, over real sockets: the token and origin guards, every route's happy
//! path and error status, the embedded UI with its headers, and events over the WebSocket.

mod auth;
mod collab;
mod plan;
mod proposals;
mod routes;
mod session;
mod static_ui;
mod websocket;

use kader::date::Timestamp;
use kader::id::{PersonId, RoleId, SeqIds, TeamId};
use kader::model::{Fte, Person, Relation, Role, Team};
use kader::org::Snapshot;
use kader::{Op, Workspace};
use kader_api::Api;
use kader_server::{Config, Token};
use reqwest::{Client, RequestBuilder, Response, StatusCode};
use std::path::PathBuf;
use std::sync::Arc;
use tempfile::TempDir;

pub const TOKEN: &str = "test-token-0123456789";

/// A server on a free port of 127.0.0.1, over a workspace with a small organization.
pub struct Server {
    pub base: String,
    pub path: PathBuf,
    pub ids: Ids,
    pub http: Client,
    _dir: TempDir,
}

pub struct Ids {
    pub ceo: RoleId,
    pub cfo: RoleId,
    pub ann: PersonId,
    pub finance: TeamId,
}

pub async fn start() -> Server {
    start_with(|_| {}).await
}

/// Starts a server after `prepare` has had the workspace file (closed) to change.
pub async fn start_with(prepare: impl FnOnce(&std::path::Path)) -> Server {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("client.kader");
    Workspace::create(&path, Timestamp(0)).expect("a new workspace");
    let mut seq = SeqIds::new(0x5E);
    let finance = Team { id: TeamId::new(&mut seq), name: "Finance".into(), purpose: String::new() };
    let role = |ids: &mut SeqIds, title: &str| Role {
        id: RoleId::new(ids),
        external_id: None,
        title: title.into(),
        purpose: String::new(),
        accountabilities: Vec::new(),
    };
    let (ceo, cfo) = (role(&mut seq, "CEO"), role(&mut seq, "CFO"));
    let ann = Person {
        id: PersonId::new(&mut seq),
        external_id: None,
        name: "Anaïs Dubois".into(),
        location: None,
        hire_date: None,
    };
    let ids = Ids { ceo: ceo.id, cfo: cfo.id, ann: ann.id, finance: finance.id };
    let org = Snapshot {
        relations: vec![
            Relation::ReportsTo { role: cfo.id, manager: ceo.id },
            Relation::MemberOf { role: cfo.id, team: finance.id },
            Relation::Fills { person: ann.id, role: cfo.id, fte: Fte::FULL },
        ],
        persons: vec![ann],
        roles: vec![ceo, cfo],
        teams: vec![finance],
        domains: Vec::new(),
    };
    {
        let api = Api::open(&path).expect("the workspace opens");
        api.apply(Op::Load { org }, "test").expect("the organization loads");
        api.close().expect("the workspace closes");
    }
    prepare(&path);
    let api = Arc::new(Api::open(&path).expect("the workspace opens"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let config = Config::new(Token::new(TOKEN).expect("a safe token"));
    tokio::spawn(kader_server::serve(listener, api, config, std::future::pending()));
    let http = Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("a client");
    Server { base, path, ids, http, _dir: dir }
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
    /// A request with the token as a bearer header.
    pub fn get(&self, path: &str) -> RequestBuilder {
        self.http.get(self.url(path)).bearer_auth(TOKEN)
    }
    pub fn post(&self, path: &str) -> RequestBuilder {
        self.http.post(self.url(path)).bearer_auth(TOKEN)
    }
    pub fn put(&self, path: &str) -> RequestBuilder {
        self.http.put(self.url(path)).bearer_auth(TOKEN)
    }
}

pub async fn send(request: RequestBuilder) -> Response {
    request.send().await.expect("the server answers")
}

/// Sends the request, checks the status and returns the JSON body.
pub async fn expect_json(request: RequestBuilder, status: StatusCode, what: &str) -> serde_json::Value {
    let response = send(request).await;
    let got = response.status();
    let text = response.text().await.expect("a body");
    assert_eq!(got, status, "{what}: status (body {text})");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{what}: the body is JSON ({e}): {text}"))
}

/// Checks an error answer: status, `code` and a message.
pub async fn expect_error(request: RequestBuilder, status: StatusCode, code: &str, what: &str) -> String {
    let body = expect_json(request, status, what).await;
    assert_eq!(body["code"], code, "{what}: code in {body}");
    let message = body["message"].as_str().unwrap_or_default().to_owned();
    assert!(!message.is_empty(), "{what}: a message in {body}");
    message
}

//! `kader serve FILE`: opens the workspace, starts `kader-server` on a tokio runtime, prints the
//! facilitator link, and closes the workspace cleanly on Ctrl+C (or SIGTERM).

use kader::i18n::Msg;
use kader::Workspace;
use kader_api::Api;
use kader_server::{Config, Token};
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub const DEFAULT_PORT: u16 = 7878;

pub struct Options {
    pub host: IpAddr,
    pub port: u16,
    pub ready_file: Option<PathBuf>,
    pub allow_origin: Vec<String>,
}

pub fn run(file: &Path, options: Options) -> Result<(), String> {
    let api = match Api::open_as(file, kader::store::lock::APP_SERVE) {
        Ok(api) => api,
        // Another Kader edits it: serve it read-only, following that Kader's changes.
        Err(e) if e.code == kader_api::Code::Locked => {
            let lang = kader::i18n::Lang::from_env();
            let note = match Workspace::open_read_only(file) {
                Ok(ws) => {
                    let holder = ws.writer().map(|h| Box::new(h.msg()));
                    eprintln!(
                        "kader: {}",
                        Msg::ServingReadOnly { path: file.display().to_string(), holder }.say(lang)
                    );
                    ws
                }
                Err(e) => return Err(e.to_string()),
            };
            Api::new(note).map_err(|e| e.to_string())?
        }
        Err(e) => return Err(e.message),
    };
    let api = Arc::new(api);
    let token = Token::random().map_err(|e| e.to_string())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let served = runtime.block_on(async {
        let Options { host, port, ready_file, allow_origin } = options;
        let listener = tokio::net::TcpListener::bind((host, port)).await.map_err(|e| {
            format!(
                "cannot listen on {}: {e}; choose another --port (0 picks a free one)",
                SocketAddr::new(host, port)
            )
        })?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        // A link to 0.0.0.0 opens nothing: show the loopback address, which always works here.
        let shown = if host.is_unspecified() { IpAddr::V4(Ipv4Addr::LOCALHOST) } else { host };
        let url = format!("http://{}", SocketAddr::new(shown, port));
        let link = format!("{url}/?token={}", token.as_str());

        let mut out = std::io::stdout().lock();
        let print = |out: &mut std::io::StdoutLock, text: String| {
            writeln!(out, "{text}").and_then(|_| out.flush()).map_err(|e| e.to_string())
        };
        print(&mut out, format!("Serving {} at {url}", file.display()))?;
        print(&mut out, format!("Facilitator link (grants full access, keep it private): {link}"))?;
        if !kader_server::ui_built() {
            print(&mut out, "The UI was not built: run `npm run build` in ui/ and rebuild kader.".into())?;
        }
        print(&mut out, "Press Ctrl+C to stop.".into())?;
        drop(out);
        if let Some(path) = ready_file {
            let ready = serde_json::json!({ "url": url, "token": token.as_str(), "link": link });
            write_atomically(&path, &ready.to_string())
                .map_err(|e| format!("cannot write the ready file {}: {e}", path.display()))?;
        }

        let mut config = Config::new(token);
        config.allowed_origins = allow_origin;
        kader_server::serve(listener, api.clone(), config, kader_server::shutdown_signal())
            .await
            .map_err(|e| format!("the server stopped: {e}"))
    });
    // Requests still running on the blocking pool hold the workspace; give them a moment.
    runtime.shutdown_timeout(Duration::from_secs(5));
    served?;
    match Arc::try_unwrap(api) {
        Ok(api) => api.close().map_err(|e| e.to_string())?,
        // Still held by a request that did not finish: dropping it closes the file as well.
        Err(api) => drop(api),
    }
    println!("Stopped; {} is saved.", file.display());
    Ok(())
}

/// Writes the whole file or nothing, so a script polling for it never reads half of it.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

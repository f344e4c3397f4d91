//! Where the server listens and which addresses it answers to. It starts on one address (by
//! default loopback only); a facilitator may open it to the local network, which adds a listener
//! on this computer's network address (same port) and closes it again when asked.
//!
//! Every request's `Host` must be one of the addresses the server listens on (or `localhost`), so
//! a page on another site cannot reach it through a DNS name that resolves here (DNS rebinding).

use axum::http::{header, HeaderMap};
use axum::Router;
use kader_api::ApiError;
use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::sync::{Mutex, OnceLock};
use tokio::sync::oneshot;

#[derive(Default)]
pub(crate) struct Network {
    /// The first listener's address, set when [`crate::serve`] starts.
    local: OnceLock<SocketAddr>,
    /// The application, to serve on the network listener too (dropped when serving ends: it
    /// holds the API).
    app: Mutex<Option<Router>>,
    /// The network listener while open: its address and what stops it.
    lan: Mutex<Option<(SocketAddr, oneshot::Sender<()>)>>,
}

/// This computer's address on its local network: the source address it would use to reach a
/// private address (no packet is sent). `None` when it has no network.
fn lan_address() -> Option<IpAddr> {
    let socket = UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.168.255.255:9").or_else(|_| socket.connect("10.255.255.255:9")).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

impl Network {
    pub(crate) fn started(&self, local: SocketAddr, app: Router) {
        let _ = self.local.set(local);
        *self.app.lock().unwrap_or_else(|p| p.into_inner()) = Some(app);
    }

    /// Serving ended: the network listener closes and the application is let go.
    pub(crate) fn stopped(&self) {
        self.app.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some((_, stop)) = self.lan.lock().unwrap_or_else(|p| p.into_inner()).take() {
            let _ = stop.send(());
        }
    }

    /// Whether `Host` names this server. Without a listener (the router used on its own) any host
    /// is accepted.
    pub(crate) fn host_allowed(&self, headers: &HeaderMap) -> bool {
        let Some(local) = self.local.get() else { return true };
        let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else { return false };
        let port = local.port();
        let (name, host_port) = match host.rsplit_once(':') {
            Some((name, p)) if !name.ends_with(']') || name.starts_with('[') => (name, p.parse::<u16>().ok()),
            _ => (host, Some(80)),
        };
        if host_port != Some(port) {
            return false;
        }
        let name = name.trim_start_matches('[').trim_end_matches(']');
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        let Ok(ip) = name.parse::<IpAddr>() else { return false };
        if ip.is_loopback() {
            return local.ip().is_loopback() || local.ip().is_unspecified();
        }
        if local.ip().is_unspecified() || ip == local.ip() {
            return true;
        }
        self.lan.lock().unwrap_or_else(|p| p.into_inner()).as_ref().is_some_and(|(addr, _)| addr.ip() == ip)
    }

    /// Opens (or closes) the network listener and answers the URL participants join at.
    pub(crate) async fn join_url(&self, headers: &HeaderMap, lan: bool) -> Result<String, ApiError> {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
        let Some(local) = self.local.get().copied() else {
            return Ok(format!("http://{host}/join"));
        };
        if !lan {
            if let Some((_, stop)) = self.lan.lock().unwrap_or_else(|p| p.into_inner()).take() {
                let _ = stop.send(());
            }
            return Ok(format!("http://{host}/join"));
        }
        let ip = lan_address().ok_or_else(|| {
            ApiError::invalid(
                "this computer is not connected to a network: connect it (Wi-Fi or cable) and try again",
            )
        })?;
        let addr = SocketAddr::new(ip, local.port());
        if local.ip().is_unspecified() || local.ip() == ip {
            return Ok(format!("http://{addr}/join"));
        }
        if let Some((open, _)) = self.lan.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            return Ok(format!("http://{open}/join"));
        }
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| ApiError::invalid(format!("Kader could not open {addr} to the network: {e}")))?;
        let app = self.app.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let app = app.ok_or_else(|| ApiError::internal("the server is stopping"))?;
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let service = app.into_make_service_with_connect_info::<SocketAddr>();
            let _ = axum::serve(crate::no_delay(listener), service)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        *self.lan.lock().unwrap_or_else(|p| p.into_inner()) = Some((addr, stop));
        Ok(format!("http://{addr}/join"))
    }
}

//! The preview's HTTP side (tiny_http): the page and its script and style, the file list and
//! each file's view as JSON, and `/events`, a server-sent event stream.
//!
//! Only requests addressed to 127.0.0.1 or localhost at our port are answered, so that a
//! web page elsewhere cannot reach the preview through a name that resolves to this machine.
//! The page's Content-Security-Policy allows nothing but this server: no CDN, no other host.

use std::io::Write as _;
use std::sync::mpsc::{channel, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server};

use super::Shared;

const PAGE: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/app.css");

/// Everything the page loads comes from here; the rendered outputs shown in frames inherit
/// this policy and need their inline styles.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                   img-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; \
                   form-action 'none'";

/// How often an idle event stream is sent a comment, so that a closed page is noticed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values are ASCII")
}

fn respond(request: Request, status: u16, content_type: &str, body: impl Into<Vec<u8>>) {
    let response = Response::from_data(body.into())
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Content-Security-Policy", CSP));
    // The page may have gone away; nothing to do then.
    let _ = request.respond(response);
}

/// Whether the request was addressed to this machine by a local name.
fn local_host(request: &Request, port: u16) -> bool {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_ascii_lowercase());
    match host {
        Some(h) => [format!("127.0.0.1:{port}"), format!("localhost:{port}")].contains(&h),
        None => false,
    }
}

/// Answers requests until the server stops.
pub fn serve(server: &Server, shared: &Arc<Shared>, port: u16) {
    for request in server.incoming_requests() {
        if !local_host(&request, port) {
            respond(
                request,
                403,
                "text/plain; charset=utf-8",
                "只接受本机地址的访问",
            );
            continue;
        }
        if *request.method() != Method::Get {
            respond(request, 405, "text/plain; charset=utf-8", "只支持 GET");
            continue;
        }
        let url = request.url().to_string();
        let path = url.split('?').next().unwrap_or("");
        match path {
            "/" => respond(request, 200, "text/html; charset=utf-8", PAGE),
            "/app.js" => respond(request, 200, "text/javascript; charset=utf-8", SCRIPT),
            "/app.css" => respond(request, 200, "text/css; charset=utf-8", STYLE),
            "/api/files" => respond(
                request,
                200,
                "application/json; charset=utf-8",
                shared.list_json(),
            ),
            "/events" => {
                let shared = shared.clone();
                std::thread::spawn(move || events(request, &shared));
            }
            _ => match path
                .strip_prefix("/api/file/")
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| shared.file_json(n))
            {
                Some(json) => respond(
                    request,
                    200,
                    "application/json; charset=utf-8",
                    json.as_bytes(),
                ),
                None => respond(request, 404, "text/plain; charset=utf-8", "没有这个页面"),
            },
        }
    }
}

/// Streams events to one page until it goes away. The response is written by hand on the
/// connection: tiny_http would buffer a streamed body, and an event must leave at once.
fn events(request: Request, shared: &Shared) {
    let (send, receive) = channel::<String>();
    shared
        .streams
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(send);
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                Cache-Control: no-store\r\nConnection: close\r\n\r\n: 已连接\n\n";
    if writer
        .write_all(head.as_bytes())
        .and_then(|()| writer.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = match receive.recv_timeout(KEEP_ALIVE) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => ": 保持连接\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if writer
            .write_all(message.as_bytes())
            .and_then(|()| writer.flush())
            .is_err()
        {
            return;
        }
    }
}

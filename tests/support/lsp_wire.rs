//! The client side of the LSP wire format (`Content-Length` headers, then a JSON body), shared
//! by the LSP test (tests/lsp.rs) and the `lsp` bench group (benches/perf/editor.rs), each of
//! which loads this file with `#[path]`.

use std::io::{BufRead, BufReader, Read};
use std::process::ChildStdout;
use std::sync::mpsc::{channel, Receiver};

use serde_json::Value;

/// Reads the server's messages on a thread of their own, in order, until the server closes
/// its output or sends a message cut short.
pub fn messages(stdout: ChildStdout) -> Receiver<Value> {
    let mut stdout = BufReader::new(stdout);
    let (send, messages) = channel();
    std::thread::spawn(move || loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.expect("every message has a Content-Length")];
        if stdout.read_exact(&mut body).is_err() {
            return;
        }
        if send.send(serde_json::from_slice(&body).unwrap()).is_err() {
            return;
        }
    });
    messages
}

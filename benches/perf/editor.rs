//! The editor groups (issue 14): how long a drafter waits after typing or saving.
//!
//! `lsp`: `policyc lsp` driven over its standard input and output as an editor drives it; the
//! time from sending a `didChange` to receiving the `publishDiagnostics` of that version, for
//! the largest notice in `policies/` and for a synthetic policy of 5,000 lines. Paired with
//! compiling the same text in this process, so that the ratio says what the server adds.
//!
//! `serve`: `policyc serve` on a file; the time from writing the file to having the new view,
//! as the page gets it (the `update` event on `/events`, then `GET /api/file/0`). Its watcher
//! looks at the file every 40 ms, so half of that is the expected wait before compiling.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::{bench_dir, median, ms, paired, Options, Row, POLICYC};
use policyc::diagnostics::FileId;
use policyc::driver::compile_source;
use policyc::synth;

#[path = "../../tests/support/lsp_wire.rs"]
mod lsp_wire;

/// The two texts every group alternates between: the file as it is, and the same file with
/// one figure changed (a different length, so that the preview's size stamp sees it too).
fn variants(text: &str) -> [String; 2] {
    [
        text.to_string(),
        format!("{text}\n// 修改 {}\n", "一".repeat(3)),
    ]
}

/// The largest notice of `policies/` and a synthetic policy of at least 5,000 lines.
fn inputs(o: &Options) -> Vec<(String, String)> {
    let mut largest: Option<(u64, PathBuf)> = None;
    for e in std::fs::read_dir(&o.policies).unwrap().flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "policy") {
            let len = e.metadata().map_or(0, |m| m.len());
            if largest.as_ref().is_none_or(|(l, _)| len > *l) {
                largest = Some((len, p));
            }
        }
    }
    let (_, path) = largest.expect("a policy in policies/");
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let notice = std::fs::read_to_string(&path).unwrap();
    let mut factor = 1;
    let mut big = synth::notice(o.seed, &synth::Shape::small());
    while big.lines().count() < 5000 {
        factor += 1;
        big = synth::notice(o.seed, &synth::Shape::small().scaled(factor));
    }
    let lines = big.lines().count();
    // Kept beside the results, to profile or to open in an editor.
    let _ = std::fs::create_dir_all(bench_dir());
    let _ = std::fs::write(bench_dir().join("lsp-synthetic.policy"), &big);
    vec![
        (format!("{name} ({} lines)", notice.lines().count()), notice),
        (format!("synthetic policy of {lines} lines"), big),
    ]
}

struct Lsp {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
}

impl Lsp {
    fn start() -> Lsp {
        let mut child = Command::new(POLICYC)
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("policyc lsp starts");
        let stdin = child.stdin.take().unwrap();
        let messages = lsp_wire::messages(child.stdout.take().unwrap());
        let mut lsp = Lsp {
            child,
            stdin,
            messages,
        };
        lsp.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                        "params": {"capabilities": {}}}));
        lsp.wait(|m| m["id"] == json!(1));
        lsp.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        lsp
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn wait(&self, wanted: impl Fn(&Value) -> bool) {
        loop {
            let m = self
                .messages
                .recv_timeout(Duration::from_secs(60))
                .expect("policyc lsp answers within a minute");
            if wanted(&m) {
                return;
            }
        }
    }

    /// Sends `text` as version `version` and waits for that version's diagnostics.
    fn change(&mut self, uri: &str, text: &str, version: i64) -> Duration {
        let start = Instant::now();
        let params = if version == 1 {
            json!({"textDocument": {"uri": uri, "languageId": "policy", "version": 1,
                                    "text": text}})
        } else {
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"text": text}]})
        };
        let method = if version == 1 {
            "textDocument/didOpen"
        } else {
            "textDocument/didChange"
        };
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["version"] == json!(version)
        });
        start.elapsed()
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        self.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
        self.send(json!({"jsonrpc": "2.0", "method": "exit"}));
        let _ = self.child.wait();
    }
}

pub fn lsp(o: &Options, rows: &mut Vec<Row>) {
    for (what, text) in inputs(o) {
        let texts = variants(&text);
        let mut server = Lsp::start();
        let uri = "file:///bench/notice.policy";
        server.change(uri, &texts[0], 1);
        let mut version = 1;
        let mut in_process = 0;
        let rounds = if o.quick { 5 } else { 31 };
        let (local, edit, ratio) = paired(
            rounds,
            || {
                in_process += 1;
                let start = Instant::now();
                std::hint::black_box(compile_source(
                    &texts[in_process % 2],
                    "notice.policy",
                    FileId(0),
                    &[],
                ));
                start.elapsed()
            },
            || {
                version += 1;
                server.change(uri, &texts[version as usize % 2], version)
            },
        );
        rows.push(Row {
            what: format!("`policyc lsp`: change to published diagnostics, {what}"),
            figure: format!("median {} ({ratio:.2}× compiling it in process)", ms(edit)),
            target: if what.starts_with("synthetic") {
                "< 100 ms".into()
            } else {
                "< 20 ms".into()
            },
            detail: format!("{rounds} paired rounds; in-process compile {}", ms(local)),
        });
    }
}

/// `policyc serve` on one file, with an open event stream.
struct Preview {
    child: Child,
    port: u16,
    events: Receiver<String>,
}

impl Preview {
    fn start(file: &Path) -> Preview {
        let mut child = Command::new(POLICYC)
            .args(["serve", "--port", "0"])
            .arg(file)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("policyc serve starts");
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let port = line
            .trim()
            .rsplit(':')
            .next()
            .and_then(|p| p.trim_end_matches('/').parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            stream,
            "GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
        )
        .unwrap();
        let (send, events) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { return };
                if line.starts_with("event: update") && send.send(line).is_err() {
                    return;
                }
            }
        });
        Preview {
            child,
            port,
            events,
        }
    }

    /// The raw response to the page's request for the view (chunked, so bytes, not text).
    fn view(&self) -> Vec<u8> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            s,
            "GET /api/file/0 HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        )
        .unwrap();
        let mut body = Vec::new();
        s.read_to_end(&mut body).unwrap();
        body
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn serve(o: &Options, rows: &mut Vec<Row>) {
    let dir = bench_dir().join("serve");
    std::fs::create_dir_all(&dir).unwrap();
    for (what, text) in inputs(o).into_iter().take(1) {
        let texts = variants(&text);
        let file = dir.join("notice.policy");
        std::fs::write(&file, &texts[0]).unwrap();
        let preview = Preview::start(&file);
        let rounds = if o.quick { 5 } else { 21 };
        let mut times = Vec::new();
        for r in 0..rounds {
            // Let the watcher settle, so that each save is seen as one change.
            std::thread::sleep(Duration::from_millis(150));
            while preview.events.try_recv().is_ok() {}
            let start = Instant::now();
            std::fs::write(&file, &texts[(r + 1) % 2]).unwrap();
            preview
                .events
                .recv_timeout(Duration::from_secs(30))
                .expect("an update event after a save");
            let view = preview.view();
            times.push(start.elapsed().as_secs_f64());
            assert!(
                view.starts_with(b"HTTP/1.1 200"),
                "{}",
                String::from_utf8_lossy(&view[..view.len().min(80)])
            );
        }
        rows.push(Row {
            what: format!("`policyc serve`: save to new view, {what}"),
            figure: format!("median {}", ms(median(&times))),
            target: "< 200 ms".into(),
            detail: format!(
                "{rounds} saves; the watcher polls every 40 ms; max {}",
                ms(times.iter().cloned().fold(0.0, f64::max))
            ),
        });
    }
}

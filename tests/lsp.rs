//! `policyc lsp` driven as an editor drives it: JSON-RPC messages over the process's
//! standard input and output.

use std::io::Write;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use serde_json::{json, Value};

#[path = "support/lsp_wire.rs"]
mod lsp_wire;

/// A breakdown whose parts (120 + 330) miss its total (460): A101 on the total's value.
const WRONG: &str = "方案 某县平房区节能改造方案 {\n  分解 改造户数 按 街道 {\n    合计：460户\n    昭君街道：120户\n    工业街道：330户\n  }\n  「完成{改造户数}节能改造。」\n}\n";

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_policyc"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("policyc lsp starts");
        let stdin = child.stdin.take().unwrap();
        let messages = lsp_wire::messages(child.stdout.take().unwrap());
        Client {
            child,
            stdin,
            messages,
            next_id: 1,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response (skipping notifications).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self.next();
            if m["id"] == json!(id) {
                assert!(m.get("error").is_none(), "{m}");
                return m["result"].clone();
            }
        }
    }

    fn next(&mut self) -> Value {
        self.messages
            .recv_timeout(Duration::from_secs(30))
            .expect("the server answers within 30 s")
    }

    /// The next diagnostics published.
    fn diagnostics(&mut self) -> Value {
        loop {
            let m = self.next();
            if m["method"] == "textDocument/publishDiagnostics" {
                return m["params"].clone();
            }
        }
    }
}

fn at(line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}})
}

const URI: &str = "file:///tmp/policyc-lsp-test/%E6%94%B9%E9%80%A0.policy";

#[test]
fn an_editor_session_reports_hovers_jumps_and_clears_a_fixed_error() {
    let mut client = Client::start();
    let init = client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    let caps = &init["capabilities"];
    assert_eq!(caps["hoverProvider"], json!(true), "{init}");
    assert_eq!(caps["definitionProvider"], json!(true));
    client.notify("initialized", json!({}));

    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "policy", "version": 1, "text": WRONG}}),
    );
    let published = client.diagnostics();
    assert_eq!(published["uri"], URI);
    let diags = published["diagnostics"].as_array().unwrap();
    let a101 = diags
        .iter()
        .find(|d| d["code"] == "A101")
        .unwrap_or_else(|| panic!("A101 expected: {published}"));
    // The same message as `policyc check`, on the total's value: line 2 (from 0), after
    // four spaces and 合计：, i.e. UTF-16 column 7 (byte 13).
    assert!(
        a101["message"]
            .as_str()
            .unwrap()
            .starts_with("“改造户数”的合计与分项之和不符"),
        "{a101}"
    );
    assert_eq!(a101["severity"], 1);
    assert_eq!(
        a101["range"]["start"],
        json!({"line": 2, "character": 7}),
        "{a101}"
    );

    // Hover over {改造户数} in the paragraph (line 6: two spaces, 「完成{ → 改 at 6).
    let hover = client.request("textDocument/hover", at(6, 7));
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("写作：460户"), "{shown}");
    assert!(shown.contains("精确数"), "{shown}");
    assert!(shown.contains("分解“改造户数”（第2行）的合计"), "{shown}");

    // Go to definition: the breakdown that names it, on line 1 after 分解 (column 5).
    let definition = client.request("textDocument/definition", at(6, 7));
    assert_eq!(definition["uri"], URI);
    assert_eq!(
        definition["range"],
        json!({"start": {"line": 1, "character": 5}, "end": {"line": 1, "character": 9}}),
        "{definition}"
    );
    let references = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": URI}, "position": {"line": 6, "character": 7},
               "context": {"includeDeclaration": true}}),
    );
    assert_eq!(references.as_array().unwrap().len(), 2, "{references}");

    // Completion inside {…} offers the figures' paths.
    let items = client.request("textDocument/completion", at(6, 6));
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert!(labels.contains(&"改造户数.昭君街道"), "{labels:?}");

    // Fixing the part clears the diagnostics.
    let fixed = WRONG.replace("330户", "340户");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let published = client.diagnostics();
    assert_eq!(published["version"], 2);
    assert_eq!(published["diagnostics"], json!([]), "{published}");

    // Formatting is policyc fmt's: indentation and the full-width colon.
    let other = "file:///tmp/policyc-lsp-test/fmt.policy";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": other, "languageId": "policy", "version": 1,
               "text": "方案 某县改造方案 {\n指标 户数:460户\n}\n"}}),
    );
    let edits = client.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": other}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let new_text = edits[0]["newText"].as_str().unwrap_or_default();
    assert!(new_text.contains("\n  指标 户数：460户\n"), "{edits}");

    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    client.notify("exit", Value::Null);
    drop(client.stdin);
    let status = client.child.wait().unwrap();
    assert!(status.success(), "{status}");
}

#[test]
fn a_character_outside_the_bmp_counts_two_utf16_units() {
    let mut client = Client::start();
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    client.notify("initialized", json!({}));
    // 𠀀 (outside the Basic Multilingual Plane) counts two UTF-16 units.
    let text = "方案 某县改造方案 {\n  「𠀀」；复述 甲：3户\n}\n";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "policy", "version": 1, "text": text}}),
    );
    let published = client.diagnostics();
    let first = &published["diagnostics"][0];
    assert!(first["code"] == "E0101", "{published}");
    // Two spaces, 「, two units for 𠀀, 」；, 复述 and a space: 甲 is at unit 10 (character 9).
    assert_eq!(
        first["range"]["start"],
        json!({"line": 1, "character": 10}),
        "{published}"
    );
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert!(client.child.wait().unwrap().success());
}

//! `policyc lsp`: a Language Server Protocol server over standard input and output.
//!
//! Each open document is compiled as `policyc check` compiles a file (the same stages, codes
//! and messages, the project's `policyc.yaml` above it), whenever it changes; its
//! diagnostics are published with positions in UTF-16 code units. Hover, go to definition,
//! find references and completion read the last model of the document; formatting is
//! `policyc fmt`'s. Changes that arrive
//! together (fast typing) are compiled once: a document is compiled when no message is
//! waiting, or when a request needs its model.

mod complete;
mod hover;
mod names;
mod position;

use std::collections::HashMap;
use std::path::PathBuf;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    Completion, Formatting, GotoDefinition, HoverRequest, References, Request as _,
};
use lsp_types::{
    CompletionOptions, CompletionParams, DiagnosticRelatedInformation, DiagnosticSeverity,
    DocumentFormattingParams, GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverContents,
    HoverParams, HoverProviderCapability, Location, MarkupContent, MarkupKind, NumberOrString,
    OneOf, PublishDiagnosticsParams, ReferenceParams, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};

use crate::diagnostics::{normalize_newlines, Diagnostic, FileId, Severity};
use crate::model::Policy;

pub use complete::{grammar_keywords, Keyword};
pub use hover::{interval, relations};
pub use position::LineIndex;

/// Runs the server on standard input and output until the client shuts it down; the exit
/// status for the command.
pub fn run() -> u8 {
    let (connection, io_threads) = Connection::stdio();
    let served = serve(&connection);
    drop(connection);
    let joined = io_threads.join();
    match (served, joined) {
        (Ok(()), Ok(())) => 0,
        (Err(e), _) => {
            eprintln!("policyc lsp: {e}");
            1
        }
        (_, Err(e)) => {
            eprintln!("policyc lsp: 与编辑器的连接中断：{e}");
            1
        }
    }
}

type Failure = Box<dyn std::error::Error + Send + Sync>;

/// What the server tells the editor it can do.
fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["{".into()]),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// Serves one connection: the initialize handshake, then messages until shutdown and exit.
pub fn serve(connection: &Connection) -> Result<(), Failure> {
    let (id, _params) = connection.initialize_start()?;
    connection.initialize_finish(
        id,
        serde_json::json!({
            "capabilities": capabilities(),
            "serverInfo": {"name": "policyc", "version": env!("CARGO_PKG_VERSION")},
        }),
    )?;
    let mut server = Server::default();
    loop {
        // Compile what changed once nothing is waiting, so that a burst of edits is
        // compiled once.
        let message = if server.dirty.is_empty() {
            match connection.receiver.recv() {
                Ok(m) => m,
                Err(_) => return Ok(()),
            }
        } else {
            match connection.receiver.try_recv() {
                Ok(m) => m,
                Err(crossbeam_channel::TryRecvError::Empty) => {
                    server.publish_dirty(connection)?;
                    continue;
                }
                Err(crossbeam_channel::TryRecvError::Disconnected) => return Ok(()),
            }
        };
        match message {
            Message::Request(req) => {
                if connection.handle_shutdown(&req)? {
                    return Ok(());
                }
                let response = server.answer(req);
                connection.sender.send(Message::Response(response))?;
            }
            Message::Notification(n) => server.notified(n),
            Message::Response(_) => {}
        }
    }
}

/// An open document and what was last made of it.
struct Document {
    /// The text as the editor has it, line breaks normalised as on load.
    text: String,
    version: i32,
    /// `None` until compiled after the last change.
    analysis: Option<Analysis>,
}

/// A compiled document.
struct Analysis {
    policy: Option<Policy>,
    diagnostics: Vec<Diagnostic>,
    lines: LineIndex,
}

#[derive(Default)]
struct Server {
    documents: HashMap<String, (Uri, Document)>,
    /// Documents changed since their diagnostics were last published.
    dirty: Vec<String>,
}

/// The local path of a `file:` URI (percent-decoded; `/c:/…` on Windows becomes `c:/…`).
pub fn uri_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let path = rest.find('/').map_or(rest, |i| &rest[i..]);
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h)? * 16 + hex(l)?) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    let path = String::from_utf8(out).ok()?;
    let windows_drive = path.len() > 2 && path.as_bytes()[2] == b':';
    Some(PathBuf::from(if windows_drive {
        &path[1..]
    } else {
        &path
    }))
}

/// Compiles a document's text as `policyc check` compiles the file.
fn analyse(uri: &Uri, text: &str) -> Analysis {
    let path = uri_path(uri.as_str());
    let shown = path
        .as_ref()
        .map_or_else(|| uri.as_str().to_string(), |p| p.display().to_string());
    let mut diagnostics = Vec::new();
    let project = match path.as_deref().map(crate::checks::levels::find_project) {
        Some(Ok(Some(p))) => p.levels,
        Some(Err(message)) => {
            diagnostics.push(
                Diagnostic::new(
                    "E0108",
                    Severity::Error,
                    format!("项目配置无法读取：{message}"),
                    FileId(0),
                )
                .with_help(
                    "policyc.yaml 中每个检查代码对应 允许、提示、警告 或 禁止；允许时须写 reason",
                ),
            );
            Vec::new()
        }
        _ => Vec::new(),
    };
    let (policy, mut found) = crate::driver::on_worker_stack(|| {
        crate::driver::compile_source(text, &shown, FileId(0), &project)
    });
    found.append(&mut diagnostics);
    crate::diagnostics::sort_diagnostics(&mut found);
    Analysis {
        policy,
        diagnostics: found,
        lines: LineIndex::new(text),
    }
}

/// A diagnostic as LSP has it: the message as `check` prints it, its help and notes below.
fn lsp_diagnostic(
    d: &Diagnostic,
    uri: &Uri,
    text: &str,
    lines: &LineIndex,
) -> lsp_types::Diagnostic {
    let range = d
        .primary_span()
        .map_or_else(Default::default, |s| lines.range(text, s));
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!("\n帮助：{help}"));
    }
    for note in &d.notes {
        message.push_str(&format!("\n注：{note}"));
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .filter(|l| !l.primary)
        .map(|l| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), lines.range(text, l.span)),
            message: if l.message.is_empty() {
                "相关位置".into()
            } else {
                l.message.clone()
            },
        })
        .collect();
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Note => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.code.to_string())),
        source: Some("policyc".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

impl Server {
    fn notified(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                {
                    let doc = p.text_document;
                    self.changed(doc.uri, normalize_newlines(doc.text), doc.version);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = n.extract::<lsp_types::DidChangeTextDocumentParams>(
                    DidChangeTextDocument::METHOD,
                ) {
                    // Full synchronisation: the last change holds the whole text.
                    if let Some(change) = p.content_changes.into_iter().last() {
                        let doc = p.text_document;
                        self.changed(doc.uri, normalize_newlines(change.text), doc.version);
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                {
                    let key = p.text_document.uri.as_str().to_string();
                    self.documents.remove(&key);
                    self.dirty.retain(|k| *k != key);
                }
            }
            _ => {}
        }
    }

    fn changed(&mut self, uri: Uri, text: String, version: i32) {
        let key = uri.as_str().to_string();
        let doc = Document {
            text,
            version,
            analysis: None,
        };
        self.documents.insert(key.clone(), (uri, doc));
        if !self.dirty.contains(&key) {
            self.dirty.push(key);
        }
    }

    /// Compiles every changed document and publishes its diagnostics.
    fn publish_dirty(&mut self, connection: &Connection) -> Result<(), Failure> {
        for key in std::mem::take(&mut self.dirty) {
            let Some((uri, doc)) = self.documents.get_mut(&key) else {
                continue;
            };
            let analysis = doc.analysis.get_or_insert_with(|| analyse(uri, &doc.text));
            let params = PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics: analysis
                    .diagnostics
                    .iter()
                    .map(|d| lsp_diagnostic(d, uri, &doc.text, &analysis.lines))
                    .collect(),
                version: Some(doc.version),
            };
            connection
                .sender
                .send(Message::Notification(Notification::new(
                    PublishDiagnostics::METHOD.into(),
                    params,
                )))?;
        }
        Ok(())
    }

    /// The document's text and model, compiled now if it changed since.
    fn document(&mut self, uri: &Uri) -> Option<(&Uri, &str, &Analysis)> {
        let (uri, doc) = self.documents.get_mut(uri.as_str())?;
        let analysis = doc.analysis.get_or_insert_with(|| analyse(uri, &doc.text));
        Some((uri, doc.text.as_str(), analysis))
    }

    fn answer(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        let answered =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.dispatch(req)));
        match answered {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                "内部错误：policyc 未能回答这个请求".into(),
            ),
        }
    }

    fn dispatch(&mut self, req: Request) -> Result<serde_json::Value, (ErrorCode, String)> {
        fn params<T: serde::de::DeserializeOwned>(req: Request) -> Result<T, (ErrorCode, String)> {
            serde_json::from_value(req.params)
                .map_err(|e| (ErrorCode::InvalidParams, format!("请求参数有误：{e}")))
        }
        let json = |v: serde_json::Value| Ok(v);
        match req.method.as_str() {
            HoverRequest::METHOD => {
                let p: HoverParams = params(req)?;
                let at = p.text_document_position_params;
                json(serde_json::json!(
                    self.hover(&at.text_document.uri, at.position)
                ))
            }
            GotoDefinition::METHOD => {
                let p: GotoDefinitionParams = params(req)?;
                let at = p.text_document_position_params;
                let found = self
                    .locations(&at.text_document.uri, at.position, false)
                    .and_then(|l| l.into_iter().next())
                    .map(GotoDefinitionResponse::Scalar);
                json(serde_json::json!(found))
            }
            References::METHOD => {
                let p: ReferenceParams = params(req)?;
                let at = p.text_document_position;
                let found = self.locations(&at.text_document.uri, at.position, true);
                json(serde_json::json!(found))
            }
            Completion::METHOD => {
                let p: CompletionParams = params(req)?;
                let at = p.text_document_position;
                json(serde_json::json!(
                    self.complete(&at.text_document.uri, at.position)
                ))
            }
            Formatting::METHOD => {
                let p: DocumentFormattingParams = params(req)?;
                json(serde_json::json!(self.format(&p.text_document.uri)))
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("policyc lsp 不支持 {other}"),
            )),
        }
    }

    fn hover(&mut self, uri: &Uri, at: lsp_types::Position) -> Option<Hover> {
        let (_, text, analysis) = self.document(uri)?;
        let policy = analysis.policy.as_ref()?;
        let byte = analysis.lines.offset(text, at);
        let target = names::target_at(policy, text, byte)?;
        let range = names::word_at(text, byte).map(|(s, _)| analysis.lines.range(text, s));
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: hover::hover_text(policy, text, &target),
            }),
            range,
        })
    }

    /// The declaration of what is named at `at`, and with `all` every mention of it.
    fn locations(
        &mut self,
        uri: &Uri,
        at: lsp_types::Position,
        all: bool,
    ) -> Option<Vec<Location>> {
        let (uri, text, analysis) = self.document(uri)?;
        let policy = analysis.policy.as_ref()?;
        let byte = analysis.lines.offset(text, at);
        let target = names::target_at(policy, text, byte)?;
        let spans = if all {
            names::references(policy, text, &target)
        } else {
            vec![names::declaration(policy, text, &target)]
        };
        Some(
            spans
                .into_iter()
                .map(|s| Location::new(uri.clone(), analysis.lines.range(text, s)))
                .collect(),
        )
    }

    /// `policyc fmt` of the document, as one edit of the whole text; none when it is
    /// already formatted or cannot be (a syntax error, reported by the diagnostics).
    fn format(&mut self, uri: &Uri) -> Option<Vec<lsp_types::TextEdit>> {
        let (uri, text, analysis) = self.document(uri)?;
        let path = uri_path(uri.as_str())
            .map_or_else(|| uri.as_str().to_string(), |p| p.display().to_string());
        let formatted = crate::driver::on_worker_stack(|| {
            crate::fmt::format_source(text, &path, FileId(0)).ok()
        })?;
        if formatted == text {
            return Some(Vec::new());
        }
        let whole = analysis
            .lines
            .range(text, crate::diagnostics::Span::new(0, text.len()));
        Some(vec![lsp_types::TextEdit::new(whole, formatted)])
    }

    fn complete(
        &mut self,
        uri: &Uri,
        at: lsp_types::Position,
    ) -> Option<Vec<lsp_types::CompletionItem>> {
        let (_, text, analysis) = self.document(uri)?;
        let byte = analysis.lines.offset(text, at);
        let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
        Some(complete::completions(
            analysis.policy.as_ref(),
            &text[line_start..byte],
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            uri_path("file:///work/%E6%96%B9%E6%A1%88.policy"),
            Some(PathBuf::from("/work/方案.policy"))
        );
        assert_eq!(
            uri_path("file:///c%3A/docs/a.policy"),
            Some(PathBuf::from("c:/docs/a.policy"))
        );
        assert_eq!(uri_path("untitled:Untitled-1"), None);
    }
}

//! What the preview page shows for one file: the notice draft, the task table and the Gantt
//! chart as `policyc build` renders them, and every finding with its source line, carets and
//! explanation, as one JSON document the page fetches after each change.
//!
//! The notice is rendered once more from a copy of the model in which every figure's text
//! carries a marker, so that the page can make each figure clickable (where it is declared,
//! what it checks against); the official outputs are never rendered this way.

use std::path::Path;

use serde::Serialize;

use crate::diagnostics::{self, Diagnostic, FileId, SourceMap};
use crate::model::Policy;
use crate::render::{self, FindingsSummary, RenderInput, Templates};

/// One file's page data.
#[derive(Debug, Serialize)]
pub struct FileView {
    pub name: String,
    pub title: String,
    pub compiled: bool,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// notice.html, tasks.html and gantt.html as `build` writes them (the notice with its
    /// figures marked), or `None` when the file does not compile or a template fails.
    pub notice: Option<String>,
    pub tasks: Option<String>,
    pub gantt: Option<String>,
    pub findings: Vec<FindingView>,
    pub figures: Vec<FigureView>,
    /// Why an output could not be rendered.
    pub problems: Vec<String>,
}

/// One finding.
#[derive(Debug, Serialize)]
pub struct FindingView {
    pub code: String,
    pub severity: String,
    pub severity_zh: String,
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The diagnostic as `policyc check` prints it: source lines and carets, help, notes.
    pub snippet: String,
    /// The registry's title and explanation (`policyc explain`).
    pub title: String,
    pub explanation: String,
}

/// A figure, as clicking it in the notice shows it.
#[derive(Debug, Serialize)]
pub struct FigureView {
    pub id: String,
    pub written: String,
    pub interval: String,
    pub line: usize,
    /// The declaring line as written.
    pub source: String,
    pub relations: Vec<String>,
}

/// Compiles and renders one file (on a worker thread, as `build` does).
pub fn file_view(path: &Path, name: &str, templates: &Templates) -> FileView {
    crate::driver::on_worker_stack(|| {
        let loaded = crate::driver::compile_file_as(path, FileId(0));
        let mut compiled = loaded.compiled;
        diagnostics::sort_diagnostics(&mut compiled.diagnostics);
        view_of(
            name,
            &loaded.text,
            compiled.policy.as_mut(),
            &compiled.diagnostics,
            templates,
        )
    })
}

fn view_of(
    name: &str,
    text: &str,
    policy: Option<&mut Policy>,
    diags: &[Diagnostic],
    templates: &Templates,
) -> FileView {
    let mut map = SourceMap::new();
    map.add(name, text);
    let counts = diagnostics::Counts::of(diags);
    let findings = diags.iter().map(|d| finding(&map, d)).collect();
    let mut view = FileView {
        name: name.to_string(),
        title: name.to_string(),
        compiled: policy.is_some(),
        errors: counts.errors,
        warnings: counts.warnings,
        notes: counts.notes,
        notice: None,
        tasks: None,
        gantt: None,
        findings,
        figures: Vec::new(),
        problems: Vec::new(),
    };
    let Some(policy) = policy else {
        return view;
    };
    policy.file = name.to_string();
    if let Some(title) = policy
        .plans
        .first()
        .map(|p| p.title.clone())
        .or_else(|| policy.notice.as_ref().and_then(|n| n.title.clone()))
    {
        view.title = title;
    }
    view.figures = policy
        .figures
        .iter()
        .map(|f| {
            let (line, _) = diagnostics::location_in(text, f.span.start);
            FigureView {
                id: f.id.clone(),
                written: f.quantity.written.clone(),
                interval: crate::lsp::interval(&f.quantity),
                line,
                source: text.lines().nth(line - 1).unwrap_or("").trim().to_string(),
                relations: crate::lsp::relations(policy, text, &f.id),
            }
        })
        .collect();
    let summary = FindingsSummary::of(text, diags);
    let input = RenderInput {
        policy,
        stem: name,
        findings: &summary,
        source: text,
        templates,
        draft: render::notice::DraftOptions::default(),
    };
    match render::tasks::write(&input) {
        Ok(files) => view.tasks = output(files, "tasks.html"),
        Err(e) => view.problems.push(format!("任务分解表：{e:#}")),
    }
    match render::gantt::write(&input) {
        Ok(files) => view.gantt = output(files, "gantt.html"),
        Err(e) => view.problems.push(format!("甘特图：{e:#}")),
    }
    match marked_notice(policy, templates) {
        Ok(html) => view.notice = Some(html),
        Err(e) => view.problems.push(format!("通知文稿：{e:#}")),
    }
    view
}

fn output(files: Vec<render::Output>, name: &str) -> Option<String> {
    files
        .into_iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, bytes)| String::from_utf8(bytes).ok())
}

fn finding(map: &SourceMap, d: &Diagnostic) -> FindingView {
    let place = d.primary_span().map(|s| map.location(d.file, s.start));
    let info = diagnostics::lookup(d.code);
    FindingView {
        code: d.code.to_string(),
        severity: d.severity.as_str().to_string(),
        severity_zh: d.severity.label_zh().to_string(),
        message: d.message.clone(),
        line: place.map(|p| p.0),
        column: place.map(|p| p.1),
        snippet: diagnostics::render_human(map, std::slice::from_ref(d), false),
        title: info.map_or_else(String::new, |i| i.title.to_string()),
        explanation: info.map_or_else(String::new, |i| i.explanation.to_string()),
    }
}

/// Private-use characters around a figure's number in the marked copy of the model; no
/// notice holds them, and HTML escaping leaves them alone.
const MARK_OPEN: char = '\u{F8F0}';
const MARK_CLOSE: char = '\u{F8F1}';

/// notice.html with every figure the notice prints wrapped in `<span data-fig="N">`.
fn marked_notice(policy: &Policy, templates: &Templates) -> anyhow::Result<String> {
    let mut marked = policy.clone();
    marked.figure_index = Default::default();
    for (i, f) in marked.figures.iter_mut().enumerate() {
        f.quantity.written = format!("{MARK_OPEN}{i}{MARK_CLOSE}");
    }
    let view = render::notice::notice_view(&marked);
    let html = templates.render("notice.html.j2", &minijinja::Value::from_serialize(&view))?;
    Ok(unmark(&html, policy))
}

/// Replaces each marker by the figure as written: a clickable span in text, the bare text
/// inside a tag (an attribute cannot hold markup).
fn unmark(html: &str, policy: &Policy) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut rest = html;
    while let Some(i) = rest.find(['<', '>', MARK_OPEN]) {
        let c = rest[i..].chars().next().unwrap_or('<');
        out.push_str(&rest[..i]);
        rest = &rest[i + c.len_utf8()..];
        match c {
            '<' => {
                in_tag = true;
                out.push('<');
            }
            '>' => {
                in_tag = false;
                out.push('>');
            }
            _ => {
                let Some(end) = rest.find(MARK_CLOSE) else {
                    continue;
                };
                let index: Option<usize> = rest[..end].parse().ok();
                let written = index
                    .and_then(|n| policy.figures.get(n))
                    .map_or("", |f| f.quantity.written.as_str());
                let escaped = minijinja::HtmlEscape(written).to_string();
                match index {
                    Some(n) if !in_tag => out.push_str(&format!(
                        "<span class=\"fig\" data-fig=\"{n}\">{escaped}</span>"
                    )),
                    _ => out.push_str(&escaped),
                }
                rest = &rest[end + MARK_CLOSE.len_utf8()..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "方案 某县改造方案 {\n  分解 改造户数 {\n    合计：460户\n    甲街道：120户\n    乙街道：330户\n  }\n  「完成{改造户数}改造。」\n}\n";

    #[test]
    fn the_notice_marks_figures_and_findings_carry_their_source_line() {
        let (mut policy, diags) = crate::driver::compile_source(TEXT, "a.policy", FileId(0), &[]);
        let view = view_of(
            "a.policy",
            TEXT,
            policy.as_mut(),
            &diags,
            &Templates::builtin(),
        );
        assert_eq!(view.title, "某县改造方案");
        let notice = view.notice.unwrap();
        assert!(
            notice.contains("完成<span class=\"fig\" data-fig=\"0\">460户</span>改造"),
            "{notice}"
        );
        assert!(!notice.contains(MARK_OPEN));
        let a101 = view.findings.iter().find(|f| f.code == "A101").unwrap();
        assert_eq!(a101.line, Some(3));
        assert!(a101.snippet.contains("合计：460户"), "{}", a101.snippet);
        assert!(!a101.explanation.is_empty());
        assert!(view.tasks.is_some() && view.gantt.is_some());
        assert!(view.figures[0].relations[0].contains("的合计"));
    }

    #[test]
    fn markers_inside_tags_become_plain_text() {
        let (policy, _) = crate::driver::compile_source(TEXT, "a.policy", FileId(0), &[]);
        let policy = policy.unwrap();
        let html = format!("<p title=\"{MARK_OPEN}0{MARK_CLOSE}\">{MARK_OPEN}0{MARK_CLOSE}</p>");
        assert_eq!(
            unmark(&html, &policy),
            "<p title=\"460户\"><span class=\"fig\" data-fig=\"0\">460户</span></p>"
        );
    }
}

//! index.html at the top of the output folder: every policy, what the checks found in it,
//! and links to every file written for it.

use serde::Serialize;

use super::text::href;
use super::{FindingsSummary, Templates};
use crate::diagnostics::codes;

/// The index page as templates see it.
#[derive(Debug, Serialize)]
pub struct IndexView {
    pub policies: Vec<IndexEntry>,
    /// Totals over every policy.
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// What each code found anywhere means (`policyc explain`), sorted by code; each finding
    /// links to its code's entry (`#code-A101`).
    pub explanations: Vec<Explanation>,
}

/// One code's explanation, as `policyc explain CODE` gives it.
#[derive(Debug, Serialize)]
pub struct Explanation {
    pub code: &'static str,
    pub title: &'static str,
    pub severity_zh: &'static str,
    pub explanation: &'static str,
}

/// One policy file.
#[derive(Debug, Serialize)]
pub struct IndexEntry {
    /// The policy file as given on the command line.
    pub file: String,
    /// Its output folder's name, when it was compiled.
    pub stem: Option<String>,
    /// The first plan's title, the notice's title, or the file name.
    pub title: String,
    /// The file compiled (a syntax error or an unreadable file leaves no outputs).
    pub compiled: bool,
    pub findings: FindingsSummary,
    pub outputs: Vec<OutputLink>,
    /// The link to source.html, which shows each finding on its line (`…#L12` is appended).
    pub source_href: Option<String>,
}

/// A link to one output.
#[derive(Debug, Serialize)]
pub struct OutputLink {
    /// Path relative to the output folder: 000_x/tasks.html.
    pub path: String,
    /// The same, percent-encoded for a link.
    pub href: String,
    /// The file name.
    pub name: String,
    /// What it is, in Chinese: 任务分解表（网页）.
    pub label: String,
}

impl OutputLink {
    pub fn new(stem: &str, name: &str) -> OutputLink {
        let path = format!("{stem}/{name}");
        OutputLink {
            href: href(&path),
            label: label(name),
            name: name.to_string(),
            path,
        }
    }
}

/// What a file is, from its name.
pub fn label(name: &str) -> String {
    fn kind(ext: &str) -> &str {
        match ext {
            "md" => "Markdown",
            "html" => "网页",
            "csv" => "CSV",
            "xlsx" => "Excel",
            "json" => "JSON",
            "svg" => "SVG",
            "docx" => "Word",
            other => other,
        }
    }
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let what = match stem {
        "tasks" => "任务分解表".to_string(),
        "appendix" => "附件表格".to_string(),
        "subsidy" => "补贴测算表".to_string(),
        "notice" => "通知文稿".to_string(),
        "model" => "类型化模型".to_string(),
        "source" => "政策文件及检查结果".to_string(),
        s if s.starts_with("appendix-") => format!("附件表格 表{}", &s["appendix-".len()..]),
        s if s.starts_with("gantt") => "甘特图".to_string(),
        s => s.to_string(),
    };
    format!("{what}（{}）", kind(ext))
}

/// Renders index.html.
pub fn write_index(policies: Vec<IndexEntry>, templates: &Templates) -> anyhow::Result<Vec<u8>> {
    let mut used: Vec<&str> = policies
        .iter()
        .flat_map(|p| &p.findings.items)
        .map(|f| f.code.as_str())
        .collect();
    used.sort_unstable();
    used.dedup();
    let explanations = used
        .into_iter()
        .filter_map(codes::lookup)
        .map(|c| Explanation {
            code: c.code,
            title: c.title,
            severity_zh: c.severity.label_zh(),
            explanation: c.explanation,
        })
        .collect();
    let view = IndexView {
        explanations,
        errors: policies.iter().map(|p| p.findings.errors).sum(),
        warnings: policies.iter().map(|p| p.findings.warnings).sum(),
        notes: policies.iter().map(|p| p.findings.notes).sum(),
        policies,
    };
    let html = templates
        .render("index.html.j2", &view)
        .map_err(|e| anyhow::anyhow!("index.html.j2: {e}"))?;
    Ok(html.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_are_labelled() {
        assert_eq!(label("tasks.xlsx"), "任务分解表（Excel）");
        assert_eq!(label("appendix-2.csv"), "附件表格 表2（CSV）");
    }
}

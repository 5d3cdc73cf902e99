//! Stage 4, render: everything official, generated from the model through templates.
//!
//! Templates (`templates/`, overridable with `--templates DIR`) see only serde data: the
//! model, or view structs derived from it here. Outputs are deterministic: the same policy
//! gives byte-identical files.
//!
//! Each output is made by a *writer*, `fn(&RenderInput) -> anyhow::Result<Vec<Output>>`;
//! the build command lists the writers (`src/cli/build.rs`, `WRITERS`). An output that can
//! be far larger than the policy is made by a [`StreamWriter`] into its file instead.

pub mod appendix;
pub mod docx;
pub mod filters;
pub mod gantt;
pub mod index;
pub mod notice;
pub mod source;
pub mod subsidy;
pub mod tasks;
pub mod templates;
pub mod text;
pub mod title;
pub mod xlsx;

use serde::Serialize;

use crate::diagnostics::{location_in, Counts, Diagnostic, Severity};
use crate::model::Policy;

pub use templates::Templates;

/// The title an appendix output is headed with: the first plan's, or the cover notice's
/// when the plan has none.
pub fn policy_title(policy: &Policy) -> String {
    policy
        .plans
        .first()
        .map(|p| p.title.clone())
        .filter(|t| !t.is_empty())
        .or_else(|| policy.notice.as_ref().and_then(|n| n.title.clone()))
        .unwrap_or_default()
}

/// One file a writer produces: its path relative to the policy's output folder, and its bytes.
pub type Output = (String, Vec<u8>);

/// A writer of one kind of output.
pub type Writer = fn(&RenderInput) -> anyhow::Result<Vec<Output>>;

/// A writer of one file that writes into it as it goes, for an output that can be far
/// larger than the policy (model.json of a table of 10,000 × 200 cells is hundreds of MB):
/// the build gives it the file, created as [`Writer`]s' files are, through a buffer.
pub type StreamWriter = fn(&RenderInput, &mut dyn std::io::Write) -> anyhow::Result<()>;

/// What a writer sees: the policy, what the checks found in it, and the templates.
pub struct RenderInput<'a> {
    pub policy: &'a Policy,
    /// The policy file's stem: the name of its output folder.
    pub stem: &'a str,
    pub findings: &'a FindingsSummary,
    /// The policy file's text, as read.
    pub source: &'a str,
    pub templates: &'a Templates,
    /// What the notice draft prints beyond the notice's words (worked examples on request).
    pub draft: notice::DraftOptions,
}

/// What the checks found in one file, as templates see it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FindingsSummary {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub items: Vec<FindingView>,
    /// The cells the checks found breaking a table relation (A103's primary places), which
    /// the appendix marks.
    #[serde(skip)]
    pub relation_breaks: Vec<crate::diagnostics::Span>,
}

/// One finding.
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    /// error, warning or note.
    pub severity: String,
    /// 错误, 警告 or 提示.
    pub severity_zh: String,
    pub code: String,
    pub message: String,
    /// 1-based line and column of the finding's primary place, when it has one.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The primary place, for outputs that show a finding where it points (the Gantt chart).
    #[serde(skip)]
    pub span: Option<crate::diagnostics::Span>,
}

impl FindingsSummary {
    /// The summary of a file's diagnostics, most severe first, in the order given within a
    /// severity; `text` is the file's text.
    pub fn of(text: &str, diags: &[Diagnostic]) -> FindingsSummary {
        let counts = Counts::of(diags);
        let rank = |d: &&Diagnostic| Severity::ALL.iter().position(|s| *s == d.severity);
        let mut sorted: Vec<&Diagnostic> = diags.iter().collect();
        sorted.sort_by_key(rank);
        let items = sorted
            .into_iter()
            .map(|d| {
                let place = d.primary_span().map(|s| location_in(text, s.start));
                FindingView {
                    severity: d.severity.as_str().to_string(),
                    severity_zh: d.severity.label_zh().to_string(),
                    code: d.code.to_string(),
                    message: d.message.clone(),
                    line: place.map(|p| p.0),
                    column: place.map(|p| p.1),
                    span: d.primary_span(),
                }
            })
            .collect();
        let relation_breaks = diags
            .iter()
            .filter(|d| d.code == "A103")
            .filter_map(|d| d.primary_span())
            .collect();
        FindingsSummary {
            errors: counts.errors,
            warnings: counts.warnings,
            notes: counts.notes,
            items,
            relation_breaks,
        }
    }
}

//! source.html: the policy file as written, each line numbered and anchored (`#L12`), with
//! the checks' findings under the lines they point at. index.html links every finding to its
//! line here. Written only for a file the checks found something in.

use serde::Serialize;

use super::{FindingView, Output, RenderInput};

/// source.html as its template sees it.
#[derive(Debug, Serialize)]
pub struct SourceView<'a> {
    /// The policy file as named in the outputs (policies/001_litong.policy).
    pub file: &'a str,
    pub lines: Vec<SourceLine<'a>>,
}

/// One line of the file.
#[derive(Debug, Serialize)]
pub struct SourceLine<'a> {
    /// 1-based.
    pub number: usize,
    pub text: &'a str,
    /// The findings whose primary place is on this line, most severe first.
    pub findings: Vec<&'a FindingView>,
}

/// Renders source.html, or nothing when the checks found nothing.
pub fn write(input: &RenderInput) -> anyhow::Result<Vec<Output>> {
    if input.findings.items.is_empty() {
        return Ok(Vec::new());
    }
    let mut lines: Vec<SourceLine> = input
        .source
        .lines()
        .enumerate()
        .map(|(i, text)| SourceLine {
            number: i + 1,
            text,
            findings: Vec::new(),
        })
        .collect();
    for f in &input.findings.items {
        if let Some(line) = f.line.and_then(|n| lines.get_mut(n.saturating_sub(1))) {
            line.findings.push(f);
        }
    }
    let view = SourceView {
        file: &input.policy.file,
        lines,
    };
    let html = input
        .templates
        .render("source.html.j2", &view)
        .map_err(|e| anyhow::anyhow!("source.html.j2: {e}"))?;
    Ok(vec![("source.html".into(), html.into_bytes())])
}

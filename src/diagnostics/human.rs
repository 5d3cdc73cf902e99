//! Diagnostics for people: rustc-style text with the source line and carets,
//! drawn by `codespan-reporting`.
//!
//! Carets are placed by display width (`unicode-width`), so a Chinese character
//! gets two carets and everything after it lines up; the `path:line:column` in the
//! header counts characters, like every other location this compiler prints.

use std::fmt::Write as _;
use std::ops::Range;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor::Buffer};

use super::{Counts, Diagnostic, FileId, Severity, SourceMap};

/// Lets `codespan-reporting` read files straight from the [`SourceMap`], reusing its
/// line index rather than building a second one.
impl<'a> Files<'a> for SourceMap {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        self.get(id)
            .map(|f| f.path.as_str())
            .ok_or(FilesError::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        self.get(id)
            .map(|f| f.text.as_str())
            .ok_or(FilesError::FileMissing)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        let starts = self.line_starts(id).ok_or(FilesError::FileMissing)?;
        // `starts[0] == 0`, so the partition point is at least 1.
        Ok(starts.partition_point(|&s| s <= byte_index) - 1)
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        let text = self.source(id)?;
        let starts = self.line_starts(id).ok_or(FilesError::FileMissing)?;
        let start = *starts.get(line_index).ok_or(FilesError::LineTooLarge {
            given: line_index,
            max: starts.len() - 1,
        })?;
        let end = starts.get(line_index + 1).copied().unwrap_or(text.len());
        Ok(start..end)
    }
}

/// Renders diagnostics as a terminal would show them, in the order given; with
/// `color`, ANSI escapes colour the headers and carets.
pub fn render_human(map: &SourceMap, diags: &[Diagnostic], color: bool) -> String {
    let config = term::Config::default();
    let mut out = String::new();
    for d in diags {
        // One buffer per diagnostic, so that a failure cannot leave half a
        // diagnostic in the output.
        let mut buf = if color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        };
        match term::emit_to_write_style(&mut buf, &config, map, &to_codespan(map, d)) {
            // codespan pads some gutter lines with spaces; trailing blanks are
            // invisible on a terminal and only make snapshots of the output fragile.
            Ok(()) => String::from_utf8_lossy(buf.as_slice())
                .lines()
                .for_each(|line| {
                    out.push_str(line.trim_end());
                    out.push('\n');
                }),
            // Not expected: labels only point into files the map has. Say what we can.
            Err(_) => {
                let _ = writeln!(out, "{}[{}]: {}\n", d.severity, d.code, d.message);
            }
        }
    }
    out
}

/// The one-line summary after the diagnostics: `共 2 个错误、1 个警告、0 个提示`.
pub fn render_summary(counts: Counts) -> String {
    let parts: Vec<String> = Severity::ALL
        .iter()
        .map(|&s| format!("{} 个{}", counts.get(s), s.label_zh()))
        .collect();
    format!("共 {}", parts.join("、"))
}

fn to_codespan(map: &SourceMap, d: &Diagnostic) -> cs::Diagnostic<FileId> {
    let severity = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Note => cs::Severity::Note,
    };
    // Labels into a file the map does not have would make codespan fail: drop them
    // and keep the message. Past a few labels, the rest are counted, not drawn: one finding
    // about 2,000 names would otherwise print 2,000 carets (and codespan's time grows with
    // the square of the labels on a line). `--format json` keeps every label.
    let shown = shown_labels(d);
    let labels = match map.get(d.file) {
        Some(file) => shown
            .iter()
            .map(|l| {
                let span = l.span.clamp_to(&file.text);
                let style = if l.primary {
                    cs::LabelStyle::Primary
                } else {
                    cs::LabelStyle::Secondary
                };
                cs::Label::new(style, d.file, span.start..span.end).with_message(&l.message)
            })
            .collect(),
        None => Vec::new(),
    };
    let hidden_labels = d.labels.len() - shown.len();
    let hidden_notes = d.notes.len().saturating_sub(MAX_NOTES);
    let notes = d
        .help
        .iter()
        .map(|h| format!("帮助：{h}"))
        .chain(d.notes.iter().take(MAX_NOTES).map(|n| format!("注：{n}")))
        .chain(summary_of_hidden(hidden_labels, hidden_notes))
        .collect();
    cs::Diagnostic::new(severity)
        .with_code(d.code)
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// Labels drawn per diagnostic: every primary label, then secondary ones in order up to this.
const MAX_LABELS: usize = 8;
/// Notes printed per diagnostic.
const MAX_NOTES: usize = 8;

/// The labels drawn: the primary ones (what the finding is about) and the first secondary
/// ones, in their order, at most [`MAX_LABELS`] unless there are more primary labels.
fn shown_labels(d: &Diagnostic) -> Vec<&super::Label> {
    let primary = d.labels.iter().filter(|l| l.primary).count();
    let mut room = MAX_LABELS.saturating_sub(primary);
    d.labels
        .iter()
        .filter(|l| {
            l.primary
                || (room > 0 && {
                    room -= 1;
                    true
                })
        })
        .collect()
}

/// The line that stands for what was left out: 等另外1992处标注、1991条注.
fn summary_of_hidden(labels: usize, notes: usize) -> Option<String> {
    let parts: Vec<String> = [(labels, "处标注"), (notes, "条注")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n}{what}"))
        .collect();
    (!parts.is_empty()).then(|| {
        format!(
            "注：另有{}未列出（--format json 列出全部）",
            parts.join("、")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::super::Span;
    use super::*;

    fn one(text: &str, span: Span) -> (SourceMap, Diagnostic) {
        let mut map = SourceMap::new();
        let f = map.add("policies/示例.policy", text);
        let d =
            Diagnostic::new("E0001", Severity::Error, "多余的内容", f).with_primary(span, "多余");
        (map, d)
    }

    #[test]
    fn carets_line_up_after_chinese_text() {
        let text = "通知 {\n指标 户数：460户 户\n}\n";
        // The second, stray 户 of line 2: 指标␠户数：460户␠ is 11 characters,
        // 17 columns wide, so the location is 2:12 and the caret pair starts at
        // display column 18, right under that 户.
        let start = text.rfind('户').unwrap();
        let (map, d) = one(text, Span::new(start, start + '户'.len_utf8()));
        let name = text.find("指标").unwrap();
        let d = d
            .with_secondary(Span::new(name, name + "指标".len()), "指标名称")
            .with_help("删去行尾的“户”")
            .with_note("单位已写在数字之后");
        let out = render_human(&map, &[d], false);
        insta::assert_snapshot!(out, @r"
        error[E0001]: 多余的内容
          ┌─ policies/示例.policy:2:12
          │
        2 │ 指标 户数：460户 户
          │ ----             ^^ 多余
          │ │
          │ 指标名称
          │
          = 帮助：删去行尾的“户”
          = 注：单位已写在数字之后
        ");
        // The same thing checked by hand: the carets sit exactly under the stray 户.
        let source = out.lines().find(|l| l.contains("460户 户")).unwrap();
        let carets = out.lines().find(|l| l.contains("^^")).unwrap();
        let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
        let col = |s: &str, pat: &str| width(&s[..s.rfind(pat).unwrap()]);
        assert_eq!(col(source, "户"), col(carets, "^^"));
    }

    #[test]
    fn diagnostic_without_labels_and_color() {
        let mut map = SourceMap::new();
        let f = map.add("x.policy", "");
        let d =
            Diagnostic::new("E0002", Severity::Warning, "无法读取", f).with_help("另存为 UTF-8");
        insta::assert_snapshot!(render_human(&map, std::slice::from_ref(&d), false), @r"
        warning[E0002]: 无法读取
         = 帮助：另存为 UTF-8
        ");
        let colored = render_human(&map, &[d], true);
        assert!(colored.contains("\u{1b}[") && colored.contains("E0002"));
    }

    #[test]
    fn summary() {
        let c = Counts {
            errors: 2,
            warnings: 1,
            notes: 0,
        };
        assert_eq!(render_summary(c), "共 2 个错误、1 个警告、0 个提示");
    }

    #[test]
    fn no_panic_on_any_span() {
        let texts = [
            "",
            "a",
            "户",
            "\n",
            "a\n",
            "\n\n",
            "指标\n户数",
            "\t户\t数\n",
            "a\r\nb",
        ];
        for text in texts {
            for s in 0..text.len() + 3 {
                for e in 0..text.len() + 3 {
                    let (map, d) = one(text, Span::new(s, e));
                    let d = d.with_secondary(Span::new(e, s), "");
                    let out = render_human(&map, &[d], false);
                    assert!(out.starts_with("error[E0001]"), "{text:?} {s}..{e}: {out}");
                }
            }
        }
        // A file id the map does not have still renders the header.
        let d = Diagnostic::new("E0101", Severity::Error, "未声明", FileId(7))
            .with_primary(Span::new(0, 3), "x");
        let out = render_human(&SourceMap::new(), &[d], false);
        assert!(out.starts_with("error[E0101]: 未声明"));
    }
}

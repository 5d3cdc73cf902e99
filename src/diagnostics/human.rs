//! Diagnostics for people: rustc-style text with the source line and carets,
//! drawn by `codespan-reporting`.
//!
//! Carets are placed by display width (`unicode-width`), so a Chinese character
//! gets two carets and everything after it lines up; the `path:line:column` in the
//! header counts characters, like every other location this compiler prints.
//! Control characters from a policy file are shown as visible stand-ins ([`stand_in`]),
//! so the output never carries a byte that acts on the terminal.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor::Buffer};

use super::{Counts, Diagnostic, FileId, Severity, SourceMap};

/// The visible stand-in a terminal is shown for a character that would otherwise act on
/// it: C0 controls (ESC, BEL, NUL … but not the line break or the tab, which the renderer
/// lays out) become their Unicode control pictures (ESC → ␛, U+000B → ␋), DEL becomes ␡,
/// and the C1 controls and the bidirectional overrides, which have no picture, become �.
///
/// Why one character for one character: the `path:line:column` header and the carets
/// count characters and display width, so a one-character stand-in of width 1 keeps both
/// exactly where they are in the file.
pub fn stand_in(c: char) -> Option<char> {
    match c {
        '\n' | '\t' => None,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// `text` with every character that has a [`stand_in`] replaced by it; a tab becomes a
/// space (in messages and names, where nothing lays tabs out).
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c == '\t' || stand_in(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if c == '\t' {
                    ' '
                } else {
                    stand_in(c).unwrap_or(c)
                }
            })
            .collect(),
    )
}

/// A file as the terminal is shown it: its text with control characters replaced by
/// their stand-ins, and where each replaced character was, to move spans along. A file
/// without any is borrowed from the [`SourceMap`], line index included.
struct ShownFile<'a> {
    name: Cow<'a, str>,
    text: Cow<'a, str>,
    line_starts: Cow<'a, [usize]>,
    /// `(byte offset in the file, bytes added up to and including this character)` for
    /// every replaced character, in order.
    growth: Vec<(usize, usize)>,
}

impl<'a> ShownFile<'a> {
    fn new(name: &'a str, text: &'a str, line_starts: &'a [usize]) -> ShownFile<'a> {
        let name = visible(name);
        if !text.chars().any(|c| stand_in(c).is_some()) {
            return ShownFile {
                name,
                text: Cow::Borrowed(text),
                line_starts: Cow::Borrowed(line_starts),
                growth: Vec::new(),
            };
        }
        let mut shown = String::with_capacity(text.len());
        let mut growth = Vec::new();
        let mut added = 0;
        for (at, c) in text.char_indices() {
            match stand_in(c) {
                Some(s) => {
                    added += s.len_utf8() - c.len_utf8();
                    growth.push((at, added));
                    shown.push(s);
                }
                None => shown.push(c),
            }
        }
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(shown.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        ShownFile {
            name,
            text: Cow::Owned(shown),
            line_starts: Cow::Owned(line_starts),
            growth,
        }
    }

    /// Where byte `offset` of the file (a character boundary) is in the shown text.
    fn offset(&self, offset: usize) -> usize {
        let before = self.growth.partition_point(|&(at, _)| at < offset);
        offset + before.checked_sub(1).map_or(0, |i| self.growth[i].1)
    }
}

/// What `codespan-reporting` reads: the [`SourceMap`]'s files with control characters made
/// visible, so that no byte of a policy file can move the cursor, ring the bell or change
/// the colours of the terminal (with `--color never` too). Only the files the diagnostics
/// point into are copied.
struct Shown<'a> {
    files: HashMap<FileId, ShownFile<'a>>,
}

impl<'a> Shown<'a> {
    fn new(map: &'a SourceMap, diags: &[Diagnostic]) -> Shown<'a> {
        let mut files = HashMap::new();
        for d in diags {
            if let (Some(f), Some(starts)) = (map.get(d.file), map.line_starts(d.file)) {
                files
                    .entry(d.file)
                    .or_insert_with(|| ShownFile::new(&f.path, &f.text, starts));
            }
        }
        Shown { files }
    }

    fn file(&self, id: FileId) -> Result<&ShownFile<'a>, FilesError> {
        self.files.get(&id).ok_or(FilesError::FileMissing)
    }
}

impl<'a> Files<'a> for Shown<'_> {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        Ok(&self.file(id)?.name)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        Ok(&self.file(id)?.text)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        let starts = &self.file(id)?.line_starts;
        // `starts[0] == 0`, so the partition point is at least 1.
        Ok(starts.partition_point(|&s| s <= byte_index) - 1)
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        let file = self.file(id)?;
        let starts = &file.line_starts;
        let start = *starts.get(line_index).ok_or(FilesError::LineTooLarge {
            given: line_index,
            max: starts.len() - 1,
        })?;
        let end = starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(file.text.len());
        Ok(start..end)
    }
}

/// Renders diagnostics as a terminal would show them, in the order given; with
/// `color`, ANSI escapes colour the headers and carets.
pub fn render_human(map: &SourceMap, diags: &[Diagnostic], color: bool) -> String {
    let config = term::Config::default();
    let shown = Shown::new(map, diags);
    let mut out = String::new();
    for d in diags {
        // One buffer per diagnostic, so that a failure cannot leave half a
        // diagnostic in the output.
        let mut buf = if color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        };
        match term::emit_to_write_style(&mut buf, &config, &shown, &to_codespan(map, &shown, d)) {
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
                let _ = writeln!(out, "{}[{}]: {}\n", d.severity, d.code, visible(&d.message));
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

fn to_codespan(map: &SourceMap, shown: &Shown, d: &Diagnostic) -> cs::Diagnostic<FileId> {
    let severity = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Note => cs::Severity::Note,
    };
    // Labels into a file the map does not have would make codespan fail: drop them
    // and keep the message. Past a few labels, the rest are counted, not drawn: one finding
    // about 2,000 names would otherwise print 2,000 carets (and codespan's time grows with
    // the square of the labels on a line). `--format json` keeps every label.
    let drawn = shown_labels(d);
    let labels = match (map.get(d.file), shown.files.get(&d.file)) {
        (Some(file), Some(shown)) => drawn
            .iter()
            .map(|l| {
                let span = l.span.clamp_to(&file.text);
                let style = if l.primary {
                    cs::LabelStyle::Primary
                } else {
                    cs::LabelStyle::Secondary
                };
                let range = shown.offset(span.start)..shown.offset(span.end);
                cs::Label::new(style, d.file, range).with_message(visible(&l.message))
            })
            .collect(),
        _ => Vec::new(),
    };
    let hidden_labels = d.labels.len() - drawn.len();
    let hidden_notes = d.notes.len().saturating_sub(MAX_NOTES);
    let notes = d
        .help
        .iter()
        .map(|h| format!("帮助：{}", visible(h)))
        .chain(
            d.notes
                .iter()
                .take(MAX_NOTES)
                .map(|n| format!("注：{}", visible(n))),
        )
        .chain(summary_of_hidden(hidden_labels, hidden_notes))
        .collect();
    cs::Diagnostic::new(severity)
        .with_code(d.code)
        .with_message(visible(&d.message))
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

    /// No character of the output acts on a terminal: only line breaks are control
    /// characters (tabs are laid out as spaces).
    fn inert(out: &str) -> bool {
        out.chars()
            .all(|c| c == '\n' || (stand_in(c).is_none() && c != '\t'))
    }

    #[test]
    fn control_characters_are_shown_as_stand_ins_with_carets_in_place() {
        // ESC + colour codes, BEL, NUL, Word's manual line break, DEL, a C1 control,
        // a right-to-left override: each in the source line, in the message and in the path.
        for bad in [
            "\u{1b}[31m",
            "\u{7}",
            "\u{0}",
            "\u{b}",
            "\u{7f}",
            "\u{85}",
            "\u{202e}",
        ] {
            let text = format!("指标 户{bad}数：460户 户\n");
            let start = text.rfind('户').unwrap();
            let mut map = SourceMap::new();
            let f = map.add(format!("policies/{bad}.policy"), text.clone());
            let d = Diagnostic::new("E0001", Severity::Error, format!("多余的{bad}内容"), f)
                .with_primary(
                    Span::new(start, start + '户'.len_utf8()),
                    format!("多余{bad}"),
                )
                .with_help(format!("删去{bad}\t“户”"));
            let out = render_human(&map, &[d], false);
            assert!(inert(&out), "{bad:?}: {out:?}");
            // The header's column counts the stand-in as one character, as the file does.
            let column = text[..start].chars().count() + 1;
            assert!(
                out.contains(&format!(".policy:1:{column}")),
                "{bad:?}: {out}"
            );
            // The carets sit under the stray 户, as on a line without the control character.
            let source = out.lines().find(|l| l.contains("460户 户")).unwrap();
            let carets = out.lines().find(|l| l.contains("^^")).unwrap();
            let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
            let col = |s: &str, pat: &str| width(&s[..s.rfind(pat).unwrap()]);
            assert_eq!(col(source, "户"), col(carets, "^^"), "{bad:?}: {out}");
        }
    }

    #[test]
    fn stand_ins_are_visible_and_one_character_each() {
        assert_eq!(visible("a\u{1b}b\u{7}c"), "a␛b␇c");
        assert_eq!(visible("\u{b}\u{c}\u{0}\u{7f}"), "␋␌␀␡");
        assert_eq!(visible("x\u{9b}y"), "x\u{fffd}y");
        assert_eq!(visible("甲\t乙\n"), "甲 乙\n");
        assert!(matches!(visible("通知 {}"), Cow::Borrowed(_)));
        // Every C0, C1 and DEL character has one.
        for c in (0u32..0x20).chain(0x7f..0xa0).filter_map(char::from_u32) {
            assert!(c == '\n' || c == '\t' || stand_in(c).is_some(), "{c:?}");
        }
    }

    #[test]
    fn a_file_of_control_characters_renders_inert_at_every_span() {
        let text = "\u{1b}\u{85}\n\u{0}\t户\u{7}\n";
        for s in 0..text.len() + 2 {
            for e in s..text.len() + 2 {
                let (map, d) = one(text, Span::new(s, e));
                let out = render_human(&map, &[d], false);
                assert!(
                    out.starts_with("error[E0001]") && inert(&out),
                    "{s}..{e}: {out:?}"
                );
            }
        }
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

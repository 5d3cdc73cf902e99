//! Diagnostics: what the compiler tells a drafter, and the ways it can say it.
//!
//! Every check reports a [`Diagnostic`] carrying a code from the one registry in
//! [`codes`], a [`Severity`], a message in Chinese and labelled [`Span`]s into a file of
//! the [`SourceMap`]. The renderers turn a list of them into text for a terminal
//! ([`human`]), plain JSON ([`json`]) or SARIF for code-scanning tools ([`sarif`]).
//!
//! Spans are byte offsets into [`SourceFile::text`], which is the text as
//! [`load_source`] returns it: BOM removed and line endings normalised to `\n`.
//! Renderers never trust a span: one past the end of the text, reversed, or inside
//! a multibyte character is clamped rather than allowed to panic.

pub mod codes;
pub mod human;
pub mod json;
pub mod sarif;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use codes::{explain, lookup, CodeInfo, CODES};
pub use human::{render_human, render_summary};
pub use json::to_json;
pub use sarif::to_sarif;

/// A byte range `start..end` into [`SourceFile::text`].
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// This span made safe to slice `text` with: ordered, within the text, and on
    /// character boundaries. The start moves back and the end forward, so a span
    /// that cuts a character in two covers the whole character; an empty span
    /// stays empty.
    pub fn clamp_to(self, text: &str) -> Span {
        let (lo, hi) = (self.start.min(self.end), self.start.max(self.end));
        let start = floor_char_boundary(text, lo);
        let mut end = hi.min(text.len());
        if lo == hi {
            end = start;
        }
        while !text.is_char_boundary(end) {
            end += 1;
        }
        Span { start, end }
    }
}

/// The largest character boundary of `text` at or before `byte` (clamped to the length).
/// The 1-based line and column (in characters) of `byte` in `text`, for a file that is not
/// in a [`SourceMap`] (a worker thread's); [`SourceMap::location`] is the same with cached
/// line starts.
pub fn location_in(text: &str, byte: usize) -> (usize, usize) {
    let byte = floor_char_boundary(text, byte);
    let before = &text[..byte];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

fn floor_char_boundary(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    b
}

/// How bad a diagnostic is.
///
/// Ordered by gravity: `Error > Warning > Note`, so the maximum of a list is its
/// most severe entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file is wrong; compilation fails.
    Error,
    /// Probably wrong; compilation goes on.
    Warning,
    /// For information.
    Note,
}

impl Severity {
    /// Every severity, most severe first.
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Note];

    /// The lowercase English name, as JSON and SARIF spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }

    /// The Chinese name: 错误, 警告 or 提示.
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Note => "提示",
        }
    }

    fn rank(self) -> u8 {
        match self {
            Severity::Note => 0,
            Severity::Warning => 1,
            Severity::Error => 2,
        }
    }
}

impl Ord for Severity {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.rank().cmp(&other.rank())
    }
}

impl PartialOrd for Severity {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Identifies a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FileId(pub usize);

/// A span with a message. The primary label says where the problem is; secondary
/// labels point at related places (the first declaration of a duplicate, say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// What the label marks, in the diagnostic's file.
    pub span: Span,
    /// Text shown next to the marked source; may be empty.
    pub message: String,
    /// Whether this is where the problem is, rather than context.
    pub primary: bool,
}

/// One finding about one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Registry code such as `E0001`; see [`codes::CODES`].
    pub code: &'static str,
    /// How bad it is.
    pub severity: Severity,
    /// One-line message in Chinese.
    pub message: String,
    /// The file the labels point into.
    pub file: FileId,
    /// Marked places in the file, primary first by convention.
    pub labels: Vec<Label>,
    /// How to fix it, if there is something to say.
    pub help: Option<String>,
    /// Further remarks.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A diagnostic with no labels, help or notes yet.
    pub fn new(
        code: &'static str,
        severity: Severity,
        message: impl Into<String>,
        file: FileId,
    ) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            file,
            labels: Vec::new(),
            help: None,
            notes: Vec::new(),
        }
    }

    /// A diagnostic whose severity is the registry's default for `code`, so that
    /// the severity of a code is decided in one place. Unknown codes are errors.
    pub fn from_code(code: &'static str, message: impl Into<String>, file: FileId) -> Self {
        let severity = lookup(code).map_or(Severity::Error, |info| info.severity);
        Diagnostic::new(code, severity, message, file)
    }

    /// Adds a primary label.
    pub fn with_primary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
            primary: true,
        });
        self
    }

    /// Adds a secondary label.
    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
            primary: false,
        });
        self
    }

    /// Sets the help text (replacing any earlier one).
    pub fn with_help(mut self, text: impl Into<String>) -> Self {
        self.help = Some(text.into());
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, text: impl Into<String>) -> Self {
        self.notes.push(text.into());
        self
    }

    /// The span of the first primary label, or failing that of the first label.
    pub fn primary_span(&self) -> Option<Span> {
        self.labels
            .iter()
            .find(|l| l.primary)
            .or_else(|| self.labels.first())
            .map(|l| l.span)
    }
}

/// A loaded file: its path as given on the command line and its normalised text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceFile {
    /// The path as the user wrote it; renderers show it verbatim.
    pub path: String,
    /// The text, with `\n` line endings (see [`load_source`]).
    pub text: String,
}

/// Start and end (exclusive) of a span as 1-based lines and 1-based character columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Region {
    /// Line of the first character.
    pub start_line: usize,
    /// Column of the first character.
    pub start_column: usize,
    /// Line of the position just after the span.
    pub end_line: usize,
    /// Column of the position just after the span.
    pub end_column: usize,
}

/// All files of a compilation, each with a precomputed line index.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
    /// Byte offset of the start of each line, per file: makes `location` a binary
    /// search instead of a scan from the start of a file of up to 8 MiB.
    line_starts: Vec<Vec<usize>>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file. `text` should already be normalised (see [`load_source`]):
    /// only `\n` counts as a line break.
    pub fn add(&mut self, path: impl Into<String>, text: impl Into<String>) -> FileId {
        let text = text.into();
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        self.files.push(SourceFile {
            path: path.into(),
            text,
        });
        self.line_starts.push(starts);
        FileId(self.files.len() - 1)
    }

    /// The id the next added file will get. Lets files be compiled elsewhere (on other
    /// threads) under their final ids, then added in order.
    pub fn next_id(&self) -> FileId {
        FileId(self.files.len())
    }

    /// The file with this id, if there is one.
    pub fn get(&self, file: FileId) -> Option<&SourceFile> {
        self.files.get(file.0)
    }

    /// All files, in the order they were added.
    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i), f))
    }

    /// Byte offsets of the line starts of a file.
    pub(crate) fn line_starts(&self, file: FileId) -> Option<&[usize]> {
        self.line_starts.get(file.0).map(Vec::as_slice)
    }

    /// The 1-based line and 1-based column (in characters, not bytes) of `byte`.
    ///
    /// A byte past the end means the end of the text; a byte inside a character
    /// means that character. An unknown file gives `(1, 1)`.
    pub fn location(&self, file: FileId, byte: usize) -> (usize, usize) {
        let (Some(f), Some(starts)) = (self.get(file), self.line_starts(file)) else {
            return (1, 1);
        };
        let byte = floor_char_boundary(&f.text, byte);
        // `starts[0] == 0`, so the partition point is at least 1.
        let line = starts.partition_point(|&s| s <= byte);
        let column = f.text[starts[line - 1]..byte].chars().count() + 1;
        (line, column)
    }

    /// Where a span starts and ends, after clamping it to the text; `None` if the
    /// file is unknown.
    pub fn region(&self, file: FileId, span: Span) -> Option<Region> {
        let span = span.clamp_to(&self.get(file)?.text);
        let (start_line, start_column) = self.location(file, span.start);
        let (end_line, end_column) = self.location(file, span.end);
        Some(Region {
            start_line,
            start_column,
            end_line,
            end_column,
        })
    }
}

/// Files larger than this (8 MiB) are refused: no real notice comes near it, and a
/// bound keeps a stray binary or log file from eating memory.
pub const MAX_SOURCE_BYTES: u64 = 8 * 1024 * 1024;

/// Why a source file could not be loaded. The `Display` text is in Chinese and
/// names the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Nothing at this path.
    NotFound {
        /// The path given.
        path: PathBuf,
    },
    /// The file exists but could not be read (permissions, a directory, I/O error).
    Unreadable {
        /// The path given.
        path: PathBuf,
        /// Why, in Chinese where the cause is known.
        reason: String,
    },
    /// The file is not valid UTF-8.
    NotUtf8 {
        /// The path given.
        path: PathBuf,
        /// 0-based byte offset of the first invalid byte in the file as stored.
        byte: usize,
        /// 1-based line of that byte.
        line: usize,
    },
    /// The file is larger than [`MAX_SOURCE_BYTES`].
    TooLarge {
        /// The path given.
        path: PathBuf,
        /// Size of the file in bytes (at least `limit + 1`).
        bytes: u64,
        /// The limit in force.
        limit: u64,
    },
}

impl LoadError {
    /// The path the error is about.
    pub fn path(&self) -> &Path {
        match self {
            LoadError::NotFound { path }
            | LoadError::Unreadable { path, .. }
            | LoadError::NotUtf8 { path, .. }
            | LoadError::TooLarge { path, .. } => path,
        }
    }

    /// This error as an `E0002` diagnostic on `file`. The file has no text to point
    /// into, so the message carries the path. Typically `file` comes from adding the
    /// path with empty text to the [`SourceMap`], so that JSON and SARIF name it.
    pub fn to_diagnostic(&self, file: FileId) -> Diagnostic {
        let d = Diagnostic::from_code("E0002", self.to_string(), file);
        match self {
            LoadError::NotUtf8 { .. } => {
                d.with_help("在编辑器中以 UTF-8 编码重新保存该文件（例如“另存为”时选择 UTF-8）")
            }
            _ => d,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path().display();
        match self {
            LoadError::NotFound { .. } => write!(f, "{path}：找不到文件"),
            LoadError::Unreadable { reason, .. } => write!(f, "{path}：无法读取文件：{reason}"),
            // "第 N 字节" is an ordinal, so the 0-based offset is shown plus one.
            LoadError::NotUtf8 { byte, line, .. } => write!(
                f,
                "{path}：文件不是 UTF-8 编码：第 {line} 行（第 {} 字节）起无法解码；请在编辑器中另存为 UTF-8",
                byte + 1
            ),
            LoadError::TooLarge { bytes, limit, .. } => write!(
                f,
                "{path}：文件过大（{bytes} 字节），超过上限 {limit} 字节（{} MiB）",
                limit / (1024 * 1024)
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// Reads a policy file as text.
///
/// Refuses files over [`MAX_SOURCE_BYTES`] and files that are not UTF-8 (telling
/// where the first bad byte is, since the usual cause is a file saved as GBK).
/// Strips a leading byte-order mark and normalises line endings to `\n`; see
/// [`normalize_newlines`] for why.
pub fn load_source(path: &Path) -> Result<String, LoadError> {
    let unreadable = |reason: String| LoadError::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    let file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound {
            path: path.to_path_buf(),
        },
        _ => unreadable(io_reason(&e)),
    })?;
    let meta = file.metadata().map_err(|e| unreadable(io_reason(&e)))?;
    if meta.is_dir() {
        return Err(unreadable("这是一个目录，不是文件".into()));
    }
    let too_large = |bytes: u64| LoadError::TooLarge {
        path: path.to_path_buf(),
        bytes,
        limit: MAX_SOURCE_BYTES,
    };
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(too_large(meta.len()));
    }
    // Read at most one byte past the limit: the metadata size can be stale or zero
    // (pipes, /proc files, a file still being written).
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_SOURCE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(io_reason(&e)))?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(too_large(meta.len().max(bytes.len() as u64)));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let byte = e.utf8_error().valid_up_to();
        LoadError::NotUtf8 {
            path: path.to_path_buf(),
            byte,
            line: count_line_breaks(&e.as_bytes()[..byte]) + 1,
        }
    })?;
    let text = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    Ok(normalize_newlines(text))
}

/// Line breaks in `bytes` counted as [`normalize_newlines`] would make them: CRLF,
/// lone CR and LF each count once, so the line reported for a bad byte matches
/// what an editor shows.
fn count_line_breaks(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

/// A Chinese reason for the common I/O failures, the system's text otherwise.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "没有读取权限".into(),
        _ => e.to_string(),
    }
}

/// Turns CRLF and lone CR into LF.
///
/// Why: every later stage (the grammar, the span-to-line mapping, the renderers)
/// then deals with one kind of line break, and spans index this normalised text.
/// Nothing a user sees moves: CRLF, CR and LF are each one line break, and a break
/// is not a column of any line, so the line and column of every character are the
/// same in the file on disk and in the normalised text.
pub fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            chars.next_if_eq(&'\n');
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// How many diagnostics of each severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Number of notes.
    pub notes: usize,
}

impl Counts {
    /// Counts the diagnostics of a list.
    pub fn of<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) -> Self {
        let mut c = Counts::default();
        for d in diags {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Note => c.notes += 1,
            }
        }
        c
    }

    /// The count for one severity.
    pub fn get(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.errors,
            Severity::Warning => self.warnings,
            Severity::Note => self.notes,
        }
    }
}

/// Sorts diagnostics by file, then start of the primary span (diagnostics without
/// a span first: they concern the whole file), then code. The sort is stable, so
/// diagnostics that tie keep the order they were reported in.
pub fn sort_diagnostics(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| (d.file, d.primary_span().map(|s| s.start), d.code));
}

/// Collects the diagnostics of a compilation.
#[derive(Debug, Clone, Default)]
pub struct Sink {
    diags: Vec<Diagnostic>,
}

impl Sink {
    /// An empty sink.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a diagnostic.
    pub fn push(&mut self, diag: Diagnostic) {
        self.diags.push(diag);
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diags.iter().any(|d| d.severity == Severity::Error)
    }

    /// How many diagnostics have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diags.iter().filter(|d| d.severity == severity).count()
    }

    /// Counts for all severities at once.
    pub fn counts(&self) -> Counts {
        Counts::of(&self.diags)
    }

    /// Number of diagnostics.
    pub fn len(&self) -> usize {
        self.diags.len()
    }

    /// Whether nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.diags.is_empty()
    }

    /// The diagnostics in the order they were reported.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.diags.iter()
    }

    /// The diagnostics in the order they were reported.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.diags
    }

    /// The diagnostics in output order; see [`sort_diagnostics`].
    pub fn sorted(self) -> Vec<Diagnostic> {
        let mut diags = self.diags;
        sort_diagnostics(&mut diags);
        diags
    }
}

impl Extend<Diagnostic> for Sink {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        self.diags.extend(iter);
    }
}

impl IntoIterator for Sink {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.diags.into_iter()
    }
}

impl<'a> IntoIterator for &'a Sink {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.diags.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("policyc-diag-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn severity_order_and_names() {
        assert!(Severity::Error > Severity::Warning && Severity::Warning > Severity::Note);
        assert_eq!(Severity::ALL.iter().max(), Some(&Severity::Error));
        assert_eq!(Severity::Warning.to_string(), "warning");
        assert_eq!(Severity::Note.label_zh(), "提示");
        assert_eq!(
            serde_json::to_string(&Severity::Error).unwrap(),
            "\"error\""
        );
    }

    #[test]
    fn location_counts_characters() {
        let mut map = SourceMap::new();
        let f = map.add("a.policy", "指标 户数：460户\n第二行\n");
        assert_eq!(map.location(f, 0), (1, 1));
        // "指标 " is 3 + 3 + 1 bytes, so byte 7 is 户, the 4th character.
        assert_eq!(map.location(f, 7), (1, 4));
        // Inside 户 (bytes 7..10) means 户.
        assert_eq!(map.location(f, 8), (1, 4));
        let second = "指标 户数：460户\n".len();
        assert_eq!(map.location(f, second), (2, 1));
        assert_eq!(map.location(f, second + 3), (2, 2));
        // The end of the text, and past it, is the start of the empty last line.
        assert_eq!(map.location(f, 10_000), (3, 1));
        assert_eq!(map.location(FileId(9), 0), (1, 1));
        let empty = map.add("e.policy", "");
        assert_eq!(map.location(empty, 5), (1, 1));
    }

    #[test]
    fn spans_are_clamped() {
        let t = "户数";
        assert_eq!(Span::new(1, 4).clamp_to(t), Span::new(0, 6));
        assert_eq!(Span::new(5, 1).clamp_to(t), Span::new(0, 6));
        assert_eq!(Span::new(50, 60).clamp_to(t), Span::new(6, 6));
        assert_eq!(Span::new(3, 3).clamp_to(""), Span::new(0, 0));
        assert_eq!(Span::new(4, 4).clamp_to(t), Span::new(3, 3));
    }

    #[test]
    fn builder_and_primary_span() {
        let d = Diagnostic::new("E0101", Severity::Error, "未声明", FileId(0))
            .with_secondary(Span::new(0, 1), "这里")
            .with_primary(Span::new(4, 6), "引用")
            .with_help("先声明")
            .with_note("注一");
        assert_eq!(d.primary_span(), Some(Span::new(4, 6)));
        assert_eq!(d.help.as_deref(), Some("先声明"));
        let d = Diagnostic::from_code("E0001", "x", FileId(0));
        assert_eq!((d.severity, d.primary_span()), (Severity::Error, None));
    }

    #[test]
    fn sink_counts_and_sorts() {
        let mut sink = Sink::new();
        sink.push(Diagnostic::new("E0102", Severity::Warning, "b", FileId(1)));
        sink.extend([
            Diagnostic::new("E0101", Severity::Error, "c", FileId(0))
                .with_primary(Span::new(9, 10), ""),
            Diagnostic::new("E0104", Severity::Note, "d", FileId(0))
                .with_primary(Span::new(2, 3), ""),
            Diagnostic::new("E0103", Severity::Error, "e", FileId(0))
                .with_primary(Span::new(2, 3), ""),
            Diagnostic::new("E0002", Severity::Error, "a", FileId(0)),
        ]);
        assert!(sink.has_errors());
        assert_eq!(sink.count(Severity::Error), 3);
        assert_eq!(
            sink.counts(),
            Counts {
                errors: 3,
                warnings: 1,
                notes: 1
            }
        );
        assert_eq!((&sink).into_iter().count(), 5);
        let order: String = sink.sorted().iter().map(|d| d.message.as_str()).collect();
        assert_eq!(order, "aedcb");
    }

    #[test]
    fn newlines_are_normalised() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n\r\n".into()), "a\nb\nc\n\n");
        assert_eq!(normalize_newlines("无回车".into()), "无回车");
    }

    #[test]
    fn load_strips_bom_and_crlf() {
        let p = temp_file("bom.policy", "\u{FEFF}指标\r\n户数\r".as_bytes());
        assert_eq!(load_source(&p).unwrap(), "指标\n户数\n");
    }

    #[test]
    fn load_reports_non_utf8_position() {
        // Line 3 (CRLF and lone CR each end a line), then a GBK-encoded 户 (0xBB 0xA7).
        let mut bytes = b"ab\r\ncd\re".to_vec();
        bytes.extend([0xBB, 0xA7]);
        let p = temp_file("gbk.policy", &bytes);
        let err = load_source(&p).unwrap_err();
        assert!(matches!(
            err,
            LoadError::NotUtf8 {
                byte: 8,
                line: 3,
                ..
            }
        ));
        assert!(err.to_string().ends_with(
            "文件不是 UTF-8 编码：第 3 行（第 9 字节）起无法解码；请在编辑器中另存为 UTF-8"
        ));
        assert_eq!(err.to_diagnostic(FileId(0)).code, "E0002");
    }

    #[test]
    fn load_refuses_missing_dirs_and_large_files() {
        let missing = std::env::temp_dir().join("policyc-diag-no-such-file.policy");
        assert!(matches!(
            load_source(&missing),
            Err(LoadError::NotFound { .. })
        ));
        assert!(matches!(
            load_source(&std::env::temp_dir()),
            Err(LoadError::Unreadable { .. })
        ));
        let big = temp_file("big.policy", &vec![b'a'; MAX_SOURCE_BYTES as usize + 1]);
        let err = load_source(&big).unwrap_err();
        assert!(matches!(err, LoadError::TooLarge { bytes, .. } if bytes == MAX_SOURCE_BYTES + 1));
        std::fs::remove_file(big).unwrap();
        let ok = temp_file("limit.policy", &vec![b'a'; MAX_SOURCE_BYTES as usize]);
        assert_eq!(load_source(&ok).unwrap().len() as u64, MAX_SOURCE_BYTES);
        std::fs::remove_file(ok).unwrap();
    }
}

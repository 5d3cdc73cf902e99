//! `policyc import`: a front end of its own that reads a published notice (plain text, Word,
//! HTML or Markdown) and writes a draft **policy file** — the same language as `policies/`,
//! read back by the normal pipeline. It never builds a second model.
//!
//! The stages, one concept a file:
//! - [`decode`]: bytes → text (UTF-8 ± BOM, UTF-16 with BOM, GB18030/GBK), binaries refused;
//! - [`text`], [`docx`], [`html`], [`markdown`]: each format → one list of [`Block`]s
//!   (lines of text and tables);
//! - [`structure`]: blocks → the notice's parts (cover notice, plans, sections, tasks, phases,
//!   groups, attachments);
//! - [`figures`]: figures and dates inside one paragraph, named from their context;
//! - [`across`]: a rate stated in one section applied to a count and an amount in another;
//! - [`relations`]: what the text states between them (其中/共, 占…%, 按7:3, subsidy rules,
//!   cited documents) and the column relations a table's rows bear out;
//! - [`emit`]: the policy text, top to bottom like the notice.
//!
//! The importer corrects nothing: a wrong total or an impossible date is written as printed,
//! for the checks to find. A relation it infers rather than reads gets a `// 推断：…` comment.

mod across;
mod cells;
mod dates;
pub mod decode;
pub mod docx;
mod emit;
mod figures;
pub mod html;
mod implied;
mod layout;
pub mod markdown;
mod members;
mod names;
mod relations;
mod structure;
pub mod text;

use std::io::Read;
use std::path::Path;

use crate::diagnostics::{Diagnostic, FileId};

/// The largest notice read: a notice is tens of kilobytes of text; a Word file with pictures a
/// few megabytes. Anything larger is refused from its size, before a byte is read.
pub const MAX_INPUT_BYTES: u64 = 32 * 1024 * 1024;

/// A unit of the document as every front end hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// One line (a paragraph) of text as printed.
    Line(String),
    /// A paragraph its document marks as a heading (a Word heading style), read as a section
    /// title even where its punctuation would make it a sentence.
    Heading(String),
    /// A table: rows of cells as printed; a merged cell's text stands in its first cell and the
    /// cells it covers are empty.
    Table(Vec<Vec<String>>),
}

/// A table inside a table cell, as the text it adds to that cell: its non-empty cells in
/// order, separated by spaces (a notice's nested table is a layout device, not data).
fn nested_table_text(rows: Vec<Vec<String>>) -> String {
    let cells: Vec<String> = rows
        .into_iter()
        .flatten()
        .filter(|c| !c.is_empty())
        .collect();
    cells.join(" ")
}

/// The formats a notice comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Docx,
    Html,
    Markdown,
}

/// A draft made from a notice.
#[derive(Debug)]
pub struct Imported {
    /// The policy text.
    pub policy: String,
    /// What was read, for stderr: format and encoding.
    pub read_as: String,
}

/// Why a file could not be imported (codes E0500–E0599).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// E0500: the file cannot be opened or read.
    Unreadable(String),
    /// E0501: larger than [`MAX_INPUT_BYTES`].
    TooLarge(u64),
    /// E0502: empty, or only white space.
    Empty,
    /// E0503: not text in an encoding a notice is saved in (a binary, an image …); the byte
    /// offset of the first byte that reads as none.
    NotText { offset: usize },
    /// E0504: a .docx (zip) that is not a Word document, or whose XML is broken.
    NotWord(String),
    /// E0505: the output file exists and `--force` was not given.
    OutputExists(String),
}

impl ImportError {
    /// The diagnostic for this error, in `file` (whose text may be empty).
    pub fn to_diagnostic(&self, file: FileId) -> Diagnostic {
        match self {
            ImportError::Unreadable(why) => {
                Diagnostic::from_code("E0500", format!("无法读取要导入的文件：{why}"), file)
                    .with_help("请检查路径是否正确、文件是否存在并且可以读取")
            }
            ImportError::TooLarge(size) => Diagnostic::from_code(
                "E0501",
                format!(
                    "文件有 {} 字节，超过导入的大小上限 {} 字节",
                    size, MAX_INPUT_BYTES
                ),
                file,
            )
            .with_help("一份通知通常只有几十 KB；请确认选中的是通知本身，而不是压缩包、扫描件或数据文件"),
            ImportError::Empty => Diagnostic::from_code("E0502", "文件是空的，没有可导入的文字", file)
                .with_help("请确认文件已保存，或选中了正确的文件"),
            ImportError::NotText { offset } => Diagnostic::from_code(
                "E0503",
                format!("文件不是文字文件：第 {offset} 个字节起既不是 UTF-8、UTF-16，也不是 GBK/GB18030 编码的文字"),
                file,
            )
            .with_help("可导入纯文本（.txt）、Word（.docx）、网页（.html）和 Markdown（.md）；PDF 请先用 pdftotext -layout 转成文字"),
            ImportError::NotWord(why) => Diagnostic::from_code(
                "E0504",
                format!("文件是压缩包，却不是可读的 Word 文档：{why}"),
                file,
            )
            .with_help("请在 Word 或 WPS 中打开它并另存为 .docx；表格文件（.xlsx）不是通知"),
            ImportError::OutputExists(path) => Diagnostic::from_code(
                "E0505",
                format!("输出文件 {path} 已经存在，没有覆盖它"),
                file,
            )
            .with_help("换一个输出文件名，或加上 --force 覆盖原文件"),
        }
    }
}

/// Which format a file is, from its first bytes and, for text, its name.
pub fn detect_format(path: &Path, bytes: &[u8]) -> Format {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Format::Docx;
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "docx" => Format::Docx,
        "html" | "htm" | "xhtml" => Format::Html,
        "md" | "markdown" => Format::Markdown,
        _ => {
            let head: Vec<u8> = bytes
                .iter()
                .copied()
                .skip_while(|b| b.is_ascii_whitespace())
                .take(64)
                .map(|b| b.to_ascii_lowercase())
                .collect();
            if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") {
                Format::Html
            } else {
                Format::Text
            }
        }
    }
}

/// Reads the file at `path` (its size checked before reading) and imports it.
pub fn import_path(path: &Path) -> Result<Imported, ImportError> {
    let meta = std::fs::metadata(path).map_err(|e| ImportError::Unreadable(e.to_string()))?;
    if meta.is_dir() {
        return Err(ImportError::Unreadable("这是一个文件夹".into()));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(ImportError::TooLarge(meta.len()));
    }
    // A device or a pipe reports no length (/dev/zero never ends): read at most one byte past
    // the limit, and judge by what was read.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| ImportError::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(ImportError::TooLarge(bytes.len() as u64));
    }
    let source = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    import_bytes(path, &bytes, &source)
}

/// Imports a notice held in memory; `path` decides the format with the bytes, `source` is the
/// name written in the draft's first comment.
pub fn import_bytes(path: &Path, bytes: &[u8], source: &str) -> Result<Imported, ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty);
    }
    let format = detect_format(path, bytes);
    let (blocks, read_as) = match format {
        Format::Docx => (
            text::relines(docx::blocks(bytes)?),
            "Word 文档（.docx）".to_string(),
        ),
        _ => {
            let decoded = decode::decode(bytes)?;
            let what = match format {
                Format::Html => "网页",
                Format::Markdown => "Markdown",
                _ => "纯文本",
            };
            let blocks = match format {
                Format::Html => text::relines(html::blocks(&decoded.text)),
                Format::Markdown => markdown::blocks(&decoded.text),
                _ => text::blocks(&decoded.text),
            };
            (blocks, format!("{what}，{}", decoded.encoding))
        }
    };
    if blocks.iter().all(|b| match b {
        Block::Line(l) | Block::Heading(l) => l.trim().is_empty(),
        Block::Table(rows) => rows.iter().flatten().all(|c| c.trim().is_empty()),
    }) {
        return Err(ImportError::Empty);
    }
    let doc = structure::read(&blocks);
    let policy = emit::emit(&doc, source);
    Ok(Imported { policy, read_as })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_bytes_first() {
        assert_eq!(
            detect_format(Path::new("a.txt"), b"PK\x03\x04rest"),
            Format::Docx
        );
        assert_eq!(
            detect_format(Path::new("a.txt"), b"  <!DOCTYPE html><p>"),
            Format::Html
        );
        assert_eq!(
            detect_format(Path::new("a.md"), "# 标题".as_bytes()),
            Format::Markdown
        );
        assert_eq!(
            detect_format(Path::new("a"), "通知".as_bytes()),
            Format::Text
        );
    }

    #[test]
    fn blank_input_is_empty() {
        assert_eq!(
            import_bytes(Path::new("a.txt"), b" \n\t\n", "a.txt").unwrap_err(),
            ImportError::Empty
        );
    }
}

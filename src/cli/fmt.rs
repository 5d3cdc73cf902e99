//! `policyc fmt`: rewrites policy files in their canonical layout, or with `--check` says
//! which would change and how.
//!
//! A file that does not parse is never written (its errors are printed); a file is replaced
//! atomically, by a finished temporary file renamed over it in the same folder, so that an
//! interruption leaves either the old text or the new, never half of one.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{EXIT_FAILED, EXIT_FINDINGS, EXIT_OK};
use crate::diagnostics::{human::render_human, load_source, SourceMap};
use crate::driver::{collect_inputs, on_worker_stack};

/// What became of one file.
enum Outcome {
    Unchanged,
    /// Rewritten, or (with `--check`) would be: the diff.
    Changed(String),
    Failed,
}

pub fn run(paths: &[PathBuf], check: bool, quiet: bool, color: bool) -> u8 {
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let inputs = collect_inputs(&paths);
    if inputs.is_empty() {
        eprintln!("policyc: 没有找到 .policy 文件");
        return EXIT_FAILED;
    }
    let (mut changed, mut failed) = (0usize, 0usize);
    for path in &inputs {
        match format_file(path, check, color) {
            Outcome::Unchanged => {}
            Outcome::Changed(diff) => {
                changed += 1;
                if check {
                    print!("{diff}");
                } else if !quiet {
                    println!("已格式化 {}", path.display());
                }
            }
            Outcome::Failed => failed += 1,
        }
    }
    let total = inputs.len();
    if !quiet {
        let verb = if check {
            "需要格式化"
        } else {
            "已格式化"
        };
        let mut line = format!("共 {total} 个文件：{changed} 个{verb}");
        if failed > 0 {
            line.push_str(&format!("，{failed} 个有错误、未改动"));
        }
        eprintln!("{line}");
    }
    if failed > 0 {
        EXIT_FAILED
    } else if check && changed > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn format_file(path: &Path, check: bool, color: bool) -> Outcome {
    let shown = path.display().to_string();
    let mut map = SourceMap::new();
    let text = match load_source(path) {
        Ok(text) => text,
        Err(e) => {
            let file = map.add(shown, String::new());
            print!("{}", render_human(&map, &[e.to_diagnostic(file)], color));
            return Outcome::Failed;
        }
    };
    let file = map.add(shown.clone(), text.clone());
    // Formatting parses the file (twice), on a stack of the size every compile gets.
    let formatted = on_worker_stack(|| crate::fmt::format_source(&text, &shown, file));
    let formatted = match formatted {
        Ok(f) => f,
        Err(diags) => {
            print!("{}", render_human(&map, &diags, color));
            return Outcome::Failed;
        }
    };
    // Compared with the bytes on disk: a byte-order mark or CRLF line breaks are changes too.
    let on_disk = std::fs::read(path).unwrap_or_default();
    if on_disk == formatted.as_bytes() {
        return Outcome::Unchanged;
    }
    let diff = similar::TextDiff::from_lines(&text, &formatted)
        .unified_diff()
        .context_radius(2)
        .header(&shown, &format!("{shown}（格式化后）"))
        .to_string();
    if check {
        return Outcome::Changed(diff);
    }
    match write_atomically(path, &formatted) {
        Ok(()) => Outcome::Changed(diff),
        Err(e) => {
            eprintln!("policyc: 无法写入 {shown}：{e}；文件没有改动");
            Outcome::Failed
        }
    }
}

/// Writes `text` to a new file beside `path` and renames it over `path`, keeping the file's
/// permissions; a symlink is followed, so the file it points to is the one replaced. The
/// temporary file is created exclusively (never an existing file) and flushed to disk before
/// the rename: unlike the build's outputs, a policy file cannot be made again.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let path = &std::fs::canonicalize(path)?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let permissions = std::fs::metadata(path)?.permissions();
    let mut attempt = 0u32;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(".{name}.fmt-{}-{attempt}", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => break (tmp, file),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    };
    let written = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::set_permissions(&tmp, permissions))
        .and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

//! `policyc import NOTICE [-o FILE.policy] [--force]`: a draft policy file from a published
//! notice. The draft goes to stdout, or to FILE, which is never overwritten without `--force`.

use std::io::Write;
use std::path::Path;

use super::{EXIT_FAILED, EXIT_OK};
use crate::diagnostics::{human::render_human, Diagnostic, SourceMap};
use crate::driver::compile_source;
use crate::import::{import_path, ImportError};

pub fn run(notice: &Path, out: Option<&Path>, force: bool) -> u8 {
    let mut map = SourceMap::new();
    let shown = notice.display().to_string();
    let file = map.add(shown.clone(), String::new());
    let report = |map: &SourceMap, d: Diagnostic| {
        eprint!("{}", render_human(map, &[d], false));
    };
    // Refuse an existing output before the work, so that a mistake costs nothing.
    if let Some(out) = out {
        if out.exists() && !force {
            report(
                &map,
                ImportError::OutputExists(out.display().to_string()).to_diagnostic(file),
            );
            return EXIT_FAILED;
        }
    }
    let imported = match import_path(notice) {
        Ok(i) => i,
        Err(e) => {
            report(&map, e.to_diagnostic(file));
            return EXIT_FAILED;
        }
    };
    eprintln!("policyc import：已读取 {shown}（{}）", imported.read_as);
    // The draft must read back: a draft the front end refuses is the importer's fault.
    let draft_name = out.map_or_else(|| "（标准输出）".to_string(), |o| o.display().to_string());
    let draft_id = map.add(draft_name, imported.policy.clone());
    let (policy, diags) = compile_source(&imported.policy, "", draft_id, &[]);
    if policy.is_none() {
        eprint!("{}", render_human(&map, &diags, false));
        eprintln!("policyc import：生成的草稿未能通过语法检查（这是 policyc 的缺陷，请报告）");
    }
    let written = match out {
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(imported.policy.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| e.to_string())
        }
        Some(path) => write_draft(path, &imported.policy, force),
    };
    if let Err(why) = written {
        let target = out.map_or_else(|| "标准输出".to_string(), |o| o.display().to_string());
        report(
            &map,
            ImportError::Unreadable(format!("无法写入 {target}：{why}")).to_diagnostic(file),
        );
        return EXIT_FAILED;
    }
    if let Some(path) = out {
        eprintln!(
            "policyc import：草稿已写入 {}；请用 policyc check 检查，并核对标有“推断”的地方",
            path.display()
        );
    }
    if policy.is_none() {
        EXIT_FAILED
    } else {
        EXIT_OK
    }
}

/// Writes the draft: a new file is created only if none exists (no race with another writer);
/// with `--force`, a temporary file beside it is renamed over the old one, so that a failed
/// write never leaves half a file.
fn write_draft(path: &Path, text: &str, force: bool) -> Result<(), String> {
    if !force {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => "文件已经存在".to_string(),
                _ => e.to_string(),
            })?;
        return f.write_all(text.as_bytes()).map_err(|e| e.to_string());
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.policyc-import.tmp"));
    std::fs::write(&tmp, text).map_err(|e| e.to_string())?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        e.to_string()
    })
}

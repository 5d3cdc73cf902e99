//! `policyc build`: check every policy and write its outputs into DIR/<stem>/.

use std::path::{Path, PathBuf};

use super::output::{refuse_output_dir, safe_stem, write_atomic};
use super::{print_diagnostics, Format, EXIT_FAILED, EXIT_FINDINGS, EXIT_OK};
use crate::diagnostics::{sort_diagnostics, FileId, Severity, SourceMap};
use crate::driver::{collect_inputs, compile_file_as, jobs, map_inputs, Compiled};

pub fn run(paths: &[PathBuf], out: &Path, deny_errors: bool, color: bool) -> u8 {
    let inputs = collect_inputs(paths);
    if inputs.is_empty() {
        eprintln!("policyc: 没有找到 .policy 文件");
        return EXIT_FAILED;
    }
    if let Some(why) = refuse_output_dir(out, &inputs, paths) {
        eprintln!("policyc: {why}");
        return EXIT_FAILED;
    }
    let templates = crate::render::Templates::builtin();
    let mut map = SourceMap::new();
    let mut all = Vec::new();
    let mut failed = false;
    // Files are compiled and written in parallel (POLICYC_JOBS threads, default one per core),
    // each under the id it gets when its text is added to the map afterwards, in input
    // order; messages are printed in input order too.
    let base = map.next_id().0;
    let done = map_inputs(&inputs, jobs(), |i, path| {
        let loaded = compile_file_as(path, FileId(base + i));
        let mut messages = Vec::new();
        let failed = loaded.compiled.failed()
            | write_outputs(&loaded.compiled, out, &templates, &mut messages);
        // Only diagnostics quote a file's text: keep it only for a file that has some.
        let text = if loaded.compiled.diagnostics.is_empty() {
            String::new()
        } else {
            loaded.text
        };
        (
            loaded.shown,
            text,
            loaded.compiled.diagnostics,
            failed,
            messages,
        )
    });
    for (shown, text, diagnostics, file_failed, messages) in done {
        map.add(shown, text);
        for m in messages {
            eprintln!("{m}");
        }
        failed |= file_failed;
        all.extend(diagnostics);
    }
    sort_diagnostics(&mut all);
    print_diagnostics(&map, &all, Format::Human, color);
    let errors = all.iter().any(|d| d.severity == Severity::Error);
    if failed {
        EXIT_FAILED
    } else if deny_errors && errors {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// Writes one compiled policy's outputs into `out/<stem>/`; says whether anything failed.
fn write_outputs(
    compiled: &Compiled,
    out: &Path,
    templates: &crate::render::Templates,
    messages: &mut Vec<String>,
) -> bool {
    let (Some(policy), path) = (&compiled.policy, &compiled.path) else {
        return false;
    };
    let Some(stem) = safe_stem(path) else {
        messages.push(format!(
            "policyc: 无法从文件名 {} 得到输出文件夹名",
            path.display()
        ));
        return true;
    };
    let mut failed = false;
    let dir = out.join(&stem);
    let json = serde_json::to_string_pretty(policy).expect("the model serialises");
    if let Err(e) = write_atomic(&dir.join("model.json"), json.as_bytes()) {
        messages.push(format!("policyc: 无法写入 {}：{e}", dir.display()));
        failed = true;
    }
    match crate::render::notice::write_notice(policy, templates) {
        Ok(files) => {
            for (name, bytes) in files {
                if let Err(e) = write_atomic(&dir.join(&name), &bytes) {
                    messages.push(format!(
                        "policyc: 无法写入 {}：{e}",
                        dir.join(&name).display()
                    ));
                    failed = true;
                }
            }
        }
        Err(e) => {
            messages.push(format!(
                "policyc: 生成 {} 的文稿时出错：{e:#}",
                path.display()
            ));
            failed = true;
        }
    }
    failed
}

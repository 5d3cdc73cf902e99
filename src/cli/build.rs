//! `policyc build`: check every policy and write its outputs into DIR/<stem>/.

use std::path::{Path, PathBuf};

use super::output::{refuse_output_dir, safe_stem, write_atomic};
use super::{print_diagnostics, Format, EXIT_FAILED, EXIT_FINDINGS, EXIT_OK};
use crate::diagnostics::{sort_diagnostics, Severity, SourceMap};
use crate::driver::{collect_inputs, compile_file};

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
    for path in &inputs {
        let compiled = compile_file(path, &mut map);
        failed |= compiled.failed();
        if let Some(policy) = &compiled.policy {
            let Some(stem) = safe_stem(path) else {
                eprintln!("policyc: 无法从文件名 {} 得到输出文件夹名", path.display());
                failed = true;
                continue;
            };
            let dir = out.join(&stem);
            let json = serde_json::to_string_pretty(policy).expect("the model serialises");
            if let Err(e) = write_atomic(&dir.join("model.json"), json.as_bytes()) {
                eprintln!("policyc: 无法写入 {}：{e}", dir.display());
                failed = true;
            }
            match crate::render::notice::write_notice(policy, &templates) {
                Ok(files) => {
                    for (name, bytes) in files {
                        if let Err(e) = write_atomic(&dir.join(&name), &bytes) {
                            eprintln!("policyc: 无法写入 {}：{e}", dir.join(&name).display());
                            failed = true;
                        }
                    }
                }
                Err(e) => {
                    eprintln!("policyc: 生成 {} 的文稿时出错：{e:#}", path.display());
                    failed = true;
                }
            }
        }
        all.extend(compiled.diagnostics);
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

//! `policyc check`: compile, check, print the findings.

use std::path::PathBuf;

use super::{print_diagnostics, Format, EXIT_FAILED, EXIT_FINDINGS, EXIT_OK};
use crate::diagnostics::{sort_diagnostics, SourceMap};
use crate::driver::{collect_inputs, compile_file};

pub fn run(paths: &[PathBuf], format: Format, color: bool) -> u8 {
    let mut map = SourceMap::new();
    let inputs = collect_inputs(paths);
    let mut all = Vec::new();
    let mut failed = inputs.is_empty();
    if inputs.is_empty() {
        eprintln!("policyc: 没有找到 .policy 文件");
    }
    for path in &inputs {
        let compiled = compile_file(path, &mut map);
        failed |= compiled.failed();
        all.extend(compiled.diagnostics);
    }
    sort_diagnostics(&mut all);
    print_diagnostics(&map, &all, format, color);
    if failed {
        EXIT_FAILED
    } else if all
        .iter()
        .any(|d| d.severity == crate::diagnostics::Severity::Error)
    {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

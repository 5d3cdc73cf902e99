//! `policyc check`: compile, check, print the findings.

use std::path::PathBuf;

use super::{print_diagnostics, reported, Format, Reporting, EXIT_FAILED, EXIT_FINDINGS, EXIT_OK};
use crate::diagnostics::{sort_diagnostics, FileId, SourceMap};
use crate::driver::{collect_inputs, compile_file_as, jobs, map_inputs};

pub fn run(paths: &[PathBuf], format: Format, reporting: Reporting) -> u8 {
    let mut map = SourceMap::new();
    let inputs = collect_inputs(paths);
    let mut all = Vec::new();
    let mut failed = inputs.is_empty();
    if inputs.is_empty() {
        eprintln!("policyc: 没有找到 .policy 文件");
    }
    // Files are compiled in parallel, each under the id it gets when its text is added to
    // the map afterwards, in input order. Models are dropped as soon as each file is done,
    // and so is the text of a file with nothing to report: only diagnostics quote it.
    let base = map.next_id().0;
    let done = map_inputs(&inputs, jobs(), |i, path| {
        let loaded = compile_file_as(path, FileId(base + i));
        let failed = loaded.compiled.failed();
        let text = if loaded.compiled.diagnostics.is_empty() {
            String::new()
        } else {
            loaded.text
        };
        (loaded.shown, text, loaded.compiled.diagnostics, failed)
    });
    for (shown, text, diagnostics, file_failed) in done {
        map.add(shown, text);
        failed |= file_failed;
        all.extend(diagnostics);
    }
    sort_diagnostics(&mut all);
    let all = reported(all, reporting);
    print_diagnostics(&map, &all, format, reporting);
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

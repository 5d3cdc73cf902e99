//! policyc's integration tests, one binary (as casey/just has it): every file beside this one
//! is a module here, so a test run links one executable instead of one per file. Run a group
//! with `cargo test --test main GROUP::`, e.g. `cargo test --test main import::`.

mod arith_robust;
mod blowups;
mod build;
mod calc;
mod checks;
mod checks_robust;
mod cli;
mod control_chars;
mod crash_robust;
mod fmt;
mod fuzz_regressions;
mod gantt;
mod import;
mod limits;
mod lsp;
mod notice;
mod output_safety;
mod parallel;
mod policies;
mod render;
mod sarif;
mod serve_browser;
mod subsidy_table;
mod syntax;
mod synth;
mod template_confinement;

/// Says that a test could not run here (a tool or `../shared` is missing) and why. libtest's
/// capture takes only `print!`/`eprint!`, not writes to the stderr handle, so the line shows in
/// a plain `cargo test` run. Under `POLICYC_NO_SKIP=1` (`.ci/run` sets it) a skip is a failure:
/// CI never passes a test it did not run.
pub fn skip(test: &str, why: &str) {
    if std::env::var_os("POLICYC_NO_SKIP").is_some() {
        panic!("{test} did not run: {why}");
    }
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}

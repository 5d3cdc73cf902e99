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
mod syntax;
mod synth;
mod template_confinement;

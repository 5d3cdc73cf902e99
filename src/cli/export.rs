//! `policyc export`: the typed model as JSON or YAML.

use std::path::Path;

use super::{ExportFormat, EXIT_FAILED, EXIT_OK};
use crate::diagnostics::{human::render_human, SourceMap};
use crate::driver::compile_file;

pub fn run(file: &Path, format: ExportFormat) -> u8 {
    let mut map = SourceMap::new();
    let compiled = compile_file(file, &mut map);
    // Findings go to stderr so that stdout stays a clean JSON or YAML document.
    if !compiled.diagnostics.is_empty() {
        eprint!("{}", render_human(&map, &compiled.diagnostics, false));
    }
    let Some(policy) = compiled.policy else {
        return EXIT_FAILED;
    };
    let text = match format {
        ExportFormat::Json => serde_json::to_string_pretty(&policy).expect("the model serialises"),
        ExportFormat::Yaml => serde_yaml::to_string(&policy).expect("the model serialises"),
    };
    println!("{text}");
    EXIT_OK
}

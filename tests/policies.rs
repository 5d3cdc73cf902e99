//! The notices in policies/: each compiles, and its exported model is snapshotted.

use std::path::Path;

use policyc::diagnostics::{human::render_human, SourceMap};
use policyc::driver::{collect_inputs, compile_file};

#[test]
fn every_policy_compiles_and_its_model_is_stable() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(root).unwrap();
    let inputs = collect_inputs(&[Path::new("policies").to_path_buf()]);
    assert!(inputs.len() >= 5, "expected the notices in policies/");
    for path in inputs {
        let mut map = SourceMap::new();
        let compiled = compile_file(&path, &mut map);
        let policy = compiled.policy.unwrap_or_else(|| {
            panic!(
                "{} does not compile:\n{}",
                path.display(),
                render_human(&map, &compiled.diagnostics, false)
            )
        });
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_yaml_snapshot!(name, policy);
    }
}

//! The SARIF output of every check fixture validates against the official SARIF 2.1.0 schema.
//!
//! The schema is the one shipped inside the `serde-sarif` crate (`src/schema.json`); the test
//! finds the crate's folder with `cargo metadata`, so the schema is not copied into this
//! repository and no network is needed.

use std::path::{Path, PathBuf};

use policyc::diagnostics::{sarif::to_sarif, SourceMap};
use policyc::driver::compile_file;
use serde_json::Value;

/// src/schema.json of the serde-sarif package this build uses.
fn schema_path() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
    let manifest = meta["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .find(|p| p["name"] == "serde-sarif")
        .and_then(|p| p["manifest_path"].as_str())
        .expect("serde-sarif is a dev-dependency");
    Path::new(manifest)
        .parent()
        .expect("a manifest has a folder")
        .join("src/schema.json")
}

/// Every fixture of tests/fixtures/checks, compiled into one source map.
fn all_fixtures() -> (SourceMap, Vec<policyc::diagnostics::Diagnostic>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checks");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixture folder exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "policy"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    let mut map = SourceMap::new();
    let mut diags = Vec::new();
    for p in paths {
        // compile_file, not compile_source: its signature is the stable one.
        diags.extend(compile_file(&p, &mut map).diagnostics);
    }
    (map, diags)
}

/// Escapes the stray `]` of the schema's language-tag patterns, wherever they stand.
fn escape_stray_bracket(v: &mut Value) {
    const STRAY: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match v {
        Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                if k == "pattern" && x.as_str() == Some(STRAY) {
                    *x = Value::from(STRAY.replace("}]?", "}\\]?"));
                } else {
                    escape_stray_bracket(x);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(escape_stray_bracket),
        _ => {}
    }
}

/// The SARIF 2.1.0 schema, ready to validate a log.
fn sarif_validator() -> jsonschema::Validator {
    let schema_file = schema_path();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(&schema_file)
            .unwrap_or_else(|e| panic!("{}: {e}", schema_file.display())),
    )
    .expect("the schema is JSON");
    // The official schema's `language` pattern ends in a stray `]`, a literal in ECMA-262 but
    // refused by the Rust regex engine that checks the meta-schema's "regex" format. Escaping it
    // keeps its meaning (`\]` is the same literal) and lets the rest of the schema apply.
    let mut schema = schema;
    escape_stray_bracket(&mut schema);
    jsonschema::draft7::new(&schema).expect("the SARIF schema compiles")
}

/// The schema's errors for a log, one line each.
fn schema_errors(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
    validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// The acceptance command itself: `policyc check --format sarif policies/`.
#[test]
fn sarif_of_the_policies_validates_against_the_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(["check", "--format", "sarif", "policies/"])
        .current_dir(root)
        .output()
        .expect("policyc runs");
    // 1: the notices have errors; the log is complete either way.
    assert_eq!(out.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
    let errors = schema_errors(&sarif_validator(), &log);
    assert!(
        errors.is_empty(),
        "{} schema errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

#[test]
fn sarif_of_every_fixture_validates_against_the_schema() {
    let validator = sarif_validator();
    let (map, diags) = all_fixtures();
    // The arithmetic checks report, with several labels each: the log is not trivially small.
    assert!(diags
        .iter()
        .any(|d| d.code.starts_with('A') && d.labels.len() > 2));
    let log = to_sarif(&map, &diags, env!("CARGO_PKG_VERSION"));
    let errors = schema_errors(&validator, &log);
    assert!(
        errors.is_empty(),
        "{} schema errors:\n{}",
        errors.len(),
        errors.join("\n")
    );

    // The typed model of serde-sarif reads it too.
    let typed: Result<serde_sarif::sarif::Sarif, _> = serde_json::from_value(log.clone());
    assert!(
        typed.is_ok(),
        "serde-sarif cannot read the log: {:?}",
        typed.err()
    );

    // And the schema is not vacuous: a result without a message is refused.
    let mut broken = log;
    broken["runs"][0]["results"][0]
        .as_object_mut()
        .expect("a result")
        .remove("message");
    assert!(!validator.is_valid(&broken));
}

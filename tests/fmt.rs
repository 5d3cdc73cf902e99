//! `policyc fmt`: idempotent, meaning-preserving on every policy and fixture, and
//! `policies/` kept formatted.

use std::path::{Path, PathBuf};

use policyc::diagnostics::FileId;
use policyc::fmt::{format_source, meaning};

fn policy_files(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = policyc::driver::collect_inputs(&[root.join(dir)]);
    assert!(!files.is_empty(), "no .policy files in {dir}");
    files
}

fn model(text: &str, path: &str) -> Option<serde_json::Value> {
    let tree = policyc::syntax::parse(text, FileId(0)).ok()?;
    Some(meaning(&tree, text, path, FileId(0)))
}

/// Formats every file that parses; files that do not (fixtures of syntax errors) must be
/// refused with their syntax errors.
fn fmt_every(dir: &str) -> usize {
    let mut formatted = 0;
    for path in policy_files(dir) {
        let shown = path.display().to_string();
        let text = policyc::diagnostics::load_source(&path).expect("readable");
        let Some(before) = model(&text, &shown) else {
            let refused = format_source(&text, &shown, FileId(0)).expect_err(&shown);
            assert!(refused.iter().all(|d| d.code.starts_with("E00")), "{shown}");
            continue;
        };
        let once =
            format_source(&text, &shown, FileId(0)).unwrap_or_else(|d| panic!("{shown}: {d:?}"));
        let twice = format_source(&once, &shown, FileId(0))
            .unwrap_or_else(|d| panic!("{shown} formatted: {d:?}"));
        assert_eq!(once, twice, "{shown}: fmt is not idempotent");
        let after = model(&once, &shown).expect("the formatted file parses");
        assert_eq!(before, after, "{shown}: the model changed");
        formatted += 1;
    }
    formatted
}

#[test]
fn fmt_keeps_the_model_and_is_idempotent_on_every_policy() {
    assert!(fmt_every("policies") >= 6);
}

#[test]
fn fmt_keeps_the_model_and_is_idempotent_on_every_fixture() {
    assert!(fmt_every("tests/fixtures") > 100);
}

#[test]
fn policies_are_kept_formatted() {
    for path in policy_files("policies") {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(&path).expect("readable");
        let formatted = format_source(&text, &shown, FileId(0)).expect("formats");
        assert!(
            formatted == text,
            "{shown} is not formatted: run `policyc fmt policies/`"
        );
    }
}

fn policyc(args: &[&str], dir: &Path) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("policyc runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("policyc-fmt-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn fmt_check_reports_a_diff_and_fmt_rewrites_the_file() {
    let dir = temp_dir("check");
    let messy = "方案 甲{\n指标  改造户数 ： 460户；指标 乙:5户\n}";
    std::fs::write(dir.join("甲.policy"), messy).unwrap();
    let (code, out, _) = policyc(&["fmt", "--check", "甲.policy"], &dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("+  指标 改造户数：460户"), "{out}");
    assert_eq!(
        std::fs::read_to_string(dir.join("甲.policy")).unwrap(),
        messy
    );
    let (code, _, err) = policyc(&["fmt", "甲.policy"], &dir);
    assert_eq!(code, 0, "{err}");
    let tidy = std::fs::read_to_string(dir.join("甲.policy")).unwrap();
    assert_eq!(
        tidy,
        "方案 甲 {\n  指标 改造户数：460户\n  指标 乙：5户\n}\n"
    );
    let (code, _, _) = policyc(&["fmt", "--check", "."], &dir);
    assert_eq!(code, 0);
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(names.len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn fmt_never_writes_a_file_it_cannot_parse() {
    let dir = temp_dir("broken");
    let broken = "方案 甲 {\n  指标 改造户数 460户\n}\n";
    std::fs::write(dir.join("乙.policy"), broken).unwrap();
    let (code, out, _) = policyc(&["fmt", "乙.policy"], &dir);
    assert_eq!(code, 2);
    assert!(out.contains("E0001"), "{out}");
    assert_eq!(
        std::fs::read_to_string(dir.join("乙.policy")).unwrap(),
        broken
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

//! `policyc build policies -o DIR`: every output for every policy, deterministic, and the
//! notice drafts cover every figure and date of their seeds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn build_into(dir: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(["build", "policies", "-o"])
        .arg(dir)
        .args(["--color", "never"])
        .current_dir(root())
        .output()
        .expect("policyc runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("policyc-build-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

#[test]
fn two_builds_are_identical_and_text_outputs_are_snapshotted() {
    let (a, b) = (temp("a"), temp("b"));
    build_into(&a);
    build_into(&b);
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(
            tb[path] == *bytes,
            "{} differs between two builds",
            path.display()
        );
    }
    for (path, bytes) in &ta {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ["md", "html", "csv", "mmd", "svg"].contains(&ext) || path.ends_with("gantt.json") {
            let name = path.to_string_lossy().replace(['/', '\\'], "__");
            insta::assert_snapshot!(name, String::from_utf8_lossy(bytes));
        }
    }
    std::fs::remove_dir_all(&a).unwrap();
    std::fs::remove_dir_all(&b).unwrap();
}

#[test]
fn notice_drafts_cover_every_figure_and_date_of_their_seeds() {
    let tool = root().join("../shared/tools/figures.py");
    if !tool.exists() {
        eprintln!("../shared/tools/figures.py is not beside the project; skipped");
        return;
    }
    let out = temp("figures");
    build_into(&out);
    for seed in std::fs::read_dir(root().join("seeds")).unwrap().flatten() {
        let name = seed.file_name().to_string_lossy().into_owned();
        let prefix = &name[..4]; // "001_"
        let drafts: Vec<PathBuf> = std::fs::read_dir(&out)
            .unwrap()
            .flatten()
            .filter(|d| d.file_name().to_string_lossy().starts_with(prefix))
            .map(|d| d.path().join("notice.md"))
            .collect();
        assert!(!drafts.is_empty(), "no policy for {name}");
        let result = Command::new("python3")
            .arg(&tool)
            .arg(seed.path())
            .args(&drafts)
            .output()
            .expect("python3 runs");
        let text = String::from_utf8_lossy(&result.stdout);
        let last = text.lines().last().unwrap_or_default();
        // "covered: N/N figures, K/K dates"
        let complete = last
            .trim_start_matches("covered: ")
            .split(", ")
            .all(|part| {
                let frac = part.split_whitespace().next().unwrap_or("");
                frac.split_once('/').is_some_and(|(a, b)| a == b)
            });
        assert!(complete, "{name}:\n{text}");
    }
    std::fs::remove_dir_all(&out).unwrap();
}

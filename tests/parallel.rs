//! Compiling on several threads (POLICYC_JOBS) prints exactly what one thread prints, and
//! `build` writes the same files.

use std::path::{Path, PathBuf};
use std::process::Command;

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("policyc-parallel-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn policyc(jobs: &str, args: &[&str], dir: &Path) -> (Option<i32>, Vec<u8>) {
    let out = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(args)
        .env("POLICYC_JOBS", jobs)
        .current_dir(dir)
        .output()
        .expect("policyc runs");
    (out.status.code(), out.stdout)
}

fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((
                    p.strip_prefix(dir).unwrap().into(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn one_thread_and_several_give_the_same_output() {
    let dir = temp("corpus");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for (name, text) in policyc::synth::corpus(3, 6) {
        std::fs::write(input.join(name), text).unwrap();
    }
    // One file with a syntax error and one that is not UTF-8, among the others.
    std::fs::write(
        input.join("00002_bad.policy"),
        "方案 甲 {\n  指标 甲 460户\n}\n",
    )
    .unwrap();
    std::fs::write(input.join("00004_gbk.policy"), [0xBB, 0xA7]).unwrap();
    for format in ["human", "json"] {
        let one = policyc("1", &["check", "in", "--format", format], &dir);
        let three = policyc("3", &["check", "in", "--format", format], &dir);
        assert_eq!(one.0, Some(2));
        assert_eq!(one, three, "{format}");
    }
    let one = policyc(
        "1",
        &["build", "in", "-o", "out1", "--color", "never"],
        &dir,
    );
    let three = policyc(
        "3",
        &["build", "in", "-o", "out3", "--color", "never"],
        &dir,
    );
    assert_eq!(one, three);
    assert_eq!(files(&dir.join("out1")), files(&dir.join("out3")));
    assert!(!files(&dir.join("out1")).is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

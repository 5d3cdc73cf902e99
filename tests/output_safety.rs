//! Where `policyc build` may write: never into seeds/ or policies/, never over an input, never
//! outside the output folder; and a build that fails half-way leaves earlier outputs whole.

use std::path::{Path, PathBuf};
use std::process::Command;

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("policyc-safety-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn build(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .arg("build")
        .args(args)
        .args(["--color", "never"])
        .current_dir(dir)
        .output()
        .expect("policyc runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

const POLICY: &str = "方案 甲 {\n  指标 甲：460户\n  「共{甲}。」\n}\n";

fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn outputs_never_go_into_protected_or_input_folders() {
    let dir = temp("folders");
    for sub in ["policies", "seeds", "in"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::write(dir.join(sub).join("a.policy"), POLICY).unwrap();
    }
    let before = all_files(&dir);
    for (args, why) in [
        (vec!["in", "-o", "policies/out"], "policies/"),
        (vec!["in", "-o", "seeds"], "seeds/"),
        // The input folder itself, and a folder inside it.
        (vec!["in/a.policy", "-o", "in"], "政策文件所在的文件夹"),
        (vec!["in", "-o", "in/out"], "位于输入文件夹"),
        // A folder that holds an input further down.
        (vec!["in/a.policy", "-o", "."], "包含输入文件"),
    ] {
        let (code, out) = build(&dir, &args);
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(out.contains(why), "{args:?}: {out}");
    }
    assert_eq!(all_files(&dir), before, "a refused build wrote something");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn names_from_policy_files_cannot_leave_the_output_folder() {
    let dir = temp("names");
    std::fs::create_dir_all(dir.join("in")).unwrap();
    // Its stem is "." : no folder can be named after it.
    std::fs::write(dir.join("in/..policy"), POLICY).unwrap();
    std::fs::write(dir.join("in/好.policy"), POLICY).unwrap();
    let (code, out) = build(&dir, &["in/..policy", "in/好.policy", "-o", "out/x"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("无法从文件名"), "{out}");
    // The good file is built; nothing lands outside out/x.
    assert!(dir.join("out/x/好/notice.md").is_file());
    let outside: Vec<_> = all_files(&dir)
        .into_iter()
        .filter(|p| !p.starts_with(dir.join("in")) && !p.starts_with(dir.join("out")))
        .collect();
    assert!(outside.is_empty(), "{outside:?}");
    let in_out: Vec<_> = all_files(&dir.join("out"))
        .into_iter()
        .filter(|p| !p.starts_with(dir.join("out/x")) && p != &dir.join("out/x"))
        .collect();
    assert!(in_out.is_empty(), "{in_out:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_build_that_fails_half_way_leaves_earlier_outputs_whole() {
    let dir = temp("halfway");
    std::fs::create_dir_all(dir.join("in")).unwrap();
    std::fs::write(dir.join("in/a.policy"), POLICY).unwrap();
    std::fs::write(dir.join("in/b.policy"), POLICY).unwrap();
    let (code, out) = build(&dir, &["in", "-o", "out"]);
    assert_eq!(code, 0, "{out}");
    let b_notice = std::fs::read(dir.join("out/b/notice.md")).unwrap();

    // b's model.json cannot be replaced (a folder stands in its place), and b's text changes.
    std::fs::remove_file(dir.join("out/b/model.json")).unwrap();
    std::fs::create_dir_all(dir.join("out/b/model.json/blocker")).unwrap();
    std::fs::write(dir.join("in/b.policy"), POLICY.replace("460户", "470户")).unwrap();
    std::fs::write(dir.join("in/a.policy"), POLICY.replace("460户", "480户")).unwrap();
    let (code, out) = build(&dir, &["in", "-o", "out"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("无法写入"), "{out}");

    // a was rebuilt in full; each of b's files is either the old one or the new one, whole;
    // no temporary file is left behind.
    let a_notice = std::fs::read_to_string(dir.join("out/a/notice.md")).unwrap();
    assert!(a_notice.contains("480户"), "{a_notice}");
    let b_now = std::fs::read(dir.join("out/b/notice.md")).unwrap();
    let b_now_text = String::from_utf8_lossy(&b_now);
    assert!(
        b_now == b_notice || b_now_text.contains("470户"),
        "{b_now_text}"
    );
    let leftovers: Vec<_> = all_files(&dir.join("out"))
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("policyc-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

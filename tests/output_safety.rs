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

/// An earlier build's outputs, left over temporary files, and how a new build treats them.
#[test]
fn each_build_replaces_policy_folders_whole_and_leaves_nothing_old() {
    let dir = temp("replace");
    std::fs::create_dir_all(dir.join("in")).unwrap();
    for name in ["a", "b", "c"] {
        std::fs::write(dir.join(format!("in/{name}.policy")), POLICY).unwrap();
    }
    let (code, out) = build(&dir, &["in", "-o", "out"]);
    assert_eq!(code, 0, "{out}");
    assert!(dir.join("out/a/.policyc-output").is_file());

    // A file no writer makes any more (a stale tasks.xlsx), temporary files of builds that
    // were killed (at the top and inside a policy's folder, old and new naming), and a
    // change to every policy; b no longer compiles.
    std::fs::write(dir.join("out/a/stale.xlsx"), "old").unwrap();
    let dead = u32::MAX - 1;
    std::fs::create_dir_all(dir.join(format!("out/.policyc-tmp-{dead}-00ff/x"))).unwrap();
    std::fs::write(dir.join(format!("out/.index.html.policyc-tmp-{dead}")), "x").unwrap();
    std::fs::write(
        dir.join(format!("out/a/.notice.md.policyc-tmp-{dead}")),
        "x",
    )
    .unwrap();
    std::fs::write(dir.join("in/a.policy"), POLICY.replace("460户", "480户")).unwrap();
    std::fs::write(dir.join("in/b.policy"), "方案 乙 {\n  指标 甲：\n").unwrap();
    // c's folder has been replaced by one of the user's (no marker, no model.json).
    std::fs::remove_dir_all(dir.join("out/c")).unwrap();
    std::fs::create_dir_all(dir.join("out/c")).unwrap();
    std::fs::write(dir.join("out/c/我的笔记.txt"), "mine").unwrap();

    let (code, out) = build(&dir, &["in", "-o", "out"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("不是 policyc 生成的"), "{out}");
    let a_notice = std::fs::read_to_string(dir.join("out/a/notice.md")).unwrap();
    assert!(a_notice.contains("480户"), "{a_notice}");
    assert!(!dir.join("out/a/stale.xlsx").exists());
    // b did not compile: its old outputs are gone rather than looking current.
    assert!(!dir.join("out/b").exists());
    // c's folder is the user's: untouched.
    assert_eq!(
        std::fs::read_to_string(dir.join("out/c/我的笔记.txt")).unwrap(),
        "mine"
    );
    assert_eq!(all_files(&dir.join("out/c")).len(), 1);
    let leftovers: Vec<_> = all_files(&dir.join("out"))
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("policyc-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let index = std::fs::read_to_string(dir.join("out/index.html")).unwrap();
    assert!(index.contains("a/notice.md") && !index.contains("b/notice.md"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn links_and_folders_not_made_yet_cannot_lead_into_an_input_folder() {
    let dir = temp("links");
    std::fs::create_dir_all(dir.join("work/in")).unwrap();
    std::fs::create_dir_all(dir.join("work/policies")).unwrap();
    std::fs::create_dir_all(dir.join("dir")).unwrap();
    std::fs::write(dir.join("work/in/a.policy"), POLICY).unwrap();
    std::fs::write(dir.join("work/policies/p.policy"), POLICY).unwrap();
    let link =
        |from: &str, to: &str| std::os::unix::fs::symlink(dir.join(to), dir.join(from)).unwrap();
    link("dir/link-to-input", "work/in");
    link("dir/link-to-policies", "work/policies");
    link("dir/link-to-file", "work/in/a.policy");
    link("dir/dangling", "work/nowhere");
    let before = all_files(&dir);
    for (args, why) in [
        // link/.. is work/, so this is work/in itself (a lexical `..` would say dir/in).
        (
            vec!["work/in", "-o", "dir/link-to-input/../in"],
            "位于输入文件夹",
        ),
        (
            vec!["work/in", "-o", "dir/link-to-input/../in/new"],
            "位于输入文件夹",
        ),
        // A link plus folders that do not exist yet.
        (
            vec!["work/in", "-o", "dir/link-to-input/new/deeper"],
            "位于输入文件夹",
        ),
        (
            vec!["work/in/a.policy", "-o", "dir/link-to-input/new"],
            "政策文件所在的文件夹",
        ),
        (
            vec!["work/in", "-o", "dir/link-to-policies/out"],
            "policies/",
        ),
        (
            vec!["work/in", "-o", "dir/new/../link-to-input"],
            "位于输入文件夹",
        ),
        // The input folder given through a link, the output typed plainly.
        (
            vec!["dir/link-to-input", "-o", "work/in/out"],
            "位于输入文件夹",
        ),
        (vec!["work/in", "-o", "dir/link-to-file"], "是一个文件"),
        (vec!["work/in", "-o", "dir/dangling/out"], "无法解析"),
        // Inside the folder of a file given by itself.
        (
            vec!["work/in/a.policy", "-o", "work/in/sub/out"],
            "政策文件所在的文件夹",
        ),
    ] {
        let (code, out) = build(&dir, &args);
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(out.contains(why), "{args:?}: {out}");
    }
    assert_eq!(all_files(&dir), before, "a refused build wrote something");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_planted_link_in_the_output_folder_is_not_followed() {
    let dir = temp("planted");
    std::fs::create_dir_all(dir.join("in")).unwrap();
    std::fs::create_dir_all(dir.join("out")).unwrap();
    std::fs::create_dir_all(dir.join("victim")).unwrap();
    std::fs::write(dir.join("in/a.policy"), POLICY).unwrap();
    std::fs::write(dir.join("victim/notice.md"), "keep").unwrap();
    std::os::unix::fs::symlink(dir.join("victim"), dir.join("out/a")).unwrap();
    std::os::unix::fs::symlink(dir.join("victim/notice.md"), dir.join("out/index.html")).unwrap();
    let (code, out) = build(&dir, &["in", "-o", "out"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("不是 policyc 生成的"), "{out}");
    assert_eq!(
        std::fs::read_to_string(dir.join("victim/notice.md")).unwrap(),
        "keep"
    );
    assert_eq!(all_files(&dir.join("victim")).len(), 1);
    // index.html was written in place of the link, not through it.
    assert!(!std::fs::symlink_metadata(dir.join("out/index.html"))
        .unwrap()
        .is_symlink());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn no_policy_name_can_meet_a_top_level_output() {
    let dir = temp("collide");
    std::fs::create_dir_all(dir.join("in")).unwrap();
    for name in ["index.html", "index", ".policyc-tmp-1-2", "a.b", "a_b"] {
        std::fs::write(dir.join(format!("in/{name}.policy")), POLICY).unwrap();
    }
    let (code, out) = build(&dir, &["in", "-o", "out"]);
    // `.policyc-tmp-1-2.policy` is a hidden file's name: refused, nothing else is.
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("无法从文件名"), "{out}");
    assert!(dir.join("out/index.html").is_file());
    for folder in ["index_html", "index", "a_b", "a_b-2"] {
        assert!(
            dir.join("out").join(folder).join("notice.md").is_file(),
            "{folder}: {out}"
        );
    }
    let index = std::fs::read_to_string(dir.join("out/index.html")).unwrap();
    assert!(index.contains("index_html/notice.md"), "{index}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every file under `dir`, relative to it, with its bytes.
fn tree(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    all_files(dir)
        .into_iter()
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn outputs_are_the_same_whatever_the_working_directory() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let base = temp("cwd");
    let policies = root.join("policies");
    let elsewhere = std::env::temp_dir();
    let runs: Vec<(PathBuf, Vec<String>)> = vec![
        (root.to_path_buf(), vec!["policies".into()]),
        (policies.clone(), vec![".".into()]),
        (elsewhere.clone(), vec![policies.display().to_string()]),
        (root.join("src"), vec!["../policies/".into()]),
    ];
    let mut trees = Vec::new();
    for (i, (cwd, inputs)) in runs.iter().enumerate() {
        let out = base.join(format!("out{i}"));
        let mut args: Vec<&str> = inputs.iter().map(String::as_str).collect();
        let out_s = out.display().to_string();
        args.extend(["-o", &out_s]);
        let (code, log) = build(cwd, &args);
        assert_eq!(code, 0, "{cwd:?} {args:?}: {log}");
        trees.push(tree(&out));
    }
    let first = &trees[0];
    assert!(first.keys().any(|k| k.ends_with("model.json")));
    for (i, t) in trees.iter().enumerate().skip(1) {
        assert_eq!(
            first.keys().collect::<Vec<_>>(),
            t.keys().collect::<Vec<_>>(),
            "run {i}"
        );
        for (path, bytes) in first {
            assert!(
                t[path] == *bytes,
                "{} differs in run {i} ({:?})",
                path.display(),
                runs[i]
            );
        }
    }
    // A file given by itself is named by its file name, from anywhere.
    let one = std::fs::read_dir(&policies)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "policy"))
        .unwrap();
    let mut models = Vec::new();
    for (i, cwd) in [root.to_path_buf(), elsewhere].iter().enumerate() {
        let out = base.join(format!("single{i}"));
        let file = if i == 0 {
            one.strip_prefix(root).unwrap().display().to_string()
        } else {
            one.display().to_string()
        };
        let (code, log) = build(cwd, &[&file, "-o", &out.display().to_string()]);
        assert_eq!(code, 0, "{log}");
        models.push(tree(&out));
    }
    assert!(
        models[0] == models[1],
        "a single file's outputs depend on the working directory"
    );
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn file_names_and_text_with_control_characters_reach_the_terminal_as_text() {
    let dir = temp("terminal");
    std::fs::create_dir_all(dir.join("in/sub")).unwrap();
    // The same (hostile) name twice, so the build also reports the renamed folder; the
    // text holds ESC and BEL, and a syntax error quotes its line.
    let name = "\u{1b}[2J\u{7}甲.policy";
    std::fs::write(
        dir.join("in").join(name),
        "方案 甲 {\n  「\u{1b}]0;标题\u{7}」\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("in/sub").join(name),
        "方案 甲 {\n  指标 \u{1b}[31m：\n",
    )
    .unwrap();
    let (code, out) = build(&dir, &["in", "-o", "out"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("E0010") && out.contains("同名"), "{out}");
    let bad: Vec<char> = out
        .chars()
        .filter(|&c| c != '\n' && c.is_control())
        .collect();
    assert!(bad.is_empty(), "{bad:?} in:\n{out}");
    assert!(out.contains("␛[2J␇甲.policy"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

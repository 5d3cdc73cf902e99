//! The command line as a drafter uses it.

use std::process::Command;

fn policyc(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("policyc runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_policies_compiles_every_notice() {
    let (code, out, err) = policyc(&["check", "policies/"]);
    assert!(code == 0 || code == 1, "exit {code}\n{out}\n{err}");
}

#[test]
fn check_json_prints_one_array_with_the_documented_fields() {
    let (code, out, _) = policyc(&["check", "--format", "json", "policies/"]);
    assert!(code == 0 || code == 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("stdout is JSON");
    let arr = v.as_array().expect("an array");
    for d in arr {
        for key in [
            "code",
            "severity",
            "message",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
        ] {
            assert!(d.get(key).is_some(), "missing {key} in {d}");
        }
        assert!(["error", "warning", "note"].contains(&d["severity"].as_str().unwrap()));
    }
}

#[test]
fn a_syntax_error_exits_2() {
    let dir = std::env::temp_dir().join(format!("policyc-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.policy");
    std::fs::write(&bad, "方案 甲 {\n  指标 甲 460户\n}\n").unwrap();
    let (code, out, _) = policyc(&["check", bad.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("E0001"));
    std::fs::write(&bad, [0xff, 0xfe, 0x41]).unwrap();
    let (code, out, _) = policyc(&["check", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(out.contains("E0002") && out.contains("UTF-8"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn explain_works_for_every_code() {
    for info in policyc::diagnostics::codes::CODES.iter() {
        let (code, out, _) = policyc(&["explain", info.code]);
        assert_eq!(code, 0, "{}", info.code);
        assert!(out.contains(info.title), "{}: {out}", info.code);
    }
    let (code, _, err) = policyc(&["explain", "X9999"]);
    assert_eq!(code, 2);
    assert!(err.contains("X9999"));
}

#[test]
fn export_yaml_prints_the_model() {
    let (code, out, _) = policyc(&[
        "export",
        "policies/000_dalate-pingfang-jieneng.policy",
        "--format",
        "yaml",
    ]);
    assert_eq!(code, 0);
    let v: serde_yaml::Value = serde_yaml::from_str(&out).expect("YAML");
    assert!(v["plans"][0]["title"]
        .as_str()
        .unwrap()
        .contains("节能改造"));
}

#[test]
fn serve_on_a_port_in_use_says_so_and_exits() {
    // Held for the length of the test: policyc serve cannot have it.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (code, _, err) = policyc(&[
        "serve",
        "policies/000_dalate-pingfang-jieneng.policy",
        "--port",
        &port,
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("error[E0600]"), "{err}");
    assert!(err.contains(&format!("127.0.0.1:{port}")), "{err}");
    assert!(err.contains("--port 0"), "{err}");
}

#[test]
fn serve_without_policy_files_exits() {
    let (code, _, err) = policyc(&["serve", "docs"]);
    assert_eq!(code, 2);
    assert!(err.contains("没有找到 .policy 文件"), "{err}");
}

#[test]
fn help_is_in_chinese_with_examples_for_every_command() {
    let commands = [
        "check",
        "build",
        "fmt",
        "init",
        "export",
        "import",
        "explain",
        "completions",
        "serve",
        "lsp",
    ];
    let (code, out, _) = policyc(&["--help"]);
    assert_eq!(code, 0);
    for command in commands {
        assert!(out.contains(command), "{command} missing from\n{out}");
    }
    let mut pages = vec![out];
    for command in commands {
        let (code, out, err) = policyc(&["help", command]);
        assert_eq!(code, 0, "{command}: {err}");
        assert!(out.contains(&format!("用法：policyc {command}")), "{out}");
        assert!(out.contains("示例："), "{command} has no examples:\n{out}");
        let (_, flag, _) = policyc(&[command, "--help"]);
        assert_eq!(
            flag, out,
            "policyc {command} --help and policyc help {command} differ"
        );
        pages.push(out);
    }
    for page in pages {
        for english in [
            "Usage",
            "Options",
            "Commands",
            "Arguments",
            "[OPTIONS]",
            "Print help",
            "default:",
            "possible values",
        ] {
            assert!(!page.contains(english), "“{english}” in\n{page}");
        }
    }
    let (code, _, err) = policyc(&["chek", "policies/"]);
    assert_eq!(code, 2);
    assert!(err.contains("是否想写“check”？"), "{err}");
}

#[test]
fn init_writes_a_starting_file_that_compiles_cleanly_and_is_formatted() {
    let dir = std::env::temp_dir().join(format!("policyc-init-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_policyc"))
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("policyc runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, out) = run(&["init", "节能改造方案"]);
    assert_eq!(code, 0, "{out}");
    let path = dir.join("节能改造方案.policy");
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(text.contains("//"), "the starting file explains itself");
    let (code, out) = run(&["check", "节能改造方案.policy"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("共 0 个错误、0 个警告"), "{out}");
    let (code, out) = run(&["fmt", "--check", "节能改造方案.policy"]);
    assert_eq!(code, 0, "{out}");
    // A second init never overwrites the drafter's file.
    std::fs::write(&path, "// 我的草稿\n").unwrap();
    let (code, _) = run(&["init", "节能改造方案"]);
    assert_eq!(code, 2);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "// 我的草稿\n");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn completions_are_generated_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let (code, out, err) = policyc(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains("policyc") && out.contains("fmt"), "{shell}");
    }
}

#[test]
fn quiet_and_errors_only_trim_the_report() {
    let file = "tests/fixtures/checks/O401-fires.policy";
    let (_, full, _) = policyc(&["check", "--color", "never", file]);
    assert!(full.contains("warning[O401]"), "{full}");
    assert!(full.contains("共 "), "{full}");
    let (_, errors_only, _) = policyc(&["check", "--errors-only", "--color", "never", file]);
    assert!(!errors_only.contains("warning["), "{errors_only}");
    let (_, quiet, _) = policyc(&["check", "--quiet", "--color", "never", file]);
    assert!(
        quiet.contains("warning[O401]") && !quiet.contains("共 "),
        "{quiet}"
    );
}

#[test]
fn check_of_several_files_prints_a_line_per_file_with_findings() {
    let (_, out, _) = policyc(&[
        "check",
        "--color",
        "never",
        "tests/fixtures/checks/O401-fires.policy",
        "tests/fixtures/checks/O401-silent.policy",
    ]);
    assert!(
        out.contains("tests/fixtures/checks/O401-fires.policy：0 个错误、1 个警告"),
        "{out}"
    );
}

/// `policyc export … | head`: a reader that stops early closes the pipe; policyc stops
/// quietly with the status of a process ended by SIGPIPE, not with a panic on stderr.
#[test]
fn a_closed_stdout_ends_policyc_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(["export", "policies/003_donghe-qingjie-qunuan-2021.policy"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe is closed here, long before the model (megabytes of JSON) is written.
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(141), "{stderr}");
}

/// `policyc completions bash | head`: the script is written whole or, when the reader has
/// gone, not at all — never a panic (clap_complete panics when its writer fails).
#[test]
fn completions_into_a_closed_pipe_do_not_panic() {
    use std::process::{Command, Stdio};
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_policyc"))
            .args(["completions", shell])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Closed before policyc writes, in all but the rarest timing (then it writes whole).
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{shell}: {stderr}");
        assert!(
            matches!(out.status.code(), Some(0 | 141)),
            "{shell}: {stderr}"
        );
    }
}

/// A device or a pipe reports no length: `import` reads at most one byte past its limit and
/// refuses, instead of reading /dev/zero for ever.
#[cfg(unix)]
#[test]
fn import_of_an_endless_stream_is_refused_at_the_limit() {
    let (code, _, err) = policyc(&["import", "/dev/zero"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("E0501"), "{err}");
}

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
    for info in policyc::diagnostics::codes::CODES {
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

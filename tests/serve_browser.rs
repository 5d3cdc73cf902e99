//! `policyc serve` in a real browser: headless Chromium opens the preview, the test saves
//! changes to the policy file and checks that the open page follows them without a reload
//! (the new text, a finding that appears and then disappears), that clicking a finding shows
//! its source line and explanation, and that the file list switches files. Screenshots are
//! left in the target folder's tmp/serve-browser/ to be looked at. Skipped, with a message,
//! where /usr/bin/chromium is not installed (`.ci/run` installs it).

#[path = "browser/cdp.rs"]
mod cdp;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;

const CHROMIUM: &str = "/usr/bin/chromium";

const GOOD: &str = "方案 某县平房区节能改造方案 {\n  分解 改造户数 按 街道 {\n    合计：460户\n    昭君街道：120户\n    工业街道：340户\n  }\n  「2024年，完成{改造户数}节能改造。」\n}\n";

/// Kills a child process when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn now_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
        * 1000.0
}

/// Waits until a JavaScript condition holds in the page, for at most 20 s.
fn wait_for(page: &mut cdp::Page, condition: &str) {
    let started = Instant::now();
    loop {
        if page.eval(condition) == Value::Bool(true) {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the page never showed: {condition}\nbody: {}",
            page.eval("document.body.innerText")
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Saves `text` and waits for the page to show a new view; the time from the save to the
/// page showing it, by the page's own clock (the same machine's).
fn save_and_measure(page: &mut cdp::Page, path: &Path, text: &str, shows: &str) -> f64 {
    let before = page.eval("window.policycShown.version").as_u64().unwrap();
    let saved = now_ms();
    std::fs::write(path, text).unwrap();
    wait_for(
        page,
        &format!("window.policycShown.version > {before} && ({shows})"),
    );
    page.eval("window.policycShown.at").as_f64().unwrap() - saved
}

const NOTICE: &str = "document.getElementById('frame-notice').contentDocument.body.innerText";
const FINDINGS: &str = "document.getElementById('findings').innerText";

fn screenshot(page: &mut cdp::Page, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-browser");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, page.screenshot()).unwrap();
    path
}

#[test]
fn the_open_page_follows_saves_of_the_policy_file() {
    if !Path::new(CHROMIUM).exists() {
        crate::skip(
            "serve_browser::the_open_page_follows_saves_of_the_policy_file",
            &format!("no {CHROMIUM} (.ci/run installs it with apt-get)"),
        );
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("policies")).unwrap();
    let file = dir.join("policies/a.policy");
    std::fs::write(&file, GOOD).unwrap();
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/002_xingan-zhujian-2020.policy");
    let large = dir.join("policies/b.policy");
    std::fs::copy(&seed, &large).unwrap();

    let mut serve = Running(
        Command::new(env!("CARGO_BIN_EXE_policyc"))
            .args(["serve", "--port", "0"])
            .arg(dir.join("policies"))
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut line = String::new();
    let mut output = BufReader::new(serve.0.stdout.take().unwrap());
    output.read_line(&mut line).unwrap();
    // Whatever else it prints is read and dropped.
    std::thread::spawn(move || std::io::copy(&mut output, &mut std::io::sink()));
    let url = line
        .trim()
        .strip_prefix("预览地址：")
        .unwrap_or_else(|| panic!("serve printed {line:?}"))
        .to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");

    let profile = dir.join("chromium-profile");
    let _chromium = Running(
        Command::new(CHROMIUM)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                "--window-size=1400,900",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(&url)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    // Chromium writes the DevTools port into the profile once it listens.
    let started = Instant::now();
    let port: u16 = loop {
        if let Some(port) = std::fs::read_to_string(profile.join("DevToolsActivePort"))
            .ok()
            .and_then(|t| t.lines().next().and_then(|l| l.parse().ok()))
        {
            break port;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "Chromium did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let ws = loop {
        let list: Value =
            serde_json::from_str(&cdp::http_get(port, "/json/list").unwrap()).unwrap_or_default();
        if let Some(ws) = list.as_array().and_then(|pages| {
            pages
                .iter()
                .find(|p| {
                    p["type"] == "page" && p["url"].as_str().is_some_and(|u| u.starts_with(&url))
                })
                .and_then(|p| p["webSocketDebuggerUrl"].as_str().map(String::from))
        }) {
            break ws;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no page target"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut page = cdp::Page::connect(&ws).unwrap();

    // The first file's notice, with no findings.
    wait_for(
        &mut page,
        &format!("!!window.policycShown && {NOTICE}.includes('完成460户节能改造') && {FINDINGS}.includes('没有发现问题')"),
    );
    assert_eq!(
        page.eval("document.getElementById('title').textContent"),
        "某县平房区节能改造方案"
    );
    screenshot(&mut page, "1-open.png");

    // A save that changes the text and breaks the breakdown: both show, no reload.
    page.eval("window.notReloaded = true");
    let broken = GOOD
        .replace("330户", "")
        .replace("工业街道：340户", "工业街道：330户")
        .replace("节能改造。", "节能改造和飞线整治。");
    let appear = save_and_measure(
        &mut page,
        &file,
        &broken,
        &format!("{NOTICE}.includes('飞线整治') && {FINDINGS}.includes('A101')"),
    );
    assert_eq!(
        page.eval("window.notReloaded"),
        Value::Bool(true),
        "the page reloaded"
    );

    // Clicking the finding shows its source line and explanation.
    page.eval("document.querySelector('#findings li.error').click()");
    wait_for(
        &mut page,
        "document.getElementById('detail').innerText.includes('合计：460户') && document.getElementById('detail').innerText.includes('四舍五入')",
    );
    let shot = screenshot(&mut page, "2-finding.png");

    // Clicking a figure in the notice shows where it is declared and what it checks against.
    page.eval(&format!(
        "{}.querySelector('[data-fig]').click()",
        NOTICE.replace(".body.innerText", "")
    ));
    wait_for(
        &mut page,
        "document.getElementById('detail').innerText.includes('第3行声明') && document.getElementById('detail').innerText.includes('的合计')",
    );
    screenshot(&mut page, "3-figure.png");

    // Fixing it again: the finding disappears.
    let disappear = save_and_measure(
        &mut page,
        &file,
        GOOD,
        &format!("!{FINDINGS}.includes('A101') && {FINDINGS}.includes('没有发现问题')"),
    );

    // The file list switches to the seed-sized file; a save of it is followed too.
    page.eval("document.querySelectorAll('#files a')[1].click()");
    wait_for(&mut page, "window.policycShown.index === 1");
    let seed_text = std::fs::read_to_string(&seed).unwrap();
    let large_update = save_and_measure(
        &mut page,
        &large,
        &format!("{seed_text}\n// 保存一次\n"),
        "true",
    );
    screenshot(&mut page, "4-seed.png");
    for (tab, shows) in [("tasks", "牵头单位"), ("gantt", "图例")] {
        page.eval(&format!(
            "document.querySelector('[data-tab={tab}]').click()"
        ));
        wait_for(
            &mut page,
            &format!("!document.getElementById('frame-{tab}').hidden && document.getElementById('frame-{tab}').contentDocument.body.innerText.includes('{shows}')"),
        );
        screenshot(&mut page, &format!("5-{tab}.png"));
    }
    eprintln!(
        "保存到页面更新：出现问题 {appear:.0} ms，问题消失 {disappear:.0} ms，002 号方案 {large_update:.0} ms；截图在 {}",
        shot.parent().unwrap().display()
    );
    // The page polls every 40 ms; a debug build on a loaded machine is slower than the
    // release build the 200 ms goal is about, so this bound only catches a page that does
    // not follow at all.
    for ms in [appear, disappear, large_update] {
        assert!(ms < 5000.0, "{ms} ms");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

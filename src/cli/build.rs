//! `policyc build`: check every policy and write its outputs into DIR/<stem>/, then
//! DIR/index.html listing every policy, its findings and its files.
//!
//! Each policy's folder is built whole in a fresh temporary folder and swapped in
//! (`output::FreshFolder`), so nothing of an older build stays beside the new files; the
//! outputs name each input by its path inside the folder given ([`shown_names`]), so they
//! are the same whatever the working directory.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use super::output::{
    is_policyc_folder, refuse_output_dir, remove_leftovers, remove_stale, safe_stem, write_atomic,
    FreshFolder, StreamError,
};
use super::{print_diagnostics, reported, Format, Reporting, EXIT_FAILED, EXIT_FINDINGS, EXIT_OK};
use crate::diagnostics::human::visible;
use crate::diagnostics::{sort_diagnostics, FileId, Severity, SourceMap};
use crate::driver::{collect_inputs, compile_file_as, jobs, map_inputs};
use crate::render::index::{write_index, IndexEntry, OutputLink};
use crate::render::notice::DraftOptions;
use crate::render::{self, FindingsSummary, Output, RenderInput, StreamWriter, Templates, Writer};

/// Every output of a policy, one writer a line, run in this order; each returns files
/// relative to the policy's output folder. To add an output (a Gantt chart, a Word draft …),
/// write a `fn(&RenderInput) -> anyhow::Result<Vec<Output>>` in `src/render/` and add one
/// line here: its files are written atomically and linked from index.html. A writer that
/// fails is reported and the others still run.
const WRITERS: &[(&str, Make)] = &[
    ("model.json", Make::Stream("model.json", write_model)),
    ("notice", Make::Files(write_notice)),
    ("tasks", Make::Files(render::tasks::write)),
    ("tasks.xlsx", Make::Files(render::tasks::write_xlsx)),
    ("appendix", Make::Files(render::appendix::write)),
    ("subsidy", Make::Files(render::subsidy::write)),
    ("gantt", Make::Files(render::gantt::write)),
    ("source.html", Make::Files(render::source::write)),
];

/// How a writer makes its output: whole files it returns, or one file (named here) it
/// writes into as it goes.
#[derive(Clone, Copy)]
enum Make {
    Files(Writer),
    Stream(&'static str, StreamWriter),
}

/// model.json: the typed model, the data `policyc export --format json` prints.
///
/// Without indentation: it is for programs, and the indented model of a plan of 20,000 tasks
/// was 43 MB and a fifth of the build; `policyc export --format json` prints it indented.
/// Streamed into its file: held whole, the 416 MB model.json of a 10,000 × 200 table (and the
/// string's growth while it was made) was most of the build's memory.
fn write_model(input: &RenderInput, file: &mut dyn std::io::Write) -> anyhow::Result<()> {
    // serde_json writes a few bytes at a time: into a buffer of a known type they are a copy,
    // through `dyn Write` a call each (which doubled model.json's instructions).
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, file);
    serde_json::to_writer(&mut buffered, input.policy)?;
    buffered.flush()?;
    Ok(())
}

/// notice.md and notice.html: the notice draft.
fn write_notice(input: &RenderInput) -> anyhow::Result<Vec<Output>> {
    render::notice::write_notice_with(input.policy, input.templates, input.draft)
}

/// Two policy files with the same name (from two folders) would write into one folder:
/// the later one gets `-2`, `-3` … and a message says so. Names that differ only in case
/// count as the same (they are one folder on Windows and macOS).
fn unique_stem(stem: String, taken: &mut Vec<String>, path: &Path) -> String {
    let mut name = stem.clone();
    let mut n = 2;
    while taken
        .iter()
        .any(|t| t.to_lowercase() == name.to_lowercase())
    {
        name = format!("{stem}-{n}");
        n += 1;
    }
    if name != stem {
        eprintln!(
            "policyc: 已有同名的政策文件，{} 的输出写入 {}/",
            visible(&path.display().to_string()),
            visible(&name)
        );
    }
    taken.push(name.clone());
    name
}

/// How the outputs name each input: a file inside a folder given on the command line by
/// the folder's own name and the path below it (`policies/sub/a.policy`, however the folder
/// was typed: `policies`, `./policies/`, `/work/policies`), a file given by itself by its
/// file name. So model.json and index.html do not depend on the working directory.
pub fn shown_names(paths: &[PathBuf], inputs: &[PathBuf]) -> Vec<String> {
    let folders: Vec<(&PathBuf, String)> = paths
        .iter()
        .filter(|p| p.is_dir())
        .map(|p| {
            let name = std::fs::canonicalize(p)
                .ok()
                .and_then(|r| r.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_default();
            (p, name)
        })
        .collect();
    let slashed = |p: &Path| {
        p.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
    };
    inputs
        .iter()
        .map(|input| {
            for (folder, name) in &folders {
                if let Ok(rel) = input.strip_prefix(folder) {
                    let rel = slashed(rel);
                    return if name.is_empty() {
                        rel
                    } else {
                        format!("{name}/{rel}")
                    };
                }
            }
            input
                .file_name()
                .map_or_else(|| slashed(input), |n| n.to_string_lossy().into_owned())
        })
        .collect()
}

/// A writer's relative path, refused if it could leave the policy's folder.
fn relative_ok(name: &str) -> bool {
    let p = Path::new(name);
    !name.is_empty()
        && p.components().all(|c| matches!(c, Component::Normal(_)))
        && !name.contains('\\')
}

pub fn run(
    paths: &[PathBuf],
    out: &Path,
    templates_dir: Option<&Path>,
    deny_errors: bool,
    draft: DraftOptions,
    reporting: Reporting,
) -> u8 {
    let inputs = collect_inputs(paths);
    if inputs.is_empty() {
        eprintln!("policyc: 没有找到 .policy 文件");
        return EXIT_FAILED;
    }
    if let Some(why) = refuse_output_dir(out, &inputs, paths) {
        eprintln!("policyc: {why}");
        return EXIT_FAILED;
    }
    if let Some(dir) = templates_dir {
        if !dir.is_dir() {
            eprintln!("policyc: 模板文件夹 {} 不存在或不是文件夹", dir.display());
            return EXIT_FAILED;
        }
    }
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("policyc: 无法创建输出文件夹 {}：{e}", out.display());
        return EXIT_FAILED;
    }
    // Temporary files of builds that were killed or ran out of disk space.
    remove_leftovers(out);
    let names = shown_names(paths, &inputs);
    let templates = Templates::with_override(templates_dir);
    // Output folders are named before any work starts: two files of the same name get
    // `-2`, `-3` … in input order, whatever order the threads finish in.
    let mut taken: Vec<String> = Vec::new();
    let stems: Vec<Option<String>> = inputs
        .iter()
        .map(|path| safe_stem(path).map(|stem| unique_stem(stem, &mut taken, path)))
        .collect();
    // Files are compiled and written in parallel (POLICYC_JOBS threads, default one per
    // core), each under the id its text gets when it is added to the source map afterwards,
    // in input order; messages are printed in input order too.
    let mut map = SourceMap::new();
    let base = map.next_id().0;
    let jobs = jobs();
    // Fewer files than threads: the threads left over render each file's outputs side by side.
    let spare_threads = inputs.len() < jobs;
    let done = map_inputs(&inputs, jobs, |i, path| {
        let loaded = compile_file_as(path, FileId(base + i));
        let mut compiled = loaded.compiled;
        sort_diagnostics(&mut compiled.diagnostics);
        if let Some(policy) = &mut compiled.policy {
            policy.file = names[i].clone();
        }
        let mut messages = Vec::new();
        let mut failed = compiled.failed();
        let mut entry = IndexEntry {
            file: names[i].clone(),
            stem: None,
            title: path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            compiled: compiled.policy.is_some(),
            findings: FindingsSummary::of(&loaded.text, &compiled.diagnostics),
            outputs: Vec::new(),
            source_href: None,
        };
        if let Some(policy) = &compiled.policy {
            entry.title = policy
                .plans
                .first()
                .map(|p| p.title.clone())
                .or_else(|| policy.notice.as_ref().and_then(|n| n.title.clone()))
                .unwrap_or(entry.title);
            match &stems[i] {
                Some(stem) => {
                    let input = RenderInput {
                        policy,
                        stem,
                        findings: &entry.findings,
                        source: &loaded.text,
                        templates: &templates,
                        draft,
                    };
                    let written =
                        write_outputs(&input, out, stem, path, spare_threads, &mut messages);
                    failed |= written.is_err();
                    entry.outputs = written
                        .unwrap_or_else(|partial| partial)
                        .iter()
                        .map(|rel| OutputLink::new(stem, rel))
                        .collect();
                    entry.source_href = entry
                        .outputs
                        .iter()
                        .find(|o| o.name == "source.html")
                        .map(|o| o.href.clone());
                    entry.stem = Some(stem.clone());
                }
                None => {
                    messages.push(format!(
                        "policyc: 无法从文件名 {} 得到输出文件夹名",
                        path.display()
                    ));
                    failed = true;
                }
            }
        } else if let Some(stem) = &stems[i] {
            // Nothing is written for a file that does not compile: an earlier build's
            // outputs must not stay looking current.
            if let Err(why) = remove_stale(&out.join(stem)) {
                messages.push(format!("policyc: {why}"));
            }
        }
        // Only diagnostics quote a file's text: keep it only for a file that has some.
        let text = if compiled.diagnostics.is_empty() {
            String::new()
        } else {
            loaded.text
        };
        (
            loaded.shown,
            text,
            compiled.diagnostics,
            entry,
            failed,
            messages,
        )
    });
    let mut all = Vec::new();
    let mut entries = Vec::new();
    let mut failed = false;
    for (shown, text, diagnostics, entry, file_failed, messages) in done {
        map.add(shown, text);
        for m in messages {
            // File names and writers' errors can carry control characters of their own.
            eprintln!("{}", visible(&m));
        }
        failed |= file_failed;
        entries.push(entry);
        all.extend(diagnostics);
    }
    // A folder of that name from a build before policy folders lost their dots
    // (index.html.policy) would stand in the way.
    let index = out.join("index.html");
    if index.is_dir() && is_policyc_folder(&index) {
        let _ = remove_stale(&index);
    }
    let entries_built = entries.iter().filter(|e| e.stem.is_some()).count();
    match write_index(entries, &templates) {
        Ok(bytes) => {
            if let Err(e) = write_atomic(&out.join("index.html"), &bytes) {
                eprintln!(
                    "policyc: 无法写入 {}：{e}",
                    out.join("index.html").display()
                );
                failed = true;
            }
        }
        Err(e) => {
            eprintln!("policyc: 生成 index.html 时出错：{e:#}");
            failed = true;
        }
    }
    sort_diagnostics(&mut all);
    let all = reported(all, reporting);
    print_diagnostics(&map, &all, Format::Human, reporting);
    if !reporting.quiet {
        // On stderr, with the other notes about the run: stdout is the findings alone.
        let built = entries_built;
        eprintln!(
            "输出已写入 {}：{built} 个政策文件各一个文件夹，总览见 {}",
            visible(&out.display().to_string()),
            visible(&out.join("index.html").display().to_string())
        );
    }
    let errors = all.iter().any(|d| d.severity == Severity::Error);
    if failed {
        EXIT_FAILED
    } else if deny_errors && errors {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// What one writer did: the files it wrote (relative to the policy's folder), and why
/// anything failed.
#[derive(Default)]
struct WriterOutcome {
    written: Vec<String>,
    messages: Vec<String>,
    failed: bool,
}

/// Runs one writer and writes its files into the policy's fresh folder (`dir` names the
/// folder it will become, for messages).
fn run_writer(
    name: &str,
    make: Make,
    input: &RenderInput,
    fresh: &FreshFolder,
    dir: &Path,
    path: &Path,
) -> WriterOutcome {
    let mut outcome = WriterOutcome::default();
    let writer = match make {
        Make::Files(writer) => writer,
        Make::Stream(rel, writer) => {
            match fresh.write_with(rel, |file| writer(input, file)) {
                Ok(()) => outcome.written.push(rel.to_string()),
                Err(StreamError::Io(e)) => {
                    outcome.messages.push(format!(
                        "policyc: 无法写入 {}：{e}",
                        dir.join(rel).display()
                    ));
                    outcome.failed = true;
                }
                Err(StreamError::Writer(e)) => {
                    outcome.messages.push(format!(
                        "policyc: {}：生成 {name} 时出错：{e:#}",
                        path.display()
                    ));
                    outcome.failed = true;
                }
            }
            return outcome;
        }
    };
    let files = match writer(input) {
        Ok(files) => files,
        Err(e) => {
            outcome.messages.push(format!(
                "policyc: {}：生成 {name} 时出错：{e:#}",
                path.display()
            ));
            outcome.failed = true;
            return outcome;
        }
    };
    for (rel, bytes) in files {
        if !relative_ok(&rel) {
            outcome
                .messages
                .push(format!("policyc: 拒绝写入输出文件夹之外的路径：{rel}"));
            outcome.failed = true;
            continue;
        }
        match fresh.write(&rel, &bytes) {
            Ok(()) => outcome.written.push(rel),
            Err(e) => {
                outcome.messages.push(format!(
                    "policyc: 无法写入 {}：{e}",
                    dir.join(&rel).display()
                ));
                outcome.failed = true;
            }
        }
    }
    outcome
}

/// Runs every writer for one policy into a fresh folder and swaps it in as `out/stem`.
/// Returns the files written, relative to the policy's folder; `Err` with the files that
/// were written when anything failed (the reasons are pushed to `messages`). A writer that
/// fails leaves no file of the previous build in its place: the folder is new each time.
/// When the folder cannot be made or swapped in at all, the previous build's folder is
/// removed (if it is policyc's) and nothing is listed. With `spare_threads`, the writers
/// run side by side: a build of one large plan would otherwise use one core; results are
/// gathered in the order of `WRITERS` either way.
fn write_outputs(
    input: &RenderInput,
    out: &Path,
    stem: &str,
    path: &Path,
    spare_threads: bool,
    messages: &mut Vec<String>,
) -> Result<Vec<String>, Vec<String>> {
    write_outputs_with(WRITERS, input, out, stem, path, spare_threads, messages)
}

fn write_outputs_with(
    writers: &[(&str, Make)],
    input: &RenderInput,
    out: &Path,
    stem: &str,
    path: &Path,
    spare_threads: bool,
    messages: &mut Vec<String>,
) -> Result<Vec<String>, Vec<String>> {
    let dir = out.join(stem);
    let give_up = |why: String, messages: &mut Vec<String>| {
        messages.push(format!("policyc: {why}"));
        if let Err(why) = remove_stale(&dir) {
            messages.push(format!("policyc: {why}"));
        }
        Err(Vec::new())
    };
    let fresh = match FreshFolder::new(out) {
        Ok(f) => f,
        Err(e) => return give_up(format!("无法写入 {}：{e}", dir.display()), messages),
    };
    let outcomes: Vec<WriterOutcome> = if spare_threads {
        let fresh = &fresh;
        let dir = &dir;
        // Writer threads get the compile workers' stack, so that what renders on one job
        // renders on many; a writer whose thread cannot be started runs here.
        std::thread::scope(|scope| {
            let handles: Vec<_> = writers
                .iter()
                .map(|&(name, make)| {
                    std::thread::Builder::new()
                        .stack_size(crate::driver::WORKER_STACK)
                        .spawn_scoped(scope, move || {
                            run_writer(name, make, input, fresh, dir, path)
                        })
                        .map_err(|_| (name, make))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| match h {
                    Ok(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                    Err((name, make)) => run_writer(name, make, input, fresh, dir, path),
                })
                .collect()
        })
    } else {
        writers
            .iter()
            .map(|&(name, make)| run_writer(name, make, input, &fresh, &dir, path))
            .collect()
    };
    let mut written = Vec::new();
    let mut failed = false;
    for o in outcomes {
        written.extend(o.written);
        messages.extend(o.messages);
        failed |= o.failed;
    }
    if let Err(why) = fresh.finish(&dir) {
        return give_up(why, messages);
    }
    if failed {
        Err(written)
    } else {
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{FindingsSummary, Output, RenderInput, Templates};

    #[test]
    fn writer_paths_stay_inside() {
        assert!(relative_ok("tasks.csv"));
        assert!(relative_ok("gantt/plan-1.svg"));
        assert!(!relative_ok("../x"));
        assert!(!relative_ok("/etc/x"));
        assert!(!relative_ok(""));
        assert!(!relative_ok("a\\..\\b"));
    }

    fn two_files(_: &RenderInput) -> anyhow::Result<Vec<Output>> {
        Ok(vec![
            ("notice.md".into(), b"old".to_vec()),
            ("tasks.xlsx".into(), b"old".to_vec()),
        ])
    }
    fn one_file(_: &RenderInput) -> anyhow::Result<Vec<Output>> {
        Ok(vec![("notice.md".into(), b"new".to_vec())])
    }
    fn disk_full(_: &RenderInput) -> anyhow::Result<Vec<Output>> {
        anyhow::bail!("磁盘已满")
    }
    fn escapes(_: &RenderInput) -> anyhow::Result<Vec<Output>> {
        Ok(vec![("../tasks.xlsx".into(), b"x".to_vec())])
    }
    fn streams(_: &RenderInput, file: &mut dyn std::io::Write) -> anyhow::Result<()> {
        file.write_all(b"{")?;
        file.write_all(b"}")?;
        Ok(())
    }
    fn fails_midway(_: &RenderInput, file: &mut dyn std::io::Write) -> anyhow::Result<()> {
        file.write_all(b"{\"half\":")?;
        anyhow::bail!("写到一半")
    }

    #[test]
    fn a_failing_writer_leaves_no_file_of_the_previous_build() {
        let text = "方案 甲 {\n  指标 甲：460户\n  「共{甲}。」\n}\n";
        let (policy, _) = crate::driver::compile_source(text, "a.policy", FileId(0), &[]);
        let policy = policy.unwrap();
        let templates = Templates::builtin();
        let findings = FindingsSummary::default();
        let input = RenderInput {
            policy: &policy,
            stem: "甲",
            findings: &findings,
            source: text,
            templates: &templates,
            draft: DraftOptions::default(),
        };
        for (round, spare_threads) in [false, true].into_iter().enumerate() {
            let out = std::env::temp_dir()
                .join(format!("policyc-build-unit-{round}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&out);
            std::fs::create_dir_all(&out).unwrap();
            let mut messages = Vec::new();
            let first = [
                ("a", Make::Files(two_files)),
                ("model.json", Make::Stream("model.json", streams)),
            ];
            let written = write_outputs_with(
                &first,
                &input,
                &out,
                "甲",
                Path::new("a.policy"),
                spare_threads,
                &mut messages,
            );
            assert_eq!(
                written,
                Ok(vec![
                    "notice.md".into(),
                    "tasks.xlsx".into(),
                    "model.json".into()
                ])
            );
            assert!(out.join("甲/tasks.xlsx").is_file());
            assert_eq!(std::fs::read(out.join("甲/model.json")).unwrap(), b"{}");

            // The tasks.xlsx writer fails this time (and another writer tries to leave the
            // folder): the old tasks.xlsx must not stay looking current.
            let second = [
                ("notice", Make::Files(one_file)),
                ("tasks.xlsx", Make::Files(disk_full)),
                ("bad", Make::Files(escapes)),
                ("model.json", Make::Stream("model.json", fails_midway)),
            ];
            let written = write_outputs_with(
                &second,
                &input,
                &out,
                "甲",
                Path::new("a.policy"),
                spare_threads,
                &mut messages,
            );
            assert_eq!(written, Err(vec!["notice.md".into()]));
            assert!(
                messages.iter().any(|m| m.contains("磁盘已满")),
                "{messages:?}"
            );
            assert!(
                messages
                    .iter()
                    .any(|m| m.contains("生成 model.json 时出错：写到一半")),
                "{messages:?}"
            );
            assert!(!out.join("甲/tasks.xlsx").exists());
            assert!(!out.join("tasks.xlsx").exists());
            // Nor half of a streamed file, nor the previous one.
            assert!(!out.join("甲/model.json").exists());
            assert_eq!(std::fs::read(out.join("甲/notice.md")).unwrap(), b"new");
            // Nothing but the policy's folder is left in the output folder.
            let names: Vec<_> = std::fs::read_dir(&out)
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert_eq!(names, vec!["甲"]);
            std::fs::remove_dir_all(&out).unwrap();
        }
    }

    #[test]
    fn inputs_are_named_by_their_place_in_the_folder_given() {
        let root = std::env::temp_dir().join(format!("policyc-names-{}", std::process::id()));
        std::fs::create_dir_all(root.join("policies/sub")).unwrap();
        let p = |s: &str| root.join(s);
        let inputs = vec![p("policies/a.policy"), p("policies/sub/b.policy")];
        let names = shown_names(&[p("policies")], &inputs);
        assert_eq!(names, ["policies/a.policy", "policies/sub/b.policy"]);
        // The same folder typed another way, and a file given by itself.
        let dotted = p("policies/sub/..");
        let inputs2 = vec![dotted.join("a.policy")];
        assert_eq!(
            shown_names(std::slice::from_ref(&dotted), &inputs2),
            ["policies/a.policy"]
        );
        assert_eq!(
            shown_names(&[p("policies/sub/b.policy")], &[p("policies/sub/b.policy")]),
            ["b.policy"]
        );
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn folder_names_that_differ_in_case_are_made_unique() {
        let mut taken = Vec::new();
        assert_eq!(
            unique_stem("Plan".into(), &mut taken, Path::new("a/Plan.policy")),
            "Plan"
        );
        assert_eq!(
            unique_stem("plan".into(), &mut taken, Path::new("b/plan.policy")),
            "plan-2"
        );
    }
}

//! The Gantt outputs: gantt.json validates against docs/gantt.schema.json and no entry ends
//! before it starts, for every fixture and every notice in policies/; impossible dates are
//! drawn as the date reading says and marked; Mermaid labels are escaped; the SVG is
//! well-formed, self-contained XML; outputs are deterministic. gantt.json and gantt.mmd of
//! the fixtures are snapshotted.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use policyc::diagnostics::{human::render_human, SourceMap};
use policyc::driver::compile_source;
use policyc::model::Policy;
use policyc::render::gantt::{gantt, write_gantt};
use policyc::render::Templates;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn policy_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "policy"))
        .collect();
    files.sort();
    files
}

fn compile(path: &Path) -> Policy {
    let text = std::fs::read_to_string(path).unwrap();
    let name = path
        .strip_prefix(root())
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let mut map = SourceMap::new();
    let file = map.add(name.clone(), text.clone());
    let (policy, diags) = compile_source(&text, &name, file, &[]);
    policy.unwrap_or_else(|| {
        panic!(
            "{name} does not compile:\n{}",
            render_human(&map, &diags, false)
        )
    })
}

/// Every output file of a policy, by name.
fn outputs(policy: &Policy) -> BTreeMap<String, String> {
    write_gantt(policy, &Templates::builtin())
        .expect("the Gantt templates render")
        .into_iter()
        .map(|(name, bytes)| (name, String::from_utf8(bytes).expect("UTF-8")))
        .collect()
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/gantt").join(name)
}

fn all_inputs() -> Vec<PathBuf> {
    let mut all = policy_files("tests/fixtures/gantt");
    all.extend(policy_files("tests/fixtures/render"));
    all.extend(policy_files("policies"));
    all
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("docs/gantt.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::draft202012::meta::validate(&schema).expect("the schema is a valid schema");
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

#[test]
fn gantt_json_validates_against_its_schema_and_no_entry_ends_before_it_starts() {
    let validator = validator();
    for path in all_inputs() {
        let policy = compile(&path);
        let files = outputs(&policy);
        let json: Value = serde_json::from_str(&files["gantt.json"])
            .unwrap_or_else(|e| panic!("{}: gantt.json is not JSON: {e}", path.display()));
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{}: gantt.json does not follow docs/gantt.schema.json:\n{}",
            path.display(),
            errors.join("\n")
        );
        // The template writes the view as it is.
        assert_eq!(json, serde_json::to_value(gantt(&policy)).unwrap());

        for chart in json["charts"].as_array().unwrap() {
            let mut ids = HashSet::new();
            let mut phases = HashSet::new();
            for e in chart["entries"]
                .as_array()
                .unwrap()
                .iter()
                .chain(chart["unplaced"].as_array().unwrap())
            {
                let id = e["id"].as_str().unwrap();
                assert!(ids.insert(id), "{}: id {id} twice", path.display());
                if e["kind"] == "phase" {
                    phases.insert(id.to_string());
                }
            }
            for e in chart["entries"].as_array().unwrap() {
                let (start, end) = (e["start"].as_str().unwrap(), e["end"].as_str().unwrap());
                // ISO dates compare as text.
                assert!(
                    start <= end,
                    "{}: {} ends ({end}) before it starts ({start})",
                    path.display(),
                    e["id"]
                );
                if e["milestone"] == true {
                    assert_eq!(start, end, "{}: milestone {}", path.display(), e["id"]);
                }
                if let Some(parent) = e["parent"].as_str() {
                    assert!(
                        phases.contains(parent),
                        "{}: {} names {parent}, which is no phase",
                        path.display(),
                        e["id"]
                    );
                }
            }
            if let Some(p) = chart["period"].as_object() {
                assert!(p["start"].as_str() <= p["end"].as_str());
            }
        }
    }
}

fn entry<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["charts"][0]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no entry {id}"))
}

#[test]
fn impossible_dates_are_drawn_as_the_reading_says_and_marked() {
    let policy = compile(&fixture("gantt-cases.policy"));
    let json = serde_json::to_value(gantt(&policy)).unwrap();

    // 2022年3月1日-2022年4月31日: to the last day of April.
    let p1 = entry(&json, "phase1");
    assert_eq!(
        (&p1["start"], &p1["end"]),
        (&"2022-03-01".into(), &"2022-04-30".into())
    );
    assert_eq!(p1["adjusted"]["kinds"], serde_json::json!(["no_such_day"]));
    assert_eq!(p1["adjusted"]["original"], "2022年3月1日-2022年4月31日");
    assert_eq!(
        p1["adjusted"]["reason"],
        "2022年4月31日不存在，按当月最后一天2022年4月30日计"
    );
    // The milestone on 2022年4月31日, likewise.
    let m = entry(&json, "phase1_milestone1");
    assert_eq!(
        (&m["start"], &m["end"]),
        (&"2022-04-30".into(), &"2022-04-30".into())
    );
    assert!(m["adjusted"].is_object());

    // 2022年5月-2022年4月: the first day only.
    let p2 = entry(&json, "phase2");
    assert_eq!(
        (&p2["start"], &p2["end"]),
        (&"2022-05-01".into(), &"2022-05-01".into())
    );
    assert_eq!(
        p2["adjusted"]["kinds"],
        serde_json::json!(["ends_before_start"])
    );

    // 启动时间 after 完成时限: the start day only.
    let t5 = entry(&json, "task5");
    assert_eq!(
        (&t5["start"], &t5["end"]),
        (&"2022-08-01".into(), &"2022-08-01".into())
    );
    assert_eq!(
        t5["adjusted"]["kinds"],
        serde_json::json!(["ends_before_start"])
    );

    // 2022年12月1日—2月10日: into 2023, and said so.
    let p4 = entry(&json, "phase4");
    assert_eq!(p4["end"], "2023-02-10");
    assert_eq!(p4["adjusted"]["kinds"], serde_json::json!(["crosses_year"]));

    // The chart says what the date reading says: the checks use the same function.
    let time = &policy.plans[0].phases[0].time;
    let reading = time.reading().unwrap();
    assert_eq!(p1["adjusted"]["reason"], reading.assumptions[0].describe());

    // Dates as written are not adjusted.
    assert!(entry(&json, "phase1_step1")["adjusted"].is_null());
    assert!(entry(&json, "task7")["adjusted"].is_null());
}

#[test]
fn deadlines_and_missing_times_are_inferred_or_listed() {
    let policy = compile(&fixture("gantt-cases.policy"));
    let json = serde_json::to_value(gantt(&policy)).unwrap();

    // 完成时限：2022年10月底前 and no start: a milestone on its deadline, nothing assumed.
    let t1 = entry(&json, "task1");
    assert_eq!(
        (&t1["start"], &t1["end"]),
        (&"2022-10-31".into(), &"2022-10-31".into())
    );
    assert_eq!(t1["milestone"], true);
    assert_eq!(t1["kind"], "task");
    assert!(t1["inferred"].is_null());
    assert_eq!(t1["written"], "完成时限：2022年10月底前");
    assert_eq!(t1["responsible"], serde_json::json!(["市住建局"]));
    assert_eq!(t1["cooperating"], serde_json::json!(["市财政局"]));
    assert_eq!(t1["targets"][0]["written"], "95%");
    // 第二步：3月底前, after 第一步 (3月1日-3月15日): from the day after.
    let s2 = entry(&json, "phase1_step2");
    assert_eq!(
        (&s2["start"], &s2["end"]),
        (&"2022-03-16".into(), &"2022-03-31".into())
    );
    // （三）：11月底前, after （二）: from the day after it.
    let p3 = entry(&json, "phase3");
    assert_eq!(
        (&p3["start"], &p3["end"]),
        (&"2022-05-02".into(), &"2022-11-30".into())
    );
    // 启动时间 only: to the period's end.
    let t4 = entry(&json, "task4");
    assert_eq!(
        (&t4["start"], &t4["end"]),
        (&"2022-09-01".into(), &"2022-12-31".into())
    );
    assert_eq!(t4["inferred"]["side"], "end");
    // A task in a phase with no time of its own runs over the phase.
    let t6 = entry(&json, "task6");
    assert_eq!(
        (&t6["start"], &t6["end"]),
        (&"2022-03-01".into(), &"2022-04-30".into())
    );
    assert_eq!(t6["parent"], "phase1");
    assert!(t6["written"].is_null());

    // Recurring and unreadable times are not drawn, and say why.
    let unplaced = json["charts"][0]["unplaced"].as_array().unwrap();
    let ids: Vec<&str> = unplaced.iter().map(|u| u["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["task2", "task3"]);
    assert_eq!(unplaced[1]["reason"], "“2022511”：无法识别为日期");
}

#[test]
fn mermaid_ends_are_exclusive_and_labels_are_escaped() {
    let files = outputs(&compile(&fixture("gantt-cases.policy")));
    let mmd = &files["gantt.mmd"];
    // 2022年3月1日—4月31日 is drawn to the end of 30 April: Mermaid ends bars where the end
    // date begins.
    assert!(
        mmd.contains(":crit, phase1, 2022-03-01, 2022-05-01\n"),
        "{mmd}"
    );
    assert!(mmd.contains(":crit, milestone, phase1_milestone1, 2022-04-30, 1d\n"));
    // The task title 验收:整改;复查#2 达到95%… keeps Mermaid's syntax characters out.
    // (A task with only its deadline is a milestone: `名称 :milestone, task1, …`.)
    let line = mmd
        .lines()
        .find(|l| l.contains(":milestone, task1,"))
        .unwrap();
    let name = line.trim().split(" :milestone, task1,").next().unwrap();
    let mut bare = name.to_string();
    for code in ["#35;", "#58;", "#59;", "#37;"] {
        bare = bare.replace(code, "");
    }
    assert!(!bare.contains([':', ';', '%', '#']), "{line}");
    assert!(
        name.contains("验收#58;整改#59;复查#35;2 达到95#37;"),
        "{line}"
    );
    for l in mmd.lines().filter(|l| l.trim_start().starts_with("%%")) {
        assert!(
            !l.contains("%%{"),
            "a comment must not read as a directive: {l}"
        );
    }
}

#[test]
fn svg_is_well_formed_self_contained_and_escapes_text() {
    for path in all_inputs() {
        let files = outputs(&compile(&path));
        for (name, text) in files.iter().filter(|(n, _)| n.ends_with(".svg")) {
            use quick_xml::events::{BytesStart, Event};
            let check_attributes = |e: &BytesStart| {
                for a in e.attributes().with_checks(true) {
                    let a = a.unwrap_or_else(|e| panic!("{}: {name}: {e}", path.display()));
                    a.normalized_value(quick_xml::XmlVersion::default())
                        .unwrap_or_else(|e| panic!("{}: {name}: {e}", path.display()));
                }
            };
            let mut reader = quick_xml::Reader::from_str(text);
            let mut depth = 0i32;
            loop {
                match reader.read_event() {
                    Ok(Event::Start(e)) => {
                        check_attributes(&e);
                        depth += 1
                    }
                    Ok(Event::Empty(e)) => check_attributes(&e),
                    Ok(Event::End(_)) => depth -= 1,
                    Ok(Event::GeneralRef(r)) => {
                        let entity: &str = r.as_ref();
                        let known = ["amp", "lt", "gt", "quot", "apos"].contains(&entity);
                        let char_ref = r.resolve_char_ref().ok().flatten().is_some();
                        assert!(known || char_ref, "{}: {name}: &{:?};", path.display(), r);
                    }
                    Ok(Event::Eof) => break,
                    Ok(_) => {}
                    Err(e) => panic!("{} {name}: not well-formed XML: {e}", path.display()),
                }
            }
            assert_eq!(depth, 0, "{} {name}: unbalanced", path.display());
            assert!(text.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
            for outside in [
                "<script",
                "@import",
                "@font-face",
                "href=\"http",
                "url(http",
            ] {
                assert!(
                    !text.contains(outside),
                    "{} {name}: {outside}",
                    path.display()
                );
            }
            assert!(text.contains("Noto Sans CJK SC"));
        }
    }
    let files = outputs(&compile(&fixture("gantt-cases.policy")));
    let svg = &files["gantt.svg"];
    assert!(
        svg.contains("达到95%&lt;以上&gt;&amp;“合格”"),
        "task title escaped"
    );
    // Month grid labels, the adjusted hatch and its footnote.
    assert!(svg.contains(">2022年3月</text>"));
    assert!(svg.contains("url(#hatch-p1)"));
    assert!(svg.contains("※1"));
    // gantt.html shows the same chart.
    assert!(files["gantt.html"].contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
}

#[test]
fn outputs_are_deterministic() {
    for path in all_inputs() {
        let policy = compile(&path);
        assert_eq!(outputs(&policy), outputs(&policy), "{}", path.display());
    }
}

#[test]
fn gantt_outputs_of_the_fixtures_are_stable() {
    let files = outputs(&compile(&fixture("gantt-cases.policy")));
    insta::assert_snapshot!("gantt-cases.gantt.json", files["gantt.json"]);
    insta::assert_snapshot!("gantt-cases.gantt.mmd", files["gantt.mmd"]);
    // A real notice with nine plans: gantt-1.mmd … (plan 8 has nothing to draw).
    let files = outputs(&compile(&fixture("002_xingan-zhujian-2020.policy")));
    for (name, text) in files.iter().filter(|(n, _)| n.ends_with(".mmd")) {
        insta::assert_snapshot!(format!("002_xingan-zhujian-2020.{name}"), text);
    }
}

#[test]
fn a_deadline_in_stages_keeps_the_task_to_its_final_deadline_with_each_earlier_stage_marked() {
    let policy = compile(&fixture("staged-deadline.policy"));
    let task = &policy.plans[0].tasks[0];
    let deadline = task.deadline.as_ref().unwrap();
    assert_eq!(deadline.written, "6月底前完成50%，11月底前全部完成");
    assert_eq!(deadline.end.unwrap().to_string(), "2022-11-30");
    let stages: Vec<(&str, &str)> = task
        .stages
        .iter()
        .map(|s| (s.time.written.as_str(), s.work.as_str()))
        .collect();
    assert_eq!(stages, [("6月底前", "完成50%"), ("11月底前", "全部完成")]);

    let json = serde_json::to_value(gantt(&policy)).unwrap();
    let t = entry(&json, "task1");
    assert_eq!(
        (&t["end"], &t["milestone"]),
        (&"2022-11-30".into(), &true.into())
    );
    let stage = entry(&json, "task1_stage1");
    assert_eq!(
        (&stage["end"], &stage["parent"], &stage["name"]),
        (
            &"2022-06-30".into(),
            &serde_json::Value::Null,
            &"改造：完成50%".into()
        )
    );
    assert!(json["charts"][0]["unplaced"].as_array().unwrap().is_empty());
}

#[test]
fn a_time_repeated_across_years_is_drawn_window_by_window() {
    let policy = compile(&fixture("repeated-windows.policy"));
    let json = serde_json::to_value(gantt(&policy)).unwrap();
    let checking = entry(&json, "phase2");
    assert_eq!(
        (&checking["start"], &checking["end"]),
        (&"2022-12-01".into(), &"2023-12-30".into())
    );
    assert_eq!(
        checking["windows"],
        serde_json::json!([
            { "start": "2022-12-01", "end": "2022-12-30" },
            { "start": "2023-12-01", "end": "2023-12-30" }
        ])
    );
    // One window, no list: the bar is the time.
    assert!(entry(&json, "phase1").get("windows").is_none());
    assert!(entry(&json, "phase2_step1").get("windows").is_none());

    let out = outputs(&policy);
    let (_, mmd) = out.iter().find(|(k, _)| k.ends_with(".mmd")).unwrap();
    let lines: Vec<&str> = mmd.lines().filter(|l| l.contains(":phase2")).collect();
    assert_eq!(
        lines,
        [
            "    检查验收 :phase2, 2022-12-01, 2022-12-31",
            "    检查验收 :phase2_window2, 2023-12-01, 2023-12-31",
            "    第一步 :phase2_step1, 2022-12-01, 2022-12-31",
        ]
    );

    // In the SVG the phase's group holds a bar per window, none across the year between.
    let (_, svg) = out.iter().find(|(k, _)| k.ends_with(".svg")).unwrap();
    let group = svg
        .split("<g id=\"")
        .find(|g| g.contains("-phase2\">"))
        .unwrap();
    let bars = group.matches("<rect ").count();
    assert_eq!(bars, 2, "{group}");
}

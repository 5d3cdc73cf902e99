//! The rendered outputs of `policyc build`: text outputs snapshotted, spreadsheets read back
//! with calamine and checked by content (cells, merged ranges, styles), builds byte-identical.
//!
//! Inputs are tests/fixtures/render/*.policy: notice 000 as encoded, and tables.policy, which
//! has tasks in sections, grouped headings, a stated 小计 that does not add up, a 合计 printed
//! first, a blank reporting form, text that looks like a formula, and HTML in prose.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx};

const FIXTURES: &str = "tests/fixtures/render";

fn build(extra: &[&str]) -> (PathBuf, String) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let out = std::env::temp_dir().join(format!(
        "policyc-render-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&out);
    let mut args = vec![
        "build",
        FIXTURES,
        "-o",
        out.to_str().unwrap(),
        "--color",
        "never",
    ];
    args.extend_from_slice(extra);
    let o = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(&args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("policyc runs");
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(0), "build failed:\n{stderr}");
    (out, stderr)
}

/// Every file under `dir`, by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

#[test]
fn text_outputs_are_snapshotted() {
    let (out, _) = build(&[]);
    let all = files(&out);
    let mine =
        |name: &str| name == "index.html" || name.contains("/tasks.") || name.contains("/appendix");
    let mut seen = 0;
    for (name, bytes) in &all {
        if !mine(name) || name.ends_with(".xlsx") {
            continue;
        }
        let body = text(bytes);
        let body = body.strip_prefix('\u{feff}').unwrap_or(&body).to_string();
        insta::assert_snapshot!(name.replace(['/', '.'], "_"), body);
        seen += 1;
    }
    assert!(seen >= 10, "expected every text output, saw {seen}");
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn every_policy_gets_every_output_and_the_index_links_them() {
    let (out, _) = build(&[]);
    let all = files(&out);
    for f in [
        "index.html",
        "tables/model.json",
        "tables/tasks.md",
        "tables/tasks.html",
        "tables/tasks.csv",
        "tables/tasks.xlsx",
        "tables/appendix.md",
        "tables/appendix-1.csv",
        "tables/appendix-2.csv",
        "tables/appendix-3.csv",
        "tables/appendix.xlsx",
        "000_dalate-pingfang-jieneng/tasks.xlsx",
    ] {
        assert!(all.contains_key(f), "missing {f}: {:?}", all.keys());
    }
    // Notice 000 has no table: no appendix files for it.
    assert!(!all.contains_key("000_dalate-pingfang-jieneng/appendix.md"));
    let index = text(&all["index.html"]);
    // Every output but the index itself and the marker that tells a build its folder is
    // policyc's (docs/outputs.md, File safety), which is not an output.
    let outputs = all
        .iter()
        .filter(|(n, _)| n.as_str() != "index.html" && !n.ends_with("/.policyc-output"));
    for (name, _) in outputs {
        // These stems are plain ASCII, which links keep as they are.
        let href = format!("href=\"./{name}\"");
        assert!(index.contains(&href), "index.html does not link {name}");
    }
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn two_builds_are_byte_identical() {
    let (a, _) = build(&[]);
    let (b, _) = build(&[]);
    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (name, bytes) in &fa {
        assert!(bytes == &fb[name], "{name} differs between two builds");
    }
    std::fs::remove_dir_all(&a).unwrap();
    std::fs::remove_dir_all(&b).unwrap();
}

#[test]
fn csv_has_a_bom_and_no_cell_can_run_as_a_formula() {
    let (out, _) = build(&[]);
    let all = files(&out);
    for (name, bytes) in all.iter().filter(|(n, _)| n.ends_with(".csv")) {
        assert!(
            bytes.starts_with(b"\xEF\xBB\xBF"),
            "{name} has no byte-order mark"
        );
        let body = text(&bytes[3..]);
        for line in body.lines() {
            for cell in line.split(',') {
                let cell = cell.trim_start_matches('"');
                assert!(
                    !(cell.starts_with(['=', '+', '@'])
                        || cell.starts_with('-') && cell.parse::<f64>().is_err()),
                    "{name}: a cell could run as a formula: {cell}"
                );
            }
        }
    }
    let tasks = text(&all["tables/tasks.csv"][3..]);
    assert!(
        tasks.contains("\"'=HYPERLINK(\"\"http://x\"\")督导检查"),
        "{tasks}"
    );
    let table = text(&all["tables/appendix-1.csv"][3..]);
    assert!(table.contains(",'=SUM(C1:C3)"), "{table}");
    // Two heading rows for the grouped heading.
    let mut lines = table.lines();
    assert_eq!(
        lines.next().unwrap(),
        "序号,项目类型,总投资额（万元）,预计2021财政补贴（万元）,,备注"
    );
    assert_eq!(lines.next().unwrap(), ",,,市财政资金,区级财政资金,");
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn html_escapes_everything_from_the_policy() {
    let (out, _) = build(&[]);
    let all = files(&out);
    let tasks = text(&all["tables/tasks.html"]);
    assert!(!tasks.contains("<b>标准</b>"), "prose HTML passed through");
    assert!(
        tasks.contains("&lt;b&gt;标准&lt;&#x2f;b&gt;") || tasks.contains("&lt;b&gt;标准&lt;/b&gt;")
    );
    assert!(
        tasks.contains("rowspan=\"2\""),
        "the section's two tasks share one cell"
    );
    let index = text(&all["index.html"]);
    assert!(index.contains("E0103"), "the finding is listed");
    assert!(!index.contains("<i>"), "a finding's message is escaped");
    let md = text(&all["tables/appendix.md"]);
    assert!(
        !md.contains("<script>"),
        "Markdown would let a viewer run it"
    );
    std::fs::remove_dir_all(&out).unwrap();
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("a readable xlsx")
}

/// The merged ranges of a sheet, as ((first row, first col), (last row, last col)).
fn merged_ranges(book: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str) -> Vec<((u32, u32), (u32, u32))> {
    book.merge_cells_by_sheet_name(sheet)
        .unwrap()
        .iter()
        .map(|d| (d.start, d.end))
        .collect()
}

fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn s(d: Data) -> String {
    match d {
        Data::String(s) => s,
        Data::Empty => String::new(),
        other => panic!("not a string: {other:?}"),
    }
}

#[test]
fn tasks_xlsx_has_headings_merged_sections_and_styles() {
    let (out, _) = build(&[]);
    let all = files(&out);
    let mut book = open(&all["tables/tasks.xlsx"]);
    let sheets = book.sheet_names();
    assert_eq!(sheets, vec!["某区2021年清洁取暖实施方案".to_string()]);
    let sheet = &sheets[0];
    let range = book.worksheet_range(sheet).unwrap();
    assert_eq!(
        s(cell(&range, 0, 0)),
        "《某区2021年清洁取暖实施方案》任务分解表"
    );
    let headings: Vec<String> = (0..8).map(|c| s(cell(&range, 1, c))).collect();
    assert_eq!(
        headings,
        [
            "序号",
            "任务类别",
            "任务",
            "目标/指标",
            "牵头单位",
            "责任单位",
            "配合单位",
            "完成时限"
        ]
    );
    assert_eq!(s(cell(&range, 2, 1)), "一、重点任务");
    assert_eq!(s(cell(&range, 2, 3)), "改造户数：2.85万户");
    assert_eq!(s(cell(&range, 2, 5)), "甲镇、乙镇");
    assert_eq!(s(cell(&range, 2, 7)), "2021年10月底前");
    // The formula-like title is a string cell, not a formula.
    assert!(s(cell(&range, 4, 2)).starts_with("=HYPERLINK"));
    let formulas = book.worksheet_formula(sheet).unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell holds a formula"
    );

    let merged = merged_ranges(&mut book, sheet);
    assert!(
        merged.contains(&((0, 0), (0, 7))),
        "title row merged: {merged:?}"
    );
    assert!(
        merged.contains(&((2, 1), (3, 1))),
        "section 一 spans its two tasks: {merged:?}"
    );

    let styles = book.worksheet_style(sheet).unwrap();
    let header = styles.get((1, 2)).unwrap();
    assert!(header.font.as_ref().unwrap().is_bold());
    assert!(header.borders.as_ref().unwrap().has_visible_borders());
    let task = styles.get((2, 2)).unwrap();
    assert!(
        task.alignment.as_ref().unwrap().wrap_text,
        "task text wraps"
    );
    assert_eq!(task.font.as_ref().unwrap().name.as_deref(), Some("宋体"));
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn appendix_xlsx_has_two_level_headings_and_the_stated_totals_marked() {
    let (out, _) = build(&[]);
    let all = files(&out);
    let mut book = open(&all["tables/appendix.xlsx"]);
    let sheets = book.sheet_names();
    assert_eq!(
        sheets,
        vec!["表1 投资测算表", "表2 开工任务表", "表3 保证金统计表"]
    );

    // 表1: title, two heading rows, three rows, the 小计 row.
    let range = book.worksheet_range("表1 投资测算表").unwrap();
    assert_eq!(s(cell(&range, 1, 3)), "预计2021财政补贴（万元）");
    assert_eq!(s(cell(&range, 2, 3)), "市财政资金");
    assert_eq!(s(cell(&range, 2, 4)), "区级财政资金");
    assert_eq!(cell(&range, 3, 2), Data::Float(40822.34));
    // The stated 小计 58833.07 does not add up: it is printed as stated, shaded, and the note
    // says what the rows add up to.
    assert_eq!(s(cell(&range, 6, 1)), "小计");
    assert_eq!(cell(&range, 6, 2), Data::Float(58833.07));
    // A blank 小计 cell stays blank: the notice states nothing there.
    assert_eq!(cell(&range, 6, 4), Data::Empty);
    let notes: Vec<String> = (7..10).map(|r| s(cell(&range, r, 0))).collect();
    assert!(
        notes.iter().any(|n| n.contains("※1")
            && n.contains("原文为 58833.07")
            && n.contains("各行相加为 58832.07")),
        "{notes:?}"
    );
    // No tool name in an official output.
    assert!(!notes.iter().any(|n| n.contains("policyc")), "{notes:?}");
    let merged = merged_ranges(&mut book, "表1 投资测算表");
    assert!(
        merged.contains(&((1, 3), (1, 4))),
        "group heading spans two columns: {merged:?}"
    );
    assert!(
        merged.contains(&((1, 0), (2, 0))),
        "序号 spans both heading rows: {merged:?}"
    );
    let styles = book.worksheet_style("表1 投资测算表").unwrap();
    let differs = styles.get((6, 2)).unwrap();
    assert!(
        differs.fill.as_ref().is_some_and(|f| f.is_visible()),
        "differing total is shaded"
    );
    assert!(differs.font.as_ref().unwrap().is_bold());
    assert_eq!(
        differs
            .number_format
            .as_ref()
            .map(|n| n.format_code.as_str()),
        Some("0.00")
    );
    let agrees = styles.get((6, 3)).unwrap();
    assert!(!agrees.fill.as_ref().is_some_and(|f| f.is_visible()));
    // Text that looks like a formula is kept as text.
    assert_eq!(s(cell(&range, 4, 5)), "=SUM(C1:C3)");
    let formulas = book.worksheet_formula("表1 投资测算表").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));

    // 表3: a blank form: merged two-level headings and empty rows.
    let range = book.worksheet_range("表3 保证金统计表").unwrap();
    assert_eq!(s(cell(&range, 1, 3)), "其中，保函形式缴纳金额（万元）");
    assert_eq!(s(cell(&range, 2, 3)), "银行保函");
    let merged = merged_ranges(&mut book, "表3 保证金统计表");
    assert!(merged.contains(&((1, 3), (1, 4))), "{merged:?}");
    assert!(merged.contains(&((1, 5), (2, 5))), "{merged:?}");
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn an_office_template_overrides_one_output_and_the_rest_stay_built_in() {
    let dir = std::env::temp_dir().join(format!("policyc-tpl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("tasks.md.j2"),
        "本单位格式：{{ title }}（共 {{ count }} 项）\n",
    )
    .unwrap();
    let (out, _) = build(&["--templates", dir.to_str().unwrap()]);
    let all = files(&out);
    assert_eq!(
        text(&all["tables/tasks.md"]),
        "本单位格式：《某区2021年清洁取暖实施方案》任务分解表（共 3 项）\n"
    );
    assert!(text(&all["tables/tasks.html"]).contains("<table class=\"tasks\">"));
    std::fs::remove_dir_all(&out).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_missing_templates_folder_is_refused() {
    let out = std::env::temp_dir().join(format!("policyc-tpl-missing-{}", std::process::id()));
    let o = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args([
            "build",
            FIXTURES,
            "-o",
            out.to_str().unwrap(),
            "--templates",
            "/nonexistent/tpl",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("模板文件夹"));
}

#[test]
fn two_policies_with_the_same_name_get_separate_folders() {
    let dir = std::env::temp_dir().join(format!("policyc-same-{}", std::process::id()));
    for sub in ["a", "b"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(FIXTURES)
                .join("tables.policy"),
            dir.join(sub).join("same.policy"),
        )
        .unwrap();
    }
    let out = dir.join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args([
            "build",
            dir.join("a").to_str().unwrap(),
            dir.join("b").to_str().unwrap(),
        ])
        .args(["-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(out.join("same/tasks.xlsx").is_file());
    assert!(out.join("same-2/tasks.xlsx").is_file());
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("href=\"./same-2/tasks.html\""));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// index.html lists each file's findings most severe first; each names its code as a link to
/// the code's explanation at the foot of the page and its line as a link into source.html,
/// where that line carries an anchor and the finding under it.
#[test]
fn index_sorts_findings_by_severity_and_links_explanations_and_lines() {
    let (out, _) = build(&[]);
    let all = files(&out);
    let index = text(&all["index.html"]);
    let severities: Vec<&str> = index
        .split("<li class=\"")
        .skip(1)
        .map(|li| li.split('"').next().unwrap())
        .filter(|c| ["error", "warning", "note"].contains(c))
        .collect();
    // 000 and tables.policy, each in its own run: never a note before an error of the same
    // file. Within each file's list the ranks never go down.
    for section in index.split("<section class=\"policy\">").skip(1) {
        let ranks: Vec<usize> = section
            .split("<li class=\"")
            .skip(1)
            .filter_map(|li| {
                ["error", "warning", "note"]
                    .iter()
                    .position(|s| li.starts_with(s))
            })
            .collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    }
    assert!(severities.contains(&"error") && severities.contains(&"warning"));
    // tables.policy: E0103 on line 36, linked to its explanation and its line.
    let li = index
        .lines()
        .find(|l| l.contains("E0103"))
        .expect("the E0103 finding");
    assert!(li.contains(r##"<a href="#code-E0103">E0103</a>"##), "{li}");
    assert!(
        li.contains(r#"<a href="./tables/source.html#L36">第 36 行</a>"#),
        "{li}"
    );
    assert!(index.contains(r#"<dt id="code-E0103">E0103"#));
    let source = text(&all["tables/source.html"]);
    let line = &source[source.find(r#"<li id="L36" class="flagged">"#).unwrap()..];
    let next = &line[line.find("</li>").unwrap()..];
    assert!(
        next[..next.find("<li id=").unwrap()].contains("错误[E0103]"),
        "the finding is shown under its line"
    );
    // Raw HTML of the policy stays text in source.html.
    assert!(!source.contains("<i>") && source.contains("&lt;i&gt;"));
    std::fs::remove_dir_all(&out).unwrap();
}

/// A sheet's page setup, read from the workbook's XML.
fn page_setup(bytes: &[u8], sheet: usize) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{sheet}.xml"))
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// Print-ready spreadsheets: A4 landscape; one page wide when that keeps 11 pt text at 9 pt
/// or more, else printed at 82% (9 pt) across pages with the first column repeated; no
/// column that no task fills; dates that cannot be as written marked ※ with a line under
/// the table; no tool named in the workbook's properties.
#[test]
fn spreadsheets_print_at_nine_points_or_more_and_mark_impossible_dates() {
    let text = "单位 {\n  部门：甲局\n}\n方案 某县2022年实施方案 {\n  期限：2022年\n  任务 1 甲 {\n    内容：「做甲。」\n    牵头单位：甲局\n    完成时限：2022年2月30日前\n  }\n  任务 2 乙 {\n    内容：「做乙。」\n    牵头单位：甲局\n    完成时限：2022年6月底前\n  }\n}\n";
    let map = policyc::diagnostics::SourceMap::new();
    let (policy, diags) = policyc::driver::compile_source(text, "d.policy", map.next_id(), &[]);
    let policy = policy.unwrap_or_else(|| panic!("{diags:#?}"));
    let view = policyc::render::tasks::tasks_view(&policy);
    let xlsx = policyc::render::tasks::tasks_xlsx(&view).unwrap();
    let mut book = open(&xlsx);
    let range = book.worksheet_range("某县2022年实施方案").unwrap();
    // 目标/指标, 责任单位 and 配合单位 are empty in every row: left out.
    let headings: Vec<String> = (0..5).map(|c| s(cell(&range, 1, c))).collect();
    assert_eq!(headings, ["序号", "任务", "牵头单位", "完成时限", ""]);
    assert_eq!(s(cell(&range, 2, 3)), "2022年2月30日前 ※1");
    assert_eq!(s(cell(&range, 3, 3)), "2022年6月底前");
    let note = s(cell(&range, 4, 0));
    assert!(
        note.starts_with("※1 第1项“2022年2月30日前”：2022年2月30日不存在"),
        "{note}"
    );
    let setup = page_setup(&xlsx, 1);
    assert!(
        setup.contains(r#"orientation="landscape""#) && setup.contains(r#"paperSize="9""#),
        "{setup}"
    );
    assert!(
        setup.contains(r#"fitToHeight="0""#),
        "narrow: one page wide"
    );
    let md = policyc::render::tasks::write(&policyc::render::RenderInput {
        policy: &policy,
        stem: "d",
        findings: &Default::default(),
        source: text,
        templates: &policyc::render::Templates::builtin(),
        draft: Default::default(),
    })
    .unwrap();
    let md = String::from_utf8(md[0].1.clone()).unwrap();
    assert!(
        md.contains("| 2022年2月30日前 ※1 |") && md.contains("※1 第1项"),
        "{md}"
    );

    // 002's reporting forms (25 to 34 columns) cannot print one page wide at 9 pt: 82%,
    // across pages, the first column repeated; its narrow tables are fitted to the width.
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/002_xingan-zhujian-2020.policy");
    let source = std::fs::read_to_string(&path).unwrap();
    let mut map = policyc::diagnostics::SourceMap::new();
    let compiled = policyc::driver::compile_file(&path, &mut map);
    let files = policyc::render::appendix::write(&policyc::render::RenderInput {
        policy: compiled.policy.as_ref().unwrap(),
        stem: "002",
        findings: &Default::default(),
        source: &source,
        templates: &policyc::render::Templates::builtin(),
        draft: Default::default(),
    })
    .unwrap();
    let xlsx = &files.iter().find(|(n, _)| n == "appendix.xlsx").unwrap().1;
    let mut book = open(xlsx);
    let names = book.sheet_names();
    let (mut wide, mut narrow) = (0, 0);
    for (i, name) in names.iter().enumerate() {
        let columns = book.worksheet_range(name).unwrap().width();
        let setup = page_setup(xlsx, i + 1);
        if columns > 20 {
            assert!(setup.contains(r#"scale="82""#), "{name}: {setup}");
            assert!(!setup.contains("fitToPage"), "{name}");
            wide += 1;
        } else if columns <= 8 {
            assert!(setup.contains(r#"fitToHeight="0""#), "{name}: {setup}");
            narrow += 1;
        }
    }
    assert!(
        wide >= 3 && narrow >= 1,
        "{wide} wide, {narrow} narrow sheets"
    );
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx.clone())).unwrap();
    let mut workbook = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/workbook.xml").unwrap(), &mut workbook)
        .unwrap();
    assert!(
        workbook.contains("_xlnm.Print_Titles"),
        "repeated rows and columns"
    );
    let mut core = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("docProps/core.xml").unwrap(), &mut core)
        .unwrap();
    assert!(!core.contains("policyc"), "no tool named: {core}");
}

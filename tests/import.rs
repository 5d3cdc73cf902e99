//! `policyc import`: notices in every format and encoding become drafts the pipeline reads;
//! files that are not notices are refused with a code; nothing is ever overwritten unasked.

use std::path::{Path, PathBuf};
use std::process::Command;

const SEEDS: &[&str] = &[
    "000_48bbf71bc7c3280f",
    "001_b1529107246664fa",
    "002_ea7da7066a4ea9e9",
    "003_aa1b9054ad6d12e1",
    "004_9a5568da85a3d5d1",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn policyc(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("policyc runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh folder under the target directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target/test-import").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The draft of a notice, and the import's exit code and stderr.
fn import(path: &str) -> (i32, String, String) {
    policyc(&["import", path])
}

/// A draft without its first comments (which name the file it came from).
fn body(draft: &str) -> String {
    draft
        .lines()
        .skip_while(|l| l.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_seed_imports_and_its_draft_checks_without_failing() {
    let dir = scratch("seeds");
    for seed in SEEDS {
        let (code, draft, err) = import(&format!("seeds/{seed}.txt"));
        assert_eq!(code, 0, "{seed}: {err}");
        assert!(
            err.contains("纯文本，UTF-8"),
            "{seed}: says what it read: {err}"
        );
        let path = dir.join(format!("{seed}.policy"));
        std::fs::write(&path, &draft).unwrap();
        let (code, out, err) = policyc(&["check", path.to_str().unwrap()]);
        assert!(
            code == 0 || code == 1,
            "{seed}: check exit {code}\n{out}\n{err}"
        );
    }
}

#[test]
fn the_seeds_real_errors_are_reported_and_agreeing_figures_are_not() {
    let dir = scratch("findings");
    let findings = |seed: &str| -> String {
        let (_, draft, _) = import(&format!("seeds/{seed}.txt"));
        let path = dir.join(format!("{seed}.policy"));
        std::fs::write(&path, &draft).unwrap();
        policyc(&["check", path.to_str().unwrap()]).1
    };
    let f001 = findings("001_b1529107246664fa");
    assert!(
        f001.contains("error[D201]") && f001.contains("2022年4月31日"),
        "{f001}"
    );
    let f002 = findings("002_ea7da7066a4ea9e9");
    assert!(
        f002.contains("error[A102]") && f002.contains("15779"),
        "{f002}"
    );
    assert!(
        f002.contains("error[A103]") && f002.contains("突泉县"),
        "{f002}"
    );
    let f004 = findings("004_9a5568da85a3d5d1");
    assert!(f004.contains("2022511"), "{f004}");
    // 000's figures all agree: no arithmetic finding, only the unit the notice leaves out
    // of “不低于20万给予补贴” (A115).
    let f000 = findings("000_48bbf71bc7c3280f");
    let arithmetic: Vec<&str> = f000
        .lines()
        .filter(|l| l.contains("[A1") && !l.contains("[A115]"))
        .collect();
    assert!(arithmetic.is_empty(), "{f000}");
    assert!(
        f000.lines()
            .filter(|l| l.contains("[A115]"))
            .all(|l| l.contains("写作 20万")),
        "{f000}"
    );
    // 003 states 1.2亿 for 4055+8577万: the truncation warning, no A101 error. Its 七、投资估算
    // restates three quantities of 四、任务目标 differently (102 → 101万平方米, 50 → 51公里,
    // 126 → 127万平方米): the three A104 errors the hand-written file reports, and no other.
    let f003 = findings("003_aa1b9054ad6d12e1");
    assert!(!f003.contains("error[A101]"), "{f003}");
    assert_eq!(f003.matches("error[A104]").count(), 3, "{f003}");
    // Quoted as the notice writes them, with its space before the unit.
    for restated in ["101 万平方米", "51 公里", "127 万平方米"] {
        assert!(f003.contains(&format!("这里写作 {restated}")), "{f003}");
    }
    assert!(!f003.contains("error[A105]"), "{f003}");
    // Its groups list 两镇、各街道办事处主要领导 as a member: a body of people, no name missing
    // (and the members listed after it stay in the group). 区交警大队 leads a task with nobody
    // of it in the group (the group has 交管大队 heads): the O404 the hand-written file reports.
    assert!(!f003.contains("[O403]"), "{f003}");
    assert!(
        f003.contains("warning[O404]") && f003.contains("区交警大队"),
        "{f003}"
    );
}

#[test]
fn figures_and_dates_of_the_seeds_are_held_as_data() {
    let tool = root().join("../shared/tools/figures.py");
    let python = Command::new("python3").arg("--version").output();
    if !tool.exists() || python.is_err() {
        crate::skip(
            "import::figures_and_dates_of_the_seeds_are_held_as_data",
            "needs python3 and ../shared/tools/figures.py beside the project",
        );
        return;
    }
    let dir = scratch("coverage");
    let (mut figs, mut figs_all, mut dates, mut dates_all) = (0, 0, 0, 0);
    for seed in SEEDS {
        let (_, draft, _) = import(&format!("seeds/{seed}.txt"));
        let path = dir.join(format!("{seed}.policy"));
        std::fs::write(&path, &draft).unwrap();
        let out = Command::new("python3")
            .arg(&tool)
            .arg("--typed")
            .arg(root().join(format!("seeds/{seed}.txt")))
            .arg(&path)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let last = text.lines().last().unwrap_or_default();
        // covered: N/M figures, K/L dates
        let nums: Vec<usize> = last
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap())
            .collect();
        assert_eq!(nums.len(), 4, "{seed}: {last}");
        eprintln!("{seed}: {last}");
        figs += nums[0];
        figs_all += nums[1];
        dates += nums[2];
        dates_all += nums[3];
    }
    assert!(figs * 100 >= figs_all * 85, "figures {figs}/{figs_all}");
    assert!(dates * 100 >= dates_all * 90, "dates {dates}/{dates_all}");
}

#[test]
fn encodings_are_detected_and_named() {
    let (_, utf8, _) = import("seeds/000_48bbf71bc7c3280f.txt");
    for (file, named) in [
        ("000-gbk.txt", "GB18030/GBK"),
        ("000-utf16le-bom.txt", "UTF-16LE（带 BOM）"),
        ("000-utf16be-bom.txt", "UTF-16BE（带 BOM）"),
        ("000-utf8-bom-crlf.txt", "UTF-8（带 BOM）"),
    ] {
        let (code, draft, err) = import(&format!("tests/fixtures/import/encodings/{file}"));
        assert_eq!(code, 0, "{file}: {err}");
        assert!(err.contains(named), "{file}: {err}");
        assert_eq!(
            body(&draft),
            body(&utf8),
            "{file}: same draft as the UTF-8 text"
        );
    }
}

#[test]
fn word_and_html_copies_of_the_seeds_give_the_text_draft() {
    for seed in SEEDS {
        let (_, text, _) = import(&format!("seeds/{seed}.txt"));
        let (code, docx, err) = import(&format!("tests/fixtures/import/docx/{seed}.docx"));
        assert_eq!(code, 0, "{seed}.docx: {err}");
        assert!(err.contains("Word"), "{err}");
        assert_eq!(body(&docx), body(&text), "{seed}.docx");
        // LibreOffice's XHTML writes a tab as a <span> opening with a no-break space (the
        // tables of 002 and 003 are tab-led cell lines and tab-separated rows); its HTML
        // export keeps the text in one <pre>. Both give the text's draft, tables included.
        for folder in ["html", "html-writer"] {
            let (code, html, err) = import(&format!("tests/fixtures/import/{folder}/{seed}.html"));
            assert_eq!(code, 0, "{folder}/{seed}.html: {err}");
            assert!(err.contains("网页"), "{err}");
            assert_eq!(body(&html), body(&text), "{folder}/{seed}.html");
        }
    }
}

#[test]
fn notices_nobody_tuned_for_import_and_compile() {
    let dir = scratch("unseen");
    let fixtures = root().join("tests/fixtures/import");
    let mut n = 0;
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        n += 1;
        let (code, draft, err) = import(path.to_str().unwrap());
        assert_eq!(code, 0, "{}: {err}", path.display());
        let out = dir.join(path.file_name().unwrap()).with_extension("policy");
        std::fs::write(&out, draft).unwrap();
        let (code, msg, err) = policyc(&["check", out.to_str().unwrap()]);
        assert!(code == 0 || code == 1, "{}: {msg}{err}", path.display());
        // None of these extracts prints a wrong figure or an impossible date: an error on
        // one of them is the importer misreading it.
        assert!(!msg.contains("error["), "{}: {msg}", path.display());
    }
    assert!(n >= 5, "at least five published notices besides the seeds");
}

#[test]
fn a_notice_in_traditional_characters_keeps_its_numbers_and_dates() {
    let (code, draft, err) = import("tests/fixtures/import/heilongjiang-weifang-jieneng-2015.txt");
    assert_eq!(code, 0, "{err}");
    // 建村[2015]40號 is a cited document, not a figure 40; the date under the signature is a
    // date, not a section heading.
    assert!(draft.contains("依据：建村[2015]40號"), "{draft}");
    assert!(!draft.contains("：40\n"), "{draft}");
    assert!(draft.contains("节点 节点：2015年7月28日"), "{draft}");
    assert!(!draft.contains("节 「2015年7月28日」"), "{draft}");
    let (_, draft, _) = import("tests/fixtures/import/guoban-jianzhu-jieneng-2024.txt");
    assert!(draft.contains("发文字号：國辦函〔2024〕20號"), "{draft}");
    assert!(draft.contains("主送：各省"), "{draft}");
    // 億 and 萬 are magnitudes as 亿 and 万 are: 0.2億平方米 is a figure with its unit, which
    // the checks read as 2000万平方米 (no "missing unit" A115).
    assert!(draft.contains("：0.2億平方米\n"), "{draft}");
    assert!(draft.contains("：2億平方米\n"), "{draft}");
    let dir = scratch("traditional-magnitudes");
    let path = dir.join("guoban.policy");
    std::fs::write(&path, &draft).unwrap();
    let (code, out, err) = policyc(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains("A115") && !err.contains("A115"), "{out}{err}");
}

#[test]
fn files_that_are_not_notices_are_refused_with_a_code() {
    let dir = scratch("bad");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let binary = dir.join("picture.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00").unwrap();
    let sheet = dir.join("sheet.docx");
    {
        let f = std::fs::File::create(&sheet).unwrap();
        let mut w = zip::ZipWriter::new(f);
        w.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut w, b"<workbook/>").unwrap();
        w.finish().unwrap();
    }
    let huge = dir.join("huge.txt");
    // 300 MB, sparse: refused from its size before a byte is read.
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(300 * 1024 * 1024)
        .unwrap();
    for (path, code) in [
        (dir.join("missing.txt"), "E0500"),
        (huge.clone(), "E0501"),
        (empty, "E0502"),
        (binary, "E0503"),
        (sheet, "E0504"),
    ] {
        let (exit, out, err) = import(path.to_str().unwrap());
        assert_eq!(exit, 2, "{}: {err}", path.display());
        assert!(out.is_empty(), "nothing on stdout for {}", path.display());
        assert!(
            err.contains(&format!("error[{code}]")),
            "{}: {err}",
            path.display()
        );
        assert!(err.contains("帮助"), "a hint: {err}");
    }
    let _ = std::fs::remove_file(huge);
}

#[test]
fn an_existing_policy_is_never_overwritten_without_force() {
    let dir = scratch("force");
    let out = dir.join("draft.policy");
    std::fs::write(&out, "// 改好的草稿\n").unwrap();
    let seed = "seeds/000_48bbf71bc7c3280f.txt";
    let (code, _, err) = policyc(&["import", seed, "-o", out.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("error[E0505]"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "// 改好的草稿\n");
    let (code, _, err) = policyc(&["import", seed, "-o", out.to_str().unwrap(), "--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&out).unwrap().contains("方案"));
    // A new file is written, and the draft compiles.
    let fresh = dir.join("fresh.policy");
    let (code, _, _) = policyc(&["import", seed, "-o", fresh.to_str().unwrap()]);
    assert_eq!(code, 0);
    let (code, _, _) = policyc(&["check", fresh.to_str().unwrap()]);
    assert!(code == 0 || code == 1);
    assert!(!Path::new(&dir.join(".fresh.policy.policyc-import.tmp")).exists());
}

/// Imports a notice written here and checks its draft: the draft and the check's output.
fn import_text(name: &str, notice: &str) -> (String, String) {
    let dir = scratch(name);
    let source = dir.join(format!("{name}.txt"));
    std::fs::write(&source, notice).unwrap();
    let (code, draft, err) = import(source.to_str().unwrap());
    assert_eq!(code, 0, "{name}: {err}");
    let path = dir.join(format!("{name}.policy"));
    std::fs::write(&path, &draft).unwrap();
    let (code, out, err) = policyc(&["check", path.to_str().unwrap()]);
    assert!(
        code == 0 || code == 1,
        "{name}: check exit {code}\n{out}\n{err}"
    );
    (draft, out)
}

/// A plan with a title, as a notice prints it, around the given sections.
fn plan(sections: &str) -> String {
    format!("示范县冬季清洁取暖实施方案\n\n{sections}")
}

#[test]
fn a_quantity_stated_again_differently_is_a_restatement_the_checks_compare() {
    let (draft, out) = import_text(
        "restated",
        &plan(
            "一、工作目标\n\n（一）空气源热泵项目\n\n改造 1200 户、10 万平方米。\n\n\
             二、投资估算\n\n（一）空气源热泵项目\n\n共改造 1200 户、11 万平方米。\n",
        ),
    );
    assert!(draft.contains("复述 面积：11 万平方米"), "{draft}");
    assert!(
        draft.contains("推断：与前文同题“空气源热泵”下的面积"),
        "{draft}"
    );
    assert!(out.contains("error[A104]"), "{out}");
    // The notice rebuilt prints each writing where the notice has it.
    let dir = root().join("target/test-import/restated");
    let built = scratch("restated-built");
    let (code, _, err) = policyc(&[
        "build",
        "-o",
        built.to_str().unwrap(),
        dir.join("restated.policy").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let notice = std::fs::read_to_string(built.join("restated/notice.md")).unwrap();
    let notice: String = notice.split_whitespace().collect();
    assert!(
        notice.contains("改造1200户、10万平方米") && notice.contains("共改造1200户、11万平方米"),
        "{notice}"
    );
    // The same name under another topic is another quantity.
    let (draft, out) = import_text(
        "not-restated",
        &plan(
            "一、工作目标\n\n（一）空气源热泵项目\n\n改造 1200 户、10 万平方米。\n\n\
             二、投资估算\n\n（一）燃气壁挂炉项目\n\n共改造 900 户、8 万平方米。\n",
        ),
    );
    assert!(!draft.contains("复述"), "{draft}");
    assert!(!out.contains("[A104]"), "{out}");
}

#[test]
fn rates_averages_counts_and_shares_stated_in_a_sentence_are_checked() {
    let (draft, out) = import_text(
        "implied",
        &plan(
            "一、补贴标准\n\n按照 3500 元/户的标准给予补贴，共改造 2196 户，补贴资金 768.6 万元。\n\n\
             每户最高补贴 1800 元，改造 100 户，补贴资金 20 万元。\n\n\
             二、改造任务\n\n共改造 400 户、3.2 万平方米，户均 80 平方米。\n\n\
             高闸镇、金积镇、古城镇共三个镇参与改造。\n\n\
             全区需改造 5000 户，2021 年完成全部改造任务的 90%，即 4600 户。\n",
        ),
    );
    for calc in [
        "× 改造户数 = 补贴资金",
        "每户最高补贴 × 改造户数2 ≥ 补贴资金2",
        "面积 ÷ 改造户数3 = 户均面积",
        "核算：3个 = 镇参数",
        "全区需改造户数 × 完成全部改造任务·2021年比例 = 户数",
    ] {
        assert!(draft.contains(calc), "{calc}:\n{draft}");
    }
    // The rate, the average and the count agree; the cap is kept (1800 × 100 ≥ 20万 fails)
    // and 5000户 × 90% is not 4600户: two findings, nothing else.
    let a105 = out.matches("[A105]").count();
    assert_eq!(a105, 2, "{out}");
    assert!(out.contains("4600"), "{out}");
}

#[test]
fn a_list_matched_by_respectively_names_the_parts_of_its_total() {
    let (draft, out) = import_text(
        "respectively",
        &plan("一、目标任务\n\n三年共改造 2.85 万户，2021年、2022年、2023年分别改造 3000 户、13600 户、11900 户。\n"),
    );
    assert!(draft.contains("2021年：3000 户"), "{draft}");
    assert!(draft.contains("2023年：11900 户"), "{draft}");
    assert!(!out.contains("[A101]"), "{out}");
}

#[test]
fn a_prose_figure_that_a_table_cell_holds_refers_to_the_cell() {
    // 3500户 in the text is the table's 合计 of 户数（户）: the draft restates the cell, marked
    // as inferred, and its prose prints the cell; 1200户 is the 高闸镇 row's cell.
    let (draft, out) = import_text(
        "cell",
        &plan(
            "一、目标任务\n\n全县共改造3500户，其中高闸镇1200户。\n\n二、任务分配\n\n\
             乡镇      户数（户）    面积（万平方米）\n\
             高闸镇    1200          12.5\n\
             金积镇    2300          20.0\n\
             合计      3500          32.5\n",
        ),
    );
    assert!(
        draft.contains("复述 表.合计.户数（户）：3500户 // 推断：与表“表”合计行"),
        "{draft}"
    );
    assert!(
        draft.contains("复述 表.高闸镇.户数（户）：1200户 // 推断"),
        "{draft}"
    );
    assert!(!out.contains("error"), "{out}");
    // A table that writes no unit, whose headings all count 户数, is read in 户.
    let (draft, _) = import_text(
        "cell-implied-unit",
        &plan(
            "一、目标任务\n\n全县2020年底需开工15776户。\n\n二、任务\n\n\
             旗县      计划改造户数    需开工户数\n\
             甲县      5000            6669\n\
             乙县      4000            9107\n\
             合计      9000            15776\n",
        ),
    );
    assert!(draft.contains("单位：户 // 推断"), "{draft}");
    assert!(
        draft.contains(".合计.需开工户数：15776户 // 推断"),
        "{draft}"
    );
}

#[test]
fn tables_laid_out_with_spaces_or_one_cell_a_line_are_tables() {
    let (draft, out) = import_text(
        "layout",
        &plan(
            "一、任务分配\n\n\
             序号  乡镇      户数    面积\n\
             1     高闸镇    1200    12.5\n\
             2     金积镇    800     8.0\n\
             合计            2100    20.5\n\n\
             二、资金\n\n乡镇\n投资\n\n高闸镇\n120\n\n金积镇\n80\n\n说明在表后。\n",
        ),
    );
    assert!(draft.contains("列：序号｜乡镇｜户数｜面积"), "{draft}");
    assert!(draft.contains("合计：合计｜｜2100｜20.5"), "{draft}");
    assert!(draft.contains("行：金积镇｜80"), "{draft}");
    // The total row is kept as written: 1200 + 800 is not 2100.
    assert!(out.contains("[A102]"), "{out}");
}

#[test]
fn a_rate_in_one_section_applies_to_the_count_and_the_payers_amount_in_another() {
    let (draft, out) = import_text(
        "across",
        &plan(
            "一、补贴标准\n\n中央资金补贴标准为 3500 元/户，地方资金补贴标准为 1800 元/户。\n\n\
             二、资金测算\n\n甲镇改造 1000 户，共投资 800 万元，其中中央专项补助资金 350 万元，区财政配套 190 万元，农户自筹 260 万元。\n",
        ),
    );
    assert!(
        draft.contains("推断：前文的中央标准3500 元/户、这里的数量1000 户与中央的金额350 万元"),
        "{draft}"
    );
    assert!(draft.contains("前文的地方标准1800 元/户"), "{draft}");
    // 3500 × 1000 = 350万 holds; 1800 × 1000 is 180万, not 190万: one finding.
    assert_eq!(out.matches("[A105]").count(), 1, "{out}");
    assert!(out.contains("190"), "{out}");
    // Two different rates of one payer: no reading says which applies.
    let (draft, _) = import_text(
        "across-ambiguous",
        &plan(
            "一、补贴标准\n\n空气源热泵中央资金补贴标准为 3500 元/户。\n\n燃气壁挂炉中央资金补贴标准为 2000 元/户。\n\n\
             二、资金测算\n\n改造 1000 户，中央专项补助资金 350 万元。\n",
        ),
    );
    assert!(!draft.contains("前文的中央标准"), "{draft}");
}

/// The lines where two drafts differ: what is left of each once their common first and last
/// lines are taken off.
fn differing_middle(a: &str, b: &str) -> (Vec<String>, Vec<String>) {
    let a: Vec<&str> = a.lines().collect();
    let b: Vec<&str> = b.lines().collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let middle = |v: &[&str], n: usize| v[head..n - tail].iter().map(|l| l.to_string()).collect();
    (middle(&a, a.len()), middle(&b, b.len()))
}

#[test]
fn policyc_s_own_notice_docx_imports_back_to_the_same_draft() {
    // Each seed imported, built, and its notice.docx imported again: the GB/T 9704 版头 (发文字号
    // above the title), the 版记 table, headings from their styles, the group from its table,
    // figures with the notice's spaces and the 主送 list with its own separators all come back.
    let dir = scratch("own-docx");
    let out = scratch("own-docx-built");
    for seed in SEEDS {
        let (_, text, _) = import(&format!("seeds/{seed}.txt"));
        let draft = dir.join(format!("{seed}.policy"));
        std::fs::write(&draft, &text).unwrap();
        let (code, _, err) = policyc(&[
            "build",
            "-o",
            out.to_str().unwrap(),
            draft.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{seed}: {err}");
        let (code, again, err) = import(out.join(format!("{seed}/notice.docx")).to_str().unwrap());
        assert_eq!(code, 0, "{seed}: {err}");
        let (from_text, from_docx) = differing_middle(&body(&text), &body(&again));
        // The one difference left: 书签 are a word processor's marks left in 001's text copy;
        // the model keeps them but no renderer prints them (they are not the notice's words),
        // so its notice.docx cannot give them back.
        let bookmarks: &[&str] = if *seed == "001_b1529107246664fa" {
            &["  书签：_Toc105422321、_Toc113953067、_GoBack、_Toc105422322、_Toc113953068"]
        } else {
            &[]
        };
        assert_eq!(from_text, bookmarks, "{seed}");
        assert!(from_docx.is_empty(), "{seed}: {from_docx:#?}");
    }
}

#[test]
fn the_gbt_9704_masthead_of_a_notice_docx_is_read_as_issuer_number_and_title() {
    // policies/000 with a 发文机关 declared (its published text prints no 标志, so the policy
    // declares none): notice.docx prints the 发文机关标志 (达拉特旗人民政府文件) above the
    // title, as GB/T 9704 lays out a 版头. It comes back as the issuer, not as part of the title.
    let out = scratch("masthead-built");
    let text = std::fs::read_to_string(root().join("policies/000_dalate-pingfang-jieneng.policy"))
        .unwrap();
    let title = text.find("\n  标题：").unwrap() + 1;
    let at = title + text[title..].find('\n').unwrap() + 1;
    std::fs::create_dir_all(out.join("src")).unwrap();
    let policy = out.join("src/000.policy");
    std::fs::write(
        &policy,
        format!(
            "{}  发文机关：达拉特旗人民政府\n{}",
            &text[..at],
            &text[at..]
        ),
    )
    .unwrap();
    let built = out.join("built");
    let (code, _, err) = policyc(&[
        "build",
        "-o",
        built.to_str().unwrap(),
        policy.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let docx = built.join("000/notice.docx");
    let (code, draft, err) = import(docx.to_str().unwrap());
    assert_eq!(code, 0, "{err}");
    assert!(
        draft.contains(
            "  标题：达拉特旗人民政府关于印发《达拉特旗平房区节能改造工作实施方案》的通知\n"
        ),
        "{draft}"
    );
    assert!(draft.contains("  发文机关：达拉特旗人民政府\n"), "{draft}");
}

/// The nine published notices of tests/fixtures/import/ that the importer was not written from,
/// each with the figures (of figures.py's count) its draft held when last measured: a floor, so
/// that a change to the rules that loses a figure on a notice nobody tuned it to is seen.
const UNSEEN: &[(&str, usize)] = &[
    ("gansu-gaice-butie-2022", 3),
    ("gansu-nongcun-gaice-2019", 5),
    ("guoban-jianzhu-jieneng-2024", 5),
    ("heilongjiang-weifang-jieneng-2015", 9),
    ("jiangbei-laojiu-xiaoqu-2020", 2),
    ("liaocheng-qingjie-butie-2017", 2),
    ("linyi-qingjie-qunuan-2020", 5),
    ("longli-renju-huanjing-2018", 4),
    ("tianjin-laojiu-xiaoqu-2020", 3),
];

/// The last line of a shared tool's report, when python3 and the tool are there.
fn shared_tool(tool: &str, args: &[&Path]) -> Option<String> {
    let tool = root().join("../shared/tools").join(tool);
    if !tool.exists() || Command::new("python3").arg("--version").output().is_err() {
        return None;
    }
    let out = Command::new("python3")
        .arg(&tool)
        .args(args)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines().last().map(str::to_string)
}

/// Issue 10's round trip from the imported drafts: each seed imported with no hand edit and
/// built gives back its text through notice.md, notice.html and notice.docx, not one
/// character missing or added.
#[test]
fn imported_seeds_round_trip_to_their_text_through_md_html_and_docx() {
    let dir = scratch("seeds-round-trip");
    let drafts = dir.join("drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    let built = dir.join("out");
    for seed in SEEDS {
        let (code, draft, err) = import(&format!("seeds/{seed}.txt"));
        assert_eq!(code, 0, "{seed}: {err}");
        std::fs::write(drafts.join(format!("{seed}.policy")), &draft).unwrap();
    }
    let (code, _, err) = policyc(&[
        "build",
        "-o",
        built.to_str().unwrap(),
        drafts.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "build: {err}");
    let mut failures = Vec::new();
    for seed in SEEDS {
        let source = root().join(format!("seeds/{seed}.txt"));
        for file in ["notice.md", "notice.html", "notice.docx"] {
            let notice = built.join(seed).join(file);
            let Some(last) = shared_tool("roundtrip.py", &[&source, &notice]) else {
                crate::skip(
                    "import::imported_seeds_round_trip_to_their_text_through_md_html_and_docx",
                    "needs python3 and ../shared/tools/roundtrip.py beside the project",
                );
                return;
            };
            if crate::build::round_trip_counts(&last) != Some((0, 0)) {
                failures.push(format!("{seed} {file}: {last}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn notices_nobody_tuned_the_importer_to_import_check_and_round_trip() {
    // Outputs go beside the drafts' folder: `build` refuses one inside it.
    let dir = scratch("unseen-measured");
    let drafts = dir.join("drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    let mut measured = true;
    for &(name, figures_floor) in UNSEEN {
        let source = root().join(format!("tests/fixtures/import/{name}.txt"));
        let (code, draft, err) = import(source.to_str().unwrap());
        assert_eq!(code, 0, "{name}: {err}");
        let path = drafts.join(format!("{name}.policy"));
        std::fs::write(&path, &draft).unwrap();
        let (code, out, err) = policyc(&["check", path.to_str().unwrap()]);
        assert!(
            code == 0 || code == 1,
            "{name}: check exit {code}\n{out}\n{err}"
        );
        let built = dir.join(format!("{name}-out"));
        let (code, _, err) = policyc(&[
            "build",
            "-o",
            built.to_str().unwrap(),
            path.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{name}: build: {err}");

        // covered: N/M figures, K/L dates
        let Some(last) = shared_tool("figures.py", &[Path::new("--typed"), &source, &path]) else {
            measured = false;
            continue;
        };
        let nums: Vec<usize> = last
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap())
            .collect();
        assert_eq!(nums.len(), 4, "{name}: {last}");
        assert!(nums[0] >= figures_floor, "{name}: {last}");
        assert_eq!(nums[2], nums[3], "{name}: every date held: {last}");

        // Not a character missing or added (the seeds' goals were ≤ 0.5%, ≤ 1%).
        let notice = built.join(name).join("notice.md");
        let last = shared_tool("roundtrip.py", &[&source, &notice]).unwrap_or_default();
        assert_eq!(
            crate::build::round_trip_counts(&last),
            Some((0, 0)),
            "{name}: {last}"
        );
    }
    if !measured {
        crate::skip(
            "import::notices_nobody_tuned_the_importer_to_import_check_and_round_trip",
            "figures and round trip need python3 and ../shared/tools beside the project",
        );
    }
}

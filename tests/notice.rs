//! The notice draft: notice.docx read back and checked by content, builds are deterministic,
//! the draft prints the notice's words only, and hostile text in a policy stays text in every
//! format (issue 9: only prose is Markdown, no live script link, no remote image, well-formed
//! XML in every docx part).

use std::io::Read;

use policyc::diagnostics::SourceMap;
use policyc::driver::{compile_file, compile_source};
use policyc::render::{notice::write_notice, Templates};

/// policies/000 as an office would issue it with a 版头: its 发文机关 declared (the published
/// text prints no 发文机关标志, so the policy itself declares none).
fn outputs() -> Vec<(String, Vec<u8>)> {
    let map = SourceMap::new();
    let (policy, _) = compile_source(&with_issuer(), "000.policy", map.next_id(), &[]);
    write_notice(policy.as_ref().unwrap(), &Templates::builtin()).unwrap()
}

fn with_issuer() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("policies/000_dalate-pingfang-jieneng.policy");
    let text = std::fs::read_to_string(path).unwrap();
    let title = text.find("\n  标题：").unwrap() + 1;
    let at = title + text[title..].find('\n').unwrap() + 1;
    format!(
        "{}  发文机关：达拉特旗人民政府\n{}",
        &text[..at],
        &text[at..]
    )
}

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn docx_follows_the_official_format() {
    let files = outputs();
    let docx = &files.iter().find(|(n, _)| n == "notice.docx").unwrap().1;
    let doc = part(docx, "word/document.xml");
    // A4 with the 156 mm × 225 mm text block.
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
    assert!(doc.contains(r#"w:top="2098" w:right="1474" w:bottom="1984" w:left="1588""#));
    // Title in the title style, broken between words into two lines of one paragraph
    // (GB/T 9704 §7.3.1), then recipients, body, 附件说明, signature and date.
    let title = doc
        .find(r#"<w:t xml:space="preserve">达拉特旗人民政府关于印发《达拉特旗</w:t><w:br/><w:t xml:space="preserve">平房区节能改造工作实施方案》的通知</w:t>"#)
        .unwrap();
    assert!(doc[..title].contains(r#"<w:pStyle w:val="Title"/>"#));
    for (style, text) in [
        ("Recipients", "各街道办事处，旗直各相关部门，企事业单位："),
        ("SignatureDate", "2024年5月22日"),
        ("Attachment", "附件：1.达拉特旗平房区节能改造工作领导小组"),
        ("Heading1", "一、指导思想"),
        ("Heading2", "（一）坚持以人为本，为民服务。"),
    ] {
        let at = doc.find(text).unwrap_or_else(|| panic!("{text} missing"));
        let para = &doc[doc[..at].rfind("<w:p>").unwrap()..at];
        assert!(
            para.contains(&format!(r#"w:val="{style}""#)),
            "{text} not in style {style}"
        );
    }
    let styles = part(docx, "word/styles.xml");
    assert!(
        styles.contains(r#"w:eastAsia="仿宋_GB2312""#) && styles.contains(r#"<w:sz w:val="32"/>"#)
    );
    assert!(
        styles.contains(r#"w:eastAsia="方正小标宋简体""#)
            && styles.contains(r#"<w:sz w:val="44"/>"#)
    );
    let footer = part(docx, "word/footer1.xml");
    assert!(footer.contains("PAGE") && footer.contains("— "));

    // 版头: the 发文机关标志 (red, centred) comes first, then the red separator line, then the
    // title; 署名 one blank line under the 正文.
    let mark = doc.find(r#"<w:pStyle w:val="IssuerMark"/>"#).unwrap();
    let line = doc.find(r#"<w:pStyle w:val="DocNumberLine"/>"#).unwrap();
    assert!(
        mark < line && line < title,
        "标志, line, title in this order"
    );
    // The 标志 is the issuer's name and 文件 (§7.2.2); the 发文字号 is the centred paragraph
    // that carries the red line.
    assert!(doc[mark..line].contains(">达拉特旗人民政府文件<"));
    let number_para = &doc[line..doc[line..].find("</w:p>").unwrap() + line];
    assert!(
        number_para.contains(r#"<w:jc w:val="center"/>"#),
        "{number_para}"
    );
    let mark_style = &styles[styles.find(r#"w:styleId="IssuerMark""#).unwrap()..];
    let mark_style = &mark_style[..mark_style.find("</w:style>").unwrap()];
    assert!(
        mark_style.contains(r#"<w:color w:val="FF0000"/>"#)
            && mark_style.contains(r#"<w:jc w:val="center"/>"#)
    );
    let line_style = &styles[styles.find(r#"w:styleId="DocNumberLine""#).unwrap()..];
    let line_style = &line_style[..line_style.find("</w:style>").unwrap()];
    assert!(
        line_style.contains(r#"<w:bottom w:val="single" w:sz="12" w:space="4" w:color="FF0000"/>"#)
    );
    // §7.3.5.1: 成文日期 four characters in from the right, 署名 (8 characters) centred over
    // it (2024年5月22日: 7 half-width digits and 3 characters, 6.5 characters wide), so
    // 4 + (6.5 − 8) / 2 = 3.25 characters in; one blank line above the 署名.
    let signature = doc.find(
        r#"<w:spacing w:before="579"/><w:ind w:rightChars="325" w:right="1040"/></w:pPr><w:r><w:t xml:space="preserve">达拉特旗人民政府</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="SignatureDate"/><w:ind w:rightChars="400" w:right="1280"/></w:pPr><w:r><w:t xml:space="preserve">2024年5月22日<"#,
    );
    assert!(
        signature.is_some(),
        "date right under the signature, both placed"
    );
    // Font fallbacks: a missing GB font falls back to the usual serif face.
    let fonts = part(docx, "word/fontTable.xml");
    for (font, alt) in [
        ("仿宋_GB2312", "仿宋"),
        ("方正小标宋简体", "宋体"),
        ("楷体_GB2312", "楷体"),
    ] {
        assert!(
            fonts.contains(&format!(
                r#"<w:font w:name="{font}"><w:altName w:val="{alt}"/>"#
            )),
            "{font} → {alt}"
        );
    }
    assert!(part(docx, "[Content_Types].xml").contains("/word/fontTable.xml"));
    assert!(part(docx, "word/_rels/document.xml.rels").contains("fontTable.xml"));
}

#[test]
fn docx_imprint_stands_at_the_foot_of_the_last_page_between_rules() {
    let (_, _, docx) = drafts_of(
        "通知 {\n  标题：关于甲的通知\n  正文：「正文。」\n  抄送：盟委办公室\n  印发：某局办公室 2020年5月7日\n}\n方案 甲 {\n  「方案正文。」\n}\n",
    );
    assert_well_formed(&docx);
    let doc = docx_parts(&docx)
        .into_iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    let cc = doc.find(">抄送：盟委办公室<").unwrap();
    let printed = doc.find(">某局办公室<").unwrap();
    let plan = doc.find(">方案正文。<").unwrap();
    assert!(
        plan < cc && cc < printed,
        "版记 after the text, 抄送 above 印发"
    );
    // One table as wide as the text block (8844 twips), floating at the bottom of the margin
    // box, after the last text.
    let table = &doc[doc[..cc].rfind("<w:tbl>").unwrap()..];
    let table = &table[..table.find("</w:tbl>").unwrap()];
    assert!(doc[..cc].rfind("<w:tbl>").unwrap() > plan);
    assert!(
        table.contains(r#"w:vertAnchor="margin""#) && table.contains(r#"w:tblpYSpec="bottom""#),
        "{table}"
    );
    // Placed from the page's edge at the left margin (LibreOffice floats no margin-anchored
    // table as wide as the text block), and not the first content of its section (LibreOffice
    // drops such a section break).
    assert!(
        table.contains(r#"w:horzAnchor="page" w:tblpX="1588""#),
        "{table}"
    );
    let opening =
        &doc[doc[..cc].rfind("</w:sectPr>").unwrap()..doc[..cc].rfind("<w:tbl>").unwrap()];
    assert!(
        opening.contains(r#"<w:spacing w:line="20" w:lineRule="exact"/>"#),
        "{opening}"
    );
    assert!(table.contains(r#"<w:tblW w:w="8844" w:type="dxa"/>"#));
    // Thick first and last rules, a thin one between.
    for rule in [
        r#"<w:top w:val="single" w:sz="8""#,
        r#"<w:bottom w:val="single" w:sz="8""#,
        r#"<w:insideH w:val="single" w:sz="6""#,
    ] {
        assert!(table.contains(rule), "{rule} in {table}");
    }
    let rows: Vec<&str> = table.split("<w:tr>").skip(1).collect();
    assert_eq!(rows.len(), 2);
    assert!(rows[0].contains(">抄送：盟委办公室<") && rows[0].contains(r#"w:hanging="840""#));
    // 印发机关 one character in from the left, 印发日期 on a right tab one character in from
    // the right.
    assert!(
        rows[1].contains(r#"<w:tab w:val="right" w:pos="8564"/>"#),
        "{}",
        rows[1]
    );
    assert!(rows[1].contains(r#"<w:ind w:left="280" w:right="280"/>"#));
    assert!(
        rows[1].contains(r#"<w:tab/><w:t xml:space="preserve">2020年5月7日印发</w:t>"#),
        "{}",
        rows[1]
    );
    // Nothing follows but the hairline paragraph the table floats from.
    let after = &doc[doc.rfind("</w:tbl>").unwrap()..];
    assert!(
        !after.contains("<w:t>") && !after.contains("<w:t "),
        "{after}"
    );
    // The 版记 has a section of its own, the last, which starts on an even page (封四), has
    // no page number and sits at the foot of its page; the text's section before it keeps
    // the page-number footers.
    let sections: Vec<&str> = doc.split("<w:sectPr>").skip(1).collect();
    let (text, imprint) = (sections[sections.len() - 2], sections[sections.len() - 1]);
    assert!(
        doc[..cc].rfind("<w:sectPr>").unwrap() > plan,
        "the text's section ends before the 版记"
    );
    assert!(
        imprint.contains(r#"<w:type w:val="evenPage"/>"#),
        "{imprint}"
    );
    assert!(
        imprint.contains(r#"<w:vAlign w:val="bottom"/>"#),
        "{imprint}"
    );
    assert!(imprint.contains(r#"w:type="default" r:id="rIdFooterBlank""#));
    assert!(imprint.contains(r#"w:type="even" r:id="rIdFooterBlank""#));
    assert!(
        text.contains("rIdFooterOdd") && !text.contains("evenPage"),
        "{text}"
    );
    let blank = part(&docx, "word/footer3.xml");
    assert!(!blank.contains("PAGE"), "{blank}");
    assert!(part(&docx, "word/_rels/document.xml.rels").contains(r#"Id="rIdFooterBlank""#));
    assert!(part(&docx, "[Content_Types].xml").contains("/word/footer3.xml"));
}

#[test]
fn docx_without_imprint_has_one_section_with_page_numbers() {
    let (_, _, docx) = drafts_of("方案 甲 {\n  「方案正文。」\n}\n");
    let doc = part(&docx, "word/document.xml");
    assert_eq!(doc.matches("<w:sectPr>").count(), 1);
    assert!(!doc.contains("evenPage") && !doc.contains("rIdFooterBlank"));
    assert!(doc.contains("rIdFooterOdd"));
}

#[test]
fn notice_outputs_are_deterministic() {
    assert_eq!(outputs(), outputs());
}

/// The three drafts of a policy given as text.
fn drafts_of(text: &str) -> (String, String, Vec<u8>) {
    let map = SourceMap::new();
    let (policy, diags) = compile_source(text, "hostile.policy", map.next_id(), &[]);
    let policy = policy.unwrap_or_else(|| panic!("does not parse: {diags:#?}"));
    let files = write_notice(&policy, &Templates::builtin()).unwrap();
    let get = |n: &str| files.iter().find(|(f, _)| f == n).unwrap().1.clone();
    (
        String::from_utf8(get("notice.md")).unwrap(),
        String::from_utf8(get("notice.html")).unwrap(),
        get("notice.docx"),
    )
}

fn docx_parts(docx: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (String::from_utf8_lossy(f.name_raw()).into_owned(), s)
        })
        .collect()
}

/// Every part parses as XML from start to end.
fn assert_well_formed(docx: &[u8]) {
    for (name, xml) in docx_parts(docx) {
        let mut reader = quick_xml::Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed XML: {e}\n{xml}"),
            }
        }
        assert!(
            !xml.chars()
                .any(|c| c < ' ' && !matches!(c, '\t' | '\n' | '\r')),
            "{name} holds a control character"
        );
    }
}

#[test]
fn the_draft_prints_the_notices_words_and_no_words_of_its_own() {
    let (md, html, docx) = drafts_of(
        r#"
方案 甲方案 {
  节 一、目标 {
    指标 改造户数：460户 「改造户数说明」
    分解 投资 按 来源 「资金来源」 {
      合计：100万元
      中央：60万元
      地方：40万元
    }
    复述 改造户数：460户 「复述说明」
    「完成{改造户数}改造，总投资{投资}。」
    任务 1 任务名称甲 {
      内容：「1.各街道组织试点改造。」
      牵头单位：各街道
      完成时限：2024年底
    }
    节点 完工：10月底前 「节点说明」
  }
  附件 1 未附的清单
}
单位 {
  集合：各街道
}
"#,
    );
    let docx_text: String = docx_parts(&docx)
        .into_iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    for out in [&md, &html, &docx_text] {
        assert!(out.contains("完成460户改造，总投资100万元。"), "{out}");
        assert!(out.contains("1.各街道组织试点改造。"), "{out}");
        assert!(out.contains("附件：1.未附的清单"), "{out}");
        for generated in [
            "改造户数说明",
            "资金来源",
            "复述说明",
            "节点说明",
            "牵头单位",
            "完成时限",
            "任务名称甲",
            "原文未附此件",
            "60万元",
        ] {
            assert!(!out.contains(generated), "“{generated}” printed:\n{out}");
        }
    }
    // A listed attachment that is not attached has no page of its own.
    assert!(!md.contains("## 附件1"), "{md}");
}

const HOSTILE: &str = r#"
通知 {
  标题：<script>alert(1)</script>[点我](javascript:alert(1))**粗**
  发文字号：<img src=https://evil.example/a.png>
  主送：<b onclick=alert(1)>各单位</b>
  正文：「[正文链接](javascript:alert(2)) ![远程图](https://evil.example/t.png) <iframe src=x></iframe> [官网](https://www.gov.cn/)」
  署名：![图](https://evil.example/s.png)
  成文日期：2024年5月22日
}
单位 {
  部门：<i>局</i>
}
方案 # 方案<svg onload=alert(1)> {
  节 一、<a href="javascript:alert(3)">标题</a>[链](vbscript:x) {
    「[数据](data:text/html;base64,PHNjcmlwdD4=) [相对](tasks.html#t) [信](mailto:a@b.cn) <img src=x onerror=alert(4)>」
    任务 1 「<script>任务</script>」 {
      内容：「![内容图](http://evil.example/c.png)」
      牵头单位：<i>局</i>
    }
    表 表一 「<img src=x>表题」 {
      列：<b>列</b>｜[x](javascript:1)
      行：<script>格</script>｜![i](https://evil.example/cell.png)
    }
  }
  附件 1 <object data=x>附件</object> {
    领导小组 组 {
      组长：李鹏｜[职务](javascript:1)<img src=x>
    }
  }
}
"#;

#[test]
fn html_draft_has_no_live_script_no_remote_image_and_no_raw_html() {
    let (_, html, _) = drafts_of(HOSTILE);
    let lower = html.to_lowercase();
    for live in [
        "<script",
        "<img",
        "<iframe",
        "<svg",
        "<object",
        "<b ",
        "<b>",
        "<i>",
        "<a href=\"javascript",
        "href=\"javascript",
        "href=\"vbscript",
        "href=\"data:",
    ] {
        assert!(!lower.contains(live), "{live} in notice.html:\n{html}");
    }
    // The text is still shown, as text.
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    // Safe links stay links; a remote image becomes a link the reader may follow.
    assert!(
        html.contains(r#"<a href="https://www.gov.cn/">官网</a>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<a href="tasks.html#t">相对</a>"#),
        "{html}"
    );
    assert!(html.contains(r#"<a href="mailto:a@b.cn">信</a>"#), "{html}");
    assert!(
        html.contains(r#"<a href="https://evil.example/t.png">远程图</a>"#),
        "{html}"
    );
    // Titles, headings and cells are not Markdown: no emphasis made of **粗**.
    assert!(!html.contains("<strong>粗"), "{html}");
}

#[test]
fn markdown_draft_escapes_titles_headings_names_and_cells() {
    let (md, _, _) = drafts_of(HOSTILE);
    // The draft with every backslash escape taken out: what a Markdown viewer could still
    // read as syntax.
    let mut unescaped = String::new();
    let mut chars = md.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
        } else {
            unescaped.push(c);
        }
    }
    for raw in [
        "[点我](javascript",
        "**粗**",
        "<script>alert(1)",
        "<img src=https",
        "<b onclick",
        "[链](vbscript",
        "<script>格",
        "[职务](javascript",
    ] {
        assert!(
            !unescaped.contains(raw),
            "{raw} unescaped in notice.md:\n{md}"
        );
    }
    assert!(
        md.contains(r"\[点我\](javascript:alert(1))\*\*粗\*\*"),
        "{md}"
    );
    // A title starting with # does not become a deeper heading.
    assert!(md.contains(r"# \# 方案"), "{md}");
}

#[test]
fn docx_parts_stay_well_formed_whatever_the_policy_holds() {
    let (_, _, docx) = drafts_of(HOSTILE);
    assert_well_formed(&docx);
    // Word's manual line break (U+000B), a form feed, an escape and U+FFFF, as text copied from
    // Word or a web page carries them.
    for control in ['\u{0B}', '\u{0C}', '\u{1B}', '\u{07}', '\u{FFFF}'] {
        let text = format!(
            "通知 {{\n  标题：标{control}题\n  正文：「正{control}文」\n}}\n方案 方{control}案 {{\n  节 一{control}、节 {{\n    「段{control}落」\n  }}\n}}\n"
        );
        let map = SourceMap::new();
        let (policy, _) = compile_source(&text, "c.policy", map.next_id(), &[]);
        let Some(policy) = policy else {
            // Rejected on input with a diagnostic: nothing reaches the writer.
            continue;
        };
        let files = write_notice(&policy, &Templates::builtin()).unwrap();
        let docx = &files.iter().find(|(n, _)| n == "notice.docx").unwrap().1;
        assert_well_formed(docx);
    }
}

#[test]
fn xml_writer_maps_or_drops_every_character_xml_forbids() {
    use policyc::render::docx::xml_chars;
    assert_eq!(xml_chars("甲\u{0B}乙\u{0C}丙"), "甲 乙 丙");
    assert_eq!(xml_chars("a\u{0}b\u{1B}c\u{FFFE}d\u{FFFF}"), "abcd");
    assert_eq!(xml_chars("制表\t换行\n回车\r"), "制表\t换行\n回车\r");
    assert!(matches!(xml_chars("干净"), std::borrow::Cow::Borrowed(_)));
}

/// Issue 12: the appendix never replaces a stated figure. 002's 开工任务表 states 15776 in its
/// 合计 (the rows add up to 15779) and 3096 for 突泉县 (2197 + 896 = 3093): both are printed as
/// stated and marked, and the marks say what the figures they are made of give.
#[test]
fn appendix_prints_stated_totals_and_marks_the_cell_a_relation_points_to() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("policies/002_xingan-zhujian-2020.policy");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut map = SourceMap::new();
    let compiled = compile_file(&path, &mut map);
    let findings = policyc::render::FindingsSummary::of(&text, &compiled.diagnostics);
    let view = policyc::render::appendix::appendix_view(
        compiled.policy.as_ref().unwrap(),
        &findings.relation_breaks,
    );
    let table = &view.tables[0];
    let row = |label: &str| {
        table
            .rows
            .iter()
            .find(|r| r.cells[0].text == label)
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    let total = &row("合计").cells[5];
    assert_eq!(total.text, "15776");
    assert_eq!(total.mark.as_deref(), Some("※1"));
    let tuquan = &row("突泉县").cells[5];
    assert_eq!(tuquan.text, "3096");
    assert_eq!(tuquan.mark.as_deref(), Some("※2"));
    let notes: Vec<&str> = table.differences.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(
        notes,
        [
            "※1 合计行「2020年底需开工户数」：原文为 15776，各行相加为 15779。",
            "※2 突泉县行「2020年底需开工户数」：原文为 3096，按「2019年未开工户数」 + \
             「2020年计划任务户数」为 3093。",
        ]
    );
    // The other cells of the row are as stated and unmarked.
    assert!(row("突泉县").cells[..5].iter().all(|c| c.mark.is_none()));
}

/// Issue 11: 小计 rows printed above their rows (德州's plan table) are read in the appendix
/// as the checks read them — each adds the rows under it — so that only the 小计 that is
/// wrong is marked, with what its rows give, and the 合计 printed first is not marked.
#[test]
fn appendix_reads_subtotals_printed_above_their_rows() {
    let text = "方案 示例 {\n  表 计划表 「改造计划表」 {\n    单位：户\n    列：县区｜计划户数\n    \
                合计：合计｜800\n    小计：甲片区小计｜310\n    行：甲县｜100\n    行：乙县｜200\n    \
                小计：乙片区小计｜500\n    行：丙县｜250\n    行：丁县｜250\n  }\n}\n";
    let map = SourceMap::new();
    let (policy, diags) = compile_source(text, "计划表.policy", map.next_id(), &[]);
    let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["A102"]);
    let findings = policyc::render::FindingsSummary::of(text, &diags);
    let view = policyc::render::appendix::appendix_view(
        policy.as_ref().unwrap(),
        &findings.relation_breaks,
    );
    let table = &view.tables[0];
    let marks: Vec<(&str, Option<&str>)> = table
        .rows
        .iter()
        .map(|r| (r.cells[0].text.as_str(), r.cells[1].mark.as_deref()))
        .collect();
    assert_eq!(
        marks,
        [
            ("合计", None),
            ("甲片区小计", Some("※1")),
            ("甲县", None),
            ("乙县", None),
            ("乙片区小计", None),
            ("丙县", None),
            ("丁县", None),
        ]
    );
    let notes: Vec<&str> = table.differences.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(
        notes,
        ["※1 甲片区小计行「计划户数」：原文为 310，各行相加为 300。"]
    );
}

/// Wide forms (002's 25- to 34-column reporting forms) print on landscape pages: each such
/// attachment is a section of its own between portrait ones, and the document ends portrait.
#[test]
fn docx_puts_wide_forms_on_landscape_sections() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("policies/002_xingan-zhujian-2020.policy");
    let mut map = SourceMap::new();
    let compiled = compile_file(&path, &mut map);
    let files = write_notice(compiled.policy.as_ref().unwrap(), &Templates::builtin()).unwrap();
    let docx = &files.iter().find(|(n, _)| n == "notice.docx").unwrap().1;
    assert_well_formed(docx);
    let doc = part(docx, "word/document.xml");
    let sections: Vec<(usize, bool)> = doc
        .match_indices("<w:sectPr>")
        .map(|(at, _)| {
            let end = at + doc[at..].find("</w:sectPr>").unwrap();
            (at, doc[at..end].contains(r#"w:orient="landscape""#))
        })
        .collect();
    let orientations: Vec<bool> = sections.iter().map(|s| s.1).collect();
    // 附件1, 附件2 wide, each a landscape section, with no empty portrait section between
    // them (it printed a blank page); 附件3 (8 columns) portrait; 附件4 wide; the rest
    // portrait, and the 版记 on a portrait page of its own.
    assert_eq!(
        orientations,
        [false, true, true, false, true, false, false],
        "portrait and landscape sections in order"
    );
    // Each landscape section holds its form: the text between its start and its sectPr.
    for (i, (at, landscape)) in sections.iter().enumerate() {
        if *landscape {
            let start = sections[i - 1].0;
            assert!(
                doc[start..*at].contains("<w:tbl>"),
                "a landscape section holds a table"
            );
        }
    }
    // The body's last child is the final (portrait) sectPr.
    assert!(doc.contains("</w:sectPr>\n</w:body>"));
}

#[test]
fn a_notice_that_is_only_a_leadership_group_prints_its_members() {
    let (md, html, docx) = drafts_of(
        "通知 {\n  标题：某县人民政府办公室关于成立清洁取暖工作领导小组的通知\n  \
         正文：「决定成立清洁取暖工作领导小组，组成人员如下：」\n  署名：某县人民政府办公室\n}\n\
         领导小组 某县清洁取暖工作领导小组 {\n  组长：张伟｜县人民政府县长\n  成员：李明｜县住建局局长\n}\n",
    );
    let doc = part(&docx, "word/document.xml");
    for draft in [&md, &html, &doc] {
        let members = draft.find("张伟").expect("the group's members are printed");
        // In the body of the notice, before its signature.
        assert!(draft.find("组成人员如下").unwrap() < members);
        assert!(members < draft.rfind("某县人民政府办公室").unwrap());
        assert!(draft.contains("李明"));
    }
    // A group written after the plans is printed after them.
    let (md, _, _) = drafts_of(
        "方案 某县清洁取暖实施方案 {\n  「一、目标」\n}\n领导小组 某县清洁取暖工作领导小组 {\n  组长：张伟｜县人民政府县长\n}\n",
    );
    assert!(md.find("一、目标").unwrap() < md.find("张伟").unwrap());
}

#[test]
fn a_plan_without_a_title_prints_no_empty_heading() {
    let (md, html, _) = drafts_of("方案 「」 {\n  「一、目标」\n}\n");
    assert!(md.contains("一、目标"));
    assert!(!md.lines().any(|l| l.trim() == "#"), "{md}");
    assert!(!html.contains("<h1></h1>"), "{html}");
}

/// A 名单 prints the notice's sentence written in it, once, and none of its items or count
/// lines as words of its own.
#[test]
fn a_counted_list_prints_its_sentence_as_written() {
    let (md, html, _) = drafts_of(
        "方案 甲方案 {\n  名单 改造方式 「说明」 {\n    项：集中供热、分散式电代煤\n    共：两种改造方式\n    「采取集中供热、分散式电代煤两种改造方式。」\n  }\n}\n",
    );
    assert_eq!(
        md.matches("采取集中供热、分散式电代煤两种改造方式。")
            .count(),
        1,
        "{md}"
    );
    assert!(!md.contains("说明") && !md.contains("项："), "{md}");
    assert!(
        html.contains("采取集中供热、分散式电代煤两种改造方式。"),
        "{html}"
    );
}

/// A form of more than 16 columns has narrow cell margins (Word's default left less than one
/// 8-pt character in a column of a 34-column form) and prints its headings once when it has
/// few rows; a narrower table repeats its headings on every page.
#[test]
fn docx_wide_forms_have_narrow_margins_and_headings_printed_once() {
    let columns: Vec<String> = (1..=20).map(|i| format!("第{i}项")).collect();
    let text = format!(
        "方案 甲 {{\n  表 宽表 {{\n    列：{}\n    空行：3\n  }}\n  表 窄表 {{\n    单位：户\n    列：镇｜户数\n    行：甲镇｜3\n  }}\n}}\n",
        columns.join("｜")
    );
    let (_, _, docx) = drafts_of(&text);
    let doc = part(&docx, "word/document.xml");
    let tables: Vec<&str> = doc.split("<w:tbl>").skip(1).collect();
    assert_eq!(tables.len(), 2, "{doc}");
    let (wide, narrow) = (tables[0], tables[1]);
    assert!(
        wide.contains(r#"<w:tblCellMar><w:left w:w="28" w:type="dxa"/>"#),
        "{wide}"
    );
    assert!(!wide.contains("<w:tblHeader/>"), "{wide}");
    assert!(!narrow.contains("<w:tblCellMar>"), "{narrow}");
    assert!(narrow.contains("<w:tblHeader/>"), "{narrow}");
}

/// A notice that prints no 署名 gets none: the 发文机关 heads the page and is not repeated
/// as a signature the notice does not have.
#[test]
fn a_notice_without_a_signature_prints_none() {
    let (md, _, _) = drafts_of(
        "通知 {\n  标题：关于甲的通知\n  发文机关：某市人民政府办公室\n  主送：各县区人民政府\n}\n方案 甲 {\n  「正文。」\n}\n",
    );
    assert!(!md.contains("某市人民政府办公室"), "{md}");
    let (md, _, _) = drafts_of(
        "通知 {\n  标题：关于甲的通知\n  发文机关：某市人民政府办公室\n  主送：各县区人民政府\n  署名：某市人民政府办公室\n}\n方案 甲 {\n  「正文。」\n}\n",
    );
    assert_eq!(md.matches("某市人民政府办公室").count(), 1, "{md}");
}

#[test]
fn a_document_xml_larger_than_a_piece_is_whole_and_well_formed() {
    // notice.docx's document.xml reaches its archive entry in pieces of 1 MiB: a table of 30
    // rows × 200 columns makes a part of about 1.3 MB, which crosses a piece's end.
    let text = policyc::synth::stress::wide_table(30, 200);
    let (_, _, docx) = drafts_of(&text);
    assert_well_formed(&docx);
    let doc = part(&docx, "word/document.xml");
    assert!(doc.len() > 1 << 20, "{} bytes", doc.len());
    assert!(
        doc.ends_with("</w:document>\n"),
        "{}",
        &doc[doc.len() - 200..]
    );
    let body_cells = doc.matches(r#"<w:pStyle w:val="TableTextSmall"/>"#).count();
    assert_eq!(body_cells, 30 * 200);
}

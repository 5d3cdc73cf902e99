//! The notice draft: notice.docx read back and checked by content, and builds are
//! deterministic.

use std::io::Read;

use policyc::diagnostics::SourceMap;
use policyc::driver::compile_file;
use policyc::render::{notice::write_notice, Templates};

fn outputs() -> Vec<(String, Vec<u8>)> {
    let mut map = SourceMap::new();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("policies/000_dalate-pingfang-jieneng.policy");
    let compiled = compile_file(&path, &mut map);
    write_notice(compiled.policy.as_ref().unwrap(), &Templates::builtin()).unwrap()
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
    // Title in the title style, then recipients, body, 附件说明, signature and date.
    let title = doc
        .find("关于印发《达拉特旗平房区节能改造工作实施方案》的通知")
        .unwrap();
    assert!(doc[..title].contains(r#"<w:pStyle w:val="Title"/>"#));
    for (style, text) in [
        ("Recipients", "各街道办事处，旗直各相关部门，企事业单位："),
        ("Attachment", "附件：1.达拉特旗平房区节能改造工作领导小组"),
        ("Signature", "2024年5月22日"),
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
}

#[test]
fn notice_outputs_are_deterministic() {
    assert_eq!(outputs(), outputs());
}

#[test]
fn html_escapes_markup_from_policies() {
    let md = "正文<script>alert(1)</script>";
    let html = policyc::render::notice::markdown_to_html(md);
    assert!(!html.contains("<script>"), "{html}");
}

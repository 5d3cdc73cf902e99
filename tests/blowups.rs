//! Inputs that once blew up (issue 9, "Hangs and blow-ups"): what they produce stays bounded
//! and correct. How long they take is measured by benches/perf.rs (group `blowups`), never
//! here.

use policyc::diagnostics::{human::render_human, json::to_json, Diagnostic, SourceMap};
use policyc::driver::compile_source;
use policyc::synth::stress;

fn check(text: &str) -> (SourceMap, Vec<Diagnostic>) {
    let mut map = SourceMap::new();
    let file = map.add("示例.policy", text);
    let (_, diags) = compile_source(text, "示例.policy", file, &[]);
    (map, diags)
}

#[test]
fn a_finding_about_thousands_of_names_prints_a_few_and_counts_the_rest() {
    for labels in [300, 2000] {
        let text = stress::one_unit_many_names(labels);
        let (map, diags) = check(&text);
        let o402: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == "O402").collect();
        assert_eq!(o402.len(), 1, "one unit, one finding");
        let d = o402[0];
        // Every name is still a label for tools (--format json) …
        assert_eq!(d.labels.len(), labels);
        let json = to_json(&map, &diags).to_string();
        assert!(json.contains("区住建雨雨局") || labels < 2500);
        // … but people read the first few and a count.
        assert!(
            d.message.contains(&format!("等{labels}个名称")),
            "{}",
            d.message
        );
        let human = render_human(&map, std::slice::from_ref(d), false);
        let lines = human.lines().count();
        assert!(lines <= 40, "{lines} lines:\n{human}");
        // The one long source line is quoted once; apart from it the text is short.
        let longest = human.lines().map(str::len).max().unwrap_or(0);
        assert!(human.len() - longest <= 6_000, "{} bytes", human.len());
        assert!(
            human.contains(&format!("另有{}处标注", labels - 8)),
            "{human}"
        );
    }
}

#[test]
fn a_short_finding_is_printed_whole() {
    let text = stress::one_unit_many_names(3);
    let (map, diags) = check(&text);
    let human = render_human(&map, &diags, false);
    assert!(!human.contains("未列出"), "{human}");
    assert!(!human.contains("等3个"), "{human}");
}

#[test]
fn two_names_of_one_unit_are_found_among_thousands_of_units() {
    // The organisation checks no longer compare every unit with every other: a pair hidden
    // among thousands of unrelated units must still be found, and nothing else.
    for units in [500, 5000] {
        let text = stress::many_units(units).replacen(
            "单位 {\n",
            "单位 {\n  部门：区住房和城乡建设局、区住建局、古城镇、古城镇人民政府、达拉特旗政府、达拉特旗人民政府\n",
            1,
        );
        let (_, diags) = check(&text);
        let o402: Vec<&str> = diags
            .iter()
            .filter(|d| d.code == "O402")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(o402.len(), 3, "{o402:#?}");
        assert!(o402
            .iter()
            .any(|m| m.contains("“区住房和城乡建设局”“区住建局”")));
        assert!(o402.iter().any(|m| m.contains("“古城镇”“古城镇人民政府”")));
        assert!(o402
            .iter()
            .any(|m| m.contains("“达拉特旗政府”“达拉特旗人民政府”")));
    }
}

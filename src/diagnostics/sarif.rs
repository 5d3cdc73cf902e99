//! Diagnostics as SARIF 2.1.0, the format code-scanning services ingest.
//!
//! One run; the driver's rules are the registry entries of the codes that occur,
//! and each result points at its rule by id and index. Columns count Unicode code
//! points (declared with `columnKind`), matching the other outputs. Absent things
//! are left out rather than written as `null`, which the schema rejects.

use serde_json::{json, Map, Value};

use super::{codes, Diagnostic, FileId, Label, SourceMap, Span};

/// Where the schema lives; consumers use it to recognise the format.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The project's homepage or repository from Cargo.toml, if either is set.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|u| !u.is_empty())
}

/// A SARIF 2.1.0 log of the diagnostics, produced by `policyc` version `tool_version`.
pub fn to_sarif(map: &SourceMap, diags: &[Diagnostic], tool_version: &str) -> Value {
    let mut used: Vec<&'static str> = diags.iter().map(|d| d.code).collect();
    used.sort_unstable();
    used.dedup();

    let mut driver = json!({
        "name": "policyc",
        "version": tool_version,
        "rules": used.iter().map(|c| rule(c)).collect::<Vec<_>>(),
    });
    if let Some(uri) = information_uri() {
        driver["informationUri"] = json!(uri);
    }
    let results: Vec<Value> = diags
        .iter()
        .map(|d| result(map, d, used.binary_search(&d.code).ok()))
        .collect();
    json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// A rule from the registry; a code missing from it still gets a rule with its id,
/// so that every result's `ruleIndex` is valid.
fn rule(code: &str) -> Value {
    match codes::lookup(code) {
        Some(info) => json!({
            "id": info.code,
            "name": info.title,
            "shortDescription": { "text": info.title },
            "fullDescription": { "text": info.explanation },
            "help": { "text": codes::explain(code).unwrap_or_default() },
            "defaultConfiguration": { "level": info.severity.as_str() },
        }),
        None => json!({ "id": code }),
    }
}

fn result(map: &SourceMap, d: &Diagnostic, rule_index: Option<usize>) -> Value {
    let mut r = json!({
        "ruleId": d.code,
        "level": d.severity.as_str(),
        "message": { "text": d.message },
    });
    if let Some(i) = rule_index {
        r["ruleIndex"] = json!(i);
    }
    // The primary location is the label `primary_span` picks; every other label
    // becomes a related location.
    let primary = d
        .labels
        .iter()
        .position(|l| l.primary)
        .or_else(|| (!d.labels.is_empty()).then_some(0));
    if map.get(d.file).is_some() {
        let mut loc = location(map, d.file, primary.map(|i| d.labels[i].span));
        if let Some(l) = primary.map(|i| &d.labels[i]) {
            add_message(&mut loc, l);
        }
        r["locations"] = json!([loc]);
        let related: Vec<Value> = d
            .labels
            .iter()
            .enumerate()
            .filter(|&(i, _)| Some(i) != primary)
            .enumerate()
            .map(|(id, (_, l))| {
                let mut loc = location(map, d.file, Some(l.span));
                loc["id"] = json!(id);
                add_message(&mut loc, l);
                loc
            })
            .collect();
        if !related.is_empty() {
            r["relatedLocations"] = json!(related);
        }
    }
    // Help and notes have no SARIF slot of their own; a property bag keeps them.
    let mut props = Map::new();
    if let Some(h) = &d.help {
        props.insert("help".into(), json!(h));
    }
    if !d.notes.is_empty() {
        props.insert("notes".into(), json!(d.notes));
    }
    if !props.is_empty() {
        r["properties"] = Value::Object(props);
    }
    r
}

fn add_message(loc: &mut Value, label: &Label) {
    if !label.message.is_empty() {
        loc["message"] = json!({ "text": label.message });
    }
}

/// A location in a file known to the map; without a span it names the file only.
fn location(map: &SourceMap, file: FileId, span: Option<Span>) -> Value {
    let path = map.get(file).map_or("", |f| f.path.as_str());
    let mut physical = json!({ "artifactLocation": { "uri": artifact_uri(path) } });
    if let Some(r) = span.and_then(|s| map.region(file, s)) {
        physical["region"] = json!({
            "startLine": r.start_line,
            "startColumn": r.start_column,
            "endLine": r.end_line,
            "endColumn": r.end_column,
        });
    }
    json!({ "physicalLocation": physical })
}

/// A path as a URI reference: forward slashes, no leading `./`, and every byte
/// outside the unreserved set percent-encoded (Chinese file names included), as
/// RFC 3986 requires. Absolute paths become `file:` URIs, since a relative
/// reference starting with `C:` or `//` would mean something else.
fn artifact_uri(path: &str) -> String {
    let mut p = path.replace('\\', "/");
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.to_owned();
    }
    let drive = p.len() >= 2 && p.as_bytes()[0].is_ascii_alphabetic() && p.as_bytes()[1] == b':';
    let (prefix, rest) = if drive {
        (format!("file:///{}", &p[..2]), &p[2..])
    } else if p.starts_with('/') {
        ("file://".to_owned(), p.as_str())
    } else {
        (String::new(), p.as_str())
    };
    let mut out = prefix;
    for b in rest.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::Severity;
    use super::*;

    fn sample() -> (SourceMap, Vec<Diagnostic>) {
        let mut map = SourceMap::new();
        let text = "单位 { 部门：区财政局 }\n任务 1 { 牵头单位：区发改局 }\n";
        let f = map.add("policies/示例 通知.policy", text);
        let at = |s: &str| {
            let i = text.find(s).unwrap();
            Span::new(i, i + s.len())
        };
        let diags = vec![
            Diagnostic::from_code("E0103", "单位“区发改局”未声明", f)
                .with_primary(at("区发改局"), "这里")
                .with_secondary(at("单位 {"), "单位在此声明")
                .with_help("把它补进“单位”块"),
            Diagnostic::new("E0001", Severity::Warning, "无位置", f),
            Diagnostic::new("X0001", Severity::Note, "未登记的代码", f)
                .with_primary(Span::new(1, 1000), ""),
        ];
        (map, diags)
    }

    fn assert_no_nulls(v: &Value, at: &str) {
        match v {
            Value::Null => panic!("null at {at}"),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, x)| assert_no_nulls(x, &format!("{at}[{i}]"))),
            Value::Object(o) => o
                .iter()
                .for_each(|(k, x)| assert_no_nulls(x, &format!("{at}.{k}"))),
            _ => {}
        }
    }

    #[test]
    fn log_shape() {
        let (map, diags) = sample();
        let log = to_sarif(&map, &diags, "0.1.0");
        assert_no_nulls(&log, "$");
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["E0001", "E0103", "X0001"]);
        assert_eq!(rules[1]["shortDescription"]["text"], "单位未声明");
        assert_eq!(rules[1]["defaultConfiguration"]["level"], "error");
        for r in run["results"].as_array().unwrap() {
            let i = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[i]["id"], r["ruleId"]);
        }
        insta::assert_json_snapshot!(run["results"][0], @r#"
        {
          "level": "error",
          "locations": [
            {
              "message": {
                "text": "这里"
              },
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "policies/%E7%A4%BA%E4%BE%8B%20%E9%80%9A%E7%9F%A5.policy"
                },
                "region": {
                  "endColumn": 17,
                  "endLine": 2,
                  "startColumn": 13,
                  "startLine": 2
                }
              }
            }
          ],
          "message": {
            "text": "单位“区发改局”未声明"
          },
          "properties": {
            "help": "把它补进“单位”块"
          },
          "relatedLocations": [
            {
              "id": 0,
              "message": {
                "text": "单位在此声明"
              },
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "policies/%E7%A4%BA%E4%BE%8B%20%E9%80%9A%E7%9F%A5.policy"
                },
                "region": {
                  "endColumn": 5,
                  "endLine": 1,
                  "startColumn": 1,
                  "startLine": 1
                }
              }
            }
          ],
          "ruleId": "E0103",
          "ruleIndex": 1
        }
        "#);
        // No span: the file alone. A span past the end: clamped to the text.
        let loc = &run["results"][1]["locations"][0]["physicalLocation"];
        assert!(loc.get("region").is_none() && loc["artifactLocation"]["uri"].is_string());
        let region = &run["results"][2]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            (&region["endLine"], &region["endColumn"]),
            (&json!(3), &json!(1))
        );
    }

    #[test]
    fn uris() {
        assert_eq!(artifact_uri(r".\policies\a.policy"), "policies/a.policy");
        assert_eq!(
            artifact_uri("/home/u/a b.policy"),
            "file:///home/u/a%20b.policy"
        );
        assert_eq!(artifact_uri(r"C:\p\a.policy"), "file:///C:/p/a.policy");
        assert_eq!(artifact_uri("<stdin>"), "%3Cstdin%3E");
    }

    #[test]
    fn unknown_file_has_no_location() {
        let d = Diagnostic::from_code("E0002", "读不了", FileId(3));
        let log = to_sarif(&SourceMap::new(), &[d], "0.1.0");
        assert_no_nulls(&log, "$");
        assert!(log["runs"][0]["results"][0].get("locations").is_none());
    }
}

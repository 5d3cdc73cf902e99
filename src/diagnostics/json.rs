//! Diagnostics as plain JSON, for editors and scripts.
//!
//! One array; each diagnostic is an object with its code, severity, message, file
//! path and the region of its primary span. Lines and columns are 1-based, columns
//! count characters, and the end is exclusive (the position just after the span).
//! A diagnostic without a span has `null` line and column fields.

use serde_json::{json, Value};

use super::{Diagnostic, FileId, SourceMap, Span};

/// The diagnostics as a JSON array, in the order given.
pub fn to_json(map: &SourceMap, diags: &[Diagnostic]) -> Value {
    Value::Array(diags.iter().map(|d| diagnostic(map, d)).collect())
}

fn diagnostic(map: &SourceMap, d: &Diagnostic) -> Value {
    let labels: Vec<Value> = d
        .labels
        .iter()
        .map(|l| {
            let mut v = region(map, d.file, Some(l.span));
            v["message"] = json!(l.message);
            v["primary"] = json!(l.primary);
            v
        })
        .collect();
    let mut v = region(map, d.file, d.primary_span());
    v["code"] = json!(d.code);
    v["severity"] = json!(d.severity);
    v["message"] = json!(d.message);
    v["file"] = json!(map.get(d.file).map(|f| &f.path));
    v["help"] = json!(d.help);
    v["notes"] = json!(d.notes);
    v["labels"] = Value::Array(labels);
    v
}

/// An object with `line`, `column`, `end_line`, `end_column`, all null when there
/// is no span or the file is unknown.
fn region(map: &SourceMap, file: FileId, span: Option<Span>) -> Value {
    match span.and_then(|s| map.region(file, s)) {
        Some(r) => json!({
            "line": r.start_line,
            "column": r.start_column,
            "end_line": r.end_line,
            "end_column": r.end_column,
        }),
        None => json!({ "line": null, "column": null, "end_line": null, "end_column": null }),
    }
}

#[cfg(test)]
mod tests {
    use super::super::Severity;
    use super::*;

    #[test]
    fn fields_and_character_columns() {
        let mut map = SourceMap::new();
        let text = "指标 户数：460户 户\n";
        let f = map.add("a.policy", text);
        let start = text.rfind('户').unwrap();
        let diags = [
            Diagnostic::new("E0001", Severity::Error, "多余的内容", f)
                .with_primary(Span::new(start, start + 3), "多余")
                .with_secondary(Span::new(0, 6), "")
                .with_help("删去")
                .with_note("注"),
            Diagnostic::new("E0002", Severity::Warning, "整个文件", f),
        ];
        insta::assert_json_snapshot!(to_json(&map, &diags), @r#"
        [
          {
            "code": "E0001",
            "column": 12,
            "end_column": 13,
            "end_line": 1,
            "file": "a.policy",
            "help": "删去",
            "labels": [
              {
                "column": 12,
                "end_column": 13,
                "end_line": 1,
                "line": 1,
                "message": "多余",
                "primary": true
              },
              {
                "column": 1,
                "end_column": 3,
                "end_line": 1,
                "line": 1,
                "message": "",
                "primary": false
              }
            ],
            "line": 1,
            "message": "多余的内容",
            "notes": [
              "注"
            ],
            "severity": "error"
          },
          {
            "code": "E0002",
            "column": null,
            "end_column": null,
            "end_line": null,
            "file": "a.policy",
            "help": null,
            "labels": [],
            "line": null,
            "message": "整个文件",
            "notes": [],
            "severity": "warning"
          }
        ]
        "#);
    }

    #[test]
    fn bad_spans_and_files() {
        let mut map = SourceMap::new();
        let f = map.add("a.policy", "户\n");
        let d =
            Diagnostic::new("E0001", Severity::Error, "x", f).with_primary(Span::new(99, 1), "");
        let v = to_json(&map, &[d]);
        assert_eq!(
            (
                &v[0]["line"],
                &v[0]["column"],
                &v[0]["end_line"],
                &v[0]["end_column"]
            ),
            (&json!(1), &json!(1), &json!(2), &json!(1))
        );
        let d = Diagnostic::new("E0001", Severity::Error, "x", FileId(5))
            .with_primary(Span::new(0, 1), "");
        let v = to_json(&map, &[d]);
        assert!(v[0]["file"].is_null() && v[0]["line"].is_null());
    }
}

//! Filters templates use to write figures and dates the way notices write them.

use minijinja::Environment;

pub fn register(env: &mut Environment<'static>) {
    env.add_filter("csv_cell", csv_cell);
    env.add_filter("md_cell", md_cell);
    env.add_filter("plain", plain);
    env.add_filter("md_text", md_text);
}

/// A CSV cell: quoted when needed, and defused when a spreadsheet would read it as a formula
/// (text starting with = + - @ gets a leading apostrophe).
pub fn csv_cell(text: String) -> String {
    let text = defuse_formula(&text);
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// A Markdown table cell: pipes escaped, line breaks flattened.
pub fn md_cell(text: String) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// Markdown prose as plain text for Word: emphasis markers and hard-break backslashes removed.
pub fn plain(text: String) -> String {
    text.replace("**", "").replace("\\\n", "\n")
}

/// Text from a policy in a Markdown table cell or line: like [`md_cell`], and `<` `>` escaped
/// with a backslash so that a Markdown viewer shows them instead of reading them as HTML.
pub fn md_text(text: String) -> String {
    md_cell(text).replace('<', "\\<").replace('>', "\\>")
}

/// Text that a spreadsheet would run as a formula is prefixed with an apostrophe.
/// Plain negative numbers are left alone: they are data, not formulas.
pub fn defuse_formula(text: &str) -> String {
    let starts_formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let is_number = text.parse::<f64>().is_ok();
    if starts_formula && !is_number {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(csv_cell("=SUM(A1)".into()), "'=SUM(A1)");
        assert_eq!(csv_cell("@cmd".into()), "'@cmd");
        assert_eq!(csv_cell("-12.5".into()), "-12.5");
        assert_eq!(csv_cell("a,b".into()), "\"a,b\"");
        assert_eq!(md_text("<b>|".into()), "\\<b\\>\\|");
    }
}

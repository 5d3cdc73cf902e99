//! The template environment: built-in templates compiled into the binary, an office's own
//! templates (`--templates DIR`) taking precedence, minijinja in strict-undefined mode.

use std::path::{Path, PathBuf};

use minijinja::{Environment, UndefinedBehavior};

/// Built-in templates, embedded so that the binary works anywhere. Each entry is a file of
/// `templates/`; the list is the one place that names them.
const BUILTIN: &[(&str, &str)] = &[
    ("macros.j2", include_str!("../../templates/macros.j2")),
    ("notice.md.j2", include_str!("../../templates/notice.md.j2")),
    (
        "gantt.json.j2",
        include_str!("../../templates/gantt.json.j2"),
    ),
    ("gantt.mmd.j2", include_str!("../../templates/gantt.mmd.j2")),
    ("gantt.svg.j2", include_str!("../../templates/gantt.svg.j2")),
    (
        "gantt.html.j2",
        include_str!("../../templates/gantt.html.j2"),
    ),
    (
        "notice.html.j2",
        include_str!("../../templates/notice.html.j2"),
    ),
    (
        "docx/document.xml.j2",
        include_str!("../../templates/docx/document.xml.j2"),
    ),
    (
        "docx/blocks.xml.j2",
        include_str!("../../templates/docx/blocks.xml.j2"),
    ),
    (
        "docx/para.xml.j2",
        include_str!("../../templates/docx/para.xml.j2"),
    ),
    (
        "docx/styles.xml.j2",
        include_str!("../../templates/docx/styles.xml.j2"),
    ),
    (
        "docx/settings.xml.j2",
        include_str!("../../templates/docx/settings.xml.j2"),
    ),
    (
        "docx/font_table.xml.j2",
        include_str!("../../templates/docx/font_table.xml.j2"),
    ),
    (
        "docx/header.xml.j2",
        include_str!("../../templates/docx/header.xml.j2"),
    ),
    (
        "docx/footer.xml.j2",
        include_str!("../../templates/docx/footer.xml.j2"),
    ),
    (
        "docx/core.xml.j2",
        include_str!("../../templates/docx/core.xml.j2"),
    ),
    (
        "docx/content_types.xml.j2",
        include_str!("../../templates/docx/content_types.xml.j2"),
    ),
    (
        "docx/rels.xml.j2",
        include_str!("../../templates/docx/rels.xml.j2"),
    ),
    (
        "docx/document.xml.rels.j2",
        include_str!("../../templates/docx/document.xml.rels.j2"),
    ),
    ("style.css.j2", include_str!("../../templates/style.css.j2")),
    ("tasks.md.j2", include_str!("../../templates/tasks.md.j2")),
    (
        "tasks.html.j2",
        include_str!("../../templates/tasks.html.j2"),
    ),
    ("tasks.csv.j2", include_str!("../../templates/tasks.csv.j2")),
    (
        "appendix.md.j2",
        include_str!("../../templates/appendix.md.j2"),
    ),
    (
        "appendix.csv.j2",
        include_str!("../../templates/appendix.csv.j2"),
    ),
    (
        "subsidy.md.j2",
        include_str!("../../templates/subsidy.md.j2"),
    ),
    (
        "index.html.j2",
        include_str!("../../templates/index.html.j2"),
    ),
    (
        "source.html.j2",
        include_str!("../../templates/source.html.j2"),
    ),
];

/// Loads templates by name: from the override folder if it has the file, else built in.
pub struct Templates {
    env: Environment<'static>,
}

/// Longest template file read from an override folder.
const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

impl Templates {
    /// Built-in templates only.
    pub fn builtin() -> Templates {
        Templates::with_override(None)
    }

    /// Built-in templates, overridden by files of the same name in `dir`. A name that would
    /// leave `dir` (`../x`, an absolute path, a symlink out) is never read from it.
    pub fn with_override(dir: Option<&Path>) -> Templates {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_keep_trailing_newline(true);
        // Text outputs choose their own escaping: HTML templates end in .html.j2 and are
        // auto-escaped; Markdown and CSV are not HTML.
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html.j2") || name.ends_with(".svg.j2") || name.ends_with(".xml.j2")
            {
                minijinja::AutoEscape::Html
            } else {
                minijinja::AutoEscape::None
            }
        });
        let root = dir.map(|d| std::fs::canonicalize(d).unwrap_or_else(|_| d.to_path_buf()));
        env.set_loader(move |name| {
            if let Some(root) = &root {
                if let Some(text) = read_inside(root, name) {
                    return Ok(Some(text));
                }
            }
            Ok(BUILTIN
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| t.to_string()))
        });
        super::filters::register(&mut env);
        Templates { env }
    }

    /// Renders template `name` with `ctx`.
    pub fn render<S: serde::Serialize>(
        &self,
        name: &str,
        ctx: &S,
    ) -> Result<String, minijinja::Error> {
        let t = self.env.get_template(name)?;
        t.render(minijinja::Value::from_serialize(ctx))
    }

    /// Renders template `name` with `ctx` into `out` as it goes, for outputs too large to hold
    /// whole (a plan's tables in notice.docx).
    pub fn render_to<S: serde::Serialize, W: std::io::Write>(
        &self,
        name: &str,
        ctx: &S,
        out: W,
    ) -> Result<(), minijinja::Error> {
        let t = self.env.get_template(name)?;
        t.render_captured_to(minijinja::Value::from_serialize(ctx), out)?;
        Ok(())
    }
}

/// Reads `root/name` only if it resolves to a regular file inside `root`.
fn read_inside(root: &Path, name: &str) -> Option<String> {
    let rel = PathBuf::from(name);
    if rel.is_absolute()
        || rel
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return None;
    }
    let path = std::fs::canonicalize(root.join(&rel)).ok()?;
    if !path.starts_with(root) {
        return None;
    }
    let meta = std::fs::metadata(&path).ok()?;
    if !meta.is_file() || meta.len() > MAX_TEMPLATE_BYTES {
        return None;
    }
    std::fs::read_to_string(&path).ok()
}

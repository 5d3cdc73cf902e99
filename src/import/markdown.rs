//! Markdown → blocks (pulldown-cmark): paragraphs and headings as lines (the heading marks are
//! markup), hard and soft breaks as new lines, tables as tables.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::Block;

pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut line = String::new();
    let mut table: Option<Vec<Vec<String>>> = None;
    let mut cell: Option<String> = None;
    let flush = |line: &mut String, out: &mut Vec<Block>| {
        for l in line.split('\n') {
            if !l.trim().is_empty() {
                out.push(Block::Line(l.to_string()));
            }
        }
        line.clear();
    };
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => {
                flush(&mut line, &mut out);
                table = Some(Vec::new());
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(t), Some(c)) = (table.as_mut(), cell.take()) {
                    if let Some(r) = t.last_mut() {
                        r.push(c);
                    }
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = table.take() {
                    out.push(Block::Table(t));
                }
            }
            Event::Text(t) | Event::Code(t) => match cell.as_mut() {
                Some(c) => c.push_str(&t),
                None => line.push_str(&t),
            },
            Event::SoftBreak | Event::HardBreak => match cell.as_mut() {
                Some(c) => c.push(' '),
                None => line.push('\n'),
            },
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                flush(&mut line, &mut out)
            }
            Event::Html(h) | Event::InlineHtml(h) if h.trim_start().starts_with("<br") => {
                line.push('\n');
            }
            _ => {}
        }
    }
    flush(&mut line, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_and_tables() {
        let b = blocks(
            "# 一、目标\n\n改造460户，\n其中甲。\n\n| 县 | 户数 |\n| --- | --- |\n| 甲 | 12 |\n",
        );
        assert_eq!(b[0], Block::Line("一、目标".into()));
        assert_eq!(b[1], Block::Line("改造460户，".into()));
        assert_eq!(b[2], Block::Line("其中甲。".into()));
        assert_eq!(
            b[3],
            Block::Table(vec![
                vec!["县".into(), "户数".into()],
                vec!["甲".into(), "12".into()]
            ])
        );
    }
}

//! Byte offsets ↔ LSP positions.
//!
//! The compiler's spans are byte offsets into the loaded text; LSP counts lines from 0 and
//! columns in UTF-16 code units (a Chinese character of the Basic Multilingual Plane is one
//! unit, a character outside it two). The text the server keeps is normalised as files are on
//! load (CRLF and lone CR become LF), which leaves every line and column where the editor
//! has it.

use lsp_types::{Position, Range};

use crate::diagnostics::Span;

/// Line starts of one text, for converting in both directions without a scan from the top.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The position of `byte` (clamped to the text, moved back to a character boundary).
    pub fn position(&self, text: &str, byte: usize) -> Position {
        let mut byte = byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= byte) - 1;
        let units: usize = text[self.starts[line]..byte]
            .chars()
            .map(char::len_utf16)
            .sum();
        Position::new(line as u32, units as u32)
    }

    /// The byte offset of `pos`: a line past the end means the end of the text, a column
    /// past the end of its line the end of the line, a column inside a surrogate pair the
    /// character's start.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(pos.line as usize + 1)
            .map_or(text.len(), |&next| next - 1);
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            units += c.len_utf16();
            if units > pos.character as usize {
                return start + i;
            }
        }
        end
    }

    /// The range a span covers.
    pub fn range(&self, text: &str, span: Span) -> Range {
        let span = span.clamp_to(text);
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_characters_are_one_unit_and_astral_ones_two() {
        let text = "指标 户数：460户\n「𠀀甲」\n";
        let index = LineIndex::new(text);
        // 户 of 户数 is the fourth character: column 3, however many bytes precede it.
        let hu = text.find("户数").unwrap();
        assert_eq!(index.position(text, hu), Position::new(0, 3));
        assert_eq!(index.offset(text, Position::new(0, 3)), hu);
        // 𠀀 (U+20000) takes two units, so 甲 is at column 3 of the second line.
        let jia = text.find('甲').unwrap();
        assert_eq!(index.position(text, jia), Position::new(1, 3));
        assert_eq!(index.offset(text, Position::new(1, 3)), jia);
        // Inside the surrogate pair means the character.
        assert_eq!(
            index.offset(text, Position::new(1, 2)),
            text.find('𠀀').unwrap()
        );
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "甲\n乙";
        let index = LineIndex::new(text);
        assert_eq!(index.offset(text, Position::new(0, 99)), "甲".len());
        assert_eq!(index.offset(text, Position::new(9, 0)), text.len());
        assert_eq!(index.position(text, 999), Position::new(1, 1));
        // A byte inside a character means that character.
        assert_eq!(index.position(text, 1), Position::new(0, 0));
    }
}

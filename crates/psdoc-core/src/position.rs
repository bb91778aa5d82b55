//! Byte offsets to 1-based lines and columns (columns count characters).

/// Line starts of a text, for turning byte offsets into positions.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// For a text that is not all ASCII: `(byte, characters before it)` at
    /// a character boundary about every [`CHECKPOINT`] bytes, so a column is
    /// counted from the nearest checkpoint rather than from the line's start
    /// (a pasted statement can be one line of megabytes with a reference in
    /// every few words). Empty for ASCII text, where characters are bytes.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between two character-count checkpoints.
const CHECKPOINT: usize = 4096;

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text));
        Self {
            starts,
            checkpoints: checkpoints(text),
        }
    }

    /// The position of byte `offset` (clamped to the text) in `text`.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = self.chars_before(text, offset) - self.chars_before(text, start) + 1;
        Position { line, column }
    }

    /// How many characters come before byte `offset` (a char boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        if self.checkpoints.is_empty() {
            return offset;
        }
        let i = self
            .checkpoints
            .partition_point(|&(byte, _)| byte <= offset);
        let (byte, chars) = self.checkpoints[i - 1];
        chars + text[byte..offset].chars().count()
    }

    /// The byte offset where 1-based `line` starts, if the text has it.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    /// The byte range of 1-based `line`, without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> Option<std::ops::Range<usize>> {
        let start = self.line_start(line)?;
        let mut end = self.starts.get(line).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        Some(start..end)
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// The checkpoints of a text that is not all ASCII (see [`LineIndex`]).
fn checkpoints(text: &str) -> Vec<(usize, usize)> {
    if text.is_ascii() {
        return Vec::new();
    }
    let mut out = vec![(0, 0)];
    let (mut byte, mut chars) = (0, 0);
    while byte + CHECKPOINT < text.len() {
        let next = floor_char_boundary(text, byte + CHECKPOINT);
        chars += text[byte..next].chars().count();
        byte = next;
        out.push((byte, chars));
    }
    out
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

/// The largest char boundary at or before `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Removes a UTF-8 byte order mark, as Windows editors write one.
pub fn strip_bom(text: String) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_with_crlf_and_unicode() {
        let text = "ab\r\nc’d E12\r\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), Position { line: 1, column: 1 });
        let e = text.find("E12").unwrap();
        assert_eq!(idx.position(text, e), Position { line: 2, column: 5 });
        assert_eq!(idx.line_range(text, 1), Some(0..2));
    }

    /// Columns on a line far longer than a checkpoint's span, with
    /// multi-byte characters before and across checkpoints, are the
    /// characters counted from the line's start.
    #[test]
    fn columns_on_a_long_line_count_characters() {
        let mut text = String::from("first line\n");
        for i in 0..3000 {
            text.push_str(if i % 7 == 0 { "é’ " } else { "E12 " });
        }
        text.push_str("\nlast");
        let idx = LineIndex::new(&text);
        let line_start = text.find('\n').unwrap() + 1;
        for (offset, _) in text.char_indices().step_by(97) {
            let expected = if offset < line_start {
                Position {
                    line: 1,
                    column: text[..offset].chars().count() + 1,
                }
            } else if offset <= text.rfind('\n').unwrap() {
                Position {
                    line: 2,
                    column: text[line_start..offset].chars().count() + 1,
                }
            } else {
                continue;
            };
            assert_eq!(idx.position(&text, offset), expected, "at byte {offset}");
        }
        let ascii = "x".repeat(10_000);
        assert_eq!(
            LineIndex::new(&ascii).position(&ascii, 9_999).column,
            10_000
        );
    }
}

//! The cells of Markdown tables (GitHub's pipe tables) inside a text, each with its
//! column's header and its row's label, so that a number under "CHI" is read as the
//! header says.
//!
//! A table is a header line, a delimiter line (`|---|:--:|`) and the lines after it up to
//! a blank line or a line without a pipe. Only texts holding a `|` are looked at, so
//! ordinary prose costs one `memchr`.

use std::ops::Range;

/// One body cell of a table: where its text is, its column's header and its row's label
/// (the text of the row's first cell, when this is not the first cell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TableCell<'t> {
    pub(crate) range: Range<usize>,
    pub(crate) header: &'t str,
    pub(crate) row_label: &'t str,
}

/// Every body cell of every pipe table in `text`.
pub(crate) fn cells(text: &str) -> Vec<TableCell<'_>> {
    let mut out = Vec::new();
    if memchr::memchr(b'|', text.as_bytes()).is_none() {
        return out;
    }
    let lines = lines(text);
    let mut i = 1;
    while i < lines.len() {
        if !is_delimiter(&text[lines[i].clone()]) || !text[lines[i - 1].clone()].contains('|') {
            i += 1;
            continue;
        }
        let header = split(text, lines[i - 1].clone());
        let mut j = i + 1;
        while j < lines.len() {
            let line = &text[lines[j].clone()];
            if line.trim().is_empty() || !line.contains('|') {
                break;
            }
            let row = split(text, lines[j].clone());
            let row_label = row.first().map_or("", |r| text[r.clone()].trim());
            for (c, range) in row.iter().enumerate() {
                out.push(TableCell {
                    range: range.clone(),
                    header: header.get(c).map_or("", |h| text[h.clone()].trim()),
                    row_label: if c == 0 { "" } else { row_label },
                });
            }
            j += 1;
        }
        i = j;
    }
    out
}

/// The byte ranges of the lines of `text`, without their line ends.
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let line_end = if end > start && text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        out.push(start..line_end);
        start = end + 1;
    }
    out.push(start..text.len());
    out
}

/// `|---|:--:|`, `--- | ---`: only pipes, dashes, colons and spaces, with a pipe and a dash.
fn is_delimiter(line: &str) -> bool {
    let t = line.trim();
    t.contains('|')
        && t.contains('-')
        && t.bytes()
            .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
}

/// The cells of one table line: the text between unescaped pipes, the outer pipes
/// optional.
fn split(text: &str, line: Range<usize>) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut start = line.start;
    let mut end = line.end;
    while start < end && bytes[start].is_ascii_whitespace() {
        start += 1;
    }
    if start < end && bytes[start] == b'|' {
        start += 1;
    }
    while end > start && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    if end > start && bytes[end - 1] == b'|' && (end < 2 || bytes[end - 2] != b'\\') {
        end -= 1;
    }
    let mut out = Vec::new();
    let mut cell = start;
    let mut i = start;
    while i < end {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i] == b'|' {
            out.push(cell..i);
            cell = i + 1;
        }
        i += 1;
    }
    out.push(cell..end.max(cell));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_know_their_header_and_row() {
        let text = "Intro\n\n| Child | CHI | Outcome |\n|---|---|---|\n| 1 | 0806307529 | Plan |\n| 2 | x \\| y | z |\n\nAfter | not a table\n";
        let cells = cells(text);
        let chi = cells
            .iter()
            .find(|c| text[c.range.clone()].trim() == "0806307529")
            .unwrap();
        assert_eq!(chi.header, "CHI");
        assert_eq!(chi.row_label, "1");
        assert_eq!(cells.len(), 6);
        assert_eq!(text[cells[4].range.clone()].trim(), "x \\| y");
    }

    #[test]
    fn no_pipes_no_tables() {
        assert!(cells("Plain prose - with dashes --- and more.").is_empty());
        assert!(cells("a | b\nno delimiter\n").is_empty());
        assert_eq!(cells("a | b\n--|--\n1 | 2").len(), 2);
    }
}

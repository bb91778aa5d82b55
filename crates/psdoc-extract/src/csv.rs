//! CSV as Excel and other tools save it: comma, semicolon (European Excel) or tab
//! separated, quoted fields that may hold separators and line breaks, an optional
//! `sep=;` first line.

use crate::model::{NotScanned, NotScannedKind, Table};

/// Tables are cut short beyond this many cells (the text is still scanned in full):
/// about 50 MB of empty cells, far beyond any real evidence table.
pub(crate) const MAX_TABLE_CELLS: usize = 2_000_000;

/// Parses `text` (already decoded, without a BOM) into a table. `delimiter` is
/// `None` to detect it from the first record.
pub(crate) fn table(text: &str, delimiter: Option<char>) -> (Table, Option<NotScanned>) {
    let mut text = text;
    let mut first_line = 1usize;
    let mut delimiter = delimiter;
    // Excel's `sep=;` hint line.
    if let Some(rest) = text.strip_prefix("sep=") {
        let mut chars = rest.chars();
        if let Some(d) = chars.next() {
            let after = chars.as_str();
            let after = after
                .strip_prefix("\r\n")
                .or_else(|| after.strip_prefix('\n'))
                .or_else(|| after.strip_prefix('\r'));
            if let Some(after) = after
                && d != '"'
            {
                delimiter = Some(d);
                text = after;
                first_line = 2;
            }
        }
    }
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(text));

    let mut rows = Vec::new();
    let mut row_numbers = Vec::new();
    let mut width = 0usize;
    let mut cells = 0usize;
    let mut truncated = false;
    for (line, record) in Records::new(text, delimiter, first_line) {
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        cells += record.len();
        if cells > MAX_TABLE_CELLS {
            truncated = true;
            break;
        }
        width = width.max(record.len());
        rows.push(record);
        row_numbers.push(line);
    }
    let note = truncated.then(|| {
        let last = row_numbers.last().copied().unwrap_or(first_line);
        NotScanned::new(
            NotScannedKind::OverLimit,
            format!(
                "the table is too large to check for small numbers after line {last} \
                 (over {MAX_TABLE_CELLS} cells); its text was scanned"
            ),
        )
    });
    let table = Table {
        sheet: None,
        rows,
        row_numbers,
        column_numbers: (1..=width).collect(),
        truncated,
    };
    (table, note)
}

/// The separator used most on the first line outside quotes: comma, semicolon or tab.
fn detect_delimiter(text: &str) -> char {
    let mut counts = [(',', 0usize), (';', 0), ('\t', 0)];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            c if !quoted => {
                for (d, n) in counts.iter_mut() {
                    if *d == c {
                        *n += 1;
                    }
                }
            }
            _ => {}
        }
    }
    let mut best = (',', 0usize);
    for (d, n) in counts {
        if n > best.1 {
            best = (d, n);
        }
    }
    best.0
}

/// An RFC 4180 record reader that tolerates what spreadsheets write: a quote in the
/// middle of an unquoted field is literal, text after a closing quote joins the field.
struct Records<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    delimiter: char,
    line: usize,
}

impl<'a> Records<'a> {
    fn new(text: &'a str, delimiter: char, first_line: usize) -> Self {
        Records {
            chars: text.chars().peekable(),
            delimiter,
            line: first_line,
        }
    }
}

impl Iterator for Records<'_> {
    /// The 1-based line where the record starts, and its fields.
    type Item = (usize, Vec<String>);

    fn next(&mut self) -> Option<Self::Item> {
        self.chars.peek()?;
        let start = self.line;
        let mut record = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut at_field_start = true;
        while let Some(c) = self.chars.next() {
            if quoted {
                match c {
                    '"' if self.chars.peek() == Some(&'"') => {
                        self.chars.next();
                        field.push('"');
                    }
                    '"' => quoted = false,
                    '\r' => {
                        if self.chars.peek() == Some(&'\n') {
                            self.chars.next();
                        }
                        self.line += 1;
                        field.push('\n');
                    }
                    '\n' => {
                        self.line += 1;
                        field.push('\n');
                    }
                    c => field.push(c),
                }
                continue;
            }
            match c {
                '"' if at_field_start => {
                    quoted = true;
                    at_field_start = false;
                }
                '\r' | '\n' => {
                    if c == '\r' && self.chars.peek() == Some(&'\n') {
                        self.chars.next();
                    }
                    self.line += 1;
                    record.push(field);
                    return Some((start, record));
                }
                c if c == self.delimiter => {
                    record.push(std::mem::take(&mut field));
                    at_field_start = true;
                }
                c => {
                    field.push(c);
                    at_field_start = false;
                }
            }
        }
        record.push(field);
        Some((start, record))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        table(text, None).0.rows
    }

    #[test]
    fn quoting_and_delimiters() {
        assert_eq!(rows("a,b\n1,2\n"), vec![vec!["a", "b"], vec!["1", "2"]]);
        assert_eq!(
            rows("a;b\r\n1;\"x;y\"\r\n"),
            vec![vec!["a", "b"], vec!["1", "x;y"]]
        );
        assert_eq!(rows("a\tb\n1\t2"), vec![vec!["a", "b"], vec!["1", "2"]]);
        assert_eq!(rows("\"a \"\"q\"\"\",b"), vec![vec!["a \"q\"", "b"]]);
        assert_eq!(rows("sep=;\na;b,c\n"), vec![vec!["a", "b,c"]]);
    }

    #[test]
    fn line_numbers_of_records() {
        let (t, _) = table("h1,h2\n\n\"multi\nline\",x\nlast,1\n", None);
        assert_eq!(t.row_numbers, vec![1, 3, 5]);
        assert_eq!(t.rows[1][0], "multi\nline");
        let (t, _) = table("sep=,\nh\nv\n", None);
        assert_eq!(t.row_numbers, vec![2, 3]);
    }
}

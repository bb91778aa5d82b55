//! CSV as Excel and other tools save it: comma, semicolon (European Excel) or tab
//! separated, quoted fields that may hold separators and line breaks, an optional
//! `sep=;` first line. Records are read by the `csv` crate; each non-empty cell is a
//! unit of its own, with its line and column in the file and its column's header and
//! row's label, so that a number under "CHI" is read as the header says.

use crate::model::{Location, NotScanned, NotScannedKind, Table, TextUnit};

/// Tables are cut short beyond this many cells (the text is still scanned in full):
/// about 50 MB of empty cells, far beyond any real evidence table.
pub(crate) const MAX_TABLE_CELLS: usize = 2_000_000;

/// A CSV file read: a unit per non-empty cell, the table, and a note when the table
/// was cut short.
pub(crate) struct Read {
    pub(crate) units: Vec<TextUnit>,
    pub(crate) table: Table,
    pub(crate) note: Option<NotScanned>,
}

/// Parses `text` (already decoded, without a BOM). `delimiter` is `None` to detect it
/// from the first record.
pub(crate) fn read(text: &str, delimiter: Option<char>) -> Read {
    let (body, first_line, hinted) = strip_sep_line(text);
    let delimiter = delimiter
        .or(hinted)
        .unwrap_or_else(|| detect_delimiter(body));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(u8::try_from(delimiter).unwrap_or(b','))
        .from_reader(body.as_bytes());

    let mut units = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row_numbers = Vec::new();
    let mut width = 0usize;
    let mut cells = 0usize;
    let mut truncated = false;
    let mut record = csv::StringRecord::new();
    let mut header: Option<Vec<String>> = None;
    // Invalid UTF-8 cannot happen (the text is a `str`); stop at anything else.
    while let Ok(true) = reader.read_record(&mut record) {
        // Where the record starts (blank lines before it skipped).
        let mut start = (record.position().map_or(0, |p| p.byte() as usize)).min(body.len());
        while body[start..].starts_with(['\r', '\n']) {
            start += 1;
        }
        let line = first_line + body[..start.min(body.len())].matches('\n').count();
        let fields: Vec<String> = record
            .iter()
            .map(|f| {
                if f.contains('\r') {
                    f.replace("\r\n", "\n").replace('\r', "\n")
                } else {
                    f.to_owned()
                }
            })
            .collect();
        if fields.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let end = reader.position().byte() as usize;
        let starts = field_starts(&body[start.min(body.len())..end.min(body.len())], delimiter);
        for (c, field) in fields.iter().enumerate() {
            if field.trim().is_empty() {
                continue;
            }
            let offset = start + starts.get(c).copied().unwrap_or(0);
            let mut unit = TextUnit::new(field.clone(), cell_location(body, offset, first_line));
            if let Some(header) = &header {
                unit.labels.push(header.get(c).cloned().unwrap_or_default());
            }
            if c > 0 {
                unit.labels.push(fields[0].clone());
            }
            units.push(unit);
        }
        if truncated {
            continue;
        }
        cells += fields.len();
        if cells > MAX_TABLE_CELLS {
            truncated = true;
            continue;
        }
        width = width.max(fields.len());
        if header.is_none() {
            header = Some(fields.clone());
        }
        rows.push(fields);
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
    Read {
        units,
        table: Table {
            sheet: None,
            rows,
            row_numbers,
            column_numbers: (1..=width).collect(),
            truncated,
        },
        note,
    }
}

/// Excel's `sep=;` hint line: the text after it, the line it starts on, the delimiter.
fn strip_sep_line(text: &str) -> (&str, usize, Option<char>) {
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
                && d.is_ascii()
            {
                return (after, 2, Some(d));
            }
        }
    }
    (text, 1, None)
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

/// The byte offset in `raw` (one record as written) where each field's text starts:
/// after its opening quote when it has one.
fn field_starts(raw: &str, delimiter: char) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at_start = true;
    let mut quoted = false;
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if at_start {
            at_start = false;
            if c == '"' {
                out.push(i + 1);
                quoted = true;
                continue;
            }
            out.push(i);
        }
        if quoted {
            if c == '"' {
                if chars.peek().is_some_and(|&(_, n)| n == '"') {
                    chars.next();
                } else {
                    quoted = false;
                }
            }
            continue;
        }
        if c == delimiter {
            at_start = true;
        } else if c == '\n' || c == '\r' {
            break;
        }
    }
    if at_start {
        out.push(raw.len());
    }
    out
}

/// The line and column (in characters, 1-based) of byte `offset` of `body`.
fn cell_location(body: &str, offset: usize, first_line: usize) -> Location {
    let offset = offset.min(body.len());
    let head = &body[..offset];
    let line_start = head.rfind('\n').map_or(0, |i| i + 1);
    Location::CsvCell {
        line: first_line + head.matches('\n').count(),
        column: head[line_start..].trim_start_matches('\r').chars().count() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        read(text, None).table.rows
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
        let t = read("h1,h2\n\n\"multi\nline\",x\nlast,1\n", None).table;
        assert_eq!(t.row_numbers, vec![1, 3, 5]);
        assert_eq!(t.rows[1][0], "multi\nline");
        let t = read("sep=,\nh\nv\n", None).table;
        assert_eq!(t.row_numbers, vec![2, 3]);
    }

    #[test]
    fn cells_are_units_with_their_place_and_labels() {
        let r = read("Child,CHI\nA,\"0806307529\"\nB, 1904851232\n", None);
        let chi = r.units.iter().find(|u| u.text == "0806307529").unwrap();
        assert_eq!(chi.location, Location::CsvCell { line: 2, column: 4 });
        assert_eq!(chi.labels, ["CHI", "A"]);
        let second = r.units.iter().find(|u| u.text == " 1904851232").unwrap();
        assert_eq!(second.location, Location::CsvCell { line: 3, column: 3 });
        // The header row's cells have no header of their own.
        assert!(r.units[0].labels.is_empty());
    }
}

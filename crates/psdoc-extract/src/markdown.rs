//! Markdown files as they sit among the evidence (notes, exported tables):
//! a unit per line, except in pipe tables (`| CHI | Seen |` over
//! `|---|---|`), where each cell is a unit of its own with its column's
//! header and its row's label, as in a CSV file, and the table is kept for
//! the small-number checks. A number under "CHI" is then read as the header
//! says, in an evidence file as in a chapter of the statement.

use crate::csv::MAX_TABLE_CELLS;
use crate::model::{Location, NotScanned, NotScannedKind, Table, TextUnit};
use crate::text::lines;

/// A Markdown file read: its units, its pipe tables, and a note when a
/// table was cut short.
pub(crate) struct Read {
    pub(crate) units: Vec<TextUnit>,
    pub(crate) tables: Vec<Table>,
    pub(crate) note: Option<NotScanned>,
}

/// A cell of a table row: its text (trimmed) and its 1-based column of
/// characters on the line.
struct Cell<'a> {
    text: &'a str,
    column: usize,
}

pub(crate) fn read(text: &str) -> Read {
    let all: Vec<(usize, &str)> = lines(text).collect();
    let mut units = Vec::new();
    let mut tables = Vec::new();
    let mut cells = 0usize;
    let mut truncated = false;
    let mut i = 0;
    while i < all.len() {
        let (number, line) = all[i];
        let starts_table = all
            .get(i + 1)
            .is_some_and(|&(_, next)| is_delimiter_row(next))
            && line.contains('|');
        if !starts_table {
            if !line.trim().is_empty() {
                units.push(TextUnit::new(line, Location::Line(number)));
            }
            i += 1;
            continue;
        }
        let header: Vec<String> = split_row(line).iter().map(|c| c.text.to_owned()).collect();
        units.push(TextUnit::new(line, Location::Line(number)));
        let mut table = Table {
            sheet: None,
            rows: vec![header.clone()],
            row_numbers: vec![number],
            column_numbers: Vec::new(),
            truncated: false,
        };
        let mut width = header.len();
        i += 2;
        while let Some(&(number, line)) = all.get(i) {
            if line.trim().is_empty() || !line.contains('|') {
                break;
            }
            let row = split_row(line);
            for (c, cell) in row.iter().enumerate() {
                if cell.text.is_empty() {
                    continue;
                }
                let mut unit = TextUnit::new(
                    cell.text,
                    Location::CsvCell {
                        line: number,
                        column: cell.column,
                    },
                );
                unit.labels.push(header.get(c).cloned().unwrap_or_default());
                if c > 0 {
                    unit.labels.push(row[0].text.to_owned());
                }
                units.push(unit);
            }
            cells += row.len();
            if cells > MAX_TABLE_CELLS {
                truncated = true;
                table.truncated = true;
            }
            if !table.truncated {
                width = width.max(row.len());
                table
                    .rows
                    .push(row.iter().map(|c| c.text.to_owned()).collect());
                table.row_numbers.push(number);
            }
            i += 1;
        }
        table.column_numbers = (1..=width).collect();
        tables.push(table);
    }
    let note = truncated.then(|| {
        NotScanned::new(
            NotScannedKind::OverLimit,
            format!(
                "a table is too large to check for small numbers (over {MAX_TABLE_CELLS} \
                 cells); its text was scanned"
            ),
        )
    });
    Read {
        units,
        tables,
        note,
    }
}

/// `|---|:---:|`, `--- | ---`: a pipe table's delimiter row.
fn is_delimiter_row(line: &str) -> bool {
    let trimmed = line.trim();
    if !trimmed.contains('-')
        || !trimmed
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    {
        return false;
    }
    split_row(line).iter().all(|cell| {
        let dashes = cell.text.trim_start_matches(':').trim_end_matches(':');
        !dashes.is_empty() && dashes.chars().all(|c| c == '-')
    })
}

/// The cells of a table row: the outer pipes left out, `\|` kept inside a
/// cell.
fn split_row(line: &str) -> Vec<Cell<'_>> {
    let mut start = line.len() - line.trim_start().len();
    let mut end = line.trim_end().len();
    if line[start..end].starts_with('|') {
        start += 1;
    }
    if end > start && line[start..end].ends_with('|') && !line[start..end].ends_with("\\|") {
        end -= 1;
    }
    let mut out = Vec::new();
    let mut cell_start = start;
    let bytes = line.as_bytes();
    let mut at = start;
    while at <= end {
        if at == end || (bytes[at] == b'|' && (at == 0 || bytes[at - 1] != b'\\')) {
            let raw = &line[cell_start..at];
            let lead = raw.len() - raw.trim_start().len();
            let text = raw.trim();
            out.push(Cell {
                text,
                column: line[..cell_start + lead].chars().count() + 1,
            });
            cell_start = at + 1;
        }
        at += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_cells_are_units_with_their_header_and_row_label() {
        let text = "# Clinic list\n\n| Child | CHI | Seen |\n|---|:---:|---|\n| A | 2103151234 | 04/05/2024 |\n\nAfter the table.\n";
        let read = read(text);
        let chi = read
            .units
            .iter()
            .find(|u| u.text == "2103151234")
            .expect("the CHI cell is a unit");
        assert_eq!(chi.labels, ["CHI", "A"]);
        assert_eq!(chi.location, Location::CsvCell { line: 5, column: 7 });
        assert!(
            read.units
                .iter()
                .any(|u| u.text == "After the table." && u.location == Location::Line(7))
        );
        assert!(!read.units.iter().any(|u| u.text.contains("---")));
        assert_eq!(read.tables.len(), 1);
        assert_eq!(read.tables[0].rows[1], ["A", "2103151234", "04/05/2024"]);
        assert_eq!(read.tables[0].row_numbers, [3, 5]);
    }

    #[test]
    fn lines_with_pipes_that_are_not_tables_stay_lines() {
        let read = read("a | b\nno delimiter row here\n| x |\n");
        assert_eq!(read.units.len(), 3);
        assert!(read.tables.is_empty());
        assert!(read.units.iter().all(|u| u.labels.is_empty()));
    }

    #[test]
    fn tables_without_outer_pipes_and_escaped_pipes() {
        let read = read("Name | Note\n--- | ---\nAmelia | a \\| b\n");
        let note = read.units.iter().find(|u| u.text == "a \\| b").unwrap();
        assert_eq!(note.labels, ["Note", "Amelia"]);
    }
}

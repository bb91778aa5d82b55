//! An `.xlsx` document log: the first sheet, a header row, one row per document.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::cells::{Cell, Grid, Header, TableRows, date_text};
use super::{DocumentLog, LogError};
use crate::date::Date;

struct XlsxGrid<'a> {
    file: &'a str,
    /// Column index of the range's first column in the sheet.
    first_column: usize,
}

/// `A`, `B`, ..., `Z`, `AA` for a 0-based column.
pub fn column_letters(column: usize) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

impl Grid for XlsxGrid<'_> {
    fn file(&self) -> &str {
        self.file
    }
    fn place(&self, row: usize, column: usize) -> (Option<usize>, Option<usize>) {
        (Some(row), Some(self.first_column + column + 1))
    }
    fn cell_note(&self, row: usize, column: usize) -> String {
        format!(
            " (cell {}{row})",
            column_letters(self.first_column + column)
        )
    }
    fn column_name(&self, column: usize) -> String {
        format!("column {}", column_letters(self.first_column + column))
    }
}

/// Parses an `.xlsx` log: the first sheet, whose first non-empty row names the columns
/// as in a CSV log. Dates may be real Excel dates or text; numbers may be numbers or
/// text. A document's `line` is its row number in the sheet; errors give the row and
/// the column number, and name the cell (`C5`).
pub fn parse_xlsx_log(path_for_messages: &str, bytes: &[u8]) -> Result<DocumentLog, LogError> {
    parse_xlsx_log_with_items(path_for_messages, bytes, super::CORE_ITEMS)
}

/// [`parse_xlsx_log`] for a guidance whose core document request has `core_items` items.
pub fn parse_xlsx_log_with_items(
    path_for_messages: &str,
    bytes: &[u8],
    core_items: u8,
) -> Result<DocumentLog, LogError> {
    // The workbook reader is a third party's parser of untrusted input: its
    // panics (an overflow on a cell reference of many letters, in a debug
    // build) are a damaged workbook, not a crash.
    let read = std::panic::catch_unwind(|| read(path_for_messages, bytes, core_items));
    let (log, errors) = read.unwrap_or_else(|_| {
        let message = "cannot read the workbook (it is damaged): save the log from Excel as an .xlsx workbook, or as CSV";
        let log = DocumentLog {
            path: path_for_messages.to_string(),
            documents: Vec::new(),
        };
        (log, vec![LogError::new(path_for_messages, None, None, message.into())])
    });
    match LogError::collect(errors) {
        Some(error) => Err(error),
        None => Ok(log),
    }
}

fn cell(data: &Data) -> Option<Cell<'_>> {
    Some(match data {
        Data::Empty => return None,
        Data::String(s) if s.trim().is_empty() => return None,
        Data::String(s) => Cell::Text(s),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            match Date::new(i32::from(y), m, d) {
                Some(date) => Cell::Date(date),
                None => Cell::Invalid(format!("the date {y:04}-{m:02}-{d:02}")),
            }
        }
        Data::DateTime(dt) => Cell::Invalid(format!("the duration {}", dt.as_f64())),
        Data::DateTimeIso(s) => match date_text(s) {
            Some(date) => Cell::Date(date),
            None => Cell::Invalid(format!("{s:?}")),
        },
        Data::DurationIso(s) => Cell::Invalid(format!("the duration {s}")),
        Data::Error(e) => Cell::Invalid(format!("the spreadsheet error {e}")),
    })
}

pub(crate) fn read(file: &str, bytes: &[u8], core_items: u8) -> (DocumentLog, Vec<LogError>) {
    let log = DocumentLog {
        path: file.to_string(),
        documents: Vec::new(),
    };
    let fail = |message: String| vec![LogError::new(file, None, None, message)];
    let mut workbook: Xlsx<_> = match Xlsx::new(Cursor::new(bytes)) {
        Ok(w) => w,
        Err(e) => {
            return (
                log,
                fail(format!(
                    "cannot read the workbook ({e}): save the log from Excel as an .xlsx workbook, or as CSV"
                )),
            );
        }
    };
    let Some(sheet) = workbook.sheet_names().first().cloned() else {
        return (
            log,
            fail("the workbook has no sheet: put the log on its first sheet".into()),
        );
    };
    let sheet = match sheet_cells(&mut workbook, &sheet) {
        Ok(cells) => cells,
        Err(e) => {
            return (
                log,
                fail(format!("cannot read the first sheet of the workbook: {e}")),
            );
        }
    };
    let first_row = sheet.first().map(|((row, _), _)| *row);
    let first_column = sheet.iter().map(|((_, column), _)| *column).min();
    let (Some(_), Some(first_column)) = (first_row, first_column) else {
        return (
            log,
            fail("the first sheet is empty: its first row names the columns (id, title, url, file, date, until, core, series, body, public), then one row per document".into()),
        );
    };
    // Spreadsheet logs often show a name and keep the address in a hyperlink.
    let links: Vec<(calamine::Dimensions, String)> = workbook
        .hyperlinks_by_sheet_id(0)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|link| Some((link.range, link.target?)))
        .collect();
    let link_at = |row: u32, column: u32| {
        links
            .iter()
            .find(|(range, _)| {
                (range.start.0..=range.end.0).contains(&row)
                    && (range.start.1..=range.end.1).contains(&column)
            })
            .map(|(_, target)| target.as_str())
    };
    let grid = XlsxGrid {
        file,
        first_column: first_column as usize,
    };
    let mut rows = TableRows::new(&grid, core_items);
    for row in sheet.chunk_by(|((a, _), _), ((b, _), _)| a == b) {
        let row_number = row[0].0.0 as usize + 1;
        let cells: Vec<(usize, Cell<'_>)> = row
            .iter()
            .filter_map(|((_, column), data)| {
                cell(data).map(|c| ((column - first_column) as usize, c))
            })
            .collect();
        if cells.is_empty() {
            continue;
        }
        let names = |cells: &[(usize, Cell<'_>)]| {
            cells
                .iter()
                .map(|(i, c)| {
                    let name = match c {
                        Cell::Text(s) => s.to_string(),
                        Cell::Number(n) => n.to_string(),
                        other => format!("{other:?}"),
                    };
                    (*i, name)
                })
                .collect()
        };
        let link = |column: usize| link_at(row_number as u32 - 1, first_column + column as u32);
        let hyperlinks = |h: &Header, cells: &mut Vec<_>| {
            let Some(url_column) = h.column_of("url") else {
                return;
            };
            match cells.iter().position(|(c, _)| *c == url_column) {
                // A url cell showing a name: its hyperlink is the address.
                Some(i) => {
                    if let (Cell::Text(text), Some(target)) = (&cells[i].1, link(url_column))
                        && !text.contains("://")
                    {
                        cells[i].1 = Cell::Text(target);
                    }
                }
                // No url, no file, and a title linked to a web page: that is the url.
                None => {
                    let has_file = h
                        .column_of("file")
                        .is_some_and(|f| cells.iter().any(|(c, _)| *c == f));
                    let target = h
                        .column_of("title")
                        .and_then(link)
                        .filter(|t| t.starts_with("http://") || t.starts_with("https://"));
                    if let (false, Some(target)) = (has_file, target) {
                        cells.push((url_column, Cell::Text(target)));
                    }
                }
            }
        };
        if !rows.read(row_number, cells, names, hyperlinks) {
            return rows.stop();
        }
    }
    rows.finish()
}

/// A cell of a sheet: its (row, column), 0-based, and its value.
type SheetCell = ((u32, u32), Data);

/// The non-empty cells of a sheet, by row then column, read one by one: a
/// grid from the first to the last would be 17 billion cells for a sheet
/// with a stray value in Excel's last cell, XFD1048576.
fn sheet_cells(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    sheet: &str,
) -> Result<Vec<SheetCell>, calamine::XlsxError> {
    let mut reader = match workbook.worksheet_cells_reader(sheet) {
        Ok(reader) => reader,
        // A chart sheet first: no cells.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell()? {
        if !matches!(cell.get_value(), calamine::DataRef::Empty) {
            cells.push((cell.get_position(), Data::from(cell.get_value().clone())));
        }
    }
    cells.sort_by_key(|(position, _)| *position);
    // A cell written twice: the later value, as a grid would keep it.
    cells.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same {
            std::mem::swap(later, earlier);
        }
        same
    });
    Ok(cells)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

    #[test]
    fn letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    fn workbook(build: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
        let mut wb = Workbook::new();
        let sheet = wb.add_worksheet();
        build(sheet);
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn a_stray_value_in_the_last_cell_is_read_without_a_grid() {
        // B2 to XFD1048576 as a grid would be 17 billion cells.
        let bytes = workbook(|s| {
            s.write_string(1, 1, "id").unwrap();
            s.write_string(1, 2, "title").unwrap();
            s.write_number(2, 1, 7).unwrap();
            s.write_string(2, 2, "Audit").unwrap();
            s.write_string(1_048_575, 16_383, "stray").unwrap();
        });
        let e = parse_xlsx_log("evidence/log.xlsx", &bytes).unwrap_err();
        assert!(
            e.to_string().starts_with("evidence/log.xlsx:1048576:"),
            "{e}"
        );
        let bytes = workbook(|s| {
            s.write_string(1, 1, "id").unwrap();
            s.write_string(1, 2, "title").unwrap();
            s.write_number(2, 1, 7).unwrap();
            s.write_string(2, 2, "Audit").unwrap();
        });
        let log = parse_xlsx_log("evidence/log.xlsx", &bytes).unwrap();
        assert_eq!((log.documents[0].id, log.documents[0].line), (7, 3));
    }

    #[test]
    fn a_log_written_by_a_spreadsheet() {
        let bytes = workbook(|s| {
            let date = Format::new().set_num_format("dd/mm/yyyy");
            for (c, name) in [
                "ID", "Title", "url", "file", "date", "until", "core", "public", "body",
            ]
            .iter()
            .enumerate()
            {
                s.write_string(0, c as u16, *name).unwrap();
            }
            s.write_number(1, 0, 1).unwrap();
            s.write_string(1, 1, "Children’s services plan 2023–26 £")
                .unwrap();
            s.write_string(1, 2, "https://example.org/csp.pdf").unwrap();
            s.write_datetime_with_format(1, 4, ExcelDateTime::from_ymd(2023, 4, 1).unwrap(), &date)
                .unwrap();
            s.write_string(1, 5, "31/03/2026").unwrap();
            s.write_number(1, 6, 8).unwrap();
            // Row 3 left blank.
            s.write_string(3, 0, "2").unwrap();
            s.write_string(3, 1, "Minutes of the COG, March").unwrap();
            s.write_string(3, 3, "minutes/cog-2025-03.pdf").unwrap();
            s.write_datetime_with_format(
                3,
                4,
                ExcelDateTime::from_ymd(2024, 2, 29).unwrap(),
                &date,
            )
            .unwrap();
            s.write_string(3, 6, "7; 4").unwrap();
            s.write_boolean(3, 7, false).unwrap();
            s.write_string(3, 8, "COG").unwrap();
        });
        let log = parse_xlsx_log("evidence/log.xlsx", &bytes).unwrap_or_else(|e| panic!("{e}"));
        let [a, b] = &log.documents[..] else {
            panic!("{log:?}")
        };
        assert_eq!(a.id, 1);
        assert_eq!(a.title, "Children’s services plan 2023–26 £");
        assert!(a.public);
        assert_eq!(a.date, Date::new(2023, 4, 1));
        assert_eq!(a.until, Date::new(2026, 3, 31));
        assert_eq!(a.core, vec![8]);
        assert_eq!(a.line, 2);
        assert_eq!(b.id, 2);
        assert_eq!(b.line, 4);
        assert_eq!(b.date, Date::new(2024, 2, 29));
        assert_eq!(b.core, vec![7, 4]);
        assert!(!b.public);
        assert_eq!(b.body.as_deref(), Some("COG"));
        assert_eq!(b.key_lines.get("file"), Some(&4));
    }

    #[test]
    fn hyperlinks_give_the_address() {
        use rust_xlsxwriter::Url;
        let bytes = workbook(|s| {
            for (c, name) in ["id", "title", "url", "file"].iter().enumerate() {
                s.write_string(0, c as u16, *name).unwrap();
            }
            s.write_number(1, 0, 1).unwrap();
            s.write_string(1, 1, "Plan").unwrap();
            s.write_url_with_text(1, 2, Url::new("https://example.org/plan.pdf"), "the plan")
                .unwrap();
            s.write_number(2, 0, 2).unwrap();
            s.write_url_with_text(2, 1, Url::new("https://example.org/report"), "Report")
                .unwrap();
            s.write_number(3, 0, 3).unwrap();
            s.write_string(3, 1, "Audit").unwrap();
            s.write_string(3, 2, "https://example.org/shown").unwrap();
            s.write_number(4, 0, 4).unwrap();
            s.write_url_with_text(4, 1, Url::new("https://example.org/x"), "Local")
                .unwrap();
            s.write_string(4, 3, "audits/local.pdf").unwrap();
        });
        let log = parse_xlsx_log("log.xlsx", &bytes).unwrap_or_else(|e| panic!("{e}"));
        let urls: Vec<_> = log.documents.iter().map(|d| d.url.as_deref()).collect();
        assert_eq!(
            urls,
            [
                Some("https://example.org/plan.pdf"),
                Some("https://example.org/report"),
                Some("https://example.org/shown"),
                None
            ]
        );
        assert_eq!(log.documents[1].title, "Report");
        assert!(log.documents[1].public);
    }

    #[test]
    fn errors_name_the_cell() {
        let bytes = workbook(|s| {
            s.write_string(1, 1, "id").unwrap();
            s.write_string(1, 2, "title").unwrap();
            s.write_string(1, 3, "date").unwrap();
            s.write_number(2, 1, 5).unwrap();
            s.write_string(2, 2, "Plan").unwrap();
            s.write_number(2, 3, 45565).unwrap();
            s.write_number(3, 1, 6.5).unwrap();
            s.write_string(3, 2, "Report").unwrap();
        });
        let e = parse_xlsx_log("evidence/log.xlsx", &bytes).unwrap_err();
        assert_eq!(
            e.to_string(),
            "evidence/log.xlsx:3:4: document 5: `date` (cell D3) must be a date like 2024-09-30 or 30/09/2024 (found the number 45565): format the cell as a date or write the date as text (and 1 more problem in the log)"
        );
        assert_eq!((e.more[0].line, e.more[0].column), (Some(4), Some(2)));
        assert!(
            e.more[0]
                .message
                .contains("`id` (cell B4) must be a whole number"),
            "{}",
            e.more[0]
        );

        let bytes = workbook(|s| {
            s.write_string(0, 0, "id").unwrap();
            s.write_string(0, 1, "name").unwrap();
        });
        let e = parse_xlsx_log("evidence/log.xlsx", &bytes).unwrap_err();
        assert_eq!((e.line, e.column), (Some(1), Some(2)));
        assert!(e.message.contains("unknown column `name`"), "{e}");

        let e = parse_xlsx_log("evidence/log.xlsx", &workbook(|_| {})).unwrap_err();
        assert!(e.message.contains("the first sheet is empty"), "{e}");

        let e = parse_xlsx_log("evidence/log.xlsx", b"not a zip").unwrap_err();
        assert!(e.message.starts_with("cannot read the workbook"), "{e}");
    }
}

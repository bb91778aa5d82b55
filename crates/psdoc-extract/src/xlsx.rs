//! Excel workbooks (`.xlsx`, `.xlsm`): every worksheet, hidden ones included, a unit
//! per non-empty cell and per cell comment, and a table per sheet. Values are shown
//! as a person reads them: numbers without float noise (`12`, not `12.0`), dates
//! as `DD/MM/YYYY`, percentages as `25%`.

use std::collections::BTreeMap;
use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};

use crate::csv::MAX_TABLE_CELLS;
use crate::model::{
    Extracted, Format, Limits, Location, NotScanned, NotScannedKind, Table, TextUnit, cell_name,
};
use crate::office::{Dialect, push_parts};
use crate::package::{embedded_note, main_part, part_order, part_relationships};
use crate::text::push_document_text;
use crate::xml::{attr, local, name_of, next, push_ref, reader};
use crate::zipped::{Archive, MemberError, resolve};

pub(crate) fn xlsx(bytes: &[u8], limits: &Limits, ext: &str) -> Result<Extracted, NotScanned> {
    let mut zip = Archive::open(bytes, limits, ext)?;
    let workbook_path = main_part(&mut zip, "xl/workbook.xml")?;
    if !zip.has(&workbook_path) {
        return Err(NotScanned::new(
            NotScannedKind::Corrupt,
            format!("not an Excel workbook: {workbook_path} is missing (corrupt {ext}?)"),
        ));
    }
    let workbook = zip.parse(&workbook_path, |r| read_workbook(r))?;
    let rels = part_relationships(&mut zip, &workbook_path)?;
    let target_of = |kind: &str, fallback: &str| -> String {
        rels.iter()
            .find(|r| r.kind.ends_with(kind) && !r.external)
            .map(|r| resolve(&workbook_path, &r.target))
            .unwrap_or_else(|| fallback.to_owned())
    };
    let strings_path = target_of("/sharedStrings", "xl/sharedStrings.xml");
    let shared = if zip.has(&strings_path) {
        zip.parse(&strings_path, |r| read_shared_strings(r))?
    } else {
        Vec::new()
    };
    let styles_path = target_of("/styles", "xl/styles.xml");
    let styles = if zip.has(&styles_path) {
        zip.parse(&styles_path, |r| read_styles(r))?
    } else {
        Vec::new()
    };

    let mut units = Vec::new();
    let mut tables = Vec::new();
    let mut incomplete = Vec::new();
    for sheet in &workbook.sheets {
        let Some(rel) = rels.iter().find(|r| r.id == sheet.rel_id && !r.external) else {
            continue;
        };
        if !rel.kind.ends_with("/worksheet") {
            continue; // chart sheets and dialog sheets hold no cells
        }
        let path = resolve(&workbook_path, &rel.target);
        if !zip.has(&path) {
            continue;
        }
        let context = CellContext {
            shared: &shared,
            styles: &styles,
            date1904: workbook.date1904,
        };
        let cells = zip.parse(&path, |r| read_sheet(r, &context))?;

        let sheet_rels = part_relationships(&mut zip, &path)?;
        let mut comments = Vec::new();
        for rel in sheet_rels
            .iter()
            .filter(|r| r.kind.ends_with("/comments") && !r.external)
        {
            let comments_path = resolve(&path, &rel.target);
            if zip.has(&comments_path) {
                comments.extend(zip.parse(&comments_path, |r| read_comments(r))?);
            }
        }

        // The first row with a value is the header; a row's first value is its label.
        let header_row = cells.first().map_or(0, |c| c.row);
        let header: BTreeMap<usize, &str> = cells
            .iter()
            .take_while(|c| c.row == header_row)
            .map(|c| (c.col, c.text.as_str()))
            .collect();
        let mut row_label: (usize, usize, &str) = (0, 0, "");
        for cell in &cells {
            if row_label.0 != cell.row {
                row_label = (cell.row, cell.col, cell.text.as_str());
            }
            let mut unit = TextUnit::new(
                cell.text.clone(),
                Location::Cell {
                    sheet: sheet.name.clone(),
                    cell: cell_name(cell.col, cell.row),
                    row: cell.row,
                },
            );
            if cell.row > header_row {
                unit.labels.push(
                    header
                        .get(&cell.col)
                        .copied()
                        .unwrap_or_default()
                        .to_owned(),
                );
            }
            if cell.col > row_label.1 {
                unit.labels.push(row_label.2.to_owned());
            }
            units.push(unit);
        }
        for (reference, text) in comments {
            let (col, row) = parse_ref(&reference).unwrap_or((1, 1));
            units.push(TextUnit::new(
                text,
                Location::Cell {
                    sheet: sheet.name.clone(),
                    cell: cell_name(col, row),
                    row,
                },
            ));
        }
        if let Some((table, note)) = build_table(&sheet.name, cells) {
            tables.push(table);
            incomplete.extend(note);
        }
    }
    // Text boxes and shapes drawn over the sheets hold text that is in no cell.
    let mut drawings: Vec<(String, Dialect)> = zip
        .names()
        .iter()
        .filter(|n| {
            n.strip_prefix("xl/drawings/drawing")
                .is_some_and(|rest| rest.ends_with(".xml") && !rest.contains('/'))
        })
        .map(|n| (n.clone(), Dialect::Drawing))
        .collect();
    drawings.sort_by_key(|(n, _)| part_order(n));
    push_parts(
        &mut zip,
        &mut units,
        drawings,
        &std::collections::HashSet::new(),
    )?;
    incomplete.extend(embedded_note(zip.names(), "xl/embeddings/"));
    Ok(Extracted {
        format: Format::Xlsx,
        units,
        tables,
        incomplete,
    })
}

struct Workbook {
    sheets: Vec<SheetEntry>,
    date1904: bool,
}

struct SheetEntry {
    name: String,
    rel_id: String,
}

fn read_workbook(input: &mut dyn BufRead) -> Result<Workbook, MemberError> {
    let mut xml = reader(input);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut wb = Workbook {
        sheets: Vec::new(),
        date1904: false,
    };
    loop {
        match next(&mut xml, &mut buf, &mut depth)? {
            Event::Start(e) | Event::Empty(e) => match name_of(&e).as_str() {
                "sheet" => wb.sheets.push(SheetEntry {
                    name: attr(&e, "name").unwrap_or_default(),
                    rel_id: attr(&e, "id").unwrap_or_default(),
                }),
                "workbookPr" => {
                    wb.date1904 = attr(&e, "date1904").is_some_and(|v| v == "1" || v == "true");
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(wb)
}

/// Reads the text of rich-text runs (`t`), leaving out phonetic guides (`rPh`).
/// Calls `item` with the text of each `item_name` element.
fn read_rich_items(
    input: &mut dyn BufRead,
    item_name: &str,
    mut item: impl FnMut(&quick_xml::events::BytesStart<'_>) -> Option<String>,
    mut done: impl FnMut(Option<String>, String),
) -> Result<(), MemberError> {
    let mut xml = reader(input);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<(Option<String>, String)> = None;
    let mut in_t = 0usize;
    let mut in_phonetic = 0usize;
    let mut scratch = String::new();
    loop {
        match next(&mut xml, &mut buf, &mut depth)? {
            Event::Start(e) => match name_of(&e).as_str() {
                n if n == item_name => current = Some((item(&e), String::new())),
                "t" => in_t += 1,
                "rPh" => in_phonetic += 1,
                _ => {}
            },
            Event::Empty(e) if name_of(&e) == item_name => done(item(&e), String::new()),
            Event::End(e) => match local(e.name().as_ref()) {
                n if n == item_name => {
                    if let Some((key, text)) = current.take() {
                        done(key, text);
                    }
                }
                "t" => in_t = in_t.saturating_sub(1),
                "rPh" => in_phonetic = in_phonetic.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if in_t > 0 && in_phonetic == 0 => {
                if let Some((_, text)) = current.as_mut() {
                    push_document_text(text, &t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_t > 0 && in_phonetic == 0 => {
                if let Some((_, text)) = current.as_mut() {
                    scratch.clear();
                    push_ref(&r, &mut scratch);
                    push_document_text(text, &scratch);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

fn read_shared_strings(input: &mut dyn BufRead) -> Result<Vec<String>, MemberError> {
    let mut strings = Vec::new();
    read_rich_items(input, "si", |_| None, |_, text| strings.push(text))?;
    Ok(strings)
}

/// Cell comments: the cell reference and the comment's text.
fn read_comments(input: &mut dyn BufRead) -> Result<Vec<(String, String)>, MemberError> {
    let mut comments = Vec::new();
    read_rich_items(
        input,
        "comment",
        |e| attr(e, "ref"),
        |reference, text| {
            if !text.trim().is_empty() {
                comments.push((reference.unwrap_or_default(), text.trim().to_owned()));
            }
        },
    )?;
    Ok(comments)
}

/// How a number is shown, from the cell's style.
#[derive(Clone, Copy, Debug, PartialEq)]
enum NumberShape {
    General,
    Date { time: bool },
    Time,
    Percent { decimals: usize },
}

/// The number shape of each cell style (`cellXfs`), by index.
fn read_styles(input: &mut dyn BufRead) -> Result<Vec<NumberShape>, MemberError> {
    let mut xml = reader(input);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut formats: BTreeMap<u32, String> = BTreeMap::new();
    let mut xf_ids: Vec<u32> = Vec::new();
    let mut in_cell_xfs = false;
    loop {
        match next(&mut xml, &mut buf, &mut depth)? {
            Event::Start(e) | Event::Empty(e) => match name_of(&e).as_str() {
                "numFmt" => {
                    if let (Some(id), Some(code)) = (attr(&e, "numFmtId"), attr(&e, "formatCode"))
                        && let Ok(id) = id.parse()
                    {
                        formats.insert(id, code);
                    }
                }
                "cellXfs" => in_cell_xfs = true,
                "xf" if in_cell_xfs => {
                    xf_ids.push(
                        attr(&e, "numFmtId")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0),
                    );
                }
                _ => {}
            },
            Event::End(e) if local(e.name().as_ref()) == "cellXfs" => in_cell_xfs = false,
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(xf_ids
        .into_iter()
        .map(|id| match formats.get(&id) {
            Some(code) => shape_of_code(code),
            None => builtin_shape(id),
        })
        .collect())
}

fn builtin_shape(id: u32) -> NumberShape {
    match id {
        9 => NumberShape::Percent { decimals: 0 },
        10 => NumberShape::Percent { decimals: 2 },
        14..=17 | 27..=31 | 34..=36 | 50..=58 => NumberShape::Date { time: false },
        22 => NumberShape::Date { time: true },
        18..=21 | 32 | 33 | 45..=47 => NumberShape::Time,
        _ => NumberShape::General,
    }
}

/// Reads a custom format code such as `dd/mm/yyyy`, `[$-809]d mmmm yyyy;@`,
/// `0.0%` or `#,##0`.
fn shape_of_code(code: &str) -> NumberShape {
    // The first section (positive numbers) without quoted text, escapes and
    // bracketed colours or locales (but [h] elapsed hours count as time).
    let mut plain = String::new();
    let mut chars = code.chars();
    let mut elapsed = false;
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                let mut inner = String::new();
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                    inner.push(q);
                }
                let inner = inner.to_ascii_lowercase();
                if !inner.is_empty() && inner.chars().all(|c| matches!(c, 'h' | 'm' | 's')) {
                    elapsed = true;
                }
            }
            c => plain.push(c.to_ascii_lowercase()),
        }
    }
    if plain.contains('%') {
        let decimals = plain.split_once('.').map_or(0, |(_, frac)| {
            frac.chars()
                .take_while(|c| matches!(c, '0' | '#' | '?'))
                .count()
        });
        return NumberShape::Percent { decimals };
    }
    let date = plain.contains('d') || plain.contains('y');
    let time = elapsed || plain.contains('h') || plain.contains('s');
    match (date, time) {
        (true, time) => NumberShape::Date { time },
        (false, true) => NumberShape::Time,
        (false, false) => NumberShape::General,
    }
}

struct CellContext<'a> {
    shared: &'a [String],
    styles: &'a [NumberShape],
    date1904: bool,
}

struct CellValue {
    row: usize,
    col: usize,
    text: String,
}

fn read_sheet(
    input: &mut dyn BufRead,
    cx: &CellContext<'_>,
) -> Result<Vec<CellValue>, MemberError> {
    let mut xml = reader(input);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut cells = Vec::new();
    let mut row = 0usize;
    let mut col = 0usize;
    // The cell being read: its type, style and value text.
    let mut cell: Option<(String, usize, String)> = None;
    let mut in_value = 0usize;
    let mut in_phonetic = 0usize;
    let mut scratch = String::new();
    loop {
        match next(&mut xml, &mut buf, &mut depth)? {
            Event::Start(e) => match name_of(&e).as_str() {
                "row" => start_row(&e, &mut row, &mut col),
                "c" => {
                    start_cell(&e, &mut row, &mut col);
                    let kind = attr(&e, "t").unwrap_or_default();
                    let style = attr(&e, "s").and_then(|s| s.parse().ok()).unwrap_or(0);
                    cell = Some((kind, style, String::new()));
                }
                "v" | "t" => in_value += 1,
                "rPh" => in_phonetic += 1,
                _ => {}
            },
            Event::Empty(e) => match name_of(&e).as_str() {
                "row" => start_row(&e, &mut row, &mut col),
                "c" => start_cell(&e, &mut row, &mut col),
                _ => {}
            },
            Event::End(e) => match local(e.name().as_ref()) {
                "c" => {
                    if let Some((kind, style, raw)) = cell.take() {
                        let text = cell_text(&kind, style, &raw, cx);
                        if !text.trim().is_empty() && row > 0 && col > 0 {
                            cells.push(CellValue { row, col, text });
                        }
                    }
                }
                "v" | "t" => in_value = in_value.saturating_sub(1),
                "rPh" => in_phonetic = in_phonetic.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if in_value > 0 && in_phonetic == 0 => {
                if let Some((_, _, raw)) = cell.as_mut() {
                    raw.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_value > 0 && in_phonetic == 0 => {
                if let Some((_, _, raw)) = cell.as_mut() {
                    scratch.clear();
                    push_ref(&r, &mut scratch);
                    raw.push_str(&scratch);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    cells.sort_by_key(|c| (c.row, c.col));
    cells.dedup_by_key(|c| (c.row, c.col));
    Ok(cells)
}

/// A `<row>` starts: its number is its `r`, or the one after `row`; its cells'
/// columns count again from the start.
fn start_row(e: &BytesStart<'_>, row: &mut usize, col: &mut usize) {
    *row = attr(e, "r")
        .and_then(|r| r.parse().ok())
        .unwrap_or(*row + 1);
    *col = 0;
}

/// A `<c>` starts: its column and row are its reference's (`B7`), or the next
/// column of the current row (row 1 before any row).
fn start_cell(e: &BytesStart<'_>, row: &mut usize, col: &mut usize) {
    (*col, *row) = attr(e, "r")
        .and_then(|r| parse_ref(&r))
        .unwrap_or((*col + 1, (*row).max(1)));
}

/// `B7` → (2, 7). Columns run to XFD (16384), rows to 1048576.
fn parse_ref(reference: &str) -> Option<(usize, usize)> {
    let reference = reference.trim().trim_start_matches('$');
    let split = reference.find(|c: char| !c.is_ascii_alphabetic())?;
    let (letters, digits) = reference.split_at(split);
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut col = 0usize;
    for c in letters.chars() {
        col = col * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1);
    }
    let row: usize = digits.trim_start_matches('$').parse().ok()?;
    ((1..=1_048_576).contains(&row) && col <= 16_384).then_some((col, row))
}

fn cell_text(kind: &str, style: usize, raw: &str, cx: &CellContext<'_>) -> String {
    let mut out = String::new();
    match kind {
        "s" => {
            if let Some(s) = raw
                .trim()
                .parse::<usize>()
                .ok()
                .and_then(|i| cx.shared.get(i))
            {
                out.push_str(s.trim());
            }
        }
        "b" => out.push_str(if raw.trim() == "1" { "TRUE" } else { "FALSE" }),
        "inlineStr" | "str" | "e" | "d" => push_document_text(&mut out, raw.trim()),
        _ => {
            let shape = cx
                .styles
                .get(style)
                .copied()
                .unwrap_or(NumberShape::General);
            out = number_text(raw.trim(), shape, cx.date1904);
        }
    }
    out
}

/// A stored number as Excel would show it in the given shape.
fn number_text(raw: &str, shape: NumberShape, date1904: bool) -> String {
    let Ok(v) = raw.parse::<f64>() else {
        return raw.to_owned();
    };
    if !v.is_finite() {
        return raw.to_owned();
    }
    match shape {
        NumberShape::General => general(v),
        NumberShape::Percent { decimals } => format!("{:.*}%", decimals.min(10), v * 100.0),
        NumberShape::Date { time } => match date_text(v, date1904) {
            Some(date) => {
                let t = time_text(v);
                if time && !t.is_empty() {
                    format!("{date} {t}")
                } else {
                    date
                }
            }
            None => general(v),
        },
        NumberShape::Time => {
            let t = time_text(v);
            if t.is_empty() { "00:00".into() } else { t }
        }
    }
}

/// `12`, `0.1`, `1234.5`: Excel's 15 significant digits, without trailing zeros.
fn general(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let rounded: f64 = format!("{v:.14e}").parse().unwrap_or(v);
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        return format!("{}", rounded as i64);
    }
    format!("{rounded}")
}

/// `DD/MM/YYYY` for an Excel date serial.
fn date_text(v: f64, date1904: bool) -> Option<String> {
    if !(0.0..2_958_466.0).contains(&v) {
        return None;
    }
    let days = v.floor() as i64;
    let (y, m, d) = if date1904 {
        civil_from_days(days + days_from_civil(1904, 1, 1))
    } else if days == 60 {
        (1900, 2, 29) // Lotus 1-2-3's leap day, kept by Excel
    } else if days < 60 {
        civil_from_days(days + days_from_civil(1899, 12, 31))
    } else {
        civil_from_days(days + days_from_civil(1899, 12, 30))
    };
    if days == 0 && !date1904 {
        return Some("00/01/1900".into());
    }
    Some(format!("{d:02}/{m:02}/{y:04}"))
}

/// `HH:MM` or `HH:MM:SS` for the fraction of a day; empty at midnight.
fn time_text(v: f64) -> String {
    let secs = ((v - v.floor()) * 86_400.0).round() as i64 % 86_400;
    if secs == 0 {
        return String::new();
    }
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if s == 0 {
        format!("{h:02}:{m:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The sheet's table: empty rows and columns left out, cut short over the cell limit.
fn build_table(sheet: &str, cells: Vec<CellValue>) -> Option<(Table, Option<NotScanned>)> {
    if cells.is_empty() {
        return None;
    }
    let mut columns: Vec<usize> = cells.iter().map(|c| c.col).collect();
    columns.sort_unstable();
    columns.dedup();
    let width = columns.len();
    let max_rows = (MAX_TABLE_CELLS / width).max(1);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row_numbers = Vec::new();
    let mut truncated = false;
    for cell in cells {
        if row_numbers.last() != Some(&cell.row) {
            if rows.len() == max_rows {
                truncated = true;
                break;
            }
            rows.push(Vec::new());
            row_numbers.push(cell.row);
        }
        let Ok(index) = columns.binary_search(&cell.col) else {
            continue;
        };
        let Some(row) = rows.last_mut() else { continue };
        if row.len() <= index {
            row.resize(index + 1, String::new());
        }
        row[index] = cell.text;
    }
    let note = truncated.then(|| {
        NotScanned::new(
            NotScannedKind::OverLimit,
            format!(
                "sheet '{sheet}' is too large to check for small numbers after row {} \
                 (over {MAX_TABLE_CELLS} cells); its text was scanned",
                row_numbers.last().copied().unwrap_or(0)
            ),
        )
    });
    Some((
        Table {
            sheet: Some(sheet.to_owned()),
            rows,
            row_numbers,
            column_numbers: columns,
            truncated,
        },
        note,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_written() {
        assert_eq!(general(12.0), "12");
        assert_eq!(general(0.1), "0.1");
        assert_eq!(general(0.1 + 0.2), "0.3");
        assert_eq!(general(-3.5), "-3.5");
        assert_eq!(general(1234567.891), "1234567.891");
        assert_eq!(number_text("12.0", NumberShape::General, false), "12");
        assert_eq!(
            number_text("0.25", NumberShape::Percent { decimals: 0 }, false),
            "25%"
        );
        assert_eq!(number_text("abc", NumberShape::General, false), "abc");
    }

    #[test]
    fn dates() {
        assert_eq!(date_text(1.0, false).unwrap(), "01/01/1900");
        assert_eq!(date_text(60.0, false).unwrap(), "29/02/1900");
        assert_eq!(date_text(61.0, false).unwrap(), "01/03/1900");
        assert_eq!(date_text(45000.0, false).unwrap(), "15/03/2023");
        assert_eq!(date_text(0.0, true).unwrap(), "01/01/1904");
        assert_eq!(
            number_text("45000.5", NumberShape::Date { time: true }, false),
            "15/03/2023 12:00"
        );
    }

    #[test]
    fn format_codes() {
        assert_eq!(
            shape_of_code("dd/mm/yyyy"),
            NumberShape::Date { time: false }
        );
        assert_eq!(
            shape_of_code("[$-809]d mmmm yyyy;@"),
            NumberShape::Date { time: false }
        );
        assert_eq!(shape_of_code("0.0%"), NumberShape::Percent { decimals: 1 });
        assert_eq!(shape_of_code("#,##0"), NumberShape::General);
        assert_eq!(shape_of_code("[h]:mm"), NumberShape::Time);
        assert_eq!(shape_of_code("\"day\" 0"), NumberShape::General);
        assert_eq!(shape_of_code("[Red]0.00"), NumberShape::General);
    }

    #[test]
    fn references() {
        assert_eq!(parse_ref("B7"), Some((2, 7)));
        assert_eq!(parse_ref("$AA$10"), Some((27, 10)));
        assert_eq!(parse_ref("XFD1048576"), Some((16384, 1048576)));
        assert_eq!(parse_ref("ZZZZ1"), None);
        assert_eq!(parse_ref("A0"), None);
    }
}

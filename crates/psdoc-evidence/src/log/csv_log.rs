//! A CSV document log, as Excel saves it.

use std::borrow::Cow;

use super::cells::{Cell, Grid, TableRows};
use super::{DocumentLog, LogError};

struct CsvGrid<'a> {
    file: &'a str,
}

impl Grid for CsvGrid<'_> {
    fn file(&self) -> &str {
        self.file
    }
    fn place(&self, line: usize, _column: usize) -> (Option<usize>, Option<usize>) {
        (Some(line), None)
    }
    fn cell_note(&self, _line: usize, _column: usize) -> String {
        String::new()
    }
    fn column_name(&self, column: usize) -> String {
        format!("column {}", column + 1)
    }
}

/// The text of a CSV file: UTF-8 (a BOM allowed), UTF-16 with a BOM (Excel's "Unicode
/// text"), else Windows-1252 (Excel's "CSV" on a UK Windows machine).
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        // Invalid UTF-8 after a UTF-8 BOM: replace, do not guess.
        return String::from_utf8_lossy(rest);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, _) = encoding_rs::UTF_16LE.decode(bytes);
        return text;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

/// The field separator: from an Excel `sep=;` line, else the most frequent of `,`, `;`
/// and tab outside quotes in the header line (`,` when none).
fn delimiter(text: &str) -> (u8, bool) {
    let first = text.lines().next().unwrap_or("");
    if let Some(sep) = first.trim().strip_prefix("sep=")
        && let [d] = sep.as_bytes()
    {
        return (*d, true);
    }
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in first.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], usize::MAX - i))
        .unwrap_or(0);
    ([b',', b';', b'\t'][best], false)
}

/// Parses a CSV log: a header row with the field names (any case, any order), then one
/// row per document. Blank rows are skipped; an empty cell is an absent value; `core`
/// items are separated by `;`; dates are `YYYY-MM-DD` or `DD/MM/YYYY`; booleans
/// `true`/`false` or `yes`/`no`. Every document's `line` is the line its row starts on.
pub fn parse_csv_log(path_for_messages: &str, bytes: &[u8]) -> Result<DocumentLog, LogError> {
    parse_csv_log_with_items(path_for_messages, bytes, super::CORE_ITEMS)
}

/// [`parse_csv_log`] for a guidance whose core document request has `core_items` items.
pub fn parse_csv_log_with_items(
    path_for_messages: &str,
    bytes: &[u8],
    core_items: u8,
) -> Result<DocumentLog, LogError> {
    let (log, errors) = read(path_for_messages, bytes, core_items);
    match LogError::collect(errors) {
        Some(error) => Err(error),
        None => Ok(log),
    }
}

pub(crate) fn read(file: &str, bytes: &[u8], core_items: u8) -> (DocumentLog, Vec<LogError>) {
    let grid = CsvGrid { file };
    let mut rows = TableRows::new(&grid, core_items);
    let text = decode(bytes);
    let (delimiter, sep_line) = delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut skip = sep_line;
    // Lines counted up to byte `counted`.
    let (mut line, mut counted) = (1usize, 0usize);
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                rows.error(LogError::new(
                    file,
                    line,
                    None,
                    format!("cannot read the CSV: {e}: save the log again from Excel as CSV"),
                ));
                break;
            }
        }
        // The reader's position is where it started reading, before the previous row's
        // line ending and any blank lines: move to the row's first byte, and count lines
        // ourselves (quoted cells may span lines).
        let bytes = text.as_bytes();
        let mut start = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        line += line_breaks(&bytes[counted..start.max(counted)]);
        counted = start.max(counted);
        if std::mem::take(&mut skip) {
            continue;
        }
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let cells: Vec<(usize, Cell<'_>)> = record
            .iter()
            .enumerate()
            .filter(|(_, cell)| !cell.trim().is_empty())
            .map(|(i, cell)| (i, Cell::Text(cell)))
            .collect();
        // The header row's names, blank cells included.
        let names =
            |_: &[(usize, Cell<'_>)]| record.iter().map(str::to_string).enumerate().collect();
        if !rows.read(line, cells, names, |_, _| {}) {
            return rows.stop();
        }
    }
    rows.finish()
}

/// Line breaks as an editor counts them: LF, CRLF, and a lone CR (Excel for
/// Mac's "CSV (Macintosh)").
fn line_breaks(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    #[test]
    fn header_errors_quote_cells_on_one_line() {
        let e = err(b"\"Title\nof the log\",\"x\ty\"\n1,2\n");
        assert!(!e.to_string().contains(['\n', '\t']), "{e}");
        let e = err(b"id,title,\"col\nour\"\n1,x,y\n");
        assert!(!e.to_string().contains('\n'), "{e}");
    }

    #[test]
    fn rows_keep_their_lines_with_any_line_ending() {
        for ending in ["\n", "\r\n", "\r"] {
            let csv = ["id,title", "1,A", "", "2,B"].join(ending) + ending;
            let log = ok(csv.as_bytes());
            let lines: Vec<usize> = log.documents.iter().map(|d| d.line).collect();
            assert_eq!(lines, [2, 4], "{ending:?}");
        }
    }

    fn ok(bytes: &[u8]) -> DocumentLog {
        parse_csv_log("evidence/log.csv", bytes).unwrap_or_else(|e| panic!("{e}"))
    }

    fn err(bytes: &[u8]) -> LogError {
        parse_csv_log("evidence/log.csv", bytes).unwrap_err()
    }

    #[test]
    fn a_full_log() {
        let csv = "id,title,url,file,date,until,core,series,body,public\n\
            1,Children's services plan 2023-26,https://example.org/csp.pdf,,2023-04-01,2026-03-31,8,CSP,,\n\
            2,Audit of IRDs,,audits/ird.pdf,01/11/2024,,5;12,,,no\n\
            3,COG minutes March,,minutes/cog-03.pdf,14/03/2025,,7,,COG,false\n";
        let log = ok(csv.as_bytes());
        assert_eq!(log.documents.len(), 3);
        let d = &log.documents[0];
        assert_eq!(d.id, 1);
        assert_eq!(d.title, "Children's services plan 2023-26");
        assert_eq!(d.url.as_deref(), Some("https://example.org/csp.pdf"));
        assert!(d.public);
        assert_eq!(d.until, Date::new(2026, 3, 31));
        assert_eq!(d.core, vec![8]);
        assert_eq!(d.series.as_deref(), Some("CSP"));
        assert_eq!(d.line, 2);
        assert_eq!(d.key_lines.get("url"), Some(&2));
        assert_eq!(d.key_lines.get("file"), None);
        let d = &log.documents[1];
        assert_eq!(d.date, Date::new(2024, 11, 1));
        assert_eq!(d.core, vec![5, 12]);
        assert!(!d.public);
        assert_eq!(d.line, 3);
        assert_eq!(log.documents[2].body.as_deref(), Some("COG"));
    }

    #[test]
    fn headers_are_case_insensitive_and_in_any_order() {
        let log = ok(b" Title , ID ,URL\nPlan,4,https://example.org\n");
        assert_eq!(log.documents[0].id, 4);
        assert_eq!(log.documents[0].title, "Plan");
        assert!(log.documents[0].public);
    }

    #[test]
    fn utf8_with_a_bom() {
        let log = ok("\u{feff}id,title\n1,Plan – 2024 £5\n".as_bytes());
        assert_eq!(log.documents[0].title, "Plan – 2024 £5");
    }

    #[test]
    fn windows_1252() {
        let log = ok(b"id,title\r\n1,Plan \x96 2024 \xa35 caf\xe9\r\n");
        assert_eq!(log.documents[0].title, "Plan – 2024 £5 café");
        assert_eq!(log.documents[0].line, 2);
    }

    #[test]
    fn utf16_with_a_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "id\ttitle\r\n7\tPlan £\r\n".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let log = ok(&bytes);
        assert_eq!(log.documents[0].id, 7);
        assert_eq!(log.documents[0].title, "Plan £");
    }

    #[test]
    fn semicolon_separated() {
        let log = ok(b"id;title;core;date\n1;Plan, 2024;\"6;8\";30/09/2024\n2;Report;4;\n");
        assert_eq!(log.documents[0].title, "Plan, 2024");
        assert_eq!(log.documents[0].core, vec![6, 8]);
        assert_eq!(log.documents[0].date, Date::new(2024, 9, 30));
        assert_eq!(log.documents[1].core, vec![4]);
        let log = ok(b"sep=;\nid;title\n1;Plan\n");
        assert_eq!(log.documents[0].line, 3);
    }

    #[test]
    fn quoted_multi_line_cells_keep_line_numbers() {
        let csv = "id,title,date\n\
            1,\"A title\non two lines\",2024-01-01\n\
            \n\
            2,\"Three\r\nline\r\ntitle\",2024-01-02\n\
            3,Plain,30 Sept\n";
        let e = err(csv.as_bytes());
        assert_eq!(e.line, Some(8));
        assert_eq!(
            e.to_string(),
            "evidence/log.csv:8: document 3: `date` must be a date like 2024-09-30 or 30/09/2024 (found \"30 Sept\")"
        );
        let log = ok(csv.replace("30 Sept", "2024-01-03").as_bytes());
        let lines: Vec<usize> = log.documents.iter().map(|d| d.line).collect();
        assert_eq!(lines, [2, 5, 8]);
        assert_eq!(log.documents[0].title, "A title\non two lines");
    }

    #[test]
    fn blank_rows_and_trailing_empty_columns_are_ignored() {
        let log = ok(b"id,title,,\n1,Plan,,\n,,,\n\n2,Report,,\n");
        assert_eq!(log.documents.len(), 2);
        assert_eq!(log.documents[1].line, 5);
    }

    #[test]
    fn title_rows_above_the_header_are_skipped() {
        let log =
            ok(b"Loch Ard CPP document log,,\nUpdated March 2025,,\n,,\nid,title,core\n1,Plan,8\n");
        assert_eq!(log.documents.len(), 1);
        assert_eq!(log.documents[0].line, 5);
        let e = err(b"Loch Ard CPP document log\n1,Plan\n");
        assert_eq!(e.line, Some(1));
        assert_eq!(
            e.to_string(),
            "evidence/log.csv:1: no header row: the first row names the columns, at least id and title (found `Loch Ard CPP document log`)"
        );
    }

    #[test]
    fn errors_name_the_line() {
        let e = err(b"id,titel\n1,Plan\n");
        assert_eq!(e.line, Some(1));
        assert!(e.message.contains("unknown column `titel`"), "{e}");
        assert!(e.message.contains("did you mean `title`?"), "{e}");

        let e = err(b"ID,url\n1,https://example.org\n");
        assert!(e.message.contains("no `title` column"), "{e}");

        let e = err(b"id,title\n1,Plan\n0,Report\n");
        assert_eq!(
            e.to_string(),
            "evidence/log.csv:3: a document: `id` must be 1 or more (found 0): document numbers start at 1"
        );

        let e = err(b"id,title\n1,Plan\n,Report\n");
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("no `id`"), "{e}");

        let e = err(b"id,title\n5,\n");
        assert!(e.message.contains("document 5 has no `title`"), "{e}");

        let e = err(b"id,title,core\n5,Plan,14\n");
        assert!(
            e.message
                .contains("`core` must be Appendix 2 item numbers from 1 to 13"),
            "{e}"
        );

        let e = err(b"id,title,public\n5,Plan,maybe\n");
        assert!(e.message.contains("`public` must be true or false"), "{e}");

        let e = err(b"id,title,url,file\n5,Plan,https://example.org,plan.pdf\n");
        assert!(e.message.contains("both `url` and `file`"), "{e}");

        let e = err(b"id,title\n5,Plan,extra\n");
        assert!(e.message.contains("column 3, which has no name"), "{e}");

        let e = err(b"id,title,ID\n5,Plan,6\n");
        assert!(e.message.contains("two `id` columns"), "{e}");

        let e = err(b"");
        assert!(e.message.contains("the log is empty"), "{e}");

        let e = err(b"id,title,date\n1,Plan,bad\n2,Report,worse\n");
        assert_eq!(e.more.len(), 1);
        assert_eq!(e.more[0].line, Some(3));
        assert!(e.to_string().ends_with("(and 1 more problem in the log)"));
    }

    #[test]
    fn findings_are_left_to_the_rules() {
        let log = ok(b"id,title,url,public\n1,Plan,not a link,\n1,Again,,true\n");
        assert_eq!(log.documents.len(), 2);
        assert_eq!(log.documents[0].url.as_deref(), Some("not a link"));
        assert!(log.documents[1].public);
        assert_eq!(log.documents[1].url, None);
    }
}

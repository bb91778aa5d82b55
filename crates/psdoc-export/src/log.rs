//! `psdoc log`: the separate document log the guidance asks for ("a
//! separate document log which collates all the evidence that you have
//! referenced", with "a document number as well as the document name").

use psdoc_evidence::{Date, Document, DocumentLog};
use psdoc_guidance::Profile;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook};
use serde::Serialize;

use crate::error::{Error, Result};

/// One row of the exported log.
#[derive(Debug, Clone, Serialize)]
pub struct LogRow {
    pub number: u64,
    pub name: String,
    pub date: Option<Date>,
    /// Appendix 2 items, e.g. `[6, 8]`.
    pub core: Vec<u8>,
    /// The public link, or `None` for a supplied file.
    pub url: Option<String>,
    /// "supplied file" for a non-public document.
    pub link_or_file: String,
}

pub const HEADERS: [&str; 5] = [
    "Document number",
    "Document name",
    "Date",
    "Core document (Appendix 2)",
    "Link or supplied file",
];

/// The log's rows, in document-number order (then log order).
pub fn rows(log: &DocumentLog) -> Vec<LogRow> {
    let mut docs: Vec<&Document> = log.documents.iter().collect();
    docs.sort_by_key(|d| d.id);
    docs.into_iter()
        .map(|d| LogRow {
            number: d.id,
            name: d.title.clone(),
            date: d.date,
            core: d.core.clone(),
            url: d.url.clone(),
            link_or_file: match (&d.url, &d.file) {
                (Some(u), _) => u.clone(),
                (None, Some(_)) => "supplied file".into(),
                (None, None) => String::new(),
            },
        })
        .collect()
}

/// "6: Child protection committee plan and annual report".
pub fn core_label(core: &[u8], profile: &Profile) -> String {
    core.iter()
        .map(|&item| {
            let title = profile.core_document(item).map_or("", |c| c.title.as_str());
            format!("{item}: {title}")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn date_text(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

pub fn to_markdown(log: &DocumentLog, prefix: &str, profile: &Profile) -> String {
    let mut out = String::from(
        "| No. | Document | Date | Core document (Appendix 2) | Link or supplied file |\n|---|---|---|---|---|\n",
    );
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    for r in rows(log) {
        let link = match &r.url {
            Some(u) => format!("<{u}>"),
            None => r.link_or_file.clone(),
        };
        out.push_str(&format!(
            "| {prefix}{} | {} | {} | {} | {} |\n",
            r.number,
            cell(&r.name),
            date_text(r.date),
            cell(&core_label(&r.core, profile)),
            cell(&link)
        ));
    }
    out
}

pub fn to_csv(log: &DocumentLog, profile: &Profile) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let fail = |e: csv::Error| Error::write("log as CSV", e);
    w.write_record(HEADERS).map_err(fail)?;
    for r in rows(log) {
        w.write_record([
            r.number.to_string(),
            r.name,
            date_text(r.date),
            core_label(&r.core, profile),
            r.link_or_file,
        ])
        .map_err(fail)?;
    }
    let mut bytes = vec![0xEF, 0xBB, 0xBF]; // a BOM, so Excel reads UTF-8
    bytes.extend(
        w.into_inner()
            .map_err(|e| Error::write("log as CSV", e.error()))?,
    );
    Ok(bytes)
}

pub fn to_json(log: &DocumentLog) -> String {
    let mut s = serde_json::to_string_pretty(&rows(log)).expect("serialisable");
    s.push('\n');
    s
}

/// Excel's limit on hyperlinks in one worksheet (rust_xlsxwriter does not
/// enforce it, and overflows past it).
const MAX_LINKS_PER_SHEET: usize = 65_530;

/// An Excel workbook: a header row in bold, frozen, sensible widths,
/// real dates and links. `created` fixes the document's creation date so
/// the same log gives the same bytes.
pub fn to_xlsx(
    log: &DocumentLog,
    title: &str,
    created: Date,
    profile: &Profile,
) -> Result<Vec<u8>> {
    let fail = |e: rust_xlsxwriter::XlsxError| Error::write("log as XLSX", e);
    let mut book = Workbook::new();
    let created =
        ExcelDateTime::from_ymd(created.year as u16, created.month, created.day).map_err(fail)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_creation_datetime(&created),
    );
    let sheet = book.add_worksheet();
    sheet.set_name("Document log").map_err(fail)?;
    let header = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin)
        .set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for (col, h) in HEADERS.iter().enumerate() {
        sheet
            .write_with_format(0, col as u16, *h, &header)
            .map_err(fail)?;
    }
    for (col, width) in [(0u16, 10.0), (1, 60.0), (2, 12.0), (3, 45.0), (4, 60.0)] {
        sheet.set_column_width(col, width).map_err(fail)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(fail)?;
    let mut links = 0;
    for (i, r) in rows(log).into_iter().enumerate() {
        let row = (i + 1) as u32;
        sheet.write_number(row, 0, r.number as f64).map_err(fail)?;
        sheet
            .write_with_format(row, 1, &r.name, &wrap)
            .map_err(fail)?;
        if let Some(d) = r.date {
            let date = ExcelDateTime::from_ymd(d.year as u16, d.month, d.day).map_err(fail)?;
            sheet
                .write_datetime_with_format(row, 2, &date, &date_format)
                .map_err(fail)?;
        }
        sheet
            .write_with_format(row, 3, core_label(&r.core, profile), &wrap)
            .map_err(fail)?;
        match &r.url {
            Some(u) => {
                // A link Excel refuses (too long, odd characters), or one past
                // the most a sheet may hold, stays as text.
                if links >= MAX_LINKS_PER_SHEET
                    || sheet
                        .write_url(row, 4, rust_xlsxwriter::Url::new(u.as_str()))
                        .is_err()
                {
                    sheet.write_string(row, 4, u).map_err(fail)?;
                } else {
                    links += 1;
                }
            }
            None => {
                sheet.write_string(row, 4, &r.link_or_file).map_err(fail)?;
            }
        }
    }
    sheet
        .autofilter(0, 0, rows(log).len() as u32, 4)
        .map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}

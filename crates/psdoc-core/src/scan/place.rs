//! Where a finding inside an evidence file is, said as a person finds it in the file:
//! `Sheet "Q4", cell C4`, `table 2, row 4, column "CHI", under "Findings"`, `page 3`.
//!
//! Headers and headings are document text: they are masked like everything shown.

use psdoc_extract::{Location as ExtractLocation, TextUnit};

use crate::diagnostic::Finding;
use crate::redact::Redactor;

/// The longest header or heading quoted in a place, in characters.
const MAX_QUOTED: usize = 60;

/// The place of `unit` in its file, or `None` where the line and column say it all
/// (text, Markdown and HTML lines).
pub fn describe(unit: &TextUnit, redactor: &Redactor) -> Option<String> {
    let quoted = |s: &str| format!("\"{}\"", shorten(&redactor.redact(s.trim())));
    let header = unit
        .labels
        .first()
        .filter(|h| !h.trim().is_empty() && has_header(&unit.location));
    let under = unit
        .heading
        .as_deref()
        .filter(|h| !h.trim().is_empty())
        .map(|h| format!(", under {}", quoted(h)))
        .unwrap_or_default();
    Some(match &unit.location {
        ExtractLocation::Line(_) => return None,
        ExtractLocation::Paragraph(n) => format!("paragraph {n}{under}"),
        ExtractLocation::TableCell {
            table, row, column, ..
        } => {
            let column = match header {
                Some(h) => format!("column {}", quoted(h)),
                None => format!("column {column}"),
            };
            format!("table {table}, row {row}, {column}{under}")
        }
        ExtractLocation::Cell { sheet, cell, .. } => {
            let column = header
                .map(|h| format!(" (column {})", quoted(h)))
                .unwrap_or_default();
            format!("Sheet {}, cell {cell}{column}", quoted(sheet))
        }
        ExtractLocation::CsvCell { line, .. } => match header {
            Some(h) => format!("line {line}, column {}", quoted(h)),
            None => return None,
        },
        ExtractLocation::Page { page, .. } => format!("page {page}"),
        part @ ExtractLocation::Part { .. } => part.to_string(),
    })
}

/// Whether the first label of a unit at `location` is its column's header (a cell
/// below its table's first row), rather than its row's label.
fn has_header(location: &ExtractLocation) -> bool {
    match location {
        ExtractLocation::TableCell { row, .. } => *row > 1,
        ExtractLocation::Cell { .. } | ExtractLocation::CsvCell { .. } => true,
        _ => false,
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= MAX_QUOTED {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(MAX_QUOTED - 1).collect();
    out.push('…');
    out
}

/// Sets a finding's place: in its message (every format shows the message, SARIF and
/// GitHub's annotations included) and in its fields (`page`, `sheet`, `cell`, `place`).
pub fn set(finding: &mut Finding, unit: &TextUnit, redactor: &Redactor) {
    match &unit.location {
        ExtractLocation::Page { page, .. } => finding.page = Some(*page),
        ExtractLocation::Cell { sheet, cell, .. } => {
            finding.sheet = Some(sheet.clone());
            finding.cell = Some(cell.clone());
        }
        _ => {}
    }
    if let Some(place) = describe(unit, redactor) {
        finding.message = format!("{place}: {}", finding.message);
        finding.place = Some(place);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(location: ExtractLocation, labels: &[&str], heading: Option<&str>) -> TextUnit {
        let mut u = TextUnit::new("x", location);
        u.labels = labels.iter().map(|s| (*s).to_owned()).collect();
        u.heading = heading.map(Into::into);
        u
    }

    #[test]
    fn places_people_can_find() {
        let r = Redactor::new(&crate::Config::default().privacy).unwrap();
        let cell = unit(
            ExtractLocation::Cell {
                sheet: "Q4".into(),
                cell: "C4".into(),
                row: 4,
            },
            &["CHI", "North"],
            None,
        );
        assert_eq!(
            describe(&cell, &r).unwrap(),
            "Sheet \"Q4\", cell C4 (column \"CHI\")"
        );
        let table = unit(
            ExtractLocation::TableCell {
                table: 2,
                row: 4,
                column: 3,
                paragraph: 17,
            },
            &["CHI", "4"],
            Some("Findings"),
        );
        assert_eq!(
            describe(&table, &r).unwrap(),
            "table 2, row 4, column \"CHI\", under \"Findings\""
        );
        // A heading naming a child is masked.
        let p = unit(ExtractLocation::Paragraph(3), &[], Some("Isla, aged 11"));
        assert_eq!(
            describe(&p, &r).unwrap(),
            "paragraph 3, under \"I•••, aged 11\""
        );
        let page = unit(ExtractLocation::Page { page: 3, line: 9 }, &[], None);
        assert_eq!(describe(&page, &r).unwrap(), "page 3");
        assert_eq!(
            describe(&unit(ExtractLocation::Line(2), &[], None), &r),
            None
        );
    }
}

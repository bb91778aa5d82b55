//! What CSV and XLSX logs share: a header row naming the fields, and cells to convert.

use super::{DocumentLog, Draft, FIELDS, LogError, suggestion};
use crate::date::Date;

/// A non-empty cell of a spreadsheet row.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    Bool(bool),
    Date(Date),
    /// A cell whose content cannot be any field's value (an Excel error, a duration), as
    /// the spreadsheet shows it.
    Invalid(String),
}

/// How a reader names places in messages and positions.
pub(crate) trait Grid {
    /// The log's path.
    fn file(&self) -> &str;
    /// The (line, column) of a cell for a [`LogError`].
    fn place(&self, line: usize, column: usize) -> (Option<usize>, Option<usize>);
    /// " (cell C5)" or "" after a field name in messages.
    fn cell_note(&self, line: usize, column: usize) -> String;
    /// "column 4" or "column D" for a column without a name.
    fn column_name(&self, column: usize) -> String;
}

/// How many non-empty rows above the header row (a title, notes) are skipped.
const ROWS_ABOVE_HEADER: usize = 10;

/// Finds the header row: the first row with a cell naming a field (`id`, `title`...),
/// after at most [`ROWS_ABOVE_HEADER`] rows of titles or notes.
#[derive(Default)]
pub(crate) struct HeaderSearch {
    first: Option<(usize, Vec<(usize, String)>)>,
    skipped: usize,
}

pub(crate) enum Step {
    Found(Header),
    /// A title row: keep looking.
    Skip,
    /// The header row is wrong (the errors say how): stop reading.
    Failed,
}

impl HeaderSearch {
    pub fn offer(
        &mut self,
        grid: &dyn Grid,
        line: usize,
        names: Vec<(usize, String)>,
        errors: &mut Vec<LogError>,
    ) -> Step {
        let names_a_field = names.iter().any(|(_, n)| {
            let n = n.trim().trim_start_matches('\u{feff}').to_lowercase();
            FIELDS.contains(&n.as_str())
        });
        if names_a_field {
            return match Header::read(grid, line, &names, errors) {
                Some(h) => Step::Found(h),
                None => Step::Failed,
            };
        }
        if self.first.is_none() {
            self.first = Some((line, names));
        }
        self.skipped += 1;
        if self.skipped >= ROWS_ABOVE_HEADER {
            self.fail(grid, errors);
            return Step::Failed;
        }
        Step::Skip
    }

    /// No header row was found: says so about the first row, or that the log is empty.
    pub fn fail(&mut self, grid: &dyn Grid, errors: &mut Vec<LogError>) {
        match self.first.take() {
            Some((line, names)) => errors.push(LogError::new(
                grid.file(),
                Some(line),
                None,
                format!(
                    "no header row: the first row names the columns, at least id and title (found {})",
                    names
                        .iter()
                        .filter(|(_, n)| !n.trim().is_empty())
                        .map(|(_, n)| format!("`{}`", shown(n)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
            None => errors.push(LogError::new(
                grid.file(),
                Some(1),
                None,
                "the log is empty: the first row names the columns (id, title, url, file, date, until, core, series, body, public), then one row per document".into(),
            )),
        }
    }
}

/// A CSV or XLSX log read row by row, the same way for both: the rows before
/// the header row go to the [`HeaderSearch`], and each row after it becomes
/// one document.
pub(crate) struct TableRows<'g> {
    grid: &'g dyn Grid,
    core_items: u8,
    search: HeaderSearch,
    header: Option<Header>,
    log: DocumentLog,
    errors: Vec<LogError>,
}

impl<'g> TableRows<'g> {
    pub fn new(grid: &'g dyn Grid, core_items: u8) -> Self {
        TableRows {
            grid,
            core_items,
            search: HeaderSearch::default(),
            header: None,
            log: DocumentLog {
                path: grid.file().to_string(),
                documents: Vec::new(),
            },
            errors: Vec::new(),
        }
    }

    /// Reads the non-blank row at `line` from its non-empty cells: before the
    /// header row, the names that `names` gives are offered as the header;
    /// after it, `adjust` may change the cells, and they are one document.
    /// False when reading must stop (the header row is wrong).
    pub fn read<'c>(
        &mut self,
        line: usize,
        mut cells: Vec<(usize, Cell<'c>)>,
        names: impl FnOnce(&[(usize, Cell<'c>)]) -> Vec<(usize, String)>,
        adjust: impl FnOnce(&Header, &mut Vec<(usize, Cell<'c>)>),
    ) -> bool {
        match &self.header {
            None => match self
                .search
                .offer(self.grid, line, names(&cells), &mut self.errors)
            {
                Step::Found(mut h) => {
                    h.core_items = self.core_items;
                    self.header = Some(h);
                }
                Step::Skip => {}
                Step::Failed => return false,
            },
            Some(h) => {
                adjust(h, &mut cells);
                if let Some(document) = h.row(self.grid, line, &cells, &mut self.errors) {
                    self.log.documents.push(document);
                }
            }
        }
        true
    }

    /// The log and the errors met; when no header row was found (and nothing
    /// else went wrong), an error saying so.
    pub fn finish(mut self) -> (DocumentLog, Vec<LogError>) {
        if self.header.is_none() && self.errors.is_empty() {
            self.search.fail(self.grid, &mut self.errors);
        }
        (self.log, self.errors)
    }

    /// The log and the errors so far, when reading stopped.
    pub fn stop(self) -> (DocumentLog, Vec<LogError>) {
        (self.log, self.errors)
    }

    /// Adds an error met outside the rows (a CSV the reader cannot parse).
    pub fn error(&mut self, error: LogError) {
        self.errors.push(error);
    }
}

/// The fields of the columns, by column index (`None`: a column with no name).
pub(crate) struct Header {
    columns: Vec<Option<&'static str>>,
    /// Appendix 2 items are numbered 1 to this.
    pub core_items: u8,
}

impl Header {
    /// Reads the header row; `None` (with errors) when it does not name the log's fields.
    pub fn read(
        grid: &dyn Grid,
        line: usize,
        names: &[(usize, String)],
        errors: &mut Vec<LogError>,
    ) -> Option<Header> {
        let before = errors.len();
        let mut columns: Vec<Option<&'static str>> = Vec::new();
        for (column, name) in names {
            let wanted = name.trim().trim_start_matches('\u{feff}').to_lowercase();
            if columns.len() <= *column {
                columns.resize(column + 1, None);
            }
            if wanted.is_empty() {
                continue;
            }
            let (l, c) = grid.place(line, *column);
            match FIELDS.iter().find(|f| **f == wanted) {
                Some(field) if columns.contains(&Some(*field)) => {
                    errors.push(LogError::new(
                        grid.file(),
                        l,
                        c,
                        format!("the header row has two `{field}` columns: keep one"),
                    ));
                }
                Some(field) => columns[*column] = Some(field),
                None => errors.push(LogError::new(
                    grid.file(),
                    l,
                    c,
                    format!(
                        "unknown column `{}` in the header row: {}the columns are {}",
                        shown(name),
                        suggestion(name),
                        FIELDS.join(", ")
                    ),
                )),
            }
        }
        for required in ["id", "title"] {
            if !columns.contains(&Some(required)) {
                errors.push(LogError::new(
                    grid.file(),
                    Some(line),
                    None,
                    format!(
                        "the header row has no `{required}` column: the first row names the columns, at least id and title (found {})",
                        if names.iter().all(|(_, n)| n.trim().is_empty()) {
                            "an empty row".to_string()
                        } else {
                            names.iter().map(|(_, n)| format!("`{}`", shown(n))).collect::<Vec<_>>().join(", ")
                        }
                    ),
                ));
            }
        }
        (errors.len() == before).then_some(Header {
            columns,
            core_items: super::CORE_ITEMS,
        })
    }

    /// The column index of `field`, if the header has it.
    pub fn column_of(&self, field: &str) -> Option<usize> {
        self.columns.iter().position(|f| *f == Some(field))
    }

    /// Reads one data row of non-empty cells (column index, cell).
    pub fn row(
        &self,
        grid: &dyn Grid,
        line: usize,
        cells: &[(usize, Cell<'_>)],
        errors: &mut Vec<LogError>,
    ) -> Option<crate::log::Document> {
        let mut draft = Draft {
            line,
            ..Draft::default()
        };
        let before = errors.len();
        // The id first, so that later messages can name the document.
        let field_of = |column: usize| self.columns.get(column).copied().flatten();
        let mut ordered: Vec<&(usize, Cell<'_>)> = cells.iter().collect();
        ordered.sort_by_key(|(column, _)| field_of(*column) != Some("id"));
        for (column, cell) in ordered {
            let (l, c) = grid.place(line, *column);
            let Some(field) = field_of(*column) else {
                errors.push(LogError::new(
                    grid.file(),
                    l,
                    c,
                    format!(
                        "{}: a value in {}, which has no name in the header row: name the column or empty it",
                        draft.label(),
                        grid.column_name(*column)
                    ),
                ));
                continue;
            };
            draft.key_lines.insert(field, line);
            if let Err(problem) = set(&mut draft, field, cell, self.core_items) {
                errors.push(LogError::new(
                    grid.file(),
                    l,
                    c,
                    format!(
                        "{}: `{field}`{} {problem}",
                        draft.label(),
                        grid.cell_note(line, *column)
                    ),
                ));
            }
        }
        let document = draft.finish(
            grid.file(),
            |key| match key.and_then(|k| self.columns.iter().position(|f| *f == Some(k))) {
                Some(column) => grid.place(line, column),
                None => (Some(line), None),
            },
            errors,
        );
        if errors.len() > before {
            None
        } else {
            document
        }
    }
}

/// Sets `field` from `cell`, or says what is wrong with it (after the field's name).
fn set(
    draft: &mut Draft,
    field: &'static str,
    cell: &Cell<'_>,
    core_items: u8,
) -> Result<(), String> {
    match field {
        "id" => draft.id = Some(id(cell)?),
        "title" => draft.title = Some(text(cell)),
        "url" => draft.url = Some(text(cell)),
        "file" => draft.file = Some(text(cell)),
        "series" => draft.series = Some(text(cell)),
        "body" => draft.body = Some(text(cell)),
        "date" => draft.date = Some(date(cell)?),
        "until" => draft.until = Some(date(cell)?),
        "core" => draft.core = core(cell, core_items)?,
        "public" => draft.public = Some(boolean(cell)?),
        _ => unreachable!("every field is handled"),
    }
    Ok(())
}

/// A header cell as a message quotes it: one line (a quoted cell may hold
/// line breaks), control characters blanked, at most 40 characters.
fn shown(name: &str) -> String {
    let line: String = name
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if line.chars().count() > 40 {
        format!("{}…", line.chars().take(40).collect::<String>())
    } else {
        line
    }
}

fn found(cell: &Cell<'_>) -> String {
    match cell {
        Cell::Text(s) => format!("{:?}", s.trim()),
        Cell::Number(n) => n.to_string(),
        Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Cell::Date(d) => format!("the date {d}"),
        Cell::Invalid(s) => s.clone(),
    }
}

fn text(cell: &Cell<'_>) -> String {
    match cell {
        Cell::Text(s) => s.trim().to_string(),
        Cell::Number(n) => n.to_string(),
        Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Cell::Date(d) => d.to_string(),
        Cell::Invalid(s) => s.clone(),
    }
}

fn whole_number(n: f64) -> Option<u64> {
    (n.fract() == 0.0 && (0.0..=9_007_199_254_740_992.0).contains(&n)).then_some(n as u64)
}

fn id(cell: &Cell<'_>) -> Result<u64, String> {
    let n = match cell {
        Cell::Text(s) => {
            let s = s.trim();
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse::<u64>().map_err(|_| {
                    format!("is too large (found {s}): document numbers are small whole numbers")
                })?
            } else {
                let hint = if s.starts_with(|c: char| c.is_alphabetic())
                    && s.trim_start_matches(|c: char| c.is_alphabetic())
                        .trim()
                        .parse::<u64>()
                        .is_ok()
                {
                    ": write the number without the reference prefix"
                } else {
                    ""
                };
                return Err(format!(
                    "must be a whole number like 12 (found {}){hint}",
                    found(cell)
                ));
            }
        }
        Cell::Number(n) => whole_number(*n)
            .ok_or_else(|| format!("must be a whole number like 12 (found {})", found(cell)))?,
        _ => {
            return Err(format!(
                "must be a whole number like 12 (found {})",
                found(cell)
            ));
        }
    };
    if n == 0 {
        return Err("must be 1 or more (found 0): document numbers start at 1".to_string());
    }
    Ok(n)
}

/// A date written as text, as Excel may save it: `2024-09-30` or `30/09/2024`, perhaps
/// with a time of day after it (`30/09/2024 00:00`), which is dropped.
pub(crate) fn date_text(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Some(d) = Date::parse(s) {
        return Some(d);
    }
    let (date, time) = s.split_once([' ', 'T'])?;
    let time = time.trim();
    let is_time = time.contains(':')
        && time.starts_with(|c: char| c.is_ascii_digit())
        && time
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b':' || b == b'.');
    if is_time { Date::parse(date) } else { None }
}

fn date(cell: &Cell<'_>) -> Result<Date, String> {
    match cell {
        Cell::Date(d) => Ok(*d),
        Cell::Text(s) => date_text(s).ok_or_else(|| {
            format!(
                "must be a date like 2024-09-30 or 30/09/2024 (found {})",
                found(cell)
            )
        }),
        Cell::Number(_) => Err(format!(
            "must be a date like 2024-09-30 or 30/09/2024 (found the number {}): format the cell as a date or write the date as text",
            found(cell)
        )),
        _ => Err(format!(
            "must be a date like 2024-09-30 or 30/09/2024 (found {})",
            found(cell)
        )),
    }
}

fn core_item(n: Option<u64>, cell: &Cell<'_>, core_items: u8) -> Result<u8, String> {
    match n {
        Some(n) if (1..=u64::from(core_items)).contains(&n) => Ok(n as u8),
        _ => Err(format!(
            "must be Appendix 2 item numbers from 1 to {core_items}, several separated by `;` like 6;8 (found {})",
            found(cell)
        )),
    }
}

fn core(cell: &Cell<'_>, core_items: u8) -> Result<Vec<u8>, String> {
    let mut items = Vec::new();
    match cell {
        Cell::Number(n) => items.push(core_item(whole_number(*n), cell, core_items)?),
        Cell::Text(s) => {
            for part in s.split([';', ',']) {
                let part = part.trim();
                if part.is_empty() {
                    continue;
                }
                let n = if part.bytes().all(|b| b.is_ascii_digit()) {
                    part.parse().ok()
                } else {
                    None
                };
                let item = core_item(n, cell, core_items)?;
                if !items.contains(&item) {
                    items.push(item);
                }
            }
        }
        _ => return core_item(None, cell, core_items).map(|_| Vec::new()),
    }
    Ok(items)
}

fn boolean(cell: &Cell<'_>) -> Result<bool, String> {
    match cell {
        Cell::Bool(b) => Ok(*b),
        Cell::Text(s) => match s.trim().to_lowercase().as_str() {
            "true" | "yes" => Ok(true),
            "false" | "no" => Ok(false),
            _ => Err(format!(
                "must be true or false (or yes or no) (found {})",
                found(cell)
            )),
        },
        _ => Err(format!(
            "must be true or false (or yes or no) (found {})",
            found(cell)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_with_times() {
        let want = Date::new(2024, 9, 30);
        assert_eq!(date_text("30/09/2024 00:00"), want);
        assert_eq!(date_text("2024-09-30T10:15:00"), want);
        assert_eq!(date_text("2024-09-30 10:15:00.000"), want);
        assert_eq!(date_text("30/09/2024 later"), None);
        assert_eq!(date_text("30 Sept"), None);
    }

    #[test]
    fn cells() {
        assert_eq!(id(&Cell::Text(" 12 ")), Ok(12));
        assert_eq!(id(&Cell::Number(12.0)), Ok(12));
        assert!(id(&Cell::Number(12.5)).is_err());
        assert!(id(&Cell::Text("0")).unwrap_err().contains("1 or more"));
        assert!(
            id(&Cell::Text("E12"))
                .unwrap_err()
                .contains("without the reference prefix")
        );
        assert!(
            id(&Cell::Text("99999999999999999999"))
                .unwrap_err()
                .contains("too large")
        );
        assert_eq!(core(&Cell::Text("6; 8;"), 13), Ok(vec![6, 8]));
        assert_eq!(core(&Cell::Text("6,8,6"), 13), Ok(vec![6, 8]));
        assert_eq!(core(&Cell::Number(13.0), 13), Ok(vec![13]));
        assert!(
            core(&Cell::Text("14"), 13)
                .unwrap_err()
                .contains("(found \"14\")")
        );
        assert!(core(&Cell::Text("six"), 13).is_err());
        assert_eq!(boolean(&Cell::Text("Yes")), Ok(true));
        assert_eq!(boolean(&Cell::Text("FALSE")), Ok(false));
        assert!(boolean(&Cell::Text("maybe")).is_err());
        assert_eq!(text(&Cell::Number(2024.0)), "2024");
        assert!(
            date(&Cell::Number(45565.0))
                .unwrap_err()
                .contains("format the cell as a date")
        );
    }
}

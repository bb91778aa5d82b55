//! The TOML document log: `[[document]]` tables.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{CORE_ITEMS, Document, DocumentLog, Draft, FIELDS, LineIndex, LogError, suggestion};
use crate::date::Date;

/// Parses a TOML log. `path_for_messages` names the file in errors; every error has the
/// line and column of the offending key (or of the `[[document]]` header).
pub fn parse_toml_log(path_for_messages: &str, text: &str) -> Result<DocumentLog, LogError> {
    parse_toml_log_with_items(path_for_messages, text, CORE_ITEMS)
}

/// [`parse_toml_log`] for a guidance whose core document request has `core_items` items.
pub fn parse_toml_log_with_items(
    path_for_messages: &str,
    text: &str,
    core_items: u8,
) -> Result<DocumentLog, LogError> {
    let (log, errors) = read(path_for_messages, text, core_items);
    match LogError::collect(errors) {
        Some(error) => Err(error),
        None => Ok(log),
    }
}

struct Reader<'a> {
    file: &'a str,
    lines: LineIndex<'a>,
    errors: Vec<LogError>,
    /// Appendix 2 items are numbered 1 to this.
    core_items: u8,
}

impl Reader<'_> {
    fn error(&mut self, span: Range<usize>, message: String) {
        let (line, column) = self.lines.line_col(span.start);
        self.errors
            .push(LogError::new(self.file, Some(line), Some(column), message));
    }

    fn line(&self, span: &Range<usize>) -> usize {
        self.lines.line_col(span.start).0
    }
}

/// A TOML value described for "found ..." in messages.
fn describe(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => format!("the text {:?}", s.as_ref()),
        DeValue::Integer(i) => format!("the number {i}"),
        DeValue::Float(f) => format!("the number {f}"),
        DeValue::Boolean(b) => format!("{b}"),
        DeValue::Datetime(d) => format!("{d}"),
        DeValue::Array(_) => "a list".to_string(),
        DeValue::Table(_) => "a table".to_string(),
    }
}

/// The entries of a table in source order (the parsed table is sorted by key).
fn in_order<'t, 'i>(
    table: &'t DeTable<'i>,
) -> Vec<(
    &'t Spanned<std::borrow::Cow<'i, str>>,
    &'t Spanned<DeValue<'i>>,
)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    entries
}

fn integer(value: &DeValue<'_>) -> Option<i128> {
    match value {
        DeValue::Integer(i) => {
            let digits = i.as_str().replace('_', "");
            i128::from_str_radix(&digits, i.radix()).ok()
        }
        _ => None,
    }
}

pub(crate) fn read(file: &str, text: &str, core_items: u8) -> (DocumentLog, Vec<LogError>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader {
        file,
        lines: LineIndex::new(text),
        errors: Vec::new(),
        core_items,
    };
    let mut log = DocumentLog {
        path: file.to_string(),
        documents: Vec::new(),
    };
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = match crate::date::toml_assignment_at(text, span.start) {
                Some((key @ ("date" | "until"), written)) => format!(
                    "`{key}` must be a date written like 2025-09-30 (year, month, day), or in quotes like \"30/09/2025\": `{written}` is not one"
                ),
                _ => format!(
                    "the log is not valid TOML: {}: see the example entries in the psdoc README",
                    e.message().trim_end()
                ),
            };
            reader.error(span, message);
            return (log, reader.errors);
        }
    };
    for (key, value) in in_order(root.get_ref()) {
        if key.get_ref() != "document" {
            reader.error(
                key.span(),
                format!(
                    "unknown key `{}` at the top of the log: {}each entry is a [[document]] table",
                    key.get_ref(),
                    if key.get_ref().to_lowercase().starts_with("doc") {
                        "did you mean `document`? "
                    } else {
                        ""
                    }
                ),
            );
            continue;
        }
        let DeValue::Array(entries) = value.get_ref() else {
            reader.error(
                key.span(),
                format!(
                    "`document` must be a list of [[document]] tables (found {}): write each entry's header with double brackets, [[document]]",
                    describe(value.get_ref())
                ),
            );
            continue;
        };
        for entry in entries.iter() {
            let DeValue::Table(table) = entry.get_ref() else {
                reader.error(
                    entry.span(),
                    format!(
                        "each document must be a table with id, title and its other keys (found {})",
                        describe(entry.get_ref())
                    ),
                );
                continue;
            };
            if let Some(document) = read_document(&mut reader, entry.span(), table) {
                log.documents.push(document);
            }
        }
    }
    (log, reader.errors)
}

fn read_document(
    reader: &mut Reader<'_>,
    header: Range<usize>,
    table: &DeTable<'_>,
) -> Option<Document> {
    let before = reader.errors.len();
    let mut draft = Draft {
        line: reader.line(&header),
        ..Draft::default()
    };
    let mut spans: Vec<(&'static str, Range<usize>)> = Vec::new();
    let entries = in_order(table);
    // The id first, so that later messages can name the document.
    if let Some((_, value)) = entries.iter().find(|(k, _)| k.get_ref() == "id") {
        match integer(value.get_ref()) {
            Some(n) if n >= 1 && n <= i128::from(u64::MAX) => draft.id = Some(n as u64),
            Some(n) if n < 1 => reader.error(
                value.span(),
                format!("a document: `id` must be 1 or more (found {n}): document numbers start at 1"),
            ),
            Some(n) => reader.error(
                value.span(),
                format!("a document: `id` is too large (found {n}): document numbers are small whole numbers"),
            ),
            None => {
                let hint = match value.get_ref() {
                    DeValue::String(s) if s.trim().parse::<u64>().is_ok() => {
                        format!(": write it without quotes, id = {}", s.trim())
                    }
                    _ => String::new(),
                };
                reader.error(
                    value.span(),
                    format!(
                        "a document: `id` must be a whole number like 12 (found {}){hint}",
                        describe(value.get_ref())
                    ),
                );
            }
        }
    }
    let label = draft.label();
    for (key, value) in entries {
        let name = key.get_ref().as_ref();
        let Some(field) = FIELDS.iter().copied().find(|f| *f == name) else {
            reader.error(
                key.span(),
                format!(
                    "{label}: unknown key `{name}`: {}the keys are {}",
                    suggestion(name),
                    FIELDS.join(", ")
                ),
            );
            continue;
        };
        draft.key_lines.insert(field, reader.line(&key.span()));
        spans.push((field, key.span()));
        let v = value.get_ref();
        let problem = match field {
            "id" => None,
            "title" | "url" | "file" | "series" | "body" => match v {
                DeValue::String(s) if s.trim().is_empty() => Some(format!(
                    "is empty: {}, or remove the line",
                    match field {
                        "title" => "give the document's name",
                        "url" => "give the link",
                        "file" => "give the path of the local copy inside the evidence folder",
                        _ => "write it",
                    }
                )),
                DeValue::String(s) => {
                    let s = Some(s.trim().to_string());
                    match field {
                        "title" => draft.title = s,
                        "url" => draft.url = s,
                        "file" => draft.file = s,
                        "series" => draft.series = s,
                        _ => draft.body = s,
                    }
                    None
                }
                other => Some(format!(
                    "must be text in quotes, like {field} = \"...\" (found {})",
                    describe(other)
                )),
            },
            "date" | "until" => match date_value(v) {
                Ok(d) => {
                    if field == "date" {
                        draft.date = Some(d);
                    } else {
                        draft.until = Some(d);
                    }
                    None
                }
                Err(problem) => Some(problem),
            },
            "core" => match core_value(v, reader.core_items) {
                Ok(items) => {
                    draft.core = items;
                    None
                }
                Err(problem) => Some(problem),
            },
            "public" => match v {
                DeValue::Boolean(b) => {
                    draft.public = Some(*b);
                    None
                }
                other => Some(format!(
                    "must be true or false, without quotes (found {})",
                    describe(other)
                )),
            },
            _ => unreachable!("every field is handled"),
        };
        if let Some(problem) = problem {
            reader.error(value.span(), format!("{label}: `{field}` {problem}"));
        }
    }
    let lines = &reader.lines;
    let document = draft.finish(
        reader.file,
        |key| {
            let span = key
                .and_then(|k| spans.iter().find(|(f, _)| *f == k))
                .map_or(header.clone(), |(_, s)| s.clone());
            let (line, column) = lines.line_col(span.start);
            (Some(line), Some(column))
        },
        &mut reader.errors,
    );
    if reader.errors.len() > before {
        None
    } else {
        document
    }
}

fn date_value(v: &DeValue<'_>) -> Result<Date, String> {
    match v {
        DeValue::Datetime(d) => Date::from_toml(d).ok_or_else(|| {
            format!("must be a date like 2024-09-30 (found the time {d})")
        }),
        // A quoted date is still unambiguous.
        DeValue::String(s) => Date::parse(s).ok_or_else(|| {
            format!("must be a date like 2024-09-30 (found {:?}): write it without quotes, e.g. date = 2024-09-30", s.as_ref())
        }),
        other => Err(format!("must be a date like 2024-09-30 (found {})", describe(other))),
    }
}

fn core_value(v: &DeValue<'_>, core_items: u8) -> Result<Vec<u8>, String> {
    let item = |v: &DeValue<'_>| match integer(v) {
        Some(n) if n >= 1 && n <= i128::from(core_items) => Ok(n as u8),
        _ => Err(format!(
            "must be an Appendix 2 item from 1 to {core_items}, or a list like [6, 8] (found {})",
            describe(v)
        )),
    };
    match v {
        DeValue::Array(items) => {
            let mut out = Vec::new();
            for v in items.iter() {
                let n = item(v.get_ref())?;
                if !out.contains(&n) {
                    out.push(n);
                }
            }
            Ok(out)
        }
        other => Ok(vec![item(other)?]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> DocumentLog {
        parse_toml_log("evidence/log.toml", text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn err(text: &str) -> LogError {
        parse_toml_log("evidence/log.toml", text).unwrap_err()
    }

    const LOG: &str = r#"# Loch Ard document log

[[document]]
id = 12                                   # the document number
title = "Child protection committee annual report 2023-24"
url = "https://example.org/cpc-annual-report-2023-24.pdf"
date = 2024-09-30
until = 2026-03-31
core = 6
series = "CPC annual report"

[[document]]
id = 13
title = "Multi-agency audit of initial referral discussions, 2024"
file = "audits/ird-audit-2024.pdf"
public = false
date = 2024-11-01
core = [5, 12, 5]
body = "CPC"
"#;

    #[test]
    fn the_contract_example() {
        let log = ok(LOG);
        assert_eq!(log.path, "evidence/log.toml");
        let [a, b] = &log.documents[..] else { panic!() };
        assert_eq!(a.id, 12);
        assert_eq!(a.line, 3);
        assert_eq!(a.key_lines["id"], 4);
        assert_eq!(a.key_lines["url"], 6);
        assert_eq!(a.line_of("series"), 10);
        assert_eq!(a.line_of("body"), 3);
        assert!(a.public);
        assert_eq!(a.date, Date::new(2024, 9, 30));
        assert_eq!(a.until, Date::new(2026, 3, 31));
        assert_eq!(a.core, vec![6]);
        assert_eq!(a.series.as_deref(), Some("CPC annual report"));
        assert_eq!(b.line, 12);
        assert!(!b.public);
        assert_eq!(b.file.as_deref(), Some("audits/ird-audit-2024.pdf"));
        assert_eq!(b.core, vec![5, 12]);
        assert_eq!(b.body.as_deref(), Some("CPC"));
    }

    #[test]
    fn an_empty_log_has_no_documents() {
        assert!(ok("").documents.is_empty());
        assert!(ok("# nothing yet\n").documents.is_empty());
        assert!(
            ok("\u{feff}[[document]]\nid = 1\ntitle = \"x\"\n")
                .documents
                .len()
                == 1
        );
    }

    #[test]
    fn public_defaults_from_the_url() {
        let log = ok(
            "[[document]]\nid = 1\ntitle = \"a\"\n[[document]]\nid = 2\ntitle = \"b\"\npublic = true\n",
        );
        assert!(!log.documents[0].public);
        assert!(log.documents[1].public);
    }

    #[test]
    fn inline_tables_and_crlf() {
        let log = ok(
            "document = [\r\n  { id = 1, title = \"a\" },\r\n  { id = 0x2, title = \"b\", core = [] },\r\n]\r\n",
        );
        assert_eq!(log.documents.len(), 2);
        assert_eq!(log.documents[1].id, 2);
        assert_eq!(log.documents[1].line, 3);
        assert!(log.documents[1].core.is_empty());
        assert_eq!(
            ok("[[document]]\nid = 1_000\ntitle = \"a\"").documents[0].id,
            1000
        );
    }

    #[test]
    fn unknown_key() {
        let e = err("[[document]]\nid = 12\ntitel = \"Plan\"\n");
        assert_eq!(
            e.to_string(),
            "evidence/log.toml:3:1: document 12: unknown key `titel`: did you mean `title`? the keys are id, title, url, file, date, until, core, series, body, public (and 1 more problem in the log)"
        );
        assert!(e.more[0].message.contains("document 12 has no `title`"));
        assert_eq!(e.more[0].line, Some(1));
        let e = err("[[documents]]\nid = 1\n");
        assert!(
            e.message.contains(
                "unknown key `documents` at the top of the log: did you mean `document`?"
            ),
            "{e}"
        );
        assert_eq!((e.line, e.column), (Some(1), Some(3)));
    }

    #[test]
    fn wrong_types() {
        let e = err("[[document]]\nid = \"12\"\ntitle = \"Plan\"\n");
        assert_eq!(
            e.to_string(),
            "evidence/log.toml:2:6: a document: `id` must be a whole number like 12 (found the text \"12\"): write it without quotes, id = 12"
        );
        let e = err("[[document]]\nid = 1\ntitle = 2024\n");
        assert_eq!(
            e.to_string(),
            "evidence/log.toml:3:9: document 1: `title` must be text in quotes, like title = \"...\" (found the number 2024)"
        );
        let e = err("[[document]]\nid = 1\ntitle = \"a\"\npublic = \"no\"\n");
        assert!(e.message.contains("`public` must be true or false"), "{e}");
        let e = err("[[document]]\nid = 1.5\ntitle = \"a\"\n");
        assert!(e.message.contains("found the number 1.5"), "{e}");
        let e = err("[document]\nid = 1\ntitle = \"a\"\n");
        assert!(
            e.message
                .contains("(found a table): write each entry's header with double brackets"),
            "{e}"
        );
        let e = err("document = 3\n");
        assert!(
            e.message.contains("must be a list of [[document]] tables"),
            "{e}"
        );
        let e = err("[[document]]\nid = 1\ntitle = \"a\"\n[document.extra]\nx = 1\n");
        assert!(e.message.contains("unknown key `extra`"), "{e}");
        assert_eq!(e.line, Some(4));
    }

    #[test]
    fn bad_dates() {
        let e = err("[[document]]\nid = 12\ntitle = \"a\"\ndate = \"30 Sept\"\n");
        assert_eq!(
            e.to_string(),
            "evidence/log.toml:4:8: document 12: `date` must be a date like 2024-09-30 (found \"30 Sept\"): write it without quotes, e.g. date = 2024-09-30"
        );
        let e = err("[[document]]\nid = 12\ntitle = \"a\"\nuntil = 10:00:00\n");
        assert!(e.message.contains("`until` must be a date"), "{e}");
        let e = err("[[document]]\nid = 12\ntitle = \"a\"\ndate = 2024\n");
        assert!(e.message.contains("found the number 2024"), "{e}");
        // An impossible date, or one in another order, is a TOML error: the
        // message says how to write it.
        for written in ["2023-02-29", "30/09/2024", "2024-9-30"] {
            let e = err(&format!(
                "[[document]]\nid = 12\ntitle = \"a\"\ndate = {written}\n"
            ));
            assert_eq!(
                e.message,
                format!(
                    "`date` must be a date written like 2025-09-30 (year, month, day), or in quotes like \"30/09/2025\": `{written}` is not one"
                )
            );
            assert_eq!(e.line, Some(4));
        }
        // Quoted dates in either form, and date-times, are accepted.
        let log = ok(
            "[[document]]\nid = 1\ntitle = \"a\"\ndate = \"30/09/2024\"\nuntil = 2026-03-31T00:00:00Z\n",
        );
        assert_eq!(log.documents[0].date, Date::new(2024, 9, 30));
        assert_eq!(log.documents[0].until, Date::new(2026, 3, 31));
    }

    #[test]
    fn core_items() {
        let e = err("[[document]]\nid = 12\ntitle = \"a\"\ncore = 14\n");
        assert_eq!(
            e.to_string(),
            "evidence/log.toml:4:8: document 12: `core` must be an Appendix 2 item from 1 to 13, or a list like [6, 8] (found the number 14)"
        );
        let e = err("[[document]]\nid = 12\ntitle = \"a\"\ncore = [6, \"8\"]\n");
        assert!(e.message.contains("found the text \"8\""), "{e}");
        let e = err("[[document]]\nid = 12\ntitle = \"a\"\ncore = 0\n");
        assert!(e.message.contains("from 1 to 13"), "{e}");
    }

    #[test]
    fn whole_entry_problems() {
        let e = err("[[document]]\ntitle = \"a\"\n");
        assert_eq!(
            e.to_string(),
            "evidence/log.toml:1:1: a document with no `id`: give every document its number, e.g. id = 12"
        );
        let e = err("[[document]]\nid = 0\ntitle = \"a\"\n");
        assert_eq!(
            e.to_string(),
            "evidence/log.toml:2:6: a document: `id` must be 1 or more (found 0): document numbers start at 1"
        );
        let e = err("[[document]]\nid = 3\ntitle = \" \"\n");
        assert!(e.message.contains("`title` is empty"), "{e}");
        let e = err(
            "[[document]]\nid = 3\ntitle = \"a\"\nurl = \"https://example.org\"\nfile = \"a.pdf\"\n",
        );
        assert!(
            e.message.contains("document 3 has both `url` and `file`"),
            "{e}"
        );
        assert_eq!((e.line, e.column), (Some(5), Some(1)));
    }

    #[test]
    fn syntax_errors_have_a_place() {
        let e = err("[[document]]\nid = 3\ntitle = \"a\n");
        assert!(e.message.starts_with("the log is not valid TOML"), "{e}");
        assert_eq!(e.line, Some(3));
        let e = err("[[document]]\nid = 3\nid = 4\n");
        assert!(e.message.contains("duplicate key"), "{e}");
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn findings_are_left_to_the_rules() {
        let log = ok(
            "[[document]]\nid = 1\ntitle = \"a\"\nurl = \"not a link\"\n\n[[document]]\nid = 1\ntitle = \"b\"\npublic = true\n\n[[document]]\nid = 2\ntitle = \"c\"\nfile = \"../../etc/passwd\"\n",
        );
        assert_eq!(log.documents.len(), 3);
        assert_eq!(log.documents[1].line, 6);
        assert_eq!(log.documents[0].url.as_deref(), Some("not a link"));
        assert_eq!(log.documents[2].file.as_deref(), Some("../../etc/passwd"));
    }

    #[test]
    fn errors_are_collected_in_order() {
        let e = err(
            "[[document]]\nid = 1\ntitle = \"a\"\ndate = \"x\"\n[[document]]\nid = 2\ntitle = \"b\"\ncore = 99\n",
        );
        let lines: Vec<_> = e.all().map(|e| e.line).collect();
        assert_eq!(lines, [Some(4), Some(8)]);
    }
}

//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it.
//!
//! The driver lists every rule of the registry with its documentation, so
//! code scanning shows `psdoc explain`'s text beside each alert. Columns
//! count UTF-16 code units, as SARIF's default `columnKind` says.

use serde_json::{Map, Value, json};

use crate::diagnostic::Diagnostic;
use crate::report::Report;
use crate::rules::{RULES, Rule, Severity};
use crate::text::inert;

use super::prefixed;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const INFORMATION_URI: &str = "https://github.com/psdoc/psdoc";

/// Options for SARIF.
#[derive(Debug, Clone, Default)]
pub struct SarifOptions {
    /// Prepended to every file path: the statement root relative to the
    /// repository's root, with a trailing `/` (empty when they are the same).
    pub path_prefix: String,
}

/// The report as one SARIF log with one run, pretty-printed, with a final
/// newline.
pub fn render(report: &Report, options: &SarifOptions) -> String {
    let redactor = &report.redactor;
    let mut rules: Vec<Value> = RULES.iter().map(|r| descriptor(r)).collect();
    // A finding of a rule outside the registry (one still being written)
    // still needs a descriptor for its ruleIndex.
    let mut extra: Vec<&str> = report
        .diagnostics
        .iter()
        .map(|d| d.rule)
        .filter(|name| !RULES.iter().any(|r| r.name == *name))
        .collect();
    extra.sort_unstable();
    extra.dedup();
    for name in &extra {
        rules.push(json!({
            "id": name,
            "name": name,
            "shortDescription": {"text": name},
            "fullDescription": {"text": name},
            "help": {"text": format!("psdoc explain {name}"), "markdown": format!("`psdoc explain {name}`")},
            "defaultConfiguration": {"level": "warning"},
        }));
    }
    let index_of = |name: &str| -> usize {
        RULES
            .iter()
            .position(|r| r.name == name)
            .or_else(|| {
                extra
                    .iter()
                    .position(|n| *n == name)
                    .map(|i| RULES.len() + i)
            })
            .expect("every rule has a descriptor")
    };
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| result(report, d, index_of(d.rule), redactor, &options.path_prefix))
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "psdoc",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "columnKind": "utf16CodeUnits",
            "results": results,
            "properties": {
                "words": report.words,
                "wordLimit": report.word_limit,
                // The guidance's focus quality indicators and the sections addressing each.
                "qiCoverage": report
                    .qi_coverage
                    .iter()
                    .map(|(qi, sections)| (qi.clone(), json!(sections)))
                    .collect::<serde_json::Map<String, Value>>(),
            },
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).expect("serialisable");
    s.push('\n');
    s
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A rule's `reportingDescriptor`, its help from `psdoc explain`'s text.
fn descriptor(rule: &Rule) -> Value {
    let text = format!(
        "{what}\n\nWhy the guidance cares: {why}\n\nExample:\n{example}\n\nHow to fix it: {fix}",
        what = rule.what,
        why = rule.why,
        example = rule.example,
        fix = rule.fix,
    );
    let markdown = format!(
        "**What it finds**\n\n{what}\n\n**Why the guidance cares**\n\n{why}\n\n**Example**\n\n```text\n{example}\n```\n\n**How to fix it**\n\n{fix}\n\nRun `psdoc explain {name}` for this text; change its severity under `[rules]` in partnership.toml.",
        name = rule.name,
        what = rule.what,
        why = rule.why,
        example = rule.example.replace("```", "'''"),
        fix = rule.fix,
    );
    json!({
        "id": rule.name,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.what},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": level(rule.default_severity)},
        "properties": {"tags": ["position-statement"]},
    })
}

fn result(
    report: &Report,
    d: &Diagnostic,
    index: usize,
    redactor: &crate::redact::Redactor,
    prefix: &str,
) -> Value {
    let mut message = redactor.redact(&d.message).into_owned();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(&redactor.redact(help));
    }
    // The message quotes the statement: no embedded link, mention or
    // reference can come from it.
    let message = inert::sarif_text(&message);
    let column = utf16_column(report, d);
    let mut properties = Map::new();
    if let Some(kind) = &d.kind {
        properties.insert("kind".into(), json!(kind));
    }
    if let Some(masked) = &d.masked {
        properties.insert("masked".into(), json!(masked));
    }
    if let Some(section) = d.section {
        properties.insert("section".into(), json!(section.key()));
    }
    if let Some(page) = d.page {
        properties.insert("page".into(), json!(page));
    }
    if let Some(sheet) = &d.sheet {
        properties.insert(
            "sheet".into(),
            json!(inert::sarif_text(&redactor.redact(sheet))),
        );
    }
    if let Some(cell) = &d.cell {
        properties.insert("cell".into(), json!(cell));
    }
    let mut out = json!({
        "ruleId": d.rule,
        "ruleIndex": index,
        "level": level(d.severity),
        "message": {"text": message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": uri(&prefixed(prefix, &d.file))},
            "region": {"startLine": d.line.max(1), "startColumn": column},
        }}],
    });
    if !properties.is_empty() {
        out["properties"] = Value::Object(properties);
    }
    out
}

/// The finding's column in UTF-16 code units, from its column in
/// characters and the text of its line (unchanged when psdoc kept no text,
/// as for a PDF).
fn utf16_column(report: &Report, d: &Diagnostic) -> usize {
    let column = d.column.max(1);
    let Some(text) = report.snippet_line(&d.file, d.line) else {
        return column;
    };
    let units: usize = text.chars().take(column - 1).map(char::len_utf16).sum();
    // A column past the end of the line (an end-of-line finding) keeps its
    // distance beyond it.
    let beyond = (column - 1).saturating_sub(text.chars().count());
    units + beyond + 1
}

/// A relative path as a URI reference: each segment percent-encoded where
/// RFC 3986 requires it.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(uri("book/src/data.md"), "book/src/data.md");
        assert_eq!(
            uri("evidence/files/Audit 2024 (final).pdf"),
            "evidence/files/Audit%202024%20(final).pdf"
        );
        assert_eq!(uri("book/src/ré.md"), "book/src/r%C3%A9.md");
    }
}

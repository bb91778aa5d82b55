//! `--format markdown`: a summary for `$GITHUB_STEP_SUMMARY` (or any
//! Markdown page): the words against the limit, every finding in a table,
//! and which sections speak to the guidance's focus quality indicators.

use crate::check::Tally;
use crate::report::Report;
use crate::rules::Severity;
use crate::text::inert;

use crate::text::thousands;

/// GitHub's limit for one step's summary.
pub const STEP_SUMMARY_LIMIT: usize = 1024 * 1024;

/// The longest finding shown (a message quoting a very long line is cut).
const MAX_FINDING_CHARS: usize = 2_000;

/// The summary, at most `STEP_SUMMARY_LIMIT` bytes.
pub fn render(report: &Report) -> String {
    render_capped(report, STEP_SUMMARY_LIMIT)
}

/// The summary, at most `max_bytes` bytes (rows past it are counted, not
/// shown).
pub fn render_capped(report: &Report, max_bytes: usize) -> String {
    let redactor = &report.redactor;
    let tally = Tally::of(&report.diagnostics);
    let mut out = String::from("## psdoc: position statement check\n\n");
    let verdict = if tally.errors > 0 {
        "**Does not pass**: fix the errors below before this is merged or submitted."
    } else if tally.warnings > 0 {
        "**Passes**, with warnings to consider."
    } else {
        "**Passes**: no problems found."
    };
    out.push_str(verdict);
    out.push_str("\n\n");
    out.push_str(&format!(
        "| | |\n|---|---|\n| words | {} of {} ({}) |\n| errors | {} |\n| warnings | {} |\n\n",
        thousands(report.words),
        thousands(report.word_limit as usize),
        headroom(report.words, report.word_limit as usize),
        tally.errors,
        tally.warnings,
    ));
    if near_the_limit(report.words, report.word_limit as usize) {
        out.push_str("> The count is within 2% of the limit: other word counters may differ slightly from psdoc's (it counts as Microsoft Word does).\n\n");
    }

    let coverage = coverage_table(report);
    let closing = "Run `psdoc check` for source snippets and `psdoc explain RULE` for what a rule asks of the statement.\n";

    if !report.diagnostics.is_empty() {
        out.push_str("### Findings\n\n| severity | rule | where | finding |\n|---|---|---|---|\n");
        // Keep room for the coverage table, the closing line and the note
        // about rows left out.
        let reserve = coverage.len() + closing.len() + 200;
        let budget = max_bytes.saturating_sub(reserve);
        let mut shown = 0;
        for d in &report.diagnostics {
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut finding = redactor.redact(&d.message).into_owned();
            if let Some(help) = &d.help {
                finding.push_str(" (");
                finding.push_str(&redactor.redact(help));
                finding.push(')');
            }
            // The message quotes the statement (titles, headings, names):
            // inert, like the file name.
            let row = format!(
                "| {severity} | {} | {} | {} |\n",
                inert::code_cell(d.rule),
                inert::code_cell(&format!("{}:{}:{}", d.file, d.line, d.column)),
                inert::markdown(&inert::shorten(&finding, MAX_FINDING_CHARS))
            );
            if out.len() + row.len() > budget {
                break;
            }
            out.push_str(&row);
            shown += 1;
        }
        let hidden = report.diagnostics.len() - shown;
        if hidden > 0 {
            out.push_str(&format!(
                "\n{hidden} more finding{} not shown here (the summary is limited to 1 MiB): run `psdoc check` to see them all.\n",
                if hidden == 1 { " is" } else { "s are" }
            ));
        }
        out.push('\n');
    }
    if out.len() + coverage.len() + closing.len() <= max_bytes {
        out.push_str(&coverage);
    }
    if out.len() + closing.len() <= max_bytes {
        out.push_str(closing);
    }
    out
}

fn coverage_table(report: &Report) -> String {
    if report.qi_coverage.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "### Focus quality indicators\n\n| QI | sections that refer to it |\n|---|---|\n",
    );
    for (qi, sections) in &report.qi_coverage {
        let where_ = if sections.is_empty() {
            "none".to_owned()
        } else {
            sections
                .iter()
                .map(|s| inert::code_cell(s))
                .collect::<Vec<_>>()
                .join(", ")
        };
        // A QI number as it is; anything else (a profile's own name) inert.
        let qi = if qi.chars().all(|c| c.is_ascii_digit() || c == '.') {
            qi.clone()
        } else {
            inert::markdown(qi)
        };
        out.push_str(&format!("| {qi} | {where_} |\n"));
    }
    out.push('\n');
    out
}

/// "130 to spare" or "70 over".
fn headroom(words: usize, limit: usize) -> String {
    if words <= limit {
        format!("{} to spare", thousands(limit - words))
    } else {
        format!("**{} over**", thousands(words - limit))
    }
}

/// Within 2% of the limit, on either side.
pub fn near_the_limit(words: usize, limit: usize) -> bool {
    limit > 0 && words.abs_diff(limit) * 50 <= limit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report_with(findings: usize) -> Report {
        let mut d = crate::testing::diagnostic(
            "unknown-evidence",
            "book/src/data.md",
            3,
            7,
            "E99 is not in the document log (evidence/log.toml) | <b>",
        );
        d.length = 3;
        Report {
            suppressed: Vec::new(),
            diagnostics: vec![d; findings],
            words: 4990,
            word_limit: 5000,
            qi_coverage: vec![("1.1".into(), vec!["data".into()]), ("9.2".into(), vec![])],
            sources: Default::default(),
            redactor: crate::redact::Redactor::new(&crate::Config::default().privacy).unwrap(),
            guidance: psdoc_guidance::default_profile(),
            masked: Default::default(),
        }
    }

    #[test]
    fn the_summary_is_capped_and_says_what_it_left_out() {
        let report = report_with(5_000);
        let out = render_capped(&report, 20_000);
        assert!(out.len() <= 20_000, "{}", out.len());
        assert!(out.contains("more findings are not shown here"), "{out}");
        assert!(out.contains("### Focus quality indicators"));
        assert!(out.contains("| 9.2 | none |"));
        assert!(out.contains("within 2% of the limit"));
        assert!(out.contains("\\| &lt;b&gt;"), "{out}");
        let full = render(&report_with(3));
        assert!(!full.contains("not shown"));
        assert_eq!(full, render(&report_with(3)), "deterministic");
    }

    #[test]
    fn near_the_limit_is_two_percent() {
        assert!(near_the_limit(4900, 5000));
        assert!(near_the_limit(5100, 5000));
        assert!(!near_the_limit(4899, 5000));
        assert!(!near_the_limit(10, 0));
    }
}

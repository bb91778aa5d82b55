//! Human output: rustc-style findings with source snippets.

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use crate::check::Tally;
use crate::diagnostic::Diagnostic;
use crate::report::Report;
use crate::rules::Severity;

use crate::text::thousands;

/// Options for human output.
#[derive(Debug, Clone, Copy, Default)]
pub struct HumanOptions {
    /// ANSI colours (the caller decides from `--color`, `NO_COLOR` and the
    /// terminal).
    pub color: bool,
    /// Findings only: no coverage table or summary line.
    pub quiet: bool,
}

/// Every finding with its snippet, then a one-line summary.
pub fn render(report: &Report, options: HumanOptions) -> String {
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&render_one(report, d, &renderer));
        out.push_str("\n\n");
    }
    if !options.quiet {
        out.push_str(&coverage_table(report));
        out.push_str(&summary_line(report));
        out.push('\n');
    }
    out
}

fn render_one(report: &Report, d: &Diagnostic, renderer: &Renderer) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(d.message.as_str()).id(d.rule);
    let line_text = report.snippet_line(&d.file, d.line);
    let mut group = match line_text {
        Some(text) if !text.trim().is_empty() => {
            let start = byte_of_column(&text, d.column);
            let end = byte_of_column(&text, d.column + d.length.max(1)).max(start);
            let end = if end == start {
                (start + 1).min(text.len())
            } else {
                end
            };
            let snippet = Snippet::source(text.clone())
                .line_start(d.line)
                .path(d.file.as_str())
                .annotation(AnnotationKind::Primary.span(start..end));
            title.element(snippet)
        }
        _ => title.element(
            annotate_snippets::Origin::path(d.file.as_str())
                .line(d.line)
                .char_column(d.column),
        ),
    };
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    renderer.render(&[group])
}

/// Byte offset of 1-based character column `column` in `text`.
fn byte_of_column(text: &str, column: usize) -> usize {
    text.char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i)
}

/// The guidance's focus quality indicators and the sections addressing
/// each, so the lead officer sees the gaps at a glance.
pub fn coverage_table(report: &Report) -> String {
    if report.qi_coverage.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "Focus quality indicators (the guidance's key QIs) and where the statement addresses them:\n",
    );
    for (number, sections) in &report.qi_coverage {
        let title = report
            .guidance
            .indicator(number)
            .map_or("", |q| q.title.as_str());
        let title: String = if title.chars().count() > 48 {
            format!("{}…", title.chars().take(47).collect::<String>())
        } else {
            title.to_owned()
        };
        let whereabouts = if sections.is_empty() {
            "not addressed".to_owned()
        } else {
            sections.join(", ")
        };
        out.push_str(&format!("  QI {number:<5} {title:<48}  {whereabouts}\n"));
    }
    out.push('\n');
    out
}

/// "2 errors, 1 warning; 4,870 of 5,000 words".
pub fn summary_line(report: &Report) -> String {
    let t = Tally::of(&report.diagnostics);
    let plural = |n: usize, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    let findings = if t.errors + t.warnings == 0 {
        "no problems found".to_owned()
    } else {
        format!(
            "{}, {}",
            plural(t.errors, "error"),
            plural(t.warnings, "warning")
        )
    };
    if report.word_limit == 0 {
        return format!("psdoc: {findings}");
    }
    format!(
        "psdoc: {findings}; {} of {} words",
        thousands(report.words),
        thousands(report.word_limit as usize)
    )
}

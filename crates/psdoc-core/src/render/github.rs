//! `--format github`: GitHub Actions workflow commands, so findings show as
//! annotations on the pull request's files.
//!
//! GitHub shows at most 10 error and 10 warning annotations per step and
//! silently drops the rest, so only the most important are emitted (errors
//! before warnings, personal identifiers first), followed by one notice
//! saying how many more there are. Every finding is also written to the log
//! as plain text with its source line; that document text is echoed inside
//! `::stop-commands::TOKEN` so nothing in a chapter can inject a command.

use crate::check::Tally;
use crate::diagnostic::Diagnostic;
use crate::report::Report;
use crate::rules::Severity;

use super::{human::summary_line, prefixed};

/// GitHub's per-step limit for each of errors and warnings.
pub const ANNOTATIONS_PER_LEVEL: usize = 10;

/// Options for workflow commands.
#[derive(Debug, Clone, Default)]
pub struct GithubOptions {
    /// Prepended to every file path (the statement root relative to the
    /// repository's root, with a trailing `/`; empty when they are the same),
    /// because GitHub resolves annotation paths from the repository's root.
    pub path_prefix: String,
}

/// The annotations, then every finding as plain text (document text fenced
/// by `stop-commands`), then the summary line.
pub fn render(report: &Report, options: &GithubOptions) -> String {
    let redactor = &report.redactor;
    let mut out = String::new();
    let chosen = most_important(&report.diagnostics);
    for d in &chosen {
        out.push_str(&command(d, redactor, &options.path_prefix));
        out.push('\n');
    }
    let hidden = report.diagnostics.len() - chosen.len();
    if hidden > 0 {
        let shown_errors = chosen
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let all = Tally::of(&report.diagnostics);
        let more_errors = all.errors - shown_errors;
        let more_warnings = all.warnings - (chosen.len() - shown_errors);
        let message = format!(
            "{hidden} more finding{} ({more_errors} error{}, {more_warnings} warning{}) are not shown as annotations, because GitHub shows at most {ANNOTATIONS_PER_LEVEL} of each kind per step: see the job summary or this step's log for every finding",
            plural(hidden),
            plural(more_errors),
            plural(more_warnings),
        );
        out.push_str(&format!(
            "::notice title={}::{}\n",
            escape_property("psdoc"),
            escape_data(&message)
        ));
    }

    let gaps: Vec<&str> = report
        .qi_coverage
        .iter()
        .filter(|(_, sections)| sections.is_empty())
        .map(|(qi, _)| qi.as_str())
        .collect();
    if !report.qi_coverage.is_empty() {
        let covered = report.qi_coverage.len() - gaps.len();
        let message = if gaps.is_empty() {
            format!(
                "the statement addresses all {covered} of the guidance's focus quality indicators"
            )
        } else {
            format!(
                "the statement addresses {covered} of the guidance's {} focus quality indicators; not addressed: QI {}",
                report.qi_coverage.len(),
                gaps.join(", QI ")
            )
        };
        out.push_str(&format!(
            "::notice title={}::{}\n",
            escape_property("psdoc: quality indicators"),
            escape_data(&message)
        ));
    }

    let listing = listing(report, redactor, &options.path_prefix);
    if !listing.is_empty() {
        let token = stop_token(&listing);
        out.push_str(&format!("::stop-commands::{token}\n"));
        out.push_str(&listing);
        out.push_str(&format!("::{token}::\n"));
    }
    out.push_str(&summary_line(report));
    out.push('\n');
    out
}

/// At most ten errors and ten warnings, the most important first: errors
/// about personal identifiers, other errors, warnings; in report order
/// within each group.
pub fn most_important(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    let rank = |d: &Diagnostic| match (d.severity, d.rule == "personal-identifier") {
        (Severity::Error, true) => 0,
        (Severity::Error, false) => 1,
        (Severity::Warning, true) => 2,
        (Severity::Warning, false) => 3,
    };
    let mut ordered: Vec<&Diagnostic> = diagnostics.iter().collect();
    ordered.sort_by_key(|d| rank(d));
    let mut errors = 0;
    let mut warnings = 0;
    ordered
        .into_iter()
        .filter(|d| {
            let count = match d.severity {
                Severity::Error => &mut errors,
                Severity::Warning => &mut warnings,
            };
            *count += 1;
            *count <= ANNOTATIONS_PER_LEVEL
        })
        .collect()
}

/// `::error file=F,line=L,col=C,title=RULE::message`.
fn command(d: &Diagnostic, redactor: &crate::redact::Redactor, prefix: &str) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = redactor.redact(&d.message).into_owned();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(&redactor.redact(help));
    }
    format!(
        "::{level} file={},line={},col={},title={}::{}",
        escape_property(&prefixed(prefix, &d.file)),
        d.line,
        d.column,
        escape_property(d.rule),
        escape_data(&message)
    )
}

/// Every finding as `file:line:col: level[rule]: message`, with its source
/// line masked.
fn listing(report: &Report, redactor: &crate::redact::Redactor, prefix: &str) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&format!(
            "{}:{}:{}: {}[{}]: {}\n",
            prefixed(prefix, &d.file),
            d.line,
            d.column,
            d.severity.as_str(),
            d.rule,
            one_line(&redactor.redact(&d.message))
        ));
        if let Some(text) = report.snippet_line(&d.file, d.line)
            && !text.trim().is_empty()
        {
            out.push_str(&format!("    | {}\n", one_line(&redactor.redact(&text))));
        }
        if let Some(help) = &d.help {
            out.push_str(&format!(
                "    = help: {}\n",
                one_line(&redactor.redact(help))
            ));
        }
    }
    out
}

fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

/// A token that does not occur in `text`, so `::TOKEN::` cannot appear in
/// it: derived from the text (deterministic output), changed until absent.
pub fn stop_token(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    loop {
        let token = format!("psdoc-{hash:016x}");
        if !text.contains(&token) {
            return token;
        }
        hash = hash.wrapping_mul(0x0100_0000_01b3).wrapping_add(1);
    }
}

/// Escapes a command's message: `%`, `\r`, `\n`.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value: as the message, and `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_data("a::b"), "a::b");
        assert_eq!(
            escape_property("book/src/a,b:c%.md"),
            "book/src/a%2Cb%3Ac%25.md"
        );
    }

    #[test]
    fn the_stop_token_is_never_in_the_text() {
        let text = "plain text\n";
        let token = stop_token(text);
        assert!(!text.contains(&token));
        let hostile = format!("{token} and ::{token}::\n");
        let other = stop_token(&hostile);
        assert!(!hostile.contains(&other));
        assert_eq!(stop_token(text), token, "deterministic");
    }
}

//! The pull request's one comment, rendered from a report.

use psdoc_core::render::markdown::{cell, near_the_limit};
use psdoc_core::text::thousands;

use crate::report::{FindingsScope, Level, PullRequestReport, SectionStatus};

/// The hidden marker that finds psdoc's own comment again.
pub const MARKER: &str = "<!-- psdoc -->";

/// GitHub refuses comments over 65,536 characters; stay well under.
pub const MAX_BODY_CHARS: usize = 65_000;

/// The comment: words against the limit and the change from the base, the
/// changed sections, the new findings, and what to do about them; at most
/// `MAX_BODY_CHARS` characters.
pub fn render(report: &PullRequestReport) -> String {
    render_capped(report, MAX_BODY_CHARS)
}

pub fn render_capped(report: &PullRequestReport, max_chars: usize) -> String {
    let t = &report.totals;
    let mut out = format!("{MARKER}\n### psdoc: position statement check\n\n");

    // The verdict and the words.
    let new_errors = report
        .findings
        .iter()
        .filter(|f| f.severity == Level::Error)
        .count() as u64;
    let verdict = if t.errors > 0 {
        let mut v = format!(
            "**Does not pass**: the statement has {}",
            count(t.errors, "error")
        );
        if report.findings_scope == FindingsScope::New {
            v.push_str(&match new_errors {
                0 => ", none of them from this pull request".to_owned(),
                n if n == t.errors => String::new(),
                n => format!(" ({n} from this pull request)"),
            });
        }
        if t.warnings > 0 {
            v.push_str(&format!(" and {}", count(t.warnings, "warning")));
        }
        v.push('.');
        v
    } else if t.warnings > 0 {
        format!(
            "**Passes**, with {} to consider.",
            count(t.warnings, "warning")
        )
    } else {
        "**Passes**: no problems found.".to_owned()
    };
    out.push_str(&verdict);
    out.push_str("\n\n");
    let words = t.words as usize;
    let limit = t.word_limit as usize;
    let mut line = format!("**{} of {} words**", thousands(words), thousands(limit));
    if words > limit {
        line.push_str(&format!(" ({} over the limit)", thousands(words - limit)));
    } else {
        line.push_str(&format!(" ({} to spare)", thousands(limit - words)));
    }
    match t.words_base {
        Some(base) => line.push_str(&format!(
            "; {} since the base branch ({} words).",
            signed(t.words as i64 - base as i64),
            thousands(base as usize)
        )),
        None => line.push('.'),
    }
    out.push_str(&line);
    out.push('\n');
    if near_the_limit(words, limit) {
        out.push_str("\n> Within 2% of the limit: other word counters may differ slightly (psdoc counts as Microsoft Word does).\n");
    }
    out.push('\n');

    // What to do: written before the lists so a cap never cuts it.
    let advice = advice(report);

    // Changed sections.
    let mut body = String::new();
    if !report.sections.is_empty() {
        body.push_str("#### Sections changed\n\n| section | before | after | change | words added | words removed |\n|---|---:|---:|---:|---:|---:|\n");
        for s in &report.sections {
            let title = if s.title.is_empty() {
                s.key.as_str()
            } else {
                s.title.as_str()
            };
            let status = match s.status {
                SectionStatus::Added => " (new)",
                SectionStatus::Removed => " (removed)",
                _ => "",
            };
            body.push_str(&format!(
                "| {}{status} | {} | {} | {} | {} | {} |\n",
                cell(title),
                thousands(s.words_before as usize),
                thousands(s.words_after as usize),
                signed(s.words_after as i64 - s.words_before as i64),
                thousands(s.inserted_words as usize),
                thousands(s.deleted_words as usize),
            ));
        }
        body.push('\n');
    } else if t.words_base.is_some() {
        body.push_str("No section's text changed.\n\n");
    }

    // Findings.
    let heading = match report.findings_scope {
        FindingsScope::New => "New findings in this pull request",
        FindingsScope::All => "Findings",
    };
    if report.findings.is_empty() {
        if report.findings_scope == FindingsScope::New {
            body.push_str("#### No new findings\n\nThis pull request brings no new problems.\n\n");
        }
    } else {
        body.push_str(&format!(
            "#### {heading} ({})\n\n| | rule | where | finding |\n|---|---|---|---|\n",
            report.findings.len()
        ));
        // Errors first, then warnings; each in report order.
        let mut ordered: Vec<_> = report.findings.iter().collect();
        ordered.sort_by_key(|f| f.severity != Level::Error);
        let fixed = out.chars().count() + advice.chars().count() + 200;
        let budget = max_chars.saturating_sub(fixed);
        let mut used = body.chars().count();
        let mut shown = 0;
        for f in &ordered {
            let level = match f.severity {
                Level::Error => "error",
                Level::Warning => "warning",
            };
            let mut text = f.message.clone();
            if let Some(help) = &f.help {
                text.push_str(" (");
                text.push_str(help);
                text.push(')');
            }
            let row = format!(
                "| {level} | `{}` | {} | {} |\n",
                f.rule,
                cell(&format!("{}:{}", f.file, f.line)),
                cell(&text)
            );
            let len = row.chars().count();
            if used + len > budget {
                break;
            }
            body.push_str(&row);
            used += len;
            shown += 1;
        }
        if shown < ordered.len() {
            body.push_str(&format!(
                "\n…and {} more, not shown to keep this comment within GitHub's size limit: see the job summary or run `psdoc check`.\n",
                ordered.len() - shown
            ));
        }
        body.push('\n');
    }
    if report.findings_scope == FindingsScope::All && t.words_base.is_none() {
        body.push_str("<sub>The base branch could not be compared (the checkout needs `fetch-depth: 0`), so every finding is listed.</sub>\n\n");
    }

    out.push_str(&body);
    out.push_str(&advice);
    // The caps above keep the body short; this is the last guard, cutting
    // at a line so no table row or entity is broken.
    if out.chars().count() > max_chars {
        let mut cut: String = out.chars().take(max_chars.saturating_sub(80)).collect();
        if let Some(at) = cut.rfind('\n') {
            cut.truncate(at + 1);
        }
        cut.push_str("\n…(cut to stay within GitHub's comment size limit)\n");
        out = cut;
    }
    out
}

fn advice(report: &PullRequestReport) -> String {
    let t = &report.totals;
    let mut out = String::from("#### What to do\n\n");
    if report
        .findings
        .iter()
        .any(|f| f.rule == "personal-identifier")
    {
        out.push_str("- **Remove the personal information first.** The statement and its evidence must not identify a child or family: delete or anonymise it in this branch. It stays in the branch's history, so tell the lead officer, who may need to rewrite it.\n");
    }
    if t.errors > 0 {
        out.push_str("- Fix every error before this is merged: the statement cannot be submitted with them. Each row names the file and line; edit them in this branch, and the check runs again on every push.\n");
    }
    if t.warnings > 0 {
        out.push_str("- Consider the warnings: they point at what inspectors may question. A warning that does not apply can be silenced for one paragraph with `<!-- psdoc-allow RULE -->` above it.\n");
    }
    if t.words > t.word_limit {
        out.push_str("- Cut the statement to the word limit: the sections table shows where words were added.\n");
    }
    if t.errors == 0 && t.warnings == 0 {
        out.push_str("- Nothing: this pull request keeps the statement within the guidance.\n");
    }
    out.push_str("- `psdoc explain RULE` (or the rule's page in the code scanning alerts) says what a rule asks and why the guidance cares.\n");
    out.push_str(&format!(
        "\n<sub>Checked {} against {}. This comment is updated on every push.</sub>\n",
        short(&report.pull_request.head_sha),
        short(&report.pull_request.base_sha)
    ));
    out
}

fn short(sha: &str) -> String {
    format!("`{}`", &sha[..sha.len().min(7)])
}

fn count(n: u64, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {one}s", thousands(n as usize))
    }
}

/// `+85`, `-12`, `0`.
fn signed(n: i64) -> String {
    match n.signum() {
        1 => format!("+{}", thousands(n as usize)),
        -1 => format!("−{}", thousands(n.unsigned_abs() as usize)),
        _ => "0".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Finding, PullRequestReport};

    fn sample() -> PullRequestReport {
        crate::report::tests::sample()
    }

    #[test]
    fn the_body_has_the_marker_totals_and_findings() {
        let body = render(&sample());
        assert!(body.starts_with(MARKER), "{body}");
        assert!(
            body.contains("**4,870 of 5,000 words** (130 to spare); +160 since the base branch"),
            "{body}"
        );
        assert!(
            body.contains("| What your data is telling you | 820 | 905 | +85 | 140 | 55 |"),
            "{body}"
        );
        assert!(body.contains("`unknown-evidence`"), "{body}");
    }

    #[test]
    fn a_huge_report_stays_under_the_limit() {
        let mut r = sample();
        let f = r.findings[0].clone();
        r.findings = (0..20_000)
            .map(|i| Finding {
                line: i + 1,
                message: format!("{} {}", f.message, "long ".repeat(100)),
                ..f.clone()
            })
            .collect();
        let body = render(&r);
        assert!(body.chars().count() <= MAX_BODY_CHARS);
        assert!(
            body.contains("more, not shown"),
            "{}",
            &body[body.len() - 500..]
        );
        assert!(body.contains("#### What to do"));
    }

    #[test]
    fn text_cannot_mention_or_inject() {
        let mut r = sample();
        r.findings[0].message = "ping @everyone </table><script>x</script> | col".into();
        let body = render(&r);
        assert!(!body.contains("@everyone"));
        assert!(!body.contains("<script>"));
        assert!(body.contains("x&lt;/script&gt; \\| col |"), "{body}");
    }
}

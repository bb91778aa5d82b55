//! The pull request's one comment, rendered from a report.
//!
//! Every piece of text that comes from the pull request (section titles,
//! messages quoting the statement, file names) goes through
//! `psdoc_core::text::inert`, so it cannot become a link, an image, a
//! mention or a reference. The verdict says who computed the figures: a
//! report from a fork's own run is never shown as a pass.

use psdoc_core::render::markdown::near_the_limit;
use psdoc_core::text::{inert, thousands};

use crate::report::{FindingsScope, Level, PullRequestReport, SectionStatus};
use crate::setup::SetupChange;

/// The hidden marker that starts psdoc's own comment, to find it again.
pub const MARKER: &str = "<!-- psdoc -->";

/// GitHub refuses comments over 65,536 characters; stay well under.
pub const MAX_BODY_CHARS: usize = 65_000;

/// The longest section title and finding shown; longer text is cut.
const MAX_TITLE_CHARS: usize = 120;
const MAX_FINDING_CHARS: usize = 1_000;
/// File names listed per kind of change to the checks.
const MAX_SETUP_FILES: usize = 20;

/// Who computed the figures the comment shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provenance {
    /// psdoc checked the statement in this job.
    Checked,
    /// This repository's comment workflow checked the pull request's files
    /// itself (a pull request from a fork), with its own psdoc.
    CheckedForFork,
    /// A report written by the pull request's own run, which a fork can
    /// change: shown, never verified, never a pass.
    Reported,
}

/// What the comment says besides the report.
#[derive(Debug, Clone)]
pub struct Context {
    pub provenance: Provenance,
    /// What the pull request changes in how it is checked.
    pub setup: Vec<SetupChange>,
}

impl Default for Context {
    fn default() -> Self {
        Context {
            provenance: Provenance::Checked,
            setup: Vec::new(),
        }
    }
}

/// The comment: the verdict, words against the limit and the change from
/// the base, what the pull request changes in how it is checked, the
/// changed sections, the new findings, and what to do; at most
/// `MAX_BODY_CHARS` characters.
pub fn render(report: &PullRequestReport, context: &Context) -> String {
    render_capped(report, context, MAX_BODY_CHARS)
}

/// As [`render`], in at most `max_chars` characters: the verdict, the
/// totals, the changes to the checks and what to do are always kept; rows
/// of the tables are left out (and counted) to fit.
pub fn render_capped(report: &PullRequestReport, context: &Context, max_chars: usize) -> String {
    let head = head(report, context);
    let tail = advice(report, context);
    let note_room = 300;
    let budget = max_chars.saturating_sub(chars(&head) + chars(&tail) + note_room);
    let body = tables(report, budget);
    let mut out = format!("{head}{body}{tail}");
    // The parts above are capped; this guard only matters for a tiny
    // `max_chars`, and keeps the marker, the verdict and the totals.
    if chars(&out) > max_chars {
        out = format!("{head}{tail}");
        if chars(&out) > max_chars {
            out = head.chars().take(max_chars).collect();
        }
    }
    out
}

/// The marker, the title, the verdict, the words and the changes to the
/// checks.
fn head(report: &PullRequestReport, context: &Context) -> String {
    let t = &report.totals;
    let mut out = format!("{MARKER}\n### psdoc: position statement check\n\n");
    out.push_str(&verdict(report, context.provenance));
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
    out.push_str(&setup_block(&context.setup));
    out
}

fn verdict(report: &PullRequestReport, provenance: Provenance) -> String {
    let t = &report.totals;
    if provenance == Provenance::Reported {
        return format!(
            "**Not checked here: figures reported by the fork's own run.** That run reports {} and {}. A pull request from a fork runs its own copy of the workflow, which it can change, so these figures may not be true: check the pull request with `psdoc check --base main` before merging it.",
            count(t.errors, "error"),
            count(t.warnings, "warning")
        );
    }
    let new_errors = report
        .findings
        .iter()
        .filter(|f| f.severity == Level::Error)
        .count() as u64;
    if t.errors > 0 {
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
    }
}

/// A warning naming what the pull request changes in how it is checked.
fn setup_block(setup: &[SetupChange]) -> String {
    if setup.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "> [!WARNING]\n> **This pull request changes how it is checked.** Review these changes before trusting the result above:\n",
    );
    let names = |files: &[String]| {
        let mut shown: Vec<String> = files
            .iter()
            .take(MAX_SETUP_FILES)
            .map(|f| inert::code_cell(&inert::shorten(f, 200)))
            .collect();
        if files.len() > MAX_SETUP_FILES {
            shown.push(format!("and {} more", files.len() - MAX_SETUP_FILES));
        }
        shown.join(", ")
    };
    for change in setup {
        let line = match change {
            SetupChange::GitHub(files) => format!(
                "GitHub workflows or settings: {}. Workflows decide what runs on every pull request, with which permissions.",
                names(files)
            ),
            SetupChange::Actions(files) => {
                format!("An action a workflow may run: {}.", names(files))
            }
            SetupChange::Rules { file } => format!(
                "The rules' severities: `[rules]` in {} (a rule turned off or made a warning hides what it finds).",
                inert::code_cell(file)
            ),
            SetupChange::RulesUnknown { file, reason } => format!(
                "{} changed, and psdoc could not compare its `[rules]` ({}): check them by hand.",
                inert::code_cell(file),
                inert::markdown(&inert::shorten(reason, 200))
            ),
            SetupChange::Unknown { reason } => format!(
                "psdoc could not list the files this pull request changes ({}): check by hand whether it changes `.github/`, `action.yml` or `[rules]` in `partnership.toml`.",
                inert::markdown(&inert::shorten(reason, 200))
            ),
        };
        out.push_str("> - ");
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');
    out
}

/// The changed sections and the findings, in at most `budget` characters;
/// rows that do not fit are counted in a note.
fn tables(report: &PullRequestReport, budget: usize) -> String {
    let t = &report.totals;
    let mut out = String::new();
    let mut used = 0;
    let push = |out: &mut String, text: &str, used: &mut usize| -> bool {
        let len = chars(text);
        if *used + len > budget {
            return false;
        }
        out.push_str(text);
        *used += len;
        true
    };

    if !report.sections.is_empty() {
        // Moves between sections get their columns when there are any, so
        // that each row adds up: change = added - removed + moved in - moved out.
        let moves = report.sections.iter().any(|s| s.moved_in + s.moved_out > 0);
        push(
            &mut out,
            if moves {
                "#### Sections changed\n\n| section | before | after | change | words added | words removed | moved in | moved out |\n|---|---:|---:|---:|---:|---:|---:|---:|\n"
            } else {
                "#### Sections changed\n\n| section | before | after | change | words added | words removed |\n|---|---:|---:|---:|---:|---:|\n"
            },
            &mut used,
        );
        let mut left_out = 0;
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
            let mut row = format!(
                "| {}{status} | {} | {} | {} | {} | {} |",
                inert::markdown(&inert::shorten(title, MAX_TITLE_CHARS)),
                thousands(s.words_before as usize),
                thousands(s.words_after as usize),
                signed(s.words_after as i64 - s.words_before as i64),
                thousands(s.inserted_words as usize),
                thousands(s.deleted_words as usize),
            );
            if moves {
                row.push_str(&format!(
                    " {} | {} |",
                    thousands(s.moved_in as usize),
                    thousands(s.moved_out as usize)
                ));
            }
            row.push('\n');
            if left_out > 0 || !push(&mut out, &row, &mut used) {
                left_out += 1;
            }
        }
        out.push('\n');
        if left_out > 0 {
            out.push_str(&format!(
                "{} more section{} not shown, to keep this comment within GitHub's size limit.\n\n",
                thousands(left_out),
                if left_out == 1 { "" } else { "s" }
            ));
        }
    } else if t.words_base.is_some() {
        push(&mut out, "No section's text changed.\n\n", &mut used);
    }

    let heading = match report.findings_scope {
        FindingsScope::New => "New findings in this pull request",
        FindingsScope::All => "Findings",
    };
    if report.findings.is_empty() {
        if report.findings_scope == FindingsScope::New {
            push(
                &mut out,
                "#### No new findings\n\nThis pull request brings no new problems.\n\n",
                &mut used,
            );
        }
    } else {
        // The heading and the note are written whatever the budget: they
        // say how many findings there are and how many are not shown.
        out.push_str(&format!(
            "#### {heading} ({})\n\n| | rule | where | finding |\n|---|---|---|---|\n",
            thousands(report.findings.len())
        ));
        // Errors first, then warnings; each in report order.
        let mut ordered: Vec<_> = report.findings.iter().collect();
        ordered.sort_by_key(|f| f.severity != Level::Error);
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
                "| {level} | {} | {} | {} |\n",
                inert::code_cell(&f.rule),
                inert::code_cell(&format!("{}:{}", inert::shorten(&f.file, 200), f.line)),
                inert::markdown(&inert::shorten(&text, MAX_FINDING_CHARS))
            );
            if !push(&mut out, &row, &mut used) {
                break;
            }
            shown += 1;
        }
        let left_out = ordered.len() - shown;
        if left_out > 0 {
            out.push_str(&format!(
                "\n**{} more finding{} not shown**, to keep this comment within GitHub's size limit: the job summary lists every one, and `psdoc check --base main` shows them on a computer.\n",
                thousands(left_out),
                if left_out == 1 { " is" } else { "s are" }
            ));
        }
        out.push('\n');
    }
    if report.findings_scope == FindingsScope::All && t.words_base.is_none() {
        out.push_str("<sub>The base branch could not be compared (the checkout needs `fetch-depth: 0`), so every finding is listed.</sub>\n\n");
    }
    out
}

/// What to do, and who checked which commits.
fn advice(report: &PullRequestReport, context: &Context) -> String {
    let t = &report.totals;
    let mut out = String::from("#### What to do\n\n");
    if !context.setup.is_empty() {
        out.push_str("- **Review the changes to how this is checked** (above) before merging: a pull request that changes a workflow or the rules can change what its own check says.\n");
    }
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
    if t.errors == 0 && t.warnings == 0 && context.provenance != Provenance::Reported {
        out.push_str("- Nothing: this pull request keeps the statement within the guidance.\n");
    }
    out.push_str("- `psdoc explain RULE` (or the rule's page in the code scanning alerts) says what a rule asks and why the guidance cares.\n");
    let who = match context.provenance {
        Provenance::Checked => "Checked",
        Provenance::CheckedForFork => {
            "Checked by this repository's own workflow, which read the pull request's files (not by the fork's run),"
        }
        Provenance::Reported => "Reported by the fork's own run for",
    };
    out.push_str(&format!(
        "\n<sub>{who} {} against {}. This comment is updated on every push.</sub>\n",
        short(&report.pull_request.head_sha),
        short(&report.pull_request.base_sha)
    ));
    out
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

fn short(sha: &str) -> String {
    format!("`{}`", psdoc_core::text::short_commit(sha))
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

    fn render(report: &PullRequestReport) -> String {
        super::render(report, &Context::default())
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
        assert!(!body.contains("moved in"), "no moves, no columns: {body}");
    }

    #[test]
    fn moves_between_sections_have_their_columns_and_every_row_adds_up() {
        let mut r = sample();
        r.sections[0].words_after = 897;
        r.sections[0].moved_out = 8;
        let mut to = r.sections[0].clone();
        to.key = "involvement".into();
        to.title = "Children and young people's involvement and feedback".into();
        (to.words_before, to.words_after) = (300, 310);
        (to.inserted_words, to.deleted_words) = (2, 0);
        (to.moved_in, to.moved_out) = (8, 0);
        r.sections.push(to);
        assert!(r.sections.iter().all(|s| s.adds_up()));
        let body = render(&r);
        assert!(
            body.contains("| section | before | after | change | words added | words removed | moved in | moved out |\n|---|---:|---:|---:|---:|---:|---:|---:|\n"),
            "{body}"
        );
        assert!(
            body.contains("| What your data is telling you | 820 | 897 | +77 | 140 | 55 | 0 | 8 |"),
            "{body}"
        );
        assert!(
            body.contains("| Children and young people's involvement and feedback | 300 | 310 | +10 | 2 | 0 | 8 | 0 |"),
            "{body}"
        );
    }

    #[test]
    fn a_huge_report_keeps_the_verdict_totals_and_advice() {
        let mut r = sample();
        let f = r.findings[0].clone();
        r.findings = (0..20_000)
            .map(|i| Finding {
                line: i + 1,
                message: format!("{} {}", f.message, "long ".repeat(100)),
                ..f.clone()
            })
            .collect();
        r.totals.errors = 20_000;
        let body = render(&r);
        assert!(body.chars().count() <= MAX_BODY_CHARS);
        assert!(body.contains("**Does not pass**"), "{}", &body[..300]);
        assert!(body.contains("**4,870 of 5,000 words**"));
        assert!(body.contains("#### What to do"));
        assert!(body.contains("This comment is updated on every push."));
        assert!(body.contains("#### New findings in this pull request (20,000)"));
        let shown = body.matches("| error |").count();
        assert!(
            body.contains(&format!(
                "**{} more findings are not shown**",
                thousands(20_000 - shown)
            )),
            "{}",
            &body[body.len() - 2000..]
        );
        // However small the room, the verdict and the advice stay.
        for max in [3_000, 6_000, 20_000] {
            let body = render_capped(&r, &Context::default(), max);
            assert!(body.chars().count() <= max, "{max}");
            assert!(body.contains("**Does not pass**"), "{max}");
            assert!(body.contains("#### What to do"), "{max}");
            assert!(body.contains("not shown"), "{max}");
        }
    }

    #[test]
    fn text_cannot_mention_or_inject() {
        let mut r = sample();
        r.findings[0].message =
            "ping @everyone </table><script>x</script> | col ![x](https://evil.example/a.png) #12"
                .into();
        r.sections[0].title = "[Approved](https://evil.example) www.evil.example".into();
        r.findings[0].file = "book/src/`x`|y.md".into();
        let body = render(&r);
        assert!(!body.contains("@everyone"));
        assert!(!body.contains("<script>"));
        assert!(!body.contains("](https://"), "{body}");
        assert!(!body.contains("www.evil"), "{body}");
        assert!(!body.contains(" #12"), "{body}");
        assert!(body.contains("x&lt;/script&gt; \\| col"), "{body}");
        assert!(body.contains("| ``book/src/`x`\\|y.md:14`` |"), "{body}");
    }

    #[test]
    fn a_fork_report_is_never_a_pass() {
        let mut r = sample();
        r.findings.clear();
        r.totals.errors = 0;
        r.totals.warnings = 0;
        let context = Context {
            provenance: Provenance::Reported,
            setup: vec![],
        };
        let body = super::render(&r, &context);
        assert!(!body.contains("Passes"), "{body}");
        assert!(!body.contains("- Nothing:"), "{body}");
        assert!(
            body.contains("**Not checked here: figures reported by the fork's own run.**"),
            "{body}"
        );
        let checked = super::render(
            &r,
            &Context {
                provenance: Provenance::CheckedForFork,
                setup: vec![],
            },
        );
        assert!(
            checked.contains("**Passes**: no problems found."),
            "{checked}"
        );
        assert!(checked.contains("not by the fork's run"), "{checked}");
    }

    #[test]
    fn changes_to_the_checks_are_flagged() {
        let context = Context {
            provenance: Provenance::Checked,
            setup: vec![
                SetupChange::GitHub(vec![".github/workflows/statement.yml".into()]),
                SetupChange::Rules {
                    file: "partnership.toml".into(),
                },
            ],
        };
        let body = super::render(&sample(), &context);
        assert!(
            body.contains("**This pull request changes how it is checked.**"),
            "{body}"
        );
        assert!(body.contains("`.github/workflows/statement.yml`"), "{body}");
        assert!(body.contains("`[rules]` in `partnership.toml`"), "{body}");
        assert!(body.contains("- **Review the changes to how this is checked**"));
    }
}

//! `psdoc github report` and `psdoc github comment` (CONTRACT section 9).

use std::io::{Read, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use psdoc_core::{Project, Report};
use psdoc_github::env::{self, ProcessEnv, Vars};
use psdoc_github::report::{MAX_REPORT_BYTES, sections_from_diff};
use psdoc_github::{
    BaseComparison, Client, Event, PullRequestRef, PullRequestReport, Upserted, body,
};
use psdoc_history as history;

use super::{Outcome, statement_root};
use crate::cli::{Deny, GithubCommand, GithubCommentArgs, GithubReportArgs, Global};
use crate::output::print;

pub fn run(global: &Global, command: &GithubCommand) -> Result<Outcome> {
    match command {
        GithubCommand::Report(args) => report(global, args),
        GithubCommand::Comment(args) => comment(global, args),
    }
}

/// `psdoc github report -o FILE`: in a `pull_request` job, the report a
/// later `workflow_run` job comments from.
fn report(global: &Global, args: &GithubReportArgs) -> Result<Outcome> {
    let root = statement_root(global)?;
    let pr = pull_request_event(&ProcessEnv)?;
    let report = build_report(&root, pr, global.quiet)?;
    std::fs::write(&args.output, report.to_json())
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    if !global.quiet {
        print(&format!(
            "psdoc: wrote the report of pull request #{} to {} ({} finding{} listed)\n",
            report.pull_request.number,
            args.output.display(),
            report.findings.len(),
            if report.findings.len() == 1 { "" } else { "s" },
        ))?;
    }
    Ok(Outcome::Passed)
}

/// `psdoc github comment [--report FILE]`: the pull request's one comment.
fn comment(global: &Global, args: &GithubCommentArgs) -> Result<Outcome> {
    let vars = ProcessEnv;
    let repo = env::repository(&vars)?;
    let api_url = env::api_url(&vars)?;
    let (report, untrusted) = match &args.report {
        Some(path) => {
            let report = read_report(path)?;
            check_against_event(&report, &vars)?;
            (report, true)
        }
        None => {
            let root = statement_root(global)?;
            let pr = pull_request_event(&vars)?;
            (build_report(&root, pr, global.quiet)?, false)
        }
    };
    let outcome = outcome_of(&report, args.deny);
    let number = report.pull_request.number;
    let text = body::render(&report);
    let token = env::token(&vars)?;
    let client = Client::new(&api_url, token)?;

    if untrusted {
        // The report names its pull request; believe it only if that pull
        // request's head is the commit the report was made from.
        let head = client.pull_request_head(&repo, number)?;
        if head != report.pull_request.head_sha {
            eprintln!(
                "psdoc: pull request #{number} is now at {}, not at the report's {}: not commenting (the run for the newer commit will)",
                short(&head),
                short(&report.pull_request.head_sha)
            );
            return Ok(outcome);
        }
    }

    match client.upsert_comment(&repo, number, &text, &args.author) {
        Ok(done) => {
            if !global.quiet {
                let what = match done {
                    Upserted::Created { .. } => "commented on",
                    Upserted::Updated { .. } => "updated its comment on",
                };
                print(&format!("psdoc: {what} pull request #{number} of {repo}\n"))?;
            }
        }
        Err(e @ psdoc_github::Error::Forbidden { .. }) => {
            eprintln!("psdoc: warning: {}", one_line(&e.to_string()));
            if let Some(path) = vars.var("GITHUB_STEP_SUMMARY") {
                append(Path::new(&path), &text)
                    .with_context(|| format!("cannot write the step summary {path}"))?;
                eprintln!("psdoc: the comment's text is in the job summary instead");
            }
        }
        Err(e) => return Err(e.into()),
    }
    Ok(outcome)
}

/// The pull request of a `pull_request` event.
fn pull_request_event(vars: &dyn Vars) -> Result<PullRequestRef> {
    match env::event(vars)? {
        Event::PullRequest(pr) => Ok(pr),
        _ => bail!(
            "this needs a pull_request event (GITHUB_EVENT_PATH): run it in a workflow `on: pull_request`, or comment from a report with `psdoc github comment --report FILE`"
        ),
    }
}

/// The report of the statement at `root` for pull request `pr`: every
/// figure at the head, and what changed since the base.
fn build_report(root: &Path, pr: PullRequestRef, quiet: bool) -> Result<PullRequestReport> {
    let project = Project::open(root)?;
    // The base may be missing (a shallow checkout): then every finding is
    // listed, with a note.
    let filter = history::ChangeFilter::new(root, &pr.base_sha, &project);
    let report = Report::of(project);
    let base = filter
        .map_err(anyhow::Error::from)
        .and_then(|filter| compare_with_base(root, &pr.base_sha, &report, &filter));
    let base = match base {
        Ok(base) => Some(base),
        Err(e) => {
            if !quiet {
                eprintln!(
                    "psdoc: warning: cannot compare with the base {} ({}); listing every finding. In a workflow, check out with `fetch-depth: 0`",
                    short(&pr.base_sha),
                    one_line(&format!("{e:#}"))
                );
            }
            None
        }
    };
    Ok(PullRequestReport::new(pr, &report, base, &report.redactor))
}

/// The words at the base, the changed sections, and the findings this pull
/// request brings (those `check --base` keeps).
fn compare_with_base(
    root: &Path,
    base: &str,
    report: &Report,
    filter: &history::ChangeFilter,
) -> Result<BaseComparison> {
    // From the merge base, as `check --base` compares: the pull request's
    // own changes, not the base branch's later ones.
    let merge_base = history::StatementRepo::open(root)?.merge_base_with_head(base)?;
    let diff = history::diff_revisions(root, &merge_base.id.to_string(), None)?;
    let json = serde_json::to_value(&diff).context("the statement diff")?;
    let (words_base, sections) = sections_from_diff(&json).map_err(anyhow::Error::msg)?;
    let new_findings = report
        .diagnostics
        .iter()
        .filter(|d| filter.keeps(d))
        .cloned()
        .collect();
    Ok(BaseComparison {
        words_base,
        sections,
        new_findings,
    })
}

/// A report file, read with a size cap and checked field by field.
fn read_report(path: &Path) -> Result<PullRequestReport> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(MAX_REPORT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    Ok(PullRequestReport::parse_untrusted(
        &bytes,
        &path.display().to_string(),
    )?)
}

/// A report must be about the commit the triggering run checked.
fn check_against_event(report: &PullRequestReport, vars: &dyn Vars) -> Result<()> {
    if vars.var("GITHUB_EVENT_PATH").is_none() {
        return Ok(());
    }
    let pr = &report.pull_request;
    match env::event(vars)? {
        Event::WorkflowRun {
            head_sha,
            pull_requests,
        } => {
            if head_sha != pr.head_sha {
                bail!(
                    "the report is about commit {}, but the workflow run checked {}: use the report artifact of that run",
                    short(&pr.head_sha),
                    short(&head_sha)
                );
            }
            if !pull_requests.is_empty() && !pull_requests.contains(&pr.number) {
                bail!(
                    "the report names pull request #{}, which the workflow run is not for",
                    pr.number
                );
            }
        }
        Event::PullRequest(event) => {
            if event.number != pr.number || event.head_sha != pr.head_sha {
                bail!(
                    "the report is about pull request #{} at {}, but this run is for #{} at {}",
                    pr.number,
                    short(&pr.head_sha),
                    event.number,
                    short(&event.head_sha)
                );
            }
        }
        Event::Other => {}
    }
    Ok(())
}

/// Exit codes as `check`: 1 for errors (and warnings under `--deny
/// warnings`) in the whole statement.
fn outcome_of(report: &PullRequestReport, deny: Option<Deny>) -> Outcome {
    let t = &report.totals;
    if t.errors > 0 || (deny == Some(Deny::Warnings) && t.warnings > 0) {
        Outcome::Failed
    } else {
        Outcome::Passed
    }
}

/// The statement root as GitHub resolves annotation and SARIF paths: from
/// the repository's root (`GITHUB_WORKSPACE`), with a trailing `/`; empty
/// when they are the same or outside a workflow.
pub fn path_prefix(root: &Path) -> String {
    let Some(workspace) = ProcessEnv.var("GITHUB_WORKSPACE") else {
        return String::new();
    };
    let (Ok(workspace), Ok(root)) = (Path::new(&workspace).canonicalize(), root.canonicalize())
    else {
        return String::new();
    };
    let Ok(inside) = root.strip_prefix(&workspace) else {
        return String::new();
    };
    let parts: Vec<String> = inside
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("{}/", parts.join("/"))
    }
}

/// In a workflow step (`$GITHUB_OUTPUT` set), the step's outputs `errors`,
/// `warnings` and `words`, for the Action's outputs.
pub fn write_step_outputs(report: &Report, tally: &psdoc_core::Tally) -> Result<()> {
    let Some(path) = ProcessEnv.var("GITHUB_OUTPUT") else {
        return Ok(());
    };
    let text = format!(
        "errors={}\nwarnings={}\nwords={}\nword-limit={}",
        tally.errors, tally.warnings, report.words, report.word_limit
    );
    append(Path::new(&path), &text).with_context(|| format!("cannot write the step outputs {path}"))
}

fn append(path: &Path, text: &str) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    file.write_all(b"\n")
}

fn short(sha: &str) -> &str {
    &sha[..sha.len().min(7)]
}

fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

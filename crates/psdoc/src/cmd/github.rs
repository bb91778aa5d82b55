//! `psdoc github report` and `psdoc github comment` (docs/github.md).

use std::io::{Read, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use psdoc_core::text::short_commit as short;
use psdoc_core::{Project, Report};
use psdoc_github::body::{Context as CommentContext, Provenance};
use psdoc_github::env::{self, ProcessEnv, Vars};
use psdoc_github::report::{MAX_REPORT_BYTES, sections_from_diff};
use psdoc_github::{
    BaseComparison, Client, Event, PullRequest, PullRequestRef, PullRequestReport, SetupChange,
    Side, Upserted, WorkflowRun, body, setup_changes,
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
///
/// Three ways to the figures, and the comment says which: a check here (a
/// `pull_request` job); in a `workflow_run` job for a fork's pull request,
/// a check of the pull request's files checked out as data, with this
/// psdoc; or, with `--report`, a fork's own report, shown as figures that
/// fork reports and never as a pass.
fn comment(global: &Global, args: &GithubCommentArgs) -> Result<Outcome> {
    let vars = ProcessEnv;
    let repo = env::repository(&vars)?;
    let api_url = env::api_url(&vars)?;
    // A report is checked field by field before any request is made.
    let untrusted = match &args.report {
        Some(path) => {
            let report = read_report(path)?;
            let event = match vars.var("GITHUB_EVENT_PATH") {
                Some(_) => Some(env::event(&vars)?),
                None => None,
            };
            check_against_event(&report, event.as_ref(), &args.workflow)?;
            Some((report, event))
        }
        None => None,
    };

    let (report, provenance, client) = match untrusted {
        Some((report, event)) => {
            let client = Client::new(&api_url, env::token(&vars)?)?;
            let pr = client.pull_request(&repo, report.pull_request.number)?;
            let run = match &event {
                Some(Event::WorkflowRun(run)) => Some(run),
                _ => None,
            };
            if let Some(skip) = pull_request_mismatch(&pr, &report.pull_request.head_sha, run)? {
                eprintln!("psdoc: {skip}");
                return Ok(outcome_of(&report, args.deny));
            }
            // The base to compare settings with is GitHub's, not the report's.
            let mut report = report;
            report.pull_request.base_sha = pr.base.sha.clone();
            (report, Provenance::Reported, client)
        }
        None => match workflow_run(&vars)? {
            Some(run) => {
                let root = statement_root(global)?;
                if !run.ran(&args.workflow) {
                    bail!(
                        "the workflow run is of {}, not of {}: psdoc comments only on runs of that workflow (change it with --workflow)",
                        run.path.as_deref().unwrap_or("an unnamed workflow"),
                        args.workflow
                    );
                }
                let client = Client::new(&api_url, env::token(&vars)?)?;
                let Some(pr) = pull_request_of_run(&client, &repo, &run)? else {
                    eprintln!(
                        "psdoc: no open pull request has {} at {}: nothing to comment on",
                        run.head_branch.as_deref().unwrap_or("the run's branch"),
                        short(&run.head_sha)
                    );
                    return Ok(Outcome::Passed);
                };
                // The files read must be the commit the run was for.
                let head = history::StatementRepo::open(&root)?
                    .commit("HEAD")?
                    .id
                    .to_string();
                if head != run.head_sha {
                    bail!(
                        "the statement at {} is commit {}, not the pull request's {}: check out `github.event.workflow_run.head_sha`",
                        root.display(),
                        short(&head),
                        short(&run.head_sha)
                    );
                }
                let at = PullRequestRef {
                    number: pr.number,
                    base_sha: pr.base.sha.clone(),
                    head_sha: run.head_sha.clone(),
                };
                (
                    build_report(&root, at, global.quiet)?,
                    Provenance::CheckedForFork,
                    client,
                )
            }
            None => {
                let root = statement_root(global)?;
                let pr = pull_request_event(&vars)?;
                let report = build_report(&root, pr, global.quiet)?;
                let client = Client::new(&api_url, env::token(&vars)?)?;
                (report, Provenance::Checked, client)
            }
        },
    };

    let outcome = outcome_of(&report, args.deny);
    let number = report.pull_request.number;
    let context = CommentContext {
        provenance,
        setup: setup_of(&client, &repo, &report.pull_request),
    };
    let text = body::render(&report, &context);
    // psdoc updates only its own comment: the token's login when GitHub
    // says it (a personal access token), else GITHUB_TOKEN's bot.
    let author = match &args.author {
        Some(login) => login.clone(),
        None => client
            .identity()
            .unwrap_or_else(|| psdoc_github::DEFAULT_AUTHOR.to_owned()),
    };

    match client.upsert_comment(&repo, number, &text, &author) {
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

/// The `workflow_run` event of this job, if it is one.
fn workflow_run(vars: &dyn Vars) -> Result<Option<WorkflowRun>> {
    if vars.var("GITHUB_EVENT_PATH").is_none() {
        return Ok(None);
    }
    Ok(match env::event(vars)? {
        Event::WorkflowRun(run) => Some(run),
        _ => None,
    })
}

/// The open pull request whose head is the run's commit, branch and
/// repository, all three: a fork cannot point the comment at another pull
/// request by naming it.
fn pull_request_of_run(
    client: &Client,
    repo: &psdoc_github::Repository,
    run: &WorkflowRun,
) -> Result<Option<PullRequest>> {
    let candidates = if run.pull_requests.is_empty() {
        let (Some(owner), Some(branch)) = (run.head_owner(), run.head_branch.as_deref()) else {
            bail!(
                "the workflow_run event names no head repository or branch: psdoc cannot tell which pull request it is for"
            );
        };
        client.pull_requests_from(repo, owner, branch)?
    } else {
        run.pull_requests
            .iter()
            .map(|n| client.pull_request(repo, *n))
            .collect::<Result<Vec<_>, _>>()?
    };
    Ok(candidates.into_iter().find(|pr| {
        pr.head.sha == run.head_sha
            && pr.head_repository() == run.head_repository.as_deref()
            && Some(pr.head.branch.as_str()) == run.head_branch.as_deref()
    }))
}

/// Why a report's pull request is not the one to comment on: `Ok(Some)`
/// when its head has moved on (the newer run comments), an error when it
/// is another pull request altogether.
fn pull_request_mismatch(
    pr: &PullRequest,
    report_head: &str,
    run: Option<&WorkflowRun>,
) -> Result<Option<String>> {
    if let Some(run) = run {
        let same_repo = pr.head_repository() == run.head_repository.as_deref();
        let same_branch = Some(pr.head.branch.as_str()) == run.head_branch.as_deref();
        if !same_repo || !same_branch {
            bail!(
                "the report names pull request #{}, whose head is {} of {}, but the workflow run was for {} of {}: not commenting",
                pr.number,
                pr.head.branch,
                pr.head_repository().unwrap_or("a deleted repository"),
                run.head_branch.as_deref().unwrap_or("an unnamed branch"),
                run.head_repository
                    .as_deref()
                    .unwrap_or("an unnamed repository"),
            );
        }
    }
    if pr.head.sha != report_head {
        return Ok(Some(format!(
            "pull request #{} is now at {}, not at the report's {}: not commenting (the run for the newer commit will)",
            pr.number,
            short(&pr.head.sha),
            short(report_head)
        )));
    }
    Ok(None)
}

/// What the pull request changes in how it is checked, from GitHub's list
/// of its files (never from the report).
fn setup_of(
    client: &Client,
    repo: &psdoc_github::Repository,
    pr: &PullRequestRef,
) -> Vec<SetupChange> {
    match client.changed_files(repo, pr.number) {
        Ok(files) => setup_changes(&files, |path, side| {
            let sha = match side {
                Side::Base => &pr.base_sha,
                Side::Head => &pr.head_sha,
            };
            client.file_at(repo, path, sha)
        }),
        Err(e) => vec![SetupChange::Unknown {
            reason: one_line(&e.to_string()),
        }],
    }
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

/// A report must be about the commit the triggering run checked, by the
/// workflow expected.
fn check_against_event(
    report: &PullRequestReport,
    event: Option<&Event>,
    workflow: &str,
) -> Result<()> {
    let pr = &report.pull_request;
    match event {
        Some(Event::WorkflowRun(run)) => {
            if !run.ran(workflow) {
                bail!(
                    "the workflow run is of {}, not of {workflow}: psdoc comments only from that workflow's reports (change it with --workflow)",
                    run.path.as_deref().unwrap_or("an unnamed workflow")
                );
            }
            if run.head_sha != pr.head_sha {
                bail!(
                    "the report is about commit {}, but the workflow run checked {}: use the report artifact of that run",
                    short(&pr.head_sha),
                    short(&run.head_sha)
                );
            }
            if !run.pull_requests.is_empty() && !run.pull_requests.contains(&pr.number) {
                bail!(
                    "the report names pull request #{}, which the workflow run is not for",
                    pr.number
                );
            }
        }
        Some(Event::PullRequest(event)) => {
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
        Some(Event::Other) | None => {}
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

fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

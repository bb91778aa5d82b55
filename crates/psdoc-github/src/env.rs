//! What a GitHub Actions job tells psdoc through its environment: the
//! repository, the API's address, the token, and the event being run.

use std::fmt;

use serde_json::Value;

use crate::error::{Error, Result};

pub const DEFAULT_API_URL: &str = "https://api.github.com";

/// The largest event file read (GitHub's payloads are far smaller).
const MAX_EVENT_BYTES: u64 = 32 * 1024 * 1024;

/// `owner/name` of the repository, as `GITHUB_REPOSITORY` gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repository {
    pub owner: String,
    pub name: String,
}

impl Repository {
    /// Parses `owner/name`; only the characters GitHub allows, so the names
    /// can go into API paths as they are.
    pub fn parse(text: &str) -> Result<Self> {
        let bad = |reason: &str| Error::BadEnv {
            name: "GITHUB_REPOSITORY",
            reason: format!("{reason} (expected owner/name)"),
        };
        let (owner, name) = text.split_once('/').ok_or_else(|| bad("no `/`"))?;
        let ok = |s: &str| {
            !s.is_empty()
                && s.len() <= 100
                && s != "."
                && s != ".."
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        };
        if !ok(owner) || !ok(name) {
            return Err(bad("unexpected characters"));
        }
        Ok(Repository {
            owner: owner.to_owned(),
            name: name.to_owned(),
        })
    }
}

impl fmt::Display for Repository {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.owner, self.name)
    }
}

/// The token: never printed, not even by `{:?}`.
#[derive(Clone)]
pub struct Token(String);

impl Token {
    pub fn new(token: String) -> Self {
        Token(token)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `text` with every occurrence of the token replaced by `***`, for
    /// messages that might echo a request.
    pub fn scrub(&self, text: &str) -> String {
        if self.0.len() < 4 {
            return text.to_owned();
        }
        text.replace(&self.0, "***")
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(***)")
    }
}

/// A pull request as an event names it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PullRequestRef {
    pub number: u64,
    pub base_sha: String,
    pub head_sha: String,
}

/// The event the job runs for, as far as psdoc cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// `pull_request` (or `pull_request_target`, which psdoc's workflows
    /// never use).
    PullRequest(PullRequestRef),
    /// `workflow_run`: the companion job that comments for fork pull
    /// requests.
    WorkflowRun(WorkflowRun),
    /// Anything else (a push, a manual run).
    Other,
}

/// The run of the first workflow, as a `workflow_run` event describes it.
/// GitHub fills these fields itself; a fork chooses only its branch's name
/// and which of its workflows ran.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorkflowRun {
    /// The commit the first workflow checked.
    pub head_sha: String,
    /// The branch it ran on (in the fork, for a fork's pull request).
    pub head_branch: Option<String>,
    /// `owner/name` of the repository holding that branch.
    pub head_repository: Option<String>,
    /// The workflow file that ran, `.github/workflows/statement.yml`.
    pub path: Option<String>,
    /// The event that started it: `pull_request`.
    pub event: Option<String>,
    /// The pull requests GitHub links to the run (empty for forks).
    pub pull_requests: Vec<u64>,
}

impl WorkflowRun {
    /// Whether the run was of the workflow file `expected`: GitHub gives the
    /// path, sometimes followed by `@` and the ref it ran from.
    pub fn ran(&self, expected: &str) -> bool {
        self.path.as_deref().is_some_and(|path| {
            path == expected
                || path
                    .strip_prefix(expected)
                    .is_some_and(|rest| rest.starts_with('@'))
        })
    }

    /// The owner of the repository holding the run's branch.
    pub fn head_owner(&self) -> Option<&str> {
        self.head_repository
            .as_deref()
            .and_then(|r| r.split_once('/'))
            .map(|(owner, _)| owner)
    }
}

/// Reads variables from somewhere: the process, or a test's map.
pub trait Vars {
    fn var(&self, name: &str) -> Option<String>;
}

/// The process's environment.
pub struct ProcessEnv;

impl Vars for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }
}

impl<F: Fn(&str) -> Option<String>> Vars for F {
    fn var(&self, name: &str) -> Option<String> {
        self(name)
    }
}

pub fn repository(vars: &dyn Vars) -> Result<Repository> {
    let text = vars.var("GITHUB_REPOSITORY").ok_or(Error::MissingEnv {
        name: "GITHUB_REPOSITORY",
        hint: "owner/name of the repository",
    })?;
    Repository::parse(&text)
}

/// `GITHUB_API_URL`, or github.com's API. Its path is kept, for GitHub
/// Enterprise Server's `https://HOST/api/v3`.
pub fn api_url(vars: &dyn Vars) -> Result<String> {
    let url = vars
        .var("GITHUB_API_URL")
        .unwrap_or_else(|| DEFAULT_API_URL.to_owned());
    let url = url.trim_end_matches('/').to_owned();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(Error::BadEnv {
            name: "GITHUB_API_URL",
            reason: "not an http(s) address".into(),
        });
    }
    Ok(url)
}

pub fn token(vars: &dyn Vars) -> Result<Token> {
    vars.var("GITHUB_TOKEN")
        .map(|t| Token::new(t.trim().to_owned()))
        .ok_or(Error::MissingEnv {
            name: "GITHUB_TOKEN",
            hint: "in a workflow: `env: GITHUB_TOKEN: ${{ github.token }}`",
        })
}

/// The event of `GITHUB_EVENT_PATH`.
pub fn event(vars: &dyn Vars) -> Result<Event> {
    let path = vars.var("GITHUB_EVENT_PATH").ok_or(Error::MissingEnv {
        name: "GITHUB_EVENT_PATH",
        hint: "the path of the event's JSON payload",
    })?;
    let fail = |reason: String| Error::Event {
        path: path.clone(),
        reason,
    };
    let file = std::fs::File::open(&path).map_err(|e| fail(format!("cannot read it: {e}")))?;
    let mut text = Vec::new();
    use std::io::Read;
    file.take(MAX_EVENT_BYTES + 1)
        .read_to_end(&mut text)
        .map_err(|e| fail(format!("cannot read it: {e}")))?;
    if text.len() as u64 > MAX_EVENT_BYTES {
        return Err(fail("it is too large for an event payload".into()));
    }
    let value: Value = serde_json::from_slice(&text).map_err(|e| fail(format!("not JSON: {e}")))?;
    parse_event(&value).map_err(fail)
}

/// The parts of an event payload psdoc uses.
pub fn parse_event(value: &Value) -> std::result::Result<Event, String> {
    if let Some(pr) = value.get("pull_request").filter(|v| v.is_object()) {
        let number = pr
            .get("number")
            .and_then(Value::as_u64)
            .or_else(|| value.get("number").and_then(Value::as_u64))
            .ok_or("pull_request.number is missing")?;
        let sha = |side: &str| -> std::result::Result<String, String> {
            let sha = pr
                .get(side)
                .and_then(|b| b.get("sha"))
                .and_then(Value::as_str)
                .ok_or(format!("pull_request.{side}.sha is missing"))?;
            check_sha(sha).map_err(|e| format!("pull_request.{side}.sha: {e}"))?;
            Ok(sha.to_owned())
        };
        return Ok(Event::PullRequest(PullRequestRef {
            number,
            base_sha: sha("base")?,
            head_sha: sha("head")?,
        }));
    }
    if let Some(run) = value.get("workflow_run").filter(|v| v.is_object()) {
        let head_sha = run
            .get("head_sha")
            .and_then(Value::as_str)
            .ok_or("workflow_run.head_sha is missing")?;
        check_sha(head_sha).map_err(|e| format!("workflow_run.head_sha: {e}"))?;
        let pull_requests = run
            .get("pull_requests")
            .and_then(Value::as_array)
            .map(|prs| {
                prs.iter()
                    .filter_map(|p| p.get("number").and_then(Value::as_u64))
                    .collect()
            })
            .unwrap_or_default();
        let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
        return Ok(Event::WorkflowRun(WorkflowRun {
            head_sha: head_sha.to_owned(),
            head_branch: text(run.get("head_branch")),
            head_repository: text(run.get("head_repository").and_then(|r| r.get("full_name"))),
            path: text(run.get("path")),
            event: text(run.get("event")),
            pull_requests,
        }));
    }
    Ok(Event::Other)
}

/// A commit id: 40 (SHA-1) or 64 (SHA-256) lowercase hexadecimal digits.
pub fn check_sha(sha: &str) -> std::result::Result<(), String> {
    let hex = sha
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if (sha.len() == 40 || sha.len() == 64) && hex {
        Ok(())
    } else {
        Err("not a commit id (40 or 64 lowercase hexadecimal digits)".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const A: &str = "0123456789abcdef0123456789abcdef01234567";
    const B: &str = "89abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn a_pull_request_event() {
        let event = json!({"action": "synchronize", "number": 7,
            "pull_request": {"number": 7, "base": {"sha": A}, "head": {"sha": B}}});
        assert_eq!(
            parse_event(&event).unwrap(),
            Event::PullRequest(PullRequestRef {
                number: 7,
                base_sha: A.into(),
                head_sha: B.into()
            })
        );
    }

    #[test]
    fn a_workflow_run_event() {
        let event = json!({"workflow_run": {"head_sha": B, "pull_requests": [],
            "head_branch": "young-carers", "path": ".github/workflows/statement.yml",
            "event": "pull_request", "head_repository": {"full_name": "partner/statement"}}});
        let Event::WorkflowRun(run) = parse_event(&event).unwrap() else {
            panic!("not a workflow run");
        };
        assert_eq!(run.head_sha, B);
        assert_eq!(run.head_branch.as_deref(), Some("young-carers"));
        assert_eq!(run.head_owner(), Some("partner"));
        assert!(run.ran(".github/workflows/statement.yml"));
        assert!(!run.ran(".github/workflows/statement.yml.yml"));
        let pinned = WorkflowRun {
            path: Some(".github/workflows/statement.yml@refs/pull/3/merge".into()),
            ..run.clone()
        };
        assert!(pinned.ran(".github/workflows/statement.yml"));
        let other = WorkflowRun {
            path: Some(".github/workflows/evil.yml".into()),
            ..run
        };
        assert!(!other.ran(".github/workflows/statement.yml"));
        assert_eq!(
            parse_event(&json!({"ref": "refs/heads/main"})).unwrap(),
            Event::Other
        );
    }

    #[test]
    fn bad_values_are_refused() {
        let event =
            json!({"pull_request": {"number": 7, "base": {"sha": "main"}, "head": {"sha": B}}});
        assert!(parse_event(&event).unwrap_err().contains("base.sha"));
        assert!(Repository::parse("owner/name").is_ok());
        assert!(Repository::parse("owner/../x").is_err());
        assert!(Repository::parse("owner").is_err());
        assert!(Repository::parse("o w/n").is_err());
    }

    #[test]
    fn the_token_hides() {
        let t = Token::new("ghs_secret123".into());
        assert_eq!(format!("{t:?}"), "Token(***)");
        assert_eq!(t.scrub("Bearer ghs_secret123"), "Bearer ***");
    }
}

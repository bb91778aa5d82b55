//! GitHub: the annotation, SARIF and Markdown formats, `psdoc github report`
//! and `psdoc github comment` against a mock of GitHub's REST API on
//! 127.0.0.1, the Action's shell steps run locally, and the workflows that
//! `psdoc init` writes.

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::*;

const TOKEN: &str = "ghs_t0ps3cr3tT0k3nV4lu3_do_not_print";
const BOT: &str = "github-actions[bot]";
const NUMBER: u64 = 7;
/// What the pull request adds to the data section.
const NEW_SENTENCE: &str = " Referrals for young carers doubled after the schools' campaign [E99], as one girl (CHI 1904851231) told the forum.";

// ---------------------------------------------------------------------------
// A mock of GitHub's REST API, under GitHub Enterprise Server's /api/v3 path.

#[derive(Debug, Clone)]
struct Comment {
    id: u64,
    body: String,
    login: String,
}

#[derive(Debug, Clone)]
struct Seen {
    method: String,
    url: String,
    authorization: Option<String>,
    body: String,
}

#[derive(Default)]
struct State {
    comments: Vec<Comment>,
    seen: Vec<Seen>,
    forbid_writes: bool,
    pr_head: String,
    /// Where the pull request's head branch lives (`o/r` unless a fork).
    pr_head_repo: String,
    pr_base: String,
    /// The token's login as `GET /user` gives it; `None`: HTTP 403, as for
    /// `GITHUB_TOKEN`.
    user: Option<String>,
    /// The files the pull request changes (`GET /pulls/7/files`).
    files: Vec<Value>,
    /// File contents by (path, commit) for `GET /contents/{path}?ref=`.
    contents: Vec<(String, String, String)>,
    next_id: u64,
}

struct MockGithub {
    port: u16,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl MockGithub {
    fn start(comments: Vec<Comment>, pr_head: &str) -> Self {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = server.server_addr().to_ip().expect("ip").port();
        let state = Arc::new(Mutex::new(State {
            next_id: comments.iter().map(|c| c.id).max().unwrap_or(1000) + 1,
            comments,
            pr_head: pr_head.to_owned(),
            pr_head_repo: "o/r".into(),
            pr_base: "0".repeat(40),
            files: vec![json!({"filename": "book/src/data.md", "status": "modified"})],
            ..State::default()
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (state, stop) = (state.clone(), stop.clone());
            std::thread::spawn(move || {
                // Bounded: the test stops it, and it never outlives three
                // minutes (the simulated Action's run takes over a minute on
                // a loaded machine, and the mock must answer to its end).
                let deadline = Instant::now() + Duration::from_secs(180);
                while !stop.load(Ordering::SeqCst) && Instant::now() < deadline {
                    if let Ok(Some(request)) = server.recv_timeout(Duration::from_millis(20)) {
                        handle(request, port, &state);
                    }
                }
            })
        };
        MockGithub {
            port,
            state,
            stop,
            thread: Some(thread),
        }
    }

    fn api_url(&self) -> String {
        format!("http://127.0.0.1:{}/api/v3", self.port)
    }

    fn forbid_writes(&self) {
        self.state.lock().unwrap().forbid_writes = true;
    }

    fn with(&self, f: impl FnOnce(&mut State)) -> &Self {
        f(&mut self.state.lock().unwrap());
        self
    }

    fn comments(&self) -> Vec<Comment> {
        self.state.lock().unwrap().comments.clone()
    }

    fn seen(&self) -> Vec<Seen> {
        self.state.lock().unwrap().seen.clone()
    }

    fn writes(&self) -> Vec<Seen> {
        self.seen()
            .into_iter()
            .filter(|s| s.method != "GET")
            .collect()
    }
}

impl Drop for MockGithub {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn comment_json(c: &Comment) -> Value {
    json!({"id": c.id, "node_id": "IC_x", "body": c.body,
           "html_url": format!("https://github.example/o/r/pull/7#issuecomment-{}", c.id),
           "user": {"login": c.login, "id": 41898282, "type": if c.login.ends_with("[bot]") { "Bot" } else { "User" }},
           "created_at": "2026-03-01T10:00:00Z", "updated_at": "2026-03-01T10:00:00Z"})
}

fn handle(mut request: tiny_http::Request, port: u16, state: &Mutex<State>) {
    let mut body = String::new();
    let _ = request.as_reader().read_to_string(&mut body);
    let method = request.method().to_string();
    let url = request.url().to_owned();
    let authorization = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Authorization"))
        .map(|h| h.value.to_string());
    let mut st = state.lock().unwrap();
    st.seen.push(Seen {
        method: method.clone(),
        url: url.clone(),
        authorization,
        body: body.clone(),
    });
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let page: usize = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("page="))
        .and_then(|p| p.parse().ok())
        .unwrap_or(1);
    let list = format!("/api/v3/repos/o/r/issues/{NUMBER}/comments");
    let (status, reply, link): (u16, Value, Option<String>) = match (method.as_str(), path) {
        ("GET", p) if p == list => {
            let per_page = 100;
            let items: Vec<Value> = st
                .comments
                .iter()
                .skip((page - 1) * per_page)
                .take(per_page)
                .map(comment_json)
                .collect();
            let pages = st.comments.len().div_ceil(per_page).max(1);
            let link = (page < pages).then(|| {
                format!(
                    "<http://127.0.0.1:{port}{list}?per_page=100&page={}>; rel=\"next\", <http://127.0.0.1:{port}{list}?per_page=100&page={pages}>; rel=\"last\"",
                    page + 1
                )
            });
            (200, Value::Array(items), link)
        }
        ("POST", p) if p == list => {
            if st.forbid_writes {
                forbidden()
            } else {
                let body: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
                let id = st.next_id;
                st.next_id += 1;
                let c = Comment {
                    id,
                    body: body["body"].as_str().unwrap_or("").to_owned(),
                    login: st.user.clone().unwrap_or_else(|| BOT.into()),
                };
                st.comments.push(c.clone());
                (201, comment_json(&c), None)
            }
        }
        ("PATCH", p) if p.starts_with("/api/v3/repos/o/r/issues/comments/") => {
            let id: u64 = p.rsplit('/').next().unwrap().parse().unwrap_or(0);
            if st.forbid_writes {
                forbidden()
            } else if let Some(c) = st.comments.iter_mut().find(|c| c.id == id) {
                let body: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
                c.body = body["body"].as_str().unwrap_or("").to_owned();
                let c = c.clone();
                (200, comment_json(&c), None)
            } else {
                (404, json!({"message": "Not Found"}), None)
            }
        }
        ("GET", p) if p == format!("/api/v3/repos/o/r/pulls/{NUMBER}") => {
            (200, pull_json(&st), None)
        }
        // The open pull requests of a head `owner:branch`.
        ("GET", "/api/v3/repos/o/r/pulls") => {
            let owner = st.pr_head_repo.split('/').next().unwrap_or("");
            let wanted = format!("head={owner}%3Achange");
            let found = query.split('&').any(|kv| kv == wanted) && query.contains("state=open");
            let list = if found { vec![pull_json(&st)] } else { vec![] };
            (200, Value::Array(list), None)
        }
        ("GET", p) if p == format!("/api/v3/repos/o/r/pulls/{NUMBER}/files") => {
            (200, Value::Array(st.files.clone()), None)
        }
        ("GET", "/api/v3/user") => match &st.user {
            Some(login) => (200, json!({"login": login, "id": 7, "type": "User"}), None),
            None => forbidden(),
        },
        ("GET", p) if p.starts_with("/api/v3/repos/o/r/contents/") => {
            let path = &p["/api/v3/repos/o/r/contents/".len()..];
            let sha = query
                .split('&')
                .find_map(|kv| kv.strip_prefix("ref="))
                .unwrap_or("");
            match st.contents.iter().find(|(p, s, _)| p == path && s == sha) {
                Some((_, _, text)) => (
                    200,
                    json!({"type": "file", "encoding": "base64", "content": base64(text)}),
                    None,
                ),
                None => (404, json!({"message": "Not Found"}), None),
            }
        }
        _ => (
            404,
            json!({"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}),
            None,
        ),
    };
    drop(st);
    let mut response = tiny_http::Response::from_string(reply.to_string())
        .with_status_code(status)
        .with_header(
            tiny_http::Header::from_bytes("Content-Type", "application/json; charset=utf-8")
                .unwrap(),
        );
    if let Some(link) = link {
        response =
            response.with_header(tiny_http::Header::from_bytes("Link", link.as_bytes()).unwrap());
    }
    let _ = request.respond(response);
}

fn pull_json(st: &State) -> Value {
    json!({"number": NUMBER, "state": "open",
           "head": {"sha": st.pr_head, "ref": "change", "repo": {"full_name": st.pr_head_repo}},
           "base": {"sha": st.pr_base, "ref": "main", "repo": {"full_name": "o/r"}}})
}

/// Base64 as GitHub sends file contents: lines of 60 characters.
fn base64(text: &str) -> String {
    const DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in text.as_bytes().chunks(3) {
        let n = chunk.iter().fold(0u32, |n, b| (n << 8) | u32::from(*b)) << (8 * (3 - chunk.len()));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(DIGITS[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
        if out.len() % 61 == 60 {
            out.push('\n');
        }
    }
    out
}

fn forbidden() -> (u16, Value, Option<String>) {
    (
        403,
        json!({"message": "Resource not accessible by integration", "documentation_url": "https://docs.github.com/rest/issues/comments#create-an-issue-comment", "status": "403"}),
        None,
    )
}

// ---------------------------------------------------------------------------
// A statement in a git repository with a pull request on it.

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Process::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Lead Officer")
        .env("GIT_AUTHOR_EMAIL", "lead@example.org")
        .env("GIT_COMMITTER_NAME", "Lead Officer")
        .env("GIT_COMMITTER_EMAIL", "lead@example.org")
        .env("GIT_AUTHOR_DATE", "2026-03-01T10:00:00+00:00")
        .env("GIT_COMMITTER_DATE", "2026-03-01T10:00:00+00:00")
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// A pull request: `main` has a statement with one old error ([E98] in the
/// context); the branch adds a sentence with a new error ([E99]) and a
/// child's CHI number to the data section.
struct PullRequest {
    repo: Repo,
    base: String,
    head: String,
    event: PathBuf,
}

fn pull_request() -> PullRequest {
    let not_applicable: String = (1..=13)
        .map(|n| format!("{n} = \"Not held by this test partnership\"\n"))
        .collect();
    let repo = Repo::passing()
        .edit(
            "book/src/context.md",
            "Chief Officers' Group.",
            "Chief Officers' Group [E98].",
        )
        .file(
            "partnership.toml",
            &format!("{PARTNERSHIP}\n[evidence.not_applicable]\n{not_applicable}"),
        );
    git(repo.path(), &["init", "-q", "-b", "main"]);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "The statement"]);
    let base = git(repo.path(), &["rev-parse", "HEAD"]);
    git(repo.path(), &["checkout", "-q", "-b", "change"]);
    let repo = repo.edit(
        "book/src/data.md",
        "fell [E1].",
        &format!("fell [E1].{NEW_SENTENCE}"),
    );
    git(repo.path(), &["commit", "-q", "-am", "Data: young carers"]);
    let head = git(repo.path(), &["rev-parse", "HEAD"]);
    let event = write_event(
        repo.path(),
        "event.json",
        &json!({"action": "synchronize", "number": NUMBER,
                "pull_request": {"number": NUMBER, "base": {"sha": base, "ref": "main"}, "head": {"sha": head, "ref": "change"}}}),
    )
    .expect("event file");
    PullRequest {
        repo,
        base,
        head,
        event,
    }
}

/// Writes an event payload beside (not inside) the repository.
fn write_event(repo: &Path, name: &str, event: &Value) -> Option<PathBuf> {
    let dir = repo.join(".git").join("psdoc-test-events");
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(event).unwrap()).ok()?;
    Some(path)
}

/// `psdoc ARGS` in `dir` with a clean GitHub environment plus `vars`.
fn psdoc(dir: &Path, args: &[&str], vars: &[(&str, String)]) -> Output {
    let mut cmd = psdoc_command();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    for (name, _) in std::env::vars() {
        if name.starts_with("GITHUB_") || name.starts_with("RUNNER_") {
            cmd.env_remove(name);
        }
    }
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.args(args).output().expect("run psdoc")
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn vars_for(pr: &PullRequest, mock: &MockGithub) -> Vec<(&'static str, String)> {
    vec![
        ("GITHUB_EVENT_PATH", pr.event.display().to_string()),
        ("GITHUB_EVENT_NAME", "pull_request".into()),
        ("GITHUB_REPOSITORY", "o/r".into()),
        ("GITHUB_API_URL", mock.api_url()),
        ("GITHUB_TOKEN", TOKEN.into()),
    ]
}

fn assert_no_token(out: &Output) {
    let (stdout, stderr) = text(out);
    assert!(
        !stdout.contains(TOKEN) && !stderr.contains(TOKEN),
        "the token was printed:\n{stdout}\n{stderr}"
    );
    assert!(!stdout.contains("t0ps3cr3t") && !stderr.contains("t0ps3cr3t"));
}

// ---------------------------------------------------------------------------
// The comment.

#[test]
fn the_first_run_creates_the_comment_and_the_second_updates_it() {
    let pr = pull_request();
    let mock = MockGithub::start(vec![], &pr.head);
    let vars = vars_for(&pr, &mock);

    let first = psdoc(pr.repo.path(), &["github", "comment"], &vars);
    assert_no_token(&first);
    let (stdout, stderr) = text(&first);
    assert_eq!(
        first.status.code(),
        Some(1),
        "errors fail as in check\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("commented on pull request #7 of o/r"),
        "{stdout}"
    );
    let writes = mock.writes();
    assert_eq!(writes.len(), 1, "{writes:?}");
    assert_eq!(writes[0].method, "POST");
    assert_eq!(
        writes[0].url, "/api/v3/repos/o/r/issues/7/comments",
        "the GHES path is kept"
    );
    let sent: Value = serde_json::from_str(&writes[0].body).expect("a JSON body");
    assert!(sent["body"].as_str().unwrap().starts_with("<!-- psdoc -->"));
    assert!(
        mock.seen()
            .iter()
            .all(|s| s.authorization.as_deref() == Some(&format!("Bearer {TOKEN}")))
    );
    let listed = mock
        .seen()
        .into_iter()
        .find(|s| s.url.starts_with("/api/v3/repos/o/r/issues/7/comments"))
        .expect("the comments listed");
    assert!(listed.url.contains("per_page=100"), "{listed:?}");

    let comments = mock.comments();
    assert_eq!(comments.len(), 1);
    let body = &comments[0].body;
    assert!(body.starts_with("<!-- psdoc -->"), "{body}");
    // New findings only: the [E99] the branch adds, not the old [E98].
    assert!(body.contains("E99 is not in the document log"), "{body}");
    assert!(!body.contains("E98"), "an old finding is listed:\n{body}");
    // The changed section with its word delta, the totals, the advice.
    assert!(body.contains("| What your data is telling you |"), "{body}");
    assert!(body.contains("since the base branch"), "{body}");
    assert!(body.contains("#### What to do"), "{body}");
    assert!(
        !body.contains("1904851231"),
        "an identifier in full:\n{body}"
    );
    assert!(body.chars().count() < 65_536);

    // Second run: the same comment is updated, none is added.
    let second = psdoc(pr.repo.path(), &["github", "comment"], &vars);
    assert_no_token(&second);
    let (stdout, _) = text(&second);
    assert!(
        stdout.contains("updated its comment on pull request #7"),
        "{stdout}"
    );
    let writes = mock.writes();
    assert_eq!(writes.len(), 2);
    assert_eq!(writes[1].method, "PATCH");
    assert_eq!(
        writes[1].url,
        format!("/api/v3/repos/o/r/issues/comments/{}", comments[0].id)
    );
    assert_eq!(mock.comments().len(), 1, "never a second comment");
}

#[test]
fn more_than_a_hundred_comments_are_paged_through() {
    let pr = pull_request();
    let mut existing: Vec<Comment> = (1..=250)
        .map(|i| Comment {
            id: i,
            body: format!("Comment {i} from a partner"),
            login: "partner-officer".into(),
        })
        .collect();
    // Someone else quoting psdoc's marker is not psdoc's comment, nor is
    // the bot's own comment that mentions it later in its text.
    existing[4].body = "<!-- psdoc --> copied by hand".into();
    existing[6] = Comment {
        id: 7,
        body: "Another tool's report, quoting <!-- psdoc --> in passing".into(),
        login: BOT.into(),
    };
    existing[229] = Comment {
        id: 230,
        body: "<!-- psdoc -->\nold text".into(),
        login: BOT.into(),
    };
    let mock = MockGithub::start(existing, &pr.head);
    let out = psdoc(
        pr.repo.path(),
        &["github", "comment"],
        &vars_for(&pr, &mock),
    );
    assert_no_token(&out);
    assert!(out.status.code() == Some(1), "{:?}", text(&out));
    let gets: Vec<String> = mock
        .seen()
        .into_iter()
        .filter(|s| s.method == "GET" && s.url.contains("/issues/7/comments"))
        .map(|s| s.url)
        .collect();
    assert_eq!(gets.len(), 3, "three pages of 100: {gets:?}");
    assert!(gets[2].contains("page=3"), "{gets:?}");
    let writes = mock.writes();
    assert_eq!(writes.len(), 1, "{writes:?}");
    assert_eq!(writes[0].method, "PATCH");
    assert_eq!(writes[0].url, "/api/v3/repos/o/r/issues/comments/230");
    assert_eq!(mock.comments()[4].body, "<!-- psdoc --> copied by hand");
    assert!(mock.comments()[6].body.starts_with("Another tool's report"));
    assert_eq!(mock.comments().len(), 250);
}

/// A personal access token comments as its owner: psdoc asks GitHub who
/// that is, and updates that person's psdoc comment rather than posting
/// another.
#[test]
fn a_personal_access_token_updates_its_own_comment() {
    let pr = pull_request();
    let existing = vec![
        Comment {
            id: 1,
            body: "<!-- psdoc -->\nold text".into(),
            login: "lead-officer".into(),
        },
        Comment {
            id: 2,
            body: "<!-- psdoc -->\nsomeone else's".into(),
            login: BOT.into(),
        },
    ];
    let mock = MockGithub::start(existing, &pr.head);
    mock.with(|s| s.user = Some("lead-officer".into()));
    let vars = vars_for(&pr, &mock);
    let out = psdoc(pr.repo.path(), &["github", "comment"], &vars);
    assert_eq!(out.status.code(), Some(1), "{:?}", text(&out));
    let writes = mock.writes();
    assert_eq!(writes.len(), 1, "{writes:?}");
    assert_eq!(writes[0].method, "PATCH");
    assert_eq!(writes[0].url, "/api/v3/repos/o/r/issues/comments/1");
    // Asked once more: still one comment of the officer's.
    let out = psdoc(pr.repo.path(), &["github", "comment"], &vars);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(mock.comments().len(), 2);
    assert!(mock.writes().iter().all(|w| w.method == "PATCH"));
}

#[test]
fn a_read_only_token_writes_the_step_summary_and_exits_per_findings() {
    let pr = pull_request();
    let mock = MockGithub::start(vec![], &pr.head);
    mock.forbid_writes();
    let summary = pr.repo.path().join(".git/step-summary.md");
    let mut vars = vars_for(&pr, &mock);
    vars.push(("GITHUB_STEP_SUMMARY", summary.display().to_string()));
    let out = psdoc(pr.repo.path(), &["github", "comment"], &vars);
    assert_no_token(&out);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "per findings, not 2: {stderr}");
    assert!(
        stderr.contains("HTTP 403") && stderr.contains("read-only"),
        "{stderr}"
    );
    assert_eq!(
        stderr.lines().filter(|l| l.contains("403")).count(),
        1,
        "{stderr}"
    );
    let summary = std::fs::read_to_string(&summary).expect("the step summary");
    assert!(
        summary.contains("<!-- psdoc -->") && summary.contains("E99"),
        "{summary}"
    );
    assert!(mock.comments().is_empty());

    // A passing statement with the same token exits 0.
    let fixed = pr.repo.edit("book/src/data.md", NEW_SENTENCE, "").edit(
        "book/src/context.md",
        " [E98]",
        "",
    );
    let out = psdoc(fixed.path(), &["github", "comment"], &vars);
    assert_eq!(out.status.code(), Some(0), "{:?}", text(&out));
}

/// The `workflow_run` event GitHub sends when the fork `partner/r`'s run of
/// `workflow` for branch `change` at `head` has completed.
fn fork_run_event(pr: &PullRequest, name: &str, head: &str, workflow: &str) -> PathBuf {
    write_event(
        pr.repo.path(),
        name,
        &json!({"action": "completed", "workflow_run": {
            "id": 99, "head_sha": head, "event": "pull_request", "pull_requests": [],
            "head_branch": "change", "path": workflow,
            "head_repository": {"full_name": "partner/r"}}}),
    )
    .unwrap()
}

fn fork_vars(event: &Path, mock: &MockGithub) -> Vec<(&'static str, String)> {
    vec![
        ("GITHUB_EVENT_PATH", event.display().to_string()),
        ("GITHUB_REPOSITORY", "o/r".to_owned()),
        ("GITHUB_API_URL", mock.api_url()),
        ("GITHUB_TOKEN", TOKEN.to_owned()),
    ]
}

const WORKFLOW: &str = ".github/workflows/statement.yml";

/// The report a fork's run writes (its own workflow could write anything).
fn fork_report(pr: &PullRequest) -> (PathBuf, Value) {
    let report = pr.repo.path().join(".git/pr-report.json");
    let out = psdoc(
        pr.repo.path(),
        &["github", "report", "-o", report.to_str().unwrap()],
        &[("GITHUB_EVENT_PATH", pr.event.display().to_string())],
    );
    assert_eq!(out.status.code(), Some(0), "{:?}", text(&out));
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    (report, json)
}

fn fork_mock(pr: &PullRequest) -> MockGithub {
    let mock = MockGithub::start(vec![], &pr.head);
    mock.with(|s| {
        s.pr_head_repo = "partner/r".into();
        s.pr_base = pr.base.clone();
    });
    mock
}

#[test]
fn a_fork_pull_request_comments_from_its_report() {
    let pr = pull_request();
    let (report, json) = fork_report(&pr);
    assert_eq!(json["pull_request"]["number"], NUMBER);
    assert_eq!(json["pull_request"]["base_sha"], pr.base.as_str());
    assert_eq!(json["pull_request"]["head_sha"], pr.head.as_str());
    assert_eq!(json["findings_scope"], "new");
    assert_eq!(
        json["totals"]["errors"], 3,
        "E98, E99 and the CHI number: {json:#}"
    );
    assert_eq!(
        json["findings"].as_array().unwrap().len(),
        2,
        "E99 and the CHI number are new: {json:#}"
    );
    let rules: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"unknown-evidence"), "{json:#}");
    assert_eq!(json["sections"][0]["key"], "data", "{json:#}");
    assert!(
        !std::fs::read_to_string(&report)
            .unwrap()
            .contains("1904851231")
    );

    // The companion run: a workflow_run event, no checkout, the report.
    let mock = fork_mock(&pr);
    let run_event = fork_run_event(&pr, "run.json", &pr.head, WORKFLOW);
    let elsewhere = tempfile::tempdir().unwrap();
    let vars = fork_vars(&run_event, &mock);
    let report_arg = report.to_str().unwrap();
    let out = psdoc(
        elsewhere.path(),
        &["github", "comment", "--report", report_arg],
        &vars,
    );
    assert_no_token(&out);
    assert_eq!(out.status.code(), Some(1), "{:?}", text(&out));
    assert_eq!(mock.comments().len(), 1);
    let body = &mock.comments()[0].body;
    assert!(body.contains("E99"), "{body}");
    // Figures from the fork's run are labelled as such.
    assert!(
        body.contains("**Not checked here: figures reported by the fork's own run.** That run reports 3 errors"),
        "{body}"
    );

    // A tampered report is refused before any request.
    let tampered = pr.repo.path().join(".git/tampered.json");
    let mut bad = json.clone();
    bad["findings"][0]["rule"] = json!("<script>");
    std::fs::write(&tampered, bad.to_string()).unwrap();
    let before = mock.seen().len();
    let out = psdoc(
        elsewhere.path(),
        &["github", "comment", "--report", tampered.to_str().unwrap()],
        &vars,
    );
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("was rejected") && stderr.contains("findings[0].rule"),
        "{stderr}"
    );
    assert_eq!(
        mock.seen().len(),
        before,
        "no request for a rejected report"
    );

    // A report about another commit than the run's is refused too.
    let mut other = json.clone();
    other["pull_request"]["head_sha"] = json!("0".repeat(40));
    std::fs::write(&tampered, other.to_string()).unwrap();
    let out = psdoc(
        elsewhere.path(),
        &["github", "comment", "--report", tampered.to_str().unwrap()],
        &vars,
    );
    assert_eq!(out.status.code(), Some(2), "{:?}", text(&out));

    // A run of another workflow file (a fork can add one with the same
    // name) is refused before any request.
    let evil = fork_run_event(&pr, "evil.json", &pr.head, ".github/workflows/evil.yml");
    let before = mock.seen().len();
    let out = psdoc(
        elsewhere.path(),
        &["github", "comment", "--report", report_arg],
        &fork_vars(&evil, &mock),
    );
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("not of .github/workflows/statement.yml"),
        "{stderr}"
    );
    assert_eq!(mock.seen().len(), before);

    // A report naming a pull request whose head is elsewhere posts nothing.
    let other_run = fork_run_event(&pr, "other-run.json", &"1".repeat(40), WORKFLOW);
    let mut moved = json.clone();
    moved["pull_request"]["head_sha"] = json!("1".repeat(40));
    std::fs::write(&tampered, moved.to_string()).unwrap();
    let out = psdoc(
        elsewhere.path(),
        &["github", "comment", "--report", tampered.to_str().unwrap()],
        &fork_vars(&other_run, &mock),
    );
    let (_, stderr) = text(&out);
    assert!(stderr.contains("not commenting"), "{stderr}");

    // The pull request must come from the run's repository and branch, not
    // only have its commit.
    mock.with(|s| s.pr_head_repo = "mallory/r".into());
    let out = psdoc(
        elsewhere.path(),
        &["github", "comment", "--report", report_arg],
        &vars,
    );
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not commenting"), "{stderr}");
    assert_eq!(mock.writes().len(), 1, "only the first, genuine comment");
}

/// Issue 17: a fork's run can upload any report. A report whose totals
/// disagree with its findings is refused; a consistent forged one is shown
/// as the fork's claim, never as a pass; and the comment workflow checks
/// the pull request's files itself, whatever any report says.
#[test]
fn a_forged_report_cannot_produce_a_passing_verdict() {
    let pr = pull_request();
    let (_, json) = fork_report(&pr);
    let mock = fork_mock(&pr);
    let run_event = fork_run_event(&pr, "run.json", &pr.head, WORKFLOW);
    let vars = fork_vars(&run_event, &mock);
    let elsewhere = tempfile::tempdir().unwrap();
    let forged = pr.repo.path().join(".git/forged.json");

    // "0 errors" while listing findings: refused, nothing asked or posted.
    let mut lie = json.clone();
    lie["totals"]["errors"] = json!(0);
    lie["totals"]["warnings"] = json!(0);
    std::fs::write(&forged, lie.to_string()).unwrap();
    let out = psdoc(
        elsewhere.path(),
        &["github", "comment", "--report", forged.to_str().unwrap()],
        &vars,
    );
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("disagree with the findings it lists"),
        "{stderr}"
    );
    assert!(mock.seen().is_empty());

    // A consistent lie: nothing found. Shown as the fork's own figures.
    let mut clean = json.clone();
    clean["totals"]["errors"] = json!(0);
    clean["totals"]["warnings"] = json!(0);
    clean["findings"] = json!([]);
    std::fs::write(&forged, clean.to_string()).unwrap();
    let out = psdoc(
        elsewhere.path(),
        &["github", "comment", "--report", forged.to_str().unwrap()],
        &vars,
    );
    assert_eq!(out.status.code(), Some(0), "{:?}", text(&out));
    let body = mock.comments()[0].body.clone();
    assert!(!body.contains("Passes"), "{body}");
    assert!(
        body.contains("**Not checked here: figures reported by the fork's own run.**"),
        "{body}"
    );

    // The comment workflow's own check of the fork's files: the real
    // verdict, in the same comment.
    let out = psdoc(
        pr.repo.path(),
        &[
            "--root",
            pr.repo.path().to_str().unwrap(),
            "github",
            "comment",
        ],
        &vars,
    );
    assert_no_token(&out);
    assert_eq!(out.status.code(), Some(1), "{:?}", text(&out));
    assert_eq!(mock.comments().len(), 1, "never a second comment");
    let body = mock.comments()[0].body.clone();
    assert!(
        body.contains("**Does not pass**: the statement has 3 errors (2 from this pull request)."),
        "{body}"
    );
    assert!(body.contains("E99 is not in the document log"), "{body}");
    assert!(body.contains("not by the fork's run"), "{body}");
    assert!(!body.contains("1904851231"));
}

/// The comment workflow for a fork finds the pull request by the run's
/// commit, branch and repository, checks only the workflow it expects, and
/// reads the commit the run was for.
#[test]
fn a_fork_pull_request_is_checked_from_its_own_files() {
    let pr = pull_request();
    let mock = fork_mock(&pr);
    let root = pr.repo.path().to_str().unwrap().to_owned();
    let args = ["--root", root.as_str(), "github", "comment"];
    let elsewhere = tempfile::tempdir().unwrap();

    let run_event = fork_run_event(&pr, "run.json", &pr.head, WORKFLOW);
    let out = psdoc(elsewhere.path(), &args, &fork_vars(&run_event, &mock));
    assert_eq!(out.status.code(), Some(1), "{:?}", text(&out));
    let found = mock
        .seen()
        .into_iter()
        .find(|s| s.url.starts_with("/api/v3/repos/o/r/pulls?"))
        .expect("the pull request looked up by its head");
    assert!(found.url.contains("head=partner%3Achange"), "{found:?}");
    assert_eq!(mock.comments().len(), 1);

    // Another workflow file's run: refused, nothing posted.
    let evil = fork_run_event(
        &pr,
        "evil.json",
        &pr.head,
        ".github/workflows/statement.yml.yml",
    );
    let out = psdoc(elsewhere.path(), &args, &fork_vars(&evil, &mock));
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("not of .github/workflows/statement.yml"),
        "{stderr}"
    );

    // A pull request with the same commit from another repository is not
    // this run's: nothing to comment on.
    mock.with(|s| s.pr_head_repo = "mallory/r".into());
    let out = psdoc(elsewhere.path(), &args, &fork_vars(&run_event, &mock));
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("no open pull request"), "{stderr}");

    // The files checked out must be the run's commit.
    mock.with(|s| {
        s.pr_head_repo = "partner/r".into();
        s.pr_head = pr.base.clone();
    });
    let stale = fork_run_event(&pr, "stale.json", &pr.base, WORKFLOW);
    let out = psdoc(elsewhere.path(), &args, &fork_vars(&stale, &mock));
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("check out `github.event.workflow_run.head_sha`"),
        "{stderr}"
    );
    assert_eq!(mock.writes().len(), 1);
}

/// A pull request that changes the workflows or the rules' severities
/// changes what its own check says: the comment names those changes.
#[test]
fn a_change_to_github_or_the_rules_is_flagged() {
    let pr = pull_request();
    let mock = MockGithub::start(vec![], &pr.head);
    let vars = vars_for(&pr, &mock);
    let out = psdoc(pr.repo.path(), &["github", "comment"], &vars);
    assert_eq!(out.status.code(), Some(1), "{:?}", text(&out));
    let body = mock.comments()[0].body.clone();
    assert!(!body.contains("changes how it is checked"), "{body}");

    let base_config = "[partnership]\nname = \"x\"\n\n[rules]\nstale-evidence = \"warning\"\n";
    mock.with(|s| {
        s.files = vec![
            json!({"filename": "book/src/data.md", "status": "modified"}),
            json!({"filename": ".github/workflows/statement.yml", "status": "modified"}),
            json!({"filename": "partnership.toml", "status": "modified"}),
        ];
        s.contents = vec![
            (
                "partnership.toml".into(),
                pr.base.clone(),
                base_config.into(),
            ),
            (
                "partnership.toml".into(),
                pr.head.clone(),
                base_config.replace("\"warning\"", "\"off\""),
            ),
        ];
    });
    let out = psdoc(pr.repo.path(), &["github", "comment"], &vars);
    assert_eq!(out.status.code(), Some(1), "{:?}", text(&out));
    let body = mock.comments()[0].body.clone();
    assert!(
        body.contains("> **This pull request changes how it is checked.**"),
        "{body}"
    );
    assert!(
        body.contains("GitHub workflows or settings: `.github/workflows/statement.yml`"),
        "{body}"
    );
    assert!(body.contains("`[rules]` in `partnership.toml`"), "{body}");
    assert!(
        body.contains("- **Review the changes to how this is checked**"),
        "{body}"
    );
    let contents: Vec<String> = mock
        .seen()
        .into_iter()
        .filter(|s| s.url.contains("/contents/"))
        .map(|s| s.url)
        .collect();
    assert!(
        contents.contains(&format!(
            "/api/v3/repos/o/r/contents/partnership.toml?ref={}",
            pr.base
        )),
        "{contents:?}"
    );
}

/// Titles and messages a hostile pull request could bring.
const HOSTILE: &[&str] = &[
    "![Approved](https://evil.example/badge.svg)",
    "[Click to approve](https://evil.example/phish)",
    "<img src=x onerror=alert(1)> <script>alert(1)</script>",
    "</table><details open><summary>Approved</summary>",
    "www.evil.example/login",
    "https://evil.example/path and http://a.example",
    "Closes #1, fixes owner/repo#2, see GH-3",
    "ping @everyone and @org/team, mail lead@example.org",
    "**bold** _em_ ~~struck~~ `code` ``two`` $x^2$",
    "# Heading\n- list\n> quote\n| a | b |",
    "[^1] footnote and [ref]: https://evil.example",
    "&lt;b&gt; &#64;everyone &amp;",
    "bidi \u{202E}evil\u{202C} text",
    ":white_check_mark: **Passes**: no problems found.",
];

/// What in a comment's Markdown GitHub would turn into a link, an image,
/// HTML, a mention or a reference.
fn live_markdown(body: &str) -> Vec<String> {
    let mut found = Vec::new();
    let ours = body
        .replacen("<!-- psdoc -->", "", 1)
        .replace("<sub>", "")
        .replace("</sub>", "")
        .replace("`<!-- psdoc-allow RULE -->`", "");
    for pattern in [
        "](",
        "<",
        "://",
        "www.",
        "@everyone",
        "@org",
        "@example",
        "#1",
        "#2",
        "GH-3",
        "\u{202E}",
    ] {
        if ours.contains(pattern) {
            found.push(pattern.to_owned());
        }
    }
    found
}

#[test]
fn hostile_titles_render_inert() {
    let pr = pull_request();
    let (_, json) = fork_report(&pr);
    let mut report = json.clone();
    let section = json["sections"][0].clone();
    let finding = json["findings"][0].clone();
    let long = "x".repeat(470) + "[a](https://evil.example)";
    let corpus: Vec<&str> = HOSTILE.iter().copied().chain([long.as_str()]).collect();
    report["sections"] = corpus
        .iter()
        .map(|t| {
            let mut s = section.clone();
            s["title"] = json!(t);
            s
        })
        .collect();
    report["findings"] = corpus
        .iter()
        .map(|t| {
            let mut f = finding.clone();
            f["severity"] = json!("error");
            f["message"] = json!(t);
            f["help"] = json!(t);
            f
        })
        .collect();
    report["totals"]["errors"] = json!(corpus.len());
    let path = pr.repo.path().join(".git/hostile.json");
    std::fs::write(&path, report.to_string()).unwrap();
    let mock = fork_mock(&pr);
    let run_event = fork_run_event(&pr, "run.json", &pr.head, WORKFLOW);
    let elsewhere = tempfile::tempdir().unwrap();
    let out = psdoc(
        elsewhere.path(),
        &["github", "comment", "--report", path.to_str().unwrap()],
        &fork_vars(&run_event, &mock),
    );
    assert_eq!(out.status.code(), Some(1), "{:?}", text(&out));
    let body = mock.comments()[0].body.clone();
    assert!(
        live_markdown(&body).is_empty(),
        "{:?}\n{body}",
        live_markdown(&body)
    );
    assert!(!body.chars().any(|c| c.is_control() && c != '\n'));
    // Every hostile row is a row of its table: one line each.
    assert_eq!(
        body.matches("| error | `unknown-evidence` |").count(),
        corpus.len(),
        "{body}"
    );
    assert!(body.contains("evil"), "the words are still shown");

    // A hostile heading in the statement itself: the comment, the job
    // summary and SARIF.
    let heading =
        "What your data is telling you: ![x](https://evil.example/x.png) @everyone #1 <b>";
    let base = pr.base.clone();
    let repo = pr.repo.edit(
        "book/src/data.md",
        "# What your data is telling you",
        &format!("# {heading}"),
    );
    git(repo.path(), &["commit", "-q", "-am", "A heading"]);
    let head = git(repo.path(), &["rev-parse", "HEAD"]);
    let event = write_event(
        repo.path(),
        "hostile-event.json",
        &json!({"number": NUMBER, "pull_request": {"number": NUMBER,
            "base": {"sha": base}, "head": {"sha": head}}}),
    )
    .unwrap();
    let mock = MockGithub::start(vec![], &head);
    let vars = vec![
        ("GITHUB_EVENT_PATH", event.display().to_string()),
        ("GITHUB_REPOSITORY", "o/r".to_owned()),
        ("GITHUB_API_URL", mock.api_url()),
        ("GITHUB_TOKEN", TOKEN.to_owned()),
    ];
    let out = psdoc(repo.path(), &["github", "comment"], &vars);
    assert_eq!(out.status.code(), Some(1), "{:?}", text(&out));
    let body = mock.comments()[0].body.clone();
    // The section's title as psdoc reads the heading (an image's address
    // is not text), inert.
    assert!(
        body.contains("| What your data is telling you:  @\u{2060}everyone \\#\u{2060}1 |"),
        "the heading is shown: {body}"
    );
    assert!(
        live_markdown(&body).is_empty(),
        "{:?}\n{body}",
        live_markdown(&body)
    );
    let out = psdoc(repo.path(), &["check", "--format", "markdown"], &[]);
    let summary = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        live_markdown(&summary).is_empty(),
        "{:?}\n{summary}",
        live_markdown(&summary)
    );

    // `psdoc diff --format markdown`, made for a pull-request comment,
    // quotes the changed text itself.
    let hostile_text = HOSTILE.join(" ");
    let repo = repo.edit(
        "book/src/data.md",
        "fell [E1].",
        &format!("fell [E1]. {hostile_text}"),
    );
    git(repo.path(), &["commit", "-q", "-am", "Hostile text"]);
    let out = psdoc(
        repo.path(),
        &["diff", &base, "HEAD", "--format", "markdown"],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{:?}", text(&out));
    let diff = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(diff.contains("evil"), "{diff}");
    let tags = [
        "<ins>",
        "</ins>",
        "<del>",
        "</del>",
        "<br>",
        "<details>",
        "</details>",
        "<summary>",
        "</summary>",
        "<b>",
        "</b>",
    ];
    let ours = tags.iter().fold(diff.clone(), |d, tag| d.replace(tag, ""));
    assert!(
        live_markdown(&ours).is_empty(),
        "{:?}\n{diff}",
        live_markdown(&ours)
    );
}

#[test]
fn outside_a_pull_request_it_says_what_is_missing() {
    let repo = Repo::passing();
    let out = psdoc(repo.path(), &["github", "comment"], &[]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("GITHUB_REPOSITORY is not set"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

/// The comment shown in the README is the one this scenario posts.
#[test]
fn the_documented_comment_is_a_real_one() {
    let pr = pull_request();
    let mock = MockGithub::start(vec![], &pr.head);
    let out = psdoc(
        pr.repo.path(),
        &["github", "comment"],
        &vars_for(&pr, &mock),
    );
    assert_eq!(out.status.code(), Some(1), "{:?}", text(&out));
    let body = mock.comments()[0].body.clone();
    let doc_path = project_root().join("README.md");
    let doc = std::fs::read_to_string(&doc_path).expect("README.md");
    let (start, end) = (
        "<!-- comment example: start -->\n",
        "<!-- comment example: end -->",
    );
    let from = doc.find(start).expect("start marker") + start.len();
    let to = doc.find(end).expect("end marker");
    let shown = body.replace("<!-- psdoc -->\n", "");
    let expected = format!("{}\n", quote(&shown));
    if std::env::var_os("PSDOC_BLESS").is_some() {
        let new = format!("{}{}{}", &doc[..from], expected, &doc[to..]);
        std::fs::write(&doc_path, new).unwrap();
        return;
    }
    assert_eq!(
        &doc[from..to],
        expected,
        "README.md's example comment is out of date: run PSDOC_BLESS=1 cargo test -p psdoc --test e2e github::the_documented_comment_is_a_real_one"
    );
}

/// A Markdown block quote of `text`.
fn quote(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| {
            if l.is_empty() {
                ">".to_owned()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------------------
// The formats.

/// A statement with many findings, document text that looks like workflow
/// commands, and a file name that needs escaping.
fn noisy() -> Repo {
    let refs: String = (90..110).map(|n| format!(" [E{n}]")).collect();
    let repo = Repo::passing().edit(
        "book/src/data.md",
        "fell [E1].",
        &format!("fell [E1].{refs}\n\n::error file=x::injected 100% [E200]\n\n::stop-commands::psdoc-0 [E201]"),
    );
    let summary = repo
        .read("book/src/SUMMARY.md")
        .replace("(covid.md)", "(<covid, 50% notes.md>)");
    repo.file("book/src/SUMMARY.md", &summary)
        .file(
            "book/src/covid, 50% notes.md",
            &format!("{COVID}\nSee [E300].\n"),
        )
        .remove("book/src/covid.md")
}

#[test]
fn the_github_format_escapes_and_caps_its_annotations() {
    let repo = noisy();
    let out = psdoc(repo.path(), &["check", "--format", "github"], &[]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    let stop = lines
        .iter()
        .position(|l| l.starts_with("::stop-commands::"))
        .expect("stop-commands");
    let token = lines[stop].trim_start_matches("::stop-commands::");
    let resume = lines
        .iter()
        .position(|l| *l == format!("::{token}::"))
        .expect("resumes");
    // Before the fence: only psdoc's own commands.
    let commands = &lines[..stop];
    let errors = commands
        .iter()
        .filter(|l| l.starts_with("::error "))
        .count();
    let warnings = commands
        .iter()
        .filter(|l| l.starts_with("::warning "))
        .count();
    assert_eq!(errors, 10, "{stdout}");
    assert!(warnings <= 10);
    let notice = commands
        .iter()
        .find(|l| l.starts_with("::notice "))
        .expect("a notice");
    assert!(notice.contains("more finding"), "{notice}");
    assert!(
        commands.iter().all(|l| l.starts_with("::error file=")
            || l.starts_with("::warning file=")
            || l.starts_with("::notice ")),
        "{stdout}"
    );
    // Properties escape `,` `:` `%`; messages `%`.
    assert!(
        stdout.contains("file=book/src/covid%2C 50%25 notes.md,line="),
        "{stdout}"
    );
    // The document's look-alike commands only appear inside the fence, and
    // the fence's token is not in the text.
    let inside = lines[stop + 1..resume].join("\n");
    assert!(inside.contains("::error file=x::injected"), "{inside}");
    assert!(!inside.contains(token));
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("::error file=x"))
            .count(),
        0
    );
    // Every finding is in the log, so nothing is lost to the cap.
    let all = repo.check_json()["diagnostics"].as_array().unwrap().len();
    assert_eq!(inside.lines().filter(|l| l.contains("]: ")).count(), all);
    // Deterministic.
    let again = psdoc(repo.path(), &["check", "--format", "github"], &[]);
    assert_eq!(again.stdout, out.stdout);
}

#[test]
fn the_github_format_writes_the_step_outputs() {
    let repo = noisy();
    let output = repo.path().join("github-output");
    let out = psdoc(
        repo.path(),
        &["check", "--format", "github"],
        &[("GITHUB_OUTPUT", output.display().to_string())],
    );
    assert_eq!(out.status.code(), Some(1));
    let written = std::fs::read_to_string(output).unwrap();
    let json = repo.check_json();
    assert!(
        written.contains(&format!("errors={}\n", json["summary"]["errors"])),
        "{written}"
    );
    assert!(
        written.contains(&format!("words={}\n", json["summary"]["words"])),
        "{written}"
    );
}

#[test]
fn sarif_is_valid_sarif_2_1_0_with_every_rule() {
    let repo = noisy().edit(
        "book/src/data.md",
        "Interagency referral",
        "Children’s 😀 referral [E777]. Interagency referral",
    );
    let out = psdoc(repo.path(), &["check", "--format", "sarif"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    // The published schema's `language` patterns have a stray `]` that this
    // regex engine refuses; escaped, they mean what the spec's authors wrote.
    let text = std::fs::read_to_string(project_root().join("tests/data/sarif-2.1.0.json")).unwrap();
    let stray = "[a-zA-Z]{2}]?$";
    assert!(text.contains(stray));
    let schema: Value = serde_json::from_str(&text.replace(stray, "[a-zA-Z]{2}\\\\]?$")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = json!("fatal");
    assert!(
        !validator.is_valid(&broken),
        "the schema check would catch a bad log"
    );

    let run = &sarif["runs"][0];
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(run["tool"]["driver"]["name"], "psdoc");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let listed = psdoc(repo.path(), &["rules"], &[]);
    let names: Vec<String> = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .take_while(|l| !l.is_empty())
        .map(|l| l.split_whitespace().next().unwrap().to_owned())
        .collect();
    for name in &names {
        let rule = rules
            .iter()
            .find(|r| r["id"] == name.as_str())
            .unwrap_or_else(|| panic!("{name} missing"));
        for key in ["shortDescription", "fullDescription", "help"] {
            assert!(
                !rule[key]["text"].as_str().unwrap_or("").is_empty(),
                "{name}.{key}"
            );
        }
        assert!(
            rule["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains("**How to fix it**")
        );
        assert!(matches!(
            rule["defaultConfiguration"]["level"].as_str(),
            Some("error" | "warning")
        ));
    }
    // Every result has a location, a rule index that points at its rule,
    // and columns in UTF-16 code units.
    for r in run["results"].as_array().unwrap() {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert!(
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
                >= 1
        );
    }
    let e777 = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["message"]["text"].as_str().unwrap().contains("E777"))
        .expect("the E777 finding");
    let json = repo.check_json();
    let d = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("E777"))
        .unwrap();
    let chars = d["column"].as_u64().unwrap();
    // "Children’s 😀 referral " : the emoji is two UTF-16 code units.
    assert_eq!(
        e777["locations"][0]["physicalLocation"]["region"]["startColumn"]
            .as_u64()
            .unwrap(),
        chars + 1
    );
    assert_eq!(
        e777["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "book/src/data.md"
    );
    let covid = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["message"]["text"].as_str().unwrap().contains("E300"))
        .unwrap();
    assert_eq!(
        covid["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "book/src/covid,%2050%25%20notes.md"
    );
}

#[test]
fn paths_are_given_from_the_repository_root_in_a_workflow() {
    let outer = tempfile::tempdir().unwrap();
    let repo = Repo::passing().edit("book/src/data.md", "fell [E1].", "fell [E1] [E55].");
    let statement = outer.path().join("statement");
    copy_dir(repo.path(), &statement);
    let vars = [("GITHUB_WORKSPACE", outer.path().display().to_string())];
    let out = psdoc(&statement, &["check", "--format", "github"], &vars);
    assert!(
        text(&out)
            .0
            .contains("::error file=statement/book/src/data.md,"),
        "{}",
        text(&out).0
    );
    let out = psdoc(&statement, &["check", "--format", "sarif"], &vars);
    assert!(
        text(&out)
            .0
            .contains("\"uri\": \"statement/book/src/data.md\"")
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn the_markdown_summary_has_totals_findings_and_coverage() {
    let repo = noisy();
    let out = psdoc(repo.path(), &["check", "--format", "markdown"], &[]);
    let (stdout, _) = text(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout.starts_with("## psdoc: position statement check\n"),
        "{stdout}"
    );
    assert!(stdout.contains("| words | "), "{stdout}");
    assert!(
        stdout.contains("### Findings\n\n| severity | rule | where | finding |"),
        "{stdout}"
    );
    assert!(stdout.contains("### Focus quality indicators"), "{stdout}");
    assert!(stdout.contains("| 1.1 | `data` |"), "{stdout}");
    assert!(stdout.len() <= 1024 * 1024);
}

// ---------------------------------------------------------------------------
// The Action, run locally.

fn sha256(path: &Path) -> String {
    let out = Process::new("sha256sum")
        .arg(path)
        .output()
        .expect("sha256sum");
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

/// What a fake release's archive holds.
#[derive(Clone, Copy, PartialEq)]
enum Payload {
    /// The psdoc built for these tests.
    Built,
    /// A small stand-in named `psdoc` (the debug build is large), for
    /// tests that never run it.
    StandIn,
    /// No psdoc at all.
    NoPsdoc,
}

/// A fake release folder holding an archive as the release workflow packs
/// it, and the archive's sha256.
fn fake_release(dir: &Path, target: &str, payload: Payload) -> (PathBuf, String) {
    let release = dir.join("release");
    let staging = dir.join("staging");
    std::fs::create_dir_all(&release).unwrap();
    std::fs::create_dir_all(&staging).unwrap();
    // psdoc and psdoc-typeset, the PDF typesetter it runs from its folder.
    let names: &[&str] = if payload == Payload::NoPsdoc {
        &["README.txt"]
    } else {
        &["psdoc", "psdoc-typeset"]
    };
    for name in names {
        if payload == Payload::Built {
            std::fs::copy(binary(name), staging.join(name)).unwrap();
        } else {
            std::fs::write(
                staging.join(name),
                format!("#!/bin/sh\necho {name} 0.1.0\n"),
            )
            .unwrap();
        }
    }
    let asset = release.join(format!("psdoc-{target}.tar.gz"));
    let status = Process::new("tar")
        .args([
            "-czf",
            asset.to_str().unwrap(),
            "-C",
            staging.to_str().unwrap(),
        ])
        .args(names)
        .status()
        .unwrap();
    assert!(status.success());
    let sum = sha256(&asset);
    (release, sum)
}

/// A copy of the Action as a release commit holds it: action.yml, the
/// sources (linked), and `release-checksums.txt` when given.
fn action_at_release(dir: &Path, checksums: Option<&str>) -> PathBuf {
    let action = dir.join("action");
    std::fs::create_dir_all(&action).unwrap();
    let root = project_root().canonicalize().unwrap();
    std::fs::copy(root.join("action.yml"), action.join("action.yml")).unwrap();
    for name in ["Cargo.toml", "Cargo.lock", "crates"] {
        std::os::unix::fs::symlink(root.join(name), action.join(name)).unwrap();
    }
    if let Some(text) = checksums {
        std::fs::write(action.join("release-checksums.txt"), text).unwrap();
    }
    action
}

/// `release-checksums.txt` of release v0.1.0 with `sum` for Linux x86-64.
fn checksums(sum: &str) -> String {
    format!(
        "# The psdoc release binaries the Action at this commit installs, with their sha256.\nrelease v0.1.0\n{sum}  v0.1.0/psdoc-x86_64-unknown-linux-gnu.tar.gz\n{}  v0.1.0/psdoc-aarch64-apple-darwin.tar.gz\n",
        "a".repeat(64)
    )
}

/// How the Action is run: where it lives, its `env` and where to stop.
struct ActionRun<'a> {
    action: &'a Path,
    release: &'a Path,
    env: Vec<(&'a str, String)>,
    stop_after: Option<&'a str>,
}

fn run_action(
    pr: &PullRequest,
    mock: &MockGithub,
    how: &ActionRun,
    inputs: Value,
) -> (Option<i32>, Value, String) {
    let temp = tempfile::tempdir().unwrap();
    let runner_temp = temp.path().join("runner-temp");
    std::fs::create_dir_all(&runner_temp).unwrap();
    let summary = temp.path().join("summary.md");
    let mut env = json!({
        "PSDOC_DOWNLOAD_URL": format!("file://{}", how.release.display()),
        "GITHUB_EVENT_PATH": pr.event,
        "GITHUB_REPOSITORY": "o/r",
        "GITHUB_API_URL": mock.api_url(),
        "GITHUB_STEP_SUMMARY": summary,
        "GITHUB_PATH": temp.path().join("github-path"),
        "NO_COLOR": "1",
    });
    for (k, v) in &how.env {
        env[*k] = json!(v);
    }
    let context = json!({
        "inputs": inputs,
        "github": {
            "action_path": how.action,
            "action_ref": "v0.1.0",
            "action_repository": "psdoc/psdoc",
            "server_url": "https://github.example",
            "event_name": "pull_request",
            "repository": "o/r",
            "token": TOKEN,
            "event": {"pull_request": {"number": NUMBER, "head": {"repo": {"full_name": "o/r"}}}},
        },
        "runner": {"os": "Linux", "arch": "X64", "temp": runner_temp},
        "env": env,
        "stop_after": how.stop_after,
    });
    let context_file = temp.path().join("context.json");
    std::fs::write(&context_file, context.to_string()).unwrap();
    // PATH without any psdoc: the action must install its own.
    let path: Vec<String> = std::env::var("PATH")
        .unwrap_or_default()
        .split(':')
        .filter(|p| !Path::new(p).join("psdoc").exists())
        .map(str::to_owned)
        .collect();
    let mut cmd = Process::new("python3");
    cmd.current_dir(pr.repo.path())
        .arg(project_root().join("tests/action/run_action.py"))
        .arg(how.action.join("action.yml"))
        .arg(&context_file)
        .env("PATH", path.join(":"));
    for (name, _) in std::env::vars() {
        if name.starts_with("GITHUB_") || name.starts_with("RUNNER_") || name.starts_with("PSDOC_")
        {
            cmd.env_remove(name);
        }
    }
    let out = cmd.output().expect("python3");
    let result: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!(
            "{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let summary = std::fs::read_to_string(summary).unwrap_or_default();
    let log = String::from_utf8_lossy(&out.stderr).into_owned();
    (
        out.status.code(),
        json!({"result": result, "summary": summary, "log": log}),
        log,
    )
}

fn step<'a>(result: &'a Value, name_part: &str) -> &'a Value {
    result["result"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"].as_str().unwrap().contains(name_part))
        .unwrap_or_else(|| panic!("no step {name_part}"))
}

fn linux_x64() -> bool {
    std::env::consts::OS == "linux" && std::env::consts::ARCH == "x86_64"
}

#[test]
fn the_actions_shell_steps_run_with_a_simulated_runner() {
    if !linux_x64() {
        return;
    }
    let pr = pull_request();
    let mock = MockGithub::start(vec![], &pr.head);
    let dir = tempfile::tempdir().unwrap();
    let (release, sum) = fake_release(dir.path(), "x86_64-unknown-linux-gnu", Payload::Built);
    // The checksum comes from the Action's own release-checksums.txt.
    let action = action_at_release(dir.path(), Some(&checksums(&sum)));
    let how = ActionRun {
        action: &action,
        release: &release,
        env: vec![],
        stop_after: None,
    };
    let inputs = json!({"root": ".", "fail-on": "error", "comment": "true", "sarif": "true", "token": TOKEN, "version": ""});
    let (code, run, log) = run_action(&pr, &mock, &how, inputs);
    assert!(!log.contains(TOKEN), "the token was printed");

    assert_eq!(step(&run, "Install")["outcome"], "success", "{log}");
    assert_eq!(
        step(&run, "Install")["outputs"]["installed"],
        "true",
        "{log}"
    );
    assert!(
        step(&run, "Install")["stdout"]
            .as_str()
            .unwrap()
            .contains("Installed psdoc v0.1.0 (x86_64-unknown-linux-gnu), its sha256 checked"),
        "{log}"
    );
    assert_eq!(step(&run, "Build psdoc")["outcome"], "skipped");
    assert_eq!(step(&run, "Cache")["outcome"], "skipped");
    assert_eq!(
        step(&run, "Check the statement")["outcome"],
        "success",
        "{log}"
    );
    let stdout = step(&run, "Check the statement")["stdout"]
        .as_str()
        .unwrap();
    assert!(
        stdout.contains("::error file=book/src/data.md,"),
        "{stdout}"
    );
    // Outputs from psdoc itself.
    let outputs = &run["result"]["outputs"];
    assert_eq!(outputs["errors"], "3", "{outputs}");
    assert_eq!(outputs["exit-code"], "1");
    assert!(outputs["words"].as_str().unwrap().parse::<u32>().unwrap() > 100);
    // The summary, the report, the comment, the SARIF file for the upload.
    assert!(
        run["summary"]
            .as_str()
            .unwrap()
            .contains("## psdoc: position statement check")
    );
    assert!(
        outputs["report"]
            .as_str()
            .unwrap()
            .ends_with("pr-report.json")
    );
    assert_eq!(mock.comments().len(), 1, "{log}");
    let upload = step(&run, "Upload to code scanning");
    assert_eq!(upload["outcome"], "not run (uses)");
    assert!(
        upload["with"]["sarif_file"]
            .as_str()
            .unwrap()
            .ends_with("psdoc.sarif")
    );
    // Errors fail the job, in the last step.
    assert_eq!(step(&run, "Fail on findings")["outcome"], "failure");
    assert_eq!(code, Some(1));

    // fail-on: never passes the same statement.
    let inputs = json!({"fail-on": "never", "comment": "false", "sarif": "false", "token": TOKEN});
    let (code, run, log) = run_action(&pr, &mock, &how, inputs);
    assert_eq!(code, Some(0), "{log}");
    assert_eq!(step(&run, "Comment")["outcome"], "skipped");
    assert_eq!(step(&run, "SARIF file")["outcome"], "skipped");
    assert_eq!(mock.comments().len(), 1);
}

/// The install step fails closed: it installs only a binary whose sha256
/// the Action itself pins, never falls back to another release or to
/// building, and never reports success without a psdoc.
#[test]
fn the_action_installs_only_what_it_pins() {
    if !linux_x64() {
        return;
    }
    let pr = pull_request();
    let mock = MockGithub::start(vec![], &pr.head);
    let dir = tempfile::tempdir().unwrap();
    let (release, sum) = fake_release(dir.path(), "x86_64-unknown-linux-gnu", Payload::StandIn);
    let empty = tempfile::tempdir().unwrap();
    let (no_psdoc, no_psdoc_sum) =
        fake_release(empty.path(), "x86_64-unknown-linux-gnu", Payload::NoPsdoc);
    let inputs = |version: &str| json!({"comment": "false", "token": TOKEN, "version": version});

    // Each case: where the Action's checksums say, what is downloaded,
    // the version asked, extra env, and what the step must say.
    let wrong: String = sum.chars().rev().collect();
    type Case<'a> = (
        Option<String>,
        &'a Path,
        &'a str,
        Vec<(&'a str, String)>,
        &'a str,
    );
    let cases: Vec<Case> = vec![
        (
            Some(checksums(&wrong)),
            &release,
            "",
            vec![],
            "does not match the one this Action pins",
        ),
        (
            Some(checksums(&no_psdoc_sum)),
            &no_psdoc,
            "",
            vec![],
            "holds no psdoc program",
        ),
        (
            Some(checksums(&sum)),
            &release,
            "v9.9.9",
            vec![],
            "does not know the sha256 of psdoc v9.9.9",
        ),
        (
            Some(checksums(&sum)),
            &release,
            "latest",
            vec![],
            "version must be a release tag",
        ),
        (
            None,
            &release,
            "v0.1.0",
            vec![],
            "does not know the sha256 of psdoc v0.1.0",
        ),
        (
            Some(checksums(&sum)),
            &release,
            "",
            vec![("PSDOC_DOWNLOAD_URL", "http://127.0.0.1:9/psdoc".into())],
            "must be an https:// or file:// address",
        ),
    ];
    for (i, (sums, from, version, env, says)) in cases.into_iter().enumerate() {
        let at = dir.path().join(format!("case-{i}"));
        let action = action_at_release(&at, sums.as_deref());
        let how = ActionRun {
            action: &action,
            release: from,
            env,
            stop_after: None,
        };
        let (code, run, log) = run_action(&pr, &mock, &how, inputs(version));
        assert_eq!(code, Some(1), "case {i}: {log}");
        let install = step(&run, "Install");
        assert_eq!(install["outcome"], "failure", "case {i}: {log}");
        assert!(
            install["stdout"].as_str().unwrap().contains(says),
            "case {i}: {says}: {log}"
        );
        assert_eq!(
            step(&run, "Build psdoc")["outcome"],
            "skipped",
            "case {i}: never a fallback"
        );
        assert_eq!(
            step(&run, "Check the statement")["outcome"],
            "skipped",
            "case {i}"
        );
    }

    // The test switch with a checksum pinned beside it installs.
    let action = action_at_release(&dir.path().join("pinned"), None);
    let how = ActionRun {
        action: &action,
        release: &release,
        env: vec![("PSDOC_DOWNLOAD_SHA256", sum.clone())],
        stop_after: Some("install"),
    };
    let (code, run, log) = run_action(&pr, &mock, &how, inputs("v0.1.0"));
    assert_eq!(code, Some(0), "{log}");
    assert_eq!(
        step(&run, "Install")["outputs"]["installed"],
        "true",
        "{log}"
    );

    // An Action that is not a release builds psdoc from its own source.
    let how = ActionRun {
        stop_after: Some("install"),
        env: vec![],
        ..how
    };
    let (code, run, log) = run_action(&pr, &mock, &how, inputs(""));
    assert_eq!(code, Some(0), "{log}");
    assert_eq!(
        step(&run, "Install")["outputs"]["installed"],
        "false",
        "{log}"
    );
    assert!(log.contains("not a release"), "{log}");
}

/// The build cache is keyed on the Action's whole source, so a cached
/// build is never of other code.
#[test]
fn the_build_cache_key_follows_the_sources() {
    let pr = pull_request();
    let mock = MockGithub::start(vec![], &pr.head);
    let dir = tempfile::tempdir().unwrap();
    let action = dir.path().join("action");
    std::fs::create_dir_all(action.join("crates/psdoc/src")).unwrap();
    std::fs::copy(project_root().join("action.yml"), action.join("action.yml")).unwrap();
    std::fs::write(action.join("Cargo.toml"), "[workspace]\n").unwrap();
    std::fs::write(action.join("Cargo.lock"), "version = 4\n").unwrap();
    std::fs::write(action.join("crates/psdoc/src/main.rs"), "fn main() {}\n").unwrap();
    let key = || {
        let how = ActionRun {
            action: &action,
            release: dir.path(),
            env: vec![],
            stop_after: Some("install"),
        };
        let (code, run, log) = run_action(&pr, &mock, &how, json!({"version": "source"}));
        assert_eq!(code, Some(0), "{log}");
        step(&run, "Install")["outputs"]["cache-key"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let before = key();
    assert!(before.starts_with("psdoc-Linux-X64-"), "{before}");
    assert_eq!(key(), before, "the same source, the same key");
    std::fs::write(
        action.join("crates/psdoc/src/main.rs"),
        "fn main() { println!(\"changed\"); }\n",
    )
    .unwrap();
    assert_ne!(key(), before, "a changed source file changes the key");
}

// ---------------------------------------------------------------------------
// The workflows.

/// Every action a workflow or the Action uses is pinned to a full commit,
/// with its release in a comment (Dependabot reads and updates both); the
/// only exceptions are this repository's own Action (`./`) and psdoc's,
/// which has no release commit yet.
#[test]
fn every_action_is_pinned_to_a_commit() {
    let root = project_root();
    let mut files = vec![root.join("action.yml")];
    for entry in std::fs::read_dir(root.join(".github/workflows")).unwrap() {
        files.push(entry.unwrap().path());
    }
    let mut pinned = 0;
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines() {
            let Some(rest) = line
                .trim_start()
                .trim_start_matches("- ")
                .strip_prefix("uses: ")
            else {
                continue;
            };
            if rest.starts_with("./") || rest.starts_with("psdoc/psdoc@") {
                continue;
            }
            let (target, comment) = rest.split_once(" # ").unwrap_or((rest, ""));
            let (_, sha) = target.split_once('@').expect("an action with a ref");
            assert!(
                sha.len() == 40
                    && sha
                        .chars()
                        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()),
                "{}: {line}: not pinned to a full commit",
                path.display()
            );
            assert!(
                comment.starts_with('v'),
                "{}: {line}: no release in a comment",
                path.display()
            );
            pinned += 1;
        }
    }
    assert!(pinned >= 10, "{pinned}");
    let dependabot = std::fs::read_to_string(root.join(".github/dependabot.yml")).unwrap();
    assert!(dependabot.contains("package-ecosystem: github-actions"));
}

#[test]
fn init_writes_the_partnership_workflows_as_they_are_here() {
    let dir = tempfile::tempdir().unwrap();
    let out = psdoc(dir.path(), &["init", "statement"], &[]);
    assert_eq!(out.status.code(), Some(0), "{:?}", text(&out));
    for file in [
        "workflows/statement.yml",
        "workflows/statement-comment.yml",
        "dependabot.yml",
    ] {
        let written =
            std::fs::read_to_string(dir.path().join("statement/.github").join(file)).unwrap();
        let ours = std::fs::read_to_string(project_root().join(".github").join(file)).unwrap();
        assert_eq!(written, ours, "{file}");
    }
}

#[test]
fn the_workflows_keep_to_least_privilege() {
    let dir = project_root().join(".github/workflows");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!text.contains("pull_request_target"), "{name}");
        assert!(
            text.contains("\npermissions:"),
            "{name}: no top-level permissions"
        );
        assert!(!text.contains("write-all"), "{name}");
    }
    let action = std::fs::read_to_string(project_root().join("action.yml")).unwrap();
    // The comment workflow for forks reads the pull request as data only.
    let comment = std::fs::read_to_string(dir.join("statement-comment.yml")).unwrap();
    assert!(comment.contains("persist-credentials: false"));
    assert!(comment.contains("ref: ${{ github.event.workflow_run.head_sha }}"));
    assert!(
        !comment.contains("download-artifact"),
        "no report is trusted"
    );
    assert!(comment.contains("psdoc --root \"$STATEMENT\" github comment"));
    // Inputs reach scripts only through env:.
    let mut in_run = false;
    for line in action.lines() {
        let t = line.trim_start();
        if t.starts_with("run: |") {
            in_run = true;
            continue;
        }
        if in_run && !line.starts_with("        ") && !t.is_empty() {
            in_run = false;
        }
        if in_run {
            assert!(
                !line.contains("${{"),
                "an expression inside a run: script: {line}"
            );
        }
    }
}

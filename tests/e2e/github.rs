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

use assert_cmd::Command;
use serde_json::{Value, json};

use crate::harness::*;

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
            ..State::default()
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (state, stop) = (state.clone(), stop.clone());
            std::thread::spawn(move || {
                // Bounded: the test stops it, and it never outlives a minute.
                let deadline = Instant::now() + Duration::from_secs(60);
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
                    login: BOT.into(),
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
        ("GET", p) if p == format!("/api/v3/repos/o/r/pulls/{NUMBER}") => (
            200,
            json!({"number": NUMBER, "state": "open", "head": {"sha": st.pr_head, "ref": "change"}, "base": {"ref": "main"}}),
            None,
        ),
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
    let mut cmd = Command::cargo_bin("psdoc").expect("psdoc binary");
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
    assert!(
        mock.seen()[0].url.contains("per_page=100"),
        "{:?}",
        mock.seen()[0]
    );

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
    // Someone else quoting psdoc's marker is not psdoc's comment.
    existing[4].body = "<!-- psdoc --> copied by hand".into();
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
        .filter(|s| s.method == "GET")
        .map(|s| s.url)
        .collect();
    assert_eq!(gets.len(), 3, "three pages of 100: {gets:?}");
    assert!(gets[2].contains("page=3"), "{gets:?}");
    let writes = mock.writes();
    assert_eq!(writes.len(), 1, "{writes:?}");
    assert_eq!(writes[0].method, "PATCH");
    assert_eq!(writes[0].url, "/api/v3/repos/o/r/issues/comments/230");
    assert_eq!(mock.comments()[4].body, "<!-- psdoc --> copied by hand");
    assert_eq!(mock.comments().len(), 250);
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

#[test]
fn a_fork_pull_request_comments_from_its_report() {
    let pr = pull_request();
    let report = pr.repo.path().join(".git/pr-report.json");
    let out = psdoc(
        pr.repo.path(),
        &["github", "report", "-o", report.to_str().unwrap()],
        &[("GITHUB_EVENT_PATH", pr.event.display().to_string())],
    );
    assert_eq!(out.status.code(), Some(0), "{:?}", text(&out));
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
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
    let mock = MockGithub::start(vec![], &pr.head);
    let run_event = write_event(
        pr.repo.path(),
        "run.json",
        &json!({"action": "completed", "workflow_run": {"head_sha": pr.head, "event": "pull_request", "pull_requests": []}}),
    )
    .unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let vars = vec![
        ("GITHUB_EVENT_PATH", run_event.display().to_string()),
        ("GITHUB_REPOSITORY", "o/r".to_owned()),
        ("GITHUB_API_URL", mock.api_url()),
        ("GITHUB_TOKEN", TOKEN.to_owned()),
    ];
    let report_arg = report.to_str().unwrap();
    let out = psdoc(
        elsewhere.path(),
        &["github", "comment", "--report", report_arg],
        &vars,
    );
    assert_no_token(&out);
    assert_eq!(out.status.code(), Some(1), "{:?}", text(&out));
    assert_eq!(mock.comments().len(), 1);
    assert!(mock.comments()[0].body.contains("E99"));

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

    // A report naming another pull request (whose head is elsewhere) posts nothing.
    let other_run = write_event(
        pr.repo.path(),
        "other-run.json",
        &json!({"workflow_run": {"head_sha": "1".repeat(40), "pull_requests": []}}),
    )
    .unwrap();
    let mut moved = json.clone();
    moved["pull_request"]["head_sha"] = json!("1".repeat(40));
    std::fs::write(&tampered, moved.to_string()).unwrap();
    let mut vars = vars.clone();
    vars[0].1 = other_run.display().to_string();
    let out = psdoc(
        elsewhere.path(),
        &["github", "comment", "--report", tampered.to_str().unwrap()],
        &vars,
    );
    let (_, stderr) = text(&out);
    assert!(stderr.contains("not commenting"), "{stderr}");
    assert_eq!(mock.writes().len(), 1, "only the first, genuine comment");
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

/// A fake release folder holding the built psdoc as the release workflow
/// packs it, with its .sha256 file.
fn fake_release(dir: &Path, target: &str, corrupt: bool) -> PathBuf {
    let release = dir.join("release");
    let staging = dir.join("staging");
    std::fs::create_dir_all(&release).unwrap();
    std::fs::create_dir_all(&staging).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("psdoc");
    std::fs::copy(&bin, staging.join("psdoc")).unwrap();
    let asset = release.join(format!("psdoc-{target}.tar.gz"));
    let status = Process::new("tar")
        .args([
            "-czf",
            asset.to_str().unwrap(),
            "-C",
            staging.to_str().unwrap(),
            "psdoc",
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let mut sum = sha256(&asset);
    if corrupt {
        sum = sum.chars().rev().collect();
    }
    std::fs::write(
        release.join(format!("psdoc-{target}.tar.gz.sha256")),
        format!("{sum}  psdoc-{target}.tar.gz\n"),
    )
    .unwrap();
    release
}

fn run_action(
    pr: &PullRequest,
    mock: &MockGithub,
    release: &Path,
    inputs: Value,
) -> (Option<i32>, Value, String) {
    let temp = tempfile::tempdir().unwrap();
    let runner_temp = temp.path().join("runner-temp");
    std::fs::create_dir_all(&runner_temp).unwrap();
    let summary = temp.path().join("summary.md");
    let context = json!({
        "inputs": inputs,
        "github": {
            "action_path": project_root().canonicalize().unwrap(),
            "action_ref": "v0.1.0",
            "action_repository": "psdoc/psdoc",
            "server_url": "http://127.0.0.1:9",
            "event_name": "pull_request",
            "repository": "o/r",
            "token": TOKEN,
            "event": {"pull_request": {"number": NUMBER, "head": {"repo": {"full_name": "o/r"}}}},
        },
        "runner": {"os": "Linux", "arch": "X64", "temp": runner_temp},
        "env": {
            "PSDOC_DOWNLOAD_URL": format!("file://{}", release.display()),
            "GITHUB_EVENT_PATH": pr.event,
            "GITHUB_REPOSITORY": "o/r",
            "GITHUB_API_URL": mock.api_url(),
            "GITHUB_STEP_SUMMARY": summary,
            "GITHUB_PATH": temp.path().join("github-path"),
            "NO_COLOR": "1",
        },
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
        .arg(project_root().join("action.yml"))
        .arg(&context_file)
        .env("PATH", path.join(":"));
    for (name, _) in std::env::vars() {
        if name.starts_with("GITHUB_") || name.starts_with("RUNNER_") {
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

#[test]
fn the_actions_shell_steps_run_with_a_simulated_runner() {
    if std::env::consts::OS != "linux" || std::env::consts::ARCH != "x86_64" {
        return;
    }
    let pr = pull_request();
    let mock = MockGithub::start(vec![], &pr.head);
    let dir = tempfile::tempdir().unwrap();
    let release = fake_release(dir.path(), "x86_64-unknown-linux-gnu", false);
    let inputs = json!({"root": ".", "fail-on": "error", "comment": "true", "sarif": "true", "token": TOKEN, "version": ""});
    let (code, run, log) = run_action(&pr, &mock, &release, inputs);
    assert!(!log.contains(TOKEN), "the token was printed");

    assert_eq!(step(&run, "Install")["outcome"], "success", "{log}");
    assert_eq!(
        step(&run, "Install")["outputs"]["installed"],
        "true",
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
    let (code, run, log) = run_action(&pr, &mock, &release, inputs);
    assert_eq!(code, Some(0), "{log}");
    assert_eq!(step(&run, "Comment")["outcome"], "skipped");
    assert_eq!(step(&run, "SARIF file")["outcome"], "skipped");
    assert_eq!(mock.comments().len(), 1);
}

#[test]
fn the_action_refuses_a_release_whose_checksum_does_not_match() {
    if std::env::consts::OS != "linux" || std::env::consts::ARCH != "x86_64" {
        return;
    }
    let pr = pull_request();
    let mock = MockGithub::start(vec![], &pr.head);
    let dir = tempfile::tempdir().unwrap();
    let release = fake_release(dir.path(), "x86_64-unknown-linux-gnu", true);
    let inputs = json!({"comment": "false", "token": TOKEN});
    let (code, run, log) = run_action(&pr, &mock, &release, inputs);
    assert_eq!(code, Some(1));
    let install = step(&run, "Install");
    assert_eq!(install["outcome"], "failure", "{log}");
    assert!(
        install["stdout"]
            .as_str()
            .unwrap()
            .contains("does not match"),
        "{log}"
    );
    assert_eq!(
        step(&run, "Build psdoc")["outcome"],
        "skipped",
        "a bad checksum never falls back"
    );
    assert_eq!(step(&run, "Check the statement")["outcome"], "skipped");
}

// ---------------------------------------------------------------------------
// The workflows.

#[test]
fn init_writes_the_partnership_workflows_as_they_are_here() {
    let dir = tempfile::tempdir().unwrap();
    let out = psdoc(dir.path(), &["init", "statement"], &[]);
    assert_eq!(out.status.code(), Some(0), "{:?}", text(&out));
    for file in ["statement.yml", "statement-comment.yml"] {
        let written =
            std::fs::read_to_string(dir.path().join("statement/.github/workflows").join(file))
                .unwrap();
        let ours =
            std::fs::read_to_string(project_root().join(".github/workflows").join(file)).unwrap();
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

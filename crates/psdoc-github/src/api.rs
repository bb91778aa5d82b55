//! The few REST calls psdoc makes, through octocrab on a current-thread
//! tokio runtime: who the token is, list a pull request's comments (every
//! page), create or update psdoc's one comment, read a pull request (or
//! find one by its head), list the files it changes, and read a file at a
//! commit.

use std::time::Duration;

use octocrab::{Octocrab, Page};
use serde::Deserialize;
use serde_json::json;

use crate::body::MARKER;
use crate::env::{Repository, Token};
use crate::error::{Error, Result};
use crate::setup::ChangedFile;

/// The login `GITHUB_TOKEN` comments as.
pub const DEFAULT_AUTHOR: &str = "github-actions[bot]";

/// Pages followed at most (100 comments each): a bound, not a limit anyone
/// meets.
const MAX_PAGES: usize = 1_000;

/// What `upsert_comment` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upserted {
    Created { id: u64 },
    Updated { id: u64 },
}

#[derive(Debug, Deserialize)]
struct Comment {
    id: u64,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    user: Option<User>,
}

#[derive(Debug, Deserialize)]
struct User {
    login: String,
}

/// A pull request, as far as psdoc checks it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PullRequest {
    pub number: u64,
    #[serde(default)]
    pub state: String,
    pub head: Branch,
    pub base: Branch,
}

/// One side of a pull request.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Branch {
    pub sha: String,
    #[serde(rename = "ref", default)]
    pub branch: String,
    /// `None` when the fork was deleted.
    #[serde(default)]
    pub repo: Option<BranchRepository>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct BranchRepository {
    pub full_name: String,
}

impl PullRequest {
    /// `owner/name` of the repository holding the head branch.
    pub fn head_repository(&self) -> Option<&str> {
        self.head.repo.as_ref().map(|r| r.full_name.as_str())
    }
}

#[derive(Debug, Deserialize)]
struct Contents {
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    encoding: Option<String>,
}

/// GitHub lists at most 3,000 files of a pull request, 100 a page.
const MAX_FILE_PAGES: usize = 30;

/// A GitHub REST client for one API address and token.
pub struct Client {
    crab: Octocrab,
    runtime: tokio::runtime::Runtime,
    /// `scheme://host[:port]` of the API: pages must stay there.
    origin: String,
    token: Token,
}

impl Client {
    pub fn new(api_url: &str, token: Token) -> Result<Self> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::Other(format!("cannot start the HTTP runtime: {e}")))?;
        let crab = {
            let _guard = runtime.enter();
            Octocrab::builder()
                .personal_token(token.expose().to_owned())
                .base_uri(api_url)
                .map_err(|_| Error::BadEnv {
                    name: "GITHUB_API_URL",
                    reason: "not a valid address".into(),
                })?
                .set_connect_timeout(Some(Duration::from_secs(15)))
                .set_read_timeout(Some(Duration::from_secs(60)))
                .set_write_timeout(Some(Duration::from_secs(60)))
                .add_retry_config(octocrab::service::middleware::retry::RetryConfig::Simple(2))
                .build()
                .map_err(|e| {
                    Error::Other(token.scrub(&format!("cannot set up the GitHub client: {e}")))
                })?
        };
        Ok(Client {
            crab,
            runtime,
            origin: origin(api_url),
            token,
        })
    }

    /// Creates psdoc's comment on pull request `number`, or updates the one
    /// it wrote before: the comment by `author` whose body starts with the
    /// marker (someone quoting the marker later in a comment of theirs is
    /// not psdoc). Every page of comments is read first, so an old comment is
    /// found however long the conversation.
    pub fn upsert_comment(
        &self,
        repo: &Repository,
        number: u64,
        body: &str,
        author: &str,
    ) -> Result<Upserted> {
        let existing = self.find_comment(repo, number, author)?;
        self.runtime.block_on(async {
            let payload = json!({ "body": body });
            match existing {
                Some(id) => {
                    let route = format!("/repos/{}/{}/issues/comments/{id}", repo.owner, repo.name);
                    let _: serde_json::Value = self
                        .crab
                        .patch(route, Some(&payload))
                        .await
                        .map_err(|e| self.error(e, "update the comment"))?;
                    Ok(Upserted::Updated { id })
                }
                None => {
                    let route = format!(
                        "/repos/{}/{}/issues/{number}/comments",
                        repo.owner, repo.name
                    );
                    let created: Comment = self
                        .crab
                        .post(route, Some(&payload))
                        .await
                        .map_err(|e| self.error(e, "create the comment"))?;
                    Ok(Upserted::Created { id: created.id })
                }
            }
        })
    }

    /// The id of psdoc's earlier comment, if any (the oldest, should there
    /// be several).
    fn find_comment(&self, repo: &Repository, number: u64, author: &str) -> Result<Option<u64>> {
        self.runtime.block_on(async {
            let what = "list the pull request's comments";
            let route = format!("/repos/{}/{}/issues/{number}/comments", repo.owner, repo.name);
            let mut page: Page<Comment> = self
                .crab
                .get(route, Some(&[("per_page", "100")]))
                .await
                .map_err(|e| self.error(e, what))?;
            for _ in 0..MAX_PAGES {
                let found = page.items.iter().find(|c| {
                    c.body.as_deref().is_some_and(|b| b.starts_with(MARKER))
                        && c.user.as_ref().is_some_and(|u| u.login == author)
                });
                if let Some(c) = found {
                    return Ok(Some(c.id));
                }
                let Some(next) = page.next.take() else {
                    return Ok(None);
                };
                let next = next.to_string();
                if origin(&next) != self.origin {
                    return Err(Error::Other(format!(
                        "GitHub's next page of comments points at another server ({}): not followed",
                        origin(&next)
                    )));
                }
                page = self.crab.get(next, None::<&()>).await.map_err(|e| self.error(e, what))?;
            }
            Err(Error::Other(format!(
                "more than {MAX_PAGES} pages of comments: not all were read"
            )))
        })
    }

    /// The login the token comments as, when GitHub says (`GET /user`
    /// answers for a personal access token); `None` for `GITHUB_TOKEN`,
    /// which may not ask, or when GitHub cannot be asked.
    pub fn identity(&self) -> Option<String> {
        self.runtime.block_on(async {
            let user: User = self.crab.get("/user", None::<&()>).await.ok()?;
            let ok = !user.login.is_empty()
                && user.login.len() <= 100
                && user
                    .login
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_[]".contains(c));
            ok.then_some(user.login)
        })
    }

    /// Pull request `number`.
    pub fn pull_request(&self, repo: &Repository, number: u64) -> Result<PullRequest> {
        self.runtime.block_on(async {
            let route = format!("/repos/{}/{}/pulls/{number}", repo.owner, repo.name);
            self.crab
                .get(route, None::<&()>)
                .await
                .map_err(|e| self.error(e, "read the pull request"))
        })
    }

    /// The open pull requests whose head is branch `branch` of `owner`'s
    /// repository (the first 100: a branch heads one pull request per base).
    pub fn pull_requests_from(
        &self,
        repo: &Repository,
        owner: &str,
        branch: &str,
    ) -> Result<Vec<PullRequest>> {
        self.runtime.block_on(async {
            let route = format!("/repos/{}/{}/pulls", repo.owner, repo.name);
            let head = format!("{owner}:{branch}");
            let page: Vec<PullRequest> = self
                .crab
                .get(
                    route,
                    Some(&[
                        ("state", "open"),
                        ("head", head.as_str()),
                        ("per_page", "100"),
                    ]),
                )
                .await
                .map_err(|e| self.error(e, "find the pull request"))?;
            Ok(page)
        })
    }

    /// The files pull request `number` changes (GitHub lists up to 3,000).
    pub fn changed_files(&self, repo: &Repository, number: u64) -> Result<Vec<ChangedFile>> {
        self.runtime.block_on(async {
            let what = "list the pull request's files";
            let route = format!("/repos/{}/{}/pulls/{number}/files", repo.owner, repo.name);
            let mut page: Page<ChangedFile> = self
                .crab
                .get(route, Some(&[("per_page", "100")]))
                .await
                .map_err(|e| self.error(e, what))?;
            let mut files = Vec::new();
            for _ in 0..MAX_FILE_PAGES {
                files.append(&mut page.items);
                let Some(next) = page.next.take() else {
                    break;
                };
                let next = next.to_string();
                if origin(&next) != self.origin {
                    return Err(Error::Other(format!(
                        "GitHub's next page of files points at another server ({}): not followed",
                        origin(&next)
                    )));
                }
                page = self
                    .crab
                    .get(next, None::<&()>)
                    .await
                    .map_err(|e| self.error(e, what))?;
            }
            Ok(files)
        })
    }

    /// The text of `path` (from the repository's root) at commit `sha`;
    /// `None` when it does not exist there.
    pub fn file_at(&self, repo: &Repository, path: &str, sha: &str) -> Result<Option<String>> {
        let what = format!("read {path} at {}", &sha[..sha.len().min(7)]);
        let encoded: Vec<String> = path.split('/').map(percent_encode).collect();
        let route = format!(
            "/repos/{}/{}/contents/{}",
            repo.owner,
            repo.name,
            encoded.join("/")
        );
        let found: std::result::Result<Contents, _> = self
            .runtime
            .block_on(async { self.crab.get(route, Some(&[("ref", sha)])).await });
        let contents = match found {
            Ok(c) => c,
            Err(octocrab::Error::GitHub { source, .. }) if source.status_code.as_u16() == 404 => {
                return Ok(None);
            }
            Err(e) => return Err(self.error(e, &what)),
        };
        match (contents.content, contents.encoding.as_deref()) {
            (Some(content), Some("base64")) => {
                let bytes = base64_decode(&content).ok_or_else(|| Error::Api {
                    status: 200,
                    what: what.clone(),
                    message: "the file's content is not valid base64".into(),
                })?;
                Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
            }
            _ => Err(Error::Api {
                status: 200,
                what,
                message: "no content (a folder, or a file over 1 MB)".into(),
            }),
        }
    }

    /// An octocrab error as one of ours, without the token.
    fn error(&self, e: octocrab::Error, what: &str) -> Error {
        match e {
            octocrab::Error::GitHub { source, .. } => {
                let status = source.status_code.as_u16();
                let message = self.token.scrub(&source.message);
                if status == 403 {
                    Error::Forbidden { message }
                } else {
                    Error::Api {
                        status,
                        what: what.to_owned(),
                        message,
                    }
                }
            }
            other => Error::Transport {
                what: what.to_owned(),
                reason: self.token.scrub(&describe(&other)),
            },
        }
    }
}

/// An error and its causes, on one line.
fn describe(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let text = c.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        cause = c.source();
    }
    out.replace('\n', " ")
}

/// A path segment for a URL: unreserved characters kept, the rest as `%XX`.
fn percent_encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Standard base64 as GitHub sends file contents (line breaks ignored);
/// `None` when it is not base64.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    let mut padding = 0;
    for b in text.bytes() {
        let value = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                padding += 1;
                continue;
            }
            b'\n' | b'\r' | b' ' => continue,
            _ => return None,
        };
        if padding > 0 {
            return None;
        }
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    (padding <= 2).then_some(out)
}

/// `scheme://authority` of an absolute URL.
fn origin(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return String::new();
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    format!(
        "{}://{}",
        scheme.to_ascii_lowercase(),
        authority.to_ascii_lowercase()
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_as_github_sends_it() {
        assert_eq!(
            super::base64_decode("W3J1bGVzXQpzdGFs\nZS1ldmlkZW5jZSA9ICJvZmYiCg==").unwrap(),
            b"[rules]\nstale-evidence = \"off\"\n"
        );
        assert_eq!(super::base64_decode("").unwrap(), b"");
        assert!(super::base64_decode("not base64!").is_none());
        assert_eq!(super::percent_encode("a b#.toml"), "a%20b%23.toml");
    }

    #[test]
    fn origins() {
        assert_eq!(
            super::origin("https://api.github.com"),
            "https://api.github.com"
        );
        assert_eq!(
            super::origin("https://GHE.example.org/api/v3/repos?page=2"),
            "https://ghe.example.org"
        );
        assert_eq!(
            super::origin("http://127.0.0.1:8080/x"),
            "http://127.0.0.1:8080"
        );
    }
}

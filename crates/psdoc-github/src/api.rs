//! The few REST calls psdoc makes, through octocrab on a current-thread
//! tokio runtime: list a pull request's comments (every page), create or
//! update psdoc's one comment, and read a pull request's head commit.

use std::time::Duration;

use octocrab::{Octocrab, Page};
use serde::Deserialize;
use serde_json::json;

use crate::body::MARKER;
use crate::env::{Repository, Token};
use crate::error::{Error, Result};

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

#[derive(Debug, Deserialize)]
struct PullRequest {
    head: Commit,
}

#[derive(Debug, Deserialize)]
struct Commit {
    sha: String,
}

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
    /// it wrote before: the comment by `author` whose body holds the
    /// marker. Every page of comments is read first, so an old comment is
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
                    c.body.as_deref().is_some_and(|b| b.contains(MARKER))
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

    /// The head commit of pull request `number`.
    pub fn pull_request_head(&self, repo: &Repository, number: u64) -> Result<String> {
        self.runtime.block_on(async {
            let route = format!("/repos/{}/{}/pulls/{number}", repo.owner, repo.name);
            let pr: PullRequest = self
                .crab
                .get(route, None::<&()>)
                .await
                .map_err(|e| self.error(e, "read the pull request"))?;
            Ok(pr.head.sha)
        })
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

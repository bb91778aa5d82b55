//! What can go wrong on the GitHub side, each saying what to do.

/// An error of the GitHub integration. None of them carries the token.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{name} is not set: run this in a GitHub Actions job, or set it ({hint})")]
    MissingEnv {
        name: &'static str,
        hint: &'static str,
    },

    #[error("{name} is not valid: {reason}")]
    BadEnv { name: &'static str, reason: String },

    #[error("the event file {path}: {reason}")]
    Event { path: String, reason: String },

    #[error("the report {path} was rejected: {reason}")]
    Report { path: String, reason: String },

    /// HTTP 403: the token may not write (a pull request from a fork).
    #[error(
        "GitHub refused to let this token comment (HTTP 403: {message}); pull requests from forks get a read-only token: the `workflow_run` companion workflow (statement-comment.yml) comments on them instead"
    )]
    Forbidden { message: String },

    #[error("GitHub answered HTTP {status} to {what}: {message}")]
    Api {
        status: u16,
        what: String,
        message: String,
    },

    #[error("could not reach GitHub to {what}: {reason}")]
    Transport { what: String, reason: String },

    #[error("{0}")]
    Other(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

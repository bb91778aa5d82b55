//! psdoc on GitHub: the pull-request report, the one sticky comment
//! rendered from it, and the REST calls that post it (docs/github.md).
//! Like every psdoc library, this crate never prints and never exits.

pub mod api;
pub mod body;
pub mod env;
pub mod error;
pub mod report;
pub mod setup;

pub use api::{Client, DEFAULT_AUTHOR, PullRequest, Upserted};
pub use body::MARKER;
pub use env::{Event, PullRequestRef, Repository, Token, WorkflowRun};
pub use error::{Error, Result};
pub use report::{BaseComparison, PullRequestReport};
pub use setup::{ChangedFile, SetupChange, Side, setup_changes};

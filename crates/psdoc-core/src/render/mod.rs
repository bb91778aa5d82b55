//! Reporters: the same findings as human text, JSON, SARIF, GitHub
//! workflow commands and Markdown.

pub mod github;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;

/// `path` under `prefix` (the statement root seen from the repository's
/// root, ending in `/`, or empty).
pub fn prefixed(prefix: &str, path: &str) -> String {
    if prefix.is_empty() || path.starts_with('/') {
        path.to_owned()
    } else {
        format!("{prefix}{path}")
    }
}

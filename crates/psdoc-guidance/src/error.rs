//! Why a profile cannot be used: the file, the line and what to change.

/// A profile file, or a `[guidance]` setting, that psdoc cannot follow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct ProfileError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

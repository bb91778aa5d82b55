//! Where a statement's files come from: the working tree, or (for diffs and
//! history) a git revision. Paths are relative to the statement root with
//! `/` separators; nothing outside the root is ever read.

use std::path::{Component, Path, PathBuf};

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    NotFound,
    /// The path, or a link on it, leads outside the statement root.
    OutsideRoot,
    Other(String),
}

/// Read access to the files of one version of a statement repository.
pub trait FileSource: Sync {
    fn read(&self, path: &str) -> Result<Vec<u8>, ReadError>;
    fn exists(&self, path: &str) -> bool {
        self.read(path).is_ok()
    }
    /// A short description for messages, e.g. "the working tree".
    fn describe(&self) -> String;
    /// Whether `path`, after following every link, is a file inside `dir`
    /// (both root-relative). Reads no file content.
    fn stays_within(&self, path: &str, dir: &str) -> Result<(), ReadError> {
        if !is_within(path, dir) {
            return Err(ReadError::OutsideRoot);
        }
        if self.exists(path) {
            Ok(())
        } else {
            Err(ReadError::NotFound)
        }
    }
}

/// A statement repository held in memory: root-relative paths and their
/// bytes (fuzzing, tests, and any caller that has the files already).
#[derive(Debug, Clone, Default)]
pub struct MemoryFiles(pub std::collections::BTreeMap<String, Vec<u8>>);

impl MemoryFiles {
    /// Adds (or replaces) a file.
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> &mut Self {
        self.0.insert(path.into(), bytes.into());
        self
    }
}

impl FileSource for MemoryFiles {
    fn read(&self, path: &str) -> Result<Vec<u8>, ReadError> {
        self.0.get(path).cloned().ok_or(ReadError::NotFound)
    }
    fn describe(&self) -> String {
        "memory".into()
    }
}

/// The files on disk under a statement root.
#[derive(Debug, Clone)]
pub struct WorkTree {
    root: PathBuf,
    canonical_root: PathBuf,
}

impl WorkTree {
    pub fn new(root: &Path) -> std::io::Result<Self> {
        Ok(Self {
            root: root.to_path_buf(),
            canonical_root: root.canonicalize()?,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The real path of `path` if it stays inside the root after following
    /// every link.
    pub fn resolve(&self, path: &str) -> Result<PathBuf, ReadError> {
        let joined = self.root.join(path);
        let real = joined.canonicalize().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                // A dangling link also reports NotFound; say where it leads.
                if std::fs::symlink_metadata(&joined).is_ok() {
                    ReadError::Other("it is a link to a file that does not exist".into())
                } else {
                    ReadError::NotFound
                }
            }
            _ => ReadError::Other(e.to_string()),
        })?;
        if !real.starts_with(&self.canonical_root) {
            return Err(ReadError::OutsideRoot);
        }
        Ok(real)
    }
}

impl FileSource for WorkTree {
    fn read(&self, path: &str) -> Result<Vec<u8>, ReadError> {
        let real = self.resolve(path)?;
        if real.is_dir() {
            return Err(ReadError::Other("it is a folder, not a file".into()));
        }
        std::fs::read(&real).map_err(|e| ReadError::Other(e.to_string()))
    }

    fn describe(&self) -> String {
        "the working tree".into()
    }

    fn stays_within(&self, path: &str, dir: &str) -> Result<(), ReadError> {
        if !is_within(path, dir) {
            return Err(ReadError::OutsideRoot);
        }
        let real = self.resolve(path)?;
        let real_dir = self.resolve(dir)?;
        if !real.starts_with(&real_dir) {
            return Err(ReadError::OutsideRoot);
        }
        if real.is_file() {
            Ok(())
        } else {
            Err(ReadError::Other("it is not a file".into()))
        }
    }
}

/// Joins a relative path onto a folder (both root-relative, `/`-separated),
/// resolving `.` and `..`. `None` when the result would leave the root or
/// the path is absolute.
pub fn join_relative(dir: &str, path: &str) -> Option<String> {
    let path = path.replace('\\', "/");
    if path.starts_with('/') || Path::new(&path).is_absolute() || path.contains(':') {
        return None;
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The folder part of a root-relative path.
pub fn parent_dir(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// True when `path` is `dir` or inside it (both normalised).
pub fn is_within(path: &str, dir: &str) -> bool {
    dir.is_empty() || path == dir || path.starts_with(&format!("{dir}/"))
}

/// A `PathBuf` from configuration as a `/`-separated root-relative path.
pub fn to_relative(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_stay_inside() {
        assert_eq!(
            join_relative("book/src", "a/../b.md").as_deref(),
            Some("book/src/b.md")
        );
        assert_eq!(
            join_relative("book/src", "../x.md").as_deref(),
            Some("book/x.md")
        );
        assert_eq!(join_relative("book", "../../etc/passwd"), None);
        assert_eq!(join_relative("book", "/etc/passwd"), None);
        assert!(is_within("book/src/a.md", "book"));
        assert!(!is_within("bookx/a.md", "book"));
    }
}

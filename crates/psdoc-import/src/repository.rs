//! Writing the imported statement into a repository without overwriting
//! anything: a new repository gets psdoc's usual layout (as `psdoc init`
//! writes it) with the imported chapters; an existing one keeps every file
//! it has, and the import goes beside them under names that are free.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A file to write: its path relative to the repository, and its text.
#[derive(Debug, Clone)]
pub struct Planned {
    pub path: String,
    pub contents: String,
}

/// A path under `root` that no file holds yet: `stem.ext`, else
/// `stem-imported.ext`, `stem-imported-2.ext`, ...
pub fn free_path(root: &Path, dir: &str, stem: &str, ext: &str, taken: &[String]) -> String {
    let candidate = |name: String| {
        let path = if dir.is_empty() {
            name
        } else {
            format!("{dir}/{name}")
        };
        (!root.join(&path).exists() && !taken.contains(&path)).then_some(path)
    };
    candidate(format!("{stem}.{ext}"))
        .or_else(|| candidate(format!("{stem}-imported.{ext}")))
        .or_else(|| (2..1000).find_map(|n| candidate(format!("{stem}-imported-{n}.{ext}"))))
        .unwrap_or_else(|| format!("{dir}/{stem}-imported-more.{ext}"))
}

/// Writes every planned file, each created new: an existing file is never
/// replaced (the plan only holds free paths, and `create_new` makes sure
/// of it even if one appears meanwhile). Returns the paths written.
pub fn write(root: &Path, files: &[Planned]) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for file in files {
        let path = root.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::Write {
                file: parent.to_path_buf(),
                reason: e.to_string(),
            })?;
        }
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| Error::Write {
                file: path.clone(),
                reason: if e.kind() == std::io::ErrorKind::AlreadyExists {
                    "it already exists, and psdoc never overwrites a file".into()
                } else {
                    e.to_string()
                },
            })?;
        out.write_all(file.contents.as_bytes())
            .map_err(|e| Error::Write {
                file: path.clone(),
                reason: e.to_string(),
            })?;
        written.push(path);
    }
    Ok(written)
}

//! Folders read back: every file below one, for tests that compare what a
//! build wrote.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every file below `dir`, recursively (links followed as `read_dir` does),
/// in no particular order.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}

/// The content of every file below `dir`, by its path relative to `dir`
/// with `/` separators.
pub fn file_contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files_below(dir)
        .into_iter()
        .map(|path| {
            let rel = path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = std::fs::read(&path).unwrap();
            (rel, bytes)
        })
        .collect()
}

/// [`file_contents`] as text (invalid UTF-8 replaced), for searching what a
/// build wrote.
pub fn file_texts(dir: &Path) -> BTreeMap<String, String> {
    file_contents(dir)
        .into_iter()
        .map(|(rel, bytes)| (rel, String::from_utf8_lossy(&bytes).into_owned()))
        .collect()
}

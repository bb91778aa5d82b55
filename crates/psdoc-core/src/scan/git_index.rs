//! The paths git's index holds (the files git tracks), read straight from
//! `.git/index`: the scan must see a tracked file that `.gitignore` would
//! skip, and the core does not link libgit2 for that one list (the book's
//! preprocessor shares the core). Versions 2, 3 and 4 of the format; a
//! file that is not one (a split or corrupt index) gives no paths, and the
//! scan falls back to what `.gitignore` allows.

use std::path::{Path, PathBuf};

/// The index is refused past this size: a repository of a statement holds
/// a few hundred files, not millions.
const MAX_INDEX_BYTES: u64 = 64 << 20;

/// The files git's index holds under `root`, relative to it (`/`
/// separators); none outside a git repository.
pub fn tracked_files(root: &Path) -> Vec<String> {
    let Ok(root) = root.canonicalize() else {
        return Vec::new();
    };
    let Some((workdir, git_dir)) = find_repository(&root) else {
        return Vec::new();
    };
    let Ok(prefix) = root.strip_prefix(&workdir) else {
        return Vec::new();
    };
    let prefix = prefix
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    let index = git_dir.join("index");
    match std::fs::metadata(&index) {
        Ok(m) if m.len() <= MAX_INDEX_BYTES => {}
        _ => return Vec::new(),
    }
    let Ok(bytes) = std::fs::read(&index) else {
        return Vec::new();
    };
    parse(&bytes)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|path| {
            if prefix.is_empty() {
                Some(path)
            } else {
                path.strip_prefix(&format!("{prefix}/")).map(str::to_owned)
            }
        })
        .collect()
}

/// The work tree and git directory of the repository holding `dir`: the
/// nearest `.git` folder above it, or a `.git` file pointing to one (a
/// worktree or a submodule).
fn find_repository(dir: &Path) -> Option<(PathBuf, PathBuf)> {
    for candidate in dir.ancestors() {
        let dot_git = candidate.join(".git");
        if dot_git.is_dir() {
            return Some((candidate.to_path_buf(), dot_git));
        }
        if dot_git.is_file() {
            let text = std::fs::read_to_string(&dot_git).ok()?;
            let target = text.lines().next()?.strip_prefix("gitdir:")?.trim();
            let git_dir = candidate.join(target);
            return Some((candidate.to_path_buf(), git_dir.canonicalize().ok()?));
        }
    }
    None
}

/// The paths of an index file, in its order; `None` when it is not one.
fn parse(bytes: &[u8]) -> Option<Vec<String>> {
    let u32_at = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
    };
    if bytes.get(..4)? != b"DIRC" {
        return None;
    }
    let version = u32_at(4)?;
    if !(2..=4).contains(&version) {
        return None;
    }
    let count = u32_at(8)? as usize;
    let mut paths: Vec<String> = Vec::with_capacity(count.min(100_000));
    let mut at = 12;
    let mut previous = String::new();
    for _ in 0..count {
        let start = at;
        // ctime, mtime, dev, ino, mode, uid, gid, size: 40 bytes; the object id: 20.
        let flags = u16::from_be_bytes(bytes.get(at + 60..at + 62)?.try_into().ok()?);
        at += 62;
        if version >= 3 && flags & 0x4000 != 0 {
            at += 2; // extended flags
        }
        let path = if version == 4 {
            // The number of bytes to drop from the previous path, then the rest.
            let (strip, used) = varint(bytes.get(at..)?)?;
            at += used;
            let end = at + bytes.get(at..)?.iter().position(|&b| b == 0)?;
            let kept = previous.len().checked_sub(strip)?;
            let mut path = previous.get(..kept)?.to_owned();
            path.push_str(std::str::from_utf8(&bytes[at..end]).ok()?);
            at = end + 1;
            path
        } else {
            let end = at + bytes.get(at..)?.iter().position(|&b| b == 0)?;
            let path = std::str::from_utf8(&bytes[at..end]).ok()?.to_owned();
            // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes.
            let length = end - start;
            at = start + (length + 8) / 8 * 8;
            path
        };
        previous.clone_from(&path);
        paths.push(path);
    }
    Some(paths)
}

/// Git's offset varint (each continuation byte adds one before shifting),
/// and how many bytes it took.
fn varint(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut c = *bytes.first()?;
    let mut value = usize::from(c & 0x7f);
    let mut used = 1;
    while c & 0x80 != 0 {
        c = *bytes.get(used)?;
        used += 1;
        value = value
            .checked_add(1)?
            .checked_mul(128)?
            .checked_add(usize::from(c & 0x7f))?;
    }
    Some((value, used))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs git (the test is skipped, saying so, where git is missing).
    fn git(dir: &Path, args: &[&str]) -> bool {
        match std::process::Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", dir)
            .output()
        {
            Ok(out) => out.status.success(),
            Err(_) => {
                eprintln!("git not found: git index test not run");
                false
            }
        }
    }

    #[test]
    fn reads_the_paths_of_every_index_version() {
        for version in ["2", "3", "4"] {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path();
            if !git(root, &["init", "-q"]) {
                return;
            }
            std::fs::create_dir_all(root.join("evidence/files")).unwrap();
            std::fs::create_dir_all(root.join("book/src")).unwrap();
            for f in [
                "partnership.toml",
                "evidence/log.toml",
                "evidence/files/audit.docx",
                "evidence/files/audit-2.docx",
                "book/src/data.md",
                "ignored.docx",
            ] {
                std::fs::write(root.join(f), "x").unwrap();
            }
            std::fs::write(root.join(".gitignore"), "*.docx\n").unwrap();
            assert!(git(
                root,
                &["add", "partnership.toml", "evidence", "book", ".gitignore"]
            ));
            // A tracked file .gitignore would skip.
            assert!(git(root, &["add", "-f", "ignored.docx"]));
            assert!(git(root, &["update-index", "--index-version", version]));
            let mut got = tracked_files(root);
            got.sort();
            assert_eq!(
                got,
                [
                    ".gitignore",
                    "book/src/data.md",
                    "evidence/log.toml",
                    "ignored.docx",
                    "partnership.toml"
                ],
                "index version {version}"
            );
            // From a subfolder holding the statement, paths are relative to it.
            assert_eq!(tracked_files(&root.join("book")), ["src/data.md"]);
        }
    }

    #[test]
    fn anything_but_an_index_gives_no_paths() {
        assert_eq!(parse(b""), None);
        assert_eq!(parse(b"DIRC\0\0\0\x09\0\0\0\x01"), None);
        assert_eq!(parse(b"DIRC\0\0\0\x02\0\0\0\x05short"), None);
        let no_repo = tempfile::tempdir().unwrap();
        assert!(tracked_files(no_repo.path()).is_empty());
    }
}

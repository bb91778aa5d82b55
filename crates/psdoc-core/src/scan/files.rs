//! Which files of a statement repository are scanned besides the statement itself and
//! the evidence folder: every file git tracks or would track (its `.gitignore` applied,
//! as git applies it, also before `git init`), and every file of the book's source
//! folder (mdBook publishes all of it, ignored or not).
//!
//! A Word file saved beside `log.toml`, a spreadsheet at the root, a picture in
//! `book/src`: each leaves with the repository or the book, so each is read, and one
//! that cannot be read is an `evidence-not-scanned` finding. `[privacy] exclude` names
//! files that are neither published nor submitted (this project's own source code, at
//! the root of its example statement); it never removes the book's files.

use std::collections::BTreeMap;
use std::path::Path;

use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;

use crate::model::files::to_relative;

/// Root-relative paths (with their sizes) of the repository's files to scan, sorted,
/// leaving out `skip` (files already scanned) and the files under `evidence_dir` (the
/// evidence folder's own scan reads those).
pub fn repository_files(
    root: &Path,
    book_src: &str,
    evidence_dir: &str,
    exclude: &[String],
    skip: &dyn Fn(&str) -> bool,
) -> Vec<(String, u64)> {
    let mut found: BTreeMap<String, u64> = BTreeMap::new();
    // What psdoc itself makes from the checked statement: the built book (next to its
    // source folder) and, without a .gitignore of the repository's own, what `psdoc
    // init`'s .gitignore leaves out (a package's zip, build folders, Word's lock files).
    let book_dir = book_src.strip_suffix("/src").unwrap_or("book");
    let mut exclude = exclude.to_vec();
    exclude.push(format!("/{book_dir}/book/"));
    if !root.join(".gitignore").exists() {
        exclude.extend(["/target/", "*.zip", "~$*"].map(str::to_owned));
    }
    let exclude = &exclude[..];
    let inside = |rel: &str, dir: &str| {
        let dir = dir.trim_end_matches('/');
        !dir.is_empty() && (rel == dir || rel.starts_with(&format!("{dir}/")))
    };
    let mut overrides = OverrideBuilder::new(root);
    for pattern in exclude {
        // An override glob is a whitelist; `!` makes it an exclusion.
        let _ = overrides.add(&format!("!{}", pattern.trim_start_matches('!')));
    }
    let overrides = overrides.build().ok();
    let mut walk = WalkBuilder::new(root);
    walk.hidden(false)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .ignore(false)
        .parents(false)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(|e| e.file_name() != ".git");
    if let Some(o) = overrides {
        walk.overrides(o);
    }
    for entry in walk.build().flatten() {
        if !entry
            .file_type()
            .is_some_and(|t| t.is_file() || t.is_symlink())
        {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(root) else {
            continue;
        };
        let rel = to_relative(rel);
        let size = entry.metadata().map_or(0, |m| m.len());
        found.insert(rel, size);
    }
    // Tracked files that .gitignore would ignore are published all the same.
    let excluded = exclusions(root, exclude);
    for rel in super::git_index::tracked_files(root) {
        if !found.contains_key(&rel)
            && !excluded
                .matched_path_or_any_parents(&rel, false)
                .is_ignore()
            && let Ok(meta) = std::fs::symlink_metadata(root.join(&rel))
        {
            found.insert(rel, meta.len());
        }
    }
    // mdBook copies every file of the book's source folder into the book.
    let src = root.join(book_src);
    if src.is_dir() {
        for entry in walkdir::WalkDir::new(&src)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if !(entry.file_type().is_file() || entry.file_type().is_symlink()) {
                continue;
            }
            if let Ok(rel) = entry.path().strip_prefix(root) {
                let size = entry.metadata().map_or(0, |m| m.len());
                found.insert(to_relative(rel), size);
            }
        }
    }
    found
        .into_iter()
        .filter(|(rel, _)| !inside(rel, evidence_dir) && !skip(rel))
        .collect()
}

/// The `[privacy] exclude` patterns, as a .gitignore at the root would hold them.
fn exclusions(root: &Path, exclude: &[String]) -> ignore::gitignore::Gitignore {
    let mut builder = ignore::gitignore::GitignoreBuilder::new(root);
    for pattern in exclude {
        let _ = builder.add_line(None, pattern);
    }
    builder
        .build()
        .unwrap_or_else(|_| ignore::gitignore::Gitignore::empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn tracked_or_would_be_tracked() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for rel in [
            "partnership.toml",
            "evidence/log.toml",
            "evidence/audit.docx",
            "evidence/files/a.md",
            "book/src/data.md",
            "book/src/chart.png",
            "book/book/index.html",
            "notes/old-statement.docx",
            "crates/x/src/lib.rs",
            ".github/workflows/statement.yml",
            "ignored.zip",
        ] {
            write(root, rel, "x");
        }
        write(root, ".gitignore", "/book/book\n*.zip\n/book/src/*.png\n");
        let skip = |rel: &str| rel == "partnership.toml" || rel.ends_with(".md");
        let files: Vec<String> = repository_files(
            root,
            "book/src",
            "evidence/files",
            &["crates/".to_owned()],
            &skip,
        )
        .into_iter()
        .map(|(f, _)| f)
        .collect();
        assert_eq!(
            files,
            [
                ".github/workflows/statement.yml",
                ".gitignore",
                "book/src/chart.png",
                "evidence/audit.docx",
                "evidence/log.toml",
                "notes/old-statement.docx",
            ]
        );
    }
}

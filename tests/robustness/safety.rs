//! psdoc writes only the outputs it is asked for, nothing at all outside
//! them, and `psdoc init` never overwrites a file or writes through a link.

use std::collections::BTreeMap;

use crate::evidence::{docx, pdf};
use crate::support::Repo;
use crate::support::outside::{Outside, link, snapshot};
use crate::support::watched::psdoc;

/// A passing statement with evidence of several kinds, one link out of the
/// evidence folder and one identifier in a file.
fn statement(outside: &Outside) -> Repo {
    let repo = Repo::passing()
        .bytes(
            "evidence/files/minutes.docx",
            &docx(&["Attendees by role."]),
        )
        .bytes(
            "evidence/files/plan.pdf",
            &pdf(&["BT /F1 12 Tf 72 720 Td (Plan 2024-27) Tj ET"]),
        )
        .file(
            "evidence/files/data.csv",
            "Measure,Children\nRegistered,3\nReferred,40\n",
        );
    link(
        repo.path(),
        "evidence/files/other.txt",
        outside.path("canary.txt"),
    );
    repo
}

/// Runs `psdoc ARGS` and asserts that it changed nothing in the tree but
/// `outputs` (each there afterwards), and nothing outside it.
fn writes_only(repo: &Repo, outside: &Outside, args: &[&str], outputs: &[&str]) {
    let before = snapshot(repo.path());
    let outside_before = snapshot(&outside.path(""));
    let run = psdoc(repo.path(), args);
    assert!(run.code <= 1, "psdoc {args:?}: {}", run.stderr);
    let after = snapshot(repo.path());
    let changed: Vec<&String> = after
        .iter()
        .filter(|(path, what)| before.get(*path) != Some(what))
        .map(|(path, _)| path)
        .chain(before.keys().filter(|path| !after.contains_key(*path)))
        .collect();
    // Only the outputs changed (a rewrite with the same bytes shows no change),
    // and each is there.
    for path in &changed {
        assert!(
            outputs.contains(&path.as_str()),
            "psdoc {args:?} changed {path}, which it was not asked to write\n{}{}",
            String::from_utf8_lossy(&run.stdout),
            run.stderr
        );
    }
    for output in outputs {
        assert!(
            after.contains_key(*output),
            "psdoc {args:?} did not write {output}"
        );
    }
    assert_eq!(
        snapshot(&outside.path("")),
        outside_before,
        "psdoc {args:?} changed a folder outside the repository"
    );
}

#[test]
fn read_only_commands_write_nothing() {
    let outside = Outside::new();
    let repo = statement(&outside);
    for args in [
        &["check"][..],
        &["check", "--format", "json"],
        &["check", "--format", "sarif"],
        &["check", "--format", "github"],
        &["check", "--format", "markdown"],
        &["count"],
        &["count", "--format", "json"],
        &["scan"],
        &["scan", "--format", "json"],
        &["scan", "evidence"],
        &["log"],
        &["log", "--format", "csv"],
        &["log", "--format", "json"],
        &["rules"],
        &["explain", "word-limit"],
    ] {
        writes_only(&repo, &outside, args, &[]);
    }
}

#[test]
fn exports_write_only_the_file_named() {
    let outside = Outside::new();
    let repo = statement(&outside);
    for format in ["markdown", "csv", "json", "xlsx"] {
        let name = format!("document-log.{format}");
        writes_only(
            &repo,
            &outside,
            &["log", "--format", format, "-o", &name],
            &[&name],
        );
    }
    writes_only(
        &repo,
        &outside,
        &["package", "-o", "submission.zip"],
        &["submission.zip"],
    );
    // Again, over the files already there.
    writes_only(
        &repo,
        &outside,
        &["package", "-o", "submission.zip"],
        &["submission.zip"],
    );
}

#[test]
fn a_refused_package_writes_nothing() {
    let outside = Outside::new();
    let repo = statement(&outside).edit(
        "book/src/data.md",
        "re-registrations fell [E1]",
        "re-registrations fell [E7]",
    );
    let run = psdoc(repo.path(), &["package", "-o", "submission.zip"]);
    assert_eq!(run.code, 1);
    writes_only(&repo, &outside, &["package", "-o", "submission.zip"], &[]);
}

#[test]
fn init_never_overwrites() {
    let outside = Outside::new();
    let repo = Repo::empty()
        .file("partnership.toml", "[partnership]\nname = \"Ours\"\n")
        .file(
            "book/src/context.md",
            "# Context of children's services\n\nOur own words.\n",
        )
        .file(".gitignore", "/private\n");
    let before = snapshot(repo.path());
    let run = psdoc(repo.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = snapshot(repo.path());
    for (path, what) in &before {
        assert_eq!(after.get(path), Some(what), "init changed {path}");
    }
    let out = run.stdout();
    for kept in ["partnership.toml", "book/src/context.md", ".gitignore"] {
        assert!(
            out.contains(&format!("kept     {kept} (already there, not changed)")),
            "{out}"
        );
    }
    assert!(out.contains("created  book/src/SUMMARY.md"), "{out}");
    // A second run changes nothing at all.
    writes_only(&repo, &outside, &["init"], &[]);
}

#[test]
fn init_does_not_write_through_links() {
    let outside = Outside::new();
    std::fs::create_dir_all(outside.path("empty")).unwrap();
    let repo = Repo::empty();
    link(repo.path(), "book", outside.path("empty"));
    link(repo.path(), "partnership.toml", outside.path("new.toml"));
    link(repo.path(), "evidence/log.toml", outside.path("log.toml"));
    let outside_before = snapshot(&outside.path(""));
    let run = psdoc(repo.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        snapshot(&outside.path("")),
        outside_before,
        "init wrote through a link"
    );
    let out = run.stdout();
    for kept in [
        "partnership.toml",
        "book/book.toml",
        "book/src/SUMMARY.md",
        "evidence/log.toml",
    ] {
        assert!(out.contains(&format!("kept     {kept} (")), "{kept}: {out}");
    }
    let files: BTreeMap<String, String> = snapshot(repo.path());
    assert!(files.contains_key("evidence/files/README.md"), "{files:?}");
}

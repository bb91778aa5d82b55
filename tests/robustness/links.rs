//! Symbolic links out of the statement repository and in loops, at every
//! place psdoc follows a path: chapters, includes, SUMMARY.md, book.toml, the
//! book and its src folder, the log, partnership.toml, evidence files and the
//! evidence folder. Nothing outside the root is read (the runner fails any
//! output holding the canary planted there), and loops end at once.

use crate::support::Repo;
use crate::support::outside::{Outside, link};
use crate::support::watched::{check_json, fails, findings, one_finding, psdoc};

#[test]
fn chapter_linked_out_of_the_repository() {
    let outside = Outside::new();
    let repo = Repo::passing();
    link(
        repo.path(),
        "book/src/context.md",
        outside.path("canary.md"),
    );
    for command in ["check", "count", "scan"] {
        fails(
            repo.path(),
            &[command],
            "book/src/SUMMARY.md:3",
            "`context.md` is a link that leads outside the statement repository",
        );
    }
}

#[test]
fn chapter_links_in_a_loop() {
    let repo = Repo::passing();
    link(repo.path(), "book/src/context.md", "loop.md");
    link(repo.path(), "book/src/loop.md", "context.md");
    fails(
        repo.path(),
        &["check"],
        "book/src/SUMMARY.md:3",
        "cannot read book/src/context.md",
    );
}

#[test]
fn chapter_through_a_folder_linking_to_itself() {
    // `deep/up` leads back to src: the path stays inside and is read once.
    let repo = Repo::passing().file("book/src/deep/.keep", "");
    link(repo.path(), "book/src/deep/up", "..");
    let repo = repo.edit(
        "book/src/SUMMARY.md",
        "(context.md)",
        "(deep/up/deep/up/deep/up/context.md)",
    );
    let json = check_json(repo.path());
    assert!(findings(&json, "missing-section").is_empty());
}

#[test]
fn include_linked_out_of_the_book() {
    let outside = Outside::new();
    let repo = Repo::passing().edit(
        "book/src/context.md",
        "Chief Officers' Group.\n",
        "Chief Officers' Group.\n\n{{#include notes.md}}\n",
    );
    link(repo.path(), "book/src/notes.md", outside.path("canary.md"));
    fails(
        repo.path(),
        &["check"],
        "book/src/context.md:5",
        "leaves the book's folder",
    );
}

#[test]
fn include_by_path_out_of_the_repository() {
    let outside = Outside::new();
    let repo = Repo::passing();
    let target = outside.path("canary.md");
    let repo = repo.edit(
        "book/src/context.md",
        "Chief Officers' Group.\n",
        &format!(
            "Chief Officers' Group.\n\n{{{{#include {}}}}}\n\n{{{{#include ../../../../../../../../../..{}}}}}\n",
            target.display(),
            target.display()
        ),
    );
    fails(
        repo.path(),
        &["count"],
        "book/src/context.md:5",
        "leaves the book's folder",
    );
}

#[test]
fn book_folder_linked_out_of_the_repository() {
    let outside = Outside::new();
    let repo = Repo::passing();
    link(repo.path(), "book", outside.path("book"));
    fails(
        repo.path(),
        &["check"],
        "book/book.toml",
        "is a link that leads outside the statement repository",
    );
}

#[test]
fn book_folder_linking_to_itself() {
    let repo = Repo::passing();
    link(repo.path(), "book", "book");
    fails(repo.path(), &["check"], "book/book.toml", "symbolic links");
}

#[test]
fn src_folder_linked_out_of_the_repository() {
    let outside = Outside::new();
    let repo = Repo::passing();
    link(repo.path(), "book/src", outside.path("book/src"));
    fails(
        repo.path(),
        &["check"],
        "book/src/SUMMARY.md",
        "is a link that leads outside the statement repository",
    );
}

#[test]
fn summary_and_book_toml_linked_out() {
    let outside = Outside::new();
    let repo = Repo::passing();
    link(
        repo.path(),
        "book/src/SUMMARY.md",
        outside.path("book/src/SUMMARY.md"),
    );
    fails(
        repo.path(),
        &["check"],
        "book/src/SUMMARY.md",
        "is a link that leads outside the statement repository",
    );
    let repo = Repo::passing();
    link(
        repo.path(),
        "book/book.toml",
        outside.path("book/book.toml"),
    );
    fails(
        repo.path(),
        &["count"],
        "book/book.toml",
        "is a link that leads outside the statement repository",
    );
}

#[test]
fn log_linked_out_of_the_repository() {
    let outside = Outside::new();
    let repo = Repo::passing();
    link(repo.path(), "evidence/log.toml", outside.path("log.toml"));
    for command in ["check", "log"] {
        fails(
            repo.path(),
            &[command],
            "evidence/log.toml",
            "is a link that leads outside the statement repository",
        );
    }
}

#[test]
fn log_links_in_a_loop() {
    let repo = Repo::passing();
    link(repo.path(), "evidence/log.toml", "log2.toml");
    link(repo.path(), "evidence/log2.toml", "log.toml");
    fails(
        repo.path(),
        &["check"],
        "evidence/log.toml",
        "symbolic links",
    );
}

#[test]
fn partnership_toml_linked_out_of_the_repository() {
    let outside = Outside::new();
    let repo = Repo::passing();
    link(
        repo.path(),
        "partnership.toml",
        outside.path("partnership.toml"),
    );
    for command in ["check", "count", "log", "scan"] {
        fails(
            repo.path(),
            &[command],
            "partnership.toml",
            "is a link that leads outside the statement repository",
        );
    }
}

#[test]
fn evidence_file_linked_out_of_the_evidence_folder() {
    let outside = Outside::new();
    let repo = Repo::passing().file(
        "evidence/log.toml",
        "[[document]]\nid = 1\ntitle = \"Data set report\"\nurl = \"https://example.org/a.pdf\"\ndate = 2025-12-01\n\n[[document]]\nid = 2\ntitle = \"Audit\"\nfile = \"audit.txt\"\ndate = 2025-12-01\n",
    );
    link(
        repo.path(),
        "evidence/files/audit.txt",
        outside.path("canary.txt"),
    );
    let json = check_json(repo.path());
    one_finding(&json, "evidence-outside-folder", "evidence/log.toml", 10);
    let message = one_finding(&json, "evidence-not-scanned", "evidence/files/audit.txt", 1);
    assert!(
        message.contains("a link that leads outside the evidence folder"),
        "{message}"
    );
    assert!(findings(&json, "personal-identifier").is_empty());
}

#[test]
fn evidence_folder_linked_out_of_the_repository() {
    let outside = Outside::new();
    let repo = Repo::passing();
    link(repo.path(), "evidence/files", outside.path("files"));
    let json = check_json(repo.path());
    let message = one_finding(&json, "evidence-not-scanned", "evidence/files", 1);
    assert!(
        message.contains("leads outside the statement repository"),
        "{message}"
    );
    assert!(findings(&json, "personal-identifier").is_empty());
    let json = psdoc(repo.path(), &["scan", "--format", "json"]).json();
    one_finding(&json, "evidence-not-scanned", "evidence/files", 1);
}

#[test]
fn evidence_links_in_loops_and_dangling() {
    let repo = Repo::passing().file("evidence/files/minutes.txt", "Minutes of the CPC.\n");
    link(repo.path(), "evidence/files/a.txt", "b.txt");
    link(repo.path(), "evidence/files/b.txt", "a.txt");
    link(repo.path(), "evidence/files/gone.txt", "deleted.txt");
    link(repo.path(), "evidence/files/here", ".");
    link(repo.path(), "evidence/files/copy.txt", "minutes.txt");
    let json = check_json(repo.path());
    let not_scanned = findings(&json, "evidence-not-scanned");
    let reasons: Vec<(&str, &str)> = not_scanned
        .iter()
        .map(|(f, _, m)| (f.as_str(), m.as_str()))
        .collect();
    // `here` leads back into the folder, whose files are scanned anyway.
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    for (file, message) in &reasons {
        assert!(
            !message.contains("outside"),
            "{file} stays inside the folder: {message}"
        );
    }
    assert!(reasons[0].0 == "evidence/files/a.txt" && reasons[0].1.contains("symbolic links"));
    assert!(reasons[1].0 == "evidence/files/b.txt" && reasons[1].1.contains("symbolic links"));
    assert!(
        reasons[2].0 == "evidence/files/gone.txt" && reasons[2].1.contains("does not exist"),
        "{reasons:?}"
    );
}

#[test]
fn paths_out_of_the_repository_in_summary_and_log() {
    let outside = Outside::new();
    let canary = outside.path("canary.md");
    for target in [
        format!("{}", canary.display()),
        format!("../../../../../../../../../..{}", canary.display()),
        "../../partnership.toml".to_owned(),
    ] {
        let repo = Repo::passing().edit(
            "book/src/SUMMARY.md",
            "(context.md)",
            &format!("({target})"),
        );
        fails(
            repo.path(),
            &["check"],
            "book/src/SUMMARY.md:3",
            "is outside the book's src folder",
        );
    }
    for file in [
        format!("{}", outside.path("files/canary.txt").display()),
        "../../../../../../../../../../etc/passwd".to_owned(),
        "../../partnership.toml".to_owned(),
    ] {
        let repo = Repo::passing().edit(
            "evidence/log.toml",
            "url = \"https://example.org/a.pdf\"\n",
            &format!("file = \"{file}\"\n"),
        );
        let json = check_json(repo.path());
        let message = one_finding(&json, "evidence-outside-folder", "evidence/log.toml", 4);
        assert!(
            message.contains("is outside the evidence folder"),
            "{message}"
        );
        assert!(findings(&json, "missing-evidence-file").is_empty());
    }
}

#[test]
fn paths_out_of_the_repository_in_partnership_toml() {
    let outside = Outside::new();
    for (key, value, column) in [
        (
            "[statement]\nbook",
            outside.path("book").display().to_string(),
            8,
        ),
        ("[evidence]\nlog", "../log.toml".to_owned(), 7),
        (
            "[evidence]\nfiles",
            outside.path("files").display().to_string(),
            9,
        ),
    ] {
        let repo = Repo::passing().edit(
            "partnership.toml",
            "submission = 2026-03-20\n",
            &format!("submission = 2026-03-20\n{key} = \"{value}\"\n"),
        );
        fails(
            repo.path(),
            &["check"],
            &format!("partnership.toml:5:{column}"),
            "must be a folder or file inside the statement repository",
        );
    }
}

//! Chapters as partners' machines save them (another encoding, a BOM, CRLF
//! endings), SUMMARY.md naming what is not there, and includes that go round.

use crate::support::watched::{check_json, fails, places, psdoc};
use crate::support::{CONTEXT, Repo};

/// The passing statement with `extra` added to the end of the context chapter
/// (which is 3 lines long, so `extra`'s first line is line 4).
fn with_context_tail(extra: &str) -> Repo {
    Repo::passing().file("book/src/context.md", &format!("{CONTEXT}{extra}"))
}

#[test]
fn chapter_not_utf8() {
    let repo = Repo::passing().bytes(
        "book/src/data.md",
        b"# What your data is telling you\n\nRegistrations fell by 12\x96 in Na h-Eileanan Siar [E1].\n",
    );
    let line = fails(repo.path(), &["check"], "book/src/data.md", "not UTF-8");
    assert!(line.contains("line 3"), "names the line: {line}");
    fails(repo.path(), &["count"], "book/src/data.md", "not UTF-8");
}

#[test]
fn chapter_with_a_bom_keeps_its_columns() {
    let repo = Repo::passing().file(
        "book/src/context.md",
        &format!("\u{feff}{CONTEXT}\nSee [E99].\n"),
    );
    let json = check_json(repo.path());
    assert_eq!(
        places(&json, "unknown-evidence"),
        [("book/src/context.md".to_owned(), 5, 5)]
    );
    assert!(
        places(&json, "missing-section").is_empty(),
        "the BOM is not part of the heading"
    );
}

#[test]
fn chapter_with_crlf_endings_keeps_its_lines() {
    let text =
        format!("{CONTEXT}\nSee [E99].\n\n| Measure | Children |\n|---|---|\n| Registered | 3 |\n")
            .replace('\n', "\r\n");
    let repo = Repo::passing().file("book/src/context.md", &text);
    let json = check_json(repo.path());
    assert_eq!(
        places(&json, "unknown-evidence"),
        [("book/src/context.md".to_owned(), 5, 5)]
    );
    assert_eq!(
        places(&json, "small-number"),
        [("book/src/context.md".to_owned(), 9, 16)]
    );
    // The same words as with LF endings.
    let lf = Repo::passing().file("book/src/context.md", &text.replace("\r\n", "\n"));
    let count =
        |repo: &Repo| psdoc(repo.path(), &["count", "--format", "json"]).json()["total"].clone();
    assert_eq!(count(&repo), count(&lf));
}

#[test]
fn summary_names_a_missing_file() {
    let repo = Repo::passing().edit(
        "book/src/SUMMARY.md",
        "- [Areas for improvement](improvement.md)\n",
        "- [Areas for improvement](improvement.md)\n- [Annex](annex.md)\n",
    );
    fails(
        repo.path(),
        &["check"],
        "book/src/SUMMARY.md:11",
        "names `annex.md`, but book/src/annex.md does not exist",
    );
}

#[test]
fn summary_names_a_folder() {
    let repo = Repo::passing()
        .file("book/src/annex/notes.md", "Notes.\n")
        .edit(
            "book/src/SUMMARY.md",
            "- [Areas for improvement](improvement.md)\n",
            "- [Areas for improvement](improvement.md)\n- [Annex](annex)\n",
        );
    fails(
        repo.path(),
        &["count"],
        "book/src/SUMMARY.md:11",
        "it is a folder, not a file",
    );
}

#[test]
fn summary_missing() {
    let repo = Repo::passing().remove("book/src/SUMMARY.md");
    fails(
        repo.path(),
        &["check"],
        "book/src/SUMMARY.md",
        "not found: the book needs a SUMMARY.md",
    );
}

#[test]
fn summary_with_an_item_that_is_not_a_link() {
    let repo = Repo::passing().edit(
        "book/src/SUMMARY.md",
        "- [Key achievements](achievements.md)\n",
        "- [Key achievements](achievements.md)\n- Key achievements, to do\n",
    );
    fails(
        repo.path(),
        &["check"],
        "book/src/SUMMARY.md:10",
        "not a chapter link",
    );
}

#[test]
fn summary_not_utf8() {
    let repo = Repo::passing().bytes(
        "book/src/SUMMARY.md",
        b"# Summary\n\n- [Context of children\x92s services](context.md)\n",
    );
    fails(repo.path(), &["check"], "book/src/SUMMARY.md", "not UTF-8");
}

#[test]
fn include_of_itself() {
    let repo = with_context_tail("\n{{#include context.md}}\n");
    fails(
        repo.path(),
        &["check"],
        "book/src/context.md:5",
        "includes are nested more than 10 deep",
    );
}

#[test]
fn includes_in_a_loop() {
    let repo = with_context_tail("\n{{#include a.md}}\n")
        .file("book/src/a.md", "Text of a.\n\n{{#include b.md}}\n")
        .file("book/src/b.md", "{{#include a.md}}\n");
    fails(
        repo.path(),
        &["count"],
        "book/src/b.md:1",
        "includes are nested more than 10 deep",
    );
}

#[test]
fn include_of_a_missing_file() {
    let repo = with_context_tail("\nText.\n\n{{#include tables/data.md}}\n");
    fails(
        repo.path(),
        &["check"],
        "book/src/context.md:7",
        "book/src/tables/data.md does not exist",
    );
}

#[test]
fn include_not_utf8() {
    let repo = with_context_tail("\n{{#include table.md}}\n")
        .bytes("book/src/table.md", b"| Children | 12\xa0|\n");
    fails(repo.path(), &["check"], "book/src/table.md", "not UTF-8");
}

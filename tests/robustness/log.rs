//! A document log of 100,000 entries: checked, exported in every format and
//! packaged within the time limit, each entry kept.

use std::fmt::Write;

use crate::support::Repo;
use crate::support::watched::{findings, places, psdoc_within};

const ENTRIES: u64 = 100_000;

/// The peak memory allowed for a log this size (debug build).
const BOUND: u64 = 500 << 20;

fn psdoc(repo: &Repo, args: &[&str]) -> crate::support::watched::Ran {
    psdoc_within(repo.path(), args, BOUND)
}

fn big_log(duplicate_every: u64) -> Repo {
    big_log_citing(duplicate_every, "[E1-E100000]")
}

fn big_log_citing(duplicate_every: u64, citation: &str) -> Repo {
    let mut log = String::with_capacity(12 << 20);
    for i in 1..=ENTRIES {
        let id = if duplicate_every > 0 && i % duplicate_every == 0 {
            i - 1
        } else {
            i
        };
        write!(
            log,
            "[[document]]\nid = {id}\ntitle = \"Document {i}\"\nurl = \"https://example.org/documents/{i}.pdf\"\ndate = 2025-12-01\n\n"
        )
        .unwrap();
    }
    Repo::passing().file("evidence/log.toml", &log).edit(
        "book/src/data.md",
        "re-registrations fell [E1]",
        &format!("re-registrations fell {citation}"),
    )
}

#[test]
fn a_hundred_thousand_entries_checked_and_exported() {
    let repo = big_log(0);
    let json = psdoc(&repo, &["check", "--format", "json"]).json();
    assert!(findings(&json, "unreferenced-evidence").is_empty());
    assert!(findings(&json, "unknown-evidence").is_empty());

    let csv = psdoc(&repo, &["log", "--format", "csv"]);
    assert_eq!(csv.code, 0);
    assert_eq!(csv.stdout().lines().count() as u64, ENTRIES + 1);
    let json = psdoc(&repo, &["log", "--format", "json"]).json();
    assert_eq!(json.as_array().map(Vec::len), Some(ENTRIES as usize));
    let markdown = psdoc(&repo, &["log", "--format", "markdown"]);
    assert_eq!(markdown.stdout().lines().count() as u64, ENTRIES + 2);

    // Excel takes at most 65,530 links a sheet: the rest stay as text, and
    // the workbook holds every row.
    let xlsx = repo.path().join("log.xlsx");
    let run = psdoc(&repo, &["log", "--format", "xlsx", "-o", "log.xlsx"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).expect("a workbook");
    let range = calamine::Reader::worksheet_range(&mut book, "Document log").expect("the sheet");
    assert_eq!(range.height() as u64, ENTRIES + 1);
    assert_eq!(
        range.get_value((ENTRIES as u32, 4)).map(|c| c.to_string()),
        Some(format!("https://example.org/documents/{ENTRIES}.pdf"))
    );

    // `check` (and so `package`) reads every file the repository would track: this
    // export of 100,000 rows is left out as a partnership would leave out a working copy.
    let repo = repo.file(".gitignore", "/log.xlsx\n/book/book\n");
    let run = psdoc(&repo, &["package", "-o", "statement.zip"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_hundred_thousand_entries_with_duplicate_numbers() {
    let repo = big_log(2);
    let json = psdoc(&repo, &["check", "--format", "json"]).json();
    let duplicates = places(&json, "duplicate-evidence-id");
    assert_eq!(duplicates.len() as u64, ENTRIES / 2);
    // The later entry of each pair: entry 2 starts on line 7.
    assert_eq!(duplicates[0], ("evidence/log.toml".to_owned(), 8, 1));
}

#[test]
fn a_hundred_thousand_entries_each_cited_once() {
    // No range: every entry is looked up among 100,000 references.
    let mut citations = String::with_capacity(1 << 20);
    for i in (1..=ENTRIES).rev() {
        if i != 77 {
            write!(citations, "[E{i}] ").unwrap();
        }
    }
    let repo = big_log_citing(0, &citations);
    let json = psdoc(&repo, &["check", "--format", "json"]).json();
    assert_eq!(
        places(&json, "unreferenced-evidence"),
        [("evidence/log.toml".to_owned(), 6 * 76 + 2, 1)]
    );
}

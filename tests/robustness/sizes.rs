//! Big and deep chapters: a 50 MB chapter, a 5 MB line, lists and quotes
//! nested 5,000 deep. Each is counted exactly, within the time limit and a
//! bound on memory.

use std::io::Write;

use crate::support::Repo;
use crate::support::watched::{MAX_RSS, check_json, places, psdoc, psdoc_within};

/// The passing statement with `name` added as its last chapter.
fn with_chapter(name: &str, write: impl FnOnce(&mut dyn Write)) -> Repo {
    let repo = Repo::passing().edit(
        "book/src/SUMMARY.md",
        "- [Areas for improvement](improvement.md)\n",
        &format!("- [Areas for improvement](improvement.md)\n- [Annex]({name})\n"),
    );
    let file = std::fs::File::create(repo.path().join("book/src").join(name)).expect("create");
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    write(&mut out);
    out.flush().expect("write");
    repo
}

fn total(repo: &Repo) -> u64 {
    psdoc(repo.path(), &["count", "--format", "json"]).json()["total"]
        .as_u64()
        .expect("total")
}

#[test]
fn a_50_megabyte_chapter() {
    const PARAGRAPH: &str = "Children and families across Loch Ard are supported by health visitors, social workers, teachers and third sector partners working together.";
    const WORDS_PER_PARAGRAPH: u64 = 20;
    let base = total(&Repo::passing());
    let mut paragraphs = 0u64;
    let repo = with_chapter("annex.md", |out| {
        out.write_all(b"# Annex\n\n").unwrap();
        let mut written = 0;
        while written < 50 << 20 {
            // One reference in every hundred paragraphs.
            let line = if paragraphs.is_multiple_of(100) {
                format!("{PARAGRAPH} [E1]\n\n")
            } else {
                format!("{PARAGRAPH}\n\n")
            };
            out.write_all(line.as_bytes()).unwrap();
            written += line.len();
            paragraphs += 1;
        }
    });
    let words = base + 1 + paragraphs * WORDS_PER_PARAGRAPH + paragraphs.div_ceil(100);
    let bound = 500 << 20;
    let count = psdoc_within(repo.path(), &["count", "--format", "json"], bound).json();
    assert_eq!(count["total"].as_u64(), Some(words));
    let check = psdoc_within(repo.path(), &["check", "--format", "json"], bound);
    assert_eq!(check.code, 1);
    if cfg!(target_os = "linux") {
        assert!(check.peak_rss.is_some(), "the peak memory was measured");
    }
    let json = check.json();
    assert_eq!(json["summary"]["words"].as_u64(), Some(words));
    assert_eq!(
        places(&json, "word-limit"),
        [("book/src/SUMMARY.md".to_owned(), 1, 1)]
    );
}

#[test]
fn a_5_megabyte_line() {
    let base = total(&Repo::passing());
    let repo = with_chapter("annex.md", |out| {
        out.write_all(b"# Annex\n\n").unwrap();
        for _ in 0..1_000_000 {
            out.write_all(b"word ").unwrap();
        }
        out.write_all(b"[E99]\n").unwrap();
    });
    let json = check_json(repo.path());
    assert_eq!(
        json["summary"]["words"].as_u64(),
        Some(base + 1 + 1_000_001)
    );
    assert_eq!(
        places(&json, "unknown-evidence"),
        [("book/src/annex.md".to_owned(), 3, 5_000_001)]
    );
    // Findings show their source line, but never megabytes of it.
    for format in ["human", "github", "markdown", "sarif"] {
        let out = psdoc(repo.path(), &["check", "--format", format]);
        assert_eq!(out.code, 1);
        assert!(
            out.stdout.len() < 256 << 10,
            "--format {format} printed {} bytes",
            out.stdout.len()
        );
    }
}

#[test]
fn lists_nested_5000_deep() {
    let base = total(&Repo::passing());
    let repo = with_chapter("annex.md", |out| {
        out.write_all(b"# Annex\n\n").unwrap();
        for depth in 0..5000 {
            let indent = "  ".repeat(depth);
            writeln!(out, "{indent}- item").unwrap();
        }
        out.write_all(b"\nAfter the list [E99].\n").unwrap();
    });
    let json = psdoc_within(repo.path(), &["check", "--format", "json"], MAX_RSS).json();
    assert_eq!(json["summary"]["words"].as_u64(), Some(base + 1 + 5000 + 4));
    assert_eq!(
        places(&json, "unknown-evidence"),
        [("book/src/annex.md".to_owned(), 5004, 16)]
    );
}

#[test]
fn quotes_nested_5000_deep() {
    let base = total(&Repo::passing());
    let repo = with_chapter("annex.md", |out| {
        out.write_all(b"# Annex\n\n").unwrap();
        out.write_all(">".repeat(5000).as_bytes()).unwrap();
        out.write_all(b" Quoted words [E99].\n\n").unwrap();
        for depth in 1..=5000 {
            writeln!(out, "{} level", ">".repeat(depth)).unwrap();
        }
    });
    let json = check_json(repo.path());
    assert_eq!(json["summary"]["words"].as_u64(), Some(base + 1 + 3 + 5000));
    assert_eq!(
        places(&json, "unknown-evidence"),
        [("book/src/annex.md".to_owned(), 3, 5015)]
    );
}

#[test]
fn emphasis_links_and_comments_nested_deep() {
    let repo = with_chapter("annex.md", |out| {
        out.write_all(b"# Annex\n\n").unwrap();
        out.write_all("*_".repeat(20_000).as_bytes()).unwrap();
        out.write_all(b"word").unwrap();
        out.write_all("_*".repeat(20_000).as_bytes()).unwrap();
        out.write_all(b"\n\n").unwrap();
        out.write_all("[link ".repeat(20_000).as_bytes()).unwrap();
        out.write_all("](https://example.org)".repeat(20_000).as_bytes())
            .unwrap();
        out.write_all(b"\n\n").unwrap();
        out.write_all("<!-- ".repeat(20_000).as_bytes()).unwrap();
        out.write_all(b"\n\n").unwrap();
        out.write_all("| a ".repeat(5_000).as_bytes()).unwrap();
        out.write_all(b"|\n").unwrap();
        out.write_all("|---".repeat(5_000).as_bytes()).unwrap();
        out.write_all(b"|\n").unwrap();
    });
    // Whatever the parser makes of such markup, count and check agree on it.
    let json = check_json(repo.path());
    assert_eq!(json["summary"]["words"].as_u64(), Some(total(&repo)));
    assert!(total(&repo) > total(&Repo::passing()));
}

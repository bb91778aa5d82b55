//! Evidence references whose numbers overflow, and ranges too large to
//! expand: each is the right finding at the right column, at once.

use crate::support::watched::{check_json, findings, places, psdoc, psdoc_within};
use crate::support::{CONTEXT, Repo};

fn with_line(line: &str) -> Repo {
    Repo::passing().file("book/src/context.md", &format!("{CONTEXT}\n{line}\n"))
}

#[test]
fn numbers_that_overflow() {
    let repo = with_line("Overflow [E99999999999999999999999] and [E1-99999999999999999999999].");
    let json = check_json(repo.path());
    assert_eq!(
        places(&json, "malformed-reference"),
        [
            ("book/src/context.md".to_owned(), 5, 10),
            ("book/src/context.md".to_owned(), 5, 41),
        ]
    );
    for (_, _, message) in findings(&json, "malformed-reference") {
        assert!(message.contains("is too large"), "{message}");
    }
}

#[test]
fn the_largest_number_and_the_largest_range() {
    let repo = with_line("All [E1-E18446744073709551615] and one [E18446744073709551615].");
    let json = check_json(repo.path());
    assert_eq!(
        places(&json, "unknown-evidence"),
        [
            ("book/src/context.md".to_owned(), 5, 5),
            ("book/src/context.md".to_owned(), 5, 40),
        ]
    );
    let messages: Vec<String> = findings(&json, "unknown-evidence")
        .into_iter()
        .map(|(_, _, m)| m)
        .collect();
    assert!(
        messages[0].contains("E2 to E18446744073709551615"),
        "{messages:?}"
    );
    assert!(places(&json, "malformed-reference").is_empty());
}

#[test]
fn zero_backwards_and_empty() {
    let repo = with_line("[E0] [E5-E3] [E] [E3,,E4] [E12a]");
    let json = check_json(repo.path());
    let columns: Vec<u64> = places(&json, "malformed-reference")
        .into_iter()
        .map(|(_, line, column)| {
            assert_eq!(line, 5);
            column
        })
        .collect();
    assert_eq!(columns, [1, 6, 14, 18, 27]);
}

#[test]
fn a_hundred_thousand_references_and_brackets() {
    // One paragraph of 100,000 references (half unknown), then 100,000 unclosed brackets.
    let mut line = String::with_capacity(2_000_000);
    for i in 0..100_000u32 {
        line.push_str(if i % 2 == 0 { "[E1] " } else { "[E2] " });
    }
    line.push_str(&"[".repeat(100_000));
    let repo = with_line(&line);
    let json = check_json(repo.path());
    assert_eq!(findings(&json, "unknown-evidence").len(), 50_000);
    let base = psdoc(Repo::passing().path(), &["count", "--format", "json"]).json()["total"]
        .as_u64()
        .expect("total");
    assert_eq!(json["summary"]["words"].as_u64(), Some(base + 100_001));
    // 50,000 findings on one long line: each shown without its line, at once
    // (masking the line once per finding took hours).
    for format in ["human", "github"] {
        assert_eq!(psdoc(repo.path(), &["check", "--format", format]).code, 1);
    }
    // SARIF builds its whole document in memory: about 12 KiB a finding.
    let sarif = psdoc_within(repo.path(), &["check", "--format", "sarif"], 1 << 30);
    assert_eq!(sarif.code, 1);
}

#[test]
fn a_pasted_line_of_references_in_running_text() {
    // Word pastes a whole section as one line, curly quotes and all: 100,000
    // references written without brackets, every other one unknown. Each
    // finding's column counts characters (’ is one), found at once.
    let mut line = String::from("Children’s ");
    for i in 0..100_000u32 {
        line.push_str(if i % 2 == 0 { "E1 " } else { "(E3) " });
    }
    let repo = with_line(&line);
    let json = check_json(repo.path());
    let unknown = places(&json, "unknown-evidence");
    assert_eq!(unknown.len(), 50_000);
    // "Children’s " is 11 characters; then "E1 (E3) " is 8 a pair.
    let last = unknown.last().expect("a finding");
    assert_eq!((last.1, last.2), (5, 11 + 49_999 * 8 + 3 + 1));
}

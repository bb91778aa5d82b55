//! Evidence references as officers write them, through the real binary:
//! every row of `tests/conformance/references.tsv` in a statement of its
//! own, a chapter pasted from Word (curly quotes, en dashes, no-break
//! spaces, CRLF) checked and built, `reference_style = "brackets"`, and a
//! bad setting.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::support::*;

/// A log of documents 1 to `n`, none of them core (so each one the
/// statement does not cite is an `unreferenced-evidence` finding).
fn log_of(n: u64) -> String {
    (1..=n)
        .map(|i| format!("[[document]]\nid = {i}\ntitle = \"Document {i} title\"\nurl = \"https://example.org/{i}.pdf\"\ndate = 2025-12-01\n\n"))
        .collect()
}

const BRACKETS: &str = "\n[evidence]\nreference_style = \"brackets\"\n";

fn numbers_in(message: &str, before: &str) -> Vec<u64> {
    message
        .split(before)
        .skip(1)
        .filter_map(|s| {
            let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .collect()
}

/// What a check of `json` says the statement cites, of a log of documents
/// 1 to 20: those not reported unreferenced, and those reported unknown.
fn cited(json: &Value) -> BTreeSet<u64> {
    let of = |rule: &str| -> Vec<String> {
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == rule)
            .map(|d| d["message"].as_str().unwrap().to_owned())
            .collect()
    };
    let unreferenced: BTreeSet<u64> = of("unreferenced-evidence")
        .iter()
        .flat_map(|m| numbers_in(m, "document "))
        .collect();
    let mut cited: BTreeSet<u64> = (1..=20).filter(|n| !unreferenced.contains(n)).collect();
    for m in of("unknown-evidence") {
        cited.extend(numbers_in(&m, "E").into_iter().filter(|&n| n > 20));
    }
    cited
}

fn diagnostics<'a>(json: &'a Value, rule: &str) -> Vec<&'a Value> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .collect()
}

#[test]
fn every_row_of_the_conformance_table_through_the_binary() {
    let table = std::fs::read_to_string(project_root().join("tests/conformance/references.tsv"))
        .expect("references.tsv");
    let mut rows = 0;
    for line in table.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let mut columns = line.split('\t');
        let markdown = columns.next().unwrap().replace("\\u00a0", "\u{a0}");
        let expected = columns.next().unwrap();
        let brackets = columns.next() == Some("brackets");
        let repo = Repo::empty()
            .file(
                "partnership.toml",
                &format!("{PARTNERSHIP}{}", if brackets { BRACKETS } else { "" }),
            )
            .file("book/book.toml", "[book]\ntitle = \"Test\"\n")
            .file("evidence/log.toml", &log_of(20))
            .chapters(&[(
                "data.md",
                &format!("# What your data is telling you\n\n{markdown}\n"),
            )]);
        let json = repo.check_json();
        let malformed = diagnostics(&json, "malformed-reference");
        let what = format!("{markdown:?} ({expected}): {json:#}");
        if let Some(finding) = expected.strip_prefix("malformed-reference") {
            assert_eq!(malformed.len(), 1, "{what}");
            assert_eq!(malformed[0]["line"], 3, "{what}");
            if let Some(fix) = finding.strip_prefix(": ") {
                assert_eq!(malformed[0]["help"], fix, "{what}");
            }
            assert!(diagnostics(&json, "unknown-evidence").is_empty(), "{what}");
        } else if expected.starts_with("none") {
            assert!(malformed.is_empty(), "{what}");
            assert_eq!(cited(&json), BTreeSet::new(), "{what}");
        } else if expected == "one range, checked without expanding it" {
            let unknown = diagnostics(&json, "unknown-evidence");
            assert_eq!(unknown.len(), 1, "{what}");
            assert!(
                unknown[0]["message"]
                    .as_str()
                    .unwrap()
                    .ends_with("E21 to E100000000"),
                "{what}"
            );
        } else {
            let want: BTreeSet<u64> = expected.split(' ').map(|n| n.parse().unwrap()).collect();
            assert!(malformed.is_empty(), "{what}");
            assert_eq!(cited(&json), want, "{what}");
        }
        rows += 1;
    }
    assert!(rows >= 60, "{rows}");
}

/// A data chapter as a lead officer pastes it from Word: CRLF line ends,
/// curly quotes, en dashes, no-break spaces, references in round brackets
/// and in the text, the wording `Document 6`, and the look-alikes.
const PASTED: &str = "# What your data is telling you\r\n\r\nReferrals fell by a third in 2024\u{2013}25 (E2). As E3 shows, the threshold is applied consistently (see COG minutes,\u{a0}E4).\r\n\r\nThe quarterly data sets E5\u{2013}E6 and the audits E7 to E8 agree; so does the \u{201c}Bairns\u{2019} Hoose\u{201d} evaluation [E9; E2].\r\n\r\nRe-registrations fell too (E99).\r\n\r\nDocument\u{a0}6, Doc 7 and Evidence 8 say the same.\r\n\r\nNot references: E9a, PE9, E9.5, E9-based, EH6\u{a0}4AB, London E6 1AB, https://example.org/E99, `E99` and Evidence 2024.<!-- drafting note: see E99 and Document 3 -->\r\n\r\n```\r\nE99\r\n```\r\n";

/// Line and column (characters, 1-based) of the first `needle` in `text`.
fn place(text: &str, needle: &str) -> (u64, u64) {
    let at = text.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    let before = &text[..at];
    let line = before.matches('\n').count() as u64 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() as u64 + 1)
}

fn places_of(json: &Value, rule: &str) -> Vec<(u64, u64, String)> {
    diagnostics(json, rule)
        .into_iter()
        .map(|d| {
            assert_eq!(d["file"], "book/src/data.md");
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["help"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

fn pasted(config: &str) -> Repo {
    // The look-alike postcodes are allowed, so that the book can be built.
    let allow = "\n[privacy]\nallow = [\"EH6\u{a0}4AB\", \"E6 1AB\"]\n";
    Repo::passing()
        .file("partnership.toml", &format!("{PARTNERSHIP}{allow}{config}"))
        .file("evidence/log.toml", &log_of(10))
        .file("book/src/data.md", PASTED)
}

#[test]
fn a_chapter_pasted_from_word_is_checked_in_every_form() {
    let repo = pasted("");
    let json = repo.check_json();
    let at = |needle: &str, help: &str| {
        let (line, column) = place(PASTED, needle);
        (line, column, help.to_owned())
    };
    // (E99) is a document not in the log: the error it exists to catch.
    assert_eq!(
        places_of(&json, "unknown-evidence"),
        vec![at(
            "(E99)",
            "add the document to evidence/log.toml with that number, or correct the reference"
        )]
    );
    let unknown = diagnostics(&json, "unknown-evidence");
    assert_eq!(
        unknown[0]["message"],
        "E99 is not in the document log (evidence/log.toml)"
    );
    assert_eq!(unknown[0]["section"], "data");
    // The wording that does not say whose number it is.
    assert_eq!(
        places_of(&json, "malformed-reference"),
        vec![
            at("Document\u{a0}6", "write [E6]"),
            at("Doc 7", "write [E7]"),
            at("Evidence 8", "write [E8]"),
        ]
    );
    // Every other form cites its documents: only document 10 is not cited
    // (1 is, by the other chapters).
    let unreferenced: Vec<&str> = diagnostics(&json, "unreferenced-evidence")
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        unreferenced,
        vec!["document 10 (\"Document 10 title\") is in the log but the statement never cites it"]
    );
    assert!(diagnostics(&json, "section-without-evidence").is_empty());

    // The human output points at the line and column, with the fix.
    let human = repo.run(&["check"]).expect_code(1).stdout();
    assert!(
        human.contains("warning[malformed-reference]: not an evidence reference: \u{201c}Doc 7\u{201d} does not say"),
        "{human}"
    );
    assert!(human.contains("= help: write [E7]"), "{human}");
}

#[test]
fn the_book_links_every_form_in_a_pasted_chapter() {
    let repo = pasted("").edit(
        "book/src/data.md",
        "Re-registrations fell too (E99).\r\n\r\n",
        "",
    );
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("site");
    repo.run(&["build", "-o", dir.to_str().unwrap()])
        .expect_code(0);
    let data = std::fs::read_to_string(dir.join("data.html")).unwrap();
    let linked: Vec<u64> = data
        .split("href=\"document-log.html#E")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect();
    assert_eq!(linked, vec![2, 3, 4, 5, 6, 7, 8, 9, 2], "{data}");
    assert!(
        data.contains("(see COG minutes,\u{a0}<a href=\"document-log.html#E4\" title=\"Document 4 title\">E4</a>)"),
        "{data}"
    );
}

#[test]
fn brackets_only_reports_the_other_forms_with_the_bracketed_fix() {
    let repo = pasted(BRACKETS);
    let json = repo.check_json();
    let at = |needle: &str, help: &str| {
        let (line, column) = place(PASTED, needle);
        (line, column, help.to_owned())
    };
    assert_eq!(
        places_of(&json, "malformed-reference"),
        vec![
            at("(E2)", "write [E2]"),
            at("E3 shows", "write [E3]"),
            at("E4)", "write [E4]"),
            at("E5\u{2013}E6", "write [E5-E6]"),
            at("E7 to E8", "write [E7-E8]"),
            at("[E9; E2]", "write [E9, E2]"),
            at("(E99)", "write [E99]"),
            at("Document\u{a0}6", "write [E6]"),
            at("Doc 7", "write [E7]"),
            at("Evidence 8", "write [E8]"),
        ]
    );
    let message = diagnostics(&json, "malformed-reference")[0]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        message.contains("reference_style = \"brackets\" in partnership.toml"),
        "{message}"
    );
    // Written another way, nothing is cited: (E99) is not checked against
    // the log, and documents 2 to 10 are not cited.
    assert!(diagnostics(&json, "unknown-evidence").is_empty());
    assert_eq!(diagnostics(&json, "unreferenced-evidence").len(), 9);
    assert_eq!(diagnostics(&json, "section-without-evidence").len(), 1);
    // The square-bracket forms (docs/evidence.md#references) pass as before.
    let clean = Repo::passing()
        .file("partnership.toml", &format!("{PARTNERSHIP}{BRACKETS}"))
        .edit("book/src/data.md", "fell [E1].", "fell [E1, E1-1].");
    assert!(clean.findings("malformed-reference").is_empty());
    assert!(clean.findings("unreferenced-evidence").is_empty());
}

#[test]
fn a_reference_in_the_text_gives_a_section_its_evidence() {
    let repo = Repo::passing().edit("book/src/qa.md", "[E1]", "(see the audit report, E1)");
    assert!(repo.findings("section-without-evidence").is_empty());
    let repo = repo.file("partnership.toml", &format!("{PARTNERSHIP}{BRACKETS}"));
    let found = repo.findings("section-without-evidence");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["section"], "quality-assurance");
}

#[test]
fn an_unknown_reference_style_is_a_config_error() {
    for (value, column) in [("\"square\"", 19), ("true", 19)] {
        let repo = Repo::passing().file(
            "partnership.toml",
            &format!("{PARTNERSHIP}\n[evidence]\nreference_style = {value}\n"),
        );
        for command in [&["check"][..], &["build"], &["count"]] {
            let run = repo.run(command).expect_code(2);
            let err = run.stderr();
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(
                err.starts_with(&format!(
                    "psdoc: error: partnership.toml:6:{column}: `evidence.reference_style`"
                )),
                "{command:?}: {err}"
            );
        }
    }
    let err = Repo::passing()
        .file(
            "partnership.toml",
            &format!("{PARTNERSHIP}\n[evidence]\nreference_style = \"square\"\n"),
        )
        .run(&["check"])
        .stderr();
    assert!(
        err.contains("write \"any\"") && err.contains("or \"brackets\""),
        "{err}"
    );
}

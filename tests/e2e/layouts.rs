//! Every layout docs/repository.md#layout allows: one chapter or many,
//! nested chapters, includes, CRLF endings, a BOM, prefix chapters.

use crate::support::*;

fn all_sections() -> String {
    [
        CONTEXT,
        COVID,
        DATA,
        INVOLVEMENT,
        QA,
        LEADERSHIP,
        ACHIEVEMENTS,
        IMPROVEMENT,
    ]
    .join("\n")
}

#[test]
fn one_chapter_with_everything() {
    let one = Repo::passing().chapters(&[("statement.md", &all_sections())]);
    let many = Repo::passing();
    assert!(one.findings("missing-section").is_empty());
    assert_eq!(
        one.check_json()["summary"]["words"],
        many.check_json()["summary"]["words"]
    );
}

#[test]
fn one_chapter_with_level_two_sections_under_a_title() {
    let text = format!(
        "# Loch Ard position statement\n\nIntro words here.\n\n{}",
        all_sections()
            .replace("\n# ", "\n## ")
            .replacen("# ", "## ", 1)
    );
    // Sub-headings of achievements become ###.
    let text = text
        .replace("## Bairns'", "### Bairns'")
        .replace("## Safe and", "### Safe and")
        .replace("## Youth forum", "### Youth forum");
    let repo = Repo::passing().chapters(&[("statement.md", &text)]);
    assert!(repo.findings("missing-section").is_empty());
    assert!(repo.findings("achievement-count").is_empty());
    let count: serde_json::Value =
        serde_json::from_str(&repo.run(&["count", "--format", "json"]).stdout()).unwrap();
    assert_eq!(count["other"][0]["title"], "Loch Ard position statement");
    assert_eq!(count["other"][0]["words"], 7);
}

#[test]
fn crlf_and_bom_keep_counts_and_lines() {
    let lf = Repo::passing().edit(
        "book/src/data.md",
        "We are guided",
        "We saw [E1].\n\n# Response to Covid-19\n\nAgain.\n\nWe are guided",
    );
    let crlf = Repo::passing().edit(
        "book/src/data.md",
        "We are guided",
        "We saw [E1].\n\n# Response to Covid-19\n\nAgain.\n\nWe are guided",
    );
    let text = crlf.read("book/src/data.md");
    let crlf = crlf.bytes(
        "book/src/data.md",
        format!("\u{feff}{}", text.replace('\n', "\r\n")).as_bytes(),
    );
    let a = lf.findings("duplicate-section");
    let b = crlf.findings("duplicate-section");
    assert_eq!(a.len(), 1);
    assert_eq!(a, b, "same line and column with CRLF and a BOM");
    assert_eq!(b[0]["line"], 5);
    assert_eq!(b[0]["column"], 1);
    assert_eq!(
        lf.check_json()["summary"]["words"],
        crlf.check_json()["summary"]["words"]
    );
}

#[test]
fn nested_chapter_continues_its_parent_section() {
    let repo = Repo::passing()
        .file("book/src/data-registrations.md", "# Registrations\n\nRegistrations fell by a fifth.\n\n## By age\n\nMostly under fives.\n")
        .edit("book/src/SUMMARY.md", "- [What your data is telling you](data.md)\n", "- [What your data is telling you](data.md)\n    - [Registrations](data-registrations.md)\n");
    let count = repo.count_json();
    let data = json_section(&count, "data");
    let base = Repo::passing().count_json();
    let base_data = json_section(&base, "data");
    assert_eq!(
        data["words"].as_u64().unwrap(),
        base_data["words"].as_u64().unwrap() + 11
    );
    assert!(count["other"].as_array().unwrap().is_empty(), "{count}");
}

#[test]
fn includes_are_counted_and_located_in_the_included_file() {
    let repo = Repo::passing()
        .file(
            "book/src/parts/covid-detail.md",
            "Recovery words here.\n\n# Response to Covid-19\n\nAgain.\n",
        )
        .edit(
            "book/src/covid.md",
            "Recovery planning finished in 2023.",
            "Recovery planning finished in 2023.\n\n{{#include parts/covid-detail.md}}\n",
        );
    let f = repo.findings("duplicate-section");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["file"], "book/src/parts/covid-detail.md");
    assert_eq!(f[0]["line"], 3);
}

#[test]
fn include_outside_the_book_is_refused() {
    let repo = Repo::passing()
        .file("secret.md", "Not part of the book.\n")
        .edit(
            "book/src/covid.md",
            "Recovery planning",
            "{{#include ../../secret.md}}\n\nRecovery planning",
        );
    let run = repo.run(&["check"]).expect_code(2);
    let err = run.stderr();
    assert!(err.contains("book/src/covid.md:3"), "{err}");
    assert!(err.contains("leaves the book"), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
}

#[test]
fn missing_chapter_file_names_summary_line() {
    let repo = Repo::passing().remove("book/src/qa.md");
    let run = repo.run(&["check"]).expect_code(2);
    assert!(
        run.stderr().contains("book/src/SUMMARY.md:7:"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("qa.md"), "{}", run.stderr());
}

#[test]
fn non_utf8_chapter_is_an_error_naming_the_file() {
    let repo = Repo::passing().bytes(
        "book/src/qa.md",
        b"# Quality assurance and evaluative activity\n\nCaf\xe9 \x96 audit\n",
    );
    let run = repo.run(&["check"]).expect_code(2);
    assert!(run.stderr().contains("book/src/qa.md"), "{}", run.stderr());
    assert!(run.stderr().contains("UTF-8"), "{}", run.stderr());
    assert!(run.stderr().contains("line 3"), "{}", run.stderr());
}

#[test]
fn prefix_suffix_and_draft_chapters() {
    let repo = Repo::passing()
        .file("book/src/intro.md", "# Introduction\n\nHello.\n")
        .file("book/src/annex.md", "# Glossary\n\nIRD: interagency referral discussion.\n")
        .edit("book/src/SUMMARY.md", "# Summary\n\n", "# Summary\n\n[Introduction](intro.md)\n\n# Our statement\n\n")
        .edit("book/src/SUMMARY.md", "- [Areas for improvement](improvement.md)\n", "- [Areas for improvement](improvement.md)\n- [Draft chapter]()\n\n---\n\n[Glossary](annex.md)\n");
    let count: serde_json::Value = serde_json::from_str(
        &repo
            .run(&["count", "--format", "json"])
            .expect_code(0)
            .stdout(),
    )
    .unwrap();
    let titles: Vec<_> = count["other"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["title"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(titles, vec!["Introduction", "Glossary"]);
}

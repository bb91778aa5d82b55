//! `psdoc count`: the word definition of docs/words.md, end to end.

use crate::support::*;

fn count_json(repo: &Repo) -> serde_json::Value {
    let run = repo.run(&["count", "--format", "json"]).expect_code(0);
    serde_json::from_str(&run.stdout()).unwrap()
}

fn section_words(json: &serde_json::Value, key: &str) -> u64 {
    json_section(json, key)["words"].as_u64().unwrap()
}

#[test]
fn counts_per_section_and_total() {
    let repo = Repo::passing().file(
        "book/src/covid.md",
        "# Response to Covid-19\n\n<!-- a drafting note of many words that do not count -->\nChildren's services — and partners ![alt text here](img.png) [link text](https://example.org) `inline code` 3–5 [E3, E12].\n\n| Measure | 2023-24 |\n|---|---|\n| Children registered | 42 |\n",
    );
    let json = count_json(&repo);
    // heading 3; prose: Children's services and partners (4) link text (2) inline code (2) 3 5 (2) [E3, E12] (2) = 12; table 5.
    assert_eq!(section_words(&json, "covid"), 3 + 12 + 5);
    let sum: u64 = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["words"].as_u64().unwrap())
        .sum::<u64>()
        + json["other"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["words"].as_u64().unwrap())
            .sum::<u64>();
    assert_eq!(json["total"].as_u64().unwrap(), sum);
    assert_eq!(json["limit"], 5000);
    let covid = &json["sections"].as_array().unwrap()[1];
    assert_eq!(covid["title"], "Response to Covid-19");
    assert_eq!(covid["file"], "book/src/covid.md");
    assert_eq!(covid["line"], 1);
    assert_eq!(covid["budget"], serde_json::Value::Null);
}

#[test]
fn introduction_counts_under_other() {
    let repo = Repo::passing()
        .file(
            "book/src/intro.md",
            "# Introduction\n\nThis statement is ours.\n",
        )
        .edit(
            "book/src/SUMMARY.md",
            "# Summary\n\n",
            "# Summary\n\n[Introduction](intro.md)\n\n",
        );
    let json = count_json(&repo);
    let other = json["other"].as_array().unwrap();
    assert_eq!(other.len(), 1);
    assert_eq!(other[0]["title"], "Introduction");
    assert_eq!(other[0]["words"], 5);
    assert_eq!(other[0]["file"], "book/src/intro.md");
}

#[test]
fn human_table_shows_budget_and_share() {
    let repo = Repo::passing().edit(
        "partnership.toml",
        "submission = 2026-03-20\n",
        "submission = 2026-03-20\n[statement.budgets]\ncovid = 10\n",
    );
    let out = repo.run(&["count"]).expect_code(0).stdout();
    let covid = out
        .lines()
        .find(|l| l.starts_with("Response to Covid-19"))
        .expect(&out);
    assert!(covid.contains("(over by"), "{covid}");
    assert!(covid.contains('%'), "{covid}");
    assert!(out.contains("words left of 5,000"), "{out}");
}

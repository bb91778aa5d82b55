//! The section rules: each with a case that must be found and a look-alike
//! that must not.

use crate::support::*;

#[test]
fn passing_statement_has_no_errors() {
    let repo = Repo::passing();
    let run = repo.run(&["check"]).expect_code(0);
    assert!(
        run.stdout().contains("0 errors") || run.stdout().contains("no problems"),
        "{}",
        run.stdout()
    );
    for rule in SECTION_RULES {
        assert!(
            repo.findings(rule).is_empty(),
            "{rule} found on the passing statement"
        );
    }
}

#[test]
fn word_limit_over_and_at_the_limit() {
    // 60 words of context plus the rest: set the limit just under and at the total.
    let repo = Repo::passing();
    let total = repo.check_json()["summary"]["words"].as_u64().unwrap();
    let at = Repo::passing().edit(
        "partnership.toml",
        "submission",
        &format!("submission = 2026-03-20\n[statement]\nword_limit = {total}\n#"),
    );
    assert!(
        at.findings("word-limit").is_empty(),
        "exactly at the limit is fine"
    );
    let over = Repo::passing().edit(
        "partnership.toml",
        "submission",
        &format!(
            "submission = 2026-03-20\n[statement]\nword_limit = {}\n#",
            total - 1
        ),
    );
    let f = over.findings("word-limit");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["severity"], "error");
    assert_eq!(f[0]["file"], "book/src/SUMMARY.md");
    assert_eq!(f[0]["line"], 1);
    assert!(
        f[0]["message"]
            .as_str()
            .unwrap()
            .contains("1 over the limit"),
        "{}",
        f[0]
    );
    over.run(&["check"]).expect_code(1);
}

#[test]
fn section_budget() {
    let budget = |n: u32| {
        Repo::passing().edit(
            "partnership.toml",
            "submission = 2026-03-20\n",
            &format!("submission = 2026-03-20\n[statement.budgets]\ncovid = {n}\n"),
        )
    };
    // The covid chapter has 24 words, heading included.
    let over = budget(10);
    let f = over.findings("section-budget");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0]["severity"], "warning");
    assert_eq!(f[0]["section"], "covid");
    assert_eq!(f[0]["file"], "book/src/covid.md");
    assert_eq!(f[0]["line"], 1);
    assert!(budget(200).findings("section-budget").is_empty());
}

#[test]
fn missing_section_with_and_without_near_miss() {
    let repo = Repo::passing().edit(
        "book/src/data.md",
        "# What your data is telling you",
        "# What our data is telling us",
    );
    let f = repo.findings("missing-section");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["section"], "data");
    assert_eq!(f[0]["file"], "book/src/data.md", "points at the near miss");
    assert!(
        f[0]["message"]
            .as_str()
            .unwrap()
            .contains("What our data is telling us")
    );

    let repo = Repo::passing().edit(
        "book/src/covid.md",
        "# Response to Covid-19",
        "# Local housing",
    );
    let f = repo.findings("missing-section");
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0]["file"], "book/src/SUMMARY.md",
        "no near miss: SUMMARY.md line 1"
    );
    assert_eq!(f[0]["line"], 1);

    // Look-alikes that match: numbering, case, curly quotes, a qualifier.
    let repo = Repo::passing()
        .edit(
            "book/src/context.md",
            "# Context of children's services",
            "# 1. Context of Children’s Services: Loch Ard",
        )
        .edit(
            "book/src/covid.md",
            "# Response to Covid-19",
            "# Section 2: RESPONSE TO COVID 19",
        );
    assert!(repo.findings("missing-section").is_empty());
}

#[test]
fn combined_achievements_and_improvement() {
    let combined = "# 3–5 key achievements and areas for improvement\n\n## Bairns' Hoose\n\nOne.\n\n## Safe and Together\n\nTwo.\n\n## Youth forum\n\nThree.\n\n## Areas for improvement\n\nChronologies. Our capacity for improvement is good.\n";
    let repo = Repo::passing()
        .remove("book/src/improvement.md")
        .edit(
            "book/src/SUMMARY.md",
            "- [Areas for improvement](improvement.md)\n",
            "",
        )
        .file("book/src/achievements.md", combined);
    assert!(repo.findings("missing-section").is_empty());
    assert!(
        repo.findings("achievement-count").is_empty(),
        "3 before the improvement part"
    );
    assert!(repo.findings("capacity-for-improvement").is_empty());
    let count: serde_json::Value =
        serde_json::from_str(&repo.run(&["count", "--format", "json"]).stdout()).unwrap();
    let keys: Vec<_> = count["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(keys.last().unwrap(), "achievements");
    assert!(
        !keys.contains(&"improvement".to_owned()),
        "one entry for the combined section"
    );
}

#[test]
fn duplicate_section_points_at_the_second() {
    let repo = Repo::passing().edit(
        "book/src/qa.md",
        "A multi-agency",
        "# Response to COVID-19\n\nMore.\n\nA multi-agency",
    );
    let f = repo.findings("duplicate-section");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["file"], "book/src/qa.md");
    assert_eq!(f[0]["line"], 3);
    // A sub-heading mentioning Covid is not a duplicate.
    let repo = Repo::passing().edit(
        "book/src/qa.md",
        "A multi-agency",
        "## Audits since Covid-19\n\nA multi-agency",
    );
    assert!(repo.findings("duplicate-section").is_empty());
}

#[test]
fn empty_section_ignores_comments_but_not_words() {
    let repo = Repo::passing().file(
        "book/src/covid.md",
        "# Response to Covid-19\n\n<!-- Guidance: the impact of COVID-19 -->\n",
    );
    let f = repo.findings("empty-section");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["section"], "covid");
    let repo = Repo::passing().file(
        "book/src/covid.md",
        "# Response to Covid-19\n\n<!-- note -->\nNot applicable [E1].\n",
    );
    assert!(repo.findings("empty-section").is_empty());
}

#[test]
fn section_order_accepts_both_guidance_orders() {
    let reordered = |order: &[(&str, &str)]| Repo::passing().chapters(order);
    let contents_notes_order = reordered(&[
        ("context.md", CONTEXT),
        ("covid.md", COVID),
        ("data.md", DATA),
        ("involvement.md", INVOLVEMENT),
        ("leadership.md", LEADERSHIP),
        ("qa.md", QA),
        ("achievements.md", ACHIEVEMENTS),
        ("improvement.md", IMPROVEMENT),
    ]);
    assert!(contents_notes_order.findings("section-order").is_empty());
    let wrong = reordered(&[
        ("context.md", CONTEXT),
        ("data.md", DATA),
        ("covid.md", COVID),
        ("involvement.md", INVOLVEMENT),
        ("qa.md", QA),
        ("leadership.md", LEADERSHIP),
        ("achievements.md", ACHIEVEMENTS),
        ("improvement.md", IMPROVEMENT),
    ]);
    let f = wrong.findings("section-order");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["file"], "book/src/SUMMARY.md");
    assert!(
        f[0]["message"]
            .as_str()
            .unwrap()
            .contains("context, data, covid")
    );
}

#[test]
fn achievement_count_subheadings_then_list_items() {
    let two = "# Key achievements\n\n## One\n\nText.\n\n## Two\n\nText.\n";
    let f = Repo::passing()
        .file("book/src/achievements.md", two)
        .findings("achievement-count");
    assert_eq!(f.len(), 1);
    assert!(f[0]["message"].as_str().unwrap().contains("2 achievements"));

    // Six top-level list items, nested items not counted.
    let six = "# Key achievements\n\n- a\n- b\n  - b1\n  - b2\n- c\n- d\n- e\n- f\n";
    let f = Repo::passing()
        .file("book/src/achievements.md", six)
        .findings("achievement-count");
    assert_eq!(f.len(), 1);
    assert!(
        f[0]["message"].as_str().unwrap().contains("6 achievements"),
        "{}",
        f[0]
    );

    let four_items = "# Key achievements\n\n- a\n- b\n  - b1\n  - b2\n  - b3\n- c\n- d\n";
    assert!(
        Repo::passing()
            .file("book/src/achievements.md", four_items)
            .findings("achievement-count")
            .is_empty()
    );

    // Sub-headings of the highest level used: ### under ## are not counted.
    let nested = "# Key achievements\n\n## One\n### detail\n### detail\n## Two\n## Three\n";
    assert!(
        Repo::passing()
            .file("book/src/achievements.md", nested)
            .findings("achievement-count")
            .is_empty()
    );
}

#[test]
fn achievement_count_under_a_key_achievements_subheading_of_a_combined_section() {
    // The guidance's combined heading, then its two parts as sub-headings:
    // the achievements are the items under "Key achievements".
    let combined = |items: &str| {
        format!(
            "# 3-5 key achievements and areas for improvement\n\n## Key achievements\n\n{items}\n## Areas for improvement\n\nOur capacity for improvement is good [E1].\n\n- Chronologies\n- Neglect\n"
        )
    };
    let repo = Repo::passing_combined;
    let three = repo(&combined(
        "- Earlier help [E1]\n- Better chronologies\n- A Bairns' Hoose\n",
    ));
    assert!(three.findings("missing-section").is_empty());
    assert!(three.findings("achievement-count").is_empty());
    let subheadings = repo(&combined(
        "### Earlier help\n\nText [E1].\n\n### Chronologies\n\nText.\n\n### Bairns' Hoose\n\nText.\n",
    ));
    assert!(subheadings.findings("achievement-count").is_empty());
    let two = repo(&combined("- Earlier help [E1]\n- Better chronologies\n"));
    let f = two.findings("achievement-count");
    assert_eq!(f.len(), 1);
    assert!(f[0]["message"].as_str().unwrap().contains("2 achievements"));
}

#[test]
fn capacity_for_improvement_phrase_or_qi_10() {
    let none = "# Areas for improvement\n\nWe will improve chronologies [E1].\n";
    let f = Repo::passing()
        .file("book/src/improvement.md", none)
        .findings("capacity-for-improvement");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["section"], "improvement");
    for ok in [
        "# Areas for improvement\n\nOur capacity to improve is strong [E1].\n",
        "# Areas for improvement\n\nAs QI 10.1 asks, we evaluated ourselves [E1].\n",
        "# Areas for improvement\n\n## Capacity for Improvement\n\nStrong [E1].\n",
    ] {
        assert!(
            Repo::passing()
                .file("book/src/improvement.md", ok)
                .findings("capacity-for-improvement")
                .is_empty(),
            "{ok}"
        );
    }
    // The phrase elsewhere in the statement does not count.
    let elsewhere = Repo::passing().file("book/src/improvement.md", none).edit(
        "book/src/qa.md",
        "A multi-agency",
        "Our capacity for improvement is good. A multi-agency",
    );
    assert_eq!(elsewhere.findings("capacity-for-improvement").len(), 1);
}

#[test]
fn severity_overrides_and_inline_allow() {
    let none = "# Areas for improvement\n\nWe will improve chronologies [E1].\n";
    let off = Repo::passing().file("book/src/improvement.md", none).edit(
        "partnership.toml",
        "submission = 2026-03-20\n",
        "submission = 2026-03-20\n[rules]\ncapacity-for-improvement = \"off\"\n",
    );
    assert!(off.findings("capacity-for-improvement").is_empty());

    let error = Repo::passing().file("book/src/improvement.md", none).edit(
        "partnership.toml",
        "submission = 2026-03-20\n",
        "submission = 2026-03-20\n[rules]\ncapacity-for-improvement = \"error\"\n",
    );
    assert_eq!(
        error.findings("capacity-for-improvement")[0]["severity"],
        "error"
    );
    error.run(&["check"]).expect_code(1);

    let allowed = Repo::passing().file(
        "book/src/improvement.md",
        "<!-- psdoc-allow capacity-for-improvement -->\n\n# Areas for improvement\n\nWe will improve chronologies [E1].\n",
    );
    assert!(allowed.findings("capacity-for-improvement").is_empty());
    // The comment covers only the next block.
    let later = Repo::passing().file(
        "book/src/improvement.md",
        "# Areas for improvement\n\n<!-- psdoc-allow capacity-for-improvement -->\nWe will improve chronologies [E1].\n",
    );
    assert_eq!(later.findings("capacity-for-improvement").len(), 1);
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let repo = Repo::passing().file(
        "book/src/achievements.md",
        "# Key achievements\n\n- a\n- b\n",
    );
    repo.run(&["check"]).expect_code(0);
    repo.run(&["check", "--deny", "warnings"]).expect_code(1);
}

//! Guidance profiles: the built-in ones, `partnership.toml`'s adjustments,
//! and a partnership's own profile driving `check`, `count`, `init`, the
//! book and `diff`; every kind of bad profile is a one-line error (exit 2).

use crate::support::*;

/// A passing statement without its Covid-19 chapter.
fn without_covid() -> Repo {
    let chapters: Vec<_> = all_chapters()
        .into_iter()
        .filter(|(file, _)| *file != "covid.md")
        .collect();
    Repo::passing()
        .remove("book/src/covid.md")
        .chapters(&chapters)
}

fn with_config(repo: Repo, toml: &str) -> Repo {
    repo.edit(
        "partnership.toml",
        "submission = 2026-03-20\n",
        &format!("submission = 2026-03-20\n{toml}"),
    )
}

#[test]
fn a_statement_without_covid_fails_the_default_and_passes_when_covid_is_optional() {
    let repo = without_covid();
    let missing = repo.findings("missing-section");
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert_eq!(missing[0]["section"], "covid");
    repo.run(&["check"]).expect_code(1);

    let optional = with_config(
        without_covid(),
        "[guidance.sections.covid]\nrequired = false\n",
    );
    optional.run(&["check"]).expect_code(0);
    assert!(optional.findings("missing-section").is_empty());
    // The adjustment is named wherever the profile is.
    let shown = optional.run(&["guidance"]).expect_code(0).stdout();
    assert!(shown.contains("adjusted in partnership.toml"), "{shown}");
    assert!(shown.contains("covid optional"), "{shown}");
}

#[test]
fn the_six_areas_profile_has_no_covid_section() {
    let repo = with_config(
        without_covid(),
        "[guidance]\nprofile = \"children-at-risk-six-areas\"\n",
    );
    repo.run(&["check"]).expect_code(0);
    let count: serde_json::Value =
        serde_json::from_str(&repo.run(&["count", "--format", "json"]).stdout()).unwrap();
    let keys: Vec<&str> = count["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert!(!keys.contains(&"covid"), "{keys:?}");
    // A Covid-19 chapter under this profile is text outside the sections.
    let with = with_config(
        Repo::passing(),
        "[guidance]\nprofile = \"children-at-risk-six-areas\"\n",
    );
    let count = with.run(&["count"]).expect_code(0).stdout();
    assert!(count.contains("(other) Response to Covid-19"), "{count}");
    let explain = with.run(&["explain", "missing-section"]).stdout();
    assert!(
        explain.contains("children-at-risk-six-areas (built in)"),
        "{explain}"
    );
}

/// A partnership's own profile: other headings, a word limit of 1,000, an
/// extra section and indicator and core document, four focus indicators.
const CUSTOM: &str = r#"
[profile]
name = "supervision-orders-2025"
title = "Children on compulsory supervision orders: position statement"
word_limit = 1000

[[section]]
key = "context"
heading = "Our context"
cites_evidence = false
prompt = "Describe the area briefly."

[[section]]
key = "outcomes"
heading = "Outcomes for children on supervision orders"
label = "Outcomes"
column = "Outc"
prompt = "What difference the orders make."

[[section]]
key = "voice"
heading = "The voice of the child"
variants = ["Children's views"]

[[section]]
key = "local-priorities"
heading = "Local priorities"
budget = 50

[framework]
name = "A framework of five indicators"
focus = ["2.1", "5.3", "5.4", "9.2"]
indicators = [
  { number = "2.1", title = "Impact on children and young people" },
  { number = "5.3", title = "Care planning, managing risk and effective intervention" },
  { number = "5.4", title = "Involving individual children, young people and families" },
  { number = "9.2", title = "Leadership of strategy and direction" },
  { number = "11.1", title = "Permanence for children" },
]

[[core_document]]
item = 1
title = "Children's services plan"

[[core_document]]
item = 2
title = "Supervision order audit"
"#;

const CUSTOM_CHAPTERS: [(&str, &str); 4] = [
    (
        "context.md",
        "# Our context\n\nLoch Ard has around 17,500 children.\n",
    ),
    (
        "outcomes.md",
        "# Outcomes for children on supervision orders\n\nFewer orders end in a breakdown of placement [E1], as QI 5.3 and QI 11.1 ask.\n",
    ),
    (
        "voice.md",
        "# Children's views\n\nChildren attend their hearings with an advocate [E1] (QI 5.4).\n",
    ),
    (
        "local.md",
        "# Local priorities\n\nPermanence planning is our priority [E2].\n",
    ),
];

const CUSTOM_LOG: &str = "[[document]]\nid = 1\ntitle = \"Children's services plan\"\nurl = \"https://example.org/csp.pdf\"\ndate = 2025-12-01\ncore = 1\n\n[[document]]\nid = 2\ntitle = \"Supervision order audit\"\nurl = \"https://example.org/audit.pdf\"\ndate = 2025-12-01\ncore = 2\n";

fn custom() -> Repo {
    Repo::empty()
        .file(
            "partnership.toml",
            &format!("{PARTNERSHIP}[guidance]\nfile = \"guidance.toml\"\n"),
        )
        .file("guidance.toml", CUSTOM)
        .file("book/book.toml", "[book]\ntitle = \"Test\"\n")
        .file("evidence/log.toml", CUSTOM_LOG)
        .chapters(&CUSTOM_CHAPTERS)
}

#[test]
fn a_custom_profile_drives_check_and_count() {
    let repo = custom();
    let json = repo.check_json();
    assert_eq!(json["summary"]["errors"], 0, "{json}");
    assert_eq!(json["summary"]["word_limit"], 1000);
    // Its focus indicators and no others, QI 11.1 known to it.
    let coverage = json["summary"]["qi_coverage"].as_object().unwrap();
    let focus: Vec<&String> = coverage.keys().collect();
    assert_eq!(focus, ["2.1", "5.3", "5.4", "9.2"]);
    assert_eq!(coverage["5.3"], serde_json::json!(["outcomes"]));
    assert_eq!(coverage["5.4"], serde_json::json!(["voice"]));
    assert!(repo.findings("unknown-quality-indicator").is_empty());
    // A variant heading opens its section; the extra section has its budget.
    let count: serde_json::Value =
        serde_json::from_str(&repo.run(&["count", "--format", "json"]).stdout()).unwrap();
    assert_eq!(count["limit"], 1000);
    let sections = count["sections"].as_array().unwrap();
    let keys: Vec<&str> = sections
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["context", "outcomes", "voice", "local-priorities"]);
    assert_eq!(sections[3]["budget"], 50);

    // Without the extra section: missing, with its own heading; QI 6.4 is
    // not in this framework.
    let short =
        custom()
            .chapters(&CUSTOM_CHAPTERS[..3])
            .edit("book/src/outcomes.md", "QI 5.3", "QI 6.4");
    let missing = short.findings("missing-section");
    assert_eq!(missing.len(), 1);
    assert!(
        missing[0]["message"]
            .as_str()
            .unwrap()
            .contains("\"Local priorities\""),
        "{missing:?}"
    );
    assert_eq!(short.findings("unknown-quality-indicator").len(), 1);
    // The default guidance's headings mean nothing here.
    let old = custom().chapters(&all_chapters());
    assert_eq!(old.findings("missing-section").len(), 4);
}

#[test]
fn a_custom_profile_adds_a_core_document_that_the_log_may_name() {
    let repo = custom().file(
        "evidence/log.toml",
        &CUSTOM_LOG.replace("core = 2\n", "core = 3\n"),
    );
    // Item 3 does not exist in this profile: the log is refused, with the range.
    let run = repo.run(&["check"]).expect_code(2);
    assert!(run.stderr().contains("from 1 to 2"), "{}", run.stderr());
    // Without an entry for item 2, it is missing, by its own title.
    let repo = custom().file("evidence/log.toml", &CUSTOM_LOG.replace("core = 2\n", ""));
    let missing = repo.findings("missing-core-document");
    assert_eq!(missing.len(), 1);
    assert!(
        missing[0]["message"]
            .as_str()
            .unwrap()
            .contains("Supervision order audit"),
        "{missing:?}"
    );
}

#[test]
fn init_follows_a_custom_profile_and_copies_it_in() {
    let src = tempfile::tempdir().unwrap();
    let profile = src.path().join("mine.toml");
    std::fs::write(&profile, CUSTOM).unwrap();
    let target = Repo::empty();
    let run = target
        .run(&["init", "new", "--profile", profile.to_str().unwrap()])
        .expect_code(0);
    assert!(
        run.stdout().contains("created  guidance.toml"),
        "{}",
        run.stdout()
    );
    let root = target.path().join("new");
    let summary = std::fs::read_to_string(root.join("book/src/SUMMARY.md")).unwrap();
    assert!(
        summary.contains("- [Outcomes for children on supervision orders](outcomes.md)"),
        "{summary}"
    );
    let outcomes = std::fs::read_to_string(root.join("book/src/outcomes.md")).unwrap();
    assert!(
        outcomes.contains("What difference the orders make."),
        "{outcomes}"
    );
    let config = std::fs::read_to_string(root.join("partnership.toml")).unwrap();
    assert!(config.contains("file = \"guidance.toml\""), "{config}");
    assert!(config.contains("word_limit = 1000"), "{config}");
    // The new statement is checked against it: four empty sections, once each.
    let check = target.run_in(&root, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&check.stdout()).unwrap();
    let empty: Vec<_> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "empty-section")
        .collect();
    assert_eq!(empty.len(), 4, "{json}");
    // A built-in name, and a name that is neither.
    let six = target
        .run(&["init", "six", "--profile", "children-at-risk-six-areas"])
        .expect_code(0);
    assert!(!six.stdout().contains("covid.md"), "{}", six.stdout());
    let bad = target
        .run(&["init", "bad", "--profile", "nonsense"])
        .expect_code(2);
    assert!(
        bad.stderr().contains("children-at-risk-2021"),
        "{}",
        bad.stderr()
    );
    assert!(!target.path().join("bad").exists());
}

#[test]
fn the_book_follows_a_custom_profile() {
    let repo = custom();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    repo.run(&["build", "-o", site.to_str().unwrap()])
        .expect_code(0);
    let outcomes = std::fs::read_to_string(site.join("outcomes.html")).unwrap();
    // The profile's own indicator, titled on hover as its framework names it.
    assert!(
        outcomes.contains("QI 11.1: Permanence for children"),
        "the book does not title QI 11.1 from the profile"
    );
    let log = std::fs::read_to_string(site.join("document-log.html")).unwrap();
    assert!(log.contains("Supervision order audit"), "{log}");
}

#[test]
fn diff_matches_sections_by_key_when_the_profile_changes() {
    let repo = custom();
    let first = repo.commit_at("2025 statement", 1_741_910_400);
    repo.tag("v2025", first);
    // The next year's letter renames a heading and drops local priorities.
    let next = CUSTOM
        .replace("heading = \"The voice of the child\"", "heading = \"Children's voice\"")
        .replace(
            "[[section]]\nkey = \"local-priorities\"\nheading = \"Local priorities\"\nbudget = 50\n",
            "",
        );
    let repo = repo
        .file("guidance.toml", &next)
        .chapters(&CUSTOM_CHAPTERS[..3])
        .edit(
            "book/src/voice.md",
            "# Children's views",
            "# Children's voice",
        );
    let second = repo.commit_at("2026 statement", 1_773_446_400);
    repo.tag("v2026", second);
    let diff: serde_json::Value = serde_json::from_str(
        &repo
            .run(&["diff", "v2025", "v2026", "--format", "json"])
            .expect_code(0)
            .stdout(),
    )
    .unwrap();
    let status = |key: &str| json_section(&diff, key)["status"].clone();
    assert_eq!(status("voice"), "changed");
    assert_eq!(status("outcomes"), "unchanged");
    assert_eq!(status("local-priorities"), "removed");
    let history = repo.run(&["history"]).expect_code(0).stdout();
    assert!(history.contains("Outc"), "{history}");
}

#[test]
fn guidance_shows_the_profile_and_writes_a_file_that_reads_back() {
    let repo = custom();
    let human = repo.run(&["guidance"]).expect_code(0).stdout();
    assert!(
        human.contains("supervision-orders-2025 (from guidance.toml)"),
        "{human}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&repo.run(&["guidance", "--format", "json"]).stdout()).unwrap();
    assert_eq!(json["word_limit"], 1000);
    assert_eq!(json["sections"][3]["key"], "local-priorities");
    let toml = repo
        .run(&["guidance", "--format", "toml"])
        .expect_code(0)
        .stdout();
    let again = repo.file("guidance.toml", &toml);
    again.run(&["check"]).expect_code(0);
    let listed = again.run(&["guidance", "--list"]).expect_code(0).stdout();
    assert!(listed.contains("children-at-risk-six-areas"), "{listed}");
}

/// Each kind of bad profile or setting: one line naming the file, line and
/// what to change, exit 2.
#[test]
fn bad_profiles_are_one_line_errors() {
    let cases: [(&str, &str, &str, &str); 9] = [
        (
            "[guidance]\nprofile = \"children-at-risk-2019\"\n",
            "",
            "partnership.toml:5:",
            "not a built-in profile",
        ),
        (
            "[guidance]\nprofile = \"children-at-risk-2021\"\nfile = \"guidance.toml\"\n",
            "",
            "partnership.toml:6:",
            "keep one",
        ),
        (
            "[guidance]\nfile = \"missing.toml\"\n",
            "",
            "partnership.toml:5:",
            "does not exist",
        ),
        (
            "[guidance.sections.nosuch]\nrequired = false\n",
            "",
            "partnership.toml:4:",
            "has no section \"nosuch\"",
        ),
        (
            "[guidance]\nfocus = [\"6.7\"]\n",
            "",
            "partnership.toml:5:",
            "\"6.7\" is not a quality indicator",
        ),
        (
            "[guidance]\nfile = \"guidance.toml\"\n",
            "[profile]\nname = \"x\"\nword_limit = 5000\nwordlimit = 3\n",
            "guidance.toml:4:",
            "wordlimit",
        ),
        (
            "[guidance]\nfile = \"guidance.toml\"\n",
            "[profile]\nname = \"x\"\nword_limit = 5000\n[[section]]\nkey = \"a\"\nheading = \"\"\n[framework]\nname = \"f\"\nindicators = [{ number = \"1.1\", title = \"t\" }]\n",
            "guidance.toml:6:",
            "empty heading",
        ),
        (
            "[guidance]\nfile = \"guidance.toml\"\n",
            "[profile]\nname = \"x\"\nword_limit = 5000\n[[section]]\nkey = \"a\"\nheading = \"A\"\n[order]\naccepted = [[\"a\", \"b\"]]\n[framework]\nname = \"f\"\nindicators = [{ number = \"1.1\", title = \"t\" }]\n",
            "guidance.toml:8:",
            "does not define",
        ),
        (
            "[guidance]\nfile = \"guidance.toml\"\n",
            "[profile]\nname = \"x\"\nword_limit = 5000\n[[section]]\nkey = \"a\"\nheading = \"A\"\n[framework]\nname = \"f\"\nfocus = [\"2.2\"]\nindicators = [{ number = \"1.1\", title = \"t\" }]\n",
            "guidance.toml:9:",
            "not in `framework.indicators`",
        ),
    ];
    for (config, profile, place, says) in cases {
        let mut repo = with_config(Repo::passing(), config);
        if !profile.is_empty() {
            repo = repo.file("guidance.toml", profile);
        }
        let run = repo.run(&["check"]).expect_code(2);
        let err = run.stderr();
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains(place), "{place} not in {err}");
        assert!(err.contains(says), "{says:?} not in {err}");
    }
}

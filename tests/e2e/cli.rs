//! Commands around the checks: root discovery, init, rules, explain.

use crate::support::*;

#[test]
fn outside_a_statement_suggests_init() {
    let dir = Repo::empty();
    let run = dir.run(&["check"]).expect_code(2);
    assert!(run.stderr().contains("psdoc init"), "{}", run.stderr());
    let run = dir.run(&["count"]).expect_code(2);
    assert!(
        run.stderr().contains("partnership.toml"),
        "{}",
        run.stderr()
    );
}

#[test]
fn root_is_found_from_a_subfolder_and_by_flag() {
    let repo = Repo::passing();
    repo.run_in(&repo.path().join("book/src"), &["check"])
        .expect_code(0);
    let elsewhere = Repo::empty();
    let root = repo.path().to_str().unwrap();
    elsewhere.run(&["check", "--root", root]).expect_code(0);
    elsewhere.run(&["--root", root, "count"]).expect_code(0);
    elsewhere
        .run(&["check", "--root", elsewhere.path().to_str().unwrap()])
        .expect_code(2);
}

#[test]
fn init_scaffolds_and_never_overwrites() {
    let dir = Repo::empty().file(
        "mine/book/src/context.md",
        "# Context of children's services\n\nMy own words.\n",
    );
    let run = dir
        .run(&[
            "init",
            "mine",
            "--name",
            "Loch Ard Community Planning Partnership",
        ])
        .expect_code(0);
    assert!(
        run.stdout().contains("kept     book/src/context.md"),
        "{}",
        run.stdout()
    );
    assert_eq!(
        dir.read("mine/book/src/context.md"),
        "# Context of children's services\n\nMy own words.\n"
    );
    assert!(
        dir.read("mine/partnership.toml")
            .contains("Loch Ard Community Planning Partnership")
    );
    assert!(
        dir.read("mine/evidence/log.toml")
            .contains("13. Local poverty action plan")
    );
    assert!(dir.read("mine/.gitignore").contains("book/book"));
    // The new statement parses: sections empty (prompts are comments), nothing missing.
    let json: serde_json::Value = serde_json::from_str(
        &dir.run_in(&dir.path().join("mine"), &["check", "--format", "json"])
            .expect_code(1)
            .stdout(),
    )
    .unwrap();
    let rules: Vec<_> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.contains(&"missing-section"), "{rules:?}");
    assert_eq!(
        rules.iter().filter(|r| **r == "empty-section").count(),
        7,
        "{rules:?}"
    );
    // A second init changes nothing.
    let before = dir.read("mine/partnership.toml");
    dir.run(&["init", "mine"]).expect_code(0);
    assert_eq!(dir.read("mine/partnership.toml"), before);
}

#[test]
fn rules_and_explain() {
    let repo = Repo::empty();
    let rules = repo.run(&["rules"]).expect_code(0).stdout();
    for name in SECTION_RULES {
        assert!(
            rules.lines().any(|l| l.starts_with(name)),
            "{name} in {rules}"
        );
    }
    let explain = repo
        .run(&["explain", "achievement-count"])
        .expect_code(0)
        .stdout();
    for part in [
        "What it finds",
        "Why the guidance cares",
        "Example",
        "How to fix it",
        "three to five key achievements",
    ] {
        assert!(explain.contains(part), "{part}: {explain}");
    }
    let run = repo.run(&["explain", "word-limt"]).expect_code(2);
    assert!(
        run.stderr().contains("did you mean `word-limit`"),
        "{}",
        run.stderr()
    );
}

#[test]
fn human_output_has_snippet_and_help() {
    let repo = Repo::passing().file(
        "book/src/improvement.md",
        "# Areas for improvement\n\nWe will improve chronologies [E1].\n",
    );
    let out = repo.run(&["check"]).expect_code(0).stdout();
    assert!(out.contains("warning[capacity-for-improvement]"), "{out}");
    assert!(out.contains("--> book/src/improvement.md:1:1"), "{out}");
    assert!(out.contains("1 | # Areas for improvement"), "{out}");
    assert!(out.contains("help: add a paragraph"), "{out}");
    assert!(!out.contains('\u{1b}'), "NO_COLOR: no escape codes");
}

#[test]
fn color_always_colours() {
    let repo = Repo::passing().file(
        "book/src/improvement.md",
        "# Areas for improvement\n\nWe will improve chronologies [E1].\n",
    );
    let out = repo.run(&["check", "--color", "always"]).stdout();
    assert!(out.contains('\u{1b}'), "{out}");
}

#[test]
fn a_fresh_statement_lists_each_problem_once_in_book_order() {
    let repo = Repo::empty();
    repo.run(&["init", "new"]).expect_code(0);
    let root = repo.path().join("new");
    let run = repo.run_in(&root, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let rules: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    // Eight empty sections, once each (not also "no achievements", "no
    // evidence", "no capacity"), then the thirteen core documents: nothing
    // in the files init writes is taken for personal information.
    assert_eq!(
        rules,
        [vec!["empty-section"; 8], vec!["missing-core-document"; 13]].concat(),
        "{json}"
    );
    // Chapters as SUMMARY.md orders them, Appendix 2 items by number.
    let files: Vec<&str> = diagnostics[..8]
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files[..3],
        [
            "book/src/context.md",
            "book/src/covid.md",
            "book/src/data.md"
        ]
    );
    let items: Vec<String> = diagnostics[8..]
        .iter()
        .map(|d| {
            d["message"].as_str().unwrap()["Appendix 2 item ".len()..]
                .split(' ')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(items, (1..=13).map(|i| i.to_string()).collect::<Vec<_>>());
}

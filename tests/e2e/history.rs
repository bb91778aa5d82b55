//! `psdoc diff`, `psdoc history` and `psdoc check --base` on git
//! repositories built with git2: yearly tags, a section moved to another
//! file and renumbered, a combined heading split in two, evidence added and
//! removed, and the errors a user meets.

use serde_json::{Value, json};

use crate::support::json_section as section;
use crate::support::*;

/// 14 March of `year`, 00:00 UTC, in seconds.
fn march_14(year: i32) -> i64 {
    match year {
        2023 => 1_678_752_000,
        2024 => 1_710_374_400,
        2025 => 1_741_910_400,
        2026 => 1_773_446_400,
        _ => panic!("add {year}"),
    }
}

/// Commits everything, dated 14 March of `year`.
fn commit(repo: &Repo, message: &str, year: i32) -> git2::Oid {
    repo.commit_at(message, march_14(year))
}

fn json_of(run: Run) -> Value {
    let run = run.expect_code(0);
    serde_json::from_str(&run.stdout()).expect("JSON")
}

/// The equations of a diff's JSON (docs/json.md#psdoc-diff---format-json):
/// for every section and the rest, after - before == inserted - deleted + moved_in - moved_out;
/// the statement's inserted and deleted words are the sums of the rows;
/// what moved in somewhere moved out elsewhere; the statement's moved words
/// count each moved paragraph once (a paragraph moved between sections is in
/// both sections' moved words).
fn assert_balanced(diff: &Value) {
    let n = |v: &Value, k: &str| v[k].as_i64().unwrap_or_else(|| panic!("{k} in {v}"));
    let mut sums = [0i64; 5];
    for s in diff["sections"]
        .as_array()
        .unwrap()
        .iter()
        .chain([&diff["other"]])
    {
        assert_eq!(
            n(s, "words_after") - n(s, "words_before"),
            n(s, "inserted_words") - n(s, "deleted_words") + n(s, "moved_in") - n(s, "moved_out"),
            "{s:#}"
        );
        assert!(
            n(s, "moved_words") >= n(s, "moved_in") + n(s, "moved_out"),
            "{s:#}"
        );
        for (sum, key) in sums.iter_mut().zip([
            "inserted_words",
            "deleted_words",
            "moved_in",
            "moved_out",
            "moved_words",
        ]) {
            *sum += n(s, key);
        }
    }
    let [inserted, deleted, moved_in, moved_out, moved] = sums;
    assert_eq!(
        (inserted, deleted),
        (n(diff, "inserted_words"), n(diff, "deleted_words")),
        "the statement's figures are the sums of the rows"
    );
    assert_eq!(moved_in, moved_out);
    assert_eq!(n(diff, "moved_words"), moved - moved_in);
    assert_eq!(
        n(diff, "total_after") - n(diff, "total_before"),
        n(diff, "inserted_words") - n(diff, "deleted_words")
    );
}

const LOG_V2024: &str = "[[document]]\nid = 1\ntitle = \"Data set report\"\nurl = \"https://example.org/a.pdf\"\ndate = 2025-12-01\n\n[[document]]\nid = 9\ntitle = \"Old plan\"\nurl = \"https://example.org/old.pdf\"\ndate = 2025-12-01\n";
const LOG_V2025: &str = "[[document]]\nid = 1\ntitle = \"Data set report\"\nurl = \"https://example.org/a.pdf\"\ndate = 2025-12-01\n\n[[document]]\nid = 2\ntitle = \"Audit\"\nurl = \"https://example.org/b.pdf\"\ndate = 2025-12-01\n";

/// Two yearly versions: v2024, then v2025 with edits, evidence added and
/// removed, a quality indicator added and a paragraph deleted.
fn yearly() -> Repo {
    let repo = Repo::passing().file("evidence/log.toml", LOG_V2024);
    let v2024 = commit(&repo, "Statement 2024", 2024);
    repo.tag("v2024", v2024);
    let repo = repo
        .file("evidence/log.toml", LOG_V2025)
        .edit("book/src/data.md", "rose by 12%", "rose by 15%")
        .edit("book/src/data.md", "fell [E1].", "fell [E1, E2].")
        .edit("book/src/data.md", "QI 6.4.", "QI 6.4. We also use QI 2.1.")
        .edit("book/src/covid.md", "register [E1].", "register.")
        .edit(
            "book/src/achievements.md",
            "\n\nWorkers keep children with the protective parent.",
            "",
        );
    let v2025 = commit(&repo, "Statement 2025", 2025);
    repo.tag("v2025", v2025);
    repo
}

fn unchanged(key: &str, title: &str, words: usize) -> Value {
    json!({"key": key, "title": title, "status": "unchanged", "words_before": words, "words_after": words,
           "inserted_words": 0, "deleted_words": 0, "moved_words": 0, "moved_in": 0, "moved_out": 0,
           "evidence_added": [], "evidence_removed": [], "qi_added": [], "qi_removed": []})
}

#[test]
fn diff_between_yearly_tags_is_exact_json() {
    let repo = yearly();
    let diff = json_of(repo.run(&["diff", "v2024", "v2025", "--format", "json"]));
    let expected = json!({
        "from": "v2024", "to": "v2025", "total_before": 191, "total_after": 189,
        "sections": [
            unchanged("context", "Context of children's services", 35),
            // "register [E1]." became "register.": 2 words out, 1 in.
            {"key": "covid", "title": "Response to Covid-19", "status": "changed",
             "words_before": 23, "words_after": 22, "inserted_words": 1, "deleted_words": 2, "moved_words": 0, "moved_in": 0, "moved_out": 0,
             "evidence_added": [], "evidence_removed": [1], "qi_added": [], "qi_removed": []},
            // "12%" -> "15%"; "[E1]." -> "[E1, E2]." (one word out, two in);
            // five words added: "We also use QI 2.1."
            {"key": "data", "title": "What your data is telling you", "status": "changed",
             "words_before": 28, "words_after": 34, "inserted_words": 8, "deleted_words": 2, "moved_words": 0, "moved_in": 0, "moved_out": 0,
             "evidence_added": [2], "evidence_removed": [], "qi_added": ["2.1"], "qi_removed": []},
            unchanged("involvement", "Children and young people's involvement and feedback", 24),
            unchanged("quality-assurance", "Quality assurance and evaluative activity", 19),
            unchanged("leadership", "Collaborative strategic and operational leadership", 17),
            {"key": "achievements", "title": "Key achievements", "status": "changed",
             "words_before": 27, "words_after": 20, "inserted_words": 0, "deleted_words": 7, "moved_words": 0, "moved_in": 0, "moved_out": 0,
             "evidence_added": [], "evidence_removed": [], "qi_added": [], "qi_removed": []},
            unchanged("improvement", "Areas for improvement", 18),
        ],
        "limit": 5000, "inserted_words": 9, "deleted_words": 11, "moved_words": 0,
        "other": {"words_before": 0, "words_after": 0, "inserted_words": 0, "deleted_words": 0, "moved_words": 0,
                  "moved_in": 0, "moved_out": 0},
        "documents_added": [2], "documents_removed": [9],
    });
    // Sections with their words as `psdoc count` gives them.
    assert_eq!(diff, expected, "{diff:#}");
    assert_balanced(&diff);
}

#[test]
fn diff_words_agree_with_count_at_each_tag() {
    let repo = yearly();
    let diff = json_of(repo.run(&["diff", "v2024", "--format", "json"]));
    assert_eq!(diff["to"], "WORKTREE");
    let count = json_of(repo.run(&["count", "--format", "json"]));
    assert_eq!(diff["total_after"], count["total"]);
    for s in count["sections"].as_array().unwrap() {
        assert_eq!(
            section(&diff, s["key"].as_str().unwrap())["words_after"],
            s["words"],
            "{s}"
        );
    }
}

#[test]
fn a_section_moved_to_another_file_and_renumbered_is_the_same_section() {
    let numbered = DATA.replace("# What your data", "# 3. What your data");
    let repo = Repo::passing().file("book/src/data.md", &numbered);
    let base = commit(&repo, "v1", 2024);
    repo.tag("v1", base);
    let part_two = format!(
        "{}\n{INVOLVEMENT}",
        DATA.replace("# What your data", "# 4. What your data")
    );
    let repo = repo
        .remove("book/src/data.md")
        .remove("book/src/involvement.md")
        .chapters(&[
            ("context.md", CONTEXT),
            ("covid.md", COVID),
            ("part-two.md", &part_two),
            ("qa.md", QA),
            ("leadership.md", LEADERSHIP),
            ("achievements.md", ACHIEVEMENTS),
            ("improvement.md", IMPROVEMENT),
        ]);
    let diff = json_of(repo.run(&["diff", "v1", "--format", "json"]));
    let data = section(&diff, "data");
    assert_eq!(
        (
            &data["status"],
            &data["inserted_words"],
            &data["deleted_words"],
            &data["moved_words"]
        ),
        (&json!("changed"), &json!(1), &json!(1), &json!(0)),
        "only the number changed: {data:#}"
    );
    assert_eq!(data["title"], "4. What your data is telling you");
    assert_eq!(section(&diff, "involvement")["status"], "unchanged");
    assert_eq!(diff["sections"].as_array().unwrap().len(), 8);
    let term = repo.run(&["diff", "v1"]).expect_code(0).stdout();
    assert!(
        term.contains("[-3.-]{+4.+} What your data is telling you"),
        "{term}"
    );
    assert!(
        !term.contains("Interagency referral discussions"),
        "unchanged text is not shown: {term}"
    );
}

#[test]
fn a_combined_heading_split_in_two_moves_the_improvement_text() {
    let combined = format!(
        "# Key achievements and areas for improvement\n\n{}\n## Areas for improvement\n\n{}",
        ACHIEVEMENTS.trim_start_matches("# Key achievements\n\n"),
        IMPROVEMENT.trim_start_matches("# Areas for improvement\n\n")
    );
    let repo = Repo::passing_combined(&combined);
    let id = commit(&repo, "combined", 2024);
    repo.tag("combined", id);
    let repo = repo.chapters(&all_chapters());
    let id = commit(&repo, "split", 2025);
    repo.tag("split", id);

    let diff = json_of(repo.run(&["diff", "combined", "split", "--format", "json"]));
    assert_eq!(
        section(&diff, "achievements"),
        &json!({"key": "achievements", "title": "Key achievements", "status": "changed",
                "words_before": 49, "words_after": 27, "inserted_words": 0, "deleted_words": 4, "moved_words": 18,
                "moved_in": 0, "moved_out": 18,
                "evidence_added": [], "evidence_removed": [], "qi_added": [], "qi_removed": ["10.1"]}),
        "\"and areas for improvement\" (4 words) deleted; the improvement heading and paragraph (18) moved out, QI 10 with them"
    );
    assert_eq!(
        section(&diff, "improvement"),
        &json!({"key": "improvement", "title": "Areas for improvement", "status": "added",
                "words_before": 0, "words_after": 18, "inserted_words": 0, "deleted_words": 0, "moved_words": 18,
                "moved_in": 18, "moved_out": 0,
                "evidence_added": [1], "evidence_removed": [], "qi_added": ["10.1"], "qi_removed": []})
    );
    // Statement-wide the move is only a move, and the rows add up to it.
    assert_eq!(
        (
            &diff["inserted_words"],
            &diff["deleted_words"],
            &diff["moved_words"]
        ),
        (&json!(0), &json!(4), &json!(18))
    );
    assert_balanced(&diff);
    let term = repo
        .run(&["diff", "combined", "split"])
        .expect_code(0)
        .stdout();
    assert!(term.contains("[moved to Areas for improvement]"), "{term}");
    assert!(term.contains("[moved from Key achievements]"), "{term}");
    let md = repo
        .run(&["diff", "combined", "split", "--format", "markdown"])
        .expect_code(0)
        .stdout();
    assert!(
        md.contains("**Moved from \u{201c}Key achievements\u{201d}:**"),
        "{md}"
    );
}

#[test]
fn a_chi_number_never_appears_in_any_diff_format() {
    let repo = Repo::passing().edit(
        "book/src/involvement.md",
        "their views shape our plans.",
        "their views shape our plans.\n\nOne form gave CHI 0101011237 in full by mistake.",
    );
    let id = commit(&repo, "v1", 2024);
    repo.tag("v1", id);
    let repo = repo
        .edit(
            "book/src/involvement.md",
            "\n\nOne form gave CHI 0101011237 in full by mistake.",
            "",
        )
        .edit(
            "book/src/data.md",
            "while re-registrations fell",
            "while re-registrations (CHI 1904851231) fell",
        )
        .edit(
            "book/src/qa.md",
            "information sharing [E1].",
            "information sharing [E1].\n\nThe audit named CHI 1904851231 once.",
        );
    for args in [
        vec!["diff", "v1"],
        vec!["diff", "v1", "--color", "always"],
        vec!["diff", "v1", "--format", "markdown"],
        vec!["diff", "v1", "--format", "html"],
        vec!["diff", "v1", "--format", "json"],
    ] {
        let out = repo.run(&args).expect_code(0).stdout();
        for chi in ["1904851231", "0101011237"] {
            assert!(!out.contains(chi), "{args:?} shows {chi}:\n{out}");
        }
        if !args.contains(&"json") {
            assert!(
                out.contains("19••••••31"),
                "{args:?} shows the inserted text, masked:\n{out}"
            );
            assert!(
                out.contains("01••••••37"),
                "{args:?} shows the deleted text, masked:\n{out}"
            );
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("diff.html");
    repo.run(&[
        "diff",
        "v1",
        "--format",
        "html",
        "-o",
        file.to_str().unwrap(),
    ])
    .expect_code(0);
    assert!(
        !std::fs::read_to_string(&file)
            .unwrap()
            .contains("1904851231")
    );
}

#[test]
fn html_is_one_self_contained_accessible_page() {
    let repo = yearly();
    let html = repo
        .run(&["diff", "v2024", "v2025", "--format", "html"])
        .expect_code(0)
        .stdout();
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"),
        "{html}"
    );
    for needle in [
        "<nav aria-labelledby=\"nav-h\">",
        "<a class=\"skip\" href=\"#main\">",
        "href=\"#s-data\"",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"",
        "role=\"img\"",
        "<title id=\"chart-t\">",
        "<ins>15%</ins>",
        "<del>12%</del>",
        "Deleted</span>",
        "[deletion start]",
        "<caption>",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    for outside in ["<script", "<link", " src=", "@import", "url(http"] {
        assert!(!html.contains(outside), "fetches something: {outside}");
    }
    let again = repo
        .run(&["diff", "v2024", "v2025", "--format", "html"])
        .expect_code(0)
        .stdout();
    assert_eq!(html, again, "byte-identical on every run");
}

#[test]
fn markdown_has_a_table_and_collapsible_diffs() {
    let repo = yearly();
    let md = repo
        .run(&["diff", "v2024", "v2025", "--format", "markdown"])
        .expect_code(0)
        .stdout();
    assert!(
        md.contains(
            "| Section | Status | Words | Change | Inserted | Deleted | Moved in | Moved out | Evidence | QIs |"
        ),
        "{md}"
    );
    assert!(md.contains("| What your data is telling you | changed | 28 \u{2192} 34 | +6 | 8 | 2 | 0 | 0 | +E2 | +2.1 |"), "{md}");
    assert!(md.contains("| Context of children's services | unchanged | 35 \u{2192} 35 | 0 | 0 | 0 | 0 | 0 | no change | no change |"), "{md}");
    assert!(
        md.contains("<details><summary><b>What your data is telling you</b>"),
        "{md}"
    );
    assert!(md.contains("<del>12%</del><ins>15%</ins>"), "{md}");
    assert!(
        md.contains("**Deleted:** <del>Workers keep children with the protective parent.</del>"),
        "{md}"
    );
    assert!(
        !md.contains("<details><summary><b>Context"),
        "unchanged sections have no diff: {md}"
    );
    assert!(md.chars().count() < 65_536);
}

#[test]
fn unknown_revision_is_one_line_exit_2() {
    let repo = yearly();
    let run = repo.run(&["diff", "v2019"]).expect_code(2);
    let err = run.stderr();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("unknown revision `v2019`"), "{err}");
    assert!(run.stdout().is_empty());
    let run = repo.run(&["diff", "v2024", "nope"]).expect_code(2);
    assert!(
        run.stderr().contains("unknown revision `nope`"),
        "{}",
        run.stderr()
    );
    let run = repo.run(&["check", "--base", "nope"]).expect_code(2);
    assert!(
        run.stderr().contains("unknown revision `nope`"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_revision_without_partnership_toml_is_one_line_exit_2() {
    let repo = Repo::empty().file("README.md", "Our statement will live here.\n");
    let first = commit(&repo, "start", 2023);
    repo.tag("start", first);
    let repo = repo
        .file("partnership.toml", PARTNERSHIP)
        .file("book/book.toml", "[book]\ntitle = \"Test\"\n")
        .file(
            "evidence/log.toml",
            "[[document]]\nid = 1\ntitle = \"Data set report\"\nurl = \"https://example.org/a.pdf\"\ndate = 2025-12-01\n",
        )
        .chapters(&[("data.md", DATA)]);
    commit(&repo, "statement", 2024);
    let run = repo.run(&["diff", "start"]).expect_code(2);
    let err = run.stderr();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("revision `start` has no partnership.toml"),
        "{err}"
    );
    // History skips it and says why.
    let history = json_of(repo.run(&["history", "HEAD", "--format", "json"]));
    assert_eq!(history["revisions"].as_array().unwrap().len(), 1);
    assert_eq!(history["skipped"][0]["revision"], "start");
    assert!(
        history["skipped"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("partnership.toml")
    );
}

#[test]
fn a_shallow_clone_lacking_the_base_says_to_fetch_everything() {
    let repo = yearly();
    // What `actions/checkout` leaves by default: only HEAD, marked shallow.
    let git = git2::Repository::open(repo.path()).unwrap();
    let head = git.head().unwrap().peel_to_commit().unwrap().id();
    git.tag_delete("v2024").unwrap();
    std::fs::write(repo.path().join(".git/shallow"), format!("{head}\n")).unwrap();
    for args in [
        vec!["diff", "v2024"],
        vec!["check", "--base", "v2024"],
        vec!["diff", "HEAD~1"],
    ] {
        let run = repo.run(&args).expect_code(2);
        let err = run.stderr();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("fetch-depth: 0"), "{args:?}: {err}");
    }
}

#[test]
fn diff_and_history_leave_the_working_tree_and_index_alone() {
    let repo = yearly().edit("book/src/data.md", "rose by 15%", "rose by 16%");
    let index = std::fs::read(repo.path().join(".git/index")).unwrap();
    let status = |repo: &Repo| {
        let git = git2::Repository::open(repo.path()).unwrap();
        let statuses = git.statuses(None).unwrap();
        statuses
            .iter()
            .map(|s| (s.path().unwrap().to_owned(), s.status().bits()))
            .collect::<Vec<_>>()
    };
    let before = status(&repo);
    repo.run(&["diff", "v2024", "v2025"]).expect_code(0);
    repo.run(&["diff", "v2024"]).expect_code(0);
    repo.run(&["history"]).expect_code(0);
    assert_eq!(
        std::fs::read(repo.path().join(".git/index")).unwrap(),
        index
    );
    assert_eq!(status(&repo), before);
    assert!(repo.read("book/src/data.md").contains("rose by 16%"));
    let diff = json_of(repo.run(&["diff", "v2025", "--format", "json"]));
    assert_eq!(
        section(&diff, "data")["inserted_words"],
        1,
        "the working tree is TO: {diff:#}"
    );
}

#[test]
fn history_lists_every_tag_in_date_order() {
    let repo = Repo::passing();
    let first = commit(&repo, "First statement", 2023);
    let repo = repo.edit("book/src/data.md", "over two years", "over two full years");
    let second = commit(&repo, "Second statement", 2024);
    let repo = repo
        .edit("book/src/qa.md", "[E1].", "[E1]. QI 2.1 guides our audits.")
        .edit("book/src/covid.md", "\n\nDuring the pandemic partners kept face-to-face visits for children on the child protection register [E1]. Recovery planning finished in 2023.", "");
    let third = commit(&repo, "Third statement", 2025);
    // Tag names sort differently from dates: the order must follow the dates.
    repo.tag("b-2023", first);
    repo.tag("a-2025", third);
    repo.tag("c-2024", second);
    let history = json_of(repo.run(&["history", "--format", "json"]));
    let revisions = history["revisions"].as_array().unwrap();
    let names: Vec<&str> = revisions
        .iter()
        .map(|r| r["revision"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["b-2023", "c-2024", "a-2025"]);
    assert_eq!(revisions[0]["date"], "2023-03-14");
    assert_eq!(revisions[0]["commit"], first.to_string());
    assert_eq!(revisions[0]["summary"], "First statement");
    assert_eq!(
        revisions[1]["sections"]["data"].as_u64().unwrap(),
        revisions[0]["sections"]["data"].as_u64().unwrap() + 1
    );
    assert_eq!(
        revisions[2]["sections"]["covid"], 3,
        "only the heading is left"
    );
    assert_eq!(revisions[0]["evidence"], json!({"logged": 1, "cited": 1}));
    assert!(
        !revisions[1]["qi_coverage"]["covered"]
            .as_array()
            .unwrap()
            .contains(&json!("2.1"))
    );
    assert!(
        revisions[2]["qi_coverage"]["covered"]
            .as_array()
            .unwrap()
            .contains(&json!("2.1"))
    );
    assert_eq!(revisions[2]["qi_coverage"]["focus"], 12);
    assert_eq!(
        json_of(repo.run(&["history", "--tags", "--format", "json"])),
        history
    );

    let term = repo.run(&["history"]).expect_code(0).stdout();
    let lines: Vec<&str> = term.lines().collect();
    assert!(lines[0].starts_with("Revision  Date"), "{term}");
    assert!(
        lines[2].starts_with("b-2023") && lines[4].starts_with("a-2025"),
        "{term}"
    );
    let html = repo
        .run(&["history", "--format", "html"])
        .expect_code(0)
        .stdout();
    assert!(
        html.contains("<svg") && html.contains("<table>") && html.contains("a-2025"),
        "{html}"
    );

    // A range: what `git log` lists, oldest first, tags as names.
    let range = json_of(repo.run(&["history", "b-2023..HEAD", "--format", "json"]));
    let names: Vec<&str> = range["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["revision"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["c-2024", "a-2025"]);
}

#[test]
fn history_without_tags_says_how_to_tag() {
    let repo = Repo::passing();
    commit(&repo, "First", 2024);
    let run = repo.run(&["history"]).expect_code(2);
    assert!(run.stderr().contains("git tag"), "{}", run.stderr());
    assert_eq!(run.stderr().lines().count(), 1);
}

/// A base branch with findings already there; the change adds one.
fn pull_request() -> Repo {
    let repo = Repo::passing()
        // Already there: an unknown reference and a section without evidence.
        .edit("book/src/qa.md", "[E1].", "[E1]. See also [E98].")
        .edit("book/src/leadership.md", " [E1].", ".")
        .edit("book/src/involvement.md", " [E1]", "");
    let base = commit(&repo, "base", 2024);
    let git = git2::Repository::open(repo.path()).unwrap();
    git.branch("main-base", &git.find_commit(base).unwrap(), false)
        .unwrap();
    repo
}

fn rules_and_lines(repo: &Repo, args: &[&str]) -> Vec<(String, String, u64)> {
    let out = json_of_any(repo.run(args));
    out["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn json_of_any(run: Run) -> Value {
    assert!(run.code() <= 1, "{}", run.stderr());
    serde_json::from_str(&run.stdout()).expect("JSON")
}

#[test]
fn check_base_keeps_only_what_the_change_brings() {
    let repo = pull_request()
        .edit("book/src/data.md", "QI 6.4.", "QI 6.4. See [E99].")
        // Leadership's text changes, still without evidence.
        .edit(
            "book/src/leadership.md",
            "meet quarterly",
            "meet every quarter",
        );
    commit(&repo, "the change", 2025);
    let all = rules_and_lines(&repo, &["check", "--format", "json"]);
    assert!(
        all.contains(&("unknown-evidence".into(), "book/src/qa.md".into(), 3)),
        "{all:?}"
    );
    let new = rules_and_lines(&repo, &["check", "--base", "main-base", "--format", "json"]);
    assert!(
        new.contains(&("unknown-evidence".into(), "book/src/data.md".into(), 3)),
        "the added line: {new:?}"
    );
    assert!(
        new.contains(&(
            "section-without-evidence".into(),
            "book/src/leadership.md".into(),
            1
        )),
        "a section whose text changed: {new:?}"
    );
    assert!(
        !new.iter().any(|d| d.1 == "book/src/qa.md"),
        "already there: {new:?}"
    );
    assert!(
        !new.iter().any(|d| d.1 == "book/src/involvement.md"),
        "untouched section: {new:?}"
    );
    // Exit code follows the kept findings.
    repo.run(&["check", "--base", "main-base"]).expect_code(1);
}

#[test]
fn check_base_keeps_statement_wide_findings_and_passes_a_clean_change() {
    let repo = pull_request().edit(
        "partnership.toml",
        "submission = 2026-03-20\n",
        "submission = 2026-03-20\n\n[statement]\nword_limit = 150\n",
    );
    let git = git2::Repository::open(repo.path()).unwrap();
    let head = commit(&repo, "tight limit", 2024);
    git.branch("limit-base", &git.find_commit(head).unwrap(), false)
        .unwrap();
    // A change that brings nothing new but a statement-wide finding.
    let repo = repo.edit(
        "book/src/context.md",
        "people, of whom",
        "people, and of whom",
    );
    let new = rules_and_lines(
        &repo,
        &["check", "--base", "limit-base", "--format", "json"],
    );
    assert!(
        new.contains(&("word-limit".to_owned(), "book/src/SUMMARY.md".to_owned(), 1)),
        "{new:?}"
    );
    let statement_wide = |d: &(String, String, u64)| {
        d.2 == 1 && (d.1 == "book/src/SUMMARY.md" || d.1 == "evidence/log.toml")
    };
    assert!(
        new.iter().all(statement_wide),
        "only statement-wide findings: {new:?}"
    );
    let all = rules_and_lines(&repo, &["check", "--format", "json"]);
    assert!(
        all.iter().any(|d| !statement_wide(d)),
        "the statement has other findings: {all:?}"
    );
}

#[test]
fn any_layout_in_a_subfolder_with_a_csv_log_crlf_and_a_bom() {
    // The statement lives in `statement/` of a larger repository, with a
    // prefix chapter, one chapter for several sections, CRLF endings, a BOM
    // and a CSV log.
    let repo = Repo::empty().file("README.md", "Council documents.\n");
    let sub = |p: &str| format!("statement/{p}");
    let crlf = |t: &str| format!("\u{feff}{}", t.replace('\n', "\r\n"));
    let chapters = format!(
        "{}\n{}\n{}",
        DATA.replace("# What", "# 1. What"),
        INVOLVEMENT,
        QA.replace("Quality assurance and", "Quality assurance &")
    );
    let repo = repo
        .file(
            &sub("partnership.toml"),
            &format!("{PARTNERSHIP}\n[evidence]\nlog = \"evidence/log.csv\"\n"),
        )
        .file(&sub("book/book.toml"), "[book]\ntitle = \"Test\"\n")
        .file(
            &sub("evidence/log.csv"),
            "id,title,url,date\r\n1,Data set report,https://example.org/a.pdf,01/12/2025\r\n",
        )
        .file(
            &sub("book/src/SUMMARY.md"),
            "# Summary\n\n[Introduction](intro.md)\n\n- [Statement](statement.md)\n",
        )
        .file(
            &sub("book/src/intro.md"),
            "# Introduction\n\nThis is our statement.\n",
        )
        .bytes(&sub("book/src/statement.md"), crlf(&chapters).as_bytes());
    let id = commit(&repo, "v1", 2024);
    repo.tag("v1", id);
    let edited = chapters
        .replace("rose by 12%", "rose by 14%")
        .replace("\u{2019}", "'");
    let repo = repo
        .bytes(&sub("book/src/statement.md"), crlf(&edited).as_bytes())
        .file(&sub("evidence/log.csv"), "id,title,url,date\r\n1,Data set report,https://example.org/a.pdf,01/12/2025\r\n2,Audit,https://example.org/b.pdf,02/12/2025\r\n");
    let dir = repo.path().join("statement");
    let diff: Value = serde_json::from_str(
        &repo
            .run_in(&dir, &["diff", "v1", "--format", "json"])
            .expect_code(0)
            .stdout(),
    )
    .unwrap();
    assert_eq!(diff["sections"].as_array().unwrap().len(), 3, "{diff:#}");
    let data = section(&diff, "data");
    assert_eq!(
        (&data["inserted_words"], &data["deleted_words"]),
        (&json!(1), &json!(1)),
        "{diff:#}"
    );
    assert_eq!(section(&diff, "quality-assurance")["status"], "unchanged");
    assert_eq!(
        diff["other"]["words_after"], 5,
        "the introduction, heading included"
    );
    assert_eq!(diff["documents_added"], json!([2]));
    assert_balanced(&diff);
    // `--root` from the repository's top works the same.
    let again: Value = serde_json::from_str(
        &repo
            .run(&["--root", "statement", "diff", "v1", "--format", "json"])
            .expect_code(0)
            .stdout(),
    )
    .unwrap();
    assert_eq!(again, diff);
    // check --base maps git's paths to the statement's.
    let edited = edited.replace("rose by 14%", "rose by 14% [E77]");
    let repo = repo.bytes(&sub("book/src/statement.md"), crlf(&edited).as_bytes());
    let run = repo.run_in(&dir, &["check", "--base", "v1", "--format", "json"]);
    let out: Value = serde_json::from_str(&run.stdout()).unwrap();
    let unknown: Vec<&Value> = out["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "unknown-evidence")
        .collect();
    assert_eq!(unknown.len(), 1, "{out:#}");
    assert_eq!(unknown[0]["file"], "book/src/statement.md");
}

#[test]
fn a_linked_chapter_in_a_revision_is_refused() {
    let repo = Repo::passing();
    std::fs::remove_file(repo.path().join("book/src/qa.md")).unwrap();
    std::os::unix::fs::symlink(
        "../../../../etc/hostname",
        repo.path().join("book/src/qa.md"),
    )
    .unwrap();
    let id = commit(&repo, "linked", 2024);
    repo.tag("linked", id);
    let run = repo
        .run(&["diff", "linked", "linked", "--format", "json"])
        .expect_code(2);
    let err = run.stderr();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("revision `linked`") && err.contains("link"),
        "{err}"
    );
}

#[test]
fn revisions_can_be_given_as_a_range_and_an_empty_repository_says_so() {
    let repo = yearly();
    let a = json_of(repo.run(&["diff", "v2024..v2025", "--format", "json"]));
    let b = json_of(repo.run(&["diff", "v2024", "v2025", "--format", "json"]));
    assert_eq!(a, b);
    let empty = Repo::passing();
    git2::Repository::init(empty.path()).unwrap();
    let run = empty.run(&["diff", "HEAD"]).expect_code(2);
    assert!(run.stderr().contains("no commits yet"), "{}", run.stderr());
}

/// A section's (inserted, deleted, moved in, moved out, moved) words.
fn moves(diff: &Value, key: &str) -> (i64, i64, i64, i64, i64) {
    let s = if key == "other" {
        &diff["other"]
    } else {
        section(diff, key)
    };
    let n = |k: &str| s[k].as_i64().unwrap();
    (
        n("inserted_words"),
        n("deleted_words"),
        n("moved_in"),
        n("moved_out"),
        n("moved_words"),
    )
}

#[test]
fn paragraphs_moved_between_sections_add_up_in_every_format() {
    let intro = "# Introduction\n\nThis is our statement for 2025.\n";
    let tracked = "We track outcomes after deregistration for a whole year.";
    let audits = "Auditors read forty case files from every locality each spring.";
    let workers = "Workers keep children with the protective parent.";
    let data = format!("{DATA}\n{tracked}\n");
    let qa = format!("{QA}\n{audits}\n");
    let mut chapters = vec![("intro.md", intro)];
    chapters.extend(all_chapters());
    let repo = Repo::passing()
        .chapters(&chapters)
        .file("book/src/data.md", &data)
        .file("book/src/qa.md", &qa);
    let v1 = commit(&repo, "v1", 2024);
    repo.tag("v1", v1);
    // Unchanged from data to involvement; edited from quality assurance to
    // leadership; from the introduction (outside the sections) to Covid;
    // and within the achievements.
    let repo = repo
        .file("book/src/data.md", DATA)
        .file("book/src/qa.md", QA)
        .file("book/src/intro.md", "# Introduction\n")
        .file(
            "book/src/involvement.md",
            &format!("{INVOLVEMENT}\n{tracked}\n"),
        )
        .file(
            "book/src/leadership.md",
            &format!("{LEADERSHIP}\n{}\n", audits.replace("forty", "fifty")),
        )
        .file(
            "book/src/covid.md",
            &format!("{COVID}\nThis is our statement for 2025.\n"),
        )
        .edit("book/src/achievements.md", &format!("\n\n{workers}"), "")
        .edit(
            "book/src/achievements.md",
            "helped write the plan.",
            &format!("helped write the plan.\n\n{workers}"),
        );
    let v2 = commit(&repo, "v2", 2025);
    repo.tag("v2", v2);

    let diff = json_of(repo.run(&["diff", "v1", "v2", "--format", "json"]));
    assert_balanced(&diff);
    // (inserted, deleted, moved in, moved out, moved)
    assert_eq!(moves(&diff, "data"), (0, 0, 0, 9, 9), "{diff:#}");
    assert_eq!(moves(&diff, "involvement"), (0, 0, 9, 0, 9), "{diff:#}");
    assert_eq!(
        moves(&diff, "quality-assurance"),
        (0, 1, 0, 9, 9),
        "\"forty\" deleted where it was: {diff:#}"
    );
    assert_eq!(
        moves(&diff, "leadership"),
        (1, 0, 9, 0, 9),
        "\"fifty\" inserted where it is: {diff:#}"
    );
    assert_eq!(moves(&diff, "covid"), (0, 0, 6, 0, 6), "{diff:#}");
    assert_eq!(moves(&diff, "other"), (0, 0, 0, 6, 6), "{diff:#}");
    assert_eq!(moves(&diff, "achievements"), (0, 0, 0, 0, 7), "{diff:#}");
    assert_eq!(
        (
            &diff["inserted_words"],
            &diff["deleted_words"],
            &diff["moved_words"]
        ),
        (&json!(1), &json!(1), &json!(31)),
        "each moved paragraph once: {diff:#}"
    );

    let term = repo.run(&["diff", "v1", "v2"]).expect_code(0).stdout();
    assert!(
        term.contains("1 words inserted, 1 deleted, 31 moved (24 to another section)."),
        "{term}"
    );
    assert!(
        term.contains("   37 \u{2192} 28 words: 0 inserted, 0 deleted, 0 moved in, 9 moved out\n"),
        "{term}"
    );
    let header = term.lines().find(|l| l.starts_with("Section ")).unwrap();
    for column in ["Change", "Ins/Del", "Moved in", "Moved out"] {
        assert!(header.contains(column), "{header}");
    }
    let total = term.lines().find(|l| l.starts_with("Total ")).unwrap();
    assert!(
        total.ends_with("+1/\u{2212}1       +24        \u{2212}24"),
        "{total:?}"
    );

    let md = repo
        .run(&["diff", "v1", "v2", "--format", "markdown"])
        .expect_code(0)
        .stdout();
    assert!(
        md.contains("| What your data is telling you | changed | 37 \u{2192} 28 | \u{2212}9 | 0 | 0 | 0 | 9 | no change | no change |"),
        "{md}"
    );
    assert!(
        md.contains("| _Other text_ | | 7 \u{2192} 1 | \u{2212}6 | 0 | 0 | 0 | 6 | | |"),
        "{md}"
    );
    assert!(md.contains("(+1 \u{2212}0, 9 moved in)"), "{md}");

    let html = repo
        .run(&["diff", "v1", "v2", "--format", "html"])
        .expect_code(0)
        .stdout();
    assert!(
        html.contains("<th scope=\"col\" class=\"n\">Moved in</th><th scope=\"col\" class=\"n\">Moved out</th>"),
        "{html}"
    );
    assert!(
        html.contains("<td>no change</td><td>no change</td>"),
        "{html}"
    );
    assert!(
        html.contains("<p class=\"figures\">37 \u{2192} 28 words (\u{2212}9): 0 inserted, 0 deleted, 0 moved in, 9 moved out.</p>"),
        "{html}"
    );
}

#[test]
fn the_diff_benchmark_repository_adds_up_between_every_pair_of_tags() {
    // benches/diff-vs-git.sh builds it: 200 commits of edits, sentences
    // added and removed and paragraphs moved between chapters, tagged every
    // 20; here with this binary, without timing anything.
    let dir = tempfile::tempdir().unwrap();
    let bench = dir.path().join("bench");
    let psdoc = binary("psdoc");
    let status = std::process::Command::new("bash")
        .arg(project_root().join("benches/diff-vs-git.sh"))
        .env("PSDOC_BIN", &psdoc)
        .env("PSDOC_BENCH_DIR", &bench)
        .env("PSDOC_BENCH_NO_RUN", "1")
        .stderr(std::process::Stdio::null())
        .status()
        .expect("bash runs benches/diff-vs-git.sh");
    assert!(status.success(), "benches/diff-vs-git.sh failed");
    let tags: Vec<String> = (1..=10).map(|i| format!("t{i:02}")).collect();
    let mut pairs: Vec<(&str, &str)> = tags
        .windows(2)
        .map(|w| (w[0].as_str(), w[1].as_str()))
        .collect();
    pairs.push(("t01", "t10"));
    let mut between = 0;
    for (from, to) in pairs {
        let out = std::process::Command::new(&psdoc)
            .current_dir(&bench)
            .args(["diff", from, to, "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{from}..{to}");
        let diff: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_balanced(&diff);
        between += diff["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["moved_in"].as_i64().unwrap())
            .sum::<i64>();
    }
    assert!(between > 0, "paragraphs moved between chapters");
}

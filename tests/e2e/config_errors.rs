//! Bad configuration: exit 2, one line naming the file, line, column and key.

use crate::support::*;

fn error_of(repo: &Repo) -> String {
    let run = repo.run(&["check"]).expect_code(2);
    assert!(
        run.stdout().is_empty(),
        "nothing on stdout: {}",
        run.stdout()
    );
    let err = run.stderr();
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    err
}

#[test]
fn unknown_key() {
    let repo = Repo::passing().edit(
        "partnership.toml",
        "submission = 2026-03-20\n",
        "submission = 2026-03-20\n[statement]\nwordlimit = 4000\n",
    );
    let err = error_of(&repo);
    assert!(err.contains("partnership.toml:5:1"), "{err}");
    assert!(err.contains("wordlimit"), "{err}");
}

#[test]
fn wrong_type() {
    let repo = Repo::passing().edit(
        "partnership.toml",
        "submission = 2026-03-20\n",
        "submission = 2026-03-20\n[statement]\nword_limit = \"5000\"\n",
    );
    let err = error_of(&repo);
    assert!(err.contains("partnership.toml:5:14"), "{err}");
    assert!(err.contains("statement.word_limit"), "{err}");
}

#[test]
fn bad_values() {
    for (toml, expect) in [
        (
            "[rules]\nword-limt = \"off\"\n",
            "did you mean `word-limit`",
        ),
        (
            "[statement.budgets]\nintroduction = 100\n",
            "not a section key",
        ),
        ("[evidence]\nprefix = \"E1\"\n", "evidence.prefix"),
        ("[statement]\nword_limit = 0\n", "more than 0"),
    ] {
        let repo = Repo::passing().edit(
            "partnership.toml",
            "submission = 2026-03-20\n",
            &format!("submission = 2026-03-20\n{toml}"),
        );
        let err = error_of(&repo);
        assert!(err.contains("partnership.toml:5:"), "{err}");
        assert!(err.contains(expect), "{err}");
    }
}

#[test]
fn malformed_toml() {
    let repo = Repo::passing().edit(
        "partnership.toml",
        "name = \"Test Partnership\"",
        "name = \"Test Partnership",
    );
    let err = error_of(&repo);
    assert!(err.contains("partnership.toml:2:"), "{err}");
}

#[test]
fn malformed_book_toml() {
    let repo = Repo::passing().file("book/book.toml", "[book\ntitle = 1\n");
    let err = error_of(&repo);
    assert!(err.contains("book/book.toml:1:"), "{err}");
}

#[test]
fn every_contract_key_is_accepted() {
    let repo = Repo::passing().file("partnership.toml", include_str!("../data/every-key.toml"));
    repo.run(&["check"]).expect_code(0);
}

#[test]
fn a_submission_date_written_another_way_says_how_to_write_it() {
    for written in ["\"2026-03-20\"", "20/03/2026", "2026-3-20", "March 2026"] {
        let repo = Repo::passing().edit(
            "partnership.toml",
            "submission = 2026-03-20\n",
            &format!("submission = {written}\n"),
        );
        let err = error_of(&repo);
        assert_eq!(
            err.trim_end(),
            format!(
                "psdoc: error: partnership.toml:3:14: `partnership.submission` must be a date written like 2026-03-20 (year, month, day; no quotes): `{written}` is not one"
            ),
        );
    }
}

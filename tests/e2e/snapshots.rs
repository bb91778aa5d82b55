//! Snapshots of what users read: human and JSON output of `psdoc check`
//! and the `psdoc count` table, on a statement with typical problems.

use crate::support::*;

fn troubled() -> Repo {
    Repo::passing()
        .edit("book/src/covid.md", "register [E1]", "register [E1, E7]")
        .edit("book/src/data.md", "QI 1.1 and QI 6.4", "QI 1.1, QI 6.7 and QI 6.4")
        .file("book/src/improvement.md", "# Areas for improvement\n\nWe will improve chronologies [E1].\n\nCall 07700 900123 for the action plan.\n")
        .edit("partnership.toml", "submission = 2026-03-20\n", "submission = 2026-03-20\n[statement.budgets]\ncovid = 10\n[evidence.not_applicable]\n1 = \"Not delegated\"\n2 = \"n/a\"\n3 = \"n/a\"\n4 = \"n/a\"\n5 = \"n/a\"\n6 = \"n/a\"\n7 = \"n/a\"\n8 = \"n/a\"\n9 = \"n/a\"\n10 = \"n/a\"\n11 = \"n/a\"\n12 = \"n/a\"\n13 = \"n/a\"\n")
}

#[test]
fn human_output() {
    let run = troubled().run(&["check"]).expect_code(1);
    insta::assert_snapshot!(run.stdout());
}

#[test]
fn json_output() {
    let run = troubled()
        .run(&["check", "--format", "json"])
        .expect_code(1);
    insta::assert_snapshot!(run.stdout());
}

#[test]
fn count_table() {
    let run = troubled().run(&["count"]).expect_code(0);
    insta::assert_snapshot!(run.stdout());
}

//! Tests that keep the README honest.

use crate::harness::*;

#[test]
fn readme_rules_table_matches_the_registry() {
    let readme = std::fs::read_to_string(project_root().join("README.md")).unwrap();
    let start = readme
        .find("<!-- rules:start -->\n")
        .expect("rules:start marker")
        + "<!-- rules:start -->\n".len();
    let end = readme.find("<!-- rules:end -->").expect("rules:end marker");
    let table = Repo::empty()
        .run(&["rules", "--format", "markdown"])
        .expect_code(0)
        .stdout();
    assert_eq!(
        &readme[start..end],
        table,
        "README's rules table is out of date: replace it with `psdoc rules --format markdown`"
    );
}

#[test]
fn readme_starts_with_the_two_commands() {
    let readme = std::fs::read_to_string(project_root().join("README.md")).unwrap();
    let block = readme
        .split("```sh\n")
        .nth(1)
        .expect("a sh block")
        .split("```")
        .next()
        .unwrap();
    assert!(block.contains("cargo run --release -- check"), "{block}");
    assert!(block.contains("cargo test --workspace"), "{block}");
    let ci = std::fs::read_to_string(project_root().join(".ci/run")).unwrap();
    assert!(
        ci.contains("cargo test --workspace"),
        ".ci/run runs the README's test command"
    );
}

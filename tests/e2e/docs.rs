//! Tests that keep the README and the reference in `docs/` honest.

use crate::support::*;

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
    // The package holds psdoc and psdoc-typeset: `cargo run` with no `--bin`
    // needs to be told which one to run.
    let manifest = std::fs::read_to_string(project_root().join("crates/psdoc/Cargo.toml")).unwrap();
    assert!(manifest.contains("default-run = \"psdoc\""), "{manifest}");
    assert!(block.contains("cargo test --workspace"), "{block}");
    let ci = std::fs::read_to_string(project_root().join(".ci/run")).unwrap();
    assert!(
        ci.contains("cargo test --workspace"),
        ".ci/run runs the README's test command"
    );
}

/// The text of `docs/NAME`.
fn doc(name: &str) -> String {
    let path = project_root().join("docs").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every page of `docs/`, by file name.
fn doc_pages() -> Vec<(String, String)> {
    let mut pages: Vec<(String, String)> = std::fs::read_dir(project_root().join("docs"))
        .expect("docs/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).expect("read"))
        })
        .collect();
    pages.sort();
    pages
}

#[test]
fn every_rule_has_a_row_in_the_commands_reference() {
    let commands = doc("commands.md");
    let table = Repo::empty()
        .run(&["rules", "--format", "markdown"])
        .expect_code(0)
        .stdout();
    let rules: Vec<&str> = table
        .lines()
        .filter_map(|l| l.strip_prefix("| `")?.split('`').next())
        .collect();
    assert!(rules.len() > 20, "{table}");
    for rule in rules {
        assert!(
            commands.contains(&format!("| `{rule}` |")),
            "docs/commands.md has no row for the rule `{rule}` in its rules table"
        );
    }
}

#[test]
fn every_table_and_key_of_a_new_partnership_toml_is_in_the_configuration_reference() {
    let configuration = doc("configuration.md");
    let repo = Repo::empty();
    repo.run(&["init", "new"]).expect_code(0);
    let written = repo.read("new/partnership.toml");
    let mut tables = 0;
    for line in written.lines() {
        let line = line.trim();
        // Table headers, commented or not: `[limits]`, `# [[privacy.pattern]]`.
        let header = line.trim_start_matches('#').trim();
        if header.starts_with('[') {
            let name = header
                .split(']')
                .next()
                .unwrap()
                .trim_start_matches('[')
                .trim();
            let top = name.split('.').next().unwrap();
            assert!(
                configuration.contains(&format!("## `[{top}]`")),
                "docs/configuration.md has no section for `[{top}]`, which `psdoc init` writes"
            );
            tables += 1;
            continue;
        }
        // Keys set in the file (not those in comments, which are examples).
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let key = line.split('=').next().unwrap().trim();
        assert!(
            configuration.contains(&format!("`{key}`")),
            "docs/configuration.md does not document the key `{key}`, which `psdoc init` writes"
        );
    }
    assert!(tables >= 6, "{written}");
}

#[test]
fn every_command_is_in_the_commands_reference() {
    let commands = doc("commands.md");
    let names = |help: &str| -> Vec<String> {
        help.lines()
            .skip_while(|l| !l.starts_with("Commands:"))
            .skip(1)
            .take_while(|l| !l.trim().is_empty())
            .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
            .filter_map(|l| l.split_whitespace().next())
            .filter(|name| *name != "help")
            .map(str::to_owned)
            .collect()
    };
    let top = names(&Repo::empty().run(&["--help"]).expect_code(0).stdout());
    assert!(top.len() > 10, "{top:?}");
    for name in &top {
        assert!(
            commands.contains(&format!("`psdoc {name}")),
            "docs/commands.md does not document `psdoc {name}`"
        );
    }
    let github = names(
        &Repo::empty()
            .run(&["github", "--help"])
            .expect_code(0)
            .stdout(),
    );
    assert_eq!(github, ["report", "comment"]);
    for name in &github {
        assert!(
            commands.contains(&format!("psdoc github {name}")),
            "docs/commands.md does not document `psdoc github {name}`"
        );
    }
}

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces
/// made hyphens.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The prose of a page: fenced code blocks and inline code left out, so that
/// examples of Markdown are not taken for links or headings.
fn prose(text: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let mut code = false;
        for c in line.chars() {
            if c == '`' {
                code = !code;
            } else if !code {
                out.push(c);
            }
        }
        out.push('\n');
    }
    out
}

/// The anchors of a page's headings (code blocks left out).
fn headings(text: &str) -> Vec<String> {
    let mut fenced = false;
    text.lines()
        .filter(|l| {
            if l.trim_start().starts_with("```") {
                fenced = !fenced;
            }
            !fenced && l.starts_with('#')
        })
        .map(|l| anchor(l.trim_start_matches('#')))
        .collect()
}

#[test]
fn links_between_the_reference_pages_lead_somewhere() {
    let pages = doc_pages();
    let index = doc("README.md");
    for (name, text) in &pages {
        if name != "README.md" {
            assert!(
                index.contains(&format!("]({name})")),
                "docs/README.md does not list {name}"
            );
        }
        for link in prose(text).split("](").skip(1) {
            let target = link.split(')').next().unwrap();
            if target.starts_with("http") || target.contains(' ') {
                continue;
            }
            let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
            let linked = if file.is_empty() {
                text.clone()
            } else {
                let path = project_root().join("docs").join(file);
                assert!(
                    path.exists(),
                    "docs/{name} links to {target}, which does not exist"
                );
                if !file.ends_with(".md") {
                    continue;
                }
                std::fs::read_to_string(path).expect("read")
            };
            if !fragment.is_empty() {
                assert!(
                    headings(&linked).iter().any(|a| a == fragment),
                    "docs/{name} links to {target}: no such heading"
                );
            }
        }
    }
}

#[test]
fn the_sources_pointers_into_the_reference_lead_somewhere() {
    let mut pointers = 0;
    let sources = ["crates", "tests"]
        .into_iter()
        .flat_map(|dir| files_below(&project_root().join(dir)))
        .filter(|path| path.extension().is_some_and(|x| x == "rs"));
    for path in sources {
        let text = std::fs::read_to_string(&path).expect("read");
        for rest in text.split("docs/").skip(1) {
            let target: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '.' | '#' | '-' | '_'))
                .collect();
            let Some((page, fragment)) = target.split_once(".md") else {
                continue;
            };
            let page = format!("{page}.md");
            assert!(
                project_root().join("docs").join(&page).exists(),
                "{} points to docs/{page}, which does not exist",
                path.display()
            );
            pointers += 1;
            if let Some(fragment) = fragment.strip_prefix('#') {
                assert!(
                    headings(&doc(&page)).iter().any(|a| a == fragment),
                    "{} points to docs/{page}#{fragment}: no such heading",
                    path.display()
                );
            }
        }
    }
    assert!(pointers > 10, "{pointers} pointers into docs/");
}

/// A merge's conflict markers left in a page would reach every reader (one
/// did, in the README's submission path).
#[test]
fn no_page_holds_a_merge_conflict_marker() {
    let mut pages = vec![(
        "README.md".to_owned(),
        std::fs::read_to_string(project_root().join("README.md")).unwrap(),
    )];
    pages.extend(doc_pages());
    for (name, text) in pages {
        for (n, line) in text.lines().enumerate() {
            assert!(
                !(line.starts_with("<<<<<<< ")
                    || line.starts_with(">>>>>>> ")
                    || line == "======="),
                "{name}:{}: a merge conflict marker: {line}",
                n + 1
            );
        }
    }
}

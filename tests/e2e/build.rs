//! `psdoc build`: the book, in-process, with the psdoc preprocessor.

use crate::support::*;

#[test]
fn the_example_builds_with_no_mdbook_on_path() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("site");
    let run = psdoc_command()
        .current_dir(project_root())
        .env("PATH", "/nonexistent")
        .env("NO_COLOR", "1")
        .args(["build", "-o"])
        .arg(&dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("psdoc: built the book in "), "{stdout}");
    for page in [
        "index.html",
        "document-log.html",
        "print.html",
        "data-registrations.html",
    ] {
        assert!(dir.join(page).is_file(), "no {page}");
    }
    let data = std::fs::read_to_string(dir.join("data.html")).unwrap();
    assert!(data.contains("href=\"document-log.html#E5\""));
    // The print page opens with the exported PDF's cover block and points
    // to `psdoc export` for the copy to submit.
    let print = std::fs::read_to_string(dir.join("print.html")).unwrap();
    let cover = print
        .find("class=\"psdoc-print-cover\"")
        .expect("a cover on the print page");
    assert!(cover < print.find("Context of children").unwrap());
    for line in [
        "Loch Ard Community Planning Partnership</p>",
        "Position statement</p>",
        "Submitted to the Care Inspectorate on 20 March 2026",
        "4,517 words of the 5,000-word limit",
        "<code>psdoc export</code>",
    ] {
        assert!(print.contains(line), "print.html lacks {line}");
    }
    // A search index, as `mdbook build` makes.
    assert!(
        file_texts(&dir)
            .iter()
            .any(|(name, _)| name.starts_with("searchindex"))
    );
}

#[test]
fn refuses_while_a_personal_identifier_stands() {
    let repo = Repo::passing().edit(
        "book/src/data.md",
        "and QI 6.4.\n",
        "and QI 6.4.\n\nThe child's CHI number is 1904851231, as the referral form shows.\n",
    );
    let out = repo.path().join("site");
    let run = repo
        .run(&["build", "-o", out.to_str().unwrap()])
        .expect_code(1);
    let stdout = run.stdout();
    assert!(
        stdout.contains("psdoc: build refused: 1 personal identifier(s)"),
        "{stdout}"
    );
    assert!(stdout.contains("personal-identifier"), "{stdout}");
    assert!(
        !stdout.contains("1904851231"),
        "the finding shows the identifier in full:\n{stdout}"
    );
    assert!(!out.exists(), "a refused build wrote a book");
}

#[test]
fn an_identifier_allowed_to_stand_is_masked_in_the_book() {
    // The severity lowered to a warning: the book builds, and masks it.
    let repo = Repo::passing()
        .edit(
            "partnership.toml",
            "submission = 2026-03-20\n",
            "submission = 2026-03-20\n\n[rules]\npersonal-identifier = \"warning\"\n",
        )
        .edit(
            "book/src/data.md",
            "and QI 6.4.\n",
            "and QI 6.4.\n\nThe child's CHI number is 1904851231, as the referral form shows.\n\n<!-- note: 1904851231 -->\n",
        );
    let out = repo.path().join("site");
    repo.run(&["build", "-o", out.to_str().unwrap()])
        .expect_code(0);
    let files = file_texts(&out);
    for (name, text) in &files {
        assert!(
            !text.contains("1904851231"),
            "{name} shows the CHI number in full"
        );
    }
    let data = std::fs::read_to_string(out.join("data.html")).unwrap();
    assert!(data.contains("19••••••31"), "{data}");
}

#[test]
fn fail_on_decides_for_other_errors() {
    let repo = Repo::passing().edit("book/src/data.md", "[E1]. We are", "[E1] and [E99]. We are");
    let out = repo.path().join("site");
    let run = repo
        .run(&["build", "-o", out.to_str().unwrap()])
        .expect_code(1);
    assert!(
        run.stdout().contains("fail-on = \"error\""),
        "{}",
        run.stdout()
    );
    assert!(!out.exists());

    let repo = repo.file(
        "book/book.toml",
        "[book]\ntitle = \"Test\"\n\n[preprocessor.psdoc]\nfail-on = \"never\"\n",
    );
    repo.run(&["build", "-o", out.to_str().unwrap()])
        .expect_code(0);
    let data = std::fs::read_to_string(out.join("data.html")).unwrap();
    assert!(
        data.contains("[E99]"),
        "an unknown document is left as written"
    );
}

#[test]
fn fail_on_warning_fails_on_warnings() {
    let repo = Repo::passing().file(
        "book/book.toml",
        "[book]\ntitle = \"Test\"\n\n[preprocessor.psdoc]\nfail-on = \"warning\"\n",
    );
    // The minimal statement's log lacks most core documents: warnings.
    let run = repo
        .run(&["build", "-o", repo.path().join("site").to_str().unwrap()])
        .expect_code(1);
    assert!(
        run.stdout().contains("fail-on = \"warning\""),
        "{}",
        run.stdout()
    );
}

#[test]
fn bad_input_exits_2_with_file_and_line() {
    let repo = Repo::passing().file(
        "book/book.toml",
        "[book]\ntitle = \"Test\"\n\n[preprocessor.psdoc]\nword-count = false\n",
    );
    let run = repo.run(&["build"]).expect_code(2);
    assert!(run.stderr().contains("book/book.toml:5: [preprocessor.psdoc] has no key `word-count`: did you mean `word-counts`?"), "{}", run.stderr());

    let repo = Repo::passing()
        .edit(
            "book/src/data.md",
            "and QI 6.4.\n",
            "and QI 6.4.\n\n{{#include ../../secret.md}}\n",
        )
        .file("secret.md", "Outside the book.\n");
    let run = repo.run(&["build"]).expect_code(2);
    assert!(
        run.stderr().contains("book/src/data.md:5:"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr().contains("leaves the book's folder"),
        "{}",
        run.stderr()
    );
}

#[test]
fn never_empties_a_folder_that_is_not_a_book() {
    let repo = Repo::passing().file("notes/keep.txt", "mine\n");
    let run = repo.run(&["build", "-o", "notes"]).expect_code(2);
    assert!(run.stderr().contains("not empty"), "{}", run.stderr());
    assert_eq!(repo.read("notes/keep.txt"), "mine\n");
    let run = repo.run(&["build", "-o", "."]).expect_code(2);
    assert!(
        run.stderr().contains("holds the statement"),
        "{}",
        run.stderr()
    );
}

#[test]
fn default_output_is_the_books_build_dir() {
    let repo = Repo::passing();
    repo.run(&["build"]).expect_code(0);
    assert!(repo.path().join("book/book/document-log.html").is_file());
    // Built again over its own output.
    repo.run(&["build"]).expect_code(0);
}

#[test]
fn a_refused_build_leaves_the_earlier_book_as_it_was() {
    let repo = Repo::passing();
    repo.run(&["build"]).expect_code(0);
    let before = std::fs::read_to_string(repo.path().join("book/book/data.html")).unwrap();
    let repo = repo.edit("book/src/data.md", "[E1]. We are", "[E1] and [E99]. We are");
    repo.run(&["build"]).expect_code(1);
    let after = std::fs::read_to_string(repo.path().join("book/book/data.html")).unwrap();
    assert_eq!(before, after);
}

#[test]
fn the_title_comes_from_partnership_toml() {
    // `psdoc init` named the partnership; the lead officer renames it later.
    let repo = Repo::passing()
        .file(
            "book/book.toml",
            "[book]\ntitle = \"Mine Community Planning Partnership\"\n",
        )
        .edit(
            "partnership.toml",
            "name = \"Test Partnership\"",
            "name = \"Loch Ard Community Planning Partnership\"",
        );
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    repo.run(&["build", "-o", site.to_str().unwrap()])
        .expect_code(0);
    for (name, text) in file_texts(&site) {
        if name.ends_with(".html") {
            assert!(
                !text.contains("Mine Community"),
                "{name} keeps the old name"
            );
        }
    }
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        index.contains("Loch Ard Community Planning Partnership: position statement"),
        "the book is not titled from partnership.toml"
    );
}

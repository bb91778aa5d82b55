//! The preprocessor in real mdBook builds: through the `mdbook-psdoc`
//! binary (as a plain `mdbook build` runs it) and in-process (as `psdoc
//! build` does), on the example statement and on small statements written
//! here.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use mdbook_driver::MDBook;
use mdbook_psdoc::PsdocPreprocessor;

/// Folders read back, as the binary tests of `psdoc` read them.
#[path = "../../../tests/support/files.rs"]
#[allow(dead_code)]
mod files;

use files::file_contents;

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-psdoc");

/// The project root, holding the example statement.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A copy of the example statement (no built book) in a temporary folder.
fn copy_example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = project_root();
    std::fs::copy(
        root.join("partnership.toml"),
        dir.path().join("partnership.toml"),
    )
    .unwrap();
    copy_tree(&root.join("evidence"), &dir.path().join("evidence"));
    copy_tree(&root.join("book/src"), &dir.path().join("book/src"));
    std::fs::copy(
        root.join("book/book.toml"),
        dir.path().join("book/book.toml"),
    )
    .unwrap();
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        files
            .get(name)
            .unwrap_or_else(|| panic!("no {name}"))
            .clone(),
    )
    .unwrap()
}

/// Builds the book at `root/book` in-process, as `psdoc build` does.
fn build_in_process(root: &Path) -> anyhow::Result<BTreeMap<String, Vec<u8>>> {
    let mut book = MDBook::load(root.join("book"))?;
    book.with_preprocessor(PsdocPreprocessor::new());
    book.build()?;
    Ok(file_contents(&root.join("book/book")))
}

/// Writes `text` to `path` below `root`, making its folders.
fn write_file(root: &Path, path: &str, text: &str) {
    let full = root.join(path);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(full, text).unwrap();
}

/// Runs the binary as mdBook runs a preprocessor: the context and the book of
/// `dir`'s statement as JSON on its standard input. It runs in `cwd`, or in
/// this test's folder when `None`.
fn run_as_mdbook(dir: &Path, cwd: Option<&Path>) -> std::process::Output {
    let book = MDBook::load(dir.join("book")).unwrap();
    let ctx = mdbook_preprocessor::PreprocessorContext::new(
        dir.join("book"),
        book.config.clone(),
        "html".to_owned(),
    );
    let input = serde_json::to_string(&(&ctx, &book.book)).unwrap();
    let mut command = Command::new(BIN);
    if let Some(cwd) = cwd {
        command.current_dir(cwd);
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// A small statement that passes the check, with `extra` appended to its
/// data chapter and `book_toml` as its book.toml.
fn statement(extra: &str, book_toml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| write_file(dir.path(), path, text);
    write(
        "partnership.toml",
        "[partnership]\nname = \"Test Partnership\"\nsubmission = 2026-03-20\n",
    );
    write("book/book.toml", book_toml);
    write(
        "evidence/log.toml",
        "[[document]]\nid = 1\ntitle = \"Data set report\"\nurl = \"https://example.org/a.pdf\"\ndate = 2025-12-01\n",
    );
    let chapters = [
        ("context.md", "# Context of children's services\n\nLoch Ard is a mixed urban and rural area.\n".to_owned()),
        ("covid.md", "# Response to Covid-19\n\nPartners kept visits going [E1].\n".to_owned()),
        (
            "data.md",
            format!("# What your data is telling you\n\nReferrals rose by 12% [E1], guided by QI 6.4.\n\n{extra}"),
        ),
        ("involvement.md", "# Children and young people's involvement and feedback\n\nChildren attend their meetings [E1].\n".to_owned()),
        ("qa.md", "# Quality assurance and evaluative activity\n\nAn audit found good practice [E1].\n".to_owned()),
        ("leadership.md", "# Collaborative strategic and operational leadership\n\nChief officers meet quarterly [E1].\n".to_owned()),
        (
            "achievements.md",
            "# Key achievements\n\n## Bairns' Hoose\n\nChildren give evidence once [E1].\n\n## Safe and Together\n\nWorkers keep children safe.\n\n## Youth forum\n\nYoung people helped write the plan.\n".to_owned(),
        ),
        ("improvement.md", "# Areas for improvement\n\nOur capacity for improvement is good [E1].\n".to_owned()),
    ];
    let mut summary = String::from("# Summary\n\n");
    for (file, text) in &chapters {
        let title = text.lines().next().unwrap().trim_start_matches("# ");
        summary.push_str(&format!("- [{title}]({file})\n"));
        write(&format!("book/src/{file}"), text);
    }
    write("book/src/SUMMARY.md", &summary);
    dir
}

const FAIL_NEVER: &str =
    "[book]\ntitle = \"Test\"\n\n[preprocessor.psdoc]\nafter = [\"links\"]\nfail-on = \"never\"\n";

#[test]
fn the_binary_and_the_driver_build_the_same_book() {
    // Through the binary, as `mdbook build` runs it.
    let plain = copy_example();
    let toml_path = plain.path().join("book/book.toml");
    let toml = std::fs::read_to_string(&toml_path).unwrap().replace(
        "[preprocessor.psdoc]\n",
        &format!("[preprocessor.psdoc]\ncommand = {:?}\n", BIN),
    );
    std::fs::write(&toml_path, toml).unwrap();
    MDBook::load(plain.path().join("book"))
        .unwrap()
        .build()
        .unwrap();
    let through_binary = file_contents(&plain.path().join("book/book"));

    // In-process, as `psdoc build` does.
    let in_process_dir = copy_example();
    let in_process = build_in_process(in_process_dir.path()).unwrap();

    assert_eq!(
        through_binary.keys().collect::<Vec<_>>(),
        in_process.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &in_process {
        assert!(through_binary[name] == *bytes, "{name} differs");
    }
    for name in ["index.html", "document-log.html", "print.html", "data.html"] {
        assert!(in_process.contains_key(name), "no {name}");
    }
}

#[test]
fn the_example_book_links_evidence_and_keeps_notes_out() {
    let dir = copy_example();
    let book = build_in_process(dir.path()).unwrap();
    let data = text(&book, "data.html");
    // [E5-E8]: each end links to its row of the log, the title on hover.
    assert!(data.contains("href=\"document-log.html#E5\""), "{data}");
    assert!(
        data.contains("title=\"CPC quarterly data set report: quarter 4 2024-25"),
        "{data}"
    );
    // The guidance's prompt in an HTML comment is gone, everywhere.
    for (name, bytes) in &book {
        let s = String::from_utf8_lossy(bytes);
        assert!(
            !s.contains("Guidance: CPPs will use this section"),
            "{name} keeps a drafting note"
        );
    }
    // A confirmed QI shows its title on hover.
    assert!(
        data.contains("title=\"QI 6.4: Performance management and quality assurance\""),
        "{data}"
    );
    // The log: a row per document with its anchor.
    let log = text(&book, "document-log.html");
    assert!(log.contains("<span id=\"E5\">E5</span>"), "{log}");
    assert!(log.contains("supplied file"), "{log}");
    // Word counts: every chapter, the total on the first.
    let index = text(&book, "index.html");
    assert!(index.contains("The statement: <strong>"), "{index}");
    assert!(index.contains("of 5,000 words"), "{index}");
    assert!(data.contains("class=\"psdoc-word-count\""));
    assert!(
        !log.contains("class=\"psdoc-word-count\""),
        "the log is not counted"
    );
    // The print page hides the counts and the log.
    let print = text(&book, "print.html");
    assert!(
        print.contains("psdoc-screen-only"),
        "the log is marked screen-only"
    );
    assert!(
        print.contains("html:has(meta[name=\"robots\"][content=\"noindex\"]) .psdoc-word-count")
    );
}

#[test]
fn the_generated_chapter_is_deterministic() {
    let a = copy_example();
    let b = copy_example();
    let a = build_in_process(a.path()).unwrap();
    let b = build_in_process(b.path()).unwrap();
    assert_eq!(text(&a, "document-log.html"), text(&b, "document-log.html"));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(b[name] == *bytes, "{name} differs between two builds");
    }
}

#[test]
fn a_chi_number_never_shows_in_full() {
    let dir = statement(
        "The child's CHI number is 1904851231, as the referral form shows.\n\n<!-- CHI 1904851231 again in a note -->\n",
        FAIL_NEVER,
    );
    let book = build_in_process(dir.path()).unwrap();
    for (name, bytes) in &book {
        let s = String::from_utf8_lossy(bytes);
        assert!(
            !s.contains("1904851231"),
            "{name} shows the CHI number in full"
        );
    }
    let data = text(&book, "data.html");
    assert!(data.contains("19••••••31"), "{data}");
}

#[test]
fn fail_on_error_stops_the_build_and_never_does_not() {
    let failing = statement(
        "See [E99].\n",
        "[book]\ntitle = \"Test\"\n\n[preprocessor.psdoc]\n",
    );
    let err = build_in_process(failing.path()).unwrap_err();
    let message = format!("{err:#}");
    assert!(message.contains("fail-on = \"error\""), "{message}");

    let draft = statement("See [E99].\n", FAIL_NEVER);
    let book = build_in_process(draft.path()).unwrap();
    // Not in the log: left as written, not linked.
    assert!(text(&book, "data.html").contains("See [E99]."));
}

#[test]
fn an_include_leaving_the_book_fails_with_a_clear_message() {
    let dir = statement("{{#include ../../outside.md}}\n", FAIL_NEVER);
    std::fs::write(dir.path().join("outside.md"), "Outside words.\n").unwrap();
    let err = build_in_process(dir.path()).unwrap_err();
    let message = format!("{err:#}");
    assert!(message.contains("book/src/data.md:5:"), "{message}");
    assert!(message.contains("leaves the book's folder"), "{message}");
}

#[test]
fn a_misspelt_setting_points_at_its_line() {
    let dir = statement(
        "",
        "[book]\ntitle = \"Test\"\n\n[preprocessor.psdoc]\nfail-on = \"warnings\"\n",
    );
    let message = format!("{:#}", build_in_process(dir.path()).unwrap_err());
    assert!(message.contains("book.toml:5:"), "{message}");
    assert!(
        message.contains("\"error\", \"warning\" or \"never\""),
        "{message}"
    );
}

#[test]
fn included_text_is_linked_and_masked_too() {
    let dir = statement("{{#include part.md}}\n", FAIL_NEVER);
    std::fs::write(
        dir.path().join("book/src/part.md"),
        "Included evidence [E1] and CHI 1904851231.\n",
    )
    .unwrap();
    let book = build_in_process(dir.path()).unwrap();
    let data = text(&book, "data.html");
    assert!(
        data.contains("Included evidence <a href=\"document-log.html#E1\""),
        "{data}"
    );
    assert!(!data.contains("1904851231"), "{data}");
}

#[test]
fn protocol_supports_and_stdin_stdout() {
    let status = Command::new(BIN)
        .args(["supports", "html"])
        .status()
        .unwrap();
    assert!(status.success());

    let dir = statement("", FAIL_NEVER);
    let output = run_as_mdbook(dir.path(), Some(&dir.path().join("book")));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains(" INFO psdoc: 0 errors, "), "{stderr}");
    let out: mdbook_preprocessor::book::Book = serde_json::from_slice(&output.stdout).unwrap();
    let names: Vec<&str> = out.chapters().map(|c| c.name.as_str()).collect();
    assert_eq!(names.last(), Some(&"Document log"));
}

#[test]
fn protocol_findings_in_mdbook_log_style_and_exit_1() {
    let dir = statement(
        "See [E99].\n",
        "[book]\ntitle = \"Test\"\n\n[preprocessor.psdoc]\n",
    );
    let output = run_as_mdbook(dir.path(), None);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("ERROR book/src/data.md:5:5: unknown-evidence: "),
        "{stderr}"
    );
    assert!(stderr.contains("fail-on = \"error\""), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn other_layouts_prefix_readme_subfolders_crlf_bom_and_a_csv_log() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| write_file(dir.path(), path, text);
    write(
        "partnership.toml",
        "[partnership]\nname = \"Test\"\nsubmission = 2026-03-20\n\n[evidence]\nlog = \"evidence/log.csv\"\n",
    );
    write(
        "evidence/log.csv",
        "id,title,url,date\r\n1,\"Plan, 2025\",https://example.org/p.pdf,30/09/2025\r\n",
    );
    write("book/book.toml", FAIL_NEVER);
    write(
        "book/src/SUMMARY.md",
        "# Summary\n\n[Introduction](README.md)\n\n- [1. Context](part/context.md)\n  - [Data](part/data.md)\n",
    );
    write(
        "book/src/README.md",
        "\u{feff}# Introduction\r\n\r\nOur statement [E1].\r\n",
    );
    write(
        "book/src/part/context.md",
        "# 1. Context of children\u{2019}s services: Loch Ard\r\n\r\n<!-- prompt\r\nover lines -->\r\nSee [E1] and QI 2.1.\r\n",
    );
    write(
        "book/src/part/data.md",
        "## What your data is telling you\n\nRose [E1].\n",
    );
    let book = build_in_process(dir.path()).unwrap();

    let index = text(&book, "index.html");
    assert!(index.contains("The statement: <strong>"), "{index}");
    assert!(
        index.contains("href=\"document-log.html#E1\" title=\"Plan, 2025\""),
        "{index}"
    );
    let context = text(&book, "part/context.html");
    assert!(
        context.contains("href=\"../document-log.html#E1\""),
        "{context}"
    );
    assert!(!context.contains("prompt"), "{context}");
    assert!(context.contains("This chapter: <strong>"), "{context}");
    assert!(text(&book, "part/data.html").contains("This chapter: <strong>"));
    let log = text(&book, "document-log.html");
    assert!(log.contains("<td>2025-09-30</td>"), "{log}");
}

#[test]
fn the_log_goes_where_summary_puts_it_and_can_be_printed() {
    let dir = statement(
        "",
        "[book]\ntitle = \"Test\"\n\n[preprocessor.psdoc]\nfail-on = \"never\"\nlog-chapter = \"annex/evidence.md\"\nprint-log = true\n",
    );
    let summary = dir.path().join("book/src/SUMMARY.md");
    let text_of = std::fs::read_to_string(&summary)
        .unwrap()
        .replace("- [Context", "- [Evidence](annex/evidence.md)\n- [Context");
    std::fs::write(&summary, text_of).unwrap();
    std::fs::create_dir_all(dir.path().join("book/src/annex")).unwrap();
    std::fs::write(dir.path().join("book/src/annex/evidence.md"), "").unwrap();
    let book = build_in_process(dir.path()).unwrap();
    let log = text(&book, "annex/evidence.html");
    assert!(log.contains("<span id=\"E1\">E1</span>"), "{log}");
    assert!(
        log.contains("<div class=\"psdoc-document-log\">"),
        "print-log = true keeps it in print: {log}"
    );
    assert!(text(&book, "data.html").contains("href=\"annex/evidence.html#E1\""));
    // Listed once: where the author put it, not again at the end.
    assert_eq!(
        text(&book, "print.html")
            .matches("<span id=\"E1\">")
            .count(),
        1
    );
}

/// A log of documents 1 to 9 for `dir`'s statement.
fn nine_documents(dir: &Path) {
    let log: String = (1..=9)
        .map(|i| format!("[[document]]\nid = {i}\ntitle = \"Document {i} title\"\nurl = \"https://example.org/{i}.pdf\"\ndate = 2025-12-01\n\n"))
        .collect();
    std::fs::write(dir.join("evidence/log.toml"), log).unwrap();
}

/// The document numbers the links in `html` point at, in order.
fn linked(html: &str) -> Vec<u64> {
    html.split("href=\"document-log.html#E")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect()
}

#[test]
fn every_form_officers_write_is_linked() {
    // Pasted from Word: curly quotes, en dashes, no-break spaces, CRLF.
    let pasted = "Registrations fell (E2). As E3 shows, the COG agreed it (see COG minutes, E4).\r\nThe data sets E5\u{2013}E6 and E7 to E8 agree; so do \u{201c}E9\u{201d} and [E2; E3].\r\n\r\nLook-alikes: E9a, PE9, E9.5, EH6 4AB, E6 1AB, https://example.org/E9, `E9` and Document 9.\r\n";
    let dir = statement(pasted, FAIL_NEVER);
    nine_documents(dir.path());
    let book = build_in_process(dir.path()).unwrap();
    let data = text(&book, "data.html");
    assert_eq!(
        linked(&data),
        vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 2, 3],
        "[E1] of the chapter, then each form once, and no look-alike: {data}"
    );
    assert!(
        data.contains("(<a href=\"document-log.html#E2\" title=\"Document 2 title\">E2</a>)"),
        "{data}"
    );
    assert!(
        data.contains(">E7</a> to <a href=\"document-log.html#E8\""),
        "{data}"
    );
    assert!(data.contains("Document 9"), "{data}");
}

#[test]
fn brackets_only_links_the_square_brackets() {
    let dir = statement(
        "Registrations fell (E2), as E3 and [E4] show.\n",
        FAIL_NEVER,
    );
    nine_documents(dir.path());
    let config = dir.path().join("partnership.toml");
    let mut toml = std::fs::read_to_string(&config).unwrap();
    toml.push_str("\n[evidence]\nreference_style = \"brackets\"\n");
    std::fs::write(&config, toml).unwrap();
    let book = build_in_process(dir.path()).unwrap();
    assert_eq!(linked(&text(&book, "data.html")), vec![1, 4]);
}

//! `psdoc export` and `psdoc import` end to end: the example statement
//! rendered to PDF and Word and read back with independent readers
//! (pikepdf, pdftotext, python-docx, LibreOffice), Word files made the way
//! officers make them imported, a round trip, and bad input. A test whose
//! reader is missing says by name what it did not run (`.ci/run` installs
//! them all).

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use psdoc_core::words::count_words;

use crate::support::*;

/// Whether `program` runs here; says so by name when it does not.
fn have(what: &str, check: &mut Process) -> bool {
    let ok = check
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("skipped: {what} is not installed here (.ci/run installs it)");
    }
    ok
}

fn have_python(module: &str) -> bool {
    have(
        &format!("the Python package `{module}`"),
        Process::new("python3").args(["-c", &format!("import {module}")]),
    )
}

fn have_libreoffice() -> bool {
    have(
        "LibreOffice (soffice)",
        Process::new("soffice").arg("--version"),
    )
}

/// Converts `file` to OpenDocument text in `dir` with LibreOffice, with a
/// profile of its own there (a LibreOffice already open would not convert).
fn convert_to_odt(dir: &Path, file: &Path) {
    let profile = dir.join("lo-profile");
    let out = Process::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "odt", "--outdir"])
        .arg(dir)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn readers() -> PathBuf {
    project_root().join("tests/e2e/readers")
}

/// Runs a reader script and parses its JSON.
fn facts(script: &str, file: &Path) -> serde_json::Value {
    let out = Process::new("python3")
        .arg(readers().join(script))
        .arg(file)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON from the reader")
}

/// The example statement at the project root, exported into `dir`.
fn export_example(dir: &Path, format: &str) -> PathBuf {
    let out = dir.join(format!("statement.{format}"));
    let run = Repo::empty().run(&[
        "--root",
        project_root().to_str().unwrap(),
        "export",
        "--format",
        format,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code(), 0, "{}{}", run.stdout(), run.stderr());
    out
}

fn example_words() -> usize {
    let project = psdoc_core::Project::open(&project_root()).unwrap();
    project.statement.total_words()
}

fn pdftotext(pdf: &Path, first: usize, last: usize) -> String {
    let out = Process::new("pdftotext")
        .args(["-layout", "-f", &first.to_string(), "-l", &last.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn export_pdf_cover_contents_outline_links_and_tags() {
    if !have(
        "poppler-utils (pdftotext)",
        Process::new("pdftotext").arg("-v"),
    ) || !have_python("pikepdf")
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = export_example(dir.path(), "pdf");
    let f = facts("pdf_facts.py", &pdf);
    // Tagged, accessible: language, title shown, structure, embedded fonts.
    assert_eq!(f["lang"], "en-GB");
    assert_eq!(f["marked"], true);
    assert_eq!(f["display_doc_title"], true);
    assert_eq!(f["pdfua_part"], "1");
    assert_eq!(
        f["title"],
        "Loch Ard Community Planning Partnership: position statement"
    );
    assert!(
        f["creation_date"]
            .as_str()
            .unwrap()
            .starts_with("D:20260320"),
        "{f}"
    );
    for tag in ["H1", "H2", "P", "Table", "TH", "TD", "Link", "TOC"] {
        assert!(
            f["struct_types"][tag].as_u64().unwrap_or(0) > 0,
            "no {tag}: {f}"
        );
    }
    for font in f["fonts"].as_array().unwrap() {
        assert_eq!(font[1], true, "font not embedded: {font}");
    }
    // The outline: the statement's headings, required sections at level 1, in order.
    let outline: Vec<String> = f["outline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o[0] == 1)
        .map(|o| o[1].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(outline.len(), 9, "{outline:?}");
    assert_eq!(outline[0], "Introduction");
    assert_eq!(outline[1], "Context of children’s services");
    assert_eq!(outline[8], "Areas for improvement");
    // Every web link is a logged document's public address.
    let log = psdoc_core::Project::open(&project_root()).unwrap().log;
    let urls: Vec<String> = log.documents.iter().filter_map(|d| d.url.clone()).collect();
    let web: Vec<&str> = f["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l[1].as_str())
        .collect();
    assert!(web.len() > 20, "{web:?}");
    for uri in &web {
        assert!(urls.iter().any(|u| u == uri), "{uri} is not in the log");
    }
    // The cover, the contents, and the text in reading order.
    let pages = f["pages"].as_u64().unwrap() as usize;
    let cover = pdftotext(&pdf, 1, 1);
    for line in [
        "Loch Ard Community Planning Partnership",
        "Position statement",
        "20 March 2026",
        "4,517 words of the 5,000-word limit",
    ] {
        assert!(cover.contains(line), "cover lacks {line:?}: {cover}");
    }
    let contents = pdftotext(&pdf, 2, 2);
    assert!(contents.contains("Contents"), "{contents}");
    assert!(contents.contains("Areas for improvement"), "{contents}");
    assert!(
        contents.contains(&format!("Page 2 of {pages}")),
        "{contents}"
    );
    let all = pdftotext(&pdf, 1, pages);
    let order: Vec<usize> = outline
        .iter()
        .map(|h| {
            all.rfind(h.as_str())
                .unwrap_or_else(|| panic!("{h} not in the text"))
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "sections out of order: {order:?}"
    );
    assert!(all.contains("[E12]"));
    // Continuous text: 4,517 words in far fewer pages than one per chapter.
    assert!(pages <= 14, "{pages} pages");
}

#[test]
fn export_pdf_page_per_section_and_log_pdf() {
    if !have("poppler-utils (pdfinfo)", Process::new("pdfinfo").arg("-v")) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = project_root();
    let pages = |pdf: &Path| -> usize {
        let out = Process::new("pdfinfo").arg(pdf).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    };
    let continuous = export_example(dir.path(), "pdf");
    let split = dir.path().join("split.pdf");
    Repo::empty()
        .run(&[
            "--root",
            root.to_str().unwrap(),
            "export",
            "--page-per-section",
            "-o",
            split.to_str().unwrap(),
        ])
        .expect_code(0);
    assert!(pages(&split) > pages(&continuous));
    let log = dir.path().join("log.pdf");
    Repo::empty()
        .run(&[
            "--root",
            root.to_str().unwrap(),
            "log",
            "--format",
            "pdf",
            "-o",
            log.to_str().unwrap(),
        ])
        .expect_code(0);
    let text = pdftotext(&log, 1, pages(&log));
    assert!(text.contains("Document log"), "{text}");
    // Cells wrap within their column: the core document written out, and
    // the link.
    assert!(text.contains("8: Children’s services plan and"), "{text}");
    assert!(text.contains("supplied file"), "{text}");
    assert!(
        text.contains("https://www.lochard.gov.uk/children/"),
        "{text}"
    );
    assert!(
        text.contains("childrens-services-plan-2023-26.pdf"),
        "{text}"
    );
}

/// The text of each paragraph of a Word part, as Word shows it.
fn paragraphs(xml: &str) -> Vec<String> {
    let paragraph = regex::Regex::new(r"(?s)<w:p[ >].*?</w:p>|<w:p/>").unwrap();
    let piece = regex::Regex::new(r#"(?s)<w:t(?: [^>]*)?>(.*?)</w:t>|<w:(?:br|tab)/>"#).unwrap();
    paragraph
        .find_iter(xml)
        .map(|p| {
            piece
                .captures_iter(p.as_str())
                .map(|c| match c.get(1) {
                    Some(t) => t
                        .as_str()
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\"")
                        .replace("&#39;", "'")
                        .replace("&amp;", "&"),
                    None => " ".into(),
                })
                .collect()
        })
        .collect()
}

fn member(zip: &Path, name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn export_docx_word_count_equals_psdoc_count() {
    let dir = tempfile::tempdir().unwrap();
    let docx = export_example(dir.path(), "docx");
    // Word counts the body and the notes, not the header or footer.
    let words: usize = ["word/document.xml", "word/footnotes.xml"]
        .iter()
        .flat_map(|part| paragraphs(&member(&docx, part)))
        .map(|p| count_words(&p))
        .sum();
    assert_eq!(words, example_words());
}

#[test]
fn export_docx_headings_tables_and_links_read_with_python_docx() {
    if !have_python("docx") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let docx = export_example(dir.path(), "docx");
    let f = facts("docx_facts.py", &docx);
    let headings = f["headings"].as_array().unwrap();
    assert_eq!(
        headings[0],
        serde_json::json!(["Heading 1", "Introduction"])
    );
    assert_eq!(
        headings[1],
        serde_json::json!(["Heading 1", "Context of children’s services"])
    );
    assert!(headings.iter().any(|h| h[0] == "Heading 2"));
    let level1 = headings.iter().filter(|h| h[0] == "Heading 1").count();
    assert_eq!(level1, 9);
    for table in f["tables"].as_array().unwrap() {
        assert_eq!(table["header_repeats"], true, "{table}");
    }
    let links = f["links"].as_array().unwrap();
    assert!(links.iter().any(|l| l[0] == "[E1]"
        && l[1] == "https://www.lochard.gov.uk/children/childrens-services-plan-2023-26.pdf"));
    assert_eq!(f["language"], "en-GB");
    assert_eq!(
        f["title"],
        "Loch Ard Community Planning Partnership: position statement"
    );
}

/// LibreOffice's own count of the document (it counts the page header and
/// footer too, Word does not: their words are taken off).
#[test]
fn export_docx_word_count_in_libreoffice() {
    if !have_libreoffice() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let docx = export_example(dir.path(), "docx");
    convert_to_odt(dir.path(), &docx);
    let meta = member(&dir.path().join("statement.odt"), "meta.xml");
    let count: usize = regex::Regex::new(r#"meta:word-count="(\d+)""#)
        .unwrap()
        .captures(&meta)
        .unwrap()[1]
        .parse()
        .unwrap();
    let furniture: usize = ["word/header1.xml", "word/footer1.xml"]
        .iter()
        .flat_map(|part| paragraphs(&member(&docx, part)))
        .map(|p| count_words(&p))
        .sum();
    assert_eq!(count - furniture, example_words());
}

#[test]
fn export_refuses_while_a_personal_identifier_stands() {
    let repo = Repo::passing().edit(
        "book/src/covid.md",
        "Recovery planning",
        "Her CHI number is 1904851231. Recovery planning",
    );
    let out = repo.path().join("s.pdf");
    let run = repo
        .run(&["export", "-o", out.to_str().unwrap()])
        .expect_code(1);
    assert!(run.stdout().contains("export refused"), "{}", run.stdout());
    assert!(!run.stdout().contains("1904851231"));
    assert!(!out.exists());
}

#[test]
fn export_strips_notes_resolves_includes_and_escapes_markup() {
    let repo = Repo::passing()
        .edit(
            "book/src/covid.md",
            "Recovery planning",
            "<!-- secret drafting note -->\n#let x = 1; $x$ @ref // not a comment = heading\n\n{{#include parts/extra.md}}\n\nRecovery planning",
        )
        .file("book/src/parts/extra.md", "Included paragraph words.\n");
    for format in ["html", "markdown"] {
        let out = repo.path().join(format!("s.{format}"));
        repo.run(&["export", "--format", format, "-o", out.to_str().unwrap()])
            .expect_code(0);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(!text.contains("secret drafting note"), "{format}");
        assert!(text.contains("Included paragraph words."), "{format}");
    }
    let pdf = repo.path().join("s.pdf");
    repo.run(&["export", "-o", pdf.to_str().unwrap()])
        .expect_code(0);
    let docx = repo.path().join("s.docx");
    repo.run(&["export", "--format", "docx", "-o", docx.to_str().unwrap()])
        .expect_code(0);
    let body = member(&docx, "word/document.xml");
    assert!(
        body.contains("#let x = 1; $x$ @ref // not a comment"),
        "markup kept as text"
    );
    if have(
        "poppler-utils (pdftotext)",
        Process::new("pdftotext").arg("-v"),
    ) {
        let text = pdftotext(&pdf, 1, 20);
        assert!(
            text.contains("#let x = 1; $x$ @ref // not a comment"),
            "{text}"
        );
        assert!(!text.contains("secret drafting note"));
    }
}

/// The README's picture of the PDF's first page: made here, committed
/// under docs/. `PSDOC_UPDATE_DOCS=1` writes it again.
#[test]
fn export_pdf_first_page_picture_for_the_readme() {
    let committed = project_root().join("docs/statement-cover.png");
    assert!(
        committed.is_file(),
        "docs/statement-cover.png is missing: run this test with PSDOC_UPDATE_DOCS=1"
    );
    if !have(
        "poppler-utils (pdftoppm)",
        Process::new("pdftoppm").arg("-v"),
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = export_example(dir.path(), "pdf");
    let prefix = dir.path().join("cover");
    let status = Process::new("pdftoppm")
        .args(["-png", "-r", "40", "-f", "1", "-l", "2", "-singlefile"])
        .arg(&pdf)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success());
    let png = std::fs::read(dir.path().join("cover.png")).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() < 60_000,
        "{} bytes",
        png.len()
    );
    if std::env::var_os("PSDOC_UPDATE_DOCS").is_some() {
        std::fs::write(&committed, &png).unwrap();
    }
}

// ---- import ---------------------------------------------------------------

/// Writes the example's Word file and its log as CSV into `dir`.
fn exported_word_and_log(dir: &Path) -> (PathBuf, PathBuf) {
    let docx = export_example(dir, "docx");
    let csv = dir.join("log.csv");
    Repo::empty()
        .run(&[
            "--root",
            project_root().to_str().unwrap(),
            "log",
            "--format",
            "csv",
            "-o",
            csv.to_str().unwrap(),
        ])
        .expect_code(0);
    (docx, csv)
}

/// Words per section key (and `other`) from `psdoc count --format json`.
fn section_words(root: &Path) -> Vec<(String, u64)> {
    let run = Repo::empty().run(&[
        "--root",
        root.to_str().unwrap(),
        "count",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let mut out: Vec<(String, u64)> = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["key"].as_str().unwrap().to_owned(),
                s["words"].as_u64().unwrap(),
            )
        })
        .collect();
    out.push((
        "other".into(),
        json["other"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["words"].as_u64().unwrap())
            .sum(),
    ));
    out
}

/// The evidence references of a statement, per required section, in order.
fn references(root: &Path) -> Vec<(String, Vec<String>)> {
    let run = Repo::empty().run(&[
        "--root",
        root.to_str().unwrap(),
        "export",
        "--format",
        "markdown",
        "-o",
        "-",
    ]);
    let mut out: Vec<(String, Vec<String>)> = vec![("other".into(), Vec::new())];
    for line in run.stdout().lines() {
        if let Some(heading) = line.strip_prefix("# ")
            && let Some(found) = psdoc_guidance::default_profile().match_heading(heading)
        {
            out.push((format!("{found:?}"), Vec::new()));
        }
        for r in psdoc_evidence::find_references(line, "E") {
            out.last_mut().unwrap().1.push(line[r.range].to_owned());
        }
    }
    out
}

#[test]
fn import_round_trip_keeps_sections_words_and_references() {
    let dir = tempfile::tempdir().unwrap();
    let (docx, csv) = exported_word_and_log(dir.path());
    let target = dir.path().join("imported");
    let run = Repo::empty().run(&[
        "import",
        docx.to_str().unwrap(),
        target.to_str().unwrap(),
        "--log",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(run.code(), 0, "{}{}", run.stdout(), run.stderr());
    let out = run.stdout();
    assert!(out.contains("What your data is telling you"), "{out}");
    assert!(out.contains("971 words"), "{out}");
    assert!(out.contains("psdoc: 0 errors"), "{out}");
    assert_eq!(section_words(&target), section_words(&project_root()));
    assert_eq!(references(&target), references(&project_root()));
    let log = std::fs::read_to_string(target.join("evidence/log.toml")).unwrap();
    assert!(log.contains("id = 41"), "{log}");
}

#[test]
fn import_never_overwrites_an_existing_statement() {
    let dir = tempfile::tempdir().unwrap();
    let (docx, _) = exported_word_and_log(dir.path());
    let repo = Repo::passing();
    let before: Vec<(PathBuf, Vec<u8>)> = walk(repo.path());
    let run = repo.run(&["import", docx.to_str().unwrap()]);
    assert_eq!(run.code(), 0, "{}{}", run.stdout(), run.stderr());
    for (path, bytes) in &before {
        assert_eq!(
            &std::fs::read(path).unwrap(),
            bytes,
            "{} changed",
            path.display()
        );
    }
    assert!(repo.path().join("book/src/context-imported.md").is_file());
    assert!(repo.path().join("book/src/SUMMARY-imported.md").is_file());
    assert!(
        run.stdout().contains("SUMMARY-imported.md"),
        "{}",
        run.stdout()
    );
}

fn walk(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    out
}

#[test]
fn import_bad_files_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (docx, _) = exported_word_and_log(dir.path());
    let bytes = std::fs::read(&docx).unwrap();
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.extend(vec![0u8; 504]);
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "truncated.docx",
            bytes[..bytes.len() / 2].to_vec(),
            "damaged",
        ),
        (
            "report.docx",
            b"%PDF-1.7 not a Word file".to_vec(),
            "damaged or is not a Word file",
        ),
        ("locked.docx", encrypted, "password-protected"),
        (
            "old.doc",
            [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0].to_vec(),
            "Word 97-2003",
        ),
        (
            "notes.pdf",
            b"%PDF-1.7".to_vec(),
            "psdoc imports Word (.docx)",
        ),
    ];
    for (name, contents, says) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, contents).unwrap();
        let target = dir.path().join(format!("out-{name}"));
        let run = Repo::empty().run(&["import", file.to_str().unwrap(), target.to_str().unwrap()]);
        assert_eq!(run.code(), 2, "{name}: {}", run.stdout());
        let err = run.stderr();
        assert_eq!(err.trim_end().lines().count(), 1, "{name}: {err}");
        assert!(err.contains(name) && err.contains(says), "{name}: {err}");
        assert!(!target.exists(), "{name}: nothing written");
    }
}

/// A statement as an officer writes it in Word (built with python-docx):
/// numbered and reworded headings, bullets, a table, (E3)-style and bare
/// references, a footnote pointing to a document, an image, a comment, a
/// tracked change and the document log as a table at the end. The same file
/// saved by LibreOffice as .odt imports the same.
#[test]
fn import_an_officers_word_file_and_its_odt() {
    if !have_python("docx") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("officer.docx");
    let status = Process::new("python3")
        .arg(readers().join("officer_docx.py"))
        .arg(&docx)
        .status()
        .unwrap();
    assert!(status.success());
    let target = dir.path().join("from-word");
    let run = Repo::empty().run(&["import", docx.to_str().unwrap(), target.to_str().unwrap()]);
    assert_eq!(run.code(), 0, "{}{}", run.stdout(), run.stderr());
    let out = run.stdout();
    for expected in [
        "an image in \"3. What Your Data Is Telling You\"",
        "a comment",
        "a tracked change",
        "the document log: 3 document(s) in evidence/log.toml, from the log table in the statement",
        "1 footnote(s) pointing to documents became evidence references",
        "psdoc: ",
    ] {
        assert!(out.contains(expected), "{expected:?} not in:\n{out}");
    }
    let data = std::fs::read_to_string(target.join("book/src/data.md")).unwrap();
    assert!(
        data.starts_with("# 3. What Your Data Is Telling You\n"),
        "{data}"
    );
    assert!(data.contains("rose by 12% [E1]."), "{data}");
    assert!(data.contains("fell sharply [E2]"), "{data}");
    assert!(data.contains("- Health took part in more IRDs"), "{data}");
    assert!(data.contains("| Measure | 2023-24 | 2024-25 |"), "{data}");
    assert!(data.contains("**quarterly**"), "{data}");
    assert!(data.contains("[E3]"), "footnote became a reference: {data}");
    let achievements = std::fs::read_to_string(target.join("book/src/achievements.md")).unwrap();
    assert!(
        achievements.starts_with("# Key achievements and areas for improvement"),
        "{achievements}"
    );
    let log = std::fs::read_to_string(target.join("evidence/log.toml")).unwrap();
    assert!(
        log.contains("title = \"Children's services plan 2023-26\""),
        "{log}"
    );
    assert!(log.contains("core = [6, 8]"), "{log}");
    assert!(!data.contains("Document log"));
    let word_sections = section_words(&target);

    if !have_libreoffice() {
        return;
    }
    convert_to_odt(dir.path(), &docx);
    let odt_target = dir.path().join("from-odt");
    let run = Repo::empty().run(&[
        "import",
        dir.path().join("officer.odt").to_str().unwrap(),
        odt_target.to_str().unwrap(),
    ]);
    assert_eq!(run.code(), 0, "{}{}", run.stdout(), run.stderr());
    assert_eq!(section_words(&odt_target), word_sections);
}

#[test]
fn import_markdown_splits_at_the_guidance_headings() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("statement.md");
    let repo = Repo::passing();
    let run = repo.run(&["export", "--format", "markdown", "-o", md.to_str().unwrap()]);
    assert_eq!(run.code(), 0);
    let target = dir.path().join("imported");
    Repo::empty()
        .run(&["import", md.to_str().unwrap(), target.to_str().unwrap()])
        .expect_code(0);
    assert_eq!(section_words(&target), section_words(repo.path()));
    assert!(target.join("book/src/leadership.md").is_file());
}

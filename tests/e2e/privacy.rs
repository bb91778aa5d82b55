//! Personal identifiers, small numbers and unreadable evidence, end to end,
//! and the promise that no output shows an identifier in full.

use std::io::Write;

use crate::harness::*;

/// Valid, synthetic identifiers of every kind, as written in a statement.
pub const PLANTED: &[(&str, &str, &str)] = &[
    ("chi", "1904851231", "Her CHI 1904851231 was on the form."),
    (
        "nhs-number",
        "943 476 5919",
        "NHS number 943 476 5919 was quoted.",
    ),
    (
        "ni-number",
        "AB 12 34 56 C",
        "Her NI number AB 12 34 56 C was on file.",
    ),
    (
        "postcode",
        "KY99 9ZZ",
        "The family moved to KY99 9ZZ last year.",
    ),
    (
        "email",
        "rory.mcneill@example.org",
        "Write to rory.mcneill@example.org for details.",
    ),
    ("phone", "07700 900123", "Her mobile is 07700 900123."),
    (
        "date-of-birth",
        "12/03/2014",
        "He was born on 12/03/2014 in Loch Ard.",
    ),
    (
        "named-child",
        "Isla",
        "Isla, aged 11, told us she felt listened to.",
    ),
    (
        "address",
        "22 Harbour Road",
        "The family lived at 22 Harbour Road.",
    ),
];

fn planted_statement() -> Repo {
    let text: String = PLANTED.iter().map(|(_, _, s)| format!("{s}\n\n")).collect();
    Repo::passing().edit(
        "book/src/covid.md",
        "Recovery planning",
        &format!("\n\n{text}Recovery planning"),
    )
}

#[test]
fn every_kind_is_found_with_its_place() {
    let repo = planted_statement();
    let found = repo.findings("personal-identifier");
    let kinds: Vec<_> = found.iter().map(|f| f["kind"].as_str().unwrap()).collect();
    for (kind, _, _) in PLANTED {
        assert!(kinds.contains(kind), "{kind} not found in {kinds:?}");
    }
    let chi = found.iter().find(|f| f["kind"] == "chi").unwrap();
    assert_eq!(chi["file"], "book/src/covid.md");
    assert_eq!(chi["line"], 5);
    assert_eq!(chi["column"], 9);
    assert_eq!(chi["section"], "covid");
    assert_eq!(chi["masked"], "19••••••31");
    assert_eq!(chi["severity"], "error");
    repo.run(&["check"]).expect_code(1);
}

#[test]
fn look_alikes_are_not_found() {
    let repo = Repo::passing().edit(
        "book/src/covid.md",
        "Recovery planning",
        "Invoice 1904851232 was paid. Most referrals came from the KY99 district. The CPC met on 12/03/2024. Child C, aged 11, told us she felt listened to. Callum (not his real name), 12, moved school. The team supported 22 families. QQ 12 34 56 C is the format shown on forms.\n\nRecovery planning",
    );
    assert!(
        repo.findings("personal-identifier").is_empty(),
        "{:?}",
        repo.findings("personal-identifier")
    );
}

#[test]
fn comments_are_scanned_references_in_them_are_not() {
    let repo = Repo::passing().edit(
        "book/src/covid.md",
        "Recovery planning",
        "<!-- ask 07700 900123 about [E99] -->\nRecovery planning",
    );
    assert_eq!(repo.findings("personal-identifier").len(), 1);
    assert!(repo.findings("unknown-evidence").is_empty());
}

#[test]
fn no_output_shows_an_identifier_in_full() {
    let repo = planted_statement().file(
        "evidence/files/notes.txt",
        &PLANTED
            .iter()
            .map(|(_, _, s)| format!("{s}\n"))
            .collect::<String>(),
    );
    let mut outputs = Vec::new();
    for format in ["human", "json", "sarif", "github", "markdown"] {
        let run = repo.run(&["check", "--format", format]);
        assert_eq!(run.code(), 1, "{format}: {}", run.stderr());
        outputs.push((
            format!("check --format {format}"),
            run.stdout() + &run.stderr(),
        ));
    }
    let run = repo.run(&["scan", "--format", "json"]);
    outputs.push(("scan".into(), run.stdout() + &run.stderr()));
    let run = repo.run(&["count"]);
    outputs.push(("count".into(), run.stdout() + &run.stderr()));
    for (what, out) in &outputs {
        for (kind, raw, _) in PLANTED {
            assert!(!out.contains(raw), "{what} shows a {kind} in full");
        }
    }
    // The human output still says where: file, line and masked form.
    assert!(
        outputs[0].1.contains("book/src/covid.md:5:9"),
        "{}",
        outputs[0].1
    );
    assert!(outputs[0].1.contains("19••••••31"));
}

#[test]
fn allow_by_kind_and_by_exact_string() {
    let repo = Repo::passing().edit(
        "book/src/covid.md",
        "Recovery planning",
        "\n\n<!-- psdoc-allow personal-identifier:postcode -->\nOur office is at KY99 9ZZ. Call 07700 900123.\n\nRecovery planning",
    );
    let kinds: Vec<_> = repo
        .findings("personal-identifier")
        .iter()
        .map(|f| f["kind"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds, vec!["phone"], "only the postcode is allowed");
    let repo = repo.edit(
        "partnership.toml",
        "submission = 2026-03-20\n",
        "submission = 2026-03-20\n[privacy]\nallow = [\"07700 900123\"]\n",
    );
    assert!(repo.findings("personal-identifier").is_empty());
}

#[test]
fn custom_pattern_is_a_kind_of_its_own() {
    let repo = Repo::passing()
        .edit("partnership.toml", "submission = 2026-03-20\n", "submission = 2026-03-20\n[[privacy.pattern]]\nname = \"case reference\"\nregex = '\\bSW-\\d{6}\\b'\n")
        .edit("book/src/covid.md", "Recovery planning", "Case SW-123456 was closed.\n\nRecovery planning");
    let f = repo.findings("personal-identifier");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["kind"], "case reference");
    assert!(!repo.run(&["check"]).stdout().contains("SW-123456"));
}

#[test]
fn small_numbers_in_tables_and_csv() {
    let table = "| Category of concern | Children | % of all |\n|---|---|---|\n| Neglect | 41 | 62% |\n| Sexual abuse | 3 | 5% |\n| Year | 2024 | 2 |\n";
    let repo = Repo::passing()
        .edit(
            "book/src/data.md",
            "We are guided",
            &format!("\n\n{table}\nWe are guided"),
        )
        .file(
            "evidence/files/extract.csv",
            "quarter,referrals,rate per 1000\nQ1,2,4\nQ2,12,3\n",
        );
    let f = repo.findings("small-number");
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(f[0]["file"], "book/src/data.md");
    assert!(f[0]["message"].as_str().unwrap().contains("count of 3"));
    assert_eq!(f[1]["file"], "evidence/files/extract.csv");
    assert_eq!(f[1]["line"], 2);
    // Threshold 0 switches it off; an allow comment covers the next table.
    let off = repo.edit(
        "partnership.toml",
        "submission = 2026-03-20\n",
        "submission = 2026-03-20\n[privacy]\nsmall_number_threshold = 0\n",
    );
    assert!(off.findings("small-number").is_empty());
    let allowed = Repo::passing().edit(
        "book/src/data.md",
        "We are guided",
        &format!("\n\n<!-- psdoc-allow small-number -->\n\n{table}\nWe are guided"),
    );
    assert!(allowed.findings("small-number").is_empty());
}

fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"))
        .collect();
    zip.write_all(format!(r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#).as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn evidence_files_of_every_kind() {
    let repo = Repo::passing()
        .bytes(
            "evidence/files/minutes.docx",
            &docx(&["Attendees by role.", "Her CHI 1904851231 was discussed."]),
        )
        .bytes("evidence/files/broken.docx", b"this is not a zip")
        .bytes("evidence/files/photo.png", b"\x89PNG\r\n\x1a\n")
        .bytes("evidence/files/data.bin.txt", b"\x00\x01\x02\x03binary");
    let ids = repo.findings("personal-identifier");
    assert_eq!(ids.len(), 1);
    assert_eq!(ids[0]["file"], "evidence/files/minutes.docx");
    assert_eq!(ids[0]["line"], 2, "the paragraph of a .docx");
    let not_scanned: Vec<_> = repo
        .findings("evidence-not-scanned")
        .iter()
        .map(|f| f["file"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        not_scanned,
        vec![
            "evidence/files/broken.docx",
            "evidence/files/data.bin.txt",
            "evidence/files/photo.png"
        ]
    );
}

#[test]
fn package_refuses_identifiers_in_evidence() {
    let repo = Repo::passing().file("evidence/files/notes.txt", "Call 07700 900123.\n");
    let out = repo.path().join("p.zip");
    let run = repo
        .run(&["package", "-o", out.to_str().unwrap()])
        .expect_code(1);
    assert!(
        run.stdout().contains("personal-identifier"),
        "{}",
        run.stdout()
    );
    assert!(!run.stdout().contains("07700 900123"));
    assert!(!out.exists());
}

#[test]
fn scan_named_paths_outside_a_statement() {
    let dir = Repo::empty()
        .file("folder/a.txt", "The family moved to KY99 9ZZ.\n")
        .file("folder/b.md", "Nothing here.\n");
    let run = dir
        .run(&["scan", "folder", "--format", "json"])
        .expect_code(1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(json["diagnostics"][0]["file"], "folder/a.txt");
    assert_eq!(json["diagnostics"][0]["kind"], "postcode");
    dir.run(&["scan", "folder/b.md"]).expect_code(0);
    let run = dir.run(&["scan", "nope.txt"]).expect_code(2);
    assert!(run.stderr().contains("nope.txt"), "{}", run.stderr());
}

#[test]
fn the_readme_fixture_shows_every_kind_masked() {
    let root = project_root();
    let output = assert_cmd::Command::cargo_bin("psdoc")
        .unwrap()
        .current_dir(&root)
        .args(["scan", "tests/fixtures/planted", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut kinds: Vec<_> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap().to_owned())
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            "address",
            "chi",
            "date-of-birth",
            "email",
            "named-child",
            "nhs-number",
            "ni-number",
            "phone",
            "postcode",
            "scn"
        ]
    );
    let text = String::from_utf8(output.stdout).unwrap();
    for raw in [
        "1904851231",
        "943 476 5919",
        "KY99 9ZZ",
        "07700 900123",
        "rory.mcneill",
        "123456785",
    ] {
        assert!(!text.contains(raw), "{raw} shown in full");
    }
}

#[test]
fn the_log_export_masks_a_title_that_names_a_child() {
    let repo = Repo::passing().edit(
        "evidence/log.toml",
        "title = \"Data set report\"",
        "title = \"Report on Isla, aged 11\"",
    );
    for format in ["markdown", "csv", "json"] {
        let out = repo
            .run(&["log", "--format", format])
            .expect_code(0)
            .stdout();
        assert!(out.contains("I•••, aged 11"), "{format}: {out}");
        assert!(!out.contains("Isla"), "{format}: {out}");
    }
}

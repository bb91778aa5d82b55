//! Hostile evidence files (a zip bomb, a .docx that is not a zip, a truncated
//! PDF, a PDF without a text layer, binary data named .txt) and `[limits]` set
//! low: each is an `evidence-not-scanned` finding on the file, never silence,
//! within the time limit and a bound on memory.

use std::io::Write;

use crate::support::Repo;
use crate::support::pdf::pdf_of_objects;
use crate::support::watched::{check_json, findings, psdoc};

/// A `.docx` holding `paragraphs` as Word writes them.
pub fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"))
        .collect();
    zip_of(&[
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_vec(),
        ),
        (
            "word/document.xml",
            format!(r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#).into_bytes(),
        ),
    ])
}

pub fn zip_of(members: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in members {
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A zip bomb: `word/document.xml` inflates to `mib` MiB of zeros from about
/// 1 KiB per MiB, and declares `declared` bytes. Built without ever holding
/// the zeros: one sync-flushed deflate block of 1 MiB, repeated.
fn zip_bomb(mib: usize, declared: u32) -> Vec<u8> {
    let mut deflate = flate2::Compress::new(flate2::Compression::best(), false);
    let mut block = Vec::with_capacity(16 << 10);
    deflate
        .compress_vec(&vec![0u8; 1 << 20], &mut block, flate2::FlushCompress::Sync)
        .unwrap();
    let mut data = block.repeat(mib);
    data.extend([0x03, 0x00]); // a final, empty block
    let name = b"word/document.xml";
    let header = |signature: u32, central: bool| {
        let mut h = signature.to_le_bytes().to_vec();
        if central {
            h.extend(20u16.to_le_bytes());
        }
        h.extend(20u16.to_le_bytes()); // version needed
        h.extend(0u16.to_le_bytes()); // flags
        h.extend(8u16.to_le_bytes()); // deflate
        h.extend([0, 0, 0x21, 0]); // time, date
        h.extend(0u32.to_le_bytes()); // crc
        h.extend((data.len() as u32).to_le_bytes());
        h.extend(declared.to_le_bytes());
        h.extend((name.len() as u16).to_le_bytes());
        h.extend(0u16.to_le_bytes()); // extra
        if central {
            h.extend([0u8; 6]); // comment length, disk, internal attributes
            h.extend(0u32.to_le_bytes()); // external attributes
            h.extend(0u32.to_le_bytes()); // offset of the local header
        }
        h.extend(name);
        h
    };
    let mut out = header(0x0403_4b50, false);
    out.extend(&data);
    let central = header(0x0201_4b50, true);
    let at = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend(1u16.to_le_bytes());
    out.extend(1u16.to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// A PDF written by hand with one page per content stream, and a correct
/// cross-reference table.
pub fn pdf(pages: &[&str]) -> Vec<u8> {
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", 4 + 2 * i))
        .collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    for (i, content) in pages.iter().enumerate() {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ));
    }
    pdf_of_objects(&objects)
}

fn text_page(text: &str) -> String {
    format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET")
}

/// The message of the one `evidence-not-scanned` finding on `file` (line 1).
fn not_scanned(repo: &Repo, file: &str) -> String {
    let json = check_json(repo.path());
    let found: Vec<_> = findings(&json, "evidence-not-scanned")
        .into_iter()
        .filter(|(f, _, _)| f == file)
        .collect();
    assert_eq!(found.len(), 1, "one finding on {file}: {found:?}");
    assert_eq!(found[0].1, 1, "{found:?}");
    found[0].2.clone()
}

fn with_limits(limits: &str) -> Repo {
    Repo::passing().edit(
        "partnership.toml",
        "submission = 2026-03-20\n",
        &format!("submission = 2026-03-20\n[limits]\n{limits}\n"),
    )
}

#[test]
fn zip_bomb_docx_lying_about_its_size() {
    let repo = Repo::passing().bytes("evidence/files/minutes.docx", &zip_bomb(300, 10));
    let message = not_scanned(&repo, "evidence/files/minutes.docx");
    assert_eq!(
        message,
        "not scanned for personal information: zip member word/document.xml expands beyond the size it declares (a zip bomb, or a damaged .docx)"
    );
}

#[test]
fn zip_bomb_docx_over_the_member_limit() {
    let repo = Repo::passing().bytes("evidence/files/minutes.docx", &zip_bomb(300, 300 << 20));
    let message = not_scanned(&repo, "evidence/files/minutes.docx");
    assert_eq!(
        message,
        "not scanned for personal information (over a limit): zip member word/document.xml expands beyond 100 MiB (limits.max_member_mb in partnership.toml)"
    );
}

#[test]
fn docx_that_is_not_a_zip() {
    let repo = Repo::passing().file(
        "evidence/files/minutes.docx",
        "<html><body>Saved from a web page with the wrong name</body></html>",
    );
    assert_eq!(
        not_scanned(&repo, "evidence/files/minutes.docx"),
        "not scanned for personal information: not a zip archive (corrupt .docx?)"
    );
}

#[test]
fn truncated_pdf() {
    let whole = pdf(&[&text_page("Minutes of the child protection committee")]);
    let repo = Repo::passing().bytes("evidence/files/minutes.pdf", &whole[..whole.len() / 2]);
    assert_eq!(
        not_scanned(&repo, "evidence/files/minutes.pdf"),
        "not scanned for personal information: could not read this PDF (damaged, or built in a way psdoc cannot read)"
    );
}

#[test]
fn pdf_without_a_text_layer() {
    let repo = Repo::passing().bytes(
        "evidence/files/scan.pdf",
        &pdf(&["q 612 0 0 792 0 0 cm 0 0 m 612 792 l S Q"]),
    );
    assert_eq!(
        not_scanned(&repo, "evidence/files/scan.pdf"),
        "not scanned for personal information: a PDF with no text layer (a scanned document?): psdoc cannot read text in images"
    );
}

#[test]
fn binary_data_named_txt() {
    let bytes: Vec<u8> = (0..=255u8).cycle().take(64 << 10).collect();
    let repo = Repo::passing().bytes("evidence/files/notes.txt", &bytes);
    assert_eq!(
        not_scanned(&repo, "evidence/files/notes.txt"),
        "not scanned for personal information: binary data in a .txt file"
    );
}

#[test]
fn readable_evidence_is_scanned_beside_hostile_files() {
    // The bad files do not stop the good ones from being read.
    let repo = Repo::passing()
        .bytes("evidence/files/a-bomb.docx", &zip_bomb(50, 10))
        .bytes(
            "evidence/files/b-minutes.docx",
            &docx(&["Attendees by role.", "Contact: jo.bloggs@example.com"]),
        )
        .bytes("evidence/files/c-cut.pdf", b"%PDF-1.4\n1 0 obj\n<<")
        .bytes(
            "evidence/files/d-audit.pdf",
            &pdf(&[&text_page("Audit"), &text_page("Call 07700 900123")]),
        );
    let json = check_json(repo.path());
    let ids: Vec<(String, u64, Option<u64>)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "personal-identifier")
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["page"].as_u64(),
            )
        })
        .collect();
    assert_eq!(
        ids,
        [
            ("evidence/files/b-minutes.docx".to_owned(), 2, None),
            ("evidence/files/d-audit.pdf".to_owned(), 1, Some(2)),
        ]
    );
    assert_eq!(findings(&json, "evidence-not-scanned").len(), 2);
}

#[test]
fn limit_on_the_file_size() {
    let text = "Minutes of the Chief Officers' Group.\n".repeat(60_000);
    let repo = with_limits("max_file_mb = 2").file("evidence/files/minutes.txt", &text);
    assert_eq!(
        not_scanned(&repo, "evidence/files/minutes.txt"),
        "not scanned for personal information (over a limit): over the 2 MiB limit (limits.max_file_mb in partnership.toml)"
    );
    // Under the default limit the same file is read.
    let repo = Repo::passing().file("evidence/files/minutes.txt", &text);
    assert!(findings(&check_json(repo.path()), "evidence-not-scanned").is_empty());
}

#[test]
fn limit_on_a_member_of_an_archive() {
    let long = "Attendees by role. ".repeat(60_000);
    let repo =
        with_limits("max_member_mb = 1").bytes("evidence/files/minutes.docx", &docx(&[&long]));
    assert_eq!(
        not_scanned(&repo, "evidence/files/minutes.docx"),
        "not scanned for personal information (over a limit): zip member word/document.xml expands beyond 1 MiB (limits.max_member_mb in partnership.toml)"
    );
}

#[test]
fn limit_on_a_whole_archive() {
    let half = "Attendees by role. ".repeat(40_000);
    let bytes = zip_of(&[
        ("word/document.xml", docx_xml(&half)),
        ("word/footer1.xml", docx_xml(&half)),
        ("word/header1.xml", docx_xml(&half)),
    ]);
    let repo = with_limits("max_archive_mb = 1").bytes("evidence/files/minutes.docx", &bytes);
    assert_eq!(
        not_scanned(&repo, "evidence/files/minutes.docx"),
        "not scanned for personal information (over a limit): the .docx expands beyond 1 MiB in all (limits.max_archive_mb in partnership.toml)"
    );
}

fn docx_xml(text: &str) -> Vec<u8> {
    format!(r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"#).into_bytes()
}

#[test]
fn limit_on_pdf_pages() {
    let pages: Vec<String> = (1..=3).map(|n| text_page(&format!("Page {n}"))).collect();
    let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
    let repo = with_limits("max_pdf_pages = 1").bytes("evidence/files/plan.pdf", &pdf(&pages));
    assert_eq!(
        not_scanned(&repo, "evidence/files/plan.pdf"),
        "not scanned for personal information (over a limit): part of it could not be read: only the first 1 of 3 pages were read (limits.max_pdf_pages in partnership.toml)"
    );
}

#[test]
fn limits_apply_to_scan_too() {
    let repo = with_limits("max_file_mb = 1")
        .file("evidence/files/minutes.txt", &"Minutes.\n".repeat(200_000));
    let json = psdoc(repo.path(), &["scan", "--format", "json"]).json();
    let found = findings(&json, "evidence-not-scanned");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].2.contains("(over a limit)"), "{found:?}");
    // And to files named on the command line, with the statement's settings.
    let json = psdoc(
        repo.path(),
        &["scan", "evidence/files/minutes.txt", "--format", "json"],
    )
    .json();
    let found = findings(&json, "evidence-not-scanned");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].2.contains("over the 1 MiB limit"), "{found:?}");
}

/// A finding in a PDF names its page in the message, so that SARIF and GitHub's
/// annotations, which show only the file and the message, say where to look.
#[test]
fn a_pdf_finding_names_its_page() {
    let repo = Repo::passing().bytes(
        "evidence/files/audit.pdf",
        &pdf(&[&text_page("Audit"), &text_page("Call 07700 900123")]),
    );
    let json = check_json(repo.path());
    let found: Vec<_> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "personal-identifier")
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["page"], 2);
    assert_eq!(found[0]["place"], "page 2");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("page 2: a phone number"),
        "{}",
        found[0]["message"]
    );
}

/// A Word file saved beside the log (not in the evidence folder) is scanned too, and
/// a damaged one there is reported, never silence.
#[test]
fn office_files_outside_the_evidence_folder_are_scanned() {
    let repo = Repo::passing()
        .bytes(
            "evidence/old-audit.docx",
            &docx(&["Contact: jo.bloggs@example.com"]),
        )
        .bytes("evidence/broken.docx", b"not a zip");
    let json = check_json(repo.path());
    let ids = findings(&json, "personal-identifier");
    assert_eq!(ids.len(), 1);
    assert_eq!(ids[0].0, "evidence/old-audit.docx");
    let not_scanned = findings(&json, "evidence-not-scanned");
    assert_eq!(not_scanned.len(), 1);
    assert_eq!(not_scanned[0].0, "evidence/broken.docx");
}

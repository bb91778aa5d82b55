//! Hostile and broken evidence: each ends as the right NotScanned, within bounded
//! memory, never a panic.

use psdoc_extract::{Limits, NotScannedKind, extract_bytes};

use crate::fixtures::{self, Member, Page, deflated_zeros, w_document};
use crate::raw_pdf::pdf_of_objects;
use crate::{not_scanned, ok, refused};

const MIB: u64 = 1 << 20;

fn small_limits() -> Limits {
    Limits {
        max_file_bytes: 10 * MIB,
        max_member_bytes: MIB,
        max_archive_bytes: 2 * MIB,
        max_pdf_pages: 10,
    }
}

/// Peak resident memory of this process so far, in bytes (Linux).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Runs `f`, failing the test when the process's peak memory grew by 100 MiB or more
/// meanwhile (where it can be read: Linux).
fn within_memory<T>(f: impl FnOnce() -> T) -> T {
    let before = peak_rss();
    let out = f();
    if let (Some(before), Some(after)) = (before, peak_rss()) {
        assert!(
            after.saturating_sub(before) < 100 * MIB,
            "peak memory grew by {} bytes",
            after - before
        );
    }
    out
}

#[test]
fn zip_bomb_declared_small_stops_at_the_member_limit() {
    // 300 MiB of zeros in about 300 KiB, declared as 10 bytes.
    let bomb = Member {
        name: "word/document.xml",
        data: deflated_zeros(300),
        declared: Some(10),
        raw_deflate: true,
    };
    let bytes = fixtures::zip(&[
        Member::new("_rels/.rels", fixtures::PACKAGE_RELS_DOCX),
        bomb,
    ]);
    assert!(bytes.len() < 2 * MIB as usize);
    let n = within_memory(|| extract_bytes("bomb.docx", &bytes, &small_limits())).unwrap_err();
    assert_eq!(
        n.reason,
        "zip member word/document.xml expands beyond the size it declares (a zip bomb, or a damaged .docx)"
    );
}

#[test]
fn zip_bomb_declared_honestly_is_refused_before_reading() {
    let bomb = Member {
        name: "word/document.xml",
        data: deflated_zeros(5),
        declared: Some(5 << 20),
        raw_deflate: true,
    };
    let bytes = fixtures::zip(&[bomb]);
    let n = not_scanned(
        "bomb.docx",
        &bytes,
        &small_limits(),
        NotScannedKind::OverLimit,
    );
    assert_eq!(
        n.reason,
        "zip member word/document.xml expands beyond 1 MiB (limits.max_member_bytes)"
    );

    // With the default limits the same file is read... and is not XML.
    let n = extract_bytes("bomb.docx", &bytes, &Limits::default()).unwrap_err();
    assert_eq!(n.kind, NotScannedKind::Corrupt, "{n:?}");
}

#[test]
fn archive_limit_counts_all_members() {
    // Three honest members of 800 KiB each: each under the member limit, together
    // over the archive limit.
    let para = fixtures::w_p(&"x".repeat(800 << 10));
    let part = |root: &str| fixtures::w_part(root, &para);
    let bytes = fixtures::docx(
        &para,
        &[
            ("word/header1.xml", part("hdr")),
            ("word/footer1.xml", part("ftr")),
        ],
    );
    let n = not_scanned(
        "big.docx",
        &bytes,
        &small_limits(),
        NotScannedKind::OverLimit,
    );
    assert_eq!(
        n.reason,
        "the .docx expands beyond 2 MiB in all (limits.max_archive_bytes)"
    );
}

#[test]
fn docx_that_is_not_a_zip() {
    let n = refused(
        "report.docx",
        b"<html>exported from a web page</html>",
        NotScannedKind::Corrupt,
    );
    assert_eq!(n.reason, "not a zip archive (corrupt .docx?)");
    let n = refused("sheet.xlsx", b"", NotScannedKind::Corrupt);
    assert_eq!(n.reason, "not a zip archive (corrupt .xlsx?)");
    // Password-protected Office files are OLE compound files.
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.extend([0u8; 504]);
    refused("secret.docx", &ole, NotScannedKind::Encrypted);
    // A zip without the Word part.
    let zip = fixtures::zip(&[Member::new("hello.txt", "hi")]);
    let n = refused("odd.docx", &zip, NotScannedKind::Corrupt);
    assert_eq!(
        n.reason,
        "not a Word document: word/document.xml is missing (corrupt .docx?)"
    );
    let n = refused("odd.odt", &zip, NotScannedKind::Corrupt);
    assert_eq!(
        n.reason,
        "not an OpenDocument file: content.xml is missing (corrupt .odt?)"
    );
    refused("odd.xlsx", &zip, NotScannedKind::Corrupt);
}

#[test]
fn docx_with_malformed_or_truncated_xml() {
    let bytes = fixtures::zip(&[Member::new(
        "word/document.xml",
        "<w:document><w:body><w:p><w:t>Kyle</w:t></w:p><w:p attr=\"unclosed>",
    )]);
    let n = refused("broken.docx", &bytes, NotScannedKind::Corrupt);
    assert_eq!(
        n.reason,
        "zip member word/document.xml is damaged (malformed XML): corrupt .docx?"
    );

    let good = fixtures::docx(&fixtures::w_p("Kyle Smith, aged 9"), &[]);
    for cut in (0..good.len()).step_by(7) {
        let _ = extract_bytes("cut.docx", &good[..cut], &Limits::default());
    }
}

#[test]
fn docx_with_invalid_utf8_is_not_scanned_or_read_not_dropped() {
    let xml = w_document(&fixtures::w_p("cafX Kyle"));
    let bytes: Vec<u8> = xml
        .bytes()
        .map(|b| if b == b'X' { 0xE9 } else { b })
        .collect();
    let zip = fixtures::zip(&[Member::new("word/document.xml", bytes)]);
    match extract_bytes("latin.docx", &zip, &Limits::default()) {
        Ok(e) => assert!(
            e.units.iter().any(|u| u.text.contains("Kyle")),
            "{:?}",
            e.units
        ),
        Err(n) => assert_eq!(n.kind, NotScannedKind::Corrupt),
    }
}

#[test]
fn truncated_pdf() {
    let good = fixtures::pdf(&[Page::text(
        "BT /F1 12 Tf 72 720 Td (Kyle Smith, aged 9) Tj ET",
    )]);
    let n = refused("cut.pdf", &good[..40], NotScannedKind::Corrupt);
    assert_eq!(
        n.reason,
        "could not read this PDF (damaged, or built in a way psdoc cannot read)"
    );
    // Cut inside the page's content: the page is damaged, not a scan.
    let at = good.windows(6).position(|w| w == b"stream").unwrap();
    refused("cut.pdf", &good[..at + 10], NotScannedKind::Corrupt);
    // Every cut either reads what is left or is NotScanned: never a panic.
    for cut in (0..good.len()).step_by(5) {
        let _ = extract_bytes("cut.pdf", &good[..cut], &Limits::default());
    }
}

#[test]
fn pdf_without_text() {
    let bytes = fixtures::pdf(&[Page::text("")]);
    let n = refused("scan.pdf", &bytes, NotScannedKind::NoText);
    assert_eq!(
        n.reason,
        "a PDF with no text layer (a scanned document?): psdoc cannot read text in images"
    );
    // Drawing only.
    let bytes = fixtures::pdf(&[Page::text("0 0 m 100 100 l S")]);
    refused("drawing.pdf", &bytes, NotScannedKind::NoText);
}

#[test]
fn not_a_pdf() {
    let n = refused(
        "report.pdf",
        b"PK\x03\x04 a zip really",
        NotScannedKind::Corrupt,
    );
    assert_eq!(
        n.reason,
        "not a PDF file (no %PDF header): damaged, or another format renamed .pdf"
    );
}

#[test]
fn encrypted_pdf() {
    let plain = fixtures::pdf(&[Page::text(
        "BT /F1 12 Tf 72 720 Td (Kyle Smith, aged 9) Tj ET",
    )]);
    let encrypt = |user: &str| {
        let mut doc = lopdf::Document::load_mem(&plain).unwrap();
        let version = lopdf::EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password: user,
            key_length: 128,
            permissions: lopdf::Permissions::all(),
        };
        let state = lopdf::EncryptionState::try_from(version).unwrap();
        doc.encrypt(&state).unwrap();
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    };
    let n = refused("locked.pdf", &encrypt("secret"), NotScannedKind::Encrypted);
    assert_eq!(
        n.reason,
        "an encrypted PDF: psdoc cannot read it without the password"
    );
    // Encrypted with an empty user password (it only restricts printing or copying):
    // any reader opens it, so psdoc reads it too.
    let e = ok("restricted.pdf", &encrypt(""));
    assert_eq!(crate::texts(&e), vec!["Kyle Smith, aged 9"]);
}

#[test]
fn pdf_decompression_bomb_in_page_content() {
    // A page whose content stream inflates to 300 MiB.
    let mut zlib = vec![0x78, 0x9C];
    zlib.extend(deflated_zeros(300));
    let mut page = Page::text("");
    page.extra = "";
    let mut bytes = fixtures::pdf(&[page]);
    // Replace the empty content stream with the bomb.
    let marker = b"<< /Length 0 >>\nstream\n\nendstream";
    let at = bytes
        .windows(marker.len())
        .position(|w| w == marker)
        .unwrap();
    let mut replacement = format!(
        "<< /Length {} /Filter /FlateDecode >>\nstream\n",
        zlib.len()
    )
    .into_bytes();
    replacement.extend(&zlib);
    replacement.extend(b"\nendstream");
    bytes.splice(at..at + marker.len(), replacement);
    // The xref offsets after the page are now wrong: lopdf repairs them.
    let n = within_memory(|| extract_bytes("bomb.pdf", &bytes, &small_limits())).unwrap_err();
    assert_eq!(n.kind, NotScannedKind::OverLimit);
    assert_eq!(
        n.reason,
        "the content of page 1 expands beyond 1 MiB (limits.max_member_bytes)"
    );
}

#[test]
fn binary_txt() {
    let mut elf = b"\x7FELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    elf.extend((0..2000u32).map(|i| (i * 7 % 256) as u8));
    let n = refused("notes.txt", &elf, NotScannedKind::Binary);
    assert_eq!(n.reason, "binary data in a .txt file");
    refused("data.csv", &elf, NotScannedKind::Binary);
    refused("page.html", &elf, NotScannedKind::Binary);
    refused(
        "notes.md",
        b"\x01\x02\x03\x04\x05\x06 text",
        NotScannedKind::Binary,
    );
}

#[test]
fn images_and_unsupported_formats() {
    let n = refused("photo.JPG", b"\xFF\xD8\xFF", NotScannedKind::Image);
    assert_eq!(
        n.reason,
        "an image: psdoc cannot read text in images (check it by eye)"
    );
    for name in [
        "a.png", "a.jpeg", "a.gif", "a.tif", "a.tiff", "a.bmp", "a.heic",
    ] {
        refused(name, b"", NotScannedKind::Image);
    }
    let n = refused("plan.pages", b"", NotScannedKind::Unsupported);
    assert_eq!(
        n.reason,
        "unsupported format .pages (save it as .docx or .pdf)"
    );
    let n = refused("old.doc", b"", NotScannedKind::Unsupported);
    assert_eq!(
        n.reason,
        "unsupported format .doc (save it as .docx or .pdf)"
    );
    let n = refused("archive.7z", b"", NotScannedKind::Unsupported);
    assert_eq!(n.reason, "unsupported format .7z");
    let n = refused("README", b"text", NotScannedKind::Unsupported);
    assert_eq!(
        n.reason,
        "unsupported format (the file name has no extension)"
    );
}

#[test]
fn over_the_file_limit_in_memory() {
    let limits = Limits {
        max_file_bytes: 4,
        ..Limits::default()
    };
    let n = not_scanned("notes.txt", b"12345", &limits, NotScannedKind::OverLimit);
    assert_eq!(n.reason, "over the 4 bytes limit (limits.max_file_bytes)");
}

#[test]
fn a_huge_sparse_sheet_keeps_a_bounded_table() {
    // Cells on a diagonal: a dense table would have rows x columns cells.
    let mut data = String::new();
    for i in 1..=3000usize {
        let col = psdoc_extract::cell_name(i % 16000 + 1, i);
        data.push_str(&format!(
            r#"<row r="{i}"><c r="{col}"><v>{i}</v></c></row>"#
        ));
    }
    let bytes = fixtures::xlsx(&[("Sparse", &data)], &[], "", None);
    let e = ok("sparse.xlsx", &bytes);
    assert_eq!(e.units.len(), 3000);
    let t = &e.tables[0];
    assert!(t.truncated);
    let cells: usize = t.rows.len() * t.column_numbers.len();
    assert!(cells <= 2_000_000 + 3000, "{cells}");
    assert_eq!(e.incomplete.len(), 1);
    assert!(
        e.incomplete[0]
            .reason
            .starts_with("sheet 'Sparse' is too large to check for small numbers")
    );
}

#[test]
fn pdf_with_a_very_deep_page_tree() {
    // Catalog, then 50,000 page-tree nodes each the only kid of the one before.
    let depth = 50_000;
    let mut objects = vec!["<< /Type /Catalog /Pages 2 0 R >>".to_string()];
    for i in 0..depth {
        let id = 2 + i;
        objects.push(format!(
            "<< /Type /Pages /Kids [{} 0 R] /Count 1 >>",
            id + 1
        ));
    }
    objects.push("<< /Type /Page /Contents 99999999 0 R >>".to_string());
    let result = extract_bytes("deep.pdf", &pdf_of_objects(&objects), &Limits::default());
    assert!(result.is_err(), "{:?}", result.map(|e| e.units));
}

#[test]
fn pdf_with_deeply_nested_content_operands() {
    let nested = format!("{}(x){}", "[".repeat(1_000_000), "]".repeat(1_000_000));
    let content = format!("BT /F1 12 Tf 72 720 Td (before) Tj {nested} TJ (after) Tj ET");
    let bytes = fixtures::pdf(&[Page::text(&content)]);
    // Reading stops at the operand it cannot parse; what came before is kept.
    match extract_bytes("nested.pdf", &bytes, &Limits::default()) {
        Ok(e) => assert_eq!(crate::texts(&e), vec!["before"]),
        Err(n) => assert_eq!(n.kind, NotScannedKind::NoText),
    }
}

#[test]
fn html_and_csv_with_pathological_nesting_and_quotes() {
    let html = "<div>".repeat(200_000) + "Kyle" + &"</div>".repeat(200_000);
    assert_eq!(
        crate::texts(&ok("deep.html", html.as_bytes())),
        vec!["Kyle"]
    );
    let csv = "\"".repeat(100_001);
    let _ = ok("quotes.csv", csv.as_bytes());
    let script = "<script>".repeat(50_000);
    let _ = ok("scripts.html", script.as_bytes());
}

#[test]
fn xml_nested_too_deep_is_refused() {
    let deep = "<w:sdt>".repeat(100_000);
    let bytes = fixtures::zip(&[Member::new("word/document.xml", w_document(&deep))]);
    let n = refused("deep.docx", &bytes, NotScannedKind::Corrupt);
    assert_eq!(
        n.reason,
        "zip member word/document.xml is damaged (malformed XML): corrupt .docx?"
    );
}

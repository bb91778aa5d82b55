//! Arbitrary and mutated bytes under every extension: extraction may refuse them,
//! but never panics (a panic fails the property).

use proptest::prelude::*;
use psdoc_extract::{Limits, extract_bytes};

use crate::fixtures::{self, Page};

const EXTENSIONS: &[&str] = &[
    "txt", "md", "csv", "tsv", "html", "docx", "xlsx", "odt", "pdf", "png", "bin",
];

fn limits() -> Limits {
    Limits {
        max_file_bytes: 1 << 20,
        max_member_bytes: 1 << 20,
        max_archive_bytes: 2 << 20,
        max_pdf_pages: 20,
    }
}

/// 64 cases per property, or `PROPTEST_CASES` for a longer run by hand
/// (`PROPTEST_CASES=20000 cargo test --release -p psdoc-extract fuzz`).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

/// Valid files of each zip and PDF format, to mutate.
fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "docx",
            fixtures::docx(
                &fixtures::w_p("Kyle Smith, aged 9, EH12 9DN"),
                &[(
                    "word/footer1.xml",
                    fixtures::w_part("ftr", &fixtures::w_p("footer")),
                )],
            ),
        ),
        (
            "odt",
            fixtures::odt(
                "<text:p>Kyle<text:s text:c=\"3\"/>Smith</text:p>",
                "<text:p>f</text:p>",
            ),
        ),
        (
            "xlsx",
            fixtures::xlsx(
                &[(
                    "S",
                    r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>42000</v></c></row>"#,
                )],
                &["<t>Kyle</t>"],
                r#"<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>"#,
                Some(r#"<comment ref="A1"><text><t>c</t></text></comment>"#),
            ),
        ),
        (
            "pdf",
            fixtures::pdf(&[
                Page::text(
                    "BT /F1 12 Tf 72 720 Td [(Kyle)-300(Smith)] TJ 14 TL T* (EH12 9DN) Tj ET",
                ),
                Page {
                    compress: true,
                    ..Page::text("BT /F1 9 Tf 1 0 0 1 50 50 Tm (p2) Tj ET q 2 0 0 2 0 0 cm Q")
                },
            ]),
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), ext in 0..EXTENSIONS.len()) {
        let _ = extract_bytes(&format!("f.{}", EXTENSIONS[ext]), &bytes, &limits());
    }

    #[test]
    fn text_like_bytes_never_panic(s in "[<>&;#a-z0-9\"'=/ \\r\\n!-]{0,400}", ext in 0..5usize) {
        let _ = extract_bytes(&format!("f.{}", EXTENSIONS[ext]), s.as_bytes(), &limits());
    }

    #[test]
    fn mutated_documents_never_panic(
        which in 0..4usize,
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let seeds = seeds();
        let (ext, mut bytes) = seeds[which].clone();
        for (at, value) in flips {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len() + 1));
        }
        let _ = extract_bytes(&format!("f.{ext}"), &bytes, &limits());
    }
}

#[test]
fn seeds_are_read() {
    for (ext, bytes) in seeds() {
        let e = extract_bytes(&format!("f.{ext}"), &bytes, &limits())
            .unwrap_or_else(|n| panic!("{ext}: {n}"));
        assert!(!e.units.is_empty(), "{ext}");
    }
}

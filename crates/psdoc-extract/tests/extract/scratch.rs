use crate::fixtures::{self, Member, Page, deflated_zeros};
use psdoc_extract::{Limits, extract_bytes};
#[test]
fn scratch() {
    let lim = Limits {
        max_file_bytes: 10 << 20,
        max_member_bytes: 1 << 20,
        max_archive_bytes: 2 << 20,
        max_pdf_pages: 10,
    };
    let bomb = Member {
        name: "word/document.xml",
        data: deflated_zeros(300),
        declared: Some(10),
        raw_deflate: true,
    };
    let bytes = fixtures::zip(&[bomb]);
    eprintln!(
        "small-declared: {:?}",
        extract_bytes("b.docx", &bytes, &lim)
    );
    let mut zlib = vec![0x78, 0x9C];
    zlib.extend(deflated_zeros(300));
    let mut bytes = fixtures::pdf(&[Page::text("")]);
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
    eprintln!("pdf bomb: {:?}", extract_bytes("b.pdf", &bytes, &lim));
    let good = fixtures::pdf(&[Page::text(
        "BT /F1 12 Tf 72 720 Td (Kyle Smith, aged 9) Tj ET",
    )]);
    for cut in [good.len() / 2, good.len() - 30, good.len() - 10] {
        eprintln!(
            "cut {cut}: {:?}",
            extract_bytes("c.pdf", &good[..cut], &lim).map(|e| e.units)
        );
    }
}

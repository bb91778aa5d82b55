//! Evidence files built by the tests themselves: zip archives (honest or lying
//! about their sizes), Word, OpenDocument and Excel files, and hand-written PDFs
//! with correct cross-reference offsets.

use std::io::Write;

use flate2::Compression;
use flate2::write::DeflateEncoder;

/// One zip member: its name, its bytes, and optionally the uncompressed size to
/// declare instead of the true one.
pub struct Member<'a> {
    pub name: &'a str,
    pub data: Vec<u8>,
    pub declared: Option<u32>,
    /// Already-deflated data (for bombs built without inflating them first).
    pub raw_deflate: bool,
}

impl<'a> Member<'a> {
    pub fn new(name: &'a str, data: impl Into<Vec<u8>>) -> Self {
        Member {
            name,
            data: data.into(),
            declared: None,
            raw_deflate: false,
        }
    }
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = DeflateEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A zip archive written byte by byte, so sizes can lie.
pub fn zip(members: &[Member<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for m in members {
        let (compressed, size, crc) = if m.raw_deflate {
            (m.data.clone(), 0u32, 0u32)
        } else {
            let mut crc = flate2::Crc::new();
            crc.update(&m.data);
            (deflate(&m.data), m.data.len() as u32, crc.sum())
        };
        let declared = m.declared.unwrap_or(size);
        let offset = out.len() as u32;
        let name = m.name.as_bytes();
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes()); // made by
            }
            h.extend(20u16.to_le_bytes()); // needed
            h.extend(0u16.to_le_bytes()); // flags
            h.extend(8u16.to_le_bytes()); // deflate
            h.extend(0u16.to_le_bytes()); // time
            h.extend(0x21u16.to_le_bytes()); // date
            h.extend(crc.to_le_bytes());
            h.extend((compressed.len() as u32).to_le_bytes());
            h.extend(declared.to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend(0u16.to_le_bytes()); // comment
                h.extend(0u16.to_le_bytes()); // disk
                h.extend(0u16.to_le_bytes()); // internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(name);
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(&compressed);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend((members.len() as u16).to_le_bytes());
    out.extend((members.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// A raw deflate stream of `mib` MiB of zeros, built without holding them: a
/// sync-flushed block of 1 MiB repeated (every back-reference reads zeros), then
/// an empty final block.
pub fn deflated_zeros(mib: usize) -> Vec<u8> {
    let mut c = flate2::Compress::new(Compression::best(), false);
    let zeros = vec![0u8; 1 << 20];
    let mut block = Vec::with_capacity(8 << 10);
    c.compress_vec(&zeros, &mut block, flate2::FlushCompress::Sync)
        .unwrap();
    assert_eq!(c.total_in(), 1 << 20, "the block must take the whole MiB");
    let mut out = Vec::with_capacity(block.len() * mib + 2);
    for _ in 0..mib {
        out.extend(&block);
    }
    out.extend([0x03, 0x00]); // final, fixed Huffman, end of block
    out
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

pub fn w_document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>"#
    )
}

pub fn w_part(root: &str, body: &str) -> String {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:{root} {W}>{body}</w:{root}>"#)
}

pub const PACKAGE_RELS_DOCX: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// A .docx with the given body and extra parts.
pub fn docx(body: &str, parts: &[(&str, String)]) -> Vec<u8> {
    let mut members = vec![
        Member::new("[Content_Types].xml", "<Types/>"),
        Member::new("_rels/.rels", PACKAGE_RELS_DOCX),
        Member::new("word/document.xml", w_document(body)),
    ];
    for (name, xml) in parts {
        members.push(Member::new(name, xml.as_bytes()));
    }
    zip(&members)
}

/// A paragraph of one run.
pub fn w_p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

const ODF: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/""#;

pub fn odt(content_body: &str, footer: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF}><office:body><office:text>{content_body}</office:text></office:body></office:document-content>"#
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ODF}><office:master-styles><style:master-page style:name="Standard"><style:footer>{footer}</style:footer></style:master-page></office:master-styles></office:document-styles>"#
    );
    zip(&[
        Member::new("mimetype", "application/vnd.oasis.opendocument.text"),
        Member::new("content.xml", content),
        Member::new("styles.xml", styles),
        Member::new("META-INF/manifest.xml", "<manifest:manifest/>"),
    ])
}

const SS: &str = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// A workbook: sheets as (name, sheetData XML), shared strings, styles' cellXfs
/// and numFmts, and comments for the first sheet.
pub fn xlsx(
    sheets: &[(&str, &str)],
    shared: &[&str],
    styles: &str,
    comments: Option<&str>,
) -> Vec<u8> {
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut sheet_entries = String::new();
    let mut rels = String::new();
    for (i, (name, _)) in sheets.iter().enumerate() {
        let state = if i == 1 { r#" state="hidden""# } else { "" };
        sheet_entries.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{}" r:id="rId{}"{state}/>"#,
            i + 1,
            i + 1
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="{rel}/worksheet" Target="worksheets/sheet{}.xml"/>"#,
            i + 1,
            i + 1
        ));
    }
    rels.push_str(&format!(
        r#"<Relationship Id="rIdS" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="{rel}/styles" Target="/xl/styles.xml"/>"#
    ));
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook {SS}><workbookPr/><sheets>{sheet_entries}</sheets></workbook>"#
    );
    let mut si = String::new();
    for s in shared {
        si.push_str(&format!("<si>{s}</si>"));
    }
    let mut members = vec![
        Member::new(
            "_rels/.rels",
            format!(
                r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        Member::new("xl/workbook.xml", workbook),
        Member::new(
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
            ),
        ),
        Member::new(
            "xl/sharedStrings.xml",
            format!(
                r#"<?xml version="1.0"?><sst {SS} count="{0}" uniqueCount="{0}">{si}</sst>"#,
                shared.len()
            ),
        ),
        Member::new(
            "xl/styles.xml",
            format!(r#"<?xml version="1.0"?><styleSheet {SS}>{styles}</styleSheet>"#),
        ),
    ];
    let names: Vec<String> = (1..=sheets.len())
        .map(|i| format!("xl/worksheets/sheet{i}.xml"))
        .collect();
    for (i, (_, data)) in sheets.iter().enumerate() {
        members.push(Member::new(
            &names[i],
            format!(
                r#"<?xml version="1.0"?><worksheet {SS}><sheetData>{data}</sheetData></worksheet>"#
            ),
        ));
    }
    if let Some(c) = comments {
        members.push(Member::new(
            "xl/worksheets/_rels/sheet1.xml.rels",
            format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/comments" Target="../comments1.xml"/></Relationships>"#),
        ));
        members.push(Member::new(
            "xl/comments1.xml",
            format!(r#"<?xml version="1.0"?><comments {SS}><authors><author>A. Officer</author></authors><commentList>{c}</commentList></comments>"#),
        ));
    }
    zip(&members)
}

/// A PDF page: its content stream, and whether to compress it.
pub struct Page<'a> {
    pub content: &'a str,
    pub compress: bool,
    /// Extra entries for the page dictionary (`/Annots [...]`).
    pub extra: &'a str,
    /// Extra objects this page needs (numbered from 100), as `(number, body)`.
    pub objects: Vec<(u32, String)>,
    /// Resources beyond the fonts.
    pub resources: &'a str,
    /// Fonts beyond `/F1` (Helvetica), as `/F2 100 0 R`.
    pub fonts: &'a str,
}

impl<'a> Page<'a> {
    pub fn text(content: &'a str) -> Self {
        Page {
            content,
            compress: false,
            extra: "",
            objects: Vec::new(),
            resources: "",
            fonts: "",
        }
    }
}

/// A PDF written by hand: catalog, page tree, one Helvetica font, the pages and
/// their content streams, with a correct cross-reference table.
pub fn pdf(pages: &[Page<'_>]) -> Vec<u8> {
    let mut objects: Vec<(u32, Vec<u8>)> = Vec::new();
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", 10 + 2 * i))
        .collect();
    objects.push((1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()));
    objects.push((
        2,
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        )
        .into_bytes(),
    ));
    objects.push((
        3,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    ));
    for (i, page) in pages.iter().enumerate() {
        let page_id = 10 + 2 * i as u32;
        let content_id = page_id + 1;
        objects.push((
            page_id,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R {} >> {} >> /Contents {content_id} 0 R {} >>",
                page.fonts, page.resources, page.extra
            )
            .into_bytes(),
        ));
        let (data, filter) = if page.compress {
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), Compression::default());
            e.write_all(page.content.as_bytes()).unwrap();
            (e.finish().unwrap(), " /Filter /FlateDecode")
        } else {
            (page.content.as_bytes().to_vec(), "")
        };
        let mut body = format!("<< /Length {}{filter} >>\nstream\n", data.len()).into_bytes();
        body.extend(&data);
        body.extend(b"\nendstream");
        objects.push((content_id, body));
        for (n, o) in &page.objects {
            objects.push((*n, o.clone().into_bytes()));
        }
    }
    objects.sort_by_key(|(n, _)| *n);
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let max = objects.last().map_or(0, |(n, _)| *n);
    let mut offsets = vec![None; max as usize + 1];
    for (n, body) in &objects {
        offsets[*n as usize] = Some(out.len());
        out.extend(format!("{n} 0 obj\n").into_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n", max + 1).into_bytes());
    out.extend(b"0000000000 65535 f \n");
    for off in offsets.iter().skip(1) {
        match off {
            Some(o) => out.extend(format!("{o:010} 00000 n \n").into_bytes()),
            None => out.extend(b"0000000000 65535 f \n"),
        }
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n{xref}\n%%EOF\n",
            max + 1
        )
        .into_bytes(),
    );
    out
}

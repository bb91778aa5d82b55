//! The statement as a Word file (.docx): Word's own heading styles, so the
//! navigation pane and a contents field work; real lists, tables with a
//! repeating header row, hyperlinks (evidence references to their public
//! documents), footnotes, the partnership and date in the page header and
//! "Page N of M" in the footer.
//!
//! Written directly as WordprocessingML rather than through a DOCX crate:
//! docx-rs numbers hyperlinks from a process-wide counter (two exports in
//! one process differ), has no repeating header rows (`w:tblHeader`), and
//! would bring a second zip and XML stack; the seven parts needed here are
//! small, and writing them keeps every byte fixed by the statement.

mod body;
mod parts;

use crate::archive;
use crate::cover::Cover;
use crate::document::{Block, Document};
use crate::error::Result;

pub use body::Body;

const NAMESPACES: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// The statement as a .docx file.
pub fn statement(document: &Document) -> Result<Vec<u8>> {
    write(&document.cover, &document.blocks)
}

/// A Word file of `blocks`, with the cover facts in its header and
/// properties.
pub fn write(cover: &Cover, blocks: &[Block]) -> Result<Vec<u8>> {
    let body = Body::of(blocks);
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {NAMESPACES}><w:body>{}<w:sectPr><w:headerReference w:type="default" r:id="rId5"/><w:footerReference w:type="default" r:id="rId6"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1304" w:bottom="1304" w:left="1304" w:header="708" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
        body.xml
    );
    let date = cover.submission.to_string();
    let core = parts::core(&cover.title(), &cover.partnership, &date);
    let app = parts::app();
    let styles = parts::styles();
    let numbering = parts::numbering(&body.lists);
    let rels = parts::document_rels(&body.links);
    let footnotes = parts::footnotes(&body.footnotes);
    let footnote_rels = footnote_rels(&body.footnote_links);
    let header = parts::header(&cover.partnership, &cover.date());
    let entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", parts::CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", parts::ROOT_RELS.as_bytes()),
        ("docProps/core.xml", core.as_bytes()),
        ("docProps/app.xml", app.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
        ("word/settings.xml", parts::SETTINGS.as_bytes()),
        ("word/footnotes.xml", footnotes.as_bytes()),
        ("word/_rels/footnotes.xml.rels", footnote_rels.as_bytes()),
        ("word/header1.xml", header.as_bytes()),
        ("word/footer1.xml", parts::FOOTER.as_bytes()),
    ];
    archive::zip("Word file", cover.submission, entries)
}

fn footnote_rels(links: &[String]) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, url) in links.iter().enumerate() {
        out.push_str(&format!(
            r#"<Relationship Id="rIdL{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="{}" TargetMode="External"/>"#,
            i + 1,
            crate::xml::escape(url)
        ));
    }
    out.push_str("</Relationships>");
    out
}

//! The text layer of a PDF, page by page and line by line.
//!
//! `mod.rs` reads the document and its pages within the limits; `content` interprets
//! a page's content stream, `fonts` decodes its text, `page_text` builds its lines,
//! `geometry` holds the matrices, and `page_parts` finds a page's resources and
//! annotations.
//!
//! lopdf parses the file (and decrypts one that only restricts printing or
//! copying); the page content is interpreted here, because identifiers depend on
//! word spacing that a naive reading loses: text positioned by kerning or moves
//! (`[(EH12)-250(9DN)]TJ`) must read "EH12 9DN", and text on a new baseline is a new
//! line. Annotations (comments on the PDF) and form-field values are read too.
//!
//! PDF parsers panic on hostile input: the whole reading runs under
//! `catch_unwind`, with a panic hook that keeps the panic quiet (its message could
//! quote the document). Work is bounded: each stream's decompressed size, the page
//! content in all, the number of content operations and the nesting of forms.

use std::cell::Cell;
use std::collections::HashMap;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use lopdf::{Document, LoadOptions, Object};

use crate::model::{
    Extracted, Format, Limits, Location, NotScanned, NotScannedKind, TextUnit, human_bytes,
};

mod content;
mod fonts;
mod geometry;
mod page_parts;
mod page_text;

use content::Reader;
use page_parts::{annotation_texts, page_resources};
use page_text::{PageText, State};

/// Content-stream operations interpreted per document, across all pages and forms:
/// real documents use a few thousand per page.
const MAX_OPERATIONS: u64 = 20_000_000;
/// Forms inside forms.
const MAX_FORM_DEPTH: u32 = 12;
/// Saved graphics states (`q`) kept; deeper ones are counted, not stored.
const MAX_STATE_STACK: usize = 256;

thread_local! {
    static QUIET_PANICS: Cell<bool> = const { Cell::new(false) };
}

/// Installs, once per process, a panic hook that stays silent for panics raised
/// while a PDF is being read on this thread, and passes every other panic to the
/// hook that was there before.
fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET_PANICS.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

pub(crate) fn pdf(bytes: &[u8], limits: &Limits) -> Result<Extracted, NotScanned> {
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_none() {
        return Err(NotScanned::new(
            NotScannedKind::Corrupt,
            "not a PDF file (no %PDF header): damaged, or another format renamed .pdf",
        ));
    }
    install_quiet_hook();
    let was_quiet = QUIET_PANICS.with(|q| q.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(|| read(bytes, limits)));
    QUIET_PANICS.with(|q| q.set(was_quiet));
    match result {
        Ok(result) => result,
        Err(_) => Err(could_not_read()),
    }
}

fn could_not_read() -> NotScanned {
    NotScanned::new(
        NotScannedKind::Corrupt,
        "could not read this PDF (damaged, or built in a way psdoc cannot read)",
    )
}

fn all_content_over(limits: &Limits) -> String {
    format!(
        "the page content expands beyond {} in all (limits.max_archive_bytes)",
        human_bytes(limits.max_archive_bytes)
    )
}

fn too_complex() -> String {
    format!("the pages are too complex (over {MAX_OPERATIONS} drawing operations)")
}

fn encrypted() -> NotScanned {
    NotScanned::new(
        NotScannedKind::Encrypted,
        "an encrypted PDF: psdoc cannot read it without the password",
    )
}

fn read(bytes: &[u8], limits: &Limits) -> Result<Extracted, NotScanned> {
    let per_stream = usize::try_from(limits.max_member_bytes).unwrap_or(usize::MAX);
    let options = LoadOptions {
        max_decompressed_size: Some(per_stream),
        ..LoadOptions::default()
    };
    let doc = match Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword)
        | Err(lopdf::Error::UnsupportedSecurityHandler(_)) => return Err(encrypted()),
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            return Err(NotScanned::new(
                NotScannedKind::OverLimit,
                format!(
                    "a stream of this PDF expands beyond {} (limits.max_member_bytes)",
                    human_bytes(limits.max_member_bytes)
                ),
            ));
        }
        Err(_) => return Err(could_not_read()),
    };
    if doc.is_encrypted() {
        return Err(encrypted());
    }
    let pages = doc.get_pages();
    if limits.max_pdf_pages == 0 {
        return Err(NotScanned::new(
            NotScannedKind::OverLimit,
            "PDF pages are not read (limits.max_pdf_pages is 0)",
        ));
    }
    if pages.is_empty() {
        return Err(NotScanned::new(
            NotScannedKind::Corrupt,
            "a PDF with no pages",
        ));
    }

    let mut reader = Reader {
        doc: &doc,
        fonts: HashMap::new(),
        operations_left: MAX_OPERATIONS,
        per_stream,
        content_left: limits.max_archive_bytes,
        undecodable: false,
        saw_image: false,
    };
    let mut units = Vec::new();
    let mut incomplete = Vec::new();
    let mut no_text_pages = Vec::new();
    let mut failed_pages = Vec::new();
    let mut undecodable_pages = Vec::new();
    let mut oversized_pages = Vec::new();
    // The first page not read because a whole-document budget ran out, and why.
    let mut stopped: Option<(u32, String)> = None;
    let page_count = pages.len();
    for (&number, &page_id) in pages.iter().take(limits.max_pdf_pages as usize) {
        if reader.content_left == 0 {
            stopped = Some((number, all_content_over(limits)));
            break;
        }
        if reader.operations_left == 0 {
            stopped = Some((number, too_complex()));
            break;
        }
        reader.saw_image = false;
        reader.undecodable = false;
        let mut page = PageText::default();
        let streams = doc.get_page_contents(page_id);
        let damaged = !streams.is_empty()
            && streams
                .iter()
                .all(|id| doc.get_object(*id).and_then(Object::as_stream).is_err());
        let by_total = reader.content_left < per_stream as u64;
        let cap = per_stream.min(usize::try_from(reader.content_left).unwrap_or(usize::MAX));
        if damaged {
            failed_pages.push(number);
        } else {
            match doc.get_page_content_with_limit(page_id, cap) {
                Ok(content) => {
                    reader.content_left = reader.content_left.saturating_sub(content.len() as u64);
                    let resources = page_resources(&doc, page_id);
                    let mut state = State::default();
                    reader.run(
                        &content,
                        &resources,
                        &mut state,
                        0,
                        &mut page,
                        &mut Vec::new(),
                    );
                }
                Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                })) => {
                    if by_total {
                        stopped = Some((number, all_content_over(limits)));
                        break;
                    }
                    oversized_pages.push(number);
                }
                Err(_) => failed_pages.push(number),
            }
        }
        page.end_line();
        let text_lines = page.lines.len();
        page.lines.extend(annotation_texts(&doc, page_id));
        if text_lines == 0 {
            if reader.undecodable {
                undecodable_pages.push(number);
            } else if reader.saw_image {
                no_text_pages.push(number);
            }
        }
        for (i, text) in page.lines.into_iter().enumerate() {
            units.push(TextUnit::new(
                text,
                Location::Page {
                    page: number,
                    line: i + 1,
                },
            ));
        }
        if reader.operations_left == 0 && stopped.is_none() {
            stopped = Some((number, too_complex()));
            break;
        }
    }

    let oversized = |pages: &[u32]| {
        NotScanned::new(
            NotScannedKind::OverLimit,
            format!(
                "the content of {} expands beyond {} (limits.max_member_bytes)",
                pages_phrase(pages, "", ""),
                human_bytes(limits.max_member_bytes)
            ),
        )
    };
    if units.is_empty() {
        if let Some((_, why)) = stopped {
            return Err(NotScanned::new(NotScannedKind::OverLimit, why));
        }
        if !oversized_pages.is_empty() {
            return Err(oversized(&oversized_pages));
        }
        if !undecodable_pages.is_empty() {
            return Err(NotScanned::new(
                NotScannedKind::NoText,
                "a PDF whose text psdoc cannot decode (its fonts have no Unicode map): \
                 check it by eye",
            ));
        }
        if !failed_pages.is_empty() {
            return Err(could_not_read());
        }
        return Err(NotScanned::new(
            NotScannedKind::NoText,
            "a PDF with no text layer (a scanned document?): psdoc cannot read text in images",
        ));
    }
    if !no_text_pages.is_empty() {
        incomplete.push(NotScanned::new(
            NotScannedKind::NoText,
            format!(
                "{} no text layer (scanned?): psdoc cannot read text in images",
                pages_phrase(&no_text_pages, "has", "have")
            ),
        ));
    }
    if !undecodable_pages.is_empty() {
        incomplete.push(NotScanned::new(
            NotScannedKind::NoText,
            format!(
                "{} text in fonts psdoc cannot decode",
                pages_phrase(&undecodable_pages, "has", "have")
            ),
        ));
    }
    if !failed_pages.is_empty() {
        incomplete.push(NotScanned::new(
            NotScannedKind::Corrupt,
            format!(
                "{} could not be read (damaged?)",
                pages_phrase(&failed_pages, "", "")
            ),
        ));
    }
    if !oversized_pages.is_empty() {
        incomplete.push(oversized(&oversized_pages));
    }
    if let Some((first, why)) = stopped {
        incomplete.push(NotScanned::new(
            NotScannedKind::OverLimit,
            format!("reading stopped at page {first} of {page_count}: {why}"),
        ));
    } else if page_count > limits.max_pdf_pages as usize {
        incomplete.push(NotScanned::new(
            NotScannedKind::OverLimit,
            format!(
                "only the first {} of {page_count} pages were read (limits.max_pdf_pages)",
                limits.max_pdf_pages
            ),
        ));
    }
    Ok(Extracted {
        format: Format::Pdf,
        units,
        tables: Vec::new(),
        incomplete,
    })
}

/// "page 3 has", "pages 3, 5-7 have".
fn pages_phrase(pages: &[u32], one: &str, many: &str) -> String {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for &p in pages {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == p => *end = p,
            _ => ranges.push((p, p)),
        }
    }
    let list: Vec<String> = ranges
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    let (noun, verb) = if pages.len() == 1 {
        ("page", one)
    } else {
        ("pages", many)
    };
    let verb = if verb.is_empty() {
        String::new()
    } else {
        format!(" {verb}")
    };
    format!("{noun} {}{verb}", list.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_lists() {
        assert_eq!(pages_phrase(&[3], "has", "have"), "page 3 has");
        assert_eq!(
            pages_phrase(&[3, 5, 6, 7], "has", "have"),
            "pages 3, 5-7 have"
        );
        assert_eq!(pages_phrase(&[2, 4], "", ""), "pages 2, 4");
    }
}

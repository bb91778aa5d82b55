//! The text layer of a PDF, page by page and line by line.
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
use std::rc::Rc;
use std::sync::Once;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, LoadOptions, Object};

use crate::model::{
    Extracted, Format, Limits, Location, NotScanned, NotScannedKind, TextUnit, human_bytes,
};
use crate::text::push_document_text;

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
            units.push(TextUnit {
                text,
                location: Location::Page {
                    page: number,
                    line: i + 1,
                },
            });
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

/// The resource dictionaries that apply to a page, nearest first.
fn page_resources(doc: &Document, page_id: lopdf::ObjectId) -> Vec<&Dictionary> {
    let mut list = Vec::new();
    if let Ok((direct, ids)) = doc.get_page_resources(page_id) {
        list.extend(direct);
        for id in ids {
            if let Ok(d) = doc.get_dictionary(id) {
                list.push(d);
            }
        }
    }
    list
}

/// Text in the page's annotations: comments (`/Contents`) and form-field values (`/V`).
fn annotation_texts(doc: &Document, page_id: lopdf::ObjectId) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(annotations) = doc.get_page_annotations(page_id) else {
        return out;
    };
    for annotation in annotations.into_iter().take(10_000) {
        let mut values = Vec::new();
        if let Ok(contents) = annotation.get_deref(b"Contents", doc) {
            values.push(contents);
        }
        let is_widget = annotation
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|s| s == b"Widget");
        if is_widget {
            if let Ok(v) = annotation.get_deref(b"V", doc) {
                values.push(v);
            } else if let Ok(parent) = annotation
                .get_deref(b"Parent", doc)
                .and_then(Object::as_dict)
                && let Ok(v) = parent.get_deref(b"V", doc)
            {
                values.push(v);
            }
        }
        for value in values {
            let text = match value {
                Object::String(..) => lopdf::decode_text_string(value).unwrap_or_default(),
                Object::Array(items) => items
                    .iter()
                    .filter_map(|i| lopdf::decode_text_string(i).ok())
                    .collect::<Vec<_>>()
                    .join(" "),
                _ => String::new(),
            };
            for line in text.split(['\r', '\n']) {
                let mut clean = String::new();
                push_document_text(&mut clean, line);
                let clean = clean.trim();
                if !clean.is_empty() {
                    out.push(clean.to_owned());
                }
            }
        }
    }
    out
}

/// A 2-D affine matrix `[a b c d e f]`, applied to row vectors as PDF does.
type Matrix = [f32; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn multiply(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn translate(tx: f32, ty: f32, m: &Matrix) -> Matrix {
    multiply(&[1.0, 0.0, 0.0, 1.0, tx, ty], m)
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

#[derive(Clone)]
struct State<'d> {
    ctm: Matrix,
    tm: Matrix,
    tlm: Matrix,
    font: Option<Rc<Font<'d>>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    horizontal_scale: f32,
    leading: f32,
    rise: f32,
}

impl Default for State<'_> {
    fn default() -> Self {
        State {
            ctm: IDENTITY,
            tm: IDENTITY,
            tlm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// The lines of one page as they are built.
#[derive(Default)]
struct PageText {
    lines: Vec<String>,
    current: String,
    /// Where the last text shown ended: x, baseline y, font size (device space).
    last: Option<(f32, f32, f32)>,
}

impl PageText {
    fn end_line(&mut self) {
        let line = self.current.trim();
        if !line.is_empty() {
            self.lines.push(line.to_owned());
        }
        self.current.clear();
    }

    /// Adds text that starts at (x, y) and ends at `x_end`, starting a new line when
    /// the baseline moves and a space when there is a gap.
    fn place(&mut self, text: &str, x: f32, y: f32, x_end: f32, size: f32) {
        let size = if size.is_finite() && size > 0.0 {
            size
        } else {
            1.0
        };
        if let Some((last_end, last_y, last_size)) = self.last {
            // Lines are a font size or more apart; a superscript moves less.
            if (y - last_y).abs() > 0.5 * size.max(last_size) {
                self.end_line();
            } else {
                let gap = x - last_end;
                let separated = gap > 0.15 * size || gap < -1.5 * size;
                if separated
                    && !self.current.is_empty()
                    && !self.current.ends_with(' ')
                    && !text.starts_with(' ')
                {
                    self.current.push(' ');
                }
            }
        }
        self.current.push_str(text);
        self.last = Some((x_end, y, size));
    }
}

/// What is needed of a font: its map to Unicode and the widths of its glyphs.
struct Font<'d> {
    encoding: Option<Encoding<'d>>,
    two_byte: bool,
    first_char: i64,
    widths: Vec<f32>,
    cid_widths: Vec<(u32, u32, f32)>,
    default_width: f32,
    /// Glyph space to text space: 1/1000, or a Type 3 font's matrix.
    scale: f32,
}

impl Font<'_> {
    fn width(&self, code: u32) -> f32 {
        let w = if self.two_byte {
            // Sorted by first code: the last range starting at or before `code`.
            let i = self
                .cid_widths
                .partition_point(|(first, _, _)| *first <= code);
            match i.checked_sub(1).map(|i| self.cid_widths[i]) {
                Some((_, last, w)) if code <= last => w,
                _ => self.default_width,
            }
        } else {
            usize::try_from(i64::from(code) - self.first_char)
                .ok()
                .and_then(|i| self.widths.get(i))
                .copied()
                .unwrap_or(self.default_width)
        };
        w * self.scale
    }
}

fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn build_font<'d>(doc: &'d Document, dict: &'d Dictionary, per_stream: usize) -> Font<'d> {
    let subtype = dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .unwrap_or(b"");
    let two_byte = subtype == b"Type0";
    // A ToUnicode map says what the text means, whatever the encoding says
    // (ISO 32000-1, 9.10.2): try it first.
    let mut encoding = None;
    if dict.has(b"ToUnicode") {
        let mut only_to_unicode = dict.clone();
        only_to_unicode.remove(b"Encoding");
        if let Ok(Encoding::UnicodeMapEncoding(map)) =
            only_to_unicode.get_font_encoding_with_limit(doc, per_stream)
        {
            encoding = Some(Encoding::UnicodeMapEncoding(map));
        }
    }
    if encoding.is_none() {
        if two_byte {
            // Without a ToUnicode map, the codes of a composite font are glyph numbers:
            // only the Unicode CMaps decode.
            if let Ok(name) = dict.get(b"Encoding").and_then(Object::as_name)
                && (name == b"UniGB-UCS2-H" || name == b"UniGB-UTF16-H")
            {
                encoding = dict.get_font_encoding_with_limit(doc, per_stream).ok();
            }
        } else {
            encoding = dict.get_font_encoding_with_limit(doc, per_stream).ok();
        }
    }

    let mut font = Font {
        encoding,
        two_byte,
        first_char: 0,
        widths: Vec::new(),
        cid_widths: Vec::new(),
        default_width: 500.0,
        scale: 0.001,
    };
    if two_byte {
        font.default_width = 1000.0;
        let descendant = dict
            .get_deref(b"DescendantFonts", doc)
            .and_then(Object::as_array)
            .ok()
            .and_then(|a| a.first())
            .and_then(|d| doc.dereference(d).ok())
            .and_then(|(_, d)| d.as_dict().ok());
        if let Some(cid) = descendant {
            if let Some(dw) = cid.get(b"DW").ok().and_then(number) {
                font.default_width = dw;
            }
            if let Ok(w) = cid.get_deref(b"W", doc).and_then(Object::as_array) {
                font.cid_widths = cid_widths(doc, w);
                font.cid_widths.sort_by_key(|(first, _, _)| *first);
            }
        }
    } else {
        font.first_char = dict.get(b"FirstChar").and_then(Object::as_i64).unwrap_or(0);
        if let Ok(widths) = dict.get_deref(b"Widths", doc).and_then(Object::as_array) {
            font.widths = widths
                .iter()
                .take(65_536)
                .map(|w| {
                    doc.dereference(w)
                        .ok()
                        .and_then(|(_, w)| number(w))
                        .unwrap_or(0.0)
                })
                .collect();
            font.default_width = dict
                .get_deref(b"FontDescriptor", doc)
                .and_then(Object::as_dict)
                .ok()
                .and_then(|d| d.get(b"MissingWidth").ok().and_then(number))
                .filter(|w| *w > 0.0)
                .unwrap_or(500.0);
        } else {
            let base = dict
                .get(b"BaseFont")
                .and_then(Object::as_name)
                .unwrap_or(b"");
            if memchr::memmem::find(base, b"Courier").is_some() {
                font.default_width = 600.0;
            }
        }
        if subtype == b"Type3"
            && let Ok(m) = dict
                .get_deref(b"FontMatrix", doc)
                .and_then(Object::as_array)
            && let Some(a) = m.first().and_then(number)
            && a.is_finite()
            && a != 0.0
        {
            font.scale = a.abs();
        }
    }
    font
}

/// A composite font's `/W` array: `c [w1 w2 ...]` or `c_first c_last w`.
fn cid_widths(doc: &Document, w: &[Object]) -> Vec<(u32, u32, f32)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() && out.len() < 65_536 {
        let Some(first) = number(&w[i]).map(|f| f as u32) else {
            break;
        };
        let next = w
            .get(i + 1)
            .and_then(|o| doc.dereference(o).ok())
            .map(|(_, o)| o);
        match next {
            Some(Object::Array(list)) => {
                for (k, width) in list.iter().take(65_536).enumerate() {
                    let code = first.saturating_add(k as u32);
                    out.push((code, code, number(width).unwrap_or(0.0)));
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(width)) = (number(last), w.get(i + 2).and_then(number))
                else {
                    break;
                };
                out.push((first, last as u32, width));
                i += 3;
            }
            None => break,
        }
    }
    out
}

struct Reader<'d> {
    doc: &'d Document,
    /// Fonts built so far, by the address of their dictionary in the document.
    fonts: HashMap<usize, Rc<Font<'d>>>,
    operations_left: u64,
    per_stream: usize,
    content_left: u64,
    /// Text was shown in a font psdoc cannot decode.
    undecodable: bool,
    /// The page paints an image.
    saw_image: bool,
}

impl<'d> Reader<'d> {
    fn resource(
        &self,
        resources: &[&'d Dictionary],
        category: &[u8],
        name: &[u8],
    ) -> Option<&'d Object> {
        for res in resources {
            let Ok(group) = res.get_deref(category, self.doc).and_then(Object::as_dict) else {
                continue;
            };
            if let Ok(obj) = group.get_deref(name, self.doc) {
                return Some(obj);
            }
        }
        None
    }

    fn font(&mut self, resources: &[&'d Dictionary], name: &[u8]) -> Option<Rc<Font<'d>>> {
        let dict = self.resource(resources, b"Font", name)?.as_dict().ok()?;
        let key = dict as *const Dictionary as usize;
        if let Some(font) = self.fonts.get(&key) {
            return Some(Rc::clone(font));
        }
        let font = Rc::new(build_font(self.doc, dict, self.per_stream));
        self.fonts.insert(key, Rc::clone(&font));
        Some(font)
    }

    /// Interprets one content stream (a page's or a form's).
    fn run(
        &mut self,
        content: &[u8],
        resources: &[&'d Dictionary],
        state: &mut State<'d>,
        depth: u32,
        page: &mut PageText,
        forms_open: &mut Vec<usize>,
    ) {
        let mut saved: Vec<State<'d>> = Vec::new();
        let mut unsaved = 0usize;
        for op in Content::decode_iter(content) {
            let Ok(op) = op else { break };
            if self.operations_left == 0 {
                return;
            }
            self.operations_left -= 1;
            let operands = &op.operands;
            let num = |i: usize| operands.get(i).and_then(number).filter(|v| v.is_finite());
            match op.operator.as_str() {
                "q" => {
                    if saved.len() < MAX_STATE_STACK {
                        saved.push(state.clone());
                    } else {
                        unsaved += 1;
                    }
                }
                "Q" => {
                    if unsaved > 0 {
                        unsaved -= 1;
                    } else if let Some(s) = saved.pop() {
                        *state = s;
                    }
                }
                "cm" => {
                    if let (Some(a), Some(b), Some(c), Some(d), Some(e), Some(f)) =
                        (num(0), num(1), num(2), num(3), num(4), num(5))
                    {
                        state.ctm = multiply(&[a, b, c, d, e, f], &state.ctm);
                    }
                }
                "BT" => {
                    state.tm = IDENTITY;
                    state.tlm = IDENTITY;
                }
                "Tf" => {
                    state.font = operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|name| self.font(resources, name));
                    state.size = num(1).unwrap_or(state.size);
                }
                "Tc" => state.char_spacing = num(0).unwrap_or(0.0),
                "Tw" => state.word_spacing = num(0).unwrap_or(0.0),
                "Tz" => state.horizontal_scale = num(0).unwrap_or(100.0) / 100.0,
                "TL" => state.leading = num(0).unwrap_or(0.0),
                "Ts" => state.rise = num(0).unwrap_or(0.0),
                "Td" | "TD" => {
                    let (tx, ty) = (num(0).unwrap_or(0.0), num(1).unwrap_or(0.0));
                    if op.operator == "TD" {
                        state.leading = -ty;
                    }
                    state.tlm = translate(tx, ty, &state.tlm);
                    state.tm = state.tlm;
                }
                "Tm" => {
                    if let (Some(a), Some(b), Some(c), Some(d), Some(e), Some(f)) =
                        (num(0), num(1), num(2), num(3), num(4), num(5))
                    {
                        state.tlm = [a, b, c, d, e, f];
                        state.tm = state.tlm;
                    }
                }
                "T*" => next_line(state),
                "Tj" => {
                    if let Some(Object::String(s, _)) = operands.first() {
                        self.show(s, state, page);
                    }
                }
                "'" => {
                    next_line(state);
                    if let Some(Object::String(s, _)) = operands.first() {
                        self.show(s, state, page);
                    }
                }
                "\"" => {
                    state.word_spacing = num(0).unwrap_or(state.word_spacing);
                    state.char_spacing = num(1).unwrap_or(state.char_spacing);
                    next_line(state);
                    if let Some(Object::String(s, _)) = operands.get(2) {
                        self.show(s, state, page);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = operands.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(s, state, page),
                                other => {
                                    if let Some(adjust) = number(other).filter(|v| v.is_finite()) {
                                        let tx =
                                            -adjust / 1000.0 * state.size * state.horizontal_scale;
                                        state.tm = translate(tx, 0.0, &state.tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "BI" => self.saw_image = true,
                "Do" => {
                    if let Some(name) = operands.first().and_then(|o| o.as_name().ok()) {
                        self.draw_object(name, resources, state, depth, page, forms_open);
                    }
                }
                _ => {}
            }
        }
    }

    /// `Do`: an image marks the page as painted; a form is interpreted in place.
    fn draw_object(
        &mut self,
        name: &[u8],
        resources: &[&'d Dictionary],
        state: &State<'d>,
        depth: u32,
        page: &mut PageText,
        forms_open: &mut Vec<usize>,
    ) {
        let Some(Object::Stream(stream)) = self.resource(resources, b"XObject", name) else {
            return;
        };
        let subtype = stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        if subtype == b"Image" {
            self.saw_image = true;
            return;
        }
        if subtype != b"Form" || depth >= MAX_FORM_DEPTH {
            return;
        }
        let key = stream as *const lopdf::Stream as usize;
        if forms_open.contains(&key) {
            return; // a form that draws itself
        }
        let cap = self
            .per_stream
            .min(usize::try_from(self.content_left).unwrap_or(usize::MAX));
        let Ok(content) = stream.get_plain_content_with_limit(cap) else {
            return;
        };
        self.content_left = self.content_left.saturating_sub(content.len() as u64);
        let mut inner_resources: Vec<&'d Dictionary> = Vec::new();
        if let Ok(own) = stream
            .dict
            .get_deref(b"Resources", self.doc)
            .and_then(Object::as_dict)
        {
            inner_resources.push(own);
        }
        inner_resources.extend_from_slice(resources);
        let mut inner = state.clone();
        if let Ok(m) = stream
            .dict
            .get_deref(b"Matrix", self.doc)
            .and_then(Object::as_array)
            && m.len() == 6
        {
            let v: Vec<f32> = m.iter().filter_map(number).collect();
            if v.len() == 6 && v.iter().all(|x| x.is_finite()) {
                inner.ctm = multiply(&[v[0], v[1], v[2], v[3], v[4], v[5]], &inner.ctm);
            }
        }
        forms_open.push(key);
        self.run(
            &content,
            &inner_resources,
            &mut inner,
            depth + 1,
            page,
            forms_open,
        );
        forms_open.pop();
    }

    /// Shows a string: decodes it, places it on the page, and advances the text matrix.
    fn show(&mut self, bytes: &[u8], state: &mut State<'d>, page: &mut PageText) {
        let Some(font) = state.font.clone() else {
            if !bytes.is_empty() {
                self.undecodable = true;
            }
            return;
        };
        let decoded = font
            .encoding
            .as_ref()
            .and_then(|e| e.bytes_to_string(bytes).ok());
        let text = match decoded {
            Some(raw) => clean(&raw),
            None => {
                if !bytes.is_empty() {
                    self.undecodable = true;
                }
                String::new()
            }
        };
        // Advance along the baseline by the glyphs' widths and the spacings.
        let mut advance = 0.0f32;
        let step = if font.two_byte { 2 } else { 1 };
        for code_bytes in bytes.chunks(step) {
            let code = code_bytes
                .iter()
                .fold(0u32, |acc, b| (acc << 8) | u32::from(*b));
            let mut w = font.width(code) * state.size + state.char_spacing;
            if step == 1 && code == 32 {
                w += state.word_spacing;
            }
            advance += w * state.horizontal_scale;
        }
        let trm = multiply(&state.tm, &state.ctm);
        let (x, y) = apply(&trm, 0.0, state.rise);
        state.tm = translate(advance, 0.0, &state.tm);
        let end = multiply(&state.tm, &state.ctm);
        let (x_end, _) = apply(&end, 0.0, state.rise);
        let scale = (trm[0] * trm[3] - trm[1] * trm[2]).abs().sqrt();
        let size = (state.size.abs() * scale).max(0.01);
        if !text.is_empty() {
            page.place(&text, x, y, x_end, size);
        } else if let Some(last) = page.last.as_mut() {
            // Invisible or undecodable text still moves the pen.
            last.0 = x_end;
        }
    }
}

fn next_line(state: &mut State<'_>) {
    state.tlm = translate(0.0, -state.leading, &state.tlm);
    state.tm = state.tlm;
}

/// Decoded glyph text made scannable: replacement and private-use characters
/// dropped (glyphs without a meaning), then as any document text.
fn clean(raw: &str) -> String {
    let kept: String = raw
        .chars()
        .filter(|c| !matches!(c, '\u{FFFD}' | '\u{E000}'..='\u{F8FF}'))
        .collect();
    let mut out = String::with_capacity(kept.len());
    push_document_text(&mut out, &kept);
    out
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

    #[test]
    fn placing_text() {
        let mut p = PageText::default();
        p.place("EH12", 0.0, 700.0, 30.0, 12.0);
        p.place("9DN", 33.0, 700.0, 55.0, 12.0);
        p.place("Kyl", 60.0, 700.0, 75.0, 12.0);
        p.place("e", 75.5, 700.0, 80.0, 12.0);
        p.place("next", 0.0, 686.0, 20.0, 12.0);
        p.end_line();
        assert_eq!(p.lines, vec!["EH12 9DN Kyle", "next"]);
    }
}

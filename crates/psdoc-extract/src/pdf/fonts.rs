//! Fonts as far as text needs them: the map from codes to Unicode and the widths of
//! glyphs (for the spaces between words that PDF leaves out).

use lopdf::{Dictionary, Document, Encoding, Object};

/// What is needed of a font: its map to Unicode and the widths of its glyphs.
pub(super) struct Font<'d> {
    pub(super) encoding: Option<Encoding<'d>>,
    pub(super) two_byte: bool,
    pub(super) first_char: i64,
    pub(super) widths: Vec<f32>,
    pub(super) cid_widths: Vec<(u32, u32, f32)>,
    pub(super) default_width: f32,
    /// Glyph space to text space: 1/1000, or a Type 3 font's matrix.
    pub(super) scale: f32,
}

impl Font<'_> {
    pub(super) fn width(&self, code: u32) -> f32 {
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

pub(super) fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

pub(super) fn build_font<'d>(
    doc: &'d Document,
    dict: &'d Dictionary,
    per_stream: usize,
) -> Font<'d> {
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

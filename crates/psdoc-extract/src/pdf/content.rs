//! A page's content stream interpreted for its text, with the work it may cost bounded.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};

use super::fonts::{Font, build_font, number};
use super::geometry::{IDENTITY, apply, multiply, translate};
use super::page_text::{PageText, State, next_line};
use super::{MAX_FORM_DEPTH, MAX_STATE_STACK};
use crate::text::push_document_text;

pub(super) struct Reader<'d> {
    pub(super) doc: &'d Document,
    /// Fonts built so far, by the address of their dictionary in the document.
    pub(super) fonts: HashMap<usize, Rc<Font<'d>>>,
    pub(super) operations_left: u64,
    pub(super) per_stream: usize,
    pub(super) content_left: u64,
    /// Text was shown in a font psdoc cannot decode.
    pub(super) undecodable: bool,
    /// The page paints an image.
    pub(super) saw_image: bool,
}

impl<'d> Reader<'d> {
    pub(super) fn resource(
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

    pub(super) fn font(
        &mut self,
        resources: &[&'d Dictionary],
        name: &[u8],
    ) -> Option<Rc<Font<'d>>> {
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
    pub(super) fn run(
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
    pub(super) fn draw_object(
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
    pub(super) fn show(&mut self, bytes: &[u8], state: &mut State<'d>, page: &mut PageText) {
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

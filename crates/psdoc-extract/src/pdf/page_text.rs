//! The text state of a content stream and the lines of a page as they are built: text
//! on a new baseline starts a new line, a gap wider than a space is a space.

use std::rc::Rc;

use super::fonts::Font;
use super::geometry::{IDENTITY, Matrix, translate};

#[derive(Clone)]
pub(super) struct State<'d> {
    pub(super) ctm: Matrix,
    pub(super) tm: Matrix,
    pub(super) tlm: Matrix,
    pub(super) font: Option<Rc<Font<'d>>>,
    pub(super) size: f32,
    pub(super) char_spacing: f32,
    pub(super) word_spacing: f32,
    pub(super) horizontal_scale: f32,
    pub(super) leading: f32,
    pub(super) rise: f32,
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
pub(super) struct PageText {
    pub(super) lines: Vec<String>,
    pub(super) current: String,
    /// Where the last text shown ended: x, baseline y, font size (device space).
    pub(super) last: Option<(f32, f32, f32)>,
}

impl PageText {
    pub(super) fn end_line(&mut self) {
        let line = self.current.trim();
        if !line.is_empty() {
            self.lines.push(line.to_owned());
        }
        self.current.clear();
    }

    /// Adds text that starts at (x, y) and ends at `x_end`, starting a new line when
    /// the baseline moves and a space when there is a gap.
    pub(super) fn place(&mut self, text: &str, x: f32, y: f32, x_end: f32, size: f32) {
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

pub(super) fn next_line(state: &mut State<'_>) {
    state.tlm = translate(0.0, -state.leading, &state.tlm);
    state.tm = state.tlm;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn placing_text() {
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

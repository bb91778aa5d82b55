//! HTML as a browser shows it, line by line: tags, comments, scripts and styles
//! removed, entities decoded; plus the attribute values a person may read or that
//! carry contact details (`alt`, `title`, `mailto:` and `tel:` links, form values).

use crate::model::{Location, TextUnit};

/// Elements whose content is never shown.
const HIDDEN: &[&str] = &["script", "style", "xml", "template", "svg", "math"];

/// Elements that run inside a line of text: no space is added at their tags, so
/// `<b>Jo</b>hn` reads "John". Every other tag separates words.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time",
    "tt", "u", "var", "wbr", "o:p",
];

/// Attributes whose values are shown to people or hold contact details.
const READ_ATTRIBUTES: &[&str] = &[
    "alt",
    "title",
    "aria-label",
    "placeholder",
    "value",
    "label",
    "summary",
    "abbr",
];

pub(crate) fn units(text: &str) -> Vec<TextUnit> {
    let mut parser = Parser {
        src: text,
        pos: 0,
        line: 1,
        buf: String::new(),
        buf_line: 1,
        units: Vec::new(),
    };
    parser.run();
    let mut units = parser.units;
    // Attribute values were emitted as their tags were read, before the text of the
    // same line: put every unit in line order.
    units.sort_by_key(|u| u.location.line());
    units
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    line: usize,
    buf: String,
    buf_line: usize,
    units: Vec<TextUnit>,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn run(&mut self) {
        while self.pos < self.src.len() {
            let rest = self.rest();
            if rest.starts_with("<!--") {
                self.skip_past("-->", 4);
            } else if rest.starts_with("<![CDATA[") {
                self.skip_past("]]>", 9);
            } else if rest.starts_with("<!") || rest.starts_with("<?") {
                self.skip_past(">", 2);
            } else if rest.starts_with("</")
                && rest[2..].starts_with(|c: char| c.is_ascii_alphabetic())
            {
                self.pos += 2;
                let name = self.tag_name();
                self.skip_past(">", 0);
                self.separate(&name);
            } else if rest.starts_with('<')
                && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic())
            {
                self.pos += 1;
                self.start_tag();
            } else if rest.starts_with('&') {
                let (decoded, used) = decode_entity(rest);
                self.pos += used;
                self.push_str(&decoded);
            } else {
                let end = rest.find(['<', '&']).unwrap_or(rest.len()).max(1);
                let end = next_boundary(rest, end);
                let chunk = &rest[..end];
                self.pos += end;
                self.push_str(chunk);
            }
        }
        self.flush();
    }

    /// Adds visible text, ending units at line breaks.
    fn push_str(&mut self, s: &str) {
        let mut rest = s;
        while let Some(i) = rest.find(['\n', '\r']) {
            self.buf.push_str(&rest[..i]);
            let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
            rest = &rest[i + skip..];
            self.line += 1;
            self.flush();
        }
        self.buf.push_str(rest);
    }

    fn flush(&mut self) {
        if !self.buf.trim().is_empty() {
            let text = self.buf.trim_end().replace('\u{00A0}', " ");
            self.units
                .push(TextUnit::new(text, Location::Line(self.buf_line)));
        }
        self.buf.clear();
        self.buf_line = self.line;
    }

    /// Skips to just past `end`, counting the lines skipped; `from` bytes are known
    /// not to hold it.
    fn skip_past(&mut self, end: &str, from: usize) {
        let rest = self.rest();
        let from = next_boundary(rest, from.min(rest.len()));
        let stop = match rest[from..].find(end) {
            Some(i) => from + i + end.len(),
            None => rest.len(),
        };
        self.skip_bytes(stop);
    }

    fn skip_bytes(&mut self, n: usize) {
        let skipped = &self.src[self.pos..self.pos + n];
        let breaks = count_line_breaks(skipped);
        self.pos += n;
        if breaks > 0 {
            // A comment or tag across lines: the text before it stays on its line.
            self.line += breaks;
            self.flush();
        }
    }

    fn tag_name(&mut self) -> String {
        let rest = self.rest();
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        self.pos += end;
        rest[..end].to_ascii_lowercase()
    }

    fn separate(&mut self, name: &str) {
        if !INLINE.contains(&name)
            && !self.buf.is_empty()
            && !self.buf.ends_with(char::is_whitespace)
        {
            self.buf.push(' ');
        }
    }

    fn start_tag(&mut self) {
        let name = self.tag_name();
        self.separate(&name);
        // Attributes, until `>` outside quotes.
        loop {
            let rest = self.rest();
            let Some(c) = rest.chars().next() else { return };
            match c {
                '>' => {
                    self.pos += 1;
                    break;
                }
                '\n' | '\r' => {
                    let n = if rest.starts_with("\r\n") { 2 } else { 1 };
                    self.skip_bytes(n);
                }
                c if c.is_whitespace() || c == '/' => self.pos += c.len_utf8(),
                _ => self.attribute(),
            }
        }
        if HIDDEN.contains(&name.as_str()) {
            self.skip_raw_text(&name);
        }
    }

    /// One `name="value"`, `name='value'`, `name=value` or bare `name`.
    fn attribute(&mut self) {
        let rest = self.rest();
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(rest.len())
            .max(next_boundary(rest, 1).min(rest.len()));
        let key = rest[..end].to_ascii_lowercase();
        self.pos += end;
        // Whitespace around `=`.
        let rest = self.rest();
        let trimmed = rest.trim_start_matches([' ', '\t']);
        if !trimmed.starts_with('=') {
            return;
        }
        self.pos += rest.len() - trimmed.len() + 1;
        let rest = self.rest();
        let ws = rest.len() - rest.trim_start().len();
        self.skip_bytes(ws);
        let rest = self.rest();
        let (raw, used) = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => match rest[1..].find(q) {
                Some(i) => (&rest[1..1 + i], i + 2),
                None => (&rest[1..], rest.len()),
            },
            _ => {
                let end = rest
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(rest.len());
                (&rest[..end], end)
            }
        };
        let value_line = self.line;
        self.skip_bytes(used);
        let wanted = READ_ATTRIBUTES.contains(&key.as_str())
            || (key == "href" && {
                let v = raw.trim_start().to_ascii_lowercase();
                v.starts_with("mailto:") || v.starts_with("tel:") || v.starts_with("sms:")
            });
        if wanted {
            let value = decode_entities(raw).replace(['\n', '\r', '\u{00A0}'], " ");
            if !value.trim().is_empty() {
                self.units
                    .push(TextUnit::new(value, Location::Line(value_line)));
            }
        }
    }

    /// Skips the content of a hidden element up to its end tag (`</script` in any case).
    fn skip_raw_text(&mut self, name: &str) {
        let rest = self.rest().as_bytes();
        let name = name.as_bytes();
        let mut from = 0;
        let stop = loop {
            let Some(i) = memchr::memmem::find(&rest[from..], b"</") else {
                break rest.len();
            };
            let at = from + i;
            let after = &rest[at + 2..];
            if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name) {
                break match memchr::memchr(b'>', &rest[at..]) {
                    Some(j) => at + j + 1,
                    None => rest.len(),
                };
            }
            from = at + 2;
        };
        self.skip_bytes(stop);
    }
}

fn count_line_breaks(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
}

/// The smallest char boundary of `s` at or after `i`.
fn next_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i.min(s.len())
}

/// Decodes every entity in an attribute value.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let (decoded, used) = decode_entity(&rest[i..]);
        out.push_str(&decoded);
        rest = &rest[i + used..];
    }
    out.push_str(rest);
    out
}

/// Decodes the entity at the start of `s` (which starts with `&`): its text and the
/// bytes it used. An unknown or malformed entity is a literal `&`.
fn decode_entity(s: &str) -> (String, usize) {
    let body = &s[1..];
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix, prefix) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (num, 10, 1),
        };
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        if len > 0 && len <= 8 {
            let value = u32::from_str_radix(&digits[..len], radix).unwrap_or(0xFFFD);
            let c = match value {
                // Windows-1252's C1 block, as browsers read it.
                0x80..=0x9F => encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(&[value as u8])
                    .0
                    .chars()
                    .next()
                    .unwrap_or('\u{FFFD}'),
                0xA0 => ' ',
                v => char::from_u32(v).unwrap_or('\u{FFFD}'),
            };
            let semi = usize::from(digits[len..].starts_with(';'));
            return (c.to_string(), 1 + prefix + len + semi);
        }
        return ("&".into(), 1);
    }
    let len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    let name = &body[..len];
    let semi = body[len..].starts_with(';');
    if let Some(text) = named_entity(name)
        && (semi || matches!(name, "amp" | "lt" | "gt" | "quot" | "nbsp" | "copy" | "reg"))
    {
        return (text.to_string(), 1 + len + usize::from(semi));
    }
    ("&".into(), 1)
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" | "ensp" | "emsp" | "thinsp" => " ",
        "shy" | "zwj" | "zwnj" | "lrm" | "rlm" => "",
        "ndash" => "\u{2013}",
        "mdash" => "\u{2014}",
        "minus" => "\u{2212}",
        "hyphen" | "dash" => "\u{2010}",
        "lsquo" => "\u{2018}",
        "rsquo" => "\u{2019}",
        "sbquo" => "\u{201A}",
        "ldquo" => "\u{201C}",
        "rdquo" => "\u{201D}",
        "bdquo" => "\u{201E}",
        "laquo" => "\u{AB}",
        "raquo" => "\u{BB}",
        "hellip" => "\u{2026}",
        "bull" => "\u{2022}",
        "middot" => "\u{B7}",
        "commat" => "@",
        "period" => ".",
        "num" => "#",
        "plus" => "+",
        "lpar" => "(",
        "rpar" => ")",
        "sol" => "/",
        "colon" => ":",
        "pound" => "\u{A3}",
        "euro" => "\u{20AC}",
        "cent" => "\u{A2}",
        "yen" => "\u{A5}",
        "copy" => "\u{A9}",
        "reg" => "\u{AE}",
        "trade" => "\u{2122}",
        "deg" => "\u{B0}",
        "sect" => "\u{A7}",
        "para" => "\u{B6}",
        "times" => "\u{D7}",
        "divide" => "\u{F7}",
        "frac12" => "\u{BD}",
        "frac14" => "\u{BC}",
        "frac34" => "\u{BE}",
        "sup1" => "\u{B9}",
        "sup2" => "\u{B2}",
        "sup3" => "\u{B3}",
        "iexcl" => "\u{A1}",
        "iquest" => "\u{BF}",
        "ordf" => "\u{AA}",
        "ordm" => "\u{BA}",
        "Agrave" => "\u{C0}",
        "Aacute" => "\u{C1}",
        "Acirc" => "\u{C2}",
        "Auml" => "\u{C4}",
        "Ccedil" => "\u{C7}",
        "Egrave" => "\u{C8}",
        "Eacute" => "\u{C9}",
        "Ecirc" => "\u{CA}",
        "Iacute" => "\u{CD}",
        "Ntilde" => "\u{D1}",
        "Oacute" => "\u{D3}",
        "Ouml" => "\u{D6}",
        "Uacute" => "\u{DA}",
        "Uuml" => "\u{DC}",
        "szlig" => "\u{DF}",
        "agrave" => "\u{E0}",
        "aacute" => "\u{E1}",
        "acirc" => "\u{E2}",
        "auml" => "\u{E4}",
        "ccedil" => "\u{E7}",
        "egrave" => "\u{E8}",
        "eacute" => "\u{E9}",
        "ecirc" => "\u{EA}",
        "euml" => "\u{EB}",
        "igrave" => "\u{EC}",
        "iacute" => "\u{ED}",
        "icirc" => "\u{EE}",
        "iuml" => "\u{EF}",
        "ntilde" => "\u{F1}",
        "ograve" => "\u{F2}",
        "oacute" => "\u{F3}",
        "ocirc" => "\u{F4}",
        "ouml" => "\u{F6}",
        "ugrave" => "\u{F9}",
        "uacute" => "\u{FA}",
        "ucirc" => "\u{FB}",
        "uuml" => "\u{FC}",
        "yacute" => "\u{FD}",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<(usize, String)> {
        units(html)
            .into_iter()
            .map(|u| (u.location.line(), u.text))
            .collect()
    }

    #[test]
    fn visible_text_by_line() {
        let html = "<html><head><title>Report</title>\n<style>p { color: red }\n</style>\
                    <script>var x = '07700 900123';</script></head>\n<body><p>Jo<b>hn</b>&nbsp;Smith &amp; co</p>\n\
                    <!-- a comment\nover lines -->\n<td>1</td><td>2</td></body></html>";
        assert_eq!(
            texts(html),
            vec![
                (1, "Report".to_string()),
                (4, "John Smith & co".to_string()),
                (7, "1 2".to_string()),
            ]
        );
    }

    #[test]
    fn attributes_with_identifiers() {
        let html = "<p>Contact\n<a href=\"mailto:jo&#64;example.org\" title='Jo'>us</a>\n<img alt=\"Kyle, aged 9\" src=x.png></p>";
        assert_eq!(
            texts(html),
            vec![
                (1, "Contact".to_string()),
                (2, "mailto:jo@example.org".to_string()),
                (2, "Jo".to_string()),
                (2, "us".to_string()),
                (3, "Kyle, aged 9".to_string()),
            ]
        );
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a&amp;b&#x41;&#66;&copy &bogus; &"),
            "a&bAB\u{A9} &bogus; &"
        );
        assert_eq!(decode_entities("&#150;"), "\u{2013}");
    }

    #[test]
    fn never_panics_on_odd_markup() {
        for s in [
            "<",
            "<a",
            "<a b=\"",
            "</",
            "</a",
            "&#",
            "&#x",
            "<!--",
            "<p é=ü>",
            "<é",
            "a<b",
            "<script>",
        ] {
            let _ = units(s);
        }
    }
}

//! Evidence references in the exported statement: `[E12]` printed as
//! written and linked to the document's public address, so an inspector
//! reading the PDF or the Word file can open it. The document log is a
//! separate document, so a reference never points into a hidden chapter;
//! a document without a public address stays plain text.

use std::collections::BTreeMap;

pub use psdoc_evidence::number_tokens;
use psdoc_evidence::{DocumentLog, ReferenceKind, ReferenceStyle, find_references_with};

use super::model::Inline;

/// Where each document of the log may be opened: its public address.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    pub prefix: String,
    /// Which ways of writing a reference are linked (`evidence.reference_style`).
    pub style: ReferenceStyle,
    /// Document number to its `url`, for documents that have one.
    urls: BTreeMap<u64, String>,
    /// Every document number in the log.
    known: BTreeMap<u64, ()>,
}

impl Targets {
    /// The targets of a (masked) log.
    pub fn of(log: &DocumentLog, prefix: &str, style: ReferenceStyle) -> Self {
        let mut targets = Targets {
            prefix: prefix.to_owned(),
            style,
            ..Targets::default()
        };
        for doc in &log.documents {
            targets.known.insert(doc.id, ());
            if let Some(url) = doc.url.as_ref().filter(|u| is_web_address(u)) {
                targets.urls.entry(doc.id).or_insert_with(|| url.clone());
            }
        }
        targets
    }

    fn url(&self, id: u64) -> Option<String> {
        self.urls.get(&id).cloned()
    }
}

/// Only http(s) addresses become links: anything else in a log is a typo
/// that `invalid-evidence-link` reports, not something to open.
fn is_web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.contains(char::is_whitespace)
}

/// Splits prose into text and evidence references. A reference to one
/// document is one run (`[E12]`); in a list or range each number is its
/// own run and the brackets and commas stay text.
pub fn link_references(text: &str, targets: &Targets) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut at = 0;
    let push_text = |out: &mut Vec<Inline>, s: &str| {
        if s.is_empty() {
            return;
        }
        if let Some(Inline::Text(last)) = out.last_mut() {
            last.push_str(s);
        } else {
            out.push(Inline::Text(s.to_owned()));
        }
    };
    for reference in find_references_with(text, &targets.prefix, targets.style) {
        let ReferenceKind::Cites(_) = reference.kind else {
            continue;
        };
        let range = reference.range.clone();
        let written = &text[range.clone()];
        let parts = reference.link_parts(written, &targets.prefix);
        if parts.numbers.is_empty() {
            continue;
        }
        push_text(&mut out, &text[at..range.start]);
        at = range.end;
        if parts.single {
            let id = parts.numbers[0].1;
            out.push(Inline::Evidence {
                text: written.to_owned(),
                id,
                url: targets.url(id),
            });
            continue;
        }
        let inner = parts.inner;
        let mut inner_at = 0;
        push_text(&mut out, parts.open);
        for (token, id) in parts.numbers {
            push_text(&mut out, &inner[inner_at..token.start]);
            out.push(Inline::Evidence {
                text: inner[token.clone()].to_owned(),
                id,
                url: targets.url(id),
            });
            inner_at = token.end;
        }
        push_text(&mut out, &inner[inner_at..]);
        push_text(&mut out, parts.close);
    }
    push_text(&mut out, &text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use psdoc_evidence::Document;

    fn targets() -> Targets {
        let doc = |id: u64, url: Option<&str>| Document {
            id,
            title: format!("Document {id}"),
            url: url.map(str::to_owned),
            file: None,
            public: url.is_some(),
            date: None,
            until: None,
            core: Vec::new(),
            series: None,
            body: None,
            line: 1,
            key_lines: Default::default(),
        };
        let log = DocumentLog {
            path: "evidence/log.toml".into(),
            documents: vec![
                doc(3, Some("https://example.org/3.pdf")),
                doc(5, None),
                doc(12, Some("https://example.org/12.pdf")),
            ],
        };
        Targets::of(&log, "E", ReferenceStyle::Any)
    }

    #[test]
    fn one_reference_is_one_link() {
        let out = link_references("as the audit found [E12].", &targets());
        assert_eq!(
            out,
            vec![
                Inline::Text("as the audit found ".into()),
                Inline::Evidence {
                    text: "[E12]".into(),
                    id: 12,
                    url: Some("https://example.org/12.pdf".into())
                },
                Inline::Text(".".into()),
            ]
        );
    }

    /// Text runs as written, links as `<text|has url>`.
    fn shown(out: &[Inline]) -> Vec<String> {
        out.iter()
            .map(|i| match i {
                Inline::Text(t) => t.clone(),
                Inline::Evidence { text, url, .. } => format!("<{text}|{}>", url.is_some()),
                _ => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn lists_and_ranges_link_each_number() {
        let out = link_references("[E3, E5-E12]", &targets());
        assert_eq!(
            shown(&out),
            ["[", "<E3|true>", ", ", "<E5|false>", "-", "<E12|true>", "]"]
        );
    }

    #[test]
    fn references_written_other_ways_link_each_number_and_keep_the_text() {
        let out = link_references("as found (E12); see E3 to E5.", &targets());
        assert_eq!(
            shown(&out),
            [
                "as found (",
                "<E12|true>",
                "); see ",
                "<E3|true>",
                " to ",
                "<E5|false>",
                "."
            ]
        );
    }

    #[test]
    fn not_references_stay_text() {
        let text = "[Example] and [E] and E6a and the postcode E6 1AB";
        assert_eq!(
            link_references(text, &targets()),
            vec![Inline::Text(text.into())]
        );
    }

    #[test]
    fn with_brackets_only_other_forms_stay_text() {
        let mut targets = targets();
        targets.style = ReferenceStyle::Brackets;
        let text = "as found (E12); see E3.";
        assert_eq!(
            link_references(text, &targets),
            vec![Inline::Text(text.into())]
        );
    }
}

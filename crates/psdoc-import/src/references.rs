//! Evidence references in whatever form a Word statement has them, made
//! into the `[E12]` that psdoc checks and links: `(E12)` and `(E3, E5-E7)`
//! become `[E12]` and `[E3, E5-E7]`; a bare `E12` in the prose becomes
//! `[E12]` (when the log is known, only for numbers in it); a footnote that
//! points to a document (by number, address or title) becomes the
//! reference; a hyperlink on `[E12]` gives the document its address.

use std::collections::BTreeMap;

use psdoc_evidence::{Form, find_references};
use regex::Regex;

/// What the import knows of the document log while converting.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub prefix: String,
    /// Document numbers with their title and address, when a log is known.
    pub documents: BTreeMap<u64, (String, Option<String>)>,
}

impl Known {
    pub fn has_log(&self) -> bool {
        !self.documents.is_empty()
    }
}

/// The reference patterns for one prefix.
pub struct Patterns {
    prefix: String,
    group: Regex,
    number: Regex,
    whole: Regex,
}

impl Patterns {
    pub fn new(prefix: &str) -> Self {
        let p = regex::escape(prefix);
        let item = format!(r"{p}\d+(?:\s*[-\u{{2013}}]\s*(?:{p})?\d+)?");
        Patterns {
            prefix: prefix.to_owned(),
            group: Regex::new(&format!(
                r"\(?{item}(?:\s*,\s*(?:{p})?\d+(?:\s*[-\u{{2013}}]\s*(?:{p})?\d+)?)*\)?"
            ))
            .expect("a valid pattern"),
            number: Regex::new(&format!(
                r"(?:^|[^\w])({p}|[Dd]ocument\s+|[Dd]oc\.?\s+|[Nn]o\.?\s*)(\d+)\b"
            ))
            .expect("a valid pattern"),
            whole: Regex::new(&format!(
                r"^\[?\s*{item}(?:\s*,\s*(?:{p})?\d+(?:\s*[-\u{{2013}}]\s*(?:{p})?\d+)?)*\s*\]?$"
            ))
            .expect("a valid pattern"),
        }
    }

    /// Whether `text` is nothing but a reference or document number
    /// (`[E12]`, `E3`, `[E3, E5]`): a link on it is the evidence link.
    pub fn is_reference_text(&self, text: &str) -> bool {
        self.whole.is_match(text.trim())
    }

    /// The numbers in a reference's text (`[E3-E5, E9]`: 3, 5 and 9).
    pub fn numbers(&self, text: &str) -> Vec<u64> {
        let inner = text.trim().trim_start_matches('[').trim_end_matches(']');
        psdoc_evidence::number_tokens(inner, &self.prefix)
            .into_iter()
            .map(|(_, n)| n)
            .collect()
    }

    /// Prose with `(E12)` and bare `E12` made `[E12]`; references already
    /// in brackets are left as they are.
    pub fn normalise(&self, text: &str, known: &Known) -> String {
        let protected: Vec<std::ops::Range<usize>> = find_references(text, &self.prefix)
            .into_iter()
            .filter(|r| r.form == Form::Brackets)
            .map(|r| r.range)
            .collect();
        let mut out = String::with_capacity(text.len() + 8);
        let mut at = 0;
        for m in self.group.find_iter(text) {
            let range = m.range();
            if protected
                .iter()
                .any(|p| p.start < range.end && range.start < p.end)
            {
                continue;
            }
            let found = m.as_str();
            let parenthesised = found.starts_with('(') && found.ends_with(')');
            let (start, end, inner) = if parenthesised {
                (range.start, range.end, &found[1..found.len() - 1])
            } else {
                let lead = usize::from(found.starts_with('('));
                let trail = usize::from(found.ends_with(')'));
                (
                    range.start + lead,
                    range.end - trail,
                    &found[lead..found.len() - trail],
                )
            };
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            let bounded = before.is_none_or(|c| {
                c.is_whitespace() || matches!(c, '(' | ',' | ';' | ':' | '\u{201C}' | '"')
            }) && after.is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != '/');
            if !bounded && !parenthesised {
                continue;
            }
            if !parenthesised && known.has_log() {
                let numbers = self.numbers(inner);
                if numbers.is_empty() || !numbers.iter().all(|n| known.documents.contains_key(n)) {
                    continue;
                }
            }
            out.push_str(&text[at..start]);
            out.push('[');
            out.push_str(inner.trim());
            out.push(']');
            at = end;
        }
        out.push_str(&text[at..]);
        out
    }

    /// The documents a footnote points to, if it points to any: by number
    /// (`E12`, `Document 12`), by address, or by title.
    pub fn footnote_documents(&self, note: &str, known: &Known) -> Option<Vec<u64>> {
        let note = note.trim();
        if let Some(url) = first_url(note)
            && let Some((&id, _)) = known
                .documents
                .iter()
                .find(|(_, (_, u))| u.as_deref().is_some_and(|u| same_url(u, &url)))
        {
            return Some(vec![id]);
        }
        let numbers: Vec<u64> = self
            .number
            .captures_iter(note)
            .filter_map(|c| c.get(2)?.as_str().parse().ok())
            .collect();
        let prefixed = note
            .get(..self.prefix.len())
            .is_some_and(|p| p == self.prefix)
            || note.starts_with("Document")
            || note.starts_with("document");
        if !numbers.is_empty()
            && (prefixed || numbers.iter().all(|n| known.documents.contains_key(n)))
        {
            return Some(numbers);
        }
        let normal = normalise_title(note);
        known
            .documents
            .iter()
            .find(|(_, (title, _))| {
                let t = normalise_title(title);
                t.len() >= 12 && normal.contains(&t)
            })
            .map(|(&id, _)| vec![id])
    }
}

/// The first web address in `text`.
pub fn first_url(text: &str) -> Option<String> {
    let start = text.find("https://").or_else(|| text.find("http://"))?;
    let url: String = text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '<' | '>' | '"'))
        .collect();
    Some(url.trim_end_matches(['.', ',', ';', ')', ']']).to_owned())
}

fn same_url(a: &str, b: &str) -> bool {
    let n = |u: &str| u.trim().trim_end_matches('/').to_ascii_lowercase();
    n(a) == n(b)
}

/// Lower case letters and digits only, single spaces.
pub fn normalise_title(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(ids: &[u64]) -> Known {
        Known {
            prefix: "E".into(),
            documents: ids
                .iter()
                .map(|&i| {
                    (
                        i,
                        (
                            format!("Child protection report number {i}"),
                            Some(format!("https://example.org/{i}.pdf")),
                        ),
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn forms_become_brackets() {
        let p = Patterns::new("E");
        let k = Known::default();
        assert_eq!(p.normalise("as found (E12).", &k), "as found [E12].");
        assert_eq!(
            p.normalise("see (E3, E5-E7) and E9", &k),
            "see [E3, E5-E7] and [E9]"
        );
        assert_eq!(
            p.normalise("already [E12] and [E3, E4]", &k),
            "already [E12] and [E3, E4]"
        );
        assert_eq!(
            p.normalise("postcode EH12 and E12a and x/E12", &k),
            "postcode EH12 and E12a and x/E12"
        );
        assert_eq!(p.normalise("(see E12)", &k), "(see [E12])");
    }

    #[test]
    fn with_a_log_only_known_numbers() {
        let p = Patterns::new("E");
        assert_eq!(p.normalise("E12 and E99", &known(&[12])), "[E12] and E99");
        assert_eq!(p.normalise("(E99)", &known(&[12])), "[E99]");
    }

    #[test]
    fn footnotes_to_documents() {
        let p = Patterns::new("E");
        let k = known(&[4, 12]);
        assert_eq!(p.footnote_documents("E12", &k), Some(vec![12]));
        assert_eq!(
            p.footnote_documents("Document 4: the plan", &k),
            Some(vec![4])
        );
        assert_eq!(
            p.footnote_documents("See https://example.org/12.pdf.", &k),
            Some(vec![12])
        );
        assert_eq!(
            p.footnote_documents("Child protection report number 4, 2024", &k),
            Some(vec![4])
        );
        assert_eq!(
            p.footnote_documents("A note about something else.", &k),
            None
        );
    }

    #[test]
    fn reference_text() {
        let p = Patterns::new("E");
        assert!(p.is_reference_text("[E12]"));
        assert!(p.is_reference_text("E3"));
        assert!(p.is_reference_text("[E3, E5-E7]"));
        assert!(!p.is_reference_text("the report"));
        assert_eq!(p.numbers("[E3-E5, E9]"), vec![3, 5, 9]);
    }
}

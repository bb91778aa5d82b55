//! Evidence references in prose: the forms docs/evidence.md#references
//! lists, `[E12]`, `[E3, E12]`, `[E3-E5]`, `[E3–E5]`, `[E3-5]`, and the
//! other ways officers write them: `(E6)`, `E6` in running text, `E6-E9`,
//! `E6 to E9`, `[E6; E8]`, `(E6 and E8)`. `Document 6`, `Doc 6` and
//! `Evidence 6` say a number without saying whose it is: they are always
//! malformed, with the reference as the fix.
//!
//! The guidance: "There must be a clear link between statements in the position statement
//! and the supporting evidence provided", and "Evidence should be clearly referenced".
//!
//! Which forms count is the partnership's choice ([`ReferenceStyle`],
//! `evidence.reference_style`): every unambiguous one (`any`, the default),
//! or square brackets only (`brackets`), the others then being malformed
//! with the bracketed form as the fix.

mod brackets;
mod lexis;
mod list;
mod running_text;

use std::ops::Range;

use serde::Serialize;

/// How the setting that asks for square brackets is named in messages.
const BRACKETS_SETTING: &str = "reference_style = \"brackets\" in partnership.toml";

/// Which ways of writing a reference count (`evidence.reference_style`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReferenceStyle {
    /// Every unambiguous form: square or round brackets or none; lists with
    /// `,` `;` `and` `&`; ranges with `-` `–` `to`.
    #[default]
    Any,
    /// Square brackets only, lists with `,` and ranges with `-` or `–`
    /// (`[E12]`, `[E3, E12]`, `[E3-E5]`, `[E3-5]`); any other form is
    /// malformed, with the bracketed form as the fix.
    Brackets,
}

impl ReferenceStyle {
    /// The values of the setting, as written in `partnership.toml`.
    pub const VALUES: [&str; 2] = ["any", "brackets"];

    /// The style a setting's value names.
    pub fn from_setting(value: &str) -> Option<Self> {
        match value {
            "any" => Some(ReferenceStyle::Any),
            "brackets" => Some(ReferenceStyle::Brackets),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ReferenceStyle::Any => "any",
            ReferenceStyle::Brackets => "brackets",
        }
    }
}

/// How a reference was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// `[E12]`: the range covers the brackets.
    Brackets,
    /// `(E12)`, `(E6; E8)`: round brackets holding only references; the
    /// range covers the brackets.
    Parentheses,
    /// `E12`, `E6-E9`, `E6 to E9` in running text (`see E6`, `(see COG
    /// minutes, E6)`): the range covers the references only.
    RunningText,
    /// `Document 6`, `Doc 6`, `Evidence 6`: always malformed.
    Wording,
}

/// Something in the prose that is, or tries to be, an evidence reference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// Byte range of the whole reference as written (see [`Form`]).
    pub range: Range<usize>,
    pub form: Form,
    pub kind: ReferenceKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceKind {
    /// A well-formed reference citing these documents, in the order written.
    Cites(Vec<Cited>),
    /// Looks like a reference but is not one; `reason` says what is wrong
    /// (e.g. "no document number after `E`: write \[E12\]"), `fix` is the
    /// reference to write instead when psdoc can tell (`[E6]`).
    Malformed { reason: String, fix: Option<String> },
}

impl ReferenceKind {
    /// Whether this reference cites document `id` (a malformed one cites nothing).
    pub fn cites(&self, id: u64) -> bool {
        match self {
            ReferenceKind::Cites(cited) => cited.iter().any(|c| c.contains(id)),
            ReferenceKind::Malformed { .. } => false,
        }
    }
}

/// One item of a reference: a document number or an inclusive range of them. A range is
/// never expanded: `[E1-E100000000]` is one `Range(1, 100000000)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cited {
    One(u64),
    /// `first..=last`, with `1 <= first <= last`.
    Range(u64, u64),
}

impl Cited {
    pub fn contains(&self, id: u64) -> bool {
        match *self {
            Cited::One(n) => n == id,
            Cited::Range(a, b) => a <= id && id <= b,
        }
    }

    /// The first document number cited.
    pub fn first(&self) -> u64 {
        match *self {
            Cited::One(n) | Cited::Range(n, _) => n,
        }
    }

    /// The last document number cited.
    pub fn last(&self) -> u64 {
        match *self {
            Cited::One(n) | Cited::Range(_, n) => n,
        }
    }

    /// How many document numbers this item covers (saturating).
    pub fn len(&self) -> u64 {
        (self.last() - self.first()).saturating_add(1)
    }

    /// Never true: an item cites at least one document.
    pub fn is_empty(&self) -> bool {
        false
    }
}

/// The document numbers in a reference's content (the text between its
/// brackets), each with the text that names it (`E12`, or `5` in `E3-5`):
/// what the book and the exports link, number by number.
pub fn number_tokens(inner: &str, prefix: &str) -> Vec<(Range<usize>, u64)> {
    let bytes = inner.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let after_prefix = if !prefix.is_empty() && inner[i..].starts_with(prefix) {
            i + prefix.len()
        } else {
            i
        };
        let starts_number = after_prefix < bytes.len()
            && bytes[after_prefix].is_ascii_digit()
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric());
        if starts_number {
            let end = after_prefix
                + bytes[after_prefix..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
            if let Ok(n) = inner[after_prefix..end].parse() {
                out.push((i..end, n));
            }
            i = end;
        } else {
            i += inner[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// A cited reference as written, split for linking number by number: the
/// book and the exports link each number and keep the rest as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkParts<'a> {
    /// `[` for a square-bracketed reference, else empty (round brackets and
    /// words stay inside `inner`, as text).
    pub open: &'a str,
    pub inner: &'a str,
    /// `]` or empty, as `open`.
    pub close: &'a str,
    /// Each document number in `inner`, with the text that names it.
    pub numbers: Vec<(Range<usize>, u64)>,
    /// `[E12]`: one document in square brackets, linked as a whole (a
    /// bigger target than the number alone).
    pub single: bool,
}

impl Reference {
    /// This reference's `written` text (the text at its range) split for
    /// linking.
    pub fn link_parts<'a>(&self, written: &'a str, prefix: &str) -> LinkParts<'a> {
        let bracketed = self.form == Form::Brackets
            && written.len() >= 2
            && written.starts_with('[')
            && written.ends_with(']');
        let (open, inner, close) = if bracketed {
            ("[", &written[1..written.len() - 1], "]")
        } else {
            ("", written, "")
        };
        let numbers = number_tokens(inner, prefix);
        let single = bracketed
            && matches!(numbers.as_slice(), [(range, _)]
                if inner[..range.start].trim().is_empty() && inner[range.end..].trim().is_empty());
        LinkParts {
            open,
            inner,
            close,
            numbers,
            single,
        }
    }
}

/// The square-bracket form of `items` (docs/evidence.md#references):
/// `[E3, E5-E7]`.
pub fn bracketed(items: &[Cited], prefix: &str) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|c| match *c {
            Cited::One(n) => format!("{prefix}{n}"),
            Cited::Range(a, b) => format!("{prefix}{a}-{prefix}{b}"),
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// Finds the evidence references in `text` written in any unambiguous form
/// ([`ReferenceStyle::Any`]); see [`find_references_with`].
pub fn find_references(text: &str, prefix: &str) -> Vec<Reference> {
    find_references_with(text, prefix, ReferenceStyle::Any)
}

/// Finds the evidence references in `text` (prose only: the caller removes
/// code spans, code blocks and HTML comments), in text order, never
/// overlapping.
///
/// A square bracket is a reference when its content (surrounding whitespace
/// ignored) starts with `prefix` followed by a digit: it is then either well
/// formed (`Cites`) or `Malformed`. `[E]`, `[E 12]`, `[e12]` and `[E-12]` are
/// malformed too. `[Example]`, `[Edinburgh]`, `[E-mail]`, `[x]`, `[!NOTE]`
/// and `[^1]` are not references. A round bracket is a reference when its
/// whole content is a list of references (`(E6)`, `(E6; E8)`); anywhere
/// else, a whole-token `E6` (not `E6a`, `PE6`, `E6.5`, the postcode `E6 1AB`,
/// nor inside a web address) is one, with the lists and ranges after it.
/// In `style` [`ReferenceStyle::Brackets`], every form but the square
/// brackets' is malformed, with the bracketed form as its `fix`.
pub fn find_references_with(text: &str, prefix: &str, style: ReferenceStyle) -> Vec<Reference> {
    let mut out = Vec::new();
    brackets::square(text, prefix, style, &mut out);
    let squares = out.len();
    brackets::round(text, prefix, style, &mut out);
    if out.len() > squares && squares > 0 {
        out.sort_by_key(|r| r.range.start);
    }
    let running = running_text::find(text, prefix, style, &out);
    if !running.is_empty() {
        out.extend(running);
        out.sort_by_key(|r| r.range.start);
    }
    // Nothing inside a web address is a reference (`https://x.org/(E6)`).
    out.retain(|r| !lexis::in_web_address(text, r.range.start));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> ReferenceKind {
        let refs = find_references(text, "E");
        assert_eq!(refs.len(), 1, "{text}: {refs:?}");
        refs.into_iter().next().unwrap().kind
    }

    fn cites(text: &str) -> Vec<Cited> {
        match one(text) {
            ReferenceKind::Cites(c) => c,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn reason(text: &str) -> String {
        match one(text) {
            ReferenceKind::Malformed { reason, .. } => reason,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn fix(text: &str, style: ReferenceStyle) -> Option<String> {
        let refs = find_references_with(text, "E", style);
        assert_eq!(refs.len(), 1, "{text}: {refs:?}");
        match &refs[0].kind {
            ReferenceKind::Malformed { fix, .. } => fix.clone(),
            other => panic!("{text}: {other:?}"),
        }
    }

    /// The conformance table's rows: (markdown, expected, style).
    pub(crate) fn conformance_rows() -> Vec<(String, String, ReferenceStyle)> {
        let table = include_str!("../../../tests/conformance/references.tsv");
        table
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let mut columns = line.split('\t');
                let markdown = columns
                    .next()
                    .expect("markdown")
                    .replace("\\u00a0", "\u{a0}");
                let expected = columns.next().expect("expected").to_owned();
                let style = match columns.next().unwrap_or("") {
                    "" => ReferenceStyle::Any,
                    s => ReferenceStyle::from_setting(s).expect("a style"),
                };
                (markdown, expected, style)
            })
            .collect()
    }

    /// Every line of the conformance table (`tests/conformance/`).
    #[test]
    fn conformance_references_tsv() {
        let rows = conformance_rows();
        for (markdown, expected, style) in &rows {
            let (markdown, style) = (markdown.as_str(), *style);
            // The caller strips code spans and comments: do the same, crudely, here.
            let code_or_comment = markdown.starts_with('`') || markdown.starts_with("<!--");
            let prose = if code_or_comment { "" } else { markdown };
            let refs = find_references_with(prose, "E", style);
            if let Some(finding) = expected.strip_prefix("malformed-reference") {
                assert_eq!(refs.len(), 1, "{markdown}: {refs:?}");
                let ReferenceKind::Malformed { fix, .. } = &refs[0].kind else {
                    panic!("{markdown}: {:?}", refs[0].kind)
                };
                if let Some(want) = finding.strip_prefix(": write ") {
                    assert_eq!(fix.as_deref(), Some(want), "{markdown}");
                }
            } else if expected.starts_with("none") {
                assert!(refs.is_empty(), "{markdown}: {refs:?}");
                if code_or_comment {
                    // And found when it is prose.
                    let inner = markdown
                        .trim_matches('`')
                        .trim_start_matches("<!-- see ")
                        .trim_end_matches(" -->");
                    assert_eq!(find_references(inner, "E").len(), 1, "{markdown}");
                }
            } else if expected == "one range, checked without expanding it" {
                assert_eq!(refs.len(), 1);
                assert_eq!(
                    refs[0].kind,
                    ReferenceKind::Cites(vec![Cited::Range(1, 100_000_000)])
                );
            } else {
                let want: Vec<u64> = expected.split(' ').map(|n| n.parse().unwrap()).collect();
                let mut got = Vec::new();
                for r in &refs {
                    let ReferenceKind::Cites(items) = &r.kind else {
                        panic!("{markdown}: {:?}", r.kind)
                    };
                    got.extend(items.iter().flat_map(|c| c.first()..=c.last()));
                }
                assert_eq!(got, want, "{markdown}: {refs:?}");
                if markdown.starts_with('[') && markdown.ends_with(']') {
                    assert_eq!(refs[0].range, 0..markdown.len(), "{markdown}");
                }
            }
        }
        assert!(rows.len() >= 60, "{}", rows.len());
    }

    #[test]
    fn well_formed() {
        assert_eq!(cites("[E12]"), vec![Cited::One(12)]);
        assert_eq!(cites("[E3, E12]"), vec![Cited::One(3), Cited::One(12)]);
        assert_eq!(cites("[E3,E12]"), vec![Cited::One(3), Cited::One(12)]);
        assert_eq!(cites("[E3, 12]"), vec![Cited::One(3), Cited::One(12)]);
        assert_eq!(cites("[E3-E5]"), vec![Cited::Range(3, 5)]);
        assert_eq!(cites("[E3–E5]"), vec![Cited::Range(3, 5)]);
        assert_eq!(cites("[E3--E5]"), vec![Cited::Range(3, 5)]);
        assert_eq!(cites("[E3-5]"), vec![Cited::Range(3, 5)]);
        assert_eq!(cites("[E3 - E5]"), vec![Cited::Range(3, 5)]);
        assert_eq!(cites("[E5-E5]"), vec![Cited::Range(5, 5)]);
        assert_eq!(
            cites("[E3, E5-E7]"),
            vec![Cited::One(3), Cited::Range(5, 7)]
        );
        assert_eq!(cites("[ E12 ]"), vec![Cited::One(12)]);
        assert_eq!(cites("[E3,\n  E12]"), vec![Cited::One(3), Cited::One(12)]);
        assert_eq!(cites("[E012]"), vec![Cited::One(12)]);
        assert_eq!(cites("[E12](https://example.org)"), vec![Cited::One(12)]);
        assert_eq!(cites("[[E12]]"), vec![Cited::One(12)]);
        assert_eq!(cites("[E18446744073709551615]"), vec![Cited::One(u64::MAX)]);
        // The other separators officers write.
        assert_eq!(cites("[E3; E4]"), vec![Cited::One(3), Cited::One(4)]);
        assert_eq!(cites("[E3 and E4]"), vec![Cited::One(3), Cited::One(4)]);
        assert_eq!(cites("[E3 & E4]"), vec![Cited::One(3), Cited::One(4)]);
        assert_eq!(
            cites("[E3, E4, and E5]"),
            vec![Cited::One(3), Cited::One(4), Cited::One(5)]
        );
        assert_eq!(cites("[E3 to E5]"), vec![Cited::Range(3, 5)]);
        assert_eq!(cites("[E3 to 5]"), vec![Cited::Range(3, 5)]);
    }

    #[test]
    fn malformed_with_reasons() {
        assert!(reason("[E]").contains("no document number"));
        assert!(reason("[E12a]").contains("letters"));
        assert!(reason("[E5-E3]").contains("backwards"));
        assert!(reason("[E0]").contains("start at 1"));
        assert!(reason("[E3, E0]").contains("start at 1"));
        assert!(reason("[E18446744073709551616]").contains("too large"));
        assert!(reason("[E 12]").contains("space"));
        assert!(reason("[e12]").contains("prefix"));
        assert!(reason("[E-12]").contains("straight after"));
        assert!(reason("[E3,]").contains("empty item"));
        assert!(reason("[E3,,E4]").contains("empty item"));
        assert!(reason("[E3; ]").contains("empty item"));
        assert!(reason("[E3—E5]").contains("separator"));
        assert!(reason("[E3---E5]").contains("separator"));
        assert!(reason("[E3/E5]").contains("separator"));
        assert!(reason("[E3-]").contains("no end"));
        assert!(reason("[E3 to]").contains("letters"));
        assert!(reason("[E3-E5-E7]").contains("unexpected"));
        assert!(reason("[E3, p. 4]").contains("expected a document number"));
        assert!(reason("[E12 p4]").contains("letters"));
        // In running text.
        assert!(reason("E9-E6").contains("backwards"));
        assert!(reason("see E0.").contains("start at 1"));
        assert!(reason("Document 6").contains("\u{201c}Document 6\u{201d}"));
    }

    #[test]
    fn brackets_only_gives_the_bracketed_form_as_the_fix() {
        use ReferenceStyle::Brackets;
        assert_eq!(fix("(E6)", Brackets).as_deref(), Some("[E6]"));
        assert_eq!(fix("see E6.", Brackets).as_deref(), Some("[E6]"));
        assert_eq!(fix("(E6; E8-E9)", Brackets).as_deref(), Some("[E6, E8-E9]"));
        assert_eq!(fix("E6 to E9", Brackets).as_deref(), Some("[E6-E9]"));
        assert_eq!(fix("[E6 and E8]", Brackets).as_deref(), Some("[E6, E8]"));
        assert_eq!(fix("[E6 to 9]", Brackets).as_deref(), Some("[E6-E9]"));
        assert_eq!(fix("Doc 6", Brackets).as_deref(), Some("[E6]"));
        for contract in [
            "[E12]",
            "[E3, 12]",
            "[E3-E5]",
            "[E3–E5]",
            "[E3-5]",
            "[E3, E5-E7]",
        ] {
            assert!(
                matches!(
                    find_references_with(contract, "E", Brackets)[0].kind,
                    ReferenceKind::Cites(_)
                ),
                "{contract}"
            );
        }
    }

    #[test]
    fn not_references() {
        for text in [
            "[Example]",
            "[Edinburgh]",
            "[E-mail]",
            "[x]",
            "[ ]",
            "[!NOTE]",
            "[^1]",
            "[]",
            "[12]",
            "[Ex 12]",
            "[EE12]",
            "[e]",
            "[E.g. this]",
            "text [see below] text",
            "[",
            "]",
            "[[",
            "]]",
            // Look-alikes in running text.
            "E12a",
            "PE12",
            "2E6",
            "E6.5",
            "E6,5",
            "E6:30",
            "E6/7",
            "E6%",
            "E6-based",
            "E6-9a",
            "E6_x",
            "#E6",
            "/E6",
            "e6",
            "E 6",
            "E1234567",
            "EH6 4AB",
            "E6 1AB",
            "E16 4NP, London",
            "x@E6.org",
            "https://example.org/E6",
            "http://example.org/a,E6",
            "www.example.org/E6",
            "(12)",
            "Doctor 6",
            "Evidence 2019",
            "Document 0",
            "Documented 6",
            "evidence 6",
            "Every E",
            "Education 6",
        ] {
            assert_eq!(find_references(text, "E"), vec![], "{text}");
        }
    }

    #[test]
    fn ranges_are_byte_ranges_of_what_is_written() {
        let text = "Referrals fell – see [E3–E5] and «[E12]», (E6; E7) and E8 to E9.";
        let refs = find_references(text, "E");
        assert_eq!(
            refs.iter()
                .map(|r| (&text[r.range.clone()], r.form))
                .collect::<Vec<_>>(),
            [
                ("[E3–E5]", Form::Brackets),
                ("[E12]", Form::Brackets),
                ("(E6; E7)", Form::Parentheses),
                ("E8 to E9", Form::RunningText)
            ]
        );
        // An unclosed bracket does not hide a later reference.
        let text = "[see [E4] and [E5]";
        let refs = find_references(text, "E");
        assert_eq!(
            refs.iter()
                .map(|r| &text[r.range.clone()])
                .collect::<Vec<_>>(),
            ["[E4]", "[E5]"]
        );
        // Inside a bracket that is prose, the reference alone.
        let text = "(see COG minutes, E6) [see E7]";
        let refs = find_references(text, "E");
        assert_eq!(
            refs.iter()
                .map(|r| &text[r.range.clone()])
                .collect::<Vec<_>>(),
            ["E6", "E7"]
        );
        // A malformed square bracket hides what is inside it.
        assert_eq!(find_references("[E6 (E7)]", "E").len(), 1);
    }

    #[test]
    fn other_prefixes() {
        let refs = find_references("[Doc12] [D12] [doc 3] [Doc 3]", "Doc");
        assert_eq!(refs.len(), 3);
        assert_eq!(refs[0].kind, ReferenceKind::Cites(vec![Cited::One(12)]));
        assert!(matches!(refs[1].kind, ReferenceKind::Malformed { .. }));
        assert!(matches!(refs[2].kind, ReferenceKind::Malformed { .. }));
        assert_eq!(
            find_references("[12] [x]", "")[0].kind,
            ReferenceKind::Cites(vec![Cited::One(12)])
        );
        assert_eq!(find_references("[12] [x] (12) 12", "").len(), 1);
        // A multibyte prefix and text around it.
        assert_eq!(find_references("[É1] [É] [é1]", "É").len(), 2);
        assert_eq!(cites_with("see É1 and É2", "É"), vec![1, 2]);
        // Running text with a longer prefix; its wording is a reference
        // with a space.
        assert_eq!(cites_with("see Doc12 and Doc13", "Doc"), vec![12, 13]);
        let refs = find_references("Doc 6", "Doc");
        assert!(
            matches!(&refs[0].kind, ReferenceKind::Malformed { fix: Some(f), .. } if f == "[Doc6]"),
            "{refs:?}"
        );
    }

    fn cites_with(text: &str, prefix: &str) -> Vec<u64> {
        find_references(text, prefix)
            .iter()
            .flat_map(|r| match &r.kind {
                ReferenceKind::Cites(items) => items.iter().map(Cited::first).collect(),
                ReferenceKind::Malformed { .. } => vec![],
            })
            .collect()
    }

    #[test]
    fn cited_contains() {
        assert!(Cited::One(4).contains(4));
        assert!(!Cited::One(4).contains(5));
        assert!(Cited::Range(3, 5).contains(3));
        assert!(Cited::Range(3, 5).contains(5));
        assert!(!Cited::Range(3, 5).contains(6));
        assert!(Cited::Range(1, u64::MAX).contains(u64::MAX));
        assert_eq!(Cited::Range(1, u64::MAX).len(), u64::MAX);
        assert!(one("[E3, E5-E7]").cites(6));
        assert!(!one("[E3, E5-E7]").cites(4));
        assert!(one("E3 to E5").cites(4));
    }

    #[test]
    fn long_brackets_and_many_openers_stay_linear() {
        let text = "[".repeat(200_000) + "E1]";
        let refs = find_references(&text, "E");
        assert_eq!(refs.len(), 1);
        let text = format!("[E{}]", "1".repeat(1000));
        assert!(find_references(&text, "E").is_empty());
        let text = "(".repeat(200_000) + "E1)";
        assert_eq!(find_references(&text, "E").len(), 1);
        let text = "E1 and ".repeat(50_000) + "E2";
        assert_eq!(find_references(&text, "E").len(), 1);
        let text = "E".repeat(200_000);
        assert!(find_references(&text, "E").is_empty());
    }
}

//! Properties over arbitrary input: nothing panics, ranges are sound, ranges of document
//! numbers are never expanded.

use proptest::prelude::*;
use psdoc_evidence::{
    Cited, Date, Form, ReferenceKind, ReferenceStyle, find_qi_references, find_references,
    find_references_with, parse_csv_log, parse_toml_log,
};

/// Text rich in the characters references and QIs are made of.
fn prose() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("[".to_string()),
            Just("]".to_string()),
            Just("E".to_string()),
            Just("e".to_string()),
            Just("QI".to_string()),
            Just("QIs ".to_string()),
            Just("quality indicators ".to_string()),
            Just("-".to_string()),
            Just("–".to_string()),
            Just(", ".to_string()),
            Just(" and ".to_string()),
            Just(" to ".to_string()),
            Just("'s".to_string()),
            Just("(".to_string()),
            Just(")".to_string()),
            Just("; ".to_string()),
            Just(" & ".to_string()),
            Just("\u{a0}".to_string()),
            Just("\u{2014}".to_string()),
            Just("--".to_string()),
            Just("Document ".to_string()),
            Just("Docs. ".to_string()),
            Just("Evidence No. ".to_string()),
            Just("https://".to_string()),
            Just("www.".to_string()),
            Just(" 1AB".to_string()),
            Just("\u{201c}".to_string()),
            Just("\u{2019}".to_string()),
            Just(".".to_string()),
            Just(" ".to_string()),
            Just("\n".to_string()),
            "[0-9]{1,25}",
            "\\PC{0,3}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

fn check_references(text: &str, prefix: &str) {
    for style in [ReferenceStyle::Any, ReferenceStyle::Brackets] {
        check_style(text, prefix, style);
    }
}

/// What every reference found must be: inside the text on character
/// boundaries, in text order without overlapping, written as its form says,
/// citing numbers from 1 with no range backwards, and with a fix that is a
/// reference itself.
fn check_style(text: &str, prefix: &str, style: ReferenceStyle) {
    let mut last_end = 0;
    for r in find_references_with(text, prefix, style) {
        assert!(r.range.start >= last_end, "{text:?}: overlapping");
        assert!(r.range.start < r.range.end && r.range.end <= text.len());
        assert!(text.is_char_boundary(r.range.start) && text.is_char_boundary(r.range.end));
        let written = &text[r.range.clone()];
        match r.form {
            Form::Brackets => assert!(written.starts_with('[') && written.ends_with(']')),
            Form::Parentheses => assert!(written.starts_with('(') && written.ends_with(')')),
            Form::RunningText => assert!(written.starts_with(prefix), "{written:?}"),
            Form::Wording => assert!(matches!(r.kind, ReferenceKind::Malformed { .. })),
        }
        match &r.kind {
            ReferenceKind::Cites(items) => {
                assert!(!items.is_empty());
                for item in items {
                    assert!(item.first() >= 1 && item.first() <= item.last());
                }
                if style == ReferenceStyle::Brackets {
                    assert_eq!(r.form, Form::Brackets, "{written:?}");
                }
            }
            ReferenceKind::Malformed { fix, .. } => {
                if let Some(fix) = fix {
                    // The fix reads as the reference it proposes.
                    let again = find_references_with(fix, prefix, ReferenceStyle::Brackets);
                    assert!(
                        matches!(again.as_slice(), [one] if matches!(one.kind, ReferenceKind::Cites(_)) && one.range == (0..fix.len())),
                        "{written:?} -> {fix:?}: {again:?}"
                    );
                }
            }
        }
        last_end = r.range.end;
    }
}

proptest! {
    #[test]
    fn find_references_never_panics(text in any::<String>()) {
        check_references(&text, "E");
        check_references(&text, "");
        check_references(&text, "É");
    }

    #[test]
    fn find_references_on_reference_like_text(text in prose()) {
        check_references(&text, "E");
        check_references(&text, "Doc");
    }

    /// A reference in running text is found with the text around it, and
    /// its range is exactly the reference.
    #[test]
    fn running_text_references_are_found_where_they_are(
        before in "([a-z]{1,8}[,;:]? ){0,3}[(\"\u{201c}]?",
        n in 1u64..1_000_000,
        after in "[.,;:)\u{201d}]?( [a-z]{1,8}){0,3}",
    ) {
        let text = format!("{before}E{n}{after}");
        let refs = find_references(&text, "E");
        prop_assert_eq!(refs.len(), 1, "{:?}: {:?}", text, refs);
        prop_assert!(refs[0].kind.cites(n));
        let written = &text[refs[0].range.clone()];
        prop_assert!(written == format!("E{n}") || written.starts_with('('), "{:?}", written);
    }

    #[test]
    fn ranges_are_never_expanded(a in 1u64..=u64::MAX, b in 1u64..=u64::MAX, dash in prop_oneof![Just("-"), Just("–")]) {
        let (a, b) = (a.min(b), a.max(b));
        for text in [format!("see [E{a}{dash}E{b}]."), format!("see (E{a} to E{b}).")] {
            let refs = find_references(&text, "E");
            prop_assert_eq!(refs.len(), 1);
            prop_assert_eq!(&refs[0].kind, &ReferenceKind::Cites(vec![Cited::Range(a, b)]));
            prop_assert!(refs[0].kind.cites(a) && refs[0].kind.cites(b));
        }
    }

    #[test]
    fn find_qi_references_never_panics(text in prose()) {
        for r in find_qi_references(&text, &psdoc_guidance::default_profile().framework) {
            prop_assert!(text.is_char_boundary(r.range.start) && text.is_char_boundary(r.range.end));
            prop_assert!(!r.written.is_empty());
            if let Some(qis) = &r.resolved {
                prop_assert!(!qis.is_empty());
            }
        }
    }

    #[test]
    fn find_qi_references_never_panics_on_anything(text in any::<String>()) {
        let _ = find_qi_references(&text, &psdoc_guidance::default_profile().framework);
    }

    #[test]
    fn months_until_is_the_largest_whole_number_of_months(
        a in -200_000i64..200_000, b in -200_000i64..200_000
    ) {
        let (a, b) = (Date::from_days_since_epoch(a.min(b)), Date::from_days_since_epoch(a.max(b)));
        let n = a.months_until(b);
        prop_assert!(n >= 0);
        prop_assert!(a.add_months(n) <= b);
        prop_assert!(a.add_months(n + 1) > b);
        prop_assert_eq!(b.months_until(a), -n);
    }

    #[test]
    fn dates_round_trip(days in -700_000i64..2_900_000) {
        let date = Date::from_days_since_epoch(days);
        prop_assume!((1000..=9999).contains(&date.year));
        prop_assert_eq!(Date::parse(&date.to_string()), Some(date));
        let uk = format!("{:02}/{:02}/{}", date.day, date.month, date.year);
        prop_assert_eq!(Date::parse(&uk), Some(date));
    }

    #[test]
    fn log_parsers_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = parse_csv_log("log.csv", &bytes);
        let mut csv = b"id,title,date,core,public\n".to_vec();
        csv.extend(&bytes);
        let _ = parse_csv_log("log.csv", &csv);
        let _ = psdoc_evidence::parse_xlsx_log("log.xlsx", &bytes);
    }

    #[test]
    fn toml_log_parser_never_panics(text in "(\\[\\[document\\]\\]\n|id = |title = |date = |core = |\"|[0-9]{1,22}|-|\\[|\\]|, |\n|\\PC{0,2})*") {
        if let Err(e) = parse_toml_log("log.toml", &text) {
            for e in e.all() {
                prop_assert!(e.line.is_some());
            }
        }
    }
}

#[test]
fn a_large_statement_is_fast() {
    // 500 log entries and 1,000 references: well inside the 30 ms budget of a whole
    // `psdoc check`, even in a debug build.
    let mut log = String::new();
    for id in 1..=500 {
        log.push_str(&format!(
            "[[document]]\nid = {id}\ntitle = \"Document {id}\"\nurl = \"https://example.org/{id}\"\ndate = 2024-09-30\ncore = [6, 8]\n\n"
        ));
    }
    let mut text = String::new();
    for i in 0..1000 {
        text.push_str(&format!(
            "Referrals fell by a third, as QI 2.1 and QIs 9.1-9.4 ask [E{}, E{}-E{}]. ",
            i % 500 + 1,
            i % 7 + 1,
            i % 7 + 3
        ));
    }
    let start = std::time::Instant::now();
    let parsed = parse_toml_log("evidence/log.toml", &log).unwrap();
    let t_log = start.elapsed();
    let refs = find_references(&text, "E");
    let t_refs = start.elapsed() - t_log;
    let qis = find_qi_references(&text, &psdoc_guidance::default_profile().framework);
    let elapsed = start.elapsed();
    eprintln!(
        "log {t_log:?}, references {t_refs:?}, QIs {:?}",
        elapsed - t_log - t_refs
    );
    assert_eq!(parsed.documents.len(), 500);
    assert_eq!(refs.len(), 1000);
    assert_eq!(qis.len(), 2000);
    assert!(elapsed.as_millis() < 250, "{elapsed:?}");
    eprintln!("500 entries and 1,000 references: {elapsed:?}");
}

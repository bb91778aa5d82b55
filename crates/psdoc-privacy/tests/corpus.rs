//! Quality over the labelled corpus (`tests/corpus/identifiers.tsv` at the repository root)
//! and the conformance examples (`tests/conformance/`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use psdoc_privacy::{Detector, Kind};

/// Lines of a `text<TAB>expected` file after its header; `expected` is a kind name or
/// `none`, optionally followed by a note in brackets. `\n` in a text is a line break (a
/// Markdown table, a paragraph wrapped as Word pastes it).
fn cases(path: &PathBuf) -> Vec<(String, String)> {
    let content = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    content
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (text, expected) = l
                .split_once('\t')
                .unwrap_or_else(|| panic!("no tab in {l:?}"));
            let kind = expected.split_whitespace().next().unwrap_or("none");
            (text.replace("\\n", "\n"), kind.to_string())
        })
        .collect()
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn names(detector: &Detector, text: &str) -> Vec<String> {
    detector
        .find(text)
        .into_iter()
        .map(|i| i.kind.name().to_string())
        .collect()
}

#[test]
fn precision_and_recall_on_the_labelled_corpus() {
    let path = manifest().join("../../tests/corpus/identifiers.tsv");
    let cases = cases(&path);
    assert!(cases.len() >= 320, "the corpus has {} cases", cases.len());
    for (_, expected) in &cases {
        assert!(
            expected == "none" || Kind::from_name(expected).is_some(),
            "unknown kind {expected:?} in the corpus"
        );
    }
    let detector = Detector::default();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut per_kind: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for (text, expected) in &cases {
        let found = names(&detector, text);
        let entry = per_kind.entry(expected.as_str()).or_default();
        if expected != "none" {
            if found.iter().any(|k| k == expected) {
                tp += 1;
                entry.0 += 1;
            } else {
                fn_ += 1;
                entry.2 += 1;
                misses.push(format!("missed {expected}: {text}"));
            }
        }
        if found.iter().any(|k| k != expected) {
            fp += 1;
            entry.1 += 1;
            misses.push(format!("false {found:?} (expected {expected}): {text}"));
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!("corpus: {} cases, tp {tp}, fp {fp}, fn {fn_}", cases.len());
    println!("precision {precision:.3}, recall {recall:.3}");
    for (kind, (t, f, n)) in &per_kind {
        println!("  {kind:<14} tp {t:>3}  fp {f:>3}  fn {n:>3}");
    }
    for m in &misses {
        println!("  {m}");
    }
    assert!(precision >= 0.97, "precision {precision:.3} < 0.97");
    assert!(recall >= 0.97, "recall {recall:.3} < 0.97");
}

#[test]
fn the_conformance_examples() {
    let detector = Detector::default();
    for (text, expected) in cases(&manifest().join("../../tests/conformance/identifiers.tsv")) {
        let found = names(&detector, &text);
        let wanted: Vec<String> = if expected == "none" {
            vec![]
        } else {
            vec![expected.clone()]
        };
        assert_eq!(found, wanted, "{text}");
    }
}

#[test]
fn the_corpus_holds_every_conformance_example() {
    let corpus = cases(&manifest().join("../../tests/corpus/identifiers.tsv"));
    for (text, _) in cases(&manifest().join("../../tests/conformance/identifiers.tsv")) {
        assert!(
            corpus.iter().any(|(t, _)| *t == text),
            "missing from the corpus: {text}"
        );
    }
}

#[test]
fn no_output_shows_a_raw_identifier() {
    let detector = Detector::default();
    for (text, expected) in cases(&manifest().join("../../tests/corpus/identifiers.tsv")) {
        if expected == "none" {
            continue;
        }
        for id in detector.find(&text) {
            let raw = &text[id.range.clone()];
            assert_ne!(id.masked, raw, "{text}");
            assert!(id.masked.contains('•'), "{text}");
            assert_eq!(id.masked.chars().count(), raw.chars().count());
            if matches!(id.kind, Kind::Chi | Kind::NhsNumber) {
                let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
                let shown: String = id.masked.chars().filter(char::is_ascii_digit).collect();
                assert_eq!(shown.len(), 4, "{}", id.masked);
                assert!(!id.masked.contains(&digits), "{}", id.masked);
                // No run of more than two of the number's digits survives.
                for w in digits.as_bytes().windows(3) {
                    assert!(
                        !id.masked.contains(std::str::from_utf8(w).unwrap()),
                        "{}",
                        id.masked
                    );
                }
            }
        }
    }
}

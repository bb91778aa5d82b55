//! The bodies of psdoc's fuzz targets, one function per target.
//!
//! `fuzz_targets/*.rs` hand each input to these functions under libFuzzer, and
//! the ordinary test run (`tests/robustness/fuzz_regressions.rs`) replays every
//! file of `fuzz/corpus/TARGET/` and `fuzz/regressions/TARGET/` through the same
//! functions, so a crash found once stays fixed without cargo-fuzz.
//!
//! Besides "never panics", each target asserts what a user relies on: positions
//! inside the text, word counts that add up, one-line error messages, masked
//! identifiers that never show the identifier.

use psdoc_core::model::FileSource;
use psdoc_core::model::files::ReadError;
use psdoc_extract::Limits;

/// A target's body: one input, a panic on anything wrong.
pub type Target = fn(&[u8]);

/// Every target by name, as `fuzz/corpus/NAME` and `fuzz/regressions/NAME` are named.
pub const TARGETS: &[(&str, Target)] = &[
    ("chapter", chapter),
    ("statement", statement),
    ("references", references),
    ("config", config),
    ("log_toml", log_toml),
    ("log_csv", log_csv),
    ("log_xlsx", log_xlsx),
    ("extract_docx", extract_docx),
    ("extract_xlsx", extract_xlsx),
    ("extract_pdf", extract_pdf),
    ("privacy", privacy),
];

/// An error psdoc prints: one line (the CLI's contract for exit code 2).
fn one_line(message: &str) {
    assert!(
        !message.contains('\n') && !message.is_empty(),
        "not one line: {message:?}"
    );
}

/// A statement repository in memory: a book whose chapter is the input.
struct Memory {
    chapter: Vec<u8>,
}

const SUMMARY: &str = "# Summary\n\n[Introduction](intro.md)\n\n- [Chapter](chapter.md)\n    - [Nested](nested.md)\n- [Achievements](achievements.md)\n";
const INTRO: &str = "Loch Ard's statement.\n";
const NESTED: &str = "## Registrations\n\nRe-registrations fell [E2] (QI 2.1).\n";
const ACHIEVEMENTS: &str = "# Key achievements and areas for improvement\n\n- One [E1]\n- Two\n- Three\n\n## Areas for improvement\n\nOur capacity for improvement is good.\n";
const INCLUDED: &str =
    "Included text [E1].\n<!-- ANCHOR: part -->\nA part.\n<!-- ANCHOR_END: part -->\n";
const LOG: &str = "[[document]]\nid = 1\ntitle = \"Data set report\"\nurl = \"https://example.org/a.pdf\"\ndate = 2025-12-01\ncore = 4\n\n[[document]]\nid = 2\ntitle = \"Audit\"\nfile = \"audit.pdf\"\ndate = 2019-01-01\n";

impl FileSource for Memory {
    fn read(&self, path: &str) -> Result<Vec<u8>, ReadError> {
        let text = match path {
            "book/src/SUMMARY.md" => SUMMARY,
            "book/src/intro.md" => INTRO,
            "book/src/chapter.md" => return Ok(self.chapter.clone()),
            "book/src/nested.md" => NESTED,
            "book/src/achievements.md" => ACHIEVEMENTS,
            "book/src/inc.md" => INCLUDED,
            "evidence/log.toml" => LOG,
            _ => return Err(ReadError::NotFound),
        };
        Ok(text.as_bytes().to_vec())
    }

    fn describe(&self) -> String {
        "memory".into()
    }
}

/// Chapter parsing and word counting: units, their words and their places.
pub fn chapter(data: &[u8]) {
    use psdoc_core::model::markdown::parse_chapter;
    use psdoc_core::words::{count_words, word_spans};

    if let Ok(text) = std::str::from_utf8(data) {
        let parsed = parse_chapter(text);
        for unit in &parsed.units {
            assert_eq!(unit.words, count_words(&unit.text));
            assert!(unit.start <= text.len());
            for span in word_spans(&unit.text) {
                assert!(
                    unit.text.is_char_boundary(span.start) && unit.text.is_char_boundary(span.end)
                );
                assert!(unit.source_offset(span.start) <= text.len());
            }
        }
        for allow in &parsed.allows {
            assert!(allow.range.start <= allow.range.end && allow.range.end <= text.len());
        }
    }
}

/// A chapter as part of a whole statement (includes, nesting, sections, every
/// rule, the count), checked and rendered in every format.
pub fn statement(data: &[u8]) {
    let mut config = psdoc_core::Config::default();
    config.partnership.submission = psdoc_evidence::Date::new(2026, 3, 20);
    config.statement.word_limit = 50;
    config
        .statement
        .budgets
        .insert(psdoc_core::SectionKey::DATA, 5);
    let files = Memory {
        chapter: data.to_vec(),
    };
    let project = match psdoc_core::Project::from_files(config, String::new(), &files) {
        Ok(project) => project,
        Err(e) => return one_line(&e.to_string()),
    };
    let units: usize = project.statement.units().map(|(_, u)| u.words).sum();
    assert_eq!(project.statement.total_words(), units);
    let count = psdoc_core::count::WordCount::of(&project);
    let json: serde_json::Value = serde_json::from_str(&count.to_json()).expect("count JSON");
    let parts: u64 = ["sections", "other"]
        .iter()
        .flat_map(|k| json[k].as_array().expect("array").iter())
        .map(|s| s["words"].as_u64().expect("words"))
        .sum();
    assert_eq!(json["total"].as_u64(), Some(parts));
    let _ = count.to_table();

    let report = psdoc_core::Report::of(project);
    for d in &report.diagnostics {
        assert!(d.line >= 1 && d.column >= 1, "{d:?}");
        if let Some(source) = report.sources.find(&d.file) {
            assert!(d.line <= source.lines.line_count(), "{d:?}");
        }
    }
    use psdoc_core::render::{github, human, json as json_format, markdown, sarif};
    let _ = human::render(
        &report,
        human::HumanOptions {
            color: true,
            quiet: false,
        },
    );
    serde_json::from_str::<serde_json::Value>(&json_format::render(&report)).expect("JSON");
    serde_json::from_str::<serde_json::Value>(&sarif::render(&report, &Default::default()))
        .expect("SARIF");
    let _ = markdown::render(&report);
    let _ = github::render(&report, &Default::default());
}

/// Evidence references in every form and style (in text order, never
/// overlapping, written as their form says) and quality-indicator references
/// in prose.
pub fn references(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for prefix in ["E", "Doc"] {
        for style in [
            psdoc_evidence::ReferenceStyle::Any,
            psdoc_evidence::ReferenceStyle::Brackets,
        ] {
            let mut last_end = 0;
            for r in psdoc_evidence::find_references_with(text, prefix, style) {
                assert!(r.range.start >= last_end, "overlapping: {r:?}");
                last_end = r.range.end;
                let found = &text[r.range.clone()];
                match r.form {
                    psdoc_evidence::Form::Brackets => {
                        assert!(found.starts_with('[') && found.ends_with(']'), "{found:?}")
                    }
                    psdoc_evidence::Form::Parentheses => {
                        assert!(found.starts_with('(') && found.ends_with(')'), "{found:?}")
                    }
                    psdoc_evidence::Form::RunningText => {
                        assert!(found.starts_with(prefix), "{found:?}")
                    }
                    psdoc_evidence::Form::Wording => assert!(
                        matches!(r.kind, psdoc_evidence::ReferenceKind::Malformed { .. }),
                        "{found:?}"
                    ),
                }
                if let psdoc_evidence::ReferenceKind::Cites(items) = &r.kind {
                    assert!(!items.is_empty());
                    for item in items {
                        assert!(1 <= item.first() && item.first() <= item.last(), "{item:?}");
                        assert!(item.contains(item.first()) && item.contains(item.last()));
                    }
                }
            }
        }
    }
    for q in psdoc_evidence::find_qi_references(text, &psdoc_guidance::default_profile().framework)
    {
        assert!(text.get(q.range.clone()).is_some(), "{q:?}");
    }
}

/// `partnership.toml`: an error is one line with a place; a configuration that
/// parses also builds its privacy patterns.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match psdoc_core::config::parse(text) {
        Ok(config) => {
            if let Err(e) = psdoc_core::redact::Redactor::new(&config.privacy) {
                panic!("a configuration that parses has patterns that do not build: {e}");
            }
        }
        Err(e) => one_line(&e.to_string()),
    }
}

fn log_result(result: Result<psdoc_evidence::DocumentLog, psdoc_evidence::LogError>) {
    match result {
        Ok(log) => {
            for d in &log.documents {
                assert!(d.id >= 1 && d.line >= 1, "{d:?}");
                assert!(!d.title.trim().is_empty(), "{d:?}");
                assert!(d.core.iter().all(|c| (1..=13).contains(c)), "{d:?}");
            }
            let _ = psdoc_export::log::to_csv(&log, psdoc_guidance::default_profile());
            let _ = psdoc_export::log::to_markdown(&log, "E", psdoc_guidance::default_profile());
            let _ = psdoc_export::log::to_json(&log);
        }
        Err(e) => one_line(&e.to_string()),
    }
}

/// The document log as TOML.
pub fn log_toml(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        log_result(psdoc_evidence::parse_toml_log("evidence/log.toml", text));
    }
}

/// The document log as CSV (UTF-8, UTF-16 or Windows-1252).
pub fn log_csv(data: &[u8]) {
    log_result(psdoc_evidence::parse_csv_log("evidence/log.csv", data));
}

/// The document log as an Excel workbook.
pub fn log_xlsx(data: &[u8]) {
    tolerate_overflow_in_calamine();
    log_result(psdoc_evidence::parse_xlsx_log("evidence/log.xlsx", data));
}

/// calamine's arithmetic on cell references of many letters overflows: a
/// panic only in builds with overflow checks, such as the fuzzers' (a release
/// build wraps), and `parse_xlsx_log` turns it into an error. libFuzzer stops
/// at any panic, caught or not, so this one is let through; any other panic,
/// in calamine or not, still stops the fuzzer.
fn tolerate_overflow_in_calamine() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_calamine = info
                .location()
                .is_some_and(|l| l.file().contains("/calamine-"));
            if in_calamine && info.to_string().contains("with overflow") {
                return;
            }
            previous(info);
        }));
    });
}

/// Small limits, so that a zip bomb or a huge PDF stream stops early.
fn limits() -> Limits {
    Limits {
        max_file_bytes: 1 << 20,
        max_member_bytes: 1 << 20,
        max_archive_bytes: 2 << 20,
        max_pdf_pages: 20,
    }
}

fn extract(name: &str, data: &[u8]) {
    match psdoc_extract::extract_bytes(name, data, &limits()) {
        Ok(extracted) => {
            for unit in &extracted.units {
                assert!(unit.location.line() >= 1, "{:?}", unit.location);
                assert!(unit.labels.len() <= 2, "{:?}", unit.labels);
            }
            for n in &extracted.incomplete {
                one_line(&n.reason);
            }
            for table in &extracted.tables {
                assert_eq!(table.rows.len(), table.row_numbers.len());
            }
        }
        Err(n) => one_line(&n.reason),
    }
}

/// Word documents (a zip of XML parts).
pub fn extract_docx(data: &[u8]) {
    extract("evidence.docx", data);
    extract("evidence.odt", data);
}

/// Excel workbooks.
pub fn extract_xlsx(data: &[u8]) {
    extract("evidence.xlsx", data);
}

/// PDFs: the text layer, within the page and stream limits.
pub fn extract_pdf(data: &[u8]) {
    extract("evidence.pdf", data);
}

fn detector() -> &'static psdoc_privacy::Detector {
    static DETECTOR: std::sync::OnceLock<psdoc_privacy::Detector> = std::sync::OnceLock::new();
    DETECTOR.get_or_init(|| {
        psdoc_privacy::Detector::new(&psdoc_privacy::Settings {
            area: vec!["Loch Ard".into()],
            allow: vec!["EH1 1AA".into()],
            patterns: vec![psdoc_privacy::CustomPattern {
                name: "case reference".into(),
                regex: r"\bSW-\d{6}\b".into(),
            }],
        })
        .expect("valid settings")
    })
}

/// The personal-identifier detector: places inside the text, and a masked form
/// that keeps the length and never shows the identifier in full.
pub fn privacy(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The same text as a table cell under a label from the text itself, and the
    // indirect identifiers: ranges inside the text, never a panic.
    let label = text.lines().next().unwrap_or("");
    let (labelled, indirect) = detector().find_all_labelled(text, &[label, "CHI"]);
    for id in labelled.iter() {
        assert!(text.get(id.range.clone()).is_some(), "{id:?}");
    }
    for i in &indirect {
        assert!(text.get(i.range.clone()).is_some(), "{i:?}");
    }
    let found = detector().find(text);
    let mut end = 0;
    for id in &found {
        let raw = text.get(id.range.clone()).expect("range inside the text");
        assert!(id.range.start >= end, "overlapping or unsorted: {found:?}");
        end = id.range.end;
        assert_eq!(
            id.masked.chars().count(),
            raw.chars().count(),
            "{id:?} for {raw:?}"
        );
        if raw.chars().filter(|c| c.is_alphanumeric()).count() > 4 {
            assert_ne!(id.masked, raw, "{id:?}");
        }
    }
    // The text's lines given together (as the scan gives a file's units, the
    // prefilter reading two at once) are found as each line alone.
    let lines: Vec<(&str, &[&str])> = text.split('\n').map(|l| (l, &[][..])).collect();
    for ((line, _), together) in lines.iter().zip(detector().find_all_each(&lines)) {
        assert_eq!(
            together,
            detector().find_all_labelled(line, &[]),
            "{line:?}"
        );
    }
}

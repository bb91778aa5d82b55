//! `--format json` (docs/json.md#psdoc-check---format-json).

use std::io::Write as _;

use serde::Serialize;

use crate::check::Tally;
use crate::diagnostic::Diagnostic;
use crate::report::Report;
use crate::scan::allow::SuppressedDiagnostic;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    summary: Summary<'a>,
    diagnostics: &'a [Diagnostic],
    /// Findings allowed by a `[[privacy.allow]]` entry, with its reason.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    suppressed: &'a [SuppressedDiagnostic],
}

#[derive(Serialize)]
struct Summary<'a> {
    errors: usize,
    warnings: usize,
    words: usize,
    word_limit: u32,
    #[serde(serialize_with = "as_map")]
    qi_coverage: &'a [(String, Vec<String>)],
}

/// Pairs as a JSON object, in the framework's order.
fn as_map<S: serde::Serializer>(pairs: &&[(String, Vec<String>)], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs.iter() {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

/// The report as pretty-printed JSON, with a final newline.
pub fn render(report: &Report) -> String {
    let mut bytes = Vec::new();
    write(report, &mut bytes).expect("writing to memory");
    String::from_utf8(bytes).expect("JSON is UTF-8")
}

/// The same JSON written straight to `out`: a scan with a hundred thousand
/// findings never holds its whole output in memory.
pub fn write(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    write_with(report, out, RENDERED_APART_FROM)
}

/// From this many findings, each is rendered apart, on every core (see
/// [`write_rendered_apart`]): the JSON of forty thousand findings took a tenth of a
/// scan of 100 MiB, on one core, after the scan's work on all of them.
const RENDERED_APART_FROM: usize = 2_000;

fn write_with(
    report: &Report,
    out: &mut dyn std::io::Write,
    rendered_apart_from: usize,
) -> std::io::Result<()> {
    let tally = Tally::of(&report.diagnostics);
    let output = |diagnostics| Output {
        version: 1,
        summary: Summary {
            errors: tally.errors,
            warnings: tally.warnings,
            words: report.words,
            word_limit: report.word_limit,
            qi_coverage: &report.qi_coverage,
        },
        diagnostics,
        suppressed: &report.suppressed,
    };
    let mut buffered = std::io::BufWriter::new(out);
    if report.diagnostics.is_empty() || report.diagnostics.len() < rendered_apart_from {
        serde_json::to_writer_pretty(&mut buffered, &output(&report.diagnostics))
            .map_err(std::io::Error::other)?;
    } else {
        let frame = serde_json::to_string_pretty(&output(&[])).map_err(std::io::Error::other)?;
        write_rendered_apart(&frame, &report.diagnostics, &mut buffered)?;
    }
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// Writes `frame` (the output without findings) with `diagnostics` in its empty
/// list, as `serde_json::to_writer_pretty` would have written them there. Chunks
/// of findings are rendered on every core, a batch at a time, each as serde_json
/// renders a list in a list (`[[...]]`): its findings are then indented as deep as
/// they are in the report's own list, and the brackets around them are left out.
fn write_rendered_apart(
    frame: &str,
    diagnostics: &[Diagnostic],
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    // The top-level key, after a line break and one level of indent: no string (JSON
    // writes a line break in one as `\n`) and no deeper key looks like it.
    const EMPTY_LIST: &str = "\n  \"diagnostics\": []";
    const OPEN: &[u8] = b"[\n  [";
    const CLOSE: &[u8] = b"\n  ]\n]";
    let unexpected = || std::io::Error::other("the JSON report is not laid out as expected");
    let at = frame
        .find(EMPTY_LIST)
        .map(|i| i + EMPTY_LIST.len() - "[]".len())
        .ok_or_else(unexpected)?;
    const CHUNK: usize = 256;
    // A few chunks per core at a time: the output is written as it is made, never held
    // whole (a hundred thousand findings are some 50 MB of JSON).
    let batch = CHUNK * 4 * rayon::current_num_threads().max(1);
    out.write_all(&frame.as_bytes()[..at])?;
    out.write_all(b"[")?;
    let mut first = true;
    for findings in diagnostics.chunks(batch) {
        let rendered: Vec<Vec<u8>> = findings
            .par_chunks(CHUNK)
            .map(|chunk| -> std::io::Result<Vec<u8>> {
                let mut nested = Vec::with_capacity(chunk.len() * 512);
                serde_json::to_writer_pretty(&mut nested, &[chunk])
                    .map_err(std::io::Error::other)?;
                if !(nested.starts_with(OPEN) && nested.ends_with(CLOSE)) {
                    return Err(unexpected());
                }
                Ok(nested)
            })
            .collect::<std::io::Result<_>>()?;
        for chunk in &rendered {
            if !first {
                out.write_all(b",")?;
            }
            first = false;
            out.write_all(&chunk[OPEN.len()..chunk.len() - CLOSE.len()])?;
        }
    }
    out.write_all(b"\n  ]")?;
    out.write_all(&frame.as_bytes()[at + "[]".len()..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn finding(i: usize) -> Diagnostic {
        let rule = if i.is_multiple_of(2) {
            "personal-identifier"
        } else {
            "small-number"
        };
        let message = format!("line {i}: \"quoted\", a tab\t, a break\nand \u{2019}curly\u{2019}");
        let file = format!("evidence/file {}.txt", i % 7);
        let mut d = crate::testing::diagnostic(rule, &file, i + 1, 3, &message);
        if !i.is_multiple_of(3) {
            d.severity = Severity::Warning;
        }
        d.kind = i.is_multiple_of(2).then(|| "chi".to_owned());
        d.masked = i
            .is_multiple_of(2)
            .then(|| "19\u{2022}\u{2022}\u{2022}\u{2022}31".to_owned());
        d.help = (!i.is_multiple_of(5)).then(|| "remove it \\ or anonymise it".to_owned());
        d.page = i.is_multiple_of(4).then_some(2);
        d.sheet = i.is_multiple_of(6).then(|| "Q4".to_owned());
        d.cell = i.is_multiple_of(6).then(|| "C4".to_owned());
        d.place = i
            .is_multiple_of(6)
            .then(|| "Sheet \"Q4\", cell C4".to_owned());
        d.length = 4;
        d
    }

    fn report(n: usize) -> Report {
        let redactor = crate::redact::Redactor::new(&crate::Config::default().privacy).unwrap();
        let mut report = Report::without_statement((0..n).map(finding).collect(), redactor);
        report.qi_coverage = vec![("2.1".to_owned(), vec!["Leadership".to_owned()])];
        report.words = 4_321;
        // What follows the list of findings is written after it too.
        report.suppressed = vec![SuppressedDiagnostic {
            diagnostic: finding(n + 1),
            suppressed: crate::scan::allow::Suppression {
                reason: "the council's \"public\" switchboard".to_owned(),
                by: "partnership.toml:12".to_owned(),
            },
        }];
        report
    }

    fn written(report: &Report, rendered_apart_from: usize) -> String {
        let mut out = Vec::new();
        write_with(report, &mut out, rendered_apart_from).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn findings_rendered_apart_are_the_bytes_serde_json_writes() {
        // Past one batch (1,024 findings a core) as well.
        for n in [0, 1, 2, 255, 256, 257, 600, 5_000] {
            let report = report(n);
            let whole = written(&report, usize::MAX);
            assert_eq!(written(&report, 0), whole, "{n} findings");
            assert_eq!(whole, render(&report));
            let parsed: serde_json::Value = serde_json::from_str(&whole).unwrap();
            assert_eq!(parsed["diagnostics"].as_array().unwrap().len(), n);
        }
    }
}

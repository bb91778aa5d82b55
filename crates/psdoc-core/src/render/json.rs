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
    let tally = Tally::of(&report.diagnostics);
    let output = Output {
        version: 1,
        summary: Summary {
            errors: tally.errors,
            warnings: tally.warnings,
            words: report.words,
            word_limit: report.word_limit,
            qi_coverage: &report.qi_coverage,
        },
        diagnostics: &report.diagnostics,
        suppressed: &report.suppressed,
    };
    let mut buffered = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut buffered, &output).map_err(std::io::Error::other)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

//! `--format json` (CONTRACT section 8).

use serde::Serialize;

use crate::check::Tally;
use crate::diagnostic::Diagnostic;
use crate::report::Report;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    summary: Summary<'a>,
    diagnostics: &'a [Diagnostic],
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
    let tally = Tally::of(&report.diagnostics);
    let out = Output {
        version: 1,
        summary: Summary {
            errors: tally.errors,
            warnings: tally.warnings,
            words: report.words,
            word_limit: report.word_limit,
            qi_coverage: &report.qi_coverage,
        },
        diagnostics: &report.diagnostics,
    };
    let mut s = serde_json::to_string_pretty(&out).expect("serialisable");
    s.push('\n');
    s
}

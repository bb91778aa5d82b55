//! `missing-evidence-file`: a log entry's `file` does not exist.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;
use crate::model::evidence::EvidenceFile;

pub(super) static RULE: Rule = Rule {
    name: "missing-evidence-file",
    default_severity: Severity::Error,
    summary: "a `file` that does not exist",
    what: "A log entry's `file` names a file that is not in the evidence folder (`evidence.files`).",
    why: "Inspectors \"will review the supporting evidence, validate its robustness\": a document listed in the log but not supplied cannot be reviewed, and the submission bundle would lack it.",
    example: "file = \"audits/ird-audit-2024.pdf\"   (no such file in evidence/files/audits)\n\n    error[missing-evidence-file]: document 13's file evidence/files/audits/ird-audit-2024.pdf does not exist",
    fix: "Put the file in the evidence folder under that name, or correct `file` in the log (paths are relative to evidence.files; names are case-sensitive).",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (i, state) in cx.evidence_files {
        let EvidenceFile::Missing(path) = state else {
            continue;
        };
        let doc = &cx.log.documents[*i];
        out.push(
            Finding::new(
                cx.log_location(doc, "file"),
                format!("document {}'s file {path} does not exist", doc.id),
            )
            .help(format!(
                "put the file there, or correct `file` (relative to {}; names are case-sensitive)",
                cx.config.evidence.files
            )),
        );
    }
}

//! `evidence-outside-folder`: a log entry's `file` escapes the evidence
//! folder.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;
use crate::model::evidence::EvidenceFile;

pub(super) static RULE: Rule = Rule {
    name: "evidence-outside-folder",
    default_severity: Severity::Error,
    summary: "a `file` that escapes `evidence.files` (absolute, `..`, a link)",
    what: "A log entry's `file` is an absolute path, climbs out with `..`, or is a link leading outside the evidence folder. psdoc never reads such a file.",
    why: "The guidance: \"In accordance with GDPR please ensure that your supporting evidence does not contain any personal or identifiable information.\" Evidence kept outside the folder escapes psdoc's checks for identifiers, and could pull a case file from a shared drive into the submission.",
    example: "file = \"../../casework/child-a.docx\"\n\n    error[evidence-outside-folder]: document 13's file ../../casework/child-a.docx is outside the evidence folder (evidence/files)",
    fix: "Copy the (anonymised) document into the evidence folder and give its path relative to that folder.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (i, state) in cx.evidence_files {
        let EvidenceFile::Outside(file) = state else {
            continue;
        };
        let doc = &cx.log.documents[*i];
        out.push(
            Finding::new(
                cx.log_location(doc, "file"),
                format!(
                    "document {}'s file {file} is outside the evidence folder ({})",
                    doc.id, cx.config.evidence.files
                ),
            )
            .help(format!(
                "copy the anonymised document into {} and give its path relative to that folder",
                cx.config.evidence.files
            )),
        );
    }
}

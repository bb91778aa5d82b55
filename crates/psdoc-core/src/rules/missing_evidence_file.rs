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
    cx.file_findings(
        out,
        |state| match state {
            EvidenceFile::Missing(path) => Some(path),
            _ => None,
        },
        |doc, path| format!("document {}'s file {path} does not exist", doc.id),
        &format!(
            "put the file there, or correct `file` (relative to {}; names are case-sensitive)",
            cx.config.evidence.files
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::testing::{TestStatement, at};

    /// Document 2 held as `file` (on line 10 of the log).
    fn with_file(file: &str) -> TestStatement {
        TestStatement::complete().log_with_file("IRD audit", file)
    }

    #[test]
    fn a_file_not_in_the_evidence_folder_is_found_at_its_file_key() {
        let f = with_file("audits/ird-audit-2024.pdf").finding("missing-evidence-file");
        assert_eq!(
            f.message,
            "document 2's file evidence/files/audits/ird-audit-2024.pdf does not exist"
        );
        assert_eq!(at(&f), ("evidence/log.toml", 10));
        assert_eq!(
            f.help.as_deref(),
            Some(
                "put the file there, or correct `file` (relative to evidence/files; names are case-sensitive)"
            )
        );
    }

    #[test]
    fn a_file_in_the_evidence_folder_is_fine() {
        let st = with_file("audits/ird-audit-2024.pdf")
            .file("evidence/files/audits/ird-audit-2024.pdf", "An audit.");
        assert!(st.findings("missing-evidence-file").is_empty());
    }

    #[test]
    fn names_are_case_sensitive() {
        let st = with_file("audits/IRD-audit-2024.pdf")
            .file("evidence/files/audits/ird-audit-2024.pdf", "An audit.");
        assert_eq!(st.findings("missing-evidence-file").len(), 1);
    }

    #[test]
    fn paths_are_relative_to_the_evidence_folder_in_force() {
        let st = with_file("ird.pdf")
            .with_config("[evidence]\nfiles = \"submission/evidence\"\n")
            .file("evidence/files/ird.pdf", "An audit.");
        let f = st.finding("missing-evidence-file");
        assert!(
            f.message.contains("submission/evidence/ird.pdf"),
            "{}",
            f.message
        );
        let st = st.file("submission/evidence/ird.pdf", "An audit.");
        assert!(st.findings("missing-evidence-file").is_empty());
    }

    #[test]
    fn a_file_outside_the_folder_is_left_to_evidence_outside_folder() {
        let st = with_file("../../casework/child-a.docx");
        assert!(st.findings("missing-evidence-file").is_empty());
    }
}

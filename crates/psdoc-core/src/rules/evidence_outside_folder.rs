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
    let folder = &cx.config.evidence.files;
    cx.file_findings(
        out,
        |state| match state {
            EvidenceFile::Outside(file) => Some(file),
            _ => None,
        },
        |doc, file| {
            format!(
                "document {}'s file {file} is outside the evidence folder ({folder})",
                doc.id
            )
        },
        &format!(
            "copy the anonymised document into {folder} and give its path relative to that folder"
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::testing::{TestStatement, at};

    /// Document 2 held as `file` (on line 10 of the log).
    fn with_file(file: &str) -> TestStatement {
        TestStatement::complete().log_with_file("Case notes", file)
    }

    #[test]
    fn a_path_climbing_out_is_found_at_its_file_key() {
        let f = with_file("../../casework/child-a.docx").finding("evidence-outside-folder");
        assert_eq!(
            f.message,
            "document 2's file ../../casework/child-a.docx is outside the evidence folder (evidence/files)"
        );
        assert_eq!(at(&f), ("evidence/log.toml", 10));
        assert_eq!(
            f.help.as_deref(),
            Some(
                "copy the anonymised document into evidence/files and give its path relative to that folder"
            )
        );
    }

    #[test]
    fn absolute_drive_and_network_paths_are_outside() {
        for file in [
            "/home/lead/report.pdf",
            r"C:\Users\lead\report.pdf",
            r"\\council-fs\children\report.pdf",
        ] {
            assert_eq!(
                with_file(file).findings("evidence-outside-folder").len(),
                1,
                "{file}"
            );
        }
    }

    #[test]
    fn a_sibling_folder_whose_name_starts_the_same_is_outside() {
        let st = with_file("../files-old/report.pdf").file("evidence/files-old/report.pdf", "x");
        assert_eq!(st.findings("evidence-outside-folder").len(), 1);
    }

    #[test]
    fn a_path_that_climbs_back_into_the_folder_is_inside() {
        for file in [
            "audits/../report.pdf",
            "../files/report.pdf",
            "./report.pdf",
        ] {
            let st = with_file(file).file("evidence/files/report.pdf", "x");
            assert!(st.findings("evidence-outside-folder").is_empty(), "{file}");
            assert!(st.findings("missing-evidence-file").is_empty(), "{file}");
        }
    }
}

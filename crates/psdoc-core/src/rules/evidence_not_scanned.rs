//! `evidence-not-scanned`: an evidence file whose text could not be read.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "evidence-not-scanned",
    default_severity: Severity::Warning,
    summary: "an evidence file whose text could not be read (image, scanned or encrypted PDF, corrupt, unsupported, over a size limit)",
    what: "A file in the evidence folder, or any other file the repository publishes or submits (git tracks it or would: a Word file beside the log, a picture in the book), that psdoc could not read for personal information: an image, a PDF with no text layer (a scan) or encrypted, a damaged file, a format psdoc does not read, binary data, or a file over a size limit. The reason is in the message.",
    why: "The guidance asks that supporting evidence \"does not contain any personal or identifiable information\". A file psdoc cannot read is not known to be clean: silence must never look like a pass.",
    example: "evidence/files/audits/scanned-minutes.pdf\n\n    warning[evidence-not-scanned]: not scanned for personal information: a PDF with no text layer (a scanned document?)",
    fix: "Check the file by eye, or export it again with its text (save as PDF from Word rather than scanning; remove the password). Large files can be split. Once a person has checked it, record that in partnership.toml, so the warning stops and the reason stays:\n\n    [[privacy.allow]]\n    file = \"book/src/images/hub-opening.png\"\n    rule = \"evidence-not-scanned\"\n    reason = \"photo of the building, no people, checked by the lead officer\"\n\nA file that is neither published nor submitted (a draft kept elsewhere) belongs outside the repository, or under `exclude` in [privacy].",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    out.extend(cx.privacy.not_scanned.iter().cloned());
}

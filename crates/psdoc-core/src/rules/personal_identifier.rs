//! `personal-identifier`: personal or identifiable information.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "personal-identifier",
    default_severity: Severity::Error,
    summary: "personal or identifiable information (GDPR), see below",
    what: "Personal or identifiable information in the statement (HTML comments included: the repository itself may be shared), in a local evidence file, or in any other file of the repository that is published or submitted (a Word file beside the log, a picture in the book): CHI, NHS and National Insurance numbers (with their check digits validated), full postcodes, e-mail addresses, phone numbers, dates of birth, a child's name (next to an age or a care context, or introduced in a child's or family's story), a relative's or carer's name (`named-relative`), home addresses, Scottish Candidate Numbers, and the partnership's own `[[privacy.pattern]]`s. A label beside a value lowers the bar: a ten-digit number starting with a real date in a column headed \"CHI\" (or after \"CHI:\", \"Patient ID\") is a CHI number even with a mistyped check digit; a label naming something else (\"ISBN\", \"Invoice no.\", a phone column) raises it. Inside an evidence file the finding names its place (`Sheet \"Q4\", cell C4`, `table 2, row 4, column \"CHI\", under \"Findings\"`, `page 3`). Every finding names its `kind` and shows the identifier only masked (`19••••••31`). `psdoc build` and `psdoc package` refuse while one stands.",
    why: "The guidance: \"In accordance with GDPR please ensure that your supporting evidence does not contain any personal or identifiable information.\" A child's CHI number or address in a submitted document is a data breach that can harm the child.",
    example: "Child A's CHI number (ten digits with a valid check digit) was written on the referral.\n\n    error[personal-identifier]: a CHI number (Community Health Index) (19••••••31): the guidance asks that nothing personal or identifiable is submitted",
    fix: "Remove the identifier or anonymise it (\"Child A\", \"a young person\", \"her grandmother\", a district instead of a postcode). A case study's changed name is fine when marked: \"Sam (not his real name)\". A public office's number or a role mailbox can be listed under `allow` in [privacy]. In Markdown, one block can be allowed with <!-- psdoc-allow personal-identifier:postcode -->; in a spreadsheet, a Word file or a PDF, which cannot hold that comment, add an entry to partnership.toml:\n\n    [[privacy.allow]]\n    file = \"evidence/files/contacts.xlsx\"\n    kind = \"phone\"\n    text = \"0131 529 3030\"\n    reason = \"the council's public switchboard\"",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    out.extend(cx.privacy.identifiers.iter().cloned());
}

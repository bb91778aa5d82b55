//! `personal-identifier`: personal or identifiable information.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "personal-identifier",
    default_severity: Severity::Error,
    summary: "personal or identifiable information (GDPR), see below",
    what: "Personal or identifiable information in the statement (HTML comments included: the repository itself may be shared) or in a local evidence file: CHI, NHS and National Insurance numbers (with their check digits validated), full postcodes, e-mail addresses, phone numbers, dates of birth, a child's name next to an age or a care context, home addresses, Scottish Candidate Numbers, and the partnership's own `[[privacy.pattern]]`s. Every finding names its `kind` and shows the identifier only masked (`19••••••31`). `psdoc build` and `psdoc package` refuse while one stands.",
    why: "The guidance: \"In accordance with GDPR please ensure that your supporting evidence does not contain any personal or identifiable information.\" A child's CHI number or address in a submitted document is a data breach that can harm the child.",
    example: "Child A's CHI number (ten digits with a valid check digit) was written on the referral.\n\n    error[personal-identifier]: a CHI number (Community Health Index) (19••••••31): the guidance asks that nothing personal or identifiable is submitted",
    fix: "Remove the identifier or anonymise it (\"Child A\", \"a 14-year-old girl\", a district instead of a postcode). A case study's changed name is fine when marked: \"Sam (not his real name)\". A public office's number or a role mailbox can be listed under `allow` in [privacy]; one block can be allowed with <!-- psdoc-allow personal-identifier:postcode -->.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    out.extend(cx.privacy.identifiers.iter().cloned());
}

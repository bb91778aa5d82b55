//! `invalid-evidence-link`: a `url` that is not a well-formed web address.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;
use psdoc_evidence::link::validate;

pub(super) static RULE: Rule = Rule {
    name: "invalid-evidence-link",
    default_severity: Severity::Error,
    summary: "a `url` that is not a well-formed http(s) address",
    what: "A log entry's `url` is not a well-formed http or https address: no scheme, another scheme (a `file:` or network-drive path), spaces, or no host.",
    why: "The guidance asks for \"a hyperlink\" for every public document. A link that cannot work in an inspector's browser (a path on the council's network, `www.` without `https://`) leaves the claim unsupported.",
    example: "url = \"S:\\\\Children\\\\CPC\\\\annual-report.pdf\"\n\n    error[invalid-evidence-link]: document 18's url is not a web address",
    fix: "Use the public web address, starting with https://. A document that is not published belongs in the evidence folder with `file` and `public = false`.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for doc in &cx.log.documents {
        let Some(link) = &doc.url else { continue };
        if let Err(why) = validate(link) {
            out.push(
                Finding::new(
                    cx.log_location(doc, "url"),
                    format!("document {}'s url \"{link}\" is not a web address: {why}", doc.id),
                )
                .help("use the public address starting with https://; unpublished documents go in the evidence folder with `file`"),
            );
        }
    }
}

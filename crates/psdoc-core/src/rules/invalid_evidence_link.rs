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

#[cfg(test)]
mod tests {
    use crate::testing::{TestStatement, at};

    /// Document 1 linked as `url` (on line 4 of the log; a literal string).
    fn linked(url: &str) -> TestStatement {
        TestStatement::complete().log(&format!(
            "[[document]]\nid = 1\ntitle = \"CPC plan\"\nurl = '{url}'\ndate = 2025-12-01\n"
        ))
    }

    fn why(url: &str) -> String {
        let f = linked(url).finding("invalid-evidence-link");
        f.message.rsplit(": ").next().unwrap().to_owned()
    }

    #[test]
    fn an_address_without_https_is_found_at_its_url() {
        let f = linked("www.lochard.gov.uk/plan.pdf").finding("invalid-evidence-link");
        assert_eq!(
            f.message,
            "document 1's url \"www.lochard.gov.uk/plan.pdf\" is not a web address: it does not start with https://"
        );
        assert_eq!(at(&f), ("evidence/log.toml", 4));
        assert!(f.help.unwrap().contains("https://"));
    }

    #[test]
    fn each_kind_of_bad_address_says_why() {
        assert_eq!(
            why(r"S:\Children\CPC\plan.pdf"),
            "only http and https links work for inspectors"
        );
        assert_eq!(
            why("https://www.lochard.gov.uk/cpc plan.pdf"),
            "it contains spaces (write them as %20)"
        );
        assert_eq!(
            why("https://intranet/cpc/plan.pdf"),
            "its host name is not a web site's"
        );
    }

    #[test]
    fn escaped_spaces_queries_and_plain_http_are_fine() {
        for url in [
            "https://www.lochard.gov.uk/cpc%20plan.pdf",
            "https://www.lochard.gov.uk/download?id=42&v=2",
            "http://www.lochard.gov.uk/plan.pdf",
        ] {
            assert!(
                linked(url).findings("invalid-evidence-link").is_empty(),
                "{url}"
            );
        }
    }
}

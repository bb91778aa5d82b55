//! `invalid-evidence-link`: a `url` that is not a well-formed web address.

use super::{Rule, Severity};
use crate::check::Context;
use crate::diagnostic::Finding;

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

/// Checks a link is an absolute http(s) URL with a plausible host.
pub(crate) fn validate(link: &str) -> Result<(), &'static str> {
    if link.chars().any(char::is_whitespace) {
        return Err("it contains spaces (write them as %20)");
    }
    let parsed = url::Url::parse(link).map_err(|e| match e {
        url::ParseError::RelativeUrlWithoutBase => "it does not start with https://",
        url::ParseError::EmptyHost => "it has no host name",
        _ => "it cannot be read as a URL",
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err("only http and https links work for inspectors");
    }
    match parsed.host() {
        Some(url::Host::Domain(d)) if d.contains('.') || d == "localhost" => Ok(()),
        Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)) => Ok(()),
        _ => Err("its host name is not a web site's"),
    }
}

#[cfg(test)]
mod tests {
    use super::validate;

    #[test]
    fn links() {
        assert!(validate("https://www.lochard.gov.uk/cpc/annual-report-2024-25.pdf").is_ok());
        assert!(validate("http://127.0.0.1:8080/x").is_ok());
        assert!(validate("www.lochard.gov.uk/report.pdf").is_err());
        assert!(validate("file:///S:/Children/report.pdf").is_err());
        assert!(validate("https://intranet/report.pdf").is_err());
        assert!(validate("https://www.lochard.gov.uk/annual report.pdf").is_err());
        assert!(validate("https://").is_err());
    }
}

//! Whether a log entry's `url` is a link an inspector's browser can open:
//! an absolute http(s) address with a plausible host.

/// Checks a link is an absolute http(s) URL with a plausible host.
pub fn validate(link: &str) -> Result<(), &'static str> {
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

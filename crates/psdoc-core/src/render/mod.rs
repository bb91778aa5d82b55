//! Reporters: the same findings as human text, JSON, and (later) SARIF,
//! GitHub workflow commands and Markdown.

pub mod github;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;

/// `path` under `prefix` (the statement root seen from the repository's
/// root, ending in `/`, or empty).
pub fn prefixed(prefix: &str, path: &str) -> String {
    if prefix.is_empty() || path.starts_with('/') {
        path.to_owned()
    } else {
        format!("{prefix}{path}")
    }
}

/// `4870` as `4,870`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(4870), "4,870");
        assert_eq!(super::thousands(1234567), "1,234,567");
    }
}

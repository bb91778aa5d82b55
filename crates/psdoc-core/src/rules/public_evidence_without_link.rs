//! `public-evidence-without-link`: a public document with no `url`.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "public-evidence-without-link",
    default_severity: Severity::Warning,
    summary: "a public document with no `url`",
    what: "A log entry marked `public = true` has no `url`.",
    why: "The guidance: \"Where documents are publicly available, provide a hyperlink rather than to the document itself. Links to websites should be referenced within the document log.\"",
    example: "[[document]]\nid = 25\ntitle = \"Chief social work officer's report 2024-25\"\npublic = true\n\n    warning[public-evidence-without-link]: document 25 is public but has no `url`",
    fix: "Add the document's web address as `url`. If it is not published, set `public = false` and supply the file.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for doc in &cx.log.documents {
        if doc.public && doc.url.is_none() {
            out.push(
                Finding::new(
                    cx.log_location(doc, "public"),
                    format!("document {} (\"{}\") is public but has no `url`", doc.id, doc.title),
                )
                .help("add its web address as `url`; if it is not published, set `public = false` and supply the file"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{TestStatement, at};

    /// Document 2 with `keys` (from line 10 of the log), and a copy of its
    /// report in the evidence folder.
    fn second(keys: &str) -> TestStatement {
        TestStatement::complete()
            .log(&format!(
                "[[document]]\nid = 1\ntitle = \"A\"\nurl = \"https://example.org/a\"\ndate = 2025-12-01\n\n\
                 [[document]]\nid = 2\ntitle = \"Chief social work officer's report 2024-25\"\n{keys}\n"
            ))
            .file("evidence/files/cswo.pdf", "A report.")
    }

    #[test]
    fn a_public_document_without_url_is_found_at_its_public_key() {
        let f =
            second("public = true\nfile = \"cswo.pdf\"").finding("public-evidence-without-link");
        assert_eq!(
            f.message,
            "document 2 (\"Chief social work officer's report 2024-25\") is public but has no `url`"
        );
        assert_eq!(at(&f), ("evidence/log.toml", 10));
        assert!(f.help.unwrap().contains("set `public = false`"));
    }

    #[test]
    fn a_document_held_as_a_file_is_not_public_unless_marked() {
        for keys in ["file = \"cswo.pdf\"", "public = false\nfile = \"cswo.pdf\""] {
            let st = second(keys);
            assert!(
                st.findings("public-evidence-without-link").is_empty(),
                "{keys}"
            );
        }
    }

    #[test]
    fn a_public_document_with_a_url_is_fine() {
        let st = second("public = true\nurl = \"https://www.lochard.gov.uk/cswo-2024-25.pdf\"");
        assert!(st.findings("public-evidence-without-link").is_empty());
    }
}

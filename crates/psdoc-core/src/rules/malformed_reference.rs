//! `malformed-reference`: something that looks like an evidence reference
//! but is not one psdoc can check: a broken bracket (`[E12a]`), the
//! wording `Document 6` that does not say whose number 6 it is, or, under
//! `reference_style = "brackets"`, a reference written another way
//! (`(E6)`, `E6` in the text).

use psdoc_evidence::ReferenceKind;

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "malformed-reference",
    default_severity: Severity::Warning,
    summary: "something that looks like a reference but is not one (`[E]`, `[E12a]`, `[E5-E3]`, `Document 6`)",
    what: "Text that is meant as an evidence reference but cannot be read as one: a bracket with no number (`[E]`), a letter after the number (`[E12a]`), a range running backwards (`[E5-E3]` or `E5-E3`), document 0, a space inside (`[E 12]`), a number too large to be a document number; or wording that gives a number without saying it is the document log's (`Document 6`, `Doc 6`, `Evidence 6`, `Documents 6 and 8`). With `reference_style = \"brackets\"` under `[evidence]` in partnership.toml, also every reference not in square brackets (`(E6)`, `see E6`, `E6 to E9`) and lists written with `;` or `and`. With the default, `\"any\"`, those are references like [E6].",
    why: "The guidance asks that \"links to your evidence are clearly marked throughout the document\" and that \"there must be a clear link between statements in the position statement and the supporting evidence provided\". A reference psdoc cannot read is one an inspector may not follow either: it is not checked against the document log, and it is not linked in the published book.",
    example: "Audits improved practice (Document 6) and [E12a].\n\n    warning[malformed-reference]: not an evidence reference: \u{201c}Document 6\u{201d} does not say that the number is one of the document log's; ...\n      = help: write [E6]\n    warning[malformed-reference]: not an evidence reference: letters after a document number (`a`): ...",
    fix: "Write the reference with the prefix, as the help line shows: [E12], lists as [E3, E12] and ranges as [E3-E5] (the lower number first). Give each document its own number in the log rather than 12a, 12b. With the default setting, (E12), E12 and E3 to E5 in the text are references too; `reference_style = \"brackets\"` asks for square brackets everywhere.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for found in &cx.citations.references {
        if let ReferenceKind::Malformed { reason, fix } = &found.item.kind {
            let help = match fix {
                Some(fix) => format!("write {fix}"),
                None => format!(
                    "write [{p}12], [{p}3, {p}12] or [{p}3-{p}5]",
                    p = cx.config.evidence.prefix
                ),
            };
            let message = format!("not an evidence reference: {reason}");
            out.push(Finding::at_found(found, message).help(help));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::TestStatement;

    fn findings(markdown: &str, config: &str) -> Vec<(usize, usize, String, Option<String>)> {
        TestStatement::new()
            .with_config(config)
            .chapter("data.md", markdown)
            .findings("malformed-reference")
            .into_iter()
            .map(|f| (f.location.line, f.location.column, f.message, f.help))
            .collect()
    }

    #[test]
    fn wording_is_reported_with_the_reference_as_the_fix() {
        let found = findings(
            "# What your data is telling you\n\nThe audit (Document 6) and Evidence\u{a0}7 show it.\n",
            "",
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (3, 12));
        assert!(
            found[0].2.contains("\u{201c}Document 6\u{201d}"),
            "{found:?}"
        );
        assert_eq!(found[0].3.as_deref(), Some("write [E6]"));
        assert_eq!((found[1].0, found[1].1), (3, 28));
        assert_eq!(found[1].3.as_deref(), Some("write [E7]"));
    }

    #[test]
    fn look_alikes_are_not_reported() {
        let found = findings(
            "# What your data is telling you\n\nThe E6a form, EH6 4AB, E6 1AB, Evidence 2024, `Document 6` and [Document] (E1).\n\n<!-- Document 6 -->\n",
            "",
        );
        assert_eq!(found, vec![]);
    }

    #[test]
    fn brackets_only_reports_every_other_form() {
        let md = "# What your data is telling you\n\nIt rose [E1], (E1) and see E1; E1 to E2 and [E1; E2].\n";
        let found = findings(md, "[evidence]\nreference_style = \"brackets\"\n");
        let helps: Vec<(usize, &str)> = found
            .iter()
            .map(|f| (f.1, f.3.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            helps,
            vec![
                (15, "write [E1]"),
                (28, "write [E1, E1-E2]"),
                (45, "write [E1, E2]")
            ],
            "{found:?}"
        );
        assert!(findings(md, "").is_empty());
    }
}

//! `unknown-evidence`: a reference to a document number not in the log.

use psdoc_evidence::{Cited, ReferenceKind};

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "unknown-evidence",
    default_severity: Severity::Error,
    summary: "a reference to a document number not in the log",
    what: "A reference such as [E12], or a number inside a list or range such as [E3, E12] or [E3-E5], names a document number that no entry of the document log has. With the default `reference_style = \"any\"` this covers references written the other ways officers write them too: (E12), E12 in the text, E3-E5, E3 to E5, [E3; E5], (E3 and E5).",
    why: "The guidance: \"There must be a clear link between statements in the position statement and the supporting evidence provided\", and the document log must give \"a document number as well as the document name\". A reference inspectors cannot find in the log is a claim without evidence.",
    example: "Re-registrations fell by a third (E57).   (the log stops at 41)\n\n    error[unknown-evidence]: E57 is not in the document log (evidence/log.toml)",
    fix: "Add the document to the log (evidence/log.toml) with that number, or correct the number in the text.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let prefix = &cx.config.evidence.prefix;
    let mut ids: Vec<u64> = cx.log.documents.iter().map(|d| d.id).collect();
    ids.sort_unstable();
    ids.dedup();
    for found in &cx.citations.references {
        let ReferenceKind::Cites(cited) = &found.item.kind else {
            continue;
        };
        for item in cited {
            let message = match *item {
                Cited::One(id) if ids.binary_search(&id).is_err() => {
                    format!("{prefix}{id} is not in the document log ({})", cx.log.path)
                }
                Cited::Range(a, b) => {
                    let missing = missing_in_range(&ids, a, b);
                    if missing.is_empty() {
                        continue;
                    }
                    format!(
                        "the range {prefix}{a}-{prefix}{b} includes document numbers not in the document log: {}",
                        describe_gaps(&missing, prefix)
                    )
                }
                Cited::One(_) => continue,
            };
            out.push(Finding::at_found(found, message).help(format!(
                "add the document to {} with that number, or correct the reference",
                cx.log.path
            )));
        }
    }
}

/// The runs of numbers from `a` to `b` that `ids` (sorted) lacks, computed
/// without expanding the range.
fn missing_in_range(ids: &[u64], a: u64, b: u64) -> Vec<(u64, u64)> {
    let mut gaps = Vec::new();
    // The first number not yet known to be in the log; None past u64::MAX.
    let mut next = Some(a);
    let from = ids.partition_point(|&id| id < a);
    for &id in ids[from..].iter().take_while(|&&id| id <= b) {
        if let Some(n) = next
            && id > n
        {
            gaps.push((n, id - 1));
        }
        next = id.checked_add(1);
    }
    if let Some(n) = next
        && n <= b
    {
        gaps.push((n, b));
    }
    gaps
}

fn describe_gaps(gaps: &[(u64, u64)], prefix: &str) -> String {
    let shown: Vec<String> = gaps
        .iter()
        .take(5)
        .map(|&(x, y)| {
            if x == y {
                format!("{prefix}{x}")
            } else {
                format!("{prefix}{x} to {prefix}{y}")
            }
        })
        .collect();
    let more = gaps.len().saturating_sub(5);
    if more > 0 {
        format!("{} and {more} more gaps", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::missing_in_range;

    #[test]
    fn gaps_without_expanding() {
        assert_eq!(missing_in_range(&[1, 2, 3], 1, 3), vec![]);
        assert_eq!(missing_in_range(&[1, 3], 1, 3), vec![(2, 2)]);
        assert_eq!(
            missing_in_range(&[1, 2, 3], 1, 100_000_000),
            vec![(4, 100_000_000)]
        );
        assert_eq!(missing_in_range(&[], 5, 7), vec![(5, 7)]);
        assert_eq!(missing_in_range(&[6], 5, 7), vec![(5, 5), (7, 7)]);
        assert_eq!(missing_in_range(&[5, 6, 7], 5, 7), vec![]);
        assert_eq!(
            missing_in_range(&[u64::MAX], u64::MAX - 1, u64::MAX),
            vec![(u64::MAX - 1, u64::MAX - 1)]
        );
    }
}

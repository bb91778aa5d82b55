//! `empty-section`: a required heading with nothing under it.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "empty-section",
    default_severity: Severity::Error,
    summary: "a required section has no words under its heading",
    what: "A required heading is followed directly by the next section (or the end of the statement): no words under it. Drafting notes in HTML comments do not count, so a freshly scaffolded section with only the guidance's prompts is empty.",
    why: "Every heading the guidance lists asks inspectors a question (\"Please provide a brief description of the context…\"); an empty section answers none and reads as unfinished.",
    example: "# Response to Covid-19\n<!-- Guidance: the impact of COVID-19 and the partnership's response -->\n\n# What your data is telling you\n\n    error[empty-section]: \"Response to Covid-19\" has no words under its heading",
    fix: "Write the section, or, if it truly does not apply, say so in a sentence: inspectors prefer a reason to a gap.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, section) in cx.statement.required_sections() {
        if section.body_words(&cx.statement.chapters) == 0 {
            out.push(
                Finding::new(
                    section.location.clone(),
                    format!("\"{}\" has no words under its heading", section.title),
                )
                .section(section.key)
                .help("write the section, or explain in a sentence why it does not apply"),
            );
        }
    }
}

//! `psdoc explain RULE`.

use anyhow::{Result, bail};
use psdoc_core::rules;

use super::{Outcome, profile_in_force};
use crate::cli::Global;
use crate::output::print;

pub fn run(global: &Global, name: &str) -> Result<Outcome> {
    let Some(rule) = rules::find(name) else {
        let hint = rules::closest(name)
            .map(|r| format!(" (did you mean `{r}`?)"))
            .unwrap_or_default();
        bail!("`{name}` is not a rule{hint}: `psdoc rules` lists them");
    };
    let indent = |s: &str| {
        s.lines()
            .map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    format!("    {l}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let text = format!(
        "{name} ({severity} by default)\n\nWhat it finds\n{what}\n\nWhy the guidance cares\n{why}\n\nExample\n{example}\n\nHow to fix it\n{fix}\n",
        name = rule.name,
        severity = rule.default_severity.as_str(),
        what = indent(rule.what),
        why = indent(rule.why),
        example = indent(rule.example),
        fix = indent(rule.fix),
    );
    let profile = profile_in_force(global)?;
    let text = format!(
        "{text}\nGuidance profile\n    {}: {}.\n    `psdoc guidance` shows what it asks for.\n",
        profile.describe(),
        profile.guidance
    );
    print(&text)?;
    Ok(Outcome::Passed)
}

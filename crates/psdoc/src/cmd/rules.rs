//! `psdoc rules`.

use anyhow::Result;
use psdoc_core::RULES;

use super::Outcome;
use crate::cli::RulesFormat;
use crate::output::print;

pub fn run(format: RulesFormat) -> Result<Outcome> {
    let text = match format {
        RulesFormat::Human => human(),
        RulesFormat::Markdown => psdoc_core::rules::markdown_table(),
    };
    print(&text)?;
    Ok(Outcome::Passed)
}

fn human() -> String {
    let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for rule in RULES {
        out.push_str(&format!(
            "{:width$}  {:7}  {}\n",
            rule.name,
            rule.default_severity.as_str(),
            rule.summary
        ));
    }
    out.push_str(
        "\n`psdoc explain RULE` tells more; change a severity under [rules] in partnership.toml.\n",
    );
    out
}

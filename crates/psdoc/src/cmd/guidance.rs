//! `psdoc guidance [--format human|json|toml] [--list]`: the guidance
//! profile in force, or the built-in ones.

use anyhow::Result;
use psdoc_core::text::{Table, thousands};
use psdoc_guidance::Profile;

use super::{Outcome, profile_in_force};
use crate::cli::{Global, GuidanceArgs, GuidanceFormat};
use crate::output::print;

pub fn run(global: &Global, args: &GuidanceArgs) -> Result<Outcome> {
    if args.list {
        print(&list())?;
        return Ok(Outcome::Passed);
    }
    let profile = profile_in_force(global)?;
    let text = match args.format {
        GuidanceFormat::Human => human(profile),
        GuidanceFormat::Json => {
            let mut s = serde_json::to_string_pretty(profile)?;
            s.push('\n');
            s
        }
        GuidanceFormat::Toml => psdoc_guidance::to_toml(profile),
    };
    print(&text)?;
    Ok(Outcome::Passed)
}

fn list() -> String {
    let mut out = String::from(
        "Built-in guidance profiles (name one in partnership.toml: [guidance] profile = \"...\"):\n",
    );
    for (name, what, _) in psdoc_guidance::BUILTIN {
        out.push_str(&format!("  {name:<28} {what}\n"));
    }
    out.push_str("Or write your own: `psdoc guidance --format toml > guidance.toml`, edit it, then [guidance] file = \"guidance.toml\".\n");
    out
}

fn human(p: &Profile) -> String {
    let mut out = format!("Guidance profile in force: {}\n", p.describe());
    for line in [&p.title, &p.guidance] {
        if !line.is_empty() {
            out.push_str(&format!("  {line}\n"));
        }
    }
    if !p.adjusted.is_empty() {
        out.push_str(&format!(
            "  Adjusted in partnership.toml: {}\n",
            p.adjusted.join("; ")
        ));
    }
    out.push_str(&format!(
        "\nWord limit: {}\n\n",
        thousands(p.word_limit as usize)
    ));

    out.push_str("Sections\n");
    let header = ["Key", "Heading", "Required", "Cites evidence", "Budget"];
    let mut table = Table::new(header.map(String::from).to_vec(), 4);
    for s in &p.sections {
        let yes = |b: bool| if b { "yes" } else { "no" }.to_owned();
        table.push(vec![
            s.key.key().to_owned(),
            s.heading.clone(),
            yes(s.required),
            yes(s.cites_evidence),
            s.budget
                .map_or_else(|| "-".to_owned(), |b| thousands(b as usize)),
        ]);
    }
    out.push_str(&indent(&table.render()));
    for s in p.sections.iter().filter(|s| !s.variants.is_empty()) {
        out.push_str(&format!(
            "  {} is also accepted as: {}\n",
            s.key,
            s.variants
                .iter()
                .map(|v| format!("\"{v}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    out.push_str("\nAccepted orders\n");
    for (i, order) in p.orders.iter().enumerate() {
        let keys: Vec<&str> = order.iter().map(|k| k.key()).collect();
        out.push_str(&format!("  {}. {}\n", i + 1, keys.join(", ")));
    }
    if let Some(c) = &p.combined {
        out.push_str(&format!(
            "\nOne heading for {} and {}: \"{}\"{}\n",
            c.first,
            c.second,
            c.heading,
            if c.prefixes.is_empty() {
                String::new()
            } else {
                format!(" (also after {})", c.prefixes.join(", "))
            }
        ));
    }
    if let Some(a) = &p.achievements {
        out.push_str(&format!(
            "Key achievements: {} to {}, in {}\n",
            a.min, a.max, a.section
        ));
    }
    if let Some(c) = &p.capacity {
        out.push_str(&format!(
            "Capacity for improvement, in {}: {} or QI {}\n",
            c.section,
            c.phrases
                .iter()
                .map(|s| format!("\"{s}\""))
                .collect::<Vec<_>>()
                .join(", "),
            c.indicators.join(", QI ")
        ));
    }

    let fw = &p.framework;
    out.push_str(&format!("\n{}\n", fw.name));
    let mut qis = Table::new(["QI", "Title", "Focus"].map(String::from).to_vec(), 3);
    for qi in &fw.indicators {
        qis.push(vec![
            qi.number.clone(),
            if qi.confirmed {
                qi.title.clone()
            } else {
                format!("{} *", qi.title)
            },
            if fw.focus.contains(&qi.number) {
                "focus"
            } else {
                ""
            }
            .to_owned(),
        ]);
    }
    out.push_str(&indent(&qis.render()));
    if fw.indicators.iter().any(|q| !q.confirmed) {
        out.push_str(
            "  * the best available reconstruction of the title, not confirmed verbatim\n",
        );
    }

    if !p.core_documents.is_empty() {
        out.push_str("\nCore documents (Appendix 2)\n");
        for d in &p.core_documents {
            let mut needs = Vec::new();
            if d.minimum > 1 {
                needs.push(format!("at least {}", d.minimum));
            }
            if !d.bodies.is_empty() {
                needs.push(format!(
                    "or {} for each of {}",
                    d.per_body,
                    d.bodies.join(", ")
                ));
            }
            if d.set {
                needs.push("a set, not versions".into());
            }
            let needs = if needs.is_empty() {
                String::new()
            } else {
                format!(" ({})", needs.join("; "))
            };
            out.push_str(&format!("  {:>2}. {}{needs}\n", d.item, d.title));
        }
    }
    out
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}

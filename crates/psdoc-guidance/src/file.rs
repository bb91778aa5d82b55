//! A profile as a TOML file: read strictly (unknown keys, wrong types and a
//! profile that contradicts itself are errors with the line and the fix),
//! and written back out (`psdoc guidance --format toml`) in the same form.

use std::collections::BTreeSet;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::error::ProfileError;
use crate::key::SectionKey;
use crate::profile::{
    AchievementRange, Capacity, Combined, CoreDocument, Framework, Normalised, Origin, Profile,
    QualityIndicator, SectionSpec,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    profile: Spanned<RawHeader>,
    #[serde(default)]
    section: Vec<Spanned<RawSection>>,
    order: Option<RawOrder>,
    combined: Option<Spanned<RawCombined>>,
    achievements: Option<Spanned<RawAchievements>>,
    capacity: Option<Spanned<RawCapacity>>,
    framework: Spanned<RawFramework>,
    #[serde(default)]
    core_document: Vec<Spanned<RawCoreDocument>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    name: Spanned<String>,
    title: Option<String>,
    guidance: Option<String>,
    word_limit: Spanned<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    key: Spanned<String>,
    heading: Spanned<String>,
    label: Option<String>,
    column: Option<String>,
    #[serde(default)]
    variants: Vec<String>,
    #[serde(default)]
    prompt: String,
    required: Option<bool>,
    cites_evidence: Option<bool>,
    budget: Option<Spanned<u32>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrder {
    accepted: Spanned<Vec<Spanned<Vec<Spanned<String>>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCombined {
    sections: Spanned<Vec<Spanned<String>>>,
    heading: Spanned<String>,
    #[serde(default)]
    prefixes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAchievements {
    section: Spanned<String>,
    min: u32,
    max: Spanned<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCapacity {
    section: Spanned<String>,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    indicators: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFramework {
    name: String,
    #[serde(default)]
    focus: Vec<Spanned<String>>,
    indicators: Vec<Spanned<RawIndicator>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    number: Spanned<String>,
    title: String,
    status: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCoreDocument {
    item: Spanned<u8>,
    title: String,
    minimum: Option<Spanned<usize>>,
    asks: Option<String>,
    #[serde(default)]
    set: bool,
    #[serde(default)]
    bodies: Vec<String>,
    per_body: Option<usize>,
    per_body_asks: Option<String>,
}

/// Reads a profile from the text of a TOML file named `file` (for messages).
pub fn parse_profile(text: &str, file: &str, origin: Origin) -> Result<Profile, ProfileError> {
    let at = At { text, file };
    let raw: RawProfile = toml::from_str(text).map_err(|e| at.toml(&e))?;

    let header = raw.profile.into_inner();
    let name = header.name.get_ref().trim().to_owned();
    if name.is_empty() {
        return Err(at.error(
            header.name.span(),
            "`profile.name` is empty: give the profile a short name, like \"cpp-2026\"",
        ));
    }
    if *header.word_limit.get_ref() == 0 {
        return Err(at.error(
            header.word_limit.span(),
            "`profile.word_limit` must be more than 0 (the guidance's limit, e.g. 5000)",
        ));
    }

    let mut sections: Vec<SectionSpec> = Vec::new();
    for s in raw.section {
        let s = s.into_inner();
        let key_name = s.key.get_ref().trim();
        if key_name.is_empty()
            || !key_name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(at.error(
                s.key.span(),
                format!(
                    "section key \"{}\" must be lower-case letters, digits and hyphens, like \"local-context\"",
                    s.key.get_ref()
                ),
            ));
        }
        if key_name == "other" {
            return Err(at.error(
                s.key.span(),
                "section key \"other\" is taken: psdoc counts words outside every section under `other`; choose another key",
            ));
        }
        let key = SectionKey::new(key_name);
        if sections.iter().any(|x| x.key == key) {
            return Err(at.error(
                s.key.span(),
                format!("section \"{key}\" is defined twice: give each [[section]] its own key"),
            ));
        }
        let heading = s.heading.get_ref().trim().to_owned();
        if heading.is_empty() {
            return Err(at.error(
                s.heading.span(),
                format!("section \"{key}\" has an empty heading: write the heading the guidance asks for"),
            ));
        }
        if let Some(b) = &s.budget
            && *b.get_ref() == 0
        {
            return Err(at.error(b.span(), "a section's `budget` must be more than 0 words"));
        }
        let label = s.label.unwrap_or_else(|| heading.clone());
        sections.push(SectionSpec {
            key,
            column: s.column.unwrap_or_else(|| label.clone()),
            label,
            heading,
            variants: s.variants,
            prompt: s.prompt,
            required: s.required.unwrap_or(true),
            cites_evidence: s.cites_evidence.unwrap_or(true),
            budget: s.budget.map(Spanned::into_inner),
        });
    }
    if sections.is_empty() {
        return Err(at.error(
            0..0,
            "the profile has no [[section]]: list the headings the guidance asks for",
        ));
    }
    let known = |name: &Spanned<String>, what: &str| -> Result<SectionKey, ProfileError> {
        sections
            .iter()
            .find(|s| s.key.key() == name.get_ref())
            .map(|s| s.key)
            .ok_or_else(|| {
                at.error(
                    name.span(),
                    format!(
                        "{what} names section \"{}\", which the profile does not define: use one of {}",
                        name.get_ref(),
                        keys_list(&sections)
                    ),
                )
            })
    };

    let mut orders = Vec::new();
    if let Some(order) = raw.order {
        for list in order.accepted.into_inner() {
            let span = list.span();
            let mut keys = Vec::new();
            for name in list.into_inner() {
                let key = known(&name, "`order.accepted`")?;
                if keys.contains(&key) {
                    return Err(at.error(
                        name.span(),
                        format!("`order.accepted` lists \"{key}\" twice in one order"),
                    ));
                }
                keys.push(key);
            }
            if let Some(missing) = sections.iter().find(|s| !keys.contains(&s.key)) {
                return Err(at.error(
                    span,
                    format!(
                        "an order in `order.accepted` leaves out section \"{}\": each order lists every section",
                        missing.key
                    ),
                ));
            }
            orders.push(keys);
        }
    }
    if orders.is_empty() {
        orders.push(sections.iter().map(|s| s.key).collect());
    }

    let combined = match raw.combined {
        Some(c) => {
            let span = c.span();
            let c = c.into_inner();
            let pair = c.sections.get_ref();
            if pair.len() != 2 {
                return Err(at.error(
                    c.sections.span(),
                    "`combined.sections` names exactly two sections, like [\"achievements\", \"improvement\"]",
                ));
            }
            let (first, second) = (
                known(&pair[0], "`combined.sections`")?,
                known(&pair[1], "`combined.sections`")?,
            );
            if first == second {
                return Err(at.error(span, "`combined.sections` names one section twice"));
            }
            if c.heading.get_ref().trim().is_empty() {
                return Err(at.error(
                    c.heading.span(),
                    "`combined.heading` is empty: write the heading that stands for both sections",
                ));
            }
            Some(Combined {
                first,
                second,
                heading: c.heading.get_ref().trim().to_owned(),
                prefixes: c.prefixes,
            })
        }
        None => None,
    };

    let achievements = match raw.achievements {
        Some(a) => {
            let a = a.into_inner();
            let section = known(&a.section, "`achievements.section`")?;
            if a.min > *a.max.get_ref() || *a.max.get_ref() == 0 {
                return Err(at.error(
                    a.max.span(),
                    "`achievements`: `max` must be at least `min` and more than 0",
                ));
            }
            Some(AchievementRange {
                section,
                min: a.min,
                max: a.max.into_inner(),
            })
        }
        None => None,
    };

    let framework_span = raw.framework.span();
    let fw = raw.framework.into_inner();
    let mut indicators: Vec<QualityIndicator> = Vec::new();
    for qi in fw.indicators {
        let qi = qi.into_inner();
        let number = qi.number.get_ref().trim().to_owned();
        let Some((area, sub)) = number
            .split_once('.')
            .and_then(|(a, s)| Some((a.parse::<u8>().ok()?, s.parse::<u8>().ok()?)))
            .filter(|(a, s)| *a > 0 && *s > 0)
        else {
            return Err(at.error(
                qi.number.span(),
                format!(
                    "indicator number \"{number}\" must be written like \"2.1\" (area, dot, number)"
                ),
            ));
        };
        if indicators.iter().any(|q| q.number == number) {
            return Err(at.error(
                qi.number.span(),
                format!("indicator {number} is listed twice in `framework.indicators`"),
            ));
        }
        let confirmed = match qi.status.as_ref().map(|s| s.get_ref().as_str()) {
            None | Some("confirmed") => true,
            Some("reconstructed") => false,
            Some(other) => {
                return Err(at.error(
                    qi.status.as_ref().map_or(0..0, Spanned::span),
                    format!(
                        "indicator status \"{other}\" must be \"confirmed\" or \"reconstructed\""
                    ),
                ));
            }
        };
        indicators.push(QualityIndicator {
            number,
            area,
            title: qi.title,
            confirmed,
            sub,
        });
    }
    if indicators.is_empty() {
        return Err(at.error(
            framework_span,
            "`framework.indicators` is empty: list the quality framework's indicators",
        ));
    }
    indicators.sort_by_key(QualityIndicator::key);
    let has = |n: &str| indicators.iter().any(|q| q.number == n);
    let mut focus = Vec::new();
    for f in fw.focus {
        if !has(f.get_ref()) {
            return Err(at.error(
                f.span(),
                format!(
                    "focus indicator \"{}\" is not in `framework.indicators`: add it there, or correct the number",
                    f.get_ref()
                ),
            ));
        }
        focus.push(f.into_inner());
    }

    let capacity = match raw.capacity {
        Some(c) => {
            let c = c.into_inner();
            let section = known(&c.section, "`capacity.section`")?;
            let mut numbers = Vec::new();
            for n in c.indicators {
                if !has(n.get_ref()) {
                    return Err(at.error(
                        n.span(),
                        format!(
                            "`capacity.indicators` names indicator \"{}\", which `framework.indicators` does not have",
                            n.get_ref()
                        ),
                    ));
                }
                numbers.push(n.into_inner());
            }
            Some(Capacity {
                section,
                phrases: c.phrases,
                indicators: numbers,
            })
        }
        None => None,
    };

    let mut core_documents: Vec<CoreDocument> = Vec::new();
    let mut items = BTreeSet::new();
    for d in raw.core_document {
        let d = d.into_inner();
        let item = *d.item.get_ref();
        if item == 0 || !items.insert(item) {
            return Err(at.error(
                d.item.span(),
                format!(
                    "core document item {item} is 0 or listed twice: number the items 1, 2, 3..."
                ),
            ));
        }
        let minimum = d.minimum.as_ref().map_or(1, |m| *m.get_ref());
        if minimum == 0 {
            return Err(at.error(
                d.minimum.as_ref().map_or(0..0, Spanned::span),
                "a core document's `minimum` must be at least 1",
            ));
        }
        let per_body = d
            .per_body
            .unwrap_or_else(|| minimum / d.bodies.len().max(1))
            .max(1);
        core_documents.push(CoreDocument {
            item,
            title: d.title,
            minimum,
            asks: d.asks,
            set: d.set,
            bodies: d.bodies,
            per_body,
            per_body_asks: d.per_body_asks,
        });
    }

    if let Some(gap) = (1..=core_documents.len() as u8).find(|i| !items.contains(i)) {
        return Err(at.error(
            0..0,
            format!("core document item {gap} is missing: number the core documents 1, 2, 3... without gaps"),
        ));
    }

    let mut profile = Profile {
        name,
        title: header.title.unwrap_or_default(),
        guidance: header.guidance.unwrap_or_default(),
        origin,
        adjusted: Vec::new(),
        word_limit: header.word_limit.into_inner(),
        sections,
        orders,
        combined,
        achievements,
        capacity,
        framework: Framework {
            name: fw.name,
            indicators,
            focus,
        },
        core_documents,
        normalised: Normalised::default(),
    };
    profile.normalised = Normalised::of(&profile);
    Ok(profile)
}

fn keys_list(sections: &[SectionSpec]) -> String {
    sections
        .iter()
        .map(|s| format!("\"{}\"", s.key))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Positions in the file being read.
struct At<'a> {
    text: &'a str,
    file: &'a str,
}

impl At<'_> {
    fn error(&self, span: Range<usize>, message: impl Into<String>) -> ProfileError {
        let (line, column) = line_column(self.text, span.start);
        ProfileError {
            file: self.file.to_owned(),
            line,
            column,
            message: message.into(),
        }
    }

    fn toml(&self, e: &toml::de::Error) -> ProfileError {
        let message = e.message().trim_end_matches('\n').replace('\n', " ");
        self.error(e.span().unwrap_or(0..0), message)
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// The profile as a TOML file that [`parse_profile`] reads back to the same
/// profile: the start of a custom profile.
pub fn to_toml(profile: &Profile) -> String {
    use std::fmt::Write;
    let q = |s: &str| toml::Value::String(s.to_owned()).to_string();
    let list = |items: &[String]| {
        format!(
            "[{}]",
            items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
        )
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# psdoc guidance profile (psdoc guidance --format toml)."
    );
    let _ = writeln!(
        out,
        "# Edit it, then name it in partnership.toml: [guidance] file = \"guidance.toml\".\n"
    );
    let _ = writeln!(out, "[profile]");
    let _ = writeln!(out, "name = {}", q(&profile.name));
    let _ = writeln!(out, "title = {}", q(&profile.title));
    let _ = writeln!(out, "guidance = {}", q(&profile.guidance));
    let _ = writeln!(out, "word_limit = {}", profile.word_limit);
    for s in &profile.sections {
        let _ = writeln!(out, "\n[[section]]");
        let _ = writeln!(out, "key = {}", q(s.key.key()));
        let _ = writeln!(out, "heading = {}", q(&s.heading));
        let _ = writeln!(out, "label = {}", q(&s.label));
        let _ = writeln!(out, "column = {}", q(&s.column));
        if !s.variants.is_empty() {
            let _ = writeln!(out, "variants = {}", list(&s.variants));
        }
        let _ = writeln!(out, "required = {}", s.required);
        let _ = writeln!(out, "cites_evidence = {}", s.cites_evidence);
        if let Some(b) = s.budget {
            let _ = writeln!(out, "budget = {b}");
        }
        let _ = writeln!(out, "prompt = {}", q(&s.prompt));
    }
    let _ = writeln!(out, "\n[order]\naccepted = [");
    for order in &profile.orders {
        let keys: Vec<String> = order.iter().map(|k| k.key().to_owned()).collect();
        let _ = writeln!(out, "  {},", list(&keys));
    }
    let _ = writeln!(out, "]");
    if let Some(c) = &profile.combined {
        let _ = writeln!(out, "\n[combined]");
        let pair = [c.first.key().to_owned(), c.second.key().to_owned()];
        let _ = writeln!(out, "sections = {}", list(&pair));
        let _ = writeln!(out, "heading = {}", q(&c.heading));
        let _ = writeln!(out, "prefixes = {}", list(&c.prefixes));
    }
    if let Some(a) = &profile.achievements {
        let _ = writeln!(out, "\n[achievements]");
        let _ = writeln!(out, "section = {}", q(a.section.key()));
        let _ = writeln!(out, "min = {}\nmax = {}", a.min, a.max);
    }
    if let Some(c) = &profile.capacity {
        let _ = writeln!(out, "\n[capacity]");
        let _ = writeln!(out, "section = {}", q(c.section.key()));
        let _ = writeln!(out, "phrases = {}", list(&c.phrases));
        let _ = writeln!(out, "indicators = {}", list(&c.indicators));
    }
    let fw = &profile.framework;
    let _ = writeln!(out, "\n[framework]");
    let _ = writeln!(out, "name = {}", q(&fw.name));
    let _ = writeln!(out, "focus = {}", list(&fw.focus));
    let _ = writeln!(out, "indicators = [");
    for qi in &fw.indicators {
        let _ = writeln!(
            out,
            "  {{ number = {}, title = {}, status = {} }},",
            q(&qi.number),
            q(&qi.title),
            q(if qi.confirmed {
                "confirmed"
            } else {
                "reconstructed"
            })
        );
    }
    let _ = writeln!(out, "]");
    for d in &profile.core_documents {
        let _ = writeln!(out, "\n[[core_document]]");
        let _ = writeln!(out, "item = {}", d.item);
        let _ = writeln!(out, "title = {}", q(&d.title));
        let _ = writeln!(out, "minimum = {}", d.minimum);
        if let Some(a) = &d.asks {
            let _ = writeln!(out, "asks = {}", q(a));
        }
        if d.set {
            let _ = writeln!(out, "set = true");
        }
        if !d.bodies.is_empty() {
            let _ = writeln!(out, "bodies = {}", list(&d.bodies));
            let _ = writeln!(out, "per_body = {}", d.per_body);
        }
        if let Some(a) = &d.per_body_asks {
            let _ = writeln!(out, "per_body_asks = {}", q(a));
        }
    }
    out
}

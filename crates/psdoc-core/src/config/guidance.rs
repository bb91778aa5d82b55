//! `[guidance]` in `partnership.toml`: which guidance profile the statement
//! follows (a built-in one, or a file in the repository), and the
//! partnership's adjustments to it. Everything else in `partnership.toml`
//! that depends on the profile (section budgets, the word limit, core
//! documents that do not apply) is checked here too, against the profile.

use std::collections::BTreeMap;
use std::ops::Range;

use psdoc_guidance::{Adjustments, Profile, SectionAdjustment};
use serde::Deserialize;
use toml::Spanned;

use super::{Config, Locator};
use crate::error::{Error, Result};
use crate::model::FileSource;
use crate::model::files::ReadError;

/// `[guidance]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGuidance {
    profile: Option<Spanned<String>>,
    file: Option<Spanned<String>>,
    focus: Option<Vec<Spanned<String>>>,
    sections: Option<BTreeMap<Spanned<String>, RawSection>>,
}

/// `[guidance.sections.KEY]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    required: Option<bool>,
    heading: Option<Spanned<String>>,
    variants: Option<Vec<String>>,
    prompt: Option<String>,
}

/// What `partnership.toml` says that depends on the profile, with the
/// places to point errors at.
#[derive(Debug, Clone, Default)]
pub(crate) struct Settings {
    /// `[guidance] profile`.
    pub profile: Option<(String, Range<usize>)>,
    /// `[guidance] file`: a root-relative path.
    pub file: Option<(String, Range<usize>)>,
    pub adjustments: Adjustments,
    pub focus_places: Vec<Range<usize>>,
    pub section_places: Vec<Range<usize>>,
    /// `[statement.budgets]`: (place of the key, key, words).
    pub budgets: Vec<(Range<usize>, String, u32)>,
    /// `[evidence.not_applicable]`: (place of the key, key, reason).
    pub not_applicable: Vec<(Range<usize>, String, String)>,
    /// Whether the profile in force has been resolved and applied.
    pub resolved: bool,
}

/// Reads `[guidance]` into the settings; checks what needs no profile.
pub(crate) fn read(config: &mut Config, raw: Option<RawGuidance>, at: &Locator<'_>) -> Result<()> {
    let Some(raw) = raw else {
        return Ok(());
    };
    let settings = &mut config.guidance_settings;
    if let (Some(_), Some(file)) = (&raw.profile, &raw.file) {
        return Err(at.error(
            file.span(),
            "`guidance` names both a `profile` and a `file`: keep one (a built-in profile, or your own file)",
        ));
    }
    if let Some(p) = raw.profile {
        settings.profile = Some((p.get_ref().clone(), p.span()));
    }
    if let Some(f) = raw.file {
        let path = at.relative_path(&f, "guidance.file")?;
        let path = path.to_string_lossy().replace('\\', "/");
        settings.file = Some((path.trim_start_matches("./").to_owned(), f.span()));
    }
    if let Some(focus) = raw.focus {
        settings.focus_places = focus.iter().map(Spanned::span).collect();
        settings.adjustments.focus = Some(focus.into_iter().map(Spanned::into_inner).collect());
    }
    for (key, section) in raw.sections.unwrap_or_default() {
        if let Some(h) = &section.heading
            && h.get_ref().trim().is_empty()
        {
            return Err(at.error(
                h.span(),
                format!(
                    "`guidance.sections.{}.heading` is empty: write the heading, or leave the key out to keep the guidance's",
                    key.get_ref()
                ),
            ));
        }
        settings.section_places.push(key.span());
        settings.adjustments.sections.push(SectionAdjustment {
            key: key.into_inner(),
            required: section.required,
            heading: section.heading.map(|h| h.into_inner().trim().to_owned()),
            variants: section.variants.unwrap_or_default(),
            prompt: section.prompt,
        });
    }
    Ok(())
}

/// The built-in profile `[guidance] profile` names, or the default.
pub(crate) fn builtin_named(config: &Config, at: &Locator<'_>) -> Result<&'static Profile> {
    let Some((name, span)) = &config.guidance_settings.profile else {
        return Ok(psdoc_guidance::default_profile());
    };
    psdoc_guidance::builtin(name).ok_or_else(|| {
        let names = psdoc_guidance::BUILTIN
            .iter()
            .map(|(n, _, _)| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ");
        at.error(
            span.clone(),
            format!(
                "`guidance.profile` \"{name}\" is not a built-in profile: use one of {names} (`psdoc guidance --list`), or your own with `file = \"guidance.toml\"`"
            ),
        )
    })
}

/// The profile in the file `[guidance] file` names, read through `files`.
pub(crate) fn read_file(
    path: &str,
    span: Range<usize>,
    files: &dyn FileSource,
    at: &Locator<'_>,
) -> Result<&'static Profile> {
    let bytes = files.read(path).map_err(|e| {
        at.error(
            span.clone(),
            match e {
                ReadError::NotFound => format!(
                    "`guidance.file` \"{path}\" does not exist: create it (`psdoc guidance --format toml > {path}` starts one from the profile in force) or correct the path"
                ),
                ReadError::OutsideRoot => format!(
                    "`guidance.file` \"{path}\" leads outside the statement repository: psdoc reads nothing outside it; keep the profile inside"
                ),
                ReadError::Other(why) => format!("`guidance.file` \"{path}\" cannot be read: {why}"),
            },
        )
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::file(path, "is not UTF-8 text: save it as UTF-8"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    psdoc_guidance::from_file(path, text).map_err(|e| Error::Config {
        file: e.file,
        line: e.line,
        column: e.column,
        message: e.message,
    })
}

/// Checks the adjustments, budgets and not-applicable items against
/// `base`, then puts the adjusted profile in force.
pub(crate) fn apply(config: &mut Config, base: &'static Profile, at: &Locator<'_>) -> Result<()> {
    let settings = &config.guidance_settings;
    let keys = || {
        base.sections
            .iter()
            .map(|s| s.key.key())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (adjustment, place) in settings
        .adjustments
        .sections
        .iter()
        .zip(&settings.section_places)
    {
        if base.section_named(&adjustment.key).is_none() {
            return Err(at.error(
                place.clone(),
                format!(
                    "`guidance.sections.{}`: the profile {} has no section \"{}\": use one of {} (a new section needs a profile file of your own)",
                    adjustment.key,
                    base.name,
                    adjustment.key,
                    keys()
                ),
            ));
        }
    }
    if let Some(focus) = &settings.adjustments.focus {
        for (number, place) in focus.iter().zip(&settings.focus_places) {
            if base.indicator(number).is_none() {
                return Err(at.error(
                    place.clone(),
                    format!(
                        "`guidance.focus`: \"{number}\" is not a quality indicator of {}: write numbers like \"2.1\" (`psdoc guidance` lists them)",
                        base.framework.name
                    ),
                ));
            }
        }
    }
    let profile = psdoc_guidance::adjust(base, &settings.adjustments);
    let mut budgets = BTreeMap::new();
    for s in &profile.sections {
        if let Some(b) = s.budget {
            budgets.insert(s.key, b);
        }
    }
    for (place, key, words) in &settings.budgets {
        let section = profile.section_named(key).ok_or_else(|| {
            at.error(
                place.clone(),
                format!(
                    "`statement.budgets.{key}` is not a section key: use one of {}",
                    keys()
                ),
            )
        })?;
        budgets.insert(section.key, *words);
    }
    let items = profile.core_documents.len();
    let mut not_applicable = BTreeMap::new();
    for (place, item, reason) in &settings.not_applicable {
        let n = item
            .parse::<u8>()
            .ok()
            .filter(|n| profile.core_document(*n).is_some())
            .ok_or_else(|| {
                at.error(
                    place.clone(),
                    format!(
                        "`evidence.not_applicable.{item}`: the key must be an Appendix 2 item number from 1 to {items}"
                    ),
                )
            })?;
        not_applicable.insert(n, reason.clone());
    }
    config.statement.word_limit = profile.word_limit;
    config.statement.budgets = budgets;
    config.evidence.not_applicable = not_applicable;
    config.guidance = profile;
    config.guidance_settings.resolved = true;
    Ok(())
}

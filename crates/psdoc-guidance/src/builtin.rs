//! The profiles psdoc carries: the guidance letters a partnership names with
//! `[guidance] profile = "..."`. Each is a TOML file under `profiles/`, read
//! once per process, when first needed.

use std::sync::OnceLock;

use crate::file::parse_profile;
use crate::profile::{Origin, Profile};

/// The default: the position statement guidance of 2021, eight sections.
pub const DEFAULT: &str = "children-at-risk-2021";

/// Every built-in profile: its name, what it is for, and its file.
pub const BUILTIN: &[(&str, &str, &str)] = &[
    (
        DEFAULT,
        "the 2021 position statement guidance: eight headings, Covid-19 included (the default)",
        include_str!("../profiles/children-at-risk-2021.toml"),
    ),
    (
        "children-at-risk-six-areas",
        "later rounds of the same programme: six areas, no Covid-19 section",
        include_str!("../profiles/children-at-risk-six-areas.toml"),
    ),
];

/// Each built-in profile, parsed the first time it is asked for: a run parses only the
/// profile it follows (parsing one is a tenth of a `psdoc diff`).
static PROFILES: [OnceLock<Profile>; BUILTIN.len()] = [const { OnceLock::new() }; BUILTIN.len()];

fn parsed(i: usize) -> &'static Profile {
    PROFILES[i].get_or_init(|| {
        let (name, _, text) = BUILTIN[i];
        parse_profile(text, &format!("built-in profile {name}"), Origin::BuiltIn)
            .unwrap_or_else(|e| panic!("built-in profile {name}: {e}"))
    })
}

/// The built-in profile named `name`.
pub fn builtin(name: &str) -> Option<&'static Profile> {
    let i = BUILTIN.iter().position(|(n, _, _)| *n == name)?;
    Some(parsed(i))
}

/// The profile psdoc follows when `partnership.toml` names none.
pub fn default_profile() -> &'static Profile {
    parsed(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_profile_loads_under_its_own_name() {
        for (name, _, _) in BUILTIN {
            let p = builtin(name).unwrap();
            assert_eq!(p.name, *name);
            assert!(p.required().count() >= 6, "{name}");
        }
    }

    #[test]
    fn the_default_profile_is_the_2021_guidance() {
        let p = default_profile();
        assert_eq!(p.word_limit, 5000);
        assert_eq!(p.sections.len(), 8);
        assert_eq!(p.framework.indicators.len(), 22);
        assert_eq!(p.framework.focus.len(), 12);
        assert_eq!(p.core_documents.len(), 13);
        assert_eq!(p.orders.len(), 2);
        let a = p.achievements.as_ref().unwrap();
        assert_eq!((a.min, a.max), (3, 5));
    }

    #[test]
    fn the_six_areas_profile_has_no_covid_section() {
        let p = builtin("children-at-risk-six-areas").unwrap();
        assert!(p.section_named("covid").is_none());
        assert_eq!(p.required().count(), 7);
    }
}

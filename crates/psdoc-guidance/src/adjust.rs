//! A partnership's changes to the profile it follows, from `partnership.toml`
//! (`[guidance]`, `[guidance.sections.KEY]`, `statement.word_limit`): a
//! section made optional, a heading reworded, extra accepted headings, other
//! focus indicators, another word limit. The caller checks each change
//! against the profile first, so that its errors point into
//! `partnership.toml`; applying them cannot fail.

use crate::profile::{Normalised, Profile};

/// Changes to a profile, as `partnership.toml` gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Adjustments {
    pub word_limit: Option<u32>,
    /// Focus indicators instead of the profile's.
    pub focus: Option<Vec<String>>,
    pub sections: Vec<SectionAdjustment>,
}

/// `[guidance.sections.KEY]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SectionAdjustment {
    pub key: String,
    pub required: Option<bool>,
    pub heading: Option<String>,
    /// Accepted as well as the profile's variants.
    pub variants: Vec<String>,
    pub prompt: Option<String>,
}

impl Adjustments {
    pub fn is_empty(&self) -> bool {
        self.word_limit.is_none() && self.focus.is_none() && self.sections.is_empty()
    }
}

impl Profile {
    /// This profile with `adjustments` applied. Sections and indicators the
    /// profile does not have are left out (the caller reports them).
    pub fn adjusted(&self, adjustments: &Adjustments) -> Profile {
        let mut p = self.clone();
        if let Some(limit) = adjustments.word_limit
            && limit != p.word_limit
        {
            p.word_limit = limit;
            p.adjusted.push(format!("word limit {limit}"));
        }
        if let Some(focus) = &adjustments.focus {
            p.framework.focus = focus
                .iter()
                .filter(|n| p.framework.indicators.iter().any(|q| &q.number == *n))
                .cloned()
                .collect();
            p.adjusted
                .push(format!("focus indicators {}", p.framework.focus.join(", ")));
        }
        for a in &adjustments.sections {
            let Some(s) = p.sections.iter_mut().find(|s| s.key.key() == a.key) else {
                continue;
            };
            if let Some(required) = a.required {
                s.required = required;
                p.adjusted.push(format!(
                    "{} {}",
                    a.key,
                    if required { "required" } else { "optional" }
                ));
            }
            if let Some(heading) = &a.heading {
                // The guidance's own wording stays accepted.
                let old = std::mem::replace(&mut s.heading, heading.clone());
                s.variants.push(old);
                p.adjusted.push(format!("{} heading \"{heading}\"", a.key));
            }
            if !a.variants.is_empty() {
                s.variants.extend(a.variants.iter().cloned());
                p.adjusted
                    .push(format!("{} also as {}", a.key, a.variants.join("; ")));
            }
            if let Some(prompt) = &a.prompt {
                s.prompt = prompt.clone();
                p.adjusted.push(format!("{} prompt", a.key));
            }
        }
        p.normalised = Normalised::of(&p);
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::default_profile;
    use crate::{HeadingMatch, SectionKey};

    #[test]
    fn an_optional_section_and_a_new_heading() {
        let p = default_profile().adjusted(&Adjustments {
            word_limit: Some(4000),
            focus: Some(vec!["2.1".into(), "9.2".into()]),
            sections: vec![
                SectionAdjustment {
                    key: "covid".into(),
                    required: Some(false),
                    ..Default::default()
                },
                SectionAdjustment {
                    key: "data".into(),
                    heading: Some("What our data tells us".into()),
                    variants: vec!["Performance and outcomes".into()],
                    ..Default::default()
                },
            ],
        });
        assert_eq!(p.word_limit, 4000);
        assert_eq!(p.framework.focus, ["2.1", "9.2"]);
        assert!(!p.section(SectionKey::COVID).unwrap().required);
        for heading in [
            "What our data tells us",
            "What your data is telling you",
            "Performance and outcomes",
        ] {
            assert_eq!(
                p.match_heading(heading),
                Some(HeadingMatch::Section(SectionKey::DATA)),
                "{heading}"
            );
        }
        assert_eq!(p.adjusted.len(), 5);
        assert!(p.describe().ends_with("adjusted in partnership.toml"));
    }
}

//! The cover facts every export opens with: the partnership's name,
//! "Position statement", the submission date and the words against the
//! limit, as the inspectorate's guidance frames them.

use psdoc_core::Project;
use psdoc_core::text::thousands;
use psdoc_evidence::Date;

/// What the cover says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    pub partnership: String,
    pub submission: Date,
    pub words: usize,
    pub word_limit: u32,
}

impl Cover {
    /// The cover of a statement: names masked like everything shown.
    pub fn of(project: &Project) -> Self {
        Cover {
            partnership: project
                .redactor
                .redact(&project.config.partnership.name)
                .into_owned(),
            submission: project.submission(),
            words: project.statement.total_words(),
            word_limit: project.config.statement.word_limit,
        }
    }

    /// "Loch Ard Community Planning Partnership: position statement".
    pub fn title(&self) -> String {
        if self.partnership.trim().is_empty() {
            "Position statement".to_owned()
        } else {
            format!("{}: position statement", self.partnership)
        }
    }

    /// "20 March 2026".
    pub fn date(&self) -> String {
        self.submission.written_out()
    }

    /// "4,517 words of the 5,000-word limit".
    pub fn word_line(&self) -> String {
        format!(
            "{} words of the {}-word limit",
            thousands(self.words),
            thousands(self.word_limit as usize)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        let cover = Cover {
            partnership: "Loch Ard CPP".into(),
            submission: Date::new(2026, 3, 20).unwrap(),
            words: 4517,
            word_limit: 5000,
        };
        assert_eq!(cover.title(), "Loch Ard CPP: position statement");
        assert_eq!(cover.date(), "20 March 2026");
        assert_eq!(cover.word_line(), "4,517 words of the 5,000-word limit");
    }
}

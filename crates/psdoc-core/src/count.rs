//! `psdoc count`: words per section against the limit and the budgets.

use serde::Serialize;

use crate::check::Project;
use crate::heading::SectionKey;
use crate::text::{Table, thousands};

#[derive(Debug, Clone, Serialize)]
pub struct WordCount {
    pub total: usize,
    pub limit: u32,
    pub sections: Vec<SectionCount>,
    pub other: Vec<OtherCount>,
    /// The guidance's headings of required sections the statement lacks.
    #[serde(skip)]
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionCount {
    pub key: SectionKey,
    pub title: String,
    pub file: String,
    pub line: usize,
    pub words: usize,
    pub budget: Option<u32>,
    /// A combined achievements-and-improvement section.
    #[serde(skip)]
    pub combined: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct OtherCount {
    pub title: String,
    pub file: String,
    pub line: usize,
    pub words: usize,
}

impl WordCount {
    pub fn of(project: &Project) -> Self {
        let st = &project.statement;
        let mut sections: Vec<SectionCount> = Vec::new();
        let mut other = Vec::new();
        for s in &st.sections {
            match s.key {
                Some(key) => {
                    if let Some(existing) = sections.iter_mut().find(|c| c.key == key) {
                        existing.words += s.words;
                        continue;
                    }
                    sections.push(SectionCount {
                        key,
                        title: s.title.clone(),
                        file: s.location.file.clone(),
                        line: s.location.line,
                        words: s.words,
                        budget: project.config.statement.budgets.get(&key).copied(),
                        combined: s.combined,
                    });
                }
                None if s.words > 0 => other.push(OtherCount {
                    title: s.title.clone(),
                    file: s.location.file.clone(),
                    line: s.location.line,
                    words: s.words,
                }),
                None => {}
            }
        }
        let profile = project.config.guidance;
        let missing = profile
            .required()
            .filter(|spec| !st.sections.iter().any(|s| s.covers(spec.key, profile)))
            .map(|spec| spec.heading.clone())
            .collect();
        WordCount {
            total: st.total_words(),
            limit: project.config.statement.word_limit,
            sections,
            other,
            missing,
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("serialisable");
        s.push('\n');
        s
    }

    /// A table: section, words, budget, share of the limit.
    pub fn to_table(&self) -> String {
        let limit = self.limit as usize;
        let share = |w: usize| {
            if limit == 0 {
                String::new()
            } else {
                format!("{:.1}%", w as f64 * 100.0 / limit as f64)
            }
        };
        let header = ["Section", "Words", "Budget", "Of limit"].map(String::from);
        let mut table = Table::new(header.to_vec(), 1).with_total();
        for s in &self.sections {
            let budget = match s.budget {
                Some(b) if s.words > b as usize => format!(
                    "{} (over by {})",
                    thousands(b as usize),
                    thousands(s.words - b as usize)
                ),
                Some(b) => thousands(b as usize),
                None => "-".into(),
            };
            table.push(vec![
                s.title.clone(),
                thousands(s.words),
                budget,
                share(s.words),
            ]);
        }
        for o in &self.other {
            table.push(vec![
                format!("(other) {}", o.title),
                thousands(o.words),
                "-".into(),
                share(o.words),
            ]);
        }
        table.push(vec![
            "Total".into(),
            thousands(self.total),
            thousands(limit),
            share(self.total),
        ]);
        let mut out = table.render();
        for heading in &self.missing {
            out.push_str(&format!("missing: \"{heading}\"\n"));
        }
        if self.total <= limit {
            out.push_str(&format!(
                "{} words left of {}.\n",
                thousands(limit - self.total),
                thousands(limit)
            ));
        } else {
            out.push_str(&format!(
                "{} words over the limit of {}.\n",
                thousands(self.total - limit),
                thousands(limit)
            ));
        }
        if limit > 0 && self.total.abs_diff(limit) * 50 <= limit {
            out.push_str("Within 2% of the limit: psdoc counts as Microsoft Word does, but other counters may differ slightly.\n");
        }
        out
    }
}

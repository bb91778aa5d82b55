//! `psdoc history`: words per section, evidence and quality indicator
//! coverage across revisions (every tag by default, in date order).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use git2::{Oid, Sort};
use serde::{Serialize, Serializer};

use super::git::{Commit, Revision, StatementRepo, other};
use psdoc_core::error::Result;
use psdoc_core::heading::SectionKey;
use psdoc_core::redact::Redactor;
use psdoc_core::text::{Table, short_commit, thousands};
use psdoc_guidance::{Profile, SectionSpec};

/// Which revisions `history` walks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryRange {
    /// Every tag, in the order of their commits' dates.
    Tags,
    /// What `git log SPEC` lists (`A..B`, or everything reachable from a
    /// revision), oldest first.
    Range(String),
}

/// The statement's figures at each revision.
#[derive(Debug, Clone, Serialize)]
pub struct History {
    pub revisions: Vec<Point>,
    /// Revisions that hold no statement (before psdoc was adopted) or one
    /// that does not load, with the reason.
    pub skipped: Vec<Skipped>,
    /// The guidance profiles the revisions followed, oldest first, each once.
    #[serde(skip)]
    pub profiles: Vec<&'static Profile>,
}

impl History {
    /// A section as the newest profile that has it defines it.
    pub fn spec(&self, key: SectionKey) -> Option<&'static SectionSpec> {
        self.profiles.iter().rev().find_map(|p| p.section(key))
    }

    /// The keys of the sections any revision has, in the newest profile's
    /// order (sections only older profiles have after them).
    pub fn keys(&self) -> Vec<SectionKey> {
        let mut keys: Vec<SectionKey> = Vec::new();
        for p in &self.revisions {
            for (k, _) in &p.sections {
                if !keys.contains(k) {
                    keys.push(*k);
                }
            }
        }
        let rank = |k: &SectionKey| {
            self.profiles
                .iter()
                .rev()
                .enumerate()
                .find_map(|(age, p)| {
                    p.sections
                        .iter()
                        .position(|s| s.key == *k)
                        .map(|i| (age, i))
                })
                .unwrap_or((usize::MAX, 0))
        };
        keys.sort_by_key(|k| (rank(k), *k));
        keys
    }

    /// A column heading for a section.
    pub fn column(&self, key: SectionKey) -> &'static str {
        self.spec(key).map_or(key.key(), |s| s.column.as_str())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Point {
    /// The tag, else the short commit id.
    pub revision: String,
    pub commit: String,
    /// The commit's date (UTC), `YYYY-MM-DD`.
    pub date: String,
    /// The commit message's first line, identifiers masked.
    pub summary: String,
    pub total: usize,
    pub limit: u32,
    /// Words per required section present, in the guidance's order.
    #[serde(serialize_with = "as_map")]
    pub sections: Vec<(SectionKey, usize)>,
    /// Words outside the required sections.
    pub other: usize,
    pub evidence: EvidenceCount,
    pub qi_coverage: QiCoverage,
}

impl Point {
    /// The words of section `key` at this revision, or `None` when it has
    /// no such section.
    pub fn section_words(&self, key: SectionKey) -> Option<usize> {
        self.sections
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, words)| *words)
    }
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct EvidenceCount {
    /// Distinct document numbers in the log.
    pub logged: usize,
    /// Of those, the documents the statement cites.
    pub cited: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct QiCoverage {
    /// The guidance's focus quality indicators the statement refers to.
    pub covered: Vec<String>,
    /// How many focus quality indicators there are.
    pub focus: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub revision: String,
    pub commit: String,
    pub reason: String,
}

fn as_map<S: Serializer>(pairs: &[(SectionKey, usize)], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs {
        map.serialize_entry(k.key(), v)?;
    }
    map.end()
}

/// The statement's figures at each revision of `range`.
pub fn history(root: &Path, range: &HistoryRange) -> Result<History> {
    let repo = StatementRepo::open(root)?;
    let tags = tags_by_commit(&repo)?;
    let commits: Vec<(String, Commit)> = match range {
        HistoryRange::Tags => {
            let mut list: Vec<(String, Commit)> = Vec::new();
            for (name, id) in tags
                .iter()
                .flat_map(|(id, names)| names.iter().map(move |n| (n, id)))
            {
                let commit = repo.commit(&format!("refs/tags/{name}"))?;
                debug_assert_eq!(commit.id, *id);
                list.push((name.clone(), commit));
            }
            if list.is_empty() {
                let hint = if repo.is_shallow() {
                    " (this is a shallow clone without tags: in GitHub Actions use `actions/checkout` with `fetch-depth: 0`)"
                } else {
                    ""
                };
                return Err(other(format!(
                    "the repository has no tags{hint}: tag each version sent to the Care Inspectorate (`git tag v2025`), or give a range such as `HEAD~20..HEAD`"
                )));
            }
            list.sort_by(|a, b| a.1.time.cmp(&b.1.time).then_with(|| a.0.cmp(&b.0)));
            list
        }
        HistoryRange::Range(spec) => walk(&repo, spec)?
            .into_iter()
            .map(|c| {
                let label = tags
                    .get(&c.id)
                    .and_then(|names| names.first().cloned())
                    .unwrap_or_else(|| short_commit(&c.id.to_string()).to_owned());
                (label, c)
            })
            .collect(),
    };

    // Revisions with the same statement tree give the same figures.
    let mut cache: HashMap<Oid, std::result::Result<Figures, String>> = HashMap::new();
    let mut redactors = Redactors::default();
    let mut out = History {
        revisions: Vec::new(),
        skipped: Vec::new(),
        profiles: Vec::new(),
    };
    for (label, commit) in commits {
        let figures = match repo.root_tree(commit.id)? {
            None => Err(format!(
                "no {} at this revision",
                psdoc_core::config::CONFIG_FILE
            )),
            Some(tree_id) => cache
                .entry(tree_id)
                .or_insert_with(|| {
                    repo.tree_at(&commit, &label)
                        .and_then(|t| t.revision())
                        .map(|r| Figures::of(&r))
                        .map_err(|e| e.to_string())
                })
                .clone(),
        };
        if let Ok(f) = &figures
            && !out.profiles.iter().any(|p| std::ptr::eq(*p, f.guidance))
        {
            out.profiles.push(f.guidance);
        }
        match figures {
            Ok(f) => out.revisions.push(Point {
                revision: label,
                commit: commit.id.to_string(),
                date: date_of(commit.time),
                summary: redactors.redact(&f.privacy, &commit.summary)?,
                total: f.total,
                limit: f.limit,
                sections: f.sections.clone(),
                other: f.other,
                evidence: f.evidence,
                qi_coverage: f.qi_coverage.clone(),
            }),
            Err(reason) => out.skipped.push(Skipped {
                revision: label,
                commit: commit.id.to_string(),
                reason,
            }),
        }
    }
    Ok(out)
}

/// What one version of the statement counts.
#[derive(Clone)]
struct Figures {
    total: usize,
    limit: u32,
    sections: Vec<(SectionKey, usize)>,
    other: usize,
    evidence: EvidenceCount,
    qi_coverage: QiCoverage,
    /// The version's privacy settings, to mask commit messages with.
    privacy: psdoc_core::config::PrivacySettings,
    guidance: &'static Profile,
}

impl Figures {
    /// Counts as `psdoc count` does: a key's sections summed, the rest
    /// under `other`.
    fn of(revision: &Revision) -> Figures {
        let st = &revision.statement;
        let mut words: BTreeMap<SectionKey, usize> = BTreeMap::new();
        let mut other = 0;
        for s in &st.sections {
            match s.key {
                Some(key) => *words.entry(key).or_default() += s.words,
                None => other += s.words,
            }
        }
        let mut sections: Vec<(SectionKey, usize)> = words.into_iter().collect();
        let profile = revision.config.guidance;
        sections.sort_by_key(|(k, _)| (profile.position(*k), *k));
        let ids: std::collections::BTreeSet<u64> =
            revision.log.documents.iter().map(|d| d.id).collect();
        let cited = ids
            .iter()
            .filter(|&&id| revision.citations.cites(id))
            .count();
        // As `Project::qi_coverage`: QIs referred to inside required sections.
        let mut covered: Vec<&str> = Vec::new();
        for found in &revision.citations.qis {
            let (Some(_), Some(qis)) = (found.section, &found.item.resolved) else {
                continue;
            };
            covered.extend(qis.iter().map(|q| q.number.as_str()));
        }
        Figures {
            total: st.total_words(),
            limit: revision.config.statement.word_limit,
            sections,
            other,
            evidence: EvidenceCount {
                logged: ids.len(),
                cited,
            },
            qi_coverage: QiCoverage {
                focus: profile.framework.focus.len(),
                covered: profile
                    .framework
                    .focus
                    .iter()
                    .filter(|q| covered.contains(&q.as_str()))
                    .cloned()
                    .collect(),
            },
            privacy: revision.config.privacy.clone(),
            guidance: profile,
        }
    }
}

/// One redactor per distinct privacy settings: building one costs more
/// than reading a statement.
#[derive(Default)]
struct Redactors(Vec<(String, Redactor)>);

impl Redactors {
    fn redact(
        &mut self,
        privacy: &psdoc_core::config::PrivacySettings,
        text: &str,
    ) -> Result<String> {
        let key = format!("{privacy:?}");
        let i = match self.0.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                self.0.push((key, Redactor::new(privacy)?));
                self.0.len() - 1
            }
        };
        Ok(self.0[i].1.redact(text).into_owned())
    }
}

/// Tag names by the commit they point at, sorted.
fn tags_by_commit(repo: &StatementRepo) -> Result<BTreeMap<Oid, Vec<String>>> {
    repo.with(|git| {
        let names = git
            .tag_names(None)
            .map_err(|e| other(format!("cannot list the tags: {}", e.message())))?;
        let mut out: BTreeMap<Oid, Vec<String>> = BTreeMap::new();
        for name in names.iter().flatten().flatten() {
            let Ok(object) = git.revparse_single(&format!("refs/tags/{name}")) else {
                continue;
            };
            // Tags of trees or blobs name no version of the statement.
            if let Ok(commit) = object.peel_to_commit() {
                out.entry(commit.id()).or_default().push(name.to_owned());
            }
        }
        for names in out.values_mut() {
            names.sort();
        }
        Ok(out)
    })
}

/// The commits `git log SPEC` lists, oldest first.
fn walk(repo: &StatementRepo, spec: &str) -> Result<Vec<Commit>> {
    let (hide, show) = match spec.split_once("..") {
        Some((from, to)) => {
            let to = to.strip_prefix('.').unwrap_or(to);
            let to = if to.is_empty() { "HEAD" } else { to };
            let from = if from.is_empty() { "HEAD" } else { from };
            (Some(repo.commit(from)?), repo.commit(to)?)
        }
        None => (None, repo.commit(spec)?),
    };
    let ids: Vec<Oid> = repo.with(|git| {
        let fail = |e: git2::Error| {
            other(format!(
                "cannot walk the history of `{spec}`: {}",
                e.message()
            ))
        };
        let mut walk = git.revwalk().map_err(fail)?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)
            .map_err(fail)?;
        walk.push(show.id).map_err(fail)?;
        if let Some(hide) = &hide {
            walk.hide(hide.id).map_err(fail)?;
        }
        walk.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(fail)
    })?;
    ids.into_iter()
        .map(|id| repo.commit(&id.to_string()))
        .collect()
}

/// `YYYY-MM-DD` (UTC) of a time in seconds since 1970.
pub(crate) fn date_of(seconds: i64) -> String {
    psdoc_evidence::Date::from_days_since_epoch(seconds.div_euclid(86_400)).to_string()
}

pub fn render_json(history: &History) -> String {
    let mut s = serde_json::to_string_pretty(history).expect("serialisable");
    s.push('\n');
    s
}

/// A table of words per section by revision, then evidence and QIs.
pub fn render_term(history: &History) -> String {
    let mut out = String::new();
    if history.revisions.is_empty() {
        out.push_str("No revision holds a statement.\n");
    }
    let keys = history.keys();
    let mut header: Vec<String> = vec!["Revision".into(), "Date".into()];
    header.extend(keys.iter().map(|k| history.column(*k).to_owned()));
    header.extend(["Other", "Total", "Limit", "Evidence", "Focus QIs"].map(String::from));
    let mut table = Table::new(header, 2);
    for p in &history.revisions {
        let mut row = vec![p.revision.clone(), p.date.clone()];
        for k in &keys {
            row.push(
                p.section_words(*k)
                    .map_or_else(|| "-".to_owned(), thousands),
            );
        }
        row.push(thousands(p.other));
        row.push(thousands(p.total));
        row.push(thousands(p.limit as usize));
        row.push(format!("{}/{}", p.evidence.cited, p.evidence.logged));
        row.push(format!(
            "{}/{}",
            p.qi_coverage.covered.len(),
            p.qi_coverage.focus
        ));
        table.push(row);
    }
    if !history.revisions.is_empty() {
        out.push_str(&table.render());
        out.push_str("\nEvidence: documents cited / documents in the log. Focus QIs: the guidance's focus quality indicators referred to.\n");
        out.push_str(&format!(
            "Sections: {}.\n",
            keys.iter()
                .map(|k| {
                    let heading = history.spec(*k).map_or(k.key(), |s| s.heading.as_str());
                    format!("{} = {heading}", history.column(*k))
                })
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    for s in &history.skipped {
        out.push_str(&format!("skipped {}: {}\n", s.revision, s.reason));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates() {
        assert_eq!(super::date_of(0), "1970-01-01");
        assert_eq!(super::date_of(1_710_374_400), "2024-03-14");
        assert_eq!(super::date_of(951_782_400), "2000-02-29");
    }
}

//! Everything a rule may look at: one version of the statement, its log,
//! its evidence files and what the privacy scan and link checks found.

use crate::config::Config;
use crate::diagnostic::Finding;
use crate::model::evidence::{Citations, EvidenceFile};
use crate::model::{Location, Sources, Statement};
use crate::online::LinkStatus;
use crate::scan::PrivacyFindings;
use psdoc_evidence::{Date, Document, DocumentLog};

/// Everything a rule may look at.
pub struct Context<'a> {
    pub config: &'a Config,
    pub statement: &'a Statement,
    pub sources: &'a Sources,
    pub log: &'a DocumentLog,
    pub citations: &'a Citations,
    /// The state of each log entry's `file` (document index, state).
    pub evidence_files: &'a [(usize, EvidenceFile)],
    /// The submission date, or today.
    pub submission: Date,
    /// With `--online`: each linked document (index in the log) and what
    /// its link answered.
    pub links: Option<&'a [(usize, LinkStatus)]>,
    /// Personal identifiers, small counts and unreadable evidence files.
    pub privacy: &'a PrivacyFindings,
}

impl Context<'_> {
    /// A place inside the document log: its line of `key` for entry `doc`.
    pub fn log_location(&self, doc: &Document, key: &str) -> Location {
        Location::new(&self.log.path, doc.line_of(key), 1)
    }

    /// A finding at the `file` key of each log entry whose file `pick`
    /// selects (a missing file, one outside the folder), its message made
    /// from the entry and the path `pick` gives, all with the same `help`.
    pub fn file_findings(
        &self,
        out: &mut Vec<Finding>,
        pick: impl Fn(&EvidenceFile) -> Option<&str>,
        message: impl Fn(&Document, &str) -> String,
        help: &str,
    ) {
        for (i, state) in self.evidence_files {
            let Some(file) = pick(state) else {
                continue;
            };
            let doc = &self.log.documents[*i];
            out.push(Finding::new(self.log_location(doc, "file"), message(doc, file)).help(help));
        }
    }

    /// Line 1 of the document log.
    pub fn log_start(&self) -> Location {
        Location::start_of(&self.log.path)
    }
}

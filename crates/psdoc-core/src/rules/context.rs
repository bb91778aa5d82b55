//! Everything a rule may look at: one version of the statement, its log,
//! its evidence files and what the privacy scan and link checks found.

use crate::config::Config;
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

    /// Line 1 of the document log.
    pub fn log_start(&self) -> Location {
        Location::start_of(&self.log.path)
    }
}

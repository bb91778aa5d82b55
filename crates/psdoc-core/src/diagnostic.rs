//! A finding: data, rendered by the reporters in `render`.

use serde::{Deserialize, Serialize};

use crate::heading::SectionKey;
use crate::model::Location;
use crate::model::evidence::Found;

/// How much a finding matters. Errors fail `psdoc check`; warnings fail it
/// only under `--deny warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One finding about the statement or its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    /// For `personal-identifier`: the kind of identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// For `personal-identifier`: the identifier, masked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub masked: Option<String>,
    pub message: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub section: Option<SectionKey>,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// Inside an evidence file: the place as a person finds it (`Sheet "Q4", cell C4`,
    /// `table 2, row 4, column "CHI", under "Findings"`, `page 3`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Characters underlined in the source snippet (not serialised).
    #[serde(skip)]
    pub length: usize,
}

/// A finding before its rule's severity is applied.
#[derive(Debug, Clone)]
pub struct Finding {
    pub message: String,
    pub location: Location,
    pub section: Option<SectionKey>,
    pub help: Option<String>,
    pub kind: Option<String>,
    pub masked: Option<String>,
    pub page: Option<u32>,
    pub sheet: Option<String>,
    pub cell: Option<String>,
    pub place: Option<String>,
}

impl Finding {
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        Finding {
            message: message.into(),
            location,
            section: None,
            help: None,
            kind: None,
            masked: None,
            page: None,
            sheet: None,
            cell: None,
            place: None,
        }
    }

    /// A finding where a reference or a quality indicator was found, in its
    /// section.
    pub fn at_found<T>(found: &Found<T>, message: impl Into<String>) -> Self {
        Finding::new(found.location.clone(), message).section(found.section)
    }

    pub fn section(mut self, section: Option<SectionKey>) -> Self {
        self.section = section;
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn identifier(mut self, kind: impl Into<String>, masked: impl Into<String>) -> Self {
        self.kind = Some(kind.into());
        self.masked = Some(masked.into());
        self
    }
}

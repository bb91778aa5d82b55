//! Running the rules over a statement and collecting their findings.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{self, CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, Finding};
use crate::error::{Error, Result};
use crate::heading::SectionKey;
use crate::model::evidence::{self, Citations, EvidenceFile};
use crate::model::{FileSource, Sources, Statement, WorkTree};
use crate::online::LinkStatus;
#[cfg(feature = "online")]
use crate::online::{OnlineOptions, check_links};
use crate::redact::Redactor;
use crate::rules::{Context, RULES, Rule, Severity};
use crate::scan::allow::SuppressedDiagnostic;
use crate::scan::{self, PrivacyFindings, Progress};
use psdoc_evidence::{Date, DocumentLog};

/// The statement root: the nearest folder at or above `start` holding
/// `partnership.toml`, as cargo finds `Cargo.toml`.
pub fn find_root(start: &Path) -> Result<PathBuf> {
    let start = start
        .canonicalize()
        .map_err(|e| Error::file(start.display().to_string(), format!("cannot open it: {e}")))?;
    start
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or(Error::NoStatement { dir: start })
}

/// A loaded statement repository (one version of it).
pub struct Project {
    pub config: Config,
    pub sources: Sources,
    pub statement: Statement,
    pub log: DocumentLog,
    pub citations: Citations,
    pub evidence_files: Vec<(usize, EvidenceFile)>,
    /// Masks personal identifiers in anything shown.
    pub redactor: Redactor,
    /// Set by [`Project::check_links`] (`--online`).
    pub links: Option<Vec<(usize, LinkStatus)>>,
    /// The working tree, when the project was opened from one: its
    /// evidence folder is scanned for personal information.
    pub worktree: Option<WorkTree>,
    /// What earlier scans found in evidence files that have not changed (none: every
    /// file is read).
    pub cache: Option<scan::cache::EvidenceCache>,
}

impl Project {
    /// Loads the working tree at `root`.
    pub fn open(root: &Path) -> Result<Self> {
        let (config, text) = config::load(root)?;
        let files = WorkTree::new(root)
            .map_err(|e| Error::file(root.display().to_string(), e.to_string()))?;
        let mut project = Self::from_files(config, text, &files)?;
        project.worktree = Some(files);
        Ok(project)
    }

    /// Loads a statement from any file source (the working tree, a git
    /// revision) with its configuration already parsed.
    pub fn from_files(
        mut config: Config,
        config_text: String,
        files: &dyn FileSource,
    ) -> Result<Self> {
        config.resolve_guidance(&config_text, files)?;
        let mut sources = Sources::default();
        sources.add(crate::model::SourceFile::new(CONFIG_FILE, config_text));
        let statement = Statement::load(&config, files, &mut sources)?;
        let log = evidence::load_log(&config, files, &mut sources)?;
        let citations = Citations::find(&statement, &sources, &config);
        let evidence_files = evidence::evidence_files(&config, &log, files);
        let redactor = Redactor::new(&config.privacy)?;
        Ok(Project {
            links: None,
            cache: None,
            worktree: None,
            redactor,
            config,
            sources,
            statement,
            log,
            citations,
            evidence_files,
        })
    }

    /// The document log as it may be shown: titles and links with any
    /// personal identifier masked (a title can name a child).
    pub fn redacted_log(&self) -> DocumentLog {
        let mut log = self.log.clone();
        for doc in &mut log.documents {
            doc.title = self.redactor.redact(&doc.title).into_owned();
            if let Some(url) = &doc.url {
                doc.url = Some(self.redactor.redact(url).into_owned());
            }
        }
        log
    }

    /// The submission date of the configuration, else today.
    pub fn submission(&self) -> Date {
        self.config
            .partnership
            .submission
            .unwrap_or_else(Date::today)
    }

    /// The privacy scan of the statement and, from a working tree, of the
    /// evidence folder and every other file the repository publishes or submits
    /// (in parallel; `progress` hears of bytes read).
    pub fn scan_privacy(&self, progress: Option<Progress<'_>>) -> PrivacyFindings {
        let privacy = &self.config.privacy;
        let allows = scan::allow::FileAllows::new(&privacy.file_allows);
        let settings = scan::ScanSettings {
            redactor: &self.redactor,
            threshold: privacy.small_number_threshold,
            limits: &self.config.limits,
            allows: &allows,
            cache: None,
        };
        let scan_cache = self
            .cache
            .as_ref()
            .map(|c| c.for_scan(privacy, &self.config.limits, allows.texts()));
        let settings = scan::ScanSettings {
            cache: scan_cache.as_ref(),
            ..settings
        };
        let mut found = scan::scan_statement(&self.statement, &self.sources, &settings);
        if let Some(tree) = &self.worktree {
            let dir = self.config.evidence.files.replace('\\', "/");
            let dir = dir.trim_start_matches("./").trim_end_matches('/');
            found.extend(scan::scan_evidence_folder(tree, dir, &settings, progress));
            let book_src = self.config.statement.book.join("src");
            let book_src = crate::model::files::to_relative(&book_src);
            let already = |rel: &str| self.sources.find(rel).is_some();
            let others = scan::files::repository_files(
                tree.root(),
                &book_src,
                dir,
                &privacy.exclude,
                &already,
            );
            found.extend(scan::scan_files(tree, &others, &settings, None, None));
            found.unused_allows = allows.unused();
        }
        found
    }

    pub(crate) fn context<'a>(&'a self, privacy: &'a PrivacyFindings) -> Context<'a> {
        Context {
            privacy,
            config: &self.config,
            statement: &self.statement,
            sources: &self.sources,
            log: &self.log,
            citations: &self.citations,
            evidence_files: &self.evidence_files,
            submission: self.submission(),
            links: self.links.as_deref(),
        }
    }

    /// Asks every evidence link whether it answers (`--online`); the
    /// `broken-evidence-link` rule then reports those that do not.
    #[cfg(feature = "online")]
    pub fn check_links(&mut self, options: &OnlineOptions) {
        let linked: Vec<(usize, String)> = self
            .log
            .documents
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                let url = d.url.as_ref()?;
                psdoc_evidence::link::validate(url).ok()?;
                Some((i, url.clone()))
            })
            .collect();
        let urls: Vec<String> = linked.iter().map(|(_, u)| u.clone()).collect();
        let statuses = check_links(&urls, options);
        self.links = Some(linked.into_iter().map(|(i, _)| i).zip(statuses).collect());
    }

    /// The guidance's focus quality indicators, each with the required
    /// sections that refer to it (empty when none does).
    pub fn qi_coverage(&self) -> Vec<(String, Vec<String>)> {
        let mut coverage: Vec<(String, Vec<SectionKey>)> = self
            .config
            .guidance
            .framework
            .focus
            .iter()
            .map(|q| (q.clone(), Vec::new()))
            .collect();
        for found in &self.citations.qis {
            let (Some(section), Some(qis)) = (found.section, &found.item.resolved) else {
                continue;
            };
            for qi in qis {
                if let Some((_, sections)) = coverage.iter_mut().find(|(n, _)| *n == qi.number)
                    && !sections.contains(&section)
                {
                    sections.push(section);
                }
            }
        }
        coverage
            .into_iter()
            .map(|(qi, mut sections)| {
                sections.sort();
                (qi, sections.iter().map(|s| s.key().to_owned()).collect())
            })
            .collect()
    }

    /// Runs every rule; findings are sorted and have their final severity.
    pub fn check(&self) -> Vec<Diagnostic> {
        self.check_with_progress(None)
    }

    /// [`Project::check`], telling `progress` how the evidence scan goes.
    pub fn check_with_progress(&self, progress: Option<Progress<'_>>) -> Vec<Diagnostic> {
        self.check_all(progress).0
    }

    /// Every rule's findings, and those a `[[privacy.allow]]` entry suppressed
    /// (with its reason), each with its final severity.
    pub fn check_all(
        &self,
        progress: Option<Progress<'_>>,
    ) -> (Vec<Diagnostic>, Vec<SuppressedDiagnostic>) {
        let mut privacy = self.scan_privacy(progress);
        let suppressed = suppressed_diagnostics(&self.config, std::mem::take(&mut privacy.allowed));
        let out = self.run_rules(RULES, &privacy);
        (out, suppressed)
    }

    /// The findings of the named rules alone, with their severities and the
    /// statement's allow comments; no privacy scan (for a command that
    /// reports what concerns it, as `psdoc log` does of missing files).
    pub fn check_rules(&self, names: &[&str]) -> Vec<Diagnostic> {
        let privacy = PrivacyFindings::default();
        self.run_rules(RULES.iter().filter(|r| names.contains(&r.name)), &privacy)
    }

    /// The findings of `rules` (those not switched off), with their
    /// severities, less those the statement's allow comments cover, in book
    /// order.
    fn run_rules<'r>(
        &self,
        rules: impl IntoIterator<Item = &'r &'static Rule>,
        privacy: &PrivacyFindings,
    ) -> Vec<Diagnostic> {
        let cx = self.context(privacy);
        let allows = Allows::collect(&self.statement, &self.sources);
        let mut out = Vec::new();
        for rule in rules {
            let Some(severity) = severity_of(&self.config, rule) else {
                continue;
            };
            let mut findings = Vec::new();
            (rule.check)(&cx, &mut findings);
            out.extend(
                findings
                    .into_iter()
                    .filter(|f| !allows.covers(rule.name, f))
                    .map(|f| into_diagnostic(rule, severity, f)),
            );
        }
        crate::order::in_book_order(&mut out, Some(&self.statement), &self.log.path);
        out
    }
}

/// The findings `[[privacy.allow]]` entries suppressed, as diagnostics with their
/// reasons (their rules switched off, none).
pub fn suppressed_diagnostics(
    config: &Config,
    allowed: Vec<scan::allow::Allowed>,
) -> Vec<SuppressedDiagnostic> {
    let mut out: Vec<SuppressedDiagnostic> = allowed
        .into_iter()
        .filter_map(|a| {
            let rule = crate::rules::find(a.rule)?;
            let severity = severity_of(config, rule)?;
            let suppressed = scan::allow::Suppression::of(&a);
            Some(SuppressedDiagnostic {
                diagnostic: into_diagnostic(rule, severity, a.finding),
                suppressed,
            })
        })
        .collect();
    let key = |s: &SuppressedDiagnostic| {
        let d = &s.diagnostic;
        (d.file.clone(), d.line, d.column, d.rule)
    };
    out.sort_by_key(key);
    out
}

/// The privacy findings alone (`psdoc scan`), with their rules' severities
/// and, in a statement, its `psdoc-allow` comments.
pub fn privacy_diagnostics(
    config: &Config,
    found: PrivacyFindings,
    statement: Option<(&Statement, &Sources)>,
) -> Vec<Diagnostic> {
    // The statement's allow comments, if it has any.
    let allows = statement
        .map(|(st, src)| Allows::collect(st, src))
        .filter(|a| !a.entries.is_empty());
    let mut out = Vec::new();
    for (name, findings) in [
        ("personal-identifier", found.identifiers),
        ("small-number", found.small_numbers),
        ("evidence-not-scanned", found.not_scanned),
        ("indirect-identifier", found.indirect),
        ("unused-allow", found.unused_allows),
    ] {
        let rule = crate::rules::find(name).expect("privacy rules are registered");
        let Some(severity) = severity_of(config, rule) else {
            continue;
        };
        // A scan of a large folder has tens of thousands of findings: each core
        // turns its share into diagnostics, written straight into `out`.
        let diagnostic = |f| into_diagnostic(rule, severity, f);
        match &allows {
            None => out.par_extend(findings.into_par_iter().map(diagnostic)),
            Some(allows) => out.extend(
                findings
                    .into_iter()
                    .filter(|f| !allows.covers(name, f))
                    .map(diagnostic),
            ),
        }
    }
    let log = config.evidence.log.replace('\\', "/");
    crate::order::in_book_order(
        &mut out,
        statement.map(|(st, _)| st),
        log.trim_start_matches("./"),
    );
    out
}

/// The severity `[rules]` gives a rule, or `None` when it is off.
pub fn severity_of(config: &Config, rule: &Rule) -> Option<Severity> {
    match config.rules.get(rule.name) {
        Some(level) => *level,
        None => Some(rule.default_severity),
    }
}

fn into_diagnostic(rule: &Rule, severity: Severity, f: Finding) -> Diagnostic {
    Diagnostic {
        rule: rule.name,
        severity,
        kind: f.kind,
        masked: f.masked,
        message: f.message,
        file: f.location.file,
        line: f.location.line,
        column: f.location.column,
        section: f.section,
        help: f.help,
        page: f.page,
        sheet: f.sheet,
        cell: f.cell,
        place: f.place,
        length: f.location.length,
    }
}

/// The `<!-- psdoc-allow RULE -->` comments, by file and line range.
struct Allows {
    entries: Vec<(String, Option<String>, String, usize, usize)>,
}

impl Allows {
    fn collect(statement: &Statement, sources: &Sources) -> Self {
        let entries = statement
            .allows(sources)
            .map(|(a, from, to)| {
                (
                    a.rule.clone(),
                    a.kind.clone(),
                    from.file,
                    from.line,
                    to.line,
                )
            })
            .collect();
        Allows { entries }
    }

    fn covers(&self, rule: &str, f: &Finding) -> bool {
        self.entries.iter().any(|(r, kind, file, from, to)| {
            r == rule
                && *file == f.location.file
                && (*from..=*to).contains(&f.location.line)
                && kind.as_ref().is_none_or(|k| f.kind.as_ref() == Some(k))
        })
    }
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
}

impl Tally {
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        Tally {
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}

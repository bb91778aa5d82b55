//! `partnership.toml`: the partnership and every setting of psdoc, parsed
//! strictly. Unknown keys, wrong types and bad values are errors naming the
//! file, line, column and key (docs/configuration.md#how-a-bad-setting-is-reported).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use psdoc_guidance::Profile;

use crate::error::{Error, Result};
use crate::heading::SectionKey;
use crate::model::FileSource;
use crate::position::LineIndex;
use crate::rules::{self, Severity};

mod guidance;

pub const CONFIG_FILE: &str = "partnership.toml";

/// The whole of `partnership.toml`, validated.
#[derive(Debug, Clone)]
pub struct Config {
    pub partnership: Partnership,
    pub statement: StatementSettings,
    pub evidence: EvidenceSettings,
    pub privacy: PrivacySettings,
    /// Severity overrides by rule name; `None` switches a rule off.
    pub rules: BTreeMap<String, Option<Severity>>,
    /// How much of an evidence file psdoc reads.
    pub limits: psdoc_extract::Limits,
    /// The guidance profile in force, with `partnership.toml`'s adjustments.
    pub guidance: &'static Profile,
    /// What `partnership.toml` says of the guidance, kept to read a
    /// profile file later ([`Config::resolve_guidance`]).
    pub(crate) guidance_settings: guidance::Settings,
}

#[derive(Debug, Clone)]
pub struct Partnership {
    pub name: String,
    /// The submission date; today when absent.
    pub submission: Option<psdoc_evidence::Date>,
}

#[derive(Debug, Clone)]
pub struct StatementSettings {
    pub book: PathBuf,
    pub word_limit: u32,
    pub budgets: BTreeMap<SectionKey, u32>,
}

#[derive(Debug, Clone)]
pub struct EvidenceSettings {
    pub log: String,
    pub files: String,
    pub prefix: String,
    /// Which ways of writing a reference count: every unambiguous one
    /// (`"any"`, the default) or square brackets only (`"brackets"`).
    pub reference_style: psdoc_evidence::ReferenceStyle,
    pub max_age_months: u32,
    /// Appendix 2 items that do not apply, with the partnership's reason.
    pub not_applicable: BTreeMap<u8, String>,
}

#[derive(Debug, Clone)]
pub struct PrivacySettings {
    /// Exact strings never reported, anywhere (`allow = ["0131 529 3030"]`).
    pub allow: Vec<String>,
    pub small_number_threshold: u32,
    pub patterns: Vec<CustomPattern>,
    /// Findings allowed inside one file (`[[privacy.allow]]` entries).
    pub file_allows: Vec<FileAllow>,
    /// Files of the repository that are neither published nor submitted, as
    /// gitignore patterns: not scanned (the book's and the evidence's files always are).
    pub exclude: Vec<String>,
    /// The partnership's own area ("Loch Ard", from `partnership.name`): too large a
    /// place to identify a child (`indirect-identifier`).
    pub area: Vec<String>,
}

/// A `[[privacy.allow]]` entry: findings in one file that the partnership has
/// checked, with its reason (a spreadsheet cannot hold an allow comment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileAllow {
    /// The file, relative to the statement root (`/` separators); a path ending in
    /// `/` allows the files of a folder.
    pub file: String,
    /// Only findings of exactly this text (a cell's value, an identifier as written).
    pub text: Option<String>,
    /// Only this rule's findings.
    pub rule: Option<String>,
    /// Only this kind of personal identifier (`phone`, a pattern's name).
    pub kind: Option<String>,
    pub reason: String,
    /// The line of the entry in partnership.toml.
    pub line: usize,
}

/// The rules whose findings a `[[privacy.allow]]` entry may allow.
pub const ALLOWABLE_RULES: [&str; 4] = [
    "personal-identifier",
    "small-number",
    "evidence-not-scanned",
    "indirect-identifier",
];

#[derive(Debug, Clone)]
pub struct CustomPattern {
    pub name: String,
    pub regex: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            partnership: Partnership {
                name: String::new(),
                submission: None,
            },
            statement: StatementSettings {
                book: PathBuf::from("book"),
                word_limit: 5000,
                budgets: BTreeMap::new(),
            },
            evidence: EvidenceSettings {
                log: "evidence/log.toml".into(),
                files: "evidence/files".into(),
                prefix: "E".into(),
                reference_style: psdoc_evidence::ReferenceStyle::Any,
                max_age_months: 24,
                not_applicable: BTreeMap::new(),
            },
            privacy: PrivacySettings {
                allow: Vec::new(),
                small_number_threshold: 5,
                patterns: Vec::new(),
                file_allows: Vec::new(),
                exclude: Vec::new(),
                area: Vec::new(),
            },
            rules: BTreeMap::new(),
            limits: psdoc_extract::Limits::default(),
            guidance: psdoc_guidance::default_profile(),
            guidance_settings: guidance::Settings::default(),
        }
    }
}

// ---- the file as written -------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    partnership: Option<RawPartnership>,
    statement: Option<RawStatement>,
    evidence: Option<RawEvidence>,
    privacy: Option<RawPrivacy>,
    rules: Option<BTreeMap<Spanned<String>, Spanned<RawSeverity>>>,
    limits: Option<RawLimits>,
    guidance: Option<guidance::RawGuidance>,
}

/// `[limits]`: the largest evidence file read, the most an archive member
/// and a whole archive may expand to, the most PDF pages read. Over a
/// limit, a file is an `evidence-not-scanned` finding, never silence.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLimits {
    max_file_mb: Option<Spanned<u64>>,
    max_member_mb: Option<Spanned<u64>>,
    max_archive_mb: Option<Spanned<u64>>,
    max_pdf_pages: Option<Spanned<u32>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPartnership {
    name: Option<String>,
    submission: Option<Spanned<toml::value::Datetime>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatement {
    book: Option<Spanned<String>>,
    word_limit: Option<Spanned<u32>>,
    budgets: Option<BTreeMap<Spanned<String>, Spanned<u32>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvidence {
    log: Option<Spanned<String>>,
    files: Option<Spanned<String>>,
    prefix: Option<Spanned<String>>,
    reference_style: Option<Spanned<String>>,
    max_age_months: Option<u32>,
    not_applicable: Option<BTreeMap<Spanned<String>, String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrivacy {
    allow: Option<Vec<Spanned<RawAllow>>>,
    small_number_threshold: Option<u32>,
    pattern: Option<Vec<Spanned<RawPattern>>>,
    exclude: Option<Vec<Spanned<String>>>,
}

/// An item of `privacy.allow`: an exact string, or a `[[privacy.allow]]` table whose
/// keys and values are checked after reading, so that an error can name its line.
enum RawAllow {
    Text(String),
    Entry(Vec<(Spanned<String>, Spanned<toml::Value>)>),
}

impl<'de> Deserialize<'de> for RawAllow {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawAllow;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string, or a table with `file` and `reason`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<RawAllow, E> {
                Ok(RawAllow::Text(v.to_owned()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<RawAllow, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    entries.push((key, map.next_value::<Spanned<toml::Value>>()?));
                }
                Ok(RawAllow::Entry(entries))
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPattern {
    name: String,
    regex: Spanned<String>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum RawSeverity {
    Error,
    Warning,
    Off,
}

/// Reads and validates `partnership.toml` at `root`.
pub fn load(root: &Path) -> Result<(Config, String)> {
    let path = root.join(CONFIG_FILE);
    // A link to a file outside the repository is not read
    // (docs/repository.md#nothing-outside-the-root).
    let outside = match (path.canonicalize(), root.canonicalize()) {
        (Ok(real), Ok(real_root)) => !real.starts_with(real_root),
        _ => false,
    };
    if outside {
        return Err(Error::file(
            CONFIG_FILE,
            "is a link that leads outside the statement repository: psdoc reads nothing outside it; replace the link with the file",
        ));
    }
    let bytes = std::fs::read(&path)
        .map_err(|e| Error::file(CONFIG_FILE, format!("cannot read it: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::file(
            CONFIG_FILE,
            "is not UTF-8 text: save it as UTF-8 (in Notepad: File > Save as > Encoding: UTF-8)",
        )
    })?;
    let text = crate::position::strip_bom(text);
    let mut config = parse(&text)?;
    let files = crate::model::WorkTree::new(root)
        .map_err(|e| Error::file(root.display().to_string(), e.to_string()))?;
    config.resolve_guidance(&text, &files)?;
    Ok((config, text))
}

/// Parses the text of `partnership.toml`.
pub fn parse(text: &str) -> Result<Config> {
    let at = Locator::new(text);
    let raw: RawConfig = toml::from_str(text).map_err(|e| at.toml_error(&e))?;
    let mut config = Config::default();

    if let Some(p) = raw.partnership {
        config.partnership.name = p.name.unwrap_or_default();
        if let Some(s) = p.submission {
            let date = match (s.get_ref().date, s.get_ref().time) {
                (Some(d), None) => psdoc_evidence::Date::new(i32::from(d.year), d.month, d.day),
                _ => None,
            };
            config.partnership.submission = Some(date.ok_or_else(|| {
                at.error(
                    s.span(),
                    "`partnership.submission` must be a date written like 2026-03-20 (no quotes, no time)",
                )
            })?);
        }
    }

    if let Some(s) = raw.statement {
        if let Some(book) = s.book {
            config.statement.book = at.relative_path(&book, "statement.book")?;
        }
        if let Some(limit) = s.word_limit {
            if *limit.get_ref() == 0 {
                return Err(at.error(
                    limit.span(),
                    "`statement.word_limit` must be more than 0: the guidance's limit is 5000",
                ));
            }
            config.guidance_settings.adjustments.word_limit = Some(limit.into_inner());
        }
        config.guidance_settings.budgets = s
            .budgets
            .unwrap_or_default()
            .into_iter()
            .map(|(key, budget)| (key.span(), key.into_inner(), budget.into_inner()))
            .collect();
    }

    if let Some(e) = raw.evidence {
        if let Some(log) = e.log {
            let path = at.relative_path(&log, "evidence.log")?;
            let ext = path.extension().and_then(|x| x.to_str()).unwrap_or("");
            if !matches!(ext.to_ascii_lowercase().as_str(), "toml" | "csv" | "xlsx") {
                return Err(at.error(
                    log.span(),
                    "`evidence.log` must name a .toml, .csv or .xlsx file",
                ));
            }
            config.evidence.log = log.into_inner();
        }
        if let Some(files) = e.files {
            at.relative_path(&files, "evidence.files")?;
            config.evidence.files = files.into_inner();
        }
        if let Some(prefix) = e.prefix {
            let p = prefix.get_ref();
            if p.is_empty() || !p.chars().all(|c| c.is_ascii_alphabetic()) {
                return Err(at.error(
                    prefix.span(),
                    "`evidence.prefix` must be one or more letters, like \"E\" (references are then written [E12])",
                ));
            }
            config.evidence.prefix = prefix.into_inner();
        }
        if let Some(style) = e.reference_style {
            config.evidence.reference_style =
                psdoc_evidence::ReferenceStyle::from_setting(style.get_ref()).ok_or_else(|| {
                    at.error(
                        style.span(),
                        format!(
                            "`evidence.reference_style` is \"{}\": write \"any\" (references also as (E12), E12 and E3-E5 in the text) or \"brackets\" (only [E12], [E3, E12] and [E3-E5])",
                            style.get_ref().escape_debug()
                        ),
                    )
                })?;
        }
        if let Some(months) = e.max_age_months {
            config.evidence.max_age_months = months;
        }
        for (item, reason) in e.not_applicable.unwrap_or_default() {
            if reason.trim().is_empty() {
                return Err(at.error(
                    item.span(),
                    "`evidence.not_applicable`: give the reason the document does not apply",
                ));
            }
            config
                .guidance_settings
                .not_applicable
                .push((item.span(), item.into_inner(), reason));
        }
    }

    if let Some(p) = raw.privacy {
        let mut entries = Vec::new();
        for item in p.allow.unwrap_or_default() {
            let span = item.span();
            match item.into_inner() {
                RawAllow::Text(text) => config.privacy.allow.push(text),
                RawAllow::Entry(keys) => entries.push((span, keys)),
            }
        }
        for pattern in p.exclude.unwrap_or_default() {
            let glob = pattern.get_ref().trim();
            if glob.is_empty() || glob.contains("..") {
                return Err(at.error(
                    pattern.span(),
                    "`privacy.exclude`: each entry is a path or pattern inside the repository, like \"crates/\" or \"*.rs\"",
                ));
            }
            config.privacy.exclude.push(glob.to_owned());
        }
        if let Some(t) = p.small_number_threshold {
            config.privacy.small_number_threshold = t;
        }
        for pattern in p.pattern.unwrap_or_default() {
            let span = pattern.span();
            let pattern = pattern.into_inner();
            // What the detector refuses is a bad value here, with its place.
            let custom = psdoc_privacy::CustomPattern {
                name: pattern.name.clone(),
                regex: pattern.regex.get_ref().clone(),
            };
            if let Err(e) = custom.check() {
                return Err(match e {
                    psdoc_privacy::PatternError::EmptyName { .. } => {
                        at.error(span, "`privacy.pattern`: give each pattern a `name`")
                    }
                    psdoc_privacy::PatternError::InvalidRegex { message, .. } => {
                        let first = message.lines().last().unwrap_or_default();
                        at.error(
                            pattern.regex.span(),
                            format!(
                                "`privacy.pattern` \"{}\": the regex does not compile ({first}); write it in single quotes, like '\\bSW-\\d{{6}}\\b'",
                                pattern.name
                            ),
                        )
                    }
                    e => at.error(pattern.regex.span(), format!("`privacy.pattern`: {e}")),
                });
            }
            config.privacy.patterns.push(CustomPattern {
                name: pattern.name,
                regex: pattern.regex.into_inner(),
            });
        }
        for (span, keys) in entries {
            let entry = file_allow(&at, span, keys, &config.privacy.patterns)?;
            config.privacy.file_allows.push(entry);
        }
    }

    if let Some(l) = raw.limits {
        let mb = |v: Option<Spanned<u64>>, key: &str, default: u64| -> Result<u64> {
            match v {
                None => Ok(default),
                Some(v) if *v.get_ref() == 0 || *v.get_ref() > 1 << 20 => Err(at.error(
                    v.span(),
                    format!("`limits.{key}` must be a number of megabytes from 1 to 1048576"),
                )),
                Some(v) => Ok(v.into_inner() << 20),
            }
        };
        let d = psdoc_extract::Limits::default();
        config.limits.max_file_bytes = mb(l.max_file_mb, "max_file_mb", d.max_file_bytes)?;
        config.limits.max_member_bytes = mb(l.max_member_mb, "max_member_mb", d.max_member_bytes)?;
        config.limits.max_archive_bytes =
            mb(l.max_archive_mb, "max_archive_mb", d.max_archive_bytes)?;
        if let Some(p) = l.max_pdf_pages {
            if *p.get_ref() == 0 {
                return Err(at.error(p.span(), "`limits.max_pdf_pages` must be at least 1"));
            }
            config.limits.max_pdf_pages = p.into_inner();
        }
    }

    config.privacy.area = area_of(&config.partnership.name);

    for (rule, severity) in raw.rules.unwrap_or_default() {
        if !rules::is_known(rule.get_ref()) {
            let hint = rules::closest(rule.get_ref())
                .map(|r| format!(" (did you mean `{r}`?)"))
                .unwrap_or_default();
            return Err(at.error(
                rule.span(),
                format!(
                    "`rules.{}` is not a rule{hint}: `psdoc rules` lists them",
                    rule.get_ref()
                ),
            ));
        }
        let level = match severity.into_inner() {
            RawSeverity::Error => Some(Severity::Error),
            RawSeverity::Warning => Some(Severity::Warning),
            RawSeverity::Off => None,
        };
        config.rules.insert(rule.into_inner(), level);
    }
    guidance::read(&mut config, raw.guidance, &at)?;
    if config.guidance_settings.file.is_none() {
        let base = guidance::builtin_named(&config, &at)?;
        guidance::apply(&mut config, base, &at)?;
    }
    Ok(config)
}

impl Config {
    /// Reads the profile file `partnership.toml` names (`[guidance] file`)
    /// from `files` and applies the partnership's adjustments to it; nothing
    /// to do when it names a built-in profile. `config_text` is the text of
    /// `partnership.toml`, for the places of errors.
    pub fn resolve_guidance(&mut self, config_text: &str, files: &dyn FileSource) -> Result<()> {
        let Some((path, span)) = self.guidance_settings.file.clone() else {
            return Ok(());
        };
        if self.guidance_settings.resolved {
            return Ok(());
        }
        let at = Locator::new(config_text);
        let base = guidance::read_file(&path, span, files, &at)?;
        guidance::apply(self, base, &at)
    }

    /// The effective word limit: `statement.word_limit`, else the profile's.
    pub fn word_limit(&self) -> u32 {
        self.statement.word_limit
    }
}

/// The place a partnership is named after: "Loch Ard" for "Loch Ard Community Planning
/// Partnership".
fn area_of(name: &str) -> Vec<String> {
    let mut area = name.trim();
    for suffix in [
        "Community Planning Partnership",
        "Community Planning Partnership (CPP)",
        "CPP",
        "Partnership",
        "Council",
    ] {
        if let Some(rest) = area.strip_suffix(suffix) {
            area = rest.trim_end();
        }
    }
    if area.is_empty() {
        Vec::new()
    } else {
        vec![area.to_owned()]
    }
}

/// Reads a `[[privacy.allow]]` entry: `file` and `reason`, optionally `text`, `rule`
/// or `kind`; anything else is an error at its line.
fn file_allow(
    at: &Locator<'_>,
    span: std::ops::Range<usize>,
    keys: Vec<(Spanned<String>, Spanned<toml::Value>)>,
    patterns: &[CustomPattern],
) -> Result<FileAllow> {
    let mut entry = FileAllow {
        file: String::new(),
        text: None,
        rule: None,
        kind: None,
        reason: String::new(),
        line: at.lines.position(at.text, span.start).line,
    };
    let mut file_span = None;
    for (key, value) in keys {
        let name = key.get_ref().as_str();
        let Some(text) = value.get_ref().as_str().map(str::to_owned) else {
            return Err(at.error(
                value.span(),
                format!("`privacy.allow.{name}` must be a string in quotes"),
            ));
        };
        match name {
            "file" => {
                let path = text.replace('\\', "/");
                let path = path.trim_start_matches("./").to_owned();
                let escapes = path.starts_with('/')
                    || path.split('/').any(|c| c == "..")
                    || path.contains(':');
                if path.trim().is_empty() || escapes {
                    return Err(at.error(
                        value.span(),
                        "`privacy.allow.file` must be a file inside the statement repository, written relative to partnership.toml, like \"evidence/files/data/cpc-q4.xlsx\"",
                    ));
                }
                entry.line = at.lines.position(at.text, key.span().start).line;
                file_span = Some(key.span());
                entry.file = path;
            }
            "text" => {
                if text.trim().is_empty() {
                    return Err(at.error(
                        value.span(),
                        "`privacy.allow.text` is empty: give the exact text to allow, or leave the key out",
                    ));
                }
                entry.text = Some(text);
            }
            "rule" => {
                if !ALLOWABLE_RULES.contains(&text.as_str()) {
                    return Err(at.error(
                        value.span(),
                        format!(
                            "`privacy.allow.rule` must be one of {}: other rules are set under [rules]",
                            ALLOWABLE_RULES.join(", ")
                        ),
                    ));
                }
                entry.rule = Some(text);
            }
            "kind" => {
                let known = psdoc_privacy::Kind::from_name(&text).is_some()
                    || patterns.iter().any(|p| p.name == text);
                if !known {
                    let kinds: Vec<&str> = psdoc_privacy::Kind::BUILTIN
                        .iter()
                        .map(|k| k.name())
                        .collect();
                    return Err(at.error(
                        value.span(),
                        format!(
                            "`privacy.allow.kind` must be a kind of personal identifier: {}, or the name of a [[privacy.pattern]]",
                            kinds.join(", ")
                        ),
                    ));
                }
                entry.kind = Some(text);
            }
            "reason" => {
                if text.trim().is_empty() {
                    return Err(at.error(
                        value.span(),
                        "`privacy.allow.reason` is empty: say why this is not personal (it is shown with the suppressed finding)",
                    ));
                }
                entry.reason = text;
            }
            other => {
                return Err(at.error(
                    key.span(),
                    format!(
                        "`privacy.allow.{other}` is not a key of an allow entry: use file, text, rule, kind and reason"
                    ),
                ));
            }
        }
    }
    if file_span.is_none() {
        return Err(at.error(
            span,
            "`[[privacy.allow]]`: give the `file` whose findings are allowed",
        ));
    }
    if entry.reason.is_empty() {
        return Err(at.error(
            span,
            "`[[privacy.allow]]`: give the `reason` the finding is not personal",
        ));
    }
    if entry.kind.is_some()
        && entry
            .rule
            .as_deref()
            .is_some_and(|r| r != "personal-identifier")
    {
        return Err(at.error(
            span,
            "`[[privacy.allow]]`: a `kind` is a kind of personal identifier: leave out `rule`, or set it to \"personal-identifier\"",
        ));
    }
    Ok(entry)
}

/// Turns byte spans of `partnership.toml` into positioned errors.
struct Locator<'a> {
    text: &'a str,
    lines: LineIndex,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            lines: LineIndex::new(text),
        }
    }

    fn error(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> Error {
        let pos = self.lines.position(self.text, span.start);
        Error::Config {
            file: CONFIG_FILE.into(),
            line: pos.line,
            column: pos.column,
            message: message.into(),
        }
    }

    fn toml_error(&self, e: &toml::de::Error) -> Error {
        let span = e.span().unwrap_or(0..0);
        let key = self.key_at(span.start);
        let message = e.message().trim_end_matches('\n').replace('\n', " ");
        if key.as_deref() == Some("partnership.submission")
            && let Some((_, written)) =
                psdoc_evidence::date::toml_assignment_at(self.text, span.start)
        {
            return self.error(
                span,
                format!("`partnership.submission` must be a date written like 2026-03-20 (year, month, day; no quotes): `{written}` is not one"),
            );
        }
        let line = self
            .lines
            .line_range(self.text, self.lines.position(self.text, span.start).line)
            .map_or("", |r| self.text[r].trim());
        if message.contains("duplicate key") && line.replace(' ', "") == "[[privacy.allow]]" {
            return self.error(
                span,
                "`privacy.allow` is already a list of exact strings above: a `[[privacy.allow]]` table cannot follow it; put the entries in that list instead, like allow = [\"0131 529 3030\", { file = \"evidence/files/data.xlsx\", rule = \"small-number\", reason = \"...\" }]",
            );
        }
        let message = match key {
            Some(key) if !message.contains(&format!("`{key}`")) => format!("`{key}`: {message}"),
            _ => message,
        };
        self.error(span, message)
    }

    /// The dotted key whose value sits at `offset`: the table header above
    /// it and the name before `=` on its line.
    fn key_at(&self, offset: usize) -> Option<String> {
        let pos = self.lines.position(self.text, offset);
        let line = &self.text[self.lines.line_range(self.text, pos.line)?];
        let name = line
            .split_once('=')
            .map(|(k, _)| k.trim().trim_matches('"'));
        let table = (1..pos.line).rev().find_map(|n| {
            let l = self.text[self.lines.line_range(self.text, n)?].trim();
            l.starts_with('[')
                .then(|| l.trim_matches(['[', ']']).trim().to_owned())
        });
        match (table, name) {
            (Some(t), Some(n)) if !n.is_empty() => Some(format!("{t}.{n}")),
            (None, Some(n)) if !n.is_empty() => Some(n.to_owned()),
            _ => None,
        }
    }

    /// A path inside the statement repository: relative, without `..`.
    fn relative_path(&self, value: &Spanned<String>, key: &str) -> Result<PathBuf> {
        let path = Path::new(value.get_ref());
        let escapes = path.is_absolute()
            || value.get_ref().starts_with(['/', '\\'])
            || path.components().any(|c| {
                matches!(
                    c,
                    std::path::Component::ParentDir | std::path::Component::Prefix(_)
                )
            });
        if value.get_ref().trim().is_empty() || escapes {
            return Err(self.error(
                value.span(),
                format!(
                    "`{key}` must be a folder or file inside the statement repository, written relative to partnership.toml (no `..`, not absolute)"
                ),
            ));
        }
        Ok(path.to_path_buf())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn defaults() {
        let c = parse("[partnership]\nname = \"X\"\n").unwrap();
        assert_eq!(c.statement.word_limit, 5000);
        assert_eq!(c.evidence.prefix, "E");
        assert_eq!(
            c.evidence.reference_style,
            psdoc_evidence::ReferenceStyle::Any
        );
        assert_eq!(c.privacy.small_number_threshold, 5);
    }

    #[test]
    fn unknown_key_names_line_and_key() {
        let e = err("[partnership]\nname = \"X\"\n\n[statement]\nwordlimit = 4000\n");
        assert!(e.starts_with("partnership.toml:5:1:"), "{e}");
        assert!(e.contains("wordlimit"), "{e}");
    }

    #[test]
    fn wrong_type_names_key() {
        let e = err("[statement]\nword_limit = \"five thousand\"\n");
        assert!(e.starts_with("partnership.toml:2:"), "{e}");
        assert!(e.contains("statement.word_limit"), "{e}");
    }

    #[test]
    fn bad_values() {
        assert!(err("[statement.budgets]\ndatas = 3\n").contains("not a section key"));
        assert!(
            err("[rules]\nstale-evidenc = \"off\"\n").contains("did you mean `stale-evidence`")
        );
        assert!(err("[rules]\nword-limit = \"loud\"\n").starts_with("partnership.toml:2:"));
        assert!(err("[evidence]\nlog = \"../log.toml\"\n").contains("inside the statement"));
        assert!(
            err("[partnership]\nsubmission = 2025-03-14T10:00:00\n").contains("must be a date")
        );
        assert!(
            err("[[privacy.pattern]]\nname = \"x\"\nregex = '('\n")
                .starts_with("partnership.toml:3:")
        );
        assert!(err("[evidence.not_applicable]\n14 = \"no\"\n").contains("1 to 13"));
        let e = err("[evidence]\nprefix = \"E\"\nreference_style = \"square\"\n");
        assert!(
            e.starts_with("partnership.toml:3:19:")
                && e.contains("`evidence.reference_style`")
                && e.contains("\"brackets\""),
            "{e}"
        );
        let e = err("[evidence]\nreference_style = 1\n");
        assert!(
            e.starts_with("partnership.toml:2:") && e.contains("evidence.reference_style"),
            "{e}"
        );
        // Patterns the detector refuses, at their line.
        let e = err("[[privacy.pattern]]\nname = \"x\"\nregex = 'x*'\n");
        assert!(
            e.starts_with("partnership.toml:3:9:") && e.contains("matches empty text"),
            "{e}"
        );
        let e = err("[[privacy.pattern]]\nname = \"chi\"\nregex = 'SW'\n");
        assert!(
            e.starts_with("partnership.toml:3:9:") && e.contains("built-in kind"),
            "{e}"
        );
    }

    #[test]
    fn allow_entries() {
        let c = parse(
            "[privacy]\nallow = [\"0131 529 3030\"]\nexclude = [\"crates/\"]\n[[privacy.allow]]\nfile = \"evidence/files/q4.xlsx\"\ntext = \"3\"\nrule = \"small-number\"\nreason = \"published figure\"\n",
        );
        // A plain list and a table of entries cannot share the key in TOML: say how to
        // write both.
        let e = c.unwrap_err().to_string();
        assert!(
            e.starts_with("partnership.toml:4:") && e.contains("allow = [\""),
            "{e}"
        );
        let c = parse(
            "[privacy]\nallow = [\"0131 529 3030\", { file = \"a.xlsx\", reason = \"x\" }]\n",
        )
        .unwrap();
        assert_eq!(c.privacy.allow, ["0131 529 3030"]);
        assert_eq!(c.privacy.file_allows[0].file, "a.xlsx");
        let c = parse(
            "[privacy]\nexclude = [\"crates/\"]\n\n[[privacy.allow]]\nfile = \"evidence/files/q4.xlsx\"\ntext = \"3\"\nrule = \"small-number\"\nreason = \"published figure\"\n",
        )
        .unwrap();
        let a = &c.privacy.file_allows[0];
        assert_eq!(a.file, "evidence/files/q4.xlsx");
        assert_eq!(a.text.as_deref(), Some("3"));
        assert_eq!(a.line, 5);
        assert_eq!(c.privacy.exclude, ["crates/"]);
        let e = err("[[privacy.allow]]\nfile = \"a.xlsx\"\nreson = \"typo\"\n");
        assert!(
            e.starts_with("partnership.toml:3:1:") && e.contains("privacy.allow.reson"),
            "{e}"
        );
        let e =
            err("[[privacy.allow]]\nfile = \"a.xlsx\"\nrule = \"word-limit\"\nreason = \"x\"\n");
        assert!(
            e.starts_with("partnership.toml:3:8:") && e.contains("privacy.allow.rule"),
            "{e}"
        );
        let e = err("[[privacy.allow]]\nfile = \"a.xlsx\"\nkind = \"shoe-size\"\nreason = \"x\"\n");
        assert!(e.starts_with("partnership.toml:3:8:"), "{e}");
        let e = err("[[privacy.allow]]\nfile = \"../a.xlsx\"\nreason = \"x\"\n");
        assert!(e.starts_with("partnership.toml:2:8:"), "{e}");
        let e = err("[[privacy.allow]]\nfile = 3\nreason = \"x\"\n");
        assert!(e.starts_with("partnership.toml:2:8:"), "{e}");
        let e = err("[[privacy.allow]]\nfile = \"a.xlsx\"\n");
        assert!(e.contains("reason"), "{e}");
    }

    #[test]
    fn every_contract_key_is_accepted() {
        let c = parse(include_str!("../../../../tests/data/every-key.toml")).unwrap();
        assert_eq!(c.rules["stale-evidence"], None);
        assert_eq!(c.limits.max_file_bytes, 10 << 20);
        assert_eq!(c.limits.max_pdf_pages, 100);
        assert_eq!(
            parse("[evidence]\nreference_style = \"brackets\"\n")
                .unwrap()
                .evidence
                .reference_style,
            psdoc_evidence::ReferenceStyle::Brackets
        );
        assert_eq!(c.statement.budgets[&SectionKey::DATA], 900);
        assert_eq!(
            c.evidence.not_applicable[&1],
            "Children's services are not delegated to the IJB"
        );
    }
}

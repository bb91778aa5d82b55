//! From a read document to chapters: the log table taken out, evidence
//! references made `[E12]`, and the text split into one chapter per
//! required section at the guidance's headings, recognised as `psdoc
//! check` recognises them (numbered, reworded within the rules, combined).

use std::collections::BTreeMap;

use psdoc_core::heading::HeadingMatch;
use psdoc_core::model::markdown::parse_chapter;
use psdoc_guidance::Profile;

use crate::log_table::{self, Entry};
use crate::markdown;
use crate::model::{Block, Gap, Run, Source, plain};
use crate::references::{Known, Patterns, first_url};

/// A chapter of the new book.
#[derive(Debug, Clone)]
pub struct Chapter {
    /// The required section's key (`context`), or `None` for text before
    /// the first required heading.
    pub key: Option<String>,
    /// The title in `SUMMARY.md`: the heading as written.
    pub title: String,
    /// The file name's stem (`context`, `introduction`).
    pub stem: String,
    pub markdown: String,
    /// Words, counted as `psdoc count` counts them.
    pub words: usize,
}

/// Where the log came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogSource {
    /// A table in the statement itself.
    Table,
    /// The `--log` file.
    File,
    /// Hyperlinks and footnotes on the references (numbers and addresses only).
    References,
    None,
}

/// The converted statement.
#[derive(Debug, Clone)]
pub struct Converted {
    pub chapters: Vec<Chapter>,
    pub log: Vec<Entry>,
    pub log_source: LogSource,
    /// What was not converted, with the section it is in.
    pub gaps: Vec<(Gap, String)>,
    /// Footnotes made into evidence references.
    pub footnote_references: usize,
}

/// Converts a read document; `log_file`: entries from `--log`.
pub fn convert(
    mut source: Source,
    prefix: &str,
    profile: &Profile,
    log_file: Option<Vec<Entry>>,
) -> Converted {
    let patterns = Patterns::new(prefix);
    // 1. The log: the --log file, else a log table in the statement (which
    //    is taken out of the text either way: the log is its own document).
    let mut table_log = None;
    let mut i = 0;
    while i < source.blocks.len() {
        if let Block::Table { rows } = &source.blocks[i] {
            let text: Vec<Vec<String>> = rows
                .iter()
                .map(|r| r.iter().map(|c| plain(c).trim().to_owned()).collect())
                .collect();
            if let Some(entries) =
                log_table::read_table(&text, prefix, profile).filter(|e| !e.is_empty())
            {
                table_log.get_or_insert(entries);
                source.blocks.remove(i);
                // Its heading ("Document log", "Appendix 1: evidence log") goes too.
                if i > 0
                    && let Block::Heading { runs, .. } = &source.blocks[i - 1]
                    && profile.match_heading(&plain(runs)).is_none()
                    && plain(runs).to_lowercase().contains("log")
                {
                    source.blocks.remove(i - 1);
                    i -= 1;
                }
                continue;
            }
        }
        i += 1;
    }
    let (mut log, mut log_source) = match (log_file, table_log) {
        (Some(entries), _) => (entries, LogSource::File),
        (None, Some(entries)) => (entries, LogSource::Table),
        (None, None) => (Vec::new(), LogSource::None),
    };
    let mut known = Known {
        prefix: prefix.to_owned(),
        documents: log
            .iter()
            .map(|e| (e.id, (e.title.clone(), e.url.clone())))
            .collect(),
    };
    let had_log = known.has_log();

    // 2. Links on references give documents their address; footnotes that
    //    point to documents become references.
    let mut addresses: BTreeMap<u64, String> = BTreeMap::new();
    let mut footnote_references = 0;
    let notes = source.footnotes.clone();
    for block in &mut source.blocks {
        for runs in block_runs(block) {
            let mut out: Vec<Run> = Vec::with_capacity(runs.len());
            for mut run in std::mem::take(runs) {
                if let Some(url) = &run.link
                    && patterns.is_reference_text(&run.text)
                {
                    if let [id] = patterns.numbers(&run.text).as_slice() {
                        addresses.entry(*id).or_insert_with(|| url.clone());
                    }
                    run.link = None;
                }
                if let Some(n) = run.footnote {
                    let text = notes.get(n - 1).map(|r| plain(r)).unwrap_or_default();
                    let mut ids = patterns.footnote_documents(&text, &known);
                    if ids.is_none()
                        && !had_log
                        && let Some(url) = first_url(&text)
                    {
                        let id = known.documents.keys().max().copied().unwrap_or(0) + 1;
                        let title = text.replace(&url, "");
                        let title = title
                            .trim()
                            .trim_matches([',', '.', ':', ';', '-', ' '])
                            .to_owned();
                        let title = if title.is_empty() {
                            format!("Document {prefix}{id}")
                        } else {
                            title
                        };
                        known
                            .documents
                            .insert(id, (title.clone(), Some(url.clone())));
                        log.push(Entry {
                            id,
                            title,
                            url: Some(url),
                            supplied: false,
                            date: None,
                            core: Vec::new(),
                        });
                        log_source = LogSource::References;
                        ids = Some(vec![id]);
                    }
                    if let Some(ids) = ids {
                        footnote_references += 1;
                        let needs_space = out
                            .last()
                            .is_some_and(|r| !r.text.ends_with(char::is_whitespace));
                        let list: Vec<String> =
                            ids.iter().map(|i| format!("{prefix}{i}")).collect();
                        out.push(Run::text(format!(
                            "{}[{}]",
                            if needs_space { " " } else { "" },
                            list.join(", ")
                        )));
                        continue;
                    }
                }
                out.push(run);
            }
            *runs = merge(out);
        }
    }
    // 3. `(E12)` and bare `E12` in the prose.
    for block in &mut source.blocks {
        if let Block::Markdown(text) = block {
            *text = patterns.normalise(text, &known);
        }
        for runs in block_runs(block) {
            for run in runs.iter_mut().filter(|r| r.link.is_none()) {
                run.text = patterns.normalise(&run.text, &known);
            }
        }
    }
    // Addresses found on references fill the log's gaps, or make a log.
    for entry in &mut log {
        if entry.url.is_none()
            && !entry.supplied
            && let Some(url) = addresses.get(&entry.id)
        {
            entry.url = Some(url.clone());
        }
    }
    if log.is_empty() && !addresses.is_empty() {
        log_source = LogSource::References;
        log = addresses
            .iter()
            .map(|(&id, url)| Entry {
                id,
                title: format!("Document {prefix}{id} (title to be added)"),
                url: Some(url.clone()),
                supplied: false,
                date: None,
                core: Vec::new(),
            })
            .collect();
    }
    log.sort_by_key(|e| e.id);
    log.dedup_by_key(|e| e.id);

    // 4. Chapters at the required headings.
    let (chapters, gaps) = split(&source, profile);
    Converted {
        chapters,
        log,
        log_source,
        gaps,
        footnote_references,
    }
}

/// Adjacent runs with the same formatting as one (a reference whose
/// numbers were links, `[` `E3` `, ` `E12` `]`, reads as `[E3, E12]`).
fn merge(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for run in runs {
        if let Some(last) = out.last_mut()
            && last.footnote.is_none()
            && run.footnote.is_none()
            && !run.line_break
            && (last.bold, last.italic, last.strike) == (run.bold, run.italic, run.strike)
            && last.link == run.link
        {
            last.text.push_str(&run.text);
            continue;
        }
        out.push(run);
    }
    out
}

/// Every run list of a block (a heading, a paragraph, each table cell).
fn block_runs(block: &mut Block) -> Vec<&mut Vec<Run>> {
    match block {
        Block::Heading { runs, .. } | Block::Paragraph { runs, .. } => vec![runs],
        Block::Table { rows } => rows.iter_mut().flatten().collect(),
        Block::Markdown(_) | Block::Note(_) => Vec::new(),
    }
}

struct Pending {
    key: Option<String>,
    title: String,
    base: u8,
    blocks: Vec<Block>,
    /// The number of the paragraph that opens it (for gaps).
    first_paragraph: usize,
}

fn split(source: &Source, profile: &Profile) -> (Vec<Chapter>, Vec<(Gap, String)>) {
    let mut pending: Vec<Pending> = vec![Pending {
        key: None,
        title: "Introduction".into(),
        base: 1,
        blocks: Vec::new(),
        first_paragraph: 0,
    }];
    // Paragraph numbers of headings, to place gaps: counted as the readers count.
    let mut paragraph = 0;
    for block in &source.blocks {
        paragraph += match block {
            Block::Table { rows } => rows.iter().map(Vec::len).sum::<usize>(),
            _ => 1,
        };
        if let Block::Heading { level, runs } = block {
            let text = plain(runs);
            if let Some(found) = profile.match_heading(&text) {
                let key = match found {
                    HeadingMatch::Section(k) => k.key().to_owned(),
                    HeadingMatch::Combined => "achievements".to_owned(),
                };
                pending.push(Pending {
                    key: Some(key),
                    title: text.trim().to_owned(),
                    base: *level,
                    blocks: vec![block.clone()],
                    first_paragraph: paragraph,
                });
                continue;
            }
        }
        pending
            .last_mut()
            .expect("one at least")
            .blocks
            .push(block.clone());
    }
    // The introduction: its headings start at `#`, titled by its first.
    if let Some(intro) = pending.first_mut() {
        let levels = intro.blocks.iter().filter_map(|b| match b {
            Block::Heading { level, .. } => Some(*level),
            _ => None,
        });
        intro.base = levels.min().unwrap_or(1);
        if let Some(Block::Heading { runs, .. }) = intro.blocks.first() {
            intro.title = plain(runs).trim().to_owned();
        }
    }
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    let mut chapters = Vec::new();
    for p in &pending {
        let markdown = markdown::chapter(&p.blocks, p.base, &source.footnotes);
        let words: usize = parse_chapter(&markdown).units.iter().map(|u| u.words).sum();
        if p.key.is_none() && words == 0 {
            continue;
        }
        let base = p.key.clone().unwrap_or_else(|| "introduction".into());
        let n = used.entry(base.clone()).or_insert(0);
        *n += 1;
        let stem = if *n == 1 { base } else { format!("{base}-{n}") };
        chapters.push(Chapter {
            key: p.key.clone(),
            title: if p.title.is_empty() {
                "Introduction".into()
            } else {
                p.title.clone()
            },
            stem,
            markdown,
            words,
        });
    }
    let gaps = source
        .gaps
        .iter()
        .map(|g| {
            let section = pending
                .iter()
                .rev()
                .find(|p| p.first_paragraph <= g.paragraph)
                .map_or_else(|| "Introduction".to_owned(), |p| p.title.clone());
            (g.clone(), section)
        })
        .collect();
    (chapters, gaps)
}

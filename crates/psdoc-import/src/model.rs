//! What an imported document is made of, whatever it came from: headings,
//! paragraphs (some of them list items), tables and footnotes, each run of
//! text with its bold, italic and link; and the places that could not be
//! converted.

/// A document read from Word, OpenDocument or Markdown.
#[derive(Debug, Clone, Default)]
pub struct Source {
    pub blocks: Vec<Block>,
    /// Footnotes by their number in the document (1-based), as runs.
    pub footnotes: Vec<Vec<Run>>,
    /// The document's title from its properties, if any.
    pub title: Option<String>,
    pub gaps: Vec<Gap>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading {
        level: u8,
        runs: Vec<Run>,
    },
    Paragraph {
        runs: Vec<Run>,
        list: Option<ListItem>,
    },
    /// Rows of cells; the first row is the header.
    Table {
        rows: Vec<Vec<Vec<Run>>>,
    },
    /// Markdown written as it was (a `.md` import), kept verbatim.
    Markdown(String),
    /// A drafting note left where something could not be converted.
    Note(String),
}

/// A paragraph's place in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListItem {
    pub level: u8,
    pub ordered: bool,
}

/// A run of text with one formatting.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub link: Option<String>,
    /// A reference to footnote N (its text is in [`Source::footnotes`]).
    pub footnote: Option<usize>,
    /// A line break inside the paragraph.
    pub line_break: bool,
}

impl Run {
    pub fn text(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }
}

/// Something in the document that was not converted, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// "an image", "a text box", "a tracked change", "a comment".
    pub what: String,
    /// The paragraph's number in the document (1-based; table cells count).
    pub paragraph: usize,
    /// The paragraph's first words, so that it can be found.
    pub near: String,
    /// What was done, or what to do.
    pub action: String,
}

/// The plain text of runs (footnote markers left out).
pub fn plain(runs: &[Run]) -> String {
    let mut out = String::new();
    for run in runs {
        if run.line_break {
            out.push(' ');
        }
        out.push_str(&run.text);
    }
    out
}

//! A Markdown statement (`.md`, one file): kept as written, block by block,
//! and split into chapters at its headings like a Word file.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::model::{Block, Run, Source};

pub fn read(text: &str) -> Source {
    let mut source = Source::default();
    let mut depth = 0usize;
    let mut start = 0usize;
    let mut heading: Option<(u8, String)> = None;
    let parser = Parser::new_ext(text, psdoc_core::model::markdown::options());
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    start = range.start;
                    if let Tag::Heading { level, .. } = tag {
                        heading = Some((level as u8, String::new()));
                    }
                }
                depth += 1;
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    match (end, heading.take()) {
                        (TagEnd::Heading(_), Some((level, text))) => {
                            source.blocks.push(Block::Heading {
                                level,
                                runs: vec![Run::text(text)],
                            })
                        }
                        _ => source
                            .blocks
                            .push(Block::Markdown(text[start..range.end].to_owned())),
                    }
                }
            }
            Event::Text(t) | Event::Code(t) if heading.is_some() => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak if heading.is_some() => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push(' ');
                }
            }
            // Top-level HTML (drafting notes) and rules are kept as written.
            Event::Html(_) | Event::Rule if depth == 0 => {
                source
                    .blocks
                    .push(Block::Markdown(text[range].trim_end().to_owned()));
            }
            _ => {}
        }
    }
    source
}

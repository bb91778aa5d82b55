//! Small helpers over quick-xml's streaming reader, shared by the Office formats.

use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};

use crate::zipped::MemberError;

/// Deeper nesting than any real Office part (tables in tables stay far below it).
/// quick-xml keeps the name of every open element, so unbounded nesting would
/// cost memory several times the member's size.
const MAX_DEPTH: usize = 2048;

/// Reads the next event, keeping count of how deep the reader is.
pub(crate) fn next<'b>(
    xml: &mut Reader<&mut dyn BufRead>,
    buf: &'b mut Vec<u8>,
    depth: &mut usize,
) -> Result<Event<'b>, MemberError> {
    let event = xml.read_event_into(buf).map_err(malformed)?;
    match &event {
        Event::Start(_) => {
            *depth += 1;
            if *depth > MAX_DEPTH {
                return Err(MemberError::Malformed(format!(
                    "elements nested more than {MAX_DEPTH} deep"
                )));
            }
        }
        Event::End(_) => *depth = depth.saturating_sub(1),
        _ => {}
    }
    Ok(event)
}

/// A lenient streaming reader: Office files are machine-written, but not always
/// by Microsoft, so end-tag mismatches are tolerated.
pub(crate) fn reader(input: &mut dyn BufRead) -> Reader<&mut dyn BufRead> {
    let mut reader = Reader::from_reader(input);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.expand_empty_elements = false;
    config.trim_text(false);
    reader
}

/// The name without its namespace prefix: `t` for `w:t`.
pub(crate) fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

/// The element's local name, owned.
pub(crate) fn name_of(e: &BytesStart<'_>) -> String {
    local(e.name().as_ref()).to_owned()
}

/// The value of the attribute whose local name is `want` (`descr` matches `descr`
/// and `wp:descr`), entities resolved.
pub(crate) fn attr(e: &BytesStart<'_>, want: &str) -> Option<String> {
    for a in e.attributes().with_checks(false).flatten() {
        if local(a.key.as_ref()) == want {
            return a
                .normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned());
        }
    }
    None
}

/// Appends the text of `&amp;` or `&#x41;` to `out`.
pub(crate) fn push_ref(r: &BytesRef<'_>, out: &mut String) {
    match r.resolve_char_ref() {
        Ok(Some(c)) => out.push(c),
        Ok(None) => {
            if let Some(s) = resolve_predefined_entity(r) {
                out.push_str(s);
            }
        }
        Err(_) => {}
    }
}

pub(crate) fn malformed(e: quick_xml::Error) -> MemberError {
    MemberError::Malformed(e.to_string())
}

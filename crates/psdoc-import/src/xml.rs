//! A small tree of an XML part (element names without their namespace
//! prefix, attributes, text), read with quick-xml within limits: a Word
//! statement's parts are small, and a tree keeps the readers simple.

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};

/// Deeper nesting than any real document (tables in tables stay far below).
const MAX_DEPTH: usize = 512;

#[derive(Debug, Clone, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// The attribute whose local name is `name` (`w:val` is `val`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The first element named `name` anywhere below.
    pub fn find(&self, name: &str) -> Option<&Element> {
        for e in self.elements() {
            if e.name == name {
                return Some(e);
            }
            if let Some(found) = e.find(name) {
                return Some(found);
            }
        }
        None
    }

    /// Every element named `name` anywhere below, in document order.
    pub fn find_all<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            }
            e.find_all(name, out);
        }
    }

    /// The trimmed text of the first `title` element below (a document's
    /// title in its properties), unless it is blank.
    pub fn title(&self) -> Option<String> {
        self.find("title")
            .map(|t| t.text().trim().to_owned())
            .filter(|t| !t.is_empty())
    }

    /// All text below, in order.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.push_text(&mut out);
        out
    }

    fn push_text(&self, out: &mut String) {
        for n in &self.children {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.push_text(out),
            }
        }
    }

    /// A flag such as `<w:b/>` or `<w:b w:val="true"/>` (off when
    /// `val` is `0`, `false` or `none`).
    pub fn flag(&self, name: &str) -> bool {
        self.child(name)
            .is_some_and(|e| !matches!(e.attr("val"), Some("0" | "false" | "none" | "off")))
    }
}

fn local(name: &str) -> String {
    name.rsplit_once(':').map_or(name, |(_, l)| l).to_owned()
}

fn element(e: &BytesStart<'_>) -> Element {
    Element {
        name: local(e.name().as_ref()),
        attrs: e
            .attributes()
            .with_checks(false)
            .flatten()
            .map(|a| {
                (
                    local(a.key.as_ref()),
                    a.normalized_value(XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_default(),
                )
            })
            .collect(),
        children: Vec::new(),
    }
}

/// Parses a whole part. `Err` says what is wrong, without quoting it.
pub fn parse(bytes: &[u8]) -> Result<Element, String> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.trim_text(false);
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("malformed XML: {e}"))?;
        let depth = stack.len();
        let top = stack.last_mut().expect("the root stays");
        match event {
            Event::Start(e) => {
                if stack.len() > MAX_DEPTH {
                    return Err(format!("elements nested more than {MAX_DEPTH} deep"));
                }
                stack.push(element(&e));
            }
            Event::Empty(e) => top.children.push(Node::Element(element(&e))),
            Event::End(_) if depth > 1 => close(&mut stack),
            Event::End(_) => {}
            Event::Text(t) => push_text(top, &t.xml10_content()),
            Event::CData(t) => push_text(top, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let mut text = String::new();
                match r.resolve_char_ref() {
                    Ok(Some(c)) => text.push(c),
                    _ => {
                        if let Some(s) = resolve_predefined_entity(&r) {
                            text.push_str(s);
                        }
                    }
                }
                push_text(top, &text);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    while stack.len() > 1 {
        close(&mut stack);
    }
    let mut root = stack.pop().expect("the root");
    match root
        .children
        .iter()
        .position(|n| matches!(n, Node::Element(_)))
    {
        Some(i) => match root.children.swap_remove(i) {
            Node::Element(e) => Ok(e),
            Node::Text(_) => unreachable!(),
        },
        None => Err("no XML element".into()),
    }
}

/// Closes the innermost open element: it becomes its parent's last child.
/// The stack holds the element and its parent.
fn close(stack: &mut Vec<Element>) {
    let done = stack.pop().expect("an element above the root");
    stack
        .last_mut()
        .expect("the root stays")
        .children
        .push(Node::Element(done));
}

fn push_text(top: &mut Element, text: &str) {
    if let Some(Node::Text(last)) = top.children.last_mut() {
        last.push_str(text);
    } else {
        top.children.push(Node::Text(text.to_owned()));
    }
}

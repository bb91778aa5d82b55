//! What belongs to a page besides its content: the resource dictionaries that apply to
//! it, and the text of its annotations and form fields.

use lopdf::{Dictionary, Document, Object};

use crate::text::push_document_text;

/// The resource dictionaries that apply to a page, nearest first.
pub(super) fn page_resources(doc: &Document, page_id: lopdf::ObjectId) -> Vec<&Dictionary> {
    let mut list = Vec::new();
    if let Ok((direct, ids)) = doc.get_page_resources(page_id) {
        list.extend(direct);
        for id in ids {
            if let Ok(d) = doc.get_dictionary(id) {
                list.push(d);
            }
        }
    }
    list
}

/// Text in the page's annotations: comments (`/Contents`) and form-field values (`/V`).
pub(super) fn annotation_texts(doc: &Document, page_id: lopdf::ObjectId) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(annotations) = doc.get_page_annotations(page_id) else {
        return out;
    };
    for annotation in annotations.into_iter().take(10_000) {
        let mut values = Vec::new();
        if let Ok(contents) = annotation.get_deref(b"Contents", doc) {
            values.push(contents);
        }
        let is_widget = annotation
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|s| s == b"Widget");
        if is_widget {
            if let Ok(v) = annotation.get_deref(b"V", doc) {
                values.push(v);
            } else if let Ok(parent) = annotation
                .get_deref(b"Parent", doc)
                .and_then(Object::as_dict)
                && let Ok(v) = parent.get_deref(b"V", doc)
            {
                values.push(v);
            }
        }
        for value in values {
            let text = match value {
                Object::String(..) => lopdf::decode_text_string(value).unwrap_or_default(),
                Object::Array(items) => items
                    .iter()
                    .filter_map(|i| lopdf::decode_text_string(i).ok())
                    .collect::<Vec<_>>()
                    .join(" "),
                _ => String::new(),
            };
            for line in text.split(['\r', '\n']) {
                let mut clean = String::new();
                push_document_text(&mut clean, line);
                let clean = clean.trim();
                if !clean.is_empty() {
                    out.push(clean.to_owned());
                }
            }
        }
    }
    out
}

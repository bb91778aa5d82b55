"""Facts about a Word file, read with python-docx (independent of psdoc):
printed as JSON for tests/e2e/export.rs. Usage: python3 docx_facts.py FILE.docx"""
import json
import sys

import docx
from docx.oxml.ns import qn

d = docx.Document(sys.argv[1])
headings = [[p.style.name, p.text] for p in d.paragraphs if p.style.name.startswith("Heading")]
tables = []
for t in d.tables:
    first = t.rows[0]._tr
    tr_pr = first.find(qn("w:trPr"))
    tables.append({
        "rows": len(t.rows),
        "header_repeats": tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None,
        "header": [c.text for c in t.rows[0].cells],
    })
rels = d.part.rels
links = []
for h in d.element.body.iter(qn("w:hyperlink")):
    rid = h.get(qn("r:id"))
    text = "".join(t.text or "" for t in h.iter(qn("w:t")))
    links.append([text, rels[rid].target_ref if rid in rels else None])
print(json.dumps({
    "headings": headings,
    "tables": tables,
    "links": links,
    "title": d.core_properties.title,
    "language": d.core_properties.language,
    "created": d.core_properties.created.isoformat() if d.core_properties.created else None,
    "styles": sorted({p.style.name for p in d.paragraphs}),
}))

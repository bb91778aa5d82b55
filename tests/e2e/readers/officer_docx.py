"""Writes a position statement the way an officer makes one in Word (with
python-docx, then Word's own XML for what python-docx cannot add: a
footnote and a tracked change). Usage: python3 officer_docx.py OUT.docx"""
import io
import struct
import sys
import zipfile
import zlib

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

out = sys.argv[1]
d = docx.Document()
d.core_properties.title = "Loch Ard Community Planning Partnership: position statement"
d.add_paragraph("Loch Ard Community Planning Partnership: Position Statement", style="Title")
d.add_paragraph("This statement was agreed by the Chief Officers' Group [E1].")

d.add_heading("1. Context of children's services", level=1)
d.add_paragraph("Loch Ard has around 27,900 children; the CPC reports to the COG (E1).")
d.add_heading("2. Response to COVID-19", level=1)
d.add_paragraph("Partners kept visits going throughout the pandemic [E2].")

d.add_heading("3. What Your Data Is Telling You", level=1)
d.add_paragraph("Interagency referral discussions rose by 12% (E1).")
p = d.add_paragraph("We review the data ")
p.add_run("quarterly").bold = True
p.add_run(" with partners. Re-registrations fell sharply E2 over two years.")
marked = d.add_paragraph("Audits confirm the picture.")
d.add_paragraph("Health took part in more IRDs", style="List Bullet")
d.add_paragraph("Plans were more timely", style="List Bullet")
table = d.add_table(rows=3, cols=3)
for r, row in enumerate([["Measure", "2023-24", "2024-25"], ["IRDs held", "655", "702"], ["Within 24 hours", "84%", "89%"]]):
    for c, text in enumerate(row):
        table.cell(r, c).text = text

# A one-pixel image, as pasted from a chart.
def png():
    raw = b"\x00\xff\xff\xff"
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
d.add_paragraph("The chart shows the trend.").add_run().add_picture(io.BytesIO(png()))

commented = d.add_paragraph("Children say they feel listened to.")
commented._p.insert(1, parse_xml(f'<w:commentRangeStart {nsdecls("w")} w:id="0"/>'))
commented._p.append(parse_xml(f'<w:commentRangeEnd {nsdecls("w")} w:id="0"/>'))
commented._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:commentReference w:id="0"/></w:r>'))

d.add_heading("4. Children and young people’s involvement & feedback", level=1)
changed = d.add_paragraph("Young people helped write the plan.")
changed._p.append(parse_xml(
    f'<w:ins {nsdecls("w")} w:id="901" w:author="Officer" w:date="2026-01-10T10:00:00Z">'
    '<w:r><w:t xml:space="preserve"> They chair the forum.</w:t></w:r></w:ins>'))
d.add_heading("5. Quality Assurance and evaluative activity", level=1)
d.add_paragraph("A multi-agency audit found good practice (E3).")
d.add_heading("6. Collaborative strategic and operational leadership", level=1)
d.add_paragraph("Chief officers meet quarterly and scrutinise the data set.")
d.add_heading("Key achievements and areas for improvement", level=1)
d.add_heading("Bairns' Hoose", level=2)
d.add_paragraph("Children give evidence once.")
d.add_heading("Our capacity for improvement", level=2)
d.add_paragraph("Our capacity for improvement is good, informed by QI 10.")

d.add_heading("Appendix: Document log", level=1)
log = d.add_table(rows=4, cols=5)
for r, row in enumerate([
    ["No.", "Document", "Date", "Core document", "Link"],
    ["E1", "Children's services plan 2023-26", "01/04/2023", "6; 8", "https://www.lochard.gov.uk/plan.pdf"],
    ["E2", "CPC annual report 2024-25", "30 September 2025", "6", "https://www.lochard.gov.uk/cpc.pdf"],
    ["E3", "Multi-agency audit report", "2025-11-01", "5", "Supplied file"],
]):
    for c, text in enumerate(row):
        log.cell(r, c).text = text

d.save(out)

# A footnote pointing to a document, as Word writes one.
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {W}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> E3 Multi-agency audit report, 2025</w:t></w:r></w:p></w:footnote>'
    '</w:footnotes>')
src = zipfile.ZipFile(out)
parts = {n: src.read(n) for n in src.namelist()}
src.close()
body = parts["word/document.xml"].decode()
anchor = "Audits confirm the picture.</w:t></w:r>"
assert anchor in body
body = body.replace(anchor, anchor + '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>', 1)
parts["word/document.xml"] = body.encode()
parts["word/footnotes.xml"] = footnotes.encode()
rels = parts["word/_rels/document.xml.rels"].decode()
parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>",
    '<Relationship Id="rIdFoot" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>').encode()
types = parts["[Content_Types].xml"].decode()
if "/word/footnotes.xml" not in types:
    types = types.replace("</Types>", '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
types = types.replace("</Types>", '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>')
parts["[Content_Types].xml"] = types.encode()
parts["word/comments.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {W}>'
    '<w:comment w:id="0" w:author="Lead officer" w:initials="LO"><w:p><w:r><w:t>Check this with the youth forum</w:t></w:r></w:p></w:comment></w:comments>').encode()
parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].decode().replace("</Relationships>",
    '<Relationship Id="rIdComm" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>').encode()
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for n, b in parts.items():
        z.writestr(n, b)

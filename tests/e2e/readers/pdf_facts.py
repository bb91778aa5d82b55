"""Facts about a PDF, read with pikepdf (independent of Typst): printed as JSON
for tests/e2e/export.rs. Usage: python3 pdf_facts.py FILE.pdf"""
import json
import sys

import pikepdf

pdf = pikepdf.open(sys.argv[1])
root = pdf.Root


def name(obj):
    return str(obj)[1:] if obj is not None else None


struct_types = {}
def walk(node, depth=0):
    if depth > 200:
        return
    if isinstance(node, pikepdf.Array):
        for k in node:
            walk(k, depth + 1)
        return
    if not isinstance(node, pikepdf.Dictionary):
        return
    s = node.get("/S")
    if s is not None:
        struct_types[name(s)] = struct_types.get(name(s), 0) + 1
    if "/K" in node:
        walk(node["/K"], depth + 1)

tree = root.get("/StructTreeRoot")
if tree is not None:
    walk(tree.get("/K"))

outline = []
with pdf.open_outline() as o:
    def visit(items, level):
        for item in items:
            outline.append([level, str(item.title)])
            visit(item.children, level + 1)
    visit(o.root, 1)

links = []
for number, page in enumerate(pdf.pages, start=1):
    for annot in page.obj.get("/Annots", []):
        if annot.get("/Subtype") == "/Link":
            action = annot.get("/A")
            uri = str(action.get("/URI")) if action is not None and "/URI" in action else None
            links.append([number, uri])

def embedded(font):
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0]
    d = font.get("/FontDescriptor")
    return d is not None and any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))

fonts = sorted({(str(f.get("/BaseFont")), embedded(f))
                for page in pdf.pages
                for f in page.obj.get("/Resources", {}).get("/Font", {}).values()})

with pdf.open_metadata() as meta:
    xmp_title = meta.get("dc:title")
    pdfua = meta.get("pdfuaid:part")

print(json.dumps({
    "pages": len(pdf.pages),
    "lang": str(root.get("/Lang")),
    "marked": bool(root.get("/MarkInfo", {}).get("/Marked", False)),
    "display_doc_title": bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)),
    "title": str(pdf.docinfo.get("/Title")),
    "creation_date": str(pdf.docinfo.get("/CreationDate")),
    "xmp_title": xmp_title,
    "pdfua_part": pdfua,
    "struct_types": struct_types,
    "outline": outline,
    "links": links,
    "fonts": [[n, e] for n, e in fonts],
}))

#!/usr/bin/env python3
"""Deterministic workloads for the speed benchmarks of issue 18 (no network).

    benches/workloads.py statement DIR PSDOC
        a statement repository (made with `PSDOC init`): 4,900 words in eight
        chapters, a 150-entry log, 24 evidence files (12 Word .docx, 12 PDF) of a
        few pages each, some with planted identifiers.
    benches/workloads.py prose DIR SIZE_MB SHARE
        SIZE_MB files of 1 MiB of statement-like prose; SHARE of the paragraphs
        (0.2: one in five; 0: none) end with a planted identifier: CHI numbers
        and NHS numbers with valid check digits, NI numbers, postcodes, phone
        numbers, e-mail addresses and dates of birth, each different.
    benches/workloads.py history DIR
        a git repository of a statement with three yearly tags (y2023, y2024,
        y2025): each year edits every chapter, renumbers the headings and moves a
        section from one file to another.

Word files are written as OOXML zips by hand (python-docx is not needed); PDFs
are written by hand too (uncompressed text streams, Helvetica).
"""
import os
import random
import subprocess
import sys
import zipfile

SENTENCES = [
    "The partnership\u2019s child protection committee reviewed {n} initial referral discussions in 2023\u201324, a rise of {p}% on the previous year.",
    "Children and young people told us that \u201chaving one worker who knows my story\u201d mattered most.",
    "Multi-agency chronologies were of a good quality in {p}% of the {n} records read during the audit.",
    "The Chief Officers\u2019 Group met on {d} March 2025 and agreed the priorities for 2025\u201326.",
    "Neglect remains the most common concern identified at registration \u2014 {p}% of registrations in Q{q}.",
    "Practitioners from health, education, police and social work took part in {n} learning sessions.",
    "We improved the timeliness of child protection planning meetings, with {p}% held within 28 days.",
    "Families said that plans were easier to understand when written with them rather than for them.",
]

TITLES = [
    ("context", "Context of children's services"),
    ("covid", "Response to Covid-19"),
    ("data", "What your data is telling you"),
    ("involvement", "Children and young people's involvement and feedback"),
    ("quality-assurance", "Quality assurance and evaluative activity"),
    ("leadership", "Collaborative strategic and operational leadership"),
    ("achievements", "Key achievements"),
    ("improvement", "Areas for improvement"),
]


def sentence(rng):
    return rng.choice(SENTENCES).format(
        n=rng.randint(5, 900), p=rng.randint(1, 99), d=rng.randint(1, 28), q=rng.randint(1, 4)
    )


# ---------------------------------------------------------------- identifiers

def chi(rng):
    while True:
        d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(0, 99)
        body = f"{d:02d}{m:02d}{y:02d}{rng.randint(0, 999):03d}"
        total = sum(int(c) * w for c, w in zip(body, range(10, 1, -1)))
        check = 11 - total % 11
        if check == 11:
            check = 0
        if check != 10:
            return body + str(check)


def nhs(rng):
    while True:
        body = "".join(str(rng.randint(0, 9)) for _ in range(9))
        if body[0] == "0":
            continue
        total = sum(int(c) * w for c, w in zip(body, range(10, 1, -1)))
        check = 11 - total % 11
        if check == 11:
            check = 0
        if check != 10:
            n = body + str(check)
            return f"{n[:3]} {n[3:6]} {n[6:]}"


def ni(rng):
    first = "ABCEGHJKLMNPRSTWXYZ"
    second = "ABCEGHJKLMNPRSTWXYZ"
    while True:
        pre = rng.choice(first) + rng.choice(second)
        if pre not in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
            break
    digits = "".join(str(rng.randint(0, 9)) for _ in range(6))
    return f"{pre} {digits[:2]} {digits[2:4]} {digits[4:]} {rng.choice('ABCD')}"


def postcode(rng):
    area = rng.choice(["EH", "G", "KY", "FK", "DD", "AB", "PA", "ML"])
    return f"{area}{rng.randint(1, 40)} {rng.randint(0, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"


def phone(rng):
    return rng.choice([
        f"07700 900{rng.randint(0, 999):03d}",
        f"0131 496 {rng.randint(0, 9999):04d}",
        f"01592 {rng.randint(100000, 999999)}",
    ])


FIRST = ["rory", "ailsa", "kirsty", "callum", "morag", "euan", "fiona", "hamish", "isla", "lewis"]
LAST = ["mcneill", "fraser", "campbell", "stewart", "macleod", "robertson", "grant", "munro"]


def email(rng):
    return f"{rng.choice(FIRST)}.{rng.choice(LAST)}{rng.randint(1, 99)}@example.org"


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def dob(rng):
    if rng.random() < 0.5:
        return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2006, 2020)}"
    return f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2006, 2020)}"


# The sentences an identifier is planted in, one a kind.
PLANTED = [
    lambda rng: f"Her CHI {chi(rng)} was on the referral form.",
    lambda rng: f"His NHS number {nhs(rng)} was in the health chronology.",
    lambda rng: f"NI number {ni(rng)} was recorded for the parent.",
    lambda rng: f"The family moved to {postcode(rng)} in the spring.",
    lambda rng: f"Call the carer on {phone(rng)}.",
    lambda rng: f"Write to {email(rng)} for the case notes.",
    lambda rng: f"The child was born on {dob(rng)} in the area.",
]


def planted(rng):
    return PLANTED[rng.randrange(len(PLANTED))](rng)


def paragraph(rng, share, sentences=5):
    s = " ".join(sentence(rng) for _ in range(sentences))
    if share and rng.random() < share:
        s += " " + planted(rng)
    return s


# ---------------------------------------------------------------- prose

def prose(root, size_mb, share):
    rng = random.Random(18)
    os.makedirs(root, exist_ok=True)
    for i in range(size_mb):
        parts, size = [], 0
        while size < (1 << 20):
            p = (paragraph(rng, share) + "\n\n").encode()
            parts.append(p)
            size += len(p)
        data = b"".join(parts)[: 1 << 20]
        d = os.path.join(root, f"part{i // 100:02d}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"doc{i:04d}.txt"), "wb") as f:
            f.write(data)


# ---------------------------------------------------------------- Word and PDF

def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_docx(path, title, paragraphs, table):
    body = [f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>{xml_escape(title)}</w:t></w:r></w:p>']
    for i, p in enumerate(paragraphs):
        if i % 8 == 7:
            body.append(f'<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Part {i // 8 + 1}</w:t></w:r></w:p>')
        body.append(f'<w:p><w:r><w:t xml:space="preserve">{xml_escape(p)}</w:t></w:r></w:p>')
    rows = []
    for row in table:
        cells = "".join(f'<w:tc><w:p><w:r><w:t>{xml_escape(c)}</w:t></w:r></w:p></w:tc>' for c in row)
        rows.append(f"<w:tr>{cells}</w:tr>")
    body.append(f"<w:tbl>{''.join(rows)}</w:tbl>")
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{''.join(body)}</w:body></w:document>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("[Content_Types].xml", content_types), ("_rels/.rels", rels),
                           ("word/document.xml", document)]:
            info = zipfile.ZipInfo(name, date_time=(2025, 6, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def pdf_text(s):
    s = s.encode("latin-1", "replace").decode("latin-1")
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def wrap(text, width=95):
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def write_pdf(path, title, paragraphs):
    ascii_map = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
    lines = [title, ""]
    for p in paragraphs:
        for k, v in ascii_map.items():
            p = p.replace(k, v)
        lines.extend(wrap(p))
        lines.append("")
    pages = [lines[i:i + 50] for i in range(0, len(lines), 50)]
    objects = []  # bodies; object n is objects[n - 1]
    n_pages = len(pages)
    # 1 catalog, 2 pages, 3 font, then (page, content) pairs
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, page in enumerate(pages):
        ops = ["BT", "/F1 10 Tf", "12 TL", "50 800 Td"]
        for line in page:
            ops.append(f"({pdf_text(line)}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += f"{i + 1} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    with open(path, "wb") as f:
        f.write(out)


# ---------------------------------------------------------------- statement

def statement(root, psdoc):
    rng = random.Random(4900)
    subprocess.run([psdoc, "init", root, "--name", "Benchmark Partnership"], check=True,
                   stdout=subprocess.DEVNULL)
    src = os.path.join(root, "book", "src")
    # 4,900 words: 8 chapters, each a heading and paragraphs of about 95 words.
    per_chapter = 4900 // len(TITLES)
    for slug, title in TITLES:
        words = len(title.split())
        paras = []
        while words < per_chapter - 45:
            p = " ".join(sentence(rng) for _ in range(4))
            refs = ", ".join(f"E{rng.randint(1, 150)}" for _ in range(rng.randint(1, 3)))
            p += f" [{refs}]"
            words += len(p.split()) - 1
            paras.append(p)
        with open(os.path.join(src, f"{slug}.md"), "w") as f:
            f.write(f"# {title}\n\n" + "\n\n".join(paras) + "\n")
    files = os.path.join(root, "evidence", "files")
    log = []
    for i in range(1, 151):
        entry = [f"[[document]]", f"id = {i}", f'title = "Document {i}"', "date = 2025-06-01"]
        if i <= 24:
            kind = "docx" if i % 2 else "pdf"
            name = f"evidence-{i:02d}.{kind}"
            entry.append(f'file = "{name}"')
            title = f"Evidence document {i}"
            paragraphs = [paragraph(rng, 0.1, sentences=4) for _ in range(40)]
            path = os.path.join(files, name)
            if kind == "docx":
                table = [["Quarter", "Children registered", "Children referred"]] + [
                    [f"Q{q}", str(rng.randint(10, 90)), str(rng.randint(20, 200))] for q in range(1, 5)
                ]
                write_docx(path, title, paragraphs, table)
            else:
                write_pdf(path, title, paragraphs)
        else:
            entry.append(f'url = "https://example.org/doc-{i}.pdf"')
        log.append("\n".join(entry) + "\n")
    with open(os.path.join(root, "evidence", "log.toml"), "w") as f:
        f.write("\n".join(log))


# ---------------------------------------------------------------- history

def run(root, *args, env=None):
    subprocess.run(["git", *args], cwd=root, check=True, stdout=subprocess.DEVNULL, env=env)


def history(root):
    rng = random.Random(2023)
    os.makedirs(os.path.join(root, "book", "src"), exist_ok=True)
    os.makedirs(os.path.join(root, "evidence"), exist_ok=True)
    run(root, "init", "-q", ".")
    run(root, "config", "user.name", "Bench")
    run(root, "config", "user.email", "bench@example.org")
    with open(os.path.join(root, "partnership.toml"), "w") as f:
        f.write('[partnership]\nname = "Bench Partnership"\nsubmission = 2026-03-20\n')
    with open(os.path.join(root, "book", "book.toml"), "w") as f:
        f.write('[book]\ntitle = "Bench"\n')
    with open(os.path.join(root, "evidence", "log.toml"), "w") as f:
        for i in range(1, 41):
            f.write(f'[[document]]\nid = {i}\ntitle = "Document {i}"\nurl = "https://example.org/{i}.pdf"\ndate = 2025-12-01\n\n')
    with open(os.path.join(root, "book", "src", "SUMMARY.md"), "w") as f:
        f.write("# Summary\n\n" + "".join(f"- [{t}]({s}.md)\n" for s, t in TITLES))
    # Each chapter: a title, then numbered sections of paragraphs.
    chapters = []
    for ci, (slug, title) in enumerate(TITLES):
        sections = []
        for si in range(4):
            paras = [" ".join(sentence(rng) for _ in range(rng.randint(2, 5))) + f" [E{rng.randint(1, 40)}]"
                     for _ in range(rng.randint(2, 4))]
            sections.append([f"{title.split()[0]} topic {ci}.{si}", paras])
        chapters.append([slug, title, sections])

    def write(year):
        for slug, title, sections in chapters:
            out = [f"# {title}", ""]
            for n, (heading, paras) in enumerate(sections, 1):
                out += [f"## {n}. {heading}", ""]
                for p in paras:
                    out += [p, ""]
            with open(os.path.join(root, "book", "src", f"{slug}.md"), "w") as f:
                f.write("\n".join(out))

    for year in (2023, 2024, 2025):
        if year > 2023:
            for _commit in range(12):  # a year of monthly commits
                for slug, title, sections in chapters:  # edits in every chapter
                    sec = rng.choice(sections)
                    k = rng.randrange(len(sec[1]))
                    words = sec[1][k].split()
                    words[rng.randrange(len(words))] = rng.choice(["earlier", "safer", "fewer", "joint", "local"])
                    if rng.random() < 0.3:
                        words.append(sentence(rng))
                    sec[1][k] = " ".join(words)
                write(year)
                run(root, "add", "-A")
                run(root, "commit", "-qm", f"Edit {year}-{_commit + 1}", env=dated(year, _commit))
            # a section moved from one chapter (file) to another
            src_ch, dst_ch = rng.sample(range(len(chapters)), 2)
            moved = chapters[src_ch][2].pop(rng.randrange(len(chapters[src_ch][2])))
            chapters[dst_ch][2].insert(rng.randrange(len(chapters[dst_ch][2]) + 1), moved)
            # a new section at the top of one chapter renumbers the headings after it
            ch = chapters[rng.randrange(len(chapters))]
            ch[2].insert(0, [f"New priority {year}", [" ".join(sentence(rng) for _ in range(3))]])
        write(year)
        run(root, "add", "-A")
        run(root, "commit", "-qm", f"Statement {year}", env=dated(year, 12))
        run(root, "tag", f"y{year}")


def dated(year, month):
    env = dict(os.environ)
    stamp = f"{year}-{min(month + 1, 12):02d}-15T12:00:00+0000"
    env["GIT_AUTHOR_DATE"] = stamp
    env["GIT_COMMITTER_DATE"] = stamp
    return env


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "statement":
        statement(sys.argv[2], sys.argv[3])
    elif what == "prose":
        prose(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
    elif what == "history":
        history(sys.argv[2])
    else:
        sys.exit(__doc__)

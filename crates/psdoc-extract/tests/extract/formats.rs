//! Each format gives up a planted sentence at the right place.

use psdoc_extract::{Format, Limits, Location, extract, supported_extensions};

use crate::fixtures::{self, Page, w_p, w_part};
use crate::{location_of, ok, texts};

const PLANTED: &str = "Kyle Smith, aged 9, lives at EH12 9DN";

#[test]
fn text_utf8_with_crlf_and_bom() {
    let bytes = format!("\u{FEFF}Title\r\n\r\n{PLANTED}\r\nlast").into_bytes();
    let e = ok("notes.txt", &bytes);
    assert_eq!(e.format, Format::Text);
    assert_eq!(location_of(&e, PLANTED), Location::Line(3));
    assert_eq!(texts(&e), vec!["Title", PLANTED, "last"]);
}

#[test]
fn text_windows_1252() {
    let mut bytes = b"Caf\xE9 \x93minutes\x94 \x96 2024\r\n".to_vec();
    bytes.extend(PLANTED.as_bytes());
    let e = ok("minutes.txt", &bytes);
    assert_eq!(texts(&e), vec!["Café “minutes” – 2024", PLANTED]);
    assert_eq!(location_of(&e, PLANTED), Location::Line(2));
}

#[test]
fn text_utf16_with_and_without_bom() {
    let text = format!("first\r\n{PLANTED}\r\n");
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let e = ok("unicode.txt", &le);
    assert_eq!(location_of(&e, PLANTED), Location::Line(2));

    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(
        location_of(&ok("unicode.txt", &be), PLANTED),
        Location::Line(2)
    );

    let bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert_eq!(
        location_of(&ok("unicode.txt", &bare), PLANTED),
        Location::Line(2)
    );
}

#[test]
fn markdown_keeps_comments() {
    let md = format!("# Case study\n\n<!-- {PLANTED} -->\n\nText.\n");
    let e = ok("case.md", md.as_bytes());
    assert_eq!(e.format, Format::Markdown);
    assert_eq!(location_of(&e, PLANTED), Location::Line(3));
    assert_eq!(ok("case.markdown", md.as_bytes()).format, Format::Markdown);
}

#[test]
fn csv_units_and_table() {
    let csv = "Area;Children;Note\r\nNorth;3;\r\n\"South; East\";12;\"multi\r\nline\"\r\n;;\r\nWest;1;Kyle Smith, aged 9\r\n";
    let e = ok("counts.csv", csv.as_bytes());
    assert_eq!(e.format, Format::Csv);
    assert_eq!(
        location_of(&e, "Kyle Smith"),
        Location::CsvCell { line: 6, column: 8 }
    );
    let kyle = e.units.iter().find(|u| u.text.contains("Kyle")).unwrap();
    assert_eq!(
        kyle.labels,
        ["Note", "West"],
        "its column's header and row's label"
    );
    assert_eq!(e.tables.len(), 1);
    let t = &e.tables[0];
    assert_eq!(t.rows[0], vec!["Area", "Children", "Note"]);
    assert_eq!(t.rows[1], vec!["North", "3", ""]);
    assert_eq!(t.rows[2], vec!["South; East", "12", "multi\nline"]);
    assert_eq!(t.rows[3], vec!["West", "1", "Kyle Smith, aged 9"]);
    assert_eq!(t.row_numbers, vec![1, 2, 3, 6]);
    assert_eq!(t.location_of(3, 1), Some(Location::Line(6)));
    assert_eq!(t.location_of(9, 0), None);
    assert!(!t.truncated);

    // Excel's Windows-1252 comma CSV.
    let e = ok("log.csv", b"id,title\r\n1,Caf\xE9 report\r\n");
    assert_eq!(e.tables[0].rows[1], vec!["1", "Café report"]);
    // Tab-separated.
    let e = ok("t.tsv", b"a\tb\n1\t2\n");
    assert_eq!(e.tables[0].rows[1], vec!["1", "2"]);
}

#[test]
fn html_visible_text_and_attributes() {
    let html = format!(
        "<!DOCTYPE html>\n<html><head><title>Audit</title><style>.x{{}}</style></head>\n<body>\n<p class=\"x\">{}</p>\n\
         <a href=\"mailto:jo.bloggs@example.org\">Email us</a>\n<img src=\"a.png\" alt=\"Ellie (14) at the fun day\">\n\
         <script>var phone = '07700 900123';</script>\n</body></html>",
        PLANTED.replace(", ", ",&nbsp;")
    );
    let e = ok("page.html", html.as_bytes());
    assert_eq!(e.format, Format::Html);
    assert_eq!(location_of(&e, PLANTED), Location::Line(4));
    assert_eq!(
        location_of(&e, "mailto:jo.bloggs@example.org"),
        Location::Line(5)
    );
    assert_eq!(location_of(&e, "Ellie (14)"), Location::Line(6));
    assert!(
        !texts(&e).iter().any(|t| t.contains("07700")),
        "scripts are not text"
    );
    assert_eq!(ok("page.htm", html.as_bytes()).units, e.units);
}

#[test]
fn docx_body_parts_and_hidden_text() {
    let body = [
        w_p("Introduction"),
        "<w:p/>".to_string(),
        // One sentence split over runs, with a tab and a no-break space.
        "<w:p><w:r><w:t>Kyle Sm</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ith,</w:t></w:r><w:r><w:tab/><w:t>aged 9, lives at EH12\u{A0}9DN</w:t></w:r></w:p>".to_string(),
        // A tracked deletion and a field code still carry identifiers.
        "<w:p><w:del><w:r><w:delText>Ellie Brown</w:delText></w:r></w:del><w:r><w:instrText> HYPERLINK \"mailto:ellie@example.org\" </w:instrText></w:r></w:p>".to_string(),
        // A text box: Word writes it twice, once as a fallback.
        "<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><wp:docPr id=\"1\" name=\"Picture 1\" descr=\"Photo of Sam, aged 7\"/><w:txbxContent><w:p><w:r><w:t>In the box</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>In the box</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>After the box &amp; more</w:t></w:r></w:p>".to_string(),
    ]
    .concat();
    let parts = [
        (
            "word/header1.xml",
            w_part("hdr", &w_p("Header: case SW-123456")),
        ),
        (
            "word/footer1.xml",
            w_part("ftr", &format!("{}{}", w_p(""), w_p("Footer EH1 1AA"))),
        ),
        (
            "word/footnotes.xml",
            w_part(
                "footnotes",
                "<w:footnote w:id=\"1\"><w:p><w:r><w:t>Note on 07700 900123</w:t></w:r></w:p></w:footnote>",
            ),
        ),
        (
            "word/comments.xml",
            w_part(
                "comments",
                "<w:comment w:id=\"0\" w:author=\"A. Officer\"><w:p><w:r><w:t>Remove Kyle's DOB 01/02/2015</w:t></w:r></w:p></w:comment>",
            ),
        ),
    ];
    let bytes = fixtures::docx(&body, &parts.map(|(n, x)| (n, x)));
    let e = ok("report.docx", &bytes);
    assert_eq!(e.format, Format::Docx);
    assert_eq!(
        texts(&e),
        vec![
            "Introduction",
            PLANTED,
            "Ellie Brown HYPERLINK \"mailto:ellie@example.org\"",
            "In the box",
            "Photo of Sam, aged 7 After the box & more",
            "Header: case SW-123456",
            "Footer EH1 1AA",
            "Note on 07700 900123",
            "Remove Kyle's DOB 01/02/2015",
        ]
    );
    assert_eq!(location_of(&e, PLANTED), Location::Paragraph(2));
    assert_eq!(location_of(&e, "Ellie Brown"), Location::Paragraph(3));
    assert_eq!(location_of(&e, "In the box"), Location::Paragraph(4));
    assert_eq!(
        e.units
            .iter()
            .filter(|u| u.text.contains("In the box"))
            .count(),
        1
    );
    assert_eq!(location_of(&e, "Sam, aged 7"), Location::Paragraph(5));
    assert_eq!(
        location_of(&e, "SW-123456"),
        Location::Part {
            part: "word/header1.xml".into(),
            paragraph: 1
        }
    );
    assert_eq!(
        location_of(&e, "EH1 1AA"),
        Location::Part {
            part: "word/footer1.xml".into(),
            paragraph: 1
        }
    );
    assert!(
        matches!(location_of(&e, "07700"), Location::Part { ref part, .. } if part == "word/footnotes.xml")
    );
    assert!(
        matches!(location_of(&e, "DOB"), Location::Part { ref part, .. } if part == "word/comments.xml")
    );
    assert!(!texts(&e).iter().any(|t| t.contains("A. Officer")));
    // .docm is the same format.
    assert_eq!(ok("report.docm", &bytes).units, e.units);
}

#[test]
fn odt_paragraphs_and_footer() {
    let body = format!(
        "<text:h text:outline-level=\"1\">Case study</text:h>\
         <text:p/>\
         <text:p>Kyle<text:s/>Smith,<text:s text:c=\"2\"/><text:span>aged 9</text:span>, lives at EH12 9DN\
         <office:annotation><dc:creator>A. Officer</dc:creator><dc:date>2024-01-01</dc:date><text:p>Check consent</text:p></office:annotation></text:p>\
         <text:p>Footnoted<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>Source: {PLANTED}</text:p></text:note-body></text:note></text:p>"
    );
    let e = ok(
        "case.odt",
        &fixtures::odt(&body, "<text:p>Footer EH1 1AA</text:p>"),
    );
    assert_eq!(e.format, Format::Odt);
    assert_eq!(location_of(&e, "Case study"), Location::Paragraph(1));
    assert_eq!(location_of(&e, "Check consent"), Location::Paragraph(2));
    assert_eq!(
        location_of(&e, "Kyle Smith,  aged 9"),
        Location::Paragraph(3)
    );
    assert_eq!(location_of(&e, "Source: Kyle"), Location::Paragraph(4));
    assert_eq!(location_of(&e, "Footnoted"), Location::Paragraph(5));
    assert_eq!(
        texts(&e)[4],
        "Footnoted",
        "the citation number does not join the word"
    );
    assert!(!texts(&e).iter().any(|t| t.contains("A. Officer")));
    assert_eq!(
        location_of(&e, "EH1 1AA"),
        Location::Part {
            part: "styles.xml".into(),
            paragraph: 1
        }
    );
}

#[test]
fn xlsx_cells_tables_and_comments() {
    let styles = r#"<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="9"/><xf numFmtId="14"/></cellXfs>"#;
    let shared = [
        "<t>Area</t>",
        "<t>Children</t>",
        "<r><t>Kyle </t></r><r><rPr><b/></rPr><t>Smith</t></r><rPh><t>カイル</t></rPh>",
        "<t>North &amp; East</t>",
    ];
    let sheet1 = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Born</t></is></c><c r="D1" t="inlineStr"><is><t>Share</t></is></c></row>
        <row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><v>3</v></c><c r="C2" s="1"><v>42000</v></c><c r="D2" s="2"><v>0.25</v></c><c r="E2"><f>B2*0.1</f><v>0.30000000000000004</v></c></row>
        <row r="4"><c r="A4" t="s"><v>2</v></c><c r="B4"><v>12.0</v></c><c r="C4" t="b"><v>1</v></c><c r="F4" t="str"><v>07700 900123</v></c><c r="G4"/></row>"#;
    let sheet2 = r#"<row r="3"><c r="B3" t="inlineStr"><is><t>Kyle Smith, aged 9, lives at EH12 9DN</t></is></c></row>"#;
    let comments = r#"<comment ref="B2" authorId="0"><text><r><t>A. Officer:</t></r><r><t> this is Ellie (14)</t></r></text></comment>"#;
    let bytes = fixtures::xlsx(
        &[("Counts", sheet1), ("Raw data", sheet2)],
        &shared,
        styles,
        Some(comments),
    );
    let e = ok("data.xlsx", &bytes);
    assert_eq!(e.format, Format::Xlsx);
    let cell = |sheet: &str, cell: &str, row| Location::Cell {
        sheet: sheet.into(),
        cell: cell.into(),
        row,
    };
    assert_eq!(location_of(&e, PLANTED), cell("Raw data", "B3", 3));
    assert_eq!(location_of(&e, "Kyle Smith"), cell("Counts", "A4", 4));
    assert!(
        texts(&e).contains(&"Kyle Smith"),
        "phonetic guides are left out: {:?}",
        texts(&e)
    );
    assert_eq!(location_of(&e, "07700 900123"), cell("Counts", "F4", 4));
    assert_eq!(location_of(&e, "Ellie (14)"), cell("Counts", "B2", 2));
    assert_eq!(location_of(&e, "North & East"), cell("Counts", "A2", 2));

    let t = &e.tables[0];
    assert_eq!(t.sheet.as_deref(), Some("Counts"));
    assert_eq!(t.rows[0], vec!["Area", "Children", "Born", "Share"]);
    assert_eq!(
        t.rows[1],
        vec!["North & East", "3", "27/12/2014", "25%", "0.3"]
    );
    assert_eq!(
        t.rows[2],
        vec!["Kyle Smith", "12", "TRUE", "", "", "07700 900123"]
    );
    assert_eq!(t.row_numbers, vec![1, 2, 4]);
    assert_eq!(t.column_numbers, vec![1, 2, 3, 4, 5, 6]);
    assert_eq!(t.location_of(2, 1), Some(cell("Counts", "B4", 4)));
    assert_eq!(e.tables[1].sheet.as_deref(), Some("Raw data"));
    assert_eq!(e.tables[1].column_numbers, vec![2]);
    assert_eq!(
        e.tables[1].location_of(0, 0),
        Some(cell("Raw data", "B3", 3))
    );
    assert_eq!(ok("data.xlsm", &bytes).units, e.units);
}

#[test]
fn pdf_lines_spacing_and_annotations() {
    let page1 = "BT /F1 12 Tf 72 720 Td (Report title) Tj ET\n\
                 BT /F1 12 Tf 72 700 Td [(Kyle Smith, aged 9, lives at EH12)-250(9DN)] TJ 0 -14 Td (second) Tj ( line) Tj ET\n\
                 BT /F1 10 Tf 1 0 0 1 72 660 Tm [(K)20(erned)] TJ ET";
    let page2 = "BT /F1 12 Tf 72 720 Td 14 TL (Page two: phone 07700 900123) Tj T* (next) Tj ET";
    let mut annotated = Page::text(page2);
    annotated.compress = true;
    annotated.extra = "/Annots [100 0 R]";
    annotated.objects = vec![(
        100,
        "<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents (Reviewer: remove jo@example.org) >>".into(),
    )];
    let bytes = fixtures::pdf(&[Page::text(page1), annotated]);
    let e = ok("report.pdf", &bytes);
    assert_eq!(e.format, Format::Pdf);
    assert_eq!(
        texts(&e),
        vec![
            "Report title",
            PLANTED,
            "second line",
            "Kerned",
            "Page two: phone 07700 900123",
            "next",
            "Reviewer: remove jo@example.org",
        ]
    );
    assert_eq!(
        location_of(&e, PLANTED),
        Location::Page { page: 1, line: 2 }
    );
    assert_eq!(
        location_of(&e, "07700"),
        Location::Page { page: 2, line: 1 }
    );
    assert_eq!(
        location_of(&e, "jo@example.org"),
        Location::Page { page: 2, line: 3 }
    );
    assert!(e.incomplete.is_empty());
}

#[test]
fn pdf_over_the_page_limit_reads_the_first_pages() {
    let pages: Vec<Page<'_>> = (0..3)
        .map(|_| Page::text("BT /F1 12 Tf 72 720 Td (page text) Tj ET"))
        .collect();
    let limits = Limits {
        max_pdf_pages: 2,
        ..Limits::default()
    };
    let e = psdoc_extract::extract_bytes("long.pdf", &fixtures::pdf(&pages), &limits).unwrap();
    assert_eq!(e.units.len(), 2);
    assert_eq!(e.incomplete.len(), 1);
    assert_eq!(
        e.incomplete[0].reason,
        "only the first 2 of 3 pages were read (limits.max_pdf_pages)"
    );
}

#[test]
fn pdf_with_a_scanned_page_among_text_pages() {
    let mut scanned = Page::text("q 612 0 0 792 0 0 cm /Im1 Do Q");
    scanned.resources = "/XObject << /Im1 100 0 R >>";
    scanned.objects = vec![(
        100,
        "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x00\nendstream".into(),
    )];
    let bytes = fixtures::pdf(&[
        Page::text("BT /F1 12 Tf 72 720 Td (Typed page) Tj ET"),
        scanned,
    ]);
    let e = ok("mixed.pdf", &bytes);
    assert_eq!(texts(&e), vec!["Typed page"]);
    assert_eq!(e.incomplete.len(), 1);
    assert_eq!(
        e.incomplete[0].reason,
        "page 2 has no text layer (scanned?): psdoc cannot read text in images"
    );
}

#[test]
fn pdf_text_in_a_form_xobject() {
    let mut page = Page::text("q 1 0 0 1 0 -100 cm /Fm1 Do Q");
    page.resources = "/XObject << /Fm1 100 0 R >>";
    let form = "BT /F1 12 Tf 72 720 Td (Footer EH1 1AA) Tj ET";
    page.objects = vec![(
        100,
        format!(
            "<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Length {} >>\nstream\n{form}\nendstream",
            form.len()
        ),
    )];
    let e = ok("form.pdf", &fixtures::pdf(&[page]));
    assert_eq!(texts(&e), vec!["Footer EH1 1AA"]);
}

#[test]
fn extract_reads_files_and_checks_their_size_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Notes.TXT");
    std::fs::write(&path, format!("x\n{PLANTED}\n")).unwrap();
    let e = extract(&path, &Limits::default()).unwrap();
    assert_eq!(location_of(&e, PLANTED), Location::Line(2));

    let limits = Limits {
        max_file_bytes: 10,
        ..Limits::default()
    };
    let n = extract(&path, &limits).unwrap_err();
    assert_eq!(n.reason, "over the 10 bytes limit (limits.max_file_bytes)");
    let limits = Limits {
        max_file_bytes: 1 << 20,
        ..Limits::default()
    };
    let big = dir.path().join("big.csv");
    std::fs::write(&big, vec![b'a'; (1 << 20) + 1]).unwrap();
    assert_eq!(
        extract(&big, &limits).unwrap_err().reason,
        "over the 1 MiB limit (limits.max_file_bytes)"
    );
    let missing = extract(&dir.path().join("missing.txt"), &Limits::default()).unwrap_err();
    assert_eq!(
        missing.reason,
        "the file could not be read (it does not exist)"
    );
}

#[test]
fn extensions() {
    for ext in [
        "md", "markdown", "txt", "csv", "html", "htm", "docx", "xlsx", "odt", "pdf",
    ] {
        assert!(supported_extensions().contains(&ext), "{ext}");
    }
}

/// A composite (Type 0, Identity-H) font as Word and LibreOffice embed them: two-byte
/// glyph codes, widths in `/W`, meaning only through a ToUnicode CMap.
fn type0_font(n: u32, to_unicode: bool) -> Vec<(u32, String)> {
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
        /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n\
        1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        2 beginbfchar <0001> <0045> <0002> <0048> endbfchar\n\
        1 beginbfrange <0003> <0007> [<0031> <0032> <0039> <0044> <004E>] endbfrange\n\
        endcmap CMapName currentdict /CMap defineresource pop end end";
    let mut objects = vec![
        (
            n,
            format!(
                "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Calibri /Encoding /Identity-H /DescendantFonts [{} 0 R] {} >>",
                n + 1,
                if to_unicode { format!("/ToUnicode {} 0 R", n + 2) } else { String::new() }
            ),
        ),
        (
            n + 1,
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Calibri /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [1 [600 600 500 500] 5 7 550] >>".to_string(),
        ),
    ];
    if to_unicode {
        objects.push((
            n + 2,
            format!("<< /Length {} >>\nstream\n{cmap}\nendstream", cmap.len()),
        ));
    }
    objects
}

#[test]
fn pdf_composite_font_with_to_unicode() {
    let mut page =
        Page::text("BT /F2 11 Tf 72 720 Td [<0001000200030004> -350 <000500060007>] TJ ET");
    page.fonts = "/F2 100 0 R";
    page.objects = type0_font(100, true);
    let e = ok("word.pdf", &fixtures::pdf(&[page]));
    assert_eq!(texts(&e), vec!["EH12 9DN"]);
}

#[test]
fn pdf_composite_font_without_a_unicode_map() {
    let mut page = Page::text("BT /F2 11 Tf 72 720 Td <0001000200030004> Tj ET");
    page.fonts = "/F2 100 0 R";
    page.objects = type0_font(100, false);
    let n = crate::not_scanned(
        "glyphs.pdf",
        &fixtures::pdf(&[page]),
        &Limits::default(),
        psdoc_extract::NotScannedKind::NoText,
    );
    assert_eq!(
        n.reason,
        "a PDF whose text psdoc cannot decode (its fonts have no Unicode map): check it by eye"
    );
}

#[test]
fn docx_chart_labels_and_embedded_workbooks() {
    let chart = r#"<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>Referrals by school</a:t></a:r></a:p></c:rich></c:tx></c:title><c:plotArea><c:barChart><c:ser><c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:pt idx="0"><c:v>Count</c:v></c:pt></c:strCache></c:strRef></c:tx><c:cat><c:strRef><c:f>Sheet1!$A$2:$A$3</c:f><c:strCache><c:pt idx="0"><c:v>Kyle Smith</c:v></c:pt><c:pt idx="1"><c:v>Others</c:v></c:pt></c:strCache></c:strRef></c:cat><c:val><c:numRef><c:numCache><c:pt idx="0"><c:v>1</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser></c:barChart></c:plotArea></c:chart></c:chartSpace>"#;
    let bytes = fixtures::zip(&[
        fixtures::Member::new(
            "word/document.xml",
            fixtures::w_document(&w_p("See the chart.")),
        ),
        fixtures::Member::new("word/charts/chart1.xml", chart),
        fixtures::Member::new("word/embeddings/Microsoft_Excel_Worksheet.xlsx", "PK"),
    ]);
    let e = ok("chart.docx", &bytes);
    let chart_part = |n| Location::Part {
        part: "word/charts/chart1.xml".into(),
        paragraph: n,
    };
    assert_eq!(location_of(&e, "Referrals by school"), chart_part(1));
    assert_eq!(location_of(&e, "Kyle Smith"), chart_part(3));
    assert_eq!(
        texts(&e),
        vec![
            "See the chart.",
            "Referrals by school",
            "Count",
            "Kyle Smith",
            "Others",
            "1"
        ]
    );
    assert!(
        !texts(&e).iter().any(|t| t.contains("Sheet1")),
        "formulas are not text"
    );
    assert_eq!(
        location_of(&e, "Kyle Smith").to_string(),
        "paragraph 3 of a chart (word/charts/chart1.xml)"
    );
    assert_eq!(e.incomplete.len(), 1);
    assert_eq!(
        e.incomplete[0].reason,
        "an embedded file (a chart's data or an inserted object) was not read: open the document to check it"
    );
}

#[test]
fn xlsx_text_boxes_and_embedded_files() {
    let mut bytes_members = Vec::new();
    let base = fixtures::xlsx(
        &[(
            "S",
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>cell</t></is></c></row>"#,
        )],
        &[],
        "",
        None,
    );
    // Re-pack with a drawing and an embedding added.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&base)).unwrap();
    let mut names = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).unwrap();
        names.push((f.name().unwrap().to_string(), data));
    }
    names.push((
        "xl/drawings/drawing1.xml".into(),
        br#"<xdr:wsDr xmlns:xdr="x" xmlns:a="a"><xdr:sp><xdr:txBody><a:p><a:r><a:t>Note: Kyle Smith, aged 9</a:t></a:r></a:p></xdr:txBody></xdr:sp></xdr:wsDr>"#.to_vec(),
    ));
    names.push(("xl/embeddings/oleObject1.bin".into(), b"ole".to_vec()));
    for (n, d) in &names {
        bytes_members.push(fixtures::Member::new(n, d.clone()));
    }
    let e = ok("boxes.xlsx", &fixtures::zip(&bytes_members));
    assert_eq!(
        location_of(&e, "Kyle Smith"),
        Location::Part {
            part: "xl/drawings/drawing1.xml".into(),
            paragraph: 1
        }
    );
    assert_eq!(
        e.incomplete[0].reason,
        "an embedded file (a chart's data or an inserted object) was not read: open the document to check it"
    );
}

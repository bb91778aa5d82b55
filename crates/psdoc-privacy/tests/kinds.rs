//! Every kind through the whole detector (prefilter, windows, validation, overlaps), in
//! the shapes statements take: wrapped Markdown paragraphs, CRLF, tables, long documents.

use psdoc_privacy::{Detector, Identifier, Kind};

fn find(text: &str) -> Vec<(String, String)> {
    Detector::default()
        .find(text)
        .into_iter()
        .map(|i| (i.kind.name().to_string(), text[i.range].to_string()))
        .collect()
}

fn one(text: &str, kind: &str, raw: &str) {
    assert_eq!(
        find(text),
        [(kind.to_string(), raw.to_string())],
        "{text:?}"
    );
}

#[test]
fn each_kind_in_a_sentence() {
    one("Her CHI 1904851231 was on the form.", "chi", "1904851231");
    one(
        "CHI number 0101201234 was issued in 2026.",
        "chi",
        "0101201234",
    );
    one("NHS number 943-476-5919.", "nhs-number", "943-476-5919");
    one("NI number AB 12 34 56 C", "ni-number", "AB 12 34 56 C");
    one("The family moved to KY99 9ZZ.", "postcode", "KY99 9ZZ");
    one(
        "Write to rory.mcneill@example.org.",
        "email",
        "rory.mcneill@example.org",
    );
    one("Her mobile is 07700 900123.", "phone", "07700 900123");
    one("She was born on 12/03/2014.", "date-of-birth", "12/03/2014");
    one("Isla, aged 11, told us.", "named-child", "Isla");
    one(
        "The family lived at 22 Harbour Road.",
        "address",
        "22 Harbour Road",
    );
    one("SCN 151234569 was on the letter.", "scn", "151234569");
}

#[test]
fn contexts_across_a_wrapped_line() {
    one(
        "A case study: Isla,\naged 11, told us.",
        "named-child",
        "Isla",
    );
    one("Sam's\nfoster carer joined.", "named-child", "Sam");
    one(
        "The baby was born\non 12 March 2024.",
        "date-of-birth",
        "12 March 2024",
    );
    one(
        "They lived at 22\nHarbour Road.",
        "address",
        "22\nHarbour Road",
    );
    one("Her CHI number is\r\n1904851231.\r\n", "chi", "1904851231");
}

#[test]
fn markdown_shapes() {
    one(
        "| Child | Postcode |\n|---|---|\n| C | EH6 6QQ |\n",
        "postcode",
        "EH6 6QQ",
    );
    one(
        "- **Isla**, aged 11, said she felt safe",
        "named-child",
        "Isla",
    );
    one(
        "<!-- draft: check 07700 900123 -->",
        "phone",
        "07700 900123",
    );
    one(
        "> “Isla’s social worker listened” – a parent",
        "named-child",
        "Isla",
    );
}

#[test]
fn far_into_a_long_document() {
    let filler =
        "The partnership’s committee met – “a good year” – and agreed 12% growth. ".repeat(5_000);
    let text = format!("{filler}Her CHI 1904851231.\n{filler}Isla, aged 11, said.");
    let found = find(&text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].0, "chi");
    assert_eq!(found[1], ("named-child".to_string(), "Isla".to_string()));
}

#[test]
fn several_in_one_paragraph_are_sorted_and_apart() {
    let text = "Isla, aged 11, lives at 22 Harbour Road, EH6 6QQ (mobile 07700 900123, e-mail \
                isla.k@example.org); born on 12/03/2014, record 1203141235 is not valid but CHI \
                1904851231 is.";
    let found: Vec<Identifier> = Detector::default().find(text);
    let kinds: Vec<&str> = found.iter().map(|i| i.kind.name()).collect();
    assert_eq!(
        kinds,
        [
            "named-child",
            "address",
            "postcode",
            "phone",
            "email",
            "date-of-birth",
            "chi"
        ]
    );
    for pair in found.windows(2) {
        assert!(pair[0].range.end <= pair[1].range.start);
    }
}

#[test]
fn the_same_text_gives_the_same_findings() {
    let text = "Isla, aged 11, lives at 22 Harbour Road, EH6 6QQ.";
    let detector = Detector::default();
    assert_eq!(detector.find(text), detector.find(text));
}

#[test]
fn masks_follow_the_contract() {
    let found = Detector::default().find("CHI 190485 1231 and CHI 0101201234; Isla, aged 11.");
    let masked: Vec<&str> = found.iter().map(|i| i.masked.as_str()).collect();
    assert_eq!(masked, ["19•••• ••31", "01••••••34", "I•••"]);
    assert_eq!(found[2].kind, Kind::NamedChild);
}

#[test]
fn nothing_in_ordinary_statement_prose() {
    let prose = "\
# What your data is telling you

In 2023–24 the partnership held 312 initial referral discussions (IRDs), 12% more than in
2022–23. Registrations fell from 110 to 97; re-registrations within 24 months were 4%.
The rate per 1,000 children aged 0–15 was 2.3, below Scotland’s 2.9 [E4, E7–E9].

Children aged 5–15 told us they felt safe (85%). Child A, aged 11, said “people listened”.
The Chief Officers’ Group met on 12/03/2024 and 3 September 2024 (minutes at [E21]).
Spend on family support rose to £1,234,567. See QI 2.1 and QI 9.4. ISBN 0198526636.
Contact the CPC lead officer through the council switchboard. Total: 1,904 contacts.
";
    assert_eq!(find(prose), Vec::<(String, String)>::new());
}

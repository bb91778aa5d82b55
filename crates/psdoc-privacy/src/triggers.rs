//! The prefilter's parts: for each group of scanners, a cheap ASCII pattern for the places
//! worth a look. A hit runs only that group's scanners, on the few hundred bytes around it.
//!
//! This file is also compiled by `build.rs`, which turns [`parts`] into a DFA embedded in
//! the binary: a run never compiles the prefilter, and never builds DFA states as it
//! searches. It therefore uses nothing but `std`. Every `\b` in it is ASCII (`(?-u:\b)`),
//! which a DFA can match; the build fails otherwise.

/// CHI and NHS numbers: ten digits as one run, 6-4 or 3-3-4.
pub(crate) const NUMBERS: &str =
    r"(?-u:\b)[0-9]{3}(?:[ \-]|\x{a0})?[0-9]{3}(?:[ \-]|\x{a0})?[0-9]{3,4}(?-u:\b)";

/// UK phone numbers: +44, `(0`, or a 0 and its area code.
pub(crate) const PHONE: &str =
    r"\+(?:[ ]|\x{a0})?44|\(0[0-9]|(?-u:\b)0[0-9]{2,5}(?:\)|[ \-]|\x{a0})?[0-9]{3}";

/// Scottish Candidate Numbers: only after "SCN" or "candidate number".
pub(crate) const SCN: &str = r"(?-u:\b)(?:SCN|(?i-u:candidate\s+n))";

/// National Insurance numbers: two prefix letters and six digits.
pub(crate) const NI: &str = r"(?-u:\b)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z](?:[ ]|\x{a0})?[0-9]{2}(?:[ ]|\x{a0})?[0-9]{2}(?:[ ]|\x{a0})?[0-9]{2}";

/// Full unit postcodes, in either case.
pub(crate) const POSTCODE: &str = r"(?i-u:(?-u:\b)(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])(?:[ ]|\x{a0})?[0-9][ABD-HJLNP-UW-Z]{2}(?-u:\b))";

/// E-mail addresses: an `@` between address characters.
pub(crate) const EMAIL: &str = r"[A-Za-z0-9_%+\-]@[A-Za-z0-9]";

/// Dates of birth: "born", "birth", "DOB", "d.o.b".
pub(crate) const DATE_OF_BIRTH: &str = r"(?i-u:(?-u:\b)(?:born|birth|d\.?o\.?b))";

/// Street types that end an address (`14 Mill Lane`); the address scanner uses them too.
pub(crate) const STREET_TYPES: &str = "Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Drive|Crescent|Cres|Court|Ct|Place|Pl|Gardens|Gdns|Terrace|Terr|Close|Way|Wynd|Brae|Loan|Loaning|Row|Square|Sq|Park|Grove|View|Walk|Gate|Gait|Hill|Mews|Green|Parade|Quadrant|Circus|Vennel|Rise|Bank|Path|Causeway|Boulevard|Neuk|Croft|Steading|Glebe|Heights|Meadows|Meadow|Circle|Grange|Wharf|Quay|Yard|Brow|Lea|Dene|Glade|Knowe|Haugh|Cottages|Brig|Loch|Den|Holdings";

/// One-word street names of Scottish towns: `Kirkgate`, `Quayside`, `Burnside`.
pub(crate) const ONE_WORD_STREETS: &str = "gate|gait|side|wynd|brae|loan|vennel";

/// Relatives and carers, whose names identify a family (the named-child scanner's list is
/// longer; these are the words that start a hit).
pub(crate) const RELATIVES: &str = "mum|mother|dad|father|parent|carer|stepdad|stepmum|stepfather|stepmother|gran|granny|grandma|grandmother|grandad|granddad|grandpa|grandfather|grandparent|nana|nan|papa|aunt|auntie|aunty|uncle|cousin|partner|boyfriend|girlfriend";

/// Words between a possessive and a relative: "his older sister", "her maternal gran".
pub(crate) const KIN_ADJECTIVES: &str = "older|younger|little|big|baby|twin|half|step|maternal|paternal|foster|kinship|birth|adoptive|great";

/// Home addresses: a number, capitalised words and a street type.
pub(crate) fn address() -> String {
    format!(
        r"(?-u:\b)[0-9]{{1,3}}[A-Za-z]?,?[\t\n\r ]+(?:(?:[A-Z][A-Za-z'.\-\x{{2019}}]*[\t\n\r ]+){{1,3}}(?:{STREET_TYPES})|[A-Z][a-z]{{2,}}(?:{ONE_WORD_STREETS}))(?-u:\b)"
    )
}

/// Named children: each context the named-child scanner knows, in ASCII, with a
/// capitalised word standing for the name (whitespace may be a line break of a wrapped
/// paragraph).
pub(crate) fn named_child() -> String {
    let ws = r"[\t\n\r ]";
    let relatives = RELATIVES;
    let kin_adjectives = KIN_ADJECTIVES;
    let word = r"(?-u:\b)[A-Z][A-Za-z]+[*_]{0,2}";
    [
        format!(
            r"{word},?{ws}*\(?{ws}*(?:who(?:{ws}+is|{ws}+was|'s|\x{{2019}}s){ws}+)?(?:(?:now|then|currently|only|just){ws}+)?(?i-u:aged?){ws}"
        ),
        format!(
            r"{word},?{ws}+(?:(?:is|was|turned|now){ws}+)?[0-9A-Za-z]+{ws}*(?:years?|yrs?){ws}*-?{ws}*old(?-u:\b)"
        ),
        r"(?-u:\b)(?i-u:[0-9a-z]+[\t\n\r \-]+(?:year|yr)s?[\t\n\r \-]+old)(?-u:\b)".to_string(),
        format!(
            r"{word}(?:'|\x{{2019}}){{1}}s{ws}+(?i-u:foster|kinship|former|carer|family|support|social|key|youth|residential|lead|named|guidance|teacher|mum|mother|dad|father|parent|step|gran|grand|nana|papa|aunt|uncle|brother|sister|sibling|placement|child|care|pathway|safety|plan|hearing|compulsory|supervision|health|story|voice|views|wishes|journey|experience|birth|adoptive|case|school|nursery|class)"
        ),
        format!(
            r"{word}{ws}+(?:was|is|has{ws}+been|had{ws}+been|became|were){ws}+(?:[a-z]+{ws}+)?(?:placed|accommodated|removed|taken|looked|registered|deregistered|de-registered|referred|adopted|fostered|subject|on{ws}+the|in{ws}+(?:foster|kinship|residential|secure)|excluded|reunified|returned)"
        ),
        format!(
            r"{word}{ws}+(?:[a-z]+{ws}+)?(?:(?:moved|went){ws}+(?:back{ws}+)?(?:in)?to|(?:lives|lived|stays|stayed|moved{ws}+in){ws}+with){ws}"
        ),
        format!(r"{word}{ws}+and{ws}+(?:his|her|their){ws}"),
        // A child word, then a name: "One girl, Amelia,", "a boy called Jack".
        format!(
            r"(?-u:\b)(?:girl|boy|child|person|teenager|pupil|baby|toddler|infant|youngster),?{ws}+(?:(?:called|named|known{ws}+as){ws}+)?[A-Z]"
        ),
        // A relative or a sibling, then a name: "his gran, Mrs Reid", "her son Liam".
        format!(
            r"(?-u:\b)(?:[Hh]is|[Hh]er|[Tt]heir|[A-Z][a-z]+(?:'|\x{{2019}})s){ws}+(?:{kin_adjectives}{ws}+)?(?:{relatives}|son|daughter|brother|sister|sibling|twin)s?,?{ws}+[A-Z]"
        ),
        // A name, then the relative it is: "Mrs Janet McLeod, the child's grandmother".
        format!(
            r",{ws}+(?:the{ws}+(?:child|young{ws}+person|boy|girl|baby|family)(?:'|\x{{2019}})s|his|her|their|[A-Z][a-z]+(?:'|\x{{2019}})s){ws}+(?:{kin_adjectives}{ws}+)?(?:{relatives})"
        ),
        // A name with a quotation: `Amelia said, "..."`, `"...", said Amelia`.
        format!(
            r"{word}{ws}+(?:said|says|told{ws}+[a-z]+|explained|added|wrote|described){ws}*[,:]?{ws}*(?:\x22|\x{{201c}})"
        ),
        format!(r"(?:\x22|\x{{201d}}),?{ws}+(?:said|says|added|explained){ws}+[A-Z]"),
        format!(
            r"{word},?{ws}+(?:who{ws}+)?(?:is|was|turned){ws}+(?:(?:now|only|just){ws}+)?(?:[0-9]|(?i-u:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)(?-u:\b))"
        ),
        format!(r"{word}{ws}*\({ws}*[0-9]{{1,2}}{ws}*[)yY]"),
        format!(r"{word},{ws}*[0-9]{{1,2}}{ws}*[,.;]"),
    ]
    .join("|")
}

/// Indirect identifiers: one child's age or year group ("a 14-year-old", "a girl aged 12",
/// "a P7 pupil"), never a group's ("children aged 5 to 15"), introduced by "a", "an" or
/// "one" ("the" before every other word would slow the whole pass). It starts at the article, so
/// that it never starts where the named-child part's "14-year-old" does.
pub(crate) const INDIRECT: &str = r"(?-u:\b)(?:[Aa]n?|[Oo]ne)[\t\n\r ]+(?:[0-9a-z]+[\t\n\r \-](?:year|yr)[\t\n\r \-]old|(?:boy|girl|child|pupil|young[\t\n\r ]+person|teenager|baby)[\t\n\r ]+aged[\t\n\r ]+[0-9a-z]|(?:P[1-7]|S[1-6]|Primary[\t\n\r ]+[1-7]|Year[\t\n\r ]+[0-9]|nursery)[\t\n\r ]+(?:boy|girl|pupil|child))";

/// The prefilter's patterns, one per group, in the order of `Group::ALL`: where two match
/// at the same place, the first wins, so the named-child part (any capitalised word) comes
/// after the others ("DOB is 4 May" is a birth, not "DOB" aged 4).
pub(crate) fn parts() -> [String; 9] {
    [
        format!("{NUMBERS}|{PHONE}"),
        SCN.to_string(),
        NI.to_string(),
        POSTCODE.to_string(),
        EMAIL.to_string(),
        DATE_OF_BIRTH.to_string(),
        address(),
        named_child(),
        INDIRECT.to_string(),
    ]
}

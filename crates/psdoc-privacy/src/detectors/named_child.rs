//! `named-child`: a child's given name in a child context.
//!
//! A name alone is not enough (staff, authors and places have names too), so a name from
//! `data/given-names.txt` is reported only in one of these contexts:
//!
//! - with an age: "Kyle, aged 9", "Kyle (aged 9)", "Ellie (14)", "Sam, 12,", "Sam, 12 years
//!   old", "nine-year-old Sam", "Sam, a nine-year-old";
//! - as the subject of care: "Sam's foster carer" (social worker, gran, placement, child's
//!   plan, story, views ...), "Sam was placed" (accommodated, removed, registered, referred,
//!   looked after ...), "Sam moved into foster care".
//!
//! Never reported: the anonymised forms "Child A" and "Young person B" (not names), a name
//! marked as changed ("Callum (not his real name), 12", "names have been changed", "a
//! pseudonym", "we'll call him Callum"), a name after a title ("Mrs Grace", "St Margaret's"),
//! ages over 25 or age ranges ("aged 12-15"). Names that are also ordinary words in
//! headings and tables (`AMBIGUOUS`: "Grant", "Max", "Angus", "Lewis" ...) need one of the
//! strong contexts: "Grant (12)" in a table is not a child.

use std::collections::HashSet;
use std::ops::Range;

use super::Candidate;
use super::pattern::{Captures, Pattern, regex};
use crate::Kind;
use crate::context::{after, around, before};

static GIVEN_NAMES: &str = include_str!("../../data/given-names.txt");

/// Given names that are also words used capitalised in headings, tables and place names:
/// only the strong contexts (an "aged", a "year-old", a care context) report them.
const AMBIGUOUS: [&str; 36] = [
    "Amber", "Angus", "Arran", "Bill", "Cooper", "Dale", "Dawn", "Dean", "Drew", "Frank", "Glen",
    "Grace", "Grant", "Guy", "Harley", "Harris", "Hunter", "Iona", "Jay", "Kit", "Kyle", "Lewis",
    "Mark", "Mason", "Max", "Miles", "Penny", "Ray", "Robin", "Rose", "Sandy", "Skye", "Carter",
    "Heather", "Holly", "Victor",
];

const TITLES: [&str; 26] = [
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Prof",
    "Professor",
    "Cllr",
    "Councillor",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Rev",
    "Sheriff",
    "Judge",
    "Inspector",
    "Sergeant",
    "DC",
    "DS",
    "PC",
    "St",
    "Saint",
    "Queen",
    "King",
];

/// Capitalised words that start a sentence before "his mum", never a relative's name.
const NOT_RELATIVE_NAMES: [&str; 12] = [
    "The", "His", "Her", "Their", "When", "Then", "After", "Before", "Both", "Each", "Every", "All",
];

/// Words after a name that make it an organisation or a place: "Robertson Trust".
const ORGANISATION_WORDS: [&str; 24] = [
    "Academy",
    "Association",
    "Care",
    "Centre",
    "College",
    "Council",
    "Foundation",
    "Fund",
    "Group",
    "Hall",
    "High",
    "House",
    "Institute",
    "Partnership",
    "Primary",
    "Project",
    "School",
    "Service",
    "Services",
    "Society",
    "Street",
    "Team",
    "Trust",
    "University",
];

const AGE: &str = r"(?P<age>[0-9]{1,2}|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty))";

/// A capitalised word, then an optional second one (a surname, or the name itself when
/// the first word only starts the sentence: "Then Sam, aged 9").
const NAME: &str = r"(?-u:\b)(?P<first>[A-Z](?:[a-z]|[A-Z][a-z])+(?:-[A-Z][a-z]+)?)(?:[ \t]+(?P<second>(?:O'|O’)?[A-Z](?:[a-z]|[A-Z][a-z])+(?:-[A-Z][a-z]+)?))?(?:\*{1,2}|_{1,2})?";

const CARE_NOUNS: &str = r"(?:(?:foster|kinship|former)\s+)?carers?|(?:family\s+support|support|social|key|youth|residential)\s+workers?|keyworkers?|lead\s+professional|named\s+person|guidance\s+teacher|teachers?|(?:birth|adoptive|foster|step|step-)?(?:mum|mother|dad|father|parents?|family)|gran|granny|grandmother|grandfather|grandparents?|nana|papa|aunt|uncle|brothers?|sisters?|siblings?|(?:foster\s+|kinship\s+|residential\s+)?placements?|(?:child's|child’s|child\s+protection|care|pathway|safety)\s+plan|(?:children's\s+|children’s\s+)?hearing|(?:compulsory\s+)?supervision\s+order|health\s+visitor|story|voice|views|wishes|journey|experiences?|case|class\s+teacher|nursery|school";

const CARE_VERBS: &str = r"placed|accommodated|removed|taken\s+into\s+care|looked\s+after|registered|de-?registered|referred|adopted|fostered|subject\s+to|on\s+the\s+(?:child\s+protection\s+)?register|in\s+(?:foster|kinship|residential|secure)\s+care|excluded|reunified|returned\s+home";

const ADVERBS: &str = r"(?:(?:then|later|subsequently|initially|recently|first|eventually|also|now|still|currently|temporarily|quickly|finally|safely|successfully|briefly|previously|not)\s+)?";

/// How a context reports: weak contexts (a bare number in brackets or between commas) skip
/// ambiguous names and title-like phrases.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Strength {
    Strong,
    Weak,
}

/// A context pattern, and the words (a [`Needles`] bit) one of which a window must hold
/// for it to be worth running (0: always run).
struct Context {
    pattern: Pattern,
    strength: Strength,
    role: Role,
    needs: u8,
}

/// Which of the story contexts' words a window holds, as bits.
struct Needles;

impl Needles {
    const FAMILY: u8 = 1;
    const CHILD: u8 = 2;
    const QUOTE: u8 = 4;

    /// One pass over the window's words.
    fn of(hay: &str) -> u8 {
        let mut found = 0;
        if hay.contains(['"', '“', '”']) {
            found |= Needles::QUOTE;
        }
        for word in hay.split(|c: char| !c.is_ascii_alphabetic()) {
            if word.len() < 3 {
                continue;
            }
            let starts = |list: &[&str]| {
                list.iter()
                    .any(|n| word.len() >= n.len() && word[..n.len()].eq_ignore_ascii_case(n))
            };
            if found & Needles::FAMILY == 0 && starts(FAMILY_NEEDLES) {
                found |= Needles::FAMILY;
            }
            if found & Needles::CHILD == 0 && starts(CHILD_NEEDLES) {
                found |= Needles::CHILD;
            }
        }
        found
    }
}

/// Words of the story and relative contexts (a window without any of them skips them).
const FAMILY_NEEDLES: &[&str] = &[
    "mum", "mother", "dad", "father", "parent", "carer", "gran", "grand", "nana", "nan", "papa",
    "aunt", "uncle", "cousin", "partner", "friend", "son", "daughter", "brother", "sister",
    "sibling", "twin", "famil", "foster", "kinship", "step",
];
const CHILD_NEEDLES: &[&str] = &[
    "girl",
    "boy",
    "child",
    "person",
    "teenager",
    "pupil",
    "baby",
    "toddler",
    "infant",
    "youngster",
];

/// Whose name a context gives, and so how it is checked.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A child's given name (`first`, optionally `second`).
    Child,
    /// A child's name in a quotation ("Amelia said, “...”"): a first name alone, not a
    /// member of staff with a surname and a role.
    Quoted,
    /// A relative's or carer's name (`rname`, after an optional `title`).
    Relative,
}

/// The relatives and carers whose names identify a family.
const RELATIVES: &str = r"(?:(?:foster|kinship|birth|adoptive)\s+)?(?:mum|mother|dad|father|parents?|carers?)|step-?(?:mum|mother|dad|father)|gran|granny|grandma|grandmother|grandad|granddad|grandpa|grandfather|grandparents?|great-grandmother|great-grandfather|nana|nan|papa|aunt|auntie|aunty|uncle|cousin|partner|boyfriend|girlfriend";

/// Children of a family, named after a possessive ("her son Liam").
const SIBLINGS: &str = r"(?:(?:older|younger|little|big|baby|twin|half-|step-?)\s*)?(?:son|daughter|brother|sister|sibling|twin)s?";

/// Words for one child that introduce a name ("One girl, Amelia, ...", "a boy called Jack").
const CHILD_WORDS: &str =
    r"girl|boy|child|young\s+person|teenager|pupil|baby|toddler|infant|youngster";

/// A relative's name: one or two capitalised words (`McLeod`, `O'Neill`, `Smith-Jones`).
const RELATIVE_NAME: &str = r"(?P<rname>(?:O'|O’)?[A-Z][a-z]*(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?(?:[ \t]+(?:O'|O’)?[A-Z][a-z]*(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?)?)";

const TITLE: &str = r"(?P<title>(?:Mrs|Mr|Ms|Miss|Mx)\.?[ \t]+)?";

/// Whose possessive introduces a relative: "his", "the child's", "Jack's".
const POSSESSIVE: &str = r"(?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he\s+(?:child|young\s+person|boy|girl|baby|family)(?:'|’)s|[A-Z][a-z]+(?:'|’)s)";

pub(crate) struct NamedChild {
    names: HashSet<&'static str>,
    /// Compiled when a text first mentions a given name: most never do, and these
    /// patterns are the costliest of all detectors to build.
    contexts: std::sync::OnceLock<Vec<Context>>,
    /// Compiled when a context first matches a name.
    checks: std::sync::OnceLock<Checks>,
}

/// What rules out a name that a context matched.
struct Checks {
    /// "aged 5-15", "aged 12+": a range or a statistic, not one child's age.
    range_after_age: Pattern,
    /// A care noun that names a service ("Aberlour's family support service").
    service_after_noun: Pattern,
    /// "names have been changed", "not her real name".
    changed: Pattern,
    /// ", lead paediatrician", ", the CPC chair": a member of staff in a role.
    role_after: Pattern,
}

impl Checks {
    fn new() -> Checks {
        Checks {
            range_after_age: regex(r"^\s*(?:(?:-|–|—|to|and|or)\s*[0-9]|\+|%|\.[0-9])"),
            service_after_noun: regex(
                r"^\s+(?:support|services?|teams?|centres?|centers?|hubs?|approach|model|policy|strategy|network|group|partnership|forum|programme|project|workers?|officers?)(?-u:\b)",
            ),
            role_after: regex(
                r"^\s*(?:,|\(|–|—|-)\s*(?:the\s+|our\s+|a\s+|an\s+)?(?:[A-Za-z]+\s+){0,4}?(?i:officer|manager|lead|chair|chairs|convener|nurse|worker|head|headteacher|teacher|director|paediatrician|coordinator|co-ordinator|inspector|reporter|practitioner|consultant|adviser|advisor|member|clinician|doctor|gp|sergeant|detective|councillor|minister|principal|psychologist|visitor|midwife|advocate|volunteer|trustee|chief|secretary)(?-u:\b)",
            ),
            changed: regex(
                r"(?i)(?-u:\b)not\s+(?:his|her|their|its|the\s+(?:child|young\s+person)(?:'|’)s|my|our)\s+(?:real|actual|true|own)\s+names?(?-u:\b)|(?-u:\b)names?\s+(?:changed|altered)(?-u:\b)|(?-u:\b)names?(?-u:\b)[^.!?\n]{0,40}?(?-u:\b)(?:been|were|was|are|is)\s+(?:changed|altered|anonymi[sz]ed)(?-u:\b)|(?-u:\b)changed\s+(?:names?|for\s+anonymity)(?-u:\b)|(?-u:\b)pseudonyms?(?-u:\b)|(?-u:\b)(?:real|actual)\s+names?\s+(?:(?:has|have)\s+(?:not\s+)?been|(?:is|are)\s+not)\s+(?:used|given|changed)(?-u:\b)|(?-u:\b)names?\s+(?:used\s+)?(?:are|is)\s+(?:not\s+real|fictional|made\s+up|invented)(?-u:\b)|(?-u:\b)we(?:'ll|’ll|\s+will|\s+shall)?\s+call\s+(?:him|her|them)(?-u:\b)",
            ),
        }
    }
}

impl NamedChild {
    pub(crate) fn new() -> NamedChild {
        let names = GIVEN_NAMES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        NamedChild {
            names,
            contexts: std::sync::OnceLock::new(),
            checks: std::sync::OnceLock::new(),
        }
    }

    fn checks(&self) -> &Checks {
        self.checks.get_or_init(Checks::new)
    }

    /// The context patterns, compiled on first use.
    fn contexts(&self) -> &[Context] {
        self.contexts.get_or_init(|| {
            let contexts = vec![
            (
                format!(
                    r"{NAME}\s*(?:,\s*|\(\s*|\s)(?:who(?:\s+is|\s+was|'s|’s)\s+)?(?:(?:now|then|currently|only|just)\s+)?(?i:aged|age)\s+{AGE}(?-u:\b)"
                ),
                Strength::Strong,
            ),
            (
                format!(
                    r"{NAME},?\s+(?:(?:is|was|turned|now)\s+)?{AGE}\s*(?:years?|yrs?)[\s\-]old(?-u:\b)"
                ),
                Strength::Strong,
            ),
            (
                format!(
                    r"{NAME},?\s+(?:who\s+)?(?:is|was|turned)\s+(?:now\s+|only\s+|just\s+)?{AGE}(?:\s*(?:years?|yrs?)(?:\s+old)?)?\s*(?:[,.;)]|$|and(?-u:\b))"
                ),
                Strength::Strong,
            ),
            (
                format!(
                    r"(?-u:\b){AGE}[\s\-](?:year|yr)s?[\s\-]old\s+(?:(?:boy|girl|son|daughter|brother|sister|child|baby|toddler|pupil|twins?)\s+)?(?:(?:called|named)\s+)?(?:\*{{1,2}}|_{{1,2}})?{NAME}"
                ),
                Strength::Strong,
            ),
            (
                format!(
                    r"{NAME},?\s+(?:a|an|now|who\s+is|who\s+was)\s+{AGE}[\s\-](?:year|yr)s?[\s\-]old(?-u:\b)"
                ),
                Strength::Strong,
            ),
            (
                format!(r"{NAME}(?:'|’)s\s+(?P<noun>{CARE_NOUNS})(?-u:\b)"),
                Strength::Strong,
            ),
            (
                format!(
                    r"{NAME}\s+(?:was|is|has\s+been|had\s+been|became|were)\s+{ADVERBS}(?:{CARE_VERBS})(?-u:\b)"
                ),
                Strength::Strong,
            ),
            (
                format!(
                    r"{NAME}\s+{ADVERBS}(?:(?:moved|went)\s+(?:back\s+)?(?:in)?to\s+(?:live\s+with\s+)?(?:a\s+|an\s+|her\s+|his\s+|their\s+)?(?:foster|kinship|residential|secure|{RELATIVES}|{SIBLINGS}|family)|(?:lives|lived|stays|stayed|moved\s+in)\s+with\s+(?:his|her|their)\s+(?:foster|kinship|{RELATIVES}|{SIBLINGS}|family))(?-u:\b)"
                ),
                Strength::Strong,
            ),
            (
                format!(r"{NAME}\s+and\s+(?:his|her|their)\s+(?:{RELATIVES}|{SIBLINGS}|family)(?-u:\b)"),
                Strength::Strong,
            ),
            (
                format!(
                    r"(?-u:\b)(?i:one|a|an|the|another|this|that)\s+(?:(?:[0-9]{{1,2}}|[a-z]+)[\s\-]year[\s\-]old\s+)?(?:{CHILD_WORDS})\s*(?:,\s*|\s+(?:called|named|known\s+as)\s+){NAME}\s*(?:,|\(|\s+(?:said|says|told|was|is|had|has|and|who|felt|wanted|asked|explained|described|moved|lives|lived|went))"
                ),
                Strength::Strong,
            ),
            (
                format!(r"(?-u:\b)(?:his|her|their|[A-Z][a-z]+(?:'|’)s)\s+{SIBLINGS},?\s+{NAME}(?-u:\b)"),
                Strength::Strong,
            ),
            (
                format!(r"{NAME}\s*\(\s*{AGE}(?:\s*(?:years?|yrs?)(?:\s+old)?)?\s*\)"),
                Strength::Weak,
            ),
            (
                format!(r"{NAME},\s*{AGE}\s*(?:,|;|\.(?:\s|$))"),
                Strength::Weak,
            ),
            ];
            // The three contexts added for stories (issue 14), before the two weak ones,
            // run only where their words are.
            let first_story = contexts.len() - 5;
            let mut compiled: Vec<Context> = contexts
                .into_iter()
                .enumerate()
                .map(|(i, (p, s))| Context {
                    pattern: regex(&p),
                    strength: s,
                    role: Role::Child,
                    needs: match i.checked_sub(first_story) {
                        Some(0 | 2) => Needles::FAMILY,
                        Some(1) => Needles::CHILD,
                        _ => 0,
                    },
                })
                .collect();
            for (p, role) in [
                (
                    format!(
                        r"{NAME}\s+(?:said|says|told\s+us|told\s+(?:her|his|their)\s+[a-z]+|explained|added|wrote|described)\s*[,:]?\s*[\x22“]"
                    ),
                    Role::Quoted,
                ),
                (
                    format!(r"[\x22”],?\s+(?:said|says|added|explained)\s+{NAME}"),
                    Role::Quoted,
                ),
                (
                    format!(
                        r"{TITLE}{RELATIVE_NAME},\s+{POSSESSIVE}\s+(?:{RELATIVES})(?-u:\b)"
                    ),
                    Role::Relative,
                ),
                (
                    format!(
                        r"(?-u:\b){POSSESSIVE}\s+(?:{RELATIVES}),?\s+{TITLE}{RELATIVE_NAME}(?-u:\b)"
                    ),
                    Role::Relative,
                ),
            ] {
                compiled.push(Context {
                    pattern: regex(&p),
                    strength: Strength::Strong,
                    role,
                    needs: if role == Role::Quoted {
                        Needles::QUOTE
                    } else {
                        Needles::FAMILY
                    },
                });
            }
            compiled
        })
    }

    pub(crate) fn scan(&self, text: &str, window: &Range<usize>, out: &mut Vec<Candidate>) {
        let hay = &text[window.clone()];
        // Most contexts in prose ("Children aged 5-15") hold no given name at all: a look-up
        // of the capitalised words is far cheaper than the context patterns.
        if !self.mentions_a_name(hay) {
            return;
        }
        let present = Needles::of(hay);
        for context in self.contexts() {
            if context.needs != 0 && present & context.needs == 0 {
                continue;
            }
            for caps in context.pattern.captures_iter(hay) {
                let found = match context.role {
                    Role::Child => self
                        .validate(text, window.start, &caps, context.strength)
                        .map(|r| (Kind::NamedChild, r)),
                    Role::Quoted => self
                        .validate_quoted(text, window.start, &caps)
                        .map(|r| (Kind::NamedChild, r)),
                    Role::Relative => self
                        .validate_relative(text, window.start, &caps)
                        .map(|r| (Kind::NamedRelative, r)),
                };
                if let Some((kind, range)) = found {
                    out.push(Candidate { kind, range });
                }
            }
        }
    }

    /// Every given name inside `range` (with a surname after it), where a label ("Child's
    /// name") has said what the cell holds; names marked as changed aside.
    pub(crate) fn scan_names(&self, text: &str, range: &Range<usize>, out: &mut Vec<Candidate>) {
        let cell = &text[range.clone()];
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in cell.char_indices().chain([(cell.len(), ' ')]) {
            let part = c.is_alphabetic() || matches!(c, '-' | '\'' | '’');
            match (part, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push(s..i);
                    start = None;
                }
                _ => {}
            }
        }
        let mut i = 0;
        while i < words.len() {
            let name = words[i].clone();
            let word = &cell[name.clone()];
            i += 1;
            if !(word.starts_with(|c: char| c.is_uppercase()) && self.is_name(word)) {
                continue;
            }
            let mut end = name.end;
            if let Some(next) = words.get(i)
                && cell[next.clone()].starts_with(|c: char| c.is_uppercase())
                && cell[name.end..next.start].trim().is_empty()
            {
                end = next.end;
                i += 1;
            }
            let found = range.start + name.start..range.start + end;
            if !self.marked_as_changed(text, &found, word) {
                out.push(Candidate {
                    kind: Kind::NamedChild,
                    range: found,
                });
            }
        }
    }

    /// Whether a capitalised word of `hay` is a given name of the list, or a title that
    /// may start a relative's name ("Mrs McLeod").
    fn mentions_a_name(&self, hay: &str) -> bool {
        hay.split(|c: char| !c.is_ascii_alphabetic() && c != '-')
            .any(|w| {
                w.len() >= 2
                    && w.starts_with(|c: char| c.is_ascii_uppercase())
                    && (self.is_name(w) || matches!(w, "Mrs" | "Mr" | "Ms" | "Miss" | "Mx"))
            })
    }

    /// A child's name in a quotation: a first name alone (a surname and a role make it a
    /// member of staff: "“...”, said Sarah Jones, lead nurse").
    fn validate_quoted(
        &self,
        text: &str,
        offset: usize,
        caps: &Captures<'_>,
    ) -> Option<Range<usize>> {
        if caps.name("second").is_some() {
            return None;
        }
        let range = self.validate(text, offset, caps, Strength::Strong)?;
        if AMBIGUOUS.contains(&&text[range.clone()])
            || self
                .checks()
                .role_after
                .is_match(after(text, range.end, 60))
        {
            return None;
        }
        Some(range)
    }

    /// A relative's or carer's name: after a title any surname ("Mrs McLeod, the child's
    /// grandmother"), else a given name first ("Karen, his mum"); never one in a staff role.
    fn validate_relative(
        &self,
        text: &str,
        offset: usize,
        caps: &Captures<'_>,
    ) -> Option<Range<usize>> {
        let name = caps.name("rname")?;
        let first = name.as_str().split_whitespace().next()?;
        let titled = caps.name("title").is_some();
        if !titled && !self.is_name(first) {
            return None;
        }
        if name
            .as_str()
            .split_whitespace()
            .any(|w| ORGANISATION_WORDS.contains(&w) || NOT_RELATIVE_NAMES.contains(&w))
        {
            return None;
        }
        let range = offset + name.start()..offset + name.end();
        if !titled
            && previous_word(text, range.start)
                .is_some_and(|(word, _)| TITLES.contains(&word.trim_end_matches('.')))
        {
            return None;
        }
        if self
            .checks()
            .role_after
            .is_match(after(text, range.end, 60))
        {
            return None;
        }
        if self.marked_as_changed(text, &range, first) {
            return None;
        }
        Some(range)
    }

    fn is_name(&self, word: &str) -> bool {
        self.names.contains(word)
            || word
                .split_once('-')
                .is_some_and(|(a, b)| self.names.contains(a) && self.names.contains(b))
    }

    /// The range of the name in `text` if this context match is a named child.
    fn validate(
        &self,
        text: &str,
        offset: usize,
        caps: &Captures<'_>,
        strength: Strength,
    ) -> Option<Range<usize>> {
        let first = caps.name("first")?;
        let second = caps.name("second");
        if second.is_some_and(|s| ORGANISATION_WORDS.contains(&s.as_str())) {
            // "The Robertson Trust (2)": an organisation, not a child.
            return None;
        }
        let (name, start, end) = if self.is_name(first.as_str()) {
            (
                first.as_str(),
                first.start(),
                second.map_or(first.end(), |s| s.end()),
            )
        } else {
            let second = second.filter(|s| self.is_name(s.as_str()))?;
            (second.as_str(), second.start(), second.end())
        };
        let range = offset + start..offset + end;
        if strength == Strength::Weak && AMBIGUOUS.contains(&name) {
            return None;
        }
        if let Some(age) = caps.name("age") {
            let value = age_value(age.as_str())?;
            let max = if strength == Strength::Strong { 25 } else { 18 };
            if !(1..=max).contains(&value)
                || self
                    .checks()
                    .range_after_age
                    .is_match(after(text, offset + age.end(), 8))
            {
                return None;
            }
        }
        if let Some(noun) = caps.name("noun")
            && self
                .checks()
                .service_after_noun
                .is_match(after(text, offset + noun.end(), 24))
        {
            return None;
        }
        let previous = previous_word(text, range.start);
        if previous.is_some_and(|(word, _)| TITLES.contains(&word.trim_end_matches('.'))) {
            return None;
        }
        if strength == Strength::Weak {
            // "Attainment Grant (12)", "Loch Ard Kyle, 3,": a capitalised word before the
            // name that does not start a sentence makes it a title, not a child.
            if let Some((word, sentence_start)) = previous
                && word.starts_with(|c: char| c.is_uppercase())
                && !sentence_start
            {
                return None;
            }
        }
        if self.marked_as_changed(text, &range, name) {
            return None;
        }
        Some(range)
    }

    /// Whether the text says this name is not the child's real one: a note on the names in
    /// general ("names have been changed") within a few pages, or a note right beside this
    /// name ("Callum (not his real name)", "we'll call him Callum") anywhere near.
    fn marked_as_changed(&self, text: &str, range: &Range<usize>, name: &str) -> bool {
        let region = around(text, range, 4000);
        let hay = &text[region.clone()];
        self.checks().changed.find_iter(hay).any(|m| {
            let marker = m.as_str().to_ascii_lowercase();
            let general = marker.contains("names") || marker.contains("pseudonyms");
            let start = region.start + m.start();
            let end = region.start + m.end();
            general
                || (range.start < start && start.saturating_sub(range.end) <= 40)
                || before(text, start, 60).contains(name)
                || after(text, end, 30).contains(name)
        })
    }
}

/// The word before `pos` (letters, digits, `.` and apostrophes) and whether a sentence
/// starts with it (nothing before it but a sentence end, a line start or a list marker).
fn previous_word(text: &str, pos: usize) -> Option<(&str, bool)> {
    let head = text[..pos].trim_end_matches([' ', '\t']);
    if head.len() == pos && pos > 0 && !text[..pos].ends_with(['\n', '(', '"', '“', '‘', '\''])
    {
        // The name is glued to what precedes it.
        return None;
    }
    let word_start = head
        .rfind(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '\'' | '’' | '-')))
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &head[word_start..];
    if word.is_empty() {
        return None;
    }
    let before_word = head[..word_start].trim_end();
    let sentence_start = before_word.is_empty()
        || before_word.ends_with(['.', '!', '?', ':', ';', '\n', '*', '-', '|', '>', '#'])
        || before_word.ends_with(|c: char| c.is_ascii_digit())
        || word.ends_with(['.', '!', '?', ':']);
    Some((word, sentence_start))
}

fn age_value(age: &str) -> Option<u32> {
    if let Ok(n) = age.parse() {
        return Some(n);
    }
    let words = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let lower = age.to_ascii_lowercase();
    words.iter().position(|w| *w == lower).map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        found_kinds(text).into_iter().map(|(_, t)| t).collect()
    }

    fn found_kinds(text: &str) -> Vec<(Kind, &str)> {
        let mut out = Vec::new();
        NamedChild::new().scan(text, &(0..text.len()), &mut out);
        out.sort_by_key(|c| c.range.start);
        out.dedup();
        out.into_iter().map(|c| (c.kind, &text[c.range])).collect()
    }

    #[test]
    fn stories() {
        assert_eq!(
            found("When Jack moved to his gran's house in Kilbride, he changed school."),
            ["Jack"]
        );
        assert_eq!(
            found("One girl, Amelia, told us she felt safe at home now."),
            ["Amelia"]
        );
        assert_eq!(
            found("A boy called Jack said the meetings helped."),
            ["Jack"]
        );
        assert_eq!(found("Her son Liam was on the register."), ["Liam"]);
        assert_eq!(found("Ava and her brother stayed together."), ["Ava"]);
        assert_eq!(found("Noah lives with his grandparents now."), ["Noah"]);
        assert_eq!(found("Amelia said, “I feel listened to.”"), ["Amelia"]);
        assert_eq!(found("“It helped,” said Amelia."), ["Amelia"]);
    }

    #[test]
    fn relatives() {
        assert_eq!(
            found_kinds("Mrs Janet McLeod, the child's grandmother, attended every meeting."),
            [(Kind::NamedRelative, "Janet McLeod")]
        );
        assert_eq!(
            found_kinds("Mrs McLeod, his gran, came too."),
            [(Kind::NamedRelative, "McLeod")]
        );
        assert_eq!(
            found_kinds("Karen Smith, the child’s mother, agreed."),
            [(Kind::NamedRelative, "Karen Smith")]
        );
        let jack = found_kinds("Jack's mum, Karen, said the plan worked.");
        assert!(jack.contains(&(Kind::NamedChild, "Jack")), "{jack:?}");
        assert!(jack.contains(&(Kind::NamedRelative, "Karen")), "{jack:?}");
    }

    #[test]
    fn staff_places_and_organisations_are_not_children() {
        for text in [
            "Dr Sarah Jones, lead paediatrician, chaired the review.",
            "“We listened,” said Sarah Jones, lead paediatrician.",
            "“We listened,” said Sarah, the CPC chair.",
            "The girl, Child A, told us she felt safe.",
            "One girl, B, told us she felt safe.",
            "A 14-year-old girl interviewed in the house told the evaluators.",
            "In May, the family moved to their new house.",
            "Mrs Grace Hay, Head Teacher of Ardlui Primary, attended.",
            "Aberlour, the children's charity, and his team helped.",
            "Parents said, “letters were frightening”.",
            "Families told us: “did things with us, not to us”.",
            "When Kilbride moved to a new model, staff were trained.",
            "His mother (not her real name: Karen) attended.",
            "Mrs Karen Reid (a pseudonym), the child's mother, attended.",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn the_name_list_is_clean() {
        let child = NamedChild::new();
        assert!(child.names.len() > 1500);
        for name in [
            "Isla", "Callum", "Kyle", "Ellie", "Sam", "Eilidh", "Muhammad", "Grace",
        ] {
            assert!(child.names.contains(name), "{name}");
        }
        for word in ["May", "Will", "Hope", "June", "Key", "Moray", "Child"] {
            assert!(!child.names.contains(word), "{word}");
        }
        for name in AMBIGUOUS {
            assert!(child.names.contains(name), "{name} is not in the list");
        }
    }

    #[test]
    fn ages() {
        assert_eq!(found("Kyle, aged 9, said"), ["Kyle"]);
        assert_eq!(found("Isla (aged 11) said"), ["Isla"]);
        assert_eq!(found("Ellie (14) said"), ["Ellie"]);
        assert_eq!(found("Sam, 12, moved school."), ["Sam"]);
        assert_eq!(found("nine-year-old Sam said"), ["Sam"]);
        assert_eq!(found("a 9 year old girl called Ava"), ["Ava"]);
        assert_eq!(found("Sam, a nine-year-old, said"), ["Sam"]);
        assert_eq!(found("Finlay, a ten-year-old, described"), ["Finlay"]);
        assert_eq!(found("Ellie Smith (14) said"), ["Ellie Smith"]);
        assert_eq!(found("Then Sam, aged 9, left"), ["Sam"]);
        assert_eq!(found("Liam, who is 8, was supported"), ["Liam"]);
        assert_eq!(found("Isla, who is now aged 11, said"), ["Isla"]);
        assert_eq!(found("Sam is 12 and lives with his gran."), ["Sam"]);
        assert_eq!(found("Ava was nine years old when she moved."), ["Ava"]);
        assert_eq!(found("The case study is about Isla, 11."), ["Isla"]);
        assert_eq!(found("**Isla**, aged 11, said"), ["Isla"]);
        assert_eq!(found("nine-year-old *Sam* said"), ["Sam"]);
    }

    #[test]
    fn care() {
        assert_eq!(found("Sam's foster carer told us"), ["Sam"]);
        assert_eq!(found("Sam’s social worker visited"), ["Sam"]);
        assert_eq!(found("Sam was placed with his gran"), ["Sam"]);
        assert_eq!(found("Eilidh was then accommodated"), ["Eilidh"]);
        assert_eq!(found("Noah moved into foster care"), ["Noah"]);
        assert_eq!(found("Grace's foster carer"), ["Grace"]);
    }

    #[test]
    fn not_children() {
        for text in [
            "Child C, aged 11, told us",
            "Young person B (15) said",
            "Callum (not his real name), 12, moved school.",
            "Callum (not his real name) moved school. Callum's foster carer said",
            "All names have been changed. Isla, aged 11, said",
            "Isla, aged 11, said she felt safe (names changed to protect identity).",
            "We will call him Callum. Callum, 12, said",
            "children aged 9",
            "pupils in Angus, aged 12-15",
            "Attainment Grant (12)",
            "Max (12)",
            "In May, 12 children were placed",
            "Mrs Grace, aged 40",
            "St Margaret's school",
            "Sam, aged 45",
            "Sam's family support service",
            "Angus's family support team",
            "Loch Ard Kyle, 3, and",
            "The Robertson Trust (2) funded posts.",
            "Liam, who is 8 years into the job",
            "Fraser was 18 when the service started",
            "The Grant is 12 months long.",
            "Sam, 12.5% of the total",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn previous_words() {
        assert_eq!(previous_word("Then Sam", 5), Some(("Then", true)));
        assert_eq!(
            previous_word("and Attainment Grant", 15),
            Some(("Attainment", false))
        );
        assert_eq!(previous_word("Sam", 0), None);
    }
}

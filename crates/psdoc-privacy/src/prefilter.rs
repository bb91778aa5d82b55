//! The prefilter: one pass over the text finds the places worth a scanner's look.
//!
//! Its parts ([`crate::triggers::parts`]) are compiled into a dense DFA by `build.rs` and
//! embedded in the binary, so a run neither compiles a regex (more than a millisecond)
//! nor builds DFA states while it searches.

use std::sync::OnceLock;

use regex_automata::dfa::{Automaton, dense, regex::Regex};
use regex_automata::util::primitives::StateID;
use regex_automata::{Anchored, HalfMatch, Input, Match};

/// Bytes aligned for a DFA's `u32` transition table, as `include_bytes!` does not promise.
#[repr(C)]
struct Aligned<B: ?Sized> {
    _align: [u32; 0],
    bytes: B,
}

static FORWARD: &Aligned<[u8]> = &Aligned {
    _align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/prefilter.forward.dfa")),
};

static REVERSE: &Aligned<[u8]> = &Aligned {
    _align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/prefilter.reverse.dfa")),
};

type Dfa = dense::DFA<&'static [u32]>;

/// Reads a DFA that build.rs serialised.
///
/// Checking a DFA's 3 MB of transitions takes close to a millisecond at every start, more
/// than the rest of a `psdoc diff`'s set-up: a release build trusts the bytes, a debug
/// build (every test run) checks them, and so does
/// `tests::the_embedded_dfas_pass_the_full_check`.
#[allow(unsafe_code)]
fn load(bytes: &'static [u8]) -> Dfa {
    let loaded = if cfg!(debug_assertions) {
        dense::DFA::from_bytes(bytes)
    } else {
        // SAFETY: `from_bytes_unchecked` requires bytes that `from_bytes` would accept.
        // These are `include_bytes!` of what build.rs wrote with `to_bytes_*_endian`, for
        // this target's byte order, with this same version of regex-automata (one version
        // in Cargo.lock serves both), and are aligned for `u32` by `Aligned`. `from_bytes`
        // accepts them in every debug build and in the test below. The unchecked
        // reader still checks the header: label, byte order, format version, alignment.
        unsafe { dense::DFA::from_bytes_unchecked(bytes) }
    };
    loaded
        .unwrap_or_else(|e| panic!("the prefilter DFA embedded at build time: {e}"))
        .0
}

fn regex() -> &'static Regex<Dfa> {
    static PREFILTER: OnceLock<Regex<Dfa>> = OnceLock::new();
    PREFILTER.get_or_init(|| {
        Regex::builder().build_from_dfas(load(&FORWARD.bytes), load(&REVERSE.bytes))
    })
}

/// Loads the prefilter, if no call has yet. The first search otherwise does.
pub(crate) fn load_now() {
    regex();
}

/// A hit: which part of the prefilter matched (an index into [`crate::triggers::parts`]
/// and `Group::ALL`), and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) part: usize,
    pub(crate) range: std::ops::Range<usize>,
}

/// The leftmost hit starting at or after `at` (looking behind `at` for word boundaries);
/// where parts match at the same start, the first part's.
pub(crate) fn find_at(text: &str, at: usize) -> Option<Hit> {
    let input = Input::new(text).range(at..);
    let found: Option<Match> = regex()
        .try_search(&input)
        // The DFA has no quit bytes (no Unicode word boundary) and never gives up.
        .unwrap_or_else(|e| panic!("the prefilter DFA stopped: {e}"));
    found.map(|m| Hit {
        part: m.pattern().as_usize(),
        range: m.range(),
    })
}

/// The first hit of each of `texts`: for each, what `find_at(text, 0)` finds.
///
/// The DFA reads a byte at a time, each step waiting on the last (the next state is
/// loaded from where the last one points); the steps of two texts do not wait on each
/// other, so this walks two texts side by side, about one and a half times as fast
/// as walking them one after the other. A file's units (lines, paragraphs, cells)
/// are mostly without identifiers: those are done with after this one pass, and the
/// others go on from their first hit.
pub(crate) fn first_hits(texts: &[&str]) -> Vec<Option<Hit>> {
    let dfa = regex().forward();
    let mut out = Vec::with_capacity(texts.len());
    let mut pairs = texts.chunks_exact(2);
    for pair in &mut pairs {
        let (a, b) = side_by_side(dfa, pair[0], pair[1]);
        out.push(a);
        out.push(b);
    }
    if let [last] = pairs.remainder() {
        out.push(find_at(last, 0));
    }
    out
}

fn start_of(dfa: &Dfa, text: &str) -> StateID {
    dfa.start_state_forward(&Input::new(text))
        .unwrap_or_else(|e| panic!("the prefilter DFA stopped: {e}"))
}

/// What a state the search loop stops at (a special state) says of a text: a hit
/// ends here (a match state), no hit to come (the dead state, which the unanchored
/// search reaches only after a match), or nothing yet (an accelerated state).
fn settled(dfa: &Dfa, sid: StateID) -> Option<bool> {
    if dfa.is_match_state(sid) {
        Some(true)
    } else if dfa.is_dead_state(sid) {
        Some(false)
    } else {
        never_quits(dfa, sid);
        None
    }
}

/// The DFA has no quit bytes (no Unicode word boundary): [`find_at`] would panic at a
/// quit state, and so does the paired search, rather than differ from it.
fn never_quits(dfa: &Dfa, sid: StateID) {
    assert!(
        !dfa.is_quit_state(sid),
        "the prefilter DFA stopped at a quit state"
    );
}

/// The first hits of `a` and `b`, their steps interleaved while neither has
/// settled.
#[allow(unsafe_code)]
fn side_by_side(dfa: &Dfa, a: &str, b: &str) -> (Option<Hit>, Option<Hit>) {
    let (mut sa, mut sb) = (start_of(dfa, a), start_of(dfa, b));
    let (ab, bb) = (a.as_bytes(), b.as_bytes());
    let both = ab.len().min(bb.len());
    let mut at = 0;
    while at < both {
        // SAFETY: `at` is below both lengths; `sa` and `sb` are states of this DFA
        // (its start states, then states its transitions lead to), as
        // `next_state_unchecked` requires.
        unsafe {
            sa = dfa.next_state_unchecked(sa, *ab.get_unchecked(at));
            sb = dfa.next_state_unchecked(sb, *bb.get_unchecked(at));
        }
        if (dfa.is_special_state(sa) || dfa.is_special_state(sb))
            && (settled(dfa, sa).is_some() || settled(dfa, sb).is_some())
        {
            return (on_from(dfa, sa, a, at), on_from(dfa, sb, b, at));
        }
        at += 1;
    }
    (
        first_hit_from(dfa, sa, a, at),
        first_hit_from(dfa, sb, b, at),
    )
}

/// The first hit of `text`, the DFA being in `sid` after reading `text[at]`.
fn on_from(dfa: &Dfa, sid: StateID, text: &str, at: usize) -> Option<Hit> {
    match settled(dfa, sid) {
        Some(true) => Some(hit_ending_from(dfa, sid, text, at)),
        Some(false) => None,
        None => first_hit_from(dfa, sid, text, at + 1),
    }
}

/// The first hit of `text`, the DFA being in `sid` before `text[at..]`.
#[allow(unsafe_code)]
fn first_hit_from(dfa: &Dfa, mut sid: StateID, text: &str, mut at: usize) -> Option<Hit> {
    let bytes = text.as_bytes();
    while at < bytes.len() {
        // SAFETY: as in `side_by_side`.
        sid = unsafe { dfa.next_state_unchecked(sid, *bytes.get_unchecked(at)) };
        if dfa.is_special_state(sid)
            && let Some(found) = settled(dfa, sid)
        {
            return found.then(|| hit_ending_from(dfa, sid, text, at));
        }
        at += 1;
    }
    let sid = dfa.next_eoi_state(sid);
    dfa.is_match_state(sid)
        .then(|| hit_ending_from(dfa, sid, text, bytes.len()))
}

/// The hit whose first match state the DFA entered on reading `text[at]` (or the
/// text's end), as the search of [`find_at`] finds it: the forward search goes on
/// to the end of the leftmost-first match (the last match state before the dead
/// state or the end), and the reverse DFA, anchored there, finds where it starts.
#[allow(unsafe_code)]
fn hit_ending_from(dfa: &Dfa, mut sid: StateID, text: &str, mut at: usize) -> Hit {
    let bytes = text.as_bytes();
    let mut end = HalfMatch::new(dfa.match_pattern(sid, 0), at);
    at += 1;
    while at < bytes.len() {
        // SAFETY: as in `side_by_side`.
        sid = unsafe { dfa.next_state_unchecked(sid, *bytes.get_unchecked(at)) };
        if dfa.is_special_state(sid) {
            if dfa.is_match_state(sid) {
                end = HalfMatch::new(dfa.match_pattern(sid, 0), at);
            } else if dfa.is_dead_state(sid) {
                return hit_with_start(text, end);
            } else {
                never_quits(dfa, sid);
            }
        }
        at += 1;
    }
    if at <= bytes.len() {
        let sid = dfa.next_eoi_state(sid);
        if dfa.is_match_state(sid) {
            end = HalfMatch::new(dfa.match_pattern(sid, 0), bytes.len());
        }
    }
    hit_with_start(text, end)
}

/// The hit ending at `end`, its start found as `Regex::try_search` finds it.
fn hit_with_start(text: &str, end: HalfMatch) -> Hit {
    let part = end.pattern().as_usize();
    let start = if end.offset() == 0 {
        0
    } else {
        let backwards = Input::new(text)
            .span(0..end.offset())
            .anchored(Anchored::Yes)
            .earliest(false);
        regex()
            .reverse()
            .try_search_rev(&backwards)
            .unwrap_or_else(|e| panic!("the prefilter DFA stopped: {e}"))
            .unwrap_or_else(|| panic!("the reverse prefilter DFA misses a hit"))
            .offset()
    };
    Hit {
        part,
        range: start..end.offset(),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use regex_automata::dfa::Automaton;

    use super::*;
    use crate::triggers::parts;

    /// The parts as one regex with a capture group each, as compiled before build.rs did.
    fn reference() -> &'static regex::Regex {
        static REFERENCE: OnceLock<regex::Regex> = OnceLock::new();
        REFERENCE.get_or_init(|| {
            let joined = parts()
                .iter()
                .map(|p| format!("({p})"))
                .collect::<Vec<_>>()
                .join("|");
            regex::Regex::new(&joined).unwrap()
        })
    }

    fn reference_at(text: &str, at: usize) -> Option<Hit> {
        let caps = reference().captures_at(text, at)?;
        let part = (1..caps.len()).find(|&i| caps.get(i).is_some())? - 1;
        Some(Hit {
            part,
            range: caps.get(0)?.range(),
        })
    }

    /// Every hit, resuming one character after each hit's start (as the detector does).
    fn all(text: &str, find: impl Fn(&str, usize) -> Option<Hit>) -> Vec<Hit> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(hit) = find(text, at) {
            let start = hit.range.start;
            at = start + text[start..].chars().next().map_or(1, char::len_utf8);
            out.push(hit);
        }
        out
    }

    fn same_hits(text: &str) {
        assert_eq!(all(text, find_at), all(text, reference_at), "in {text:?}");
    }

    /// `first_hits` of `texts`, in pairs one way and the other, and alone, is what
    /// a search of each alone finds first.
    fn same_first_hits(texts: &[&str]) {
        let one_by_one: Vec<Option<Hit>> = texts.iter().map(|t| find_at(t, 0)).collect();
        assert_eq!(first_hits(texts), one_by_one, "in {texts:?}");
        let mut reversed = texts.to_vec();
        reversed.reverse();
        let mut expected = one_by_one.clone();
        expected.reverse();
        assert_eq!(first_hits(&reversed), expected, "in {reversed:?}");
        for text in texts {
            assert_eq!(first_hits(&[text]), [find_at(text, 0)]);
        }
    }

    #[test]
    fn the_embedded_dfas_pass_the_full_check() {
        for bytes in [&FORWARD.bytes, &REVERSE.bytes] {
            let (dfa, read) = dense::DFA::from_bytes(bytes).expect("a valid DFA");
            assert_eq!(read, bytes.len());
            assert_eq!(Automaton::pattern_len(&dfa), parts().len());
        }
    }

    #[test]
    fn every_part_has_ascii_word_boundaries_only() {
        for part in parts() {
            assert_eq!(
                part.matches(r"\b").count(),
                part.matches(r"(?-u:\b)").count(),
                "a Unicode \\b in the prefilter: {part}"
            );
        }
    }

    #[test]
    fn the_embedded_dfa_finds_what_the_regex_finds() {
        for text in [
            "Her CHI 1904851231 was on the form; call 0131 496 0000 or +44 7700 900123.",
            "SCN 123456782 and candidate number 987654321. NI AB 12 34 56 C. EH12 9DN, eh12 9dn.",
            "Write to jo@example.org. Born 4 May 2015; DOB: 04/05/2015; d.o.b. 1.2.2010.",
            "Amy, aged 7, moved to 14 Mill Lane. Tom (9) is 10 years old. Kyle’s foster carer.",
            "Ellie was placed in foster care. 12 Kirkgate. Sam, 8, went into care. 3 Key Achievements.",
            "DOB is 4 May. Ryan who is now eleven. A 5-year-old. “Curly” quotes – dashes — and é.",
            "",
            "no hits at all in this lower case prose",
        ] {
            same_hits(text);
        }
    }

    #[test]
    fn texts_read_in_pairs_have_the_hits_each_has_alone() {
        same_first_hits(&[]);
        same_first_hits(&["", ""]);
        // Hits that end with their text (found at the text's end, not at a byte),
        // beside a longer text and a shorter one.
        same_first_hits(&["Her CHI 1904851231", "nothing here at all, nothing at all"]);
        same_first_hits(&["nothing here", "Her CHI 1904851231"]);
        // A hit found at the byte after it, in the longer text of a pair.
        same_first_hits(&["call 0131 496 0000", "no"]);
        // Both with hits, at different places; one much longer than the other.
        same_first_hits(&[
            "EH12 9DN",
            "a long line of prose before jo@example.org at its end",
        ]);
        same_first_hits(&["x", "y", "born"]);
    }

    #[test]
    fn the_embedded_dfa_agrees_on_the_labelled_corpus_and_the_example_statement() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let corpus =
            std::fs::read_to_string(format!("{root}/tests/corpus/identifiers.tsv")).unwrap();
        for line in corpus.lines() {
            same_hits(line);
        }
        // Its lines in pairs, as a file's units are read (half of them without a hit).
        let lines: Vec<&str> = corpus.lines().flat_map(|l| l.split('\t')).collect();
        same_first_hits(&lines);
        let hits = first_hits(&lines);
        assert!(hits.iter().any(Option::is_some) && !hits.iter().all(Option::is_some));
        same_hits(&corpus);
        for entry in std::fs::read_dir(format!("{root}/book/src")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                same_hits(&std::fs::read_to_string(path).unwrap());
            }
        }
    }

    #[test]
    fn a_search_from_inside_a_word_sees_the_word_before() {
        // "xAB 12 34 56 C" has no word boundary before "AB": no NI number there.
        let text = "xAB 12 34 56 C";
        assert_eq!(find_at(text, 1), reference_at(text, 1));
        assert_eq!(find_at(text, 1), None);
        assert_eq!(find_at(text, 0), None);
        assert_eq!(find_at("AB 12 34 56 C", 0).map(|h| h.part), Some(2));
    }

    proptest! {
        #[test]
        fn the_embedded_dfa_agrees_on_any_mix_of_fragments(
            pieces in proptest::collection::vec(prop_oneof![
                Just("Amy"), Just(" "), Just(", "), Just("aged "), Just("7"), Just("19"),
                Just("0131"), Just("-"), Just("\u{a0}"), Just("\u{2019}s "), Just("is "),
                Just("was "), Just("placed"), Just("(0"), Just("+44"), Just("Mill "),
                Just("Lane"), Just("EH12 "), Just("9DN"), Just("AB"), Just("@"), Just("x"),
                Just("born "), Just("DOB"), Just("years old"), Just("\n"), Just("é"),
                Just("SCN "), Just("Kirkgate"), Just("."), Just("Street"),
            ], 0..40)
        ) {
            same_hits(&pieces.concat());
        }

        #[test]
        fn texts_read_in_pairs_have_the_hits_each_has_alone_on_any_mix(
            texts in proptest::collection::vec(proptest::collection::vec(prop_oneof![
                Just("Amy"), Just(" "), Just(", "), Just("aged "), Just("7"), Just("19"),
                Just("0131"), Just("-"), Just("\u{a0}"), Just("\u{2019}s "), Just("is "),
                Just("placed"), Just("+44"), Just("Lane"), Just("EH12 "), Just("9DN"),
                Just("@"), Just("x"), Just("born "), Just("years old"), Just("\n"),
                Just("the partnership reviewed "), Just("é"),
            ], 0..16).prop_map(|p| p.concat()), 0..7)
        ) {
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            same_first_hits(&texts);
        }

        #[test]
        fn texts_read_in_pairs_have_the_hits_each_has_alone_on_any_text(
            texts in proptest::collection::vec(
                prop_oneof![
                    "[ -~]{0,120}",
                    "[0-9A-Za-z @+()\\-.,'\n\u{a0}\u{2019}é€😀]{0,120}",
                    any::<String>(),
                ],
                0..6,
            )
        ) {
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            same_first_hits(&texts);
        }
    }
}

//! Plain-text throughput of `Detector::find` on one core, over a generated corpus of about
//! 10 MB of position-statement prose (curly quotes, dashes, statistics, dates, references)
//! with an identifier sprinkled in about one paragraph in twenty.
//!
//! `cargo bench -p psdoc-privacy --bench detect`

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use psdoc_privacy::{CustomPattern, Detector, Settings};

fn main() {
    divan::main();
}

const TARGET_BYTES: usize = 10 * 1024 * 1024;

/// A small deterministic generator (no dependency, same corpus on every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

const SENTENCES: &[&str] = &[
    "The partnership’s child protection committee reviewed {n} initial referral discussions in 2023–24, a rise of {p}% on the previous year.",
    "Children and young people told us that “having one worker who knows my story” mattered most.",
    "Multi-agency chronologies were of a good quality in {p}% of the {n} records read during the audit.",
    "Our data set (see [E{e}]) shows that re-registrations within 24 months fell to {p}%.",
    "The Chief Officers’ Group met on {d} March 2025 and agreed the priorities for 2025–26.",
    "Neglect remains the most common concern identified at registration — {p}% of registrations in Q{q}.",
    "Learning from the significant case review was shared with {n} practitioners across health, education and social work.",
    "QI 2.1 and QI 9.4 were evaluated as good; capacity for improvement is strong.",
    "Family support hubs opened in three localities, supporting {n} families between April and September.",
    "The rate of children on the register was {p}.{q} per 1,000 children aged 0–15, below the Scottish average.",
    "Young carers’ voices shaped the new advocacy service — “they listened and things changed”.",
    "Spend on early intervention rose to £{n},{d}00 in 2024/25.",
    "Bairns’ Hoose development continued, with {n} joint interviews completed under the Scottish Child Interview Model.",
    "We will evaluate the impact of Safe and Together training through a case file audit in {d} months’ time.",
    "Children aged 5–15 took part in the survey; {p}% said they felt safe at home.",
    "The CPC’s annual report ([E{e}]) sets out progress against the improvement plan.",
    "Attendance at case conferences by health visitors improved to {p}% (from {q}0%).",
    "Table {q} shows {n} referrals, {d} registrations and {q} de-registrations in the quarter.",
];

/// Sentences with an identifier (synthetic, check digits valid where they apply).
const IDENTIFIERS: &[&str] = &[
    "Her CHI 1904851231 was written on the referral form.",
    "NHS number 943 476 5919 was in the transfer letter.",
    "The young person’s NI number AB 12 34 56 C was copied into the minutes.",
    "The family moved to EH12 9DN last year.",
    "Write to rory.mcneill@example.org for the case notes.",
    "Her mobile is 07700 900123.",
    "The baby was born on 12/03/2024 at home.",
    "Isla, aged 11, told us she felt listened to.",
    "The family lived at 22 Harbour Road.",
    "SCN 151234569 was on the results letter.",
];

fn corpus(identifier_every: usize, seed: u64) -> String {
    let mut rng = Lcg(seed);
    let mut out = String::with_capacity(TARGET_BYTES + 4096);
    let mut paragraph = 0usize;
    while out.len() < TARGET_BYTES {
        for _ in 0..4 + rng.next() % 4 {
            let s = rng
                .pick(SENTENCES)
                .replace("{n}", &(10 + rng.next() % 990).to_string())
                .replace("{p}", &(1 + rng.next() % 98).to_string())
                .replace("{d}", &(1 + rng.next() % 28).to_string())
                .replace("{e}", &(1 + rng.next() % 60).to_string())
                .replace("{q}", &(1 + rng.next() % 4).to_string());
            out.push_str(&s);
            out.push(' ');
        }
        if identifier_every > 0 && paragraph.is_multiple_of(identifier_every) {
            out.push_str(rng.pick(IDENTIFIERS));
        }
        out.push_str("\n\n");
        paragraph += 1;
    }
    out
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn prose(bencher: Bencher) {
    let text = corpus(20, 1);
    let detector = Detector::default();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| detector.find(black_box(&text)));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn prose_without_identifiers(bencher: Bencher) {
    let text = corpus(0, 2);
    let detector = Detector::default();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| detector.find(black_box(&text)));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn prose_every_paragraph(bencher: Bencher) {
    let text = corpus(1, 3);
    let detector = Detector::default();
    // The sprinkled identifiers are really found: the benchmark measures detection.
    let found = detector.find(&text);
    // (The sprinkled sentences are those of the first measurements, for comparison:
    // none names a relative.)
    for kind in psdoc_privacy::Kind::BUILTIN {
        if kind != psdoc_privacy::Kind::NamedRelative {
            assert!(found.iter().any(|i| i.kind == kind), "{kind} not found");
        }
    }
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| detector.find(black_box(&text)));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn prose_with_a_custom_pattern(bencher: Bencher) {
    let text = corpus(20, 4);
    let detector = Detector::new(&Settings {
        allow: vec![],
        area: vec![],
        patterns: vec![CustomPattern {
            name: "case reference".into(),
            regex: r"\bSW-\d{6}\b".into(),
        }],
    })
    .expect("valid pattern");
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| detector.find(black_box(&text)));
}

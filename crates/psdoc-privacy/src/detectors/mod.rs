//! One module per kind of identifier: a scanner that finds and validates candidates inside
//! a window around a hit of the prefilter (whose parts are in [`crate::triggers`]).

pub(crate) mod address;
pub(crate) mod chi;
pub(crate) mod dob;
pub(crate) mod email;
pub(crate) mod indirect;
pub(crate) mod labelled;
pub(crate) mod named_child;
pub(crate) mod nhs;
pub(crate) mod ni;
pub(crate) mod numbers;
pub(crate) mod pattern;
pub(crate) mod phone;
pub(crate) mod postcode;
pub(crate) mod scn;

use std::ops::Range;
use std::sync::OnceLock;

use crate::Kind;

/// A validated identifier before overlaps are resolved and masks computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub(crate) kind: Kind,
    pub(crate) range: Range<usize>,
}

/// The parts of the prefilter. A hit of one part runs only its scanners, and only on the
/// few hundred bytes around the hit, so the cost of a text is one pass of the prefilter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Group {
    /// Runs of digits: CHI, NHS and phone numbers (and an SCN after its name).
    Numeric,
    Scn,
    Ni,
    Postcode,
    Email,
    DateOfBirth,
    NamedChild,
    Address,
    /// One child's age or year group: an indirect identifier with a school, place or event.
    Indirect,
}

impl Group {
    /// In the order of the prefilter's parts ([`crate::triggers::parts`]). A hit inside
    /// another is found too: the search resumes just after each hit's start.
    pub(crate) const ALL: [Group; 9] = [
        Group::Numeric,
        Group::Scn,
        Group::Ni,
        Group::Postcode,
        Group::Email,
        Group::DateOfBirth,
        Group::Address,
        Group::NamedChild,
        Group::Indirect,
    ];

    /// How many bytes before and after a hit an identifier (with the context its scanner
    /// matches) may reach.
    pub(crate) fn reach(self) -> (usize, usize) {
        match self {
            Group::Numeric => (16, 24),
            Group::Scn => (40, 80),
            Group::Ni => (4, 16),
            Group::Postcode => (8, 8),
            Group::Email => (128, 256),
            Group::DateOfBirth => (60, 100),
            Group::NamedChild => (90, 90),
            Group::Address => (40, 8),
            // The scanner reads the whole sentence around the age itself.
            Group::Indirect => (0, 40),
        }
    }
}

/// The built-in scanners, each compiled the first time the prefilter needs it: a short
/// statement pays only for the scanners its text triggers (compiling all of them costs
/// several milliseconds, most of a `psdoc check`).
pub(crate) struct Scanners {
    numbers: OnceLock<numbers::TenDigits>,
    scn: OnceLock<scn::Scn>,
    ni: OnceLock<ni::NiNumber>,
    postcode: OnceLock<postcode::Postcode>,
    email: OnceLock<email::Email>,
    phone: OnceLock<phone::Phone>,
    dob: OnceLock<dob::DateOfBirth>,
    named_child: OnceLock<named_child::NamedChild>,
    address: OnceLock<address::Address>,
    indirect: OnceLock<indirect::IndirectScanner>,
}

impl Scanners {
    pub(crate) const fn new() -> Scanners {
        Scanners {
            numbers: OnceLock::new(),
            scn: OnceLock::new(),
            ni: OnceLock::new(),
            postcode: OnceLock::new(),
            email: OnceLock::new(),
            phone: OnceLock::new(),
            dob: OnceLock::new(),
            named_child: OnceLock::new(),
            address: OnceLock::new(),
            indirect: OnceLock::new(),
        }
    }

    pub(crate) fn numbers(&self) -> &numbers::TenDigits {
        self.numbers.get_or_init(numbers::TenDigits::new)
    }

    pub(crate) fn scn(&self) -> &scn::Scn {
        self.scn.get_or_init(scn::Scn::new)
    }

    pub(crate) fn ni(&self) -> &ni::NiNumber {
        self.ni.get_or_init(ni::NiNumber::new)
    }

    pub(crate) fn postcode(&self) -> &postcode::Postcode {
        self.postcode.get_or_init(postcode::Postcode::new)
    }

    pub(crate) fn dob(&self) -> &dob::DateOfBirth {
        self.dob.get_or_init(dob::DateOfBirth::new)
    }

    pub(crate) fn named_child(&self) -> &named_child::NamedChild {
        self.named_child.get_or_init(named_child::NamedChild::new)
    }

    /// The indirect identifiers around `window` (a hit of [`Group::Indirect`]).
    pub(crate) fn scan_indirect(
        &self,
        text: &str,
        window: Range<usize>,
        area: &[String],
        out: &mut Vec<indirect::Indirect>,
    ) {
        self.indirect
            .get_or_init(indirect::IndirectScanner::new)
            .scan(text, &window, area, out);
    }

    /// The candidates of `group`'s scanners inside `window` of `text`.
    pub(crate) fn scan(
        &self,
        group: Group,
        text: &str,
        window: Range<usize>,
        out: &mut Vec<Candidate>,
    ) {
        let scn = || self.scn.get_or_init(scn::Scn::new);
        match group {
            Group::Numeric => {
                self.numbers
                    .get_or_init(numbers::TenDigits::new)
                    .scan(text, &window, out);
                self.phone
                    .get_or_init(phone::Phone::new)
                    .scan(text, &window, out);
                scn().scan(text, &window, out);
            }
            Group::Scn => scn().scan(text, &window, out),
            Group::Ni => self
                .ni
                .get_or_init(ni::NiNumber::new)
                .scan(text, &window, out),
            Group::Postcode => self
                .postcode
                .get_or_init(postcode::Postcode::new)
                .scan(text, &window, out),
            Group::Email => self
                .email
                .get_or_init(email::Email::new)
                .scan(text, &window, out),
            Group::DateOfBirth => self
                .dob
                .get_or_init(dob::DateOfBirth::new)
                .scan(text, &window, out),
            Group::NamedChild => self
                .named_child
                .get_or_init(named_child::NamedChild::new)
                .scan(text, &window, out),
            Group::Address => self
                .address
                .get_or_init(address::Address::new)
                .scan(text, &window, out),
            // Not identifiers: [`Scanners::scan_indirect`] reads these.
            Group::Indirect => {}
        }
    }
}

/// Which kind wins when two candidates overlap (lower wins).
pub(crate) fn priority(kind: &Kind) -> u8 {
    match kind {
        Kind::Email => 0,
        Kind::Phone => 1,
        Kind::Chi => 2,
        Kind::NhsNumber => 3,
        Kind::Scn => 4,
        Kind::NiNumber => 5,
        Kind::Postcode => 6,
        Kind::DateOfBirth => 7,
        Kind::Address => 8,
        Kind::NamedChild => 9,
        Kind::NamedRelative => 10,
        Kind::Custom(_) => 11,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Group::ALL` and the prefilter's parts (`crate::triggers::parts`) are two lists in
    /// two files; a hit's part must name its group.
    #[test]
    fn each_groups_sample_hits_that_groups_part() {
        let samples = [
            (Group::Numeric, "number 1904851231 here"),
            (Group::Scn, "her SCN was"),
            (Group::Ni, "number AB 12 34 56 C"),
            (Group::Postcode, "moved to eh12 9dn"),
            (Group::Email, "write to jo@example.org"),
            (Group::DateOfBirth, "she was born then"),
            (Group::Address, "lives at 14 Mill Lane"),
            (Group::NamedChild, "when Ellie, aged 7, moved"),
            (Group::Indirect, "then a boy aged 14 from"),
        ];
        for (group, text) in samples {
            let hit = crate::prefilter::find_at(text, 0).expect("a hit");
            assert_eq!(Group::ALL[hit.part], group, "in {text:?}");
        }
        assert_eq!(samples.len(), Group::ALL.len());
    }
}

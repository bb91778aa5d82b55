//! Appendix 2 of the guidance: the core documents "required by the inspection team".

use serde::Serialize;

/// One item of Appendix 2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CoreDocument {
    /// The item number, 1 to 13: the value of a log entry's `core`.
    pub item: u8,
    /// The guidance's wording.
    pub title: &'static str,
    /// How many log entries the item asks for at least (CONTRACT section 5): 4 data set
    /// reports, 8 sets of minutes (or 4 per body, see [`MINUTES_BODIES`]), 2 for the
    /// plan-and-report pairs, else 1.
    pub minimum: usize,
    /// Entries of this item form a set (data set reports, minutes): never versions of one
    /// another, so `superseded-evidence` leaves them alone.
    pub set: bool,
}

/// The bodies whose minutes item 7 asks for: four sets of each.
pub const MINUTES_BODIES: [&str; 2] = ["COG", "CPC"];

/// Appendix 2 in the guidance's order.
pub const CORE_DOCUMENTS: [CoreDocument; 13] = [
    core(
        1,
        "Health and Social Care Partnership/Integration Joint Board (where children’s services are delegated to the IJB) and annual report",
        1,
        false,
    ),
    core(
        2,
        "Performance framework (or equivalent) – children’s services",
        1,
        false,
    ),
    core(
        3,
        "Multi-agency governance arrangements for protection",
        1,
        false,
    ),
    core(4, "The previous four data set reports to the CPC", 4, true),
    core(5, "Recent audit reports", 1, false),
    core(
        6,
        "Child protection committee plan and annual report",
        2,
        false,
    ),
    core(
        7,
        "The previous four sets of minutes of the Chief Officer’s group, the child protection committee",
        8,
        true,
    ),
    core(8, "Children’s services plan and progress updates", 2, false),
    core(
        9,
        "Strategic needs assessment for children’s services",
        1,
        false,
    ),
    core(
        10,
        "Results of any large surveys of the views of children, young people and families",
        1,
        false,
    ),
    core(11, "Chief social work officer’s report", 1, false),
    core(
        12,
        "Quality assurance/self-evaluation framework or equivalent",
        1,
        false,
    ),
    core(13, "Local poverty action plan", 1, false),
];

const fn core(item: u8, title: &'static str, minimum: usize, set: bool) -> CoreDocument {
    CoreDocument {
        item,
        title,
        minimum,
        set,
    }
}

/// Appendix 2 item `item`, if it exists (1..=13).
pub fn core_document(item: u8) -> Option<&'static CoreDocument> {
    CORE_DOCUMENTS.iter().find(|c| c.item == item)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirteen_items_in_order() {
        for (i, c) in CORE_DOCUMENTS.iter().enumerate() {
            assert_eq!(usize::from(c.item), i + 1);
        }
        assert_eq!(core_document(7).unwrap().minimum, 8);
        assert!(core_document(4).unwrap().set);
        assert!(core_document(14).is_none());
    }
}

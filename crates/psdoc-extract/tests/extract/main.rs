//! psdoc-extract's tests: every format with a planted sentence at a known place,
//! hostile files, limits, and arbitrary bytes (one test binary, to link once).

mod fixtures;
mod formats;
mod fuzz;
mod hostile;
/// PDFs from raw object bodies: the binary tests' writer (`tests/support`),
/// included rather than copied.
#[path = "../../../../tests/support/pdf.rs"]
mod raw_pdf;

use psdoc_extract::{Extracted, Limits, Location, NotScanned, NotScannedKind, extract_bytes};

/// Extracts with the default limits, failing the test on NotScanned.
pub fn ok(name: &str, bytes: &[u8]) -> Extracted {
    match extract_bytes(name, bytes, &Limits::default()) {
        Ok(e) => e,
        Err(n) => panic!("{name} was not scanned: {n}"),
    }
}

/// Extracts, expecting NotScanned of the given kind.
pub fn not_scanned(name: &str, bytes: &[u8], limits: &Limits, kind: NotScannedKind) -> NotScanned {
    match extract_bytes(name, bytes, limits) {
        Ok(e) => panic!("{name} was scanned, expected {kind:?}: {:?}", e.units),
        Err(n) => {
            assert_eq!(n.kind, kind, "{name}: {}", n.reason);
            n
        }
    }
}

/// Extracts with the default limits, expecting NotScanned of the given kind.
pub fn refused(name: &str, bytes: &[u8], kind: NotScannedKind) -> NotScanned {
    not_scanned(name, bytes, &Limits::default(), kind)
}

/// The location of the unit holding `needle`, failing when none does.
pub fn location_of(e: &Extracted, needle: &str) -> Location {
    e.units
        .iter()
        .find(|u| u.text.contains(needle))
        .map(|u| u.location.clone())
        .unwrap_or_else(|| panic!("no unit holds {needle:?}: {:#?}", e.units))
}

pub fn texts(e: &Extracted) -> Vec<&str> {
    e.units.iter().map(|u| u.text.as_str()).collect()
}

#[test]
fn results_can_cross_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Extracted>();
    send_sync::<NotScanned>();
    send_sync::<Limits>();
}

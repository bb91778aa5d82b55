//! Scans text files and prints each identifier masked, with its line (the identifier in it
//! masked too): `cargo run -p psdoc-privacy --example scan_files -- FILE...`.

fn main() {
    let detector = psdoc_privacy::Detector::default();
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: not readable as UTF-8 text");
            continue;
        };
        for id in detector.find(&text) {
            let line_start = text[..id.range.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[id.range.end..]
                .find('\n')
                .map_or(text.len(), |i| id.range.end + i);
            let line_no = text[..id.range.start].matches('\n').count() + 1;
            let shown = format!(
                "{}{}{}",
                &text[line_start..id.range.start],
                id.masked,
                &text[id.range.end..line_end]
            );
            println!(
                "{path}:{line_no}: {} {}\n    {}",
                id.kind,
                id.masked,
                shown.trim()
            );
        }
    }
}

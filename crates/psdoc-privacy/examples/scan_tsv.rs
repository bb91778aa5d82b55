//! Prints what the detector finds on each line of a `text<TAB>expected` file, marking lines
//! where it disagrees with `expected`: `cargo run -p psdoc-privacy --example scan_tsv FILE`.

fn main() {
    let path = std::env::args().nth(1).expect("usage: scan_tsv FILE");
    let content = std::fs::read_to_string(&path).expect("readable file");
    let detector = psdoc_privacy::Detector::default();
    let mut wrong = 0;
    for line in content.lines().skip(1) {
        let Some((text, expected)) = line.split_once('\t') else {
            continue;
        };
        let expected = expected.split_whitespace().next().unwrap_or("none");
        let text = &text.replace("\\n", "\n");
        let found: Vec<String> = detector
            .find(text)
            .iter()
            .map(|i| format!("{}={}", i.kind.name(), i.masked))
            .collect();
        let kinds: Vec<&str> = found
            .iter()
            .map(|f| f.split('=').next().unwrap_or(""))
            .collect();
        let ok = if expected == "none" {
            kinds.is_empty()
        } else {
            kinds.contains(&expected) && kinds.iter().all(|k| *k == expected)
        };
        if !ok {
            wrong += 1;
            println!("WRONG expected {expected:<13} found {found:?}\n      {text}");
        }
    }
    println!("{wrong} lines disagree");
}

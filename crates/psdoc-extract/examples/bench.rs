fn peak() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
        / 1024
}
fn main() {
    for arg in std::env::args().skip(1) {
        let size = std::fs::metadata(&arg).map(|m| m.len()).unwrap_or(0);
        let t = std::time::Instant::now();
        let r = psdoc_extract::extract(
            std::path::Path::new(&arg),
            &psdoc_extract::Limits::default(),
        );
        let el = t.elapsed();
        match r {
            Ok(e) => {
                let bytes: usize = e.units.iter().map(|u| u.text.len()).sum();
                println!(
                    "{arg}: {} units, {} text bytes, {} tables, {:?} ({:.1} MB/s of file), peak {} MiB, incomplete {:?}",
                    e.units.len(),
                    bytes,
                    e.tables.len(),
                    el,
                    size as f64 / 1e6 / el.as_secs_f64(),
                    peak(),
                    e.incomplete
                );
            }
            Err(n) => println!("{arg}: NOT SCANNED {n} {:?} peak {} MiB", el, peak()),
        }
    }
}

fn main() {
    for arg in std::env::args().skip(1) {
        match psdoc_extract::extract(
            std::path::Path::new(&arg),
            &psdoc_extract::Limits::default(),
        ) {
            Ok(e) => {
                println!("== {arg}: {}", e.format);
                for u in &e.units {
                    println!("{:<40} {}", u.location.to_string(), u.text);
                }
                for t in &e.tables {
                    println!(
                        "table {:?} rows {:?} cols {:?}",
                        t.sheet, t.row_numbers, t.column_numbers
                    );
                    for r in &t.rows {
                        println!("  {r:?}");
                    }
                }
                for i in &e.incomplete {
                    println!("incomplete: {i}");
                }
            }
            Err(n) => println!("== {arg}: NOT SCANNED ({:?}) {n}", n.kind),
        }
    }
}

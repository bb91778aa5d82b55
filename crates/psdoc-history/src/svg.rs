//! Small, self-contained SVG charts: words per section before and after (a
//! diff), and words per section over revisions (a history). Each has a
//! title and a description for screen readers, and tells its series apart
//! by pattern and label as well as colour; the page beside it carries the
//! same figures as a table.

use psdoc_core::text::{escape_html as esc, thousands};

/// A row of the before/after chart: label, words before, words after.
pub(crate) struct BarRow {
    pub label: String,
    pub before: usize,
    pub after: usize,
}

const BEFORE_FILL: &str = "#6b7280";
const AFTER_FILL: &str = "#1d4ed8";

/// Paired horizontal bars: before (hatched grey) above after (solid blue),
/// each with its figure written at its end.
pub(crate) fn before_after(id: &str, title: &str, rows: &[BarRow], from: &str, to: &str) -> String {
    let label_w = 170.0;
    let bar_w = 430.0;
    let row_h = 44.0;
    let top = 40.0;
    let width = label_w + bar_w + 90.0;
    let height = top + row_h * rows.len() as f64 + 10.0;
    let max = rows
        .iter()
        .map(|r| r.before.max(r.after))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let mut s = String::new();
    s.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" font-family=\"system-ui, sans-serif\" font-size=\"13\">\n"
    ));
    s.push_str(&format!("<title id=\"{id}-t\">{}</title>\n", esc(title)));
    let desc: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "{}: {} before, {} after",
                r.label,
                thousands(r.before),
                thousands(r.after)
            )
        })
        .collect();
    s.push_str(&format!(
        "<desc id=\"{id}-d\">{}.</desc>\n",
        esc(&desc.join("; "))
    ));
    s.push_str(&format!(
        "<defs><pattern id=\"{id}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#e5e7eb\"/><rect width=\"3\" height=\"6\" fill=\"{BEFORE_FILL}\"/></pattern></defs>\n"
    ));
    // Legend.
    s.push_str(&format!(
        "<g aria-hidden=\"true\"><rect x=\"{label_w}\" y=\"8\" width=\"16\" height=\"12\" fill=\"url(#{id}-hatch)\" stroke=\"{BEFORE_FILL}\"/><text x=\"{}\" y=\"18\">Before ({})</text><rect x=\"{}\" y=\"8\" width=\"16\" height=\"12\" fill=\"{AFTER_FILL}\"/><text x=\"{}\" y=\"18\">After ({})</text></g>\n",
        label_w + 22.0,
        esc(from),
        label_w + 200.0,
        label_w + 222.0,
        esc(to)
    ));
    for (i, r) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        let wb = bar_w * r.before as f64 / max;
        let wa = bar_w * r.after as f64 / max;
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
            label_w - 8.0,
            y + 22.0,
            esc(&r.label)
        ));
        s.push_str(&format!(
            "<rect x=\"{label_w}\" y=\"{y}\" width=\"{wb:.1}\" height=\"16\" fill=\"url(#{id}-hatch)\" stroke=\"{BEFORE_FILL}\"/><text x=\"{:.1}\" y=\"{}\" fill=\"#1f2937\">{}</text>\n",
            label_w + wb + 4.0,
            y + 13.0,
            thousands(r.before)
        ));
        s.push_str(&format!(
            "<rect x=\"{label_w}\" y=\"{}\" width=\"{wa:.1}\" height=\"16\" fill=\"{AFTER_FILL}\"/><text x=\"{:.1}\" y=\"{}\" fill=\"#1f2937\" font-weight=\"bold\">{}</text>\n",
            y + 18.0,
            label_w + wa + 4.0,
            y + 31.0,
            thousands(r.after)
        ));
    }
    s.push_str("</svg>\n");
    s
}

/// A series of the history chart: label and words at each revision.
pub(crate) struct Series {
    pub label: String,
    pub values: Vec<usize>,
}

/// Colours for up to nine series (after Okabe and Ito's palette, darkened
/// to 3:1 against white or better), each also drawn with its own dash
/// pattern and marker, so no series is told by colour alone.
const COLOURS: [&str; 9] = [
    "#0072B2", "#D55E00", "#007A5E", "#B0307F", "#8B6D00", "#2F6F9F", "#000000", "#6A3D9A",
    "#A0522D",
];
const DASHES: [&str; 9] = [
    "", "6 3", "2 3", "8 3 2 3", "", "6 3", "2 3", "8 3 2 3", "4 2",
];

/// Lines of words per section over revisions, with the total and the limit
/// on a second chart above.
pub(crate) fn over_time(
    id: &str,
    title: &str,
    revisions: &[String],
    series: &[Series],
    totals: &[usize],
    limits: &[u32],
) -> String {
    let left = 60.0;
    let right = 190.0;
    let plot_w = 520.0;
    let plot_h = 220.0;
    let gap = 70.0;
    let top = 30.0;
    let width = left + plot_w + right;
    let height = top + plot_h * 2.0 + gap + 60.0;
    let n = revisions.len().max(1);
    let x = |i: usize| {
        if n == 1 {
            left + plot_w / 2.0
        } else {
            left + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let mut s = String::new();
    s.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" font-family=\"system-ui, sans-serif\" font-size=\"12\">\n"
    ));
    s.push_str(&format!("<title id=\"{id}-t\">{}</title>\n", esc(title)));
    let desc: Vec<String> = revisions
        .iter()
        .enumerate()
        .map(|(i, r)| {
            format!(
                "{r}: {} words of {}",
                thousands(totals[i]),
                thousands(limits[i] as usize)
            )
        })
        .collect();
    s.push_str(&format!(
        "<desc id=\"{id}-d\">Total words by revision: {}. The table below gives every section's figures.</desc>\n",
        esc(&desc.join("; "))
    ));

    // Upper chart: total against the limit.
    let max_total = totals
        .iter()
        .copied()
        .chain(limits.iter().map(|&l| l as usize))
        .max()
        .unwrap_or(1)
        .max(1) as f64
        * 1.1;
    let y1 = |v: f64| top + plot_h - plot_h * v / max_total;
    s.push_str(&axes(left, top, plot_w, plot_h, max_total, "Total words"));
    let limit_pts: Vec<String> = limits
        .iter()
        .enumerate()
        .map(|(i, &l)| format!("{:.1},{:.1}", x(i), y1(l as f64)))
        .collect();
    s.push_str(&format!(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#b91c1c\" stroke-width=\"2\" stroke-dasharray=\"8 4\"/>\n",
        limit_pts.join(" ")
    ));
    if let Some(&last) = limits.last() {
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#b91c1c\">limit {}</text>\n",
            left + plot_w + 8.0,
            y1(last as f64) + 4.0,
            thousands(last as usize)
        ));
    }
    let total_pts: Vec<String> = totals
        .iter()
        .enumerate()
        .map(|(i, &t)| format!("{:.1},{:.1}", x(i), y1(t as f64)))
        .collect();
    s.push_str(&format!(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#111827\" stroke-width=\"2.5\"/>\n",
        total_pts.join(" ")
    ));
    for (i, &t) in totals.iter().enumerate() {
        s.push_str(&format!(
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"#111827\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\n",
            x(i),
            y1(t as f64),
            x(i),
            y1(t as f64) - 8.0,
            thousands(t)
        ));
    }
    if let Some(&last) = totals.last() {
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-weight=\"bold\">total</text>\n",
            left + plot_w + 8.0,
            y1(last as f64) + 16.0
        ));
    }

    // Lower chart: each section.
    let top2 = top + plot_h + gap;
    let max_section = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(1)
        .max(1) as f64
        * 1.1;
    let y2 = |v: f64| top2 + plot_h - plot_h * v / max_section;
    s.push_str(&axes(
        left,
        top2,
        plot_w,
        plot_h,
        max_section,
        "Words per section",
    ));
    for (k, ser) in series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let dash = DASHES[k % DASHES.len()];
        let pts: Vec<String> = ser
            .values
            .iter()
            .enumerate()
            .map(|(i, &v)| format!("{:.1},{:.1}", x(i), y2(v as f64)))
            .collect();
        s.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{}/>\n",
            pts.join(" "),
            if dash.is_empty() {
                String::new()
            } else {
                format!(" stroke-dasharray=\"{dash}\"")
            }
        ));
        for (i, &v) in ser.values.iter().enumerate() {
            s.push_str(&marker(k, x(i), y2(v as f64), colour));
        }
        // Legend at the right, in the order of the series.
        let ly = top2 + 10.0 + 22.0 * k as f64;
        let lx = left + plot_w + 14.0;
        s.push_str(&format!(
            "<line x1=\"{lx}\" y1=\"{ly}\" x2=\"{}\" y2=\"{ly}\" stroke=\"{colour}\" stroke-width=\"2\"{}/>{}<text x=\"{}\" y=\"{}\">{}</text>\n",
            lx + 28.0,
            if dash.is_empty() { String::new() } else { format!(" stroke-dasharray=\"{dash}\"") },
            marker(k, lx + 14.0, ly, colour),
            lx + 34.0,
            ly + 4.0,
            esc(&ser.label)
        ));
    }
    // Revision labels under the lower chart.
    for (i, r) in revisions.iter().enumerate() {
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" transform=\"rotate(-30 {:.1} {:.1})\">{}</text>\n",
            x(i),
            top2 + plot_h + 18.0,
            x(i),
            top2 + plot_h + 18.0,
            esc(r)
        ));
    }
    s.push_str("</svg>\n");
    s
}

/// A distinct marker shape per series.
fn marker(k: usize, x: f64, y: f64, colour: &str) -> String {
    match k % 3 {
        0 => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"{colour}\"/>"),
        1 => format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"7\" height=\"7\" fill=\"{colour}\"/>",
            x - 3.5,
            y - 3.5
        ),
        _ => format!(
            "<path d=\"M{:.1},{:.1} L{:.1},{:.1} L{:.1},{:.1} Z\" fill=\"{colour}\"/>",
            x,
            y - 4.5,
            x + 4.5,
            y + 3.5,
            x - 4.5,
            y + 3.5
        ),
    }
}

fn axes(left: f64, top: f64, w: f64, h: f64, max: f64, label: &str) -> String {
    let mut s = format!(
        "<text x=\"{left}\" y=\"{:.1}\" font-weight=\"bold\">{}</text>\n<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{:.1}\" stroke=\"#374151\"/><line x1=\"{left}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#374151\"/>\n",
        top - 10.0,
        esc(label),
        top + h,
        top + h,
        left + w,
        top + h
    );
    let step = nice_step(max / 4.0);
    let mut v = 0.0;
    while v <= max {
        let y = top + h - h * v / max;
        s.push_str(&format!(
            "<line x1=\"{left}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#e5e7eb\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#374151\">{}</text>\n",
            left + w,
            left - 6.0,
            y + 4.0,
            thousands(v as usize)
        ));
        v += step;
    }
    s
}

/// 1, 2 or 5 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if raw <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(raw.log10().floor());
    for m in [1.0, 2.0, 5.0, 10.0] {
        if m * p >= raw {
            return m * p;
        }
    }
    10.0 * p
}

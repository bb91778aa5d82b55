//! Plain-text tables with aligned columns, for terminal output: a header,
//! a rule under it, and optionally a rule above a closing total row.

/// How a column lines up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Rows of cells, printed with columns padded to their widest cell and two
/// spaces between columns.
#[derive(Debug, Clone)]
pub struct Table {
    rows: Vec<Vec<String>>,
    align: Vec<Align>,
    rule_above_total: bool,
}

impl Table {
    /// A table with this header; `left` columns from the start line up on
    /// the left, the others (figures) on the right.
    pub fn new(header: Vec<String>, left: usize) -> Self {
        let align = (0..header.len())
            .map(|c| if c < left { Align::Left } else { Align::Right })
            .collect();
        Table {
            rows: vec![header],
            align,
            rule_above_total: false,
        }
    }

    /// Draws a rule above the last row too (a total).
    pub fn with_total(mut self) -> Self {
        self.rule_above_total = true;
        self
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// The table, each line trimmed at its end and ended by a newline. The
    /// rules are as wide as the columns and the gaps between them.
    pub fn render(&self) -> String {
        let columns = self.align.len();
        let widths: Vec<usize> = (0..columns)
            .map(|c| {
                self.rows
                    .iter()
                    .map(|r| r.get(c).map_or(0, |cell| cell.chars().count()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let rule = "-".repeat(widths.iter().sum::<usize>() + 2 * columns.saturating_sub(1));
        let last = self.rows.len() - 1;
        let mut out = String::new();
        for (i, row) in self.rows.iter().enumerate() {
            if i == last && i > 0 && self.rule_above_total {
                out.push_str(&rule);
                out.push('\n');
            }
            let cells: Vec<String> = (0..columns)
                .map(|c| {
                    let cell = row.get(c).map_or("", String::as_str);
                    let pad = " ".repeat(widths[c] - cell.chars().count());
                    match self.align[c] {
                        Align::Left => format!("{cell}{pad}"),
                        Align::Right => format!("{pad}{cell}"),
                    }
                })
                .collect();
            out.push_str(cells.join("  ").trim_end());
            out.push('\n');
            if i == 0 {
                out.push_str(&rule);
                out.push('\n');
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_and_rules_frame_the_total() {
        let mut table = Table::new(vec!["Section".into(), "Words".into()], 1).with_total();
        table.push(vec!["Data".into(), "1,234".into()]);
        table.push(vec!["Total".into(), "5".into()]);
        assert_eq!(
            table.render(),
            "Section  Words\n--------------\nData     1,234\n--------------\nTotal        5\n"
        );
    }
}

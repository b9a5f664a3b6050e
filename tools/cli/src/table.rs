//! The scorecard as a terminal table shaped like the original document:
//! 序号, 督查指标, 量化分值, 得分情况, 扣分原因, fitted to the terminal width.

use ducha::{Decimal, IndicatorOutcome, ItemOutcome, Scorecard};

use crate::wrap::{pad, shown, width, wrap};

/// The table width when neither `--width` nor `COLUMNS` gives one.
pub const DEFAULT_WIDTH: usize = 120;

/// The gap between two columns.
const GAP: &str = "  ";

/// The width to fit: `--width`, else `COLUMNS` if it is a number in range,
/// else [`DEFAULT_WIDTH`].
pub fn target_width(flag: Option<usize>, columns: Option<&str>) -> usize {
    flag.or_else(|| {
        columns
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|w| (crate::args::MIN_WIDTH..=crate::args::MAX_WIDTH).contains(w))
    })
    .unwrap_or(DEFAULT_WIDTH)
}

/// A table: column widths and the text so far.
#[derive(Debug)]
pub struct Table {
    widths: Vec<usize>,
    out: String,
}

impl Table {
    /// A table with these column widths.
    pub fn new(widths: Vec<usize>) -> Table {
        Table {
            widths,
            out: String::new(),
        }
    }

    /// The width of a full line.
    pub fn total_width(&self) -> usize {
        self.widths.iter().sum::<usize>() + GAP.len() * self.widths.len().saturating_sub(1)
    }

    /// A horizontal rule across the table.
    pub fn rule(&mut self) {
        let line = "-".repeat(self.total_width());
        self.out.push_str(&line);
        self.out.push('\n');
    }

    /// A line of text across the whole table, wrapped.
    pub fn text(&mut self, text: &str) {
        for line in wrap(text, self.total_width()) {
            self.out.push_str(&line);
            self.out.push('\n');
        }
    }

    /// A row: each cell wrapped to its column, the row as tall as its
    /// tallest cell. Numeric columns (`right[i]`) are right-aligned.
    pub fn row(&mut self, cells: &[&str], right: &[bool]) {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(&self.widths)
            .map(|(cell, &w)| wrap(cell, w))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for i in 0..height {
            let mut line = String::new();
            for (col, (cell, &w)) in wrapped.iter().zip(&self.widths).enumerate() {
                let text = cell.get(i).map_or("", String::as_str);
                if col > 0 {
                    line.push_str(GAP);
                }
                if right.get(col).copied().unwrap_or(false) {
                    line.push_str(&" ".repeat(w.saturating_sub(width(text))));
                    line.push_str(text);
                } else {
                    line.push_str(&pad(text, w));
                }
            }
            self.out.push_str(line.trim_end());
            self.out.push('\n');
        }
    }

    /// The text of the table.
    pub fn finish(self) -> String {
        self.out
    }
}

/// The widths of the scorecard's columns for a table `total` wide, and
/// the headings of its middle three columns: 序号 as wide as its widest
/// serial, 量化分值 and 得分情况 as wide as their headings, 督查指标 a
/// quarter of the rest (at most 20), 扣分原因 the rest. Below
/// [`FULL_WIDTH`] columns they are headed 指标, 分值 and 得分, and the
/// number columns are as wide as their widest number, so that the table
/// still fits.
fn scorecard_widths(card: &Scorecard<'_>, total: usize) -> (Vec<usize>, [&'static str; 3]) {
    let serial = card
        .items()
        .map(|i| width(&shown(&i.item().serial)))
        .chain([width("序号")])
        .max()
        .unwrap_or(4)
        .min(10);
    let (headings, least) = if total >= FULL_WIDTH {
        (["督查指标", "量化分值", "得分情况"], (8, 16))
    } else {
        (["指标", "分值", "得分"], (6, 8))
    };
    let widest = |f: &dyn Fn(&ItemOutcome<'_>) -> Decimal, total: Decimal| {
        card.items()
            .map(|i| width(&f(&i).normalize().to_string()))
            .chain([width(&total.normalize().to_string())])
            .max()
            .unwrap_or(0)
    };
    let points = widest(&|i| i.points(), card.points()).max(width(headings[1]));
    let score = widest(&|i| i.score(), card.score()).max(width(headings[2]));
    let fixed = serial + points + score + 4 * GAP.len();
    let rest = total.saturating_sub(fixed);
    let indicator = (rest / 4).clamp(least.0, 20);
    let reason = rest.saturating_sub(indicator).max(least.1);
    (vec![serial, indicator, points, score, reason], headings)
}

/// The narrowest table with the full headings of the original.
const FULL_WIDTH: usize = 52;

/// Right-aligned: the two number columns.
const RIGHT: [bool; 5] = [false, false, true, true, false];

/// The scorecard as a table `total` columns wide.
pub fn scorecard(card: &Scorecard<'_>, total: usize) -> String {
    let rubric = card.rubric();
    let (widths, [indicator_heading, points_heading, score_heading]) =
        scorecard_widths(card, total);
    let mut table = Table::new(widths);
    table.text(rubric.title());
    let mut about = Vec::new();
    let version = &rubric.spec().version;
    if !version.trim().is_empty() {
        about.push(format!("版本：{version}"));
    }
    if let Some(period) = card.period() {
        about.push(format!("考核期间：{}至{}", period.from(), period.to()));
    }
    if let Some(as_of) = card.as_of() {
        about.push(format!("评估日期：{as_of}"));
    }
    if !about.is_empty() {
        table.text(&about.join("  "));
    }
    table.rule();
    table.row(
        &[
            "序号",
            indicator_heading,
            points_heading,
            score_heading,
            "扣分原因",
        ],
        &[],
    );
    for indicator in card.indicators() {
        table.rule();
        indicator_rows(&indicator, &mut table);
    }
    table.rule();
    let points = card.points().normalize().to_string();
    let score = card.score().normalize().to_string();
    let deducted = format!("共扣{}分", card.deducted().normalize());
    table.row(&["合计", "", &points, &score, &deducted], &RIGHT);
    let mut out = table.finish();
    let missing: Vec<String> = card
        .rules()
        .filter(|r| !r.assessed())
        .map(|r| format!("{}（{}）", r.id(), r.rule().label))
        .collect();
    if !missing.is_empty() {
        out.push('\n');
        let note = format!("未检查（检查记录中无此项）：{}", missing.join("；"));
        for line in wrap(&note, total) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// The rows of an indicator's items; its name shows on its first row
/// only, as the merged cell of the original. Finer indicators come first,
/// each with its own name.
fn indicator_rows(indicator: &IndicatorOutcome<'_>, table: &mut Table) {
    for child in indicator.indicators() {
        indicator_rows(&child, table);
    }
    let mut name = indicator.indicator().name.as_str();
    for item in indicator.items() {
        let points = item.points().normalize().to_string();
        let score = item.score().normalize().to_string();
        let reason = item.reason();
        table.row(
            &[&item.item().serial, name, &points, &score, &reason],
            &RIGHT,
        );
        name = "";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_comes_from_the_flag_then_columns() {
        assert_eq!(target_width(Some(80), Some("200")), 80, "the flag wins");
        assert_eq!(target_width(None, Some("200")), 200, "then COLUMNS");
        assert_eq!(
            target_width(None, Some(" 90 ")),
            90,
            "spaces around are fine"
        );
        assert_eq!(
            target_width(None, Some("wide")),
            120,
            "not a number: the default"
        );
        assert_eq!(
            target_width(None, Some("5")),
            120,
            "too narrow: the default"
        );
        assert_eq!(target_width(None, None), 120, "nothing: the default");
    }

    #[test]
    fn rows_wrap_and_align() {
        let mut table = Table::new(vec![4, 6, 4]);
        table.row(&["1", "一二三四五", "10"], &[false, false, true]);
        assert_eq!(table.finish(), "1     一二三    10\n      四五\n");
    }

    #[test]
    fn every_line_fits_the_width() {
        let rubric = ducha::seed::yuxi();
        let inspection: ducha::Inspection =
            ducha::json::from_str(include_str!("../../../examples/data/yuxi-sample.json")).unwrap();
        let card = rubric.evaluate(&inspection).unwrap();
        for total in [40, 41, 45, 50, 51, 52, 60, 80, 100, 120, 160] {
            let text = scorecard(&card, total);
            let full = text.contains("量化分值") && text.contains("得分情况");
            assert_eq!(full, total >= FULL_WIDTH, "the headings at width {total}");
            for line in text.lines() {
                assert!(width(line) <= total, "wider than {total}: {line:?}");
            }
            assert!(
                text.contains("2026-04-01"),
                "the date stays whole at width {total}"
            );
        }
    }

    /// The columns of a line from display column `from` on.
    fn from_column(line: &str, from: usize) -> String {
        let mut at = 0;
        let mut out = String::new();
        for c in line.chars() {
            if at >= from {
                out.push(c);
            }
            at += crate::wrap::char_width(c);
        }
        out
    }

    /// At every width from 40 to 200, the reason column never starts a
    /// line with closing punctuation nor ends one with opening
    /// punctuation, and every date, number and id of the reasons stays
    /// whole.
    #[test]
    fn reasons_break_by_the_rules_at_every_width() {
        let rubric = ducha::seed::yuxi();
        let inspection: ducha::Inspection =
            ducha::json::from_str(include_str!("../../../examples/data/yuxi-sample.json")).unwrap();
        let card = rubric.evaluate(&inspection).unwrap();
        // The runs of word characters in the reasons: dates, amounts, ids.
        let mut runs: Vec<String> = Vec::new();
        for item in card.items() {
            let reason = item.reason();
            let mut run = String::new();
            for c in reason.chars().chain([' ']) {
                if c.is_ascii_alphanumeric() || ".-:%/_".contains(c) {
                    run.push(c);
                } else if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
        }
        assert!(runs.iter().any(|r| r == "2026-04-01"), "{runs:?}");
        for total in 40..=200 {
            let (widths, _) = scorecard_widths(&card, total);
            let reason_at: usize = widths[..4].iter().sum::<usize>() + 4 * GAP.len();
            let text = scorecard(&card, total);
            // The rows, from the heading row to the total (the title
            // lines above are wrapped as text, not as the reason column).
            let table_start = text.find("\n序号").unwrap();
            let table_end = text.find("\n合计").unwrap();
            let body: String = text[table_start..table_end].to_owned();
            // Rejoined per line of the reason column, every run is intact.
            for line in body.lines() {
                let reason = from_column(line, reason_at);
                let first = reason.chars().next();
                let last = reason.chars().last();
                if let Some(first) = first {
                    assert!(
                        !"，。：；、）」』”’》〉】！？…".contains(first),
                        "width {total}: a reason line starts with {first:?}: {line:?}"
                    );
                }
                if let Some(last) = last {
                    assert!(
                        !"（「『“‘《〈【".contains(last),
                        "width {total}: a reason line ends with {last:?}: {line:?}"
                    );
                }
            }
            for run in runs.iter().filter(|r| r.chars().count() <= widths[4]) {
                assert!(text.contains(run.as_str()), "width {total}: {run} split");
            }
            // A continuation line (no serial) never goes on with the run
            // its line above ended with.
            let longest = runs.iter().map(|r| r.chars().count()).max().unwrap_or(0);
            if widths[4] >= longest {
                let lines: Vec<&str> = body.lines().collect();
                for pair in lines.windows(2) {
                    let above = from_column(pair[0], reason_at);
                    let below = from_column(pair[1], reason_at);
                    let continues = pair[1].starts_with(' ');
                    let end = above.chars().last().unwrap_or(' ');
                    let start = below.chars().next().unwrap_or(' ');
                    let word = |c: char| c.is_ascii_alphanumeric() || ".-:%/_".contains(c);
                    assert!(
                        !(continues && word(end) && word(start)),
                        "width {total}: a run split: {above:?} / {below:?}"
                    );
                }
            }
        }
    }
}

//! The filled-in 督查细则, rendered: HTML, Markdown and CSV as strings (the
//! library still does no I/O).
//!
//! - [`html`]: one self-contained page (inline CSS, no script, nothing
//!   fetched) shaped like the original document: its seven columns 序号,
//!   督查指标, 量化分值, 绩效要求, 督查评分标准, 得分情况, 扣分原因, the indicator
//!   cell merged over its items' rows, the total row (合计), and where the
//!   rubric has them the bonus and penalty sections, the final score and
//!   grade, the vetoes that fired and the rescaled base. Clauses not
//!   assessed and items or clauses not applicable are marked and explained
//!   in a legend. It prints on A4 landscape with the header row repeated on
//!   every page.
//! - [`markdown`]: the same table, GitHub style.
//! - [`csv`]: the same columns and rows as RFC 4180 CSV (CRLF, UTF-8,
//!   optionally with the byte-order mark that Excel needs).
//! - [`batch_html`], [`batch_markdown`], [`batch_csv`]: a [`Batch`] as a
//!   ranking (ties share a place, shown as 并列), the entries kept apart
//!   (incomplete, failed with their error), what each clause cost and how
//!   each item scored.
//!
//! Every renderer is a pure function of its input: the same scorecard gives
//! the same bytes, every text is escaped for its format (a name may hold
//! `<`, `|`, `"` or a line break), amounts are printed as the scorecard has
//! them (exact decimals, no trailing zeros: `69.5`), and nothing panics.
//!
//! ```
//! use ducha::render::{self, HtmlOptions};
//!
//! let rubric = ducha::seed::yuxi();
//! let inspection = ducha::Inspection::new().with("2b", true)?;
//! let card = rubric.evaluate(&inspection)?;
//!
//! let page = render::html(&card, &HtmlOptions::new().with_assessee("甲县教育体育局"));
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! assert!(page.contains(r#"<table class="ducha-card""#));
//! assert!(page.contains(r#"<td class="score">97.5</td>"#));
//!
//! assert!(render::markdown(&card).contains("\n| 合计 |  | 100 |  |  | 97.5 | 共扣2.5分 |\n"));
//! assert!(render::csv(&card, false).ends_with("合计,,100,,,97.5,共扣2.5分\r\n"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::fmt::Display;

use rust_decimal::Decimal;

use crate::batch::{Batch, Incomplete, NodeSummary, RuleSummary, Summary};
use crate::{
    Children, Gate, Indicator, IndicatorReport, Item, ItemReport, Rule, RuleReport, Scorecard,
    VetoScope,
};

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

/// What [`html`] prints beyond the scorecard itself.
///
/// ```
/// use ducha::render::HtmlOptions;
///
/// let options = HtmlOptions::new().with_assessee("红塔区教育体育局");
/// assert_eq!(options.assessee.as_deref(), Some("红塔区教育体育局"));
/// assert_eq!(HtmlOptions::default().assessee, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct HtmlOptions {
    /// The assessee's name (被考核单位), printed under the title; `None`:
    /// not printed.
    pub assessee: Option<String>,
}

impl HtmlOptions {
    /// The default options: no assessee name.
    ///
    /// ```
    /// assert_eq!(ducha::render::HtmlOptions::new(), Default::default());
    /// ```
    pub fn new() -> HtmlOptions {
        HtmlOptions::default()
    }

    /// The same options, printing `name` as the assessee.
    ///
    /// ```
    /// let options = ducha::render::HtmlOptions::new().with_assessee("甲局");
    /// assert_eq!(options.assessee.as_deref(), Some("甲局"));
    /// ```
    #[must_use]
    pub fn with_assessee(mut self, name: impl Into<String>) -> HtmlOptions {
        self.assessee = Some(name.into());
        self
    }
}

/// The order of the per-clause summary of a batch report.
///
/// ```
/// use ducha::render::RuleOrder;
///
/// assert_eq!(RuleOrder::default(), RuleOrder::Costliest);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum RuleOrder {
    /// The clauses that cost points first, most points first (ties in
    /// document order), then the others in document order.
    #[default]
    Costliest,
    /// Document order; the costliest clauses are highlighted all the same.
    Document,
}

/// An entry a host could not even read into an inspection (a file that is
/// not JSON, a line that is not an entry): a batch report lists it with the
/// entries that failed, after them.
///
/// ```
/// let unread = ducha::render::Unreadable::new("13", "13", "error[syntax]: 13.json: EOF while parsing");
/// assert_eq!(unread.id, "13");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Unreadable {
    /// The assessee's id (a file name, a line number).
    pub id: String,
    /// The assessee's name, as far as it is known.
    pub name: String,
    /// Why it could not be read.
    pub message: String,
}

impl Unreadable {
    /// An entry `id` named `name` that could not be read, and why.
    ///
    /// ```
    /// let unread = ducha::render::Unreadable::new("a", "甲局", "not UTF-8");
    /// assert_eq!((unread.name.as_str(), unread.message.as_str()), ("甲局", "not UTF-8"));
    /// ```
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        message: impl Into<String>,
    ) -> Unreadable {
        Unreadable {
            id: id.into(),
            name: name.into(),
            message: message.into(),
        }
    }
}

/// What a batch report ([`batch_html`], [`batch_markdown`], [`batch_csv`])
/// ranks and how it orders the clauses.
///
/// ```
/// use ducha::batch::Incomplete;
/// use ducha::render::{BatchOptions, RuleOrder};
///
/// let options = BatchOptions::new()
///     .with_incomplete(Incomplete::Rank)
///     .with_rule_order(RuleOrder::Document)
///     .with_title("2026年度“双随机、一公开”监管工作考核排名");
/// assert_eq!(options.incomplete, Incomplete::Rank);
/// assert_eq!(BatchOptions::default().rule_order, RuleOrder::Costliest);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct BatchOptions {
    /// Whether inspections that left rules unassessed are ranked or listed
    /// apart (the default, [`Incomplete::Apart`]).
    pub incomplete: Incomplete,
    /// The order of the per-clause summary.
    pub rule_order: RuleOrder,
    /// The report's title; `None`: the rubric's title followed by `：考核排名`.
    pub title: Option<String>,
    /// Entries the host could not read, listed after the failed ones.
    pub unreadable: Vec<Unreadable>,
}

impl BatchOptions {
    /// The default options.
    ///
    /// ```
    /// assert_eq!(ducha::render::BatchOptions::new(), Default::default());
    /// ```
    pub fn new() -> BatchOptions {
        BatchOptions::default()
    }

    /// The same options, ranking incomplete inspections or not.
    ///
    /// ```
    /// use ducha::batch::Incomplete;
    /// let options = ducha::render::BatchOptions::new().with_incomplete(Incomplete::Rank);
    /// assert_eq!(options.incomplete, Incomplete::Rank);
    /// ```
    #[must_use]
    pub fn with_incomplete(mut self, incomplete: Incomplete) -> BatchOptions {
        self.incomplete = incomplete;
        self
    }

    /// The same options, ordering the clauses by `order`.
    ///
    /// ```
    /// use ducha::render::{BatchOptions, RuleOrder};
    /// let options = BatchOptions::new().with_rule_order(RuleOrder::Document);
    /// assert_eq!(options.rule_order, RuleOrder::Document);
    /// ```
    #[must_use]
    pub fn with_rule_order(mut self, order: RuleOrder) -> BatchOptions {
        self.rule_order = order;
        self
    }

    /// The same options, with this title.
    ///
    /// ```
    /// let options = ducha::render::BatchOptions::new().with_title("排名");
    /// assert_eq!(options.title.as_deref(), Some("排名"));
    /// ```
    #[must_use]
    pub fn with_title(mut self, title: impl Into<String>) -> BatchOptions {
        self.title = Some(title.into());
        self
    }

    /// The same options, with one more entry that could not be read.
    ///
    /// ```
    /// use ducha::render::{BatchOptions, Unreadable};
    /// let options = BatchOptions::new().with_unreadable(Unreadable::new("x", "x", "not JSON"));
    /// assert_eq!(options.unreadable.len(), 1);
    /// ```
    #[must_use]
    pub fn with_unreadable(mut self, entry: Unreadable) -> BatchOptions {
        self.unreadable.push(entry);
        self
    }
}

// ---------------------------------------------------------------------------
// The scorecard as rows: one model for the three formats
// ---------------------------------------------------------------------------

/// The seven columns of the original document.
const COLUMNS: [&str; 7] = [
    "序号",
    "督查指标",
    "量化分值",
    "绩效要求",
    "督查评分标准",
    "得分情况",
    "扣分原因",
];

/// The class of each column's cells in the HTML table.
const COLUMN_CLASSES: [&str; 7] = [
    "serial",
    "indicator",
    "points",
    "requirement",
    "standard",
    "score",
    "reason",
];

/// What the mark of a clause not assessed says.
const NOT_ASSESSED: &str = "未检查";
/// What the mark of an item or clause not applicable says.
const NOT_APPLICABLE: &str = "不适用";
/// The separator of an indicator path.
const PATH_SEP: &str = " › ";

/// How a clause stands in the inspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// It deducted (or, in the bonus section, credited) points.
    Hit,
    /// It was assessed and cost nothing.
    Clear,
    /// No fact was recorded for it.
    NotAssessed,
    /// The inspection marked it, or its item, not applicable.
    NotApplicable,
}

impl State {
    fn of(rule: &RuleReport<'_>) -> State {
        if rule.applicable == Some(false) {
            State::NotApplicable
        } else if !rule.assessed {
            State::NotAssessed
        } else if rule.deducted.is_zero() {
            State::Clear
        } else {
            State::Hit
        }
    }

    fn class(self, kind: Kind) -> &'static str {
        match self {
            State::Hit if kind == Kind::Bonus => "credited",
            State::Hit => "deducted",
            State::Clear => "clear",
            State::NotAssessed => "not-assessed",
            State::NotApplicable => "not-applicable",
        }
    }

    fn mark(self) -> Option<&'static str> {
        match self {
            State::NotAssessed => Some(NOT_ASSESSED),
            State::NotApplicable => Some(NOT_APPLICABLE),
            State::Hit | State::Clear => None,
        }
    }
}

/// Where a row belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Indicator,
    Bonus,
    Penalty,
}

/// One clause of an item's scoring standard.
#[derive(Debug)]
struct Clause {
    id: String,
    label: String,
    text: String,
    state: State,
    amount: Decimal,
    /// Whether its veto fired.
    fired: bool,
}

/// A finer indicator between a top-level indicator and an item.
#[derive(Debug, Clone)]
struct Step {
    id: String,
    name: String,
    points: Decimal,
    score: Decimal,
    /// Its weight and weighted score, where it is weighted (折算).
    weighted: Option<(Decimal, Decimal)>,
}

/// One item: a row of the table.
#[derive(Debug)]
struct Row {
    id: String,
    serial: String,
    points: Decimal,
    requirement: String,
    /// The item's standard as printed: shown where it has no rules.
    standard: String,
    /// The finer indicators above the item, below its group.
    path: Vec<Step>,
    /// Whether this is the first row under its path (the path is shown).
    path_starts: bool,
    clauses: Vec<Clause>,
    /// The score as shown: `8`, or `+2` in the bonus section, `-3` in the
    /// penalty section.
    score: String,
    lost: bool,
    reason: String,
    applicable: bool,
    vetoed: bool,
}

/// A top-level indicator (or a section) and its rows.
#[derive(Debug)]
struct Group {
    kind: Kind,
    id: String,
    name: String,
    points: Decimal,
    score: Decimal,
    /// Its weight and weighted score, where it is weighted (折算).
    weighted: Option<(Decimal, Decimal)>,
    rows: Vec<Row>,
}

/// The subtotal of a bonus or penalty section.
#[derive(Debug)]
struct Subtotal {
    /// The section's cap, if any.
    cap: Option<Decimal>,
    /// Its conditions in words: `最多加3分；基础分高于80分方可计入`.
    note: String,
    /// What it counts, signed: `+2`, `-1`.
    shown: String,
    reason: String,
}

/// The final-score row, where the final score is more than the total row.
#[derive(Debug)]
struct Final {
    score: Decimal,
    /// How it is made: `合计88＋加分2`.
    note: String,
    /// The grade and the card veto, in words.
    reason: String,
}

/// A veto that fired.
#[derive(Debug)]
struct VetoRow {
    rule: String,
    label: String,
    scope: &'static str,
    node: String,
    before: Decimal,
    result: String,
}

/// A scorecard as the rows of the original document.
#[derive(Debug)]
struct Model {
    rubric: String,
    title: String,
    version: String,
    period: Option<String>,
    as_of: Option<String>,
    groups: Vec<Group>,
    points: Decimal,
    base: Decimal,
    deducted: Decimal,
    total_reason: String,
    sections: Vec<(Group, Subtotal)>,
    final_row: Option<Final>,
    score: Decimal,
    grade: Option<String>,
    vetoes: Vec<VetoRow>,
    /// The grades as the rubric writes them, in words; empty without.
    grades: String,
}

/// A decimal as the scorecard prints it: normalized, no trailing zeros.
fn amount(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A signed amount: `+2`, `-3`, or `0`.
fn signed(d: Decimal, sign: char) -> String {
    if d.is_zero() {
        "0".to_owned()
    } else {
        format!("{sign}{}", amount(d))
    }
}

/// A clause's text: as printed, else its label.
fn clause_text(rule: &Rule) -> String {
    if rule.text.trim().is_empty() {
        rule.label.clone()
    } else {
        rule.text.clone()
    }
}

fn clauses(reports: &[RuleReport<'_>], rules: &[Rule]) -> Vec<Clause> {
    reports
        .iter()
        .zip(rules)
        .map(|(report, rule)| Clause {
            id: rule.id.as_str().to_owned(),
            label: rule.label.clone(),
            text: clause_text(rule),
            state: State::of(report),
            amount: report.deducted,
            fired: false,
        })
        .collect()
}

/// The parts of a row that differ between the sections.
struct RowParts<'r> {
    report: &'r ItemReport<'r>,
    score: String,
    lost: bool,
}

fn row(parts: RowParts<'_>, item: &Item, path: &[Step], path_starts: bool, vetoed: bool) -> Row {
    let report = parts.report;
    Row {
        id: item.id.as_str().to_owned(),
        serial: item.serial.clone(),
        points: report.points,
        requirement: item.requirement.clone(),
        standard: item.standard.clone(),
        path: path.to_vec(),
        path_starts,
        clauses: clauses(&report.rules, &item.rules),
        score: parts.score,
        lost: parts.lost,
        reason: match report.received {
            // Points moved here from siblings not applicable: said in words.
            Some(received) if received > Decimal::ZERO => {
                let note = format!("分值含同级缺项分摊{}分", amount(received));
                if report.reason.is_empty() {
                    note
                } else {
                    format!("{}；{note}", report.reason)
                }
            }
            _ => report.reason.to_string(),
        },
        applicable: report.applicable != Some(false),
        vetoed,
    }
}

/// The rows of an indicator's items, walking finer indicators in document
/// order; `zeroed` when a veto zeroed an indicator above.
fn collect(
    report: &IndicatorReport<'_>,
    spec: &Indicator,
    path: &mut Vec<Step>,
    vetoed: &[String],
    zeroed: bool,
    rows: &mut Vec<Row>,
) {
    let zeroed = zeroed || vetoed.iter().any(|v| v == spec.id.as_str());
    match (&spec.children, &report.indicators, &report.items) {
        (Children::Indicators(children), Some(reports), _) => {
            for (child_report, child) in reports.iter().zip(children) {
                path.push(Step {
                    id: child.id.as_str().to_owned(),
                    name: child.name.clone(),
                    points: child_report.points,
                    score: child_report.score,
                    weighted: child_report.weight.zip(child_report.weighted),
                });
                collect(child_report, child, path, vetoed, zeroed, rows);
                path.pop();
            }
        }
        (Children::Items(items), _, Some(reports)) => {
            for (index, (item_report, item)) in reports.iter().zip(items).enumerate() {
                let parts = RowParts {
                    report: item_report,
                    score: amount(item_report.score),
                    lost: item_report.score < item_report.points,
                };
                let vetoed_item = zeroed || vetoed.iter().any(|v| v == item.id.as_str());
                rows.push(row(parts, item, path, index == 0, vetoed_item));
            }
        }
        _ => {}
    }
}

/// A gate in words: `基础分高于80分方可计入`.
fn gate_words(gate: Gate) -> String {
    match (gate.above, gate.at_least) {
        (Some(above), _) => format!("基础分高于{}分方可计入", amount(above)),
        (None, Some(least)) => format!("基础分达到{}分方可计入", amount(least)),
        (None, None) => String::new(),
    }
}

impl Model {
    fn of(card: &Scorecard<'_>) -> Model {
        let report = card.report();
        let rubric = card.rubric();
        let spec = rubric.spec();
        let vetoes = report.vetoes.as_deref().unwrap_or_default();
        let zeroed: Vec<String> = vetoes
            .iter()
            .filter(|v| v.scope != "card")
            .map(|v| v.node.to_string())
            .collect();
        let mut groups: Vec<Group> = report
            .indicators
            .iter()
            .zip(&spec.indicators)
            .map(|(ind_report, ind)| {
                let mut rows = Vec::new();
                collect(ind_report, ind, &mut Vec::new(), &zeroed, false, &mut rows);
                Group {
                    kind: Kind::Indicator,
                    id: ind.id.as_str().to_owned(),
                    name: ind.name.clone(),
                    points: ind_report.points,
                    score: ind_report.score,
                    weighted: ind_report.weight.zip(ind_report.weighted),
                    rows,
                }
            })
            .collect();

        let mut sections = Vec::new();
        if let (Some(bonus), Some(bonus_spec)) = (&report.bonus, &spec.bonus) {
            let rows = bonus
                .items
                .iter()
                .zip(&bonus_spec.items)
                .map(|(item_report, item)| {
                    // A bonus item's report, as an item row.
                    let as_item = ItemReport {
                        id: item_report.id.clone(),
                        serial: item_report.serial.clone(),
                        points: item_report.points,
                        deducted: item_report.credited,
                        score: item_report.credited,
                        reason: item_report.reason.clone(),
                        applicable: None,
                        received: None,
                        rules: item_report.rules.clone(),
                    };
                    let parts = RowParts {
                        report: &as_item,
                        score: signed(item_report.credited, '+'),
                        lost: false,
                    };
                    row(parts, item, &[], false, false)
                })
                .collect();
            let mut note = format!("最多加{}分", amount(bonus.cap));
            if let Some(gate) = bonus_spec.gate {
                note.push('；');
                note.push_str(&gate_words(gate));
            }
            sections.push((
                Group {
                    kind: Kind::Bonus,
                    id: bonus.id.to_string(),
                    name: bonus.name.to_string(),
                    points: bonus.cap,
                    score: bonus.counted,
                    weighted: None,
                    rows,
                },
                Subtotal {
                    cap: Some(bonus.cap),
                    note,
                    shown: signed(bonus.counted, '+'),
                    reason: bonus.reason.to_string(),
                },
            ));
        }
        if let (Some(penalties), Some(penalty_spec)) = (&report.penalties, &spec.penalties) {
            let rows = penalties
                .items
                .iter()
                .zip(&penalty_spec.items)
                .map(|(item_report, item)| {
                    let parts = RowParts {
                        report: item_report,
                        score: signed(item_report.deducted, '-'),
                        lost: !item_report.deducted.is_zero(),
                    };
                    row(parts, item, &[], false, false)
                })
                .collect();
            let note = match penalties.cap {
                Some(cap) => format!("最多扣{}分", amount(cap)),
                None => "扣分不设上限".to_owned(),
            };
            sections.push((
                Group {
                    kind: Kind::Penalty,
                    id: penalties.id.to_string(),
                    name: penalties.name.to_string(),
                    points: penalties.cap.unwrap_or_default(),
                    score: penalties.deducted,
                    weighted: None,
                    rows,
                },
                Subtotal {
                    cap: penalties.cap,
                    note,
                    shown: signed(penalties.deducted, '-'),
                    reason: String::new(),
                },
            ));
        }

        let base = card.base();
        let mut total_reason = format!("共扣{}分", amount(report.deducted));
        if let Some(vetoed) = report.vetoed.filter(|v| !v.is_zero()) {
            total_reason.push_str(&format!("（含一票否决清零{}分）", amount(vetoed)));
        }
        if let Some(rescaled) = report.rescaled {
            total_reason.push_str(&format!(
                "；合理缺项后应得{}分，实得{}分，标化分{}＝{}÷{}×{}",
                amount(rescaled.applicable),
                amount(rescaled.earned),
                amount(base),
                amount(rescaled.earned),
                amount(rescaled.applicable),
                amount(report.points),
            ));
        }

        let veto_rows: Vec<VetoRow> = vetoes
            .iter()
            .map(|v| {
                let label = rubric
                    .rule(&v.rule)
                    .map(|r| r.label.clone())
                    .unwrap_or_default();
                let (scope, result) = match v.scope.as_ref() {
                    "item" => ("本项", "本项得0分".to_owned()),
                    "indicator" => ("本指标", "本指标得0分".to_owned()),
                    _ => {
                        let mut parts = Vec::new();
                        if let Some(score) = v.score {
                            parts.push(format!("得分定为{}分", amount(score)));
                        }
                        if let Some(grade) = &v.grade {
                            parts.push(format!("等级定为{grade}"));
                        }
                        ("整体", parts.join("，"))
                    }
                };
                VetoRow {
                    rule: v.rule.to_string(),
                    label,
                    scope,
                    node: node_name(rubric.spec(), &v.node),
                    before: v.before,
                    result,
                }
            })
            .collect();

        let score = report.score;
        let grade = report.grade.as_ref().map(|g| g.to_string());
        let card_veto = card
            .vetoes()
            .find(|v| v.scope() == VetoScope::Card)
            .map(|v| v.rule().label.clone());
        let final_row = (!sections.is_empty() || grade.is_some() || score != base).then(|| {
            let mut note = format!("合计{}", amount(base));
            for (group, _) in &sections {
                match group.kind {
                    Kind::Bonus => note.push_str(&format!("＋加分{}", amount(group.score))),
                    Kind::Penalty => note.push_str(&format!("－扣分{}", amount(group.score))),
                    Kind::Indicator => {}
                }
            }
            let mut reason = Vec::new();
            if let Some(grade) = &grade {
                reason.push(format!("等级：{grade}"));
            }
            if let Some(label) = &card_veto {
                reason.push(format!("一票否决：{label}"));
            }
            Final {
                score,
                note,
                reason: reason.join("；"),
            }
        });

        let grades: Vec<String> = spec
            .grades
            .iter()
            .map(|g| match g.at_least {
                Some(bound) => format!("{}：{}分及以上", g.label, amount(bound)),
                None => format!("{}：其余", g.label),
            })
            .collect();

        let fired: Vec<&str> = vetoes.iter().map(|v| v.rule.as_ref()).collect();
        if !fired.is_empty() {
            let rows = groups
                .iter_mut()
                .chain(sections.iter_mut().map(|(g, _)| g))
                .flat_map(|g| g.rows.iter_mut());
            for clause in rows.flat_map(|r| r.clauses.iter_mut()) {
                clause.fired = fired.contains(&clause.id.as_str());
            }
        }
        Model {
            rubric: rubric.id().as_str().to_owned(),
            title: rubric.title().to_owned(),
            version: spec.version.clone(),
            period: card.period().map(|p| format!("{}至{}", p.from(), p.to())),
            as_of: card.as_of().map(|d| d.to_string()),
            groups,
            points: report.points,
            base,
            deducted: report.deducted,
            total_reason,
            sections,
            final_row,
            score,
            grade,
            vetoes: veto_rows,
            grades: grades.join("；"),
        }
    }

    /// Every group's rows, indicators then sections.
    fn all_groups(&self) -> impl Iterator<Item = &Group> {
        self.groups
            .iter()
            .chain(self.sections.iter().map(|(g, _)| g))
    }

    /// The clauses not assessed: (id, label).
    fn unassessed(&self) -> Vec<(&str, &str)> {
        self.all_groups()
            .flat_map(|g| &g.rows)
            .flat_map(|r| &r.clauses)
            .filter(|c| c.state == State::NotAssessed)
            .map(|c| (c.id.as_str(), c.label.as_str()))
            .collect()
    }

    /// The version, assessee, period and date, as labelled parts.
    fn meta<'m>(&'m self, assessee: Option<&'m str>) -> Vec<(&'static str, &'static str, &'m str)> {
        let mut parts = Vec::new();
        if !self.version.trim().is_empty() {
            parts.push(("version", "版本：", self.version.as_str()));
        }
        if let Some(name) = assessee {
            parts.push(("assessee", "被考核单位：", name));
        }
        if let Some(period) = &self.period {
            parts.push(("period", "考核期间：", period.as_str()));
        }
        if let Some(as_of) = &self.as_of {
            parts.push(("as-of", "评估日期：", as_of.as_str()));
        }
        parts
    }
}

/// The name of a node for the veto list: an indicator's name, an item's
/// serial (`第12项`), or the rubric's title.
fn node_name(spec: &crate::RubricSpec, id: &str) -> String {
    fn find(list: &[Indicator], id: &str) -> Option<String> {
        for indicator in list {
            if indicator.id.as_str() == id {
                return Some(indicator.name.clone());
            }
            let found = match &indicator.children {
                Children::Indicators(children) => find(children, id),
                Children::Items(items) => items
                    .iter()
                    .find(|i| i.id.as_str() == id)
                    .map(|i| format!("第{}项", i.serial)),
            };
            if found.is_some() {
                return found;
            }
        }
        None
    }
    if spec.id.as_str() == id {
        return spec.title.clone();
    }
    find(&spec.indicators, id).unwrap_or_else(|| id.to_owned())
}

// ---------------------------------------------------------------------------
// Escaping
// ---------------------------------------------------------------------------

/// Whether a character is replaced in every format: control characters
/// other than tab and line breaks, which no format shows.
fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `text` escaped for HTML text and attribute values: `&`, `<`, `>`, `"`
/// and `'` as references, other control characters as U+FFFD.
fn esc(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_control(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// [`esc`] for the text of a cell: besides, each run of a date, a number
/// or an id with a number in it (3 to 24 characters of ASCII letters,
/// digits and `.-:%/_`) is kept on one line (`<span class="nw">`), so that
/// the browser never breaks "2026-10-29" after a hyphen.
fn esc_text(out: &mut String, text: &str) {
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest.find(is_run_char).unwrap_or(rest.len());
        let (before, from) = rest.split_at(start);
        esc(out, before);
        let len = from.find(|c: char| !is_run_char(c)).unwrap_or(from.len());
        let (run, after) = from.split_at(len);
        let keep = (3..=24).contains(&run.len()) && run.contains(|c: char| c.is_ascii_digit());
        if keep {
            out.push_str("<span class=\"nw\">");
            esc(out, run);
            out.push_str("</span>");
        } else {
            esc(out, run);
        }
        rest = after;
    }
}

/// A character of a run [`esc_text`] keeps whole.
fn is_run_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '%' | '/' | '_')
}

/// [`esc`] to a new string.
#[cfg(test)]
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    esc(&mut out, text);
    out
}

/// `text` escaped for a cell of a GitHub table: the characters Markdown
/// would read (`|`, `*`, `_`, `` ` ``, `[`, `]`, `<`, `>`, `&`, `~`, `\`)
/// backslash-escaped, line breaks as `<br>`.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '&' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            '\t' => out.push(' '),
            c if is_control(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Whether a CSV field is a plain decimal number (`69.5`, `-2`, `+2`).
fn is_number(field: &str) -> bool {
    let digits = field.strip_prefix(['+', '-']).unwrap_or(field);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    let frac = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// One CSV field (RFC 4180): quoted if it holds a comma, a quote, CR or
/// LF, quotes doubled. A field that a spreadsheet would read as a formula
/// (starting with `=`, `+`, `-`, `@`, a tab or CR, and not a number) gets
/// a leading `'`.
fn csv_field(out: &mut String, field: &str) {
    let cleaned: String = field
        .chars()
        .map(|c| if is_control(c) { '\u{FFFD}' } else { c })
        .collect();
    let formula = cleaned.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(&cleaned);
    let quote = cleaned.contains([',', '"', '\r', '\n']);
    if quote {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in cleaned.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

/// One CSV record, CRLF-terminated.
fn csv_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(out, field.as_ref());
    }
    out.push_str("\r\n");
}

/// One Markdown table row from cells already escaped.
fn md_row<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    out.push('|');
    for cell in cells {
        let cell = cell.as_ref();
        if cell.is_empty() {
            out.push_str("  |");
        } else {
            out.push(' ');
            out.push_str(cell);
            out.push_str(" |");
        }
    }
    out.push('\n');
}

// ---------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------

/// The style sheet of every page: the document's ruled table, print-ready
/// on A4 landscape with the header row repeated on each page.
const CSS: &str = r#"@page { size: A4 landscape; margin: 12mm 10mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #eceae6; color: #111;
  font: 14px/1.55 "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", "FangSong", serif; }
main { max-width: 1500px; margin: 24px auto; padding: 28px 32px 32px; background: #fff;
  box-shadow: 0 1px 4px rgba(0, 0, 0, .18); }
h1, h2, th, .mark, .cost, .tie, .meta, .result, .legend, .stats {
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "SimHei", sans-serif; }
h1 { font-size: 22px; line-height: 1.4; text-align: center; margin: 0 0 8px; letter-spacing: .02em; }
h2 { font-size: 16px; margin: 22px 0 8px; border-left: 4px solid #9b1c1c; padding-left: 8px; }
.meta, .result, .stats { text-align: center; margin: 0 0 6px; color: #333; font-size: 13px; }
.meta span + span { margin-left: 2em; }
.result { font-size: 15px; color: #111; margin-bottom: 14px; }
.result strong { font-size: 20px; color: #9b1c1c; }
.result .grade { margin-left: 1.5em; }
table { width: 100%; border-collapse: collapse; }
table.ducha-card { table-layout: fixed; }
th, td { border: 1px solid #222; padding: 5px 6px; vertical-align: middle; overflow-wrap: anywhere; line-break: strict; }
.nw { white-space: nowrap; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
/* A row never breaks across pages; the merged indicator cell does. */
td:not(.indicator), th { break-inside: avoid; page-break-inside: avoid; }
thead th { background: #f0eee9; font-weight: bold; text-align: center; white-space: nowrap; }
col.serial { width: 4%; } col.indicator { width: 9%; } col.points { width: 5.5%; }
col.requirement { width: 23.5%; } col.standard { width: 27%; } col.score { width: 5.5%; } col.reason { width: 25.5%; }
.tail, .nb { white-space: nowrap; }
td.serial, td.points, td.score, td.rank, td.num { text-align: center; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.requirement, td.standard, td.reason, td.note, td.label, td.message { text-align: left; vertical-align: top; white-space: pre-line; }
td.indicator { text-align: center; font-weight: bold; }
td.indicator .name { display: block; }
td.indicator .node-score { display: block; margin-top: 4px; font-weight: normal; font-size: 12px; color: #555; }
td.score { font-weight: bold; }
td.score.lost { color: #9b1c1c; }
td.reason { color: #222; }
.path { font-size: 12px; color: #555; margin-bottom: 3px; font-weight: bold; }
.rule + .rule { margin-top: 3px; }
.rule.not-assessed { color: #6d5a1f; }
.rule.not-applicable, tr.not-applicable td { color: #666; }
tr.not-applicable td { background: #f4f4f4; }
tr.vetoed td.score { text-decoration: line-through double; }
.mark, .cost, .tie { display: inline-block; font-size: 11px; line-height: 1.5; padding: 0 4px; margin-left: 4px;
  border: 1px solid; border-radius: 3px; white-space: nowrap; vertical-align: 1px; font-weight: normal; }
.mark.not-assessed { color: #7a5200; border-color: #d9a400; background: #fff4cc; }
.mark.not-applicable { color: #444; border-color: #999; background: #e9e9e9; }
.mark.vetoed { color: #fff; border-color: #9b1c1c; background: #9b1c1c; }
.mark.incomplete { color: #7a5200; border-color: #d9a400; background: #fff4cc; }
.cost { color: #9b1c1c; border-color: #e3a5a5; background: #fdeeee; }
.cost.credited { color: #1d6b2f; border-color: #9fd0aa; background: #eaf7ed; }
.tie { color: #1f4f8f; border-color: #9db5d9; background: #eaf1fb; }
tbody.totals th, tbody.totals td, tbody.final th, tbody.final td, tr.subtotal th, tr.subtotal td { background: #f7f6f2; font-weight: bold; }
tbody.totals th, tbody.final th, tr.subtotal th { text-align: center; }
tbody.final td.score { color: #9b1c1c; font-size: 16px; }
tbody.section td.indicator { background: #fbfaf6; }
.legend { margin-top: 14px; font-size: 12px; color: #444; }
.legend p { margin: 4px 0; }
.legend .mark, .legend .cost { margin: 0 4px 0 0; }
.legend .item + .item { margin-left: 2em; }
table.ducha-vetoes, table.ducha-ranking, table.ducha-apart, table.ducha-rules, table.ducha-items { margin-top: 4px; }
table.ducha-ranking, table.ducha-apart, table.ducha-vetoes { width: auto; min-width: 55%; }
table.ducha-ranking td.name, table.ducha-apart td.name { text-align: left; min-width: 16em; }
table.ducha-ranking td.id, table.ducha-apart td.id { white-space: nowrap; }
table.ducha-ranking td.rank { min-width: 5em; }
caption { text-align: left; font-weight: bold; padding: 6px 0 4px; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
table.ducha-ranking tbody tr:nth-child(even) td, table.ducha-rules tbody tr:nth-child(even) td { background: #faf9f6; }
table.ducha-ranking td.rank { font-weight: bold; }
tr.tied td.rank { color: #1f4f8f; }
tr.costliest td { background: #fdeeee !important; }
tr.costliest td.id { color: #9b1c1c; font-weight: bold; }
td.bar { width: 18%; }
td.bar span { display: block; height: 10px; background: #c65a5a; border-radius: 2px; }
tr.indicator-row td { font-weight: bold; background: #f7f6f2; }
td.clamp div { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
tr.overall td { font-weight: bold; background: #f0eee9; }
.none { color: #666; font-size: 13px; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  main { box-shadow: none; margin: 0; padding: 0; max-width: none; }
  h2 { break-after: avoid; }
  thead th { white-space: normal; }
}
"#;

/// The page's opening, up to and including `<main>`.
fn page_start(out: &mut String, title: &str) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"ducha ");
    out.push_str(env!("CARGO_PKG_VERSION"));
    out.push_str("\">\n<title>");
    esc(out, title);
    out.push_str("</title>\n<style>\n");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n<main>\n");
}

fn page_end(out: &mut String) {
    out.push_str("</main>\n</body>\n</html>\n");
}

/// `<tag class="class">text</tag>`, the text escaped.
fn element(out: &mut String, tag: &str, class: &str, text: &str) {
    out.push('<');
    out.push_str(tag);
    if !class.is_empty() {
        out.push_str(" class=\"");
        out.push_str(class);
        out.push('"');
    }
    out.push('>');
    esc(out, text);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

/// The scorecard as one self-contained HTML page shaped like the original
/// document.
///
/// The page holds a `<table class="ducha-card">` with the seven columns of
/// the original in a `<thead>` (repeated on every printed page), one
/// `<tbody class="group" data-indicator="…">` per top-level indicator whose
/// first row carries the merged indicator cell (`<td class="indicator"
/// rowspan="N">`, N its items, finer indicators named in the requirement
/// cell as a path), one `<tr class="item" data-item="…">` per item with
/// cells classed `serial`, `points`, `requirement`, `standard` (one `<div
/// class="rule …" data-rule="…">` per clause), `score` and `reason`, and
/// `<tr class="total">` (合计: the total points, the score, the deduction).
/// Where the rubric has them follow the bonus and penalty sections
/// (`<tbody class="section bonus|penalties">`), the final score with the
/// grade (`<tr class="final">`), the vetoes that fired (`<table
/// class="ducha-vetoes">`) and the rescaled base (in the total row).
/// Clauses not assessed carry the class `not-assessed` and the mark 未检查;
/// items and clauses not applicable `not-applicable` and 不适用; the legend
/// under the table explains the marks and lists the clauses not assessed.
///
/// No script, no external resource: the style sheet is inline. All text is
/// escaped; the same scorecard gives the same bytes.
///
/// ```
/// use ducha::render::{html, HtmlOptions};
///
/// let rubric = ducha::seed::yuxi();
/// let inspection = ducha::Inspection::new().with("2b", true)?.with("12b", 7u64)?;
/// let card = rubric.evaluate(&inspection)?;
/// let page = html(&card, &HtmlOptions::new().with_assessee("<甲局>"));
/// assert!(page.contains(r#"<td class="indicator" rowspan="2""#)); // 领导重视: items 1 and 2
/// assert!(page.contains(r#"<tr class="item incomplete" data-item="12">"#)); // 12a not assessed
/// assert!(page.contains("&lt;甲局&gt;")); // escaped
/// assert!(page.contains(r#"<div class="rule not-assessed" data-rule="1a">"#));
/// assert!(page.contains("@page { size: A4 landscape"));
/// assert!(!page.contains("<script"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn html(card: &Scorecard<'_>, options: &HtmlOptions) -> String {
    let m = Model::of(card);
    let mut out = String::with_capacity(48 * 1024);
    page_start(&mut out, &m.title);
    out.push_str("<header>\n");
    element(&mut out, "h1", "title", &m.title);
    out.push('\n');
    let meta = m.meta(options.assessee.as_deref());
    if !meta.is_empty() {
        out.push_str("<p class=\"meta\">");
        for (class, label, value) in meta {
            out.push_str("<span class=\"");
            out.push_str(class);
            out.push_str("\">");
            out.push_str(label);
            out.push_str("<bdi>");
            esc(&mut out, value);
            out.push_str("</bdi></span>");
        }
        out.push_str("</p>\n");
    }
    out.push_str("<p class=\"result\">总得分：<strong class=\"final-score\">");
    out.push_str(&amount(m.score));
    out.push_str("</strong>分（满分");
    out.push_str(&amount(m.points));
    out.push_str("分）");
    if let Some(grade) = &m.grade {
        out.push_str("<span class=\"grade\">等级：<strong>");
        esc(&mut out, grade);
        out.push_str("</strong></span>");
    }
    out.push_str("</p>\n</header>\n");

    out.push_str("<table class=\"ducha-card\" data-rubric=\"");
    esc(&mut out, &m.rubric);
    out.push_str("\">\n<colgroup>");
    for class in COLUMN_CLASSES {
        out.push_str("<col class=\"");
        out.push_str(class);
        out.push_str("\">");
    }
    out.push_str("</colgroup>\n<thead>\n<tr>");
    for (name, class) in COLUMNS.iter().zip(COLUMN_CLASSES) {
        out.push_str("<th scope=\"col\" class=\"");
        out.push_str(class);
        out.push_str("\">");
        // Broken, where the column is narrow, only between two-character
        // halves (量化 / 分值), as the original prints them.
        let chars: Vec<char> = name.chars().collect();
        for pair in chars.chunks(2) {
            out.push_str("<span class=\"nb\">");
            out.extend(pair);
            out.push_str("</span>");
        }
        out.push_str("</th>");
    }
    out.push_str("</tr>\n</thead>\n");
    for group in &m.groups {
        html_group(&mut out, group, "group");
    }
    out.push_str("<tbody class=\"totals\">\n<tr class=\"total\"><th scope=\"row\" class=\"label\" colspan=\"2\">合计</th><td class=\"points\">");
    out.push_str(&amount(m.points));
    out.push_str("</td><td class=\"note\" colspan=\"2\"></td><td class=\"score\">");
    out.push_str(&amount(m.base));
    out.push_str("</td><td class=\"reason\" data-deducted=\"");
    out.push_str(&amount(m.deducted));
    out.push_str("\">");
    esc_text(&mut out, &m.total_reason);
    out.push_str("</td></tr>\n</tbody>\n");
    for (group, subtotal) in &m.sections {
        let class = match group.kind {
            Kind::Bonus => "section bonus",
            _ => "section penalties",
        };
        html_group(&mut out, group, class);
        out.push_str("<tbody class=\"totals-section\">\n<tr class=\"subtotal\" data-section=\"");
        esc(&mut out, &group.id);
        out.push_str("\"><th scope=\"row\" class=\"label\" colspan=\"2\">");
        esc(&mut out, &group.name);
        out.push_str("小计</th><td class=\"points\">");
        if let Some(cap) = subtotal.cap {
            out.push_str(&amount(cap));
        }
        out.push_str("</td>");
        out.push_str("<td class=\"note\" colspan=\"2\">");
        esc(&mut out, &subtotal.note);
        out.push_str("</td><td class=\"score\">");
        esc(&mut out, &subtotal.shown);
        out.push_str("</td><td class=\"reason\">");
        esc_text(&mut out, &subtotal.reason);
        out.push_str("</td></tr>\n</tbody>\n");
    }
    if let Some(f) = &m.final_row {
        out.push_str("<tbody class=\"final\">\n<tr class=\"final\"><th scope=\"row\" class=\"label\" colspan=\"2\">最终得分</th><td class=\"points\"></td><td class=\"note\" colspan=\"2\">");
        esc(&mut out, &f.note);
        out.push_str("</td><td class=\"score\">");
        out.push_str(&amount(f.score));
        out.push_str("</td><td class=\"reason\">");
        esc_text(&mut out, &f.reason);
        out.push_str("</td></tr>\n</tbody>\n");
    }
    out.push_str("</table>\n");

    if !m.vetoes.is_empty() {
        out.push_str("<section class=\"vetoes\">\n<h2>一票否决</h2>\n<table class=\"ducha-vetoes\">\n<thead><tr><th scope=\"col\">条款</th><th scope=\"col\">否决范围</th><th scope=\"col\">否决对象</th><th scope=\"col\">否决前得分</th><th scope=\"col\">否决结果</th></tr></thead>\n<tbody>\n");
        for v in &m.vetoes {
            out.push_str("<tr data-rule=\"");
            esc(&mut out, &v.rule);
            out.push_str("\"><td class=\"label\">");
            esc(&mut out, &v.rule);
            out.push(' ');
            esc(&mut out, &v.label);
            out.push_str("</td><td class=\"scope\">");
            out.push_str(v.scope);
            out.push_str("</td><td class=\"label\">");
            esc(&mut out, &v.node);
            out.push_str("</td><td class=\"num before\">");
            out.push_str(&amount(v.before));
            out.push_str("</td><td class=\"label\">");
            esc(&mut out, &v.result);
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }

    out.push_str("<footer class=\"legend\">\n<p class=\"marks\">");
    out.push_str("<span class=\"item\"><span class=\"mark not-assessed\">未检查</span>检查记录中无此条款的事实，未扣分</span>");
    out.push_str("<span class=\"item\"><span class=\"mark not-applicable\">不适用</span>合理缺项：检查记录注明本项或本条款不适用</span>");
    out.push_str("<span class=\"item\"><span class=\"cost\">−2</span>该条款实扣分值</span>");
    if !m.sections.is_empty() {
        out.push_str(
            "<span class=\"item\"><span class=\"cost credited\">+2</span>该条款加分</span>",
        );
    }
    if !m.vetoes.is_empty() {
        out.push_str("<span class=\"item\"><span class=\"mark vetoed\">一票否决</span>该条款触发一票否决，见上表</span>");
    }
    out.push_str("</p>\n");
    let unassessed = m.unassessed();
    if !unassessed.is_empty() {
        out.push_str("<p class=\"unassessed\">未检查（检查记录中无此项）：");
        for (i, (id, label)) in unassessed.iter().enumerate() {
            if i > 0 {
                out.push('；');
            }
            esc(&mut out, id);
            out.push('（');
            esc(&mut out, label);
            out.push('）');
        }
        out.push_str("</p>\n");
    }
    if !m.grades.is_empty() {
        out.push_str("<p class=\"grades\">等级：");
        esc(&mut out, &m.grades);
        out.push_str("</p>\n");
    }
    out.push_str("</footer>\n");
    page_end(&mut out);
    out
}

/// A group's rows: the first carries the merged indicator cell.
fn html_group(out: &mut String, group: &Group, class: &str) {
    if group.rows.is_empty() {
        return;
    }
    out.push_str("<tbody class=\"");
    out.push_str(class);
    out.push_str("\" data-indicator=\"");
    esc(out, &group.id);
    out.push_str("\">\n");
    for (index, row) in group.rows.iter().enumerate() {
        let mut classes = String::from("item");
        if !row.applicable {
            classes.push_str(" not-applicable");
        }
        if row.vetoed {
            classes.push_str(" vetoed");
        }
        if row.clauses.iter().any(|c| c.state == State::NotAssessed) {
            classes.push_str(" incomplete");
        }
        out.push_str("<tr class=\"");
        out.push_str(&classes);
        out.push_str("\" data-item=\"");
        esc(out, &row.id);
        out.push_str("\">");
        element(out, "td", "serial", &row.serial);
        if index == 0 {
            out.push_str("<td class=\"indicator\" rowspan=\"");
            out.push_str(&group.rows.len().to_string());
            out.push_str("\" data-indicator=\"");
            esc(out, &group.id);
            out.push_str("\" data-points=\"");
            out.push_str(&amount(group.points));
            out.push_str("\" data-score=\"");
            out.push_str(&amount(group.score));
            out.push_str("\"><span class=\"name\">");
            esc(out, &group.name);
            out.push_str("</span><span class=\"node-score\">");
            match group.kind {
                Kind::Indicator => {
                    out.push_str(&amount(group.points));
                    out.push_str("分 · 得");
                    out.push_str(&amount(group.score));
                    out.push('分');
                    if let Some(weighted) = group.weighted {
                        out.push_str(" · ");
                        out.push_str(&weighted_words(weighted));
                    }
                }
                Kind::Bonus => {
                    out.push('加');
                    out.push_str(&amount(group.score));
                    out.push('分');
                }
                Kind::Penalty => {
                    out.push('扣');
                    out.push_str(&amount(group.score));
                    out.push('分');
                }
            }
            out.push_str("</span></td>");
        }
        element(out, "td", "points", &amount(row.points));
        out.push_str("<td class=\"requirement\">");
        if row.path_starts && !row.path.is_empty() {
            out.push_str("<div class=\"path\" data-indicator=\"");
            let last = row.path.last().map_or("", |s| s.id.as_str());
            esc(out, last);
            out.push_str("\">");
            for (i, step) in row.path.iter().enumerate() {
                if i > 0 {
                    out.push_str(PATH_SEP);
                }
                esc(out, &step.name);
                out.push('（');
                out.push_str(&amount(step.points));
                out.push_str("分，得");
                out.push_str(&amount(step.score));
                out.push('分');
                if let Some(weighted) = step.weighted {
                    out.push('，');
                    out.push_str(&weighted_words(weighted));
                }
                out.push('）');
            }
            out.push_str("</div>");
        }
        esc_text(out, &row.requirement);
        out.push_str("</td><td class=\"standard\">");
        if row.clauses.is_empty() {
            esc_text(out, &row.standard);
        }
        for clause in &row.clauses {
            out.push_str("<div class=\"rule ");
            out.push_str(clause.state.class(group.kind));
            out.push_str("\" data-rule=\"");
            esc(out, &clause.id);
            out.push_str("\">");
            // The mark or the cost stays on the line of the clause's last
            // character.
            let tail_at = clause.text.char_indices().last().map_or(0, |(i, _)| i);
            let (head, tail) = clause.text.split_at(tail_at);
            esc_text(out, head);
            out.push_str("<span class=\"tail\">");
            esc_text(out, tail);
            if let Some(mark) = clause.state.mark() {
                out.push_str("<span class=\"mark ");
                out.push_str(clause.state.class(group.kind));
                out.push_str("\">");
                out.push_str(mark);
                out.push_str("</span>");
            } else if clause.state == State::Hit {
                if group.kind == Kind::Bonus {
                    out.push_str("<span class=\"cost credited\">+");
                } else {
                    out.push_str("<span class=\"cost\">−");
                }
                out.push_str(&amount(clause.amount));
                out.push_str("</span>");
            }
            if clause.fired {
                out.push_str("<span class=\"mark vetoed\">一票否决</span>");
            }
            out.push_str("</span></div>");
        }
        out.push_str("</td><td class=\"score");
        if row.lost {
            out.push_str(" lost");
        }
        out.push_str("\">");
        esc(out, &row.score);
        out.push_str("</td><td class=\"reason\">");
        esc_text(out, &row.reason);
        if !row.applicable {
            out.push_str("<span class=\"mark not-applicable\">不适用</span>");
        }
        if row.vetoed {
            out.push_str("<span class=\"mark vetoed\">一票否决</span>");
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n");
}

// ---------------------------------------------------------------------------
// Markdown and CSV of a scorecard
// ---------------------------------------------------------------------------

/// The 督查评分标准 cell as plain text: one clause a line, each not assessed
/// or not applicable marked `〔未检查〕` / `〔不适用〕`.
fn standard_lines(row: &Row) -> Vec<String> {
    if row.clauses.is_empty() {
        return vec![row.standard.clone()];
    }
    row.clauses
        .iter()
        .map(|c| {
            let mut text = match c.state.mark() {
                Some(mark) => format!("{}〔{mark}〕", c.text),
                None => c.text.clone(),
            };
            if c.fired {
                text.push_str("〔一票否决〕");
            }
            text
        })
        .collect()
}

/// The 督查指标 of a row as text: the group's name, then the finer
/// indicators' (`A › A1`).
fn path_text(group: &Group, row: &Row) -> String {
    let mut text = group.name.clone();
    if let Some(weighted) = group.weighted {
        text.push_str(&format!("（{}）", weighted_words(weighted)));
    }
    for step in &row.path {
        text.push_str(PATH_SEP);
        text.push_str(&step.name);
        if let Some(weighted) = step.weighted {
            text.push_str(&format!("（{}）", weighted_words(weighted)));
        }
    }
    text
}

/// A weighted node in words: `按权重30折合25.5分`.
fn weighted_words((weight, weighted): (Decimal, Decimal)) -> String {
    format!("按权重{}折合{}分", amount(weight), amount(weighted))
}

/// The reason cell as plain text, with the not-applicable and veto marks.
fn reason_text(row: &Row) -> String {
    let mut text = row.reason.clone();
    if !row.applicable && !text.contains("合理缺项") {
        text.push_str("〔不适用〕");
    }
    if row.vetoed {
        text.push_str("〔一票否决〕");
    }
    text
}

/// The table as rows of plain-text cells: the items, the total, the
/// sections and the final score. `every_row`: the 督查指标 cell filled on
/// every row (CSV); else only where it changes (Markdown, like the
/// original's merged cells).
fn plain_rows(m: &Model, every_row: bool, join: &str) -> Vec<[String; 7]> {
    let mut rows = Vec::new();
    let push_group = |rows: &mut Vec<[String; 7]>, group: &Group| {
        let mut previous: Option<String> = None;
        for row in &group.rows {
            let path = path_text(group, row);
            let shown = if every_row || previous.as_deref() != Some(path.as_str()) {
                path.clone()
            } else {
                String::new()
            };
            previous = Some(path);
            rows.push([
                row.serial.clone(),
                shown,
                amount(row.points),
                row.requirement.clone(),
                standard_lines(row).join(join),
                row.score.clone(),
                reason_text(row),
            ]);
        }
    };
    for group in &m.groups {
        push_group(&mut rows, group);
    }
    rows.push([
        "合计".to_owned(),
        String::new(),
        amount(m.points),
        String::new(),
        String::new(),
        amount(m.base),
        m.total_reason.clone(),
    ]);
    for (group, subtotal) in &m.sections {
        push_group(&mut rows, group);
        rows.push([
            "小计".to_owned(),
            group.name.clone(),
            subtotal.cap.map(amount).unwrap_or_default(),
            subtotal.note.clone(),
            String::new(),
            subtotal.shown.clone(),
            subtotal.reason.clone(),
        ]);
    }
    if let Some(f) = &m.final_row {
        rows.push([
            "最终得分".to_owned(),
            String::new(),
            String::new(),
            f.note.clone(),
            String::new(),
            amount(f.score),
            f.reason.clone(),
        ]);
    }
    rows
}

/// The scorecard as a GitHub-style Markdown table with the seven columns
/// of the original: a heading with the title, a line with the version,
/// period and date, the table (one row per item, the 督查指标 cell filled
/// where it changes as in the original's merged cells, the clauses of the
/// 督查评分标准 one a line with `〔未检查〕` / `〔不适用〕` marks, the total
/// row 合计, then any bonus and penalty sections and the final score), and
/// notes: the final score and grade, the vetoes that fired, the clauses not
/// assessed. `|`, Markdown's punctuation and line breaks in any text are
/// escaped.
///
/// ```
/// let rubric = ducha::seed::yuxi();
/// let inspection = ducha::Inspection::new().with("7a", 2u64)?;
/// let card = rubric.evaluate(&inspection)?;
/// let md = ducha::render::markdown(&card);
/// assert!(md.starts_with("# 玉溪市教育体育局机关“双随机、一公开”监管工作督查细则（试行）\n"));
/// assert!(md.contains("\n| 序号 | 督查指标 | 量化分值 | 绩效要求 | 督查评分标准 | 得分情况 | 扣分原因 |\n"));
/// let rows = md.lines().filter(|l| l.starts_with('|')).count();
/// assert_eq!(rows, 1 + 1 + 13 + 1); // header, delimiter, 13 items, total
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn markdown(card: &Scorecard<'_>) -> String {
    let m = Model::of(card);
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("# ");
    out.push_str(&md(&m.title));
    out.push_str("\n\n");
    let meta = m.meta(None);
    if !meta.is_empty() {
        let parts: Vec<String> = meta
            .iter()
            .map(|(_, label, value)| format!("{label}{}", md(value)))
            .collect();
        out.push_str(&parts.join("　"));
        out.push_str("\n\n");
    }
    md_row(&mut out, &COLUMNS);
    out.push_str("| :-: | :-: | :-: | --- | --- | :-: | --- |\n");
    for row in plain_rows(&m, false, "\n") {
        let cells: Vec<String> = row.iter().map(|c| md(c)).collect();
        md_row(&mut out, &cells);
    }
    out.push('\n');
    out.push_str(&format!(
        "**总得分：{}分**（满分{}分）",
        amount(m.score),
        amount(m.points)
    ));
    if let Some(grade) = &m.grade {
        out.push_str(&format!("　**等级：{}**", md(grade)));
    }
    out.push('\n');
    if !m.vetoes.is_empty() {
        out.push_str("\n一票否决：\n\n");
        for v in &m.vetoes {
            out.push_str(&format!(
                "- {} {}（{}：{}，否决前{}分）：{}\n",
                md(&v.rule),
                md(&v.label),
                v.scope,
                md(&v.node),
                amount(v.before),
                md(&v.result)
            ));
        }
    }
    let unassessed = m.unassessed();
    if !unassessed.is_empty() {
        let list: Vec<String> = unassessed
            .iter()
            .map(|(id, label)| format!("{}（{}）", md(id), md(label)))
            .collect();
        out.push_str(&format!(
            "\n未检查（检查记录中无此项）：{}\n",
            list.join("；")
        ));
    }
    if !m.grades.is_empty() {
        out.push_str(&format!("\n等级：{}\n", md(&m.grades)));
    }
    out.push_str("\n〔未检查〕检查记录中无此条款的事实，未扣分；〔不适用〕合理缺项，不适用。\n");
    out
}

/// The scorecard as CSV (RFC 4180): the header of the seven columns, one
/// record per item (the 督查指标 filled on every record, the clauses of the
/// 督查评分标准 one a line, marked `〔未检查〕` / `〔不适用〕`), the total
/// record 合计, then any bonus and penalty sections and the final score.
/// Records end in CRLF; a field with a comma, a quote or a line break is
/// quoted, quotes doubled; a field a spreadsheet would take for a formula
/// gets a leading `'`. UTF-8, with the byte-order mark U+FEFF first when
/// `bom` (Excel needs it to read UTF-8).
///
/// ```
/// let rubric = ducha::seed::yuxi();
/// let inspection = ducha::Inspection::new().with("2b", true)?;
/// let card = rubric.evaluate(&inspection)?;
/// let csv = ducha::render::csv(&card, false);
/// assert!(csv.starts_with("序号,督查指标,量化分值,绩效要求,督查评分标准,得分情况,扣分原因\r\n"));
/// assert!(csv.ends_with("合计,,100,,,97.5,共扣2.5分\r\n"));
/// assert!(ducha::render::csv(&card, true).starts_with("\u{feff}序号,"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn csv(card: &Scorecard<'_>, bom: bool) -> String {
    let m = Model::of(card);
    let mut out = String::with_capacity(16 * 1024);
    if bom {
        out.push('\u{FEFF}');
    }
    csv_record(&mut out, &COLUMNS);
    for row in plain_rows(&m, true, "\n") {
        csv_record(&mut out, &row);
    }
    out
}

// ---------------------------------------------------------------------------
// Batches
// ---------------------------------------------------------------------------

/// One place of the ranking.
#[derive(Debug)]
struct Place {
    rank: usize,
    tied: bool,
    id: String,
    name: String,
    score: Decimal,
    grade: Option<String>,
    /// Rules not assessed (ranked incomplete inspections).
    unassessed: usize,
    /// The entry's item scores, in document order.
    items: Vec<Decimal>,
}

/// An entry kept apart: incomplete (with its score) or failed (with its
/// message).
#[derive(Debug)]
struct Apart {
    id: String,
    name: String,
    score: Option<Decimal>,
    grade: Option<String>,
    unassessed: usize,
    message: String,
    items: Vec<Decimal>,
}

/// A row of the per-node summary.
#[derive(Debug)]
struct NodeRow {
    depth: usize,
    is_item: bool,
    serial: String,
    label: String,
    summary: NodeSummary,
}

/// A row of the per-clause summary.
#[derive(Debug)]
struct ClauseRow {
    serial: String,
    label: String,
    text: String,
    summary: RuleSummary,
    /// Its place among the clauses that cost points, from 1.
    cost_rank: Option<usize>,
}

/// A batch as the parts of its report.
#[derive(Debug)]
struct BatchModel {
    title: String,
    rubric: String,
    rubric_title: String,
    entries: usize,
    graded: bool,
    ranked: Vec<Place>,
    incomplete: Vec<Apart>,
    failed: Vec<Apart>,
    summary: Summary,
    nodes: Vec<NodeRow>,
    /// The clauses that deduct.
    clauses: Vec<ClauseRow>,
    /// The clauses that credit (bonus rules, earning items' rules).
    credits: Vec<ClauseRow>,
    /// The largest total deduction of a clause (for the bars).
    costliest: Decimal,
    /// The items' headers, for the CSV: `第1项（10分）`.
    item_headers: Vec<String>,
}

/// Rules not assessed (and applicable) in a scorecard.
fn unassessed(card: &Scorecard<'_>) -> usize {
    card.rules()
        .filter(|r| !r.assessed() && r.applicable())
        .count()
}

/// Every item score of the indicators, in document order.
fn item_scores(card: &Scorecard<'_>) -> Vec<Decimal> {
    fn walk(indicator: &crate::IndicatorOutcome<'_>, out: &mut Vec<Decimal>) {
        for child in indicator.indicators() {
            walk(&child, out);
        }
        for item in indicator.items() {
            out.push(item.score());
        }
    }
    let mut out = Vec::new();
    for indicator in card.indicators() {
        walk(&indicator, &mut out);
    }
    out
}

/// The rubric's nodes in document order: (id, depth, is item, serial,
/// label), and its items' serials with their points.
fn nodes_of(
    list: &[Indicator],
    depth: usize,
    out: &mut Vec<(String, usize, bool, String, String)>,
) {
    for indicator in list {
        out.push((
            indicator.id.as_str().to_owned(),
            depth,
            false,
            String::new(),
            indicator.name.clone(),
        ));
        match &indicator.children {
            Children::Indicators(children) => nodes_of(children, depth + 1, out),
            Children::Items(items) => {
                for item in items {
                    out.push((
                        item.id.as_str().to_owned(),
                        depth + 1,
                        true,
                        item.serial.clone(),
                        item.requirement.clone(),
                    ));
                }
            }
        }
    }
}

impl BatchModel {
    fn of<E: Display>(batch: &Batch<'_, E>, options: &BatchOptions) -> BatchModel {
        let rubric = batch.rubric();
        let spec = rubric.spec();
        let entries = batch.entries();
        let ranking = batch.ranking_with(options.incomplete);
        let summary = batch.summary();

        let ranked: Vec<Place> = ranking
            .ranked
            .iter()
            .filter_map(|r| {
                let entry = entries.get(r.entry)?;
                let card = entry.result.as_ref().ok()?;
                Some(Place {
                    rank: r.rank,
                    tied: r.tied,
                    id: entry.id.to_owned(),
                    name: entry.name.to_owned(),
                    score: r.score,
                    grade: card.grade().map(str::to_owned),
                    unassessed: unassessed(card),
                    items: item_scores(card),
                })
            })
            .collect();
        let incomplete: Vec<Apart> = ranking
            .incomplete
            .iter()
            .filter_map(|&i| {
                let entry = entries.get(i)?;
                let card = entry.result.as_ref().ok()?;
                Some(Apart {
                    id: entry.id.to_owned(),
                    name: entry.name.to_owned(),
                    score: Some(card.score()),
                    grade: card.grade().map(str::to_owned),
                    unassessed: unassessed(card),
                    message: String::new(),
                    items: item_scores(card),
                })
            })
            .collect();
        let mut failed: Vec<Apart> = ranking
            .failed
            .iter()
            .filter_map(|&i| {
                let entry = entries.get(i)?;
                let error = entry.result.as_ref().err()?;
                Some(Apart {
                    id: entry.id.to_owned(),
                    name: entry.name.to_owned(),
                    score: None,
                    grade: None,
                    unassessed: 0,
                    message: error.to_string(),
                    items: Vec::new(),
                })
            })
            .collect();
        failed.extend(options.unreadable.iter().map(|u| Apart {
            id: u.id.clone(),
            name: u.name.clone(),
            score: None,
            grade: None,
            unassessed: 0,
            message: u.message.clone(),
            items: Vec::new(),
        }));

        let mut shape = Vec::new();
        nodes_of(&spec.indicators, 0, &mut shape);
        // The sections after the indicators: in the per-node table, not
        // among the items' columns.
        let mut sections = Vec::new();
        let bonus = spec
            .bonus
            .as_ref()
            .map(|b| (&b.id, &b.name, &b.items, "（加分项）"));
        let penalties = (spec.penalties.as_ref()).map(|p| (&p.id, &p.name, &p.items, "（扣分项）"));
        for (id, name, items, kind) in bonus.into_iter().chain(penalties) {
            let label = format!("{name}{kind}");
            sections.push((id.as_str().to_owned(), 0, false, String::new(), label));
            for item in items {
                let (id, serial) = (item.id.as_str().to_owned(), item.serial.clone());
                sections.push((id, 1, true, serial, item.requirement.clone()));
            }
        }
        let by_id: BTreeMap<&str, &NodeSummary> =
            summary.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
        let nodes: Vec<NodeRow> = shape
            .iter()
            .chain(&sections)
            .filter_map(|(id, depth, is_item, serial, label)| {
                Some(NodeRow {
                    depth: *depth,
                    is_item: *is_item,
                    serial: serial.clone(),
                    label: label.clone(),
                    summary: (*by_id.get(id.as_str())?).clone(),
                })
            })
            .collect();
        let mut serial_count: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, _, is_item, serial, _) in &shape {
            if *is_item {
                *serial_count.entry(serial.as_str()).or_default() += 1;
            }
        }
        let item_headers = shape
            .iter()
            .filter(|n| n.2)
            .map(|(id, _, _, serial, _)| {
                let points = by_id
                    .get(id.as_str())
                    .map(|n| amount(n.points))
                    .unwrap_or_default();
                if serial_count.get(serial.as_str()).copied().unwrap_or(0) > 1 || serial.is_empty()
                {
                    format!("第{serial}项（{id}，{points}分）")
                } else {
                    format!("第{serial}项（{points}分）")
                }
            })
            .collect();

        // Each rule's item serial.
        let mut serial_of: BTreeMap<&str, &str> = BTreeMap::new();
        for item in rubric.items() {
            for rule in &item.rules {
                serial_of.insert(rule.id.as_str(), item.serial.as_str());
            }
        }
        let cost_rank: BTreeMap<&str, usize> = summary
            .costliest()
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i + 1))
            .collect();
        let clauses: Vec<ClauseRow> = summary
            .rules
            .iter()
            .map(|r| {
                let rule = rubric.rule(&r.id);
                ClauseRow {
                    serial: serial_of
                        .get(r.id.as_str())
                        .map(|s| (*s).to_owned())
                        .unwrap_or_default(),
                    label: rule.map(|r| r.label.clone()).unwrap_or_default(),
                    text: rule.map(clause_text).unwrap_or_default(),
                    summary: r.clone(),
                    cost_rank: cost_rank.get(r.id.as_str()).copied(),
                }
            })
            .collect();
        // Clauses that credit (bonus rules, earning items' rules) are
        // shown apart: a credit is never a loss.
        let (credits, mut clauses): (Vec<ClauseRow>, Vec<ClauseRow>) =
            clauses.into_iter().partition(|c| c.summary.credit);
        if options.rule_order == RuleOrder::Costliest {
            // Costing clauses by their place, then the rest in document
            // order (a stable sort).
            clauses.sort_by_key(|c| c.cost_rank.unwrap_or(usize::MAX));
        }
        let costliest = summary
            .rules
            .iter()
            .map(|r| r.deducted)
            .max()
            .unwrap_or_default();
        let graded = !spec.grades.is_empty()
            || ranked.iter().any(|p| p.grade.is_some())
            || incomplete.iter().any(|p| p.grade.is_some());
        BatchModel {
            title: options
                .title
                .clone()
                .unwrap_or_else(|| format!("{}：考核排名", rubric.title())),
            rubric: rubric.id().as_str().to_owned(),
            rubric_title: rubric.title().to_owned(),
            entries: entries.len() + options.unreadable.len(),
            graded,
            ranked,
            incomplete,
            failed,
            summary,
            nodes,
            clauses,
            credits,
            costliest,
            item_headers,
        }
    }

    /// How many clauses are highlighted as the costliest.
    const HIGHLIGHT: usize = 3;

    fn stats(&self) -> String {
        let s = &self.summary.score;
        let mut text = format!(
            "共{}个被考核单位：排名{}个，未完整{}个，出错{}个",
            self.entries,
            self.ranked.len(),
            self.incomplete.len(),
            self.failed.len()
        );
        if self.summary.scored > 0 {
            text.push_str(&format!(
                "；已评分{}个，平均分{}，最高{}，最低{}",
                self.summary.scored,
                amount(s.mean),
                amount(s.max),
                amount(s.min)
            ));
        }
        text
    }
}

/// The text of a place: `8`, or `8（并列）`.
fn place_text(place: &Place) -> String {
    if place.tied {
        format!("{}（并列）", place.rank)
    } else {
        place.rank.to_string()
    }
}

/// A batch as one self-contained HTML page: the ranking (`<table
/// class="ducha-ranking">`, columns 名次, 编号, 名称, 得分 and, where the
/// rubric grades, 等级; a shared place reads `8` with the mark 并列 and
/// carries `data-rank` and `data-tied`), the entries kept apart (`<table
/// class="ducha-apart">`: incomplete inspections with their score and how
/// many clauses they left unassessed, failed ones with their error message,
/// then the host's [`Unreadable`] entries), what each clause cost (`<table
/// class="ducha-rules">`: how many lost points on it, its total, mean and
/// largest deduction, costliest first or in document order as
/// [`BatchOptions::rule_order`] says, the three costliest highlighted with
/// `class="costliest"`), and how each indicator and item scored (`<table
/// class="ducha-items">`: mean, lowest, highest, full marks, lost).
///
/// ```
/// use ducha::batch::Assessee;
/// use ducha::render::{batch_html, BatchOptions};
/// use ducha::Inspection;
///
/// let rubric = ducha::seed::yuxi();
/// let assessees = [
///     Assessee::new("a", "甲局", Inspection::new().with("7a", 2u64)?),
///     Assessee::new("b", "乙局", Inspection::new().with("7a", 2u64)?),
///     Assessee::new("c", "丙局", Inspection::new().with("7z", 1u64)?),
/// ];
/// let batch = rubric.evaluate_batch(&assessees);
/// let page = batch_html(&batch, &BatchOptions::new().with_incomplete(ducha::batch::Incomplete::Rank));
/// assert!(page.contains(r#"<td class="rank" data-rank="1" data-tied="true">1<span class="tie">并列</span></td>"#));
/// assert!(page.contains("unknown rule `7z`")); // the failed entry, with its error
/// assert!(page.contains(r#"<tr class="costliest" data-rule="7a""#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn batch_html<E: Display>(batch: &Batch<'_, E>, options: &BatchOptions) -> String {
    let m = BatchModel::of(batch, options);
    let mut out = String::with_capacity(64 * 1024);
    page_start(&mut out, &m.title);
    out.push_str("<header>\n");
    element(&mut out, "h1", "title", &m.title);
    out.push('\n');
    if options.title.is_some() {
        out.push_str("<p class=\"meta\"><span class=\"rubric\">");
        esc(&mut out, &m.rubric_title);
        out.push_str("</span></p>\n");
    }
    element(&mut out, "p", "stats", &m.stats());
    out.push_str("\n</header>\n");

    // The ranking.
    out.push_str("<section class=\"ranking\">\n<h2>排名</h2>\n");
    if m.ranked.is_empty() {
        out.push_str("<p class=\"none\">无排名（没有完整评分的被考核单位）</p>\n");
    } else {
        out.push_str("<table class=\"ducha-ranking\" data-rubric=\"");
        esc(&mut out, &m.rubric);
        out.push_str("\">\n<thead><tr><th scope=\"col\">名次</th><th scope=\"col\">编号</th><th scope=\"col\">名称</th><th scope=\"col\">得分</th>");
        if m.graded {
            out.push_str("<th scope=\"col\">等级</th>");
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for p in &m.ranked {
            out.push_str("<tr");
            if p.tied {
                out.push_str(" class=\"tied\"");
            }
            out.push_str(" data-entry=\"");
            esc(&mut out, &p.id);
            out.push_str("\"><td class=\"rank\" data-rank=\"");
            out.push_str(&p.rank.to_string());
            out.push('"');
            if p.tied {
                out.push_str(" data-tied=\"true\"");
            }
            out.push('>');
            out.push_str(&p.rank.to_string());
            if p.tied {
                out.push_str("<span class=\"tie\">并列</span>");
            }
            out.push_str("</td>");
            element(&mut out, "td", "id", &p.id);
            out.push_str("<td class=\"name\"><bdi>");
            esc(&mut out, &p.name);
            out.push_str("</bdi>");
            if p.unassessed > 0 {
                out.push_str("<span class=\"mark incomplete\">未检查");
                out.push_str(&p.unassessed.to_string());
                out.push_str("条</span>");
            }
            out.push_str("</td>");
            element(&mut out, "td", "score num", &amount(p.score));
            if m.graded {
                element(&mut out, "td", "grade", p.grade.as_deref().unwrap_or(""));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");

    // The entries kept apart.
    if !m.incomplete.is_empty() || !m.failed.is_empty() {
        out.push_str("<section class=\"apart\">\n<h2>未排名</h2>\n");
        if !m.incomplete.is_empty() {
            out.push_str("<table class=\"ducha-apart incomplete\">\n<caption>未完整（有条款未检查，不参与排名）</caption>\n<thead><tr><th scope=\"col\">编号</th><th scope=\"col\">名称</th><th scope=\"col\">得分</th><th scope=\"col\">未检查条款</th></tr></thead>\n<tbody>\n");
            for a in &m.incomplete {
                out.push_str("<tr data-entry=\"");
                esc(&mut out, &a.id);
                out.push_str("\">");
                element(&mut out, "td", "id", &a.id);
                out.push_str("<td class=\"name\"><bdi>");
                esc(&mut out, &a.name);
                out.push_str("</bdi></td>");
                element(
                    &mut out,
                    "td",
                    "score num",
                    &a.score.map(amount).unwrap_or_default(),
                );
                element(&mut out, "td", "num", &a.unassessed.to_string());
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        if !m.failed.is_empty() {
            out.push_str("<table class=\"ducha-apart failed\">\n<caption>出错（未能评分）</caption>\n<thead><tr><th scope=\"col\">编号</th><th scope=\"col\">名称</th><th scope=\"col\">错误</th></tr></thead>\n<tbody>\n");
            for a in &m.failed {
                out.push_str("<tr class=\"failed\" data-entry=\"");
                esc(&mut out, &a.id);
                out.push_str("\">");
                element(&mut out, "td", "id", &a.id);
                out.push_str("<td class=\"name\"><bdi>");
                esc(&mut out, &a.name);
                out.push_str("</bdi></td>");
                element(&mut out, "td", "message", &a.message);
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        out.push_str("</section>\n");
    }

    // What each clause cost.
    out.push_str("<section class=\"rules\">\n<h2>各条款扣分情况</h2>\n<table class=\"ducha-rules\">\n<thead><tr><th scope=\"col\">条款</th><th scope=\"col\">序号</th><th scope=\"col\">内容</th><th scope=\"col\">检查</th><th scope=\"col\">失分单位</th><th scope=\"col\">合计扣分</th><th scope=\"col\">平均扣分</th><th scope=\"col\">最多扣分</th><th scope=\"col\">扣分分布</th></tr></thead>\n<tbody>\n");
    for c in &m.clauses {
        let highlight = c.cost_rank.is_some_and(|r| r <= BatchModel::HIGHLIGHT);
        out.push_str("<tr");
        if highlight {
            out.push_str(" class=\"costliest\"");
        }
        out.push_str(" data-rule=\"");
        esc(&mut out, &c.summary.id);
        out.push('"');
        if let Some(rank) = c.cost_rank {
            out.push_str(" data-cost-rank=\"");
            out.push_str(&rank.to_string());
            out.push('"');
        }
        out.push('>');
        clause_cells(&mut out, c);
        element(&mut out, "td", "num lost", &c.summary.lost.to_string());
        element(&mut out, "td", "num deducted", &amount(c.summary.deducted));
        element(&mut out, "td", "num", &amount(c.summary.mean));
        element(&mut out, "td", "num", &amount(c.summary.max));
        out.push_str("<td class=\"bar\">");
        if let Some(width) = share_percent(c.summary.deducted, m.costliest) {
            out.push_str("<span style=\"width: ");
            out.push_str(&width);
            out.push_str("%\"></span>");
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");

    // What each crediting clause gave.
    if !m.credits.is_empty() {
        out.push_str("<section class=\"credits\">\n<h2>各加分条款得分情况</h2>\n<table class=\"ducha-credits\">\n<thead><tr><th scope=\"col\">条款</th><th scope=\"col\">序号</th><th scope=\"col\">内容</th><th scope=\"col\">检查</th><th scope=\"col\">得分单位</th><th scope=\"col\">合计得分</th><th scope=\"col\">平均得分</th><th scope=\"col\">最多得分</th></tr></thead>\n<tbody>\n");
        for c in &m.credits {
            out.push_str("<tr data-rule=\"");
            esc(&mut out, &c.summary.id);
            out.push_str("\">");
            clause_cells(&mut out, c);
            element(
                &mut out,
                "td",
                "num credited",
                &c.summary.credited.to_string(),
            );
            element(&mut out, "td", "num credits", &amount(c.summary.credits));
            element(&mut out, "td", "num", &amount(c.summary.mean));
            element(&mut out, "td", "num", &amount(c.summary.max));
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }

    // How each indicator and item scored.
    out.push_str("<section class=\"items\">\n<h2>各项得分情况</h2>\n<table class=\"ducha-items\">\n<thead><tr><th scope=\"col\">序号</th><th scope=\"col\">督查指标 / 绩效要求</th><th scope=\"col\">量化分值</th><th scope=\"col\">平均分</th><th scope=\"col\">最低分</th><th scope=\"col\">最高分</th><th scope=\"col\">满分</th><th scope=\"col\">失分</th></tr></thead>\n<tbody>\n");
    for n in &m.nodes {
        out.push_str(if n.is_item {
            "<tr class=\"item-row\" data-item=\""
        } else {
            "<tr class=\"indicator-row\" data-indicator=\""
        });
        esc(&mut out, &n.summary.id);
        out.push_str("\">");
        element(&mut out, "td", "serial", &n.serial);
        out.push_str("<td class=\"label clamp\"><div");
        if n.depth > 0 {
            out.push_str(" style=\"padding-left: ");
            out.push_str(&(n.depth.min(8) * 14).to_string());
            out.push_str("px\"");
        }
        out.push('>');
        esc(&mut out, &n.label);
        out.push_str("</div></td>");
        node_cells(&mut out, &n.summary);
        out.push_str("</tr>\n");
    }
    out.push_str("<tr class=\"overall\"><td class=\"serial\"></td><td class=\"label\">总分</td>");
    node_cells(&mut out, &m.summary.score);
    out.push_str("</tr>\n</tbody>\n</table>\n</section>\n");
    out.push_str("<footer class=\"legend\"><p>名次相同者并列（1，2，2，4）；平均值");
    let rounding = m.summary.rounding;
    out.push_str(&format!(
        "保留{}位小数（{}）",
        rounding.places,
        rounding.mode.words()
    ));
    out.push_str("；失分单位：在该条款被扣分的被考核单位数。</p></footer>\n");
    page_end(&mut out);
    out
}

/// The cells a clause row starts with, in both clause tables: its id, its
/// item's serial, its label (the whole text on hover), how many assessed it.
fn clause_cells(out: &mut String, c: &ClauseRow) {
    element(out, "td", "id", &c.summary.id);
    element(out, "td", "serial", &c.serial);
    out.push_str("<td class=\"label\" title=\"");
    esc(out, &c.text);
    out.push_str("\">");
    esc(out, &c.label);
    out.push_str("</td>");
    element(out, "td", "num", &c.summary.assessed.to_string());
}

/// The statistics cells of a node summary.
fn node_cells(out: &mut String, n: &NodeSummary) {
    element(out, "td", "num points", &amount(n.points));
    element(out, "td", "num mean", &amount(n.mean));
    element(out, "td", "num min", &amount(n.min));
    element(out, "td", "num max", &amount(n.max));
    element(out, "td", "num full", &n.full.to_string());
    element(out, "td", "num lost", &n.lost.to_string());
}

/// `part` as a percentage of `whole`, one decimal place, for a bar; `None`
/// for nothing to show.
fn share_percent(part: Decimal, whole: Decimal) -> Option<String> {
    if part <= Decimal::ZERO || whole <= Decimal::ZERO {
        return None;
    }
    let percent = part.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(whole)?;
    Some(amount(percent.round_dp(1).min(Decimal::ONE_HUNDRED)))
}

/// A batch as Markdown: the title, the counts, then tables under headings:
/// 排名 (名次, with `（并列）` for a shared place, 编号, 名称, 得分 and, where
/// the rubric grades, 等级), 未排名 (incomplete and failed entries, the
/// latter with their error), 各条款扣分情况 and 各项得分情况, as in
/// [`batch_html`].
///
/// ```
/// use ducha::batch::Assessee;
/// use ducha::Inspection;
///
/// let rubric = ducha::seed::yuxi();
/// let assessees = [
///     Assessee::new("a", "甲局", Inspection::new().with("7a", 2u64)?),
///     Assessee::new("b", "乙局", Inspection::new().with("7a", 2u64)?),
/// ];
/// let batch = rubric.evaluate_batch(&assessees);
/// let options = ducha::render::BatchOptions::new().with_incomplete(ducha::batch::Incomplete::Rank);
/// let md = ducha::render::batch_markdown(&batch, &options);
/// assert!(md.contains("\n| 1（并列） | a | 甲局〔未检查23条〕 | 98 |\n| 1（并列） | b | 乙局〔未检查23条〕 | 98 |\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn batch_markdown<E: Display>(batch: &Batch<'_, E>, options: &BatchOptions) -> String {
    let m = BatchModel::of(batch, options);
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("# ");
    out.push_str(&md(&m.title));
    out.push_str("\n\n");
    out.push_str(&md(&m.stats()));
    out.push_str("\n\n## 排名\n\n");
    if m.ranked.is_empty() {
        out.push_str("无排名（没有完整评分的被考核单位）\n");
    } else {
        let mut header = vec!["名次", "编号", "名称", "得分"];
        if m.graded {
            header.push("等级");
        }
        md_row(&mut out, &header);
        out.push_str(if m.graded {
            "| :-: | --- | --- | --: | :-: |\n"
        } else {
            "| :-: | --- | --- | --: |\n"
        });
        for p in &m.ranked {
            let mut name = md(&p.name);
            if p.unassessed > 0 {
                name.push_str(&format!("〔未检查{}条〕", p.unassessed));
            }
            let mut cells = vec![place_text(p), md(&p.id), name, amount(p.score)];
            if m.graded {
                cells.push(md(p.grade.as_deref().unwrap_or("")));
            }
            md_row(&mut out, &cells);
        }
    }
    if !m.incomplete.is_empty() || !m.failed.is_empty() {
        out.push_str("\n## 未排名\n");
        if !m.incomplete.is_empty() {
            out.push_str("\n未完整（有条款未检查，不参与排名）：\n\n");
            md_row(&mut out, &["编号", "名称", "得分", "未检查条款"]);
            out.push_str("| --- | --- | --: | --: |\n");
            for a in &m.incomplete {
                md_row(
                    &mut out,
                    &[
                        md(&a.id),
                        md(&a.name),
                        a.score.map(amount).unwrap_or_default(),
                        a.unassessed.to_string(),
                    ],
                );
            }
        }
        if !m.failed.is_empty() {
            out.push_str("\n出错（未能评分）：\n\n");
            md_row(&mut out, &["编号", "名称", "错误"]);
            out.push_str("| --- | --- | --- |\n");
            for a in &m.failed {
                md_row(&mut out, &[md(&a.id), md(&a.name), md(&a.message)]);
            }
        }
    }
    out.push_str("\n## 各条款扣分情况\n\n");
    md_row(
        &mut out,
        &[
            "条款",
            "序号",
            "内容",
            "检查",
            "失分单位",
            "合计扣分",
            "平均扣分",
            "最多扣分",
        ],
    );
    out.push_str("| --- | :-: | --- | --: | --: | --: | --: | --: |\n");
    for c in &m.clauses {
        let highlight = c.cost_rank.is_some_and(|r| r <= BatchModel::HIGHLIGHT);
        let id = if highlight {
            format!("**{}**", md(&c.summary.id))
        } else {
            md(&c.summary.id)
        };
        md_row(
            &mut out,
            &[
                id,
                md(&c.serial),
                md(&c.label),
                c.summary.assessed.to_string(),
                c.summary.lost.to_string(),
                amount(c.summary.deducted),
                amount(c.summary.mean),
                amount(c.summary.max),
            ],
        );
    }
    if !m.credits.is_empty() {
        out.push_str("\n## 各加分条款得分情况\n\n");
        md_row(
            &mut out,
            &[
                "条款",
                "序号",
                "内容",
                "检查",
                "得分单位",
                "合计得分",
                "平均得分",
                "最多得分",
            ],
        );
        out.push_str("| --- | :-: | --- | --: | --: | --: | --: | --: |\n");
        for c in &m.credits {
            md_row(
                &mut out,
                &[
                    md(&c.summary.id),
                    md(&c.serial),
                    md(&c.label),
                    c.summary.assessed.to_string(),
                    c.summary.credited.to_string(),
                    amount(c.summary.credits),
                    amount(c.summary.mean),
                    amount(c.summary.max),
                ],
            );
        }
    }
    out.push_str("\n## 各项得分情况\n\n");
    md_row(
        &mut out,
        &[
            "序号",
            "督查指标 / 绩效要求",
            "量化分值",
            "平均分",
            "最低分",
            "最高分",
            "满分",
            "失分",
        ],
    );
    out.push_str("| :-: | --- | --: | --: | --: | --: | --: | --: |\n");
    let stats = |n: &NodeSummary| {
        [
            amount(n.points),
            amount(n.mean),
            amount(n.min),
            amount(n.max),
            n.full.to_string(),
            n.lost.to_string(),
        ]
    };
    for n in &m.nodes {
        let label = if n.is_item {
            md(&n.label)
        } else {
            format!("**{}**", md(&n.label))
        };
        let mut cells = vec![md(&n.serial), label];
        cells.extend(stats(&n.summary));
        md_row(&mut out, &cells);
    }
    let mut cells = vec![String::new(), "**总分**".to_owned()];
    cells.extend(stats(&m.summary.score));
    md_row(&mut out, &cells);
    out
}

/// A batch as CSV (RFC 4180, as [`csv`]): one record per entry, the ranked
/// first in their places, then the incomplete, then the failed (and the
/// host's [`Unreadable`] entries), with the columns 名次, 并列 (`是` for a
/// shared place), 编号, 名称, 得分, 等级, 状态 (`排名`, `未完整`, `出错`),
/// 说明 (the clauses not assessed, or the error message), then one column
/// per item of the indicators with the entry's score on it
/// (`第1项（10分）`; a serial the document prints twice names the item id
/// too).
///
/// ```
/// use ducha::batch::Assessee;
/// use ducha::Inspection;
///
/// let rubric = ducha::seed::yuxi();
/// let assessees = [
///     Assessee::new("a", "甲局", Inspection::new().with("7a", 2u64)?),
///     Assessee::new("b", "乙局", Inspection::new().with("7a", 2u64)?),
/// ];
/// let batch = rubric.evaluate_batch(&assessees);
/// let options = ducha::render::BatchOptions::new().with_incomplete(ducha::batch::Incomplete::Rank);
/// let csv = ducha::render::batch_csv(&batch, &options, false);
/// let lines: Vec<&str> = csv.split("\r\n").collect();
/// assert!(lines[0].starts_with("名次,并列,编号,名称,得分,等级,状态,说明,第1项（10分）,"));
/// assert!(lines[1].starts_with("1,是,a,甲局,98,,排名,未检查23条,10,5,"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn batch_csv<E: Display>(batch: &Batch<'_, E>, options: &BatchOptions, bom: bool) -> String {
    let m = BatchModel::of(batch, options);
    let mut out = String::with_capacity(16 * 1024);
    if bom {
        out.push('\u{FEFF}');
    }
    let mut header: Vec<String> = [
        "名次", "并列", "编号", "名称", "得分", "等级", "状态", "说明",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    header.extend(m.item_headers.iter().cloned());
    csv_record(&mut out, &header);
    let unassessed_note = |n: usize| {
        if n > 0 {
            format!("未检查{n}条")
        } else {
            String::new()
        }
    };
    for p in &m.ranked {
        let mut record = vec![
            p.rank.to_string(),
            if p.tied { "是" } else { "" }.to_owned(),
            p.id.clone(),
            p.name.clone(),
            amount(p.score),
            p.grade.clone().unwrap_or_default(),
            "排名".to_owned(),
            unassessed_note(p.unassessed),
        ];
        record.extend(p.items.iter().map(|d| amount(*d)));
        csv_record(&mut out, &record);
    }
    for (a, state) in m
        .incomplete
        .iter()
        .map(|a| (a, "未完整"))
        .chain(m.failed.iter().map(|a| (a, "出错")))
    {
        let note = if a.message.is_empty() {
            unassessed_note(a.unassessed)
        } else {
            a.message.clone()
        };
        let mut record = vec![
            String::new(),
            String::new(),
            a.id.clone(),
            a.name.clone(),
            a.score.map(amount).unwrap_or_default(),
            a.grade.clone().unwrap_or_default(),
            state.to_owned(),
            note,
        ];
        record.extend(a.items.iter().map(|d| amount(*d)));
        csv_record(&mut out, &record);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_every_special_character() {
        assert_eq!(
            escaped(r#"<a href="x">&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(escaped("a\u{0}b\u{7f}"), "a\u{FFFD}b\u{FFFD}");
        assert_eq!(escaped("一\n二"), "一\n二");
    }

    #[test]
    fn markdown_escapes_tables_and_line_breaks() {
        assert_eq!(md("a|b"), "a\\|b");
        assert_eq!(md("x\r\ny\nz\rw"), "x<br>y<br>z<br>w");
        assert_eq!(md("*_`[]<>&~#\\"), "\\*\\_\\`\\[\\]\\<\\>\\&\\~\\#\\\\");
        assert_eq!(md("2026-04-01 100%"), "2026-04-01 100%");
    }

    #[test]
    fn csv_fields_follow_rfc_4180() {
        let field = |s: &str| {
            let mut out = String::new();
            csv_field(&mut out, s);
            out
        };
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("a\nb"), "\"a\nb\"");
        assert_eq!(field("a\rb"), "\"a\rb\"");
        assert_eq!(field("-2"), "-2", "a negative number stays a number");
        assert_eq!(field("+2"), "+2");
        assert_eq!(field("69.5"), "69.5");
        assert_eq!(field("=1+1"), "'=1+1", "a formula is defused");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("-2+3"), "'-2+3");
        assert_eq!(field("=a,b"), "\"'=a,b\"");
    }

    #[test]
    fn numbers_are_recognised() {
        for yes in ["0", "69.5", "-2", "+2", "100"] {
            assert!(is_number(yes), "{yes}");
        }
        for no in ["", "-", "1.", ".5", "1e3", "1.2.3", "=1", "+-1"] {
            assert!(!is_number(no), "{no}");
        }
    }

    #[test]
    fn shares_for_bars() {
        assert_eq!(
            share_percent(Decimal::new(5, 0), Decimal::new(10, 0)).as_deref(),
            Some("50")
        );
        assert_eq!(
            share_percent(Decimal::new(1, 0), Decimal::new(3, 0)).as_deref(),
            Some("33.3")
        );
        assert_eq!(share_percent(Decimal::ZERO, Decimal::new(3, 0)), None);
        assert_eq!(share_percent(Decimal::ONE, Decimal::ZERO), None);
    }
}

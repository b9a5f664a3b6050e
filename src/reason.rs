//! Reasons (扣分原因): the words for what each rule found and what it cost,
//! rendered on demand from a rule's outcome, with the dates, cases, periods
//! and measures that explain it. Bounded: a reason names at most
//! [`MAX_NAMED`] cases, findings or periods and quotes at most
//! [`MAX_NOTE_CHARS`] characters of a note.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::scorecard::{ItemOutcome, RuleOutcome};
use crate::tally::{CaseStatus, Context, calendar_days, case_status, measured, missed_periods};
use crate::text::{Units, push_date, push_u64};
use crate::{Every, Fact, Measure, Trigger, Within};

/// The most periods, cases or findings a reason names; more are counted
/// (`其余N起从略`), so that a reason's length does not grow with the input.
pub(crate) const MAX_NAMED: usize = 12;

/// The most characters of a note a reason quotes; a longer note is cut and
/// ends in `…`.
pub(crate) const MAX_NOTE_CHARS: usize = 100;

/// `text` cut to [`MAX_NOTE_CHARS`] characters (then `…`): how a reason
/// quotes a name or serial that every rule a node limits repeats, so that
/// the output stays linear in the input.
pub(crate) fn cut(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(MAX_NOTE_CHARS) {
        None => std::borrow::Cow::Borrowed(text),
        Some((at, _)) => {
            std::borrow::Cow::Owned(format!("{}…", text.get(..at).unwrap_or_default()))
        }
    }
}

/// Appends `note`, cut to [`MAX_NOTE_CHARS`] characters.
pub(crate) fn push_note(out: &mut String, note: &str) {
    match note.char_indices().nth(MAX_NOTE_CHARS) {
        None => out.push_str(note),
        Some((cut, _)) => {
            out.push_str(note.get(..cut).unwrap_or_default());
            out.push('…');
        }
    }
}

/// A parenthesised list being written into a reason: `（a；b）`.
pub(crate) struct Details<'a> {
    out: &'a mut String,
    open: bool,
}

impl<'a> Details<'a> {
    /// A list written at the end of `out`.
    pub(crate) fn new(out: &'a mut String) -> Details<'a> {
        Details { out, open: false }
    }

    /// Starts the next entry and returns where to write it.
    pub(crate) fn next(&mut self) -> &mut String {
        self.out.push(if self.open { '；' } else { '（' });
        self.open = true;
        self.out
    }

    /// Closes the list, if anything was written.
    pub(crate) fn close(self) {
        if self.open {
            self.out.push('）');
        }
    }
}

/// The details a reason shows for a date fact: the missed periods, the
/// late cases, the measured value. Nothing for hand-counted facts.
pub(crate) fn write_details(
    trigger: &Trigger,
    fact: &Fact,
    ctx: &Context<'_>,
    list: &mut Details<'_>,
) {
    match (trigger, fact) {
        (Trigger::Cadence { every }, Fact::Dates(_) | Fact::Findings(_)) => {
            let dates: &[NaiveDate] = match fact {
                Fact::Dates(d) => d,
                // Hand-counted findings speak for themselves (their notes).
                Fact::Findings(list) if !list.is_empty() => return,
                _ => &[],
            };
            let mut names = Vec::new();
            let counted = missed_periods(*every, dates, ctx, |first| {
                names.push(period_label(*every, first));
                // A reason names at most a year's worth of periods, so its
                // length does not grow with the window.
                names.len() < MAX_NAMED
            });
            if let Ok(missed) = counted
                && missed > 0
            {
                let out = list.next();
                out.push_str(&names.join("、"));
                if missed > names.len() as u64 {
                    let unit = match every {
                        Every::Month => "个月",
                        Every::Quarter => "个季度",
                        Every::HalfYear => "个半年",
                        Every::Year => "年",
                    };
                    out.push('等');
                    push_u64(out, missed);
                    out.push_str(unit);
                }
                out.push_str("无记录");
            }
        }
        (
            Trigger::Deadline {
                within,
                after,
                action,
            },
            Fact::Cases(cases),
        ) => {
            let unit = match within {
                Some(Within::WorkingDays(_)) => "个工作日",
                Some(Within::Days(_)) | None => "天",
            };
            let mut named = 0usize;
            let mut more = 0u64;
            for case in cases {
                let (due, end, by, days, known, done) = match case_status(*within, case, ctx) {
                    Ok(CaseStatus::Late {
                        due,
                        done,
                        by,
                        days,
                        known,
                    }) => (due, done, by, days, known, true),
                    Ok(CaseStatus::Overdue {
                        due,
                        as_of,
                        by,
                        days,
                        known,
                    }) => (due, as_of, by, days, known, false),
                    _ => continue,
                };
                // A reason names so many cases, so that its length does not
                // grow with the input; the rest are counted.
                if named == MAX_NAMED {
                    more += 1;
                    continue;
                }
                named += 1;
                let out = list.next();
                if !case.note.is_empty() {
                    push_note(out, &case.note);
                    out.push('：');
                }
                if let Some(start) = case.start {
                    push_date(out, start);
                    out.push_str(after);
                    out.push('，');
                }
                out.push_str("应于");
                push_date(out, due);
                out.push('前');
                out.push_str(action);
                out.push('，');
                if done {
                    push_date(out, end);
                    out.push_str(action);
                    out.push_str("，逾期");
                } else {
                    out.push_str("截至");
                    push_date(out, end);
                    out.push('未');
                    out.push_str(action);
                    out.push_str("，已逾期");
                }
                match known {
                    // Working days counted up to the last day the calendar
                    // knows; the days after it are in a year it does not.
                    Some(partial) if by > 0 => {
                        out.push_str("至少");
                        push_u64(out, u64::from(by));
                        out.push_str(unit);
                        out.push_str("：计至");
                        push_date(out, partial.counted_to);
                        out.push('，');
                        let _ = write!(out, "{}", partial.unknown_year);
                        out.push_str("年节假日安排未知，其后");
                        push_u64(out, u64::from(calendar_days(partial.counted_to, end)));
                        out.push_str("天未按工作日计");
                    }
                    Some(partial) => {
                        push_u64(out, u64::from(days));
                        out.push_str("天：");
                        let _ = write!(out, "{}", partial.unknown_year);
                        out.push_str("年节假日安排未知，按日历天计");
                    }
                    // Late on a rest day right after the due date is 0
                    // working days late: say it in calendar days.
                    None if by == 0 => {
                        push_u64(out, u64::from(days));
                        out.push('天');
                    }
                    None => {
                        push_u64(out, u64::from(by));
                        out.push_str(unit);
                    }
                }
            }
            if more > 0 {
                let out = list.next();
                out.push_str("其余");
                push_u64(out, more);
                out.push_str("起从略");
            }
        }
        (
            Trigger::Threshold { min, measure },
            Fact::Measure(_) | Fact::Count(_) | Fact::Percent(_),
        ) => {
            if let Ok(value) = measured(*measure, fact)
                && value < *min
            {
                let out = list.next();
                out.push_str("实测");
                push_measured(out, *measure, value);
                out.push_str("，应达到");
                push_measured(out, *measure, *min);
            }
        }
        _ => {}
    }
}

/// How a reason names a period: `2026年第三季度`.
pub(crate) fn period_label(every: Every, first: NaiveDate) -> String {
    let year = first.year();
    match every {
        Every::Month => format!("{year}年{}月", first.month()),
        Every::Quarter => {
            let q = ["一", "二", "三", "四"];
            let name = q.get(first.month0() as usize / 3).copied().unwrap_or("");
            format!("{year}年第{name}季度")
        }
        Every::HalfYear if first.month0() < 6 => format!("{year}年上半年"),
        Every::HalfYear => format!("{year}年下半年"),
        Every::Year => format!("{year}年"),
    }
}

/// Writes `value` as the rubric writes a value of `measure`: a ratio and
/// a percentage with `%` (`0.875` → `87.5%`), others plainly.
pub(crate) fn push_measured(out: &mut String, measure: Measure, value: Decimal) {
    let shown = match measure {
        Measure::Ratio => value.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(value),
        Measure::Percent | Measure::Count | Measure::Amount => value,
    };
    let _ = write!(out, "{}", shown.normalize());
    if matches!(measure, Measure::Ratio | Measure::Percent) {
        out.push('%');
    }
}

impl ItemOutcome<'_> {
    /// The reason for the item's deductions (扣分原因): its rules' reasons
    /// joined by `；`, empty if nothing was deducted.
    pub fn reason(&self) -> String {
        let mut reasons = Reasons::default();
        reasons.fill(self);
        reasons.item().to_owned()
    }
}

impl RuleOutcome<'_> {
    /// The reason for the deduction, in the rubric's language; empty when
    /// there was no breach.
    ///
    /// It names the rule's label, the breaches and their notes, the points,
    /// and any cap or bound: `抽查任务完成后20个工作日内未公示抽查检查结果：7起，扣7分，超过上限按5分扣`.
    pub fn reason(&self) -> String {
        let mut out = String::new();
        if self.state.breaches > 0 {
            out.reserve(self.rule.label.len() + 96);
            write_reason(self, &mut out);
        }
        out
    }
}

/// An item's rule reasons, each rendered once, one after another with `；`
/// between non-empty ones, so that the item's reason is one slice of the
/// same text; reused for every item while a scorecard is written.
#[derive(Debug, Default)]
pub(crate) struct Reasons {
    /// The reasons, joined.
    text: String,
    /// Where each rule's reason lies in `text`.
    spans: Vec<(usize, usize)>,
    /// Where the item's reason lies in `text`.
    item: (usize, usize),
}

impl Reasons {
    /// Renders the reasons of `item`'s rules (empty for rules without a
    /// breach), replacing what was there.
    pub(crate) fn fill(&mut self, item: &ItemOutcome<'_>) {
        self.text.clear();
        self.spans.clear();
        self.item = self.append(item);
    }

    /// Renders the reasons of `item`'s rules after what is there, pushing
    /// their spans; returns the span of the item's reason.
    pub(crate) fn append(&mut self, item: &ItemOutcome<'_>) -> (usize, usize) {
        let from = self.text.len();
        let mut first = None;
        for rule in item.rules() {
            if rule.state.breaches == 0 {
                self.spans.push((self.text.len(), self.text.len()));
                continue;
            }
            if first.is_some() {
                self.text.push('；');
            }
            let start = self.text.len();
            first.get_or_insert(start);
            write_reason(&rule, &mut self.text);
            self.spans.push((start, self.text.len()));
        }
        (first.unwrap_or(from), self.text.len())
    }

    /// The item's reason: its rules' reasons joined by `；`.
    pub(crate) fn item(&self) -> &str {
        self.text.get(self.item.0..self.item.1).unwrap_or_default()
    }

    /// The text and the rules' spans, for a caller that kept the items'
    /// spans from [`Reasons::append`].
    pub(crate) fn into_parts(self) -> (String, Vec<(usize, usize)>) {
        (self.text, self.spans)
    }
}

/// Writes the reason of `rule`, which has at least one breach, to `out`.
pub(crate) fn write_reason(rule: &RuleOutcome<'_>, out: &mut String) {
    let card = rule.card;
    let state = rule.state;
    out.push_str(&rule.rule.label);
    let Some(fact) = state.fact else { return };
    let trigger = &rule.rule.trigger;
    // A count shows for triggers that count, however the fact was
    // written (`3`, `"3"`, `3.0`, a list); yes/no facts and measures
    // show none.
    let counted = !matches!(trigger, Trigger::Flag | Trigger::Threshold { .. })
        && !matches!(fact, Fact::Flag(_) | Fact::Finding(_));
    if counted {
        out.push('：');
        push_u64(out, state.breaches);
        out.push_str(&rule.rule.unit);
    }
    let mut details = Details::new(out);
    if !matches!(fact, Fact::Cases(_)) {
        // At most so many notes, each cut to a length, so that the
        // reason's size does not grow with the input.
        let mut notes = fact.notes().filter(|n| !n.is_empty());
        for note in notes.by_ref().take(MAX_NAMED) {
            push_note(details.next(), note);
        }
        let more = notes.count();
        if more > 0 {
            let out = details.next();
            out.push_str("其余");
            push_u64(out, more as u64);
            out.push_str("条从略");
        }
    }
    let ctx = Context {
        calendar: card.rubric.calendar(),
        period: card.period,
        as_of: card.as_of,
    };
    write_details(trigger, fact, &ctx, &mut details);
    details.close();
    if state.pending > 0 {
        out.push_str("，另有");
        push_u64(out, state.pending);
        out.push_str(&rule.rule.unit);
        out.push_str("未到期");
    }
    let scale = card.plan().scale;
    out.push_str("，扣");
    Units(state.raw, scale).push(out);
    out.push('分');
    if state.capped < state.raw {
        out.push_str("，超过上限按");
        Units(state.capped, scale).push(out);
        out.push_str("分扣");
    }
    if let Some(node) = state.bound_by.and_then(|n| card.plan().node(n)) {
        let _ = write!(
            out,
            "，受{}分值{}分所限，实扣{}分",
            node.label,
            Units(node.points.into(), scale),
            Units(state.applied.into(), scale)
        );
    }
}

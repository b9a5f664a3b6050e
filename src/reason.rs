//! Reasons (扣分原因): the words for what each rule found and what it cost,
//! rendered on demand from a rule's outcome, with the dates, cases, periods
//! and measures that explain it. Bounded: a reason names at most
//! [`MAX_NAMED`] cases, findings or periods and quotes at most
//! [`MAX_NOTE_CHARS`] characters of a note.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::scorecard::{ItemOutcome, RuleOutcome};
use crate::tally::{CaseStatus, Context, calendar_days, case_status, measured, short_periods};
use crate::text::{Units, push_date, push_u64};
use crate::{Direction, Every, Fact, Measure, Penalty, Trigger, Within};

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
        (
            Trigger::Cadence {
                every, at_least, ..
            },
            Fact::Dates(_) | Fact::Findings(_),
        ) => {
            let dates: &[NaiveDate] = match fact {
                Fact::Dates(d) => d,
                // Hand-counted findings speak for themselves (their notes).
                Fact::Findings(list) if !list.is_empty() => return,
                _ => &[],
            };
            let mut names = Vec::new();
            let counted = short_periods(*every, *at_least, dates, ctx, |first, count| {
                let mut name = period_label(*every, first);
                // With a minimum above one, each short period says how many
                // it had.
                if *at_least > 1 {
                    if count == 0 {
                        name.push_str("无记录");
                    } else {
                        name.push('仅');
                        push_u64(&mut name, count);
                        name.push('次');
                    }
                }
                names.push(name);
                // A reason names at most a year's worth of periods, so its
                // length does not grow with the window.
                names.len() < MAX_NAMED
            });
            if let Ok(short) = counted
                && short.periods > 0
            {
                let missed = short.periods;
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
                if *at_least > 1 {
                    out.push_str("，每期应不少于");
                    push_u64(out, u64::from(*at_least));
                    out.push('次');
                } else {
                    out.push_str("无记录");
                }
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

/// The details of a peer rule: the value against the peers' mean, or its
/// place: `实测85%，高于平均水平80.5%`, `实测42，排名第3（共10个）`.
fn write_peer(
    measure: Measure,
    compare: crate::PeerCompare,
    fact: &Fact,
    stat: Option<crate::peer::PeerStat>,
    list: &mut Details<'_>,
) {
    let (Ok(value), Some(stat)) = (measured(measure, fact), stat) else {
        return;
    };
    let out = list.next();
    out.push_str("实测");
    push_measured(out, measure, value);
    match compare {
        crate::PeerCompare::AboveMean | crate::PeerCompare::BelowMean => {
            out.push_str(if compare == crate::PeerCompare::AboveMean {
                "，高于平均水平"
            } else {
                "，低于平均水平"
            });
            if let Some(mean) = stat.mean_shown() {
                push_measured(out, measure, mean);
            }
            if let Some((_, count)) = stat.mean.filter(|_| stat.batch) {
                out.push('（');
                push_u64(out, count);
                out.push_str("个单位）");
            }
        }
        crate::PeerCompare::Rank | crate::PeerCompare::RankAscending => {
            if let Some((place, of)) = stat.rank {
                out.push_str("，排名第");
                push_u64(out, place);
                if let Some(of) = of {
                    out.push_str("（共");
                    push_u64(out, of);
                    out.push_str("个）");
                }
            }
        }
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
        let mut reasons = Reasons::with_capacity(self.item().rules.len());
        reasons.fill(self);
        reasons.into_item()
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
        if has_reason(self.state) {
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
    /// Room for the reasons of `rules` rules, so that rendering a whole
    /// scorecard rarely grows the text (a seed rule's reason, where it has
    /// one, is about 60–120 bytes).
    pub(crate) fn with_capacity(rules: usize) -> Reasons {
        Reasons {
            text: String::with_capacity(rules.saturating_mul(96)),
            spans: Vec::with_capacity(rules),
            item: (0, 0),
        }
    }

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
        // An item marked not applicable says so; its rules say nothing.
        if let Some(reason) = item.card.na_item(item.node) {
            for _ in item.rules() {
                self.spans.push((from, from));
            }
            self.text.push_str("合理缺项（");
            push_note(&mut self.text, reason);
            let plan = item.card.plan();
            let policy = plan.node(item.node).and_then(|n| n.na);
            match policy {
                Some((crate::NaPolicy::Rescale, 0)) => {
                    self.text.push_str("），不计入应得分，按应得分标化");
                }
                Some((crate::NaPolicy::Rescale, node)) => {
                    self.text.push_str("），不计入应得分，");
                    self.text
                        .push_str(plan.node(node).map_or("", |n| n.label.as_str()));
                    self.text.push_str("按应得分标化");
                }
                Some((crate::NaPolicy::Redistribute, _))
                    if item.card.received_units(item.node) < 0 =>
                {
                    let points = plan.node(item.node).map_or(0, |n| n.points);
                    let _ = write!(
                        self.text,
                        "），本项{}分按比例计入同级各项",
                        Units(points.into(), plan.scale)
                    );
                }
                Some((crate::NaPolicy::Redistribute, _))
                    if plan.node(item.node).is_some_and(|n| n.points > 0) =>
                {
                    self.text.push_str("），同级各项均不适用，此处不失分");
                }
                _ => self.text.push_str("），此处不失分"),
            }
            return (from, self.text.len());
        }
        let mut first = None;
        for rule in item.rules() {
            if let Some(reason) = rule.na_reason() {
                if first.is_some() {
                    self.text.push('；');
                }
                let start = self.text.len();
                first.get_or_insert(start);
                self.text.push_str(&rule.rule.label);
                self.text.push_str("：不适用（");
                push_note(&mut self.text, reason);
                self.text.push('）');
                self.spans.push((start, self.text.len()));
                continue;
            }
            if !has_reason(rule.state) {
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

    /// The item's reason: its rules' reasons joined by `；`, taking the
    /// text (no copy where, as after [`Reasons::fill`], it is all of it).
    pub(crate) fn into_item(self) -> String {
        match self.item {
            (0, end) if end == self.text.len() => self.text,
            (start, end) => self.text.get(start..end).unwrap_or_default().to_owned(),
        }
    }

    /// The text and the rules' spans, for a caller that kept the items'
    /// spans from [`Reasons::append`].
    pub(crate) fn into_parts(self) -> (String, Vec<(usize, usize)>) {
        (self.text, self.spans)
    }
}

/// Whether a rule's outcome has a reason: a breach, or findings exempt.
fn has_reason(state: &crate::scorecard::RuleState<'_>) -> bool {
    state.breaches > 0 || state.exempt > 0
}

/// Writes the reason of `rule`, which has a breach or an exempt finding,
/// to `out`.
pub(crate) fn write_reason(rule: &RuleOutcome<'_>, out: &mut String) {
    let card = rule.card;
    let state = rule.state;
    out.push_str(&rule.rule.label);
    let Some(fact) = state.fact else { return };
    let trigger = &rule.rule.trigger;
    // A count shows for triggers that count, however the fact was
    // written (`3`, `"3"`, `3.0`, a list); yes/no facts, measures and
    // ratings show none.
    let counted = !matches!(
        trigger,
        Trigger::Flag
            | Trigger::Threshold { .. }
            | Trigger::Measured { .. }
            | Trigger::Rating
            | Trigger::Peer { .. }
    ) && !matches!(fact, Fact::Flag(_) | Fact::Finding(_))
        // Only exempt findings: the reason says so, with no count of 0.
        && state.breaches > 0;
    if counted {
        out.push('：');
        push_u64(out, state.breaches);
        out.push_str(&rule.rule.unit);
    }
    if let (Trigger::Rating, Penalty::Rating { .. }) = (trigger, &rule.rule.penalty) {
        out.push('：');
        match fact {
            Fact::Rating(name) => push_note(out, name),
            Fact::Measure(d) => {
                let _ = write!(out, "{}", d.normalize());
            }
            Fact::Count(n) => push_u64(out, *n),
            _ => {}
        }
    }
    let mut details = Details::new(out);
    if !matches!(fact, Fact::Cases(_)) {
        // At most so many notes, each cut to a length, so that the
        // reason's size does not grow with the input. Exempt findings are
        // told apart below.
        let findings: &[crate::Finding] = match fact {
            Fact::Finding(f) => std::slice::from_ref(f),
            Fact::Findings(list) => list,
            _ => &[],
        };
        let mut notes = findings
            .iter()
            .filter(|f| f.exempt().is_none())
            .map(|f| f.note.as_str())
            .filter(|n| !n.is_empty());
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
        peers: &card.peers,
        calendar: card.rubric.calendar(),
        period: card.period,
        as_of: card.as_of,
    };
    write_details(trigger, fact, &ctx, &mut details);
    if let Trigger::Peer { measure, compare } = *trigger {
        let stat = ctx
            .peers
            .binary_search_by_key(&rule.index, |p| p.0)
            .ok()
            .and_then(|at| ctx.peers.get(at))
            .map(|p| p.1);
        write_peer(measure, compare, fact, stat, &mut details);
    } else {
        write_priced(rule.rule, fact, &mut details);
    }
    details.close();
    if state.pending > 0 {
        out.push_str("，另有");
        push_u64(out, state.pending);
        out.push_str(&rule.rule.unit);
        out.push_str("未到期");
    }
    if state.exempt > 0 {
        write_exempt(rule, fact, state.breaches == 0, out);
    }
    if state.breaches == 0 {
        return;
    }
    if state.rounded
        && let Some(rounding) = card.plan().rounding
    {
        out.push_str("，按");
        out.push_str(&rounding.words());
    }
    let scale = card.plan().scale;
    // A bonus rule adds what a deduction rule takes.
    let verb = if rule.is_bonus() {
        '加'
    } else if rule.credits() {
        '得'
    } else {
        '扣'
    };
    out.push('，');
    out.push(verb);
    Units(state.raw, scale).push(out);
    out.push('分');
    if let Some(kept) = state.excluded_by.and_then(|k| card.rubric.rule_at(k)) {
        out.push_str("，不重复");
        out.push(verb);
        out.push_str("分（已按");
        push_note(out, kept.id.as_str());
        out.push(verb);
        out.push_str("分）");
        return;
    }
    if state.capped < state.raw {
        out.push_str("，超过上限按");
        Units(state.capped, scale).push(out);
        out.push('分');
        out.push(verb);
    }
    if let Some((node, bound)) = state.bound_by.and_then(|n| Some((card.plan().node(n)?, n))) {
        let (points, limit) = card.node_limits(bound);
        let _ = write!(
            out,
            "，受{}分值{}分",
            node.label,
            Units(points.into(), scale)
        );
        // A node whose score may fall below 0 says how far.
        if limit != points {
            let floor = i128::from(points) - i128::from(limit);
            let _ = write!(out, "（最低{}分）", Units(floor, scale));
        }
        let _ = write!(
            out,
            "所限，实{verb}{}分",
            Units(state.applied.into(), scale)
        );
    }
    if let Some(veto) = &rule.rule.veto {
        write_veto(rule, veto, out);
    }
}

/// Says what a veto rule's breach overrode: `，触发一票否决：第3项得0分`.
fn write_veto(rule: &RuleOutcome<'_>, veto: &crate::Veto, out: &mut String) {
    let card = rule.card;
    out.push_str("，触发一票否决：");
    match veto.scope {
        crate::VetoScope::Item | crate::VetoScope::Indicator => {
            let plan = card.plan();
            let node = match veto.scope {
                crate::VetoScope::Item => Some(rule.item),
                _ => plan.node(rule.item).map(|n| n.parent),
            };
            if let Some(n) = node.and_then(|n| plan.node(n)) {
                out.push_str(&n.label);
            }
            out.push_str("得0分");
        }
        crate::VetoScope::Card => {
            let mut first = true;
            if let Some(score) = veto.score {
                let _ = write!(out, "最终得分按{score}分计");
                first = false;
            }
            if let Some(grade) = &veto.grade {
                if !first {
                    out.push('，');
                }
                out.push_str("考核结论为");
                push_note(out, grade);
            }
        }
    }
}

/// Says what exempt findings or cases a rule had: `另有1起涉及个人隐私依法不予公开，不扣分`
/// (`1起涉及…，不扣分` when nothing else was found).
fn write_exempt(rule: &RuleOutcome<'_>, fact: &Fact, only: bool, out: &mut String) {
    let grounds: Vec<&str> = match fact {
        Fact::Finding(f) => f.exempt().into_iter().collect(),
        Fact::Findings(list) => list.iter().filter_map(|f| f.exempt()).collect(),
        Fact::Cases(cases) => cases
            .iter()
            .filter_map(|c| c.exempt.as_deref().map(String::as_str))
            .collect(),
        _ => Vec::new(),
    };
    // Each ground once, in the order first given, at most so many.
    let mut distinct: Vec<&str> = Vec::new();
    for g in grounds {
        if !distinct.contains(&g) {
            distinct.push(g);
        }
    }
    out.push_str(if only { "：" } else { "，另有" });
    push_u64(out, rule.state.exempt);
    out.push_str(&rule.rule.unit);
    for (i, g) in distinct.iter().take(MAX_NAMED).enumerate() {
        if i > 0 {
            out.push('、');
        }
        push_note(out, g);
    }
    if distinct.len() > MAX_NAMED {
        out.push('等');
    }
    out.push_str("，不扣分");
}

/// Writes how a measured value compares with a line's target: `实测87.5%，低于90%共2.5个百分点`.
fn push_gap(out: &mut String, measure: Measure, gap: Decimal) {
    match measure {
        Measure::Ratio => {
            let _ = write!(
                out,
                "{}个百分点",
                gap.checked_mul(Decimal::ONE_HUNDRED)
                    .unwrap_or(gap)
                    .normalize()
            );
        }
        Measure::Percent => {
            let _ = write!(out, "{}个百分点", gap.normalize());
        }
        Measure::Count | Measure::Amount => {
            let _ = write!(out, "{}", gap.normalize());
        }
    }
}

/// Writes an amount of points: `0.5`.
fn push_points(out: &mut String, p: Decimal) {
    let _ = write!(out, "{}", p.normalize());
}

/// The details of the shapes priced from more than a count: the measured
/// value against the line, proportion, band or knots; the amounts by rank;
/// the discretionary amounts.
fn write_priced(rule: &crate::Rule, fact: &Fact, list: &mut Details<'_>) {
    let measure = match rule.trigger {
        Trigger::Measured { measure } => Some(measure),
        _ => None,
    };
    let value = measure.and_then(|m| measured(m, fact).ok());
    match (&rule.penalty, measure, value) {
        (
            Penalty::Linear {
                direction,
                target,
                step,
                points,
                partial,
                cutoff,
                ..
            },
            Some(m),
            Some(v),
        ) => {
            let line = crate::price::Line {
                direction: *direction,
                target: *target,
                step: *step,
                partial: *partial,
            };
            let Some(gap) = line.shortfall(v).filter(|g| !g.is_zero()) else {
                return;
            };
            let below = *direction == Direction::Below;
            let out = list.next();
            out.push_str("实测");
            push_measured(out, m, v);
            if line.past(v, *cutoff) {
                out.push_str(if below { "，低于" } else { "，高于" });
                if let Some(c) = cutoff {
                    push_measured(out, m, *c);
                }
                out.push_str("，扣除全部分值");
                return;
            }
            out.push_str(if below { "，低于" } else { "，高于" });
            push_measured(out, m, *target);
            out.push('共');
            push_gap(out, m, gap);
            out.push_str("，按每");
            push_gap(out, m, *step);
            out.push('扣');
            push_points(out, points.get());
            out.push_str("分计");
            if let Some(steps) = line.steps(v) {
                push_points(out, steps);
            }
            out.push('个');
        }
        (Penalty::Proportional { target, points }, Some(m), Some(v)) => {
            let out = list.next();
            out.push_str("实测");
            push_measured(out, m, v);
            out.push_str("，目标");
            push_measured(out, m, *target);
            out.push_str("，按完成比例计分（满分");
            push_points(out, points.get());
            out.push_str("分）");
        }
        (Penalty::Bands { bands }, Some(m), Some(v)) => {
            let Some(band) = crate::price::band_of(bands, v) else {
                return;
            };
            let out = list.next();
            out.push_str("实测");
            push_measured(out, m, v);
            match (band.at_least, band.at_most) {
                (Some(b), _) => {
                    out.push_str("，不低于");
                    push_measured(out, m, b);
                }
                (None, Some(b)) => {
                    out.push_str("，不高于");
                    push_measured(out, m, b);
                }
                (None, None) => {
                    // The last band: past the last bound of the others.
                    let lower = bands.iter().find_map(|b| b.at_least.map(|x| (x, true)));
                    let upper = bands.iter().find_map(|b| b.at_most.map(|x| (x, false)));
                    let last = bands.iter().rev().find_map(|b| b.at_least.or(b.at_most));
                    if let Some(b) = last {
                        out.push_str(if lower.or(upper).is_some_and(|(_, l)| l) {
                            "，低于"
                        } else {
                            "，高于"
                        });
                        push_measured(out, m, b);
                    }
                }
            }
        }
        (Penalty::Interpolate { knots }, Some(m), Some(v)) => {
            let (Some(first), Some(last)) = (knots.first(), knots.last()) else {
                return;
            };
            let out = list.next();
            out.push_str("实测");
            push_measured(out, m, v);
            if v <= first.value {
                out.push_str("，不高于");
                push_measured(out, m, first.value);
            } else if v >= last.value {
                out.push_str("，不低于");
                push_measured(out, m, last.value);
            } else if let Some([a, b]) = knots
                .windows(2)
                .find(|w| matches!(w, [a, b] if v >= a.value && v <= b.value))
            {
                out.push_str("，在");
                push_measured(out, m, a.value);
                out.push('与');
                push_measured(out, m, b.value);
                out.push_str("之间按线性内插");
            }
        }
        (
            Penalty::Escalating {
                amounts,
                multipliers,
                ..
            },
            _,
            _,
        ) => {
            let findings: &[crate::Finding] = match fact {
                Fact::Finding(f) => std::slice::from_ref(f),
                Fact::Findings(list) => list,
                _ => &[],
            };
            let counted = crate::tally::hand_count(fact);
            if counted == 0 || (amounts.len() < 2 && multipliers.is_empty()) {
                return;
            }
            let out = list.next();
            out.push_str("依次扣");
            let ranked: Vec<(Decimal, Option<&crate::Multiplier>)> = if findings.is_empty() {
                let shown = counted.min(MAX_NAMED as u64) as usize;
                (0..shown)
                    .map(|rank| (crate::price::amount_at(amounts, rank), None))
                    .collect()
            } else {
                findings
                    .iter()
                    .filter(|f| f.exempt().is_none())
                    .take(MAX_NAMED)
                    .enumerate()
                    .map(|(rank, f)| {
                        let m = f
                            .multiplier()
                            .and_then(|name| multipliers.iter().find(|m| m.name == name));
                        (crate::price::amount_at(amounts, rank), m)
                    })
                    .collect()
            };
            for (i, (amount, m)) in ranked.iter().enumerate() {
                if i > 0 {
                    out.push('、');
                }
                match m {
                    Some(m) => {
                        let one = amount.checked_mul(m.factor).unwrap_or(*amount);
                        push_points(out, one);
                        out.push('（');
                        push_note(out, &m.name);
                        out.push('，');
                        out.push_str(&m.words());
                        out.push('）');
                    }
                    None => push_points(out, *amount),
                }
            }
            if counted > ranked.len() as u64 {
                out.push('等');
            }
            out.push('分');
        }
        (Penalty::Range { min, max, .. }, _, _) => {
            let amounts: Vec<Decimal> = match fact {
                Fact::Finding(f) => f.amount().into_iter().collect(),
                Fact::Findings(list) => list
                    .iter()
                    .filter(|f| f.exempt().is_none())
                    .filter_map(|f| f.amount())
                    .collect(),
                _ => Vec::new(),
            };
            if amounts.is_empty() {
                return;
            }
            let out = list.next();
            out.push_str("酌情扣");
            push_points(out, min.get());
            out.push('－');
            push_points(out, max.get());
            out.push_str("分：");
            for (i, a) in amounts.iter().take(MAX_NAMED).enumerate() {
                if i > 0 {
                    out.push('、');
                }
                push_points(out, *a);
            }
            if amounts.len() > MAX_NAMED {
                out.push('等');
            }
            out.push('分');
        }
        _ => {}
    }
}

/// The reason of a bonus section: `加分3分（已达加分上限3分）`, or why it
/// does not count.
pub(crate) fn bonus_reason(
    bonus: &crate::Bonus,
    base: Decimal,
    open: bool,
    earned: Decimal,
    credited: Decimal,
    cap: Decimal,
) -> String {
    let mut out = String::new();
    if earned.is_zero() {
        return out;
    }
    if !open {
        let _ = write!(
            out,
            "基础得分{}分，{}，不计加分（应加{}分）",
            base.normalize(),
            bonus
                .gate
                .map(crate::Gate::closed_words)
                .unwrap_or_default(),
            credited.normalize()
        );
        return out;
    }
    let _ = write!(out, "加分{}分", credited.normalize());
    if earned > credited {
        let _ = write!(
            out,
            "（各项合计{}分，已达加分上限{}分）",
            earned.normalize(),
            cap.normalize()
        );
    } else if credited == cap {
        let _ = write!(out, "（已达加分上限{}分）", cap.normalize());
    }
    out
}

//! Counting breaches: what a fact records against its rule's trigger, with
//! the dates, calendar and period an evaluation knows.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::{Calendar, CalendarError, Case, Every, Fact, Measure, Period, Trigger, Within};

/// What an evaluation knows besides the facts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context<'a> {
    pub(crate) calendar: &'a Calendar,
    pub(crate) period: Option<Period>,
    /// The assessment date: as given, else the period's end.
    pub(crate) as_of: Option<NaiveDate>,
}

/// Breaches counted for one rule, and cases not yet due.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    pub(crate) breaches: u64,
    pub(crate) pending: u64,
}

impl Tally {
    fn of(breaches: u64) -> Tally {
        Tally {
            breaches,
            pending: 0,
        }
    }
}

/// Why a fact cannot be counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TallyError {
    /// The trigger does not read this kind of fact.
    WrongType,
    /// The evaluation lacks what the rule needs.
    Needs(&'static str),
    /// The calendar cannot answer.
    Calendar(CalendarError),
    /// A case (0-based) is malformed.
    Case(usize, &'static str),
    /// A value outside what the rule reads: the value as written, and the
    /// domain.
    OutOfDomain(String, Measure),
}

/// The hand-counted forms every date trigger reads.
fn hand_counted(fact: &Fact) -> Option<u64> {
    match fact {
        Fact::Flag(b) => Some(u64::from(*b)),
        Fact::Finding(_) => Some(1),
        Fact::Count(n) => Some(*n),
        Fact::Findings(list) => Some(list.len() as u64),
        _ => None,
    }
}

/// Counts the breaches `fact` records for a rule with `trigger`.
pub(crate) fn tally(
    trigger: &Trigger,
    fact: &Fact,
    ctx: &Context<'_>,
) -> Result<Tally, TallyError> {
    match (trigger, fact) {
        (Trigger::Flag, Fact::Flag(b)) => Ok(Tally::of(u64::from(*b))),
        (Trigger::Flag, Fact::Finding(_)) => Ok(Tally::of(1)),
        (Trigger::Count, Fact::Count(n)) => Ok(Tally::of(*n)),
        (Trigger::Count, Fact::Findings(list)) => Ok(Tally::of(list.len() as u64)),
        // A whole number written as `3.0` or `"3"` is still a count; a
        // negative, fractional or huge one is not.
        (Trigger::Count, Fact::Measure(d)) => u64::try_from(*d)
            .ok()
            .filter(|_| d.fract().is_zero())
            .map(Tally::of)
            .ok_or_else(|| TallyError::OutOfDomain(d.to_string(), Measure::Count)),
        (
            Trigger::Threshold { min, measure },
            Fact::Measure(_) | Fact::Count(_) | Fact::Percent(_),
        ) => {
            let value = measured(*measure, fact)?;
            Ok(Tally::of(u64::from(value < *min)))
        }
        (Trigger::Threshold { .. }, Fact::Flag(_) | Fact::Finding(_) | Fact::Findings(_)) => {
            hand_counted(fact)
                .map(Tally::of)
                .ok_or(TallyError::WrongType)
        }
        (Trigger::Deadline { within, .. }, Fact::Cases(cases)) => {
            let mut tally = Tally::default();
            for (index, case) in cases.iter().enumerate() {
                match case_status(*within, case, ctx).map_err(|e| e.at(index))? {
                    CaseStatus::Late { .. } | CaseStatus::Overdue { .. } => tally.breaches += 1,
                    CaseStatus::Pending => tally.pending += 1,
                    CaseStatus::OnTime => {}
                }
            }
            Ok(tally)
        }
        (Trigger::Cadence { every }, Fact::Dates(dates)) => {
            Ok(Tally::of(missed_periods(*every, dates, ctx, |_| false)?))
        }
        // An empty list says no dates at all: every period was missed.
        (Trigger::Cadence { every }, Fact::Findings(list)) if list.is_empty() => {
            Ok(Tally::of(missed_periods(*every, &[], ctx, |_| false)?))
        }
        (Trigger::Deadline { .. } | Trigger::Cadence { .. }, _) => hand_counted(fact)
            .map(Tally::of)
            .ok_or(TallyError::WrongType),
        _ => Err(TallyError::WrongType),
    }
}

/// The value a threshold with `measure` reads from `fact` (a measure, a
/// count or a percentage), checked against the measure's domain.
pub(crate) fn measured(measure: Measure, fact: &Fact) -> Result<Decimal, TallyError> {
    let (value, written) = match *fact {
        Fact::Measure(d) => (Some(d), None),
        Fact::Count(n) => (Some(Decimal::from(n)), None),
        Fact::Percent(p) => (
            match measure {
                Measure::Ratio => p.checked_div(Decimal::ONE_HUNDRED),
                Measure::Percent => Some(p),
                Measure::Count | Measure::Amount => return Err(TallyError::WrongType),
            },
            Some(p),
        ),
        _ => return Err(TallyError::WrongType),
    };
    match value {
        Some(v) if measure.contains(v) => Ok(v),
        _ => Err(TallyError::OutOfDomain(
            match (written, fact) {
                (Some(p), _) => format!("{p}%"),
                (None, Fact::Count(n)) => n.to_string(),
                (None, _) => value.map(|v| v.to_string()).unwrap_or_default(),
            },
            measure,
        )),
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

/// How far working days could be counted for a case whose lateness
/// reaches a year the calendar does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Partial {
    /// The first year the calendar does not know.
    pub(crate) unknown_year: i32,
    /// The last day counted (the due date when none could be).
    pub(crate) counted_to: NaiveDate,
}

/// Where one deadline case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CaseStatus {
    /// Done on or before its due date.
    OnTime,
    /// Done after its due date: `by` working days late for a working-day
    /// rule (0 when done on a rest day just after it), calendar days
    /// otherwise; `days` calendar days late in any case. `known` is set when
    /// the lateness reaches a year the calendar does not know: `by` counts
    /// working days up to that last known day only.
    Late {
        due: NaiveDate,
        done: NaiveDate,
        by: u32,
        days: u32,
        known: Option<Partial>,
    },
    /// Not done, and past due on the assessment date (fields as for `Late`).
    Overdue {
        due: NaiveDate,
        as_of: NaiveDate,
        by: u32,
        days: u32,
        known: Option<Partial>,
    },
    /// Not done, not yet due.
    Pending,
}

/// A case-level problem, before its index is known.
#[derive(Debug)]
enum CaseError {
    Malformed(&'static str),
    Other(TallyError),
}

impl CaseError {
    fn at(self, index: usize) -> TallyError {
        match self {
            CaseError::Malformed(problem) => TallyError::Case(index, problem),
            CaseError::Other(e) => e,
        }
    }
}

impl From<CalendarError> for CaseError {
    fn from(e: CalendarError) -> CaseError {
        CaseError::Other(TallyError::Calendar(e))
    }
}

/// Calendar days from `from` to `to`, 0 if `to` is not later.
fn calendar_days(from: NaiveDate, to: NaiveDate) -> u32 {
    u32::try_from((to - from).num_days().max(0)).unwrap_or(u32::MAX)
}

fn case_status(
    within: Option<Within>,
    case: &Case,
    ctx: &Context<'_>,
) -> Result<CaseStatus, CaseError> {
    // What the case itself gets wrong comes first, whatever the context.
    match (case.start, case.due) {
        (Some(_), Some(_)) => return Err(CaseError::Malformed("give `start` or `due`, not both")),
        (None, None) => return Err(CaseError::Malformed("give `start` or `due`")),
        _ => {}
    }
    // A case is judged up to the day it was done, or else the assessment
    // date.
    let end = match case.done {
        Some(done) => done,
        None => ctx.as_of.ok_or(CaseError::Other(TallyError::Needs(
            "an assessment date (`as_of` or `period`) for cases not done",
        )))?,
    };
    let (due, working_late): (NaiveDate, Option<u32>) = match (case.start, case.due, within) {
        (Some(_), Some(_), _) => {
            return Err(CaseError::Malformed("give `start` or `due`, not both"));
        }
        (Some(start), None, Some(Within::WorkingDays(n))) => {
            match ctx.calendar.add_working_days(start, n) {
                Ok(due) => (due, None),
                // The due date falls in a year the calendar does not know.
                // A case judged before its limit was reached needs no later
                // year (done 2026-12-30 on a 20-day limit from 2026-12-10 is
                // on time without knowing 2027): count up to the end.
                Err(e) => {
                    let passed = ctx.calendar.working_days_between(start, end)?;
                    if passed < n {
                        return Ok(if case.done.is_some() {
                            CaseStatus::OnTime
                        } else {
                            CaseStatus::Pending
                        });
                    }
                    return Err(e.into());
                }
            }
        }
        (None, Some(due), _) => (due, None),
        // A due date beyond the last representable date is never reached.
        (Some(start), None, Some(Within::Days(n))) => {
            match start.checked_add_days(chrono::Days::new(u64::from(n))) {
                Some(due) => (due, None),
                None => {
                    return Ok(if case.done.is_some() {
                        CaseStatus::OnTime
                    } else {
                        CaseStatus::Pending
                    });
                }
            }
        }
        (Some(_), None, None) => {
            return Err(CaseError::Malformed(
                "has a `start` but the rule sets no time limit; give `due`",
            ));
        }
        (None, None, _) => return Err(CaseError::Malformed("give `start` or `due`")),
    };
    if end <= due {
        return Ok(if case.done.is_some() {
            CaseStatus::OnTime
        } else {
            CaseStatus::Pending
        });
    }
    // Late for certain: the due date is known and passed. How late in
    // working days may need a year the calendar does not know; then the
    // working days up to the last known day are counted, and the reason
    // says so.
    let days = calendar_days(due, end);
    let (by, known) = match (working_late, within) {
        (Some(by), _) => (by, None),
        // A due date given on a working-day rule: count working days too.
        (None, Some(Within::WorkingDays(_))) => match ctx.calendar.working_days_between(due, end) {
            Ok(by) => (by, None),
            Err(CalendarError::UnknownYear { year }) => match ctx.calendar.last_known_day(due) {
                Some(last) if last > due && last < end => (
                    ctx.calendar.working_days_between(due, last)?,
                    Some(Partial {
                        unknown_year: last.year().saturating_add(1),
                        counted_to: last,
                    }),
                ),
                _ => (
                    0,
                    Some(Partial {
                        unknown_year: year,
                        counted_to: due,
                    }),
                ),
            },
            Err(e) => return Err(e.into()),
        },
        (None, _) => (days, None),
    };
    Ok(match case.done {
        Some(done) => CaseStatus::Late {
            due,
            done,
            by,
            days,
            known,
        },
        None => CaseStatus::Overdue {
            due,
            as_of: end,
            by,
            days,
            known,
        },
    })
}

/// Months in a period of `every`.
fn months(every: Every) -> i64 {
    match every {
        Every::Month => 1,
        Every::Quarter => 3,
        Every::HalfYear => 6,
        Every::Year => 12,
    }
}

/// A month as a number: year × 12 + month0.
fn month_index(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

/// The first day of the month numbered `index`.
fn month_start(index: i64) -> Option<NaiveDate> {
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month0 = u32::try_from(index.rem_euclid(12)).ok()?;
    NaiveDate::from_ymd_opt(year, month0 + 1, 1)
}

/// Walks the periods wholly inside the assessment window that hold none of
/// `dates`, calling `visit` with each one's first day while it returns
/// `true`; returns how many there are.
///
/// Periods are numbered by month (`k × months`), so the walk needs no
/// calendar arithmetic; with no dates the count is a subtraction.
pub(crate) fn missed_periods(
    every: Every,
    dates: &[NaiveDate],
    ctx: &Context<'_>,
    mut visit: impl FnMut(NaiveDate) -> bool,
) -> Result<u64, TallyError> {
    let period = ctx
        .period
        .ok_or(TallyError::Needs("an assessment period (`period`)"))?;
    let end = ctx.as_of.map_or(period.to(), |a| a.min(period.to()));
    let len = months(every);
    let from = period.from();
    // The first period starting on or after the window's first day.
    let first_month = month_index(from) + i64::from(from.day() != 1);
    let first = first_month.div_euclid(len) + i64::from(first_month.rem_euclid(len) != 0);
    // The last period ending on or before the window's last day.
    let ends_month = end.succ_opt().is_none_or(|next| next.day() == 1);
    let last_month = month_index(end) - i64::from(!ends_month);
    let last = (last_month + 1).div_euclid(len) - 1;
    if last < first {
        return Ok(0);
    }
    // The periods the dates hit, each once: missed = all − hit. The cost
    // is in the dates, never in the length of the window.
    let owned;
    let sorted: &[NaiveDate] = if dates.is_sorted() {
        dates
    } else {
        owned = {
            let mut copy = dates.to_vec();
            copy.sort_unstable();
            copy
        };
        &owned
    };
    let hit = || {
        let mut previous = None;
        sorted
            .iter()
            .map(move |d| month_index(*d).div_euclid(len))
            .filter(move |k| {
                let new = (first..=last).contains(k) && previous != Some(*k);
                previous = Some(*k);
                new
            })
    };
    let hits = hit().count();
    let missed = u64::try_from(last - first + 1)
        .unwrap_or(0)
        .saturating_sub(hits as u64);
    // Visit the missed periods in order while `visit` wants more: each step
    // passes a hit period (at most one per date) or visits a missed one.
    let mut hits = hit().peekable();
    let mut k = first;
    while k <= last {
        if hits.next_if_eq(&k).is_none() && !month_start(k * len).is_some_and(&mut visit) {
            break;
        }
        k += 1;
    }
    Ok(missed)
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

/// Appends `n` in decimal, without the formatting machinery (reasons and
/// scorecards write hundreds of numbers).
pub(crate) fn push_u64(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        if let Some(slot) = digits.get_mut(at) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    for &d in digits.get(at..).unwrap_or_default() {
        out.push(char::from(d));
    }
}

/// Appends `date` as `YYYY-MM-DD` (years 1 to 9999, as dates are read).
pub(crate) fn push_date(out: &mut String, date: NaiveDate) {
    let year = date.year();
    if (0..=9999).contains(&year) {
        let y = year.unsigned_abs();
        for d in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
            out.push(char::from(b'0' + d as u8));
        }
        for (sep, v) in [('-', date.month()), ('-', date.day())] {
            out.push(sep);
            out.push(char::from(b'0' + (v / 10) as u8));
            out.push(char::from(b'0' + (v % 10) as u8));
        }
    } else {
        let _ = write!(out, "{date}");
    }
}

/// The most periods, cases or findings a reason names; more are counted
/// (`其余N起从略`), so that a reason's length does not grow with the input.
pub(crate) const MAX_NAMED: usize = 12;

/// The most characters of a note a reason quotes; a longer note is cut and
/// ends in `…`.
pub(crate) const MAX_NOTE_CHARS: usize = 100;

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

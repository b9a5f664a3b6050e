//! Counting breaches: what a fact records against its rule's trigger, with
//! the dates, calendar and period an evaluation knows.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::{
    Calendar, CalendarError, Case, CaseProblem, Every, Fact, Measure, Needs, Period, Shortfall,
    Trigger, Within,
};

/// What an evaluation knows besides the facts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context<'a> {
    pub(crate) calendar: &'a Calendar,
    pub(crate) period: Option<Period>,
    /// The assessment date: as given, else the period's end.
    pub(crate) as_of: Option<NaiveDate>,
    /// The peer statistics of the rules that read them, by rule index
    /// (sorted): given by the inspection, or computed by a batch.
    pub(crate) peers: &'a [(u32, crate::peer::PeerStat)],
}

impl<'a> Context<'a> {
    /// The context of an evaluation against `rubric`: the assessment date
    /// is `as_of`, else the period's end.
    pub(crate) fn new(
        rubric: &'a crate::Rubric,
        period: Option<Period>,
        as_of: Option<NaiveDate>,
    ) -> Context<'a> {
        Context {
            calendar: rubric.calendar(),
            period,
            as_of: as_of.or(period.map(|p| p.to())),
            peers: &[],
        }
    }

    /// The peer statistic of the rule at plan index `index`.
    pub(crate) fn peer(&self, index: u32) -> Option<&crate::peer::PeerStat> {
        let at = self.peers.binary_search_by_key(&index, |p| p.0).ok()?;
        self.peers.get(at).map(|p| &p.1)
    }
}

/// Breaches counted for one rule, and cases not yet due.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    pub(crate) breaches: u64,
    pub(crate) pending: u64,
    /// Findings or cases marked exempt: counted apart, never breaches.
    pub(crate) exempt: u64,
}

impl Tally {
    fn of(breaches: u64) -> Tally {
        Tally {
            breaches,
            ..Tally::default()
        }
    }
}

/// Why a fact cannot be counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TallyError {
    /// The trigger does not read this kind of fact.
    WrongType,
    /// The evaluation lacks what the rule needs.
    Needs(Needs),
    /// The calendar cannot answer.
    Calendar(CalendarError),
    /// A case (0-based) is malformed.
    Case(usize, CaseProblem),
    /// A value outside what the rule reads: the value as written, and the
    /// domain.
    OutOfDomain(String, Measure),
}

/// The hand-counted forms: the one place where flags, findings and counts
/// become breaches. `None` for facts of other kinds.
fn counted(fact: &Fact) -> Option<Tally> {
    match fact {
        Fact::Flag(b) => Some(Tally::of(u64::from(*b))),
        Fact::Count(n) => Some(Tally::of(*n)),
        Fact::Finding(_) | Fact::Findings(_) => {
            let list = match fact {
                Fact::Finding(f) => std::slice::from_ref(f),
                Fact::Findings(list) => list.as_slice(),
                _ => &[],
            };
            let exempt = list.iter().filter(|f| f.exempt().is_some()).count() as u64;
            Some(Tally {
                breaches: list.len() as u64 - exempt,
                pending: 0,
                exempt,
            })
        }
        Fact::Measure(_) | Fact::Percent(_) | Fact::Dates(_) | Fact::Cases(_) | Fact::Rating(_) => {
            None
        }
    }
}

/// The breaches a hand-counted fact records (0 for other kinds).
pub(crate) fn hand_count(fact: &Fact) -> u64 {
    counted(fact).map_or(0, |t| t.breaches)
}

/// Counts the breaches `fact` records for a rule with `trigger`.
///
/// Every trigger reads the hand-counted forms that make sense for it: a
/// flag rule a flag or one finding, a count rule a count or findings, a
/// threshold a flag or findings, a date rule any of them.
pub(crate) fn tally(
    trigger: &Trigger,
    fact: &Fact,
    ctx: &Context<'_>,
) -> Result<Tally, TallyError> {
    let hand = || counted(fact).ok_or(TallyError::WrongType);
    match (trigger, fact) {
        (Trigger::Flag, Fact::Flag(_) | Fact::Finding(_)) => hand(),
        (Trigger::Count, Fact::Count(_) | Fact::Findings(_)) => hand(),
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
        (Trigger::Threshold { .. }, Fact::Flag(_) | Fact::Finding(_) | Fact::Findings(_)) => hand(),
        (Trigger::Deadline { within, .. }, Fact::Cases(cases)) => {
            let mut tally = Tally::default();
            for (index, case) in cases.iter().enumerate() {
                let status = case_status(*within, case, ctx).map_err(|e| e.at(index))?;
                // An exempt case is still checked (a malformed one is an
                // error), then counted apart.
                if case.exempt.is_some() {
                    tally.exempt += 1;
                    continue;
                }
                match status {
                    CaseStatus::Late { .. } | CaseStatus::Overdue { .. } => tally.breaches += 1,
                    CaseStatus::Pending => tally.pending += 1,
                    CaseStatus::OnTime => {}
                }
            }
            Ok(tally)
        }
        (
            Trigger::Cadence {
                every,
                at_least,
                short,
            },
            Fact::Dates(dates),
        ) => {
            let s = short_periods(*every, *at_least, dates, ctx, |_, _| false)?;
            Ok(Tally::of(s.breaches(*short)))
        }
        // An empty list says no dates at all: every period was missed.
        (
            Trigger::Cadence {
                every,
                at_least,
                short,
            },
            Fact::Findings(list),
        ) if list.is_empty() => {
            let s = short_periods(*every, *at_least, &[], ctx, |_, _| false)?;
            Ok(Tally::of(s.breaches(*short)))
        }
        (Trigger::Measured { measure }, Fact::Measure(_) | Fact::Count(_) | Fact::Percent(_)) => {
            // Checked here (so a value outside the domain is refused as a
            // threshold refuses it); priced by the penalty.
            measured(*measure, fact).map(|_| Tally::default())
        }
        // The value is checked here; its comparison with the peers is the
        // binder's, which has the statistic.
        (Trigger::Peer { measure, .. }, Fact::Measure(_) | Fact::Count(_) | Fact::Percent(_)) => {
            measured(*measure, fact).map(|_| Tally::default())
        }
        (Trigger::Rating, Fact::Rating(_) | Fact::Measure(_) | Fact::Count(_)) => {
            Ok(Tally::default())
        }
        (Trigger::Deadline { .. } | Trigger::Cadence { .. }, _) => hand(),
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
pub(crate) enum CaseError {
    Malformed(CaseProblem),
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
pub(crate) fn calendar_days(from: NaiveDate, to: NaiveDate) -> u32 {
    u32::try_from((to - from).num_days().max(0)).unwrap_or(u32::MAX)
}

/// How a case's clock is given: a start date the rule adds its limit to,
/// or a fixed due date.
#[derive(Debug, Clone, Copy)]
enum Clock {
    Start(NaiveDate),
    Due(NaiveDate),
}

/// Where `case` stands on a rule with time limit `within`.
pub(crate) fn case_status(
    within: Option<Within>,
    case: &Case,
    ctx: &Context<'_>,
) -> Result<CaseStatus, CaseError> {
    // What the case itself gets wrong comes first, whatever the context.
    let clock = match (case.start, case.due) {
        (Some(start), None) => Clock::Start(start),
        (None, Some(due)) => Clock::Due(due),
        (Some(_), Some(_)) => return Err(CaseError::Malformed(CaseProblem::StartAndDue)),
        (None, None) => return Err(CaseError::Malformed(CaseProblem::NoStartOrDue)),
    };
    // A case is judged up to the day it was done, or else the assessment
    // date.
    let end = match case.done {
        Some(done) => done,
        None => ctx
            .as_of
            .ok_or(CaseError::Other(TallyError::Needs(Needs::AsOf)))?,
    };
    // Not late (yet): on time if done, else pending.
    let not_late = || {
        if case.done.is_some() {
            CaseStatus::OnTime
        } else {
            CaseStatus::Pending
        }
    };
    let due = match (clock, within) {
        (Clock::Due(due), _) => due,
        (Clock::Start(start), Some(Within::WorkingDays(n))) => {
            match ctx.calendar.add_working_days(start, n) {
                Ok(due) => due,
                // The due date falls in a year the calendar does not know.
                // A case judged before its limit was reached needs no later
                // year (done 2026-12-30 on a 20-day limit from 2026-12-10 is
                // on time without knowing 2027): count up to the end.
                Err(e) => {
                    let passed = ctx.calendar.working_days_between(start, end)?;
                    if passed < n {
                        return Ok(not_late());
                    }
                    return Err(e.into());
                }
            }
        }
        // A due date beyond the last representable date is never reached.
        (Clock::Start(start), Some(Within::Days(n))) => {
            match start.checked_add_days(chrono::Days::new(u64::from(n))) {
                Some(due) => due,
                None => return Ok(not_late()),
            }
        }
        (Clock::Start(_), None) => {
            return Err(CaseError::Malformed(CaseProblem::StartWithoutLimit));
        }
    };
    if end <= due {
        return Ok(not_late());
    }
    // Late for certain: the due date is known and passed. How late in
    // working days may need a year the calendar does not know; then the
    // working days up to the last known day are counted, and the reason
    // says so.
    let days = calendar_days(due, end);
    let (by, known) = match within {
        // A working-day rule counts its lateness in working days too.
        Some(Within::WorkingDays(_)) => match ctx.calendar.working_days_between(due, end) {
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
        Some(Within::Days(_)) | None => (days, None),
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

/// How a cadence's periods fell short: the periods with fewer than the
/// minimum, and the occurrences missing from them in all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Short {
    pub(crate) periods: u64,
    pub(crate) missing: u64,
}

impl Short {
    /// The breaches a cadence counting `short` sees.
    pub(crate) fn breaches(self, short: Shortfall) -> u64 {
        match short {
            Shortfall::Period => self.periods,
            Shortfall::Occurrence => self.missing,
        }
    }
}

/// Walks the periods wholly inside the assessment window that hold fewer
/// than `at_least` of `dates`, calling `visit` with each one's first day
/// and its count while it returns `true`; returns how many there are and
/// how many occurrences they miss.
///
/// Periods are numbered by month (`k × months`), so the walk needs no
/// calendar arithmetic; the cost is in the dates (and the periods
/// visited), never in the length of the window.
pub(crate) fn short_periods(
    every: Every,
    at_least: u32,
    dates: &[NaiveDate],
    ctx: &Context<'_>,
    mut visit: impl FnMut(NaiveDate, u64) -> bool,
) -> Result<Short, TallyError> {
    let period = ctx.period.ok_or(TallyError::Needs(Needs::Period))?;
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
        return Ok(Short::default());
    }
    let need = u64::from(at_least.max(1));
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
    // The periods the dates hit, each with its count, in order.
    let groups = || {
        let mut rest = sorted
            .iter()
            .map(|d| month_index(*d).div_euclid(len))
            .filter(|k| (first..=last).contains(k))
            .peekable();
        std::iter::from_fn(move || {
            let k = rest.next()?;
            let mut count = 1u64;
            while rest.next_if_eq(&k).is_some() {
                count += 1;
            }
            Some((k, count))
        })
    };
    let total = u64::try_from(last - first + 1).unwrap_or(0);
    let mut short = Short::default();
    let mut hit = 0u64;
    for (_, count) in groups() {
        hit += 1;
        if count < need {
            short.periods += 1;
            short.missing = short.missing.saturating_add(need - count);
        }
    }
    let empty = total.saturating_sub(hit);
    short.periods = short.periods.saturating_add(empty);
    short.missing = short.missing.saturating_add(empty.saturating_mul(need));
    // Visit the short periods in order while `visit` wants more: each step
    // passes a period that met the minimum (at most one per date) or
    // visits a short one.
    let mut hits = groups().peekable();
    let mut k = first;
    while k <= last {
        let count = match hits.next_if(|(h, _)| *h == k) {
            Some((_, count)) => count,
            None => 0,
        };
        if count < need && !month_start(k * len).is_some_and(|day| visit(day, count)) {
            break;
        }
        k += 1;
    }
    Ok(short)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::date::parse(s).unwrap()
    }

    /// A naive count: every period of the window, walked month by month.
    fn naive(every: Every, dates: &[NaiveDate], from: NaiveDate, to: NaiveDate) -> u64 {
        let len = months(every);
        let mut missed = 0;
        let mut k = (month_index(from) + len - 1).div_euclid(len);
        while let (Some(start), Some(next)) = (month_start(k * len), month_start((k + 1) * len)) {
            if start < from {
                k += 1;
                continue;
            }
            if next.pred_opt().is_none_or(|last| last > to) {
                break;
            }
            if !dates.iter().any(|x| *x >= start && *x < next) {
                missed += 1;
            }
            k += 1;
        }
        missed
    }

    /// Missed periods count from the distinct periods the dates hit, and
    /// agree with a walk of every period; only whole periods count; the
    /// first twelve missed are named in order.
    #[test]
    fn period_counting() {
        let calendar = Calendar::new();
        let windows = [
            ("2026-01-01", "2026-12-31"),
            ("2026-01-15", "2026-12-31"),
            ("2026-02-01", "2026-11-30"),
            ("2025-07-01", "2027-06-30"),
            ("2026-03-31", "2026-04-29"),
        ];
        let dates = [
            d("2026-02-10"),
            d("2026-02-11"),
            d("2026-05-01"),
            d("2025-12-31"),
            d("2027-01-01"),
            d("2026-12-31"),
        ];
        for every in [Every::Month, Every::Quarter, Every::HalfYear, Every::Year] {
            for (from, to) in windows {
                let period = Period::new(d(from), d(to)).unwrap();
                let ctx = Context {
                    calendar: &calendar,
                    period: Some(period),
                    as_of: None,
                    peers: &[],
                };
                for n in 0..=dates.len() {
                    let some = &dates[..n];
                    let mut unsorted = some.to_vec();
                    unsorted.reverse();
                    let counted = short_periods(every, 1, &unsorted, &ctx, |_, _| true)
                        .unwrap()
                        .periods;
                    assert_eq!(
                        counted,
                        naive(every, some, d(from), d(to)),
                        "{every:?} {from}..{to} with {n} dates"
                    );
                }
            }
        }
        // Named in order, skipping those hit, stopping when asked.
        let ctx = Context {
            calendar: &calendar,
            period: Some(Period::new(d("2026-01-01"), d("2026-12-31")).unwrap()),
            as_of: None,
            peers: &[],
        };
        let mut named = Vec::new();
        let missed = short_periods(Every::Month, 1, &[d("2026-02-03")], &ctx, |first, _| {
            named.push(first);
            named.len() < 3
        })
        .unwrap()
        .periods;
        assert_eq!(missed, 11);
        assert_eq!(named, [d("2026-01-01"), d("2026-03-01"), d("2026-04-01")]);
    }
}

//! Working days in mainland China: weekends, public holidays and make-up
//! working days (调休).
//!
//! A [`Calendar`] knows a set of years, each with its official
//! [`YearSchedule`]: the dates listed by that year's notice of the General
//! Office of the State Council (国务院办公厅关于…部分节假日安排的通知), each a
//! [`DayKind::Holiday`] (放假, no work) or a [`DayKind::MakeupWorkday`]
//! (调休上班, a Saturday or Sunday that is worked). A date that no schedule
//! lists follows the week: Monday to Friday are working days, Saturday and
//! Sunday are not. [`Calendar::china`] knows 2018 to 2026 from data compiled
//! into the crate; other years are added as data ([`Calendar::insert`]).
//!
//! # Semantics
//!
//! - **Strictly after.** [`Calendar::add_working_days`]`(date, n)` is the
//!   `n`-th working day strictly after `date`: counting starts on the next
//!   day, whether `date` itself is a working day or not. A task handed over
//!   on Thursday 2026-09-24 with 20 working days is due on 2026-10-29 (the
//!   Mid-Autumn and National Day holidays are skipped, the make-up Saturday
//!   2026-10-10 counts).
//! - **`n = 0`** returns `date` itself, working day or not, without
//!   consulting the calendar (no date is examined, so it never fails).
//! - **Half-open interval.** [`Calendar::working_days_between`]`(from, to)`
//!   counts the working days `d` with `from < d <= to`, and is 0 when
//!   `to <= from`. So `working_days_between(d, add_working_days(d, n)?) == n`,
//!   and counts add up: `between(a, b) + between(b, c) == between(a, c)` for
//!   `a <= b <= c`.
//! - **Unknown years are errors, never guesses.** Every date examined must
//!   belong to a year the calendar knows, else the answer is
//!   [`CalendarError::UnknownYear`]; the calendar never assumes a plain
//!   Monday-to-Friday week for a year whose notice it lacks. A deadline
//!   computed with [`Calendar::china`] that runs into 2027 fails until a 2027
//!   schedule is added. Only the dates examined matter:
//!   `add_working_days(2017-12-31, 1)` needs 2018 only.
//! - **The New Year holiday may begin in the previous December.** A year's
//!   notice can rearrange the last days of the year before: the 2019 notice
//!   made Saturday 2018-12-29 a working day and Monday 2018-12-31 a holiday,
//!   and the 2023 notice lists Saturday 2022-12-31 as a holiday. A
//!   [`YearSchedule`] therefore also accepts dates in the December before its
//!   year (as the holiday-cn files list them). In a calendar, a date is
//!   decided by its own year's schedule, overridden by the next year's
//!   schedule where that one lists it (the later notice wins). The date still
//!   needs its own year to be known, and until the next year is added the
//!   last December follows its own year's schedule alone.
//!
//! The answers are O(log years) lookups in a per-year bitset of working days:
//! `add_working_days(d, 20)` costs a few tens of nanoseconds, and a huge `n`
//! walks the known years one bitset at a time until it finds the answer or
//! reaches a year the calendar does not know.
//!
//! # Adding a year
//!
//! A year's schedule deserializes (with serde) from the JSON format of the
//! public dataset holiday-cn: `year`, optional `papers` (the notice URLs) and
//! `days`, each with `name`, `date` (`YYYY-MM-DD`) and `isOffDay` (`true` for
//! a holiday, `false` for a make-up working day). `$schema` and `$id` are
//! accepted and ignored; any other field is an error. Deserialization
//! validates like [`YearSchedule::new`].
//!
//! ```
//! use ducha::{Calendar, CalendarError, YearSchedule};
//! use chrono::NaiveDate;
//!
//! let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("invalid date");
//!
//! // Illustrative entries in the holiday-cn format, not the official 2027 schedule.
//! let json = r#"{
//!     "year": 2027,
//!     "days": [
//!         { "name": "元旦", "date": "2027-01-01", "isOffDay": true },
//!         { "name": "春节", "date": "2027-02-20", "isOffDay": false }
//!     ]
//! }"#;
//! let y2027: YearSchedule = serde_json::from_str(json)?;
//!
//! // The built-in calendar stops at 2026 and does not guess beyond it.
//! let china = Calendar::china();
//! assert_eq!(
//!     china.add_working_days(date(2026, 12, 31)?, 1),
//!     Err(CalendarError::UnknownYear { year: 2027 }),
//! );
//!
//! // With 2027 added: Friday 2027-01-01 is a holiday, then the weekend,
//! // so the first working day after Thursday 2026-12-31 is Monday 2027-01-04.
//! let calendar = china.with_year(y2027);
//! assert_eq!(calendar.add_working_days(date(2026, 12, 31)?, 1)?, date(2027, 1, 4)?);
//! assert!(calendar.is_working_day(date(2027, 2, 20)?)?); // a make-up Saturday
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

mod schedule;
mod working_days;

use schedule::cn;
pub use schedule::{DayKind, ListedDay, YearSchedule};
use working_days::WorkingDays;
#[cfg(test)]
use working_days::{WORDS, mask};

/// The first year a [`YearSchedule`] may have.
pub(crate) const FIRST_YEAR: i32 = 1;
/// The last year a [`YearSchedule`] may have (dates are written `YYYY-MM-DD`).
pub(crate) const LAST_YEAR: i32 = 9999;

/// A working-day calendar: the years it knows, each with its holidays and
/// make-up working days.
///
/// A date that no schedule lists follows the week: Monday to Friday are
/// working days, Saturday and Sunday are not.
///
/// - [`add_working_days`](Calendar::add_working_days)`(date, n)` is the `n`-th
///   working day strictly after `date`; `n = 0` returns `date` itself.
/// - [`working_days_between`](Calendar::working_days_between)`(from, to)`
///   counts the working days in the half-open interval `(from, to]`, 0 when
///   `to <= from`; so `working_days_between(d, add_working_days(d, n)?) == n`.
/// - Unknown years are errors ([`CalendarError::UnknownYear`]), never
///   guesses: every date examined must be in a year the calendar knows.
/// - A year's schedule may rearrange the December before it (a New Year
///   holiday that begins there); the calendar applies it to that December,
///   over the earlier year's own schedule.
///
/// Building [`Calendar::china`] allocates; build it once and share it.
///
/// ```
/// use ducha::Calendar;
/// use chrono::NaiveDate;
///
/// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("invalid date");
/// let china = Calendar::china();
///
/// // Thursday 2026-09-24 + 20 working days, across the Mid-Autumn Festival
/// // and National Day holidays.
/// let due = china.add_working_days(date(2026, 9, 24)?, 20)?;
/// assert_eq!(due, date(2026, 10, 29)?);
/// assert_eq!(china.working_days_between(date(2026, 9, 24)?, due)?, 20);
/// assert!(china.is_working_day(date(2026, 10, 10)?)?); // a make-up Saturday
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Calendar {
    /// The known years, each with its schedule and its working days.
    years: BTreeMap<i32, KnownYear>,
}

/// A year known to a [`Calendar`].
#[derive(Debug, Clone, PartialEq, Eq)]
struct KnownYear {
    /// The year's own schedule.
    schedule: YearSchedule,
    /// The year's working days: those of its schedule, overridden by what the
    /// next year's schedule (if known) lists for the December of this year.
    working: WorkingDays,
}

impl Calendar {
    /// A calendar that knows no year: every question about a date fails with
    /// [`CalendarError::UnknownYear`] until years are added.
    pub fn new() -> Calendar {
        Calendar::default()
    }

    /// The official schedule of mainland China for 2018 to 2026, from data
    /// compiled into the crate (no file is read at run time).
    ///
    /// The data are the notices of the General Office of the State Council,
    /// as collected by the public dataset holiday-cn; each year keeps its
    /// notice URLs ([`YearSchedule::papers`]). Every entry is kept, even
    /// Monday 2020-02-03, listed as a working day because the notice
    /// extending the 2020 Spring Festival says work resumes that day.
    pub fn china() -> Calendar {
        let mut calendar = Calendar::new();
        for builtin in cn::CN {
            // Every built-in year validates (checked by a unit test), so
            // nothing is skipped here.
            if let Some(schedule) = builtin.schedule() {
                calendar.insert(schedule);
            }
        }
        calendar
    }

    /// Adds a year's schedule, or replaces the schedule the calendar has for
    /// that year; returns the replaced schedule.
    ///
    /// Adding a year changes the answers for the dates of that year and for
    /// the dates of the December before it that its schedule lists, and no
    /// others.
    pub fn insert(&mut self, schedule: YearSchedule) -> Option<YearSchedule> {
        let year = schedule.year;
        let known = KnownYear {
            working: schedule.working,
            schedule,
        };
        let replaced = self.years.insert(year, known).map(|known| known.schedule);
        self.refresh(year);
        if let Some(previous) = year.checked_sub(1) {
            self.refresh(previous);
        }
        replaced
    }

    /// Builder form of [`insert`](Calendar::insert): the calendar with
    /// `schedule` added (replacing any schedule for the same year).
    #[must_use]
    pub fn with_year(mut self, schedule: YearSchedule) -> Calendar {
        self.insert(schedule);
        self
    }

    /// The schedule of `year`, if the calendar knows that year.
    pub fn year(&self, year: i32) -> Option<&YearSchedule> {
        self.years.get(&year).map(|known| &known.schedule)
    }

    /// The years the calendar knows, in ascending order (so `next_back()` is
    /// the last known year).
    pub fn years(&self) -> impl DoubleEndedIterator<Item = i32> + ExactSizeIterator + '_ {
        self.years.keys().copied()
    }

    /// Whether `date` is a working day.
    ///
    /// # Errors
    ///
    /// [`CalendarError::UnknownYear`] if the calendar does not know the year
    /// of `date`.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        Ok(self.working(date.year())?.get(date.ordinal0()))
    }

    /// The `n`-th working day strictly after `date`; `n = 0` returns `date`
    /// itself.
    ///
    /// Every date examined (from the day after `date` to the result) must be
    /// in a year the calendar knows. The cost is linear in the number of
    /// years walked, never unbounded: a huge `n` fails as soon as the walk
    /// reaches a year the calendar does not know.
    ///
    /// # Errors
    ///
    /// - [`CalendarError::UnknownYear`] if the walk reaches a year the
    ///   calendar does not know before finding the `n`-th working day.
    /// - [`CalendarError::YearOutOfRange`] if there is no date after `date`
    ///   (`date` is the last date `chrono` can represent).
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        if n == 0 {
            return Ok(date);
        }
        let first = next_day(date)?;
        let mut year = first.year();
        let mut from = first.ordinal0();
        let mut left = n;
        loop {
            match self.working(year)?.nth(from, left) {
                Ok(ordinal0) => return date_of(year, ordinal0),
                // `found < left`, else `nth` would have found the day.
                Err(found) => left = left.saturating_sub(found),
            }
            year = year
                .checked_add(1)
                .ok_or(CalendarError::YearOutOfRange { year })?;
            from = 0;
        }
    }

    /// The number of working days `d` with `from < d <= to`; 0 when
    /// `to <= from`.
    ///
    /// So `working_days_between(d, add_working_days(d, n)?) == n`. Every date
    /// in the interval must be in a year the calendar knows (`from` itself is
    /// not examined).
    ///
    /// # Errors
    ///
    /// [`CalendarError::UnknownYear`] if a date of the interval is in a year
    /// the calendar does not know.
    pub fn working_days_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<u32, CalendarError> {
        if to <= from {
            return Ok(0);
        }
        let first = next_day(from)?;
        let (first_year, last_year) = (first.year(), to.year());
        let mut total: u32 = 0;
        for year in first_year..=last_year {
            let working = self.working(year)?;
            let lo = if year == first_year {
                first.ordinal0()
            } else {
                0
            };
            let hi = if year == last_year {
                to.ordinal0().saturating_add(1)
            } else {
                WorkingDays::CAPACITY
            };
            // Cannot saturate: at most 366 days in each of at most 9999 years.
            total = total.saturating_add(working.count(lo, hi));
        }
        Ok(total)
    }

    /// The last day of the run of consecutive known years that starts with
    /// the year of `date`; `None` if that year is unknown.
    pub(crate) fn last_known_day(&self, date: NaiveDate) -> Option<NaiveDate> {
        let mut year = date.year();
        if !self.years.contains_key(&year) {
            return None;
        }
        // The cost is the number of known years at most.
        for (&known, _) in self.years.range(year..) {
            if known != year {
                break;
            }
            year = known.saturating_add(1);
        }
        NaiveDate::from_ymd_opt(year.saturating_sub(1), 12, 31)
    }

    /// The working days of a known year.
    fn working(&self, year: i32) -> Result<&WorkingDays, CalendarError> {
        self.years
            .get(&year)
            .map(|known| &known.working)
            .ok_or(CalendarError::UnknownYear { year })
    }

    /// Recomputes the working days of `year` (if known) from its schedule and
    /// the next year's schedule (if known).
    fn refresh(&mut self, year: i32) {
        let Some(known) = self.years.get(&year) else {
            return;
        };
        let mut working = known.schedule.working;
        let next = year.checked_add(1).and_then(|next| self.years.get(&next));
        if let Some(next) = next {
            for day in next
                .schedule
                .days
                .iter()
                .filter(|day| day.date.year() == year)
            {
                working.set(day.date.ordinal0(), day.kind.is_working_day());
            }
        }
        if let Some(known) = self.years.get_mut(&year) {
            known.working = working;
        }
    }
}

/// The day after `date`.
fn next_day(date: NaiveDate) -> Result<NaiveDate, CalendarError> {
    date.succ_opt().ok_or(CalendarError::YearOutOfRange {
        year: date.year().saturating_add(1),
    })
}

/// The date with 0-based ordinal `ordinal0` in `year`.
fn date_of(year: i32, ordinal0: u32) -> Result<NaiveDate, CalendarError> {
    ordinal0
        .checked_add(1)
        .and_then(|ordinal| NaiveDate::from_yo_opt(year, ordinal))
        .ok_or(CalendarError::YearOutOfRange { year })
}

/// Why a calendar question or a schedule failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// The answer needs a date of a year the calendar has no schedule for.
    #[error("the calendar does not know the year `{year}`")]
    UnknownYear {
        /// The year.
        year: i32,
    },
    /// A schedule lists a date that is neither in its year nor in the
    /// December before it.
    #[error("date `{date}` is neither in the year `{year}` nor in the December before it")]
    DateOutsideYear {
        /// The schedule's year.
        year: i32,
        /// The date.
        date: NaiveDate,
    },
    /// A schedule lists a date twice.
    #[error("date `{date}` is listed twice")]
    DuplicateDate {
        /// The date.
        date: NaiveDate,
    },
    /// A year outside `1..=9999`: a schedule for it, or a date after the last
    /// date `chrono` can represent.
    #[error("the year `{year}` is outside the supported range `1..=9999`")]
    YearOutOfRange {
        /// The year.
        year: i32,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn holiday(date: NaiveDate) -> ListedDay {
        ListedDay {
            name: "节".to_owned(),
            date,
            kind: DayKind::Holiday,
        }
    }

    fn makeup(date: NaiveDate) -> ListedDay {
        ListedDay {
            name: "节".to_owned(),
            date,
            kind: DayKind::MakeupWorkday,
        }
    }

    // ----- the built-in data -----

    #[test]
    fn every_builtin_year_validates() {
        let mut previous = None;
        for builtin in cn::CN {
            let days: Vec<ListedDay> = builtin
                .days
                .iter()
                .map(|&(y, m, day, kind, name)| ListedDay {
                    name: name.to_owned(),
                    date: d(y, m, day),
                    kind,
                })
                .collect();
            // Kept in date order in the table, so the schedule's order is the table's.
            assert!(
                days.windows(2).all(|w| w[0].date < w[1].date),
                "{}",
                builtin.year
            );
            let schedule = YearSchedule::new(builtin.year, days.clone()).unwrap();
            assert_eq!(schedule.days(), days.as_slice());
            assert!(!builtin.papers.is_empty());
            assert_eq!(
                builtin.schedule(),
                Some(schedule.with_papers(builtin.papers.iter().copied()))
            );
            assert!(previous < Some(builtin.year));
            previous = Some(builtin.year);
        }
    }

    #[test]
    fn china_knows_2018_to_2026() {
        let china = Calendar::china();
        assert_eq!(
            china.years().collect::<Vec<_>>(),
            (2018..=2026).collect::<Vec<_>>()
        );
        assert_eq!(
            china.year(2026).unwrap().papers(),
            ["https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm"]
        );
        assert_eq!(china.year(2020).unwrap().papers().len(), 2);
        assert_eq!(china, Calendar::china());
    }

    // ----- deadlines, each checked by hand against the notices (2024-2026 JSON files) -----

    #[test]
    fn spring_festival_2026() {
        // 2026 notice: 2-15 (Sun) .. 2-23 (Mon) off; Sat 2-14 and Sat 2-28 worked.
        // After Thu 2026-02-12: Fri 2-13 #1, Sat 2-14 (make-up) #2, 2-15..2-23 off,
        // Tue 2-24 #3, Wed 2-25 #4, Thu 2-26 #5, Fri 2-27 #6, Sat 2-28 (make-up) #7,
        // Sun 3-1 off, Mon 3-2 #8, Tue 3-3 #9, Wed 3-4 #10.
        let china = Calendar::china();
        assert_eq!(
            china.add_working_days(d(2026, 2, 12), 2).unwrap(),
            d(2026, 2, 14)
        );
        assert_eq!(
            china.add_working_days(d(2026, 2, 12), 3).unwrap(),
            d(2026, 2, 24)
        );
        assert_eq!(
            china.add_working_days(d(2026, 2, 12), 5).unwrap(),
            d(2026, 2, 26)
        );
        assert_eq!(
            china.add_working_days(d(2026, 2, 12), 7).unwrap(),
            d(2026, 2, 28)
        );
        assert_eq!(
            china.add_working_days(d(2026, 2, 12), 10).unwrap(),
            d(2026, 3, 4)
        );
        assert_eq!(
            china
                .working_days_between(d(2026, 2, 12), d(2026, 3, 4))
                .unwrap(),
            10
        );
        // Inside the holiday: the first working day after Tue 2-17 is Tue 2-24.
        assert_eq!(
            china.add_working_days(d(2026, 2, 17), 1).unwrap(),
            d(2026, 2, 24)
        );
        assert!(!china.is_working_day(d(2026, 2, 23)).unwrap()); // a Monday off
        assert!(china.is_working_day(d(2026, 2, 14)).unwrap()); // a Saturday worked
    }

    #[test]
    fn national_day_2025() {
        // 2025 notice: 10-1 (Wed) .. 10-8 (Wed) off (National Day and Mid-Autumn);
        // Sun 9-28 and Sat 10-11 worked.
        // After Fri 2025-09-26: Sat 9-27 off, Sun 9-28 (make-up) #1, Mon 9-29 #2,
        // Tue 9-30 #3, 10-1..10-8 off, Thu 10-9 #4, Fri 10-10 #5, Sat 10-11 (make-up) #6,
        // Sun 10-12 off, Mon 10-13 #7, Tue 10-14 #8, Wed 10-15 #9, Thu 10-16 #10.
        let china = Calendar::china();
        assert_eq!(
            china.add_working_days(d(2025, 9, 26), 1).unwrap(),
            d(2025, 9, 28)
        );
        assert_eq!(
            china.add_working_days(d(2025, 9, 26), 4).unwrap(),
            d(2025, 10, 9)
        );
        assert_eq!(
            china.add_working_days(d(2025, 9, 26), 6).unwrap(),
            d(2025, 10, 11)
        );
        assert_eq!(
            china.add_working_days(d(2025, 9, 26), 10).unwrap(),
            d(2025, 10, 16)
        );
        assert_eq!(
            china
                .working_days_between(d(2025, 9, 26), d(2025, 10, 16))
                .unwrap(),
            10
        );
        assert_eq!(
            china
                .working_days_between(d(2025, 9, 30), d(2025, 10, 8))
                .unwrap(),
            0
        );
    }

    #[test]
    fn national_day_2026() {
        // 2026 notice: Fri 9-25 off (Mid-Autumn; Sat 9-26 and Sun 9-27 are its weekend,
        // listed as holidays too); 10-1 (Thu) .. 10-7 (Wed) off; Sun 9-20 and Sat 10-10 worked.
        // After Thu 2026-09-24: 9-25..9-27 off, Mon 9-28 #1, Tue 9-29 #2, Wed 9-30 #3,
        // 10-1..10-7 off, Thu 10-8 #4, Fri 10-9 #5, Sat 10-10 (make-up) #6, Sun 10-11 off,
        // Mon 10-12 .. Fri 10-16 #7..#11, Mon 10-19 .. Fri 10-23 #12..#16,
        // Mon 10-26 #17, Tue 10-27 #18, Wed 10-28 #19, Thu 10-29 #20.
        let china = Calendar::china();
        assert_eq!(
            china.add_working_days(d(2026, 9, 24), 1).unwrap(),
            d(2026, 9, 28)
        );
        assert_eq!(
            china.add_working_days(d(2026, 9, 24), 4).unwrap(),
            d(2026, 10, 8)
        );
        // The 6th lands on the make-up Saturday 2026-10-10.
        assert_eq!(
            china.add_working_days(d(2026, 9, 24), 6).unwrap(),
            d(2026, 10, 10)
        );
        assert_eq!(
            china.add_working_days(d(2026, 9, 24), 7).unwrap(),
            d(2026, 10, 12)
        );
        assert_eq!(
            china.add_working_days(d(2026, 9, 24), 20).unwrap(),
            d(2026, 10, 29)
        );
        assert_eq!(
            china
                .working_days_between(d(2026, 9, 24), d(2026, 10, 29))
                .unwrap(),
            20
        );
        // 2026-09-27 is a Sunday inside the Mid-Autumn holiday, not a make-up day.
        assert!(!china.is_working_day(d(2026, 9, 27)).unwrap());
    }

    #[test]
    fn lands_on_a_make_up_sunday() {
        // 2026 notice: Sun 2026-09-20 is worked (for National Day).
        // After Fri 9-18: Sat 9-19 off, Sun 9-20 (make-up) #1, Mon 9-21 #2.
        let china = Calendar::china();
        assert_eq!(
            china.add_working_days(d(2026, 9, 18), 1).unwrap(),
            d(2026, 9, 20)
        );
        assert_eq!(
            china.add_working_days(d(2026, 9, 18), 2).unwrap(),
            d(2026, 9, 21)
        );
        // Starting on the make-up Sunday itself: strictly after, so Mon 9-21.
        assert_eq!(
            china.add_working_days(d(2026, 9, 20), 1).unwrap(),
            d(2026, 9, 21)
        );
    }

    #[test]
    fn year_boundary_2025_to_2026() {
        // 2025 lists nothing in late December; 2026 notice: 1-1 (Thu) .. 1-3 (Sat) off,
        // Sun 1-4 worked.
        // After Tue 2025-12-30: Wed 12-31 #1, 1-1..1-3 off, Sun 1-4 (make-up) #2, Mon 1-5 #3.
        let china = Calendar::china();
        assert_eq!(
            china.add_working_days(d(2025, 12, 30), 1).unwrap(),
            d(2025, 12, 31)
        );
        assert_eq!(
            china.add_working_days(d(2025, 12, 30), 2).unwrap(),
            d(2026, 1, 4)
        );
        assert_eq!(
            china.add_working_days(d(2025, 12, 30), 3).unwrap(),
            d(2026, 1, 5)
        );
        assert_eq!(
            china.add_working_days(d(2025, 12, 31), 1).unwrap(),
            d(2026, 1, 4)
        );
        assert_eq!(
            china
                .working_days_between(d(2025, 12, 30), d(2026, 1, 5))
                .unwrap(),
            3
        );
        assert_eq!(
            china
                .working_days_between(d(2025, 12, 31), d(2026, 1, 3))
                .unwrap(),
            0
        );
    }

    #[test]
    fn leap_day_2024() {
        // 2024 notice: Spring Festival 2-10 (Sat) .. 2-17 (Sat) off, Sun 2-4 and Sun 2-18
        // worked; nothing listed around 2-29 (a Thursday).
        // After Thu 2-8: Fri 2-9 #1, 2-10..2-17 off, Sun 2-18 (make-up) #2, Mon 2-19 #3.
        // After Mon 2-26: Tue 2-27 #1, Wed 2-28 #2, Thu 2-29 #3, Fri 3-1 #4.
        let china = Calendar::china();
        assert!(china.is_working_day(d(2024, 2, 29)).unwrap());
        assert_eq!(
            china.add_working_days(d(2024, 2, 8), 2).unwrap(),
            d(2024, 2, 18)
        );
        assert_eq!(
            china.add_working_days(d(2024, 2, 8), 3).unwrap(),
            d(2024, 2, 19)
        );
        assert_eq!(
            china.add_working_days(d(2024, 2, 26), 3).unwrap(),
            d(2024, 2, 29)
        );
        assert_eq!(
            china.add_working_days(d(2024, 2, 28), 2).unwrap(),
            d(2024, 3, 1)
        );
        assert_eq!(
            china.add_working_days(d(2024, 2, 29), 1).unwrap(),
            d(2024, 3, 1)
        );
        assert_eq!(
            china
                .working_days_between(d(2024, 2, 28), d(2024, 3, 1))
                .unwrap(),
            2
        );
        // 2024-12-31 is day 366: Tue, a working day.
        assert!(china.is_working_day(d(2024, 12, 31)).unwrap());
        assert_eq!(
            china.add_working_days(d(2024, 12, 30), 1).unwrap(),
            d(2024, 12, 31)
        );
    }

    #[test]
    fn working_days_per_year() {
        // 2025: 261 Mondays-Fridays (365 days from a Wednesday), 18 of them off
        // (1-1; 1-28..1-31; 2-3, 2-4; 4-4; 5-1, 5-2, 5-5; 6-2; 10-1..10-3; 10-6..10-8),
        // 5 weekend days worked (1-26, 2-8, 4-27, 9-28, 10-11): 261 - 18 + 5 = 248.
        // 2026: 261 Mondays-Fridays (365 days from a Thursday), 19 off (1-1, 1-2;
        // 2-16..2-20; 2-23; 4-6; 5-1, 5-4, 5-5; 6-19; 9-25; 10-1, 10-2, 10-5..10-7),
        // 6 worked (1-4, 2-14, 2-28, 5-9, 9-20, 10-10): 261 - 19 + 6 = 248.
        let china = Calendar::china();
        assert_eq!(
            china
                .working_days_between(d(2024, 12, 31), d(2025, 12, 31))
                .unwrap(),
            248
        );
        assert_eq!(
            china
                .working_days_between(d(2025, 12, 31), d(2026, 12, 31))
                .unwrap(),
            248
        );
        assert_eq!(
            china.add_working_days(d(2025, 12, 31), 248).unwrap(),
            d(2026, 12, 31)
        );
    }

    #[test]
    fn new_year_2019_is_arranged_by_the_2019_notice() {
        // The 2019 notice (2018-12-06): 2018-12-30 (Sun) .. 2019-01-01 (Tue) off,
        // Sat 2018-12-29 worked. The 2018 notice says nothing about those days.
        let china = Calendar::china();
        assert!(china.is_working_day(d(2018, 12, 29)).unwrap());
        assert!(!china.is_working_day(d(2018, 12, 31)).unwrap());
        // After Fri 2018-12-28: Sat 12-29 #1, 12-30..1-1 off, Wed 2019-01-02 #2.
        assert_eq!(
            china.add_working_days(d(2018, 12, 28), 1).unwrap(),
            d(2018, 12, 29)
        );
        assert_eq!(
            china.add_working_days(d(2018, 12, 28), 2).unwrap(),
            d(2019, 1, 2)
        );
        // The 2018 schedule alone does not know.
        let y2018 = china.year(2018).unwrap();
        assert_eq!(y2018.is_working_day(d(2018, 12, 29)), Some(false));
        assert_eq!(y2018.is_working_day(d(2018, 12, 31)), Some(true));
        assert_eq!(
            china.year(2019).unwrap().is_working_day(d(2018, 12, 31)),
            None
        );
        // Without 2019, 2018 answers from its own schedule.
        let only_2018 = Calendar::new().with_year(y2018.clone());
        assert!(!only_2018.is_working_day(d(2018, 12, 29)).unwrap());
        assert!(only_2018.is_working_day(d(2018, 12, 31)).unwrap());
        // Without 2018, the 2018 dates are unknown even though 2019 lists some.
        let only_2019 = Calendar::new().with_year(china.year(2019).unwrap().clone());
        assert_eq!(
            only_2019.is_working_day(d(2018, 12, 29)),
            Err(CalendarError::UnknownYear { year: 2018 })
        );
        // The 2023 notice lists Sat 2022-12-31 as a holiday: a weekend day anyway.
        assert!(!china.is_working_day(d(2022, 12, 31)).unwrap());
        assert_eq!(china.year(2023).unwrap().days()[0].date, d(2022, 12, 31));
    }

    #[test]
    fn replacing_a_year_recomputes_the_december_before() {
        let china = Calendar::china();
        let mut calendar = china.clone();
        let y2019 = china.year(2019).unwrap();
        let without_december = YearSchedule::new(
            2019,
            y2019
                .days()
                .iter()
                .filter(|day| day.date.year() == 2019)
                .cloned(),
        )
        .unwrap();
        let replaced = calendar.insert(without_december.clone());
        assert_eq!(replaced.as_ref(), Some(y2019));
        assert!(!calendar.is_working_day(d(2018, 12, 29)).unwrap());
        assert!(calendar.is_working_day(d(2018, 12, 31)).unwrap());
        assert_eq!(calendar.insert(y2019.clone()), Some(without_december));
        assert_eq!(calendar, china);
        // Inserting in any order gives the same calendar.
        let mut reversed = Calendar::new();
        for year in china.years().rev() {
            assert_eq!(reversed.insert(china.year(year).unwrap().clone()), None);
        }
        assert_eq!(reversed, china);
    }

    #[test]
    fn unknown_years_are_errors() {
        let china = Calendar::china();
        fn unknown<T>(year: i32) -> Result<T, CalendarError> {
            Err(CalendarError::UnknownYear { year })
        }
        assert_eq!(china.is_working_day(d(2017, 12, 31)), unknown(2017));
        assert_eq!(china.is_working_day(d(2027, 1, 1)), unknown(2027));
        assert_eq!(china.add_working_days(d(2017, 12, 30), 1), unknown(2017));
        assert_eq!(china.add_working_days(d(2026, 12, 31), 1), unknown(2027));
        // After Wed 2026-12-30: Thu 12-31 #1, then 2027 is needed.
        assert_eq!(
            china.add_working_days(d(2026, 12, 30), 1).unwrap(),
            d(2026, 12, 31)
        );
        assert_eq!(china.add_working_days(d(2026, 12, 30), 2), unknown(2027));
        assert_eq!(
            china.working_days_between(d(2017, 12, 30), d(2018, 1, 5)),
            unknown(2017)
        );
        assert_eq!(
            china.working_days_between(d(2026, 12, 30), d(2027, 1, 1)),
            unknown(2027)
        );
        // Only the dates examined matter: after 2017-12-31, only 2018 is needed.
        // Mon 2018-01-01 off (New Year), Tue 1-2 #1 .. Fri 1-5 #4.
        assert_eq!(
            china.add_working_days(d(2017, 12, 31), 4).unwrap(),
            d(2018, 1, 5)
        );
        assert_eq!(
            china
                .working_days_between(d(2017, 12, 31), d(2018, 1, 5))
                .unwrap(),
            4
        );
        assert_eq!(
            china
                .working_days_between(d(2026, 12, 30), d(2026, 12, 31))
                .unwrap(),
            1
        );
        // An empty calendar knows nothing.
        assert_eq!(Calendar::new().is_working_day(d(2026, 1, 5)), unknown(2026));
        assert_eq!(Calendar::new().years().count(), 0);
    }

    #[test]
    fn huge_n_stops_at_the_last_known_year() {
        let china = Calendar::china();
        let unknown = Err(CalendarError::UnknownYear { year: 2027 });
        assert_eq!(china.add_working_days(d(2018, 1, 1), u32::MAX), unknown);
        // 2018..=2026 hold 250 + 250 + 249 + 250 + 249 + 249 + 251 + 248 + 248 = 2244
        // working days (per-year counts cross-checked with an independent day-by-day
        // scan of the JSON files); the last one is Thu 2026-12-31 and one more needs 2027.
        let total = china
            .working_days_between(d(2017, 12, 31), d(2026, 12, 31))
            .unwrap();
        assert_eq!(total, 2244);
        assert_eq!(
            china.add_working_days(d(2017, 12, 31), total).unwrap(),
            d(2026, 12, 31)
        );
        assert_eq!(china.add_working_days(d(2017, 12, 31), total + 1), unknown);
    }

    #[test]
    fn zero_and_empty_intervals() {
        let china = Calendar::china();
        // n = 0 is the date itself, even on a holiday or in an unknown year.
        assert_eq!(
            china.add_working_days(d(2026, 10, 1), 0).unwrap(),
            d(2026, 10, 1)
        );
        assert_eq!(
            china.add_working_days(d(2030, 1, 1), 0).unwrap(),
            d(2030, 1, 1)
        );
        assert_eq!(
            china
                .working_days_between(d(2026, 5, 6), d(2026, 5, 6))
                .unwrap(),
            0
        );
        assert_eq!(
            china
                .working_days_between(d(2026, 5, 7), d(2026, 5, 6))
                .unwrap(),
            0
        );
        assert_eq!(
            china
                .working_days_between(d(2030, 1, 1), d(2017, 1, 1))
                .unwrap(),
            0
        );
        // A single day interval.
        assert_eq!(
            china
                .working_days_between(d(2026, 5, 5), d(2026, 5, 6))
                .unwrap(),
            1
        );
    }

    #[test]
    fn extreme_dates_do_not_panic() {
        let china = Calendar::china();
        assert_eq!(
            china.add_working_days(NaiveDate::MAX, 1),
            Err(CalendarError::YearOutOfRange {
                year: NaiveDate::MAX.year() + 1
            })
        );
        assert_eq!(
            china.is_working_day(NaiveDate::MIN),
            Err(CalendarError::UnknownYear {
                year: NaiveDate::MIN.year()
            })
        );
        assert_eq!(
            china.working_days_between(NaiveDate::MIN, NaiveDate::MAX),
            Err(CalendarError::UnknownYear {
                year: NaiveDate::MIN.year()
            })
        );
        assert_eq!(
            china
                .working_days_between(NaiveDate::MAX, NaiveDate::MIN)
                .unwrap(),
            0
        );
        assert_eq!(
            china.add_working_days(NaiveDate::MIN, u32::MAX),
            Err(CalendarError::UnknownYear {
                year: NaiveDate::MIN.year()
            })
        );
        // The last supported year works to its last day.
        let y9999 = YearSchedule::new(9999, []).unwrap();
        let calendar = Calendar::new().with_year(y9999);
        assert_eq!(
            calendar.add_working_days(d(9999, 12, 30), 1).unwrap(),
            d(9999, 12, 31)
        ); // a Friday
        assert_eq!(
            calendar.add_working_days(d(9999, 12, 31), 1),
            Err(CalendarError::UnknownYear { year: 10000 })
        );
    }

    // ----- schedules -----

    #[test]
    fn schedule_validation() {
        assert_eq!(
            YearSchedule::new(2026, [holiday(d(2025, 11, 30))]),
            Err(CalendarError::DateOutsideYear {
                year: 2026,
                date: d(2025, 11, 30)
            })
        );
        assert_eq!(
            YearSchedule::new(2026, [holiday(d(2027, 1, 1))]),
            Err(CalendarError::DateOutsideYear {
                year: 2026,
                date: d(2027, 1, 1)
            })
        );
        assert_eq!(
            YearSchedule::new(2026, [holiday(d(2024, 12, 31))]),
            Err(CalendarError::DateOutsideYear {
                year: 2026,
                date: d(2024, 12, 31)
            })
        );
        assert_eq!(
            YearSchedule::new(
                2026,
                [
                    holiday(d(2026, 1, 1)),
                    makeup(d(2026, 1, 4)),
                    holiday(d(2026, 1, 1))
                ]
            ),
            Err(CalendarError::DuplicateDate {
                date: d(2026, 1, 1)
            })
        );
        // Duplicate even with different kinds.
        assert_eq!(
            YearSchedule::new(2026, [holiday(d(2026, 1, 4)), makeup(d(2026, 1, 4))]),
            Err(CalendarError::DuplicateDate {
                date: d(2026, 1, 4)
            })
        );
        // A working day listed on a weekday (as holiday-cn lists Monday
        // 2020-02-03) is accepted and changes nothing.
        let monday = YearSchedule::new(2026, [makeup(d(2026, 1, 5))]).unwrap();
        assert_eq!(monday.is_working_day(d(2026, 1, 5)), Some(true));
        assert_eq!(
            YearSchedule::new(0, []),
            Err(CalendarError::YearOutOfRange { year: 0 })
        );
        assert_eq!(
            YearSchedule::new(10000, []),
            Err(CalendarError::YearOutOfRange { year: 10000 })
        );
        assert_eq!(
            YearSchedule::new(i32::MIN, [holiday(d(2026, 1, 1))]),
            Err(CalendarError::YearOutOfRange { year: i32::MIN })
        );
        // The earliest fault is reported.
        assert_eq!(
            YearSchedule::new(
                2026,
                [
                    makeup(d(2026, 3, 2)),
                    holiday(d(2026, 2, 2)),
                    holiday(d(2026, 2, 2))
                ]
            ),
            Err(CalendarError::DuplicateDate {
                date: d(2026, 2, 2)
            })
        );
        // Allowed: holidays on weekends, the December before, any order.
        let schedule = YearSchedule::new(
            2026,
            [
                makeup(d(2026, 1, 4)),
                holiday(d(2026, 1, 3)),
                makeup(d(2025, 12, 27)),
                holiday(d(2025, 12, 29)),
            ],
        )
        .unwrap();
        let dates: Vec<_> = schedule.days().iter().map(|day| day.date).collect();
        assert_eq!(
            dates,
            [
                d(2025, 12, 27),
                d(2025, 12, 29),
                d(2026, 1, 3),
                d(2026, 1, 4)
            ]
        );
        assert_eq!(schedule.year(), 2026);
        assert!(schedule.papers().is_empty());
        assert_eq!(schedule.is_working_day(d(2026, 1, 4)), Some(true));
        assert_eq!(schedule.is_working_day(d(2026, 1, 5)), Some(true));
        assert_eq!(schedule.is_working_day(d(2026, 1, 3)), Some(false));
        assert_eq!(schedule.is_working_day(d(2025, 12, 27)), None);
        // In a calendar, the December listings apply to 2025.
        let plain_2025 = YearSchedule::new(2025, []).unwrap();
        let calendar = Calendar::new().with_year(plain_2025).with_year(schedule);
        assert!(calendar.is_working_day(d(2025, 12, 27)).unwrap()); // a Saturday
        assert!(!calendar.is_working_day(d(2025, 12, 29)).unwrap()); // a Monday
        assert!(calendar.is_working_day(d(2025, 12, 30)).unwrap());
        // 2025's own listing of a date is overridden by 2026's.
        let listing_2025 = YearSchedule::new(2025, [holiday(d(2025, 12, 27))]).unwrap();
        let calendar = calendar.with_year(listing_2025);
        assert!(calendar.is_working_day(d(2025, 12, 27)).unwrap());
    }

    #[test]
    fn with_papers_and_years() {
        let schedule = YearSchedule::new(2027, [])
            .unwrap()
            .with_papers(["https://example.org/a", "https://example.org/b"])
            .with_papers(vec!["https://example.org/c".to_owned()]);
        assert_eq!(schedule.papers(), ["https://example.org/c"]);
        let calendar = Calendar::new().with_year(schedule.clone());
        assert_eq!(calendar.year(2027), Some(&schedule));
        assert_eq!(calendar.year(2026), None);
        let calendar = Calendar::china().with_year(schedule);
        assert_eq!(
            calendar.years().collect::<Vec<_>>(),
            (2018..=2027).collect::<Vec<_>>()
        );
        // 2027 plain: Fri 2027-01-01 works.
        assert_eq!(
            calendar.add_working_days(d(2026, 12, 31), 1).unwrap(),
            d(2027, 1, 1)
        );
    }

    // ----- error messages -----

    #[test]
    fn error_messages() {
        let cases = [
            (
                CalendarError::UnknownYear { year: 2027 },
                "the calendar does not know the year `2027`",
            ),
            (
                CalendarError::DateOutsideYear {
                    year: 2026,
                    date: d(2024, 12, 31),
                },
                "date `2024-12-31` is neither in the year `2026` nor in the December before it",
            ),
            (
                CalendarError::DuplicateDate {
                    date: d(2026, 1, 1),
                },
                "date `2026-01-01` is listed twice",
            ),
            (
                CalendarError::YearOutOfRange { year: 10000 },
                "the year `10000` is outside the supported range `1..=9999`",
            ),
        ];
        for (error, message) in cases {
            assert_eq!(error.to_string(), message);
        }
    }

    // ----- internals -----

    #[test]
    fn strict_dates() {
        assert_eq!(crate::date::parse("2026-01-05"), Some(d(2026, 1, 5)));
        assert_eq!(crate::date::parse("2024-02-29"), Some(d(2024, 2, 29)));
        for bad in [
            "2026-1-5",
            "2026-01-5",
            " 2026-01-05",
            "2026-01-05 ",
            "2026-02-29",
            "2026/01/05",
            "26-01-05",
            "+2026-01-05",
            "-0001-01-01",
            "+10000-01-01",
            "",
        ] {
            assert_eq!(crate::date::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn bitset_count_and_nth_match_a_naive_scan() {
        // A pseudo-random pattern over all 384 bits, including bits past day 366.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut working = WorkingDays([0; WORDS]);
        for word in &mut working.0 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            *word = state;
        }
        let on: Vec<u32> = (0..WorkingDays::CAPACITY)
            .filter(|&i| working.get(i))
            .collect();
        for lo in (0..=WorkingDays::CAPACITY).step_by(7) {
            for hi in (0..=WorkingDays::CAPACITY + 3).step_by(5) {
                let naive = on.iter().filter(|&&i| lo <= i && i < hi).count() as u32;
                assert_eq!(working.count(lo, hi), naive, "{lo}..{hi}");
            }
            let after: Vec<u32> = on.iter().copied().filter(|&i| i >= lo).collect();
            for n in 1..=after.len() as u32 + 2 {
                let expected = after.get(n as usize - 1).copied().ok_or(after.len() as u32);
                assert_eq!(working.nth(lo, n), expected, "from {lo}, n {n}");
            }
            assert_eq!(working.nth(lo, 0), Err(0));
        }
        assert_eq!(mask(0, 0, 64), u64::MAX);
        assert_eq!(mask(0, 63, 64), 1 << 63);
        assert_eq!(mask(1, 0, 65), 1);
        assert_eq!(mask(1, 64, 64), 0);
        assert_eq!(mask(5, 0, u32::MAX), u64::MAX);
    }

    #[test]
    fn weekdays_of_a_year() {
        // 2026-01-01 is a Thursday; 365 days = 52 weeks + 1 Thursday: 261 weekdays.
        let working = WorkingDays::weekdays(2026).unwrap();
        assert_eq!(working.count(0, WorkingDays::CAPACITY), 261);
        assert!(
            working.get(0)
                && working.get(1)
                && !working.get(2)
                && !working.get(3)
                && working.get(4)
        );
        assert!(!working.get(365));
        // 2024 (leap): 366 days from a Monday = 52 weeks + Mon, Tue: 262 weekdays.
        assert_eq!(
            WorkingDays::weekdays(2024)
                .unwrap()
                .count(0, WorkingDays::CAPACITY),
            262
        );
        assert_eq!(format!("{working:?}"), "WorkingDays { count: 261 }");
    }
}

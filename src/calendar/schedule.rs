//! Year schedules: the dates one notice of the State Council lists, each a
//! holiday or a make-up working day, with their holiday-cn JSON and the
//! built-in years.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{CalendarError, WorkingDays};

/// One year's official schedule: the dates its notice lists, each a holiday
/// or a make-up working day. Every other date of the year follows the week.
///
/// Besides the dates of its year, a schedule may list dates in the December
/// before it: a New Year holiday can begin there (the 2019 notice made
/// Saturday 2018-12-29 a working day and Monday 2018-12-31 a holiday). A
/// [`Calendar`](crate::Calendar) applies those to the previous year.
///
/// # JSON
///
/// Serializes and deserializes (serde) in the JSON format of the public
/// dataset holiday-cn:
///
/// ```json
/// { "year": 2026,
///   "papers": ["https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm"],
///   "days": [{ "name": "元旦", "date": "2026-01-01", "isOffDay": true }] }
/// ```
///
/// `papers` (the notice URLs) is optional; `$schema` and `$id` are accepted
/// and ignored; any other field is an error. Dates are written exactly
/// `YYYY-MM-DD`; `isOffDay` is `true` for a holiday and `false` for a make-up
/// working day. Deserialization validates like [`YearSchedule::new`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "YearScheduleRepr")]
pub struct YearSchedule {
    /// The year.
    pub(super) year: i32,
    /// The notices the schedule comes from (URLs).
    papers: Vec<String>,
    /// The listed days, in date order.
    pub(super) days: Vec<ListedDay>,
    /// The working days of the year according to this schedule alone.
    pub(super) working: WorkingDays,
}

impl YearSchedule {
    /// The schedule of `year` with the listed `days`, in any order (they are
    /// kept in date order), and no notice URL (see
    /// [`with_papers`](YearSchedule::with_papers)).
    ///
    /// A holiday may fall on any day (the data list the weekends inside a
    /// holiday). A working day is usually a Saturday or Sunday worked in
    /// exchange (调休), but a notice may also name a weekday on which work
    /// resumes (2020-02-03); that is a working day either way.
    ///
    /// # Errors
    ///
    /// - [`CalendarError::YearOutOfRange`] if `year` is not in `1..=9999`.
    /// - [`CalendarError::DateOutsideYear`] if a date is neither in `year` nor
    ///   in the December before it.
    /// - [`CalendarError::DuplicateDate`] if a date is listed twice.
    ///
    /// With several faults, the one of the earliest date is reported.
    pub fn new(
        year: i32,
        days: impl IntoIterator<Item = ListedDay>,
    ) -> Result<YearSchedule, CalendarError> {
        let mut working = WorkingDays::weekdays(year)?;
        let mut days: Vec<ListedDay> = days.into_iter().collect();
        days.sort_by_key(|day| day.date);
        let mut previous: Option<NaiveDate> = None;
        for day in &days {
            let date = day.date;
            let in_year = date.year() == year;
            let in_last_december = Some(date.year()) == year.checked_sub(1) && date.month() == 12;
            if !in_year && !in_last_december {
                return Err(CalendarError::DateOutsideYear { year, date });
            }
            if previous == Some(date) {
                return Err(CalendarError::DuplicateDate { date });
            }
            if in_year {
                working.set(date.ordinal0(), day.kind.is_working_day());
            }
            previous = Some(date);
        }
        Ok(YearSchedule {
            year,
            papers: Vec::new(),
            days,
            working,
        })
    }

    /// The schedule with its notice URLs (`papers` in holiday-cn) set to
    /// `papers`, replacing any it had.
    #[must_use]
    pub fn with_papers<I, S>(mut self, papers: I) -> YearSchedule
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.papers = papers.into_iter().map(Into::into).collect();
        self
    }

    /// The year of the schedule.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The URLs of the notices the schedule comes from (may be empty).
    pub fn papers(&self) -> &[String] {
        &self.papers
    }

    /// The listed days, in date order (dates of the previous December first).
    pub fn days(&self) -> &[ListedDay] {
        &self.days
    }

    /// Whether `date` is a working day according to this schedule alone;
    /// `None` if `date` is not in the schedule's year.
    ///
    /// A [`Calendar`](crate::Calendar) can answer otherwise for the last days of December,
    /// which the next year's schedule may rearrange.
    pub fn is_working_day(&self, date: NaiveDate) -> Option<bool> {
        (date.year() == self.year).then(|| self.working.get(date.ordinal0()))
    }
}

impl Serialize for YearSchedule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        YearScheduleRef {
            year: self.year,
            papers: &self.papers,
            days: &self.days,
        }
        .serialize(serializer)
    }
}

impl TryFrom<YearScheduleRepr> for YearSchedule {
    type Error = CalendarError;

    fn try_from(repr: YearScheduleRepr) -> Result<YearSchedule, CalendarError> {
        Ok(YearSchedule::new(repr.year, repr.days)?.with_papers(repr.papers))
    }
}

/// A [`YearSchedule`] as written: the holiday-cn JSON shape.
#[derive(Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
struct YearScheduleRepr {
    /// The JSON schema's URL: accepted and ignored. Read as a string (not
    /// skipped): skipping a value does not count its nesting.
    #[serde(rename = "$schema", default)]
    _schema: Option<String>,
    /// The document's URL: accepted and ignored.
    #[serde(rename = "$id", default)]
    _id: Option<String>,
    /// The year.
    year: i32,
    /// The notices' URLs.
    #[serde(default)]
    papers: Vec<String>,
    /// The listed days.
    days: Vec<ListedDay>,
}

use crate::strict::{map_only, strict_struct};
map_only!(YearScheduleRepr, "a calendar year object");

/// A [`YearSchedule`] to write, borrowed.
#[derive(Serialize)]
struct YearScheduleRef<'a> {
    /// The year.
    year: i32,
    /// The notices' URLs.
    papers: &'a [String],
    /// The listed days.
    days: &'a [ListedDay],
}

strict_struct! {
/// One listed date of a schedule.
///
/// In JSON (holiday-cn): `{ "name": "国庆节", "date": "2026-10-01", "isOffDay": true }`,
/// with `isOffDay: true` for a [`DayKind::Holiday`] and `false` for a
/// [`DayKind::MakeupWorkday`]; the date is written `YYYY-MM-DD` exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
serde(deny_unknown_fields)
pub struct ListedDay as "ListedDay", "a listed day object" {
    /// The holiday the date belongs to, as the notice names it (e.g. `春节`).
    pub name: String,
    /// The date.
    #[serde(with = "crate::date")]
    pub date: NaiveDate,
    /// Holiday or make-up working day (`isOffDay` in JSON).
    #[serde(rename = "isOffDay", with = "off_day")]
    pub kind: DayKind,
}
}

/// What a listed date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    /// A public holiday: no work (放假), whatever the day of the week.
    Holiday,
    /// A Saturday or Sunday that is a working day (调休上班).
    MakeupWorkday,
}

impl DayKind {
    /// Whether a day of this kind is worked.
    pub(super) fn is_working_day(self) -> bool {
        self == DayKind::MakeupWorkday
    }
}

/// Serde helper: a [`DayKind`] written as holiday-cn's `isOffDay`.
mod off_day {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::DayKind;

    /// Writes `true` for a holiday, `false` for a make-up working day.
    pub(super) fn serialize<S: Serializer>(
        kind: &DayKind,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(*kind == DayKind::Holiday)
    }

    /// Reads `true` as a holiday, `false` as a make-up working day.
    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DayKind, D::Error> {
        Ok(if bool::deserialize(deserializer)? {
            DayKind::Holiday
        } else {
            DayKind::MakeupWorkday
        })
    }
}

/// One listed day of the built-in table: `(year, month, day, kind, name)`.
pub(in crate::calendar) type BuiltinDay = (i32, u32, u32, DayKind, &'static str);

/// One year of the built-in table.
pub(super) struct BuiltinYear {
    /// The year.
    pub(in crate::calendar) year: i32,
    /// The notices' URLs.
    pub(in crate::calendar) papers: &'static [&'static str],
    /// The listed days, in date order.
    pub(in crate::calendar) days: &'static [BuiltinDay],
}

impl BuiltinYear {
    /// The year's schedule, `None` if the table is wrong (a unit test checks
    /// that it never is).
    pub(super) fn schedule(&self) -> Option<YearSchedule> {
        let days = self
            .days
            .iter()
            .map(|&(year, month, day, kind, name)| {
                NaiveDate::from_ymd_opt(year, month, day).map(|date| ListedDay {
                    name: name.to_owned(),
                    date,
                    kind,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let schedule = YearSchedule::new(self.year, days).ok()?;
        Some(schedule.with_papers(self.papers.iter().copied()))
    }
}

/// The built-in table (`calendar_cn.rs`, next to this file).
pub(super) mod cn {
    use super::{BuiltinYear, DayKind};

    include!("cn.rs");
}

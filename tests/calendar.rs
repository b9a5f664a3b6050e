//! The working-day calendar against the holiday-cn JSON files
//! (`tests/data/calendar/cn/YEAR.json`), its serde shape, and properties.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use ducha::{Calendar, CalendarError, DayKind, ListedDay, YearSchedule};
use proptest::prelude::*;
use serde_json::Value;

const YEARS: std::ops::RangeInclusive<i32> = 2018..=2026;

fn d(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

fn file_text(year: i32) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/calendar/cn")
        .join(format!("{year}.json"));
    std::fs::read_to_string(&path).unwrap()
}

fn file_value(year: i32) -> Value {
    serde_json::from_str(&file_text(year)).unwrap()
}

/// The file's JSON as the built-in year writes it: without `$schema` and
/// `$id`.
fn file_value_as_built_in(year: i32) -> Value {
    let mut value = file_value(year);
    let object = value.as_object_mut().unwrap();
    object.remove("$schema").unwrap();
    object.remove("$id").unwrap();
    value
}

// ----- the JSON files -----

#[test]
fn every_json_file_equals_its_built_in_year() {
    let china = Calendar::china();
    for year in YEARS {
        let built_in = china.year(year).unwrap();
        let parsed: YearSchedule = serde_json::from_str(&file_text(year)).unwrap();
        assert_eq!(&parsed, built_in, "{year}");
        let parsed: YearSchedule = serde_json::from_value(file_value_as_built_in(year)).unwrap();
        assert_eq!(&parsed, built_in, "{year}");
        assert_eq!(parsed.papers(), built_in.papers());
        assert_eq!(parsed.days(), built_in.days()); // names included
    }
}

#[test]
fn every_built_in_year_serializes_to_its_file() {
    let china = Calendar::china();
    for year in YEARS {
        let written = serde_json::to_value(china.year(year).unwrap()).unwrap();
        assert_eq!(written, file_value_as_built_in(year), "{year}");
    }
}

#[test]
fn json_round_trip_of_every_built_in_year() {
    let china = Calendar::china();
    for year in YEARS {
        let schedule = china.year(year).unwrap();
        let text = serde_json::to_string_pretty(schedule).unwrap();
        assert_eq!(
            &serde_json::from_str::<YearSchedule>(&text).unwrap(),
            schedule
        );
    }
    // A calendar rebuilt from the JSON equals the built-in one.
    let rebuilt = YEARS.fold(Calendar::new(), |calendar, year| {
        calendar.with_year(serde_json::from_value(file_value_as_built_in(year)).unwrap())
    });
    assert_eq!(rebuilt, china);
}

// ----- the serde shape -----

fn parse(json: &str) -> Result<YearSchedule, String> {
    serde_json::from_str::<YearSchedule>(json).map_err(|error| error.to_string())
}

#[test]
fn minimal_json_and_its_output() {
    let schedule =
        parse(r#"{"year":2027,"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}"#)
            .unwrap();
    assert_eq!(schedule.year(), 2027);
    assert!(schedule.papers().is_empty());
    assert_eq!(
        schedule.days(),
        [ListedDay {
            name: "元旦".to_owned(),
            date: d(2027, 1, 1),
            kind: DayKind::Holiday
        }]
    );
    assert_eq!(
        serde_json::to_string(&schedule).unwrap(),
        r#"{"year":2027,"papers":[],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}"#
    );
    // `$schema` and `$id` (strings) are accepted and not written back.
    let with_ids = parse(
        r#"{"$schema":"s","$id":"i","year":2027,"papers":["p"],"days":[
            {"name":"春节","date":"2027-02-20","isOffDay":false}]}"#,
    )
    .unwrap();
    assert_eq!(with_ids.papers(), ["p"]);
    assert_eq!(with_ids.days()[0].kind, DayKind::MakeupWorkday);
    assert_eq!(
        serde_json::to_string(&with_ids).unwrap(),
        r#"{"year":2027,"papers":["p"],"days":[{"name":"春节","date":"2027-02-20","isOffDay":false}]}"#
    );
    // Days in any order come out in date order.
    let unsorted = parse(
        r#"{"year":2027,"days":[
            {"name":"b","date":"2027-02-20","isOffDay":false},
            {"name":"a","date":"2027-01-01","isOffDay":true}]}"#,
    )
    .unwrap();
    assert_eq!(unsorted.days()[0].name, "a");
}

#[test]
fn json_errors() {
    let day =
        |date: &str, off: &str| format!(r#"{{"name":"节","date":"{date}","isOffDay":{off}}}"#);
    let year =
        |year: i32, days: &[String]| format!(r#"{{"year":{year},"days":[{}]}}"#, days.join(","));
    let cases = [
        // Unknown fields, named.
        (
            r#"{"year":2027,"days":[],"holidays":[]}"#.to_owned(),
            "unknown field `holidays`",
        ),
        (
            r#"{"year":2027,"days":[{"name":"节","date":"2027-01-01","isOffDay":true,"note":1}]}"#
                .to_owned(),
            "unknown field `note`",
        ),
        // Missing fields.
        (r#"{"year":2027}"#.to_owned(), "missing field `days`"),
        (r#"{"days":[]}"#.to_owned(), "missing field `year`"),
        (
            r#"{"year":2027,"days":[{"name":"节","date":"2027-01-01"}]}"#.to_owned(),
            "missing field `isOffDay`",
        ),
        // Dates written otherwise than YYYY-MM-DD, or invalid.
        (
            year(2027, &[day("2027-1-1", "true")]),
            "invalid date `2027-1-1`, expected `YYYY-MM-DD`",
        ),
        (
            year(2027, &[day("2027-02-29", "true")]),
            "invalid date `2027-02-29`, expected `YYYY-MM-DD`",
        ),
        (
            year(2027, &[day("2027-01-01T00:00:00", "true")]),
            "invalid date `2027-01-01T00:00:00`, expected `YYYY-MM-DD`",
        ),
        // The validation of `YearSchedule::new`.
        (
            year(
                2027,
                &[day("2027-01-01", "true"), day("2027-01-01", "true")],
            ),
            "date `2027-01-01` is listed twice",
        ),
        (
            year(2027, &[day("2026-11-30", "true")]),
            "date `2026-11-30` is neither in the year `2027` nor in the December before it",
        ),
        (
            year(0, &[]),
            "the year `0` is outside the supported range `1..=9999`",
        ),
    ];
    for (json, message) in cases {
        let error = parse(&json).unwrap_err();
        assert!(error.starts_with(message), "{json}: {error}");
    }
    // A wrong type is an error too.
    assert!(
        parse(r#"{"year":2027,"days":[{"name":"节","date":"2027-01-01","isOffDay":"yes"}]}"#)
            .is_err()
    );
    assert!(parse(r#"{"year":"2027","days":[]}"#).is_err());
}

// ----- an independent oracle: a day-by-day reading of the raw JSON files -----

/// Every listed date: the notice years listing it, each with `isOffDay`.
fn raw_listings() -> BTreeMap<NaiveDate, BTreeMap<i32, bool>> {
    let mut listings: BTreeMap<NaiveDate, BTreeMap<i32, bool>> = BTreeMap::new();
    for year in YEARS {
        for day in file_value(year)["days"].as_array().unwrap() {
            let date =
                NaiveDate::parse_from_str(day["date"].as_str().unwrap(), "%Y-%m-%d").unwrap();
            let off = day["isOffDay"].as_bool().unwrap();
            listings.entry(date).or_default().insert(year, off);
        }
    }
    listings
}

struct Oracle {
    listings: BTreeMap<NaiveDate, BTreeMap<i32, bool>>,
    known: BTreeSet<i32>,
}

impl Oracle {
    fn new(known: impl IntoIterator<Item = i32>) -> Oracle {
        Oracle {
            listings: raw_listings(),
            known: known.into_iter().collect(),
        }
    }

    /// Own year must be known; the next year's notice wins, then the own
    /// year's; else Monday to Friday.
    fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        let year = date.year();
        if !self.known.contains(&year) {
            return Err(CalendarError::UnknownYear { year });
        }
        let listed = self.listings.get(&date);
        let by = |notice: i32| {
            listed
                .filter(|_| self.known.contains(&notice))
                .and_then(|by_year| by_year.get(&notice))
        };
        if let Some(&off) = by(year + 1).or_else(|| by(year)) {
            return Ok(!off);
        }
        Ok(!matches!(date.weekday(), Weekday::Sat | Weekday::Sun))
    }

    fn add_working_days(
        &self,
        mut date: NaiveDate,
        mut n: u32,
    ) -> Result<NaiveDate, CalendarError> {
        while n > 0 {
            date = date.succ_opt().unwrap();
            if self.is_working_day(date)? {
                n -= 1;
            }
        }
        Ok(date)
    }

    fn working_days_between(
        &self,
        mut from: NaiveDate,
        to: NaiveDate,
    ) -> Result<u32, CalendarError> {
        let mut count = 0;
        while from < to {
            from = from.succ_opt().unwrap();
            count += u32::from(self.is_working_day(from)?);
        }
        Ok(count)
    }
}

/// A date from 2017-12-01 to 2027-01-31: in and just around the known years,
/// one time in four within the New Year weeks (Dec 20 to Jan 14), where a
/// year's notice can rearrange the December before it.
fn date_near_known_years() -> impl Strategy<Value = NaiveDate> {
    let start = d(2017, 12, 1);
    prop_oneof![
        3 => (0u64..3350).prop_map(move |offset| start.checked_add_days(Days::new(offset)).unwrap()),
        1 => (2017i32..=2026, 0u64..26)
            .prop_map(|(year, offset)| d(year, 12, 20).checked_add_days(Days::new(offset)).unwrap()),
    ]
}

fn subset_calendar(mask: u16) -> (Calendar, BTreeSet<i32>) {
    let china = Calendar::china();
    let years: BTreeSet<i32> = YEARS
        .filter(|year| mask & (1 << (year - 2018)) != 0)
        .collect();
    let calendar = years.iter().fold(Calendar::new(), |calendar, &year| {
        calendar.with_year(china.year(year).unwrap().clone())
    });
    (calendar, years)
}

proptest! {
    #[test]
    fn agrees_with_the_oracle(
        date in date_near_known_years(),
        other in date_near_known_years(),
        n in 0u32..700,
        mask in 0u16..512,
    ) {
        let (calendar, years) = subset_calendar(mask);
        let oracle = Oracle::new(years);
        prop_assert_eq!(calendar.is_working_day(date), oracle.is_working_day(date));
        prop_assert_eq!(calendar.add_working_days(date, n), oracle.add_working_days(date, n));
        prop_assert_eq!(
            calendar.working_days_between(date, other),
            oracle.working_days_between(date, other)
        );
    }

    #[test]
    fn nth_working_day_properties(date in date_near_known_years(), n in 0u32..700) {
        let china = Calendar::china();
        match china.add_working_days(date, n) {
            Ok(due) => {
                if n == 0 {
                    prop_assert_eq!(due, date);
                } else {
                    prop_assert!(due > date);
                    prop_assert!(china.is_working_day(due).unwrap());
                    // Exactly n - 1 working days before it, so it is the first with n.
                    prop_assert_eq!(
                        china.working_days_between(date, due.pred_opt().unwrap()).unwrap(),
                        n - 1
                    );
                }
                prop_assert_eq!(china.working_days_between(date, due).unwrap(), n);
            }
            Err(error) => {
                // Only running out of the known years can fail.
                let year = if date.year() < 2018 { 2017 } else { 2027 };
                prop_assert_eq!(error, CalendarError::UnknownYear { year });
            }
        }
    }

    #[test]
    fn counts_add_up(a in date_near_known_years(), b in date_near_known_years(), c in date_near_known_years()) {
        let mut dates = [a, b, c];
        dates.sort();
        let [a, b, c] = dates;
        let china = Calendar::china();
        if let (Ok(ab), Ok(bc), Ok(ac)) = (
            china.working_days_between(a, b),
            china.working_days_between(b, c),
            china.working_days_between(a, c),
        ) {
            prop_assert_eq!(ab + bc, ac);
        } else {
            // An error on a sub-interval is an error on the whole interval.
            prop_assert!(china.working_days_between(a, c).is_err());
        }
    }

    /// Adding a year changes only the answers for its own dates and for the
    /// dates it lists in the December before it.
    #[test]
    fn adding_a_year_leaves_other_years_alone(
        date in date_near_known_years(),
        other in date_near_known_years(),
        n in 0u32..700,
        mask in 0u16..512,
    ) {
        let china = Calendar::china();
        let (subset, years) = subset_calendar(mask);
        // Dates whose answer a missing year's schedule would change.
        let changed_by_missing: BTreeSet<NaiveDate> = YEARS
            .filter(|year| !years.contains(year))
            .flat_map(|year| china.year(year).unwrap().days().iter().map(|day| day.date))
            .collect();
        let untouched = |from: NaiveDate, to: NaiveDate| changed_by_missing.range(from..=to).next().is_none();

        match subset.is_working_day(date) {
            Ok(working) if untouched(date, date) => prop_assert_eq!(Ok(working), china.is_working_day(date)),
            Ok(_) => {}
            Err(CalendarError::UnknownYear { year }) => prop_assert!(!years.contains(&year)),
            Err(error) => prop_assert!(false, "{error}"),
        }
        match subset.add_working_days(date, n) {
            Ok(due) if untouched(date, due) => prop_assert_eq!(Ok(due), china.add_working_days(date, n)),
            Ok(_) => {}
            Err(CalendarError::UnknownYear { year }) => prop_assert!(!years.contains(&year)),
            Err(error) => prop_assert!(false, "{error}"),
        }
        let (from, to) = if date <= other { (date, other) } else { (other, date) };
        match subset.working_days_between(from, to) {
            Ok(count) if untouched(from, to) => {
                prop_assert_eq!(Ok(count), china.working_days_between(from, to));
            }
            Ok(_) => {}
            Err(CalendarError::UnknownYear { year }) => prop_assert!(!years.contains(&year)),
            Err(error) => prop_assert!(false, "{error}"),
        }
    }

    /// Any schedule, valid or not: `new` and deserialization agree, and a
    /// valid one survives a JSON round trip.
    #[test]
    fn json_round_trip_of_any_schedule(
        year in prop_oneof![1990i32..2100, Just(1), Just(9999), Just(0), Just(10000)],
        days in prop::collection::vec((-40i64..380, any::<bool>(), 0u8..10, "[a-z节日]{0,4}"), 0..12),
        papers in prop::collection::vec("[a-z:/.]{0,20}", 0..3),
    ) {
        let jan1 = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
        let listed: Vec<ListedDay> = days
            .iter()
            .map(|(offset, off, snap, name)| {
                let mut date = jan1 + chrono::Duration::days(*offset);
                if !off && *snap > 0 {
                    // Mostly move a make-up day to the Saturday on or after it,
                    // so that many generated schedules are valid.
                    let to_saturday = (5 - i64::from(date.weekday().num_days_from_monday())).rem_euclid(7);
                    date += chrono::Duration::days(to_saturday);
                }
                ListedDay {
                    name: name.clone(),
                    date,
                    kind: if *off { DayKind::Holiday } else { DayKind::MakeupWorkday },
                }
            })
            .collect();
        // Dates not writable as YYYY-MM-DD fail to parse before any validation.
        prop_assume!(listed.iter().all(|day| (0..=9999).contains(&day.date.year())));
        let json = serde_json::json!({ "year": year, "papers": papers, "days": listed });
        let parsed = serde_json::from_value::<YearSchedule>(json.clone());
        match YearSchedule::new(year, listed) {
            Ok(schedule) => {
                let schedule = schedule.with_papers(papers);
                prop_assert_eq!(parsed.unwrap(), schedule.clone());
                let text = serde_json::to_string(&schedule).unwrap();
                prop_assert_eq!(serde_json::from_str::<YearSchedule>(&text).unwrap(), schedule);
            }
            Err(error) => prop_assert_eq!(parsed.unwrap_err().to_string(), error.to_string()),
        }
    }
}

// ----- timing -----

#[test]
#[ignore = "timing: cargo test --release --test calendar -- --ignored --nocapture"]
fn time_add_working_days_20() {
    use std::hint::black_box;
    use std::time::Instant;

    let china = Calendar::china();
    let dates: Vec<NaiveDate> = (0..3200)
        .map(|offset| d(2018, 1, 1).checked_add_days(Days::new(offset)).unwrap())
        .collect();
    let rounds = 300;
    let start = Instant::now();
    let mut checksum = 0u32;
    for _ in 0..rounds {
        for &date in &dates {
            let due = black_box(&china)
                .add_working_days(black_box(date), black_box(20))
                .unwrap();
            checksum = checksum.wrapping_add(due.ordinal());
        }
    }
    let elapsed = start.elapsed();
    let calls = rounds * dates.len();
    println!(
        "add_working_days(d, 20): {:.1} ns/call over {calls} calls (checksum {checksum})",
        elapsed.as_nanos() as f64 / calls as f64
    );
    let start = Instant::now();
    for _ in 0..rounds {
        for &date in &dates {
            checksum = checksum.wrapping_add(u32::from(
                black_box(&china).is_working_day(black_box(date)).unwrap(),
            ));
        }
    }
    println!(
        "is_working_day(d): {:.1} ns/call (checksum {checksum})",
        start.elapsed().as_nanos() as f64 / calls as f64
    );
    let start = Instant::now();
    for _ in 0..rounds {
        for &date in &dates {
            let n = black_box(&china)
                .working_days_between(black_box(d(2018, 1, 1)), black_box(date))
                .unwrap();
            checksum = checksum.wrapping_add(n);
        }
    }
    println!(
        "working_days_between(2018-01-01, d): {:.1} ns/call (checksum {checksum})",
        start.elapsed().as_nanos() as f64 / calls as f64
    );
    let start = Instant::now();
    let builds = 2000;
    for _ in 0..builds {
        black_box(Calendar::china());
    }
    println!(
        "Calendar::china(): {:.1} µs/call",
        start.elapsed().as_nanos() as f64 / f64::from(builds) / 1000.0
    );
}

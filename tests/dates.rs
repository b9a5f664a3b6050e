//! Date rules end to end: working-day deadlines, calendar-day deadlines,
//! cadences and thresholds, through the seed rubric and a small rubric built
//! here, with their reasons and error messages pinned exactly.
//!
//! Every expected date is worked out by hand from the official data in
//! `tests/data/calendar/cn/YEAR.json` (the notices of the General Office of
//! the State Council, 国务院办公厅关于…部分节假日安排的通知, as collected by
//! holiday-cn), with the count written out in a comment beside the test;
//! none is computed with the library. "WD n" marks the n-th working day
//! strictly after the start date; `off` marks a listed holiday, `make-up`
//! a listed Saturday or Sunday worked (调休上班). Dates not listed follow the
//! week.
//!
//! Weekdays used throughout: 2024-01-01 is a Monday, 2025-10-01 a
//! Wednesday, 2026-01-01 a Thursday, 2026-10-01 a Thursday, 2026-12-31 a
//! Thursday (consistent with the data, whose make-up working days fall on
//! weekends: 2024-02-04 a Sunday, 2025-10-11 a Saturday, 2026-01-04 a
//! Sunday, 2026-10-10 a Saturday).
//!
//! Rule ids are those of the seed table (`src/seed.rs`, from the original in `tests/data/seed/yuxi-original.txt`):
//! 1a cadence quarterly (−2 each, item 10); 3a, 4a, 5a flat 5, deadline with
//! due dates; 7a capped 1/5, 20 working days after completion (完成 → 公示);
//! 11e capped 1/5, 20 working days after the information arose (产生 → 录入);
//! 12a flat 5, threshold at least 1; 13b capped 1/5, deadline with due dates,
//! counted in 次.

use ducha::{
    Calendar, CalendarError, EvalError, Every, Indicator, Inspection, Item, Penalty, Points,
    Rubric, RubricSpec, Rule, Trigger, Within, YearSchedule,
};

use crate::common::id;
use crate::common::json::rule as rule_json;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// What one rule of an evaluation gave, owned so the scorecard can go.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Got {
    breaches: u64,
    pending: u64,
    /// The rule's applied deduction, as printed.
    deducted: String,
    reason: String,
}

/// Reads an inspection from JSON text, exactly (as the JSON surface does).
fn inspection(json: &str) -> Inspection {
    ducha::json::from_str(json).unwrap()
}

/// Evaluates `json` against `rubric` and returns what rule `rule` gave.
fn eval(rubric: &Rubric, json: &str, rule: &str) -> Got {
    let inspection = inspection(json);
    let card = rubric
        .evaluate(&inspection)
        .unwrap_or_else(|e| panic!("evaluation failed: {e}\ninput: {json}"));
    let outcome = card.rule(rule).unwrap();
    Got {
        breaches: outcome.breaches(),
        pending: outcome.pending(),
        deducted: outcome.deducted().to_string(),
        reason: outcome.reason(),
    }
}

/// Evaluates `json` against the seed rubric, for rule `rule`.
fn seed(json: &str, rule: &str) -> Got {
    eval(&ducha::seed::yuxi(), json, rule)
}

/// The score of item `item` and the total score, as printed.
fn scores(rubric: &Rubric, json: &str, item: &str) -> (String, String) {
    let inspection = inspection(json);
    let card = rubric.evaluate(&inspection).unwrap();
    (
        card.item(item).unwrap().score().to_string(),
        card.score().to_string(),
    )
}

/// The evaluation error for `json` against `rubric`.
fn eval_err(rubric: &Rubric, json: &str) -> EvalError {
    let inspection = inspection(json);
    match rubric.evaluate(&inspection) {
        Ok(_) => panic!("expected an error for {json}"),
        Err(e) => e,
    }
}

/// The seed inspection for 2026 with a single fact `fact` for rule `rule`.
fn y2026(rule: &str, fact: &str) -> String {
    format!(
        r#"{{"rubric": "yuxi-shuangsuiji",
            "period": {{"from": "2026-01-01", "to": "2026-12-31"}},
            "facts": {{"{rule}": {fact}}}}}"#
    )
}

/// Asserts breaches, pending and deduction in one go.
#[track_caller]
fn assert_counts(got: &Got, breaches: u64, pending: u64, deducted: &str) {
    assert_eq!(
        (got.breaches, got.pending, got.deducted.as_str()),
        (breaches, pending, deducted),
        "reason was: {}",
        got.reason
    );
}

/// The message of a JSON error, without its position suffix.
fn json_error(json: &str) -> String {
    let err = ducha::json::from_str::<Inspection>(json).unwrap_err();
    let text = err.message;
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

// The seed rules' labels (the opening of each reason), as `src/seed.rs`
// words them; the rest of every reason is pinned in full below.
const L1A: &str = "分管领导未组织分管科室学习、研究“双随机、一公开”监管相关工作";
const L3A: &str = "未在规定时间内制定、报送部门随机抽查事项清单";
const L4A: &str = "未在规定时间内制定、报送本部门年度抽查工作计划";
const L7A: &str = "抽查任务完成后20个工作日内未公示抽查检查结果";
const L11E: &str = "未全量归集本科室产生的许可信息";
const L12A: &str = "检查实施清单完善率未达到100%";
const L13B: &str = "未按时间节点和要求报送工作总结及相关材料";

// ---------------------------------------------------------------------------
// 1. Seed 7a: 20 working days after completion, on the official calendar
// ---------------------------------------------------------------------------

/// Source: seed item 7, "在抽查任务完成后20个工作日内…公示"; 国务院办公厅
/// notice for 2026, tests/data/calendar/cn/2026.json: 春节 make-up Sat
/// 2026-02-14, off Sun 2026-02-15 … Mon 2026-02-23, make-up Sat 2026-02-28.
///
/// Start Tue 2026-02-10:
/// WD1 Wed 02-11, WD2 Thu 02-12, WD3 Fri 02-13, WD4 Sat 02-14 (make-up),
/// 02-15 … 02-23 off, WD5 Tue 02-24, WD6 02-25, WD7 02-26, WD8 Fri 02-27,
/// WD9 Sat 02-28 (make-up), Sun 03-01 no, WD10 Mon 03-02 … WD14 Fri 03-06,
/// WD15 Mon 03-09 … WD19 Fri 03-13, WD20 Mon 03-16. Due 2026-03-16.
/// Done on the due date: on time. Done Tue 03-17: (03-16, 03-17] holds one
/// working day, late by 1.
#[test]
fn seven_a_across_the_2026_spring_festival() {
    let on_due = seed(
        &y2026("7a", r#"[{"start": "2026-02-10", "done": "2026-03-16"}]"#),
        "7a",
    );
    assert_counts(&on_due, 0, 0, "0");
    assert_eq!(on_due.reason, "");

    let a_day_late = seed(
        &y2026("7a", r#"[{"start": "2026-02-10", "done": "2026-03-17"}]"#),
        "7a",
    );
    assert_counts(&a_day_late, 1, 0, "1");
    assert_eq!(
        a_day_late.reason,
        format!(
            "{L7A}：1起（2026-02-10完成，应于2026-03-16前公示，2026-03-17公示，逾期1个工作日），扣1分"
        )
    );
}

/// Source: seed item 7; 国务院办公厅 notice for 2025,
/// tests/data/calendar/cn/2025.json: 国庆节、中秋节 make-up Sun
/// 2025-09-28, off Wed 2025-10-01 … Wed 2025-10-08, make-up Sat 2025-10-11.
///
/// Start Mon 2025-09-22 (period 2025):
/// WD1 Tue 09-23, WD2 09-24, WD3 09-25, WD4 Fri 09-26, Sat 09-27 no,
/// WD5 Sun 09-28 (make-up), WD6 Mon 09-29, WD7 Tue 09-30, 10-01 … 10-08 off,
/// WD8 Thu 10-09, WD9 Fri 10-10, WD10 Sat 10-11 (make-up), Sun 10-12 no,
/// WD11 Mon 10-13 … WD15 Fri 10-17, WD16 Mon 10-20 … WD20 Fri 10-24.
/// Due 2025-10-24. Done Tue 10-28: (10-24, 10-28] = Mon 10-27, Tue 10-28,
/// late by 2.
#[test]
fn seven_a_across_national_day_2025() {
    let json = |done: &str| {
        format!(
            r#"{{"period": {{"from": "2025-01-01", "to": "2025-12-31"}},
                "facts": {{"7a": [{{"start": "2025-09-22", "done": "{done}"}}]}}}}"#
        )
    };
    assert_counts(&seed(&json("2025-10-24"), "7a"), 0, 0, "0");
    // Without the make-up Sunday 09-28 and Saturday 10-11, WD20 would be
    // Tue 10-28 and these two cases on time.
    assert_counts(&seed(&json("2025-10-27"), "7a"), 1, 0, "1");
    let late = seed(&json("2025-10-28"), "7a");
    assert_counts(&late, 1, 0, "1");
    assert_eq!(
        late.reason,
        format!(
            "{L7A}：1起（2025-09-22完成，应于2025-10-24前公示，2025-10-28公示，逾期2个工作日），扣1分"
        )
    );
}

/// Source: seed item 7; 国务院办公厅 notice for 2026,
/// tests/data/calendar/cn/2026.json: 国庆节 make-up Sun 2026-09-20,
/// 中秋节 off Fri 09-25 … Sun 09-27, 国庆节 off Thu 10-01 … Wed 10-07,
/// make-up Sat 10-10.
///
/// Start Fri 2026-09-18: Sat 09-19 no, WD1 Sun 09-20 (make-up), WD2 Mon
/// 09-21, WD3 09-22, WD4 09-23, WD5 Thu 09-24, 09-25 … 09-27 off, WD6 Mon
/// 09-28, WD7 09-29, WD8 Wed 09-30, 10-01 … 10-07 off, WD9 Thu 10-08, WD10
/// Fri 10-09, WD11 Sat 10-10 (make-up), Sun 10-11 no, WD12 Mon 10-12 … WD16
/// Fri 10-16, WD17 Mon 10-19, WD18 10-20, WD19 10-21, WD20 Thu 10-22.
/// Due 2026-10-22; done Fri 10-23 is late by 1.
#[test]
fn seven_a_across_national_day_2026() {
    let on_due = seed(
        &y2026("7a", r#"[{"start": "2026-09-18", "done": "2026-10-22"}]"#),
        "7a",
    );
    assert_counts(&on_due, 0, 0, "0");
    let late = seed(
        &y2026("7a", r#"[{"start": "2026-09-18", "done": "2026-10-23"}]"#),
        "7a",
    );
    assert_counts(&late, 1, 0, "1");
    assert_eq!(
        late.reason,
        format!(
            "{L7A}：1起（2026-09-18完成，应于2026-10-22前公示，2026-10-23公示，逾期1个工作日），扣1分"
        )
    );
}

/// Source: the worked example in the README (Dates and working days) and seed item 7; 国务院办公厅 notice for 2026,
/// tests/data/calendar/cn/2026.json (中秋节 off 09-25 … 09-27, 国庆节 off
/// 10-01 … 10-07, make-up Sat 10-10).
///
/// Start Thu 2026-09-24: 09-25 … 09-27 off, WD1 Mon 09-28, WD2 09-29, WD3
/// Wed 09-30, 10-01 … 10-07 off, WD4 Thu 10-08, WD5 Fri 10-09, WD6 Sat 10-10
/// (make-up), WD7 Mon 10-12 … WD11 Fri 10-16, WD12 Mon 10-19 … WD16 Fri
/// 10-23, WD17 Mon 10-26, WD18 10-27, WD19 10-28, WD20 Thu 10-29.
/// Due 2026-10-29. Published Tue 11-03: (10-29, 11-03] = Fri 10-30, Mon
/// 11-02, Tue 11-03 = 3 working days late. Item 7 (5 points) scores 4; the
/// total 99.
#[test]
fn seven_a_reason_names_start_due_done_and_working_days_late() {
    let json = y2026(
        "7a",
        r#"[{"start": "2026-09-24", "done": "2026-11-03", "note": "校外培训机构抽查"}]"#,
    );
    let got = seed(&json, "7a");
    assert_counts(&got, 1, 0, "1");
    assert_eq!(
        got.reason,
        format!(
            "{L7A}：1起（校外培训机构抽查：2026-09-24完成，应于2026-10-29前公示，2026-11-03公示，逾期3个工作日），扣1分"
        )
    );
    // Without a note the detail is exactly the README example line.
    let bare = seed(
        &y2026("7a", r#"[{"start": "2026-09-24", "done": "2026-11-03"}]"#),
        "7a",
    );
    assert_eq!(
        bare.reason,
        format!(
            "{L7A}：1起（2026-09-24完成，应于2026-10-29前公示，2026-11-03公示，逾期3个工作日），扣1分"
        )
    );
    let rubric = ducha::seed::yuxi();
    assert_eq!(scores(&rubric, &json, "7"), ("4".into(), "99".into()));
}

/// Source: seed item 7; 国务院办公厅 notice for 2026,
/// tests/data/calendar/cn/2026.json: 春节 make-up Saturday 2026-02-28.
///
/// A due date that lands on a make-up Saturday. Start Mon 2026-01-26:
/// WD1 Tue 01-27, WD2 01-28, WD3 01-29, WD4 Fri 01-30, WD5 Mon 02-02 … WD9
/// Fri 02-06, WD10 Mon 02-09 … WD14 Fri 02-13, WD15 Sat 02-14 (make-up),
/// 02-15 … 02-23 off, WD16 Tue 02-24, WD17 02-25, WD18 02-26, WD19 Fri 02-27,
/// WD20 Sat 02-28 (make-up). Due Saturday 2026-02-28.
/// Published that Saturday: on time. Published Mon 03-02: (02-28, 03-02] =
/// Sun 03-01 (no), Mon 03-02 = late by 1.
#[test]
fn seven_a_due_on_a_make_up_saturday() {
    let on_due = seed(
        &y2026("7a", r#"[{"start": "2026-01-26", "done": "2026-02-28"}]"#),
        "7a",
    );
    assert_counts(&on_due, 0, 0, "0");
    let late = seed(
        &y2026("7a", r#"[{"start": "2026-01-26", "done": "2026-03-02"}]"#),
        "7a",
    );
    assert_counts(&late, 1, 0, "1");
    assert_eq!(
        late.reason,
        format!(
            "{L7A}：1起（2026-01-26完成，应于2026-02-28前公示，2026-03-02公示，逾期1个工作日），扣1分"
        )
    );
    // Published on Sunday 03-01, the day after the make-up Saturday it was
    // due: after the due date, so a breach, although no working day lies in
    // (02-28, 03-01].
    let sunday = seed(
        &y2026("7a", r#"[{"start": "2026-01-26", "done": "2026-03-01"}]"#),
        "7a",
    );
    assert_counts(&sunday, 1, 0, "1");
}

/// Source: seed item 7; 国务院办公厅 notice for 2026,
/// tests/data/calendar/cn/2026.json: 元旦 off Thu 2026-01-01 … Sat
/// 01-03, make-up Sunday 2026-01-04. December 2025 is listed by neither the
/// 2025 nor the 2026 notice, so it follows the week (2025-12-01 a Monday).
///
/// A due date on a make-up Sunday, across the year boundary. Start Thu
/// 2025-12-04: WD1 Fri 12-05, WD2 Mon 12-08 … WD6 Fri 12-12, WD7 Mon 12-15 …
/// WD11 Fri 12-19, WD12 Mon 12-22 … WD16 Fri 12-26, WD17 Mon 12-29, WD18
/// 12-30, WD19 Wed 12-31, 2026-01-01 … 01-03 off, WD20 Sun 01-04 (make-up).
/// Due Sunday 2026-01-04; done Mon 01-05 is late by 1.
#[test]
fn seven_a_due_on_a_make_up_sunday_across_new_year() {
    let on_due = seed(
        &y2026("7a", r#"[{"start": "2025-12-04", "done": "2026-01-04"}]"#),
        "7a",
    );
    assert_counts(&on_due, 0, 0, "0");
    let late = seed(
        &y2026("7a", r#"[{"start": "2025-12-04", "done": "2026-01-05"}]"#),
        "7a",
    );
    assert_counts(&late, 1, 0, "1");
    assert_eq!(
        late.reason,
        format!(
            "{L7A}：1起（2025-12-04完成，应于2026-01-04前公示，2026-01-05公示，逾期1个工作日），扣1分"
        )
    );
}

/// Source: seed item 7; 国务院办公厅 notices for 2025 and 2026,
/// tests/data/calendar/cn/2025.json and 2026.json (元旦 2026 off 01-01 …
/// 01-03, make-up Sun 01-04).
///
/// The year boundary 2025 → 2026. Start Mon 2025-12-22: WD1 Tue 12-23, WD2
/// 12-24, WD3 12-25, WD4 Fri 12-26, WD5 Mon 12-29, WD6 12-30, WD7 Wed 12-31,
/// 01-01 … 01-03 off, WD8 Sun 01-04 (make-up), WD9 Mon 01-05 … WD13 Fri
/// 01-09, WD14 Mon 01-12 … WD18 Fri 01-16, WD19 Mon 01-19, WD20 Tue 01-20.
/// Due 2026-01-20.
#[test]
fn seven_a_across_the_year_boundary() {
    let done = |done: &str| {
        y2026(
            "7a",
            &format!(r#"[{{"start": "2025-12-22", "done": "{done}"}}]"#),
        )
    };
    assert_counts(&seed(&done("2026-01-20"), "7a"), 0, 0, "0");
    let late = seed(&done("2026-01-21"), "7a");
    assert_counts(&late, 1, 0, "1");
    assert_eq!(
        late.reason,
        format!(
            "{L7A}：1起（2025-12-22完成，应于2026-01-20前公示，2026-01-21公示，逾期1个工作日），扣1分"
        )
    );
    // Not done: pending on the due date itself, overdue the day after.
    let not_done = |as_of: &str| {
        format!(
            r#"{{"period": {{"from": "2026-01-01", "to": "2026-12-31"}}, "as_of": "{as_of}",
                "facts": {{"7a": [{{"start": "2025-12-22"}}]}}}}"#
        )
    };
    assert_counts(&seed(&not_done("2026-01-20"), "7a"), 0, 1, "0");
    let overdue = seed(&not_done("2026-01-21"), "7a");
    assert_counts(&overdue, 1, 0, "1");
    assert_eq!(
        overdue.reason,
        format!(
            "{L7A}：1起（2025-12-22完成，应于2026-01-20前公示，截至2026-01-21未公示，已逾期1个工作日），扣1分"
        )
    );
}

/// Source: seed item 7; 国务院办公厅 notice for 2024,
/// tests/data/calendar/cn/2024.json: 春节 make-up Sun 2024-02-04, off Sat
/// 02-10 … Sat 02-17, make-up Sun 02-18; 2024 is a leap year.
///
/// Due on the leap day. Start Mon 2024-01-29: WD1 Tue 01-30, WD2 Wed 01-31,
/// WD3 Thu 02-01, WD4 Fri 02-02, Sat 02-03 no, WD5 Sun 02-04 (make-up), WD6
/// Mon 02-05 … WD10 Fri 02-09, 02-10 … 02-17 off, WD11 Sun 02-18 (make-up),
/// WD12 Mon 02-19 … WD16 Fri 02-23, WD17 Mon 02-26, WD18 02-27, WD19 02-28,
/// WD20 Thu 02-29. Due 2024-02-29.
/// Done Fri 03-01: late by 1. Done Mon 03-04: (02-29, 03-04] = Fri 03-01,
/// Mon 03-04 = late by 2.
#[test]
fn seven_a_due_on_the_leap_day_2024() {
    let json = |done: &str| {
        format!(
            r#"{{"period": {{"from": "2024-01-01", "to": "2024-12-31"}},
                "facts": {{"7a": [{{"start": "2024-01-29", "done": "{done}"}}]}}}}"#
        )
    };
    assert_counts(&seed(&json("2024-02-29"), "7a"), 0, 0, "0");
    let one = seed(&json("2024-03-01"), "7a");
    assert_counts(&one, 1, 0, "1");
    assert_eq!(
        one.reason,
        format!(
            "{L7A}：1起（2024-01-29完成，应于2024-02-29前公示，2024-03-01公示，逾期1个工作日），扣1分"
        )
    );
    let two = seed(&json("2024-03-04"), "7a");
    assert_eq!(
        two.reason,
        format!(
            "{L7A}：1起（2024-01-29完成，应于2024-02-29前公示，2024-03-04公示，逾期2个工作日），扣1分"
        )
    );
}

/// Source: seed item 7; 国务院办公厅 notice for 2026,
/// tests/data/calendar/cn/2026.json: 国庆节 off Thu 2026-10-01 … Wed
/// 10-07, make-up Sat 10-10.
///
/// The clock starts on the day after `start`, whatever `start` itself is.
/// Start on the holiday Thu 2026-10-01: 10-02 … 10-07 off, WD1 Thu 10-08,
/// WD2 Fri 10-09, WD3 Sat 10-10 (make-up), Sun 10-11 no, WD4 Mon 10-12 …
/// WD8 Fri 10-16, WD9 Mon 10-19 … WD13 Fri 10-23, WD14 Mon 10-26 … WD18 Fri
/// 10-30, WD19 Mon 11-02, WD20 Tue 11-03. Due 2026-11-03.
/// Start on the make-up Saturday 10-10, or on Sunday 10-11: WD1 Mon 10-12 …
/// WD5 Fri 10-16, WD6 … WD10 = 10-19 … 10-23, WD11 … WD15 = 10-26 … 10-30,
/// WD16 … WD20 = 11-02 … 11-06. Due Fri 2026-11-06 for both.
#[test]
fn seven_a_start_on_a_holiday_or_a_make_up_day() {
    let holiday = seed(
        &y2026("7a", r#"[{"start": "2026-10-01", "done": "2026-11-04"}]"#),
        "7a",
    );
    assert_eq!(
        holiday.reason,
        format!(
            "{L7A}：1起（2026-10-01完成，应于2026-11-03前公示，2026-11-04公示，逾期1个工作日），扣1分"
        )
    );
    for start in ["2026-10-10", "2026-10-11"] {
        let fact = format!(
            r#"[{{"start": "{start}", "done": "2026-11-06"}}, {{"start": "{start}", "done": "2026-11-09"}}]"#
        );
        let got = seed(&y2026("7a", &fact), "7a");
        // 11-06 on time; Mon 11-09: (11-06, 11-09] = Mon 11-09, late by 1.
        assert_counts(&got, 1, 0, "1");
        assert_eq!(
            got.reason,
            format!(
                "{L7A}：1起（{start}完成，应于2026-11-06前公示，2026-11-09公示，逾期1个工作日），扣1分"
            )
        );
    }
}

/// Source: seed item 7; 国务院办公厅 notice for 2019,
/// tests/data/calendar/cn/2019.json, which rearranges the end of 2018:
/// 元旦 make-up Sat 2018-12-29, off Sun 12-30, Mon 12-31 and Tue 2019-01-01
/// (2018.json lists nothing in December).
///
/// Start Mon 2018-12-03 (period 2018): WD1 Tue 12-04 … WD4 Fri 12-07, WD5
/// Mon 12-10 … WD9 Fri 12-14, WD10 Mon 12-17 … WD14 Fri 12-21, WD15 Mon
/// 12-24 … WD19 Fri 12-28, WD20 Sat 12-29 (make-up, by the 2019 notice).
/// Due Saturday 2018-12-29 (it would be Mon 12-31 if the 2019 notice's
/// December dates were ignored). Done Wed 2019-01-02: (12-29, 01-02] = Sun
/// 12-30 no, 12-31 off, 01-01 off, Wed 01-02 = late by 1.
#[test]
fn seven_a_due_on_a_make_up_saturday_set_by_the_next_years_notice() {
    let json = |done: &str| {
        format!(
            r#"{{"period": {{"from": "2018-01-01", "to": "2018-12-31"}},
                "facts": {{"7a": [{{"start": "2018-12-03", "done": "{done}"}}]}}}}"#
        )
    };
    assert_counts(&seed(&json("2018-12-29"), "7a"), 0, 0, "0");
    // Mon 12-31 is after the due date: a breach.
    assert_counts(&seed(&json("2018-12-31"), "7a"), 1, 0, "1");
    let late = seed(&json("2019-01-02"), "7a");
    assert_counts(&late, 1, 0, "1");
    assert_eq!(
        late.reason,
        format!(
            "{L7A}：1起（2018-12-03完成，应于2018-12-29前公示，2019-01-02公示，逾期1个工作日），扣1分"
        )
    );
}

/// Source: seed item 7; 国务院办公厅 notices for 2020,
/// tests/data/calendar/cn/2020.json: 春节 off Fri 2020-01-24 … Sun 02-02
/// (the holiday as extended), work resuming Mon 02-03.
///
/// Start Tue 2020-01-21: WD1 Wed 01-22, WD2 Thu 01-23, 01-24 … 02-02 off,
/// WD3 Mon 02-03 … WD7 Fri 02-07, WD8 Mon 02-10 … WD12 Fri 02-14, WD13 Mon
/// 02-17 … WD17 Fri 02-21, WD18 Mon 02-24, WD19 Tue 02-25, WD20 Wed 02-26.
/// Due 2020-02-26.
#[test]
fn seven_a_across_the_extended_2020_spring_festival() {
    let json = |done: &str| {
        format!(
            r#"{{"period": {{"from": "2020-01-01", "to": "2020-12-31"}},
                "facts": {{"7a": [{{"start": "2020-01-21", "done": "{done}"}}]}}}}"#
        )
    };
    assert_counts(&seed(&json("2020-02-26"), "7a"), 0, 0, "0");
    assert_counts(&seed(&json("2020-02-27"), "7a"), 1, 0, "1");
}

/// Source: seed item 7; 2026.json (start 2026-01-26 is due on the make-up
/// Saturday 2026-02-28, see `seven_a_due_on_a_make_up_saturday`).
///
/// Published on Sunday 03-01, or not published by an `as_of` of Sunday
/// 03-01: after the due date, so a breach (the library agrees), but no
/// working day lies in (02-28, 03-01]. The library's reason then says
/// "逾期0个工作日" / "已逾期0个工作日" while deducting a point: late by zero
/// days reads as on time. The reason should not claim zero days late (e.g.
/// name the calendar days, "逾期1天", or say the day was not a working day).
#[test]
fn late_by_no_working_day_is_not_worded_as_zero_days_late() {
    let done_sunday = seed(
        &y2026("7a", r#"[{"start": "2026-01-26", "done": "2026-03-01"}]"#),
        "7a",
    );
    assert_counts(&done_sunday, 1, 0, "1");
    assert!(
        !done_sunday.reason.contains("逾期0个工作日"),
        "{}",
        done_sunday.reason
    );
    assert!(
        done_sunday
            .reason
            .contains("应于2026-02-28前公示，2026-03-01公示，逾期1天"),
        "calendar days when no working day passed: {}",
        done_sunday.reason
    );
    let open_sunday = seed(
        r#"{"as_of": "2026-03-01", "facts": {"7a": [{"start": "2026-01-26"}]}}"#,
        "7a",
    );
    assert_counts(&open_sunday, 1, 0, "1");
    assert!(
        !open_sunday.reason.contains("逾期0个工作日"),
        "{}",
        open_sunday.reason
    );
    assert!(
        open_sunday
            .reason
            .contains("截至2026-03-01未公示，已逾期1天"),
        "{}",
        open_sunday.reason
    );
}

/// Source: seed item 7; 国务院办公厅 notice for 2026,
/// tests/data/calendar/cn/2026.json (see
/// `seven_a_reason_names_start_due_done_and_working_days_late`: start
/// 2026-09-24 is due 2026-10-29).
///
/// Not done: pending while `as_of` ≤ due (no breach, shown as `"pending": 1`
/// in JSON), overdue after. Overdue on 10-30 by 1 working day (Fri 10-30).
/// At the period's end 2026-12-31 (the default `as_of`): (10-29, 12-31] =
/// Fri 10-30 (1) + November (Nov 1 a Sunday: 2–6, 9–13, 16–20, 23–27, 30 =
/// 21) + December (1–4, 7–11, 14–18, 21–25, 28–31 = 23) = 45 working days.
#[test]
fn seven_a_pending_and_overdue() {
    let with_as_of = |as_of: &str| {
        format!(
            r#"{{"rubric": "yuxi-shuangsuiji",
                "period": {{"from": "2026-01-01", "to": "2026-12-31"}}, "as_of": "{as_of}",
                "facts": {{"7a": [{{"start": "2026-09-24"}}]}}}}"#
        )
    };
    let rubric = ducha::seed::yuxi();

    for as_of in ["2026-10-20", "2026-10-29"] {
        let json = with_as_of(as_of);
        let got = eval(&rubric, &json, "7a");
        assert_counts(&got, 0, 1, "0");
        assert_eq!(got.reason, "", "as_of {as_of}");
        assert_eq!(scores(&rubric, &json, "7"), ("5".into(), "100".into()));
        let inspection = inspection(&json);
        let card = serde_json::to_value(rubric.evaluate(&inspection).unwrap()).unwrap();
        assert_eq!(
            rule_json(&card, "7a"),
            &serde_json::json!({
                "id": "7a", "assessed": true, "breaches": 0, "pending": 1,
                "raw": "0", "deducted": "0", "limited_by": null, "reason": ""
            }),
            "as_of {as_of}"
        );
        // Only deadline rules carry `pending`.
        assert!(rule_json(&card, "1a").get("pending").is_none());
    }

    let overdue = eval(&rubric, &with_as_of("2026-10-30"), "7a");
    assert_counts(&overdue, 1, 0, "1");
    assert_eq!(
        overdue.reason,
        format!(
            "{L7A}：1起（2026-09-24完成，应于2026-10-29前公示，截至2026-10-30未公示，已逾期1个工作日），扣1分"
        )
    );

    let at_year_end = seed(&y2026("7a", r#"[{"start": "2026-09-24"}]"#), "7a");
    assert_counts(&at_year_end, 1, 0, "1");
    assert_eq!(
        at_year_end.reason,
        format!(
            "{L7A}：1起（2026-09-24完成，应于2026-10-29前公示，截至2026-12-31未公示，已逾期45个工作日），扣1分"
        )
    );
}

/// Source: seed item 7 ("发现一起扣1分，扣完5分为止"); 2026.json as in
/// `seven_a_across_the_2026_spring_festival` (start 2026-02-10 due 03-16,
/// start 2026-09-24 due 10-29).
///
/// A late case, a pending one and an on-time one: 1 breach, "另有1起未到期".
/// as_of 2026-10-20: the 09-24 case (due 10-29) is pending.
#[test]
fn seven_a_reason_counts_pending_cases() {
    let json = r#"{"period": {"from": "2026-01-01", "to": "2026-12-31"}, "as_of": "2026-10-20",
        "facts": {"7a": [
            {"start": "2026-02-10", "done": "2026-03-16"},
            {"start": "2026-02-10", "done": "2026-03-18"},
            {"start": "2026-09-24", "note": "体育培训机构抽查"}
        ]}}"#;
    let got = seed(json, "7a");
    // (03-16, 03-18] = Tue 03-17, Wed 03-18: late by 2.
    assert_counts(&got, 1, 1, "1");
    assert_eq!(
        got.reason,
        format!(
            "{L7A}：1起（2026-02-10完成，应于2026-03-16前公示，2026-03-18公示，逾期2个工作日），另有1起未到期，扣1分"
        )
    );
}

/// Source: seed item 7, "发现一起扣1分，扣完5分为止"; 2026.json (start
/// 2026-02-10 is due 2026-03-16, see above).
///
/// Six cases each a working day late (done Tue 03-17): 6 breaches, 6 points
/// raw, capped at 5; item 7 (5 points) scores 0.
#[test]
fn seven_a_cases_are_capped_at_five() {
    let case = r#"{"start": "2026-02-10", "done": "2026-03-17"}"#;
    let fact = format!("[{}]", [case; 6].join(", "));
    let json = y2026("7a", &fact);
    let got = seed(&json, "7a");
    assert_counts(&got, 6, 0, "5");
    let line = "2026-02-10完成，应于2026-03-16前公示，2026-03-17公示，逾期1个工作日";
    assert_eq!(
        got.reason,
        format!(
            "{L7A}：6起（{}），扣6分，超过上限按5分扣",
            [line; 6].join("；")
        )
    );
    assert_eq!(
        scores(&ducha::seed::yuxi(), &json, "7"),
        ("0".into(), "95".into())
    );
}

/// Source: seed item 7; 2026.json: 国庆节 make-up Saturday 2026-10-10.
///
/// A case of a working-day rule may give its own `due` instead of `start`;
/// lateness is still in working days. Due Fri 2026-10-09, published Mon
/// 10-12: (10-09, 10-12] = Sat 10-10 (make-up), Sun 10-11 (no), Mon 10-12 =
/// 2 working days.
#[test]
fn seven_a_with_a_due_date_counts_working_days_late() {
    let got = seed(
        &y2026("7a", r#"[{"due": "2026-10-09", "done": "2026-10-12"}]"#),
        "7a",
    );
    assert_counts(&got, 1, 0, "1");
    assert_eq!(
        got.reason,
        format!("{L7A}：1起（应于2026-10-09前公示，2026-10-12公示，逾期2个工作日），扣1分")
    );
}

/// Source: the calendar rule ("Any question about a year the calendar does
/// not know is an error naming the year"); 2026.json lists nothing after
/// 2026-12-31 and no 2027 notice exists in the data.
///
/// Start Thu 2026-12-10: WD1 Fri 12-11, WD2 Mon 12-14 … WD6 Fri 12-18, WD7
/// Mon 12-21 … WD11 Fri 12-25, WD12 Mon 12-28 … WD15 Thu 12-31; WD16 … WD20
/// fall in 2027, which `Calendar::china()` does not know: an error.
///
/// Then a 2027 schedule is added through `calendar_mut()`. THE 2027 DATA
/// HERE ARE MADE UP (plausible, holiday-cn shaped; the real notice was not
/// published when the data were collected): 元旦 off Fri 2027-01-01 (the
/// weekend 01-02/01-03 follows the week), 春节 off 2027-02-06 … 02-12,
/// make-up Sat 2027-02-13.
/// With it: 2027-01-01 off, Sat 01-02 and Sun 01-03 no, WD16 Mon 01-04, WD17
/// 01-05, WD18 01-06, WD19 01-07, WD20 Fri 01-08. Due 2027-01-08.
/// Case 1 published Mon 01-11: (01-08, 01-11] = Mon 01-11 = 1 late.
/// Case 2 not done on as_of Fri 01-15: (01-08, 01-15] = 01-11 … 01-15 = 5.
#[test]
fn seven_a_into_2027_is_a_calendar_error_until_2027_is_added() {
    let json = r#"{"rubric": "yuxi-shuangsuiji",
        "period": {"from": "2026-01-01", "to": "2026-12-31"}, "as_of": "2027-01-15",
        "facts": {"7a": [
            {"start": "2026-12-10", "done": "2027-01-11"},
            {"start": "2026-12-10"}
        ]}}"#;
    let mut rubric = ducha::seed::yuxi();

    let err = eval_err(&rubric, json);
    assert_eq!(
        err.to_string(),
        "rule `7a`: the calendar does not know the year `2027`"
    );
    assert_eq!(
        err,
        EvalError::Calendar {
            rule: id("7a"),
            problem: CalendarError::UnknownYear { year: 2027 },
        }
    );

    // A 2026-only inspection, before 2027 is added, for comparison below.
    let only_2026 = y2026(
        "7a",
        r#"[{"start": "2026-09-24", "done": "2026-11-03"}, {"start": "2026-12-01"}]"#,
    );
    let before = eval(&rubric, &only_2026, "7a");

    let y2027: YearSchedule = serde_json::from_str(
        r#"{
            "year": 2027,
            "papers": [],
            "days": [
                { "name": "元旦", "date": "2027-01-01", "isOffDay": true },
                { "name": "春节", "date": "2027-02-06", "isOffDay": true },
                { "name": "春节", "date": "2027-02-07", "isOffDay": true },
                { "name": "春节", "date": "2027-02-08", "isOffDay": true },
                { "name": "春节", "date": "2027-02-09", "isOffDay": true },
                { "name": "春节", "date": "2027-02-10", "isOffDay": true },
                { "name": "春节", "date": "2027-02-11", "isOffDay": true },
                { "name": "春节", "date": "2027-02-12", "isOffDay": true },
                { "name": "春节", "date": "2027-02-13", "isOffDay": false }
            ]
        }"#,
    )
    .unwrap();
    assert_eq!(rubric.calendar_mut().insert(y2027), None);

    let got = eval(&rubric, json, "7a");
    assert_counts(&got, 2, 0, "2");
    assert_eq!(
        got.reason,
        format!(
            "{L7A}：2起（2026-12-10完成，应于2027-01-08前公示，2027-01-11公示，逾期1个工作日；2026-12-10完成，应于2027-01-08前公示，截至2027-01-15未公示，已逾期5个工作日），扣2分"
        )
    );

    // Adding 2027 changes nothing for 2026: start 2026-12-01 (Tue) is due
    // WD20 = Tue 12-29 (WD1 Wed 12-02 … WD3 Fri 12-04, WD4 Mon 12-07 … WD18
    // Fri 12-25, WD19 Mon 12-28, WD20 Tue 12-29), so not done by the
    // period's end it is overdue: (12-29, 12-31] = Wed 12-30, Thu 12-31 = 2.
    let after = eval(&rubric, &only_2026, "7a");
    assert_eq!(after, before);
    assert_eq!(
        after.reason,
        format!(
            "{L7A}：2起（2026-09-24完成，应于2026-10-29前公示，2026-11-03公示，逾期3个工作日；2026-12-01完成，应于2026-12-29前公示，截至2026-12-31未公示，已逾期2个工作日），扣2分"
        )
    );
}

/// Source: the calendar rule; tests/data/calendar/cn/ starts at 2018.json:
/// 2017 is unknown. Start Thu 2017-12-28: WD1 would be Fri 2017-12-29, a
/// date of 2017.
#[test]
fn seven_a_before_2018_is_a_calendar_error() {
    let json = r#"{"period": {"from": "2018-01-01", "to": "2018-12-31"},
        "facts": {"7a": [{"start": "2017-12-28", "done": "2018-01-10"}]}}"#;
    assert_eq!(
        eval_err(&ducha::seed::yuxi(), json).to_string(),
        "rule `7a`: the calendar does not know the year `2017`"
    );
}

/// Source: seed item 7 and the rule on hand-counted forms ("Every trigger also accepts the
/// already-counted form"): an inspection judged by hand keeps working.
#[test]
fn seven_a_hand_counted_forms() {
    // A number of breaches: 3 × 1 = 3.
    assert_counts(&seed(&y2026("7a", "3"), "7a"), 3, 0, "3");
    // 7 × 1 = 7, capped at 5.
    assert_counts(&seed(&y2026("7a", "7"), "7a"), 7, 0, "5");
    assert_counts(&seed(&y2026("7a", "true"), "7a"), 1, 0, "1");
    assert_counts(&seed(&y2026("7a", "false"), "7a"), 0, 0, "0");
    let one = seed(&y2026("7a", r#"{"note": "某校抽查未公示"}"#), "7a");
    assert_counts(&one, 1, 0, "1");
    assert_eq!(one.reason, format!("{L7A}（某校抽查未公示），扣1分"));
    let two = seed(
        &y2026("7a", r#"[{"note": "甲校未公示"}, {"note": "乙校未公示"}]"#),
        "7a",
    );
    assert_counts(&two, 2, 0, "2");
    assert_eq!(
        two.reason,
        format!("{L7A}：2起（甲校未公示；乙校未公示），扣2分")
    );
    // For a deadline an empty list is no findings: nothing late.
    assert_counts(&seed(&y2026("7a", "[]"), "7a"), 0, 0, "0");
}

/// Source: seed item 7; a deadline rule needs an assessment date only for
/// cases not done. Cases all done evaluate without `period` or `as_of`
/// (2026-09-24 due 2026-10-29, see above; published 10-29 on time, 11-03
/// late by 3).
#[test]
fn seven_a_done_cases_need_no_period() {
    let got = seed(
        r#"{"facts": {"7a": [
            {"start": "2026-09-24", "done": "2026-10-29"},
            {"start": "2026-09-24", "done": "2026-11-03"}
        ]}}"#,
        "7a",
    );
    assert_counts(&got, 1, 0, "1");
    // `as_of` alone is enough for a case not done: 10-30 is 1 day overdue.
    let got = seed(
        r#"{"as_of": "2026-10-30", "facts": {"7a": [{"start": "2026-09-24"}]}}"#,
        "7a",
    );
    assert_counts(&got, 1, 0, "1");
}

// ---------------------------------------------------------------------------
// Seed 11e: 20 working days after the information arose
// ---------------------------------------------------------------------------

/// Source: seed item 11 (second), "于信息产生20个工作日内通过平台进行录入";
/// 国务院办公厅 notice for 2026, tests/data/calendar/cn/2026.json: 劳动节
/// off Fri 2026-05-01 … Tue 05-05, make-up Sat 05-09.
///
/// Arose Mon 2026-04-20: WD1 Tue 04-21, WD2 04-22, WD3 04-23, WD4 Fri 04-24,
/// WD5 Mon 04-27, WD6 04-28, WD7 04-29, WD8 Thu 04-30, 05-01 … 05-05 off,
/// WD9 Wed 05-06, WD10 Thu 05-07, WD11 Fri 05-08, WD12 Sat 05-09 (make-up),
/// WD13 Mon 05-11 … WD17 Fri 05-15, WD18 Mon 05-18, WD19 05-19, WD20 Wed
/// 05-20. Due 2026-05-20. Entered Mon 05-25: (05-20, 05-25] = Thu 05-21, Fri
/// 05-22, Mon 05-25 = 3 late. Item 11-2 (15 points) scores 14.
#[test]
fn eleven_e_across_labour_day() {
    let on_due = seed(
        &y2026("11e", r#"[{"start": "2026-04-20", "done": "2026-05-20"}]"#),
        "11e",
    );
    assert_counts(&on_due, 0, 0, "0");
    let json = y2026(
        "11e",
        r#"[{"start": "2026-04-20", "done": "2026-05-25", "note": "某培训机构办学许可"}]"#,
    );
    let late = seed(&json, "11e");
    assert_counts(&late, 1, 0, "1");
    assert_eq!(
        late.reason,
        format!(
            "{L11E}：1起（某培训机构办学许可：2026-04-20产生，应于2026-05-20前录入，2026-05-25录入，逾期3个工作日），扣1分"
        )
    );
    assert_eq!(
        scores(&ducha::seed::yuxi(), &json, "11-2"),
        ("14".into(), "99".into())
    );
}

// ---------------------------------------------------------------------------
// Seed 3a, 4a, 5a, 13b: due dates set by notice, lateness in calendar days
// ---------------------------------------------------------------------------

/// Source: seed item 3, "未在规定时间内，及时制定、报送部门随机抽查事项清单的，
/// 扣5分"; 2026.json: 清明节 off Sat 2026-04-04 … Mon 04-06.
///
/// Due Fri 2026-04-03, submitted Tue 04-07: 4 calendar days late (04-04,
/// 04-05, 04-06, 04-07), although only one working day (04-07) lies in
/// between: a rule without a working-day limit counts calendar days.
/// Flat 5: item 3 (5 points) scores 0, total 95.
#[test]
fn three_a_due_date_late_in_calendar_days() {
    let json = y2026("3a", r#"[{"due": "2026-04-03", "done": "2026-04-07"}]"#);
    let got = seed(&json, "3a");
    assert_counts(&got, 1, 0, "5");
    assert_eq!(
        got.reason,
        format!("{L3A}：1起（应于2026-04-03前报送，2026-04-07报送，逾期4天），扣5分")
    );
    assert_eq!(
        scores(&ducha::seed::yuxi(), &json, "3"),
        ("0".into(), "95".into())
    );
    // On the due date: on time.
    let on_time = seed(
        &y2026("3a", r#"[{"due": "2026-04-03", "done": "2026-04-03"}]"#),
        "3a",
    );
    assert_counts(&on_time, 0, 0, "0");
}

/// Source: seed item 4, "未在规定时间内，及时制定、报送本部门年度抽查工作计划的
/// 扣5分", and item 5, "未在规定时间内，及时建立监管对象名录库的扣5分".
///
/// 4a: due 2026-02-28, not submitted by as_of 2026-03-10: overdue by 10
/// calendar days (03-01 … 03-10). 5a: due 2026-12-31 = the period's end, the
/// default as_of: not past due, pending.
#[test]
fn four_a_overdue_and_five_a_pending() {
    let got = seed(
        r#"{"period": {"from": "2026-01-01", "to": "2026-12-31"}, "as_of": "2026-03-10",
            "facts": {"4a": [{"due": "2026-02-28"}]}}"#,
        "4a",
    );
    assert_counts(&got, 1, 0, "5");
    assert_eq!(
        got.reason,
        format!("{L4A}：1起（应于2026-02-28前报送，截至2026-03-10未报送，已逾期10天），扣5分")
    );
    let pending = seed(&y2026("5a", r#"[{"due": "2026-12-31"}]"#), "5a");
    assert_counts(&pending, 0, 1, "0");
    assert_eq!(pending.reason, "");
}

/// Source: seed item 13, "未按时间节点和要求报送工作总结及相关材料的，每少一次
/// 扣1分，扣完5分为止".
///
/// as_of 2026-07-20: Q1 summary due 04-10 done 04-09 (on time); half-year
/// summary due 07-10 done 07-14 (late 4 days: 07-11 … 07-14); Q2 summary
/// due 07-05 not done (overdue 15 days: 07-06 … 07-20); Q3 summary due 10-10
/// not done (pending). 2 breaches × 1 = 2; item 13 (10 points) scores 8.
#[test]
fn thirteen_b_on_time_late_overdue_and_pending() {
    let json = r#"{"period": {"from": "2026-01-01", "to": "2026-12-31"}, "as_of": "2026-07-20",
        "facts": {"13b": [
            {"due": "2026-04-10", "done": "2026-04-09", "note": "第一季度工作总结"},
            {"due": "2026-07-10", "done": "2026-07-14", "note": "上半年工作总结"},
            {"due": "2026-07-05", "note": "第二季度工作总结"},
            {"due": "2026-10-10", "note": "第三季度工作总结"}
        ]}}"#;
    let got = seed(json, "13b");
    assert_counts(&got, 2, 1, "2");
    assert_eq!(
        got.reason,
        format!(
            "{L13B}：2次（上半年工作总结：应于2026-07-10前报送，2026-07-14报送，逾期4天；第二季度工作总结：应于2026-07-05前报送，截至2026-07-20未报送，已逾期15天），另有1次未到期，扣2分"
        )
    );
    assert_eq!(
        scores(&ducha::seed::yuxi(), json, "13"),
        ("8".into(), "98".into())
    );
}

/// Source: seed items 3 and 13: due-date rules need no calendar, so a date
/// in a year the calendar does not know (2027) is no error; 2026-12-30 to
/// 2027-01-04 is 5 calendar days.
#[test]
fn due_date_rules_need_no_calendar() {
    let got = seed(
        &y2026("13b", r#"[{"due": "2026-12-30", "done": "2027-01-04"}]"#),
        "13b",
    );
    assert_counts(&got, 1, 0, "1");
    assert_eq!(
        got.reason,
        format!("{L13B}：1次（应于2026-12-30前报送，2027-01-04报送，逾期5天），扣1分")
    );
}

// ---------------------------------------------------------------------------
// Seed 12a: threshold at 100%
// ---------------------------------------------------------------------------

/// Source: seed item 12, "确保检查实施清单完善率达到100%的扣5分" (12a, flat
/// 5, at least 1).
#[test]
fn twelve_a_threshold() {
    let breach = seed(&y2026("12a", r#""0.96""#), "12a");
    assert_counts(&breach, 1, 0, "5");
    assert_eq!(
        breach.reason,
        format!("{L12A}（实测96%，应达到100%），扣5分")
    );

    for at_min in [r#""1""#, r#""1.00""#, "1", "1.0", r#""100%""#] {
        let got = seed(&y2026("12a", at_min), "12a");
        assert_counts(&got, 0, 0, "0");
        assert_eq!(got.reason, "", "{at_min}");
    }

    // A JSON number just below 1.
    let number = seed(&y2026("12a", "0.999"), "12a");
    assert_counts(&number, 1, 0, "5");
    assert_eq!(
        number.reason,
        format!("{L12A}（实测99.9%，应达到100%），扣5分")
    );

    // A whole number 0 is a measured value here, not a count of breaches.
    let zero = seed(&y2026("12a", "0"), "12a");
    assert_counts(&zero, 1, 0, "5");
    assert_eq!(zero.reason, format!("{L12A}（实测0%，应达到100%），扣5分"));

    // Hand-counted: `true` is one breach, `false` none.
    let flagged = seed(&y2026("12a", "true"), "12a");
    assert_counts(&flagged, 1, 0, "5");
    assert_eq!(flagged.reason, format!("{L12A}，扣5分"));
    assert_counts(&seed(&y2026("12a", "false"), "12a"), 0, 0, "0");

    // Item 12 (10 points) after 12a's 5.
    assert_eq!(
        scores(&ducha::seed::yuxi(), &y2026("12a", r#""0.96""#), "12"),
        ("5".into(), "95".into())
    );
}

// ---------------------------------------------------------------------------
// 2. Seed 1a: a cadence, every quarter
// ---------------------------------------------------------------------------

/// The seed inspection with `period` and optional `as_of` for 1a.
fn one_a(from: &str, to: &str, as_of: Option<&str>, fact: &str) -> Got {
    let as_of = as_of.map_or(String::new(), |a| format!(r#""as_of": "{a}","#));
    seed(
        &format!(
            r#"{{"period": {{"from": "{from}", "to": "{to}"}}, {as_of} "facts": {{"1a": {fact}}}}}"#
        ),
        "1a",
    )
}

/// Source: seed item 1, "分管领导每季度组织分管科室学习…每少一次扣2分".
///
/// 2026: a session in each quarter, three of them on a quarter's first or
/// last day (03-31 closes Q1, 04-01 opens Q2, 09-30 closes Q3): 0 breaches.
#[test]
fn one_a_full_year_all_quarters_covered() {
    let got = one_a(
        "2026-01-01",
        "2026-12-31",
        None,
        r#"["2026-03-31", "2026-04-01", "2026-09-30", "2026-12-15"]"#,
    );
    assert_counts(&got, 0, 0, "0");
    assert_eq!(got.reason, "");
}

/// Source: seed item 1, "每少一次扣2分".
///
/// Sessions 2026-03-12 (Q1) and 2026-11-20 (Q4): Q2 and Q3 missing, 2 × 2 =
/// 4; item 1 (10 points) scores 6. Three sessions in Q1 cover only Q1.
#[test]
fn one_a_two_quarters_missing() {
    let got = one_a(
        "2026-01-01",
        "2026-12-31",
        None,
        r#"["2026-11-20", "2026-03-12"]"#,
    );
    assert_counts(&got, 2, 0, "4");
    assert_eq!(
        got.reason,
        format!("{L1A}：2次（2026年第二季度、2026年第三季度无记录），扣4分")
    );
    let json = r#"{"period": {"from": "2026-01-01", "to": "2026-12-31"},
        "facts": {"1a": ["2026-11-20", "2026-03-12"]}}"#;
    assert_eq!(
        scores(&ducha::seed::yuxi(), json, "1"),
        ("6".into(), "96".into())
    );

    let crowded = one_a(
        "2026-01-01",
        "2026-12-31",
        None,
        r#"["2026-01-05", "2026-02-05", "2026-03-05", "2026-12-01"]"#,
    );
    assert_counts(&crowded, 2, 0, "4");
    assert_eq!(
        crowded.reason,
        format!("{L1A}：2次（2026年第二季度、2026年第三季度无记录），扣4分")
    );
}

/// Source: seed item 1 and the seed table ("over a year at most 4 are
/// missing, 8 points"); design: an empty list for a cadence is no dates.
#[test]
fn one_a_empty_list_misses_every_quarter() {
    let got = one_a("2026-01-01", "2026-12-31", None, "[]");
    assert_counts(&got, 4, 0, "8");
    assert_eq!(
        got.reason,
        format!(
            "{L1A}：4次（2026年第一季度、2026年第二季度、2026年第三季度、2026年第四季度无记录），扣8分"
        )
    );
}

/// Source: seed item 1; `Trigger::Cadence` docs: only periods wholly inside
/// the window are due.
///
/// Period 2026-04-01 … 2026-09-30: exactly Q2 and Q3 are due. With no
/// dates both are missed (−4); with one on 2026-05-01 only Q3 (−2). A date
/// in Q1 or Q4 (outside the period) covers nothing.
#[test]
fn one_a_partial_year() {
    let none = one_a("2026-04-01", "2026-09-30", None, "[]");
    assert_counts(&none, 2, 0, "4");
    assert_eq!(
        none.reason,
        format!("{L1A}：2次（2026年第二季度、2026年第三季度无记录），扣4分")
    );
    let q2 = one_a(
        "2026-04-01",
        "2026-09-30",
        None,
        r#"["2026-03-31", "2026-05-01", "2026-10-01"]"#,
    );
    assert_counts(&q2, 1, 0, "2");
    assert_eq!(
        q2.reason,
        format!("{L1A}：1次（2026年第三季度无记录），扣2分")
    );
}

/// Source: seed item 1; `Trigger::Cadence` docs: a quarter the window covers
/// only in part is not due, with or without a date in it.
///
/// Window 2026-02-15 … 2026-12-31: Q1 is partial, so not due; Q2–Q4 are.
#[test]
fn one_a_window_starting_mid_quarter() {
    let covered = one_a(
        "2026-02-15",
        "2026-12-31",
        None,
        r#"["2026-05-12", "2026-08-20", "2026-11-05"]"#,
    );
    assert_counts(&covered, 0, 0, "0");
    let none = one_a("2026-02-15", "2026-12-31", None, "[]");
    assert_counts(&none, 3, 0, "6");
    assert_eq!(
        none.reason,
        format!("{L1A}：3次（2026年第二季度、2026年第三季度、2026年第四季度无记录），扣6分")
    );
    // A date in the partial Q1 (inside the window or before it) changes nothing.
    let q1_only = one_a(
        "2026-02-15",
        "2026-12-31",
        None,
        r#"["2026-02-01", "2026-03-01"]"#,
    );
    assert_counts(&q1_only, 3, 0, "6");
}

/// Source: seed item 1; `Trigger::Cadence` docs: the window ends at `as_of`
/// when that is before the period's end.
///
/// Period 2026, as_of 2026-08-15: Q1 and Q2 are due, Q3 is not yet over.
/// A session on 2026-08-01 (Q3) covers neither.
#[test]
fn one_a_as_of_mid_year() {
    let none = one_a("2026-01-01", "2026-12-31", Some("2026-08-15"), "[]");
    assert_counts(&none, 2, 0, "4");
    assert_eq!(
        none.reason,
        format!("{L1A}：2次（2026年第一季度、2026年第二季度无记录），扣4分")
    );
    let q3 = one_a(
        "2026-01-01",
        "2026-12-31",
        Some("2026-08-15"),
        r#"["2026-08-01"]"#,
    );
    assert_counts(&q3, 2, 0, "4");
    // On the quarter's last day the quarter is due; the day before it is not.
    let q1_end = one_a("2026-01-01", "2026-12-31", Some("2026-03-31"), "[]");
    assert_counts(&q1_end, 1, 0, "2");
    let q1_not_over = one_a("2026-01-01", "2026-12-31", Some("2026-03-30"), "[]");
    assert_counts(&q1_not_over, 0, 0, "0");
}

/// Source: seed item 1; dates outside the window are ignored.
///
/// Period 2026 with sessions on 2025-12-30 (before), 2027-01-02 (after) and
/// in Q2, Q3, Q4: only Q1 is missing. A period ending 2026-11-30 does not
/// make Q4 due.
#[test]
fn one_a_dates_outside_the_window_are_ignored() {
    let got = one_a(
        "2026-01-01",
        "2026-12-31",
        None,
        r#"["2025-12-30", "2026-05-05", "2026-08-08", "2026-11-11", "2027-01-02"]"#,
    );
    assert_counts(&got, 1, 0, "2");
    assert_eq!(
        got.reason,
        format!("{L1A}：1次（2026年第一季度无记录），扣2分")
    );
    let short = one_a(
        "2026-01-01",
        "2026-11-30",
        None,
        r#"["2026-02-02", "2026-05-05", "2026-08-08"]"#,
    );
    assert_counts(&short, 0, 0, "0");
}

/// Source: seed item 1; the rule on context ("A rubric with date rules evaluated
/// without what they need is an error naming the rule").
#[test]
fn one_a_without_period_is_missing_context() {
    let rubric = ducha::seed::yuxi();
    for json in [
        r#"{"facts": {"1a": ["2026-03-12"]}}"#,
        r#"{"as_of": "2026-12-31", "facts": {"1a": ["2026-03-12"]}}"#,
        r#"{"facts": {"1a": []}}"#,
    ] {
        let err = eval_err(&rubric, json);
        assert_eq!(
            err.to_string(),
            "rule `1a` needs an assessment period (`period`)",
            "{json}"
        );
        assert!(matches!(err, EvalError::MissingContext { .. }), "{json}");
    }
    // The hand-counted forms need no period.
    let got = seed(r#"{"facts": {"1a": 2}}"#, "1a");
    assert_counts(&got, 2, 0, "4");
}

/// Source: seed item 1; the rule on hand-counted forms ("Every trigger also accepts the
/// already-counted form").
#[test]
fn one_a_hand_counted_forms() {
    assert_counts(&seed(&y2026("1a", "3"), "1a"), 3, 0, "6");
    assert_counts(&seed(&y2026("1a", "true"), "1a"), 1, 0, "2");
    assert_counts(&seed(&y2026("1a", "false"), "1a"), 0, 0, "0");
    let noted = seed(&y2026("1a", r#"[{"note": "第三季度未组织学习"}]"#), "1a");
    assert_counts(&noted, 1, 0, "2");
}

/// Source: seed item 1 and the rule on hand-counted forms ("a list of findings with notes,
/// so an inspection judged by hand keeps working unchanged"); design.md
/// ("Each finding's note appears in the reason").
///
/// One hand-recorded finding is one missed session: the reason shows the
/// note and nothing else. The library counts 1 breach (−2) but its reason
/// also claims all four quarters of 2026 "无记录", as if no dates had been
/// given: it treats a non-empty list of findings like the empty list `[]`.
#[test]
fn one_a_findings_reason_shows_only_the_notes() {
    let noted = seed(&y2026("1a", r#"[{"note": "第三季度未组织学习"}]"#), "1a");
    assert_counts(&noted, 1, 0, "2");
    assert_eq!(
        noted.reason,
        format!("{L1A}：1次（第三季度未组织学习），扣2分")
    );
}

// ---------------------------------------------------------------------------
// 3. A small rubric: monthly, half-yearly, yearly cadences; 30 calendar days
// ---------------------------------------------------------------------------

/// A rule labelled `label`, counting breaches in `unit`.
fn rule(rule_id: &str, label: &str, unit: &str, trigger: Trigger, penalty: Penalty) -> Rule {
    Rule::new(id(rule_id), label, trigger, penalty).with_unit(unit)
}

/// Four items of 20 points each, one rule each: `m` every month, `h` every
/// half-year, `y` every year (−1 per miss), `d` within 30 calendar days of
/// receipt (收到 → 办结), −1 each capped at 3.
fn small_rubric() -> Rubric {
    let per = Penalty::PerOccurrence {
        points: Points::whole(1),
    };
    let cadence = Trigger::cadence;
    let rules = vec![
        rule("m", "未按月报送", "次", cadence(Every::Month), per.clone()),
        rule(
            "h",
            "未每半年自查",
            "次",
            cadence(Every::HalfYear),
            per.clone(),
        ),
        rule("y", "未作年度总结", "次", cadence(Every::Year), per.clone()),
        rule(
            "d",
            "未在30日内办结",
            "起",
            Trigger::Deadline {
                within: Some(Within::Days(30)),
                after: "收到".to_owned(),
                action: "办结".to_owned(),
            },
            Penalty::Capped {
                points: Points::whole(1),
                cap: Points::whole(3),
            },
        ),
    ];
    let items = rules
        .into_iter()
        .map(|rule| {
            Item::new(
                id(&format!("i-{}", rule.id)),
                rule.id.to_string(),
                Points::whole(20),
            )
            .with_rules([rule])
        })
        .collect();
    Rubric::new(RubricSpec::new(
        id("small"),
        "小细则",
        Points::whole(80),
        vec![Indicator::with_items(
            id("G"),
            "日常工作",
            Points::whole(80),
            items,
        )],
    ))
    .unwrap()
}

/// The small rubric's inspection with a period, optional as_of and one fact.
fn small(from: &str, to: &str, as_of: Option<&str>, rule: &str, fact: &str) -> Got {
    let as_of = as_of.map_or(String::new(), |a| format!(r#""as_of": "{a}","#));
    eval(
        &small_rubric(),
        &format!(
            r#"{{"period": {{"from": "{from}", "to": "{to}"}}, {as_of} "facts": {{"{rule}": {fact}}}}}"#
        ),
        rule,
    )
}

/// Source: `Every::Month` ("每月"), a calendar month.
///
/// 2026-01 … 2026-06 with reports on 01-31, 03-01 and 06-30: February,
/// April and May missed (each month's first or last day counts for it).
#[test]
fn every_month() {
    let got = small(
        "2026-01-01",
        "2026-06-30",
        None,
        "m",
        r#"["2026-01-31", "2026-03-01", "2026-06-30"]"#,
    );
    assert_counts(&got, 3, 0, "3");
    assert_eq!(
        got.reason,
        "未按月报送：3次（2026年2月、2026年4月、2026年5月无记录），扣3分"
    );
    // Window 2026-01-15 … 2026-04-30: January is partial; February, March
    // and April are due.
    let mid = small("2026-01-15", "2026-04-30", None, "m", "[]");
    assert_eq!(
        mid.reason,
        "未按月报送：3次（2026年2月、2026年3月、2026年4月无记录），扣3分"
    );
    // as_of 2026-03-30: March not over, only January and February due.
    let early = small("2026-01-01", "2026-12-31", Some("2026-03-30"), "m", "[]");
    assert_eq!(
        early.reason,
        "未按月报送：2次（2026年1月、2026年2月无记录），扣2分"
    );
    // Across the year end: 2025-11, 2025-12, 2026-01, 2026-02 (2024 is not
    // involved; 2026-02 has 28 days and ends on the period's last day).
    let across = small("2025-11-01", "2026-02-28", None, "m", r#"["2025-12-31"]"#);
    assert_eq!(
        across.reason,
        "未按月报送：3次（2025年11月、2026年1月、2026年2月无记录），扣3分"
    );
    // The leap February 2024 ends on the 29th: a period ending 02-28 leaves
    // it partial, one ending 02-29 makes it due.
    let leap_partial = small("2024-02-01", "2024-02-28", None, "m", "[]");
    assert_counts(&leap_partial, 0, 0, "0");
    let leap_whole = small("2024-02-01", "2024-02-29", None, "m", "[]");
    assert_eq!(
        leap_whole.reason,
        "未按月报送：1次（2024年2月无记录），扣1分"
    );
}

/// Source: `Every::HalfYear` ("每半年"): January–June, July–December.
#[test]
fn every_half_year() {
    let got = small("2025-07-01", "2026-12-31", None, "h", r#"["2026-06-30"]"#);
    assert_counts(&got, 2, 0, "2");
    assert_eq!(
        got.reason,
        "未每半年自查：2次（2025年下半年、2026年下半年无记录），扣2分"
    );
    // Window from 2026-03-01: the first half is partial, only the second due.
    let partial = small("2026-03-01", "2026-12-31", None, "h", "[]");
    assert_eq!(
        partial.reason,
        "未每半年自查：1次（2026年下半年无记录），扣1分"
    );
    // as_of 2026-12-30: the second half is not over, the first is covered.
    let early = small(
        "2026-01-01",
        "2026-12-31",
        Some("2026-12-30"),
        "h",
        r#"["2026-01-01"]"#,
    );
    assert_counts(&early, 0, 0, "0");
}

/// Source: `Every::Year` ("每年"): a calendar year.
///
/// Period 2024-01-01 … 2026-06-30 with a summary on 2024-12-31: 2025 missed,
/// 2026 partial (not due).
#[test]
fn every_year() {
    let got = small("2024-01-01", "2026-06-30", None, "y", r#"["2024-12-31"]"#);
    assert_counts(&got, 1, 0, "1");
    assert_eq!(got.reason, "未作年度总结：1次（2025年无记录），扣1分");
    let none = small("2024-01-01", "2026-12-31", None, "y", "[]");
    assert_eq!(
        none.reason,
        "未作年度总结：3次（2024年、2025年、2026年无记录），扣3分"
    );
    // A window starting on 01-02 leaves that year partial.
    let late_start = small("2026-01-02", "2026-12-31", None, "y", "[]");
    assert_counts(&late_start, 0, 0, "0");
}

/// Source: `Within::Days` ("the n-th calendar day after the start date").
///
/// Received 2026-02-15: February 2026 has 28 days, so +30 = 03-17 (02-15 +
/// 13 = 02-28, + 17 = 03-17). Done 03-20: 3 days late (03-18, 03-19, 03-20).
/// Received 2026-11-20, +30 = 12-20 (11-20 + 10 = 11-30, + 20 = 12-20); not
/// done at the period's end 12-31: 11 days overdue.
#[test]
fn within_thirty_calendar_days() {
    let on_due = small(
        "2026-01-01",
        "2026-12-31",
        None,
        "d",
        r#"[{"start": "2026-02-15", "done": "2026-03-17"}]"#,
    );
    assert_counts(&on_due, 0, 0, "0");
    let got = small(
        "2026-01-01",
        "2026-12-31",
        None,
        "d",
        r#"[{"start": "2026-02-15", "done": "2026-03-20"}, {"start": "2026-11-20"}]"#,
    );
    assert_counts(&got, 2, 0, "2");
    assert_eq!(
        got.reason,
        "未在30日内办结：2起（2026-02-15收到，应于2026-03-17前办结，2026-03-20办结，逾期3天；2026-11-20收到，应于2026-12-20前办结，截至2026-12-31未办结，已逾期11天），扣2分"
    );
    // In the leap year 2024, 02-15 + 30 = 03-16 (02-15 + 14 = 02-29, + 16 =
    // 03-16): done 03-17 is 1 day late.
    let leap = small(
        "2024-01-01",
        "2024-12-31",
        None,
        "d",
        r#"[{"start": "2024-02-15", "done": "2024-03-16"}, {"start": "2024-02-15", "done": "2024-03-17"}]"#,
    );
    assert_counts(&leap, 1, 0, "1");
    assert_eq!(
        leap.reason,
        "未在30日内办结：1起（2024-02-15收到，应于2024-03-16前办结，2024-03-17办结，逾期1天），扣1分"
    );
    // Pending: 2026-12-10 + 30 = 2027-01-09, after the period's end.
    let pending = small(
        "2026-01-01",
        "2026-12-31",
        None,
        "d",
        r#"[{"start": "2026-12-10"}]"#,
    );
    assert_counts(&pending, 0, 1, "0");
}

/// Source: `Within::Days` counts calendar days, so it needs no working-day
/// calendar: with an empty `Calendar::new()` and in 2030 (no notice), a
/// case received 2030-01-01 is due 01-31 and done 02-02 is 2 days late.
#[test]
fn within_days_needs_no_calendar() {
    let rubric = small_rubric().with_calendar(Calendar::new());
    let got = eval(
        &rubric,
        r#"{"period": {"from": "2030-01-01", "to": "2030-12-31"},
            "facts": {"d": [{"start": "2030-01-01", "done": "2030-02-02"}]}}"#,
        "d",
    );
    assert_counts(&got, 1, 0, "1");
    assert_eq!(
        got.reason,
        "未在30日内办结：1起（2030-01-01收到，应于2030-01-31前办结，2030-02-02办结，逾期2天），扣1分"
    );
    // A cadence needs no calendar either.
    let months = eval(
        &rubric,
        r#"{"period": {"from": "2030-01-01", "to": "2030-03-31"}, "facts": {"m": []}}"#,
        "m",
    );
    assert_counts(&months, 3, 0, "3");
}

/// Source: the calendar rule: a working-day rule on a calendar that lacks the
/// year is an error naming it — the seed's 7a on an empty calendar.
#[test]
fn working_days_on_an_empty_calendar_is_an_error() {
    let rubric = ducha::seed::yuxi().with_calendar(Calendar::new());
    assert_eq!(
        eval_err(
            &rubric,
            &y2026("7a", r#"[{"start": "2026-09-24", "done": "2026-10-01"}]"#)
        )
        .to_string(),
        "rule `7a`: the calendar does not know the year `2026`"
    );
}

// ---------------------------------------------------------------------------
// 4. Error texts
// ---------------------------------------------------------------------------

/// Source: `EvalError::InvalidCase` ("The case's position in the list, from
/// 1") and the case semantics of `Trigger::Deadline`.
#[test]
fn malformed_cases_are_invalid_case_errors() {
    let rubric = ducha::seed::yuxi();
    let err = |rule: &str, fact: &str| eval_err(&rubric, &y2026(rule, fact)).to_string();

    // Both `start` and `due`, third case.
    assert_eq!(
        err(
            "7a",
            r#"[{"start": "2026-02-10", "done": "2026-03-16"},
                {"start": "2026-02-10", "done": "2026-03-16"},
                {"start": "2026-02-10", "due": "2026-03-16"}]"#
        ),
        "rule `7a`, case 3: give `start` or `due`, not both"
    );
    // Neither: a case with only a `done` date (and a note), second case.
    assert_eq!(
        err(
            "7a",
            r#"[{"start": "2026-02-10"}, {"done": "2026-03-16", "note": "某校"}]"#
        ),
        "rule `7a`, case 2: give `start` or `due`"
    );
    // A `start` on a rule with no time limit of its own.
    assert_eq!(
        err("3a", r#"[{"start": "2026-02-10", "done": "2026-03-16"}]"#),
        "rule `3a`, case 1: has a `start` but the rule sets no time limit; give `due`"
    );
    assert_eq!(
        err(
            "13b",
            r#"[{"due": "2026-04-10", "done": "2026-04-09"}, {"start": "2026-06-01"}]"#
        ),
        "rule `13b`, case 2: has a `start` but the rule sets no time limit; give `due`"
    );
    // The variant carries the rule and the 1-based position.
    assert_eq!(
        eval_err(
            &rubric,
            &y2026("4a", r#"[{"due": "2026-02-28", "start": "2026-01-01"}]"#)
        ),
        EvalError::InvalidCase {
            rule: id("4a"),
            case: 1,
            problem: ducha::CaseProblem::StartAndDue,
        }
    );
}

/// Source: `EvalError::MissingContext`: a deadline case not done needs an
/// assessment date (`as_of`, or the period's end).
#[test]
fn deadline_case_not_done_without_as_of_or_period() {
    let rubric = ducha::seed::yuxi();
    let err = eval_err(&rubric, r#"{"facts": {"7a": [{"start": "2026-09-24"}]}}"#);
    assert_eq!(
        err.to_string(),
        "rule `7a` needs an assessment date (`as_of` or `period`) for cases not done"
    );
    assert_eq!(
        err,
        EvalError::MissingContext {
            rule: id("7a"),
            needs: ducha::Needs::AsOf,
        }
    );
    assert_eq!(
        eval_err(&rubric, r#"{"facts": {"3a": [{"due": "2026-03-31"}]}}"#).to_string(),
        "rule `3a` needs an assessment date (`as_of` or `period`) for cases not done"
    );
}

/// Source: `Trigger::expects` and `EvalError::WrongFactType` ("a fact of the
/// wrong type for its rule is an error that names the rule and the expected
/// type", design.md).
#[test]
fn wrong_fact_types_for_date_triggers() {
    let rubric = ducha::seed::yuxi();
    let expects = |rule: &str| rubric.rule(rule).unwrap().trigger.expects();
    assert_eq!(
        expects("7a"),
        "cases (a list of {start or due, done}), or a count, flag or findings"
    );
    assert_eq!(
        expects("1a"),
        "dates (a list of YYYY-MM-DD), or a count, flag or findings"
    );
    assert_eq!(
        expects("12a"),
        "a measured value (a decimal or a percentage), or true/false or findings"
    );

    let err = |rule: &str, fact: &str| eval_err(&rubric, &y2026(rule, fact)).to_string();
    assert_eq!(
        err("7a", r#"["2026-09-24", "2026-11-03"]"#),
        "rule `7a` expects cases (a list of {start or due, done}), or a count, flag or findings, got a list of dates"
    );
    assert_eq!(
        err("7a", r#""0.5""#),
        "rule `7a` expects cases (a list of {start or due, done}), or a count, flag or findings, got a measured value"
    );
    assert_eq!(
        err("1a", r#"[{"due": "2026-03-31", "done": "2026-03-30"}]"#),
        "rule `1a` expects dates (a list of YYYY-MM-DD), or a count, flag or findings, got a list of cases"
    );
    assert_eq!(
        err("12a", r#"["2026-03-31"]"#),
        "rule `12a` expects a measured value (a decimal or a percentage), or true/false or findings, got a list of dates"
    );
    assert_eq!(
        err("12a", r#"[{"start": "2026-03-01"}]"#),
        "rule `12a` expects a measured value (a decimal or a percentage), or true/false or findings, got a list of cases"
    );
    // A flag rule does not read dates or cases either.
    assert_eq!(
        err("2a", r#"["2026-03-31"]"#),
        "rule `2a` expects a flag (true, false or one finding), got a list of dates"
    );
    assert_eq!(
        err("6a", r#"[{"due": "2026-03-31"}]"#),
        "rule `6a` expects a count (a whole number or a list of findings), got a list of cases"
    );
}

/// Source: `Fact` docs ("a list may not mix dates, findings and cases") and
/// design.md ("Dates are `YYYY-MM-DD`").
#[test]
fn json_errors_for_lists_and_dates() {
    assert_eq!(
        json_error(r#"{"facts": {"1a": ["2026-03-12", {"note": "补记"}]}}"#),
        "a list mixes dates with a finding"
    );
    assert_eq!(
        json_error(r#"{"facts": {"1a": [{"note": "补记"}, "2026-03-12"]}}"#),
        "a list mixes findings with a date"
    );
    assert_eq!(
        json_error(r#"{"facts": {"7a": [{"start": "2026-01-05"}, "2026-03-12"]}}"#),
        "a list mixes cases with a date"
    );
    assert_eq!(
        json_error(r#"{"facts": {"7a": [{"note": "x"}, {"start": "2026-01-05"}]}}"#),
        "a list mixes findings with a case"
    );
    // Dates in a list: a real calendar date, written exactly YYYY-MM-DD.
    assert_eq!(
        json_error(r#"{"facts": {"1a": ["2026-02-30"]}}"#),
        "invalid date `2026-02-30`, expected `YYYY-MM-DD`"
    );
    assert_eq!(
        json_error(r#"{"facts": {"1a": ["2026-3-12"]}}"#),
        "invalid date `2026-3-12`, expected `YYYY-MM-DD`"
    );
    assert_eq!(
        json_error(r#"{"facts": {"1a": ["2025-02-29"]}}"#),
        "invalid date `2025-02-29`, expected `YYYY-MM-DD`"
    );
    // 2024-02-29 exists.
    assert!(serde_json::from_str::<Inspection>(r#"{"facts": {"1a": ["2024-02-29"]}}"#).is_ok());
    // A case with an unknown field.
    assert_eq!(
        json_error(r#"{"facts": {"7a": [{"start": "2026-03-01", "finished": "2026-03-02"}]}}"#),
        "unknown field `finished`, expected one of `start`, `due`, `done`, `note`, `amount`, `multiplier`, `exempt`"
    );
    // A period that ends before it starts.
    assert_eq!(
        json_error(r#"{"period": {"from": "2026-12-31", "to": "2026-01-01"}, "facts": {}}"#),
        "period ends `2026-01-01` before it starts `2026-12-31`"
    );
}

/// Source: design.md, "Dates are `YYYY-MM-DD`", and the `Case` docs.
///
/// Every date of an inspection (a case's `start`, `due` and `done`, `as_of`,
/// the `period`'s ends, a date list) is a real date written exactly
/// `YYYY-MM-DD`, and the error names the text. (A first look at this crate
/// found case, `as_of` and `period` dates read with chrono's lenient parser,
/// accepting `2026-3-1`, `+2026-03-01` and ` 2026-03-01`, and an impossible
/// case date reported as a bare `input is out of range`; these pin the fix.)
#[test]
fn dates_are_written_exactly_yyyy_mm_dd_everywhere() {
    for (json, bad) in [
        (r#"{"facts": {"7a": [{"start": "2026-3-1"}]}}"#, "2026-3-1"),
        (
            r#"{"facts": {"7a": [{"start": "+2026-03-01"}]}}"#,
            "+2026-03-01",
        ),
        (
            r#"{"facts": {"7a": [{"start": " 2026-03-01"}]}}"#,
            " 2026-03-01",
        ),
        (
            r#"{"facts": {"7a": [{"start": "2026-02-30"}]}}"#,
            "2026-02-30",
        ),
        (r#"{"facts": {"3a": [{"due": "2026-3-31"}]}}"#, "2026-3-31"),
        (
            r#"{"facts": {"3a": [{"due": "2026-03-31", "done": "2026-4-1"}]}}"#,
            "2026-4-1",
        ),
        (r#"{"as_of": "2026-3-1", "facts": {}}"#, "2026-3-1"),
        (r#"{"as_of": "2026-13-01", "facts": {}}"#, "2026-13-01"),
        (
            r#"{"period": {"from": "2026-1-1", "to": "2026-12-31"}, "facts": {}}"#,
            "2026-1-1",
        ),
        (
            r#"{"period": {"from": "2026-01-01", "to": "2026-12-32"}, "facts": {}}"#,
            "2026-12-32",
        ),
        (r#"{"facts": {"1a": ["+2026-03-12"]}}"#, "+2026-03-12"),
    ] {
        assert_eq!(
            json_error(json),
            format!("invalid date `{bad}`, expected `YYYY-MM-DD`"),
            "{json}"
        );
    }
}

/// Source: seed item 7; 2026.json. Start Thu 2026-12-10: (12-10, 12-30]
/// holds 12-11, 12-14…18, 12-21…25, 12-28…30 = 1 + 5 + 5 + 3 = 14 working
/// days, fewer than 20, so a case done 12-30 is on time and one not done by
/// the period's end (12-31, 15 working days) is pending, though the due
/// date itself falls in 2027, which the built-in calendar does not know.
#[test]
fn judged_before_the_limit_needs_no_later_year() {
    let done = seed(
        &y2026("7a", r#"[{"start": "2026-12-10", "done": "2026-12-30"}]"#),
        "7a",
    );
    assert_counts(&done, 0, 0, "0");
    let open = seed(&y2026("7a", r#"[{"start": "2026-12-10"}]"#), "7a");
    assert_counts(&open, 0, 1, "0");
    // Done after the 20th working day, the due date is needed: 2027.
    let rubric = ducha::seed::yuxi();
    let inspection: ducha::Inspection = serde_json::from_str(&y2026(
        "7a",
        r#"[{"start": "2026-12-10", "done": "2027-01-20"}]"#,
    ))
    .unwrap();
    assert_eq!(
        rubric.evaluate(&inspection).unwrap_err().to_string(),
        "rule `7a`: the calendar does not know the year `2027`"
    );
}

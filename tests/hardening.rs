//! The right number or a clear error, on every input: one regression test
//! for each defect that hostile testing found (silent wrong answers, valid
//! input refused or refused with the wrong code, output that grew faster
//! than the input, strictness that a public path skipped). Each test states
//! the rule it pins, and failed before the fix.
use ducha::json::{Engine, ErrorCode, JsonError};
use ducha::{Fact, Inspection};
use serde_json::{Value, json};

use crate::common::dec;
use crate::common::json::{card, one_rule, rule};

fn seed() -> Engine {
    Engine::seed()
}

fn err(engine: &Engine, inspection: &str) -> JsonError {
    engine
        .evaluate(inspection)
        .err()
        .unwrap_or_else(|| panic!("{inspection}: expected an error"))
}

/// The penalty of the one-rule rubrics here: 2 points once.
fn flat_2() -> Value {
    json!({ "kind": "flat", "points": "2" })
}

/// The measured value an inspection's fact for `12a` was read as.
fn measure_of(text: &str) -> Fact {
    let inspection: Inspection = ducha::json::from_str(text).unwrap();
    inspection.facts().get("12a").cloned().unwrap()
}

// ------------------------------------------------- 1. numbers, exactly

/// A JSON number is read from its literal digits: a rate just below 100 %
/// is a breach, never rounded up to 1 through a binary float.
#[test]
fn numbers_just_below_one_are_below_one() {
    for number in ["0.99999999999999999", "0.9999999999999999"] {
        let text = format!(r#"{{"facts":{{"12a":{number}}}}}"#);
        assert_eq!(card(&seed(), &text)["score"], "95", "{number}");
        assert_eq!(measure_of(&text), Fact::Measure(dec(number)), "{number}");
        // The same as a string, alike.
        let quoted = format!(r#"{{"facts":{{"12a":"{number}"}}}}"#);
        assert_eq!(card(&seed(), &quoted)["score"], "95", "{number} quoted");
    }
    let text = r#"{"facts":{"12a":0.95000000000000001}}"#;
    assert_eq!(
        measure_of(text),
        Fact::Measure(dec("0.95000000000000001")),
        "not 0.95"
    );
}

/// Short numbers that a double cannot hold exactly are read exactly, not
/// refused with digits nobody wrote.
#[test]
fn short_numbers_are_read_as_written() {
    let cases = [
        ("0.00000000049811177289926", "0.00000000049811177289926"),
        ("1e-23", "0.00000000000000000000001"),
        ("218522947e-23", "0.00000000000000218522947"),
        ("7183e24", "7183000000000000000000000000"),
        ("-1.5e1", "-15"),
    ];
    for (number, exact) in cases {
        assert_eq!(
            measure_of(&format!(r#"{{"facts":{{"12a":{number}}}}}"#)),
            Fact::Measure(dec(exact)),
            "{number}"
        );
    }
}

/// A number no decimal holds exactly is refused, quoting what was written.
#[test]
fn unrepresentable_numbers_are_refused_quoted() {
    for number in ["1e-40", "1e29", "0.12345678901234567890123456789"] {
        let e = err(&seed(), &format!(r#"{{"facts":{{"12a":{number}}}}}"#));
        assert_eq!(e.code, ErrorCode::Invalid, "{number}");
        assert_eq!(e.path.as_deref(), Some("facts.12a"), "{number}");
        assert!(
            e.message
                .starts_with(&format!("number `{number}` cannot be represented exactly")),
            "{number}: {}",
            e.message
        );
    }
}

// ------------------------------------------------- 2. cases without dates

/// Jackson and System.Text.Json write absent fields as `null`: such an
/// object is a case, and a case with neither `start` nor `due` is an
/// error, never a finding that silently costs a point.
#[test]
fn dateless_cases_are_invalid_cases() {
    for case in [
        "{}",
        r#"{"start":null,"due":null,"done":null}"#,
        r#"{"done":null,"note":"甲"}"#,
    ] {
        let e = err(&seed(), &format!(r#"{{"facts":{{"7a":[{case}]}}}}"#));
        assert_eq!(e.code, ErrorCode::InvalidCase, "{case}: {}", e.to_json());
        assert_eq!(
            e.message, "rule `7a`, case 1: give `start` or `due`",
            "{case}"
        );
    }
    // A null `done` beside a start is simply not done.
    let text =
        r#"{"as_of":"2026-06-01","facts":{"7a":[{"start":"2026-05-20","due":null,"done":null}]}}"#;
    let card = card(&seed(), text);
    assert_eq!(rule(&card, "7a")["pending"], 1, "not yet due");
}

// ------------------------------------------------- 3. the year end

/// An annual assessment made in January, before the new year's holidays
/// are known: a case overdue since June is a breach; the reason counts the
/// working days it can and says so.
///
/// Due: 20 working days after Fri 2026-05-08 (tests/data/calendar/cn/2026.json:
/// make-up Sat 05-09) is Thu 2026-06-04. Working days after 06-04 to
/// 2026-12-31, by month: June 17 (端午 06-19 off), July 23, August 21,
/// September 22 (中秋 09-25 off, make-up Sun 09-20), October 18 (国庆
/// 10-01, 02, 05, 06, 07 off, make-up Sat 10-10), November 21, December 23:
/// 145. Then 2027-01-01 … 01-15: 15 calendar days.
#[test]
fn overdue_into_an_unknown_year_is_a_breach() {
    let text = r#"{"period":{"from":"2026-01-01","to":"2026-12-31"},"as_of":"2027-01-15",
        "facts":{"7a":[{"start":"2026-05-08"}]}}"#;
    let card = card(&seed(), text);
    let r = rule(&card, "7a");
    assert_eq!(r["breaches"], 1);
    assert_eq!(
        r["reason"],
        "抽查任务完成后20个工作日内未公示抽查检查结果：1起（2026-05-08完成，应于2026-06-04前公示，截至2027-01-15未公示，已逾期至少145个工作日：计至2026-12-31，2027年节假日安排未知，其后15天未按工作日计），扣1分"
    );
}

/// The same for a case done in the unknown year after a known due date:
/// 11e, 20 working days after Tue 2026-12-01 is Tue 2026-12-29; done
/// 2027-01-04: 12-30 and 12-31 are working days (2), then 4 calendar days.
#[test]
fn done_in_an_unknown_year_after_a_known_due_date_is_late() {
    let text = r#"{"facts":{"11e":[{"start":"2026-12-01","done":"2027-01-04"}]}}"#;
    let card = card(&seed(), text);
    assert_eq!(
        rule(&card, "11e")["reason"],
        "未全量归集本科室产生的许可信息：1起（2026-12-01产生，应于2026-12-29前录入，2027-01-04录入，逾期至少2个工作日：计至2026-12-31，2027年节假日安排未知，其后4天未按工作日计），扣1分"
    );
    // Due on the last known day: no working day of lateness is known.
    let text = r#"{"facts":{"11e":[{"due":"2026-12-31","done":"2027-01-04"}]}}"#;
    assert_eq!(
        rule(&card_of(text), "11e")["reason"],
        "未全量归集本科室产生的许可信息：1起（应于2026-12-31前录入，2027-01-04录入，逾期4天：2027年节假日安排未知，按日历天计），扣1分"
    );
}

fn card_of(text: &str) -> Value {
    card(&seed(), text)
}

/// Where the answer itself needs the unknown year, it is still an error:
/// the due date (20 working days after 2026-12-20) falls in 2027.
#[test]
fn a_due_date_in_an_unknown_year_is_still_an_error() {
    let e = err(
        &seed(),
        r#"{"facts":{"7a":[{"start":"2026-12-20","done":"2027-01-29"}]}}"#,
    );
    assert_eq!(e.code, ErrorCode::Calendar);
}

// ------------------------------------------------- 3b. measures have domains

/// An inspector's `96` meaning 96 % is refused for a ratio, naming the
/// rule, the value and the domain; `"96%"` is read as 0.96.
#[test]
fn a_percentage_is_not_a_ratio_of_96() {
    let e = err(&seed(), r#"{"facts":{"12a":96}}"#);
    assert_eq!(e.code, ErrorCode::OutOfDomain);
    assert_eq!(e.id.as_deref(), Some("12a"));
    assert_eq!(
        e.message,
        "rule `12a` reads a ratio from 0 to 1 (or a percentage such as `96%`), got `96`"
    );
    let e = err(&seed(), r#"{"facts":{"12a":"101%"}}"#);
    assert_eq!(
        e.message,
        "rule `12a` reads a ratio from 0 to 1 (or a percentage such as `96%`), got `101%`"
    );
    let card = card_of(r#"{"facts":{"12a":"96%"}}"#);
    assert_eq!(
        rule(&card, "12a")["reason"],
        "检查实施清单完善率未达到100%（实测96%，应达到100%），扣5分"
    );
    assert_eq!(card_of(r#"{"facts":{"12a":"100%"}}"#)["score"], "100");
}

/// Each measure has its domain, and a minimum outside it is refused when
/// the rubric loads.
#[test]
fn measures_and_their_minimums() {
    let load = |measure: &str, min: &str| {
        Engine::load(&one_rule(
            json!({"kind": "threshold", "min": min, "measure": measure}),
            flat_2(),
            "10",
        ))
    };
    let percent = load("percent", "90").unwrap();
    assert_eq!(
        rule(&card(&percent, r#"{"facts":{"1a":87.5}}"#), "1a")["reason"],
        "未达标（实测87.5%，应达到90%），扣2分"
    );
    assert_eq!(
        rule(&card(&percent, r#"{"facts":{"1a":"87.5%"}}"#), "1a")["breaches"],
        1
    );
    assert_eq!(
        err(&percent, r#"{"facts":{"1a":120}}"#).message,
        "rule `1a` reads a percentage from 0 to 100, got `120`"
    );
    let count = load("count", "5").unwrap();
    assert_eq!(
        rule(&card(&count, r#"{"facts":{"1a":3}}"#), "1a")["reason"],
        "未达标（实测3，应达到5），扣2分"
    );
    assert_eq!(
        err(&count, r#"{"facts":{"1a":"3%"}}"#).code,
        ErrorCode::WrongFactType
    );
    assert_eq!(
        err(&count, r#"{"facts":{"1a":2.5}}"#).code,
        ErrorCode::OutOfDomain
    );
    for (measure, min) in [("ratio", "1.5"), ("percent", "101"), ("count", "0.5")] {
        let e = load(measure, min).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidRubric, "{measure} {min}");
        assert_eq!(e.id.as_deref(), Some("1a"));
        assert!(
            e.message.starts_with(&format!(
                "rule `1a`: minimum `{min}` is outside its measure"
            )),
            "{}",
            e.message
        );
    }
    assert!(load("amount", "-3").is_ok(), "an amount may be negative");
}

// ------------------------------------------------- 4. wrong shapes are `invalid`

/// Well-formed JSON of the wrong shape is `invalid` with a path, never
/// `syntax` (which means: not JSON).
#[test]
fn wrong_shapes_are_invalid_with_a_path() {
    let cases = [
        (
            json!({"kind": "deadline", "within": {"days": 1, "working_days": 1}}),
            "a time limit gives exactly one of `working_days` or `days`",
        ),
        (
            json!({"kind": "deadline", "within": {}}),
            "a time limit gives exactly one of `working_days` or `days`",
        ),
        (
            json!({"kind": "deadline", "within": ["days", 1]}),
            "invalid type: sequence, expected a time limit object",
        ),
        (json!({"kind": 5}), "invalid type: integer `5`"),
        (json!({"kind": null}), "invalid type: null"),
        (
            json!({"kind": "cadence", "every": 5}),
            "invalid type: integer `5`",
        ),
    ];
    for (trigger, message) in cases {
        let e = Engine::load(&one_rule(trigger.clone(), flat_2(), "10")).unwrap_err();
        assert_eq!(e.code, ErrorCode::Invalid, "{trigger}: {}", e.to_json());
        assert!(
            e.path
                .as_deref()
                .is_some_and(|p| p.starts_with("indicators[0].items[0].rules[0].trigger")),
            "{trigger}: {:?}",
            e.path
        );
        assert!(e.message.starts_with(message), "{trigger}: {}", e.message);
    }
}

// ------------------------------------------------- 5. time limits are bounded

/// A time limit longer than ten years is refused when the rubric loads,
/// naming the rule, instead of making every case an error.
#[test]
fn time_limits_are_bounded_at_load() {
    let e = Engine::load(&one_rule(
        json!({"kind": "deadline", "within": {"days": 4_294_967_295u32}}),
        flat_2(),
        "10",
    ))
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidRubric);
    assert_eq!(e.id.as_deref(), Some("1a"));
    assert_eq!(
        e.message,
        "rule `1a`: a time limit of 4294967295 days is longer than the 3660 allowed"
    );
    let longest = Engine::load(&one_rule(
        json!({"kind": "deadline", "within": {"working_days": 3660}}),
        flat_2(),
        "10",
    ));
    assert!(longest.is_ok(), "3660 is allowed");
}

// ------------------------------------------------- 6. negative numbers

/// A negative whole number is a measured value like `-1.5`; the rule says
/// what it accepts.
#[test]
fn negative_whole_numbers_are_measures() {
    let amount = Engine::load(&one_rule(
        json!({"kind": "threshold", "min": "-1", "measure": "amount"}),
        flat_2(),
        "10",
    ))
    .unwrap();
    for (value, breaches) in [("-2", 1), ("\"-2\"", 1), ("-1.5", 1), ("-1", 0), ("0", 0)] {
        let card = card(&amount, &format!(r#"{{"facts":{{"1a":{value}}}}}"#));
        assert_eq!(rule(&card, "1a")["breaches"], breaches, "{value}");
    }
    let e = err(&seed(), r#"{"facts":{"6a":-2}}"#);
    assert_eq!(e.code, ErrorCode::OutOfDomain);
    assert_eq!(
        e.message,
        "rule `6a` reads a whole number from 0 to 18446744073709551615, got `-2`"
    );
}

// ------------------------------------------------- 7. byte-order mark

/// A UTF-8 byte-order mark at the start is skipped (RFC 8259, 8.1).
#[test]
fn a_byte_order_mark_is_skipped() {
    let card = card_of("\u{feff}{\"facts\":{\"2b\":true}}");
    assert_eq!(card["score"], "97.5");
    let rubric = format!(
        "\u{feff}{}",
        one_rule(json!({"kind": "flag"}), flat_2(), "10")
    );
    assert!(Engine::load(&rubric).is_ok());
    // Only at the start.
    assert_eq!(
        err(&seed(), "{\"facts\":\u{feff}{}}").code,
        ErrorCode::Syntax
    );
}

// ------------------------------------------------- 8. nesting

/// Nesting is checked as the input is read: too deep is `limit`, unless
/// the shape was refused on the way down (documented in the README and
/// `ducha.h`).
#[test]
fn nesting_codes_agree_with_the_docs() {
    // A list where a date belongs: refused at that list.
    for depth in [200, 100_000] {
        let text = format!(
            r#"{{"facts":{{"1a":{}{}}}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let e = err(&seed(), &text);
        assert_eq!(e.code, ErrorCode::Invalid, "{depth}");
        assert_eq!(e.path.as_deref(), Some("facts.1a[0]"), "{depth}");
    }
    // Indicators nested 64 deep are 129 levels of JSON: `limit`.
    let mut indicator = json!({"id": "x64", "name": "n", "points": "1", "items": []});
    for level in (0..64).rev() {
        indicator = json!({"id": format!("x{level}"), "name": "n", "points": "1", "indicators": [indicator]});
    }
    let rubric = json!({"id": "r", "title": "t", "total": "1", "indicators": [indicator]});
    let e = Engine::load(&rubric.to_string()).unwrap_err();
    assert_eq!(e.code, ErrorCode::Limit, "{}", e.message);
    assert!(
        e.message
            .starts_with("nesting deeper than 127 arrays and objects"),
        "{}",
        e.message
    );
}

// ------------------------------------------------- 9. cadence cost

/// A cadence over the widest window counts from the dates: every month of
/// 0001-01 … 9999-12 but the one hit is missed, and the reason names twelve.
#[test]
fn cadence_over_the_widest_window() {
    let engine = Engine::load(&one_rule(
        json!({"kind": "cadence", "every": "month"}),
        flat_2(),
        "10",
    ))
    .unwrap();
    let text =
        r#"{"period":{"from":"0001-01-01","to":"9999-12-31"},"facts":{"1a":["5000-06-15"]}}"#;
    let r = rule(&card(&engine, text), "1a").clone();
    assert_eq!(r["breaches"], 9999 * 12 - 1);
    assert_eq!(
        r["reason"],
        "未达标：119987起（1年1月、1年2月、1年3月、1年4月、1年5月、1年6月、1年7月、1年8月、1年9月、1年10月、1年11月、1年12月等119987个月无记录），扣2分"
    );
}

// ------------------------------------------------- 10. output bound

/// Output grows with the input, never faster: a long note is quoted up to
/// 100 characters, and a reason names at most 12 cases or findings.
#[test]
fn output_is_bounded_by_the_input() {
    let note = "很长的备注".repeat(200_000); // 3 MB
    let text = json!({"facts": {"8a": [{"note": note}]}}).to_string();
    let out = seed().evaluate(&text).unwrap();
    assert!(
        out.len() < 16 * 1024,
        "{} bytes out for {} in",
        out.len(),
        text.len()
    );
    let card: Value = serde_json::from_str(&out).unwrap();
    let reason = rule(&card, "8a")["reason"].as_str().unwrap().to_owned();
    assert!(reason.contains(&format!("{}…", &note[..300])), "{reason}");

    // 20,000 overdue cases: twelve named, the rest counted.
    let cases: Vec<Value> = (0..20_000)
        .map(|i| json!({"due": "2026-03-31", "note": format!("第{i}项")}))
        .collect();
    let text = json!({"as_of": "2026-12-31", "facts": {"3a": cases}}).to_string();
    let out = seed().evaluate(&text).unwrap();
    assert!(
        out.len() < 32 * 1024,
        "{} bytes out for {} in",
        out.len(),
        text.len()
    );
    let card: Value = serde_json::from_str(&out).unwrap();
    let reason = rule(&card, "3a")["reason"].as_str().unwrap();
    assert!(reason.contains("第11项：应于2026-03-31前报送"), "{reason}");
    assert!(!reason.contains("第12项"), "{reason}");
    assert!(reason.contains("；其余19988起从略）"), "{reason}");

    // Thirteen findings: twelve notes and the count of the rest.
    let findings: Vec<Value> = (1..=13)
        .map(|i| json!({"note": format!("问题{i}")}))
        .collect();
    let card = card_of(&json!({"facts": {"8a": findings}}).to_string());
    let reason = rule(&card, "8a")["reason"].as_str().unwrap();
    assert!(
        reason.ends_with("问题12；其余1条从略），扣13分，超过上限按5分扣"),
        "{reason}"
    );
}

// ------------------------------------------------- 12. no public path skips strictness

/// The strict reading is the only one: `Inspection::deserialize` (the
/// trait's, there is no other) refuses an array, with any deserializer.
#[test]
fn inspection_deserialize_refuses_arrays() {
    use serde::Deserialize as _;
    let mut de = serde_json::Deserializer::from_str(r#"[null,null,null,{"2b":true}]"#);
    let err = Inspection::deserialize(&mut de).unwrap_err().to_string();
    assert!(
        err.starts_with("invalid type: sequence, expected an inspection object"),
        "{err}"
    );
}

// ------------------------------------------------- small messages

/// A lone surrogate is named as such.
#[test]
fn a_lone_surrogate_is_named() {
    let e = err(&seed(), r#"{"facts":{"8a":[{"note":"\ud800"}]}}"#);
    assert_eq!(e.code, ErrorCode::Syntax);
    assert!(
        e.message.starts_with(
            "lone surrogate `\\ud800`: a JSON string cannot hold half of a UTF-16 pair"
        ),
        "{}",
        e.message
    );
    // A proper pair is a character.
    let card = card_of(r#"{"facts":{"8a":[{"note":"\ud83d\ude00"}]}}"#);
    assert!(rule(&card, "8a")["reason"].as_str().unwrap().contains('😀'));
}

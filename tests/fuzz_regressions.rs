//! Hostile input for the JSON surface, through the public API: nesting at
//! and above [`MAX_NESTING`], inputs at and above [`MAX_INPUT_BYTES`], long
//! date lists and assessment windows, many cases, deductions that overflow,
//! and what the fuzz targets in `fuzz/` (see `fuzz/ci.sh`) and the review
//! around them found, one test each (`#[ignore = "bug: …"]` until fixed).
//! Each asserts what the answer is, never how long it takes; none may panic.
//! A crash that fuzzing finds goes here, minimised (`cargo fuzz tmin`).
use ducha::json::{self, Engine, ErrorCode, JsonError, MAX_INPUT_BYTES, MAX_NESTING};
use serde_json::{Value, json};

use crate::common::json::{card, one_rule, rule};

fn code(result: Result<impl std::fmt::Debug, JsonError>) -> ErrorCode {
    result.unwrap_err().code
}

// ------------------------------------------------------------------ nesting

/// `inner` wrapped in `levels` arrays.
fn nested(levels: usize, inner: &str) -> String {
    format!("{}{inner}{}", "[".repeat(levels), "]".repeat(levels))
}

/// A rubric whose indicators nest `levels` deep, and how deep its JSON
/// nests: the root object and its `indicators` array, then an object and
/// an array per level, where the last indicator has an `items` array only
/// if `items`.
fn deep_rubric(levels: usize, items: bool) -> (String, usize) {
    let last = if items { r#","items":[]"# } else { "" };
    let mut text = String::from(r#"{"id":"r","title":"t","total":"1","indicators":["#);
    for level in 1..=levels {
        text.push_str(&format!(r#"{{"id":"I{level}","name":"n","points":"1""#));
        if level < levels {
            text.push_str(r#","indicators":["#);
        }
    }
    text.push_str(last);
    text.push_str(&"}]".repeat(levels));
    text.push('}');
    (text, 2 * levels + 1 + usize::from(items))
}

fn assert_limit(result: Result<impl std::fmt::Debug, JsonError>) {
    let e = result.unwrap_err();
    assert_eq!(e.code, ErrorCode::Limit, "{}", e.to_json());
    let back: Value = serde_json::from_str(&e.to_json()).unwrap();
    assert_eq!(back["error"]["code"], "limit");
}

#[test]
fn nesting_below_the_limit_is_read_and_above_it_refused() {
    // The one input that nests deep and fits its contract all the way down
    // is a rubric with deep indicators; below the limit it is read and
    // refused for its depth (`invalid-rubric`), above it refused unread.
    let (below, depth) = deep_rubric((MAX_NESTING - 3) / 2, true);
    assert_eq!(depth, MAX_NESTING - 1);
    let e = Engine::load(&below).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidRubric, "{}", e.to_json());
    assert_eq!(e.id.as_deref(), Some("I17"));
    let (above, depth) = deep_rubric((MAX_NESTING - 1) / 2, true);
    assert_eq!(depth, MAX_NESTING + 1);
    assert_limit(Engine::load(&above));
    assert_limit(json::validate(&above));
    assert_limit(json::evaluate(&above, "{}"));

    // Other deep input fails on its shape before its depth: an error all
    // the same, never a crash.
    let seed = Engine::seed();
    let e = seed.evaluate(&nested(MAX_NESTING + 1, "")).unwrap_err();
    assert!(
        matches!(e.code, ErrorCode::Invalid | ErrorCode::Limit),
        "{}",
        e.to_json()
    );
}

#[test]
fn nesting_exactly_at_the_limit_is_read() {
    let (at, depth) = deep_rubric((MAX_NESTING - 1) / 2, false);
    assert_eq!(depth, MAX_NESTING);
    let e = Engine::load(&at).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidRubric, "{}", e.to_json());
}

#[test]
fn nesting_far_above_the_limit_is_refused_without_recursing() {
    // 500,000 levels of indicators (a million of JSON), unterminated: a
    // parser without a limit would overflow the stack.
    let mut rubric = String::from(r#"{"id":"r","title":"t","total":"1","indicators":["#);
    rubric.push_str(&r#"{"id":"I","name":"n","points":"1","indicators":["#.repeat(500_000));
    assert_limit(Engine::load(&rubric));
    assert_limit(json::validate(&rubric));
    // A million bare brackets in every entry: refused, by shape or depth.
    let seed = Engine::seed();
    let brackets = "[".repeat(1_000_000);
    assert!(seed.evaluate(&brackets).is_err());
    assert!(Engine::load(&brackets).is_err());
    assert!(seed.clone().add_calendar_year(&brackets).is_err());
}

#[test]
fn nesting_in_skipped_fields_is_held_to_the_limit_too() {
    // `$schema` and `$id` are read as strings, so deep junk there is
    // refused at its first bracket.
    let mut seed = Engine::seed();
    let deep = nested(100_000, "");
    for field in ["$schema", "$id"] {
        let year = format!(r#"{{"year":2027,"days":[],"{field}":{deep}}}"#);
        let e = seed.add_calendar_year(&year).unwrap_err();
        assert!(
            matches!(e.code, ErrorCode::Invalid | ErrorCode::Limit),
            "{}",
            e.to_json()
        );
        assert!(
            e.message
                .starts_with("invalid type: sequence, expected a string"),
            "{}",
            e.message
        );
    }
}

#[test]
fn calendar_years_and_days_are_objects_only() {
    let mut seed = Engine::seed();
    for year in [
        r#"[null,null,2027,[],[]]"#,
        r#"{"year":2027,"days":[["元旦","2027-01-01",true]]}"#,
    ] {
        let e = seed.add_calendar_year(year).unwrap_err();
        assert_eq!(e.code, ErrorCode::Invalid, "{year}: {}", e.to_json());
    }
}

#[test]
fn brackets_and_escaped_quotes_inside_strings_do_not_nest() {
    let seed = Engine::seed();
    let note = format!(r#"\"\\{}\u005b\\"#, "[{".repeat(200));
    let inspection = format!(r#"{{"facts":{{"6a":[{{"note":"{note}"}}]}}}}"#);
    let card = card(&seed, &inspection);
    assert_eq!(rule(&card, "6a")["breaches"], 1);
    assert!(
        rule(&card, "6a")["reason"]
            .as_str()
            .unwrap()
            .contains("[{[{")
    );
}

// ------------------------------------------------------------------ size

#[test]
fn input_above_16_mib_is_refused_with_code_limit() {
    let seed = Engine::seed();
    // Exactly the limit: read (white space is JSON).
    let at = format!("{{}}{}", " ".repeat(MAX_INPUT_BYTES - 2));
    assert_eq!(at.len(), MAX_INPUT_BYTES);
    assert!(seed.evaluate(&at).is_ok());
    // One byte more, in every entry.
    let above = format!("{at} ");
    for e in [
        seed.evaluate(&above).unwrap_err(),
        json::validate(&above).unwrap_err(),
        Engine::load(&above).unwrap_err(),
        seed.clone().add_calendar_year(&above).unwrap_err(),
        json::evaluate(&above, "{}").unwrap_err(),
        json::evaluate(&seed.rubric_json(), &above).unwrap_err(),
    ] {
        assert_eq!(e.code, ErrorCode::Limit, "{}", e.to_json());
        assert!(e.message.contains("16777217 bytes"), "{}", e.message);
        let back: Value = serde_json::from_str(&e.to_json()).unwrap();
        assert_eq!(back["error"]["code"], "limit");
    }
    // A huge string (a note of 20 MiB) is refused the same way.
    let huge = format!(
        r#"{{"facts":{{"6a":[{{"note":"{}"}}]}}}}"#,
        "长".repeat(7 << 20)
    );
    assert_eq!(code(seed.evaluate(&huge)), ErrorCode::Limit);
}

// ------------------------------------------------------------------ dates

#[test]
fn monthly_cadence_with_200000_dates_over_the_whole_range() {
    let engine = Engine::load(&one_rule(
        json!({ "kind": "cadence", "every": "month" }),
        json!({ "kind": "per_occurrence", "points": "1" }),
        "1000000",
    ))
    .unwrap();
    // The first of every month from 0001 to 9999 except in 5000, then the
    // 15th of months from year 1 on (5000 still excepted), until there are
    // 200,000 dates; newest first, so they must be sorted.
    let mut dates = Vec::with_capacity(200_000);
    for year in (1..=9999).filter(|&y| y != 5000) {
        for month in 1..=12 {
            dates.push(format!("{year:04}-{month:02}-01"));
        }
    }
    'fill: for year in (1..=9999).filter(|&y| y != 5000) {
        for month in 1..=12 {
            if dates.len() == 200_000 {
                break 'fill;
            }
            dates.push(format!("{year:04}-{month:02}-15"));
        }
    }
    dates.reverse();
    assert_eq!(dates.len(), 200_000);
    let inspection = json!({
        "period": { "from": "0001-01-01", "to": "9999-12-31" },
        "facts": { "1a": dates }
    })
    .to_string();
    let card = card(&engine, &inspection);
    let outcome = rule(&card, "1a");
    assert_eq!(outcome["breaches"], 12);
    assert_eq!(outcome["deducted"], "12");
    assert_eq!(card["score"], "999988");
    let reason = outcome["reason"].as_str().unwrap();
    assert!(
        reason.contains("（5000年1月、5000年2月、5000年3月、5000年4月、5000年5月、5000年6月、5000年7月、5000年8月、5000年9月、5000年10月、5000年11月、5000年12月无记录）"),
        "{reason}"
    );
}

#[test]
fn seed_cadence_without_dates_over_the_whole_range() {
    // 1a is quarterly, 2 points each: 39,996 quarters missed, bounded by
    // its item's 10 points.
    let seed = Engine::seed();
    let inspection = r#"{"period":{"from":"0001-01-01","to":"9999-12-31"},"facts":{"1a":[]}}"#;
    let card = card(&seed, inspection);
    let outcome = rule(&card, "1a");
    assert_eq!(outcome["breaches"], 39_996);
    assert_eq!(outcome["raw"], "79992");
    let reason = outcome["reason"].as_str().unwrap();
    assert!(
        reason.contains("39996次（1年第一季度、1年第二季度、"),
        "{reason:.200}"
    );
    // A reason names a year's worth of periods and counts the rest.
    assert!(
        reason.ends_with(
            "、3年第四季度等39996个季度无记录），扣79992分，受第1项分值10分所限，实扣10分"
        ),
        "{reason}"
    );
    assert!(reason.len() < 1_000, "{} bytes", reason.len());
}

#[test]
fn many_deadline_cases_are_counted() {
    // 100,000 cases of 7a (20 working days from the start), in three kinds.
    let seed = Engine::seed();
    let mut cases = Vec::new();
    for i in 0..100_000 {
        cases.push(match i % 4 {
            // Due 2026-10-29, done 2026-11-03: late.
            0 => json!({ "start": "2026-09-24", "done": "2026-11-03" }),
            // Done on the due date: on time.
            1 => json!({ "start": "2026-09-24", "done": "2026-10-29" }),
            // Not done, due 2026-10-29, judged on 2026-12-31: overdue.
            2 => json!({ "start": "2026-09-24" }),
            // Not done, started 2026-12-30: pending on 2026-12-31.
            _ => json!({ "start": "2026-12-30" }),
        });
    }
    let inspection = json!({ "as_of": "2026-12-31", "facts": { "7a": cases } }).to_string();
    let card = card(&seed, &inspection);
    let outcome = rule(&card, "7a");
    assert_eq!(outcome["breaches"], 50_000);
    assert_eq!(outcome["pending"], 25_000);
    assert_eq!(outcome["deducted"], "5");
}

// ------------------------------------------------------------------ numbers

#[test]
fn a_deduction_too_large_for_a_decimal_is_an_overflow_error() {
    let engine = Engine::load(&one_rule(
        json!({ "kind": "count" }),
        json!({ "kind": "per_occurrence", "points": "999999999.999999" }),
        "1000000000",
    ))
    .unwrap();
    let e = engine
        .evaluate(r#"{"facts":{"1a":18446744073709551615}}"#)
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Overflow, "{}", e.to_json());
    assert_eq!(e.id.as_deref(), Some("1a"));
    // One more than u64::MAX is not a count: the rule says so.
    let e = engine
        .evaluate(r#"{"facts":{"1a":18446744073709551616}}"#)
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::OutOfDomain, "{}", e.to_json());
    assert_eq!(
        e.message,
        "rule `1a` reads a whole number from 0 to 18446744073709551615, got `18446744073709551616`"
    );
    // The same count on a whole amount is exact (it fits a Decimal).
    let engine = Engine::load(&one_rule(
        json!({ "kind": "count" }),
        json!({ "kind": "capped", "points": "1000000000", "cap": "3" }),
        "1000000000",
    ))
    .unwrap();
    let card = card(&engine, r#"{"facts":{"1a":"18446744073709551615"}}"#);
    assert_eq!(rule(&card, "1a")["raw"], "18446744073709551615000000000");
    assert_eq!(rule(&card, "1a")["deducted"], "3");
}

// ------------------------------------------------------------------ findings

#[test]
fn cadence_reasons_over_the_widest_window_stay_bounded() {
    let rules: Vec<Value> = (0..100)
        .map(|i| {
            json!({ "id": format!("r{i}"), "label": "未按月开展", "text": "t",
                    "trigger": { "kind": "cadence", "every": "month" },
                    "penalty": { "kind": "flat", "points": "1" } })
        })
        .collect();
    let rubric = json!({
        "id": "r", "title": "t", "total": "100",
        "indicators": [{ "id": "G", "name": "g", "points": "100", "items": [
            { "id": "1", "serial": "1", "points": "100", "requirement": "r", "rules": rules }
        ] }]
    })
    .to_string();
    let facts: serde_json::Map<String, Value> =
        (0..100).map(|i| (format!("r{i}"), json!([]))).collect();
    let inspection = json!({
        "period": { "from": "0001-01-01", "to": "9999-12-31" },
        "facts": facts
    })
    .to_string();
    let engine = Engine::load(&rubric).unwrap();
    let text = engine.evaluate(&inspection).unwrap();
    // 9999 years of 12 months, each missed.
    let card: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(rule(&card, "r99")["breaches"], 119_988);
    assert_eq!(card["score"], "0");
    let input = rubric.len() + inspection.len();
    assert!(
        text.len() <= 64 * input,
        "a scorecard of {} bytes from {input} bytes of input",
        text.len()
    );
}

/// Found by `fuzz/fuzz_targets/json_large.rs`: a node's label was repeated
/// whole in the reason of every rule it limits, so a long serial (or
/// indicator name) over many breached rules made the scorecard grow with
/// the square of the input (100 KB serial, 1,000 rules: 212 KB in, 200 MB
/// out). A reason now quotes at most 100 characters of it.
#[test]
fn long_node_labels_do_not_multiply_the_output() {
    let serial = "长".repeat(20_000);
    let name = "名".repeat(20_000);
    let rules: Vec<serde_json::Value> = (0..200)
        .map(|i| {
            json!({"id": format!("r{i}"), "label": "", "text": "",
                   "trigger": {"kind": "flag"}, "penalty": {"kind": "flat", "points": "1"}})
        })
        .collect();
    // An item of 0 points (its label limits every rule), under an indicator
    // of 0 points with a long name.
    let rubric = json!({"id": "R", "title": "", "total": "0", "indicators": [
        {"id": "G", "name": name, "points": "0", "items": [
            {"id": "T", "serial": serial, "points": "0", "requirement": "", "rules": rules}
        ]}
    ]})
    .to_string();
    let facts: serde_json::Map<String, Value> =
        (0..200).map(|i| (format!("r{i}"), json!(true))).collect();
    let inspection = json!({ "facts": facts }).to_string();
    let engine = Engine::load(&rubric).unwrap();
    let out = engine.evaluate(&inspection).unwrap();
    let input = rubric.len() + inspection.len();
    assert!(
        out.len() < 2 * input + 64 * 1024,
        "{} bytes out for {input} in",
        out.len()
    );
    let card: Value = serde_json::from_str(&out).unwrap();
    let reason = rule(&card, "r199")["reason"].as_str().unwrap();
    assert!(
        reason.ends_with(&format!("受第{}…项分值0分所限，实扣0分", "长".repeat(100))),
        "{}",
        &reason[reason.len().saturating_sub(400)..]
    );
}

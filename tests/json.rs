//! The JSON contract: shapes, exact decimals, unknown fields, round trips.

use ducha::{Inspection, Rubric, RubricSpec};
use serde_json::json;

fn rubric_json(points: serde_json::Value) -> serde_json::Value {
    json!({
        "id": "r", "title": "t", "total": "10",
        "indicators": [{ "id": "G", "name": "g", "points": "10", "items": [
            { "id": "1", "serial": "1", "points": "10", "requirement": "", "rules": [
                { "id": "1a", "label": "l", "text": "", "trigger": { "kind": "flag" },
                  "penalty": { "kind": "flat", "points": points } }
            ] }
        ] }]
    })
}

/// The message of the error reading `value` as a rubric, through the
/// crate's exact reader.
fn error(value: serde_json::Value) -> String {
    ducha::json::from_str::<Rubric>(&value.to_string())
        .unwrap_err()
        .message
}

/// `text` with the penalty's points written as `points` (JSON text).
fn with_points(points: &str) -> String {
    rubric_json(json!("@")).to_string().replace("\"@\"", points)
}

#[test]
fn seed_round_trips() {
    let rubric = ducha::seed::yuxi();
    let text = serde_json::to_string_pretty(&rubric).unwrap();
    let back: Rubric = serde_json::from_str(&text).unwrap();
    assert_eq!(back, rubric);
    assert_eq!(serde_json::to_string_pretty(&back).unwrap(), text, "bytes");
    let spec: RubricSpec = serde_json::from_str(&text).unwrap();
    assert_eq!(&spec, rubric.spec());
}

#[test]
fn decimals_read_exactly() {
    // (points as typed in the JSON text, as written back)
    let cases = [
        ("\"2.5\"", "2.5"),
        ("2.5", "2.5"),
        ("0.1", "0.1"),
        ("\"0.1\"", "0.1"),
        ("3", "3"),
        ("\"3.00\"", "3"),
        ("0.000001", "0.000001"),
        ("0.0000010", "0.000001"),
        ("25e-1", "2.5"),
        ("2.50E0", "2.5"),
        ("1e2", "100"),
        ("0.1e1", "1"),
    ];
    for (input, written) in cases {
        let rubric: Rubric = ducha::json::from_str(&with_points(input)).unwrap();
        let penalty = serde_json::to_value(&rubric.rules().next().unwrap().penalty).unwrap();
        assert_eq!(penalty["points"], written, "{input}");
    }
}

#[test]
fn decimal_errors_name_the_value() {
    let cases = [
        (
            "0.30000000000000004",
            "points `0.30000000000000004` have more than 6 decimal places",
        ),
        ("\"1e3\"", "`1e3` is not a decimal number"),
        ("\"-1\"", "points must not be negative, got `-1`"),
        ("-1", "points must not be negative, got `-1`"),
        (
            "\"0.0000001\"",
            "points `0.0000001` have more than 6 decimal places",
        ),
        (
            "1e-40",
            "number `1e-40` cannot be represented exactly: it needs more than 28 significant digits or decimal places",
        ),
        (
            "1e400",
            "number `1e400` cannot be represented exactly: it needs more than 28 significant digits or decimal places",
        ),
        (
            "true",
            "invalid type: boolean `true`, expected a decimal number, as a string such as \"2.5\" or a number",
        ),
    ];
    for (input, message) in cases {
        let err = ducha::json::from_str::<Rubric>(&with_points(input))
            .unwrap_err()
            .message;
        assert!(err.starts_with(message), "{input}: {err}");
    }
}

/// A general parser hands over binary floats: they are refused, with the
/// way out, never rounded into a decimal that was not written.
#[test]
fn binary_floats_from_other_parsers_are_refused() {
    for value in [json!(2.5), json!(0.99999999999999999), json!(3.0)] {
        let err = serde_json::from_value::<Rubric>(rubric_json(value.clone()))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(
                "a number with a fraction or an exponent reached ducha as the binary float"
            ),
            "{value}: {err}"
        );
        assert!(err.contains("ducha::json::from_str"), "{err}");
    }
    // Integers and strings are exact through any parser.
    assert!(serde_json::from_value::<Rubric>(rubric_json(json!(3))).is_ok());
    assert!(serde_json::from_value::<Rubric>(rubric_json(json!("2.5"))).is_ok());
}

#[test]
fn unknown_fields_are_named() {
    let mut value = rubric_json(json!("1"));
    value["indicators"][0]["items"][0]["rules"][0]["weight"] = json!(1);
    assert!(error(value).starts_with("unknown field `weight`"));

    let mut value = rubric_json(json!("1"));
    value["indicators"][0]["colour"] = json!("red");
    assert!(error(value).starts_with("unknown field `colour`"));

    let mut value = rubric_json(json!("1"));
    value["indicators"][0]["items"][0]["rules"][0]["penalty"]["cap"] = json!("1");
    assert!(error(value).starts_with("unknown field `cap`"));

    let err = ducha::json::from_str::<Inspection>(r#"{"facts": {}, "period_end": "2026-12-31"}"#)
        .unwrap_err();
    assert!(
        err.message.starts_with("unknown field `period_end`"),
        "{err}"
    );
    assert_eq!(err.path.as_deref(), Some("period_end"));
}

#[test]
fn structural_errors() {
    let mut value = rubric_json(json!("1"));
    value["indicators"][0]["indicators"] = json!([]);
    assert!(error(value).starts_with("indicator `G` has both `indicators` and `items`; give one"),);

    let mut value = rubric_json(json!("1"));
    value["total"] = json!("11");
    assert!(
        error(value).starts_with(
            "declared total `11` differs from the sum of the top-level indicators `10`"
        )
    );

    let mut value = rubric_json(json!("1"));
    value["indicators"][0]["items"][0]["rules"][0]["id"] = json!("G");
    assert!(error(value).starts_with("id `G` is used more than once"));

    let mut value = rubric_json(json!("1"));
    value["indicators"][0]["items"][0]["rules"][0]["id"] = json!("1 a");
    assert!(error(value).starts_with("id `1 a` contains white space or a control character"));

    let mut value = rubric_json(json!("1"));
    value["indicators"][0]["items"][0]["rules"][0]["trigger"] = json!({"kind": "sometimes"});
    assert!(error(value).starts_with("unknown variant `sometimes`"));
}

#[test]
fn unit_defaults_and_nested_indicators_round_trip() {
    let value = json!({
        "id": "nested", "title": "二级指标", "total": "10",
        "indicators": [{ "id": "A", "name": "一级", "points": "10", "indicators": [
            { "id": "A1", "name": "二级", "points": "10", "items": [
                { "id": "1", "serial": "1", "points": "10", "requirement": "", "rules": [
                    { "id": "1a", "label": "l", "text": "", "trigger": { "kind": "count" },
                      "penalty": { "kind": "per_occurrence", "points": "1.5" } }
                ] }
            ] }
        ] }]
    });
    let rubric: Rubric = serde_json::from_value(value).unwrap();
    assert_eq!(rubric.rule("1a").unwrap().unit, "起", "default unit");
    let again: Rubric = serde_json::from_str(&serde_json::to_string(&rubric).unwrap()).unwrap();
    assert_eq!(again, rubric);
    let out = serde_json::to_value(&rubric).unwrap();
    assert!(
        out["indicators"][0].get("items").is_none(),
        "only `indicators` written"
    );
    assert_eq!(
        out["indicators"][0]["indicators"][0]["items"][0]["rules"][0]["unit"],
        "起"
    );
}

#[test]
fn inspection_shapes() {
    let inspection: Inspection = ducha::json::from_str(
        &json!({
            "rubric": "yuxi-shuangsuiji",
            "period": { "from": "2026-01-01", "to": "2026-12-31" },
            "as_of": "2026-12-31",
            "facts": {
                "2a": true, "6a": 3, "8a": [{ "note": "甲" }, { "note": "乙" }],
                "11c": { "note": "丙" }, "12a": "0.95", "12b": 0.5
            }
        })
        .to_string(),
    )
    .unwrap();
    let out = serde_json::to_value(&inspection).unwrap();
    assert_eq!(out["facts"]["2a"], json!(true));
    assert_eq!(out["facts"]["6a"], json!(3));
    assert_eq!(
        out["facts"]["8a"],
        json!([{ "note": "甲" }, { "note": "乙" }])
    );
    assert_eq!(out["facts"]["11c"], json!({ "note": "丙" }));
    assert_eq!(out["facts"]["12a"], json!("0.95"));
    assert_eq!(out["facts"]["12b"], json!("0.5"), "numbers read exactly");
    assert_eq!(
        out["period"],
        json!({ "from": "2026-01-01", "to": "2026-12-31" })
    );

    let err = ducha::json::from_str::<Inspection>(
        r#"{"period": { "from": "2026-12-31", "to": "2026-01-01" }}"#,
    )
    .unwrap_err()
    .message;
    assert!(
        err.starts_with("period ends `2026-01-01` before it starts `2026-12-31`"),
        "{err}"
    );
    let err = ducha::json::from_str::<Inspection>(r#"{ "as_of": "2026-13-01" }"#)
        .unwrap_err()
        .message;
    assert!(
        err.starts_with("invalid date `2026-13-01`, expected `YYYY-MM-DD`"),
        "{err}"
    );
}

/// A count written as a string or a float still counts, and the reason
/// shows the count (not only the points).
#[test]
fn counts_written_as_decimals_show_in_reasons() {
    let rubric = ducha::seed::yuxi();
    for fact in ["\"3\"", "3.0", "3", "3e0", "0.3e1"] {
        let inspection: Inspection =
            ducha::json::from_str(&format!(r#"{{ "facts": {{ "8a": {fact} }} }}"#)).unwrap();
        let card = rubric.evaluate(&inspection).unwrap();
        let rule = card.rule("8a").unwrap();
        assert_eq!(rule.breaches(), 3, "{fact}");
        assert_eq!(
            rule.reason(),
            "抽查发现的问题未做好后续监管衔接、未依法查处：3起，扣3分",
            "{fact}"
        );
    }
}

/// Fields a trigger kind does not take are errors, not ignored.
#[test]
fn trigger_fields_are_strict() {
    let cases = [
        (
            json!({"kind": "flag", "min": "0.9"}),
            "a `flag` trigger takes no `min`",
        ),
        (
            json!({"kind": "count", "every": "month"}),
            "a `count` trigger takes no `every`",
        ),
        (
            json!({"kind": "cadence", "every": "month", "within": {"days": 3}}),
            "a `cadence` trigger takes no `within`",
        ),
        (json!({"kind": "threshold"}), "missing field `min`"),
        (
            json!({"kind": "threshold", "min": "1"}),
            "missing field `measure`",
        ),
        (
            json!({"kind": "threshold", "min": "1", "measure": "rate"}),
            "unknown variant `rate`, expected one of `ratio`, `percent`, `count`, `amount`",
        ),
        (json!({"kind": "cadence"}), "missing field `every`"),
        (
            json!({"kind": "deadline", "whithin": {"days": 3}}),
            "unknown field `whithin`",
        ),
        (
            json!({"kind": "deadline", "within": {"weeks": 3}}),
            "unknown field `weeks`, expected `working_days` or `days`",
        ),
        (
            json!({"kind": "deadline", "within": {"days": 1, "working_days": 1}}),
            "a time limit gives exactly one of `working_days` or `days`",
        ),
        (
            json!({"kind": "deadline", "within": {}}),
            "a time limit gives exactly one of `working_days` or `days`",
        ),
    ];
    for (trigger, message) in cases {
        let mut value = rubric_json(json!("1"));
        value["indicators"][0]["items"][0]["rules"][0]["trigger"] = trigger.clone();
        let err = error(value);
        assert!(err.starts_with(message), "{trigger}: {err}");
    }
    let mut value = rubric_json(json!("1"));
    value["indicators"][0]["items"][0]["rules"][0]["trigger"] = json!({"kind": "deadline", "within": {"working_days": 20}, "after": "完成", "action": "公示"});
    let rubric: Rubric = serde_json::from_value(value).unwrap();
    let back = serde_json::to_value(&rubric).unwrap();
    assert_eq!(
        back["indicators"][0]["items"][0]["rules"][0]["trigger"],
        json!({"kind": "deadline", "within": {"working_days": 20}, "after": "完成", "action": "公示"})
    );
}

/// Objects only: a JSON array is not read as a struct's fields in order.
#[test]
fn arrays_are_not_objects() {
    let err =
        serde_json::from_value::<Inspection>(json!(["yuxi-shuangsuiji", null, null, {"2a": true}]))
            .unwrap_err()
            .to_string();
    assert!(
        err.starts_with("invalid type: sequence, expected an inspection object"),
        "{err}"
    );
    let mut value = rubric_json(json!("1"));
    value["indicators"][0]["items"][0]["rules"][0] =
        json!(["1a", "l", "", "起", {"kind": "flag"}, {"kind": "flat", "points": "1"}]);
    assert!(error(value).starts_with("invalid type: sequence, expected a rule object"));
    let mut value = rubric_json(json!("1"));
    value["indicators"][0]["items"][0]["rules"][0]["penalty"] = json!(["flat", "1"]);
    assert!(error(value).starts_with("invalid type: sequence, expected a penalty object"));
    let err = serde_json::from_value::<Inspection>(json!({"period": ["2026-01-01", "2026-12-31"]}))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("invalid type: sequence, expected a period object"),
        "{err}"
    );
}

/// Dates are exactly YYYY-MM-DD, everywhere.
#[test]
fn dates_are_strict() {
    for bad in [
        "2026-1-1",
        "+2026-01-01",
        " 2026-01-01",
        "2026-01-01T00:00",
        "2026-02-30",
    ] {
        for value in [
            json!({ "as_of": bad }),
            json!({ "period": { "from": bad, "to": "2026-12-31" } }),
            json!({ "facts": { "1a": [bad] } }),
            json!({ "facts": { "7a": [{ "start": bad }] } }),
        ] {
            let err = serde_json::from_value::<Inspection>(value.clone())
                .unwrap_err()
                .to_string();
            assert!(
                err.starts_with(&format!("invalid date `{bad}`, expected `YYYY-MM-DD`")),
                "{value}: {err}"
            );
        }
    }
}

/// The rubric's id shares the namespace of node and rule ids.
#[test]
fn rubric_id_is_unique_too() {
    let mut value = rubric_json(json!("1"));
    value["id"] = json!("G");
    assert!(error(value).starts_with("id `G` is used more than once"));
}

/// A negative number is a measured value; whether it is acceptable is the
/// rule's to say: a count rule refuses it, naming itself and the value.
#[test]
fn negative_counts() {
    let engine = ducha::json::Engine::seed();
    for (fact, shown) in [
        ("-1", "-1"),
        ("-1e20", "-100000000000000000000"),
        ("\"-2\"", "-2"),
    ] {
        let err = engine
            .evaluate(&format!(r#"{{ "facts": {{ "6a": {fact} }} }}"#))
            .unwrap_err();
        assert_eq!(err.code, ducha::json::ErrorCode::OutOfDomain, "{fact}");
        assert_eq!(
            err.message,
            format!("rule `6a` reads a whole number from 0 to 18446744073709551615, got `{shown}`"),
            "{fact}"
        );
        assert_eq!(err.id.as_deref(), Some("6a"));
    }
}

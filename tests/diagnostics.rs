//! Rubric diagnostics: each triggered and not triggered, and the seed's.

use ducha::{Code, Rubric};
use serde_json::{Value, json};

/// A rubric with one indicator of one 10-point item holding `rules`.
fn rubric(items: Value) -> Rubric {
    let points: f64 = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["points"].as_str().unwrap().parse::<f64>().unwrap())
        .sum();
    serde_json::from_value(json!({
        "id": "r", "title": "检查细则", "total": points.to_string(),
        "indicators": [{ "id": "G", "name": "组", "points": points.to_string(), "items": items }]
    }))
    .unwrap()
}

fn item(id: &str, serial: &str, points: &str, rules: Value) -> Value {
    json!({ "id": id, "serial": serial, "points": points, "requirement": "要求", "rules": rules })
}

fn rule(id: &str, penalty: Value) -> Value {
    json!({ "id": id, "label": "违规", "text": "违规的扣分", "trigger": { "kind": "count" }, "penalty": penalty })
}

fn found(r: &Rubric) -> Vec<(String, String, String)> {
    r.diagnostics()
        .into_iter()
        .map(|d| (d.code.as_str().to_owned(), d.id.to_string(), d.message))
        .collect()
}

fn triple(code: &str, id: &str, message: &str) -> (String, String, String) {
    (code.to_owned(), id.to_owned(), message.to_owned())
}

/// Source: the seed document prints serial "11" twice and no "10"; item 12's
/// rules (5 + up to 10) exceed its 10 points; 1a ("每少一次扣2分") has no cap.
#[test]
fn seed_diagnostics() {
    assert_eq!(
        found(&ducha::seed::yuxi()),
        [
            triple(
                "unbounded-rule",
                "1a",
                "2 per breach with no cap of its own: only item `1`'s 10 points bound it"
            ),
            triple(
                "serial-gap",
                "11-1",
                "serial `11` follows `9` (item `9`): `10` skipped"
            ),
            triple(
                "duplicate-serial",
                "11-2",
                "serial `11` is also printed by item `11-1`"
            ),
            triple(
                "exceeds-points",
                "12",
                "its rules can deduct up to 15, more than its 10 points; later rules give way"
            ),
        ]
    );
}

#[test]
fn a_clean_rubric_has_none() {
    let r = rubric(json!([
        item(
            "1",
            "1",
            "5",
            json!([
                rule("1a", json!({"kind": "capped", "points": "1", "cap": "3"})),
                rule("1b", json!({"kind": "flat", "points": "2"}))
            ])
        ),
        item(
            "2",
            "2",
            "5",
            json!([rule(
                "2a",
                json!({"kind": "capped", "points": "2.5", "cap": "5"})
            )])
        ),
    ]));
    assert_eq!(found(&r), []);
}

#[test]
fn each_code_triggered() {
    let cases: Vec<(Value, (String, String, String))> = vec![
        (
            json!([
                item("1", "1", "5", json!([])),
                item("2", "1", "5", json!([]))
            ]),
            triple(
                "duplicate-serial",
                "2",
                "serial `1` is also printed by item `1`",
            ),
        ),
        (
            json!([
                item("1", "1", "5", json!([])),
                item("2", "4", "5", json!([]))
            ]),
            triple(
                "serial-gap",
                "2",
                "serial `4` follows `1` (item `1`): `2`–`3` skipped",
            ),
        ),
        (
            json!([item(
                "1",
                "1",
                "5",
                json!([
                    rule("a", json!({"kind": "flat", "points": "3"})),
                    rule("b", json!({"kind": "capped", "points": "1", "cap": "2.5"}))
                ])
            )]),
            triple(
                "exceeds-points",
                "1",
                "its rules can deduct up to 5.5, more than its 5 points; later rules give way",
            ),
        ),
        (
            json!([item(
                "1",
                "1",
                "5",
                json!([rule(
                    "a",
                    json!({"kind": "capped", "points": "1", "cap": "0.5"})
                )])
            )]),
            triple(
                "cap-below-amount",
                "a",
                "its cap 0.5 is less than one breach's 1",
            ),
        ),
        (
            json!([item(
                "1",
                "1",
                "5",
                json!([rule(
                    "a",
                    json!({"kind": "per_occurrence", "points": "1.5"})
                )])
            )]),
            triple(
                "unbounded-rule",
                "a",
                "1.5 per breach with no cap of its own: only item `1`'s 5 points bound it",
            ),
        ),
        (
            json!([item("1", "", "5", json!([]))]),
            triple("empty-text", "1", "the item's serial is empty"),
        ),
    ];
    for (items, expected) in cases {
        assert_eq!(
            found(&rubric(items)),
            std::slice::from_ref(&expected),
            "{}",
            expected.0
        );
    }
}

#[test]
fn not_triggered_at_the_edges() {
    // Caps equal to one breach, rules adding up exactly to the item's
    // points, zero-point per-occurrence rules, consecutive and non-numeric
    // serials: nothing to report.
    let r = rubric(json!([
        item(
            "1",
            "1",
            "5",
            json!([
                rule("a", json!({"kind": "capped", "points": "1", "cap": "1"})),
                rule("b", json!({"kind": "flat", "points": "4"})),
                rule("c", json!({"kind": "per_occurrence", "points": "0"}))
            ])
        ),
        item("2", "2", "5", json!([])),
        item("3", "二", "5", json!([])),
        item("4", "3", "5", json!([])),
    ]));
    assert_eq!(found(&r), []);
}

#[test]
fn points_mismatch_and_empty_texts() {
    let r: Rubric = serde_json::from_value(json!({
        "id": "r", "title": " ", "total": "10",
        "indicators": [{ "id": "G", "name": "", "points": "10", "items": [
            { "id": "1", "serial": "1", "points": "6", "requirement": "", "rules": [
                { "id": "1a", "label": "", "text": "", "trigger": { "kind": "flag" },
                  "penalty": { "kind": "flat", "points": "1" } }
            ] }
        ] }]
    }))
    .unwrap();
    let codes: Vec<(String, String, String)> = found(&r);
    assert_eq!(
        codes,
        [
            triple("empty-text", "r", "the rubric's title is empty"),
            triple("empty-text", "G", "the indicator's name is empty"),
            triple(
                "points-mismatch",
                "G",
                "its children's points add up to 6, not its 10"
            ),
            triple("empty-text", "1", "the item's requirement is empty"),
            triple("empty-text", "1a", "the rule's label is empty"),
            triple("empty-text", "1a", "the rule's text is empty"),
        ]
    );
}

#[test]
fn codes_and_json() {
    let d = &ducha::seed::yuxi().diagnostics()[2];
    assert_eq!(d.code, Code::DuplicateSerial);
    assert_eq!(
        d.to_string(),
        "duplicate-serial `11-2`: serial `11` is also printed by item `11-1`"
    );
    assert_eq!(
        serde_json::to_value(d).unwrap(),
        json!({ "code": "duplicate-serial", "id": "11-2", "message": "serial `11` is also printed by item `11-1`" })
    );
}

/// Of the rules of an exclusive group ("不重复扣分") only one deducts, so an
/// item's most counts the group's largest: 5 and 4 in a group of an item of
/// 5 points exceed nothing; without the group they would (9).
#[test]
fn exceeds_points_counts_an_exclusive_group_once() {
    let items = json!([item(
        "1",
        "1",
        "5",
        json!([
            rule("1a", json!({"kind": "capped", "points": "1", "cap": "5"})),
            rule("1b", json!({"kind": "capped", "points": "1", "cap": "4"}))
        ])
    )]);
    let plain = rubric(items.clone());
    assert_eq!(
        found(&plain),
        [triple(
            "exceeds-points",
            "1",
            "its rules can deduct up to 9, more than its 5 points; later rules give way"
        )]
    );
    let mut spec = plain.spec().clone();
    spec.exclusive = vec![ducha::Exclusive::new(
        [ducha::Id::new("1a").unwrap(), ducha::Id::new("1b").unwrap()],
        ducha::Keep::Largest,
    )];
    let grouped = Rubric::new(spec).unwrap();
    assert_eq!(found(&grouped), []);
}

/// An escalating penalty with no cap ("扣5分，每多一次加扣1分") is bounded only by
/// its item, like a per-occurrence one.
#[test]
fn an_escalating_rule_without_a_cap_is_unbounded() {
    let r = rubric(json!([item(
        "1",
        "1",
        "10",
        json!([rule(
            "1a",
            json!({"kind": "escalating", "amounts": ["5", "1"]})
        )])
    )]));
    assert_eq!(
        found(&r),
        [triple(
            "unbounded-rule",
            "1a",
            "escalating with no cap of its own: only item `1`'s 10 points bound it"
        )]
    );
    let capped = rubric(json!([item(
        "1",
        "1",
        "10",
        json!([rule(
            "1a",
            json!({"kind": "escalating", "amounts": ["5", "1"], "cap": "8"})
        )])
    )]));
    assert_eq!(found(&capped), []);
}

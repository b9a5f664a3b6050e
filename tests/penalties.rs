//! Penalties at their edges, node bounds in nested rubrics, and every error a
//! rubric or an inspection can raise, with its exact message.
//!
//! The rubrics here are small ones built through the public API
//! (`RubricSpec`, `Indicator`, `Children`, `Item`, `Rule`, `Trigger`,
//! `Penalty`, `Points`, `Id`, mostly by the builders in `common`) or read
//! from JSON. Every expected number is
//! worked out by hand in a comment beside it.

use ducha::{
    Decimal, EvalError, Fact, Finding, Inspection, Penalty, Points, Rubric, RubricError,
    RubricSpec, Trigger,
};

use crate::common::{
    Limit, assert_decimal, capped, dec, flat, id, indicators, item, items, one_rule, per, pts,
    rule, spec,
};

/// One penalty, one fact, and what they must give.
struct Case {
    name: &'static str,
    trigger: Trigger,
    penalty: Penalty,
    item_points: &'static str,
    fact: Fact,
    breaches: u64,
    raw: &'static str,
    deducted: &'static str,
    limit: Limit,
    score: &'static str,
}

fn run(cases: &[Case]) {
    for case in cases {
        let rubric = one_rule(case.trigger.clone(), case.penalty.clone(), case.item_points);
        let inspection = Inspection::new().with("r", case.fact.clone()).unwrap();
        let card = rubric
            .evaluate(&inspection)
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let r = card.rule("r").unwrap();
        let name = case.name;
        assert_eq!(r.breaches(), case.breaches, "{name}: breaches");
        assert_decimal(r.raw(), case.raw, &format!("{name}: raw deduction"));
        assert_decimal(r.deducted(), case.deducted, &format!("{name}: deduction"));
        assert!(
            case.limit.matches(r.limited_by()),
            "{name}: limited_by is {:?}, expected {:?}",
            r.limited_by(),
            case.limit
        );
        assert_decimal(
            card.item("i").unwrap().score(),
            case.score,
            &format!("{name}: item score"),
        );
        assert_decimal(card.score(), case.score, &format!("{name}: total score"));
    }
}

// ---------------------------------------------------------------------------
// Each penalty kind at its edges
// ---------------------------------------------------------------------------

/// Flat: the amount once there is any breach, however many.
#[test]
fn flat_penalty_edges() {
    let c = |name, fact, breaches, raw, deducted, score| Case {
        name,
        trigger: Trigger::Count,
        penalty: flat("3"),
        item_points: "10",
        fact,
        breaches,
        raw,
        deducted,
        limit: Limit::Nothing,
        score,
    };
    run(&[
        // 0 breaches → 0; 10 − 0 = 10
        c("flat 3, 0 breaches", Fact::Count(0), 0, "0", "0", "10"),
        // 1 breach → 3; 10 − 3 = 7
        c("flat 3, 1 breach", Fact::Count(1), 1, "3", "3", "7"),
        c("flat 3, 2 breaches", Fact::Count(2), 2, "3", "3", "7"),
        c(
            "flat 3, 1000 breaches",
            Fact::Count(1000),
            1000,
            "3",
            "3",
            "7",
        ),
        c(
            "flat 3, u64::MAX breaches",
            Fact::Count(u64::MAX),
            u64::MAX,
            "3",
            "3",
            "7",
        ),
        c(
            "flat 3, 3 findings",
            Fact::findings(["甲", "乙", "丙"]),
            3,
            "3",
            "3",
            "7",
        ),
    ]);
    let f = |name, fact, breaches, raw, score| Case {
        name,
        trigger: Trigger::Flag,
        penalty: flat("2.5"),
        item_points: "10",
        fact,
        breaches,
        raw,
        deducted: raw,
        limit: Limit::Nothing,
        score,
    };
    run(&[
        f("flag false", Fact::Flag(false), 0, "0", "10"),
        // 10 − 2.5 = 7.5
        f("flag true", Fact::Flag(true), 1, "2.5", "7.5"),
        f(
            "one finding",
            Fact::Finding(Finding::new("未报送")),
            1,
            "2.5",
            "7.5",
        ),
    ]);
}

/// Per occurrence: amount × breaches, bounded only by the item.
#[test]
fn per_occurrence_penalty_edges() {
    let c = |name, breaches, raw, deducted, limit, score| Case {
        name,
        trigger: Trigger::Count,
        penalty: per("2"),
        item_points: "10",
        fact: Fact::Count(breaches),
        breaches,
        raw,
        deducted,
        limit,
        score,
    };
    run(&[
        c("per 2, 0", 0, "0", "0", Limit::Nothing, "10"),
        // 1 × 2 = 2 → 8
        c("per 2, 1", 1, "2", "2", Limit::Nothing, "8"),
        // 5 × 2 = 10 = the item's points: nothing trims → 0
        c(
            "per 2, 5 (exactly the item)",
            5,
            "10",
            "10",
            Limit::Nothing,
            "0",
        ),
        // 6 × 2 = 12 > 10 → 10, limited by item i
        c("per 2, 6", 6, "12", "10", Limit::Node("i", "10"), "0"),
        // (2^64 − 1) × 2 = 36893488147419103230 → bounded to 10
        c(
            "per 2, u64::MAX",
            u64::MAX,
            "36893488147419103230",
            "10",
            Limit::Node("i", "10"),
            "0",
        ),
    ]);
}

/// Capped: amount × breaches, at most the cap.
#[test]
fn capped_penalty_edges() {
    let c = |name, penalty, breaches, raw, deducted, limit, score| Case {
        name,
        trigger: Trigger::Count,
        penalty,
        item_points: "10",
        fact: Fact::Count(breaches),
        breaches,
        raw,
        deducted,
        limit,
        score,
    };
    run(&[
        c(
            "1 cap 5, 0",
            capped("1", "5"),
            0,
            "0",
            "0",
            Limit::Nothing,
            "10",
        ),
        c(
            "1 cap 5, 1",
            capped("1", "5"),
            1,
            "1",
            "1",
            Limit::Nothing,
            "9",
        ),
        c(
            "1 cap 5, 4",
            capped("1", "5"),
            4,
            "4",
            "4",
            Limit::Nothing,
            "6",
        ),
        // 5 × 1 = 5 = cap: reached, not exceeded → not limited
        c(
            "1 cap 5, exactly the cap",
            capped("1", "5"),
            5,
            "5",
            "5",
            Limit::Nothing,
            "5",
        ),
        // 6 × 1 = 6 → 5
        c(
            "1 cap 5, cap + 1",
            capped("1", "5"),
            6,
            "6",
            "5",
            Limit::Cap("5"),
            "5",
        ),
        c(
            "1 cap 5, u64::MAX",
            capped("1", "5"),
            u64::MAX,
            "18446744073709551615",
            "5",
            Limit::Cap("5"),
            "5",
        ),
        // a cap that is not a multiple of the amount: 2 × 2 = 4; 3 × 2 = 6 → 5
        c(
            "2 cap 5, 2",
            capped("2", "5"),
            2,
            "4",
            "4",
            Limit::Nothing,
            "6",
        ),
        c(
            "2 cap 5, 3",
            capped("2", "5"),
            3,
            "6",
            "5",
            Limit::Cap("5"),
            "5",
        ),
        // a cap below one occurrence's amount: 1 × 1 = 1 → 0.5
        c(
            "1 cap 0.5, 0",
            capped("1", "0.5"),
            0,
            "0",
            "0",
            Limit::Nothing,
            "10",
        ),
        c(
            "1 cap 0.5, 1",
            capped("1", "0.5"),
            1,
            "1",
            "0.5",
            Limit::Cap("0.5"),
            "9.5",
        ),
        c(
            "1 cap 0.5, 3",
            capped("1", "0.5"),
            3,
            "3",
            "0.5",
            Limit::Cap("0.5"),
            "9.5",
        ),
        // a cap above the item's points: 15 × 1 = 15 ≤ 20, the item trims → 10
        c(
            "1 cap 20, 15",
            capped("1", "20"),
            15,
            "15",
            "10",
            Limit::Node("i", "10"),
            "0",
        ),
        // both trim: 15 → 12 by the cap → 10 by the item; the node is reported
        c(
            "1 cap 12, 15",
            capped("1", "12"),
            15,
            "15",
            "10",
            Limit::Node("i", "10"),
            "0",
        ),
        // the cap equals the item: the cap is what limits (10 is not < 10)
        c(
            "1 cap 10, 15",
            capped("1", "10"),
            15,
            "15",
            "10",
            Limit::Cap("10"),
            "0",
        ),
    ]);
}

/// Zero-point penalties count breaches but deduct nothing.
#[test]
fn zero_point_penalties() {
    let c = |name, penalty, breaches, raw, limit| Case {
        name,
        trigger: Trigger::Count,
        penalty,
        item_points: "10",
        fact: Fact::Count(breaches),
        breaches,
        raw,
        deducted: "0",
        limit,
        score: "10",
    };
    run(&[
        c("flat 0, 1", flat("0"), 1, "0", Limit::Nothing),
        c("per 0, 7", per("0"), 7, "0", Limit::Nothing),
        c("per 0, u64::MAX", per("0"), u64::MAX, "0", Limit::Nothing),
        c("0 cap 5, 7", capped("0", "5"), 7, "0", Limit::Nothing),
        // 3 × 1 = 3, capped at 0 → 0, limited by the cap
        c("1 cap 0, 3", capped("1", "0"), 3, "3", Limit::Cap("0")),
        c(
            "0 cap 0, u64::MAX",
            capped("0", "0"),
            u64::MAX,
            "0",
            Limit::Nothing,
        ),
    ]);
}

/// The reason templates for a penalty of each kind.
#[test]
fn reason_templates() {
    let reason = |trigger: Trigger, penalty: Penalty, fact: Fact| {
        let rubric = one_rule(trigger, penalty, "10");
        let inspection = Inspection::new().with("r", fact).unwrap();
        let card = rubric.evaluate(&inspection).unwrap();
        card.rule("r").unwrap().reason()
    };
    let cases = [
        (
            "flag, flat",
            reason(Trigger::Flag, flat("2.5"), Fact::Flag(true)),
            "违反r，扣2.5分",
        ),
        (
            "flag, flat, a finding",
            reason(
                Trigger::Flag,
                flat("1"),
                Fact::Finding(Finding::new("逾期")),
            ),
            "违反r（逾期），扣1分",
        ),
        (
            "no breach",
            reason(Trigger::Flag, flat("1"), Fact::Flag(false)),
            "",
        ),
        (
            "count 0",
            reason(Trigger::Count, per("1"), Fact::Count(0)),
            "",
        ),
        (
            "per occurrence",
            reason(Trigger::Count, per("2"), Fact::Count(3)),
            "违反r：3起，扣6分",
        ),
        (
            "capped under the cap",
            reason(Trigger::Count, capped("1", "5"), Fact::Count(5)),
            "违反r：5起，扣5分",
        ),
        (
            "cap below one occurrence",
            reason(Trigger::Count, capped("1", "0.5"), Fact::Count(1)),
            "违反r：1起，扣1分，超过上限按0.5分扣",
        ),
        (
            "zero flat",
            reason(Trigger::Count, flat("0"), Fact::Count(2)),
            "违反r：2起，扣0分",
        ),
        (
            "findings with and without notes",
            reason(
                Trigger::Count,
                capped("1", "5"),
                Fact::Findings(vec![
                    Finding::new("甲"),
                    Finding::default(),
                    Finding::new("丙"),
                ]),
            ),
            "违反r：3起（甲；丙），扣3分",
        ),
        (
            "item bound",
            reason(Trigger::Count, per("2"), Fact::Count(6)),
            "违反r：6起，扣12分，受第i项分值10分所限，实扣10分",
        ),
    ];
    for (name, actual, expected) in cases {
        assert_eq!(actual, expected, "reason: {name}");
    }
}

// ---------------------------------------------------------------------------
// Far beyond: overflow or a correct answer, never a panic
// ---------------------------------------------------------------------------

/// The largest amount, `u64::MAX` times, in a rubric of whole points:
/// 10^9 × (2^64 − 1) = 18446744073709551615000000000 fits a `Decimal`
/// (below 2^96 ≈ 7.9 × 10^28), so this is a correct answer, not an error.
#[test]
fn largest_amount_times_u64_max_in_whole_points_is_exact() {
    let rubric = one_rule(
        Trigger::Count,
        Penalty::PerOccurrence {
            points: Points::MAX,
        },
        "1000000000",
    );
    let inspection = Inspection::new().with("r", u64::MAX).unwrap();
    let card = rubric.evaluate(&inspection).unwrap();
    let r = card.rule("r").unwrap();
    assert_decimal(
        r.raw(),
        "18446744073709551615000000000",
        "raw: 10^9 × (2^64 − 1)",
    );
    assert_decimal(
        r.deducted(),
        "1000000000",
        "bounded by the item's 10^9 points",
    );
    assert!(
        Limit::Node("i", "1000000000").matches(r.limited_by()),
        "limited by item i: {:?}",
        r.limited_by()
    );
    assert_decimal(card.score(), "0", "total");
}

/// A rubric with points at 6 decimal places elsewhere, the largest whole
/// amount and `u64::MAX` breaches: 10^9 × (2^64 − 1) =
/// 18446744073709551615000000000 has 29 digits but trailing zeros, so a
/// Decimal holds it exactly and the answer is correct, whatever the scale
/// of other rules.
#[test]
fn largest_amount_times_u64_max_is_exact() {
    for (name, penalty, capped) in [
        (
            "per occurrence",
            Penalty::PerOccurrence {
                points: Points::MAX,
            },
            "18446744073709551615000000000",
        ),
        (
            "capped at 1",
            Penalty::Capped {
                points: Points::MAX,
                cap: pts("1"),
            },
            "1",
        ),
    ] {
        let rubric = Rubric::new(spec(
            "1000000000",
            vec![items(
                "G",
                "组",
                "1000000000",
                vec![item(
                    "i",
                    "1000000000",
                    vec![
                        rule("tiny", Trigger::Flag, flat("0.000001")),
                        rule("big", Trigger::Count, penalty),
                    ],
                )],
            )],
        ))
        .unwrap();
        let inspection = Inspection::new().with("big", u64::MAX).unwrap();
        let card = rubric.evaluate(&inspection).unwrap();
        let r = card.rule("big").unwrap();
        assert_decimal(r.raw(), "18446744073709551615000000000", name);
        assert_decimal(r.capped(), capped, name);
        let deducted = if name == "per occurrence" {
            "1000000000"
        } else {
            "1"
        };
        assert_decimal(r.deducted(), deducted, name);
    }
}

/// An amount with 15 significant digits times `u64::MAX` breaches needs 35
/// significant digits, more than a Decimal holds: evaluation reports
/// `EvalError::Overflow` naming the rule and the breaches, not a panic and
/// not a rounded number.
#[test]
fn unrepresentable_raw_deduction_is_an_overflow_error() {
    let rubric = Rubric::new(spec(
        "1000000000",
        vec![items(
            "G",
            "组",
            "1000000000",
            vec![item(
                "i",
                "1000000000",
                vec![rule(
                    "big",
                    Trigger::Count,
                    Penalty::Capped {
                        points: pts("999999999.999999"),
                        cap: pts("1"),
                    },
                )],
            )],
        )],
    ))
    .unwrap();
    let inspection = Inspection::new().with("big", u64::MAX).unwrap();
    let err = rubric.evaluate(&inspection).unwrap_err();
    assert_eq!(
        err,
        EvalError::Overflow {
            rule: id("big"),
            breaches: u64::MAX
        }
    );
    assert_eq!(
        err.to_string(),
        "deduction of rule `big` overflows: 18446744073709551615 breaches"
    );
    // 10^13 breaches × 999999999.999999 = 9999999999999990000000 fits.
    let inspection = Inspection::new()
        .with("big", 10_000_000_000_000u64)
        .unwrap();
    let card = rubric.evaluate(&inspection).unwrap();
    assert_decimal(
        card.rule("big").unwrap().raw(),
        "9999999999999990000000",
        "10^13 breaches",
    );
    assert_decimal(card.score(), "999999999", "capped at 1");
}

// ---------------------------------------------------------------------------
// Node bounds in nested indicators
// ---------------------------------------------------------------------------

/// An outer indicator of 6 points over two inner ones of 5 each (the
/// document says the group loses at most 6): once the outer budget is spent,
/// later rules in a later item give way, reported as limited by the outer
/// indicator, whatever room their own item and inner indicator still have.
#[test]
fn outer_indicator_bound_trims_a_later_item() {
    let rubric = Rubric::new(spec(
        "10",
        vec![
            indicators(
                "O",
                "外层",
                "6",
                vec![
                    items(
                        "A",
                        "甲组",
                        "5",
                        vec![item("a", "5", vec![rule("ra", Trigger::Flag, flat("4"))])],
                    ),
                    items(
                        "B",
                        "乙组",
                        "5",
                        vec![item(
                            "b",
                            "5",
                            vec![
                                rule("rb1", Trigger::Flag, flat("1")),
                                rule("rb2", Trigger::Count, capped("1", "3")),
                                rule("rb3", Trigger::Flag, flat("2")),
                                rule("rb0", Trigger::Flag, flat("0")),
                            ],
                        )],
                    ),
                ],
            ),
            items(
                "P",
                "其他",
                "4",
                vec![item("p", "4", vec![rule("rp", Trigger::Flag, flat("1"))])],
            ),
        ],
    ))
    .unwrap();
    let inspection = Inspection::new()
        .with("ra", true)
        .unwrap()
        .with("rb1", true)
        .unwrap()
        .with("rb2", 3u64)
        .unwrap()
        .with("rb3", true)
        .unwrap()
        .with("rb0", true)
        .unwrap()
        .with("rp", true)
        .unwrap();
    let card = rubric.evaluate(&inspection).unwrap();
    // ra: 4 (O has 6 − 4 = 2 left)
    // rb1: 1 (O: 1 left)
    // rb2: 3 × 1 = 3 under its cap; item b has 4 left, B 4, O only 1 → 1
    // rb3: 2; O has 0 left → 0
    // rb0: 0
    // rp: 1 (P is outside O)
    let o = Limit::Node("O", "6");
    let expected = [
        ("ra", "4", "4", Limit::Nothing),
        ("rb1", "1", "1", Limit::Nothing),
        ("rb2", "3", "1", o),
        ("rb3", "2", "0", o),
        ("rb0", "0", "0", Limit::Nothing),
        ("rp", "1", "1", Limit::Nothing),
    ];
    for (rule_id, raw, deducted, limit) in expected {
        let r = card.rule(rule_id).unwrap();
        assert_decimal(r.raw(), raw, &format!("{rule_id} raw"));
        assert_decimal(r.deducted(), deducted, &format!("{rule_id} deduction"));
        assert!(
            limit.matches(r.limited_by()),
            "{rule_id}: limited_by is {:?}, expected {limit:?}",
            r.limited_by()
        );
    }
    // Node scores count each node's own rules, bounded by its own points
    // (so they never rise when a breach elsewhere uses up O):
    // items a 5 − 4 = 1; b: 1 + 3 + 2 + 0 = 6, at most 5 → 0; p 4 − 1 = 3.
    // The rule shares above add up to the total instead: 4 + 1 + 1 + 0 + 0 + 1 = 7.
    for (item_id, score) in [("a", "1"), ("b", "0"), ("p", "3")] {
        assert_decimal(
            card.item(item_id).unwrap().score(),
            score,
            &format!("item {item_id}"),
        );
    }
    // Indicators: A 5 − 4 = 1; B 5 − min(5, 5) = 0; O: 4 + 5 = 9, at most 6 → 0; P 3
    let outer = card.indicators().next().unwrap();
    assert_eq!(outer.id().as_str(), "O", "first indicator");
    assert_decimal(outer.deducted(), "6", "O deduction");
    assert_decimal(outer.score(), "0", "O score");
    let inner: Vec<(String, String)> = outer
        .indicators()
        .map(|i| (i.id().to_string(), i.score().to_string()))
        .collect();
    assert_eq!(
        inner,
        [
            ("A".to_owned(), "1".to_owned()),
            ("B".to_owned(), "0".to_owned())
        ],
        "inner indicators' scores"
    );
    assert_eq!(outer.items().count(), 0, "O holds indicators, not items");
    let item_ids: Vec<&str> = card.items().map(|i| i.id().as_str()).collect();
    assert_eq!(item_ids, ["a", "b", "p"], "items in document order");
    // Total 10 − (6 + 1) = 3
    assert_decimal(card.score(), "3", "total");
    assert_eq!(
        card.rule("rb2").unwrap().reason(),
        "违反rb2：3起，扣3分，受“外层”分值6分所限，实扣1分",
        "rb2 reason names the outer indicator"
    );
    assert_eq!(
        card.item("b").unwrap().reason(),
        "违反rb1，扣1分；违反rb2：3起，扣3分，受“外层”分值6分所限，实扣1分；违反rb3，扣2分，受“外层”分值6分所限，实扣0分；违反rb0，扣0分",
        "item b reason"
    );
    let json = serde_json::to_value(&card).unwrap();
    assert_eq!(json["indicators"][0]["score"], "0", "O score in JSON");
    assert_eq!(
        json["indicators"][0]["indicators"][1]["id"], "B",
        "B nested in JSON"
    );
    assert_eq!(
        json["indicators"][0]["indicators"][1]["items"][0]["rules"][1]["limited_by"],
        serde_json::json!({"kind": "node", "id": "O", "points": "6"}),
        "rb2 limited_by in JSON"
    );
}

/// When the item and its indicator have the same room left, the nearest
/// node (the item) is reported.
#[test]
fn tie_between_item_and_indicator_names_the_item() {
    let rubric = Rubric::new(spec(
        "5",
        vec![items(
            "X",
            "组",
            "5",
            vec![item(
                "x",
                "5",
                vec![
                    rule("f1", Trigger::Flag, flat("3")),
                    rule("f2", Trigger::Flag, flat("3")),
                ],
            )],
        )],
    ))
    .unwrap();
    let inspection = Inspection::new()
        .with("f1", true)
        .unwrap()
        .with("f2", true)
        .unwrap();
    let card = rubric.evaluate(&inspection).unwrap();
    // f1: 3; f2: 3, but x and X both have 5 − 3 = 2 left → 2
    assert_decimal(card.rule("f1").unwrap().deducted(), "3", "f1 keeps 3");
    let f2 = card.rule("f2").unwrap();
    assert_decimal(f2.deducted(), "2", "f2 gives way");
    assert!(
        Limit::Node("x", "5").matches(f2.limited_by()),
        "f2 limited by the item: {:?}",
        f2.limited_by()
    );
    assert_decimal(card.score(), "0", "total");
}

/// A zero-point rule in an exhausted item deducts nothing and is not
/// reported as limited.
#[test]
fn zero_point_rule_after_the_item_is_spent_is_not_limited() {
    let rubric = Rubric::new(spec(
        "2",
        vec![items(
            "G",
            "组",
            "2",
            vec![item(
                "i",
                "2",
                vec![
                    rule("big", Trigger::Flag, flat("2")),
                    rule("zero", Trigger::Flag, flat("0")),
                ],
            )],
        )],
    ))
    .unwrap();
    let inspection = Inspection::new()
        .with("big", true)
        .unwrap()
        .with("zero", true)
        .unwrap();
    let card = rubric.evaluate(&inspection).unwrap();
    let zero = card.rule("zero").unwrap();
    assert_eq!(zero.breaches(), 1, "breach recorded");
    assert_decimal(zero.deducted(), "0", "nothing deducted");
    assert!(
        zero.limited_by().is_none(),
        "0 is not trimmed: {:?}",
        zero.limited_by()
    );
}

/// A rubric with items but no rules is valid and gives full marks; so is
/// one with no indicators at all (total 0).
#[test]
fn rubric_without_rules_is_full_marks() {
    let rubric = Rubric::new(spec(
        "10",
        vec![items("G", "组", "10", vec![item("i", "10", vec![])])],
    ))
    .unwrap();
    let inspection = Inspection::new();
    let card = rubric.evaluate(&inspection).unwrap();
    assert_decimal(card.score(), "10", "no rules: full marks");
    assert_eq!(card.rules().count(), 0, "no rule outcomes");
    assert_eq!(card.items().count(), 1, "one item outcome");
    assert!(card.is_complete(), "no rules, so none is unassessed");
    assert_eq!(card.item("i").unwrap().reason(), "", "no reason");

    let empty = Rubric::new(spec("0", vec![])).unwrap();
    let card = empty.evaluate(&inspection).unwrap();
    assert_decimal(card.score(), "0", "empty rubric: 0 of 0");
    assert_eq!(card.indicators().count(), 0, "no indicators");
}

// ---------------------------------------------------------------------------
// Construction errors
// ---------------------------------------------------------------------------

#[test]
fn duplicate_ids_are_refused() {
    let cases = [
        (
            "two rules",
            spec(
                "5",
                vec![items(
                    "G",
                    "组",
                    "5",
                    vec![item(
                        "i",
                        "5",
                        vec![
                            rule("r", Trigger::Flag, flat("1")),
                            rule("r", Trigger::Count, per("1")),
                        ],
                    )],
                )],
            ),
            "r",
        ),
        (
            "a rule named like its item",
            spec(
                "5",
                vec![items(
                    "G",
                    "组",
                    "5",
                    vec![item("i", "5", vec![rule("i", Trigger::Flag, flat("1"))])],
                )],
            ),
            "i",
        ),
        (
            "two items in different indicators",
            spec(
                "10",
                vec![
                    items("G1", "一", "5", vec![item("i", "5", vec![])]),
                    items("G2", "二", "5", vec![item("i", "5", vec![])]),
                ],
            ),
            "i",
        ),
        (
            "an inner indicator named like the outer",
            spec(
                "5",
                vec![indicators(
                    "G",
                    "外",
                    "5",
                    vec![items("G", "内", "5", vec![])],
                )],
            ),
            "G",
        ),
    ];
    for (name, spec, dup) in cases {
        let err = Rubric::new(spec).unwrap_err();
        assert_eq!(err, RubricError::DuplicateId { id: id(dup) }, "{name}");
        assert_eq!(
            err.to_string(),
            format!("id `{dup}` is used more than once"),
            "{name}: message"
        );
    }
}

#[test]
fn total_mismatch_is_refused() {
    let err = Rubric::new(spec(
        "100",
        vec![
            items("G1", "一", "60", vec![]),
            items("G2", "二", "30", vec![]),
        ],
    ))
    .unwrap_err();
    // 60 + 30 = 90 ≠ 100
    assert_eq!(
        err.to_string(),
        "declared total `100` differs from the sum of the top-level indicators `90`",
        "whole points"
    );
    let err = Rubric::new(spec(
        "10",
        vec![
            items("G1", "一", "2.5", vec![]),
            items("G2", "二", "2.50", vec![]),
        ],
    ))
    .unwrap_err();
    // 2.5 + 2.5 = 5 ≠ 10
    assert_eq!(
        err,
        RubricError::TotalMismatch {
            declared: pts("10"),
            sum: dec("5")
        },
        "decimal points"
    );
    assert_eq!(
        err.to_string(),
        "declared total `10` differs from the sum of the top-level indicators `5`",
        "decimal points: message"
    );
    // Exactly equal in decimals: 0.1 + 0.2 = 0.3 (no float residue)
    assert!(
        Rubric::new(spec(
            "0.3",
            vec![
                items("G1", "一", "0.1", vec![]),
                items("G2", "二", "0.2", vec![])
            ],
        ))
        .is_ok(),
        "0.1 + 0.2 = 0.3 exactly"
    );
}

/// Indicators nested `levels` deep (`L1` outermost), with one item `i` and
/// one flag rule `r` (flat 1) at the bottom; every level has 10 points.
fn nested(levels: usize) -> RubricSpec {
    let mut node = items(
        &format!("L{levels}"),
        "底层",
        "10",
        vec![item("i", "10", vec![rule("r", Trigger::Flag, flat("1"))])],
    );
    for level in (1..levels).rev() {
        node = indicators(&format!("L{level}"), "层", "10", vec![node]);
    }
    spec("10", vec![node])
}

#[test]
fn nesting_depth_limit() {
    assert_eq!(Rubric::MAX_DEPTH, 16, "the documented depth limit");
    // 16 levels: valid, and evaluation walks all of them.
    let rubric = Rubric::new(nested(16)).unwrap();
    let inspection = Inspection::new().with("r", true).unwrap();
    let card = rubric.evaluate(&inspection).unwrap();
    // 10 − 1 = 9 at every level
    assert_decimal(card.score(), "9", "16 levels: total");
    assert_decimal(card.item("i").unwrap().score(), "9", "16 levels: item");
    let mut level = card.indicators().next();
    let mut depth = 0;
    while let Some(ind) = level {
        depth += 1;
        assert_decimal(ind.score(), "9", &format!("score of level {depth}"));
        level = ind.indicators().next();
    }
    assert_eq!(depth, 16, "16 indicator levels in the scorecard");

    // 17 levels: refused, naming the first indicator below the limit.
    let err = Rubric::new(nested(17)).unwrap_err();
    assert_eq!(
        err,
        RubricError::TooDeep {
            id: id("L17"),
            max: 16
        },
        "17 levels"
    );
    assert_eq!(
        err.to_string(),
        "indicator `L17` is nested deeper than 16 levels",
        "17 levels: message"
    );
    // Far deeper still: the same error, no stack exhaustion.
    let err = Rubric::new(nested(2000)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "indicator `L17` is nested deeper than 16 levels",
        "2000 levels"
    );
}

/// The same checks run when a rubric is read from JSON.
#[test]
fn rubric_json_runs_the_same_checks() {
    let json = serde_json::to_string(&nested(17)).unwrap();
    let err = serde_json::from_str::<Rubric>(&json).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("indicator `L17` is nested deeper than 16 levels"),
        "17 levels through JSON: {err}"
    );
    // Nesting beyond what a JSON parser recurses into is an error, not a crash.
    let mut deep = String::new();
    for level in 0..5000 {
        deep.push_str(&format!(
            r#"{{"id": "L{level}", "name": "层", "points": "1", "indicators": ["#
        ));
    }
    let deep = format!(r#"{{"id": "d", "title": "深", "total": "1", "indicators": [{deep}"#);
    assert!(
        serde_json::from_str::<Rubric>(&deep).is_err(),
        "5000 levels of JSON"
    );

    let both = r#"{"id": "t", "title": "t", "total": "5", "indicators": [
        {"id": "G", "name": "组", "points": "5", "indicators": [], "items": []}]}"#;
    let err = serde_json::from_str::<Rubric>(both).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("indicator `G` has both `indicators` and `items`; give one"),
        "indicator with both children kinds: {err}"
    );
    let mismatch = r#"{"id": "t", "title": "t", "total": "6", "indicators": [
        {"id": "G", "name": "组", "points": "5", "items": []}]}"#;
    let err = serde_json::from_str::<Rubric>(mismatch).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("declared total `6` differs from the sum of the top-level indicators `5`"),
        "total mismatch through JSON: {err}"
    );
}

/// Points in rubric JSON: strings and numbers both read exactly.
#[test]
fn rubric_json_points_are_exact() {
    let json = r#"{
        "id": "json",
        "title": "JSON",
        "total": 5,
        "indicators": [{
            "id": "G", "name": "组", "points": "5",
            "items": [
                {"id": "i1", "serial": "1", "points": "2.5", "requirement": "",
                 "rules": [{"id": "r1", "label": "甲", "text": "",
                            "trigger": {"kind": "count"},
                            "penalty": {"kind": "per_occurrence", "points": 0.1}}]},
                {"id": "i2", "serial": "2", "points": 2.5, "requirement": "",
                 "rules": [{"id": "r2", "label": "乙", "text": "",
                            "trigger": {"kind": "flag"},
                            "penalty": {"kind": "capped", "points": "0.1", "cap": 0.3}}]}
            ]
        }]
    }"#;
    let rubric: Rubric = ducha::json::from_str(json).unwrap();
    for item_id in ["i1", "i2"] {
        let points = rubric.item(item_id).unwrap().points;
        assert_eq!(points.get(), dec("2.5"), "{item_id}: 2.5 exactly");
        assert_eq!(points.to_string(), "2.5", "{item_id}: printed");
    }
    let r1 = rubric.rule("r1").unwrap().penalty.points().unwrap().get();
    assert_eq!(
        r1,
        Decimal::new(1, 1),
        "0.1 as a JSON number is exactly 0.1"
    );
    assert_eq!(r1.to_string(), "0.1", "0.1 printed");
    assert_eq!(
        rubric.rule("r2").unwrap().penalty.cap().unwrap().get(),
        Decimal::new(3, 1),
        "cap 0.3 exactly"
    );

    // 3 × 0.1 = 0.3 exactly (as floats it would be 0.30000000000000004);
    // 25 × 0.1 = 2.5 = the item; 26 × 0.1 = 2.6 → bounded to 2.5
    for (count, raw, deducted, score) in [
        (3u64, "0.3", "0.3", "2.2"),
        (25, "2.5", "2.5", "0"),
        (26, "2.6", "2.5", "0"),
    ] {
        let inspection = Inspection::new().with("r1", count).unwrap();
        let card = rubric.evaluate(&inspection).unwrap();
        let r = card.rule("r1").unwrap();
        assert_decimal(r.raw(), raw, &format!("r1 × {count}: raw"));
        assert_decimal(r.deducted(), deducted, &format!("r1 × {count}: deduction"));
        // By value only: the printed form of a score is the subject of
        // `scores_print_without_trailing_zeros`.
        assert_eq!(
            card.item("i1").unwrap().score(),
            dec(score),
            "r1 × {count}: item score"
        );
    }
    // A number is read as written: 0.30000000000000004 is that number,
    // which has more decimal places than points may have.
    let long = json.replace(r#""points": 0.1"#, r#""points": 0.30000000000000004"#);
    let err = ducha::json::from_str::<Rubric>(&long).unwrap_err();
    assert_eq!(
        err.message,
        "points `0.30000000000000004` have more than 6 decimal places at line 11 column 96",
        "long JSON number"
    );
}

/// Scores print like points: without trailing zeros. An item of 2.5 points
/// less 0.5 scores 2, printed `2` as the JSON scorecard prints it, not `2.0`;
/// less 2.5 it scores `0`, not `0.0`. (Points promise "equal points print
/// alike"; `deducted()` is normalized, `score()` is `points − deducted`
/// without normalizing.)
#[test]
fn scores_print_without_trailing_zeros() {
    let rubric = Rubric::new(spec(
        "2.5",
        vec![items(
            "G",
            "组",
            "2.5",
            vec![item(
                "i",
                "2.5",
                vec![
                    rule("half", Trigger::Flag, flat("0.5")),
                    rule("two", Trigger::Flag, flat("2")),
                ],
            )],
        )],
    ))
    .unwrap();
    // half: 2.5 − 0.5 = 2; half + two: 2.5 − 2.5 = 0
    let cases = [
        (
            "2.5 − 0.5",
            Inspection::new().with("half", true).unwrap(),
            "2",
        ),
        (
            "2.5 − 2.5",
            Inspection::new()
                .with("half", true)
                .unwrap()
                .with("two", true)
                .unwrap(),
            "0",
        ),
    ];
    for (name, inspection, score) in cases {
        let card = rubric.evaluate(&inspection).unwrap();
        let json = serde_json::to_value(&card).unwrap();
        assert_eq!(json["score"], score, "{name}: JSON total score");
        assert_decimal(card.score(), score, &format!("{name}: total score"));
        let group = card.indicators().next().unwrap();
        assert_decimal(group.score(), score, &format!("{name}: indicator score"));
        let item = card.item("i").unwrap();
        assert_decimal(item.score(), score, &format!("{name}: item score"));
    }
}

// ---------------------------------------------------------------------------
// Evaluation errors
// ---------------------------------------------------------------------------

/// Rubric `mine`: item `i` (10) with flag rule `f` (flat 1) and count rule
/// `c` (1 per case, at most 5).
fn two_rules() -> Rubric {
    Rubric::new(spec(
        "10",
        vec![items(
            "G",
            "组",
            "10",
            vec![item(
                "i",
                "10",
                vec![
                    rule("f", Trigger::Flag, flat("1")),
                    rule("c", Trigger::Count, capped("1", "5")),
                ],
            )],
        )],
    ))
    .unwrap()
}

#[test]
fn evaluation_error_messages() {
    let rubric = two_rules();
    let json = |text: &str| ducha::json::from_str::<Inspection>(text).unwrap();
    let cases: Vec<(&str, Inspection, &str)> = vec![
        (
            "unknown rule",
            Inspection::new().with("zz", true).unwrap(),
            "unknown rule `zz`",
        ),
        (
            "an item id is not a rule",
            Inspection::new().with("i", true).unwrap(),
            "unknown rule `i`",
        ),
        (
            "a count given to a flag rule",
            Inspection::new().with("f", 2u64).unwrap(),
            "rule `f` expects a flag (true, false or one finding), got a count",
        ),
        (
            "a list of findings given to a flag rule",
            Inspection::new().with("f", Fact::findings(["甲"])).unwrap(),
            "rule `f` expects a flag (true, false or one finding), got a list of findings",
        ),
        (
            "a flag given to a count rule",
            Inspection::new().with("c", true).unwrap(),
            "rule `c` expects a count (a whole number or a list of findings), got a flag",
        ),
        (
            "one finding given to a count rule",
            Inspection::new().with("c", Finding::new("甲")).unwrap(),
            "rule `c` expects a count (a whole number or a list of findings), got one finding",
        ),
        (
            "a measure \"0.5\" given to a count rule",
            json(r#"{"facts": {"c": "0.5"}}"#),
            "rule `c` reads a whole number from 0 to 18446744073709551615, got `0.5`",
        ),
        (
            "a measure 0.5 given to a count rule",
            json(r#"{"facts": {"c": 0.5}}"#),
            "rule `c` reads a whole number from 0 to 18446744073709551615, got `0.5`",
        ),
        (
            "a measure given to a flag rule",
            json(r#"{"facts": {"f": "1"}}"#),
            "rule `f` expects a flag (true, false or one finding), got a measured value",
        ),
        (
            "an inspection for another rubric",
            Inspection::new()
                .for_rubric("other")
                .unwrap()
                .with("f", true)
                .unwrap(),
            "inspection is for rubric `other`, not `mine`",
        ),
        (
            "the first bad fact in rule-id order is reported (c before f)",
            Inspection::new()
                .with("f", 2u64)
                .unwrap()
                .with("c", true)
                .unwrap(),
            "rule `c` expects a count (a whole number or a list of findings), got a flag",
        ),
    ];
    for (name, inspection, message) in cases {
        let err = rubric
            .evaluate(&inspection)
            .err()
            .unwrap_or_else(|| panic!("{name}: expected an error"));
        assert_eq!(err.to_string(), message, "{name}");
    }
    // The structured forms.
    let inspection = Inspection::new().with("f", 2u64).unwrap();
    assert_eq!(
        rubric.evaluate(&inspection).unwrap_err(),
        EvalError::WrongFactType {
            rule: id("f"),
            expected: ducha::TriggerKind::Flag,
            found: ducha::FactKind::Count,
        },
        "wrong fact type, structured"
    );
    let inspection = Inspection::new().for_rubric("other").unwrap();
    assert_eq!(
        rubric.evaluate(&inspection).unwrap_err(),
        EvalError::RubricMismatch {
            expected: id("mine"),
            found: id("other")
        },
        "rubric mismatch, structured"
    );
    // The right rubric id is accepted.
    let inspection = Inspection::new()
        .for_rubric("mine")
        .unwrap()
        .with("c", 9u64)
        .unwrap();
    let card = rubric.evaluate(&inspection).unwrap();
    // 9 × 1 = 9, capped at 5 → 10 − 5 = 5
    assert_decimal(card.score(), "5", "inspection naming the right rubric");
}

// ---------------------------------------------------------------------------
// Inspection JSON edge cases
// ---------------------------------------------------------------------------

fn parse_err(text: &str) -> String {
    ducha::json::from_str::<Inspection>(text)
        .err()
        .unwrap_or_else(|| panic!("expected an error for {text}"))
        .message
}

#[test]
fn inspection_json_errors() {
    let cases = [
        (
            "duplicate fact key",
            r#"{"facts": {"c": 1, "f": true, "c": 2}}"#,
            "fact for rule `c` given twice",
        ),
        (
            "unknown top-level field",
            r#"{"facts": {}, "fact": {}}"#,
            "unknown field `fact`",
        ),
        (
            "unknown field in a finding",
            r#"{"facts": {"f": {"note": "甲", "when": "2026-01-01"}}}"#,
            "unknown field `when`",
        ),
        (
            "invalid rule id",
            r#"{"facts": {"7 a": 1}}"#,
            "id `7 a` contains white space or a control character",
        ),
        (
            "a period that ends before it starts",
            r#"{"period": {"from": "2026-12-31", "to": "2026-01-01"}, "facts": {}}"#,
            "period ends `2026-01-01` before it starts `2026-12-31`",
        ),
        (
            "a measure as text that begins like a number but is not one",
            r#"{"facts": {"c": "1.2.3"}}"#,
            "`1.2.3` is not a decimal number",
        ),
    ];
    for (name, text, prefix) in cases {
        let message = parse_err(text);
        assert!(
            message.starts_with(prefix),
            "{name}: `{message}` should start with `{prefix}`"
        );
    }
}

#[test]
fn inspection_json_accepts_the_edges() {
    let rubric = two_rules();
    // u64::MAX is the largest count: read exactly, evaluated without error.
    let inspection: Inspection =
        ducha::json::from_str(r#"{"facts": {"c": 18446744073709551615, "f": {"note": ""}}}"#)
            .unwrap();
    assert_eq!(
        inspection.facts().get("c"),
        Some(&Fact::Count(u64::MAX)),
        "u64::MAX read exactly"
    );
    let card = rubric.evaluate(&inspection).unwrap();
    // c: capped at 5; f: one finding with an empty note → 1; 10 − 6 = 4
    assert_decimal(card.rule("c").unwrap().deducted(), "5", "c at u64::MAX");
    assert_eq!(
        card.rule("f").unwrap().breaches(),
        1,
        "an empty finding is a breach"
    );
    assert_eq!(
        card.rule("f").unwrap().reason(),
        "违反f，扣1分",
        "empty note, no parentheses"
    );
    assert_decimal(card.score(), "4", "total");

    // Facts keep their types through a round trip.
    let text = serde_json::to_string(&inspection).unwrap();
    let back: Inspection = ducha::json::from_str(&text).unwrap();
    assert_eq!(back, inspection, "inspection JSON round-trips");

    // A missing `facts` is no facts; JSON `"0.95"` and `0.95` read the same measure.
    let empty: Inspection = ducha::json::from_str("{}").unwrap();
    assert!(empty.facts().is_empty(), "no facts");
    let a: Inspection = ducha::json::from_str(r#"{"facts": {"m": "0.95"}}"#).unwrap();
    let b: Inspection = ducha::json::from_str(r#"{"facts": {"m": 0.95}}"#).unwrap();
    assert_eq!(
        a.facts().get("m"),
        Some(&Fact::Measure(dec("0.95"))),
        "string measure"
    );
    assert_eq!(
        b.facts().get("m"),
        Some(&Fact::Measure(dec("0.95"))),
        "number measure"
    );
}

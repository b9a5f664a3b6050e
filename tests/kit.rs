//! The test kit itself: the invariant checker must catch broken
//! evaluators, the strategies must produce what they promise, and example
//! mismatches must be reported precisely.

use std::cell::Cell;

use ducha::testing::{Invariants, check_invariants, inspections, rubrics};
use ducha::{Decimal, Fact, Inspection, Rubric};
use proptest::prelude::*;
use serde_json::Value;

use crate::common::year_2026;

fn seed() -> Rubric {
    ducha::seed::yuxi()
}

/// The real evaluator's scorecard as a JSON value, for stubs to corrupt.
fn real(rubric: &Rubric, inspection: &Inspection) -> Value {
    serde_json::to_value(rubric.evaluate(inspection).unwrap()).unwrap()
}

fn items_mut(card: &mut Value) -> Vec<&mut Value> {
    card["indicators"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .flat_map(|g| g["items"].as_array_mut().unwrap().iter_mut())
        .collect()
}

#[test]
fn the_real_evaluator_passes() {
    check_invariants(&seed()).unwrap();
    Invariants::new(&ducha::seed::yuxi())
        .cases(32)
        .period(year_2026())
        .check()
        .unwrap();
}

#[test]
fn a_score_out_of_range_is_caught() {
    let rubric = seed();
    // Stub: forgets the item bound, so an item can go below 0.
    let failure = Invariants::new(&rubric)
        .evaluator(|i| {
            let mut card = real(&rubric, i);
            for item in items_mut(&mut card) {
                let mut deducted = Decimal::ZERO;
                for rule in item["rules"].as_array().unwrap() {
                    let raw: Decimal = rule["raw"].as_str().unwrap().parse().unwrap();
                    let cap = rubric
                        .rule(rule["id"].as_str().unwrap())
                        .unwrap()
                        .penalty
                        .cap();
                    deducted += cap.map_or(raw, |c| raw.min(c.get()));
                }
                let points: Decimal = item["points"].as_str().unwrap().parse().unwrap();
                item["deducted"] = Value::String(deducted.to_string());
                item["score"] = Value::String((points - deducted).to_string());
            }
            Ok(card.to_string())
        })
        .check()
        .unwrap_err();
    assert!(
        failure
            .message
            .starts_with("every score lies in [0, points]: `"),
        "{failure}"
    );
    // The smallest failing inspection is shown, and is small.
    let shown: Inspection = serde_json::from_str(&failure.inspection).unwrap();
    assert!(shown.facts.len() <= 2, "shrunk: {}", failure.inspection);
    assert!(failure.to_string().contains("smallest failing inspection:"));
}

#[test]
fn a_cap_ignored_is_caught() {
    let rubric = seed();
    // Stub: reports 6b (capped at 5) with its raw deduction.
    let failure = Invariants::new(&rubric)
        .evaluator(|i| {
            let mut card = real(&rubric, i);
            for item in items_mut(&mut card) {
                for rule in item["rules"].as_array_mut().unwrap() {
                    if rule["id"] == "6b" {
                        rule["deducted"] = rule["raw"].clone();
                    }
                }
            }
            Ok(card.to_string())
        })
        .check()
        .unwrap_err();
    assert!(
        failure.message.starts_with(
            "a rule deducts at most its raw amount and its cap: `6b` deducts 6 (raw 6, cap 5)"
        ),
        "{failure}"
    );
    let shown: Inspection = serde_json::from_str(&failure.inspection).unwrap();
    assert_eq!(
        shown.facts.len(),
        1,
        "only 6b is needed: {}",
        failure.inspection
    );
}

#[test]
fn non_determinism_is_caught() {
    let rubric = seed();
    let calls = Cell::new(0u32);
    let failure = Invariants::new(&rubric)
        .evaluator(|i| {
            calls.set(calls.get() + 1);
            let mut card = real(&rubric, i);
            card["rubric"] = Value::String(format!("run {}", calls.get()));
            Ok(card.to_string())
        })
        .check()
        .unwrap_err();
    assert_eq!(
        failure.message,
        "evaluation is not deterministic: two runs gave different bytes"
    );
}

#[test]
fn a_score_that_rises_with_a_breach_is_caught() {
    let rubric = seed();
    // Stub: when 2b is breached, forgives everything: a breach of 2b then
    // raises every score that other breaches had lowered.
    let failure = Invariants::new(&rubric)
        .evaluator(|i| {
            let mut forgiven = i.clone();
            forgiven.facts = Default::default();
            let breached = matches!(i.facts.get("2b"), Some(Fact::Flag(true) | Fact::Finding(_)));
            let used = if breached { &forgiven } else { i };
            Ok(serde_json::to_string(&rubric.evaluate(used).unwrap()).unwrap())
        })
        .check()
        .unwrap_err();
    assert!(
        failure
            .message
            .starts_with("one more breach never raises a score: one more of `2b` raised `"),
        "{failure}"
    );
}

#[test]
fn full_marks_without_facts_is_checked() {
    let rubric = seed();
    let failure = Invariants::new(&rubric)
        .evaluator(|i| {
            let mut card = real(&rubric, i);
            card["score"] = Value::String("99".into());
            card["deducted"] = Value::String("1".into());
            Ok(card.to_string())
        })
        .check()
        .unwrap_err();
    assert_eq!(
        failure.message,
        "no facts must mean full marks: `yuxi-shuangsuiji` scores 99 of 100"
    );
}

#[test]
fn an_evaluation_error_is_a_failure() {
    let rubric = seed();
    let failure = Invariants::new(&rubric)
        .evaluator(|_| Err("service unavailable".into()))
        .check()
        .unwrap_err();
    assert_eq!(failure.message, "evaluation failed: service unavailable");
}

#[test]
fn example_mismatches_are_precise() {
    let mut spec = ducha::seed::yuxi_spec();
    let example = &mut spec.examples[0];
    example.score = Some("70".parse().unwrap());
    example
        .deductions
        .insert("7a".parse().unwrap(), "2".parse().unwrap());
    example
        .deductions
        .insert("9z".parse().unwrap(), "1".parse().unwrap());
    let rubric = Rubric::new(spec).unwrap();
    let got: Vec<String> = rubric
        .check_examples()
        .iter()
        .map(|m| m.to_string())
        .collect();
    let name = "2026年度抽查样例（examples/data/yuxi-sample.json）";
    assert_eq!(
        got,
        [
            format!("example `{name}`: score: expected 70, got 69.5"),
            format!("example `{name}`: rule `7a` deducted: expected 2, got 1"),
            format!("example `{name}`: rule `9z` deducted: expected 1, got no such rule"),
        ]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Generated inspections are valid for their rubric and keep their
    /// dates inside the period.
    #[test]
    fn generated_inspections_evaluate(inspection in inspections(&ducha::seed::yuxi(), year_2026())) {
        let rubric = ducha::seed::yuxi();
        prop_assert!(rubric.evaluate(&inspection).is_ok());
        let period = year_2026();
        for fact in inspection.facts.values() {
            match fact {
                Fact::Dates(d) => {
                    let inside = d.iter().all(|d| period.from() <= *d && *d <= period.to());
                    prop_assert!(inside, "dates inside the period");
                }
                Fact::Cases(c) => {
                    let inside = c.iter().all(|c| {
                        [c.start, c.due, c.done].iter().flatten().all(|d| period.from() <= *d && *d <= period.to())
                    });
                    prop_assert!(inside, "case dates inside the period");
                }
                _ => {}
            }
        }
    }

    /// Generated rubrics are valid and pass every invariant.
    #[test]
    fn generated_rubrics_hold(rubric in rubrics()) {
        let result = Invariants::new(&rubric).cases(8).period(year_2026()).check();
        prop_assert!(result.is_ok(), "{}", result.unwrap_err());
    }
}

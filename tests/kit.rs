//! The test kit itself: the invariant checker must catch broken
//! evaluators, the strategies must produce what they promise, and example
//! mismatches must be reported precisely.

use std::cell::Cell;

use ducha::testing::{Invariants, check_invariants, inspections, one_more_breach_in, rubrics};
use ducha::{Decimal, Fact, Inspection, Rubric};
use proptest::prelude::*;
use serde_json::Value;

use crate::common::{GRADES, year_2026};

fn seed() -> Rubric {
    ducha::seed::yuxi()
}

/// The real evaluator's scorecard as a JSON value, for stubs to corrupt.
fn real(rubric: &Rubric, inspection: &Inspection) -> Value {
    serde_json::to_value(rubric.evaluate(inspection).unwrap()).unwrap()
}

/// The failure the checker reports for the real evaluator's scorecards
/// as `edit` corrupts them (over the default period, 2026).
fn corrupted(
    rubric: &Rubric,
    edit: impl Fn(&Inspection, &mut Value),
) -> ducha::testing::InvariantFailure {
    Invariants::new(rubric)
        .evaluator(|i| {
            let mut card = real(rubric, i);
            edit(i, &mut card);
            Ok(card.to_string())
        })
        .check()
        .unwrap_err()
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
    let failure = corrupted(&rubric, |_, card| {
        for item in items_mut(card) {
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
    });
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
    let failure = corrupted(&rubric, |_, card| {
        for item in items_mut(card) {
            for rule in item["rules"].as_array_mut().unwrap() {
                if rule["id"] == "6b" {
                    rule["deducted"] = rule["raw"].clone();
                }
            }
        }
    });
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
fn a_deduction_mispriced_is_caught() {
    let rubric = seed();
    // Stub: 2b (flat 2.5) deducts 5.
    let failure = corrupted(&rubric, |_, card| {
        for item in items_mut(card) {
            for rule in item["rules"].as_array_mut().unwrap() {
                if rule["id"] == "2b" && rule["raw"] == "2.5" {
                    rule["raw"] = Value::String("5".into());
                }
            }
        }
    });
    assert_eq!(
        failure.message,
        "a rule's deduction is what its penalty gives its breaches: `2b` (breaches 1) deducts 5 after its cap, expected 2.5"
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
    let failure = corrupted(&rubric, |_, card| {
        card["score"] = Value::String("99".into());
        card["deducted"] = Value::String("1".into());
    });
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

// ---------------------------------------------------------------------------
// The whole card: each invariant catches an evaluator that breaks it.

/// A rubric from its JSON.
fn load(text: &str) -> Rubric {
    ducha::json::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// A rubric of 100: indicators `A` (item `A1`: `a1` flag −10, `a2` −1 per
/// breach) and `B` (item `B1`: `b1` flag −10), with `extra` top-level
/// fields and `veto_a1` on rule `a1` (as in `tests/card.rs`).
fn card_rubric(extra: &str, veto_a1: &str) -> Rubric {
    load(&crate::common::card_rubric_json(extra, veto_a1))
}

/// A bonus section of cap 3: `j1` 0.5 per breach up to 2 in an item of 2,
/// `j2` a flag worth 2 in an item of 2.
const BONUS: &str = r#""bonus": {"id": "J", "name": "加分项", "cap": "3", "items": [
    {"id": "J1", "serial": "加1", "points": "2", "requirement": "q", "rules": [
      {"id": "j1", "label": "积极分子", "text": "", "trigger": {"kind": "count"},
       "penalty": {"kind": "capped", "points": "0.5", "cap": "2"}}]},
    {"id": "J2", "serial": "加2", "points": "2", "requirement": "q", "rules": [
      {"id": "j2", "label": "省级先进", "text": "", "trigger": {"kind": "flag"},
       "penalty": {"kind": "flat", "points": "2"}}]}]},"#;

/// A penalty section without a cap: `k1` −3.5 per breach.
const PENALTIES: &str = r#""penalties": {"id": "K", "name": "扣分项", "items": [
    {"id": "K1", "serial": "扣1", "points": "1000", "requirement": "q", "rules": [
      {"id": "k1", "label": "被通报批评", "text": "", "trigger": {"kind": "count"},
       "penalty": {"kind": "per_occurrence", "points": "3.5"}}]}]},"#;

/// The real evaluator passes every whole-card invariant on rubrics with
/// each element, and on the real rubrics of `tests/conformance/`.
#[test]
fn the_real_evaluator_passes_on_whole_cards() {
    for rubric in [
        card_rubric(&format!("{GRADES}{BONUS}{PENALTIES}"), ""),
        card_rubric(
            GRADES,
            r#", "veto": {"scope": "card", "score": "59", "grade": "不合格"}"#,
        ),
        card_rubric("", r#", "veto": {"scope": "indicator"}"#),
        card_rubric(
            r#""not_applicable": "rescale", "rounding": {"places": 1, "mode": "half_up"},"#,
            r#", "veto": {"scope": "item"}"#,
        ),
    ] {
        Invariants::new(&rubric).cases(48).check().unwrap();
    }
}

#[test]
fn a_bonus_above_its_cap_is_caught() {
    let rubric = card_rubric(BONUS, "");
    // Stub: forgets the section's cap.
    let failure = corrupted(&rubric, |_, card| {
        let items: Decimal = card["bonus"]["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["credited"].as_str().unwrap().parse::<Decimal>().unwrap())
            .sum();
        let base: Decimal = card["base"].as_str().unwrap().parse().unwrap();
        card["bonus"]["credited"] = Value::String(items.to_string());
        card["bonus"]["counted"] = Value::String(items.to_string());
        card["score"] = Value::String((base + items).to_string());
    });
    assert!(
        failure
            .message
            .starts_with("the bonus lies in [0, cap]: `J` credits ")
            && failure.message.ends_with(", cap 3"),
        "{failure}"
    );
}

/// The negative floor of `tests/card.rs`: item `I` of 4 points may fall to
/// −2 ("倒扣最多2分"), rule `a` −1 per breach.
fn floor_rubric() -> Rubric {
    load(
        r#"{"id": "r", "title": "t", "total": "10", "indicators": [
      {"id": "G", "name": "粮食生产", "points": "4", "floor": "-2", "items": [
        {"id": "I", "serial": "1", "points": "4", "floor": "-2", "requirement": "q", "rules": [
          {"id": "a", "label": "耕地面积减少", "text": "", "trigger": {"kind": "count"},
           "penalty": {"kind": "per_occurrence", "points": "1"}}]}]},
      {"id": "H", "name": "其他", "points": "6", "items": [
        {"id": "J", "serial": "2", "points": "6", "requirement": "q", "rules": []}]}]}"#,
    )
}

#[test]
fn a_floor_ignored_is_caught() {
    let rubric = floor_rubric();
    // Stub: item `I` deducts every breach, past its floor.
    let failure = corrupted(&rubric, |_, card| {
        let item = &mut card["indicators"][0]["items"][0];
        let raw: Decimal = item["rules"][0]["raw"].as_str().unwrap().parse().unwrap();
        item["deducted"] = Value::String(raw.to_string());
        item["score"] = Value::String((Decimal::from(4) - raw).to_string());
    });
    assert!(
        failure
            .message
            .starts_with("every score lies in [-2, points]: `I` scores -"),
        "{failure}"
    );
    // The other way: the floor taken for 0.
    let failure = corrupted(&rubric, |_, card| {
        let item = &mut card["indicators"][0]["items"][0];
        let score: Decimal = item["score"].as_str().unwrap().parse().unwrap();
        if score < Decimal::ZERO {
            item["deducted"] = Value::String("4".into());
            item["score"] = Value::String("0".into());
        }
    });
    assert!(
        failure.message.starts_with(
            "a node deducts its children's sum, at most its points less its floor: `I` deducts 4, children "
        ),
        "{failure}"
    );
}

#[test]
fn a_grade_that_does_not_match_the_score_is_caught() {
    let rubric = card_rubric(GRADES, "");
    // Stub: always the best grade.
    let failure = corrupted(&rubric, |_, card| {
        card["grade"] = Value::String("甲级".into());
    });
    assert!(
        failure
            .message
            .starts_with("the grade is the grade table's for the final score: "),
        "{failure}"
    );
    assert!(
        failure.message.ends_with("the card says `甲级`"),
        "{failure}"
    );
}

#[test]
fn a_veto_not_listed_is_caught() {
    let rubric = card_rubric("", r#", "veto": {"scope": "item"}"#);
    // Stub: zeroes the item but does not say why.
    let failure = corrupted(&rubric, |_, card| {
        card.as_object_mut().unwrap().remove("vetoes");
    });
    assert_eq!(
        failure.message,
        "a veto that fired is listed: `a1` has a breach, the scorecard lists none"
    );
    let shown: Inspection = serde_json::from_str(&failure.inspection).unwrap();
    assert_eq!(
        shown.facts.len(),
        1,
        "only a1 is needed: {}",
        failure.inspection
    );
}

#[test]
fn a_veto_without_effect_is_caught() {
    let rubric = card_rubric("", r#", "veto": {"scope": "item"}"#);
    // Stub: lists the veto, but the item keeps its score.
    let failure = Invariants::new(&rubric)
        .evaluator(|i| {
            let text = serde_json::to_string(&rubric.evaluate(i).unwrap()).unwrap();
            let mut card: Value = serde_json::from_str(&text).unwrap();
            if card.get("vetoes").is_some() {
                let mut unvetoed = i.clone();
                unvetoed.facts.remove("a1");
                let plain = real(&rubric, &unvetoed);
                for field in ["deducted", "score"] {
                    card["indicators"][0]["items"][0][field] =
                        plain["indicators"][0]["items"][0][field].clone();
                }
            }
            Ok(card.to_string())
        })
        .check()
        .unwrap_err();
    assert!(
        failure
            .message
            .starts_with("a veto that fired zeroes its node (or leaves it below 0): `A1` scores "),
        "{failure}"
    );
    // A card veto that does not fix the score.
    let rubric = card_rubric(
        GRADES,
        r#", "veto": {"scope": "card", "score": "59", "grade": "不合格"}"#,
    );
    let failure = corrupted(&rubric, |_, card| {
        let deducted: Decimal = card["deducted"].as_str().unwrap().parse().unwrap();
        card["score"] = Value::String((Decimal::from(100) - deducted).to_string());
    });
    assert!(
        failure
            .message
            .starts_with("a card veto fixes the final score: 59, the card says "),
        "{failure}"
    );
}

#[test]
fn penalties_left_out_of_the_final_score_are_caught() {
    let rubric = card_rubric(PENALTIES, "");
    // Stub: the final score forgets the penalty section.
    let failure = corrupted(&rubric, |_, card| {
        card["score"] = card["base"].clone();
    });
    assert!(
        failure
            .message
            .starts_with("final score = base + bonus − penalties, at least the floor: "),
        "{failure}"
    );
}

#[test]
fn a_base_not_rescaled_is_caught() {
    let rubric = card_rubric(
        r#""not_applicable": "rescale", "rounding": {"places": 1, "mode": "half_up"},"#,
        "",
    );
    // Stub: leaves items not applicable in the base, unscaled.
    let failure = corrupted(&rubric, |_, card| {
        if let Some(object) = card.as_object_mut()
            && object.remove("rescaled").is_some()
        {
            let a: Decimal = object["indicators"][0]["deducted"]
                .as_str()
                .unwrap()
                .parse()
                .unwrap();
            let b: Decimal = object["indicators"][1]["deducted"]
                .as_str()
                .unwrap()
                .parse()
                .unwrap();
            object.insert("deducted".into(), Value::String((a + b).to_string()));
            object.insert(
                "score".into(),
                Value::String((Decimal::from(100) - a - b).to_string()),
            );
        }
    });
    assert!(
        failure
            .message
            .starts_with("items not applicable rescale the base (earned ÷ applicable × total, rounded as declared): "),
        "{failure}"
    );
    let shown: Inspection = serde_json::from_str(&failure.inspection).unwrap();
    assert!(!shown.not_applicable.is_empty(), "{}", failure.inspection);
}

#[test]
fn a_double_deduction_is_caught() {
    let rubric = card_rubric(
        r#""exclusive": [{"rules": ["a1", "b1"], "keep": "largest"}],"#,
        "",
    );
    // Stub: both rules of the group deduct.
    let failure = Invariants::new(&rubric)
        .evaluator(|i| {
            let mut without = rubric.spec().clone();
            without.exclusive.clear();
            let plain = Rubric::new(without).unwrap();
            let mut card = real(&plain, i);
            card["rubric"] = Value::String("r".into());
            Ok(card.to_string())
        })
        .check()
        .unwrap_err();
    assert_eq!(
        failure.message,
        "no double deduction: exclusive group 1 keeps `a1`, so `b1` gives way; it says it gave way to none",
        "{failure}"
    );
}

#[test]
fn a_credit_that_lowers_a_score_is_caught() {
    let rubric = card_rubric(BONUS, "");
    // Stub: `j2` forgets the credit of `j1`.
    let failure = Invariants::new(&rubric)
        .evaluator(|i| {
            let mut used = i.clone();
            if matches!(i.facts.get("j2"), Some(Fact::Flag(true) | Fact::Finding(_))) {
                used.facts.remove("j1");
            }
            Ok(serde_json::to_string(&rubric.evaluate(&used).unwrap()).unwrap())
        })
        .check()
        .unwrap_err();
    assert!(
        failure.message.starts_with(
            "one more credit never lowers a score: one more of `j2` (it credits) lowered `"
        ),
        "{failure}"
    );
}

#[test]
fn an_earning_item_given_full_marks_is_caught() {
    let rubric = load(EARNING);
    // Stub: an earning item without facts keeps its points.
    let failure = corrupted(&rubric, |_, card| {
        let item = &mut card["indicators"][0]["items"][0];
        if item["rules"][0]["assessed"] == false {
            item["deducted"] = Value::String("0".into());
            item["score"] = Value::String("5".into());
        }
    });
    assert_eq!(
        failure.message,
        "no facts must mean full marks but for earning items, which start from 0: `I` scores 5, expected 0 of 5"
    );
}

/// The earning item of `tests/card.rs`: `I` (5 points) earns 1 a piece up
/// to 5 by `a`; `J` (5) loses 1 by `b`.
const EARNING: &str = r#"{"id": "r", "title": "t", "total": "10", "indicators": [
  {"id": "G", "name": "宣传工作", "points": "10", "items": [
    {"id": "I", "serial": "1", "points": "5", "earn": true, "requirement": "q", "rules": [
      {"id": "a", "label": "刊发稿件", "text": "", "unit": "篇",
       "trigger": {"kind": "count"}, "penalty": {"kind": "capped", "points": "1", "cap": "5"}}]},
    {"id": "J", "serial": "2", "points": "5", "requirement": "q", "rules": [
      {"id": "b", "label": "未按时报送", "text": "", "trigger": {"kind": "flag"},
       "penalty": {"kind": "flat", "points": "1"}}]}]}]}"#;

#[test]
fn check_inspection_checks_one_inspection() {
    let rubric = load(EARNING);
    let inspection: Inspection =
        ducha::json::from_str(r#"{"facts": {"a": 3, "b": true}}"#).unwrap();
    Invariants::new(&rubric)
        .check_inspection(&inspection)
        .unwrap();
    // A stub that credits nothing is caught on this very inspection.
    let failure = Invariants::new(&rubric)
        .evaluator(|i| {
            let mut card = real(&rubric, i);
            card["indicators"][0]["items"][0]["rules"][0]["deducted"] = Value::String("0".into());
            Ok(card.to_string())
        })
        .check_inspection(&inspection)
        .unwrap_err();
    assert_eq!(
        failure.message,
        "an earning item's rule shares add up to its credit: `I` credits 3, its rules 0"
    );
    let shown: Inspection = serde_json::from_str(&failure.inspection).unwrap();
    assert_eq!(shown, inspection);
}

// ---------------------------------------------------------------------------
// Evaluator bugs the invariants found, now fixed (`tests/card_edges.rs`
// pins the scores): each smallest case the checker caught now holds every
// invariant, or is refused where the rubric loads.

/// One inspection (JSON) of a rubric (JSON) holds every invariant.
fn holds(rubric: &str, inspection: &str) {
    let rubric = load(rubric);
    let inspection: Inspection = ducha::json::from_str(inspection).unwrap();
    if let Err(failure) = Invariants::new(&rubric).check_inspection(&inspection) {
        panic!("{failure}");
    }
}

/// The rubric (JSON) is refused where it loads, naming the item.
fn refused(rubric: &str, item: &str) {
    let spec: ducha::RubricSpec = serde_json::from_str(rubric).unwrap();
    let err = Rubric::new(spec).unwrap_err();
    assert!(
        matches!(&err, ducha::RubricError::InvalidItem { id, .. } if id.as_str() == item),
        "{err}"
    );
}

/// An earning item with a floor: its rule is credited 7 though the item
/// credits only its 5 points (and `limited_by` is null).
#[test]
fn once_broken_an_earning_item_with_a_floor() {
    let rubric = r#"{"id": "r", "title": "t", "total": "5", "indicators": [
      {"id": "G", "name": "g", "points": "5", "items": [
        {"id": "E", "serial": "1", "points": "5", "earn": true, "floor": "-2", "requirement": "q", "rules": [
          {"id": "e", "label": "刊发稿件", "text": "", "trigger": {"kind": "count"},
           "penalty": {"kind": "per_occurrence", "points": "1"}}]}]}]}"#;
    refused(rubric, "E");
}

/// An earning item marked not applicable under `full` scores 0, not full
/// marks, though its reason says "此处不失分" (under `rescale` its points
/// are both left out and deducted: a base of 0 for a card that lost
/// nothing else).
#[test]
fn once_broken_an_earning_item_not_applicable() {
    let rubric = r#"{"id": "r", "title": "t", "total": "10", "not_applicable": "full", "indicators": [
      {"id": "G", "name": "g", "points": "10", "items": [
        {"id": "E", "serial": "1", "points": "5", "earn": true, "requirement": "q", "rules": [
          {"id": "e", "label": "刊发稿件", "text": "", "trigger": {"kind": "count"},
           "penalty": {"kind": "per_occurrence", "points": "1"}}]},
        {"id": "N", "serial": "2", "points": "5", "requirement": "q", "rules": [
          {"id": "n", "label": "未报送", "text": "", "trigger": {"kind": "flag"},
           "penalty": {"kind": "flat", "points": "3"}}]}]}]}"#;
    holds(rubric, r#"{"not_applicable": {"E": "无此项工作"}}"#);
}

/// An earning item under an indicator whose points its children can
/// exceed: what the item did not earn takes the indicator's points, but
/// the rules after it draw their shares as if it did not, so the shares do
/// not add up to the total (3 + 5 against 5).
#[test]
fn once_broken_an_earning_item_under_a_binding_node() {
    let rubric = r#"{"id": "r", "title": "t", "total": "5", "indicators": [
      {"id": "G", "name": "g", "points": "5", "items": [
        {"id": "E", "serial": "1", "points": "5", "earn": true, "requirement": "q", "rules": [
          {"id": "e", "label": "刊发稿件", "text": "", "trigger": {"kind": "count"},
           "penalty": {"kind": "per_occurrence", "points": "1"}}]},
        {"id": "N", "serial": "2", "points": "5", "requirement": "q", "rules": [
          {"id": "n", "label": "未报送", "text": "", "trigger": {"kind": "flag"},
           "penalty": {"kind": "flat", "points": "3"}}]}]}]}"#;
    holds(rubric, r#"{"facts": {"n": true}}"#);
}

/// `earn` on a bonus or penalty item (once accepted where the rubric loaded)
/// inverts it: with no facts it credits (deducts) all its points, and a
/// breach lowers that.
#[test]
fn once_broken_an_earning_section_item() {
    let rubric = r#"{"id": "r", "title": "t", "total": "10", "indicators": [
      {"id": "G", "name": "g", "points": "10", "items": [
        {"id": "N", "serial": "1", "points": "10", "requirement": "q", "rules": []}]}],
      "bonus": {"id": "B", "name": "加分项", "cap": "3", "items": [
        {"id": "B1", "serial": "加1", "points": "2", "earn": true, "requirement": "q", "rules": [
          {"id": "b", "label": "被评为先进", "text": "", "trigger": {"kind": "flag"},
           "penalty": {"kind": "flat", "points": "1"}}]}]}}"#;
    refused(rubric, "B1");
    // On a penalty item: with no facts it deducts its 3 points.
    let rubric = r#"{"id": "r", "title": "t", "total": "10", "indicators": [
      {"id": "G", "name": "g", "points": "10", "items": [
        {"id": "N", "serial": "1", "points": "10", "requirement": "q", "rules": []}]}],
      "penalties": {"id": "K", "name": "扣分项", "items": [
        {"id": "K1", "serial": "扣1", "points": "3", "earn": true, "requirement": "q", "rules": [
          {"id": "k", "label": "被通报", "text": "", "trigger": {"kind": "flag"},
           "penalty": {"kind": "flat", "points": "1"}}]}]}}"#;
    refused(rubric, "K1");
}

/// A floor on a bonus item (once accepted where the rubric loaded) lets it credit
/// more than its points: 3 of 2.
#[test]
fn once_broken_a_bonus_item_with_a_floor() {
    let rubric = r#"{"id": "r", "title": "t", "total": "10", "indicators": [
      {"id": "G", "name": "g", "points": "10", "items": [
        {"id": "N", "serial": "1", "points": "10", "requirement": "q", "rules": []}]}],
      "bonus": {"id": "B", "name": "加分项", "cap": "3", "items": [
        {"id": "B1", "serial": "加1", "points": "2", "floor": "-2", "requirement": "q", "rules": [
          {"id": "b", "label": "被评为先进", "text": "", "trigger": {"kind": "flag"},
           "penalty": {"kind": "flat", "points": "3"}}]}]}}"#;
    refused(rubric, "B1");
}

/// A line with a cutoff and no cap in an item with a floor below 0: just
/// above the cutoff the steps deduct 9 (the item at −4), past it the rule
/// deducts the item's 5 points (the item at 0): a worse value raises the
/// score. (Where the item has 0 points, or the cap is 0, past the cutoff
/// the rule counts no breach, and a veto on it stops firing.)
#[test]
fn once_broken_a_cutoff_under_a_floor() {
    let rubric = r#"{"id": "r", "title": "t", "total": "5", "indicators": [
      {"id": "G", "name": "g", "points": "5", "items": [
        {"id": "I", "serial": "1", "points": "5", "floor": "-10", "requirement": "q", "rules": [
          {"id": "a", "label": "完好率未达标", "text": "", "trigger": {"kind": "measured", "measure": "percent"},
           "penalty": {"kind": "linear", "direction": "below", "target": "90", "step": "1",
                       "points": "1", "partial": "whole", "cutoff": "80"}}]}]}]}"#;
    holds(rubric, r#"{"facts": {"a": "80.5"}}"#);
}

/// An item veto on an item that may fall below 0: zeroing it raises its
/// score, and its indicator's, from −2 to 0.
#[test]
fn once_broken_a_veto_zeroing_a_node_below_zero() {
    let rubric = r#"{"id": "r", "title": "t", "total": "4", "indicators": [
      {"id": "G", "name": "g", "points": "4", "floor": "-2", "items": [
        {"id": "I", "serial": "1", "points": "4", "floor": "-2", "requirement": "q", "rules": [
          {"id": "a", "label": "耕地面积减少", "text": "", "trigger": {"kind": "count"},
           "penalty": {"kind": "per_occurrence", "points": "1"}},
          {"id": "v", "label": "发生重大事故", "text": "", "trigger": {"kind": "flag"},
           "penalty": {"kind": "flat", "points": "0"}, "veto": {"scope": "item"}}]}]}]}"#;
    holds(rubric, r#"{"facts": {"a": 9}}"#);
}

// ---------------------------------------------------------------------------
// The strategies cover the model.

/// The tags of one rule: its trigger, its penalty, the pair, what it adds.
fn rule_tags(rule: &ducha::Rule, out: &mut Vec<String>) {
    use ducha::{Direction, Partial, PeerCompare, Penalty, Shortfall, Trigger, VetoScope};
    let measure = |m: &ducha::Measure| format!("{m:?}").to_lowercase();
    let trigger = match &rule.trigger {
        Trigger::Flag => "flag".to_owned(),
        Trigger::Count => "count".to_owned(),
        Trigger::Threshold { measure: m, .. } => {
            out.push(format!("trigger/threshold/{}", measure(m)));
            "threshold".to_owned()
        }
        Trigger::Deadline { within, .. } => {
            out.push(format!(
                "trigger/deadline/{}",
                if within.is_some() { "within" } else { "due" }
            ));
            "deadline".to_owned()
        }
        Trigger::Cadence {
            at_least, short, ..
        } => {
            if *at_least > 1 {
                out.push("trigger/cadence/at_least>1".to_owned());
            }
            out.push(format!(
                "trigger/cadence/short/{}",
                if *short == Shortfall::Occurrence {
                    "occurrence"
                } else {
                    "period"
                }
            ));
            "cadence".to_owned()
        }
        Trigger::Measured { measure: m } => {
            out.push(format!("trigger/measured/{}", measure(m)));
            "measured".to_owned()
        }
        Trigger::Rating => "rating".to_owned(),
        Trigger::Peer {
            measure: m,
            compare,
        } => {
            out.push(format!("trigger/peer/{}", measure(m)));
            let c = match compare {
                PeerCompare::AboveMean => "above_mean",
                PeerCompare::BelowMean => "below_mean",
                PeerCompare::Rank => "rank",
                _ => "rank_ascending",
            };
            out.push(format!("trigger/peer/{c}"));
            if compare.is_rank() {
                "peer-rank"
            } else {
                "peer-mean"
            }
            .to_owned()
        }
        _ => "other".to_owned(),
    };
    out.push(format!("trigger/{trigger}"));
    let penalty = rule.penalty.kind_name();
    out.push(format!("penalty/{penalty}"));
    out.push(format!("pair/{trigger}×{penalty}"));
    match &rule.penalty {
        Penalty::Escalating {
            multipliers, cap, ..
        } => {
            if !multipliers.is_empty() {
                out.push("penalty/escalating/multipliers".to_owned());
            }
            if cap.is_some() {
                out.push("penalty/escalating/cap".to_owned());
            }
        }
        Penalty::Range { cap: Some(_), .. } => out.push("penalty/range/cap".to_owned()),
        Penalty::Linear {
            direction,
            partial,
            cap,
            cutoff,
            ..
        } => {
            out.push(format!(
                "penalty/linear/{}",
                if *direction == Direction::Below {
                    "below"
                } else {
                    "above"
                }
            ));
            out.push(format!(
                "penalty/linear/{}",
                match partial {
                    Partial::Whole => "whole",
                    Partial::Started => "started",
                    _ => "exact",
                }
            ));
            if cap.is_some() {
                out.push("penalty/linear/cap".to_owned());
            }
            if cutoff.is_some() {
                out.push("penalty/linear/cutoff".to_owned());
            }
        }
        Penalty::Bands { bands } => out.push(format!(
            "penalty/bands/{}",
            if bands[0].at_least.is_some() {
                "at_least"
            } else {
                "at_most"
            }
        )),
        _ => {}
    }
    if !rule.exemptions.is_empty() {
        out.push("rule/exemptions".to_owned());
    }
    if let Some(veto) = &rule.veto {
        out.push(match veto.scope {
            VetoScope::Item => "veto/item".to_owned(),
            VetoScope::Indicator => "veto/indicator".to_owned(),
            _ => "veto/card".to_owned(),
        });
        if veto.score.is_some() {
            out.push("veto/card/score".to_owned());
        }
        if veto.grade.is_some() {
            out.push("veto/card/grade".to_owned());
        }
    }
}

/// The tags of a rubric's whole-card elements and of its rules.
fn rubric_tags(rubric: &Rubric, out: &mut Vec<String>) {
    use ducha::{Children, Indicator, Keep, NaPolicy};
    fn walk(indicators: &[Indicator], out: &mut Vec<String>) {
        for indicator in indicators {
            if indicator.floor.is_some() {
                out.push("card/floor/indicator".to_owned());
            }
            if indicator.weight.is_some() {
                out.push("card/weight".to_owned());
            }
            match indicator.not_applicable {
                Some(NaPolicy::Full) => out.push("card/not_applicable/indicator/full".to_owned()),
                Some(NaPolicy::Rescale) => {
                    out.push("card/not_applicable/indicator/rescale".to_owned());
                }
                Some(NaPolicy::Redistribute) => {
                    out.push("card/not_applicable/indicator/redistribute".to_owned());
                }
                _ => {}
            }
            match &indicator.children {
                Children::Indicators(children) => walk(children, out),
                Children::Items(items) => {
                    for item in items {
                        if item.earn {
                            out.push("card/earning-item".to_owned());
                            out.extend(item.rules.iter().map(|_| "rule/earning".to_owned()));
                        }
                        if item.floor.is_some() {
                            out.push("card/floor/item".to_owned());
                        }
                        for rule in &item.rules {
                            rule_tags(rule, out);
                        }
                    }
                }
            }
        }
    }
    let spec = rubric.spec();
    walk(&spec.indicators, out);
    if !spec.version.is_empty() {
        out.push("card/version".to_owned());
    }
    if spec.in_force.is_some() {
        out.push("card/in_force".to_owned());
    }
    if spec.rounding.is_some() {
        out.push("card/rounding".to_owned());
    }
    if spec.floor.is_some() {
        out.push("card/floor/rubric".to_owned());
    }
    for group in &spec.exclusive {
        out.push(format!(
            "card/exclusive/{}",
            if group.keep == Keep::Largest {
                "largest"
            } else {
                "first"
            }
        ));
        let item_of = |id: &ducha::Id| {
            rubric
                .items()
                .find(|i| i.rules.iter().any(|r| r.id == *id))
                .map(|i| i.id.clone())
        };
        let first = item_of(&group.rules[0]);
        out.push(format!(
            "card/exclusive/{}",
            if group.rules.iter().all(|r| item_of(r) == first) {
                "one-item"
            } else {
                "across-items"
            }
        ));
    }
    match spec.not_applicable {
        Some(NaPolicy::Full) => out.push("card/not_applicable/full".to_owned()),
        Some(NaPolicy::Rescale) => out.push("card/not_applicable/rescale".to_owned()),
        _ => {}
    }
    if !spec.grades.is_empty() {
        out.push("card/grades".to_owned());
    }
    if let Some(bonus) = &spec.bonus {
        out.push(format!(
            "card/bonus/{}",
            match bonus.gate {
                Some(g) if g.above.is_some() => "gate-above",
                Some(_) => "gate-at-least",
                None => "no-gate",
            }
        ));
        for rule in bonus.items.iter().flat_map(|i| &i.rules) {
            out.push("rule/bonus".to_owned());
            rule_tags(rule, out);
        }
    }
    if let Some(section) = &spec.penalties {
        out.push(format!(
            "card/penalties/{}",
            if section.cap.is_some() {
                "cap"
            } else {
                "no-cap"
            }
        ));
        for item in &section.items {
            if item.floor.is_some() {
                out.push("card/floor/penalty-item".to_owned());
            }
            for rule in &item.rules {
                out.push("rule/penalties".to_owned());
                rule_tags(rule, out);
            }
        }
    }
}

/// The tags of an inspection: the kinds of fact, the marks on findings and
/// cases, the peers given, the items and rules marked not applicable.
fn inspection_tags(rubric: &Rubric, inspection: &Inspection, out: &mut Vec<String>) {
    for fact in inspection.facts.values() {
        let kind = format!("{:?}", fact.kind()).to_lowercase();
        out.push(format!("fact/{kind}"));
        let findings: Vec<&ducha::Finding> = match fact {
            Fact::Finding(f) => vec![f],
            Fact::Findings(list) => list.iter().collect(),
            _ => Vec::new(),
        };
        for f in findings {
            if f.amount().is_some() {
                out.push("finding/amount".to_owned());
            }
            if f.multiplier().is_some() {
                out.push("finding/multiplier".to_owned());
            }
            if f.exempt().is_some() {
                out.push("finding/exempt".to_owned());
            }
        }
        if let Fact::Cases(cases) = fact
            && cases.iter().any(|c| c.exempt.is_some())
        {
            out.push("case/exempt".to_owned());
        }
    }
    for peer in inspection.peers.values() {
        out.push(
            if peer.mean.is_some() {
                "peers/mean"
            } else {
                "peers/rank"
            }
            .to_owned(),
        );
    }
    for id in inspection.not_applicable.keys() {
        out.push(
            if rubric.item(id.as_str()).is_some() {
                "not_applicable/item"
            } else {
                "not_applicable/rule"
            }
            .to_owned(),
        );
    }
}

/// The prefixes of the tags of inspections (the others are rubrics').
const INSPECTION_TAGS: [&str; 6] = [
    "fact/",
    "finding/",
    "case/",
    "peers/",
    "not_applicable/",
    "worse/",
];

/// Every tag the strategies must produce over the sample.
const EXPECTED: &[&str] = &[
    // Triggers, with each measure, form and comparison.
    "trigger/flag",
    "trigger/count",
    "trigger/threshold",
    "trigger/deadline",
    "trigger/cadence",
    "trigger/measured",
    "trigger/rating",
    "trigger/peer-mean",
    "trigger/peer-rank",
    "trigger/threshold/ratio",
    "trigger/threshold/percent",
    "trigger/threshold/count",
    "trigger/threshold/amount",
    "trigger/deadline/within",
    "trigger/deadline/due",
    "trigger/cadence/at_least>1",
    "trigger/cadence/short/occurrence",
    "trigger/cadence/short/period",
    "trigger/measured/ratio",
    "trigger/measured/percent",
    "trigger/measured/count",
    "trigger/measured/amount",
    "trigger/peer/ratio",
    "trigger/peer/percent",
    "trigger/peer/count",
    "trigger/peer/amount",
    "trigger/peer/above_mean",
    "trigger/peer/below_mean",
    "trigger/peer/rank",
    "trigger/peer/rank_ascending",
    // Penalties, with their options.
    "penalty/flat",
    "penalty/per_occurrence",
    "penalty/capped",
    "penalty/escalating",
    "penalty/range",
    "penalty/linear",
    "penalty/proportional",
    "penalty/bands",
    "penalty/interpolate",
    "penalty/rating",
    "penalty/escalating/multipliers",
    "penalty/escalating/cap",
    "penalty/range/cap",
    "penalty/linear/below",
    "penalty/linear/above",
    "penalty/linear/whole",
    "penalty/linear/started",
    "penalty/linear/exact",
    "penalty/linear/cap",
    "penalty/linear/cutoff",
    "penalty/bands/at_least",
    "penalty/bands/at_most",
    // Every trigger with every penalty that can price it.
    "pair/flag×flat",
    "pair/flag×per_occurrence",
    "pair/flag×capped",
    "pair/flag×escalating",
    "pair/flag×range",
    "pair/count×flat",
    "pair/count×per_occurrence",
    "pair/count×capped",
    "pair/count×escalating",
    "pair/count×range",
    "pair/threshold×flat",
    "pair/threshold×per_occurrence",
    "pair/threshold×capped",
    "pair/threshold×escalating",
    "pair/deadline×flat",
    "pair/deadline×per_occurrence",
    "pair/deadline×capped",
    "pair/deadline×escalating",
    "pair/cadence×flat",
    "pair/cadence×per_occurrence",
    "pair/cadence×capped",
    "pair/cadence×escalating",
    "pair/peer-mean×flat",
    "pair/peer-mean×per_occurrence",
    "pair/peer-mean×capped",
    "pair/peer-mean×escalating",
    "pair/measured×linear",
    "pair/measured×proportional",
    "pair/measured×bands",
    "pair/measured×interpolate",
    "pair/peer-rank×linear",
    "pair/peer-rank×proportional",
    "pair/peer-rank×bands",
    "pair/peer-rank×interpolate",
    "pair/rating×rating",
    // Rules' extras and where they sit.
    "rule/exemptions",
    "veto/item",
    "veto/indicator",
    "veto/card",
    "veto/card/score",
    "veto/card/grade",
    "rule/earning",
    "rule/bonus",
    "rule/penalties",
    // The card.
    "card/rounding",
    "card/exclusive/largest",
    "card/exclusive/first",
    "card/exclusive/one-item",
    "card/exclusive/across-items",
    "card/earning-item",
    "card/floor/item",
    "card/floor/indicator",
    "card/floor/rubric",
    "card/floor/penalty-item",
    "card/bonus/gate-above",
    "card/bonus/gate-at-least",
    "card/bonus/no-gate",
    "card/penalties/cap",
    "card/penalties/no-cap",
    "card/grades",
    "card/not_applicable/full",
    "card/not_applicable/rescale",
    "card/weight",
    "card/version",
    "card/in_force",
    "card/not_applicable/indicator/full",
    "card/not_applicable/indicator/rescale",
    "card/not_applicable/indicator/redistribute",
    // Inspections.
    "fact/flag",
    "fact/finding",
    "fact/count",
    "fact/findings",
    "fact/measure",
    "fact/percent",
    "fact/dates",
    "fact/cases",
    "fact/rating",
    "finding/amount",
    "finding/multiplier",
    "finding/exempt",
    "case/exempt",
    "peers/mean",
    "peers/rank",
    "not_applicable/item",
    "not_applicable/rule",
    // One more breach deducts (or credits) more, for every penalty.
    "worse/flat",
    "worse/per_occurrence",
    "worse/capped",
    "worse/escalating",
    "worse/range",
    "worse/linear",
    "worse/proportional",
    "worse/bands",
    "worse/interpolate",
    "worse/rating",
];

/// The strategies really cover the model: over 300 rubrics from a
/// deterministic runner, and one inspection of each, every trigger (each
/// measure, form and comparison), every penalty (each option), every pair
/// of a trigger with a penalty that can price it, every rule extra and
/// every whole-card element appears, every kind of fact and mark, and one
/// more breach ([`one_more_breach_in`]) deducts more for every penalty.
/// `--nocapture` prints how often.
#[test]
fn generated_rubrics_cover_every_shape() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = rubrics();
    let mut tags = Vec::new();
    let mut rules = 0;
    for _ in 0..300 {
        let rubric = strategy.new_tree(&mut runner).unwrap().current();
        rules += rubric.rules().count();
        rubric_tags(&rubric, &mut tags);
        let inspection = inspections(&rubric, year_2026())
            .new_tree(&mut runner)
            .unwrap()
            .current();
        inspection_tags(&rubric, &inspection, &mut tags);
        // One more breach makes each shape worse.
        let before = rubric.evaluate(&inspection).unwrap();
        for rule in rubric.rules() {
            let more = one_more_breach_in(&rubric, &inspection, rule);
            let after = rubric.evaluate(&more).unwrap();
            let raw = |card: &ducha::Scorecard<'_>| card.rule(rule.id.as_str()).unwrap().raw();
            if raw(&after) > raw(&before) {
                tags.push(format!("worse/{}", rule.penalty.kind_name()));
            }
        }
    }
    let mut seen: std::collections::BTreeMap<&str, usize> = Default::default();
    for tag in &tags {
        *seen.entry(tag.as_str()).or_default() += 1;
    }
    let missing: Vec<&&str> = EXPECTED
        .iter()
        .filter(|t| !seen.contains_key(**t))
        .collect();
    assert!(
        missing.is_empty(),
        "never generated: {missing:?}\nseen: {seen:#?}"
    );
    let least = EXPECTED.iter().map(|t| (seen[*t], *t)).min().unwrap();
    eprintln!(
        "300 rubrics, {rules} rules, {} tags expected; the rarest: {} ({} times)\n{seen:#?}",
        EXPECTED.len(),
        least.1,
        least.0
    );
}

/// Every invariant holds over 192 rubrics of every shape from a
/// deterministic runner (8 generated inspections each, with one more breach
/// of up to 16 rules each), the same every run; `generated_rubrics_hold`
/// explores new ones. The rubrics checked cover every rule shape and card
/// element (the tags of `generated_rubrics_cover_every_shape`).
#[test]
fn every_shape_holds_its_invariants() {
    use proptest::test_runner::{Config, TestError, TestRunner};
    let mut runner = TestRunner::new_with_rng(
        Config {
            cases: 192,
            failure_persistence: None,
            ..Config::default()
        },
        proptest::test_runner::TestRng::deterministic_rng(
            proptest::test_runner::RngAlgorithm::ChaCha,
        ),
    );
    let checked = std::cell::RefCell::new(Vec::new());
    let result = runner.run(&rubrics(), |rubric| {
        rubric_tags(&rubric, &mut checked.borrow_mut());
        Invariants::new(&rubric)
            .cases(8)
            .period(year_2026())
            .check()
            .map_err(|e| TestCaseError::fail(e.to_string()))
    });
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, rubric)) => panic!(
            "{reason}\nsmallest failing rubric:\n{}",
            serde_json::to_string(&rubric).unwrap()
        ),
        Err(TestError::Abort(reason)) => panic!("aborted: {reason}"),
    }
    let checked = checked.into_inner();
    let missing: Vec<&&str> = EXPECTED
        .iter()
        .filter(|t| !INSPECTION_TAGS.iter().any(|p| t.starts_with(p)))
        .filter(|t| !checked.iter().any(|c| c == **t))
        .collect();
    assert!(missing.is_empty(), "rubrics checked without: {missing:?}");
}

/// A weighted indicator whose contribution is computed without its
/// weight (the plain score passed up) is caught, and so is an indicator
/// that rescales but reports no `rescaled`.
#[test]
fn weights_and_indicator_rescaling_are_checked() {
    let rubric = load(
        r#"{"id": "w", "title": "t", "total": "100", "rounding": {"places": 2, "mode": "half_up"},
        "indicators": [
          {"id": "A", "name": "a", "points": "60", "weight": "30", "not_applicable": "rescale", "items": [
            {"id": "A1", "serial": "1", "points": "40", "requirement": "q", "rules": [
              {"id": "a1", "label": "l", "text": "", "trigger": {"kind": "count"},
               "penalty": {"kind": "per_occurrence", "points": "3"}}]},
            {"id": "A2", "serial": "2", "points": "20", "requirement": "q", "rules": [
              {"id": "a2", "label": "l", "text": "", "trigger": {"kind": "flag"},
               "penalty": {"kind": "flat", "points": "20"}}]}]},
          {"id": "B", "name": "b", "points": "70", "items": [
            {"id": "B1", "serial": "3", "points": "70", "requirement": "q", "rules": [
              {"id": "b1", "label": "l", "text": "", "trigger": {"kind": "count"},
               "penalty": {"kind": "per_occurrence", "points": "5"}}]}]}]}"#,
    );
    Invariants::new(&rubric)
        .cases(64)
        .period(year_2026())
        .check()
        .unwrap();
    // Stub: the weighted score misreported as the unweighted one.
    let failure = corrupted(&rubric, |_, card| {
        let score = card["indicators"][0]["score"].clone();
        card["indicators"][0]["weighted"] = score;
    });
    assert!(
        failure
            .message
            .starts_with("a weighted indicator contributes its score ÷ its points × its weight"),
        "{failure}"
    );
    // Stub: the indicator's `rescaled` dropped.
    let failure = corrupted(&rubric, |_, card| {
        if let Some(a) = card["indicators"][0].as_object_mut() {
            a.remove("rescaled");
        }
    });
    assert!(
        failure
            .message
            .starts_with("an indicator that rescales for items not applicable says so: `A`"),
        "{failure}"
    );
}

/// The scorecard's stamp (rubric, version, period, assessment date, ducha)
/// is checked: a card that drops its version is caught.
#[test]
fn a_card_that_does_not_say_what_produced_it_is_caught() {
    let rubric = load(
        r#"{"id": "s", "title": "t", "version": "试行", "total": "10", "indicators": [
          {"id": "A", "name": "a", "points": "10", "items": [
            {"id": "A1", "serial": "1", "points": "10", "requirement": "q", "rules": [
              {"id": "a1", "label": "l", "text": "", "trigger": {"kind": "count"},
               "penalty": {"kind": "per_occurrence", "points": "1"}}]}]}]}"#,
    );
    Invariants::new(&rubric)
        .cases(16)
        .period(year_2026())
        .check()
        .unwrap();
    let failure = corrupted(&rubric, |_, card| {
        if let Some(object) = card.as_object_mut() {
            object.remove("version");
        }
    });
    assert!(
        failure
            .message
            .starts_with("the scorecard says what produced it: rubric `s`, version Some(\"试行\")"),
        "{failure}"
    );
}

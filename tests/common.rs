//! Helpers shared by the test modules: ids, points and exact decimals from
//! their text, small rubrics built through the public API, the kit's
//! generated cases over 2026, and finders in scorecard JSON.
//!
//! Each module keeps the helpers only it uses; what more than one module
//! needs lives here, once.

use ducha::testing::{classic_rubrics, inspections};
use ducha::{
    Decimal, Id, Indicator, Inspection, Item, LimitedBy, NaiveDate, Penalty, Period, Points,
    Rubric, RubricSpec, Rule, Trigger,
};
use proptest::prelude::*;

/// An id from its text.
pub fn id(s: &str) -> Id {
    Id::new(s).unwrap()
}

/// Points from their text.
pub fn pts(s: &str) -> Points {
    s.parse().unwrap()
}

/// An exact decimal from its text.
pub fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

/// Asserts a decimal both by value and as printed: `97.5`, never `97.50`.
#[track_caller]
pub fn assert_decimal(actual: Decimal, expected: &str, what: &str) {
    assert_eq!(actual, dec(expected), "{what}: value");
    assert_eq!(actual.to_string(), expected, "{what}: printed form");
}

/// The calendar year 2026, the assessment period of generated inspections.
pub fn year_2026() -> Period {
    Period::new(
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
    )
    .unwrap()
}

/// Generated rubrics of the original shapes (flat, per-occurrence and
/// capped rules, no whole-card element: what the properties and the
/// reference model of these tests describe) with generated inspections of
/// them over 2026 (the test kit's strategies).
pub fn rubric_and_inspection() -> impl Strategy<Value = (Rubric, Inspection)> {
    classic_rubrics().prop_flat_map(|r| {
        let inspection = inspections(&r, year_2026());
        (Just(r), inspection)
    })
}

/// What limited a deduction, as a test expects it.
#[derive(Debug, Clone, Copy)]
pub enum Limit {
    /// Nothing: the rule keeps its whole deduction.
    Nothing,
    /// The rule's own cap of these points.
    Cap(&'static str),
    /// The node with this id, of these points.
    Node(&'static str, &'static str),
}

impl Limit {
    /// Whether `actual` is this limit.
    pub fn matches(self, actual: Option<LimitedBy<'_>>) -> bool {
        match (self, actual) {
            (Limit::Nothing, None) => true,
            (Limit::Cap(cap), Some(LimitedBy::Cap(actual))) => actual == pts(cap),
            (Limit::Node(node, points), Some(LimitedBy::Node { id, points: actual })) => {
                id.as_str() == node && actual == dec(points)
            }
            _ => false,
        }
    }
}

// ---------------------------------------------------------------------------
// Small rubrics through the public API
// ---------------------------------------------------------------------------

/// A rule labelled `违反{id}`, counted in 起.
pub fn rule(rule_id: &str, trigger: Trigger, penalty: Penalty) -> Rule {
    Rule::new(id(rule_id), format!("违反{rule_id}"), trigger, penalty)
}

/// An item whose serial is its id.
pub fn item(item_id: &str, points: &str, rules: Vec<Rule>) -> Item {
    Item::new(id(item_id), item_id, pts(points)).with_rules(rules)
}

/// An indicator holding items.
pub fn items(group_id: &str, name: &str, points: &str, items: Vec<Item>) -> Indicator {
    Indicator::with_items(id(group_id), name, pts(points), items)
}

/// An indicator holding finer indicators.
pub fn indicators(group_id: &str, name: &str, points: &str, children: Vec<Indicator>) -> Indicator {
    Indicator::with_indicators(id(group_id), name, pts(points), children)
}

/// The rubric `mine` (测试细则) declaring this total.
pub fn spec(total: &str, indicators: Vec<Indicator>) -> RubricSpec {
    RubricSpec::new(id("mine"), "测试细则", pts(total), indicators)
}

/// `p` once there is any breach.
pub fn flat(p: &str) -> Penalty {
    Penalty::flat(pts(p))
}

/// `p` for each breach.
pub fn per(p: &str) -> Penalty {
    Penalty::per_occurrence(pts(p))
}

/// `p` for each breach, at most `cap`.
pub fn capped(p: &str, cap: &str) -> Penalty {
    Penalty::capped(pts(p), pts(cap))
}

/// One rule `r` in item `i` of `item_points`, in indicator `G` of the same
/// points; the rubric's total is those points.
pub fn one_rule(trigger: Trigger, penalty: Penalty, item_points: &str) -> Rubric {
    Rubric::new(spec(
        item_points,
        vec![items(
            "G",
            "组",
            item_points,
            vec![item("i", item_points, vec![rule("r", trigger, penalty)])],
        )],
    ))
    .unwrap()
}

// ---------------------------------------------------------------------------
// The JSON surface
// ---------------------------------------------------------------------------

/// Rubrics written as JSON text and scorecards read as JSON values.
pub mod json {
    use ducha::json::Engine;
    use serde_json::{Value, json};

    /// A one-item rubric of `points` points (rubric `r`, indicator `G`, item
    /// `1`) whose only rule `1a`, labelled `未达标` and counted in 起, has
    /// this trigger and penalty.
    pub fn one_rule(trigger: Value, penalty: Value, points: &str) -> String {
        json!({
            "id": "r", "title": "t", "total": points,
            "indicators": [{ "id": "G", "name": "g", "points": points, "items": [
                { "id": "1", "serial": "1", "points": points, "requirement": "r", "rules": [
                    { "id": "1a", "label": "未达标", "text": "t",
                      "trigger": trigger, "penalty": penalty }
                ] }
            ] }]
        })
        .to_string()
    }

    /// The scorecard `engine` gives for `inspection`, as a JSON value; an
    /// error fails the test, naming the start of the inspection (which may
    /// be megabytes long) and the error.
    pub fn card(engine: &Engine, inspection: &str) -> Value {
        let text = engine.evaluate(inspection).unwrap_or_else(|e| {
            let start: String = inspection.chars().take(200).collect();
            panic!("{start}: {}", e.to_json())
        });
        serde_json::from_str(&text).unwrap()
    }

    /// The scorecard `rubric` (JSON) gives for `inspection`, as a JSON
    /// value; a rubric that does not load or an error fails the test.
    pub fn scored(rubric: &str, inspection: &str) -> Value {
        let engine = Engine::load(rubric).unwrap_or_else(|e| panic!("{}\n{rubric}", e.to_json()));
        card(&engine, inspection)
    }

    /// The indicator, item or rule `id`, anywhere in a scorecard.
    pub fn node<'a>(card: &'a Value, id: &str) -> &'a Value {
        fn walk<'a>(node: &'a Value, id: &str) -> Option<&'a Value> {
            if node["id"] == id {
                return Some(node);
            }
            ["indicators", "items", "rules"]
                .iter()
                .filter_map(|k| node[*k].as_array())
                .flatten()
                .find_map(|child| walk(child, id))
        }
        walk(card, id).unwrap_or_else(|| panic!("no node {id}"))
    }

    /// The outcome of rule `id` in a scorecard.
    pub fn rule<'a>(card: &'a Value, id: &str) -> &'a Value {
        fn find<'a>(node: &'a Value, id: &str) -> Option<&'a Value> {
            for rule in node["rules"].as_array().into_iter().flatten() {
                if rule["id"] == id {
                    return Some(rule);
                }
            }
            let children = node["indicators"].as_array().into_iter().flatten();
            children
                .chain(node["items"].as_array().into_iter().flatten())
                .find_map(|child| find(child, id))
        }
        find(card, id).unwrap_or_else(|| panic!("no rule {id}"))
    }
}

/// The whole-card rubric of `tests/card.rs` and the kit's stub tests, as
/// JSON: 100 points in two indicators of 50, each one item of 50 with a
/// flat rule `a1` (−10) / `b1` (−10) and a per-occurrence rule `a2` (−1
/// each); `extra` adds top-level fields and `veto_a1` a veto to rule `a1`.
pub fn card_rubric_json(extra: &str, veto_a1: &str) -> String {
    format!(
        r#"{{"id": "r", "title": "t", "total": "100", {extra}
        "indicators": [
          {{"id": "A", "name": "安全生产", "points": "50", "items": [
            {{"id": "A1", "serial": "1", "points": "50", "requirement": "q", "rules": [
              {{"id": "a1", "label": "发生较大事故", "text": "", "trigger": {{"kind": "flag"}},
                "penalty": {{"kind": "flat", "points": "10"}} {veto_a1}}},
              {{"id": "a2", "label": "隐患未整改", "text": "", "trigger": {{"kind": "count"}},
                "penalty": {{"kind": "per_occurrence", "points": "1"}}}}]}}]}},
          {{"id": "B", "name": "日常管理", "points": "50", "items": [
            {{"id": "B1", "serial": "2", "points": "50", "requirement": "q", "rules": [
              {{"id": "b1", "label": "台账缺失", "text": "", "trigger": {{"kind": "flag"}},
                "penalty": {{"kind": "flat", "points": "10"}}}}]}}]}}]}}"#
    )
}

/// Grades of that rubric: 甲级 from 90, 乙级 from 80, else 丙级.
pub const GRADES: &str = r#""grades": [{"at_least": "90", "label": "甲级"}, {"at_least": "80", "label": "乙级"}, {"label": "丙级"}],"#;

//! Weights and 折算: an indicator counting for other than its points in its
//! parent ("引用市委市政府对市级单位考核的“工作绩效”考核得分，相应进行折算",
//! `../shared/rubric-shapes.md` shape 13), worked by hand.

use ducha::json::Engine;
use ducha::{Inspection, LimitedBy, Rubric, RubricError};
use serde_json::Value;

use crate::common::json::node;

/// "基础工作" (60 points) counts for 30, "重点工作" (50 points) for 50, and
/// "工作绩效" (an imported 100-point score) for 20: 100 in all. Rounding to
/// 2 places, half up.
fn rubric(mode: &str) -> String {
    format!(
        r#"{{"id": "w", "title": "绩效考核", "total": "100",
        "rounding": {{"places": 2, "mode": "{mode}"}},
        "indicators": [
          {{"id": "A", "name": "基础工作", "points": "60", "weight": "30", "items": [
            {{"id": "A1", "serial": "1", "points": "40", "requirement": "q", "rules": [
              {{"id": "a1", "label": "台账不全", "text": "每处扣3分", "trigger": {{"kind": "count"}},
               "penalty": {{"kind": "per_occurrence", "points": "3"}}}}]}},
            {{"id": "A2", "serial": "2", "points": "20", "requirement": "q", "rules": [
              {{"id": "a2", "label": "未按时报送", "text": "扣20分", "trigger": {{"kind": "flag"}},
               "penalty": {{"kind": "flat", "points": "20"}}}}]}}]}},
          {{"id": "B", "name": "重点工作", "points": "50", "items": [
            {{"id": "B1", "serial": "3", "points": "50", "requirement": "q", "rules": [
              {{"id": "b1", "label": "任务未完成", "text": "每项扣5分", "trigger": {{"kind": "count"}},
               "penalty": {{"kind": "per_occurrence", "points": "5"}}}}]}}]}},
          {{"id": "C", "name": "工作绩效", "points": "90", "weight": "20", "items": [
            {{"id": "C1", "serial": "4", "points": "90", "requirement": "引用市级考核得分", "rules": [
              {{"id": "c1", "label": "市级考核失分", "text": "按失分计", "trigger": {{"kind": "count"}},
               "penalty": {{"kind": "per_occurrence", "points": "1"}}}}]}}]}}]}}"#
    )
}

fn card(rubric: &str, facts: &str) -> Value {
    crate::common::json::scored(rubric, &format!(r#"{{"facts": {facts}}}"#))
}

#[test]
fn a_weighted_section_contributes_its_score_scaled_to_its_weight() {
    // A: 60 − 3×3 = 51 of 60 → 51 ÷ 60 × 30 = 25.5. B: 50 − 10 = 40.
    // C: 90 − 5 = 85 of 90 → 85 ÷ 90 × 20 = 18.888… → 18.89 (half up).
    let card = card(&rubric("half_up"), r#"{"a1": 3, "b1": 2, "c1": 5}"#);
    let a = node(&card, "A");
    assert_eq!(
        (&a["points"], &a["score"], &a["weight"], &a["weighted"]),
        (
            &Value::from("60"),
            &Value::from("51"),
            &Value::from("30"),
            &Value::from("25.5")
        )
    );
    assert_eq!(a.get("rounded"), None, "25.5 is exact");
    let c = node(&card, "C");
    assert_eq!(
        (&c["weighted"], &c["rounded"]),
        (&Value::from("18.89"), &Value::from(true))
    );
    let b = node(&card, "B");
    assert_eq!((b.get("weight"), b.get("weighted")), (None, None));
    // 25.5 + 40 + 18.89 = 84.39; the total's deduction is what the parts
    // fall short of their weights: 4.5 + 10 + 1.11.
    assert_eq!(card["score"], "84.39");
    assert_eq!(card["deducted"], "15.61");
}

#[test]
fn the_declared_mode_decides_the_last_place() {
    // 85 ÷ 90 × 20 = 18.888…: 18.88 toward zero, 18.89 away from it.
    let down = card(&rubric("down"), r#"{"c1": 5}"#);
    assert_eq!(node(&down, "C")["weighted"], "18.88");
    assert_eq!(down["score"], "98.88");
    let up = card(&rubric("up"), r#"{"c1": 5}"#);
    assert_eq!(node(&up, "C")["weighted"], "18.89");
    // 83 ÷ 90 × 20 = 18.444… → 18.44 to the nearest, either way.
    let even = card(&rubric("half_even"), r#"{"c1": 7}"#);
    assert_eq!(node(&even, "C")["weighted"], "18.44");
}

#[test]
fn rules_under_a_weighted_section_are_shares_of_its_points() {
    // a2 deducts 20 of A's 60 points, not of the total's 100: A scores 40
    // of 60 and counts 20 of 30. a1's 14 breaches (42) meet A1's 40 first.
    let card = card(&rubric("half_up"), r#"{"a1": 14, "a2": true}"#);
    let a = node(&card, "A");
    assert_eq!(
        (&a["score"], &a["weighted"]),
        (&Value::from("0"), &Value::from("0"))
    );
    assert_eq!(card["score"], "70");
    let rules: Vec<_> = a["items"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| i["rules"].as_array().unwrap().iter())
        .map(|r| (r["id"].clone(), r["deducted"].clone()))
        .collect();
    assert_eq!(
        rules,
        [
            (Value::from("a1"), Value::from("40")),
            (Value::from("a2"), Value::from("20"))
        ]
    );

    // Typed: the bound that trimmed a1 is its item, never the total.
    let rubric: Rubric = serde_json::from_str(&rubric("half_up")).unwrap();
    let inspection = Inspection::new().with("a1", 14u64).unwrap();
    let card = rubric.evaluate(&inspection).unwrap();
    let a1 = card.rule("a1").unwrap();
    assert!(matches!(a1.limited_by(), Some(LimitedBy::Node { id, .. }) if id.as_str() == "A1"));
    let a = card.indicators().next().unwrap();
    assert_eq!(a.weighted().map(|d| d.to_string()), Some("10".into()));
    assert!(!a.weight_rounded());
}

#[test]
fn a_veto_that_zeroes_a_weighted_section_costs_its_weight() {
    let text = rubric("half_up").replace(
        r#""penalty": {"kind": "flat", "points": "20"}}"#,
        r#""penalty": {"kind": "flat", "points": "20"}, "veto": {"scope": "indicator"}}"#,
    );
    let card = card(&text, r#"{"a2": true}"#);
    let a = node(&card, "A");
    assert_eq!(
        (&a["score"], &a["weighted"]),
        (&Value::from("0"), &Value::from("0"))
    );
    assert_eq!(card["score"], "70");
    // The zeroing added 40 of A's points beyond a2's 20 share; in the
    // total that is 30 (A's weight) less the 10 the share cost there.
    assert_eq!(card["vetoes"][0]["before"], "40");
}

#[test]
fn nested_weights_scale_at_each_level() {
    // Top: X (200 points) counts for 100. Inside X, Y (10 points) counts
    // for 100 and Z 100 points. Y loses 1 → 9 of 10 → 90 of 100; X scores
    // 90 + 100 = 190 of 200 → 95.
    let text = r#"{"id": "n", "title": "t", "total": "100", "rounding": {"places": 2, "mode": "half_up"},
      "indicators": [{"id": "X", "name": "x", "points": "200", "weight": "100", "indicators": [
        {"id": "Y", "name": "y", "points": "10", "weight": "100", "items": [
          {"id": "Y1", "serial": "1", "points": "10", "requirement": "q", "rules": [
            {"id": "y1", "label": "l", "text": "t", "trigger": {"kind": "flag"},
             "penalty": {"kind": "flat", "points": "1"}}]}]},
        {"id": "Z", "name": "z", "points": "100", "items": []}]}]}"#;
    let card = card(text, r#"{"y1": true}"#);
    let x = node(&card, "X");
    assert_eq!(
        (&x["score"], &x["weighted"]),
        (&Value::from("190"), &Value::from("95"))
    );
    assert_eq!(x["indicators"][0]["weighted"], "90");
    assert_eq!(card["score"], "95");
    // Y's weight and Z's points make X's 200: nothing to warn about.
    let rubric: Rubric = serde_json::from_str(text).unwrap();
    assert_eq!(rubric.diagnostics(), []);
}

#[test]
fn weights_are_checked_where_the_rubric_is_loaded() {
    let base = rubric("half_up");
    // The total is the sum of the weights: 30 + 50 + 20.
    let wrong = base.replace(r#""weight": "20""#, r#""weight": "25""#);
    let err = serde_json::from_str::<Rubric>(&wrong)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("sum of the top-level indicators `105`"),
        "{err}"
    );
    // Dividing needs a declared rounding.
    let unrounded = base.replace(r#""rounding": {"places": 2, "mode": "half_up"},"#, "");
    let err = serde_json::from_str::<Rubric>(&unrounded)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("indicator `A`") && err.contains("must declare a `rounding`"),
        "{err}"
    );
    // A weight equal to the points divides nothing.
    let same = r#"{"id": "s", "title": "t", "total": "10", "indicators": [
      {"id": "A", "name": "a", "points": "10", "weight": "10", "items": []}]}"#;
    assert!(serde_json::from_str::<Rubric>(same).is_ok());
    // Points of 0 cannot be divided by.
    let zero = r#"{"id": "z", "title": "t", "total": "10", "rounding": {"places": 2, "mode": "half_up"},
      "indicators": [{"id": "A", "name": "a", "points": "0", "weight": "10", "items": []}]}"#;
    let err = Rubric::new(serde_json::from_str(zero).unwrap()).unwrap_err();
    assert!(
        matches!(&err, RubricError::InvalidWeight { id, .. } if id.as_str() == "A"),
        "{err}"
    );
    // Rescaling for items not applicable and weights do not mix.
    let rescale = base.replace(
        r#""rounding":"#,
        r#""not_applicable": "rescale", "rounding":"#,
    );
    let err = serde_json::from_str::<Rubric>(&rescale)
        .unwrap_err()
        .to_string();
    assert!(err.contains("rescales"), "{err}");
    // The JSON error names the indicator.
    let err = Engine::load(&unrounded).unwrap_err();
    assert_eq!(err.id.as_deref(), Some("A"));
}

#[test]
fn weights_that_do_not_add_up_inside_a_section_are_diagnosed() {
    let text = r#"{"id": "d", "title": "t", "total": "50", "rounding": {"places": 2, "mode": "half_up"},
      "indicators": [{"id": "X", "name": "x", "points": "50", "indicators": [
        {"id": "Y", "name": "y", "points": "10", "weight": "30", "items": []},
        {"id": "Z", "name": "z", "points": "10", "weight": "10", "items": []}]}]}"#;
    let rubric: Rubric = serde_json::from_str(text).unwrap();
    let found: Vec<_> = rubric
        .diagnostics()
        .into_iter()
        .map(|d| format!("{} {}: {}", d.code, d.id, d.message))
        .collect();
    assert_eq!(
        found,
        [
            "points-mismatch X: its children's weights (points where unweighted) add up to 40, not its 50"
        ]
    );
}

#[test]
fn a_weighted_rubric_survives_json_and_scores_alike_typed() {
    let text = rubric("half_up");
    let rubric: Rubric = serde_json::from_str(&text).unwrap();
    let again: Rubric = serde_json::from_str(&serde_json::to_string(&rubric).unwrap()).unwrap();
    assert_eq!(again, rubric);
    let a = &rubric.indicators()[0];
    assert_eq!(
        (a.points.to_string(), a.counts_for().to_string()),
        ("60".into(), "30".into())
    );
    let inspection = Inspection::new()
        .with("a1", 3u64)
        .unwrap()
        .with("c1", 5u64)
        .unwrap();
    let typed = rubric.evaluate(&inspection).unwrap();
    assert_eq!(typed.score().to_string(), "94.39"); // 25.5 + 50 + 18.89
    let report = typed.report();
    let json = serde_json::to_string(&report).unwrap();
    let back: ducha::Report = ducha::json::from_str(&json).unwrap();
    assert_eq!(back, report);
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
}

#[test]
fn one_more_breach_never_raises_a_weighted_score() {
    let rubric: Rubric = serde_json::from_str(&rubric("half_up")).unwrap();
    let mut last = None;
    for n in 0u64..40 {
        let inspection = Inspection::new().with("c1", n).unwrap();
        let score = rubric.evaluate(&inspection).unwrap().score();
        if let Some(last) = last {
            assert!(score <= last, "{n} breaches: {score} > {last}");
        }
        last = Some(score);
    }
}

#[test]
fn the_filled_in_table_shows_what_a_weighted_section_counts_for() {
    let rubric: Rubric = serde_json::from_str(&rubric("half_up")).unwrap();
    let inspection = Inspection::new().with("a1", 3u64).unwrap();
    let card = rubric.evaluate(&inspection).unwrap();
    let page = ducha::render::html(&card, &ducha::render::HtmlOptions::new());
    assert!(
        page.contains("60分 · 得51分 · 按权重30折合25.5分"),
        "the indicator cell"
    );
    assert!(!page.contains("按权重50"), "B is not weighted");
    let table = ducha::render::markdown(&card);
    assert!(
        table.contains("| 基础工作（按权重30折合25.5分） |"),
        "{table}"
    );
    let csv = ducha::render::csv(&card, false);
    assert!(csv.contains("基础工作（按权重30折合25.5分）"), "{csv}");
}

/// A weighted indicator that rescales for its items left out counts what
/// it earned ÷ its applicable points × its weight, rounded once: 1 of 3
/// applicable points is 33.33 of 100, where rounding its own score first
/// (1 ÷ 3 × 59 = 19.67) and then weighing it (19.67 ÷ 59 × 100 = 33.338…)
/// would give 33.34.
#[test]
fn rescaling_and_weighing_round_once() {
    let item = |id: &str, points: &str| {
        format!(
            r#"{{"id": "{id}", "serial": "{id}", "points": "{points}", "requirement": "q", "rules": [
              {{"id": "{id}a", "label": "不符合", "text": "不得分", "trigger": {{"kind": "flag"}},
               "penalty": {{"kind": "flat", "points": "{points}"}}}}]}}"#
        )
    };
    let text = format!(
        r#"{{"id": "once", "title": "t", "total": "100", "rounding": {{"places": 2, "mode": "half_up"}},
        "indicators": [{{"id": "H", "name": "审查表", "points": "59", "weight": "100", "not_applicable": "rescale",
          "items": [{}, {}, {}, {}]}}]}}"#,
        item("1", "1"),
        item("2", "1"),
        item("3", "1"),
        item("4", "56"),
    );
    let card = card(
        &text,
        r#"{"1a": false, "2a": true, "3a": true}, "not_applicable": {"4": "不涉及"}"#,
    );
    let h = node(&card, "H");
    assert_eq!(
        h["rescaled"],
        serde_json::json!({"applicable": "3", "earned": "1"})
    );
    assert_eq!(
        (&h["score"], &h["weighted"], &h["rounded"]),
        (&"19.67".into(), &"33.33".into(), &Value::Bool(true))
    );
    assert_eq!(card["score"], "33.33");
}

/// A weight with more decimal places than the declared rounding keeps
/// would round even full marks (1.33 of 4 points at 0 places scores 1):
/// refused where the rubric loads, naming the indicator.
#[test]
fn a_weight_finer_than_the_rounding_is_refused() {
    let text = r#"{"id": "c", "title": "t", "total": "1.33", "rounding": {"places": 0, "mode": "half_up"},
      "indicators": [{"id": "A", "name": "a", "points": "4", "weight": "1.33", "items": []}]}"#;
    let err = Rubric::new(serde_json::from_str(text).unwrap()).unwrap_err();
    assert!(
        matches!(&err, RubricError::RoundingTooCoarse { id, what: "weight", places: 0, .. } if id.as_str() == "A"),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "`A`: weight 1.33 has more decimal places than the declared rounding keeps (0)"
    );
    let kept = text.replace(r#""places": 0"#, r#""places": 2"#);
    let card = card(&kept, "{}");
    assert_eq!(card["score"], "1.33");
}

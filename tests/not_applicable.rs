//! Not applicable (合理缺项) by node: the policy declared on an indicator
//! governs the items below it; rescaling an indicator and redistributing an
//! item's points over its siblings, worked by hand from the clauses of
//! `../shared/rubric-shapes.md` shape 10b.

use ducha::json::Engine;
use ducha::{Inspection, Rubric, RubricError};
use serde_json::Value;

use crate::common::json::{node as at, scored as card};

fn item(id: &str, points: &str, rule: &str) -> String {
    format!(
        r#"{{"id": "{id}", "serial": "{id}", "points": "{points}", "requirement": "q", "rules": [
          {{"id": "{rule}", "label": "{rule}未达标", "text": "每处扣1分", "trigger": {{"kind": "count"}},
           "penalty": {{"kind": "per_occurrence", "points": "1"}}}}]}}"#
    )
}

/// "对于没有对外服务职能的市直单位，不检查其网站涉及办事服务的指标，把办事服务的
/// 分值（共20分）平均计入其他指标中" (S11), in proportion: the website
/// indicator W redistributes; the services indicator S rescales
/// ("标化分=所得的分数除以该单位应得的最高分数×100", S7); the rubric's own
/// policy is full marks.
fn rubric() -> String {
    format!(
        r#"{{"id": "na", "title": "政府网站与政务服务考核", "total": "100",
        "rounding": {{"places": 2, "mode": "half_up"}}, "not_applicable": "full",
        "indicators": [
          {{"id": "W", "name": "政府网站", "points": "60", "not_applicable": "redistribute", "items": [{}, {}, {}]}},
          {{"id": "S", "name": "政务服务", "points": "30", "not_applicable": "rescale", "items": [{}, {}, {}]}},
          {{"id": "O", "name": "其他", "points": "10", "items": [{}]}}]}}"#,
        item("W1", "20", "w1"),
        item("W2", "20", "w2"),
        item("W3", "20", "w3"),
        item("S1", "10", "s1"),
        item("S2", "10", "s2"),
        item("S3", "10", "s3"),
        item("O1", "10", "o1"),
    )
}

#[test]
fn redistributed_points_go_to_the_siblings_in_proportion() {
    // W3 (20) does not apply: W1 and W2 get 10 each, 30 points apiece.
    // w1's 25 findings cost 25, within W1's 30 (its 20 would have capped
    // them).
    let card = card(
        &rubric(),
        r#"{"facts": {"w1": 25, "w2": 0}, "not_applicable": {"W3": "无对外服务职能"}}"#,
    );
    let (w1, w2, w3) = (at(&card, "W1"), at(&card, "W2"), at(&card, "W3"));
    assert_eq!(
        (&w1["points"], &w1["received"], &w1["score"]),
        (&"30".into(), &"10".into(), &"5".into())
    );
    assert_eq!(
        (&w2["points"], &w2["received"]),
        (&"30".into(), &"10".into())
    );
    assert_eq!(
        (
            &w3["points"],
            &w3["received"],
            &w3["score"],
            &w3["applicable"]
        ),
        (&"0".into(), &"-20".into(), &"0".into(), &Value::Bool(false))
    );
    assert_eq!(
        w3["reason"],
        "合理缺项（无对外服务职能），本项20分按比例计入同级各项"
    );
    assert_eq!(w1["rules"][0]["deducted"], "25");
    assert_eq!(at(&card, "W")["score"], "35");
    assert_eq!(card["score"], "75");
    assert_eq!(card.get("rescaled"), None);
}

#[test]
fn rounded_shares_still_add_up() {
    // 20, 20, 20 with a sibling of 10 not applicable: 10 × 20/60 =
    // 3.333… → 3.33 and 3.33, and the last takes the 3.34 left.
    let text = format!(
        r#"{{"id": "r", "title": "t", "total": "70", "rounding": {{"places": 2, "mode": "half_up"}},
        "indicators": [{{"id": "W", "name": "网站", "points": "70", "not_applicable": "redistribute",
          "items": [{}, {}, {}, {}]}}]}}"#,
        item("A", "20", "a"),
        item("B", "20", "b"),
        item("C", "20", "c"),
        item("D", "10", "d"),
    );
    let card = card(
        &text,
        r#"{"facts": {"a": 1}, "not_applicable": {"D": "x"}}"#,
    );
    let points: Vec<_> = ["A", "B", "C", "D"]
        .iter()
        .map(|id| at(&card, id)["points"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(points, ["23.33", "23.33", "23.34", "0"]);
    assert_eq!(card["score"], "69");
}

#[test]
fn an_indicator_that_rescales_scores_earned_over_applicable() {
    // S3 does not apply: S's applicable points are 20; s1's 4 findings
    // leave 16 earned: 16 ÷ 20 × 30 = 24.
    let card = card(
        &rubric(),
        r#"{"facts": {"s1": 4}, "not_applicable": {"S3": "本年度无此项业务"}}"#,
    );
    let s = at(&card, "S");
    assert_eq!((&s["score"], &s["deducted"]), (&"24".into(), &"6".into()));
    assert_eq!(
        s["rescaled"],
        serde_json::json!({"applicable": "20", "earned": "16"})
    );
    assert_eq!(
        at(&card, "S3")["reason"],
        "合理缺项（本年度无此项业务），不计入应得分，“政务服务”按应得分标化"
    );
    assert_eq!(card["score"], "94");
    // Two items out: 7 earned of 10 applicable, 7 ÷ 10 × 30 = 21.
    let card = self::card(
        &rubric(),
        r#"{"facts": {"s1": 3}, "not_applicable": {"S2": "a", "S3": "b"}}"#,
    );
    let s = at(&card, "S");
    assert_eq!(s["score"], "21");
    assert_eq!(
        s["rescaled"],
        serde_json::json!({"applicable": "10", "earned": "7"})
    );
}

#[test]
fn the_nearest_declaration_governs() {
    // O1 is under O, which declares nothing: the rubric's `full` governs.
    let card = card(&rubric(), r#"{"not_applicable": {"O1": "x", "S3": "y"}}"#);
    assert_eq!(at(&card, "O1")["reason"], "合理缺项（x），此处不失分");
    assert_eq!(
        (&at(&card, "O")["score"], at(&card, "O").get("rescaled")),
        (&"10".into(), None)
    );
    // S: nothing lost, 20 of 20 → 30.
    assert_eq!(at(&card, "S")["score"], "30");
    assert_eq!(card["score"], "100");

    // Without the rubric's policy, O1 may not be marked; S3 still may.
    let text = rubric().replace(r#""not_applicable": "full","#, "");
    let engine = Engine::load(&text).unwrap();
    let err = engine
        .evaluate(r#"{"not_applicable": {"O1": "x"}}"#)
        .unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.id.as_deref()),
        ("not-applicable", Some("O1"))
    );
    assert!(
        err.message.contains("neither it nor an indicator above"),
        "{}",
        err.message
    );
    assert!(
        engine
            .evaluate(r#"{"not_applicable": {"S3": "y"}}"#)
            .is_ok()
    );
    // A rule is governed by its item's policy.
    let err = engine
        .evaluate(r#"{"not_applicable": {"o1": "x"}}"#)
        .unwrap_err();
    assert_eq!(err.id.as_deref(), Some("o1"));
    assert!(
        engine
            .evaluate(r#"{"not_applicable": {"w1": "x"}}"#)
            .is_ok()
    );
}

#[test]
fn when_every_sibling_is_out_the_points_stay() {
    let card = card(
        &rubric(),
        r#"{"not_applicable": {"W1": "a", "W2": "b", "W3": "c"}}"#,
    );
    let w1 = at(&card, "W1");
    assert_eq!((&w1["points"], w1.get("received")), (&"20".into(), None));
    assert_eq!(w1["reason"], "合理缺项（a），同级各项均不适用，此处不失分");
    assert_eq!(at(&card, "W")["score"], "60");
}

#[test]
fn policies_are_checked_where_the_rubric_is_loaded() {
    // Redistributing and rescaling divide: a rounding must be declared.
    let text = rubric().replace(r#""rounding": {"places": 2, "mode": "half_up"},"#, "");
    let err = serde_json::from_str::<Rubric>(&text)
        .unwrap_err()
        .to_string();
    assert!(err.contains("`W`") && err.contains("rounding"), "{err}");
    // A weighted indicator between an item and the node rescaling for it.
    let weighted = format!(
        r#"{{"id": "r", "title": "t", "total": "50", "rounding": {{"places": 2, "mode": "half_up"}},
        "not_applicable": "rescale",
        "indicators": [{{"id": "X", "name": "x", "points": "100", "weight": "50", "items": [{}]}}]}}"#,
        item("X1", "100", "x1")
    );
    let err = Rubric::new(serde_json::from_str(&weighted).unwrap()).unwrap_err();
    assert!(
        matches!(&err, RubricError::InvalidWeight { id, .. } if id.as_str() == "X"),
        "{err}"
    );
    // Declared on the weighted indicator itself, it rescales in its own
    // points, then weighs.
    let own = weighted
        .replace(r#""not_applicable": "rescale","#, "")
        .replace(
            r#""weight": "50","#,
            r#""weight": "50", "not_applicable": "rescale","#,
        );
    assert!(serde_json::from_str::<Rubric>(&own).is_ok());
    // The spelling is checked.
    let typo = rubric().replace(r#""redistribute""#, r#""spread""#);
    let err = Engine::load(&typo).unwrap_err();
    assert!(err.message.contains("redistribute"), "{}", err.message);
}

#[test]
fn typed_and_json_agree_and_the_report_round_trips() {
    let rubric: Rubric = serde_json::from_str(&rubric()).unwrap();
    let again: Rubric = serde_json::from_str(&serde_json::to_string(&rubric).unwrap()).unwrap();
    assert_eq!(again, rubric);
    let inspection: Inspection = serde_json::from_str(
        r#"{"facts": {"w1": 25, "s1": 4}, "not_applicable": {"W3": "a", "S3": "b"}}"#,
    )
    .unwrap();
    let card = rubric.evaluate(&inspection).unwrap();
    assert_eq!(card.score().to_string(), "69"); // 35 + 24 + 10
    let w1 = card.item("W1").unwrap();
    assert_eq!(
        (w1.points().to_string(), w1.score().to_string()),
        ("30".into(), "5".into())
    );
    let report = card.report();
    let json = serde_json::to_string(&report).unwrap();
    let back: ducha::Report = ducha::json::from_str(&json).unwrap();
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
}

#[test]
fn one_more_breach_never_raises_a_score_under_either_policy() {
    let rubric: Rubric = serde_json::from_str(&rubric()).unwrap();
    for rule in ["w1", "w2", "s1", "s2"] {
        let mut last = None;
        for n in 0u64..40 {
            let inspection: Inspection = serde_json::from_str(&format!(
                r#"{{"facts": {{"{rule}": {n}}}, "not_applicable": {{"W3": "a", "S3": "b"}}}}"#
            ))
            .unwrap();
            let card = rubric.evaluate(&inspection).unwrap();
            let score = card.score();
            if let Some(last) = last {
                assert!(score <= last, "{rule} × {n}: {score} > {last}");
            }
            last = Some(score);
            // Every node within [0, points].
            for item in card.items() {
                assert!(item.score() >= 0.into() && item.score() <= item.points());
            }
        }
    }
}

#[test]
fn the_filled_in_table_says_where_points_moved() {
    let rubric: Rubric = serde_json::from_str(&rubric()).unwrap();
    let inspection: Inspection =
        serde_json::from_str(r#"{"facts": {"w1": 2}, "not_applicable": {"W3": "无对外服务职能"}}"#)
            .unwrap();
    let card = rubric.evaluate(&inspection).unwrap();
    let page = ducha::render::html(&card, &ducha::render::HtmlOptions::new());
    assert!(page.contains("；分值含同级缺项分摊10分"), "W1's reason");
    assert!(page.contains("合理缺项（无对外服务职能），本项20分按比例计入同级各项"));
    let table = ducha::render::markdown(&card);
    assert!(table.contains("| 30 |"), "W1's points as moved: {table}");
}

/// "可以有合理缺项" in a rubric that declares no policy: the inspection could
/// never mark the item, so the diagnostics say so, once the policy is
/// declared above the item no more.
#[test]
fn an_item_that_speaks_of_not_applying_needs_a_policy() {
    let text = r#"{"id": "d", "title": "t", "total": "10", "indicators": [
      {"id": "A", "name": "a", "points": "10", "items": [
        {"id": "A1", "serial": "1", "points": "5", "requirement": "未开展此项业务的为合理缺项", "rules": []},
        {"id": "A2", "serial": "2", "points": "5", "requirement": "按时报送", "rules": []}]}]}"#;
    let rubric: Rubric = serde_json::from_str(text).unwrap();
    let found: Vec<_> = rubric
        .diagnostics()
        .into_iter()
        .map(|d| format!("{} {}", d.code, d.id))
        .collect();
    assert_eq!(found, ["na-without-policy A1"]);
    let declared = text.replace(
        r#""points": "10", "items""#,
        r#""points": "10", "not_applicable": "full", "items""#,
    );
    let rubric: Rubric = serde_json::from_str(&declared).unwrap();
    assert_eq!(rubric.diagnostics(), []);
}

/// Under redistribution a sibling's rules deduct as written: a band that
/// gives the item 10 of its written 20 deducts 10, from the 30 it now has.
#[test]
fn redistributed_points_leave_the_rules_as_written() {
    let text = r#"{"id": "b", "title": "t", "total": "60", "rounding": {"places": 2, "mode": "half_up"},
      "indicators": [{"id": "W", "name": "网站", "points": "60", "not_applicable": "redistribute", "items": [
        {"id": "W1", "serial": "1", "points": "20", "requirement": "q", "rules": [
          {"id": "w1", "label": "信息更新及时率", "text": "≥90%得满分，否则得10分",
           "trigger": {"kind": "measured", "measure": "percent"},
           "penalty": {"kind": "bands", "bands": [{"at_least": "90", "score": "20"}, {"score": "10"}]}}]},
        {"id": "W2", "serial": "2", "points": "20", "requirement": "q", "rules": []},
        {"id": "W3", "serial": "3", "points": "20", "requirement": "q", "rules": []}]}]}"#;
    let low = card(
        text,
        r#"{"facts": {"w1": "50"}, "not_applicable": {"W3": "无此职能"}}"#,
    );
    let w1 = at(&low, "W1");
    assert_eq!(
        (&w1["points"], &w1["deducted"], &w1["score"]),
        (&"30".into(), &"10".into(), &"20".into())
    );
    let high = card(
        text,
        r#"{"facts": {"w1": "95"}, "not_applicable": {"W3": "无此职能"}}"#,
    );
    assert_eq!(at(&high, "W1")["score"], "30");
    assert_eq!(high["score"], "60");
}

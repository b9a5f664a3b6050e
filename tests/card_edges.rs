//! Whole-card outcomes at their edges, where the test kit's invariants
//! over generated rubrics found the evaluator wrong: earning items with
//! floors, not applicable or under a binding indicator; earning or floored
//! bonus items; a linear cutoff under a floor; a veto on a node below 0.
//! Each was a silently wrong score; each test fails on the code before.

use ducha::json::{Engine, JsonError};
use serde_json::Value;

use crate::common::json::{node as find, scored as card};

fn load(rubric: &str) -> Result<Engine, JsonError> {
    Engine::load(rubric)
}

/// An earning item starts from 0 and earns up to its points: a floor below
/// 0 has no meaning for it, and credited 7 of 5 before.
#[test]
fn an_earning_item_takes_no_floor() {
    let rubric = r#"{"id": "r", "title": "t", "total": "5", "indicators": [
      {"id": "G", "name": "g", "points": "5", "items": [
        {"id": "E", "serial": "1", "points": "5", "earn": true, "floor": "-2", "requirement": "q", "rules": [
          {"id": "e", "label": "刊发稿件", "text": "", "trigger": {"kind": "count"},
           "penalty": {"kind": "per_occurrence", "points": "1"}}]}]}]}"#;
    let err = load(rubric).unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.id.as_deref()),
        ("invalid-rubric", Some("E"))
    );
    assert!(
        err.message.contains("earns from 0 up to its points"),
        "{}",
        err.message
    );
}

const EARNING_THEN_PLAIN: &str = r#"{"id": "r", "title": "t", "total": "5", "not_applicable": "full", "indicators": [
  {"id": "G", "name": "g", "points": "5", "items": [
    {"id": "E", "serial": "1", "points": "5", "earn": true, "requirement": "q", "rules": [
      {"id": "e", "label": "刊发稿件", "text": "", "trigger": {"kind": "count"},
       "penalty": {"kind": "per_occurrence", "points": "1"}}]},
    {"id": "N", "serial": "2", "points": "5", "requirement": "q", "rules": [
      {"id": "n", "label": "未报送", "text": "", "trigger": {"kind": "flag"},
       "penalty": {"kind": "flat", "points": "3"}}]}]}]}"#;

/// "此处不失分" holds for an earning item marked not applicable: it scores
/// its points, as its reason says (it scored 0 before).
#[test]
fn an_earning_item_not_applicable_keeps_full_marks() {
    let card = card(
        EARNING_THEN_PLAIN,
        r#"{"not_applicable": {"E": "无此项工作"}}"#,
    );
    let e = find(&card, "E");
    assert_eq!((&e["score"], &e["deducted"]), (&"5".into(), &"0".into()));
    assert_eq!(e["reason"], "合理缺项（无此项工作），此处不失分");
    assert_eq!(card["score"], "5");
}

/// What an earning item did not earn takes its indicator's points in
/// document order, so a rule after it shares only what is left: E earns
/// nothing (5 not earned of G's 5), and n's 3 find no points left. Before,
/// n took a share of 3 as well: shares of 8 for a deduction of 5.
#[test]
fn what_an_earning_item_did_not_earn_comes_first() {
    let card = card(EARNING_THEN_PLAIN, r#"{"facts": {"n": true}}"#);
    assert_eq!(find(&card, "G")["deducted"], "5");
    let n = find(&card, "n");
    assert_eq!((&n["raw"], &n["deducted"]), (&"3".into(), &"0".into()));
    assert_eq!(
        n["limited_by"],
        serde_json::json!({"kind": "node", "id": "G", "points": "5"})
    );
    // E earns 4 of 5: 1 not earned, then n's 3 fit in the 4 left.
    let card = self::card(EARNING_THEN_PLAIN, r#"{"facts": {"e": 4, "n": true}}"#);
    assert_eq!(find(&card, "n")["deducted"], "3");
    assert_eq!(card["score"], "1");
}

const BONUS: &str = r#"{"id": "r", "title": "t", "total": "10", "indicators": [
  {"id": "G", "name": "g", "points": "10", "items": [
    {"id": "N", "serial": "1", "points": "10", "requirement": "q", "rules": []}]}],
  "bonus": {"id": "B", "name": "加分项", "cap": "3", "items": [
    {"id": "B1", "serial": "加1", "points": "2", OPTION, "requirement": "q", "rules": [
      {"id": "b", "label": "被评为先进", "text": "", "trigger": {"kind": "flag"},
       "penalty": {"kind": "flat", "points": "3"}}]}]}}"#;

/// A bonus item already credits: `earn` inverted it (2 credited with no
/// facts, less with a breach), and a floor let it credit 3 of its 2. Both
/// are refused where the rubric loads.
#[test]
fn a_bonus_item_takes_neither_earn_nor_floor() {
    for (option, words) in [
        (r#""earn": true"#, "cannot earn"),
        (r#""floor": "-2""#, "takes no `floor`"),
    ] {
        let err = load(&BONUS.replace("OPTION", option)).unwrap_err();
        assert_eq!(err.id.as_deref(), Some("B1"), "{option}");
        assert!(err.message.contains(words), "{option}: {}", err.message);
    }
    // Without either, the item credits at most its points.
    let card = card(&BONUS.replace("OPTION, ", ""), r#"{"facts": {"b": true}}"#);
    assert_eq!(card["bonus"]["credited"], "2");
    assert_eq!(card["score"], "12");
}

/// "低于80%不得分" in an item that may fall to −10: past the cutoff the rule
/// deducts all the item can lose (15), never less than the steps just
/// before it (9 at 80.5 %). Before, it deducted the item's 5 points: a
/// worse value raised the item from −4 to 0.
#[test]
fn past_the_cutoff_an_item_with_a_floor_loses_all_it_can() {
    let rubric = r#"{"id": "r", "title": "t", "total": "5", "indicators": [
      {"id": "G", "name": "g", "points": "5", "floor": "-10", "items": [
        {"id": "I", "serial": "1", "points": "5", "floor": "-10", "requirement": "q", "rules": [
          {"id": "a", "label": "完好率未达标", "text": "", "trigger": {"kind": "measured", "measure": "percent"},
           "penalty": {"kind": "linear", "direction": "below", "target": "90", "step": "1",
                       "points": "1", "partial": "whole", "cutoff": "80"}}]}]}]}"#;
    let before = card(rubric, r#"{"facts": {"a": "80.5"}}"#);
    assert_eq!(find(&before, "I")["score"], "-4");
    let past = card(rubric, r#"{"facts": {"a": "79"}}"#);
    let a = find(&past, "a");
    assert_eq!((&a["breaches"], &a["raw"]), (&1.into(), &"15".into()));
    assert_eq!(find(&past, "I")["score"], "-10");
}

/// Past the cutoff the rule counts a breach even where what it deducts is
/// 0 (an item of 0 points), so a veto on it still fires.
#[test]
fn past_the_cutoff_is_a_breach_even_at_zero() {
    let rubric = r#"{"id": "r", "title": "t", "total": "10", "grades": [{"at_least": "60", "label": "合格"}, {"label": "不合格"}],
      "indicators": [{"id": "G", "name": "g", "points": "10", "items": [
        {"id": "K", "serial": "※1", "points": "0", "requirement": "q", "rules": [
          {"id": "k", "label": "完好率过低", "text": "", "trigger": {"kind": "measured", "measure": "percent"},
           "penalty": {"kind": "linear", "direction": "below", "target": "90", "step": "1",
                       "points": "0", "partial": "whole", "cutoff": "60"},
           "veto": {"scope": "card", "grade": "不合格"}}]},
        {"id": "N", "serial": "1", "points": "10", "requirement": "q", "rules": []}]}]}"#;
    let card = card(rubric, r#"{"facts": {"k": "50"}}"#);
    assert_eq!(find(&card, "k")["breaches"], 1);
    assert_eq!(
        (&card["score"], &card["grade"]),
        (&"10".into(), &"不合格".into())
    );
    assert_eq!(card["vetoes"][0]["rule"], "k");
}

/// "整个项得0分" on an item already below 0 (倒扣, floor −2) leaves it there:
/// a veto never raises a score. Before, it lifted the item and its
/// indicator from −2 to 0.
#[test]
fn a_veto_never_raises_a_node_below_zero() {
    let rubric = r#"{"id": "r", "title": "t", "total": "4", "indicators": [
      {"id": "G", "name": "g", "points": "4", "floor": "-2", "items": [
        {"id": "I", "serial": "1", "points": "4", "floor": "-2", "requirement": "q", "rules": [
          {"id": "a", "label": "耕地面积减少", "text": "", "trigger": {"kind": "count"},
           "penalty": {"kind": "per_occurrence", "points": "1"}},
          {"id": "v", "label": "发生重大事故", "text": "", "trigger": {"kind": "flag"},
           "penalty": {"kind": "flat", "points": "0"}, "veto": {"scope": "item"}}]}]}]}"#;
    let low = card(rubric, r#"{"facts": {"a": 9, "v": true}}"#);
    assert_eq!(
        (&find(&low, "I")["score"], &find(&low, "G")["score"]),
        (&"-2".into(), &"-2".into())
    );
    assert_eq!(low["vetoes"][0]["before"], "-2");
    // Above 0, the veto zeroes as before.
    let high = card(rubric, r#"{"facts": {"a": 1, "v": true}}"#);
    assert_eq!(find(&high, "I")["score"], "0");
    assert_eq!(high["vetoes"][0]["before"], "3");
}

/// What an earning item did not earn draws on every indicator above it,
/// up to the total: here the total's 5 points, so the rule under the other
/// indicator finds none left.
#[test]
fn what_an_earning_item_did_not_earn_draws_up_to_the_total() {
    let rubric = r#"{"id": "r", "title": "t", "total": "5", "indicators": [
      {"id": "T", "name": "t", "points": "5", "indicators": [
        {"id": "G1", "name": "g1", "points": "10", "items": [
          {"id": "E", "serial": "1", "points": "5", "earn": true, "requirement": "q", "rules": [
            {"id": "e", "label": "刊发稿件", "text": "", "trigger": {"kind": "count"},
             "penalty": {"kind": "per_occurrence", "points": "1"}}]}]},
        {"id": "G2", "name": "g2", "points": "10", "items": [
          {"id": "N", "serial": "2", "points": "10", "requirement": "q", "rules": [
            {"id": "n", "label": "未报送", "text": "", "trigger": {"kind": "flag"},
             "penalty": {"kind": "flat", "points": "3"}}]}]}]}]}"#;
    let card = card(rubric, r#"{"facts": {"n": true}}"#);
    let n = find(&card, "n");
    assert_eq!(n["deducted"], "0");
    assert_eq!(n["limited_by"]["id"], "T");
    assert_eq!(card["score"], "0");
}

/// ... but no further than a weighted indicator: its contribution, not
/// the points its earning item did not earn, is what the total sees, so
/// the rule beside it keeps its whole share.
#[test]
fn what_an_earning_item_did_not_earn_stops_at_a_weighted_indicator() {
    let rubric = r#"{"id": "r", "title": "t", "total": "15", "rounding": {"places": 2, "mode": "half_up"},
      "indicators": [
        {"id": "W", "name": "w", "points": "10", "weight": "5", "items": [
          {"id": "E", "serial": "1", "points": "10", "earn": true, "requirement": "q", "rules": [
            {"id": "e", "label": "刊发稿件", "text": "", "trigger": {"kind": "count"},
             "penalty": {"kind": "per_occurrence", "points": "1"}}]}]},
        {"id": "B", "name": "b", "points": "10", "items": [
          {"id": "N", "serial": "2", "points": "10", "requirement": "q", "rules": [
            {"id": "n", "label": "未报送", "text": "", "trigger": {"kind": "flag"},
             "penalty": {"kind": "flat", "points": "10"}}]}]}]}"#;
    let card = card(rubric, r#"{"facts": {"n": true}}"#);
    let n = find(&card, "n");
    assert_eq!(
        (&n["deducted"], &n["limited_by"]),
        (&"10".into(), &Value::Null)
    );
    assert_eq!(
        (&find(&card, "W")["weighted"], &card["score"]),
        (&"0".into(), &"0".into())
    );
}

//! Whole-card outcomes: grades, a bonus section outside the declared total
//! (capped, gated), and vetoes (item, indicator, card), through the JSON
//! surface, each citing the clause it comes from (`shared/rubric-shapes.md`
//! source numbers), the arithmetic worked by hand.

use ducha::json::Engine;
use serde_json::Value;

use crate::common::GRADES;

/// A rubric of 100: two indicators of 50, each one item of 50 with a flat
/// rule `a1` (−10) / `b1` (−10) and a per-occurrence rule `a2` (−1 each);
/// `extra` adds top-level fields and `veto_a1` a veto to rule `a1`.
fn rubric(extra: &str, veto_a1: &str) -> Engine {
    let text = crate::common::card_rubric_json(extra, veto_a1);
    Engine::load(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn card(engine: &Engine, facts: &str) -> Value {
    let out = engine
        .evaluate(&format!(r#"{{"facts": {{{facts}}}}}"#))
        .unwrap();
    serde_json::from_str(&out).unwrap()
}

/// Source: S16 "90 分以下为乙级病历，80 分以下为丙级病历": 95 甲, 90 甲, 89 乙, 80 乙,
/// 79 丙.
#[test]
fn grades() {
    let engine = rubric(GRADES, "");
    for (facts, score, grade) in [
        (r#""a2": 5"#, "95", "甲级"),
        (r#""a1": true"#, "90", "甲级"),
        (r#""a1": true, "a2": 1"#, "89", "乙级"),
        (r#""a1": true, "b1": true"#, "80", "乙级"),
        (r#""a1": true, "b1": true, "a2": 1"#, "79", "丙级"),
    ] {
        let c = card(&engine, facts);
        assert_eq!(
            (c["score"].as_str(), c["grade"].as_str()),
            (Some(score), Some(grade)),
            "{facts}"
        );
    }
    // Without grades, no grade field at all.
    assert!(card(&rubric("", ""), r#""a2": 1"#).get("grade").is_none());
    // Validated: ordered, the last unbounded, each label once.
    let refuse = |grades: &str| {
        Engine::load(&format!(
            r#"{{"id": "r", "title": "t", "total": "0", "grades": {grades}, "indicators": []}}"#
        ))
        .unwrap_err()
        .message
    };
    assert_eq!(
        refuse(
            r#"[{"at_least": "80", "label": "乙"}, {"at_least": "90", "label": "甲"}, {"label": "丙"}]"#
        ),
        "grades: grade bounds must be strictly decreasing, from the best grade down"
    );
    assert_eq!(
        refuse(r#"[{"at_least": "80", "label": "乙"}]"#),
        "grades: the last grade must have no bound: it takes every score the grades before it do not"
    );
    assert_eq!(
        refuse(r#"[{"at_least": "80", "label": "乙"}, {"label": "乙"}]"#),
        "grades: grade `乙` is listed twice"
    );
}

const BONUS: &str = r#""bonus": {"id": "J", "name": "加分项", "cap": "3", "items": [
    {"id": "J1", "serial": "加1", "points": "2", "requirement": "q", "rules": [
      {"id": "j1", "label": "积极分子达到5人以上", "text": "每增加1人加0.5分，最高加2分", "unit": "人",
       "trigger": {"kind": "count"}, "penalty": {"kind": "capped", "points": "0.5", "cap": "2"}}]},
    {"id": "J2", "serial": "加2", "points": "2", "requirement": "q", "rules": [
      {"id": "j2", "label": "被评为省级先进", "text": "加2分", "trigger": {"kind": "flag"},
       "penalty": {"kind": "flat", "points": "2"}}]}]},"#;

/// Source: S14 "加分项累计不超过3分，扣分项不设上限" and S4 "积极分子达到5人以上的，每增加1人加
/// 0.5分，最高加2分": 3 more activists credit 1.5; with the 2 of 省级先进, 3.5
/// is capped at 3; the final score may pass the declared total.
#[test]
fn bonus_section() {
    let engine = rubric(BONUS, "");
    let c = card(&engine, r#""j1": 3, "a2": 2"#);
    assert_eq!(
        (c["base"].as_str(), c["score"].as_str()),
        (Some("98"), Some("99.5"))
    );
    let b = &c["bonus"];
    assert_eq!(
        (b["credited"].as_str(), b["counted"].as_str()),
        (Some("1.5"), Some("1.5"))
    );
    assert_eq!(b["items"][0]["reason"], "积极分子达到5人以上：3人，加1.5分");
    assert_eq!(b["reason"], "加分1.5分");
    // Both: 1.5 + 2 = 3.5, the section caps it at 3; no deduction: 103.
    let c = card(&engine, r#""j1": 3, "j2": true"#);
    assert_eq!(
        (c["base"].as_str(), c["score"].as_str()),
        (Some("100"), Some("103"))
    );
    assert_eq!(
        c["bonus"]["reason"],
        "加分3分（各项合计3.5分，已达加分上限3分）"
    );
    // The later rule gives way to the cap, as deductions give way to points.
    let j2 = &c["bonus"]["items"][1]["rules"][0];
    assert_eq!(
        (j2["raw"].as_str(), j2["deducted"].as_str()),
        (Some("2"), Some("1.5"))
    );
    assert_eq!(j2["limited_by"]["kind"], "node");
    // An item credits at most its points: 6 more activists, 3 → capped at 2.
    let c = card(&engine, r#""j1": 6"#);
    assert_eq!(c["score"], "102");
    // No bonus facts: no bonus, and the score is the base.
    let c = card(&engine, r#""a1": true"#);
    assert_eq!(
        (
            c["base"].as_str(),
            c["score"].as_str(),
            c["bonus"]["counted"].as_str()
        ),
        (Some("90"), Some("90"), Some("0"))
    );
    assert_eq!(c["bonus"]["reason"], "");
}

/// Source: S10 "如评分结果…高于80分，则进入加分指标评分环节": a base of 80 does not
/// open the gate, 81 does.
#[test]
fn gated_bonus() {
    let engine = rubric(
        &BONUS.replace(r#""cap": "3","#, r#""cap": "3", "gate": {"above": "80"},"#),
        "",
    );
    // a1 + b1 = −20: base 80, gate closed.
    let c = card(&engine, r#""a1": true, "b1": true, "j2": true"#);
    assert_eq!(
        (
            c["base"].as_str(),
            c["score"].as_str(),
            c["bonus"]["counted"].as_str()
        ),
        (Some("80"), Some("80"), Some("0"))
    );
    assert_eq!(
        c["bonus"]["reason"],
        "基础得分80分，未高于80分，不计加分（应加2分）"
    );
    // a1 + a2 × 9 = −19: base 81, gate open: 83.
    let c = card(&engine, r#""a1": true, "a2": 9, "j2": true"#);
    assert_eq!(
        (c["base"].as_str(), c["score"].as_str()),
        (Some("81"), Some("83"))
    );
}

/// A veto zeroes its item ("整个项得0分") or its indicator; the other rules are
/// still evaluated and reported; the scorecard lists the veto and what it
/// overrode, and the shares plus `vetoed` add up to the deduction.
#[test]
fn item_and_indicator_vetoes() {
    let engine = rubric("", r#", "veto": {"scope": "item"}"#);
    let c = card(&engine, r#""a1": true, "a2": 2, "b1": true"#);
    // Item A1 would score 50 − 10 − 2 = 38; zeroed. B1: 40. Total 40.
    assert_eq!(c["score"], "40");
    assert_eq!(c["indicators"][0]["items"][0]["score"], "0");
    let v = &c["vetoes"][0];
    assert_eq!(
        (
            v["rule"].as_str(),
            v["scope"].as_str(),
            v["node"].as_str(),
            v["before"].as_str(),
            v["score"].as_str()
        ),
        (Some("a1"), Some("item"), Some("A1"), Some("38"), Some("0"))
    );
    // Shares 10 + 2 + 10 = 22, vetoed 38, deducted 60.
    assert_eq!(
        (c["deducted"].as_str(), c["vetoed"].as_str()),
        (Some("60"), Some("38"))
    );
    assert_eq!(
        c["indicators"][0]["items"][0]["rules"][0]["reason"],
        "发生较大事故，扣10分，触发一票否决：第1项得0分"
    );
    // Not breached: no veto, no fields.
    let c = card(&engine, r#""a2": 2"#);
    assert!(c.get("vetoes").is_none() && c.get("vetoed").is_none());

    let engine = rubric("", r#", "veto": {"scope": "indicator"}"#);
    let c = card(&engine, r#""a1": true"#);
    assert_eq!(
        (c["score"].as_str(), c["indicators"][0]["score"].as_str()),
        (Some("50"), Some("0"))
    );
    assert_eq!(c["vetoes"][0]["node"], "A");
}

/// Source: S11 "如任一政务新媒体账号出现单项否决情形，即判定为不合格(59分)，不再对其他指标进行评分"
/// (a fixed score and grade, the bonus ignored) and S17 "实行否决，考核结论评定为不合格"
/// (the grade only; the score as computed).
#[test]
fn card_vetoes() {
    let fixed = r#", "veto": {"scope": "card", "score": "59", "grade": "不合格"}"#;
    let engine = rubric(&format!("{GRADES}{BONUS}"), fixed);
    let c = card(&engine, r#""a1": true, "j2": true"#);
    assert_eq!(
        (c["score"].as_str(), c["grade"].as_str()),
        (Some("59"), Some("不合格"))
    );
    assert_eq!(c["base"], "90");
    let v = &c["vetoes"][0];
    assert_eq!(
        (
            v["scope"].as_str(),
            v["before"].as_str(),
            v["score"].as_str()
        ),
        (Some("card"), Some("92"), Some("59"))
    );
    assert_eq!(
        c["indicators"][0]["items"][0]["rules"][0]["reason"],
        "发生较大事故，扣10分，触发一票否决：最终得分按59分计，考核结论为不合格"
    );
    // Grade only: 90 would be 甲级, forced to 不合格.
    let engine = rubric(GRADES, r#", "veto": {"scope": "card", "grade": "不合格"}"#);
    let c = card(&engine, r#""a1": true"#);
    assert_eq!(
        (c["score"].as_str(), c["grade"].as_str()),
        (Some("90"), Some("不合格"))
    );
    assert!(c["vetoes"][0].get("score").is_none());
    // A card veto needs a score or a grade; an item veto takes neither.
    let text = |veto: &str| {
        format!(
            r#"{{"id": "r", "title": "t", "total": "5", "indicators": [{{"id": "G", "name": "g", "points": "5", "items": [
            {{"id": "I", "serial": "1", "points": "5", "requirement": "q", "rules": [
              {{"id": "a", "label": "l", "text": "", "trigger": {{"kind": "flag"}}, "penalty": {{"kind": "flat", "points": "1"}}, "veto": {veto}}}]}}]}}]}}"#
        )
    };
    assert_eq!(
        Engine::load(&text(r#"{"scope": "card"}"#))
            .unwrap_err()
            .message,
        "rule `a`: a card veto fixes a `score` or forces a `grade` (or both)"
    );
    assert_eq!(
        Engine::load(&text(r#"{"scope": "item", "score": "0"}"#))
            .unwrap_err()
            .message,
        "rule `a`: an item or indicator veto zeroes its node: it takes no `score` or `grade`"
    );
}

/// Several vetoes: all listed in document order; the lowest fixed score
/// wins.
#[test]
fn several_vetoes() {
    let text = r#"{"id": "r", "title": "t", "total": "10", "indicators": [{"id": "G", "name": "g", "points": "10", "items": [
      {"id": "I", "serial": "1", "points": "10", "requirement": "q", "rules": [
        {"id": "a", "label": "甲", "text": "", "trigger": {"kind": "flag"}, "penalty": {"kind": "flat", "points": "0"},
         "veto": {"scope": "card", "score": "6", "grade": "不合格"}},
        {"id": "b", "label": "乙", "text": "", "trigger": {"kind": "flag"}, "penalty": {"kind": "flat", "points": "0"},
         "veto": {"scope": "card", "score": "0"}},
        {"id": "c", "label": "丙", "text": "", "trigger": {"kind": "flag"}, "penalty": {"kind": "flat", "points": "1"},
         "veto": {"scope": "item"}}]}]}]}"#;
    let engine = Engine::load(text).unwrap();
    let c: Value = serde_json::from_str(
        &engine
            .evaluate(r#"{"facts": {"a": true, "b": true, "c": true}}"#)
            .unwrap(),
    )
    .unwrap();
    // b's 0 beats a's 6; a's grade is the first forced one.
    assert_eq!(
        (c["score"].as_str(), c["grade"].as_str()),
        (Some("0"), Some("不合格"))
    );
    let rules: Vec<&str> = c["vetoes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["a", "b", "c"]);
}

/// The report of a card with a bonus section and vetoes reads back into the
/// typed report and writes the same bytes.
#[test]
fn report_round_trips() {
    let engine = rubric(
        &format!("{GRADES}{BONUS}"),
        r#", "veto": {"scope": "item"}"#,
    );
    let out = engine
        .evaluate(r#"{"facts": {"a1": true, "j1": 2, "j2": true}}"#)
        .unwrap();
    let report: ducha::Report = ducha::json::from_str(&out).unwrap();
    assert_eq!(serde_json::to_string(&report).unwrap(), out);
    assert_eq!(serde_json::to_string(&report.into_owned()).unwrap(), out);
}

/// Source: S8 "在分值扣完的基础上，实行倒扣分，产区最多扣2分": an item of 4 points
/// with a floor of −2 deducts up to 6; its indicator keeps its default
/// floor of 0.
#[test]
fn negative_floor() {
    let text = r#"{"id": "r", "title": "t", "total": "10", "indicators": [
      {"id": "G", "name": "粮食生产", "points": "4", "floor": "-2", "items": [
        {"id": "I", "serial": "1", "points": "4", "floor": "-2", "requirement": "q", "rules": [
          {"id": "a", "label": "耕地面积减少", "text": "每减少1%扣1分，倒扣最多2分", "trigger": {"kind": "count"},
           "penalty": {"kind": "per_occurrence", "points": "1"}}]}]},
      {"id": "H", "name": "其他", "points": "6", "items": [
        {"id": "J", "serial": "2", "points": "6", "requirement": "q", "rules": []}]}]}"#;
    let engine = Engine::load(text).unwrap();
    let c = |n: u32| -> Value {
        serde_json::from_str(
            &engine
                .evaluate(&format!(r#"{{"facts": {{"a": {n}}}}}"#))
                .unwrap(),
        )
        .unwrap()
    };
    // 5 breaches: 4 − 5 = −1; 9 breaches: floored at −2; the total 10 − 6 = 4.
    assert_eq!(c(5)["indicators"][0]["items"][0]["score"], "-1");
    let card = c(9);
    assert_eq!(card["indicators"][0]["items"][0]["score"], "-2");
    assert_eq!(card["indicators"][0]["score"], "-2");
    assert_eq!(card["score"], "4");
    assert_eq!(
        card["indicators"][0]["items"][0]["rules"][0]["reason"],
        "耕地面积减少：9起，扣9分，受第1项分值4分（最低-2分）所限，实扣6分"
    );
    // A floor above 0 is refused.
    let bad = text.replace(
        r#""points": "4", "floor": "-2", "requirement""#,
        r#""points": "4", "floor": "1", "requirement""#,
    );
    assert!(
        Engine::load(&bad)
            .unwrap_err()
            .message
            .contains("`floor` `1` must be 0 or below")
    );
}

/// Source: S14 "考核评分采用百分制，同时设加分项和扣分项。其中，加分项累计不超过3分，扣分项不设上限":
/// base 98, bonus 2, penalties 7 → 93; penalties past everything stop at
/// the floor of 0.
#[test]
fn penalty_section() {
    let penalties = r#""penalties": {"id": "K", "name": "扣分项", "items": [
        {"id": "K1", "serial": "扣1", "points": "1000", "requirement": "q", "rules": [
          {"id": "k1", "label": "被上级通报批评", "text": "每次扣3.5分", "unit": "次", "trigger": {"kind": "count"},
           "penalty": {"kind": "per_occurrence", "points": "3.5"}}]}]},"#;
    let engine = rubric(&format!("{BONUS}{penalties}"), "");
    let c = card(&engine, r#""a2": 2, "j2": true, "k1": 2"#);
    assert_eq!(
        (c["base"].as_str(), c["score"].as_str()),
        (Some("98"), Some("93"))
    );
    assert_eq!(c["penalties"]["deducted"], "7");
    assert_eq!(
        c["penalties"]["items"][0]["reason"],
        "被上级通报批评：2次，扣7分"
    );
    let c = card(&engine, r#""a1": true, "b1": true, "k1": 100"#);
    assert_eq!(
        (c["base"].as_str(), c["score"].as_str()),
        (Some("80"), Some("0"))
    );
}

/// Source: rubric-shapes.md shape 19 ("…得2分"; S4 "积极分子…得分"): an item that
/// earns starts from 0 and its rules credit it up to its points; no facts
/// means 0 for it, not full marks.
#[test]
fn earning_item() {
    let text = r#"{"id": "r", "title": "t", "total": "10", "indicators": [
      {"id": "G", "name": "宣传工作", "points": "10", "items": [
        {"id": "I", "serial": "1", "points": "5", "earn": true, "requirement": "q", "rules": [
          {"id": "a", "label": "在市级以上媒体刊发稿件", "text": "每篇得1分，最高得5分", "unit": "篇",
           "trigger": {"kind": "count"}, "penalty": {"kind": "capped", "points": "1", "cap": "5"}}]},
        {"id": "J", "serial": "2", "points": "5", "requirement": "q", "rules": [
          {"id": "b", "label": "未按时报送", "text": "扣1分", "trigger": {"kind": "flag"},
           "penalty": {"kind": "flat", "points": "1"}}]}]}]}"#;
    let engine = Engine::load(text).unwrap();
    let eval = |facts: &str| -> Value {
        serde_json::from_str(
            &engine
                .evaluate(&format!(r#"{{"facts": {{{facts}}}}}"#))
                .unwrap(),
        )
        .unwrap()
    };
    // No facts: item I earns 0, item J keeps 5.
    let c = eval("");
    assert_eq!(
        (
            c["score"].as_str(),
            c["indicators"][0]["items"][0]["score"].as_str()
        ),
        (Some("5"), Some("0"))
    );
    // 3 articles earn 3; b deducts 1: 3 + 4 = 7.
    let c = eval(r#""a": 3, "b": true"#);
    assert_eq!(c["score"], "7");
    let item = &c["indicators"][0]["items"][0];
    assert_eq!(
        (item["score"].as_str(), item["deducted"].as_str()),
        (Some("3"), Some("2"))
    );
    assert_eq!(item["reason"], "在市级以上媒体刊发稿件：3篇，得3分");
    // 9 articles: at most 5.
    assert_eq!(eval(r#""a": 9"#)["score"], "10");
}

/// A rubric of three items (30, 30, 40) whose not-applicable items follow
/// `policy`.
fn na_rubric(policy: &str) -> Engine {
    let text = format!(
        r#"{{"id": "r", "title": "t", "total": "100", "not_applicable": "{policy}",
        "rounding": {{"places": 1, "mode": "half_up"}},
        "indicators": [{{"id": "G", "name": "g", "points": "100", "items": [
          {{"id": "I1", "serial": "1", "points": "30", "requirement": "q", "rules": [
            {{"id": "a", "label": "未建立制度", "text": "扣5分", "trigger": {{"kind": "flag"}}, "penalty": {{"kind": "flat", "points": "5"}}}}]}},
          {{"id": "I2", "serial": "2", "points": "30", "requirement": "q", "rules": [
            {{"id": "b", "label": "台账不全", "text": "扣3分", "trigger": {{"kind": "flag"}}, "penalty": {{"kind": "flat", "points": "3"}}}}]}},
          {{"id": "I3", "serial": "3", "points": "40", "requirement": "q", "rules": [
            {{"id": "c", "label": "对外服务不规范", "text": "扣10分", "trigger": {{"kind": "flag"}}, "penalty": {{"kind": "flat", "points": "10"}}}}]}}]}}]}}"#
    );
    Engine::load(&text).unwrap()
}

fn eval(engine: &Engine, text: &str) -> Value {
    serde_json::from_str(&engine.evaluate(text).unwrap()).unwrap()
}

/// Source: S7 "可以有合理缺项（合理缺项项目用“－”标示），但需标化。标化分=所得的分数除以该单位应得的最高分数×100":
/// item 3 (40) not applicable, 5 deducted: 55 of 60 → 91.666… → 91.7.
#[test]
fn not_applicable_rescaled() {
    let engine = na_rubric("rescale");
    let c = eval(
        &engine,
        r#"{"facts": {"a": true, "b": false}, "not_applicable": {"I3": "无对外服务职能"}}"#,
    );
    assert_eq!(
        (c["score"].as_str(), c["deducted"].as_str()),
        (Some("91.7"), Some("8.3"))
    );
    assert_eq!(
        c["rescaled"],
        serde_json::json!({"applicable": "60", "earned": "55"})
    );
    let item = &c["indicators"][0]["items"][2];
    assert_eq!(
        (item["applicable"].as_bool(), item["score"].as_str()),
        (Some(false), Some("40"))
    );
    assert_eq!(
        item["reason"],
        "合理缺项（无对外服务职能），不计入应得分，按应得分标化"
    );
    assert_eq!(item["rules"][0]["applicable"], false);
    // Not applicable is not "not assessed": the inspection is complete.
    let inspection: ducha::Inspection = ducha::json::from_str(
        r#"{"facts": {"a": true, "b": false}, "not_applicable": {"I3": "无对外服务职能"}}"#,
    )
    .unwrap();
    let rubric: ducha::Rubric = ducha::json::from_str(&engine.rubric_json()).unwrap();
    assert!(rubric.evaluate(&inspection).unwrap().is_complete());
    // Nothing marked: no rescaling, as before.
    let c = eval(&engine, r#"{"facts": {"a": true}}"#);
    assert_eq!(c["score"], "95");
    assert!(c.get("rescaled").is_none());
}

/// Source: rubric-shapes.md shape 10b, "此处不失分": under `full`, an item
/// not applicable keeps its points; a rule may be not applicable too.
#[test]
fn not_applicable_full_and_errors() {
    let engine = na_rubric("full");
    let c = eval(
        &engine,
        r#"{"facts": {"a": true}, "not_applicable": {"I3": "无对外服务职能", "b": "本年度无此项工作"}}"#,
    );
    assert_eq!(c["score"], "95");
    assert_eq!(
        c["indicators"][0]["items"][2]["reason"],
        "合理缺项（无对外服务职能），此处不失分"
    );
    assert_eq!(
        c["indicators"][0]["items"][1]["reason"],
        "台账不全：不适用（本年度无此项工作）"
    );
    let err = |text: &str| engine.evaluate(text).unwrap_err();
    let e = err(r#"{"facts": {"c": true}, "not_applicable": {"I3": "x"}}"#);
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "not-applicable",
            "`I3` marked not applicable: rule `c` has a fact too; give one or the other"
        )
    );
    assert_eq!(
        err(r#"{"not_applicable": {"I9": "x"}}"#).message,
        "`I9` marked not applicable: it names no item or rule of the rubric"
    );
    assert!(
        err(r#"{"not_applicable": {"I3": "x", "I3": "y"}}"#)
            .message
            .contains("marked not applicable twice")
    );
    // A rubric without a policy allows none.
    let plain = rubric("", "");
    assert_eq!(
        plain
            .evaluate(r#"{"not_applicable": {"A1": "x"}}"#)
            .unwrap_err()
            .message,
        "`A1` marked not applicable: the rubric allows none here (neither it nor an indicator above declares a `not_applicable` policy)"
    );
}

/// Diagnostics for the new hazards: a gate no base opens, a bonus that
/// adds nothing, a grade no card reaches.
#[test]
fn card_diagnostics() {
    let gated = rubric(
        &format!(
            r#"{}"grades": [{{"at_least": "104", "label": "超优"}}, {{"label": "其他"}}],"#,
            BONUS.replace(r#""cap": "3","#, r#""cap": "3", "gate": {"above": "100"},"#)
        ),
        "",
    );
    let codes: Vec<String> =
        serde_json::from_str::<Value>(&gated.diagnostics()).unwrap()["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{} {}",
                    d["code"].as_str().unwrap(),
                    d["message"].as_str().unwrap()
                )
            })
            .collect();
    assert!(
        codes.contains(
            &"unreachable-bonus no base score opens its gate: the base is at most the total, 100"
                .to_owned()
        ),
        "{codes:?}"
    );
    assert!(
        codes.contains(
            &"unreachable-grade grade `超优` needs at least 104, more than a card can score (103)"
                .to_owned()
        ),
        "{codes:?}"
    );
}

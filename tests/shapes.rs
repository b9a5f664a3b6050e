//! The rule shapes beyond flat, per-occurrence and capped deductions, each
//! through the JSON surface as a host meets it: a one-item rubric holding
//! the clause, inspections scored and explained, the arithmetic worked by
//! hand in the comments. Clauses are quoted from `shared/rubric-shapes.md`
//! (S-numbers are its sources).

use ducha::json::{Engine, ErrorCode};
use serde_json::Value;

/// A rubric of one indicator and one item of `points` holding `rules`
/// (JSON objects), with `extra` top-level fields (`"rounding": …`).
fn rubric(points: &str, rules: &str, extra: &str) -> Engine {
    let text = format!(
        r#"{{"id": "r", "title": "t", "total": "{points}", {extra}
            "indicators": [{{"id": "G", "name": "g", "points": "{points}", "items": [
              {{"id": "I", "serial": "1", "points": "{points}", "requirement": "q", "rules": [{rules}]}}]}}]}}"#
    );
    Engine::load(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// Scores `facts` (a JSON object's members) and returns the scorecard.
fn score(engine: &Engine, facts: &str) -> Value {
    let text = format!(
        r#"{{"period": {{"from": "2026-01-01", "to": "2026-12-31"}}, "facts": {{{facts}}}}}"#
    );
    let out = engine
        .evaluate(&text)
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    serde_json::from_str(&out).unwrap()
}

/// The only item of a one-item scorecard.
fn item(card: &Value) -> &Value {
    &card["indicators"][0]["items"][0]
}

/// The rule `id` of a one-item scorecard.
fn rule<'a>(card: &'a Value, id: &str) -> &'a Value {
    item(card)["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap()
}

/// The error code and message evaluating `facts` gives.
fn error(engine: &Engine, facts: &str) -> (ErrorCode, String) {
    let text = format!(
        r#"{{"period": {{"from": "2026-01-01", "to": "2026-12-31"}}, "facts": {{{facts}}}}}"#
    );
    let e = engine.evaluate(&text).unwrap_err();
    (e.code, e.message)
}

/// The message loading a rubric gives.
fn refused(points: &str, rules: &str, extra: &str) -> String {
    let text = format!(
        r#"{{"id": "r", "title": "t", "total": "{points}", {extra}
            "indicators": [{{"id": "G", "name": "g", "points": "{points}", "items": [
              {{"id": "I", "serial": "1", "points": "{points}", "requirement": "q", "rules": [{rules}]}}]}}]}}"#
    );
    Engine::load(&text).unwrap_err().message
}

const LINEAR: &str = r#"{"id": "a", "label": "机电设备综合完好率未达标", "text": "每降低1个百分点扣0.5分，低于85%不得分",
    "trigger": {"kind": "measured", "measure": "percent"},
    "penalty": {"kind": "linear", "direction": "below", "target": "90", "step": "1", "points": "0.5",
                "partial": "whole", "cutoff": "85"}}"#;

/// Source: S8 "每减少1个百分点…扣0.5分…低于90%不得分"; the issue's worked
/// reason. 87.5 % against 90 %: 2.5 points short, whole steps of 1 → 2
/// steps × 0.5 = 1.
#[test]
fn linear_whole_steps() {
    let engine = rubric("5", LINEAR, "");
    let card = score(&engine, r#""a": "87.5%""#);
    assert_eq!(card["score"], "4");
    assert_eq!(rule(&card, "a")["breaches"], 1);
    assert_eq!(
        rule(&card, "a")["reason"],
        "机电设备综合完好率未达标（实测87.5%，低于90%共2.5个百分点，按每1个百分点扣0.5分计2个），扣1分"
    );
    // At or above the target: nothing.
    let card = score(&engine, r#""a": "90""#);
    assert_eq!(
        (
            card["score"].as_str(),
            rule(&card, "a")["breaches"].as_u64()
        ),
        (Some("5"), Some(0))
    );
    assert_eq!(rule(&card, "a")["reason"], "");
    // Below the cutoff: the whole item (no cap of its own).
    let card = score(&engine, r#""a": "84.9""#);
    assert_eq!(card["score"], "0");
    assert_eq!(
        rule(&card, "a")["reason"],
        "机电设备综合完好率未达标（实测84.9%，低于85%，扣除全部分值），扣5分"
    );
    // 85 is not below the cutoff: 5 short, 5 steps, 2.5.
    assert_eq!(score(&engine, r#""a": 85"#)["score"], "2.5");
}

/// A started step counts whole; an exact step in proportion, rounded as
/// the rubric declares (保留两位小数，四舍五入). Source: S8 "年度工作任务完成率每减少
/// 10个百分点扣0.15分，扣完为止" on a ratio: 0.67 is 33 points short, 3.3 steps.
#[test]
fn linear_partial_steps_and_rounding() {
    let rule_with = |partial: &str| {
        format!(
            r#"{{"id": "a", "label": "年度工作任务完成率不足", "text": "每减少10个百分点扣0.15分，扣完为止",
            "trigger": {{"kind": "measured", "measure": "ratio"}},
            "penalty": {{"kind": "linear", "direction": "below", "target": "1", "step": "0.1", "points": "0.15",
                        "partial": "{partial}", "cap": "1"}}}}"#
        )
    };
    let rounding = r#""rounding": {"places": 2, "mode": "half_up"},"#;
    // Started: 4 steps × 0.15 = 0.6.
    let card = score(&rubric("1", &rule_with("started"), ""), r#""a": "0.67""#);
    assert_eq!(card["score"], "0.4");
    // Exact: 3.3 × 0.15 = 0.495 → 0.50 (half up) → 0.5; the scorecard says it rounded.
    let card = score(
        &rubric("1", &rule_with("exact"), rounding),
        r#""a": "0.67""#,
    );
    assert_eq!(card["score"], "0.5");
    let r = rule(&card, "a");
    assert_eq!(
        (r["raw"].as_str(), r["rounded"].as_bool()),
        (Some("0.5"), Some(true))
    );
    assert_eq!(
        r["reason"],
        "年度工作任务完成率不足（实测67%，低于100%共33个百分点，按每10个百分点扣0.15分计3.3个），按保留2位小数四舍五入，扣0.5分"
    );
    // Half even: 0.495 → 0.50 as well; down: 0.49.
    let down = r#""rounding": {"places": 2, "mode": "down"},"#;
    assert_eq!(
        score(&rubric("1", &rule_with("exact"), down), r#""a": "0.67""#)["score"],
        "0.51"
    );
    // An exact value needs no rounding and says none.
    let card = score(&rubric("1", &rule_with("exact"), rounding), r#""a": "0.8""#);
    assert_eq!(card["score"], "0.7"); // 2 steps × 0.15
    assert!(rule(&card, "a").get("rounded").is_none());
    // Far short: capped at 1 ("扣完为止").
    let card = score(&rubric("1", &rule_with("whole"), ""), r#""a": "0""#);
    assert_eq!(card["score"], "0");
    assert_eq!(rule(&card, "a")["limited_by"]["kind"], "cap");
    // A dividing rule in a rubric without a rounding is refused at load.
    assert_eq!(
        refused("1", &rule_with("exact"), ""),
        "rule `a`: it divides, so the rubric must declare a `rounding` (places and mode)"
    );
}

/// Excess above a target: "平均年龄…每超平均年龄1岁的，扣0.5分" (S9), on amounts.
#[test]
fn linear_above() {
    let rule = r#"{"id": "a", "label": "平均年龄偏高", "text": "每超1岁扣0.5分",
        "trigger": {"kind": "measured", "measure": "amount"},
        "penalty": {"kind": "linear", "direction": "above", "target": "40", "step": "1", "points": "0.5", "partial": "whole"}}"#;
    let engine = rubric("2", rule, "");
    // 42.7 is 2.7 over: 2 whole years × 0.5 = 1.
    let card = score(&engine, r#""a": "42.7""#);
    assert_eq!(card["score"], "1");
    assert_eq!(
        item(&card)["reason"],
        "平均年龄偏高（实测42.7，高于40共2.7，按每1扣0.5分计2个），扣1分"
    );
    assert_eq!(score(&engine, r#""a": "39""#)["score"], "2");
}

/// Source: "事件处理率*15分" (the issue): 15 × 80 % = 12 earned, 3 deducted;
/// 2/3 earns 15 × 0.6666… = 9.9999…, rounded half up at 2 places to 10.
#[test]
fn proportional() {
    let rule = r#"{"id": "a", "label": "事件处理率", "text": "事件处理率*15分",
        "trigger": {"kind": "measured", "measure": "ratio"},
        "penalty": {"kind": "proportional", "target": "1", "points": "15"}}"#;
    let engine = rubric(
        "15",
        rule,
        r#""rounding": {"places": 2, "mode": "half_up"},"#,
    );
    let card = score(&engine, r#""a": "80%""#);
    assert_eq!(card["score"], "12");
    assert_eq!(
        item(&card)["reason"],
        "事件处理率（实测80%，目标100%，按完成比例计分（满分15分）），扣3分"
    );
    let card = score(&engine, r#""a": "0.666666666666666666666666667""#);
    assert_eq!(card["score"], "10");
    assert_eq!(rule_of(&card)["rounded"], true);
    // Above the target earns every point, never more.
    assert_eq!(score(&engine, r#""a": "1""#)["score"], "15");
}

const BANDS: &str = r#"{"id": "a", "label": "群众满意度测评", "text": "≥90分得满分，≥80分得4分，≥70分得2分，≥60分得1分，＜60分不得分",
    "trigger": {"kind": "measured", "measure": "amount"},
    "penalty": {"kind": "bands", "bands": [
      {"at_least": "90", "deduct": "0"}, {"at_least": "80", "score": "4"}, {"at_least": "70", "score": "2"},
      {"at_least": "60", "score": "1"}, {"score": "0"}]}}"#;

/// Source: the issue's band clause "≥90分得满分，≥80分得4分，≥70分得2分，≥60分得1分，
/// ＜60分不得分", an item of 5 points.
#[test]
fn bands() {
    let engine = rubric("5", BANDS, "");
    for (value, score_) in [
        ("95", "5"),
        ("90", "5"),
        ("89.9", "4"),
        ("80", "4"),
        ("75", "2"),
        ("60", "1"),
        ("59.5", "0"),
    ] {
        assert_eq!(
            score(&engine, &format!(r#""a": "{value}""#))["score"],
            score_,
            "{value}"
        );
    }
    let card = score(&engine, r#""a": "85""#);
    assert_eq!(
        item(&card)["reason"],
        "群众满意度测评（实测85，不低于80），扣1分"
    );
    let card = score(&engine, r#""a": "50""#);
    assert_eq!(
        item(&card)["reason"],
        "群众满意度测评（实测50，低于60），扣5分"
    );
    // "实际发生数小于或等于控制数,该项得标准分;大于控制数,该项不得分" (S17): at most.
    let rule = r#"{"id": "a", "label": "安全生产控制指标", "text": "",
        "trigger": {"kind": "measured", "measure": "count"},
        "penalty": {"kind": "bands", "bands": [{"at_most": "3", "deduct": "0"}, {"deduct": "4"}]}}"#;
    let engine = rubric("4", rule, "");
    assert_eq!(score(&engine, r#""a": 3"#)["score"], "4");
    let card = score(&engine, r#""a": 4"#);
    assert_eq!(card["score"], "0");
    assert_eq!(
        item(&card)["reason"],
        "安全生产控制指标（实测4，高于3），扣4分"
    );
}

/// Bands are validated: ordered, one kind of bound, an open last band,
/// awards within the item, bounds in the measure.
#[test]
fn bands_validation() {
    let with = |bands: &str| {
        refused(
            "5",
            &format!(
                r#"{{"id": "a", "label": "l", "text": "", "trigger": {{"kind": "measured", "measure": "percent"}},
                "penalty": {{"kind": "bands", "bands": [{bands}]}}}}"#
            ),
            "",
        )
    };
    assert_eq!(
        with(
            r#"{"at_least": "80", "deduct": "0"}, {"at_least": "90", "deduct": "1"}, {"deduct": "5"}"#
        ),
        "rule `a`: band bounds must be strictly ordered: `at_least` decreasing, `at_most` increasing"
    );
    assert_eq!(
        with(
            r#"{"at_least": "80", "deduct": "0"}, {"at_most": "50", "deduct": "1"}, {"deduct": "5"}"#
        ),
        "rule `a`: every band but the last gives one bound, all `at_least` or all `at_most`"
    );
    assert_eq!(
        with(r#"{"at_least": "80", "deduct": "0"}, {"at_least": "50", "deduct": "1"}"#),
        "rule `a`: the last band must have no bound: it takes every value the bands before it do not"
    );
    assert_eq!(
        with(r#"{"at_least": "80", "deduct": "6"}, {"deduct": "5"}"#),
        "rule `a`: `bands[0]` gives `6`, more than the item's 5 points"
    );
    assert_eq!(
        with(r#"{"at_least": "80", "deduct": "1", "score": "4"}, {"deduct": "5"}"#),
        "rule `a`: `bands[0]` needs exactly one of `deduct` or `score`"
    );
    assert_eq!(
        with(r#"{"at_least": "120", "deduct": "0"}, {"deduct": "5"}"#),
        "rule `a`: `at_least` `120` is outside its measure, a percentage from 0 to 100"
    );
    // A band no value reaches is a diagnostic, not an error.
    let engine = rubric(
        "5",
        r#"{"id": "a", "label": "l", "text": "t", "trigger": {"kind": "measured", "measure": "percent"},
            "penalty": {"kind": "bands", "bands": [{"at_least": "0", "deduct": "0"}, {"deduct": "5"}]}}"#,
        "",
    );
    assert!(
        engine.diagnostics().contains("unreachable-band"),
        "{}",
        engine.diagnostics()
    );
}

/// Source: S18 "低于(含)90%,不得分。高于90%的,按线性内插赋分": knots (90 %, score
/// 0) and (100 %, score 5); 95 % scores 2.5; 93.3 % scores 1.65 exactly; 92.35 %
/// scores 1.175 → 1.18 (half up); 85 % scores 0.
#[test]
fn interpolation() {
    let rule = r#"{"id": "a", "label": "水质达标率", "text": "低于(含)90%,不得分。高于90%的,按线性内插赋分",
        "trigger": {"kind": "measured", "measure": "percent"},
        "penalty": {"kind": "interpolate", "knots": [{"value": "90", "score": "0"}, {"value": "100", "score": "5"}]}}"#;
    let engine = rubric(
        "5",
        rule,
        r#""rounding": {"places": 2, "mode": "half_up"},"#,
    );
    assert_eq!(score(&engine, r#""a": "95%""#)["score"], "2.5");
    assert_eq!(score(&engine, r#""a": "93.3""#)["score"], "1.65");
    let card = score(&engine, r#""a": "92.35""#);
    assert_eq!(card["score"], "1.18");
    assert_eq!(rule_of(&card)["rounded"], true);
    assert_eq!(
        item(&card)["reason"],
        "水质达标率（实测92.35%，在90%与100%之间按线性内插），按保留2位小数四舍五入，扣3.82分"
    );
    let card = score(&engine, r#""a": "85""#);
    assert_eq!(
        (card["score"].as_str(), item(&card)["reason"].as_str()),
        (Some("0"), Some("水质达标率（实测85%，不高于90%），扣5分"))
    );
    assert_eq!(score(&engine, r#""a": "100""#)["score"], "5");
}

fn rule_of(card: &Value) -> &Value {
    &item(card)["rules"][0]
}

/// Source: S15 "审读结果为优的，10分；…良的，5分" (scores in an item of 10),
/// and an unknown option names the valid ones.
#[test]
fn rating() {
    let rule = r#"{"id": "a", "label": "期刊上年度审读结果", "text": "优10分；良5分；中、差不得分",
        "trigger": {"kind": "rating"},
        "penalty": {"kind": "rating", "options": [
          {"option": "优", "score": "10"}, {"option": "良", "score": "5"}, {"option": "中", "score": "0"}, {"option": "差", "score": "0"}]}}"#;
    let engine = rubric("10", rule, "");
    assert_eq!(score(&engine, r#""a": "优""#)["score"], "10");
    let card = score(&engine, r#""a": "良""#);
    assert_eq!(card["score"], "5");
    assert_eq!(item(&card)["reason"], "期刊上年度审读结果：良，扣5分");
    let (code, message) = error(&engine, r#""a": "特优""#);
    assert_eq!(code, ErrorCode::InvalidFact);
    assert_eq!(
        message,
        "rule `a`: unknown option `特优`; the options are `优`, `良`, `中`, `差`"
    );
    // A rating rule reads nothing else.
    assert_eq!(error(&engine, r#""a": true"#).0, ErrorCode::WrongFactType);
    // Options named by numbers ("1：很好 … 5：差") are matched by value.
    let rule = r#"{"id": "a", "label": "服务评价", "text": "",
        "trigger": {"kind": "rating"},
        "penalty": {"kind": "rating", "options": [{"option": "1", "score": "30"}, {"option": "2", "score": "20"}]}}"#;
    let engine = rubric("30", rule, "");
    assert_eq!(score(&engine, r#""a": 2"#)["score"], "20");
    assert_eq!(score(&engine, r#""a": "1""#)["score"], "30");
}

const RANGE: &str = r#"{"id": "a", "label": "重大决策落实和重点工作推进不力", "text": "每例酌情扣1－10分",
    "trigger": {"kind": "count"},
    "penalty": {"kind": "range", "min": "1", "max": "10"}}"#;

/// Source: S4 "重大决策落实和重点工作推进不力的，每例酌情扣1－10分": the inspector
/// gives each amount, in whole points as the rubric writes its points;
/// 3 + 4 = 7.
#[test]
fn discretionary_range() {
    let engine = rubric("20", RANGE, "");
    let card = score(
        &engine,
        r#""a": [{"note": "甲事项", "amount": "3"}, {"note": "乙事项", "amount": "4"}]"#,
    );
    assert_eq!(card["score"], "13");
    assert_eq!(
        item(&card)["reason"],
        "重大决策落实和重点工作推进不力：2起（甲事项；乙事项；酌情扣1－10分：3、4分），扣7分"
    );
    // Out of range, missing, or too precise: refused, naming the rule.
    assert_eq!(
        error(&engine, r#""a": [{"note": "x", "amount": "12"}]"#),
        (
            ErrorCode::InvalidFact,
            "rule `a`: amount `12` is outside the range 1 to 10".to_owned()
        )
    );
    assert_eq!(
        error(&engine, r#""a": 2"#).1,
        "rule `a`: a discretionary deduction needs an `amount` with each breach (a finding `{\"note\", \"amount\"}`)"
    );
    assert_eq!(
        error(&engine, r#""a": [{"note": "x", "amount": "4.5"}]"#).1,
        "rule `a`: amount `4.5` has more than 0 decimal places"
    );
    // No breach needs no amount.
    assert_eq!(score(&engine, r#""a": 0"#)["score"], "20");
    // Once, on a flag: "代表建议涉及权限不配合落实的，酌情扣0.5－2分".
    let rule = r#"{"id": "a", "label": "代表建议涉及权限不配合落实", "text": "酌情扣0.5－2分",
        "trigger": {"kind": "flag"}, "penalty": {"kind": "range", "min": "0.5", "max": "2"}}"#;
    let engine = rubric("5", rule, "");
    let card = score(&engine, r#""a": {"note": "未配合", "amount": "1.5"}"#);
    assert_eq!(card["score"], "3.5");
    assert_eq!(
        item(&card)["reason"],
        "代表建议涉及权限不配合落实（未配合；酌情扣0.5－2分：1.5分），扣1.5分"
    );
    assert_eq!(error(&engine, r#""a": true"#).0, ErrorCode::InvalidFact);
    // An amount on a rule whose deductions are fixed is refused, not ignored.
    let flat = r#"{"id": "a", "label": "l", "text": "", "trigger": {"kind": "flag"}, "penalty": {"kind": "flat", "points": "1"}}"#;
    assert_eq!(
        error(
            &rubric("5", flat, ""),
            r#""a": {"note": "x", "amount": "1"}"#
        )
        .1,
        "rule `a`: takes no `amount`: the rubric fixes its deductions"
    );
}

/// Source: S4 "三年以上未发展党员的，扣5分，每多一年加扣1分": amounts [5, 1]; 4
/// breaches → 5 + 1 + 1 + 1 = 8. And "每起扣1分，经催办后仍未落实的加倍扣分", "减半扣分".
#[test]
fn escalation() {
    let rule = r#"{"id": "a", "label": "未发展党员", "text": "三年以上未发展党员的，扣5分，每多一年加扣1分", "unit": "年",
        "trigger": {"kind": "count"}, "penalty": {"kind": "escalating", "amounts": ["5", "1"]}}"#;
    let engine = rubric("10", rule, "");
    let card = score(&engine, r#""a": 4"#);
    assert_eq!(card["score"], "2");
    assert_eq!(
        item(&card)["reason"],
        "未发展党员：4年（依次扣5、1、1、1分），扣8分"
    );
    // A huge count costs constant time: 5 + (2^64 − 2) × 1, bounded by the item.
    let card = score(&engine, r#""a": 18446744073709551615"#);
    assert_eq!(card["score"], "0");

    let rule = r#"{"id": "a", "label": "未按要求完成镇党委政府布置的工作", "text": "每起扣1分，经催办后仍未落实的加倍扣分",
        "trigger": {"kind": "count"},
        "penalty": {"kind": "escalating", "amounts": ["1"], "cap": "6",
                    "multipliers": [{"name": "经催办后仍未落实", "factor": "2"}, {"name": "其他干部", "factor": "0.5"}]}}"#;
    let engine = rubric("10", rule, "");
    // 1 + 2 + 0.5 = 3.5.
    let card = score(
        &engine,
        r#""a": [{"note": "甲"}, {"note": "乙", "multiplier": "经催办后仍未落实"}, {"note": "丙", "multiplier": "其他干部"}]"#,
    );
    assert_eq!(card["score"], "6.5");
    assert_eq!(
        item(&card)["reason"],
        "未按要求完成镇党委政府布置的工作：3起（甲；乙；丙；依次扣1、2（经催办后仍未落实，加倍）、0.5（其他干部，减半）分），扣3.5分"
    );
    assert_eq!(
        error(&engine, r#""a": [{"note": "x", "multiplier": "三倍"}]"#).1,
        "rule `a`: unknown multiplier `三倍`; the rule declares `经催办后仍未落实`, `其他干部`"
    );
}

/// Source: S4 "每月平安巡防志愿者活动未达2次，扣1分" (a breach per short month)
/// and "全年上报甬礼堂5次以上，每少一次扣1分" (a breach per missing occurrence).
#[test]
fn at_least_n_per_period() {
    let rule = r#"{"id": "a", "label": "平安巡防志愿者活动未达要求", "text": "每月未达2次，扣1分", "unit": "个月",
        "trigger": {"kind": "cadence", "every": "month", "at_least": 2}, "penalty": {"kind": "per_occurrence", "points": "1"}}"#;
    let engine = rubric("12", rule, "");
    // Two in every month but January (1) and March (none): 2 short months.
    let mut dates = Vec::new();
    for m in 1..=12 {
        let n = match m {
            1 => 1,
            3 => 0,
            _ => 2,
        };
        for d in 0..n {
            dates.push(format!("\"2026-{m:02}-{:02}\"", 10 + d));
        }
    }
    let card = score(&engine, &format!(r#""a": [{}]"#, dates.join(",")));
    assert_eq!(card["score"], "10");
    assert_eq!(
        item(&card)["reason"],
        "平安巡防志愿者活动未达要求：2个月（2026年1月仅1次、2026年3月无记录，每期应不少于2次），扣2分"
    );
    let rule = r#"{"id": "a", "label": "上报次数不足", "text": "全年上报5次以上，每少一次扣1分", "unit": "次",
        "trigger": {"kind": "cadence", "every": "year", "at_least": 5, "short": "occurrence"}, "penalty": {"kind": "capped", "points": "1", "cap": "5"}}"#;
    let engine = rubric("5", rule, "");
    // 3 reports: 2 missing.
    let card = score(
        &engine,
        r#""a": ["2026-02-01", "2026-05-01", "2026-09-01"]"#,
    );
    assert_eq!(card["score"], "3");
    assert_eq!(
        item(&card)["reason"],
        "上报次数不足：2次（2026年仅3次，每期应不少于5次），扣2分"
    );
    assert_eq!(
        refused("5", &rule.replace("\"at_least\": 5", "\"at_least\": 0"), ""),
        "rule `a`: `at_least` `0` must be at least 1"
    );
}

/// Source: seed 11g "除涉及国家秘密、商业秘密、个人隐私等依法不予公开的信息外": an exempt
/// finding deducts nothing, is counted apart, and the reason says so; a
/// ground the rule does not accept is refused.
#[test]
fn exemptions() {
    let engine = Engine::seed();
    let text = r#"{"facts": {"11g": [{"note": "某案"}, {"note": "某案二", "exempt": "涉及个人隐私依法不予公开"}]}}"#;
    let card: Value = serde_json::from_str(&engine.evaluate(text).unwrap()).unwrap();
    let r = card["indicators"][1]["items"][8]["rules"][2].clone();
    assert_eq!(r["id"], "11g");
    assert_eq!(
        (
            r["breaches"].as_u64(),
            r["exempt"].as_u64(),
            r["deducted"].as_str()
        ),
        (Some(1), Some(1), Some("1"))
    );
    assert_eq!(
        r["reason"],
        "未按“谁办案、谁录入、谁负责”原则公示行政处罚信息和结果：1起（某案），另有1起涉及个人隐私依法不予公开，不扣分，扣1分"
    );
    let only = r#"{"facts": {"11g": [{"note": "某案二", "exempt": "涉及国家秘密依法不予公开"}]}}"#;
    let card: Value = serde_json::from_str(&engine.evaluate(only).unwrap()).unwrap();
    let r = &card["indicators"][1]["items"][8]["rules"][2];
    assert_eq!(
        (r["breaches"].as_u64(), r["deducted"].as_str()),
        (Some(0), Some("0"))
    );
    assert_eq!(
        r["reason"],
        "未按“谁办案、谁录入、谁负责”原则公示行政处罚信息和结果：1起涉及国家秘密依法不予公开，不扣分"
    );
    let e = engine
        .evaluate(r#"{"facts": {"11g": [{"note": "x", "exempt": "领导同意"}]}}"#)
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidFact);
    assert_eq!(
        e.message,
        "rule `11g`: exemption ground `领导同意` is not one the rule accepts: `涉及国家秘密依法不予公开`, `涉及商业秘密依法不予公开`, `涉及个人隐私依法不予公开`"
    );
    // A case may be exempt too ("因不可抗力因素除外"); it is still checked.
    let rule = r#"{"id": "a", "label": "未按时报送", "text": "", "trigger": {"kind": "deadline"},
        "penalty": {"kind": "per_occurrence", "points": "1"}}"#;
    let engine = rubric("5", rule, "");
    let card = score(
        &engine,
        r#""a": [{"due": "2026-03-01", "done": "2026-03-09"}, {"due": "2026-04-01", "done": "2026-05-01", "exempt": "因不可抗力"}]"#,
    );
    assert_eq!(card["score"], "4");
    assert!(
        item(&card)["reason"]
            .as_str()
            .unwrap()
            .contains("另有1起因不可抗力，不扣分"),
        "{}",
        item(&card)["reason"]
    );
}

/// Source: S4 "凡行政村当年被评为…综合先进的，分别加2、4、8分，同一项目就高"
/// (as deductions: the largest counts) and "已按其他指标扣分的，本指标项下不重复扣分"
/// across items (the first that fires counts).
#[test]
fn no_double_deduction() {
    let rules = r#"{"id": "a", "label": "发生一般事故", "text": "", "trigger": {"kind": "flag"}, "penalty": {"kind": "flat", "points": "2"}},
        {"id": "b", "label": "发生较大事故", "text": "", "trigger": {"kind": "flag"}, "penalty": {"kind": "flat", "points": "5"}}"#;
    let group = r#""exclusive": [{"rules": ["a", "b"], "keep": "largest"}],"#;
    let engine = rubric("10", rules, group);
    let card = score(&engine, r#""a": true, "b": true"#);
    assert_eq!(card["score"], "5");
    let a = rule(&card, "a");
    assert_eq!(
        (a["raw"].as_str(), a["deducted"].as_str()),
        (Some("2"), Some("0"))
    );
    assert_eq!(
        a["limited_by"],
        serde_json::json!({"kind": "exclusive", "kept": "b"})
    );
    assert_eq!(a["reason"], "发生一般事故，扣2分，不重复扣分（已按b扣分）");
    // Alone, each deducts.
    assert_eq!(score(&engine, r#""a": true"#)["score"], "8");
    // First that fires, across two items.
    let text = r#"{"id": "r", "title": "t", "total": "10",
        "exclusive": [{"rules": ["x", "y"], "keep": "first"}],
        "indicators": [{"id": "G", "name": "g", "points": "10", "items": [
          {"id": "I1", "serial": "1", "points": "5", "requirement": "q", "rules": [
            {"id": "x", "label": "台账不全", "text": "", "trigger": {"kind": "flag"}, "penalty": {"kind": "flat", "points": "1"}}]},
          {"id": "I2", "serial": "2", "points": "5", "requirement": "q", "rules": [
            {"id": "y", "label": "台账不规范", "text": "已按其他指标扣分的，本指标项下不重复扣分", "trigger": {"kind": "flag"}, "penalty": {"kind": "flat", "points": "3"}}]}]}]}"#;
    let engine = Engine::load(text).unwrap();
    let card: Value = serde_json::from_str(
        &engine
            .evaluate(r#"{"facts": {"x": true, "y": true}}"#)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(card["score"], "9");
    assert_eq!(card["indicators"][0]["items"][1]["score"], "5");
    // Groups are validated.
    let bad = text.replace(r#"["x", "y"]"#, r#"["x", "z"]"#);
    assert_eq!(
        Engine::load(&bad).unwrap_err().message,
        "exclusive group 1: unknown rule `z`"
    );
    let bad = text.replace(r#"["x", "y"]"#, r#"["x"]"#);
    assert_eq!(
        Engine::load(&bad).unwrap_err().message,
        "exclusive group 1: lists fewer than two rules"
    );
}

/// A penalty that cannot price its trigger is refused at load, naming both.
#[test]
fn penalty_and_trigger_must_fit() {
    assert_eq!(
        refused(
            "5",
            r#"{"id": "a", "label": "l", "text": "", "trigger": {"kind": "flag"},
                "penalty": {"kind": "linear", "direction": "below", "target": "1", "step": "0.1", "points": "1", "partial": "whole"}}"#,
            ""
        ),
        "rule `a`: a `linear` penalty cannot price a `flag` trigger; it needs a `measured` trigger (or a peer rank)"
    );
    assert_eq!(
        refused(
            "5",
            r#"{"id": "a", "label": "l", "text": "", "trigger": {"kind": "measured", "measure": "ratio"},
                "penalty": {"kind": "flat", "points": "1"}}"#,
            ""
        ),
        "rule `a`: a `flat` penalty cannot price a `measured` trigger; it needs a trigger that counts breaches (flag, count, threshold, deadline, cadence, a peer mean)"
    );
    // A measured rule refuses a value outside its measure, as a threshold does.
    let engine = rubric("5", LINEAR, "");
    assert_eq!(error(&engine, r#""a": 120"#).0, ErrorCode::OutOfDomain);
    assert_eq!(error(&engine, r#""a": true"#).0, ErrorCode::WrongFactType);
}

/// Every new element survives the rubric's JSON round trip, so a dumped
/// rubric scores alike.
#[test]
fn rubric_json_round_trips() {
    let rules = [
        LINEAR.to_owned(),
        BANDS.replace(r#""id": "a""#, r#""id": "b""#),
        RANGE.replace(r#""id": "a""#, r#""id": "c""#),
    ]
    .join(",");
    let engine = rubric(
        "20",
        &rules,
        r#""exclusive": [{"rules": ["a", "b"], "keep": "first"}],"#,
    );
    let dumped = engine.rubric_json();
    let again = Engine::load(&dumped).unwrap();
    assert_eq!(again.rubric_json(), dumped);
}

/// The new JSON is as strict as the rest: unknown fields refused with a
/// path, a wrong fact type named with what the rule expects.
#[test]
fn strict_json() {
    let rule_json = BANDS.replace(r#"{"score": "0"}"#, r#"{"score": "0", "colour": "red"}"#);
    let text = format!(
        r#"{{"id": "r", "title": "t", "total": "5", "indicators": [{{"id": "G", "name": "g", "points": "5", "items": [
          {{"id": "I", "serial": "1", "points": "5", "requirement": "q", "rules": [{rule_json}]}}]}}]}}"#
    );
    let e = Engine::load(&text).unwrap_err();
    assert_eq!(e.code, ErrorCode::Invalid);
    assert!(
        e.message.starts_with("unknown field `colour`"),
        "{}",
        e.message
    );
    // The path reaches the penalty (a tagged object is read whole, as
    // every penalty is).
    assert_eq!(
        e.path.as_deref(),
        Some("indicators[0].items[0].rules[0].penalty")
    );
    // A trigger takes only its own fields.
    let e = Engine::load(&text.replace(
        r#""measure": "amount"}"#,
        r#""measure": "amount", "every": "month"}"#,
    ))
    .unwrap_err();
    assert!(
        e.message.contains("a `measured` trigger takes no `every`"),
        "{}",
        e.message
    );
    // Wrong fact types name the rule and what it reads.
    let engine = rubric("5", BANDS, "");
    assert_eq!(
        error(&engine, r#""a": [{"note": "x"}]"#),
        (
            ErrorCode::WrongFactType,
            "rule `a` expects a measured value (a decimal or a percentage), got a list of findings"
                .to_owned()
        )
    );
    assert_eq!(
        error(&engine, r#""a": "良""#).1,
        "rule `a` expects a measured value (a decimal or a percentage), got a rating"
    );
}

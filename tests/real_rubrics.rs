//! Real rubrics, encoded whole from their public sources, scored as worked
//! by hand (see `examples/` and each test).
//!
//! Four rubrics, each in `examples/<name>.json` with its source, its
//! encoding and what ducha cannot express in `examples/<name>.md`:
//!
//! - [`ciq_canteen`] — 国境口岸餐饮服务单位卫生许可现场审查表（四）（建筑工地食堂）,
//!   port health licensing: key items (※) that fail the whole inspection,
//!   合理缺项 with 标化分, a pass line.
//! - [`zhonglou_info`] — 钟楼区行政审批局信息工作考核评分细则, government
//!   information work: a base of 6 points "扣完为止", credits "加分无上限",
//!   不达标 below 6.
//! - [`gansu_kuaijian`] — 甘肃 食品快检 季度考核, food-safety rapid testing by
//!   prefecture: completion ratios × 20, a place among the prefectures, an
//!   item zeroed by a condition, a 3-day deadline.
//! - [`district_ducha`] — 督查工作考核细则（试行）, a district's supervision of
//!   key work: deductions from 100, discretionary ranges, doubling for one
//!   class of unit.
//!
//! Every amount below is worked by hand from the clause quoted next to it.

use ducha::json::Engine;
use serde_json::Value;

/// Loads a rubric file, failing the test with the error's JSON.
fn load(rubric: &str) -> Engine {
    Engine::load(rubric).unwrap_or_else(|e| panic!("{}", e.to_json()))
}

/// The scorecard of `inspection`, as a JSON value.
fn card(engine: &Engine, inspection: &str) -> Value {
    let text = engine
        .evaluate(inspection)
        .unwrap_or_else(|e| panic!("{inspection}: {}", e.to_json()));
    serde_json::from_str(&text).unwrap()
}

/// The diagnostics of a rubric, as printed.
fn diagnostics(engine: &Engine) -> Vec<String> {
    engine
        .rubric()
        .diagnostics()
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// The worked examples a rubric file carries, checked by the engine.
fn example_mismatches(engine: &Engine) -> Vec<String> {
    engine
        .rubric()
        .check_examples()
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// Every item of a scorecard (indicators at any depth, then the bonus and
/// penalty sections), in document order.
fn items(card: &Value) -> Vec<&Value> {
    fn walk<'a>(node: &'a Value, out: &mut Vec<&'a Value>) {
        for child in node["indicators"].as_array().into_iter().flatten() {
            walk(child, out);
        }
        for item in node["items"].as_array().into_iter().flatten() {
            out.push(item);
        }
    }
    let mut out = Vec::new();
    walk(card, &mut out);
    for section in ["bonus", "penalties"] {
        for item in card[section]["items"].as_array().into_iter().flatten() {
            out.push(item);
        }
    }
    out
}

/// The outcome of rule `id`, wherever it is.
fn rule<'a>(card: &'a Value, id: &str) -> &'a Value {
    items(card)
        .into_iter()
        .flat_map(|item| item["rules"].as_array().into_iter().flatten())
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no rule {id}"))
}

/// The item `id`, wherever it is.
fn item<'a>(card: &'a Value, id: &str) -> &'a Value {
    items(card)
        .into_iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

/// The indicator `id`, at any level.
fn indicator<'a>(card: &'a Value, id: &str) -> &'a Value {
    fn find<'a>(list: &'a Value, id: &str) -> Option<&'a Value> {
        list.as_array()?.iter().find_map(|i| {
            if i["id"] == id {
                Some(i)
            } else {
                find(&i["indicators"], id)
            }
        })
    }
    find(&card["indicators"], id).unwrap_or_else(|| panic!("no indicator {id}"))
}

/// The ids of the rules whose share is not 0 (deducted, or credited in the
/// bonus section), in document order.
fn rules_hit(card: &Value) -> Vec<String> {
    items(card)
        .into_iter()
        .flat_map(|item| item["rules"].as_array().into_iter().flatten())
        .filter(|r| r["deducted"] != "0")
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The ids of the items that lost points (or, in the bonus section, gained
/// some), in document order.
fn items_hit(card: &Value) -> Vec<String> {
    items(card)
        .into_iter()
        .filter(|i| {
            let moved = if i.get("credited").is_some() {
                &i["credited"]
            } else {
                &i["deducted"]
            };
            moved != "0"
        })
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Whether every rule was assessed or marked not applicable.
fn complete(card: &Value) -> bool {
    items(card)
        .into_iter()
        .flat_map(|item| item["rules"].as_array().into_iter().flatten())
        .all(|r| r["assessed"] == true || r["applicable"] == false)
}

/// The inspection JSON with these facts and, after them, any other
/// top-level fields (`not_applicable`, `peers`, `period`) given as raw JSON.
fn inspection(facts: &Value, rest: &str) -> String {
    let mut out = format!(r#"{{"facts": {facts}"#);
    if !rest.is_empty() {
        out.push_str(", ");
        out.push_str(rest);
    }
    out.push('}');
    out
}

// ---------------------------------------------------------------------------
// 国境口岸餐饮服务单位卫生许可现场审查表（四）（适用于建筑工地食堂）
// ---------------------------------------------------------------------------

/// `examples/ciq_canteen.json`: 24 items in 10 审查环节, 8 of them ※ key
/// items without points, 59 points in all.
///
/// The table's notes: "1. ※是关键监督项目，如果有一项不符合要求，则现场审查不合格。
/// 2. 每项如符合要求，则该项得满分；如不符合要求，则该项不得分。 3. 可以有合理缺项
/// （合理缺项项目用“－”标示），但需标化。标化分=所得的分数除以该单位应得的最高分数×100。
/// 4. 根据得分，做出审查结论，标化分90分以上者，现场审查合格。"
///
/// The 59-point table is one indicator weighted to 100 that rescales for
/// its items left out, so the final score is the 标化分 itself: 所得 ÷ 应得 ×
/// 100, rounded once (2 places, half up), and 合格 is at least 90.
mod ciq_canteen {
    use super::*;

    const RUBRIC: &str = include_str!("../examples/ciq_canteen.json");

    /// The ※ key items: flat 0 with a card veto to 不合格.
    const KEY: [u32; 8] = [1, 2, 4, 10, 11, 22, 23, 24];

    fn engine() -> Engine {
        load(RUBRIC)
    }

    /// Every item found to meet the requirement, then these rules failed.
    fn facts(failed: &[&str], left_out: &[u32]) -> Value {
        let mut facts = serde_json::Map::new();
        for serial in 1..=24u32 {
            if left_out.contains(&serial) {
                continue;
            }
            let id = format!("{serial}a");
            let hit = failed.contains(&id.as_str());
            facts.insert(id, Value::Bool(hit));
        }
        Value::Object(facts)
    }

    /// `not_applicable` marking these items as 合理缺项 for `reason`.
    fn left_out(serials: &[u32], reason: &str) -> String {
        let marks: serde_json::Map<String, Value> = serials
            .iter()
            .map(|s| (s.to_string(), Value::String(reason.to_owned())))
            .collect();
        format!(r#""not_applicable": {}"#, Value::Object(marks))
    }

    #[test]
    fn loads_without_diagnostics() {
        let engine = engine();
        // The points of every 审查环节 add up to its printed subtotal
        // (场所设置 5+5=10, 地面… 2×4=8, …, 备餐专间 5+5=10), the serials
        // run 1…24 without a gap, and each scored item's rule deducts exactly
        // its points: nothing to warn about.
        assert_eq!(diagnostics(&engine), Vec::<String>::new());
        assert_eq!(engine.rubric().total().to_string(), "100");
        let table = &engine.rubric().indicators()[0];
        assert_eq!(
            (table.points.to_string(), table.counts_for().to_string()),
            ("59".into(), "100".into())
        );
        assert!(example_mismatches(&engine).is_empty());
    }

    #[test]
    fn the_key_items_are_vetoes_worth_no_points() {
        let engine = engine();
        let card = card(&engine, &inspection(&facts(&[], &[]), ""));
        for serial in 1..=24u32 {
            let it = item(&card, &serial.to_string());
            let key = KEY.contains(&serial);
            assert_eq!(it["points"] == "0", key, "item {serial}");
        }
        // The 8 ※ items and the 16 scored ones: 16 items of 5 or 2 points
        // make the 59.
        let scored: u32 = (1..=24u32)
            .filter(|s| !KEY.contains(s))
            .map(|s| {
                item(&card, &s.to_string())["points"]
                    .as_str()
                    .unwrap()
                    .parse::<u32>()
                    .unwrap()
            })
            .sum();
        assert_eq!(scored, 59);
    }

    #[test]
    fn clean_inspection_scores_full_marks() {
        let engine = engine();
        let card = card(&engine, &inspection(&facts(&[], &[]), ""));
        assert_eq!(card["score"], "100");
        assert_eq!(card["deducted"], "0");
        assert_eq!(indicator(&card, "H")["score"], "59");
        assert_eq!(indicator(&card, "H")["weighted"], "100");
        assert_eq!(card["grade"], "合格");
        assert!(card.get("vetoes").is_none());
        assert!(rules_hit(&card).is_empty());
        assert!(complete(&card));
    }

    /// "每项如符合要求，则该项得满分；如不符合要求，则该项不得分": item 6 (地面,
    /// 2分) and item 13 (拖把等清洁工具清洗水池, 2分) fail. 59 − 2 − 2 = 55;
    /// 标化分 55 ÷ 59 × 100 = 93.220… → 93.22 ≥ 90, so 合格.
    #[test]
    fn two_small_items_fail_and_it_still_passes() {
        let engine = engine();
        let card = card(&engine, &inspection(&facts(&["6a", "13a"], &[]), ""));
        assert_eq!(card["score"], "93.22");
        assert_eq!(indicator(&card, "H")["score"], "55");
        assert_eq!(indicator(&card, "H")["rounded"], true);
        assert_eq!(card["grade"], "合格");
        assert_eq!(items_hit(&card), ["6", "13"]);
        assert_eq!(rules_hit(&card), ["6a", "13a"]);
        assert_eq!(item(&card, "6")["score"], "0");
        assert_eq!(
            rule(&card, "6a")["reason"],
            "不符合要求：地面不符合要求，扣2分"
        );
        assert_eq!(indicator(&card, "H3")["score"], "6"); // the 地面… 环节: 8 − 2
    }

    /// Items 3 (布局, 5分) and 12 (原料清洗水池, 5分) fail: 59 − 10 = 49,
    /// 标化分 49 ÷ 59 × 100 = 83.05 < 90: 不合格, with no veto at all.
    #[test]
    fn two_large_items_fail_the_pass_line() {
        let engine = engine();
        let card = card(&engine, &inspection(&facts(&["3a", "12a"], &[]), ""));
        assert_eq!(card["score"], "83.05");
        assert_eq!(card["grade"], "不合格");
        assert!(card.get("vetoes").is_none());
        assert_eq!(items_hit(&card), ["3", "12"]);
        assert_eq!(
            rule(&card, "12a")["reason"],
            "不符合要求：食品原料清洗水池不符合要求，扣5分"
        );
    }

    /// Just below the line: items 6, 7 and 8 (2分 each) fail, 59 − 6 = 53,
    /// 标化分 53 ÷ 59 × 100 = 89.83 < 90: 不合格. Rounding cannot lift a
    /// failing ratio to the line: with whole-point items and 应得 ≤ 59, a
    /// ratio below 90 % is at most 0.9 − 0.1 ÷ 59 = 89.83 %.
    #[test]
    fn one_point_short_of_ninety_percent_fails() {
        let engine = engine();
        let card = card(&engine, &inspection(&facts(&["6a", "7a", "8a"], &[]), ""));
        assert_eq!(card["score"], "89.83");
        assert_eq!(card["grade"], "不合格");
        assert_eq!(items_hit(&card), ["6", "7", "8"]);
        assert_eq!(indicator(&card, "H3")["score"], "2");
    }

    /// "※是关键监督项目，如果有一项不符合要求，则现场审查不合格": item 10 (餐用具
    /// 清洗消毒专用水池) fails and nothing else does. The score stays 100, as
    /// the table scores it, but the conclusion is 不合格.
    #[test]
    fn one_key_item_fails_the_whole_inspection() {
        let engine = engine();
        let card = card(&engine, &inspection(&facts(&["10a"], &[]), ""));
        assert_eq!(card["score"], "100");
        assert_eq!(card["grade"], "不合格");
        let vetoes = card["vetoes"].as_array().unwrap();
        assert_eq!(vetoes.len(), 1);
        assert_eq!(vetoes[0]["rule"], "10a");
        assert_eq!(vetoes[0]["scope"], "card");
        assert_eq!(vetoes[0]["grade"], "不合格");
        assert_eq!(
            rule(&card, "10a")["reason"],
            "关键监督项目不符合要求：餐用具清洗消毒专用水池不符合要求，扣0分，触发一票否决：考核结论为不合格"
        );
        // Every key item does the same.
        for serial in KEY {
            let id = format!("{serial}a");
            let vetoed = super::card(&engine, &inspection(&facts(&[id.as_str()], &[]), ""));
            assert_eq!(vetoed["grade"], "不合格", "{id}");
            assert_eq!(vetoed["score"], "100", "{id}");
        }
    }

    /// "可以有合理缺项…但需标化。标化分=所得的分数除以该单位应得的最高分数×100":
    /// a canteen without a 备餐专间 leaves out items 20–24 (5 + 5 + three ※
    /// items of 0) and fails item 17 (废弃物容器, 2分). 应得最高分数 59 − 10 =
    /// 49, 所得 47; the 标化分 is 47 ÷ 49 × 100 = 95.918… → 95.92 ≥ 90:
    /// 合格, rounded once (the table's own score, 47 ÷ 49 × 59 = 56.59, is
    /// not rounded again on the way to 100).
    #[test]
    fn items_not_applicable_are_left_out_and_the_base_rescaled() {
        let engine = engine();
        let card = card(
            &engine,
            &inspection(
                &facts(&["17a"], &[20, 21, 22, 23, 24]),
                &left_out(&[20, 21, 22, 23, 24], "无备餐专间"),
            ),
        );
        assert_eq!(card["score"], "95.92");
        assert_eq!(card["deducted"], "4.08"); // 100 − 95.92
        let table = indicator(&card, "H");
        assert_eq!(table["rescaled"]["applicable"], "49");
        assert_eq!(table["rescaled"]["earned"], "47");
        assert_eq!(
            (&table["score"], &table["weighted"]),
            (&Value::from("56.59"), &Value::from("95.92"))
        );
        assert!(
            card.get("rescaled").is_none(),
            "the rubric's base is not rescaled again"
        );
        assert_eq!(card["grade"], "合格");
        assert_eq!(items_hit(&card), ["17"]);
        assert_eq!(item(&card, "20")["applicable"], false);
        assert_eq!(
            item(&card, "22")["reason"],
            "合理缺项（无备餐专间），不计入应得分，“现场审查（标化分，百分制）”按应得分标化"
        );
        // The key items left out cannot veto: the inspection is complete.
        assert!(complete(&card));
    }

    /// The 90-point line under 标化: item 5 (食品处理区与就餐场所面积之比,
    /// 5分) is a 合理缺项, so 应得 54 and 90 % of it is 48.6.
    /// Item 3 fails (5分): 49 ÷ 54 × 100 = 90.740… → 90.74, 合格. Items 3
    /// and 13 fail (7分): 47 ÷ 54 × 100 = 87.037… → 87.04, 不合格.
    #[test]
    fn the_pass_line_holds_after_rescaling() {
        let engine = engine();
        let na = left_out(&[5], "非餐馆，不适用就餐场所面积比");
        let pass = card(&engine, &inspection(&facts(&["3a"], &[5]), &na));
        assert_eq!(pass["score"], "90.74");
        assert_eq!(pass["grade"], "合格");
        let fail = card(&engine, &inspection(&facts(&["3a", "13a"], &[5]), &na));
        assert_eq!(fail["score"], "87.04");
        assert_eq!(fail["grade"], "不合格");
        assert_eq!(items_hit(&fail), ["3", "13"]);
    }

    /// An item cannot be a 合理缺项 and failed at once: the engine refuses
    /// the contradiction instead of picking one.
    #[test]
    fn a_fact_for_an_item_left_out_is_refused() {
        let engine = engine();
        let err = engine
            .evaluate(&inspection(
                &facts(&["22a"], &[]),
                &left_out(&[22], "无备餐专间"),
            ))
            .unwrap_err();
        assert_eq!(err.code.as_str(), "not-applicable");
    }
}

// ---------------------------------------------------------------------------
// 钟楼区行政审批局信息工作考核评分细则
// ---------------------------------------------------------------------------

/// `examples/zhonglou_info.json`: "注：各科室（含政务服务中心）基础得分为6分，
/// 扣完为止，加分无上限；季度综合得分低于6分的，视为不达标。"
///
/// Rows 1, 2, 4 and 5 deduct from one 6-point item (the 基础得分); rows 3,
/// 6 and 7 credit the bonus section, whose "无上限" is the largest cap ducha
/// takes (1,000,000,000); 达标 is a final score of at least 6.
mod zhonglou_info {
    use super::*;

    const RUBRIC: &str = include_str!("../examples/zhonglou_info.json");

    fn engine() -> Engine {
        load(RUBRIC)
    }

    #[test]
    fn loads_with_the_expected_diagnostics() {
        let engine = engine();
        // 2a and 4a ("每少1篇，扣1分", "每次扣2分") have no cap of their own
        // because the document's is the 6-point base ("扣完为止"); every credit
        // is per article and uncapped because "加分无上限".
        let base = |id: &str, per: &str| {
            format!(
                "unbounded-rule `{id}`: {per} per breach with no cap of its own: only item `JC1`'s 6 points bound it"
            )
        };
        let credit = |id: &str, per: &str, item: &str| {
            format!(
                "unbounded-rule `{id}`: {per} per breach with no cap of its own: only item `{item}`'s 1000000000 points bound it"
            )
        };
        assert_eq!(
            diagnostics(&engine),
            [
                base("2a", "1"),
                base("4a", "2"),
                credit("3a", "2", "JF3"),
                credit("6a", "10", "JF6"),
                credit("6b", "20", "JF6"),
                credit("6c", "15", "JF6"),
                credit("6d", "30", "JF6"),
                credit("6e", "30", "JF6"),
                credit("6f", "50", "JF6"),
                credit("7a", "10", "JF7"),
                credit("7b", "20", "JF7"),
                credit("7c", "40", "JF7"),
            ]
        );
        assert!(example_mismatches(&engine).is_empty());
    }

    /// Reported on time, the quarter's quota met, nothing 通报, 录用率 40 %, no
    /// article placed: the base of 6 and nothing added, 达标.
    #[test]
    fn clean_inspection_scores_full_marks() {
        let engine = engine();
        let card = card(
            &engine,
            r#"{"facts": {"1a": false, "2a": 0, "4a": 0, "5a": "0.4", "3a": 0,
                "6a": 0, "6b": 0, "6c": 0, "6d": 0, "6e": 0, "6f": 0, "7a": 0, "7b": 0, "7c": 0}}"#,
        );
        assert_eq!(card["score"], "6");
        assert_eq!(card["base"], "6");
        assert_eq!(card["bonus"]["counted"], "0");
        assert_eq!(card["grade"], "达标");
        assert!(rules_hit(&card).is_empty());
        assert!(complete(&card));
    }

    /// "信息报送不及时的，扣1分" (1a), "每季度报送数量不达标的，每少1篇，扣1分"
    /// (2 short: 2a), "每季度稿件录用率低于30%的，扣1分" (25 %: 5a); "按要求完成
    /// 专题约稿任务的，每篇计2分" (1: 3a), "区级录用稿件：政务及新闻类…每篇计10分"
    /// (1: 6a). 6 − 1 − 2 − 1 = 2, plus 2 + 10 = 14: 达标.
    #[test]
    fn deductions_and_credits_of_one_quarter() {
        let engine = engine();
        let card = card(
            &engine,
            r#"{"facts": {"1a": true, "2a": 2, "4a": 0, "5a": "0.25", "3a": 1, "6a": 1}}"#,
        );
        assert_eq!(card["base"], "2");
        assert_eq!(card["bonus"]["counted"], "12");
        assert_eq!(card["score"], "14");
        assert_eq!(card["grade"], "达标");
        assert_eq!(rules_hit(&card), ["1a", "2a", "5a", "3a", "6a"]);
        assert_eq!(items_hit(&card), ["JC1", "JF3", "JF6"]);
        assert_eq!(
            rule(&card, "5a")["reason"],
            "每季度稿件录用率低于30%（实测25%，应达到30%），扣1分"
        );
        assert_eq!(
            rule(&card, "6a")["reason"],
            "区级录用稿件（政务及新闻类、党建类）：1篇，加10分"
        );
    }

    /// "基础得分为6分，扣完为止": 5 articles short (−5) and 2 通报 (−4) would
    /// take 9 from 6. Document order settles the shares: 2a keeps 5, 4a gets
    /// the 1 left. The base is 0, nothing is added, and 0 < 6 is 不达标.
    #[test]
    fn the_base_is_used_up_and_no_more() {
        let engine = engine();
        let card = card(&engine, r#"{"facts": {"2a": 5, "4a": 2}}"#);
        assert_eq!(card["base"], "0");
        assert_eq!(card["score"], "0");
        assert_eq!(card["grade"], "不达标");
        assert_eq!(rule(&card, "2a")["deducted"], "5");
        assert_eq!(rule(&card, "4a")["raw"], "4");
        assert_eq!(rule(&card, "4a")["deducted"], "1");
        assert_eq!(rule(&card, "4a")["limited_by"]["kind"], "node");
        assert_eq!(rule(&card, "4a")["limited_by"]["id"], "JC1");
        assert_eq!(
            rule(&card, "4a")["reason"],
            "信息内容出现严重错误或用词不规范被上级部门通报：2次，扣4分，受第1、2、4、5项分值6分所限，实扣1分"
        );
    }

    /// "加分无上限": a 省级 理论调研 article (50, 6f) that a 省级 leader also
    /// instructed on (40, 7c), in a quarter whose 录用率 is exactly 30 % ("低于
    /// 30%" is not met): 6 + 50 + 40 = 96, far past the base.
    #[test]
    fn credits_have_no_ceiling() {
        let engine = engine();
        let card = card(&engine, r#"{"facts": {"5a": "30%", "6f": 1, "7c": 1}}"#);
        assert_eq!(card["base"], "6");
        assert_eq!(card["score"], "96");
        assert_eq!(rule(&card, "5a")["deducted"], "0");
        assert_eq!(rules_hit(&card), ["6f", "7c"]);
        assert_eq!(items_hit(&card), ["JF6", "JF7"]);
        assert_eq!(
            rule(&card, "7c")["reason"],
            "稿件被省级及以上领导批示：1篇，加40分"
        );
    }

    /// "季度综合得分低于6分的，视为不达标": reported late once, 6 − 1 = 5 is
    /// 不达标; the same quarter with one 约稿 (2) is 7, 达标 again, because the
    /// line is on the 综合得分 (base plus credits).
    #[test]
    fn the_line_is_on_the_combined_score() {
        let engine = engine();
        let late = card(&engine, r#"{"facts": {"1a": true}}"#);
        assert_eq!(late["score"], "5");
        assert_eq!(late["grade"], "不达标");
        assert_eq!(rule(&late, "1a")["reason"], "信息报送不及时，扣1分");
        let made_up = card(&engine, r#"{"facts": {"1a": true, "3a": 1}}"#);
        assert_eq!(made_up["score"], "7");
        assert_eq!(made_up["grade"], "达标");
    }
}

// ---------------------------------------------------------------------------
// 甘肃 食品快检 季度考核
// ---------------------------------------------------------------------------

/// `examples/gansu_kuaijian.json`: six items, 20 + 20 + 20 + 15 + 10 + 15.
mod gansu_kuaijian {
    use super::*;

    const RUBRIC: &str = include_str!("../examples/gansu_kuaijian.json");

    /// The second quarter of 2026.
    const QUARTER: &str = r#""period": {"from": "2026-04-01", "to": "2026-06-30"}"#;

    fn engine() -> Engine {
        load(RUBRIC)
    }

    #[test]
    fn loads_with_the_expected_diagnostics() {
        let engine = engine();
        assert_eq!(
            diagnostics(&engine),
            [
                // 4a (at most 14), 4b (14) and 4c (15) are one exclusive
                // group ("keep": "largest"), so item 4 loses at most 15: no
                // `exceeds-points`.
                // "发现1起扣5分，扣完为止": the item's 15 points are the cap.
                "unbounded-rule `6a`: 5 per breach with no cap of its own: only item `6`'s 15 points bound it",
                "unbounded-rule `6b`: 5 per breach with no cap of its own: only item `6`'s 15 points bound it",
            ]
        );
        assert!(example_mismatches(&engine).is_empty());
    }

    /// Every task done (ratio 1), a 不合格率 of 1.3 % (not below 1 %, so the
    /// ranking rule is not applicable: "高于1%的满分"), no fabricated data, every
    /// 不合格 handled within 3 days and properly: 100.
    #[test]
    fn clean_inspection_scores_full_marks() {
        let engine = engine();
        let card = card(
            &engine,
            &inspection(
                &serde_json::json!({"1a": "1", "2a": "1", "3a": "1", "4b": false, "4c": false,
                    "5a": 0, "6a": [{"start": "2026-05-06", "done": "2026-05-09"}], "6b": 0, "6c": false}),
                &format!(
                    r#"{QUARTER}, "not_applicable": {{"4a": "不合格率1.3%，不低于1%，不参与排名"}}"#
                ),
            ),
        );
        assert_eq!(card["score"], "100");
        assert!(rules_hit(&card).is_empty());
        assert!(complete(&card));
        assert_eq!(rule(&card, "4a")["applicable"], false);
    }

    /// "完成任务满分20分。未完成任务按完成百分比计算得数": 90 % → 18, 120 % → 20
    /// (完成任务满分), 85.7 % → 17.14. "低于1%的各市州从高到低进行排名，依次递减2分":
    /// 0.6 % is 2nd of the 5 prefectures below 1 %, 15 − 2 × 2 = 11.
    /// "不及时（超过3天未处置）的发现1起扣5分": 乙 found 05-06, due 05-09, handled
    /// 05-12. 18 + 20 + 17.14 + 11 + 10 + 10 = 86.14.
    #[test]
    fn a_quarter_with_every_kind_of_loss() {
        let engine = engine();
        let card = card(
            &engine,
            &inspection(
                &serde_json::json!({"1a": "0.9", "2a": "1.2", "3a": "0.857", "4a": "0.6",
                    "4b": false, "4c": false, "5a": 0,
                    "6a": [{"start": "2026-04-10", "done": "2026-04-13", "note": "甲批次"},
                           {"start": "2026-05-06", "done": "2026-05-12", "note": "乙批次"}],
                    "6b": 0, "6c": false}),
                &format!(r#"{QUARTER}, "peers": {{"4a": {{"rank": 2, "of": 5}}}}"#),
            ),
        );
        assert_eq!(card["score"], "86.14");
        assert_eq!(items_hit(&card), ["1", "3", "4", "6"]);
        assert_eq!(rules_hit(&card), ["1a", "3a", "4a", "6a"]);
        assert_eq!(item(&card, "3")["score"], "17.14");
        assert_eq!(item(&card, "4")["score"], "11");
        assert_eq!(rule(&card, "6a")["breaches"], 1);
        assert_eq!(
            rule(&card, "6a")["reason"],
            "不合格处置不及时（超过3天未处置）：1起（乙批次：2026-05-06检出不合格，应于2026-05-09前处置，2026-05-12处置，逾期3天），扣5分"
        );
        assert_eq!(
            rule(&card, "4a")["reason"],
            "检测不合格率低于1%的市州排名（实测0.6%，排名第2（共5个）），扣4分"
        );
    }

    /// A completion ratio that does not divide evenly: 20 × 0.33333 =
    /// 6.6666 → 6.67 (2 places half up, declared because the source gives
    /// none), so item 1 loses 13.33.
    #[test]
    fn a_ratio_is_rounded_where_it_is_priced() {
        let engine = engine();
        let card = card(&engine, r#"{"facts": {"1a": "0.33333"}}"#);
        assert_eq!(item(&card, "1")["score"], "6.67");
        assert_eq!(rule(&card, "1a")["deducted"], "13.33");
        assert_eq!(rule(&card, "1a")["rounded"], true);
        assert_eq!(card["score"], "86.67");
    }

    /// "数据质量满分10分…发现编造检测数据、记录不真实、弄虚作假等情形不得分" (one
    /// finding: 5a = 10); "处置不规范…发现1起扣5分，扣完为止" (4 findings, 20 of
    /// 15: 6b = 15). 1.3 % is not below 1 %, so item 4 keeps 15.
    /// 20 + 20 + 20 + 15 + 0 + 0 = 75.
    #[test]
    fn fabricated_data_and_improper_handling_take_their_items() {
        let engine = engine();
        let card = card(
            &engine,
            &inspection(
                &serde_json::json!({"1a": "1", "2a": "1", "3a": "1", "4b": false, "4c": false,
                    "5a": [{"note": "某快检室编造检测数据"}], "6a": [], "6b": 4, "6c": false}),
                &format!(
                    r#"{QUARTER}, "not_applicable": {{"4a": "不合格率1.3%，不低于1%，不参与排名"}}"#
                ),
            ),
        );
        assert_eq!(card["score"], "75");
        assert_eq!(items_hit(&card), ["5", "6"]);
        assert_eq!(rule(&card, "6b")["raw"], "20");
        assert_eq!(rule(&card, "6b")["deducted"], "15");
        assert_eq!(
            rule(&card, "5a")["reason"],
            "发现编造检测数据、记录不真实、弄虚作假：1次（某快检室编造检测数据），扣10分"
        );
    }

    /// "未检出不合格不得分" (4c: item 4 loses its 15) and "如果检出率为0，则该项
    /// 得0分" (6c, an item veto on item 6, whose fact the host derives from
    /// item 4: ducha has no rule reading another rule's fact). Completion
    /// 50 %, 75 %, 60 %: 10 + 15 + 12 + 0 + 10 + 0 = 47.
    #[test]
    fn nothing_detected_zeroes_items_4_and_6() {
        let engine = engine();
        let card = card(
            &engine,
            &inspection(
                &serde_json::json!({"1a": "0.5", "2a": "0.75", "3a": "0.6", "4b": false, "4c": true,
                    "5a": 0, "6a": [], "6b": 0, "6c": true}),
                &format!(r#"{QUARTER}, "not_applicable": {{"4a": "未检出不合格，不参与排名"}}"#),
            ),
        );
        assert_eq!(card["score"], "47");
        assert_eq!(items_hit(&card), ["1", "2", "3", "4", "6"]);
        assert_eq!(item(&card, "4")["score"], "0");
        assert_eq!(item(&card, "6")["score"], "0");
        let vetoes = card["vetoes"].as_array().unwrap();
        assert_eq!(vetoes.len(), 1);
        assert_eq!(vetoes[0]["rule"], "6c");
        assert_eq!(vetoes[0]["node"], "6");
        assert_eq!(vetoes[0]["before"], "15");
        assert_eq!(
            rule(&card, "6c")["reason"],
            "检出率为0，扣0分，触发一票否决：第6项得0分"
        );
    }

    /// "检出不合格最低的1分": 0.2 % is 3rd of 3 below 1 %, which the place
    /// alone would price at 15 − 6 = 9; as the lowest detected (4b) it gets 1.
    /// 4a, 4b and 4c are exclusive, the largest deduction (14) is kept and
    /// 4a's 6 is not counted twice.
    #[test]
    fn the_lowest_detected_gets_one_point() {
        let engine = engine();
        let card = card(
            &engine,
            &inspection(
                &serde_json::json!({"1a": "1", "2a": "1", "3a": "1", "4a": "0.2", "4b": true,
                    "4c": false, "5a": 0, "6a": [], "6b": 0, "6c": false}),
                &format!(r#"{QUARTER}, "peers": {{"4a": {{"rank": 3, "of": 3}}}}"#),
            ),
        );
        assert_eq!(card["score"], "86");
        assert_eq!(item(&card, "4")["score"], "1");
        assert_eq!(rules_hit(&card), ["4b"]);
        assert_eq!(rule(&card, "4a")["raw"], "6");
        assert_eq!(rule(&card, "4a")["deducted"], "0");
        assert_eq!(rule(&card, "4a")["limited_by"]["kind"], "exclusive");
        assert_eq!(rule(&card, "4a")["limited_by"]["kept"], "4b");
    }

    /// When every prefecture scored is below 1 %, the batch computes the
    /// place itself: 0.8 %, 0.5 %, 0.2 % are 1st, 2nd, 3rd (13, 11, and
    /// for the lowest detected, 1). Totals 98, 96, 86, ranked in that order.
    #[test]
    fn a_batch_of_prefectures_below_one_percent_ranks_itself() {
        let engine = engine();
        let city = |id: &str, name: &str, rate: &str, lowest: bool| {
            serde_json::json!({"id": id, "name": name, "inspection": {
                "period": {"from": "2026-04-01", "to": "2026-06-30"},
                "facts": {"1a": "1", "2a": "1", "3a": "1", "4a": rate, "4b": lowest, "4c": false,
                          "5a": 0, "6a": [], "6b": 0, "6c": false}}})
        };
        let batch = serde_json::json!({"assessees": [
            city("620100", "兰州市", "0.8", false),
            city("620200", "嘉峪关市", "0.5", false),
            city("620300", "金昌市", "0.2", true)]});
        let report: Value =
            serde_json::from_str(&engine.evaluate_batch(&batch.to_string()).unwrap()).unwrap();
        let entries = report["entries"].as_array().unwrap();
        let item4: Vec<&Value> = entries
            .iter()
            .map(|e| &item(&e["scorecard"], "4")["score"])
            .collect();
        assert_eq!(item4, ["13", "11", "1"]);
        assert_eq!(
            rule(&entries[1]["scorecard"], "4a")["reason"],
            "检测不合格率低于1%的市州排名（实测0.5%，排名第2（共3个）），扣4分"
        );
        let ranking: Vec<(&str, &str, u64)> = report["ranking"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let text = |k: &str| r[k].as_str().unwrap();
                (text("name"), text("score"), r["rank"].as_u64().unwrap())
            })
            .collect();
        assert_eq!(
            ranking,
            [
                ("兰州市", "98", 1),
                ("嘉峪关市", "96", 2),
                ("金昌市", "86", 3)
            ]
        );
    }

    /// The place must come with the rule: a 4a value without the peers'
    /// statistic, outside a batch, is a `missing-context` error naming it.
    #[test]
    fn a_place_without_its_peers_is_refused() {
        let engine = engine();
        let err = engine.evaluate(r#"{"facts": {"4a": "0.6"}}"#).unwrap_err();
        assert_eq!(err.code.as_str(), "missing-context");
        assert!(err.to_json().contains("4a"), "{}", err.to_json());
    }
}

// ---------------------------------------------------------------------------
// 督查工作考核细则（试行）
// ---------------------------------------------------------------------------

/// `examples/district_ducha.json`: "督查工作考核细则(试行)(起评分100分)", ten
/// rows deducting from one pool of 100, and "备注：仅有市、区两级政府列督事项的部门
/// 和单位，考核扣分分值加倍".
mod district_ducha {
    use super::*;

    const RUBRIC: &str = include_str!("../examples/district_ducha.json");

    /// Every row met, the leader's evaluation full (nothing withheld).
    fn clean() -> Value {
        serde_json::json!({"1a": false, "2a": false, "3a": false, "4a": false, "5a": false,
            "6a": false, "7a": 0, "8a": false, "9a": 0, "10a": 0})
    }

    fn engine() -> Engine {
        load(RUBRIC)
    }

    #[test]
    fn loads_with_the_expected_diagnostics() {
        let engine = engine();
        // "每次扣5分" has no cap in the document: only the 100 起评分 bounds
        // it. 9a and 10a ("每件扣10分", "每件扣5分") are escalating penalties
        // (for the doubling), just as unbounded.
        assert_eq!(
            diagnostics(&engine),
            [
                "unbounded-rule `7a`: 5 per breach with no cap of its own: only item `DC1`'s 100 points bound it",
                "unbounded-rule `9a`: escalating with no cap of its own: only item `DC1`'s 100 points bound it",
                "unbounded-rule `10a`: escalating with no cap of its own: only item `DC1`'s 100 points bound it",
            ]
        );
        assert!(example_mismatches(&engine).is_empty());
    }

    #[test]
    fn clean_inspection_scores_full_marks() {
        let engine = engine();
        let card = card(&engine, &inspection(&clean(), ""));
        assert_eq!(card["score"], "100");
        assert!(rules_hit(&card).is_empty());
        assert!(complete(&card));
    }

    /// Row 2 "实施方案无阶段性目标，无具体工作措施。扣5分"; row 4 "三季度实施情况
    /// 报告。未报扣10分"; row 6 "各季度报告不能反映工作实施情况和成果。扣5-10分"
    /// (the inspector gives 7); row 7 "未按要求参加有关会议和调研活动。每次扣5分"
    /// (once); row 8 "区政府领导对实施情况的评价。占20分" (16 given, 4 withheld);
    /// row 9 "上报反馈报告。未上报每件扣10分" (one). 100 − 41 = 59.
    #[test]
    fn a_year_of_district_key_work() {
        let engine = engine();
        let mut facts = clean();
        facts["2a"] = true.into();
        facts["4a"] = true.into();
        facts["6a"] = serde_json::json!({"note": "二季度报告", "amount": "7"});
        facts["7a"] = 1.into();
        facts["8a"] = serde_json::json!({"note": "区政府领导评价", "amount": "4"});
        facts["9a"] = serde_json::json!([{"note": "甲事项"}]);
        let card = card(&engine, &inspection(&facts, ""));
        assert_eq!(card["score"], "59");
        assert_eq!(rules_hit(&card), ["2a", "4a", "6a", "7a", "8a", "9a"]);
        assert_eq!(items_hit(&card), ["DC1"]);
        assert_eq!(
            rule(&card, "6a")["reason"],
            "区政府重点工作各季度报告不能反映工作实施情况和成果（二季度报告；酌情扣5－10分：7分），扣7分"
        );
    }

    /// "仅有市、区两级政府列督事项的部门和单位，考核扣分分值加倍。原扣5分-现扣10分，
    /// 原扣10分-现扣20分": such a unit has no 区政府重点工作 (rows 1–8 not
    /// applicable, full marks) and its two rows double: one report not
    /// filed (20) and two without substance (10 + 10). 100 − 40 = 60.
    #[test]
    fn a_unit_with_only_listed_matters_pays_double() {
        let engine = engine();
        let double = "仅有市、区两级政府列督事项的部门和单位";
        let facts = serde_json::json!({
            "9a": [{"note": "甲事项", "multiplier": double}],
            "10a": [{"note": "乙事项", "multiplier": double}, {"note": "丙事项", "multiplier": double}]});
        let na: serde_json::Map<String, Value> = (1..=8)
            .map(|n| {
                (
                    format!("{n}a"),
                    Value::String("无区政府重点工作".to_owned()),
                )
            })
            .collect();
        let card = card(
            &engine,
            &inspection(
                &facts,
                &format!(r#""not_applicable": {}"#, Value::Object(na)),
            ),
        );
        assert_eq!(card["score"], "60");
        assert_eq!(rule(&card, "9a")["deducted"], "20");
        assert_eq!(rule(&card, "10a")["deducted"], "20");
        assert_eq!(rules_hit(&card), ["9a", "10a"]);
        assert!(complete(&card));
    }

    /// "扣5-10分": the inspector's amount must lie in the range; 12 is
    /// refused, naming the rule. The leader's evaluation withheld whole
    /// (20 of "占20分") is allowed and leaves 80.
    #[test]
    fn discretionary_amounts_stay_in_their_range() {
        let engine = engine();
        let mut facts = clean();
        facts["6a"] = serde_json::json!({"note": "三季度报告", "amount": "12"});
        let err = engine.evaluate(&inspection(&facts, "")).unwrap_err();
        assert_eq!(err.code.as_str(), "invalid-fact");
        assert_eq!(err.id.as_deref(), Some("6a"));
        assert_eq!(
            err.message,
            "rule `6a`: amount `12` is outside the range 5 to 10"
        );
        let mut facts = clean();
        facts["8a"] = serde_json::json!({"note": "区政府领导评价", "amount": "20"});
        let card = card(&engine, &inspection(&facts, ""));
        assert_eq!(card["score"], "80");
        assert_eq!(rules_hit(&card), ["8a"]);
    }

    /// "起评分100分" and no floor stated: 25 missed meetings (125) leave 0,
    /// never a negative score.
    #[test]
    fn the_pool_of_100_is_the_only_bound() {
        let engine = engine();
        let mut facts = clean();
        facts["7a"] = 25.into();
        let card = card(&engine, &inspection(&facts, ""));
        assert_eq!(card["score"], "0");
        assert_eq!(rule(&card, "7a")["raw"], "125");
        assert_eq!(rule(&card, "7a")["deducted"], "100");
    }
}

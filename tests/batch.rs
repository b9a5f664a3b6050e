//! Many assessees against one rubric: results in input order, errors kept
//! to their entry, the ranking with shared places (并列), and the summary
//! per node and per rule, each number worked by hand; through the typed API
//! and the JSON surface.

use ducha::batch::{Assessee, Incomplete};
use ducha::json::{Engine, ErrorCode};
use ducha::{Inspection, Rubric};
use proptest::prelude::*;
use serde_json::Value;

/// A rubric of 20: item `1` (10 points: `1a` flag −3, `1b` −1 per
/// occurrence capped at 4) and item `2` (10 points: `2a` flag −2.5).
/// `extra` adds top-level fields.
fn text(extra: &str) -> String {
    format!(
        r#"{{"id": "county", "title": "某县年度考核细则", "total": "20", {extra}
        "indicators": [
          {{"id": "A", "name": "基础工作", "points": "10", "items": [
            {{"id": "1", "serial": "1", "points": "10", "requirement": "q", "rules": [
              {{"id": "1a", "label": "未建立制度", "text": "未建立制度的扣3分", "trigger": {{"kind": "flag"}},
                "penalty": {{"kind": "flat", "points": "3"}}}},
              {{"id": "1b", "label": "台账缺失", "text": "每缺1项扣1分，最多扣4分", "trigger": {{"kind": "count"}},
                "penalty": {{"kind": "capped", "points": "1", "cap": "4"}}}}]}}]}},
          {{"id": "B", "name": "日常管理", "points": "10", "items": [
            {{"id": "2", "serial": "2", "points": "10", "requirement": "q", "rules": [
              {{"id": "2a", "label": "未按时报送", "text": "未按时报送的扣2.5分", "trigger": {{"kind": "flag"}},
                "penalty": {{"kind": "flat", "points": "2.5"}}}}]}}]}}]}}"#
    )
}

fn rubric(extra: &str) -> Rubric {
    ducha::json::parse_rubric(&text(extra)).unwrap()
}

/// A complete inspection: every rule given a fact.
fn inspection(a: bool, b: u64, c: bool) -> Inspection {
    Inspection::new()
        .with("1a", a)
        .and_then(|i| i.with("1b", b))
        .and_then(|i| i.with("2a", c))
        .unwrap()
}

/// Scores: 甲 20, 乙 17 (−3), 丙 17 (−2 −1 … −3 by 1b = 3), 丁 14.5
/// (−3 −2.5), 戊 error, 己 incomplete (only `1a`), 庚 20.
fn assessees() -> Vec<Assessee> {
    vec![
        Assessee::new("a", "甲", inspection(false, 0, false)),
        Assessee::new("b", "乙", inspection(true, 0, false)),
        Assessee::new("c", "丙", inspection(false, 3, false)),
        Assessee::new("d", "丁", inspection(true, 0, true)),
        Assessee::new("e", "戊", Inspection::new().with("9z", true).unwrap()),
        Assessee::new("f", "己", Inspection::new().with("1a", true).unwrap()),
        Assessee::new("g", "庚", inspection(false, 0, false)),
    ]
}

#[test]
fn results_come_in_input_order_and_an_error_stays_with_its_entry() {
    let rubric = rubric("");
    let assessees = assessees();
    let batch = rubric.evaluate_batch(&assessees);
    let ids: Vec<&str> = batch.entries().iter().map(|e| e.id).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e", "f", "g"]);
    let scores: Vec<String> = batch
        .entries()
        .iter()
        .map(|e| {
            e.result
                .as_ref()
                .map_or("error".into(), |c| c.score().to_string())
        })
        .collect();
    assert_eq!(scores, ["20", "17", "17", "14.5", "error", "17", "20"]);
    let error = batch.entries()[4].result.as_ref().unwrap_err();
    assert!(error.to_string().contains("9z"), "{error}");
    // Each scorecard is the one evaluate gives alone.
    for (entry, assessee) in batch.entries().iter().zip(&assessees) {
        if let Ok(card) = &entry.result {
            let alone = rubric.evaluate(&assessee.inspection).unwrap();
            assert_eq!(card.report(), alone.report());
        }
    }
}

#[test]
fn ties_share_the_higher_place_and_the_next_place_skips() {
    let rubric = rubric("");
    let assessees = assessees();
    let batch = rubric.evaluate_batch(&assessees);
    let ranking = batch.ranking();
    let places: Vec<(&str, usize, bool, String)> = ranking
        .ranked
        .iter()
        .map(|r| {
            (
                batch.entries()[r.entry].id,
                r.rank,
                r.tied,
                r.score.to_string(),
            )
        })
        .collect();
    // 20, 20, 17, 17, 14.5 → 1, 1, 3, 3, 5; ties in input order.
    assert_eq!(
        places,
        [
            ("a", 1, true, "20".into()),
            ("g", 1, true, "20".into()),
            ("b", 3, true, "17".into()),
            ("c", 3, true, "17".into()),
            ("d", 5, false, "14.5".into()),
        ]
    );
    // The incomplete one (its score 17 not comparable) and the failed one
    // are apart, never ranked silently.
    assert_eq!(ranking.incomplete, [5]);
    assert_eq!(ranking.failed, [4]);

    let all = batch.ranking_with(Incomplete::Rank);
    let places: Vec<(&str, usize)> = all
        .ranked
        .iter()
        .map(|r| (batch.entries()[r.entry].id, r.rank))
        .collect();
    assert_eq!(
        places,
        [("a", 1), ("g", 1), ("b", 3), ("c", 3), ("f", 3), ("d", 6)]
    );
    assert!(all.incomplete.is_empty());
}

#[test]
fn the_summary_counts_every_node_and_rule_by_hand() {
    let rubric = rubric("");
    let assessees = assessees();
    let batch = rubric.evaluate_batch(&assessees);
    let summary = batch.summary();
    // Six scored (戊 failed): 20 + 17 + 17 + 14.5 + 17 + 20 = 105.5.
    assert_eq!(summary.scored, 6);
    let s = &summary.score;
    assert_eq!(
        (
            s.id.as_str(),
            s.total.to_string(),
            s.min.to_string(),
            s.max.to_string()
        ),
        ("county", "105.5".into(), "14.5".into(), "20".into())
    );
    // 105.5 / 6 = 17.58333…, 2 places half-up by default.
    assert_eq!(s.mean.to_string(), "17.58");
    assert_eq!((s.lost, s.full, s.count), (4, 2, 6));

    let ids: Vec<&str> = summary.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["A", "1", "B", "2"]);
    // Item 2: 10, 10, 10, 7.5, 10, 10 → mean 57.5/6 = 9.583… → 9.58.
    let two = &summary.nodes[3];
    assert_eq!(
        (
            two.mean.to_string(),
            two.min.to_string(),
            two.lost,
            two.full
        ),
        ("9.58".into(), "7.5".into(), 1, 5)
    );

    let rules: Vec<(&str, usize, usize, String, String, u64)> = summary
        .rules
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                r.assessed,
                r.lost,
                r.deducted.to_string(),
                r.mean.to_string(),
                r.breaches,
            )
        })
        .collect();
    assert_eq!(
        rules,
        [
            // 1a: assessed by all six, lost by 乙, 丁, 己: 9, mean 1.5.
            ("1a", 6, 3, "9".into(), "1.5".into(), 3),
            // 1b: five assessed it (己 did not), 丙 lost 3: mean 0.6.
            ("1b", 5, 1, "3".into(), "0.6".into(), 3),
            ("2a", 5, 1, "2.5".into(), "0.5".into(), 1),
        ]
    );
    let costliest: Vec<&str> = summary.costliest().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(costliest, ["1a", "1b", "2a"]);
}

#[test]
fn means_round_as_the_rubric_declares_and_say_so() {
    let rubric = rubric(r#""rounding": {"places": 1, "mode": "down"},"#);
    let assessees = assessees();
    let summary = rubric.evaluate_batch(&assessees).summary();
    // 105.5 / 6 = 17.583…, one place toward zero.
    assert_eq!(summary.score.mean.to_string(), "17.5");
    assert_eq!(
        summary.rounding,
        ducha::Rounding::new(1, ducha::RoundingMode::Down)
    );
}

#[test]
fn an_empty_batch_or_one_with_only_failures_has_the_rubric_shape_and_no_counts() {
    let rubric = rubric("");
    let batch = rubric.evaluate_batch(&[]);
    assert!(batch.ranking().ranked.is_empty());
    let summary = batch.summary();
    assert_eq!(summary.scored, 0);
    assert_eq!(summary.nodes.len(), 4);
    assert_eq!(summary.rules.len(), 3);
    assert!(
        summary
            .nodes
            .iter()
            .all(|n| n.count == 0 && n.mean.is_zero())
    );
}

fn batch_json(entries: &[(&str, &str)], extra: &str) -> String {
    let list: Vec<String> = entries
        .iter()
        .map(|(id, inspection)| format!(r#"{{"id": "{id}", "inspection": {inspection}}}"#))
        .collect();
    format!(r#"{{{extra}"assessees": [{}]}}"#, list.join(","))
}

#[test]
fn json_batch_entries_are_the_engines_scorecards_byte_for_byte() {
    let engine = Engine::load(&text("")).unwrap();
    let inspections = [
        r#"{"facts": {"1a": true, "1b": 0, "2a": false}}"#,
        r#"{"facts": {"1a": false, "1b": 7, "2a": true}}"#,
    ];
    let out = engine
        .evaluate_batch(&batch_json(
            &[("x", inspections[0]), ("y", inspections[1])],
            "",
        ))
        .unwrap();
    let report: Value = serde_json::from_str(&out).unwrap();
    for inspection in inspections {
        let alone = engine.evaluate(inspection).unwrap();
        assert!(out.contains(&format!(r#""scorecard":{alone}}}"#)), "{out}");
    }
    // The name defaults to the id; the same input gives the same bytes.
    assert_eq!(report["entries"][0]["name"], "x");
    assert_eq!(
        engine
            .evaluate_batch(&batch_json(
                &[("x", inspections[0]), ("y", inspections[1])],
                ""
            ))
            .unwrap(),
        out
    );
    // 17 vs 10.5 (−4 capped, −2.5).
    assert_eq!(report["ranking"][0]["score"], "17");
    assert_eq!(report["ranking"][1]["score"], "13.5");
    assert_eq!(report["summary"]["rules"][1]["deducted"], "4");
}

#[test]
fn a_json_inspection_that_does_not_fit_fails_alone_with_its_path_from_the_root() {
    let engine = Engine::load(&text("")).unwrap();
    let out = engine
        .evaluate_batch(&batch_json(
            &[
                ("ok", r#"{"facts": {"1a": true, "1b": 0, "2a": false}}"#),
                ("typo", r#"{"facts": {"1a": true}, "fact": {}}"#),
                ("bad", r#"{"facts": {"1b": -1}}"#),
                ("rule", r#"{"facts": {"9z": true}}"#),
            ],
            "",
        ))
        .unwrap();
    let report: Value = serde_json::from_str(&out).unwrap();
    let entries = report["entries"].as_array().unwrap();
    assert_eq!(entries[0]["scorecard"]["score"], "17");
    let typo = &entries[1]["error"];
    assert_eq!(typo["code"], "invalid");
    assert_eq!(typo["path"], "assessees[1].inspection.fact", "{typo}");
    // An error of scoring (not of reading) is the one evaluate gives alone.
    let alone = engine.evaluate(r#"{"facts": {"1b": -1}}"#).unwrap_err();
    assert_eq!(entries[2]["error"]["code"], alone.code.as_str());
    assert_eq!(entries[2]["error"]["id"], "1b");
    assert_eq!(entries[2]["error"]["message"], alone.message);
    assert_eq!(entries[3]["error"]["code"], "unknown-rule");
    assert_eq!(entries[3]["error"]["id"], "9z");
    let failed: Vec<&str> = report["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(failed, ["typo", "bad", "rule"]);
    assert_eq!(report["ranking"].as_array().unwrap().len(), 1);
    assert_eq!(report["summary"]["scored"], 1);
}

#[test]
fn json_incomplete_inspections_are_listed_apart_unless_asked() {
    let engine = Engine::load(&text("")).unwrap();
    let entries = [
        ("full", r#"{"facts": {"1a": false, "1b": 0, "2a": false}}"#),
        ("part", r#"{"facts": {"1a": true}}"#),
    ];
    let report: Value =
        serde_json::from_str(&engine.evaluate_batch(&batch_json(&entries, "")).unwrap()).unwrap();
    assert_eq!(report["ranking"].as_array().unwrap().len(), 1);
    assert_eq!(
        report["incomplete"],
        serde_json::json!([{"id": "part", "name": "part", "score": "17", "unassessed": 2}])
    );
    let report: Value = serde_json::from_str(
        &engine
            .evaluate_batch(&batch_json(&entries, r#""rank_incomplete": true, "#))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(report["ranking"][1]["incomplete"], true);
    assert_eq!(report["ranking"][1]["rank"], 2);
    assert!(report["ranking"][0].get("incomplete").is_none());
}

#[test]
fn a_malformed_batch_document_is_one_error_naming_the_place() {
    let engine = Engine::load(&text("")).unwrap();
    let cases: [(&str, ErrorCode, Option<&str>); 6] = [
        (
            r#"{"assessees": [{"id": "a", "inspection": {"facts": {}}}"#,
            ErrorCode::Syntax,
            None,
        ),
        (
            r#"{"assessees": [{"id": "a", "inspection": {"facts": {"1a": tru}}}]}"#,
            ErrorCode::Syntax,
            None,
        ),
        (
            r#"{"assessees": [{"id": "a"}]}"#,
            ErrorCode::Invalid,
            Some("assessees[0]"),
        ),
        (
            r#"{"assessees": [{"id": "a", "inspection": {}}, {"id": "a", "inspection": {}}]}"#,
            ErrorCode::Invalid,
            Some("assessees[1].id"),
        ),
        (
            r#"{"assessees": [{"id": "", "inspection": {}}]}"#,
            ErrorCode::Invalid,
            Some("assessees[0].id"),
        ),
        (r#"{"assessee": []}"#, ErrorCode::Invalid, Some("assessee")),
    ];
    for (input, code, path) in cases {
        let e = engine.evaluate_batch(input).unwrap_err();
        assert_eq!(e.code, code, "{input}: {e}");
        if let Some(path) = path {
            assert_eq!(e.path.as_deref(), Some(path), "{input}: {e}");
        }
    }
}

#[test]
fn the_seed_batch_json_ranks_the_sample() {
    let engine = Engine::seed();
    let sample = include_str!("../examples/data/yuxi-sample.json");
    let clean = r#"{"facts": {"2b": false}}"#;
    let out = engine
        .evaluate_batch(&format!(
            r#"{{"rank_incomplete": true, "assessees": [{{"id": "s", "name": "样例", "inspection": {sample}}}, {{"id": "c", "inspection": {clean}}}]}}"#
        ))
        .unwrap();
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["rubric"], "yuxi-shuangsuiji");
    assert_eq!(report["ranking"][0]["id"], "c");
    assert_eq!(report["ranking"][1]["score"], "69.5");
    let alone = engine.evaluate(sample).unwrap();
    assert!(out.contains(&format!(
        r#"{{"id":"s","name":"样例","scorecard":{alone}}}"#
    )));
}

proptest! {
    /// Whatever the scores: a place is 1 + the number of entries scoring
    /// strictly more, tied means another entry has the same score, and the
    /// order is by score then input.
    #[test]
    fn places_follow_from_the_scores(facts in prop::collection::vec((any::<bool>(), 0u64..8, any::<bool>()), 0..30)) {
        let rubric = rubric("");
        let assessees: Vec<Assessee> = facts
            .iter()
            .enumerate()
            .map(|(i, &(a, b, c))| Assessee::new(i.to_string(), "", inspection(a, b, c)))
            .collect();
        let batch = rubric.evaluate_batch(&assessees);
        let ranking = batch.ranking();
        prop_assert_eq!(ranking.ranked.len(), facts.len());
        let scores: Vec<_> = ranking.ranked.iter().map(|r| r.score).collect();
        for (position, r) in ranking.ranked.iter().enumerate() {
            let above = scores.iter().filter(|&&s| s > r.score).count();
            prop_assert_eq!(r.rank, above + 1);
            let same = scores.iter().filter(|&&s| s == r.score).count();
            prop_assert_eq!(r.tied, same > 1);
            if let Some(next) = ranking.ranked.get(position + 1) {
                prop_assert!(next.score < r.score || (next.score == r.score && next.entry > r.entry));
            }
        }
        // The summary's totals are the scorecards' sums.
        let summary = batch.summary();
        let total: ducha::Decimal = ranking.ranked.iter().map(|r| r.score).sum();
        prop_assert_eq!(summary.score.total, total.normalize());
        let lost_1b = batch.entries().iter().filter(|e| e.result.as_ref().unwrap().rule("1b").unwrap().deducted() > ducha::Decimal::ZERO).count();
        prop_assert_eq!(summary.rules[1].lost, lost_1b);
    }
}

/// The whole-card conformance rubric: an earning item `B1` (`b1`, 2 a
/// piece up to 20), a bonus section `J` (cap 3, gate above 80: `j1` 0.5 a
/// piece up to 2, `j2` 2 once) and a penalty section `K` (`k1` 1 each).
fn card_outcomes() -> Rubric {
    ducha::json::parse_rubric(include_str!("conformance/card-outcomes/rubric.json")).unwrap()
}

fn facts(pairs: &[(&str, ducha::Fact)]) -> Inspection {
    let mut inspection = Inspection::new();
    for (id, fact) in pairs {
        inspection
            .facts
            .insert(ducha::Id::new(*id).unwrap(), fact.clone());
    }
    inspection
}

#[test]
fn credits_are_never_losses_and_the_sections_are_summarised() {
    use ducha::Fact::{Count, Flag};
    let rubric = card_outcomes();
    // X earns 18 of B1's 20, gets both bonuses (4, counted 3: the cap) and
    // one penalty; Y earns all 20, loses 6 on a1 and 5 on b2, no bonus.
    let x = facts(&[
        ("a1", Count(0)),
        ("a2", Flag(false)),
        ("b1", Count(9)),
        ("b2", Flag(false)),
        ("c1", Flag(false)),
        ("j1", Count(4)),
        ("j2", Flag(true)),
        ("k1", Count(1)),
    ]);
    let y = facts(&[
        ("a1", Count(2)),
        ("a2", Flag(false)),
        ("b1", Count(10)),
        ("b2", Flag(true)),
        ("c1", Flag(false)),
        ("j1", Count(0)),
        ("j2", Flag(false)),
        ("k1", Count(0)),
    ]);
    let assessees = [Assessee::new("x", "甲", x), Assessee::new("y", "乙", y)];
    let batch = rubric.evaluate_batch(&assessees);
    assert!(batch.entries().iter().all(|e| e.result.is_ok()));
    let summary = batch.summary();
    let rule = |id: &str| summary.rules.iter().find(|r| r.id == id).unwrap();
    let shown = |r: &ducha::batch::RuleSummary| {
        (
            r.credit,
            r.lost,
            r.full,
            r.deducted.to_string(),
            r.credited,
            r.credits.to_string(),
            r.mean.to_string(),
            r.min.to_string(),
            r.max.to_string(),
        )
    };
    let s = |t: &str| t.to_owned();
    // What an earning rule gives is a credit (18 + 20), never a loss.
    assert_eq!(
        shown(rule("b1")),
        (true, 0, 2, s("0"), 2, s("38"), s("19"), s("18"), s("20"))
    );
    // j2's 2 is trimmed to 1 by the section's cap of 3 (j1 took 2 first).
    assert_eq!(
        shown(rule("j2")),
        (true, 0, 2, s("0"), 1, s("1"), s("0.5"), s("0"), s("1"))
    );
    // A deduction: 0 and 6 (a1), and the penalty section's 1 and 0 (k1).
    assert_eq!(
        shown(rule("a1")),
        (false, 1, 1, s("6"), 0, s("0"), s("3"), s("0"), s("6"))
    );
    assert_eq!(
        shown(rule("k1")),
        (false, 1, 1, s("1"), 0, s("0"), s("0.5"), s("0"), s("1"))
    );
    let costliest: Vec<&str> = summary.costliest().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(costliest, ["a1", "b2", "k1"], "no credit among the costs");

    // The sections after the indicators: the bonus as counted (3 and 0 of
    // 3), the penalties as minus what they took (−1 and 0 of 0).
    let nodes: Vec<(&str, &str, String, String, String, usize, usize)> = summary
        .nodes
        .iter()
        .map(|n| {
            (
                n.id.as_str(),
                n.kind.as_str(),
                n.points.to_string(),
                n.min.to_string(),
                n.max.to_string(),
                n.lost,
                n.full,
            )
        })
        .collect();
    let tail: Vec<_> = nodes.iter().skip_while(|n| n.0 != "J").cloned().collect();
    assert_eq!(
        tail,
        [
            ("J", "bonus", s("3"), s("0"), s("3"), 1, 1),
            ("J1", "bonus", s("2"), s("0"), s("2"), 1, 1),
            // As the scorecard shows items: what each earned, before the
            // section's cap.
            ("J2", "bonus", s("2"), s("0"), s("2"), 1, 1),
            ("K", "penalty", s("0"), s("-1"), s("0"), 1, 1),
            ("K1", "penalty", s("0"), s("-1"), s("0"), 1, 1),
        ]
    );
    assert_eq!(nodes[0].1, "indicator");
    assert!(nodes.iter().any(|n| n.0 == "B1" && n.1 == "item"));

    // An empty batch has the same shape: every node and rule, credit or not.
    let empty = rubric.evaluate_batch(&[]).summary();
    let ids = |nodes: &[ducha::batch::NodeSummary]| -> Vec<(String, &str)> {
        nodes
            .iter()
            .map(|n| (n.id.clone(), n.kind.as_str()))
            .collect()
    };
    assert_eq!(ids(&empty.nodes), ids(&summary.nodes));
    let rules = |s: &ducha::batch::Summary| -> Vec<(String, bool)> {
        s.rules.iter().map(|r| (r.id.clone(), r.credit)).collect()
    };
    assert_eq!(rules(&empty), rules(&summary));

    // The JSON says the same.
    let json = serde_json::to_value(&summary).unwrap();
    let b1 = json["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "b1")
        .unwrap();
    assert_eq!(b1["credit"], true);
    assert_eq!(
        (b1["lost"].as_u64(), b1["credits"].as_str()),
        (Some(0), Some("38"))
    );
    let a1 = json["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "a1")
        .unwrap();
    assert!(
        a1.get("credit").is_none() && a1.get("credits").is_none(),
        "{a1}"
    );
}

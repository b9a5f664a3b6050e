//! Rules relative to peers (`shared/rubric-shapes.md`: "活跃度高于全县平均水平加
//! 0.5分", "排名1-5名依次赋予60分、57分、54分、51分、48分"): the statistic computed
//! over a batch, given by an inspection outside one, or an error naming the
//! rule; each number worked by hand.

use ducha::batch::{Assessee, Incomplete};
use ducha::json::{Engine, ErrorCode};
use ducha::{Decimal, EvalError, Inspection, Needs, Peer, Rubric};
use serde_json::Value;

/// A rubric of 100: item `A1` (60) scored by rank of a count (`rank`: 1st
/// 60, 2nd 57, 3rd 54, 4th 51, 5th 48, else 0); item `B1` (40) losing 5 when
/// its rate is below the peers' mean (`below`); a bonus section (cap 3)
/// adding 0.5 when the activity is above the mean (`above`).
const RUBRIC: &str = r#"{"id": "county", "title": "某县年度考核细则", "total": "100",
  "indicators": [
    {"id": "A", "name": "工作实绩", "points": "60", "items": [
      {"id": "A1", "serial": "1", "points": "60", "requirement": "完成任务", "rules": [
        {"id": "rank", "label": "任务完成数排名", "text": "排名1-5名依次赋予60分、57分、54分、51分、48分",
         "trigger": {"kind": "peer", "measure": "count", "compare": "rank"},
         "penalty": {"kind": "bands", "bands": [
           {"at_most": "1", "score": "60"}, {"at_most": "2", "score": "57"}, {"at_most": "3", "score": "54"},
           {"at_most": "4", "score": "51"}, {"at_most": "5", "score": "48"}, {"score": "0"}]}}]}]},
    {"id": "B", "name": "群众满意", "points": "40", "items": [
      {"id": "B1", "serial": "2", "points": "40", "requirement": "满意度", "rules": [
        {"id": "below", "label": "满意度低于全县平均水平", "text": "低于平均水平的扣5分",
         "trigger": {"kind": "peer", "measure": "percent", "compare": "below_mean"},
         "penalty": {"kind": "flat", "points": "5"}}]}]}],
  "bonus": {"id": "J", "name": "加分项", "cap": "3", "items": [
    {"id": "J1", "serial": "加1", "points": "0.5", "requirement": "活跃度", "rules": [
      {"id": "above", "label": "活跃度高于全县平均水平", "text": "活跃度高于全县平均水平加0.5分",
       "trigger": {"kind": "peer", "measure": "percent", "compare": "above_mean"},
       "penalty": {"kind": "flat", "points": "0.5"}}]}]}}"#;

fn rubric() -> Rubric {
    ducha::json::parse_rubric(RUBRIC).unwrap()
}

fn inspection(tasks: u64, satisfied: &str, active: &str) -> Inspection {
    Inspection::new()
        .with("rank", tasks)
        .and_then(|i| i.with("below", satisfied.parse::<Decimal>().unwrap()))
        .and_then(|i| i.with("above", active.parse::<Decimal>().unwrap()))
        .unwrap()
}

/// Six counties. Tasks 30, 42, 42, 25, 18, 10 → places 3, 1, 1, 4, 5, 6.
/// Satisfaction mean (90 + 80 + 85 + 95 + 70 + 90) / 6 = 85: 80 and 70 are
/// below. Activity mean (50 + 60 + 70 + 40 + 65 + 45) / 6 = 55: 60, 70, 65
/// are above.
fn counties() -> Vec<Assessee> {
    [
        ("a", 30, "90", "50"),
        ("b", 42, "80", "60"),
        ("c", 42, "85", "70"),
        ("d", 25, "95", "40"),
        ("e", 18, "70", "65"),
        ("f", 10, "90", "45"),
    ]
    .into_iter()
    .map(|(id, t, s, a)| Assessee::new(id, id, inspection(t, s, a)))
    .collect()
}

#[test]
fn a_batch_computes_places_and_means_over_its_assessees() {
    let rubric = rubric();
    let assessees = counties();
    let batch = rubric.evaluate_batch(&assessees);
    let scores: Vec<(String, String, String)> = batch
        .entries()
        .iter()
        .map(|e| {
            let card = e.result.as_ref().unwrap();
            (
                card.item("A1").unwrap().score().to_string(),
                card.item("B1").unwrap().score().to_string(),
                card.score().to_string(),
            )
        })
        .collect();
    let expected = [
        // a: 3rd → 54; 90 not below 85 → 40; 50 not above 55 → no bonus.
        ("54", "40", "94"),
        // b: 1st (tied) → 60; 80 below → 35; 60 above → +0.5.
        ("60", "35", "95.5"),
        ("60", "40", "100.5"),
        ("51", "40", "91"),
        // e: 5th → 48; 70 below → 35; 65 above → +0.5.
        ("48", "35", "83.5"),
        // f: 6th → 0.
        ("0", "40", "40"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(scores, expected);
    // The reasons say what the peers were.
    let b = batch.entries()[1].result.as_ref().unwrap();
    assert_eq!(
        b.item("B1").unwrap().reason(),
        "满意度低于全县平均水平（实测80%，低于平均水平85%（6个单位）），扣5分"
    );
    let e = batch.entries()[4].result.as_ref().unwrap();
    assert_eq!(
        e.item("A1").unwrap().reason(),
        "任务完成数排名（实测18，排名第5（共6个）），扣12分"
    );
    let ranking = batch.ranking_with(Incomplete::Rank);
    assert_eq!(ranking.ranked.first().map(|r| r.entry), Some(2));
}

#[test]
fn the_mean_is_compared_exactly() {
    // Values 1, 2, 2 and w = 1.6666666666666666666666666666 (28 places):
    // the mean (5 + w) / 4 is w + 0.5 · 10^-28, which no Decimal holds; w
    // is below it (4w < 5 + w), though the mean rounded to 28 places is w.
    let rubric = rubric();
    let w = "1.6666666666666666666666666666";
    let assessees: Vec<Assessee> = [("x", "1"), ("y", "2"), ("z", "2"), ("w", w)]
        .into_iter()
        .map(|(id, s)| Assessee::new(id, id, inspection(1, s, "0")))
        .collect();
    let batch = rubric.evaluate_batch(&assessees);
    let breaches: Vec<u64> = batch
        .entries()
        .iter()
        .map(|e| e.result.as_ref().unwrap().rule("below").unwrap().breaches())
        .collect();
    assert_eq!(breaches, [1, 0, 0, 1]);
}

#[test]
fn outside_a_batch_the_inspection_gives_the_statistic_or_it_is_an_error() {
    let rubric = rubric();
    let bare = inspection(30, "80", "60");
    match rubric.evaluate(&bare) {
        Err(EvalError::MissingContext { rule, needs }) => {
            assert_eq!((rule.as_str(), needs), ("above", Needs::Peers));
        }
        other => panic!("{other:?}"),
    }
    let given = bare
        .clone()
        .with_peer("rank", Peer::rank(2, Some(6)))
        .and_then(|i| i.with_peer("below", Peer::mean(Decimal::from(85))))
        .and_then(|i| i.with_peer("above", Peer::mean(Decimal::from(55))))
        .unwrap();
    let card = rubric.evaluate(&given).unwrap();
    assert_eq!(card.item("A1").unwrap().score().to_string(), "57");
    assert_eq!(card.score().to_string(), "92.5");
    assert_eq!(
        card.item("B1").unwrap().reason(),
        "满意度低于全县平均水平（实测80%，低于平均水平85%），扣5分"
    );
    // A place of 0 or beyond `of`, or peers for a rule that reads none, are
    // errors naming the rule.
    for (rule, peer) in [
        ("rank", Peer::rank(0, None)),
        ("rank", Peer::rank(7, Some(6))),
    ] {
        let bad = given.clone().with_peer(rule, peer).unwrap();
        assert!(
            matches!(rubric.evaluate(&bad), Err(EvalError::InvalidFact { ref rule, .. }) if rule.as_str() == "rank")
        );
    }
    let seed = ducha::seed::yuxi();
    let stray = Inspection::new()
        .with_peer("2b", Peer::mean(Decimal::ONE))
        .unwrap();
    assert!(matches!(
        seed.evaluate(&stray),
        Err(EvalError::InvalidFact { .. })
    ));
}

#[test]
fn the_json_surface_reads_peers_and_batches_compute_them() {
    let engine = Engine::load(RUBRIC).unwrap();
    let facts = r#""facts": {"rank": 30, "below": "80%", "above": 60}"#;
    let e = engine.evaluate(&format!("{{{facts}}}")).unwrap_err();
    assert_eq!(e.code, ErrorCode::MissingContext);
    assert_eq!(e.id.as_deref(), Some("above"));
    assert!(e.message.contains("batch"), "{}", e.message);
    let card = engine
        .evaluate(&format!(
            r#"{{{facts}, "peers": {{"rank": {{"rank": 1, "of": 6}}, "below": {{"mean": "85"}}, "above": {{"mean": "55"}}}}}}"#
        ))
        .unwrap();
    let card: Value = serde_json::from_str(&card).unwrap();
    assert_eq!(card["score"], "95.5");
    // The same through a batch, the peers computed.
    let list: Vec<String> = [
        ("a", 30, "90", "50"),
        ("b", 42, "80", "60"),
        ("c", 42, "85", "70"),
        ("d", 25, "95", "40"),
        ("e", 18, "70", "65"),
        ("f", 10, "90", "45"),
    ]
    .iter()
    .map(|(id, t, s, a)| {
        format!(
            r#"{{"id": "{id}", "inspection": {{"facts": {{"rank": {t}, "below": "{s}", "above": "{a}"}}}}}}"#
        )
    })
    .collect();
    let report = engine
        .evaluate_batch(&format!(r#"{{"assessees": [{}]}}"#, list.join(",")))
        .unwrap();
    let report: Value = serde_json::from_str(&report).unwrap();
    let scores: Vec<&str> = report["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["scorecard"]["score"].as_str().unwrap())
        .collect();
    assert_eq!(scores, ["94", "95.5", "100.5", "91", "83.5", "40"]);
    assert_eq!(report["ranking"][0]["id"], "c");
}

#[test]
fn a_peer_trigger_is_validated_like_the_shapes() {
    // A rank priced by a flat deduction, and a mean priced by bands, are
    // refused when the rubric loads.
    let flat_rank = RUBRIC.replacen(
        r#""penalty": {"kind": "bands", "bands": [
           {"at_most": "1", "score": "60"}, {"at_most": "2", "score": "57"}, {"at_most": "3", "score": "54"},
           {"at_most": "4", "score": "51"}, {"at_most": "5", "score": "48"}, {"score": "0"}]}"#,
        r#""penalty": {"kind": "flat", "points": "5"}"#,
        1,
    );
    assert_ne!(flat_rank, RUBRIC);
    let e = Engine::load(&flat_rank).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidRubric, "{e}");
    assert!(e.message.contains("peer"), "{}", e.message);
    let no_compare = RUBRIC.replacen(r#", "compare": "rank""#, "", 1);
    let e = Engine::load(&no_compare).unwrap_err();
    assert!(e.message.contains("compare"), "{}", e.message);
}

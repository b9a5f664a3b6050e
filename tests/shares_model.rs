//! The evaluator against a reference model of rule shares and node
//! deductions, written here in `Decimal` over the rubric tree.
//!
//! The kit's invariants check each rule and node on its own (a share never
//! exceeds its cap, nodes add up, shares sum to the total), so an allocator
//! that hands shares out in the wrong order, or lets a later rule keep a
//! share that an earlier one already used up, still passes them. This test
//! compares every rule's share with the others' through a model of the
//! rules in the README ("Bounds") and `Rubric::evaluate`:
//!
//! - a rule's capped deduction is `Penalty::checked_deduction(breaches)`;
//! - shares are settled greedily in document order: a rule's share is the
//!   least of its capped deduction and what remains of each node on its
//!   chain (item, enclosing indicators, the rubric total) after the rules
//!   before it; `limited_by` names the node whose remaining points ran out
//!   (the nearest to the rule on ties), else the cap if it trimmed the raw
//!   deduction, else nothing;
//! - node deductions are bottom-up: min(points, sum of the children's),
//!   where an item's children are its rules' capped deductions; a score is
//!   points minus deduction.
//!
//! The cases are the kit's generated rubrics and inspections, whose points
//! are drawn per node, so indicators often have fewer points than their
//! children: bounds above items trim, which the run counts and requires.
//! Breaches are read from the scorecard: counting dates is not what this
//! model checks.

use std::cell::Cell;
use std::collections::BTreeMap;

use ducha::{
    Children, Decimal, Fact, Indicator, Inspection, Item, LimitedBy, Penalty, Rubric, RubricSpec,
    Rule, Scorecard, Trigger,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestError, TestRunner};

use crate::common::{flat, id, item, items, pts, rubric_and_inspection, rule};

/// What limited a rule's share, in the model.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Limit {
    Nothing,
    Cap(Decimal),
    Node(String, Decimal),
}

/// One rule in the model.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RuleModel {
    capped: Decimal,
    deducted: Decimal,
    limit: Limit,
}

/// The model's answer: per rule (document order) and per node (by id,
/// the rubric's own id for the total), deduction and score.
#[derive(Debug, Default)]
struct Model {
    rules: Vec<(String, RuleModel)>,
    nodes: BTreeMap<String, (Decimal, Decimal)>,
}

/// A rule with the chain of nodes that bound it, nearest first.
struct Flat<'r> {
    rule: &'r Rule,
    chain: Vec<String>,
}

fn flatten<'r>(
    indicators: &'r [Indicator],
    above: &[String],
    points: &mut BTreeMap<String, Decimal>,
    out: &mut Vec<Flat<'r>>,
) {
    for indicator in indicators {
        points.insert(indicator.id.to_string(), indicator.points.get());
        let mut chain = vec![indicator.id.to_string()];
        chain.extend_from_slice(above);
        match &indicator.children {
            Children::Indicators(children) => flatten(children, &chain, points, out),
            Children::Items(items) => {
                for item in items {
                    points.insert(item.id.to_string(), item.points.get());
                    let mut with_item = vec![item.id.to_string()];
                    with_item.extend_from_slice(&chain);
                    for rule in &item.rules {
                        out.push(Flat {
                            rule,
                            chain: with_item.clone(),
                        });
                    }
                }
            }
        }
    }
}

/// The raw deduction: the penalty before any cap.
fn raw(penalty: &Penalty, breaches: u64) -> Decimal {
    match penalty {
        Penalty::Flat { points } if breaches > 0 => points.get(),
        Penalty::Flat { .. } => Decimal::ZERO,
        Penalty::PerOccurrence { points } | Penalty::Capped { points, .. } => {
            points.get() * Decimal::from(breaches)
        }
        _ => unreachable!("a new penalty kind: extend this model"),
    }
}

/// Node deductions, bottom-up, into `out` (deduction, score); returns the
/// indicator's deduction.
fn indicator_deduction(
    indicator: &Indicator,
    capped: &BTreeMap<String, Decimal>,
    out: &mut BTreeMap<String, (Decimal, Decimal)>,
) -> Decimal {
    let children: Decimal = match &indicator.children {
        Children::Indicators(children) => children
            .iter()
            .map(|c| indicator_deduction(c, capped, out))
            .sum(),
        Children::Items(items) => items.iter().map(|i| item_deduction(i, capped, out)).sum(),
    };
    let points = indicator.points.get();
    let deducted = children.min(points);
    out.insert(indicator.id.to_string(), (deducted, points - deducted));
    deducted
}

fn item_deduction(
    item: &Item,
    capped: &BTreeMap<String, Decimal>,
    out: &mut BTreeMap<String, (Decimal, Decimal)>,
) -> Decimal {
    let rules: Decimal = item.rules.iter().map(|r| capped[r.id.as_str()]).sum();
    let points = item.points.get();
    let deducted = rules.min(points);
    out.insert(item.id.to_string(), (deducted, points - deducted));
    deducted
}

/// The reference model of `rubric` with these breaches per rule id.
fn model(rubric: &Rubric, breaches: &BTreeMap<String, u64>) -> Model {
    let spec = rubric.spec();
    let root = spec.id.to_string();
    let mut points = BTreeMap::from([(root.clone(), spec.total.get())]);
    let mut flat = Vec::new();
    flatten(
        &spec.indicators,
        std::slice::from_ref(&root),
        &mut points,
        &mut flat,
    );

    let mut capped = BTreeMap::new();
    for f in &flat {
        let n = breaches.get(f.rule.id.as_str()).copied().unwrap_or(0);
        let c = f.rule.penalty.checked_deduction(n).unwrap();
        capped.insert(f.rule.id.to_string(), c);
    }

    // Shares, greedily in document order, from what each node has left.
    let mut remaining = points.clone();
    let mut rules = Vec::new();
    for f in &flat {
        let id = f.rule.id.to_string();
        let n = breaches.get(&id).copied().unwrap_or(0);
        let capped = capped[&id];
        let least = f.chain.iter().map(|node| remaining[node]).min().unwrap();
        let deducted = capped.min(least);
        let limit = if least < capped {
            // The nearest node with the least left.
            let node = f.chain.iter().find(|n| remaining[*n] == least).unwrap();
            Limit::Node(node.clone(), points[node])
        } else {
            match f.rule.penalty.cap() {
                Some(cap) if capped < raw(&f.rule.penalty, n) => Limit::Cap(cap.get()),
                _ => Limit::Nothing,
            }
        };
        for node in &f.chain {
            *remaining.get_mut(node).unwrap() -= deducted;
        }
        rules.push((
            id,
            RuleModel {
                capped,
                deducted,
                limit,
            },
        ));
    }

    // Node deductions, bottom-up.
    let mut nodes = BTreeMap::new();
    let top: Decimal = spec
        .indicators
        .iter()
        .map(|i| indicator_deduction(i, &capped, &mut nodes))
        .sum();
    let total = spec.total.get();
    let deducted = top.min(total);
    nodes.insert(root, (deducted, total - deducted));
    Model { rules, nodes }
}

/// The evaluator's answer, in the model's terms.
fn observed(card: &Scorecard<'_>) -> Model {
    fn walk(ind: &ducha::IndicatorOutcome<'_>, out: &mut BTreeMap<String, (Decimal, Decimal)>) {
        out.insert(ind.id().to_string(), (ind.deducted(), ind.score()));
        for child in ind.indicators() {
            walk(&child, out);
        }
        for item in ind.items() {
            out.insert(item.id().to_string(), (item.deducted(), item.score()));
        }
    }
    let mut nodes = BTreeMap::from([(
        card.rubric().id().to_string(),
        (card.deducted(), card.score()),
    )]);
    for ind in card.indicators() {
        walk(&ind, &mut nodes);
    }
    let rules = card
        .rules()
        .map(|r| {
            let limit = match r.limited_by() {
                None => Limit::Nothing,
                Some(LimitedBy::Cap(cap)) => Limit::Cap(cap.get()),
                Some(LimitedBy::Node { id, points }) => Limit::Node(id.to_string(), points),
                Some(other) => panic!("`{}`: a limit the model does not know: {other:?}", r.id()),
            };
            (
                r.id().to_string(),
                RuleModel {
                    capped: r.capped(),
                    deducted: r.deducted(),
                    limit,
                },
            )
        })
        .collect();
    Model { rules, nodes }
}

/// How often the generated cases exercised each bound.
#[derive(Debug, Default, Clone, Copy)]
struct Coverage {
    /// Rules whose share an indicator's remaining points trimmed.
    by_indicator: u32,
    /// Rules whose share their item's remaining points trimmed.
    by_item: u32,
    /// Rules whose share their cap trimmed.
    by_cap: u32,
    /// Rules left with a part of their capped deduction, neither all nor
    /// nothing: a bound shared with the rules before.
    partial: u32,
    /// Indicators with fewer points than their children's sum.
    tight_indicators: u32,
}

/// Compares the evaluator with the model on one case; counts coverage.
fn compare(
    rubric: &Rubric,
    inspection: &Inspection,
    coverage: &Cell<Coverage>,
) -> Result<(), TestCaseError> {
    let card = rubric
        .evaluate(inspection)
        .map_err(|e| TestCaseError::fail(format!("a generated inspection must evaluate: {e}")))?;
    let breaches: BTreeMap<String, u64> = card
        .rules()
        .map(|r| (r.id().to_string(), r.breaches()))
        .collect();
    let want = model(rubric, &breaches);
    let got = observed(&card);

    prop_assert_eq!(
        got.rules.len(),
        want.rules.len(),
        "the scorecard has every rule"
    );
    for ((id, got), (want_id, want)) in got.rules.iter().zip(&want.rules) {
        prop_assert_eq!(id, want_id, "rules in document order");
        prop_assert_eq!(
            got.capped,
            want.capped,
            "rule `{}`: capped deduction = checked_deduction(breaches)",
            id
        );
        prop_assert_eq!(
            got.deducted,
            want.deducted,
            "rule `{}`: share = min(capped, what its item, indicators and total have left after the rules before it)",
            id
        );
        prop_assert_eq!(
            &got.limit,
            &want.limit,
            "rule `{}`: limited by the nearest node that ran out, else the cap that trimmed it, else nothing",
            id
        );
    }
    prop_assert_eq!(
        got.nodes.len(),
        want.nodes.len(),
        "the scorecard has every node"
    );
    for (id, want) in &want.nodes {
        prop_assert_eq!(
            got.nodes.get(id),
            Some(want),
            "node `{}`: (deduction, score) with deduction = min(points, sum of children's), bottom-up",
            id
        );
    }

    let mut c = coverage.get();
    let items: Vec<&str> = rubric.items().map(|i| i.id.as_str()).collect();
    for (_, rule) in &want.rules {
        match &rule.limit {
            Limit::Node(node, _) if items.contains(&node.as_str()) => c.by_item += 1,
            Limit::Node(..) => c.by_indicator += 1,
            Limit::Cap(_) => c.by_cap += 1,
            Limit::Nothing => {}
        }
        if rule.deducted > Decimal::ZERO && rule.deducted < rule.capped {
            c.partial += 1;
        }
    }
    c.tight_indicators += tight(&rubric.spec().indicators);
    coverage.set(c);
    Ok(())
}

/// Indicators with fewer points than their children's.
fn tight(indicators: &[Indicator]) -> u32 {
    indicators
        .iter()
        .map(|ind| {
            let (sum, below): (Decimal, u32) = match &ind.children {
                Children::Indicators(c) => (c.iter().map(|c| c.points.get()).sum(), tight(c)),
                Children::Items(i) => (i.iter().map(|i| i.points.get()).sum(), 0),
            };
            below + u32::from(ind.points.get() < sum)
        })
        .sum()
}

/// Over the kit's generated rubrics and inspections, every rule's capped
/// deduction, share and limit, and every node's deduction and score, are
/// the model's; and the cases do trim by indicators, items and caps.
#[test]
fn evaluator_matches_the_reference_model() {
    let strategy = rubric_and_inspection();
    let coverage = Cell::new(Coverage::default());
    let mut runner = TestRunner::new(Config {
        cases: 384,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&strategy, |(rubric, inspection)| {
        compare(&rubric, &inspection, &coverage)
    });
    if let Err(error) = result {
        match error {
            TestError::Fail(reason, (rubric, inspection)) => panic!(
                "{reason}\nsmallest failing rubric:\n{}\ninspection:\n{}",
                serde_json::to_string(&rubric).unwrap(),
                serde_json::to_string(&inspection).unwrap()
            ),
            TestError::Abort(reason) => panic!("the run was aborted: {reason}"),
        }
    }
    let c = coverage.get();
    assert!(
        c.tight_indicators >= 200,
        "generated rubrics have indicators with fewer points than their children: {c:?}"
    );
    assert!(
        c.by_indicator >= 200,
        "bounds above items trim rule shares: {c:?}"
    );
    assert!(c.by_item >= 50, "item bounds trim rule shares: {c:?}");
    assert!(c.by_cap >= 15, "caps trim rule deductions: {c:?}");
    assert!(
        c.partial >= 100,
        "rules are left with a part of their deduction: {c:?}"
    );
}

/// The model itself, by hand: indicator `G` (6 points, the whole total)
/// over items `A` and `B` (5 each), rules `a1` (−4), `b1` (−4), `b2` (−3),
/// all breached. `a1` keeps its 4; `b1` gets the 2 that remain of `G`,
/// limited by `G`; `b2` gets nothing: `G` and the total both have 0 left,
/// and `G` is nearer. Items keep their own deductions: `A` 4, `B`
/// min(5, 7) = 5; `G` min(6, 9) = 6.
#[test]
fn the_model_by_hand() {
    let flag = |rule_id, points| rule(rule_id, Trigger::Flag, flat(points));
    let rubric = Rubric::new(RubricSpec::new(
        id("hand"),
        "手算",
        pts("6"),
        vec![items(
            "G",
            "指标",
            "6",
            vec![
                item("A", "5", vec![flag("a1", "4")]),
                item("B", "5", vec![flag("b1", "4"), flag("b2", "3")]),
            ],
        )],
    ))
    .unwrap();
    let breaches = BTreeMap::from([
        ("a1".to_owned(), 1),
        ("b1".to_owned(), 1),
        ("b2".to_owned(), 1),
    ]);
    let m = model(&rubric, &breaches);
    let d = |n: i64| Decimal::from(n);
    let g = Limit::Node("G".into(), d(6));
    assert_eq!(
        m.rules,
        [
            (
                "a1".into(),
                RuleModel {
                    capped: d(4),
                    deducted: d(4),
                    limit: Limit::Nothing
                }
            ),
            (
                "b1".into(),
                RuleModel {
                    capped: d(4),
                    deducted: d(2),
                    limit: g.clone()
                }
            ),
            (
                "b2".into(),
                RuleModel {
                    capped: d(3),
                    deducted: d(0),
                    limit: g
                }
            ),
        ],
        "the model's shares, by hand"
    );
    assert_eq!(
        m.nodes,
        BTreeMap::from([
            ("hand".into(), (d(6), d(0))),
            ("G".into(), (d(6), d(0))),
            ("A".into(), (d(4), d(1))),
            ("B".into(), (d(5), d(0))),
        ]),
        "the model's node deductions, by hand"
    );
    let mut inspection = Inspection::new();
    for rule_id in ["a1", "b1", "b2"] {
        inspection.facts.insert(id(rule_id), Fact::Flag(true));
    }
    let coverage = Cell::new(Coverage::default());
    compare(&rubric, &inspection, &coverage).unwrap();
}

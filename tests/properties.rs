//! Properties of every evaluation, over generated inspections of the seed
//! rubric and of generated rubrics (house style #14), with the test kit's
//! strategies; these check the evaluator's own outcomes (what limited each
//! rule, the reasons, the direct JSON writer) beyond the kit's checker.

use std::collections::BTreeMap;

use ducha::testing::{classic_rubrics, inspections, one_more_breach, rubrics};
use ducha::{Decimal, Fact, Inspection, LimitedBy, Penalty, Rubric, Scorecard};
use proptest::prelude::*;

use crate::common::{id, rubric_and_inspection, year_2026};

/// For each rule id, the nodes that bound it: its item, its indicators and
/// the rubric, with their points.
fn ancestors(card: &Scorecard<'_>) -> BTreeMap<String, Vec<(String, Decimal)>> {
    fn walk(
        ind: &ducha::IndicatorOutcome<'_>,
        above: &[(String, Decimal)],
        out: &mut BTreeMap<String, Vec<(String, Decimal)>>,
    ) {
        let mut chain = above.to_vec();
        chain.push((ind.id().to_string(), ind.points()));
        for child in ind.indicators() {
            walk(&child, &chain, out);
        }
        for item in ind.items() {
            let mut with_item = chain.clone();
            with_item.push((item.id().to_string(), item.points()));
            for rule in item.rules() {
                out.insert(rule.id().to_string(), with_item.clone());
            }
        }
    }
    let mut out = BTreeMap::new();
    let root = vec![(card.rubric().id().to_string(), card.points())];
    for ind in card.indicators() {
        walk(&ind, &root, &mut out);
    }
    out
}

/// Every invariant of one scorecard.
fn check(card: &Scorecard<'_>) -> Result<(), TestCaseError> {
    let ancestors = ancestors(card);
    let mut top = Decimal::ZERO;
    for indicator in card.indicators() {
        top += indicator.deducted();
        check_indicator(&indicator)?;
    }
    prop_assert_eq!(
        card.deducted(),
        top,
        "total deduction = sum of top-level indicators"
    );
    let shares: Decimal = card.rules().map(|r| r.deducted()).sum();
    prop_assert_eq!(shares, card.deducted(), "rule shares add up to the total");
    prop_assert_eq!(card.score(), card.points() - card.deducted());
    prop_assert!(card.score() >= Decimal::ZERO);
    for rule in card.rules() {
        let n = rule.breaches();
        let penalty = &rule.rule().penalty;
        prop_assert!(rule.deducted() >= Decimal::ZERO);
        prop_assert!(rule.deducted() <= rule.capped(), "{}", rule.id());
        prop_assert!(rule.capped() <= rule.raw(), "{}", rule.id());
        prop_assert_eq!(
            Some(rule.capped()),
            penalty.checked_deduction(n),
            "{}",
            rule.id()
        );
        if let Some(cap) = penalty.cap() {
            prop_assert!(
                rule.deducted() <= cap.get(),
                "{} exceeds its cap",
                rule.id()
            );
        }
        let raw = match penalty {
            Penalty::Flat { .. } if n == 0 => Decimal::ZERO,
            Penalty::Flat { points } => points.get(),
            Penalty::PerOccurrence { points } | Penalty::Capped { points, .. } => {
                points.get() * Decimal::from(n)
            }
            _ => unreachable!("a new penalty kind: extend this property"),
        };
        prop_assert_eq!(rule.raw(), raw, "{} raw", rule.id());
        match rule.limited_by() {
            None => prop_assert_eq!(rule.deducted(), rule.raw(), "{}", rule.id()),
            Some(LimitedBy::Cap(cap)) => {
                prop_assert_eq!(rule.deducted(), cap.get(), "{}", rule.id());
                prop_assert!(rule.raw() > cap.get());
            }
            Some(LimitedBy::Node { id, points }) => {
                prop_assert!(rule.deducted() < rule.capped(), "{}", rule.id());
                let chain = ancestors
                    .get(rule.id().as_str())
                    .cloned()
                    .unwrap_or_default();
                prop_assert!(
                    chain.iter().any(|(a, p)| a == id.as_str() && *p == points),
                    "{} limited by `{}`, not one of its item, indicators or the rubric {:?}",
                    rule.id(),
                    id,
                    chain
                );
                prop_assert!(
                    rule.reason().contains("所限"),
                    "{}: the reason names the bound",
                    rule.id()
                );
            }
            Some(other) => prop_assert!(false, "unexpected limit {:?}", other),
        }
        if !rule.assessed() {
            prop_assert_eq!(n, 0);
            prop_assert_eq!(rule.raw(), Decimal::ZERO);
            prop_assert!(rule.reason().is_empty());
        }
        // The kit exempts findings of rules that list grounds (seed 11g):
        // an exempt finding has a reason too.
        prop_assert_eq!(
            rule.reason().is_empty(),
            n == 0 && rule.exempt() == 0,
            "{}: reason iff breaches or exempt findings",
            rule.id()
        );
    }
    Ok(())
}

fn check_indicator(indicator: &ducha::IndicatorOutcome<'_>) -> Result<(), TestCaseError> {
    let id = indicator.id().clone();
    prop_assert!(indicator.score() >= Decimal::ZERO, "{id}");
    prop_assert!(indicator.score() <= indicator.points(), "{id}");
    let mut children = Decimal::ZERO;
    for child in indicator.indicators() {
        children += child.deducted();
        check_indicator(&child)?;
    }
    let mut shares = Decimal::ZERO;
    for item in indicator.items() {
        children += item.deducted();
        prop_assert!(item.score() >= Decimal::ZERO, "{}", item.id());
        prop_assert!(item.score() <= item.points(), "{}", item.id());
        let rules: Decimal = item.rules().map(|r| r.capped()).sum();
        prop_assert_eq!(
            item.deducted(),
            rules.min(item.points()),
            "item {} = sum of its rules, at most its points",
            item.id()
        );
        let item_shares: Decimal = item.rules().map(|r| r.deducted()).sum();
        prop_assert!(item_shares <= item.deducted(), "{}", item.id());
        shares += item_shares;
    }
    prop_assert_eq!(
        indicator.deducted(),
        children.min(indicator.points()),
        "indicator {} = sum of children, at most its points",
        id
    );
    if indicator.items().next().is_some() {
        prop_assert!(shares <= indicator.deducted(), "{}", id);
    }
    Ok(())
}

/// Every node's score, in document order, for comparisons.
fn node_scores(card: &Scorecard<'_>) -> Vec<Decimal> {
    fn walk(ind: &ducha::IndicatorOutcome<'_>, out: &mut Vec<Decimal>) {
        out.push(ind.score());
        for child in ind.indicators() {
            walk(&child, out);
        }
        out.extend(ind.items().map(|i| i.score()));
    }
    let mut out = vec![card.score()];
    for ind in card.indicators() {
        walk(&ind, &mut out);
    }
    out
}

fn properties(rubric: &Rubric, inspection: &Inspection, pick: usize) -> Result<(), TestCaseError> {
    let card = rubric.evaluate(inspection).unwrap();
    check(&card)?;

    // Deterministic: the same input gives the same bytes.
    let bytes = serde_json::to_vec(&card).unwrap();
    // The JSON surface writes the scorecard directly: the same bytes.
    let engine = ducha::json::Engine::from(rubric.clone());
    let direct = engine
        .evaluate(&serde_json::to_string(inspection).unwrap())
        .unwrap();
    prop_assert_eq!(
        direct.as_bytes(),
        &bytes[..],
        "direct writer and serde agree"
    );
    prop_assert_eq!(
        &bytes,
        &serde_json::to_vec(&rubric.evaluate(inspection).unwrap()).unwrap()
    );

    // One more breach never raises a score, anywhere.
    if let Some(rule) = rubric.rules().nth(pick % rubric.rules().count().max(1)) {
        let more = one_more_breach(inspection, rule);
        let after = rubric.evaluate(&more).unwrap();
        check(&after)?;
        for (i, (b, a)) in node_scores(&card)
            .iter()
            .zip(node_scores(&after))
            .enumerate()
        {
            prop_assert!(
                a <= *b,
                "node {} rose from {} to {} (rule {})",
                i,
                b,
                a,
                rule.id
            );
        }
    }

    // The inspection survives JSON unchanged.
    let round: Inspection =
        serde_json::from_str(&serde_json::to_string(inspection).unwrap()).unwrap();
    prop_assert_eq!(&round, inspection);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn seed_invariants(inspection in inspections(&ducha::seed::yuxi(), year_2026()), pick in any::<usize>()) {
        properties(&ducha::seed::yuxi(), &inspection, pick)?;
    }

    #[test]
    fn generated_invariants((rubric, inspection) in rubric_and_inspection(), pick in any::<usize>()) {
        properties(&rubric, &inspection, pick)?;
    }

    #[test]
    fn no_facts_means_full_marks(rubric in classic_rubrics()) {
        let empty = Inspection::new();
        let card = rubric.evaluate(&empty).unwrap();
        prop_assert_eq!(card.score(), rubric.total().get());
        prop_assert!(card.rules().all(|r| !r.assessed() && r.deducted().is_zero()));
        prop_assert!(node_scores(&card).iter().zip(all_points(&card)).all(|(s, p)| *s == p));
    }

    #[test]
    fn rubric_json_round_trips(rubric in rubrics()) {
        let text = serde_json::to_string(&rubric).unwrap();
        let back: Rubric = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&back, &rubric);
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), text);
    }
}

fn all_points(card: &Scorecard<'_>) -> Vec<Decimal> {
    fn walk(ind: &ducha::IndicatorOutcome<'_>, out: &mut Vec<Decimal>) {
        out.push(ind.points());
        for child in ind.indicators() {
            walk(&child, out);
        }
        out.extend(ind.items().map(|i| i.points()));
    }
    let mut out = vec![card.points()];
    for ind in card.indicators() {
        walk(&ind, &mut out);
    }
    out
}

/// A full-marks seed card reports every rule as not assessed.
#[test]
fn empty_seed_inspection_is_incomplete() {
    let rubric = ducha::seed::yuxi();
    let empty = Inspection::new();
    let card = rubric.evaluate(&empty).unwrap();
    assert!(!card.is_complete());
    assert_eq!(card.score(), Decimal::from(100));
}

/// An empty list in JSON cannot say whether it holds no dates, no cases or
/// no findings; it reads as no findings, and every trigger counts that as
/// it counts an empty list of its own kind.
#[test]
fn empty_lists_count_alike() {
    let rubric = ducha::seed::yuxi();
    let period = year_2026();
    for (rule, typed) in [
        ("1a", Fact::Dates(vec![])),
        ("7a", Fact::Cases(vec![])),
        ("13b", Fact::Cases(vec![])),
    ] {
        let mut a = Inspection::new();
        a.period = Some(period);
        let mut b = a.clone();
        a.facts.insert(id(rule), typed);
        b.facts.insert(id(rule), Fact::Findings(vec![]));
        let read: Inspection = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(read, b, "{rule}: [] reads as no findings");
        let card_a = serde_json::to_string(&rubric.evaluate(&a).unwrap()).unwrap();
        let card_b = serde_json::to_string(&rubric.evaluate(&b).unwrap()).unwrap();
        assert_eq!(card_a, card_b, "{rule}: same scorecard");
    }
    // For the quarterly 1a, no dates is four missed quarters: −8.
    let mut a = Inspection::new();
    a.period = Some(period);
    a.facts.insert(id("1a"), Fact::Findings(vec![]));
    assert_eq!(
        rubric.evaluate(&a).unwrap().rule("1a").unwrap().breaches(),
        4
    );
}

//! Facts reach exactly the rule they name, whatever the ids look like.
//!
//! The evaluator matches an inspection's facts to rules through an index
//! keyed by each id's first 8 bytes, and compares whole ids only when one
//! is longer than 8 bytes. Ids that share their first 8 bytes (`deadline`,
//! `deadline-a`, `deadline-b`) or split a multi-byte character there
//! (`清单完善率-1`) are told apart only by that full comparison, so these
//! properties use such ids: a fact must credit its own rule and no other,
//! and a fact for an id that is not a rule but shares a prefix with rules,
//! or extends one, or is cut from one, must be refused as
//! [`EvalError::UnknownRule`] naming exactly that id, never credited to a
//! neighbour.

use std::collections::{BTreeMap, BTreeSet};

use ducha::testing::rubrics;
use ducha::{
    EvalError, Fact, Id, Indicator, Inspection, Item, Penalty, Points, Rubric, RubricSpec, Rule,
    Trigger,
};
use proptest::prelude::*;

use crate::common::{id, rubric_and_inspection};

/// Ids that share long prefixes: the same first 8 bytes, exactly 8 and 9
/// bytes, prefixes of each other, multi-byte characters across byte 8, and
/// ids of 63 and 64 bytes ([`Id::MAX_LEN`]) that differ only at the end.
const POOL: [&str; 26] = [
    "a",
    "ab",
    "deadlin",
    "deadline",
    "deadline-",
    "deadline-a",
    "deadline-ab",
    "deadline-b",
    "deadline-c",
    "deadlines",
    "第12项",
    "第12项a",
    "第12项b",
    "清单完善率",
    "清单完善率-1",
    "清单完善率-12",
    "清单完善率-2",
    "abcdefgh",
    "abcdefghi",
    "abcdefgh-long-tail",
    "abcdefgi",
    "0123456789012345678901234567890123456789012345678901234567890123",
    "0123456789012345678901234567890123456789012345678901234567890124",
    "012345678901234567890123456789012345678901234567890123456789012",
    "xyz清单完善率清单完善率清单完善率清单完善率",
    "xyz清单完善率清单完善率清单完善率清单完善",
];

/// A rubric whose rules, in document order, have these ids: count rules of
/// 1 point per breach, three to an item, with points to spare (nothing is
/// bounded). Node ids (`G`, `item-1`, …) are not in [`POOL`].
fn rubric_with_rules(ids: &[&str]) -> Rubric {
    let items: Vec<Item> = ids
        .chunks(3)
        .enumerate()
        .map(|(n, chunk)| {
            Item::new(
                id(&format!("item-{}", n + 1)),
                (n + 1).to_string(),
                Points::whole(1000),
            )
            .with_requirement("要求")
            .with_rules(chunk.iter().map(|r| {
                Rule::new(
                    id(r),
                    "违规",
                    Trigger::Count,
                    Penalty::per_occurrence(Points::whole(1)),
                )
                .with_text("违规的扣1分")
            }))
        })
        .collect();
    let points = Points::new(ducha::Decimal::from(1000 * items.len())).unwrap();
    Rubric::new(RubricSpec::new(
        id("long-ids"),
        "长编号",
        points,
        vec![Indicator::with_items(id("G"), "指标", points, items)],
    ))
    .unwrap()
}

/// Ids near `rule`: one byte or character longer, one character shorter,
/// with `-c` or `-` appended, its first 8 bytes (cut back to a character
/// boundary), and its first character changed at the end of the id.
fn near(rule: &str) -> Vec<String> {
    let mut out = vec![
        format!("{rule}x"),
        format!("{rule}-c"),
        format!("{rule}-"),
        format!("{rule}项"),
    ];
    let mut chars = rule.chars();
    chars.next_back();
    out.push(chars.as_str().to_owned());
    let mut cut = rule.len().min(8);
    while !rule.is_char_boundary(cut) {
        cut -= 1;
    }
    out.push(rule[..cut].to_owned());
    let mut last = rule.to_owned();
    if let Some(c) = last.pop() {
        last.push(if c == 'z' { 'y' } else { 'z' });
    }
    out.push(last);
    out.retain(|s| Id::new(s.as_str()).is_ok());
    out
}

/// Checks that `inspection` credits exactly its facts' rules, each with the
/// breaches of its own fact where the fact is hand-counted.
fn credited_exactly(rubric: &Rubric, inspection: &Inspection) -> Result<(), TestCaseError> {
    let card = rubric
        .evaluate(inspection)
        .map_err(|e| TestCaseError::fail(format!("a valid inspection must evaluate, got: {e}")))?;
    for rule in card.rules() {
        let fact = inspection.facts.get(rule.id());
        prop_assert_eq!(
            rule.assessed(),
            fact.is_some(),
            "rule `{}` is assessed exactly when the inspection has a fact for it",
            rule.id()
        );
        if let Some(n) = fact.and_then(|f| hand_counted(f, &rule.rule().trigger)) {
            prop_assert_eq!(
                rule.breaches(),
                n,
                "rule `{}` counts the breaches of its own fact {:?}",
                rule.id(),
                fact
            );
        }
    }
    let rules: BTreeSet<&Id> = rubric.rules().map(|r| &r.id).collect();
    for id in inspection.facts.keys() {
        prop_assert!(
            rules.contains(id),
            "a fact for `{id}`, no rule, evaluated without error"
        );
    }
    Ok(())
}

/// The breaches of a hand-counted fact (dates and cases are the calendar's
/// business, not this test's; an empty list for a cadence is no dates, so
/// every period missed).
fn hand_counted(fact: &Fact, trigger: &Trigger) -> Option<u64> {
    match (fact, trigger) {
        (Fact::Count(n), _) => Some(*n),
        (Fact::Flag(b), Trigger::Flag | Trigger::Threshold { .. }) => Some(u64::from(*b)),
        (Fact::Finding(_), Trigger::Flag) => Some(1),
        (Fact::Findings(list), Trigger::Count) => Some(list.len() as u64),
        (Fact::Measure(m), Trigger::Threshold { min, .. }) => Some(u64::from(m < min)),
        _ => None,
    }
}

/// Checks that `inspection` plus a fact for `probe` (no rule) is refused
/// as an unknown rule naming `probe`.
fn refused(rubric: &Rubric, inspection: &Inspection, probe: &str) -> Result<(), TestCaseError> {
    let mut with = inspection.clone();
    with.facts.insert(id(probe), Fact::Count(1));
    let result = rubric.evaluate(&with).map(|card| {
        card.rules()
            .filter(|r| r.assessed())
            .map(|r| r.id().to_string())
            .collect::<Vec<_>>()
    });
    prop_assert_eq!(
        result,
        Err(EvalError::UnknownRule { id: id(probe) }),
        "a fact for `{}`, which is no rule, must be refused naming it",
        probe
    );
    Ok(())
}

/// The exact cases: `deadline-b` is `deadline-b`'s, not `deadline`'s;
/// `deadline-c`, `deadline-`, `deadlin` and the 9-byte extension of an
/// 8-byte id are no rules.
#[test]
fn prefix_sharing_ids_are_told_apart() {
    let rubric = rubric_with_rules(&[
        "deadline",
        "deadline-a",
        "deadline-ab",
        "deadline-b",
        "abcdefgh",
        "清单完善率-1",
        "清单完善率-2",
        "第12项",
    ]);
    let inspection = Inspection::new()
        .with("deadline-b", 3u64)
        .unwrap()
        .with("清单完善率-2", 2u64)
        .unwrap()
        .with("abcdefgh", 1u64)
        .unwrap();
    let card = rubric.evaluate(&inspection).unwrap();
    let got: Vec<(String, bool, u64)> = card
        .rules()
        .map(|r| (r.id().to_string(), r.assessed(), r.breaches()))
        .collect();
    let want = [
        ("deadline", false, 0),
        ("deadline-a", false, 0),
        ("deadline-ab", false, 0),
        ("deadline-b", true, 3),
        ("abcdefgh", true, 1),
        ("清单完善率-1", false, 0),
        ("清单完善率-2", true, 2),
        ("第12项", false, 0),
    ]
    .map(|(id, a, n)| (id.to_owned(), a, n));
    assert_eq!(got, want, "each fact credits its own rule only");
    for probe in [
        "deadline-c",
        "deadline-",
        "deadlin",
        "deadlines",
        "abcdefghi",
        "第12项a",
        "清单完善率",
        "清单完善率-3",
        "清单完善率-12",
    ] {
        let mut with = inspection.clone();
        with.facts.insert(id(probe), Fact::Count(1));
        assert_eq!(
            rubric.evaluate(&with).map(|c| c.score()).unwrap_err(),
            EvalError::UnknownRule { id: id(probe) },
            "a fact for `{probe}` must be refused naming it"
        );
    }
}

/// Rule ids from [`POOL`] (a random subset, in random document order),
/// with a count (or none) per rule.
fn pool_rubric() -> impl Strategy<Value = (Vec<&'static str>, Vec<Option<u64>>)> {
    prop::sample::subsequence(POOL.to_vec(), 1..=POOL.len())
        .prop_shuffle()
        .prop_flat_map(|ids| {
            let n = ids.len();
            (
                Just(ids),
                prop::collection::vec(prop::option::of(0u64..20), n),
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Rules named from a pool of prefix-sharing ids: facts for a random
    /// subset are credited exactly to their rules, and a fact for any pool
    /// id that is no rule, or for an id near a rule's, is refused naming it.
    #[test]
    fn facts_reach_their_own_rule((ids, counts) in pool_rubric()) {
        let rubric = rubric_with_rules(&ids);
        let mut inspection = Inspection::new();
        for (rule, count) in ids.iter().zip(&counts) {
            if let Some(n) = count {
                inspection.facts.insert(id(rule), Fact::Count(*n));
            }
        }
        credited_exactly(&rubric, &inspection)?;
        let card = rubric.evaluate(&inspection).unwrap();
        for (rule, count) in ids.iter().zip(&counts) {
            let outcome = card.rule(rule).unwrap();
            prop_assert_eq!(
                outcome.deducted(),
                ducha::Decimal::from(count.unwrap_or(0)),
                "rule `{}` deducts 1 per breach of its own fact",
                rule
            );
        }
        let rules: BTreeSet<&str> = ids.iter().copied().collect();
        let mut probes: BTreeSet<String> = POOL
            .iter()
            .filter(|p| !rules.contains(*p))
            .map(|p| (*p).to_owned())
            .collect();
        probes.extend(ids.iter().flat_map(|r| near(r)));
        for probe in probes.iter().filter(|p| !rules.contains(p.as_str())) {
            refused(&rubric, &inspection, probe)?;
        }
    }

    /// The kit's generated rubrics and inspections (whose ids vary in
    /// length and share long prefixes): every fact is credited to its own
    /// rule, and a fact for an id near a rule's that is no rule (it may be
    /// an item's or an indicator's) is refused naming it.
    #[test]
    fn generated_facts_reach_their_own_rule(
        (rubric, inspection) in rubric_and_inspection()
    ) {
        credited_exactly(&rubric, &inspection)?;
        let rules: BTreeSet<&str> = rubric.rules().map(|r| r.id.as_str()).collect();
        let probes: BTreeSet<String> = rules
            .iter()
            .flat_map(|r| near(r))
            .filter(|p| !rules.contains(p.as_str()))
            .collect();
        for probe in &probes {
            refused(&rubric, &inspection, probe)?;
        }
    }
}

/// The kit's generated rubrics do exercise the full comparison: over a
/// sample, many rule ids are longer than 8 bytes, many share their first 8
/// bytes with another rule's, some are multi-byte, and some are 64 bytes.
#[test]
fn generated_rubrics_have_long_prefix_sharing_ids() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = rubrics();
    let (mut rules, mut long, mut shared, mut multibyte, mut max) = (0, 0, 0, 0, 0);
    for _ in 0..200 {
        let rubric = strategy.new_tree(&mut runner).unwrap().current();
        let mut by_prefix: BTreeMap<&[u8], usize> = BTreeMap::new();
        for rule in rubric.rules() {
            let bytes = rule.id.as_str().as_bytes();
            *by_prefix.entry(&bytes[..bytes.len().min(8)]).or_default() += 1;
        }
        for rule in rubric.rules() {
            let s = rule.id.as_str();
            rules += 1;
            long += usize::from(s.len() > 8);
            multibyte += usize::from(!s.is_ascii());
            max += usize::from(s.len() == Id::MAX_LEN);
            shared += usize::from(by_prefix[&s.as_bytes()[..s.len().min(8)]] > 1);
        }
    }
    assert!(rules > 500, "the sample has rules to count: {rules}");
    assert!(
        long * 2 > rules,
        "most generated rule ids are longer than 8 bytes: {long} of {rules}"
    );
    assert!(
        shared * 4 > rules,
        "many share their first 8 bytes with another rule: {shared} of {rules}"
    );
    assert!(
        multibyte * 10 > rules,
        "some are multi-byte: {multibyte} of {rules}"
    );
    assert!(max > 0, "some are {} bytes long: {max}", Id::MAX_LEN);
}

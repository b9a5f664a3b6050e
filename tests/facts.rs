//! `Facts`, an inspection bound to a rubric's rule slots: it scores exactly
//! as the same facts in an `Inspection` (the JSON surface reads into it),
//! and refuses an unknown rule when the fact is set.

use ducha::{EvalError, Fact, Inspection, Rubric};
use proptest::prelude::*;

use crate::common::{rubric_and_inspection, year_2026};

/// The same facts, bound to `rubric`'s slots.
fn bound<'r>(rubric: &'r Rubric, inspection: &Inspection) -> ducha::Facts<'r> {
    let mut facts = rubric.facts();
    for (id, fact) in inspection.facts() {
        facts.set(id.as_str(), fact.clone()).unwrap();
    }
    if let Some(period) = inspection.period {
        facts = facts.in_period(period);
    }
    if let Some(as_of) = inspection.as_of {
        facts = facts.as_of(as_of);
    }
    facts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Bound facts give the same scorecard, byte for byte, or the same
    /// error.
    #[test]
    fn bound_facts_score_as_inspections((rubric, inspection) in rubric_and_inspection()) {
        let facts = bound(&rubric, &inspection);
        for (id, fact) in inspection.facts() {
            prop_assert_eq!(facts.get(id.as_str()), Some(fact), "{}", id);
        }
        let through_inspection = rubric.evaluate(&inspection).map(|c| serde_json::to_string(&c).unwrap());
        let through_facts = facts.evaluate().map(|c| serde_json::to_string(&c).unwrap());
        prop_assert_eq!(through_facts, through_inspection);
    }
}

#[test]
fn unknown_rules_are_refused_when_set() {
    let rubric = ducha::seed::yuxi();
    let mut facts = rubric.facts();
    assert_eq!(
        facts.set("7z", true).unwrap_err(),
        EvalError::UnknownRule {
            id: "7z".parse().unwrap()
        }
    );
    // A text that is no valid id is named with what an id cannot hold replaced.
    assert_eq!(
        facts.set("7 a", true).unwrap_err().to_string(),
        "unknown rule `7\u{fffd}a`"
    );
    assert_eq!(facts.get("7z"), None);
    assert_eq!(facts.get("7a"), None, "nothing set yet");
    facts.set("7a", 3u64).unwrap().set("7a", 4u64).unwrap();
    assert_eq!(facts.get("7a"), Some(&Fact::Count(4)), "the last fact set");
    assert!(std::ptr::eq(facts.rubric(), &rubric));
}

/// Source: seed item 1 (每季度): the period and assessment date of bound
/// facts count like an inspection's. Over 2026 with one session in
/// March, quarters 2–4 are missed (−6); assessed on 2026-06-30, only the
/// second (−2).
#[test]
fn period_and_as_of_count() {
    let rubric = ducha::seed::yuxi();
    let date = |s: &str| s.parse::<ducha::NaiveDate>().unwrap();
    let facts = rubric
        .facts()
        .with("1a", Fact::Dates(vec![date("2026-03-12")]))
        .unwrap()
        .in_period(year_2026());
    let card = facts.evaluate().unwrap();
    assert_eq!(card.rule("1a").unwrap().breaches(), 3);
    assert_eq!(card.period(), Some(year_2026()));
    let by_june = facts.clone().as_of(date("2026-06-30"));
    let card = by_june.evaluate().unwrap();
    assert_eq!(card.rule("1a").unwrap().breaches(), 1);
    assert_eq!(card.as_of(), Some(date("2026-06-30")));
    // Without a period, a cadence cannot count.
    let undated = rubric.facts().with("1a", Fact::Dates(vec![])).unwrap();
    let e = undated.evaluate().unwrap_err();
    assert!(
        matches!(
            e,
            EvalError::MissingContext {
                needs: ducha::Needs::Period,
                ..
            }
        ),
        "{e}"
    );
}

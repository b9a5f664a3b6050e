//! What the benchmarks share: the generated rubrics of the linearity rows.

use ducha::{
    Fact, Id, Indicator, Inspection, Item, Penalty, Points, Rubric, RubricSpec, Rule, Trigger,
};

/// A rubric of `groups` indicators × 10 items × 10 rules, alternating
/// flat, per-occurrence and capped penalties.
pub fn generated(groups: usize) -> (Rubric, Inspection) {
    let id = |s: String| Id::new(s).unwrap();
    let mut inspection = Inspection::new();
    let indicators = (0..groups)
        .map(|g| {
            Indicator::with_items(
                id(format!("g{g}")),
                format!("指标{g}"),
                Points::whole(100),
                (0..10)
                    .map(|i| {
                        Item::new(
                            id(format!("g{g}i{i}")),
                            format!("{}", g * 10 + i + 1),
                            Points::whole(10),
                        )
                        .with_rules((0..10).map(|r| {
                            let rule_id = id(format!("g{g}i{i}r{r}"));
                            let (trigger, penalty, fact) = match r % 3 {
                                0 => (
                                    Trigger::Flag,
                                    Penalty::Flat {
                                        points: Points::whole(2),
                                    },
                                    Fact::Flag(r % 2 == 0),
                                ),
                                1 => (
                                    Trigger::Count,
                                    Penalty::PerOccurrence {
                                        points: Points::whole(1),
                                    },
                                    Fact::Count((r % 4) as u64),
                                ),
                                _ => (
                                    Trigger::Count,
                                    Penalty::Capped {
                                        points: Points::whole(1),
                                        cap: Points::whole(3),
                                    },
                                    Fact::Count(r as u64),
                                ),
                            };
                            inspection.facts.insert(rule_id.clone(), fact);
                            Rule::new(rule_id, format!("规则{g}-{i}-{r}"), trigger, penalty)
                        }))
                    })
                    .collect(),
            )
        })
        .collect();
    let rubric = Rubric::new(RubricSpec::new(
        id("generated".into()),
        "generated",
        Points::new(ducha::Decimal::from(groups * 100)).unwrap(),
        indicators,
    ))
    .unwrap();
    (rubric, inspection)
}

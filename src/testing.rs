//! # Testing your own rubric
//!
//! A rubric is a small program: it can say what its authors did not mean.
//! This module (feature `testing`) gives authors three tools, and the guide
//! below shows them on a small self-made rubric,
//! `examples/school_safety.json` (校园安全检查细则, 4 items, 20 points), whose
//! test file `tests/school_safety.rs` is written to be copied.
//!
//! **1. Diagnostics.** [`Rubric::diagnostics`] lists what is valid but
//! probably not meant: repeated or skipped serials, rules that can deduct
//! more than their item's points, caps below one breach, uncapped
//! per-occurrence rules, children whose points do not add up, empty texts.
//! Pin the list you accept, so a new warning fails the test:
//!
//! ```
//! # let rubric: ducha::Rubric = serde_json::from_str(include_str!("../examples/school_safety.json"))?;
//! let codes: Vec<String> = rubric
//!     .diagnostics()
//!     .iter()
//!     .map(|d| format!("{} {}", d.code, d.id))
//!     .collect();
//! assert_eq!(codes, ["unbounded-rule 3a"]); // 3a: −1 per hazard, bounded by its item only, as the document says
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **2. Worked examples.** Write the cases the document itself implies into
//! the rubric's `examples` (facts, expected score, expected deductions per
//! rule) and check them all at once; every mismatch names the example, the
//! rule, what was expected and what came out:
//!
//! ```
//! # let rubric: ducha::Rubric = serde_json::from_str(include_str!("../examples/school_safety.json"))?;
//! assert_eq!(rubric.check_examples(), []);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **3. Invariants over generated inspections.** [`check_invariants`]
//! generates hundreds of inspections of the rubric (every rule given a fact
//! of the type it reads, or none: counts in a useful range, findings now
//! and then exempt or naming a multiplier, dates and cases inside the
//! period, measured values near the rule's targets, bounds, knots and
//! cutoffs, ratings among its options, discretionary amounts in range, the
//! peer statistics of peer rules, items and rules marked not applicable
//! where the rubric allows it), evaluates each and checks what must hold
//! for any rubric, reading the scorecard JSON only:
//!
//! - **No facts**: every item that loses points keeps them, an earning item
//!   scores 0 (it starts from 0), every node above deducts what its
//!   children lose (at most its points less its floor), the final score is
//!   the total less that; no rule is assessed, no bonus credited, no
//!   penalty deducted, no veto fired.
//! - **Ranges**: every node's score lies in [floor, points] (the floor 0
//!   unless declared) and is its points less its deduction; a bonus item
//!   credits within [0, points], the bonus section within [0, cap], the
//!   penalty section deducts within [0, cap]; a rule deducts (or credits)
//!   at most its raw amount and its own cap, nothing without a fact.
//! - **Sums**: an item deducts its rules' capped deductions, at most its
//!   points less its floor (an earning item credits them, at most its
//!   points); an indicator its children's, at most its points less its
//!   floor; a section its items', at most its cap. The rule shares add up
//!   exactly: those of the rules that deduct, with what earning items did
//!   not earn, make the total deduction without the vetoes; `vetoed` is
//!   what the vetoes' zeroing added; each earning item's and each
//!   section's rule shares make its credit or deduction. The total
//!   deduction is the root's, or where items not applicable rescale the
//!   base, the total less earned ÷ applicable × total rounded as declared
//!   (with `rescaled` saying applicable and earned); `base` is the total
//!   less it; the final score is base + bonus counted − penalties, at
//!   least the rubric's floor, the bonus counted only where the base opens
//!   its gate.
//! - **Weights and rescaled indicators**: a weighted indicator reports its
//!   `weight` and `weighted` = score ÷ points × weight rounded as declared
//!   (what it earned ÷ its applicable points × weight, rounded once, where
//!   it also rescales), and gives its parent weight − weighted; an
//!   indicator that rescales for items marked not applicable reports
//!   `rescaled` (its points less theirs, and what it earned of them) and
//!   deducts its points less earned ÷ applicable × points; under either,
//!   the rule shares make the indicator's own deduction, and it stands for
//!   them in its parent's sum. Points redistributed from items not
//!   applicable (`received`) add up to 0 among the siblings.
//! - **No double deduction**: in each exclusive group only the rule the
//!   group keeps (the largest, or the first breached) deducts; every other
//!   breached rule gives way to it.
//! - **Not applicable**: items and rules marked so are reported so, are
//!   not assessed, and the items lose nothing.
//! - **Vetoes**: every veto rule with a breach is listed, in document
//!   order, with its scope, the node it overrode, that node's score
//!   without the vetoes (the final score before, for a card veto) and what
//!   it set, and nothing else is; a zeroed node scores 0 (or stays below 0
//!   where its floor let it fall further); a card veto's
//!   fixed score is the final score (the lowest wins).
//! - **Grades**: the grade is the one the grade table gives the final
//!   score, unless a card veto forced one; none without grades.
//! - **Monotone**: one more breach of a rule that deducts (the main tree,
//!   the penalty section) never raises any score (the final score, every
//!   node's, the bonus counted); one more of a rule that credits (an
//!   earning item, the bonus section) never lowers one. Not checked where
//!   the rubric itself says otherwise: a card veto that fixes the final
//!   score may raise it; a rule of an exclusive group that keeps the first
//!   rule breached, or that spans items, may hand the deduction to another
//!   rule.
//! - **Stamp**: the scorecard names the rubric's id and version (where it
//!   has one), the inspection's period and assessment date (its `as_of`,
//!   else the period's end) and the ducha version that scored it.
//! - **Determinism and JSON**: the same inspection gives the same bytes;
//!   rubric and inspection survive a JSON round trip.
//!
//! A failure names the invariant and the node or rule, and shows the
//! smallest inspection that breaks it (proptest shrinks it), as JSON:
//!
//! ```
//! # let rubric: ducha::Rubric = serde_json::from_str(include_str!("../examples/school_safety.json"))?;
//! ducha::testing::check_invariants(&rubric)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The strategies are there for property tests of your own:
//! [`inspections`] for a given rubric and period, [`rubrics`] for arbitrary
//! valid rubrics of every rule shape and card element the model has
//! ([`classic_rubrics`] for the original shapes only), [`one_more_breach`]
//! and [`one_more_breach_in`] to make an inspection worse by one breach.
//! [`Invariants`] sets the period, the number of cases, or another
//! evaluator to check (a wrapper's answers, for instance: the checker
//! reads the scorecard JSON only), and checks one inspection of your own
//! ([`Invariants::check_inspection`]).
//!
//! **What the generators leave out.** The invariants found evaluator bugs
//! in cases the generators first left out; they are fixed (the cases are
//! pinned in `tests/kit.rs` and `tests/card_edges.rs`) and generated
//! again, but for two:
//!
//! - what the rubric now refuses where it loads: a floor on an earning
//!   item or a bonus item, `earn` on a bonus or penalty item;
//! - a node that can bind above an earning item (a floor, or fewer points
//!   than its children can lose): what the item did not earn draws on that
//!   node's points first, in document order, but the scorecard does not
//!   say how much of it the node let count, so the kit could not check the
//!   shares' sum there; the generator gives such nodes no floor and at
//!   least the points their children can lose.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};
use rust_decimal::Decimal;
use serde_json::Value;

use crate::{
    Award, Band, Bonus, Case, Children, Direction, Every, Exclusive, Fact, Finding, Gate, Grade,
    Id, Indicator, Inspection, Item, Keep, Knot, Measure, Multiplier, NaPolicy, Partial, Peer,
    PeerCompare, Penalties, Penalty, Period, Points, RatingOption, Rounding, RoundingMode, Rubric,
    RubricSpec, Rule, Shortfall, Trigger, Veto, VetoScope, Within,
};

// ---------------------------------------------------------------------------
// Where items sit, as the kit sees the rubric.

/// Where an item sits, which decides what its rules do: deduct (the main
/// tree, the penalty section) or credit (an earning item, the bonus
/// section).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// An item of the main tree that loses points.
    Main,
    /// An item of the main tree that earns (`earn`).
    Earning,
    /// An item of the bonus section.
    Bonus,
    /// An item of the penalty section.
    Penalty,
}

/// One item of a rubric with where it sits and the node above it (its
/// indicator, or its section).
#[derive(Debug, Clone, Copy)]
struct ItemAt<'r> {
    item: &'r Item,
    place: Place,
    parent: &'r Id,
}

/// Every item of `spec` in document order: the main tree, then the bonus
/// section, then the penalty section.
fn items_at(spec: &RubricSpec) -> Vec<ItemAt<'_>> {
    fn walk<'r>(indicators: &'r [Indicator], out: &mut Vec<ItemAt<'r>>) {
        for indicator in indicators {
            match &indicator.children {
                Children::Indicators(children) => walk(children, out),
                Children::Items(items) => out.extend(items.iter().map(|item| ItemAt {
                    item,
                    place: if item.earn {
                        Place::Earning
                    } else {
                        Place::Main
                    },
                    parent: &indicator.id,
                })),
            }
        }
    }
    let mut out = Vec::new();
    walk(&spec.indicators, &mut out);
    if let Some(bonus) = &spec.bonus {
        out.extend(bonus.items.iter().map(|item| ItemAt {
            item,
            place: Place::Bonus,
            parent: &bonus.id,
        }));
    }
    if let Some(section) = &spec.penalties {
        out.extend(section.items.iter().map(|item| ItemAt {
            item,
            place: Place::Penalty,
            parent: &section.id,
        }));
    }
    out
}

// ---------------------------------------------------------------------------
// Measured values: domains and the grid generated values lie on.

/// The grid generated values, bounds, knots and targets of one measure lie
/// on: `lo + k × unit` for `k` in `0..=steps`.
#[derive(Debug, Clone, Copy)]
struct Grid {
    lo: Decimal,
    unit: Decimal,
    steps: i64,
}

impl Grid {
    fn of(measure: Measure) -> Grid {
        match measure {
            Measure::Ratio => Grid {
                lo: Decimal::ZERO,
                unit: Decimal::new(1, 2),
                steps: 100,
            },
            Measure::Percent => Grid {
                lo: Decimal::ZERO,
                unit: Decimal::new(5, 1),
                steps: 200,
            },
            Measure::Count => Grid {
                lo: Decimal::ZERO,
                unit: Decimal::ONE,
                steps: 20,
            },
            Measure::Amount => Grid {
                lo: Decimal::from(-50),
                unit: Decimal::new(5, 1),
                steps: 200,
            },
        }
    }

    /// Places 1 to 10, what a peer rank reads.
    fn places() -> Grid {
        Grid {
            lo: Decimal::ONE,
            unit: Decimal::ONE,
            steps: 9,
        }
    }

    fn at(self, k: i64) -> Decimal {
        self.lo + self.unit * Decimal::from(k.clamp(0, self.steps))
    }

    fn hi(self) -> Decimal {
        self.at(self.steps)
    }
}

/// The grid of the value a value penalty prices: the measured value, or
/// for a peer rank the place.
fn priced_grid(trigger: &Trigger) -> Grid {
    match trigger {
        Trigger::Peer { compare, .. } if compare.is_rank() => Grid::places(),
        Trigger::Measured { measure } | Trigger::Peer { measure, .. } => Grid::of(*measure),
        _ => Grid::of(Measure::Amount),
    }
}

/// `value` moved into `measure`'s domain (a count rounded toward `down`
/// or up).
fn into_domain(measure: Measure, value: Decimal, down: bool) -> Decimal {
    match measure {
        Measure::Ratio => value.clamp(Decimal::ZERO, Decimal::ONE),
        Measure::Percent => value.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED),
        Measure::Count => {
            let whole = if down { value.floor() } else { value.ceil() };
            whole.clamp(Decimal::ZERO, Decimal::from(u64::MAX))
        }
        Measure::Amount => value,
    }
}

/// The value `fact` gives a measured rule with `measure` (as the evaluator
/// reads it), if it gives one.
fn value_of(measure: Measure, fact: &Fact) -> Option<Decimal> {
    match *fact {
        Fact::Measure(d) => Some(d),
        Fact::Count(n) => Some(Decimal::from(n)),
        Fact::Percent(p) => match measure {
            Measure::Ratio => p.checked_div(Decimal::ONE_HUNDRED),
            Measure::Percent => Some(p),
            Measure::Count | Measure::Amount => None,
        },
        _ => None,
    }
}

/// `value` written as a fact of the form `like` has (a percentage, a
/// count, a decimal); a count that cannot hold it becomes a decimal.
fn written_like(measure: Measure, value: Decimal, like: &Fact) -> Fact {
    match like {
        Fact::Percent(_) if measure == Measure::Ratio => {
            Fact::Percent((value * Decimal::ONE_HUNDRED).normalize())
        }
        Fact::Percent(_) if measure == Measure::Percent => Fact::Percent(value.normalize()),
        Fact::Count(_) if value.fract().is_zero() && value >= Decimal::ZERO => {
            u64::try_from(value).map_or(Fact::Measure(value.normalize()), Fact::Count)
        }
        _ => Fact::Measure(value.normalize()),
    }
}

/// `value` written in one of the forms a measured rule reads: form 0 is a
/// percentage for ratios and percentages, forms 0 and 1 a whole number for
/// counts, else a decimal.
fn written(measure: Measure, value: Decimal, form: u8) -> Fact {
    let like = match (measure, form) {
        (Measure::Ratio | Measure::Percent, 0) => Fact::Percent(Decimal::ZERO),
        (Measure::Count, 0 | 1) => Fact::Count(0),
        _ => Fact::Measure(Decimal::ZERO),
    };
    written_like(measure, value, &like)
}

// ---------------------------------------------------------------------------
// Rule shapes: triggers and the penalties that can price them.

/// Points with up to two decimal places, 0 to 20.
fn points() -> impl Strategy<Value = Points> {
    (0i64..=2000, 0u32..=2).prop_map(|(n, scale)| {
        let value = Decimal::new(n / 10i64.pow(2 - scale), scale);
        Points::new(value).unwrap_or(Points::ZERO)
    })
}

/// Points of 0 to 4 in quarters: what a step or a per-breach amount costs.
fn quarter_points() -> impl Strategy<Value = Points> {
    (0i64..=16).prop_map(|n| Points::new(Decimal::new(n * 25, 2)).unwrap_or(Points::ZERO))
}

fn measure() -> impl Strategy<Value = Measure> {
    prop_oneof![
        Just(Measure::Ratio),
        Just(Measure::Percent),
        Just(Measure::Count),
        Just(Measure::Amount),
    ]
}

/// The original penalties: flat, per occurrence, capped.
fn classic_penalty() -> impl Strategy<Value = Penalty> {
    prop_oneof![
        points().prop_map(|points| Penalty::Flat { points }),
        points().prop_map(|points| Penalty::PerOccurrence { points }),
        (points(), points()).prop_map(|(points, cap)| Penalty::Capped { points, cap }),
    ]
}

fn threshold() -> impl Strategy<Value = Trigger> {
    prop_oneof![
        (0i64..=100).prop_map(|n| Trigger::Threshold {
            min: Decimal::new(n, 2),
            measure: Measure::Ratio
        }),
        (0i64..=100).prop_map(|n| Trigger::Threshold {
            min: Decimal::from(n),
            measure: Measure::Percent
        }),
        (0i64..=20).prop_map(|n| Trigger::Threshold {
            min: Decimal::from(n),
            measure: Measure::Count
        }),
        (-500i64..=500).prop_map(|n| Trigger::Threshold {
            min: Decimal::new(n, 1),
            measure: Measure::Amount
        }),
    ]
}

fn deadline() -> impl Strategy<Value = Trigger> {
    prop_oneof![
        Just(None),
        (1u32..30).prop_map(|n| Some(Within::WorkingDays(n))),
        (1u32..60).prop_map(|n| Some(Within::Days(n))),
    ]
    .prop_map(|within| Trigger::Deadline {
        within,
        after: "开始".into(),
        action: "完成".into(),
    })
}

fn every() -> impl Strategy<Value = Every> {
    prop_oneof![
        Just(Every::Month),
        Just(Every::Quarter),
        Just(Every::HalfYear),
        Just(Every::Year)
    ]
}

/// The original triggers: flag, count, threshold, deadline, cadence once
/// a period.
fn classic_trigger() -> impl Strategy<Value = Trigger> {
    prop_oneof![
        3 => Just(Trigger::Flag),
        3 => Just(Trigger::Count),
        1 => threshold(),
        1 => deadline(),
        1 => every().prop_map(Trigger::cadence),
    ]
}

/// Every trigger that counts breaches: flag, count, threshold, deadline,
/// cadence (at least 1 to 3 times a period, short periods or occurrences
/// counted), and a peer rule against the mean.
fn counting_trigger() -> BoxedStrategy<Trigger> {
    prop_oneof![
        3 => Just(Trigger::Flag),
        3 => Just(Trigger::Count),
        2 => threshold(),
        2 => deadline(),
        2 => (every(), prop_oneof![2 => Just(1u32), 1 => 2u32..=3], any::<bool>()).prop_map(
            |(every, at_least, occurrence)| Trigger::Cadence {
                every,
                at_least,
                short: if occurrence { Shortfall::Occurrence } else { Shortfall::Period },
            }
        ),
        1 => (measure(), any::<bool>()).prop_map(|(measure, above)| Trigger::Peer {
            measure,
            compare: if above { PeerCompare::AboveMean } else { PeerCompare::BelowMean },
        }),
    ]
    .boxed()
}

/// The names and factors of generated multipliers.
const MULTIPLIERS: [&str; 3] = ["经催办后仍未落实", "情节严重", "主动整改"];

fn factor(n: usize) -> Decimal {
    match n {
        0 => Decimal::TWO,
        1 => Decimal::new(5, 1),
        2 => Decimal::new(15, 1),
        _ => Decimal::from(3),
    }
}

/// Every penalty that prices counted breaches: flat, per occurrence,
/// capped, escalating (with or without multipliers and a cap).
fn counting_penalty() -> BoxedStrategy<Penalty> {
    prop_oneof![
        2 => points().prop_map(|points| Penalty::Flat { points }),
        2 => quarter_points().prop_map(|points| Penalty::PerOccurrence { points }),
        2 => (quarter_points(), points()).prop_map(|(points, cap)| Penalty::Capped { points, cap }),
        3 => (
            prop::collection::vec(quarter_points(), 1..=3),
            prop::collection::vec((0..MULTIPLIERS.len(), 0usize..4), 0..=2),
            prop::option::of(points()),
        )
            .prop_map(|(amounts, picks, cap)| {
                let mut multipliers: Vec<Multiplier> = Vec::new();
                for (name, f) in picks {
                    let name = MULTIPLIERS.get(name).copied().unwrap_or("加倍");
                    if !multipliers.iter().any(|m| m.name == name) {
                        multipliers.push(Multiplier::new(name, factor(f)));
                    }
                }
                Penalty::Escalating { amounts, multipliers, cap }
            }),
    ]
    .boxed()
}

/// A discretionary rule: a flag (one amount) or a count (an amount per
/// finding), a range, with or without a cap.
fn range_rule() -> BoxedStrategy<(Trigger, Penalty)> {
    (
        prop_oneof![Just(Trigger::Flag), Just(Trigger::Count)],
        points(),
        points(),
        prop::option::of(points()),
    )
        .prop_map(|(trigger, a, b, cap)| {
            (
                trigger,
                Penalty::Range {
                    min: a.min(b),
                    max: a.max(b),
                    cap,
                },
            )
        })
        .boxed()
}

/// The award a table entry gives in an item of `points`: `k` quarters of
/// the points deducted, written as a deduction or as the score kept.
fn award(points: Points, k: u32, score: bool) -> Award {
    let d = (points.get() * Decimal::from(k) / Decimal::from(4))
        .round_dp(2)
        .min(points.get());
    let d = Points::new(d).unwrap_or(Points::ZERO);
    if score {
        Award::Score(Points::new(points.get() - d.get()).unwrap_or(Points::ZERO))
    } else {
        Award::Deduct(d)
    }
}

/// `n` quarters for a table's entries, best first: mostly in order (the
/// table deducts more as the value gets worse), sometimes reversed or in
/// no order at all.
fn quarters(n: usize) -> BoxedStrategy<Vec<u32>> {
    let list = prop::collection::vec(0u32..=4, n);
    prop_oneof![
        4 => list.clone().prop_map(|mut v| { v.sort_unstable(); v }),
        1 => list.clone().prop_map(|mut v| { v.sort_unstable_by(|a, b| b.cmp(a)); v }),
        1 => list,
    ]
    .boxed()
}

fn linear(grid: Grid) -> BoxedStrategy<Penalty> {
    (
        any::<bool>(),
        0..=grid.steps,
        1i64..=5,
        quarter_points(),
        0u8..3,
        prop::option::of(points()),
        prop::option::of(1i64..=10),
    )
        .prop_map(move |(below, t, s, points, partial, cap, cut)| {
            let cutoff = cut.map(|c| {
                if below {
                    grid.at(t - c)
                } else {
                    grid.at(t + c)
                }
            });
            Penalty::Linear {
                direction: if below {
                    Direction::Below
                } else {
                    Direction::Above
                },
                target: grid.at(t),
                step: grid.unit * Decimal::from(s),
                points,
                partial: match partial {
                    0 => Partial::Whole,
                    1 => Partial::Started,
                    _ => Partial::Exact,
                },
                cap,
                cutoff,
            }
        })
        .boxed()
}

fn proportional(grid: Grid) -> BoxedStrategy<Penalty> {
    let most = (grid.hi() / grid.unit).trunc();
    let most = i64::try_from(most).unwrap_or(1).max(1);
    (1..=most, points())
        .prop_map(move |(k, points)| Penalty::Proportional {
            target: grid.unit * Decimal::from(k),
            points,
        })
        .boxed()
}

fn bands(points: Points, grid: Grid) -> BoxedStrategy<Penalty> {
    (
        prop::collection::btree_set(0..=grid.steps, 1..=3),
        any::<bool>(),
    )
        .prop_flat_map(|(bounds, lower)| {
            let n = bounds.len() + 1;
            (
                Just(bounds),
                Just(lower),
                quarters(n),
                prop::collection::vec(any::<bool>(), n),
            )
        })
        .prop_map(move |(bounds, lower, ks, scores)| {
            let mut values: Vec<Decimal> = bounds.iter().map(|&k| grid.at(k)).collect();
            if lower {
                values.reverse();
            }
            let bands = ks
                .iter()
                .zip(&scores)
                .enumerate()
                .map(|(i, (&k, &score))| {
                    let award = award(points, k, score);
                    match values.get(i) {
                        Some(&b) if lower => Band::at_least(b, award),
                        Some(&b) => Band::at_most(b, award),
                        None => Band::rest(award),
                    }
                })
                .collect();
            Penalty::Bands { bands }
        })
        .boxed()
}

fn interpolate(points: Points, grid: Grid) -> BoxedStrategy<Penalty> {
    (
        prop::collection::btree_set(0..=grid.steps, 2..=4),
        any::<bool>(),
    )
        .prop_flat_map(|(values, scored)| {
            let n = values.len();
            (Just(values), Just(scored), quarters(n))
        })
        .prop_map(move |(values, scored, ks)| Penalty::Interpolate {
            knots: values
                .iter()
                .zip(&ks)
                .map(|(&v, &k)| Knot::new(grid.at(v), award(points, k, scored)))
                .collect(),
        })
        .boxed()
}

/// A rule priced by its value: a measured value, or a peer rank's place;
/// priced linearly, proportionally, by bands or by interpolation.
fn value_rule(points: Points) -> BoxedStrategy<(Trigger, Penalty)> {
    prop_oneof![
        3 => measure().prop_map(|measure| Trigger::Measured { measure }),
        1 => (measure(), any::<bool>()).prop_map(|(measure, ascending)| Trigger::Peer {
            measure,
            compare: if ascending { PeerCompare::RankAscending } else { PeerCompare::Rank },
        }),
    ]
    .prop_flat_map(move |trigger| {
        let grid = priced_grid(&trigger);
        (
            Just(trigger),
            prop_oneof![
                linear(grid),
                proportional(grid),
                bands(points, grid),
                interpolate(points, grid),
            ],
        )
    })
    .boxed()
}

/// The names of generated rating options.
const OPTIONS: [&str; 5] = ["优", "良", "中", "差", "不合格"];

fn rating_rule(points: Points) -> BoxedStrategy<(Trigger, Penalty)> {
    (
        prop::collection::btree_set(0..OPTIONS.len(), 1..=4),
        prop::collection::vec(0u32..=4, OPTIONS.len()),
        prop::collection::vec(any::<bool>(), OPTIONS.len()),
    )
        .prop_map(move |(names, ks, scores)| {
            let options = names
                .iter()
                .zip(ks.iter().zip(&scores))
                .map(|(&n, (&k, &score))| {
                    RatingOption::new(
                        OPTIONS.get(n).copied().unwrap_or("优"),
                        award(points, k, score),
                    )
                })
                .collect();
            (Trigger::Rating, Penalty::Rating { options })
        })
        .boxed()
}

/// A trigger and a penalty that can price it, for an item of `points`.
fn trigger_and_penalty(points: Points) -> BoxedStrategy<(Trigger, Penalty)> {
    prop_oneof![
        7 => (counting_trigger(), counting_penalty()),
        1 => range_rule(),
        5 => value_rule(points),
        1 => rating_rule(points),
    ]
    .boxed()
}

/// What a generated rule's breach overrides, if it is a veto; a card
/// veto's score as a percentage of the total and its grade as an index
/// into [`GRADES`].
#[derive(Debug, Clone, Copy)]
enum VetoShape {
    Item,
    Indicator,
    Card {
        score: Option<u8>,
        grade: Option<u8>,
    },
}

fn veto_shape() -> impl Strategy<Value = Option<VetoShape>> {
    prop_oneof![
        24 => Just(None),
        1 => Just(Some(VetoShape::Item)),
        1 => Just(Some(VetoShape::Indicator)),
        1 => (prop::option::of(0u8..=100), prop::option::of(0u8..4)).prop_map(|(score, grade)| {
            Some(VetoShape::Card { score: score.or(if grade.is_none() { Some(59) } else { None }), grade })
        }),
    ]
}

/// The grades of generated rubrics, best first.
const GRADES: [&str; 4] = ["优秀", "良好", "合格", "不合格"];

/// The grounds of exemption a generated rule may list.
const GROUNDS: [&str; 2] = ["因不可抗力", "涉及国家秘密"];

/// Stems of generated ids. The evaluator matches facts to rules by an
/// 8-byte prefix key and compares whole ids only past 8 bytes, so the stems
/// come in families that share their first 8 bytes or more (`deadline`,
/// `deadline-a`, `deadline-ab`), ids of exactly 8 and 9 bytes, prefixes of
/// other stems, multi-byte UTF-8 (split by the 8-byte key mid-character),
/// and ids of 63 and [`Id::MAX_LEN`] bytes. Stem 0 is the simplest, which
/// shrinking tends to.
const ID_STEMS: [&str; 17] = [
    "r",
    "1a",
    "deadlin",
    "deadline",
    "deadlines",
    "deadline-a",
    "deadline-ab",
    "deadline-b",
    "第12项",
    "第12项a",
    "清单完善率",
    "清单完善率-1",
    "清单完善率-12",
    "abcdefgh",
    "abcdefgh-i",
    "xyz清单完善率清单完善率清单完善率清单完善率",
    "deadline-0123456789012345678901234567890123456789012345678901234",
];

/// The choice of an id's stem, an index into [`ID_STEMS`].
type Name = usize;

fn name() -> impl Strategy<Value = Name> {
    0..ID_STEMS.len()
}

/// A rule's shape: the stem of its id, its trigger and penalty, whether it
/// lists grounds of exemption, and whether it is a veto.
#[derive(Debug, Clone)]
struct RuleShape {
    name: Name,
    trigger: Trigger,
    penalty: Penalty,
    exemptions: bool,
    veto: Option<VetoShape>,
}

/// An item's shape: the stem of its id, its points, whether it earns, its
/// floor and its rules.
#[derive(Debug, Clone)]
struct ItemShape {
    name: Name,
    points: Points,
    earn: bool,
    floor: Option<Decimal>,
    rules: Vec<RuleShape>,
}

/// A tree shape: leaves are items, every node and rule with the stem of its
/// id; indicators with their points and floor.
#[derive(Debug, Clone)]
enum Shape {
    Items(Vec<ItemShape>),
    Indicators(Vec<(Name, Points, Option<Decimal>, Shape)>),
}

/// A floor below 0 now and then: −0.5 to −5.
fn floor() -> impl Strategy<Value = Option<Decimal>> {
    prop_oneof![
        5 => Just(None),
        1 => (1i64..=10).prop_map(|n| Some(Decimal::new(-5 * n, 1))),
    ]
}

/// The original item shape: flat, per-occurrence and capped rules of the
/// original triggers, no floor, losing points.
fn classic_item() -> impl Strategy<Value = ItemShape> {
    (
        name(),
        points(),
        prop::collection::vec((name(), classic_trigger(), classic_penalty()), 0..4),
    )
        .prop_map(|(name, points, rules)| ItemShape {
            name,
            points,
            earn: false,
            floor: None,
            rules: rules
                .into_iter()
                .map(|(name, trigger, penalty)| RuleShape {
                    name,
                    trigger,
                    penalty,
                    exemptions: false,
                    veto: None,
                })
                .collect(),
        })
}

/// An item of any shape: up to 3 rules of every trigger and penalty, now
/// and then earning or with a floor.
fn item_shape() -> BoxedStrategy<ItemShape> {
    (name(), points(), prop::bool::weighted(0.15), floor())
        .prop_flat_map(|(stem, points, earn, floor)| {
            let rule = (
                name(),
                trigger_and_penalty(points),
                prop::bool::weighted(0.2),
                veto_shape(),
            )
                .prop_map(|(name, (trigger, penalty), exemptions, veto)| RuleShape {
                    name,
                    trigger,
                    penalty,
                    exemptions,
                    veto,
                });
            (
                Just(stem),
                Just(points),
                Just(earn),
                Just(floor),
                prop::collection::vec(rule, 0..4),
            )
        })
        .prop_map(|(name, points, earn, floor, rules)| ItemShape {
            name,
            points,
            earn,
            floor,
            rules,
        })
        .boxed()
}

fn shape(item: BoxedStrategy<ItemShape>, floors: bool) -> BoxedStrategy<Shape> {
    let items = prop::collection::vec(item, 0..4).prop_map(Shape::Items);
    items
        .prop_recursive(3, 24, 3, move |inner| {
            let floor = if floors {
                floor().boxed()
            } else {
                Just(None).boxed()
            };
            prop::collection::vec((name(), points(), floor, inner), 1..3)
                .prop_map(Shape::Indicators)
        })
        .boxed()
}

/// An exclusive group's shape: whether it keeps the largest (else the
/// first), whether in one item (else anywhere), which item, which rules.
type GroupShape = (bool, bool, prop::sample::Index, Vec<prop::sample::Index>);

/// A bonus gate's shape: above (else at least) a percentage of the total.
type GateShape = (bool, u8);

/// A whole rubric's shape: the main tree and the whole-card elements.
#[derive(Debug, Clone)]
struct CardShape {
    top: Vec<(Name, Points, Option<Decimal>, Shape)>,
    /// Places, mode, and whether to declare it where no rule divides too.
    rounding: Option<(u32, u8, bool)>,
    /// Exclusive groups: keep the largest (else the first), in one item
    /// (else anywhere), which item, which rules.
    groups: Vec<GroupShape>,
    not_applicable: Option<NaPolicy>,
    floor: Option<Decimal>,
    /// The penalty section: its id's stem, cap and items.
    penalties: Option<(Name, Option<Points>, Vec<ItemShape>)>,
    /// The bonus section: its id's stem, cap, gate (above, else at least,
    /// a percentage of the total) and items.
    bonus: Option<(Name, Points, Option<GateShape>, Vec<ItemShape>)>,
    /// The bounds of the grades, percentages of the most a card scores.
    grades: Vec<u8>,
    /// Per indicator in preorder, while they last: a weight (0: none, 1:
    /// half its points, 2: twice, 3: a third) and a not-applicable policy
    /// (0–5: none, 6: full, 7: rescale, 8: redistribute).
    nodes: Vec<(u8, u8)>,
    /// The version: 0 none, 1 试行, 2 a revision in force from 2026, 3 one
    /// in force for 2025 only.
    version: u8,
}

impl CardShape {
    /// The original rubrics: a tree, nothing else.
    fn classic(top: Vec<(Name, Points, Option<Decimal>, Shape)>) -> CardShape {
        CardShape {
            top,
            rounding: None,
            groups: Vec::new(),
            not_applicable: None,
            floor: None,
            penalties: None,
            bonus: None,
            grades: Vec::new(),
            nodes: Vec::new(),
            version: 0,
        }
    }
}

fn card_shape() -> BoxedStrategy<CardShape> {
    let top = prop::collection::vec((name(), points(), floor(), shape(item_shape(), true)), 1..4);
    let rounding = (0u32..=3, 0u8..4, prop::bool::weighted(0.2)).prop_map(Some);
    let groups = prop::collection::vec(
        (
            any::<bool>(),
            any::<bool>(),
            any::<prop::sample::Index>(),
            prop::collection::vec(any::<prop::sample::Index>(), 2..=3),
        ),
        0..=2,
    );
    let not_applicable = prop_oneof![
        2 => Just(None),
        1 => Just(Some(NaPolicy::Full)),
        1 => Just(Some(NaPolicy::Rescale)),
    ];
    let rubric_floor = prop_oneof![
        3 => Just(None),
        1 => (0i64..=20).prop_map(|n| Some(Decimal::from(-n))),
    ];
    let sections = prop::collection::vec(item_shape(), 1..3);
    let penalties =
        prop::option::weighted(0.35, (name(), prop::option::of(points()), sections.clone()));
    let bonus = prop::option::weighted(
        0.35,
        (
            name(),
            points(),
            prop::option::of((any::<bool>(), 0u8..=100)),
            sections,
        ),
    );
    let grades = prop_oneof![
        1 => Just(Vec::new()),
        2 => prop::collection::btree_set(0u8..=100, 1..=3)
            .prop_map(|b| b.into_iter().rev().collect::<Vec<u8>>()),
    ];
    let nodes = (prop::collection::vec((0u8..8, 0u8..9), 0..8), 0u8..4);
    (
        top,
        rounding,
        groups,
        not_applicable,
        rubric_floor,
        penalties,
        bonus,
        (grades, nodes),
    )
        .prop_map(
            |(
                top,
                rounding,
                groups,
                not_applicable,
                floor,
                penalties,
                bonus,
                (grades, (nodes, version)),
            )| {
                CardShape {
                    top,
                    rounding,
                    groups,
                    not_applicable,
                    floor,
                    penalties,
                    bonus,
                    grades,
                    nodes,
                    version,
                }
            },
        )
        .boxed()
}

/// Ids given out in document order, unique across the rubric (rules,
/// items, indicators and the rubric share one namespace): a node's stem if
/// still free, else the stem with the first free numbered suffix
/// (`deadline-2`, `deadline-3`, …), the stem cut at a character boundary
/// where the suffix would pass [`Id::MAX_LEN`].
struct Names(BTreeSet<String>);

impl Names {
    fn next(&mut self, name: Name) -> Option<Id> {
        let stem = ID_STEMS.get(name).copied().unwrap_or("r");
        let mut id = stem.to_owned();
        let mut n = 1u32;
        while self.0.contains(&id) {
            n = n.checked_add(1)?;
            let suffix = format!("-{n}");
            let mut cut = stem.len().min(Id::MAX_LEN.saturating_sub(suffix.len()));
            while !stem.is_char_boundary(cut) {
                cut -= 1;
            }
            id = format!("{}{suffix}", stem.get(..cut)?);
        }
        self.0.insert(id.clone());
        Id::new(id).ok()
    }
}

/// What building a rubric collects besides the tree: ids, and the card
/// vetoes whose scores wait for the total.
struct Builder {
    ids: Names,
    /// Card vetoes: the rule, its score as a percentage of the total.
    card_scores: Vec<(Id, u8)>,
}

impl Builder {
    /// One item at `place`. An earning item takes no floor and its rules no
    /// vetoes; a bonus item takes no floor either, and section rules no
    /// vetoes.
    fn item(&mut self, shape: ItemShape, serial: String, place: Place) -> Option<Item> {
        let id = self.ids.next(shape.name)?;
        let earn = shape.earn && place == Place::Main;
        let floor = match place {
            Place::Main if earn => None,
            Place::Bonus => None,
            _ => shape.floor,
        };
        let vetoes = place == Place::Main && !earn;
        let mut rules = Vec::with_capacity(shape.rules.len());
        for r in shape.rules {
            let penalty = r.penalty;
            let veto = r.veto;
            let mut rule = Rule::new(self.ids.next(r.name)?, "违规", r.trigger, penalty)
                .with_text("违规的扣分");
            if r.exemptions {
                rule = rule.with_exemptions(GROUNDS);
            }
            let veto = match veto {
                Some(_) if !vetoes => None,
                None => None,
                Some(VetoShape::Item) => Some(Veto::item()),
                Some(VetoShape::Indicator) => Some(Veto::indicator()),
                Some(VetoShape::Card { score, grade }) => {
                    if let Some(score) = score {
                        self.card_scores.push((rule.id.clone(), score));
                    }
                    // A placeholder score until the total is known.
                    Some(Veto::card(
                        score.map(|_| Points::ZERO),
                        grade
                            .and_then(|g| GRADES.get(usize::from(g)))
                            .map(|g| (*g).to_owned()),
                    ))
                }
            };
            if let Some(veto) = veto {
                rule = rule.with_veto(veto);
            }
            rules.push(rule);
        }
        let mut item = Item::new(id, serial, shape.points)
            .with_requirement("要求")
            .with_rules(rules);
        item.earn = earn;
        item.floor = floor;
        Some(item)
    }

    fn children(&mut self, shape: Shape) -> Option<Children> {
        Some(match shape {
            Shape::Items(items) => Children::Items(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(n, item)| self.item(item, (n + 1).to_string(), Place::Main))
                    .collect::<Option<Vec<_>>>()?,
            ),
            Shape::Indicators(children) => Children::Indicators(
                children
                    .into_iter()
                    .map(|(name, points, floor, shape)| self.indicator(name, points, floor, shape))
                    .collect::<Option<Vec<_>>>()?,
            ),
        })
    }

    fn indicator(
        &mut self,
        name: Name,
        points: Points,
        floor: Option<Decimal>,
        shape: Shape,
    ) -> Option<Indicator> {
        let id = self.ids.next(name)?;
        let mut indicator = match self.children(shape)? {
            Children::Items(items) => Indicator::with_items(id, "指标", points, items),
            Children::Indicators(children) => {
                Indicator::with_indicators(id, "指标", points, children)
            }
        };
        indicator.floor = floor;
        Some(indicator)
    }

    fn section_items(
        &mut self,
        items: Vec<ItemShape>,
        serial: &str,
        place: Place,
    ) -> Option<Vec<Item>> {
        items
            .into_iter()
            .enumerate()
            .map(|(n, item)| self.item(item, format!("{serial}{}", n + 1), place))
            .collect()
    }
}

/// Gives indicators, in preorder, the weights and not-applicable policies
/// `picks` say, where the evaluator takes them: a weight on an indicator of
/// points above 0 in a rubric without earning items whose own policy is
/// not `rescale`; `rescale` on an indicator with no weighted one below it.
fn weigh_and_mark(indicators: &mut [Indicator], picks: &[(u8, u8)], rubric: Option<NaPolicy>) {
    fn earning(indicators: &[Indicator]) -> bool {
        indicators.iter().any(|i| match &i.children {
            Children::Indicators(c) => earning(c),
            Children::Items(items) => items.iter().any(|it| it.earn),
        })
    }
    fn weighted_below(indicator: &Indicator) -> bool {
        match &indicator.children {
            Children::Indicators(c) => c.iter().any(|i| i.weight.is_some() || weighted_below(i)),
            Children::Items(_) => false,
        }
    }
    fn walk(
        indicators: &mut [Indicator],
        picks: &mut std::slice::Iter<'_, (u8, u8)>,
        weights: bool,
    ) {
        for indicator in indicators {
            let pick = picks.next().copied();
            if let Children::Indicators(children) = &mut indicator.children {
                walk(children, picks, weights);
            }
            let Some((weight, policy)) = pick else {
                continue;
            };
            let points = indicator.points.get();
            if weights && !points.is_zero() {
                let w = match weight {
                    1 => Some(points / Decimal::TWO),
                    2 => Some(points * Decimal::TWO),
                    3 => Some((points / Decimal::from(3)).round_dp(2)),
                    _ => None,
                };
                indicator.weight = w
                    .and_then(|w| Points::new(w.normalize()).ok())
                    .filter(|w| !w.is_zero());
            }
            indicator.not_applicable = match policy {
                6 => Some(NaPolicy::Full),
                7 if !weighted_below(indicator) => Some(NaPolicy::Rescale),
                8 => Some(NaPolicy::Redistribute),
                _ => None,
            };
        }
    }
    let weights = !earning(indicators) && rubric != Some(NaPolicy::Rescale);
    walk(indicators, &mut picks.iter(), weights);
}

/// The items of the main tree a not-applicable policy governs: the
/// rubric's, or an indicator's above them.
fn governed_items(spec: &RubricSpec) -> BTreeSet<&str> {
    fn walk<'s>(indicators: &'s [Indicator], allowed: bool, out: &mut BTreeSet<&'s str>) {
        for indicator in indicators {
            let allowed = allowed || indicator.not_applicable.is_some();
            match &indicator.children {
                Children::Indicators(c) => walk(c, allowed, out),
                Children::Items(items) if allowed => {
                    out.extend(items.iter().map(|i| i.id.as_str()));
                }
                Children::Items(_) => {}
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(&spec.indicators, spec.not_applicable.is_some(), &mut out);
    out
}

/// The items of the main tree under an indicator that declares a
/// not-applicable policy (`rescaling`: one that rescales, the nearest
/// declaration), with that indicator's id.
fn indicator_governed(spec: &RubricSpec, rescaling: bool) -> BTreeMap<&str, &str> {
    fn walk<'s>(
        indicators: &'s [Indicator],
        above: Option<(&'s str, NaPolicy)>,
        rescaling: bool,
        out: &mut BTreeMap<&'s str, &'s str>,
    ) {
        for indicator in indicators {
            let above = indicator
                .not_applicable
                .map(|p| (indicator.id.as_str(), p))
                .or(above);
            match &indicator.children {
                Children::Indicators(c) => walk(c, above, rescaling, out),
                Children::Items(items) => {
                    if let Some((id, policy)) = above
                        && (!rescaling || policy == NaPolicy::Rescale)
                    {
                        for item in items {
                            out.insert(item.id.as_str(), id);
                        }
                    }
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&spec.indicators, None, rescaling, &mut out);
    out
}

/// `num ÷ den`, rounded as the rubric declares (exact where it declares
/// none); `None` for a `den` of 0.
fn divided(num: Decimal, den: Decimal, rounding: Option<Rounding>) -> Option<Decimal> {
    let exact = num.checked_div(den)?;
    Some(rounding.map_or(exact, |r| r.round(exact)))
}

/// Where the rubric has earning items, no node above one can bind: each
/// indicator over an earning item keeps no floor and at least the points
/// its children can lose, and no top-level indicator keeps a floor (so the
/// total never binds either). The evaluator bounds rule shares by what
/// remains of each node's points without counting what earning items did
/// not earn, so a binding node above one would leave the shares short of
/// the total (see the module docs).
fn loosen(indicators: &mut [Indicator]) {
    /// Whether `indicator` holds an earning item, or is or holds an
    /// indicator that is weighted or rescales, and the most it can lose.
    fn walk(indicator: &mut Indicator) -> (bool, Decimal) {
        let own = indicator.weight.is_some() || indicator.not_applicable == Some(NaPolicy::Rescale);
        let (earning, sum) = match &mut indicator.children {
            Children::Indicators(children) => {
                let below: Vec<(bool, Decimal)> = children.iter_mut().map(walk).collect();
                (
                    below.iter().any(|(e, _)| *e),
                    below.iter().map(|(_, d)| *d).sum(),
                )
            }
            Children::Items(items) => (
                items.iter().any(|i| i.earn),
                items
                    .iter()
                    .map(|i| i.points.get() - i.floor.unwrap_or_default())
                    .sum(),
            ),
        };
        if earning {
            indicator.floor = None;
            if indicator.points.get() < sum {
                indicator.points = Points::new(sum).unwrap_or(indicator.points);
            }
        }
        if own {
            // What it gives its parent: its weight, else its points.
            indicator.floor = None;
            return (true, indicator.counts_for().get());
        }
        (
            earning,
            indicator.points.get() - indicator.floor.unwrap_or_default(),
        )
    }
    let below: Vec<(bool, Decimal)> = indicators.iter_mut().map(walk).collect();
    if below.iter().any(|(e, _)| *e) {
        for indicator in indicators {
            indicator.floor = None;
        }
    }
}

/// Every item of a tree, mutably.
fn items_mut(indicators: &mut [Indicator], f: &mut dyn FnMut(&mut Item)) {
    for indicator in indicators {
        match &mut indicator.children {
            Children::Indicators(children) => items_mut(children, f),
            Children::Items(items) => items.iter_mut().for_each(&mut *f),
        }
    }
}

/// The exclusive groups `picks` asks for, among the rules of the main
/// tree's items that lose points, each rule in one group at most.
fn exclusive_groups<'r>(indicators: &'r [Indicator], picks: &[GroupShape]) -> Vec<Exclusive> {
    fn walk<'r>(indicators: &'r [Indicator], out: &mut Vec<Vec<&'r Id>>) {
        for indicator in indicators {
            match &indicator.children {
                Children::Indicators(children) => walk(children, out),
                Children::Items(items) => out.extend(
                    items
                        .iter()
                        .filter(|i| !i.earn && !i.rules.is_empty())
                        .map(|i| i.rules.iter().map(|r| &r.id).collect()),
                ),
            }
        }
    }
    let mut by_item = Vec::new();
    walk(indicators, &mut by_item);
    let mut used: BTreeSet<&Id> = BTreeSet::new();
    let mut groups = Vec::new();
    for (largest, same_item, which, rules) in picks {
        let free = |list: &[&'r Id]| -> Vec<&'r Id> {
            list.iter().copied().filter(|r| !used.contains(r)).collect()
        };
        let mut pool = if *same_item {
            let candidates: Vec<Vec<&Id>> = by_item
                .iter()
                .map(|l| free(l))
                .filter(|l| l.len() >= 2)
                .collect();
            if candidates.is_empty() {
                continue;
            }
            which.get(&candidates).clone()
        } else {
            free(&by_item.concat())
        };
        let mut chosen = Vec::new();
        for pick in rules {
            if pool.is_empty() {
                break;
            }
            chosen.push(pool.remove(pick.index(pool.len())));
        }
        if chosen.len() < 2 {
            continue;
        }
        used.extend(chosen.iter().copied());
        groups.push(Exclusive::new(
            chosen.into_iter().cloned(),
            if *largest { Keep::Largest } else { Keep::First },
        ));
    }
    groups
}

/// Whether a rule of `spec` divides (and so needs the rubric's rounding).
fn divides(spec: &RubricSpec) -> bool {
    fn nodes(indicators: &[Indicator]) -> bool {
        indicators.iter().any(|i| {
            i.weight.is_some_and(|w| w != i.points)
                || matches!(
                    i.not_applicable,
                    Some(NaPolicy::Rescale | NaPolicy::Redistribute)
                )
                || matches!(&i.children, Children::Indicators(c) if nodes(c))
        })
    }
    matches!(
        spec.not_applicable,
        Some(NaPolicy::Rescale | NaPolicy::Redistribute)
    ) || nodes(&spec.indicators)
        || items_at(spec).iter().any(|at| {
            at.item.rules.iter().any(|r| {
                matches!(
                    r.penalty,
                    Penalty::Linear {
                        partial: Partial::Exact,
                        ..
                    } | Penalty::Proportional { .. }
                        | Penalty::Interpolate { .. }
                )
            })
        })
}

/// The most decimal places of a weight that divides, or of the points of
/// a node that rescales: what the declared rounding must keep.
fn coarsest(spec: &RubricSpec) -> u32 {
    fn walk(indicators: &[Indicator]) -> u32 {
        indicators
            .iter()
            .map(|i| {
                let weight = i
                    .weight
                    .filter(|w| *w != i.points)
                    .map_or(0, |w| w.get().normalize().scale());
                let points = if i.not_applicable == Some(NaPolicy::Rescale) {
                    i.points.get().normalize().scale()
                } else {
                    0
                };
                let below = match &i.children {
                    Children::Indicators(c) => walk(c),
                    Children::Items(_) => 0,
                };
                weight.max(points).max(below)
            })
            .max()
            .unwrap_or(0)
    }
    let root = if spec.not_applicable == Some(NaPolicy::Rescale) {
        spec.total.get().normalize().scale()
    } else {
        0
    };
    walk(&spec.indicators).max(root)
}

/// `pct` percent of `of`, to two places.
fn percent_of(of: Decimal, pct: u8) -> Decimal {
    (of * Decimal::from(pct) / Decimal::ONE_HUNDRED).round_dp(2)
}

fn build(card: CardShape) -> Option<Rubric> {
    let rubric = "generated";
    let mut b = Builder {
        ids: Names(std::iter::once(rubric.to_owned()).collect()),
        card_scores: Vec::new(),
    };
    let mut indicators = card
        .top
        .into_iter()
        .map(|(name, points, floor, shape)| b.indicator(name, points, floor, shape))
        .collect::<Option<Vec<_>>>()?;
    weigh_and_mark(&mut indicators, &card.nodes, card.not_applicable);
    loosen(&mut indicators);
    let exclusive = exclusive_groups(&indicators, &card.groups);
    let total = indicators
        .iter()
        .map(|i| i.counts_for().get())
        .sum::<Decimal>();
    let penalties = match card.penalties {
        Some((name, cap, items)) => {
            let id = b.ids.next(name)?;
            let mut section =
                Penalties::new(id, "扣分项", b.section_items(items, "扣", Place::Penalty)?);
            section.cap = cap;
            Some(section)
        }
        None => None,
    };
    let bonus = match card.bonus {
        Some((name, cap, gate, items)) => {
            let id = b.ids.next(name)?;
            let mut section = Bonus::new(
                id,
                "加分项",
                cap,
                b.section_items(items, "加", Place::Bonus)?,
            );
            section.gate = gate.map(|(above, pct)| {
                let bound = Some(percent_of(total, pct));
                if above {
                    Gate {
                        above: bound,
                        at_least: None,
                    }
                } else {
                    Gate {
                        above: None,
                        at_least: bound,
                    }
                }
            });
            Some(section)
        }
        None => None,
    };
    // Card vetoes fix a score as a share of the total.
    let scores = std::mem::take(&mut b.card_scores);
    items_mut(&mut indicators, &mut |item| {
        for rule in &mut item.rules {
            if let Some((_, pct)) = scores.iter().find(|(id, _)| *id == rule.id)
                && let Some(veto) = &mut rule.veto
            {
                veto.score = Points::new(percent_of(total, *pct)).ok();
            }
        }
    });
    let most = total + bonus.as_ref().map_or(Decimal::ZERO, |b| b.cap.get());
    let mut bounds: Vec<Decimal> = card.grades.iter().map(|&p| percent_of(most, p)).collect();
    bounds.dedup();
    let mut grades: Vec<Grade> = bounds
        .iter()
        .zip(GRADES)
        .map(|(&bound, label)| Grade::new(Some(bound), label))
        .collect();
    if !grades.is_empty() {
        grades.push(Grade::new(None, "不合格"));
    }
    let mut spec = RubricSpec::new(
        Id::new(rubric).ok()?,
        "生成的细则",
        Points::new(total).ok()?,
        indicators,
    );
    spec.exclusive = exclusive;
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    match card.version {
        1 => spec.version = "试行".to_owned(),
        2 => {
            spec.version = "2026年修订".to_owned();
            spec.in_force = day(2026, 1, 1).map(|from| crate::InForce { from, to: None });
        }
        3 => {
            spec.version = "2025年版".to_owned();
            spec.in_force = day(2025, 1, 1).map(|from| crate::InForce {
                from,
                to: day(2025, 12, 31),
            });
        }
        _ => {}
    }
    spec.not_applicable = card.not_applicable;
    spec.floor = card.floor;
    spec.penalties = penalties;
    spec.bonus = bonus;
    spec.grades = grades;
    if let Some((places, mode, always)) = card.rounding
        && (always || divides(&spec))
    {
        let mode = match mode {
            0 => RoundingMode::HalfUp,
            1 => RoundingMode::HalfEven,
            2 => RoundingMode::Down,
            _ => RoundingMode::Up,
        };
        // Enough places to keep weights and rescaled points whole.
        let places = places.max(coarsest(&spec));
        spec.rounding = Some(Rounding::new(places, mode));
    }
    Rubric::new(spec).ok()
}

/// Arbitrary valid rubrics of every shape the model has.
///
/// The tree: up to 3 levels of indicators, items with up to 3 rules,
/// points with up to two decimal places (so children need not add up to
/// their parent), totals that match. Rules of every trigger (flag, count,
/// threshold of each measure, deadline with and without `within`, cadence
/// at least 1 to 3 times a period counting short periods or occurrences,
/// measured values of each measure, ratings, peers against the mean or by
/// rank) with every penalty that can price it (flat, per occurrence,
/// capped, escalating with multipliers and a cap, ranges with a cap,
/// linear in each direction and partial with and without cap and cutoff,
/// proportional, bands of both kinds, interpolation, rating options), now
/// and then listing grounds of exemption or being a veto of each scope.
/// Tables are mostly monotone (deducting more as the value gets worse),
/// sometimes not.
///
/// The card: the declared `rounding` wherever a rule divides (and now and
/// then where none does), exclusive groups of both kinds in one item or
/// across items, earning items, floors below 0 on items, indicators and the
/// rubric, a bonus section with and without a gate, a penalty section with
/// and without a cap, grades, a `not_applicable` policy (`full` or
/// `rescale`) on the rubric, and on indicators weights (half, twice or a
/// third of their points) and policies of their own (`full`, `rescale`,
/// `redistribute`); a version now and then, with the dates it is in force.
///
/// What the generator leaves out (see the module docs): what the rubric
/// refuses (floors on earning items and bonus items, `earn` in the
/// sections), and a node that can bind above an earning item.
///
/// Ids vary in length from 1 byte to [`Id::MAX_LEN`], ASCII and Chinese,
/// many longer than 8 bytes and sharing long prefixes (`deadline`,
/// `deadline-a`, `deadline-2`, `清单完善率-1`), unique across the rubric,
/// whose own id is `generated`.
pub fn rubrics() -> BoxedStrategy<Rubric> {
    card_shape()
        .prop_filter_map("a valid rubric", build)
        .boxed()
}

/// Arbitrary valid rubrics of the original shapes only: flag, count,
/// threshold, deadline and once-a-period cadence rules priced flat, per
/// occurrence or capped, in items that lose points, with no floor, no
/// whole-card element (rounding, groups, sections, grades, vetoes,
/// not-applicable policy). Properties that hold only of that model (every
/// score in [0, points], the total deduction the sum of the top-level
/// indicators, no facts meaning full marks) are tested over these; the
/// tree and the ids are generated as by [`rubrics`].
pub fn classic_rubrics() -> BoxedStrategy<Rubric> {
    prop::collection::vec(
        (
            name(),
            points(),
            Just(None),
            shape(classic_item().boxed(), false),
        ),
        0..4,
    )
    .prop_filter_map("a valid rubric", |top| build(CardShape::classic(top)))
    .boxed()
}

// ---------------------------------------------------------------------------
// Inspections.

fn note() -> impl Strategy<Value = Finding> {
    "[甲乙丙丁a-z0-9]{0,6}".prop_map(Finding::new)
}

/// A finding for a rule that accepts the exemption `grounds` (none: no
/// finding is exempt) and the `multipliers`: now and then exempt, or naming
/// a multiplier.
fn finding(grounds: Vec<String>, multipliers: Vec<String>) -> BoxedStrategy<Finding> {
    if grounds.is_empty() && multipliers.is_empty() {
        // Nothing to mark: nothing more to shrink either.
        return note().boxed();
    }
    (
        note(),
        0u8..8,
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
    )
        .prop_map(move |(f, roll, g, m)| match roll {
            0 if !grounds.is_empty() => f.exempt_on(g.get(&grounds).clone()),
            1 | 2 if !multipliers.is_empty() => f.with_multiplier(m.get(&multipliers).clone()),
            _ => f,
        })
        .boxed()
}

/// A day of `period`, at most `margin` days before its end where possible.
fn day_in(period: Period, margin: i64) -> BoxedStrategy<NaiveDate> {
    let span = (period.to() - period.from()).num_days();
    let last = if span > margin { span - margin } else { span };
    let from = period.from();
    (0..=last.max(0))
        .prop_map(move |n| {
            from.checked_add_days(chrono::Days::new(n.unsigned_abs()))
                .unwrap_or(from)
        })
        .boxed()
}

/// The values worth generating for a value penalty: its target, the first
/// steps short of it and its cutoff; its band bounds; its knots.
fn interesting(penalty: &Penalty) -> Vec<Decimal> {
    match penalty {
        Penalty::Linear {
            direction,
            target,
            step,
            cutoff,
            ..
        } => {
            let sign = match direction {
                Direction::Below => Decimal::NEGATIVE_ONE,
                Direction::Above => Decimal::ONE,
            };
            let mut out = vec![*target];
            for k in 1..=3 {
                out.push(*target + sign * *step * Decimal::from(k));
            }
            out.extend(*cutoff);
            out
        }
        Penalty::Proportional { target, .. } => vec![*target, *target / Decimal::TWO],
        Penalty::Bands { bands } => bands
            .iter()
            .filter_map(|b| b.at_least.or(b.at_most))
            .collect(),
        Penalty::Interpolate { knots } => knots.iter().map(|k| k.value).collect(),
        _ => Vec::new(),
    }
}

/// A measured value of `measure`, near the values in `near` or anywhere on
/// its grid, written as a decimal, a whole number or a percentage; or none.
fn value_fact(measure: Measure, near: Vec<Decimal>) -> BoxedStrategy<Option<Fact>> {
    let grid = Grid::of(measure);
    let anywhere = (0..=grid.steps).prop_map(move |k| grid.at(k));
    let value: BoxedStrategy<Decimal> = if near.is_empty() {
        anywhere.boxed()
    } else {
        prop_oneof![
            3 => (prop::sample::select(near), -3i64..=3).prop_map(move |(p, d)| {
                into_domain(measure, p + grid.unit * Decimal::from(d), true)
            }),
            1 => anywhere,
        ]
        .boxed()
    };
    prop_oneof![
        1 => Just(None),
        5 => (value, 0u8..4).prop_map(move |(v, form)| Some(written(measure, v, form))),
    ]
    .boxed()
}

/// A peer rule's value and the statistic it is compared with: a mean near
/// the value, or a place near the places its penalty prices differently.
fn peer_draw(
    measure: Measure,
    compare: PeerCompare,
    penalty: &Penalty,
) -> BoxedStrategy<(Option<Fact>, Option<Peer>)> {
    if compare.is_rank() {
        let near: Vec<u64> = interesting(penalty)
            .into_iter()
            .filter_map(|p| u64::try_from(p.round()).ok())
            .collect();
        let place = if near.is_empty() {
            (1u64..=10).boxed()
        } else {
            prop_oneof![
                3 => (prop::sample::select(near), -2i64..=2)
                    .prop_map(|(p, d)| p.saturating_add_signed(d).max(1)),
                1 => 1u64..=10,
            ]
            .boxed()
        };
        (
            value_fact(measure, Vec::new()),
            place,
            prop::option::of(0u64..=5),
        )
            .prop_map(|(fact, rank, more)| (fact, Some(Peer::rank(rank, more.map(|m| rank + m)))))
            .boxed()
    } else {
        let grid = Grid::of(measure);
        (
            0..=grid.steps,
            -2i64..=2,
            prop::bool::weighted(0.85),
            0u8..4,
        )
            .prop_map(move |(k, d, present, form)| {
                let value = grid.at(k);
                (
                    present.then(|| written(measure, value, form)),
                    Some(Peer::mean(value + grid.unit * Decimal::from(d))),
                )
            })
            .boxed()
    }
}

/// An amount of a discretionary rule: its least or most, or one between,
/// at the places its bounds have.
fn amount(min: Points, max: Points) -> BoxedStrategy<Decimal> {
    let (lo, hi) = (min.get(), max.get());
    let unit = Decimal::new(1, lo.scale().max(hi.scale()));
    let n = i64::try_from(((hi - lo) / unit).trunc())
        .unwrap_or(0)
        .clamp(0, 1_000_000);
    prop_oneof![
        1 => Just(lo),
        1 => Just(hi),
        3 => (0..=n).prop_map(move |k| (lo + unit * Decimal::from(k)).normalize()),
    ]
    .boxed()
}

/// Facts a discretionary rule reads: findings, each with an amount in its
/// range or exempt (where the rule lists grounds); a flag rule one of them.
fn range_fact(
    trigger: &Trigger,
    min: Points,
    max: Points,
    grounds: Vec<String>,
) -> BoxedStrategy<Option<Fact>> {
    let ground = grounds.first().cloned();
    let one =
        (note(), amount(min, max), 0u8..8).prop_map(move |(f, a, roll)| match (&ground, roll) {
            (Some(g), 0) => f.exempt_on(g.clone()),
            _ => f.with_amount(a),
        });
    match trigger {
        Trigger::Flag => prop_oneof![
            1 => Just(None),
            1 => Just(Some(Fact::Flag(false))),
            3 => one.prop_map(|f| Some(Fact::Finding(f))),
        ]
        .boxed(),
        _ => prop_oneof![
            1 => Just(None),
            1 => Just(Some(Fact::Count(0))),
            4 => prop::collection::vec(one, 0..6).prop_map(|v| Some(Fact::Findings(v))),
        ]
        .boxed(),
    }
}

/// A rating rule's fact: one of its options (by value where its name is a
/// number), or none.
fn rating_fact(options: &[RatingOption]) -> BoxedStrategy<Option<Fact>> {
    let facts: Vec<Fact> = options
        .iter()
        .map(|o| match crate::points::parse_decimal(&o.option) {
            Ok(d) => Fact::Measure(d),
            Err(_) => Fact::Rating(o.option.clone()),
        })
        .collect();
    if facts.is_empty() {
        return Just(None).boxed();
    }
    prop_oneof![
        1 => Just(None),
        4 => prop::sample::select(facts).prop_map(Some),
    ]
    .boxed()
}

/// Facts a rule that counts breaches reads, or none: every hand-counted
/// form, findings (exempt on an accepted ground where the rule lists
/// grounds, naming a multiplier of an escalating rule), measured values
/// around a threshold, cases and dates inside the period.
fn counted_fact(
    trigger: &Trigger,
    penalty: &Penalty,
    grounds: Vec<String>,
    period: Period,
) -> BoxedStrategy<Option<Fact>> {
    let multipliers: Vec<String> = match penalty {
        Penalty::Escalating { multipliers, .. } => {
            multipliers.iter().map(|m| m.name.clone()).collect()
        }
        _ => Vec::new(),
    };
    let one = finding(grounds.clone(), multipliers);
    let hand_counted = prop_oneof![
        (0u64..15).prop_map(|n| Some(Fact::Count(n))),
        prop::collection::vec(one.clone(), 0..8).prop_map(|v| Some(Fact::Findings(v))),
    ];
    match trigger {
        Trigger::Flag => prop_oneof![
            1 => Just(None),
            3 => any::<bool>().prop_map(|b| Some(Fact::Flag(b))),
            1 => one.prop_map(|f| Some(Fact::Finding(f))),
        ]
        .boxed(),
        Trigger::Threshold { min, measure } => {
            // Around the minimum, both sides, inside the measure's domain;
            // ratios and percentages also written as `"96%"`.
            let (min, measure) = (*min, *measure);
            let near = move |n: i64| {
                let step = match measure {
                    Measure::Count | Measure::Percent => Decimal::from(n),
                    _ => Decimal::new(n, 2),
                };
                let v = min + step;
                match measure {
                    Measure::Ratio => v.clamp(Decimal::ZERO, Decimal::ONE),
                    Measure::Percent => v.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED),
                    Measure::Count => v.max(Decimal::ZERO),
                    _ => v,
                }
            };
            prop_oneof![
                1 => Just(None),
                3 => (-50i64..=50).prop_map(move |n| Some(Fact::Measure(near(n)))),
                1 => (-50i64..=50).prop_map(move |n| {
                    let v = near(n);
                    Some(match measure {
                        Measure::Ratio => Fact::Percent(v * Decimal::ONE_HUNDRED),
                        Measure::Percent => Fact::Percent(v),
                        _ => Fact::Measure(v),
                    })
                }),
                1 => any::<bool>().prop_map(|b| Some(Fact::Flag(b))),
            ]
            .boxed()
        }
        Trigger::Deadline { within, .. } => {
            let by_start = within.is_some();
            let end = period.to();
            let ground = grounds.first().cloned();
            let case = (
                day_in(period, 60),
                prop::option::of(0u64..60),
                note(),
                0u8..8,
            )
                .prop_map(move |(day, done, note, roll)| Case {
                    start: by_start.then_some(day),
                    due: (!by_start).then_some(day),
                    done: done.map(|d| {
                        day.checked_add_days(chrono::Days::new(d))
                            .unwrap_or(end)
                            .min(end)
                    }),
                    note: note.note,
                    exempt: match (&ground, roll) {
                        (Some(g), 0) => Some(Box::new(g.clone())),
                        _ => None,
                    },
                });
            prop_oneof![
                1 => Just(None),
                // Non-empty: an empty list reads back from JSON as no
                // findings, which every trigger counts alike.
                3 => prop::collection::vec(case, 1..6).prop_map(|v| Some(Fact::Cases(v))),
                1 => hand_counted,
            ]
            .boxed()
        }
        Trigger::Cadence { at_least, .. } => {
            let most = 8 * usize::try_from(*at_least).unwrap_or(1).clamp(1, 4);
            prop_oneof![
                1 => Just(None),
                3 => prop::collection::vec(day_in(period, 0), 1..most)
                    .prop_map(|v| Some(Fact::Dates(v))),
                1 => hand_counted,
            ]
            .boxed()
        }
        _ => prop_oneof![
            1 => Just(None),
            4 => hand_counted,
        ]
        .boxed(),
    }
}

/// What an inspection records for one rule (in an item of `item` points),
/// or nothing, and the peer statistic a peer rule reads.
fn draw(rule: &Rule, period: Period) -> BoxedStrategy<(Option<Fact>, Option<Peer>)> {
    let grounds = rule.exemptions.clone();
    match (&rule.trigger, &rule.penalty) {
        (Trigger::Peer { measure, compare }, penalty) => peer_draw(*measure, *compare, penalty),
        (trigger, Penalty::Range { min, max, .. }) => range_fact(trigger, *min, *max, grounds)
            .prop_map(|f| (f, None))
            .boxed(),
        (_, Penalty::Rating { options }) => rating_fact(options).prop_map(|f| (f, None)).boxed(),
        (Trigger::Measured { measure }, penalty) => value_fact(*measure, interesting(penalty))
            .prop_map(|f| (f, None))
            .boxed(),
        (trigger, penalty) => counted_fact(trigger, penalty, grounds, period)
            .prop_map(|f| (f, None))
            .boxed(),
    }
}

/// Inspections of `rubric` over `period`: any subset of its rules, each
/// with a fact of the type it reads, or none.
///
/// - Counts from 0 to 14 and up to 7 findings, each now and then exempt (on
///   a ground the rule lists, where it lists any) or naming one of an
///   escalating rule's multipliers.
/// - Dates and cases inside the period (cases now and then exempt where the
///   rule lists grounds).
/// - Measured values near a threshold's minimum, a line's target, steps and
///   cutoff, a table's bounds or knots, or anywhere in the measure's domain;
///   ratios and percentages also as percent strings (`"96%"`).
/// - Ratings among the rule's options; the findings of a discretionary rule
///   each with an amount in its range, at the places its bounds have.
/// - For every peer rule, its statistic in [`Inspection::peers`]: a mean
///   near the value, or a place (of how many, now and then) near the places
///   its penalty prices differently.
/// - Where the rubric has a `not_applicable` policy, some items and rules
///   of the main tree that lose points marked not applicable (and then no
///   fact on them).
pub fn inspections(rubric: &Rubric, period: Period) -> BoxedStrategy<Inspection> {
    let governed = governed_items(rubric.spec());
    let mut ids: Vec<(Id, Vec<Id>)> = Vec::new();
    let mut strategies = Vec::new();
    for at in items_at(rubric.spec()) {
        let markable = governed.contains(at.item.id.as_str())
            && matches!(at.place, Place::Main | Place::Earning);
        let mark = move |p: f64| {
            if markable {
                prop::bool::weighted(p).boxed()
            } else {
                Just(false).boxed()
            }
        };
        let rules: Vec<_> = at
            .item
            .rules
            .iter()
            .map(|rule| {
                (draw(rule, period), mark(0.08))
                    .prop_map(|((fact, peer), na)| (fact, peer, na))
                    .boxed()
            })
            .collect();
        strategies.push((mark(0.1), rules));
        ids.push((
            at.item.id.clone(),
            at.item.rules.iter().map(|r| r.id.clone()).collect(),
        ));
    }
    strategies
        .prop_map(move |drawn| {
            let mut inspection = Inspection::new();
            inspection.period = Some(period);
            for ((item, rules), (item_na, draws)) in ids.iter().zip(drawn) {
                if item_na {
                    inspection
                        .not_applicable
                        .insert(item.clone(), "本单位无此项职能".to_owned());
                }
                for (rule, (fact, peer, rule_na)) in rules.iter().zip(draws) {
                    if let Some(peer) = peer {
                        inspection.peers.insert(rule.clone(), peer);
                    }
                    if item_na {
                        continue;
                    }
                    if rule_na {
                        inspection
                            .not_applicable
                            .insert(rule.clone(), "本年度不涉及".to_owned());
                    } else if let Some(fact) = fact {
                        inspection.facts.insert(rule.clone(), fact);
                    }
                }
            }
            inspection
        })
        .boxed()
}

// ---------------------------------------------------------------------------
// One more breach.

/// Which side of a value is worse for a value penalty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Worse {
    Lower,
    Higher,
}

/// What each entry of a table deducts, in order: with the item's points
/// known, or where the entries are all deductions or all scores (a higher
/// score deducts less); `None` for a table that mixes them in an item of
/// unknown points.
fn deductions(awards: &[Option<Award>], item: Option<Points>) -> Option<Vec<Decimal>> {
    let all_scores = awards.iter().all(|a| matches!(a, Some(Award::Score(_))));
    awards
        .iter()
        .map(|a| match (a, item) {
            (Some(a), Some(points)) => a.deduction(points),
            (Some(Award::Deduct(d)), None) if !all_scores => Some(d.get()),
            (Some(Award::Score(s)), None) if all_scores => Some(-s.get()),
            _ => None,
        })
        .collect()
}

/// Whether `keys` never fall (`Some(true)`), never rise (`Some(false)`),
/// or neither.
fn monotone(keys: &[Decimal]) -> Option<bool> {
    if keys.windows(2).all(|w| matches!(w, [a, b] if a <= b)) {
        Some(true)
    } else if keys.windows(2).all(|w| matches!(w, [a, b] if a >= b)) {
        Some(false)
    } else {
        None
    }
}

/// Which side of its value a value penalty deducts more on, where it is
/// monotone.
fn worse_side(penalty: &Penalty, item: Option<Points>) -> Option<Worse> {
    match penalty {
        Penalty::Linear {
            direction: Direction::Below,
            ..
        }
        | Penalty::Proportional { .. } => Some(Worse::Lower),
        Penalty::Linear {
            direction: Direction::Above,
            ..
        } => Some(Worse::Higher),
        Penalty::Bands { bands } => {
            let keys = deductions(&bands.iter().map(Band::award).collect::<Vec<_>>(), item)?;
            let rising = monotone(&keys)?;
            // `at_least` bands run from the highest values down.
            let from_top = bands.first().is_some_and(|b| b.at_least.is_some());
            Some(if rising == from_top {
                Worse::Lower
            } else {
                Worse::Higher
            })
        }
        Penalty::Interpolate { knots } => {
            let keys = deductions(&knots.iter().map(Knot::award).collect::<Vec<_>>(), item)?;
            Some(if monotone(&keys)? {
                Worse::Higher
            } else {
                Worse::Lower
            })
        }
        _ => None,
    }
}

/// `value` moved to the worse side of a value penalty: a step of a line,
/// else past the nearest point where its table changes (one grid unit of
/// `measure` beyond it), into the domain.
fn worse_value(
    penalty: &Penalty,
    worse: Worse,
    measure: Measure,
    unit: Decimal,
    value: Decimal,
) -> Decimal {
    let moved = match (penalty, worse) {
        (Penalty::Linear { step, .. }, Worse::Lower) => value - *step,
        (Penalty::Linear { step, .. }, Worse::Higher) => value + *step,
        (_, Worse::Lower) => {
            let p = interesting(penalty)
                .into_iter()
                .filter(|p| *p <= value)
                .max()
                .unwrap_or(value);
            p - unit
        }
        (_, Worse::Higher) => {
            let p = interesting(penalty)
                .into_iter()
                .filter(|p| *p >= value)
                .min()
                .unwrap_or(value);
            p + unit
        }
    };
    into_domain(measure, moved, worse == Worse::Lower)
}

/// The same inspection with at least as many breaches of `rule`, usually
/// one more: a flag set, a count or a list of findings or cases one
/// longer, a date removed; a measured value moved to the worse side of
/// its line or table (which way is worse follows from the penalty; where
/// the table is not monotone the fact is left as it is); a worse rating; a
/// discretionary finding with its least amount added; a peer rule's mean
/// or place moved against it.
///
/// It never makes an invalid inspection: a rule marked not applicable is
/// left as it is, and so is a rule without a fact in an inspection that
/// marks anything not applicable (its item might be marked: use
/// [`one_more_breach_in`], which knows the item). A table mixing
/// deductions and scores is ordered only by [`one_more_breach_in`], which
/// knows the item's points.
pub fn one_more_breach(inspection: &Inspection, rule: &Rule) -> Inspection {
    more(inspection, rule, None)
}

/// [`one_more_breach`] for a rule of `rubric`, knowing its item: its
/// points (so that tables mixing deductions and scores are ordered too)
/// and whether it is marked not applicable.
pub fn one_more_breach_in(rubric: &Rubric, inspection: &Inspection, rule: &Rule) -> Inspection {
    let at = items_at(rubric.spec())
        .into_iter()
        .find(|at| at.item.rules.iter().any(|r| r.id == rule.id));
    more(inspection, rule, at.map(|at| (&at.item.id, at.item.points)))
}

fn more(inspection: &Inspection, rule: &Rule, item: Option<(&Id, Points)>) -> Inspection {
    let mut out = inspection.clone();
    let current = out.facts.get(&rule.id).cloned();
    let marked = |id: &Id| inspection.not_applicable.contains_key(id);
    let blocked = marked(&rule.id)
        || match item {
            Some((id, _)) => marked(id),
            None => current.is_none() && !inspection.not_applicable.is_empty(),
        };
    if blocked {
        return out;
    }
    let points = item.map(|(_, p)| p);
    let start = inspection.period.map(|p| p.from());
    let fact = match (&rule.trigger, &rule.penalty) {
        (Trigger::Peer { measure, compare }, penalty) => {
            more_peer(&mut out, rule, current, *measure, *compare, penalty, points);
            return out;
        }
        (trigger, Penalty::Range { min, .. }) => more_range(current, trigger, *min),
        (_, Penalty::Rating { options }) => more_rating(current, options, points),
        (Trigger::Measured { measure }, penalty) => more_value(current, *measure, penalty, points),
        (trigger, _) => Some(more_counted(current, trigger, start)),
    };
    if let Some(fact) = fact {
        out.facts.insert(rule.id.clone(), fact);
    }
    out
}

/// One more breach of a rule priced by its count.
fn more_counted(current: Option<Fact>, trigger: &Trigger, start: Option<NaiveDate>) -> Fact {
    match (current, trigger) {
        (None | Some(Fact::Flag(false)), Trigger::Flag | Trigger::Threshold { .. }) => {
            Fact::Flag(true)
        }
        (Some(Fact::Measure(_) | Fact::Percent(_)), Trigger::Threshold { .. }) => Fact::Flag(true),
        (Some(Fact::Finding(f)), Trigger::Flag | Trigger::Threshold { .. })
            if f.exempt().is_some() =>
        {
            Fact::Flag(true)
        }
        (Some(f), Trigger::Flag | Trigger::Threshold { .. }) => f,
        (Some(Fact::Cases(mut cases)), Trigger::Deadline { within, .. }) => {
            // A case never done, started (or due) on the period's first day.
            cases.push(Case {
                start: within.and(start),
                due: if within.is_some() { None } else { start },
                done: None,
                note: String::new(),
                exempt: None,
            });
            Fact::Cases(cases)
        }
        (Some(Fact::Dates(mut dates)), _) => {
            dates.pop();
            Fact::Dates(dates)
        }
        (None, _) => Fact::Count(1),
        (Some(Fact::Flag(b)), _) => Fact::Count(u64::from(b) + 1),
        (Some(Fact::Count(n)), _) => Fact::Count(n.saturating_add(1)),
        (Some(Fact::Findings(list)), Trigger::Cadence { .. }) if list.is_empty() => {
            Fact::Findings(list)
        }
        (Some(Fact::Findings(mut list)), _) => {
            list.push(Finding::new("又一起"));
            Fact::Findings(list)
        }
        (Some(other), _) => other,
    }
}

/// One more breach of a discretionary rule: a finding with its least
/// amount.
fn more_range(current: Option<Fact>, trigger: &Trigger, min: Points) -> Option<Fact> {
    let one = Finding::new("又一起").with_amount(min.get());
    match (trigger, current) {
        (Trigger::Flag, None | Some(Fact::Flag(false))) => Some(Fact::Finding(one)),
        (Trigger::Flag, Some(Fact::Finding(f))) if f.exempt().is_some() => Some(Fact::Finding(one)),
        (Trigger::Flag, other) => other,
        (_, None | Some(Fact::Count(0))) => Some(Fact::Findings(vec![one])),
        (_, Some(Fact::Findings(mut list))) => {
            list.push(one);
            Some(Fact::Findings(list))
        }
        (_, other) => other,
    }
}

/// A worse rating: the option deducting the least more than the current
/// one (the one deducting most where none is given).
fn more_rating(
    current: Option<Fact>,
    options: &[RatingOption],
    item: Option<Points>,
) -> Option<Fact> {
    let keys = deductions(
        &options.iter().map(RatingOption::award).collect::<Vec<_>>(),
        item,
    )?;
    let matches = |o: &RatingOption, fact: &Fact| match fact {
        Fact::Rating(name) => o.option == *name,
        Fact::Measure(d) => crate::points::parse_decimal(&o.option).is_ok_and(|x| x == *d),
        Fact::Count(n) => {
            crate::points::parse_decimal(&o.option).is_ok_and(|x| x == Decimal::from(*n))
        }
        _ => false,
    };
    let now = current
        .as_ref()
        .and_then(|f| options.iter().zip(&keys).find(|(o, _)| matches(o, f)))
        .map(|(_, k)| *k);
    let pick = options
        .iter()
        .zip(&keys)
        .filter(|(_, k)| now.is_none_or(|n| **k > n))
        .min_by(|(_, a), (_, b)| match now {
            Some(_) => a.cmp(b),
            None => b.cmp(a),
        })
        .map(|(o, _)| o);
    match pick {
        Some(o) => Some(match crate::points::parse_decimal(&o.option) {
            Ok(d) => Fact::Measure(d),
            Err(_) => Fact::Rating(o.option.clone()),
        }),
        None => current,
    }
}

/// A measured value moved to the worse side of its penalty; a value where
/// there was none.
fn more_value(
    current: Option<Fact>,
    measure: Measure,
    penalty: &Penalty,
    item: Option<Points>,
) -> Option<Fact> {
    let Some(fact) = current else {
        return Some(written(measure, Decimal::ZERO, 2));
    };
    let (Some(worse), Some(value)) = (worse_side(penalty, item), value_of(measure, &fact)) else {
        return Some(fact);
    };
    let unit = Grid::of(measure).unit;
    let moved = worse_value(penalty, worse, measure, unit, value);
    Some(written_like(measure, moved, &fact))
}

/// One more breach of a peer rule: its statistic moved against it (the
/// mean past the value on the breached side, the place one worse), and a
/// value where there was none.
fn more_peer(
    out: &mut Inspection,
    rule: &Rule,
    current: Option<Fact>,
    measure: Measure,
    compare: PeerCompare,
    penalty: &Penalty,
    item: Option<Points>,
) {
    let fact = current.unwrap_or_else(|| written(measure, Decimal::ZERO, 2));
    let value = value_of(measure, &fact).unwrap_or_default();
    out.facts.insert(rule.id.clone(), fact);
    let stat = out.peers.get(&rule.id).copied();
    let peer = match compare {
        PeerCompare::BelowMean => Peer::mean(value + Decimal::ONE),
        PeerCompare::AboveMean => Peer::mean(value - Decimal::ONE),
        _ => {
            let (rank, of) = stat
                .and_then(|s| s.rank.map(|r| (r, s.of)))
                .unwrap_or((1, None));
            match worse_side(penalty, item) {
                Some(Worse::Lower) => Peer::rank(rank.saturating_sub(1).max(1), of),
                Some(Worse::Higher) => {
                    let worse = rank.saturating_add(1);
                    Peer::rank(worse, of.map(|o| o.max(worse)))
                }
                None => Peer::rank(rank, of),
            }
        }
    };
    out.peers.insert(rule.id.clone(), peer);
}

// ---------------------------------------------------------------------------
// The invariant checker.

/// An invariant that does not hold, with the smallest inspection found that
/// breaks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvariantFailure {
    /// Which invariant, and how it broke.
    pub message: String,
    /// The smallest failing inspection, as JSON (`null` for a failure that
    /// needs no inspection).
    pub inspection: String,
}

impl fmt::Display for InvariantFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}\nsmallest failing inspection:\n{}",
            self.message, self.inspection
        )
    }
}

impl std::error::Error for InvariantFailure {}

/// How many rules per inspection the "one more breach" check tries.
const MONOTONE_RULES: usize = 16;

/// An evaluator under test: inspection in, scorecard JSON out.
type Evaluator<'r> = Box<dyn Fn(&Inspection) -> Result<String, String> + 'r>;

/// The invariant checker, configured: the period of the generated
/// inspections, how many, and which evaluator.
///
/// ```
/// use ducha::testing::Invariants;
///
/// let rubric = ducha::seed::yuxi();
/// Invariants::new(&rubric).cases(64).check()?;
/// # Ok::<(), ducha::testing::InvariantFailure>(())
/// ```
pub struct Invariants<'r> {
    rubric: &'r Rubric,
    period: Option<Period>,
    cases: u32,
    evaluator: Evaluator<'r>,
}

impl fmt::Debug for Invariants<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Invariants")
            .field("rubric", &self.rubric.id())
            .field("period", &self.period)
            .field("cases", &self.cases)
            .finish_non_exhaustive()
    }
}

/// Checks every invariant of `rubric` over 256 generated inspections of the
/// last full year its calendar knows.
///
/// # Errors
///
/// [`InvariantFailure`] naming the invariant and the smallest inspection
/// that breaks it.
pub fn check_invariants(rubric: &Rubric) -> Result<(), InvariantFailure> {
    Invariants::new(rubric).check()
}

impl<'r> Invariants<'r> {
    /// The checker for `rubric`, with its own evaluator, 256 cases and the
    /// last full year its calendar knows.
    pub fn new(rubric: &'r Rubric) -> Invariants<'r> {
        Invariants {
            rubric,
            period: None,
            cases: 256,
            evaluator: Box::new(move |inspection| {
                let card = rubric.evaluate(inspection).map_err(|e| e.to_string())?;
                serde_json::to_string(&card).map_err(|e| e.to_string())
            }),
        }
    }

    /// Generated inspections cover this period (their dates fall inside it).
    pub fn period(mut self, period: Period) -> Invariants<'r> {
        self.period = Some(period);
        self
    }

    /// How many inspections to generate.
    pub fn cases(mut self, cases: u32) -> Invariants<'r> {
        self.cases = cases;
        self
    }

    /// Checks another evaluator's answers (scorecard JSON) instead of this
    /// crate's: a wrapper, a service, a stub in a test.
    pub fn evaluator(
        mut self,
        evaluator: impl Fn(&Inspection) -> Result<String, String> + 'r,
    ) -> Invariants<'r> {
        self.evaluator = Box::new(evaluator);
        self
    }

    fn default_period(&self) -> Result<Period, InvariantFailure> {
        let year = self.rubric.calendar().years().next_back().unwrap_or(2026);
        NaiveDate::from_ymd_opt(year, 1, 1)
            .zip(NaiveDate::from_ymd_opt(year, 12, 31))
            .and_then(|(from, to)| Period::new(from, to).ok())
            .ok_or_else(|| failure("no period to generate inspections in", None))
    }

    /// Runs every check.
    ///
    /// # Errors
    ///
    /// [`InvariantFailure`] naming the invariant and the smallest inspection
    /// that breaks it.
    pub fn check(&self) -> Result<(), InvariantFailure> {
        let period = match self.period {
            Some(p) => p,
            None => self.default_period()?,
        };
        // The rubric survives JSON.
        let text = serde_json::to_string(self.rubric).map_err(|e| failure(&e.to_string(), None))?;
        let back: Result<Rubric, _> = serde_json::from_str(&text);
        if back.as_ref().ok() != Some(self.rubric) {
            return Err(failure(
                "the rubric does not survive a JSON round trip",
                None,
            ));
        }
        let model = Model::new(self.rubric);
        // No facts, full marks (but for earning items).
        let mut empty = Inspection::new();
        empty.period = Some(period);
        self.full_marks(&empty)
            .map_err(|e| failure(reason_of(&e), Some(&empty)))?;

        let strategy = (
            inspections(self.rubric, period),
            any::<prop::sample::Index>(),
        );
        let mut runner = TestRunner::new(Config {
            cases: self.cases,
            failure_persistence: None,
            // Inspections of large rubrics take many steps to shrink.
            max_shrink_iters: self.cases.saturating_mul(16).max(1024),
            ..Config::default()
        });
        let result = runner.run(&strategy, |(inspection, pick)| {
            self.all(&model, &inspection, Some(pick))
        });
        match result {
            Ok(()) => Ok(()),
            Err(TestError::Fail(reason, (inspection, _))) => {
                Err(failure(reason.message(), Some(&inspection)))
            }
            Err(TestError::Abort(reason)) => Err(failure(reason.message(), None)),
        }
    }

    /// Checks every invariant of one inspection: its scorecard's, and one
    /// more breach of each of its rubric's rules. For an inspection of
    /// your own (a worked example, a case a generator would not make).
    ///
    /// ```
    /// use ducha::testing::Invariants;
    ///
    /// let rubric = ducha::seed::yuxi();
    /// let inspection = ducha::Inspection::new().with("12a", true)?.with("12b", 7u64)?;
    /// Invariants::new(&rubric).check_inspection(&inspection)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`InvariantFailure`] naming the invariant, with this inspection.
    pub fn check_inspection(&self, inspection: &Inspection) -> Result<(), InvariantFailure> {
        let model = Model::new(self.rubric);
        self.all(&model, inspection, None)
            .map_err(|e| failure(reason_of(&e), Some(inspection)))
    }

    /// The invariants of one inspection's scorecard, then one more breach
    /// of up to [`MONOTONE_RULES`] rules from `pick` (of every rule without
    /// one).
    fn all(
        &self,
        model: &Model<'_>,
        inspection: &Inspection,
        pick: Option<prop::sample::Index>,
    ) -> Result<(), TestCaseError> {
        let before = self.one(model, inspection)?;
        let n = model.order.len();
        let (offset, count) = match pick {
            Some(pick) if n > MONOTONE_RULES => (pick.index(n), MONOTONE_RULES),
            _ => (0, n),
        };
        for k in 0..count {
            if let Some(rule) = model.order.get((offset + k) % n.max(1)) {
                self.monotone(model, inspection, &before, rule)?;
            }
        }
        Ok(())
    }

    fn card(&self, inspection: &Inspection) -> Result<(String, Value), TestCaseError> {
        let text = (self.evaluator)(inspection)
            .map_err(|e| TestCaseError::fail(format!("evaluation failed: {e}")))?;
        let value: Value = serde_json::from_str(&text)
            .map_err(|e| TestCaseError::fail(format!("the scorecard is not JSON: {e}")))?;
        Ok((text, value))
    }

    /// No facts: every item that loses points keeps them, every earning
    /// item scores 0, every node above deducts what its children do (at
    /// most its points), the final score is the total less that; no rule
    /// is assessed or deducts, no bonus is credited, no penalty deducted,
    /// no veto fires.
    fn full_marks(&self, empty: &Inspection) -> Result<(), TestCaseError> {
        let (_, card) = self.card(empty)?;
        let view = View::of(&card)?;
        let spec = self.rubric.spec();
        let mut expected: BTreeMap<&str, Decimal> = BTreeMap::new();
        let lost: Decimal = spec
            .indicators
            .iter()
            .map(|i| unearned(i, &mut expected))
            .sum();
        let total = spec.total.get();
        let mut nodes = vec![(
            id_of(&card),
            total,
            total - lost.min(total),
            dec(&card, "score")?,
        )];
        for node in &view.main {
            let id = id_of(node);
            let points = dec(node, "points")?;
            let lost = expected.get(id.as_str()).copied().unwrap_or_default();
            nodes.push((id, points, points - lost, dec(node, "score")?));
        }
        for (id, points, expect, score) in nodes {
            if score != expect {
                return Err(TestCaseError::fail(if expect == points {
                    format!("no facts must mean full marks: `{id}` scores {score} of {points}")
                } else {
                    format!(
                        "no facts must mean full marks but for earning items, which start from 0: `{id}` scores {score}, expected {expect} of {points}"
                    )
                }));
            }
        }
        for rule in &view.rule_order {
            let assessed = rule.get("assessed").and_then(Value::as_bool);
            if assessed != Some(false) || !dec(rule, "deducted")?.is_zero() {
                return Err(TestCaseError::fail(format!(
                    "no facts: rule `{}` is not assessed and deducts nothing",
                    id_of(rule)
                )));
            }
        }
        if let Some(bonus) = card.get("bonus")
            && !dec(bonus, "credited")?.is_zero()
        {
            return Err(TestCaseError::fail(
                "no facts: the bonus section credits nothing",
            ));
        }
        if let Some(section) = card.get("penalties")
            && !dec(section, "deducted")?.is_zero()
        {
            return Err(TestCaseError::fail(
                "no facts: the penalty section deducts nothing",
            ));
        }
        if card.get("vetoes").is_some() {
            return Err(TestCaseError::fail("no facts: no veto fires"));
        }
        Ok(())
    }

    /// The invariants of one scorecard; the scorecard, for comparisons.
    fn one(&self, model: &Model<'_>, inspection: &Inspection) -> Result<Value, TestCaseError> {
        let (text, card) = self.card(inspection)?;
        let (again, _) = self.card(inspection)?;
        if text != again {
            return Err(TestCaseError::fail(
                "evaluation is not deterministic: two runs gave different bytes",
            ));
        }
        let round: Inspection = serde_json::to_string(inspection)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        if &round != inspection {
            return Err(TestCaseError::fail(
                "the inspection does not survive a JSON round trip",
            ));
        }
        stamp(model.rubric, inspection, &card)?;
        let view = View::of(&card)?;
        model.ranges(&view, &card)?;
        model.rule_bounds(&view, inspection)?;
        model.exclusive(&view)?;
        let fired = model.fired(&view)?;
        let zeroed: BTreeSet<&str> = fired
            .iter()
            .filter(|f| f.scope != VetoScope::Card)
            .map(|f| f.node)
            .collect();
        let sums = model.sums(&view, inspection, &zeroed)?;
        model.totals(&view, &card, inspection, &sums, &fired)?;
        Ok(card)
    }

    /// One more breach of `rule` never raises any score (of a rule that
    /// deducts), never lowers any (of a rule that credits).
    fn monotone(
        &self,
        model: &Model<'_>,
        inspection: &Inspection,
        before: &Value,
        rule: &Rule,
    ) -> Result<(), TestCaseError> {
        let item = model
            .rules
            .get(rule.id.as_str())
            .map(|r| (&r.at.item.id, r.at.item.points));
        let more = more(inspection, rule, item);
        if &more == inspection {
            return Ok(());
        }
        // Evaluated whichever way it moves the scores: one more breach is a
        // valid inspection.
        let (_, after) = self.card(&more)?;
        let Some(sense) = model.sense(rule) else {
            return Ok(());
        };
        // A card veto that fixes the score may raise it: the rubric says so.
        let fixes = |card: &Value| {
            card.get("vetoes")
                .and_then(Value::as_array)
                .is_some_and(|v| {
                    v.iter().any(|v| {
                        v.get("scope") == Some(&Value::from("card")) && v.get("score").is_some()
                    })
                })
        };
        let skip_final = !fixes(before) && fixes(&after);
        let (was, now) = (scores(before)?, scores(&after)?);
        for (k, ((id, was), (_, now))) in was.iter().zip(&now).enumerate() {
            if k == 0 && skip_final {
                continue;
            }
            match sense {
                Sense::Deduct if now > was => {
                    return Err(TestCaseError::fail(format!(
                        "one more breach never raises a score: one more of `{}` raised `{id}` from {was} to {now}",
                        rule.id
                    )));
                }
                Sense::Credit if now < was => {
                    return Err(TestCaseError::fail(format!(
                        "one more credit never lowers a score: one more of `{}` (it credits) lowered `{id}` from {was} to {now}",
                        rule.id
                    )));
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// What a rule's breach does to the scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sense {
    /// It deducts: no score rises.
    Deduct,
    /// It credits: no score falls.
    Credit,
}

/// Every score of a scorecard, in order, each named: the final score, the
/// main tree's indicators and items, the penalty section's items, the
/// bonus counted and each bonus item's credit.
fn scores(card: &Value) -> Result<Vec<(String, Decimal)>, TestCaseError> {
    let view = View::of(card)?;
    let mut out = vec![(id_of(card), dec(card, "score")?)];
    for node in &view.main {
        out.push((id_of(node), dec(node, "score")?));
    }
    if let Some(section) = card.get("penalties") {
        for item in section
            .get("items")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            out.push((id_of(item), dec(item, "score")?));
        }
    }
    if let Some(bonus) = card.get("bonus") {
        out.push((format!("{} counted", id_of(bonus)), dec(bonus, "counted")?));
        for item in bonus
            .get("items")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            out.push((id_of(item), dec(item, "credited")?));
        }
    }
    Ok(out)
}

/// What an indicator loses with no facts: its earning items' points, each
/// node at most its points less its floor; every node's loss into `out`.
fn unearned<'r>(indicator: &'r Indicator, out: &mut BTreeMap<&'r str, Decimal>) -> Decimal {
    let sum: Decimal = match &indicator.children {
        Children::Indicators(children) => children.iter().map(|c| unearned(c, out)).sum(),
        Children::Items(items) => items
            .iter()
            .map(|i| {
                let lost = if i.earn {
                    i.points.get()
                } else {
                    Decimal::ZERO
                };
                out.insert(i.id.as_str(), lost);
                lost
            })
            .sum(),
    };
    let lost = sum.min(indicator.points.get() - indicator.floor.unwrap_or_default());
    out.insert(indicator.id.as_str(), lost);
    lost
}

/// A veto that fired, as the rubric and the rules' breaches say.
#[derive(Debug, Clone)]
struct Fired<'r> {
    rule: &'r Rule,
    scope: VetoScope,
    /// The node it overrides (the rubric's id for a card veto).
    node: &'r str,
}

/// What the node sums give: the main tree's deduction as reported and
/// without the vetoes' zeroing, each node's deduction without it.
struct Sums<'r> {
    root: Decimal,
    unvetoed_root: Decimal,
    unvetoed: BTreeMap<&'r str, Decimal>,
}

/// A rule of the rubric, where it sits and its exclusive group.
struct RuleAt<'r> {
    rule: &'r Rule,
    at: ItemAt<'r>,
    group: Option<usize>,
}

/// What the checker knows of the rubric.
struct Model<'r> {
    rubric: &'r Rubric,
    /// Every rule, in document order (the main tree, then the sections).
    order: Vec<&'r Rule>,
    rules: BTreeMap<&'r str, RuleAt<'r>>,
    /// Every indicator's and item's floor (0 by default).
    floors: BTreeMap<&'r str, Decimal>,
    /// The items an indicator rescales for, with its id.
    rescaling: BTreeMap<&'r str, &'r str>,
}

impl<'r> Model<'r> {
    fn new(rubric: &'r Rubric) -> Model<'r> {
        fn floors<'r>(indicators: &'r [Indicator], out: &mut BTreeMap<&'r str, Decimal>) {
            for indicator in indicators {
                out.insert(indicator.id.as_str(), indicator.floor.unwrap_or_default());
                match &indicator.children {
                    Children::Indicators(children) => floors(children, out),
                    Children::Items(items) => {
                        for item in items {
                            out.insert(item.id.as_str(), item.floor.unwrap_or_default());
                        }
                    }
                }
            }
        }
        let spec = rubric.spec();
        let mut model = Model {
            rubric,
            order: Vec::new(),
            rules: BTreeMap::new(),
            floors: BTreeMap::new(),
            rescaling: indicator_governed(spec, true),
        };
        floors(&spec.indicators, &mut model.floors);
        for at in items_at(spec) {
            model
                .floors
                .insert(at.item.id.as_str(), at.item.floor.unwrap_or_default());
            for rule in &at.item.rules {
                let group = spec
                    .exclusive
                    .iter()
                    .position(|g| g.rules.contains(&rule.id));
                model.order.push(rule);
                model
                    .rules
                    .insert(rule.id.as_str(), RuleAt { rule, at, group });
            }
        }
        model
    }

    fn floor(&self, id: &str) -> Decimal {
        self.floors.get(id).copied().unwrap_or_default()
    }

    /// Which way one more breach of `rule` moves the scores, where it moves
    /// them one way: a rule of an exclusive group that keeps the first rule
    /// breached, or that spans items, may hand the deduction to a smaller
    /// or otherwise bounded rule; an earning rule that is a veto both
    /// credits and zeroes.
    fn sense(&self, rule: &Rule) -> Option<Sense> {
        let at = self.rules.get(rule.id.as_str())?;
        if let Some(group) = at.group.and_then(|g| self.rubric.spec().exclusive.get(g)) {
            let one_item = group.rules.iter().all(|r| {
                self.rules
                    .get(r.as_str())
                    .is_some_and(|o| o.at.item.id == at.at.item.id)
            });
            if group.keep != Keep::Largest || !one_item {
                return None;
            }
        }
        match at.at.place {
            Place::Main | Place::Penalty => Some(Sense::Deduct),
            Place::Bonus => Some(Sense::Credit),
            Place::Earning if rule.veto.is_none() => Some(Sense::Credit),
            Place::Earning => None,
        }
    }

    /// Every score in its range: a node of the main tree or the penalty
    /// section in [floor, points] and its points less its deduction; a bonus
    /// item's credit in [0, points]; the bonus section in [0, cap]; the
    /// penalty section's deduction in [0, cap].
    fn ranges(&self, view: &View<'_>, card: &Value) -> Result<(), TestCaseError> {
        let penalty_items = card
            .get("penalties")
            .and_then(|s| s.get("items"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten();
        for node in view.main.iter().copied().chain(penalty_items) {
            let id = id_of(node);
            let (points, deducted, score) = (
                dec(node, "points")?,
                dec(node, "deducted")?,
                dec(node, "score")?,
            );
            let floor = self.floor(&id);
            if score < floor || score > points {
                return Err(TestCaseError::fail(format!(
                    "every score lies in [{floor}, points]: `{id}` scores {score} of {points}"
                )));
            }
            if score != points - deducted {
                return Err(TestCaseError::fail(format!(
                    "score = points − deduction: `{id}` has {points} − {deducted} ≠ {score}"
                )));
            }
        }
        if let Some(bonus) = card.get("bonus") {
            for item in bonus
                .get("items")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let (points, credited) = (dec(item, "points")?, dec(item, "credited")?);
                if credited < Decimal::ZERO || credited > points {
                    return Err(TestCaseError::fail(format!(
                        "a bonus item credits within [0, points]: `{}` credits {credited} of {points}",
                        id_of(item)
                    )));
                }
            }
            let (cap, credited) = (dec(bonus, "cap")?, dec(bonus, "credited")?);
            if credited < Decimal::ZERO || credited > cap {
                return Err(TestCaseError::fail(format!(
                    "the bonus lies in [0, cap]: `{}` credits {credited}, cap {cap}",
                    id_of(bonus)
                )));
            }
        }
        if let Some(section) = card.get("penalties") {
            let deducted = dec(section, "deducted")?;
            let cap = opt_dec(section, "cap")?;
            if deducted < Decimal::ZERO || cap.is_some_and(|c| deducted > c) {
                return Err(TestCaseError::fail(format!(
                    "the penalty section deducts within [0, cap]: `{}` deducts {deducted}, cap {}",
                    id_of(section),
                    cap.map_or_else(|| "none".to_owned(), |c| c.to_string())
                )));
            }
        }
        Ok(())
    }

    /// Every rule deducts (or credits) at most its raw amount and its cap,
    /// nothing where it has no fact; rules and items marked not applicable
    /// are reported so, and not assessed.
    fn rule_bounds(&self, view: &View<'_>, inspection: &Inspection) -> Result<(), TestCaseError> {
        for json in &view.rule_order {
            let rid = id_of(json);
            let Some(at) = self.rules.get(rid.as_str()) else {
                return Err(TestCaseError::fail(format!(
                    "the scorecard lists the rubric's rules only: `{rid}` is none of them"
                )));
            };
            let (raw, ded) = (dec(json, "raw")?, dec(json, "deducted")?);
            let cap = at.rule.penalty.cap();
            let capped = capped(json, at.rule)?;
            if limit_kind(json) == Some("exclusive") && !ded.is_zero() {
                return Err(TestCaseError::fail(format!(
                    "no double deduction: `{rid}` gave way to another rule of its group but deducts {ded}"
                )));
            }
            if raw < Decimal::ZERO || ded < Decimal::ZERO || ded > capped {
                return Err(TestCaseError::fail(format!(
                    "a rule deducts at most its raw amount and its cap: `{rid}` deducts {ded} (raw {raw}, cap {})",
                    cap.map_or_else(|| "none".to_owned(), |c| c.to_string())
                )));
            }
            let assessed = json.get("assessed").and_then(Value::as_bool) == Some(true);
            let breaches = json.get("breaches").and_then(Value::as_u64);
            if !assessed && (breaches != Some(0) || !raw.is_zero()) {
                return Err(TestCaseError::fail(format!(
                    "a rule with no fact deducts nothing: `{rid}` (breaches {}) has raw {raw}",
                    breaches.map_or_else(|| "?".to_owned(), |b| b.to_string())
                )));
            }
            priced(at.rule, json, inspection, raw, breaches.unwrap_or(0))?;
            let marked = inspection.not_applicable.contains_key(&at.rule.id)
                || inspection.not_applicable.contains_key(&at.at.item.id);
            let reported = json.get("applicable").and_then(Value::as_bool) == Some(false);
            if marked != reported || (marked && assessed) {
                return Err(TestCaseError::fail(format!(
                    "a rule marked not applicable (itself or its item) is reported so, and not assessed: `{rid}` is {}marked, reported {}",
                    if marked { "" } else { "not " },
                    if reported {
                        "not applicable"
                    } else {
                        "applicable"
                    }
                )));
            }
        }
        Ok(())
    }

    /// No double deduction: in each exclusive group, the rule the group
    /// keeps (the largest capped deduction, the first listed on a tie; or
    /// the first listed with a breach) deducts; every other breached rule
    /// gives way to it.
    fn exclusive(&self, view: &View<'_>) -> Result<(), TestCaseError> {
        for (number, group) in (1usize..).zip(&self.rubric.spec().exclusive) {
            let mut entries = Vec::with_capacity(group.rules.len());
            for id in &group.rules {
                let (json, rule) = (view.rule(id.as_str())?, self.rule(id.as_str())?);
                let raw = dec(json, "raw")?;
                let capped = rule.penalty.cap().map_or(raw, |c| raw.min(c.get()));
                let breaches = json.get("breaches").and_then(Value::as_u64).unwrap_or(0);
                entries.push((id.as_str(), json, capped, breaches));
            }
            let kept = match group.keep {
                Keep::Largest => entries
                    .iter()
                    .filter(|e| e.2 > Decimal::ZERO)
                    .fold(
                        None,
                        |best: Option<&(&str, &Value, Decimal, u64)>, e| match best {
                            Some(b) if b.2 >= e.2 => Some(b),
                            _ => Some(e),
                        },
                    )
                    .map(|e| e.0),
                _ => entries.iter().find(|e| e.3 > 0).map(|e| e.0),
            };
            for (id, json, _, breaches) in &entries {
                let gave_way = json
                    .get("limited_by")
                    .filter(|l| l.get("kind") == Some(&Value::from("exclusive")))
                    .map(|l| l.get("kept").and_then(Value::as_str).unwrap_or("?"));
                let expected = kept.filter(|k| k != id && *breaches > 0);
                if gave_way != expected {
                    return Err(TestCaseError::fail(format!(
                        "no double deduction: exclusive group {number} keeps {}, so `{id}` {}; it says it gave way to {}",
                        kept.map_or_else(|| "none".to_owned(), |k| format!("`{k}`")),
                        if expected.is_some() {
                            "gives way"
                        } else {
                            "keeps its deduction"
                        },
                        gave_way.map_or_else(|| "none".to_owned(), |k| format!("`{k}`"))
                    )));
                }
            }
        }
        Ok(())
    }

    fn rule(&self, id: &str) -> Result<&'r Rule, TestCaseError> {
        self.rules
            .get(id)
            .map(|r| r.rule)
            .ok_or_else(|| TestCaseError::fail(format!("the rubric has no rule `{id}`")))
    }

    /// The vetoes that fired: every veto rule with a breach, in document
    /// order.
    fn fired(&self, view: &View<'_>) -> Result<Vec<Fired<'r>>, TestCaseError> {
        let mut out = Vec::new();
        for rule in &self.order {
            let Some(veto) = &rule.veto else { continue };
            let json = view.rule(rule.id.as_str())?;
            if json.get("breaches").and_then(Value::as_u64).unwrap_or(0) == 0 {
                continue;
            }
            let at = self.rule_at(rule)?;
            let node = match veto.scope {
                VetoScope::Item => at.at.item.id.as_str(),
                VetoScope::Indicator => at.at.parent.as_str(),
                _ => self.rubric.id().as_str(),
            };
            out.push(Fired {
                rule,
                scope: veto.scope,
                node,
            });
        }
        Ok(out)
    }

    fn rule_at(&self, rule: &Rule) -> Result<&RuleAt<'r>, TestCaseError> {
        self.rules
            .get(rule.id.as_str())
            .ok_or_else(|| TestCaseError::fail(format!("the rubric has no rule `{}`", rule.id)))
    }

    /// How the main tree's nodes add up, bottom-up: an item deducts its
    /// rules' capped deductions, at most its points less its floor (an
    /// earning item credits them, at most its points, and deducts the
    /// rest); an indicator deducts its children's, at most its points less
    /// its floor; a node a veto zeroed scores 0. An item marked not
    /// applicable loses nothing. The rule shares add up: those of the rules
    /// that deduct, with what earning items did not earn, make the total
    /// deduction without the vetoes' zeroing; an earning item's rule shares
    /// make its credit.
    fn sums(
        &self,
        view: &View<'_>,
        inspection: &Inspection,
        zeroed: &BTreeSet<&str>,
    ) -> Result<Sums<'r>, TestCaseError> {
        let mut acc = Acc {
            shares: Decimal::ZERO,
            unearned: Decimal::ZERO,
            unvetoed: BTreeMap::new(),
        };
        let (mut reported, mut unvetoed) = (Decimal::ZERO, Decimal::ZERO);
        for indicator in &self.rubric.spec().indicators {
            let (r, u) = self.indicator_sums(indicator, view, inspection, zeroed, &mut acc)?;
            reported += r;
            unvetoed += u;
        }
        let total = self.rubric.total().get();
        let (root, unvetoed_root) = (reported.min(total), unvetoed.min(total));
        if acc.shares + acc.unearned != unvetoed_root {
            return Err(TestCaseError::fail(if acc.unearned.is_zero() {
                format!(
                    "the rule shares add up to the total: {} ≠ {unvetoed_root}",
                    acc.shares
                )
            } else {
                format!(
                    "the rule shares add up to the total: {} + {} not earned ≠ {unvetoed_root}",
                    acc.shares, acc.unearned
                )
            }));
        }
        Ok(Sums {
            root,
            unvetoed_root,
            unvetoed: acc.unvetoed,
        })
    }

    /// An indicator's deduction as reported and without the vetoes'
    /// zeroing, its subtree checked.
    fn indicator_sums(
        &self,
        indicator: &'r Indicator,
        view: &View<'_>,
        inspection: &Inspection,
        zeroed: &BTreeSet<&str>,
        acc: &mut Acc<'r>,
    ) -> Result<(Decimal, Decimal), TestCaseError> {
        let (mut reported, mut unvetoed) = (Decimal::ZERO, Decimal::ZERO);
        let (shares_before, unearned_before) = (acc.shares, acc.unearned);
        match &indicator.children {
            Children::Indicators(children) => {
                for child in children {
                    let (r, u) = self.indicator_sums(child, view, inspection, zeroed, acc)?;
                    reported += r;
                    unvetoed += u;
                }
            }
            Children::Items(items) => {
                let mut moved = Decimal::ZERO;
                for item in items {
                    let (r, u) = self.item_sums(item, view, inspection, zeroed, acc)?;
                    reported += r;
                    unvetoed += u;
                    moved += opt_dec(view.node(item.id.as_str())?, "received")?.unwrap_or_default();
                }
                // Points redistributed stay among the siblings.
                if !moved.is_zero() {
                    return Err(TestCaseError::fail(format!(
                        "points redistributed over siblings add up: the items of `{}` received {moved} in all",
                        indicator.id
                    )));
                }
            }
        }
        let id = indicator.id.as_str();
        let json = view.node(id)?;
        let (points, deducted) = (dec(json, "points")?, dec(json, "deducted")?);
        let floor = indicator.floor.unwrap_or_default();
        let limit = points - floor;
        let rounding = self.rubric.spec().rounding;
        // Items marked not applicable that this indicator rescales for.
        let left_out: Decimal = self
            .rescaling
            .iter()
            .filter(|(item, by)| **by == id && inspection.not_applicable.contains_key(**item))
            .filter_map(|(item, _)| self.node_points(item))
            .sum();
        let rescale = |raw: Decimal| -> Option<(Decimal, Decimal, Decimal)> {
            let applicable = (points - left_out).max(Decimal::ZERO);
            let earned = (applicable - raw).max(Decimal::ZERO);
            let score = if applicable.is_zero() {
                points
            } else {
                divided(earned * points, applicable, rounding)?
            };
            Some((applicable, earned, points - score))
        };
        let (mut expected, mut unvetoed_own) = (reported.min(limit), unvetoed.min(limit));
        let (mut rescaled_to, mut rescaled_unvetoed) = (None, None);
        if left_out > Decimal::ZERO {
            let said = json
                .get("rescaled")
                .map(|r| Ok::<_, TestCaseError>((dec(r, "applicable")?, dec(r, "earned")?)))
                .transpose()?;
            if !zeroed.contains(id) {
                let (applicable, earned, own) = rescale(expected)
                    .ok_or_else(|| TestCaseError::fail(format!("`{id}`: rescaling overflows")))?;
                if said != Some((applicable, earned)) {
                    return Err(TestCaseError::fail(format!(
                        "an indicator that rescales for items not applicable says so: `{id}` applicable {applicable}, earned {earned}; the card says {said:?}"
                    )));
                }
                expected = own;
                rescaled_to = Some((applicable, earned));
            }
            if let Some((applicable, earned, own)) = rescale(unvetoed_own) {
                unvetoed_own = own;
                rescaled_unvetoed = Some((applicable, earned));
            }
        } else if json.get("rescaled").is_some() {
            return Err(TestCaseError::fail(format!(
                "`rescaled` appears only on an indicator that rescales for items marked not applicable: `{id}`"
            )));
        }
        acc.unvetoed.insert(id, unvetoed_own);
        self.node_sum(id, json, zeroed, deducted, expected, reported, floor)?;
        // A node that rescales or is weighted stands for its rules in its
        // parent's sum: their shares make its own deduction (nothing above
        // bounds them), and it gives the parent what it contributes.
        let stands_in = indicator.weight.is_some() || left_out > Decimal::ZERO;
        let inner = (acc.shares - shares_before) + (acc.unearned - unearned_before);
        if stands_in && inner != unvetoed.min(limit) {
            return Err(TestCaseError::fail(format!(
                "the rule shares under a weighted or rescaling indicator add up to its deduction: `{id}` deducts {}, its rules {inner}",
                unvetoed.min(limit)
            )));
        }
        if stands_in {
            acc.shares = shares_before;
            acc.unearned = unearned_before;
        }
        // A weighted indicator gives its parent what its weighted score
        // falls short of its weight; one that also rescales weighs what it
        // earned, rounding once.
        let Some(weight) = indicator.weight.map(Points::get) else {
            if json.get("weighted").is_some() || json.get("weight").is_some() {
                return Err(TestCaseError::fail(format!(
                    "`weight` and `weighted` appear only on a weighted indicator: `{id}`"
                )));
            }
            if stands_in {
                acc.shares += unvetoed_own;
            }
            return Ok((deducted, unvetoed_own));
        };
        let weigh = |own: Decimal, rescaled: Option<(Decimal, Decimal)>| -> Option<Decimal> {
            if points == weight {
                return Some(points - own);
            }
            match rescaled {
                Some((applicable, _)) if applicable.is_zero() => Some(weight),
                Some((applicable, earned)) => divided(earned * weight, applicable, rounding),
                None => divided((points - own) * weight, points, rounding),
            }
        };
        let said = (opt_dec(json, "weight")?, opt_dec(json, "weighted")?);
        let weighted = weigh(
            deducted,
            if zeroed.contains(id) {
                None
            } else {
                rescaled_to
            },
        )
        .ok_or_else(|| TestCaseError::fail(format!("`{id}`: weighing overflows")))?;
        if said != (Some(weight), Some(weighted)) {
            return Err(TestCaseError::fail(format!(
                "a weighted indicator contributes its score ÷ its points × its weight, rounded as declared: `{id}` scores {} of {points}, weight {weight}, so {weighted}; the card says {said:?}",
                points - deducted
            )));
        }
        let unvetoed_weighted = weigh(unvetoed_own, rescaled_unvetoed)
            .ok_or_else(|| TestCaseError::fail(format!("`{id}`: weighing overflows")))?;
        acc.shares += weight - unvetoed_weighted;
        Ok((weight - weighted, weight - unvetoed_weighted))
    }

    /// Checks a node's reported deduction against what its children give
    /// (`expected`, from `children`), or 0 left where a veto zeroed it.
    #[expect(clippy::too_many_arguments, reason = "one message, all its figures")]
    fn node_sum(
        &self,
        id: &str,
        json: &Value,
        zeroed: &BTreeSet<&str>,
        deducted: Decimal,
        expected: Decimal,
        children: Decimal,
        floor: Decimal,
    ) -> Result<(), TestCaseError> {
        let points = dec(json, "points")?;
        if zeroed.contains(id) {
            // 0, or lower where the node's floor let it fall below 0: a
            // veto never raises a score.
            if deducted != points.max(expected) {
                return Err(TestCaseError::fail(format!(
                    "a veto that fired zeroes its node (or leaves it below 0): `{id}` scores {}, {} without the veto",
                    points - deducted,
                    points - expected
                )));
            }
        } else if deducted != expected {
            return Err(TestCaseError::fail(if floor.is_zero() {
                format!(
                    "a node deducts its children's sum, at most its points: `{id}` deducts {deducted}, children {children}, points {points}"
                )
            } else {
                format!(
                    "a node deducts its children's sum, at most its points less its floor: `{id}` deducts {deducted}, children {children}, points {points}, floor {floor}"
                )
            }));
        }
        Ok(())
    }

    /// An item's deduction as reported and without the vetoes' zeroing.
    fn item_sums(
        &self,
        item: &'r Item,
        view: &View<'_>,
        inspection: &Inspection,
        zeroed: &BTreeSet<&str>,
        acc: &mut Acc<'r>,
    ) -> Result<(Decimal, Decimal), TestCaseError> {
        let id = item.id.as_str();
        let json = view.node(id)?;
        let (points, deducted) = (dec(json, "points")?, dec(json, "deducted")?);
        let (mut rules, mut shares) = (Decimal::ZERO, Decimal::ZERO);
        for rule in &item.rules {
            let r = view.rule(rule.id.as_str())?;
            rules += capped(r, rule)?;
            shares += dec(r, "deducted")?;
        }
        let marked = inspection.not_applicable.contains_key(&item.id);
        let reported = json.get("applicable").and_then(Value::as_bool) == Some(false);
        if marked != reported {
            return Err(TestCaseError::fail(format!(
                "an item marked not applicable is reported so: `{id}` is {}marked, reported {}",
                if marked { "" } else { "not " },
                if reported {
                    "not applicable"
                } else {
                    "applicable"
                }
            )));
        }
        if marked && deducted != Decimal::ZERO && !zeroed.contains(id) {
            return Err(TestCaseError::fail(format!(
                "an item not applicable loses nothing: `{id}` scores {} of {points}",
                points - deducted
            )));
        }
        let unvetoed = if item.earn && marked {
            // Not applicable: full marks, nothing earned or lost.
            Decimal::ZERO
        } else if item.earn {
            let credit = rules.min(points);
            if !zeroed.contains(id) && deducted != points - credit {
                return Err(TestCaseError::fail(format!(
                    "an earning item credits its rules' sum, at most its points: `{id}` credits {}, rules {rules}, points {points}",
                    points - deducted
                )));
            }
            if shares != credit {
                return Err(TestCaseError::fail(format!(
                    "an earning item's rule shares add up to its credit: `{id}` credits {credit}, its rules {shares}"
                )));
            }
            acc.unearned += points - credit;
            points - credit
        } else {
            let floor = item.floor.unwrap_or_default();
            let expected = rules.min(points - floor);
            self.node_sum(id, json, zeroed, deducted, expected, rules, floor)?;
            acc.shares += shares;
            expected
        };
        acc.unvetoed.insert(id, unvetoed);
        Ok((deducted, unvetoed))
    }

    /// The card as a whole: the total deduction (rescaled where items not
    /// applicable rescale the base), `vetoed`, `base`, the bonus and
    /// penalty sections, the final score, the vetoes listed, the grade.
    fn totals(
        &self,
        view: &View<'_>,
        card: &Value,
        inspection: &Inspection,
        sums: &Sums<'r>,
        fired: &[Fired<'r>],
    ) -> Result<(), TestCaseError> {
        let spec = self.rubric.spec();
        let total = spec.total.get();
        let fail = |m: String| Err(TestCaseError::fail(m));
        // `vetoed`: what zeroing added.
        let zeroing = fired.iter().any(|f| f.scope != VetoScope::Card);
        let vetoed = opt_dec(card, "vetoed")?;
        let expected = zeroing.then(|| sums.root - sums.unvetoed_root);
        if vetoed != expected {
            return fail(format!(
                "`vetoed` is what vetoes zeroing a node added to the deduction: reported {}, expected {}",
                shown(vetoed),
                shown(expected)
            ));
        }
        // The total deduction, rescaled where items are left out.
        // Only the items the rubric's own policy governs (no indicator
        // above them declaring one).
        let own = indicator_governed(spec, false);
        let left_out: Decimal = items_at(spec)
            .iter()
            .filter(|at| inspection.not_applicable.contains_key(&at.item.id))
            .filter(|at| !own.contains_key(at.item.id.as_str()))
            .map(|at| at.item.points.get())
            .sum();
        let applicable = (total - left_out).max(Decimal::ZERO);
        let rescaled = card.get("rescaled");
        let deducted = dec(card, "deducted")?;
        let rescales = spec.not_applicable == Some(NaPolicy::Rescale)
            && left_out > Decimal::ZERO
            && applicable > Decimal::ZERO;
        if rescales {
            let earned = (applicable - sums.root).max(Decimal::ZERO);
            let exact = earned * total / applicable;
            let base = spec.rounding.map_or(exact, |r| r.round(exact));
            let reported = rescaled
                .map(|r| Ok::<_, TestCaseError>((dec(r, "applicable")?, dec(r, "earned")?)))
                .transpose()?;
            if reported != Some((applicable, earned)) || deducted != total - base {
                return fail(format!(
                    "items not applicable rescale the base (earned ÷ applicable × total, rounded as declared): applicable {applicable}, earned {earned}, base {base}; the card says {}, deducted {deducted}",
                    reported.map_or_else(
                        || "no `rescaled`".to_owned(),
                        |(a, e)| format!("applicable {a}, earned {e}")
                    )
                ));
            }
        } else if rescaled.is_some() {
            return fail(
                "`rescaled` appears only where items not applicable rescale the base".to_owned(),
            );
        } else if deducted != sums.root {
            return fail(format!(
                "the total deduction is its indicators', at most the total: the card deducts {deducted}, its indicators {}",
                sums.root
            ));
        }
        let base = total - deducted;
        let has_sections = spec.bonus.is_some() || spec.penalties.is_some();
        let reported_base = opt_dec(card, "base")?;
        if reported_base != has_sections.then_some(base) {
            return fail(format!(
                "`base` is the total less its deduction, where the rubric has a bonus or penalty section: reported {}, expected {}",
                shown(reported_base),
                shown(has_sections.then_some(base))
            ));
        }
        let counted = self.bonus(view, card, base)?;
        let penalties = self.penalties(view, card)?;
        // The final score.
        let floor = spec.floor.unwrap_or_default();
        let unvetoed_final = (base + counted - penalties).max(floor);
        let card_vetoes: Vec<&Veto> = fired
            .iter()
            .filter(|f| f.scope == VetoScope::Card)
            .filter_map(|f| f.rule.veto.as_ref())
            .collect();
        // The lowest fixed score wins, the first on a tie.
        let winner = card_vetoes.iter().filter(|v| v.score.is_some()).fold(
            None,
            |best: Option<&&Veto>, v| match best {
                Some(b) if b.score <= v.score => Some(b),
                _ => Some(v),
            },
        );
        let score = dec(card, "score")?;
        match winner.and_then(|w| w.score) {
            Some(fixed) if score != fixed.get() => {
                return fail(format!(
                    "a card veto fixes the final score: {fixed}, the card says {score}"
                ));
            }
            None if score != unvetoed_final => {
                return fail(format!(
                    "final score = base + bonus − penalties, at least the floor: {base} + {counted} − {penalties} (floor {floor}) ≠ {score}"
                ));
            }
            _ => {}
        }
        self.vetoes_listed(view, card, fired, sums, unvetoed_final)?;
        // The grade.
        let forced = winner
            .and_then(|w| w.grade.as_deref())
            .or_else(|| card_vetoes.iter().find_map(|v| v.grade.as_deref()));
        let by_table = spec
            .grades
            .iter()
            .find(|g| g.at_least.is_none_or(|b| score >= b))
            .map(|g| g.label.as_str());
        let expected = forced.or(by_table);
        let grade = card.get("grade").and_then(Value::as_str);
        if grade != expected {
            return fail(match (forced, by_table) {
                (Some(f), _) => format!(
                    "a card veto forces its grade: `{f}`, the card says {}",
                    grade.map_or_else(|| "none".to_owned(), |g| format!("`{g}`"))
                ),
                (None, Some(g)) => format!(
                    "the grade is the grade table's for the final score: {score} gives `{g}`, the card says {}",
                    grade.map_or_else(|| "none".to_owned(), |g| format!("`{g}`"))
                ),
                (None, None) => format!(
                    "a rubric without grades gives no grade: the card says {}",
                    grade.map_or_else(|| "none".to_owned(), |g| format!("`{g}`"))
                ),
            });
        }
        Ok(())
    }

    /// The bonus section: each item credits its rules' capped credits, at
    /// most its points less its floor; the section its items', at most its
    /// cap; the rule shares add up to that; it counts where the base opens
    /// the gate. The amount counted (0 without a section).
    fn bonus(
        &self,
        view: &View<'_>,
        card: &Value,
        base: Decimal,
    ) -> Result<Decimal, TestCaseError> {
        let spec = self.rubric.spec();
        let (Some(section), Some(json)) = (&spec.bonus, card.get("bonus")) else {
            if spec.bonus.is_some() != card.get("bonus").is_some() {
                return Err(TestCaseError::fail(
                    "the scorecard has a bonus section where the rubric has one",
                ));
            }
            return Ok(Decimal::ZERO);
        };
        let (items, shares) = self.section_items(&section.items, view, "credits")?;
        let credited = dec(json, "credited")?;
        let expected = items.min(section.cap.get());
        if credited != expected {
            return Err(TestCaseError::fail(format!(
                "the bonus section credits its items' sum, at most its cap: `{}` credits {credited}, items {items}, cap {}",
                section.id, section.cap
            )));
        }
        if shares != credited {
            return Err(TestCaseError::fail(format!(
                "the bonus rule shares add up to the credit: {shares} ≠ {credited}"
            )));
        }
        let open = section.gate.is_none_or(|g| g.opens(base));
        let counted = dec(json, "counted")?;
        let expected = if open { credited } else { Decimal::ZERO };
        if counted != expected {
            return Err(TestCaseError::fail(format!(
                "the bonus counts where the base opens the gate: base {base}, gate {}, credited {credited}, counted {counted}",
                if open { "open" } else { "closed" }
            )));
        }
        Ok(counted)
    }

    /// The penalty section: each item deducts its rules' capped
    /// deductions, at most its points less its floor; the section its
    /// items', at most its cap; the rule shares add up to that. What it
    /// deducts (0 without a section).
    fn penalties(&self, view: &View<'_>, card: &Value) -> Result<Decimal, TestCaseError> {
        let spec = self.rubric.spec();
        let (Some(section), Some(json)) = (&spec.penalties, card.get("penalties")) else {
            if spec.penalties.is_some() != card.get("penalties").is_some() {
                return Err(TestCaseError::fail(
                    "the scorecard has a penalty section where the rubric has one",
                ));
            }
            return Ok(Decimal::ZERO);
        };
        let (items, shares) = self.section_items(&section.items, view, "deducts")?;
        let deducted = dec(json, "deducted")?;
        let expected = section.cap.map_or(items, |c| items.min(c.get()));
        if deducted != expected {
            return Err(TestCaseError::fail(format!(
                "the penalty section deducts its items' sum, at most its cap: `{}` deducts {deducted}, items {items}, cap {}",
                section.id,
                section
                    .cap
                    .map_or_else(|| "none".to_owned(), |c| c.to_string())
            )));
        }
        if shares != deducted {
            return Err(TestCaseError::fail(format!(
                "the penalty rule shares add up to the section's deduction: {shares} ≠ {deducted}"
            )));
        }
        Ok(deducted)
    }

    /// A section's items: each its rules' capped sum, at most its points
    /// less its floor (`verb`: what it does with them). The sum of the
    /// items' amounts and of their rules' shares.
    fn section_items(
        &self,
        items: &[Item],
        view: &View<'_>,
        verb: &str,
    ) -> Result<(Decimal, Decimal), TestCaseError> {
        let (mut sum, mut shares) = (Decimal::ZERO, Decimal::ZERO);
        for item in items {
            let json = view.node(item.id.as_str())?;
            let amount = match json.get("credited") {
                Some(_) => dec(json, "credited")?,
                None => dec(json, "deducted")?,
            };
            let mut rules = Decimal::ZERO;
            for rule in &item.rules {
                let r = view.rule(rule.id.as_str())?;
                rules += capped(r, rule)?;
                shares += dec(r, "deducted")?;
            }
            let points = item.points.get();
            let floor = item.floor.unwrap_or_default();
            if amount != rules.min(points - floor) {
                return Err(TestCaseError::fail(format!(
                    "a section item {verb} its rules' sum, at most its points{}: `{}` {verb} {amount}, rules {rules}, points {points}",
                    if floor.is_zero() {
                        String::new()
                    } else {
                        format!(" less its floor {floor}")
                    },
                    item.id
                )));
            }
            sum += amount;
        }
        Ok((sum, shares))
    }

    /// Every veto that fired is listed, in document order, with its scope,
    /// the node it overrode, that node's score without the vetoes (the
    /// final score before a card veto), and what it set; nothing else is
    /// listed.
    fn vetoes_listed(
        &self,
        view: &View<'_>,
        card: &Value,
        fired: &[Fired<'r>],
        sums: &Sums<'r>,
        unvetoed_final: Decimal,
    ) -> Result<(), TestCaseError> {
        let listed: &[Value] = card
            .get("vetoes")
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice);
        if card.get("vetoes").is_some() && listed.is_empty() {
            return Err(TestCaseError::fail(
                "`vetoes` appears only where a veto fired",
            ));
        }
        for f in fired {
            let Some(entry) = listed
                .iter()
                .find(|v| v.get("rule").and_then(Value::as_str) == Some(f.rule.id.as_str()))
            else {
                return Err(TestCaseError::fail(format!(
                    "a veto that fired is listed: `{}` has a breach, the scorecard lists {}",
                    f.rule.id,
                    listed_rules(listed)
                )));
            };
            let scope = match f.scope {
                VetoScope::Item => "item",
                VetoScope::Indicator => "indicator",
                _ => "card",
            };
            let veto = f.rule.veto.as_ref();
            let (before, set) = match f.scope {
                VetoScope::Card => (unvetoed_final, veto.and_then(|v| v.score).map(Points::get)),
                _ => {
                    // Its points as scored (redistribution may move them).
                    let points = dec(view.node(f.node)?, "points")?;
                    let lost = sums.unvetoed.get(f.node).copied().unwrap_or_default();
                    (points - lost, Some(Decimal::ZERO))
                }
            };
            let grade = veto.and_then(|v| v.grade.as_deref());
            let says = (
                entry.get("scope").and_then(Value::as_str),
                entry.get("node").and_then(Value::as_str),
                opt_dec(entry, "before")?,
                opt_dec(entry, "score")?,
                entry.get("grade").and_then(Value::as_str),
            );
            if says != (Some(scope), Some(f.node), Some(before), set, grade) {
                return Err(TestCaseError::fail(format!(
                    "a listed veto says what it overrode: `{}` ({scope}) overrides `{}`, scored {before} before, sets {}{}; the scorecard says {entry}",
                    f.rule.id,
                    f.node,
                    shown(set),
                    grade.map_or_else(String::new, |g| format!(", grade `{g}`"))
                )));
            }
        }
        let order: Vec<&str> = listed
            .iter()
            .filter_map(|v| v.get("rule").and_then(Value::as_str))
            .collect();
        let expected: Vec<&str> = fired.iter().map(|f| f.rule.id.as_str()).collect();
        if order != expected {
            return Err(TestCaseError::fail(format!(
                "the scorecard lists the vetoes that fired, in document order: expected {expected:?}, listed {order:?}"
            )));
        }
        Ok(())
    }

    /// The points of the indicator or item `id`.
    fn node_points(&self, id: &str) -> Option<Decimal> {
        fn find(indicators: &[Indicator], id: &str) -> Option<Decimal> {
            for indicator in indicators {
                if indicator.id.as_str() == id {
                    return Some(indicator.points.get());
                }
                let found = match &indicator.children {
                    Children::Indicators(children) => find(children, id),
                    Children::Items(items) => items
                        .iter()
                        .find(|i| i.id.as_str() == id)
                        .map(|i| i.points.get()),
                };
                if found.is_some() {
                    return found;
                }
            }
            None
        }
        find(&self.rubric.spec().indicators, id)
    }
}

/// The scorecard says what produced it: the rubric's id and version (where
/// it has one), the inspection's period and assessment date (its `as_of`,
/// else the period's end), and the ducha version.
fn stamp(rubric: &Rubric, inspection: &Inspection, card: &Value) -> Result<(), TestCaseError> {
    let spec = rubric.spec();
    let text = |key: &str| card.get(key).and_then(Value::as_str);
    let version = (!spec.version.is_empty()).then_some(spec.version.as_str());
    let period = inspection
        .period
        .map(|p| (p.from().to_string(), p.to().to_string()));
    let said_period = card.get("period").map(|p| {
        (
            p.get("from")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned(),
            p.get("to").and_then(Value::as_str).unwrap_or("").to_owned(),
        )
    });
    let as_of = inspection
        .as_of
        .or_else(|| inspection.period.map(|p| p.to()))
        .map(|d| d.to_string());
    let ok = text("rubric") == Some(spec.id.as_str())
        && text("version") == version
        && said_period == period
        && text("as_of") == as_of.as_deref()
        && text("ducha").is_some_and(|v| !v.is_empty());
    if !ok {
        return Err(TestCaseError::fail(format!(
            "the scorecard says what produced it: rubric `{}`, version {version:?}, period {period:?}, as_of {as_of:?}, ducha's version; it says rubric {:?}, version {:?}, period {said_period:?}, as_of {:?}, ducha {:?}",
            spec.id,
            text("rubric"),
            text("version"),
            text("as_of"),
            text("ducha")
        )));
    }
    Ok(())
}

/// What the node sums collect on the way up.
struct Acc<'r> {
    /// The shares of the rules that deduct in the main tree.
    shares: Decimal,
    /// What earning items did not earn.
    unearned: Decimal,
    /// Each node's deduction without the vetoes' zeroing.
    unvetoed: BTreeMap<&'r str, Decimal>,
}

/// The rule ids of listed vetoes, for messages.
fn listed_rules(listed: &[Value]) -> String {
    let ids: Vec<&str> = listed
        .iter()
        .filter_map(|v| v.get("rule").and_then(Value::as_str))
        .collect();
    if ids.is_empty() {
        "none".to_owned()
    } else {
        format!("{ids:?}")
    }
}

fn shown(value: Option<Decimal>) -> String {
    value.map_or_else(|| "none".to_owned(), |v| v.to_string())
}

/// A scorecard read for checking: its nodes and rules by id.
struct View<'v> {
    /// The main tree's indicators and items, in document order.
    main: Vec<&'v Value>,
    /// Every indicator and item, the sections' too, by id.
    nodes: BTreeMap<&'v str, &'v Value>,
    /// Every rule, by id.
    rules: BTreeMap<&'v str, &'v Value>,
    /// Every rule in document order: the main tree, the bonus section, the
    /// penalty section.
    rule_order: Vec<&'v Value>,
}

impl<'v> View<'v> {
    fn of(card: &'v Value) -> Result<View<'v>, TestCaseError> {
        fn walk<'v>(node: &'v Value, view: &mut View<'v>, main: bool) {
            for key in ["indicators", "items"] {
                for kid in node
                    .get(key)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if main {
                        view.main.push(kid);
                    }
                    if let Some(id) = kid.get("id").and_then(Value::as_str) {
                        view.nodes.insert(id, kid);
                    }
                    for rule in kid
                        .get("rules")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                    {
                        if let Some(id) = rule.get("id").and_then(Value::as_str) {
                            view.rules.insert(id, rule);
                        }
                        view.rule_order.push(rule);
                    }
                    walk(kid, view, main);
                }
            }
        }
        if !card.is_object() {
            return Err(TestCaseError::fail("the scorecard is not a JSON object"));
        }
        let mut view = View {
            main: Vec::new(),
            nodes: BTreeMap::new(),
            rules: BTreeMap::new(),
            rule_order: Vec::new(),
        };
        walk(card, &mut view, true);
        for section in ["bonus", "penalties"] {
            if let Some(s) = card.get(section) {
                walk(s, &mut view, false);
            }
        }
        Ok(view)
    }

    fn node(&self, id: &str) -> Result<&'v Value, TestCaseError> {
        self.nodes.get(id).copied().ok_or_else(|| {
            TestCaseError::fail(format!(
                "the scorecard lists every node of the rubric: `{id}` is missing"
            ))
        })
    }

    fn rule(&self, id: &str) -> Result<&'v Value, TestCaseError> {
        self.rules.get(id).copied().ok_or_else(|| {
            TestCaseError::fail(format!(
                "the scorecard lists every rule of the rubric: `{id}` is missing"
            ))
        })
    }
}

/// A rule's raw amount is what its penalty makes of its breaches: flat,
/// per occurrence, capped and escalating (without multipliers) deductions
/// by their number; a discretionary rule the amounts its findings give; a
/// rule priced by its value or rating one breach exactly where it
/// deducts.
fn priced(
    rule: &Rule,
    json: &Value,
    inspection: &Inspection,
    raw: Decimal,
    breaches: u64,
) -> Result<(), TestCaseError> {
    let id = &rule.id;
    match &rule.penalty {
        Penalty::Flat { .. } | Penalty::PerOccurrence { .. } | Penalty::Capped { .. } => {}
        Penalty::Escalating { multipliers, .. } if multipliers.is_empty() => {}
        Penalty::Range { .. } => {
            let list: &[Finding] = match inspection.facts.get(id) {
                Some(Fact::Finding(f)) => std::slice::from_ref(f),
                Some(Fact::Findings(list)) => list,
                _ => &[],
            };
            let given: Decimal = list
                .iter()
                .filter(|f| f.exempt().is_none())
                .filter_map(Finding::amount)
                .sum();
            if limit_kind(json) != Some("exclusive") && raw != given {
                return Err(TestCaseError::fail(format!(
                    "a discretionary rule deducts the amounts its findings give: `{id}` deducts {raw} before any bound, its findings {given}"
                )));
            }
            return Ok(());
        }
        Penalty::Escalating { .. } => return Ok(()),
        // Past its cutoff a line counts a breach even where all it
        // deducts is 0 (a cap of 0, an item of 0 points).
        Penalty::Linear {
            cutoff: Some(_), ..
        } if breaches == 1 && raw.is_zero() => return Ok(()),
        _ => {
            if (breaches > 0) != (raw > Decimal::ZERO) {
                return Err(TestCaseError::fail(format!(
                    "a rule priced by its value or rating counts one breach where it deducts: `{id}` (breaches {breaches}) has raw {raw}"
                )));
            }
            return Ok(());
        }
    }
    let capped = rule.penalty.cap().map_or(raw, |c| raw.min(c.get()));
    let expected = rule.penalty.checked_deduction(breaches);
    if expected != Some(capped) {
        return Err(TestCaseError::fail(format!(
            "a rule's deduction is what its penalty gives its breaches: `{id}` (breaches {breaches}) deducts {capped} after its cap, expected {}",
            shown(expected)
        )));
    }
    Ok(())
}

/// What `limited_by` says limited a rule, by kind.
fn limit_kind(rule: &Value) -> Option<&str> {
    rule.get("limited_by")?.get("kind")?.as_str()
}

/// A rule's deduction after its own cap (0 where another rule of its group
/// deducted instead), from its raw amount as reported.
fn capped(json: &Value, rule: &Rule) -> Result<Decimal, TestCaseError> {
    if limit_kind(json) == Some("exclusive") {
        return Ok(Decimal::ZERO);
    }
    let raw = dec(json, "raw")?;
    Ok(rule.penalty.cap().map_or(raw, |c| raw.min(c.get())))
}

fn reason_of(e: &TestCaseError) -> &str {
    match e {
        TestCaseError::Fail(reason) | TestCaseError::Reject(reason) => reason.message(),
    }
}

fn failure(message: &str, inspection: Option<&Inspection>) -> InvariantFailure {
    InvariantFailure {
        message: message.to_owned(),
        inspection: inspection
            .and_then(|i| serde_json::to_string_pretty(i).ok())
            .unwrap_or_else(|| "null".to_owned()),
    }
}

fn id_of(node: &Value) -> String {
    node.get("id")
        .or_else(|| node.get("rubric"))
        .and_then(Value::as_str)
        .unwrap_or("?")
        .to_owned()
}

fn dec(node: &Value, field: &str) -> Result<Decimal, TestCaseError> {
    node.get(field)
        .and_then(Value::as_str)
        .and_then(|s| Decimal::from_str_exact(s).ok())
        .ok_or_else(|| TestCaseError::fail(format!("`{}` has no decimal `{field}`", id_of(node))))
}

/// An optional decimal field: absent is `None`, present must be a decimal.
fn opt_dec(node: &Value, field: &str) -> Result<Option<Decimal>, TestCaseError> {
    match node.get(field) {
        None => Ok(None),
        Some(_) => dec(node, field).map(Some),
    }
}

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
//! generates hundreds of inspections of the rubric (every fact of the type
//! its rule reads, counts in a useful range, dates inside the period),
//! evaluates each and checks what must hold for any rubric: no facts means
//! full marks; every node's score lies in [0, points] and equals points
//! minus deduction; a node's deduction is its children's, at most its
//! points; no rule exceeds its cap; the rule shares add up exactly to the
//! total; one more breach never raises any score; evaluation is
//! deterministic; rubric and inspection survive a JSON round trip. A failure
//! shows the invariant and the smallest inspection that breaks it (proptest
//! shrinks it), as JSON:
//!
//! ```
//! # let rubric: ducha::Rubric = serde_json::from_str(include_str!("../examples/school_safety.json"))?;
//! ducha::testing::check_invariants(&rubric)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The strategies are there for property tests of your own:
//! [`inspections`] for a given rubric and period, [`rubrics`] for arbitrary
//! valid rubrics. [`Invariants`] sets the period, the number of cases, or
//! another evaluator to check (a wrapper's answers, for instance: the
//! checker reads the scorecard JSON only).

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};
use rust_decimal::Decimal;
use serde_json::Value;

use crate::{
    Case, Children, Every, Fact, Finding, Id, Indicator, Inspection, Item, Measure, Penalty,
    Period, Points, Rubric, RubricSpec, Rule, Trigger, Within,
};

fn note() -> impl Strategy<Value = Finding> {
    "[甲乙丙丁a-z0-9]{0,6}".prop_map(Finding::new)
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

/// Facts a rule with `trigger` reads, or none (not assessed).
fn fact_for(trigger: &Trigger, period: Period) -> BoxedStrategy<Option<Fact>> {
    let hand_counted = prop_oneof![
        (0u64..15).prop_map(|n| Some(Fact::Count(n))),
        prop::collection::vec(note(), 0..8).prop_map(|v| Some(Fact::Findings(v))),
    ];
    match trigger {
        Trigger::Flag => prop_oneof![
            1 => Just(None),
            3 => any::<bool>().prop_map(|b| Some(Fact::Flag(b))),
            1 => note().prop_map(|f| Some(Fact::Finding(f))),
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
            let case = (day_in(period, 60), prop::option::of(0u64..60), note()).prop_map(
                move |(day, done, note)| Case {
                    start: by_start.then_some(day),
                    due: (!by_start).then_some(day),
                    done: done.map(|d| {
                        day.checked_add_days(chrono::Days::new(d))
                            .unwrap_or(end)
                            .min(end)
                    }),
                    note: note.note,
                    exempt: None,
                },
            );
            prop_oneof![
                1 => Just(None),
                // Non-empty: an empty list reads back from JSON as no
                // findings, which every trigger counts alike.
                3 => prop::collection::vec(case, 1..6).prop_map(|v| Some(Fact::Cases(v))),
                1 => hand_counted,
            ]
            .boxed()
        }
        Trigger::Cadence { .. } => prop_oneof![
            1 => Just(None),
            3 => prop::collection::vec(day_in(period, 0), 1..8).prop_map(|v| Some(Fact::Dates(v))),
            1 => hand_counted,
        ]
        .boxed(),
        _ => prop_oneof![
            1 => Just(None),
            4 => hand_counted,
        ]
        .boxed(),
    }
}

/// Inspections of `rubric` over `period`: any subset of its rules, each
/// with a fact of the type it reads; counts from 0 to 14, up to 7 findings,
/// dates and cases inside the period.
pub fn inspections(rubric: &Rubric, period: Period) -> BoxedStrategy<Inspection> {
    let rules: Vec<(Id, Trigger)> = rubric
        .rules()
        .map(|r| (r.id.clone(), r.trigger.clone()))
        .collect();
    let strategies: Vec<_> = rules.iter().map(|(_, t)| fact_for(t, period)).collect();
    let ids: Vec<Id> = rules.into_iter().map(|(id, _)| id).collect();
    strategies
        .prop_map(move |facts| {
            let mut inspection = Inspection::new();
            inspection.period = Some(period);
            for (id, fact) in ids.iter().zip(facts) {
                if let Some(fact) = fact {
                    inspection.facts.insert(id.clone(), fact);
                }
            }
            inspection
        })
        .boxed()
}

/// Points with up to two decimal places, 0 to 20.
fn points() -> impl Strategy<Value = Points> {
    (0i64..=2000, 0u32..=2).prop_map(|(n, scale)| {
        let value = Decimal::new(n / 10i64.pow(2 - scale), scale);
        Points::new(value).unwrap_or(Points::ZERO)
    })
}

fn penalty() -> impl Strategy<Value = Penalty> {
    prop_oneof![
        points().prop_map(|points| Penalty::Flat { points }),
        points().prop_map(|points| Penalty::PerOccurrence { points }),
        (points(), points()).prop_map(|(points, cap)| Penalty::Capped { points, cap }),
    ]
}

fn trigger() -> impl Strategy<Value = Trigger> {
    prop_oneof![
        3 => Just(Trigger::Flag),
        3 => Just(Trigger::Count),
        1 => prop_oneof![
            (0i64..=100).prop_map(|n| Trigger::Threshold { min: Decimal::new(n, 2), measure: Measure::Ratio }),
            (0i64..=100).prop_map(|n| Trigger::Threshold { min: Decimal::from(n), measure: Measure::Percent }),
            (0i64..=20).prop_map(|n| Trigger::Threshold { min: Decimal::from(n), measure: Measure::Count }),
            (-500i64..=500).prop_map(|n| Trigger::Threshold { min: Decimal::new(n, 1), measure: Measure::Amount }),
        ],
        1 => prop_oneof![
            Just(None),
            (1u32..30).prop_map(|n| Some(Within::WorkingDays(n))),
            (1u32..60).prop_map(|n| Some(Within::Days(n))),
        ]
        .prop_map(|within| Trigger::Deadline { within, after: "开始".into(), action: "完成".into() }),
        1 => prop_oneof![Just(Every::Month), Just(Every::Quarter), Just(Every::HalfYear), Just(Every::Year)]
            .prop_map(Trigger::cadence),
    ]
}

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

/// A rule's shape: the stem of its id, its trigger and penalty.
type RuleShape = (Name, Trigger, Penalty);

/// An item's shape: the stem of its id, its points and rules.
type ItemShape = (Name, Points, Vec<RuleShape>);

/// A tree shape: leaves are items (their rules' triggers and penalties),
/// every node and rule with the stem of its id.
#[derive(Debug, Clone)]
enum Shape {
    Items(Vec<ItemShape>),
    Indicators(Vec<(Name, Points, Shape)>),
}

fn shape() -> impl Strategy<Value = Shape> {
    let items = prop::collection::vec(
        (
            name(),
            points(),
            prop::collection::vec((name(), trigger(), penalty()), 0..4),
        ),
        0..4,
    )
    .prop_map(Shape::Items);
    items.prop_recursive(3, 24, 3, |inner| {
        prop::collection::vec((name(), points(), inner), 1..3).prop_map(Shape::Indicators)
    })
}

/// Ids given out in document order, unique across the rubric (rules,
/// items, indicators and the rubric share one namespace): a node's stem if
/// still free, else the stem with the first free numbered suffix
/// (`deadline-2`, `deadline-3`, …), the stem cut at a character boundary
/// where the suffix would pass [`Id::MAX_LEN`].
struct Names(std::collections::BTreeSet<String>);

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

fn build(shape: Shape, ids: &mut Names) -> Option<Children> {
    Some(match shape {
        Shape::Items(items) => {
            let mut out = Vec::new();
            for (n, (name, points, rules)) in items.into_iter().enumerate() {
                let id = ids.next(name)?;
                let rules = rules
                    .into_iter()
                    .map(|(name, trigger, penalty)| {
                        Some(
                            Rule::new(ids.next(name)?, "违规", trigger, penalty)
                                .with_text("违规的扣分"),
                        )
                    })
                    .collect::<Option<Vec<_>>>()?;
                out.push(
                    Item::new(id, (n + 1).to_string(), points)
                        .with_requirement("要求")
                        .with_rules(rules),
                );
            }
            Children::Items(out)
        }
        Shape::Indicators(children) => Children::Indicators(
            children
                .into_iter()
                .map(|(name, points, shape)| {
                    let id = ids.next(name)?;
                    Some(match build(shape, ids)? {
                        Children::Items(items) => Indicator::with_items(id, "指标", points, items),
                        Children::Indicators(children) => {
                            Indicator::with_indicators(id, "指标", points, children)
                        }
                    })
                })
                .collect::<Option<Vec<_>>>()?,
        ),
    })
}

/// Arbitrary valid rubrics: up to 3 levels of indicators, items with up to
/// 3 rules of every trigger and penalty, points with up to two decimal
/// places (so children need not add up to their parent), totals that match.
/// Ids vary in length from 1 byte to [`Id::MAX_LEN`], ASCII and Chinese,
/// many longer than 8 bytes and sharing long prefixes (`deadline`,
/// `deadline-a`, `deadline-2`, `清单完善率-1`), unique across the rubric,
/// whose own id is `generated`.
pub fn rubrics() -> BoxedStrategy<Rubric> {
    prop::collection::vec((name(), points(), shape()), 0..4)
        .prop_filter_map("a valid rubric", |top| {
            let rubric = "generated";
            let mut ids = Names(std::iter::once(rubric.to_owned()).collect());
            let Children::Indicators(indicators) = build(Shape::Indicators(top), &mut ids)? else {
                return None;
            };
            let total = indicators.iter().map(|i| i.points.get()).sum::<Decimal>();
            Rubric::new(RubricSpec::new(
                Id::new(rubric).ok()?,
                "生成的细则",
                Points::new(total).ok()?,
                indicators,
            ))
            .ok()
        })
        .boxed()
}

/// The same inspection with at least as many breaches of `rule`, usually
/// one more.
pub fn one_more_breach(inspection: &Inspection, rule: &Rule) -> Inspection {
    let mut more = inspection.clone();
    let current = more.facts.get(&rule.id).cloned();
    let start = inspection.period.map(|p| p.from());
    let fact = match (current, &rule.trigger) {
        (None | Some(Fact::Flag(false)), Trigger::Flag | Trigger::Threshold { .. }) => {
            Fact::Flag(true)
        }
        (Some(Fact::Measure(_) | Fact::Percent(_)), Trigger::Threshold { .. }) => Fact::Flag(true),
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
    };
    more.facts.insert(rule.id.clone(), fact);
    more
}

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
        // No facts, full marks.
        let mut empty = Inspection::new();
        empty.period = Some(period);
        self.full_marks(&empty).map_err(|e| {
            let message = match &e {
                TestCaseError::Fail(reason) | TestCaseError::Reject(reason) => reason.message(),
            };
            failure(message, Some(&empty))
        })?;

        let rules: Vec<&Rule> = self.rubric.rules().collect();
        let strategy = (
            inspections(self.rubric, period),
            any::<prop::sample::Index>(),
        );
        let mut runner = TestRunner::new(Config {
            cases: self.cases,
            failure_persistence: None,
            ..Config::default()
        });
        let result = runner.run(&strategy, |(inspection, pick)| {
            self.one(&inspection)?;
            // One more breach of each rule (of up to 16, from a random
            // offset in larger rubrics).
            let n = rules.len();
            let offset = if n > MONOTONE_RULES { pick.index(n) } else { 0 };
            for k in 0..n.min(MONOTONE_RULES) {
                if let Some(rule) = rules.get((offset + k) % n) {
                    self.monotone(&inspection, rule)?;
                }
            }
            Ok(())
        });
        match result {
            Ok(()) => Ok(()),
            Err(TestError::Fail(reason, (inspection, _))) => {
                Err(failure(reason.message(), Some(&inspection)))
            }
            Err(TestError::Abort(reason)) => Err(failure(reason.message(), None)),
        }
    }

    fn card(&self, inspection: &Inspection) -> Result<(String, Value), TestCaseError> {
        let text = (self.evaluator)(inspection)
            .map_err(|e| TestCaseError::fail(format!("evaluation failed: {e}")))?;
        let value: Value = serde_json::from_str(&text)
            .map_err(|e| TestCaseError::fail(format!("the scorecard is not JSON: {e}")))?;
        Ok((text, value))
    }

    fn full_marks(&self, empty: &Inspection) -> Result<(), TestCaseError> {
        let (_, card) = self.card(empty)?;
        walk_nodes(&card, &mut |node| {
            let (points, score) = (dec(node, "points")?, dec(node, "score")?);
            if points != score {
                return Err(TestCaseError::fail(format!(
                    "no facts must mean full marks: `{}` scores {score} of {points}",
                    id_of(node)
                )));
            }
            Ok(())
        })
    }

    /// The invariants of one scorecard.
    fn one(&self, inspection: &Inspection) -> Result<(), TestCaseError> {
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
        let penalties: BTreeMap<&str, &Penalty> = self
            .rubric
            .rules()
            .map(|r| (r.id.as_str(), &r.penalty))
            .collect();
        // Each node on its own first, then how nodes add up.
        walk_nodes(&card, &mut |node| {
            let id = id_of(node);
            let (points, deducted, score) = (
                dec(node, "points")?,
                dec(node, "deducted")?,
                dec(node, "score")?,
            );
            if score < Decimal::ZERO || score > points {
                return Err(TestCaseError::fail(format!(
                    "every score lies in [0, points]: `{id}` scores {score} of {points}"
                )));
            }
            if score != points - deducted {
                return Err(TestCaseError::fail(format!(
                    "score = points − deduction: `{id}` has {points} − {deducted} ≠ {score}"
                )));
            }
            Ok(())
        })?;
        let mut shares = Decimal::ZERO;
        walk_nodes(&card, &mut |node| {
            let id = id_of(node);
            let (points, deducted) = (dec(node, "points")?, dec(node, "deducted")?);
            let children = if let Some(rules) = node.get("rules").and_then(Value::as_array) {
                let mut sum = Decimal::ZERO;
                for rule in rules {
                    let rid = id_of(rule);
                    let (raw, ded) = (dec(rule, "raw")?, dec(rule, "deducted")?);
                    let cap = penalties.get(rid.as_str()).and_then(|p| p.cap());
                    let capped = cap.map_or(raw, |c| raw.min(c.get()));
                    if ded < Decimal::ZERO || ded > capped {
                        return Err(TestCaseError::fail(format!(
                            "a rule deducts at most its raw amount and its cap: `{rid}` deducts {ded} (raw {raw}, cap {})",
                            cap.map_or_else(|| "none".to_owned(), |c| c.to_string())
                        )));
                    }
                    shares += ded;
                    sum += capped;
                }
                Some(sum)
            } else {
                let kids = node
                    .get("items")
                    .or_else(|| node.get("indicators"))
                    .and_then(Value::as_array);
                match kids {
                    Some(kids) => {
                        let mut sum = Decimal::ZERO;
                        for kid in kids {
                            sum += dec(kid, "deducted")?;
                        }
                        Some(sum)
                    }
                    None => None,
                }
            };
            if let Some(children) = children
                && deducted != children.min(points)
            {
                return Err(TestCaseError::fail(format!(
                    "a node deducts its children's sum, at most its points: `{id}` deducts {deducted}, children {children}, points {points}"
                )));
            }
            Ok(())
        })?;
        let total = dec(&card, "deducted")?;
        if shares != total {
            return Err(TestCaseError::fail(format!(
                "the rule shares add up to the total: {shares} ≠ {total}"
            )));
        }
        Ok(())
    }

    /// One more breach of `rule` never raises any node's score.
    fn monotone(&self, inspection: &Inspection, rule: &Rule) -> Result<(), TestCaseError> {
        let more = one_more_breach(inspection, rule);
        let (_, before) = self.card(inspection)?;
        let (_, after) = self.card(&more)?;
        let (mut a, mut b) = (Vec::new(), Vec::new());
        walk_nodes(&before, &mut |n| {
            a.push((id_of(n), dec(n, "score")?));
            Ok(())
        })?;
        walk_nodes(&after, &mut |n| {
            b.push((id_of(n), dec(n, "score")?));
            Ok(())
        })?;
        for ((id, was), (_, now)) in a.iter().zip(&b) {
            if now > was {
                return Err(TestCaseError::fail(format!(
                    "one more breach never raises a score: one more of `{}` raised `{id}` from {was} to {now}",
                    rule.id
                )));
            }
        }
        Ok(())
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

/// Visits the scorecard's top (which carries `points`, `deducted` and
/// `score` like a node) and every indicator and item, in document order.
fn walk_nodes(
    node: &Value,
    visit: &mut dyn FnMut(&Value) -> Result<(), TestCaseError>,
) -> Result<(), TestCaseError> {
    visit(node)?;
    for key in ["indicators", "items"] {
        if let Some(kids) = node.get(key).and_then(Value::as_array) {
            for kid in kids {
                walk_nodes(kid, visit)?;
            }
        }
    }
    Ok(())
}

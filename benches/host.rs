//! The host's view: ducha measured the way a service uses it, against the
//! naive hand-written code a user would write instead, in one run.
//!
//! A corpus of 10,000 deterministic, different inspections of the seed
//! rubric (every rule given a hand-counted fact, about half of them
//! non-zero, counts 0–12 so that rule caps and item bounds both apply
//! often) is scored four ways:
//!
//! - **naive hand-written**: plain `rust_decimal` arithmetic over the seed's
//!   24 rules, facts pre-decoded into breaches per rule, building the item
//!   scores, the (rule id, capped, applied) rows and the total;
//! - **ducha typed**: `Rubric::evaluate` on prebuilt `Inspection`s, reading
//!   every item's score, the total and every rule's capped and applied
//!   deduction;
//! - **ducha typed + every item's reason**: the same, plus
//!   `ItemOutcome::reason` for every item;
//! - **ducha JSON surface**: `json::Engine::evaluate`, inspection text in,
//!   scorecard text out.
//!
//! Before timing, the baseline and ducha are checked to agree on every
//! inspection (total, item scores, every rule's capped and applied
//! deduction), and the JSON surface to give the bytes serde gives for the
//! typed scorecard. Then generated rubrics of 1k, 10k and 100k rules show
//! how evaluation scales (ns per rule).
//!
//! Rows are timed in interleaved rounds (one warm-up round, then the median
//! of the rounds), so a shared machine's load drift hits every row alike.
//!
//! `cargo bench --bench host`; `DUCHA_BENCH_QUICK=1 cargo bench --bench host`
//! for a smoke test in seconds (1,000 inspections, 3 rounds).

#![expect(
    clippy::unwrap_used,
    reason = "a benchmark of fixed inputs: a failure should stop it loudly"
)]

mod common;

use common::generated;
use std::collections::HashSet;
use std::hint::black_box;
use std::time::{Duration, Instant};

use ducha::{Children, Decimal, Fact, Id, Indicator, Inspection, Penalty, Rubric, Trigger};

/// How much work one run does.
#[derive(Debug, Clone, Copy)]
struct Config {
    /// Inspections in the seed corpus.
    inspections: usize,
    /// Timed rounds per row, after one warm-up round.
    rounds: usize,
    /// Rule evaluations per round of a linearity row (split into whole
    /// evaluations of the generated rubric).
    rules_per_round: usize,
}

impl Config {
    /// The full run, or the quick one when `DUCHA_BENCH_QUICK` is set (and
    /// not `0`).
    fn from_env() -> Config {
        let quick =
            std::env::var_os("DUCHA_BENCH_QUICK").is_some_and(|v| v != "0" && !v.is_empty());
        if quick {
            Config {
                inspections: 1_000,
                rounds: 3,
                rules_per_round: 200_000,
            }
        } else {
            Config {
                inspections: 10_000,
                rounds: 11,
                rules_per_round: 2_000_000,
            }
        }
    }
}

/// splitmix64: a small, fast, deterministic generator (no dependency).
#[derive(Debug)]
struct SplitMix64(u64);

impl SplitMix64 {
    /// The next 64 random bits.
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A fair coin.
    fn coin(&mut self) -> bool {
        self.next() >> 63 == 1
    }

    /// A number in `0..n` (`n` small: the modulo bias is negligible).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// How a host records a hand-counted fact for a rule of this trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HandCounted {
    /// `Fact::Flag`: a flag rule, or a threshold judged by hand (true =
    /// below the minimum).
    Flag,
    /// `Fact::Count`: a count rule, or a deadline or cadence rule whose
    /// breaches were counted by hand.
    Count,
}

impl HandCounted {
    /// The hand-counted form of a fact for `trigger`, if it has one.
    fn of(trigger: &Trigger) -> Option<HandCounted> {
        match trigger {
            Trigger::Flag | Trigger::Threshold { .. } => Some(HandCounted::Flag),
            Trigger::Count | Trigger::Deadline { .. } | Trigger::Cadence { .. } => {
                Some(HandCounted::Count)
            }
            _ => None,
        }
    }

    /// The fact recording `breaches` (0 or 1 for a flag).
    fn fact(self, breaches: u64) -> Fact {
        match self {
            HandCounted::Flag => Fact::Flag(breaches > 0),
            HandCounted::Count => Fact::Count(breaches),
        }
    }
}

/// One inspection of the corpus, in the three forms the rows read.
#[derive(Debug)]
struct Entry {
    /// Breaches per rule in document order: the baseline's pre-decoded facts.
    breaches: Vec<u64>,
    /// The same facts as a typed inspection.
    inspection: Inspection,
    /// The same inspection as JSON text.
    json: String,
}

/// `n` different inspections of `rubric`, every rule given a hand-counted
/// fact: a flag true half the time; a count 0 half the time, else 1–12.
fn corpus(rubric: &Rubric, n: usize) -> Vec<Entry> {
    let kinds: Vec<(&Id, HandCounted)> = rubric
        .rules()
        .map(|rule| (&rule.id, HandCounted::of(&rule.trigger).unwrap()))
        .collect();
    let mut rng = SplitMix64(0x00D0_C4A0_2026);
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let breaches: Vec<u64> = kinds
            .iter()
            .map(|(_, kind)| match kind {
                HandCounted::Flag => u64::from(rng.coin()),
                HandCounted::Count if rng.coin() => 1 + rng.below(12),
                HandCounted::Count => 0,
            })
            .collect();
        if !seen.insert(breaches.clone()) {
            continue;
        }
        let mut inspection = Inspection::new();
        for ((id, kind), &b) in kinds.iter().zip(&breaches) {
            inspection.facts.insert((*id).clone(), kind.fact(b));
        }
        let json = serde_json::to_string(&inspection).unwrap();
        out.push(Entry {
            breaches,
            inspection,
            json,
        });
    }
    out
}

/// A rule as the baseline sees it: its id and its penalty's numbers.
#[derive(Debug)]
struct NaiveRule {
    /// The rule's id.
    id: String,
    /// The deduction per breach (or once, if `flat`).
    amount: Decimal,
    /// The rule's own cap, if any.
    cap: Option<Decimal>,
    /// Whether the amount is deducted once for any number of breaches.
    flat: bool,
}

/// An item as the baseline sees it: its points and its rules.
#[derive(Debug)]
struct NaiveItem {
    /// The item's points: its deductions add up to at most these.
    points: Decimal,
    /// Its rules, in document order.
    rules: Vec<NaiveRule>,
}

/// The hand-written evaluator a user would write instead of using ducha:
/// the rubric's numbers extracted once, then plain `Decimal` arithmetic.
#[derive(Debug)]
struct Naive {
    /// The declared total (100 for the seed).
    total: Decimal,
    /// The items, in document order.
    items: Vec<NaiveItem>,
    /// The number of rules.
    rules: usize,
}

/// What the baseline computes for one inspection.
#[derive(Debug)]
struct NaiveCard<'r> {
    /// Every item's score, in document order.
    items: Vec<Decimal>,
    /// Every rule's (id, capped deduction, applied deduction).
    rules: Vec<(&'r str, Decimal, Decimal)>,
    /// The total score.
    total: Decimal,
}

/// Checks that every indicator's points are exactly its children's, so
/// that only items bound (the baseline knows no other bound).
fn only_items_bound(indicator: &Indicator) -> Decimal {
    let sum: Decimal = match &indicator.children {
        Children::Items(items) => items.iter().map(|i| i.points.get()).sum(),
        Children::Indicators(finer) => finer.iter().map(only_items_bound).sum(),
    };
    assert_eq!(
        sum,
        indicator.points.get(),
        "indicator `{}`: the baseline assumes only items bound",
        indicator.id
    );
    sum
}

impl Naive {
    /// Extracts the numbers from `rubric`'s spec, checking that only item
    /// bounds can trim.
    fn from_rubric(rubric: &Rubric) -> Naive {
        let top: Decimal = rubric.indicators().iter().map(only_items_bound).sum();
        assert_eq!(top, rubric.total().get(), "the total bounds nothing more");
        let items: Vec<NaiveItem> = rubric
            .items()
            .map(|item| NaiveItem {
                points: item.points.get(),
                rules: item
                    .rules
                    .iter()
                    .map(|rule| {
                        let (amount, cap, flat) = match rule.penalty {
                            Penalty::Flat { points } => (points.get(), None, true),
                            Penalty::PerOccurrence { points } => (points.get(), None, false),
                            Penalty::Capped { points, cap } => {
                                (points.get(), Some(cap.get()), false)
                            }
                            _ => unreachable!("a new penalty kind: extend this baseline"),
                        };
                        NaiveRule {
                            id: rule.id.to_string(),
                            amount,
                            cap,
                            flat,
                        }
                    })
                    .collect(),
            })
            .collect();
        Naive {
            total: rubric.total().get(),
            rules: items.iter().map(|i| i.rules.len()).sum(),
            items,
        }
    }

    /// Scores one inspection given as breaches per rule in document order.
    fn evaluate(&self, breaches: &[u64]) -> NaiveCard<'_> {
        let mut items = Vec::with_capacity(self.items.len());
        let mut rules = Vec::with_capacity(self.rules);
        let mut facts = breaches.iter();
        let mut deducted = Decimal::ZERO;
        for item in &self.items {
            let mut remaining = item.points;
            for rule in &item.rules {
                let n = facts.next().copied().unwrap_or(0);
                let raw = if rule.flat {
                    if n >= 1 { rule.amount } else { Decimal::ZERO }
                } else {
                    rule.amount * Decimal::from(n)
                };
                let capped = match rule.cap {
                    Some(cap) => raw.min(cap),
                    None => raw,
                };
                let applied = capped.min(remaining);
                remaining -= applied;
                rules.push((rule.id.as_str(), capped, applied));
            }
            deducted += item.points - remaining;
            items.push(remaining);
        }
        NaiveCard {
            items,
            rules,
            total: self.total - deducted,
        }
    }
}

/// Folds a decimal into a checksum (cheap: its mantissa and scale).
fn fold(acc: u64, d: Decimal) -> u64 {
    (acc.rotate_left(7) ^ d.mantissa() as u64).wrapping_add(u64::from(d.scale()))
}

/// Folds a count into a checksum.
fn fold_n(acc: u64, n: usize) -> u64 {
    acc.rotate_left(7) ^ n as u64
}

/// The baseline on one inspection, everything it built folded.
fn naive_once(naive: &Naive, breaches: &[u64]) -> u64 {
    let card = naive.evaluate(black_box(breaches));
    let mut acc = fold(0, card.total);
    for &score in &card.items {
        acc = fold(acc, score);
    }
    for &(id, capped, applied) in &card.rules {
        acc = fold(fold(fold_n(acc, id.len()), capped), applied);
    }
    acc
}

/// ducha on one inspection: the total, every item's score, every rule's
/// capped and applied deduction read out; with `reasons`, every item's
/// reason too.
fn typed_once(rubric: &Rubric, inspection: &Inspection, reasons: bool) -> u64 {
    let card = rubric.evaluate(black_box(inspection)).unwrap();
    let mut acc = fold(0, card.score());
    for item in card.items() {
        acc = fold(acc, item.score());
        if reasons {
            acc = fold_n(acc, item.reason().len());
        }
    }
    for rule in card.rules() {
        acc = fold(
            fold(fold_n(acc, rule.id().as_str().len()), rule.capped()),
            rule.deducted(),
        );
    }
    acc
}

/// The same read-out from facts bound to the rubric's rule slots
/// ([`ducha::Facts`]): what a host scoring many inspections of one rubric
/// builds instead of an `Inspection`.
fn bound_once(facts: &ducha::Facts<'_>) -> u64 {
    let card = black_box(facts).evaluate().unwrap();
    let mut acc = fold(0, card.score());
    for item in card.items() {
        acc = fold(acc, item.score());
    }
    for rule in card.rules() {
        acc = fold(
            fold(fold_n(acc, rule.id().as_str().len()), rule.capped()),
            rule.deducted(),
        );
    }
    acc
}

/// How often the corpus exercises each part of the scoring.
#[derive(Debug, Default)]
struct Coverage {
    /// Facts recorded.
    facts: usize,
    /// Facts with at least one breach.
    breached: usize,
    /// Rules whose own cap trimmed their raw deduction.
    capped: usize,
    /// Rules whose item's bound trimmed their capped deduction.
    bounded: usize,
    /// Inspections in which some item's bound trimmed a rule.
    inspections_bounded: usize,
    /// Items with no points left.
    items_zero: usize,
    /// Items scored.
    items: usize,
}

/// Checks, before any timing, that the baseline and ducha agree on every
/// inspection, and that the JSON surface gives serde's bytes for the typed
/// scorecard; returns how often caps and bounds applied.
fn check(
    rubric: &Rubric,
    naive: &Naive,
    engine: &ducha::json::Engine,
    corpus: &[Entry],
) -> Coverage {
    let mut cov = Coverage::default();
    for (index, entry) in corpus.iter().enumerate() {
        let ours = naive.evaluate(&entry.breaches);
        let card = rubric.evaluate(&entry.inspection).unwrap();
        let here = |what: &str| format!("inspection #{index} {}: {what}", entry.json);
        assert_eq!(ours.total, card.score(), "{}", here("total"));
        let items: Vec<Decimal> = card.items().map(|i| i.score()).collect();
        assert_eq!(ours.items, items, "{}", here("item scores"));
        let rules: Vec<(String, Decimal, Decimal)> = card
            .rules()
            .map(|r| (r.id().to_string(), r.capped(), r.deducted()))
            .collect();
        let mine: Vec<(String, Decimal, Decimal)> = ours
            .rules
            .iter()
            .map(|&(id, c, a)| (id.to_owned(), c, a))
            .collect();
        assert_eq!(mine, rules, "{}", here("rules (id, capped, applied)"));
        let json = engine.evaluate(&entry.json).unwrap();
        assert_eq!(
            json,
            serde_json::to_string(&card).unwrap(),
            "{}",
            here("JSON surface")
        );
        cov.inspections_bounded += usize::from(card.rules().any(|r| r.deducted() < r.capped()));
        for rule in card.rules() {
            cov.facts += usize::from(rule.assessed());
            cov.breached += usize::from(rule.breaches() > 0);
            cov.capped += usize::from(rule.capped() < rule.raw());
            cov.bounded += usize::from(rule.deducted() < rule.capped());
        }
        for item in card.items() {
            cov.items += 1;
            cov.items_zero += usize::from(item.score().is_zero());
        }
    }
    cov
}

/// Breaches per rule in document order, decoded from hand-counted facts.
fn decode(rubric: &Rubric, inspection: &Inspection) -> Vec<u64> {
    rubric
        .rules()
        .map(|rule| match inspection.facts.get(&rule.id) {
            Some(Fact::Flag(b)) => Some(u64::from(*b)),
            Some(Fact::Count(n)) => Some(*n),
            _ => None,
        })
        .collect::<Option<Vec<u64>>>()
        .unwrap()
}

/// ducha on a generated rubric: the total and every rule's deduction read.
fn scaled_once(rubric: &Rubric, inspection: &Inspection) -> u64 {
    let card = rubric.evaluate(black_box(inspection)).unwrap();
    card.rules().fold(fold(0, card.score()), |acc, rule| {
        fold(acc, rule.deducted())
    })
}

/// The baseline on a generated rubric: the total and every rule's applied
/// deduction read.
fn scaled_naive_once(naive: &Naive, breaches: &[u64]) -> u64 {
    let card = naive.evaluate(black_box(breaches));
    card.rules
        .iter()
        .fold(fold(0, card.total), |acc, &(_, _, applied)| {
            fold(acc, applied)
        })
}

/// One timed row: a name, how many evaluations a round does, and the round.
struct Row<'a> {
    /// The row's label.
    name: String,
    /// Evaluations per round.
    evaluations: usize,
    /// Runs one round, returning its checksum.
    round: Box<dyn Fn() -> u64 + 'a>,
    /// Each timed round's duration.
    times: Vec<Duration>,
}

impl Row<'_> {
    /// The median time per evaluation, and the fastest and slowest rounds',
    /// in nanoseconds.
    fn per_evaluation(&self) -> (f64, f64, f64) {
        let mut ns: Vec<f64> = self
            .times
            .iter()
            .map(|t| t.as_secs_f64() * 1e9 / self.evaluations as f64)
            .collect();
        ns.sort_by(f64::total_cmp);
        let median = ns.get(ns.len() / 2).copied().unwrap_or(f64::NAN);
        let min = ns.first().copied().unwrap_or(f64::NAN);
        let max = ns.last().copied().unwrap_or(f64::NAN);
        (median, min, max)
    }
}

/// Runs every row: one warm-up round each, then `rounds` rounds in which
/// the rows take turns.
fn run(rows: &mut [Row<'_>], rounds: usize) {
    let mut checksum = 0u64;
    for row in rows.iter() {
        checksum ^= black_box((row.round)());
    }
    for _ in 0..rounds {
        for row in rows.iter_mut() {
            let start = Instant::now();
            let sum = black_box((row.round)());
            row.times.push(start.elapsed());
            checksum ^= sum;
        }
    }
    black_box(checksum);
}

/// A duration in nanoseconds, as `612 ns`, `3.10 µs` or `2.18 ms`.
fn human(ns: f64) -> String {
    if ns < 1e4 {
        format!("{ns:.0} ns")
    } else if ns < 1e6 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{:.2} ms", ns / 1e6)
    }
}

/// The CPU model and the number of logical CPUs, from `/proc/cpuinfo`.
fn cpu() -> String {
    let Ok(info) = std::fs::read_to_string("/proc/cpuinfo") else {
        return "unknown (no /proc/cpuinfo)".into();
    };
    let models: Vec<&str> = info
        .lines()
        .filter(|l| l.starts_with("model name"))
        .filter_map(|l| l.split_once(':').map(|(_, m)| m.trim()))
        .collect();
    match models.first() {
        Some(model) => format!("{model} ({} logical CPUs)", models.len()),
        None => "unknown (no model name in /proc/cpuinfo)".into(),
    }
}

/// A percentage, for the coverage line.
fn pct(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole.max(1) as f64
}

fn main() {
    let config = Config::from_env();
    let rubric = ducha::seed::yuxi();
    let engine = ducha::json::Engine::seed();
    let naive = Naive::from_rubric(&rubric);
    assert_eq!(naive.rules, 24, "the seed has 24 rules");

    println!("ducha host benchmark");
    println!("cpu: {}", cpu());
    if cfg!(debug_assertions) {
        println!("warning: built with debug assertions; run `cargo bench --bench host`");
    }
    println!(
        "mode: {} ({} inspections, {} timed rounds after a warm-up; median per evaluation)",
        if config.rounds < 11 { "quick" } else { "full" },
        config.inspections,
        config.rounds
    );

    // The linearity inputs: generated rubrics, checked against the
    // baseline. Built first, on a fresh heap (as `benches/evaluate.rs`
    // builds them): evaluating a large inspection is bound by how its
    // facts map lies in memory, and the corpus built after it would
    // scatter it.
    let sizes = [10usize, 100, 1_000];
    let generated: Vec<(usize, Rubric, Inspection, Naive, Vec<u64>)> = sizes
        .iter()
        .map(|&groups| {
            let (rubric, inspection) = generated(groups);
            let naive = Naive::from_rubric(&rubric);
            let breaches = decode(&rubric, &inspection);
            let card = rubric.evaluate(&inspection).unwrap();
            let ours = naive.evaluate(&breaches);
            assert_eq!(
                ours.total,
                card.score(),
                "generated, {groups} groups: total"
            );
            let applied: Vec<Decimal> = card.rules().map(|r| r.deducted()).collect();
            let mine: Vec<Decimal> = ours.rules.iter().map(|r| r.2).collect();
            assert_eq!(mine, applied, "generated, {groups} groups: rules");
            (groups * 100, rubric, inspection, naive, breaches)
        })
        .collect();
    let corpus = corpus(&rubric, config.inspections);
    let cov = check(&rubric, &naive, &engine, &corpus);
    let rule_outcomes = corpus.len() * naive.rules;
    println!(
        "checked: baseline = ducha on all {} inspections (total, {} item scores, {} rules' capped and applied); JSON surface = serde of the typed scorecard",
        corpus.len(),
        naive.items.len(),
        naive.rules
    );
    println!(
        "corpus: {:.1}% of facts breached; {:.1}% of rules trimmed by their cap, {:.1}% by their item's bound ({:.1}% of inspections have such a trim); {:.1}% of items at 0",
        pct(cov.breached, cov.facts),
        pct(cov.capped, rule_outcomes),
        pct(cov.bounded, rule_outcomes),
        pct(cov.inspections_bounded, corpus.len()),
        pct(cov.items_zero, cov.items)
    );
    assert_eq!(cov.facts, rule_outcomes, "every rule has a fact");

    // The same facts bound to the rubric's slots, checked to score alike.
    let bound: Vec<ducha::Facts<'_>> = corpus
        .iter()
        .map(|e| {
            let mut facts = rubric.facts();
            for (id, fact) in e.inspection.facts() {
                facts.set(id.as_str(), fact.clone()).unwrap();
            }
            assert_eq!(
                bound_once(&facts),
                typed_once(&rubric, &e.inspection, false),
                "bound facts read out as the inspection"
            );
            facts
        })
        .collect();
    let bound = &bound;
    let corpus = &corpus;
    let (rubric, naive, engine) = (&rubric, &naive, &engine);
    let n = corpus.len();
    // The same corpus as one batch: every entry scored, ranked and
    // summarised (read: every place, the summary's total and every rule's
    // deduction), typed and as JSON text; built before timing.
    let assessees: Vec<ducha::batch::Assessee> = corpus
        .iter()
        .enumerate()
        .map(|(i, e)| ducha::batch::Assessee::new(format!("{i:05}"), "", e.inspection.clone()))
        .collect();
    let batch_json = {
        let list: Vec<String> = corpus
            .iter()
            .enumerate()
            .map(|(i, e)| format!(r#"{{"id":"{i:05}","inspection":{}}}"#, e.json))
            .collect();
        format!(r#"{{"assessees":[{}]}}"#, list.join(","))
    };
    {
        let batch = rubric.evaluate_batch(&assessees);
        assert_eq!(
            batch.ranking().ranked.len(),
            n,
            "every inspection is complete and ranked"
        );
        let report = engine.evaluate_batch(&batch_json).unwrap();
        assert!(
            report.contains(r#""failed":[]"#),
            "no entry of the JSON batch fails"
        );
    }
    let (assessees, batch_json) = (&assessees, &batch_json);
    // Batch sizes: the corpus's first tenth, all of it, and all of it
    // four times over (fresh ids), each scored, ranked and summarised.
    let sizes = [n / 10, n, 4 * n];
    let batches: Vec<Vec<ducha::batch::Assessee>> = sizes
        .iter()
        .map(|&size| {
            (0..size)
                .filter_map(|i| {
                    let entry = corpus.get(i % n.max(1))?;
                    let id = format!("{i:06}");
                    Some(ducha::batch::Assessee::new(
                        id,
                        "",
                        entry.inspection.clone(),
                    ))
                })
                .collect()
        })
        .collect();
    let mut rows = vec![
        Row {
            name: "naive hand-written (rust_decimal)".into(),
            evaluations: n,
            round: Box::new(move || {
                corpus
                    .iter()
                    .fold(0, |acc, e| acc ^ naive_once(naive, &e.breaches))
            }),
            times: Vec::new(),
        },
        Row {
            name: "ducha typed, breakdown read".into(),
            evaluations: n,
            round: Box::new(move || {
                corpus
                    .iter()
                    .fold(0, |acc, e| acc ^ typed_once(rubric, &e.inspection, false))
            }),
            times: Vec::new(),
        },
        Row {
            name: "ducha typed via Facts (rule slots), read".into(),
            evaluations: n,
            round: Box::new(move || bound.iter().fold(0, |acc, f| acc ^ bound_once(f))),
            times: Vec::new(),
        },
        Row {
            name: "ducha typed + every item's reason".into(),
            evaluations: n,
            round: Box::new(move || {
                corpus
                    .iter()
                    .fold(0, |acc, e| acc ^ typed_once(rubric, &e.inspection, true))
            }),
            times: Vec::new(),
        },
        Row {
            name: "ducha JSON surface (text → text)".into(),
            evaluations: n,
            round: Box::new(move || {
                corpus.iter().fold(0, |acc, e| {
                    fold_n(acc, engine.evaluate(black_box(&e.json)).unwrap().len())
                })
            }),
            times: Vec::new(),
        },
        Row {
            name: "ducha typed, total only (no read-out)".into(),
            evaluations: n,
            round: Box::new(move || {
                corpus.iter().fold(0, |acc, e| {
                    fold(
                        acc,
                        rubric.evaluate(black_box(&e.inspection)).unwrap().score(),
                    )
                })
            }),
            times: Vec::new(),
        },
    ];
    rows.push(Row {
        name: "ducha batch, typed: ranked + summary".into(),
        evaluations: n,
        round: Box::new(move || {
            let batch = rubric.evaluate_batch(black_box(assessees));
            let ranking = batch.ranking();
            let summary = batch.summary();
            let places = ranking.ranked.iter().fold(0, |acc, r| acc ^ r.rank as u64);
            let rules = summary
                .rules
                .iter()
                .fold(places, |acc, r| fold(acc, r.deducted));
            fold(rules, summary.score.total)
        }),
        times: Vec::new(),
    });
    rows.push(Row {
        name: "ducha batch, JSON (text → text)".into(),
        evaluations: n,
        round: Box::new(move || engine.evaluate_batch(black_box(batch_json)).unwrap().len() as u64),
        times: Vec::new(),
    });
    // The rows of the table; the rows after them are for reference.
    let table_rows = 5;

    let first_scaled = rows.len();
    for (rules, rubric, inspection, naive, breaches) in &generated {
        let times = (config.rules_per_round / rules).max(1);
        rows.push(Row {
            name: format!("ducha typed, {rules} rules, read out"),
            evaluations: times,
            round: Box::new(move || {
                (0..times).fold(0, |acc, _| acc ^ scaled_once(rubric, inspection))
            }),
            times: Vec::new(),
        });
        rows.push(Row {
            name: format!("ducha typed, {rules} rules, total only"),
            evaluations: times,
            round: Box::new(move || {
                (0..times).fold(0, |acc, _| {
                    fold(acc, rubric.evaluate(black_box(inspection)).unwrap().score())
                })
            }),
            times: Vec::new(),
        });
        rows.push(Row {
            name: format!("naive, {rules} rules"),
            evaluations: times,
            round: Box::new(move || {
                (0..times).fold(0, |acc, _| acc ^ scaled_naive_once(naive, breaches))
            }),
            times: Vec::new(),
        });
    }

    let first_batch = rows.len();
    for batch in &batches {
        rows.push(Row {
            name: format!("ducha batch, typed, {} inspections", batch.len()),
            evaluations: batch.len(),
            round: Box::new(move || {
                let scored = rubric.evaluate_batch(black_box(batch));
                let ranking = scored.ranking();
                let summary = scored.summary();
                let places = ranking.ranked.iter().fold(0, |acc, r| acc ^ r.rank as u64);
                fold(places, summary.score.total)
            }),
            times: Vec::new(),
        });
    }

    run(&mut rows, config.rounds);

    let (rows, batch_rows) = rows.split_at(first_batch);
    let (seed_rows, scaled_rows) = rows.split_at(first_scaled);
    let base = seed_rows.first().map_or(f64::NAN, |r| r.per_evaluation().0);
    println!();
    println!(
        "{:<38}{:>15}{:>11}   rounds (fastest … slowest)",
        "row", "per evaluation", "vs naive"
    );
    for (index, row) in seed_rows.iter().enumerate() {
        if index == table_rows {
            println!("for reference:");
        }
        let (median, min, max) = row.per_evaluation();
        println!(
            "{:<38}{:>15}{:>10.2}×   {} … {}",
            row.name,
            human(median),
            median / base,
            human(min),
            human(max)
        );
    }

    println!();
    println!(
        "linearity: generated rubrics (indicators × 10 items × 10 rules), a fact for every rule; \
         read out = total + every rule's deducted"
    );
    println!(
        "{:<10}{:>16}{:>17}{:>17}{:>17}",
        "rules", "ducha per eval", "ns/rule read out", "ns/rule total", "ns/rule naive"
    );
    let mut per_rule: Vec<[f64; 3]> = Vec::new();
    for (triple, (rules, ..)) in scaled_rows.chunks(3).zip(&generated) {
        let median = |i: usize| triple.get(i).map_or(f64::NAN, |r| r.per_evaluation().0);
        let r = *rules as f64;
        let ns = [median(0) / r, median(1) / r, median(2) / r];
        println!(
            "{:<10}{:>16}{:>17.1}{:>17.1}{:>17.1}",
            rules,
            human(median(0)),
            ns[0],
            ns[1],
            ns[2]
        );
        per_rule.push(ns);
    }
    if let (Some(small), Some(mid), Some(large)) =
        (per_rule.first(), per_rule.get(1), per_rule.last())
    {
        let ratios = |of: &[f64; 3]| {
            let [a, b, c] = *of;
            let [x, y, z] = *small;
            format!(
                "read out {:.2}×, total only {:.2}×, naive {:.2}×",
                a / x,
                b / y,
                c / z
            )
        };
        println!("ns per rule, 10k/1k:  {}", ratios(mid));
        println!("ns per rule, 100k/1k: {}", ratios(large));
    }

    println!();
    println!("linearity: batches of seed inspections, scored, ranked and summarised");
    println!(
        "{:<14}{:>16}{:>20}",
        "inspections", "per batch", "per inspection"
    );
    let per: Vec<f64> = batch_rows
        .iter()
        .map(|row| {
            let (median, ..) = row.per_evaluation();
            println!(
                "{:<14}{:>16}{:>20}",
                row.evaluations,
                human(median * row.evaluations as f64),
                human(median)
            );
            median
        })
        .collect();
    if let (Some(small), Some(large)) = (per.first(), per.last()) {
        println!(
            "per inspection, {} vs {}: {:.2}×",
            sizes.last().copied().unwrap_or(0),
            sizes.first().copied().unwrap_or(0),
            large / small
        );
    }
}

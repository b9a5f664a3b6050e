//! Evaluation benchmarks: the seed rubric on realistic inspections, and a
//! generated rubric of 10,000 rules.
//!
//! `cargo bench --bench evaluate`

#![expect(
    clippy::unwrap_used,
    reason = "a benchmark of fixed inputs: a failure should stop it loudly"
)]

use std::hint::black_box;

mod common;

use common::generated;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ducha::{Fact, Inspection, Trigger};

/// Realistic inspections of the seed rubric: a clean one, the bundled
/// sample, and a poor one with breaches in every item.
fn seed_inspections() -> Vec<(&'static str, Inspection)> {
    let sample: Inspection =
        serde_json::from_str(include_str!("../examples/data/yuxi-sample.json")).unwrap();
    let mut clean = Inspection::new();
    let mut poor = Inspection::new();
    for rule in ducha::seed::yuxi().rules() {
        let (ok, bad): (Fact, Fact) = match rule.trigger {
            Trigger::Flag => (false.into(), true.into()),
            _ => (0u64.into(), Fact::findings(["逾期", "未公示", "材料不全"])),
        };
        clean.facts.insert(rule.id.clone(), ok);
        poor.facts.insert(rule.id.clone(), bad);
    }
    vec![("clean", clean), ("sample", sample), ("poor", poor)]
}

fn seed(c: &mut Criterion) {
    let rubric = ducha::seed::yuxi();
    let mut group = c.benchmark_group("seed");
    for (name, inspection) in seed_inspections() {
        group.bench_with_input(BenchmarkId::new("evaluate", name), &inspection, |b, i| {
            b.iter(|| {
                let card = rubric.evaluate(black_box(i)).unwrap();
                black_box(card.score())
            });
        });
        group.bench_with_input(
            BenchmarkId::new("evaluate+reasons", name),
            &inspection,
            |b, i| {
                b.iter(|| {
                    let card = rubric.evaluate(black_box(i)).unwrap();
                    let reasons: usize = card.items().map(|item| item.reason().len()).sum();
                    black_box(reasons)
                });
            },
        );
        group.bench_with_input(
            BenchmarkId::new("evaluate+json", name),
            &inspection,
            |b, i| {
                b.iter(|| {
                    let card = rubric.evaluate(black_box(i)).unwrap();
                    black_box(serde_json::to_vec(&card).unwrap())
                });
            },
        );
    }
    group.finish();
}

fn scale(c: &mut Criterion) {
    let mut group = c.benchmark_group("generated");
    for groups in [10usize, 100] {
        let (rubric, inspection) = generated(groups);
        let rules = groups * 100;
        group.throughput(Throughput::Elements(rules as u64));
        group.bench_with_input(BenchmarkId::new("evaluate", rules), &inspection, |b, i| {
            b.iter(|| black_box(rubric.evaluate(black_box(i)).unwrap().score()));
        });
    }
    group.finish();
}

/// Seed rule 7a (20 working days after completion) with `n` cases spread
/// over 2026, a third of them late.
fn deadline_cases(n: usize) -> Inspection {
    let start = ducha::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let cases: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let day = start + chrono::Days::new((i % 300) as u64);
            let done = day + chrono::Days::new(if i % 3 == 0 { 40 } else { 10 });
            serde_json::json!({ "start": day.to_string(), "done": done.min(
                ducha::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()).to_string() })
        })
        .collect();
    serde_json::from_value(serde_json::json!({
        "period": { "from": "2026-01-01", "to": "2026-12-31" },
        "facts": { "7a": cases }
    }))
    .unwrap()
}

fn deadlines(c: &mut Criterion) {
    let rubric = ducha::seed::yuxi();
    let mut group = c.benchmark_group("deadline");
    for n in [1_000usize, 10_000] {
        let inspection = deadline_cases(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("cases", n), &inspection, |b, i| {
            b.iter(|| black_box(rubric.evaluate(black_box(i)).unwrap().score()));
        });
    }
    group.finish();
}

/// The JSON surface with the seed rubric loaded: inspection text in,
/// scorecard text out; and loading the rubric itself.
fn json_surface(c: &mut Criterion) {
    let engine = ducha::json::Engine::seed();
    let rubric_json = engine.rubric_json();
    let mut group = c.benchmark_group("json");
    let sample = include_str!("../examples/data/yuxi-sample.json");
    group.bench_function("evaluate/sample", |b| {
        b.iter(|| black_box(engine.evaluate(black_box(sample)).unwrap()));
    });
    let clean = serde_json::to_string(&seed_inspections().swap_remove(0).1).unwrap();
    group.bench_function("evaluate/clean", |b| {
        b.iter(|| black_box(engine.evaluate(black_box(&clean)).unwrap()));
    });
    group.bench_function("load/seed", |b| {
        b.iter(|| black_box(ducha::json::Engine::load(black_box(&rubric_json)).unwrap()));
    });
    group.finish();
}

criterion_group!(benches, seed, scale, deadlines, json_surface);
criterion_main!(benches);

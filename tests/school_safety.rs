//! Tests of a rubric of one's own: copy this file next to your rubric's
//! JSON and adapt the names and numbers.
//!
//! The rubric is `examples/school_safety.json` (某区中小学校园安全检查细则,
//! a small self-made example, 4 items, 20 points). Here it is a module of
//! the integration tests, run with
//! `cargo test --all-features --test integration school_safety::`. In your
//! own crate, save it as `tests/school_safety.rs`, add
//! `ducha = { version = "…", features = ["testing"] }` under
//! `[dev-dependencies]` and run `cargo test --test school_safety`.

use ducha::{Inspection, Rubric};

fn rubric() -> Rubric {
    // `Rubric` deserializes with validation: a typo in the file fails here,
    // naming the field or id.
    serde_json::from_str(include_str!("../examples/school_safety.json")).unwrap()
}

/// Step 1: the warnings we accept, pinned: a new one fails this test.
#[test]
fn diagnostics_are_the_accepted_ones() {
    let found: Vec<String> = rubric()
        .diagnostics()
        .iter()
        .map(|d| d.to_string())
        .collect();
    // 3a (−1 per failed fire installation) has no cap of its own, as the
    // document says; item 3's 6 points bound it.
    assert_eq!(
        found,
        [
            "unbounded-rule `3a`: 1 per breach with no cap of its own: only item `3`'s 6 points bound it"
        ]
    );
}

/// Step 2: the worked examples carried in the rubric file all agree.
#[test]
fn examples_agree() {
    let mismatches: Vec<String> = rubric()
        .check_examples()
        .iter()
        .map(|m| m.to_string())
        .collect();
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

/// Step 3: the invariants hold over generated inspections of the period the
/// rubric is used for.
#[test]
fn invariants_hold() {
    let rubric = rubric();
    let period = ducha::Period::new(
        ducha::NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
        ducha::NaiveDate::from_ymd_opt(2026, 7, 31).unwrap(),
    )
    .unwrap();
    if let Err(failure) = ducha::testing::Invariants::new(&rubric)
        .period(period)
        .check()
    {
        panic!("{failure}");
    }
}

/// Step 4: the clauses that matter most, one by one, with the arithmetic from
/// the document.
#[test]
fn clauses() {
    let rubric = rubric();
    let cases = [
        // (facts, rule, expected deduction, expected total)
        // "5个工作日内未完成整改…发现一起扣1分": found Tue 2026-04-28, due the
        // 5th working day after it: 04-29, 04-30, (05-01..05 holiday), 05-06,
        // 05-07, 05-08. Done Mon 05-11: late (05-09 is a make-up Saturday).
        (
            r#"{"2a": [{"start": "2026-04-28", "done": "2026-05-11"}]}"#,
            "2a",
            "1",
            "19",
        ),
        (
            r#"{"2a": [{"start": "2026-04-28", "done": "2026-05-08"}]}"#,
            "2a",
            "0",
            "20",
        ),
        // "扣完4分为止": 6 late cases deduct 4.
        (r#"{"2a": 6}"#, "2a", "4", "16"),
        // "监控覆盖率低于95%的扣3分": 0.95 is not below 95%.
        (r#"{"4a": "0.95"}"#, "4a", "0", "20"),
        (r#"{"4a": "0.949"}"#, "4a", "3", "17"),
        // "每季度…每少一次扣1分，扣完2分为止": a whole year with no drill misses
        // 4 quarters, capped at 2.
        (r#"{"1b": []}"#, "1b", "2", "18"),
    ];
    for (facts, rule, deducted, total) in cases {
        let inspection: Inspection = serde_json::from_str(&format!(
            r#"{{"period": {{"from": "2026-01-01", "to": "2026-12-31"}}, "facts": {facts}}}"#
        ))
        .unwrap();
        let card = rubric.evaluate(&inspection).unwrap();
        assert_eq!(
            card.rule(rule).unwrap().deducted().to_string(),
            deducted,
            "{facts}"
        );
        assert_eq!(card.score().to_string(), total, "{facts}");
    }
}

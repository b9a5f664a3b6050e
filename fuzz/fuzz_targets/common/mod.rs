//! What every fuzz target checks on an answer of the JSON surface: a
//! scorecard that is well-formed JSON whose numbers add up, or an error whose
//! JSON is well-formed and carries its code.

#![allow(dead_code, reason = "each target uses a part")]

use std::str::FromStr;
use std::sync::OnceLock;

use ducha::Decimal;
use ducha::json::{Engine, JsonError};
use serde_json::Value;

/// The seed engine, built once per process.
pub fn seed() -> &'static Engine {
    static SEED: OnceLock<Engine> = OnceLock::new();
    SEED.get_or_init(Engine::seed)
}

/// A decimal field of a scorecard: a JSON string holding an exact decimal.
fn dec(node: &Value, field: &str) -> Decimal {
    let text = node
        .get(field)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("`{field}` is not a string in {node}"));
    Decimal::from_str_exact(text).unwrap_or_else(|e| panic!("`{field}` = {text:?}: {e}"))
}

/// Checks one indicator or item: 0 <= deducted <= points and score =
/// points - deducted; returns the sum of the rule shares under it.
fn check_node(node: &Value) -> Decimal {
    let (points, deducted, score) = (
        dec(node, "points"),
        dec(node, "deducted"),
        dec(node, "score"),
    );
    assert!(deducted >= Decimal::ZERO, "negative deduction in {node}");
    assert!(deducted <= points, "deduction above the points in {node}");
    assert_eq!(
        points - deducted,
        score,
        "score is not points - deducted in {node}"
    );
    let mut shares = Decimal::ZERO;
    for child in node
        .get("indicators")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        shares += check_node(child);
    }
    for item in node
        .get("items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        shares += check_node(item);
    }
    for rule in node
        .get("rules")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (raw, share) = (dec(rule, "raw"), dec(rule, "deducted"));
        assert!(
            share >= Decimal::ZERO && share <= raw,
            "rule share outside [0, raw] in {rule}"
        );
        let assessed = rule.get("assessed").and_then(Value::as_bool);
        let breaches = rule.get("breaches").and_then(Value::as_u64);
        assert!(
            assessed.is_some() && breaches.is_some(),
            "rule without assessed/breaches: {rule}"
        );
        if assessed == Some(false) {
            assert_eq!(breaches, Some(0), "unassessed rule with breaches: {rule}");
            assert!(raw.is_zero(), "unassessed rule with a deduction: {rule}");
        }
        let reason = rule.get("reason").and_then(Value::as_str);
        assert!(reason.is_some(), "rule without a reason string: {rule}");
        shares += share;
    }
    shares
}

/// Checks a scorecard: it parses, 0 <= score <= points, every node adds up,
/// and the rule shares add up to the total deduction.
pub fn check_card(card: &str) -> Value {
    let value: Value =
        serde_json::from_str(card).unwrap_or_else(|e| panic!("scorecard is not JSON: {e}"));
    let points = dec(&value, "points");
    let score = dec(&value, "score");
    assert!(
        score >= Decimal::ZERO && score <= points,
        "score {score} outside [0, {points}]"
    );
    let shares = check_node(&value);
    assert_eq!(
        shares,
        dec(&value, "deducted"),
        "rule shares do not add up to the deduction"
    );
    value
}

/// Checks an error: its JSON parses and carries its code and message.
pub fn check_error(e: &JsonError) {
    let text = e.to_json();
    let value: Value =
        serde_json::from_str(&text).unwrap_or_else(|err| panic!("error JSON {text:?}: {err}"));
    let error = value
        .get("error")
        .unwrap_or_else(|| panic!("no `error` in {text}"));
    assert_eq!(
        error.get("code").and_then(Value::as_str),
        Some(e.code.as_str()),
        "{text}"
    );
    assert!(
        error.get("message").and_then(Value::as_str).is_some(),
        "{text}"
    );
}

/// Answers longer than this are checked once, not compared with a second
/// evaluation: a few inputs give megabytes of reasons, and comparing them
/// every time would slow the fuzzer down for little.
pub const COMPARE_BELOW: usize = 1 << 16;

/// Whether an answer is short enough to be worth a second evaluation.
pub fn short(answer: &Result<String, JsonError>) -> bool {
    answer
        .as_ref()
        .map_or(true, |card| card.len() < COMPARE_BELOW)
}

/// Scores `inspection` on `engine` and checks the answer: a sound scorecard,
/// the same bytes a second time; or a sound error, the same a second time.
pub fn evaluate_checked(engine: &Engine, inspection: &str) -> Result<String, JsonError> {
    let first = engine.evaluate(inspection);
    match &first {
        Ok(card) => {
            check_card(card);
        }
        Err(e) => check_error(e),
    }
    if short(&first) {
        let second = engine.evaluate(inspection);
        assert_eq!(first, second, "two evaluations of the same input differ");
    }
    first
}

/// Checks that a loaded rubric's JSON loads back to the same rubric (the
/// same JSON bytes, the same diagnostics) and scores `inspection` alike.
pub fn check_round_trip(engine: &Engine, inspection: &str) {
    let text = engine.rubric_json();
    let back =
        Engine::load(&text).unwrap_or_else(|e| panic!("rubric JSON does not load back: {e}"));
    assert_eq!(
        back.rubric_json(),
        text,
        "rubric JSON differs after a round trip"
    );
    assert_eq!(
        back.diagnostics(),
        engine.diagnostics(),
        "diagnostics differ after a round trip"
    );
    let diagnostics: Value = serde_json::from_str(&engine.diagnostics())
        .unwrap_or_else(|e| panic!("diagnostics are not JSON: {e}"));
    assert!(diagnostics.get("diagnostics").is_some_and(Value::is_array));
    assert_eq!(
        back.evaluate(inspection),
        engine.evaluate(inspection),
        "a round-tripped rubric scores differently"
    );
}

/// An inspection with a fact of the right type for every rule of `engine`'s
/// rubric, over 2026: `big` makes every count `u64::MAX` (hand-counted
/// where the trigger reads dates), to reach the overflow checks.
pub fn inspection_for(engine: &Engine, big: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::from(
        r#"{"period":{"from":"2026-01-01","to":"2026-12-31"},"as_of":"2026-12-31","facts":{"#,
    );
    for (i, rule) in engine.rubric().rules().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let fact = match (&rule.trigger, big) {
            (ducha::Trigger::Flag, _) => "true",
            (_, true) => "18446744073709551615",
            (ducha::Trigger::Count, false) => "7",
            (ducha::Trigger::Threshold { .. }, false) => "\"0.5\"",
            (
                ducha::Trigger::Deadline {
                    within: Some(_), ..
                },
                false,
            ) => {
                r#"[{"start":"2026-03-02","done":"2026-06-30","note":"晚"},{"start":"2026-11-02"}]"#
            }
            (ducha::Trigger::Deadline { .. }, false) => {
                r#"[{"due":"2026-03-02","done":"2026-06-30"},{"due":"2026-11-02"}]"#
            }
            (ducha::Trigger::Cadence { .. }, false) => r#"["2026-02-01","2026-08-15"]"#,
            (_, false) => "true",
        };
        let _ = write!(out, "{}:{fact}", serde_json::Value::from(rule.id.as_str()));
    }
    out.push_str("}}");
    out
}

/// Parses `s` as a decimal the way a check does (for targets).
pub fn decimal(s: &str) -> Option<Decimal> {
    Decimal::from_str(s).ok()
}

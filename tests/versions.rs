//! Rubric versions (试行, revisions by year): the dates each is in force,
//! the one picked for an inspection's period, the errors when none or
//! several apply, and the stamp every scorecard carries.

use ducha::json::{Engine, ErrorCode};
use ducha::{
    EvalError, InForce, Inspection, NaiveDate, Period, Rubric, RubricError, VersionProblem,
    Versions, VersionsError,
};
use serde_json::Value;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// One rule `1a` deducting `points` on a flag; version `version` in force
/// as `in_force` says (JSON, or empty for none).
fn text(version: &str, in_force: &str, points: &str) -> String {
    let in_force = if in_force.is_empty() {
        String::new()
    } else {
        format!(r#""in_force": {in_force},"#)
    };
    format!(
        r#"{{"id": "r", "title": "某局细则", "version": "{version}", {in_force} "total": "5",
        "indicators": [{{"id": "G", "name": "领导重视", "points": "5", "items": [
          {{"id": "1", "serial": "1", "points": "5", "requirement": "明确联络员", "rules": [
            {{"id": "1a", "label": "未明确日常联络员", "text": "", "trigger": {{"kind": "flag"}},
              "penalty": {{"kind": "flat", "points": "{points}"}}}}]}}]}}]}}"#
    )
}

fn rubric(version: &str, in_force: &str, points: &str) -> Rubric {
    ducha::json::parse_rubric(&text(version, in_force, points)).unwrap()
}

/// 2024版 (2024), 2025版 (2025), 2026版 (from 2026, no end): −1, −2, −2.5.
fn versions() -> Versions {
    let mut v = Versions::new(rubric(
        "2024版",
        r#"{"from": "2024-01-01", "to": "2024-12-31"}"#,
        "1",
    ))
    .unwrap();
    v.add(rubric(
        "2025版",
        r#"{"from": "2025-01-01", "to": "2025-12-31"}"#,
        "2",
    ))
    .unwrap();
    v.add(rubric("2026版", r#"{"from": "2026-01-01"}"#, "2.5"))
        .unwrap();
    v
}

fn breached(period: Option<(&str, &str)>, as_of: Option<&str>) -> Inspection {
    let mut i = Inspection::new().with("1a", true).unwrap();
    i.period = period.map(|(a, b)| Period::new(d(a), d(b)).unwrap());
    i.as_of = as_of.map(d);
    i
}

#[test]
fn the_version_in_force_for_the_period_or_the_date_is_picked() {
    let v = versions();
    for (period, as_of, version, score) in [
        (Some(("2025-01-01", "2025-12-31")), None, "2025版", "3"),
        (Some(("2024-03-01", "2024-03-31")), None, "2024版", "4"),
        // No end: in force for any later period.
        (Some(("2031-01-01", "2031-12-31")), None, "2026版", "2.5"),
        (None, Some("2025-12-31"), "2025版", "3"),
        (None, Some("2026-01-01"), "2026版", "2.5"),
    ] {
        let inspection = breached(period, as_of);
        let card = v.evaluate(&inspection).unwrap();
        assert_eq!(
            card.rubric().spec().version,
            version,
            "{period:?} {as_of:?}"
        );
        assert_eq!(card.score().to_string(), score, "{period:?} {as_of:?}");
    }
}

#[test]
fn none_several_or_no_date_is_an_error_naming_the_rubric() {
    let v = versions();
    let cases = [
        (
            Some(("2023-01-01", "2023-12-31")),
            None,
            VersionProblem::NoneInForce,
        ),
        // A period across a revision: both are in force in part of it.
        (
            Some(("2025-07-01", "2026-06-30")),
            None,
            VersionProblem::Several {
                versions: vec!["2025版".into(), "2026版".into()],
            },
        ),
        (None, None, VersionProblem::NoDate),
        (None, Some("2023-06-30"), VersionProblem::NoneInForce),
    ];
    for (period, as_of, expected) in cases {
        match v.evaluate(&breached(period, as_of)) {
            Err(EvalError::Version { rubric, problem }) => {
                assert_eq!(rubric.as_str(), "r");
                assert_eq!(problem, expected, "{period:?} {as_of:?}");
            }
            other => panic!("{period:?} {as_of:?}: {other:?}"),
        }
    }
}

#[test]
fn a_set_refuses_another_id_a_repeated_name_or_a_version_without_dates() {
    let mut v = versions();
    let other = ducha::json::parse_rubric(
        &text("2027版", r#"{"from": "2027-01-01"}"#, "1").replace(r#""id": "r""#, r#""id": "q""#),
    )
    .unwrap();
    assert!(matches!(
        v.add(other),
        Err(VersionsError::OtherRubric { .. })
    ));
    assert!(matches!(
        v.add(rubric("2025版", r#"{"from": "2030-01-01"}"#, "1")),
        Err(VersionsError::Duplicate { ref version, .. }) if version == "2025版"
    ));
    assert!(matches!(
        v.add(rubric("无日期", "", "1")),
        Err(VersionsError::NoDates { .. })
    ));
    assert_eq!(v.len(), 3);
    // A single version without dates is always in force.
    let one = Versions::new(rubric("试行", "", "1")).unwrap();
    assert_eq!(
        one.evaluate(&breached(None, None))
            .unwrap()
            .score()
            .to_string(),
        "4"
    );
    // Dates that end before they start are refused when the rubric loads.
    let backwards = RubricError::InForce {
        from: d("2026-01-01"),
        to: d("2025-12-31"),
    };
    let spec: ducha::RubricSpec = ducha::json::from_str(&text(
        "x",
        r#"{"from": "2026-01-01", "to": "2025-12-31"}"#,
        "1",
    ))
    .unwrap();
    assert_eq!(Rubric::new(spec).unwrap_err(), backwards);
    // No end: in force from its first day on, never before.
    let open = InForce::from(d("2026-01-01"));
    assert!(open.covers(d("2040-01-01")) && !open.covers(d("2025-12-31")));
}

#[test]
fn the_json_engine_picks_by_period_and_stamps_the_scorecard() {
    let mut engine = Engine::load(&text(
        "2025版",
        r#"{"from": "2025-01-01", "to": "2025-12-31"}"#,
        "2",
    ))
    .unwrap();
    engine
        .add_version(&text("2026版", r#"{"from": "2026-01-01"}"#, "2.5"))
        .unwrap();
    let card: Value = serde_json::from_str(
        &engine
            .evaluate(
                r#"{"period": {"from": "2026-01-01", "to": "2026-12-31"}, "facts": {"1a": true}}"#,
            )
            .unwrap(),
    )
    .unwrap();
    assert_eq!(card["version"], "2026版");
    assert_eq!(card["period"]["from"], "2026-01-01");
    assert_eq!(card["as_of"], "2026-12-31");
    assert_eq!(card["ducha"], ducha::json::VERSION);
    assert_eq!(card["score"], "2.5");

    let e = engine.evaluate(r#"{"facts": {"1a": true}}"#).unwrap_err();
    assert_eq!((e.code, e.id.as_deref()), (ErrorCode::Version, Some("r")));
    assert!(e.message.contains("`period`"), "{}", e.message);
    // A bad period is the error reading it gives, before any version.
    let e = engine
        .evaluate(r#"{"period": {"from": "2026-12-31", "to": "2026-01-01"}, "facts": {}}"#)
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Invalid);
    // Adding a version of another rubric, or one without dates, is refused.
    let e = engine.add_version(&text("2027版", "", "1")).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidRubric);
    assert_eq!(engine.versions().len(), 2);
}

#[test]
fn a_batch_scores_against_one_version() {
    let mut engine = Engine::load(&text(
        "2025版",
        r#"{"from": "2025-01-01", "to": "2025-12-31"}"#,
        "2",
    ))
    .unwrap();
    engine
        .add_version(&text("2026版", r#"{"from": "2026-01-01"}"#, "2.5"))
        .unwrap();
    let report: Value = serde_json::from_str(
        &engine
            .evaluate_batch(
                r#"{"assessees": [
                  {"id": "a", "inspection": {"as_of": "2026-06-30", "facts": {"1a": true}}},
                  {"id": "b", "inspection": {"as_of": "2025-06-30", "facts": {"1a": true}}},
                  {"id": "c", "inspection": {"as_of": "2026-12-31", "facts": {"1a": false}}}]}"#,
            )
            .unwrap(),
    )
    .unwrap();
    assert_eq!(report["entries"][0]["scorecard"]["version"], "2026版");
    assert_eq!(report["entries"][1]["error"]["code"], "version");
    assert_eq!(report["entries"][2]["scorecard"]["score"], "5");
}

#[test]
fn every_scorecard_says_what_produced_it() {
    let engine = Engine::seed();
    let card: Value = serde_json::from_str(
        &engine
            .evaluate(r#"{"as_of": "2026-06-30", "facts": {}}"#)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(card["rubric"], "yuxi-shuangsuiji");
    assert_eq!(card["version"], "试行");
    assert_eq!(card["as_of"], "2026-06-30");
    assert!(card.get("period").is_none());
    assert_eq!(card["ducha"], env!("CARGO_PKG_VERSION"));
    // The stamp reads back through the typed report.
    let rubric = ducha::seed::yuxi();
    let inspection: Inspection = ducha::json::from_str(
        r#"{"period": {"from": "2026-01-01", "to": "2026-12-31"}, "facts": {}}"#,
    )
    .unwrap();
    let card = rubric.evaluate(&inspection).unwrap();
    let report = card.report();
    assert_eq!(report.as_of, Some(d("2026-12-31")));
    assert_eq!(report.period.map(|p| p.from()), Some(d("2026-01-01")));
    let json = serde_json::to_string(&report).unwrap();
    let back: ducha::Report = ducha::json::from_str(&json).unwrap();
    assert_eq!(back, report);
}

//! Conformance cases: every binding must give these exact bytes.
//!
//! Each folder of `tests/conformance/` holds an `inspection.json`, an
//! optional `rubric.json` (the built-in seed rubric when absent) and the
//! `expected.json` output of the JSON surface: the scorecard, or the error
//! as `{"error": …}`, compact, with a final newline. The Rust test here, the
//! C program and the Node script of the wrapper run every case and must
//! agree exactly.

use std::fs;
use std::path::Path;

use ducha::json::Engine;

#[test]
fn every_case_gives_the_expected_bytes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut cases: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 10, "conformance cases in {}", dir.display());
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let rubric = case.join("rubric.json");
        let engine = if rubric.exists() {
            Engine::load(&fs::read_to_string(&rubric).unwrap()).unwrap()
        } else {
            Engine::seed()
        };
        let inspection = fs::read_to_string(case.join("inspection.json")).unwrap();
        let got = match engine.evaluate(&inspection) {
            Ok(card) => card,
            Err(e) => e.to_json(),
        };
        let expected = fs::read_to_string(case.join("expected.json")).unwrap();
        assert_eq!(format!("{got}\n"), expected, "case {name}");
    }
}

/// The seed sample's conformance output is the golden scorecard.
#[test]
fn sample_matches_the_golden_scorecard() {
    let golden: serde_json::Value =
        serde_json::from_str(include_str!("golden/yuxi-sample.scorecard.json")).unwrap();
    let compact: serde_json::Value =
        serde_json::from_str(include_str!("conformance/seed-sample/expected.json")).unwrap();
    assert_eq!(compact, golden);
}

/// A stored scorecard reads back into the owned report type and writes the
/// same bytes again: JSON → `Report` → JSON, for every conformance
/// scorecard, through the crate's reader and through serde_json alike.
#[test]
fn every_scorecard_round_trips_through_the_report() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut checked = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let case = entry.unwrap().path();
        let expected = fs::read_to_string(case.join("expected.json")).unwrap();
        let text = expected.trim_end();
        if text.starts_with(r#"{"error""#) {
            continue;
        }
        let report: ducha::Report<'_> = ducha::json::from_str(text).unwrap();
        assert_eq!(
            serde_json::to_string(&report).unwrap(),
            text,
            "{}",
            case.display()
        );
        let owned: ducha::Report<'static> = serde_json::from_str::<ducha::Report<'_>>(text)
            .unwrap()
            .into_owned();
        assert_eq!(owned, report, "{}", case.display());
        assert_eq!(
            serde_json::to_string(&owned).unwrap(),
            text,
            "{}",
            case.display()
        );
        checked += 1;
    }
    assert!(checked >= 5, "scorecards checked: {checked}");
}

/// The report an evaluation gives is the report its JSON reads back into.
#[test]
fn the_report_of_an_evaluation_is_its_json() {
    let rubric = ducha::seed::yuxi();
    let inspection: ducha::Inspection =
        ducha::json::from_str(include_str!("../examples/data/yuxi-sample.json")).unwrap();
    let card = rubric.evaluate(&inspection).unwrap();
    let report = card.report();
    let json = serde_json::to_string(&card).unwrap();
    assert_eq!(serde_json::to_string(&report).unwrap(), json);
    let back: ducha::Report<'_> = ducha::json::from_str(&json).unwrap();
    assert_eq!(back, report);
}

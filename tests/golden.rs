//! Golden fixtures: a rubric, an inspection and the expected scorecard JSON,
//! compared byte for byte.
//!
//! `tests/golden/NAME.inspection.json` is scored against the seed rubric and
//! must give exactly `tests/golden/NAME.scorecard.json` (pretty-printed, with
//! a final newline). The expected file of the bundled sample was produced by
//! `cargo run --example score -- --json` and each of its numbers checked by
//! hand against the original document (see `seed_clauses.rs`).

use std::fs;
use std::path::Path;

use ducha::Inspection;

#[test]
fn golden_scorecards() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let rubric = ducha::seed::yuxi();
    let mut cases = 0;
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".inspection.json"))
        .collect();
    names.sort();
    for name in names {
        let stem = name.trim_end_matches(".inspection.json");
        let inspection: Inspection =
            serde_json::from_str(&fs::read_to_string(dir.join(&name)).unwrap()).unwrap();
        let expected = fs::read_to_string(dir.join(format!("{stem}.scorecard.json"))).unwrap();
        let card = rubric.evaluate(&inspection).unwrap();
        let mut got = serde_json::to_string_pretty(&card).unwrap();
        got.push('\n');
        assert_eq!(got, expected, "golden case {stem}");
        cases += 1;
    }
    assert!(cases >= 1, "no golden cases found in {}", dir.display());
}

/// The bundled sample of the `score` example is one of the golden cases.
#[test]
fn sample_is_golden() {
    let sample = include_str!("../examples/data/yuxi-sample.json");
    let golden = include_str!("golden/yuxi-sample.inspection.json");
    assert_eq!(sample, golden);
}

/// Same input, same bytes: evaluating and serializing twice, and through a
/// JSON round trip of the inspection.
#[test]
fn byte_identical_output() {
    let rubric = ducha::seed::yuxi();
    let inspection: Inspection =
        serde_json::from_str(include_str!("golden/yuxi-sample.inspection.json")).unwrap();
    let first = serde_json::to_vec(&rubric.evaluate(&inspection).unwrap()).unwrap();
    let again = serde_json::to_vec(&rubric.evaluate(&inspection).unwrap()).unwrap();
    assert_eq!(first, again);
    let round: Inspection =
        serde_json::from_str(&serde_json::to_string(&inspection).unwrap()).unwrap();
    assert_eq!(round, inspection);
    let third = serde_json::to_vec(&rubric.evaluate(&round).unwrap()).unwrap();
    assert_eq!(first, third);
}

/// The bundled sample file is the built-in sample, fact for fact.
#[test]
fn sample_file_is_the_built_in_sample() {
    let file: Inspection =
        serde_json::from_str(include_str!("../examples/data/yuxi-sample.json")).unwrap();
    assert_eq!(file, ducha::seed::yuxi_sample());
}

//! Raw bytes into every entry of the JSON surface: as an inspection for the
//! seed rubric, as a rubric to validate, load and score, and as a calendar
//! year added to (a clone of) the seed engine. Nothing may panic, and every
//! answer must be sound (see `common`).

#![no_main]

mod common;

use ducha::json;
use libfuzzer_sys::fuzz_target;

/// An inspection that needs the calendar of 2026 and 2027 (7a counts 20
/// working days from 2026-12-20), so an added year changes its answer.
const ACROSS_THE_YEAR: &str = r#"{"as_of":"2027-03-01","facts":{"7a":[{"start":"2026-12-20","done":"2027-02-01"}],"11e":[{"start":"2026-12-01"}],"13b":[{"due":"2027-01-10"}]}}"#;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let seed = common::seed();

    // As an inspection for the seed rubric.
    let _ = common::evaluate_checked(seed, text);

    // As a rubric: validate, load, score.
    let validated = json::validate(text);
    match &validated {
        Ok(diagnostics) => {
            let _: serde_json::Value = serde_json::from_str(diagnostics)
                .unwrap_or_else(|e| panic!("diagnostics are not JSON: {e}"));
        }
        Err(e) => common::check_error(e),
    }
    match json::Engine::load(text) {
        Ok(engine) => {
            assert!(validated.is_ok(), "loads but does not validate");
            for big in [false, true] {
                let inspection = common::inspection_for(&engine, big);
                let _ = common::evaluate_checked(&engine, &inspection);
            }
            let _ = common::evaluate_checked(&engine, "{}");
            common::check_round_trip(&engine, &common::inspection_for(&engine, false));
            assert_eq!(
                json::evaluate(text, "{}"),
                engine.evaluate("{}"),
                "json::evaluate differs from Engine::load + evaluate"
            );
        }
        Err(e) => {
            assert!(validated.is_err(), "validates but does not load");
            common::check_error(&e);
        }
    }

    // As a calendar year.
    let mut engine = seed.clone();
    match engine.add_calendar_year(text) {
        Ok(()) => {
            let _ = common::evaluate_checked(&engine, ACROSS_THE_YEAR);
        }
        Err(e) => common::check_error(&e),
    }
});

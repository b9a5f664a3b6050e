//! The JSON Schema of a rubric's inspections: every rule, the forms its
//! trigger reads, the options of a rating, the ids that may be marked not
//! applicable. (CI validates every conformance inspection against it with a
//! real validator: `packages/python/tests/test_schema_batch.py`.)

use ducha::json::Engine;
use serde_json::Value;

fn schema(engine: &Engine) -> Value {
    serde_json::from_str(&engine.inspection_schema()).unwrap()
}

fn case(name: &str) -> Engine {
    let path = format!(
        "{}/tests/conformance/{name}/rubric.json",
        env!("CARGO_MANIFEST_DIR")
    );
    Engine::load(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn every_seed_rule_has_its_forms_label_and_place() {
    let engine = Engine::seed();
    let schema = schema(&engine);
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(
        schema["properties"]["rubric"]["anyOf"][0]["const"],
        "yuxi-shuangsuiji"
    );
    let facts = schema["properties"]["facts"]["properties"]
        .as_object()
        .unwrap();
    let ids: Vec<&str> = engine.rubric().rules().map(|r| r.id.as_str()).collect();
    assert_eq!(facts.len(), ids.len());
    for id in ids {
        assert!(facts.contains_key(id), "{id}");
    }
    // 2b: a flag (true/false or one finding).
    let flag = &facts["2b"];
    assert_eq!(flag["title"], "未明确日常联络员");
    assert_eq!(flag["x-ducha"]["trigger"], "flag");
    assert_eq!(flag["anyOf"][0]["$ref"], "#/$defs/flag");
    // 7a: cases first, then the hand-counted forms.
    assert_eq!(facts["7a"]["anyOf"][0]["$ref"], "#/$defs/cases");
    assert_eq!(facts["7a"]["anyOf"].as_array().unwrap().len(), 5);
    // 12a: a ratio, 0 to 1 as a number.
    let ratio = &facts["12a"]["anyOf"][0]["anyOf"][0];
    assert_eq!(
        (ratio["minimum"].as_i64(), ratio["maximum"].as_i64()),
        (Some(0), Some(1))
    );
    assert_eq!(
        facts["12a"]["x-ducha"]["indicators"],
        serde_json::json!(["G3"])
    );
    // The seed declares no not-applicable policy: none may be marked.
    assert_eq!(schema["properties"]["not_applicable"]["maxProperties"], 0);
}

#[test]
fn a_rating_lists_its_options_and_a_policy_lists_what_may_be_marked() {
    let shapes = schema(&case("shapes"));
    let facts = shapes["properties"]["facts"]["properties"]
        .as_object()
        .unwrap();
    let rating = facts
        .values()
        .find(|r| r["x-ducha"]["trigger"] == "rating")
        .unwrap();
    assert_eq!(rating["enum"], serde_json::json!(["优", "良", "中", "差"]));

    let card = schema(&case("card-outcomes"));
    let marks = card["properties"]["not_applicable"]["properties"]
        .as_object()
        .unwrap();
    assert!(
        marks.contains_key("B2") && marks.contains_key("b2"),
        "{marks:?}"
    );
    // A bonus rule takes a fact, and says it is in the bonus section; its
    // item may not be marked.
    let facts = card["properties"]["facts"]["properties"]
        .as_object()
        .unwrap();
    let bonus = facts
        .values()
        .find(|r| r["x-ducha"]["section"] == "bonus")
        .unwrap();
    assert!(!marks.contains_key(bonus["x-ducha"]["item"].as_str().unwrap()));
}

#[test]
fn the_same_rubric_gives_the_same_bytes() {
    assert_eq!(
        Engine::seed().inspection_schema(),
        Engine::seed().inspection_schema()
    );
}

//! `ducha validate`: every problem of an inspection, not only the first.
//!
//! The library stops at the first error. To find them all, the inspection's
//! top-level fields and its facts are checked one at a time: each check
//! reads a copy of the input in which every other entry is blanked out with
//! spaces (line breaks kept), so the library's messages, paths and line and
//! column numbers are those of the original file.

use ducha::Rubric;
use ducha::json::{ErrorCode, JsonError};

use crate::scan::{Member, Object, Scanner, blank};

/// Blanks, in `bytes`, the members of `object` that `keep` refuses, and
/// the commas that no longer separate two kept members.
fn blank_members(bytes: &mut [u8], object: &Object, keep: impl Fn(usize) -> bool) {
    let kept: Vec<bool> = (0..object.members.len()).map(&keep).collect();
    for (i, member) in object.members.iter().enumerate() {
        if !kept.get(i).copied().unwrap_or(false) {
            blank(bytes, member.start..member.value.end);
        }
        if let Some(comma) = member.comma {
            blank(bytes, comma..comma + 1);
        }
    }
    // A comma goes back after each kept member that a kept member follows.
    let mut previous: Option<&Member> = None;
    for (member, &k) in object.members.iter().zip(&kept) {
        if !k {
            continue;
        }
        if let Some(comma) = previous.and_then(|p| p.comma)
            && let Some(b) = bytes.get_mut(comma)
        {
            *b = b',';
        }
        previous = Some(member);
    }
}

/// Parses and evaluates one text: its first error, if any.
fn check(rubric: &Rubric, text: &str) -> Option<JsonError> {
    let inspection = match ducha::json::parse_inspection(text) {
        Ok(inspection) => inspection,
        Err(e) => return Some(e),
    };
    rubric.evaluate(&inspection).err().map(JsonError::from)
}

/// The context fields of an inspection, which every fact's check keeps
/// where they are valid.
const CONTEXT: [&str; 3] = ["rubric", "period", "as_of"];

/// What validation found.
#[derive(Debug)]
pub struct Validation {
    /// Every problem, in the order of the input.
    pub problems: Vec<JsonError>,
    /// The rules with no fact (when there are no problems).
    pub not_assessed: Vec<(String, String)>,
    /// The number of rules in the rubric.
    pub rules: usize,
}

/// Checks `text` against `rubric` and lists every problem.
pub fn validate(rubric: &Rubric, text: &str) -> Validation {
    let rules = rubric.rules().count();
    let first = match ducha::json::parse_inspection(text) {
        Err(e) => e,
        Ok(inspection) => match rubric.evaluate(&inspection) {
            Ok(card) => {
                let not_assessed = card
                    .rules()
                    .filter(|r| !r.assessed())
                    .map(|r| (r.id().to_string(), r.rule().label.clone()))
                    .collect();
                return Validation {
                    problems: Vec::new(),
                    not_assessed,
                    rules,
                };
            }
            Err(e) => JsonError::from(e),
        },
    };
    let problems = match first.code {
        // Nothing after a syntax error or above a limit can be read.
        ErrorCode::Syntax | ErrorCode::Limit | ErrorCode::Utf8 => Vec::new(),
        _ => every_problem(rubric, text).unwrap_or_default(),
    };
    // The checks one by one find nothing only if the problem is in how the
    // parts go together: the library's own error says what it is.
    let problems = if problems.is_empty() {
        vec![first]
    } else {
        problems
    };
    Validation {
        problems,
        not_assessed: Vec::new(),
        rules,
    }
}

/// Checks each top-level field and each fact on its own. `None` if the
/// input cannot be split (the caller reports the library's first error).
fn every_problem(rubric: &Rubric, text: &str) -> Option<Vec<JsonError>> {
    // A byte-order mark is skipped like the library does.
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut scanner = Scanner::new(text, start);
    let top = scanner.object()?;
    scanner.skip_ws();
    if scanner.pos != text.len() {
        return None;
    }
    let original = text.as_bytes();
    let doc = |bytes: Vec<u8>| String::from_utf8(bytes).ok();
    let mut problems: Vec<JsonError> = Vec::new();
    let push = |e: JsonError, problems: &mut Vec<JsonError>| {
        if !problems.contains(&e) {
            problems.push(e);
        }
    };

    // Each top-level key but `facts`, its members together (a key given
    // twice is the library's error to report).
    let mut good_context: Vec<usize> = Vec::new();
    let mut context_failed = false;
    let mut keys: Vec<&str> = Vec::new();
    for member in &top.members {
        if !keys.contains(&member.key.as_str()) {
            keys.push(&member.key);
        }
    }
    let facts_members: Vec<usize> = positions(&top, "facts");
    for key in keys.iter().filter(|k| **k != "facts") {
        let members = positions(&top, key);
        let mut bytes = original.to_vec();
        blank_members(&mut bytes, &top, |i| members.contains(&i));
        match check(rubric, &doc(bytes)?) {
            Some(e) => {
                context_failed |= CONTEXT.contains(key);
                push(e, &mut problems);
            }
            None if CONTEXT.contains(key) => good_context.extend(members),
            None => {}
        }
    }

    // The facts: one rule id at a time, with the valid context fields.
    if facts_members.len() > 1 {
        let mut bytes = original.to_vec();
        blank_members(&mut bytes, &top, |i| facts_members.contains(&i));
        if let Some(e) = check(rubric, &doc(bytes)?) {
            push(e, &mut problems);
        }
        return Some(problems);
    }
    let Some(&facts_index) = facts_members.first() else {
        return Some(problems);
    };
    let facts_member = top.members.get(facts_index)?;
    let keep_top = |i: usize| i == facts_index || good_context.contains(&i);
    let mut inner = Scanner::new(text, facts_member.value.start);
    let Some(facts) = inner.object() else {
        // Not an object: the library says what is wrong with it.
        let mut bytes = original.to_vec();
        blank_members(&mut bytes, &top, keep_top);
        if let Some(e) = check(rubric, &doc(bytes)?) {
            push(e, &mut problems);
        }
        return Some(problems);
    };
    let mut ids: Vec<&str> = Vec::new();
    for member in &facts.members {
        if !ids.contains(&member.key.as_str()) {
            ids.push(&member.key);
        }
    }
    for id in ids {
        let members = positions(&facts, id);
        let mut bytes = original.to_vec();
        blank_members(&mut bytes, &top, keep_top);
        blank_members(&mut bytes, &facts, |i| members.contains(&i));
        if let Some(e) = check(rubric, &doc(bytes)?) {
            // A date rule that lacks the period because the period itself
            // is wrong is not a problem of its own.
            if !(context_failed && e.code == ErrorCode::MissingContext) {
                push(e, &mut problems);
            }
        }
    }
    Some(problems)
}

/// The positions of the members named `key`.
fn positions(object: &Object, key: &str) -> Vec<usize> {
    object
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| m.key == key)
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        let rubric = ducha::seed::yuxi();
        validate(&rubric, text)
            .problems
            .iter()
            .map(|e| crate::input::error_line("i.json", e))
            .collect()
    }

    #[test]
    fn every_problem_with_its_place() {
        let text = "{\n  \"period\": {\"from\": \"2026-01-01\", \"to\": \"2026-12-31\"},\n  \"facts\": {\n    \"7a\": [{\"start\": \"2026-13-01\"}],\n    \"12a\": 96,\n    \"2b\": true,\n    \"7z\": 1\n  }\n}\n";
        let got = problems(text);
        assert_eq!(
            got,
            [
                "error[invalid]: i.json: facts.7a[0].start: invalid date `2026-13-01`, expected `YYYY-MM-DD` at line 4 column 33",
                "error[out-of-domain]: i.json: facts.12a: rule `12a` reads a ratio from 0 to 1 (or a percentage such as `96%`), got `96`",
                "error[unknown-rule]: i.json: facts.7z: unknown rule `7z`",
            ]
        );
        // The first is exactly what the library says of the whole file:
        // blanking the other entries kept the line and column.
        let whole = ducha::json::Engine::seed().evaluate(text).unwrap_err();
        assert_eq!(got[0], crate::input::error_line("i.json", &whole));
    }

    #[test]
    fn top_level_problems_and_the_context() {
        let text = r#"{"rubric": "other", "period": {"from": "2026-12-31", "to": "2026-01-01"}, "extra": 1, "facts": {"1a": ["2026-03-01"], "2b": 7}}"#;
        let got = problems(text);
        assert_eq!(got.len(), 4, "{got:#?}");
        assert!(
            got[0].starts_with("error[rubric-mismatch]: i.json: rubric: "),
            "{got:#?}"
        );
        assert!(
            got[1].starts_with("error[invalid]: i.json: period"),
            "{got:#?}"
        );
        assert!(got[2].contains("extra"), "{got:#?}");
        assert!(
            got[3].starts_with("error[out-of-domain]: i.json: facts.2b: ")
                || got[3].starts_with("error[wrong-fact-type]: i.json: facts.2b: "),
            "1a's missing period is not reported again: {got:#?}"
        );
    }

    #[test]
    fn a_rule_given_twice_is_reported_once() {
        let got = problems(r#"{"facts": {"2b": true, "2a": 5.5, "2b": false}}"#);
        assert_eq!(
            got,
            [
                "error[invalid]: i.json: facts: fact for rule `2b` given twice at line 1 column 38",
                "error[wrong-fact-type]: i.json: facts.2a: rule `2a` expects a flag (true, false or one finding), got a measured value",
            ]
        );
    }

    #[test]
    fn syntax_errors_stop_there() {
        let got = problems(r#"{"facts": {"2b": tru}}"#);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(got[0].starts_with("error[syntax]: i.json: "), "{got:#?}");
    }

    #[test]
    fn a_valid_inspection_lists_what_is_not_assessed() {
        let rubric = ducha::seed::yuxi();
        let v = validate(
            &rubric,
            include_str!("../../../examples/data/yuxi-sample.json"),
        );
        assert!(v.problems.is_empty());
        assert_eq!(v.rules, 24);
        assert_eq!(v.not_assessed.len(), 1);
        assert_eq!(v.not_assessed[0].0, "11f");
    }

    #[test]
    fn blanking_keeps_positions_and_commas() {
        let text = r#"{"a": 1, "b": [2, 3], "c": "x,y", "d": {}}"#;
        let object = Scanner::new(text, 0).object().unwrap();
        let keys: Vec<&str> = object.members.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["a", "b", "c", "d"]);
        let mut bytes = text.as_bytes().to_vec();
        blank_members(&mut bytes, &object, |i| i == 0 || i == 2);
        let out = String::from_utf8(bytes).unwrap();
        assert_eq!(out.len(), text.len(), "same length");
        assert_eq!(
            out.split_whitespace().collect::<String>(),
            r#"{"a":1,"c":"x,y"}"#
        );
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(value, serde_json::json!({"a": 1, "c": "x,y"}));
    }
}

//! The JSON reader at its edges, through the JSON surface: what follows a
//! document, malformed literals, the longest and the smallest numbers a
//! decimal holds, escaped keys, and the words of its type errors. Each case
//! pins what a mutation of the reader changed without any other test
//! noticing (`cargo mutants` over `src/json/read.rs`).

use ducha::json::{Engine, ErrorCode};
use serde_json::Value;

fn seed(inspection: &str) -> Result<Value, ducha::json::JsonError> {
    Engine::seed()
        .evaluate(inspection)
        .map(|text| serde_json::from_str(&text).unwrap())
}

fn refused(inspection: &str) -> (ErrorCode, String) {
    let e = seed(inspection).expect_err(inspection);
    (e.code, e.message)
}

/// The rule `id` of a scorecard.
fn rule<'v>(card: &'v Value, id: &str) -> &'v Value {
    card["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| i["items"].as_array().unwrap())
        .flat_map(|item| item["rules"].as_array().unwrap())
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no rule {id}"))
}

#[test]
fn anything_after_the_document_is_refused() {
    // The column of the first character after it, as serde_json says.
    for (text, column) in [
        (r#"{"facts":{}} x"#, 14),
        (r#"{"facts":{}}{}"#, 13),
        (r#"{"facts":{}}]"#, 13),
    ] {
        let (code, message) = refused(text);
        assert_eq!(code, ErrorCode::Syntax, "{text}");
        assert_eq!(
            message,
            format!("trailing characters at line 1 column {column}"),
            "{text}"
        );
    }
    // White space after it is fine.
    assert!(seed("{\"facts\":{}} \n\t ").is_ok());
    let rubric = Engine::seed().rubric_json();
    let e = Engine::load(&format!("{rubric} x")).unwrap_err();
    assert_eq!(e.code, ErrorCode::Syntax);
    assert!(
        e.message.starts_with("trailing characters"),
        "{}",
        e.message
    );
    let e = Engine::seed()
        .evaluate_batch(r#"{"assessees":[]} 1"#)
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Syntax);
    assert!(
        e.message.starts_with("trailing characters"),
        "{}",
        e.message
    );
}

#[test]
fn only_whole_literals_are_read() {
    for (text, column) in [
        (r#"{"facts":{"2b":trux}}"#, 19),
        (r#"{"facts":{"2b":tru}}"#, 19),
        (r#"{"facts":{"2b":fals}}"#, 20),
        (r#"{"facts":{"2b":nul}}"#, 19),
        (r#"{"facts":{"2b":tRue}}"#, 17),
    ] {
        let (code, message) = refused(text);
        assert_eq!(code, ErrorCode::Syntax, "{text}");
        assert_eq!(
            message,
            format!("expected value at line 1 column {column}"),
            "{text}"
        );
    }
    // And whole ones are read as what they say, with the reader past them.
    let card = seed(r#"{"facts":{"2b":true , "2a":false}}"#).unwrap();
    assert_eq!(rule(&card, "2b")["breaches"], 1);
    assert_eq!(rule(&card, "2a")["breaches"], 0);
    let card = seed(r#"{"facts":{"2b":false}}"#).unwrap();
    assert_eq!(rule(&card, "2b")["breaches"], 0);
}

#[test]
fn type_errors_name_what_was_written() {
    let (code, message) = refused(r#"{"as_of":-2,"facts":{}}"#);
    assert_eq!(code, ErrorCode::Invalid);
    assert!(
        message.starts_with("invalid type: integer `-2`, expected a string"),
        "{message}"
    );
    let (_, message) = refused(r#"{"as_of":7,"facts":{}}"#);
    assert!(
        message.starts_with("invalid type: integer `7`, expected a string"),
        "{message}"
    );
    let (_, message) = refused(r#"{"period":"2026","facts":{}}"#);
    assert!(
        message.starts_with(r#"invalid type: string "2026", expected a period object"#),
        "{message}"
    );
    // An escaped string is quoted as it reads, not as it was escaped.
    let (_, message) = refused(r#"{"period":"\u0032026","facts":{}}"#);
    assert!(
        message.starts_with(r#"invalid type: string "2026", expected a period object"#),
        "{message}"
    );
}

#[test]
fn a_long_number_is_quoted_by_its_first_40_characters() {
    let digits = "0.1234567890123456789012345678901234567890123456789";
    let (code, message) = refused(&format!(r#"{{"facts":{{"12a":{digits}}}}}"#));
    assert_eq!(code, ErrorCode::Invalid);
    assert!(
        message.starts_with(&format!(
            "number `{}…` cannot be represented exactly",
            &digits[..40]
        )),
        "{message}"
    );
    // Up to 40 characters it is quoted whole.
    let forty = format!("0.{}", "0".repeat(29) + "123456789");
    assert_eq!(forty.len(), 40);
    let (_, message) = refused(&format!(r#"{{"facts":{{"12a":{forty}}}}}"#));
    assert!(
        message.starts_with(&format!("number `{forty}` cannot")),
        "{message}"
    );
}

#[test]
fn numbers_hold_28_places_and_29_digits_exactly_and_no_more() {
    // 28 decimal places: read exactly (a rate far below 100%: a breach).
    let card = seed(r#"{"facts":{"12a":0.0000000000000000000000000001}}"#).unwrap();
    assert_eq!(rule(&card, "12a")["breaches"], 1);
    // 29 places: refused, never rounded.
    let (code, _) = refused(r#"{"facts":{"12a":0.00000000000000000000000000001}}"#);
    assert_eq!(code, ErrorCode::Invalid);
    // 29 digits, the largest a decimal holds: read (and then outside the
    // ratio's domain); one more and it is refused as unrepresentable.
    let (code, message) = refused(r#"{"facts":{"12a":79228162514264337593543950335}}"#);
    assert_eq!(code, ErrorCode::OutOfDomain, "{message}");
    assert!(
        message.contains("`79228162514264337593543950335`"),
        "{message}"
    );
    let (code, message) = refused(r#"{"facts":{"12a":79228162514264337593543950336}}"#);
    assert_eq!(code, ErrorCode::Invalid, "{message}");
    // The same with an exponent: 7.9228162514264337593543950335e28.
    let (code, _) = refused(r#"{"facts":{"12a":7.9228162514264337593543950335e28}}"#);
    assert_eq!(code, ErrorCode::OutOfDomain);
    let (code, _) = refused(r#"{"facts":{"12a":1e-29}}"#);
    assert_eq!(code, ErrorCode::Invalid);
    let card = seed(r#"{"facts":{"12a":1e-28}}"#).unwrap();
    assert_eq!(rule(&card, "12a")["breaches"], 1);
}

#[test]
fn escaped_keys_name_the_same_rules() {
    let plain = seed(r#"{"facts":{"7a":2}}"#).unwrap();
    let escaped = seed(r#"{"facts":{"\u0037a":2}}"#).unwrap();
    assert_eq!(plain, escaped);
    assert_eq!(rule(&escaped, "7a")["deducted"], "2");
}

/// The 1-based column of the byte at `at` of `text`, plus `past` columns.
fn column(text: &str, at: &str, past: usize) -> usize {
    text.find(at).unwrap() + 1 + past
}

#[test]
fn malformed_numbers_are_syntax_errors_at_the_offending_character() {
    // As serde_json: the column of the first character that cannot belong
    // to the number.
    for (value, past) in [
        ("01", 1),  // the digit after a leading zero
        ("-", 1),   // what follows a lone minus
        ("-x", 1),  // the same
        ("1.", 2),  // what follows a point with no digit
        ("1e", 2),  // what follows an exponent with no digit
        ("1e+", 3), // the same after its sign
        ("1E-", 3),
    ] {
        let text = format!(r#"{{"facts":{{"12a":{value}}}}}"#);
        let (code, message) = refused(&text);
        assert_eq!(code, ErrorCode::Syntax, "{text}");
        let at = format!(":{value}");
        let expected = column(&text, &at, past + 1);
        assert_eq!(
            message,
            format!("invalid number at line 1 column {expected}"),
            "{text}"
        );
    }
    // Exponents with either sign, or none, and either letter, are read
    // exactly: 1e+0 and 10e-1 are a rate of 1, 5E-1 one of 0.5.
    for value in ["1e+0", "1e0", "10e-1", "1E0", "0.1e1"] {
        let card = seed(&format!(r#"{{"facts":{{"12a":{value}}}}}"#)).unwrap();
        assert_eq!(rule(&card, "12a")["breaches"], 0, "{value} is 100%");
    }
    let card = seed(r#"{"facts":{"12a":5E-1}}"#).unwrap();
    assert_eq!(rule(&card, "12a")["breaches"], 1, "50% is below 100%");
}

#[test]
fn raw_control_characters_in_strings_are_refused() {
    // A tab, a line feed or any byte below 0x20 must be escaped in JSON.
    // (A raw line feed starts line 2 of the message, as in serde_json.)
    let (_, message) = refused("{\"facts\":{\"7a\":[{\"note\":\"a\nb\"}]}}");
    assert!(message.ends_with("at line 2 column 0"), "{message}");
    for (note, past) in [("a\tb", 1), ("\u{1}", 0), ("a\\nb\tc", 4)] {
        let text = format!(r#"{{"facts":{{"7a":[{{"start":"2026-01-01","note":"{note}"}}]}}}}"#);
        let (code, message) = refused(&text);
        assert_eq!(code, ErrorCode::Syntax, "{text:?}");
        let expected = column(&text, r#""note":""#, 8 + past);
        assert_eq!(
            message,
            format!(
                "control character (\\u0000-\\u001F) found while parsing a string at line 1 column {expected}"
            ),
            "{text:?}"
        );
    }
    // Escaped, they are read.
    let card =
        seed(r#"{"as_of":"2026-12-31","facts":{"7a":[{"start":"2026-01-01","note":"a\tb\nc"}]}}"#)
            .unwrap();
    assert!(card.to_string().contains(r"a\tb\nc"), "{card}");
}

/// `line L column C` at the end of a message.
fn position(message: &str) -> Option<&str> {
    message.rfind(" at line ").map(|at| &message[at + 4..])
}

/// A valid inspection, and the same with one syntax fault at a time: the
/// reader refuses each as a syntax error at the line and column serde_json
/// gives for it (the messages' words may differ: "expected value" where
/// serde_json says "expected ident").
#[test]
fn syntax_errors_are_placed_where_serde_json_places_them() {
    let valid = r#"{"as_of":"2026-12-31","facts":{"7a":[{"start":"2026-01-01","note":"x"}],"2b":true,"12a":"0.9"}}"#;
    assert!(seed(valid).is_ok());
    let faults = [
        // Objects: a missing colon, comma or key, a trailing comma.
        r#"{"as_of" "2026-12-31","facts":{}}"#,
        r#"{"as_of":"2026-12-31" "facts":{}}"#,
        r#"{"as_of":"2026-12-31",}"#,
        r#"{,"facts":{}}"#,
        r#"{"facts":{"2b":true,}}"#,
        r#"{"facts":{"2b":true "7a":1}}"#,
        r#"{"facts":{2:true}}"#,
        r#"{"facts":{"2b":true}"#,
        r#"{"facts":{"2b"}}"#,
        // Arrays: a missing comma, a leading or trailing or double comma.
        r#"{"facts":{"7a":[{"start":"2026-01-01"} {"start":"2026-01-02"}]}}"#,
        r#"{"facts":{"7a":[,{"start":"2026-01-01"}]}}"#,
        r#"{"facts":{"7a":[{"start":"2026-01-01"},]}}"#,
        r#"{"facts":{"7a":[{"start":"2026-01-01"},,{"start":"2026-01-02"}]}}"#,
        r#"{"facts":{"7a":[{"start":"2026-01-01"}"#,
        // Values: bad literals, numbers and strings.
        r#"{"facts":{"2b":t}}"#,
        r#"{"facts":{"2b":nulL}}"#,
        r#"{"facts":{"12a":.5}}"#,
        r#"{"facts":{"12a":+1}}"#,
        r#"{"facts":{"12a":1.5.}}"#,
        r#"{"facts":{"12a":0x10}}"#,
        r#"{"facts":{"7a":[{"start":"2026-01-01","note":"a\x"}]}}"#,
        r#"{"facts":{"7a":[{"start":"2026-01-01","note":"a\u12"}]}}"#,
        r#"{"facts":{"7a":[{"start":"2026-01-01","note":"a\u12G4"}]}}"#,
        r#"{"facts":{"7a":[{"start":"2026-01-01","note":"abc"#,
        r#"{"facts":{"7a":[{"start":"2026-01-01","note":"ab\"#,
        "{\"facts\":{\"2b\":true}}\n\n  x",
        "{\n\"facts\":\n{\"2b\":\ttru }}",
        r#"{"facts":{"2b":true}} ,"#,
        r#"{"facts":{"7a":[{"start":"2026-01-01","note":"é\q"}]}}"#,
    ];
    for text in faults {
        let ours = ducha::json::from_str::<ducha::Inspection>(text).expect_err(text);
        let theirs = serde_json::from_str::<serde_json::Value>(text).expect_err(text);
        let ours = ours.to_string();
        assert_eq!(
            position(&ours),
            position(&theirs.to_string()),
            "{text}\n ours:   {ours}\n theirs: {theirs}"
        );
        let (code, _) = refused(text);
        assert_eq!(code, ErrorCode::Syntax, "{text}: {ours}");
    }
}

/// Every escape reads as serde_json reads it.
#[test]
fn escapes_read_as_json_says() {
    let note = r#"\"\\\/\b\f\n\r\t\u00e9\u00E9\u4e2d\ud83d\ude00 end"#;
    let text = format!(
        r#"{{"as_of":"2026-12-31","facts":{{"7a":[{{"start":"2026-01-01","note":"{note}"}}]}}}}"#
    );
    let expected: String = serde_json::from_str(&format!("\"{note}\"")).unwrap();
    assert_eq!(expected, "\"\\/\u{8}\u{c}\n\r\té\u{e9}中😀 end");
    let inspection: ducha::Inspection = ducha::json::from_str(&text).unwrap();
    let cases = serde_json::to_value(&inspection).unwrap();
    assert_eq!(
        cases["facts"]["7a"][0]["note"],
        expected.as_str(),
        "{cases}"
    );
}

//! Reading input files and standard input within the JSON surface's size
//! limit, loading rubrics, and writing errors as one line that names the
//! file and the JSON path.

use std::io::Read as _;
use std::path::Path;

use ducha::json::{Engine, ErrorCode, JsonError};

use crate::Failure;

/// The name a file argument is reported by: the path as given, or
/// `standard input` for `-`.
pub fn display_name(path: &str) -> String {
    if path == "-" {
        "standard input".to_owned()
    } else {
        crate::wrap::shown(path)
    }
}

/// Reads a file (or standard input for `-`) as UTF-8, refusing more than
/// [`ducha::json::MAX_INPUT_BYTES`]: it reads at most the limit plus one
/// byte, never the whole of a larger input.
pub fn read(path: &str) -> Result<String, Failure> {
    let name = display_name(path);
    let limit = ducha::json::MAX_INPUT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let result = if path == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        let file = std::fs::File::open(path).map_err(|e| io_failure(&name, &e))?;
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(Failure::Input(format!(
                "error: {name}: is a directory, not a file"
            )));
        }
        file.take(limit).read_to_end(&mut bytes)
    };
    result.map_err(|e| io_failure(&name, &e))?;
    if bytes.len() as u64 == limit {
        return Err(Failure::Input(format!(
            "error[limit]: {name}: larger than {} bytes, the input limit",
            ducha::json::MAX_INPUT_BYTES
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        Failure::Input(format!(
            "error[utf8]: {name}: not UTF-8: invalid byte at offset {}",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// An I/O error on a file, in one line.
pub fn io_failure(name: &str, e: &std::io::Error) -> Failure {
    let what = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    };
    Failure::Input(format!("error: {name}: {what}"))
}

/// Whether a path names a directory.
pub fn is_dir(path: &str) -> bool {
    path != "-" && Path::new(path).is_dir()
}

/// Loads the rubric `spec` names (`yuxi`, or a file) and adds the calendar
/// years given with `--calendar`.
pub fn load_rubric(spec: &str, calendars: &[String]) -> Result<(Engine, String), Failure> {
    let (mut engine, name) = if spec == "yuxi" {
        (Engine::seed(), "the seed rubric".to_owned())
    } else {
        let name = display_name(spec);
        let text = read(spec)?;
        let engine = Engine::load(&text).map_err(|e| json_failure(&name, &e))?;
        (engine, name)
    };
    for path in calendars {
        let calendar_name = display_name(path);
        let text = read(path)?;
        engine
            .add_calendar_year(&text)
            .map_err(|e| json_failure(&calendar_name, &e))?;
    }
    Ok((engine, name))
}

/// The JSON path an error concerns: the reader's path, or for an
/// evaluation error the fact of the rule it names (`facts.12a`), or
/// `rubric` for an inspection of another rubric.
pub fn error_path(e: &JsonError) -> Option<String> {
    if let Some(path) = &e.path {
        return Some(path.clone());
    }
    let id = e.id.as_deref()?;
    match e.code {
        ErrorCode::RubricMismatch => Some("rubric".to_owned()),
        ErrorCode::UnknownRule
        | ErrorCode::WrongFactType
        | ErrorCode::MissingContext
        | ErrorCode::Calendar
        | ErrorCode::InvalidCase
        | ErrorCode::OutOfDomain
        | ErrorCode::Overflow => Some(format!("facts.{id}")),
        _ => None,
    }
}

/// One line: `error[code]: FILE: PATH: message`.
pub fn error_line(name: &str, e: &JsonError) -> String {
    let mut line = format!("error[{}]: {name}: ", e.code.as_str());
    if let Some(path) = error_path(e) {
        line.push_str(&path);
        line.push_str(": ");
    }
    line.push_str(&e.message);
    one_line(&line)
}

/// A JSON error as a failure with exit status 1.
pub fn json_failure(name: &str, e: &JsonError) -> Failure {
    Failure::Input(error_line(name, e))
}

/// Line breaks and other control characters escaped, so that a message is
/// always exactly one line.
pub fn one_line(text: &str) -> String {
    crate::wrap::shown(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_lines_name_the_file_and_the_path() {
        let engine = Engine::seed();
        let cases = [
            (
                r#"{"facts": {"7a": [{"start": "2026-13-01"}]}}"#,
                "error[invalid]: a.json: facts.7a[0].start: invalid date `2026-13-01`, expected `YYYY-MM-DD` at line 1 column 40",
            ),
            (
                r#"{"facts": {"12a": 96}}"#,
                "error[out-of-domain]: a.json: facts.12a: rule `12a` reads a ratio from 0 to 1 (or a percentage such as `96%`), got `96`",
            ),
            (
                r#"{"facts": {"7z": 1}}"#,
                "error[unknown-rule]: a.json: facts.7z: unknown rule `7z`",
            ),
            (
                r#"{"rubric": "other", "facts": {}}"#,
                "error[rubric-mismatch]: a.json: rubric: inspection is for rubric `other`, not `yuxi-shuangsuiji`",
            ),
            (
                r#"{"facts": "#,
                "error[syntax]: a.json: EOF while parsing a value at line 1 column 10",
            ),
        ];
        for (input, expected) in cases {
            let e = engine.evaluate(input).unwrap_err();
            assert_eq!(error_line("a.json", &e), expected, "{input}");
        }
    }

    #[test]
    fn messages_stay_on_one_line() {
        let e = JsonError::new(ErrorCode::Invalid, "bad\nthing");
        assert_eq!(
            error_line("x\ny.json", &e),
            "error[invalid]: x\\u{a}y.json: bad\\u{a}thing"
        );
    }
}

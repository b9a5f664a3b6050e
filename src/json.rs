//! The JSON surface: load a rubric from JSON once, then score inspection
//! JSON to scorecard JSON. Every wrapper (the C ABI, the WebAssembly module)
//! calls only this, so every language gets the same bytes.
//!
//! ```
//! use ducha::json::Engine;
//!
//! let engine = Engine::seed();
//! let card = engine.evaluate(r#"{"facts": {"2b": true}}"#)?;
//! assert!(card.starts_with(r#"{"rubric":"yuxi-shuangsuiji","version":"试行","ducha":"0.1.0","points":"100","deducted":"2.5","score":"97.5""#));
//!
//! let err = engine.evaluate(r#"{"facts": {"7a": [{"start": "2026-13-01"}]}}"#).unwrap_err();
//! assert_eq!(
//!     err.to_json(),
//!     r#"{"error":{"code":"invalid","message":"invalid date `2026-13-01`, expected `YYYY-MM-DD` at line 1 column 40","path":"facts.7a[0].start"}}"#
//! );
//! # Ok::<(), ducha::json::JsonError>(())
//! ```
//!
//! # Errors as JSON
//!
//! A failure is a [`JsonError`]: a stable machine [`code`](JsonError::code),
//! a message, and where: the JSON path for input that does not fit the
//! contract, or the id of the rule or node concerned. Its
//! [`to_json`](JsonError::to_json) is `{"error": {"code", "message", "path"?,
//! "id"?}}`.
//!
//! # Input limits
//!
//! Each input is at most [`MAX_INPUT_BYTES`] of UTF-8 and nests at most
//! [`MAX_NESTING`] arrays and objects deep; a rubric has at most
//! [`MAX_RULES`] rules and [`MAX_NODES`] indicators and items. Above a limit
//! the answer is an error with code `limit`. Strings and lists are bounded
//! by the input size; evaluation is linear in the rules, facts, cases and
//! dates it is given.

mod batch;
mod facts;
mod read;
mod schema;

use serde::Serialize;

use read::ReadErrorKind;

use crate::{Diagnostic, EvalError, Inspection, Rubric, RubricError, RubricSpec, YearSchedule};

/// The largest input, in bytes: 16 MiB.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;
/// The deepest nesting of arrays and objects in an input (the JSON
/// parser's recursion limit of 128 lets 127 levels through).
pub const MAX_NESTING: usize = 127;
/// The most rules a rubric may have.
pub const MAX_RULES: usize = 100_000;
/// The most indicators and items a rubric may have, together.
pub const MAX_NODES: usize = 100_000;

/// The largest batch document ([`Engine::evaluate_batch`]), in bytes
/// (256 MiB); each inspection in it is still at most [`MAX_INPUT_BYTES`].
pub const MAX_BATCH_BYTES: usize = 256 * 1024 * 1024;

/// The version of this crate, for wrappers to report.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A rubric loaded from JSON, parsed and validated once, ready to score
/// inspections.
///
/// An engine may hold several versions of its rubric
/// ([`Engine::add_version`]); each inspection is then scored against the
/// version in force for its period.
#[derive(Debug, Clone)]
pub struct Engine {
    versions: crate::Versions,
}

/// The stable machine code of a [`JsonError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// `syntax`: not JSON.
    Syntax,
    /// `utf8`: input bytes that are not UTF-8 (reported by wrappers that
    /// take bytes).
    Utf8,
    /// `null-pointer`: a required pointer was NULL (reported by the C ABI).
    NullPointer,
    /// `internal`: a failure of the library itself, such as a caught panic
    /// (reported by wrappers; the core never panics).
    Internal,
    /// `limit`: above one of the documented input limits.
    Limit,
    /// `invalid`: JSON that does not fit the contract: a wrong type, an
    /// unknown or missing field, an invalid value (see `path`).
    Invalid,
    /// `invalid-rubric`: a rubric that fails validation (see `id`).
    InvalidRubric,
    /// `rubric-mismatch`: the inspection names another rubric.
    RubricMismatch,
    /// `unknown-rule`: a fact for a rule the rubric does not have.
    UnknownRule,
    /// `wrong-fact-type`: a fact of a type its rule does not read.
    WrongFactType,
    /// `missing-context`: a date rule without the period or date it needs.
    MissingContext,
    /// `calendar`: the working-day calendar cannot answer (an unknown year).
    Calendar,
    /// `invalid-case`: a malformed deadline case.
    InvalidCase,
    /// `out-of-domain`: a value outside what its rule reads (a ratio of
    /// `96`, a negative count).
    OutOfDomain,
    /// `overflow`: a deduction too large to represent.
    Overflow,
    /// `invalid-fact`: a fact its rule counts but cannot price: an unknown
    /// rating option, a discretionary amount missing or out of range, an
    /// unknown multiplier, an exemption ground the rule does not accept.
    InvalidFact,
    /// `not-applicable`: an item or rule marked not applicable that cannot
    /// be (unknown, not allowed by the rubric, or with a fact too).
    NotApplicable,
    /// `version`: no single version of the rubric is in force for the
    /// inspection (none, several, or no date to pick one by).
    Version,
}

impl ErrorCode {
    /// Every code, in the order of the enum: for wrappers that document or
    /// check the list.
    pub const ALL: [ErrorCode; 18] = [
        ErrorCode::Syntax,
        ErrorCode::Utf8,
        ErrorCode::NullPointer,
        ErrorCode::Internal,
        ErrorCode::Limit,
        ErrorCode::Invalid,
        ErrorCode::InvalidRubric,
        ErrorCode::RubricMismatch,
        ErrorCode::UnknownRule,
        ErrorCode::WrongFactType,
        ErrorCode::MissingContext,
        ErrorCode::Calendar,
        ErrorCode::InvalidCase,
        ErrorCode::OutOfDomain,
        ErrorCode::Overflow,
        ErrorCode::InvalidFact,
        ErrorCode::NotApplicable,
        ErrorCode::Version,
    ];

    /// The code as it appears in JSON: `unknown-rule`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Syntax => "syntax",
            ErrorCode::Utf8 => "utf8",
            ErrorCode::NullPointer => "null-pointer",
            ErrorCode::Internal => "internal",
            ErrorCode::Limit => "limit",
            ErrorCode::Invalid => "invalid",
            ErrorCode::InvalidRubric => "invalid-rubric",
            ErrorCode::RubricMismatch => "rubric-mismatch",
            ErrorCode::UnknownRule => "unknown-rule",
            ErrorCode::WrongFactType => "wrong-fact-type",
            ErrorCode::MissingContext => "missing-context",
            ErrorCode::Calendar => "calendar",
            ErrorCode::InvalidCase => "invalid-case",
            ErrorCode::OutOfDomain => "out-of-domain",
            ErrorCode::Overflow => "overflow",
            ErrorCode::InvalidFact => "invalid-fact",
            ErrorCode::NotApplicable => "not-applicable",
            ErrorCode::Version => "version",
        }
    }
}

/// A failure of the JSON surface: code, message, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{}{message}", path.as_deref().map(|p| format!("{p}: ")).unwrap_or_default())]
pub struct JsonError {
    /// The stable machine code.
    pub code: ErrorCode,
    /// What went wrong, for people.
    pub message: String,
    /// Where in the input, as a path: `facts.7a[0].start`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The rule, node or rubric concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

impl JsonError {
    /// An error with this code and message, and no path or id: for
    /// wrappers reporting their own failures in the same shape.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> JsonError {
        JsonError {
            code,
            message: message.into(),
            path: None,
            id: None,
        }
    }

    fn with_id(mut self, id: &impl ToString) -> JsonError {
        self.id = Some(id.to_string());
        self
    }

    /// The error as JSON: `{"error": {"code", "message", "path"?, "id"?}}`.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Wrapped<'a> {
            error: &'a JsonError,
        }
        serde_json::to_string(&Wrapped { error: self }).unwrap_or_else(|_| {
            // INVARIANT: a struct of strings always serializes.
            r#"{"error":{"code":"invalid","message":"unprintable error"}}"#.to_owned()
        })
    }
}

impl From<RubricError> for JsonError {
    fn from(e: RubricError) -> JsonError {
        let id = match &e {
            RubricError::DuplicateId { id }
            | RubricError::TooDeep { id, .. }
            | RubricError::TimeLimitTooLong { rule: id, .. }
            | RubricError::MinOutOfDomain { rule: id, .. }
            | RubricError::InvalidWeight { id, .. }
            | RubricError::InvalidItem { id, .. }
            | RubricError::RoundingTooCoarse { id, .. } => Some(id.to_string()),
            _ => None,
        };
        JsonError {
            code: ErrorCode::InvalidRubric,
            message: e.to_string(),
            path: None,
            id,
        }
    }
}

impl From<EvalError> for JsonError {
    fn from(e: EvalError) -> JsonError {
        let message = e.to_string();
        let (code, id) = match &e {
            EvalError::RubricMismatch { found, .. } => (ErrorCode::RubricMismatch, found),
            EvalError::UnknownRule { id } => (ErrorCode::UnknownRule, id),
            EvalError::WrongFactType { rule, .. } => (ErrorCode::WrongFactType, rule),
            EvalError::MissingContext { rule, .. } => (ErrorCode::MissingContext, rule),
            EvalError::Calendar { rule, .. } => (ErrorCode::Calendar, rule),
            EvalError::InvalidCase { rule, .. } => (ErrorCode::InvalidCase, rule),
            EvalError::OutOfDomain { rule, .. } => (ErrorCode::OutOfDomain, rule),
            EvalError::Overflow { rule, .. } => (ErrorCode::Overflow, rule),
            EvalError::InvalidFact { rule, .. } => (ErrorCode::InvalidFact, rule),
            EvalError::NotApplicable { id, .. } => (ErrorCode::NotApplicable, id),
            EvalError::Version { rubric, .. } => (ErrorCode::Version, rubric),
        };
        JsonError::new(code, message).with_id(id)
    }
}

/// Checks the size limit; the nesting limit is the reader's.
fn check_limits(input: &str) -> Result<(), JsonError> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(JsonError::new(
            ErrorCode::Limit,
            format!(
                "input of {} bytes is larger than {MAX_INPUT_BYTES} bytes",
                input.len()
            ),
        ));
    }
    Ok(())
}

/// Reads any of the crate's types from JSON text, exactly and strictly.
///
/// This is the reader behind every function of this module, and the one to
/// use for ducha's types in Rust too: numbers are read from their literal
/// digits (`0.99999999999999999` is that number, never 1; a number no
/// [`Decimal`](crate::Decimal) holds exactly is refused, quoted), objects
/// are never read from arrays, a UTF-8 byte-order mark at the start is
/// skipped, and errors carry a code and the JSON path. A general parser
/// such as `serde_json::from_str` reads numbers through `f64`, so ducha's
/// types refuse numbers with a fraction or an exponent from it (strings
/// such as `"0.95"` are exact everywhere).
///
/// ```
/// use ducha::{Fact, Inspection};
///
/// let inspection: Inspection = ducha::json::from_str(r#"{"facts": {"12a": 0.99999999999999999}}"#)?;
/// assert_eq!(
///     inspection.facts().values().next(),
///     Some(&Fact::Measure("0.99999999999999999".parse()?))
/// );
///
/// let err = ducha::json::from_str::<Inspection>(r#"{"facts": {"12a": 1e-40}}"#).unwrap_err();
/// assert_eq!(err.code, ducha::json::ErrorCode::Invalid);
/// assert_eq!(err.path.as_deref(), Some("facts.12a"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`JsonError`] with code `syntax` (not JSON), `limit` (above
/// [`MAX_INPUT_BYTES`] or [`MAX_NESTING`]) or `invalid` (well-formed JSON
/// that does not fit `T`, with its `path`).
pub fn from_str<'de, T: serde::Deserialize<'de>>(input: &'de str) -> Result<T, JsonError> {
    check_limits(input)?;
    read::from_str(input).map_err(read_error)
}

/// Reads inspection JSON straight into the slots of `rubric`'s rules.
fn read_facts<'r>(rubric: &'r Rubric, input: &str) -> Result<crate::Facts<'r>, JsonError> {
    check_limits(input)?;
    read::from_str_seed(input, facts::InspectionSeed(rubric.facts())).map_err(read_error)
}

/// A reader's error as the JSON surface reports it.
fn read_error(e: read::ReadError) -> JsonError {
    let code = match e.kind() {
        ReadErrorKind::Syntax => ErrorCode::Syntax,
        ReadErrorKind::Limit => ErrorCode::Limit,
        ReadErrorKind::Invalid => ErrorCode::Invalid,
    };
    JsonError {
        code,
        message: e.to_string(),
        // A syntax error's place is its line and column (in the message); a
        // path is only meaningful for well-formed JSON.
        path: if code == ErrorCode::Invalid {
            e.path()
        } else {
            None
        },
        id: None,
    }
}

/// Parses an inspection, with the path of any error.
///
/// # Errors
///
/// [`JsonError`] with code `syntax`, `limit` or `invalid`.
pub fn parse_inspection(input: &str) -> Result<Inspection, JsonError> {
    from_str(input)
}

/// Parses and validates a rubric.
///
/// # Errors
///
/// [`JsonError`] with code `syntax`, `limit`, `invalid` or `invalid-rubric`.
pub fn parse_rubric(input: &str) -> Result<Rubric, JsonError> {
    let spec: RubricSpec = from_str(input)?;
    let rules: usize = spec_rules(&spec);
    if rules > MAX_RULES {
        return Err(JsonError::new(
            ErrorCode::Limit,
            format!("the rubric has {rules} rules, more than {MAX_RULES}"),
        ));
    }
    let nodes = spec_nodes(&spec.indicators);
    if nodes > MAX_NODES {
        return Err(JsonError::new(
            ErrorCode::Limit,
            format!("the rubric has {nodes} indicators and items, more than {MAX_NODES}"),
        ));
    }
    Ok(Rubric::new(spec)?)
}

fn spec_nodes(indicators: &[crate::Indicator]) -> usize {
    indicators
        .iter()
        .map(|i| {
            1 + match &i.children {
                crate::Children::Indicators(c) => spec_nodes(c),
                crate::Children::Items(items) => items.len(),
            }
        })
        .fold(0usize, usize::saturating_add)
}

fn spec_rules(spec: &RubricSpec) -> usize {
    fn count(indicators: &[crate::Indicator]) -> usize {
        indicators
            .iter()
            .map(|i| match &i.children {
                crate::Children::Indicators(c) => count(c),
                crate::Children::Items(items) => items.iter().map(|i| i.rules.len()).sum(),
            })
            .fold(0usize, usize::saturating_add)
    }
    count(&spec.indicators)
}

fn to_json(value: &impl Serialize) -> String {
    // INVARIANT: the crate's Serialize impls write only strings, numbers,
    // booleans, arrays and objects with string keys, which never fail.
    serde_json::to_string(value).unwrap_or_default()
}

impl Engine {
    /// Loads a rubric from JSON: parsed and validated once.
    ///
    /// ```
    /// use ducha::json::{Engine, ErrorCode};
    ///
    /// let rubric = r#"{"id": "mine", "title": "某局细则", "total": "5", "indicators": [
    ///   {"id": "G1", "name": "领导重视", "points": "5", "items": [
    ///     {"id": "1", "serial": "1", "points": "5", "requirement": "明确联络员", "rules": [
    ///       {"id": "1a", "label": "未明确日常联络员", "text": "未明确日常联络员的扣2.5分",
    ///        "trigger": {"kind": "flag"}, "penalty": {"kind": "flat", "points": 2.5}}]}]}]}"#;
    /// let engine = Engine::load(rubric)?;
    /// assert!(engine.evaluate(r#"{"facts": {"1a": true}}"#)?.contains(r#""score":"2.5""#));
    ///
    /// let err = Engine::load(&rubric.replace(r#""total": "5""#, r#""total": "6""#)).unwrap_err();
    /// assert_eq!(err.code, ErrorCode::InvalidRubric);
    /// # Ok::<(), ducha::json::JsonError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`JsonError`] with code `syntax`, `limit`, `invalid` or
    /// `invalid-rubric`.
    pub fn load(rubric_json: &str) -> Result<Engine, JsonError> {
        Ok(Engine::from(parse_rubric(rubric_json)?))
    }

    /// Adds another version of the rubric (the same id, another `version`,
    /// each with its `in_force` dates): each inspection is then scored
    /// against the version in force for its period (or on its `as_of`
    /// date), and its scorecard names the version.
    ///
    /// ```
    /// use ducha::json::{Engine, ErrorCode};
    ///
    /// let v = |version: &str, in_force: &str, points: &str| format!(
    ///     r#"{{"id": "r", "title": "某局细则", "version": "{version}", "in_force": {in_force}, "total": "5",
    ///     "indicators": [{{"id": "G", "name": "领导重视", "points": "5", "items": [
    ///       {{"id": "1", "serial": "1", "points": "5", "requirement": "明确联络员", "rules": [
    ///         {{"id": "1a", "label": "未明确日常联络员", "text": "", "trigger": {{"kind": "flag"}},
    ///           "penalty": {{"kind": "flat", "points": "{points}"}}}}]}}]}}]}}"#);
    /// let mut engine = Engine::load(&v("2025版", r#"{"from": "2025-01-01", "to": "2025-12-31"}"#, "2"))?;
    /// engine.add_version(&v("2026版", r#"{"from": "2026-01-01"}"#, "2.5"))?;
    ///
    /// let card = engine.evaluate(r#"{"as_of": "2026-06-30", "facts": {"1a": true}}"#)?;
    /// assert!(card.starts_with(r#"{"rubric":"r","version":"2026版","as_of":"2026-06-30","#));
    /// assert!(card.contains(r#""score":"2.5""#));
    /// let card = engine.evaluate(r#"{"as_of": "2025-06-30", "facts": {"1a": true}}"#)?;
    /// assert!(card.contains(r#""score":"3""#));
    ///
    /// // A period across the revision has no single version.
    /// let err = engine
    ///     .evaluate(r#"{"period": {"from": "2025-07-01", "to": "2026-06-30"}, "facts": {}}"#)
    ///     .unwrap_err();
    /// assert_eq!(err.code, ErrorCode::Version);
    /// # Ok::<(), ducha::json::JsonError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`JsonError`] with code `syntax`, `limit`, `invalid` or
    /// `invalid-rubric` (also for another id, a version name already held,
    /// or a version without `in_force` dates).
    pub fn add_version(&mut self, rubric_json: &str) -> Result<(), JsonError> {
        let rubric = parse_rubric(rubric_json)?;
        self.versions.add(rubric).map_err(|e| {
            let id = match &e {
                crate::VersionsError::OtherRubric { found, .. } => found.to_string(),
                crate::VersionsError::NoDates { rubric, .. }
                | crate::VersionsError::Duplicate { rubric, .. }
                | crate::VersionsError::Backwards { rubric, .. } => rubric.to_string(),
            };
            JsonError {
                code: ErrorCode::InvalidRubric,
                message: e.to_string(),
                path: None,
                id: Some(id),
            }
        })
    }

    /// A copy of this engine with another version of the rubric
    /// ([`Engine::add_version`]).
    ///
    /// # Errors
    ///
    /// As [`Engine::add_version`].
    pub fn with_version(&self, rubric_json: &str) -> Result<Engine, JsonError> {
        let mut engine = self.clone();
        engine.add_version(rubric_json)?;
        Ok(engine)
    }

    /// The versions of the rubric the engine holds.
    pub fn versions(&self) -> &crate::Versions {
        &self.versions
    }

    /// The version an inspection is scored against: with one version, that
    /// one; with several, the one in force for the inspection's `period` or
    /// `as_of`, read first.
    fn pick(&self, inspection_json: &str) -> Result<&Rubric, JsonError> {
        if self.versions.len() == 1 && self.versions.first().spec().in_force.is_none() {
            return Ok(self.versions.first());
        }
        #[derive(serde::Deserialize)]
        struct Dates {
            #[serde(default)]
            period: Option<crate::Period>,
            #[serde(default, with = "crate::date::option")]
            as_of: Option<chrono::NaiveDate>,
        }
        check_limits(inspection_json)?;
        let dates: Dates = read::from_str(inspection_json).map_err(read_error)?;
        Ok(self.versions.pick(dates.period, dates.as_of)?)
    }

    /// The built-in seed rubric ([`crate::seed::yuxi`]).
    pub fn seed() -> Engine {
        Engine::from(crate::seed::yuxi())
    }

    /// The loaded rubric (the first version, where there are several).
    pub fn rubric(&self) -> &Rubric {
        self.versions.first()
    }

    /// Scores an inspection: inspection JSON in, scorecard JSON out
    /// (compact, keys in a fixed order; the same input gives the same
    /// bytes).
    ///
    /// ```
    /// use ducha::json::{Engine, ErrorCode};
    ///
    /// let engine = Engine::seed();
    /// let card = engine.evaluate(r#"{"facts": {"12a": "96%", "7a": 7}}"#)?;
    /// assert!(card.starts_with(r#"{"rubric":"yuxi-shuangsuiji","version":"试行","ducha":"0.1.0","points":"100","deducted":"10","score":"90""#));
    ///
    /// let err = engine.evaluate(r#"{"facts": {"12a": 96}}"#).unwrap_err();
    /// assert_eq!(err.code, ErrorCode::OutOfDomain);
    /// assert_eq!(err.id.as_deref(), Some("12a"));
    /// # Ok::<(), ducha::json::JsonError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`JsonError`] with code `syntax`, `limit` or `invalid` for input that
    /// does not fit the contract, or the code of the [`EvalError`]:
    /// `rubric-mismatch`, `unknown-rule`, `wrong-fact-type`,
    /// `missing-context`, `calendar`, `invalid-case`, `out-of-domain`,
    /// `overflow`.
    pub fn evaluate(&self, inspection_json: &str) -> Result<String, JsonError> {
        let facts = read_facts(self.pick(inspection_json)?, inspection_json)?;
        let card = facts.evaluate()?;
        Ok(card.to_json())
    }

    /// Scores many assessees' inspections in one call, ranks them and
    /// summarises the batch: batch JSON in, batch report JSON out.
    ///
    /// The input is `{"assessees": [{"id", "name"?, "inspection"}, …],
    /// "rank_incomplete"?}`: ids unique and not empty, the name defaulting to
    /// the id, each inspection as [`Engine::evaluate`] reads it. The output
    /// is `{"rubric", "entries", "ranking", "incomplete", "failed",
    /// "summary"}` (the README's contract, *Batches*): every entry in input
    /// order with its `scorecard` or its `error` (an inspection that does not
    /// fit the contract or cannot be scored fails alone, its path from the
    /// batch's root); the ranking by final score with shared places
    /// (`tied`), incomplete inspections listed apart unless
    /// `rank_incomplete` is `true`; and per node and per rule: mean, minimum,
    /// maximum, how many lost points and how many got full marks.
    ///
    /// ```
    /// use ducha::json::Engine;
    ///
    /// let engine = Engine::seed();
    /// let report = engine.evaluate_batch(r#"{"rank_incomplete": true, "assessees": [
    ///   {"id": "a", "name": "甲县", "inspection": {"facts": {"7a": 2}}},
    ///   {"id": "b", "name": "乙县", "inspection": {"facts": {"7a": 2}}},
    ///   {"id": "c", "name": "丙县", "inspection": {"facts": {"7z": 1}}},
    ///   {"id": "d", "name": "丁县", "inspection": {"facts": {}}}]}"#)?;
    /// assert!(report.contains(r#""ranking":[{"rank":1,"id":"d","name":"丁县","score":"100","incomplete":true},{"rank":2,"id":"a","name":"甲县","score":"98","tied":true,"incomplete":true},{"rank":2,"id":"b""#));
    /// assert!(report.contains(r#""failed":[{"id":"c","name":"丙县","code":"unknown-rule"}]"#));
    /// # Ok::<(), ducha::json::JsonError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Only for the batch document as a whole: [`JsonError`] with code
    /// `syntax` (not JSON, anywhere in it), `limit` (above
    /// [`MAX_BATCH_BYTES`] or [`MAX_NESTING`]) or `invalid` (not the batch
    /// shape, an empty or repeated id, with its path).
    pub fn evaluate_batch(&self, batch_json: &str) -> Result<String, JsonError> {
        batch::evaluate_batch(self, batch_json)
    }

    /// A copy of this engine with a year added to its calendar (or
    /// replaced): for hosts that share an engine across threads and swap in
    /// the updated one.
    ///
    /// # Errors
    ///
    /// [`JsonError`] with code `syntax`, `limit` or `invalid`.
    pub fn with_calendar_year(&self, year_json: &str) -> Result<Engine, JsonError> {
        let mut engine = self.clone();
        engine.add_calendar_year(year_json)?;
        Ok(engine)
    }

    /// Adds a year to the rubric's working-day calendar, or replaces it,
    /// from JSON in the holiday-cn shape (`year`, `papers`, `days`).
    ///
    /// ```
    /// use ducha::json::Engine;
    ///
    /// let mut engine = Engine::seed();
    /// // 20 working days after 2026-12-20 fall in 2027, which the built-in
    /// // calendar does not know.
    /// let inspection = r#"{"facts": {"7a": [{"start": "2026-12-20", "done": "2027-01-29"}]}}"#;
    /// assert_eq!(engine.evaluate(inspection).unwrap_err().code.as_str(), "calendar");
    /// // Illustrative entries, not the official 2027 schedule.
    /// engine.add_calendar_year(r#"{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}"#)?;
    /// assert!(engine.evaluate(inspection)?.contains(r#""breaches":1"#));
    /// # Ok::<(), ducha::json::JsonError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`JsonError`] with code `syntax`, `limit` or `invalid`.
    pub fn add_calendar_year(&mut self, year_json: &str) -> Result<(), JsonError> {
        let year: YearSchedule = from_str(year_json)?;
        for rubric in self.versions.iter_mut() {
            rubric.calendar_mut().insert(year.clone());
        }
        Ok(())
    }

    /// The rubric's diagnostics as JSON: `{"diagnostics": [{"code", "id",
    /// "message"}, …]}`.
    ///
    /// ```
    /// let diagnostics = ducha::json::Engine::seed().diagnostics();
    /// assert!(diagnostics.contains(r#"{"code":"duplicate-serial","id":"11-2""#));
    /// ```
    pub fn diagnostics(&self) -> String {
        diagnostics_json(&self.rubric().diagnostics())
    }

    /// The rubric as JSON.
    pub fn rubric_json(&self) -> String {
        to_json(self.rubric())
    }

    /// The JSON Schema (draft 2020-12) of this rubric's inspections: each
    /// rule id under `facts` with the forms its trigger reads (a flag, a
    /// count, findings, a measured value in the rule's domain, cases,
    /// dates, or one of a rating's options), titled with the rule's label
    /// and described by its text, and an `x-ducha` annotation with its
    /// item, serial, points, trigger kind and indicators; `not_applicable`
    /// lists the ids that may be marked, or allows none. A form builder can
    /// render the inspector's form from it. It checks the shape of each
    /// fact; what needs the calendar or arithmetic (a case done before it
    /// started, a year the calendar does not know) the engine checks.
    ///
    /// ```
    /// let schema: serde_json::Value =
    ///     serde_json::from_str(&ducha::json::Engine::seed().inspection_schema())?;
    /// let rule = &schema["properties"]["facts"]["properties"]["2b"];
    /// assert_eq!(rule["title"], "未明确日常联络员");
    /// assert_eq!(rule["x-ducha"]["item"], "2");
    /// assert_eq!(schema["properties"]["facts"]["additionalProperties"], false);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn inspection_schema(&self) -> String {
        // Compact, keys sorted: the same rubric gives the same bytes.
        to_json(&schema::inspection_schema(self.rubric()))
    }
}

impl crate::Scorecard<'_> {
    /// The scorecard as compact JSON: the bytes `serde_json::to_string`
    /// gives, written by the crate's own writer.
    pub(crate) fn to_json(&self) -> String {
        // INVARIANT: a report holds only strings, numbers, booleans, arrays
        // and objects with string keys, which the writer always writes.
        crate::report::to_json(self)
    }
}

impl From<Rubric> for Engine {
    fn from(rubric: Rubric) -> Engine {
        Engine {
            versions: crate::Versions::from(rubric),
        }
    }
}

fn diagnostics_json(diagnostics: &[Diagnostic]) -> String {
    #[derive(Serialize)]
    struct Wrapped<'a> {
        diagnostics: &'a [Diagnostic],
    }
    to_json(&Wrapped { diagnostics })
}

/// Validates a rubric and lists its diagnostics as JSON:
/// `{"diagnostics": [{"code", "id", "message"}, …]}`.
///
/// # Errors
///
/// [`JsonError`] with code `syntax`, `limit`, `invalid` or `invalid-rubric`
/// if the rubric is not valid at all.
pub fn validate(rubric_json: &str) -> Result<String, JsonError> {
    Ok(diagnostics_json(&parse_rubric(rubric_json)?.diagnostics()))
}

/// Scores one inspection against one rubric, both JSON. To score many
/// inspections against a rubric, load it once with [`Engine::load`].
///
/// # Errors
///
/// As [`Engine::load`] and [`Engine::evaluate`].
pub fn evaluate(rubric_json: &str, inspection_json: &str) -> Result<String, JsonError> {
    Engine::load(rubric_json)?.evaluate(inspection_json)
}

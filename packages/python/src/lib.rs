//! The native module `ducha._native` of the `ducha` Python package.
//!
//! A thin layer over ducha's JSON surface ([`ducha::json`]): every input
//! crosses as UTF-8 JSON text and every result comes back as the exact text
//! the Rust API returns, so Python gets the same bytes as every other host.
//! The typed results, the encoding of dicts and the exception classes live in
//! the Python package (`python/ducha/`); this module only translates.
//!
//! - The work (parsing, validating, evaluating, serializing) runs with the
//!   interpreter detached ([`Python::detach`]), so other Python threads run
//!   meanwhile and many threads can evaluate on one engine at once.
//! - An input is a `str` or UTF-8 `bytes`. Bytes that are not UTF-8, and a
//!   `str` that cannot be encoded as UTF-8 (a lone surrogate), are refused
//!   with the code `utf8`, as the C ABI refuses them.
//! - A failure is raised as the `ducha` exception class of its code, made by
//!   `ducha._errors._from_native(code, message, path, id, json)`, where
//!   `json` is the core's own error JSON.

use std::borrow::Cow;

use ducha::json::{ErrorCode, JsonError};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

/// The Python module that turns a [`JsonError`] into an exception.
const ERRORS_MODULE: &str = "ducha._errors";

/// Many Python threads read one engine at once while the
/// interpreter is detached: this fails to compile if the core's engine ever
/// stops being shareable.
const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<ducha::json::Engine>();
};

/// Raises `error` as the `ducha` exception class of its code.
fn raise(py: Python<'_>, error: &JsonError) -> PyErr {
    let made = py.import(ERRORS_MODULE).and_then(|module| {
        module.getattr("_from_native")?.call1((
            error.code.as_str(),
            error.message.as_str(),
            error.path.as_deref(),
            error.id.as_deref(),
            error.to_json(),
        ))
    });
    match made {
        Ok(exception) => PyErr::from_value(exception),
        // Only a broken installation gets here (the package's own module is
        // missing); the import error says what is wrong.
        Err(import_error) => import_error,
    }
}

/// An input of a call: the text of a `str`, or the bytes of a `bytes` as
/// text, or the `utf8` error saying why it is not text.
fn text<'a>(input: &'a Bound<'_, PyAny>, name: &str) -> PyResult<Result<Cow<'a, str>, JsonError>> {
    if let Ok(bytes) = input.cast::<PyBytes>() {
        return Ok(match std::str::from_utf8(bytes.as_bytes()) {
            Ok(text) => Ok(Cow::Borrowed(text)),
            Err(e) => Err(JsonError::new(
                ErrorCode::Utf8,
                format!(
                    "`{name}` is not UTF-8: invalid byte at offset {}",
                    e.valid_up_to()
                ),
            )),
        });
    }
    if let Ok(string) = input.cast::<PyString>() {
        let py = input.py();
        return Ok(string.to_cow().map_err(|e| {
            // A `str` made from undecodable bytes (`surrogateescape`) holds
            // lone surrogates, which UTF-8 cannot encode.
            let at = e
                .value(py)
                .getattr("start")
                .and_then(|start| start.extract::<usize>())
                .map_or_else(|_| String::new(), |start| format!(" at index {start}"));
            JsonError::new(
                ErrorCode::Utf8,
                format!("`{name}` cannot be encoded as UTF-8: a lone surrogate{at}"),
            )
        }));
    }
    Err(PyTypeError::new_err(format!(
        "`{name}` must be str or bytes of JSON text, not `{}`",
        input
            .get_type()
            .name()
            .map_or_else(|_| "?".to_owned(), |n| n.to_string())
    )))
}

/// Runs `work` on the text of `input` with the interpreter detached, and
/// raises its error as the exception of its code.
fn detached<T: Send>(
    py: Python<'_>,
    input: &Bound<'_, PyAny>,
    name: &str,
    work: impl Send + FnOnce(&str) -> Result<T, JsonError>,
) -> PyResult<T> {
    let result = match text(input, name)? {
        // INVARIANT: the text borrows an immutable `str` or `bytes` object
        // that `input` keeps alive for the whole call, so reading it without
        // the interpreter is sound; `detach` requires `Send`, which `&str` is.
        Ok(text) => py.detach(|| work(&text)),
        Err(e) => Err(e),
    };
    result.map_err(|e| raise(py, &e))
}

/// A rubric parsed and validated once, ready to score inspections: the
/// core's [`ducha::json::Engine`]. Immutable, so any number of threads can
/// use one at once.
#[pyclass(frozen, name = "Engine", module = "ducha._native")]
#[derive(Debug)]
struct NativeEngine {
    engine: ducha::json::Engine,
}

#[pymethods]
impl NativeEngine {
    /// Loads a rubric from JSON text (`str` or UTF-8 `bytes`).
    #[staticmethod]
    fn load(py: Python<'_>, rubric: &Bound<'_, PyAny>) -> PyResult<NativeEngine> {
        let engine = detached(py, rubric, "rubric", ducha::json::Engine::load)?;
        Ok(NativeEngine { engine })
    }

    /// The built-in seed rubric.
    #[staticmethod]
    fn seed() -> NativeEngine {
        NativeEngine {
            engine: ducha::json::Engine::seed(),
        }
    }

    /// The rubric's id.
    #[getter]
    fn rubric_id(&self) -> String {
        self.engine.rubric().id().to_string()
    }

    /// The rubric's title.
    #[getter]
    fn title(&self) -> &str {
        self.engine.rubric().title()
    }

    /// Scores inspection JSON: the scorecard JSON text.
    fn evaluate(&self, py: Python<'_>, inspection: &Bound<'_, PyAny>) -> PyResult<String> {
        let engine = &self.engine;
        detached(py, inspection, "inspection", |text| engine.evaluate(text))
    }

    /// A copy of this engine with a year added to (or replaced in) its
    /// working-day calendar, from holiday-cn JSON text.
    fn with_calendar_year(
        &self,
        py: Python<'_>,
        year: &Bound<'_, PyAny>,
    ) -> PyResult<NativeEngine> {
        let engine = &self.engine;
        let engine = detached(py, year, "year", |text| engine.with_calendar_year(text))?;
        Ok(NativeEngine { engine })
    }

    /// A copy of this engine with another version of its rubric, from rubric
    /// JSON text.
    fn with_version(&self, py: Python<'_>, rubric: &Bound<'_, PyAny>) -> PyResult<NativeEngine> {
        let engine = &self.engine;
        let engine = detached(py, rubric, "rubric", |text| engine.with_version(text))?;
        Ok(NativeEngine { engine })
    }

    /// The rubric's diagnostics JSON text.
    fn diagnostics(&self, py: Python<'_>) -> String {
        let engine = &self.engine;
        py.detach(|| engine.diagnostics())
    }

    /// The rubric as JSON text.
    fn rubric_json(&self, py: Python<'_>) -> String {
        let engine = &self.engine;
        py.detach(|| engine.rubric_json())
    }

    /// The JSON Schema of the rubric's inspections, as JSON text.
    fn inspection_schema(&self, py: Python<'_>) -> String {
        let engine = &self.engine;
        py.detach(|| engine.inspection_schema())
    }

    /// Scores batch JSON: the batch report JSON text.
    fn evaluate_batch(&self, py: Python<'_>, batch: &Bound<'_, PyAny>) -> PyResult<String> {
        let engine = &self.engine;
        detached(py, batch, "batch", |text| engine.evaluate_batch(text))
    }

    fn __repr__(&self) -> String {
        format!("<ducha._native.Engine rubric={:?}>", self.rubric_id())
    }
}

/// Validates rubric JSON text and returns its diagnostics JSON text.
#[pyfunction]
fn validate(py: Python<'_>, rubric: &Bound<'_, PyAny>) -> PyResult<String> {
    detached(py, rubric, "rubric", ducha::json::validate)
}

/// The native module: the engine, `validate`, the core's version, error
/// codes and input limits.
#[pymodule(name = "_native")]
mod native {
    use pyo3::prelude::*;

    #[pymodule_export]
    use super::{NativeEngine, validate};

    /// The version of the ducha core this module was built with.
    #[pymodule_export]
    const CORE_VERSION: &str = ducha::json::VERSION;

    /// The version of this package.
    #[pymodule_export]
    const PACKAGE_VERSION: &str = env!("CARGO_PKG_VERSION");

    /// The largest input, in bytes.
    #[pymodule_export]
    const MAX_INPUT_BYTES: usize = ducha::json::MAX_INPUT_BYTES;

    /// The deepest nesting of arrays and objects in an input.
    #[pymodule_export]
    const MAX_NESTING: usize = ducha::json::MAX_NESTING;

    /// The most rules a rubric may have.
    #[pymodule_export]
    const MAX_RULES: usize = ducha::json::MAX_RULES;

    /// The most indicators and items a rubric may have, together.
    #[pymodule_export]
    const MAX_NODES: usize = ducha::json::MAX_NODES;

    /// Adds `ERROR_CODES`: every stable error code, in the core's order.
    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        let codes: Vec<&str> = ducha::json::ErrorCode::ALL
            .iter()
            .map(|code| code.as_str())
            .collect();
        m.add("ERROR_CODES", pyo3::types::PyTuple::new(m.py(), codes)?)
    }
}

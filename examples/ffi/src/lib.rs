//! The C ABI and WebAssembly wrapper of [`ducha`]: JSON strings in, JSON
//! strings out.
//!
//! Every function here translates between C strings and the core's JSON
//! surface ([`ducha::json`]); all semantics live in the core, so a host that
//! calls this library gets byte for byte the answer of a Rust caller. The C
//! declarations are in `include/ducha.h`; `README.md` shows how to call the
//! library from C, JavaScript (WebAssembly), Java, C#, Go and Python.
//!
//! # Contract
//!
//! - **Input** is UTF-8 JSON given as a pointer and a length in bytes (no
//!   terminating NUL needed). A NULL pointer, bytes that are not UTF-8 and
//!   malformed JSON are answered with an error JSON, never a crash.
//! - **Output** strings are NUL-terminated UTF-8 JSON owned by the caller,
//!   who frees each with [`ducha_string_free`]. JSON never contains a raw NUL
//!   byte (serializers escape it as `\u0000`), so the first NUL is the exact
//!   end of the output.
//! - **Errors** are `{"error":{"code":…,"message":…,"path"?:…,"id"?:…}}`:
//!   the core's codes (`syntax`, `limit`, `invalid`, `invalid-rubric`,
//!   `rubric-mismatch`, …) and three of the wrapper's own: `null-pointer`,
//!   `utf8` and `internal` (a panic caught at the boundary).
//! - **Status**: functions that produce a document return [`DUCHA_OK`] with
//!   the document in `*out`, [`DUCHA_ERROR`] with an error JSON in `*out`, or
//!   [`DUCHA_NO_OUTPUT`] if `out` itself is NULL.
//! - **No unwinding** crosses the boundary: every entry point runs under
//!   [`std::panic::catch_unwind`] and turns a panic into an `internal` error.
//!   The core never panics (its lints forbid `unwrap`, `expect`, `panic!` and
//!   indexing); the guard exists so the boundary does not have to assume it.
//!   Built for WebAssembly with `panic = "abort"`, `catch_unwind` catches
//!   nothing and a panic would trap the module instead: acceptable only
//!   because the core does not panic.
//! - **Threads**: an engine is immutable except through
//!   [`ducha_add_calendar_year`]; any number of threads may call
//!   [`ducha_evaluate`], [`ducha_diagnostics`], [`ducha_rubric_json`] and
//!   [`ducha_engine_clone`] on one engine at once (the core's `Engine` is
//!   `Send + Sync`, checked at compile time below). Adding a calendar year
//!   or freeing the engine needs exclusive access.
//!
//! # WebAssembly
//!
//! Built for `wasm32-unknown-unknown` the module imports nothing and exports
//! `memory` and the same functions. A JavaScript host copies input bytes
//! into memory it obtains with [`ducha_alloc`] (and returns with
//! [`ducha_dealloc`]), passes a 4-byte slot for `out`, reads the pointer the
//! library wrote there, reads the bytes up to the NUL, and frees the string
//! with [`ducha_string_free`]. Pointers and `size_t` are 32-bit there.

#![deny(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(
    clippy::undocumented_unsafe_blocks,
    clippy::missing_safety_doc,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::alloc::Layout;
use std::any::Any;
use std::ffi::{CString, c_char, c_int};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;

use ducha::json::{Engine, ErrorCode, JsonError};

/// Success: `*out` holds the document.
pub const DUCHA_OK: c_int = 0;
/// Failure: `*out` holds an error JSON.
pub const DUCHA_ERROR: c_int = 1;
/// `out` was NULL: nothing was done and nothing written.
pub const DUCHA_NO_OUTPUT: c_int = 2;

/// The alignment of every block [`ducha_alloc`] returns: enough for a
/// pointer or a `size_t` on every target.
const ALIGN: usize = 8;

/// A rubric loaded once, parsed and validated, ready to score inspections.
/// Opaque to C: created by [`ducha_engine_load`], [`ducha_engine_seed`] or
/// [`ducha_engine_clone`], released with [`ducha_engine_free`].
#[derive(Debug)]
pub struct DuchaEngine {
    engine: Engine,
}

// The thread-safety promise of the header: an engine may be shared across
// threads for reading. Fails to compile if the core's `Engine` ever stops
// being `Send + Sync`.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<Engine>();
};

/// A wrapper error in the core's shape: `{"error":{"code","message"}}`.
fn error_json(code: ErrorCode, message: &str) -> String {
    JsonError::new(code, message).to_json()
}

/// The `null-pointer` error for the argument `name`.
fn null_pointer(name: &str) -> String {
    error_json(ErrorCode::NullPointer, &format!("`{name}` is NULL"))
}

/// The `internal` error for a caught panic.
fn internal(payload: &(dyn Any + Send)) -> String {
    let detail = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message");
    error_json(ErrorCode::Internal, &format!("ducha panicked: {detail}"))
}

/// Runs `f`, turning a panic into an `internal` error JSON.
fn shielded(f: impl FnOnce() -> Result<String, String>) -> Result<String, String> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| Err(internal(&*payload)))
}

/// Borrows `len` bytes at `ptr` as UTF-8 text, or the error JSON saying why
/// not (`null-pointer`, `utf8`).
///
/// # Safety
///
/// A non-NULL `ptr` must be valid for reads of `len` bytes that nothing
/// writes to for `'a`.
unsafe fn input<'a>(ptr: *const c_char, len: usize, name: &str) -> Result<&'a str, String> {
    if ptr.is_null() {
        return Err(null_pointer(name));
    }
    if isize::try_from(len).is_err() {
        return Err(error_json(
            ErrorCode::Limit,
            &format!("`{name}` claims {len} bytes, more than any buffer can hold"),
        ));
    }
    // SAFETY: `ptr` is not NULL and the caller promises `len` readable,
    // unchanging bytes there; `len` fits `isize` (checked above); `u8` has no
    // alignment requirement.
    let bytes = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) };
    std::str::from_utf8(bytes).map_err(|e| {
        error_json(
            ErrorCode::Utf8,
            &format!(
                "`{name}` is not UTF-8: invalid byte at offset {}",
                e.valid_up_to()
            ),
        )
    })
}

/// Borrows the engine behind `engine`, or the `null-pointer` error JSON.
///
/// # Safety
///
/// A non-NULL `engine` must come from this library and not be freed, nor
/// mutated for `'a`.
unsafe fn engine_ref<'a>(engine: *const DuchaEngine) -> Result<&'a Engine, String> {
    // SAFETY: a non-NULL `engine` is a live `DuchaEngine` the caller does not
    // mutate meanwhile (this function's contract); `as_ref` maps NULL to None.
    match unsafe { engine.as_ref() } {
        Some(e) => Ok(&e.engine),
        None => Err(null_pointer("engine")),
    }
}

/// Moves `s` to the heap as a NUL-terminated string for the caller to free
/// with [`ducha_string_free`].
fn into_c_string(s: String) -> *mut c_char {
    // JSON never holds a raw NUL (serializers escape it), so `CString::new`
    // succeeds; should it not, the caller still gets an error JSON.
    CString::new(s)
        .or_else(|_| {
            CString::new(error_json(
                ErrorCode::Internal,
                "output contains a NUL byte",
            ))
        })
        .unwrap_or_default()
        .into_raw()
}

/// Stores an outcome in `*out` and returns its status.
///
/// # Safety
///
/// `out` must be valid for writing one pointer.
unsafe fn deliver(out: *mut *mut c_char, outcome: Result<String, String>) -> c_int {
    let (status, text) = match outcome {
        Ok(text) => (DUCHA_OK, text),
        Err(text) => (DUCHA_ERROR, text),
    };
    // SAFETY: the caller promises `out` is writable (this function's
    // contract); `write` does not read or drop the old value.
    unsafe { out.write(into_c_string(text)) };
    status
}

/// Stores an optional error in `*error_out` (NULL on success), if
/// `error_out` is not NULL.
///
/// # Safety
///
/// A non-NULL `error_out` must be valid for writing one pointer.
unsafe fn deliver_error(error_out: *mut *mut c_char, error: Option<String>) {
    if error_out.is_null() {
        return;
    }
    let value = error.map_or(ptr::null_mut(), into_c_string);
    // SAFETY: `error_out` is not NULL and the caller promises it writable.
    unsafe { error_out.write(value) };
}

/// The version of the library, e.g. `0.1.0`: a static NUL-terminated
/// string, never to be freed.
#[unsafe(no_mangle)]
pub extern "C" fn ducha_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// Loads a rubric from `len` bytes of UTF-8 JSON: parsed and validated once.
///
/// Returns the engine, or NULL on failure with the error JSON in
/// `*error_out` (codes `null-pointer`, `utf8`, `syntax`, `limit`, `invalid`,
/// `invalid-rubric`). On success `*error_out` is set to NULL. `error_out`
/// may be NULL if the caller does not want the error.
///
/// # Safety
///
/// A non-NULL `rubric_json` must be readable for `len` bytes; a non-NULL
/// `error_out` must be writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ducha_engine_load(
    rubric_json: *const c_char,
    len: usize,
    error_out: *mut *mut c_char,
) -> *mut DuchaEngine {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { input(rubric_json, len, "rubric_json") }?;
        Engine::load(text).map_err(|e| e.to_json())
    }))
    .unwrap_or_else(|payload| Err(internal(&*payload)));
    let (engine, error) = match outcome {
        Ok(engine) => (Box::into_raw(Box::new(DuchaEngine { engine })), None),
        Err(error) => (ptr::null_mut(), Some(error)),
    };
    // SAFETY: forwarded from this function's contract.
    unsafe { deliver_error(error_out, error) };
    engine
}

/// An engine of the built-in seed rubric (the Yuxi 双随机、一公开 scorecard).
/// Free it with [`ducha_engine_free`]. NULL only if the library panicked.
#[unsafe(no_mangle)]
pub extern "C" fn ducha_engine_seed() -> *mut DuchaEngine {
    catch_unwind(|| {
        Box::into_raw(Box::new(DuchaEngine {
            engine: Engine::seed(),
        }))
    })
    .unwrap_or(ptr::null_mut())
}

/// A copy of `engine`, to change (add calendar years to) while other
/// threads keep scoring with the original. NULL if `engine` is NULL.
///
/// # Safety
///
/// A non-NULL `engine` must come from this library and not be freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ducha_engine_clone(engine: *const DuchaEngine) -> *mut DuchaEngine {
    catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: forwarded from this function's contract.
        match unsafe { engine_ref(engine) } {
            Ok(e) => Box::into_raw(Box::new(DuchaEngine { engine: e.clone() })),
            Err(_) => ptr::null_mut(),
        }
    }))
    .unwrap_or(ptr::null_mut())
}

/// Frees an engine. NULL is ignored.
///
/// # Safety
///
/// A non-NULL `engine` must come from this library, not be freed already,
/// and not be in use by another thread.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ducha_engine_free(engine: *mut DuchaEngine) {
    if engine.is_null() {
        return;
    }
    // SAFETY: `engine` came from `Box::into_raw` in this library and is
    // freed once (this function's contract).
    let engine = unsafe { Box::from_raw(engine) };
    // Dropping an `Engine` only frees memory; the guard is for form's sake.
    let _ = catch_unwind(AssertUnwindSafe(move || drop(engine)));
}

/// Scores an inspection: `len` bytes of UTF-8 inspection JSON in, the
/// scorecard JSON out (compact, keys in a fixed order).
///
/// Returns [`DUCHA_OK`] with the scorecard in `*out`, [`DUCHA_ERROR`] with
/// an error JSON in `*out`, or [`DUCHA_NO_OUTPUT`] if `out` is NULL. Free
/// `*out` with [`ducha_string_free`].
///
/// # Safety
///
/// A non-NULL `engine` must come from this library and not be freed or
/// mutated during the call; a non-NULL `inspection_json` must be readable
/// for `len` bytes; a non-NULL `out` must be writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ducha_evaluate(
    engine: *const DuchaEngine,
    inspection_json: *const c_char,
    len: usize,
    out: *mut *mut c_char,
) -> c_int {
    if out.is_null() {
        return DUCHA_NO_OUTPUT;
    }
    let outcome = shielded(|| {
        // SAFETY: forwarded from this function's contract.
        let engine = unsafe { engine_ref(engine) }?;
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { input(inspection_json, len, "inspection_json") }?;
        engine.evaluate(text).map_err(|e| e.to_json())
    });
    // SAFETY: `out` is not NULL and writable (this function's contract).
    unsafe { deliver(out, outcome) }
}

/// Scores many assessees' inspections in one call: `len` bytes of UTF-8
/// batch JSON (`{"assessees": [{"id", "name"?, "inspection"}, …]}`) in, the
/// batch report JSON (every entry's scorecard or error, the ranking, the
/// summary per node and rule) out. One inspection that fails is that
/// entry's error; only a malformed batch document is an error of the call.
///
/// Returns as [`ducha_evaluate`] does.
///
/// # Safety
///
/// As [`ducha_evaluate`], with `batch_json` readable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ducha_evaluate_batch(
    engine: *const DuchaEngine,
    batch_json: *const c_char,
    len: usize,
    out: *mut *mut c_char,
) -> c_int {
    if out.is_null() {
        return DUCHA_NO_OUTPUT;
    }
    let outcome = shielded(|| {
        // SAFETY: forwarded from this function's contract.
        let engine = unsafe { engine_ref(engine) }?;
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { input(batch_json, len, "batch_json") }?;
        engine.evaluate_batch(text).map_err(|e| e.to_json())
    });
    // SAFETY: `out` is not NULL and writable (this function's contract).
    unsafe { deliver(out, outcome) }
}

/// Adds a year to the engine's working-day calendar, or replaces it, from
/// `len` bytes of JSON in the holiday-cn shape (`year`, `papers`, `days`).
///
/// Returns [`DUCHA_OK`] (and sets `*error_out` to NULL) or [`DUCHA_ERROR`]
/// with the error JSON in `*error_out`. `error_out` may be NULL.
///
/// # Safety
///
/// A non-NULL `engine` must come from this library, not be freed, and not
/// be in use by another thread during the call; a non-NULL `year_json` must
/// be readable for `len` bytes; a non-NULL `error_out` must be writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ducha_add_calendar_year(
    engine: *mut DuchaEngine,
    year_json: *const c_char,
    len: usize,
    error_out: *mut *mut c_char,
) -> c_int {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        change(engine, year_json, len, "year_json", error_out, |e, text| {
            e.add_calendar_year(text)
        })
    }
}

/// Adds another version of the engine's rubric from `len` bytes of rubric
/// JSON (the same id, another `version`, each version with its `in_force`
/// dates): each inspection is then scored against the version in force for
/// its period, and its scorecard names the version.
///
/// Returns as [`ducha_add_calendar_year`].
///
/// # Safety
///
/// As [`ducha_add_calendar_year`], with `rubric_json` readable for `len`
/// bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ducha_engine_add_version(
    engine: *mut DuchaEngine,
    rubric_json: *const c_char,
    len: usize,
    error_out: *mut *mut c_char,
) -> c_int {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        change(
            engine,
            rubric_json,
            len,
            "rubric_json",
            error_out,
            |e, text| e.add_version(text),
        )
    }
}

/// Changes the engine behind `engine` with `f` of the input text, as the
/// functions that change an engine do: [`DUCHA_OK`] (and `*error_out` set to
/// NULL), or [`DUCHA_ERROR`] with the error JSON in `*error_out`.
///
/// # Safety
///
/// A non-NULL `engine` must come from this library, not be freed, and not be
/// in use by another thread during the call; a non-NULL `json` must be
/// readable for `len` bytes; a non-NULL `error_out` must be writable.
unsafe fn change(
    engine: *mut DuchaEngine,
    json: *const c_char,
    len: usize,
    name: &str,
    error_out: *mut *mut c_char,
    f: impl FnOnce(&mut Engine, &str) -> Result<(), JsonError>,
) -> c_int {
    let outcome = shielded(|| {
        // SAFETY: a non-NULL `engine` is a live `DuchaEngine` used by no one
        // else during the call (this function's contract).
        let engine = match unsafe { engine.as_mut() } {
            Some(e) => &mut e.engine,
            None => return Err(null_pointer("engine")),
        };
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { input(json, len, name) }?;
        f(engine, text).map_err(|e| e.to_json())?;
        Ok(String::new())
    });
    let (status, error) = match outcome {
        Ok(_) => (DUCHA_OK, None),
        Err(error) => (DUCHA_ERROR, Some(error)),
    };
    // SAFETY: forwarded from this function's contract.
    unsafe { deliver_error(error_out, error) };
    status
}

/// The engine's rubric diagnostics as JSON: `{"diagnostics":[{"code","id",
/// "message"},…]}`.
///
/// Returns as [`ducha_evaluate`]; the only error is a NULL `engine`.
///
/// # Safety
///
/// A non-NULL `engine` must come from this library and not be freed or
/// mutated during the call; a non-NULL `out` must be writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ducha_diagnostics(
    engine: *const DuchaEngine,
    out: *mut *mut c_char,
) -> c_int {
    if out.is_null() {
        return DUCHA_NO_OUTPUT;
    }
    // SAFETY: forwarded from this function's contract.
    let outcome = shielded(|| Ok(unsafe { engine_ref(engine) }?.diagnostics()));
    // SAFETY: `out` is not NULL and writable (this function's contract).
    unsafe { deliver(out, outcome) }
}

/// The engine's rubric as JSON (the shape [`ducha_engine_load`] reads).
///
/// Returns as [`ducha_evaluate`]; the only error is a NULL `engine`.
///
/// # Safety
///
/// A non-NULL `engine` must come from this library and not be freed or
/// mutated during the call; a non-NULL `out` must be writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ducha_rubric_json(
    engine: *const DuchaEngine,
    out: *mut *mut c_char,
) -> c_int {
    if out.is_null() {
        return DUCHA_NO_OUTPUT;
    }
    // SAFETY: forwarded from this function's contract.
    let outcome = shielded(|| Ok(unsafe { engine_ref(engine) }?.rubric_json()));
    // SAFETY: `out` is not NULL and writable (this function's contract).
    unsafe { deliver(out, outcome) }
}

/// The JSON Schema (draft 2020-12) of the engine's rubric's inspections:
/// each rule id with the fact forms its trigger reads, its label and text,
/// for a form builder.
///
/// Returns as [`ducha_evaluate`]; the only error is a NULL `engine`.
///
/// # Safety
///
/// A non-NULL `engine` must come from this library and not be freed or
/// mutated during the call; a non-NULL `out` must be writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ducha_inspection_schema(
    engine: *const DuchaEngine,
    out: *mut *mut c_char,
) -> c_int {
    if out.is_null() {
        return DUCHA_NO_OUTPUT;
    }
    // SAFETY: forwarded from this function's contract.
    let outcome = shielded(|| Ok(unsafe { engine_ref(engine) }?.inspection_schema()));
    // SAFETY: `out` is not NULL and writable (this function's contract).
    unsafe { deliver(out, outcome) }
}

/// Validates a rubric (`len` bytes of UTF-8 JSON) without keeping it and
/// lists its diagnostics: `{"diagnostics":[…]}`.
///
/// Returns as [`ducha_evaluate`]: [`DUCHA_ERROR`] if the rubric is not valid
/// at all (codes `null-pointer`, `utf8`, `syntax`, `limit`, `invalid`,
/// `invalid-rubric`).
///
/// # Safety
///
/// A non-NULL `rubric_json` must be readable for `len` bytes; a non-NULL
/// `out` must be writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ducha_validate(
    rubric_json: *const c_char,
    len: usize,
    out: *mut *mut c_char,
) -> c_int {
    if out.is_null() {
        return DUCHA_NO_OUTPUT;
    }
    let outcome = shielded(|| {
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { input(rubric_json, len, "rubric_json") }?;
        ducha::json::validate(text).map_err(|e| e.to_json())
    });
    // SAFETY: `out` is not NULL and writable (this function's contract).
    unsafe { deliver(out, outcome) }
}

/// Frees a string this library returned. NULL is ignored.
///
/// # Safety
///
/// A non-NULL `s` must be a string this library returned in an `out` or
/// `error_out` parameter, not freed already. Never pass
/// [`ducha_version`]'s static string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ducha_string_free(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    // SAFETY: `s` came from `CString::into_raw` in this library and is freed
    // once (this function's contract); its NUL is still the first one, as
    // the caller only reads it.
    drop(unsafe { CString::from_raw(s) });
}

/// Allocates `size` bytes aligned to 8, for a host (WebAssembly's
/// JavaScript) to place input in the library's memory. Returns NULL if the
/// memory cannot be had; `size` 0 gives a non-NULL pointer to nothing. Give
/// the block back with [`ducha_dealloc`] and the same `size`.
#[unsafe(no_mangle)]
pub extern "C" fn ducha_alloc(size: usize) -> *mut u8 {
    if size == 0 {
        return ptr::NonNull::<u64>::dangling().as_ptr().cast();
    }
    match Layout::from_size_align(size, ALIGN) {
        // SAFETY: the layout's size is not zero.
        Ok(layout) => unsafe { std::alloc::alloc(layout) },
        Err(_) => ptr::null_mut(),
    }
}

/// Frees a block from [`ducha_alloc`]. NULL and `size` 0 are ignored.
///
/// # Safety
///
/// A non-NULL `ptr` must come from [`ducha_alloc`] called with this same
/// `size`, and not be freed already.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ducha_dealloc(ptr: *mut u8, size: usize) {
    if ptr.is_null() || size == 0 {
        return;
    }
    if let Ok(layout) = Layout::from_size_align(size, ALIGN) {
        // SAFETY: `ptr` was allocated by `ducha_alloc` with this layout and
        // not yet freed (this function's contract).
        unsafe { std::alloc::dealloc(ptr, layout) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    const SAMPLE: &str = include_str!("../../data/yuxi-sample.json");

    // Safe wrappers: every engine the tests pass is NULL, or live and used by
    // one thread; every input is a live slice; every out-pointer a local.

    /// Takes ownership of a library string.
    fn take(s: *mut c_char) -> String {
        assert!(!s.is_null());
        // SAFETY: `s` is a NUL-terminated string from the library, freed
        // once, here, after it is copied.
        unsafe {
            let text = CStr::from_ptr(s).to_str().unwrap().to_owned();
            ducha_string_free(s);
            text
        }
    }

    fn free(engine: *mut DuchaEngine) {
        // SAFETY: `engine` is NULL or from the library, freed once.
        unsafe { ducha_engine_free(engine) }
    }

    /// `ducha_evaluate`, with NULL for `input: None`.
    fn evaluate_raw(engine: *const DuchaEngine, input: Option<&[u8]>) -> (c_int, String) {
        let (ptr, len) = input.map_or((ptr::null(), 0), |i| (i.as_ptr().cast(), i.len()));
        let mut out = ptr::null_mut();
        // SAFETY: see the comment above the wrappers.
        let status = unsafe { ducha_evaluate(engine, ptr, len, &mut out) };
        (status, take(out))
    }

    fn evaluate(engine: *const DuchaEngine, input: &[u8]) -> (c_int, String) {
        evaluate_raw(engine, Some(input))
    }

    /// `ducha_engine_load`: the engine and the error.
    fn load(rubric: Option<&[u8]>) -> (*mut DuchaEngine, Option<String>) {
        let (ptr, len) = rubric.map_or((ptr::null(), 0), |r| (r.as_ptr().cast(), r.len()));
        let mut error = ptr::dangling_mut();
        // SAFETY: see the comment above the wrappers.
        let engine = unsafe { ducha_engine_load(ptr, len, &mut error) };
        (engine, (!error.is_null()).then(|| take(error)))
    }

    /// `ducha_add_calendar_year`: the status and the error.
    fn add_year(engine: *mut DuchaEngine, year: &[u8]) -> (c_int, Option<String>) {
        let mut error = ptr::dangling_mut();
        // SAFETY: see the comment above the wrappers.
        let status = unsafe {
            ducha_add_calendar_year(engine, year.as_ptr().cast(), year.len(), &mut error)
        };
        (status, (!error.is_null()).then(|| take(error)))
    }

    /// `ducha_validate`, with NULL for `rubric: None`.
    fn validate(rubric: Option<&[u8]>) -> (c_int, String) {
        let (ptr, len) = rubric.map_or((ptr::null(), 0), |r| (r.as_ptr().cast(), r.len()));
        let mut out = ptr::null_mut();
        // SAFETY: see the comment above the wrappers.
        let status = unsafe { ducha_validate(ptr, len, &mut out) };
        (status, take(out))
    }

    type EngineDocument = unsafe extern "C" fn(*const DuchaEngine, *mut *mut c_char) -> c_int;

    /// `ducha_diagnostics` or `ducha_rubric_json`.
    fn document(f: EngineDocument, engine: *const DuchaEngine) -> (c_int, String) {
        let mut out = ptr::null_mut();
        // SAFETY: see the comment above the wrappers.
        let status = unsafe { f(engine, &mut out) };
        (status, take(out))
    }

    fn code(json: &str) -> String {
        let prefix = r#"{"error":{"code":""#;
        assert!(json.starts_with(prefix), "{json}");
        json[prefix.len()..].split('"').next().unwrap().to_owned()
    }

    #[test]
    fn the_seed_scores_its_sample_as_the_core_does() {
        let engine = ducha_engine_seed();
        let (status, card) = evaluate(engine, SAMPLE.as_bytes());
        assert_eq!(status, DUCHA_OK);
        assert_eq!(card, Engine::seed().evaluate(SAMPLE).unwrap());
        assert!(card.contains(r#""score":"69.5""#));
        free(engine);
    }

    #[test]
    fn a_loaded_rubric_round_trips() {
        let seed = ducha_engine_seed();
        let (status, rubric) = document(ducha_rubric_json, seed);
        assert_eq!(status, DUCHA_OK);
        let (engine, error) = load(Some(rubric.as_bytes()));
        assert!(!engine.is_null());
        assert_eq!(error, None, "error_out is set to NULL on success");
        assert_eq!(
            evaluate(engine, SAMPLE.as_bytes()),
            evaluate(seed, SAMPLE.as_bytes())
        );
        // SAFETY: `engine` is live.
        let copy = unsafe { ducha_engine_clone(engine) };
        free(engine);
        assert_eq!(evaluate(copy, b"{}"), evaluate(seed, b"{}"));
        free(copy);
        free(seed);
    }

    #[test]
    fn null_pointers_give_error_json() {
        let engine = ducha_engine_seed();
        assert_eq!(
            evaluate(ptr::null(), b"{}"),
            (
                DUCHA_ERROR,
                r#"{"error":{"code":"null-pointer","message":"`engine` is NULL"}}"#.to_owned()
            )
        );
        assert_eq!(
            evaluate_raw(engine, None),
            (
                DUCHA_ERROR,
                r#"{"error":{"code":"null-pointer","message":"`inspection_json` is NULL"}}"#
                    .to_owned()
            )
        );
        // SAFETY: NULL `out` is allowed; the input is a live literal.
        let status = unsafe { ducha_evaluate(engine, c"{}".as_ptr(), 2, ptr::null_mut()) };
        assert_eq!(status, DUCHA_NO_OUTPUT);
        // SAFETY: NULL `out` is allowed.
        let status = unsafe { ducha_diagnostics(engine, ptr::null_mut()) };
        assert_eq!(status, DUCHA_NO_OUTPUT);

        let (loaded, error) = load(None);
        assert!(loaded.is_null());
        assert_eq!(code(&error.unwrap()), "null-pointer");
        // SAFETY: NULL input and NULL `error_out` are allowed.
        assert!(unsafe { ducha_engine_load(ptr::null(), 0, ptr::null_mut()) }.is_null());
        // SAFETY: NULL is allowed.
        assert!(unsafe { ducha_engine_clone(ptr::null()) }.is_null());

        let (status, error) = add_year(ptr::null_mut(), b"{}");
        assert_eq!(
            (status, code(&error.unwrap())),
            (DUCHA_ERROR, "null-pointer".into())
        );
        for f in [ducha_diagnostics as EngineDocument, ducha_rubric_json] {
            let (status, error) = document(f, ptr::null());
            assert_eq!((status, code(&error)), (DUCHA_ERROR, "null-pointer".into()));
        }
        let (status, error) = validate(None);
        assert_eq!((status, code(&error)), (DUCHA_ERROR, "null-pointer".into()));

        // SAFETY: NULL is allowed.
        unsafe { ducha_string_free(ptr::null_mut()) };
        free(ptr::null_mut());
        free(engine);
    }

    #[test]
    fn invalid_utf8_gives_error_json() {
        let engine = ducha_engine_seed();
        // A GBK-encoded 督 (0xB6 0xBD) in a string, at byte 12.
        assert_eq!(
            evaluate(engine, b"{\"rubric\": \"\xb6\xbd\"}"),
            (
                DUCHA_ERROR,
                r#"{"error":{"code":"utf8","message":"`inspection_json` is not UTF-8: invalid byte at offset 12"}}"#.to_owned()
            )
        );
        let (status, error) = validate(Some(b"\xff"));
        assert_eq!((status, code(&error)), (DUCHA_ERROR, "utf8".into()));
        let (loaded, error) = load(Some(b"{\"id\": \"\xc3\""));
        assert!(loaded.is_null());
        assert_eq!(code(&error.unwrap()), "utf8");
        free(engine);
    }

    #[test]
    fn core_errors_pass_through_unchanged() {
        let engine = ducha_engine_seed();
        for input in [
            &b"{\"facts\": {\"2a\": true,}}"[..],
            b"",
            b"{\"facts\": {\"7z\": 1}}",
        ] {
            let (status, error) = evaluate(engine, input);
            assert_eq!(status, DUCHA_ERROR);
            let core = Engine::seed()
                .evaluate(std::str::from_utf8(input).unwrap())
                .unwrap_err();
            assert_eq!(error, core.to_json());
        }
        // The length, not a NUL, ends the input.
        let (status, card) = evaluate(engine, b"{}\0garbage".split_at(2).0);
        assert_eq!(status, DUCHA_OK);
        assert!(card.starts_with(r#"{"rubric":"yuxi-shuangsuiji""#));
        let (status, error) = evaluate(engine, b"{}\0");
        assert_eq!((status, code(&error)), (DUCHA_ERROR, "syntax".into()));
        let (loaded, error) = load(Some(br#"{"id": "x"}"#));
        assert!(loaded.is_null());
        assert_eq!(code(&error.unwrap()), "invalid");
        free(engine);
    }

    #[test]
    fn a_calendar_year_makes_a_later_deadline_answerable() {
        let engine = ducha_engine_seed();
        let inspection = br#"{"period": {"from": "2026-01-01", "to": "2026-12-31"}, "facts": {"7a": [{"start": "2026-12-20", "done": "2027-01-29"}]}}"#;
        assert_eq!(code(&evaluate(engine, inspection).1), "calendar");
        let year = r#"{"year":2027,"papers":[],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}"#;
        assert_eq!(add_year(engine, year.as_bytes()), (DUCHA_OK, None));
        assert_eq!(evaluate(engine, inspection).0, DUCHA_OK);
        let (status, error) = add_year(engine, b"[]");
        assert_eq!(
            (status, code(&error.unwrap())),
            (DUCHA_ERROR, "invalid".into())
        );
        free(engine);
    }

    #[test]
    fn diagnostics_and_validate_agree() {
        let engine = ducha_engine_seed();
        let (status, diagnostics) = document(ducha_diagnostics, engine);
        assert_eq!(status, DUCHA_OK);
        assert!(diagnostics.contains("duplicate-serial"), "{diagnostics}");
        let rubric = Engine::seed().rubric_json();
        assert_eq!(validate(Some(rubric.as_bytes())), (DUCHA_OK, diagnostics));
        free(engine);
    }

    #[test]
    fn a_panic_becomes_an_internal_error() {
        let outcome = shielded(|| std::panic::panic_any(String::from("boom \"quoted\"\n")));
        assert_eq!(
            outcome,
            Err(
                r#"{"error":{"code":"internal","message":"ducha panicked: boom \"quoted\"\n"}}"#
                    .to_owned()
            )
        );
        let outcome = shielded(|| std::panic::panic_any(7_u8));
        assert_eq!(code(&outcome.unwrap_err()), "internal");
    }

    /// `12345678` as `12 345 678`.
    fn grouped(n: usize) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn the_header_declares_exactly_the_exports() {
        let header = include_str!("../include/ducha.h");
        let source = include_str!("lib.rs").split("#[cfg(test)]").next().unwrap();
        let exported: Vec<&str> = source
            .split("#[unsafe(no_mangle)]")
            .skip(1)
            .map(|s| {
                let s = &s[s.find("fn ").unwrap() + 3..];
                &s[..s.find('(').unwrap()]
            })
            .collect();
        let declared: Vec<&str> = header
            .lines()
            .filter(|l| !l.starts_with(' ') && !l.starts_with('#') && !l.starts_with('/'))
            .filter_map(|l| {
                let name_end = l.find('(')?;
                let name_start = l[..name_end].rfind([' ', '*'])? + 1;
                Some(&l[name_start..name_end])
            })
            .collect();
        assert_eq!(declared, exported);
        for (name, value) in [
            ("DUCHA_OK", DUCHA_OK),
            ("DUCHA_ERROR", DUCHA_ERROR),
            ("DUCHA_NO_OUTPUT", DUCHA_NO_OUTPUT),
        ] {
            assert!(
                header.contains(&format!("#define {name} {value}\n")),
                "{name}"
            );
        }
        let limits = [
            format!("{} MiB of input", ducha::json::MAX_INPUT_BYTES >> 20),
            format!("nesting {} deep", ducha::json::MAX_NESTING),
            format!("{} rules", grouped(ducha::json::MAX_RULES)),
            format!("{} indicators", grouped(ducha::json::MAX_NODES)),
        ];
        for limit in limits {
            assert!(header.contains(&limit), "the header should say `{limit}`");
        }
    }

    #[test]
    fn alloc_and_version() {
        for size in [0, 1, 24, 4096] {
            let p = ducha_alloc(size);
            assert!(!p.is_null());
            assert_eq!(p as usize % ALIGN, 0);
            // SAFETY: `p` came from `ducha_alloc(size)`.
            unsafe { ducha_dealloc(p, size) };
        }
        assert!(ducha_alloc(usize::MAX).is_null());
        // SAFETY: the version is a static NUL-terminated string.
        let version = unsafe { CStr::from_ptr(ducha_version()) };
        assert_eq!(version.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}

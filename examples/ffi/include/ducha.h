/*
 * ducha.h: the C ABI of ducha, executable deduction-based scorecards
 * (督查细则 / 考核细则). JSON strings in, JSON strings out.
 *
 * Build the library with `cargo build -p ducha-ffi --release`; link
 * `target/release/libducha_ffi.a` (static) or `libducha_ffi.so` /
 * `.dylib` / `ducha_ffi.dll` (dynamic). See examples/ffi/README.md.
 *
 * CONTRACT
 *
 * Input.  Every input is UTF-8 JSON given as a pointer and a length in
 *         bytes; it needs no terminating NUL (a NUL inside the length is
 *         part of the input, and is malformed JSON). A UTF-8 byte-order
 *         mark (EF BB BF) at the start is skipped (RFC 8259 lets a parser
 *         ignore it). The library only reads the input during the call and
 *         keeps no pointer to it.
 *
 * Numbers are read from their literal digits, never through a binary
 *         float: 0.99999999999999999 is that number (never 1), 1e-23 is
 *         exact; a number no 96-bit decimal holds exactly (more than 28
 *         significant digits or decimal places) is refused with code
 *         `invalid`, the literal quoted. "96%" is a percentage.
 *
 * Cases.  In a deadline list, an object with any of `start`, `due`, `done`
 *         (even `null`, as Jackson and System.Text.Json write them), or
 *         with no key at all, is a case; one with neither `start` nor `due`
 *         is `invalid-case`, never a silent finding.
 *
 * Year end. A case whose due date is known and passed is a breach even
 *         when the assessment date or the done date falls in a year the
 *         calendar does not know; the reason counts working days up to the
 *         last known day and says so. Only a question whose answer depends
 *         on an unknown year is a `calendar` error.
 *
 * Output size. A reason names at most 12 findings, cases or periods and
 *         quotes at most 100 characters of a note, so a scorecard grows
 *         with the rubric and the inspection, never faster.
 *
 * Output. Every `char *` the library hands out through `out` or
 *         `error_out` is a NUL-terminated UTF-8 JSON string owned by the
 *         caller, who frees it exactly once with ducha_string_free (never
 *         free(): the library has its own allocator). JSON never holds a
 *         raw NUL byte, so the first NUL is the exact end.
 *
 * Errors. An error is JSON of one shape:
 *           {"error":{"code":"…","message":"…","path":"…","id":"…"}}
 *         `path` (where in the input: "facts.7a[0].start") and `id` (the
 *         rule, node or rubric concerned) appear only when they apply.
 *         `code` is stable; `message` is for people. Codes:
 *           null-pointer     a required pointer argument was NULL
 *           utf8             the input bytes are not UTF-8 (GBK, UTF-16…)
 *           internal         the library panicked (a bug; never expected)
 *           syntax           not JSON
 *           limit            above an input limit: 16 MiB of input,
 *                            nesting 127 deep (checked as the input is
 *                            read: deeper is `limit` unless the input was
 *                            refused for its shape first, `invalid`),
 *                            100 000 rules, 100 000 indicators and items
 *           invalid          JSON that does not fit the contract (see path)
 *           invalid-rubric   a rubric that fails validation (see id)
 *           rubric-mismatch  the inspection names another rubric
 *           unknown-rule     a fact for a rule the rubric does not have
 *           wrong-fact-type  a fact of a type its rule does not read
 *           missing-context  a date rule without the period or date it needs
 *           calendar         the working-day calendar does not know a year
 *           invalid-case     a malformed deadline case
 *           out-of-domain    a value outside what its rule reads (a ratio
 *                            of 96, a negative count; see id)
 *           overflow         a deduction too large to represent
 *         NULL pointers, invalid UTF-8 and malformed JSON are answered with
 *         an error, never a crash. No Rust panic unwinds into the caller.
 *
 * Status. Functions returning int return DUCHA_OK (0) or DUCHA_ERROR (1);
 *         those with a required `out` return DUCHA_NO_OUTPUT (2) when `out`
 *         is NULL, and then do nothing.
 *
 * Threads. A DuchaEngine is read-only except through
 *         ducha_add_calendar_year. Any number of threads may call
 *         ducha_evaluate, ducha_evaluate_batch, ducha_diagnostics,
 *         ducha_rubric_json, ducha_inspection_schema and
 *         ducha_engine_clone on one engine at the same time.
 *         ducha_add_calendar_year and ducha_engine_free need the engine to
 *         themselves (to update a shared engine: clone it, add the year to
 *         the clone, swap it in, free the old one when no one uses it).
 *         Distinct engines are independent. Functions without an engine are
 *         safe to call from any thread at any time.
 *
 * Undefined behaviour remains possible only by breaking the pointer rules
 * C itself cannot check: an input pointer with fewer readable bytes than
 * its length, an engine or string not from this library (or already
 * freed), an `out` pointer that is not writable.
 */
#ifndef DUCHA_H
#define DUCHA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Success: `*out` holds the document. */
#define DUCHA_OK 0
/** Failure: `*out` (or `*error_out`) holds an error JSON. */
#define DUCHA_ERROR 1
/** `out` was NULL: nothing was done and nothing written. */
#define DUCHA_NO_OUTPUT 2

/** A rubric loaded once, parsed and validated, ready to score inspections.
 *  Opaque: create with ducha_engine_load, ducha_engine_seed or
 *  ducha_engine_clone; release with ducha_engine_free. */
typedef struct DuchaEngine DuchaEngine;

/** The library's version, e.g. "0.1.0": static, never free it. */
const char *ducha_version(void);

/** Loads a rubric from `len` bytes of UTF-8 JSON, parsed and validated
 *  once. Returns the engine, or NULL on failure with the error JSON in
 *  `*error_out` (codes null-pointer, utf8, syntax, limit, invalid,
 *  invalid-rubric). On success `*error_out` is set to NULL. `error_out`
 *  may be NULL if the caller does not want the error. */
DuchaEngine *ducha_engine_load(const char *rubric_json, size_t len, char **error_out);

/** An engine of the built-in seed rubric (the Yuxi 双随机、一公开
 *  scorecard). NULL only if the library panicked. */
DuchaEngine *ducha_engine_seed(void);

/** A copy of `engine`, independent of it. NULL if `engine` is NULL. */
DuchaEngine *ducha_engine_clone(const DuchaEngine *engine);

/** Frees an engine. NULL is ignored. */
void ducha_engine_free(DuchaEngine *engine);

/** Scores an inspection: `len` bytes of UTF-8 inspection JSON in, the
 *  scorecard JSON (compact, keys in a fixed order) out in `*out`.
 *  Returns DUCHA_OK with the scorecard in `*out`, DUCHA_ERROR with an
 *  error JSON in `*out`, or DUCHA_NO_OUTPUT if `out` is NULL. Free `*out`
 *  with ducha_string_free in both of the first two cases. */
int ducha_evaluate(const DuchaEngine *engine, const char *inspection_json, size_t len,
                   char **out);

/** Scores many assessees' inspections in one call: `len` bytes of UTF-8
 *  batch JSON in,
 *    {"assessees":[{"id":"a","name":"甲县","inspection":{"facts":{…}}},…],
 *     "rank_incomplete":false}
 *  the batch report JSON out: {"rubric","entries","ranking","incomplete",
 *  "failed","summary"}, each entry with its "scorecard" or its "error".
 *  One inspection that fails is that entry's error; only a malformed batch
 *  document (or one over 256 MiB) gives DUCHA_ERROR. Returns as
 *  ducha_evaluate; free `*out` with ducha_string_free. */
int ducha_evaluate_batch(const DuchaEngine *engine, const char *batch_json, size_t len,
                         char **out);

/** Adds a year to the engine's working-day calendar, or replaces it, from
 *  `len` bytes of JSON in the holiday-cn shape:
 *    {"year":2027,"papers":["https://…"],
 *     "days":[{"name":"元旦","date":"2027-01-01","isOffDay":true},…]}
 *  Returns DUCHA_OK (and sets `*error_out` to NULL) or DUCHA_ERROR with the
 *  error JSON in `*error_out`. `error_out` may be NULL. Needs the engine to
 *  itself: no other thread may use it during the call. */
int ducha_add_calendar_year(DuchaEngine *engine, const char *year_json, size_t len,
                            char **error_out);

/** Adds another version of the engine's rubric from `len` bytes of rubric
 *  JSON (the same id, another "version", each version with its
 *  "in_force": {"from","to"?} dates): each inspection is then scored
 *  against the version in force for its period (error code `version` when
 *  none or several are). Returns as ducha_add_calendar_year, and like it
 *  needs the engine to itself. */
int ducha_engine_add_version(DuchaEngine *engine, const char *rubric_json, size_t len,
                             char **error_out);

/** The engine's rubric diagnostics:
 *    {"diagnostics":[{"code":"…","id":"…","message":"…"},…]}
 *  Returns as ducha_evaluate; the only error is a NULL engine. */
int ducha_diagnostics(const DuchaEngine *engine, char **out);

/** The engine's rubric as JSON (what ducha_engine_load reads).
 *  Returns as ducha_evaluate; the only error is a NULL engine. */
int ducha_rubric_json(const DuchaEngine *engine, char **out);

/** The JSON Schema (draft 2020-12) of the engine's rubric's inspections:
 *  each rule id under "facts" with the forms its trigger reads, titled with
 *  its label, for a form builder. Returns as ducha_evaluate; the only error
 *  is a NULL engine. */
int ducha_inspection_schema(const DuchaEngine *engine, char **out);

/** Validates a rubric (`len` bytes of UTF-8 JSON) without keeping it and
 *  lists its diagnostics, as ducha_diagnostics. Returns as ducha_evaluate:
 *  DUCHA_ERROR if the rubric is not valid at all (codes as
 *  ducha_engine_load). */
int ducha_validate(const char *rubric_json, size_t len, char **out);

/** Frees a string from `out` or `error_out`. NULL is ignored. */
void ducha_string_free(char *s);

/** Allocates `size` bytes aligned to 8 in the library's heap; NULL if the
 *  memory cannot be had; `size` 0 gives a non-NULL pointer to nothing.
 *  Meant for WebAssembly hosts, which must place input in the module's
 *  memory; C needs it not. Return the block with ducha_dealloc. */
void *ducha_alloc(size_t size);

/** Frees a block from ducha_alloc, given the same `size`. NULL and `size`
 *  0 are ignored. */
void ducha_dealloc(void *ptr, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* DUCHA_H */

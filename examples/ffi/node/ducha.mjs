// ducha.mjs: a JavaScript binding of ducha_ffi.wasm, in one file with no
// dependencies. Works in Node 18+ and in browsers (anything with
// WebAssembly, TextEncoder and TextDecoder).
//
//   import { Ducha } from './ducha.mjs';
//   const ducha = await Ducha.instantiate(readFileSync('ducha_ffi.wasm'));
//   const engine = ducha.seed();                 // or ducha.load(rubricJson)
//   const card = JSON.parse(engine.evaluate(inspectionJson));
//   engine.free();
//
// Failures throw a DuchaError carrying the library's error JSON: `code`,
// `message`, `path`, `id` (see include/ducha.h for the codes).
//
// How it talks to the module (the same C ABI as include/ducha.h, with
// 32-bit pointers and size_t): input bytes are copied into memory from
// `ducha_alloc(len)` and given back with `ducha_dealloc(ptr, len)`; each
// `char **out` is a 4-byte slot from `ducha_alloc(4)`, into which the
// library writes the address of its NUL-terminated UTF-8 output; the
// output is read up to its NUL (JSON never holds a raw NUL) and freed with
// `ducha_string_free`. The module imports nothing.

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Status: success. */
export const OK = 0;
/** Status: failure, the output is an error JSON. */
export const ERROR = 1;
/** Status: `out` was NULL. */
export const NO_OUTPUT = 2;

/** A failure reported by the library, as its error JSON. */
export class DuchaError extends Error {
  constructor(json) {
    const error = JSON.parse(json).error;
    super(error.message);
    this.name = 'DuchaError';
    /** The stable machine code: `syntax`, `unknown-rule`, … */
    this.code = error.code;
    /** Where in the input, if it applies: `facts.7a[0].start`. */
    this.path = error.path;
    /** The rule, node or rubric concerned, if it applies. */
    this.id = error.id;
    /** The error JSON, as the library wrote it. */
    this.json = json;
  }
}

/** The text of a `{ result: status, bytes }`, or a thrown DuchaError. */
function textOrThrow({ result, bytes }) {
  const text = decoder.decode(bytes);
  if (result !== OK) {
    throw new DuchaError(text);
  }
  return text;
}

/** The instantiated module. */
export class Ducha {
  /** Instantiates the module from its bytes (a Buffer, ArrayBuffer or
   *  typed array). */
  static async instantiate(bytes) {
    const { instance } = await WebAssembly.instantiate(bytes, {});
    return new Ducha(instance.exports);
  }

  constructor(exports) {
    /** The raw exports: `memory` and the `ducha_*` functions. */
    this.raw = exports;
  }

  /** A fresh view of the module's memory (growth replaces the buffer). */
  memory() {
    return new Uint8Array(this.raw.memory.buffer);
  }

  /** The library's version. */
  version() {
    return decoder.decode(this.#cString(this.raw.ducha_version() >>> 0));
  }

  /** The bytes of the NUL-terminated string at `ptr`, copied out. */
  #cString(ptr) {
    const memory = this.memory();
    const end = memory.indexOf(0, ptr);
    return memory.slice(ptr, end);
  }

  /** Calls `f(ptr, len)` with `input` (a string, encoded as UTF-8, or raw
   *  bytes) copied into the module's memory; `null` passes NULL and 0. */
  withInput(input, f) {
    if (input === null) {
      return f(0, 0);
    }
    const bytes = typeof input === 'string' ? encoder.encode(input) : input;
    const ptr = this.raw.ducha_alloc(bytes.length) >>> 0;
    if (ptr === 0) {
      throw new RangeError(`ducha_alloc(${bytes.length}) failed`);
    }
    try {
      this.memory().set(bytes, ptr);
      return f(ptr, bytes.length);
    } finally {
      this.raw.ducha_dealloc(ptr, bytes.length);
    }
  }

  /** Calls `f(slot)` with a 4-byte `char **` slot and takes the string the
   *  library wrote there: `{ result, bytes }` where `bytes` is null if the
   *  library wrote NULL (or nothing). */
  withOut(f) {
    const slot = this.raw.ducha_alloc(4) >>> 0;
    if (slot === 0) {
      throw new RangeError('ducha_alloc(4) failed');
    }
    try {
      new DataView(this.raw.memory.buffer).setUint32(slot, 0, true);
      const result = f(slot);
      const ptr = new DataView(this.raw.memory.buffer).getUint32(slot, true);
      let bytes = null;
      if (ptr !== 0) {
        bytes = this.#cString(ptr);
        this.raw.ducha_string_free(ptr);
      }
      return { result, bytes };
    } finally {
      this.raw.ducha_dealloc(slot, 4);
    }
  }

  /** The built-in seed rubric. */
  seed() {
    return new Engine(this, this.raw.ducha_engine_seed() >>> 0);
  }

  /** Loads a rubric from JSON; throws a DuchaError if it does not load. */
  load(rubricJson) {
    const { result, bytes } = this.withInput(rubricJson, (ptr, len) =>
      this.withOut((slot) => this.raw.ducha_engine_load(ptr, len, slot) >>> 0),
    );
    if (result === 0) {
      throw new DuchaError(decoder.decode(bytes));
    }
    return new Engine(this, result);
  }

  /** Validates a rubric: its diagnostics JSON; throws a DuchaError if it is
   *  not valid at all. */
  validate(rubricJson) {
    return textOrThrow(
      this.withInput(rubricJson, (ptr, len) =>
        this.withOut((slot) => this.raw.ducha_validate(ptr, len, slot)),
      ),
    );
  }

}

/** A loaded rubric. Call `free()` when done: the module's memory is not
 *  garbage-collected. */
export class Engine {
  constructor(ducha, handle) {
    this.ducha = ducha;
    /** The `DuchaEngine *` in the module's memory (0 once freed). */
    this.handle = handle;
  }

  /** Scores an inspection (a JSON string, or raw bytes): the scorecard
   *  JSON; throws a DuchaError on failure. */
  evaluate(inspection) {
    return textOrThrow(this.evaluateRaw(inspection));
  }

  /** Scores an inspection: `{ result: status, bytes }`, the exact output
   *  bytes (scorecard or error JSON). */
  evaluateRaw(inspection) {
    const raw = this.ducha.raw;
    return this.ducha.withInput(inspection, (ptr, len) =>
      this.ducha.withOut((slot) => raw.ducha_evaluate(this.handle, ptr, len, slot)),
    );
  }

  /** Adds a calendar year (holiday-cn JSON); throws a DuchaError on
   *  failure. */
  addCalendarYear(yearJson) {
    const raw = this.ducha.raw;
    const { result, bytes } = this.ducha.withInput(yearJson, (ptr, len) =>
      this.ducha.withOut((slot) => raw.ducha_add_calendar_year(this.handle, ptr, len, slot)),
    );
    if (result !== OK) {
      throw new DuchaError(decoder.decode(bytes));
    }
  }

  /** The rubric's diagnostics JSON. */
  diagnostics() {
    const raw = this.ducha.raw;
    return textOrThrow(
      this.ducha.withOut((slot) => raw.ducha_diagnostics(this.handle, slot)),
    );
  }

  /** The rubric as JSON. */
  rubricJson() {
    const raw = this.ducha.raw;
    return textOrThrow(
      this.ducha.withOut((slot) => raw.ducha_rubric_json(this.handle, slot)),
    );
  }

  /** An independent copy. */
  clone() {
    return new Engine(this.ducha, this.ducha.raw.ducha_engine_clone(this.handle) >>> 0);
  }

  /** Frees the engine; it cannot be used afterwards. */
  free() {
    this.ducha.raw.ducha_engine_free(this.handle);
    this.handle = 0;
  }
}

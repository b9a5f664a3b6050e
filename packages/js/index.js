// ducha for JavaScript: the Rust crate `ducha` built as a WebAssembly module
// (ducha_ffi.wasm, shipped beside this file) and this ES module around it.
// No dependencies; Node 18+ and browsers (anything with WebAssembly,
// TextEncoder and TextDecoder).
//
//   import { Ducha } from 'ducha';
//   const ducha = await Ducha.load();            // the .wasm inside the package
//   const engine = ducha.seed();                 // or ducha.load(rubric)
//   const card = engine.evaluate(inspection);    // a Scorecard object
//   engine.free();
//
// How it talks to the module (the C ABI of examples/ffi/include/ducha.h,
// with 32-bit pointers and size_t): input bytes are copied into memory from
// `ducha_alloc(len)` and given back with `ducha_dealloc(ptr, len)`; each
// `char **out` is a 4-byte slot into which the library writes the address
// of its NUL-terminated UTF-8 output, which is decoded and freed with
// `ducha_string_free`. The module imports nothing. Every pointer coming out
// of the module is read unsigned (`>>> 0`): past 2 GiB of memory an i32 is
// negative in JavaScript.

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** `DUCHA_OK`: the call succeeded, `*out` holds the document. */
const OK = 0;

/** The exports every ducha module has. */
const REQUIRED_EXPORTS = [
  'memory',
  'ducha_alloc',
  'ducha_dealloc',
  'ducha_string_free',
  'ducha_version',
  'ducha_engine_load',
  'ducha_engine_seed',
  'ducha_engine_clone',
  'ducha_engine_free',
  'ducha_evaluate',
  'ducha_evaluate_batch',
  'ducha_inspection_schema',
  'ducha_add_calendar_year',
  'ducha_engine_add_version',
  'ducha_diagnostics',
  'ducha_rubric_json',
  'ducha_validate',
];

const isNode =
  typeof globalThis.process === 'object' &&
  globalThis.process !== null &&
  typeof globalThis.process.versions?.node === 'string';

/** A failure reported by the library, or by this wrapper in the library's
 *  terms: a stable `code`, a `message` for people, and where it applies the
 *  `path` in the input and the `id` of the rule, node or rubric concerned. */
export class DuchaError extends Error {
  /**
   * @param {{code: string, message: string, path?: string, id?: string}} error
   * @param {string} [json] the error JSON as the library wrote it
   */
  constructor(error, json) {
    super(error.message);
    this.name = 'DuchaError';
    /** The stable machine code: `syntax`, `invalid`, `unknown-rule`, … */
    this.code = error.code;
    /** Where in the input, if it applies: `facts.7a[0].start`. */
    this.path = error.path;
    /** The rule, node or rubric concerned, if it applies: `7a`. */
    this.id = error.id;
    /** The error JSON, exactly as the library wrote it. */
    this.json = json ?? JSON.stringify({ error: plain(error) });
  }

  /** A DuchaError from the library's error JSON
   *  (`{"error":{"code","message","path"?,"id"?}}`). */
  static fromJson(json) {
    return new DuchaError(JSON.parse(json).error, json);
  }

  /** The error object: `{code, message, path?, id?}`. */
  toJSON() {
    return plain(this);
  }
}

function plain({ code, message, path, id }) {
  const out = { code, message };
  if (path !== undefined) out.path = path;
  if (id !== undefined) out.id = id;
  return out;
}

/** The `[object …]` tag of a value: unlike instanceof, it holds across
 *  realms (an ArrayBuffer from an iframe, a worker's message, node:vm). */
function tag(value) {
  return Object.prototype.toString.call(value).slice(8, -1);
}

function isArrayBuffer(value) {
  return value instanceof ArrayBuffer || tag(value) === 'ArrayBuffer';
}

/** What a value is, for a TypeError's message. */
function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? `an object (${value.constructor?.name ?? 'no prototype'})` : typeof value;
}

/** An input as UTF-8 bytes: JSON text (a string), the bytes of JSON text
 *  (Uint8Array, any ArrayBuffer view, ArrayBuffer), or a plain object or
 *  array, which is serialized with JSON.stringify. */
function toBytes(input, what) {
  if (typeof input === 'string') return encoder.encode(input);
  if (input instanceof Uint8Array) return input;
  if (isArrayBuffer(input)) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (typeof input === 'object' && input !== null) {
    return encoder.encode(JSON.stringify(input));
  }
  throw new TypeError(`${what}: expected JSON text, its UTF-8 bytes or an object, got ${describe(input)}`);
}

/** The live module: its exports and one reusable `char **` slot. A module
 *  instance is single-threaded, and no call re-enters JavaScript, so one
 *  slot serves every call. */
class Core {
  constructor(exports) {
    for (const name of REQUIRED_EXPORTS) {
      if (!(name in exports)) {
        throw new TypeError(`not a ducha module: it does not export \`${name}\``);
      }
    }
    this.x = exports;
    this.slot = this.alloc(4);
  }

  alloc(size) {
    const ptr = this.x.ducha_alloc(size) >>> 0;
    if (ptr === 0) {
      throw new RangeError(`ducha_alloc(${size}) failed: the module's memory cannot grow`);
    }
    return ptr;
  }

  /** Calls `f(ptr, len)` with `input` copied into the module's memory. */
  withInput(input, what, f) {
    const bytes = toBytes(input, what);
    const len = bytes.length;
    const ptr = this.alloc(len);
    try {
      new Uint8Array(this.x.memory.buffer, ptr, len).set(bytes);
      return f(ptr, len);
    } finally {
      this.x.ducha_dealloc(ptr, len);
    }
  }

  /** Calls `f(slot)` and takes the string the library wrote into the slot:
   *  `[result, text]`, `text` null if it wrote NULL. */
  withOut(f) {
    const { memory } = this.x;
    const slot = this.slot;
    new DataView(memory.buffer).setUint32(slot, 0, true);
    const result = f(slot);
    // A fresh view: if the memory grew during the call, the old buffer is
    // detached.
    const buffer = memory.buffer;
    const ptr = new DataView(buffer).getUint32(slot, true);
    if (ptr === 0) return [result, null];
    try {
      const heap = new Uint8Array(buffer);
      // JSON never holds a raw NUL, so the first one ends the string.
      return [result, decoder.decode(heap.subarray(ptr, heap.indexOf(0, ptr)))];
    } finally {
      this.x.ducha_string_free(ptr);
    }
  }

  /** The document of a status-returning call, or a thrown DuchaError. */
  document([status, text]) {
    if (status !== OK) {
      throw text === null
        ? new DuchaError({ code: 'internal', message: `status ${status} and no output` })
        : DuchaError.fromJson(text);
    }
    return text;
  }

  version() {
    const ptr = this.x.ducha_version() >>> 0;
    const heap = new Uint8Array(this.x.memory.buffer);
    return decoder.decode(heap.subarray(ptr, heap.indexOf(0, ptr)));
  }
}

/** Frees the engines that were garbage-collected without `free()`. */
const finalizer =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry(({ x, handle }) => x.ducha_engine_free(handle))
    : null;

/** Only this module makes engines. */
const token = Symbol('ducha engine');

/** A rubric loaded into the module: parsed and validated once, ready to
 *  score any number of inspections. Lives in the module's memory: call
 *  `free()` (or use `using`) when done. */
export class Engine {
  #core;
  #handle;

  constructor(core, handle, key) {
    if (key !== token) {
      throw new TypeError('an Engine comes from ducha.seed(), ducha.load(rubric) or engine.clone()');
    }
    if (handle === 0) {
      throw new DuchaError({ code: 'internal', message: 'the library returned no engine' });
    }
    this.#core = core;
    this.#handle = handle;
    finalizer?.register(this, { x: core.x, handle }, this);
  }

  #live() {
    if (this.#handle === 0) {
      throw new DuchaError({ code: 'null-pointer', message: 'the engine has been freed' });
    }
    return this.#handle;
  }

  /** Scores an inspection (an object, JSON text or its UTF-8 bytes): the
   *  scorecard. Throws a DuchaError if the inspection does not fit. */
  evaluate(inspection) {
    return JSON.parse(this.evaluateJson(inspection));
  }

  /** Scores an inspection: the scorecard JSON, exactly the text the Rust
   *  API returns. Throws a DuchaError if the inspection does not fit. */
  evaluateJson(inspection) {
    const handle = this.#live();
    const core = this.#core;
    return core.document(
      core.withInput(inspection, 'inspection', (ptr, len) =>
        core.withOut((slot) => core.x.ducha_evaluate(handle, ptr, len, slot)),
      ),
    );
  }

  /** Scores many assessees' inspections in one call (`{assessees: [{id,
   *  name?, inspection}, …], rank_incomplete?}`, an object, JSON text or
   *  bytes): the batch report, with every entry's scorecard or error, the
   *  ranking with shared places and the summary per node and rule. Throws a
   *  DuchaError only for a malformed batch document. */
  evaluateBatch(batch) {
    return JSON.parse(this.evaluateBatchJson(batch));
  }

  /** Scores a batch: the batch report JSON, exactly the Rust API's text. */
  evaluateBatchJson(batch) {
    const handle = this.#live();
    const core = this.#core;
    return core.document(
      core.withInput(batch, 'batch', (ptr, len) =>
        core.withOut((slot) => core.x.ducha_evaluate_batch(handle, ptr, len, slot)),
      ),
    );
  }

  /** The JSON Schema (draft 2020-12) of this rubric's inspections, for a
   *  form builder: each rule id with the fact forms its trigger reads. */
  inspectionSchema() {
    return JSON.parse(this.inspectionSchemaJson());
  }

  /** The inspection schema as JSON text. */
  inspectionSchemaJson() {
    const handle = this.#live();
    const core = this.#core;
    return core.document(core.withOut((slot) => core.x.ducha_inspection_schema(handle, slot)));
  }

  /** Adds a year to the working-day calendar, or replaces it, from the
   *  holiday-cn shape (`{year, papers?, days: [{name, date, isOffDay}]}`,
   *  an object, JSON text or bytes). Throws a DuchaError if it does not
   *  fit. */
  addCalendarYear(year) {
    const handle = this.#live();
    const core = this.#core;
    core.document(
      core.withInput(year, 'calendar year', (ptr, len) =>
        core.withOut((slot) => core.x.ducha_add_calendar_year(handle, ptr, len, slot)),
      ),
    );
  }

  /** Adds another version of the rubric (the same id, another `version`,
   *  each version with its `in_force` dates; an object, JSON text or
   *  bytes): each inspection is then scored against the version in force
   *  for its period. Throws a DuchaError if it does not fit. */
  addVersion(rubric) {
    const handle = this.#live();
    const core = this.#core;
    core.document(
      core.withInput(rubric, 'rubric', (ptr, len) =>
        core.withOut((slot) => core.x.ducha_engine_add_version(handle, ptr, len, slot)),
      ),
    );
  }

  /** What is valid but probably not meant in the rubric. */
  diagnostics() {
    return JSON.parse(this.diagnosticsJson()).diagnostics;
  }

  /** The diagnostics as JSON: `{"diagnostics":[{"code","id","message"},…]}`. */
  diagnosticsJson() {
    const handle = this.#live();
    const core = this.#core;
    return core.document(core.withOut((slot) => core.x.ducha_diagnostics(handle, slot)));
  }

  /** The rubric as JSON, which `ducha.load` reads back. */
  rubricJson() {
    const handle = this.#live();
    const core = this.#core;
    return core.document(core.withOut((slot) => core.x.ducha_rubric_json(handle, slot)));
  }

  /** An independent copy (with the calendar years added so far). */
  clone() {
    const handle = this.#live();
    return new Engine(this.#core, this.#core.x.ducha_engine_clone(handle) >>> 0, token);
  }

  /** Whether `free()` has been called. */
  get freed() {
    return this.#handle === 0;
  }

  /** Frees the engine's memory in the module. Calling it again does
   *  nothing; any other method then throws. */
  free() {
    const handle = this.#handle;
    if (handle === 0) return;
    this.#handle = 0;
    finalizer?.unregister(this);
    this.#core.x.ducha_engine_free(handle);
  }
}

if (typeof Symbol.dispose === 'symbol') {
  Object.defineProperty(Engine.prototype, Symbol.dispose, {
    value: Engine.prototype.free,
    writable: true,
    configurable: true,
  });
}

/** The instantiated module. Get one with `await Ducha.load(source)`. */
export class Ducha {
  #core;

  /**
   * Instantiates ducha_ffi.wasm. `source` is:
   * - nothing: the .wasm shipped in this package (found from this file's
   *   own URL, never from the current folder);
   * - a path (Node only) or a `file:` URL, read with node:fs;
   * - an `http(s):` URL (string or URL) or, in a browser, any URL string
   *   (relative to the page), fetched;
   * - a Response (or a promise of one, such as `fetch(url)`);
   * - the module's bytes (ArrayBuffer, Uint8Array, Buffer);
   * - a compiled WebAssembly.Module, or a WebAssembly.Instance.
   */
  static async load(source) {
    return new Ducha(await instantiate(await source));
  }

  /** Wraps an instantiated module (a WebAssembly.Instance, or its
   *  exports). `Ducha.load` is the usual way. */
  constructor(instance) {
    const isInstance = instance instanceof WebAssembly.Instance || tag(instance) === 'WebAssembly.Instance';
    this.#core = new Core(isInstance ? instance.exports : instance);
  }

  /** The module's raw exports: `memory` and the `ducha_*` functions of
   *  the C ABI. */
  get exports() {
    return this.#core.x;
  }

  /** The library's version: `0.1.0`. */
  version() {
    return this.#core.version();
  }

  /** The built-in seed rubric (the Yuxi 双随机、一公开 scorecard). */
  seed() {
    return new Engine(this.#core, this.#core.x.ducha_engine_seed() >>> 0, token);
  }

  /** Loads a rubric (an object, JSON text or its UTF-8 bytes), parsed and
   *  validated once. Throws a DuchaError if it does not load. */
  load(rubric) {
    const core = this.#core;
    const [handle, error] = core.withInput(rubric, 'rubric', (ptr, len) =>
      core.withOut((slot) => core.x.ducha_engine_load(ptr, len, slot) >>> 0),
    );
    if (handle === 0) {
      throw error === null
        ? new DuchaError({ code: 'internal', message: 'the library returned no engine and no error' })
        : DuchaError.fromJson(error);
    }
    return new Engine(core, handle, token);
  }

  /** A rubric's diagnostics, without keeping it. Throws a DuchaError if
   *  the rubric does not load. */
  validate(rubric) {
    return JSON.parse(this.validateJson(rubric)).diagnostics;
  }

  /** A rubric's diagnostics as JSON, without keeping it. */
  validateJson(rubric) {
    const core = this.#core;
    return core.document(
      core.withInput(rubric, 'rubric', (ptr, len) =>
        core.withOut((slot) => core.x.ducha_validate(ptr, len, slot)),
      ),
    );
  }
}

/** The imports of the module: none. */
const IMPORTS = {};

/** A WebAssembly.Instance of ducha_ffi.wasm from any of the sources
 *  `Ducha.load` takes. */
async function instantiate(source) {
  if (source === undefined) {
    source = new URL('./ducha_ffi.wasm', import.meta.url);
  }
  if (source instanceof WebAssembly.Instance || tag(source) === 'WebAssembly.Instance') {
    return source;
  }
  if (source instanceof WebAssembly.Module || tag(source) === 'WebAssembly.Module') {
    return WebAssembly.instantiate(source, IMPORTS);
  }
  if (isArrayBuffer(source) || ArrayBuffer.isView(source)) {
    return (await WebAssembly.instantiate(source, IMPORTS)).instance;
  }
  if (isResponse(source)) {
    return fromResponse(source);
  }
  if (typeof source === 'string' || isUrl(source)) {
    const url = asUrl(source);
    if (url === null || url.protocol === 'file:') {
      if (!isNode) {
        throw new TypeError(`cannot read the file ${source} here: paths and file: URLs need Node`);
      }
      const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ 'node:fs/promises');
      return (await WebAssembly.instantiate(await readFile(url ?? source), IMPORTS)).instance;
    }
    return fromResponse(await fetch(url));
  }
  throw new TypeError(
    `Ducha.load: expected a path, a URL, a Response, the module's bytes or a WebAssembly.Module, got ${describe(source)}`,
  );
}

/** A URL, or null for a path (Node only). In Node a string is a URL only
 *  with a scheme of two letters or more (`C:\…` is a path); in a browser
 *  every string is a URL, relative to the page. */
function asUrl(source) {
  if (isUrl(source)) return new URL(source.href);
  if (isNode) {
    return /^[a-z][a-z0-9+.-]+:/i.test(source) ? new URL(source) : null;
  }
  return new URL(source, globalThis.document?.baseURI ?? globalThis.location?.href);
}

function isUrl(value) {
  return value instanceof URL || tag(value) === 'URL';
}

function isResponse(value) {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof value.arrayBuffer === 'function' &&
    typeof value.status === 'number' &&
    typeof value.headers === 'object'
  );
}

/** Compiles while the bytes arrive (instantiateStreaming), falling back to
 *  the whole body where streaming is unavailable or refuses the response
 *  (a server that does not say `Content-Type: application/wasm`). */
async function fromResponse(response) {
  if (!response.ok) {
    throw new Error(`could not fetch the ducha module ${response.url}: HTTP ${response.status}`);
  }
  if (response.bodyUsed) {
    throw new TypeError('the Response holding the ducha module has been read already');
  }
  if (typeof WebAssembly.instantiateStreaming === 'function') {
    try {
      return (await WebAssembly.instantiateStreaming(response.clone(), IMPORTS)).instance;
    } catch (e) {
      // Bad bytes are bad either way; anything else (the MIME type) falls
      // back to the whole body.
      // (By name: the error may come from another realm's WebAssembly.)
      if (e?.name === 'CompileError' || e?.name === 'LinkError') throw e;
    }
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), IMPORTS)).instance;
}

// The browser flavour, for `tsc --noEmit --strict` with the DOM library and
// no @types/node: the module fetched (streamed) from a URL.

import { Ducha, DuchaError, type Scorecard } from 'ducha';

const ducha = await Ducha.load(fetch('/assets/ducha_ffi.wasm'));
const again = await Ducha.load(new URL('ducha_ffi.wasm', document.baseURI));
const fromBytes = await Ducha.load(await (await fetch('/assets/ducha_ffi.wasm')).arrayBuffer());
const compiled = await Ducha.load(await WebAssembly.compileStreaming(fetch('/assets/ducha_ffi.wasm')));
const engine = ducha.seed();
try {
  const card: Scorecard = engine.evaluate({ facts: { '2b': true } });
  document.title = `${card.score}${card.grade ?? ''}`;
} catch (e) {
  if (e instanceof DuchaError) console.warn(e.code, e.path ?? e.id, e.message);
} finally {
  engine.free();
}
console.log(again.version(), fromBytes.version(), compiled.version());

// Under the DOM library the package's WebAssembly types are the DOM's own.
const memory: WebAssembly.Memory = ducha.exports.memory;
const module: WebAssembly.Module = await WebAssembly.compileStreaming(fetch('/assets/ducha_ffi.wasm'));
const instance: WebAssembly.Instance = await WebAssembly.instantiate(module);
console.log(memory.buffer.byteLength, new Ducha(instance).version());

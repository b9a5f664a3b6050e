// Ducha.load(source): every kind of source, in Node. (browser.test.mjs
// runs the module as a browser would, with no `process` and no node:fs.)

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';

import { Ducha, packageDir, samplePath, wasmPath } from './helpers.mjs';

const wasm = readFileSync(wasmPath);
const sample = readFileSync(samplePath);

/** The seed sample's score through a module loaded from `source`. */
async function scoreWith(source) {
  const ducha = await Ducha.load(source);
  const engine = ducha.seed();
  try {
    return engine.evaluate(sample).score;
  } finally {
    engine.free();
  }
}

// A server for the http: sources: /ducha_ffi.wasm with the right type,
// /plain.wasm as application/octet-stream, anything else 404.
let server;
let base;
before(async () => {
  server = createServer((request, response) => {
    if (request.url === '/ducha_ffi.wasm' || request.url === '/plain.wasm') {
      const type = request.url === '/plain.wasm' ? 'application/octet-stream' : 'application/wasm';
      response.writeHead(200, { 'content-type': type, 'content-length': wasm.length });
      response.end(wasm);
    } else {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => server.close());

/** Runs `f` with WebAssembly.instantiateStreaming counted (or removed). */
async function withStreaming(f, { remove = false } = {}) {
  const original = WebAssembly.instantiateStreaming;
  const calls = { count: 0, failed: 0 };
  WebAssembly.instantiateStreaming = remove
    ? undefined
    : async (...args) => {
        calls.count++;
        try {
          return await original.apply(WebAssembly, args);
        } catch (e) {
          calls.failed++;
          throw e;
        }
      };
  try {
    await f();
  } finally {
    WebAssembly.instantiateStreaming = original;
  }
  return calls;
}

test('no argument: the .wasm shipped in the package', async () => {
  assert.equal(await scoreWith(), '69.5');
  assert.equal(await scoreWith(undefined), '69.5');
});

test('no argument finds the .wasm from the module, not from the current folder', async () => {
  const elsewhere = mkdtempSync(join(tmpdir(), 'ducha-cwd-'));
  const cwd = process.cwd();
  process.chdir(elsewhere);
  try {
    assert.equal(await scoreWith(), '69.5');
    // A relative path, by contrast, is relative to the current folder.
    await assert.rejects(Ducha.load('ducha_ffi.wasm'), { code: 'ENOENT' });
    assert.equal(await scoreWith(relative(elsewhere, wasmPath)), '69.5');
  } finally {
    process.chdir(cwd);
    rmSync(elsewhere, { recursive: true, force: true });
  }
});

test('a path, absolute or relative', async () => {
  assert.equal(await scoreWith(wasmPath), '69.5');
  assert.equal(await scoreWith(relative(process.cwd(), wasmPath)), '69.5');
  await assert.rejects(Ducha.load(join(packageDir, 'no-such.wasm')), { code: 'ENOENT' });
});

test('a file: URL, as a URL or a string', async () => {
  const url = pathToFileURL(wasmPath);
  assert.equal(await scoreWith(url), '69.5');
  assert.equal(await scoreWith(url.href), '69.5');
});

test('the bytes: ArrayBuffer, Uint8Array, Buffer, a view into a larger buffer', async () => {
  const copy = new Uint8Array(wasm);
  assert.equal(await scoreWith(copy.buffer), '69.5');
  assert.equal(await scoreWith(copy), '69.5');
  assert.equal(await scoreWith(wasm), '69.5');
  const padded = new Uint8Array(wasm.length + 16);
  padded.set(wasm, 8);
  assert.equal(await scoreWith(padded.subarray(8, 8 + wasm.length)), '69.5');
});

test('a compiled WebAssembly.Module (compile once, instantiate many), or an Instance', async () => {
  const module = await WebAssembly.compile(wasm);
  assert.equal(await scoreWith(module), '69.5');
  assert.equal(await scoreWith(module), '69.5');
  const instance = await WebAssembly.instantiate(module, {});
  assert.equal(await scoreWith(instance), '69.5');
  const ducha = new Ducha(instance);
  assert.equal(ducha.version(), (await Ducha.load(module)).version());
});

test('a Response with application/wasm compiles while streaming', async () => {
  const calls = await withStreaming(async () => {
    const response = new Response(wasm, { headers: { 'content-type': 'application/wasm' } });
    assert.equal(await scoreWith(response), '69.5');
  });
  assert.deepEqual(calls, { count: 1, failed: 0 });
});

test('a Response of another type falls back to its whole body', async () => {
  const calls = await withStreaming(async () => {
    assert.equal(await scoreWith(new Response(wasm)), '69.5');
    assert.equal(await scoreWith(new Response(wasm, { headers: { 'content-type': 'text/plain' } })), '69.5');
  });
  assert.deepEqual(calls, { count: 2, failed: 2 });
});

test('without instantiateStreaming, a Response is read whole', async () => {
  const calls = await withStreaming(
    async () => {
      assert.equal(await scoreWith(new Response(wasm, { headers: { 'content-type': 'application/wasm' } })), '69.5');
    },
    { remove: true },
  );
  assert.equal(calls.count, 0);
});

test('a promise of a Response: Ducha.load(fetch(url))', async () => {
  assert.equal(await scoreWith(fetch(`${base}/ducha_ffi.wasm`)), '69.5');
});

test('an http: URL is fetched, as a string or a URL, whatever its content type', async () => {
  const calls = await withStreaming(async () => {
    assert.equal(await scoreWith(`${base}/ducha_ffi.wasm`), '69.5');
    assert.equal(await scoreWith(new URL('/ducha_ffi.wasm', base)), '69.5');
    assert.equal(await scoreWith(`${base}/plain.wasm`), '69.5');
  });
  assert.deepEqual(calls, { count: 3, failed: 1 });
});

test('an HTTP error is an Error naming the status', async () => {
  await assert.rejects(Ducha.load(`${base}/missing.wasm`), /HTTP 404/);
  await assert.rejects(Ducha.load(fetch(`${base}/missing.wasm`)), /HTTP 404/);
});

test('a Response already read is a TypeError', async () => {
  const response = new Response(wasm);
  await response.arrayBuffer();
  await assert.rejects(Ducha.load(response), TypeError);
});

test('what is not a ducha module', async () => {
  await assert.rejects(Ducha.load(Uint8Array.of(1, 2, 3)), WebAssembly.CompileError);
  await assert.rejects(
    Ducha.load(new Response(Uint8Array.of(1, 2, 3), { headers: { 'content-type': 'application/wasm' } })),
    WebAssembly.CompileError,
  );
  // An empty but valid module: no exports.
  const empty = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
  await assert.rejects(Ducha.load(empty), { name: 'TypeError', message: /not a ducha module/ });
  for (const bad of [42, null, {}, [], true]) {
    await assert.rejects(Ducha.load(bad), TypeError);
  }
});

// Runs the package's index.js as a browser would: in a fresh JavaScript
// realm (node:vm) with no `process`, no `require`, no node:fs (a dynamic
// import fails the run), and a page at http://127.0.0.1:PORT/app/ that
// serves the package at /pkg/. Started by browser.test.mjs with
// --experimental-vm-modules; prints a JSON report on standard output.
//
//   node --experimental-vm-modules browser-context.mjs PACKAGE_DIR SAMPLE.json

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import vm from 'node:vm';

const [packageDir, samplePath] = process.argv.slice(2);
const files = {
  '/pkg/index.js': ['text/javascript', readFileSync(join(packageDir, 'index.js'))],
  '/pkg/ducha_ffi.wasm': ['application/wasm', readFileSync(join(packageDir, 'ducha_ffi.wasm'))],
  '/app/sample.json': ['application/json', readFileSync(samplePath)],
};
const requests = [];
const server = createServer((request, response) => {
  requests.push(request.url);
  const file = files[request.url];
  if (file === undefined) {
    response.writeHead(404).end();
  } else {
    response.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const report = { dynamicImports: [], requests };
const context = vm.createContext({
  fetch,
  Response,
  Headers,
  URL,
  TextEncoder,
  TextDecoder,
  console,
  document: { baseURI: `${base}/app/` },
  location: { href: `${base}/app/index.html` },
});
const module = new vm.SourceTextModule(readFileSync(join(packageDir, 'index.js'), 'utf8'), {
  context,
  identifier: `${base}/pkg/index.js`,
  initializeImportMeta(meta) {
    meta.url = `${base}/pkg/index.js`;
  },
  importModuleDynamically(specifier) {
    report.dynamicImports.push(specifier);
    throw new Error(`a browser has no ${specifier}`);
  },
});
await module.link(() => {
  throw new Error('index.js imports nothing statically');
});
await module.evaluate();
const { Ducha, DuchaError } = module.namespace;

try {
  report.hasProcess = vm.runInContext('typeof process', context);
  report.instantiateStreaming = vm.runInContext('typeof WebAssembly.instantiateStreaming', context);
  const sample = await (await fetch(`${base}/app/sample.json`)).text();
  const score = async (source) => {
    const ducha = await Ducha.load(source);
    const engine = ducha.seed();
    try {
      return engine.evaluate(sample).score;
    } finally {
      engine.free();
    }
  };
  requests.length = 0;
  report.noArgument = await score();
  report.noArgumentRequests = [...requests];
  report.relativeUrl = await score('../pkg/ducha_ffi.wasm');
  report.absolutePathUrl = await score('/pkg/ducha_ffi.wasm');
  report.urlObject = await score(new URL('/pkg/ducha_ffi.wasm', base));
  report.fetchPromise = await score(fetch(`${base}/pkg/ducha_ffi.wasm`));
  report.bytes = await score(await (await fetch(`${base}/pkg/ducha_ffi.wasm`)).arrayBuffer());
  try {
    await Ducha.load('file:///pkg/ducha_ffi.wasm');
    report.fileUrl = 'loaded';
  } catch (e) {
    report.fileUrl = `${e.name}: ${e.message}`;
  }
  try {
    await Ducha.load('missing.wasm');
    report.missing = 'loaded';
  } catch (e) {
    report.missing = e.message;
  }
  const ducha = await Ducha.load();
  const engine = ducha.seed();
  try {
    engine.evaluate({ facts: { '7z': 1 } });
  } catch (e) {
    report.error = { isDuchaError: e instanceof DuchaError, code: e.code, id: e.id };
  }
  report.objectInput = engine.evaluate(JSON.parse(sample)).score;
  // Bytes from another realm (here, Node's own) are bytes, not objects.
  const outer = new TextEncoder().encode(sample);
  report.foreignBytes = engine.evaluate(outer.buffer).score === '69.5' && engine.evaluate(outer).score === '69.5';
  report.dispose = typeof engine[Symbol.dispose];
  engine.free();
} catch (e) {
  report.failure = String(e?.stack ?? e);
}
server.close();
console.log(JSON.stringify(report));

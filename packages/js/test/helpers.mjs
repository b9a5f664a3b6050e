// Shared by the tests: the package under test and the repository's data.
//
// By default the tests import the package from this folder's parent (the
// source tree, with ducha_ffi.wasm from build.sh). With DUCHA_JS_PACKAGE set
// to a folder, they import the package installed there instead
// (node_modules/ducha of a scratch project, installed from `npm pack`'s
// tarball), so the same tests check what users get.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The package's folder. */
export const packageDir = resolve(process.env.DUCHA_JS_PACKAGE ?? join(here, '..'));

/** The repository's root (the conformance cases, the seed sample). */
export const repo = resolve(process.env.DUCHA_REPO ?? join(here, '..', '..', '..'));

/** The module under test. */
export const ducha = await import(pathToFileURL(join(packageDir, 'index.js')).href);
export const { Ducha, DuchaError, Engine } = ducha;

/** The .wasm of the package under test. */
export const wasmPath = join(packageDir, 'ducha_ffi.wasm');

export const samplePath = join(repo, 'examples', 'data', 'yuxi-sample.json');
export const conformanceDir = join(repo, 'tests', 'conformance');

/** Every conformance case: name, files' bytes (rubric null if absent). */
export function conformanceCases() {
  return readdirSync(conformanceDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(conformanceDir, e.name, 'inspection.json')))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const dir = join(conformanceDir, name);
      const rubric = join(dir, 'rubric.json');
      return {
        name,
        rubric: existsSync(rubric) ? readFileSync(rubric) : null,
        inspection: readFileSync(join(dir, 'inspection.json')),
        expected: readFileSync(join(dir, 'expected.json')),
      };
    });
}

/** The DuchaError that `thunk` must throw, its fields checked against
 *  `expected`. */
export function throwsDucha(assert, thunk, expected) {
  let error;
  try {
    thunk();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof DuchaError, `expected a DuchaError, got ${error}`);
  for (const [key, value] of Object.entries(expected)) {
    assert.strictEqual(error[key], value, `${key} of ${error.json}`);
  }
  return error;
}

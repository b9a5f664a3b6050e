// The module as a browser runs it (see browser-context.mjs): no `process`,
// no node:fs; the .wasm fetched from the module's own URL, URL strings
// relative to the page.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

import { packageDir, samplePath } from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));

test('in a browser-like realm: fetch from import.meta.url, URLs relative to the page, no node:fs', () => {
  const child = spawnSync(
    process.execPath,
    ['--experimental-vm-modules', '--no-warnings', join(here, 'browser-context.mjs'), packageDir, samplePath],
    { encoding: 'utf8', timeout: 60_000 },
  );
  assert.equal(child.status, 0, child.stderr);
  const report = JSON.parse(child.stdout.trim().split('\n').pop());
  assert.equal(report.failure, undefined, report.failure);
  assert.equal(report.hasProcess, 'undefined');
  assert.deepEqual(report.dynamicImports, [], 'node:fs must not be imported in a browser');
  assert.equal(report.noArgument, '69.5');
  assert.deepEqual(report.noArgumentRequests, ['/pkg/ducha_ffi.wasm']);
  for (const key of ['relativeUrl', 'absolutePathUrl', 'urlObject', 'fetchPromise', 'bytes', 'objectInput']) {
    assert.equal(report[key], '69.5', key);
  }
  assert.equal(report.foreignBytes, true);
  assert.match(report.fileUrl, /^TypeError: .*need Node/);
  assert.match(report.missing, /HTTP 404/);
  assert.deepEqual(report.error, { isDuchaError: true, code: 'unknown-rule', id: '7z' });
});

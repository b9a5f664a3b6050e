// The JSON Schemas of the repository's schemas/ ship in the package as
// schemas/*.json, byte for byte, and resolve through its exports
// (`ducha/schemas/NAME`).

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';

import { packageDir, repo } from './helpers.mjs';

const names = (dir) => readdirSync(dir).filter((name) => name.endsWith('.json')).sort();

test('every schema of schemas/ is in the package, byte for byte', () => {
  const expected = names(join(repo, 'schemas'));
  assert.ok(expected.length >= 5, `schemas/ has ${expected}`);
  assert.deepEqual(names(join(packageDir, 'schemas')), expected);
  for (const name of expected) {
    assert.ok(
      readFileSync(join(packageDir, 'schemas', name)).equals(readFileSync(join(repo, 'schemas', name))),
      `schemas/${name} differs`,
    );
  }
});

test('the schemas resolve as ducha/schemas/NAME through the package exports', () => {
  // A require from inside the package resolves its own name (self-reference),
  // through the "exports" of its package.json, as a dependent's would.
  const require = createRequire(join(packageDir, 'index.js'));
  for (const name of names(join(repo, 'schemas'))) {
    assert.equal(require.resolve(`ducha/schemas/${name}`), join(packageDir, 'schemas', name));
  }
  const schema = require('ducha/schemas/rubric.schema.json');
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
});

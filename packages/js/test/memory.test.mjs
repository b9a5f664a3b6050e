// Memory: after a warm-up, the module's memory does not grow over many
// calls (every input block, output string and engine is given back), and
// engines dropped without free() are freed once garbage-collected.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { Ducha, DuchaError, samplePath } from './helpers.mjs';

const sample = readFileSync(samplePath);
const sampleText = sample.toString('utf8');
const gbk = Uint8Array.from([...Buffer.from('{"rubric": "'), 0xb6, 0xbd, 0xb2, 0xe9, ...Buffer.from('"}')]);
const year = { year: 2027, days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] };

/** One round of every call, successes and failures. */
function round(ducha, seed, rubricJson) {
  seed.evaluateJson(sample);
  seed.evaluate(sampleText);
  seed.evaluate(JSON.parse(sampleText));
  for (const bad of [gbk, '{', '{"facts": {"7z": 1}}']) {
    try {
      seed.evaluate(bad);
      assert.fail('expected an error');
    } catch (e) {
      assert.ok(e instanceof DuchaError);
    }
  }
  seed.diagnostics();
  const copy = seed.clone();
  copy.addCalendarYear(year);
  copy.free();
  const loaded = ducha.load(rubricJson);
  loaded.evaluateJson(sample);
  loaded.free();
  try {
    ducha.load('{"id": "x"}');
  } catch {
    // expected
  }
  ducha.validate(rubricJson);
}

test('memory stops growing over repeated calls of every kind', async () => {
  const ducha = await Ducha.load();
  const seed = ducha.seed();
  const rubricJson = seed.rubricJson();
  const memory = ducha.exports.memory;
  for (let i = 0; i < 50; i++) round(ducha, seed, rubricJson);
  const before = memory.buffer.byteLength;
  for (let i = 0; i < 1000; i++) round(ducha, seed, rubricJson);
  assert.equal(memory.buffer.byteLength, before, `memory grew from ${before} to ${memory.buffer.byteLength} bytes over 1000 rounds`);
  seed.free();
});

test('a large input is given back too', async () => {
  const ducha = await Ducha.load();
  const seed = ducha.seed();
  const memory = ducha.exports.memory;
  const big = JSON.stringify({ facts: { '6a': Array.from({ length: 20000 }, (_, i) => ({ note: `第${i}起` })) } });
  seed.evaluateJson(big);
  const before = memory.buffer.byteLength;
  for (let i = 0; i < 20; i++) seed.evaluateJson(big);
  assert.equal(memory.buffer.byteLength, before);
  seed.free();
});

test('engines dropped without free() are freed after garbage collection', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  const ducha = await Ducha.load();
  const memory = ducha.exports.memory;
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const drop = (n) => {
    for (let i = 0; i < n; i++) ducha.seed().evaluateJson(sample);
  };
  drop(100);
  await settle();
  const before = memory.buffer.byteLength;
  // 20 × 100 seed engines of about 58 KB each would be over 100 MB if kept.
  for (let i = 0; i < 20; i++) {
    drop(100);
    await settle();
  }
  const grown = memory.buffer.byteLength - before;
  assert.ok(grown <= 8 * 1024 * 1024, `memory grew by ${grown} bytes: the dropped engines were not freed`);
});

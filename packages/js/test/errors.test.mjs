// The error paths: every failure is a DuchaError with the library's code,
// message, path and id; bad JavaScript values are TypeErrors; nothing traps
// the module, and the module keeps working after any of them.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { Ducha, DuchaError, samplePath, throwsDucha } from './helpers.mjs';

let ducha;
let seed;
const sample = readFileSync(samplePath);

before(async () => {
  ducha = await Ducha.load();
  seed = ducha.seed();
});
after(() => {
  // Whatever failed before, the engine still scores.
  assert.equal(seed.evaluate(sample).score, '69.5');
  seed.free();
});

test('malformed JSON is syntax', () => {
  for (const input of ['', '{', '{"facts": {"2a": true,}}', '{"facts": {}} {}', '"\\ud800"', '{}\0']) {
    throwsDucha(assert, () => seed.evaluate(input), { code: 'syntax' });
  }
  const e = throwsDucha(assert, () => seed.evaluate('{"facts": {"2a": true,}}'), { code: 'syntax' });
  assert.equal(e.message, 'trailing comma at line 1 column 23');
});

test('JSON of the wrong shape is invalid, with the path', () => {
  for (const input of ['[]', 'null', '{"facts": []}', [], { facts: [] }]) {
    throwsDucha(assert, () => seed.evaluate(input), { code: 'invalid' });
  }
  throwsDucha(assert, () => seed.evaluate({ fact: {} }), { code: 'invalid', path: 'fact' });
  throwsDucha(assert, () => seed.evaluate({ facts: { '7a': [{ start: '2026-13-01' }] } }), {
    code: 'invalid',
    path: 'facts.7a[0].start',
  });
});

test('the rule-level errors name the rule', () => {
  throwsDucha(assert, () => seed.evaluate({ facts: { '7z': 1 } }), { code: 'unknown-rule', id: '7z' });
  throwsDucha(assert, () => seed.evaluate({ facts: { '7a': ['2026-01-01'] } }), { code: 'wrong-fact-type', id: '7a' });
  throwsDucha(assert, () => seed.evaluate({ facts: { '12a': 96 } }), { code: 'out-of-domain', id: '12a' });
  throwsDucha(assert, () => seed.evaluate({ facts: { '1a': ['2026-01-01'] } }), { code: 'missing-context', id: '1a' });
  throwsDucha(assert, () => seed.evaluate({ facts: { '7a': [{ done: '2026-01-01' }] } }), { code: 'invalid-case' });
  throwsDucha(assert, () => seed.evaluate({ rubric: 'another', facts: {} }), { code: 'rubric-mismatch', id: 'another' });
  throwsDucha(assert, () => seed.evaluate({ not_applicable: { 2: '无' } }), { code: 'not-applicable' });
});

test('bytes that are not UTF-8 are utf8, with the offset', () => {
  const gbk = Uint8Array.from([...Buffer.from('{"rubric": "'), 0xb6, 0xbd, 0xb2, 0xe9, ...Buffer.from('"}')]);
  const e = throwsDucha(assert, () => seed.evaluateJson(gbk), { code: 'utf8' });
  assert.equal(e.json, '{"error":{"code":"utf8","message":"`inspection_json` is not UTF-8: invalid byte at offset 12"}}');
  throwsDucha(assert, () => seed.evaluate(Uint8Array.of(0xff)), { code: 'utf8' });
  throwsDucha(assert, () => seed.evaluate(Uint8Array.of(0x22, 0xe7, 0x9d)), { code: 'utf8' });
  throwsDucha(assert, () => ducha.load(Uint8Array.of(0xc3)), { code: 'utf8' });
});

test('a UTF-8 byte-order mark is skipped', () => {
  const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), sample]);
  assert.equal(seed.evaluateJson(withBom), seed.evaluateJson(sample));
});

test('hostile nesting is an error, never a trap', () => {
  for (const input of [
    '['.repeat(100000),
    '{"facts": {"6b": ' + '[{"note": '.repeat(100000),
    '{"a":'.repeat(100000) + '1' + '}'.repeat(100000),
  ]) {
    const e = throwsDucha(assert, () => seed.evaluate(input), {});
    assert.ok(['limit', 'syntax', 'invalid'].includes(e.code), e.json);
    const l = throwsDucha(assert, () => ducha.load(input), {});
    assert.ok(['limit', 'syntax', 'invalid'].includes(l.code), l.json);
  }
});

test('an input over 16 MiB is limit', () => {
  const big = '{"facts": {}, "rubric": "' + 'x'.repeat(16 * 1024 * 1024) + '"}';
  throwsDucha(assert, () => seed.evaluate(big), { code: 'limit' });
});

test('rubrics that do not load', () => {
  throwsDucha(assert, () => ducha.load('{'), { code: 'syntax' });
  throwsDucha(assert, () => ducha.load({ id: 'x' }), { code: 'invalid' });
  throwsDucha(assert, () => ducha.load('[]'), { code: 'invalid' });
  const mismatch = {
    id: 'r',
    title: 't',
    total: '100',
    indicators: [{ id: 'G', name: 'g', points: '10', items: [] }],
  };
  throwsDucha(assert, () => ducha.load(mismatch), { code: 'invalid-rubric' });
  throwsDucha(assert, () => ducha.validate(mismatch), { code: 'invalid-rubric' });
  throwsDucha(assert, () => ducha.validateJson('{'), { code: 'syntax' });
  const e = throwsDucha(assert, () =>
    ducha.load({
      id: 'r',
      title: 't',
      total: '10',
      indicators: [{ id: 'G', name: 'g', points: '10', items: [
        { id: 'I', serial: '1', points: '10', requirement: 'q', rules: [
          { id: 'a', label: 'l', text: '', trigger: { kind: 'flag' }, penalty: { kind: 'linear', direction: 'below', target: '1', step: '0.1', points: '1', partial: 'whole' } },
        ] },
      ] }],
    }), { code: 'invalid-rubric' });
  assert.match(e.message, /a `linear` penalty cannot price a `flag` trigger/);
});

test('values that are not JSON input are TypeErrors', () => {
  for (const value of [undefined, null, 42, true, () => {}, Symbol('s')]) {
    assert.throws(() => seed.evaluate(value), TypeError);
    assert.throws(() => ducha.load(value), TypeError);
    assert.throws(() => ducha.validate(value), TypeError);
    assert.throws(() => seed.addCalendarYear(value), TypeError);
  }
  // JSON.stringify's own failures pass through.
  assert.throws(() => seed.evaluate({ facts: { '6b': 1n } }), TypeError);
  const cycle = {};
  cycle.self = cycle;
  assert.throws(() => seed.evaluate(cycle), TypeError);
});

test('errors are DuchaErrors, never a RuntimeError of the module', () => {
  let count = 0;
  for (const input of ['{', '[]', '{"facts": {"7z": 1}}', Uint8Array.of(0xff), '{"facts": {"12a": "1.5"}}']) {
    try {
      seed.evaluate(input);
    } catch (e) {
      assert.ok(e instanceof DuchaError, String(e));
      assert.ok(!(e instanceof WebAssembly.RuntimeError));
      count++;
    }
  }
  assert.equal(count, 5);
});

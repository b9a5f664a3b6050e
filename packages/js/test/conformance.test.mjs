// Every case of tests/conformance, byte for byte: the scorecard JSON (or
// the error JSON) plus a final newline is expected.json. The same cases are
// run by the Rust tests, the C program, the Node script of examples/ffi and
// the Python package.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { conformanceCases, Ducha, DuchaError } from './helpers.mjs';

const cases = conformanceCases();
let ducha;
let seed;

before(async () => {
  ducha = await Ducha.load();
  seed = ducha.seed();
});
after(() => seed.free());

test('there are conformance cases, with and without a rubric, scorecards and errors', () => {
  assert.ok(cases.length >= 17, `only ${cases.length} cases`);
  assert.ok(cases.some((c) => c.rubric !== null));
  assert.ok(cases.some((c) => c.expected.toString().startsWith('{"error"')));
  assert.ok(cases.some((c) => !c.expected.toString().startsWith('{"error"')));
});

/** Runs `f(engine)` on the case's engine (its rubric, or the seed). */
function withEngine(c, f) {
  if (c.rubric === null) return f(seed);
  const engine = ducha.load(c.rubric);
  try {
    return f(engine);
  } finally {
    engine.free();
  }
}

for (const c of cases) {
  const expected = c.expected.toString('utf8');
  const isError = expected.startsWith('{"error"');

  describe(`case ${c.name}`, () => {
    if (!isError) {
      test('evaluateJson gives the expected bytes (inspection as bytes)', () => {
        const got = withEngine(c, (e) => e.evaluateJson(c.inspection));
        assert.ok(
          Buffer.from(got + '\n', 'utf8').equals(c.expected),
          `output differs from expected.json\n  got      ${got.slice(0, 300)}\n  expected ${expected.slice(0, 300)}`,
        );
      });
      test('the same bytes from the inspection as a string and as an object', () => {
        const text = c.inspection.toString('utf8');
        withEngine(c, (e) => {
          assert.equal(e.evaluateJson(text) + '\n', expected);
          assert.equal(e.evaluateJson(JSON.parse(text)) + '\n', expected);
        });
      });
      test('evaluate gives the parsed scorecard, with the same fields in the same order', () => {
        const card = withEngine(c, (e) => e.evaluate(c.inspection));
        assert.deepEqual(card, JSON.parse(expected));
        assert.equal(JSON.stringify(card) + '\n', expected);
      });
      if (c.rubric !== null) {
        test('the rubric as an object loads to the same engine', () => {
          const engine = ducha.load(JSON.parse(c.rubric.toString('utf8')));
          try {
            assert.equal(engine.evaluateJson(c.inspection) + '\n', expected);
          } finally {
            engine.free();
          }
        });
      }
    } else {
      test('evaluate throws a DuchaError with the expected code, message, path and id', () => {
        const { error } = JSON.parse(expected);
        for (const call of ['evaluate', 'evaluateJson']) {
          let thrown;
          try {
            withEngine(c, (e) => e[call](c.inspection));
          } catch (e) {
            thrown = e;
          }
          assert.ok(thrown instanceof DuchaError, `${call}: expected a DuchaError, got ${thrown}`);
          assert.equal(thrown.code, error.code);
          assert.equal(thrown.message, error.message);
          assert.equal(thrown.path, error.path);
          assert.equal(thrown.id, error.id);
          assert.equal(thrown.json + '\n', expected, 'the error JSON, byte for byte');
          assert.deepEqual(thrown.toJSON(), error);
        }
      });
    }
  });
}

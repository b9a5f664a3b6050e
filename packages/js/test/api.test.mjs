// The engine's API: seed, load (text, bytes, objects), evaluate and
// evaluateJson, diagnostics, validate, rubricJson, addCalendarYear, clone,
// free and Symbol.dispose, version, the exports.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { Ducha, DuchaError, Engine, packageDir, samplePath, throwsDucha } from './helpers.mjs';

let ducha;
let seed;
const sample = readFileSync(samplePath, 'utf8');

before(async () => {
  ducha = await Ducha.load();
  seed = ducha.seed();
});
after(() => seed.free());

/** A rubric of one item holding `rules`, as an object. */
function rubric(rules, extra = {}) {
  return {
    id: 'r',
    title: '测试细则',
    total: '10',
    indicators: [
      {
        id: 'G',
        name: '指标',
        points: '10',
        items: [{ id: 'I', serial: '1', points: '10', requirement: '要求', rules }],
      },
    ],
    ...extra,
  };
}

test('the version is the package version', () => {
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  assert.equal(ducha.version(), version);
  assert.match(ducha.version(), /^\d+\.\d+\.\d+/);
});

test('the seed sample scores 69.5, as a typed scorecard', () => {
  const card = seed.evaluate(sample);
  assert.equal(card.rubric, 'yuxi-shuangsuiji');
  assert.equal(card.score, '69.5');
  assert.equal(card.deducted, '30.5');
  assert.equal(card.points, '100');
  const rules = card.indicators.flatMap((i) => i.items ?? []).flatMap((i) => i.rules);
  const r12b = rules.find((r) => r.id === '12b');
  assert.deepEqual(r12b.limited_by, { kind: 'node', id: '12', points: '10' });
  assert.equal(r12b.breaches, 7);
  assert.match(r12b.reason, /受第12项分值10分所限/);
  const r11e = rules.find((r) => r.id === '11e');
  assert.equal(typeof r11e.pending, 'number');
  assert.ok(!('grade' in card) && !('base' in card) && !('bonus' in card), 'no optional fields the seed has not');
});

test('evaluate takes a string, bytes (Uint8Array, Buffer, ArrayBuffer, a DataView) and an object alike', () => {
  const expected = seed.evaluateJson(sample);
  const bytes = new TextEncoder().encode(sample);
  for (const input of [
    bytes,
    Buffer.from(sample),
    bytes.buffer.slice(0),
    new DataView(bytes.buffer),
    JSON.parse(sample),
  ]) {
    assert.equal(seed.evaluateJson(input), expected);
  }
  // A view into the middle of a larger buffer reads only its own bytes.
  const padded = new Uint8Array(bytes.length + 10);
  padded.set(bytes, 5);
  assert.equal(seed.evaluateJson(padded.subarray(5, 5 + bytes.length)), expected);
});

test('an empty inspection object scores full marks, with every rule not assessed', () => {
  const card = seed.evaluate({});
  assert.equal(card.score, '100');
  const rules = card.indicators.flatMap((i) => i.items ?? []).flatMap((i) => i.rules);
  assert.ok(rules.length > 20);
  assert.ok(rules.every((r) => r.assessed === false && r.limited_by === null && r.reason === ''));
});

test('Chinese text survives the round trip (UTF-8 both ways)', () => {
  const card = seed.evaluate({ facts: { '6a': [{ note: '民办学校“办学行为”抽查——未完成 🚸' }] } });
  const r6a = card.indicators.flatMap((i) => i.items ?? []).flatMap((i) => i.rules).find((r) => r.id === '6a');
  assert.equal(r6a.breaches, 1);
  assert.match(card.indicators[1].name, /[\u4e00-\u9fff]/);
});

test('load reads a rubric as an object, text or bytes; the engines agree', () => {
  const spec = rubric([
    { id: 'a', label: '未明确联络员', text: '扣2.5分', trigger: { kind: 'flag' }, penalty: { kind: 'flat', points: '2.5' } },
    { id: 'b', label: '未公示', text: '每起扣1分，扣完5分为止', trigger: { kind: 'count' }, penalty: { kind: 'capped', points: 1, cap: 5 } },
  ]);
  const engines = [ducha.load(spec), ducha.load(JSON.stringify(spec)), ducha.load(Buffer.from(JSON.stringify(spec)))];
  try {
    const cards = engines.map((e) => e.evaluate({ facts: { a: true, b: 7 } }));
    for (const card of cards) {
      assert.equal(card.score, '2.5');
      assert.deepEqual(card.indicators[0].items[0].rules[1].limited_by, { kind: 'cap', cap: '5' });
    }
    assert.deepEqual(cards[0], cards[1]);
    assert.deepEqual(cards[0], cards[2]);
  } finally {
    engines.forEach((e) => e.free());
  }
});

test('an exclusive group reports limited_by exclusive', () => {
  const engine = ducha.load(
    rubric(
      [
        { id: 'a', label: '甲', text: '', trigger: { kind: 'flag' }, penalty: { kind: 'flat', points: '2' } },
        { id: 'b', label: '乙', text: '', trigger: { kind: 'flag' }, penalty: { kind: 'flat', points: '3' } },
      ],
      { exclusive: [{ rules: ['a', 'b'], keep: 'largest' }] },
    ),
  );
  try {
    const card = engine.evaluate({ facts: { a: true, b: true } });
    assert.equal(card.score, '7');
    assert.deepEqual(card.indicators[0].items[0].rules[0].limited_by, { kind: 'exclusive', kept: 'b' });
  } finally {
    engine.free();
  }
});

test('diagnostics and validate agree, as arrays of {code, id, message}', () => {
  const diagnostics = seed.diagnostics();
  assert.ok(Array.isArray(diagnostics));
  assert.ok(diagnostics.some((d) => d.code === 'duplicate-serial' && d.id === '11-2'));
  for (const d of diagnostics) {
    assert.deepEqual(Object.keys(d), ['code', 'id', 'message']);
  }
  assert.equal(seed.diagnosticsJson(), JSON.stringify({ diagnostics }));
  const dumped = seed.rubricJson();
  assert.deepEqual(ducha.validate(dumped), diagnostics);
  assert.equal(ducha.validateJson(JSON.parse(dumped)), seed.diagnosticsJson());
});

test('rubricJson loads back to an engine that scores alike', () => {
  const dumped = seed.rubricJson();
  const parsed = JSON.parse(dumped);
  assert.equal(parsed.id, 'yuxi-shuangsuiji');
  assert.equal(typeof parsed.total, 'string');
  const again = ducha.load(dumped);
  try {
    assert.equal(again.evaluateJson(sample), seed.evaluateJson(sample));
    assert.equal(again.rubricJson(), dumped);
  } finally {
    again.free();
  }
});

test('addCalendarYear on a clone: the clone knows 2027, the original does not', () => {
  const late = {
    period: { from: '2026-01-01', to: '2026-12-31' },
    facts: { '7a': [{ start: '2026-12-20', done: '2027-01-29' }] },
  };
  const copy = seed.clone();
  try {
    throwsDucha(assert, () => copy.evaluate(late), { code: 'calendar', id: '7a' });
    assert.equal(
      copy.addCalendarYear({ year: 2027, papers: [], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] }),
      undefined,
    );
    const r7a = copy.evaluate(late).indicators.flatMap((i) => i.items ?? []).flatMap((i) => i.rules).find((r) => r.id === '7a');
    assert.equal(r7a.breaches, 1);
    throwsDucha(assert, () => seed.evaluate(late), { code: 'calendar' });
    // A clone of the clone keeps the year.
    const grandchild = copy.clone();
    assert.equal(grandchild.evaluate(late).score, copy.evaluate(late).score);
    grandchild.free();
    // Text works as well as an object, and a bad year is an error.
    copy.addCalendarYear('{"year": 2028, "days": []}');
    throwsDucha(assert, () => copy.addCalendarYear('[]'), { code: 'invalid' });
    throwsDucha(assert, () => copy.addCalendarYear('{'), { code: 'syntax' });
  } finally {
    copy.free();
  }
});

test('free is idempotent; a freed engine throws null-pointer', () => {
  const engine = ducha.seed();
  assert.equal(engine.freed, false);
  engine.free();
  assert.equal(engine.freed, true);
  engine.free();
  for (const call of [
    () => engine.evaluate('{}'),
    () => engine.evaluateJson('{}'),
    () => engine.diagnostics(),
    () => engine.diagnosticsJson(),
    () => engine.rubricJson(),
    () => engine.addCalendarYear('{"year": 2027, "days": []}'),
    () => engine.clone(),
  ]) {
    throwsDucha(assert, call, { code: 'null-pointer', message: 'the engine has been freed' });
  }
});

test('Symbol.dispose frees the engine (using)', () => {
  assert.equal(typeof Symbol.dispose, 'symbol');
  const engine = ducha.seed();
  assert.equal(typeof engine[Symbol.dispose], 'function');
  engine[Symbol.dispose]();
  assert.equal(engine.freed, true);
});

test('engines come only from the module', () => {
  assert.throws(() => new Engine(), TypeError);
  assert.ok(seed instanceof Engine);
});

test('two modules are independent', async () => {
  const other = await Ducha.load();
  const engine = other.seed();
  try {
    assert.equal(engine.evaluateJson(sample), seed.evaluateJson(sample));
    assert.notEqual(other.exports.memory, ducha.exports.memory);
  } finally {
    engine.free();
  }
});

test('the raw exports: memory and the C ABI, nothing imported', () => {
  const { exports } = ducha;
  assert.ok(exports.memory instanceof WebAssembly.Memory);
  for (const name of ['ducha_evaluate', 'ducha_alloc', 'ducha_dealloc', 'ducha_string_free', 'ducha_engine_load']) {
    assert.equal(typeof exports[name], 'function', name);
  }
  const module = new WebAssembly.Module(readFileSync(join(packageDir, 'ducha_ffi.wasm')));
  assert.deepEqual(WebAssembly.Module.imports(module), []);
});

test('DuchaError is an Error with a name, and carries its JSON', () => {
  const e = throwsDucha(assert, () => seed.evaluate({ facts: { '7z': 1 } }), { code: 'unknown-rule', id: '7z' });
  assert.ok(e instanceof Error);
  assert.equal(e.name, 'DuchaError');
  assert.equal(e.path, undefined);
  assert.equal(e.json, '{"error":{"code":"unknown-rule","message":"unknown rule `7z`","id":"7z"}}');
  assert.deepEqual(DuchaError.fromJson(e.json).toJSON(), e.toJSON());
  assert.match(String(e), /^DuchaError: unknown rule `7z`$/);
});

test('evaluateBatch ranks with shared places and keeps a failing inspection to its entry', () => {
  const report = seed.evaluateBatch({
    rank_incomplete: true,
    assessees: [
      { id: 's', name: '样例', inspection: JSON.parse(sample) },
      { id: 'x', inspection: { facts: { '7z': 1 } } },
      { id: 'a', inspection: { facts: { '2b': true } } },
      { id: 'b', inspection: { facts: { '2b': true } } },
    ],
  });
  assert.deepEqual(
    report.ranking.map((r) => [r.rank, r.id, r.score, r.tied ?? false]),
    [
      [1, 'a', '97.5', true],
      [1, 'b', '97.5', true],
      [3, 's', '69.5', false],
    ],
  );
  assert.deepEqual(report.failed, [{ id: 'x', name: 'x', code: 'unknown-rule' }]);
  // An entry's scorecard is the one evaluate gives alone.
  const text = seed.evaluateBatchJson({ assessees: [{ id: 's', inspection: JSON.parse(sample) }] });
  assert.ok(text.includes(`"scorecard":${seed.evaluateJson(sample)}}`));
  throwsDucha(assert, () => seed.evaluateBatch('{"assessees": ['), { code: 'syntax' });
});

test('inspectionSchema describes every rule of the rubric', () => {
  const schema = seed.inspectionSchema();
  const facts = schema.properties.facts.properties;
  assert.equal(facts['2b'].title, '未明确日常联络员');
  assert.equal(facts['7a']['x-ducha'].trigger, 'deadline');
  assert.equal(Object.keys(facts).length, 24);
  assert.equal(seed.inspectionSchemaJson(), seed.inspectionSchemaJson());
});

test('addVersion picks the version in force and the scorecard names it', () => {
  const version = (name, inForce, points) => ({
    id: 'v',
    title: '某局细则',
    version: name,
    in_force: inForce,
    total: '5',
    indicators: [
      {
        id: 'G',
        name: '领导重视',
        points: '5',
        items: [
          {
            id: '1',
            serial: '1',
            points: '5',
            requirement: '明确联络员',
            rules: [
              {
                id: '1a',
                label: '未明确日常联络员',
                text: '',
                trigger: { kind: 'flag' },
                penalty: { kind: 'flat', points },
              },
            ],
          },
        ],
      },
    ],
  });
  const engine = ducha.load(version('2025版', { from: '2025-01-01', to: '2025-12-31' }, '2'));
  try {
    engine.addVersion(version('2026版', { from: '2026-01-01' }, '2.5'));
    const card = engine.evaluate({ as_of: '2026-06-30', facts: { '1a': true } });
    assert.deepEqual([card.version, card.as_of, card.score], ['2026版', '2026-06-30', '2.5']);
    assert.equal(card.ducha, ducha.version());
    throwsDucha(assert, () => engine.evaluate({ facts: {} }), { code: 'version', id: 'v' });
    throwsDucha(assert, () => engine.addVersion(version('2026版', { from: '2027-01-01' }, '1')), {
      code: 'invalid-rubric',
    });
  } finally {
    engine.free();
  }
});

// score.mjs: ducha as WebAssembly, from Node, with no npm dependencies.
//
//   node score.mjs DUCHA_FFI.wasm SAMPLE.json CONFORMANCE_DIR
//
// 1. Scores SAMPLE.json against the built-in seed rubric and prints the
//    score.
// 2. Runs every case of CONFORMANCE_DIR (inspection.json, optional
//    rubric.json, expected.json: the exact output plus a final newline,
//    which is also the native library's answer) and compares the bytes.
// 3. Checks the error paths: malformed JSON, invalid UTF-8, NULL pointers,
//    bad rubrics and calendar years; and that scoring does not leak memory.
//
// Exits 0 if everything agrees, 1 on any failure (each is printed), 2 on a
// usage error.

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Ducha, DuchaError, OK, ERROR, NO_OUTPUT } from './ducha.mjs';

const [wasmPath, samplePath, conformanceDir] = process.argv.slice(2);
if (conformanceDir === undefined) {
  console.error('usage: node score.mjs DUCHA_FFI.wasm SAMPLE.json CONFORMANCE_DIR');
  process.exit(2);
}

let failures = 0;
let checks = 0;
function fail(message) {
  console.log(`FAIL: ${message}`);
  failures++;
}
function check(condition, message) {
  checks++;
  if (!condition) {
    fail(message);
  }
}
const text = (bytes) => (bytes === null ? 'NULL' : new TextDecoder().decode(bytes));
const codeOf = (bytes) => {
  try {
    return JSON.parse(text(bytes)).error?.code;
  } catch {
    return undefined;
  }
};

const wasm = readFileSync(wasmPath);
const ducha = await Ducha.instantiate(wasm);
console.log(`ducha ${ducha.version()} as WebAssembly (${wasm.length} bytes)`);
const imports = WebAssembly.Module.imports(new WebAssembly.Module(wasm));
check(imports.length === 0, `the module imports nothing, not ${JSON.stringify(imports)}`);
const seed = ducha.seed();

// 1. The seed sample.
const sample = readFileSync(samplePath);
const sampleCard = seed.evaluateRaw(sample);
if (sampleCard.result !== OK) {
  fail(`the seed sample ${samplePath}: ${text(sampleCard.bytes)}`);
} else {
  const card = JSON.parse(text(sampleCard.bytes));
  console.log(
    `seed sample ${samplePath}: score ${card.score} (deducted ${card.deducted} of ${card.points})`,
  );
}

// 2. Conformance: byte for byte.
const cases = readdirSync(conformanceDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(conformanceDir, e.name, 'inspection.json')))
  .map((e) => e.name)
  .sort();
let passed = 0;
for (const name of cases) {
  const dir = join(conformanceDir, name);
  let engine = seed;
  if (existsSync(join(dir, 'rubric.json'))) {
    try {
      engine = ducha.load(readFileSync(join(dir, 'rubric.json')));
    } catch (e) {
      fail(`case ${name}: rubric.json does not load: ${e.json ?? e}`);
      continue;
    }
  }
  const { bytes } = engine.evaluateRaw(readFileSync(join(dir, 'inspection.json')));
  if (engine !== seed) {
    engine.free();
  }
  const expected = readFileSync(join(dir, 'expected.json'));
  const got = Buffer.concat([Buffer.from(bytes), Buffer.from('\n')]);
  if (got.equals(expected)) {
    passed++;
  } else {
    let at = 0;
    while (at < got.length && at < expected.length && got[at] === expected[at]) {
      at++;
    }
    const from = Math.max(0, at - 40);
    fail(
      `case ${name}: output differs from expected.json at byte ${at}\n` +
        `  got      ${got.subarray(from, from + 200)}\n` +
        `  expected ${expected.subarray(from, from + 200)}`,
    );
  }
}
if (cases.length === 0) {
  fail(`no conformance case in ${conformanceDir}`);
}
console.log(
  `conformance ${conformanceDir}: ${passed} of ${cases.length} cases give the expected bytes`,
);

// 3. Error paths.
const raw = ducha.raw;
function expectError(what, { result, bytes }, code) {
  check(
    result === ERROR && codeOf(bytes) === code,
    `${what}: expected status ${ERROR} and code \`${code}\`, got ${result} and ${text(bytes)}`,
  );
}

// Invalid UTF-8: GBK bytes for 督查 inside a JSON string, a lone 0xFF, a
// truncated sequence.
const gbk = Uint8Array.from([...Buffer.from('{"rubric": "'), 0xb6, 0xbd, 0xb2, 0xe9, ...Buffer.from('"}')]);
expectError('evaluate GBK bytes', seed.evaluateRaw(gbk), 'utf8');
expectError('evaluate 0xFF', seed.evaluateRaw(Uint8Array.of(0xff)), 'utf8');
expectError('evaluate a truncated sequence', seed.evaluateRaw(Uint8Array.of(0x22, 0xe7, 0x9d)), 'utf8');
check(
  text(seed.evaluateRaw(gbk).bytes) ===
    '{"error":{"code":"utf8","message":"`inspection_json` is not UTF-8: invalid byte at offset 12"}}',
  'the utf8 error names the argument and the offset',
);

// Malformed JSON and JSON of the wrong shape.
for (const input of ['', '{', '{"facts": {"2a": true,}}', '{"facts": {}} {}', '"\\ud800"']) {
  expectError(`evaluate \`${input}\``, seed.evaluateRaw(input), 'syntax');
}
for (const input of ['[]', 'null', '{"facts": []}', '{"fact": {}}']) {
  expectError(`evaluate \`${input}\``, seed.evaluateRaw(input), 'invalid');
}
expectError('evaluate {"facts": {"7z": 1}}', seed.evaluateRaw('{"facts": {"7z": 1}}'), 'unknown-rule');
expectError('evaluate with a NUL inside the length', seed.evaluateRaw('{}\0'), 'syntax');
// Hostile nesting: an error (which one is the core's business), never a
// stack overflow, which would trap the module.
for (const [what, input] of [
  ['arrays 100 000 deep', '['.repeat(100000)],
  ['a fact 100 000 deep', '{"facts": {"6b": ' + '[{"note": '.repeat(100000)],
  ['objects 100 000 deep', '{"a":'.repeat(100000) + '1' + '}'.repeat(100000)],
]) {
  const { result, bytes } = seed.evaluateRaw(input);
  check(result === ERROR && codeOf(bytes) !== undefined, `evaluate ${what}: ${text(bytes)}`);
  const { result: loaded, bytes: error } = ducha.withInput(input, (p, n) =>
    ducha.withOut((slot) => raw.ducha_engine_load(p, n, slot)),
  );
  check(loaded === 0 && codeOf(error) !== undefined, `load ${what}: ${text(error)}`);
}
try {
  seed.evaluate('{"facts": {"7a": [{"start": "2026-13-01"}]}}');
  fail('evaluate an invalid date: expected a DuchaError');
} catch (e) {
  check(
    e instanceof DuchaError && e.code === 'invalid' && e.path === 'facts.7a[0].start',
    `evaluate an invalid date: ${e.json ?? e}`,
  );
}

// NULL pointers: 0 is NULL in the module's memory.
expectError(
  'evaluate a NULL engine',
  ducha.withInput('{}', (p, n) => ducha.withOut((slot) => raw.ducha_evaluate(0, p, n, slot))),
  'null-pointer',
);
expectError(
  'evaluate NULL input',
  ducha.withOut((slot) => raw.ducha_evaluate(seed.handle, 0, 2, slot)),
  'null-pointer',
);
check(
  ducha.withInput('{}', (p, n) => raw.ducha_evaluate(seed.handle, p, n, 0)) === NO_OUTPUT,
  'evaluate with a NULL out: expected DUCHA_NO_OUTPUT',
);
expectError('validate NULL', ducha.withOut((slot) => raw.ducha_validate(0, 0, slot)), 'null-pointer');
expectError('diagnostics of NULL', ducha.withOut((slot) => raw.ducha_diagnostics(0, slot)), 'null-pointer');
expectError('rubric_json of NULL', ducha.withOut((slot) => raw.ducha_rubric_json(0, slot)), 'null-pointer');
expectError(
  'add a year to NULL',
  ducha.withInput('{}', (p, n) => ducha.withOut((slot) => raw.ducha_add_calendar_year(0, p, n, slot))),
  'null-pointer',
);
const nullLoad = ducha.withOut((slot) => raw.ducha_engine_load(0, 0, slot));
check(nullLoad.result === 0 && codeOf(nullLoad.bytes) === 'null-pointer', 'load NULL');
check(raw.ducha_engine_clone(0) === 0, 'clone NULL: expected NULL');
raw.ducha_engine_free(0);
raw.ducha_string_free(0);

// Bad rubrics.
for (const [rubric, code] of [['{', 'syntax'], ['{"id": "x"}', 'invalid'], [Uint8Array.of(0xc3), 'utf8']]) {
  try {
    ducha.load(rubric).free();
    fail(`load ${rubric}: expected a DuchaError`);
  } catch (e) {
    check(e instanceof DuchaError && e.code === code, `load ${rubric}: ${e.json ?? e}`);
  }
}

// The rest of the API: diagnostics, validate, the dumped rubric, calendar.
const diagnostics = seed.diagnostics();
check(diagnostics.includes('duplicate-serial'), `seed diagnostics: ${diagnostics}`);
const rubric = seed.rubricJson();
check(ducha.validate(rubric) === diagnostics, 'validate the seed gives its diagnostics');
const reloaded = ducha.load(rubric);
check(
  Buffer.from(reloaded.evaluateRaw(sample).bytes).equals(Buffer.from(sampleCard.bytes)),
  'the dumped seed scores the sample alike',
);
reloaded.free();
const late = '{"period": {"from": "2026-01-01", "to": "2026-12-31"}, "facts": {"7a": [{"start": "2026-12-20", "done": "2027-01-29"}]}}';
const copy = seed.clone();
copy.addCalendarYear('{"year": 2027, "papers": [], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}');
check(copy.evaluateRaw(late).result === OK, 'a clone with 2027 answers a 2027 deadline');
expectError('the seed still does not know 2027', seed.evaluateRaw(late), 'calendar');
try {
  copy.addCalendarYear('[]');
  fail('add the year []: expected a DuchaError');
} catch (e) {
  check(e instanceof DuchaError && e.code === 'invalid', `add the year []: ${e.json ?? e}`);
}
copy.free();

// No leak: after a warm-up, scoring many times does not grow the memory.
for (let i = 0; i < 50; i++) {
  seed.evaluateRaw(sample);
  seed.evaluateRaw(gbk);
  seed.clone().free();
}
const before = raw.memory.buffer.byteLength;
for (let i = 0; i < 500; i++) {
  seed.evaluateRaw(sample);
  seed.evaluateRaw(gbk);
  seed.clone().free();
}
check(
  raw.memory.buffer.byteLength === before,
  `memory grew from ${before} to ${raw.memory.buffer.byteLength} bytes over 500 rounds`,
);

seed.free();
console.log(`error paths and API: ${checks} checks`);
if (failures > 0) {
  console.log(`${failures} failure(s)`);
  process.exit(1);
}
console.log('ok');

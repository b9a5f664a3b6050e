// A typed program against the package, for `tsc --noEmit --strict` (Node
// flavour: @types/node, no DOM). Type-checked by ci.sh, not run.

import { readFileSync } from 'node:fs';
import {
  Ducha,
  DuchaError,
  type Diagnostic,
  type Inspection,
  type Limit,
  type Rubric,
  type RuleReport,
  type Scorecard,
} from 'ducha';

const ducha: Ducha = await Ducha.load(); // the .wasm inside the package
using engine = ducha.seed();

const inspection: Inspection = {
  period: { from: '2026-01-01', to: '2026-12-31' },
  facts: { '2b': true, '6b': 3, '12a': '96%', '7a': [{ start: '2026-05-08', done: null }], '6a': [{ note: '未完成' }] },
  not_applicable: {},
};
const card: Scorecard = engine.evaluate(inspection);
const fromFile: Scorecard = engine.evaluate(readFileSync('examples/data/yuxi-sample.json'));
const text: string = engine.evaluateJson('{"facts": {}}');

function limit(l: Limit | null): string {
  switch (l?.kind) {
    case 'cap':
      return `cap ${l.cap}`;
    case 'node':
      return `node ${l.id} of ${l.points}`;
    case 'exclusive':
      return `kept ${l.kept}`;
    case undefined:
      return 'none';
  }
}

function rules(c: Scorecard): RuleReport[] {
  const out: RuleReport[] = [];
  const walk = (indicators: Scorecard['indicators']): void => {
    for (const indicator of indicators) {
      walk(indicator.indicators ?? []);
      for (const item of indicator.items ?? []) {
        const applicable: boolean = item.applicable ?? true;
        if (applicable) out.push(...item.rules);
      }
    }
  };
  walk(c.indicators);
  return out;
}

for (const rule of rules(card)) {
  const pending: number = rule.pending ?? 0;
  const exempt: number = rule.exempt ?? 0;
  const rounded: boolean = rule.rounded ?? false;
  const applicable: boolean = rule.applicable ?? true;
  console.log(rule.id, rule.assessed, rule.breaches, rule.raw, rule.deducted, limit(rule.limited_by), rule.reason, pending, exempt, rounded, applicable);
}

const grade: string | undefined = card.grade;
const base: string | undefined = card.base;
const vetoed: string | undefined = card.vetoed;
const scopes: Array<'item' | 'indicator' | 'card'> = (card.vetoes ?? []).map((v) => v.scope);
const rescaled: string | undefined = card.rescaled?.earned;
const bonus: string | undefined = card.bonus?.counted;
const bonusRule: RuleReport | undefined = card.bonus?.items[0]?.rules[0];
const penalties: string | undefined = card.penalties?.deducted;
console.log(card.score, fromFile.score, text.length, grade, base, vetoed, scopes, rescaled, bonus, bonusRule, penalties);

const rubric: Rubric = {
  id: 'mine',
  title: '某局督查细则',
  total: '10',
  rounding: { places: 2, mode: 'half_up' },
  grades: [{ at_least: '9', label: '优秀' }, { label: '一般' }],
  indicators: [
    {
      id: 'G1',
      name: '领导重视',
      points: '10',
      items: [
        {
          id: '1',
          serial: '1',
          points: '10',
          requirement: '……',
          rules: [
            { id: '1a', label: '未明确联络员', text: '扣2.5分', trigger: { kind: 'flag' }, penalty: { kind: 'flat', points: '2.5' } },
            {
              id: '1b',
              label: '完好率',
              text: '',
              trigger: { kind: 'measured', measure: 'percent' },
              penalty: { kind: 'bands', bands: [{ at_least: '90', deduct: '0' }, { at_least: '80', score: '8' }, { score: '0' }] },
            },
            {
              id: '1c',
              label: '未按时公示',
              text: '',
              trigger: { kind: 'deadline', within: { working_days: 20 }, action: '公示' },
              penalty: { kind: 'capped', points: 1, cap: 5 },
              veto: { scope: 'item' },
            },
          ],
        },
      ],
    },
  ],
};

try {
  using mine = ducha.load(rubric);
  const diagnostics: Diagnostic[] = mine.diagnostics();
  mine.addCalendarYear({ year: 2027, days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] });
  const copy = mine.clone();
  copy.free();
  console.log(diagnostics.map((d) => `${d.code} ${d.id}: ${d.message}`), mine.rubricJson().length, mine.freed);
} catch (e) {
  if (!(e instanceof DuchaError)) throw e;
  const where: string | undefined = e.path ?? e.id;
  console.log(e.code, where, e.message, e.json, e.toJSON().code);
}

console.log(ducha.version(), ducha.validate(rubric).length, ducha.exports.memory.buffer.byteLength);

// The types refuse what the engine would refuse.
// @ts-expect-error: a score is a decimal string, never a number
const asNumber: number = card.score;
// @ts-expect-error: no such trigger kind
const badTrigger: Rubric['indicators'][number] = { id: 'G', name: 'g', points: '1', items: [{ id: 'I', serial: '1', points: '1', requirement: '', rules: [{ id: 'a', label: '', text: '', trigger: { kind: 'sometimes' }, penalty: { kind: 'flat', points: '1' } }] }] };
// @ts-expect-error: an indicator holds items or indicators, not both
const both: Rubric['indicators'][number] = { id: 'G', name: 'g', points: '1', items: [], indicators: [] };
// @ts-expect-error: a band gives a deduction or a score, not both
const award: Rubric = { ...rubric, indicators: [{ id: 'G', name: 'g', points: '1', items: [{ id: 'I', serial: '1', points: '1', requirement: '', rules: [{ id: 'a', label: '', text: '', trigger: { kind: 'measured', measure: 'ratio' }, penalty: { kind: 'bands', bands: [{ deduct: '1', score: '1' }] } }] }] }] };
// @ts-expect-error: engines come from the module
const made = new (engine.constructor as typeof import('ducha').Engine)();
console.log(asNumber, badTrigger, both, award, made);

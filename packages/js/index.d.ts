/// <reference lib="esnext.disposable" />

// Types of the `ducha` package: the engine's API, and the JSON shapes of
// rubrics, inspections, scorecards, diagnostics and errors (the main
// README's "The JSON contract"; serde types in the Rust crate's
// src/rubric.rs, src/rule.rs, src/shape.rs, src/inspection.rs and
// src/report.rs).

// ---------------------------------------------------------------------------
// Scalars

/** A decimal as the engine writes it: a string of digits, an optional
 *  fraction, no exponent, no trailing zeros (`"97.5"`, `"-2"`). Never a
 *  binary float: parse it with a decimal library if you compute with it. */
export type Decimal = string;

/** A decimal in an input: a string (`"2.5"`, best) or a JSON number, read
 *  from its literal digits. */
export type DecimalInput = string | number;

/** A date, `YYYY-MM-DD`. */
export type DateString = string;

/** A measured value in an inspection: a decimal, or a percentage
 *  (`"96%"`). */
export type MeasureInput = DecimalInput;

// ---------------------------------------------------------------------------
// Rubric (what `ducha.load` reads and `engine.rubricJson()` writes)

/** A rubric (督查细则): a tree of indicators, items and rules. */
export interface Rubric {
  /** Unique key of the rubric; an inspection may name it. */
  id: string;
  /** The document's title. */
  title: string;
  /** The document's version or status (`试行`). */
  version?: string;
  /** The dates this version is in force, where the rubric has versions. */
  in_force?: { from: DateString; to?: DateString };
  /** The declared total (100): the sum of the top-level indicators. */
  total: DecimalInput;
  /** The top-level indicators (一级指标), in document order. */
  indicators: Indicator[];
  /** The rounding of the rules that divide (proportional, exact partial
   *  steps, interpolation); required when there is such a rule. */
  rounding?: Rounding;
  /** Groups of rules that never deduct twice ("不重复扣分"). */
  exclusive?: Exclusive[];
  /** What an item marked not applicable in an inspection means; absent:
   *  no item may be marked so. */
  not_applicable?: NotApplicablePolicy;
  /** The lowest final score, 0 or below; 0 when absent. */
  floor?: DecimalInput;
  /** The penalty section (扣分项) outside the declared total. */
  penalties?: PenaltySection;
  /** The bonus section (加分项) outside the declared total. */
  bonus?: BonusSection;
  /** The grades by final score, best first; the last has no bound. */
  grades?: Grade[];
  /** Worked examples that travel with the rubric. */
  examples?: Example[];
}

/** An indicator (督查指标): items, or finer indicators, never both. */
export type Indicator = IndicatorOfItems | IndicatorOfIndicators;

interface IndicatorBase {
  /** Unique key (`"G1"`). */
  id: string;
  /** The name the document prints (`领导重视`). */
  name: string;
  /** Its points: its deduction never exceeds them. */
  points: DecimalInput;
  /** What it counts for in its parent (折算): its score ÷ its points ×
   *  weight, rounded as the rubric declares; its parent's points are then
   *  the sum of its children's weights. */
  weight?: DecimalInput;
  /** What an item below it marked not applicable means, overriding the
   *  rubric's (and any indicator's above). */
  not_applicable?: NotApplicablePolicy;
  /** The lowest score it may reach, 0 or below; 0 when absent. */
  floor?: DecimalInput;
}

/** An indicator holding items. */
export interface IndicatorOfItems extends IndicatorBase {
  items: Item[];
  indicators?: never;
}

/** An indicator holding finer indicators (二级、三级指标). */
export interface IndicatorOfIndicators extends IndicatorBase {
  indicators: Indicator[];
  items?: never;
}

/** One numbered row of the document (序号). */
export interface Item {
  /** Unique key (`"11-2"`), distinct even where serials repeat. */
  id: string;
  /** The serial label the document prints (`"11"`). */
  serial: string;
  /** Its points (量化分值). */
  points: DecimalInput;
  /** The performance requirement (绩效要求), verbatim. */
  requirement: string;
  /** The scoring standard (督查评分标准) as printed, whole. */
  standard?: string;
  /** The clauses of the scoring standard. */
  rules: Rule[];
  /** The lowest score it may reach, 0 or below ("最多倒扣2分": `"-2"`). */
  floor?: DecimalInput;
  /** The item starts from 0 and its rules credit it ("…得2分"). */
  earn?: boolean;
}

/** One clause of a scoring standard: a trigger counts breaches, a penalty
 *  prices them. */
export interface Rule {
  /** Unique key; inspections name facts by it (`"7a"`). */
  id: string;
  /** A short statement of the breach, opening its reasons. */
  label: string;
  /** The clause as the document prints it. */
  text: string;
  /** The measure word a reason counts in: `起` (default), `次`, `项`. */
  unit?: string;
  /** Which fact the rule reads and how it counts breaches. */
  trigger: Trigger;
  /** What the breaches cost. */
  penalty: Penalty;
  /** The only grounds on which a finding or case may be exempt; absent:
   *  any ground. */
  exemptions?: string[];
  /** What a breach overrides (一票否决). */
  veto?: Veto;
}

/** What a measured value is: its domain, and how a reason prints it. */
export type Measure = 'ratio' | 'percent' | 'count' | 'amount';

/** How a rule counts breaches, and so which fact it reads. */
export type Trigger =
  | { kind: 'flag' }
  | { kind: 'count' }
  | { kind: 'threshold'; min: DecimalInput; measure: Measure }
  | {
      kind: 'deadline';
      /** The time limit after a case's `start`; absent when cases carry
       *  their own `due`. */
      within?: Within;
      /** What starts the clock, for reasons (`完成`). */
      after?: string;
      /** What must be done by the due date, for reasons (default `完成`). */
      action?: string;
    }
  | {
      kind: 'cadence';
      every: Every;
      /** How many times per period (default 1). */
      at_least?: number;
      /** One breach per short period (default) or per missing occurrence. */
      short?: 'period' | 'occurrence';
    }
  | { kind: 'measured'; measure: Measure }
  | { kind: 'rating' }
  | { kind: 'peer'; measure: Measure; compare: PeerCompare };

/** What a `peer` trigger reads of the other assessees. */
export type PeerCompare = 'above_mean' | 'below_mean' | 'rank' | 'rank_ascending';

/** A peer statistic given by an inspection scored outside a batch. */
export interface Peer {
  mean?: DecimalInput;
  rank?: number;
  of?: number;
}

/** A deadline's time limit, at most 3660 days: exactly one of the two. */
export type Within = { working_days: number; days?: never } | { days: number; working_days?: never };

/** The period of a cadence. */
export type Every = 'month' | 'quarter' | 'half_year' | 'year';

/** What a rule's breaches cost, or how its value or rating is priced. */
export type Penalty =
  | { kind: 'flat'; points: DecimalInput }
  | { kind: 'per_occurrence'; points: DecimalInput }
  | { kind: 'capped'; points: DecimalInput; cap: DecimalInput }
  | { kind: 'escalating'; amounts: DecimalInput[]; multipliers?: Multiplier[]; cap?: DecimalInput }
  | { kind: 'range'; min: DecimalInput; max: DecimalInput; cap?: DecimalInput }
  | {
      kind: 'linear';
      direction: 'below' | 'above';
      target: DecimalInput;
      step: DecimalInput;
      points: DecimalInput;
      partial: 'whole' | 'started' | 'exact';
      cap?: DecimalInput;
      cutoff?: DecimalInput;
    }
  | { kind: 'proportional'; target: DecimalInput; points: DecimalInput }
  | { kind: 'bands'; bands: Band[] }
  | { kind: 'interpolate'; knots: Knot[] }
  | { kind: 'rating'; options: RatingOption[] };

/** What a table entry gives: exactly one of a deduction or the item's
 *  score (what it keeps). */
export type Award = { deduct: DecimalInput; score?: never } | { score: DecimalInput; deduct?: never };

/** A band of a `bands` table: `at_least` (best first) or `at_most` (best
 *  first, from below); the last band has no bound. */
export type Band = Award & { at_least?: DecimalInput; at_most?: DecimalInput };

/** A knot of an `interpolate` line. */
export type Knot = Award & { value: DecimalInput };

/** An option of a `rating` penalty (`良`). */
export type RatingOption = Award & { option: string };

/** A factor a finding of an escalating rule may name. */
export interface Multiplier {
  name: string;
  factor: DecimalInput;
}

/** The rounding a rubric declares: "保留两位小数，四舍五入". */
export interface Rounding {
  places: number;
  mode: 'half_up' | 'half_even' | 'down' | 'up';
}

/** Rules of which only one deducts. */
export interface Exclusive {
  rules: string[];
  keep: 'largest' | 'first';
}

/** What an item marked not applicable means: full marks, or left out and
 *  the base rescaled. */
/** What an item marked not applicable means for the items below the node
 *  declaring it (the nearest declaration governs). */
export type NotApplicablePolicy = 'full' | 'rescale' | 'redistribute';

/** A grade of the final score: "90分以上为优秀". */
export interface Grade {
  /** The least final score of the grade; none for the last. */
  at_least?: DecimalInput;
  label: string;
}

/** When a bonus section counts: exactly one bound on the base score. */
export type Gate = { above: DecimalInput; at_least?: never } | { at_least: DecimalInput; above?: never };

/** A bonus section (加分项). */
export interface BonusSection {
  id: string;
  name: string;
  /** The most it adds. */
  cap: DecimalInput;
  gate?: Gate;
  items: Item[];
}

/** A penalty section (扣分项). */
export interface PenaltySection {
  id: string;
  name: string;
  /** The most it deducts; none: no cap beyond its items'. */
  cap?: DecimalInput;
  items: Item[];
}

/** A veto (一票否决). A card veto fixes the score and/or forces a grade. */
export interface Veto {
  scope: 'item' | 'indicator' | 'card';
  score?: DecimalInput;
  grade?: string;
}

/** A worked example of a rubric. */
export interface Example {
  name: string;
  inspection: Inspection;
  /** The expected total score. */
  score?: DecimalInput;
  /** Expected deductions by rule id. */
  deductions?: Record<string, DecimalInput>;
}

// ---------------------------------------------------------------------------
// Inspection (what `engine.evaluate` reads)

/** An inspection: facts by rule id. */
export interface Inspection {
  /** The rubric it is for; another rubric's is an error. */
  rubric?: string;
  /** The assessment period. */
  period?: Period;
  /** The date of assessment; by default the period's end. */
  as_of?: DateString;
  /** The facts, by rule id. A rule without one is not assessed. */
  facts?: Record<string, Fact>;
  /** Items and rules that do not apply (合理缺项), by id, with the reason. */
  not_applicable?: Record<string, string>;
  /** A peer rule's statistic, by rule id, outside a batch. */
  peers?: Record<string, Peer>;
}

/** An assessment period. */
export interface Period {
  from: DateString;
  to: DateString;
}

/** A fact: a flag (`true`), a count or a measured value (a number or a
 *  decimal string, `"96%"`), a rating's option (`"良"`), one finding, or a
 *  list of dates, of findings or of cases (never mixed). */
export type Fact = boolean | number | string | Finding | DateString[] | Finding[] | Case[];

/** A finding: what was found. */
export interface Finding {
  note?: string;
  /** For a discretionary (`range`) rule: the amount given. */
  amount?: DecimalInput;
  /** For an escalating rule: the multiplier it names. */
  multiplier?: string;
  /** The ground on which it is exempt. */
  exempt?: string;
}

/** A deadline case: `start` (the rule adds its time limit) or `due`, and
 *  `done` if it was. `null` counts as absent. */
export interface Case {
  start?: DateString | null;
  due?: DateString | null;
  done?: DateString | null;
  note?: string;
  /** The ground on which it is exempt. */
  exempt?: string;
}

/** A year of the working-day calendar, in the holiday-cn shape. */
export interface CalendarYear {
  year: number;
  /** The notices' URLs. */
  papers?: string[];
  days: CalendarDay[];
  $schema?: string;
  $id?: string;
}

/** A holiday (`isOffDay: true`) or a make-up working day (`false`). */
export interface CalendarDay {
  name: string;
  date: DateString;
  isOffDay: boolean;
}

// ---------------------------------------------------------------------------
// Scorecard (what `engine.evaluate` returns)

/** A scored inspection, mirroring the rubric's tree; fields in the order
 *  the engine writes them. */
export interface Scorecard {
  /** The rubric's id. */
  rubric: string;
  /** The rubric's version (`试行`), where it has one. */
  version?: string;
  /** The assessment period, where the inspection gave one. */
  period?: Period;
  /** The assessment date (`as_of`, else the period's end), where there is one. */
  as_of?: DateString;
  /** The version of ducha that scored it (`0.1.0`). */
  ducha?: string;
  /** The rubric's total points. */
  points: Decimal;
  /** The points deducted in all. */
  deducted: Decimal;
  /** The final score: the base plus any bonus, minus any penalty section,
   *  unless a card veto fixed it. */
  score: Decimal;
  /** The grade, where the rubric grades or a veto forced one. */
  grade?: string;
  /** The base score (total minus deductions), where the rubric has a
   *  bonus or penalty section. */
  base?: Decimal;
  /** The deduction zeroing vetoes added beyond the rules' shares. */
  vetoed?: Decimal;
  /** The vetoes that fired. */
  vetoes?: VetoReport[];
  /** Where not-applicable items rescaled the base. */
  rescaled?: Rescaled;
  /** The top-level indicators. */
  indicators: IndicatorReport[];
  /** The bonus section, where the rubric has one. */
  bonus?: BonusReport;
  /** The penalty section, where the rubric has one. */
  penalties?: PenaltiesReport;
}

/** An indicator of a scorecard: `items` or finer `indicators`. */
export interface IndicatorReport {
  id: string;
  name: string;
  points: Decimal;
  deducted: Decimal;
  score: Decimal;
  /** What it counts for in its parent, where it is weighted (折算). */
  weight?: Decimal;
  /** The score it contributes to its parent, where it is weighted. */
  weighted?: Decimal;
  /** `true` where the declared rounding changed the weighted score. */
  rounded?: true;
  /** Where it rescales for its items not applicable and some were marked:
   *  its applicable points and what it earned of them. */
  rescaled?: Rescaled;
  indicators?: IndicatorReport[];
  items?: ItemReport[];
}

/** An item (row) of a scorecard. */
export interface ItemReport {
  id: string;
  serial: string;
  points: Decimal;
  deducted: Decimal;
  score: Decimal;
  /** The reason (扣分原因): its rules' reasons joined by `；`. */
  reason: string;
  /** `false` when the inspection marked the item not applicable; absent
   *  otherwise. */
  applicable?: boolean;
  /** The points it received from siblings marked not applicable (negative:
   *  gave to them), where the rubric redistributes; `points` includes them. */
  received?: Decimal;
  rules: RuleReport[];
}

/** One rule's outcome. */
export interface RuleReport {
  id: string;
  /** Whether the inspection gave the rule a fact. */
  assessed: boolean;
  /** `false` when the rule (or its item) was marked not applicable;
   *  absent otherwise. */
  applicable?: boolean;
  /** The breaches counted (a JSON number; exact up to 2^53). */
  breaches: number;
  /** For a deadline rule: the cases not done and not yet due. */
  pending?: number;
  /** The findings or cases marked exempt, when there are any. */
  exempt?: number;
  /** The deduction before any cap or bound. */
  raw: Decimal;
  /** The rule's share of the total deduction. */
  deducted: Decimal;
  /** `true` when the declared rounding changed the rule's value; absent
   *  otherwise. */
  rounded?: boolean;
  /** What trimmed the deduction, or `null`. */
  limited_by: Limit | null;
  /** The reason, in the rubric's language; empty without a breach. */
  reason: string;
}

/** What trimmed a rule's deduction. */
export type Limit = LimitByCap | LimitByNode | LimitByExclusive;

/** The rule's own cap. */
export interface LimitByCap {
  kind: 'cap';
  cap: Decimal;
}

/** A node's points ran out (the rubric's id for the total). */
export interface LimitByNode {
  kind: 'node';
  id: string;
  points: Decimal;
}

/** Another rule of its exclusive group deducted instead ("不重复扣分"). */
export interface LimitByExclusive {
  kind: 'exclusive';
  kept: string;
}

/** A veto that fired. */
export interface VetoReport {
  /** The veto rule. */
  rule: string;
  scope: 'item' | 'indicator' | 'card';
  /** The node it zeroed (the rubric's id for a card veto). */
  node: string;
  /** The score it overrode. */
  before: Decimal;
  /** The score it set (absent for a card veto that only forces a grade). */
  score?: Decimal;
  /** The grade it forces. */
  grade?: string;
}

/** How not-applicable items rescaled the base (标化分 = earned ÷
 *  applicable × total). */
export interface Rescaled {
  applicable: Decimal;
  earned: Decimal;
}

/** The bonus section of a scorecard. */
export interface BonusReport {
  id: string;
  name: string;
  cap: Decimal;
  /** What its items earned, at most the cap. */
  credited: Decimal;
  /** What the final score counts: the credit if the gate opened, else 0. */
  counted: Decimal;
  reason: string;
  items: BonusItemReport[];
}

/** An item of the bonus section; its rules' `raw` and `deducted` are
 *  credits. */
export interface BonusItemReport {
  id: string;
  serial: string;
  points: Decimal;
  credited: Decimal;
  reason: string;
  rules: RuleReport[];
}

/** The penalty section of a scorecard. */
export interface PenaltiesReport {
  id: string;
  name: string;
  cap?: Decimal;
  /** What it deducts from the final score. */
  deducted: Decimal;
  items: ItemReport[];
}

// ---------------------------------------------------------------------------
// Diagnostics and errors

/** The stable kinds of diagnostic. */
export type DiagnosticCode =
  | 'duplicate-serial'
  | 'serial-gap'
  | 'exceeds-points'
  | 'cap-below-amount'
  | 'unbounded-rule'
  | 'points-mismatch'
  | 'empty-text'
  | 'unreachable-band'
  | 'unused-exemptions'
  | 'unreachable-bonus'
  | 'unreachable-grade'
  | 'na-without-policy';

/** Something valid but probably not meant in a rubric. */
export interface Diagnostic {
  /** A DiagnosticCode, or a code added by a later version. */
  code: DiagnosticCode | (string & {});
  /** The node or rule concerned. */
  id: string;
  message: string;
}

/** The stable error codes: the core's, and the wrapper's `null-pointer`,
 *  `utf8` and `internal`. */
export type ErrorCode =
  | 'syntax'
  | 'utf8'
  | 'null-pointer'
  | 'internal'
  | 'limit'
  | 'invalid'
  | 'invalid-rubric'
  | 'rubric-mismatch'
  | 'unknown-rule'
  | 'wrong-fact-type'
  | 'missing-context'
  | 'calendar'
  | 'invalid-case'
  | 'out-of-domain'
  | 'overflow'
  | 'invalid-fact'
  | 'not-applicable'
  | 'version';

/** The error object of the library's error JSON
 *  (`{"error":{"code","message","path"?,"id"?}}`). */
export interface ErrorInfo {
  /** An ErrorCode, or a code added by a later version. */
  code: ErrorCode | (string & {});
  message: string;
  /** Where in the input: `facts.7a[0].start`. */
  path?: string;
  /** The rule, node or rubric concerned. */
  id?: string;
}

/** A failure reported by the library (or by the wrapper, in its terms). */
export class DuchaError extends Error {
  constructor(error: ErrorInfo, json?: string);
  /** A DuchaError from the library's error JSON. */
  static fromJson(json: string): DuchaError;
  readonly name: 'DuchaError';
  /** The stable machine code: branch on it (`message` is for people). */
  readonly code: ErrorCode | (string & {});
  /** Where in the input, if it applies. */
  readonly path?: string;
  /** The rule, node or rubric concerned, if it applies. */
  readonly id?: string;
  /** The error JSON, as the library wrote it. */
  readonly json: string;
  /** `{code, message, path?, id?}`. */
  toJSON(): ErrorInfo;
}

// ---------------------------------------------------------------------------
// The API

// The WebAssembly types are the environment's where it declares them (the
// DOM library, or an @types/node that does); otherwise structural stand-ins,
// so that these declarations need neither.
type Global = typeof globalThis;
type Constructed<K extends string, Fallback> = Global extends {
  WebAssembly: { [P in K]: abstract new (...args: never) => infer T };
}
  ? T
  : Fallback;

/** A compiled `WebAssembly.Module`. */
export type WasmModule = Constructed<'Module', { readonly [Symbol.toStringTag]: 'WebAssembly.Module' }>;
/** A `WebAssembly.Instance`. */
export type WasmInstance = Constructed<'Instance', { readonly exports: object }>;
/** A `WebAssembly.Memory`. */
export type WasmMemory = Constructed<'Memory', { readonly buffer: ArrayBuffer; grow(delta: number): number }>;

/** JSON input: an object (serialized with JSON.stringify), JSON text, or
 *  the UTF-8 bytes of JSON text. */
export type JsonInput<T> = T | string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** What `Ducha.load` instantiates the module from. */
export type WasmSource =
  | string
  | URL
  | Response
  | PromiseLike<Response>
  | ArrayBuffer
  | ArrayBufferView
  | WasmModule
  | WasmInstance;

/** A batch: many assessees' inspections against one rubric. */
export interface BatchInput {
  assessees: { id: string; name?: string; inspection: Inspection }[];
  /** Rank inspections that left rules unassessed with the rest. */
  rank_incomplete?: boolean;
}

/** The statistics of a node (or of the final score) over a batch. */
export interface BatchNodeSummary {
  id: string;
  /** What the node is: a bonus node scores what it credits out of the
   *  most it credits; a penalty node minus what it deducts, out of 0. */
  kind: 'total' | 'indicator' | 'item' | 'bonus' | 'penalty';
  points: Decimal;
  count: number;
  total: Decimal;
  mean: Decimal;
  min: Decimal;
  max: Decimal;
  lost: number;
  full: number;
}

/** The statistics of a rule over a batch. */
export interface BatchRuleSummary {
  id: string;
  /** Present (true) for a rule that credits: a bonus rule or an earning
   *  item's. Its `lost` and `deducted` are 0; `credited` and `credits`
   *  count what it gave. */
  credit?: true;
  assessed: number;
  not_applicable?: number;
  lost: number;
  /** Assessed and cost nothing. */
  full: number;
  breaches: number;
  deducted: Decimal;
  credited?: number;
  credits?: Decimal;
  mean: Decimal;
  min: Decimal;
  max: Decimal;
}

/** The batch report (README, *Batches*). */
export interface BatchReport {
  rubric: string;
  entries: (
    | { id: string; name: string; scorecard: Scorecard }
    | { id: string; name: string; error: ErrorInfo }
  )[];
  ranking: {
    rank: number;
    id: string;
    name: string;
    score: Decimal;
    grade?: string;
    tied?: true;
    incomplete?: true;
  }[];
  incomplete: { id: string; name: string; score: Decimal; unassessed: number }[];
  failed: { id: string; name: string; code: ErrorCode | (string & {}) }[];
  summary: {
    scored: number;
    rounding: Rounding;
    score: BatchNodeSummary;
    nodes: BatchNodeSummary[];
    rules: BatchRuleSummary[];
  };
}

/** The raw exports of ducha_ffi.wasm: the C ABI of `include/ducha.h`, with
 *  32-bit pointers (read them with `>>> 0`). */
export interface DuchaExports {
  readonly memory: WasmMemory;
  ducha_version(): number;
  ducha_alloc(size: number): number;
  ducha_dealloc(ptr: number, size: number): void;
  ducha_string_free(ptr: number): void;
  ducha_engine_load(json: number, len: number, errorOut: number): number;
  ducha_engine_seed(): number;
  ducha_engine_clone(engine: number): number;
  ducha_engine_free(engine: number): void;
  ducha_evaluate(engine: number, json: number, len: number, out: number): number;
  ducha_evaluate_batch(engine: number, json: number, len: number, out: number): number;
  ducha_inspection_schema(engine: number, out: number): number;
  ducha_add_calendar_year(engine: number, json: number, len: number, errorOut: number): number;
  ducha_engine_add_version(engine: number, json: number, len: number, errorOut: number): number;
  ducha_diagnostics(engine: number, out: number): number;
  ducha_rubric_json(engine: number, out: number): number;
  ducha_validate(json: number, len: number, out: number): number;
}

/** The instantiated module. */
export class Ducha {
  /**
   * Instantiates ducha_ffi.wasm. With no argument, the module shipped in
   * this package (found from the package's own URL, not the current
   * folder). Otherwise a path (Node only), a `file:` URL (Node only), an
   * `http(s):` URL or (in a browser) any URL string, a Response or a
   * promise of one, the module's bytes, a WebAssembly.Module or Instance.
   */
  static load(source?: WasmSource): Promise<Ducha>;
  /** Wraps an instantiated module; `Ducha.load` is the usual way. */
  constructor(instance: WasmInstance | DuchaExports);
  /** The raw exports. */
  readonly exports: DuchaExports;
  /** The library's version (`0.1.0`). */
  version(): string;
  /** The built-in seed rubric (the Yuxi 双随机、一公开 scorecard). */
  seed(): Engine;
  /** Loads a rubric, parsed and validated once; throws a DuchaError. */
  load(rubric: JsonInput<Rubric>): Engine;
  /** A rubric's diagnostics, without keeping it; throws a DuchaError. */
  validate(rubric: JsonInput<Rubric>): Diagnostic[];
  /** A rubric's diagnostics as JSON (`{"diagnostics":[…]}`). */
  validateJson(rubric: JsonInput<Rubric>): string;
}

/** A rubric loaded into the module. Free it with `free()` (or `using`). */
export class Engine {
  private constructor();
  /** Scores an inspection: the scorecard; throws a DuchaError. */
  evaluate(inspection: JsonInput<Inspection>): Scorecard;
  /** Scores an inspection: the scorecard JSON, byte for byte the Rust
   *  API's; throws a DuchaError. */
  evaluateJson(inspection: JsonInput<Inspection>): string;
  /** Scores many assessees' inspections in one call: the batch report;
   *  throws a DuchaError only for a malformed batch document. */
  evaluateBatch(batch: JsonInput<BatchInput>): BatchReport;
  /** The batch report JSON, byte for byte the Rust API's. */
  evaluateBatchJson(batch: JsonInput<BatchInput>): string;
  /** The JSON Schema (draft 2020-12) of this rubric's inspections. */
  inspectionSchema(): { [key: string]: unknown };
  /** The inspection schema as JSON text. */
  inspectionSchemaJson(): string;
  /** Adds (or replaces) a year of the working-day calendar. */
  addCalendarYear(year: JsonInput<CalendarYear>): void;
  /** Adds another version of the rubric (each with its `in_force` dates). */
  addVersion(rubric: JsonInput<Rubric>): void;
  /** The rubric's diagnostics. */
  diagnostics(): Diagnostic[];
  /** The rubric's diagnostics as JSON (`{"diagnostics":[…]}`). */
  diagnosticsJson(): string;
  /** The rubric as JSON, which `ducha.load` reads back. */
  rubricJson(): string;
  /** An independent copy, with the calendar years added so far. */
  clone(): Engine;
  /** Whether `free()` has been called. */
  readonly freed: boolean;
  /** Frees the engine; again does nothing; other methods then throw a
   *  DuchaError `null-pointer`. */
  free(): void;
  /** `free()`, for `using engine = ducha.seed()`. */
  [Symbol.dispose](): void;
}

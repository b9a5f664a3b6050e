//! Large structure-aware inputs for the JSON surface: rubrics of hundreds
//! to some 100,000 rules, wide assessment windows, long lists and long
//! notes, built from the fuzzer's bytes.
//!
//! The other two targets build small rubrics, so they cannot see a cost or
//! an output that grows faster than the input (a cadence rule that walked
//! its window month by month; a note quoted whole in every reason). Here:
//!
//! - the first bytes choose the shape (how many rules, how many per item,
//!   how deep, which triggers, penalties, number forms, which texts are
//!   long, the period, `as_of`, how many dates and cases), then the rest
//!   of the bytes, and once they run out a small PRNG seeded by them, fill
//!   it in, so that a few hundred bytes make a rubric of thousands of rules;
//! - rules: flags, counts, thresholds of every `measure` (`ratio`,
//!   `percent`, `count`, `amount`), deadlines (`within` working days or
//!   days up to the 3660 limit, or cases with their own `due`) and cadences
//!   (month, quarter, half-year, year); flat, per-occurrence and capped
//!   penalties; nested indicators; ids up to the 64-byte limit;
//! - texts of any Unicode (CJK, 4-byte characters, controls, quotes,
//!   bidi marks), now and then up to ~100 KB, in names, serials, labels,
//!   units, `after`/`action` and notes;
//! - numbers in every JSON form: integers, big integers, fractions,
//!   exponents (`1e-23`, `7183e24`), percentages (`"96%"`), negatives,
//!   strings or bare;
//! - periods up to 0001-01-01…9999-12-31, `as_of` anywhere (in years the
//!   built-in 2018–2026 calendar does not know too), now and then calendar
//!   years added.
//!
//! Checked: nothing panics; every answer is JSON (a scorecard whose numbers
//! add up, with the score in [0, points]) or an error JSON with a known
//! code; the answer is at most `64 × input + 64 KiB` bytes (see
//! [`OUTPUT_FACTOR`]); the same input gives the same bytes twice. Time is
//! bounded by libFuzzer's `-timeout`, memory by `-rss_limit_mb`.

#![no_main]

mod common;

use std::fmt::Write as _;
use std::sync::OnceLock;

use arbitrary::{Result, Unstructured};
use chrono::{Datelike as _, Days, NaiveDate};
use ducha::Decimal;
use ducha::json::{self, Engine, ErrorCode, JsonError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let _ = run(&mut u);
});

// ---------------------------------------------------------------- bounds

/// An answer may be at most `OUTPUT_FACTOR × (rubric + inspection bytes)
/// + OUTPUT_SLACK` bytes.
///
/// Why 64 is enough (src/scorecard.rs, src/tally.rs): every string of the
/// input is written escaped no longer than it was read (an escape is never
/// longer in the output than in the input), and each rule's reason is
/// written twice (the rule's and the item's joined reason). A reason holds
/// the rule's label and unit once or twice, at most `MAX_NAMED` (12) notes
/// cut to `MAX_NOTE_CHARS` (100) characters, at most 12 period labels, or
/// at most 12 cases each naming `after` once and `action` twice: the most
/// any one input byte is repeated is `action`'s 2 × 12 × 2 = 48 times.
/// Everything else per rule (dates, amounts up to 28 digits, the bounding
/// node's 64-byte id and points) is a few hundred bytes against a rule of
/// at least ~80 bytes in the rubric. What may not appear per rule is
/// anything of unbounded length written once in the input: a note quoted
/// whole, or a node's name or serial.
const OUTPUT_FACTOR: usize = 64;
const OUTPUT_SLACK: usize = 65_536;

/// The longest text any one field gets (in chars), and what all long texts
/// together may take (in bytes), keeping inputs under the 16 MiB limit.
const LONG_TEXT: u64 = 100_000;
const LONG_BUDGET: usize = 1 << 20;

/// The most list elements (dates, cases, findings) of one inspection.
const ELEMENT_BUDGET: u64 = 200_000;

/// `JSON_LARGE_SHORT_NODE_LABELS=1` keeps indicator names and item serials
/// short: a switch for fuzzing on past a known defect where a node's label
/// is repeated in the reason of every rule it bounds.
fn short_node_labels() -> bool {
    static SHORT: OnceLock<bool> = OnceLock::new();
    *SHORT.get_or_init(|| std::env::var_os("JSON_LARGE_SHORT_NODE_LABELS").is_some())
}

/// `JSON_LARGE_TRACE=1` prints one line per rubric and per inspection
/// (sizes, outcome): to see what the generator makes of a corpus.
fn trace() -> bool {
    static TRACE: OnceLock<bool> = OnceLock::new();
    *TRACE.get_or_init(|| std::env::var_os("JSON_LARGE_TRACE").is_some())
}

/// An answer's outcome in a word: `ok` or the error's code.
fn outcome(answer: &Result<String, JsonError>) -> &'static str {
    match answer {
        Ok(_) => "ok",
        Err(e) => e.code.as_str(),
    }
}

// ---------------------------------------------------------------- choices

/// Choices from the fuzzer's bytes while they last, then from a PRNG
/// (splitmix64) seeded by them: deterministic either way.
struct Src<'a, 'b> {
    u: &'b mut Unstructured<'a>,
    state: u64,
}

impl Src<'_, '_> {
    /// A number in `0..n` (0 if `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        if n <= 1 {
            return 0;
        }
        if !self.u.is_empty() {
            if let Ok(v) = self.u.int_in_range(0..=n - 1) {
                return v;
            }
        }
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            return lo;
        }
        match (hi - lo).checked_add(1) {
            Some(n) => lo + self.below(n),
            None => self.below(u64::MAX) ^ self.below(2),
        }
    }

    /// True `k` times in `n`.
    fn chance(&mut self, k: u64, n: u64) -> bool {
        self.below(n) < k
    }

    fn pick<T: Copy>(&mut self, options: &[T]) -> T {
        let at = self.below(options.len() as u64) as usize;
        options
            .get(at)
            .or(options.first())
            .copied()
            .expect("options are never empty")
    }

    /// An index into `weights`, drawn in proportion to them (uniform if all
    /// are zero).
    fn weighted(&mut self, weights: &[u64]) -> usize {
        let total: u64 = weights.iter().sum();
        if total == 0 {
            return self.below(weights.len() as u64) as usize;
        }
        let mut x = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        0
    }
}

/// `s` as a JSON string literal.
fn q(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

// ---------------------------------------------------------------- texts

/// Alphabets texts are drawn from.
const ALPHABETS: &[&[&str]] = &[
    &["a", "b", "x", "Z", "0", "7", " ", "-", "_", "."],
    &[
        "督", "查", "细", "则", "扣", "分", "未", "公", "示", "，", "；", "（", "）", "、",
    ],
    &["𠀀", "😀", "𝄞", "\u{10ffff}", "\u{1f1e8}\u{1f1f3}"],
    &[
        "\"", "\\", "\n", "\t", "\u{0}", "\u{1f}", "\u{7f}", "/", "\u{8}", "\u{c}",
    ],
    &[
        "\u{202e}", "\u{2028}", "\u{2029}", "\u{feff}", "\u{200b}", "e\u{301}", "\u{fffd}",
    ],
    &[
        "长", "a", "😀", "\"", "\u{0}", "\u{202e}", "é", "ß", "Ω", "ア",
    ],
];

/// What kinds of text get long.
#[derive(Clone, Copy, Default)]
struct LongTexts {
    node_names: bool,
    serials: bool,
    labels: bool,
    units: bool,
    after_action: bool,
    notes: bool,
    other: bool,
    /// Chars of a long text.
    len: u64,
}

struct TextGen {
    alphabet: &'static [&'static str],
    /// A piece of the fuzzer's own string, mixed into texts.
    fragment: String,
    long: LongTexts,
    /// Bytes of long text still allowed.
    budget: usize,
}

impl TextGen {
    /// A short text: up to 12 units of the alphabet.
    fn short(&mut self, s: &mut Src<'_, '_>) -> String {
        let n = s.range(0, 12);
        self.chars(s, n)
    }

    fn chars(&mut self, s: &mut Src<'_, '_>, n: u64) -> String {
        let mut out = String::new();
        if !self.fragment.is_empty() && s.chance(1, 4) {
            out.push_str(&self.fragment);
        }
        for _ in 0..n {
            out.push_str(s.pick(self.alphabet));
        }
        out
    }

    /// A long text if `wanted` and the budget allows, else a short one.
    fn maybe_long(&mut self, s: &mut Src<'_, '_>, wanted: bool) -> String {
        if !wanted || self.long.len == 0 || self.budget == 0 {
            return self.short(s);
        }
        // A unit repeated (cheap to build), with the fragment and a random
        // tail, so that cutting at 100 chars lands anywhere.
        let unit = s.pick(self.alphabet);
        let n = s.range(self.long.len / 2, self.long.len) as usize;
        let mut out = String::with_capacity(n * unit.len() + 64);
        out.push_str(&self.fragment);
        let head = s.range(0, 130) as usize;
        for _ in 0..head.min(n) {
            out.push_str(s.pick(self.alphabet));
        }
        out.push_str(&unit.repeat(n.saturating_sub(head)));
        let tail = self.chars(s, 3);
        out.push_str(&tail);
        self.budget = self.budget.saturating_sub(escaped_len(&out));
        out
    }
}

/// The length of `s` written as a JSON string, at most (a control
/// character takes up to 6 bytes).
fn escaped_len(s: &str) -> usize {
    s.bytes()
        .map(|b| match b {
            0..0x20 => 6,
            b'"' | b'\\' => 2,
            _ => 1,
        })
        .sum()
}

// ---------------------------------------------------------------- numbers

/// How a rubric or an inspection writes numbers.
#[derive(Clone, Copy)]
enum Forms {
    /// `"2.5"`.
    Strings,
    /// `2.5`.
    Numbers,
    /// Anything: strings, numbers, exponents, trailing zeros.
    Any,
}

/// The decimal `mantissa × 10^-scale` written as JSON, in a form `forms`
/// allows; written forms have at most `places` decimal places (points take
/// 6). Exponent forms are bare numbers: a string is read as plain digits.
fn decimal_json(
    s: &mut Src<'_, '_>,
    forms: Forms,
    mantissa: i128,
    scale: u32,
    places: u32,
) -> String {
    let plain = Decimal::try_from_i128_with_scale(mantissa, scale.min(28))
        .map(|d| d.normalize().to_string())
        .unwrap_or_else(|_| mantissa.to_string());
    let fraction = plain.split_once('.').map_or(0, |(_, f)| f.len() as u32);
    match forms {
        Forms::Strings => q(&plain),
        Forms::Numbers => plain,
        Forms::Any => match s.below(6) {
            // Exponent form from the mantissa: `25e-1`, `7183e24`, `10E-2`.
            2 if scale > 0 => format!("{mantissa}e-{scale}"),
            2 => format!("{mantissa}e0"),
            3 if scale < places && mantissa != 0 => format!("{mantissa}0E-{}", scale + 1),
            // Scientific with a fraction: `2.5e0`, `1.2e+1`.
            5 => {
                let digits = mantissa.unsigned_abs().to_string();
                let sign = if mantissa < 0 { "-" } else { "" };
                let (first, rest) = digits.split_at(1);
                let exp = digits.len() as i64 - 1 - i64::from(scale);
                if rest.is_empty() {
                    format!("{sign}{first}e{exp}")
                } else {
                    format!("{sign}{first}.{rest}e{exp:+}")
                }
            }
            choice => {
                // Plain, or with trailing zeros (`2.500`, `3.0`) where a
                // Decimal still holds the digits.
                let digits = plain.bytes().filter(u8::is_ascii_digit).count();
                let text = match choice {
                    4 if digits + 2 > 28 => plain,
                    4 if fraction + 2 <= places && fraction > 0 => format!("{plain}00"),
                    4 if places > 0 && fraction == 0 => format!("{plain}.0"),
                    _ => plain,
                };
                if s.chance(1, 2) { q(&text) } else { text }
            }
        },
    }
}

/// Points: at most 10^9, at most 6 places; returns the JSON and the value.
fn points(s: &mut Src<'_, '_>, forms: Forms, size: u8) -> (String, Decimal) {
    let (mantissa, scale): (i128, u32) = match (size, s.below(8)) {
        (0, _) => (0, 0),
        (_, 0..=3) => (i128::from(s.range(0, 20)), 0),
        (_, 4) => (i128::from(s.range(1, 10)) * 5, 1),
        (_, 5) => (i128::from(s.range(0, 1_000_000_000_000)), 6),
        (_, 6) => (1_000_000_000, 0),
        _ => (1, 6),
    };
    let value = Decimal::from_i128_with_scale(mantissa, scale);
    (decimal_json(s, forms, mantissa, scale, 6), value)
}

// ---------------------------------------------------------------- dates

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// How far from the built-in calendar's years dates stray.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Spread {
    /// 2018–2026: every working-day question has an answer.
    Known,
    /// Mostly known, now and then 2017 or 2027–2030.
    Near,
    /// Anywhere in 1–9999.
    Anywhere,
}

fn year_in(s: &mut Src<'_, '_>, spread: Spread) -> i32 {
    match (spread, s.below(16)) {
        (Spread::Known, _) | (Spread::Near, 0..=12) | (Spread::Anywhere, 0..=5) => {
            s.range(2018, 2026) as i32
        }
        (Spread::Near, _) => s.pick(&[2017, 2027, 2028, 2030]),
        (Spread::Anywhere, 6) => s.pick(&[1, 2, 9998, 9999]),
        (Spread::Anywhere, _) => s.range(1, 9999) as i32,
    }
}

fn date_in(s: &mut Src<'_, '_>, spread: Spread) -> NaiveDate {
    let year = year_in(s, spread);
    let ordinal = s.range(1, 366) as u32;
    NaiveDate::from_yo_opt(year, ordinal)
        .or_else(|| NaiveDate::from_yo_opt(year, 365))
        .unwrap_or(NaiveDate::MIN)
}

/// `date` plus `days`, clamped to 9999-12-31.
fn plus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .filter(|d| d.year() <= 9999)
        .unwrap_or_else(|| ymd(9999, 12, 31))
}

fn minus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days))
        .filter(|d| d.year() >= 1)
        .unwrap_or_else(|| ymd(1, 1, 1))
}

fn qd(date: NaiveDate) -> String {
    format!("\"{date}\"")
}

// ---------------------------------------------------------------- rubric

/// What the inspection needs to know of a generated rule.
struct RuleInfo {
    id: String,
    kind: Kind,
    /// A flat penalty: any number of breaches costs the same, so a count
    /// up to `u64::MAX` cannot overflow it.
    flat: bool,
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Flag,
    Count,
    Threshold(Measure),
    /// `within`: working days or not, and how many.
    Deadline {
        within: Option<(bool, u32)>,
    },
    Cadence,
}

#[derive(Clone, Copy, Debug)]
enum Measure {
    Ratio,
    Percent,
    Count,
    Amount,
}

/// One defect planted in a rubric, now and then, so that its errors are
/// reached too (never more than one: a large rubric with a defect per
/// thousand rules would never load).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Defect {
    None,
    DuplicateId,
    TimeLimit,
    MinOutOfDomain,
    TotalMismatch,
    TooManyPlaces,
    UnknownField,
    MissingMeasure,
}

struct RubricShape {
    rules: u64,
    /// Rules per item, at most.
    per_item: u64,
    /// Items per indicator, at most.
    per_indicator: u64,
    max_depth: u64,
    /// Weights of flag, count, threshold, deadline, cadence.
    kinds: [u64; 5],
    /// Weights of flat, per-occurrence, capped.
    penalties: [u64; 3],
    forms: Forms,
    /// 0: item points 0 (every deduction bounded); 1: small; 2: any.
    item_points: u8,
    long_ids: bool,
    defect: Defect,
}

struct RubricGen<'t> {
    shape: RubricShape,
    text: &'t mut TextGen,
    next: u64,
    /// Rules still to make.
    left: u64,
    /// Each rule's id and kind, in document order.
    rules: Vec<RuleInfo>,
    defect_planted: bool,
}

impl RubricGen<'_> {
    fn id(&mut self, s: &mut Src<'_, '_>, prefix: &str) -> String {
        self.next += 1;
        let n = self.next;
        if self.shape.long_ids && s.chance(1, 4) {
            // Up to the 64-byte limit, sharing long prefixes.
            let mut id = format!("{prefix}{}-{n}", "x".repeat(40));
            id.truncate(64.min(id.len()));
            if id.len() < 64 && s.chance(1, 2) {
                let pad = 64 - id.len();
                id.insert_str(1, &"y".repeat(pad));
            }
            return id;
        }
        match s.below(8) {
            0 => format!("{n}"),
            1 => format!("指标{n}"),
            _ => format!("{prefix}{n}"),
        }
    }

    fn plant(&mut self, s: &mut Src<'_, '_>, defect: Defect) -> bool {
        if self.shape.defect == defect && !self.defect_planted && s.chance(1, 8) {
            self.defect_planted = true;
            true
        } else {
            false
        }
    }

    fn trigger(&mut self, s: &mut Src<'_, '_>) -> (String, Kind) {
        match s.weighted(&self.shape.kinds) {
            0 => ("{\"kind\":\"flag\"}".to_owned(), Kind::Flag),
            1 => ("{\"kind\":\"count\"}".to_owned(), Kind::Count),
            2 => {
                let forms = self.shape.forms;
                let (measure, name) = s.pick(&[
                    (Measure::Ratio, "ratio"),
                    (Measure::Percent, "percent"),
                    (Measure::Count, "count"),
                    (Measure::Amount, "amount"),
                ]);
                let min = if self.plant(s, Defect::MinOutOfDomain) {
                    match measure {
                        Measure::Ratio => q("1.5"),
                        Measure::Percent => q("100.01"),
                        Measure::Count => q("2.5"),
                        Measure::Amount => q("1e-40"),
                    }
                } else {
                    let (m, scale) = in_domain(s, measure);
                    decimal_json(s, forms, m, scale, 28)
                };
                let measure_field = if self.plant(s, Defect::MissingMeasure) {
                    String::new()
                } else {
                    format!(",\"measure\":\"{name}\"")
                };
                (
                    format!("{{\"kind\":\"threshold\",\"min\":{min}{measure_field}}}"),
                    Kind::Threshold(measure),
                )
            }
            3 => {
                let mut t = String::from("{\"kind\":\"deadline\"");
                let mut within = None;
                if s.chance(2, 3) {
                    let working = s.chance(1, 2);
                    let unit = if working { "working_days" } else { "days" };
                    let n = if self.plant(s, Defect::TimeLimit) {
                        s.pick(&[3661, u64::from(u32::MAX)])
                    } else {
                        match s.below(6) {
                            0 => s.pick(&[0, 1, 5]),
                            1 => 20,
                            2 => 3660,
                            3 => s.pick(&[30, 365, 730, 3659]),
                            _ => s.range(0, 3660),
                        }
                    };
                    let _ = write!(t, ",\"within\":{{\"{unit}\":{n}}}");
                    within = Some((working, u32::try_from(n).unwrap_or(u32::MAX)));
                }
                let long = self.text.long.after_action;
                if s.chance(2, 3) {
                    let after = self.text.maybe_long(s, long);
                    let _ = write!(t, ",\"after\":{}", q(&after));
                }
                if s.chance(2, 3) {
                    let action = self.text.maybe_long(s, long);
                    let _ = write!(t, ",\"action\":{}", q(&action));
                }
                t.push('}');
                (t, Kind::Deadline { within })
            }
            _ => {
                let every = s.pick(&["month", "quarter", "half_year", "year"]);
                (
                    format!("{{\"kind\":\"cadence\",\"every\":\"{every}\"}}"),
                    Kind::Cadence,
                )
            }
        }
    }

    /// A penalty, and whether it is flat (so that any number of breaches
    /// costs the same).
    fn penalty(&mut self, s: &mut Src<'_, '_>) -> (String, bool) {
        let forms = self.shape.forms;
        let (p, _) = if self.plant(s, Defect::TooManyPlaces) {
            ("\"0.0000001\"".to_owned(), Decimal::ZERO)
        } else {
            points(s, forms, 1)
        };
        match s.weighted(&self.shape.penalties) {
            0 => (format!("{{\"kind\":\"flat\",\"points\":{p}}}"), true),
            1 => (
                format!("{{\"kind\":\"per_occurrence\",\"points\":{p}}}"),
                false,
            ),
            _ => {
                let (cap, _) = points(s, forms, 1);
                (
                    format!("{{\"kind\":\"capped\",\"points\":{p},\"cap\":{cap}}}"),
                    false,
                )
            }
        }
    }

    fn rule(&mut self, s: &mut Src<'_, '_>, out: &mut String) {
        let mut id = self.id(s, "r");
        if self.plant(s, Defect::DuplicateId) {
            if let Some(first) = self.rules.first() {
                id = first.id.clone();
            }
        }
        let (trigger, kind) = self.trigger(s);
        let long = self.text.long;
        let wanted = long.labels && s.chance(1, 4);
        let label = self.text.maybe_long(s, wanted);
        let wanted = long.other && s.chance(1, 16);
        let text = self.text.maybe_long(s, wanted);
        let _ = write!(
            out,
            "{{\"id\":{},\"label\":{},\"text\":{}",
            q(&id),
            q(&label),
            q(&text)
        );
        if s.chance(1, 2) {
            let unit = if long.units && s.chance(1, 4) {
                self.text.maybe_long(s, true)
            } else {
                s.pick(&["起", "次", "项", "", "个工作日", "\u{0}"])
                    .to_owned()
            };
            let _ = write!(out, ",\"unit\":{}", q(&unit));
        }
        let (penalty, flat) = self.penalty(s);
        let _ = write!(out, ",\"trigger\":{trigger},\"penalty\":{penalty}");
        if self.plant(s, Defect::UnknownField) {
            out.push_str(",\"weight\":1");
        }
        out.push('}');
        self.rules.push(RuleInfo { id, kind, flat });
    }

    /// An item: returns its points.
    fn item(&mut self, s: &mut Src<'_, '_>, out: &mut String) -> Decimal {
        let id = self.id(s, "T");
        let (p, value) = match self.shape.item_points {
            0 => ("\"0\"".to_owned(), Decimal::ZERO),
            1 => {
                let v = s.range(0, 10);
                (q(&v.to_string()), Decimal::from(v))
            }
            _ => points(s, self.shape.forms, 1),
        };
        let long = self.text.long.serials && !short_node_labels() && s.chance(1, 2);
        let serial = if s.chance(1, 2) && !long {
            id.clone()
        } else {
            self.text.maybe_long(s, long)
        };
        let wanted = self.text.long.other && s.chance(1, 8);
        let requirement = self.text.maybe_long(s, wanted);
        let _ = write!(
            out,
            "{{\"id\":{},\"serial\":{},\"points\":{p},\"requirement\":{}",
            q(&id),
            q(&serial),
            q(&requirement)
        );
        if s.chance(1, 2) {
            let standard = self.text.short(s);
            let _ = write!(out, ",\"standard\":{}", q(&standard));
        }
        out.push_str(",\"rules\":[");
        let n = s.range(1, self.shape.per_item).min(self.left);
        for i in 0..n {
            if i > 0 {
                out.push(',');
            }
            self.rule(s, out);
        }
        self.left -= n;
        out.push_str("]}");
        value
    }

    /// An indicator: returns its points.
    /// An indicator of at most `max` points: returns its points.
    fn indicator(
        &mut self,
        s: &mut Src<'_, '_>,
        depth: u64,
        max: Decimal,
        out: &mut String,
    ) -> Decimal {
        let id = self.id(s, "I");
        let long = self.text.long.node_names && !short_node_labels() && s.chance(1, 2);
        let name = self.text.maybe_long(s, long);
        let nested = depth < self.shape.max_depth && s.chance(1, 3);
        let mut body = String::new();
        let mut sum = Decimal::ZERO;
        let key = if nested {
            let n = s.range(1, 4);
            for i in 0..n {
                if self.left == 0 && i > 0 {
                    break;
                }
                if i > 0 {
                    body.push(',');
                }
                sum = sum.saturating_add(self.indicator(s, depth + 1, billion(), &mut body));
            }
            "indicators"
        } else {
            let n = s.range(1, self.shape.per_indicator);
            for i in 0..n {
                if self.left == 0 && i > 0 {
                    break;
                }
                if i > 0 {
                    body.push(',');
                }
                sum = sum.saturating_add(self.item(s, &mut body));
            }
            "items"
        };
        // Mostly the children's sum (as documents have it), else an amount
        // of its own that may bind the children.
        let (mut p, mut value) = if s.chance(3, 4) && sum <= billion() {
            (q(&sum.normalize().to_string()), sum)
        } else {
            points(s, self.shape.forms, 1)
        };
        if value > max {
            // The total may not pass 10^9 either.
            value = max;
            p = q(&max.normalize().to_string());
        }
        let _ = write!(
            out,
            "{{\"id\":{},\"name\":{},\"points\":{p},\"{key}\":[{body}]}}",
            q(&id),
            q(&name)
        );
        value
    }
}

/// The most points anything may have.
fn billion() -> Decimal {
    Decimal::from(1_000_000_000u32)
}

/// A minimum in `measure`'s domain, as (mantissa, scale).
fn in_domain(s: &mut Src<'_, '_>, measure: Measure) -> (i128, u32) {
    match measure {
        Measure::Ratio => match s.below(5) {
            0 => (1, 0),
            1 => (s.range(0, 100) as i128, 2),
            2 => (999_999_999_999_999_999, 18),
            3 => (1, 23),
            _ => (0, 0),
        },
        Measure::Percent => match s.below(4) {
            0 => (100, 0),
            1 => (s.range(0, 1000) as i128, 1),
            2 => (96, 0),
            _ => (1, 23),
        },
        Measure::Count => match s.below(4) {
            0 => (s.range(0, 12) as i128, 0),
            1 => (i128::from(u64::MAX), 0),
            2 => (1 << 53, 0),
            _ => (s.range(0, u64::MAX) as i128, 0),
        },
        Measure::Amount => match s.below(6) {
            0 => (-(s.range(0, 100) as i128), 1),
            1 => (7183 * 10i128.pow(24), 0),
            2 => (1, 23),
            3 => (s.range(0, 1 << 40) as i128, s.range(0, 12) as u32),
            4 => (-79_228_162_514_264_337_593_543_950_335, 0),
            _ => (s.range(0, 200) as i128, 1),
        },
    }
}

fn gen_rubric(s: &mut Src<'_, '_>, text: &mut TextGen) -> (String, Vec<RuleInfo>) {
    let rules = match s.below(16) {
        0..=3 => s.range(1, 60),
        4..=10 => s.range(100, 1000),
        11..=14 => s.range(1000, 4000),
        _ => match s.below(16) {
            0 => s.pick(&[100_000, 100_001]),
            _ => s.range(4000, 20_000),
        },
    };
    let per_item = match s.below(8) {
        0..=2 => s.range(1, 4),
        3..=5 => s.range(5, 100),
        _ => rules,
    };
    let per_indicator = match s.below(4) {
        0 | 1 => s.range(1, 8),
        2 => s.range(9, 200),
        _ => rules,
    };
    let mut kinds = [0u64; 5];
    for k in &mut kinds {
        *k = s.below(8);
    }
    let mut penalties = [0u64; 3];
    for p in &mut penalties {
        *p = s.below(4);
    }
    let forms = match s.below(4) {
        0 => Forms::Strings,
        1 => Forms::Numbers,
        _ => Forms::Any,
    };
    let shape = RubricShape {
        rules,
        per_item,
        per_indicator,
        max_depth: if s.chance(1, 16) { 17 } else { s.range(1, 5) },
        kinds,
        penalties,
        forms,
        item_points: s.below(3) as u8,
        long_ids: s.chance(1, 4),
        defect: if s.chance(1, 8) {
            s.pick(&[
                Defect::DuplicateId,
                Defect::TimeLimit,
                Defect::MinOutOfDomain,
                Defect::TotalMismatch,
                Defect::TooManyPlaces,
                Defect::UnknownField,
                Defect::MissingMeasure,
            ])
        } else {
            Defect::None
        },
    };
    let total_rules = shape.rules;
    let mut g = RubricGen {
        shape,
        text,
        next: 0,
        left: total_rules,
        rules: Vec::with_capacity(total_rules as usize),
        defect_planted: false,
    };
    let mut body = String::with_capacity(total_rules as usize * 160);
    let mut sum = Decimal::ZERO;
    let mut first = true;
    while g.left > 0 {
        if !first {
            body.push(',');
        }
        first = false;
        let max = billion().saturating_sub(sum).max(Decimal::ZERO);
        sum = sum.saturating_add(g.indicator(s, 1, max, &mut body));
    }
    let total = if g.shape.defect == Defect::TotalMismatch {
        q(&(sum + Decimal::ONE).normalize().to_string())
    } else {
        q(&sum.normalize().to_string())
    };
    let id = g.id(s, "R");
    let title = g.text.maybe_long(s, g.text.long.other);
    let mut out = format!(
        "{{\"id\":{},\"title\":{},\"total\":{total},\"indicators\":[{body}]",
        q(&id),
        q(&title)
    );
    if s.chance(1, 2) {
        let version = g.text.short(s);
        let _ = write!(out, ",\"version\":{}", q(&version));
    }
    out.push('}');
    (out, g.rules)
}

// ---------------------------------------------------------------- inspection

struct FactShape {
    /// In quarters: how many rules get a fact.
    density: u64,
    spread: Spread,
    /// Largest list (dates, cases, findings) per rule.
    list_max: u64,
    forms: Forms,
    /// Plant one fact of a wrong shape, and now and then a value or case
    /// that is refused.
    malformed: bool,
    /// No fact whose answer needs an unknown year or a missing period: a
    /// large inspection is scored, not refused for one of its thousands of
    /// facts.
    clean: bool,
    period: Option<(NaiveDate, NaiveDate)>,
}

/// A count as JSON: small, at the edges of u64, in the forms a count rule
/// reads (`7`, `"7"`, `7.0`, `7e0`; only `7` if `plain`: what date rules
/// read as a hand count) and, if `malformed`, now and then one it refuses.
fn count_json(s: &mut Src<'_, '_>, malformed: bool, plain: bool, huge: bool) -> String {
    let n = match s.below(8) {
        _ if !huge && s.chance(1, 2) => s.range(0, 12),
        _ if !huge => s.range(0, 1_000_000),
        0..=4 => s.range(0, 12),
        5 => u64::MAX,
        6 => s.pick(&[u64::MAX - 1, 1 << 53, (1 << 53) + 1, 1 << 63]),
        _ => s.range(0, u64::MAX),
    };
    match s.below(64) {
        0 if malformed => "18446744073709551616".to_owned(),
        1 if malformed => format!("-{}", n.max(1)),
        _ if plain => n.to_string(),
        2..=9 => q(&n.to_string()),
        10..=13 => format!("{n}.0"),
        14..=17 => format!("{n}e0"),
        18 if n % 10 == 0 && n > 0 => format!("{}e1", n / 10),
        _ => n.to_string(),
    }
}

/// A measured value as JSON for a threshold on `measure`: in its domain,
/// in any form, percentages too; with `malformed`, now and then one the
/// rule refuses.
fn measure_json(s: &mut Src<'_, '_>, measure: Measure, forms: Forms, malformed: bool) -> String {
    if malformed && s.chance(1, 16) {
        let refused: &[&str] = match measure {
            Measure::Ratio => &["96", "-2", "\"101%\"", "1.0000000000000000000000000001"],
            Measure::Percent => &["-0.5", "\"100.1%\"", "1e3", "7183e24"],
            Measure::Count => &["\"96%\"", "-1", "2.5", "18446744073709551616"],
            Measure::Amount => &["\"96%\"", "\"%\""],
        };
        let invalid = s.pick(&[
            "1e-40",
            "\"1e-40\"",
            "79228162514264337593543950336",
            "\"%\"",
            "\"1e-23%\"",
            "\"abc\"",
            "1e999999999999",
        ]);
        return if s.chance(1, 2) {
            s.pick(refused)
        } else {
            invalid
        }
        .to_owned();
    }
    if s.chance(1, 8) {
        let odd: &[&str] = match measure {
            Measure::Ratio => &[
                "1e-23",
                "\"96%\"",
                "\"100%\"",
                "\"0%\"",
                "0.99999999999999999",
                "-0",
                "1.0e0",
                "\"96.5%\"",
                "0.1",
                "1E-2",
                "\"0.0000000000000000000000000001\"",
            ],
            Measure::Percent => &[
                "1e-23",
                "\"96%\"",
                "96",
                "1E+2",
                "\"100%\"",
                "99.999999999999999999",
                "-0",
                "9.6e1",
            ],
            Measure::Count => &[
                "96",
                "18446744073709551615",
                "1E+2",
                "7e0",
                "\"7\"",
                "0",
                "7.000",
                "\"18446744073709551615\"",
            ],
            Measure::Amount => &[
                "1e-23",
                "7183e24",
                "-2",
                "\"-0.5\"",
                "-79228162514264337593543950335",
                "0.99999999999999999",
                "1E+2",
                "79228162514264337593543950335",
                "-7183e24",
            ],
        };
        return s.pick(odd).to_owned();
    }
    if s.chance(1, 4) && matches!(measure, Measure::Ratio | Measure::Percent) {
        let p = s.range(0, 1000);
        return q(&format!("{}%", Decimal::new(p as i64, 1).normalize()));
    }
    let (m, scale) = in_domain(s, measure);
    decimal_json(s, forms, m, scale, 28)
}

fn note(s: &mut Src<'_, '_>, text: &mut TextGen) -> String {
    let long = text.long.notes && s.chance(1, 8);
    text.maybe_long(s, long)
}

fn list_len(s: &mut Src<'_, '_>, shape: &FactShape, left: &mut u64) -> u64 {
    let n = match s.below(8) {
        0..=4 => s.range(0, 4),
        5 | 6 => s.range(0, shape.list_max.min(100)),
        _ => s.range(0, shape.list_max),
    }
    .min(*left);
    *left -= n;
    n
}

fn findings_json(s: &mut Src<'_, '_>, text: &mut TextGen, n: u64) -> String {
    let mut out = String::from("[");
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{{\"note\":{}}}", q(&note(s, text)));
    }
    out.push(']');
    out
}

/// Dates for a cadence: a regular series (sorted, reversed or shuffled in
/// part, with repeats), or scattered dates, in and out of the period.
fn dates_json(s: &mut Src<'_, '_>, shape: &FactShape, n: u64) -> String {
    let mut dates = Vec::with_capacity(n as usize);
    let (from, to) = shape.period.unwrap_or((ymd(2026, 1, 1), ymd(2026, 12, 31)));
    if s.chance(1, 2) {
        let mut d = if s.chance(3, 4) {
            from
        } else {
            date_in(s, shape.spread)
        };
        let step = s.pick(&[1, 7, 28, 30, 31, 91, 92, 182, 183, 365, 366, 400]);
        for _ in 0..n {
            dates.push(d);
            let next = plus(d, step);
            if next == d {
                break;
            }
            d = next;
        }
        match s.below(4) {
            0 => dates.reverse(),
            1 if dates.len() > 2 => {
                let at = s.below(dates.len() as u64) as usize;
                dates.rotate_left(at);
            }
            2 if !dates.is_empty() => {
                let last = dates.len() - 1;
                let copy = dates.get(last).copied();
                dates.extend(copy);
            }
            _ => {}
        }
    } else {
        let span = (to - from).num_days().max(0) as u64;
        for _ in 0..n {
            dates.push(match s.below(8) {
                0 => date_in(s, Spread::Anywhere),
                1 => minus(from, s.range(1, 400)),
                2 => plus(to, s.range(1, 400)),
                _ => plus(from, s.range(0, span)),
            });
        }
    }
    let mut out = String::with_capacity(dates.len() * 13 + 2);
    out.push('[');
    for (i, d) in dates.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&qd(*d));
    }
    out.push(']');
    out
}

/// The built-in calendar, to keep the cases of a clean inspection
/// answerable.
fn china() -> &'static ducha::Calendar {
    static CHINA: OnceLock<ducha::Calendar> = OnceLock::new();
    CHINA.get_or_init(ducha::Calendar::china)
}

/// Cases for a deadline: `start` for a rule with a time limit, `due`
/// otherwise (with `malformed`, now and then the other, both or neither),
/// done on time, late by up to years, or not at all.
///
/// In a clean inspection a case counted in working days starts in a known
/// year and, where its due date falls in an unknown one, is done before the
/// limit is reached, within the known years: its answer needs no unknown
/// year, so that one case does not make the whole evaluation an error.
fn cases_json(
    s: &mut Src<'_, '_>,
    text: &mut TextGen,
    shape: &FactShape,
    within: Option<(bool, u32)>,
    n: u64,
) -> String {
    let mut out = String::from("[");
    let base = shape.period.map_or(ymd(2026, 1, 1), |p| p.0);
    let near = s.chance(1, 2);
    let last_known = ymd(2026, 12, 31);
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        let working = within.filter(|w| w.0).map(|w| w.1);
        let spread = if shape.clean && working.is_some() {
            Spread::Known
        } else {
            shape.spread
        };
        let clock = if near && base.year() >= 2018 && base.year() <= 2026 {
            // Near the period's start.
            let d = plus(base, s.range(0, 700));
            if d > last_known && spread == Spread::Known {
                date_in(s, spread)
            } else {
                d
            }
        } else {
            date_in(s, spread)
        };
        let mut fields: Vec<String> = Vec::with_capacity(4);
        let odd = if shape.malformed { s.below(64) } else { 64 };
        let mut start = false;
        match odd {
            0 => fields.push(format!("\"start\":{},\"due\":{}", qd(clock), qd(clock))),
            1 => fields.push("\"due\":null".to_owned()),
            2 => fields.push("\"start\":null".to_owned()),
            // Refused by a rule without a time limit.
            3 => fields.push(format!("\"start\":{}", qd(clock))),
            _ if within.is_some() && !s.chance(1, 8) => {
                start = true;
                fields.push(format!("\"start\":{}", qd(clock)));
            }
            _ => fields.push(format!("\"due\":{}", qd(clock))),
        }
        let mut done = match s.below(8) {
            0 | 1 => None,
            2 => Some(None),
            3 => Some(Some(plus(clock, s.range(0, 40)))),
            4 => Some(Some(plus(clock, s.range(0, 5000)))),
            5 => Some(Some(minus(clock, s.range(0, 30)))),
            _ => Some(Some(plus(clock, s.range(0, 400)))),
        };
        if let (true, true, Some(limit)) = (shape.clean, start, working) {
            if china().add_working_days(clock, limit).is_err() {
                // Done before `limit` calendar days (so fewer working days)
                // have passed, within the known years.
                let k = s.range(0, u64::from(limit.max(1)) - 1);
                done = Some(Some(plus(clock, k).min(last_known).max(clock)));
            }
        }
        match done {
            None => {}
            Some(None) => fields.push("\"done\":null".to_owned()),
            Some(Some(d)) => fields.push(format!("\"done\":{}", qd(d))),
        }
        if s.chance(1, 2) {
            fields.push(format!("\"note\":{}", q(&note(s, text))));
        }
        let _ = write!(out, "{{{}}}", fields.join(","));
    }
    out.push(']');
    out
}

fn fact_json(
    s: &mut Src<'_, '_>,
    text: &mut TextGen,
    shape: &FactShape,
    kind: Kind,
    flat: bool,
    left: &mut u64,
) -> String {
    let hand = s.chance(1, 16);
    // Up to u64::MAX breaches where that cannot overflow a clean
    // inspection's deductions.
    let huge = flat || !shape.clean;
    match kind {
        Kind::Flag => match s.below(4) {
            0 => "false".to_owned(),
            1 => format!("{{\"note\":{}}}", q(&note(s, text))),
            _ => "true".to_owned(),
        },
        Kind::Count => {
            if s.chance(1, 3) {
                let n = list_len(s, shape, left);
                findings_json(s, text, n)
            } else {
                count_json(s, shape.malformed, false, huge)
            }
        }
        Kind::Threshold(measure) => {
            if hand {
                s.pick(&["true", "false", "[]"]).to_owned()
            } else {
                measure_json(s, measure, shape.forms, shape.malformed)
            }
        }
        Kind::Deadline { within } => {
            if hand {
                match s.below(3) {
                    0 => count_json(s, shape.malformed, true, huge),
                    1 => "true".to_owned(),
                    _ => {
                        let n = list_len(s, shape, left).min(20);
                        findings_json(s, text, n)
                    }
                }
            } else {
                let n = list_len(s, shape, left);
                cases_json(s, text, shape, within, n)
            }
        }
        Kind::Cadence => {
            if hand {
                match s.below(3) {
                    0 => count_json(s, shape.malformed, true, huge),
                    1 => "false".to_owned(),
                    _ => format!("{{\"note\":{}}}", q(&note(s, text))),
                }
            } else if s.chance(1, 8) {
                "[]".to_owned()
            } else {
                let n = list_len(s, shape, left);
                dates_json(s, shape, n)
            }
        }
    }
}

/// A fact of a shape no rule of `kind` reads, or an invalid one.
fn wrong_fact(s: &mut Src<'_, '_>, kind: Kind) -> String {
    let fitting = match kind {
        Kind::Flag => "7",
        Kind::Count => "\"96%\"",
        Kind::Threshold(_) => "[\"2026-01-01\"]",
        Kind::Deadline { .. } => "[\"2026-01-01\"]",
        Kind::Cadence => "[{\"due\":\"2026-01-01\"}]",
    };
    s.pick(&[
        fitting,
        "null",
        "{}",
        "[{}]",
        "[[]]",
        "[\"2026-02-30\"]",
        "[\"2026-01-01\",{\"note\":\"x\"}]",
        "\"abc\"",
        "-1",
    ])
    .to_owned()
}

fn gen_inspection(
    s: &mut Src<'_, '_>,
    text: &mut TextGen,
    rules: &[RuleInfo],
    rubric_id: &str,
) -> (String, bool, bool) {
    let known = |s: &mut Src<'_, '_>| {
        let from = ymd(s.range(2018, 2026) as i32, 1, 1);
        (from, ymd(s.range(from.year() as u64, 2026) as i32, 12, 31))
    };
    let clean = s.chance(3, 4);
    let period = match s.below(16) {
        0..=4 => Some((ymd(2026, 1, 1), ymd(2026, 12, 31))),
        5 | 6 => Some((ymd(1, 1, 1), ymd(9999, 12, 31))),
        7 | 8 => Some(known(s)),
        9 | 10 => {
            let a = date_in(s, Spread::Anywhere);
            let b = date_in(s, Spread::Anywhere);
            Some((a.min(b), a.max(b)))
        }
        11 => {
            let a = date_in(s, Spread::Near);
            Some((a, plus(a, s.range(0, 4000))))
        }
        12 if !clean => None,
        13 if !clean => Some((ymd(2026, 12, 31), ymd(2026, 1, 1))), // reversed: refused
        _ => Some((ymd(2018, 1, 1), ymd(2026, 12, 31))),
    };
    let shape = FactShape {
        density: s.range(1, 4),
        spread: match s.below(8) {
            0..=4 => Spread::Known,
            5 | 6 => Spread::Near,
            _ => Spread::Anywhere,
        },
        list_max: match s.below(8) {
            0..=3 => 12,
            4..=6 => 200,
            _ => 20_000,
        },
        forms: match s.below(3) {
            0 => Forms::Strings,
            1 => Forms::Numbers,
            _ => Forms::Any,
        },
        malformed: !clean && s.chance(1, 4),
        clean,
        period: period.filter(|(a, b)| a <= b),
    };
    let mut fields = Vec::new();
    if s.chance(1, 4) {
        fields.push(format!("\"rubric\":{}", q(rubric_id)));
    }
    if let Some((from, to)) = period {
        fields.push(format!(
            "\"period\":{{\"from\":{},\"to\":{}}}",
            qd(from),
            qd(to)
        ));
    }
    let as_of = match s.below(12) {
        0..=3 => None,
        4 => Some(date_in(s, Spread::Anywhere)),
        5 => Some(s.pick(&[ymd(1, 1, 1), ymd(9999, 12, 31), ymd(2027, 1, 15)])),
        6 => Some(ymd(s.range(2027, 2200) as i32, 1, 15)),
        7 => shape.period.map(|(from, _)| minus(from, s.range(1, 800))),
        8 => shape.period.map(|(_, to)| plus(to, s.range(1, 800))),
        _ => shape.period.map(|(from, to)| {
            let span = (to - from).num_days().max(0) as u64;
            plus(from, s.range(0, span))
        }),
    };
    if let Some(as_of) = as_of {
        fields.push(format!("\"as_of\":{}", qd(as_of)));
    }
    let mut facts = String::with_capacity(rules.len() * 24);
    let mut left = ELEMENT_BUDGET;
    let wrong_at = if shape.malformed {
        Some(s.below(rules.len() as u64) as usize)
    } else {
        None
    };
    let mut first = true;
    for (i, RuleInfo { id, kind, flat }) in rules.iter().enumerate() {
        let fact = if wrong_at == Some(i) {
            wrong_fact(s, *kind)
        } else if s.below(4) < shape.density {
            fact_json(s, text, &shape, *kind, *flat, &mut left)
        } else {
            continue;
        };
        if !first {
            facts.push(',');
        }
        first = false;
        let _ = write!(facts, "{}:{fact}", q(id));
    }
    fields.push(format!("\"facts\":{{{facts}}}"));
    (
        format!("{{{}}}", fields.join(",")),
        shape.clean,
        shape.malformed,
    )
}

// ---------------------------------------------------------------- calendar

/// Calendar years after 2026 (no holidays listed), so that deadlines
/// across the year end can be answered, or a year far off.
fn gen_years(s: &mut Src<'_, '_>) -> Vec<String> {
    let (first, n) = if s.chance(3, 4) {
        (2027, s.range(1, 4))
    } else {
        (s.range(1, 9999), 1)
    };
    (first..first + n)
        .map(|year| {
            let days = if year == 2027 {
                "[{\"name\":\"元旦\",\"date\":\"2027-01-01\",\"isOffDay\":true}]"
            } else {
                "[]"
            };
            format!("{{\"year\":{year},\"papers\":[],\"days\":{days}}}")
        })
        .collect()
}

// ---------------------------------------------------------------- checks

/// The largest answer allowed for inputs of `input` bytes.
fn bound(input: usize) -> usize {
    OUTPUT_FACTOR
        .saturating_mul(input)
        .saturating_add(OUTPUT_SLACK)
}

/// Checks an error: well-formed JSON with a known code, bounded in size.
fn check_error(e: &JsonError, input: usize) {
    common::check_error(e);
    assert!(
        ErrorCode::ALL.iter().any(|c| c.as_str() == e.code.as_str()),
        "unknown error code {:?}",
        e.code.as_str()
    );
    let text = e.to_json();
    assert!(
        text.len() <= bound(input),
        "error of {} bytes for {input} bytes of input: {}…",
        text.len(),
        text.chars().take(300).collect::<String>()
    );
}

/// Scores `inspection` and checks the answer; returns it.
fn evaluate_checked(
    engine: &Engine,
    rubric_len: usize,
    inspection: &str,
) -> Result<String, JsonError> {
    let input = rubric_len + inspection.len();
    let first = engine.evaluate(inspection);
    match &first {
        Ok(card) => {
            assert!(
                card.len() <= bound(input),
                "scorecard of {} bytes for {rubric_len} + {} bytes of input ({:.1}×); it begins {}…",
                card.len(),
                inspection.len(),
                card.len() as f64 / input.max(1) as f64,
                card.chars().take(300).collect::<String>()
            );
            common::check_card(card);
        }
        Err(e) => check_error(e, input),
    }
    let second = engine.evaluate(inspection);
    assert!(first == second, "two evaluations of the same input differ");
    first
}

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let state = u.arbitrary::<u64>()?;
    let fragment: String = u.arbitrary::<&str>()?.chars().take(24).collect();
    let mut s = Src { u, state };

    let long_len = match s.below(8) {
        0..=3 => 0,
        4 | 5 => s.range(100, 300),
        _ => s.range(1000, LONG_TEXT),
    };
    let mut text = TextGen {
        alphabet: s.pick(ALPHABETS),
        fragment,
        long: LongTexts {
            node_names: s.chance(1, 2),
            serials: s.chance(1, 2),
            labels: s.chance(1, 2),
            units: s.chance(1, 4),
            after_action: s.chance(1, 2),
            notes: s.chance(1, 2),
            other: s.chance(1, 4),
            len: long_len,
        },
        budget: LONG_BUDGET,
    };

    let (rubric, rules) = gen_rubric(&mut s, &mut text);
    let validated = json::validate(&rubric);
    if let Some(dir) = std::env::var_os("JSON_LARGE_DUMP") {
        let _ = std::fs::write(std::path::Path::new(&dir).join("rubric.json"), &rubric);
    }
    if trace() {
        let loaded = Engine::load(&rubric).map(|_| String::new());
        eprintln!(
            "rubric: {} bytes, {} rules: {}{}",
            rubric.len(),
            rules.len(),
            outcome(&loaded),
            loaded
                .err()
                .map(|e| format!(" ({})", e.to_json().chars().take(160).collect::<String>()))
                .unwrap_or_default()
        );
    }
    let mut engine = match Engine::load(&rubric) {
        Ok(engine) => {
            assert!(validated.is_ok(), "loads but does not validate");
            assert_eq!(
                engine.rubric().rules().count(),
                rules.len(),
                "the rubric loaded has another number of rules than generated"
            );
            engine
        }
        Err(e) => {
            assert!(validated.is_err(), "validates but does not load");
            check_error(&e, rubric.len());
            return Ok(());
        }
    };
    if let Ok(diagnostics) = &validated {
        let _: serde_json::Value = serde_json::from_str(diagnostics)
            .unwrap_or_else(|e| panic!("diagnostics are not JSON: {e}"));
        assert!(
            diagnostics.len() <= bound(rubric.len()),
            "diagnostics of {} bytes",
            diagnostics.len()
        );
    }
    // A rubric's JSON does not carry the years added to its calendar, so
    // only an engine without them must score alike reloaded from its JSON.
    let mut years_added = false;
    if s.chance(1, 4) {
        for year in gen_years(&mut s) {
            match engine.add_calendar_year(&year) {
                Ok(()) => years_added = true,
                Err(e) => check_error(&e, year.len()),
            }
        }
    }

    let rubric_id = engine.rubric().id().as_str().to_owned();
    let inspections = s.range(1, 2);
    for i in 0..inspections {
        let (inspection, clean, malformed) = gen_inspection(&mut s, &mut text, &rules, &rubric_id);
        if let Some(dir) = std::env::var_os("JSON_LARGE_DUMP") {
            let name = format!("inspection-{i}.json");
            let _ = std::fs::write(std::path::Path::new(&dir).join(name), &inspection);
        }
        let answer = evaluate_checked(&engine, rubric.len(), &inspection);
        if trace() {
            let out = answer
                .as_ref()
                .map_or_else(|e| e.to_json().len(), String::len);
            eprintln!(
                "  inspection ({}): {} bytes -> {} bytes ({:.2}x): {}{}",
                if clean {
                    "clean"
                } else if malformed {
                    "malformed"
                } else {
                    "any"
                },
                inspection.len(),
                out,
                out as f64 / (rubric.len() + inspection.len()) as f64,
                outcome(&answer),
                answer
                    .as_ref()
                    .err()
                    .map(|e| format!(" ({})", e.to_json().chars().take(160).collect::<String>()))
                    .unwrap_or_default()
            );
        }
        if i == 0 && !years_added && rubric.len() + inspection.len() < 1 << 16 && answer.is_ok() {
            common::check_round_trip(&engine, &inspection);
        }
    }
    Ok(())
}

//! Structure-aware inputs for the JSON surface, built from the fuzzer's
//! bytes with `arbitrary`:
//!
//! - a rubric: the seed, or a generated one (nested indicators, items,
//!   rules with the five trigger kinds and the three penalty kinds, points
//!   and caps up to 6 decimal places and up to the 10^9 maximum, now and
//!   then an invalid part);
//! - now and then a calendar year added to it (holiday-cn shape, years
//!   around the built-in 2018–2026 and anywhere in 1..=9999);
//! - one to three inspections: facts for the rubric's rule ids (and now and
//!   then an unknown one) in shapes that fit each trigger or not: flags,
//!   counts up to `u64::MAX` written as numbers, strings and floats,
//!   decimals with many digits, date lists (long monthly series too), cases
//!   with start/due/done dates across 1..=9999, findings with notes of
//!   arbitrary Unicode; periods and `as_of`.
//!
//! Each input is written as JSON text and evaluated. Nothing may panic; a
//! scorecard must parse, keep its score within [0, points] with every node
//! and rule share adding up, and come out byte-identical when evaluated
//! again and when the rubric is reloaded from its own JSON.

#![no_main]

mod common;

use std::fmt::Write as _;
use std::sync::OnceLock;

use arbitrary::{Result, Unstructured};
use chrono::Datelike as _;
use ducha::json::{self, Engine};
use ducha::{Decimal, Measure, NaiveDate, Trigger};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let _ = run(&mut u);
});

/// The seed rubric loaded back from its own JSON: it must score alike.
fn seed_from_json() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE
        .get_or_init(|| Engine::load(&common::seed().rubric_json()).expect("the seed's JSON loads"))
}

/// What a rule reads, as far as choosing a fitting fact goes.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Flag,
    Count,
    Threshold(Measure),
    Deadline { within: bool },
    Cadence,
}

fn rules_of(engine: &Engine) -> Vec<(String, Kind)> {
    engine
        .rubric()
        .rules()
        .map(|rule| {
            let kind = match rule.trigger {
                Trigger::Flag => Kind::Flag,
                Trigger::Count => Kind::Count,
                Trigger::Threshold { measure, .. } => Kind::Threshold(measure),
                Trigger::Deadline { within, .. } => Kind::Deadline {
                    within: within.is_some(),
                },
                Trigger::Cadence { .. } => Kind::Cadence,
                _ => Kind::Flag,
            };
            (rule.id.as_str().to_owned(), kind)
        })
        .collect()
}

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let generated;
    let rubric_text;
    let mut engine: &Engine = common::seed();
    if rare(u, 3)? {
        let text = gen_rubric(u)?;
        let validated = json::validate(&text);
        match Engine::load(&text) {
            Ok(loaded) => {
                assert!(validated.is_ok(), "loads but does not validate");
                generated = loaded;
                engine = &generated;
                rubric_text = Some(text);
            }
            Err(e) => {
                assert!(validated.is_err(), "validates but does not load");
                common::check_error(&e);
                return Ok(());
            }
        }
    } else {
        rubric_text = None;
    }

    let with_year;
    let mut year_added = false;
    if rare(u, 5)? {
        let year = gen_year(u)?;
        let mut clone = engine.clone();
        match clone.add_calendar_year(&year) {
            Ok(()) => {
                with_year = clone;
                engine = &with_year;
                year_added = true;
            }
            Err(e) => common::check_error(&e),
        }
    }

    let rules = rules_of(engine);
    let rubric_id = engine.rubric().id().as_str().to_owned();
    let inspections = u.int_in_range(1..=3)?;
    for _ in 0..inspections {
        let inspection = gen_inspection(u, &rules, &rubric_id)?;
        let answer = common::evaluate_checked(engine, &inspection);
        if year_added || !common::short(&answer) {
            continue;
        }
        match &rubric_text {
            Some(text) => {
                assert_eq!(
                    json::evaluate(text, &inspection),
                    answer,
                    "json::evaluate differs"
                );
                common::check_round_trip(engine, &inspection);
            }
            None => assert_eq!(
                seed_from_json().evaluate(&inspection),
                answer,
                "the seed loaded from its JSON scores differently"
            ),
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- JSON text

/// `s` as a JSON string literal.
fn q(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

/// True once in `n` times, and false when the input has run out (where
/// `Unstructured::ratio(1, n)` would say true).
fn rare(u: &mut Unstructured<'_>, n: u8) -> Result<bool> {
    Ok(!u.ratio(n - 1, n)?)
}

/// Picks one of `options`.
fn pick<'a, T: ?Sized>(u: &mut Unstructured<'_>, options: &[&'a T]) -> Result<&'a T> {
    Ok(*u.choose(options)?)
}

/// An arbitrary string of at most `max` chars, now and then with characters
/// that matter to JSON and to reasons.
fn gen_text(u: &mut Unstructured<'_>, max: usize) -> Result<String> {
    let mut s: String = u.arbitrary::<&str>()?.chars().take(max).collect();
    match u.int_in_range(0..=15)? {
        0 => s.push_str("\"\\\u{0}\u{1f}\u{7f}"),
        1 => s.push_str("\u{202e}\u{feff}\u{10ffff}；，（）"),
        2 => s.push_str("某校抽查未公示"),
        _ => {}
    }
    if rare(u, 128)? {
        let n = u.int_in_range(1..=4096)?;
        s.push_str(&"长".repeat(n));
    }
    Ok(s)
}

// ---------------------------------------------------------------- dates

const EDGE_DATES: &[&str] = &[
    "0001-01-01",
    "0001-12-31",
    "9999-12-31",
    "9999-12-30",
    "9999-01-01",
    "2017-12-31",
    "2018-01-01",
    "2018-12-29",
    "2018-12-31",
    "2024-02-29",
    "2026-01-01",
    "2026-09-20",
    "2026-09-24",
    "2026-10-01",
    "2026-10-29",
    "2026-12-31",
    "2027-01-01",
    "2027-12-31",
];

const BAD_DATES: &[&str] = &[
    "2026-02-30",
    "2026-1-01",
    "+2026-01-01",
    "20260101",
    "0000-01-01",
    "10000-01-01",
    " 2026-01-01",
    "2026-01-01T00:00",
    "2026-13-01",
    "-001-01-01",
    "",
];

fn gen_naive_date(u: &mut Unstructured<'_>) -> Result<NaiveDate> {
    // Mostly within the built-in calendar, now and then in the years just
    // outside it, or anywhere.
    let year = match u.int_in_range(0..=15)? {
        0..=11 => u.int_in_range(2018..=2026)?,
        12 | 13 => u.int_in_range(2017..=2027)?,
        _ => u.int_in_range(1..=9999)?,
    };
    let ordinal = u.int_in_range(1..=366)?;
    Ok(NaiveDate::from_yo_opt(year, ordinal)
        .or_else(|| NaiveDate::from_yo_opt(year, 365))
        .unwrap_or(NaiveDate::MIN))
}

/// A date as JSON: mostly valid and near the known years, now and then at
/// an edge or invalid.
fn gen_date(u: &mut Unstructured<'_>) -> Result<String> {
    if rare(u, 128)? {
        return Ok(match u.int_in_range(0..=3)? {
            0 => q(pick(u, BAD_DATES)?),
            1 => "null".to_owned(),
            2 => {
                let (y, m, d) = (
                    u.int_in_range(0..=10000)?,
                    u.int_in_range(0..=13)?,
                    u.int_in_range(0..=32)?,
                );
                q(&format!("{y:04}-{m:02}-{d:02}"))
            }
            _ => q(&gen_text(u, 12)?),
        });
    }
    Ok(if rare(u, 6)? {
        q(pick(u, EDGE_DATES)?)
    } else {
        q(&gen_naive_date(u)?.to_string())
    })
}

// ---------------------------------------------------------------- numbers

/// A count: small, at the edges of `u64`, or any.
fn gen_u64(u: &mut Unstructured<'_>) -> Result<u64> {
    Ok(match u.int_in_range(0..=9)? {
        0..=4 => u.int_in_range(0..=12)?,
        5 => u64::MAX,
        6 => *u.choose(&[
            u64::MAX - 1,
            1 << 53,
            (1 << 53) + 1,
            1 << 63,
            u64::from(u32::MAX),
        ])?,
        _ => u.arbitrary()?,
    })
}

/// A count as JSON, in the forms a count rule reads and some it does not.
fn gen_count(u: &mut Unstructured<'_>) -> Result<String> {
    let n = gen_u64(u)?;
    if rare(u, 32)? {
        return Ok(match u.int_in_range(0..=2)? {
            0 => format!("-{n}"),
            1 => format!("{n}e0"),
            _ => "18446744073709551616".to_owned(),
        });
    }
    Ok(match u.int_in_range(0..=15)? {
        0..=11 => n.to_string(),
        12 | 13 => q(&n.to_string()),
        14 => format!("{n}.0"),
        _ => q(&format!("{n}.000")),
    })
}

/// A run of `len` random digits.
fn digits(u: &mut Unstructured<'_>, len: usize) -> Result<String> {
    let mut s = String::with_capacity(len);
    for _ in 0..len {
        s.push(char::from(b'0' + u.int_in_range(0..=9)?));
    }
    Ok(s)
}

const ODD_DECIMALS: &[&str] = &[
    "0.95",
    "1",
    "1.0",
    "-0",
    "0.96",
    "79228162514264337593543950335",
    "79228162514264337593543950336",
    "-79228162514264337593543950335",
    "0.0000000000000000000000000001",
    "0.00000000000000000000000000001",
    "1e5",
    ".5",
    "5.",
    "+1",
    "--1",
    "NaN",
    "",
    "1_000",
    "０.５",
];

/// A decimal as JSON: a string or a bare number, with up to 40 digits on
/// each side of the point.
fn gen_decimal(u: &mut Unstructured<'_>) -> Result<String> {
    let text = if rare(u, 16)? {
        pick(u, ODD_DECIMALS)?.to_owned()
    } else {
        let mut t = String::new();
        if rare(u, 8)? {
            t.push('-');
        }
        // Mostly what a measure looks like; now and then more digits than
        // a Decimal holds (28 or so).
        let most = if rare(u, 8)? { 40 } else { 6 };
        let whole = u.int_in_range(1..=most)?;
        t.push_str(&digits(u, whole)?);
        if u.ratio(1, 2)? {
            t.push('.');
            let frac = u.int_in_range(1..=most)?;
            t.push_str(&digits(u, frac)?);
        }
        t
    };
    Ok(match u.int_in_range(0..=3)? {
        0 if !text.is_empty()
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') =>
        {
            text
        }
        1 => {
            let f: f64 = u.arbitrary()?;
            if f.is_finite() {
                serde_json::Value::from(f).to_string()
            } else {
                q(&text)
            }
        }
        _ => q(&text),
    })
}

/// A measured value for a threshold on `measure`: mostly in its domain
/// (percentages such as `"96%"` too), now and then any decimal.
fn gen_measured(u: &mut Unstructured<'_>, measure: Measure) -> Result<String> {
    if rare(u, 8)? {
        return gen_decimal(u);
    }
    let scale = u.int_in_range(0..=4u32)?;
    let one = 10i64.pow(scale);
    Ok(match measure {
        Measure::Count => gen_count(u)?,
        Measure::Ratio if u.ratio(1, 3)? => q(&format!(
            "{}%",
            Decimal::new(u.int_in_range(0..=100 * one)?, scale)
        )),
        Measure::Ratio => q(&Decimal::new(u.int_in_range(0..=one)?, scale).to_string()),
        Measure::Percent if u.ratio(1, 3)? => q(&format!(
            "{}%",
            Decimal::new(u.int_in_range(0..=100 * one)?, scale)
        )),
        Measure::Percent => q(&Decimal::new(u.int_in_range(0..=100 * one)?, scale).to_string()),
        _ => gen_decimal(u)?,
    })
}

/// Points as a decimal with at most 6 places, up to 10^9, as a string or a
/// number; now and then an invalid amount.
fn gen_points(u: &mut Unstructured<'_>) -> Result<(String, Decimal)> {
    if rare(u, 200)? {
        let bad = pick(
            u,
            &[
                "-1",
                "0.0000001",
                "1000000000.000001",
                "abc",
                "1e3",
                "-0.0",
                "null",
            ],
        )?;
        return Ok((bad.to_owned(), Decimal::ZERO));
    }
    let value = match u.int_in_range(0..=29)? {
        0..=14 => Decimal::from(u.int_in_range(0..=20u32)?),
        15..=22 => {
            let scale = u.int_in_range(1..=6u32)?;
            let mantissa = u.int_in_range(0..=10i64.pow(9 + scale))?;
            Decimal::new(mantissa, scale)
        }
        23 => Decimal::from(1_000_000_000u32),
        24 => Decimal::new(999_999_999_999_999, 6),
        25 => Decimal::new(1, 6),
        26 => Decimal::new(2_500_000, 6),
        _ => Decimal::from(u.int_in_range(0..=1_000_000_000u32)?),
    };
    let text = value.to_string();
    let json = if rare(u, 4)? { text } else { q(&text) };
    Ok((json, value))
}

// ---------------------------------------------------------------- facts

fn gen_finding(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(format!("{{\"note\":{}}}", q(&gen_text(u, 64)?)))
}

fn gen_findings(u: &mut Unstructured<'_>) -> Result<String> {
    let n = u.int_in_range(0..=8)?;
    let mut items = Vec::with_capacity(n);
    for _ in 0..n {
        items.push(gen_finding(u)?);
    }
    Ok(format!("[{}]", items.join(",")))
}

/// A case for a deadline rule, which counts from `start` if it has a time
/// limit (`within`) and reads `due` otherwise; now and then the other or
/// a malformed one.
fn gen_case(u: &mut Unstructured<'_>, within: bool) -> Result<String> {
    let mut fields = Vec::new();
    let (start, due, done) = if rare(u, 16)? {
        match u.int_in_range(0..=4)? {
            0 => (within, !within, u.ratio(3, 4)?),
            1 => (true, true, u.arbitrary()?),
            2 => (false, false, true),
            3 => (false, false, false),
            _ => (u.arbitrary()?, u.arbitrary()?, u.arbitrary()?),
        }
    } else {
        (within, !within, u.ratio(3, 4)?)
    };
    if start {
        fields.push(format!("\"start\":{}", gen_date(u)?));
    }
    if due {
        fields.push(format!("\"due\":{}", gen_date(u)?));
    }
    if done {
        fields.push(format!("\"done\":{}", gen_date(u)?));
    }
    if rare(u, 2)? {
        fields.push(format!("\"note\":{}", q(&gen_text(u, 32)?)));
    }
    if rare(u, 128)? {
        fields.push("\"extra\":1".to_owned());
    }
    Ok(format!("{{{}}}", fields.join(",")))
}

fn gen_cases(u: &mut Unstructured<'_>, within: bool) -> Result<String> {
    let n = if rare(u, 16)? {
        u.int_in_range(0..=2000)?
    } else {
        u.int_in_range(0..=8)?
    };
    let mut items = Vec::with_capacity(n);
    let template = gen_case(u, within)?;
    for i in 0..n {
        // Long lists repeat one case, so they cost few input bytes.
        items.push(if i >= 8 {
            template.clone()
        } else {
            gen_case(u, within)?
        });
    }
    Ok(format!("[{}]", items.join(",")))
}

fn gen_dates(u: &mut Unstructured<'_>) -> Result<String> {
    let mut items = Vec::new();
    if rare(u, 4)? {
        // A regular series: every `step` days from a start, up to 20,000.
        let mut date = gen_naive_date(u)?;
        let step = u.int_in_range(1..=400u64)?;
        let n = if rare(u, 32)? {
            u.int_in_range(0..=20_000)?
        } else {
            u.int_in_range(0..=500)?
        };
        for _ in 0..n {
            items.push(q(&date.to_string()));
            match date.checked_add_days(chrono::Days::new(step)) {
                Some(next) if next.year() <= 9999 => date = next,
                _ => break,
            }
        }
        if rare(u, 2)? {
            items.reverse();
        }
    } else {
        let n = u.int_in_range(0..=12)?;
        for _ in 0..n {
            items.push(gen_date(u)?);
        }
    }
    Ok(format!("[{}]", items.join(",")))
}

/// Any fact shape at all, fitting or not.
fn gen_any_fact(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(match u.int_in_range(0..=13)? {
        0 => u.arbitrary::<bool>()?.to_string(),
        1 => gen_count(u)?,
        2 => gen_decimal(u)?,
        3 => gen_finding(u)?,
        4 => gen_findings(u)?,
        5 => gen_dates(u)?,
        6 => {
            let within = u.arbitrary()?;
            gen_cases(u, within)?
        }
        7 => "null".to_owned(),
        8 => "[]".to_owned(),
        9 => format!("[{},{}]", gen_date(u)?, gen_finding(u)?),
        10 => format!("[{},{}]", gen_finding(u)?, gen_case(u, true)?),
        11 => "{}".to_owned(),
        12 => "[[]]".to_owned(),
        _ => "{\"note\":\"x\",\"start\":\"2026-01-01\"}".to_owned(),
    })
}

/// A fact for a rule of `kind`: mostly one it reads.
fn gen_fact(u: &mut Unstructured<'_>, kind: Kind) -> Result<String> {
    if rare(u, 64)? {
        return gen_any_fact(u);
    }
    let choice = u.int_in_range(0..=7)?;
    Ok(match (kind, choice) {
        (Kind::Flag, 0..=5) => u.arbitrary::<bool>()?.to_string(),
        (Kind::Flag, _) => gen_finding(u)?,
        (Kind::Count, 0..=4) => gen_count(u)?,
        (Kind::Count, _) => gen_findings(u)?,
        (Kind::Threshold(measure), 0..=4) => gen_measured(u, measure)?,
        (Kind::Threshold(_), 5) => gen_decimal(u)?,
        (Kind::Threshold(_), _) => u.arbitrary::<bool>()?.to_string(),
        (Kind::Deadline { within }, 0..=5) => gen_cases(u, within)?,
        (Kind::Deadline { .. }, _) => gen_count(u)?,
        (Kind::Cadence, 0..=4) => gen_dates(u)?,
        (Kind::Cadence, 5) => "[]".to_owned(),
        (Kind::Cadence, _) => gen_count(u)?,
    })
}

const ODD_IDS: &[&str] = &[
    "zz",
    "1A",
    "7a ",
    "",
    "7\u{0}",
    "１a",
    "a\u{2028}",
    "yuxi-shuangsuiji",
];

fn gen_inspection(
    u: &mut Unstructured<'_>,
    rules: &[(String, Kind)],
    rubric_id: &str,
) -> Result<String> {
    let mut fields = Vec::new();
    if rare(u, 64)? {
        fields.push(format!("\"rubric\":{}", q(&gen_text(u, 70)?)));
    } else if u.ratio(1, 4)? {
        fields.push(format!("\"rubric\":{}", q(rubric_id)));
    }
    if rare(u, 32)? {
        // The widest window: some 40,000 quarters, 120,000 months.
        fields.push("\"period\":{\"from\":\"0001-01-01\",\"to\":\"9999-12-31\"}".to_owned());
    } else {
        match u.int_in_range(0..=7)? {
            0..=3 => {
                fields.push("\"period\":{\"from\":\"2026-01-01\",\"to\":\"2026-12-31\"}".to_owned())
            }
            4 => fields.push(format!(
                "\"period\":{{\"from\":{},\"to\":{}}}",
                gen_date(u)?,
                gen_date(u)?
            )),
            5 | 6 => {
                // A window of up to some 30 years, from a date near the
                // calendar's years.
                let from = gen_naive_date(u)?;
                let days = u.int_in_range(0..=11_000u64)?;
                let to = from
                    .checked_add_days(chrono::Days::new(days))
                    .unwrap_or(from);
                fields.push(format!(
                    "\"period\":{{\"from\":{},\"to\":{}}}",
                    q(&from.to_string()),
                    q(&to.to_string())
                ));
            }
            _ => {}
        }
    }
    if rare(u, 2)? {
        fields.push(format!("\"as_of\":{}", gen_date(u)?));
    }
    let mut facts = Vec::new();
    let density = u.int_in_range(1..=4u8)?;
    for (id, kind) in rules {
        if u.int_in_range(0..=3u8)? < density {
            facts.push(format!("{}:{}", q(id), gen_fact(u, *kind)?));
        }
    }
    if rare(u, 32)? {
        let id = if rare(u, 2)? {
            q(pick(u, ODD_IDS)?)
        } else {
            q(&gen_text(u, 70)?)
        };
        facts.push(format!("{id}:true"));
    }
    if rare(u, 64)? {
        if let Some(first) = facts.first().cloned() {
            facts.push(first); // a fact given twice
        }
    }
    if facts.len() > 1 && rare(u, 2)? {
        let at = u.choose_index(facts.len())?;
        facts.rotate_left(at);
    }
    fields.push(format!("\"facts\":{{{}}}", facts.join(",")));
    if rare(u, 64)? {
        fields.push("\"extra\":null".to_owned());
    }
    Ok(format!("{{{}}}", fields.join(",")))
}

// ---------------------------------------------------------------- rubrics

struct RubricGen {
    next_id: usize,
    max_depth: usize,
}

impl RubricGen {
    fn id(&mut self, u: &mut Unstructured<'_>, prefix: &str) -> Result<String> {
        self.next_id += 1;
        let n = self.next_id;
        Ok(match u.int_in_range(0..=127)? {
            127 => "dup".to_owned(),
            126 => format!("{prefix}{n}-{}", "x".repeat(60)), // may pass 64 bytes
            100..=125 => format!("指标{n}"),
            80..=99 => format!("{n}"),
            _ => format!("{prefix}{n}"),
        })
    }

    fn trigger(&mut self, u: &mut Unstructured<'_>) -> Result<String> {
        if rare(u, 128)? {
            return Ok(pick(
                u,
                &[
                    "{\"kind\":\"flag\",\"min\":\"1\"}",
                    "{\"kind\":\"cadence\"}",
                    "{\"kind\":\"weekly\"}",
                    "{\"kind\":\"deadline\",\"within\":{\"hours\":3}}",
                    "{\"kind\":\"cadence\",\"every\":\"week\"}",
                ],
            )?
            .to_owned());
        }
        Ok(match u.int_in_range(0..=19)? {
            0..=3 => "{\"kind\":\"flag\"}".to_owned(),
            4..=7 => "{\"kind\":\"count\"}".to_owned(),
            8..=10 => {
                // What it measures, and a minimum mostly in that domain.
                let (measure, top) = *u.choose(&[
                    ("ratio", 1i64),
                    ("percent", 100),
                    ("count", 20),
                    ("amount", 1000),
                ])?;
                let min = if rare(u, 16)? {
                    gen_decimal(u)?
                } else if measure == "count" {
                    q(&gen_u64(u)?.to_string())
                } else {
                    let scale = u.int_in_range(0..=4u32)?;
                    let top = top * 10i64.pow(scale);
                    let low = if measure == "amount" { -top } else { 0 };
                    q(&Decimal::new(u.int_in_range(low..=top)?, scale).to_string())
                };
                match u.int_in_range(0..=63)? {
                    0 => format!("{{\"kind\":\"threshold\",\"min\":{min}}}"),
                    1 => format!("{{\"kind\":\"threshold\",\"min\":{min},\"measure\":\"rate\"}}"),
                    _ => format!(
                        "{{\"kind\":\"threshold\",\"min\":{min},\"measure\":\"{measure}\"}}"
                    ),
                }
            }
            11..=15 => {
                let mut t = String::from("{\"kind\":\"deadline\"");
                if u.ratio(2, 3)? {
                    let unit = if u.arbitrary()? {
                        "working_days"
                    } else {
                        "days"
                    };
                    let n: u32 = match u.int_in_range(0..=5)? {
                        0 => 0,
                        1 => 20,
                        2 => u32::MAX,
                        3 => 365,
                        _ => u.arbitrary()?,
                    };
                    let _ = write!(t, ",\"within\":{{\"{unit}\":{n}}}");
                }
                if u.arbitrary()? {
                    let _ = write!(t, ",\"after\":{}", q(&gen_text(u, 8)?));
                }
                if u.arbitrary()? {
                    let _ = write!(t, ",\"action\":{}", q(&gen_text(u, 8)?));
                }
                t.push('}');
                t
            }
            _ => {
                let every = pick(u, &["month", "quarter", "half_year", "year"])?;
                format!("{{\"kind\":\"cadence\",\"every\":\"{every}\"}}")
            }
        })
    }

    fn penalty(&mut self, u: &mut Unstructured<'_>) -> Result<String> {
        let (points, _) = gen_points(u)?;
        Ok(match u.int_in_range(0..=2)? {
            0 => format!("{{\"kind\":\"flat\",\"points\":{points}}}"),
            1 => format!("{{\"kind\":\"per_occurrence\",\"points\":{points}}}"),
            _ => {
                let (cap, _) = gen_points(u)?;
                format!("{{\"kind\":\"capped\",\"points\":{points},\"cap\":{cap}}}")
            }
        })
    }

    fn rule(&mut self, u: &mut Unstructured<'_>) -> Result<String> {
        let id = self.id(u, "r")?;
        let mut r = format!(
            "{{\"id\":{},\"label\":{},\"text\":{}",
            q(&id),
            q(&gen_text(u, 24)?),
            q(&gen_text(u, 8)?)
        );
        if u.arbitrary()? {
            let unit = pick(u, &["起", "次", "项", "", "个工作日"])?;
            let _ = write!(r, ",\"unit\":{}", q(unit));
        }
        let _ = write!(
            r,
            ",\"trigger\":{},\"penalty\":{}}}",
            self.trigger(u)?,
            self.penalty(u)?
        );
        Ok(r)
    }

    fn item(&mut self, u: &mut Unstructured<'_>) -> Result<(String, Decimal)> {
        let id = self.id(u, "T")?;
        let (points, value) = gen_points(u)?;
        let serial = if rare(u, 4)? {
            q(&gen_text(u, 4)?)
        } else {
            q(&id)
        };
        let n = u.int_in_range(0..=4)?;
        let mut rules = Vec::with_capacity(n);
        for _ in 0..n {
            rules.push(self.rule(u)?);
        }
        let mut item = format!(
            "{{\"id\":{},\"serial\":{serial},\"points\":{points},\"requirement\":{}",
            q(&id),
            q(&gen_text(u, 8)?)
        );
        if u.arbitrary()? {
            let _ = write!(item, ",\"standard\":{}", q(&gen_text(u, 8)?));
        }
        let _ = write!(item, ",\"rules\":[{}]}}", rules.join(","));
        Ok((item, value))
    }

    /// An indicator and its points.
    fn indicator(&mut self, u: &mut Unstructured<'_>, depth: usize) -> Result<(String, Decimal)> {
        let id = self.id(u, "I")?;
        let nested = depth < self.max_depth && rare(u, 3)?;
        let (key, children, sum) = if nested {
            let n = u.int_in_range(1..=3)?;
            let (mut list, mut sum) = (Vec::new(), Decimal::ZERO);
            for _ in 0..n {
                let (json, points) = self.indicator(u, depth + 1)?;
                list.push(json);
                sum = sum.saturating_add(points);
            }
            ("indicators", list, sum)
        } else {
            let n = u.int_in_range(0..=4)?;
            let (mut list, mut sum) = (Vec::new(), Decimal::ZERO);
            for _ in 0..n {
                let (json, points) = self.item(u)?;
                list.push(json);
                sum = sum.saturating_add(points);
            }
            ("items", list, sum)
        };
        // Mostly the children's sum (as documents have it); else any
        // amount, so that an indicator can bind its items.
        let (points, value) = if u.ratio(2, 3)? && sum <= Decimal::from(1_000_000_000u32) {
            (q(&sum.normalize().to_string()), sum)
        } else {
            gen_points(u)?
        };
        let mut ind = format!(
            "{{\"id\":{},\"name\":{},\"points\":{points},\"{key}\":[{}]",
            q(&id),
            q(&gen_text(u, 16)?),
            children.join(",")
        );
        if rare(u, 128)? {
            ind.push_str(",\"items\":[]"); // both, or a repeated key
        }
        ind.push('}');
        Ok((ind, value))
    }
}

fn gen_rubric(u: &mut Unstructured<'_>) -> Result<String> {
    let mut g = RubricGen {
        next_id: 0,
        max_depth: if rare(u, 32)? {
            18
        } else {
            u.int_in_range(1..=4)?
        },
    };
    let n = u.int_in_range(0..=4)?;
    let (mut list, mut sum) = (Vec::new(), Decimal::ZERO);
    for _ in 0..n {
        let (json, points) = g.indicator(u, 1)?;
        list.push(json);
        sum = sum.saturating_add(points);
    }
    let total = if rare(u, 32)? {
        gen_points(u)?.0
    } else {
        q(&sum.normalize().to_string())
    };
    let mut r = format!(
        "{{\"id\":{},\"title\":{},\"total\":{total},\"indicators\":[{}]",
        q(&g.id(u, "R")?),
        q(&gen_text(u, 16)?),
        list.join(",")
    );
    if u.arbitrary()? {
        let _ = write!(r, ",\"version\":{}", q(&gen_text(u, 8)?));
    }
    r.push('}');
    Ok(r)
}

// ---------------------------------------------------------------- calendar

fn gen_year(u: &mut Unstructured<'_>) -> Result<String> {
    let year: i32 = match u.int_in_range(0..=15)? {
        0..=7 => 2027,
        8 => 2017,
        9 => 2026,
        10 => 2028,
        11 => *u.choose(&[0, -1, 10000, 1, 9999, i32::MAX, i32::MIN])?,
        _ => u.int_in_range(1..=9999)?,
    };
    let n = u.int_in_range(0..=30)?;
    let mut days = Vec::with_capacity(n);
    for _ in 0..n {
        let date = match u.int_in_range(0..=7)? {
            0..=4 => {
                NaiveDate::from_yo_opt(year, u.int_in_range(1..=366)?).map(|d| q(&d.to_string()))
            }
            5 | 6 => NaiveDate::from_ymd_opt(year.saturating_sub(1), 12, u.int_in_range(1..=31)?)
                .map(|d| q(&d.to_string())),
            _ => None,
        };
        let date = match date {
            Some(d) => d,
            None => gen_date(u)?,
        };
        days.push(format!(
            "{{\"name\":{},\"date\":{date},\"isOffDay\":{}}}",
            q(&gen_text(u, 8)?),
            u.arbitrary::<bool>()?
        ));
    }
    let mut y = format!("{{\"year\":{year},\"days\":[{}]", days.join(","));
    if u.arbitrary()? {
        y.push_str(",\"papers\":[\"https://example.invalid/notice\"]");
    }
    if u.arbitrary()? {
        y.push_str(",\"$schema\":\"s\",\"$id\":{\"any\":[1,2]}");
    }
    if rare(u, 32)? {
        y.push_str(",\"extra\":0");
    }
    y.push('}');
    Ok(y)
}

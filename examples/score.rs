//! Scores an inspection against a rubric and prints a table shaped like the
//! original document: 序号, 督查指标, 量化分值, 得分情况, 扣分原因.
//!
//! ```text
//! cargo run --example score                       # the seed rubric on a bundled sample inspection
//! cargo run --example score -- yuxi inspection.json
//! cargo run --example score -- rubric.json - < inspection.json
//! cargo run --example score -- --json             # the scorecard as JSON
//! cargo run --example score -- --dump             # the rubric as JSON
//! cargo run --example score -- --check            # the rubric's diagnostics
//! ```
//!
//! Bad input prints one line on stderr and exits with status 1; a usage
//! error exits with status 2.

use std::io::Read as _;
use std::process::ExitCode;

use ducha::Scorecard;
use ducha::json::Engine;

const USAGE: &str = "usage: score [RUBRIC] [INSPECTION] [--json] [--dump] [--check]
  RUBRIC      a rubric JSON file, or `yuxi` for the built-in seed rubric (default)
  INSPECTION  an inspection JSON file, or `-` for standard input
              (default: a bundled sample for `yuxi`, no facts otherwise)
  --json      print the scorecard as JSON
  --dump      print the rubric as JSON and exit
  --check     print the rubric's diagnostics and exit (status 0 even with warnings)";

/// The bundled sample inspection of the seed rubric.
const SAMPLE: &str = include_str!("data/yuxi-sample.json");

struct Args {
    rubric: Option<String>,
    inspection: Option<String>,
    json: bool,
    dump: bool,
    check: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        rubric: None,
        inspection: None,
        json: false,
        dump: false,
        check: false,
    };
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => args.json = true,
            "--dump" => args.dump = true,
            "--check" => args.check = true,
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            _ if args.rubric.is_none() => args.rubric = Some(arg),
            _ if args.inspection.is_none() => args.inspection = Some(arg),
            _ => return Err(format!("unexpected argument `{arg}`")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) if message.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(output) => {
            print!("{output}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

/// Reads at most the JSON surface's input limit plus one byte (enough to
/// tell that an input is too large), never the whole of a larger input.
fn read(path: &str) -> Result<String, String> {
    let limit = ducha::json::MAX_INPUT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let (name, result) = if path == "-" {
        let stdin = std::io::stdin();
        (
            "standard input",
            stdin.lock().take(limit).read_to_end(&mut bytes),
        )
    } else {
        let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
        (path, file.take(limit).read_to_end(&mut bytes))
    };
    result.map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 == limit {
        return Err(format!(
            "{name}: larger than {} bytes, the input limit",
            ducha::json::MAX_INPUT_BYTES
        ));
    }
    String::from_utf8(bytes).map_err(|e| format!("{name}: not UTF-8: {e}"))
}

fn run(args: &Args) -> Result<String, String> {
    let rubric_name = args.rubric.as_deref().unwrap_or("yuxi");
    let engine = if rubric_name == "yuxi" {
        Engine::seed()
    } else {
        Engine::load(&read(rubric_name)?).map_err(|e| format!("{rubric_name}: {e}"))?
    };
    let rubric = engine.rubric();
    if args.check {
        let diagnostics = rubric.diagnostics();
        if args.json {
            return Ok(pretty(&diagnostics));
        }
        let mut out = String::new();
        for d in &diagnostics {
            out.push_str(&format!("warning[{}] `{}`: {}\n", d.code, d.id, d.message));
        }
        out.push_str(&format!(
            "{}: {} warning(s)\n",
            rubric.id(),
            diagnostics.len()
        ));
        return Ok(out);
    }
    if args.dump {
        return Ok(pretty(rubric));
    }
    let (source, text) = match (&args.inspection, rubric_name) {
        (Some(path), _) => (
            if path == "-" { "standard input" } else { path },
            read(path)?,
        ),
        (None, "yuxi") => ("the bundled sample", SAMPLE.to_owned()),
        (None, _) => ("no inspection", "{}".to_owned()),
    };
    let inspection = ducha::json::parse_inspection(&text).map_err(|e| format!("{source}: {e}"))?;
    let card = rubric
        .evaluate(&inspection)
        .map_err(|e| format!("{source}: {e}"))?;
    if args.json {
        return Ok(pretty(&card));
    }
    Ok(table(&card))
}

/// Pretty JSON with a final newline.
fn pretty(value: &impl serde::Serialize) -> String {
    let mut json = serde_json::to_string_pretty(value).unwrap_or_default();
    json.push('\n');
    json
}

/// Display width of a character in a terminal: 2 for East Asian wide and
/// full-width characters, 1 otherwise.
fn char_width(c: char) -> usize {
    let wide = matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD);
    if wide { 2 } else { 1 }
}

fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Splits `text` into lines of at most `max` columns. Control characters
/// (a note may hold any) are shown escaped, so they cannot break the table.
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    let shown: String = text
        .chars()
        .flat_map(|c| {
            let escape = c.is_control() || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            let text: String = if escape { c.escape_unicode().collect() } else { c.to_string() };
            text.chars().collect::<Vec<_>>()
        })
        .collect();
    for c in shown.chars() {
        let w = char_width(c);
        if used + w > max && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        line.push(c);
        used += w;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn pad(s: &str, to: usize) -> String {
    let mut out = s.to_owned();
    out.extend(std::iter::repeat_n(' ', to.saturating_sub(width(s))));
    out
}

/// Column widths: 序号, 督查指标, 量化分值, 得分情况, 扣分原因.
const COLUMNS: [usize; 5] = [6, 20, 8, 8, 60];

fn row(cells: [&str; 5], out: &mut String) {
    let wrapped: Vec<Vec<String>> = cells
        .iter()
        .zip(COLUMNS)
        .map(|(cell, w)| wrap(cell, w))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    for i in 0..height {
        let mut line = String::new();
        for (col, w) in wrapped.iter().zip(COLUMNS) {
            line.push_str(&pad(col.get(i).map_or("", String::as_str), w));
            line.push_str("  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

fn rule_line(total: usize) -> String {
    let mut line = "-".repeat(total);
    line.push('\n');
    line
}

fn table(card: &Scorecard<'_>) -> String {
    let rubric = card.rubric();
    let total_width = COLUMNS.iter().sum::<usize>() + 2 * (COLUMNS.len() - 1);
    let mut out = String::new();
    out.push_str(rubric.title());
    out.push('\n');
    out.push_str(&rule_line(total_width));
    row(
        ["序号", "督查指标", "量化分值", "得分情况", "扣分原因"],
        &mut out,
    );
    for indicator in card.indicators() {
        out.push_str(&rule_line(total_width));
        print_indicator(&indicator, &mut out);
    }
    out.push_str(&rule_line(total_width));
    let total = card.points().to_string();
    let score = card.score().to_string();
    let deducted = format!("共扣{}分", card.deducted());
    row(["合计", "", &total, &score, &deducted], &mut out);
    let missing: Vec<String> = card
        .rules()
        .filter(|r| !r.assessed() && r.applicable())
        .map(|r| format!("{}（{}）", r.id(), r.rule().label))
        .collect();
    if !missing.is_empty() {
        out.push('\n');
        out.push_str(&format!(
            "未检查（检查记录中无此项）：{}\n",
            missing.join("；")
        ));
    }
    out
}

fn print_indicator(indicator: &ducha::IndicatorOutcome<'_>, out: &mut String) {
    let mut name = indicator.indicator().name.as_str();
    for child in indicator.indicators() {
        print_indicator(&child, out);
    }
    for item in indicator.items() {
        let points = item.points().to_string();
        let score = item.score().to_string();
        let reason = item.reason();
        row([&item.item().serial, name, &points, &score, &reason], out);
        // Merged cell: the indicator's name shows on its first row only.
        name = "";
    }
}

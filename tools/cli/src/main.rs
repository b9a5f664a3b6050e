//! `ducha`, the command-line tool of the ducha library: score an
//! inspection against a 督查细则 rubric (a terminal table like the original,
//! JSON, HTML, Markdown, CSV), check a rubric, score and rank a batch,
//! validate an inspection, dump the seed rubric.
//!
//! The library does no I/O; this tool reads the files, fits the table to
//! the terminal and maps failures to exit statuses: 0 ok, 1 bad input,
//! 2 usage. `ducha help` documents every command.

mod args;
mod batch;
mod help;
mod input;
mod progress;
mod render;
mod rules;
mod scan;
mod table;
mod validate;
mod wrap;

use std::io::Write as _;
use std::process::ExitCode;

use args::{Args, Command, Format, Request};

/// Why a command failed, and so its exit status.
#[derive(Debug)]
pub enum Failure {
    /// The command line is wrong: exit status 2.
    Usage {
        /// What is wrong.
        message: String,
        /// The command whose help to point at.
        command: Option<Command>,
    },
    /// The input is: exit status 1. The message is the whole line.
    Input(String),
}

/// What a command prints on standard output, and its exit status.
#[derive(Debug)]
pub struct Output {
    text: String,
    status: u8,
}

impl Output {
    fn ok(text: String) -> Output {
        Output { text, status: 0 }
    }
}

fn main() -> ExitCode {
    let argv: Vec<String> = match std::env::args_os()
        .skip(1)
        .map(|a| a.into_string())
        .collect::<Result<_, _>>()
    {
        Ok(argv) => argv,
        Err(arg) => {
            eprintln!(
                "error: argument `{}` is not UTF-8",
                arg.to_string_lossy().escape_debug()
            );
            return ExitCode::from(2);
        }
    };
    let result = args::parse(&argv).and_then(|request| match request {
        Request::Help(None) => Ok(Output::ok(help::general())),
        Request::Help(Some(command)) => Ok(Output::ok(help::command(command))),
        Request::Version => Ok(Output::ok(format!(
            "ducha {} (library {})\n",
            env!("CARGO_PKG_VERSION"),
            ducha::json::VERSION
        ))),
        Request::Run(args) => run(&args),
    });
    match result {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(output.text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => ExitCode::from(output.status),
                // A reader that stopped early (`| head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    ExitCode::from(output.status)
                }
                Err(e) => {
                    eprintln!("error: standard output: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Err(Failure::Usage { message, command }) => {
            let hint = match command {
                Some(command) => format!("`ducha help {}`", command.name()),
                None => "`ducha help`".to_owned(),
            };
            eprintln!("error: {} (see {hint})", input::one_line(&message));
            ExitCode::from(2)
        }
        Err(Failure::Input(line)) => {
            eprintln!("{line}");
            ExitCode::from(1)
        }
    }
}

fn run(args: &Args) -> Result<Output, Failure> {
    match args.command {
        Command::Score => score(args),
        Command::Check => check(args),
        Command::Batch => batch::run(args),
        Command::Validate => validate(args),
        Command::Seed => Ok(Output::ok(pretty(ducha::json::Engine::seed().rubric()))),
    }
}

/// Pretty JSON with a final newline.
pub fn pretty(value: &impl serde::Serialize) -> String {
    // INVARIANT: the library's types and serde_json values serialize to
    // strings, numbers, booleans, arrays and objects with string keys,
    // which never fails.
    let mut json = serde_json::to_string_pretty(value).unwrap_or_default();
    json.push('\n');
    json
}

/// The terminal width to fit.
fn width(args: &Args) -> usize {
    let columns = std::env::var("COLUMNS").ok();
    table::target_width(args.width, columns.as_deref())
}

fn score(args: &Args) -> Result<Output, Failure> {
    let (rubric_spec, inspection_path) = match args.positionals.as_slice() {
        [inspection] => ("yuxi", inspection.as_str()),
        [rubric, inspection] => (rubric.as_str(), inspection.as_str()),
        _ => unreachable_arity(args.command)?,
    };
    let (engine, _) = input::load_rubric(rubric_spec, &args.calendars)?;
    let name = input::display_name(inspection_path);
    let text = input::read(inspection_path)?;
    let rubric = engine.rubric();
    let inspection =
        ducha::json::parse_inspection(&text).map_err(|e| input::json_failure(&name, &e))?;
    let card = rubric
        .evaluate(&inspection)
        .map_err(|e| input::json_failure(&name, &e.into()))?;
    let text = match args.format {
        Format::Json => pretty(&card),
        Format::Html | Format::Markdown | Format::Csv => {
            render::scorecard(&card, args.format, args.bom)
        }
        Format::Table | Format::Text => table::scorecard(&card, width(args)),
    };
    Ok(Output::ok(text))
}

/// The parser checks arities; a command that gets here with another number
/// of arguments is a usage error all the same.
fn unreachable_arity<T>(command: Command) -> Result<T, Failure> {
    Err(Failure::Usage {
        message: format!("wrong number of arguments for `ducha {}`", command.name()),
        command: Some(command),
    })
}

fn check(args: &Args) -> Result<Output, Failure> {
    let [rubric_spec] = args.positionals.as_slice() else {
        return unreachable_arity(args.command);
    };
    let (engine, name) = input::load_rubric(rubric_spec, &[])?;
    let rubric = engine.rubric();
    let diagnostics = rubric.diagnostics();
    let mismatches = rubric.check_examples();
    let status = u8::from(!mismatches.is_empty());
    if args.format == Format::Json {
        let examples: Vec<serde_json::Value> = rubric
            .examples()
            .iter()
            .map(|example| {
                let own: Vec<&ducha::Mismatch> = mismatches
                    .iter()
                    .filter(|m| m.example == example.name)
                    .collect();
                serde_json::json!({
                    "name": example.name,
                    "ok": own.is_empty(),
                    "mismatches": own,
                })
            })
            .collect();
        let mut value = serde_json::json!({
            "rubric": rubric.id().as_str(),
            "diagnostics": diagnostics,
            "examples": examples,
        });
        if args.rules
            && let Some(object) = value.as_object_mut()
        {
            let rules: Vec<serde_json::Value> = rubric
                .rules()
                .map(|rule| {
                    serde_json::json!({
                        "id": rule.id.as_str(),
                        "label": rule.label,
                        "trigger": rules::trigger(rule),
                        "penalty": rules::penalty(rule),
                    })
                })
                .collect();
            object.insert("rules".to_owned(), serde_json::Value::Array(rules));
        }
        return Ok(Output {
            text: pretty(&value),
            status,
        });
    }
    let mut out = String::new();
    if args.rules {
        out.push_str(&rules_table(rubric));
    }
    for d in &diagnostics {
        out.push_str(&input::one_line(&format!(
            "warning[{}] `{}`: {}",
            d.code, d.id, d.message
        )));
        out.push('\n');
    }
    for example in rubric.examples() {
        let own: Vec<&ducha::Mismatch> = mismatches
            .iter()
            .filter(|m| m.example == example.name)
            .collect();
        if own.is_empty() {
            out.push_str(&input::one_line(&format!("example `{}`: ok", example.name)));
            out.push('\n');
        }
        for m in own {
            out.push_str(&input::one_line(&format!("error[example]: {m}")));
            out.push('\n');
        }
    }
    let examples = rubric.examples().len();
    let agree = examples
        - rubric
            .examples()
            .iter()
            .filter(|e| mismatches.iter().any(|m| m.example == e.name))
            .count();
    let rule_count = rubric.rules().count();
    let examples_text = if examples == 0 {
        "worked examples: none".to_owned()
    } else {
        format!("worked examples: {agree} of {examples} agree")
    };
    out.push_str(&format!(
        "{name} (`{}`): {rule_count} rule{}, {} warning{}, {examples_text}\n",
        rubric.id(),
        plural(rule_count),
        diagnostics.len(),
        plural(diagnostics.len()),
    ));
    Ok(Output { text: out, status })
}

/// `s` for a count other than one.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `check --rules`: every rule with its trigger and penalty.
fn rules_table(rubric: &ducha::Rubric) -> String {
    let id_width = rubric
        .rules()
        .map(|r| wrap::width(r.id.as_str()))
        .chain([wrap::width("规则")])
        .max()
        .unwrap_or(4);
    let rows: Vec<[String; 4]> = rubric
        .rules()
        .map(|r| {
            [
                r.id.to_string(),
                rules::trigger(r),
                rules::penalty(r),
                r.label.clone(),
            ]
        })
        .collect();
    let trigger_width = rows
        .iter()
        .map(|r| wrap::width(&r[1]))
        .chain([wrap::width("触发")])
        .max()
        .unwrap_or(4)
        .min(30);
    let penalty_width = rows
        .iter()
        .map(|r| wrap::width(&r[2]))
        .chain([wrap::width("扣分")])
        .max()
        .unwrap_or(4)
        .min(30);
    let mut table = table::Table::new(vec![id_width, trigger_width, penalty_width, 40]);
    table.row(&["规则", "触发", "扣分", "条款"], &[]);
    table.rule();
    for [id, trigger, penalty, label] in &rows {
        table.row(&[id, trigger, penalty, label], &[]);
    }
    table.finish()
}

fn validate(args: &Args) -> Result<Output, Failure> {
    let [rubric_spec, inspection_path] = args.positionals.as_slice() else {
        return unreachable_arity(args.command);
    };
    let (engine, _) = input::load_rubric(rubric_spec, &args.calendars)?;
    let name = input::display_name(inspection_path);
    let text = input::read(inspection_path)?;
    let rubric = engine.rubric();
    let found = validate::validate(rubric, &text);
    let status = u8::from(!found.problems.is_empty());
    if args.format == Format::Json {
        let problems: Vec<serde_json::Value> = found
            .problems
            .iter()
            .map(|e| {
                let mut value = serde_json::json!({
                    "code": e.code.as_str(),
                    "message": e.message,
                });
                if let Some(object) = value.as_object_mut() {
                    if let Some(path) = input::error_path(e) {
                        object.insert("path".to_owned(), path.into());
                    }
                    if let Some(id) = &e.id {
                        object.insert("id".to_owned(), id.clone().into());
                    }
                }
                value
            })
            .collect();
        let not_assessed: Vec<&str> = found
            .not_assessed
            .iter()
            .map(|(id, _)| id.as_str())
            .collect();
        let value = serde_json::json!({
            "file": name,
            "rubric": rubric.id().as_str(),
            "valid": found.problems.is_empty(),
            "problems": problems,
            "not_assessed": not_assessed,
        });
        return Ok(Output {
            text: pretty(&value),
            status,
        });
    }
    let mut out = String::new();
    for e in &found.problems {
        out.push_str(&input::error_line(&name, e));
        out.push('\n');
    }
    if found.problems.is_empty() {
        let assessed = found.rules - found.not_assessed.len();
        let mut line = format!(
            "{name}: valid against `{}`: {assessed} of {} rules assessed",
            rubric.id(),
            found.rules
        );
        if !found.not_assessed.is_empty() {
            let list: Vec<String> = found
                .not_assessed
                .iter()
                .map(|(id, label)| format!("{id}（{label}）"))
                .collect();
            line.push_str("; not assessed: ");
            line.push_str(&list.join("；"));
        }
        out.push_str(&input::one_line(&line));
        out.push('\n');
    } else {
        let n = found.problems.len();
        out.push_str(&format!("{name}: {n} problem{}\n", plural(n)));
    }
    Ok(Output { text: out, status })
}

//! The command line, parsed by hand: a subcommand, its positional
//! arguments and the options it accepts.

use crate::Failure;

/// The subcommands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Score,
    Check,
    Batch,
    Validate,
    Seed,
}

impl Command {
    pub const ALL: [Command; 5] = [
        Command::Score,
        Command::Check,
        Command::Batch,
        Command::Validate,
        Command::Seed,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Command::Score => "score",
            Command::Check => "check",
            Command::Batch => "batch",
            Command::Validate => "validate",
            Command::Seed => "seed",
        }
    }

    pub fn from_name(name: &str) -> Option<Command> {
        Command::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The options this command accepts.
    fn accepts(self, option: Opt) -> bool {
        use Opt::*;
        match self {
            Command::Score => matches!(option, Format | Bom | Width | Calendar),
            Command::Batch => matches!(option, Format | Bom | Width | Calendar | Progress),
            Command::Check => matches!(option, Format | Rules),
            Command::Validate => matches!(option, Format | Calendar),
            Command::Seed => false,
        }
    }

    /// The formats `--format` takes for this command; the first is the
    /// default.
    pub fn formats(self) -> &'static [Format] {
        match self {
            Command::Score | Command::Batch => &[
                Format::Table,
                Format::Json,
                Format::Html,
                Format::Markdown,
                Format::Csv,
            ],
            Command::Check | Command::Validate => &[Format::Text, Format::Json],
            Command::Seed => &[Format::Json],
        }
    }

    /// The positional arguments: at least, at most.
    fn arity(self) -> (usize, usize) {
        match self {
            Command::Score => (1, 2),
            Command::Check => (1, 1),
            Command::Batch | Command::Validate => (2, 2),
            Command::Seed => (0, 0),
        }
    }

    /// The synopsis line.
    pub fn synopsis(self) -> &'static str {
        match self {
            Command::Score => {
                "ducha score [RUBRIC] INSPECTION [--format table|json|html|md|csv] [--bom] [--width N] [--calendar YEAR.json]"
            }
            Command::Check => "ducha check RUBRIC [--format text|json] [--rules]",
            Command::Batch => {
                "ducha batch RUBRIC DIR|FILE.jsonl [--format table|json|html|md|csv] [--bom] [--width N] [--calendar YEAR.json] [--progress]"
            }
            Command::Validate => {
                "ducha validate RUBRIC INSPECTION [--format text|json] [--calendar YEAR.json]"
            }
            Command::Seed => "ducha seed",
        }
    }
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Text,
    Json,
    Html,
    Markdown,
    Csv,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Text => "text",
            Format::Json => "json",
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Csv => "csv",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opt {
    Format,
    Bom,
    Width,
    Calendar,
    Progress,
    Rules,
}

impl Opt {
    fn from_name(name: &str) -> Option<Opt> {
        Some(match name {
            "--format" => Opt::Format,
            "--bom" => Opt::Bom,
            "--width" => Opt::Width,
            "--calendar" => Opt::Calendar,
            "--progress" => Opt::Progress,
            "--rules" => Opt::Rules,
            _ => return None,
        })
    }

    fn takes_value(self) -> bool {
        matches!(self, Opt::Format | Opt::Width | Opt::Calendar)
    }
}

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Request {
    /// `ducha --help`, `ducha help`, `ducha help CMD`, `ducha CMD --help`.
    Help(Option<Command>),
    /// `ducha --version`.
    Version,
    /// A subcommand to run.
    Run(Args),
}

/// A subcommand with its arguments, checked.
#[derive(Debug, PartialEq, Eq)]
pub struct Args {
    pub command: Command,
    pub positionals: Vec<String>,
    pub format: Format,
    pub bom: bool,
    pub width: Option<usize>,
    pub calendars: Vec<String>,
    pub progress: bool,
    pub rules: bool,
}

/// The narrowest and widest table `--width` takes.
pub const MIN_WIDTH: usize = 40;
pub const MAX_WIDTH: usize = 1000;

fn usage(message: String, command: Option<Command>) -> Failure {
    Failure::Usage { message, command }
}

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Request, Failure> {
    let Some((first, rest)) = args.split_first() else {
        return Err(usage("no command given".to_owned(), None));
    };
    let command = match first.as_str() {
        "-h" | "--help" => return Ok(Request::Help(None)),
        "-V" | "--version" => return Ok(Request::Version),
        "help" => {
            return match rest {
                [] => Ok(Request::Help(None)),
                [name] => match Command::from_name(name) {
                    Some(command) => Ok(Request::Help(Some(command))),
                    None if name == "help" => Ok(Request::Help(None)),
                    None => Err(usage(format!("unknown command `{name}`"), None)),
                },
                [_, extra, ..] => Err(usage(
                    format!("unexpected argument `{extra}` after `help`"),
                    None,
                )),
            };
        }
        name if name.starts_with('-') && name != "-" => {
            return Err(usage(format!("unknown option `{name}`"), None));
        }
        name => Command::from_name(name)
            .ok_or_else(|| usage(format!("unknown command `{name}`"), None))?,
    };
    let mut parsed = Args {
        command,
        positionals: Vec::new(),
        format: command.formats().first().copied().unwrap_or(Format::Json),
        bom: false,
        width: None,
        calendars: Vec::new(),
        progress: false,
        rules: false,
    };
    let mut format_given = false;
    let mut only_positionals = false;
    let mut iter = rest.iter();
    while let Some(arg) = iter.next() {
        if only_positionals || arg == "-" || !arg.starts_with('-') {
            parsed.positionals.push(arg.clone());
            continue;
        }
        if arg == "--" {
            only_positionals = true;
            continue;
        }
        if arg == "-h" || arg == "--help" {
            return Ok(Request::Help(Some(command)));
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name, Some(value.to_owned())),
            None => (arg.as_str(), None),
        };
        let Some(option) = Opt::from_name(name) else {
            return Err(usage(
                format!("unknown option `{name}` for `ducha {}`", command.name()),
                Some(command),
            ));
        };
        if !command.accepts(option) {
            return Err(usage(
                format!("`ducha {}` takes no option `{name}`", command.name()),
                Some(command),
            ));
        }
        let value = if option.takes_value() {
            match inline {
                Some(value) => value,
                None => iter.next().cloned().ok_or_else(|| {
                    usage(format!("option `{name}` needs a value"), Some(command))
                })?,
            }
        } else {
            if inline.is_some() {
                return Err(usage(
                    format!("option `{name}` takes no value"),
                    Some(command),
                ));
            }
            String::new()
        };
        match option {
            Opt::Format => {
                if format_given {
                    return Err(usage("`--format` given twice".to_owned(), Some(command)));
                }
                format_given = true;
                parsed.format = command
                    .formats()
                    .iter()
                    .copied()
                    .find(|f| f.name() == value)
                    .ok_or_else(|| {
                        let names: Vec<&str> = command.formats().iter().map(|f| f.name()).collect();
                        usage(
                            format!(
                                "unknown format `{value}` for `ducha {}`: expected {}",
                                command.name(),
                                names.join(", ")
                            ),
                            Some(command),
                        )
                    })?;
            }
            Opt::Bom => parsed.bom = true,
            Opt::Progress => parsed.progress = true,
            Opt::Rules => parsed.rules = true,
            Opt::Calendar => parsed.calendars.push(value),
            Opt::Width => {
                let width = value
                    .parse::<usize>()
                    .ok()
                    .filter(|w| (MIN_WIDTH..=MAX_WIDTH).contains(w))
                    .ok_or_else(|| {
                        usage(
                            format!(
                                "`--width` takes a number of columns from {MIN_WIDTH} to {MAX_WIDTH}, not `{value}`"
                            ),
                            Some(command),
                        )
                    })?;
                parsed.width = Some(width);
            }
        }
    }
    if parsed.bom && parsed.format != Format::Csv {
        return Err(usage(
            "`--bom` applies to `--format csv` only".to_owned(),
            Some(command),
        ));
    }
    if parsed.width.is_some() && parsed.format != Format::Table {
        return Err(usage(
            "`--width` applies to `--format table` only".to_owned(),
            Some(command),
        ));
    }
    let (least, most) = command.arity();
    let n = parsed.positionals.len();
    if n < least {
        let what = match (command, n) {
            (Command::Score, _) => "an inspection file",
            (Command::Check, _) => "a rubric",
            (Command::Batch, 0) | (Command::Validate, 0) => "a rubric",
            (Command::Batch, _) => "a directory or a JSON-lines file of inspections",
            (Command::Validate, _) => "an inspection file",
            (Command::Seed, _) => "nothing",
        };
        return Err(usage(
            format!("`ducha {}` needs {what}", command.name()),
            Some(command),
        ));
    }
    if n > most {
        let extra = parsed.positionals.get(most).cloned().unwrap_or_default();
        return Err(usage(
            format!("unexpected argument `{extra}`"),
            Some(command),
        ));
    }
    if parsed.positionals.iter().filter(|p| *p == "-").count() > 1 {
        return Err(usage(
            "standard input (`-`) can be read only once".to_owned(),
            Some(command),
        ));
    }
    Ok(Request::Run(parsed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(line: &str) -> Result<Request, Failure> {
        let args: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
        parse(&args)
    }

    fn run(line: &str) -> Args {
        match parse_str(line) {
            Ok(Request::Run(args)) => args,
            other => panic!("{line}: {other:?}"),
        }
    }

    fn usage_message(line: &str) -> String {
        match parse_str(line) {
            Err(Failure::Usage { message, .. }) => message,
            other => panic!("{line}: expected a usage error, got {other:?}"),
        }
    }

    #[test]
    fn commands_and_defaults() {
        let args = run("score a.json");
        assert_eq!(args.command, Command::Score);
        assert_eq!(args.positionals, ["a.json"]);
        assert_eq!(args.format, Format::Table, "a table by default");
        let args = run("check r.json");
        assert_eq!(args.format, Format::Text, "check prints text by default");
        let args = run("batch yuxi dir --format=json --progress --calendar 2027.json");
        assert_eq!(args.format, Format::Json, "--format=VALUE");
        assert!(args.progress);
        assert_eq!(args.calendars, ["2027.json"]);
        let args = run("score yuxi - --format csv --bom");
        assert_eq!(args.positionals, ["yuxi", "-"], "`-` is a positional");
        assert!(args.bom);
        let args = run("score -- --odd-name.json");
        assert_eq!(
            args.positionals,
            ["--odd-name.json"],
            "`--` ends the options"
        );
        assert_eq!(run("score a.json --width 80").width, Some(80));
    }

    #[test]
    fn help_and_version() {
        assert_eq!(parse_str("--help").ok(), Some(Request::Help(None)));
        assert_eq!(parse_str("help").ok(), Some(Request::Help(None)));
        assert_eq!(
            parse_str("help batch").ok(),
            Some(Request::Help(Some(Command::Batch)))
        );
        assert_eq!(
            parse_str("score --help").ok(),
            Some(Request::Help(Some(Command::Score))),
            "help wins over missing arguments"
        );
        assert_eq!(parse_str("--version").ok(), Some(Request::Version));
        assert_eq!(parse_str("-V").ok(), Some(Request::Version));
    }

    #[test]
    fn usage_errors_are_pinned() {
        let cases = [
            ("", "no command given"),
            ("frobnicate", "unknown command `frobnicate`"),
            ("--frob", "unknown option `--frob`"),
            ("help frob", "unknown command `frob`"),
            (
                "help score extra",
                "unexpected argument `extra` after `help`",
            ),
            (
                "score a.json --frob",
                "unknown option `--frob` for `ducha score`",
            ),
            (
                "check r.json --bom",
                "`ducha check` takes no option `--bom`",
            ),
            (
                "seed --format json",
                "`ducha seed` takes no option `--format`",
            ),
            (
                "score a.json --format pdf",
                "unknown format `pdf` for `ducha score`: expected table, json, html, md, csv",
            ),
            (
                "check r.json --format html",
                "unknown format `html` for `ducha check`: expected text, json",
            ),
            ("score a.json --format", "option `--format` needs a value"),
            (
                "score a.json --bom=yes --format csv",
                "option `--bom` takes no value",
            ),
            (
                "score a.json --format json --format csv",
                "`--format` given twice",
            ),
            (
                "score a.json --bom",
                "`--bom` applies to `--format csv` only",
            ),
            (
                "score a.json --width 80 --format json",
                "`--width` applies to `--format table` only",
            ),
            (
                "score a.json --width 10",
                "`--width` takes a number of columns from 40 to 1000, not `10`",
            ),
            (
                "score a.json --width wide",
                "`--width` takes a number of columns from 40 to 1000, not `wide`",
            ),
            ("score", "`ducha score` needs an inspection file"),
            ("check", "`ducha check` needs a rubric"),
            ("batch", "`ducha batch` needs a rubric"),
            (
                "batch yuxi",
                "`ducha batch` needs a directory or a JSON-lines file of inspections",
            ),
            ("validate yuxi", "`ducha validate` needs an inspection file"),
            ("score a b c", "unexpected argument `c`"),
            ("seed extra", "unexpected argument `extra`"),
            ("score - -", "standard input (`-`) can be read only once"),
        ];
        for (line, expected) in cases {
            assert_eq!(usage_message(line), expected, "ducha {line}");
        }
    }
}

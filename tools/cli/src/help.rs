//! The help texts: `ducha help`, `ducha help COMMAND`.

use crate::args::Command;

/// The exit statuses, as `--help` and the README document them.
pub const EXIT_STATUS: &str = "exit status:
  0  success (warnings from `check`, rules not assessed, ties: all still 0)
  1  bad input: a file that cannot be read, invalid JSON, a rubric or an
     inspection that ducha refuses, problems found by `validate`, a worked
     example that disagrees in `check`, an inspection in error in `batch`
  2  usage: an unknown command or option, a missing or extra argument";

/// `ducha help`.
pub fn general() -> String {
    format!(
        "ducha {version}: score 督查细则 scorecards (deduction-based rubrics) from JSON

usage: ducha COMMAND [ARGUMENTS] [OPTIONS]

commands:
  score [RUBRIC] INSPECTION     score one inspection: a table like the original,
                                or JSON, HTML, Markdown, CSV
  check RUBRIC                  a rubric's diagnostics and its worked examples
  batch RUBRIC DIR|FILE.jsonl   score and rank many inspections
  validate RUBRIC INSPECTION    check an inspection without scoring: every problem
  seed                          print the built-in seed rubric as JSON
  help [COMMAND]                this help, or a command's

RUBRIC is a rubric JSON file, or `yuxi` for the built-in seed rubric
(玉溪市教育体育局机关“双随机、一公开”监管工作督查细则（试行）). A file named `-`
is standard input. Inputs are UTF-8 JSON of at most 16 MiB each.

Errors are one line on standard error, naming the file and the JSON path:
  error[out-of-domain]: a.json: facts.12a: rule `12a` reads a ratio from 0 to 1 …

{EXIT_STATUS}

`ducha help COMMAND` tells more; `ducha --version` prints the version.
",
        version = env!("CARGO_PKG_VERSION")
    )
}

/// `ducha help COMMAND`.
pub fn command(command: Command) -> String {
    let body = match command {
        Command::Score => SCORE,
        Command::Check => CHECK,
        Command::Batch => BATCH,
        Command::Validate => VALIDATE,
        Command::Seed => SEED,
    };
    format!("usage: {}\n\n{body}\n{EXIT_STATUS}\n", command.synopsis())
}

const SCORE: &str = "Scores one inspection against a rubric and prints the scorecard.

  RUBRIC      a rubric JSON file, or `yuxi` for the built-in seed (the default)
  INSPECTION  an inspection JSON file, or `-` for standard input

options:
  --format F        table (default): 序号, 督查指标, 量化分值, 得分情况, 扣分原因,
                    fitted to the terminal; json: the scorecard as JSON;
                    html: one self-contained page with all the original's
                    columns; md: a Markdown table; csv: RFC 4180, UTF-8
  --bom             with `--format csv`: start with a byte-order mark, as
                    Excel needs to read UTF-8
  --width N         with `--format table`: the table's width in columns
                    (default: $COLUMNS, else 120)
  --calendar FILE   add a year to the working-day calendar (the holiday-cn
                    JSON shape: year, papers, days); may be repeated

example:
  ducha score examples/data/yuxi-sample.json
  ducha score my-rubric.json - --format csv --bom < inspection.json > card.csv
";

const CHECK: &str = "Checks a rubric before it goes live: loads and validates it, lists its
diagnostics (valid but probably not meant: a duplicate serial, rules that
can deduct more than their item's points, …) and runs its worked examples.

  RUBRIC      a rubric JSON file, `yuxi`, or `-` for standard input

options:
  --format F  text (default) or json
  --rules     also list every rule: what makes it deduct and what it costs,
              thresholds as the document writes them (100%)

Warnings alone exit 0; a worked example that disagrees exits 1.

example:
  ducha check yuxi
  ducha check my-rubric.json --rules
";

const BATCH: &str = "Scores many inspections against one rubric, ranks them by score (ties share
a rank: 1, 2, 2, 4) and summarizes what each clause cost.

  RUBRIC  a rubric JSON file, or `yuxi`
  DIR     a directory: every `*.json` file in it (not in subdirectories), in
          name order, is one inspection; the assessee's id is the file name
          without `.json`, its name the inspection's `name` if given
  FILE    a JSON-lines file (or `-`): one entry per line,
          {\"id\": …, \"name\": …, \"inspection\": {…}}; blank lines skipped

An inspection in error is reported apart, with its file or line, and never
stops the others; incomplete inspections are ranked apart too.

options:
  --format F        table (default): the ranking, the entries apart and the
                    costliest clauses; json: the library's batch JSON, each
                    entry with its source; html: the ranking and the
                    per-clause and per-item summaries as one page; md; csv
  --bom             with `--format csv`: start with a byte-order mark
  --width N         with `--format table`: the width in columns
  --calendar FILE   add a year to the working-day calendar; may be repeated
  --progress        report progress on standard error even when it is not a
                    terminal (on a terminal it is shown for batches that take
                    more than a moment)

The exit status is 1 if any inspection is in error (the report is still
printed).

example:
  ducha batch yuxi inspections/ --format html > ranking.html
";

const VALIDATE: &str = "Checks an inspection against a rubric without scoring it, and reports every
problem found, not only the first: each top-level field and each fact is
checked on its own. A valid inspection prints which rules it does not assess.

  RUBRIC      a rubric JSON file, or `yuxi`
  INSPECTION  an inspection JSON file, or `-` for standard input

options:
  --format F        text (default) or json
  --calendar FILE   add a year to the working-day calendar; may be repeated

Problems exit 1.

example:
  ducha validate yuxi inspection.json
";

const SEED: &str = "Prints the built-in seed rubric as JSON: a starting point for your own.

example:
  ducha seed > my-rubric.json
";

//! The `ducha` binary, run as a user runs it: every subcommand, each exit
//! status, the error messages pinned.

// Always set in a test binary; said here so that clippy's
// `allow-*-in-tests` (the workspace's clippy.toml) covers the helpers
// outside `#[test]` functions too.
#![cfg(test)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The repository root (the CLI package is `tools/cli`).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sample() -> String {
    root()
        .join("examples/data/yuxi-sample.json")
        .to_string_lossy()
        .into_owned()
}

/// What a run gave.
#[derive(Debug)]
struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

/// Runs `ducha` with these arguments, optional standard input, and a
/// clean width environment.
fn ducha_env(args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ducha"));
    command
        .args(args)
        .env_remove("COLUMNS")
        .current_dir(root())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().expect("the binary runs");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        // The binary may stop reading early (an input above the limit).
        let _ = pipe.write_all(input);
    }
    let output = child.wait_with_output().expect("the binary finishes");
    Run {
        status: output.status.code().expect("an exit status, not a signal"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

fn ducha(args: &[&str]) -> Run {
    ducha_env(args, None, &[])
}

fn ducha_stdin(args: &[&str], stdin: &str) -> Run {
    ducha_env(args, Some(stdin.as_bytes()), &[])
}

/// A fresh file in the temporary directory with these contents.
fn temp_file(name: &str, contents: &[u8]) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "ducha-cli-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path.to_string_lossy().into_owned()
}

/// Asserts exit status 1 with exactly this one line on stderr and nothing
/// on stdout.
fn assert_bad_input(run: &Run, line: &str) {
    assert_eq!(run.status, 1, "{run:?}");
    assert_eq!(run.stderr, format!("{line}\n"), "{run:?}");
    assert_eq!(run.stdout, "", "{run:?}");
}

fn assert_usage(run: &Run, line: &str) {
    assert_eq!(run.status, 2, "{run:?}");
    assert_eq!(run.stderr, format!("{line}\n"), "{run:?}");
    assert_eq!(run.stdout, "", "{run:?}");
}

#[test]
fn version_and_help() {
    let run = ducha(&["--version"]);
    assert_eq!(run.status, 0);
    assert_eq!(run.stdout, "ducha 0.1.0 (library 0.1.0)\n");
    let run = ducha(&["help"]);
    assert_eq!(run.status, 0);
    for command in ["score", "check", "batch", "validate", "seed", "help"] {
        assert!(
            run.stdout.contains(&format!("\n  {command} ")),
            "{command} listed"
        );
    }
    assert!(
        run.stdout.contains("exit status:\n  0  success"),
        "exit statuses documented"
    );
    assert!(run.stdout.contains("\n  1  bad input"));
    assert!(run.stdout.contains("\n  2  usage"));
    assert_eq!(ducha(&["--help"]).stdout, run.stdout, "--help is help");
    for command in ["score", "check", "batch", "validate", "seed"] {
        let run = ducha(&["help", command]);
        assert_eq!(run.status, 0, "help {command}");
        assert!(
            run.stdout.starts_with(&format!("usage: ducha {command}")),
            "help {command}: {}",
            run.stdout
        );
        assert!(run.stdout.contains("exit status:"), "help {command}");
        assert_eq!(
            ducha(&[command, "--help"]).stdout,
            run.stdout,
            "{command} --help"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_usage(&ducha(&[]), "error: no command given (see `ducha help`)");
    assert_usage(
        &ducha(&["frobnicate"]),
        "error: unknown command `frobnicate` (see `ducha help`)",
    );
    assert_usage(
        &ducha(&["score", "--frob", "x.json"]),
        "error: unknown option `--frob` for `ducha score` (see `ducha help score`)",
    );
    assert_usage(
        &ducha(&["score", "x.json", "--format", "pdf"]),
        "error: unknown format `pdf` for `ducha score`: expected table, json, html, md, csv (see `ducha help score`)",
    );
    assert_usage(
        &ducha(&["validate", "yuxi"]),
        "error: `ducha validate` needs an inspection file (see `ducha help validate`)",
    );
    assert_usage(
        &ducha(&["seed", "extra"]),
        "error: unexpected argument `extra` (see `ducha help seed`)",
    );
}

#[test]
fn score_prints_the_table_of_the_sample() {
    let run = ducha(&["score", &sample()]);
    assert_eq!(run.status, 0, "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "玉溪市教育体育局机关“双随机、一公开”监管工作督查细则（试行）"
    );
    assert_eq!(
        lines[1],
        "版本：试行  考核期间：2026-01-01至2026-12-31  评估日期：2026-12-31"
    );
    assert_eq!(lines[2], "-".repeat(120), "120 columns by default");
    assert_eq!(
        lines[3],
        "序号  督查指标              量化分值  得分情况  扣分原因"
    );
    assert!(
        lines.contains(&"合计                             100      69.5  共扣30.5分"),
        "the total row: {}",
        run.stdout
    );
    // The two breaks the example's table made: a date split, a line
    // starting with a colon.
    assert!(run.stdout.contains("2026-04-01"), "no date split");
    assert!(
        !run.stdout.contains("\n202"),
        "no line starts inside a year"
    );
    for line in &lines {
        let reason = line.get(48..).unwrap_or("");
        for c in "，。：；、）」』”’》〉】！？…".chars() {
            assert!(
                !reason.starts_with(c) && !line.trim_start().starts_with(c),
                "a line starts with {c}: {line:?}"
            );
        }
    }
    assert!(
        run.stdout.ends_with(
            "\n未检查（检查记录中无此项）：11f（未督促县（市、区）局、分局对口业务股室全量归集许可信息）\n"
        ),
        "the rule not assessed is named"
    );
}

#[test]
fn score_fits_the_width() {
    for (args, env, width) in [
        (vec!["--width", "80"], vec![], 80),
        (vec![], vec![("COLUMNS", "100")], 100),
        (vec!["--width", "90"], vec![("COLUMNS", "100")], 90),
        (vec![], vec![("COLUMNS", "junk")], 120),
    ] {
        let sample = sample();
        let mut all = vec!["score", sample.as_str()];
        all.extend(args.iter().copied());
        let run = ducha_env(&all, None, &env);
        assert_eq!(run.status, 0, "{run:?}");
        assert_eq!(
            run.stdout.lines().nth(2),
            Some("-".repeat(width).as_str()),
            "{args:?} {env:?}"
        );
        for line in run.stdout.lines() {
            let w: usize = line
                .chars()
                .map(|c| if c > '\u{2E80}' { 2 } else { 1 })
                .sum();
            assert!(w <= width, "wider than {width}: {line:?}");
        }
    }
}

#[test]
fn score_json_is_the_golden_scorecard() {
    let golden =
        std::fs::read_to_string(root().join("tests/golden/yuxi-sample.scorecard.json")).unwrap();
    let run = ducha(&["score", &sample(), "--format", "json"]);
    assert_eq!(run.status, 0, "{run:?}");
    assert_eq!(run.stdout, golden);
    // The same from standard input, and against the dumped seed as a file.
    let text = std::fs::read_to_string(sample()).unwrap();
    let run = ducha_stdin(&["score", "yuxi", "-", "--format=json"], &text);
    assert_eq!(run.stdout, golden, "from standard input");
    let seed = ducha(&["seed"]);
    assert_eq!(seed.status, 0);
    let rubric = temp_file("rubric.json", seed.stdout.as_bytes());
    let run = ducha(&["score", &rubric, &sample(), "--format", "json"]);
    assert_eq!(run.stdout, golden, "the dumped seed scores alike");
}

#[test]
fn seed_is_the_rubric_as_json() {
    let run = ducha(&["seed"]);
    assert_eq!(run.status, 0);
    let printed: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let expected: serde_json::Value =
        serde_json::from_str(&ducha::json::Engine::seed().rubric_json()).unwrap();
    assert_eq!(printed, expected);
    assert!(
        run.stdout.starts_with("{\n  \"id\": \"yuxi-shuangsuiji\""),
        "pretty"
    );
}

#[test]
fn score_errors_name_the_file_and_the_path() {
    let bad = temp_file(
        "bad.json",
        br#"{"facts": {"7a": [{"start": "2026-13-01"}]}}"#,
    );
    assert_bad_input(
        &ducha(&["score", &bad]),
        &format!(
            "error[invalid]: {bad}: facts.7a[0].start: invalid date `2026-13-01`, expected `YYYY-MM-DD` at line 1 column 40"
        ),
    );
    assert_bad_input(
        &ducha_stdin(&["score", "-"], r#"{"facts": {"7z": 1}}"#),
        "error[unknown-rule]: standard input: facts.7z: unknown rule `7z`",
    );
    assert_bad_input(
        &ducha_stdin(&["score", "-"], r#"{"facts": {"12a": 96}}"#),
        "error[out-of-domain]: standard input: facts.12a: rule `12a` reads a ratio from 0 to 1 (or a percentage such as `96%`), got `96`",
    );
    assert_bad_input(
        &ducha_stdin(&["score", "-"], r#"{"rubric": "another", "facts": {}}"#),
        "error[rubric-mismatch]: standard input: rubric: inspection is for rubric `another`, not `yuxi-shuangsuiji`",
    );
    assert_bad_input(
        &ducha_stdin(&["score", "-"], "{\"facts\": {\n"),
        "error[syntax]: standard input: EOF while parsing an object at line 2 column 0",
    );
    assert_bad_input(
        &ducha(&["score", "no/such/file.json"]),
        "error: no/such/file.json: no such file or directory",
    );
    assert_bad_input(
        &ducha(&["score", "examples"]),
        "error: examples: is a directory, not a file",
    );
    let latin1 = temp_file("latin1.json", b"{\"facts\": {\"2b\": \"\xe9\"}}");
    assert_bad_input(
        &ducha(&["score", &latin1]),
        &format!("error[utf8]: {latin1}: not UTF-8: invalid byte at offset 18"),
    );
    let bad_rubric = temp_file(
        "rubric.json",
        br#"{"id": "r", "title": "t", "total": "5", "indicators": []}"#,
    );
    let run = ducha(&["score", &bad_rubric, &sample()]);
    assert_eq!(run.status, 1, "{run:?}");
    assert!(
        run.stderr
            .starts_with(&format!("error[invalid-rubric]: {bad_rubric}: ")),
        "{run:?}"
    );
    assert_eq!(run.stderr.lines().count(), 1, "one line");
}

#[test]
fn an_input_above_the_limit_is_refused() {
    let big = vec![b' '; 16 * 1024 * 1024 + 1];
    let run = ducha_env(&["score", "-"], Some(&big), &[]);
    assert_bad_input(
        &run,
        "error[limit]: standard input: larger than 16777216 bytes, the input limit",
    );
    // Exactly at the limit it is read (and is then not JSON).
    let at_limit = vec![b' '; 16 * 1024 * 1024];
    let run = ducha_env(&["score", "-"], Some(&at_limit), &[]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.starts_with("error[syntax]: standard input: "),
        "{run:?}"
    );
}

#[test]
fn a_calendar_year_can_be_added() {
    let inspection = r#"{"facts": {"7a": [{"start": "2026-12-20", "done": "2027-01-25"}]}}"#;
    assert_bad_input(
        &ducha_stdin(&["score", "-"], inspection),
        "error[calendar]: standard input: facts.7a: rule `7a`: the calendar does not know the year `2027`",
    );
    let year = temp_file(
        "2027.json",
        r#"{"year": 2027, "papers": [], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}"#
            .as_bytes(),
    );
    let run = ducha_stdin(
        &["score", "-", "--calendar", &year, "--format", "json"],
        inspection,
    );
    assert_eq!(run.status, 0, "{run:?}");
    assert!(run.stdout.contains("\"score\": \"99\""), "{}", run.stdout);
    let bad_year = temp_file("bad-year.json", br#"{"year": "soon"}"#);
    let run = ducha_stdin(&["score", "-", "--calendar", &bad_year], inspection);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr
            .starts_with(&format!("error[invalid]: {bad_year}: year: ")),
        "{run:?}"
    );
}

#[test]
fn check_lists_diagnostics_and_examples() {
    let run = ducha(&["check", "yuxi"]);
    assert_eq!(run.status, 0, "warnings alone exit 0: {run:?}");
    assert_eq!(
        run.stdout,
        "warning[unbounded-rule] `1a`: 2 per breach with no cap of its own: only item `1`'s 10 points bound it
warning[serial-gap] `11-1`: serial `11` follows `9` (item `9`): `10` skipped
warning[duplicate-serial] `11-2`: serial `11` is also printed by item `11-1`
warning[exceeds-points] `12`: its rules can deduct up to 15, more than its 10 points; later rules give way
example `2026年度抽查样例（examples/data/yuxi-sample.json）`: ok
example `无扣分`: ok
example `全部违规`: ok
the seed rubric (`yuxi-shuangsuiji`): 24 rules, 4 warnings, worked examples: 3 of 3 agree
"
    );
    let run = ducha(&["check", "yuxi", "--rules"]);
    assert_eq!(run.status, 0);
    assert!(
        run.stdout.contains("\n12a   低于100%                扣5分"),
        "the threshold as the document writes it: {}",
        run.stdout
    );
    assert!(!run.stdout.contains("低于1 "), "never the ratio 1");

    let run = ducha(&["check", "yuxi", "--format", "json", "--rules"]);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(value["rubric"], "yuxi-shuangsuiji");
    assert_eq!(value["diagnostics"].as_array().unwrap().len(), 4);
    assert_eq!(value["diagnostics"][2]["code"], "duplicate-serial");
    assert_eq!(value["examples"][1]["ok"], true);
    assert_eq!(value["rules"][20]["id"], "12a");
    assert_eq!(value["rules"][20]["trigger"], "低于100%");
}

#[test]
fn check_fails_on_an_example_that_disagrees() {
    let rubric = r#"{"id": "mine", "title": "某局细则", "total": "5", "indicators": [
  {"id": "G1", "name": "领导重视", "points": "5", "items": [
    {"id": "1", "serial": "1", "points": "5", "requirement": "明确联络员", "rules": [
      {"id": "1a", "label": "未明确日常联络员", "text": "未明确日常联络员的扣2.5分",
       "trigger": {"kind": "flag"}, "penalty": {"kind": "flat", "points": "2.5"}}]}]}],
  "examples": [{"name": "联络员", "inspection": {"facts": {"1a": true}}, "score": "3", "deductions": {"1a": "2"}}]}"#;
    let path = temp_file("mine.json", rubric.as_bytes());
    let run = ducha(&["check", &path]);
    assert_eq!(run.status, 1, "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "error[example]: example `联络员`: score: expected 3, got 2.5
error[example]: example `联络员`: rule `1a` deducted: expected 2, got 2.5
{path} (`mine`): 1 rule, 0 warnings, worked examples: 0 of 1 agree
"
        )
    );
    let run = ducha_stdin(&["check", "-"], "{\"id\": \"x\"}");
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.starts_with("error[invalid]: standard input: "),
        "{run:?}"
    );
}

#[test]
fn validate_reports_every_problem() {
    let text = "{\n  \"period\": {\"from\": \"2026-01-01\", \"to\": \"2026-12-31\"},\n  \"facts\": {\n    \"7a\": [{\"start\": \"2026-13-01\"}],\n    \"12a\": 96,\n    \"2b\": true,\n    \"7z\": 1\n  }\n}\n";
    let path = temp_file("inspection.json", text.as_bytes());
    let run = ducha(&["validate", "yuxi", &path]);
    assert_eq!(run.status, 1, "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "error[invalid]: {path}: facts.7a[0].start: invalid date `2026-13-01`, expected `YYYY-MM-DD` at line 4 column 33
error[out-of-domain]: {path}: facts.12a: rule `12a` reads a ratio from 0 to 1 (or a percentage such as `96%`), got `96`
error[unknown-rule]: {path}: facts.7z: unknown rule `7z`
{path}: 3 problems
"
        )
    );
    let run = ducha(&["validate", "yuxi", &path, "--format", "json"]);
    assert_eq!(run.status, 1);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(value["valid"], false);
    assert_eq!(value["problems"][1]["code"], "out-of-domain");
    assert_eq!(value["problems"][1]["path"], "facts.12a");
    assert_eq!(value["problems"][1]["id"], "12a");

    let run = ducha(&["validate", "yuxi", &sample()]);
    assert_eq!(run.status, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "{}: valid against `yuxi-shuangsuiji`: 23 of 24 rules assessed; not assessed: 11f（未督促县（市、区）局、分局对口业务股室全量归集许可信息）\n",
            sample()
        )
    );
}

#[test]
fn score_renders_html_markdown_and_csv() {
    let run = ducha(&["score", &sample(), "--format", "html"]);
    assert_eq!(run.status, 0, "{run:?}");
    assert!(run.stdout.starts_with("<!DOCTYPE html>"));
    assert!(run.stdout.contains("<table class=\"ducha-card\""));
    assert_eq!(
        run.stdout.matches("<th scope=\"col\"").count(),
        7,
        "the 7 columns"
    );
    assert!(run.stdout.contains("<td class=\"score\">69.5</td>"));
    assert!(!run.stdout.contains("<script"));

    let run = ducha(&["score", &sample(), "--format", "md"]);
    assert_eq!(run.status, 0, "{run:?}");
    assert!(
        run.stdout
            .contains("\n| 合计 |  | 100 |  |  | 69.5 | 共扣30.5分 |\n")
    );

    let run = ducha(&["score", &sample(), "--format", "csv"]);
    assert_eq!(run.status, 0, "{run:?}");
    assert!(
        run.stdout.starts_with("序号,督查指标,"),
        "no byte-order mark"
    );
    assert!(run.stdout.ends_with("合计,,100,,,69.5,共扣30.5分\r\n"));
    let bom = ducha(&["score", &sample(), "--format", "csv", "--bom"]);
    assert_eq!(
        bom.stdout.strip_prefix('\u{feff}'),
        Some(run.stdout.as_str())
    );
}

/// A JSON-lines batch: a tie (b, c), an incomplete inspection (d), an
/// inspection in error (e) and a line that is not JSON (line 6).
fn batch_file() -> String {
    let full = |extra: &str| {
        let mut facts = vec![
            r#""1a": 0"#,
            r#""2a": false"#,
            r#""2b": false"#,
            r#""3a": 0"#,
            r#""4a": 0"#,
            r#""4b": false"#,
            r#""4c": false"#,
            r#""5a": 0"#,
            r#""6a": 0"#,
            r#""6b": 0"#,
            r#""8a": 0"#,
            r#""9a": 0"#,
            r#""11a": false"#,
            r#""11b": false"#,
            r#""11c": false"#,
            r#""11d": 0"#,
            r#""11e": 0"#,
            r#""11f": 0"#,
            r#""11g": 0"#,
            r#""12a": "1""#,
            r#""12b": 0"#,
            r#""13a": false"#,
            r#""13b": 0"#,
        ];
        facts.push(extra);
        format!("{{\"facts\": {{{}}}}}", facts.join(", "))
    };
    let lines = [
        format!(
            r#"{{"id": "a", "name": "甲局", "inspection": {}}}"#,
            full(r#""7a": 0"#)
        ),
        format!(
            r#"{{"id": "b", "name": "乙局", "inspection": {}}}"#,
            full(r#""7a": 2"#)
        ),
        format!(
            r#"{{"id": "c", "name": "丙局", "inspection": {}}}"#,
            full(r#""7a": 2"#)
        ),
        r#"{"id": "d", "name": "丁局", "inspection": {"facts": {"7a": 1}}}"#.to_owned(),
        r#"{"id": "e", "name": "戊局", "inspection": {"facts": {"12a": 96}}}"#.to_owned(),
        r#"{"id": "f", "#.to_owned(),
    ];
    temp_file("batch.jsonl", (lines.join("\n") + "\n").as_bytes())
}

#[test]
fn batch_ranks_with_ties_and_reports_errors_apart() {
    let file = batch_file();
    let run = ducha(&["batch", "yuxi", &file, "--width", "100"]);
    assert_eq!(run.status, 1, "an entry in error: {run:?}");
    assert_eq!(
        run.stderr, "",
        "nothing on a redirected stderr without --progress"
    );
    let lines: Vec<&str> = run.stdout.lines().collect();
    let row = |id: &str| {
        lines
            .iter()
            .find(|l| l.split_whitespace().nth(1) == Some(id))
            .copied()
            .unwrap_or_default()
    };
    assert!(row("a").starts_with("   1  a "), "{}", run.stdout);
    assert!(row("b").starts_with("  2=  b "), "{}", run.stdout);
    assert!(row("c").starts_with("  2=  c "), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("3 ranked; `=` marks a shared rank (并列)\n")
    );
    assert!(run.stdout.contains(
        "\nnot ranked, incomplete (rules not assessed): 1\n  d 丁局: 99 (23 rules not assessed)\n"
    ));
    assert!(run.stdout.contains(&format!(
        "\nnot ranked, in error: 2\n  error[out-of-domain]: {file}:5: facts.12a: rule `12a` reads a ratio"
    )));
    assert!(
        run.stdout
            .contains(&format!("\n  error[syntax]: {file}:6: "))
    );
    assert!(
        run.stdout.contains("\n7a   "),
        "the clause summary: {}",
        run.stdout
    );
    // The tables fit the width; an error stays one line, as on stderr.
    for line in lines.iter().filter(|l| !l.starts_with("  error")) {
        let w: usize = line
            .chars()
            .map(|c| if c > '\u{2E80}' { 2 } else { 1 })
            .sum();
        assert!(w <= 100, "wider than 100: {line:?}");
    }

    let run = ducha(&["batch", "yuxi", &file, "--format", "json"]);
    assert_eq!(run.status, 1);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(value["rubric"], "yuxi-shuangsuiji");
    let ranking: Vec<(&str, u64, bool)> = value["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap(),
                r["rank"].as_u64().unwrap(),
                r["tied"] == true,
            )
        })
        .collect();
    assert_eq!(ranking, [("a", 1, false), ("b", 2, true), ("c", 2, true)]);
    assert_eq!(value["incomplete"][0]["id"], "d");
    assert_eq!(value["incomplete"][0]["unassessed"], 23);
    let failed: Vec<&str> = value["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(failed, ["out-of-domain", "syntax"]);
    assert_eq!(value["entries"].as_array().unwrap().len(), 6);
    assert_eq!(value["entries"][0]["scorecard"]["score"], "100");
    assert_eq!(value["entries"][5]["source"], format!("{file}:6"));
    assert_eq!(value["summary"]["scored"], 4);

    let run = ducha(&["batch", "yuxi", &file, "--format", "html"]);
    assert_eq!(run.status, 1);
    assert!(run.stdout.contains("<td class=\"rank\" data-rank=\"2\" data-tied=\"true\">2<span class=\"tie\">并列</span></td>"));
    assert!(run.stdout.contains("<table class=\"ducha-rules\">"));
    assert!(
        run.stdout.contains(&format!("error[syntax]: {file}:6: ")),
        "the line not read, listed"
    );

    let run = ducha(&["batch", "yuxi", &file, "--format", "md"]);
    assert!(
        run.stdout
            .contains("\n| 2（并列） | b | 乙局 | 98 |\n| 2（并列） | c | 丙局 | 98 |\n"),
        "{}",
        run.stdout
    );

    let run = ducha(&["batch", "yuxi", &file, "--format", "csv", "--bom"]);
    assert!(
        run.stdout
            .starts_with("\u{feff}名次,并列,编号,名称,得分,等级,状态,说明,")
    );
    assert!(run.stdout.contains("\r\n2,是,b,乙局,98,,排名,,"));
}

#[test]
fn batch_progress_is_plain_lines_on_a_file() {
    let file = batch_file();
    let run = ducha(&["batch", "yuxi", &file, "--progress"]);
    assert_eq!(run.status, 1);
    // Every phase says when it starts or ends, scoring and writing too
    // (they report no steps of their own), in order.
    let phases: Vec<String> = run.stderr.lines().map(str::to_owned).collect();
    let scored = phases.iter().find(|l| l.starts_with("ducha: scored "));
    let n = scored
        .and_then(|l| l.split(' ').nth(2))
        .expect("a scored line")
        .to_owned();
    assert_eq!(
        phases,
        [
            "ducha: read 6 inspections".to_owned(),
            "ducha: parsed 6 inspections".to_owned(),
            format!("ducha: scoring {n} inspections…"),
            format!("ducha: scored {n} inspections"),
            "ducha: writing 6 inspections…".to_owned(),
            "ducha: wrote 6 inspections".to_owned(),
        ],
        "{:?}",
        run.stderr
    );
    assert!(!run.stderr.contains('\r'), "no carriage return in a file");
}

#[test]
fn batch_reads_a_directory_in_name_order() {
    let file = temp_file("a.json", br#"{"facts": {"7a": 1}}"#);
    let dir = Path::new(&file).parent().unwrap().to_path_buf();
    std::fs::write(
        dir.join("b.json"),
        r#"{"name": "乙局", "inspection": {"facts": {"7a": 2}}}"#,
    )
    .unwrap();
    std::fs::write(dir.join(".hidden.json"), "not json").unwrap();
    std::fs::write(dir.join("notes.txt"), "not an inspection").unwrap();
    let dir = dir.to_string_lossy().into_owned();
    let run = ducha(&["batch", "yuxi", &dir, "--format", "json"]);
    assert_eq!(run.status, 0, "{run:?}");
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let entries: Vec<(&str, &str)> = value["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["name"].as_str().unwrap()))
        .collect();
    assert_eq!(
        entries,
        [("a", "a"), ("b", "乙局")],
        "*.json only, hidden files skipped"
    );
    assert_eq!(value["incomplete"].as_array().unwrap().len(), 2);
}

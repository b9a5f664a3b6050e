//! `ducha batch`: many inspections, scored and ranked.
//!
//! The inputs: a directory of inspection files, or a JSON-lines file of
//! entries `{"id", "name", "inspection"}`. Reading is this tool's part; an
//! entry that cannot be read is an entry in error, never the end of the
//! batch.

use std::collections::BTreeMap;
use std::io::{BufRead as _, Read as _};

use ducha::Decimal;
use ducha::batch::{Assessee, Batch, Incomplete};
use ducha::json::{ErrorCode, JsonError};
use ducha::render::{BatchOptions, Unreadable};
use serde::Serialize;

use crate::args::{Args, Format};
use crate::input;
use crate::progress::Progress;
use crate::scan::Scanner;
use crate::{Failure, Output};

/// Why an entry could not be read into an inspection: the one line this
/// tool prints, and the code and message of the JSON report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// `error[code]: SOURCE: message`, one line.
    pub line: String,
    /// The code for the JSON report.
    pub code: ErrorCode,
    /// The message without the code and the source.
    pub message: String,
    /// The JSON path, where the error has one.
    pub path: Option<String>,
}

impl Unread {
    /// A failure of `source` with this code and message.
    fn new(code: ErrorCode, source: &str, message: &str) -> Unread {
        Unread {
            line: input::one_line(&format!("error[{}]: {source}: {message}", code.as_str())),
            code,
            message: message.to_owned(),
            path: None,
        }
    }

    /// A line of [`input::read`] (`error[utf8]: a.json: not UTF-8: …`, or
    /// `error: a.json: no such file or directory` for an I/O error, which
    /// the JSON report gives the code `invalid`).
    fn from_line(source: &str, line: String) -> Unread {
        let (code, rest) = match line
            .strip_prefix("error[")
            .and_then(|rest| rest.split_once("]: "))
        {
            Some((code, rest)) => (
                ErrorCode::ALL
                    .into_iter()
                    .find(|c| c.as_str() == code)
                    .unwrap_or(ErrorCode::Invalid),
                rest,
            ),
            None => (
                ErrorCode::Invalid,
                line.strip_prefix("error: ").unwrap_or(&line),
            ),
        };
        let message = rest
            .strip_prefix(source)
            .and_then(|m| m.strip_prefix(": "))
            .unwrap_or(rest)
            .to_owned();
        Unread {
            code,
            message,
            path: None,
            line,
        }
    }

    /// A library error on the inspection of `source`.
    fn json(source: &str, e: &JsonError) -> Unread {
        Unread {
            line: input::error_line(source, e),
            code: e.code,
            message: e.message.clone(),
            path: input::error_path(e),
        }
    }
}

/// One assessee's inspection, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Where it came from: `dir/a.json`, `list.jsonl:3`.
    pub source: String,
    /// The assessee's id.
    pub id: String,
    /// The assessee's name.
    pub name: String,
    /// The inspection's JSON text, or why it could not be read.
    pub inspection: Result<String, Unread>,
}

/// Reads the entries of a directory or a JSON-lines file.
pub fn read_entries(path: &str, progress: &mut Progress) -> Result<Vec<Entry>, Failure> {
    if input::is_dir(path) {
        read_dir(path, progress)
    } else {
        read_lines(path, progress)
    }
}

/// Every `*.json` file of a directory (not its subdirectories, not hidden
/// files), in name order; the id is the file name without `.json`.
fn read_dir(path: &str, progress: &mut Progress) -> Result<Vec<Entry>, Failure> {
    let name = input::display_name(path);
    let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
    let listing = std::fs::read_dir(path).map_err(|e| input::io_failure(&name, &e))?;
    for item in listing {
        let item = item.map_err(|e| input::io_failure(&name, &e))?;
        let file_name = item.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        if file_name.starts_with('.') || !file_name.ends_with(".json") {
            continue;
        }
        if item.path().is_dir() {
            continue;
        }
        files.push((file_name.to_owned(), item.path()));
    }
    files.sort();
    if files.is_empty() {
        return Err(Failure::Input(format!(
            "error: {name}: no `*.json` inspection files in this directory"
        )));
    }
    let total = files.len();
    let mut entries = Vec::with_capacity(total);
    for (i, (file_name, file_path)) in files.into_iter().enumerate() {
        let stem = file_name.trim_end_matches(".json").to_owned();
        let source = input::display_name(&file_path.to_string_lossy());
        let entry = match input::read(&file_path.to_string_lossy()) {
            Err(Failure::Input(line) | Failure::Usage { message: line, .. }) => Entry {
                inspection: Err(Unread::from_line(&source, line)),
                source,
                id: stem.clone(),
                name: stem,
            },
            Ok(text) => file_entry(source, stem, text),
        };
        entries.push(entry);
        progress.tick("read", i + 1, Some(total));
    }
    progress.done("read", total);
    Ok(entries)
}

/// A file of a directory: an inspection, or an entry with `inspection`.
fn file_entry(source: String, stem: String, text: String) -> Entry {
    let is_entry = entry_members(&text).is_some_and(|m| m.iter().any(|(k, _)| k == "inspection"));
    if !is_entry {
        return Entry {
            source,
            id: stem.clone(),
            name: stem,
            inspection: Ok(text),
        };
    }
    parse_entry(source, Some(&stem), &text)
}

/// The members of a top-level object, as (key, raw value text).
fn entry_members(text: &str) -> Option<Vec<(String, String)>> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut scanner = Scanner::new(text, start);
    let object = scanner.object()?;
    scanner.skip_ws();
    if scanner.pos != text.len() {
        return None;
    }
    object
        .members
        .into_iter()
        .map(|m| Some((m.key, text.get(m.value)?.to_owned())))
        .collect()
}

/// An entry `{"id", "name", "inspection"}`; `default_id` where the id may
/// be left out (a file's name).
fn parse_entry(source: String, default_id: Option<&str>, text: &str) -> Entry {
    let failed = |source: String, id: String, message: String| Entry {
        inspection: Err(Unread::new(ErrorCode::Invalid, &source, &message)),
        source,
        name: id.clone(),
        id,
    };
    let fallback_id = default_id.map_or_else(|| source.clone(), str::to_owned);
    let Some(members) = entry_members(text) else {
        // Not JSON (said with its line and column), or not an object.
        if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
            return Entry {
                inspection: Err(Unread::new(ErrorCode::Syntax, &source, &e.to_string())),
                source,
                name: fallback_id.clone(),
                id: fallback_id,
            };
        }
        return failed(
            source,
            fallback_id,
            "a batch entry is an object `{\"id\", \"name\", \"inspection\"}`".to_owned(),
        );
    };
    let mut id: Option<String> = None;
    let mut name: Option<String> = None;
    let mut inspection: Option<String> = None;
    for (key, raw) in members {
        let slot = match key.as_str() {
            "id" => &mut id,
            "name" => &mut name,
            "inspection" => &mut inspection,
            other => {
                return failed(
                    source,
                    fallback_id,
                    format!(
                        "unknown field `{other}` in a batch entry, expected `id`, `name` or `inspection`"
                    ),
                );
            }
        };
        if slot.is_some() {
            return failed(source, fallback_id, format!("field `{key}` given twice"));
        }
        if key == "inspection" {
            *slot = Some(raw);
            continue;
        }
        match serde_json::from_str::<String>(&raw) {
            Ok(value) if !value.trim().is_empty() => *slot = Some(value),
            _ => {
                return failed(
                    source,
                    fallback_id,
                    format!("{key}: expected a non-empty string, got `{raw}`"),
                );
            }
        }
    }
    let Some(id) = id.or_else(|| default_id.map(str::to_owned)) else {
        return failed(source, fallback_id, "missing field `id`".to_owned());
    };
    let Some(inspection) = inspection else {
        return failed(source, id, "missing field `inspection`".to_owned());
    };
    Entry {
        source,
        name: name.unwrap_or_else(|| id.clone()),
        id,
        inspection: Ok(inspection),
    }
}

/// The lines of a JSON-lines file (or standard input), each at most the
/// input limit; blank lines skipped.
fn read_lines(path: &str, progress: &mut Progress) -> Result<Vec<Entry>, Failure> {
    let name = input::display_name(path);
    let reader: Box<dyn std::io::Read> = if path == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path).map_err(|e| input::io_failure(&name, &e))?)
    };
    let mut reader = std::io::BufReader::new(reader);
    let limit = ducha::json::MAX_INPUT_BYTES as u64 + 1;
    let mut entries = Vec::new();
    let mut number = 0usize;
    loop {
        number += 1;
        let mut line = Vec::new();
        let read = (&mut reader)
            .take(limit)
            .read_until(b'\n', &mut line)
            .map_err(|e| input::io_failure(&name, &e))?;
        if read == 0 {
            break;
        }
        let source = format!("{name}:{number}");
        if line.len() as u64 == limit && line.last() != Some(&b'\n') {
            // Skip the rest of the overlong line.
            let mut rest = Vec::new();
            reader
                .read_until(b'\n', &mut rest)
                .map_err(|e| input::io_failure(&name, &e))?;
            entries.push(Entry {
                inspection: Err(Unread::new(
                    ErrorCode::Limit,
                    &source,
                    &format!(
                        "line longer than {} bytes, the input limit",
                        ducha::json::MAX_INPUT_BYTES
                    ),
                )),
                id: source.clone(),
                name: source.clone(),
                source,
            });
            continue;
        }
        let Ok(text) = String::from_utf8(line) else {
            entries.push(Entry {
                inspection: Err(Unread::new(ErrorCode::Utf8, &source, "not UTF-8")),
                id: source.clone(),
                name: source.clone(),
                source,
            });
            continue;
        };
        let text = text.trim_end_matches(['\n', '\r']);
        if text.trim().is_empty() {
            continue;
        }
        entries.push(parse_entry(source, None, text));
        progress.tick("read", entries.len(), None);
    }
    if entries.is_empty() {
        return Err(Failure::Input(format!(
            "error: {name}: no inspections (a JSON-lines file has one entry per line)"
        )));
    }
    progress.done("read", entries.len());
    Ok(entries)
}

/// Where an entry of the input went: to the library's batch (its index
/// there), or nowhere, as it could not be read.
#[derive(Debug)]
enum Slot {
    Scored(usize),
    Unread(Unread),
}

/// The assessees to score, and each entry's slot: an entry whose
/// inspection does not parse, or whose id an earlier entry has, is not
/// scored.
fn prepare(entries: &[Entry], progress: &mut Progress) -> (Vec<Assessee>, Vec<Slot>) {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    let mut assessees = Vec::with_capacity(entries.len());
    let mut slots = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let slot = match &entry.inspection {
            Err(unread) => Slot::Unread(unread.clone()),
            Ok(_) if seen.contains_key(entry.id.as_str()) => Slot::Unread(Unread::new(
                ErrorCode::Invalid,
                &entry.source,
                &format!(
                    "assessee id `{}` is also the id of {}",
                    entry.id,
                    seen.get(entry.id.as_str()).copied().unwrap_or_default()
                ),
            )),
            Ok(text) => match ducha::json::parse_inspection(text) {
                Ok(inspection) => {
                    assessees.push(Assessee::new(
                        entry.id.clone(),
                        entry.name.clone(),
                        inspection,
                    ));
                    Slot::Scored(assessees.len() - 1)
                }
                Err(e) => Slot::Unread(Unread::json(&entry.source, &e)),
            },
        };
        seen.entry(entry.id.as_str())
            .or_insert(entry.source.as_str());
        slots.push(slot);
        progress.tick("parsed", i + 1, Some(entries.len()));
    }
    (assessees, slots)
}

pub fn run(args: &Args) -> Result<Output, Failure> {
    let [rubric_spec, source] = args.positionals.as_slice() else {
        return Err(Failure::Usage {
            message: "`ducha batch` needs a rubric and a directory or a JSON-lines file".to_owned(),
            command: Some(args.command),
        });
    };
    let (engine, _) = input::load_rubric(rubric_spec, &args.calendars)?;
    let mut progress = Progress::new(args.progress);
    let entries = read_entries(source, &mut progress)?;
    let (assessees, slots) = prepare(&entries, &mut progress);
    progress.done("parsed", entries.len());
    let rubric = engine.rubric();
    progress.start("scoring", assessees.len());
    let batch = rubric.evaluate_batch(&assessees);
    progress.done("scored", assessees.len());
    let report = Report::new(&entries, &slots, &batch);
    progress.start("writing", entries.len());
    let text = match args.format {
        Format::Json => report.json(true, true),
        Format::Table | Format::Text => report.table(crate::width(args)),
        Format::Html | Format::Markdown | Format::Csv => {
            crate::render::batch(&batch, &report.options(), args.format, args.bom)
        }
    };
    progress.done("wrote", entries.len());
    Ok(Output {
        text,
        status: u8::from(report.any_failed()),
    })
}

/// A scored batch with the entries this tool read.
struct Report<'r, 'b> {
    entries: &'r [Entry],
    slots: &'r [Slot],
    batch: &'r Batch<'b>,
    /// For each of the batch's entries, the position of its input entry
    /// (found once, so that listing a batch stays linear).
    input_of: Vec<Option<usize>>,
}

/// One entry's outcome, for this tool's own listing.
enum Outcome<'r> {
    Scored(&'r ducha::Scorecard<'r>),
    Failed(&'r ducha::EvalError),
    Unread(&'r Unread),
}

impl<'r, 'b> Report<'r, 'b> {
    fn new(entries: &'r [Entry], slots: &'r [Slot], batch: &'r Batch<'b>) -> Report<'r, 'b> {
        let mut input_of = vec![None; batch.entries().len()];
        for (at, slot) in slots.iter().enumerate() {
            if let Slot::Scored(i) = slot
                && let Some(place) = input_of.get_mut(*i)
            {
                *place = Some(at);
            }
        }
        Report {
            entries,
            slots,
            batch,
            input_of,
        }
    }

    fn outcome(&self, slot: &'r Slot) -> Option<Outcome<'r>> {
        match slot {
            Slot::Unread(unread) => Some(Outcome::Unread(unread)),
            Slot::Scored(i) => Some(match &self.batch.entries().get(*i)?.result {
                Ok(card) => Outcome::Scored(card),
                Err(e) => Outcome::Failed(e),
            }),
        }
    }

    /// Every entry with its outcome, in input order.
    fn outcomes(&self) -> impl Iterator<Item = (usize, &'r Entry, Outcome<'r>)> + '_ {
        self.entries
            .iter()
            .zip(self.slots)
            .enumerate()
            .filter_map(|(i, (entry, slot))| Some((i, entry, self.outcome(slot)?)))
    }

    fn any_failed(&self) -> bool {
        self.outcomes()
            .any(|(_, _, o)| !matches!(o, Outcome::Scored(_)))
    }

    /// The entry of the batch's entry `index`.
    fn entry_of(&self, index: usize) -> Option<&'r Entry> {
        let at = self.input_of.get(index).copied().flatten()?;
        self.entries.get(at)
    }

    /// The one-line error of a failed outcome.
    fn error_line(entry: &Entry, outcome: &Outcome<'_>) -> Option<String> {
        match outcome {
            Outcome::Scored(_) => None,
            Outcome::Failed(e) => Some(input::error_line(
                &entry.source,
                &JsonError::from((*e).clone()),
            )),
            Outcome::Unread(unread) => Some(unread.line.clone()),
        }
    }

    /// The renderers' options: the entries not read listed as failed.
    fn options(&self) -> BatchOptions {
        let mut options = BatchOptions::new();
        for (_, entry, outcome) in self.outcomes() {
            if let Outcome::Unread(unread) = outcome {
                options = options.with_unreadable(Unreadable::new(
                    entry.id.clone(),
                    entry.name.clone(),
                    unread.line.clone(),
                ));
            }
        }
        options
    }

    /// The report as the library's batch JSON (`ducha::json::Engine::
    /// evaluate_batch`), every entry of the input in `entries` and the
    /// entries not read in `failed` too; with `sources`, each entry and
    /// failure also says where it came from (`source`).
    fn json(&self, sources: bool, pretty: bool) -> String {
        let source = |entry: &'r Entry| sources.then_some(entry.source.as_str());
        let ranking = self.batch.ranking_with(Incomplete::Apart);
        let summary = self.batch.summary();
        let entries = self
            .outcomes()
            .map(|(i, entry, outcome)| {
                let (scorecard, error) = match outcome {
                    Outcome::Scored(card) => (Some(card), None),
                    // An evaluation error has no path, as in the library's.
                    Outcome::Failed(e) => (None, Some(JsonError::from(e.clone()))),
                    Outcome::Unread(unread) => (
                        None,
                        Some(within(
                            JsonError {
                                code: unread.code,
                                message: unread.message.clone(),
                                path: unread.path.clone(),
                                id: None,
                            },
                            i,
                        )),
                    ),
                };
                EntryOut {
                    id: &entry.id,
                    name: &entry.name,
                    source: source(entry),
                    scorecard,
                    error,
                }
            })
            .collect();
        let batch_entries = self.batch.entries();
        let ranked = ranking
            .ranked
            .iter()
            .filter_map(|r| {
                let e = batch_entries.get(r.entry)?;
                let card = e.result.as_ref().ok()?;
                Some(RankedOut {
                    rank: r.rank,
                    id: e.id,
                    name: e.name,
                    score: amount(r.score),
                    grade: card.grade(),
                    tied: r.tied,
                    incomplete: !card.is_complete(),
                })
            })
            .collect();
        let incomplete = ranking
            .incomplete
            .iter()
            .filter_map(|&i| {
                let e = batch_entries.get(i)?;
                let card = e.result.as_ref().ok()?;
                Some(IncompleteOut {
                    id: e.id,
                    name: e.name,
                    score: amount(card.score()),
                    unassessed: unassessed(card),
                })
            })
            .collect();
        let failed = self
            .outcomes()
            .filter_map(|(_, entry, outcome)| {
                let code = match outcome {
                    Outcome::Scored(_) => return None,
                    Outcome::Failed(e) => JsonError::from(e.clone()).code,
                    Outcome::Unread(unread) => unread.code,
                };
                Some(FailedOut {
                    id: &entry.id,
                    name: &entry.name,
                    source: source(entry),
                    code,
                })
            })
            .collect();
        let out = BatchOut {
            rubric: self.batch.rubric().id().as_str(),
            entries,
            ranking: ranked,
            incomplete,
            failed,
            summary: &summary,
        };
        if pretty {
            crate::pretty(&out)
        } else {
            // INVARIANT: strings, numbers and the library's types, which
            // always serialize.
            serde_json::to_string(&out).unwrap_or_default()
        }
    }

    /// The report as terminal tables: the ranking, the entries kept apart,
    /// and the clauses that cost the most.
    fn table(&self, total: usize) -> String {
        use crate::wrap::{shown, width};
        let rubric = self.batch.rubric();
        let ranking = self.batch.ranking_with(Incomplete::Apart);
        let batch_entries = self.batch.entries();
        let graded = !rubric.spec().grades.is_empty();
        let ranked: Vec<(String, &Entry, &ducha::Scorecard<'_>)> = ranking
            .ranked
            .iter()
            .filter_map(|r| {
                let card = batch_entries.get(r.entry)?.result.as_ref().ok()?;
                let entry = self.entry_of(r.entry)?;
                let rank = if r.tied {
                    format!("{}=", r.rank)
                } else {
                    r.rank.to_string()
                };
                Some((rank, entry, card))
            })
            .collect();
        let id_width = self
            .entries
            .iter()
            .map(|e| width(&shown(&e.id)))
            .chain([width("编号")])
            .max()
            .unwrap_or(4)
            .min(20);
        let rank_width = ranked
            .iter()
            .map(|(rank, _, _)| width(rank))
            .chain([width("名次")])
            .max()
            .unwrap_or(4);
        let number = 6;
        let grade_width = if graded {
            ranked
                .iter()
                .filter_map(|(_, _, card)| card.grade())
                .map(|g| width(&shown(g)))
                .chain([width("等级")])
                .max()
                .unwrap_or(4)
                .min(12)
        } else {
            0
        };
        let columns = if graded { 6 } else { 5 };
        let fixed = rank_width + id_width + 2 * number + grade_width + (columns - 1) * 2;
        let longest_name = self
            .entries
            .iter()
            .map(|e| width(&shown(&e.name)))
            .max()
            .unwrap_or(4)
            .max(width("名称"));
        let name_width = total.saturating_sub(fixed).clamp(10, 60).min(longest_name);
        let mut widths = vec![rank_width, id_width, name_width, number, number];
        let mut right = vec![true, false, false, true, true];
        let mut heading = vec!["名次", "编号", "名称", "得分", "扣分"];
        if graded {
            widths.push(grade_width);
            right.push(false);
            heading.push("等级");
        }
        let mut out = String::new();
        for line in crate::wrap::wrap(&format!("{}：排名", rubric.title()), total) {
            out.push_str(&line);
            out.push('\n');
        }
        let mut table = crate::table::Table::new(widths);
        table.rule();
        table.row(&heading, &[]);
        table.rule();
        for (rank, entry, card) in &ranked {
            let score = amount(card.score());
            let deducted = amount(card.deducted());
            let mut cells: Vec<&str> = vec![rank, &entry.id, &entry.name, &score, &deducted];
            if graded {
                cells.push(card.grade().unwrap_or(""));
            }
            table.row(&cells, &right);
        }
        table.rule();
        out.push_str(&table.finish());
        let tied = ranking.ranked.iter().any(|r| r.tied);
        out.push_str(&format!(
            "{} ranked{}\n",
            ranked.len(),
            if tied {
                "; `=` marks a shared rank (并列)"
            } else {
                ""
            }
        ));
        let incomplete: Vec<(&Entry, &ducha::Scorecard<'_>)> = ranking
            .incomplete
            .iter()
            .filter_map(|&i| {
                let card = batch_entries.get(i)?.result.as_ref().ok()?;
                Some((self.entry_of(i)?, card))
            })
            .collect();
        if !incomplete.is_empty() {
            out.push_str(&format!(
                "\nnot ranked, incomplete (rules not assessed): {}\n",
                incomplete.len()
            ));
            for (entry, card) in incomplete {
                out.push_str(&input::one_line(&format!(
                    "  {} {}: {} ({} rule{} not assessed)",
                    entry.id,
                    entry.name,
                    amount(card.score()),
                    unassessed(card),
                    crate::plural(unassessed(card)),
                )));
                out.push('\n');
            }
        }
        let errors: Vec<String> = self
            .outcomes()
            .filter_map(|(_, entry, outcome)| Self::error_line(entry, &outcome))
            .collect();
        if !errors.is_empty() {
            out.push_str(&format!("\nnot ranked, in error: {}\n", errors.len()));
            for line in errors {
                out.push_str("  ");
                out.push_str(&line);
                out.push('\n');
            }
        }
        out.push_str(&clause_table(self.batch, total));
        out
    }
}

/// The clauses that cost points, costliest first: how many lost points on
/// each, the total, mean and largest deduction, and the clause.
fn clause_table(batch: &Batch<'_>, total: usize) -> String {
    use crate::wrap::width;
    let summary = batch.summary();
    let costliest = summary.costliest();
    if summary.scored == 0 {
        return String::new();
    }
    let mut out = format!(
        "\n各条款扣分（{}个已评分，扣分最多者在前）：{}\n",
        summary.scored,
        if costliest.is_empty() {
            "无扣分"
        } else {
            ""
        }
    );
    if costliest.is_empty() {
        return out;
    }
    let rubric = batch.rubric();
    let id_width = costliest
        .iter()
        .map(|r| width(&r.id))
        .chain([width("条款")])
        .max()
        .unwrap_or(4)
        .min(20);
    let numbers = [
        width("失分单位"),
        width("合计扣分"),
        width("平均扣分"),
        width("最多扣分"),
    ];
    let fixed = id_width + numbers.iter().sum::<usize>() + 5 * 2;
    let longest = costliest
        .iter()
        .filter_map(|r| rubric.rule(&r.id))
        .map(|rule| width(&crate::wrap::shown(&rule.label)))
        .max()
        .unwrap_or(0)
        .max(width("内容"));
    let label_width = total.saturating_sub(fixed).max(16).min(longest);
    let mut widths = vec![id_width];
    widths.extend(numbers);
    widths.push(label_width);
    let right = [false, true, true, true, true, false];
    let mut table = crate::table::Table::new(widths);
    table.row(
        &[
            "条款",
            "失分单位",
            "合计扣分",
            "平均扣分",
            "最多扣分",
            "内容",
        ],
        &[],
    );
    table.rule();
    for r in costliest {
        let label = rubric
            .rule(&r.id)
            .map(|rule| rule.label.as_str())
            .unwrap_or("");
        let lost = format!("{}/{}", r.lost, r.assessed);
        table.row(
            &[
                &r.id,
                &lost,
                &amount(r.deducted),
                &amount(r.mean),
                &amount(r.max),
                label,
            ],
            &right,
        );
    }
    out.push_str(&table.finish());
    out
}

/// An amount as the library prints it.
fn amount(d: Decimal) -> String {
    d.normalize().to_string()
}

/// The rules a scorecard did not assess (and that apply).
fn unassessed(card: &ducha::Scorecard<'_>) -> usize {
    card.rules()
        .filter(|r| !r.assessed() && r.applicable())
        .count()
}

/// `e`, from the inspection of entry `index`, with its path from the
/// batch's root, as the library's batch JSON gives it.
fn within(mut e: JsonError, index: usize) -> JsonError {
    let root = format!("assessees[{index}].inspection");
    e.path = Some(match e.path.take() {
        Some(path) if path.starts_with('[') => format!("{root}{path}"),
        Some(path) => format!("{root}.{path}"),
        None => root,
    });
    e
}

// The library's batch JSON (`ducha::json::Engine::evaluate_batch`), field
// for field, with `source` added where this tool knows it.

#[derive(Debug, Serialize)]
struct BatchOut<'b> {
    rubric: &'b str,
    entries: Vec<EntryOut<'b>>,
    ranking: Vec<RankedOut<'b>>,
    incomplete: Vec<IncompleteOut<'b>>,
    failed: Vec<FailedOut<'b>>,
    summary: &'b ducha::batch::Summary,
}

#[derive(Debug, Serialize)]
struct EntryOut<'b> {
    id: &'b str,
    name: &'b str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'b str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scorecard: Option<&'b ducha::Scorecard<'b>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<JsonError>,
}

#[derive(Debug, Serialize)]
struct RankedOut<'b> {
    rank: usize,
    id: &'b str,
    name: &'b str,
    score: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    grade: Option<&'b str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    tied: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    incomplete: bool,
}

#[derive(Debug, Serialize)]
struct IncompleteOut<'b> {
    id: &'b str,
    name: &'b str,
    score: String,
    unassessed: usize,
}

#[derive(Debug, Serialize)]
struct FailedOut<'b> {
    id: &'b str,
    name: &'b str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'b str>,
    code: ErrorCode,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_read_strictly() {
        let ok = parse_entry(
            "l:1".into(),
            None,
            r#"{"id": "a", "name": "甲局", "inspection": {"facts": {"12a": 0.99999999999999999}}}"#,
        );
        assert_eq!(ok.id, "a");
        assert_eq!(ok.name, "甲局");
        assert_eq!(
            ok.inspection,
            Ok(r#"{"facts": {"12a": 0.99999999999999999}}"#.to_owned()),
            "the inspection's own bytes, numbers exact"
        );
        let no_name = parse_entry("l:1".into(), None, r#"{"id": "a", "inspection": {}}"#);
        assert_eq!(no_name.name, "a", "the name defaults to the id");
        let cases = [
            (
                r#"{"name": "x", "inspection": {}}"#,
                "error[invalid]: l:1: missing field `id`",
            ),
            (
                r#"{"id": "a"}"#,
                "error[invalid]: l:1: missing field `inspection`",
            ),
            (
                r#"{"id": "a", "inspection": {}, "score": 1}"#,
                "error[invalid]: l:1: unknown field `score` in a batch entry, expected `id`, `name` or `inspection`",
            ),
            (
                r#"{"id": 7, "inspection": {}}"#,
                "error[invalid]: l:1: id: expected a non-empty string, got `7`",
            ),
            (
                r#"{"id": "a", "id": "b", "inspection": {}}"#,
                "error[invalid]: l:1: field `id` given twice",
            ),
            (
                "[1, 2]",
                "error[invalid]: l:1: a batch entry is an object `{\"id\", \"name\", \"inspection\"}`",
            ),
        ];
        for (line, expected) in cases {
            let entry = parse_entry("l:1".into(), None, line);
            assert_eq!(
                entry.inspection.map_err(|u| u.line),
                Err(expected.to_owned()),
                "{line}"
            );
        }
        let syntax = parse_entry("l:1".into(), None, r#"{"id": "a", "#);
        let unread = syntax.inspection.unwrap_err();
        assert!(
            unread.line.starts_with("error[syntax]: l:1: "),
            "{unread:?}"
        );
        assert_eq!(unread.code, ErrorCode::Syntax);
        assert!(
            !unread.message.starts_with("l:1"),
            "the message alone: {unread:?}"
        );
    }

    #[test]
    fn a_file_is_an_inspection_or_an_entry() {
        let plain = file_entry("d/a.json".into(), "a".into(), r#"{"facts": {}}"#.into());
        assert_eq!((plain.id.as_str(), plain.name.as_str()), ("a", "a"));
        assert_eq!(plain.inspection, Ok(r#"{"facts": {}}"#.to_owned()));
        let entry = file_entry(
            "d/a.json".into(),
            "a".into(),
            r#"{"name": "甲局", "inspection": {"facts": {}}}"#.into(),
        );
        assert_eq!(
            (entry.id.as_str(), entry.name.as_str()),
            ("a", "甲局"),
            "the id from the file name"
        );
        assert_eq!(entry.inspection, Ok(r#"{"facts": {}}"#.to_owned()));
    }

    #[test]
    fn read_failures_keep_their_code() {
        let io = Unread::from_line("d/a.json", "error: d/a.json: permission denied".to_owned());
        assert_eq!(
            (io.code, io.message.as_str()),
            (ErrorCode::Invalid, "permission denied")
        );
        assert_eq!(
            io.line, "error: d/a.json: permission denied",
            "printed as read"
        );
        let utf8 = Unread::from_line(
            "d/a.json",
            "error[utf8]: d/a.json: not UTF-8: invalid byte at offset 3".to_owned(),
        );
        assert_eq!(utf8.code, ErrorCode::Utf8);
        assert_eq!(utf8.message, "not UTF-8: invalid byte at offset 3");
    }

    /// The entries of JSON lines, read, parsed and scored.
    fn scored(lines: &[&str]) -> (Vec<Entry>, ducha::Rubric) {
        let entries = lines
            .iter()
            .enumerate()
            .map(|(i, l)| parse_entry(format!("l.jsonl:{}", i + 1), None, l))
            .collect();
        (entries, ducha::seed::yuxi())
    }

    #[test]
    fn json_is_the_library_s_batch_json() {
        let lines = [
            r#"{"id": "a", "name": "甲局", "inspection": {"facts": {"7a": 2, "2b": true}}}"#,
            r#"{"id": "b", "name": "乙局", "inspection": {"facts": {"7a": 2, "2b": true}}}"#,
            r#"{"id": "c", "inspection": {"facts": {"12a": 96}}}"#,
            r#"{"id": "d", "name": "丁局", "inspection": {"period": {"from": "2026-01-01", "to": "2026-12-31"}, "facts": {"1a": 4, "2a": false, "2b": false, "3a": 0, "4a": 0, "4b": false, "4c": false, "5a": 0, "6a": 0, "6b": 0, "7a": 0, "8a": 0, "9a": 0, "11a": false, "11b": false, "11c": false, "11d": 0, "11e": 0, "11f": 0, "11g": 0, "12a": "1", "12b": 0, "13a": false, "13b": 0}}}"#,
        ];
        let (entries, rubric) = scored(&lines);
        let (assessees, slots) = prepare(&entries, &mut Progress::new(false));
        let batch = rubric.evaluate_batch(&assessees);
        let report = Report::new(&entries, &slots, &batch);
        let document = format!(r#"{{"assessees": [{}]}}"#, lines.join(","));
        let expected = ducha::json::Engine::seed()
            .evaluate_batch(&document)
            .unwrap();
        assert_eq!(report.json(false, false), expected, "byte for byte");
        assert!(
            expected.contains(r#""ranking":[{"rank":1,"id":"d","name":"丁局","score":"92"}]"#),
            "{expected}"
        );

        // With sources, each entry and failure says where it came from.
        let value: serde_json::Value = serde_json::from_str(&report.json(true, true)).unwrap();
        assert_eq!(value["entries"][2]["source"], "l.jsonl:3");
        assert_eq!(value["failed"][0]["source"], "l.jsonl:3");
        assert_eq!(value["failed"][0]["code"], "out-of-domain");
        assert!(report.any_failed());
    }

    #[test]
    fn entries_not_read_are_failed_entries_of_the_report() {
        let lines = [
            r#"{"id": "a", "inspection": {"facts": {"7a": 2}}}"#,
            r#"{"id": "b", "inspection": {"facts": {"7a": [{"start": "2026-13-01"}]}}}"#,
            r#"{"id": "a", "inspection": {"facts": {}}}"#,
            r#"{"id": "c", "#,
        ];
        let (entries, rubric) = scored(&lines);
        let (assessees, slots) = prepare(&entries, &mut Progress::new(false));
        assert_eq!(
            assessees.len(),
            1,
            "only the first parses and has its own id"
        );
        let batch = rubric.evaluate_batch(&assessees);
        let report = Report::new(&entries, &slots, &batch);
        let value: serde_json::Value = serde_json::from_str(&report.json(true, false)).unwrap();
        let failed: Vec<(&str, &str)> = value["failed"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["id"].as_str().unwrap(), f["code"].as_str().unwrap()))
            .collect();
        assert_eq!(
            failed,
            [("b", "invalid"), ("a", "invalid"), ("l.jsonl:4", "syntax")]
        );
        let error = &value["entries"][1]["error"];
        assert_eq!(error["path"], "assessees[1].inspection.facts.7a[0].start");
        assert!(
            error["message"]
                .as_str()
                .unwrap()
                .starts_with("invalid date `2026-13-01`")
        );
        assert_eq!(
            value["entries"][2]["error"]["message"],
            "assessee id `a` is also the id of l.jsonl:1"
        );

        let text = report.table(100);
        assert!(text.contains("\nnot ranked, in error: 3\n"), "{text}");
        assert!(
            text.contains(
                "  error[invalid]: l.jsonl:2: facts.7a[0].start: invalid date `2026-13-01`"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "  error[invalid]: l.jsonl:3: assessee id `a` is also the id of l.jsonl:1\n"
            ),
            "{text}"
        );
        assert!(text.contains("  error[syntax]: l.jsonl:4: "), "{text}");

        let options = report.options();
        let ids: Vec<&str> = options.unreadable.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["b", "a", "l.jsonl:4"]);
        let page = crate::render::batch(&batch, &options, Format::Html, false);
        assert!(
            page.contains("error[syntax]: l.jsonl:4: "),
            "the page lists them"
        );
    }
}

#!/usr/bin/env python3
"""Write the built-in holiday table, src/calendar/cn.rs, from the data.

The data are the holiday-cn JSON files in tests/data/calendar/cn/ (one per
notice year, MIT licence: see the LICENSE file there), the same files the
test suite checks the built-in calendar against, and the editorial notes in
notes.json beside this script (remarks on notices and days that the JSON
does not carry, and the date of the holiday-cn snapshot).

    python3 tools/holidays/generate.py                 # rewrite src/calendar/cn.rs
    python3 tools/holidays/generate.py --out -         # print it instead
    python3 tools/holidays/generate.py --out FILE --data DIR --notes FILE

The text is formatted with rustfmt (edition 2024, the repository's
rustfmt.toml), as all Rust in the repository is; rustfmt aligns the
trailing comments. Python 3.8 or later, standard library only, and rustfmt
on the PATH (or named by the RUSTFMT environment variable).

The input is checked as strictly as the library reads it: known keys only,
`year` equal to the file name, dates `YYYY-MM-DD` within the year or the
December before it, no date twice, and a note only for a notice or a day
that exists. The years must follow each other without a gap.
"""

import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "calendar" / "cn"
NOTES = Path(__file__).resolve().parent / "notes.json"
OUT = ROOT / "src" / "calendar" / "cn.rs"
RUSTFMT_TOML = ROOT / "rustfmt.toml"

WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
DATE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})\Z")

# The comment at the top of the table. `{first}`, `{last}` and `{snapshot}`
# are filled in.
HEADER = """\
// Built-in working-day schedule of mainland China, {first}-{last}.
//
// Facts from the yearly notices of the General Office of the State Council
// (国务院办公厅关于…部分节假日安排的通知), as collected by the public dataset
// NateScarlet/holiday-cn (MIT licence), snapshot of {snapshot}; generated once
// from its JSON files (`tests/data/calendar/cn/YEAR.json`) and kept by hand since.
// A test checks that every year here equals its JSON file.
//
// One block per notice year. Each entry is
//     (year, month, day, kind, name), // weekday
// with kind `H` = holiday (放假, `isOffDay: true`) and `W` = make-up working
// day (调休上班, `isOffDay: false`). Dates not listed follow the week.
//
// Included by `calendar.rs` with `include!`, inside its private module `cn`:
// items and plain comments only (no inner attributes or `//!` docs).

/// Holiday (放假).
const H: DayKind = DayKind::Holiday;
/// Make-up working day (调休上班).
const W: DayKind = DayKind::MakeupWorkday;

/// The built-in years, ascending.
pub(in crate::calendar) const CN: &[BuiltinYear] = &[
"""


class GenerateError(Exception):
    """A problem with the input or with rustfmt, reported as `generate.py: …`."""


def fail(where, message):
    raise GenerateError(f"{where}: {message}")


def check_keys(where, obj, required, optional=()):
    if not isinstance(obj, dict):
        fail(where, "expected a JSON object")
    unknown = sorted(set(obj) - set(required) - set(optional))
    if unknown:
        fail(where, f"unknown field `{unknown[0]}`")
    missing = [key for key in required if key not in obj]
    if missing:
        fail(where, f"missing field `{missing[0]}`")


def rust_str(where, text):
    """`text` as a Rust string literal."""
    if not isinstance(text, str) or not text:
        fail(where, "expected a non-empty string")
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in text):
        fail(where, f"control character in {text!r}")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def comment(where, text):
    """`text` as the body of a one-line `//` comment."""
    if not isinstance(text, str) or not text or "\n" in text or "\r" in text:
        fail(where, "expected a non-empty one-line string")
    return text


def parse_date(where, text):
    match = DATE.match(text) if isinstance(text, str) else None
    try:
        if match is None:
            raise ValueError
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        fail(where, f"invalid date {text!r}, expected `YYYY-MM-DD`")


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            # Duplicate keys are an error, as in the library.
            return json.load(f, object_pairs_hook=unique_keys(path))
    except (OSError, ValueError) as e:
        raise GenerateError(f"{path}: {e}") from None


def unique_keys(path):
    def hook(pairs):
        obj = {}
        for key, value in pairs:
            if key in obj:
                raise GenerateError(f"{path}: field `{key}` given twice")
            obj[key] = value
        return obj

    return hook


def read_year(path):
    """One holiday-cn file: (year, papers, days), days sorted by date."""
    doc = load_json(path)
    check_keys(path, doc, ["year", "papers", "days"], ["$schema", "$id"])
    year = doc["year"]
    if not isinstance(year, int) or isinstance(year, bool) or str(year) != path.stem:
        fail(path, f"`year` is {year!r}, the file name says {path.stem}")
    papers = doc["papers"]
    if not isinstance(papers, list):
        fail(path, "`papers` must be a list")
    for i, paper in enumerate(papers):
        rust_str(f"{path}: papers[{i}]", paper)
    if not isinstance(doc["days"], list):
        fail(path, "`days` must be a list")
    days = []
    seen = set()
    for i, day in enumerate(doc["days"]):
        where = f"{path}: days[{i}]"
        check_keys(where, day, ["name", "date", "isOffDay"])
        date = parse_date(where, day["date"])
        if not (date.year == year or (date.year == year - 1 and date.month == 12)):
            fail(where, f"{date} is outside {year} and the December before it")
        if date in seen:
            fail(where, f"{date} listed twice")
        seen.add(date)
        if not isinstance(day["isOffDay"], bool):
            fail(where, "`isOffDay` must be true or false")
        rust_str(where, day["name"])
        days.append((date, day["isOffDay"], day["name"]))
    days.sort(key=lambda day: day[0])
    return year, papers, days


def read_notes(path, years):
    """The editorial notes, checked against the data they annotate."""
    notes = load_json(path)
    check_keys(path, notes, ["snapshot", "years"])
    snapshot = parse_date(f"{path}: snapshot", notes["snapshot"])
    if not isinstance(notes["years"], dict):
        fail(path, "`years` must be an object")
    by_year = {}
    for key, entry in notes["years"].items():
        where = f"{path}: years.{key}"
        if not key.isdigit() or int(key) not in years:
            fail(where, "no data file for this year")
        _, papers, days = years[int(key)]
        check_keys(where, entry, [], ["papers", "days"])
        paper_notes = entry.get("papers", {})
        if not isinstance(paper_notes, dict):
            fail(f"{where}.papers", "expected a JSON object")
        for url, text in paper_notes.items():
            if url not in papers:
                fail(f"{where}.papers", f"the year's file lists no notice `{url}`")
            comment(f"{where}.papers", text)
        day_notes = {}
        dates = {day[0] for day in days}
        if not isinstance(entry.get("days", {}), dict):
            fail(f"{where}.days", "expected a JSON object")
        for text, day in entry.get("days", {}).items():
            date = parse_date(f"{where}.days", text)
            if date not in dates:
                fail(f"{where}.days.{text}", "the year's file does not list this date")
            check_keys(f"{where}.days.{text}", day, [], ["before", "note"])
            for field in day.values():
                comment(f"{where}.days.{text}", field)
            day_notes[date] = day
        by_year[int(key)] = (paper_notes, day_notes)
    return snapshot, by_year


def render(years, snapshot, notes):
    first, last = min(years), max(years)
    out = [HEADER.format(first=first, last=last, snapshot=snapshot)]
    for year in sorted(years):
        _, papers, days = years[year]
        paper_notes, day_notes = notes.get(year, ({}, {}))
        out.append(f"    // {year}\n")
        out.append("    BuiltinYear {\n")
        out.append(f"        year: {year},\n")
        out.append("        papers: &[\n")
        for paper in papers:
            if paper in paper_notes:
                out.append(f"            // {paper_notes[paper]}\n")
            out.append(f"            {rust_str('', paper)},\n")
        out.append("        ],\n")
        out.append("        days: &[\n")
        for date, off, name in days:
            day_note = day_notes.get(date, {})
            if "before" in day_note:
                out.append(f"            // {day_note['before']}\n")
            remarks = [WEEKDAYS[date.weekday()]]
            if date.year != year:
                remarks.append(f"in {date.year}: arranged by the {year} notice")
            if "note" in day_note:
                remarks.append(day_note["note"])
            kind = "H" if off else "W"
            out.append(
                f"            ({date.year}, {date.month}, {date.day}, {kind}, "
                f"{rust_str('', name)}), // {'; '.join(remarks)}\n"
            )
        out.append("        ],\n")
        out.append("    },\n")
    out.append("];\n")
    return "".join(out)


def rustfmt(text):
    program = os.environ.get("RUSTFMT") or shutil.which("rustfmt")
    if not program:
        raise GenerateError("rustfmt not found (install it with `rustup component add rustfmt`)")
    try:
        result = subprocess.run(
            [program, "--edition", "2024", "--config-path", str(RUSTFMT_TOML)],
            input=text.encode("utf-8"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except OSError as e:
        raise GenerateError(f"cannot run rustfmt `{program}`: {e}") from None
    if result.returncode != 0:
        raise GenerateError("rustfmt failed:\n" + result.stderr.decode("utf-8", "replace"))
    return result.stdout.decode("utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder of YEAR.json files")
    parser.add_argument("--notes", type=Path, default=NOTES, help="editorial notes (JSON)")
    parser.add_argument("--out", default=str(OUT), help="file to write, `-` for standard output")
    args = parser.parse_args()
    try:
        files = sorted(p for p in args.data.glob("*.json") if re.fullmatch(r"\d{4}", p.stem))
        if not files:
            raise GenerateError(f"{args.data}: no YEAR.json files")
        years = {}
        for path in files:
            year, papers, days = read_year(path)
            years[year] = (year, papers, days)
        gaps = sorted(set(range(min(years), max(years) + 1)) - set(years))
        if gaps:
            raise GenerateError(f"{args.data}: no file for {gaps[0]} (years must follow each other)")
        snapshot, notes = read_notes(args.notes, years)
        text = rustfmt(render(years, snapshot, notes))
    except GenerateError as e:
        print(f"generate.py: {e}", file=sys.stderr)
        return 1
    if args.out == "-":
        sys.stdout.buffer.write(text.encode("utf-8"))
    else:
        Path(args.out).write_bytes(text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

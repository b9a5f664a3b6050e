#!/usr/bin/env bash
# Checks that the built-in holiday table, src/calendar/cn.rs, is what
# tools/holidays/generate.py makes of the holiday-cn files in
# tests/data/calendar/cn/ and the notes in tools/holidays/notes.json.
# Run from anywhere in a clean clone: `bash tools/holidays/ci.sh`.
# Needs python3 and rustfmt; skips with a message where neither can be had.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v python3 >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "installing python3 (apt-get)"
    { apt-get update -qq && apt-get install -y -qq python3; } >/dev/null 2>&1 || true
  fi
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "holidays: python3 is not available and could not be installed; check skipped"
  exit 0
fi
if ! rustfmt --version >/dev/null 2>&1; then
  rustup component add rustfmt >/dev/null 2>&1 || true
fi
if ! rustfmt --version >/dev/null 2>&1; then
  echo "holidays: rustfmt is not available and could not be installed; check skipped"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 tools/holidays/generate.py --out "$tmp/cn.rs"
if ! cmp -s "$tmp/cn.rs" src/calendar/cn.rs; then
  echo "FAIL: src/calendar/cn.rs differs from what tools/holidays/generate.py writes:"
  diff -u src/calendar/cn.rs "$tmp/cn.rs" | head -n 60 || true
  echo "Change the data (tests/data/calendar/cn/, tools/holidays/notes.json) and rerun"
  echo "  python3 tools/holidays/generate.py"
  echo "rather than editing the table by hand."
  exit 1
fi
years=$(find tests/data/calendar/cn -maxdepth 1 -name '[0-9][0-9][0-9][0-9].json' | wc -l)
echo "holidays: src/calendar/cn.rs is reproduced byte for byte from $years holiday-cn files"

#!/usr/bin/env bash
# CI of the Python package (packages/python): lints the crate, builds the
# abi3 wheel with maturin in a fresh virtual environment, checks that the
# wheel and the sdist carry the JSON Schemas of schemas/, installs the wheel
# into another fresh environment and runs the pytest suite against the
# installed package (every conformance case byte for byte, errors, dicts,
# Chinese text, threads, the schemas), lints and type-checks the package,
# its tests and its stubs, repeats the tests on Python 3.9 where one is
# installed, and runs the README's example (fewer than 10 lines) from a
# third environment installed with the README's install line.
#
#   bash packages/python/ci.sh          # from the repository root (or anywhere)
#
# Uses cargo's target directory (target/, or CARGO_TARGET_DIR). Exits 0 with
# a message when Python 3.9+, its venv module or PyPI cannot be had;
# otherwise fails on any wrong result.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
export CARGO_TERM_COLOR=never
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
# Nothing written into the source tree (the tests are read from it).
export PYTHONDONTWRITEBYTECODE=1

pkg=packages/python
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

step() { printf '\n== python: %s [%ss]\n' "$*" "$SECONDS"; }
fail() { printf 'FAIL: %s\n' "$*"; exit 1; }
skip() { printf 'SKIPPED: %s\n' "$*"; exit 0; }

step "Rust: clippy and rustfmt of the crate"
cargo clippy -q -p ducha-python --all-targets -- -D warnings
cargo fmt -p ducha-python -- --check

step "Python"
python=$(command -v python3 || true)
[ -n "$python" ] || skip "no python3 here; the Python package was not built"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 9))' ||
  skip "$("$python" --version 2>&1) is older than 3.9, the package's minimum; not built"
"$python" --version

# A fresh virtual environment at $1, or an explanation on standard error.
venv() {
  "$2" -m venv "$1" 2>"$tmp/venv.err" && return 0
  # Debian splits venv out of python3.
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    minor=$("$2" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    apt-get install -y -qq "python$minor-venv" >/dev/null 2>&1 ||
      apt-get install -y -qq python3-venv >/dev/null 2>&1 || true
    rm -rf "$1"
    "$2" -m venv "$1" 2>"$tmp/venv.err" && return 0
  fi
  cat "$tmp/venv.err" >&2
  return 1
}

step "build environment: maturin from PyPI"
venv "$tmp/build" "$python" || skip "no working venv for $python; the Python package was not built"
"$tmp/build/bin/pip" install -q 'maturin>=1.9.4,<2' pytest ||
  skip "could not install maturin from PyPI here; the Python package was not built"
"$tmp/build/bin/maturin" --version

step "the abi3 wheel (maturin build --release)"
"$tmp/build/bin/maturin" build --release --manifest-path "$pkg/Cargo.toml" \
  --interpreter "$tmp/build/bin/python" --out "$tmp/wheels"
wheels=("$tmp"/wheels/ducha-*-cp39-abi3-*.whl)
[ "${#wheels[@]}" -eq 1 ] && [ -f "${wheels[0]}" ] ||
  fail "expected one ducha-*-cp39-abi3-*.whl, got: $(ls "$tmp/wheels")"
wheel=${wheels[0]}
echo "wheel: $(basename "$wheel") ($(wc -c <"$wheel" | tr -d ' ') bytes)"
# What the wheel must carry besides the extension module, and the JSON
# Schemas: exactly schemas/*.json, as ducha/schemas/, byte for byte.
"$tmp/build/bin/python" - "$wheel" schemas <<'EOF' || fail "the wheel is incomplete"
import pathlib, sys, zipfile
wheel = zipfile.ZipFile(sys.argv[1])
names = set(wheel.namelist())
need = {"ducha/__init__.py", "ducha/_native.pyi", "ducha/py.typed", "ducha/_native.abi3.so"}
missing = need - names
if missing:
    print("missing from the wheel:", sorted(missing))
    sys.exit(1)
schemas = sorted(pathlib.Path(sys.argv[2]).glob("*.json"))
shipped = sorted(n for n in names if n.startswith("ducha/schemas/"))
if shipped != [f"ducha/schemas/{p.name}" for p in schemas]:
    print("ducha/schemas/ in the wheel:", shipped, "but schemas/ has", [p.name for p in schemas])
    sys.exit(1)
for p in schemas:
    if wheel.read(f"ducha/schemas/{p.name}") != p.read_bytes():
        print(f"the wheel's ducha/schemas/{p.name} differs from schemas/{p.name}")
        sys.exit(1)
print(f"schemas: ducha/schemas/ holds the {len(schemas)} files of schemas/, byte for byte")
EOF

step "the sdist carries the schemas too (maturin sdist)"
"$tmp/build/bin/maturin" sdist --manifest-path "$pkg/Cargo.toml" --out "$tmp/sdist" >"$tmp/sdist.log" 2>&1 ||
  { cat "$tmp/sdist.log"; fail "maturin sdist"; }
sdists=("$tmp"/sdist/ducha-*.tar.gz)
[ -f "${sdists[0]}" ] || fail "maturin sdist wrote no ducha-*.tar.gz"
tar tzf "${sdists[0]}" | sed -n 's:^[^/]*/python/ducha/schemas/::p' | sort >"$tmp/sdist.schemas"
(cd schemas && ls -- *.json | sort) | diff - "$tmp/sdist.schemas" ||
  fail "the sdist's python/ducha/schemas/ is not schemas/*.json (above), so a wheel built from it would lack them"
echo "$(basename "${sdists[0]}"): python/ducha/schemas/ holds $(wc -l <"$tmp/sdist.schemas" | tr -d ' ') schemas"

# Runs the test suite with the Python of the environment $1, from outside
# the repository, against the package installed there.
run_tests() {
  (cd "$tmp" && DUCHA_REPO="$root" DUCHA_TEST_INSTALLED=1 \
    "$1/bin/python" -m pytest -p no:cacheprovider -q "$root/$pkg/tests")
}

step "test environment: the wheel and pytest"
venv "$tmp/test" "$python" || fail "a second venv could not be made"
"$tmp/test/bin/pip" install -q "$wheel" pytest jsonschema || fail "the wheel or pytest did not install"
where=$(cd "$tmp" && "$tmp/test/bin/python" -c 'import ducha; print(ducha.__file__)')
case "$where" in
  "$tmp/test/"*) echo "ducha imported from $where" ;;
  *) fail "ducha imported from $where, not from the test environment" ;;
esac

step "pytest against the installed package"
run_tests "$tmp/test" || fail "the Python tests failed"

step "lint and types: ruff, mypy --strict on the package and the tests, stubtest on the stubs"
if "$tmp/test/bin/pip" install -q mypy ruff; then
  (cd "$root/$pkg" && "$tmp/test/bin/ruff" check --no-cache . && "$tmp/test/bin/ruff" format --no-cache --check .) ||
    fail "ruff: the Python code"
  (cd "$tmp" && "$tmp/test/bin/python" -m mypy --strict --cache-dir "$tmp/mypy" -p ducha) ||
    fail "mypy: the installed package"
  (cd "$root/$pkg/tests" && "$tmp/test/bin/python" -m mypy --strict --cache-dir "$tmp/mypy" .) ||
    fail "mypy: the tests"
  (cd "$tmp" && "$tmp/test/bin/python" -m mypy.stubtest ducha._native) ||
    fail "stubtest: _native.pyi differs from the native module"
else
  echo "could not install mypy and ruff from PyPI here; the lint and type checks were skipped"
fi

step "the oldest supported Python (3.9), if installed"
py39=""
for candidate in python3.9 "$(pyenv root 2>/dev/null || echo /nonexistent)"/versions/3.9*/bin/python3.9; do
  if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 9))' >/dev/null 2>&1; then
    py39=$candidate
    break
  fi
done
if [ -n "$py39" ] && venv "$tmp/py39" "$py39" 2>/dev/null &&
  "$tmp/py39/bin/pip" install -q "$wheel" pytest; then
  "$tmp/py39/bin/python" --version
  run_tests "$tmp/py39" || fail "the Python tests failed on Python 3.9"
else
  echo "no usable Python 3.9 here; the tests ran on $("$python" --version 2>&1) only"
fi

step "the README: its install line, then its example"
readme=$pkg/README.md
install=$(sed -n '/^```sh$/,/^```$/{/^pip install/p}' "$readme" | head -n 1 | sed 's/ *#.*$//')
[ "$install" = "pip install ./packages/python" ] ||
  fail "the README's first install line is \`$install\`, not \`pip install ./packages/python\`"
venv "$tmp/readme" "$python" || fail "a third venv could not be made"
# The install line as a user runs it: pip builds the package from the
# source tree with maturin (reusing cargo's build from above).
(cd "$root" && "$tmp/readme/bin/${install%% *}" ${install#pip } -q) || fail "\`$install\` failed"
awk '/^```python$/ {n++; next} /^```$/ && n == 1 {exit} n == 1 {print}' "$readme" >"$tmp/example.py"
lines=$(grep -c . "$tmp/example.py" || true)
[ "$lines" -ge 1 ] && [ "$lines" -lt 10 ] || fail "the README's example has $lines non-empty lines (fewer than 10 wanted)"
(cd "$root" && "$tmp/readme/bin/python" "$tmp/example.py") >"$tmp/example.out" ||
  { cat "$tmp/example.out"; fail "the README's example failed"; }
cat "$tmp/example.out"
[ "$(sed -n 1p "$tmp/example.out")" = "69.5" ] || fail "the README's example: the seed sample did not score 69.5"
grep -qx 'unknown-rule 7z' "$tmp/example.out" || fail "the README's example: no unknown-rule error"

step "python done"

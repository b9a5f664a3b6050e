#!/usr/bin/env bash
# CI of the embedding wrapper (examples/ffi): lints and unit-tests it,
# builds the C library, compiles and runs the C program with gcc (linked
# statically, then dynamically), builds the WebAssembly module, runs the
# Node script, prints the module's size; also scores through Python's
# ctypes. The C program, the Node script and the Python script each run
# every case of tests/conformance, byte for byte.
#
#   bash examples/ffi/ci.sh          # from the repository root (or anywhere)
#
# Uses cargo's target directory (target/, or CARGO_TARGET_DIR). Skips the
# WebAssembly part with a message if the wasm32-unknown-unknown target
# cannot be installed, the Node script if `node` is missing, the Python
# script if `python3` is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TERM_COLOR=never

ffi=examples/ffi
sample=examples/data/yuxi-sample.json
cases=tests/conformance
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

step() { printf '\n== ffi: %s [%ss]\n' "$*" "$SECONDS"; }
fail() { printf 'FAIL: %s\n' "$*"; exit 1; }

# cargo's target directory, wherever it is configured.
target=$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
  sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
target=${target:-${CARGO_TARGET_DIR:-target}}

# The release profile of the WebAssembly module (optimised for speed: see
# the README's table), defined here
# so that the workspace's own profiles stay untouched.
wasm_profile=(
  --profile wasm-release
  --config 'profile.wasm-release.inherits="release"'
  --config 'profile.wasm-release.opt-level=2'
  --config 'profile.wasm-release.lto=true'
  --config 'profile.wasm-release.codegen-units=1'
  --config 'profile.wasm-release.panic="abort"'
  --config 'profile.wasm-release.strip=true'
)

step "Rust: clippy and the boundary's unit tests"
cargo clippy -q -p ducha-ffi --all-targets -- -D warnings
cargo test -q -p ducha-ffi --lib

step "C library (debug build: static and dynamic)"
cargo build -p ducha-ffi
lib="$target/debug"
[ -f "$lib/libducha_ffi.a" ] || fail "no static library at $lib/libducha_ffi.a"
[ -f "$lib/libducha_ffi.so" ] || [ -f "$lib/libducha_ffi.dylib" ] ||
  fail "no dynamic library in $lib"

cflags=(-Wall -Wextra -Werror -std=c11 -O1 -I "$ffi/include")

step "C program, linked statically (gcc)"
# The system libraries Rust's standard library needs on Linux, as printed
# by `cargo rustc -p ducha-ffi --crate-type staticlib -- --print native-static-libs`.
gcc "${cflags[@]}" "$ffi/c/score.c" "$lib/libducha_ffi.a" \
  -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc -o "$tmp/score-static"
"$tmp/score-static" "$sample" "$cases" || fail "the C program (static) disagrees"

step "C program, linked dynamically (gcc)"
gcc "${cflags[@]}" "$ffi/c/score.c" -L "$lib" -lducha_ffi \
  -Wl,-rpath,"$(cd "$lib" && pwd)" -pthread -o "$tmp/score-dynamic"
"$tmp/score-dynamic" "$sample" "$cases" >"$tmp/dynamic.out" ||
  { cat "$tmp/dynamic.out"; fail "the C program (dynamic) disagrees"; }
tail -n 1 "$tmp/dynamic.out"

step "Python (ctypes), linked dynamically"
if command -v python3 >/dev/null 2>&1; then
  dylib="$lib/libducha_ffi.so"
  [ -f "$dylib" ] || dylib="$lib/libducha_ffi.dylib"
  python3 "$ffi/python/score.py" "$dylib" "$sample" "$cases" >"$tmp/python.out" ||
    { cat "$tmp/python.out"; fail "the Python script disagrees"; }
  tail -n 1 "$tmp/python.out"
else
  echo "python3 not found here; the Python script was skipped"
fi

step "WebAssembly module (wasm32-unknown-unknown, release, optimised for speed)"
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown ||
  rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
  cargo build -p ducha-ffi --target wasm32-unknown-unknown "${wasm_profile[@]}"
  wasm="$target/wasm32-unknown-unknown/wasm-release/ducha_ffi.wasm"
  [ -f "$wasm" ] || fail "no module at $wasm"

  step "Node script"
  if command -v node >/dev/null 2>&1; then
    node "$ffi/node/score.mjs" "$wasm" "$sample" "$cases" || fail "the Node script disagrees"
  else
    echo "node not found here; the Node script was skipped"
  fi
  printf '\nwasm module: %s bytes (%s)\n' "$(wc -c <"$wasm" | tr -d ' ')" "$wasm"
else
  echo "could not install the wasm32-unknown-unknown target here; the WebAssembly build and the Node script were skipped"
fi

step "ffi done"

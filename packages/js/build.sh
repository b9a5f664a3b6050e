#!/usr/bin/env bash
# Builds the WebAssembly module of ducha (examples/ffi, the C ABI wrapper)
# for wasm32-unknown-unknown, optimised for speed, and copies it into this
# package as ducha_ffi.wasm, with the licence files and the JSON Schemas
# (schemas/*.json into packages/js/schemas/); `npm pack` ships them.
#
#   bash packages/js/build.sh          # from anywhere
#
# The profile is the one in examples/ffi/README.md (opt-level 2, LTO, one
# codegen unit, panic = abort, stripped), given on the command line so that
# the workspace's own profiles stay untouched. Uses cargo's target directory
# (target/, or CARGO_TARGET_DIR). Exits 3 if the wasm32-unknown-unknown
# target is not installed and cannot be added.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TERM_COLOR=never

pkg=packages/js

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown &&
  ! rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
  echo "the wasm32-unknown-unknown target is not installed and could not be added" >&2
  exit 3
fi

# cargo's target directory, wherever it is configured.
target=$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
  sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
target=${target:-${CARGO_TARGET_DIR:-target}}

cargo build -p ducha-ffi --target wasm32-unknown-unknown --profile wasm-release \
  --config 'profile.wasm-release.inherits="release"' \
  --config 'profile.wasm-release.opt-level=2' \
  --config 'profile.wasm-release.lto=true' \
  --config 'profile.wasm-release.codegen-units=1' \
  --config 'profile.wasm-release.panic="abort"' \
  --config 'profile.wasm-release.strip=true'

wasm="$target/wasm32-unknown-unknown/wasm-release/ducha_ffi.wasm"
[ -f "$wasm" ] || { echo "no module at $wasm" >&2; exit 1; }
cp "$wasm" "$pkg/ducha_ffi.wasm"
cp LICENSE-MIT LICENSE-APACHE "$pkg/"
# The JSON Schemas of the contract, exactly schemas/*.json (no stale file).
rm -rf "$pkg/schemas"
mkdir "$pkg/schemas"
cp schemas/*.json "$pkg/schemas/"
echo "$pkg/ducha_ffi.wasm: $(wc -c <"$pkg/ducha_ffi.wasm" | tr -d ' ') bytes (from $wasm)"

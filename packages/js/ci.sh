#!/usr/bin/env bash
# CI of the npm package (packages/js): builds the WebAssembly module
# (build.sh), runs the node --test suite against the source folder, packs
# the tarball with `npm pack` (exactly the files expected, the JSON Schemas
# of schemas/ among them), installs it into a scratch project with the
# README's install line, runs the suite again against the installed
# package, type-checks the typed examples and every conformance document
# with `tsc --noEmit --strict` (TypeScript from the npm registry, as a Node
# project and as a browser one), and runs the README's example from the
# scratch project (fewer than 10 lines), which must print 69.5 and
# `unknown-rule 7z`, and the README's line that loads a JSON Schema.
#
#   bash packages/js/ci.sh          # from the repository root (or anywhere)
#
# Uses cargo's target directory (target/, or CARGO_TARGET_DIR). Prints
# "SKIPPED: …" and exits 0 when node (18+), npm or the wasm32-unknown-unknown
# target cannot be had; skips only the type check (with a message) when the
# npm registry cannot be reached; otherwise exits 1 on any wrong result.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
export CARGO_TERM_COLOR=never
# No audit, no funding notices, no update check: nothing but the install.
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

pkg=packages/js
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

step() { printf '\n== js: %s [%ss]\n' "$*" "$SECONDS"; }
fail() { printf 'FAIL: %s\n' "$*"; exit 1; }
skip() { printf 'SKIPPED: %s\n' "$*"; exit 0; }

step "Node and npm"
command -v node >/dev/null 2>&1 || skip "no node here; the npm package was not built"
command -v npm >/dev/null 2>&1 || skip "no npm here; the npm package was not built"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 18 ? 1 : 0)' ||
  skip "node $(node --version) is older than 18, the package's minimum; not built"
echo "node $(node --version), npm $(npm --version)"

step "the WebAssembly module (build.sh)"
status=0
bash "$pkg/build.sh" || status=$?
[ "$status" -ne 3 ] || skip "the wasm32-unknown-unknown target cannot be installed here; the npm package was not built"
[ "$status" -eq 0 ] || fail "build.sh failed"

# Runs the suite against the package in $1; $2 names the run.
run_tests() {
  local out="$tmp/tests-$2.tap"
  if ! DUCHA_JS_PACKAGE="$1" DUCHA_REPO="$root" \
    node --test --test-reporter=tap "$root/$pkg"/test/*.test.mjs >"$out" 2>&1; then
    cat "$out"
    fail "the tests failed against $1"
  fi
  local tests pass failed
  tests=$(sed -n 's/^# tests //p' "$out")
  pass=$(sed -n 's/^# pass //p' "$out")
  failed=$(sed -n 's/^# fail //p' "$out")
  [ -n "$tests" ] && [ "$tests" -gt 0 ] && [ "$failed" = 0 ] && [ "$pass" = "$tests" ] ||
    { cat "$out"; fail "the tests against $1: $pass of $tests passed"; }
  echo "$2: $pass of $tests tests passed"
}

step "node --test against the source folder"
run_tests "$root/$pkg" source

step "npm pack"
version=$(node -p "require('./$pkg/package.json').version")
(cd "$pkg" && npm pack --silent --pack-destination "$tmp" >/dev/null)
tarball="$tmp/ducha-$version.tgz"
[ -f "$tarball" ] || fail "npm pack made no $tarball"
echo "$(basename "$tarball"): $(wc -c <"$tarball" | tr -d ' ') bytes"
tar tzf "$tarball" | sort >"$tmp/contents"
# Exactly these files, and the JSON Schemas: one package/schemas/NAME for
# each schemas/NAME of the repository.
{
  printf '%s\n' package/LICENSE-APACHE package/LICENSE-MIT package/README.md \
    package/ducha_ffi.wasm package/index.d.ts package/index.js package/package.json
  for f in schemas/*.json; do echo "package/$f"; done
} | LC_ALL=C sort >"$tmp/expected-contents"
LC_ALL=C sort -o "$tmp/contents" "$tmp/contents"
[ "$(grep -c '^package/schemas/' "$tmp/expected-contents")" -ge 5 ] || fail "fewer than 5 schemas in schemas/"
diff "$tmp/expected-contents" "$tmp/contents" || fail "the tarball holds other files than expected (above)"

step "the README's install line, in a scratch project"
readme=$pkg/README.md
install=$(sed -n '/^```sh$/,/^```$/{/^npm install/p}' "$readme" | head -n 1 | sed 's/ *#.*$//')
[ "$install" = "npm install ducha-$version.tgz" ] ||
  fail "the README's first install line is \`$install\`, not \`npm install ducha-$version.tgz\`"
app="$tmp/app"
mkdir "$app"
printf '{"name": "scratch", "private": true, "type": "module"}\n' >"$app/package.json"
cp "$tarball" "$app/"
# The line as a user runs it, beside the tarball. A package without
# dependencies installs from its tarball without the registry.
(cd "$app" && ${install}) >"$tmp/install.out" 2>&1 || { cat "$tmp/install.out"; fail "\`$install\` failed"; }
[ -f "$app/node_modules/ducha/ducha_ffi.wasm" ] || fail "the installed package has no ducha_ffi.wasm"
[ "$(ls "$app/node_modules" | grep -v '^\.' | tr '\n' ' ')" = "ducha " ] ||
  fail "installing ducha brought other packages: $(ls "$app/node_modules")"

step "node --test against the installed package"
run_tests "$app/node_modules/ducha" installed

step "the README's example, from the scratch project"
awk '/^```js$/ {n++; next} /^```$/ && n == 1 {exit} n == 1 {print}' "$readme" >"$app/example.mjs"
lines=$(grep -c . "$app/example.mjs" || true)
[ "$lines" -ge 1 ] && [ "$lines" -lt 10 ] || fail "the README's example has $lines non-empty lines (fewer than 10 wanted)"
# Run from the repository root (the sample's path is relative to it): the
# package resolves from the scratch project, the .wasm from the package.
(cd "$root" && node "$app/example.mjs") >"$tmp/example.out" 2>&1 ||
  { cat "$tmp/example.out"; fail "the README's example failed"; }
cat "$tmp/example.out"
[ "$(sed -n 1p "$tmp/example.out")" = "69.5" ] || fail "the README's example: the seed sample did not score 69.5"
grep -qx 'unknown-rule 7z' "$tmp/example.out" || fail "the README's example: no unknown-rule error"

step "the README's line that loads a JSON Schema, from the scratch project"
# The first js block of the section "JSON Schemas": the line as written,
# through the package's exports, then a look at what it loaded.
awk '/^## JSON Schemas$/ {s = 1; next} /^## / {s = 0} s && /^```js$/ {b = 1; next} b && /^```$/ {exit} b {print}' \
  "$readme" >"$app/schema.mjs"
[ "$(grep -c . "$app/schema.mjs" || true)" = 1 ] || fail "the README's JSON Schemas section has no one-line js block"
cat "$app/schema.mjs"
echo 'console.log(schema.$schema, schema.$id);' >>"$app/schema.mjs"
(cd "$app" && node schema.mjs) >"$tmp/schema.out" 2>&1 || { cat "$tmp/schema.out"; fail "the README's schema line failed"; }
cat "$tmp/schema.out"
grep -q '^https://json-schema.org/draft/2020-12/schema https://' "$tmp/schema.out" || fail "the README's schema line loaded no schema"

step "types: tsc --noEmit --strict on the typed examples and the conformance documents"
ts=$(node -p "require('./$pkg/package.json').devDependencies.typescript")
node_types=$(node -p "require('./$pkg/package.json').devDependencies['@types/node']")
if (cd "$app" && npm install --no-save --silent "typescript@$ts" "@types/node@$node_types") >"$tmp/tsc-install.out" 2>&1; then
  cp "$pkg"/test/types/*.ts "$pkg"/test/types/tsconfig.*.json "$app/"
  awk '/^```ts$/ {n++; next} /^```$/ && n == 1 {exit} n == 1 {print}' "$readme" >"$app/readme.ts"
  [ -s "$app/readme.ts" ] || fail "the README has no TypeScript example"
  node "$pkg/test/types/make-fixtures.mjs" "$app/node_modules/ducha" "$root" "$app/fixtures.ts"
  tsc="$app/node_modules/.bin/tsc"
  echo "TypeScript $("$tsc" --version | sed 's/^Version //')"
  for flavour in node browser; do
    (cd "$app" && "$tsc" --noEmit --strict -p "tsconfig.$flavour.json") || fail "tsc: the $flavour project"
    echo "tsc --noEmit --strict -p tsconfig.$flavour.json: ok"
  done
else
  cat "$tmp/tsc-install.out"
  echo "could not install typescript@$ts from the npm registry here; the type check was skipped"
fi

printf '\nducha_ffi.wasm: %s bytes; %s: %s bytes\n' "$(wc -c <"$pkg/ducha_ffi.wasm" | tr -d ' ')" \
  "$(basename "$tarball")" "$(wc -c <"$tarball" | tr -d ' ')"
step "js done"

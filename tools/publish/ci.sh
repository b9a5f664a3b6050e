#!/usr/bin/env bash
# The crates.io dry run of every Rust package of the workspace meant to be
# published (every package without `publish = false`: ducha, ducha-cli and
# ducha-ffi, in one multi-package run), and a check of what each would
# upload:
#
# - the set: every member is published to crates.io except ducha-python,
#   which is published to PyPI as a wheel; a member that turns up with
#   `publish = false` fails the check rather than being skipped;
# - the packaged file list: no CI, fuzzing, host-package, tool or target
#   folders, no absolute paths; every README*.md and LICENSE* file of the
#   package's folder included; the holiday-data notice and licence wherever
#   the holiday table or the holiday-cn files are included;
# - `cargo publish --dry-run --locked` (packs, builds the packed crate alone
#   from crates.io dependencies, stops before the upload);
# - the .crate file: under crates.io's 10 MiB limit, and no absolute path of
#   this machine (the checkout, the home folder) in any packaged file;
# - ducha-python instead: its wheel and sdist, built with maturin in a
#   scratch virtual environment, pass `twine check --strict` (the metadata
#   PyPI reads, the README as its description). Where maturin or twine
#   cannot be installed from PyPI, the script says so and goes on.
#
# Run from anywhere in a clean clone: `bash tools/publish/ci.sh`. Cargo refuses
# uncommitted changes to packaged files; to try it on a work tree, pass
# `--allow-dirty`. Where crates.io cannot be reached, the packages are packed
# and verified offline instead, and the script says so.
set -euo pipefail
cd "$(dirname "$0")/../.."

allow_dirty=()
for arg in "$@"; do
  case "$arg" in
    --allow-dirty) allow_dirty=(--allow-dirty) ;;
    *) echo "usage: bash tools/publish/ci.sh [--allow-dirty]" >&2; exit 2 ;;
  esac
done

fail() { printf 'FAIL: %s\n' "$*"; exit 1; }
limit=$((10 * 1024 * 1024)) # crates.io's largest accepted .crate

if ! command -v python3 >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  echo "installing python3 (apt-get)"
  { apt-get update -qq && apt-get install -y -qq python3; } >/dev/null 2>&1 || true
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "publish: python3 (to read cargo metadata) is not available and could not be installed; check skipped"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The Chinese README is a translation: same commands, same examples. The
# English README's examples run as doctests, so the same blocks in the same
# order keep the Chinese ones right.
echo "== README.zh-CN.md: the code blocks of README.md, in order"
python3 - README.md README.zh-CN.md <<'EOF'
import sys

def blocks(path):
    found, current = [], None
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.lstrip().startswith("```"):
                if current is None:
                    current = (number, [line])
                    continue
                current[1].append(line)
                found.append(current)
                current = None
            elif current is not None:
                current[1].append(line)
    return found

english, chinese = (blocks(path) for path in sys.argv[1:3])
for i, (en, zh) in enumerate(zip(english, chinese)):
    if en[1] != zh[1]:
        sys.exit(f"FAIL: code block {i + 1} differs: README.md line {en[0]}, "
                 f"README.zh-CN.md line {zh[0]}; copy it unchanged")
if len(english) != len(chinese):
    sys.exit(f"FAIL: README.md has {len(english)} code blocks, README.zh-CN.md "
             f"{len(chinese)}; translate the new sections")
print(f"{len(english)} code blocks alike")
EOF

# name <TAB> folder <TAB> licence, for every package that may be published.
# Only these members are not for crates.io (`publish = false`); any other
# fails here, so that no package drops out of the dry run unnoticed.
not_on_crates_io="ducha-python"
cargo metadata --no-deps --format-version 1 >"$tmp/metadata.json"
python3 - "$tmp/metadata.json" "$not_on_crates_io" >"$tmp/packages" <<'EOF'
import json, os, sys
meta = json.load(open(sys.argv[1], encoding="utf-8"))
allowed = set(sys.argv[2].split())
unpublished = sorted(p["name"] for p in meta["packages"] if p["publish"] == [])
if set(unpublished) != allowed:
    sys.exit(f"FAIL: the packages with `publish = false` are {unpublished}, expected exactly {sorted(allowed)}")
for p in meta["packages"]:
    if p["publish"] == []:  # `publish = false`
        continue
    folder = os.path.dirname(p["manifest_path"])
    print(p["name"], folder, p["license"] or "", sep="\t")
EOF
target_dir=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["target_directory"])' "$tmp/metadata.json")
root=$(pwd -P)
# Absolute paths of this machine that must not end up in a packaged file.
# Each is matched where a path starts (not inside a longer one, such as
# `$tmp/root/bin` when the home folder is /root), as an extended regex with
# its special characters escaped.
machine_paths=("$root/" "$target_dir/")
case "${HOME:-/}" in /) ;; *) machine_paths+=("$HOME/") ;; esac
machine=()
for path in "${machine_paths[@]}"; do
  machine+=(-e "(^|[^[:alnum:]._/\$-])$(printf '%s' "$path" | sed 's/[][\.^$*+?(){}|]/\\&/g')")
done

[ -s "$tmp/packages" ] || fail "no package of the workspace is publishable"
names=()
while IFS=$'\t' read -r name folder license; do
  names+=("$name")
  echo "== $name: packaged files"
  cargo package --list --locked "${allow_dirty[@]}" -p "$name" >"$tmp/list" 2>"$tmp/err" \
    || { cat "$tmp/err"; fail "$name: cargo package --list failed"; }
  echo "$(wc -l <"$tmp/list") files"

  bad=$(grep -E '^/|^\.\.|(^|/)target/|^(\.ci|fuzz|packages|tools)/' "$tmp/list" || true)
  [ -z "$bad" ] || fail "$name packages files it should not (fix \`exclude\` in its Cargo.toml):
$bad"

  need=()
  for f in "$folder"/README*.md "$folder"/LICENSE*; do
    [ -f "$f" ] && need+=("${f##*/}")
  done
  case "$license" in *MIT*) need+=(LICENSE-MIT) ;; esac
  case "$license" in *Apache-2.0*) need+=(LICENSE-APACHE) ;; esac
  grep -qxF 'src/calendar/cn.rs' "$tmp/list" && need+=(src/calendar/NOTICE.md)
  grep -qE '^tests/data/calendar/cn/[0-9]{4}\.json$' "$tmp/list" && need+=(tests/data/calendar/cn/LICENSE)
  for f in "${need[@]}"; do
    grep -qxF "$f" "$tmp/list" || fail "$name does not package \`$f\`"
  done
  echo "includes: $(printf '%s\n' "${need[@]}" | sort -u | tr '\n' ' ')"
done <"$tmp/packages"

# `--workspace`: every member, in dependency order, the `publish = false`
# ones left out by Cargo itself (checked below against the list above).
pflags=(--workspace)
# `cargo package` does not leave out the `publish = false` members: it is
# given the packages by name.
nflags=()
for name in "${names[@]}"; do nflags+=(-p "$name"); done

echo "== cargo publish --dry-run ${pflags[*]} (${names[*]})"
# Cargo 1.90 and later publish several packages in one run, in dependency
# order, so a package may depend on another one of the set by path.
minor=$(cargo --version | sed -E 's/^cargo 1\.([0-9]+).*/\1/')
offline=0
if [ "${#names[@]}" -gt 1 ] && [ "$minor" -lt 90 ]; then
  fail "several packages to publish (${names[*]}): this needs Cargo 1.90 or later (have $(cargo --version))"
fi
if ! cargo publish --dry-run --locked "${allow_dirty[@]}" "${pflags[@]}" >"$tmp/publish" 2>&1; then
  if grep -qE 'download of config\.json failed|failed to download from|Could not resolve host|\[(5|6|7|28|35|56)\] ' "$tmp/publish"; then
    tail -n 5 "$tmp/publish"
    echo "crates.io cannot be reached from here: packing and verifying offline instead"
    offline=1
    cargo package --offline --locked "${allow_dirty[@]}" "${nflags[@]}" >"$tmp/publish" 2>&1 \
      || { cat "$tmp/publish"; fail "cargo package --offline failed"; }
  else
    cat "$tmp/publish"
    fail "cargo publish --dry-run failed"
  fi
fi
grep -E '^ *(Packaged|Verifying|Finished|Uploading)|aborting upload' "$tmp/publish" || true
# Cargo packed and verified exactly the packages listed above.
packed=$(sed -nE 's/^ *Packaging ([^ ]+) v.*/\1/p' "$tmp/publish" | sort | paste -sd ' ' -)
verified=$(sed -nE 's/^ *Verifying ([^ ]+) v.*/\1/p' "$tmp/publish" | sort | paste -sd ' ' -)
expected=$(printf '%s\n' "${names[@]}" | sort | paste -sd ' ' -)
[ "$packed" = "$expected" ] || fail "cargo packed \`$packed\`, expected \`$expected\`"
[ "$verified" = "$expected" ] || fail "cargo verified \`$verified\`, expected \`$expected\`"

# The .crate files as `cargo package` leaves them (the dry run's copy is in a
# folder of its own that Cargo does not document).
cargo package --no-verify --offline --locked "${allow_dirty[@]}" "${nflags[@]}" >"$tmp/package" 2>&1 \
  || { cat "$tmp/package"; fail "cargo package failed"; }
for name in "${names[@]}"; do
  version=$(python3 -c 'import json, sys
for p in json.load(open(sys.argv[1]))["packages"]:
    if p["name"] == sys.argv[2]: print(p["version"])' "$tmp/metadata.json" "$name")
  crate="$target_dir/package/$name-$version.crate"
  [ -f "$crate" ] || fail "$name: $crate was not written"
  size=$(wc -c <"$crate")
  [ "$size" -le "$limit" ] || fail "$name: the .crate is $size bytes, over crates.io's limit of $limit"
  mkdir -p "$tmp/unpack"
  tar -xzf "$crate" -C "$tmp/unpack"
  leaks=$(grep -rlE "${machine[@]}" "$tmp/unpack/$name-$version" || true)
  [ -z "$leaks" ] || fail "$name: packaged files name paths of this machine:
${leaks//$tmp\/unpack\//}"
  echo "$name $version: $size bytes packed ($(du -sk "$tmp/unpack/$name-$version" | cut -f1) KiB unpacked), limit $limit"
done

echo "== ducha-python: published to PyPI as a wheel, not to crates.io (publish = false); its wheel's metadata is checked instead"
python_note=""
if ! python3 -m venv "$tmp/venv" >"$tmp/venv.log" 2>&1; then
  python_note="python3 cannot make a virtual environment here: the wheel's metadata was not checked"
elif ! "$tmp/venv/bin/python" -m pip install -q --disable-pip-version-check 'maturin>=1.9.4,<2' twine \
  >"$tmp/pip.log" 2>&1; then
  tail -n 3 "$tmp/pip.log"
  python_note="maturin and twine could not be installed from PyPI here: the wheel's metadata was not checked"
else
  # The same release build as packages/python/ci.sh (cargo's cache serves both).
  "$tmp/venv/bin/maturin" build --release --manifest-path packages/python/Cargo.toml \
    --interpreter "$tmp/venv/bin/python" --out "$tmp/dist" >"$tmp/maturin.log" 2>&1 ||
    { cat "$tmp/maturin.log"; fail "ducha-python: maturin build failed"; }
  "$tmp/venv/bin/maturin" sdist --manifest-path packages/python/Cargo.toml --out "$tmp/dist" >>"$tmp/maturin.log" 2>&1 ||
    { cat "$tmp/maturin.log"; fail "ducha-python: maturin sdist failed"; }
  dists=("$tmp"/dist/ducha-*.whl "$tmp"/dist/ducha-*.tar.gz)
  [ "${#dists[@]}" = 2 ] && [ -f "${dists[0]}" ] && [ -f "${dists[1]}" ] ||
    fail "ducha-python: expected one wheel and one sdist, got: $(ls "$tmp/dist")"
  "$tmp/venv/bin/twine" --no-color check --strict "${dists[@]}" || fail "ducha-python: twine check failed"
fi

if [ "$offline" = 1 ]; then
  echo "publish: packaged and verified offline; the crates.io dry run itself was not done (no network)"
else
  echo "publish: dry run passed for ${names[*]}"
fi
if [ -n "$python_note" ]; then
  echo "publish: ducha-python: $python_note"
else
  echo "publish: ducha-python: twine check passed for $(basename "${dists[0]}") and $(basename "${dists[1]}")"
fi

#!/usr/bin/env bash
# The crates.io dry run of every Rust package of the workspace meant to be
# published (every package without `publish = false`), and a check of what
# each would upload:
#
# - the packaged file list: no CI, fuzzing, host-package, tool or target
#   folders, no absolute paths; every README*.md and LICENSE* file of the
#   package's folder included; the holiday-data notice and licence wherever
#   the holiday table or the holiday-cn files are included;
# - `cargo publish --dry-run --locked` (packs, builds the packed crate alone
#   from crates.io dependencies, stops before the upload);
# - the .crate file: under crates.io's 10 MiB limit, and no absolute path of
#   this machine (the checkout, the home folder) in any packaged file.
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
cargo metadata --no-deps --format-version 1 >"$tmp/metadata.json"
python3 - "$tmp/metadata.json" >"$tmp/packages" <<'EOF'
import json, os, sys
meta = json.load(open(sys.argv[1], encoding="utf-8"))
for p in meta["packages"]:
    if p["publish"] == []:  # `publish = false`
        continue
    folder = os.path.dirname(p["manifest_path"])
    print(p["name"], folder, p["license"] or "", sep="\t")
EOF
target_dir=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["target_directory"])' "$tmp/metadata.json")
root=$(pwd -P)
# Absolute paths of this machine that must not end up in a packaged file.
machine=(-e "$root/" -e "$target_dir/")
case "${HOME:-/}" in /) ;; *) machine+=(-e "$HOME/") ;; esac

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

pflags=()
for name in "${names[@]}"; do pflags+=(-p "$name"); done

echo "== cargo publish --dry-run ${pflags[*]}"
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
    cargo package --offline --locked "${allow_dirty[@]}" "${pflags[@]}" >"$tmp/publish" 2>&1 \
      || { cat "$tmp/publish"; fail "cargo package --offline failed"; }
  else
    cat "$tmp/publish"
    fail "cargo publish --dry-run failed"
  fi
fi
grep -E '^ *(Packaged|Verifying|Finished|Uploading)|aborting upload' "$tmp/publish" || true

# The .crate files as `cargo package` leaves them (the dry run's copy is in a
# folder of its own that Cargo does not document).
cargo package --no-verify --offline --locked "${allow_dirty[@]}" "${pflags[@]}" >"$tmp/package" 2>&1 \
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
  leaks=$(grep -rlF "${machine[@]}" "$tmp/unpack/$name-$version" || true)
  [ -z "$leaks" ] || fail "$name: packaged files name paths of this machine:
${leaks//$tmp\/unpack\//}"
  echo "$name $version: $size bytes packed ($(du -sk "$tmp/unpack/$name-$version" | cut -f1) KiB unpacked), limit $limit"
done

if [ "$offline" = 1 ]; then
  echo "publish: packaged and verified offline; the crates.io dry run itself was not done (no network)"
else
  echo "publish: dry run passed for ${names[*]}"
fi

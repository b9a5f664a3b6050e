#!/usr/bin/env bash
# Brief fuzzing of the JSON surface, for CI: `bash fuzz/ci.sh` from the
# repository root (or anywhere).
#
# - With the nightly toolchain and cargo-fuzz: builds the targets (with
#   AddressSanitizer and debug assertions, as `cargo fuzz` does) and runs
#   each for FUZZ_SECONDS (default 30) from the committed corpus; a crash,
#   a timeout (an input slower than FUZZ_TIMEOUT seconds, default 20) or an
#   out-of-memory exits non-zero, with the input saved under
#   fuzz/artifacts/<target>/.
# - With nightly but without cargo-fuzz: builds the targets with
#   `--cfg fuzzing` and replays the committed corpus through them once (no
#   fuzzing). cargo-fuzz is not installed here: `cargo install cargo-fuzz`
#   takes a while; install it by hand to fuzz.
# - Without nightly: says so and exits 0.
#
# FUZZ_TOOLCHAIN picks another toolchain; FUZZ_NO_CARGO_FUZZ=1 takes the
# replay path even where cargo-fuzz is installed.
set -euo pipefail
cd "$(dirname "$0")"

seconds=${FUZZ_SECONDS:-30}
timeout=${FUZZ_TIMEOUT:-20}
toolchain=${FUZZ_TOOLCHAIN:-nightly}
targets=(json_raw json_structured json_large)

if ! cargo "+$toolchain" --version >/dev/null 2>&1; then
  echo "fuzz: no $toolchain toolchain here; fuzzing skipped"
  exit 0
fi
cargo "+$toolchain" --version

if [ -z "${FUZZ_NO_CARGO_FUZZ:-}" ] && cargo "+$toolchain" fuzz --version >/dev/null 2>&1; then
  cargo "+$toolchain" fuzz --version
  cargo "+$toolchain" fuzz build
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  for target in "${targets[@]}"; do
    echo "fuzz: $target for ${seconds}s"
    mkdir -p "$work/$target"
    # New inputs go to the scratch folder; the committed corpus only seeds.
    cargo "+$toolchain" fuzz run "$target" "$work/$target" "corpus/$target" -- \
      -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 \
      -dict=json.dict -print_final_stats=1 2>"$work/$target.log" || {
      tail -n 60 "$work/$target.log"
      echo "FAIL: fuzz target $target found a crash, timeout or OOM (see fuzz/artifacts/$target/)"
      exit 1
    }
    grep -E '^(Done|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)' \
      "$work/$target.log" || true
  done
  echo "fuzz: no crash"
else
  echo "fuzz: cargo-fuzz is not installed; fuzzing skipped, replaying the committed corpus only"
  # Without cargo-fuzz's instrumentation libFuzzer still runs the inputs it
  # is given, once each: the corpus becomes a regression test.
  RUSTFLAGS="--cfg fuzzing -Cdebug-assertions" cargo "+$toolchain" build --release --bins
  for target in "${targets[@]}"; do
    echo "fuzz: replaying corpus/$target"
    "${CARGO_TARGET_DIR:-target}/release/$target" -timeout="$timeout" -rss_limit_mb=2048 corpus/"$target"/*
  done
  echo "fuzz: corpus replayed, no crash"
fi

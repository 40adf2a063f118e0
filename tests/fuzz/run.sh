#!/usr/bin/env bash
# Fuzz the core's parsers of untrusted input with libFuzzer (cargo-fuzz) and print a table:
# target, executions, corpus size, crashes.
#
#   bash tests/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     (default 60 s, all four targets)
#
# Targets (bodies and invariants in src-tauri/core/src/fuzzing/, crate in src-tauri/core/fuzz):
# workspace_url, listener_request, bigcommerce_response, core1_response.
#
# Not part of tests/run-all.sh (too slow); the committed seeds and past crash inputs are replayed
# in the normal test run by `cargo test -p setup-core --features fuzzing --test fuzz_corpus`.
#
# Stable Rust (1.95 here): cargo-fuzz with `--sanitizer none` (the default of this script) needs
# nothing unstable — its coverage instrumentation is `-Cpasses=sancov-module` plus `-Cllvm-args`.
# Sanitizers are `-Zsanitizer=…`, which stable rustc refuses ("the option `Z` is only accepted on
# the nightly compiler"); for FUZZ_SANITIZER=address this script sets RUSTC_BOOTSTRAP=1 for these
# builds only (own workspace, own target directory), which makes stable rustc accept it.
#
# Environment: FUZZ_SANITIZER=none|address (default none: fastest; address also works here),
# FUZZ_JOBS (parallel fuzzing processes per target, default 1).
# Crash inputs land in src-tauri/core/fuzz/artifacts/<target>/; copy each one you fix into
# src-tauri/core/fuzz/regressions/<target>/ so the normal test run replays it.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=../../src-tauri/scripts/bootstrap.sh
source src-tauri/scripts/bootstrap.sh
bootstrap_cargo_fuzz

SECONDS_PER_TARGET=${1:-60}
[ $# -gt 0 ] && shift
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(workspace_url listener_request bigcommerce_response core1_response)
SANITIZER=${FUZZ_SANITIZER:-none}
JOBS=${FUZZ_JOBS:-1}

FUZZ_ARGS=(--sanitizer "$SANITIZER" --debug-assertions)
if [ "$SANITIZER" != none ]; then
  export RUSTC_BOOTSTRAP=1
  FUZZ_ARGS+=(--target-dir "target/$SANITIZER")
fi
cd src-tauri/core/fuzz
mkdir -p target
echo "==> building the fuzz targets (sanitizer: $SANITIZER)"
cargo fuzz build "${FUZZ_ARGS[@]}" >/dev/null 2>target/build.log || { cat target/build.log; exit 1; }

mkdir -p target/fuzz-logs
rows=()
total_crashes=0
for t in "${TARGETS[@]}"; do
  case "$t" in
    workspace_url | listener_request) dict=dict/url.dict ;;
    *) dict=dict/json.dict ;;
  esac
  mkdir -p "corpus/$t" "artifacts/$t"
  cp -n "seeds/$t/"* "corpus/$t/" 2>/dev/null || true
  before=$(find "artifacts/$t" -type f | wc -l)
  log="target/fuzz-logs/$t.log"
  echo "==> $t: ${SECONDS_PER_TARGET} s"
  # Fork mode with -ignore_crashes: a crash is recorded in artifacts/ and fuzzing goes on.
  cargo fuzz run "${FUZZ_ARGS[@]}" "$t" "corpus/$t" -- \
    -max_total_time="$SECONDS_PER_TARGET" -fork="$JOBS" -ignore_crashes=1 -ignore_timeouts=1 \
    -ignore_ooms=1 -timeout=10 -rss_limit_mb=2048 -max_len=4096 -dict="$dict" \
    >"$log" 2>&1 || true
  # Last status line of the fork-mode driver: "#N: cov: … corp: C … oom/timeout/crash: a/b/c …".
  last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -1 || true)
  execs=$(sed -E 's/^#([0-9]+):.*/\1/' <<<"$last")
  crashes=$(( $(find "artifacts/$t" -type f | wc -l) - before ))
  corpus=$(find "corpus/$t" -type f | wc -l)
  total_crashes=$((total_crashes + crashes))
  rows+=("$(printf '%-22s %14s %8s %8s' "$t" "${execs:-?}" "$corpus" "$crashes")")
done

echo
printf '%-22s %14s %8s %8s\n' target executions corpus crashes
for r in "${rows[@]}"; do echo "$r"; done
if [ "$total_crashes" -gt 0 ]; then
  echo
  echo "crash inputs: src-tauri/core/fuzz/artifacts/ (logs: src-tauri/core/fuzz/target/fuzz-logs/)"
  exit 1
fi

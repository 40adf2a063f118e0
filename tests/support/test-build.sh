# shellcheck shell=bash
# The one debug build of the test command (sourced by tests/support/in-session.sh and
# tests/support/installed-smoke.sh): the app, the sandbox, the browser robot and every test
# executable of the workspace, built by ONE cargo invocation with one package selection. Cargo
# unifies features per selection, so each other selection (`-p setup-e2e`, `--exclude
# setup-e2e`, `-p setup-sandbox`) compiled the shared crates again; now the stages run the
# executables of this build themselves, from cargo's own report (tests/support/test-executables.py),
# each in its package's folder as `cargo test` does. The benchmark crates (setup-bench,
# bench-hello: tests/bench/run.sh builds them) are in no build here; clippy still lints them.
TEST_BUILD_SELECTION=(--workspace --exclude setup-bench --exclude bench-hello)
TEST_EXECUTABLES="$PWD/target/test-executables.tsv"

# Builds (or finds up to date) everything and writes the list of test executables:
# `<package folder>\t<kind>\t<target>\t<executable>`.
test_build() {
  local started=$SECONDS json="$PWD/target/test-build.json"
  echo "==> the debug build: app, sandbox, robot and every test executable (one cargo selection)"
  cargo test "${TEST_BUILD_SELECTION[@]}" --no-run --quiet --message-format=json-render-diagnostics >"$json"
  python3 tests/support/test-executables.py "$json" >"$TEST_EXECUTABLES"
  echo "    $(wc -l <"$TEST_EXECUTABLES") test executables, built or up to date in $((SECONDS - started)) s"
}

# Runs the listed test executables for which the awk condition COND holds ($1 package folder,
# $2 kind, $3 target name), one after another, each with ARGS, as `cargo test` would; prints
# cargo's "Running" line before each. Returns non-zero when one failed or none matched.
run_listed_tests() {
  local cond="$1" folder kind name exe status=0 ran=0
  shift
  while IFS=$'\t' read -r folder kind name exe <&3; do
    ran=$((ran + 1))
    echo "     Running $folder: $name ($kind, $(basename "$exe"))"
    (cd "$folder" && "$exe" "$@") || status=1
  done 3< <(awk -F'\t' "$cond" "$TEST_EXECUTABLES")
  [ "$ran" -gt 0 ] || { echo "no test executable matches: $cond" >&2; return 1; }
  return $status
}

#!/usr/bin/env bash
# The test command's stages that need the real Secret Service and a display, one per call:
# `bash tests/support/in-session.sh crates|e2e|deb`. tests/run-all.sh runs it inside
# `dbus-run-session`, on its Xvfb display: it unlocks a gnome-keyring, runs the stage, stops the
# keyring by PID, and exits non-zero when anything in the stage failed (the rest of the stage
# still runs). Ends with cargo's own test summary lines.
#
#   crates  every crate's test executables of the shared debug build (tests/support/test-build.sh)
#           but the end-to-end ones, the practice BigCommerce judged by BigCommerce's documents
#           (figures), the doc tests, the fuzz corpus replay
#   e2e     the end-to-end test executables one after another (one app at a time: the app is
#           single-instance per D-Bus session). E2E_TESTS="happy roads" runs only those;
#           E2E_SKIP="welcome" leaves those out (run-all.sh does, when the deb stage runs
#           `welcome` on the installed app)
#   deb     the installed .deb (tests/support/installed-smoke.sh)
# shellcheck disable=SC2016 # the single-quoted $1, $3 are awk's (run_listed_tests)
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
source src-tauri/scripts/bootstrap.sh
source tests/support/test-build.sh

stage_crates() {
  local status=0 log=target/bc_schemas.log
  bootstrap_oauth2_server
  test_build || return 1
  echo "==> crate tests (real Secret Service, sandbox over 127.0.0.1)"
  run_listed_tests '$1 != "tests" && $3 != "bc_schemas"' || status=1
  echo "==> the practice BigCommerce judged by BigCommerce's own documents (figures)"
  run_listed_tests '$1 == "src-tauri/sandbox" && $3 == "bc_schemas"' --nocapture >"$log" 2>&1 ||
    { status=1; tail -n 40 "$log" >&2; }
  grep -E '^(judged|the judge|test result)' "$log"
  echo "==> doc tests"
  cargo test "${TEST_BUILD_SELECTION[@]}" --doc --quiet || status=1
  echo "==> fuzz corpus replay (the core's 'fuzzing' feature: target bodies, not in the app)"
  cargo test -p setup-core --features fuzzing --test fuzz_corpus || status=1
  return $status
}

stage_e2e() {
  local cond='$1 == "tests"' only="" name tests=${E2E_TESTS:-} skip=${E2E_SKIP:-}
  bootstrap_report_tools
  bootstrap_tauri_driver
  bootstrap_axe_core
  test_build || return 1
  for name in ${tests//,/ }; do only+="${only:+ || }\$3 == \"$name\""; done
  [ -z "$only" ] || cond+=" && ($only)"
  for name in ${skip//,/ }; do cond+=" && \$3 != \"$name\""; done
  echo "==> end-to-end tests (real window on $DISPLAY, WebDriver)"
  run_listed_tests "$cond" --test-threads=1
}

stage_deb() {
  bootstrap_report_tools
  bootstrap_tauri_driver
  bootstrap_axe_core
  echo "==> the installed .deb: release build, apt install, Welcome through WebDriver, update, removal"
  bash tests/support/installed-smoke.sh
}

if [ $# -ne 1 ] || ! declare -F "stage_$1" >/dev/null; then
  echo "usage: in-session.sh crates|e2e|deb (inside dbus-run-session, with DISPLAY set)" >&2
  exit 2
fi
unlock_keyring test-password
trap stop_keyring EXIT
"stage_$1"

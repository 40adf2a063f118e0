#!/usr/bin/env bash
# The test command: every check and test, in stages, each installing what it needs first.
#
#   lint     formatting, the UI's JavaScript against its types (tsc), clippy (the workspace, and
#            the core with its `fuzzing` feature), cargo-deny, the core crates free of Tauri, the
#            app free of test machinery, every picture shown by a document, the release workflow
#            (actionlint)
#   macos    the app type-checked and linted for Apple silicon (tests/macos/check.sh)
#   windows  the app built and linted for Windows, the core's tests and the .exe under Wine
#            (tests/windows/run.sh)
#   crates   every crate's tests with the real Secret Service, the sandbox over 127.0.0.1, the
#            doc tests, the fuzz corpus replay                  (tests/support/in-session.sh)
#   e2e      the real app in a real window under Xvfb, driven through WebDriver
#   deb      the release .deb built, checked, installed; the installed app's Welcome and update
#
# `bash tests/run-all.sh` runs them all in that order; `--only crates,e2e` runs the listed ones
# (a developer's quick loop; E2E_TESTS=happy narrows the e2e stage to those test executables).
# crates, e2e and deb share one debug build (tests/support/test-build.sh). In a full run the
# `welcome` end-to-end test runs once, on the installed app (deb stage). A failed stage fails the
# run; the stages after it still run. Each stage prints its time, the run ends with a table of
# them. Idempotent. Every process it starts is stopped by PID at the end, on failure too.
set -euo pipefail
cd "$(dirname "$0")/.."
source src-tauri/scripts/bootstrap.sh

STAGES=(lint macos windows crates e2e deb)
usage() {
  echo "usage: bash tests/run-all.sh [--only STAGE[,STAGE...]]   stages: ${STAGES[*]}" >&2
  exit 2
}
selected=("${STAGES[@]}")
case "${1:-}" in
  "") ;;
  --only)
    [ $# -eq 2 ] || usage
    IFS=, read -ra selected <<<"$2"
    for stage in "${selected[@]}"; do
      [[ " ${STAGES[*]} " == *" $stage "* ]] || { echo "no stage '$stage'" >&2; usage; }
    done
    ;;
  *) usage ;;
esac
picked() { [[ " ${selected[*]} " == *" $1 "* ]]; }

stage_lint() {
  apt_install_missing python3 python3-venv shellcheck
  bootstrap_cargo_deny
  bootstrap_typescript
  bootstrap_actionlint
  echo "==> cargo fmt --check"
  cargo fmt --all --check
  echo "==> the UI's JavaScript against its JSDoc types (tsc --noEmit, tsconfig.json)"
  "$TSC" -p tsconfig.json
  echo "==> cargo clippy"
  cargo clippy --workspace --all-targets --quiet -- -D warnings
  # The fuzz target bodies and the corpus replay exist only with the core's `fuzzing` feature.
  cargo clippy -p setup-core --all-targets --features fuzzing --quiet -- -D warnings
  echo "==> cargo deny (deny.toml)"
  # Advisories always checked: RustSec fetched from GitHub, else a copy fetched earlier, else the
  # snapshot in tests/advisory-db/; prints which, and every advisory that applies with its decision.
  bash tests/support/deny.sh
  echo "==> the core crates stay free of Tauri"
  if cargo tree -p setup-core -p setup-sandbox -e normal,build --prefix none | grep -E '^tauri'; then
    echo "setup-core or setup-sandbox depends on tauri: the core must stay Tauri-free" >&2
    return 1
  fi
  echo "==> the app carries no test machinery (browser robot, cookie jar, tracing-subscriber, the sandbox's faults and control API)"
  if cargo tree -p core1-bigcommerce-setup -e normal --prefix none | grep -E '^(cookie_store|reqwest_cookie_store|tracing-subscriber) '; then
    echo "the app depends on the browser robot's or the sandbox binary's crates" >&2
    return 1
  fi
  if cargo tree -p core1-bigcommerce-setup -e normal,features --prefix none | grep -E '^setup-sandbox feature "(faults|control)"'; then
    echo "the app compiles the practice sandbox's faults or control API (its features faults, control)" >&2
    return 1
  fi
  echo "==> no product file over 400 lines"
  python3 tests/support/file-lines.py
  echo "==> every picture in tests/screens shown by a document, every picture named there present"
  python3 tests/support/pictures.py
  echo "==> the release workflow (actionlint, with shellcheck for its scripts)"
  "$ACTIONLINT" .github/workflows/*.yml
}
stage_macos() { bash tests/macos/check.sh; }
stage_windows() { bash tests/windows/run.sh; }
# A private D-Bus session with an unlocked gnome-keyring (the real Secret Service), on our Xvfb.
in_session() { dbus-run-session -- bash tests/support/in-session.sh "$1"; }
stage_crates() { in_session crates; }
stage_e2e() {
  # The deb stage runs `welcome` on the installed app: once per run is enough.
  if picked deb; then E2E_SKIP="welcome${E2E_SKIP:+,$E2E_SKIP}" in_session e2e; else in_session e2e; fi
}
stage_deb() { in_session deb; }

bootstrap_apt
scratch=$(mktemp -d)
cleanup() {
  stop_xvfb
  rm -rf "$scratch"
}
trap cleanup EXIT
if picked crates || picked e2e || picked deb; then
  start_xvfb
  echo "==> Xvfb on $DISPLAY (pid $XVFB_PID)"
  export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run"
  mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
fi

# Each stage in a subshell with `set -e` of its own: its first failing command ends it.
times=() failed=0
for stage in "${STAGES[@]}"; do
  picked "$stage" || continue
  echo "==> stage $stage"
  started=$SECONDS
  set +e
  (set -e; "stage_$stage")
  status=$?
  set -e
  took=$((SECONDS - started))
  result=""
  [ "$status" -eq 0 ] || { result=" FAILED"; failed=$((failed + 1)); }
  echo "==> stage $stage: $took s$result"
  times+=("$(printf '%-8s %5d s%s' "$stage" "$took" "$result")")
done

echo "==> stage times"
printf '    %s\n' "${times[@]}"
printf '    %-8s %5d s\n' total "$SECONDS"
echo "stages: $((${#times[@]} - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]

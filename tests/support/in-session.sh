#!/usr/bin/env bash
# Runs inside `dbus-run-session` (see tests/run-all.sh): unlocks a gnome-keyring, runs the tests,
# stops the keyring by PID. Ends with cargo's own test summary lines.
set -uo pipefail
cd "$(dirname "$0")/../.."
source src-tauri/scripts/bootstrap.sh
unlock_keyring test-password
trap stop_keyring EXIT

status=0
echo "==> crate tests (real Secret Service, sandbox over 127.0.0.1)"
cargo test --workspace --exclude setup-e2e || status=1
echo "==> the practice BigCommerce judged by BigCommerce's own documents (figures)"
cargo test -p setup-sandbox --test bc_schemas -- --nocapture 2>&1 | grep -E '^(judged|the judge|test result)' || status=1
echo "==> fuzz corpus replay (the core's 'fuzzing' feature: target bodies, not in the app)"
cargo test -p setup-core --features fuzzing --test fuzz_corpus || status=1
echo "==> end-to-end tests (real window on $DISPLAY, WebDriver)"
cargo test -p setup-e2e -- --test-threads=1 || status=1
echo "==> the installed .deb: release build, apt install, Welcome through WebDriver, removal"
bash tests/support/installed-smoke.sh || status=1
exit $status

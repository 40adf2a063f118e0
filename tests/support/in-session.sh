#!/usr/bin/env bash
# Runs inside `dbus-run-session` (see tests/run-all.sh): unlocks a gnome-keyring, runs the tests,
# stops the keyring by PID. Ends with cargo's own test summary lines.
set -uo pipefail
keyring_out=$(mktemp)
printf %s test-password | gnome-keyring-daemon --foreground --unlock --components=secrets >"$keyring_out" 2>/dev/null &
keyring_pid=$!
trap 'kill "$keyring_pid" 2>/dev/null; wait "$keyring_pid" 2>/dev/null; rm -f "$keyring_out"' EXIT
for _ in $(seq 100); do grep -q GNOME_KEYRING_CONTROL "$keyring_out" && break; sleep 0.1; done
eval "$(sed 's/^/export /' "$keyring_out")"

status=0
echo "==> crate tests (real Secret Service, sandbox over 127.0.0.1)"
cargo test --workspace --exclude setup-e2e || status=1
echo "==> fuzz corpus replay (the core's 'fuzzing' feature: target bodies, not in the app)"
cargo test -p setup-core --features fuzzing --test fuzz_corpus || status=1
echo "==> end-to-end tests (real window on $DISPLAY, WebDriver)"
cargo test -p setup-e2e -- --test-threads=1 || status=1
echo "==> the installed .deb: release build, apt install, Welcome through WebDriver, removal"
bash tests/support/installed-smoke.sh || status=1
exit $status

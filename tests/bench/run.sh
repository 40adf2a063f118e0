#!/usr/bin/env bash
# The benchmark command: the app against a Tauri hello world (tests/bench/hello, same tauri, same
# workspace release profile), side by side — .deb size, stripped binary, start to an interactive
# Welcome, memory (PSS and RSS of the app with its WebKit processes) at Welcome and after a
# practice flow, the practice flow in the app — then the core figures (callback → key stored,
# CPU while waiting for the browser) from `cargo bench -p setup-core --bench practice_flow`.
# Prints figures only; nothing here asserts on time. Not part of tests/run-all.sh.
#   bash tests/bench/run.sh [--runs 7] [--flows 3]
# Release profile variants without editing Cargo.toml, e.g.:
#   CARGO_PROFILE_RELEASE_OPT_LEVEL=z CARGO_PROFILE_RELEASE_LTO=thin bash tests/bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source src-tauri/scripts/bootstrap.sh
bootstrap_apt
bootstrap_tauri_driver
bootstrap_tauri_cli

log=target/bench-build.log
: >"$log"
echo "==> release builds and .debs of the app and the hello world (log: $log)"
rm -f target/release/bundle/deb/*.deb
(cd src-tauri && cargo tauri build --ci --bundles deb) >>"$log" 2>&1
(cd tests/bench/hello && cargo tauri build --ci --bundles deb) >>"$log" 2>&1
cargo build -q -p setup-sandbox -p setup-bench --bin browser-robot --bin app-bench >>"$log" 2>&1
app_deb=$(ls target/release/bundle/deb/*.deb | grep -v bench-hello)
hello_deb=$(ls target/release/bundle/deb/bench-hello_*.deb)

echo "==> core benchmark (cargo bench -p setup-core --bench practice_flow)"
core_out=$(mktemp)
cargo bench -q -p setup-core --bench practice_flow >"$core_out" 2>>"$log"

scratch=$(mktemp -d)
cleanup() {
  stop_xvfb
  rm -rf "$scratch" "$core_out"
}
trap cleanup EXIT
start_xvfb
export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
echo "==> app against hello world (Xvfb $DISPLAY, private D-Bus session, unlocked keyring)"
dbus-run-session -- bash -c '
  source src-tauri/scripts/bootstrap.sh
  unlock_keyring bench-password
  trap stop_keyring EXIT
  target/debug/app-bench --app target/release/core1-bigcommerce-setup --app-deb "$1" \
    --hello target/release/bench-hello --hello-deb "$2" --robot target/debug/browser-robot "${@:3}"
' bench "$app_deb" "$hello_deb" "$@"
echo
echo "core (cargo bench -p setup-core --bench practice_flow):"
cat "$core_out"
echo
echo "release profile: $(sed -n '/^\[profile.release\]/,/^$/p' Cargo.toml | grep -v '^#' | grep = | tr '\n' ' ')"
env | grep '^CARGO_PROFILE_RELEASE_' || true

#!/usr/bin/env bash
# Installs what is missing, then runs every check and test: formatting, clippy, the release
# workflow, macOS and Windows (built and linted; Windows' core tests and .exe under Wine), every
# crate's tests (with the real Secret Service) and the end-to-end tests (real app, real window
# under Xvfb, WebDriver). Idempotent. Every process it starts is stopped by PID at the end, on
# failure too.
set -euo pipefail
cd "$(dirname "$0")/.."
source src-tauri/scripts/bootstrap.sh
bootstrap_apt
bootstrap_report_tools
bootstrap_tauri_driver
bootstrap_cargo_deny
bootstrap_axe_core
bootstrap_typescript
bootstrap_platforms
bootstrap_actionlint
bootstrap_oauth2_server

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
  exit 1
fi
echo "==> the app carries no test machinery (browser robot, cookie jar, tracing-subscriber)"
if cargo tree -p core1-bigcommerce-setup -e normal --prefix none | grep -E '^(cookie_store|reqwest_cookie_store|tracing-subscriber) '; then
  echo "the app depends on the browser robot's or the sandbox binary's crates" >&2
  exit 1
fi
echo "==> the release workflow (actionlint, with shellcheck for its scripts)"
"$ACTIONLINT" .github/workflows/*.yml
# The other platforms (each stage prints its time): macOS type-checked, Windows built, linted,
# its core tests run under Wine and its .exe checked.
bash tests/macos/check.sh
bash tests/windows/run.sh
echo "==> building the app and test binaries"
cargo build --workspace --quiet

scratch=$(mktemp -d)
cleanup() {
  stop_xvfb
  rm -rf "$scratch"
}
trap cleanup EXIT
start_xvfb
echo "==> Xvfb on $DISPLAY (pid $XVFB_PID)"

# A private D-Bus session with an unlocked gnome-keyring (tests/support/in-session.sh): the real
# Secret Service.
export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
dbus-run-session -- bash tests/support/in-session.sh

#!/usr/bin/env bash
# Installs what is missing, builds the app and starts the wizard in practice mode: it runs against
# the built-in practice sandbox and touches no real store. Extra arguments go to the app
# (e.g. --workspace acme).
set -euo pipefail
cd "$(dirname "$0")/../.."
source src-tauri/scripts/bootstrap.sh
bootstrap_apt
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: start this from a desktop session." >&2
  exit 1
fi
cargo build -p core1-bigcommerce-setup
exec target/debug/core1-bigcommerce-setup --demo "$@"

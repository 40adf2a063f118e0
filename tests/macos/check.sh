#!/usr/bin/env bash
# The macOS stage of the test command (tests/run-all.sh): clippy -D warnings — a `cargo check`
# with lints — of the app (with the core and the sandbox it embeds) for Apple silicon
# (aarch64-apple-darwin). Type-checks every macOS-only line: the keychain store, the platform
# trust verifier, the system proxy, Tauri's macOS window. C and Objective-C files compile to
# empty objects (tests/macos/empty-object-cc.sh says why); building, signing and running the app
# on macOS is the release workflow's part (.github/workflows/release.yml).
set -euo pipefail
cd "$(dirname "$0")/../.."
source src-tauri/scripts/bootstrap.sh
bootstrap_platforms

echo "==> macOS: clippy for aarch64-apple-darwin (app, core, sandbox)"
started=$SECONDS
CC_aarch64_apple_darwin="$PWD/tests/macos/empty-object-cc.sh" \
  AR_aarch64_apple_darwin=llvm-ar \
  cargo clippy --quiet --target aarch64-apple-darwin -p core1-bigcommerce-setup -p setup-core \
  -- -D warnings
echo "    checked in $((SECONDS - started)) s"

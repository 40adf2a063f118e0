#!/bin/sh
# The C compiler for `cargo check --target aarch64-apple-darwin` on Linux (tests/macos/check.sh):
# every C or Objective-C file becomes an empty Mach-O object.
#
# Why: two dependencies compile C while they build: ring (the TLS crypto, for the core) includes
# Apple SDK headers (TargetConditionals.h, and libc's through them), and objc2-exception-helper
# (for the app, through Tauri's macOS window) compiles Objective-C against Foundation. Apple's
# SDK is not on this machine and may not be copied here. `cargo check` never links, so those
# objects are never used: with empty ones the build scripts finish and every line of Rust — ours
# and every dependency's — is type-checked for macOS. What this cannot check (the C itself,
# linking, running) is the release machine's part (.github/workflows/release.yml).
out=""
compile=""
prev=""
for arg in "$@"; do
  [ "$prev" = "-o" ] && out="$arg"
  [ "$arg" = "-c" ] && compile=1
  prev="$arg"
done
if [ -z "$compile" ] || [ -z "$out" ]; then
  # Not a compilation (cc-rs asks the compiler what it is): clang answers.
  exec clang --target=arm64-apple-macos11 "$@"
fi
exec clang --target=arm64-apple-macos11 -c -x c /dev/null -o "$out"

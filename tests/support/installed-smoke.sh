#!/usr/bin/env bash
# The installer as a merchant gets it: builds the release .deb (src-tauri/scripts/build-deb.sh),
# checks what a Linux desktop expects of it (tests/support/deb-conventions.sh), installs it on
# this machine with apt (pulling its dependencies), starts the INSTALLED app
# (/usr/bin/core1-bigcommerce-setup) and checks the Welcome screen through WebDriver (the welcome
# end-to-end test, pointed at the installed binary), lets it update itself (tests/e2e/update.rs),
# then removes the package again — on failure too. Runs inside the Xvfb + D-Bus + keyring session
# of tests/support/in-session.sh. Ends with cargo's own test summary lines; exits non-zero when
# anything fails.
#
# Signed updates: the .deb is built with a test update configuration merged into tauri.conf.json
# (`cargo tauri build --config`): the public key of a key pair made here
# (`cargo tauri signer generate`, kept in target/update-test) and an update address on 127.0.0.1
# over plain HTTP (`dangerousInsecureTransportProtocol`). Only this build gets it; the committed configuration
# has an https address, no such flag, and no key (the release machine merges the product key).
# tests/support/update-release.sh then makes the newer .deb and its signatures.
# shellcheck disable=SC2016 # the single-quoted $1, $3 are awk's (run_listed_tests)
set -euo pipefail
cd "$(dirname "$0")/../.."
source src-tauri/scripts/bootstrap.sh
source tests/support/test-build.sh

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

bootstrap_tauri_cli
# The updater's last way to install a package as root when no graphical prompt (pkexec, zenity)
# is there, as on this machine; as root, sudo asks nothing.
command -v sudo >/dev/null || {
  echo "==> installing sudo (Debian package) for the updater's install step"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends sudo >/dev/null 2>&1 ||
    { echo "could not install sudo" >&2; exit 1; }
}
# Kept between runs (in the build folder, never committed): the same keys and port give the same
# configuration, so a second run does not rebuild the app for a new one.
updates="$PWD/target/update-test"
mkdir -p "$updates" && rm -rf "$updates/release"
echo "==> the update key pair this build trusts (cargo tauri signer generate), and another one"
for key in trusted other; do
  [ -f "$updates/$key.key.pub" ] ||
    cargo tauri signer generate --ci --password "" --write-keys "$updates/$key.key" --force >/dev/null 2>&1
done
# A port for the update server that is free now (bash's /dev/tcp: nothing answers there).
free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=$(cat "$updates/port" 2>/dev/null || echo 0)
until [ "$port" -gt 1024 ] && free "$port"; do port=$((20000 + RANDOM % 30000)); done
echo "$port" >"$updates/port"
printf '{"plugins":{"updater":{"pubkey":"%s","endpoints":["http://127.0.0.1:%s/latest.json"],"dangerousInsecureTransportProtocol":true}}}\n' \
  "$(cat "$updates/trusted.key.pub")" "$port" >"$updates/test.conf.json"

echo "==> building the release .deb (src-tauri/scripts/build-deb.sh, with the test update configuration)"
bash src-tauri/scripts/build-deb.sh --config "$updates/test.conf.json" >target/installed-smoke-build.log 2>&1 || {
  tail -n 40 target/installed-smoke-build.log >&2
  echo "building the .deb failed (log: target/installed-smoke-build.log)" >&2
  exit 1
}
deb=$(tail -n 1 target/installed-smoke-build.log)
[ -f "$deb" ] || { echo "no .deb built (log: target/installed-smoke-build.log)" >&2; exit 1; }
echo "==> the package's name, control fields, files, launcher and metainfo"
bash tests/support/deb-conventions.sh "$deb"
package=$(dpkg-deb -f "$deb" Package)
installed_binary=/usr/bin/core1-bigcommerce-setup
echo "==> $(basename "$deb"): $(stat -c %s "$deb") bytes, package $package"
echo "==> the newer release it will be offered (tests/support/update-release.sh)"
bash tests/support/update-release.sh "$deb" "$updates/release" "$updates/trusted.key" "$updates/other.key"

if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
  echo "note: $package was already installed (an interrupted run?); it is replaced and removed" >&2
fi

removed=0
remove_package() {
  [ "$removed" -eq 1 ] && return 0
  removed=1
  DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -q "$package" >/dev/null 2>&1 ||
    $sudo dpkg -r "$package" >/dev/null 2>&1 || echo "could not remove $package" >&2
}
trap remove_package EXIT

echo "==> installing it (apt-get install ./$(basename "$deb"))"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$deb" \
  >target/installed-smoke-apt.log 2>&1 || {
  cat target/installed-smoke-apt.log >&2
  exit 1
}
[ -x "$installed_binary" ] || { echo "$installed_binary missing after install" >&2; exit 1; }
desktop=/usr/share/applications/io.core1setup.bigcommerce.desktop
[ -f "$desktop" ] || { echo "$desktop missing after install" >&2; exit 1; }

echo "==> the installed app's Welcome screen (WebDriver on $DISPLAY)"
status=0
# The test executables of the shared debug build (no other cargo selection, so nothing rebuilt).
test_build
SETUP_APP_BINARY="$installed_binary" SETUP_DESKTOP_ENTRY="$desktop" \
  run_listed_tests '$1 == "tests" && $3 == "welcome"' --test-threads=1 \
  >target/installed-smoke-test.log 2>&1 || status=1
echo "==> the installed app updates itself (127.0.0.1:$port, signed with this run's key)"
SETUP_APP_BINARY="$installed_binary" SETUP_UPDATE_DIR="$updates/release" SETUP_UPDATE_PORT="$port" \
  run_listed_tests '$1 == "tests" && $3 == "update"' --ignored --test-threads=1 --nocapture \
  >target/installed-smoke-update.log 2>&1 || status=1
# Removed before the test output is shown, so cargo's summary lines stay the last ones printed.
remove_package
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
  echo "$package is still installed after removal" >&2
  status=1
fi
cat target/installed-smoke-update.log target/installed-smoke-test.log
exit $status

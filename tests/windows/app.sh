#!/usr/bin/env bash
# What a Windows user sees of the app's .exe, checked on this Linux machine (run by
# tests/windows/run.sh, which exports WINE, WINESERVER, WINEPREFIX and a non-ASCII USER):
#   - the file: the icon (all sizes of icons/icon.ico), the version resource (product name,
#     version, publisher, description), the manifest (asInvoker: no administrator rights asked;
#     per-monitor DPI awareness v2; Common Controls 6), the WebView2 loader next to it;
#   - the command line under Wine: --version and --help;
#   - a start without WebView2 (Wine has none, like a PC without the runtime): a message box in
#     the user's language (German here) saying what is missing and where to get it, seen in the
#     X server's window list and on a screenshot (tests/artifacts/windows-no-webview2-de.png);
#     OK pressed; exit code 3; the log in %LOCALAPPDATA% says so and names the data folder in
#     %APPDATA%.
# Usage: tests/windows/app.sh PATH/TO/core1-bigcommerce-setup.exe
set -euo pipefail
cd "$(dirname "$0")/../.."
source src-tauri/scripts/bootstrap.sh
exe="$1"
dir=$(dirname "$exe")
version=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' src-tauri/tauri.conf.json)
product="Core1 BigCommerce Setup"
fail() { echo "Windows .exe: $*" >&2; exit 1; }
scratch=$(mktemp -d)
app_pid=""
cleanup() {
  stop_by_pid app_pid
  stop_xvfb
  rm -rf "$scratch"
}
trap cleanup EXIT

# --- the file ---------------------------------------------------------------------------------
resources=$(wrestool -l "$exe")
for kind in "type=group_icon" "type=version" "--type=24 "; do
  grep -q -- "$kind" <<<"$resources" || fail "no $kind resource"
done
wrestool -x --type=group_icon "$exe" -o "$scratch/app.ico"
[ "$(icotool -l "$scratch/app.ico")" = "$(icotool -l icons/icon.ico)" ] ||
  fail "the icon is not icons/icon.ico"
icons=$(icotool -l "$scratch/app.ico")
for size in 16 32 48 256; do
  grep -q -- "--width=$size --height=$size" <<<"$icons" || fail "no ${size}px icon"
done
# VS_VERSION_INFO's strings are UTF-16: one "key=value" line each.
wrestool -x --raw --type=version "$exe" | iconv -f UTF-16LE -t UTF-8 2>/dev/null |
  tr -c '[:print:]' '\n' | grep -v '^.\{0,1\}$' >"$scratch/version.txt" || true
value_of() { grep -A1 -x "$1" "$scratch/version.txt" | tail -1; }
[ "$(value_of ProductName)" = "$product" ] || fail "ProductName is '$(value_of ProductName)'"
[ "$(value_of FileDescription)" = "$product" ] || fail "FileDescription is '$(value_of FileDescription)'"
[ "$(value_of ProductVersion)" = "$version" ] || fail "ProductVersion is '$(value_of ProductVersion)'"
[ "$(value_of FileVersion)" = "$version" ] || fail "FileVersion is '$(value_of FileVersion)'"
[ -n "$(value_of CompanyName)" ] || fail "no CompanyName"
wrestool -x --raw --type=24 "$exe" >"$scratch/manifest.xml"
grep -q 'requestedExecutionLevel level="asInvoker"' "$scratch/manifest.xml" || fail "manifest: not asInvoker"
grep -q '<dpiAwareness[^>]*>PerMonitorV2' "$scratch/manifest.xml" || fail "manifest: no PerMonitorV2"
grep -q '<dpiAware[^>]*>true/pm<' "$scratch/manifest.xml" || fail "manifest: no dpiAware"
grep -q 'Microsoft.Windows.Common-Controls' "$scratch/manifest.xml" || fail "manifest: no Common Controls 6"
# The GNU build loads WebView2Loader.dll at run time (the MSVC build of the release links it
# statically): it must lie next to the .exe, as the installer puts it.
# (Outputs are kept before grep reads them: with pipefail, `grep -q` leaving early fails the
# writer.)
imports=$(x86_64-w64-mingw32-objdump -p "$exe")
grep -q "DLL Name: WebView2Loader.dll" <<<"$imports" || fail "the .exe does not import WebView2Loader.dll"
loader=$(file "$dir/WebView2Loader.dll")
grep -q "PE32+ executable (DLL).*x86-64" <<<"$loader" || fail "no x86-64 WebView2Loader.dll next to the .exe"
echo "    file: icon (16-256 px), version $version, \"$product\", asInvoker, PerMonitorV2, WebView2Loader.dll"

# --- the command line -------------------------------------------------------------------------
out=$("$WINE" "$exe" --version 2>&1) || fail "--version failed: $out"
grep -q "$version" <<<"$out" || fail "--version printed '$out'"
out=$("$WINE" "$exe" --help 2>&1) || fail "--help failed: $out"
grep -q -- "--demo" <<<"$out" || fail "--help printed '$out'"
echo "    --version, --help"

# --- a start without WebView2 -----------------------------------------------------------------
start_xvfb
# Wine takes the user's language from the Linux locale, which must exist: a German one is
# made for this run alone (LOCPATH), no system setting changed.
localedef -i de_DE -f UTF-8 "$scratch/de_DE.UTF-8"
title="$product kann nicht starten"
LOCPATH="$scratch" LANG=de_DE.UTF-8 "$WINE" "$exe" >"$scratch/app.out" 2>&1 &
app_pid=$!
window=""
for _ in $(seq 600); do
  windows=$(xwininfo -root -children 2>/dev/null || true)
  window=$(awk -v t="\"$title\"" 'index($0, t) { print $1; exit }' <<<"$windows")
  [ -n "$window" ] && break
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.1
done
[ -n "$window" ] || { cat "$scratch/app.out" >&2; fail "no message box titled '$title'"; }
mkdir -p tests/artifacts
import -window root tests/artifacts/windows-no-webview2-de.png
xdotool key --window "$(printf '%d' "$window")" Return 2>/dev/null
code=0
for _ in $(seq 300); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
wait "$app_pid" || code=$?
app_pid=""
[ "$code" -eq 3 ] || { cat "$scratch/app.out" >&2; fail "exit code $code after the message box, not 3"; }
log="$WINEPREFIX/drive_c/users/$USER/AppData/Local/io.core1setup.bigcommerce/logs/setup.log"
[ -f "$log" ] || fail "no log in %LOCALAPPDATA%: $log"
grep -q "no window: the WebView2 runtime is not installed; telling the user in a message box (de)" "$log" ||
  fail "the log does not say why: $(tail -5 "$log")"
grep -qF "data folder: C:\\users\\$USER\\AppData\\Roaming\\io.core1setup.bigcommerce" "$log" ||
  fail "the data folder is not in %APPDATA%: $(grep 'data folder' "$log")"
grep -q "message box closed; exiting with 3" "$log" || fail "the log does not say it exited"
echo "    no WebView2: message box \"$title\", OK, exit 3, logged in %LOCALAPPDATA% (user \"$USER\")"

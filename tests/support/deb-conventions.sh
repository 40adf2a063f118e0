#!/usr/bin/env bash
# What a Linux desktop expects of the built .deb, read from the package itself (dpkg-deb --info,
# --contents): the package name, its control fields, the binary, the icons, one launcher named by
# the app identifier whose StartupWMClass is the window's WM_CLASS (GTK takes it from the binary's
# name; tests/e2e/welcome.rs checks the running window against this launcher), and an AppStream
# metainfo file that names that launcher — both validated (desktop-file-validate, appstreamcli).
#   bash tests/support/deb-conventions.sh path/to/the.deb
set -euo pipefail
deb="$1"
app_id=io.core1setup.bigcommerce
binary=core1-bigcommerce-setup
problems=0
problem() {
  echo "deb-conventions: $*" >&2
  problems=$((problems + 1))
}
field() { dpkg-deb --field "$deb" "$1"; }

[ "$(field Package)" = core1-bigcommerce-setup ] || problem "Package is '$(field Package)', not core1-bigcommerce-setup"
version=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' src-tauri/tauri.conf.json)
[ "$(field Version)" = "$version" ] || problem "Version is '$(field Version)', tauri.conf.json says '$version'"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || problem "Architecture is '$(field Architecture)'"
for dep in libwebkit2gtk-4.1-0 libgtk-3-0 xdg-utils; do
  field Depends | grep -q "\b$dep\b" || problem "Depends lacks $dep: $(field Depends)"
done
field Recommends | grep -q '\bgnome-keyring\b' || problem "Recommends lacks gnome-keyring"
# The package's name before it followed the binary's: an upgrade replaces it instead of clashing.
for f in Conflicts Replaces; do
  field "$f" | grep -q '\bcore1-big-commerce-setup\b' || problem "$f lacks the old name core1-big-commerce-setup"
done
[ -n "$(field Description)" ] || problem "no Description"

# `mode owner size date time ./path` (a path may hold spaces: everything after the 5th field).
files=$(dpkg-deb --contents "$deb" | sed -E 's/^([^ ]+ +){5}//; s|^\./|/|')
for path in "/usr/bin/$binary" \
  "/usr/share/applications/$app_id.desktop" \
  "/usr/share/metainfo/$app_id.metainfo.xml" \
  "/usr/share/icons/hicolor/128x128/apps/$binary.png"; do
  grep -qx "$path" <<<"$files" || problem "missing $path"
done
launchers=$(grep -c '^/usr/share/applications/.*\.desktop$' <<<"$files" || true)
[ "$launchers" -eq 1 ] || problem "$launchers .desktop files, want 1: $(grep '\.desktop$' <<<"$files" | tr '\n' ' ')"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
dpkg-deb --extract "$deb" "$scratch"
desktop="$scratch/usr/share/applications/$app_id.desktop"
metainfo="$scratch/usr/share/metainfo/$app_id.metainfo.xml"
if [ -f "$desktop" ]; then
  desktop-file-validate "$desktop" || problem "desktop-file-validate refused the launcher"
  entry() { sed -n "s/^$1=//p" "$desktop"; }
  [ "$(entry StartupWMClass)" = "$binary" ] || problem "StartupWMClass is '$(entry StartupWMClass)', the window's WM_CLASS is $binary"
  [ "$(entry Exec)" = "$binary" ] || problem "Exec is '$(entry Exec)'"
  [ "$(entry Icon)" = "$binary" ] || problem "Icon is '$(entry Icon)'"
  [ "$(entry Name)" = "Core1 BigCommerce Setup" ] || problem "Name is '$(entry Name)'"
fi
if [ -f "$metainfo" ]; then
  appstreamcli validate --no-net --pedantic "$metainfo" >"$scratch/appstream.log" 2>&1 ||
    problem "appstreamcli refused the metainfo: $(cat "$scratch/appstream.log")"
  grep -q "<id>$app_id</id>" "$metainfo" || problem "the metainfo's <id> is not $app_id"
  grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" ||
    problem "the metainfo does not launch $app_id.desktop"
  grep -q "<binary>$binary</binary>" "$metainfo" || problem "the metainfo does not provide $binary"
fi

if [ "$problems" -gt 0 ]; then
  echo "deb-conventions: $problems problem(s) in $(basename "$deb")" >&2
  exit 1
fi
echo "deb-conventions: $(basename "$deb") is package $(field Package) $(field Version) with $app_id.desktop (StartupWMClass=$binary) and its metainfo: ok"

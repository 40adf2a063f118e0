#!/usr/bin/env bash
# Builds the release .deb (`cargo tauri build --bundles deb`, extra arguments go to it) and names
# its launcher by the app identifier, as Linux desktops expect:
# usr/share/applications/io.core1setup.bigcommerce.desktop, the id that the AppStream metainfo's
# <launchable> names. Tauri's bundler names the .desktop file after the product name and has no
# setting for it, so the package is unpacked, that one file renamed (its md5sums line too) and
# the package packed again. Prints the path of the .deb on its last line.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src-tauri/scripts/bootstrap.sh
bootstrap_tauri_cli

app_id=io.core1setup.bigcommerce
rm -f target/release/bundle/deb/*.deb
(cd src-tauri && cargo tauri build --ci --bundles deb "$@")
debs=(target/release/bundle/deb/*.deb)
[ -f "${debs[0]}" ] || { echo "no .deb under target/release/bundle/deb" >&2; exit 1; }
deb="${debs[0]}"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
dpkg-deb --raw-extract "$deb" "$scratch/package"
apps="$scratch/package/usr/share/applications"
generated=("$apps"/*.desktop)
[ "${#generated[@]}" -eq 1 ] || { echo "expected one .desktop file, found: ${generated[*]}" >&2; exit 1; }
if [ "${generated[0]}" != "$apps/$app_id.desktop" ]; then
  mv "${generated[0]}" "$apps/$app_id.desktop"
  sed -i "s|usr/share/applications/$(basename "${generated[0]}")\$|usr/share/applications/$app_id.desktop|" \
    "$scratch/package/DEBIAN/md5sums"
fi
dpkg-deb --root-owner-group --build "$scratch/package" "$deb" >/dev/null
echo "$PWD/$deb"

#!/usr/bin/env bash
# Makes every bundle format's icon from source.svg (needs Debian's librsvg2-bin, imagemagick, icnsutils).
set -euo pipefail
cd "$(dirname "$0")"
png() { rsvg-convert -w "$1" -h "$1" source.svg -o "$2"; }
png 32 32x32.png
png 128 128x128.png
png 256 128x128@2x.png
png 512 icon.png
for s in 30 44 71 89 107 142 150 284 310; do png "$s" "Square${s}x${s}Logo.png"; done
png 50 StoreLogo.png
tmp=$(mktemp -d)
for s in 16 24 32 48 64 256; do png "$s" "$tmp/$s.png"; done
convert "$tmp"/16.png "$tmp"/24.png "$tmp"/32.png "$tmp"/48.png "$tmp"/64.png "$tmp"/256.png icon.ico
for s in 16 32 128 256 512; do png "$s" "$tmp/icns$s.png"; done
png2icns icon.icns "$tmp"/icns16.png "$tmp"/icns32.png "$tmp"/icns128.png "$tmp"/icns256.png "$tmp"/icns512.png >/dev/null
rm -rf "$tmp"

#!/usr/bin/env bash
# Packs the RustSec advisory database (https://github.com/rustsec/advisory-db, CC0-1.0) into
# tests/advisory-db/rustsec.tar.xz: the snapshot `tests/support/deny.sh` checks against when the
# real database cannot be fetched (a machine that reaches only the package registries).
#
#   git clone https://github.com/rustsec/advisory-db /tmp/advisory-db
#   bash tests/advisory-db/refresh.sh /tmp/advisory-db
#
# Only `crates/` (what cargo-deny reads for crates), LICENSE.txt and a SNAPSHOT.md naming the
# commit and its date go in; the archive is byte-for-byte the same for the same commit.
set -euo pipefail
src="${1:?usage: refresh.sh PATH-TO-A-RUSTSEC-ADVISORY-DB-CHECKOUT}"
out="$(cd "$(dirname "$0")" && pwd)/rustsec.tar.xz"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$src/crates" "$src/LICENSE.txt" "$work/"
if git -C "$src" rev-parse HEAD >/dev/null 2>&1; then
  commit=$(git -C "$src" rev-parse HEAD)
  date=$(git -C "$src" show -s --format=%cs HEAD)
  count=$(find "$work/crates" -name 'RUSTSEC-*.md' | wc -l)
  printf '%s\n' "# RustSec advisory database — snapshot" "" \
    "A copy of the public RustSec advisory database (CC0-1.0, see LICENSE.txt)." "" \
    "- source commit: $commit" "- commit date:   $date" "- $count crate advisories under \`crates/\`" \
    >"$work/SNAPSHOT.md"
else
  cp "$src/SNAPSHOT.md" "$work/"   # a copy that is not a git checkout names its commit itself
fi
date=$(sed -n 's/^- commit date: *//p' "$work/SNAPSHOT.md")
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="$date 00:00Z" -C "$work" \
  -cf - crates LICENSE.txt SNAPSHOT.md | xz -9e >"$out"
echo "wrote $out ($(wc -c <"$out") bytes): $(sed -n 's/^- source commit: *//p' "$work/SNAPSHOT.md"), $date"

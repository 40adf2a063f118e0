#!/usr/bin/env bash
# The release the installed-app update test offers (tests/e2e/update.rs), made offline from the
# .deb the test command built and installs (version V):
#   DIR/new.deb        the same package as version V' (newer, same length: the rightmost digit
#                      below 9 counted up, 0.1.0 -> 0.1.1), signed as the release process signs
#                      (`cargo tauri signer sign --app-version V'`) with the key the app under
#                      test trusts -> DIR/new.deb.sig
#   DIR/other.sig      new.deb signed with another key (the app must refuse it)
#   DIR/tampered.deb   new.deb with one byte changed (its signature no longer fits)
#   DIR/version        V'
# Why not a second release build: it costs 2.5 minutes here (measured: 2 m 30 s on 2 busy cores)
# for a package whose code would be the same. The app's version is in its binary only as text —
# tauri.conf.json's `version` and the crates' own, which a release bumps together — so V' is
# written there: every occurrence of V as a whole version, checked by running the patched
# binary's --version. Everything else (dpkg's control file and checksums, the signature, the
# bundle-type mark the updater reads) is what a release has.
#   bash tests/support/update-release.sh DEB DIR TRUSTED_KEY OTHER_KEY
set -euo pipefail
deb="$1" dir="$2" trusted="$3" other="$4"
binary=usr/bin/core1-bigcommerce-setup
old=$(dpkg-deb --field "$deb" Version)
# The rightmost digit below 9, counted up: newer, and as long as V (the text is patched in place).
new=$(perl -e '$v = shift; $v =~ s/^(.*)([0-8])([^0-8]*)$/$1.($2+1).$3/e or die "no digit to count up in $v\n"; print $v' "$old")

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$dir"
dpkg-deb --raw-extract "$deb" "$scratch/package"
bin="$scratch/package/$binary"
pattern="(?<![0-9.])\Q$old\E(?![0-9.])"
found=$(perl -0777 -ne "print scalar(() = /$pattern/g)" "$bin")
[ "$found" -ge 1 ] || { echo "update-release: version $old not found in $binary" >&2; exit 1; }
perl -0777 -pi -e "s/$pattern/$new/g" "$bin"
said=$("$bin" --version)
[ "$said" = "core1-bigcommerce-setup $new" ] || { echo "update-release: patched binary says '$said'" >&2; exit 1; }
sed -i "s/^Version: .*/Version: $new/" "$scratch/package/DEBIAN/control"
sum=$(cd "$scratch/package" && md5sum "$binary")
sed -i "s|^[0-9a-f]*  $binary\$|$sum|" "$scratch/package/DEBIAN/md5sums"
dpkg-deb --root-owner-group --build "$scratch/package" "$dir/new.deb" >/dev/null

sign() { # KEY FILE: FILE.sig, bound to version V'
  cargo tauri signer sign --private-key-path "$1" --password "" --app-version "$new" "$2" >/dev/null
}
sign "$trusted" "$dir/new.deb"
mkdir -p "$scratch/other"
cp "$dir/new.deb" "$scratch/other/new.deb"
sign "$other" "$scratch/other/new.deb"
cp "$scratch/other/new.deb.sig" "$dir/other.sig"
cp "$dir/new.deb" "$dir/tampered.deb"
size=$(stat -c %s "$dir/tampered.deb")
# One byte in the middle (inside the packed files) turned into its complement.
perl -e 'open my $f, "+<", $ARGV[0] or die; binmode $f; seek $f, $ARGV[1], 0; read $f, my $b, 1;
  seek $f, $ARGV[1], 0; print $f chr(255 - ord $b); close $f' "$dir/tampered.deb" $((size / 2))
cmp -s "$dir/new.deb" "$dir/tampered.deb" && { echo "update-release: tampering changed nothing" >&2; exit 1; }
echo "$new" >"$dir/version"
echo "update-release: $old -> $new ($found places in the binary), $(stat -c %s "$dir/new.deb") bytes"

#!/usr/bin/env bash
# `cargo deny check` (deny.toml) with the RustSec advisories always checked, then a list of the
# advisories that apply to Cargo.lock and what was decided about each. Called by tests/run-all.sh.
#
# The database is cloned from GitHub by cargo-deny into deny.toml's `db-path`
# (target/advisory-dbs). Where GitHub cannot be reached (machines that reach only the package
# registries), a copy fetched earlier on this machine is used, else the snapshot this repository
# carries (tests/advisory-db/rustsec.tar.xz, refreshed with tests/advisory-db/refresh.sh),
# unpacked into a one-commit git repository dated like the snapshot (cargo-deny reads the date
# of HEAD). The step says which one it checked against.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src-tauri/scripts/bootstrap.sh
bootstrap_cargo_deny
dbs=target/advisory-dbs
# cargo-deny's folder for https://github.com/rustsec/advisory-db (printed by `cargo deny fetch`).
name=advisory-db-3157b0e258782691
snapshot=tests/advisory-db/rustsec.tar.xz
mkdir -p "$dbs"
# An unpacked snapshot is never fetched into: a fetch starts from a real clone.
[ -e "$dbs/$name/.snapshot" ] && rm -rf "${dbs:?}/$name"
if fetched=$(timeout 120 cargo deny fetch db 2>&1); then
  source="fetched from GitHub now"
else
  printed=$(grep -o "advisory-db-[0-9a-f]\{16\}" <<<"$fetched" | head -1 || true)
  name=${printed:-$name}
  if git -C "$dbs/$name" rev-parse HEAD >/dev/null 2>&1; then
    source="GitHub not reachable: a copy fetched earlier on this machine"
  else
    rm -rf "${dbs:?}/$name" && mkdir -p "$dbs/$name"
    tar -xJf "$snapshot" -C "$dbs/$name"
    date=$(sed -n 's/^- commit date: *//p' "$dbs/$name/SNAPSHOT.md")
    (
      cd "$dbs/$name"
      git init -q
      git add -A
      GIT_AUTHOR_DATE="${date}T00:00:00Z" GIT_COMMITTER_DATE="${date}T00:00:00Z" \
        git -c user.name=snapshot -c user.email=snapshot@localhost commit -qm "RustSec snapshot"
      touch .snapshot
    )
    source="GitHub not reachable: the repository's snapshot ($snapshot)"
  fi
fi
db="$dbs/$name"
echo "    advisory database: $source"
if [ -e "$db/.snapshot" ]; then
  commit=$(sed -n 's/^- source commit: *//p' "$db/SNAPSHOT.md" | cut -c1-12)
else
  commit=$(git -C "$db" show -s --format=%h HEAD)
fi
echo "    RustSec commit $commit of $(git -C "$db" show -s --format=%cs HEAD)," \
  "$(find "$db/crates" -name 'RUSTSEC-*.md' | wc -l) crate advisories"

status=0
report=$(cargo deny --offline -L info check --hide-inclusion-graph --show-stats 2>&1) || status=$?
# Every advisory that applies, with its crate and the decision (a note = accepted in deny.toml).
awk '
  /^(error|warning|note)\[/ { level = $0; sub(/\[.*/, "", level); kind = $0; sub(/^[a-z]+\[/, "", kind); sub(/\].*/, "", kind) }
  /Cargo\.lock:[0-9]+:1$/ { want = 1; next }
  want && /^ *[0-9]+ │ / { crate = $3 " " $4; want = 0 }
  /├ ID: RUSTSEC-/ {
    id = $NF
    decided = (level == "note") ? "accepted in deny.toml (reason there)" : "NOT accepted: fails the check"
    printf "    %-18s %-24s %-14s %s\n", id, crate, kind, decided
    found++
  }
  END { printf "    %d advisories apply to Cargo.lock\n", found }
' <<<"$report"
grep -E "^ *(advisories|bans|licenses|sources) (ok|FAILED)" <<<"$report" | sed 's/^ */    /'
# A run that checked no advisories is a failure, never a silent pass.
if ! grep -qE "^ *advisories (ok|FAILED)" <<<"$report"; then
  echo "    advisories were not checked" >&2
  status=1
fi
if [ "$status" -ne 0 ]; then
  grep -E "^(error|warning)\[" -A6 <<<"$report" >&2 || tail -20 <<<"$report" >&2
fi
exit "$status"

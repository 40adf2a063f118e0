#!/usr/bin/env python3
"""The test executables of a `cargo test --no-run --message-format=json...` build, from cargo's
own report (its JSON lines on standard input or in the file given): one line each,
`<package folder>\t<target kind>\t<target name>\t<executable>`, the package folder relative to
the current directory (the workspace root), sorted (a stable order from run to run). Benchmark
targets are left out. Used by
tests/support/test-build.sh (the Linux tests) and tests/windows/run.sh (the tests under Wine),
which run the executables themselves: one build, then any subset of its executables, without
another cargo invocation that could select other packages (and so other features)."""
import json
import os
import sys

source = open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin
rows = set()
for line in source:
    try:
        m = json.loads(line)
    except ValueError:
        continue
    if (m.get("reason") != "compiler-artifact" or not m.get("executable")
            or not m["profile"]["test"] or m["target"]["kind"] == ["bench"]):
        continue
    folder = os.path.relpath(os.path.dirname(m["manifest_path"]))
    rows.add((folder, ",".join(m["target"]["kind"]), m["target"]["name"], m["executable"]))
for row in sorted(rows):
    print(*row, sep="\t")

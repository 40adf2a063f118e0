#!/usr/bin/env python3
"""No product file over 400 lines: small files named for what they hold.

Product files are the tracked sources of the app's shell, the wizard's core, the practice
sandbox that ships inside the app for practice mode, and the UI. What is left out, and why,
is listed below; everything else in those folders counts, whatever its extension."""
import pathlib, re, subprocess, sys

LIMIT = 400
PRODUCT_DIRS = ["src-tauri/src", "src-tauri/core/src", "src-tauri/sandbox/src", "ui/js", "ui/css"]
# (pattern on the path from the repository's root, why it does not count)
EXCLUDED = [
    (r"(^|/)tests\.rs$|(^|/)tests/",
     "unit tests kept beside the code they test are tests, not product code"),
    (r"^ui/js/api\.js$",
     "generated from the app's command list, not written by hand"),
    (r"^ui/types/.*\.d\.ts$",
     "TypeScript declarations generated from the Rust types (outside the folders above anyway)"),
    (r"^ui/locales/.*\.json$",
     "the UI's words in each language are data (outside the folders above anyway)"),
]

root = pathlib.Path(__file__).resolve().parents[2]
files = subprocess.run(["git", "-C", str(root), "ls-files", "--", *PRODUCT_DIRS],
                       check=True, capture_output=True, text=True).stdout.split()
too_long = []
checked = 0
for path in files:
    if any(re.search(pattern, path) for pattern, _ in EXCLUDED):
        continue
    checked += 1
    with open(root / path, "rb") as f:
        lines = sum(1 for _ in f)
    if lines > LIMIT:
        too_long.append((lines, path))

for lines, path in sorted(too_long, reverse=True):
    print(f"{path}: {lines} lines (more than {LIMIT}): split it by concept", file=sys.stderr)
print(f"{checked} product files, {len(too_long)} over {LIMIT} lines")
sys.exit(1 if too_long else 0)

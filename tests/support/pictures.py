#!/usr/bin/env python3
"""Every picture in tests/screens/ is shown by a document, and every picture a document names
exists: the README's pictures are the ones the end-to-end tests made, none left over."""
import pathlib, re, sys

root = pathlib.Path(__file__).resolve().parents[2]
screens = root / "tests" / "screens"
docs = [p for p in root.rglob("*.md") if not any(part in ("target", "node_modules", ".git") for part in p.parts)]


def expand(name):
    m = re.search(r"\{([^{}]*)\}", name)
    if not m:
        return [name]
    return [x for alt in m.group(1).split(",") for x in expand(name[: m.start()] + alt + name[m.end():])]


named = {}
for doc in docs:
    for ref in re.findall(r"tests/screens/([A-Za-z0-9._{},-]+\.png)", doc.read_text(encoding="utf-8")):
        for name in expand(ref):
            named.setdefault(name, doc.relative_to(root))
    # Relative links from a document inside tests/ (e.g. `screens/x.png` from tests/README.md).
    if doc.parent == root / "tests":
        for ref in re.findall(r"\(screens/([A-Za-z0-9._-]+\.png)\)", doc.read_text(encoding="utf-8")):
            named.setdefault(ref, doc.relative_to(root))

have = {p.name for p in screens.glob("*.png")}
unshown = sorted(have - set(named))
missing = sorted(set(named) - have)
for name in unshown:
    print(f"tests/screens/{name}: shown by no document (delete it, or show it)")
for name in missing:
    print(f"tests/screens/{name}: named in {named[name]}, but no such picture")
print(f"pictures: {len(have)} in tests/screens, {len(named)} named by documents")
sys.exit(1 if unshown or missing else 0)

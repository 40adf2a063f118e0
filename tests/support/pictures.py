#!/usr/bin/env python3
"""Every picture in tests/screens/ is shown by a document, and every picture a document names
exists: the documents' pictures are the ones the end-to-end tests made, none left over.

A picture is named by a markdown link or image, resolved from the document's own folder (so
`screens/x.png` in tests/README.md and `../../tests/screens/x.png` in src-tauri/core/README.md
both name tests/screens/x.png), or by a `tests/screens/NAME.png` path in the text (also with
`{a,b}` alternatives, as in `tests/screens/en-{welcome,manage}.png`)."""
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
broken = []
for doc in docs:
    text = doc.read_text(encoding="utf-8")
    for ref in re.findall(r"tests/screens/([A-Za-z0-9._{},-]+\.png)", text):
        for name in expand(ref):
            named.setdefault(name, doc.relative_to(root))
    # Links and images to a picture, resolved from the document's folder.
    for ref in re.findall(r"\]\(([^)\s#]+\.png)\)", text):
        if re.match(r"^[a-z]+:", ref):
            continue
        path = (doc.parent / ref).resolve()
        if path.parent == screens:
            named.setdefault(path.name, doc.relative_to(root))
        elif "tests/screens/" in ref:
            broken.append(f"{doc.relative_to(root)}: {ref} does not lead to tests/screens from there")
        elif not path.exists():
            broken.append(f"{doc.relative_to(root)}: {ref} does not exist")

have = {p.name for p in screens.glob("*.png")}
unshown = sorted(have - set(named))
missing = sorted(set(named) - have)
for name in unshown:
    print(f"tests/screens/{name}: shown by no document (delete it, or show it)")
for name in missing:
    print(f"tests/screens/{name}: named in {named[name]}, but no such picture")
for line in broken:
    print(line)
print(f"pictures: {len(have)} in tests/screens, {len(named)} named by documents")
sys.exit(1 if unshown or missing or broken else 0)

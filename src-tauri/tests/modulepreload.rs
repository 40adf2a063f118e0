//! Every module the page loads is announced in `ui/index.html` with `<link rel="modulepreload">`,
//! so the web view fetches them all at once instead of one import level after another (the
//! window is shown only when the first screen is drawn, so this waterfall is time the merchant
//! waits on a first launch). This test keeps the list and the modules the same.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn ui() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui")
}

/// The modules reached from `js/main.js` through static `import … from '…'` (paths relative to
/// `ui/`). JSDoc `import('…')` types are not loaded and are not followed.
fn loaded_modules() -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec!["js/main.js".to_owned()];
    while let Some(module) = todo.pop() {
        if !seen.insert(module.clone()) {
            continue;
        }
        let path = ui().join(&module);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{module}: {e}"));
        let dir = Path::new(&module).parent().expect("in js/").to_path_buf();
        for part in text.split("from '").skip(1) {
            let target = part.split('\'').next().expect("a quoted path");
            if !target.starts_with('.') {
                continue;
            }
            let mut joined = dir.clone();
            for piece in target.split('/') {
                match piece {
                    "." => {}
                    ".." => {
                        joined.pop();
                    }
                    name => joined.push(name),
                }
            }
            todo.push(joined.to_string_lossy().replace('\\', "/"));
        }
    }
    seen
}

fn preloaded() -> BTreeSet<String> {
    let html = std::fs::read_to_string(ui().join("index.html")).expect("ui/index.html");
    html.split("<link rel=\"modulepreload\" href=\"")
        .skip(1)
        .map(|part| part.split('"').next().expect("a quoted href").to_owned())
        .collect()
}

#[test]
fn every_loaded_module_is_preloaded_and_nothing_else() {
    let loaded = loaded_modules();
    assert!(
        loaded.len() > 20,
        "the import walk found too little: {loaded:?}"
    );
    let preloaded = preloaded();
    let missing: Vec<_> = loaded.difference(&preloaded).collect();
    let extra: Vec<_> = preloaded.difference(&loaded).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "ui/index.html's modulepreload list differs from what js/main.js imports:\n  \
         add: {missing:?}\n  remove: {extra:?}"
    );
}

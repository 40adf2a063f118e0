//! No import circles between modules, in the core or the sandbox: a module that uses another
//! which (directly or through others) uses it back cannot be read, tested or moved alone.
//!
//! Read from the source text: every `crate::…`, `super::…` and `self::…` path (in `use`
//! declarations, brace groups expanded, and inline) is resolved to the deepest module it names.
//! A use of one's own ancestor is not counted (a child using its parent's items is Rust's normal
//! layout; the parent declares the child), nor of oneself; the remaining edges must form no
//! cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        panic!("cannot read {}", dir.display());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `core1/mod.rs` → `[core1]`, `core1/api.rs` → `[core1, api]`, `lib.rs` → `[]`.
fn module_of(root: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(root).unwrap_or(file);
    let mut parts: Module = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The code of `text` without `//` comments (doc comments name paths without using them).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| l.split_once("//").map_or(l, |(c, _)| c))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path starting at `crate`, `super` or `self`, brace groups expanded.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut previous = ' ';
    for (i, c) in code.char_indices() {
        let boundary = !(previous.is_alphanumeric() || previous == '_' || previous == ':');
        previous = c;
        if !boundary {
            continue;
        }
        let rest = &code[i..];
        if let Some(p) = ["crate::", "super::", "self::"]
            .iter()
            .find(|p| rest.starts_with(*p))
        {
            let head = p.trim_end_matches("::").to_owned();
            expand(vec![head], &rest[p.len()..], &mut out);
        }
    }
    out
}

/// Continue `prefix` with the path text at the start of `rest` (`a::b`, `a::{b, c::d}`).
fn expand(prefix: Vec<String>, rest: &str, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    let mut rest = rest.trim_start();
    loop {
        let ident: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if ident.is_empty() {
            if let Some(group) = rest.strip_prefix('{') {
                for item in split_group(group) {
                    expand(path.clone(), &item, out);
                }
                return;
            }
            break;
        }
        path.push(ident.clone());
        rest = &rest[ident.len()..];
        match rest.strip_prefix("::") {
            Some(r) => rest = r,
            None => break,
        }
    }
    out.push(path);
}

/// The top-level items of a brace group's text (up to its closing brace).
fn split_group(text: &str) -> Vec<String> {
    let mut items = vec![String::new()];
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(String::new());
                continue;
            }
            _ => {}
        }
        if let Some(last) = items.last_mut() {
            last.push(c);
        }
    }
    items
}

/// The deepest known module `path` names, seen from module `from` (whose file is `is_dir_module`
/// when it is a `mod.rs` or the crate root).
fn resolve(from: &Module, path: &[String], modules: &BTreeSet<Module>) -> Module {
    let mut at: Module = match path.first().map(String::as_str) {
        Some("crate") => Vec::new(),
        Some("super") => from[..from.len().saturating_sub(1)].to_vec(),
        _ => from.clone(),
    };
    for seg in &path[1..] {
        if seg == "super" {
            at.pop();
            continue;
        }
        let mut next = at.clone();
        next.push(seg.clone());
        if !modules.contains(&next) {
            break;
        }
        at = next;
    }
    at
}

fn cycles_in(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(root, &mut files);
    // Other crate roots (binaries) in the same folder are not modules of the library.
    files.retain(|f| {
        f.file_name().is_some_and(|n| n != "main.rs") && !f.starts_with(root.join("bin"))
    });
    let modules: BTreeSet<Module> = files.iter().map(|f| module_of(root, f)).collect();
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for file in &files {
        let from = module_of(root, file);
        let Ok(text) = std::fs::read_to_string(file) else {
            panic!("cannot read {}", file.display());
        };
        for path in paths(&code(&text)) {
            let to = resolve(&from, &path, &modules);
            if to != from && !from.starts_with(&to) {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    let mut found = Vec::new();
    for start in edges.keys() {
        let mut stack = vec![vec![start.clone()]];
        let mut seen = BTreeSet::new();
        while let Some(trail) = stack.pop() {
            let Some(last) = trail.last() else { continue };
            for next in edges.get(last).into_iter().flatten() {
                if next == start {
                    let names: Vec<String> = trail.iter().map(|m| m.join("::")).collect();
                    found.push(format!("{} -> {}", names.join(" -> "), start.join("::")));
                } else if next > start && seen.insert(next.clone()) {
                    let mut longer = trail.clone();
                    longer.push(next.clone());
                    stack.push(longer);
                }
            }
        }
    }
    found
}

#[test]
fn the_core_has_no_import_circles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = cycles_in(&root);
    assert!(found.is_empty(), "import circles in the core: {found:#?}");
}

#[test]
fn the_sandbox_has_no_import_circles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../sandbox/src");
    let found = cycles_in(&root);
    assert!(
        found.is_empty(),
        "import circles in the sandbox: {found:#?}"
    );
}

/// The checker itself: it must see the circle this issue removed (two siblings naming each
/// other, one through a brace group).
#[test]
fn a_circle_between_siblings_is_found() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let root = dir.path();
    std::fs::create_dir_all(root.join("core1")).unwrap_or_else(|e| panic!("{e}"));
    let write = |name: &str, text: &str| {
        std::fs::write(root.join(name), text).unwrap_or_else(|e| panic!("{e}"));
    };
    write("lib.rs", "pub mod core1;\n");
    write("core1/mod.rs", "pub mod api;\npub mod oauth;\n");
    write(
        "core1/api.rs",
        "use super::{oauth::{read, Token}, endpoints};\n",
    );
    write(
        "core1/oauth.rs",
        "fn f() { crate::core1::api::Client::new(); }\n",
    );
    let found = cycles_in(root);
    assert_eq!(found, vec!["core1::api -> core1::oauth -> core1::api"]);
    write(
        "core1/oauth.rs",
        "// crate::core1::api is only named in a comment\n",
    );
    assert!(cycles_in(root).is_empty());
}

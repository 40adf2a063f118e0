//! Dependencies: every dependency the workspace declares is used by one of
//! its members. A declared-but-unused entry is not built, but it is reviewed, audited by
//! `cargo deny` and trusted by whoever reads `Cargo.toml` — so it must not be there.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The keys of one `[section]` of a TOML file (top-level `name = …` lines only).
fn keys_of_section(text: &str, section: &str) -> Vec<String> {
    let mut inside = false;
    let mut keys = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            inside = line == format!("[{section}]");
            continue;
        }
        if inside && !line.starts_with('#') {
            if let Some((key, _)) = line.split_once('=') {
                keys.push(key.trim().to_owned());
            }
        }
    }
    keys
}

/// The `members` of `[workspace]`.
fn members(text: &str) -> Vec<String> {
    let start = text.find("\nmembers = [").expect("workspace members") + 1;
    let list = &text[start..];
    let list = &list[list.find('[').unwrap() + 1..list.find(']').unwrap()];
    list.split(',')
        .map(|m| m.trim().trim_matches('"').to_owned())
        .filter(|m| !m.is_empty())
        .collect()
}

#[test]
fn every_workspace_dependency_is_used_by_a_member() {
    let root_toml = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let declared = keys_of_section(&root_toml, "workspace.dependencies");
    assert!(declared.len() > 10, "{declared:?}");
    let manifests: Vec<String> = members(&root_toml)
        .iter()
        .map(|m| std::fs::read_to_string(root().join(m).join("Cargo.toml")).unwrap())
        .collect();
    let unused: Vec<&String> = declared
        .iter()
        .filter(|dep| {
            let dotted = format!("{dep}.workspace = true");
            let inline = format!("{dep} = {{ workspace = true");
            !manifests.iter().any(|m| {
                m.lines().any(|l| {
                    let l = l.trim();
                    l.starts_with(&dotted) || l.starts_with(&inline)
                })
            })
        })
        .collect();
    assert!(
        unused.is_empty(),
        "declared in [workspace.dependencies] but used by no member: {unused:?}"
    );
}

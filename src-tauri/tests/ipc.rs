//! The page's side of the IPC, generated from the Rust side and compared with the committed
//! files, so neither can fall behind: `ui/types/ipc.d.ts` (every type a command takes or
//! answers, declared by ts-rs from the Rust types) and `ui/js/api.js` (one function per command,
//! in `commands/list.rs` order, from the command functions' signatures read with syn; `tsc`
//! checks every screen's call against them). After changing a command or one of its types:
//! `UPDATE_IPC=1 cargo test -p core1-bigcommerce-setup --test ipc`.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use core1_bigcommerce_setup_lib::commands::{ts::declarations, NAMES};
use syn::{FnArg, GenericArgument, Item, Pat, PathArguments, ReturnType, Type};

/// What Tauri injects itself; the page never passes these.
const INJECTED: &[&str] = &["State", "AppHandle", "Window", "WebviewWindow", "Webview"];

/// How to run this test so it writes the files.
const UPDATE: &str = "UPDATE_IPC=1 cargo test -p core1-bigcommerce-setup --test ipc";

struct Command {
    name: String,
    docs: Vec<String>,
    /// The page's argument names (Tauri's camelCase) and their TypeScript types.
    args: Vec<(String, String)>,
    answer: String,
}

#[test]
fn the_page_s_ipc_files_match_the_rust_side() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let declared = declarations();
    let mut named = BTreeSet::new();
    let mut commands = commands(&root.join("src/commands"), &mut named);
    let found: BTreeSet<&str> = commands.keys().map(String::as_str).collect();
    let listed: BTreeSet<&str> = NAMES.iter().copied().collect();
    assert_eq!(
        found, listed,
        "the #[tauri::command] functions in src/commands and commands/list.rs differ"
    );
    let missing: Vec<&String> = named
        .iter()
        .filter(|n| !declared.contains_key(*n))
        .collect();
    assert!(
        missing.is_empty(),
        "commands name types without a declaration: add {missing:?} to src/commands/ts.rs"
    );
    let ordered: Vec<Command> = NAMES.iter().map(|n| commands.remove(*n).unwrap()).collect();
    let repo = root.parent().unwrap();
    check(&repo.join("ui/types/ipc.d.ts"), &types_file(&declared));
    check(&repo.join("ui/js/api.js"), &api_file(&ordered, &named));
}

/// Every `#[tauri::command]` function in `dir`'s files, by name.
fn commands(dir: &Path, named: &mut BTreeSet<String>) -> BTreeMap<String, Command> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    let mut found = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        // `list.rs` is a macro call, not a Rust file of items.
        let Ok(parsed) = syn::parse_file(&text) else {
            continue;
        };
        for item in parsed.items {
            let Item::Fn(f) = item else { continue };
            let is_command = f.attrs.iter().any(|a| {
                let segments: Vec<String> = a
                    .path()
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                segments == ["tauri", "command"]
            });
            if !is_command {
                continue;
            }
            let mut args = Vec::new();
            for input in &f.sig.inputs {
                let FnArg::Typed(arg) = input else { continue };
                if INJECTED.contains(&last_ident(&arg.ty).as_str()) {
                    continue;
                }
                let Pat::Ident(name) = &*arg.pat else {
                    panic!("{}: an argument without a plain name", f.sig.ident)
                };
                args.push((camel(&name.ident.to_string()), ts(&arg.ty, named)));
            }
            let answer = match &f.sig.output {
                ReturnType::Default => "void".to_owned(),
                ReturnType::Type(_, ty) => ts(ty, named),
            };
            let name = f.sig.ident.to_string();
            found.insert(
                name.clone(),
                Command {
                    name,
                    docs: docs(&f.attrs),
                    args,
                    answer,
                },
            );
        }
    }
    found
}

/// The doc comment's lines.
fn docs(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value().trim().to_owned()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn last_ident(ty: &Type) -> String {
    match ty {
        Type::Path(p) => p.path.segments.last().unwrap().ident.to_string(),
        Type::Reference(r) => last_ident(&r.elem),
        _ => String::new(),
    }
}

/// The TypeScript type of a Rust type as serde sends it; named types are collected in `named`.
fn ts(ty: &Type, named: &mut BTreeSet<String>) -> String {
    let path = match ty {
        Type::Reference(r) => return ts(&r.elem, named),
        Type::Tuple(t) if t.elems.is_empty() => return "void".to_owned(),
        Type::Path(p) => &p.path,
        _ => panic!("a command type serde would send in an unknown way"),
    };
    let segment = path.segments.last().unwrap();
    let inner = || {
        let PathArguments::AngleBracketed(args) = &segment.arguments else {
            panic!("{} without its type argument", segment.ident)
        };
        args.args
            .iter()
            .find_map(|a| match a {
                GenericArgument::Type(t) => Some(t.clone()),
                _ => None,
            })
            .unwrap()
    };
    match segment.ident.to_string().as_str() {
        "String" | "str" | "PathBuf" => "string".to_owned(),
        "bool" => "boolean".to_owned(),
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" | "f32"
        | "f64" => "number".to_owned(),
        "Result" => ts(&inner(), named),
        "Option" => format!("{} | null", ts(&inner(), named)),
        "Vec" => match ts(&inner(), named) {
            t if t.contains(' ') => format!("({t})[]"),
            t => format!("{t}[]"),
        },
        "Channel" => format!("Channel<{}>", ts(&inner(), named)),
        other => {
            named.insert(other.to_owned());
            other.to_owned()
        }
    }
}

/// `store_hash` → `storeHash`, as Tauri names command arguments.
fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn types_file(declared: &BTreeMap<String, String>) -> String {
    let mut out = format!(
        "// Generated by src-tauri/tests/ipc.rs from the Rust types the app's commands take and\n\
         // answer (ts-rs) — do not edit. `{UPDATE}` writes it again.\n"
    );
    for decl in declared.values() {
        out.push('\n');
        out.push_str(decl.trim_end());
        out.push('\n');
    }
    out
}

fn api_file(commands: &[Command], named: &BTreeSet<String>) -> String {
    let mut out = format!(
        "// @ts-check\n\
         // Generated by src-tauri/tests/ipc.rs from the app's commands (src-tauri/src/commands, in\n\
         // the order of commands/list.rs) — do not edit. `{UPDATE}` writes it again.\n\
         // One function per command; the screens call these, never `invoke` by name.\n\
         import {{ invoke }} from './ipc.js';\n\n"
    );
    out.push_str("/**\n * @template T\n * @typedef {import('./ipc.js').Channel<T>} Channel\n */\n");
    for name in named {
        out.push_str(&format!(
            "/** @typedef {{import('../types/ipc').{name}}} {name} */\n"
        ));
    }
    for c in commands {
        out.push_str("\n/**\n");
        for line in &c.docs {
            out.push_str(&format!(
                " *{}{line}\n",
                if line.is_empty() { "" } else { " " }
            ));
        }
        for (arg, ty) in &c.args {
            out.push_str(&format!(" * @param {{{ty}}} {arg}\n"));
        }
        out.push_str(&format!(" * @returns {{Promise<{}>}}\n */\n", c.answer));
        let params: Vec<&str> = c.args.iter().map(|(a, _)| a.as_str()).collect();
        let call = if params.is_empty() {
            format!("invoke('{}')", c.name)
        } else {
            format!("invoke('{}', {{ {} }})", c.name, params.join(", "))
        };
        out.push_str(&format!(
            "export function {}({}) {{\n  return {call};\n}}\n",
            camel(&c.name),
            params.join(", ")
        ));
    }
    out
}

/// Writes `path` under `UPDATE_IPC=1`; otherwise fails where it differs from `want`.
fn check(path: &Path, want: &str) {
    if std::env::var_os("UPDATE_IPC").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    if have == want {
        return;
    }
    let line = have
        .lines()
        .zip(want.lines())
        .position(|(h, w)| h != w)
        .unwrap_or_else(|| have.lines().count().min(want.lines().count()));
    panic!(
        "{} is not what the Rust side generates (first difference at line {}: {:?}); run `{UPDATE}`",
        path.display(),
        line + 1,
        want.lines().nth(line).unwrap_or("(end of file)")
    );
}

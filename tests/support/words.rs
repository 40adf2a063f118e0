//! Words of the other language left on the page after a language switch: a string translated
//! once and kept (a button's label made when the screen was built, a message stored as words)
//! stays in the old language while everything around it follows the switch. The locale test
//! checks that every key exists in both files; this checks what a person sees.
//!
//! Each language's own strings are the values whose key says something else in the other file,
//! without `{placeholders}`, with at least four letters, and not used by the other language
//! itself (German quotes BigCommerce's English names, such as “Create API account”).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use crate::{workspace_root, App};

/// Strings this short are matched whole; longer ones also inside a longer text.
const CONTAINED_FROM: usize = 12;

/// One language's own strings: whole values, and the pieces of values with placeholders.
#[derive(Debug, Default)]
struct Own {
    whole: BTreeSet<String>,
    pieces: BTreeSet<String>,
}

fn flatten(prefix: &str, v: &serde_json::Value, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                flatten(&format!("{prefix}{k}."), v, out);
            }
        }
        serde_json::Value::String(s) => {
            out.push((prefix.trim_end_matches('.').to_owned(), s.clone()))
        }
        _ => {}
    }
}

fn load(lang: &str) -> Vec<(String, String)> {
    let path = workspace_root().join(format!("ui/locales/{lang}.json"));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut out = Vec::new();
    flatten("", &v, &mut out);
    out
}

/// The text of a value between its placeholders, trimmed.
fn parts(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = value;
    while let Some(open) = rest.find('{') {
        out.push(rest[..open].trim().to_owned());
        rest = rest[open..]
            .find('}')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    out.push(rest.trim().to_owned());
    out
}

fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphabetic()).count()
}

/// (English's own, German's own).
fn own() -> &'static (Own, Own) {
    static OWN: OnceLock<(Own, Own)> = OnceLock::new();
    OWN.get_or_init(|| {
        let en = load("en");
        let de = load("de");
        let de_by_key: std::collections::BTreeMap<_, _> = de.iter().cloned().collect();
        let en_by_key: std::collections::BTreeMap<_, _> = en.iter().cloned().collect();
        let pick = |mine: &[(String, String)],
                    theirs: &std::collections::BTreeMap<String, String>| {
            let mut own = Own::default();
            for (key, value) in mine {
                let Some(other) = theirs.get(key) else {
                    continue;
                };
                if other == value {
                    continue;
                }
                let parts = parts(value);
                let used_by_other = |s: &str| theirs.values().any(|o| o.contains(s));
                if parts.len() == 1 {
                    if letters(value) >= 4 && !used_by_other(value) {
                        own.whole.insert(value.clone());
                    }
                } else {
                    own.pieces.extend(
                        parts
                            .into_iter()
                            .filter(|p| p.chars().count() >= CONTAINED_FROM && !used_by_other(p)),
                    );
                }
            }
            own
        };
        (pick(&en, &de_by_key), pick(&de, &en_by_key))
    })
}

/// Everything the page says to a person now: its text nodes (but the announcer's, which keeps
/// what was said, and those marked with a language of their own, such as the language buttons
/// and BigCommerce's English row names), the labels and hints in `aria-label`, `title` and
/// `placeholder`, and the document's title.
async fn shown(app: &App) -> Vec<String> {
    app.strings(
        "const out = [document.title]; \
             const skip = (n) => n.closest('[data-testid=announcer], script, style') \
               || n.closest('[lang]') !== document.documentElement; \
             const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); \
             while (walk.nextNode()) { const n = walk.currentNode; \
               if (n.parentElement && !skip(n.parentElement) && n.nodeValue.trim()) out.push(n.nodeValue.trim()); } \
             document.body.querySelectorAll('[aria-label], [title], [placeholder]').forEach((e) => { \
               if (skip(e)) return; \
               ['aria-label', 'title', 'placeholder'].forEach((a) => { const v = e.getAttribute(a); if (v && v.trim()) out.push(v.trim()); }); }); \
             return out;",
    )
    .await
}

/// The strings on the page, now in `lang` ("en" or "de"), that belong to the other language.
pub async fn leftovers(app: &App, lang: &str) -> Vec<String> {
    let (en, de) = own();
    let other = if lang == "en" { de } else { en };
    shown(app)
        .await
        .into_iter()
        .filter(|text| {
            other.whole.iter().any(|w| {
                text == w || (w.chars().count() >= CONTAINED_FROM && text.contains(w.as_str()))
            }) || other.pieces.iter().any(|p| text.contains(p.as_str()))
        })
        .collect()
}

/// Asserts that the page, now in `lang`, shows no words of the other language.
pub async fn assert_one_language(app: &App, lang: &str, state: &str) {
    let found = leftovers(app, lang).await;
    assert!(
        found.is_empty(),
        "{state} in {lang} still shows words of the other language: {found:?}"
    );
}

//! The UI turns every error code into words: each code the core or the shell can send must have
//! `errors.<code>.text` and `.next` in English and German, and those words must say what to do
//! (the errors' own messages are log lines without advice); every access the API-account guide
//! lists must have a label, and both locale files must have exactly the same keys. The codes come
//! from the two error tables (`Error::ALL_CODES` of the core and of the shell), so a new variant
//! without words fails here.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

/// Codes Core1 puts on a stopped connection (shown on Status and in Manage), plus the fallback.
const CONNECTION_CODES: &[&str] = &[
    "credentials_rejected",
    "credentials_check_failed",
    "sync_failed",
    "unknown",
];

fn load(lang: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ui/locales")
        .join(format!("{lang}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{} unreadable: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not valid: {e}", path.display()))
}

fn keys(v: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                keys(child, &key, out);
            }
        }
        Value::String(_) => {
            out.insert(prefix.to_owned());
        }
        other => panic!("{prefix} is neither text nor a group: {other}"),
    }
}

fn text<'a>(v: &'a Value, dotted: &str) -> Option<&'a str> {
    dotted
        .split('.')
        .try_fold(v, |node, k| node.get(k))
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

fn all_codes() -> Vec<&'static str> {
    setup_core::Error::ALL_CODES
        .iter()
        .chain(core1_bigcommerce_setup_lib::Error::ALL_CODES)
        .copied()
        .collect()
}

#[test]
fn every_error_code_has_words_in_english_and_german() {
    let mut missing = Vec::new();
    for lang in ["en", "de"] {
        let locale = load(lang);
        for code in all_codes() {
            for part in ["text", "next"] {
                if text(&locale, &format!("errors.{code}.{part}")).is_none() {
                    missing.push(format!("{lang}: errors.{code}.{part}"));
                }
            }
        }
        for code in CONNECTION_CODES {
            for part in ["text", "next"] {
                if text(&locale, &format!("connectionErrors.{code}.{part}")).is_none() {
                    missing.push(format!("{lang}: connectionErrors.{code}.{part}"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "codes without words:\n{}",
        missing.join("\n")
    );
    assert!(all_codes().len() > 40, "the code list looks truncated");
}

/// Verbs an English error's words start an instruction with ("Copy the API path again.").
const EN_ACTIONS: &str = "ask check choose click close confirm contact copy create delete enter \
    finish forget go install look mention open paste pick reconnect register remove restart select \
    send set sign start try type unlock update use wait write";

/// Whether English words hold an instruction: a sentence or clause that starts with an action.
fn en_says_what_to_do(words: &str) -> bool {
    words
        .split(['.', ',', ';', ':', '–'])
        .flat_map(|s| s.split(" then ").flat_map(|s| s.split(" and ")))
        .flat_map(|s| s.split(" or "))
        .filter_map(|clause| clause.split_whitespace().next())
        .map(|w| w.trim_start_matches(['“', '"', '(']).to_lowercase())
        .any(|w| w == "please" || EN_ACTIONS.split_whitespace().any(|a| a == w))
}

/// Whether German words hold an instruction: the polite imperative ("Prüfen Sie …").
fn de_says_what_to_do(words: &str) -> bool {
    let words: Vec<&str> = words.split_whitespace().collect();
    words.windows(2).any(|pair| {
        pair[1].trim_end_matches([',', '.']) == "Sie" && pair[0].chars().all(|c| c.is_alphabetic())
    })
}

/// The user's words, not the errors' messages, say what to do: each code's `.next` is a full
/// sentence other than its `.text`, and the two together give an instruction.
#[test]
fn every_error_code_says_what_to_do() {
    let mut vague = Vec::new();
    for (lang, says) in [
        ("en", en_says_what_to_do as fn(&str) -> bool),
        ("de", de_says_what_to_do),
    ] {
        let locale = load(lang);
        for code in all_codes() {
            let part = |p: &str| text(&locale, &format!("errors.{code}.{p}")).unwrap_or_default();
            let (said, next) = (part("text"), part("next").trim());
            let sentence = next.ends_with('.') && next.starts_with(char::is_uppercase);
            if !sentence || next == said.trim() || !says(&format!("{said} {next}")) {
                vague.push(format!("{lang}: errors.{code}: {said} | {next}"));
            }
        }
    }
    assert!(
        vague.is_empty(),
        "words that do not say what to do:\n{}",
        vague.join("\n")
    );
}

#[test]
fn every_access_to_tick_has_a_label() {
    for lang in ["en", "de"] {
        let locale = load(lang);
        for scope in setup_core::REQUIRED_SCOPES {
            assert!(
                text(&locale, scope.label_key).is_some(),
                "{lang} lacks {}",
                scope.label_key
            );
            let access = serde_json::to_value(scope.access).unwrap();
            let key = format!("access.{}", access.as_str().unwrap());
            assert!(text(&locale, &key).is_some(), "{lang} lacks {key}");
        }
    }
}

#[test]
fn english_and_german_have_the_same_keys() {
    let (mut en, mut de) = (BTreeSet::new(), BTreeSet::new());
    keys(&load("en"), "", &mut en);
    keys(&load("de"), "", &mut de);
    let only_en: Vec<_> = en.difference(&de).collect();
    let only_de: Vec<_> = de.difference(&en).collect();
    assert!(
        only_en.is_empty() && only_de.is_empty(),
        "only in en: {only_en:?}\nonly in de: {only_de:?}"
    );
}

/// Merchants never meet these words on screen (STYLE: no jargon). BigCommerce's own field
/// names ("Access token", "API path") are quoted where the merchant must find them.
#[test]
fn no_jargon_in_the_words() {
    for lang in ["en", "de"] {
        let locale = load(lang);
        let mut all = BTreeSet::new();
        keys(&locale, "", &mut all);
        for key in all {
            let s = text(&locale, &key).unwrap_or_default();
            for bad in [
                "OAuth", "JSON", "HTTP", "callback", "redirect", "Callback", "Redirect",
            ] {
                assert!(!s.contains(bad), "{lang}: {key} says {bad}: {s}");
            }
            let without_bc_labels = s.replace("Access token", "").replace("API token", "");
            assert!(
                !without_bc_labels.to_lowercase().contains("token"),
                "{lang}: {key} says token: {s}"
            );
        }
    }
}

//! The onboarding report's words, days and counts in the user's language.
//!
//! **Where the words come from (decided).** The UI's locale files (`ui/locales/en.json`,
//! `de.json`) stay the one home of every word: the report's own words are their `report`
//! section, and the report reuses the screens' words where it says the same thing (the first
//! settings' labels and values, what arrived, the go-live check). The shell reads the two files
//! from the app's own assets — the files the page loads — and hands their text here; the core
//! never ships a word of its own (a missing key shows as the key, as on the screens, and the
//! tests fail on it). So Rust still sends the page codes; the report, a document the core
//! renders, takes its words from the same files.

use std::collections::HashMap;

use chrono::{TimeZone, Utc};

use crate::error::{Error, Result};

/// The languages the report is written in (those the UI has locale files for).
pub const LANGUAGES: &[&str] = &["en", "de"];

/// One language's words (with English as the fallback), and its ways of writing days and counts.
#[derive(Debug, Clone)]
pub struct Words {
    lang: &'static str,
    words: HashMap<String, String>,
    english: HashMap<String, String>,
}

impl Words {
    /// From the locale files' text: `locale` of language `lang` (anything but a listed
    /// language is English) and `english` for keys `locale` lacks.
    pub fn from_locales(lang: &str, locale: &str, english: &str) -> Result<Words> {
        let lang = LANGUAGES
            .iter()
            .find(|l| l.eq_ignore_ascii_case(lang))
            .copied()
            .unwrap_or("en");
        Ok(Words {
            lang,
            words: flatten(locale)?,
            english: flatten(english)?,
        })
    }

    /// The language the words are in (`en`, `de`), for `<html lang>`.
    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// The words of `key` (dotted), with `{name}` placeholders filled from `vars`; the key
    /// itself when neither language has it.
    pub fn t(&self, key: &str, vars: &[(&str, &str)]) -> String {
        let Some(text) = self.words.get(key).or_else(|| self.english.get(key)) else {
            tracing::warn!(key, "the report has no words for a key");
            return key.to_owned();
        };
        let mut out = text.clone();
        for (name, value) in vars {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    /// A count as the language groups it: 1,234 in English, 1.234 in German (as the screens'
    /// `Intl.NumberFormat` and Actindo's German UI write counts). Written here: thousands
    /// grouping of a whole number is all the report needs, no locale crate for one separator.
    pub fn count(&self, n: u64) -> String {
        let sep = if self.lang == "de" { '.' } else { ',' };
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }

    /// A day as the screens write it: `TT.MM.JJJJ` in German, `YYYY-MM-DD` in English
    /// (`ui/js/format.js`); anything that is not an ISO day as it is.
    pub fn day(&self, iso: &str) -> String {
        if self.lang != "de" || !super::super::settings::is_day(iso) {
            return iso.to_owned();
        }
        format!("{}.{}.{}", &iso[8..10], &iso[5..7], &iso[0..4])
    }

    /// Unix milliseconds as a day and time in `tz` (the computer's own time zone in the app).
    pub fn day_time<Tz: TimeZone>(&self, ms: u64, tz: &Tz) -> String {
        let Some(at) = i64::try_from(ms)
            .ok()
            .and_then(|ms| Utc.timestamp_millis_opt(ms).single())
        else {
            return String::new();
        };
        let local = at.with_timezone(tz).naive_local();
        if self.lang == "de" {
            local.format("%d.%m.%Y, %H:%M").to_string()
        } else {
            local.format("%Y-%m-%d %H:%M").to_string()
        }
    }
}

/// `{"a": {"b": "x"}}` → `a.b = x` (only texts; anything else is not a locale file).
fn flatten(text: &str) -> Result<HashMap<String, String>> {
    fn walk(v: &serde_json::Value, prefix: &str, out: &mut HashMap<String, String>) -> bool {
        match v {
            serde_json::Value::Object(map) => map.iter().all(|(k, child)| {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                walk(child, &key, out)
            }),
            serde_json::Value::String(s) => {
                out.insert(prefix.to_owned(), s.clone());
                true
            }
            _ => false,
        }
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| Error::Internal {
        detail: format!("locale file: {}", crate::error::json_problem(&e)),
    })?;
    let mut out = HashMap::new();
    if walk(&value, "", &mut out) {
        Ok(out)
    } else {
        Err(Error::Internal {
            detail: "locale file: not texts".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(lang: &str) -> Words {
        Words::from_locales(
            lang,
            r#"{"a": {"b": "Hallo {name}"}}"#,
            r#"{"a": {"b": "Hello {name}", "c": "only English"}}"#,
        )
        .unwrap()
    }

    #[test]
    fn words_days_and_counts_per_language() {
        let de = words("DE");
        assert_eq!(de.lang(), "de");
        assert_eq!(de.t("a.b", &[("name", "Anna")]), "Hallo Anna");
        assert_eq!(de.t("a.c", &[]), "only English");
        assert_eq!(de.t("a.x", &[]), "a.x", "a missing key shows as itself");
        assert_eq!(de.count(1_234_567), "1.234.567");
        assert_eq!(de.count(999), "999");
        assert_eq!(de.day("2024-02-01"), "01.02.2024");
        let en = words("fr");
        assert_eq!(en.lang(), "en", "a language without a file is English");
        assert_eq!(en.count(1_234), "1,234");
        assert_eq!(en.count(0), "0");
        assert_eq!(en.day("2024-02-01"), "2024-02-01");
        let at = 1_764_935_000_000; // 2025-12-05 11:43:20 UTC
        let berlin = chrono::FixedOffset::east_opt(3600).unwrap();
        assert_eq!(de.day_time(at, &berlin), "05.12.2025, 12:43");
        assert_eq!(en.day_time(at, &Utc), "2025-12-05 11:43");
    }

    #[test]
    fn only_locale_files_are_read() {
        assert!(Words::from_locales("en", "[1]", "{}").is_err());
        assert!(Words::from_locales("en", r#"{"a": 1}"#, "{}").is_err());
        assert!(Words::from_locales("en", "{", "{}").is_err());
    }
}

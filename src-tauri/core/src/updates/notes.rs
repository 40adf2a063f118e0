//! What an update offers the merchant: its version and release notes, in their language where
//! the release gives one.
//!
//! The update manifest is Tauri's (`version`, `notes`, `pub_date`, `platforms`); `notes` is the
//! English text. A release may add notes in other languages under its own key
//! `notes_by_language` (`{"de": "…"}`), which the updater plugin passes through untouched in its
//! raw manifest. Notes are plain text: the page shows them as text, never as markup.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The longest note shown (characters); a longer one is cut with "…". A release's notes are a
/// few sentences; the cap keeps a broken manifest from filling the screen.
pub(super) const MAX_NOTE_CHARS: usize = 2000;
/// At most this many languages are read from a manifest.
const MAX_LANGUAGES: usize = 8;
/// The manifest's key for notes in other languages.
const NOTES_BY_LANGUAGE: &str = "notes_by_language";

/// A newer version, as the merchant sees it in Manage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UpdateOffer {
    /// The version offered, e.g. `0.2.0`.
    pub version: String,
    /// The version running now.
    pub current: String,
    /// When it was published (`YYYY-MM-DD`), if the release says.
    pub date: Option<String>,
    pub notes: ReleaseNotes,
}

/// Release notes: the release's own `notes` and any per language, as plain text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReleaseNotes {
    /// `notes` of the manifest (written in English).
    pub default: Option<String>,
    /// Two-letter language code (`de`) → notes in that language.
    pub by_language: BTreeMap<String, String>,
}

impl ReleaseNotes {
    /// Reads the notes from a manifest: `notes` (as the plugin parsed it) and the manifest's
    /// own `notes_by_language`. Anything malformed there is left out, never an error: notes
    /// are a courtesy, the update itself is what counts.
    pub fn from_manifest(notes: Option<&str>, manifest: &serde_json::Value) -> Self {
        let by_language = manifest
            .get(NOTES_BY_LANGUAGE)
            .and_then(serde_json::Value::as_object)
            .map(|map| {
                map.iter()
                    .filter(|(lang, _)| is_language_code(lang))
                    .filter_map(|(lang, text)| Some((lang.clone(), clean(text.as_str()?)?)))
                    .take(MAX_LANGUAGES)
                    .collect()
            })
            .unwrap_or_default();
        ReleaseNotes {
            default: notes.and_then(clean),
            by_language,
        }
    }

    /// The notes for `language` (`de`), else the release's own (the UI picks the same way).
    #[cfg(test)]
    pub(crate) fn for_language(&self, language: &str) -> Option<&str> {
        self.by_language
            .get(language)
            .or(self.default.as_ref())
            .map(String::as_str)
    }
}

fn is_language_code(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_lowercase())
}

/// Plain text: control characters other than line breaks and tabs removed, blank notes
/// dropped, at most [`MAX_NOTE_CHARS`] characters.
fn clean(text: &str) -> Option<String> {
    let text: String = text
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect();
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if text.chars().count() <= MAX_NOTE_CHARS {
        return Some(text.to_owned());
    }
    let cut: String = text.chars().take(MAX_NOTE_CHARS - 1).collect();
    Some(format!("{}…", cut.trim_end()))
}

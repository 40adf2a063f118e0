//! Unit tests of `updates`: when the app looks, what it remembers, what an offer says.

use super::memory::{Restarted, UpdateFile};
use super::notes::{ReleaseNotes, UpdateOffer, MAX_NOTE_CHARS};
use super::*;

const DAY_MS: u64 = 24 * 60 * 60 * 1000;

fn ready() -> UpdateSituation {
    UpdateSituation {
        practice: false,
        profile_allows: true,
        installed: true,
        configured: true,
        at_rest: true,
    }
}

fn offer(version: &str) -> UpdateOffer {
    UpdateOffer {
        version: version.into(),
        current: "0.1.0".into(),
        date: None,
        notes: ReleaseNotes::default(),
    }
}

#[test]
fn each_reason_not_to_look_is_its_own() {
    assert_eq!(ready().allowed(), Ok(()));
    type Change = fn(&mut UpdateSituation);
    let cases: [(Change, UpdateSkip); 5] = [
        (|s| s.practice = true, UpdateSkip::Practice),
        (|s| s.profile_allows = false, UpdateSkip::TurnedOff),
        (|s| s.configured = false, UpdateSkip::NotConfigured),
        (|s| s.installed = false, UpdateSkip::NotInstalled),
        (|s| s.at_rest = false, UpdateSkip::SetupInProgress),
    ];
    for (change, skip) in cases {
        let mut s = ready();
        change(&mut s);
        assert_eq!(s.allowed(), Err(skip));
        assert_eq!(
            s.background_check(&UpdateMemory::default(), 5 * DAY_MS),
            Err(skip)
        );
    }
}

#[test]
fn looks_at_most_once_a_day() {
    let now = 10 * DAY_MS;
    let mut memory = UpdateMemory::default();
    assert_eq!(
        ready().background_check(&memory, now),
        Ok(()),
        "never looked"
    );
    memory.checked(now, None);
    assert_eq!(
        ready().background_check(&memory, now + DAY_MS - 1),
        Err(UpdateSkip::CheckedRecently)
    );
    assert_eq!(ready().background_check(&memory, now + DAY_MS), Ok(()));
    // A clock set back a week must not stop the checks until it catches up.
    assert_eq!(ready().background_check(&memory, now - 7 * DAY_MS), Ok(()));
}

#[test]
fn a_remembered_offer_shows_only_while_it_is_newer() {
    let mut memory = UpdateMemory::default();
    memory.checked(DAY_MS, Some(offer("0.2.0")));
    assert_eq!(
        memory.offer_for("0.1.0").map(|o| o.version.as_str()),
        Some("0.2.0")
    );
    assert!(memory.offer_for("0.2.0").is_none());
    assert!(memory.offer_for("0.3.0").is_none());
    memory.checked(2 * DAY_MS, None);
    assert!(
        memory.offer_for("0.1.0").is_none(),
        "a newer check said nothing"
    );
}

#[test]
fn versions_compare_as_versions() {
    assert!(is_newer("0.10.0", "0.9.9"));
    assert!(is_newer("v1.0.0", "0.9.0"));
    assert!(!is_newer("0.1.0", "0.1.0"));
    assert!(!is_newer("1.0.0-rc.1", "1.0.0"));
    assert!(!is_newer("latest", "0.1.0"), "not a version: never newer");
}

#[test]
fn the_first_launch_after_an_update_says_so_once() {
    let mut memory = UpdateMemory::default();
    memory.checked(DAY_MS, Some(offer("0.1.1")));
    memory.restarting("0.1.0", "0.1.1", DAY_MS);
    assert_eq!(
        memory.after_restart("0.1.1"),
        Some(Restarted::Updated {
            version: "0.1.1".into()
        })
    );
    assert!(memory.offer.is_none(), "the installed offer is done");
    assert_eq!(memory.after_restart("0.1.1"), None, "said once");

    memory.restarting("0.1.0", "0.1.1", DAY_MS);
    assert_eq!(
        memory.after_restart("0.1.0"),
        Some(Restarted::NotApplied {
            wanted: "0.1.1".into(),
            running: "0.1.0".into()
        })
    );
}

#[test]
fn the_memory_survives_a_restart_and_a_damaged_file_costs_one_check() {
    let dir = tempfile::tempdir().unwrap();
    let file = UpdateFile::in_dir(dir.path());
    let mut memory = file.load();
    assert_eq!(memory.last_check_ms, None);
    memory.checked(42, Some(offer("0.2.0")));
    memory.restarting("0.1.0", "0.2.0", 43);
    file.save(&memory).unwrap();
    assert_eq!(file.load(), memory);
    assert!(!dir.path().join("updates.json.tmp").exists());

    std::fs::write(dir.path().join("updates.json"), "{ cut off").unwrap();
    assert_eq!(file.load().last_check_ms, None);
    std::fs::write(dir.path().join("updates.json"), r#"{"version": 99}"#).unwrap();
    assert_eq!(file.load().last_check_ms, None);
}

#[test]
fn notes_come_in_the_users_language_where_the_release_gives_it() {
    let manifest = serde_json::json!({
        "version": "0.2.0",
        "notes": "Fixes the connector's new page.",
        "notes_by_language": {
            "de": "Behebt die neue Seite des Connectors.",
            "DE": "wrong case",
            "deu": "not a two-letter code",
            "fr": 7,
            "es": "   ",
        },
    });
    let notes = ReleaseNotes::from_manifest(Some("Fixes the connector's new page."), &manifest);
    assert_eq!(
        notes.for_language("de"),
        Some("Behebt die neue Seite des Connectors.")
    );
    assert_eq!(
        notes.for_language("en"),
        Some("Fixes the connector's new page.")
    );
    assert_eq!(
        notes.for_language("es"),
        Some("Fixes the connector's new page.")
    );
    assert_eq!(notes.by_language.len(), 1, "{:?}", notes.by_language);

    let none = ReleaseNotes::from_manifest(None, &serde_json::json!({"notes_by_language": []}));
    assert_eq!(none, ReleaseNotes::default());
    assert_eq!(none.for_language("de"), None);
}

#[test]
fn notes_are_plain_capped_text() {
    let long = "x".repeat(MAX_NOTE_CHARS + 50);
    let notes = ReleaseNotes::from_manifest(Some(&long), &serde_json::Value::Null);
    let shown = notes.default.unwrap();
    assert_eq!(shown.chars().count(), MAX_NOTE_CHARS);
    assert!(shown.ends_with('…'));

    let notes = ReleaseNotes::from_manifest(
        Some("line one\r\nline two\u{1b}[31m\u{0}\ttabbed "),
        &serde_json::Value::Null,
    );
    assert_eq!(
        notes.default.as_deref(),
        Some("line one\nline two[31m\ttabbed")
    );
}

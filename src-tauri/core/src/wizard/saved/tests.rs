//! Unit tests of `saved`: saving, reading, and upgrading older files.
#![allow(clippy::unwrap_used)]

use super::*;

fn rules() -> WorkspaceRules {
    crate::Profile::production().core1.workspace
}

#[test]
fn saves_and_loads_the_same_progress() {
    let dir = tempfile::tempdir().unwrap();
    let file = SavedRunFile::in_dir(dir.path());
    let mut p = SavedRun::fresh(Vec::new());
    p.step = Step::Workspace;
    p.workspace = Some(WorkspaceSummary {
        input: "acme".into(),
        url: "https://acme.actindo.com/".into(),
    });
    file.save(&p).unwrap();
    assert_eq!(file.load(&rules()), (p, None));
    assert!(!dir.path().join("progress.json.tmp").exists());
}

#[test]
fn a_corrupt_file_starts_over_and_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let file = SavedRunFile::in_dir(dir.path());
    std::fs::write(file.path(), b"{\"version\":1,\"step\":\"conn").unwrap();
    let (p, reset) = file.load(&rules());
    assert_eq!(reset, Some(ResetReason::Unreadable));
    assert_eq!(p.step, Step::Welcome);
    assert!(dir.path().join("progress.json.unreadable").exists());
}

#[test]
fn a_newer_file_is_not_misread() {
    let dir = tempfile::tempdir().unwrap();
    let file = SavedRunFile::in_dir(dir.path());
    std::fs::write(file.path(), b"{\"version\":99,\"step\":\"status\"}").unwrap();
    assert_eq!(file.load(&rules()).1, Some(ResetReason::NewerVersion));
}

#[test]
fn a_version_1_file_keeps_its_connections_and_starts_the_flow_over() {
    let dir = tempfile::tempdir().unwrap();
    let file = SavedRunFile::in_dir(dir.path());
    std::fs::write(
        file.path(),
        br#"{"version":1,"step":"connect","store":null,"workspace":null,"connectionId":null,
        "existingConnectionId":null,"history":[],"known":[{"id":7,"storeHash":"abc123",
        "storeName":"S","workspaceInput":"acme","workspaceUrl":"https://acme.actindo.com/",
        "addedAt":1}]}"#,
    )
    .unwrap();
    let (p, reset) = file.load(&rules());
    assert_eq!(reset, None);
    assert_eq!(p.step, Step::Manage);
    assert_eq!(p.known.len(), 1);
    assert_eq!(p.known[0].road, StoreRoad::ApiAccount);
    assert_eq!(
        p.known[0].key.workspace.base().as_str(),
        "https://acme.actindo.com/"
    );
}

#[test]
fn a_version_2_file_names_each_connection_by_workspace_and_goes_on_where_it_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let file = SavedRunFile::in_dir(dir.path());
    // Two merchants' workspaces, each with its connection 1; a wizard waiting on Status.
    std::fs::write(
        file.path(),
        br#"{"version":2,"step":"status","store":null,
        "workspace":{"input":"beta","url":"https://beta.actindo.com/"},"connectionId":1,
        "outcome":"created","connector":null,"confirmedHosts":[],"history":[],"known":[
        {"id":1,"storeHash":"aaa111","storeName":"A","workspaceInput":"alpha",
         "workspaceUrl":"https://alpha.actindo.com/","addedAt":1,"road":"api_account"},
        {"id":1,"storeHash":"bbb222","storeName":"B","workspaceInput":" Beta.actindo.com ",
         "workspaceUrl":"https://beta.actindo.com/","addedAt":2,"road":"connector"},
        {"id":2,"storeHash":"not a hash","storeName":"C","workspaceInput":"gamma",
         "workspaceUrl":"https://gamma.actindo.com/","addedAt":3}]}"#,
    )
    .unwrap();
    let (p, reset) = file.load(&rules());
    assert_eq!(reset, None);
    assert_eq!((p.step, p.connection_id), (Step::Status, Some(1)));
    let keys: Vec<(String, i64, &str)> = p
        .known
        .iter()
        .map(|k| (k.key.workspace.to_string(), k.key.id, k.store_hash.as_str()))
        .collect();
    assert_eq!(
        keys,
        [
            ("https://alpha.actindo.com/".to_owned(), 1, "aaa111"),
            ("https://beta.actindo.com/".to_owned(), 1, "bbb222"),
        ],
        "an entry with no usable store hash is left out"
    );
    // Saved as version 3 and read back the same.
    file.save(&p).unwrap();
    assert_eq!(file.load(&rules()), (p, None));
}

#[test]
fn a_workspace_the_profile_does_not_give_back_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let file = SavedRunFile::in_dir(dir.path());
    let mut p = SavedRun::fresh(Vec::new());
    p.remember(KnownConnection {
        key: super::super::known::ConnectionKey {
            workspace: crate::core1::WorkspaceUrl::parse("acme", &rules()).unwrap(),
            id: 1,
        },
        store_hash: crate::bigcommerce::StoreHash::parse("abc123").unwrap(),
        store_name: "S".into(),
        added_at: 1,
        road: StoreRoad::ApiAccount,
        store_domain: String::new(),
        journal: Default::default(),
    });
    file.save(&p).unwrap();
    assert_eq!(file.load(&rules()).0.known.len(), 1);
    let text = std::fs::read_to_string(file.path())
        .unwrap()
        .replace("https://acme.actindo.com/", "https://collector.example/");
    std::fs::write(file.path(), text).unwrap();
    assert!(file.load(&rules()).0.known.is_empty());
}

#[test]
fn history_keeps_the_newest_entries() {
    let mut p = SavedRun::fresh(Vec::new());
    for i in 0..100 {
        p.record(HistoryEntry {
            step: Step::Status,
            action: format!("poll {i}"),
            at: i,
            duration_ms: 1,
            outcome: "ok".into(),
        });
    }
    assert_eq!(p.history.len(), HISTORY_LIMIT);
    assert_eq!(p.history.last().unwrap().action, "poll 99");
}

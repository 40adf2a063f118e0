//! Manage on road 2: the warning names the API account (no connector to reinstall), the API
//! account's key revoked in BigCommerce shows up, a new access key typed by hand repairs the
//! same connection, and its card copies a support report about it alone (said again after a
//! language switch); a second computer on road 2 finds the store's
//! connection (made by the connector) and updates it instead of doubling it. Both start from
//! a seeded state (`seed.rs`): the roads before Manage are other tests' subject.

use setup_core::StoreRoad;
use setup_e2e::{through_workspace_and_core1, wait_active, App, Pace, Practice};

#[tokio::test(flavor = "multi_thread")]
async fn revoked_access_then_manual_key() {
    let practice = Practice::start(Pace::QUICK).await;
    // Connected on road 2 (the two values pasted) and finished: the app opens on Manage.
    let home = tempfile::tempdir().unwrap();
    let id = practice
        .seed_connection(home.path(), "acme", StoreRoad::ApiAccount)
        .await;
    let app = App::launch(practice.launch("en_US.UTF-8", Some(home.path().into()))).await;
    app.wait_screen("manage-title").await;
    let health = format!("conn-health-{id}");
    app.wait_attr(&health, "data-attention", "false", 30).await;
    // The store by its name and domain, the workspace as the merchant knows it: no store code,
    // no loopback address (the code stays in the support report).
    assert_eq!(
        app.text(&format!("conn-meta-{id}")).await,
        "practice-store.example.com · Workspace: acme.actindo.com"
    );
    app.assert_no_loopback_shown().await;
    // Road 2's warning: the API account is what the merchant keeps; no connector to reinstall.
    let keep = app.text("manage-keep-api_account").await;
    assert!(keep.contains("API account"), "{keep}");
    assert!(!keep.contains("Connector"), "{keep}");
    assert!(!app.exists("manage-keep-connector").await);
    assert!(!app.exists(&format!("conn-reinstall-{id}")).await);

    // The API account is deleted in BigCommerce: its key stops working.
    assert_eq!(practice.sandbox.delete_api_accounts("abc123"), 1);
    app.click_when_enabled("manage-refresh").await;
    app.wait_attr(&health, "data-attention", "true", 30).await;
    assert_eq!(
        app.attr(&format!("conn-store-{id}"), "data-state")
            .await
            .as_deref(),
        Some("invalid")
    );
    assert!(app
        .text(&format!("conn-store-{id}"))
        .await
        .contains("no longer accepts the access"));
    assert!(app.text(&health).await.contains("Needs your attention"));
    let store = app.text(&format!("conn-store-{id}")).await;
    assert!(store.contains("API account"), "{store}");
    assert!(!store.contains("app may"), "{store}");
    // The one repair on this road is a new API account's key, offered first.
    assert!(!app.exists(&format!("conn-reinstall-{id}")).await);
    assert_eq!(
        app.attr(&format!("conn-enter-key-{id}"), "class")
            .await
            .as_deref(),
        Some("primary")
    );

    // A fresh key from a new API account, typed by hand.
    let key = practice.api_account(None).access_token;
    app.click(&format!("conn-enter-key-{id}")).await;
    let input = format!("conn-key-input-{id}");
    app.wait_testid(&input, 5).await;
    assert_eq!(app.attr(&input, "type").await.as_deref(), Some("password"));
    // A key with a space in it is not one; a wrong key BigCommerce refuses asks whether all of
    // it was copied (not "Reconnect": road 2 has no sign-in to repeat). Words, not codes, and
    // the field is emptied.
    app.type_into(&input, "not a key").await;
    app.click(&format!("conn-key-submit-{id}")).await;
    app.wait_attr(
        &format!("conn-error-{id}"),
        "data-code",
        "bigcommerce_token_malformed",
        20,
    )
    .await;
    assert_eq!(app.value(&input).await, "");
    app.type_into(&input, "not-a-valid-key-0000000000").await;
    app.click(&format!("conn-key-submit-{id}")).await;
    app.wait_attr(
        &format!("conn-error-{id}"),
        "data-code",
        "bigcommerce_token_invalid",
        20,
    )
    .await;
    assert_eq!(app.value(&input).await, "");
    let next = app.text(&format!("conn-error-{id}-next")).await;
    assert!(
        next.contains("copied the whole") && !next.contains("Reconnect"),
        "{next}"
    );
    app.assert_no_codes_shown().await;
    app.type_into(&input, &key).await;
    app.click(&format!("conn-key-submit-{id}")).await;
    app.wait_text(&format!("conn-message-{id}"), "new access key is saved")
        .await;
    app.wait_attr(&health, "data-attention", "false", 30).await;
    assert!(
        !app.client.source().await.unwrap().contains(&key),
        "the access key stayed in the page"
    );

    assert_eq!(practice.sandbox.connections("acme").unwrap().len(), 1);

    // The support report about this connection alone, from its card.
    app.click(&format!("conn-report-{id}")).await;
    let said = app
        .wait_text(&format!("conn-message-{id}"), "support report")
        .await;
    assert!(said.contains("copied"), "{said}");
    app.scroll_to(&format!("conn-report-{id}")).await;
    // What the card said follows a language switch, as everything else on the screen does.
    for lang in ["de", "en"] {
        app.switch_language(lang).await;
        setup_e2e::assert_one_language(&app, lang, "manage/report").await;
    }
    assert!(app
        .text(&format!("conn-message-{id}"))
        .await
        .contains("copied"));
    app.close().await;
    practice.sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn duplicate_store_is_updated_not_doubled() {
    let practice = Practice::start(Pace::QUICK).await;
    // The first computer connected the store on road 1 (the connector made the connection).
    let first = tempfile::tempdir().unwrap();
    practice
        .seed_connection(first.path(), "acme", StoreRoad::Connector)
        .await;
    let before = practice.sandbox.connections("acme").unwrap();
    assert_eq!(before.len(), 1);

    // Another computer (another home), the same store and workspace.
    let second = App::launch(practice.launch_elsewhere("en_US.UTF-8")).await;
    through_workspace_and_core1(&second, &practice, "acme").await;
    second.click("bc-use-api").await;
    second.wait_screen("bc-api-title").await;
    let account = practice.api_account(None);
    setup_e2e::pick_file(&second, "bc-api-file", "api.txt", &account.txt()).await;
    second.wait_screen("status-title").await;
    assert!(second
        .text("status-outcome")
        .await
        .contains("updated, not doubled"));
    wait_active(&second, &practice).await;
    let after = practice.sandbox.connections("acme").unwrap();
    assert_eq!(after.len(), 1, "no second connection");
    assert_eq!(after[0].id, before[0].id);
    second.close().await;
    practice.sandbox.shutdown().await;
}

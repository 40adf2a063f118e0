//! The onboarding report from a road-1 and a road-2 run in the practice world (the engine over
//! real HTTP against the sandbox, the robot as the browser), in English and German with the
//! words of the UI's own locale files: its content checked field by field, and the one file the
//! app may then open.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use common::{secrets, world, RobotBrowser};
use setup_core::LinkPolicy;
use setup_core::RetryPolicy;
use setup_core::VariantOptionType;
use setup_core::Words;
use setup_core::{ConnectionKey, Engine, EngineOptions, PollConfig, SettingsForm};

/// The words of `lang`, from the locale files the app ships (`ui/locales`).
fn words(lang: &str) -> Words {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/locales");
    let read = |l: &str| std::fs::read_to_string(dir.join(format!("{l}.json"))).unwrap();
    Words::from_locales(lang, &read(lang), &read("en")).unwrap()
}

/// The text of `<dd data-fact="{id}">`, unescaped.
fn fact(html: &str, id: &str) -> String {
    let start = format!("<dd data-fact=\"{id}\">");
    let from = html.find(&start).unwrap_or_else(|| panic!("no fact {id}")) + start.len();
    let to = from + html[from..].find("</dd>").unwrap();
    html_escape::decode_html_entities(&html[from..to]).into_owned()
}

fn html_is_road_1(html: &str) -> bool {
    html.contains("data-road=\"connector\"")
}

/// Every value of attribute `name` in the document, in order (`data-step`, `data-repair`).
fn values(html: &str, name: &str) -> Vec<String> {
    let start = format!("{name}=\"");
    html.match_indices(&start)
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

async fn engine(
    w: &common::World,
    tag: &str,
    browser: &RobotBrowser,
) -> (Engine, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open_with(
        w.profile.clone(),
        dir.path(),
        secrets(tag).await,
        Arc::new(browser.clone()),
        EngineOptions::timing(
            RetryPolicy::fast(),
            PollConfig {
                connector: Duration::from_millis(50),
                ..PollConfig::fast()
            },
        ),
    )
    .await
    .unwrap();
    (engine, dir)
}

/// Saves the report about `key` in `lang` and reads it back.
async fn report(e: &Engine, key: &ConnectionKey, lang: &str, dir: &Path) -> String {
    let path = dir.join(format!("report-{lang}"));
    let saved = e
        .onboarding_save(key, &words(lang), "9.9.9", &path)
        .await
        .unwrap();
    assert_eq!(
        saved.path,
        dir.join(format!("report-{lang}.html")),
        ".html added"
    );
    let html = std::fs::read_to_string(&saved.path).unwrap();
    assert_eq!(saved.bytes, html.len() as u64);
    println!(
        "onboarding report ({lang}): {} bytes, made in {} ms",
        saved.bytes, saved.made_ms
    );
    // `REPORT_OUT=dir` keeps a copy to look at.
    if let Some(keep) = std::env::var_os("REPORT_OUT") {
        let name = format!(
            "{}-{lang}.html",
            if html_is_road_1(&html) {
                "road1"
            } else {
                "road2"
            }
        );
        std::fs::write(Path::new(&keep).join(name), &html).unwrap();
    }
    // Self-contained: nothing is loaded or run.
    for outside in ["<script", "src=", "href=", "@import", "url(", "<link"] {
        assert!(!html.contains(outside), "{lang}: {outside}");
    }
    // Every word found in the locale files.
    assert!(!html.contains("report."), "{lang}: a key without words");
    html
}

#[tokio::test(flavor = "multi_thread")]
async fn road_2_report_field_by_field_in_english_and_german() {
    let w = world().await;
    w.sandbox
        .set_custom_url("abc123", 112, "/practice-product-1/")
        .unwrap();
    let account = w
        .sandbox
        .create_api_account("abc123", &common::CONNECTOR_SCOPES)
        .unwrap();
    let browser = RobotBrowser::confirming();
    let (e, _data) = engine(&w, "report2", &browser).await;
    e.welcome_begin().await.unwrap();
    e.workspace_set("acme").await.unwrap();
    e.core1_sign_in(&|_| {}).await.unwrap();
    let api_path = format!("{}/stores/abc123/v3/", w.sandbox.bc_api_base());
    e.store_api_account_use(&api_path, &account.access_token, &|_| {})
        .await
        .unwrap();
    let v = e.status_watch(&|_| {}).await.unwrap();
    let key = v.connection_key.clone().unwrap();
    let store = v.store.clone().unwrap();
    e.settings_save(
        &key,
        &SettingsForm {
            variant_option_type: VariantOptionType::RadioButtons,
            order_statuses: vec![11, 2],
            orders_created_after: "2024-02-01".into(),
            orders_id_from: "1234".into(),
            import_archived_orders: true,
            only_push_mapped_attributes: false,
        },
    )
    .await
    .unwrap();
    let urls = e.golive_check_urls(&key, &|_| {}).await.unwrap();
    assert_eq!(urls.check.as_ref().unwrap().collisions.len(), 1);

    let out = tempfile::tempdir().unwrap();
    let en = report(&e, &key, "en", out.path()).await;
    assert!(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    // The practice world: marked as practice, in words and on every printed page.
    assert!(en.contains("<p class=\"practice-banner\" data-practice=\"true\">Practice — "));
    assert!(en.contains("<div class=\"practice-mark\" aria-hidden=\"true\">"));
    assert_eq!(fact(&en, "workspace"), key.workspace.origin_str());
    assert_eq!(fact(&en, "store"), "Practice Store");
    assert_eq!(fact(&en, "domain"), store.domain);
    assert!(!store.domain.is_empty());
    assert_eq!(fact(&en, "store-hash"), "abc123");
    assert_eq!(
        fact(&en, "connection"),
        format!("Practice Store (number {})", key.id)
    );
    assert_eq!(fact(&en, "state"), "Active");
    assert_eq!(fact(&en, "road"), "A store-level API account");
    assert!(
        fact(&en, "who")
            .starts_with("Casey Consultant (consultant@example.com), signed in to Core1 on 20"),
        "{}",
        fact(&en, "who")
    );
    assert!(
        en.contains("data-road=\"api_account\"") && en.contains("Do not delete this API account")
    );
    assert_eq!(
        values(&en, "data-step"),
        [
            "workspace_check",
            "core1_sign_in",
            "store_check",
            "connect",
            "active",
            "update_settings",
            "custom_urls"
        ]
    );
    // The connection now: every attribute created.
    for f in ["attributes", "attributeSets", "attributeGroups"] {
        let text = fact(&en, f);
        let (done, total) = text.split_once(" of ").unwrap();
        assert_eq!(done, total, "{f}: {text}");
        assert_ne!(done, "0", "{f}");
    }
    // What arrived: the store's figures beside Core1's, as the chart and the table.
    let arrived = e.arrived_check(&key).await.unwrap();
    let store_counts = arrived.store.clone().unwrap();
    assert!(en.contains(&format!(
        "<tr data-row=\"products\"><th scope=\"row\">Products</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
        store_counts.products.unwrap(),
        arrived.core1.products
    )));
    assert!(en.contains("data-verdict=\"all\""), "everything arrived");
    assert!(en.contains("<svg class=\"chart\" role=\"img\""));
    assert_eq!(
        en.matches("class=\"bar-store\"").count(),
        6,
        "legend + 5 bars"
    );
    // The first settings as saved.
    assert_eq!(fact(&en, "variant"), "Round buttons");
    assert_eq!(fact(&en, "statuses"), "Shipped, Awaiting fulfillment");
    assert_eq!(fact(&en, "after"), "2024-02-01");
    assert_eq!(fact(&en, "id-from"), "1,234");
    assert_eq!(fact(&en, "archived"), "Yes");
    assert_eq!(fact(&en, "mapped"), "No");
    assert!(en.contains("data-saved=\"true\""));
    // The go-live check as last made, with the colliding products.
    assert!(en.contains("data-urls=\"found\" data-groups=\"1\""));
    assert!(en.contains("<span class=\"url\">/practice-product-1/</span>"));
    // What to do if something breaks: the key first on this road.
    assert_eq!(
        values(&en, "data-repair"),
        ["sync", "key", "reinstall", "signin", "support"]
    );

    let de = report(&e, &key, "de", out.path()).await;
    assert!(de.starts_with("<!DOCTYPE html>\n<html lang=\"de\">"));
    assert_eq!(fact(&de, "state"), "Aktiv");
    assert!(de.contains(">ÜBUNG</text>"), "the mark in German");
    assert_eq!(fact(&de, "road"), "Ein API-Konto des Shops");
    assert_eq!(fact(&de, "after"), "01.02.2024");
    assert_eq!(fact(&de, "id-from"), "1.234");
    assert_eq!(fact(&de, "archived"), "Ja");
    assert!(fact(&de, "who").contains(", bei Core1 angemeldet am "));
    let added = fact(&de, "added");
    assert!(
        added.len() == 17 && &added[2..3] == "." && &added[10..12] == ", ",
        "TT.MM.JJJJ, HH:MM: {added}"
    );

    // The one file the app may open is this report.
    let opened = e.onboarding_open_saved();
    assert!(opened.is_err(), "the test's browser opens no files");
    let saved = out.path().join("report-de.html");
    let url = url::Url::from_file_path(&saved).unwrap();
    assert!(LinkPolicy::allows_saved_report(&url, &saved));
}

#[tokio::test(flavor = "multi_thread")]
async fn road_1_report_names_the_connector_and_what_only_core1_shows() {
    let w = world().await;
    let browser = RobotBrowser::confirming();
    let (e, _data) = engine(&w, "report1", &browser).await;
    e.welcome_begin().await.unwrap();
    e.workspace_set("practice").await.unwrap();
    e.core1_sign_in(&|_| {}).await.unwrap();
    browser.last_outcome().await;
    // What the connector's field takes (the name between its `https://` and `.actindo.com`),
    // and "Is this your store?" answered for the one connection that appeared.
    browser.types_workspace(&e.wizard_view().await.connector.field.unwrap().name);
    let asked = e.store_connector_watch(false, &|_| {}).await.unwrap();
    assert_eq!(asked.connector.candidates.len(), 1);
    e.store_connector_confirm(asked.connector.candidates[0].id)
        .await
        .unwrap();
    let v = e.status_watch(&|_| {}).await.unwrap();
    let key = v.connection_key.clone().unwrap();

    let out = tempfile::tempdir().unwrap();
    let en = report(&e, &key, "en", out.path()).await;
    assert_eq!(fact(&en, "store"), "BigCommerce (abc123)");
    assert!(
        !en.contains("data-fact=\"domain\""),
        "road 1 sees no store address"
    );
    assert_eq!(fact(&en, "road"), "Actindo's connector app");
    assert!(en.contains("data-road=\"connector\""));
    assert!(en.contains("Keep the app “Actindo Core1 DOP Connector” installed in BigCommerce."));
    assert_eq!(
        values(&en, "data-step"),
        ["workspace_check", "core1_sign_in", "connector", "active"]
    );
    assert!(en.contains("data-verdict=\"core1_only\""));
    assert!(en.contains("with the connector app, Actindo holds the store's access"));
    assert_eq!(
        en.matches("class=\"bar-store\"").count(),
        0,
        "no store side at all"
    );
    assert!(!en.contains("In your store"));
    assert!(en.contains("data-saved=\"false\""), "Core1's defaults");
    assert_eq!(fact(&en, "variant"), "Drop-down list");
    assert!(en.contains("data-urls=\"by-hand\""));
    assert_eq!(
        values(&en, "data-repair"),
        ["sync", "reinstall", "key", "signin", "support"]
    );
    let de = report(&e, &key, "de", out.path()).await;
    assert_eq!(fact(&de, "road"), "Actindos Connector-App");
    assert!(
        de.contains("Lassen Sie die App „Actindo Core1 DOP Connector“ in BigCommerce installiert.")
    );
}

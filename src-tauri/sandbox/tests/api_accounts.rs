//! Road 2: store-level API accounts in the practice control panel, the .txt, and the handle.
#![allow(clippy::unwrap_used)]

mod common;
use base64::Engine;
use common::*;
use setup_sandbox::bigcommerce::api_accounts::ACCESS_ROWS;
use setup_sandbox::robot::{find_attr, find_form};
use setup_sandbox::{Error, SecretKind};

const CONNECTOR_ACCESS: [(&str, &str); 7] = [
    ("products", "modify"),
    ("orders", "modify"),
    ("customers", "read_only"),
    ("information", "read_only"),
    ("inventory", "modify"),
    ("channel_settings", "modify"),
    ("channel_listings", "modify"),
];

fn cell(html: &str, id: &str) -> String {
    let start = html.find(&format!("id=\"{id}\"")).unwrap();
    let from = start + html[start..].find('>').unwrap() + 1;
    let to = from + html[from..].find('<').unwrap();
    html_escape::decode_html_entities(&html[from..to]).into_owned()
}

#[tokio::test]
async fn an_api_account_made_on_the_page_has_exactly_the_access_ticked() {
    let sb = sandbox().await;
    let c = bc_browser(&sb).await;
    let list = format!("{}/manage/settings/api-accounts", sb.bc_login_base());
    let (_, _, html) = browse(&c, &list).await;
    assert!(html.contains("id=\"no-api-accounts\""));
    let create = find_attr(&html, "a", "create-api-account", "href").unwrap();
    let (status, _, html) = browse(&c, &format!("{}{create}", sb.base_url())).await;
    assert_eq!(status, 200);
    let form = find_form(&html, "api-account-form").unwrap();
    assert_eq!(form.method, "post");
    assert!(html.contains("V2/V3 API token"));
    for row in ACCESS_ROWS {
        assert!(
            html.contains(&format!("name=\"{}\"", row.field)),
            "{}",
            row.field
        );
        let label = html_escape::encode_double_quoted_attribute(row.label).into_owned();
        assert!(html.contains(&label), "{}", row.label);
    }
    for word in ["None", "Read-only", "Modify"] {
        assert!(html.contains(word));
    }

    let mut fields = vec![("name", "Core1 Omni-Channel"), ("token_type", "v2_v3")];
    fields.extend(CONNECTOR_ACCESS);
    let resp = c
        .post(format!("{}{}", sb.base_url(), form.action))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["cache-control"], "no-store");
    let html = resp.text().await.unwrap();
    let token = cell(&html, "api-account-access-token");
    let secret = cell(&html, "api-account-client-secret");
    let client_id = cell(&html, "api-account-client-id");
    let path = cell(&html, "api-account-api-path");
    assert_eq!(path, format!("{}/stores/abc123/v3/", sb.bc_api_base()));
    let secrets = sb.issued_secrets_by_kind();
    assert!(secrets.contains(&(SecretKind::AccessToken, token.clone())));
    assert!(secrets.contains(&(SecretKind::ClientSecret, secret.clone())));

    // The download: a data: link with the .txt in BigCommerce's layout.
    let href = find_attr(&html, "a", "api-account-txt", "href").unwrap();
    let b64 = href
        .strip_prefix("data:text/plain;charset=utf-8;base64,")
        .unwrap();
    let txt = String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        txt,
        format!(
            "ACCESS TOKEN: {token}\r\nCLIENT NAME: Core1 Omni-Channel\r\nAPI PATH: {path}\r\n\
             CLIENT ID: {client_id}\r\nCLIENT SECRET: {secret}\r\nNAME: Core1 Omni-Channel\r\n"
        )
    );
    assert_eq!(
        find_attr(&html, "a", "api-account-txt", "download").as_deref(),
        Some("Core1_Omni-Channel.txt")
    );

    // The token has exactly those scopes: products modify, customers read-only, no transactions.
    assert_eq!(bc_get(&sb, "abc123", "store", &token).await.status(), 200);
    let api = |p: &str| format!("{}/stores/abc123/{p}", sb.bc_api_base());
    let get = |p: String| client().get(p).header("X-Auth-Token", &token).send();
    assert_eq!(get(api("v3/customers")).await.unwrap().status(), 200);
    let post = client()
        .post(api("v3/catalog/products"))
        .header("X-Auth-Token", &token)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(post.status(), 422);

    // The list shows it later, without the secrets.
    let (_, _, html) = browse(&c, &list).await;
    assert!(html.contains("Core1 Omni-Channel"));
    assert!(html.contains(&client_id));
    assert!(html.contains("Customers: Read-only"));
    assert!(!html.contains(&token) && !html.contains(&secret));
    // Deleting it revokes its token.
    let del = find_form(&html, "delete-api-account-1").unwrap();
    let resp = c
        .post(format!("{}{}", sb.base_url(), del.action))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    assert_eq!(bc_get(&sb, "abc123", "store", &token).await.status(), 401);
}

#[tokio::test]
async fn the_form_says_what_is_missing() {
    let sb = sandbox().await;
    let c = bc_browser(&sb).await;
    let url = format!("{}/manage/settings/api-accounts", sb.bc_login_base());
    for (fields, says) in [
        (vec![("name", " "), ("token_type", "v2_v3")], "Enter a name"),
        (vec![("name", "x"), ("token_type", "storefront")], "V2/V3"),
        (
            vec![("name", "x"), ("token_type", "v2_v3"), ("orders", "all")],
            "Orders",
        ),
    ] {
        let resp = c.post(&url).form(&fields).send().await.unwrap();
        assert_eq!(resp.status(), 400);
        let html = resp.text().await.unwrap();
        assert!(html.contains("id=\"api-account-error\""));
        assert!(html.contains(says), "{says}: {html}");
        assert!(html.contains("id=\"api-account-form\""), "the form again");
    }
    // Without a session: login first.
    let resp = client()
        .post(&url)
        .form(&[("name", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 302);
}

#[tokio::test]
async fn the_handle_makes_api_accounts_too() {
    let sb = sandbox().await;
    let a = sb
        .create_api_account(
            "abc123",
            &["store_v2_orders_read_only", "store_v2_information"],
        )
        .unwrap();
    assert_eq!(
        a.api_path,
        format!("{}/stores/abc123/v3/", sb.bc_api_base())
    );
    assert_eq!(a.store_hash, "abc123");
    let txt = a.txt();
    let lines: Vec<&str> = txt.split("\r\n").collect();
    assert_eq!(lines.len(), 7, "six lines, each CRLF-terminated");
    let keys: Vec<&str> = lines[..6]
        .iter()
        .map(|l| l.split_once(": ").unwrap().0)
        .collect();
    assert_eq!(
        keys,
        [
            "ACCESS TOKEN",
            "CLIENT NAME",
            "API PATH",
            "CLIENT ID",
            "CLIENT SECRET",
            "NAME"
        ]
    );
    assert_eq!(lines[0], format!("ACCESS TOKEN: {}", a.access_token));
    assert_eq!(lines[2], format!("API PATH: {}", a.api_path));
    let debug = format!("{a:?}");
    assert!(!debug.contains(&a.access_token) && !debug.contains(&a.client_secret));
    assert!(sb.issued_secrets().contains(&a.access_token));
    assert_eq!(
        bc_get(&sb, "abc123", "store", &a.access_token)
            .await
            .status(),
        200
    );

    // Store-level accounts survive an app uninstall.
    assert_eq!(sb.uninstall_app("abc123").unwrap(), 0);
    assert_eq!(
        bc_get(&sb, "abc123", "store", &a.access_token)
            .await
            .status(),
        200
    );
    // A token of one store does not open another: 403, "are the endpoint and store hash
    // correct?" (BigCommerce docs, status-codes.mdx).
    assert_eq!(
        bc_get(&sb, "def456", "store", &a.access_token)
            .await
            .status(),
        403
    );

    assert!(matches!(
        sb.create_api_account("zzz999", &[]),
        Err(Error::UnknownStore(_))
    ));
    assert!(matches!(
        sb.create_api_account("abc123", &["store_everything"]),
        Err(Error::UnknownScope(_))
    ));
}

#[tokio::test]
async fn at_most_fifty_per_store() {
    let sb = sandbox().await;
    for _ in 0..50 {
        sb.create_api_account("def456", &[]).unwrap();
    }
    assert!(matches!(
        sb.create_api_account("def456", &[]),
        Err(Error::ApiAccountLimit(_))
    ));
    sb.create_api_account("abc123", &[]).unwrap();
}

#[tokio::test]
async fn the_control_api_makes_api_accounts_and_seeds_connections() {
    let sb = sandbox().await;
    let resp = client()
        .post(format!(
            "{}/bigcommerce/stores/abc123/api-accounts",
            sb.control_url()
        ))
        .json(&serde_json::json!({ "scopes": ["store_v2_products_read_only"] }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let a: serde_json::Value = resp.json().await.unwrap();
    assert!(a["txt"].as_str().unwrap().starts_with("ACCESS TOKEN: "));
    assert_eq!(
        a["scopes"],
        serde_json::json!(["store_v2_products_read_only"])
    );
    let resp = client()
        .post(format!("{}/core1/acme/connections", sb.control_url()))
        .json(&serde_json::json!({ "storeHash": "abc123", "name": "Seeded" }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let c: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(c["name"], "Seeded");
    let dup = client()
        .post(format!("{}/core1/acme/connections", sb.control_url()))
        .json(&serde_json::json!({ "storeHash": "abc123", "name": "Again" }))
        .send()
        .await
        .unwrap();
    assert_eq!(dup.status(), 400, "one connection per store");
}

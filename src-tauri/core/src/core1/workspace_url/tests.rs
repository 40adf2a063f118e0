//! Unit tests of `workspace_url`.

use super::*;
use crate::profile::Profile;

fn prod() -> WorkspaceRules {
    Profile::production().core1.workspace
}

fn code(input: &str) -> &'static str {
    match WorkspaceUrl::parse(input, &prod()) {
        Ok(_) => "ok",
        Err(e) => e.code(),
    }
}

#[test]
fn accepts_what_people_type() {
    for (input, want) in [
        ("acme", "https://acme.actindo.com/"),
        (" ACME ", "https://acme.actindo.com/"),
        ("acme.actindo.com", "https://acme.actindo.com/"),
        ("ACME.Actindo.COM.", "https://acme.actindo.com/"),
        ("https://acme.actindo.com/", "https://acme.actindo.com/"),
        ("https://acme.actindo.com", "https://acme.actindo.com/"),
        (
            "https://acme.actindo.com/any/path?x=1",
            "https://acme.actindo.com/",
        ),
        (
            "https://acme.actindo.com:443/#frag",
            "https://acme.actindo.com/",
        ),
        ("acme.dev.actindo.com", "https://acme.dev.actindo.com/"),
        (
            "https://my-shop2.dev.actindo.com/x",
            "https://my-shop2.dev.actindo.com/",
        ),
        ("\tacme.actindo.com/login\n", "https://acme.actindo.com/"),
    ] {
        let ws = WorkspaceUrl::parse(input, &prod()).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(ws.base().as_str(), want, "{input}");
    }
    let ws = WorkspaceUrl::parse("acme.dev.actindo.com", &prod()).unwrap();
    assert_eq!(ws.name(), "acme");
    assert_eq!(
        ws.endpoint("Actindo.CoreModules.Tools.TenantTest.ping")
            .unwrap()
            .as_str(),
        "https://acme.dev.actindo.com/Actindo.CoreModules.Tools.TenantTest.ping"
    );
}

#[test]
fn rejects_with_specific_codes() {
    for (input, want) in [
        ("", "workspace_empty"),
        ("   ", "workspace_empty"),
        ("http://acme.actindo.com", "workspace_insecure"),
        ("http://evil.com", "workspace_insecure"),
        ("ftp://acme.actindo.com", "workspace_insecure"),
        ("acme.actindo.com.evil.com", "workspace_wrong_domain"),
        ("evil.com/?acme.actindo.com", "workspace_wrong_domain"),
        (
            "https://evil.com/acme.actindo.com",
            "workspace_wrong_domain",
        ),
        ("actindo.com", "workspace_wrong_domain"),
        ("acmeactindo.com", "workspace_wrong_domain"),
        // `localhost` is a name like any other (only IP literals are loopback): its port is
        // the first thing wrong with it.
        ("localhost:8080", "workspace_port"),
        ("https://acme.localhost/", "workspace_wrong_domain"),
        ("https://user:pw@acme.actindo.com/", "workspace_userinfo"),
        ("user@acme.actindo.com", "workspace_userinfo"),
        ("https://acme.actindo.com@evil.com/", "workspace_userinfo"),
        ("https://acme.actindo.com:8443/", "workspace_port"),
        ("acme.actindo.com:80", "workspace_port"),
        ("https://10.0.0.1/", "workspace_ip_address"),
        ("127.0.0.1", "workspace_ip_address"),
        ("[::1]", "workspace_ip_address"),
        ("http://127.0.0.1:4000/core1/acme", "workspace_ip_address"),
        ("acme_shop", "workspace_invalid_name"),
        ("-acme", "workspace_invalid_name"),
        ("acme-.actindo.com", "workspace_invalid_name"),
        ("a.b.actindo.com", "workspace_invalid_name"),
        ("ac me", "workspace_invalid_name"),
        ("äcme", "workspace_lookalike_name"),
        // Found by fuzzing: a label that is not valid punycode was blamed on the profile.
        // Since the first trust pass every encoded (`xn--`) name is refused as a possible look-alike.
        ("xn--0", "workspace_lookalike_name"),
        (" XN--2s-ssht2s-s ", "workspace_lookalike_name"),
        ("xn--0.actindo.com", "workspace_lookalike_name"),
    ] {
        assert_eq!(code(input), want, "{input:?}");
    }
}

#[test]
fn look_alike_names_are_refused_with_their_own_code() {
    // `аcme` with a Cyrillic `а` (U+0430): a different workspace (`xn--cme-5cd`) that looks
    // the same, e.g. in a message telling the merchant where to connect the store.
    let cyrillic_a = "\u{430}cme";
    for input in [
        cyrillic_a.to_owned(),
        format!("{cyrillic_a}.actindo.com"),
        format!("https://{cyrillic_a}.actindo.com/"),
        format!("https://{cyrillic_a}.dev.actindo.com/login"),
        format!("  {}.ACTINDO.com ", cyrillic_a.to_uppercase()),
        "xn--cme-5cd".to_owned(),
        "xn--cme-5cd.actindo.com".to_owned(),
        "https://XN--CME-5CD.actindo.com/".to_owned(),
        // Fullwidth letters and a fullwidth dot, which URL rules would quietly map to ASCII.
        "\u{ff41}cme.actindo.com".to_owned(),
        "acme\u{3002}actindo.com".to_owned(),
        "äcme".to_owned(),
        "äcme.actindo.com".to_owned(),
    ] {
        assert_eq!(code(&input), "workspace_lookalike_name", "{input:?}");
    }
    // What the error quotes is what was typed (shortened), not the encoded name.
    let err = WorkspaceUrl::parse(&format!("{cyrillic_a}.actindo.com"), &prod()).unwrap_err();
    assert!(err.to_string().contains(cyrillic_a), "{err}");
    // Non-ASCII after the host is not part of the name and is dropped as before.
    assert_eq!(code("https://acme.actindo.com/p\u{e4}th?q=\u{430}"), "ok");
}

#[test]
fn sandbox_rules_map_names_to_the_sandbox_and_accept_its_urls() {
    let base = Url::parse("http://127.0.0.1:4000").unwrap();
    let rules = Profile::demo(&base).core1.workspace;
    for input in [
        "acme",
        "ACME",
        "acme.actindo.com",
        "https://acme.dev.actindo.com/x",
        "http://127.0.0.1:4000/core1/acme",
        "http://127.0.0.1:4000/core1/acme/Actindo.CoreModules.Tools.TenantTest.ping",
    ] {
        let ws = WorkspaceUrl::parse(input, &rules).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(
            ws.base().as_str(),
            "http://127.0.0.1:4000/core1/acme/",
            "{input}"
        );
        assert_eq!(ws.name(), "acme");
    }
    for (input, want) in [
        ("http://127.0.0.1:4001/core1/acme", "workspace_wrong_domain"),
        ("http://127.0.0.1:4000/other/acme", "workspace_wrong_domain"),
        ("http://127.0.0.1:4000/core1/", "workspace_empty"),
        ("http://evil.com/core1/acme", "workspace_insecure"),
        ("https://10.1.1.1/core1/acme", "workspace_ip_address"),
    ] {
        assert_eq!(
            WorkspaceUrl::parse(input, &rules)
                .map(|_| ())
                .unwrap_err()
                .code(),
            want,
            "{input}"
        );
    }
}

#[test]
fn the_connector_field_takes_the_part_between_https_and_actindo_com() {
    let prod = crate::Profile::production().core1.workspace;
    for (typed, name) in [
        ("acme", "acme"),
        ("https://acme.actindo.com/#/omni-channel", "acme"),
        ("acme.dev.actindo.com", "acme.dev"),
    ] {
        let field = WorkspaceUrl::parse(typed, &prod).unwrap().connector_field();
        assert_eq!(field.name, name, "{typed}");
        assert_eq!(
            format!("{}{}{}", field.prefix, field.name, field.suffix),
            WorkspaceUrl::parse(typed, &prod).unwrap().origin_str(),
            "the connector forms the workspace's own address"
        );
    }
    let demo = crate::Profile::demo(&url::Url::parse("http://127.0.0.1:4000").unwrap());
    let practice = WorkspaceUrl::parse("http://127.0.0.1:4000/core1/acme/", &demo.core1.workspace)
        .unwrap()
        .connector_field();
    assert_eq!(practice.name, "acme");
}

#[test]
fn the_workspace_is_shown_as_its_merchant_knows_it_never_as_a_loopback_address() {
    let prod = prod();
    for (typed, shown) in [
        ("acme", "acme.actindo.com"),
        ("https://acme.actindo.com/#/dashboard", "acme.actindo.com"),
        ("acme.dev.actindo.com", "acme.dev.actindo.com"),
    ] {
        let ws = WorkspaceUrl::parse(typed, &prod).unwrap();
        assert_eq!(ws.display(&prod), shown, "{typed}");
    }
    let demo = Profile::demo(&Url::parse("http://127.0.0.1:4000").unwrap())
        .core1
        .workspace;
    for typed in [
        "acme",
        "acme.actindo.com",
        "http://127.0.0.1:4000/core1/acme/",
    ] {
        let ws = WorkspaceUrl::parse(typed, &demo).unwrap();
        assert_eq!(ws.display(&demo), "acme.actindo.com", "{typed}");
        // What is shown, typed again, is the same practice workspace.
        assert_eq!(WorkspaceUrl::parse(&ws.display(&demo), &demo).unwrap(), ws);
    }
    // The practice world behind a host of its own (an office network's test), the same.
    let elsewhere = Profile::demo(&Url::parse("https://practice.test").unwrap())
        .core1
        .workspace;
    let ws = WorkspaceUrl::parse("acme", &elsewhere).unwrap();
    assert_eq!(ws.display(&elsewhere), "acme.actindo.com");
}

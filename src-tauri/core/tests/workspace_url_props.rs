//! Property tests for the workspace-address rules.
#![allow(clippy::unwrap_used, clippy::panic)]

use proptest::prelude::*;
use setup_core::Profile;
use setup_core::WorkspaceRules;
use setup_core::WorkspaceUrl;

fn prod() -> WorkspaceRules {
    Profile::production().core1.workspace
}

fn label() -> impl Strategy<Value = String> {
    // `xn--…` is the encoded form of a name with other characters than a-z: refused
    // (`look_alike_names_are_refused`), so not a "valid workspace" here.
    "[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?"
        .prop_filter("not an encoded name", |l| !l.starts_with("xn--"))
}

fn domain() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("actindo.com"), Just("dev.actindo.com")]
}

fn random_case(s: &str, flips: &[bool]) -> String {
    s.chars()
        .zip(flips.iter().cycle())
        .map(|(c, up)| if *up { c.to_ascii_uppercase() } else { c })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Whatever is typed, an accepted address is always an https workspace under an allowed
    /// domain, with nothing else in it.
    #[test]
    fn anything_accepted_is_a_clean_actindo_workspace(input in ".{0,60}") {
        if let Ok(ws) = WorkspaceUrl::parse(&input, &prod()) {
            let base = ws.base();
            prop_assert_eq!(base.scheme(), "https");
            prop_assert!(base.username().is_empty() && base.password().is_none());
            prop_assert_eq!(base.port(), None);
            prop_assert_eq!(base.path(), "/");
            prop_assert_eq!(base.query(), None);
            prop_assert_eq!(base.fragment(), None);
            let host = base.host_str().unwrap();
            prop_assert!(
                host == format!("{}.actindo.com", ws.name())
                    || host == format!("{}.dev.actindo.com", ws.name()),
                "{}", host
            );
            prop_assert!(setup_core::testing::core1::is_valid_label(ws.name()));
        }
    }

    /// Every reasonable way to type a valid workspace is accepted and means the same.
    #[test]
    fn reasonable_forms_are_accepted(
        name in label(),
        dom in domain(),
        flips in proptest::collection::vec(any::<bool>(), 1..8),
        pad_l in "[ \t]{0,3}",
        pad_r in "[ \t\n]{0,3}",
        path in "(/[a-zA-Z0-9._-]{0,8}){0,3}",
        query in proptest::option::of("[a-z]{1,5}=[a-z0-9]{0,5}"),
        form in 0..4usize,
    ) {
        let host = format!("{name}.{dom}");
        let q = query.map(|q| format!("?{q}")).unwrap_or_default();
        let typed = match form {
            0 => host.clone(),
            1 => format!("https://{host}"),
            2 => format!("https://{host}{path}{q}"),
            _ => format!("{host}{path}{q}"),
        };
        let typed = format!("{pad_l}{}{pad_r}", random_case(&typed, &flips));
        let ws = WorkspaceUrl::parse(&typed, &prod()).unwrap();
        prop_assert_eq!(ws.name(), name.as_str());
        let want = format!("https://{host}/");
        prop_assert_eq!(ws.base().as_str(), want.as_str());
        // Idempotent.
        let again = WorkspaceUrl::parse(ws.base().as_str(), &prod()).unwrap();
        prop_assert_eq!(again, ws);
    }

    /// A bare name maps to the production domain.
    #[test]
    fn bare_names(name in label(), flips in proptest::collection::vec(any::<bool>(), 1..8)) {
        let ws = WorkspaceUrl::parse(&random_case(&name, &flips), &prod()).unwrap();
        let want = format!("https://{name}.actindo.com/");
        prop_assert_eq!(ws.base().as_str(), want.as_str());
    }

    /// Look-alike domains are other domains.
    #[test]
    fn look_alikes_are_wrong_domains(name in label(), evil in "[a-z]{1,10}\\.(com|net|de)") {
        for typed in [
            format!("{name}.actindo.com.{evil}"),
            format!("https://{name}.actindo.com.{evil}/"),
            format!("{evil}/?{name}.actindo.com"),
            format!("https://{evil}/{name}.actindo.com"),
            format!("https://{evil}#{name}.actindo.com"),
            format!("{name}-actindo.com"),
        ] {
            let err = WorkspaceUrl::parse(&typed, &prod()).unwrap_err();
            prop_assert_eq!(err.code(), "workspace_wrong_domain", "{}", typed);
        }
    }

    /// http:// to any remote host is refused.
    #[test]
    fn plain_http_is_refused(name in label(), dom in domain(), path in "(/[a-z]{0,5}){0,2}") {
        let typed = format!("http://{name}.{dom}{path}");
        prop_assert_eq!(WorkspaceUrl::parse(&typed, &prod()).unwrap_err().code(), "workspace_insecure");
    }

    /// User info is refused, even when the real host looks right.
    #[test]
    fn user_info_is_refused(name in label(), user in "[a-z0-9]{1,8}", pw in proptest::option::of("[a-z0-9]{1,8}")) {
        let creds = match pw { Some(p) => format!("{user}:{p}"), None => user };
        for typed in [
            format!("https://{creds}@{name}.actindo.com/"),
            format!("{creds}@{name}.actindo.com"),
        ] {
            prop_assert_eq!(WorkspaceUrl::parse(&typed, &prod()).unwrap_err().code(), "workspace_userinfo");
        }
    }

    /// Any explicit port other than https's is refused.
    #[test]
    fn other_ports_are_refused(name in label(), port in 1u16..) {
        prop_assume!(port != 443);
        let typed = format!("https://{name}.actindo.com:{port}/");
        let err = WorkspaceUrl::parse(&typed, &prod()).unwrap_err();
        prop_assert_eq!(err.code(), "workspace_port");
    }

    /// IP addresses are refused, loopback included (outside practice mode).
    #[test]
    fn ip_addresses_are_refused(a in 0u8.., b in 0u8.., c in 0u8.., d in 0u8.., https in any::<bool>()) {
        let ip = format!("{a}.{b}.{c}.{d}");
        let typed = if https { format!("https://{ip}/") } else { ip };
        prop_assert_eq!(WorkspaceUrl::parse(&typed, &prod()).unwrap_err().code(), "workspace_ip_address");
    }

    /// Names that are not one DNS label are refused as such.
    #[test]
    fn invalid_labels_are_refused(bad in "([a-z]{1,5}[_!$%&*+=~ ][a-z]{1,5}|-[a-z]{1,5}|[a-z]{1,5}-|[a-z]{64,70})") {
        let err = WorkspaceUrl::parse(&bad, &prod()).unwrap_err();
        prop_assert_eq!(err.code(), "workspace_invalid_name", "{:?}", bad);
    }

    /// A look-alike — a valid name with one letter swapped for a character that only looks
    /// like it — is refused with its own code however it is typed, never turned into another
    /// (punycode) workspace.
    #[test]
    fn look_alike_names_are_refused(
        name in "[a-z]{2,12}",
        at in any::<prop::sample::Index>(),
        swap in prop::sample::select(vec![
            ('a', '\u{430}'), ('c', '\u{441}'), ('e', '\u{435}'), ('o', '\u{43e}'),
            ('p', '\u{440}'), ('x', '\u{445}'), ('i', '\u{456}'), ('s', '\u{455}'),
            ('o', '\u{3bf}'), ('a', '\u{3b1}'), ('m', '\u{ff4d}'), ('e', '\u{e9}'),
        ]),
        dom in domain(),
        form in 0..3usize,
    ) {
        let i = at.index(name.len());
        let look_alike: String = name
            .chars()
            .enumerate()
            .map(|(n, c)| if n == i { swap.1 } else { c })
            .collect();
        let typed = match form {
            0 => look_alike.clone(),
            1 => format!("{look_alike}.{dom}"),
            _ => format!("https://{look_alike}.{dom}/x"),
        };
        match WorkspaceUrl::parse(&typed, &prod()) {
            Ok(ws) => prop_assert!(false, "{:?} accepted as {}", typed, ws.base()),
            Err(e) => prop_assert_eq!(e.code(), "workspace_lookalike_name", "{:?}", typed),
        }
    }

    /// In practice mode every name is a workspace of the sandbox, however it is typed.
    #[test]
    fn practice_rules_map_into_the_sandbox(name in label(), port in 1024u16.., form in 0..4usize) {
        let base = url::Url::parse(&format!("http://127.0.0.1:{port}")).unwrap();
        let rules = Profile::demo(&base).core1.workspace;
        let typed = match form {
            0 => name.clone(),
            1 => format!("{name}.actindo.com"),
            2 => format!("https://{name}.dev.actindo.com/x?y=1"),
            _ => format!("http://127.0.0.1:{port}/core1/{name}/whatever"),
        };
        let ws = WorkspaceUrl::parse(&typed, &rules).unwrap();
        let want = format!("http://127.0.0.1:{port}/core1/{name}/");
        prop_assert_eq!(ws.base().as_str(), want.as_str());
        prop_assert_eq!(ws.name(), name.as_str());
    }
}

//! The onboarding report as one self-contained HTML document: a pure function of what the
//! engine knows ([`ReportInput`]), the words ([`Words`]) and a time zone. No script, no external
//! resource (inline CSS, inline SVG), a strict `Content-Security-Policy` of its own, print rules
//! that suit A4 and Letter alike (no page size is forced: the printer's paper decides); every
//! value put in is HTML-escaped.

use std::fmt::Write;

use chrono::TimeZone;
use html_escape::encode_text as esc;

use super::html::{fact, heading, phase_words, road_key};
use super::words::Words;
use super::ReportInput;
use super::{advice, sections};

/// The report's style sheet (inline in every report).
const CSS: &str = include_str!("report.css");

/// The document's own policy: nothing is loaded or run; only its inline styles apply.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// Renders the report (see the module's doc).
pub(super) fn render<Tz: TimeZone>(input: &ReportInput, w: &Words, tz: &Tz) -> String {
    let k = &input.connection;
    let title = w.t(
        "report.docTitle",
        &[
            ("store", &k.store_name),
            ("workspace", k.key.workspace.name()),
        ],
    );
    let mut out = String::with_capacity(24 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        w.lang(),
        esc(&title)
    );
    if input.practice {
        // Repeated on every printed page: a fixed element prints on each page (the banner
        // below says it in words on the first).
        let _ = writeln!(
            out,
            "<div class=\"practice-mark\" aria-hidden=\"true\"><svg viewBox=\"0 0 720 240\" xmlns=\"http://www.w3.org/2000/svg\"><text x=\"360\" y=\"150\" text-anchor=\"middle\" transform=\"rotate(-18 360 120)\">{}</text></svg></div>",
            esc(&w.t("report.practiceMark", &[]))
        );
    }
    out.push_str("<main>\n");
    if input.practice {
        let _ = writeln!(
            out,
            "<p class=\"practice-banner\" data-practice=\"true\">{}</p>",
            esc(&w.t("report.practiceBanner", &[]))
        );
    }
    let _ = write!(
        out,
        "<header class=\"top\">\n<h1>{}</h1>\n<p class=\"lead\">{}</p>\n<p class=\"made\">{}</p>\n</header>\n",
        esc(&w.t("report.title", &[])),
        esc(&w.t(
            "report.lead",
            &[
                ("store", &k.store_name),
                ("workspace", k.key.workspace.origin_str())
            ]
        )),
        esc(&w.t(
            "report.made",
            &[
                ("date", &w.day_time(input.made_at, tz)),
                ("version", &input.app_version)
            ]
        )),
    );
    glance(&mut out, input, w, tz);
    road(&mut out, input, w);
    steps(&mut out, input, w, tz);
    sections::state(&mut out, input, w);
    sections::arrived(&mut out, input, w);
    sections::settings(&mut out, input, w, tz);
    advice::golive(&mut out, input, w, tz);
    advice::repairs(&mut out, input, w);
    let _ = write!(
        out,
        "<footer><p>{}</p></footer>\n</main>\n</body>\n</html>\n",
        esc(&w.t("report.footer", &[("version", &input.app_version)]))
    );
    out
}

fn glance<Tz: TimeZone>(out: &mut String, input: &ReportInput, w: &Words, tz: &Tz) {
    let k = &input.connection;
    heading(out, "glance", &w.t("report.glance.title", &[]));
    out.push_str("<dl class=\"facts\">\n");
    fact(
        out,
        &w.t("report.glance.workspace", &[]),
        k.key.workspace.origin_str(),
        "workspace",
    );
    fact(
        out,
        &w.t("report.glance.store", &[]),
        &k.store_name,
        "store",
    );
    if !k.store_domain.is_empty() {
        fact(
            out,
            &w.t("report.glance.domain", &[]),
            &k.store_domain,
            "domain",
        );
    }
    fact(
        out,
        &w.t("report.glance.storeHash", &[]),
        k.store_hash.as_str(),
        "store-hash",
    );
    let name = input.live.as_ref().map(|c| c.name.as_str()).unwrap_or("");
    let connection = if name.is_empty() {
        w.t(
            "report.glance.connectionId",
            &[("id", &k.key.id.to_string())],
        )
    } else {
        w.t(
            "report.glance.connectionNamed",
            &[("name", name), ("id", &k.key.id.to_string())],
        )
    };
    fact(
        out,
        &w.t("report.glance.connection", &[]),
        &connection,
        "connection",
    );
    let state = match &input.live {
        Ok(c) => phase_words(c.phase, w),
        Err(_) => w.t("report.state.unknown", &[]),
    };
    fact(out, &w.t("report.glance.state", &[]), &state, "state");
    fact(
        out,
        &w.t("report.glance.road", &[]),
        &w.t(&format!("report.road.{}.name", road_key(k.road)), &[]),
        "road",
    );
    fact(
        out,
        &w.t("report.glance.added", &[]),
        &w.day_time(k.added_at, tz),
        "added",
    );
    fact(
        out,
        &w.t("report.glance.who", &[]),
        &who(input, w, tz),
        "who",
    );
    out.push_str("</dl>\n</section>\n");
}

/// Who ran the session: the Core1 user as far as Core1 named them, else when Core1 was signed
/// in to (`wizard::journal` says why the name may be unknown).
fn who<Tz: TimeZone>(input: &ReportInput, w: &Words, tz: &Tz) -> String {
    let Some(u) = &input.connection.journal.core1_user else {
        return w.t("report.who.notRecorded", &[]);
    };
    let date = w.day_time(u.signed_in_at, tz);
    match (&u.name, &u.email) {
        (Some(name), Some(email)) => w.t(
            "report.who.named",
            &[("name", name), ("email", email), ("date", &date)],
        ),
        (Some(name), None) | (None, Some(name)) => {
            w.t("report.who.one", &[("name", name), ("date", &date)])
        }
        (None, None) => w.t("report.who.unnamed", &[("date", &date)]),
    }
}

fn road(out: &mut String, input: &ReportInput, w: &Words) {
    let road = road_key(input.connection.road);
    heading(out, "road", &w.t("report.road.title", &[]));
    let _ = write!(
        out,
        "<p>{}</p>\n<p class=\"note keep\" data-road=\"{road}\"><strong>{}</strong> {}</p>\n</section>\n",
        esc(&w.t(&format!("report.road.{road}.what"), &[("app", &input.connector_name)])),
        esc(&w.t("report.road.mattersLabel", &[])),
        esc(&w.t(&format!("report.road.{road}.matters"), &[("app", &input.connector_name)])),
    );
}

fn steps<Tz: TimeZone>(out: &mut String, input: &ReportInput, w: &Words, tz: &Tz) {
    let steps = &input.connection.journal.steps;
    heading(out, "steps", &w.t("report.steps.title", &[]));
    if steps.is_empty() {
        let _ = writeln!(
            out,
            "<p>{}</p>\n</section>",
            esc(&w.t("report.steps.none", &[]))
        );
        return;
    }
    let _ = write!(
        out,
        "<table class=\"steps\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        esc(&w.t("report.steps.when", &[])),
        esc(&w.t("report.steps.what", &[]))
    );
    for s in steps {
        let _ = writeln!(
            out,
            "<tr data-step=\"{}\"><td class=\"when\">{}</td><td>{}</td></tr>",
            html_escape::encode_double_quoted_attribute(&s.action),
            esc(&w.day_time(s.at, tz)),
            esc(&w.t(&format!("report.steps.{}", s.action), &[]))
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bigcommerce::StoreHash;
    use crate::core1::WorkspaceUrl;
    use crate::wizard::journal::{Core1User, Journal};
    use crate::wizard::known::{ConnectionKey, KnownConnection, StoreRoad};
    use crate::Profile;

    fn words(lang: &str) -> Words {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/locales");
        let read = |l: &str| std::fs::read_to_string(dir.join(format!("{l}.json"))).unwrap();
        Words::from_locales(lang, &read(lang), &read("en")).unwrap()
    }

    fn input(store_name: &str, user: Option<Core1User>) -> ReportInput {
        let rules = Profile::production().core1.workspace;
        ReportInput {
            connection: KnownConnection {
                key: ConnectionKey {
                    workspace: WorkspaceUrl::parse("acme", &rules).unwrap(),
                    id: 4,
                },
                store_hash: StoreHash::parse("abc123").unwrap(),
                store_name: store_name.into(),
                added_at: 1_764_935_000_000,
                road: StoreRoad::ApiAccount,
                store_domain: "shop.example.com".into(),
                journal: Journal {
                    core1_user: user,
                    ..Journal::default()
                },
            },
            practice: false,
            app_version: "1.2.3".into(),
            made_at: 1_764_935_000_000,
            connector_name: "Actindo Core1 DOP Connector".into(),
            live: Err("core1_unreachable"),
            settings: None,
            arrived: None,
        }
    }

    #[test]
    fn every_value_is_escaped_and_nothing_can_run() {
        let hostile = "<script>alert(1)</script> & \"x\"";
        let html = render(&input(hostile, None), &words("en"), &chrono::Utc);
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"));
        assert!(html
            .contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\""));
        assert!(!html.contains("data-practice"), "not practice");
    }

    #[test]
    fn what_could_not_be_read_is_said_not_shown_as_an_error() {
        for (lang, unnamed) in [
            ("en", "(Core1 does not tell the assistant the user's name)"),
            ("de", "(Core1 teilt dem Assistenten den Namen nicht mit)"),
        ] {
            let user = Core1User {
                signed_in_at: 1_764_935_000_000,
                ..Core1User::default()
            };
            let html = render(&input("Shop", Some(user)), &words(lang), &chrono::Utc);
            assert!(!html.contains("report."), "{lang}: every key has words");
            assert!(!html.contains("core1_unreachable"), "{lang}: no code shown");
            assert!(html.contains("data-state=\"unknown\""));
            assert!(html.contains("data-urls=\"by-hand\""), "not checked yet");
            assert!(html.contains(unnamed), "{lang}: the unnamed user");
        }
        let html = render(&input("Shop", None), &words("en"), &chrono::Utc);
        assert!(html.contains("Not recorded on this computer"));
        assert!(html.contains("No steps were recorded"));
    }
}

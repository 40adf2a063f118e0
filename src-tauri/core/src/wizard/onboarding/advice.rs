//! The report's advice: the go-live check (as last made, or how to check by hand) and what to
//! do if something stops working (Manage's repairs, in words). Every value is escaped.

use std::fmt::Write;

use chrono::TimeZone;
use html_escape::encode_text as esc;

use super::html::{heading, road_key};
use super::words::Words;
use super::ReportInput;
use crate::wizard::known::StoreRoad;

pub(super) fn golive<Tz: TimeZone>(out: &mut String, input: &ReportInput, w: &Words, tz: &Tz) {
    heading(out, "golive", &w.t("golive.title", &[]));
    let item = |out: &mut String, key: &str, more: &str| {
        let _ = writeln!(
            out,
            "<div class=\"keep\" data-item=\"{key}\"><h3>{}</h3><p>{}</p>{more}</div>",
            esc(&w.t(&format!("golive.{key}.title"), &[])),
            esc(&w.t(&format!("golive.{key}.text"), &[]))
        );
    };
    let where_ = |key: &str| {
        format!(
            "<p class=\"where\">{}</p>",
            esc(&w.t(&format!("golive.{key}.where"), &[]))
        )
    };
    item(out, "addresses", &where_("addresses"));
    item(out, "urls", &urls(input, w, tz));
    item(out, "options", &where_("options"));
    out.push_str("</section>\n");
}

/// The custom-URL check as last made, or how to check by hand.
fn urls<Tz: TimeZone>(input: &ReportInput, w: &Words, tz: &Tz) -> String {
    let road1 = input.connection.road == StoreRoad::Connector;
    let Some(r) = input
        .connection
        .journal
        .url_check
        .as_ref()
        .filter(|_| !road1)
    else {
        let why = if road1 {
            "golive.urls.hiddenConnector"
        } else {
            "report.urls.notChecked"
        };
        return format!(
            "<p class=\"where\" data-urls=\"by-hand\">{} {}</p>",
            esc(&w.t(why, &[])),
            esc(&w.t("golive.urls.howByHand", &[]))
        );
    };
    let (n, date) = (w.count(r.check.products.into()), w.day_time(r.at, tz));
    if r.groups == 0 {
        return format!(
            "<p class=\"ok\" data-urls=\"none\">{}</p>",
            esc(&w.t("report.urls.none", &[("n", &n), ("date", &date)]))
        );
    }
    let mut out = format!(
        "<p class=\"note\" data-urls=\"found\" data-groups=\"{}\">{}</p>\n<ul class=\"plain\">",
        r.groups,
        esc(&w.t(
            "report.urls.found",
            &[
                ("n", &n),
                ("date", &date),
                ("groups", &w.count(r.groups as u64))
            ]
        ))
    );
    for g in &r.check.collisions {
        let names: Vec<&str> = g.products.iter().map(|p| p.name.as_str()).collect();
        let _ = write!(
            out,
            "<li><span class=\"url\">{}</span> — {}</li>",
            esc(&g.url),
            esc(&names.join(", "))
        );
    }
    out.push_str("</ul>");
    if r.groups > r.check.collisions.len() {
        let more = w.count((r.groups - r.check.collisions.len()) as u64);
        let _ = write!(
            out,
            "<p>{}</p>",
            esc(&w.t("golive.urls.more", &[("n", &more)]))
        );
    }
    let _ = write!(
        out,
        "<p class=\"where\">{}</p>",
        esc(&w.t("golive.urls.fix", &[]))
    );
    out
}

pub(super) fn repairs(out: &mut String, input: &ReportInput, w: &Words) {
    heading(out, "repairs", &w.t("report.repairs.title", &[]));
    let _ = writeln!(
        out,
        "<p>{}</p>\n<ul class=\"plain\">",
        esc(&w.t("report.repairs.lead", &[]))
    );
    let road = road_key(input.connection.road);
    // Road 1's access is renewed by reinstalling the connector (a key made by hand is the
    // fallback Actindo names); on the other roads by a new access key.
    let items = if input.connection.road == StoreRoad::Connector {
        ["sync", "reinstall", "key", "signin", "support"]
    } else {
        ["sync", "key", "reinstall", "signin", "support"]
    };
    for item in items {
        let _ = writeln!(
            out,
            "<li data-repair=\"{item}\">{}</li>",
            esc(&w.t(&format!("report.repairs.{item}"), &[]))
        );
    }
    let _ = writeln!(
        out,
        "</ul>\n<p class=\"note keep\">{}</p>\n</section>",
        esc(&w.t(
            &format!("report.road.{road}.matters"),
            &[("app", &input.connector_name)]
        ))
    );
}

//! The report's middle sections: the connection now, what arrived (with the chart) and the first
//! settings. Each writes one `<section>`; every value is escaped.

use std::fmt::Write;

use chrono::TimeZone;
use html_escape::encode_text as esc;

use super::chart::{self, Bar};
use super::html::{fact, heading, phase_words};
use super::words::Words;
use super::ReportInput;
use crate::core1::channels::{Progress, VariantOptionType};
use crate::wizard::arrived::{Arrived, StoreHidden};

/// The figures of what arrived, in the screens' order; orders follow the order settings.
const ROWS: [&str; 5] = ["products", "variants", "categories", "customers", "orders"];

pub(super) fn state(out: &mut String, input: &ReportInput, w: &Words) {
    heading(out, "state", &w.t("report.state.title", &[]));
    let c = match &input.live {
        Ok(c) => c,
        Err(_) => {
            let _ = writeln!(
                out,
                "<p class=\"note\" data-state=\"unknown\">{}</p>\n</section>",
                esc(&w.t("report.state.unreadable", &[]))
            );
            return;
        }
    };
    let _ = writeln!(
        out,
        "<p data-state=\"{}\">{}</p>",
        if c.phase == crate::core1::channels::Phase::Active {
            "active"
        } else {
            "other"
        },
        esc(&w.t("report.state.line", &[("state", &phase_words(c.phase, w))]))
    );
    let of = |p: &Progress| {
        w.t(
            "report.state.of",
            &[
                ("done", &w.count(p.done.into())),
                ("total", &w.count(p.total.into())),
            ],
        )
    };
    out.push_str("<dl class=\"facts\">\n");
    for (key, p) in [
        ("attributes", &c.attributes),
        ("attributeSets", &c.attribute_sets),
        ("attributeGroups", &c.attribute_groups),
        ("sync", &c.sync),
    ] {
        fact(out, &w.t(&format!("status.rows.{key}"), &[]), &of(p), key);
    }
    out.push_str("</dl>\n</section>\n");
}

pub(super) fn arrived(out: &mut String, input: &ReportInput, w: &Words) {
    heading(out, "arrived", &w.t("arrived.title", &[]));
    let Some(a) = &input.arrived else {
        let _ = writeln!(
            out,
            "<p class=\"note\">{}</p>\n</section>",
            esc(&w.t("report.arrived.unreadable", &[]))
        );
        return;
    };
    let store = |row: &str| -> Option<u64> {
        let s = a.store.as_ref()?;
        let n = match row {
            "products" => s.products,
            "variants" => s.variants,
            "categories" => s.categories,
            "customers" => s.customers,
            _ => s.orders,
        };
        n.map(u64::from)
    };
    let core1 = |row: &str| -> u64 {
        let c = &a.core1;
        u64::from(match row {
            "products" => c.products,
            "variants" => c.variants,
            "categories" => c.categories,
            "customers" => c.customers,
            _ => c.orders,
        })
    };
    let _ = writeln!(
        out,
        "<p class=\"{}\" data-verdict=\"{}\">{}</p>",
        if a.active && a.store.is_some() && a.missing == 0 {
            "ok"
        } else {
            "note"
        },
        verdict_state(a),
        esc(&verdict(a, w, &store, &core1))
    );
    let bars: Vec<Bar> = ROWS
        .iter()
        .map(|row| Bar {
            label: w.t(&format!("arrived.rows.{row}"), &[]),
            store: store(row),
            core1: core1(row),
        })
        .collect();
    let (in_store, in_core1) = (w.t("arrived.colStore", &[]), w.t("arrived.colCore1", &[]));
    out.push_str("<div class=\"keep\">\n");
    out.push_str(&chart::svg(
        &bars,
        &w.t("report.arrived.chart", &[]),
        (&in_store, &in_core1),
        &|n| w.count(n),
    ));
    // The store's column only where the store was read (roads 2 and 3).
    let store_col = |text: &str| match &a.store {
        Some(_) => format!("<td class=\"num\">{}</td>", esc(text)),
        None => String::new(),
    };
    let _ = write!(
        out,
        "\n<table class=\"figures\">\n<thead><tr><th scope=\"col\">{}</th>{}<th scope=\"col\" class=\"num\">{}</th></tr></thead>\n<tbody>\n",
        esc(&w.t("arrived.colWhat", &[])),
        store_col(&in_store).replace("<td class", "<th scope=\"col\" class").replace("</td>", "</th>"),
        esc(&in_core1)
    );
    for (row, bar) in ROWS.iter().zip(&bars) {
        let in_store = bar
            .store
            .map_or_else(|| w.t("arrived.notReadable", &[]), |n| w.count(n));
        let _ = writeln!(
            out,
            "<tr data-row=\"{row}\"><th scope=\"row\">{}</th>{}<td class=\"num\">{}</td></tr>",
            esc(&bar.label),
            store_col(&in_store),
            esc(&w.count(bar.core1))
        );
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    if a.several_storefronts {
        let names: Vec<&str> = a.storefronts.iter().map(|f| f.name.as_str()).collect();
        let _ = writeln!(
            out,
            "<p>{}</p>",
            esc(&w.t(
                "arrived.storefronts",
                &[
                    ("n", &w.count(a.storefronts.len() as u64)),
                    ("names", &names.join(", "))
                ]
            ))
        );
    }
    let _ = writeln!(
        out,
        "<p class=\"where\">{}</p>\n</section>",
        esc(&w.t("arrived.ordersNote", &[]))
    );
}

fn verdict_state(a: &Arrived) -> &'static str {
    match (a.active, &a.store, a.missing) {
        (false, _, _) => "moving",
        (true, None, _) => "core1_only",
        (true, Some(_), 0) => "all",
        _ => "missing",
    }
}

/// The screens' verdict on what arrived, in their words.
fn verdict(
    a: &Arrived,
    w: &Words,
    store: &dyn Fn(&str) -> Option<u64>,
    core1: &dyn Fn(&str) -> u64,
) -> String {
    match verdict_state(a) {
        "moving" => w.t("arrived.stillMoving", &[]),
        "core1_only" => {
            let why = match a.store_hidden {
                Some(StoreHidden::ConnectorHoldsKey) => "arrived.hiddenConnector",
                Some(StoreHidden::KeyMissing) => "arrived.hiddenKeyMissing",
                _ => "arrived.hiddenUnavailable",
            };
            let n = w.count(core1("products"));
            format!(
                "{} {}",
                w.t("arrived.core1Only", &[("products", &n)]),
                w.t(why, &[])
            )
        }
        "all" => w.t("arrived.allArrived", &[]),
        _ => {
            let list: Vec<String> = ROWS[..4]
                .iter()
                .filter_map(|row| {
                    let short = store(row)?.saturating_sub(core1(row));
                    (short > 0).then(|| {
                        format!(
                            "{} {}",
                            w.t(&format!("arrived.rows.{row}"), &[]),
                            w.count(short)
                        )
                    })
                })
                .collect();
            format!(
                "{} {}",
                w.t("arrived.missing", &[("list", &list.join(" · "))]),
                w.t("arrived.missingNext", &[])
            )
        }
    }
}

pub(super) fn settings<Tz: TimeZone>(out: &mut String, input: &ReportInput, w: &Words, tz: &Tz) {
    heading(out, "settings", &w.t("settings.title", &[]));
    let Some(s) = &input.settings else {
        let _ = writeln!(
            out,
            "<p class=\"note\">{}</p>\n</section>",
            esc(&w.t("report.settings.unreadable", &[]))
        );
        return;
    };
    let saved = input
        .connection
        .journal
        .steps
        .iter()
        .rev()
        .find(|s| s.action == "update_settings");
    let _ = writeln!(
        out,
        "<p data-saved=\"{}\">{}</p>",
        saved.is_some(),
        esc(&match saved {
            Some(step) => w.t(
                "report.settings.saved",
                &[("date", &w.day_time(step.at, tz))]
            ),
            None => w.t("report.settings.defaults", &[]),
        })
    );
    let variant = match s.variant_option_type {
        VariantOptionType::Dropdown => "dropdown",
        VariantOptionType::Rectangles => "rectangles",
        VariantOptionType::RadioButtons => "radio_buttons",
    };
    let statuses: Vec<String> = s
        .order_statuses
        .iter()
        .map(|id| w.t(&format!("settings.status.{id}"), &[]))
        .collect();
    let yes_no = |b: bool| w.t(if b { "report.yes" } else { "report.no" }, &[]);
    out.push_str("<dl class=\"facts\">\n");
    let label = |key: &str| w.t(&format!("settings.{key}.title"), &[]);
    fact(
        out,
        &label("variant"),
        &w.t(&format!("settings.variant.{variant}"), &[]),
        "variant",
    );
    fact(out, &label("statuses"), &statuses.join(", "), "statuses");
    let after = s
        .orders_created_after
        .as_deref()
        .map_or_else(|| w.t("report.settings.noDate", &[]), |d| w.day(d));
    fact(out, &label("after"), &after, "after");
    let id_from = s
        .orders_id_from
        .map_or_else(|| w.t("report.settings.noId", &[]), |n| w.count(n));
    fact(out, &label("idFrom"), &id_from, "id-from");
    fact(
        out,
        &label("archived"),
        &yes_no(s.import_archived_orders),
        "archived",
    );
    fact(
        out,
        &label("mapped"),
        &yes_no(s.only_push_mapped_attributes),
        "mapped",
    );
    out.push_str("</dl>\n</section>\n");
}

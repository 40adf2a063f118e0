//! The small pieces every part of the report writes with: a fact, a section's heading, a state
//! and a road in words.

use std::fmt::Write;

use html_escape::encode_text as esc;

use super::words::Words;
use crate::core1::channels::Phase;
use crate::wizard::known::StoreRoad;

/// One `<dt>`/`<dd>` pair.
pub(super) fn fact(out: &mut String, label: &str, value: &str, id: &str) {
    let _ = writeln!(
        out,
        "<dt>{}</dt><dd data-fact=\"{id}\">{}</dd>",
        esc(label),
        esc(value)
    );
}

/// A section's heading.
pub(super) fn heading(out: &mut String, id: &str, text: &str) {
    let _ = writeln!(
        out,
        "<section id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\">{}</h2>",
        esc(text)
    );
}

/// The road's key in the words (`report.road.connector`, …).
pub(super) fn road_key(road: StoreRoad) -> &'static str {
    match road {
        StoreRoad::Connector => "connector",
        StoreRoad::ApiAccount => "api_account",
        StoreRoad::OwnApp => "own_app",
    }
}

/// The connection's state in words.
pub(super) fn phase_words(phase: Phase, w: &Words) -> String {
    let key = match phase {
        Phase::Active => "active",
        Phase::Failed => "failed",
        Phase::Disabled => "disabled",
        _ => "working",
    };
    w.t(&format!("report.phase.{key}"), &[])
}

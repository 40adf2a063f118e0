//! The report's bar chart, store beside Core1, drawn as inline SVG (no script, no external
//! resource; prints as vectors). The same figures stand in the table beside it, which is what a
//! screen reader reads: the chart is one image with a short title.

use std::fmt::Write;

use html_escape::encode_text as esc;

/// One row of the chart: its label, the store's figure (when the store was read) and Core1's.
pub(super) struct Bar {
    pub label: String,
    pub store: Option<u64>,
    pub core1: u64,
}

const WIDTH: u32 = 640;
const LABEL_W: u32 = 150;
const VALUE_W: u32 = 70;
const BAR_H: u32 = 14;
const ROW_H: u32 = 2 * BAR_H + 16;
const TOP: u32 = 30;

/// The chart as an `<svg>` element; `legend` names the two colours (store, Core1), `title` is
/// the image's accessible name, `count` writes a figure as the language does. Every text is
/// escaped.
pub(super) fn svg(
    bars: &[Bar],
    title: &str,
    legend: (&str, &str),
    count: &dyn Fn(u64) -> String,
) -> String {
    let max = bars
        .iter()
        .flat_map(|b| [b.store.unwrap_or(0), b.core1])
        .max()
        .unwrap_or(0)
        .max(1);
    let span = WIDTH - LABEL_W - VALUE_W;
    let len = |n: u64| -> u32 {
        // At least a hairline, so a zero still shows where its bar would be.
        ((n as f64 / max as f64) * f64::from(span)).round().max(1.0) as u32
    };
    // Two bars a row where the store was read, else Core1's alone.
    let both = bars.iter().any(|b| b.store.is_some());
    let (row_h, core1_at, label_at) = if both {
        (ROW_H, BAR_H + 2, BAR_H + 4)
    } else {
        (BAR_H + 16, 0, BAR_H - 2)
    };
    let height = TOP + row_h * bars.len() as u32;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 {WIDTH} {height}" width="100%" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">{}</title>"#,
        esc(title)
    );
    // The legend: a swatch and its name for each side shown.
    let mut x = LABEL_W;
    let sides = [
        (
            bars.iter().any(|b| b.store.is_some()),
            "bar-store",
            legend.0,
        ),
        (true, "bar-core1", legend.1),
    ];
    for (_, class, name) in sides.iter().filter(|(shown, _, _)| *shown) {
        let _ = write!(
            out,
            r#"<rect x="{x}" y="4" width="14" height="14" class="{class}"/><text x="{}" y="16" class="legend">{}</text>"#,
            x + 20,
            esc(name)
        );
        x += 200;
    }
    for (i, bar) in bars.iter().enumerate() {
        let y = TOP + row_h * i as u32;
        let _ = write!(
            out,
            r#"<text x="0" y="{}" class="label">{}</text>"#,
            y + label_at,
            esc(&bar.label)
        );
        let mut row = |n: u64, offset: u32, class: &str| {
            let w = len(n);
            let _ = write!(
                out,
                r#"<rect x="{LABEL_W}" y="{}" width="{w}" height="{BAR_H}" class="{class}"/><text x="{}" y="{}" class="value">{}</text>"#,
                y + offset,
                LABEL_W + w + 6,
                y + offset + BAR_H - 2,
                esc(&count(n)),
            );
        };
        if let Some(store) = bar.store {
            row(store, 0, "bar-store");
        }
        row(bar.core1, core1_at, "bar-core1");
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_figure_and_text_is_escaped() {
        let s = svg(
            &[
                Bar {
                    label: "Products <b>".into(),
                    store: Some(300),
                    core1: 150,
                },
                Bar {
                    label: "Orders".into(),
                    store: None,
                    core1: 0,
                },
            ],
            "Store & Core1",
            ("In your store", "In Core1"),
            &|n| format!("{n}"),
        );
        assert!(s.contains("Products &lt;b&gt;") && s.contains("Store &amp; Core1"));
        assert!(
            s.contains(r#"width="420" height="14" class="bar-store""#),
            "{s}"
        );
        assert!(s.contains(r#"width="210" height="14" class="bar-core1""#));
        assert!(
            s.contains(r#"width="1" height="14" class="bar-core1""#),
            "zero"
        );
        assert_eq!(
            s.matches("class=\"bar-store\"").count(),
            2,
            "legend + one bar"
        );
    }
}

//! Accessibility checks in the real window: axe-core injected through WebDriver, the window's
//! native title, where the keyboard focus is and whether it can be seen, and whether a screen
//! fits its window (no horizontal scrolling, nothing overlapping, no text cut off).
//!
//! axe-core comes from npm, pinned, installed by the test command into `target/tools`
//! (`bootstrap_axe_core` in `src-tauri/scripts/bootstrap.sh`); `AXE_CORE_JS` may name another
//! copy. The app itself never loads it: WebDriver scripts are evaluated by the automation
//! session, outside the page's CSP.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::{workspace_root, App};

/// The rules that decide: WCAG 2.0 and 2.1, levels A and AA.
pub const WCAG_TAGS: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// The theme a window is started in. WebKitGTK answers `prefers-color-scheme` from the GTK
/// theme, which `GTK_THEME` chooses for the app process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The environment that puts the app's window in this theme.
    pub fn env(self) -> (String, String) {
        let theme = match self {
            Theme::Light => "Adwaita",
            Theme::Dark => "Adwaita:dark",
        };
        ("GTK_THEME".into(), theme.into())
    }
}

fn axe_path() -> PathBuf {
    std::env::var_os("AXE_CORE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/tools/node_modules/axe-core/axe.min.js"))
}

/// The text of axe.min.js (read once).
fn axe_source() -> &'static str {
    static SRC: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SRC.get_or_init(|| {
        let path = axe_path();
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "axe-core not found at {} ({e}): run tests/run-all.sh, or \
                 `source src-tauri/scripts/bootstrap.sh && bootstrap_axe_core`",
                path.display()
            )
        })
    })
}

/// One rule broken on one audited page.
#[derive(Debug, Clone)]
pub struct Finding {
    pub state: String,
    pub lang: String,
    pub theme: Theme,
    pub rule: String,
    pub impact: String,
    pub wcag: bool,
    pub help: String,
    /// Each offending node: its selector, axe's summary and the start of its HTML.
    pub nodes: Vec<String>,
}

impl Finding {
    /// Serious and critical violations of a WCAG 2.1 A/AA rule fail the audit.
    pub fn fails(&self) -> bool {
        self.wcag && matches!(self.impact.as_str(), "serious" | "critical")
    }
}

/// Everything the audit saw, for the figures at the end.
#[derive(Debug, Default)]
pub struct Audit {
    /// (state, language, theme) audited.
    pub pages: BTreeSet<(String, String, Theme)>,
    pub findings: Vec<Finding>,
    /// Rules axe could not decide ("needs review"): rule → pages.
    pub incomplete: BTreeMap<String, usize>,
    /// Each undecided node once (rule, selector, axe's reason).
    pub review: BTreeSet<String>,
    /// Native window titles seen, per (state, language).
    pub titles: BTreeMap<(String, String), String>,
    pub axe_version: String,
    pub axe_time: Duration,
    pub runs: usize,
    /// Words of the other language seen after a switch (`words::leftovers`), per page.
    pub mixed: Vec<String>,
}

impl Audit {
    /// Audits the page as it is now, in English and in German (switched with the page's own
    /// language buttons), and leaves it in English. `state` names the screen and its state,
    /// `screen/state`. After each switch, every string on the page must be in the new language.
    pub async fn check(&mut self, app: &App, theme: Theme, state: &str) {
        for lang in ["en", "de"] {
            set_language(app, lang).await;
            for text in crate::leftovers(app, lang).await {
                self.mixed.push(format!("{state} in {lang}: {text:?}"));
            }
            self.run(app, theme, state, lang).await;
            if lang == "en" {
                app.screenshot(&format!(
                    "a11y-{}-{}",
                    theme.name(),
                    state.replace('/', "-")
                ))
                .await;
            }
        }
        set_language(app, "en").await;
    }

    /// Audits the page as it is now in its current language only.
    pub async fn run(&mut self, app: &App, theme: Theme, state: &str, lang: &str) {
        ensure_axe(app).await;
        let started = Instant::now();
        let script = format!(
            "const done = arguments[arguments.length - 1]; \
             axe.run(document, {{ runOnly: {{ type: 'tag', values: {tags} }}, \
                                  resultTypes: ['violations', 'incomplete'] }}) \
               .then((r) => done(JSON.stringify({{ \
                  violations: r.violations.map((v) => ({{ id: v.id, impact: v.impact, tags: v.tags, help: v.help, \
                    nodes: v.nodes.map((n) => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\\s+/g, ' ') + ' — ' + n.html.slice(0, 140)) }})), \
                  incomplete: r.incomplete.map((v) => ({{ id: v.id, \
                    nodes: v.nodes.map((n) => n.target.join(' ') + ' — ' + (n.any.concat(n.all, n.none).map((c) => c.message).join('; ')).replace(/\\s+/g, ' ')) }})) }})), \
                     (e) => done(JSON.stringify({{ error: String(e) }})));",
            tags = serde_json::to_string(
                &WCAG_TAGS
                    .iter()
                    .chain(&["best-practice"])
                    .collect::<Vec<_>>()
            )
            .unwrap()
        );
        let out = app
            .client
            .execute_async(&script, vec![])
            .await
            .expect("axe.run");
        self.axe_time += started.elapsed();
        self.runs += 1;
        let v: serde_json::Value = serde_json::from_str(out.as_str().unwrap()).unwrap();
        assert!(
            v["error"].is_null(),
            "axe failed on {state}: {}",
            v["error"]
        );
        self.pages
            .insert((state.to_owned(), lang.to_owned(), theme));
        for rule in v["incomplete"].as_array().unwrap() {
            let id = rule["id"].as_str().unwrap().to_owned();
            *self.incomplete.entry(id.clone()).or_default() += 1;
            for n in rule["nodes"].as_array().unwrap() {
                let n = n.as_str().unwrap_or_default();
                if self.review.insert(format!("{id}: {n}")) {
                    println!("  [needs review] {id} {state} {lang}/{}: {n}", theme.name());
                }
            }
        }
        for viol in v["violations"].as_array().unwrap() {
            let tags: Vec<&str> = viol["tags"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|t| t.as_str())
                .collect();
            let finding = Finding {
                state: state.to_owned(),
                lang: lang.to_owned(),
                theme,
                rule: viol["id"].as_str().unwrap().to_owned(),
                impact: viol["impact"].as_str().unwrap_or("unknown").to_owned(),
                wcag: tags.iter().any(|t| WCAG_TAGS.contains(t)),
                help: viol["help"].as_str().unwrap_or_default().to_owned(),
                nodes: viol["nodes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_str().unwrap_or_default().to_owned())
                    .collect(),
            };
            println!(
                "  [{}] {} {} {}/{}: {} ({} nodes){}",
                finding.impact,
                finding.rule,
                state,
                lang,
                theme.name(),
                finding.help,
                finding.nodes.len(),
                if finding.wcag { "" } else { " [best practice]" }
            );
            for n in finding.nodes.iter().take(4) {
                println!("      {n}");
            }
            self.findings.push(finding);
        }
        // The window's own title names the step in this language.
        let title = document_title(app).await;
        let app_title = if lang == "de" {
            "Core1 BigCommerce Einrichtung — "
        } else {
            "Core1 BigCommerce Setup — "
        };
        assert!(
            title.starts_with(app_title) && title.len() > app_title.len(),
            "{state} {lang}: document title {title:?}"
        );
        let native = wait_native_title(&title).await;
        assert_eq!(native, title, "{state} {lang}: the window's own title");
        self.titles
            .insert((state.to_owned(), lang.to_owned()), native);
    }

    /// The figures: pages audited, and violations by impact (pages × rules, and nodes).
    pub fn print_summary(&self) {
        let states: BTreeSet<&str> = self.pages.iter().map(|p| p.0.as_str()).collect();
        let screens: BTreeSet<&str> = states
            .iter()
            .map(|s| s.split('/').next().unwrap())
            .collect();
        let themes: BTreeSet<Theme> = self.pages.iter().map(|p| p.2).collect();
        println!(
            "\naxe-core {}: {} pages audited = {} states on {} screens × 2 languages × {} themes \
             ({} runs, {:.1} s in axe)",
            self.axe_version,
            self.pages.len(),
            states.len(),
            screens.len(),
            themes.len(),
            self.runs,
            self.axe_time.as_secs_f64()
        );
        let mut by_impact: BTreeMap<(&str, bool), (usize, usize)> = BTreeMap::new();
        // (impact, rule) → the pages it was seen on
        type Pages<'a> = BTreeSet<(&'a str, &'a str, Theme)>;
        let mut by_rule: BTreeMap<(&str, &str), Pages> = BTreeMap::new();
        for f in &self.findings {
            let e = by_impact.entry((f.impact.as_str(), f.wcag)).or_default();
            e.0 += 1;
            e.1 += f.nodes.len();
            by_rule
                .entry((f.impact.as_str(), f.rule.as_str()))
                .or_default()
                .insert((f.state.as_str(), f.lang.as_str(), f.theme));
        }
        for impact in ["critical", "serious", "moderate", "minor"] {
            for wcag in [true, false] {
                let (pages, nodes) = by_impact.get(&(impact, wcag)).copied().unwrap_or_default();
                println!(
                    "  {impact:<8} {:<13} {pages:>3} page violations, {nodes:>3} nodes",
                    if wcag { "WCAG 2.1 AA" } else { "best practice" }
                );
            }
        }
        for ((impact, rule), pages) in &by_rule {
            println!("  {impact} {rule}: on {} pages", pages.len());
        }
        println!(
            "  words of the other language after a switch: {}",
            self.mixed.len()
        );
        println!(
            "  needs review (axe could not decide): {}",
            if self.incomplete.is_empty() {
                "none".to_owned()
            } else {
                self.incomplete
                    .iter()
                    .map(|(r, n)| format!("{r} on {n} pages"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        );
    }

    /// Fails on any serious or critical WCAG violation, and on words of the other language.
    pub fn assert_clean(&self) {
        assert!(
            self.mixed.is_empty(),
            "words of the other language after a switch:\n{}",
            self.mixed.join("\n")
        );
        let failing: Vec<String> = self
            .findings
            .iter()
            .filter(|f| f.fails())
            .map(|f| {
                format!(
                    "{} [{}] on {} {}/{}: {}\n    {}",
                    f.rule,
                    f.impact,
                    f.state,
                    f.lang,
                    f.theme.name(),
                    f.help,
                    f.nodes.join("\n    ")
                )
            })
            .collect();
        assert!(
            failing.is_empty(),
            "{} serious or critical WCAG 2.1 AA violations:\n{}",
            failing.len(),
            failing.join("\n")
        );
    }
}

/// Injects axe-core once per page (the app never navigates: one injection per launch).
async fn ensure_axe(app: &App) {
    let present = app
        .client
        .execute("return typeof window.axe;", vec![])
        .await
        .unwrap();
    if present.as_str() == Some("object") {
        return;
    }
    // The page has no module loader; returning the script's own last value makes
    // WebKitWebDriver fail on a stale node, so the script returns a string.
    let script = format!(
        "var module = undefined, exports = undefined, define = undefined;\n{}\nreturn typeof axe;",
        axe_source()
    );
    let kind = app.client.execute(&script, vec![]).await.unwrap();
    assert_eq!(kind.as_str(), Some("object"), "axe-core did not load");
}

/// Proves the engine works in this window: a paragraph of grey on grey, put on the screen for
/// a moment, must fail axe's colour-contrast rule. Returns the rules it broke.
pub async fn canary(app: &App) -> String {
    ensure_axe(app).await;
    let v = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             const p = document.createElement('p'); \
             p.id = 'axe-canary'; p.textContent = 'Canary: grey on grey'; \
             p.style.color = '#777777'; p.style.background = '#8a8a8a'; \
             document.getElementById('screen-body').prepend(p); \
             axe.run('#axe-canary', { runOnly: ['color-contrast'] }) \
               .then((r) => { p.remove(); done(r.violations.map((v) => v.id).join(',')); }, \
                     (e) => { p.remove(); done('error: ' + e); });",
            vec![],
        )
        .await
        .unwrap();
    v.as_str().unwrap_or_default().to_owned()
}

/// The version of the injected axe-core.
pub async fn axe_version(app: &App) -> String {
    ensure_axe(app).await;
    app.client
        .execute("return axe.version;", vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Switches the page's language with its own buttons and waits until it has redrawn.
pub async fn set_language(app: &App, lang: &str) {
    if page_language(app).await == lang {
        return;
    }
    app.click(&format!("lang-{lang}")).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while page_language(app).await != lang {
        assert!(
            Instant::now() < deadline,
            "the page did not switch to {lang}"
        );
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
}

async fn page_language(app: &App) -> String {
    app.client
        .execute("return document.documentElement.lang;", vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Whether the page sees `prefers-color-scheme: dark`, and the page's background colour.
pub async fn color_scheme(app: &App) -> (bool, String) {
    let v = app
        .client
        .execute(
            "return [matchMedia('(prefers-color-scheme: dark)').matches, \
                     getComputedStyle(document.body).backgroundColor];",
            vec![],
        )
        .await
        .unwrap();
    (
        v[0].as_bool().unwrap(),
        v[1].as_str().unwrap_or_default().to_owned(),
    )
}

/// `document.title`.
pub async fn document_title(app: &App) -> String {
    app.client
        .execute("return document.title;", vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The title of the app's top-level window as the X server has it (`_NET_WM_NAME`, what the
/// task bar and a screen reader read), or `None` without one.
pub fn native_title() -> Option<String> {
    let tree = std::process::Command::new("xwininfo")
        .args(["-root", "-children"])
        .output()
        .ok()?;
    let tree = String::from_utf8_lossy(&tree.stdout);
    for line in tree.lines() {
        // `     0x200003 "Title": ("core1-bigcommerce-setup" "Core1-bigcommerce-setup")  900x680+…`
        let line = line.trim();
        if !line.contains("\"core1-bigcommerce-setup\"") {
            continue;
        }
        let id = line.split_whitespace().next()?;
        let size = line
            .rsplit(')')
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .next()
            .unwrap_or_default();
        if size.starts_with("10x10") || size.starts_with("1x1") {
            continue; // GTK's hidden leader window
        }
        let prop = std::process::Command::new("xprop")
            .args(["-id", id, "_NET_WM_NAME"])
            .output()
            .ok()?;
        let prop = String::from_utf8_lossy(&prop.stdout);
        // `_NET_WM_NAME(UTF8_STRING) = "Core1 BigCommerce Setup — Welcome"`
        let start = prop.find('"')?;
        let end = prop.rfind('"')?;
        if end > start {
            return Some(prop[start + 1..end].replace("\\\"", "\""));
        }
    }
    None
}

/// Waits (up to 3 s) until the native window title is `want`; returns what it was last.
pub async fn wait_native_title(want: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        let got = native_title().unwrap_or_default();
        if got == want || Instant::now() > deadline {
            return got;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

// ----- fit: window sizes and page zoom -----

/// Resizes the window to `width`×`height` and waits until the page has the new viewport.
pub async fn set_window_size(app: &App, width: u32, height: u32) {
    app.client.set_window_size(width, height).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let (w, h, zoom) = viewport(app).await;
        if ((w * zoom).round() as u32, (h * zoom).round() as u32) == (width, height) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the window did not become {width}×{height}: viewport {w}×{h} at zoom {zoom}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The page's viewport in CSS pixels and the zoom factor (window pixels per CSS pixel).
pub async fn viewport(app: &App) -> (f64, f64, f64) {
    let v = app
        .client
        .execute(
            "return [document.documentElement.clientWidth, window.innerHeight, \
                     window.outerWidth / document.documentElement.clientWidth];",
            vec![],
        )
        .await
        .unwrap();
    (
        v[0].as_f64().unwrap(),
        v[1].as_f64().unwrap(),
        v[2].as_f64().unwrap_or(1.0),
    )
}

/// What is wrong with the layout as it is now: sideways scrolling, text cut off (outside the
/// window or a box that clips it), text or controls overlapping each other. The screen's content
/// is measured at every scroll position of its scrolling area, each time only what shows. Empty
/// when it fits.
pub async fn layout_problems(app: &App) -> Vec<String> {
    let v = app.client.execute(LAYOUT_JS, vec![]).await.unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap_or_default().to_owned())
        .collect()
}

const LAYOUT_JS: &str = r#"
const problems = [];
const root = document.documentElement;
const W = root.clientWidth, H = root.clientHeight;
if (root.scrollWidth > W + 1) problems.push(`the window scrolls sideways: ${root.scrollWidth} > ${W}`);
const scroller = document.getElementById('screen-body');
if (scroller.scrollWidth > scroller.clientWidth + 1) problems.push(`the screen scrolls sideways: ${scroller.scrollWidth} > ${scroller.clientWidth}`);
const hidden = (el) => {
  for (let n = el; n && n !== document; n = n.parentNode) {
    if (n.nodeType !== 1) continue;
    if (n.classList.contains('visually-hidden') || n.hidden) return true;
    const cs = getComputedStyle(n);
    if (cs.display === 'none' || cs.visibility === 'hidden' || cs.opacity === '0') return true;
    // Visually hidden, for screen readers only (clipped to nothing).
    if (cs.position === 'absolute' && cs.overflow === 'hidden' && parseFloat(cs.width) <= 1) return true;
  }
  return false;
};
const name = (el) => {
  const id = el.closest('[data-testid]');
  return `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''}` +
    (id ? ` in [${id.dataset.testid}]` : '');
};
const box = (r) => ({ l: r.left, r: r.right, t: r.top, b: r.bottom });
const cut = (a, c) => ({ l: Math.max(a.l, c.l), r: Math.min(a.r, c.r), t: Math.max(a.t, c.t), b: Math.min(a.b, c.b) });
const empty = (a) => a.r - a.l < 1 || a.b - a.t < 1;
// The part of `r` that shows: clipped by every ancestor that clips. A scrolling box hides what
// is scrolled away; any other clipping box cuts it off (a problem).
const shown = (el, r, text, out) => {
  let v = box(r);
  for (let a = el; a && a !== document.body; a = a.parentElement) {
    const cs = getComputedStyle(a);
    if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
    const c = box(a.getBoundingClientRect());
    const scrolls = /auto|scroll/.test(cs.overflowX + cs.overflowY);
    if (!scrolls && (r.left < c.l - 1 || r.right > c.r + 1 || r.top < c.t - 1 || r.bottom > c.b + 1)) {
      out.push(`cut off by ${name(a)}: "${text}"`);
    }
    v = cut(v, c);
  }
  return cut(v, { l: 0, r: W, t: 0, b: H });
};
const overlap = (a, b) => Math.min(a.r, b.r) - Math.max(a.l, b.l) > 1 && Math.min(a.b, b.b) - Math.max(a.t, b.t) > 1;
const related = (a, b) => a === b || a.contains(b) || b.contains(a);
const measure = () => {
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.trim().slice(0, 30);
    if (!text || hidden(n.parentElement)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (r.width < 1 || r.height < 1) continue;
      if (r.left < -1 || r.right > W + 1) problems.push(`text outside the window: "${text}" (${name(n.parentElement)})`);
      const v = shown(n.parentElement, r, text, problems);
      if (!empty(v)) texts.push({ el: n.parentElement, box: v, text });
    }
  }
  const boxes = [];
  for (const el of document.querySelectorAll('button, input:not([type=file]), select, textarea, progress, label.button, .step-dot, .panel-icon, .badge, .health, .spinner, img')) {
    if (hidden(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) continue;
    const v = shown(el, r, name(el), problems);
    if (!empty(v)) boxes.push({ el, box: v });
  }
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      if (texts[i].el === texts[j].el) continue;
      if (overlap(texts[i].box, texts[j].box)) problems.push(`text over text: "${texts[i].text}" (${name(texts[i].el)}) and "${texts[j].text}" (${name(texts[j].el)})`);
    }
    for (const b of boxes) {
      if (related(b.el, texts[i].el)) continue;
      if (overlap(texts[i].box, b.box)) problems.push(`text under ${name(b.el)}: "${texts[i].text}" (${name(texts[i].el)})`);
    }
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      if (related(boxes[i].el, boxes[j].el)) continue;
      if (overlap(boxes[i].box, boxes[j].box)) problems.push(`${name(boxes[i].el)} over ${name(boxes[j].el)}`);
    }
  }
};
const max = scroller.scrollHeight - scroller.clientHeight;
const step = Math.max(40, scroller.clientHeight - 30);
for (let y = 0; ; y += step) {
  scroller.scrollTop = Math.min(y, max);
  measure();
  if (y >= max) break;
}
scroller.scrollTop = 0;
return [...new Set(problems)];
"#;

/// Where the element with this `data-testid` is, with the page scrolled to the top:
/// (fully inside the window without scrolling, reachable without scrolling sideways — scrolled
/// into view, inside the window's width and not covered).
pub async fn reachability(app: &App, testid: &str) -> (bool, bool) {
    let v = app
        .client
        .execute(
            r#"
const el = document.querySelector(`[data-testid='${arguments[0]}']`);
if (!el) return [false, false];
const root = document.documentElement;
document.getElementById('screen-body').scrollTop = 0;
const uncovered = (r) => {
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const top = document.elementFromPoint(x, y);
  return !!top && (top === el || el.contains(top));
};
let r = el.getBoundingClientRect();
const atTop = r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= root.clientWidth && uncovered(r);
el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
r = el.getBoundingClientRect();
const reachable = scrollX === 0 && document.getElementById('screen-body').scrollLeft === 0 && r.left >= 0 && r.right <= root.clientWidth && r.top >= 0 && r.bottom <= innerHeight && uncovered(r);
document.getElementById('screen-body').scrollTop = 0;
return [atTop, reachable];
"#,
            vec![testid.into()],
        )
        .await
        .unwrap();
    (v[0].as_bool().unwrap(), v[1].as_bool().unwrap())
}

// ----- keyboard only -----

/// Keys as a keyboard sends them: WebDriver key actions go to whatever has the focus, as a
/// person's key presses do (no element is aimed at, nothing is clicked).
pub async fn press(app: &App, key: char) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    app.client.perform_actions(keys).await.unwrap();
    app.client.release_actions().await.unwrap();
}

/// Shift+Tab.
pub async fn press_shift_tab(app: &App) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    use fantoccini::key::Key;
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down {
            value: Key::Shift.into(),
        })
        .then(KeyAction::Down {
            value: Key::Tab.into(),
        })
        .then(KeyAction::Up {
            value: Key::Tab.into(),
        })
        .then(KeyAction::Up {
            value: Key::Shift.into(),
        });
    app.client.perform_actions(keys).await.unwrap();
    app.client.release_actions().await.unwrap();
}

/// Types `text` key by key into whatever has the focus.
pub async fn type_keys(app: &App, text: &str) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let mut keys = KeyActions::new("keyboard".into());
    for c in text.chars() {
        keys = keys
            .then(KeyAction::Down { value: c })
            .then(KeyAction::Up { value: c });
    }
    app.client.perform_actions(keys).await.unwrap();
    app.client.release_actions().await.unwrap();
}

/// The element that has the focus and whether a person can see it.
#[derive(Debug, Clone)]
pub struct Focus {
    pub testid: Option<String>,
    /// What it is, for messages (`button "Start"`).
    pub what: String,
    /// Inside the window and inside every box that scrolls or clips it.
    pub in_view: bool,
    /// Nothing drawn over it (the button bar, the help bar, a notice).
    pub uncovered: bool,
    /// A focus outline of at least 2 px is drawn (on it, or on the label of a hidden file input).
    pub outline: bool,
}

impl Focus {
    pub fn visible(&self) -> bool {
        self.in_view && self.uncovered && self.outline
    }
}

pub async fn focus(app: &App) -> Focus {
    let v = app
        .client
        .execute(
            r#"
const a = document.activeElement;
if (!a || a === document.body) return { testid: null, what: 'nothing', inView: false, uncovered: false, outline: false };
// A file input is drawn by its label; the label shows the focus.
const target = a.type === 'file' ? (document.querySelector(`label[for="${a.id}"]`) || a) : a;
const r = target.getBoundingClientRect();
const W = document.documentElement.clientWidth, H = document.documentElement.clientHeight;
let inView = r.width > 0 && r.height > 0 && r.top >= -1 && r.left >= -1 && r.bottom <= H + 1 && r.right <= W + 1;
for (let p = target.parentElement; p && p !== document.documentElement; p = p.parentElement) {
  const cs = getComputedStyle(p);
  if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
  const c = p.getBoundingClientRect();
  if (r.top < c.top - 1 || r.bottom > c.bottom + 1 || r.left < c.left - 1 || r.right > c.right + 1) inView = false;
}
// Probe a few points of it: none may be under something else.
const probes = [[0.5, 0.5], [0.15, 0.5], [0.85, 0.5]].map(([fx, fy]) => [r.left + r.width * fx, r.top + Math.min(r.height * fy, r.height - 1)]);
const uncovered = probes.every(([x, y]) => {
  const top = document.elementFromPoint(x, y);
  return !!top && (target.contains(top) || a.contains(top) || top === a || (target !== a && top.contains(a)));
});
const cs = getComputedStyle(target);
const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
const label = (a.textContent || a.value || a.getAttribute('aria-label') || '').trim().slice(0, 40);
return { testid: a.dataset.testid || null, what: `${a.tagName.toLowerCase()} "${label}"`, inView, uncovered, outline };
"#,
            vec![],
        )
        .await
        .unwrap();
    Focus {
        testid: v["testid"].as_str().map(str::to_owned),
        what: v["what"].as_str().unwrap_or_default().to_owned(),
        in_view: v["inView"].as_bool().unwrap_or(false),
        uncovered: v["uncovered"].as_bool().unwrap_or(false),
        outline: v["outline"].as_bool().unwrap_or(false),
    }
}

/// Presses Tab (or Shift+Tab) until the element with this `data-testid` has the focus, checking
/// at every stop on the way that the focused element can be seen. Returns how many presses.
pub async fn tab_to(app: &App, testid: &str, backwards: bool) -> usize {
    let mut path = Vec::new();
    for presses in 1..=40 {
        if backwards {
            press_shift_tab(app).await;
        } else {
            press(app, fantoccini::key::Key::Tab.into()).await;
        }
        let f = focus(app).await;
        assert!(
            f.visible(),
            "focus on {} ({:?}) cannot be seen: in view {}, uncovered {}, outline {}; path {path:?}",
            f.what,
            f.testid,
            f.in_view,
            f.uncovered,
            f.outline
        );
        path.push(f.testid.clone().unwrap_or(f.what.clone()));
        if f.testid.as_deref() == Some(testid) {
            return presses;
        }
    }
    panic!("Tab never reached {testid}: {path:?}")
}

/// Records every text the aria-live region says from now on (a page script watching it).
pub async fn record_announcements(app: &App) {
    app.client
        .execute(
            "if (!window.__said) { window.__said = []; \
               const region = document.getElementById('announcer'); \
               new MutationObserver(() => { const t = region.textContent.trim(); \
                 if (t && window.__said[window.__said.length - 1] !== t) window.__said.push(t); }) \
                 .observe(region, { childList: true, characterData: true, subtree: true }); }",
            vec![],
        )
        .await
        .unwrap();
}

/// What the live region said since the last call (and forgets it).
pub async fn announcements(app: &App) -> Vec<String> {
    app.strings("const s = window.__said || []; window.__said = []; return s;")
        .await
}

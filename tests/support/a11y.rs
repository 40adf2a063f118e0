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
}

impl Audit {
    /// Audits the page as it is now, in English and in German (switched with the page's own
    /// language buttons), and leaves it in English. `state` names the screen and its state,
    /// `screen/state`.
    pub async fn check(&mut self, app: &App, theme: Theme, state: &str) {
        for lang in ["en", "de"] {
            set_language(app, lang).await;
            self.run(app, theme, state, lang).await;
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

    /// Fails on any serious or critical WCAG violation.
    pub fn assert_clean(&self) {
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

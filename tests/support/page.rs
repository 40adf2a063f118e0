//! Reading and using the page through WebDriver by `data-testid`: waiting, text, clicks,
//! typing, focus, the live region, screenshots, and the words the UI shows for a code.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::{elements::Element, Locator};

use crate::{artifacts_dir, workspace_root, App};

impl App {
    /// The support report as the merchant gets it: the Help bar's copy button (`about: None`)
    /// or a Manage card's (`Some(card)`, the card's tag) pressed, then read from the X clipboard.
    /// A marker held there first (by an `xclip` this test starts) tells a fresh copy from the
    /// text of an earlier one.
    pub async fn support_report(&self, about: Option<&str>) -> String {
        const MARKER: &str = "(no support report copied yet)";
        let mut holder = crate::hold_on_clipboard(MARKER);
        let copied = |want_marker: bool| {
            let text = crate::clipboard_text();
            (want_marker == (text.as_deref() == Some(MARKER))).then_some(text)
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while copied(true).is_none() {
            assert!(Instant::now() < deadline, "xclip never held the marker");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let button = match about {
            Some(card) => format!("conn-report-{card}"),
            None => "help-copy-report".to_owned(),
        };
        self.click(&button).await;
        let text = loop {
            if let Some(Some(text)) = copied(false) {
                break text;
            }
            assert!(
                Instant::now() < deadline,
                "{button} did not copy the report"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        // It let go of the clipboard when the app took it; stopped by its PID in any case.
        let _ = holder.kill();
        let _ = holder.wait();
        text
    }

    /// Waits (up to 20 s) for an element matching a CSS selector.
    pub async fn wait_for(&self, css: &str) -> Element {
        self.find_within(css, Duration::from_secs(20))
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
    }

    /// Waits up to `limit` for an element matching `css`. A screen that redraws while it is
    /// looked up (WebKitWebDriver: "stale element") is looked up again.
    async fn find_within(
        &self,
        css: &str,
        limit: Duration,
    ) -> Result<Element, fantoccini::error::CmdError> {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self
                .client
                .wait()
                .at_most(left)
                .for_element(Locator::Css(css))
                .await
            {
                Err(e) if e.to_string().contains("Stale") && Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                other => return other,
            }
        }
    }

    /// Waits for the element with this `data-testid`.
    pub async fn by_testid(&self, id: &str) -> Element {
        self.wait_for(&format!("[data-testid='{id}']")).await
    }

    /// The text of the element with this `data-testid` (read again if the screen redrew it).
    pub async fn text(&self, id: &str) -> String {
        for _ in 0..20 {
            if let Ok(t) = self.by_testid(id).await.text().await {
                return t;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("could not read the text of {id}")
    }

    /// Scrolls the element with this `data-testid` into view inside the screen's scrolling area,
    /// as a user would before using it: WebKitWebDriver scrolls only the page itself, not a box
    /// that scrolls within it, and refuses elements it cannot see ("not interactable").
    pub async fn reveal(&self, id: &str) {
        let _ = self
            .client
            .execute(
                "const n = document.querySelector(`[data-testid='${arguments[0]}']`); \
                 if (n) n.scrollIntoView({ block: 'nearest', inline: 'nearest' });",
                vec![id.into()],
            )
            .await;
    }

    /// Clicks the element with this `data-testid`.
    pub async fn click(&self, id: &str) {
        for _ in 0..20 {
            self.reveal(id).await;
            if self.by_testid(id).await.click().await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("could not click {id}")
    }

    /// Clicks the button once it is enabled: a disabled button takes a WebDriver click without
    /// a word and does nothing (Manage's "Check again" while a check is still running).
    pub async fn click_when_enabled(&self, id: &str) {
        let start = Instant::now();
        while self.attr(id, "disabled").await.is_some() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "{id} stayed disabled"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        if start.elapsed() > Duration::from_millis(50) {
            eprintln!("{id}: enabled after {} ms", start.elapsed().as_millis());
        }
        self.click(id).await;
    }

    /// Waits until the element's text contains `needle`.
    pub async fn wait_text(&self, id: &str, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = self.text(id).await;
            if text.contains(needle) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "{id} never showed {needle:?}; last text: {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves `en-{name}` and `de-{name}`: the same screen, in the same state, in both languages
    /// (switched with the language buttons, then back to English). The redrawn German screen is
    /// scrolled to `scroll` (a `data-testid`) when given, as the English one was.
    pub async fn screenshot_both(&self, name: &str, scroll: Option<&str>) {
        self.screenshot(&format!("en-{name}")).await;
        self.switch_language("de").await;
        if let Some(id) = scroll {
            self.scroll_to(id).await;
        }
        self.screenshot(&format!("de-{name}")).await;
        self.switch_language("en").await;
    }

    /// Presses the language button and waits until the page speaks `lang`.
    pub async fn switch_language(&self, lang: &str) {
        self.click(&format!("lang-{lang}")).await;
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let now = self
                .client
                .execute("return document.documentElement.lang;", vec![])
                .await
                .unwrap();
            if now.as_str() == Some(lang) {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the page never switched to {lang}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // Two frames for the redrawn screen to be painted.
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    /// Brings the element with this `data-testid` into view (for a screenshot of it) the way a
    /// keyboard user would: by focusing its first button (WebKitWebDriver's screenshots follow
    /// focus scrolling, not `scrollIntoView`).
    pub async fn scroll_to(&self, id: &str) {
        self.client
            .execute(
                "const n = document.querySelector(`[data-testid='${arguments[0]}']`); \
                 if (n) { const b = n.querySelector('h2[tabindex], button') || n; \
                 if (document.activeElement) document.activeElement.blur(); b.focus(); }",
                vec![id.into()],
            )
            .await
            .unwrap();
    }

    /// Runs `script` in the page and returns the strings of the array it returns.
    pub async fn strings(&self, script: &str) -> Vec<String> {
        let v = self.client.execute(script, vec![]).await.unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .filter_map(|s| s.as_str().map(str::to_owned))
            .collect()
    }

    /// Saves a PNG of the window's page under `tests/artifacts/` and returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.unwrap();
        assert!(png.starts_with(b"\x89PNG"), "screenshot is not a PNG");
        let path = artifacts_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }
}

impl App {
    /// Whether an element with this `data-testid` is on the page now (no waiting).
    pub async fn exists(&self, id: &str) -> bool {
        self.client
            .find_all(Locator::Css(&format!("[data-testid='{id}']")))
            .await
            .map(|v| !v.is_empty())
            .unwrap_or(false)
    }

    /// Waits (up to `secs`) until an element with this `data-testid` is on the page.
    pub async fn wait_testid(&self, id: &str, secs: u64) -> Element {
        match self
            .find_within(&format!("[data-testid='{id}']"), Duration::from_secs(secs))
            .await
        {
            Ok(e) => e,
            Err(e) => {
                let shot = self.screenshot(&format!("FAILED-{id}")).await;
                let page = self.text("screen").await;
                panic!(
                    "{id} did not appear in {secs} s: {e}\npage: {page}\nscreenshot: {}",
                    shot.display()
                )
            }
        }
    }

    /// Replaces the text of an input with `text`, as typed.
    pub async fn type_into(&self, id: &str, text: &str) {
        let input = self.by_testid(id).await;
        self.reveal(id).await;
        input.clear().await.unwrap();
        if !text.is_empty() {
            input.send_keys(text).await.unwrap();
        }
    }

    /// The value of an input.
    pub async fn value(&self, id: &str) -> String {
        self.by_testid(id)
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    /// An attribute of the element with this `data-testid`.
    pub async fn attr(&self, id: &str, name: &str) -> Option<String> {
        let v = self
            .client
            .execute(
                "const n = document.querySelector(`[data-testid='${arguments[0]}']`); \
                 return n ? n.getAttribute(arguments[1]) : null;",
                vec![id.into(), name.into()],
            )
            .await
            .unwrap();
        v.as_str().map(str::to_owned)
    }

    /// Waits until the element's attribute equals `want`.
    pub async fn wait_attr(&self, id: &str, name: &str, want: &str, secs: u64) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let got = if self.exists(id).await {
                self.attr(id, name).await
            } else {
                None
            };
            if got.as_deref() == Some(want) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{id}[{name}] never became {want:?}; last {got:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// What the aria-live region says now.
    pub async fn announcer(&self) -> String {
        self.attr_text("announcer").await
    }

    /// Waits until the aria-live region has said `needle`.
    pub async fn wait_announced(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let said = self.announcer().await;
            if said.contains(needle) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the announcer never said {needle:?}; last {said:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The text content of an element, visible or not (e.g. the visually hidden announcer).
    pub async fn attr_text(&self, id: &str) -> String {
        let v = self
            .client
            .execute(
                "const n = document.querySelector(`[data-testid='${arguments[0]}']`); \
                 return n ? n.textContent : null;",
                vec![id.into()],
            )
            .await
            .unwrap();
        v.as_str().unwrap_or_default().to_owned()
    }

    /// The `data-testid` of the element that has the keyboard focus.
    pub async fn focused_testid(&self) -> Option<String> {
        let v = self
            .client
            .execute(
                "return document.activeElement && document.activeElement.dataset.testid || null;",
                vec![],
            )
            .await
            .unwrap();
        v.as_str().map(str::to_owned)
    }

    /// Waits for the screen whose heading has this `data-testid`, and checks that the keyboard
    /// focus moved to it.
    pub async fn wait_screen(&self, heading: &str) {
        self.wait_testid(heading, 30).await;
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.focused_testid().await.as_deref() != Some(heading) {
            assert!(
                Instant::now() < deadline,
                "focus did not move to {heading}: {:?}",
                self.focused_testid().await
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Asserts that no loopback address (the practice world's) is shown as the workspace.
    pub async fn assert_no_loopback_shown(&self) {
        // The merchant knows the workspace as `acme.actindo.com`; the practice world's loopback
        // address is for requests and the support report. The Redirect URI Core1's app
        // registration needs typed exactly is the one loopback address a page names.
        let mut text = format!(
            "{}\n{}",
            self.text("screen").await,
            self.attr_text("notices").await
        );
        if self.exists("core1-reg-values").await {
            text = text.replace(&self.text("core1-reg-values").await, "");
        }
        for bad in ["127.0.0.1", "localhost", "/core1/"] {
            assert!(!text.contains(bad), "the page shows {bad:?}: {text}");
        }
    }

    /// Asserts that no error code leaks as text onto the page.
    pub async fn assert_no_codes_shown(&self) {
        // BigCommerce's own field names are quoted so the merchant can find them, and so are the
        // values Core1's app registration form needs typed exactly (its client ID, Redirect URI).
        let mut text = self
            .text("screen")
            .await
            .replace("Access token", "")
            .replace("API token", "");
        if self.exists("core1-reg-values").await {
            text = text.replace(&self.text("core1-reg-values").await, "");
        }
        for bad in [
            "_", "OAuth", "token", "HTTP", "JSON", "callback", "redirect",
        ] {
            assert!(!text.contains(bad), "the page shows {bad:?}: {text}");
        }
    }
}

/// The English words the UI shows for an error code (`errors.<code>.text` + `.next`).
pub fn english_words(code: &str) -> (String, String) {
    let path = workspace_root().join("ui/locales/en.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let e = &v["errors"][code];
    (
        e["text"].as_str().unwrap().to_owned(),
        e["next"].as_str().unwrap().to_owned(),
    )
}

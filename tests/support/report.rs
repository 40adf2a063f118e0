//! The onboarding report as a person meets it: saved through the app's real save dialog (GTK's,
//! answered with the keyboard through `xdotool`, as a person would press Enter on the suggested
//! name), opened "in the browser" (a recorder registered for HTML files in the test's home), then
//! read in a real browser engine — Debian's Chromium, headless, through chromedriver — with
//! axe-core, and printed to PDF on A4 and Letter (pages counted with `pdfinfo`, read with
//! `pdftotext`, drawn with `pdftoppm` for people to look at).
//!
//! Why the dialog is driven, not bypassed: the save dialog is the part a merchant meets (its
//! folder, its suggested name, Enter to save), and a test-only path in the app would leave the
//! plugin's wiring and the Documents default untested. The window is found by its title (the
//! page's words for "Save the onboarding report") and given the keyboard focus first.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::{PrintConfiguration, PrintSize};
use fantoccini::ClientBuilder;

use crate::{artifacts_dir, free_port, workspace_root, App};

/// The Documents folder the app's save dialog starts in (`XDG_DOCUMENTS_DIR` of the test's home,
/// set up by [`App::launch`]).
pub fn documents_dir(home: &Path) -> PathBuf {
    home.join("Documents")
}

/// Makes `home/Documents` the XDG documents folder (read from `XDG_CONFIG_HOME/user-dirs.dirs`,
/// as on a desktop).
pub fn make_documents_dir(home: &Path) {
    std::fs::create_dir_all(documents_dir(home)).unwrap();
    std::fs::write(
        home.join("config/user-dirs.dirs"),
        format!("XDG_DOCUMENTS_DIR=\"{}\"\n", documents_dir(home).display()),
    )
    .unwrap();
}

/// The files the system "browser" was asked to open as HTML documents in this home, once there
/// are `n` (waiting up to 10 s: the app starts the browser and does not wait for it).
pub async fn opened_files(home: &Path, n: usize) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let opened: Vec<String> = std::fs::read_to_string(home.join("opened.txt"))
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect();
        if opened.len() >= n || Instant::now() > deadline {
            return opened;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Runs `xdotool` with `args` (waiting at most 20 s), its output.
fn xdotool(args: &[&str]) -> String {
    let out = Command::new("timeout")
        .arg("20")
        .arg("xdotool")
        .args(args)
        .output()
        .expect("xdotool is installed");
    assert!(out.status.success(), "xdotool {args:?} failed: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

impl App {
    /// Clicks the "Save the onboarding report" button `button`, answers the save dialog titled
    /// `title` with Enter (after typing `name` over the suggested one, when given), waits for the
    /// page's `message`, and returns the file the app wrote (the newest in Documents).
    pub async fn save_report(
        &self,
        button: &str,
        title: &str,
        name: Option<&str>,
        message: &str,
    ) -> PathBuf {
        let started = Instant::now();
        self.click(button).await;
        let window = xdotool(&["search", "--sync", "--onlyvisible", "--name", title]);
        let window = window
            .lines()
            .last()
            .expect("the save dialog opened")
            .trim()
            .to_owned();
        xdotool(&["windowfocus", "--sync", &window]);
        // GTK puts the focus in the name field with the name (without its ending) selected.
        tokio::time::sleep(Duration::from_millis(300)).await;
        if let Some(name) = name {
            xdotool(&["key", "--clearmodifiers", "ctrl+a"]);
            xdotool(&["type", "--delay", "15", name]);
        }
        xdotool(&["key", "--clearmodifiers", "Return"]);
        self.wait_testid(message, 30).await;
        let mut html: Vec<(std::time::SystemTime, PathBuf)> =
            std::fs::read_dir(documents_dir(&self.home))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "html"))
                .map(|p| (p.metadata().unwrap().modified().unwrap(), p))
                .collect();
        html.sort();
        println!(
            "report: saved through the dialog in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        html.pop().expect("a report in Documents").1
    }
}

impl App {
    /// Saves the report from Status in English under the suggested name ([`App::save_report`]).
    pub async fn save_status_report(&self) -> PathBuf {
        self.save_report(
            "status-report-save",
            "Save the onboarding report",
            None,
            "status-report-message",
        )
        .await
    }
}

/// One printing of the report.
pub struct Printed {
    pub pages: u32,
    /// `pdfinfo`'s page size line, e.g. `595.276 x 841.89 pts (A4)`.
    pub size: String,
    /// Each page's text (`pdftotext`).
    pub texts: Vec<String>,
    /// Each page as a PNG under `tests/artifacts/`.
    pub pngs: Vec<PathBuf>,
}

/// What the browser engine made of the report.
pub struct InBrowser {
    /// axe-core's serious and critical violations (WCAG 2.x A/AA), `rule: nodes`.
    pub serious: Vec<String>,
    /// Every violation of any impact (best practice too), for the printout.
    pub all: Vec<String>,
    pub a4: Printed,
    pub letter: Printed,
}

/// Opens each of `reports` (file, name) in one headless Chromium (a profile folder of its own),
/// audits it with axe-core and prints it on A4 and Letter; the name names the artifacts
/// (`report-{name}-a4-{n}.png`, …).
pub async fn in_chromium(reports: &[(&Path, &str)]) -> Vec<InBrowser> {
    let profile = tempfile::tempdir().unwrap();
    let port = free_port();
    let _driver = ChildGuard(
        Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (Debian's chromium-driver) is installed"),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let caps = serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
                format!("--user-data-dir={}", profile.path().display()),
            ],
        },
    });
    let client = ClientBuilder::rustls()
        .unwrap()
        .capabilities(caps.as_object().unwrap().clone())
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a Chromium session");
    let mut seen = Vec::new();
    for (report, name) in reports {
        let url = url::Url::from_file_path(report).unwrap();
        client.goto(url.as_str()).await.unwrap();
        let (serious, all) = axe(&client).await;
        let print = |size: PrintSize, paper: &'static str| {
            let client = &client;
            async move {
                let pdf = client
                    .print(PrintConfiguration::builder().size(size).build().unwrap())
                    .await
                    .expect("printed");
                let path = artifacts_dir().join(format!("report-{name}-{paper}.pdf"));
                std::fs::write(&path, pdf).unwrap();
                pdf_pages(&path, &format!("report-{name}-{paper}"))
            }
        };
        let a4 = print(PrintSize::A4, "a4").await;
        let letter = print(PrintSize::US_LETTER, "letter").await;
        seen.push(InBrowser {
            serious,
            all,
            a4,
            letter,
        });
    }
    client.close().await.unwrap();
    seen
}

/// Kills the child it holds when dropped (a failed assertion included), by its PID.
struct ChildGuard(Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// axe-core in the page: (serious or critical WCAG A/AA violations, every violation).
async fn axe(client: &fantoccini::Client) -> (Vec<String>, Vec<String>) {
    let axe_js = std::env::var("AXE_CORE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| workspace_root().join("target/tools/node_modules/axe-core/axe.min.js"));
    let source = std::fs::read_to_string(&axe_js)
        .unwrap_or_else(|e| panic!("{}: {e} (bootstrap_axe_core installs it)", axe_js.display()));
    client
        .execute(
            &format!("var module=undefined, exports=undefined, define=undefined;\n{source}\nreturn typeof axe;"),
            vec![],
        )
        .await
        .unwrap();
    let out = client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }) \
               .then((r) => done(JSON.stringify(r.violations.map((v) => ({ id: v.id, impact: v.impact, \
                  wcag: v.tags.some((t) => t.startsWith('wcag2')), \
                  nodes: v.nodes.map((n) => n.target.join(' ')).join(', ') })))), \
                     (e) => done(JSON.stringify([{ id: 'axe-error', impact: 'critical', wcag: true, nodes: String(e) }])));",
            vec![],
        )
        .await
        .unwrap();
    let found: Vec<serde_json::Value> = serde_json::from_str(out.as_str().unwrap()).unwrap();
    let line = |v: &serde_json::Value| format!("{} ({}): {}", v["id"], v["impact"], v["nodes"]);
    let serious = found
        .iter()
        .filter(|v| {
            v["wcag"] == true && matches!(v["impact"].as_str(), Some("serious" | "critical"))
        })
        .map(line)
        .collect();
    (serious, found.iter().map(line).collect())
}

/// `pdfinfo`'s pages and size, each page's text, and each page drawn (`{stem}-{n}.png`).
fn pdf_pages(pdf: &Path, stem: &str) -> Printed {
    let run = |cmd: &str, args: &[&str]| {
        let out = Command::new(cmd)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{cmd} (poppler-utils): {e}"));
        assert!(out.status.success(), "{cmd} {args:?}: {out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let pdf_s = pdf.to_str().unwrap();
    let info = run("pdfinfo", &[pdf_s]);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let pages: u32 = field("Pages:").parse().unwrap();
    let texts = (1..=pages)
        .map(|n| {
            let n = n.to_string();
            run("pdftotext", &["-f", &n, "-l", &n, "-layout", pdf_s, "-"])
        })
        .collect();
    let prefix = artifacts_dir().join(stem);
    let old = |p: &PathBuf| {
        p.file_name()
            .and_then(|f| f.to_str())
            .is_some_and(|f| f.starts_with(&format!("{stem}-")) && f.ends_with(".png"))
    };
    for p in std::fs::read_dir(artifacts_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
    {
        if old(&p) {
            std::fs::remove_file(p).unwrap();
        }
    }
    run(
        "pdftoppm",
        &["-r", "70", "-png", pdf_s, prefix.to_str().unwrap()],
    );
    let mut pngs: Vec<PathBuf> = std::fs::read_dir(artifacts_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(old)
        .collect();
    pngs.sort();
    Printed {
        pages,
        size: field("Page size:"),
        texts,
        pngs,
    }
}

/// Each report (file, name, the word marking practice or none, its closing words) in Chromium
/// ([`in_chromium`]): 0 serious or critical accessibility violations; printed on A4 and Letter
/// over 2 pages or more, each page marked with the practice word (or, without one, no page
/// marked in either language), the last one ending with the closing words. Prints the figures;
/// returns the seconds it took.
pub async fn reports_in_browser(reports: &[(&Path, &str, Option<&str>, &str)]) -> f64 {
    let started = Instant::now();
    let files: Vec<(&Path, &str)> = reports.iter().map(|r| (r.0, r.1)).collect();
    let seen = in_chromium(&files).await;
    for ((file, name, practice, footer), b) in reports.iter().zip(seen) {
        println!(
            "report {name}: {} bytes; A4 {} pages ({}), Letter {} pages ({}); axe: {} violations of any impact {:?}",
            std::fs::metadata(file).unwrap().len(),
            b.a4.pages,
            b.a4.size,
            b.letter.pages,
            b.letter.size,
            b.all.len(),
            b.all
        );
        assert!(b.serious.is_empty(), "{name}: {:?}", b.serious);
        for (paper, printed, size) in [("A4", &b.a4, "A4"), ("Letter", &b.letter, "letter")] {
            assert!(
                printed.pages >= 2,
                "{name} on {paper}: {} page(s)",
                printed.pages
            );
            assert!(printed.size.contains(size), "{name}: {}", printed.size);
            assert_eq!(printed.pngs.len() as u32, printed.pages);
            for (n, text) in printed.texts.iter().enumerate() {
                match practice {
                    Some(word) => {
                        assert!(
                            text.contains(word),
                            "{name} {paper} page {}: not marked",
                            n + 1
                        )
                    }
                    None => assert!(
                        !text.contains("PRACTICE") && !text.contains("ÜBUNG"),
                        "{name} {paper} page {}: marked as practice",
                        n + 1
                    ),
                }
            }
            let last = printed.texts.last().unwrap();
            assert!(
                last.contains(footer),
                "{name} {paper}: the last page ends the report"
            );
        }
    }
    started.elapsed().as_secs_f64()
}

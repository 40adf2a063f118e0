//! The Welcome screen as a merchant first meets it, in English and German.

use setup_e2e::{
    a11y, artifacts_dir, confirm_store, keyring_items, launcher_startup_wm_class, native_wm_class,
    opened_files, register_with, reports_in_browser, robot_binary, App, Launch,
};

#[tokio::test(flavor = "multi_thread")]
async fn welcome_renders_and_switches_to_german() {
    let app = App::launch(Launch {
        args: vec!["--demo".into()],
        env: vec![("LANG".into(), "en_US.UTF-8".into())],
        ..Launch::default()
    })
    .await;

    assert_eq!(
        app.text("welcome-title").await,
        "Connect your BigCommerce store to Core1"
    );
    let steps = app.text("welcome-steps").await;
    // The order of the real roads: workspace, Core1, then the connector app in BigCommerce.
    let at = |needle: &str| {
        steps
            .find(needle)
            .unwrap_or_else(|| panic!("{needle}: {steps}"))
    };
    assert!(at("workspace") < at("sign in to Core1"), "{steps}");
    assert!(at("sign in to Core1") < at("connector app"), "{steps}");
    assert!(app.text("welcome-needs").await.contains("About 10 minutes"));
    assert_eq!(app.text("welcome-start").await, "Start");
    assert!(app.text("practice-badge").await.contains("Practice mode"));
    let stepper = app.text("stepper").await;
    let mut last = 0;
    for label in [
        "Welcome",
        "Workspace",
        "Core1 sign-in",
        "BigCommerce",
        "Status",
    ] {
        let at = stepper
            .find(label)
            .unwrap_or_else(|| panic!("stepper lacks {label}: {stepper}"));
        assert!(at >= last, "{label} out of order: {stepper}");
        last = at;
    }
    assert!(!stepper.contains("Connect"), "{stepper}");
    // The window opens hidden and is shown when the first screen is drawn: the page never
    // becomes visible before it has something to show (an empty first paint, seen on a first
    // launch with cold caches).
    let marks = app
        .client
        .execute(
            "return performance.getEntriesByType('mark').map(e => [e.name, e.startTime]);",
            vec![],
        )
        .await
        .unwrap();
    let marks: Vec<(String, f64)> = serde_json::from_value(marks).unwrap();
    eprintln!("start-up marks (ms after navigation): {marks:?}");
    let at = |name: &str| {
        marks
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| *t)
            .unwrap_or_else(|| panic!("no {name} mark: {marks:?}"))
    };
    assert!(
        at("visible") >= at("drawn"),
        "visible before drawn: {marks:?}"
    );
    // Nobody scrolled: the first screen is shown from its top (the hidden window's other layout
    // once left Welcome scrolled so far that its card's top edge was cut off).
    let scrolled = app
        .client
        .execute(
            "return document.getElementById('screen-body').scrollTop;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(scrolled.as_f64(), Some(0.0), "Welcome shown scrolled");
    app.screenshot("welcome-en").await;

    app.click("lang-de").await;
    app.wait_text(
        "welcome-title",
        "Ihren BigCommerce-Shop mit Core1 verbinden",
    )
    .await;
    assert_eq!(app.text("welcome-start").await, "Starten");
    assert!(app.text("stepper").await.contains("Willkommen"));
    app.screenshot("welcome-de").await;

    // The window shows only the app's own pages: a page script sending it elsewhere is stopped.
    let home = app.client.current_url().await.unwrap();
    assert_eq!(home.scheme(), "tauri");
    for target in [
        "https://evil.example/",
        "http://127.0.0.1:9/",
        "about:blank",
    ] {
        app.client
            .execute("window.location.href = arguments[0];", vec![target.into()])
            .await
            .unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let here = app.client.current_url().await.unwrap();
        assert_eq!(here, home, "after {target}");
        assert_eq!(
            app.text("welcome-title").await,
            "Ihren BigCommerce-Shop mit Core1 verbinden"
        );
    }
    app.close().await;
}

/// A dock groups the window with its launcher (and shows the launcher's name and icon) only
/// when the launcher's `StartupWMClass` is the window's WM_CLASS, which GTK takes from the
/// binary's name. Run against the installed app too (tests/support/installed-smoke.sh), with
/// the launcher the .deb installed.
#[tokio::test(flavor = "multi_thread")]
async fn the_window_class_is_the_launchers_startup_wm_class() {
    let app = App::launch(Launch {
        args: vec!["--demo".into()],
        env: vec![("LANG".into(), "en_US.UTF-8".into())],
        ..Launch::default()
    })
    .await;
    let title = "Core1 BigCommerce Setup — Welcome";
    assert_eq!(a11y::wait_native_title(title).await, title);
    let (instance, class) = native_wm_class(title).expect("the window has a WM_CLASS");
    let wanted = launcher_startup_wm_class();
    assert_eq!(
        instance, wanted,
        "WM_CLASS is ({instance}, {class}); the launcher's StartupWMClass is {wanted}"
    );
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn welcome_follows_a_german_os() {
    let app = App::launch(Launch {
        args: vec!["--demo".into()],
        env: vec![
            ("LANG".into(), "de_DE.UTF-8".into()),
            ("LC_ALL".into(), "de_DE.UTF-8".into()),
        ],
        ..Launch::default()
    })
    .await;
    assert_eq!(
        app.text("welcome-title").await,
        "Ihren BigCommerce-Shop mit Core1 verbinden"
    );
    app.close().await;
}

/// The README's run command: `--demo` walks road 1 end to end against the built-in practice
/// sandbox (its own pacing), the robot playing the merchant's browser: the one-time app
/// registration in the practice Core1 (practice mode prefills none), the sign-in, the name
/// copied and pasted into the connector from the X clipboard, "Is this your store?", Active;
/// practice leaves nothing in the keyring. The consultant hands over the onboarding report,
/// marked as practice on every printed page. Practice persists: closed and started again, the
/// assistant opens Manage with the connection healthy and the practice pages still open in the
/// browser still answer, signed in; "Start practice over" forgets it all and is back on Welcome.
#[tokio::test(flavor = "multi_thread")]
async fn practice_mode_walks_road_1_to_active() {
    let browser = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let task = browser.path().join("registration.json");
    let secret = browser.path().join("secret.txt");
    let cookies = browser.path().join("cookies.json");
    let log = browser.path().join("app.log");
    let launch = || Launch {
        args: vec!["--demo".into()],
        home: Some(home.path().to_path_buf()),
        output: Some(log.clone()),
        env: vec![
            ("LANG".into(), "en_US.UTF-8".into()),
            ("BROWSER".into(), robot_binary().display().to_string()),
            ("ROBOT_COOKIES".into(), cookies.display().to_string()),
            ("ROBOT_PASTE".into(), "clipboard".into()),
            ("ROBOT_REGISTRATION_FILE".into(), task.display().to_string()),
            (
                "ROBOT_LOG".into(),
                artifacts_dir().join("robot-demo.log").display().to_string(),
            ),
        ],
    };
    let app = App::launch(launch()).await;
    app.wait_screen("welcome-title").await;
    assert!(app
        .text("welcome-practice")
        .await
        .contains("Start practice over"));
    app.screenshot("en-welcome-practice").await;
    app.click("welcome-start").await;
    app.wait_screen("ws-title").await;
    assert_eq!(
        app.value("ws-input").await,
        "practice",
        "prefilled in practice mode"
    );
    app.wait_text("ws-preview-url", "practice.actindo.com")
        .await;
    assert!(
        app.exists("ws-preview-url-practice").await,
        "marked practice"
    );
    // Nobody filled it in but the practice world, and the words say so, until a key is typed.
    assert_eq!(
        app.attr("ws-prefilled", "data-by").await.as_deref(),
        Some("practice")
    );
    app.assert_no_loopback_shown().await;
    app.type_into("ws-input", "practice").await;
    assert!(!app.exists("ws-prefilled").await, "the hint outlived a key");
    app.click("ws-continue").await;
    app.wait_screen("core1-title").await;
    app.assert_no_loopback_shown().await;
    assert!(app.exists("core1-workspace-practice").await);
    register_with(
        &app,
        &task,
        &secret,
        "http://127.0.0.1:28417/core1/callback",
    )
    .await;
    app.click("core1-sign-in").await;
    app.wait_screen("bc-title").await;
    assert!(
        app.exists("bc-open-connector").await,
        "road 1 is the default"
    );
    assert!(!app.exists("bc-use-own-app").await, "no road 3 in practice");
    assert_eq!(app.text("bc-workspace-url").await, "practice");
    app.assert_no_loopback_shown().await;
    if app.exists("bc-workspace-line").await {
        assert!(app.exists("bc-workspace-practice").await);
    }
    app.click("bc-copy-workspace").await;
    app.wait_text("bc-copy-workspace", "✓").await;
    app.click("bc-open-connector").await;
    confirm_store(&app, "abc123").await;
    app.wait_attr("status-badge", "data-phase", "active", 90)
        .await;
    app.assert_no_loopback_shown().await;
    // Signed in to Core1 for the session, yet nothing in the keyring, then or after.
    assert_eq!(
        keyring_items(PRACTICE_KEYRING_SERVICE),
        0,
        "while practising"
    );
    let report = app.save_status_report().await;
    assert_eq!(opened_files(&app.home, 1).await.len(), 1);
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("<dd data-fact=\"road\">Actindo's connector app</dd>"));
    assert!(html.contains("Casey Consultant (consultant@example.com)"));
    let secs =
        reports_in_browser(&[(&report, "practice-en", Some("PRACTICE"), "no password")]).await;
    println!("report: the practice report in Chromium {secs:.1} s");
    app.click("status-finish").await;
    app.wait_screen("manage-title").await;
    app.close().await;
    assert_eq!(keyring_items(PRACTICE_KEYRING_SERVICE), 0, "after practice");

    // The next day: the assistant opens Manage, the connection healthy.
    let relaunched = std::time::Instant::now();
    let app = App::launch(launch()).await;
    app.wait_screen("manage-title").await;
    let health = first_testid(&app, "conn-health-").await;
    app.wait_attr(&health, "data-attention", "false", 60).await;
    println!(
        "practice relaunched into a healthy Manage in {:.1} s",
        relaunched.elapsed().as_secs_f64()
    );
    app.screenshot("en-practice-manage-relaunched").await;
    // The practice pages still open in the browser answer, still signed in: the robot with
    // the same cookies and a wrong password reaches the marketplace (it would have to sign in
    // otherwise, and fail).
    let folder = practice_folder(home.path());
    let world: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("world.json")).unwrap()).unwrap();
    let marketplace = format!(
        "http://127.0.0.1:{}/bc-login/deep-links/manage/marketplace/apps",
        world["port"]
    );
    let browsed = setup_sandbox::robot::run(
        &marketplace,
        &setup_sandbox::robot::RobotOptions {
            bc_password: "not-the-password".into(),
            app_name: "An app nobody made".into(),
            cookie_file: Some(cookies.clone()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        browsed.stop,
        setup_sandbox::robot::RobotStop::AppNotFound,
        "{browsed:?}"
    );
    // The practice sign-ins are in their own file, nowhere else on this computer's disk.
    let sign_ins: std::collections::BTreeMap<String, String> =
        serde_json::from_slice(&std::fs::read(folder.join("sign-ins.json")).unwrap()).unwrap();
    assert!(!sign_ins.is_empty());
    let progress = std::fs::read_to_string(folder.join("progress.json")).unwrap();
    let page: String = app
        .client
        .execute("return document.documentElement.outerHTML;", vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(
        logged.contains("practice sandbox at"),
        "the app's own log was read"
    );
    for value in sign_ins.values() {
        assert!(
            !progress.contains(value.as_str()),
            "a practice secret in the progress file"
        );
        assert!(
            !page.contains(value.as_str()),
            "a practice secret in the page"
        );
        assert!(
            !logged.contains(value.as_str()),
            "a practice secret in the app's log"
        );
    }
    assert_eq!(
        keyring_items(PRACTICE_KEYRING_SERVICE),
        0,
        "practice resumed"
    );

    // Start practice over: a question first, then everything practice is forgotten.
    app.click("practice-start-over").await;
    app.wait_testid("practice-start-over-confirm", 5).await;
    app.screenshot("en-practice-start-over").await;
    app.click("practice-start-over-no").await;
    assert!(!app.exists("practice-start-over-confirm").await);
    app.click("practice-start-over").await;
    app.click("practice-start-over-yes").await;
    app.wait_screen("welcome-title").await;
    assert!(
        !folder.join("sign-ins.json").exists(),
        "the practice sign-ins are gone"
    );
    let world = std::fs::read_to_string(folder.join("world.json")).unwrap();
    for value in sign_ins.values() {
        assert!(
            !world.contains(value.as_str()),
            "the practice world forgot what it issued"
        );
    }
    app.close().await;
    let app = App::launch(launch()).await;
    app.wait_screen("welcome-title").await;
    app.close().await;
}

/// The practice folder under the app's data folder in `home`.
fn practice_folder(home: &std::path::Path) -> std::path::PathBuf {
    home.join("data/io.core1setup.bigcommerce/practice")
}

/// The `data-testid` of the first element whose one begins with `prefix` (waits up to 30 s).
async fn first_testid(app: &App, prefix: &str) -> String {
    let script = "const e = document.querySelector(`[data-testid^='${arguments[0]}']`); \
                  return e ? e.dataset.testid : null;";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let found = app.client.execute(script, vec![prefix.into()]).await;
        if let Some(id) = found.ok().as_ref().and_then(|v| v.as_str()) {
            return id.to_owned();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no {prefix}… on the page"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The keyring service practice used before it kept its secrets in memory.
const PRACTICE_KEYRING_SERVICE: &str = "core1-bigcommerce-setup-demo";

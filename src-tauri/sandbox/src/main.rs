//! `sandbox [--port N] [--fast]` — runs the practice BigCommerce (control panel, marketplace,
//! API), Actindo's connector app and Core1 world on 127.0.0.1 until Ctrl-C, printing its URLs,
//! seeded accounts and how to inject faults.

use setup_sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str = "usage: sandbox [--port N] [--fast] [--core1-registration REDIRECT_URI]\n  --port N  listen on 127.0.0.1:N (default: a free port)\n  --fast    connection lifecycle phases of 200 ms and an order import every 300 ms instead of seconds and a minute\n  --core1-registration REDIRECT_URI\n            every workspace already knows the wizard's app registration with this Redirect URI\n            (a consultant rehearsing skips the guided registration; the banner prints its secret)";

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("setup_sandbox=info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let mut port = 0u16;
    let mut config = SandboxConfig::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => match args.next().and_then(|p| p.parse().ok()) {
                Some(p) => port = p,
                None => {
                    eprintln!("{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--fast" => {
                let registrations = std::mem::take(&mut config.core1.registrations);
                config = SandboxConfig::fast(Duration::from_millis(200));
                config.core1.registrations = registrations;
            }
            "--core1-registration" => match args.next() {
                Some(uri) => config = config.with_core1_registration(&uri),
                None => {
                    eprintln!("{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let sandbox = match Sandbox::start_on_port(config, port).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("sandbox: {e}");
            return ExitCode::from(1);
        }
    };
    print_banner(&sandbox);
    let _ = tokio::signal::ctrl_c().await;
    println!("\nstopping the sandbox");
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}

fn print_banner(s: &SandboxHandle) {
    let c = s.config();
    let base = s.base_url();
    let connector = &c.bigcommerce.connector;
    let partner = &c.bigcommerce.app;
    println!("Practice sandbox (BigCommerce + Actindo connector + Core1) listening on {base}\n");
    println!(
        "BigCommerce (stand-in for https://login.bigcommerce.com and https://api.bigcommerce.com)"
    );
    println!("  login host     {}", s.bc_login_base());
    println!("  API host       {}", s.bc_api_base());
    for a in &c.bigcommerce.accounts {
        println!(
            "  login          {} / {}  (stores: {})",
            a.email,
            a.password,
            a.stores.join(", ")
        );
    }
    for st in &c.bigcommerce.stores {
        println!(
            "  store          {} \"{}\"  {}/stores/{}/v2/store",
            st.hash,
            st.name,
            s.bc_api_base(),
            st.hash
        );
    }
    println!("\nControl panel (deep links open it after login)");
    println!("  marketplace    {}", s.marketplace_url());
    println!("  connector      {}", s.connector_listing_url());
    println!("  my apps        {}", s.my_apps_url());
    println!("  API accounts   {}", s.api_accounts_url());
    println!(
        "  API probes     {}/stores/<hash>/v3/catalog/products?limit=1, …/v2/orders/count, …/v3/customers, …/v3/inventory/items, …/v3/channels, …/v3/channels/1/listings, …/v3/catalog/summary, …/v3/catalog/categories",
        s.bc_api_base()
    );
    println!(
        "\nRoad 1: Actindo's connector app \"{}\" (a marketplace app)",
        connector.name
    );
    println!("  app            {}", s.connector_url());
    println!("  install link   {}", s.connector_install_url());
    println!("  client id      {}", connector.client_id);
    println!(
        "  auth callback  {}  (own origin only; a loopback callback is refused)",
        s.app_callback(&connector.client_id).unwrap_or_default()
    );
    println!("\nRoad 3: the loopback partner app (rehearsal only; not how real BigCommerce works)");
    println!("  install link   {}", s.bc_install_url());
    println!("  client id      {}", partner.client_id);
    println!("  client secret  {}", partner.client_secret);
    println!(
        "  callback       {} (exact match required)",
        s.bc_callback()
    );
    println!("\nCore1 (stand-in for https://NAME.actindo.com)");
    for w in &c.core1.workspaces {
        println!("  workspace      {w:<10} {}", s.core1_workspace_url(w));
    }
    for u in &c.core1.users {
        println!("  user           {} / {}", u.email, u.password);
    }
    if c.core1.registrations.is_empty() {
        println!("  app registrations: none (register the wizard in Dev Tools › API › App registrations)");
    }
    for r in &c.core1.registrations {
        println!(
            "  registration   {} \"{}\" → {} (client secret {} in a setup file's \"core1\": {{\"client_secret\": …}})",
            r.client_id, r.name, r.redirect_uri, r.client_secret
        );
    }
    println!(
        "  order import   every {:?} (a revoked token fails the connection then)",
        c.core1.lifecycle.scheduled_import
    );
    println!(
        "\nControl API    {}/  (faults, secrets, uninstall, API accounts, seeded connections, freeze, reset)",
        s.control_url()
    );
    println!("  e.g. next BigCommerce API call fails with 503:");
    println!(
        "  curl -X POST {}/faults -H 'content-type: application/json' -d '{{\"fault\":{{\"kind\":\"server_error\",\"status\":503,\"area\":\"bc-api\"}},\"count\":1}}'",
        s.control_url()
    );
    println!("  freeze workspace acme:");
    println!(
        "  curl -X POST {}/core1/acme/freeze -H 'content-type: application/json' -d '{{\"frozen\":true}}'",
        s.control_url()
    );
    println!("\nBrowser robot  browser-robot URL  (ROBOT_WORKSPACE=… or ROBOT_WORKSPACE_FILE=…, ROBOT_COOKIES=…, ROBOT_APP_NAME, ROBOT_ACTION, ROBOT_LOG)");
    println!("\nPress Ctrl-C to stop.");
}

//! `browser-robot URL` — plays the system browser and the person at it (use it as `$BROWSER`):
//! signs in with the seeded accounts, finds the app in the marketplace, Install, Confirm (or
//! Cancel with `ROBOT_ACTION=cancel`), types the workspace into the connector and presses START
//! SETUP, or follows the redirects to the app's loopback callback, or registers an app in
//! Core1's Dev Tools when given the task. Only ever talks to the local
//! machine. Environment: see `setup_sandbox::robot`.
//!
//! Prints the last page's status and URL, its text, and `outcome: …`. Exits 0 wherever the person
//! stopped (a callback, "BigCommerce connected", nothing to paste yet, an error page): a browser
//! does not fail because of the page it shows, and `xdg-open` runs the next browser it knows
//! (`$BROWSER` after the default handler) when one exits non-zero — a second robot that would
//! install the app again behind the test's back. 1 when it could not browse at all, 2 on bad
//! arguments.

use setup_sandbox::robot::{self, RobotOptions};
use std::process::ExitCode;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(url), None) = (args.next(), args.next()) else {
        eprintln!("usage: browser-robot URL");
        return ExitCode::from(2);
    };
    match robot::run(&url, &RobotOptions::from_env()).await {
        Ok(outcome) => {
            println!("{} {}", outcome.status, outcome.final_url);
            println!("{}", outcome.text);
            println!("outcome: {:?}", outcome.stop);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("browser-robot: {e}");
            ExitCode::from(1)
        }
    }
}

//! `browser-robot URL` — plays the system browser and the person at it (use it as `$BROWSER`):
//! signs in with the seeded accounts, finds the app in the marketplace, Install, Confirm (or
//! Cancel with `ROBOT_ACTION=cancel`), types the workspace into the connector and presses START
//! SETUP, or follows the redirects to the app's loopback callback, or registers an app in
//! Core1's Dev Tools when given the task. Only ever talks to the local
//! machine. Environment: see `setup_sandbox::robot`.
//!
//! Prints the last page's status and URL, its text, and `outcome: …`; exits 0 when it reached a
//! callback or "BigCommerce connected", 1 on anything else, 2 on bad arguments.

use setup_sandbox::robot::{self, RobotOptions, RobotStop};
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
            match outcome.stop {
                RobotStop::Callback
                | RobotStop::ConnectorConnected
                | RobotStop::RegistrationSaved => ExitCode::SUCCESS,
                _ => ExitCode::from(1),
            }
        }
        Err(e) => {
            eprintln!("browser-robot: {e}");
            ExitCode::from(1)
        }
    }
}

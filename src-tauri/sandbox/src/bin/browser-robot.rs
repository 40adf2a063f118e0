//! `browser-robot URL` — plays the system browser (use it as `$BROWSER`): signs in with the
//! seeded accounts, presses Confirm (or Cancel with `ROBOT_ACTION=cancel`) and follows the
//! redirects to the app's loopback callback. Only ever talks to the local machine.
//! Environment: see `setup_sandbox::robot`.

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
            if outcome.reached_callback {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            eprintln!("browser-robot: {e}");
            ExitCode::from(1)
        }
    }
}

//! Command-line options: practice mode and consultant prefills.

use serde::Serialize;

/// What the app was started with. Unknown options are ignored, so a launcher adding its own
/// flags cannot stop the wizard from opening.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LaunchArgs {
    /// `--demo`: run against the built-in practice sandbox; no real store is touched.
    pub demo: bool,
    /// `--workspace NAME`: prefill the Core1 workspace for a consultant's session.
    pub workspace: Option<String>,
    /// `--profile FILE`: endpoints and prefills for consultants and tests.
    pub profile: Option<String>,
    /// `--verbose`: log at debug level.
    pub verbose: bool,
}

/// See [`LaunchArgs::mode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LaunchMode {
    Practice,
    SetupFile,
    Normal,
}

impl LaunchArgs {
    /// Reads the process's own arguments.
    pub fn from_env() -> Self {
        Self::parse(std::env::args().skip(1))
    }

    /// Parses `--demo`, `--verbose`, `--workspace NAME` / `--workspace=NAME`, `--profile FILE`.
    pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Self {
        let mut out = Self::default();
        let mut it = args.into_iter();
        while let Some(arg) = it.next() {
            let (key, inline) = match arg.split_once('=') {
                Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
                None => (arg.clone(), None),
            };
            match key.as_str() {
                "--demo" => out.demo = true,
                "--verbose" => out.verbose = true,
                "--workspace" => out.workspace = inline.or_else(|| it.next()),
                "--profile" => out.profile = inline.or_else(|| it.next()),
                _ => {}
            }
        }
        out
    }

    /// Which world this launch works in: practice, a setup file, or the real services. A second
    /// launch in another mode is told about in the running window (it cannot switch worlds).
    pub fn mode(&self) -> LaunchMode {
        if self.demo {
            LaunchMode::Practice
        } else if self.profile.is_some() {
            LaunchMode::SetupFile
        } else {
            LaunchMode::Normal
        }
    }

    /// Log level chosen by `--verbose` (or `RUST_LOG=debug`/`trace`).
    pub fn log_level(&self) -> log::LevelFilter {
        match std::env::var("RUST_LOG").ok().as_deref() {
            Some("trace") => log::LevelFilter::Trace,
            Some("debug") => log::LevelFilter::Debug,
            _ if self.verbose => log::LevelFilter::Debug,
            _ => log::LevelFilter::Info,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> LaunchArgs {
        LaunchArgs::parse(args.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn reads_demo_and_workspace_in_both_forms() {
        let a = parse(&["--demo", "--workspace", "acme"]);
        assert!(a.demo);
        assert_eq!(a.workspace.as_deref(), Some("acme"));
        let b = parse(&["--workspace=acme.dev.actindo.com", "--profile=p.json"]);
        assert!(!b.demo);
        assert_eq!(b.workspace.as_deref(), Some("acme.dev.actindo.com"));
        assert_eq!(b.profile.as_deref(), Some("p.json"));
    }

    #[test]
    fn ignores_unknown_options_and_a_dangling_value() {
        let a = parse(&["-psn_0_123", "--workspace"]);
        assert_eq!(a.workspace, None);
        assert!(!a.demo);
    }
}

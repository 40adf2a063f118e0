//! Command-line options: practice mode and consultant prefills, `--help` and `--version`.
//!
//! **Parsed by hand, not with `clap`**: four options and two informational
//! flags, one of which (`--workspace`) a second launch also sends to the running window through
//! the single-instance plugin, where nothing may be printed or exit the process. `clap` would add
//! its builder, derive macros and their compile time to a GUI binary for what fits on a page here;
//! its benefits (help text, errors for unknown flags) are written out below and tested.

use serde::Serialize;

/// The usage text `--help` prints (and an unknown option's error ends with).
pub const USAGE: &str = "\
Usage: core1-bigcommerce-setup [OPTIONS]

Connects a BigCommerce store to the Omni-Channel module of an Actindo Core1 workspace.

Options:
  --demo              practise against the built-in practice sandbox; no real store is touched
  --workspace NAME    prefill the Core1 workspace (NAME or NAME.actindo.com)
  --profile FILE      use a setup file: endpoints and prefills for consultants and tests
  --verbose           log at debug level (also RUST_LOG=debug)
  -h, --help          print this help and exit
  -V, --version       print the version and exit
";

/// What the command line asks for: open the wizard, or only print something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invocation {
    /// Open the wizard with these options.
    Launch(LaunchArgs),
    /// `--help` / `-h`: print [`USAGE`], exit 0.
    Help,
    /// `--version` / `-V`: print the name and version, exit 0.
    Version,
    /// An option the app does not know: print it with [`USAGE`], exit 2.
    Unknown(String),
    /// `--workspace` or `--profile` as the last argument, without its value: exit 2.
    MissingValue(&'static str),
}

impl Invocation {
    /// Reads the process's own arguments.
    pub fn from_env() -> Self {
        Self::parse(std::env::args().skip(1))
    }

    /// Strict parsing of the command line: an unknown option or a missing value is reported
    /// (the app does not start), except macOS's `-psn_…` (the process serial number old Finder
    /// versions add to every launch).
    pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Self {
        Self::scan(args, true)
    }

    /// The one reading of the options; `strict` reports what is not an option of ours (else it
    /// is skipped, and a missing value ends the reading).
    fn scan<I: IntoIterator<Item = String>>(args: I, strict: bool) -> Self {
        let mut out = LaunchArgs::default();
        let mut it = args.into_iter();
        while let Some(arg) = it.next() {
            let (key, inline) = split(&arg);
            let slot = match key {
                "--demo" => {
                    out.demo = true;
                    continue;
                }
                "--verbose" => {
                    out.verbose = true;
                    continue;
                }
                "--workspace" => (&mut out.workspace, "--workspace"),
                "--profile" => (&mut out.profile, "--profile"),
                _ if !strict => continue,
                "-h" | "--help" => return Invocation::Help,
                "-V" | "--version" => return Invocation::Version,
                psn if psn.starts_with("-psn_") => continue,
                _ => return Invocation::Unknown(arg),
            };
            match inline.or_else(|| it.next()) {
                Some(value) => *slot.0 = Some(value),
                None if strict => return Invocation::MissingValue(slot.1),
                None => break,
            }
        }
        Invocation::Launch(out)
    }

    /// What to print for an informational or wrong command line, and the exit code: `None`
    /// for [`Invocation::Launch`].
    pub fn message(&self) -> Option<(String, i32)> {
        let name = env!("CARGO_PKG_NAME");
        match self {
            Invocation::Launch(_) => None,
            Invocation::Help => Some((USAGE.to_owned(), 0)),
            Invocation::Version => Some((format!("{name} {}\n", env!("CARGO_PKG_VERSION")), 0)),
            Invocation::Unknown(arg) => {
                Some((format!("{name}: unknown option '{arg}'\n\n{USAGE}"), 2))
            }
            Invocation::MissingValue(option) => {
                Some((format!("{name}: {option} needs a value\n\n{USAGE}"), 2))
            }
        }
    }
}

/// `--key=value` → (`--key`, `Some(value)`); anything else → (`arg`, `None`).
fn split(arg: &str) -> (&str, Option<String>) {
    match arg.split_once('=') {
        Some((k, v)) if k.starts_with("--") => (k, Some(v.to_owned())),
        _ => (arg, None),
    }
}

/// What the app was started with. [`Invocation::parse`] reads it from the command line;
/// [`LaunchArgs::parse`] reads a second launch's arguments leniently (unknown options ignored:
/// the running window must not react to them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum LaunchMode {
    Practice,
    SetupFile,
    Normal,
}

impl LaunchArgs {
    /// Leniently parses `--demo`, `--verbose`, `--workspace NAME` / `--workspace=NAME`, `--profile FILE`.
    pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Self {
        match Invocation::scan(args, false) {
            Invocation::Launch(args) => args,
            _ => Self::default(),
        }
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

    fn invoke(args: &[&str]) -> Invocation {
        Invocation::parse(args.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn the_command_line_takes_the_same_options() {
        let expected = parse(&[
            "--demo",
            "--workspace",
            "acme",
            "--profile=p.json",
            "--verbose",
        ]);
        assert!(expected.demo && expected.verbose);
        assert_eq!(
            invoke(&[
                "--demo",
                "--workspace",
                "acme",
                "--profile=p.json",
                "--verbose"
            ]),
            Invocation::Launch(expected)
        );
        assert_eq!(invoke(&[]), Invocation::Launch(LaunchArgs::default()));
        assert_eq!(
            invoke(&["-psn_0_123", "--demo"]),
            Invocation::Launch(parse(&["--demo"])),
            "macOS's process serial number is not an error"
        );
    }

    #[test]
    fn help_and_version_print_and_exit_zero() {
        for flag in ["--help", "-h"] {
            assert_eq!(invoke(&["--demo", flag]), Invocation::Help);
        }
        let Some((help, 0)) = Invocation::Help.message() else {
            panic!("--help must exit 0");
        };
        for option in [
            "--demo",
            "--workspace NAME",
            "--profile FILE",
            "--verbose",
            "--version",
        ] {
            assert!(help.contains(option), "help names {option}");
        }
        for flag in ["--version", "-V"] {
            assert_eq!(invoke(&[flag]), Invocation::Version);
        }
        let Some((version, 0)) = Invocation::Version.message() else {
            panic!("--version must exit 0");
        };
        assert_eq!(
            version,
            format!("core1-bigcommerce-setup {}\n", env!("CARGO_PKG_VERSION"))
        );
    }

    #[test]
    fn unknown_options_and_missing_values_are_errors_that_say_which() {
        for (args, wrong) in [
            (&["--demo", "--dmeo"][..], "--dmeo"),
            (&["--profile=x.json", "-x"][..], "-x"),
            (&["stray"][..], "stray"),
            (&["--workspace-name=acme"][..], "--workspace-name=acme"),
        ] {
            let invocation = invoke(args);
            assert_eq!(
                invocation,
                Invocation::Unknown(wrong.to_owned()),
                "{args:?}"
            );
            let Some((text, 2)) = invocation.message() else {
                panic!("{args:?} must exit 2");
            };
            assert!(
                text.contains(&format!("unknown option '{wrong}'")),
                "{text}"
            );
            assert!(text.contains("Usage:"), "{text}");
        }
        assert_eq!(
            invoke(&["--demo", "--workspace"]),
            Invocation::MissingValue("--workspace")
        );
        assert_eq!(
            invoke(&["--profile"]),
            Invocation::MissingValue("--profile")
        );
        let Some((text, 2)) = Invocation::MissingValue("--profile").message() else {
            panic!("a missing value must exit 2");
        };
        assert!(text.contains("--profile needs a value"), "{text}");
    }
}

//! `getSetupStatus` read as what is missing before a BigCommerce connection can be made (part
//! of the assumed contract of [`super`]).

use serde::{Deserialize, Serialize};

use super::{DRIVER_BIGCOMMERCE, GET_SETUP_STATUS};

/// The oldest Omni-Channel module a BigCommerce connection works with (Actindo's BigCommerce
/// "Prerequisites").
pub(crate) const MIN_OMNI_CHANNEL: &str = "4.5.0";
/// The oldest BigCommerce plugin (driver) it works with.
pub(crate) const MIN_BIGCOMMERCE_DRIVER: &str = "1.1.0";

/// What `getSetupStatus` answers.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SetupStatus {
    /// The Omni-Channel module's version, e.g. `4.6.0`.
    pub module_version: String,
    /// The BigCommerce driver's version; `None` when it is not installed.
    #[serde(default)]
    pub driver_version: Option<String>,
    /// Whether the signed-in user may create connections.
    pub may_create_connections: bool,
}

/// One thing missing before a BigCommerce connection can be made, with where to get it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ReadinessProblem {
    /// No Omni-Channel module in the workspace (its endpoints answer 404).
    OmniChannelMissing,
    /// Omni-Channel older than [`MIN_OMNI_CHANNEL`].
    OmniChannelOutdated { installed: String },
    /// The BigCommerce driver is not installed (Actindo Appstore).
    DriverMissing,
    /// The BigCommerce driver is older than [`MIN_BIGCOMMERCE_DRIVER`].
    DriverOutdated { installed: String },
    /// The signed-in user may not create connections in Omni-Channel.
    MayNotCreate,
}

/// Whether Core1 is ready for a BigCommerce connection: empty = ready.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Readiness {
    pub problems: Vec<ReadinessProblem>,
}

impl Readiness {
    /// Ready when nothing is missing.
    pub fn ready(&self) -> bool {
        self.problems.is_empty()
    }

    /// What `status` lacks (everything, when the module is missing: `None`).
    pub(crate) fn of(status: Option<&SetupStatus>) -> Self {
        let Some(s) = status else {
            return Readiness {
                problems: vec![ReadinessProblem::OmniChannelMissing],
            };
        };
        let mut problems = Vec::new();
        if !version_at_least(&s.module_version, MIN_OMNI_CHANNEL) {
            problems.push(ReadinessProblem::OmniChannelOutdated {
                installed: s.module_version.clone(),
            });
        }
        match &s.driver_version {
            None => problems.push(ReadinessProblem::DriverMissing),
            Some(v) if !version_at_least(v, MIN_BIGCOMMERCE_DRIVER) => {
                problems.push(ReadinessProblem::DriverOutdated {
                    installed: v.clone(),
                })
            }
            Some(_) => {}
        }
        if !s.may_create_connections {
            problems.push(ReadinessProblem::MayNotCreate);
        }
        Readiness { problems }
    }
}

/// Whether the dotted version `have` is at least `need`, comparing the leading numbers of each
/// part (`4.10` > `4.9`, `1.1` = `1.1.0`, `1.2.0-beta` ≥ `1.2.0`). By hand: the `semver` crate
/// insists on three parts and would refuse versions Core1 may well print as `4.5`; a version
/// that is not numbers at all counts as too old. The text shown is Core1's own.
pub(crate) fn version_at_least(have: &str, need: &str) -> bool {
    fn parts(v: &str) -> Option<Vec<u64>> {
        v.trim()
            .trim_start_matches(['v', 'V'])
            .split('.')
            .map(|p| {
                let digits: String = p.chars().take_while(char::is_ascii_digit).collect();
                digits.parse().ok()
            })
            .collect()
    }
    let (Some(mut have), Some(mut need)) = (parts(have), parts(need)) else {
        return false;
    };
    let len = have.len().max(need.len());
    have.resize(len, 0);
    need.resize(len, 0);
    have >= need
}

impl crate::core1::Core1Client {
    /// `getSetupStatus` for the BigCommerce driver, read as what is missing: the Omni-Channel
    /// module (its endpoints answer 404), the driver, the versions, the right to create
    /// connections.
    pub(crate) async fn readiness(&self) -> crate::Result<Readiness> {
        #[derive(Deserialize)]
        struct Setup {
            setup: SetupStatus,
        }
        let answer: crate::Result<Setup> = self
            .call(
                GET_SETUP_STATUS,
                &serde_json::json!({ "driver": DRIVER_BIGCOMMERCE }),
                true,
            )
            .await;
        match answer {
            Ok(s) => Ok(Readiness::of(Some(&s.setup))),
            Err(crate::Error::Core1ModuleMissing) => Ok(Readiness::of(None)),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_by_their_numbers() {
        for (have, need, ok) in [
            ("4.5.0", "4.5.0", true),
            ("4.6.0", "4.5.0", true),
            ("4.10.0", "4.9.0", true),
            ("4.5", "4.5.0", true),
            ("v1.2.0-beta", "1.1.0", true),
            ("4.4.9", "4.5.0", false),
            ("1.0", "1.1.0", false),
            ("", "1.1.0", false),
            ("unknown", "1.1.0", false),
        ] {
            assert_eq!(version_at_least(have, need), ok, "{have} vs {need}");
        }
    }

    #[test]
    fn readiness_names_what_is_missing() {
        assert_eq!(
            Readiness::of(None).problems,
            vec![ReadinessProblem::OmniChannelMissing]
        );
        let good = SetupStatus {
            module_version: "4.6.0".into(),
            driver_version: Some("1.2.0".into()),
            may_create_connections: true,
        };
        assert!(Readiness::of(Some(&good)).ready());
        let bad = SetupStatus {
            module_version: "4.4.0".into(),
            driver_version: None,
            may_create_connections: false,
        };
        assert_eq!(
            Readiness::of(Some(&bad)).problems,
            vec![
                ReadinessProblem::OmniChannelOutdated {
                    installed: "4.4.0".into()
                },
                ReadinessProblem::DriverMissing,
                ReadinessProblem::MayNotCreate,
            ]
        );
        let old_driver = SetupStatus {
            driver_version: Some("1.0.3".into()),
            ..good
        };
        assert_eq!(
            Readiness::of(Some(&old_driver)).problems,
            vec![ReadinessProblem::DriverOutdated {
                installed: "1.0.3".into()
            }]
        );
    }
}

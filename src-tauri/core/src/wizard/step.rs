//! The screens of the flow, and which way the user may move between them.

use serde::{Deserialize, Serialize};

/// One screen of the wizard (README, "The roads"), plus Manage for later launches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Step {
    #[default]
    Welcome,
    /// Type the Core1 workspace.
    Workspace,
    /// Sign in to Core1 (this also leaves the browser logged in to Core1, which the connector
    /// app's START SETUP needs).
    Core1,
    /// Connect the store: the connector app (road 1), a store-level API account (road 2), or
    /// the wizard's own app where a profile registers one (road 3).
    #[serde(rename = "bigcommerce")]
    BigCommerce,
    /// Watch the connection until it is active (or stops on an error).
    Status,
    /// Later launches: the known connections and their repairs.
    Manage,
}

impl Step {
    /// Where Back leads, where going back is safe. Nothing done is undone: Back only lets the
    /// user redo an earlier answer. There is no way back out of Status (the connection exists).
    pub fn back(self) -> Option<Step> {
        match self {
            Step::Workspace => Some(Step::Welcome),
            Step::Core1 => Some(Step::Workspace),
            // The Core1 sign-in is kept: Back from the store step lets the user change the
            // workspace (Core1 is skipped again when already signed in there).
            Step::BigCommerce => Some(Step::Workspace),
            Step::Welcome | Step::Status | Step::Manage => None,
        }
    }

    /// A stable name for logs and the support report.
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Welcome => "welcome",
            Step::BigCommerce => "bigcommerce",
            Step::Workspace => "workspace",
            Step::Core1 => "core1",
            Step::Status => "status",
            Step::Manage => "manage",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_the_ui_names_it() {
        assert_eq!(
            serde_json::to_string(&Step::BigCommerce).unwrap(),
            "\"bigcommerce\""
        );
    }

    #[test]
    fn back_never_leaves_status_and_never_skips_a_step() {
        assert_eq!(Step::Status.back(), None);
        assert_eq!(Step::Manage.back(), None);
        assert_eq!(Step::Core1.back(), Some(Step::Workspace));
        assert_eq!(Step::BigCommerce.back(), Some(Step::Workspace));
        assert_eq!(Step::Workspace.back(), Some(Step::Welcome));
    }
}

//! The screens of the flow, and which way the user may move between them.

use serde::{Deserialize, Serialize};

/// One screen of the wizard (DESIGN.md "The flow"), plus Manage for later launches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    #[default]
    Welcome,
    /// Sign in to BigCommerce and confirm the install (or use an API account).
    BigCommerce,
    /// Type the Core1 workspace.
    Workspace,
    /// Sign in to Core1.
    Core1,
    /// Create the connection, or update the one that exists for this store.
    Connect,
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
            Step::BigCommerce => Some(Step::Welcome),
            Step::Workspace => Some(Step::BigCommerce),
            Step::Core1 => Some(Step::Workspace),
            Step::Connect => Some(Step::Core1),
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
            Step::Connect => "connect",
            Step::Status => "status",
            Step::Manage => "manage",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_never_leaves_status_and_never_skips_a_step() {
        assert_eq!(Step::Status.back(), None);
        assert_eq!(Step::Manage.back(), None);
        assert_eq!(Step::Connect.back(), Some(Step::Core1));
        assert_eq!(Step::BigCommerce.back(), Some(Step::Welcome));
    }
}

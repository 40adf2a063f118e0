//! Faults switched on and off from Rust (the `faults` feature; the app has none).

use super::SandboxHandle;
use crate::faults::{Fault, FaultRule};
use crate::Result;

impl SandboxHandle {
    /// Switches a fault on, for the next `count` matching events or (`None`) until cleared.
    /// Returns the rule id.
    pub fn set_fault(&self, fault: Fault, count: Option<u32>) -> u64 {
        self.world.set_fault(fault, count)
    }

    /// The faults currently switched on.
    pub fn faults(&self) -> Vec<FaultRule> {
        self.world.state().faults.list()
    }

    /// Switches the fault rule `id` (from [`Self::set_fault`]) off; whether it was on.
    pub fn remove_fault(&self, id: u64) -> bool {
        self.world.state().faults.remove_id(id)
    }

    /// Switches every fault off (this also unfreezes every workspace).
    pub fn clear_faults(&self) {
        self.world.state().faults.clear();
    }

    /// Freezes (HTTP 530 everywhere) or unfreezes a workspace.
    pub fn freeze(&self, workspace: &str, frozen: bool) -> Result<()> {
        self.world.freeze(workspace, frozen)
    }
}

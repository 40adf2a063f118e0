//! The switched-on faults: each with how many more times it fires, and the world's way to fire,
//! add and remove them.

use super::{Fault, FaultRule};
use crate::{Error, Result, World};

/// The switched-on faults.
#[derive(Debug, Default)]
pub(crate) struct FaultSet {
    rules: Vec<FaultRule>,
    next_id: u64,
}

impl FaultSet {
    pub(crate) fn add(&mut self, fault: Fault, count: Option<u32>) -> u64 {
        self.next_id += 1;
        let id = self.next_id;
        if count != Some(0) {
            self.rules.push(FaultRule {
                id,
                fault,
                remaining: count,
            });
        }
        id
    }

    pub(crate) fn list(&self) -> Vec<FaultRule> {
        self.rules.clone()
    }

    pub(crate) fn clear(&mut self) {
        self.rules.clear();
    }

    pub(crate) fn remove_id(&mut self, id: u64) -> bool {
        let before = self.rules.len();
        self.rules.retain(|r| r.id != id);
        before != self.rules.len()
    }

    pub(crate) fn remove_where(&mut self, pred: impl Fn(&Fault) -> bool) {
        self.rules.retain(|r| !pred(&r.fault));
    }

    /// Fires the first rule matching `pred`: returns its fault and counts it down.
    pub(crate) fn take(&mut self, pred: impl Fn(&Fault) -> bool) -> Option<Fault> {
        let idx = self.rules.iter().position(|r| pred(&r.fault))?;
        let rule = &mut self.rules[idx];
        let fault = rule.fault.clone();
        if let Some(n) = rule.remaining.as_mut() {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.rules.remove(idx);
            }
        }
        Some(fault)
    }
}

impl World {
    /// Fires the first switched-on fault matching `pred`.
    pub(crate) fn take_fault(&self, pred: impl Fn(&Fault) -> bool) -> Option<Fault> {
        self.state().faults.take(pred)
    }

    pub(crate) fn set_fault(&self, fault: Fault, count: Option<u32>) -> u64 {
        self.state().faults.add(fault, count)
    }

    pub(crate) fn freeze(&self, workspace: &str, frozen: bool) -> Result<()> {
        if !self.config.has_workspace(workspace) {
            return Err(Error::UnknownWorkspace(workspace.to_owned()));
        }
        let mut state = self.state();
        state
            .faults
            .remove_where(|f| matches!(f, Fault::Frozen { workspace: w } if w == workspace));
        if frozen {
            state.faults.add(
                Fault::Frozen {
                    workspace: workspace.to_owned(),
                },
                None,
            );
        }
        Ok(())
    }
}

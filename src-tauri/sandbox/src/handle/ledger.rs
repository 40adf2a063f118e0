//! The secrets ledger: every secret the sandbox issued or received, for leak tests.

use super::SandboxHandle;
use crate::SecretKind;

impl SandboxHandle {
    /// Every secret the sandbox issued or received so far (codes, tokens, client secrets,
    /// PKCE verifiers, connection credentials), for leak tests.
    pub fn issued_secrets(&self) -> Vec<String> {
        let st = self.world.state();
        st.ledger.iter().map(|(_, s)| s.clone()).collect()
    }

    /// [`Self::issued_secrets`] with what each one is, e.g. to check that a leak test searched
    /// for at least one access token, refresh token and authorization code.
    pub fn issued_secrets_by_kind(&self) -> Vec<(SecretKind, String)> {
        self.world.state().ledger.clone()
    }
}

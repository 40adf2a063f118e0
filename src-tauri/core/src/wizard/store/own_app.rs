//! Road 3: the wizard's own BigCommerce app, signed in over loopback (install and consent);
//! only where a profile registers one (see `profile::BigCommerceProfile::client_id` for why not
//! by default).

use crate::bigcommerce::{BigCommerceSignIn, StoreHash};
use crate::error::Result;
use crate::secret_store::SecretKey;
use crate::secret_string::SecretString;
use crate::wizard::engine::Engine;
use crate::wizard::events::{EventSink, Provider};
use crate::wizard::known::StoreRoad;
use crate::wizard::step::Step;
use crate::wizard::WizardView;

impl Engine {
    /// Road 3: signs in to BigCommerce in the browser with the profile's own app (install and
    /// consent over loopback), then creates or updates the connection.
    pub async fn store_own_app_sign_in(&self, sink: &dyn EventSink) -> Result<WizardView> {
        self.expect_step(&[Step::BigCommerce]).await?;
        let action = self.action(Step::BigCommerce, "bigcommerce_sign_in");
        let result = self.bigcommerce_grant(sink).await;
        let (hash, token) = self.finish_action(action, result).await?;
        let action = self.action(Step::BigCommerce, "store_check");
        let result = self.check_store(&hash, &token).await;
        let info = self.finish_action(action, result).await?;
        self.connect_store(hash, token, &info, StoreRoad::OwnApp, sink)
            .await
    }

    pub(in crate::wizard) async fn bigcommerce_grant(
        &self,
        sink: &dyn EventSink,
    ) -> Result<(StoreHash, SecretString)> {
        self.signin_cancel();
        let client_secret = self
            .inner
            .secrets
            .get(&SecretKey::BigCommerceClientSecret)
            .await
            .ok()
            .flatten();
        let signin =
            BigCommerceSignIn::start(&self.inner.profile, self.inner.http.clone(), client_secret)
                .await?;
        self.wait_in_browser(
            Provider::BigCommerce,
            signin.authorize_url(),
            signin.canceller(),
            sink,
        );
        let grant = signin.finish().await;
        self.browser_done();
        let grant = grant?;
        Ok((grant.store_hash, grant.access_token))
    }
}

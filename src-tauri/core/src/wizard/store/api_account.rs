//! Road 2: a store-level API account, pasted or read from the .txt file BigCommerce downloads,
//! checked against BigCommerce (`/v2/store`, `/v2/time`, one probe per needed access) before
//! the connection is created or updated.

use crate::bigcommerce::StoreHash;
use crate::error::{Error, Result};
use crate::secret_string::SecretString;
use crate::wizard::engine::Engine;
use crate::wizard::events::EventSink;
use crate::wizard::known::StoreRoad;
use crate::wizard::step::Step;
use crate::wizard::WizardView;

impl Engine {
    /// Opens BigCommerce's API-accounts page of `store` (a store hash the page read from a
    /// refused API account file), else of the store being connected, else the store picker's.
    pub async fn store_api_account_open_page(&self, store: Option<&str>) -> Result<()> {
        let hash = match store {
            Some(h) => Some(h.to_owned()),
            None => self.state().run.store.as_ref().map(|s| s.hash.clone()),
        };
        let hash = hash.as_deref().map(StoreHash::parse).transpose()?;
        let url =
            crate::bigcommerce::api_account::api_accounts_page(&self.inner.profile, hash.as_ref())?;
        self.inner.opener.open(&url)
    }

    /// Road 2, pasted: the API path and the access token, checked against BigCommerce (with a
    /// probe per needed access) before the connection is created or updated.
    pub async fn store_api_account_use(
        &self,
        api_path: &str,
        access_token: &str,
        sink: &dyn EventSink,
    ) -> Result<WizardView> {
        self.expect_step(&[Step::BigCommerce]).await?;
        let parsed = crate::bigcommerce::parse_api_path(api_path)
            .and_then(|hash| Ok((hash, crate::bigcommerce::parse_access_token(access_token)?)));
        self.api_account(parsed, false, sink).await
    }

    /// Road 2, from the .txt file BigCommerce downloads with a new API account. A key BigCommerce
    /// refuses is `api_account_file_refused` with the file's store hash: the file is from a
    /// deleted (or an earlier) account, and only a new account's file helps.
    pub async fn store_api_account_use_file(
        &self,
        contents: &str,
        sink: &dyn EventSink,
    ) -> Result<WizardView> {
        self.expect_step(&[Step::BigCommerce]).await?;
        self.api_account(crate::bigcommerce::parse_account_file(contents), true, sink)
            .await
    }

    async fn api_account(
        &self,
        parsed: Result<(StoreHash, SecretString)>,
        from_file: bool,
        sink: &dyn EventSink,
    ) -> Result<WizardView> {
        let action = self.action(Step::BigCommerce, "api_account");
        let parsed = self.finish_action(action, parsed).await?;
        let (hash, token) = parsed;
        let action = self.action(Step::BigCommerce, "store_check");
        let result = match self.check_store_access(&hash, &token).await {
            Err(Error::BigCommerceTokenInvalid | Error::BigCommerceStoreNotFound) if from_file => {
                Err(Error::ApiAccountFileRefused {
                    store_hash: hash.as_str().to_owned(),
                })
            }
            other => other,
        };
        let info = self.finish_action(action, result).await?;
        self.connect_store(hash, token, &info, StoreRoad::ApiAccount, sink)
            .await
    }
}

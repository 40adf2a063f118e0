//! The store step's three roads, each ending in a Core1 connection the wizard knows:
//!
//! 1. **The connector app** (default): the merchant installs Actindo's "Actindo Core1 DOP
//!    Connector" from BigCommerce's marketplace and presses START SETUP with the workspace
//!    address; the connector creates (or updates) the connection. The wizard opens the page and
//!    watches the workspace's connections for it (docs.actindo.com, "Manage BigCommerce
//!    connection"). It never sees a BigCommerce key on this road.
//! 2. **A store-level API account** (always offered): pasted, or read from the .txt file
//!    BigCommerce downloads; checked against BigCommerce (`/v2/store`, `/v2/time`, one probe per
//!    needed access) before the connection is created or updated.
//! 3. **The wizard's own BigCommerce app** over loopback: only where a profile registers one
//!    (see `profile::BigCommerceProfile::client_id` for why not by default).

use super::engine::{credentials, summary, Engine, WizardView};
use super::events::{Event, EventSink, Provider};
use super::progress::{now_ms, ConnectOutcome, ConnectorWatch, StoreRoad, StoreSummary};
use super::status;
use super::step::Step;
use crate::bigcommerce::{BigCommerceClient, BigCommerceSignIn, StoreHash, StoreInfo};
use crate::core1::channels::{Connection, NewConnection};
use crate::core1::Core1Client;
use crate::error::{Error, Result};
use crate::secret_store::SecretKey;
use crate::secret_string::SecretString;

impl Engine {
    // ----- road 1: the connector app -----

    /// Opens the connector's page in the system browser (also "open it again").
    pub fn open_connector_page(&self) -> Result<()> {
        let url = crate::profile::profile_url(&self.inner.profile.bigcommerce.connector_url)?;
        self.inner.opener.open(&url)
    }

    /// Road 1: remembers the workspace's connections and the moment (on Core1's clock) as they
    /// are now, opens the connector page (unless `resume`, where the page was opened before the
    /// app closed), and waits until connections the connector may have made appear. A watch
    /// this run kept (closed, cancelled or paused by Back, for the same workspace) keeps its
    /// baseline, moment and declined list, so what the merchant did meanwhile still counts. It does not know the merchant's store, so it does not take one: the view's
    /// `connector.candidates` lists them for "Is this your store?" ([`Engine::confirm_connector`],
    /// [`Engine::decline_connectors`]); nothing is stored and no setting written before that
    /// answer. Cancelled by [`Engine::stop_connector`] (Back, leaving the screen) with
    /// `signin_cancelled`.
    pub async fn watch_connector(&self, resume: bool, sink: &dyn EventSink) -> Result<WizardView> {
        self.expect_step(&[Step::BigCommerce]).await?;
        let ws = self.current_workspace().await?;
        let client = self.core1_client(&ws).await?;
        let stop = self.new_connector_stop();
        let action = self.action(Step::BigCommerce, "connector");
        let result = async {
            let saved = self.state().progress.connector.clone();
            let watch = match saved {
                Some(w) => w,
                None => {
                    let (list, date) = status::list_dated(&client).await?;
                    let w = ConnectorWatch {
                        started_at: now_ms(),
                        baseline: status::baseline(&list),
                        since_core1: date
                            .and_then(|d| d.duration_since(std::time::UNIX_EPOCH).ok())
                            .map(|d| d.as_secs()),
                        declined: Vec::new(),
                        copied: self.state().copied_now,
                    };
                    let saved = w.clone();
                    // Kept only while still on the store step: a Back that came while Core1
                    // answered has cancelled this watch.
                    self.transition(&[Step::BigCommerce], |p| {
                        p.connector = Some(saved);
                        Ok(())
                    })
                    .await
                    .map_err(|e| match e {
                        Error::WizardOutOfOrder => Error::SignInCancelled,
                        e => e,
                    })?;
                    w
                }
            };
            if !resume {
                self.open_connector_for(sink);
            }
            status::await_connector(
                &client,
                status::Since::of(&watch),
                None,
                sink,
                stop,
                self.inner.poll.connector,
            )
            .await
        }
        .await;
        let found = self.finish_action(action, result).await?;
        tracing::info!(
            candidates = found.len(),
            "road 1: connections to ask the merchant about"
        );
        self.state().candidates = found;
        Ok(self.view().await)
    }

    /// "Is this your store?" — *Yes* for candidate `id`: into Status with that connection (as
    /// Core1 has it now), which is then remembered for Manage.
    pub async fn confirm_connector(&self, id: i64) -> Result<WizardView> {
        self.expect_step(&[Step::BigCommerce]).await?;
        let is_new = {
            let state = self.state();
            let found = state.candidates.iter().find(|(c, _)| c.id == id);
            found.map(|(_, is_new)| *is_new)
        };
        let is_new = is_new.ok_or(Error::WizardOutOfOrder)?;
        let client = self.core1_client(&self.current_workspace().await?).await?;
        let action = self.action(Step::BigCommerce, "connector_confirm");
        let result = client.get_connection(id).await;
        let connection = self.finish_action(action, result).await?;
        self.state().candidates.clear();
        let store = StoreSummary {
            hash: connection.store_hash.clone(),
            name: connection.name.clone(),
            domain: String::new(),
            secure_url: String::new(),
            plan_name: String::new(),
            road: StoreRoad::Connector,
        };
        let outcome = if is_new {
            ConnectOutcome::Created
        } else {
            ConnectOutcome::Updated
        };
        self.enter_status(&connection, store, outcome).await
    }

    /// "Is this your store?" — *No* (or none of several): they are not offered again unless they
    /// change again; nothing is stored. The screen then waits on (`watch_connector` with
    /// `resume`).
    pub async fn decline_connectors(&self) -> Result<WizardView> {
        let declined: Vec<(i64, String)> = self
            .state()
            .candidates
            .drain(..)
            .map(|(c, _)| (c.id, c.updated_at))
            .collect();
        tracing::info!(
            declined = declined.len(),
            "road 1: not the merchant's store"
        );
        self.transition(&[Step::BigCommerce], |p| {
            if let Some(w) = p.connector.as_mut() {
                w.declined.extend(declined);
            }
            Ok(())
        })
        .await?;
        Ok(self.view().await)
    }

    /// Stops a running road-1 watch (its call ends with `signin_cancelled`) and forgets its
    /// unanswered question.
    pub fn stop_connector(&self) {
        self.state().candidates.clear();
        let stop = self.state().connector_stop.take();
        if let Some(stop) = stop {
            let _ = stop.send(true);
        }
    }

    /// A fresh stop signal for a road-1 watch; any earlier watch is stopped.
    pub(super) fn new_connector_stop(&self) -> tokio::sync::watch::Receiver<bool> {
        let (tx, rx) = tokio::sync::watch::channel(false);
        let old = self.state().connector_stop.replace(tx);
        if let Some(old) = old {
            let _ = old.send(true);
        }
        rx
    }

    /// Opens the connector page and says whether the browser came up.
    pub(super) fn open_connector_for(&self, sink: &dyn EventSink) {
        let url = self.inner.profile.bigcommerce.connector_url.clone();
        match self.open_connector_page() {
            Ok(()) => sink.send(Event::BrowserOpened {
                provider: Provider::Connector,
                url,
            }),
            Err(e) => {
                tracing::warn!(code = e.code(), "connector page not opened");
                sink.send(Event::BrowserNotOpened {
                    provider: Provider::Connector,
                    url,
                });
            }
        }
    }

    // ----- road 2: a store-level API account -----

    /// Road 2, pasted: the API path and the access token, checked against BigCommerce (with a
    /// probe per needed access) before the connection is created or updated.
    pub async fn use_api_account(
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
    pub async fn use_api_account_file(
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

    /// The store answers to the key (`/v2/store`, `/v2/time`) and the key has every access the
    /// connector needs (a 403 on a probe names the row to tick).
    pub(super) async fn check_store_access(
        &self,
        hash: &StoreHash,
        token: &SecretString,
    ) -> Result<StoreInfo> {
        let client = self.store_client(hash, token);
        let info = client.check_token().await?;
        client.server_time().await?;
        let missing = client.missing_access().await?;
        if !missing.is_empty() {
            return Err(Error::BigCommerceAccessMissing {
                rows: crate::bigcommerce::scopes::rows(&missing),
                missing: missing.iter().map(|s| s.label_key).collect(),
            });
        }
        Ok(info)
    }

    /// The store answers to the key (`GET /v2/store`): Manage's health check.
    pub(super) async fn check_store(
        &self,
        hash: &StoreHash,
        token: &SecretString,
    ) -> Result<StoreInfo> {
        self.store_client(hash, token).check_token().await
    }

    pub(super) fn store_client(&self, hash: &StoreHash, token: &SecretString) -> BigCommerceClient {
        BigCommerceClient::new(
            self.inner.http.clone(),
            &self.inner.profile,
            hash.clone(),
            token.clone(),
        )
        .with_retry(self.inner.retry)
    }

    // ----- road 3: the wizard's own app -----

    /// Road 3: signs in to BigCommerce in the browser with the profile's own app (install and
    /// consent over loopback), then creates or updates the connection.
    pub async fn sign_in_bigcommerce(&self, sink: &dyn EventSink) -> Result<WizardView> {
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

    pub(super) async fn bigcommerce_grant(
        &self,
        sink: &dyn EventSink,
    ) -> Result<(StoreHash, SecretString)> {
        self.cancel_sign_in();
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

    // ----- roads 2 and 3: the connection from a key -----

    /// Keeps the key, then creates the connection — or updates the one Core1 has for this
    /// store (one connection per store, as Actindo's connector does) — and goes to Status.
    async fn connect_store(
        &self,
        hash: StoreHash,
        token: SecretString,
        info: &StoreInfo,
        road: StoreRoad,
        sink: &dyn EventSink,
    ) -> Result<WizardView> {
        self.inner
            .secrets
            .set(&self.store_key(&hash), &token)
            .await?;
        let store = summary(&hash, info, road);
        sink.send(Event::StoreFound {
            store: store.clone(),
        });
        let client = self.core1_client(&self.current_workspace().await?).await?;
        let action = self.action(Step::BigCommerce, "connect");
        let result = create_or_update(&client, &store, &token).await;
        let (connection, outcome) = self.finish_action(action, result).await?;
        self.enter_status(&connection, store, outcome).await
    }
}

/// Creates the store's connection, or puts the key into the one Core1 already has for it
/// (found in `list`, or named by a duplicate error when another computer made one meanwhile).
async fn create_or_update(
    client: &Core1Client,
    store: &StoreSummary,
    token: &SecretString,
) -> Result<(Connection, ConnectOutcome)> {
    let existing = client.find_connection(&store.hash).await?.map(|c| c.id);
    let existing = match existing {
        Some(id) => id,
        None => {
            let new = NewConnection::bigcommerce(&store.name, &store.hash, token);
            match client.create_connection(&new).await {
                Ok(c) => return Ok((c, ConnectOutcome::Created)),
                Err(Error::ConnectionExists { existing_id }) => existing_id,
                Err(e) => return Err(e),
            }
        }
    };
    let updated = client
        .update_credentials(existing, &credentials(&store.hash, token))
        .await?;
    Ok((updated, ConnectOutcome::Updated))
}

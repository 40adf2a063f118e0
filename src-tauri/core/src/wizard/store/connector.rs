//! Road 1, the connector app: opening its page, watching the workspace's connections for the
//! one the connector makes, stopping the watch, and remembering that the connector's field was
//! copied.

use crate::error::{Error, Result};
use crate::wizard::engine::Engine;
use crate::wizard::events::{Event, EventSink, Provider};
use crate::wizard::saved::{now_ms, ConnectorWatch};
use crate::wizard::step::Step;
use crate::wizard::store::connector_watch;
use crate::wizard::WizardView;

impl Engine {
    /// Opens the connector's page in the system browser (also "open it again").
    pub fn store_connector_open_page(&self) -> Result<()> {
        let url = crate::profile::profile_url(&self.inner.profile.bigcommerce.connector_url)?;
        self.inner.opener.open(&url)
    }

    /// Road 1: remembers the workspace's connections and the moment (on Core1's clock) as they
    /// are now, opens the connector page (unless `resume`, where the page was opened before the
    /// app closed), and waits until connections the connector may have made appear. A watch
    /// this run kept (closed, cancelled or paused by Back, for the same workspace) keeps its
    /// baseline, moment and declined list, so what the merchant did meanwhile still counts. It does not know the merchant's store, so it does not take one: the view's
    /// `connector.candidates` lists them for "Is this your store?" ([`Engine::store_connector_confirm`],
    /// [`Engine::store_connector_decline`]); nothing is stored and no setting written before that
    /// answer. Cancelled by [`Engine::store_connector_stop`] (Back, leaving the screen) with
    /// `signin_cancelled`.
    pub async fn store_connector_watch(
        &self,
        resume: bool,
        sink: &dyn EventSink,
    ) -> Result<WizardView> {
        self.expect_step(&[Step::BigCommerce]).await?;
        let ws = self.current_workspace().await?;
        let client = self.core1_client(&ws).await?;
        let stop = self.new_connector_stop();
        let action = self.action(Step::BigCommerce, "connector");
        let result = async {
            let saved = self.state().run.connector.clone();
            let watch = match saved {
                Some(w) => w,
                None => {
                    let (list, date) = connector_watch::list_dated(&client).await?;
                    let w = ConnectorWatch {
                        started_at: now_ms(),
                        baseline: connector_watch::baseline(&list),
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
            connector_watch::await_connector(
                &client,
                connector_watch::Since::of(&watch),
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
        Ok(self.wizard_view().await)
    }

    /// Stops a running road-1 watch (its call ends with `signin_cancelled`) and forgets its
    /// unanswered question.
    pub fn store_connector_stop(&self) {
        self.state().candidates.clear();
        let stop = self.state().connector_stop.take();
        if let Some(stop) = stop {
            let _ = stop.send(true);
        }
    }

    /// A fresh stop signal for a road-1 watch; any earlier watch is stopped.
    pub(in crate::wizard) fn new_connector_stop(&self) -> tokio::sync::watch::Receiver<bool> {
        let (tx, rx) = tokio::sync::watch::channel(false);
        let old = self.state().connector_stop.replace(tx);
        if let Some(old) = old {
            let _ = old.send(true);
        }
        rx
    }

    /// Opens the connector page and says whether the browser came up.
    pub(in crate::wizard) fn open_connector_for(&self, sink: &dyn EventSink) {
        let url = self.inner.profile.bigcommerce.connector_url.clone();
        match self.store_connector_open_page() {
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

    /// Copy put this run's connector field on the clipboard: kept with the watch, so a restart
    /// knows the clipboard may have lost it.
    pub async fn store_connector_note_copied(&self) -> Result<()> {
        self.state().copied_now = true;
        let unsaved = self
            .state()
            .run
            .connector
            .as_ref()
            .is_some_and(|w| !w.copied);
        if unsaved {
            self.update(|p| {
                if let Some(w) = p.connector.as_mut() {
                    w.copied = true;
                }
                Ok(())
            })
            .await?;
        }
        Ok(())
    }
}

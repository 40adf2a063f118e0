//! What a screen draws: the [`WizardView`], read from one taking of the state, so every part of
//! it is from the same moment.

use serde::Serialize;

use super::Engine;
use crate::core1::registration::RegistrationForm;
use crate::core1::workspace_url::ConnectorField;
use crate::secret_store::SecretStoreStatus;
use crate::wizard::events::ConnectionStatus;
use crate::wizard::known::ConnectionKey;
use crate::wizard::saved::{ConnectOutcome, StoreSummary, WorkspaceSummary};
use crate::wizard::step::Step;

/// Something the UI should tell the user once (not an error: the wizard goes on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Notice {
    /// Saved progress was unreadable; the wizard started over.
    ProgressReset,
    /// Saved progress was from a newer app version; the wizard started over.
    ProgressFromNewerVersion,
    /// Back from the store step while waiting for the connector: the wait pauses and resumes,
    /// looking for what happened meanwhile, when the merchant returns.
    ConnectorPaused,
}

/// Who filled in the workspace the wizard starts with: a consultant (a setup file or
/// `--workspace`), or the practice world, where nobody did and the words say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum PrefilledBy {
    Consultant,
    Practice,
}

/// Road 1 as the BigCommerce screen shows it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConnectorInfo {
    /// The connector's name in BigCommerce's marketplace (what the merchant searches for).
    pub name: String,
    /// After this long without a result the screen offers help.
    pub help_after_ms: u64,
    /// Unix milliseconds since when the wizard watches for the connector's connection (the
    /// connector page was opened), `None` when not watching.
    pub waiting_since: Option<u64>,
    /// The connector's workspace field as its page shows it (`https://` · name · `.actindo.com`):
    /// what to type there, and what Copy puts on the clipboard (the name only).
    pub field: Option<ConnectorField>,
    /// Connections that appeared while waiting, for "Is this your store?" (newest first).
    pub candidates: Vec<Candidate>,
    /// Copy was pressed during this watch, but before the app last started: the clipboard may
    /// be empty now, so the screen asks to press Copy again.
    pub copied_earlier: bool,
}

/// A connection road 1 saw appear, as Core1 names it (the connector names its connections
/// `BigCommerce ({store hash})`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Candidate {
    pub id: i64,
    pub name: String,
    pub store_hash: String,
    /// New in the workspace (else an existing connection whose access was renewed).
    pub is_new: bool,
}

/// The Core1 sign-in screen: the app registration the workspace needs.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Core1Info {
    /// What to type in *Dev Tools › API › App registrations* (always available to show).
    pub registration: RegistrationForm,
    /// This computer holds no client secret for the workspace (and the profile brings none):
    /// the guided registration comes before the sign-in.
    pub registration_needed: bool,
}

/// Everything a screen needs to draw itself. Holds no secret.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WizardView {
    pub step: Step,
    pub practice: bool,
    pub store: Option<StoreSummary>,
    pub workspace: Option<WorkspaceSummary>,
    /// The workspace as the merchant knows it (`acme.actindo.com`, also in practice, where
    /// [`WorkspaceSummary::url`] is a loopback address no screen shows).
    pub workspace_display: Option<String>,
    /// Workspace a consultant prefilled (profile or `--workspace`), shown until one is chosen.
    pub prefilled_workspace: Option<String>,
    /// Who filled in [`WizardView::prefilled_workspace`].
    pub prefilled_by: Option<PrefilledBy>,
    /// Road 1: the connector and whether the wizard is watching for it.
    pub connector: ConnectorInfo,
    /// Whether the store step created the connection or updated the one Core1 had.
    pub outcome: Option<ConnectOutcome>,
    /// The connection of this run, as last seen.
    pub connection: Option<ConnectionStatus>,
    /// The connection of this run, named as Manage names it (workspace and id): what Status
    /// hands to the settings and "what arrived".
    pub connection_key: Option<ConnectionKey>,
    /// Where "Open in Core1" leads.
    pub core1_url: Option<String>,
    pub known_connections: usize,
    pub notice: Option<Notice>,
    pub secret_storage: SecretStoreStatus,
    /// A setup file that sends requests or the browser anywhere the real BigCommerce and Core1
    /// are not: those places (hosts, workspace patterns, whole page URLs), until the user
    /// confirmed them ([`Engine::welcome_confirm_hosts`]); nothing is sent before.
    pub hosts_to_confirm: Option<Vec<String>>,
    /// Whether road 3, the wizard's own BigCommerce app, is configured (a profile file only).
    pub bigcommerce_signin_available: bool,
    /// True while a browser sign-in is waiting.
    pub signing_in: bool,
    /// On the Core1 sign-in step: the app registration (`None` elsewhere).
    pub core1: Option<Core1Info>,
}

impl Engine {
    /// What the current screen shows. The notice is shown once.
    pub async fn wizard_view(&self) -> WizardView {
        let (p, notice, connection, signing_in, candidates, copied_now) = {
            let mut state = self.state();
            let candidates = state
                .candidates
                .iter()
                .map(|(c, is_new)| Candidate {
                    id: c.id,
                    name: c.name.clone(),
                    store_hash: c.store_hash.clone(),
                    is_new: *is_new,
                })
                .collect();
            (
                state.run.clone(),
                state.notice.take(),
                state.last_status.clone(),
                state.pending.is_some(),
                candidates,
                state.copied_now,
            )
        };
        let core1 = if p.step == crate::wizard::step::Step::Core1 {
            self.core1_info().await
        } else {
            None
        };
        let typed = p
            .workspace
            .as_ref()
            .and_then(|w| self.workspace_from(&w.input).ok());
        let field = typed.as_ref().map(|ws| ws.connector_field());
        let workspace_display = typed.as_ref().map(|ws| self.workspace_display(ws));
        let profile = &self.inner.profile;
        let connection_key = p
            .connection_id
            .zip(p.workspace.as_ref())
            .and_then(|(id, ws)| {
                Some(ConnectionKey {
                    workspace: self.workspace_from(&ws.input).ok()?,
                    id,
                })
            });
        let hosts_to_confirm = self
            .hosts_unconfirmed(&p)
            .then(|| profile.hosts_beyond_production());
        let prefilled = if p.workspace.is_none() {
            profile.prefilled_workspace.clone()
        } else {
            None
        };
        WizardView {
            step: p.step,
            practice: profile.practice,
            core1_url: p.workspace.as_ref().map(|w| w.url.clone()),
            store: p.store,
            workspace: p.workspace,
            workspace_display,
            prefilled_by: prefilled.as_ref().map(|_| {
                if profile.practice {
                    PrefilledBy::Practice
                } else {
                    PrefilledBy::Consultant
                }
            }),
            prefilled_workspace: prefilled,
            connector: ConnectorInfo {
                name: profile.bigcommerce.connector_name.clone(),
                help_after_ms: profile.connector_help_after.as_millis() as u64,
                waiting_since: p.connector.as_ref().map(|w| w.started_at),
                field,
                candidates,
                copied_earlier: !copied_now && p.connector.as_ref().is_some_and(|w| w.copied),
            },
            outcome: p.outcome,
            hosts_to_confirm,
            connection,
            connection_key,
            known_connections: p.known.len(),
            notice,
            secret_storage: self.inner.secrets.status(),
            bigcommerce_signin_available: profile.bigcommerce_signin_available(),
            signing_in,
            core1,
        }
    }
}

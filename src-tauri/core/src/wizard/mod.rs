//! The wizard and Manage as one explicit state machine ([`Engine`]), with non-secret progress
//! persisted so a wizard closed halfway resumes where it stopped.
//!
//! The engine never talks to a UI: it returns [`WizardView`]s and sends [`Event`]s to an
//! [`EventSink`], which the Tauri shell forwards through a channel.
//!
//! One home per step, in the flow's order: `welcome`, `workspace`, `core1` (the sign-in and the
//! app registration), `store` (the BigCommerce step: readiness and its three roads), `status`,
//! `manage` (health and repairs), `settings`, `arrived`, `golive`, `onboarding` (the report a
//! consultant hands over) and `report` (the support report). Under them: `engine` (what the
//! engine is built from), `state` (the one lock and its transitions), `view` (what a screen
//! draws), `flow` (Back, starting over), `browser` (the one pending browser sign-in), `events`,
//! `known` (the connections this computer set up), `journal`, `saved` (the saved run) and
//! `step`.

mod arrived;
mod browser;
mod core1;
mod engine;
mod events;
mod flow;
mod golive;
mod journal;
mod known;
mod manage;
mod onboarding;
mod report;
mod saved;
mod settings;
mod state;
mod status;
mod step;
mod store;
mod view;
mod welcome;
mod workspace;

pub use arrived::{Arrived, StoreHidden};
pub use engine::{Engine, EngineOptions};
pub use events::{ConnectionStatus, Event, EventSink, Provider};
pub use golive::UrlReport;
pub use known::{ConnectionKey, KnownConnection, StoreRoad};
pub use manage::{ConnectionHealth, Core1State, StoreAccess};
pub use onboarding::{words::LANGUAGES, Words};
pub use report::AppFacts;
pub use saved::{now_ms, ConnectOutcome, StoreSummary, WorkspaceSummary};
pub use settings::SettingsForm;
pub use status::settle::PollConfig;
pub use step::Step;
pub use view::{Candidate, ConnectorInfo, Core1Info, Notice, PrefilledBy, WizardView};
pub use workspace::WorkspacePreview;

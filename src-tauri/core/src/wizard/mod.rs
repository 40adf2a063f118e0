//! The wizard and Manage as one explicit state machine ([`Engine`]), with non-secret progress
//! persisted so a wizard closed halfway resumes where it stopped.
//!
//! The engine never talks to a UI: it returns [`WizardView`]s and sends [`Event`]s to an
//! [`EventSink`], which the Tauri shell forwards through a channel.

pub mod arrived;
mod engine;
pub mod events;
pub mod golive;
pub mod journal;
pub mod known;
mod manage;
pub mod onboarding;
pub mod progress;
pub mod report;
mod road1;
mod roads;
pub mod settings;
pub mod status;
pub mod step;

pub use arrived::{Arrived, StoreHidden};
pub use engine::{
    Candidate, ConnectorInfo, Core1Info, Engine, EngineOptions, Notice, PrefilledBy, WizardView,
    WorkspacePreview,
};
pub use events::{ConnectionStatus, Event, EventSink, Provider};
pub use golive::UrlReport;
pub use known::{ConnectionKey, KnownConnection};
pub use manage::{ConnectionHealth, Core1State, StoreAccess};
pub use progress::{ConnectOutcome, StoreRoad, StoreSummary, WorkspaceSummary};
pub use report::AppFacts;
pub use settings::SettingsForm;
pub use status::PollConfig;
pub use step::Step;

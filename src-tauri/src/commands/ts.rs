//! The TypeScript declarations of every type the commands take and answer, and of what their
//! channels carry, with everything those types name (feature `ts`, for `tests/ipc.rs`, which
//! writes them to `ui/types/ipc.d.ts`; the shipped app has no ts-rs). Inside the crate, so the
//! roots need not be public; the test fails when a command names a type missing here.

use std::any::TypeId;
use std::collections::BTreeMap;

use setup_core::FormField;
use setup_core::{
    Arrived, ConnectionHealth, ConnectionKey, Event, SettingsForm, UrlReport, WizardView,
    WorkspacePreview,
};
use setup_core::{ConnectionSettings, Readiness};
use ts_rs::{Config, TypeVisitor, TS};

use super::app::AppInfo;
use super::bigcommerce::ApiAccountGuide;
use super::report::ReportSaved;
use crate::updates::{InstallOutcome, UpdateCheck, UpdateEvent};
use crate::AppEvent;

/// Name → `export type Name = …;` (with the type's doc comment), sorted by name.
pub fn declarations() -> BTreeMap<String, String> {
    let mut all = Collect {
        // Serde writes every integer as a JSON number; none comes near 2^53.
        cfg: Config::new().with_large_int("number"),
        found: BTreeMap::new(),
        ids: BTreeMap::new(),
    };
    all.visit::<AppInfo>();
    all.visit::<AppEvent>();
    all.visit::<ConnectionKey>();
    all.visit::<WizardView>();
    all.visit::<Event>();
    all.visit::<WorkspacePreview>();
    all.visit::<FormField>();
    all.visit::<Readiness>();
    all.visit::<ApiAccountGuide>();
    all.visit::<ConnectionHealth>();
    all.visit::<ConnectionSettings>();
    all.visit::<SettingsForm>();
    all.visit::<Arrived>();
    all.visit::<UrlReport>();
    all.visit::<ReportSaved>();
    all.visit::<UpdateCheck>();
    all.visit::<UpdateEvent>();
    all.visit::<InstallOutcome>();
    all.found
}

struct Collect {
    cfg: Config,
    found: BTreeMap<String, String>,
    /// Which Rust type each name stands for: two under one name would be one TypeScript type.
    ids: BTreeMap<String, TypeId>,
}

impl TypeVisitor for Collect {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Types without a file of their own (numbers, strings, Option, Vec …) are written inline.
        if T::output_path().is_none() {
            T::visit_generics(self);
            return;
        }
        let name = T::ident(&self.cfg);
        let id = *self.ids.entry(name.clone()).or_insert(TypeId::of::<T>());
        assert!(id == TypeId::of::<T>(), "two types are named {name}");
        if self.found.contains_key(&name) {
            return;
        }
        let docs = T::docs().unwrap_or_default();
        let decl = format!("{docs}export {}", T::decl(&self.cfg));
        self.found.insert(name, decl);
        T::visit_dependencies(self);
    }
}

//! Things the app tells the running window without being asked (not the wizard's progress):
//! today, a second launch in another mode. The page registers one channel with `app_events`.

use std::sync::Mutex;

use serde::Serialize;
use tauri::ipc::Channel;

use crate::args::{LaunchArgs, LaunchMode};

/// One app event, `{ "event": "...", "data": {...} }`.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", content = "data", rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum AppEvent {
    /// The app was started again while running. Only one window runs (single instance), so a
    /// launch in another mode (practice, a setup file, the real services) cannot open: the
    /// running window says so instead of silently coming to the front.
    #[serde(rename_all = "camelCase")]
    SecondLaunch {
        wanted: LaunchMode,
        running: LaunchMode,
    },
}

/// The page's channel, kept in managed state.
#[derive(Default)]
pub struct AppEvents(Mutex<Option<Channel<AppEvent>>>);

impl AppEvents {
    /// Where events go from now on.
    pub fn register(&self, channel: Channel<AppEvent>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(channel);
    }

    /// A second launch with `argv`: an event when it wanted another mode than `running`.
    pub fn second_launch(&self, running: &LaunchArgs, argv: &[String]) -> Option<AppEvent> {
        let wanted = LaunchArgs::parse(argv.iter().skip(1).cloned());
        let differs = wanted.mode() != running.mode()
            || (wanted.profile.is_some() && wanted.profile != running.profile);
        if !differs {
            return None;
        }
        let event = AppEvent::SecondLaunch {
            wanted: wanted.mode(),
            running: running.mode(),
        };
        log::info!("second launch in another mode: {event:?}");
        if let Some(channel) = self.0.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            if let Err(e) = channel.send(event.clone()) {
                log::debug!("app event not delivered: {e}");
            }
        }
        Some(event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(args: &[&str]) -> Vec<String> {
        std::iter::once("core1-bigcommerce-setup")
            .chain(args.iter().copied())
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn only_another_mode_is_news() {
        let events = AppEvents::default();
        let running = LaunchArgs::parse(["--profile".to_owned(), "a.json".to_owned()]);
        assert!(events
            .second_launch(&running, &argv(&["--profile", "a.json"]))
            .is_none());
        assert!(events
            .second_launch(&running, &argv(&["--verbose", "--profile=a.json"]))
            .is_none());
        for other in [&["--demo"][..], &[][..], &["--profile", "b.json"][..]] {
            let e = events.second_launch(&running, &argv(other));
            assert!(
                matches!(
                    e,
                    Some(AppEvent::SecondLaunch {
                        running: LaunchMode::SetupFile,
                        ..
                    })
                ),
                "{other:?}"
            );
        }
    }
}

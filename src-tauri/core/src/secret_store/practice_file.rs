//! Practice mode's secrets: a file in the practice data folder (`sign-ins.json`, mode 0600),
//! never the keyring.
//!
//! The one place a secret reaches a file, and why it may: practice secrets are toy secrets of
//! this computer's local practice server (which answers only its own address on 127.0.0.1),
//! whose world file keeps the same values anyway (a server keeps what it issued). Both files
//! live in the practice folder and go together ("Start practice over", or deleting the
//! folder), so a crash orphans nothing — which keyring items keyed by a practice address
//! would be — and practising never touches the merchant's keyring.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex};

use zeroize::Zeroize;

use crate::error::{Error, Result};
use crate::secret_string::SecretString;

pub(super) type Map = Arc<Mutex<HashMap<String, SecretString>>>;

/// The secrets saved at `path` (none when there is no file; an unreadable one is replaced at
/// the next write).
pub(super) fn load(path: &Path) -> Map {
    let mut map = HashMap::new();
    if let Ok(mut bytes) = std::fs::read(path) {
        match serde_json::from_slice::<BTreeMap<String, String>>(&bytes) {
            Ok(saved) => map.extend(saved.into_iter().map(|(k, v)| (k, SecretString::new(v)))),
            Err(_) => tracing::warn!("practice sign-ins file unreadable; starting without"),
        }
        bytes.zeroize();
    }
    Arc::new(Mutex::new(map))
}

/// Writes `map` to `path` (or removes the file when it is empty).
pub(super) fn save(path: &Path, map: &HashMap<String, SecretString>) -> Result<()> {
    let unwritable = |e: std::io::Error| Error::KeyringFailed {
        reason: format!("practice sign-ins file: {}", e.kind()),
    };
    if map.is_empty() {
        return match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(unwritable(e)),
            _ => Ok(()),
        };
    }
    let plain: BTreeMap<&str, &str> = map.iter().map(|(k, v)| (k.as_str(), v.expose())).collect();
    let mut bytes = serde_json::to_vec(&plain).map_err(|e| Error::internal(e.to_string()))?;
    let written = crate::files::write_privately(path, &bytes).map_err(unwritable);
    bytes.zeroize();
    written
}

//! Setup files: a JSON object overlaying its `base` profile (see the module docs of
//! [`super`]), and the id derived from what a profile points at.

use std::path::Path;

use super::*;

/// The largest setup file read. A real one is a few hundred bytes.
pub(super) const MAX_PROFILE_BYTES: u64 = 256 * 1024;

impl Profile {
    /// Read a profile file (JSON; see the module docs): a regular file of at most
    /// [`MAX_PROFILE_BYTES`], refused at once otherwise — a FIFO would hold the start until
    /// something writes to it, and a device such as `/dev/zero` never ends.
    pub fn load(path: &Path) -> Result<Self> {
        use std::io::Read as _;
        let invalid = |reason: String| Error::ProfileInvalid { reason };
        let unreadable = |e: std::io::Error| invalid(format!("cannot read the file: {}", e.kind()));
        let too_large = || invalid(format!("larger than {} KiB", MAX_PROFILE_BYTES / 1024));
        let meta = std::fs::metadata(path).map_err(unreadable)?;
        if !meta.is_file() {
            return Err(invalid("not a regular file".into()));
        }
        if meta.len() > MAX_PROFILE_BYTES {
            return Err(too_large());
        }
        let mut text = String::new();
        std::fs::File::open(path)
            .map_err(unreadable)?
            .take(MAX_PROFILE_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(unreadable)?;
        // A file that grew since it was measured is cut at the cap, never read on.
        if text.len() as u64 > MAX_PROFILE_BYTES {
            return Err(too_large());
        }
        Self::from_json(&text)
    }

    /// Parse a profile file's text: a JSON object overlaying its `base` profile.
    pub fn from_json(text: &str) -> Result<Self> {
        let invalid = |reason: String| Error::ProfileInvalid { reason };
        let overlay: serde_json::Value =
            serde_json::from_str(text).map_err(|e| invalid(format!("not valid JSON: {e}")))?;
        let serde_json::Value::Object(mut overlay) = overlay else {
            return Err(invalid("the file must hold a JSON object".into()));
        };
        // What only the app decides: where secrets and progress live, and whether it practises.
        for reserved in ["keyring_service", "practice", "file_id"] {
            if overlay.contains_key(reserved) {
                return Err(invalid(format!(
                    "a setup file cannot choose \"{reserved}\" (the app derives it)"
                )));
            }
        }
        // Updates: the file may turn the check off, nothing else (where they come from, and the
        // key they must be signed with, are fixed in the app).
        if let Some(updates) = overlay.get("updates") {
            let only_check = updates
                .as_object()
                .is_some_and(|m| m.iter().all(|(k, v)| k == "check" && v.is_boolean()));
            if !only_check {
                return Err(invalid(
                    "a setup file can only turn update checks off (\"updates\": {\"check\": false}); where updates come from is fixed in the app".into(),
                ));
            }
        }
        let base_name = match overlay.remove("base") {
            None => "production".to_owned(),
            Some(serde_json::Value::String(s)) => s,
            Some(_) => return Err(invalid("\"base\" must be a string".into())),
        };
        let sandbox_url = overlay.remove("sandbox_url");
        let base = match base_name.as_str() {
            "production" => Profile::production(),
            "demo" => {
                let url = sandbox_url
                    .as_ref()
                    .and_then(|v| v.as_str())
                    .and_then(|s| Url::parse(s).ok())
                    .ok_or_else(|| invalid("\"base\": \"demo\" needs a \"sandbox_url\"".into()))?;
                Profile::demo(&url)
            }
            other => return Err(invalid(format!("unknown base profile \"{other}\""))),
        };
        let mut merged = serde_json::to_value(&base)
            .map_err(|e| invalid(format!("cannot represent the base profile: {e}")))?;
        merge(&mut merged, serde_json::Value::Object(overlay.clone()));
        let mut profile: Profile = serde_json::from_value(merged)
            .map_err(|e| invalid(format!("a field has the wrong form: {e}")))?;
        // Secrets are not serialised, so the merge lost the base's; keep them unless the file
        // names its own.
        let names = |section: &str, field: &str| {
            overlay
                .get(section)
                .and_then(|s| s.get(field))
                .is_some_and(|v| !v.is_null())
        };
        if !names("bigcommerce", "client_secret") {
            profile.bigcommerce.client_secret = base.bigcommerce.client_secret.clone();
        }
        if !names("core1", "client_secret") {
            profile.core1.client_secret = base.core1.client_secret.clone();
        }
        profile.updates.check &= base.updates.check;
        // Practice comes only from `--demo`; a file's secrets and progress are its own, so it can
        // never read what another profile (production, another file) stored.
        profile.practice = false;
        let id = profile.derived_id();
        profile.keyring_service = format!("{DEFAULT_KEYRING_SERVICE}-{id}");
        profile.file_id = Some(id);
        profile.validate()?;
        Ok(profile)
    }

    /// `profile-` and 16 hex digits of a hash over the name and every endpoint and registration.
    fn derived_id(&self) -> String {
        use sha2::{Digest as _, Sha256};
        let mut h = Sha256::new();
        for part in [
            self.name.as_str(),
            &self.bigcommerce.login_url,
            &self.bigcommerce.api_url,
            &self.bigcommerce.api_accounts_url,
            &self.bigcommerce.connector_url,
            self.bigcommerce.client_id.as_deref().unwrap_or(""),
            &self.core1.workspace.name_url,
            &self.core1.workspace.domains.join(","),
            self.core1.client_id.as_deref().unwrap_or(""),
        ] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        let digest = h.finalize();
        let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        format!("profile-{hex}")
    }
}

fn merge(into: &mut serde_json::Value, from: serde_json::Value) {
    match (into, from) {
        (serde_json::Value::Object(a), serde_json::Value::Object(b)) => {
            for (k, v) in b {
                match a.get_mut(&k) {
                    Some(existing) if existing.is_object() && v.is_object() => merge(existing, v),
                    _ => {
                        a.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

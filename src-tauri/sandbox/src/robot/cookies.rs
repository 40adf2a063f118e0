//! The robot's cookie jar on disk: how "the browser is still logged in" survives between runs.

use crate::{Error, Result};
use reqwest_cookie_store::{CookieStore, CookieStoreMutex};
use std::path::Path;

fn cookie_error(path: &Path, reason: impl std::fmt::Display) -> Error {
    Error::CookieFile {
        path: path.display().to_string(),
        reason: reason.to_string(),
    }
}

/// The jar in `path`; a missing file is an empty jar (a browser never used).
pub(super) fn load_cookies(path: Option<&Path>) -> Result<CookieStore> {
    let Some(path) = path else {
        return Ok(CookieStore::default());
    };
    match std::fs::File::open(path) {
        Ok(f) => cookie_store::serde::json::load(std::io::BufReader::new(f))
            .map_err(|e| cookie_error(path, e)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(CookieStore::default()),
        Err(e) => Err(cookie_error(path, e)),
    }
}

/// Writes the jar (session cookies too: the browser is still running) via a temporary file.
pub(super) fn save_cookies(jar: &CookieStoreMutex, path: &Path) -> Result<()> {
    let mut bytes = Vec::new();
    {
        let store = jar.lock().map_err(|_| cookie_error(path, "jar poisoned"))?;
        cookie_store::serde::json::save_incl_expired_and_nonpersistent(&store, &mut bytes)
            .map_err(|e| cookie_error(path, e))?;
    }
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, &bytes).map_err(|e| cookie_error(path, e))?;
    std::fs::rename(&tmp, path).map_err(|e| cookie_error(path, e))
}

//! Everything the core logs during a test, captured in memory: for the tests that search the
//! logs for secrets. One global subscriber per test binary, so each such test is its own binary.

use std::io::Write;
use std::sync::{Arc, Mutex};

/// The formatted log lines written so far (cloned handles share one buffer).
#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    /// What was logged so far, as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs the process's tracing subscriber at `filter` (an `EnvFilter` directive, e.g.
/// `setup_core=trace`), writing plain text into the returned buffer.
pub fn capture_logs(filter: &str) -> Captured {
    let logs = Captured::default();
    let writer = logs.clone();
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .init();
    logs
}

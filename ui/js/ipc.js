// @ts-check
// The one door to the Rust side. Errors arrive as {code, message}; screens branch on `code`.
/** @type {any} Tauri's global API (`withGlobalTauri`). */
const tauri = /** @type {any} */ (window).__TAURI__;

/**
 * Runs a command; rejects with a `UiError` (an unexpected failure becomes `internal`).
 * @param {string} cmd
 * @param {Record<string, unknown>} [args]
 * @returns {Promise<any>}
 */
export function invoke(cmd, args = {}) {
  return tauri.core.invoke(cmd, args).catch((/** @type {unknown} */ err) => {
    if (err && typeof err === 'object' && 'code' in err) throw err;
    throw { code: 'internal', message: String(err) };
  });
}

/**
 * A progress stream from a long-running command (tauri::ipc::Channel on the Rust side).
 * @param {(message: any) => void} onMessage
 */
export function channel(onMessage) {
  const ch = new tauri.core.Channel();
  ch.onmessage = onMessage;
  return ch;
}

// @ts-check
// The one door to the Rust side, used by the generated `api.js` alone (screens call its
// functions). Errors arrive as {code, message}; screens branch on `code`.
/** @type {any} Tauri's global API (`withGlobalTauri`). */
const tauri = /** @type {any} */ (window).__TAURI__;

/**
 * Runs one of the app's commands (the Rust side registers them as the plugin `wizard`);
 * rejects with a `UiError` (an unexpected failure becomes `internal`).
 * @param {string} cmd the command's name, e.g. `wizard_view`
 * @param {Record<string, unknown>} [args]
 * @returns {Promise<any>}
 */
export function invoke(cmd, args = {}) {
  return tauri.core.invoke(`plugin:wizard|${cmd}`, args).catch((/** @type {unknown} */ err) => {
    if (err && typeof err === 'object' && 'code' in err) throw err;
    throw { code: 'internal', message: String(err) };
  });
}

/**
 * What a command streams its progress through (`tauri::ipc::Channel<T>` on the Rust side).
 * @template T
 * @typedef {{ onmessage: (message: T) => void }} Channel
 */

/**
 * A progress stream from a long-running command.
 * @template T
 * @param {(message: T) => void} onMessage
 * @returns {Channel<T>}
 */
export function channel(onMessage) {
  const ch = new tauri.core.Channel();
  ch.onmessage = onMessage;
  return ch;
}

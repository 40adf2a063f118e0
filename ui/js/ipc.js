// The one door to the Rust side. Errors arrive as {code, message}; screens branch on `code`.
const tauri = window.__TAURI__;

export function invoke(cmd, args = {}) {
  return tauri.core.invoke(cmd, args).catch((err) => {
    if (err && typeof err === 'object' && 'code' in err) throw err;
    throw { code: 'internal', message: String(err) };
  });
}

// A progress stream from a long-running command (tauri::ipc::Channel on the Rust side).
export function channel(onMessage) {
  const ch = new tauri.core.Channel();
  ch.onmessage = onMessage;
  return ch;
}

// @ts-check
// The screens' own contracts, and short names for the generated shapes the Rust side sends
// (ui/types/ipc.d.ts), as JSDoc types for `tsc --noEmit` (tsconfig.json at the repository root).
// Nothing here runs: the file only holds types, which other files import in JSDoc comments.

/**
 * An error as every command rejects with it (`{code, message}`; the API-account check adds the
 * locale keys of the missing access rows).
 * @typedef {{ code: string, message?: string, missing?: string[], storeHash?: string }} UiError
 */

// What the Rust side sends: generated from its types (ui/types/ipc.d.ts, by src-tauri/tests/ipc.rs).
/** @typedef {import('../types/ipc').Step} Step */
/** @typedef {import('../types/ipc').StoreRoad} StoreRoad */
/** @typedef {import('../types/ipc').Phase} Phase */
/** @typedef {import('../types/ipc').StoreSummary} StoreSummary */
/** @typedef {import('../types/ipc').WorkspaceSummary} WorkspaceSummary */
/** @typedef {import('../types/ipc').WorkspacePreview} WorkspacePreview */
/** @typedef {import('../types/ipc').Candidate} Candidate */
/** @typedef {import('../types/ipc').ConnectorInfo} ConnectorInfo */
/** @typedef {import('../types/ipc').Core1Info} Core1Info */
/** @typedef {import('../types/ipc').Readiness} Readiness */
/** @typedef {import('../types/ipc').Progress} Progress */
/** @typedef {import('../types/ipc').ConnectionKey} ConnectionKey */
/** @typedef {import('../types/ipc').ConnectionStatus} ConnectionStatus */
/** @typedef {import('../types/ipc').WizardView} WizardView */
/** @typedef {import('../types/ipc').ConnectionHealth} ConnectionHealth */
/** @typedef {import('../types/ipc').Restarted} Restarted */
/** @typedef {import('../types/ipc').AppInfo} AppInfo */
/** @typedef {import('../types/ipc').UpdateOffer} UpdateOffer */
/** @typedef {import('../types/ipc').UpdateCheck} UpdateCheck */
/** @typedef {import('../types/ipc').UpdateEvent} UpdateEvent */
/** @typedef {import('../types/ipc').ScopeToTick} ScopeToTick */
/** @typedef {import('../types/ipc').ApiAccountGuide} ApiAccountGuide */
/** @typedef {import('../types/ipc').AppEvent} AppEvent */
/** What a long-running command reports on its channel. @typedef {import('../types/ipc').Event} WizardEvent */

/**
 * A command a screen runs while it shows that it is busy (components/task.js).
 * @typedef {{ busy: boolean, error: UiError | null }} Task
 */

/**
 * What a screen gets from main.js: the view, and ways to redraw itself or move on.
 * @typedef {{
 *   view: WizardView,
 *   refresh: (focus?: string | null) => void,
 *   show: (view: WizardView) => void,
 *   fail: (err: unknown) => void,
 *   ignoreEvents: () => import('./ipc.js').Channel<WizardEvent>,
 * }} ScreenContext
 */

/**
 * A screen: draws itself from its state; may name its window title and stop what it runs.
 * @typedef {{ render: () => HTMLElement, titleKey?: () => string, leave?: () => void }} Screen
 */

export {};

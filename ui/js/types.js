// @ts-check
// The shapes the Rust side sends (serde, camelCase fields) and the screens' own contracts, as
// JSDoc types for `tsc --noEmit` (tsconfig.json at the repository root). Nothing here runs: the
// file only holds types, which other files import in JSDoc comments.
// Sources: src-tauri/core/src/wizard/{engine,progress,events,manage,step}.rs,
// core1/channels.rs, secrets.rs, error.rs, updates/; src-tauri/src/commands/{app,bigcommerce}.rs,
// events.rs and updates.rs.

/**
 * An error as every command rejects with it (`{code, message}`; the API-account check adds the
 * locale keys of the missing access rows).
 * @typedef {{ code: string, message?: string, missing?: string[], storeHash?: string }} UiError
 */

/** @typedef {'welcome' | 'workspace' | 'core1' | 'bigcommerce' | 'status' | 'manage'} Step */
/** @typedef {'connector' | 'api_account' | 'own_app'} StoreRoad */
/** @typedef {'created' | 'checking_credentials' | 'creating_attributes' | 'synchronizing' | 'active' | 'failed' | 'disabled'} Phase */

/** @typedef {{ hash: string, name: string, domain: string, secureUrl: string, planName: string, road: StoreRoad }} StoreSummary */
/** @typedef {{ input: string, url: string }} WorkspaceSummary */
/** @typedef {{ url: string, display: string }} WorkspacePreview */
/** @typedef {{ prefix: string, name: string, suffix: string }} ConnectorField */
/** @typedef {{ id: number, name: string, storeHash: string, isNew: boolean }} Candidate */
/**
 * @typedef {{
 *   name: string, helpAfterMs: number, waitingSince: number | null,
 *   field: ConnectorField | null, candidates: Candidate[], copiedEarlier: boolean,
 * }} ConnectorInfo
 */
/** @typedef {{ name: string, clientId: string, onlyAuthScopes: boolean, redirectUri: string }} RegistrationForm */
/** @typedef {{ registration: RegistrationForm, registrationNeeded: boolean }} Core1Info */
/**
 * What Core1 lacks before a BigCommerce connection (`core1/channels/readiness.rs`).
 * @typedef {{ kind: 'omni_channel_missing' | 'omni_channel_outdated' | 'driver_missing' | 'driver_outdated' | 'may_not_create', installed?: string }} ReadinessProblem
 */
/** @typedef {{ problems: ReadinessProblem[] }} Readiness */
/** @typedef {{ done: number, total: number }} Progress */

/**
 * Which known connection: its workspace (as the core derived it) and its id there. Handed back
 * to the core as it came; never built by the page.
 * @typedef {{ workspace: { name: string, base: string }, id: number }} ConnectionKey
 */

/**
 * Core1's connection for the store, as last seen.
 * @typedef {{
 *   id: number, name: string, storeHash: string, phase: Phase, enabled: boolean,
 *   credentialsValid: boolean | null,
 *   attributes: Progress, attributeSets: Progress, attributeGroups: Progress, sync: Progress,
 *   errorCode: string | null, errorMessage: string | null,
 *   orderReturnErrors: boolean | null,
 * }} ConnectionStatus
 */

/** @typedef {{ kind: 'persistent' } | { kind: 'session_only', reason: string | null } | { kind: 'checking' }} SecretStoreStatus */

/**
 * What every wizard command answers with: the engine's state for the screens.
 * @typedef {{
 *   step: Step,
 *   practice: boolean,
 *   store: StoreSummary | null,
 *   workspace: WorkspaceSummary | null,
 *   workspaceDisplay: string | null,
 *   prefilledWorkspace: string | null,
 *   prefilledBy: 'consultant' | 'practice' | null,
 *   connector: ConnectorInfo,
 *   outcome: 'created' | 'updated' | null,
 *   connection: ConnectionStatus | null,
 *   connectionKey: ConnectionKey | null,
 *   core1Url: string | null,
 *   knownConnections: number,
 *   notice: 'progress_reset' | 'progress_from_newer_version' | 'connector_paused' | null,
 *   secretStorage: SecretStoreStatus,
 *   hostsToConfirm: string[] | null,
 *   bigcommerceSigninAvailable: boolean,
 *   signingIn: boolean,
 *   core1: Core1Info | null,
 * }} WizardView
 */

/** @typedef {'valid' | 'invalid' | 'missing' | 'not_held' | 'unknown'} StoreAccess */
/** @typedef {'active' | 'working' | 'failed' | 'disabled' | 'sign_in_needed' | 'gone' | 'unknown'} Core1State */

/**
 * One connection made on this computer, with its health (Manage).
 * @typedef {{
 *   key: ConnectionKey, tag: string,
 *   storeHash: string, storeName: string, storeDomain: string,
 *   workspaceUrl: string, workspaceDisplay: string, connectorName: string,
 *   road: StoreRoad,
 *   storeAccess: StoreAccess, storeCode: string | null,
 *   core1: Core1State, core1Code: string | null,
 *   connection: ConnectionStatus | null,
 *   needsAttention: boolean,
 * }} ConnectionHealth
 */

/**
 * The first launch after an update restarted the app (src-tauri/core/src/updates/memory.rs).
 * @typedef {{ kind: 'updated', version: string } | { kind: 'not_applied', wanted: string, running: string }} Restarted
 */
/**
 * @typedef {{
 *   version: string, osLocale: string | null, practice: boolean, workspace: string | null,
 *   startupError: string | null, restarted: Restarted | null, practiceMoved: boolean,
 * }} AppInfo
 */

/**
 * A newer version (src-tauri/core/src/updates/notes.rs): its notes per two-letter language, and
 * the release's own (English).
 * @typedef {{
 *   version: string, current: string, date: string | null,
 *   notes: { default: string | null, byLanguage: Record<string, string> },
 * }} UpdateOffer
 */
/**
 * What the background check found (src-tauri/src/updates.rs).
 * @typedef {{ outcome: 'offered' | 'up_to_date' | 'skipped' | 'failed', offer: UpdateOffer | null }} UpdateCheck
 */
/**
 * *Update now*'s progress (`tag = "event", content = "data"`).
 * @typedef {{ event: 'downloading', data: { downloaded: number, total: number | null } }
 *   | { event: 'verifying' } | { event: 'installing' } | { event: 'restarting' }} UpdateEvent
 */
/** @typedef {{ labelKey: string, controlPanel: string, access: 'read_only' | 'modify' }} ScopeToTick */
/** @typedef {{ scopes: ScopeToTick[] }} ApiAccountGuide */

/**
 * What a long-running command reports on its channel (`tag = "event", content = "data"`).
 * @typedef {{ event: 'browserOpened', data: { provider: string, url: string } }
 *   | { event: 'browserNotOpened', data: { provider: string, url: string } }
 *   | { event: 'signingIn', data: { provider: string } }
 *   | { event: 'storeFound', data: { store: StoreSummary } }
 *   | { event: 'status', data: { connection: ConnectionStatus } }
 *   | { event: 'retrying', data: { code: string, inMs: number } }} WizardEvent
 */

/** @typedef {{ event: 'secondLaunch', data: { wanted: string, running: string } }} AppEvent */

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
 *   ignoreEvents: () => unknown,
 * }} ScreenContext
 */

/**
 * A screen: draws itself from its state; may name its window title and stop what it runs.
 * @typedef {{ render: () => HTMLElement, titleKey?: () => string, leave?: () => void }} Screen
 */

export {};

// @ts-check
// Starts the UI and moves between screens: one module per screen, each drawn from the engine's
// view. Screens ask for a redraw through their `ctx`; nothing polls.
import { channel } from './ipc.js';
import { appInfo, appOpenLogFolder, appEvents, appWindowReady, appCopySupportReport, wizardView } from './api.js';
import { applyTo, language, loadFallback, onLanguageChange, pickLanguage, setLanguage, t } from './i18n.js';
import { byId, el, announce, one } from './dom.js';
import { renderStepper } from './stepper.js';
import { renderNotices, addNotice } from './components/notices.js';
import { wireStartOver } from './components/startover.js';
import { announceError, codeOf, errorPanel, errorWords } from './components/errors.js';
import { createWelcome } from './screens/welcome.js';
import { createBigCommerce } from './screens/bigcommerce.js';
import { createWorkspace } from './screens/workspace.js';
import { createCore1 } from './screens/core1.js';
import { createStatus } from './screens/status.js';
import { createManage } from './screens/manage.js';

/** @type {Record<string, (ctx: import('./types.js').ScreenContext) => import('./types.js').Screen>} */
const SCREENS = {
  welcome: createWelcome,
  bigcommerce: createBigCommerce,
  workspace: createWorkspace,
  core1: createCore1,
  status: createStatus,
  manage: createManage,
};

/**
 * The app's one state: what the shell said at start, the engine's view, the screen shown (with
 * a token that goes stale when another screen takes over), a problem that stopped the wizard.
 * @type {{
 *   info: import('./types.js').AppInfo | null,
 *   view: import('./types.js').WizardView | null,
 *   current: { step: string, token: symbol, screen: import('./types.js').Screen | null } | null,
 *   fatal: import('./types.js').UiError | null,
 *   sessionNoticeShown: boolean,
 * }}
 */
const app = { info: null, view: null, current: null, fatal: null, sessionNoticeShown: false };

// Whether all of `node` shows in the screen's scrolling area (anything outside it: yes).
/** @param {HTMLElement | null} node */
function shownInArea(node) {
  const area = byId('screen-body');
  if (!node || !area.contains(node)) return true;
  const r = node.getBoundingClientRect();
  const a = area.getBoundingClientRect();
  return r.top >= a.top - 1 && r.bottom <= a.bottom + 1;
}

// Focuses the element with this test id and, with `reveal`, scrolls all of it into view (a
// focus() alone leaves a half-visible element where it is).
/**
 * @param {string | null | undefined} testid
 * @param {boolean} [reveal]
 */
function focusTestid(testid, reveal = true) {
  if (!testid) return false;
  const node = /** @type {HTMLElement | null} */ (document.querySelector(`#screen [data-testid="${testid}"]`));
  if (!node) return false;
  // While the window is still hidden (the first screen, before `app_window_ready`) its layout has
  // another size: scrolling for it would leave the screen scrolled once shown.
  const hidden = document.visibilityState !== 'visible';
  node.focus({ preventScroll: !reveal || hidden });
  if (reveal && !hidden && !shownInArea(node)) node.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  return document.activeElement === node;
}

// The screen's content scrolls in its own area; its own buttons (a card's `.actions`) sit in a
// bar below it, always in view and never over the content (800x600, large text, zoom), so
// nothing the keyboard focuses or a pointer aims at is ever hidden behind them.
/** @param {HTMLElement} body */
function placeActions(body) {
  const bar = byId('screen-actions');
  const actions = body.querySelector(':scope > .actions');
  if (actions) bar.replaceChildren(actions);
  else bar.replaceChildren();
  bar.hidden = !actions;
}

// When the screen's content is taller than its area, the area itself takes a Tab stop (a named
// region), so the keyboard can scroll what no control inside reaches.
const scrollWatch = new ResizeObserver(() => markScrollable());
function markScrollable() {
  const area = byId('screen-body');
  if (area.scrollHeight > area.clientHeight + 1) {
    area.setAttribute('tabindex', '0');
    area.setAttribute('role', 'region');
    area.setAttribute('aria-label', t('app.content'));
  } else {
    ['tabindex', 'role', 'aria-label'].forEach((a) => area.removeAttribute(a));
  }
}

/** @param {string | null | undefined} focus 'heading', a test id to focus, or nothing */
function draw(focus) {
  const screenNode = byId('screen');
  const active = /** @type {HTMLElement | null} */ (document.activeElement);
  const keep = active && screenNode.contains(active) ? active.dataset.testid : null;
  // A focused element that was in view stays in view when the redraw adds content above it
  // (e.g. a list that arrives later); one the user scrolled away from is left where it is.
  const keepShown = keep ? shownInArea(active) : false;
  const step = app.view ? app.view.step : 'welcome';
  one('.stepper').hidden = step === 'manage';
  renderStepper(step);
  renderNotices();
  const body = app.fatal
    ? el('section', { class: 'card', testid: 'fatal' }, el('h1', { id: 'screen-title', tabindex: '-1' }, t('app.title')),
      errorPanel({ code: app.fatal.code, prefix: 'fatal-error', onRetry: restart }))
    : /** @type {import('./types.js').Screen} */ (app.current && app.current.screen).render();
  const area = byId('screen-body');
  area.replaceChildren(body);
  placeActions(body);
  scrollWatch.disconnect();
  scrollWatch.observe(area);
  scrollWatch.observe(body);
  markScrollable();
  document.querySelectorAll('.lang-btn').forEach((b) => {
    b.setAttribute('aria-pressed', String(/** @type {HTMLElement} */ (b).dataset.lang === language()));
  });
  updateTitle(step);
  if (focus === 'heading') {
    const h = screenNode.querySelector('h1');
    if (h) h.focus();
  } else if (!focusTestid(focus) && keep) {
    focusTestid(keep, keepShown);
  }
}

// The window's title names the step ("Core1 BigCommerce Setup — Sign in to Core1") in the
// chosen language, so a screen reader and the task bar say where the user is. A screen may name
// its own state (`titleKey()`, e.g. the store step's road). WebKitGTK does not pass
// document.title on to the native window: the window API sets that one too.
/** @type {string | null} */
let shownTitle = null;
/** @param {string} step */
function updateTitle(step) {
  const screen = app.current && app.current.screen;
  const key = app.fatal ? 'windowTitle.problem' : (screen && screen.titleKey && screen.titleKey()) || `windowTitle.${step}`;
  const title = `${t('app.title')} — ${t(key)}`;
  if (title === shownTitle) return;
  shownTitle = title;
  document.title = title;
  const tauri = /** @type {any} */ (window).__TAURI__;
  const win = tauri && tauri.window;
  if (win) win.getCurrentWindow().setTitle(title).catch(() => {});
}

// The context a screen gets: the view, and ways to redraw itself or move on.
/**
 * @param {symbol} token the screen's; once another screen takes over, its calls do nothing
 * @returns {import('./types.js').ScreenContext}
 */
function contextFor(token) {
  const isCurrent = () => app.current && app.current.token === token;
  return {
    get view() {
      return /** @type {import('./types.js').WizardView} */ (app.view);
    },
    set view(v) {
      if (isCurrent()) takeView(v);
    },
    refresh(focus) {
      if (isCurrent() && app.current && app.current.screen) draw(focus);
    },
    show(view) {
      if (isCurrent()) show(view);
    },
    fail(err) {
      announceError(err);
      if (isCurrent()) {
        app.fatal = { code: codeOf(err) };
        draw('fatal-error-title');
      }
    },
    ignoreEvents: () => channel(() => {}),
  };
}

/** @param {import('./types.js').WizardView} view */
function takeView(view) {
  app.view = view;
  if (view.notice) addNotice(`notice.${view.notice}`, `notice-${view.notice.replace(/_/g, '-')}`);
  // Practice keeps its sign-ins in its own folder (never session-only): nothing to say.
  if (!app.sessionNoticeShown && !view.practice && view.secretStorage && view.secretStorage.kind === 'session_only') {
    app.sessionNoticeShown = true;
    addNotice('notice.sessionOnly', 'notice-session-only');
  }
}

/** @param {import('./types.js').WizardView} view */
function show(view) {
  takeView(view);
  app.fatal = null;
  if (app.current && app.current.step === view.step) {
    draw(null);
    return;
  }
  if (app.current && app.current.screen && app.current.screen.leave) app.current.screen.leave();
  const token = Symbol(view.step);
  app.current = { step: view.step, token, screen: null };
  app.current.screen = (SCREENS[view.step] || SCREENS.welcome)(contextFor(token));
  draw('heading');
  announce(document.querySelector('#screen h1')?.textContent || '');
}

async function restart() {
  app.fatal = null;
  app.current = null;
  show(await wizardView());
}

function wireHelp() {
  one('[data-testid="help-copy-report"]').addEventListener('click', async () => {
    try {
      await appCopySupportReport(null);
      flash(() => t('help.reportCopied'));
    } catch {
      flash(() => t('help.reportNotCopied'));
    }
  });
  one('[data-testid="help-open-logs"]').addEventListener('click', async () => {
    try {
      await appOpenLogFolder();
      flash(() => t('help.logsOpened'));
    } catch (err) {
      const code = codeOf(err);
      flash(() => { const w = errorWords(code); return `${w.text} ${w.next}`; });
    }
  });
}

// A short confirmation next to the help buttons, also said by the announcer. It keeps how to
// say it, not the words, so a language switch redraws it in the new language.
/** @type {(() => string) | null} */
let flashed = null;
/** @param {() => string} words the words in the language of the moment */
function flash(words) {
  flashed = words;
  drawFlash();
  announce(words());
}
function drawFlash() {
  one('[data-testid="help-message"]').textContent = flashed ? flashed() : '';
}

// What the app says unasked: a second launch in another mode cannot open a second window.
function listenForAppEvents() {
  const events = channel((msg) => {
    if (!msg || msg.event !== 'secondLaunch') return;
    const { wanted, running } = msg.data;
    addNotice('notice.secondLaunch', 'notice-second-launch', {}, {
      wanted: `notice.mode.${wanted}`,
      running: `notice.mode.${running}`,
    });
    if (app.current) draw(null);
  });
  appEvents(events).catch(() => {});
}

// Marks read by the benchmark (tests/bench) to say where start-up time goes.
const mark = (/** @type {string} */ name) => performance.mark(name);

// The window opens hidden and is shown once the first screen is drawn (`app_window_ready`), so
// nobody sees an empty window; `visible` marks when the page became visible, and a test checks
// it never comes before `drawn`.
// While hidden, the page is laid out in a window of another size, so nothing is scrolled into
// view then (`focusTestid`); once shown, the focused element is brought into view if it is not
// (seen before: Welcome's heading scrolled out of the top).
if (document.visibilityState === 'visible') mark('visible');
else {
  const onVisible = () => {
    if (document.visibilityState !== 'visible') return;
    mark('visible');
    document.removeEventListener('visibilitychange', onVisible);
    requestAnimationFrame(() => requestAnimationFrame(() => {
      // Nobody has scrolled a screen they could not see: whatever the hidden layout left is reset.
      byId('screen-body').scrollTop = 0;
      const a = document.activeElement;
      if (a instanceof HTMLElement && a !== document.body && !shownInArea(a)) a.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }));
  };
  document.addEventListener('visibilitychange', onVisible);
}

async function start() {
  mark('modules-loaded');
  // What the first screen needs is asked for at once — the app's facts, the engine's view and
  // the English words — not one after another: one round trip to Rust instead of three in a row.
  /** @type {[import('./types.js').AppInfo, import('./types.js').WizardView, unknown]} */
  const [info, view] = await Promise.all([appInfo(), wizardView(), loadFallback()]);
  app.info = info;
  mark('app-info');
  one('[data-testid="practice-badge"]').hidden = !info.practice;
  document.body.classList.toggle('practice', info.practice);
  document.querySelectorAll('.lang-btn').forEach((b) => {
    b.addEventListener('click', () => setLanguage(/** @type {HTMLElement} */ (b).dataset.lang || 'en', true));
  });
  wireHelp();
  const redrawStartOver = wireStartOver(info.practice, (view) => { app.current = null; show(view); }, announceError);
  await setLanguage(pickLanguage(info.osLocale));
  mark('words-loaded');
  onLanguageChange(() => { drawFlash(); if (app.current) draw(null); if (redrawStartOver) redrawStartOver(); });
  if (info.practiceMoved) addNotice('notice.practiceMoved', 'notice-practice-moved');
  if (info.startupError) addNotice(`errors.${info.startupError}.text`, 'notice-startup-error');
  const restarted = info.restarted;
  if (restarted) {
    if (restarted.kind === 'updated') addNotice('notice.updated', 'notice-updated', { version: restarted.version });
    else addNotice('notice.updateNotApplied', 'notice-update-not-applied', { wanted: restarted.wanted, running: restarted.running });
  }
  listenForAppEvents();
  show(view);
  applyTo(document);
  mark('drawn');
  appWindowReady().catch(() => {});
  // Ready once the first screen is laid out and painted, so nobody acts on a blank window.
  await new Promise((resolve) => requestAnimationFrame(() => { mark('frame-1'); requestAnimationFrame(resolve); }));
  mark('frame-2');
  document.body.dataset.ready = 'true';
}

start().catch((err) => {
  byId('screen-body').textContent = `${t('app.startFailed')} (${err && err.code ? err.code : 'internal'})`;
  appWindowReady().catch(() => {});
});

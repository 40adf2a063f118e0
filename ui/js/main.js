// Starts the UI and moves between screens: one module per screen, each drawn from the engine's
// view. Screens ask for a redraw through their `ctx`; nothing polls.
import { invoke, channel } from './ipc.js';
import { applyTo, language, loadFallback, onLanguageChange, pickLanguage, setLanguage, t } from './i18n.js';
import { el, announce } from './dom.js';
import { renderStepper } from './stepper.js';
import { renderNotices, addNotice } from './components/notices.js';
import { errorPanel, errorWords } from './components/errors.js';
import { createWelcome } from './screens/welcome.js';
import { createBigCommerce } from './screens/bigcommerce.js';
import { createWorkspace } from './screens/workspace.js';
import { createCore1 } from './screens/core1.js';
import { createStatus } from './screens/status.js';
import { createManage } from './screens/manage.js';

const SCREENS = {
  welcome: createWelcome,
  bigcommerce: createBigCommerce,
  workspace: createWorkspace,
  core1: createCore1,
  status: createStatus,
  manage: createManage,
};

const app = { info: null, view: null, current: null, fatal: null, sessionNoticeShown: false };

// Whether all of `node` shows in the screen's scrolling area (anything outside it: yes).
function shownInArea(node) {
  const area = document.getElementById('screen-body');
  if (!node || !area.contains(node)) return true;
  const r = node.getBoundingClientRect();
  const a = area.getBoundingClientRect();
  return r.top >= a.top - 1 && r.bottom <= a.bottom + 1;
}

// Focuses the element with this test id and, with `reveal`, scrolls all of it into view (a
// focus() alone leaves a half-visible element where it is).
function focusTestid(testid, reveal = true) {
  if (!testid) return false;
  const node = document.querySelector(`#screen [data-testid="${testid}"]`);
  if (!node) return false;
  node.focus({ preventScroll: !reveal });
  if (reveal && !shownInArea(node)) node.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  return document.activeElement === node;
}

// The screen's content scrolls in its own area; its own buttons (a card's `.actions`) sit in a
// bar below it, always in view and never over the content (800x600, large text, zoom), so
// nothing the keyboard focuses or a pointer aims at is ever hidden behind them.
function placeActions(body) {
  const bar = document.getElementById('screen-actions');
  const actions = body.querySelector(':scope > .actions');
  if (actions) bar.replaceChildren(actions);
  else bar.replaceChildren();
  bar.hidden = !actions;
}

// When the screen's content is taller than its area, the area itself takes a Tab stop (a named
// region), so the keyboard can scroll what no control inside reaches.
const scrollWatch = new ResizeObserver(() => markScrollable());
function markScrollable() {
  const area = document.getElementById('screen-body');
  if (area.scrollHeight > area.clientHeight + 1) {
    area.setAttribute('tabindex', '0');
    area.setAttribute('role', 'region');
    area.setAttribute('aria-label', t('app.content'));
  } else {
    ['tabindex', 'role', 'aria-label'].forEach((a) => area.removeAttribute(a));
  }
}

function draw(focus) {
  const screenNode = document.getElementById('screen');
  const active = document.activeElement;
  const keep = active && screenNode.contains(active) ? active.dataset.testid : null;
  // A focused element that was in view stays in view when the redraw adds content above it
  // (e.g. a list that arrives later); one the user scrolled away from is left where it is.
  const keepShown = keep ? shownInArea(active) : false;
  const step = app.view ? app.view.step : 'welcome';
  document.querySelector('.stepper').hidden = step === 'manage';
  renderStepper(step);
  renderNotices();
  const body = app.fatal
    ? el('section', { class: 'card', testid: 'fatal' }, el('h1', { id: 'screen-title', tabindex: '-1' }, t('app.title')),
      errorPanel({ code: app.fatal.code, prefix: 'fatal-error', onRetry: restart }))
    : app.current.screen.render();
  const area = document.getElementById('screen-body');
  area.replaceChildren(body);
  placeActions(body);
  scrollWatch.disconnect();
  scrollWatch.observe(area);
  scrollWatch.observe(body);
  markScrollable();
  document.querySelectorAll('.lang-btn').forEach((b) => {
    b.setAttribute('aria-pressed', String(b.dataset.lang === language()));
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
let shownTitle = null;
function updateTitle(step) {
  const screen = app.current && app.current.screen;
  const key = app.fatal ? 'windowTitle.problem' : (screen && screen.titleKey && screen.titleKey()) || `windowTitle.${step}`;
  const title = `${t('app.title')} — ${t(key)}`;
  if (title === shownTitle) return;
  shownTitle = title;
  document.title = title;
  const win = window.__TAURI__ && window.__TAURI__.window;
  if (win) win.getCurrentWindow().setTitle(title).catch(() => {});
}

// The context a screen gets: the view, and ways to redraw itself or move on.
function contextFor(token) {
  const isCurrent = () => app.current && app.current.token === token;
  return {
    get view() {
      return app.view;
    },
    set view(v) {
      if (isCurrent()) takeView(v);
    },
    refresh(focus) {
      if (isCurrent() && app.current.screen) draw(focus);
    },
    show(view) {
      if (isCurrent()) show(view);
    },
    fail(err) {
      const w = errorWords(err && err.code ? err.code : 'internal');
      announce(`${w.text} ${w.next}`);
      if (isCurrent()) {
        app.fatal = err && err.code ? err : { code: 'internal' };
        draw('fatal-error-title');
      }
    },
    ignoreEvents: () => channel(() => {}),
  };
}

function takeView(view) {
  app.view = view;
  if (view.notice) addNotice(`notice.${view.notice}`, `notice-${view.notice.replace(/_/g, '-')}`);
  if (!app.sessionNoticeShown && view.secretStorage && view.secretStorage.kind === 'session_only') {
    app.sessionNoticeShown = true;
    addNotice('notice.sessionOnly', 'notice-session-only');
  }
}

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
  show(await invoke('wizard_view'));
}

function wireHelp() {
  document.querySelector('[data-testid="help-copy-report"]').addEventListener('click', async () => {
    try {
      const report = await invoke('support_report');
      await navigator.clipboard.writeText(report);
      announce(t('help.reportCopied'));
      flash(t('help.reportCopied'));
    } catch {
      announce(t('help.reportNotCopied'));
      flash(t('help.reportNotCopied'));
    }
  });
  document.querySelector('[data-testid="help-open-logs"]').addEventListener('click', async () => {
    try {
      await invoke('open_log_folder');
      flash(t('help.logsOpened'));
    } catch (err) {
      const w = errorWords(err.code);
      flash(`${w.text} ${w.next}`);
    }
  });
}

// A short confirmation next to the help buttons (also said by the announcer).
function flash(text) {
  const node = document.querySelector('[data-testid="help-message"]');
  node.textContent = text;
}

// What the app says unasked: a second launch in another mode cannot open a second window.
function listenForAppEvents() {
  const events = channel((msg) => {
    if (!msg || msg.event !== 'secondLaunch') return;
    const { wanted, running } = msg.data;
    addNotice('notice.secondLaunch', 'notice-second-launch', {
      wanted: t(`notice.mode.${wanted}`),
      running: t(`notice.mode.${running}`),
    });
    if (app.current) draw(null);
  });
  invoke('app_events', { onEvent: events }).catch(() => {});
}

// Marks read by the benchmark (tests/bench) to say where start-up time goes.
const mark = (name) => performance.mark(name);

async function start() {
  mark('modules-loaded');
  // What the first screen needs is asked for at once — the app's facts, the engine's view and
  // the English words — not one after another: one round trip to Rust instead of three in a row.
  const [info, view] = await Promise.all([invoke('app_info'), invoke('wizard_view'), loadFallback()]);
  app.info = info;
  mark('app-info');
  document.querySelector('[data-testid="practice-badge"]').hidden = !app.info.practice;
  document.body.classList.toggle('practice', app.info.practice);
  document.querySelectorAll('.lang-btn').forEach((b) => {
    b.addEventListener('click', () => setLanguage(b.dataset.lang, true));
  });
  wireHelp();
  await setLanguage(pickLanguage(app.info.osLocale));
  mark('words-loaded');
  onLanguageChange(() => app.current && draw(null));
  if (app.info.startupError) addNotice(`errors.${app.info.startupError}.text`, 'notice-startup-error');
  listenForAppEvents();
  show(view);
  applyTo(document);
  mark('drawn');
  // Ready once the first screen is laid out and painted, so nobody acts on a blank window.
  await new Promise((resolve) => requestAnimationFrame(() => { mark('frame-1'); requestAnimationFrame(resolve); }));
  mark('frame-2');
  document.body.dataset.ready = 'true';
}

start().catch((err) => {
  document.getElementById('screen-body').textContent = `${t('app.startFailed')} (${err && err.code ? err.code : 'internal'})`;
});

// @ts-check
// Later launches: each known connection with its health in words and icons, and the repairs.
import { t } from '../i18n.js';
import { workspaceName } from '../components/workspacename.js';
import { el, announce } from '../dom.js';
import { core1Open, appCopySupportReport, wizardView, manageStartNew, core1SignIn, storeApiAccountOpenPage, manageHealth, manageSynchronize, manageReconnect, manageReinstallConnector, manageSetAccessKey, manageCore1SignIn, manageForget } from '../api.js';
import { signInFlow } from '../components/waiting.js';
import { announceError, errorPanel } from '../components/errors.js';
import { busyLine, goTo, runTask } from '../components/task.js';
import { ordersLine } from '../components/orders.js';
import { connectionErrorWords, keepAppWarnings } from '../components/keepapp.js';
import { keyInput } from '../components/keyinput.js';
import { loadGuide, scopeTable } from '../components/scopes.js';
import { connectorFlow } from '../components/connector.js';
import { settingsForm } from '../components/settings.js';
import { arrivedPanel } from '../components/arrived.js';
import { reportButton } from '../components/onboarding.js';
import { healthLine, onEscape, storeState } from '../components/health.js';
import { updatePanel } from '../components/update.js';
import { forgetQuestion } from '../components/forget.js';

/**
 * A card's own state: which repair is open (`mode`), the repair running on it (busy, error),
 * the last thing done (the key of its words, looked up when drawn so they follow a language
 * switch), and the parts it draws while a repair is open.
 * @typedef {import('../types.js').Task & {
 *   mode: 'key' | 'forget' | 'flow' | 'connector' | 'settings' | null,
 *   message: string | null,
 *   messageFailed: boolean,
 *   flow: ReturnType<typeof signInFlow> | null,
 *   connector: ReturnType<typeof connectorFlow> | null,
 *   key: ReturnType<typeof keyInput>,
 *   settings: ReturnType<typeof settingsForm>,
 *   arrived: ReturnType<typeof arrivedPanel>,
 *   report: ReturnType<typeof reportButton>,
 * }} Card
 */
/** @typedef {import('../types.js').ConnectionHealth} Health */

/**
 * @param {import('../types.js').ScreenContext} ctx
 * @returns {import('../types.js').Screen}
 */
export function createManage(ctx) {
  /**
   * @type {{
   *   loading: boolean, list: Health[], error: import('../types.js').UiError | null,
   *   guide: import('../types.js').ApiAccountGuide | null,
   * }}
   */
  const s = { loading: true, list: [], error: null, guide: null };
  /** @type {Map<string, Card>} tag (workspace and id) → per-card state */
  const cards = new Map();
  // A newer version of the app, looked for in the background (components/update.js).
  const update = updatePanel(ctx);

  /**
   * The card of a connection, named by its tag; its repairs name the connection by its key.
   * @param {{ key: import('../types.js').ConnectionKey, tag: string }} h
   * @returns {Card}
   */
  function card(h) {
    const id = h.tag;
    const key = h.key;
    if (!cards.has(id)) {
      cards.set(id, {
        mode: null, // null | 'key' | 'forget' | 'flow' | 'connector' | 'settings'
        busy: false,
        error: null,
        message: null,
        messageFailed: false,
        flow: null,
        connector: null,
        // The first settings again, and what arrived (components/settings.js, arrived.js).
        settings: settingsForm({ connection: key, prefix: `conn-prefs-${id}`, refresh: ctx.refresh, closeKey: 'common.cancel', onClose: () => { card(h).mode = null; ctx.refresh(`conn-settings-${id}`); } }),
        arrived: arrivedPanel({ connection: key, prefix: `conn-arrived-${id}`, refresh: ctx.refresh, onSync: () => manageSynchronize(key).then(replace) }),
        // The onboarding report about this connection (components/onboarding.js).
        report: reportButton({ connection: key, prefix: `conn-onboarding-${id}`, refresh: ctx.refresh }),
        key: keyInput({
          id: `conn-key-${id}`,
          testid: `conn-key-input-${id}`,
          label: () => t('bigcommerce.api.accessKey'),
          hint: () => t('bigcommerce.api.accessKeyHint'),
        }),
      });
    }
    return /** @type {Card} */ (cards.get(id));
  }

  /**
   * Opens a repair on a card, clearing what the card said before.
   * @param {Health} h
   * @param {Card['mode']} mode
   */
  function openRepair(h, mode) {
    const c = card(h);
    c.mode = mode;
    c.error = null;
    c.message = null;
    return c;
  }

  /** @param {Health} health */
  function replace(health) {
    s.list = s.list.map((h) => (h.tag === health.tag ? health : h));
  }

  /**
   * A repair on card `h` is done: the connection's new health, the card closed, what was done
   * said.
   * @param {Health} h
   * @param {Health} health
   * @param {string} doneKey
   */
  function repaired(h, health, doneKey) {
    const c = card(h);
    replace(health);
    c.mode = null;
    c.message = doneKey;
    c.messageFailed = false;
    announce(t(c.message));
    ctx.refresh(`conn-message-${h.tag}`);
  }

  async function load() {
    s.loading = true;
    s.error = null;
    ctx.refresh();
    announce(t('manage.checking'));
    try {
      s.list = await manageHealth();
      s.loading = false;
      s.list.filter((h) => h.core1 === 'active').forEach((h) => card(h).arrived.load());
      announce(s.list.map((h) => `${h.storeName}: ${h.needsAttention ? t('manage.attention') : t('manage.healthy')}`).join('. ') || t('manage.empty'));
      const first = s.list.find((h) => h.needsAttention);
      ctx.refresh(first ? `conn-health-${first.tag}` : null);
    } catch (err) {
      s.loading = false;
      s.error = /** @type {import('../types.js').UiError} */ (err);
      ctx.refresh('manage-error-title');
    }
  }

  // Runs one repair on a card; the command answers with the connection's new health.
  /**
   * @param {Health} h
   * @param {(key: Health['key']) => Promise<Health>} fix one of api.js's manage functions
   * @param {string} doneKey the words for "done"
   */
  function repair(h, fix, doneKey) {
    const c = card(h);
    if (c.busy) return;
    c.message = null;
    runTask(c, ctx, {
      call: () => fix(h.key),
      working: t('common.working'),
      errorFocus: `conn-error-${h.tag}-title`,
      done: (health) => repaired(h, health, doneKey),
    });
  }

  /**
   * @param {Health} h
   * @param {typeof manageReconnect} signIn `manageReconnect` or `manageCore1SignIn`
   * @param {'core1' | 'bigcommerce'} provider
   * @param {string} doneKey
   */
  function browserRepair(h, signIn, provider, doneKey) {
    const c = openRepair(h, 'flow');
    c.flow = signInFlow({
      provider,
      run: (onEvent) => signIn(h.key, onEvent),
      onDone: (health) => repaired(h, health, doneKey),
      onChange: (focus) => {
        if (c.flow && c.flow.state.mode === 'idle') c.mode = null;
        ctx.refresh(focus === 'error-title' ? `conn-error-${h.tag}-title` : focus);
      },
    });
    c.flow.start();
  }

  // Road 1 again: the connector updates this connection; the card shows the steps meanwhile.
  /** @param {Health} h */
  function reinstall(h) {
    const c = openRepair(h, 'connector');
    c.connector = connectorFlow({
      run: (onEvent) => manageReinstallConnector(h.key, onEvent),
      onDone: (health) => {
        s.list = s.list.filter((o) => o.tag !== h.tag && o.tag !== health.tag).concat(health);
        c.mode = null;
        Object.assign(card(health), { message: 'connector.reinstallDone', messageFailed: false });
        announce(t('connector.reinstallDone'));
        ctx.refresh(`conn-message-${health.tag}`);
      },
      onChange: (focus) => {
        if (c.connector && c.connector.state.mode === 'idle') c.mode = null;
        ctx.refresh(focus);
      },
      copyKey: h.key,
      helpAfterMs: ctx.view.connector.helpAfterMs,
      prefix: `conn-${h.tag}`,
    });
    c.connector.start(false);
  }

  /** @param {Health} h */
  async function openKeyForm(h) {
    openRepair(h, 'key');
    ctx.refresh(`conn-key-input-${h.tag}`);
    if (!s.guide) {
      s.guide = await loadGuide().catch(() => null);
      ctx.refresh();
    }
  }

  /**
   * @param {Event} ev
   * @param {Health} h
   */
  function submitKey(ev, h) {
    ev.preventDefault();
    const c = card(h);
    if (c.busy) return;
    const accessToken = c.key.take();
    repair(h, (key) => manageSetAccessKey(key, accessToken), 'manage.keyDone');
  }

  /** @param {Health} h */
  async function forget(h) {
    const id = h.tag;
    const c = card(h);
    c.busy = true;
    ctx.refresh();
    try {
      await manageForget(h.key);
      s.list = s.list.filter((o) => o.tag !== id);
      cards.delete(id);
      announce(t('manage.forgotten'));
      if (!s.list.length) {
        ctx.show(await wizardView());
        return;
      }
      ctx.refresh('screen-title');
    } catch (err) {
      c.busy = false;
      c.error = /** @type {import('../types.js').UiError} */ (err);
      ctx.refresh(`conn-error-${id}-title`);
    }
  }

  // The support report about this connection alone (the Help bar's names no known connection).
  /** @param {Health} h */
  async function copyReport(h) {
    const c = card(h);
    try {
      await appCopySupportReport(h.key);
      c.message = 'help.reportCopied';
      c.messageFailed = false;
    } catch {
      c.message = 'help.reportNotCopied';
      c.messageFailed = true;
    }
    announce(t(c.message));
    ctx.refresh(`conn-report-${h.tag}`);
  }

  const another = () => goTo(ctx, manageStartNew);

  // What a card shows below its health while a repair is open, one function per mode.
  /** @type {(h: Health, c: Card) => HTMLElement | null} */
  function flowPanel(h, c) {
    return c.flow ? c.flow.panel({ prefix: `conn-error-${h.tag}` }) : null;
  }

  /** @type {(h: Health, c: Card) => HTMLElement | null} */
  function reinstallPanel(h, c) {
    if (!c.connector) return null;
    return el('div', { class: 'subform', testid: `conn-reinstall-${h.tag}` },
      el('h3', {}, t('connector.reinstall')),
      el('p', { class: 'hint' }, t('connector.reinstallLead')),
      c.connector.steps(ctx.view.connector.name),
      c.connector.address(h.connectorName),
      c.connector.panel(),
      c.connector.help(h.connectorName));
  }

  /** @type {(h: Health, c: Card) => HTMLElement} */
  function keyForm(h, c) {
    const id = h.tag;
    const closeKey = () => { c.key.take(); c.mode = null; c.error = null; ctx.refresh(`conn-enter-key-${id}`); };
    return el('form', { class: 'form subform', novalidate: true, testid: `conn-key-form-${id}`, onsubmit: (/** @type {Event} */ ev) => submitKey(ev, h), onkeydown: (/** @type {KeyboardEvent} */ ev) => onEscape(ev, c.busy ? null : closeKey) },
      el('h3', {}, t('manage.enterKey')),
      el('p', { class: 'hint' }, t('manage.keyLead')),
      scopeTable(s.guide, `conn-key-scopes-${id}`),
      el('button', { type: 'button', class: 'ghost', testid: `conn-key-open-page-${id}`, onclick: () => storeApiAccountOpenPage(null).catch((err) => ctx.fail(err)) }, t('bigcommerce.api.openPage')),
      c.key.node(),
      c.busy ? busyLine(t('bigcommerce.api.checking')) : null,
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'secondary', testid: `conn-key-cancel-${id}`, disabled: c.busy, onclick: closeKey }, t('common.cancel')),
        el('button', { type: 'submit', class: 'primary', testid: `conn-key-submit-${id}`, disabled: c.busy }, t('manage.keySubmit'))));
  }

  /** @type {(h: Health, c: Card) => HTMLElement} */
  function forgetPanel(h, c) {
    const keep = () => { c.mode = null; ctx.refresh(`conn-forget-${h.tag}`); };
    return forgetQuestion({ tag: h.tag, storeName: h.storeName, road: h.road, busy: c.busy, keep, forget: () => forget(h) });
  }

  /**
   * The first settings again (components/settings.js).
   * @param {Health} _h
   * @param {Card} c
   */
  function settingsPanel(_h, c) {
    return el('div', { class: 'subform' }, c.settings.node());
  }

  const MODES = { flow: flowPanel, connector: reinstallPanel, key: keyForm, settings: settingsPanel, forget: forgetPanel };

  /** @param {Health} h */
  function renderCard(h) {
    const id = h.tag;
    const c = card(h);
    const busy = c.busy || (c.flow && c.flow.busy()) || (c.connector && c.connector.busy());
    /** @type {(testid: string, label: string, onclick: () => void, primary?: boolean) => HTMLElement} */
    const btn = (testid, label, onclick, primary = false) =>
      el('button', { type: 'button', class: primary ? 'primary' : 'secondary', testid: `${testid}-${id}`, disabled: busy, onclick }, label);
    const store = storeState(h);
    const storeBad = ['invalid', 'missing', 'rejected'].includes(store);
    const inner = c.mode ? MODES[c.mode](h, c) : null;
    return el(
      'article',
      { class: `conn-card ${h.needsAttention ? 'conn-attention' : 'conn-ok'}`, testid: `conn-${id}`, 'aria-labelledby': `conn-name-${id}` },
      el('div', { class: 'conn-head' },
        el('div', {},
          el('h2', { id: `conn-name-${id}`, testid: `conn-name-${id}` }, h.storeName),
          // The store by its name (the heading) and domain; its hash is for the support report.
          el('p', { class: 'conn-meta', testid: `conn-meta-${id}` }, h.storeDomain ? `${h.storeDomain} · ` : '', `${t('manage.workspace')}: `,
            workspaceName(h.workspaceDisplay, ctx.view.practice, `conn-workspace-${id}`))),
        el('p', { class: `health ${h.needsAttention ? 'health-bad' : 'health-ok'}`, tabindex: '-1', testid: `conn-health-${id}`, 'data-attention': String(h.needsAttention) },
          el('span', { 'aria-hidden': 'true' }, h.needsAttention ? '⚠ ' : '✓ '),
          h.needsAttention ? t('manage.attention') : t('manage.healthy'))),
      el('ul', { class: 'hlines' },
        healthLine('store', store, h.storeCode, `conn-store-${id}`, h.road),
        healthLine('core1', h.core1, h.core1Code, `conn-core1-${id}`),
        ordersLine(h)),
      h.connection && h.connection.errorCode && h.core1 === 'failed' && store !== 'rejected'
        ? el('p', { class: 'hint', testid: `conn-conn-error-${id}` }, connectionErrorWords(h.connection.errorCode, h.road).text)
        : null,
      c.message ? el('p', { class: c.messageFailed ? 'hint' : 'message', role: 'status', tabindex: '-1', testid: `conn-message-${id}` }, c.messageFailed ? null : el('span', { 'aria-hidden': 'true' }, '✓ '), t(c.message)) : null,
      c.error && c.mode !== 'flow' ? errorPanel({ code: c.error.code, prefix: `conn-error-${id}`, nextKey: c.mode === 'key' && c.error.code === 'bigcommerce_token_invalid' ? 'errors.bigcommerce_token_invalid.nextApi' : null }) : null,
      inner,
      ...c.report.result(),
      h.core1 === 'active' ? el('div', { class: 'subform' }, c.arrived.node()) : null,
      el('div', { class: 'conn-actions' },
        h.core1 === 'sign_in_needed' ? btn('conn-core1-signin', t('manage.core1SignIn'), () => browserRepair(h, manageCore1SignIn, 'core1', 'manage.core1Done'), true) : null,
        h.road === 'connector' ? btn('conn-reinstall', t('connector.reinstall'), () => reinstall(h), storeBad) : null,
        ctx.view.bigcommerceSigninAvailable
          ? btn('conn-reconnect', t('manage.reconnect'), () => browserRepair(h, manageReconnect, 'bigcommerce', 'manage.reconnectDone'))
          : null,
        btn('conn-enter-key', t('manage.enterKey'), () => openKeyForm(h), storeBad && h.road !== 'connector'),
        ['active', 'failed', 'working'].includes(h.core1) && store !== 'rejected' ? btn('conn-sync', t('manage.sync'), () => repair(h, manageSynchronize, 'manage.syncDone'), !storeBad && h.core1 === 'failed') : null,
        ['active', 'working'].includes(h.core1) ? btn('conn-settings', t('settings.open'), () => { c.mode = 'settings'; c.settings.load(); ctx.refresh(`conn-prefs-${id}-title`); }) : null,
        btn('conn-open', t('manage.openCore1'), () => core1Open(h.key).catch((err) => ctx.fail(err))),
        c.report.button(),
        el('span', { class: 'spacer' }),
        el('button', { type: 'button', class: 'ghost', testid: `conn-report-${id}`, disabled: busy, onclick: () => copyReport(h) }, t('help.copyReport')),
        el('button', { type: 'button', class: 'ghost', testid: `conn-forget-${id}`, disabled: busy, onclick: () => { c.mode = 'forget'; ctx.refresh(`conn-forget-no-${id}`); } }, t('manage.forget'))),
    );
  }

  function render() {
    return el(
      'section',
      { class: 'card', 'aria-labelledby': 'screen-title', testid: 'manage', 'data-update': update.outcome() },
      el('div', { class: 'title-row' },
        el('h1', { id: 'screen-title', tabindex: '-1', testid: 'manage-title' }, t('manage.title')),
        el('div', { class: 'title-actions' },
          el('button', { type: 'button', class: 'secondary', testid: 'manage-refresh', disabled: s.loading, onclick: load }, t('manage.checkAgain')),
          el('button', { type: 'button', class: 'primary', testid: 'manage-another', onclick: another }, t('manage.another')))),
      el('p', { class: 'lead' }, t('manage.lead')),
      update.node(),
      s.loading ? busyLine(t('manage.checking'), 'manage-checking') : null,
      s.error ? errorPanel({ code: s.error.code, prefix: 'manage-error', onRetry: load }) : null,
      !s.loading && !s.error && !s.list.length ? el('p', { testid: 'manage-empty' }, t('manage.empty')) : null,
      el('div', { class: 'conn-list', testid: 'manage-list' }, ...(s.loading ? [] : s.list.map(renderCard))),
      ...keepAppWarnings(s.list),
    );
  }

  load();
  update.check();
  return { render };
}

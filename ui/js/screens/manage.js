// Later launches: each known connection with its health in words and icons, and the repairs.
import { t } from '../i18n.js';
import { el, announce } from '../dom.js';
import { invoke } from '../ipc.js';
import { signInFlow } from '../components/waiting.js';
import { errorPanel, errorWords } from '../components/errors.js';
import { keepAppWarning } from '../components/keepapp.js';
import { keyInput } from '../components/keyinput.js';
import { loadGuide, scopeTable } from '../components/scopes.js';
import { connectorFlow } from '../components/connector.js';
import { settingsForm } from '../components/settings.js';
import { arrivedPanel } from '../components/arrived.js';

// Escape closes a question or a form that is open on a card (as its Cancel / No would).
function onEscape(ev, close) {
  if (ev.key !== 'Escape' || !close) return;
  ev.preventDefault();
  close();
}

const STORE_ICON = { valid: '✓', invalid: '✗', missing: '✗', unknown: '?', not_held: '✓', rejected: '✗' };
const CORE1_ICON = { active: '✓', working: '…', failed: '✗', disabled: '⚠', sign_in_needed: '⚠', gone: '✗', unknown: '?' };

export function createManage(ctx) {
  const s = { loading: true, list: [], error: null, guide: null };
  const cards = new Map(); // id → per-card state

  function card(id) {
    if (!cards.has(id)) {
      cards.set(id, {
        mode: null, // null | 'key' | 'forget' | 'flow' | 'connector' | 'settings'
        busy: false,
        error: null,
        message: null,
        flow: null,
        connector: null,
        // The first settings again, and what arrived (components/settings.js, arrived.js).
        settings: settingsForm({ id, prefix: `conn-prefs-${id}`, refresh: ctx.refresh, closeLabel: t('common.cancel'), onClose: () => { cards.get(id).mode = null; ctx.refresh(`conn-settings-${id}`); } }),
        arrived: arrivedPanel({ id, prefix: `conn-arrived-${id}`, refresh: ctx.refresh, onSync: () => invoke('manage_synchronize', { id }).then(replace) }),
        key: keyInput({
          id: `conn-key-${id}`,
          testid: `conn-key-input-${id}`,
          label: () => t('bigcommerce.api.accessKey'),
          hint: () => t('bigcommerce.api.accessKeyHint'),
        }),
      });
    }
    return cards.get(id);
  }

  function replace(health) {
    s.list = s.list.map((h) => (h.id === health.id ? health : h));
  }

  async function load() {
    s.loading = true;
    s.error = null;
    ctx.refresh();
    announce(t('manage.checking'));
    try {
      s.list = await invoke('manage_health');
      s.loading = false;
      s.list.filter((h) => h.core1 === 'active').forEach((h) => card(h.id).arrived.load());
      const attention = s.list.filter((h) => h.needsAttention).length;
      announce(s.list.map((h) => `${h.storeName}: ${h.needsAttention ? t('manage.attention') : t('manage.healthy')}`).join('. ') || t('manage.empty'));
      ctx.refresh(attention ? `conn-health-${s.list.find((h) => h.needsAttention).id}` : null);
    } catch (err) {
      s.loading = false;
      s.error = err;
      ctx.refresh('manage-error-title');
    }
  }

  // Runs one repair on a card; the command answers with the connection's new health.
  async function repair(id, cmd, args, doneKey) {
    const c = card(id);
    c.busy = true;
    c.error = null;
    c.message = null;
    ctx.refresh();
    announce(t('common.working'));
    try {
      const health = await invoke(cmd, { id, ...args });
      replace(health);
      c.busy = false;
      c.mode = null;
      c.message = t(doneKey);
      announce(c.message);
      ctx.refresh(`conn-message-${id}`);
    } catch (err) {
      c.busy = false;
      c.error = err;
      const w = errorWords(err.code);
      announce(`${w.text} ${w.next}`);
      ctx.refresh(`conn-error-${id}-title`);
    }
  }

  function browserRepair(id, cmd, provider, doneKey) {
    const c = card(id);
    c.error = null;
    c.message = null;
    c.mode = 'flow';
    c.flow = signInFlow({
      provider,
      run: (onEvent) => invoke(cmd, { id, onEvent }),
      onDone: (health) => {
        replace(health);
        c.mode = null;
        c.message = t(doneKey);
        announce(c.message);
        ctx.refresh(`conn-message-${id}`);
      },
      onChange: (focus) => {
        if (c.flow.state.mode === 'idle') c.mode = null;
        ctx.refresh(focus === 'error-title' ? `conn-error-${id}-title` : focus);
      },
    });
    c.flow.start();
  }

  // Road 1 again: the connector updates this connection; the card shows the steps meanwhile.
  function reinstall(id) {
    const c = card(id);
    c.error = null;
    c.message = null;
    c.mode = 'connector';
    c.connector = connectorFlow({
      run: (onEvent) => invoke('manage_reinstall_connector', { id, onEvent }),
      onDone: (health) => {
        s.list = s.list.filter((h) => h.id !== id && h.id !== health.id).concat(health);
        c.mode = null;
        card(health.id).message = t('connector.reinstallDone');
        announce(t('connector.reinstallDone'));
        ctx.refresh(`conn-message-${health.id}`);
      },
      onChange: (focus) => {
        if (c.connector.state.mode === 'idle') c.mode = null;
        ctx.refresh(focus);
      },
      copyId: id,
      helpAfterMs: ctx.view.connector.helpAfterMs,
      prefix: `conn-${id}`,
    });
    c.connector.start(false);
  }

  async function openKeyForm(id) {
    const c = card(id);
    c.mode = 'key';
    c.error = null;
    c.message = null;
    ctx.refresh(`conn-key-input-${id}`);
    if (!s.guide) {
      s.guide = await loadGuide().catch(() => null);
      ctx.refresh();
    }
  }

  function submitKey(ev, id) {
    ev.preventDefault();
    const c = card(id);
    if (c.busy) return;
    const accessToken = c.key.take();
    repair(id, 'manage_set_token', { accessToken }, 'manage.keyDone');
  }

  async function forget(id) {
    const c = card(id);
    c.busy = true;
    ctx.refresh();
    try {
      await invoke('manage_forget', { id });
      s.list = s.list.filter((h) => h.id !== id);
      cards.delete(id);
      announce(t('manage.forgotten'));
      if (!s.list.length) {
        ctx.show(await invoke('wizard_view'));
        return;
      }
      ctx.refresh('screen-title');
    } catch (err) {
      c.busy = false;
      c.error = err;
      ctx.refresh(`conn-error-${id}-title`);
    }
  }

  async function another() {
    try {
      ctx.show(await invoke('wizard_start_new'));
    } catch (err) {
      ctx.fail(err);
    }
  }

  // Road 1: the wizard holds no key; Core1's own credentials check speaks for the store.
  function storeState(h) {
    if (h.storeAccess === 'not_held' && h.connection && h.connection.credentialsValid === false) return 'rejected';
    return h.storeAccess;
  }

  function healthLine(kind, value, code, testid) {
    const icon = kind === 'store' ? STORE_ICON[value] : CORE1_ICON[value];
    const good = value === 'valid' || value === 'active' || value === 'not_held';
    const extra = code ? ` ${errorWords(code).text}` : '';
    return el('li', { class: `hline ${good ? 'hline-ok' : value === 'working' ? 'hline-info' : 'hline-bad'}`, testid, 'data-state': value },
      el('span', { class: 'hline-icon', 'aria-hidden': 'true' }, icon),
      el('span', {}, t(`manage.${kind}.${value}`) + extra));
  }

  function renderCard(h) {
    const id = h.id;
    const c = card(id);
    const busy = c.busy || (c.flow && c.flow.busy()) || (c.connector && c.connector.busy());
    const btn = (testid, label, onclick, primary = false) =>
      el('button', { type: 'button', class: primary ? 'primary' : 'secondary', testid: `${testid}-${id}`, disabled: busy, onclick }, label);
    const store = storeState(h);
    const storeBad = ['invalid', 'missing', 'rejected'].includes(store);
    let inner = null;
    if (c.mode === 'flow' && c.flow) {
      inner = c.flow.panel({ prefix: `conn-error-${id}` });
    } else if (c.mode === 'connector' && c.connector) {
      inner = el('div', { class: 'subform', testid: `conn-reinstall-${id}` },
        el('h3', {}, t('connector.reinstall')),
        el('p', { class: 'hint' }, t('connector.reinstallLead')),
        c.connector.steps(ctx.view.connector.name),
        c.connector.address(h.workspaceUrl),
        c.connector.panel(h.workspaceUrl),
        c.connector.help(h.workspaceUrl));
    } else if (c.mode === 'key') {
      const closeKey = () => { c.key.take(); c.mode = null; c.error = null; ctx.refresh(`conn-enter-key-${id}`); };
      inner = el('form', { class: 'form subform', novalidate: true, testid: `conn-key-form-${id}`, onsubmit: (ev) => submitKey(ev, id), onkeydown: (ev) => onEscape(ev, c.busy ? null : closeKey) },
        el('h3', {}, t('manage.enterKey')),
        el('p', { class: 'hint' }, t('manage.keyLead')),
        scopeTable(s.guide, `conn-key-scopes-${id}`),
        el('button', { type: 'button', class: 'ghost', testid: `conn-key-open-page-${id}`, onclick: () => invoke('open_api_accounts_page').catch((err) => ctx.fail(err)) }, t('bigcommerce.api.openPage')),
        c.key.node(),
        c.busy ? el('p', { class: 'busy', role: 'status' }, el('span', { class: 'spinner small', 'aria-hidden': 'true' }), t('bigcommerce.api.checking')) : null,
        el('div', { class: 'actions' },
          el('button', { type: 'button', class: 'secondary', testid: `conn-key-cancel-${id}`, disabled: c.busy, onclick: closeKey }, t('common.cancel')),
          el('button', { type: 'submit', class: 'primary', testid: `conn-key-submit-${id}`, disabled: c.busy }, t('manage.keySubmit'))));
    } else if (c.mode === 'settings') {
      inner = el('div', { class: 'subform' }, c.settings.node());
    } else if (c.mode === 'forget') {
      const keep = () => { c.mode = null; ctx.refresh(`conn-forget-${id}`); };
      inner = el('div', { class: 'panel panel-warn', role: 'alertdialog', 'aria-labelledby': `conn-forget-text-${id}`, testid: `conn-forget-confirm-${id}`, onkeydown: (ev) => onEscape(ev, c.busy ? null : keep) },
        el('span', { class: 'panel-icon', 'aria-hidden': 'true' }, '?'),
        el('div', { class: 'panel-body' },
          el('p', { class: 'panel-text', id: `conn-forget-text-${id}`, testid: `conn-forget-text-${id}` }, t('manage.forgetConfirm', { name: h.storeName })),
          el('p', { class: 'panel-next', testid: `conn-forget-what-${id}` }, t(`manage.forgetWhat.${h.road}`)),
          el('div', { class: 'panel-actions' },
            el('button', { type: 'button', class: 'secondary', testid: `conn-forget-no-${id}`, disabled: c.busy, onclick: keep }, t('manage.forgetNo')),
            el('button', { type: 'button', class: 'danger', testid: `conn-forget-yes-${id}`, disabled: c.busy, onclick: () => forget(id) }, t('manage.forgetYes')))));
    }
    return el(
      'article',
      { class: `conn-card ${h.needsAttention ? 'conn-attention' : 'conn-ok'}`, testid: `conn-${id}`, 'aria-labelledby': `conn-name-${id}` },
      el('div', { class: 'conn-head' },
        el('div', {},
          el('h2', { id: `conn-name-${id}`, testid: `conn-name-${id}` }, h.storeName),
          el('p', { class: 'conn-meta' }, `${h.storeHash} · ${t('manage.workspace')}: `, el('span', { class: 'url', testid: `conn-workspace-${id}` }, h.workspaceUrl))),
        el('p', { class: `health ${h.needsAttention ? 'health-bad' : 'health-ok'}`, tabindex: '-1', testid: `conn-health-${id}`, 'data-attention': String(h.needsAttention) },
          el('span', { 'aria-hidden': 'true' }, h.needsAttention ? '⚠ ' : '✓ '),
          h.needsAttention ? t('manage.attention') : t('manage.healthy'))),
      el('ul', { class: 'hlines' },
        healthLine('store', store, h.storeCode, `conn-store-${id}`),
        healthLine('core1', h.core1, h.core1Code, `conn-core1-${id}`)),
      h.connection && h.connection.errorCode && h.core1 === 'failed' && store !== 'rejected'
        ? el('p', { class: 'hint', testid: `conn-conn-error-${id}` }, t(`connectionErrors.${t(`connectionErrors.${h.connection.errorCode}.text`).startsWith('connectionErrors.') ? 'unknown' : h.connection.errorCode}.text`))
        : null,
      c.message ? el('p', { class: 'message', role: 'status', tabindex: '-1', testid: `conn-message-${id}` }, el('span', { 'aria-hidden': 'true' }, '✓ '), c.message) : null,
      c.error && c.mode !== 'flow' ? errorPanel({ code: c.error.code, prefix: `conn-error-${id}` }) : null,
      inner,
      h.core1 === 'active' ? el('div', { class: 'subform' }, c.arrived.node()) : null,
      el('div', { class: 'conn-actions' },
        h.core1 === 'sign_in_needed' ? btn('conn-core1-signin', t('manage.core1SignIn'), () => browserRepair(id, 'manage_core1_sign_in', 'core1', 'manage.core1Done'), true) : null,
        btn('conn-reinstall', t('connector.reinstall'), () => reinstall(id), storeBad),
        ctx.view.bigcommerceSigninAvailable
          ? btn('conn-reconnect', t('manage.reconnect'), () => browserRepair(id, 'manage_reconnect', 'bigcommerce', 'manage.reconnectDone'))
          : null,
        btn('conn-enter-key', t('manage.enterKey'), () => openKeyForm(id)),
        ['active', 'failed', 'working'].includes(h.core1) && store !== 'rejected' ? btn('conn-sync', t('manage.sync'), () => repair(id, 'manage_synchronize', {}, 'manage.syncDone'), !storeBad && h.core1 === 'failed') : null,
        ['active', 'working'].includes(h.core1) ? btn('conn-settings', t('settings.open'), () => { c.mode = 'settings'; c.settings.load(); ctx.refresh(`conn-prefs-${id}-title`); }) : null,
        btn('conn-open', t('manage.openCore1'), () => invoke('open_in_core1', { id }).catch((err) => ctx.fail(err))),
        el('span', { class: 'spacer' }),
        el('button', { type: 'button', class: 'ghost', testid: `conn-forget-${id}`, disabled: busy, onclick: () => { c.mode = 'forget'; ctx.refresh(`conn-forget-no-${id}`); } }, t('manage.forget'))),
    );
  }

  function render() {
    return el(
      'section',
      { class: 'card', 'aria-labelledby': 'screen-title', testid: 'manage' },
      el('div', { class: 'title-row' },
        el('h1', { id: 'screen-title', tabindex: '-1', testid: 'manage-title' }, t('manage.title')),
        el('div', { class: 'title-actions' },
          el('button', { type: 'button', class: 'secondary', testid: 'manage-refresh', disabled: s.loading, onclick: load }, t('manage.checkAgain')),
          el('button', { type: 'button', class: 'primary', testid: 'manage-another', onclick: another }, t('manage.another')))),
      el('p', { class: 'lead' }, t('manage.lead')),
      s.loading ? el('p', { class: 'busy', role: 'status', testid: 'manage-checking' }, el('span', { class: 'spinner small', 'aria-hidden': 'true' }), t('manage.checking')) : null,
      s.error ? errorPanel({ code: s.error.code, prefix: 'manage-error', onRetry: load }) : null,
      !s.loading && !s.error && !s.list.length ? el('p', { testid: 'manage-empty' }, t('manage.empty')) : null,
      el('div', { class: 'conn-list', testid: 'manage-list' }, ...(s.loading ? [] : s.list.map(renderCard))),
      keepAppWarning('manage-keep-app'),
    );
  }

  load();
  return { render };
}

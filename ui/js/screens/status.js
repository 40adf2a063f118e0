// @ts-check
// Step 5: the connection, live through a channel, until it is active (or stops); then Open in Core1.
import { t } from '../i18n.js';
import { el, announce } from '../dom.js';
import { channel } from '../ipc.js';
import { core1Open, statusFinish, statusWatch, statusRetry } from '../api.js';
import { announceError, errorPanel } from '../components/errors.js';
import { goTo } from '../components/task.js';
import { connectionErrorWords, keepAppWarning } from '../components/keepapp.js';
import { progressRows } from '../components/progress.js';
import { settingsForm } from '../components/settings.js';
import { arrivedPanel } from '../components/arrived.js';
import { goLivePanel } from '../components/golive.js';
import { reportButton } from '../components/onboarding.js';

/**
 * @param {import('../types.js').ScreenContext} ctx
 * @returns {import('../types.js').Screen}
 */
export function createStatus(ctx) {
  /**
   * @type {{
   *   conn: import('../types.js').ConnectionStatus | null, watching: boolean,
   *   error: import('../types.js').UiError | null, lastPhase: string | null,
   *   after: { settings: any, arrived: any, golive: any, report: any } | null, settingsOpen: boolean,
   * }}
   */
  const s = { conn: ctx.view.connection || null, watching: false, error: null, lastPhase: null, after: null, settingsOpen: true };

  // Once active: the first settings (skippable), what arrived and the go-live checklist
  // (components/settings.js, arrived.js, golive.js).
  /** Only asked once the connection is active, so there is one. @returns {{ settings: any, arrived: any, golive: any, report: any }} */
  function after() {
    const connection = ctx.view.connectionKey;
    if (!s.after && connection) {
      s.after = {
        settings: settingsForm({ connection, prefix: 'status-settings', refresh: ctx.refresh, closeKey: 'settings.skip', onClose: () => { s.settingsOpen = false; ctx.refresh('status-settings-open'); } }),
        arrived: arrivedPanel({ connection, prefix: 'status-arrived', refresh: ctx.refresh, onSync: () => follow(statusRetry, true) }),
        golive: goLivePanel({ connection, prefix: 'status-golive', road: road(), refresh: ctx.refresh }),
        report: reportButton({ connection, prefix: 'status-report', refresh: ctx.refresh }),
      };
      s.after.settings.load();
    }
    return /** @type {{ settings: any, arrived: any, golive: any, report: any }} */ (s.after);
  }

  /** @param {import('../types.js').ConnectionStatus} conn */
  function onStatus(conn) {
    s.conn = conn;
    if (conn.phase !== s.lastPhase) {
      s.lastPhase = conn.phase;
      if (conn.phase === 'active') announce(t('status.activeAnnounce'));
      else if (conn.phase === 'failed') announce(t('status.stoppedAnnounce'));
      else announce(t(`status.rows.${phaseRow(conn.phase)}`) + ' …');
    }
  }

  /**
   * @param {typeof statusWatch} watch `statusWatch` or `statusRetry`
   * @param {boolean} [fromArrived] asked by "Synchronize now" in what arrived (it counts again itself)
   */
  async function follow(watch, fromArrived = false) {
    s.watching = true;
    s.error = null;
    ctx.refresh();
    const events = channel((msg) => {
      if (msg && msg.event === 'status') {
        onStatus(msg.data.connection);
        ctx.refresh();
      }
    });
    try {
      const view = await watch(events);
      s.watching = false;
      ctx.view = view;
      if (view.connection) onStatus(view.connection);
      const ph = s.conn && s.conn.phase;
      if (ph === 'active' && !fromArrived) after().arrived.load();
      ctx.refresh(ph === 'active' ? 'status-title' : ph === 'failed' ? 'status-failed-title' : null);
    } catch (err) {
      s.watching = false;
      s.error = /** @type {import('../types.js').UiError} */ (err);
      announceError(err);
      ctx.refresh('status-error-title');
    }
  }

  const finish = () => goTo(ctx, statusFinish);
  // The road the store was connected on: its warning and its words for a refused access.
  const road = () => (ctx.view.store ? ctx.view.store.road : null);

  /** @param {import('../types.js').ConnectionStatus} conn */
  function failedPanel(conn) {
    const code = conn.errorCode;
    const words = connectionErrorWords(code, road());
    const needsRepair = code === 'credentials_rejected';
    return el(
      'div',
      { class: 'panel panel-error', role: 'alert', testid: 'status-failed', 'data-code': code || '' },
      el('span', { class: 'panel-icon', 'aria-hidden': 'true' }, '!'),
      el('div', { class: 'panel-body' },
        el('h2', { class: 'panel-title', tabindex: '-1', testid: 'status-failed-title' }, t('status.failedTitle')),
        el('p', { class: 'panel-text', testid: 'status-failed-text' }, words.text),
        el('p', { class: 'panel-next', testid: 'status-failed-next' }, words.next),
        el('div', { class: 'panel-actions' },
          el('button', { type: 'button', class: needsRepair ? 'secondary' : 'primary', testid: 'status-retry', onclick: () => follow(statusRetry) }, t('common.tryAgain')),
          el('button', { type: 'button', class: needsRepair ? 'primary' : 'secondary', testid: 'status-to-manage', onclick: finish }, t('status.toManage')))),
    );
  }

  function render() {
    const conn = s.conn;
    const phase = conn ? conn.phase : 'created';
    let outcome = null;
    if (s.error) {
      outcome = errorPanel({ code: s.error.code, prefix: 'status-error', onRetry: () => follow(statusWatch) });
    } else if (!s.watching && phase === 'active') {
      outcome = [
        el('div', { class: 'panel panel-ok', testid: 'status-done' },
          el('span', { class: 'panel-icon', 'aria-hidden': 'true' }, '✓'),
          el('div', { class: 'panel-body' },
            el('p', { class: 'panel-text', testid: 'status-done-text' }, t('status.doneLead')),
            el('p', { class: 'hint' }, t('status.openCore1Hint')))),
        s.settingsOpen
          ? after().settings.node()
          : el('p', { class: 'context-line after-line' }, t('settings.closedLine'), ' ',
            el('button', { type: 'button', class: 'link', testid: 'status-settings-open', onclick: () => { s.settingsOpen = true; ctx.refresh('status-settings-title'); } }, t('settings.open'))),
        after().arrived.node(),
        after().golive.node(),
        after().report.node(),
        el('div', { class: 'actions' },
          el('button', { type: 'button', class: 'secondary', testid: 'status-open-core1', onclick: () => core1Open(null).catch((err) => ctx.fail(err)) }, t('status.openCore1')),
          el('button', { type: 'button', class: 'primary', testid: 'status-finish', onclick: finish }, t('status.finish'))),
        keepAppWarning(road()),
      ];
    } else if (!s.watching && phase === 'failed' && conn) {
      outcome = [failedPanel(conn), keepAppWarning(road())];
    } else if (!s.watching && phase === 'disabled') {
      outcome = [
        el('div', { class: 'panel panel-warn', testid: 'status-disabled' },
          el('span', { class: 'panel-icon', 'aria-hidden': 'true' }, '⚠'),
          el('div', { class: 'panel-body' },
            el('h2', { class: 'panel-title', tabindex: '-1' }, t('status.disabledTitle')),
            el('p', { class: 'panel-text' }, t('status.disabledLead')),
            el('div', { class: 'panel-actions' },
              el('button', { type: 'button', class: 'primary', testid: 'status-recheck', onclick: () => follow(statusWatch) }, t('common.tryAgain')),
              el('button', { type: 'button', class: 'secondary', testid: 'status-to-manage', onclick: finish }, t('status.toManage'))))),
      ];
    }
    return el(
      'section',
      { class: 'card', 'aria-labelledby': 'screen-title', testid: 'status' },
      el('div', { class: 'title-row' },
        el('h1', { id: 'screen-title', tabindex: '-1', testid: 'status-title' }, phase === 'active' ? t('status.doneTitle') : t('status.title')),
        el('span', { class: `badge badge-${phase}`, testid: 'status-badge', 'data-phase': phase },
          el('span', { 'aria-hidden': 'true' }, phase === 'active' ? '✓ ' : phase === 'failed' ? '! ' : '… '),
          phase === 'active' ? t('status.activeLabel') : phase === 'failed' ? t('status.state.failed') : t('status.state.running'))),
      phase === 'active' ? null : el('p', { class: 'lead' }, t('status.lead')),
      storeLine(ctx.view),
      progressRows(conn),
      outcome,
    );
  }

  follow(statusWatch);
  return { render, titleKey: () => (s.conn && s.conn.phase === 'active' ? 'windowTitle.connected' : 'windowTitle.status') };
}

// Which store, and whether Core1's connection for it was new or updated (never doubled).
/** @param {import('../types.js').WizardView} view */
function storeLine(view) {
  if (!view.store) return null;
  const key = view.outcome === 'updated' ? 'status.updatedLine' : 'status.createdLine';
  return el('p', { class: 'context-line', testid: 'status-outcome', 'data-outcome': view.outcome || '' }, t(key, { store: view.store.name }));
}

/** @param {import('../types.js').Phase} phase */
function phaseRow(phase) {
  /** @type {Partial<Record<import('../types.js').Phase, string>>} */
  const rows = { created: 'created', checking_credentials: 'credentials', creating_attributes: 'attributes', synchronizing: 'sync' };
  return rows[phase] || 'created';
}

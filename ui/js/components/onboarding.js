// @ts-check
// "Save the onboarding report": the Rust side shows the save dialog (Documents,
// Core1-BigCommerce-<workspace>-<day>.html), writes the report in the page's language and opens
// it in the browser, where it is printed or kept as PDF. Used by Status once active and by each
// Manage card. Cancelling the dialog says nothing.
import { t, language } from '../i18n.js';
import { el, announce } from '../dom.js';
import { onboardingReportSave } from '../api.js';
import { errorPanel } from './errors.js';

/**
 * @typedef {import('../../types/ipc').ReportSaved} ReportSaved
 * @typedef {{ connection: import('../types.js').ConnectionKey, prefix: string, refresh: (focus?: string | null) => void }} Options
 */

/**
 * @param {Options} opts
 */
export function reportButton(opts) {
  const { connection, prefix, refresh } = opts;
  /** @type {{ busy: boolean, saved: ReportSaved | null, error: { code: string } | null }} */
  const s = { busy: false, saved: null, error: null };

  async function save() {
    if (s.busy) return;
    s.busy = true;
    s.error = null;
    s.saved = null;
    refresh();
    try {
      const saved = /** @type {ReportSaved | null} */ (await onboardingReportSave(connection, language()));
      s.busy = false;
      s.saved = saved;
      if (saved) announce(words(saved));
      refresh(saved ? `${prefix}-message` : `${prefix}-save`);
    } catch (err) {
      s.busy = false;
      s.error = /** @type {{ code: string }} */ (err);
      refresh(`${prefix}-error-title`);
    }
  }

  /** @param {ReportSaved} saved */
  function words(saved) {
    return t(saved.opened ? 'report.saved' : 'report.savedNotOpened', { file: saved.fileName });
  }

  /** The button alone (a Manage card puts it among its actions). */
  function button() {
    return el('button', { type: 'button', class: 'secondary', testid: `${prefix}-save`, disabled: s.busy, onclick: save }, t('report.save'));
  }

  /** What saving says: busy, saved, or the error. */
  function result() {
    return [
      s.busy ? el('p', { class: 'busy', role: 'status', testid: `${prefix}-busy` }, el('span', { class: 'spinner small', 'aria-hidden': 'true' }), t('report.saving')) : null,
      s.saved ? el('p', { class: 'message', role: 'status', tabindex: '-1', testid: `${prefix}-message`, 'data-opened': String(s.saved.opened), 'data-bytes': String(s.saved.bytes), 'data-made-ms': String(s.saved.madeMs) }, el('span', { 'aria-hidden': 'true' }, '✓ '), words(s.saved)) : null,
      s.error ? errorPanel({ code: s.error.code, prefix: `${prefix}-error`, onRetry: save }) : null,
    ];
  }

  /** A section of its own (Status). */
  function node() {
    return el('section', { class: 'after-part', 'aria-labelledby': `${prefix}-title`, testid: prefix },
      el('h2', { id: `${prefix}-title`, tabindex: '-1' }, t('report.title')),
      el('p', { class: 'hint' }, t('report.saveHint')),
      el('div', { class: 'panel-actions' }, button()),
      ...result());
  }

  return { node, button, result };
}

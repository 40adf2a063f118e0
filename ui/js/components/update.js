// @ts-check
// Manage's update panel: a newer version with its release notes in the user's language, *Update
// now* with a progress bar, then the restart (the app comes back on Manage). When there is no
// newer version — or the check did not work — the panel is not there at all.
import { t, language } from '../i18n.js';
import { el, announce } from '../dom.js';
import { channel } from '../ipc.js';
import { updateCheck, updateInstall } from '../api.js';
import { announceError, errorPanel } from './errors.js';
import { busyLine } from './task.js';

/** @typedef {import('../types.js').UpdateOffer} Offer */
/** @typedef {'offered' | 'downloading' | 'verifying' | 'installing' | 'restarting' | 'current'} Phase */

/** @param {number} bytes */
function megabytes(bytes) {
  return new Intl.NumberFormat(language(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1e6);
}

/** @param {string} date `YYYY-MM-DD` */
function longDate(date) {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat(language(), { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

/**
 * @param {{ refresh: (focus?: string | null) => void }} ctx
 */
export function updatePanel(ctx) {
  /**
   * @type {{
   *   outcome: import('../types.js').UpdateCheck['outcome'] | 'pending', offer: Offer | null,
   *   phase: Phase, downloaded: number, total: number | null,
   *   error: import('../types.js').UiError | null,
   * }}
   */
  const s = { outcome: 'pending', offer: null, phase: 'offered', downloaded: 0, total: null, error: null };

  // The background check (the Rust side decides whether it is time). Never shows an error.
  async function check() {
    try {
      /** @type {import('../types.js').UpdateCheck} */
      const found = await updateCheck();
      s.outcome = found.outcome;
      s.offer = found.offer;
      if (s.offer) announce(`${t('update.title')}: ${s.offer.version}`);
    } catch {
      s.outcome = 'failed';
    }
    ctx.refresh();
  }

  /** @param {import('../types.js').UpdateEvent} msg */
  function onEvent(msg) {
    if (msg.event === 'downloading') {
      s.phase = 'downloading';
      s.downloaded = msg.data.downloaded;
      s.total = msg.data.total;
    } else {
      s.phase = msg.event;
      announce(t(`update.${msg.event}`));
    }
    ctx.refresh();
  }

  async function install() {
    if (s.phase !== 'offered' && s.phase !== 'current') return;
    s.error = null;
    s.phase = 'downloading';
    s.downloaded = 0;
    s.total = null;
    announce(t('update.downloading'));
    ctx.refresh('update-status');
    try {
      // Returns only when nothing newer is there any more; after an install the app restarts.
      await updateInstall(channel(onEvent));
      s.phase = 'current';
      announce(t('update.upToDate'));
      ctx.refresh('update-status');
    } catch (err) {
      s.phase = 'offered';
      s.error = /** @type {import('../types.js').UiError} */ (err);
      announceError(err);
      ctx.refresh('update-error-title');
    }
  }

  function progress() {
    const known = s.total !== null && s.total > 0;
    const amount = known
      ? t('update.downloadedOf', { done: megabytes(s.downloaded), total: megabytes(/** @type {number} */ (s.total)) })
      : t('update.downloaded', { done: megabytes(s.downloaded) });
    const done = s.phase !== 'downloading';
    return el('div', { class: 'update-progress' },
      el('progress', {
        class: 'bar',
        testid: 'update-progress',
        'aria-label': t('update.progressLabel'),
        max: known ? String(s.total) : null,
        value: known || done ? String(done && known ? s.total : s.downloaded) : null,
      }),
      el('p', { class: 'busy', role: 'status', testid: 'update-status' },
        el('span', { class: 'spinner small', 'aria-hidden': 'true' }),
        s.phase === 'downloading' ? `${t('update.downloading')} ${amount}` : t(`update.${s.phase}`)));
  }

  /** What the panel shows below the notes for the phase it is in. */
  function action() {
    if (s.phase === 'downloading' || s.phase === 'verifying') return progress();
    if (s.phase === 'installing' || s.phase === 'restarting') return busyLine(t(`update.${s.phase}`), 'update-status');
    if (s.phase === 'current') return el('p', { class: 'message', role: 'status', tabindex: '-1', testid: 'update-status' }, t('update.upToDate'));
    return el('div', {},
      s.error ? errorPanel({ code: s.error.code, prefix: 'update-error', onRetry: install }) : null,
      s.error ? null : el('p', { class: 'hint' }, t('update.lead')),
      s.error ? null : el('div', { class: 'panel-actions' },
        el('button', { type: 'button', class: 'primary', testid: 'update-now', onclick: install }, t('update.now'))));
  }

  /** @returns {HTMLElement | null} */
  function node() {
    const offer = s.offer;
    if (!offer) return null;
    const notes = offer.notes.byLanguage[language()] || offer.notes.default;
    return el('section', { class: 'panel panel-update', 'aria-labelledby': 'update-title', testid: 'update-panel', 'data-phase': s.phase },
      el('span', { class: 'panel-icon', 'aria-hidden': 'true' }, '↑'),
      el('div', { class: 'panel-body' },
        el('h2', { id: 'update-title', class: 'panel-title', tabindex: '-1', testid: 'update-title' }, t('update.title')),
        el('p', { class: 'panel-text', testid: 'update-version' },
          t('update.version', { version: offer.version, current: offer.current }),
          offer.date ? ` ${t('update.published', { date: longDate(offer.date) })}` : ''),
        notes
          ? el('div', { class: 'update-notes', testid: 'update-notes' },
            el('h3', {}, t('update.notesTitle')),
            el('p', { class: 'update-notes-text' }, notes))
          : null,
        action()));
  }

  return {
    check,
    node,
    /** How the background check ended (`pending` until it has), for the page's `data-update`. */
    outcome: () => s.outcome,
  };
}

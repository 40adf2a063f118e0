// @ts-check
// Before going live: Actindo's known pitfalls in plain words, each with where to fix it — one
// shipping address per order, every product with its own web address (custom URL), no shared
// variant options. The web addresses the assistant can check itself where this computer holds
// the store's key (roads 2 and 3): every product read page by page, with progress, the
// colliding ones named. On road 1 it says how to check by hand. Used by Status once active.
import { t, count } from '../i18n.js';
import { el, announce } from '../dom.js';
import { channel } from '../ipc.js';
import { goliveCheckUrls } from '../api.js';
import { errorPanel } from './errors.js';

/**
 * @typedef {import('../../types/ipc').UrlCheck} UrlCheck
 * @typedef {import('../../types/ipc').UrlReport} UrlReport
 * @typedef {{ connection: import('../types.js').ConnectionKey, prefix: string, road: import('../types.js').StoreRoad | null, refresh: (focus?: string | null) => void }} Options
 */

/** The most collisions listed (all are counted). */
const LISTED = 20;

/**
 * @param {Options} opts
 */
export function goLivePanel(opts) {
  const { connection, prefix, road, refresh } = opts;
  /** @type {{ running: boolean, done: number, total: number, report: UrlReport | null, error: { code: string } | null }} */
  const s = { running: false, done: 0, total: 0, report: null, error: null };
  const byHand = road === 'connector';

  async function check() {
    if (s.running) return;
    s.running = true;
    s.error = null;
    s.done = 0;
    s.total = 0;
    refresh(`${prefix}-urls-progress`);
    const events = channel((msg) => {
      if (msg && msg.event === 'productsRead') {
        s.done = msg.data.done;
        s.total = msg.data.total;
        refresh();
      }
    });
    try {
      s.report = /** @type {UrlReport} */ (await goliveCheckUrls(connection, events));
      s.running = false;
      const c = s.report.check;
      if (c) announce(c.collisions.length ? t('golive.urls.found', { n: c.products }) : t('golive.urls.none', { n: c.products }));
      refresh(`${prefix}-urls-result`);
    } catch (err) {
      s.running = false;
      s.error = /** @type {{ code: string }} */ (err);
      refresh(`${prefix}-urls-error-title`);
    }
  }

  /**
   * One item: an icon, what it is about, why, and where to fix it.
   * @param {string} key
   * @param {...any} more
   */
  function item(key, ...more) {
    return el('li', { class: 'golive-item', testid: `${prefix}-${key}` },
      el('h3', {}, t(`golive.${key}.title`)),
      el('p', {}, t(`golive.${key}.text`)),
      ...more);
  }

  /** @param {UrlCheck} c */
  function result(c) {
    if (!c.collisions.length) {
      return el('p', { class: 'message', tabindex: '-1', testid: `${prefix}-urls-result`, 'data-state': 'none' },
        el('span', { 'aria-hidden': 'true' }, '✓ '), t('golive.urls.none', { n: c.products }));
    }
    return el('div', { class: 'panel panel-warn', testid: `${prefix}-urls-result`, 'data-state': 'found', 'data-groups': String(c.collisions.length), tabindex: '-1' },
      el('span', { class: 'panel-icon', 'aria-hidden': 'true' }, '!'),
      el('div', { class: 'panel-body' },
        el('p', { class: 'panel-text' }, t('golive.urls.found', { n: c.products })),
        el('ul', { class: 'collision-list' },
          ...c.collisions.slice(0, LISTED).map((g, i) => el('li', { testid: `${prefix}-urls-group-${i}` },
            el('span', { class: 'url' }, g.url), ' — ',
            // A product whose address is spelled otherwise shows its own spelling.
            g.products.map((p) => (p.url === g.url ? p.name : `${p.name} (${p.url})`)).join(', ')))),
        c.collisions.length > LISTED ? el('p', { class: 'hint' }, t('golive.urls.more', { n: c.collisions.length - LISTED })) : null,
        el('p', { class: 'panel-next' }, t('golive.urls.fix'))));
  }

  function urlsPart() {
    const report = s.report;
    if (byHand || (report && report.storeHidden)) {
      const why = byHand || (report && report.storeHidden === 'connector_holds_key') ? 'golive.urls.hiddenConnector' : 'golive.urls.hiddenKeyMissing';
      return el('p', { class: 'hint', testid: `${prefix}-urls-by-hand` }, t(why), ' ', t('golive.urls.howByHand'));
    }
    return el('div', {},
      s.running
        ? el('div', { class: 'busy-progress', role: 'status', testid: `${prefix}-urls-progress`, tabindex: '-1' },
          el('span', {}, s.total ? t('golive.urls.checking', { done: s.done, total: s.total }) : t('golive.urls.starting')),
          s.total ? el('progress', { class: 'bar', max: String(s.total), value: String(s.done), 'aria-label': t('golive.urls.title') }) : null)
        : el('button', { type: 'button', class: 'secondary', testid: `${prefix}-urls-check`, onclick: check }, report ? t('golive.urls.again') : t('golive.urls.check')),
      s.error ? errorPanel({ code: s.error.code, prefix: `${prefix}-urls-error`, onRetry: check }) : null,
      report && report.check && !s.running ? result(report.check) : null);
  }

  function node() {
    return el('section', { class: 'after-part', 'aria-labelledby': `${prefix}-title`, testid: prefix },
      el('h2', { id: `${prefix}-title`, testid: `${prefix}-title`, tabindex: '-1' }, t('golive.title')),
      el('p', { class: 'hint' }, t('golive.lead')),
      el('ul', { class: 'golive-list' },
        item('addresses', el('p', { class: 'where' }, t('golive.addresses.where'))),
        item('urls', urlsPart()),
        item('options', el('p', { class: 'where' }, t('golive.options.where')))));
  }

  return { node };
}

// @ts-check
// "Did everything arrive?": what the store has beside what Core1 synchronized, with a clear
// verdict ("all arrived" or "N still missing" with Synchronize now), why the store's side is not
// shown on road 1, and a note when the store has several storefronts. Used by Status and Manage.
import { t, count } from '../i18n.js';
import { el, announce } from '../dom.js';
import { arrivedCheck } from '../api.js';
import { errorPanel } from './errors.js';

/**
 * @typedef {import('../../types/ipc').Arrived} Arrived
 * @typedef {{ connection: import('../types.js').ConnectionKey, prefix: string, refresh: (focus?: string | null) => void, onSync: () => Promise<void> }} Options
 */

/** The figures in the table, in order; orders follow the order filters, so never "missing". */
const ROWS = /** @type {const} */ (['products', 'variants', 'categories', 'customers', 'orders']);

/**
 * @param {Options} opts
 */
export function arrivedPanel(opts) {
  const { connection, prefix, refresh, onSync } = opts;
  /** @type {{ loading: boolean, data: Arrived | null, error: { code: string } | null, syncing: boolean }} */
  const s = { loading: false, data: null, error: null, syncing: false };

  async function load() {
    s.loading = true;
    s.error = null;
    refresh();
    try {
      s.data = /** @type {Arrived} */ (await arrivedCheck(connection));
      s.loading = false;
      announce(verdictWords(s.data));
    } catch (err) {
      s.loading = false;
      s.error = /** @type {{ code: string }} */ (err);
    }
    refresh();
  }

  async function sync() {
    s.syncing = true;
    refresh();
    try {
      await onSync();
    } finally {
      s.syncing = false;
    }
    await load();
  }

  /** @param {Arrived} d */
  function verdictWords(d) {
    if (!d.active) return t('arrived.stillMoving');
    if (!d.store) return t('arrived.core1Only', { products: d.core1.products });
    return d.missing === 0 ? t('arrived.allArrived') : t('arrived.missing', { list: shortList(d) });
  }

  /** What is short, e.g. "Products 7 · Variants 7". @param {Arrived} d */
  function shortList(d) {
    const store = d.store;
    if (!store) return '';
    return ROWS.filter((row) => row !== 'orders')
      .map((row) => [row, (store[row] || 0) - d.core1[row]])
      .filter(([, n]) => Number(n) > 0)
      .map(([row, n]) => `${t(`arrived.rows.${row}`)} ${count(Number(n))}`)
      .join(' · ');
  }

  /** @param {Arrived} d */
  function table(d) {
    const store = d.store;
    return el('table', { class: 'scopes figures', testid: `${prefix}-figures` },
      el('thead', {},
        el('tr', {},
          el('th', { scope: 'col' }, t('arrived.colWhat')),
          store ? el('th', { scope: 'col', class: 'num' }, t('arrived.colStore')) : null,
          el('th', { scope: 'col', class: 'num' }, t('arrived.colCore1')))),
      el('tbody', {},
        ...ROWS.map((row) => {
          const inStore = store ? store[row] : null;
          const inCore1 = d.core1[row];
          const short = row !== 'orders' && inStore !== null && inStore > inCore1;
          return el('tr', { testid: `${prefix}-row-${row}`, class: short ? 'short' : '' },
            el('th', { scope: 'row' }, t(`arrived.rows.${row}`)),
            store ? el('td', { class: 'num', testid: `${prefix}-store-${row}` }, inStore === null ? t('arrived.notReadable') : count(inStore)) : null,
            el('td', { class: 'num', testid: `${prefix}-core1-${row}` }, count(inCore1), short ? el('span', { class: 'short-mark' }, ` (−${count((inStore || 0) - inCore1)})`) : null));
        })));
  }

  /** @param {Arrived} d */
  function verdict(d) {
    if (!d.active) {
      return el('p', { class: 'hint', testid: `${prefix}-verdict`, 'data-state': 'moving' }, t('arrived.stillMoving'));
    }
    if (!d.store) {
      const why = d.storeHidden === 'connector_holds_key' ? 'arrived.hiddenConnector' : d.storeHidden === 'key_missing' ? 'arrived.hiddenKeyMissing' : 'arrived.hiddenUnavailable';
      return el('p', { class: 'hint', testid: `${prefix}-verdict`, 'data-state': 'core1_only', 'data-why': d.storeHidden || '' },
        t('arrived.core1Only', { products: d.core1.products }), ' ', el('span', { testid: `${prefix}-why` }, t(why)));
    }
    if (d.missing === 0) {
      return el('p', { class: 'message', testid: `${prefix}-verdict`, 'data-state': 'all' },
        el('span', { 'aria-hidden': 'true' }, '✓ '), t('arrived.allArrived'));
    }
    return el('div', { class: 'panel panel-warn', testid: `${prefix}-verdict`, 'data-state': 'missing', 'data-missing': String(d.missing) },
      el('span', { class: 'panel-icon', 'aria-hidden': 'true' }, '!'),
      el('div', { class: 'panel-body' },
        el('p', { class: 'panel-text', testid: `${prefix}-missing` }, t('arrived.missing', { list: shortList(d) })),
        el('p', { class: 'panel-next' }, t('arrived.missingNext')),
        el('div', { class: 'panel-actions' },
          el('button', { type: 'button', class: 'primary', testid: `${prefix}-sync`, disabled: s.syncing, onclick: sync }, t('arrived.syncNow')))));
  }

  /** @param {Arrived} d */
  function storefronts(d) {
    if (!d.severalStorefronts) return null;
    const covered = d.core1.storefront ? d.core1.storefront.name : null;
    return el('div', { class: 'panel panel-help', testid: `${prefix}-storefronts`, 'data-count': String(d.storefronts.length) },
      el('span', { class: 'panel-icon', 'aria-hidden': 'true' }, 'i'),
      el('div', { class: 'panel-body' },
        el('p', { class: 'panel-text' }, t('arrived.storefronts', { n: d.storefronts.length, names: d.storefronts.map((f) => f.name).join(', ') })),
        el('p', { class: 'panel-next', testid: `${prefix}-storefront-covered` },
          covered ? t('arrived.storefrontCovered', { name: covered }) : t('arrived.storefrontUnknown'))));
  }

  function node() {
    const d = s.data;
    return el('section', { class: 'after-part', 'aria-labelledby': `${prefix}-title`, testid: prefix },
      el('div', { class: 'title-row' },
        el('h2', { id: `${prefix}-title`, testid: `${prefix}-title`, tabindex: '-1' }, t('arrived.title')),
        el('button', { type: 'button', class: 'ghost', testid: `${prefix}-recount`, disabled: s.loading || s.syncing, onclick: load }, t('arrived.countAgain'))),
      s.loading && !d ? el('p', { class: 'busy', role: 'status' }, el('span', { class: 'spinner small', 'aria-hidden': 'true' }), t('arrived.counting')) : null,
      s.syncing ? el('p', { class: 'busy', role: 'status', testid: `${prefix}-syncing` }, el('span', { class: 'spinner small', 'aria-hidden': 'true' }), t('arrived.syncing')) : null,
      s.error ? errorPanel({ code: s.error.code, prefix: `${prefix}-error`, onRetry: load }) : null,
      d ? verdict(d) : null,
      d ? storefronts(d) : null,
      d ? table(d) : null,
      d ? el('p', { class: 'hint' }, t('arrived.ordersNote')) : null);
  }

  return { load, node };
}

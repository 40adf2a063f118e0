// @ts-check
// The list of access to set on BigCommerce's API-account form (from `store_api_account_guide`).
import { t } from '../i18n.js';
import { el } from '../dom.js';
import { storeApiAccountGuide } from '../api.js';

/** @type {import('../types.js').ApiAccountGuide | null} */
let guide = null;

/** @returns {Promise<import('../types.js').ApiAccountGuide>} */
export async function loadGuide() {
  const loaded = guide || (await storeApiAccountGuide());
  guide = loaded;
  return loaded;
}

/**
 * @param {import('../types.js').ApiAccountGuide | null} g the guide, or null while it loads
 * @param {string} [testid]
 */
export function scopeTable(g, testid = 'scope-table') {
  return el(
    'table',
    { class: 'scopes', testid },
    el(
      'thead',
      {},
      el('tr', {}, el('th', { scope: 'col' }, t('bigcommerce.api.colAccess')), el('th', { scope: 'col' }, t('bigcommerce.api.colRow')), el('th', { scope: 'col' }, t('bigcommerce.api.colLevel'))),
    ),
    el(
      'tbody',
      {},
      ...(g ? g.scopes : []).map((s) =>
        el(
          'tr',
          { testid: `scope-${s.labelKey.replace(/^scope\./, '')}` },
          el('td', {}, t(s.labelKey)),
          el('td', { lang: 'en' }, s.controlPanel),
          el('td', {}, t(`access.${s.access}`)),
        ),
      ),
    ),
  );
}

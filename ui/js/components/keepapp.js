// @ts-check
// What to keep in BigCommerce so the access lasts, in the words of the road the connection was
// made on. Road 1: deleting the connector app ends its access (the vendor's docs). Road 2: a
// store-level API account's access ends only when the account is deleted (BigCommerce,
// docs/start/authentication/api-accounts.mdx, "Revoking store-level API credentials"); the
// merchant never installed the connector there. Road 3: the assistant's own app.
import { t } from '../i18n.js';
import { el } from '../dom.js';

/** @type {Record<string, string>} the road's words; a road not known here gets road 1's */
const WORDS = { connector: 'connector', api_account: 'api_account', own_app: 'own_app' };

/**
 * @param {string | null | undefined} road the road the connection was made on
 * @param {string} [testid]
 */
export function keepAppWarning(road, testid = 'keep-app') {
  const words = WORDS[road || 'connector'] || 'connector';
  return el(
    'div',
    { class: 'panel panel-warn', role: 'note', testid, 'data-road': words, 'aria-labelledby': `${testid}-title` },
    el('span', { class: 'panel-icon', 'aria-hidden': 'true' }, '⚠'),
    el(
      'div',
      { class: 'panel-body' },
      el('h2', { class: 'panel-title', id: `${testid}-title` }, t(`keepApp.${words}.title`)),
      el('p', { class: 'panel-text' }, t(`keepApp.${words}.text`)),
    ),
  );
}

/**
 * One warning per road among these connections (Manage), each named `manage-keep-<road>`.
 * @param {{ road: string }[]} list
 */
export function keepAppWarnings(list) {
  const roads = [...new Set(list.map((h) => WORDS[h.road] || 'connector'))];
  return roads.map((road) => keepAppWarning(road, `manage-keep-${road}`));
}

/**
 * The words for why Core1's connection stopped (`connectionErrors.<code>`), by road: on road 2
 * a refused access means the API account was deleted, not the connector app.
 * @param {string | null | undefined} code
 * @param {string | null | undefined} road
 * @returns {{ text: string, next: string }}
 */
export function connectionErrorWords(code, road) {
  const known = code && t(`connectionErrors.${code}.text`) !== `connectionErrors.${code}.text`;
  const key = known ? code : 'unknown';
  const suffix = key === 'credentials_rejected' && road === 'api_account' ? 'ApiAccount' : '';
  return { text: t(`connectionErrors.${key}.text${suffix}`), next: t(`connectionErrors.${key}.next${suffix}`) };
}

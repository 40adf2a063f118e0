// @ts-check
// Road 2's refusals in the words of what the merchant did, and the missing access row by row
// as BigCommerce's form names it. A key from a picked file that BigCommerce no longer accepts
// names the file and the store it is for, and offers the API accounts page (of that store where
// the profile's page address names one): a store-level key stops working only when its account
// is deleted (BigCommerce, docs/start/authentication/api-accounts.mdx, "Revoking store-level API
// credentials"), so the one next step is a new account's file. A pasted key that is refused asks
// first whether all of it was copied. The key itself is never in the page.
import { t } from '../i18n.js';
import { el } from '../dom.js';
import { storeApiAccountOpenPage } from '../api.js';
import { errorPanel } from './errors.js';

/**
 * @param {{
 *   error: import('../types.js').UiError, fileName: string | null, prefix: string,
 *   detail?: Node | null, fail: (err: unknown) => void,
 * }} opts
 */
export function apiAccountError({ error, fileName, prefix, detail = null, fail }) {
  const hash = error.storeHash;
  if (error.code === 'api_account_file_refused' && hash) {
    return errorPanel({
      code: error.code,
      prefix,
      detail: el('p', { class: 'panel-text', testid: `${prefix}-file` }, t('bigcommerce.api.fileRead', { file: fileName || '', hash })),
      extra: [el('button', {
        type: 'button',
        class: 'primary',
        testid: `${prefix}-open-page`,
        onclick: () => storeApiAccountOpenPage(hash).catch(fail),
      }, t('bigcommerce.api.openPage'))],
    });
  }
  const nextKey = error.code === 'bigcommerce_token_invalid' ? 'errors.bigcommerce_token_invalid.nextApi' : null;
  return errorPanel({ code: error.code, prefix, detail, nextKey });
}

/**
 * What the API path field shows for a store hash read from a file.
 * @param {string} hash
 */
export function apiPathOf(hash) {
  return `https://api.bigcommerce.com/stores/${hash}/v3/`;
}

/**
 * Each missing access with the row and level to set in BigCommerce's form.
 * @param {import('../types.js').UiError} err
 * @param {import('../types.js').ApiAccountGuide | null} guide
 */
export function missingList(err, guide) {
  if (!err || !Array.isArray(err.missing) || err.missing.length === 0) return null;
  const spec = (/** @type {string} */ k) => (guide ? guide.scopes.find((x) => x.labelKey === k) : null);
  return el(
    'ul',
    { class: 'missing-list', testid: 'bc-api-missing' },
    ...err.missing.map((k) => {
      const row = spec(k);
      return el('li', { testid: `bc-api-missing-${k.replace(/^scope\./, '')}` },
        el('strong', {}, t(k)),
        row ? [' — ', el('span', { lang: 'en' }, row.controlPanel), `: ${t(`access.${row.access}`)}`] : null);
    }),
  );
}

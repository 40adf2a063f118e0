// @ts-check
// The warning from the vendor's docs: deleting the app in BigCommerce ends the access.
import { t } from '../i18n.js';
import { el } from '../dom.js';

export function keepAppWarning(testid = 'keep-app') {
  return el(
    'div',
    { class: 'panel panel-warn', role: 'note', testid, 'aria-labelledby': `${testid}-title` },
    el('span', { class: 'panel-icon', 'aria-hidden': 'true' }, '⚠'),
    el(
      'div',
      { class: 'panel-body' },
      el('h2', { class: 'panel-title', id: `${testid}-title` }, t('keepApp.title')),
      el('p', { class: 'panel-text' }, t('keepApp.text')),
    ),
  );
}

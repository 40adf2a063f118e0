// @ts-check
// Manage's "Forget this connection?": what forgetting removes on this computer, and what it
// leaves in Core1 and BigCommerce (in the words of the road the connection was made on).
import { t } from '../i18n.js';
import { el } from '../dom.js';
import { onEscape } from './health.js';

/**
 * @param {{ tag: string, storeName: string, road: string, busy: boolean, keep: () => void, forget: () => void }} o
 */
export function forgetQuestion({ tag, storeName, road, busy, keep, forget }) {
  return el('div', { class: 'panel panel-warn', role: 'alertdialog', 'aria-labelledby': `conn-forget-text-${tag}`, testid: `conn-forget-confirm-${tag}`, onkeydown: (/** @type {KeyboardEvent} */ ev) => onEscape(ev, busy ? null : keep) },
    el('span', { class: 'panel-icon', 'aria-hidden': 'true' }, '?'),
    el('div', { class: 'panel-body' },
      el('p', { class: 'panel-text', id: `conn-forget-text-${tag}`, testid: `conn-forget-text-${tag}` }, t('manage.forgetConfirm', { name: storeName })),
      el('p', { class: 'panel-next', testid: `conn-forget-what-${tag}` }, t(`manage.forgetWhat.${road}`)),
      el('div', { class: 'panel-actions' },
        el('button', { type: 'button', class: 'secondary', testid: `conn-forget-no-${tag}`, disabled: busy, onclick: keep }, t('manage.forgetNo')),
        el('button', { type: 'button', class: 'danger', testid: `conn-forget-yes-${tag}`, disabled: busy, onclick: forget }, t('manage.forgetYes')))));
}

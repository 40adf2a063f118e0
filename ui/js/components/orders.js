// @ts-check
// Core1's "Order/Return have errors" for a connection in Manage (an assumed field of the
// Omni-Channel contract; the column is documented in Actindo's connection list), shown when Core1
// says, with where to look.
import { t } from '../i18n.js';
import { el } from '../dom.js';

/** @param {import('../types.js').ConnectionHealth} h */
export function ordersLine(h) {
  const errors = h.connection ? h.connection.orderReturnErrors : null;
  if (errors === null || errors === undefined) return null;
  return el('li', { class: `hline ${errors ? 'hline-bad' : 'hline-ok'}`, testid: `conn-orders-${h.tag}`, 'data-state': errors ? 'errors' : 'ok' },
    el('span', { class: 'hline-icon', 'aria-hidden': 'true' }, errors ? '!' : '✓'),
    el('span', {}, errors ? `${t('manage.orders.errors')} ${t('manage.orders.next')}` : t('manage.orders.ok')));
}

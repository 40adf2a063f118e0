// @ts-check
// A Manage card's health in words and icons (the store's access, Core1's connection), and the
// Escape key that closes what is open on a card.
import { t } from '../i18n.js';
import { el } from '../dom.js';
import { errorWords } from './errors.js';

// Escape closes a question or a form that is open on a card (as its Cancel / No would).
/**
 * @param {KeyboardEvent} ev
 * @param {(() => void) | null} close
 */
export function onEscape(ev, close) {
  if (ev.key !== 'Escape' || !close) return;
  ev.preventDefault();
  close();
}

/** @type {Record<string, string>} */
const STORE_ICON = { valid: '✓', invalid: '✗', missing: '✗', unknown: '?', not_held: '✓', rejected: '✗' };
/** @type {Record<string, string>} */
const CORE1_ICON = { active: '✓', working: '…', failed: '✗', disabled: '⚠', sign_in_needed: '⚠', gone: '✗', unknown: '?' };

// Road 1: the wizard holds no key; Core1's own credentials check speaks for the store.
/** @param {import('../types.js').ConnectionHealth} h */
export function storeState(h) {
  if (h.storeAccess === 'not_held' && h.connection && h.connection.credentialsValid === false) return 'rejected';
  return h.storeAccess;
}

/**
 * @param {'store' | 'core1'} kind
 * @param {string} value
 * @param {string | null} code
 * @param {string} testid
 * @param {string} [road] the connection's road: a refused access is its own app's on road 3
 */
export function healthLine(kind, value, code, testid, road) {
  const icon = kind === 'store' ? STORE_ICON[value] : CORE1_ICON[value];
  const good = value === 'valid' || value === 'active' || value === 'not_held';
  const extra = code ? ` ${errorWords(code).text}` : '';
  return el('li', { class: `hline ${good ? 'hline-ok' : value === 'working' ? 'hline-info' : 'hline-bad'}`, testid, 'data-state': value },
    el('span', { class: 'hline-icon', 'aria-hidden': 'true' }, icon),
    el('span', {}, t(`manage.${kind}.${value}${kind === 'store' && value === 'invalid' && road === 'own_app' ? '_own_app' : ''}`) + extra));
}

// @ts-check
// Polite one-time notices above the screen (progress reset, store access lost, session-only
// sign-ins). Each is shown once and can be dismissed.
import { t } from '../i18n.js';
import { byId, el, announce } from '../dom.js';

/** @type {{ key: string, testid: string, vars: Record<string, string>, varKeys: Record<string, string> }[]} */
const notices = [];

/**
 * Shows the notice with these words once (a second with the same `testid` is left out).
 * @param {string} key
 * @param {string} testid
 * @param {Record<string, string>} [vars] values put in as they are (a version number)
 * @param {Record<string, string>} [varKeys] values that are words: their keys, looked up when
 *   drawn, so the notice follows a language switch
 */
export function addNotice(key, testid, vars = {}, varKeys = {}) {
  if (notices.some((n) => n.testid === testid)) return;
  const n = { key, testid, vars, varKeys };
  notices.push(n);
  announce(words(n));
}

/** @param {{ key: string, vars: Record<string, string>, varKeys: Record<string, string> }} n */
function words(n) {
  const said = Object.fromEntries(Object.entries(n.varKeys).map(([name, k]) => [name, t(k)]));
  return t(n.key, { ...n.vars, ...said });
}

/**
 * Takes back a notice that no longer holds (shown at the next draw).
 * @param {string} testid
 */
export function dropNotice(testid) {
  const i = notices.findIndex((n) => n.testid === testid);
  if (i >= 0) notices.splice(i, 1);
}

export function renderNotices() {
  const box = byId('notices');
  box.replaceChildren(
    ...notices.map((n) =>
      el(
        'div',
        { class: 'notice', role: 'note', testid: n.testid },
        el('span', { class: 'notice-icon', 'aria-hidden': 'true' }, 'i'),
        el('p', { class: 'notice-text', testid: `${n.testid}-text` }, words(n)),
        el('button', {
          type: 'button',
          class: 'ghost',
          testid: `${n.testid}-dismiss`,
          onclick: () => {
            notices.splice(notices.indexOf(n), 1);
            renderNotices();
            byId('screen').focus();
          },
        }, t('common.dismiss')),
      ),
    ),
  );
}

// Polite one-time notices above the screen (progress reset, store access lost, session-only
// sign-ins). Each is shown once and can be dismissed.
import { t } from '../i18n.js';
import { el, announce } from '../dom.js';

const notices = [];

export function addNotice(key, testid, vars = {}) {
  if (notices.some((n) => n.testid === testid)) return;
  notices.push({ key, testid, vars });
  announce(t(key, vars));
}

export function renderNotices() {
  const box = document.getElementById('notices');
  box.replaceChildren(
    ...notices.map((n) =>
      el(
        'div',
        { class: 'notice', role: 'note', testid: n.testid },
        el('span', { class: 'notice-icon', 'aria-hidden': 'true' }, 'i'),
        el('p', { class: 'notice-text', testid: `${n.testid}-text` }, t(n.key, n.vars)),
        el('button', {
          type: 'button',
          class: 'ghost',
          testid: `${n.testid}-dismiss`,
          onclick: () => {
            notices.splice(notices.indexOf(n), 1);
            renderNotices();
            document.getElementById('screen').focus();
          },
        }, t('common.dismiss')),
      ),
    ),
  );
}

// @ts-check
// "Start practice over" next to the practice badge: a question first, then the app forgets
// every practice connection, sign-in and step, the practice world goes back to its start, and
// the user is on Welcome (src-tauri/src/commands/app.rs, `app_practice_start_over`).
import { t } from '../i18n.js';
import { byId, el, one, announce } from '../dom.js';
import { appPracticeStartOver } from '../api.js';
import { onEscape } from './health.js';

/**
 * Shows the button in practice mode and wires its question.
 * @param {boolean} practice
 * @param {(view: import('../types.js').WizardView) => void} show  draws the view it answers
 * @param {(err: unknown) => void} fail
 */
export function wireStartOver(practice, show, fail) {
  const button = /** @type {HTMLButtonElement} */ (one('[data-testid="practice-start-over"]'));
  button.hidden = !practice;
  if (!practice) return;
  const box = byId('practice-start-over-box');
  let open = false;
  let busy = false;
  const close = () => {
    open = false;
    render();
    button.focus();
  };
  async function yes() {
    if (busy) return;
    busy = true;
    render();
    try {
      const view = await appPracticeStartOver();
      open = false;
      show(view);
      announce(t('app.startOverDone'));
    } catch (err) {
      open = false;
      fail(err);
    } finally {
      busy = false;
      render();
    }
  }
  function render() {
    button.setAttribute('aria-expanded', String(open));
    if (!open) {
      box.replaceChildren();
      return;
    }
    box.replaceChildren(
      el('div', { class: 'panel panel-warn', role: 'alertdialog', 'aria-labelledby': 'practice-start-over-text', testid: 'practice-start-over-confirm', onkeydown: (/** @type {KeyboardEvent} */ ev) => onEscape(ev, busy ? null : close) },
        el('span', { class: 'panel-icon', 'aria-hidden': 'true' }, '?'),
        el('div', { class: 'panel-body' },
          el('p', { class: 'panel-text', id: 'practice-start-over-text', testid: 'practice-start-over-text' }, t('app.startOverConfirm')),
          el('p', { class: 'panel-next' }, t('app.startOverNothingReal')),
          el('div', { class: 'panel-actions' },
            el('button', { type: 'button', class: 'secondary', testid: 'practice-start-over-no', disabled: busy, onclick: close }, t('app.startOverNo')),
            el('button', { type: 'button', class: 'danger', testid: 'practice-start-over-yes', disabled: busy, onclick: yes }, t('app.startOverYes'))))));
  }
  button.addEventListener('click', () => {
    if (busy) return;
    open = !open;
    render();
    if (open) /** @type {HTMLElement} */ (one('[data-testid="practice-start-over-no"]')).focus();
  });
  return render;
}

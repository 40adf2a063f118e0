// @ts-check
// The one field where a secret is typed: password input with a Show/Hide toggle.
// The caller reads and clears it; the value never goes into any other state.
import { t } from '../i18n.js';
import { el } from '../dom.js';

/**
 * @param {{ id: string, testid: string, label: () => string, hint?: () => string }} field
 *   `label` and `hint` give the words in the language of the moment
 */
export function keyInput({ id, testid, label, hint }) {
  const input = /** @type {HTMLInputElement} */ (el('input', {
    id,
    type: 'password',
    class: 'text-input',
    testid,
    autocomplete: 'off',
    spellcheck: 'false',
    autocapitalize: 'off',
    'aria-describedby': hint ? `${id}-hint` : null,
  }));
  const toggle = el('button', { type: 'button', class: 'ghost', testid: `${testid}-toggle`, 'aria-pressed': 'false', 'aria-controls': id });
  toggle.addEventListener('click', () => {
    const show = input.type === 'password';
    input.type = show ? 'text' : 'password';
    toggle.setAttribute('aria-pressed', String(show));
    toggle.textContent = show ? t('common.hide') : t('common.show');
  });
  const node = () => {
    toggle.textContent = input.type === 'password' ? t('common.show') : t('common.hide');
    return el(
      'div',
      { class: 'field' },
      el('label', { for: id }, label()),
      el('div', { class: 'input-row' }, input, toggle),
      hint ? el('p', { class: 'hint', id: `${id}-hint` }, hint()) : null,
    );
  };
  // Takes the value out of the field and leaves it empty.
  const take = () => {
    const v = input.value;
    input.value = '';
    input.type = 'password';
    toggle.setAttribute('aria-pressed', 'false');
    return v;
  };
  return { node, take, input };
}

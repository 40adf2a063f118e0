// @ts-check
// Road 1's question "Is this your store?" about the connections that appeared in Core1 while the
// assistant waited for the connector (one: Yes / No; several: pick one). The assistant never
// adopts a connection it cannot tie to this run; the merchant says which is theirs.
import { t } from '../i18n.js';
import { el } from '../dom.js';
import { errorPanel } from './errors.js';

/**
 * @param {{
 *   list: import('../types.js').Candidate[],
 *   picked: number | null,
 *   answer: import('../types.js').Task,
 *   onPick: (id: number, index: number) => void,
 *   onYes: (id: number) => void,
 *   onNo: () => void,
 * }} o
 */
export function candidatesPanel({ list, picked, answer, onPick, onYes, onNo }) {
  const one = list.length === 1;
  // Core1's name for it; the store hash too, unless the name already says it.
  const name = (/** @type {import('../types.js').Candidate} */ c) =>
    c.name.includes(c.storeHash) ? c.name : t('candidates.store', { name: c.name, hash: c.storeHash });
  return el(
    'div',
    { class: 'panel panel-help', role: 'group', 'aria-labelledby': 'bc-candidate-title', testid: 'bc-candidates' },
    el('span', { class: 'panel-icon', 'aria-hidden': 'true' }, '?'),
    el(
      'div',
      { class: 'panel-body' },
      el('h2', { class: 'panel-title', id: 'bc-candidate-title', tabindex: '-1', testid: 'bc-candidate-title' }, one ? t('candidates.one') : t('candidates.several')),
      one
        ? el('p', { class: 'panel-text address', testid: 'bc-candidate-0' }, name(list[0]))
        : el(
          'ul',
          { class: 'candidates' },
          ...list.map((c, i) => el('li', { testid: `bc-candidate-row-${i}` }, el('label', { class: 'option' },
            el('input', { type: 'radio', name: 'bc-candidate', testid: `bc-candidate-${i}`, checked: picked === c.id, onchange: () => onPick(c.id, i) }),
            el('span', {}, name(c))))),
        ),
      el('p', { class: 'panel-next' }, t('candidates.why')),
      answer.error ? errorPanel({ code: answer.error.code, prefix: 'bc-candidate-error' }) : null,
      el(
        'div',
        { class: 'panel-actions' },
        el('button', { type: 'button', class: 'secondary', testid: 'bc-candidate-no', disabled: answer.busy, onclick: onNo }, one ? t('candidates.no') : t('candidates.none')),
        el('button', {
          type: 'button',
          class: 'primary',
          testid: 'bc-candidate-yes',
          disabled: answer.busy || (!one && picked === null),
          onclick: () => onYes(one ? list[0].id : /** @type {number} */ (picked)),
        }, one ? t('candidates.yes') : t('candidates.pick')),
      ),
    ),
  );
}

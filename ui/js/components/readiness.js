// @ts-check
// What Core1 lacks before a BigCommerce connection can be made (Omni-Channel, the BigCommerce
// driver, the right to create connections), where to get it, and Check again.
import { t } from '../i18n.js';
import { el } from '../dom.js';
import { errorPanel } from './errors.js';
import { busyLine } from './task.js';

/**
 * @param {{
 *   problems: { kind: string, installed?: string | null }[],
 *   ready: import('../types.js').Task,
 *   back: HTMLElement,
 *   openCore1: () => void,
 *   checkAgain: () => void,
 * }} o
 */
export function readinessScreen({ problems, ready, back, openCore1, checkAgain }) {
  return [
    el('h1', { id: 'screen-title', tabindex: '-1', testid: 'bc-ready-title' }, t('readiness.title')),
    el('p', { class: 'lead' }, t('readiness.lead')),
    el(
      'ul',
      { class: 'readiness-list', testid: 'bc-ready-problems' },
      ...problems.map((p) => el('li', { testid: `bc-ready-${p.kind}` },
        t(`readiness.${p.kind}`, { installed: p.installed || '' }))),
    ),
    el('p', { class: 'hint' }, t('readiness.who')),
    ready.error ? errorPanel({ code: ready.error.code, prefix: 'bc-ready-error' }) : null,
    ready.busy ? busyLine(t('readiness.checking'), 'bc-ready-checking') : null,
    el(
      'div',
      { class: 'actions' },
      back,
      el('button', { type: 'button', class: 'secondary', testid: 'bc-ready-open', onclick: openCore1 }, t('readiness.openCore1')),
      el('span', { class: 'spacer' }),
      el('button', { type: 'button', class: 'primary', testid: 'bc-ready-again', disabled: ready.busy, onclick: checkAgain }, t('readiness.checkAgain')),
    ),
  ];
}

// @ts-check
// The row of steps at the top: where the user is and what comes next.
import { t } from './i18n.js';
import { byId, el } from './dom.js';

export const STEPS = ['welcome', 'workspace', 'core1', 'bigcommerce', 'status'];

/** @param {string} active the step shown now */
export function renderStepper(active) {
  const list = byId('stepper-list');
  const at = STEPS.indexOf(active);
  list.replaceChildren(
    ...STEPS.map((step, i) => {
      const state = i < at ? 'done' : i === at ? 'current' : 'todo';
      return el(
        'li',
        { class: `step step-${state}`, 'aria-current': i === at ? 'step' : null, testid: `step-${step}` },
        el('span', { class: 'step-dot', 'aria-hidden': 'true' }, state === 'done' ? '✓' : String(i + 1)),
        el('span', { class: 'step-label' }, t(`stepper.${step}`)),
        el('span', { class: 'visually-hidden' }, ` (${t(`stepper.state.${state}`)})`),
      );
    }),
  );
}

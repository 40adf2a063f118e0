// @ts-check
// The patterns every screen repeats: a command that runs while the screen shows it is busy and
// then shows its error in words, the busy line itself, and moving to the screen a command
// answers with (Back among them).
import { t } from '../i18n.js';
import { el, announce } from '../dom.js';
import { wizardBack } from '../api.js';
import { announceError } from './errors.js';

/**
 * Runs `call` once at a time for `task`: marks it busy, clears its error and redraws (saying
 * `working`); then hands the result to `done`, or keeps the error on `task`, says it in words
 * and redraws with the focus on `errorFocus` (the error panel's heading).
 * @template T
 * @param {import('../types.js').Task} task
 * @param {import('../types.js').ScreenContext} ctx
 * @param {{ call: () => Promise<T>, working: string, errorFocus: string, done: (result: T) => void }} how
 */
export async function runTask(task, ctx, { call, working, errorFocus, done }) {
  if (task.busy) return;
  task.busy = true;
  task.error = null;
  ctx.refresh();
  announce(working);
  let result;
  try {
    result = await call();
  } catch (err) {
    task.busy = false;
    task.error = /** @type {import('../types.js').UiError} */ (err);
    announceError(task.error);
    ctx.refresh(errorFocus);
    return;
  }
  task.busy = false;
  done(result);
}

/**
 * The spinner line shown while a task runs (a polite status for screen readers).
 * @param {string} text
 * @param {string} [testid]
 */
export function busyLine(text, testid) {
  return el('p', { class: 'busy', role: 'status', testid }, el('span', { class: 'spinner small', 'aria-hidden': 'true' }), text);
}

/**
 * Shows the screen that the command `go` answers with; a failure is the app's problem screen.
 * @param {import('../types.js').ScreenContext} ctx
 * @param {() => Promise<import('../types.js').WizardView>} go one of api.js's functions
 */
export async function goTo(ctx, go) {
  try {
    ctx.show(await go());
  } catch (err) {
    ctx.fail(err);
  }
}

/**
 * The screen's Back button: `before` stops what the screen has running, then the engine's
 * previous step is shown.
 * @param {import('../types.js').ScreenContext} ctx
 * @param {string} testid
 * @param {() => void} [before]
 */
export function backButton(ctx, testid, before) {
  const back = () => {
    if (before) before();
    goTo(ctx, wizardBack);
  };
  return el('button', { type: 'button', class: 'secondary', testid, onclick: back }, t('common.back'));
}

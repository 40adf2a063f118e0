// @ts-check
// Error codes → words. Every code the Rust side can send has `errors.<code>.text` and `.next`.
import { t } from '../i18n.js';
import { el, announce } from '../dom.js';

/**
 * What happened and what to do, for an error code (unknown codes: the words for `internal`).
 * @param {string} code
 */
export function errorWords(code) {
  const known = t(`errors.${code}.text`) !== `errors.${code}.text`;
  const key = known ? code : 'internal';
  return { text: t(`errors.${key}.text`), next: t(`errors.${key}.next`) };
}

/**
 * Says what went wrong and what to do through the live region.
 * @param {unknown} err a `UiError`, or anything a command threw
 */
export function announceError(err) {
  const w = errorWords(codeOf(err));
  announce(`${w.text} ${w.next}`);
}

// One plain sentence, what to do, and Try again. `prefix` keeps test ids unique on a page.
// `detail` (a node) stands between what happened and what to do, e.g. the missing access;
// `nextKey` names other words for what to do where the screen knows better (the pasted form).
/**
 * @param {{
 *   code: string, onRetry?: ((ev: Event) => unknown) | null, retryLabel?: string, prefix?: string,
 *   extra?: Node[], detail?: Node | null, nextKey?: string | null,
 * }} panel
 */
export function errorPanel({ code, onRetry, retryLabel, prefix = 'error', extra = [], detail = null, nextKey = null }) {
  const words = errorWords(code);
  return el(
    'div',
    { class: 'panel panel-error', role: 'alert', testid: prefix, 'data-code': code },
    el('span', { class: 'panel-icon', 'aria-hidden': 'true' }, '!'),
    el(
      'div',
      { class: 'panel-body' },
      el('h2', { class: 'panel-title', tabindex: '-1', testid: `${prefix}-title` }, t('errors.title')),
      el('p', { class: 'panel-text', testid: `${prefix}-text` }, words.text),
      detail,
      el('p', { class: 'panel-next', testid: `${prefix}-next` }, nextKey ? t(nextKey) : words.next),
      el(
        'div',
        { class: 'panel-actions' },
        ...extra,
        onRetry
          ? el('button', { type: 'button', class: 'primary', testid: `${prefix}-retry`, onclick: onRetry }, retryLabel || t('common.tryAgain'))
          : null,
      ),
    ),
  );
}

/**
 * The code of an error a command threw (`internal` for anything else).
 * @param {unknown} err
 * @returns {string}
 */
export function codeOf(err) {
  const code = err && typeof err === 'object' && 'code' in err ? err.code : null;
  return typeof code === 'string' && code ? code : 'internal';
}

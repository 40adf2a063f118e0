// @ts-check
// Step 2: the Core1 workspace in any form, a live preview of the workspace used, checked on Continue.
import { t } from '../i18n.js';
import { el, announce } from '../dom.js';
import { workspacePreview, workspaceSet } from '../api.js';
import { codeOf, errorPanel, errorWords } from '../components/errors.js';
import { backButton, busyLine, runTask } from '../components/task.js';
import { workspaceName } from '../components/workspacename.js';

/**
 * @param {import('../types.js').ScreenContext} ctx
 * @returns {import('../types.js').Screen}
 */
export function createWorkspace(ctx) {
  const v = ctx.view;
  const initial = (v.workspace && v.workspace.input) || v.prefilledWorkspace || '';
  /**
   * `submitted`: Continue was pressed on what the preview already refuses, so the preview's
   * words are the error (said once, there, not again in a panel).
   * @type {import('../types.js').Task & {
   *   preview: import('../types.js').WorkspacePreview | { code: string } | null,
   *   submitted: boolean,
   * }}
   */
  const s = { busy: false, error: null, preview: null, submitted: false };
  let seq = 0;

  const input = /** @type {HTMLInputElement} */ (el('input', {
    id: 'ws-input',
    type: 'text',
    class: 'text-input',
    testid: 'ws-input',
    autocomplete: 'off',
    spellcheck: 'false',
    autocapitalize: 'off',
    'aria-describedby': 'ws-preview',
  }));
  input.value = initial;
  // Updated in place while typing, so the field keeps focus and caret: the preview, the error
  // of the last Continue (gone with the next key), and who filled the field in (gone too).
  const previewBox = el('div', { id: 'ws-preview', class: 'preview', testid: 'ws-preview' });
  const errorBox = el('div', { class: 'ws-error-box' });
  const prefilledBy = !v.workspace && v.prefilledWorkspace ? v.prefilledBy : null;
  /** @type {HTMLElement | null} */
  let prefilledHint = prefilledBy
    ? el('p', { class: 'hint', testid: 'ws-prefilled', 'data-by': prefilledBy })
    : null;

  function drawError() {
    errorBox.replaceChildren(...(s.error
      ? [errorPanel({ code: s.error.code, prefix: 'ws-error', onRetry: s.error.code.startsWith('workspace_') ? null : submit })]
      : []));
  }

  function drawPreview() {
    const p = s.preview;
    if (!p) {
      previewBox.replaceChildren();
    } else if ('display' in p) {
      previewBox.className = 'preview preview-ok';
      previewBox.replaceChildren(
        el('span', { class: 'preview-icon', 'aria-hidden': 'true' }, '✓'),
        el('span', {}, t('workspace.willUse'), ' ', el('strong', {}, workspaceName(p.display, v.practice, 'ws-preview-url'))),
      );
    } else {
      const w = errorWords(p.code);
      previewBox.className = 'preview preview-bad';
      previewBox.replaceChildren(
        el('span', { class: 'preview-icon', 'aria-hidden': 'true' }, '!'),
        el('span', { testid: 'ws-preview-error', 'data-code': p.code }, `${w.text} ${w.next}`),
      );
    }
    const refused = s.submitted && !!p && 'code' in p;
    if (refused) previewBox.dataset.submitted = 'true';
    else delete previewBox.dataset.submitted;
    if (refused) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  async function updatePreview() {
    const mine = ++seq;
    const value = input.value;
    let result;
    try {
      result = /** @type {import('../types.js').WorkspacePreview} */ (await workspacePreview(value));
    } catch (err) {
      result = { code: codeOf(err) };
    }
    if (mine !== seq) return false; // a newer keystroke won
    s.preview = result;
    drawPreview();
    return true;
  }
  // What was said about the last input (its error, who filled it in) is not about this one.
  const onEdit = () => {
    if (prefilledHint) prefilledHint.remove();
    prefilledHint = null;
    s.error = null;
    s.submitted = false;
    drawError();
    updatePreview();
  };
  input.addEventListener('input', onEdit);
  input.addEventListener('change', onEdit); // clearing by other means fires only this
  if (initial) updatePreview();

  /** @param {Event} ev */
  async function submit(ev) {
    ev.preventDefault();
    if (s.busy) return;
    // What the preview refuses is said there, once: no panel repeats it.
    if (await updatePreview() && s.preview && 'code' in s.preview) {
      s.error = null;
      s.submitted = true;
      drawError();
      drawPreview();
      const w = errorWords(s.preview.code);
      announce(`${w.text} ${w.next}`);
      input.focus();
      return;
    }
    runTask(s, ctx, {
      call: () => workspaceSet(input.value),
      working: t('workspace.checking'),
      errorFocus: 'ws-error-title',
      done: (view) => ctx.show(view),
    });
  }

  function render() {
    drawPreview();
    drawError();
    // Its words are set on every draw, so they follow a language switch.
    if (prefilledHint) prefilledHint.textContent = t(prefilledBy === 'practice' ? 'workspace.prefilledPractice' : 'workspace.prefilled');
    const store = ctx.view.store;
    return el(
      'section',
      { class: 'card', 'aria-labelledby': 'screen-title', testid: 'workspace' },
      el('h1', { id: 'screen-title', tabindex: '-1', testid: 'ws-title' }, t('workspace.title')),
      store ? el('p', { class: 'context-line', testid: 'ws-store' }, t('workspace.storeLine', { name: store.name, domain: store.domain })) : null,
      el('p', { class: 'lead' }, t('workspace.lead')),
      el(
        'form',
        { class: 'form', id: 'ws-form', novalidate: true, onsubmit: submit, testid: 'ws-form' },
        el('div', { class: 'field' },
          el('label', { for: 'ws-input' }, t('workspace.label')),
          input,
          prefilledHint,
          previewBox),
        errorBox,
        s.busy ? busyLine(t('workspace.checking'), 'ws-checking') : null,
      ),
      el('div', { class: 'actions' },
        backButton(ctx, 'ws-back'),
        el('span', { class: 'spacer' }),
        el('button', { type: 'submit', form: 'ws-form', class: 'primary', testid: 'ws-continue', disabled: s.busy }, t('common.continue'))),
    );
  }

  return { render };
}

// @ts-check
// Step 2: the Core1 workspace in any form, a live preview of the address used, checked on Continue.
import { t } from '../i18n.js';
import { el } from '../dom.js';
import { invoke } from '../ipc.js';
import { codeOf, errorPanel, errorWords } from '../components/errors.js';
import { backButton, busyLine, runTask } from '../components/task.js';

/**
 * @param {import('../types.js').ScreenContext} ctx
 * @returns {import('../types.js').Screen}
 */
export function createWorkspace(ctx) {
  const v = ctx.view;
  const initial = (v.workspace && v.workspace.input) || v.prefilledWorkspace || '';
  /**
   * @type {import('../types.js').Task & {
   *   prefilled: boolean, preview: { url: string } | { code: string } | null,
   * }}
   */
  const s = { busy: false, error: null, prefilled: !v.workspace && !!v.prefilledWorkspace, preview: null };
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
  // Updated in place while typing, so the field keeps focus and caret.
  const previewBox = el('div', { id: 'ws-preview', class: 'preview', testid: 'ws-preview' });

  function drawPreview() {
    const p = s.preview;
    if (!p) {
      previewBox.replaceChildren();
    } else if ('url' in p) {
      previewBox.className = 'preview preview-ok';
      previewBox.replaceChildren(
        el('span', { class: 'preview-icon', 'aria-hidden': 'true' }, '✓'),
        el('span', {}, t('workspace.willUse'), ' ', el('strong', { testid: 'ws-preview-url', class: 'url' }, p.url)),
      );
    } else {
      const w = errorWords(p.code);
      previewBox.className = 'preview preview-bad';
      previewBox.replaceChildren(
        el('span', { class: 'preview-icon', 'aria-hidden': 'true' }, '!'),
        el('span', { testid: 'ws-preview-error', 'data-code': p.code }, `${w.text} ${w.next}`),
      );
    }
  }

  async function updatePreview() {
    const mine = ++seq;
    const value = input.value;
    let result;
    try {
      result = { url: await invoke('preview_workspace', { input: value }) };
    } catch (err) {
      result = { code: codeOf(err) };
    }
    if (mine !== seq) return; // a newer keystroke won
    s.preview = result;
    drawPreview();
  }
  const onEdit = () => {
    s.prefilled = false;
    updatePreview();
  };
  input.addEventListener('input', onEdit);
  input.addEventListener('change', onEdit); // clearing by other means fires only this
  if (initial) updatePreview();

  /** @param {Event} ev */
  function submit(ev) {
    ev.preventDefault();
    runTask(s, ctx, {
      call: () => invoke('set_workspace', { input: input.value }),
      working: t('workspace.checking'),
      errorFocus: 'ws-error-title',
      done: (view) => ctx.show(view),
    });
  }

  function render() {
    drawPreview();
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
          s.prefilled ? el('p', { class: 'hint', testid: 'ws-prefilled' }, t('workspace.prefilled')) : null,
          previewBox),
        s.error ? errorPanel({ code: s.error.code, prefix: 'ws-error', onRetry: s.error.code.startsWith('workspace_') ? null : submit }) : null,
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

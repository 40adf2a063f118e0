// Step 2: the Core1 workspace in any form, a live preview of the address used, checked on Continue.
import { t } from '../i18n.js';
import { el, announce } from '../dom.js';
import { invoke } from '../ipc.js';
import { errorPanel, errorWords } from '../components/errors.js';

export function createWorkspace(ctx) {
  const v = ctx.view;
  const initial = (v.workspace && v.workspace.input) || v.prefilledWorkspace || '';
  const s = { busy: false, error: null, prefilled: !v.workspace && !!v.prefilledWorkspace, preview: null };
  let seq = 0;

  const input = el('input', {
    id: 'ws-input',
    type: 'text',
    class: 'text-input',
    testid: 'ws-input',
    autocomplete: 'off',
    spellcheck: 'false',
    autocapitalize: 'off',
    'aria-describedby': 'ws-preview',
  });
  input.value = initial;
  // Updated in place while typing, so the field keeps focus and caret.
  const previewBox = el('div', { id: 'ws-preview', class: 'preview', testid: 'ws-preview' });

  function drawPreview() {
    const p = s.preview;
    if (!p) {
      previewBox.replaceChildren();
    } else if (p.url) {
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
      result = { code: err.code };
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

  async function submit(ev) {
    ev.preventDefault();
    if (s.busy) return;
    s.busy = true;
    s.error = null;
    ctx.refresh();
    announce(t('workspace.checking'));
    try {
      const view = await invoke('set_workspace', { input: input.value });
      s.busy = false;
      ctx.show(view);
    } catch (err) {
      s.busy = false;
      s.error = err;
      const w = errorWords(err.code);
      announce(`${w.text} ${w.next}`);
      ctx.refresh('ws-error-title');
    }
  }

  async function back() {
    try {
      ctx.show(await invoke('wizard_back'));
    } catch (err) {
      ctx.fail(err);
    }
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
        s.busy ? el('p', { class: 'busy', role: 'status', testid: 'ws-checking' }, el('span', { class: 'spinner small', 'aria-hidden': 'true' }), t('workspace.checking')) : null,
      ),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'secondary', testid: 'ws-back', onclick: back }, t('common.back')),
        el('span', { class: 'spacer' }),
        el('button', { type: 'submit', form: 'ws-form', class: 'primary', testid: 'ws-continue', disabled: s.busy }, t('common.continue'))),
    );
  }

  return { render };
}

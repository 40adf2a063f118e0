// Step 5: create the connection — or, when Core1 has one for this store, update it.
import { t } from '../i18n.js';
import { el, announce } from '../dom.js';
import { invoke } from '../ipc.js';
import { errorPanel, errorWords } from '../components/errors.js';

export function createConnect(ctx) {
  const s = { busy: false, error: null };

  async function connect(choice) {
    if (s.busy) return;
    s.busy = true;
    s.error = null;
    ctx.refresh();
    announce(t('connect.working'));
    try {
      const view = await invoke('connect', { choice });
      s.busy = false;
      ctx.show(view);
    } catch (err) {
      s.busy = false;
      if (err.code === 'connection_exists') {
        // Core1 has one after all: ask to update it instead.
        const view = await invoke('wizard_view').catch(() => ctx.view);
        ctx.view = view;
        announce(t('connect.existsTitle'));
        ctx.refresh('connect-exists-title');
        return;
      }
      s.error = { err, choice };
      const w = errorWords(err.code);
      announce(`${w.text} ${w.next}`);
      ctx.refresh('connect-error-title');
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
    const v = ctx.view;
    const exists = v.existingConnectionId !== null && v.existingConnectionId !== undefined;
    const fact = (label, value, testid) => el('div', { class: 'fact' }, el('dt', {}, label), el('dd', { testid }, value));
    return el(
      'section',
      { class: 'card', 'aria-labelledby': 'screen-title', testid: 'connect' },
      exists
        ? el('h1', { id: 'screen-title', tabindex: '-1', testid: 'connect-exists-title' }, t('connect.existsTitle'))
        : el('h1', { id: 'screen-title', tabindex: '-1', testid: 'connect-title' }, t('connect.title')),
      el('p', { class: 'lead', testid: exists ? 'connect-exists-lead' : 'connect-lead' }, exists ? t('connect.existsLead') : t('connect.lead')),
      el('dl', { class: 'facts', testid: 'connect-summary' },
        v.store ? fact(t('connect.summaryStore'), `${v.store.name} (${v.store.domain})`, 'connect-store') : null,
        v.workspace ? fact(t('connect.summaryWorkspace'), v.workspace.url, 'connect-workspace') : null),
      s.error ? errorPanel({ code: s.error.err.code, prefix: 'connect-error', onRetry: () => connect(s.error.choice) }) : null,
      s.busy ? el('p', { class: 'busy', role: 'status', testid: 'connect-working' }, el('span', { class: 'spinner small', 'aria-hidden': 'true' }), t('connect.working')) : null,
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'secondary', testid: 'connect-back', onclick: back, disabled: s.busy }, t('common.back')),
        el('span', { class: 'spacer' }),
        exists
          ? el('button', { type: 'button', class: 'primary', testid: 'connect-update', disabled: s.busy, onclick: () => connect('update_existing') }, t('connect.update'))
          : el('button', { type: 'button', class: 'primary', testid: 'connect-create', disabled: s.busy, onclick: () => connect('create') }, t('connect.create'))),
    );
  }

  return { render };
}

// @ts-check
// Step 3: sign in to Core1 in the browser; this also leaves the browser signed in to Core1, which the connector app needs.
import { t } from '../i18n.js';
import { el } from '../dom.js';
import { invoke } from '../ipc.js';
import { signInFlow } from '../components/waiting.js';
import { backButton } from '../components/task.js';

/**
 * @param {import('../types.js').ScreenContext} ctx
 * @returns {import('../types.js').Screen}
 */
export function createCore1(ctx) {
  const flow = signInFlow({
    provider: 'core1',
    run: (onEvent) => invoke('core1_sign_in', { onEvent }),
    onDone: (view) => ctx.show(view),
    onChange: (focus) => ctx.refresh(focus),
  });

  function render() {
    const ws = ctx.view.workspace;
    const idle = flow.state.mode === 'idle';
    return el(
      'section',
      { class: 'card', 'aria-labelledby': 'screen-title', testid: 'core1' },
      el('h1', { id: 'screen-title', tabindex: '-1', testid: 'core1-title' }, t('core1.title')),
      ws ? el('p', { class: 'context-line', testid: 'core1-workspace' }, t('core1.workspaceLine', { url: ws.url })) : null,
      el('p', { class: 'lead' }, t('core1.lead')),
      flow.panel(),
      el('div', { class: 'actions' },
        backButton(ctx, 'core1-back', () => flow.cancel()),
        el('span', { class: 'spacer' }),
        idle ? el('button', { type: 'button', class: 'primary', testid: 'core1-sign-in', onclick: flow.start }, t('core1.signIn')) : null),
    );
  }

  return { render, leave: () => flow.cancel() };
}

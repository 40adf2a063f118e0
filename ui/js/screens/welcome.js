// Step 1: what will happen, what is needed, about how long.
import { t } from '../i18n.js';
import { el } from '../dom.js';
import { invoke } from '../ipc.js';

export function createWelcome(ctx) {
  let busy = false;
  async function start() {
    if (busy) return;
    busy = true;
    try {
      ctx.show(await invoke('wizard_begin'));
    } catch (err) {
      ctx.fail(err);
    } finally {
      busy = false;
    }
  }
  const item = (key) => el('li', {}, t(key));
  return {
    render: () =>
      el(
        'section',
        { class: 'card', 'aria-labelledby': 'screen-title', testid: 'welcome' },
        el('h1', { id: 'screen-title', tabindex: '-1', testid: 'welcome-title' }, t('welcome.title')),
        el('p', { class: 'lead', testid: 'welcome-lead' }, t('welcome.lead')),
        el(
          'div',
          { class: 'columns' },
          el(
            'div',
            { class: 'column' },
            el('h2', {}, t('welcome.whatHappens')),
            el('ol', { class: 'steps-list', testid: 'welcome-steps' },
              item('welcome.happens.workspace'),
              item('welcome.happens.core1'),
              item('welcome.happens.bigcommerce'),
              item('welcome.happens.connect')),
          ),
          el(
            'div',
            { class: 'column' },
            el('h2', {}, t('welcome.whatYouNeed')),
            el('ul', { class: 'needs-list', testid: 'welcome-needs' },
              item('welcome.needs.store'),
              item('welcome.needs.workspace'),
              item('welcome.needs.time')),
          ),
        ),
        el(
          'div',
          { class: 'actions' },
          el('button', { type: 'button', class: 'primary', testid: 'welcome-start', onclick: start }, t('welcome.start')),
        ),
      ),
  };
}

// @ts-check
// Step 1: what will happen, what is needed, about how long.
import { t } from '../i18n.js';
import { el } from '../dom.js';
import { welcomeBegin, welcomeConfirmHosts } from '../api.js';

/**
 * @param {import('../types.js').ScreenContext} ctx
 * @returns {import('../types.js').Screen}
 */
export function createWelcome(ctx) {
  let busy = false;
  async function start() {
    if (busy) return;
    busy = true;
    try {
      // A setup file that talks to other places: starting means trusting them.
      if (ctx.view.hostsToConfirm) await welcomeConfirmHosts();
      ctx.show(await welcomeBegin());
    } catch (err) {
      ctx.fail(err);
    } finally {
      busy = false;
    }
  }
  const item = (/** @type {string} */ key) => el('li', {}, t(key));
  return {
    render: () =>
      el(
        'section',
        { class: 'card', 'aria-labelledby': 'screen-title', testid: 'welcome' },
        el('h1', { id: 'screen-title', tabindex: '-1', testid: 'welcome-title' }, t('welcome.title')),
        el('p', { class: 'lead', testid: 'welcome-lead' }, t('welcome.lead')),
        // Practice keeps what is done in it too, until "Start practice over" (next to the badge).
        ctx.view.practice ? el('p', { class: 'practice-line', testid: 'welcome-practice' }, t('welcome.practiceLine')) : null,
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
        hostsPanel(ctx.view.hostsToConfirm),
        el(
          'div',
          { class: 'actions' },
          el('button', { type: 'button', class: 'primary', testid: 'welcome-start', onclick: start },
            ctx.view.hostsToConfirm ? t('welcome.trustAndStart') : t('welcome.start')),
        ),
      ),
  };
}

// A setup file from a consultant that points elsewhere than the real services: say where.
/** @param {string[] | null} hosts */
function hostsPanel(hosts) {
  if (!hosts) return null;
  return el(
    'div',
    { class: 'panel panel-warn', role: 'note', testid: 'welcome-hosts' },
    el('span', { class: 'panel-icon', 'aria-hidden': 'true' }, '!'),
    el(
      'div',
      { class: 'panel-body' },
      el('h2', { class: 'panel-title' }, t('welcome.hostsTitle')),
      el('p', { class: 'panel-text' }, t('welcome.hostsLead')),
      el('ul', { class: 'help-list', testid: 'welcome-hosts-list' }, ...hosts.map((h) => el('li', { class: 'url' }, h))),
      el('p', { class: 'panel-next' }, t('welcome.hostsNext')),
    ),
  );
}

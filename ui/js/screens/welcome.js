// Step 1: what will happen, what is needed, about how long.
import { t } from '../i18n.js';
import { el } from '../dom.js';

export function welcomeScreen({ onStart }) {
  const item = (key) => el('li', {}, t(key));
  return el(
    'section',
    { class: 'card', 'aria-labelledby': 'welcome-title', testid: 'welcome' },
    el('h1', { id: 'welcome-title', testid: 'welcome-title' }, t('welcome.title')),
    el('p', { class: 'lead', testid: 'welcome-lead' }, t('welcome.lead')),
    el(
      'div',
      { class: 'columns' },
      el(
        'div',
        { class: 'column' },
        el('h2', {}, t('welcome.whatHappens')),
        el('ol', { class: 'steps-list', testid: 'welcome-steps' },
          item('welcome.happens.bigcommerce'),
          item('welcome.happens.workspace'),
          item('welcome.happens.core1'),
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
      el('button', { type: 'button', class: 'primary', testid: 'welcome-start', onclick: onStart }, t('welcome.start')),
    ),
  );
}

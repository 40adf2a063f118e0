// Step 2: sign in to BigCommerce in the browser — or the API-account road — then the store found.
import { t } from '../i18n.js';
import { el, announce } from '../dom.js';
import { invoke } from '../ipc.js';
import { signInFlow } from '../components/waiting.js';
import { errorPanel, errorWords } from '../components/errors.js';
import { loadGuide, scopeTable } from '../components/scopes.js';
import { keyInput } from '../components/keyinput.js';

export function storeCard(store) {
  const row = (label, value, testid) => el('div', { class: 'fact' }, el('dt', {}, label), el('dd', { testid }, value));
  return el(
    'dl',
    { class: 'facts', testid: 'bc-store' },
    row(t('bigcommerce.storeName'), store.name, 'bc-store-name'),
    row(t('bigcommerce.storeDomain'), store.domain, 'bc-store-domain'),
    row(t('bigcommerce.storePlan'), store.planName, 'bc-store-plan'),
  );
}

export function createBigCommerce(ctx) {
  const s = {
    mode: ctx.view.bigcommerceSigninAvailable ? 'start' : 'api',
    store: null,
    next: null,
    guide: null,
    apiBusy: false,
    apiError: null,
  };
  const pathInput = el('input', {
    id: 'bc-api-path',
    type: 'text',
    class: 'text-input',
    testid: 'bc-api-path',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'bc-api-path-hint',
  });
  const key = keyInput({
    id: 'bc-api-key',
    testid: 'bc-api-key',
    label: () => t('bigcommerce.api.accessKey'),
    hint: () => t('bigcommerce.api.accessKeyHint'),
  });

  const found = (view) => {
    s.next = view;
    s.store = view.store;
    s.mode = 'found';
    announce(`${t('bigcommerce.foundTitle')}: ${view.store.name}`);
    ctx.refresh('bc-found-title');
  };

  const flow = signInFlow({
    provider: 'bigcommerce',
    run: (onEvent) => invoke('bigcommerce_sign_in', { onEvent }),
    onDone: found,
    onChange: (focus) => ctx.refresh(focus),
  });

  async function back() {
    flow.cancel();
    try {
      ctx.show(await invoke('wizard_back'));
    } catch (err) {
      ctx.fail(err);
    }
  }

  function toApi() {
    s.mode = 'api';
    ctx.refresh('bc-api-title');
  }

  function ensureGuide() {
    if (s.guide || s.guideLoading) return;
    s.guideLoading = true;
    loadGuide()
      .then((g) => {
        s.guide = g;
        ctx.refresh();
      })
      .catch((err) => ctx.fail(err));
  }

  async function submitApi(ev) {
    ev.preventDefault();
    if (s.apiBusy) return;
    const accessToken = key.take();
    s.apiBusy = true;
    s.apiError = null;
    ctx.refresh();
    announce(t('bigcommerce.api.checking'));
    try {
      const view = await invoke('use_api_account', { apiPath: pathInput.value, accessToken, onEvent: ctx.ignoreEvents() });
      s.apiBusy = false;
      found(view);
    } catch (err) {
      s.apiBusy = false;
      s.apiError = err;
      const w = errorWords(err.code);
      announce(`${w.text} ${w.next}`);
      ctx.refresh('bc-api-error-title');
    }
  }

  const title = (key, testid) => el('h1', { id: 'screen-title', tabindex: '-1', testid }, t(key));
  const backBtn = () => el('button', { type: 'button', class: 'secondary', testid: 'bc-back', onclick: back }, t('common.back'));

  function renderApi() {
    const signInAvailable = ctx.view.bigcommerceSigninAvailable;
    return [
      el('h1', { id: 'screen-title', tabindex: '-1', testid: 'bc-api-title' }, t('bigcommerce.api.title')),
      el('p', { class: 'lead' }, signInAvailable ? t('bigcommerce.api.lead') : t('bigcommerce.notConfigured')),
      el(
        'ol',
        { class: 'guide' },
        el(
          'li',
          {},
          el('p', {}, t('bigcommerce.api.step1')),
          el('button', {
            type: 'button',
            class: 'secondary',
            testid: 'bc-api-open',
            onclick: () => invoke('open_api_accounts_page').catch((err) => ctx.fail(err)),
          }, t('bigcommerce.api.openPage')),
        ),
        el('li', {}, el('p', {}, t('bigcommerce.api.step2')), scopeTable(s.guide, 'bc-api-scopes')),
        el('li', {}, el('p', {}, t('bigcommerce.api.step3'))),
      ),
      el(
        'form',
        { class: 'form', testid: 'bc-api-form', novalidate: true, onsubmit: submitApi },
        el(
          'div',
          { class: 'field' },
          el('label', { for: 'bc-api-path' }, t('bigcommerce.api.apiPath')),
          pathInput,
          el('p', { class: 'hint', id: 'bc-api-path-hint' }, t('bigcommerce.api.apiPathHint')),
        ),
        key.node(),
        s.apiError ? errorPanel({ code: s.apiError.code, prefix: 'bc-api-error' }) : null,
        s.apiBusy ? el('p', { class: 'busy', role: 'status', testid: 'bc-api-checking' }, el('span', { class: 'spinner small', 'aria-hidden': 'true' }), t('bigcommerce.api.checking')) : null,
        el(
          'div',
          { class: 'actions' },
          signInAvailable
            ? el('button', { type: 'button', class: 'secondary', testid: 'bc-api-back-browser', onclick: () => { s.mode = 'start'; s.apiError = null; ctx.refresh('bc-title'); } }, t('bigcommerce.api.backToBrowser'))
            : backBtn(),
          el('button', { type: 'submit', class: 'primary', testid: 'bc-api-submit', disabled: s.apiBusy }, t('bigcommerce.api.submit')),
        ),
      ),
    ];
  }

  function render() {
    let body;
    if (s.mode === 'found') {
      body = [
        el('h1', { id: 'screen-title', tabindex: '-1', testid: 'bc-found-title' }, t('bigcommerce.foundTitle')),
        el('p', { class: 'lead' }, t('bigcommerce.foundLead')),
        storeCard(s.store),
        el('div', { class: 'actions' },
          el('button', { type: 'button', class: 'primary', testid: 'bc-continue', onclick: () => ctx.show(s.next) }, t('common.continue'))),
      ];
    } else if (s.mode === 'api') {
      ensureGuide();
      body = renderApi();
    } else {
      const waiting = flow.busy();
      body = [
        title('bigcommerce.title', 'bc-title'),
        el('p', { class: 'lead' }, t('bigcommerce.lead')),
        flow.panel({ extra: [el('button', { type: 'button', class: 'secondary', testid: 'bc-use-api', onclick: toApi }, t('bigcommerce.useApiAccount'))] }),
        waiting || flow.state.mode === 'error'
          ? el('div', { class: 'actions' }, backBtn())
          : el(
            'div',
            { class: 'actions' },
            backBtn(),
            el('span', { class: 'spacer' }),
            el('button', { type: 'button', class: 'secondary', testid: 'bc-use-api', onclick: toApi }, t('bigcommerce.useApiAccount')),
            el('button', { type: 'button', class: 'primary', testid: 'bc-sign-in', onclick: flow.start }, t('bigcommerce.signIn')),
          ),
      ];
    }
    return el('section', { class: 'card', 'aria-labelledby': 'screen-title', testid: 'bigcommerce' }, ...body);
  }

  return { render, leave: () => flow.cancel() };
}

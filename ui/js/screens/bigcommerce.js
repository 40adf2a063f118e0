// @ts-check
// The store step, after Core1: road 1 Actindo's connector app (the default), road 2 a
// store-level API account (pasted, or the .txt file BigCommerce downloads), road 3 the wizard's
// own app (only when the profile registers one). Every road ends on Status.
import { t } from '../i18n.js';
import { el } from '../dom.js';
import { invoke } from '../ipc.js';
import { signInFlow } from '../components/waiting.js';
import { errorPanel } from '../components/errors.js';
import { backButton, busyLine, runTask } from '../components/task.js';
import { loadGuide, scopeTable } from '../components/scopes.js';
import { keyInput } from '../components/keyinput.js';
import { connectorFlow } from '../components/connector.js';

/** The largest API account file the core reads (`setup_core::bigcommerce::ACCOUNT_FILE_MAX_BYTES`). */
const ACCOUNT_FILE_MAX_BYTES = 64 * 1024;

/**
 * @param {import('../types.js').ScreenContext} ctx
 * @returns {import('../types.js').Screen}
 */
export function createBigCommerce(ctx) {
  /** @type {{ mode: 'connector' | 'api' | 'own', guide: import('../types.js').ApiAccountGuide | null, guideLoading: boolean }} */
  const s = { mode: 'connector', guide: null, guideLoading: false };
  // Road 2's check of the API account (busy while BigCommerce answers; its error, if any).
  /** @type {import('../types.js').Task} */
  const api = { busy: false, error: null };
  const pathInput = /** @type {HTMLInputElement} */ (el('input', {
    id: 'bc-api-path',
    type: 'text',
    class: 'text-input',
    testid: 'bc-api-path',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'bc-api-path-hint',
  }));
  const key = keyInput({
    id: 'bc-api-key',
    testid: 'bc-api-key',
    label: () => t('bigcommerce.api.accessKey'),
    hint: () => t('bigcommerce.api.accessKeyHint'),
  });
  const fileInput = /** @type {HTMLInputElement} */ (el('input', {
    id: 'bc-api-file',
    type: 'file',
    accept: '.txt,text/plain',
    class: 'file-input',
    testid: 'bc-api-file',
    onchange: (/** @type {Event} */ ev) => pickFile(/** @type {HTMLInputElement} */ (ev.target)),
  }));

  const connector = connectorFlow({
    run: (onEvent, resume) => invoke('connector_watch', { resume, onEvent }),
    onDone: (view) => ctx.show(view),
    onChange: (focus) => ctx.refresh(focus),
    helpAfterMs: ctx.view.connector.helpAfterMs,
  });
  const ownApp = signInFlow({
    provider: 'bigcommerce',
    run: (onEvent) => invoke('bigcommerce_sign_in', { onEvent }),
    onDone: (view) => ctx.show(view),
    onChange: (focus) => ctx.refresh(focus),
  });

  // A wizard closed while waiting for the connector goes on waiting (the page is not reopened).
  if (ctx.view.connector.waitingSince) {
    queueMicrotask(() => connector.start(true, ctx.view.connector.waitingSince));
  }

  function stop() {
    connector.cancel();
    ownApp.cancel();
  }

  /**
   * @param {'connector' | 'api' | 'own'} mode
   * @param {string} focus
   */
  function to(mode, focus) {
    connector.cancel();
    s.mode = mode;
    api.error = null;
    ctx.refresh(focus);
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

  // Road 2, from either the fields or the file; the key leaves the page's state at once.
  /**
   * @param {string} command
   * @param {Record<string, unknown>} args
   */
  function checkAccount(command, args) {
    runTask(api, ctx, {
      call: () => invoke(command, { ...args, onEvent: ctx.ignoreEvents() }),
      working: t('bigcommerce.api.checking'),
      errorFocus: 'bc-api-error-title',
      done: (view) => ctx.show(view),
    });
  }

  /** @param {Event} ev */
  function submitApi(ev) {
    ev.preventDefault();
    checkAccount('use_api_account', { apiPath: pathInput.value, accessToken: key.take() });
  }

  /** @param {HTMLInputElement} input */
  function pickFile(input) {
    const file = input.files && input.files[0];
    input.value = '';
    if (!file) return;
    // Too large to be BigCommerce's file: said at once, the file neither read nor sent.
    if (file.size > ACCOUNT_FILE_MAX_BYTES) {
      api.error = { code: 'api_account_file_too_large' };
      ctx.refresh('bc-api-error-title');
      return;
    }
    file.text().then(
      (contents) => checkAccount('use_api_account_file', { contents }),
      () => {
        api.error = { code: 'api_account_file_invalid' };
        ctx.refresh('bc-api-error-title');
      },
    );
  }

  /** @type {(k: string, testid: string) => HTMLElement} */
  const title = (k, testid) => el('h1', { id: 'screen-title', tabindex: '-1', testid }, t(k));
  const backBtn = () => backButton(ctx, 'bc-back', stop);
  /** @type {(k: string, testid: string, onclick: () => void) => HTMLElement} */
  const link = (k, testid, onclick) => el('button', { type: 'button', class: 'link', testid, onclick }, t(k));

  /** @param {'connector' | 'api' | 'own'} except the road shown now */
  function otherRoads(except) {
    return el(
      'p',
      { class: 'other-roads' },
      except !== 'connector' ? link('bigcommerce.useConnector', 'bc-use-connector', () => to('connector', 'bc-title')) : null,
      except !== 'api' ? link('bigcommerce.useApiAccount', 'bc-use-api', () => to('api', 'bc-api-title')) : null,
      except !== 'own' && ctx.view.bigcommerceSigninAvailable
        ? link('bigcommerce.useOwnApp', 'bc-use-own-app', () => to('own', 'bc-own-title'))
        : null,
    );
  }

  function renderConnector() {
    const ws = ctx.view.workspace ? ctx.view.workspace.url : '';
    const name = ctx.view.connector.name;
    const waiting = connector.busy();
    return [
      title('bigcommerce.title', 'bc-title'),
      el('p', { class: 'lead' }, t('bigcommerce.lead', { name })),
      connector.steps(name),
      connector.address(ws),
      connector.panel(ws),
      connector.help(ws),
      waiting ? null : otherRoads('connector'),
      el(
        'div',
        { class: 'actions' },
        backBtn(),
        el('span', { class: 'spacer' }),
        waiting
          ? null
          : el('button', { type: 'button', class: 'primary', testid: 'bc-open-connector', onclick: () => connector.start(false) }, t('bigcommerce.openConnector')),
      ),
    ];
  }

  // Each missing access with the row and level to set in BigCommerce's form.
  /** @param {import('../types.js').UiError} err */
  function missingList(err) {
    if (!err || !Array.isArray(err.missing) || err.missing.length === 0) return null;
    const spec = (/** @type {string} */ k) => (s.guide ? s.guide.scopes.find((x) => x.labelKey === k) : null);
    return el(
      'ul',
      { class: 'missing-list', testid: 'bc-api-missing' },
      ...err.missing.map((k) => {
        const row = spec(k);
        return el('li', { testid: `bc-api-missing-${k.replace(/^scope\./, '')}` },
          el('strong', {}, t(k)),
          row ? [' — ', el('span', { lang: 'en' }, row.controlPanel), `: ${t(`access.${row.access}`)}`] : null);
      }),
    );
  }

  function renderApi() {
    ensureGuide();
    return [
      title('bigcommerce.api.title', 'bc-api-title'),
      el('p', { class: 'lead' }, t('bigcommerce.api.lead')),
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
        'div',
        { class: 'file-pick' },
        // The (invisible) file input lies over its label: what the keyboard focuses is in view.
        el('label', { for: 'bc-api-file', class: 'button secondary', testid: 'bc-api-file-label' }, t('bigcommerce.api.pickFile'), fileInput),
        el('span', { class: 'hint' }, t('bigcommerce.api.pickFileHint')),
      ),
      el(
        'form',
        { class: 'form', id: 'bc-api-form', testid: 'bc-api-form', novalidate: true, onsubmit: submitApi },
        el(
          'div',
          { class: 'field' },
          el('label', { for: 'bc-api-path' }, t('bigcommerce.api.apiPath')),
          pathInput,
          el('p', { class: 'hint', id: 'bc-api-path-hint' }, t('bigcommerce.api.apiPathHint')),
        ),
        key.node(),
        api.error ? errorPanel({ code: api.error.code, prefix: 'bc-api-error', detail: missingList(api.error) }) : null,
        api.busy ? busyLine(t('bigcommerce.api.checking'), 'bc-api-checking') : null,
      ),
      otherRoads('api'),
      // Outside the form (its submit names the form), so the bar can stay in view on small screens.
      el(
        'div',
        { class: 'actions' },
        backBtn(),
        el('span', { class: 'spacer' }),
        el('button', { type: 'submit', form: 'bc-api-form', class: 'primary', testid: 'bc-api-submit', disabled: api.busy }, t('bigcommerce.api.submit')),
      ),
    ];
  }

  function renderOwn() {
    const waiting = ownApp.busy();
    return [
      title('bigcommerce.own.title', 'bc-own-title'),
      el('p', { class: 'lead' }, t('bigcommerce.own.lead')),
      ownApp.panel(),
      waiting ? null : otherRoads('own'),
      el(
        'div',
        { class: 'actions' },
        backBtn(),
        el('span', { class: 'spacer' }),
        waiting || ownApp.state.mode === 'error'
          ? null
          : el('button', { type: 'button', class: 'primary', testid: 'bc-sign-in', onclick: ownApp.start }, t('bigcommerce.own.signIn')),
      ),
    ];
  }

  function render() {
    // Road 1 shows the address large; the other roads name it in a line.
    const workspace = ctx.view.workspace && s.mode !== 'connector'
      ? el('p', { class: 'context-line', testid: 'bc-workspace-line' }, t('bigcommerce.workspaceLine', { url: ctx.view.workspace.url }))
      : null;
    const body = s.mode === 'api' ? renderApi() : s.mode === 'own' ? renderOwn() : renderConnector();
    const [heading, ...rest] = body;
    return el('section', { class: 'card', 'aria-labelledby': 'screen-title', testid: 'bigcommerce' }, heading, workspace, ...rest);
  }

  return {
    render,
    titleKey: () => (s.mode === 'api' ? 'windowTitle.api' : s.mode === 'own' ? 'windowTitle.own' : 'windowTitle.bigcommerce'),
    leave: stop,
  };
}

// @ts-check
// The store step, after Core1: first whether Core1 is ready (Omni-Channel, the BigCommerce
// driver, the right to create connections); then road 1 Actindo's connector app (the default;
// "Is this your store?" about what appears), road 2 a store-level API account (pasted, or the
// .txt file BigCommerce downloads), road 3 the wizard's own app (only when the profile registers
// one). Every road ends on Status.
import { t } from '../i18n.js';
import { practiceTag } from '../components/workspacename.js';
import { el, announce } from '../dom.js';
import { core1Open, storeReadiness, storeOwnAppSignIn, storeApiAccountOpenPage, storeApiAccountUse, storeApiAccountUseFile, storeConnectorWatch, storeConnectorConfirm, storeConnectorDecline, storeConnectorLookAgain } from '../api.js';
import { signInFlow } from '../components/waiting.js';
import { errorPanel } from '../components/errors.js';
import { apiAccountError, apiPathOf, missingList } from '../components/apierror.js';
import { backButton, busyLine, runTask } from '../components/task.js';
import { loadGuide, scopeTable } from '../components/scopes.js';
import { keyInput } from '../components/keyinput.js';
import { connectorFlow } from '../components/connector.js';
import { candidatesPanel } from '../components/candidates.js';
import { readinessScreen } from '../components/readiness.js';
import { dropNotice } from '../components/notices.js';

/** The largest API account file the core reads (`setup_core::bigcommerce::ACCOUNT_FILE_MAX_BYTES`). */
const ACCOUNT_FILE_MAX_BYTES = 64 * 1024;

/**
 * @param {import('../types.js').ScreenContext} ctx
 * @returns {import('../types.js').Screen}
 */
export function createBigCommerce(ctx) {
  /**
   * @type {{
   *   mode: 'connector' | 'api' | 'own', guide: import('../types.js').ApiAccountGuide | null,
   *   guideLoading: boolean, readiness: import('../types.js').Readiness | null, picked: number | null,
   * }}
   */
  const s = { mode: 'connector', guide: null, guideLoading: false, readiness: null, picked: null };
  // Is Core1 ready for a BigCommerce connection? (busy while it answers; its error, if any).
  /** @type {import('../types.js').Task} */
  const ready = { busy: false, error: null };
  // "Is this your store?" (busy while the answer is sent; its error, if any).
  /** @type {import('../types.js').Task} */
  const answer = { busy: false, error: null };
  // Road 2's check of the API account (busy while BigCommerce answers; its error, if any).
  /** @type {import('../types.js').Task} */
  const api = { busy: false, error: null };
  /** @type {string | null} the name of the file picked last (said back if it is refused) */
  let fileName = null;
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
    run: (onEvent, resume) => storeConnectorWatch(resume, onEvent),
    lookAgain: () => storeConnectorLookAgain(),
    copiedEarlier: () => Boolean(ctx.view.connector.copiedEarlier),
    // Connections appeared: the question, on this screen; otherwise the view is Status.
    onDone: (/** @type {import('../types.js').WizardView} */ view) => {
      if (view.step === 'bigcommerce' && view.connector.candidates.length) {
        ctx.view = view;
        announce(view.connector.candidates.length === 1 ? t('candidates.one') : t('candidates.several'));
        ctx.refresh('bc-candidate-title');
      } else ctx.show(view);
    },
    onChange: (focus) => ctx.refresh(focus),
    helpAfterMs: ctx.view.connector.helpAfterMs,
  });
  const ownApp = signInFlow({
    provider: 'bigcommerce',
    run: (onEvent) => storeOwnAppSignIn(onEvent),
    onDone: (view) => ctx.show(view),
    onChange: (focus) => ctx.refresh(focus),
  });

  function checkReady() {
    runTask(ready, ctx, {
      call: () => storeReadiness(),
      working: t('readiness.checking'),
      errorFocus: 'bc-ready-error-title',
      done: (/** @type {import('../types.js').Readiness} */ r) => {
        s.readiness = r;
        if (r.problems.length) announce(t('readiness.title'));
        ctx.refresh(r.problems.length ? 'bc-ready-title' : 'bc-title');
      },
    });
  }

  const isReady = () => Boolean(s.readiness && s.readiness.problems.length === 0);

  // A wizard closed while waiting for the connector, or a return after Back paused the wait, goes
  // on waiting with the same watch (the page is not reopened), so what the merchant did in
  // BigCommerce meanwhile is found at once: Core1 was ready then. Otherwise Core1 is asked first.
  // Back on the store step: "the wait is paused" no longer holds.
  dropNotice('notice-connector-paused');
  if (ctx.view.connector.waitingSince) {
    s.readiness = { problems: [] };
    queueMicrotask(() => connector.start(true, ctx.view.connector.waitingSince));
  } else {
    queueMicrotask(checkReady);
  }

  const candidates = () => ctx.view.connector.candidates || [];

  /** @param {number} id */
  function confirm(id) {
    runTask(answer, ctx, {
      call: () => storeConnectorConfirm(id),
      working: t('common.working'),
      errorFocus: 'bc-candidate-error-title',
      done: (view) => ctx.show(view),
    });
  }

  function decline() {
    runTask(answer, ctx, {
      call: () => storeConnectorDecline(),
      working: t('common.working'),
      errorFocus: 'bc-candidate-error-title',
      done: (view) => {
        s.picked = null;
        announce(t('candidates.declined'));
        ctx.view = view;
        connector.start(true, view.connector.waitingSince);
      },
    });
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
   * @param {(onEvent: ReturnType<import('../types.js').ScreenContext['ignoreEvents']>) => Promise<import('../types.js').WizardView>} check
   */
  function checkAccount(check) {
    runTask(api, ctx, {
      call: () => check(ctx.ignoreEvents()).catch((/** @type {import('../types.js').UiError} */ err) => {
        if (err && err.storeHash) pathInput.value = apiPathOf(err.storeHash);
        throw err;
      }),
      working: t('bigcommerce.api.checking'),
      errorFocus: 'bc-api-error-title',
      done: (view) => ctx.show(view),
    });
  }

  /** @param {Event} ev */
  function submitApi(ev) {
    ev.preventDefault();
    const apiPath = pathInput.value;
    const accessToken = key.take();
    checkAccount((onEvent) => storeApiAccountUse(apiPath, accessToken, onEvent));
  }

  /** @param {HTMLInputElement} input */
  function pickFile(input) {
    const file = input.files && input.files[0];
    input.value = '';
    if (!file) return;
    fileName = file.name;
    // Too large to be BigCommerce's file: said at once, the file neither read nor sent.
    if (file.size > ACCOUNT_FILE_MAX_BYTES) {
      api.error = { code: 'api_account_file_too_large' };
      ctx.refresh('bc-api-error-title');
      return;
    }
    file.text().then(
      (contents) => checkAccount((onEvent) => storeApiAccountUseFile(contents, onEvent)),
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

  // What Core1 lacks, where to get it, and Check again.
  const renderReadiness = () => readinessScreen({
    problems: s.readiness ? s.readiness.problems : [],
    ready,
    back: backBtn(),
    openCore1: () => core1Open(null).catch((err) => ctx.fail(err)),
    checkAgain: checkReady,
  });

  // Before the roads: Core1 is being asked, or could not be asked.
  function renderChecking() {
    return [
      title('bigcommerce.title', 'bc-ready-checking-title'),
      ready.busy ? busyLine(t('readiness.checking'), 'bc-ready-checking') : null,
      ready.error ? errorPanel({ code: ready.error.code, prefix: 'bc-ready-error', onRetry: checkReady }) : null,
      el('div', { class: 'actions' }, backBtn()),
    ];
  }

  function renderConnector() {
    const field = ctx.view.connector.field;
    const typed = field ? field.name : '';
    const name = ctx.view.connector.name;
    const waiting = connector.busy();
    const asking = !waiting && candidates().length > 0;
    // The question first and alone: the merchant's steps in BigCommerce are behind them.
    if (asking) {
      return [
        title('bigcommerce.title', 'bc-title'),
        candidatesPanel({
          list: candidates(),
          picked: s.picked,
          answer,
          onPick: (id, i) => { s.picked = id; ctx.refresh(`bc-candidate-${i}`); },
          onYes: confirm,
          onNo: decline,
        }),
        el('div', { class: 'actions' }, backBtn(), el('span', { class: 'spacer' })),
      ];
    }
    // The other roads and the waiting buttons live in the bar, always in view (road 2 is what a
    // stuck merchant needs); while waiting, taking another road pauses the watch, kept.
    return [
      title('bigcommerce.title', 'bc-title'),
      el('p', { class: 'lead' }, t('bigcommerce.lead', { name })),
      connector.steps(name),
      connector.address(typed),
      connector.panel({ withActions: false }),
      connector.help(typed),
      el(
        'div',
        { class: 'actions' },
        backBtn(),
        otherRoads('connector'),
        el('span', { class: 'spacer' }),
        ...(waiting
          ? connector.actions()
          : [el('button', { type: 'button', class: 'primary', testid: 'bc-open-connector', onclick: () => connector.start(false) }, t('bigcommerce.openConnector'))]),
      ),
    ];
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
            onclick: () => storeApiAccountOpenPage(null).catch((err) => ctx.fail(err)),
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
        api.error ? apiAccountError({ error: api.error, fileName, prefix: 'bc-api-error', detail: missingList(api.error, s.guide), fail: ctx.fail }) : null,
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
      ? el('p', { class: 'context-line', testid: 'bc-workspace-line' },
        t('bigcommerce.workspaceLine', { url: ctx.view.workspaceDisplay || ctx.view.workspace.input }),
        practiceTag(ctx.view.practice, 'bc-workspace-practice'))
      : null;
    const body = !s.readiness
      ? renderChecking()
      : !isReady()
        ? renderReadiness()
        : s.mode === 'api' ? renderApi() : s.mode === 'own' ? renderOwn() : renderConnector();
    const [heading, ...rest] = body;
    return el('section', { class: 'card', 'aria-labelledby': 'screen-title', testid: 'bigcommerce' }, heading, workspace, ...rest);
  }

  return {
    render,
    titleKey: () => (s.readiness && !isReady() ? 'windowTitle.readiness' : s.mode === 'api' ? 'windowTitle.api' : s.mode === 'own' ? 'windowTitle.own' : 'windowTitle.bigcommerce'),
    leave: stop,
  };
}

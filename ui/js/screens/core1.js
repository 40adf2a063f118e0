// @ts-check
// Step 3: sign in to Core1 in the browser; this also leaves the browser signed in to Core1, which
// the connector app needs. A workspace that does not know the assistant yet first gets the
// one-time app registration in Dev Tools › API › App registrations (values with Copy, the
// client secret pasted once), the way Actindo documents registering an app.
import { t } from '../i18n.js';
import { el, announce } from '../dom.js';
import { core1Open, core1SignIn, core1RegistrationCopy, core1RegistrationSaveSecret } from '../api.js';
import { signInFlow } from '../components/waiting.js';
import { errorPanel, errorWords, codeOf } from '../components/errors.js';
import { backButton, busyLine, runTask } from '../components/task.js';
import { keyInput } from '../components/keyinput.js';
import { practiceTag } from '../components/workspacename.js';

// Errors after which the registration is what comes first (the second: again, after Core1
// stopped accepting the one made before).
const REGISTER_FIRST = ['core1_registration_needed', 'core1_registration_refused'];

/**
 * @param {import('../types.js').ScreenContext} ctx
 * @returns {import('../types.js').Screen}
 */
export function createCore1(ctx) {
  /** @type {{ copied: string | null, register: boolean, again: boolean, saved: boolean }} */
  const s = { copied: null, register: false, again: false, saved: false };
  // Saving the pasted secret (busy while Core1 checks it; its error, if any).
  /** @type {import('../types.js').Task} */
  const save = { busy: false, error: null };
  const secret = keyInput({
    id: 'core1-reg-secret',
    testid: 'core1-reg-secret',
    label: () => t('core1.reg.secret'),
    hint: () => t('core1.reg.secretHint'),
  });
  const flow = signInFlow({
    provider: 'core1',
    run: (onEvent) =>
      core1SignIn(onEvent).catch((err) => {
        const code = codeOf(err);
        if (REGISTER_FIRST.includes(code)) s.register = true;
        if (code === 'core1_registration_refused') s.again = true;
        throw err;
      }),
    onDone: (view) => ctx.show(view),
    onChange: (focus) => ctx.refresh(focus),
  });

  /** @param {'name' | 'client_id' | 'redirect_uri'} field */
  async function copy(field) {
    try {
      await core1RegistrationCopy(field);
      s.copied = field;
      announce(t('core1.reg.copied'));
    } catch (err) {
      s.copied = null;
      announce(errorWords(codeOf(err)).text);
    }
    ctx.refresh(`core1-reg-copy-${field}`);
  }

  /** @param {Event} ev */
  function submit(ev) {
    ev.preventDefault();
    runTask(save, ctx, {
      call: () => core1RegistrationSaveSecret(secret.take()),
      working: t('core1.reg.checking'),
      errorFocus: 'core1-reg-error-title',
      done: (view) => {
        s.register = false;
        s.again = false;
        s.saved = true;
        flow.state.mode = 'idle';
        announce(t('core1.reg.saved'));
        ctx.view = view;
        ctx.refresh('core1-reg-saved');
      },
    });
  }

  const needed = () => {
    const info = ctx.view.core1;
    return Boolean(info && info.registrationNeeded);
  };

  /**
   * One value of the form with its Copy button.
   * @param {'name' | 'client_id' | 'redirect_uri'} field
   * @param {string} label Actindo's own name of the field
   * @param {string} value
   */
  function value(field, label, value) {
    const id = `core1-reg-${field}`;
    return el(
      'div',
      { class: 'reg-row' },
      el('dt', { id: `${id}-label`, lang: 'en' }, label),
      el(
        'dd',
        {},
        el('output', { class: 'address reg-value', testid: id, 'aria-labelledby': `${id}-label` }, value),
        el('button', { type: 'button', class: 'secondary', testid: `core1-reg-copy-${field}`, onclick: () => copy(field) },
          s.copied === field ? t('connector.copiedShort') : t('connector.copy')),
      ),
    );
  }

  function registration() {
    const info = ctx.view.core1;
    if (!info) return null;
    const form = info.registration;
    return el(
      'div',
      { class: 'registration', testid: 'core1-registration' },
      el('h2', { tabindex: '-1', testid: 'core1-reg-title' }, t('core1.reg.title')),
      el('p', {}, s.again ? t('core1.reg.leadAgain') : t('core1.reg.lead')),
      el('p', { class: 'hint', testid: 'core1-reg-who' }, t('core1.reg.who')),
      el(
        'ol',
        { class: 'guide' },
        el(
          'li',
          {},
          el('p', {}, t('core1.reg.step1')),
          el('button', {
            type: 'button',
            class: 'secondary',
            testid: 'core1-reg-open',
            onclick: () => core1Open(null).catch((err) => ctx.fail(err)),
          }, t('core1.reg.open')),
        ),
        el(
          'li',
          {},
          el('p', {}, t('core1.reg.step2')),
          el(
            'dl',
            { class: 'reg-values', testid: 'core1-reg-values' },
            value('name', 'Name', form.name),
            value('client_id', 'Application (client) ID', form.clientId),
            el('div', { class: 'reg-row' },
              el('dt', { lang: 'en' }, 'Only authentication scopes openid profile email'),
              el('dd', { testid: 'core1-reg-only-auth' }, t('core1.reg.leaveOff'))),
            value('redirect_uri', 'Redirect URI', form.redirectUri),
          ),
        ),
        el('li', {}, el('p', {}, t('core1.reg.step3'))),
      ),
      el(
        'form',
        { class: 'form', id: 'core1-reg-form', testid: 'core1-reg-form', novalidate: true, onsubmit: submit },
        secret.node(),
        save.busy ? busyLine(t('core1.reg.checking'), 'core1-reg-checking') : null,
      ),
      el('p', { class: 'hint', testid: 'core1-reg-exists' }, t('core1.reg.exists')),
    );
  }

  function render() {
    const ws = ctx.view.workspace;
    const idle = flow.state.mode === 'idle';
    const register = needed() || s.register;
    return el(
      'section',
      { class: 'card', 'aria-labelledby': 'screen-title', testid: 'core1' },
      el('h1', { id: 'screen-title', tabindex: '-1', testid: 'core1-title' }, t('core1.title')),
      ws ? el('p', { class: 'context-line', testid: 'core1-workspace' },
        t('core1.workspaceLine', { url: ctx.view.workspaceDisplay || ws.input }),
        practiceTag(ctx.view.practice, 'core1-workspace-practice')) : null,
      register
        // A refused secret is said first, where the screen starts (the field stays below).
        ? [flow.panel(), save.error ? errorPanel({ code: save.error.code, prefix: 'core1-reg-error' }) : null, registration()]
        : [
          s.saved ? el('p', { class: 'message', testid: 'core1-reg-saved', tabindex: '-1' }, t('core1.reg.saved')) : null,
          el('p', { class: 'lead' }, t('core1.lead')),
          el('p', { class: 'note', testid: 'core1-owner' }, t('core1.owner')),
          flow.panel(),
        ],
      el('div', { class: 'actions' },
        backButton(ctx, 'core1-back', () => flow.cancel()),
        el('span', { class: 'spacer' }),
        register
          ? el('button', { type: 'submit', form: 'core1-reg-form', class: 'primary', testid: 'core1-reg-save', disabled: save.busy }, t('core1.reg.save'))
          : idle ? el('button', { type: 'button', class: 'primary', testid: 'core1-sign-in', onclick: flow.start }, t('core1.signIn')) : null),
    );
  }

  return { render, leave: () => flow.cancel() };
}

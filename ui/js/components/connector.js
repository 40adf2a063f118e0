// @ts-check
// Road 1 as a small state machine a screen renders: the steps the merchant takes in BigCommerce,
// the connector's workspace field as it looks there (`https://` · name · `.actindo.com`, the name
// with Copy), the waiting panel and, after a while, help.
// Used by the BigCommerce screen (this run) and by Manage ("Reinstall the connector").
import { t } from '../i18n.js';
import { el, announce } from '../dom.js';
import { channel } from '../ipc.js';
import { core1Open, storeConnectorOpenPage, storeConnectorStop, storeConnectorCopyName } from '../api.js';
import { announceError, codeOf, errorPanel, errorWords } from './errors.js';

const STEPS = ['login', 'find', 'install', 'confirm', 'paste', 'start'];

/**
 * `run(onEvent, resume)` starts the watch command; `onDone(result)` gets its result;
 * `onChange(focus)` redraws; `copyKey` names the Manage connection whose address is copied.
 * `lookAgain()` (this run only) asks Core1 once for a connection made since the run began and
 * resolves to the view (with candidates: the watch has ended, and `onDone` gets the view);
 * `copiedEarlier()` says Copy was pressed before the app last started (the clipboard may be
 * empty now: the merchant is asked to press Copy again).
 * @param {{
 *   run: (onEvent: import('../ipc.js').Channel<import('../types.js').WizardEvent>, resume: boolean) => Promise<any>,
 *   onDone: (result: any) => void,
 *   onChange: (focus?: string | null) => void,
 *   copyKey?: import('../types.js').ConnectionKey | null,
 *   lookAgain?: (() => Promise<import('../types.js').WizardView>) | null,
 *   copiedEarlier?: () => boolean,
 *   helpAfterMs: number,
 *   prefix?: string,
 * }} flow
 */
export function connectorFlow({ run, onDone, onChange, copyKey = null, lookAgain = null, copiedEarlier = () => false, helpAfterMs, prefix = 'bc' }) {
  /**
   * @type {{
   *   mode: 'idle' | 'waiting' | 'error', since: number, copied: boolean, notOpened: boolean,
   *   retryMs: number | null, error: import('../types.js').UiError | null, cancelled: boolean,
   *   help: boolean, timer: ReturnType<typeof setTimeout> | undefined,
   *   looking: boolean, lookedNothing: boolean,
   * }}
   */
  const s = { mode: 'idle', since: 0, copied: false, notOpened: false, retryMs: null, error: null, cancelled: false, help: false, timer: undefined, looking: false, lookedNothing: false };

  function armHelp() {
    clearTimeout(s.timer);
    const wait = Math.max(0, helpAfterMs - (Date.now() - s.since));
    s.timer = setTimeout(() => {
      if (s.mode !== 'waiting') return;
      s.help = true;
      announce(t('connector.helpTitle'));
      onChange(`${prefix}-connector-help-title`);
    }, wait);
  }

  /**
   * @param {boolean} [resume] a watch that was running when the wizard closed goes on
   * @param {number | null} [since] when that watch began (ms since the epoch)
   */
  async function start(resume = false, since = null) {
    Object.assign(s, { mode: 'waiting', since: since || Date.now(), notOpened: false, retryMs: null, error: null, cancelled: false, help: false, lookedNothing: false });
    armHelp();
    onChange(`${prefix}-connector-waiting-title`);
    announce(t('connector.waiting'));
    const events = channel((/** @type {import('../types.js').WizardEvent | null} */ msg) => {
      if (msg && msg.event === 'browserNotOpened') {
        s.notOpened = true;
        announce(t('connector.notOpened'));
      } else if (msg && msg.event === 'retrying') s.retryMs = msg.data.inMs;
      if (s.mode === 'waiting') onChange();
    });
    try {
      const result = await run(events, resume);
      clearTimeout(s.timer);
      s.mode = 'idle';
      onDone(result);
    } catch (e) {
      const err = /** @type {import('../types.js').UiError} */ (e);
      clearTimeout(s.timer);
      if (err.code === 'signin_cancelled' && s.cancelled) {
        s.mode = 'idle';
        onChange(null);
        return;
      }
      s.mode = 'error';
      s.error = err;
      announceError(err);
      onChange(`${prefix}-connector-error-title`);
    }
  }

  function cancel() {
    if (s.mode !== 'waiting') return;
    s.cancelled = true;
    clearTimeout(s.timer);
    storeConnectorStop().catch(() => {});
  }

  async function copy() {
    try {
      await storeConnectorCopyName(copyKey);
      s.copied = true;
      announce(t('connector.copied'));
    } catch (err) {
      s.copied = false;
      announce(errorWords(codeOf(err)).text);
    }
    onChange(`${prefix}-copy-workspace`);
  }

  // The name the help shows (what the connector's field must say), for the spoken "nothing".
  let lastName = '';

  // "I already pressed START SETUP": one look now. Found, the engine ends the watch (its
  // `signin_cancelled` is expected, so marked as cancelled first) and the screen asks.
  async function again() {
    if (!lookAgain || s.mode !== 'waiting' || s.looking) return;
    s.looking = true;
    s.cancelled = true;
    try {
      const view = await lookAgain();
      s.looking = false;
      if (view.connector.candidates.length) {
        clearTimeout(s.timer);
        s.mode = 'idle';
        onDone(view);
        return;
      }
      s.cancelled = false;
      s.lookedNothing = true;
      announce(t('connector.lookedNothing', { name: lastName }));
      onChange(`${prefix}-looked-nothing`);
    } catch (e) {
      s.looking = false;
      s.cancelled = false;
      announceError(/** @type {import('../types.js').UiError} */ (e));
      onChange();
    }
  }

  const openAgain = () => storeConnectorOpenPage().catch((err) => { s.mode = 'error'; s.error = err; onChange(); });
  const openWorkspace = () => core1Open(copyKey).catch(() => {});

  // Where the merchant is: in the browser until the address is copied, then paste + START SETUP
  // (also after a restart, when Copy was pressed before it: the merchant is that far).
  function currentSteps() {
    if (s.mode !== 'waiting') return [];
    return s.copied || copiedEarlier() ? ['paste', 'start'] : ['login', 'find', 'install', 'confirm'];
  }

  // Copied before the app last started, not since: the clipboard may have lost it.
  const copyAgain = () => !s.copied && copiedEarlier();

  /** @param {string} name the connector's name in BigCommerce's marketplace */
  function steps(name) {
    const current = currentSteps();
    return el(
      'ol',
      { class: 'connector-steps', testid: `${prefix}-connector-steps` },
      ...STEPS.map((step, i) =>
        el(
          'li',
          {
            class: current.includes(step) ? 'current' : null,
            'data-current': current.includes(step) ? 'true' : 'false',
            'aria-current': current.includes(step) ? 'step' : null,
            testid: `${prefix}-connector-step-${i + 1}`,
          },
          t(`connector.steps.${step}`, { name }),
        ),
      ),
    );
  }

  /**
   * The connector's workspace field as its page shows it: a fixed `https://`, the name to type,
   * a fixed `.actindo.com`; Copy puts only the name on the clipboard.
   * @param {string} name what goes between the fixed parts
   */
  function address(name) {
    return el(
      'div',
      { class: 'address-box' },
      el('p', { class: 'address-label', id: `${prefix}-workspace-label` }, t('connector.addressLabel')),
      el(
        'div',
        { class: 'address-row' },
        el(
          'p',
          { class: 'connector-field', testid: `${prefix}-connector-field`, lang: 'en' },
          el('span', { class: 'fixed', 'aria-hidden': 'true' }, 'https://'),
          el('output', { class: 'address', testid: `${prefix}-workspace-url`, 'aria-labelledby': `${prefix}-workspace-label` }, name),
          el('span', { class: 'fixed', 'aria-hidden': 'true' }, '.actindo.com'),
        ),
        el('button', { type: 'button', class: copyAgain() ? 'primary' : 'secondary', testid: `${prefix}-copy-workspace`, onclick: copy }, s.copied ? t('connector.copiedShort') : t('connector.copy')),
      ),
      copyAgain()
        ? el('p', { class: 'hint hint-warn', role: 'note', testid: `${prefix}-copy-again` }, t('connector.copyAgain'))
        : el('p', { class: 'hint' }, t('connector.addressHint', { name })),
    );
  }

  // While waiting: Cancel and Open again (in the screen's button bar, or inside the panel where
  // there is no bar: Manage's card).
  function actions() {
    if (s.mode !== 'waiting') return [];
    return [
      el('button', { type: 'button', class: 'secondary', testid: `${prefix}-connector-cancel`, onclick: cancel }, t('common.cancel')),
      el('button', { type: 'button', class: s.notOpened ? 'primary' : 'secondary', testid: `${prefix}-connector-open-again`, onclick: openAgain }, t('connector.openAgain')),
    ];
  }

  /** @param {{ withActions?: boolean }} [opts] `withActions: false` when the screen's bar holds them */
  function panel({ withActions = true } = {}) {
    if (s.mode === 'waiting') {
      return el(
        'div',
        { class: 'panel panel-waiting', testid: `${prefix}-connector-waiting`, 'aria-busy': 'true' },
        el('span', { class: 'spinner', 'aria-hidden': 'true' }),
        el(
          'div',
          { class: 'panel-body' },
          el('h2', { class: 'panel-title', tabindex: '-1', testid: `${prefix}-connector-waiting-title` }, t('connector.waiting')),
          el('p', { class: 'panel-text' }, s.notOpened ? t('connector.notOpened') : t('connector.waitingHint')),
          s.retryMs !== null
            ? el('p', { class: 'panel-next', testid: `${prefix}-connector-retrying` }, t('waiting.retrying', { seconds: Math.max(1, Math.round(s.retryMs / 1000)) }))
            : null,
          withActions ? el('div', { class: 'panel-actions' }, ...actions()) : null,
        ),
      );
    }
    if (s.mode === 'error' && s.error) {
      return errorPanel({ code: s.error.code, onRetry: () => start(false), prefix: `${prefix}-connector-error` });
    }
    return null;
  }

  /** @param {string} name what goes between the connector's fixed parts */
  function help(name) {
    if (!(s.mode === 'waiting' && s.help)) return null;
    lastName = name;
    return el(
      'div',
      { class: 'panel panel-help', role: 'note', testid: `${prefix}-connector-help` },
      el('span', { class: 'panel-icon', 'aria-hidden': 'true' }, '?'),
      el(
        'div',
        { class: 'panel-body' },
        el('h2', { class: 'panel-title', tabindex: '-1', testid: `${prefix}-connector-help-title` }, t('connector.helpTitle')),
        el(
          'ul',
          { class: 'help-list' },
          el('li', { testid: `${prefix}-connector-help-address` }, t('connector.helpAddress', { name })),
          el('li', {}, t('connector.helpOwner')),
          el('li', {}, t('connector.helpCore1Session')),
          lookAgain
            ? el(
              'li',
              { testid: `${prefix}-connector-help-already` },
              t('connector.helpAlready'),
              ' ',
              el('button', { type: 'button', class: 'link', testid: `${prefix}-look-again`, disabled: s.looking, onclick: again }, t('connector.lookAgain')),
              s.lookedNothing
                ? el('p', { class: 'panel-next', tabindex: '-1', role: 'status', testid: `${prefix}-looked-nothing` }, t('connector.lookedNothing', { name }))
                : null,
            )
            : null,
        ),
        el(
          'div',
          { class: 'panel-actions' },
          el('button', { type: 'button', class: 'secondary', testid: `${prefix}-open-workspace`, onclick: openWorkspace }, t('connector.openWorkspace')),
        ),
      ),
    );
  }

  return { state: s, start, cancel, steps, address, panel, actions, help, busy: () => s.mode === 'waiting' };
}

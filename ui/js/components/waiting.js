// @ts-check
// The waiting state of a browser sign-in: what to do in the browser, open again, copy link, Cancel.
import { t } from '../i18n.js';
import { el, announce } from '../dom.js';
import { channel } from '../ipc.js';
import { signinCopyLink, signinOpenAgain, signinCancel } from '../api.js';
import { announceError, errorPanel } from './errors.js';
import { noBrowserTimer } from './nobrowser.js';

async function copyLink() {
  try {
    await signinCopyLink();
    announce(t('waiting.linkCopied'));
  } catch {
    announce(t('waiting.linkNotCopied'));
  }
}

/** @param {(err: import('../types.js').UiError) => void} onError */
async function openAgain(onError) {
  try {
    await signinOpenAgain();
  } catch (err) {
    onError(/** @type {import('../types.js').UiError} */ (err));
  }
}

/**
 * A sign-in in the browser, as a small state machine a screen renders with `panel()`.
 * `run(onEvent)` calls the command; `onChange(focusTestid)` asks the screen to redraw.
 * @param {{
 *   provider: string,
 *   run: (onEvent: import('../ipc.js').Channel<import('../types.js').WizardEvent>) => Promise<any>,
 *   onDone: (result: any) => void,
 *   onChange: (focus?: string | null) => void,
 *   onStore?: (store: import('../types.js').StoreSummary) => void,
 * }} flow
 */
export function signInFlow({ provider, run, onDone, onChange, onStore }) {
  /** @type {{ mode: 'idle' | 'waiting' | 'error', notOpened: boolean, noBrowser: boolean, signingIn: boolean, retryMs: number | null, error: import('../types.js').UiError | null, cancelled: boolean }} */
  const s = { mode: 'idle', notOpened: false, noBrowser: false, signingIn: false, retryMs: null, error: null, cancelled: false };
  const silence = noBrowserTimer(() => {
    if (s.mode !== 'waiting' || s.signingIn) return;
    s.noBrowser = true;
    announce(t('waiting.noBrowser'));
    onChange();
  });

  async function start() {
    Object.assign(s, { mode: 'waiting', notOpened: false, noBrowser: false, signingIn: false, retryMs: null, error: null, cancelled: false });
    silence.arm();
    onChange('waiting-title');
    announce(t(`waiting.${provider}`));
    const events = channel((/** @type {import('../types.js').WizardEvent | null} */ msg) => {
      const event = msg ? msg.event : null;
      if (event === 'browserOpened') s.notOpened = false;
      else if (event === 'browserNotOpened') {
        s.notOpened = true;
        announce(t('waiting.notOpened'));
      } else if (event === 'signingIn') {
        s.signingIn = true;
        silence.disarm();
        announce(t('waiting.signingIn'));
      } else if (msg && msg.event === 'retrying') s.retryMs = msg.data.inMs;
      else if (msg && msg.event === 'storeFound' && onStore) onStore(msg.data.store);
      if (s.mode === 'waiting') onChange();
    });
    try {
      const result = await run(events);
      silence.disarm();
      s.mode = 'idle';
      onDone(result);
    } catch (e) {
      silence.disarm();
      const err = /** @type {import('../types.js').UiError} */ (e);
      if (err.code === 'signin_cancelled' && s.cancelled) {
        s.mode = 'idle';
        announce(t('waiting.cancelled'));
        onChange(null);
      } else {
        s.mode = 'error';
        s.error = err;
        announceError(err);
        onChange('error-title');
      }
    }
  }

  function cancel() {
    s.cancelled = true;
    signinCancel().catch(() => {});
  }

  /** @param {import('../types.js').UiError} err */
  function showError(err) {
    s.mode = 'error';
    s.error = err;
    onChange('error-title');
  }

  /**
   * The waiting panel, or the error panel with Try again, or nothing when idle.
   * @param {{ extra?: Node[], prefix?: string }} [options]
   */
  function panel({ extra = [], prefix = 'error' } = {}) {
    if (s.mode === 'waiting') {
      const hint = s.signingIn
        ? t('waiting.signingIn')
        : s.notOpened
          ? t('waiting.notOpened')
          : s.noBrowser
            ? t('waiting.noBrowser')
            : t(`waiting.${provider}Hint`);
      return el(
        'div',
        { class: 'panel panel-waiting', testid: 'waiting', 'aria-busy': 'true' },
        el('span', { class: 'spinner', 'aria-hidden': 'true' }),
        el(
          'div',
          { class: 'panel-body' },
          el('h2', { class: 'panel-title', tabindex: '-1', testid: 'waiting-title' }, t(`waiting.${provider}`)),
          el('p', { class: 'panel-text', testid: 'waiting-hint' }, hint),
          s.retryMs !== null
            ? el('p', { class: 'panel-next', testid: 'waiting-retrying' }, t('waiting.retrying', { seconds: Math.max(1, Math.round(s.retryMs / 1000)) }))
            : null,
          el(
            'div',
            { class: 'panel-actions' },
            el('button', { type: 'button', class: 'secondary', testid: 'waiting-cancel', onclick: cancel }, t('common.cancel')),
            el('button', { type: 'button', class: s.noBrowser && !s.notOpened ? 'primary' : 'secondary', testid: 'waiting-copy-link', onclick: copyLink }, t('waiting.copyLink')),
            el('button', { type: 'button', class: s.notOpened ? 'primary' : 'secondary', testid: 'waiting-open-again', onclick: () => openAgain(showError) }, t('waiting.openAgain')),
          ),
        ),
      );
    }
    if (s.mode === 'error' && s.error) {
      return errorPanel({ code: s.error.code, onRetry: start, extra, prefix });
    }
    return null;
  }

  return { state: s, start, cancel, panel, busy: () => s.mode === 'waiting' };
}

// The waiting state of a browser sign-in: what to do in the browser, open again, copy link, Cancel.
import { t } from '../i18n.js';
import { el, announce } from '../dom.js';
import { invoke, channel } from '../ipc.js';
import { errorPanel, errorWords } from './errors.js';

async function copyLink() {
  try {
    const link = await invoke('sign_in_link');
    if (!link) throw new Error('no link');
    await navigator.clipboard.writeText(link);
    announce(t('waiting.linkCopied'));
  } catch {
    announce(t('waiting.linkNotCopied'));
  }
}

async function openAgain(onError) {
  try {
    await invoke('open_sign_in_again');
  } catch (err) {
    onError(err);
  }
}

// A sign-in in the browser, as a small state machine a screen renders with `panel()`.
// `run(onEvent)` calls the command; `onChange(focusTestid)` asks the screen to redraw.
export function signInFlow({ provider, run, onDone, onChange, onStore }) {
  const s = { mode: 'idle', notOpened: false, signingIn: false, retryMs: null, error: null, cancelled: false };

  async function start() {
    Object.assign(s, { mode: 'waiting', notOpened: false, signingIn: false, retryMs: null, error: null, cancelled: false });
    onChange('waiting-title');
    announce(t(`waiting.${provider}`));
    const events = channel((msg) => {
      const { event, data } = msg || {};
      if (event === 'browserOpened') s.notOpened = false;
      else if (event === 'browserNotOpened') {
        s.notOpened = true;
        announce(t('waiting.notOpened'));
      } else if (event === 'signingIn') {
        s.signingIn = true;
        announce(t('waiting.signingIn'));
      } else if (event === 'retrying') s.retryMs = data.inMs;
      else if (event === 'storeFound' && onStore) onStore(data.store);
      if (s.mode === 'waiting') onChange();
    });
    try {
      const result = await run(events);
      s.mode = 'idle';
      onDone(result);
    } catch (err) {
      if (err.code === 'signin_cancelled' && s.cancelled) {
        s.mode = 'idle';
        announce(t('waiting.cancelled'));
        onChange(null);
      } else {
        s.mode = 'error';
        s.error = err;
        const w = errorWords(err.code);
        announce(`${w.text} ${w.next}`);
        onChange('error-title');
      }
    }
  }

  function cancel() {
    s.cancelled = true;
    invoke('cancel_sign_in').catch(() => {});
  }

  function showError(err) {
    s.mode = 'error';
    s.error = err;
    onChange('error-title');
  }

  // The waiting panel, or the error panel with Try again, or nothing when idle.
  function panel({ extra = [], prefix = 'error' } = {}) {
    if (s.mode === 'waiting') {
      const hint = s.signingIn
        ? t('waiting.signingIn')
        : s.notOpened
          ? t('waiting.notOpened')
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
            el('button', { type: 'button', class: 'secondary', testid: 'waiting-copy-link', onclick: copyLink }, t('waiting.copyLink')),
            el('button', { type: 'button', class: s.notOpened ? 'primary' : 'secondary', testid: 'waiting-open-again', onclick: () => openAgain(showError) }, t('waiting.openAgain')),
          ),
        ),
      );
    }
    if (s.mode === 'error') {
      return errorPanel({ code: s.error.code, onRetry: start, extra, prefix });
    }
    return null;
  }

  return { state: s, start, cancel, panel, busy: () => s.mode === 'waiting' };
}

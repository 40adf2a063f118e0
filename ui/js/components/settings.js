// @ts-check
// The connection's first settings, in plain words: how shoppers pick a variant, which orders
// Core1 imports (states, from a day, from an order number on, archived ones), and whether only
// mapped attributes are sent (Actindo's *Offers*). Loaded from Core1
// (a new connection shows Core1's own defaults), checked and saved through the core. Offered on
// Status once the connection is active (skippable) and again from Manage.
import { t, language } from '../i18n.js';
import { el, announce } from '../dom.js';
import { settingsLoad, settingsSave } from '../api.js';
import { errorPanel } from './errors.js';
import { showDay, typedDay, isDay } from '../format.js';

/**
 * @typedef {import('../../types/ipc').VariantOptionType} VariantOptionType
 * @typedef {import('../../types/ipc').ConnectionSettings} Settings
 * @typedef {{ variantOptionType: VariantOptionType, orderStatuses: number[], ordersCreatedAfter: string, ordersIdFrom: string, importArchivedOrders: boolean, onlyPushMappedAttributes: boolean, shownIn: string }} Form
 * @typedef {{ connection: import('../types.js').ConnectionKey, prefix: string, refresh: (focus?: string | null) => void, onClose?: () => void, closeKey: string }} Options
 * `closeKey` names the close button's words; they are looked up when drawn, so they follow a
 * language switch.
 */

/** @type {VariantOptionType[]} */
const VARIANT_TYPES = ['dropdown', 'rectangles', 'radio_buttons'];

/** BigCommerce's order states (status ids), the ones merchants meet most first. */
const STATUSES = [11, 9, 8, 7, 3, 2, 10, 1, 0, 12, 13, 14, 4, 5, 6];

/** @param {Settings} s @returns {Form} */
function toForm(s) {
  return {
    variantOptionType: s.variantOptionType,
    orderStatuses: [...s.orderStatuses],
    ordersCreatedAfter: s.ordersCreatedAfter ? showDay(s.ordersCreatedAfter) : '',
    ordersIdFrom: s.ordersIdFrom === null || s.ordersIdFrom === undefined ? '' : String(s.ordersIdFrom),
    importArchivedOrders: s.importArchivedOrders,
    onlyPushMappedAttributes: !!s.onlyPushMappedAttributes,
    shownIn: language(),
  };
}

/**
 * @param {Options} opts
 */
export function settingsForm(opts) {
  const { connection, prefix, refresh, onClose, closeKey } = opts;
  /** @type {{ loading: boolean, saved: Settings | null, form: Form | null, busy: boolean, error: { code: string } | null, message: string | null }} */
  const s = { loading: false, saved: null, form: null, busy: false, error: null, message: null };

  async function load() {
    s.loading = true;
    s.error = null;
    refresh();
    try {
      s.saved = /** @type {Settings} */ (await settingsLoad(connection));
      s.form = toForm(s.saved);
    } catch (err) {
      s.error = /** @type {{ code: string }} */ (err);
    }
    s.loading = false;
    refresh();
  }

  /** @param {SubmitEvent} ev */
  async function save(ev) {
    ev.preventDefault();
    if (!s.form || s.busy) return;
    s.busy = true;
    s.error = null;
    s.message = null;
    refresh();
    try {
      const { shownIn, ...form } = s.form;
      const settings = { ...form, ordersCreatedAfter: typedDay(form.ordersCreatedAfter) };
      s.saved = /** @type {Settings} */ (await settingsSave(connection, settings));
      s.form = toForm(s.saved);
      s.message = 'settings.saved';
      announce(t(s.message));
      s.busy = false;
      refresh(`${prefix}-message`);
    } catch (err) {
      s.error = /** @type {{ code: string }} */ (err);
      s.busy = false;
      refresh(`${prefix}-error-title`);
    }
  }

  /** @param {number} status @param {boolean} on */
  function toggle(status, on) {
    if (!s.form) return;
    const rest = s.form.orderStatuses.filter((x) => x !== status);
    s.form.orderStatuses = on ? [...rest, status] : rest;
  }

  /** @param {Form} f */
  function variantField(f) {
    return el('fieldset', { class: 'choice', testid: `${prefix}-variant` },
      el('legend', {}, t('settings.variant.title')),
      el('p', { class: 'hint' }, t('settings.variant.lead')),
      ...VARIANT_TYPES.map((v) => el('label', { class: 'option' },
        el('input', { type: 'radio', name: `${prefix}-variant`, value: v, testid: `${prefix}-variant-${v}`, checked: f.variantOptionType === v, onchange: () => { f.variantOptionType = v; } }),
        el('span', {}, el('strong', {}, t(`settings.variant.${v}`)), ' — ', t(`settings.variant.${v}Hint`)))));
  }

  /** @param {Form} f */
  function statusField(f) {
    return el('fieldset', { class: 'choice', testid: `${prefix}-statuses` },
      el('legend', {}, t('settings.statuses.title')),
      el('p', { class: 'hint' }, t('settings.statuses.lead')),
      el('div', { class: 'status-grid' },
        ...STATUSES.map((id) => el('label', { class: 'option' },
          el('input', { type: 'checkbox', testid: `${prefix}-status-${id}`, checked: f.orderStatuses.includes(id), onchange: (/** @type {Event} */ ev) => toggle(id, /** @type {HTMLInputElement} */ (ev.target).checked) }),
          el('span', {}, t(`settings.status.${id}`))))));
  }

  /**
   * @param {Form} f
   * @param {'ordersCreatedAfter' | 'ordersIdFrom'} key
   * @param {string} words
   */
  function textField(f, key, words) {
    const inputId = `${prefix}-${key}`;
    return el('div', { class: 'field' },
      el('label', { for: inputId }, t(`settings.${words}.title`)),
      el('input', { id: inputId, class: 'text-input short-input', testid: inputId, value: f[key], inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${inputId}-hint`, placeholder: t(`settings.${words}.placeholder`), oninput: (/** @type {Event} */ ev) => { f[key] = /** @type {HTMLInputElement} */ (ev.target).value; } }),
      el('p', { class: 'hint', id: `${inputId}-hint` }, t(`settings.${words}.hint`)));
  }

  function node() {
    const f = s.form;
    // The language changed: a whole day typed or shown before is written the new language's way.
    if (f && f.shownIn !== language()) {
      const day = typedDay(f.ordersCreatedAfter);
      if (isDay(day)) f.ordersCreatedAfter = showDay(day);
      f.shownIn = language();
    }
    return el('section', { class: 'after-part', 'aria-labelledby': `${prefix}-title`, testid: prefix },
      el('h2', { id: `${prefix}-title`, testid: `${prefix}-title`, tabindex: '-1' }, t('settings.title')),
      el('p', { class: 'hint' }, t('settings.lead')),
      s.loading ? el('p', { class: 'busy', role: 'status' }, el('span', { class: 'spinner small', 'aria-hidden': 'true' }), t('settings.loading')) : null,
      s.error ? errorPanel({ code: s.error.code, prefix: `${prefix}-error`, onRetry: f ? undefined : load }) : null,
      f ? el('form', { class: 'form', novalidate: true, testid: `${prefix}-form`, onsubmit: save },
        variantField(f),
        statusField(f),
        el('div', { class: 'field-pair', testid: `${prefix}-filters` },
          textField(f, 'ordersCreatedAfter', 'after'),
          textField(f, 'ordersIdFrom', 'idFrom')),
        el('label', { class: 'option archived' },
          el('input', { type: 'checkbox', testid: `${prefix}-archived`, checked: f.importArchivedOrders, onchange: (/** @type {Event} */ ev) => { f.importArchivedOrders = /** @type {HTMLInputElement} */ (ev.target).checked; } }),
          el('span', {}, el('strong', {}, t('settings.archived.title')), ' — ', t('settings.archived.hint'))),
        el('label', { class: 'option archived' },
          el('input', { type: 'checkbox', testid: `${prefix}-mapped`, checked: f.onlyPushMappedAttributes, onchange: (/** @type {Event} */ ev) => { f.onlyPushMappedAttributes = /** @type {HTMLInputElement} */ (ev.target).checked; } }),
          el('span', {}, el('strong', {}, t('settings.mapped.title')), ' — ', t('settings.mapped.hint'))),
        s.message ? el('p', { class: 'message', role: 'status', tabindex: '-1', testid: `${prefix}-message` }, el('span', { 'aria-hidden': 'true' }, '✓ '), t(s.message)) : null,
        s.busy ? el('p', { class: 'busy', role: 'status' }, el('span', { class: 'spinner small', 'aria-hidden': 'true' }), t('settings.saving')) : null,
        el('div', { class: 'panel-actions' },
          el('button', { type: 'submit', class: 'primary', testid: `${prefix}-save`, disabled: s.busy }, t('settings.save')),
          onClose ? el('button', { type: 'button', class: 'secondary', testid: `${prefix}-close`, disabled: s.busy, onclick: onClose }, t(s.message ? 'settings.close' : closeKey)) : null))
        : null);
  }

  return { load, node };
}

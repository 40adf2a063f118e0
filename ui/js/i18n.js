// @ts-check
// Words for every screen, from locales/{en,de}.json. Rust never sends words, only codes.
const SUPPORTED = ['en', 'de'];
const STORAGE_KEY = 'language';
let current = 'en';
/** @typedef {{ [key: string]: string | Words }} Words */
/** @type {Words} */
let dict = {};
/** @type {Words} */
let fallback = {};
/** @type {((lang: string) => void)[]} */
const listeners = [];

/**
 * The words of `lang`, from the app's own files.
 * @param {string} lang
 * @returns {Promise<Words>}
 */
async function load(lang) {
  const res = await fetch(`locales/${lang}.json`);
  if (!res.ok) throw new Error(`locales/${lang}.json: HTTP ${res.status}`);
  return res.json();
}

/**
 * The language the user chose before, else the OS language, else English.
 * @param {string | null} [osLocale]
 */
export function pickLanguage(osLocale) {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved && SUPPORTED.includes(saved)) return saved;
  const base = (osLocale || navigator.language || 'en').slice(0, 2).toLowerCase();
  return SUPPORTED.includes(base) ? base : 'en';
}

// The English words, loaded once: every other language falls back to them. The start asks for
// them while it waits for the app's answers, so they are there when the language is known.
/** @type {Promise<Record<string, unknown>> | null} */
let english = null;
/** @returns {Promise<Record<string, unknown>>} */
export function loadFallback() {
  if (!english) {
    english = load('en').then((words) => {
      fallback = words;
      return words;
    });
    english.catch(() => { english = null; });
  }
  return english;
}

/**
 * Loads `lang`'s words (English stays the fallback) and redraws with them. A language whose
 * file cannot be read leaves the words in English.
 * @param {string} lang
 * @param {boolean} [remember] the user chose it (kept for the next launch)
 */
export async function setLanguage(lang, remember = false) {
  if (!SUPPORTED.includes(lang)) lang = 'en';
  await loadFallback();
  dict = fallback;
  if (lang !== 'en') {
    try {
      dict = await load(lang);
    } catch {
      lang = 'en';
    }
  }
  current = lang;
  if (remember) localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  applyTo(document);
  listeners.forEach((fn) => fn(lang));
}

export function language() {
  return current;
}

/** @param {(lang: string) => void} fn */
export function onLanguageChange(fn) {
  listeners.push(fn);
}

/**
 * A count as the language writes it: grouped by Intl.NumberFormat (12,345 in English, 12.345 in
 * German, as Actindo's German UI shows counts).
 * @param {number} n
 */
export function count(n) {
  return new Intl.NumberFormat(current).format(n);
}

/**
 * t('welcome.title', {minutes: 10}) — dotted keys, {name} placeholders (numbers are counts,
 * written with {@link count}); the key itself when neither language has it.
 * @param {string} key
 * @param {Record<string, string | number>} [vars]
 * @returns {string}
 */
export function t(key, vars = {}) {
  /** @param {Words} d */
  const look = (d) => key.split('.').reduce((/** @type {Words | string | undefined} */ o, k) => (o && typeof o === 'object' ? o[k] : undefined), d);
  let s = look(dict);
  if (s === undefined) s = look(fallback);
  if (s === undefined) return key;
  /** @param {string | number} v */
  const text = (v) => (typeof v === 'number' ? count(v) : String(v));
  return String(s).replace(/\{(\w+)\}/g, (_, name) => (name in vars ? text(vars[name]) : `{${name}}`));
}

/**
 * Fills every [data-i18n] text and [data-i18n-aria] label below `root`.
 * @param {ParentNode} root
 */
export function applyTo(root) {
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(/** @type {HTMLElement} */ (el).dataset.i18n || '');
  });
  root.querySelectorAll('[data-i18n-aria]').forEach((el) => {
    el.setAttribute('aria-label', t(/** @type {HTMLElement} */ (el).dataset.i18nAria || ''));
  });
}

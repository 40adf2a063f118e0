// Words for every screen, from locales/{en,de}.json. Rust never sends words, only codes.
const SUPPORTED = ['en', 'de'];
const STORAGE_KEY = 'language';
let current = 'en';
let dict = {};
let fallback = {};
const listeners = [];

async function load(lang) {
  const res = await fetch(`locales/${lang}.json`);
  return res.json();
}

// The language the user chose before, else the OS language, else English.
export function pickLanguage(osLocale) {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (SUPPORTED.includes(saved)) return saved;
  const base = (osLocale || navigator.language || 'en').slice(0, 2).toLowerCase();
  return SUPPORTED.includes(base) ? base : 'en';
}

// The English words, loaded once: every other language falls back to them. The start asks for
// them while it waits for the app's answers, so they are there when the language is known.
let english = null;
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

export async function setLanguage(lang, remember = false) {
  if (!SUPPORTED.includes(lang)) lang = 'en';
  await loadFallback();
  dict = lang === 'en' ? fallback : await load(lang);
  current = lang;
  if (remember) localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  applyTo(document);
  listeners.forEach((fn) => fn(lang));
}

export function language() {
  return current;
}

export function onLanguageChange(fn) {
  listeners.push(fn);
}

// t('welcome.title', {minutes: 10}) — dotted keys, {name} placeholders.
export function t(key, vars = {}) {
  const look = (d) => key.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), d);
  let s = look(dict);
  if (s === undefined) s = look(fallback);
  if (s === undefined) return key;
  return String(s).replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

// Fills every [data-i18n] text and [data-i18n-aria] label below `root`.
export function applyTo(root) {
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-aria]').forEach((el) => {
    el.setAttribute('aria-label', t(el.dataset.i18nAria));
  });
}

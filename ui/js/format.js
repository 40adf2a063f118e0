// @ts-check
// Days as the language writes them: German shows and takes TT.MM.JJJJ (01.02.2024, as Actindo's
// German UI writes dates), English the unambiguous year-month-day. A typed ISO day
// (2024-02-01) is always understood. The core receives and checks ISO days only.
import { language } from './i18n.js';

/**
 * An ISO day (`YYYY-MM-DD`) as the current language shows it; anything else as it is.
 * @param {string} iso
 */
export function showDay(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m || language() !== 'de') return iso;
  return `${m[3]}.${m[2]}.${m[1]}`;
}

/**
 * Whether `text` has the form of an ISO day (the core checks the calendar).
 * @param {string} text
 */
export function isDay(text) {
  return /^\d{4}-\d{2}-\d{2}$/.test(text);
}

/**
 * What was typed, as an ISO day for the core: `TT.MM.JJJJ` (one-digit day and month too) and
 * ISO are understood in every language — a dotted day is always day.month.year (the German way;
 * and a form filled in German stays valid after switching to English). Anything else goes as
 * typed, trimmed, and the core refuses it (`settings_invalid`), so nothing is guessed.
 * @param {string} typed
 */
export function typedDay(typed) {
  const text = typed.trim();
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (m) return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return text;
}

// @ts-check
// The workspace as the merchant knows it (`acme.actindo.com`), marked "practice" in practice
// mode, where the address the wizard really uses is a loopback one no screen shows.
import { t } from '../i18n.js';
import { el } from '../dom.js';

/**
 * The "practice" mark after a workspace's name (nothing outside practice mode).
 * @param {boolean} practice
 * @param {string} testid
 * @returns {(HTMLElement | string)[]}
 */
export function practiceTag(practice, testid) {
  return practice ? [' ', el('span', { class: 'practice-tag', testid }, t('workspace.practiceTag'))] : [];
}

/**
 * @param {string} display what `WorkspaceUrl::display` makes of the workspace
 * @param {boolean} practice
 * @param {string} testid of the name itself (the mark is `${testid}-practice`)
 * @returns {(HTMLElement | string)[]}
 */
export function workspaceName(display, practice, testid) {
  return [el('span', { class: 'url', testid }, display), ...practiceTag(practice, `${testid}-practice`)];
}

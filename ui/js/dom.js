// @ts-check
// Tiny helpers to build screens without innerHTML (no HTML injection, CSP-friendly).

/**
 * An element with attributes (`class`, `testid` → data-testid, `i18n` → data-i18n, `on…`
 * handlers; null, undefined and false leave one out) and children (nodes or text).
 * @param {string} tag
 * @param {Record<string, any>} [attrs]
 * @param {...any} children
 * @returns {HTMLElement}
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'testid') node.dataset.testid = value;
    else if (key === 'i18n') node.dataset.i18n = value;
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/**
 * An element of index.html's frame (the screen area, the live region, …), which is always there.
 * @param {string} id
 * @returns {HTMLElement}
 */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from index.html`);
  return node;
}

/**
 * The first element of the page matching `css` (one index.html always has).
 * @param {string} css
 * @returns {HTMLElement}
 */
export function one(css) {
  const node = document.querySelector(css);
  if (!(node instanceof HTMLElement)) throw new Error(`${css} is missing from index.html`);
  return node;
}

/** @param {string} text */
export function announce(text) {
  const region = byId('announcer');
  region.textContent = '';
  // A fresh text node makes screen readers announce even a repeated message.
  setTimeout(() => { region.textContent = text; }, 30);
}

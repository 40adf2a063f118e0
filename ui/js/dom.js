// Tiny helpers to build screens without innerHTML (no HTML injection, CSP-friendly).
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

export function announce(text) {
  const region = document.getElementById('announcer');
  region.textContent = '';
  // A fresh text node makes screen readers announce even a repeated message.
  setTimeout(() => { region.textContent = text; }, 30);
}

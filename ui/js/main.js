// Starts the UI: language, practice marker, stepper and the current screen.
import { invoke } from './ipc.js';
import { applyTo, language, onLanguageChange, pickLanguage, setLanguage } from './i18n.js';
import { renderStepper } from './stepper.js';
import { welcomeScreen } from './screens/welcome.js';

const state = { info: null, step: 'welcome' };

function render() {
  renderStepper(state.step);
  const screen = document.getElementById('screen');
  screen.replaceChildren(welcomeScreen({ onStart: () => {} }));
  document.querySelectorAll('.lang-btn').forEach((b) => {
    b.setAttribute('aria-pressed', String(b.dataset.lang === language()));
  });
}

async function start() {
  state.info = await invoke('app_info');
  document.querySelector('[data-testid="practice-badge"]').hidden = !state.info.practice;
  document.body.classList.toggle('practice', state.info.practice);
  document.querySelectorAll('.lang-btn').forEach((b) => {
    b.addEventListener('click', () => setLanguage(b.dataset.lang, true));
  });
  onLanguageChange(render);
  await setLanguage(pickLanguage(state.info.osLocale));
  applyTo(document);
  // Ready once the first screen is laid out and painted, so nobody acts on a blank window.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  document.body.dataset.ready = 'true';
}

start().catch((err) => {
  document.getElementById('screen').textContent = `The assistant could not start (${err && err.code ? err.code : 'internal'}).`;
});

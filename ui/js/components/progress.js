// @ts-check
// The rows of the Status screen: created · access checked · attributes, sets, groups (counts) ·
// first synchronization (progress bar) · activated. Icon + words, never colour alone. Under the
// attribute rows, what attributes are, in Actindo's own terms: "An attribute defines a
// characteristic to describe an entity", an attribute set "consists of multiple attributes to
// classify certain products", and a new connection's first synchronization transfers the
// marketplace's attributes and attribute sets to Core1, "accessed in the DataHub module"
// (Actindo-AG/Documentation: DataHub/Integration/01_ManageAttributes.md,
// 02_ManageAttributeSets.md, Channels/Integration/01_ManageConnections.md).
import { t } from '../i18n.js';
import { el } from '../dom.js';

const ORDER = ['created', 'checking_credentials', 'creating_attributes', 'synchronizing', 'active'];
/** @typedef {'done' | 'running' | 'todo' | 'failed'} RowState */
/** @typedef {{ key: string, state: RowState, progress?: import('../types.js').Progress | null }} Row */
/** @type {Record<RowState, string>} */
const ICON = { done: '✓', running: '…', todo: '○', failed: '✗' };

/** @param {import('../types.js').Progress | null | undefined} p */
function complete(p) {
  return p && p.total > 0 && p.done >= p.total;
}

/**
 * The state of each row for a connection as last seen.
 * @param {import('../types.js').ConnectionStatus | null} conn
 * @returns {Row[]}
 */
export function rowStates(conn) {
  const phase = conn ? conn.phase : 'created';
  const at = ORDER.indexOf(phase);
  /** @param {string} p */
  const past = (p) => at > ORDER.indexOf(p) && at !== -1;
  /** @type {Row[]} */
  const rows = [
    { key: 'created', state: conn ? 'done' : 'running' },
    {
      key: 'credentials',
      state: conn && conn.credentialsValid === true ? 'done' : conn && conn.credentialsValid === false ? 'failed' : past('checking_credentials') ? 'done' : phase === 'checking_credentials' ? 'running' : 'todo',
    },
  ];
  for (const key of /** @type {const} */ (['attributes', 'attributeSets', 'attributeGroups'])) {
    const field = key;
    const p = conn && conn[field];
    rows.push({ key, progress: p, state: complete(p) || past('creating_attributes') ? 'done' : phase === 'creating_attributes' ? 'running' : 'todo' });
  }
  rows.push({ key: 'sync', progress: conn && conn.sync, state: phase === 'active' || complete(conn && conn.sync) ? 'done' : phase === 'synchronizing' ? 'running' : 'todo' });
  rows.push({ key: 'active', state: phase === 'active' ? 'done' : 'todo' });
  if (phase === 'failed' || phase === 'disabled') {
    const first = rows.find((r) => r.state !== 'done');
    if (first && phase === 'failed') first.state = 'failed';
    rows.forEach((r) => { if (r.state === 'running') r.state = 'todo'; });
  }
  return rows;
}

/** @param {import('../types.js').ConnectionStatus | null} conn */
export function progressRows(conn) {
  return el(
    'ol',
    { class: 'progress-rows', testid: 'status-rows' },
    ...rowStates(conn).map((r) => {
      const label = r.key === 'credentials' && r.state === 'failed' ? t('status.rows.credentialsFailed') : t(`status.rows.${r.key}`);
      const p = r.progress;
      const showCount = p && p.total > 0;
      return el(
        'li',
        { class: `prow prow-${r.state}`, testid: `status-row-${r.key}`, 'data-state': r.state },
        el('span', { class: 'prow-icon', 'aria-hidden': 'true' }, ICON[r.state]),
        el('span', { class: 'prow-label' }, label),
        el('span', { class: 'visually-hidden' }, ` (${t(`status.state.${r.state}`)})`),
        showCount ? el('span', { class: 'prow-count', testid: `status-count-${r.key}` }, t('status.count', { done: p.done, total: p.total })) : null,
        r.key === 'sync' && showCount
          ? el('progress', {
            class: 'bar',
            testid: 'status-sync-bar',
            'aria-label': t('status.rows.sync'),
            max: String(p.total),
            value: String(p.done),
          })
          : null,
        r.key === 'attributeGroups'
          ? el('p', { class: 'prow-what', testid: 'status-attributes-what' }, t('status.attributesWhat'))
          : null,
      );
    }),
  );
}

import { HEALTH_STATUSES, SYNC_STATUSES } from '../../state/types.ts';
import { MAX_STATUS_LIMIT } from '../status-page.ts';
import { DASHBOARD_GRAPH_SCRIPT } from './graph-script.ts';

/**
 * The dashboard's script, inlined in the page: vanilla JS, no build step. Every value from the API
 * reaches the page through textContent, never as markup. When the reads need the bearer token
 * (apiProtectReads), a 401 asks for it; it is kept in sessionStorage (this tab only, gone when
 * the tab closes) and sent as an Authorization header, never in a URL. The actions (POST /sync,
 * /reconcile, /prune/allow) always need it.
 *
 * It keeps every resource view in a map and redraws only the namespaces that changed. The views
 * come from GET /status (every page, following `continue`), polled every few seconds, or pushed
 * by the live stream through `window.shipshapeLive` (its hooks are defined here; the stream's own
 * script calls them): while the stream is connected nothing is polled, and with the stream on the
 * page the first read waits for its hello, so the page reads /status once when it opens.
 */
export const DASHBOARD_SCRIPT = `(() => {
'use strict';
const REFRESH_MS = 5000;
const STATUS_PAGE = ${MAX_STATUS_LIMIT};
const EVENT_LIMIT = 30;
const TOKEN_KEY = 'shipshape.apiToken';
const SYNCS = ${JSON.stringify(SYNC_STATUSES)};
const HEALTHS = ${JSON.stringify(HEALTH_STATUSES)};

const resources = new Map();
const namespaceSections = new Map();
const dirty = new Set();
// Identity -> the other namespaces whose graphs draw it (it is referenced from there).
const shownIn = new Map();
const driftBlocks = new WeakMap();
let operator;
let events = [];
let timer;
let frame = 0;
let live = false;
let pendingAction;

class NeedsToken extends Error {}

function el(tag, options, children) {
  const node = document.createElement(tag);
  if (options && options.className) node.className = options.className;
  if (options && options.text !== undefined) node.textContent = String(options.text);
  if (options && options.title) node.title = String(options.title);
  for (const child of children || []) node.append(child);
  return node;
}

function token(value) {
  return String(value).replace(/[^A-Za-z-]/g, '');
}

function badge(value) {
  return el('span', { className: 'badge ' + token(value), text: value });
}

function json(value) {
  if (value === undefined) return '(absent)';
  return JSON.stringify(value, null, 1);
}

function row(cells, className) {
  return el('tr', { className }, cells.map((cell) => (cell instanceof Node ? el('td', {}, [cell]) : el('td', { text: cell }))));
}

function table(headers, rows, className) {
  const head = el('thead', {}, [el('tr', {}, headers.map((h) => el('th', { text: h })))]);
  return el('table', { className }, [head, el('tbody', {}, rows)]);
}

function fill(id, nodes) {
  document.getElementById(id).replaceChildren(...nodes);
}

function empty(text) {
  return el('p', { className: 'empty', text });
}

function parts(identity) {
  const [kind = '', namespace = '', ...rest] = String(identity).split('/');
  return { kind, namespace, name: rest.join('/') };
}

function byKindThenName(a, b) {
  return a.kind === b.kind ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.kind < b.kind ? -1 : 1;
}

// ---- the resource graph (./graph-script.ts) ------------------------------------------------

${DASHBOARD_GRAPH_SCRIPT}

// ---- resources, drift ---------------------------------------------------------------------

function resourceRow(r) {
  const problem = r.lastError ? r.lastError.code + ': ' + r.lastError.message : '';
  const drift = r.drift.length > 0 ? String(r.driftCount === undefined ? r.drift.length : r.driftCount) : '';
  const button = el('button', { className: 'reconcile', text: 'reconcile', title: 'POST /reconcile/' + r.identity });
  button.type = 'button';
  button.dataset.identity = r.identity;
  // Suspended by name through the API: resume it; otherwise it may be suspended.
  const byName = Boolean(operator && operator.suspended && operator.suspended.includes(r.identity));
  const verb = byName ? 'resume' : 'suspend';
  const toggle = el('button', { className: 'suspend', text: verb, title: 'POST /' + verb + '/' + r.identity });
  toggle.type = 'button';
  toggle.dataset.identity = r.identity;
  toggle.dataset.verb = verb;
  const buttons = [button, toggle, ...rolloutButtons(r)];
  const tr = row([r.kind, el('span', { className: 'mono', text: r.name }), badge(r.sync), badge(r.health), r.appliedRevision ? r.appliedRevision.slice(0, 19) : '', drift, problem, el('span', {}, buttons)], 'resource-row');
  tr.dataset.identity = r.identity;
  return tr;
}

// A rollout paused at a manual gate (its RolloutGate condition): promote and abort.
function rolloutButtons(r) {
  const gate = (r.conditions || []).find((c) => c.type === 'RolloutGate' && c.status === 'True' && c.reason === 'AwaitingApproval');
  if (!gate) return [];
  return ['promote', 'abort'].map((decision) => {
    const b = el('button', { className: 'rollout', text: decision, title: 'POST /rollouts/' + r.identity + '/' + decision + ': ' + gate.message });
    b.type = 'button';
    b.dataset.identity = r.identity;
    b.dataset.decision = decision;
    return b;
  });
}

function namespaceSection(namespace, members) {
  const section = el('section', { className: 'namespace' }, [
    el('h3', { text: 'namespace ' + namespace }),
    graphOf(namespace, members),
    table(['kind', 'name', 'sync', 'health', 'revision', 'drift', 'last error', ''], members.map(resourceRow), 'resources'),
  ]);
  section.dataset.namespace = namespace;
  return section;
}

function renderNamespace(namespace) {
  const members = [];
  for (const r of resources.values()) if (r.namespace === namespace) members.push(r);
  const old = namespaceSections.get(namespace);
  if (members.length === 0) {
    if (old) old.remove();
    namespaceSections.delete(namespace);
    return;
  }
  members.sort(byKindThenName);
  const section = namespaceSection(namespace, members);
  namespaceSections.set(namespace, section);
  if (old) return old.replaceWith(section);
  const holder = document.getElementById('resources');
  const after = [...namespaceSections.keys()].filter((n) => n > namespace && namespaceSections.get(n).isConnected).sort()[0];
  holder.insertBefore(section, after === undefined ? null : namespaceSections.get(after));
}

function driftTable(resource) {
  const rows = resource.drift.map((entry) =>
    row([el('code', { text: entry.path }), el('code', { className: 'desired', text: json(entry.desired) }), el('code', { className: 'live', text: json(entry.actual) })], 'drift-row'),
  );
  if (resource.driftTruncated) rows.push(row(['… ' + (resource.driftCount - resource.drift.length) + ' more fields', '', ''], 'drift-more'));
  return table(['field', 'desired (manifest)', 'live (AWS)'], rows, 'drift');
}

function renderDrift() {
  const blocks = [];
  const drifting = [...resources.values()].filter((r) => r.drift.length > 0);
  drifting.sort((a, b) => (a.identity < b.identity ? -1 : 1));
  for (const r of drifting) {
    // A view is never changed in place, so its block is made once.
    const kept = driftBlocks.get(r);
    if (kept) {
      blocks.push(kept);
      continue;
    }
    const block = el('div', { className: 'drift-block' }, [
      el('h3', {}, [el('span', { className: 'mono', text: r.identity }), document.createTextNode(' '), badge(r.sync), document.createTextNode(' '), badge(r.health)]),
      driftTable(r),
    ]);
    block.dataset.identity = r.identity;
    driftBlocks.set(r, block);
    blocks.push(block);
  }
  fill('drift', blocks.length === 0 ? [empty('No drift: live matches the manifests.')] : blocks);
}

function renderSummary() {
  const bySync = Object.fromEntries(SYNCS.map((s) => [s, 0]));
  const byHealth = Object.fromEntries(HEALTHS.map((h) => [h, 0]));
  let driftFields = 0;
  for (const r of resources.values()) {
    bySync[r.sync] = (bySync[r.sync] || 0) + 1;
    byHealth[r.health] = (byHealth[r.health] || 0) + 1;
    driftFields += r.driftCount === undefined ? r.drift.length : r.driftCount;
  }
  const out = [el('span', { text: resources.size + ' resources  ' })];
  for (const [name, count] of [...Object.entries(bySync), ...Object.entries(byHealth)]) if (count > 0) out.push(el('span', {}, [badge(name), document.createTextNode(' ' + count + '  ')]));
  out.push(el('span', { text: driftFields + ' drifting fields' }));
  fill('summary', out);
}

// Draws the namespaces that changed, then what depends on every resource (summary, drift).
function flush() {
  if (frame) cancelAnimationFrame(frame);
  frame = 0;
  const started = performance.now();
  if (resources.size === 0) {
    for (const section of namespaceSections.values()) section.remove();
    namespaceSections.clear();
    fill('resources', [empty('No resources yet.')]);
  } else {
    const placeholder = document.querySelector('#resources > p.empty');
    if (placeholder) placeholder.remove();
    for (const namespace of [...dirty].sort()) renderNamespace(namespace);
  }
  const drawn = dirty.size;
  dirty.clear();
  renderSummary();
  renderDrift();
  if (drawn === 0) return;
  // Figures for the render benchmark: the DOM built, then laid out, then the next frame painted.
  const figures = document.body.dataset;
  figures.namespacesDrawn = String(drawn);
  figures.buildMs = (performance.now() - started).toFixed(1);
  document.body.getBoundingClientRect();
  figures.layoutMs = (performance.now() - started).toFixed(1);
  delete figures.paintedMs;
  requestAnimationFrame(() => setTimeout(() => {
    figures.paintedMs = (performance.now() - started).toFixed(1);
  }, 0));
}

function markDirty(namespace) {
  dirty.add(namespace);
  if (!frame) frame = requestAnimationFrame(flush);
}

function changed(identity, namespace) {
  dirty.add(namespace);
  for (const other of shownIn.get(identity) || []) dirty.add(other);
}

// A full read: only the namespaces where something changed are drawn again.
function replaceAll(list) {
  const before = new Map(resources);
  resources.clear();
  for (const r of list) {
    const old = before.get(r.identity);
    before.delete(r.identity);
    if (old && JSON.stringify(old) === JSON.stringify(r)) {
      // Unchanged: the view already drawn stays (and so does its drift block).
      resources.set(r.identity, old);
      continue;
    }
    resources.set(r.identity, r);
    changed(r.identity, r.namespace);
    if (old) dirty.add(old.namespace);
  }
  for (const gone of before.values()) changed(gone.identity, gone.namespace);
  flush();
}

// ---- operator, events, revisions ----------------------------------------------------------

function fact(label, value) {
  return [el('dt', { text: label }), el('dd', { text: value === undefined || value === '' ? '-' : value })];
}

function renderOperator(state) {
  operator = state;
  const guard = state.pruneGuard;
  const guardText = guard.held
    ? 'held: ' + guard.pendingDeletions + ' deletions waiting' + (guard.reason ? ' (' + guard.reason + ')' : '') + (guard.override ? ', override given' : '')
    : 'open' + (guard.override ? ' (override given)' : '');
  const pass = state.lastPass ? state.lastPass.outcome + ' at ' + state.lastPass.at + (state.lastPass.message ? ': ' + state.lastPass.message : '') : undefined;
  fill('operator', [
    ...fact('revision in force', state.currentRevision),
    ...fact('last good', state.lastGoodRevision),
    ...fact('leader', state.leader),
    ...fact('last pass', pass),
    ...fact('prune guard', guardText),
    ...fact('suspended (API)', (state.suspended || []).map((id) => (id === '*' ? 'every resource' : id)).join(', ')),
  ]);
  document.getElementById('action-prune').hidden = !(guard.held && !guard.override && state.currentRevision);
  const all = (state.suspended || []).includes('*');
  const suspendAll = document.getElementById('action-suspend-all');
  suspendAll.textContent = all ? 'Resume all' : 'Suspend all';
  suspendAll.dataset.verb = all ? 'resume' : 'suspend';
  const byName = new Set(state.suspended || []);
  for (const toggle of document.querySelectorAll('button.suspend')) {
    const verb = byName.has(toggle.dataset.identity) ? 'resume' : 'suspend';
    if (toggle.dataset.verb === verb) continue;
    toggle.dataset.verb = verb;
    toggle.textContent = verb;
    toggle.title = 'POST /' + verb + '/' + toggle.dataset.identity;
  }
  const errors = state.sourceErrors.map((e) =>
    row([el('code', { text: e.file + ':' + e.line + ':' + e.column }), el('code', { text: e.code }), e.path, e.message], 'source-error'),
  );
  fill('source-errors', errors.length === 0 ? [empty('None: the source is valid.')] : [table(['where', 'code', 'path', 'message'], errors)]);
}

function renderEvents() {
  const items = events.map((e) => {
    const li = el('li', { className: 'event-row ' + token(e.type) }, [
      el('time', { text: e.at }),
      badge(e.type),
      el('strong', { text: e.reason }),
      el('span', { className: 'mono', text: e.identity }),
      el('span', { className: 'message', text: e.message }),
    ]);
    li.dataset.reason = e.reason;
    return li;
  });
  fill('events', items.length === 0 ? [empty('No events yet.')] : [el('ol', { className: 'timeline' }, items)]);
}

function renderRevisions(history) {
  const rows = [];
  for (const r of history.revisions) {
    const marks = [r.id === history.currentRevision ? 'in force' : '', r.id === history.lastGoodRevision ? 'last good' : ''].filter(Boolean).join(', ');
    const c = r.commit;
    const commit = c
      ? el('span', { className: 'commit' }, [
          el('code', { text: /^[0-9a-f]{40,}$/.test(c.id) ? c.id.slice(0, 12) : c.id.slice(0, 19), title: c.id + (c.parent ? ' (parent ' + c.parent + ')' : '') }),
          document.createTextNode(' ' + (c.author || '-') + (c.message ? ': ' + c.message.split('\\n')[0] : '')),
        ])
      : '-';
    const tr = row([el('code', { text: r.id }), r.at, badge(r.result), String(r.errorCount), commit, r.source, marks], 'revision-row ' + token(r.result));
    tr.dataset.revision = r.id;
    rows.push(tr);
    if (r.result === 'rejected' || (r.errors && r.errors.length > 0)) {
      const kept = r.errors || [];
      const items = kept.map((e) => el('li', { className: 'revision-error' }, [el('code', { text: e.file + ':' + e.line + ':' + e.column + ' ' + e.code }), document.createTextNode(' ' + e.path + ': ' + e.message)]));
      if (r.errorCount > kept.length) items.push(el('li', { className: 'empty', text: (r.errorCount - kept.length) + ' more error(s) not kept' }));
      const cell = el('td', {}, [el('ul', { className: 'revision-errors' }, items)]);
      cell.colSpan = 7;
      rows.push(el('tr', { className: 'revision-detail' }, [cell]));
    }
  }
  fill('revisions', rows.length === 0 ? [empty('No revisions yet.')] : [table(['revision', 'at', 'result', 'errors', 'commit', 'source', ''], rows)]);
}

// ---- reading --------------------------------------------------------------------------------

function storedToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

function askForToken(why) {
  const form = document.getElementById('token-form');
  document.getElementById('token-why').textContent = why;
  form.hidden = false;
  document.getElementById('token').focus();
}

function authorized(headers) {
  const stored = storedToken();
  if (stored) headers.authorization = 'Bearer ' + stored;
  return headers;
}

async function getJson(path) {
  const response = await fetch(path, { headers: authorized({ accept: 'application/json' }) });
  if (response.status === 401) {
    const had = storedToken();
    sessionStorage.removeItem(TOKEN_KEY);
    throw new NeedsToken(had ? 'The token was refused.' : 'The API needs its token to show anything.');
  }
  if (!response.ok) throw new Error(path + ' answered ' + response.status);
  return response.json();
}

// GET /status answers a page at a time: the dashboard shows every resource.
async function getAllStatus() {
  const path = '/status?limit=' + STATUS_PAGE;
  let page = await getJson(path);
  const list = page.resources.slice();
  while (page.continue) {
    page = await getJson(path + '&continue=' + encodeURIComponent(page.continue));
    list.push(...page.resources);
  }
  return { operator: page.operator, resources: list };
}

async function loadRevisions() {
  renderRevisions(await getJson('/revisions'));
}

function showProblem(error) {
  const banner = document.getElementById('banner');
  if (error instanceof NeedsToken) return askForToken(error.message);
  banner.textContent = 'Could not refresh: ' + (error && error.message ? error.message : String(error));
  banner.className = 'shown';
}

function updated() {
  document.getElementById('banner').className = '';
  document.getElementById('updated').textContent = (live ? 'live, ' : 'polling, ') + 'updated ' + new Date().toLocaleTimeString();
}

function sameEvent(a, b) {
  return a.at === b.at && a.identity === b.identity && a.reason === b.reason && a.type === b.type && a.message === b.message;
}

// The events read, with those pushed while the read was on its way that it does not have; newest first.
function withPushedEvents(read, pushedEvents) {
  const merged = read.slice();
  for (const event of pushedEvents) if (!merged.some((known) => sameEvent(known, event))) merged.push(event);
  merged.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return merged.slice(0, EVENT_LIMIT);
}

// Everything, read again: once the stream says hello (at start, or when it cannot resume), on
// every poll, and after a token is given. Only the newest read is drawn; what the stream pushed
// while it was on its way (statuses, removals, events, the operator state) is laid over it.
let generation = 0;
// While a read is on its way: { statuses: identity -> view (null: removed), events: [], operator }.
let meanwhile;
let everRead = false;

async function refresh() {
  clearTimeout(timer);
  everRead = true;
  const mine = ++generation;
  const pushed = { statuses: new Map(), events: [], operator: undefined };
  meanwhile = pushed;
  // For tests and the curious: a full read is on its way.
  document.body.dataset.reading = 'true';
  try {
    const [status, history, recent] = await Promise.all([getAllStatus(), getJson('/revisions'), getJson('/events?limit=' + EVENT_LIMIT)]);
    if (mine !== generation) return;
    meanwhile = undefined;
    delete document.body.dataset.reading;
    const list = new Map(status.resources.map((r) => [r.identity, r]));
    for (const [identity, view] of pushed.statuses) {
      if (view === null) list.delete(identity);
      else list.set(identity, view);
    }
    renderOperator(pushed.operator || status.operator);
    replaceAll([...list.values()]);
    events = withPushedEvents(recent.events, pushed.events);
    renderEvents();
    renderRevisions(history);
    updated();
  } catch (error) {
    if (mine === generation) {
      meanwhile = undefined;
      delete document.body.dataset.reading;
    }
    showProblem(error);
    // No refresh until a token is given: the form starts it again.
    if (error instanceof NeedsToken) return;
  }
  poll();
}

function poll() {
  clearTimeout(timer);
  if (!live) timer = setTimeout(refresh, REFRESH_MS);
}

// ---- the live stream's hooks ----------------------------------------------------------------

function connected() {
  if (!live) {
    live = true;
    clearTimeout(timer);
  }
}

// Counts on <body data-…> of what the stream did, so a test can wait on them.
function count(name) {
  document.body.dataset[name] = String(Number(document.body.dataset[name] || 0) + 1);
}

// The stream's script says it is starting: the first read waits for its hello.
let streamComing = false;

window.shipshapeLive = {
  /** The stream is starting: its hello (onReset) makes the first read, so /status is read once. */
  onConnecting() {
    streamComing = true;
  },
  /** The stream is open: stop polling. */
  onOpen() {
    connected();
    updated();
  },
  /** The stream is gone: poll until it is back (read now if nothing was read yet). */
  onClose() {
    live = false;
    if (!everRead) return refresh();
    poll();
  },
  /** One resource's view changed (or is new). */
  onStatus(view) {
    connected();
    count('pushed');
    const before = resources.get(view.identity);
    if (before && before.namespace !== view.namespace) markDirty(before.namespace);
    resources.set(view.identity, view);
    if (meanwhile) meanwhile.statuses.set(view.identity, view);
    changed(view.identity, view.namespace);
    markDirty(view.namespace);
    updated();
  },
  /** A resource's status is gone. */
  onRemoved(identity) {
    connected();
    if (meanwhile) meanwhile.statuses.set(identity, null);
    const before = resources.get(identity);
    if (!before) return;
    resources.delete(identity);
    changed(identity, before.namespace);
    markDirty(before.namespace);
    updated();
  },
  onEvent(event) {
    connected();
    count('events');
    events = [event, ...events].slice(0, EVENT_LIMIT);
    if (meanwhile) meanwhile.events.push(event);
    renderEvents();
    // A revision event adds to the history (the operator facts come as onOperator).
    if (/^Revision/.test(event.reason)) loadRevisions().catch(showProblem);
    updated();
  },
  /** The operator state changed (leader, revision in force, last pass, prune guard, source errors). */
  onOperator(state) {
    connected();
    count('operators');
    if (meanwhile) meanwhile.operator = state;
    renderOperator(state);
    updated();
  },
  /** The stream could not resume where it was: read everything once. */
  onReset() {
    connected();
    count('resets');
    return refresh();
  },
  isLive() {
    return live;
  },
};

// ---- actions (need the token) ---------------------------------------------------------------

function said(text, bad) {
  const out = document.getElementById('action-result');
  out.textContent = text;
  out.className = bad ? 'bad' : 'ok';
}

async function post(path, body) {
  if (!storedToken()) {
    pendingAction = () => post(path, body);
    askForToken('Actions need the API token.');
    return;
  }
  const headers = authorized({ accept: 'application/json' });
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(path, { method: 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const answer = await response.json().catch(() => ({}));
    if (response.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      pendingAction = () => post(path, body);
      askForToken('The token was refused.');
      return said('POST ' + path + ': the token was refused', true);
    }
    if (!response.ok) return said('POST ' + path + ': ' + response.status + ' ' + (answer.message || ''), true);
    said(answer.message || 'done');
  } catch (error) {
    said('POST ' + path + ' failed: ' + (error && error.message ? error.message : String(error)), true);
  }
}

document.getElementById('action-sync').addEventListener('click', () => post('/sync'));

document.getElementById('action-suspend-all').addEventListener('click', (event) => post('/' + (event.currentTarget.dataset.verb || 'suspend')));

document.getElementById('action-prune').addEventListener('click', (event) => {
  const button = event.currentTarget;
  if (!operator || !operator.currentRevision) return;
  // Two clicks: the first says what it would allow.
  if (button.dataset.armed !== operator.currentRevision) {
    button.dataset.armed = operator.currentRevision;
    button.textContent = 'Click again: allow ' + operator.pruneGuard.pendingDeletions + ' deletions by ' + operator.currentRevision.slice(0, 19);
    return;
  }
  delete button.dataset.armed;
  button.textContent = 'Allow prune';
  post('/prune/allow', { revision: operator.currentRevision });
});

document.getElementById('resources').addEventListener('click', (event) => {
  const button = event.target.closest('button.reconcile, button.suspend, button.rollout');
  if (button && button.classList.contains('rollout')) {
    return post('/rollouts/' + button.dataset.identity.split('/').map(encodeURIComponent).join('/') + '/' + button.dataset.decision);
  }
  if (button) {
    const verb = button.classList.contains('reconcile') ? 'reconcile' : button.dataset.verb;
    return post('/' + verb + '/' + button.dataset.identity.split('/').map(encodeURIComponent).join('/'));
  }
  const node = event.target.closest('g.node');
  if (!node) return;
  const target = document.querySelector('tr.resource-row[data-identity="' + CSS.escape(node.dataset.identity) + '"]');
  if (!target) return;
  for (const shown of document.querySelectorAll('tr.picked')) shown.classList.remove('picked');
  target.classList.add('picked');
  target.scrollIntoView({ block: 'center' });
});

document.getElementById('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('token');
  sessionStorage.setItem(TOKEN_KEY, input.value.trim());
  input.value = '';
  document.getElementById('token-form').hidden = true;
  const action = pendingAction;
  pendingAction = undefined;
  if (action) action();
  refresh();
});

// Inline scripts all run before DOMContentLoaded: by then the stream's script has said whether it starts.
document.addEventListener('DOMContentLoaded', () => {
  if (!streamComing && !everRead) refresh();
});
})();
`;

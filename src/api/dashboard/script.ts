import { MAX_STATUS_LIMIT } from '../status-page.ts';

/**
 * The dashboard's script, inlined in the page: vanilla JS, no build step. Every value from the API
 * reaches the page through textContent, never as markup. When the reads need the bearer token
 * (apiProtectReads), a 401 asks for it; it is kept in sessionStorage (this tab only, gone when
 * the tab closes) and sent as an Authorization header, never in a URL.
 */
export const DASHBOARD_SCRIPT = `
'use strict';
const REFRESH_MS = 5000;
const STATUS_PAGE = ${MAX_STATUS_LIMIT};
const TOKEN_KEY = 'shipshape.apiToken';
let timer;

class NeedsToken extends Error {}

function el(tag, options, children) {
  const node = document.createElement(tag);
  if (options && options.className) node.className = options.className;
  if (options && options.text !== undefined) node.textContent = String(options.text);
  if (options && options.title) node.title = String(options.title);
  for (const child of children || []) node.append(child);
  return node;
}

function badge(value) {
  return el('span', { className: 'badge ' + String(value).replace(/[^A-Za-z-]/g, ''), text: value });
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

function driftTable(resource) {
  const rows = resource.drift.map((entry) =>
    row([el('code', { text: entry.path }), el('code', { text: json(entry.desired) }), el('code', { text: json(entry.actual) })], 'drift-row'),
  );
  if (resource.driftTruncated) rows.push(row(['… ' + (resource.driftCount - resource.drift.length) + ' more fields', '', '']));
  return table(['field', 'desired', 'actual'], rows, 'drift');
}

function renderResources(resources) {
  if (resources.length === 0) return fill('resources', [empty('No resources yet.')]);
  const byNamespace = new Map();
  for (const resource of resources) {
    if (!byNamespace.has(resource.namespace)) byNamespace.set(resource.namespace, []);
    byNamespace.get(resource.namespace).push(resource);
  }
  const sections = [];
  for (const namespace of [...byNamespace.keys()].sort()) {
    const rows = [];
    for (const r of byNamespace.get(namespace)) {
      const problem = r.lastError ? r.lastError.code + ': ' + r.lastError.message : '';
      const tr = row([r.kind, el('span', { className: 'mono', text: r.name }), badge(r.sync), badge(r.health), r.appliedRevision ? r.appliedRevision.slice(0, 19) : '', problem], 'resource-row');
      tr.dataset.identity = r.identity;
      rows.push(tr);
      if (r.drift.length > 0) {
        const cell = el('td', {}, [driftTable(r)]);
        cell.colSpan = 6;
        rows.push(el('tr', { className: 'drift-holder' }, [cell]));
      }
    }
    const section = el('section', { className: 'namespace' }, [
      el('h3', { text: 'namespace ' + namespace }),
      table(['kind', 'name', 'sync', 'health', 'revision', 'last error'], rows, 'resources'),
    ]);
    section.dataset.namespace = namespace;
    sections.push(section);
  }
  fill('resources', sections);
}

function renderSummary(summary) {
  const parts = [];
  for (const [name, count] of Object.entries(summary.bySync)) if (count > 0) parts.push(el('span', {}, [badge(name), document.createTextNode(' ' + count + '  ')]));
  for (const [name, count] of Object.entries(summary.byHealth)) if (count > 0) parts.push(el('span', {}, [badge(name), document.createTextNode(' ' + count + '  ')]));
  parts.push(el('span', { text: summary.driftFields + ' drifting fields' }));
  fill('summary', parts);
}

function fact(label, value) {
  return [el('dt', { text: label }), el('dd', { text: value === undefined || value === '' ? '-' : value })];
}

function renderOperator(operator) {
  const guard = operator.pruneGuard;
  const guardText = guard.held
    ? 'held: ' + guard.pendingDeletions + ' deletions waiting' + (guard.reason ? ' (' + guard.reason + ')' : '') + (guard.override ? ', override given' : '')
    : 'open' + (guard.override ? ' (override given)' : '');
  const pass = operator.lastPass ? operator.lastPass.outcome + ' at ' + operator.lastPass.at + (operator.lastPass.message ? ': ' + operator.lastPass.message : '') : undefined;
  fill('operator', [
    ...fact('revision in force', operator.currentRevision),
    ...fact('last good', operator.lastGoodRevision),
    ...fact('leader', operator.leader),
    ...fact('last pass', pass),
    ...fact('prune guard', guardText),
  ]);
  const errors = operator.sourceErrors.map((e) =>
    row([el('code', { text: e.file + ':' + e.line + ':' + e.column }), el('code', { text: e.code }), e.path, e.message], 'source-error'),
  );
  fill('source-errors', errors.length === 0 ? [empty('None: the source is valid.')] : [table(['where', 'code', 'path', 'message'], errors)]);
}

function renderEvents(events) {
  const rows = events.map((e) => row([e.at, badge(e.type), e.identity, e.reason, e.message], 'event-row'));
  fill('events', rows.length === 0 ? [empty('No events yet.')] : [table(['at', 'type', 'resource', 'reason', 'message'], rows)]);
}

function renderRevisions(history) {
  const rows = history.revisions.map((r) => {
    const marks = [r.id === history.currentRevision ? 'in force' : '', r.id === history.lastGoodRevision ? 'last good' : ''].filter(Boolean).join(', ');
    return row([el('code', { text: r.id }), r.at, badge(r.result), String(r.errorCount), r.source, marks], 'revision-row');
  });
  fill('revisions', rows.length === 0 ? [empty('No revisions yet.')] : [table(['revision', 'at', 'result', 'errors', 'source', ''], rows)]);
}

function storedToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

function askForToken(why) {
  const form = document.getElementById('token-form');
  document.getElementById('token-why').textContent = why;
  form.hidden = false;
  document.getElementById('token').focus();
}

async function getJson(path) {
  const headers = { accept: 'application/json' };
  const token = storedToken();
  if (token) headers.authorization = 'Bearer ' + token;
  const response = await fetch(path, { headers });
  if (response.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    throw new NeedsToken(token ? 'The token was refused.' : 'The API needs its token to show anything.');
  }
  if (!response.ok) throw new Error(path + ' answered ' + response.status);
  return response.json();
}

// GET /status answers a page at a time: the dashboard shows every resource.
async function getAllStatus() {
  const path = '/status?limit=' + STATUS_PAGE;
  let page = await getJson(path);
  const resources = page.resources.slice();
  while (page.continue) {
    page = await getJson(path + '&continue=' + encodeURIComponent(page.continue));
    resources.push(...page.resources);
  }
  return { summary: page.summary, operator: page.operator, resources };
}

async function refresh() {
  const banner = document.getElementById('banner');
  try {
    const [status, events, revisions] = await Promise.all([getAllStatus(), getJson('/events?limit=30'), getJson('/revisions')]);
    renderSummary(status.summary);
    renderOperator(status.operator);
    renderResources(status.resources);
    renderEvents(events.events);
    renderRevisions(revisions);
    banner.className = '';
    document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
  } catch (error) {
    if (error instanceof NeedsToken) {
      // No refresh until a token is given: the form starts it again.
      askForToken(error.message);
      return;
    }
    banner.textContent = 'Could not refresh: ' + (error && error.message ? error.message : String(error));
    banner.className = 'shown';
  }
  timer = setTimeout(refresh, REFRESH_MS);
}

document.getElementById('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('token');
  sessionStorage.setItem(TOKEN_KEY, input.value.trim());
  input.value = '';
  document.getElementById('token-form').hidden = true;
  clearTimeout(timer);
  refresh();
});

refresh();
`;

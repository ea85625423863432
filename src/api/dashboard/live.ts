/**
 * The dashboard's live stream, inlined after DASHBOARD_SCRIPT (which defines the
 * `window.shipshapeLive` hooks): vanilla JS, no build step. It reads GET /watch and calls
 * onConnecting() as it starts, onOpen/onClose, onStatus(view), onRemoved(identity),
 * onOperator(state), onEvent(event) and onReset() (also on `hello`: the page's first read waits
 * for it, so nothing that changed before the stream opened is missed).
 *
 * EventSource cannot send a header, and the token is never put in a URL (logs and proxies keep
 * URLs). So without a stored token it uses EventSource, which resumes with Last-Event-ID by
 * itself; with one (apiProtectReads) it reads the stream through fetch with the Authorization
 * header and sends Last-Event-ID itself.
 */
export const DASHBOARD_LIVE_SCRIPT = `(() => {
'use strict';
const TOKEN_KEY = 'shipshape.apiToken';
const RETRY_MS = 5000;
const hooks = window.shipshapeLive;
if (!hooks || typeof fetch !== 'function') return;
let lastId = '';

function dispatch(type, data) {
  const body = JSON.parse(data);
  if (type === 'hello') {
    hooks.onOpen();
    hooks.onReset();
  } else if (type === 'status') hooks.onStatus(body.view);
  else if (type === 'removed') hooks.onRemoved(body.identity);
  else if (type === 'operator') hooks.onOperator(body.operator);
  else if (type === 'event') hooks.onEvent(body);
  else if (type === 'reset') hooks.onReset();
}

function handle(type, data) {
  try {
    const done = dispatch(type, data);
    if (done && typeof done.catch === 'function') done.catch(() => undefined);
  } catch (error) {
    console.error('shipshape live:', error);
  }
}

function again() {
  hooks.onClose();
  setTimeout(start, RETRY_MS);
}

function withEventSource() {
  const source = new EventSource('/watch');
  source.addEventListener('open', () => hooks.onOpen());
  for (const type of ['hello', 'status', 'removed', 'operator', 'event', 'reset']) {
    source.addEventListener(type, (message) => {
      lastId = message.lastEventId || lastId;
      handle(type, message.data);
    });
  }
  source.addEventListener('error', () => {
    // CONNECTING: it reconnects (with Last-Event-ID) by itself. CLOSED: refused, e.g. a 401.
    if (source.readyState === EventSource.CLOSED) again();
    else hooks.onClose();
  });
}

function parse(block) {
  let type = 'message';
  const data = [];
  for (const line of block.split(/\\r?\\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') lastId = value;
    else if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length > 0) handle(type, data.join('\\n'));
}

async function withFetch(token) {
  const headers = { accept: 'text/event-stream', authorization: 'Bearer ' + token };
  if (lastId) headers['last-event-id'] = lastId;
  const response = await fetch('/watch', { headers, cache: 'no-store' });
  // A refused token: the dashboard's own reads ask for another.
  if (!response.ok || !response.body) throw new Error('GET /watch answered ' + response.status);
  hooks.onOpen();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    const blocks = buffer.split(/\\r?\\n\\r?\\n/);
    buffer = blocks.pop();
    for (const block of blocks) parse(block);
  }
}

function start() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return withEventSource();
  withFetch(token).then(again, again);
}

hooks.onConnecting();
start();
})();
`;

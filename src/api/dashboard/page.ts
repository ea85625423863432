import { createHash } from 'node:crypto';
import { DASHBOARD_LIVE_SCRIPT } from './live.ts';
import { DASHBOARD_SCRIPT } from './script.ts';
import { DASHBOARD_STYLE } from './style.ts';

/**
 * The live stream's script (./live.ts), run after DASHBOARD_SCRIPT, which defines the
 * `window.shipshapeLive` hooks it calls. Set it to '' and the page polls.
 */
const LIVE_SCRIPT = DASHBOARD_LIVE_SCRIPT;

/** The inline scripts, in order: the dashboard, then the stream that feeds it. */
const SCRIPTS = [DASHBOARD_SCRIPT, LIVE_SCRIPT].filter((script) => script !== '');

function cspHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

/** Only the inline script and style below may run, and the page may only fetch from its own origin. */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  `script-src ${SCRIPTS.map(cspHash).join(' ')}`,
  `style-src ${cspHash(DASHBOARD_STYLE)}`,
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shipshape</title>
<style>${DASHBOARD_STYLE}</style>
</head>
<body>
<header>
  <h1>Shipshape</h1>
  <div id="summary"></div>
  <span id="updated"></span>
</header>
<div id="banner" role="alert"></div>
<form id="token-form" hidden>
  <label for="token">API token</label>
  <input id="token" type="password" autocomplete="off" spellcheck="false" required>
  <button type="submit">Show</button>
  <span id="token-why"></span>
</form>
<div id="actions">
  <button type="button" id="action-sync" title="POST /sync: read the manifest source now">Sync now</button>
  <button type="button" id="action-suspend-all" data-verb="suspend" title="POST /suspend or /resume: observe and report only, never write, every resource">Suspend all</button>
  <button type="button" id="action-prune" hidden title="POST /prune/allow for the revision in force">Allow prune</button>
  <span id="action-result" role="status"></span>
</div>
<h2>Operator</h2>
<dl class="facts" id="operator"></dl>
<h2>Source errors</h2>
<div id="source-errors"></div>
<h2>Resources</h2>
<p class="legend">Fill: health <span class="badge Healthy">Healthy</span> <span class="badge Progressing">Progressing</span> <span class="badge Degraded">Degraded</span> <span class="badge Missing">Missing</span> <span class="badge Suspended">Suspended</span> · border: sync (dashed when OutOfSync) · a line joins a resource and each one its manifest references; a dotted node is referenced but has no status.</p>
<div id="resources"><p class="empty">Loading…</p></div>
<h2>Drift</h2>
<div id="drift"></div>
<h2>Recent events</h2>
<div id="events"></div>
<h2>Revisions</h2>
<div id="revisions"></div>
${SCRIPTS.map((script) => `<script>${script}</script>`).join('\n')}
</body>
</html>
`;

import { createHash } from 'node:crypto';
import { DASHBOARD_SCRIPT } from './script.ts';
import { DASHBOARD_STYLE } from './style.ts';

function cspHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

/** Only the inline script and style below may run, and the page may only fetch from its own origin. */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  `script-src ${cspHash(DASHBOARD_SCRIPT)}`,
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
<h2>Operator</h2>
<dl class="facts" id="operator"></dl>
<h2>Source errors</h2>
<div id="source-errors"></div>
<h2>Resources</h2>
<div id="resources"><p class="empty">Loading…</p></div>
<h2>Recent events</h2>
<div id="events"></div>
<h2>Revisions</h2>
<div id="revisions"></div>
<script>${DASHBOARD_SCRIPT}</script>
</body>
</html>
`;

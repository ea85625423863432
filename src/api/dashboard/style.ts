/** The dashboard's stylesheet, inlined in the page. */
export const DASHBOARD_STYLE = `
:root { color-scheme: light dark; --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --muted: #6e7781; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; padding: 0 1.5rem 2rem; }
header { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: baseline; padding: 1rem 0; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.25rem; margin: 0; }
h2 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: .95rem; margin: 1rem 0 .25rem; color: var(--muted); }
.facts { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; }
.facts dt { color: var(--muted); display: inline; }
.facts dd { display: inline; margin: 0 0 0 .3rem; font-family: ui-monospace, monospace; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
code, .mono { font-family: ui-monospace, monospace; font-size: 12.5px; white-space: pre-wrap; word-break: break-all; }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 1rem; font-size: 12px; font-weight: 600; color: #fff; background: var(--muted); }
.badge.Synced, .badge.Healthy, .badge.applied, .badge.Normal { background: var(--ok); }
.badge.OutOfSync, .badge.Progressing, .badge.held-back, .badge.held { background: var(--warn); }
.badge.Degraded, .badge.Missing, .badge.rejected, .badge.Warning { background: var(--bad); }
.drift { margin: .25rem 0 .5rem 1rem; width: calc(100% - 1rem); }
.drift td { background: rgba(154, 103, 0, .07); }
.empty { color: var(--muted); font-style: italic; }
#banner { display: none; margin: 1rem 0; padding: .5rem .75rem; border: 1px solid var(--bad); color: var(--bad); }
#banner.shown { display: block; }
#updated { color: var(--muted); font-size: 12px; }
#token-form { display: flex; gap: .5rem; align-items: center; margin: 1rem 0; }
#token-form[hidden] { display: none; }
#token-why { color: var(--bad); }
`;

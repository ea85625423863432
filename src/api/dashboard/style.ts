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
#actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 1rem 0 0; }
#actions [hidden] { display: none; }
#action-result.ok { color: var(--ok); }
#action-result.bad { color: var(--bad); }
button { font: inherit; padding: .15rem .6rem; border: 1px solid var(--line); border-radius: 4px; background: transparent; color: inherit; cursor: pointer; }
button:hover { border-color: var(--muted); }
button.reconcile { font-size: 12px; padding: 0 .4rem; }
.badge.Suspended { background: #8250df; }
/* Off-screen namespaces are laid out only when scrolled to: thousands of resources stay quick. */
section.namespace { content-visibility: auto; contain-intrinsic-size: auto 40rem; }
.legend { color: var(--muted); font-size: 12px; margin: 0 0 .5rem; }
.graph-frame { overflow: auto; max-height: 32rem; margin: .25rem 0 .75rem; padding: .5rem; border: 1px solid var(--line); border-radius: 6px; }
.graph .edge { fill: none; stroke: var(--muted); stroke-width: 1.3; opacity: .7; }
.graph .node { cursor: pointer; }
.graph .node rect { fill: #eef1f4; stroke: var(--muted); stroke-width: 2; }
.graph .node text { font: 12px ui-monospace, monospace; fill: #1f2328; }
.graph .node text.kind { font: 600 10px system-ui, sans-serif; fill: #57606a; text-transform: uppercase; letter-spacing: .03em; }
.graph .health-Healthy rect { fill: #dafbe1; }
.graph .health-Progressing rect { fill: #fff8c5; }
.graph .health-Degraded rect { fill: #ffebe9; }
.graph .health-Missing rect { fill: #f6f8fa; }
.graph .health-Suspended rect { fill: #fbefff; }
.graph .sync-Synced rect { stroke: var(--ok); }
.graph .sync-OutOfSync rect { stroke: var(--warn); stroke-dasharray: 5 3; stroke-width: 2.5; }
.graph .sync-Unknown rect { stroke: var(--muted); }
.graph .ghost rect { stroke-dasharray: 2 3; fill: transparent; }
tr.picked td { background: rgba(9, 105, 218, .1); }
.drift-block h3 { margin-top: .75rem; }
.drift-block .drift { table-layout: fixed; }
.drift-block .drift th:first-child { width: 40%; }
.drift code.desired { color: var(--ok); }
.drift code.live { color: var(--bad); }
.timeline { list-style: none; margin: 0; padding: 0 0 0 1rem; border-left: 2px solid var(--line); }
.timeline li { position: relative; display: flex; flex-wrap: wrap; gap: .2rem .6rem; align-items: baseline; padding: .3rem 0; }
.timeline li::before { content: ''; position: absolute; left: calc(-1rem - 6px); top: .65rem; width: 10px; height: 10px; border-radius: 50%; background: var(--ok); }
.timeline li.Warning::before { background: var(--bad); }
.timeline time { color: var(--muted); font-family: ui-monospace, monospace; font-size: 12px; }
.timeline .message { flex-basis: 100%; }
tr.revision-row.rejected td { background: rgba(207, 34, 46, .06); }
.revision-errors { margin: 0; padding-left: 1.25rem; color: var(--bad); }
`;

import type { DriftEntry, JsonValue } from '../diff/index.ts';
import type { Diagnostic } from '../manifest/diagnostic.ts';
import { countByAction, type Plan, type PlannedChange } from './plan-types.ts';

/**
 * `plan --output markdown`: a pull request or merge request comment. GitHub and GitLab render
 * both the table and the <details> blocks; field values come from the drift, already redacted.
 */

const MARK: Record<PlannedChange['action'], string> = {
  create: '➕',
  update: '✏️',
  replace: '♻️',
  delete: '🗑️',
  release: '↩️',
  noop: '',
  conflict: '⚠️',
};

/** Text that stays text in a table cell or a list item: no HTML, no column break, no line break. */
function inline(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('|', '\\|')
    .replace(/\r?\n/g, ' ');
}

/** Inline code (no HTML inside it), fenced with more backticks than it holds; `|` escaped for tables. */
function code(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ').replaceAll('|', '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function show(value: JsonValue | undefined): string {
  return JSON.stringify(value) ?? '(absent)';
}

function diffLines(entry: DriftEntry): string[] {
  const lines: string[] = [];
  if (entry.actual !== undefined) lines.push(`- ${entry.path}: ${show(entry.actual)}`);
  if (entry.desired !== undefined) lines.push(`+ ${entry.path}: ${show(entry.desired)}`);
  return lines;
}

function summaryLine(plan: Plan): string {
  const counts = countByAction(plan);
  const parts = [
    `${counts.create} to create`,
    `${counts.update} to update`,
    `${counts.replace} to replace`,
    `${counts.delete} to delete`,
    ...(counts.release > 0 ? [`${counts.release} to release`] : []),
    ...(counts.conflict > 0 ? [`${counts.conflict} in conflict`] : []),
    `${counts.noop} unchanged`,
  ];
  return parts.join(', ');
}

function tableRow(change: PlannedChange): string {
  const fields = 'drift' in change && change.action !== 'noop' ? String(change.drift.length) : '';
  const note = change.action === 'conflict' ? inline(change.message) : '';
  return `| ${MARK[change.action]} ${change.action} | ${code(change.identity)} | ${fields} | ${note} |`;
}

function details(change: PlannedChange): string[] {
  if ((change.action !== 'update' && change.action !== 'replace') || change.drift.length === 0) return [];
  // A fence longer than any run of backticks in the values, so none can close it.
  const body = change.drift.flatMap(diffLines);
  const longest = Math.max(2, ...body.flatMap((line) => (line.match(/`+/g) ?? []).map((run) => run.length)));
  const fence = '`'.repeat(longest + 1);
  return [
    '<details>',
    // Markdown is not read inside an HTML block: HTML's own <code>.
    `<summary><code>${inline(change.identity)}</code>: ${change.action}, ${change.drift.length} field(s)</summary>`,
    '',
    `${fence}diff`,
    ...body,
    fence,
    '',
    '</details>',
    '',
  ];
}

function diagnosticItem(diagnostic: Diagnostic): string {
  const where = code(`${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`);
  const path = diagnostic.path === undefined ? '' : ` ${code(diagnostic.path)}`;
  return `- ${where}${path}: ${inline(diagnostic.message)} (${diagnostic.code})`;
}

/**
 * The plan of `revision` as a markdown comment: heading with the counts, a table, field diffs
 * folded, then the revision's warnings.
 */
export function renderPlanMarkdown(
  plan: Plan,
  revision: string,
  warnings: readonly Diagnostic[] = [],
): string {
  const changes = plan.changes.filter((change) => change.action !== 'noop');
  const lines = [`### Shipshape plan: ${summaryLine(plan)}`, '', `Revision ${code(revision)}`, ''];
  if (changes.length === 0) lines.push('No changes. Live resources match the manifests.', '');
  else {
    lines.push(
      '| action | resource | fields | note |',
      '| --- | --- | --- | --- |',
      ...changes.map(tableRow),
      '',
    );
    lines.push(...changes.flatMap(details));
  }
  if (warnings.length > 0)
    lines.push(`#### ${warnings.length} warning(s)`, '', ...warnings.map(diagnosticItem), '');
  return lines.join('\n');
}

/** An invalid revision as a markdown comment: every error at file:line:col. */
export function renderInvalidMarkdown(errors: readonly Diagnostic[]): string {
  return [
    `### Shipshape plan: the manifests are invalid (${errors.length} error(s))`,
    '',
    'Nothing was planned. Fix these and push again:',
    '',
    ...errors.map(diagnosticItem),
    '',
  ].join('\n');
}

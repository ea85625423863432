import type { DriftEntry, JsonValue } from '../diff/index.ts';
import { countByAction, type Plan, type PlannedChange } from './plan-types.ts';

const SYMBOL: Record<PlannedChange['action'], string> = {
  create: '+',
  update: '~',
  replace: '-/+',
  delete: '-',
  release: '<',
  noop: ' ',
  conflict: '!',
};

function show(value: JsonValue | undefined): string {
  return value === undefined ? '(absent)' : JSON.stringify(value);
}

function driftLine(entry: DriftEntry): string {
  if (entry.actual === undefined) return `      + ${entry.path}: ${show(entry.desired)}`;
  if (entry.desired === undefined) return `      - ${entry.path}: ${show(entry.actual)}`;
  return `      ~ ${entry.path}: ${show(entry.actual)} -> ${show(entry.desired)}`;
}

/** A plan as text, like Terraform's: one line a resource, its field changes below it. */
export function renderPlan(plan: Plan): string {
  const lines: string[] = [];
  for (const change of plan.changes) {
    if (change.action === 'noop') continue;
    const label = `${SYMBOL[change.action].padStart(3)} ${change.identity}`;
    if (change.action === 'conflict') {
      lines.push(`${label}  conflict: ${change.message}`);
      continue;
    }
    lines.push(`${label}  ${change.action}`);
    if (change.action === 'update' || change.action === 'replace') lines.push(...change.drift.map(driftLine));
  }
  const counts = countByAction(plan);
  if (lines.length === 0) lines.push('No changes. Live resources match the manifests.');
  lines.push(
    '',
    `Plan: ${counts.create} to create, ${counts.update} to update, ${counts.replace} to replace, ${counts.delete} to delete` +
      (counts.release > 0 ? `, ${counts.release} to release` : '') +
      (counts.conflict > 0 ? `, ${counts.conflict} in conflict.` : '.'),
  );
  return lines.join('\n');
}

/** The plan as data for `--output json`. */
export function planAsJson(plan: Plan): JsonValue {
  return {
    changes: plan.changes.map((change) => ({
      identity: change.identity,
      kind: change.kind,
      action: change.action,
      ...('drift' in change ? { drift: change.drift.map((entry) => ({ ...entry })) } : {}),
      ...(change.action === 'conflict' ? { message: change.message } : {}),
    })) as JsonValue,
    summary: countByAction(plan),
  };
}

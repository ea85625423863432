import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../src/cli/dispatch.ts';
import { createStatusCommand } from '../../src/cli/status.ts';
import { service, taskDefinition } from '../runtime/healing-workload.ts';
import { type RuntimeHarness, startRuntimeHarness } from '../support/runtime-harness.ts';
import { CliOutput } from './cli-output.ts';
import { closedPort } from './closed-port.ts';

vi.setConfig({ testTimeout: 60_000 });

const cluster = (name: string, namespace: string) =>
  `apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec: {}\n`;

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

let h: RuntimeHarness;

async function status(...args: string[]): Promise<CliOutput & { code: number }> {
  const out = new CliOutput();
  const code = await dispatch(['status', '--api', h.running.url, ...args], out.io);
  return Object.assign(out, { code });
}

/** The table's data lines as cells (split on the runs of spaces between columns). */
const cells = (table: string): string[][] =>
  table
    .trim()
    .split('\n')
    .map((line) => line.split(/ {2,}/));

beforeAll(async () => {
  h = await startRuntimeHarness({
    seed: {
      'heal/cluster.yaml': cluster('heal', 'heal'),
      'heal/web-task.yaml': taskDefinition('web', 'web:1'),
      // Report-only, so a hand edit stays as drift for the table to count.
      'heal/web.yaml': service('web', '  selfHeal: false\n'),
      'other/cluster.yaml': cluster('other', 'other'),
    },
  });
  await h.waitFor('every resource Synced and Healthy', async () => {
    h.local.emulator.emulator.clock.advance(15_000);
    const run = await status('--output', 'json');
    const { resources } = JSON.parse(run.stdout) as { resources: Array<{ sync: string; health: string }> };
    return resources.length === 4 && resources.every((r) => r.sync === 'Synced' && r.health === 'Healthy');
  });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('shipshape status', () => {
  it('prints every resource as a row: kind, namespace/name, sync, health, drift, last change', async () => {
    const run = await status();
    expect(run.code).toBe(0);
    const rows = cells(run.stdout);
    expect(rows[0]).toEqual(['KIND', 'NAMESPACE/NAME', 'SYNC', 'HEALTH', 'DRIFT', 'LAST CHANGE']);
    expect(rows.slice(1).map((row) => row.slice(0, 5))).toEqual([
      ['Cluster', 'heal/heal', 'Synced', 'Healthy', '0'],
      ['Service', 'heal/web', 'Synced', 'Healthy', '0'],
      ['TaskDefinition', 'heal/web', 'Synced', 'Healthy', '0'],
      ['Cluster', 'other/other', 'Synced', 'Healthy', '0'],
    ]);
    for (const row of rows.slice(1)) expect(row[5]).toMatch(ISO);
  });

  it('follows every page of GET /status', async () => {
    const out = new CliOutput();
    const code = await createStatusCommand({ pageSize: 1 }).run(['--api', h.running.url], out.io);
    expect(code).toBe(0);
    expect(cells(out.stdout).map((row) => row[1])).toEqual([
      'NAMESPACE/NAME',
      'heal/heal',
      'heal/web',
      'heal/web',
      'other/other',
    ]);
  });

  it('filters by namespace and kind', async () => {
    const byNamespace = await status('--namespace', 'other');
    expect(
      cells(byNamespace.stdout)
        .slice(1)
        .map((row) => row[1]),
    ).toEqual(['other/other']);
    const byKind = await status('--kind', 'Cluster');
    expect(
      cells(byKind.stdout)
        .slice(1)
        .map((row) => row[1]),
    ).toEqual(['heal/heal', 'other/other']);
    const none = await status('--kind', 'Listener');
    expect(none.stdout).toBe('No resources.\n');
  });

  it('prints the rows as JSON with --output json', async () => {
    const run = await status('--output', 'json', '--namespace', 'other');
    expect(JSON.parse(run.stdout)).toEqual({
      resources: [
        expect.objectContaining({
          kind: 'Cluster',
          namespace: 'other',
          name: 'other',
          sync: 'Synced',
          drift: 0,
        }),
      ],
    });
  });

  it('with --watch prints the table, then a row when a resource changes', async () => {
    const out = new CliOutput();
    const stop = new AbortController();
    const running = createStatusCommand({ signal: stop.signal }).run(
      ['--watch', '--api', h.running.url, '--namespace', 'heal'],
      out.io,
    );
    await out.until('the table', (text) => text.includes('TaskDefinition'));
    const tableLines = out.stdout.trim().split('\n').length;
    const changed = (pattern: RegExp) => (text: string) =>
      text
        .split('\n')
        .slice(tableLines)
        .some((line) => pattern.test(line));

    // A suspension through the CLI is a transition the stream reports.
    vi.stubEnv('SHIPSHAPE_API_TOKEN', h.config.apiToken ?? '');
    const suspend = new CliOutput();
    try {
      expect(await dispatch(['suspend', 'Cluster/heal/heal', '--api', h.running.url], suspend.io)).toBe(0);
      await out.until('the suspended cluster row', changed(/^Cluster +heal\/heal +Synced +Suspended +0 /));
      expect(await dispatch(['resume', 'Cluster/heal/heal', '--api', h.running.url], suspend.io)).toBe(0);
    } finally {
      vi.unstubAllEnvs();
    }

    await h.aws.ecs.send(new UpdateServiceCommand({ cluster: 'heal', service: 'web', desiredCount: 5 }));
    await out.until('the drifted service row', changed(/^Service +heal\/web +OutOfSync +\S+ +1 /));
    stop.abort();
    expect(await running).toBe(0);
    // The other namespace is filtered out of the stream too.
    expect(out.stdout).not.toContain('other/other');

    const after = await status('--namespace', 'heal', '--kind', 'Service');
    // Health follows the five tasks starting; sync and the drift count are the hand edit's.
    const [kind, name, sync, , drift] = cells(after.stdout)[1] ?? [];
    expect([kind, name, sync, drift]).toEqual(['Service', 'heal/web', 'OutOfSync', '1']);
  });

  it('stops --watch after maxEvents changes', async () => {
    const out = new CliOutput();
    // A namespace of its own: the first change it sees can only be the new resource's.
    const running = createStatusCommand({ maxEvents: 1 }).run(
      ['--watch', '--api', h.running.url, '--namespace', 'fresh', '--kind', 'Cluster'],
      out.io,
    );
    await out.until('the table', (text) => text.includes('No resources.'));
    await h.commit({ 'fresh/second.yaml': cluster('second', 'fresh') });
    expect(await running).toBe(0);
    expect(out.stdout.trim().split('\n').at(-1)).toMatch(/^Cluster +fresh\/second /);
  });

  it('says which URL it could not reach, and exits 1', async () => {
    const closed = await closedPort();
    const out = new CliOutput();
    const code = await dispatch(['status', '--api', `http://127.0.0.1:${closed}`], out.io);
    expect(code).toBe(1);
    expect(out.stderr).toBe(
      `shipshape status: cannot reach the Shipshape API at http://127.0.0.1:${closed}/status?limit=1000: connection refused (is the operator running? see --api)\n`,
    );
  });

  it('refuses an unknown output as a bad command line', async () => {
    const run = await status('--output', 'yaml');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown output "yaml"');
  });
});

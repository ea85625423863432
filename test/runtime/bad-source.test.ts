import { readFileSync } from 'node:fs';
import { DescribeClustersCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RuntimeHarness, startRuntimeHarness } from '../support/runtime-harness.ts';

vi.setConfig({ testTimeout: 90_000 });

const TOKEN = 'e2e-token-0123456789abcdef';
const fixture = (folder: string) =>
  readFileSync(new URL(`../fixtures/invalid/${folder}/cluster.yaml`, import.meta.url));
const cluster = (name: string) =>
  `apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: ${name}, namespace: bad}\nspec: {}\n`;

interface SourceError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: string;
}

interface RevisionRecord {
  readonly id: string;
  readonly result: string;
  readonly errors?: readonly SourceError[];
}

let h: RuntimeHarness;
beforeAll(async () => {
  // The bucket holds an alias bomb before Shipshape first looks at it.
  h = await startRuntimeHarness({ seed: { 'bomb.yaml': fixture('61-yaml-alias-bomb') } });
});
afterAll(async () => {
  await h?.close();
});

async function sourceErrors(): Promise<readonly SourceError[]> {
  const body = (await (await fetch(`${h.running.url}/status`)).json()) as {
    operator: { sourceErrors: SourceError[] };
  };
  return body.operator.sourceErrors;
}

async function revisions(): Promise<readonly RevisionRecord[]> {
  const body = (await (await fetch(`${h.running.url}/revisions`)).json()) as { revisions: RevisionRecord[] };
  return body.revisions;
}

const sync = () =>
  fetch(`${h.running.url}/sync`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });

describe('a source that cannot be parsed', () => {
  it('lets the operator start and serve the rejection, file, line and column', async () => {
    // The first look's result is written once the look is done, which can be after start returns.
    const errors = await h.waitFor('the rejection in the status', async () => {
      const found = await sourceErrors();
      return found.length > 0 ? found : undefined;
    });
    expect(errors).toEqual([
      expect.objectContaining({ code: 'SS163', file: 'live/bomb.yaml', line: 8, column: 12 }),
    ]);
    const [rejected] = await h.waitFor('the rejection in the history', async () => {
      const list = await revisions();
      return list.length > 0 ? list : undefined;
    });
    expect(rejected).toMatchObject({ result: 'rejected' });
    expect(rejected?.errors?.[0]).toMatchObject({ code: 'SS163', file: 'live/bomb.yaml' });
  });

  it('takes a good revision once the bomb is gone', async () => {
    await h.remove('bomb.yaml');
    await h.commit({ 'good.yaml': cluster('good') });
    expect((await sync()).status).toBe(202);
    await h.waitFor('the good cluster', async () => {
      const answer = await h.aws.ecs.send(new DescribeClustersCommand({ clusters: ['good'] }));
      return answer.clusters?.[0]?.status === 'ACTIVE';
    });
    // The history is written after the revision is decided: wait for the errors to clear.
    await h.waitFor('the source errors cleared', async () => (await sourceErrors()).length === 0);
  });

  it('records a bad revision read through POST /sync, and keeps the good one in force', async () => {
    const inForce = h.running.tracker.current()?.revision.id;
    await h.commit({ 'latin1.yaml': fixture('60-file-not-utf8') });
    const answer = await sync();
    expect(answer.status).toBe(202);
    const errors = await h.waitFor('the encoding error', async () => {
      const found = await sourceErrors();
      return found.some((error) => error.code === 'SS105') ? found : undefined;
    });
    expect(errors).toEqual([
      expect.objectContaining({ code: 'SS105', file: 'live/latin1.yaml', line: 8, column: 14 }),
    ]);
    // The history is written after the status shows the errors: wait for the record itself.
    const latest = await h.waitFor('the rejected revision recorded', async () => {
      const [newest] = await revisions();
      return newest?.errors?.[0]?.code === 'SS105' ? newest : undefined;
    });
    expect(latest).toMatchObject({ result: 'rejected' });
    expect(latest.errors?.[0]).toMatchObject({ code: 'SS105', file: 'live/latin1.yaml', line: 8 });
    expect(h.running.tracker.current()?.revision.id).toBe(inForce);
  });
});

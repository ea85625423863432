import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isReadOperation } from '../../src/aws/call-stats.ts';
import { INVALID_FIXTURES } from '../support/invalid-fixtures.ts';
import { type RuntimeHarness, startRuntimeHarness } from '../support/runtime-harness.ts';

vi.setConfig({ testTimeout: 150_000, hookTimeout: 60_000 });

const INVALID = fileURLToPath(new URL('../fixtures/invalid/', import.meta.url));
const PREFIX = 'live/';
// Sorts after every case folder, so a case's own error stays the first one.
const GOOD = {
  'zz-good.yaml': `apiVersion: shipshape.dev/v1
kind: Cluster
metadata: {name: keep, namespace: zz-good}
spec: {}
`,
};

interface SourceError {
  code: string;
  file: string;
  line: number;
  path?: string;
}

let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness({
    prefix: PREFIX,
    config: {
      // Read only on POST /sync: a case of several files is put one object at a time, and a
      // poll between two puts could see a part of it, which may well be valid.
      pollSeconds: 3_600,
      resyncSeconds: 60,
      driftScanSeconds: 60,
    },
  });
});
afterAll(async () => {
  await h?.close();
});

/** The case's files as bytes: a file that is not UTF-8 must reach the bucket as it is. */
function caseFiles(folder: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(`${INVALID}${folder}`)) {
    files[`${folder}/${name}`] = readFileSync(`${INVALID}${folder}/${name}`);
  }
  return files;
}

/** AWS writes the emulator has answered, of any outcome. */
function awsWrites(): number {
  let sum = 0;
  for (const [action, counts] of Object.entries(h.local.emulator.emulator.requests.snapshot())) {
    const operation = action.split(':')[1] ?? '';
    if (!isReadOperation(operation)) sum += Object.values(counts).reduce((a, b) => a + b, 0);
  }
  return sum;
}

async function sync(): Promise<void> {
  const answer = await fetch(`${h.running.url}/sync`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.config.apiToken ?? ''}` },
  });
  expect(answer.status).toBeLessThan(300);
}

async function sourceErrors(): Promise<SourceError[]> {
  const body = (await (await fetch(`${h.running.url}/status`)).json()) as {
    operator: { sourceErrors: SourceError[] };
  };
  return body.operator.sourceErrors;
}

async function poll<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('bad input through the S3 source', () => {
  it('applies the good revision first', async () => {
    await h.commit(GOOD);
    await sync();
    await h.waitFor('the good cluster', async () =>
      (await h.running.operator.statuses()).some((s) => s.sync === 'Synced'),
    );
  });

  it('rejects each of at least 50 kinds of bad input with its exact error, no AWS write, the good revision in force', async () => {
    expect(INVALID_FIXTURES.length).toBeGreaterThanOrEqual(50);
    const good = h.running.tracker.current()?.revision.id;
    expect(good).toBeDefined();
    const writes = awsWrites();
    const mismatches: string[] = [];
    for (const expected of INVALID_FIXTURES) {
      const files = caseFiles(expected.folder);
      await h.commit(files);
      await sync();
      const file = `${PREFIX}${expected.folder}/${expected.file}`;
      const errors = await poll(`the rejection of ${expected.folder}`, async () => {
        const now = await sourceErrors();
        return now[0]?.file.startsWith(`${PREFIX}${expected.folder}/`) === true ? now : undefined;
      });
      const first = errors[0];
      const seen = {
        code: first?.code,
        file: first?.file,
        line: first?.line,
        path: first?.path,
        count: errors.length,
      };
      // The status API gives an error without a field path as ''.
      const wanted = {
        code: expected.code,
        file,
        line: expected.line,
        path: expected.path ?? '',
        count: expected.count,
      };
      if (JSON.stringify(seen) !== JSON.stringify(wanted))
        mismatches.push(`${expected.folder}: ${JSON.stringify(seen)} != ${JSON.stringify(wanted)}`);
      expect(h.running.tracker.current()?.revision.id).toBe(good);
      await h.remove(...Object.keys(files));
    }
    expect(mismatches).toEqual([]);
    // A resync over the good revision, every resource reconciled: still nothing written.
    await sync();
    await h.running.operator.resync({ spread: false });
    await poll('the resync worked off', async () => (h.running.operator.settled ? true : undefined));
    expect(awsWrites()).toBe(writes);
    expect(h.running.tracker.current()?.revision.id).toBe(good);
  });
});

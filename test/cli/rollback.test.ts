import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RecordingActions } from '../api/recording-actions.ts';
import { SECRET_TOKEN } from '../api/seeded-store.ts';
import { type RecordingApi, startRecordingApi } from './recording-api.ts';

let api: RecordingApi;
let actions: RecordingActions;
const shipshape = (...args: string[]) => api.shipshape(...args);

beforeAll(async () => {
  api = await startRecordingApi();
  actions = api.actions;
  vi.stubEnv('SHIPSHAPE_API_TOKEN', '');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await api?.close();
});

describe('shipshape rollback', () => {
  it('rolls a Service back to the one before, printing what the API said', async () => {
    const run = await shipshape('rollback', 'Service/shop/web');
    expect(run).toMatchObject({
      code: 0,
      stdout:
        'Service/shop/web rolled back to web:1; self-heal leaves it there until its manifest changes.\n',
      stderr: '',
    });
    expect(actions.calls.at(-1)).toBe('rollback Service/shop/web {}');
  });

  it('passes --to on', async () => {
    const run = await shipshape('rollback', 'Service/shop/web', '--to', 'sha256:abcdef1');
    expect(run.code).toBe(0);
    expect(actions.calls.at(-1)).toBe('rollback Service/shop/web {"to":"sha256:abcdef1"}');
  });

  it('exits 1 with the reason when the operator refuses or knows no such service', async () => {
    const refused = await shipshape('rollback', 'Service/shop/web', '--to', 'refuse');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('409 ECS does not know task definition refuse');
    const unknown = await shipshape('rollback', 'Service/shop/ghost');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('404');
    expect(refused.stderr + unknown.stderr).not.toContain(SECRET_TOKEN);
  });

  it('exits 2 on a bad command line, calling nothing', async () => {
    const before = actions.calls.length;
    for (const args of [
      ['rollback'],
      ['rollback', 'Cluster/ops/main'],
      ['rollback', 'Service/shop'],
      ['rollback', 'Service/shop/web', 'Service/shop/api'],
      ['rollback', 'Service/shop/web', '--to', ''],
      ['rollback', 'Service/shop/web', '--bogus'],
    ]) {
      const run = await shipshape(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('usage: shipshape rollback');
    }
    expect(actions.calls.length).toBe(before);
  });
});

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

describe('shipshape rollout', () => {
  it('promotes a paused rollout, printing what the API said; then exits 1: nothing is paused', async () => {
    const run = await shipshape('rollout', 'promote', 'Service/shop/web');
    expect(run).toMatchObject({
      code: 0,
      stdout: 'Service/shop/web: the rollout paused at POST_TEST_TRAFFIC_SHIFT is promoted.\n',
      stderr: '',
    });
    expect(actions.calls.at(-1)).toBe('promote Service/shop/web');
    const again = await shipshape('rollout', 'abort', 'Service/shop/web');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('409 Nothing of Service/shop/web is paused at a manual rollout gate.');
    expect(actions.calls.at(-1)).toBe('abort Service/shop/web');
    const unknown = await shipshape('rollout', 'abort', 'Service/shop/ghost');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('404');
    expect(again.stderr + unknown.stderr).not.toContain(SECRET_TOKEN);
  });

  it('exits 2 on a bad command line, calling nothing', async () => {
    const before = actions.calls.length;
    for (const args of [
      ['rollout'],
      ['rollout', 'promote'],
      ['rollout', 'continue', 'Service/shop/web'],
      ['rollout', 'abort', 'Cluster/ops/main'],
      ['rollout', 'abort', 'Service/shop'],
      ['rollout', 'promote', 'Service/shop/web', 'Service/shop/api'],
      ['rollout', 'promote', 'Service/shop/web', '--bogus'],
    ]) {
      const run = await shipshape(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('usage: shipshape rollout');
    }
    expect(actions.calls.length).toBe(before);
  });
});

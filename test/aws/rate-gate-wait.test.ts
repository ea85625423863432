import { describe, expect, it } from 'vitest';
import { rateLimitedGate } from '../../src/aws/rate-gate.ts';
import { ManualScheduler, settle } from '../../src/reconcile/index.ts';

describe('the rate gate reports how long each attempt waited for its token', () => {
  it('reports 0 while the bucket holds a token, and the wait for one once it is empty', async () => {
    const scheduler = new ManualScheduler();
    const waits: string[] = [];
    // ecs:cluster-modify at a tenth of its rate: a bucket of one token, one more every 10 s.
    const { gate } = rateLimitedGate({
      scheduler,
      share: 0.1,
      onWait: (service, group, ms) => waits.push(`${service} ${group} ${ms}`),
    });
    await gate.before('ecs', 'CreateCluster');
    expect(waits).toEqual(['ecs cluster-modify 0']);

    let through = false;
    const second = gate.before('ecs', 'DeleteCluster').then(() => {
      through = true;
    });
    await scheduler.advance(9_999);
    expect(through).toBe(false);
    expect(waits).toHaveLength(1);
    await scheduler.advance(1);
    await second;
    await settle();
    expect(waits).toEqual(['ecs cluster-modify 0', 'ecs cluster-modify 10000']);
  });

  it('reports nothing for a wait cut short by the call being aborted', async () => {
    const scheduler = new ManualScheduler();
    const waits: number[] = [];
    const { gate } = rateLimitedGate({ scheduler, share: 0.1, onWait: (_s, _g, ms) => waits.push(ms) });
    await gate.before('ecs', 'CreateCluster');
    const abort = new AbortController();
    const second = gate.before('ecs', 'CreateCluster', abort.signal);
    abort.abort(new Error('shutdown'));
    await expect(second).rejects.toThrow('shutdown');
    expect(waits).toEqual([0]);
  });
});
